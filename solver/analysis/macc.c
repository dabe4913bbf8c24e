/*
 * macc.c — marginal abatement cost curves (SPEC §5): `tico macc`.
 *
 * Baseline: the instance with carbon price 0, no cap and no budget (a price sweep alone that
 * starts at 0 takes it from that point). Emissions of the price and cap sweeps are the
 * cluster's net scope 1 (what a carbon price acts on); scope 2 is reported beside them. The
 * measures count on the boundary --scope (below).
 * The target period is the one holding --year (default: the last period).
 *
 *   --prices LIST|FROM:TO:STEP  a solve per uniform carbon price (all periods), no cap.
 *       Between consecutive points, the entities whose target-year emissions fell get the
 *       abatement step, one bar each, labelled with what changed (route switches with line
 *       counts, asset modules, spurs); the bar's height is the price at which it enters
 *       (the upper price of the step), and the average cost of the step
 *       = delta NPV system cost / delta discounted emissions is reported beside it.
 *   --caps LIST  shares of the baseline's target-year emissions: a cap on the target year
 *       only, carbon price 0. MAC from the cap's dual with the integers fixed (EUR/t), and
 *       from the cost difference between consecutive points; both in macc_caps_points.csv.
 *       Infeasible cap levels are flagged, not fatal.
 *   --measures  one bar per candidate measure: a plant (or --lines N of its lines) on a route
 *       from a start period.
 *       Counterfactual (a "reference" point per plant): the instance at its own carbon price
 *       (policy.carbon_price) with the plant's lines held as in the baseline (carbon price 0).
 *       Measure: the same, with the plant's lines as in the baseline before the start and, from
 *       the start, its whole production on the route (or N lines built and operating on it,
 *       their output as the solve finds best), its other routes at most their baseline lines.
 *       Every other plant is held as in the baseline too (its lines), unless it is coupled
 *       to the measure's plant by a by-product (it uses one the plant makes, or one both use:
 *       blast-furnace slag for the slag grinders and a slag cement): those may change. Assets,
 *       markets and spurs are free in both solves, so the changes that follow from the
 *       measure (a power plant that runs less, more hydrogen bought, a grinder on imported
 *       clinker) are in its bar: its abatement (column abatement_own_t for the plant itself,
 *       knock_on_t and knock_on for the rest) and its cost.
 *       Variants: the whole production; for a plant of several lines also one line, whose
 *       bar is given when no start of the whole plant can be done (--lines N: N lines only).
 *       Carbon in import prices: both solves carry the instance's carbon price, the one its
 *       import prices were built with (e.g. Dunkirk's HBI and clinker prices include the
 *       CBAM/ETS charge at the central carbon price): import prices and the measure's
 *       baseline follow the same carbon price. An instance without a carbon price has a
 *       baseline without one, and its import prices should carry none.
 *       Start: each period from the route's first year to the target period is a point; the
 *       bar is the feasible start of least levelised cost (--start Y: only Y), among those
 *       that abate at least 1e-4 of the counterfactual's target-year emissions there (an
 *       asset measure: 1e-7).
 *   Asset measures (the instance's `measures`): a set of assets with a number of modules
 *       each, built from the start and in use (activity fixed at `use` x their full use; use
 *       0: at most it), against one counterfactual: every asset of any measure at its
 *       existing modules, every plant at its baseline lines, other assets free; both at the
 *       instance's carbon price. Own abatement: the assets of the measure's sector.
 *       Levelised cost = delta cost / sum_t DF_t x delta E_t, E_t on the boundary --scope
 *       (default "1+3": net scope 1 plus the embedded CO2 of bought materials, so that
 *       buying HBI or clinker instead of making it does not count as abating; "1", "1+2",
 *       "1+2+3"). Width = abatement on the boundary in the target period.
 *       Delta cost = delta NPV system cost (without carbon payments), except that shared
 *       infrastructure (process assets of sector "ccs" or "hydrogen": CO2 terminals, pipes,
 *       electrolysers, ...) is charged by use: sum_t DF_t x delta activity_t x levelised cost
 *       ((capex x CRF(rho, life) + fixed O&M) / availability + var O&M per unit), in place of
 *       the modules the solve built (a whole module for a measure that uses part of it).
 *       Its decomposition (EUR per t, in macc.csv): capex (plants, spurs, other assets), O&M,
 *       energy (imports less exports of energy and materials), transport and storage
 *       (markets of commodities whose id starts "co2"), infrastructure (the share by use).
 *       Candidates: buildable routes that the baseline does not already run for all of the
 *       plant's production; an infeasible point is flagged with why, not fatal.
 *
 * Work: every point is a task; tasks run in chains of CHAIN_LEN consecutive points on fresh
 * Builds in worker processes (pool.h). With --warm, each point inside a chain starts from
 * the previous point's solution when that is feasible (solve.h checks; sweeps over prices
 * always are, caps are computed from tight to loose so that they are too). Off by default:
 * a start means solving without GLPK's MIP presolver, and the 17-point Dunkirk price sweep
 * took 171 s warm against 133 s cold at -j 1 (bench/RESULTS.md).
 * The chains do not depend on -j, so the files do not either.
 *
 * Every solve runs to a relative gap of 1e-6 unless --gap is given: bars are differences of
 * costs between solves, and must not be smaller than the solver's tolerance.
 *
 * Outputs (atomic, out.h), per mode so that modes never overwrite each other (macc_out.c):
 * macc_prices.csv / macc_caps.csv / macc_measures.csv (bars), macc_<mode>_points.csv (points),
 * macc_<mode>.svg (the curve; for prices also emissions against the carbon price).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "macc_int.h"
#include "xalloc.h"

#include "build.h"
#include "out.h"
#include "pool.h"
#include "solution.h"
#include "solve.h"
#include "svg.h"
#include "csv_row.h"
#include "sweep.h"
#include "tic.h"

/* ---- arguments ----------------------------------------------------------------------- */

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* "a,b,c" or "FROM:TO:STEP" into a sorted list without repeats. Returns the count, or -1. */
static int parse_list(const char *s, bool range_ok, double **out)
{
    double *v = NULL;
    int n = 0;
    char *end;
    if (range_ok && strchr(s, ':')) {
        double a, b, st;
        errno = 0;
        a = strtod(s, &end);
        if (*end != ':')
            return -1;
        b = strtod(end + 1, &end);
        if (*end != ':')
            return -1;
        st = strtod(end + 1, &end);
        if (*end || errno || !(st > 0) || b < a || !isfinite(a) || !isfinite(b) || (b - a) / st > MAX_POINTS)
            return -1;
        int k = (int)floor((b - a) / st + 1e-9) + 1;
        v = xmalloc((size_t)k * sizeof *v);
        for (int i = 0; i < k; i++)
            v[n++] = a + i * st;
    } else {
        const char *p = s;
        v = xmalloc((strlen(s) / 2 + 2) * sizeof *v);
        while (*p) {
            errno = 0;
            double x = strtod(p, &end);
            if (end == p || errno || !isfinite(x) || (*end && *end != ',')) {
                free(v);
                return -1;
            }
            v[n++] = x;
            p = *end ? end + 1 : end;
        }
    }
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    int u = 0;
    for (int i = 0; i < n; i++)
        if (u == 0 || v[i] != v[u - 1])
            v[u++] = v[i];
    *out = v;
    return u;
}

