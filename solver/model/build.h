/*
 * build.h — the MILP of SPEC §4 as a GLPK problem, and the maps from every column and row
 * back to what it means (plant, route, period, slice, ...).
 *
 * One builder file per block of SPEC §4, each opening with its mathematics:
 *   build_plants.c     §4.1  lines n, builds b, production x, pool, production rows
 *   build_spurs.c      §4.2  spur binaries w and their big-M rows
 *   build_assets.c     §4.3  modules m, process activity a, storage q+ q- v
 *   build_balances.c   §4.4  market flows f and the commodity balances
 *   build_policy.c     §4.5  emission accounting, carbon-price base, caps, budget
 *   build_objective.c  §4.6  the NPV objective (one coefficient per column)
 * build.c holds the Build object, the staging arrays, the one glp_load_matrix, and the stock
 * recursion the builders share.
 *
 * Non-zeros linear in periods and slices (issue 13): where it is sparser, the builds still
 * alive of a route (alive_/stock_ rows, build_plants.c), the modules alive of an asset
 * (malive_/mstock_, build_assets.c) and the spurs in service (on_/spuron_, build_spurs.c)
 * are stock columns defined by K[t] = K[t-1] + built in t - builds reaching end of life in t,
 * instead of sums over every build written out in each row; and the flat plant flows of a
 * `slice` commodity enter its slice rows through one column per period (pf_/def_pf_,
 * build_balances.c) instead of one term per plant and route in every slice. Each has the
 * same optimum; TICO_BUILD_DIRECT (Build.direct) writes the sums out as before.
 *
 * Rows are written in the units a reader expects: a `slice` balance is divided by phi_s so
 * that it reads in units per year (a flat plant flow keeps its coefficient, a per-slice
 * flow f_s — an annual total inside slice s — enters as f_s / phi_s). Its dual divided by
 * DF_t x phi_s is then EUR per unit, as SPEC §4.8 states.
 *
 * Ownership: build_new() returns a Build that owns its glp_prob and every array in it; the
 * Model is borrowed and must outlive the Build. Free with build_free().
 */
#ifndef TICO_BUILD_H
#define TICO_BUILD_H

#include <glpk.h>
#include <stdbool.h>

#include "model.h"
#include "tico.h"

typedef struct {
    bool elastic;       /* priced slack on balances, production requirements, caps, budget (§4.7) */
    double penalty;     /* EUR per unit of slack per year (per t for the budget); elastic only */
    bool policy_rows;   /* build a cap row for every period and a budget row even when the Model has
                         * none (left free), so that build_set_caps() can add caps later (MACC) */
} BuildOpts;

/* What a column is. Index fields: e = plant, asset, market or commodity; k = route slot of the
 * plant (Plant.routes) or commodity; t = period; s = slice (-1 when not per slice). */
typedef enum {
    COL_LINES,      /* n[p,r,t]   integer, lines operating on route r          e=p k=r */
    COL_BUILD,      /* b[p,r,t]   integer, lines built or converted to r in t  e=p k=r */
    COL_PROD,       /* x[p,r,t]   annual production on r                       e=p k=r */
    COL_POOL,       /* pool[p,t]  surplus product fed to the cluster pool      e=p */
    COL_SPUR,       /* w[p,c,t]   binary, spur built in t                      e=p k=c */
    COL_MODULES,    /* m[i,t]     integer, modules built in t                  e=i */
    COL_ACTIVITY,   /* a[i,t,s]   process activity, annual total in slice s    e=i */
    COL_CHARGE,     /* q+[i,t,s]  storage charge, annual total in slice s      e=i */
    COL_DISCHARGE,  /* q-[i,t,s]  storage discharge                            e=i */
    COL_LEVEL,      /* v[i,t,s]   storage level at the start of slice s        e=i */
    COL_MARKET,     /* f[k,t,s]   market flow (s = -1 for annual commodities)   e=k */
    COL_EM,         /* E_t        emissions as capped: net scope 1 (+ scope 2) */
    COL_EM_ETS,     /* net scope 1 of ETS entities in t: pays the carbon price */
    COL_CONST,      /* fixed at 1: carries the constant part of the objective */
    COL_SHORT,      /* elastic: shortfall of a balance                         e=c */
    COL_SURPLUS,    /* elastic: surplus of a balance that cannot be disposed   e=c */
    COL_PROD_SHORT, /* elastic: production short of the requirement            e=p */
    COL_CAP_SLACK,  /* elastic: emissions above the cap of t */
    COL_BUDGET_SLACK, /* elastic: emissions above the budget */
    COL_ALIVE,      /* K[p,r,t]   lines built on r and still alive in t        e=p k=r */
    COL_MOD_ALIVE,  /* L[i,t]     modules built and still alive in t           e=i */
    COL_SPUR_ON,    /* z[p,c,t]   spur in service in t: sum_{t'<=t} w          e=p k=c */
    COL_PLANT_FLOW  /* F[c,t]     net flow of c from every plant in t (flat)   e=c */
} ColKind;

