/*
 * value.c — infrastructure value (SPEC §8): `tico value`.
 *
 * What is valued. A *family* is the set of infrastructure assets that share a technology
 * (in Dunkirk every technology but one has a single asset; the two gas CCGTs, the existing
 * DK6 block and the new blocks, form one family). Assets of one technology are the same
 * service from interchangeable capacity: forbidding one while its twin stays allowed would
 * only measure the cost of building the twin instead. A family of one asset is named by
 * the asset's id, a larger one by the technology's id. `--asset ID` values one family: ID
 * is an asset id (that asset alone, its twins allowed: the project question) or the
 * technology id of some assets (that family).
 *
 * Value. Z_with = the instance's optimal total cost (NPV, carbon payments included: what
 * the MILP minimises), Z_without = the same with every asset of the family forbidden
 * (build_allow_asset: no module built, none used; the fixed O&M of existing modules is
 * still paid). value = Z_without - Z_with >= 0 (forbidding only restricts). The
 * system-cost difference is reported beside it. Statuses:
 *   optimal    both solves within the gap;
 *   limit      a solve stopped at the time limit with a solution: the value is an estimate;
 *   unused     the family builds no module and has no activity, charge or discharge in the
 *              instance's optimum: that optimum is feasible without it, so value = 0 exactly
 *              and nothing is solved;
 *   essential  the instance is infeasible without it: value = infinity (empty in the CSV),
 *              flagged, not an error;
 *   no_solution  the solve without it found no solution in the time limit.
 * Every solve runs to a relative gap of 1e-6 unless --gap is given (values are differences
 * of costs, as in macc.c).
 *
 * Split by use (value_split.csv, by_use_*). The family's *service* is a commodity it makes
 * or takes: a storage makes what it stores; a process makes its first output that is not a
 * CO2 carrier (tic_co2_carriers: electricity, hydrogen, heat, reducing gas); a process
 * whose outputs are all CO2 carriers (or none) takes its first CO2-carrier input, else its
 * first input (a CO2 terminal takes captured CO2, a flare takes steel gas); a process
 * without outputs that captures CO2 (direct air capture) serves no plant. In each period
 * the amount the family makes (takes) is traced to the users (suppliers) of the commodity
 * in proportion to their annual flows in the instance's optimum: plants keep their part;
 * markets, demands and disposal are "(other)"; a process asset passes its part on along
 * its own service (hydrogen from an electrolyser reaches the steel works through the DRI
 * gas heater; the grid's electricity for a CO2 terminal reaches the plants that ship CO2).
 * Storage flows are left out of the pools (they only shift a commodity within the day).
 * Flows are annual totals: the tracing is per period, not per slice. A plant's share is its
 * discounted part over the discounted total, sum_t DF_t use_p,t / sum_t DF_t total_t: the
 * cost being split is an NPV, so a unit used in 2050 weighs what money in 2050 weighs. The
 * `use` column is the undiscounted amount over the horizon (sum_t L_t use_p,t), in the
 * commodity's unit. The asset cost split is the family's own NPV cost in the instance's
 * optimum: capex (capital factor CF) + fixed O&M of installed modules + variable O&M
 * (energy and materials it buys are paid through the balances and are not in it);
 * by_use_eur = share x asset cost.
 *
 * Split by Shapley value. Players: the plants. X0 = the plants' decisions in the optimum
 * without the family (lines operating and built per route and period, production per
 * route, pool). For a coalition S of plants,
 *     C(S) = min total cost with the family allowed, every plant outside S held at X0
 *            (lines and builds fixed, production and pool in a box of 1e-9 relative around
 *            X0), plants in S and everything else (assets, spurs, markets) free;
 *     v(S) = Z_without - C(S).
 * v(N) = value (C(N) = Z_with). v(empty) = what the family saves with every plant doing what
 * it did without it: its use by the rest of the system (demands, markets, other assets, a
 * cheaper electricity mix), which no plant's decision brings; it is the "(other)" row.
 * v is monotone (a larger S relaxes C), so every marginal contribution is >= 0 up to the
 * gap, and sum_p phi_p = v(N) - v(empty) (efficiency). shapley_share = phi_p / value
 * ((other): v(empty) / value), shapley_eur = share x asset cost. Shapley is not computed
 * for essential, unused (every phi is 0) and no_solution families, nor when the value is
 * within the solvers' tolerance (gap x cost).
 *
 * Sound reductions (each keeps the exact Shapley value):
 *  1. Dummy plants. A plant whose product has no balance (no pool) and whose routes all
 *     have the same flow of every balanced commodity (net and gross, build_flow_coef and
 *     build_gross_flow_coef) and the same net emission factor (one route, e.g. Dunkirk's
 *     cathode plant) makes the same flows and emissions whatever lines it runs: its
 *     production is fixed by its requirement. Its decisions then enter only its own rows
 *     (lines, vintages, run) and its own cost terms (capex, O&M), so its best decisions are
 *     the same in every coalition and world, X0's included (up to the gap): freeing it never
 *     changes C(S), v(S + p) = v(S) for every S, and p is a null player with phi_p = 0. By
 *     the null-player property the Shapley value of the other plants is that of the game
 *     on them alone. Dummies are left free in every solve (method `dummy`).
 *  2. Inference from a solved coalition. If the optimum of C(S) holds some members T of S
 *     at X0 (same lines and builds, production within 1e-7), it is feasible for C(S - U)
 *     for every U within T, and C(S - U) >= C(S) since S - U is more restricted: so
 *     C(S - U) = C(S) for all 2^|T| such coalitions, without a solve. The grand
 *     coalition's optimum is the instance's, so plants that do not change route because of
 *     the family fill most of the table at once. Coalitions are solved from large to small
 *     in rounds of one size; after each round its solutions mark the smaller coalitions they
 *     decide; results are applied in a fixed order, so the table does not depend on -j.
 * Exact when the players (plants that are not dummies) are at most VALUE_EXACT_MAX = 12:
 * 2^k coalitions less those inferred. Beyond, sampled: M = max(2, ceil(--samples / k))
 * random orders of the players (splitmix64 from --seed, Fisher-Yates; --samples is the
 * number of marginal contributions wanted, default 1000), each walked from the grand
 * coalition down to the empty one with inference (2) along the way; phi_p = the mean of
 * p's marginal contributions, stderr_eur = their standard deviation / sqrt(M). The means
 * add up to v(N) - v(empty) exactly (each order telescopes).
 * Every coalition solve starts from the optimum of C(empty) (feasible for every coalition),
 * the solve of C(empty) from X0; --cold turns starts off.
 * Measured on Dunkirk (9 plants, the cathode plant a dummy: 8 players, 256 coalitions a
 * family; 2 shared cores, -j 2): a coalition solve takes ~14 s, so the unreduced game is 255
 * solves (~30 min) per family with a value, ~4.5 h for the 9 such families. With (2) the
 * whole run took 6.5 min: the instance 16 s, 11 solves without a family 218 s, 22 coalition
 * solves 156 s. The CO2 compression's table is decided by 4 solves, and shows why the players
 * cannot be limited to the plants using the asset's commodity: v = 4.8 MEUR unless Lumbres
 * is free, 23.3 with it, 30.1 with it and both slag grinders (Eqiom Dunkerque, Lafarge), which
 * never touch CO2 but must both change route to use the slag that Lumbres frees.
 *
 * Work: the solves without each family, then C(empty) per family, then each round of
 * coalitions (or all sampled orders) run as tasks in worker processes (pool.h), one task
 * per chain on a fresh Build with an explicit start, so results do not depend on -j.
 *
 * Outputs (atomic, out.h): value.csv (a row per family), value_split.csv (a row per family
 * and plant, then "(other)"), value.svg (values, and the two splits as shares), and a line
 * per family on stdout unless -q.
 */
#include "value.h"
#include "xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "build.h"
#include "out.h"
#include "pool.h"
#include "solution.h"
#include "solve.h"
#include "svg.h"
#include "sweep.h"
#include "tic.h"

#define OTHER "(other)"
#define SAME_X_TOL 1e-7   /* production "the same as X0" (relative) */
#define BOX_TOL 1e-9      /* production held at X0 within this (relative) */

typedef enum { SVC_NONE, SVC_MAKES, SVC_TAKES } Service;
typedef enum { VS_OPTIMAL, VS_LIMIT, VS_UNUSED, VS_ESSENTIAL, VS_NO_SOLUTION } VStatus;
typedef enum { SH_NONE, SH_EXACT, SH_SAMPLED } ShMethod;