/* ---- one point ------------------------------------------------------------------------ */

/* The sector of asset measure a: its first asset's technology's ("other" without one). */
static const char *asset_measure_sector(const Model *m, int a)
{
    const char *sec = m->techs[m->assets[m->measures[a].asset[0]].tech].sector;
    return sec ? sec : "other";
}

/* First period in which every asset of measure a can be built, or -1. */
static int asset_measure_first(const Model *m, int a)
{
    const AssetMeasure *ms = &m->measures[a];
    for (int t = 0; t < m->nperiods; t++) {
        bool all = true;
        for (int k = 0; k < ms->nassets; k++)
            all &= m->years[t] >= m->techs[m->assets[ms->asset[k]].tech].available_from;
        if (all)
            return t;
    }
    return -1;
}

/* First period in which route slot r of plant p can be built. */
static int first_build_period(const Model *m, int p, int r)
{
    const Technology *tc = &m->techs[m->plants[p].routes[r]];
    for (int t = 0; t < m->nperiods; t++)
        if (m->years[t] >= tc->available_from)
            return t;
    return -1;
}

/* Column j's bounds as built, INFINITY where it has none. */
static double lb0(const Build *B, int j)
{
    int ty = B->col_type0[j];
    return ty == GLP_LO || ty == GLP_DB || ty == GLP_FX ? B->col_lb0[j] : -INFINITY;
}

static double ub0(const Build *B, int j)
{
    int ty = B->col_type0[j];
    return ty == GLP_UP || ty == GLP_DB || ty == GLP_FX ? B->col_ub0[j] : INFINITY;
}

/* The bounds of an asset measure or of its counterfactual (plant -1; see the header): every
 * plant's lines as in the baseline; every asset of an asset measure at its existing modules
 * (no build), except the measure's own assets from the start: at least its modules built in
 * the start period (rebuilt as the solve needs after their life), and each slice's activity
 * equal to use x cf_s x phi_s x module x modules (their full use, as the capacity rows of
 * build_assets.c), or, with use 0, at most their full use: more modules than the measure's
 * would carry nothing. Returns the count. */
static int asset_measure_bounds(const Macc *x, const Build *B, const Point *pt, BuildBound *v)
{
    const Model *m = x->m;
    int T = m->nperiods, S = m->nslices, n = 0;
    const AssetMeasure *ms = pt->am >= 0 ? &m->measures[pt->am] : NULL;
    for (int k = 0; k < B->R * T; k++) {
        int j = B->n[k];
        if (j > 0) {
            double bau = (double)lround(x->bau_lines[k]);
            v[n++] = (BuildBound){j, bau, bau};
        }
    }
    for (int i = 0; i < m->nassets; i++) {
        if (!x->in_measure[i])
            continue;
        int own = -1;
        for (int k = 0; ms && k < ms->nassets; k++)
            if (ms->asset[k] == i)
                own = k;
        const Technology *tc = &m->techs[m->assets[i].tech];
        for (int t = 0; t < T; t++) {
            int j = B->mods[i * T + t];
            bool mine = own >= 0 && pt->kind == PT_MEASURE && t >= pt->from;
            if (j > 0 && !mine)
                v[n++] = (BuildBound){j, 0.0, 0.0};
            if (!mine)
                continue;
            if (j > 0 && t == pt->from)
                v[n++] = (BuildBound){j, fmin((double)ms->modules[own], ub0(B, j)), ub0(B, j)};
            /* a growth curve (trees): the capacity of modules built at the start, or of their
             * rebuild once they are gone, at their age in t (build.h) */
            int tb = pt->from;
            while (!build_alive(m, tb, t, tc->lifetime)) {
                int next = tb + 1;
                while (next < t && build_alive(m, tb, next, tc->lifetime))
                    next++;
                tb = next;
            }
            double g = build_growth(m, tc, tb, t);
            for (int sl = 0; sl < S; sl++) {
                int ja = B->act[(i * T + t) * S + sl];
                double cf = tc->profile ? tc->profile[sl] : tc->availability;
                double full = cf * m->slices[sl].share * m->assets[i].module * ms->modules[own] * g;
                if (ja > 0)
                    v[n++] = (BuildBound){ja, ms->use * full, ms->use > 0.0 ? ms->use * full : full};
            }
        }
    }
    return n;
}

/* The bounds a measure or its counterfactual puts on plant q's columns (see the header). With
 * undo, the columns only (v[].j), to be restored to their bounds as built. Returns the count. */