typedef enum {
    ROW_LINES,      /* sum_r n[p,r,t] <= N_p                                   e=p */
    ROW_VINTAGE,    /* n[p,r,t] <= E[p,r,t] + alive builds                     e=p k=r */
    ROW_RUN,        /* x[p,r,t] <= availability Q_p n[p,r,t]                   e=p k=r */
    ROW_PRODUCTION, /* sum_r x = production + pool                             e=p */
    ROW_SPUR_ONCE,  /* sum_t w[p,c,t] <= 1                                     e=p k=c */
    ROW_SPUR_FLOW,  /* gross flow of c <= M sum_{t'<=t} w                      e=p k=c */
    ROW_MAX_MODULES,/* installed <= max_modules                                e=i */
    ROW_ACTIVITY,   /* a <= cf phi module U                                    e=i */
    ROW_CHARGE,     /* q+ <= power_ratio h module U                            e=i */
    ROW_DISCHARGE,  /* q- <= power_ratio h module U                            e=i */
    ROW_LEVEL_CAP,  /* v <= module U                                           e=i */
    ROW_LEVEL,      /* v[next] = v + (eff_in q+ - q-/eff_out) / occurrences    e=i */
    ROW_BALANCE,    /* supply = use (>= with dispose)                          e=c */
    ROW_MARKET_LIMIT, /* sum_s f[k,t,s] <= limit                               e=k */
    ROW_DEF_EM,     /* E_t = net scope 1 (+ scope 2) */
    ROW_DEF_EM_ETS, /* E^ets_t = net scope 1 of ETS entities */
    ROW_CAP,        /* E_t <= cap_t */
    ROW_BUDGET,     /* sum_t L_t E_t <= budget */
    ROW_STOCK,      /* K[t] = K[t-1] + b[t] - builds reaching end of life      e=p k=r */
    ROW_MOD_STOCK,  /* L[t] = L[t-1] + m[t] - modules reaching end of life     e=i */
    ROW_SPUR_ON,    /* z[t] = z[t-1] + w[t]                                    e=p k=c */
    ROW_PLANT_FLOW  /* F[c,t] = sum_{p,r} g x[p,r,t] + pool                    e=c */
} RowKind;

enum { BUILD_DIRECT_PLANTS = 1, BUILD_DIRECT_ASSETS = 2, BUILD_DIRECT_SPURS = 4, BUILD_DIRECT_FLOWS = 8 };

typedef struct {
    int kind;       /* ColKind or RowKind */
    int e, k, t, s;
} Meaning;

typedef struct Build {
    const Model *m;         /* borrowed */
    BuildOpts opt;
    glp_prob *lp;           /* owned; NULL after a GLPK error freed the environment */
    int T, S, C, R;         /* periods, slices, commodities, route slots (sum of Plant.nroutes) */
    int *route_off;         /* [P + 1] first route slot of each plant (as Solution.plant_off) */

    /* the problem, 1-based like GLPK: col[1..ncols], row[1..nrows] */
    int ncols, nrows;
    Meaning *col, *row;
    int nint;               /* integer columns */
    int *int_cols;          /* [nint] their indices */
    int *col_type0;         /* [ncols + 1] bounds of every column as built (build_allow_asset) */
    double *col_lb0, *col_ub0;

    /* entity -> column (0 = no such column) */
    int *n, *b, *x;         /* [slot * T + t] */
    int *pool;              /* [p * T + t] */
    int *w;                 /* [(p * C + c) * T + t] */
    int *mods;              /* [i * T + t] */
    int *act, *chg, *dis, *lvl; /* [(i * T + t) * S + s] */
    int *mkt;               /* [(k * T + t) * S + s]; annual commodities use s = 0 */
    int *alive;             /* [slot * T + t] K, where the stock recursion is used (build_plants.c) */
    int *mod_alive;         /* [i * T + t] L, likewise (build_assets.c) */
    int *spur_on;           /* [(p * C + c) * T + t] z, likewise (build_spurs.c) */
    int *plant_flow;        /* [c * T + t] F, where slice rows share it (build_balances.c) */
    unsigned direct;        /* BUILD_DIRECT_* bits: sums written out as before issue 13 (same
                             * optimum, more non-zeros), from the environment variable
                             * TICO_BUILD_DIRECT: 1 or all = every one, else a comma list of
                             * plants, assets, spurs, flows (tests, bench/) */
    int *em, *em_ets;       /* [t] */
    int const_col;
    int *short_col, *surplus_col; /* [(c * T + t) * S + s] balance slacks */
    int *prod_short;        /* [p * T + t] */
    int *cap_slack;         /* [t] */
    int budget_slack;

    /* entity -> row (0 = no such row) */
    int *bal;               /* [(c * T + t) * S + s]; annual commodities use s = 0 */
    int *prod_row;          /* [p * T + t] */
    int *cap_row;           /* [t] */
    int budget_row;

    /* per-column factors the solution needs: emissions per unit of a plant's or process's activity */
    double obj_const;       /* value carried by const_col */
    double *carbon_price;   /* [T] current EUR/t (build_set_carbon_price) */
    double *cap;            /* [T] current cap, < 0 none */
    double budget;          /* current budget, < 0 none */

    /* staging, used while building (freed by build_finish) */
    struct BuildStage *stage;
} Build;