typedef struct {
    char *id;               /* asset id, or technology id for a family of several */
    char *members;          /* asset ids, space-separated */
    int *assets, nassets;
    int tech;
    Service svc;
    int commodity;          /* of the service, -1 with SVC_NONE */
    VStatus status;
    Solution *without;      /* X0 (owned), NULL when unused or not solved */
    double value, value_system, gap_without;
    double asset_cost;
    double *use, *use_disc; /* [P + 1] traced amounts: undiscounted over the horizon, discounted */
    double origin_disc;     /* discounted total of the service */
    /* Shapley */
    ShMethod method;
    const char *why_none;   /* no Shapley split: why */
    bool limit;             /* some coalition solve stopped at a limit */
    bool zero_game;         /* every coalition is worth v(N): no solve needed */
    unsigned char *zN;      /* [k] player at X0 in the instance's optimum */
    Solution *sol_empty;    /* optimum of C(empty) (owned) */
    double v_empty;
    double *phi, *se;       /* [k] by player */
    double *v;              /* exact: [1 << k] */
    unsigned char *known;
    int nperm;              /* sampled */
    int *perm;              /* [nperm * k] */
    double *mc;             /* [nperm * k] mc[s * k + q]: player q's marginal contribution in order s */
    int solves;             /* coalitions solved (C(empty) included) */
} Family;

typedef enum { T_WITHOUT, T_EMPTY, T_COALITION, T_PERM } TaskKind;

typedef struct {
    TaskKind kind;
    int fam;
    uint32_t mask;          /* T_COALITION: members (bit q = player q) */
    int perm;               /* T_PERM: which order */
} Task;

typedef struct {
    const Model *m;
    const ValueParams *p;
    SolveParams sp;
    Solution *with;         /* the instance's optimum (owned) */
    Family *fam;
    int nfam;
    int P, A;
    int k;                  /* players */
    int *players;           /* [k] plant indices */
    bool *dummy;            /* [P] */
    bool *carrier;          /* [C] CO2 carriers */
    Service *svc;           /* [A] service of every asset (tracing) */
    int *svc_c;             /* [A] */
    const Task *tasks;      /* the batch being run */
    int workers;
} Value;

/* ---- small helpers --------------------------------------------------------------------- */

static bool solved(const Solution *s)
{
    return sweep_solved(s);
}


static int popcount32(uint32_t v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

static uint64_t splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void value_shapley_exact(int k, const double *v, double *phi)
{
    double w[VALUE_EXACT_MAX + 1]; /* w[s] = s! (k - s - 1)! / k! */
    for (int s = 0; s < k; s++) {
        double x = 1.0 / k;        /* 1 / (k C(k-1, s)) */
        for (int i = 1; i <= s; i++)
            x *= (double)i / (double)(k - i);
        w[s] = x;
    }
    uint32_t full = (1u << k) - 1u;
    for (int q = 0; q < k; q++) {
        double sum = 0.0;
        uint32_t bit = 1u << q;
        for (uint32_t S = 0; S <= full; S++)
            if (!(S & bit))
                sum += w[popcount32(S)] * (v[S | bit] - v[S]);
        phi[q] = sum;
    }
}

/* How close two of the family's costs are known: the solves' relative gap plus the LP's own
 * round-off (1e-9 relative), times the cost. */
static double value_tolerance(const Value *x, const Family *f)
{
    double gap = fmax(x->sp.mip_gap, fmax(x->with->gap, f->without ? f->without->gap : 0.0));
    double z = fmax(fabs(x->with->objective), f->without ? fabs(f->without->objective) : 0.0);
    return (gap + 1e-9) * z;
}

/* A difference of costs: Z_without - z, read as 0 when within the tolerance. */
static double saving(const Value *x, const Family *f, double z)
{
    double v = f->without->objective - z;
    return fabs(v) <= value_tolerance(x, f) ? 0.0 : v;
}

/* ---- the family's service, cost, use --------------------------------------------------- */

static Service asset_service(const Model *m, const bool *carrier, int i, int *c)
{
    const Technology *tc = &m->techs[m->assets[i].tech];
    *c = -1;
    if (tc->kind == TECH_STORAGE) {
        *c = tc->stores;
        return SVC_MAKES;
    }
    for (int k = 0; k < tc->noutputs; k++) {
        int cc = tc->outputs[k].commodity;
        if (m->commodities[cc].balance != BAL_NONE && !carrier[cc]) {
            *c = cc;
            return SVC_MAKES;
        }
    }
    if (tc->noutputs == 0 && tc->capture_commodity >= 0 && tc->capture_rate > 0)
        return SVC_NONE; /* a removal (direct air capture): serves the cluster's emissions */
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < tc->ninputs; k++) {
            int cc = tc->inputs[k].commodity;
            if (m->commodities[cc].balance != BAL_NONE && (pass == 1 || carrier[cc])) {
                *c = cc;
                return SVC_TAKES;
            }
        }
    return SVC_NONE;
}

/* Activity of asset i in period t summed over slices (storage: discharge). */
static double asset_activity(const Model *m, const Solution *s, int i, int t)
{
    bool storage = m->techs[m->assets[i].tech].kind == TECH_STORAGE;
    double a = 0.0;
    for (int sl = 0; sl < s->S; sl++)
        a += storage ? s->discharge[sol_its(s, i, t, sl)] : s->activity[sol_its(s, i, t, sl)];
    return a;
}

/* NPV of asset i's own cost in s: capex + fixed O&M of installed modules + variable O&M. */
static double asset_cost(const Model *m, const Solution *s, int i)
{
    const Asset *as = &m->assets[i];
    const Technology *tc = &m->techs[as->tech];
    double c = 0.0;
    for (int t = 0; t < m->nperiods; t++) {
        double df = model_period_factor(m, t);
        c += model_capital_factor(m, t, tc->lifetime) * tc->capex[t] * as->module * s->asset_built[i * s->T + t];
        c += df * tc->fixed_om[t] * as->module * s->asset_installed[i * s->T + t];
        c += df * tc->var_om[t] * asset_activity(m, s, i, t);
    }
    return c;
}

/* No module built, no activity, charge or discharge: the solution is feasible without i. */
static bool asset_unused(const Model *m, const Solution *s, int i)
{
    double tol = 1e-9 * fmax(1.0, m->assets[i].module);
    for (int t = 0; t < m->nperiods; t++) {
        if (fabs(s->asset_built[i * s->T + t]) > 0.5)
            return false;
        for (int sl = 0; sl < s->S; sl++) {
            int k = sol_its(s, i, t, sl);
            if (fabs(s->activity[k]) > tol || fabs(s->charge[k]) > tol || fabs(s->discharge[k]) > tol)
                return false;
        }
    }
    return true;
}

/* Annual supply and use of every balanced commodity by every entity in period t: plants
 * [0, P), process assets [P, P + A) (storage left out), and the rest [P + A] (markets,
 * demands, disposal). */
typedef struct {
    int E, C;
    double *sup, *use;  /* [E * C] */
} Pools;

static void pools_fill(const Value *x, const Solution *s, int t, Pools *pl)
{
    const Model *m = x->m;
    int P = x->P, C = m->ncommodities, O = P + x->A;
    memset(pl->sup, 0, (size_t)pl->E * C * sizeof *pl->sup);
    memset(pl->use, 0, (size_t)pl->E * C * sizeof *pl->use);
#define BAL(c) (m->commodities[c].balance != BAL_NONE)
    for (int p = 0; p < P; p++) {
        const Plant *pt = &m->plants[p];
        for (int r = 0; r < pt->nroutes; r++) {
            const Technology *tc = &m->techs[pt->routes[r]];
            double xv = s->production[sol_pr(s, p, r, t)];
            if (xv == 0.0)
                continue;
            for (int k = 0; k < tc->ninputs; k++)
                if (BAL(tc->inputs[k].commodity))
                    pl->use[p * C + tc->inputs[k].commodity] += tc->inputs[k].amount * xv;
            for (int k = 0; k < tc->noutputs; k++)
                if (BAL(tc->outputs[k].commodity))
                    pl->sup[p * C + tc->outputs[k].commodity] += tc->outputs[k].amount * xv;
            if (tc->capture_commodity >= 0 && BAL(tc->capture_commodity))
                pl->sup[p * C + tc->capture_commodity] += build_captured_factor(tc) * xv;
        }
        if (BAL(pt->product))
            pl->sup[p * C + pt->product] += s->pool[sol_pt(s, p, t)];
    }
    for (int i = 0; i < x->A; i++) {
        const Technology *tc = &m->techs[m->assets[i].tech];
        if (tc->kind != TECH_PROCESS)
            continue;
        double a = asset_activity(m, s, i, t);
        if (a == 0.0)
            continue;
        int e = P + i;
        for (int k = 0; k < tc->ninputs; k++)
            if (BAL(tc->inputs[k].commodity))
                pl->use[e * C + tc->inputs[k].commodity] += tc->inputs[k].amount * a;
        for (int k = 0; k < tc->noutputs; k++)
            if (BAL(tc->outputs[k].commodity))
                pl->sup[e * C + tc->outputs[k].commodity] += tc->outputs[k].amount * a;
        if (tc->capture_commodity >= 0 && BAL(tc->capture_commodity))
            pl->sup[e * C + tc->capture_commodity] += build_captured_factor(tc) * a;
    }
    for (int k = 0; k < m->nmarkets; k++) {
        const Market *mk = &m->markets[k];
        if (!BAL(mk->commodity))
            continue;
        double f = tic_market_total(m, s, k, t);
        if (mk->direction == MKT_IMPORT)
            pl->sup[O * C + mk->commodity] += f;
        else
            pl->use[O * C + mk->commodity] += f;
    }
    for (int d = 0; d < m->ndemands; d++)
        if (BAL(m->demands[d].commodity))
            pl->use[O * C + m->demands[d].commodity] += m->demands[d].amount[t];
    for (int c = 0; c < C; c++) { /* what a dispose commodity leaves over is used by "disposal" */
        if (!BAL(c) || !m->commodities[c].dispose)
            continue;
        double sup = 0.0, use = 0.0;
        for (int e = 0; e < pl->E; e++) {
            sup += pl->sup[e * C + c];
            use += pl->use[e * C + c];
        }
        if (sup > use)
            pl->use[O * C + c] += sup - use;
    }
#undef BAL
}