static int measure_bounds(const Macc *x, const Build *B, const Point *pt, BuildBound *v)
{
    const Model *m = x->m;
    if (pt->plant < 0)
        return asset_measure_bounds(x, B, pt, v);
    const Plant *pl = &m->plants[pt->plant];
    int T = m->nperiods, n = 0, off = B->route_off[pt->plant];
    /* every other plant held as in the baseline, unless it uses a by-product of this one */
    for (int q = 0; q < m->nplants; q++) {
        if (q == pt->plant || x->coupled[pt->plant * m->nplants + q])
            continue;
        for (int r = 0; r < m->plants[q].nroutes; r++)
            for (int t = 0; t < T; t++) {
                int k = (B->route_off[q] + r) * T + t, j = B->n[k];
                if (j > 0) {
                    double bau = (double)lround(x->bau_lines[k]);
                    v[n++] = (BuildBound){j, bau, bau};
                }
            }
    }
    for (int r = 0; r < pl->nroutes; r++)
        for (int t = 0; t < T; t++) {
            int j = B->n[(off + r) * T + t];
            if (j <= 0)
                continue;
            double bau = (double)lround(x->bau_lines[(off + r) * T + t]);
            if (pt->kind == PT_REF || t < pt->from)
                v[n++] = (BuildBound){j, bau, bau};
            else if (r != pt->route)
                v[n++] = (BuildBound){j, lb0(B, j), fmin(ub0(B, j), bau)};
            else if (pt->lines > 0)
                v[n++] = (BuildBound){j, fmin((double)pt->lines, ub0(B, j)), ub0(B, j)};
        }
    /* the whole production: none on the plant's other routes from the start (no surplus of
     * them to the pool beside the measure) */
    if (pt->kind == PT_MEASURE && pt->lines == 0)
        for (int r = 0; r < pl->nroutes; r++)
            for (int t = pt->from; t < T; t++) {
                int j = B->x[(off + r) * T + t];
                if (r != pt->route && j > 0)
                    v[n++] = (BuildBound){j, fmin(0.0, lb0(B, j)), fmax(0.0, fmin(0.0, ub0(B, j)))};
            }
    if (pt->kind == PT_MEASURE)
        for (int t = pt->from; t < T; t++) {
            int j = B->x[(off + pt->route) * T + t];
            if (j <= 0)
                continue;
            if (pt->lines > 0)
                continue; /* N lines: built and operating; their output as the solve finds best */
            v[n++] = (BuildBound){j, fmin(pl->production[t], ub0(B, j)), ub0(B, j)};
        }
    return n;
}

/* Set B's policy and bounds for point pt; undo = true restores what a measure changed. */
static TicoStatus apply_point(Macc *x, Build *B, const Point *pt, bool undo)
{
    const Model *m = x->m;
    int T = m->nperiods;
    bool measure = pt->kind == PT_MEASURE || pt->kind == PT_REF;
    if (measure) {
        size_t nb = (size_t)(2 * B->R + 1) * (size_t)T + (size_t)m->nassets * (size_t)T * (size_t)(m->nslices + 1) + 1;
        BuildBound *bb = xcalloc(nb, sizeof *bb);
        int n = measure_bounds(x, B, pt, bb);
        TicoStatus st;
        if (undo) {
            int *cols = xcalloc((size_t)n + 1, sizeof *cols);
            for (int k = 0; k < n; k++)
                cols[k] = bb[k].col;
            st = build_restore_bounds(B, cols, n);
            free(cols);
        } else {
            st = build_set_bounds(B, bb, n);
        }
        free(bb);
        if (undo || st != TICO_OK)
            return st;
    }
    double *price = xcalloc((size_t)T, sizeof *price), *cap = xmalloc((size_t)T * sizeof *cap);
    for (int t = 0; t < T; t++) {
        price[t] = pt->kind == PT_PRICE ? pt->value : measure ? x->carbon[t] : 0.0;
        cap[t] = -1.0;
    }
    if (pt->kind == PT_CAP)
        cap[x->target] = pt->value * x->base_target;
    TicoStatus st = build_set_carbon_price(B, price);
    if (st == TICO_OK)
        st = build_set_caps(B, pt->kind == PT_CAP ? cap : NULL, -1.0);
    free(price);
    free(cap);
    return st;
}

/* Why point pt has no solution: the same point with priced slack (SPEC §4.7), the first
 * violations in words ("plant X cannot make its required production in 2030: ..."). Caller frees. */
static char *explain_infeasible(Macc *x, const Point *pt)
{
    BuildOpts bo = {true, 1e5, true};
    Build *E;
    if (build_new(x->m, &bo, &E) != TICO_OK)
        return xstrdup("");
    char *why = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&why, &len);
    Solution *s = NULL;
    if (apply_point(x, E, pt, false) == TICO_OK) {
        SolveParams sp = x->sp;
        sp.duals = false;
        sp.start = NULL;
        solve_build(E, &sp, &s, NULL);
    }
    for (int k = 0; s && k < s->nviolations && k < 3; k++)
        fprintf(f, "%s%s", k ? "; " : "", s->violations[k].text);
    if (s && s->nviolations > 3)
        fprintf(f, "; and %d more", s->nviolations - 3);
    fclose(f);
    solution_free(s);
    build_free(E);
    return why;
}

/* The chain runner's steps (sweep.h): the point's policy and bounds before its solve; after
 * it, a measure's bounds undone and, for an infeasible point, why. */
static TicoStatus before_point(void *vctx, Build *B, int k, SolveParams *sp, bool *may_start, bool *skip,
                               TaskRecord *r)
{
    (void)skip;
    (void)r;
    Macc *x = vctx;
    const Point *pt = &x->pts[k];
    sp->duals = pt->kind == PT_CAP;
    *may_start = pt->kind != PT_MEASURE && pt->kind != PT_REF;
    return apply_point(x, B, pt, false);
}

static TicoStatus after_point(void *vctx, Build *B, int k, const Solution *s, TaskRecord *r)
{
    Macc *x = vctx;
    const Point *pt = &x->pts[k];
    TicoStatus st = pt->kind == PT_MEASURE || pt->kind == PT_REF ? apply_point(x, B, pt, true) : TICO_OK;
    if (s && s->status == SOL_INFEASIBLE) {
        char *why = explain_infeasible(x, pt);
        task_set_why(r, why);
        free(why);
    }
    return st;
}

