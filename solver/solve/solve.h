/*
 * solve.h — solve a built MILP with GLPK and fill a Solution (SPEC §4.8).
 *
 * The MILP runs through glp_intopt with the MIP presolver on, MIR cuts, pseudocost
 * branching, the gap and time limit of SolveParams, and a callback that stops the search on
 * Ctrl-C (SIGINT), reports progress, and runs a rounding heuristic (solve.c) that gives
 * GLPK a first incumbent early: on a generated 60-plant cluster (2.7k integers) the first
 * solution comes at 2 s instead of none in 120 s (cbc 2.10: 99 s).
 * After it, the integer columns are fixed at their values and the LP is re-solved with the
 * simplex method for duals:
 *   price of a balance  = dual / (DF_t phi_s)   (`slice`)   or   dual / DF_t   (`annual`)
 *                         EUR per unit, undiscounted; positive when demand costs money
 *   price of the cap    = -dual / DF_t          EUR/t in period-t money, > 0 when binding
 *   price of the budget = -dual                 EUR/t in base-year money
 * A Solution holds every value reports need (solution.h). Its cost components attribute a
 * build's capital cost to the periods it is paid in (annuity CRF x capex over the years of
 * its life inside the horizon), so that cost_npv summed over components and periods is the
 * objective; cost_annual is the mean EUR per year of the period.
 *
 * Re-solving (MACC sweeps, Monte Carlo, infrastructure value): keep one Build, change its
 * policy with build_set_carbon_price() / build_set_caps() (build.h) and call solve_build()
 * again: nothing is rebuilt. Pass the previous Solution as SolveParams.start: when it is
 * feasible for the Build as it stands (checked here, row by row: GLPK does not check), its
 * pathway is re-solved at the current objective (integers fixed, continuous part
 * optimised) and that value is handed to GLPK's branch-and-cut as the incumbent's value
 * (glp_iocp.use_sol), with the MIP presolver kept: the tree prunes against it from the first
 * node and the gap stop measures against it (solve.c, mip_cutoff). A start that is not
 * feasible (e.g. a tighter cap) is ignored and the solve is cold. Until issue 13 a start was
 * handed over as a solution with glp_ios_heur_sol, which needs the original problem's
 * columns and so cost the MIP presolver; that form is kept behind TICO_WARM_NOPRESOLVE=1.
 * Measured on Dunkirk at gap 1e-6 (bench/warmstat, CPU s of one process, shared machine):
 * price 125 from the optimum at 100: cold 2.50, warm 1.44, warm without presolver 1.81;
 * price 275 from 250: cold 3.25, warm 3.01; price 25 from 0: cold 0.91, warm 0.84. A start
 * saves the search for an incumbent, not the proof of the bound, which is most of a point.
 * The 17-point price sweep: 75.9 CPU s cold, 67.8 warm (bench/RESULTS.md).
 *
 * Ownership: solve_build() borrows the Build (it changes column bounds only while solving
 * the dual LP and restores them) and returns a new Solution the caller frees with
 * solution_free(). SolveParams.start is borrowed.
 */
#ifndef TICO_SOLVE_H
#define TICO_SOLVE_H

#include <stdbool.h>

#include "build.h"
#include "model.h"
#include "solution.h"
#include "tico.h"

typedef struct {
    double mip_gap;         /* relative MIP gap */
    double time_limit;      /* seconds for the whole solve; <= 0 = none */
    bool quiet;             /* no progress on stderr (progress is shown only when stderr is a tty) */
    bool duals;             /* fix the integers and re-solve the LP for marginal prices */
    const Solution *start;  /* borrowed: a solution of a Build of the same Model and BuildOpts, tried
                             * as the first incumbent; NULL = cold start */
} SolveParams;

/* What happened inside one solve (for benchmarks and sweeps). */
typedef struct {
    bool start_feasible;    /* SolveParams.start satisfied every row and bound */
    bool start_accepted;    /* GLPK took it as its incumbent */
    bool interrupted;       /* stopped by Ctrl-C */
    int heuristic_solutions;/* incumbents found by the rounding heuristic */
    double mip_seconds;     /* LP relaxation + branch-and-cut */
    double dual_seconds;    /* the LP with integers fixed */
    int glpk_status;        /* glp_intopt's return code */
} SolveInfo;

/* Defaults from the Model (solver.mip_gap, solver.time_limit, already overridden by the
 * command line) and quiet; duals on, no start. */
void solve_params_default(SolveParams *sp, const Model *m, bool quiet);

/* Solve B with its policy as it stands. Returns
 *   TICO_OK          optimal (within the gap) or feasible (stopped by a limit or Ctrl-C with an
 *                    incumbent: status SOL_FEASIBLE, gap set)
 *   TICO_EINFEASIBLE no feasible solution exists (status SOL_INFEASIBLE)
 *   TICO_ENOSOL      a limit was reached with no feasible solution (status SOL_NO_SOLUTION)
 * and in those three cases *out is a new Solution (the caller frees it). Otherwise *out is
 * NULL: TICO_EINPUT when the problem is unbounded, TICO_EINTERNAL on a solver failure, each
 * with a message on stderr. info may be NULL. */
TicoStatus solve_build(Build *B, const SolveParams *sp, Solution **out, SolveInfo *info);

/* Build m with opt, solve it, free the Build: the one-call form. Same returns as solve_build. */
TicoStatus solve_model(const Model *m, const BuildOpts *opt, const SolveParams *sp, Solution **out);

/* The column values of B that solution s stands for, in x[1..B->ncols] (x has ncols + 1
 * entries): decisions from s, accounting columns from their defining rows, elastic slacks
 * sized to close their rows. Returns true when s has the Build's dimensions and the values
 * satisfy every bound, integrality and row of B as it stands (relative tolerance 1e-7). */
bool solve_start_values(Build *B, const Solution *s, double *x);

/* Internal (solve.c -> solve_explain.c): append to s->violations every elastic slack of v
 * (column values of B, 1-based) above 1e-6, each with its sentence and likely cause. */
void solve_explain(const Build *B, Solution *s, const double *v);

#endif
