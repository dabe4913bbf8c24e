/*
 * solve_int.h — internal to the solve layer (solve*.c): the state of one solve and the
 * functions its files share. Not for other modules.
 */
#ifndef TICO_SOLVE_INT_H
#define TICO_SOLVE_INT_H

#include <glpk.h>
#include <signal.h>
#include <stdbool.h>

#include "solve.h"

typedef struct {
    Build *B;
    const SolveParams *sp;
    double *start;        /* start values [ncols + 1] or NULL */
    bool start_tried, start_accepted;
    bool progress;        /* progress lines on stderr (not quiet) */
    bool tty;             /* stderr is a terminal: redraw one line; else a line every 10 s */
    bool printed;
    double t0, last_print;
    double gap;           /* proven relative gap of the incumbent; DBL_MAX none */
    double bound;         /* best bound seen (the open nodes' lowest); -DBL_MAX none */
    bool gap_reached;     /* the gap is within sp->mip_gap: the search was stopped for it */
    bool stopped_by_signal; /* SIGINT or SIGTERM (stop.h) stopped the search */
    bool warm;
    bool cutoff;          /* warm: the start's value as GLPK's incumbent, presolver kept (mip_cutoff) */
    double cutoff_obj;
    bool cutoff_on;       /* inside mip_cutoff's branch-and-cut */
    bool tree_improved;   /* its tree held an incumbent better than cutoff_obj */
    int heur_calls, heur_found, dives;
    /* results */
    int ret, lp_status, mip_status;
    double obj;
    double *val;          /* [ncols + 1] */
    double *dual;         /* [nrows + 1] */
    bool duals_ok;
} Ctx;

/* Monotonic seconds. */
double solve_now(void);
/* A GLPK time limit in ms for `seconds` (INT_MAX when none). */
int solve_tm_ms(double seconds);
/* Seconds left of the solve's time limit (INFINITY without one). */
double solve_time_left(const Ctx *X);

/* Heuristics run from the branch-and-cut callback (solve_heur.c). */
void solve_round_heuristic(glp_tree *tree, Ctx *X);
void solve_dive_heuristic(glp_tree *tree, Ctx *X);

/* x (column values of B, 1-based) a solution GLPK could have returned: integral within 1e-5
 * (GLPK's tol_int) where B has integers, within every bound (1e-6 x (1 + |bound|)) and row
 * of B as it stands (1e-6 x (1 + |bound| + sum |a_ij x_j|): GLPK's tolerances are on the
 * scaled problem). Values postprocessed from an unset presolved solution fail it grossly. */
bool solve_values_feasible(Build *B, const double *x);

/* v, or 0 when |v| < 1e-9 (solver noise). */
double solve_clean(double v);

/* Every field of solution.h from X's column values and row duals (solve_fill.c). */
void solve_fill(const Build *B, Solution *s, const Ctx *X);

#endif