/* ---- a measure against its counterfactual ------------------------------------------------ */

/* Shared infrastructure charged by use (see the header): a process asset of the CO2 chain or
 * of hydrogen (its technology's sector "ccs" or "hydrogen"). */
static bool infra_by_use(const Model *m, int i)
{
    const Technology *tc = &m->techs[m->assets[i].tech];
    return tc->kind == TECH_PROCESS && tc->sector && (strcmp(tc->sector, "ccs") == 0 || strcmp(tc->sector, "hydrogen") == 0);
}

/* A market for CO2 leaving the cluster (transport and storage): its commodity's id starts "co2". */
static bool ts_market(const Model *m, int k)
{
    return strncmp(m->commodities[m->markets[k].commodity].id, "co2", 3) == 0;
}

/* Levelised cost of asset i in period t, EUR per unit of activity at full use:
 * (capex_t x CRF(rho, life) + fixed_om_t) / availability + var_om_t. */
double macc_levelised_asset_cost(const Model *m, int i, int t)
{
    const Technology *tc = &m->techs[m->assets[i].tech];
    double av = tc->availability > 0 ? tc->availability : 1.0;
    return (tc->capex[t] * model_crf(m->discount_rate, tc->lifetime) + tc->fixed_om[t]) / av + tc->var_om[t];
}

/* NPV of what asset i costs in s as modelled (capex, fixed and variable O&M), and, by use, the
 * discounted activity at its levelised cost. */
static void asset_npv(const Model *m, const Solution *s, int i, double *capex, double *om, double *by_use)
{
    const Asset *as = &m->assets[i];
    const Technology *tc = &m->techs[as->tech];
    int T = m->nperiods, S = m->nslices;
    *capex = *om = *by_use = 0.0;
    for (int t = 0; t < T; t++) {
        double df = model_period_factor(m, t), act = 0.0, dis = 0.0;
        for (int sl = 0; sl < S; sl++) {
            act += s->activity[sol_its(s, i, t, sl)];
            dis += s->discharge[sol_its(s, i, t, sl)];
        }
        *capex += model_capital_factor(m, t, tc->lifetime) * tc->capex[t] * as->module * s->asset_built[i * T + t];
        *om += df * (tc->fixed_om[t] * as->module * s->asset_installed[i * T + t] + tc->var_om[t] * (act + dis));
        *by_use += df * act * macc_levelised_asset_cost(m, i, t);
    }
}

/* NPV of the markets of CO2 transport and storage in s (fees of exports count positive). */
static double ts_npv(const Model *m, const Solution *s)
{
    int T = m->nperiods, S = m->nslices;
    double v = 0.0;
    for (int k = 0; k < m->nmarkets; k++) {
        if (!ts_market(m, k))
            continue;
        const Market *mk = &m->markets[k];
        bool slice = m->commodities[mk->commodity].balance == BAL_SLICE;
        for (int t = 0; t < T; t++)
            for (int sl = 0; sl < (slice ? S : 1); sl++) {
                double money = mk->price[t] * (slice ? mk->price_profile[sl] : 1.0) * s->market_flow[(k * T + t) * S + sl];
                v += model_period_factor(m, t) * (mk->direction == MKT_IMPORT ? money : -money);
            }
    }
    return v;
}

/* Measure b against its counterfactual a: the change of cost by part (NPV EUR, parts as
 * PART_*; shared infrastructure by use instead of as modelled) and its sum. */
static double measure_cost(const Model *m, const Solution *a, const Solution *b, double *part)
{
    int T = m->nperiods;
    double d[NCOSTS];
    for (int c = 0; c < NCOSTS; c++) {
        d[c] = 0.0;
        for (int t = 0; t < T; t++)
            d[c] += b->cost_npv[c * T + t] - a->cost_npv[c * T + t];
    }
    part[PART_CAPEX] = d[COST_CAPEX_PLANTS] + d[COST_CAPEX_ASSETS] + d[COST_CAPEX_SPURS];
    part[PART_OM] = d[COST_FIXED_OM] + d[COST_VAR_OM];
    part[PART_TS] = ts_npv(m, b) - ts_npv(m, a);
    part[PART_ENERGY] = d[COST_IMPORTS] + d[COST_EXPORTS] - part[PART_TS];
    part[PART_INFRA] = 0.0;
    for (int i = 0; i < m->nassets; i++) {
        if (!infra_by_use(m, i))
            continue;
        double ca, oa, ua, cb, ob, ub;
        asset_npv(m, a, i, &ca, &oa, &ua);
        asset_npv(m, b, i, &cb, &ob, &ub);
        part[PART_CAPEX] -= cb - ca;
        part[PART_OM] -= ob - oa;
        part[PART_INFRA] += ub - ua;
    }
    double sum = 0.0;
    for (int k = 0; k < MACC_NPARTS; k++)
        sum += part[k];
    return sum;
}

/* sum_t DF_t x emissions of t on the boundary. */
static double scope_discounted(const Model *m, const Solution *s, int scope)
{
    double e = 0.0;
    for (int t = 0; t < m->nperiods; t++)
        e += model_period_factor(m, t) * macc_scope_emissions(s, scope, t);
    return e;
}

static double scope_cumulative(const Model *m, const Solution *s, int scope)
{
    double e = 0.0;
    for (int t = 0; t < m->nperiods; t++)
        e += m->length[t] * macc_scope_emissions(s, scope, t);
    return e;
}

/* Levelised cost of measure point b against a, EUR per t on the boundary; NaN without abatement. */
static double measure_levelised(const Macc *x, const Solution *a, const Solution *b, double *part)
{
    double part0[MACC_NPARTS];
    double *pp = part ? part : part0;
    double ea = scope_discounted(x->m, a, x->scope), da = ea - scope_discounted(x->m, b, x->scope);
    if (!(da > 1e-9 * (fabs(ea) + 1.0)))
        return NAN;
    double cost = measure_cost(x->m, a, b, pp);
    for (int k = 0; k < MACC_NPARTS; k++)
        pp[k] /= da;
    return cost / da;
}

