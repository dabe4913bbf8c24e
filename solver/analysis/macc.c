/*
 * macc.c — marginal abatement cost curves (SPEC §5): `tico macc`.
 *
 * Baseline: the instance with carbon price 0, no cap and no budget. Emissions are the
 * cluster's net scope 1 (what a carbon price acts on); scope 2 is reported beside them.
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
 *   --measures  one bar per candidate (plant, route): from the baseline, the plant is made to
 *       produce on that route from the first period it is available (every other decision
 *       free to follow, e.g. the electrolysers it needs): levelised cost
 *       = delta NPV system cost / discounted abatement (sum_t DF_t x delta E_t), width =
 *       target-year abatement.
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

/* First period in which route slot r of plant p can be built. */
static int first_build_period(const Model *m, int p, int r)
{
    const Technology *tc = &m->techs[m->plants[p].routes[r]];
    for (int t = 0; t < m->nperiods; t++)
        if (m->years[t] >= tc->available_from)
            return t;
    return -1;
}

/* Set B's policy and bounds for point pt; undo = true restores what a measure changed. */
static TicoStatus apply_point(Macc *x, Build *B, const Point *pt, bool undo)
{
    const Model *m = x->m;
    int T = m->nperiods;
    if (pt->kind == PT_MEASURE) {
        const Plant *pl = &m->plants[pt->plant];
        BuildBound *bb = xcalloc((size_t)T, sizeof *bb);
        int n = 0;
        for (int t = pt->from; t < T; t++) {
            int j = B->x[(B->route_off[pt->plant] + pt->route) * T + t];
            if (j > 0)
                bb[n++] = (BuildBound){j, undo ? 0.0 : pl->production[t], INFINITY};
        }
        TicoStatus st = build_set_bounds(B, bb, n);
        free(bb);
        if (undo || st != TICO_OK)
            return st;
    }
    double *price = xcalloc((size_t)T, sizeof *price), *cap = xmalloc((size_t)T * sizeof *cap);
    for (int t = 0; t < T; t++) {
        price[t] = pt->kind == PT_PRICE ? pt->value : 0.0;
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
    *may_start = pt->kind != PT_MEASURE;
    return apply_point(x, B, pt, false);
}

static TicoStatus after_point(void *vctx, Build *B, int k, const Solution *s, TaskRecord *r)
{
    Macc *x = vctx;
    const Point *pt = &x->pts[k];
    TicoStatus st = pt->kind == PT_MEASURE ? apply_point(x, B, pt, true) : TICO_OK;
    if (s && s->status == SOL_INFEASIBLE) {
        char *why = explain_infeasible(x, pt);
        task_set_why(r, why);
        free(why);
    }
    return st;
}

/* ---- the command ----------------------------------------------------------------------------- */

static void free_bars(Bars *bs)
{
    for (int k = 0; k < bs->n; k++) {
        free(bs->v[k].label);
        free(bs->v[k].decisions);
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

    /* the baseline: carbon price 0, no cap, no budget */
    if (!p->quiet)
        fprintf(stderr, "tico macc: solving the baseline (carbon price 0, no cap)\n");
    BuildOpts bo = {false, 0.0, true};
    Build *B;
    TicoStatus st = build_new(m, &bo, &B);
    Solution *base = NULL;
    if (st == TICO_OK) {
        Point zero = {PT_PRICE, 0.0, -1, -1, -1};
        st = apply_point(&x, B, &zero, false);
        if (st == TICO_OK) {
            SolveParams sp = x.sp;
            sp.duals = false;
            st = solve_build(B, &sp, &base, NULL);
        }
        build_free(B);
    }
    if (!sweep_solved(base)) {
        fprintf(stderr, "tico macc: the baseline has no solution (%s); nothing written\n",
                base ? solution_status_name(base->status) : "solver error");
        solution_free(base);
        free(prices);
        free(caps);
        return st != TICO_OK ? st : TICO_EINFEASIBLE;
    }
    x.base_target = base->emissions_scope1[x.target];

    /* points: prices ascending; caps from tight to loose (warm starts stay feasible); measures */
    int nm = 0;
    if (p->measures)
        for (int q = 0; q < m->nplants; q++)
            for (int r = 0; r < m->plants[q].nroutes; r++)
                nm += m->plants[q].buildable[r] && first_build_period(m, q, r) >= 0;
    x.npts = np + nc + nm;
    x.pts = xcalloc((size_t)x.npts + 1, sizeof *x.pts);
    x.chain_first = xcalloc((size_t)x.npts + 2, sizeof *x.chain_first);
    int k = 0;
    for (int i = 0; i < np; i++)
        x.pts[k++] = (Point){PT_PRICE, prices[i], -1, -1, -1};
    for (int i = 0; i < nc; i++)
        x.pts[k++] = (Point){PT_CAP, caps[i], -1, -1, -1};
    for (int q = 0; p->measures && q < m->nplants; q++)
        for (int r = 0; r < m->plants[q].nroutes; r++) {
            int from = first_build_period(m, q, r);
            if (m->plants[q].buildable[r] && from >= 0)
                x.pts[k++] = (Point){PT_MEASURE, 0.0, q, r, from};
        }
    /* chains: CHAIN_LEN consecutive points of one kind; a measure is a chain of its own */
    int *kind = xcalloc((size_t)x.npts + 1, sizeof *kind), *len = xcalloc((size_t)x.npts + 1, sizeof *len);
    for (int i = 0; i < x.npts; i++) {
        kind[i] = (int)x.pts[i].kind;
        len[i] = x.pts[i].kind == PT_MEASURE ? 1 : CHAIN_LEN;
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
        for (int i = np + nc; i < x.npts; i++) { /* measures against the baseline */
            if (!sweep_solved(sol[i]))
                continue;
            double da = macc_discounted_emissions(m, base) - macc_discounted_emissions(m, sol[i]);
            if (!(da > 1e-9 * (fabs(macc_discounted_emissions(m, base)) + 1.0)))
                continue;
            lev[i] = (sol[i]->system_cost - base->system_cost) / da;
            const Point *pt = &x.pts[i];
            const Plant *pl = &m->plants[pt->plant];
            Bar *b = macc_bar_add(&bs);
            b->kind = PT_MEASURE;
            b->step = i;
            b->entity = pl->id;
            b->sector = pl->sector;
            b->abatement = base->emissions_scope1[x.target] - sol[i]->emissions_scope1[x.target];
            b->abatement_cum = macc_cumulative_emissions(m, base) - macc_cumulative_emissions(m, sol[i]);
            b->height = b->avg_cost = lev[i];
            Text lab = {0}, dec = {0};
            macc_text_add(&lab, "%s: %s from %d", pl->name, m->techs[pl->routes[pt->route]].name, m->years[pt->from]);
            if (macc_shared_changes(m, base, sol[i], x.target, &dec))
                macc_text_add(&lab, " (with %s)", dec.buf);
            b->label = xstrdup(macc_text_str(&lab));
            b->decisions = xstrdup(macc_text_str(&dec));
            free(lab.buf);
            free(dec.buf);
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
    solution_free(base);
    free(x.pts);
    free(x.chain_first);
    free(prices);
    free(caps);
    return st;
}

