/*
 * solution.h — the result of one solve, as plain values indexed like the Model.
 *
 * The solver (solve.c) fills it from GLPK's column and row values; reports, MACC, Monte
 * Carlo and TIC read only this and the Model, never GLPK and never row/column names.
 *
 * Indexing (T periods, S slices; all arrays row-major in the order written):
 *   plant-route arrays  [(plant_off[p] + r) * T + t]   r = slot in Plant.routes
 *   per plant           [p * T + t]
 *   per asset           [i * T + t]      per asset and slice  [(i * T + t) * S + s]
 *   per market          [(k * T + t) * S + s]  (annual commodities: s = 0 holds the flow)
 *   per commodity       [(c * T + t) * S + s]  (annual commodities: s = 0)
 *   spurs               [p * C + c]      (C = ncommodities)
 * Money is in the Model's currency; "npv" values are discounted to base_year, "annual"
 * values are undiscounted EUR per year of the period.
 *
 * Ownership: solution_new() allocates every array; solution_free() frees it all.
 */
#ifndef TICO_SOLUTION_H
#define TICO_SOLUTION_H

#include <stdbool.h>
#include <stddef.h>

#include "model.h"

typedef enum {
    SOL_OPTIMAL,       /* "optimal": the proven gap is within the MIP gap asked for */
    SOL_FEASIBLE,      /* "feasible": stopped by the time limit with an incumbent */
    SOL_INFEASIBLE,    /* "infeasible" */
    SOL_NO_SOLUTION,   /* "no_solution_in_limit" */
    SOL_INTERRUPTED    /* "interrupted": stopped by SIGINT or SIGTERM with an incumbent */
} SolStatus;

typedef enum {
    COST_CAPEX_PLANTS,
    COST_CAPEX_ASSETS,
    COST_CAPEX_SPURS,
    COST_FIXED_OM,
    COST_VAR_OM,
    COST_IMPORTS,
    COST_EXPORTS,      /* revenue counts negative; a negative export price (a fee) positive */
    COST_CARBON,       /* carbon price x net scope 1 of ETS entities */
    COST_SLACK,        /* elastic-mode penalties */
    NCOSTS
} CostComponent;

/* One violated constraint in elastic mode (SPEC §4.7). */
typedef enum { VIO_BALANCE_SHORT, VIO_BALANCE_SURPLUS, VIO_PRODUCTION, VIO_CAP, VIO_BUDGET } ViolationKind;

typedef struct {
    ViolationKind kind;
    int period;        /* -1 for the budget */
    int slice;         /* -1 when annual */
    int commodity;     /* balance violations, else -1 */
    int plant;         /* production violations, else -1 */
    double amount;     /* size of the violation, in the constraint's unit per year (t for budget) */
    char *text;        /* the sentence for the report */
} Violation;

typedef struct {
    SolStatus status;
    double gap;                /* proven relative gap |objective - bound| / |objective|; NaN unknown */
    double bound;              /* best proven lower bound of objective (NPV EUR); NaN unknown */
    double gap_requested;      /* the mip_gap the solve was asked for */
    double objective;          /* total_cost: NPV with carbon payments (and slack penalties) */
    double system_cost;        /* NPV without carbon payments */
    double carbon_cost;        /* NPV of carbon payments */
    double solve_seconds;
    int rows, cols, integers, nonzeros;   /* size of the MILP */

    int T, S, P, C;            /* copies of the Model's sizes */
    int *plant_off;            /* [P + 1] first route slot of each plant */

    /* plants */
    double *lines;             /* n[p,r,t] lines operating */
    double *built;             /* b[p,r,t] lines built or converted in t */
    double *production;        /* x[p,r,t] units per year */
    double *pool;              /* [p*T+t] surplus product fed to the cluster pool */
    double *gross, *captured, *net_scope1; /* [p*T+t] t CO2e per year */

    /* spurs */
    int *spur_period;          /* [p*C+c] period the spur is built, -1 none (or no spur needed) */

    /* assets */
    double *asset_built;       /* [i*T+t] modules built in t */
    double *asset_installed;   /* [i*T+t] modules installed (existing + alive builds) */
    double *activity;          /* [(i*T+t)*S+s] process activity, annual units in slice s */
    double *charge, *discharge, *level; /* storage, per slice */
    double *asset_gross, *asset_captured, *asset_net_scope1; /* [i*T+t] */

    /* markets */
    double *market_flow;       /* [(k*T+t)*S+s] units per year in slice s */
    double *market_scope2;     /* [k*T+t] t CO2e per year: co2 x imports of a market with co2_scope 2
                                * (bought energy); 0 for the others */
    double *market_scope3;     /* [k*T+t] the same for co2_scope 3 (embedded in bought materials) */

    /* cluster totals per period */
    double *emissions_scope1;  /* [t] net scope 1 of plants and assets */
    double *emissions_scope2;  /* [t] bought energy (sum of market_scope2) */
    double *emissions_scope3;  /* [t] embedded in bought materials (sum of market_scope3) */
    double *emissions_captured;/* [t] */
    double *cost_annual;       /* [component*T+t] EUR per year */
    double *cost_npv;          /* [component*T+t] EUR, discounted */

    /* marginal prices from the LP with integers fixed (NaN when not available) */
    double *price;             /* [(c*T+t)*S+s] EUR per unit, undiscounted: dual / (DF_t x phi_s) */
    double *cap_price;         /* [t] EUR/t in period-t money: -dual / DF_t; NaN without a cap */
    double budget_price;       /* EUR/t, base-year money; NaN without a budget */
    bool duals;                /* prices were computed */

    /* elastic mode */
    Violation *violations;
    int nviolations;
} Solution;

Solution *solution_new(const Model *m);
void solution_free(Solution *s);

/* A Solution as bytes, to pass between processes (pool.h) of the same Model: every scalar
 * and array, not the violations. pack returns a malloc'd buffer (caller frees) and its
 * length; unpack returns a new Solution, or NULL when the bytes do not fit the Model. */
unsigned char *solution_pack(const Model *m, const Solution *s, size_t *len);
Solution *solution_unpack(const Model *m, const unsigned char *bytes, size_t len);

const char *solution_status_name(SolStatus st); /* "optimal", "feasible", ... */

/* The status in words with its gaps, for summaries and the terminal (SPEC §4.8):
 * "optimal within 0.001 %, proven gap 0.0004 %", "feasible (time limit), proven gap 2.1 %",
 * "interrupted, proven gap 3 %", "infeasible". Returns buf (at least SOL_WORDS_LEN chars). */
#define SOL_WORDS_LEN 128
const char *solution_status_words(const Solution *s, char *buf);
const char *cost_component_name(CostComponent c); /* "capex_plants", ... */

/* Index helpers (see the table above). */
static inline int sol_pr(const Solution *s, int p, int r, int t) { return (s->plant_off[p] + r) * s->T + t; }
static inline int sol_pt(const Solution *s, int p, int t) { return p * s->T + t; }
static inline int sol_its(const Solution *s, int i, int t, int sl) { return (i * s->T + t) * s->S + sl; }
static inline int sol_cts(const Solution *s, int c, int t, int sl) { return (c * s->T + t) * s->S + sl; }

#endif