/* Is asset k of sector sec (an asset measure's own side: what it builds and displaces)? */
static bool own_sector_asset(const Model *m, int k, const char *sec)
{
    const char *s = m->techs[m->assets[k].tech].sector;
    return strcmp(s ? s : "other", sec) == 0;
}

/* The measure's bar: point i against its counterfactual. */
static void measure_bar(const Macc *x, Bars *bs, int i, const Solution *a, const Solution *b)
{
    const Model *m = x->m;
    const Point *pt = &x->pts[i];
    const Plant *pl = pt->plant >= 0 ? &m->plants[pt->plant] : NULL;
    const AssetMeasure *ms = pt->am >= 0 ? &m->measures[pt->am] : NULL;
    int t = x->target, T = m->nperiods;
    Bar *br = macc_bar_add(bs);
    br->kind = PT_MEASURE;
    br->step = i;
    br->entity = pl ? pl->id : ms->id;
    br->sector = pl ? pl->sector : asset_measure_sector(m, pt->am);
    br->start_year = m->years[pt->from];
    br->scope = x->scope;
    br->height = br->avg_cost = measure_levelised(x, a, b, br->part);
    br->abatement = macc_scope_emissions(a, x->scope, t) - macc_scope_emissions(b, x->scope, t);
    br->abatement_cum = scope_cumulative(m, a, x->scope) - scope_cumulative(m, b, x->scope);
    /* own: the plant's, or the assets of the measure's sector (what it displaces there too) */
    if (pl) {
        br->own = a->net_scope1[pt->plant * T + t] - b->net_scope1[pt->plant * T + t];
    } else {
        br->own = 0.0;
        for (int k = 0; k < m->nassets; k++)
            if (own_sector_asset(m, k, br->sector))
                br->own += a->asset_net_scope1[k * T + t] - b->asset_net_scope1[k * T + t];
    }
    br->knock_on = br->abatement - br->own;
    br->removals = 0.0;
    for (int p = 0; p < m->nplants; p++)
        br->removals += tic_plant_removals(m, b, p, t) - tic_plant_removals(m, a, p, t);
    for (int k = 0; k < m->nassets; k++)
        br->removals += tic_asset_removals(m, b, k, t) - tic_asset_removals(m, a, k, t);
    /* knock-on: every other entity whose emissions on the boundary moved */
    Text ko = {0};
    double tol = 1e-6 * (fabs(macc_scope_emissions(a, x->scope, t)) + 1.0);
    for (int p = 0; p < m->nplants; p++) {
        double d = b->net_scope1[p * T + t] - a->net_scope1[p * T + t];
        if (p != pt->plant && fabs(d) > tol)
            macc_text_add(&ko, "%s%s %+.6g t/yr", ko.len ? "; " : "", m->plants[p].name, d);
    }
    for (int k = 0; k < m->nassets; k++) {
        double d = b->asset_net_scope1[k * T + t] - a->asset_net_scope1[k * T + t], da = 0.0;
        for (int sl = 0; sl < m->nslices; sl++)
            da += b->activity[sol_its(b, k, t, sl)] - a->activity[sol_its(a, k, t, sl)];
        if (fabs(d) > tol && !(ms && own_sector_asset(m, k, br->sector)))
            macc_text_add(&ko, "%s%s runs %s, %+.6g t/yr", ko.len ? "; " : "", m->assets[k].name,
                          da < 0 ? "less" : "more", d);
    }
    for (int k = 0; k < m->nmarkets; k++) {
        const Market *mk = &m->markets[k];
        if (mk->direction != MKT_IMPORT || !(x->scope & (mk->co2_scope == 3 ? MACC_SCOPE3 : MACC_SCOPE2)))
            continue;
        const double *v = mk->co2_scope == 3 ? a->market_scope3 : a->market_scope2;
        const double *w = mk->co2_scope == 3 ? b->market_scope3 : b->market_scope2;
        double d = w[k * T + t] - v[k * T + t];
        if (fabs(d) > tol)
            macc_text_add(&ko, "%simports of %s (scope %d) %+.6g t/yr", ko.len ? "; " : "",
                          m->commodities[mk->commodity].id, mk->co2_scope, d);
    }
    br->knock_on_text = xstrdup(macc_text_str(&ko));
    Text lab = {0}, dec = {0};
    const char *route = pl ? m->techs[pl->routes[pt->route]].name : NULL;
    if (ms)
        macc_text_add(&lab, "%s from %d", ms->name, m->years[pt->from]);
    else if (pt->lines > 0)
        macc_text_add(&lab, "%s: %d line%s on %s from %d", pl->name, pt->lines, pt->lines == 1 ? "" : "s", route,
                      m->years[pt->from]);
    else
        macc_text_add(&lab, "%s: %s from %d", pl->name, route, m->years[pt->from]);
    if (macc_shared_changes(m, a, b, t, &dec))
        macc_text_add(&lab, " (with %s)", dec.buf);
    if (ko.len)
        macc_text_add(&dec, "%sknock-on: %s", dec.len ? "; " : "", ko.buf);
    br->label = xstrdup(macc_text_str(&lab));
    br->decisions = xstrdup(macc_text_str(&dec));
    free(lab.buf);
    free(dec.buf);
    free(ko.buf);
}

/* Is commodity c a by-product: an output of some plant's route (slag of a blast furnace)? */
static bool byproduct(const Model *m, int c)
{
    for (int q = 0; q < m->nplants; q++)
        for (int r = 0; r < m->plants[q].nroutes; r++) {
            const Technology *tc = &m->techs[m->plants[q].routes[r]];
            for (int o = 0; o < tc->noutputs; o++)
                if (tc->outputs[o].commodity == c && tc->outputs[o].amount > 0)
                    return true;
        }
    return false;
}