/* Build the MILP of m. On success *out is a Build the caller frees with build_free().
 * Returns TICO_OK, or TICO_EINTERNAL after a message on stderr (a GLPK error). */
TicoStatus build_new(const Model *m, const BuildOpts *opt, Build **out);
void build_free(Build *B);

/* Change the policy without rebuilding (MACC sweeps, the baseline of a solve).
 * price: [T] EUR/t on the net scope 1 of ETS entities (sets the objective coefficients).
 * cap: [T] t CO2e per year, < 0 = no cap that period, or NULL for no cap at all; budget < 0 =
 * none. A cap or budget needs its row: present when the Model had one, or when the Build was
 * made with policy_rows; otherwise TICO_EINTERNAL with a message. Caps keep the scope
 * (cap_scope2) the Build was made with. */
TicoStatus build_set_carbon_price(Build *B, const double *price);
TicoStatus build_set_caps(Build *B, const double *cap, double budget);

/* Allow or forbid asset i (infrastructure value, SPEC §8): forbidden, no module of it is
 * built and none is used (its activity, charge, discharge and level are fixed at 0; the
 * fixed O&M of its existing modules stays in the constant); allowed again, the bounds it
 * was built with come back. Spurs and everything else are unchanged. Other changes (prices,
 * capex, demands) are made on the Model and rebuilt: a Build of Dunkirk takes ~20 ms. */
TicoStatus build_allow_asset(Build *B, int i, bool allowed);

/* Emission factors, t CO2e per unit of activity of technology k (SPEC §4.1). */
double build_gross_factor(const Technology *tc);     /* fossil + process */
double build_captured_factor(const Technology *tc);  /* rate (fossil + process + biogenic) */
double build_net_factor(const Technology *tc);       /* (f+p)(1-rate) - biogenic rate + other */

/* Growth curve of a process (Technology.growth, build_assets.c). A module built in period
 * t_built is age 0 in year y_{t_built} (built at the first year of its period); in period t
 * its capacity is module x G, G = the mean of g(a) over the ages a it has in the years
 * y_t .. y_t + L_t - 1 of period t, g(a) = growth[min(a, ngrowth - 1)]. 1 without a curve.
 * Existing modules count as mature: the last value of the curve. */
double build_growth(const Model *m, const Technology *tc, int t_built, int t);
double build_growth_existing(const Technology *tc);
/* Modules of asset i in period t weighted by their growth (existing x the mature value +
 * each alive build x G), for built[t'] modules built in t': module x this is the capacity
 * the activity rows see (without a curve: the modules installed). */
double build_grown_modules(const Model *m, int i, int t, const double *built);

/* Amount of commodity c per unit of activity of tc, from the plant's or asset's side:
 * outputs - inputs + captured into c. The product of a route is not included. */
double build_flow_coef(const Technology *tc, int c);
/* inputs + outputs + captured into c: the gross flow a spur must carry (SPEC §4.2). */
double build_gross_flow_coef(const Technology *tc, int c);

/* Lines of route slot r of plant p that can operate in period t: existing lines of that
 * route plus, if any build of r can still be alive in t, all N_p. */
int build_route_lines(const Build *B, int p, int r, int t);

/* Name of row i / column j (GLPK's copy; valid until the problem changes). */
const char *build_row_name(const Build *B, int i);
const char *build_col_name(const Build *B, int j);