/* Share amount out among the users (to_users) or suppliers of c, self excluded, in proportion
 * to their flows: plants into got[p], the rest into got[P], process assets into pending. */
static void spread(const Value *x, const Pools *pl, int c, bool to_users, int self, double amount, double *got,
                   double *pending)
{
    int P = x->P, C = pl->C;
    const double *w = to_users ? pl->use : pl->sup;
    double tot = 0.0;
    for (int e = 0; e < pl->E; e++)
        if (e != self && w[e * C + c] > 0)
            tot += w[e * C + c];
    if (!(tot > 0)) {
        got[P] += amount;
        return;
    }
    for (int e = 0; e < pl->E; e++) {
        if (e == self || !(w[e * C + c] > 0))
            continue;
        double share = amount * w[e * C + c] / tot;
        if (e < P)
            got[e] += share;
        else if (e < P + x->A)
            pending[e - P] += share;
        else
            got[P] += share;
    }
}

/* Trace family f's service in period t (see the header): got[P + 1] receives each plant's
 * part and the rest; returns the family's total. */
static double trace_period(const Value *x, const Family *f, const Pools *pl, int t, double *got, double *pending)
{
    const Model *m = x->m;
    int P = x->P, C = pl->C;
    memset(got, 0, ((size_t)P + 1) * sizeof *got);
    memset(pending, 0, (size_t)x->A * sizeof *pending);
    double origin = 0.0;
    for (int a = 0; a < f->nassets; a++) {
        int i = f->assets[a], e = P + i;
        double amt;
        if (f->svc == SVC_MAKES)
            amt = m->techs[m->assets[i].tech].kind == TECH_STORAGE ? asset_activity(m, x->with, i, t)
                                                                    : pl->sup[e * C + f->commodity];
        else if (f->svc == SVC_TAKES)
            amt = pl->use[e * C + f->commodity];
        else
            amt = asset_activity(m, x->with, i, t);
        if (!(amt > 0))
            continue;
        origin += amt;
        if (f->svc == SVC_NONE)
            got[P] += amt;
        else
            spread(x, pl, f->commodity, f->svc == SVC_MAKES, e, amt, got, pending);
    }
    for (int iter = 0; iter < 10000; iter++) {
        bool any = false;
        for (int j = 0; j < x->A; j++) {
            double amt = pending[j];
            if (!(amt > 1e-12 * origin))
                continue;
            pending[j] = 0.0;
            any = true;
            if (x->svc[j] == SVC_NONE)
                got[P] += amt;
            else
                spread(x, pl, x->svc_c[j], x->svc[j] == SVC_MAKES, P + j, amt, got, pending);
        }
        if (!any)
            break;
    }
    for (int j = 0; j < x->A; j++)
        got[P] += pending[j]; /* what is left in a loop, or below the threshold */
    return origin;
}

static void by_use(const Value *x, Family *f)
{
    const Model *m = x->m;
    int P = x->P, C = m->ncommodities;
    Pools pl = {P + x->A + 1, C, NULL, NULL};
    pl.sup = xcalloc((size_t)pl.E * C, sizeof *pl.sup);
    pl.use = xcalloc((size_t)pl.E * C, sizeof *pl.use);
    double *got = xcalloc((size_t)P + 1, sizeof *got), *pending = xcalloc((size_t)x->A, sizeof *pending);
    f->use = xcalloc((size_t)P + 1, sizeof *f->use);
    f->use_disc = xcalloc((size_t)P + 1, sizeof *f->use_disc);
    for (int t = 0; t < m->nperiods; t++) {
        pools_fill(x, x->with, t, &pl);
        double origin = trace_period(x, f, &pl, t, got, pending);
        double df = model_period_factor(m, t);
        f->origin_disc += df * origin;
        for (int p = 0; p <= P; p++) {
            f->use[p] += m->length[t] * got[p];
            f->use_disc[p] += df * got[p];
        }
    }
    free(pl.sup);
    free(pl.use);
    free(got);
    free(pending);
}

/* ---- plants: dummies, held at X0 -------------------------------------------------------- */