/* Do plant q's routes make (as an output) or use commodity c? */
static bool plant_flows(const Model *m, int q, int c, bool outputs)
{
    const Plant *pl = &m->plants[q];
    for (int r = 0; r < pl->nroutes; r++) {
        const Technology *tc = &m->techs[pl->routes[r]];
        const Flow *f = outputs ? tc->outputs : tc->inputs;
        int n = outputs ? tc->noutputs : tc->ninputs;
        for (int i = 0; i < n; i++)
            if (f[i].commodity == c && f[i].amount > 0)
                return true;
    }
    return false;
}

/* Is plant p coupled to plant q: does p use a by-product that q makes, or a by-product that q
 * uses too (the slag of the blast furnaces, for the slag grinders and a slag cement)? */
static bool uses_byproduct(const Model *m, int p, int q)
{
    for (int c = 0; c < m->ncommodities; c++)
        if (plant_flows(m, p, c, false) &&
            (plant_flows(m, q, c, true) || (plant_flows(m, q, c, false) && byproduct(m, c))))
            return true;
    return false;
}

/* Does the baseline already run route r of plant q for all its production from period f on? */
static bool baseline_runs(const Model *m, const Solution *base, int q, int r, int f)
{
    for (int t = f; t < m->nperiods; t++)
        if (base->production[sol_pr(base, q, r, t)] < m->plants[q].production[t] * (1.0 - 1e-9))
            return false;
    return true;
}

/* ---- the command ----------------------------------------------------------------------------- */

static void free_bars(Bars *bs)
{
    for (int k = 0; k < bs->n; k++) {
        free(bs->v[k].label);
        free(bs->v[k].decisions);
        free(bs->v[k].knock_on_text);
    }
    free(bs->v);
}