/* Run fn(arg) with GLPK's error hook armed: if GLPK hits an error (API misuse, out of
 * memory) its message goes to stderr as "tico: GLPK error: ...", the GLPK environment is
 * freed (every glp_prob is gone: callers drop their pointers) and -1 is returned.
 * Otherwise returns fn's value. GLPK's terminal output is off (set TICO_GLPK_LOG=1 to copy
 * it to stderr). */
int build_glpk_call(int (*fn)(void *arg), void *arg);
/* True once a GLPK error has freed the environment in this process. */
bool build_glpk_failed(void);

/* The size of B's MILP (what `tico export` and the reports print). */
typedef struct {
    int rows, cols, integers, nonzeros;
} BuildSize;
void build_size(const Build *B, BuildSize *z);

/* ---- internal to the build_*.c files --------------------------------------------- */

/* Add a column or row; returns its 1-based index. kind: GLP_CV, GLP_IV or GLP_BV; type:
 * GLP_FR, GLP_LO, GLP_UP, GLP_DB or GLP_FX. The name is made by name_fmt(fmt, ...). */
int build_col(Build *B, Meaning what, int kind, int type, double lb, double ub, const char *fmt, ...)
    __attribute__((format(printf, 7, 8)));
int build_row(Build *B, Meaning what, int type, double lb, double ub, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
/* Add coef to entry (row, col); entries given twice are summed; zeros are dropped. */
void build_coef(Build *B, int row, int col, double coef);
/* Set the objective coefficient of column j (build_objective.c). */
void build_obj(Build *B, int j, double c);
/* Is a build (of a route or asset module) made in period t_built still alive in period t?
 * t_built <= t and y_{t_built} + lifetime > y_t (SPEC §4.1). */
bool build_alive(const Model *m, int t_built, int t, int lifetime);

/* The stock recursion (build.c). For the build columns bcol[0..T-1] of one route, asset or
 * spur (0 = no build that period) with the given lifetime, K[t] = the builds still alive in
 * t = sum_{t' <= t, y_t' + l > y_t} bcol[t'] is written as
 *   K[t] - K[t-1] - sum_{entering t} bcol + sum_{leaving t} bcol = 0
 * (entering: alive in t, not in t-1 — the build of t itself; leaving: alive in t-1 and not
 * in t — the builds whose life ends; both sets are known from the periods and the lifetime).
 * build_stock_pays() says whether that has fewer non-zeros than writing the sums out (and
 * B->direct has not the BUILD_DIRECT_* bit `what`), when
 * uses_old[t] rows reference the sum written out and uses_new[t] rows would reference K[t]
 * instead (extra_old: non-zeros the direct form has besides, e.g. a row the new one makes a
 * bound). build_stock() makes K (>= 0, <= ub[t] where ub and ub[t] >= 0) and its rows from
 * the first period with a build on, filling kcol[t] (0 before). Names: "<cname>_<year>" and
 * "<rname>_<year>". */
bool build_stock_pays(const Build *B, unsigned what, const int *bcol, int lifetime, const int *uses_old,
                      const int *uses_new, int extra_old);
void build_stock(Build *B, const int *bcol, int lifetime, Meaning colm, Meaning rowm, const double *ub,
                 const char *cname, const char *rname, int *kcol);

void build_plants(Build *B);
void build_spurs(Build *B);
void build_assets(Build *B);
void build_balances(Build *B);
void build_policy(Build *B);
void build_objective(Build *B);

/* Slice s of a balance of commodity c: s for `slice` commodities, 0 for `annual`. */
static inline int build_bal_index(const Build *B, int c, int t, int s) { return (c * B->T + t) * B->S + s; }

#endif

/* ==== build_edit.c: column bounds after the build (analysis layer edits) ============== *
 * Appended section (analysis branch): the only way code outside solver/model and
 * solver/solve changes a Build's problem. Each call runs inside build_glpk_call's guard and
 * returns TICO_OK, or TICO_EINTERNAL after a message (a column out of range, empty bounds,
 * a GLPK error, or a Build whose GLPK environment is gone). */
#ifndef TICO_BUILD_EDIT
#define TICO_BUILD_EDIT
#include <math.h>

/* lb <= x[col] <= ub; -INFINITY / INFINITY: no bound on that side; lb == ub fixes it. */
typedef struct {
    int col;
    double lb, ub;
} BuildBound;

/* Set the bounds of n columns, in order. */
TicoStatus build_set_bounds(Build *B, const BuildBound *v, int n);
/* Give n columns back the bounds they were built with (Build.col_type0, col_lb0, col_ub0). */
TicoStatus build_restore_bounds(Build *B, const int *cols, int n);
/* Fix column j at v. */
TicoStatus build_fix_col(Build *B, int j, double v);
#endif