static bool same(double a, double b)
{
    return fabs(a - b) <= 1e-12 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* Reduction 1 of the header: a plant whose flows and emissions do not depend on its routes. */
static bool plant_is_dummy(const Model *m, int p)
{
    const Plant *pl = &m->plants[p];
    if (m->commodities[pl->product].balance != BAL_NONE)
        return false;
    const Technology *t0 = &m->techs[pl->routes[0]];
    for (int r = 1; r < pl->nroutes; r++) {
        const Technology *tc = &m->techs[pl->routes[r]];
        if (!same(build_net_factor(tc), build_net_factor(t0)))
            return false;
        for (int c = 0; c < m->ncommodities; c++)
            if (m->commodities[c].balance != BAL_NONE &&
                (!same(build_flow_coef(tc, c), build_flow_coef(t0, c)) ||
                 !same(build_gross_flow_coef(tc, c), build_gross_flow_coef(t0, c))))
                return false;
    }
    return true;
}

/* Plant p does in a what it does in x0: same lines and builds, production and pool within
 * SAME_X_TOL. */
static bool plant_at(const Model *m, const Solution *a, const Solution *x0, int p)
{
    for (int r = 0; r < m->plants[p].nroutes; r++)
        for (int t = 0; t < a->T; t++) {
            int k = sol_pr(a, p, r, t);
            if (lround(a->lines[k]) != lround(x0->lines[k]) || lround(a->built[k]) != lround(x0->built[k]) ||
                fabs(a->production[k] - x0->production[k]) > SAME_X_TOL * fmax(1.0, fabs(x0->production[k])))
                return false;
        }
    for (int t = 0; t < a->T; t++) {
        double u = a->pool[sol_pt(a, p, t)], v = x0->pool[sol_pt(a, p, t)];
        if (fabs(u - v) > SAME_X_TOL * fmax(1.0, fabs(v)))
            return false;
    }
    return true;
}

/* Column j held at v: an integer fixed at its rounding, a continuous one in a box of BOX_TOL
 * (relative) around v. */
static void hold_col(BuildBound *bb, int *n, int j, double v, bool integer)
{
    if (j <= 0)
        return;
    if (integer) {
        double r = (double)lround(v);
        bb[(*n)++] = (BuildBound){j, r, r};
        return;
    }
    double d = BOX_TOL * fmax(1.0, fabs(v)), lo = fmax(0.0, v - d), hi = fmax(0.0, v + d);
    bb[(*n)++] = (BuildBound){j, lo, hi};
}

/* Hold the players marked in held at their decisions in x0, or (x0 NULL) free them again
 * (the bounds the Build was made with). */
static TicoStatus hold_players(const Value *x, Build *B, const unsigned char *held, const Solution *x0)
{
    if (!B->lp)
        return TICO_EINTERNAL;
    const Model *m = x->m;
    int T = B->T, cap = 0, n = 0;
    for (int q = 0; q < x->k; q++)
        cap += (3 * m->plants[x->players[q]].nroutes + 1) * T;
    BuildBound *bb = xcalloc((size_t)cap + 1, sizeof *bb);
    for (int q = 0; q < x->k; q++) {
        if (!held[q])
            continue;
        int p = x->players[q];
        for (int r = 0; r < m->plants[p].nroutes; r++)
            for (int t = 0; t < T; t++) {
                int slot = (B->route_off[p] + r) * T + t;
                if (x0) {
                    int k = sol_pr(x0, p, r, t);
                    hold_col(bb, &n, B->n[slot], x0->lines[k], true);
                    hold_col(bb, &n, B->b[slot], x0->built[k], true);
                    hold_col(bb, &n, B->x[slot], x0->production[k], false);
                } else {
                    int cols[3] = {B->n[slot], B->b[slot], B->x[slot]};
                    for (int c = 0; c < 3; c++)
                        if (cols[c] > 0)
                            bb[n++].col = cols[c];
                }
            }
        for (int t = 0; t < T; t++) {
            if (x0)
                hold_col(bb, &n, B->pool[p * T + t], x0->pool[sol_pt(x0, p, t)], false);
            else if (B->pool[p * T + t] > 0)
                bb[n++].col = B->pool[p * T + t];
        }
    }
    TicoStatus st;
    if (x0) {
        st = build_set_bounds(B, bb, n);
    } else {
        int *cols = xcalloc((size_t)n + 1, sizeof *cols);
        for (int k = 0; k < n; k++)
            cols[k] = bb[k].col;
        st = build_restore_bounds(B, cols, n);
        free(cols);
    }
    free(bb);
    return st;
}

/* ---- tasks (run in workers) -------------------------------------------------------------- */

static TicoStatus solve_one(const Value *x, Build *B, const Solution *start, Solution **out)
{
    SolveParams sp = x->sp;
    sp.duals = false;
    sp.start = x->p->cold ? NULL : start;
    *out = NULL;
    return solve_build(B, &sp, out, NULL);
}

/* A task's record: the solution s (then freed), or, when the solve gave none, its status st
 * fails the chain. */
static TicoStatus emit_solution(const Value *x, PoolEmit *emit, int task, Solution *s, TicoStatus st)
{
    if (!s)
        return st;
    TaskRecord r;
    task_init(&r);
    sweep_put_solution(&r, x->m, s);
    pool_emit_record(emit, task, &r);
    task_free(&r);
    solution_free(s);
    return TICO_OK;
}

/* Solve C(S) for the coalition in[] (1 = member): the others held at X0. */
static TicoStatus solve_coalition(const Value *x, Build *B, const Family *f, const unsigned char *in,
                                  const Solution *start, Solution **out)
{
    unsigned char *held = xcalloc((size_t)x->k, 1);
    for (int q = 0; q < x->k; q++)
        held[q] = !in[q];
    TicoStatus st = hold_players(x, B, held, f->without);
    if (st == TICO_OK) {
        st = solve_one(x, B, start, out);
        TicoStatus st2 = hold_players(x, B, held, NULL);
        if (st2 != TICO_OK && *out) {
            solution_free(*out);
            *out = NULL;
            st = st2;
        }
    }
    free(held);
    return st;
}

static TicoStatus task_without(const Value *x, Build *B, const Task *tk, int task, PoolEmit *emit)
{
    const Family *f = &x->fam[tk->fam];
    for (int a = 0; a < f->nassets; a++)
        CHECK(build_allow_asset(B, f->assets[a], false));
    Solution *s = NULL;
    TicoStatus st = solve_one(x, B, NULL, &s);
    for (int a = 0; a < f->nassets && B->lp; a++)
        build_allow_asset(B, f->assets[a], true);
    return emit_solution(x, emit, task, s, st);
}

static TicoStatus task_empty(const Value *x, Build *B, const Task *tk, int task, PoolEmit *emit)
{
    const Family *f = &x->fam[tk->fam];
    unsigned char *in = xcalloc((size_t)x->k, 1);
    Solution *s = NULL;
    TicoStatus st = solve_coalition(x, B, f, in, f->without, &s);
    free(in);
    return emit_solution(x, emit, task, s, st);
}

static TicoStatus task_coalition(const Value *x, Build *B, const Task *tk, int task, PoolEmit *emit)
{
    const Family *f = &x->fam[tk->fam];
    unsigned char *in = xcalloc((size_t)x->k, 1);
    for (int q = 0; q < x->k; q++)
        in[q] = (tk->mask >> q) & 1u;
    Solution *s = NULL;
    TicoStatus st = solve_coalition(x, B, f, in, f->sol_empty, &s);
    if (s) { /* record: "status" (SolStatus), "objective", "zmask" (members held at X0 in the optimum) */
        uint32_t zmask = 0;
        for (int q = 0; q < x->k && solved(s); q++)
            if (in[q] && plant_at(x->m, s, f->without, x->players[q]))
                zmask |= 1u << q;
        TaskRecord r;
        task_init(&r);
        task_set(&r, "status", s->status);
        task_set(&r, "objective", s->objective);
        task_set(&r, "zmask", zmask);
        pool_emit_record(emit, task, &r);
        task_free(&r);
        solution_free(s);
        st = TICO_OK;
    }
    free(in);
    return st;
}

/* One sampled order, walked from the grand coalition down (reduction 2 along the way). */
static TicoStatus task_perm(const Value *x, Build *B, const Task *tk, int task, PoolEmit *emit)
{
    const Family *f = &x->fam[tk->fam];
    int k = x->k;
    const int *pi = f->perm + (size_t)tk->perm * k;
    unsigned char *in = xcalloc((size_t)k, 1), *z = xcalloc((size_t)k, 1);
    struct {
        int failed, limit, solves;
    } rec = {0, 0, 0};
    double *vals = xcalloc((size_t)k + 1, sizeof *vals);
    for (int q = 0; q < k; q++) {
        in[q] = 1;
        z[q] = f->zN[q];
    }
    vals[k] = f->value;
    vals[0] = f->v_empty;
    TicoStatus st = TICO_OK;
    for (int j = k - 1; j >= 1; j--) { /* the coalition of pi[0..j-1] */
        int q = pi[j];
        in[q] = 0;
        if (z[q] || rec.failed) {
            vals[j] = vals[j + 1];
            z[q] = 0;
            continue;
        }
        Solution *s = NULL;
        st = solve_coalition(x, B, f, in, f->sol_empty, &s);
        if (!s)
            break;
        rec.solves++;
        if (!solved(s)) {
            rec.failed = 1;
            vals[j] = NAN;
        } else {
            rec.limit |= s->status == SOL_FEASIBLE;
            vals[j] = saving(x, f, s->objective);
            for (int q2 = 0; q2 < k; q2++)
                z[q2] = in[q2] && plant_at(x->m, s, f->without, x->players[q2]);
        }
        solution_free(s);
    }
    if (st == TICO_OK) { /* record: "failed", "limit", "solves", and "v": v of the first j players, j = 0..k */
        TaskRecord r;
        task_init(&r);
        task_set(&r, "failed", rec.failed);
        task_set(&r, "limit", rec.limit);
        task_set(&r, "solves", rec.solves);
        task_set_vec(&r, "v", vals, k + 1);
        pool_emit_record(emit, task, &r);
        task_free(&r);
    }
    free(in);
    free(z);
    free(vals);
    return st;
}

/* One task per chain, each on a fresh Build with an explicit start: results do not depend
 * on which worker runs what. */
static TicoStatus run_chain(void *vctx, int chain, PoolEmit *emit)
{
    const Value *x = vctx;
    const Task *tk = &x->tasks[chain];
    BuildOpts bo = {false, 0.0, false};
    Build *B;
    CHECK(build_new(x->m, &bo, &B));
    TicoStatus st;
    switch (tk->kind) {
    case T_WITHOUT:
        st = task_without(x, B, tk, chain, emit);
        break;
    case T_EMPTY:
        st = task_empty(x, B, tk, chain, emit);
        break;
    case T_COALITION:
        st = task_coalition(x, B, tk, chain, emit);
        break;
    default:
        st = task_perm(x, B, tk, chain, emit);
        break;
    }
    build_free(B);
    return st;
}

/* Run tasks[n], one a chain; their records into rec[n] (task_free each). */
static TicoStatus run_batch(Value *x, const Task *tasks, int n, const char *label, TaskRecord *rec)
{
    x->tasks = tasks;
    TicoStatus st = sweep_collect(x->workers, n, run_chain, x, n, label, x->p->quiet, "tico value: task", rec);
    x->tasks = NULL;
    return st;
}

/* ---- families --------------------------------------------------------------------------- */

static void add_family(Value *x, const char *id, const int *assets, int n)
{
    const Model *m = x->m;
    Family *f = &x->fam[x->nfam++];
    memset(f, 0, sizeof *f);
    f->id = strdup(id);
    f->assets = xcalloc((size_t)n, sizeof *f->assets);
    memcpy(f->assets, assets, (size_t)n * sizeof *assets);
    f->nassets = n;
    f->tech = m->assets[assets[0]].tech;
    size_t len = 1;
    for (int a = 0; a < n; a++)
        len += strlen(m->assets[assets[a]].id) + 1;
    f->members = xcalloc(len, 1);
    for (int a = 0; a < n; a++) {
        if (a)
            strcat(f->members, " ");
        strcat(f->members, m->assets[assets[a]].id);
    }
    f->svc = asset_service(m, x->carrier, assets[0], &f->commodity);
}

/* Families in the order of their first asset; --asset picks one. Returns false (after a
 * message) when --asset names nothing. */
static bool make_families(Value *x)
{
    const Model *m = x->m;
    int *members = xcalloc((size_t)m->nassets, sizeof *members);
    x->fam = xcalloc((size_t)m->nassets, sizeof *x->fam);
    const char *want = x->p->asset;
    if (want) {
        int i = model_asset(m, want), n = 0;
        if (i >= 0) {
            members[n++] = i;
        } else {
            for (int j = 0; j < m->nassets; j++)
                if (strcmp(m->techs[m->assets[j].tech].id, want) == 0)
                    members[n++] = j;
        }
        if (n == 0) {
            fprintf(stderr, "tico value: --asset '%s' is neither an asset of %s nor the technology of one; assets:",
                    want, m->name);
            for (int j = 0; j < m->nassets; j++)
                fprintf(stderr, " %s", m->assets[j].id);
            fprintf(stderr, "%s\n", m->nassets ? "" : " none");
            free(members);
            return false;
        }
        add_family(x, want, members, n);
    } else {
        for (int i = 0; i < m->nassets; i++) {
            bool seen = false;
            for (int j = 0; j < i; j++)
                seen |= m->assets[j].tech == m->assets[i].tech;
            if (seen)
                continue;
            int n = 0;
            for (int j = i; j < m->nassets; j++)
                if (m->assets[j].tech == m->assets[i].tech)
                    members[n++] = j;
            add_family(x, n == 1 ? m->assets[i].id : m->techs[m->assets[i].tech].id, members, n);
        }
    }
    free(members);
    return true;
}

static void free_family(Family *f)
{
    free(f->id);
    free(f->members);
    free(f->assets);
    solution_free(f->without);
    free(f->use);
    free(f->use_disc);
    free(f->zN);
    solution_free(f->sol_empty);
    free(f->phi);
    free(f->se);
    free(f->v);
    free(f->known);
    free(f->perm);
    free(f->mc);
}

/* ---- Shapley (parent side) ---------------------------------------------------------------- */

/* Reduction 2: coalition S solved with its members zmask at X0 decides every coalition
 * between S - zmask and S. */
static void infer(Family *f, uint32_t S, uint32_t zmask)
{
    zmask &= S;
    uint32_t base = S & ~zmask, sub = zmask;
    for (;;) {
        uint32_t T = base | sub;
        if (!f->known[T]) {
            f->known[T] = 1;
            f->v[T] = f->v[S];
        }
        if (sub == 0)
            break;
        sub = (sub - 1) & zmask;
    }
}


/* Which families get a Shapley split, and the first step of each: v(N), Z(N), inference. */
static void shapley_setup(Value *x)
{
    int k = x->k;
    for (int fi = 0; fi < x->nfam; fi++) {
        Family *f = &x->fam[fi];
        f->method = SH_NONE;
        if (f->status == VS_UNUSED) {
            f->why_none = "unused: every coalition is worth 0";
            continue;
        }
        if (f->status == VS_ESSENTIAL) {
            f->why_none = "essential: no plan without it to compare with";
            continue;
        }
        if (f->status == VS_NO_SOLUTION) {
            f->why_none = "no solution without it in the time limit";
            continue;
        }
        if (!(f->value > value_tolerance(x, f))) {
            f->why_none = "value within the solvers' tolerance";
            continue;
        }
        f->method = k <= VALUE_EXACT_MAX ? SH_EXACT : SH_SAMPLED;
        f->phi = xcalloc((size_t)k, sizeof *f->phi);
        f->se = xcalloc((size_t)k, sizeof *f->se);
        f->zN = xcalloc((size_t)k, 1);
        bool all = true;
        for (int q = 0; q < k; q++) {
            f->zN[q] = plant_at(x->m, x->with, f->without, x->players[q]);
            all &= f->zN[q];
        }
        if (all) { /* no plant changes anything: v(S) = v(N) for every S */
            f->zero_game = true;
            f->v_empty = f->value;
            continue;
        }
        if (f->method == SH_EXACT) {
            uint32_t full = (1u << k) - 1u, z = 0;
            f->v = xcalloc((size_t)full + 1, sizeof *f->v);
            f->known = xcalloc((size_t)full + 1, 1);
            f->v[full] = f->value;
            f->known[full] = 1;
            for (int q = 0; q < k; q++)
                z |= (uint32_t)f->zN[q] << q;
            infer(f, full, z);
        } else {
            long samples = x->p->samples > 0 ? x->p->samples : 1000; /* --samples, default 1000 */
            long want = (samples + k - 1) / k;
            f->nperm = (int)(want < 2 ? 2 : want);
            f->perm = xcalloc((size_t)f->nperm * k, sizeof *f->perm);
            f->mc = xcalloc((size_t)f->nperm * k, sizeof *f->mc);
            uint64_t seed = x->p->seed >= 0 ? (uint64_t)x->p->seed : 1; /* --seed, default 1 */
            uint64_t state = seed * 0x2545F4914F6CDD1DULL + (uint64_t)fi;
            for (int s = 0; s < f->nperm; s++) {
                int *pi = f->perm + (size_t)s * k;
                for (int q = 0; q < k; q++)
                    pi[q] = q;
                for (int q = k - 1; q > 0; q--) {
                    int r = (int)(splitmix64(&state) % (uint64_t)(q + 1));
                    int tmp = pi[q];
                    pi[q] = pi[r];
                    pi[r] = tmp;
                }
            }
        }
    }
}

static TicoStatus shapley_run(Value *x)
{
    int k = x->k;
    TicoStatus st = TICO_OK;
    Task *tasks = xcalloc((size_t)x->nfam + 1, sizeof *tasks);
    TaskRecord *res = xcalloc((size_t)x->nfam + 1, sizeof *res);
    int n = 0;
    /* C(empty) of every family that needs solves (the start of every other coalition) */
    for (int fi = 0; fi < x->nfam; fi++) {
        Family *f = &x->fam[fi];
        if (f->method != SH_NONE && !f->zero_game)
            tasks[n++] = (Task){T_EMPTY, fi, 0, 0};
    }
    st = run_batch(x, tasks, n, "tico value: Shapley, no plant free", res);
    for (int j = 0; j < n; j++) {
        Family *f = &x->fam[tasks[j].fam];
        if (st == TICO_OK) {
            f->sol_empty = sweep_solution(&res[j], x->m);
            if (!f->sol_empty) {
                fprintf(stderr, "tico value: %s: C(empty) came back unreadable from its worker\n", f->id);
                st = TICO_EINTERNAL;
            } else if (!solved(f->sol_empty)) {
                f->method = SH_NONE;
                f->why_none = "a coalition had no solution";
            } else {
                f->solves++;
                f->limit |= f->sol_empty->status == SOL_FEASIBLE;
                f->v_empty = saving(x, f, f->sol_empty->objective);
                if (f->method == SH_EXACT && !f->known[0]) {
                    f->v[0] = f->v_empty;
                    f->known[0] = 1;
                }
            }
        }
        task_free(&res[j]);
    }
    free(tasks);
    free(res);
    if (st != TICO_OK)
        return st;

    /* exact: rounds of one coalition size, from large to small */
    for (int r = 1; r < k; r++) {
        int size = k - r;
        n = 0;
        for (int fi = 0; fi < x->nfam; fi++) {
            Family *f = &x->fam[fi];
            if (f->method != SH_EXACT || f->zero_game)
                continue;
            for (uint32_t S = 1; S < (1u << k) - 1u; S++)
                n += popcount32(S) == size && !f->known[S];
        }
        if (n == 0)
            continue;
        tasks = xcalloc((size_t)n, sizeof *tasks);
        res = xcalloc((size_t)n, sizeof *res);
        n = 0;
        for (int fi = 0; fi < x->nfam; fi++) {
            Family *f = &x->fam[fi];
            if (f->method != SH_EXACT || f->zero_game)
                continue;
            for (uint32_t S = 1; S < (1u << k) - 1u; S++)
                if (popcount32(S) == size && !f->known[S])
                    tasks[n++] = (Task){T_COALITION, fi, S, 0};
        }
        char label[96];
        snprintf(label, sizeof label, "tico value: Shapley, coalitions of %d", size);
        st = run_batch(x, tasks, n, label, res);
        for (int j = 0; j < n; j++) {
            Family *f = &x->fam[tasks[j].fam];
            if (st == TICO_OK && f->method == SH_EXACT) {
                int status = (int)task_get(&res[j], "status", -1);
                f->solves++;
                if (!isfinite(task_get(&res[j], "objective", NAN)) && status == SOL_OPTIMAL) {
                    fprintf(stderr, "tico value: %s: a coalition came back unreadable from its worker\n", f->id);
                    st = TICO_EINTERNAL;
                } else if (status != SOL_OPTIMAL && status != SOL_FEASIBLE) {
                    f->method = SH_NONE;
                    f->why_none = "a coalition had no solution";
                } else {
                    uint32_t S = tasks[j].mask;
                    f->limit |= status == SOL_FEASIBLE;
                    f->v[S] = saving(x, f, task_get(&res[j], "objective", NAN));
                    f->known[S] = 1;
                    infer(f, S, (uint32_t)task_get(&res[j], "zmask", 0));
                }
            }
            task_free(&res[j]);
        }
        free(tasks);
        free(res);
        if (st != TICO_OK)
            return st;
    }

    /* sampled orders */
    n = 0;
    for (int fi = 0; fi < x->nfam; fi++)
        if (x->fam[fi].method == SH_SAMPLED && !x->fam[fi].zero_game)
            n += x->fam[fi].nperm;
    if (n > 0) {
        tasks = xcalloc((size_t)n, sizeof *tasks);
        res = xcalloc((size_t)n, sizeof *res);
        n = 0;
        for (int fi = 0; fi < x->nfam; fi++)
            if (x->fam[fi].method == SH_SAMPLED && !x->fam[fi].zero_game)
                for (int s = 0; s < x->fam[fi].nperm; s++)
                    tasks[n++] = (Task){T_PERM, fi, 0, s};
        st = run_batch(x, tasks, n, "tico value: Shapley, sampled orders", res);
        for (int j = 0; j < n; j++) {
            Family *f = &x->fam[tasks[j].fam];
            int nv = 0;
            const double *vals = task_get_vec(&res[j], "v", &nv);
            if (st == TICO_OK && f->method == SH_SAMPLED) {
                if (nv != k + 1) {
                    fprintf(stderr, "tico value: %s: an order came back unreadable from its worker\n", f->id);
                    st = TICO_EINTERNAL;
                } else {
                    f->solves += (int)task_get(&res[j], "solves", 0);
                    f->limit |= task_get(&res[j], "limit", 0) != 0;
                    if (task_get(&res[j], "failed", 0) != 0) {
                        f->method = SH_NONE;
                        f->why_none = "a coalition had no solution";
                    } else {
                        const int *pi = f->perm + (size_t)tasks[j].perm * k;
                        for (int q = 0; q < k; q++)
                            f->mc[(size_t)tasks[j].perm * k + pi[q]] = vals[q + 1] - vals[q];
                    }
                }
            }
            task_free(&res[j]);
        }
        free(tasks);
        free(res);
    }
    return st;
}

static void shapley_finish(Value *x)
{
    int k = x->k;
    for (int fi = 0; fi < x->nfam; fi++) {
        Family *f = &x->fam[fi];
        if (f->method == SH_NONE || f->zero_game)
            continue;
        double tol = value_tolerance(x, f);
        if (f->method == SH_EXACT) {
            value_shapley_exact(k, f->v, f->phi);
        } else {
            int M = f->nperm;
            for (int q = 0; q < k; q++) {
                double mean = 0.0, ss = 0.0;
                for (int s = 0; s < M; s++)
                    mean += f->mc[(size_t)s * k + q];
                mean /= M;
                for (int s = 0; s < M; s++) {
                    double d = f->mc[(size_t)s * k + q] - mean;
                    ss += d * d;
                }
                f->phi[q] = mean;
                f->se[q] = sqrt(ss / (M - 1) / M);
            }
        }
        for (int q = 0; q < k; q++) /* a weighted sum of differences each known to +-tol */
            if (fabs(f->phi[q]) <= tol)
                f->phi[q] = 0.0;
    }
}

/* ---- outputs ------------------------------------------------------------------------------ */

static const char *status_name(VStatus s)
{
    static const char *const names[] = {"optimal", "limit", "unused", "essential", "no_solution"};
    return names[s];
}

static const char *method_name(const Family *f)
{
    if (f->method == SH_EXACT)
        return f->limit ? "exact (limit)" : "exact";
    if (f->method == SH_SAMPLED)
        return f->limit ? "sampled (limit)" : "sampled";
    return "none";
}

static void put(FILE *f, double v, bool last)
{
    if (isfinite(v))
        out_put_num(f, v);
    fputc(last ? '\n' : ',', f);
}

static void field(FILE *f, const char *s)
{
    out_csv_field(f, s);
    fputc(',', f);
}

/* Player index of plant p, or -1 (a dummy). */
static int player_of(const Value *x, int p)
{
    for (int q = 0; q < x->k; q++)
        if (x->players[q] == p)
            return q;
    return -1;
}

/* By-use share of plant p (p == P: the rest), NaN when nothing was used. */
static double use_share(const Value *x, const Family *f, int p)
{
    if (!(f->origin_disc > 0))
        return NAN;
    (void)x;
    return f->use_disc[p] / f->origin_disc;
}

/* Shapley value (EUR of the saving) of plant p (P: v(empty)), NaN when not computed. */
static double shapley_value(const Value *x, const Family *f, int p)
{
    if (f->status == VS_UNUSED)
        return 0.0;
    if (f->method == SH_NONE)
        return NAN;
    if (p == x->P)
        return f->v_empty;
    int q = player_of(x, p);
    return q < 0 || f->zero_game ? 0.0 : f->phi[q];
}

static void write_value_csv(FILE *f, const Value *x)
{
    const Model *m = x->m;
    fputs("family,assets,technology,sector,service,commodity,status,value_eur,system_value_eur,total_cost_with_eur,"
          "total_cost_without_eur,system_cost_with_eur,system_cost_without_eur,gap_without,asset_cost_eur,shapley,"
          "players,coalitions_solved\n", f);
    for (int fi = 0; fi < x->nfam; fi++) {
        const Family *F = &x->fam[fi];
        const Technology *tc = &m->techs[F->tech];
        const Solution *w = F->without;
        bool have = w && solved(w);
        field(f, F->id);
        field(f, F->members);
        field(f, tc->id);
        field(f, tc->sector);
        field(f, F->svc == SVC_MAKES ? "makes" : F->svc == SVC_TAKES ? "takes" : "none");
        field(f, F->commodity >= 0 ? m->commodities[F->commodity].id : "");
        field(f, status_name(F->status));
        bool val = F->status == VS_OPTIMAL || F->status == VS_LIMIT || F->status == VS_UNUSED;
        put(f, val ? F->value : NAN, false);
        put(f, val ? F->value_system : NAN, false);
        put(f, x->with->objective, false);
        put(f, F->status == VS_UNUSED ? x->with->objective : have ? w->objective : NAN, false);
        put(f, x->with->system_cost, false);
        put(f, F->status == VS_UNUSED ? x->with->system_cost : have ? w->system_cost : NAN, false);
        put(f, F->status == VS_UNUSED ? 0.0 : have ? w->gap : NAN, false);
        put(f, F->asset_cost, false);
        char how[160];
        if (F->status == VS_UNUSED)
            snprintf(how, sizeof how, "exact");
        else if (F->method == SH_NONE)
            snprintf(how, sizeof how, "none (%s)", F->why_none ? F->why_none : "not computed");
        else
            snprintf(how, sizeof how, "%s", method_name(F));
        field(f, how);
        fprintf(f, "%d,%d\n", x->k, F->solves);
    }
}

static void write_split_csv(FILE *f, const Value *x)
{
    const Model *m = x->m;
    fputs("family,plant,use,unit,by_use_share,by_use_eur,shapley_value_eur,shapley_share,shapley_eur,method,"
          "stderr_eur\n", f);
    for (int fi = 0; fi < x->nfam; fi++) {
        const Family *F = &x->fam[fi];
        const char *unit = F->commodity >= 0 ? m->commodities[F->commodity].unit : "";
        bool shares = F->method != SH_NONE && F->value > 0;
        for (int p = 0; p <= x->P; p++) {
            field(f, F->id);
            field(f, p < x->P ? m->plants[p].id : OTHER);
            put(f, F->use[p], false);
            field(f, unit);
            double us = use_share(x, F, p);
            if (!isfinite(us)) { /* nothing used: its whole cost to the rest */
                put(f, NAN, false);
                put(f, p == x->P ? F->asset_cost : 0.0, false);
            } else {
                put(f, us, false);
                put(f, us * F->asset_cost, false);
            }
            double sv = shapley_value(x, F, p);
            put(f, sv, false);
            put(f, shares ? sv / F->value : NAN, false);
            put(f, shares ? sv / F->value * F->asset_cost : NAN, false);
            int q = p < x->P ? player_of(x, p) : 0;
            const char *meth = F->status == VS_UNUSED ? "exact" : method_name(F);
            if (p < x->P && q < 0 && (F->method != SH_NONE || F->status == VS_UNUSED))
                meth = "dummy";
            field(f, meth);
            if (F->method == SH_SAMPLED && p < x->P && q >= 0 && !F->zero_game)
                put(f, F->se[q], true);
            else
                put(f, isfinite(sv) ? 0.0 : NAN, true);
        }
    }
}

static void meur(char *buf, size_t n, double v)
{
    double a = fabs(v) / 1e6;
    snprintf(buf, n, a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : "%.2f", v / 1e6);
    if (strcmp(buf, "-0") == 0 || strcmp(buf, "-0.0") == 0 || strcmp(buf, "-0.00") == 0)
        memmove(buf, buf + 1, strlen(buf));
}

/* value.svg: the value of every family (bars, EUR million), then the two splits of each
 * family's cost as shares (a bar by use and a bar by Shapley value, coloured by plant). */
static void write_svg(FILE *f, const Value *x)
{
    const Model *m = x->m;
    const double W = 960, X0 = 260, X1 = 800, ROW = 22, PAD = 16;
    int n = x->nfam, P = x->P;
    const char *other_color = "#bdbdbd";
    /* legend: plants, then the rest */
    const char **names = xcalloc((size_t)P + 1, sizeof *names), **colors = xcalloc((size_t)P + 1, sizeof *colors);
    for (int p = 0; p < P; p++) {
        names[p] = m->plants[p].name;
        colors[p] = svg_palette(p);
    }
    names[P] = "not plants (demands, markets, the system)";
    colors[P] = other_color;
    int *split = xcalloc((size_t)n + 1, sizeof *split), ns = 0;
    for (int fi = 0; fi < n; fi++) {
        const Family *F = &x->fam[fi];
        if (F->origin_disc > 0 || (F->method != SH_NONE && F->value > 0))
            split[ns++] = fi;
    }
    double lh = svg_legend_height(W - 2 * PAD, names, P + 1);
    double h1 = 70 + n * ROW + 50;
    double h2 = ns ? 70 + ns * 40 + 40 + lh : 0;
    double H = h1 + h2 + PAD;
    svg_open(f, W, H, "Value of shared infrastructure and the split of its cost");
    svg_text(f, PAD, 24, "start", 16, "#222222", 0, true, "Value of shared infrastructure");
    svg_text(f, PAD, 44, "start", 11, "#666666", 0, false,
             "NPV total cost without the asset (family) minus with it, EUR million; essential = infeasible without it");

    /* axis for the values */
    double lo = 0.0, hi = 0.0;
    for (int fi = 0; fi < n; fi++) {
        const Family *F = &x->fam[fi];
        if (F->status == VS_OPTIMAL || F->status == VS_LIMIT) {
            lo = fmin(lo, F->value / 1e6);
            hi = fmax(hi, F->value / 1e6);
        }
    }
    double nlo, nhi, step;
    svg_nice_ticks(lo, hi > lo ? hi : lo + 1.0, 5, &nlo, &nhi, &step);
    double y0 = 60, yb = y0 + n * ROW + 4;
#define PX(v) (X0 + ((v) - nlo) / (nhi - nlo) * (X1 - X0))
    char b[64], tip[512];
    for (int t = 0; t <= 100; t++) {
        double v = nlo + t * step;
        if (v > nhi + step * 1e-6)
            break;
        svg_line(f, PX(v), y0 - 4, PX(v), yb, "#e5e5e5", 1.0, false);
        svg_fmt_tick(b, sizeof b, v, step);
        svg_text(f, PX(v), yb + 16, "middle", 11, "#444444", 0, false, b);
    }
    svg_text(f, (X0 + X1) / 2, yb + 34, "middle", 12, "#444444", 0, false, "EUR million (NPV)");
    for (int fi = 0; fi < n; fi++) {
        const Family *F = &x->fam[fi];
        double y = y0 + fi * ROW;
        svg_text(f, X0 - 8, y + 12, "end", 12, "#222222", 0, false, F->id);
        if (F->status == VS_OPTIMAL || F->status == VS_LIMIT) {
            double a = PX(fmin(0.0, F->value / 1e6)), c = PX(fmax(0.0, F->value / 1e6));
            meur(b, sizeof b, F->value);
            snprintf(tip, sizeof tip, "%s (%s): value %s MEUR (%s)", F->id, F->members, b, status_name(F->status));
            svg_rect(f, a, y + 2, fmax(c - a, 0.5), 14, F->status == VS_LIMIT ? "#f28e2b" : "#4e79a7", tip);
            char lab[96];
            snprintf(lab, sizeof lab, "%s%s", b, F->status == VS_LIMIT ? " (at a limit)" : "");
            svg_text(f, c + 4, y + 13, "start", 11, "#222222", 0, false, lab);
        } else {
            const char *lab = F->status == VS_ESSENTIAL  ? "essential: the cluster cannot do without it"
                              : F->status == VS_UNUSED ? "0 (unused)"
                                                       : "no solution without it in the time limit";
            svg_text(f, PX(0.0) + 4, y + 13, "start", 11, F->status == VS_ESSENTIAL ? "#c0392b" : "#666666", 0,
                     F->status == VS_ESSENTIAL, lab);
        }
    }
    svg_line(f, PX(0.0), y0 - 4, PX(0.0), yb, "#444444", 1.0, false);
    if (n == 0)
        svg_text(f, X0, y0 + 12, "start", 12, "#666666", 0, false, "This instance has no shared infrastructure.");

    if (ns) {
        double ys = h1;
        svg_text(f, PAD, ys + 24, "start", 16, "#222222", 0, true, "Who pays: each asset's cost split among the plants");
        svg_text(f, PAD, ys + 44, "start", 11, "#666666", 0, false,
                 "use: share of what the asset makes or takes (discounted); Shapley: share of the saving that the "
                 "plants' route choices bring");
        double yr = ys + 60;
        for (int t = 0; t <= 4; t++) {
            double xv = X0 + t * (X1 - X0) / 4;
            svg_line(f, xv, yr - 4, xv, yr + ns * 40, "#e5e5e5", 1.0, false);
            snprintf(b, sizeof b, "%d %%", t * 25);
            svg_text(f, xv, yr + ns * 40 + 14, "middle", 11, "#444444", 0, false, b);
        }
        for (int j = 0; j < ns; j++) {
            const Family *F = &x->fam[split[j]];
            double y = yr + j * 40;
            svg_text(f, X0 - 70, y + 17, "end", 12, "#222222", 0, false, F->id);
            meur(b, sizeof b, F->asset_cost);
            char lab[96];
            snprintf(lab, sizeof lab, "cost %s MEUR", b);
            svg_text(f, X1 + 8, y + 17, "start", 11, "#222222", 0, false, lab);
            for (int kind = 0; kind < 2; kind++) {
                double yy = y + 2 + kind * 16;
                svg_text(f, X0 - 6, yy + 11, "end", 10, "#666666", 0, false, kind ? "Shapley" : "use");
                bool have = kind ? F->method != SH_NONE && F->value > 0 : F->origin_disc > 0;
                if (!have) {
                    svg_text(f, X0 + 4, yy + 11, "start", 10, "#999999", 0, false,
                             kind ? (F->why_none ? F->why_none : "not computed") : "not used");
                    continue;
                }
                double cum = 0.0;
                for (int p = 0; p <= P; p++) {
                    double s = kind ? shapley_value(x, F, p) / F->value : use_share(x, F, p);
                    if (!(s > 1e-6))
                        continue; /* negative shares (solver tolerance) are not drawn */
                    double w = fmin(s, fmax(0.0, 1.0 - cum));
                    snprintf(tip, sizeof tip, "%s, %s: %.1f %% (%s)", F->id, p < P ? m->plants[p].name : OTHER,
                             100.0 * s, kind ? "Shapley" : "use");
                    svg_rect(f, X0 + cum * (X1 - X0), yy, w * (X1 - X0), 13, colors[p], tip);
                    cum += w;
                }
            }
        }
        svg_legend(f, PAD, yr + ns * 40 + 30, W - 2 * PAD, names, colors, NULL, P + 1);
    }
#undef PX
    svg_close(f);
    free(names);
    free(colors);
    free(split);
}

/* One line per family on stdout. */
static void print_family(const Value *x, const Family *F)
{
    const Model *m = x->m;
    char b[64], c[64];
    meur(c, sizeof c, F->asset_cost);
    if (F->status == VS_ESSENTIAL)
        printf("  %s: essential (infeasible without it); cost %s MEUR", F->id, c);
    else if (F->status == VS_NO_SOLUTION)
        printf("  %s: no solution without it in the time limit; cost %s MEUR", F->id, c);
    else {
        meur(b, sizeof b, F->value);
        printf("  %s: value %s MEUR (%s); cost %s MEUR", F->id, b, status_name(F->status), c);
    }
    if (F->origin_disc > 0) {
        printf("; by use:");
        int shown = 0;
        for (int p = 0; p < x->P; p++) {
            double s = use_share(x, F, p);
            if (s >= 0.005) {
                printf("%s %s %.0f%%", shown++ ? "," : "", m->plants[p].id, 100.0 * s);
            }
        }
        double s = use_share(x, F, x->P);
        if (s >= 0.005)
            printf("%s %s %.0f%%", shown++ ? "," : "", OTHER, 100.0 * s);
    }
    if (F->method != SH_NONE && F->value > 0) {
        printf("; Shapley (%s):", method_name(F));
        int shown = 0;
        for (int p = 0; p <= x->P; p++) {
            double s = shapley_value(x, F, p) / F->value;
            if (s >= 0.005)
                printf("%s %s %.0f%%", shown++ ? "," : "", p < x->P ? m->plants[p].id : OTHER, 100.0 * s);
        }
    }
    putchar('\n');
}

/* ---- the command ---------------------------------------------------------------------------- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Wall time of a phase, on stderr only (the files hold no time). */
static void phase_done(const Value *x, const char *what, int solves, double t0)
{
    if (!x->p->quiet)
        fprintf(stderr, "tico value: %s: %d solve%s in %.1f s\n", what, solves, solves == 1 ? "" : "s", now() - t0);
}

static void value_free(Value *x)
{
    for (int fi = 0; fi < x->nfam; fi++)
        free_family(&x->fam[fi]);
    free(x->fam);
    solution_free(x->with);
    free(x->players);
    free(x->dummy);
    free(x->carrier);
    free(x->svc);
    free(x->svc_c);
}

static TicoStatus write_outputs(const Value *x)
{
    const char *dir = x->p->outdir;
    OutSet *os = out_begin(dir);
    TicoStatus st;
    if (!os) {
        st = TICO_EINTERNAL;
    } else {
        FILE *f1 = out_open(os, "value.csv"), *f2 = out_open(os, "value_split.csv"), *f3 = out_open(os, "value.svg");
        if (f1 && f2 && f3) {
            write_value_csv(f1, x);
            write_split_csv(f2, x);
            write_svg(f3, x);
            st = out_commit(os);
        } else {
            out_abort(os);
            st = TICO_EINTERNAL;
        }
    }
    if (st == TICO_OK && !x->p->quiet) {
        printf("tico value: %s, %d famil%s of shared infrastructure, %d plant%s (%d in the Shapley game)\n",
               x->m->name, x->nfam, x->nfam == 1 ? "y" : "ies", x->P, x->P == 1 ? "" : "s", x->k);
        for (int fi = 0; fi < x->nfam; fi++)
            print_family(x, &x->fam[fi]);
        printf("tico value: wrote %s/value.csv, value_split.csv, value.svg\n", dir);
    }
    return st;
}

TicoStatus value_run(const Model *m, const ValueParams *p)
{
    Value x;
    memset(&x, 0, sizeof x);
    x.m = m;
    x.p = p;
    x.P = m->nplants;
    x.A = m->nassets;
    x.carrier = tic_co2_carriers(m);
    if (!make_families(&x)) {
        value_free(&x);
        return TICO_EUSAGE;
    }
    x.workers = p->jobs;
    x.dummy = xcalloc((size_t)x.P, sizeof *x.dummy);
    x.players = xcalloc((size_t)x.P, sizeof *x.players);
    for (int q = 0; q < x.P; q++) {
        x.dummy[q] = plant_is_dummy(m, q);
        if (!x.dummy[q])
            x.players[x.k++] = q;
    }
    if (x.nfam == 0) { /* nothing to value: the files say so with their headers alone */
        if (!p->quiet)
            fprintf(stderr, "tico value: %s has no shared infrastructure to value\n", m->name);
        TicoStatus st0 = write_outputs(&x);
        value_free(&x);
        return st0;
    }
    /* values and coalition worths are differences of costs: solve closer than they are large */
    x.sp = sweep_solve_params(m, p->gap, p->time_limit);

    /* the instance as it stands */
    if (!p->quiet)
        fprintf(stderr, "tico value: solving %s with every asset allowed\n", m->name);
    BuildOpts bo = {false, 0.0, false};
    Build *B;
    double t0 = now();
    TicoStatus st = build_new(m, &bo, &B);
    if (st == TICO_OK) {
        st = solve_build(B, &x.sp, &x.with, NULL);
        build_free(B);
    }
    phase_done(&x, "the instance", 1, t0);
    if (!solved(x.with)) {
        fprintf(stderr, "tico value: the instance has no solution (%s); nothing written\n",
                x.with ? solution_status_name(x.with->status) : "solver error");
        value_free(&x);
        return st != TICO_OK ? st : TICO_EINFEASIBLE;
    }

    /* services, by-use split, unused families */
    x.svc = xcalloc((size_t)x.A, sizeof *x.svc);
    x.svc_c = xcalloc((size_t)x.A, sizeof *x.svc_c);
    for (int i = 0; i < x.A; i++)
        x.svc[i] = asset_service(m, x.carrier, i, &x.svc_c[i]);
    Task *tasks = xcalloc((size_t)x.nfam + 1, sizeof *tasks);
    int n = 0;
    for (int fi = 0; fi < x.nfam; fi++) {
        Family *f = &x.fam[fi];
        by_use(&x, f);
        bool unused = true;
        for (int a = 0; a < f->nassets; a++) {
            f->asset_cost += asset_cost(m, x.with, f->assets[a]);
            unused &= asset_unused(m, x.with, f->assets[a]);
        }
        if (unused)
            f->status = VS_UNUSED; /* value 0: the optimum is feasible without it */
        else
            tasks[n++] = (Task){T_WITHOUT, fi, 0, 0};
    }

    /* a solve without each family that is used */
    if (!p->quiet)
        fprintf(stderr, "tico value: %d famil%s, %d used: solving without each\n", x.nfam, x.nfam == 1 ? "y" : "ies",
                n);
    TaskRecord *res = xcalloc((size_t)n + 1, sizeof *res);
    t0 = now();
    st = run_batch(&x, tasks, n, "tico value: without each asset", res);
    phase_done(&x, "without each family", n, t0);
    for (int j = 0; j < n; j++) {
        Family *f = &x.fam[tasks[j].fam];
        if (st == TICO_OK) {
            Solution *s = sweep_solution(&res[j], m);
            if (!s) {
                fprintf(stderr, "tico value: %s: the solve without it came back unreadable from its worker\n", f->id);
                st = TICO_EINTERNAL;
            } else if (s->status == SOL_INFEASIBLE) {
                f->status = VS_ESSENTIAL;
                f->value = f->value_system = INFINITY;
                solution_free(s);
            } else if (s->status == SOL_NO_SOLUTION) {
                f->status = VS_NO_SOLUTION;
                f->value = f->value_system = NAN;
                solution_free(s);
            } else {
                f->without = s;
                f->status = s->status == SOL_FEASIBLE || x.with->status == SOL_FEASIBLE ? VS_LIMIT : VS_OPTIMAL;
                f->value = saving(&x, f, x.with->objective);
                f->value_system = s->system_cost - x.with->system_cost;
                f->gap_without = s->gap;
            }
        }
        task_free(&res[j]);
    }
    free(res);
    free(tasks);

    if (st == TICO_OK) {
        shapley_setup(&x);
        t0 = now();
        st = shapley_run(&x);
        int solves = 0;
        for (int fi = 0; fi < x.nfam; fi++)
            solves += x.fam[fi].solves;
        phase_done(&x, "Shapley coalitions", solves, t0);
    }
    if (st == TICO_OK) {
        shapley_finish(&x);
        st = write_outputs(&x);
    }
    value_free(&x);
    return st;
}