TicoStatus macc_run(const Model *m, const MaccParams *p)
{
    Macc x = {0};
    x.m = m;
    x.p = p;
    int T = m->nperiods;
    x.target = T - 1;
    if (p->year) {
        x.target = model_period_of_year(m, p->year);
        if (x.target < 0) {
            fprintf(stderr, "tico macc: --year %d is outside the horizon %d-%d\n", p->year, m->years[0],
                    model_horizon_end(m));
            return TICO_EUSAGE;
        }
        if (m->years[x.target] != p->year) {
            /* a year inside a period is not taken for its period silently: say which exist */
            fprintf(stderr, "tico macc: --year %d is not a period; the periods start in", p->year);
            for (int t = 0; t < T; t++)
                fprintf(stderr, "%s %d", t ? "," : "", m->years[t]);
            fputs(" (a period is named by its first year)\n", stderr);
            return TICO_EUSAGE;
        }
    }
    /* measures: the boundary and the start */
    x.scope = MACC_SCOPE3;
    if (p->scope) {
        const char *names[] = {"1", "1+2", "1+3", "1+2+3"};
        x.scope = -1;
        for (int k = 0; k < 4; k++)
            if (strcmp(p->scope, names[k]) == 0)
                x.scope = k;
        if (x.scope < 0) {
            fprintf(stderr, "tico macc: --scope '%s': expected 1, 1+2, 1+3 or 1+2+3\n", p->scope);
            return TICO_EUSAGE;
        }
    }
    int start = -1;
    if (p->start) {
        start = model_period_of_year(m, p->start);
        if (start < 0 || m->years[start] != p->start) {
            fprintf(stderr, "tico macc: --start %d is not a period; the periods start in", p->start);
            for (int t = 0; t < T; t++)
                fprintf(stderr, "%s %d", t ? "," : "", m->years[t]);
            fputs("\n", stderr);
            return TICO_EUSAGE;
        }
    }
    double *prices = NULL, *caps = NULL;
    int np = 0, nc = 0;
    const char *plist = p->prices ? p->prices : (!p->caps && !p->measures ? "0:400:25" : NULL);
    if (plist && ((np = parse_list(plist, true, &prices)) < 1 || prices[0] < 0)) {
        fprintf(stderr, "tico macc: --prices '%s': expected prices >= 0 as a list (0,50,100) or FROM:TO:STEP "
                        "(at most %d points)\n", plist, MAX_POINTS);
        free(prices);
        return TICO_EUSAGE;
    }
    if (p->caps && ((nc = parse_list(p->caps, false, &caps)) < 1 || caps[0] < 0)) {
        fprintf(stderr, "tico macc: --caps '%s': expected shares of baseline emissions >= 0, e.g. 1,0.8,0.5,0\n",
                p->caps);
        free(prices);
        free(caps);
        return TICO_EUSAGE;
    }
    /* Bars are differences of costs between solves: each solve must be closer to its optimum
     * than the differences are large. Unless --gap says otherwise, 1e-6 (on Dunkirk it costs
     * about the same time as the instance's 1e-3: measured in the closing note of the MACC issue). */
    x.sp = sweep_solve_params(m, p->gap, p->time_limit);

    /* the baseline: carbon price 0, no cap, no budget. A price sweep from 0 alone solves it as
     * its first point: the baseline is then that point's solution (one solve less, and no
     * solve before the workers start) */
    bool base_in_sweep = np > 0 && prices[0] == 0.0 && nc == 0 && !p->measures;
    if (!p->quiet && !base_in_sweep)
        fprintf(stderr, "tico macc: solving the baseline (carbon price 0, no cap)\n");
    BuildOpts bo = {false, 0.0, true};
    Build *B = NULL;
    TicoStatus st = base_in_sweep ? TICO_OK : build_new(m, &bo, &B);
    Solution *base = NULL;
    if (st == TICO_OK && !base_in_sweep) {
        Point zero = {PT_PRICE, 0.0, -1, -1, -1, 0, -1, -1};
        st = apply_point(&x, B, &zero, false);
        if (st == TICO_OK) {
            SolveParams sp = x.sp;
            sp.duals = false;
            st = solve_build(B, &sp, &base, NULL);
        }
        build_free(B);
    }
    if (!base_in_sweep && !sweep_solved(base)) {
        fprintf(stderr, "tico macc: the baseline has no solution (%s); nothing written\n",
                base ? solution_status_name(base->status) : "solver error");
        solution_free(base);
        free(prices);
        free(caps);
        return st != TICO_OK ? st : TICO_EINFEASIBLE;
    }
    /* caps and measures need the baseline before their points (never with base_in_sweep) */
    x.base_target = base ? base->emissions_scope1[x.target] : NAN;

    /* points: prices ascending; caps from tight to loose (warm starts stay feasible); measures:
     * per plant its counterfactual, then its measures (route x start) */
    x.bau_lines = base ? base->lines : NULL;
    x.carbon = xcalloc((size_t)T, sizeof *x.carbon);
    for (int t = 0; t < T; t++)
        x.carbon[t] = m->policy.carbon_price ? m->policy.carbon_price[t] : 0.0;
    int P = m->nplants;
    x.in_measure = xcalloc((size_t)m->nassets + 1, sizeof *x.in_measure);
    for (int a = 0; a < m->nmeasures; a++)
        for (int k = 0; k < m->measures[a].nassets; k++)
            x.in_measure[m->measures[a].asset[k]] = true;
    x.coupled = xcalloc((size_t)P * (size_t)P + 1, sizeof *x.coupled);
    for (int q = 0; q < P; q++)
        for (int q2 = 0; q2 < P; q2++)
            x.coupled[q * P + q2] = q != q2 && uses_byproduct(m, q2, q);
    int nm = 0;
    for (int pass = 0; pass < 2; pass++) {
        int k = 0;
        if (pass == 1) {
            x.npts = np + nc + nm;
            x.pts = xcalloc((size_t)x.npts + 1, sizeof *x.pts);
            x.chain_first = xcalloc((size_t)x.npts + 2, sizeof *x.chain_first);
            for (int i = 0; i < np; i++)
                x.pts[k++] = (Point){PT_PRICE, prices[i], -1, -1, -1, 0, -1, -1};
            for (int i = 0; i < nc; i++)
                x.pts[k++] = (Point){PT_CAP, caps[i], -1, -1, -1, 0, -1, -1};
        }
        for (int q = 0; p->measures && q < P; q++) {
            const Plant *pl = &m->plants[q];
            int ref = -1;
            if (p->sector && strcmp(pl->sector, p->sector) != 0)
                continue;
            /* variants: the whole production (or --lines N); a plant of several lines also one
             * line, measured when the whole plant cannot be done */
            int lines[2] = {p->lines > 0 ? (p->lines < pl->units ? p->lines : pl->units) : 0, 1};
            int nvar = p->lines > 0 || pl->units < 2 ? 1 : 2;
            for (int r = 0; r < pl->nroutes; r++) {
                int f = first_build_period(m, q, r);
                if (!pl->buildable[r] || f < 0 || f > x.target)
                    continue;
                for (int vi = 0; vi < nvar; vi++)
                    for (int t = start >= 0 ? start : f; t <= (start >= 0 ? start : x.target); t++) {
                        if (t < f || baseline_runs(m, base, q, r, t))
                            continue;
                        if (ref < 0) {
                            ref = pass == 1 ? k : 0;
                            if (pass == 1)
                                x.pts[k++] = (Point){PT_REF, 0.0, q, -1, 0, 0, -1, -1};
                            else
                                nm++;
                        }
                        if (pass == 1)
                            x.pts[k++] = (Point){PT_MEASURE, 0.0, q, r, t, lines[vi], ref, -1};
                        else
                            nm++;
                    }
            }
        }
        /* asset measures: one counterfactual for all, then each measure from each start */
        int aref = -1;
        for (int a = 0; p->measures && a < m->nmeasures; a++) {
            if (p->sector && strcmp(asset_measure_sector(m, a), p->sector) != 0)
                continue;
            int f = asset_measure_first(m, a);
            for (int t = start >= 0 ? start : f; f >= 0 && t <= (start >= 0 ? start : x.target); t++) {
                if (t < f)
                    continue;
                if (aref < 0) {
                    aref = pass == 1 ? k : 0;
                    if (pass == 1)
                        x.pts[k++] = (Point){PT_REF, 0.0, -1, -1, 0, 0, -1, -1};
                    else
                        nm++;
                }
                if (pass == 1)
                    x.pts[k++] = (Point){PT_MEASURE, 0.0, -1, -1, t, 0, aref, a};
                else
                    nm++;
            }
        }
    }
    /* chains: CHAIN_LEN consecutive points of one kind; a measure is a chain of its own */
    int *kind = xcalloc((size_t)x.npts + 1, sizeof *kind), *len = xcalloc((size_t)x.npts + 1, sizeof *len);
    for (int i = 0; i < x.npts; i++) {
        kind[i] = (int)x.pts[i].kind;
        len[i] = x.pts[i].kind == PT_MEASURE || x.pts[i].kind == PT_REF ? 1 : CHAIN_LEN;
    }
    x.nchains = sweep_make_chains(x.npts, kind, len, x.chain_first);
    free(kind);
    free(len);

    SweepChains sw = {m, {false, 0.0, true}, x.sp, p->warm, x.nchains, x.chain_first, &x, before_point, after_point};
    TaskRecord *rec = xcalloc((size_t)x.npts + 1, sizeof *rec);
    st = sweep_collect(p->jobs, x.nchains, sweep_chain, &sw, x.npts, "tico macc", p->quiet, "tico macc: point", rec);
    Solution **sol = xcalloc((size_t)x.npts + 1, sizeof *sol);
    char **why = xcalloc((size_t)x.npts + 1, sizeof *why);
    for (int i = 0; i < x.npts; i++) {
        if (st == TICO_OK && !(sol[i] = sweep_solution(&rec[i], m))) {
            fprintf(stderr, "tico macc: point %d came back unreadable from its worker\n", i);
            st = TICO_EINTERNAL;
        }
        why[i] = rec[i].why ? rec[i].why : xstrdup("");
        rec[i].why = NULL;
        task_free(&rec[i]);
    }
    free(rec);
    /* the baseline solved as the first point of the price sweep: it is that point's solution
     * (base aliases sol[0]; freed once, with the points) */
    if (st == TICO_OK && base_in_sweep) {
        if (!sweep_solved(sol[0])) {
            fprintf(stderr, "tico macc: the baseline has no solution (%s); nothing written\n",
                    sol[0] ? solution_status_name(sol[0]->status) : "solver error");
            st = TICO_EINFEASIBLE;
        } else {
            base = sol[0];
        }
    }

    /* bars, average and levelised costs */
    Bars bs = {0};
    double *mac_avg = xmalloc(((size_t)x.npts + 1) * sizeof *mac_avg), *lev = xmalloc(((size_t)x.npts + 1) * sizeof *lev);
    for (int i = 0; i < x.npts; i++)
        mac_avg[i] = lev[i] = NAN;
    if (st == TICO_OK) {
        int prev = -1;
        for (int i = 0; i < np; i++) { /* prices, ascending */
            if (!sweep_solved(sol[i]))
                continue;
            if (prev >= 0) {
                double da = macc_discounted_emissions(m, sol[prev]) - macc_discounted_emissions(m, sol[i]);
                mac_avg[i] = da > 0 ? (sol[i]->system_cost - sol[prev]->system_cost) / da : NAN;
                macc_step_bars(&x, &bs, PT_PRICE, i, sol[prev], sol[i], x.pts[i].value, x.pts[i].value, x.pts[prev].value);
            } else if (x.pts[i].value > 0) {
                /* the first price against the baseline (price 0) */
                double da = macc_discounted_emissions(m, base) - macc_discounted_emissions(m, sol[i]);
                mac_avg[i] = da > 0 ? (sol[i]->system_cost - base->system_cost) / da : NAN;
                macc_step_bars(&x, &bs, PT_PRICE, i, base, sol[i], x.pts[i].value, x.pts[i].value, 0.0);
            }
            prev = i;
        }
        prev = -1;
        for (int i = np + nc - 1; i >= np; i--) { /* caps, from loose to tight */
            if (!sweep_solved(sol[i]))
                continue;
            const Solution *from = prev >= 0 ? sol[prev] : base;
            double da = macc_discounted_emissions(m, from) - macc_discounted_emissions(m, sol[i]);
            mac_avg[i] = da > 0 ? (sol[i]->system_cost - from->system_cost) / da : NAN;
            if (isfinite(mac_avg[i]))
                macc_step_bars(&x, &bs, PT_CAP, i, from, sol[i], mac_avg[i], NAN, NAN);
            prev = i;
        }
        /* measures against their counterfactuals: per (plant, route) the start of least cost */
        for (int i = np + nc; i < x.npts; i++)
            if (x.pts[i].kind == PT_MEASURE && sweep_solved(sol[i]) && sweep_solved(sol[x.pts[i].ref]))
                lev[i] = measure_levelised(&x, sol[x.pts[i].ref], sol[i], NULL);
        for (int i = np + nc; i < x.npts;) {
            int e = i + 1;
            if (x.pts[i].kind == PT_MEASURE) {
                while (e < x.npts && x.pts[e].kind == PT_MEASURE && x.pts[e].plant == x.pts[i].plant &&
                       x.pts[e].route == x.pts[i].route && x.pts[e].am == x.pts[i].am)
                    e++;
                /* the first variant (whole production) with a feasible start that abates in the
                 * target year; else the next (one line); within it the start of least cost */
                int best = -1;
                for (int k2 = i; k2 < e && best < 0; k2++) {
                    int lines = x.pts[k2].lines;
                    for (int k3 = k2; k3 < e && x.pts[k3].lines == lines; k3++) {
                        const Solution *a = sweep_solved(sol[x.pts[k3].ref]) ? sol[x.pts[k3].ref] : NULL;
                        if (!a || !isfinite(lev[k3]))
                            continue;
                        double w = macc_scope_emissions(a, x.scope, x.target) - macc_scope_emissions(sol[k3], x.scope, x.target);
                        /* an asset measure (commuter buses, 450 t/yr beside a 10 Mt cluster) is
                         * small, and its solves hold every plant: a smaller share counts */
                        double share = x.pts[k3].am >= 0 ? 1e-7 : 1e-4;
                        if (!(w > share * (fabs(macc_scope_emissions(a, x.scope, x.target)) + 1.0)))
                            continue;
                        if (best < 0 || lev[k3] < lev[best] - 1e-9 * fabs(lev[best]))
                            best = k3;
                    }
                    while (k2 + 1 < e && x.pts[k2 + 1].lines == lines)
                        k2++;
                }
                if (best >= 0)
                    measure_bar(&x, &bs, best, sol[x.pts[best].ref], sol[best]);
            }
            i = e;
        }
    }

    if (st == TICO_OK) {
        Text wrote = {0};
        st = macc_write_files(p->outdir, &x, &bs, sol, base, mac_avg, lev, why, &wrote);
        if (st == TICO_OK && !p->quiet) {
            int bad = 0;
            for (int i = 0; i < x.npts; i++)
                bad += !sweep_solved(sol[i]);
            printf("tico macc: %d point%s (%d without a solution), %d bar%s; wrote in %s: %s\n", x.npts,
                   x.npts == 1 ? "" : "s", bad, bs.n, bs.n == 1 ? "" : "s", p->outdir, macc_text_str(&wrote));
        }
        free(wrote.buf);
    }
    free_bars(&bs);
    for (int i = 0; i < x.npts; i++) {
        solution_free(sol[i]);
        free(why[i]);
    }
    free(sol);
    free(why);
    free(mac_avg);
    free(lev);
    if (!base_in_sweep)
        solution_free(base);
    free(x.pts);
    free(x.chain_first);
    free(x.carbon);
    free(x.coupled);
    free(x.in_measure);
    free(prices);
    free(caps);
    return st;
}

