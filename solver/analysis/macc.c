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
 *       from the cost difference between consecutive points; both in macc_points.csv.
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
 * Outputs (atomic, out.h): macc.csv (bars), macc_points.csv (points), macc.svg (the curves
 * and emissions against the carbon price).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "macc.h"

#include "build.h"
#include "out.h"
#include "pool.h"
#include "solution.h"
#include "solve.h"
#include "svg.h"
#include "sweep.h"

#define CHAIN_LEN 4
#define MAX_POINTS 10000

typedef enum { PT_PRICE, PT_CAP, PT_MEASURE } PointKind;

typedef struct {
    PointKind kind;
    double value;   /* carbon price, or cap share */
    int plant, route, from; /* measure: plant, route slot, first period forced */
} Point;

typedef struct {
    const Model *m;
    const MaccParams *p;
    Point *pts;
    int npts;
    int nchains;
    int *chain_first;       /* [nchains + 1] */
    int target;             /* period index */
    double base_target;     /* baseline net scope 1 in the target period */
    SolveParams sp;
} Macc;

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
        v = malloc((size_t)k * sizeof *v);
        for (int i = 0; i < k; i++)
            v[n++] = a + i * st;
    } else {
        const char *p = s;
        v = malloc((strlen(s) / 2 + 2) * sizeof *v);
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
        BuildBound *bb = calloc((size_t)T, sizeof *bb);
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
    double *price = calloc((size_t)T, sizeof *price), *cap = malloc((size_t)T * sizeof *cap);
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
        return strdup("");
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

/* ---- comparing two solutions ------------------------------------------------------------ */

static double discounted_emissions(const Model *m, const Solution *s)
{
    double e = 0.0;
    for (int t = 0; t < m->nperiods; t++)
        e += model_period_factor(m, t) * s->emissions_scope1[t];
    return e;
}

static double cumulative_emissions(const Model *m, const Solution *s)
{
    double e = 0.0;
    for (int t = 0; t < m->nperiods; t++)
        e += m->length[t] * s->emissions_scope1[t];
    return e;
}

typedef struct {
    char *buf;
    size_t len, cap;
} Text;

static void text_add(Text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void text_add(Text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (t->len + (size_t)n + 1 > t->cap) {
        t->cap = (t->len + (size_t)n + 1) * 2;
        t->buf = realloc(t->buf, t->cap);
        if (!t->buf)
            abort();
    }
    va_start(ap, fmt);
    vsnprintf(t->buf + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

static const char *text_str(Text *t)
{
    if (!t->buf)
        text_add(t, "%s", "");
    return t->buf;
}

/* What plant p does differently in period t from a to b: "-2 Blast furnace, +2 EAF". */
static bool plant_changes(const Model *m, const Solution *a, const Solution *b, int p, int t, Text *out)
{
    const Plant *pl = &m->plants[p];
    bool any = false;
    for (int pass = 0; pass < 2; pass++) /* decreases first, then increases */
        for (int r = 0; r < pl->nroutes; r++) {
            double d = b->lines[sol_pr(b, p, r, t)] - a->lines[sol_pr(a, p, r, t)];
            long n = lround(d);
            if (n == 0 || (pass == 0) != (n < 0))
                continue;
            text_add(out, "%s%+ld %s", any ? ", " : "", n, m->techs[pl->routes[r]].name);
            any = true;
        }
    return any;
}

/* Assets whose installed modules in t differ, and spurs built by t in b but not a. */
static bool shared_changes(const Model *m, const Solution *a, const Solution *b, int t, Text *out)
{
    bool any = false;
    for (int i = 0; i < m->nassets; i++) {
        long d = lround(b->asset_installed[i * m->nperiods + t] - a->asset_installed[i * m->nperiods + t]);
        if (d == 0)
            continue;
        text_add(out, "%s%s %+ld module%s", any ? ", " : "", m->assets[i].name, d, labs(d) == 1 ? "" : "s");
        any = true;
    }
    for (int p = 0; p < m->nplants; p++)
        for (int c = 0; c < m->ncommodities; c++) {
            int pa = a->spur_period[p * m->ncommodities + c], pb = b->spur_period[p * m->ncommodities + c];
            bool ha = pa >= 0 && pa <= t, hb = pb >= 0 && pb <= t;
            if (ha == hb)
                continue;
            text_add(out, "%s%s spur to the %s network %s", any ? ", " : "", m->plants[p].name,
                     m->commodities[c].id, hb ? "built" : "not built");
            any = true;
        }
    return any;
}

/* ---- bars -------------------------------------------------------------------------------- */

typedef struct {
    PointKind kind;
    int step;               /* point index of the upper end of the step */
    char *label;
    const char *sector;
    const char *entity;
    double abatement;       /* t CO2e per year in the target period */
    double abatement_cum;   /* t CO2e over the horizon */
    double height;          /* EUR per t: entry price, average cost or levelised cost */
    double entry_price;     /* NaN unless a price sweep */
    double price_from;      /* NaN unless a price sweep */
    double avg_cost;        /* delta NPV system cost / delta discounted emissions of the step */
    char *decisions;
} Bar;

typedef struct {
    Bar *v;
    int n, cap;
} Bars;

static Bar *bar_add(Bars *bs)
{
    if (bs->n == bs->cap) {
        bs->cap = bs->cap ? 2 * bs->cap : 16;
        bs->v = realloc(bs->v, (size_t)bs->cap * sizeof *bs->v);
        if (!bs->v)
            abort();
    }
    Bar *b = &bs->v[bs->n++];
    memset(b, 0, sizeof *b);
    b->entry_price = b->price_from = NAN;
    return b;
}

/*
 * The step from solution a to b (consecutive points): every plant or asset whose target
 * period emissions fell is a bar; their widths are scaled so that they add up to the fall
 * of the cluster's emissions (entities whose emissions rose, such as a power plant that
 * now runs more, reduce the step). Shared changes (assets, spurs) are named on every bar
 * of the step: they come together (an interaction the curve should show).
 */
static void step_bars(const Macc *x, Bars *bs, PointKind kind, int step, const Solution *a, const Solution *b,
                      double height, double entry, double from)
{
    const Model *m = x->m;
    int t = x->target, T = m->nperiods;
    double total = a->emissions_scope1[t] - b->emissions_scope1[t];
    if (!(total > 1e-6 * (fabs(a->emissions_scope1[t]) + 1.0)))
        return;
    double dcost = b->system_cost - a->system_cost;
    double dabate = discounted_emissions(m, a) - discounted_emissions(m, b);
    double avg = dabate > 0 ? dcost / dabate : NAN;
    double dcum = cumulative_emissions(m, a) - cumulative_emissions(m, b);
    int n = m->nplants + m->nassets;
    double *fall = calloc((size_t)n, sizeof *fall), positive = 0.0;
    for (int p = 0; p < m->nplants; p++)
        fall[p] = a->net_scope1[p * T + t] - b->net_scope1[p * T + t];
    for (int i = 0; i < m->nassets; i++)
        fall[m->nplants + i] = a->asset_net_scope1[i * T + t] - b->asset_net_scope1[i * T + t];
    for (int e = 0; e < n; e++)
        if (fall[e] > 0)
            positive += fall[e];
    Text shared = {0};
    bool has_shared = shared_changes(m, a, b, t, &shared);
    for (int e = 0; e < n; e++) {
        if (!(fall[e] > 1e-9 * positive))
            continue;
        Bar *br = bar_add(bs);
        br->kind = kind;
        br->step = step;
        br->abatement = fall[e] * total / positive;
        br->abatement_cum = dcum * fall[e] / positive;
        br->height = height;
        br->entry_price = entry;
        br->price_from = from;
        br->avg_cost = avg;
        Text lab = {0}, dec = {0};
        if (e < m->nplants) {
            const Plant *pl = &m->plants[e];
            br->entity = pl->id;
            br->sector = pl->sector;
            text_add(&lab, "%s: ", pl->name);
            if (!plant_changes(m, a, b, e, t, &lab))
                text_add(&lab, "operates differently");
        } else {
            const Asset *as = &m->assets[e - m->nplants];
            br->entity = as->id;
            br->sector = m->techs[as->tech].sector;
            /* its emissions fell: it runs less, or, for a process with net removals (direct
             * air capture, biomass with capture), more */
            int i = e - m->nplants, S = m->nslices;
            double da = 0.0;
            for (int sl = 0; sl < S; sl++)
                da += b->activity[((size_t)i * m->nperiods + t) * S + sl] -
                      a->activity[((size_t)i * m->nperiods + t) * S + sl];
            text_add(&lab, "%s: runs %s", as->name, da > 0 ? "more" : "less");
        }
        for (int p = 0; p < m->nplants; p++) {
            Text pc = {0};
            if (plant_changes(m, a, b, p, t, &pc))
                text_add(&dec, "%s%s: %s", dec.len ? "; " : "", m->plants[p].name, pc.buf);
            free(pc.buf);
        }
        if (has_shared) {
            text_add(&lab, " (with %s)", shared.buf);
            text_add(&dec, "%s%s", dec.len ? "; " : "", shared.buf);
        }
        br->label = strdup(text_str(&lab));
        br->decisions = strdup(text_str(&dec));
        free(lab.buf);
        free(dec.buf);
    }
    free(shared.buf);
    free(fall);
}

/* ---- outputs ------------------------------------------------------------------------------ */

static const char *kind_name(PointKind k)
{
    return k == PT_PRICE ? "price" : k == PT_CAP ? "cap" : "measure";
}

static void put(FILE *f, double v, bool last)
{
    if (isfinite(v))
        out_put_num(f, v);
    fputc(last ? '\n' : ',', f);
}

static void write_points(FILE *f, const Macc *x, Solution **sol, const Solution *base, const double *mac_avg,
                         const double *lev, char **why)
{
    const Model *m = x->m;
    int t = x->target;
    fprintf(f, "kind,point,carbon_price,cap_share,cap_t,plant,route,status,gap,emissions_target_t,"
               "emissions_scope2_target_t,emissions_cumulative_t,abatement_target_t,system_cost_npv,"
               "total_cost_npv,mac_dual,mac_avg,levelised_cost,why\n");
    /* the baseline first */
    fprintf(f, "baseline,-1,0,,,,,%s,", solution_status_name(base->status));
    put(f, base->gap, false);
    put(f, base->emissions_scope1[t], false);
    put(f, base->emissions_scope2[t], false);
    put(f, cumulative_emissions(m, base), false);
    put(f, 0.0, false);
    put(f, base->system_cost, false);
    put(f, base->objective, false);
    fputs(",,,\n", f);
    for (int k = 0; k < x->npts; k++) {
        const Point *pt = &x->pts[k];
        const Solution *s = sol[k];
        fprintf(f, "%s,%d,", kind_name(pt->kind), k);
        put(f, pt->kind == PT_PRICE ? pt->value : 0.0, false);
        put(f, pt->kind == PT_CAP ? pt->value : NAN, false);
        put(f, pt->kind == PT_CAP ? pt->value * x->base_target : NAN, false);
        if (pt->kind == PT_MEASURE) {
            out_csv_field(f, m->plants[pt->plant].id);
            fputc(',', f);
            out_csv_field(f, m->techs[m->plants[pt->plant].routes[pt->route]].id);
            fputc(',', f);
        } else {
            fputs(",,", f);
        }
        fprintf(f, "%s,", s ? solution_status_name(s->status) : "error");
        bool ok = sweep_solved(s);
        put(f, ok ? s->gap : NAN, false);
        put(f, ok ? s->emissions_scope1[t] : NAN, false);
        put(f, ok ? s->emissions_scope2[t] : NAN, false);
        put(f, ok ? cumulative_emissions(m, s) : NAN, false);
        put(f, ok ? base->emissions_scope1[t] - s->emissions_scope1[t] : NAN, false);
        put(f, ok ? s->system_cost : NAN, false);
        put(f, ok ? s->objective : NAN, false);
        put(f, ok && pt->kind == PT_CAP ? s->cap_price[t] : NAN, false);
        put(f, mac_avg[k], false);
        put(f, lev[k], false);
        out_csv_field(f, why[k] ? why[k] : "");
        fputc('\n', f);
    }
}

static void write_bars(FILE *f, const Bars *bs)
{
    fprintf(f, "kind,step,measure,sector,entity,abatement_t,mac_eur_per_t,entry_price,price_from,"
               "avg_cost_eur_per_t,abatement_cumulative_t,negative_cost,decisions\n");
    for (int k = 0; k < bs->n; k++) {
        const Bar *b = &bs->v[k];
        fprintf(f, "%s,%d,", kind_name(b->kind), b->step);
        out_csv_field(f, b->label);
        fputc(',', f);
        out_csv_field(f, b->sector);
        fputc(',', f);
        out_csv_field(f, b->entity);
        fputc(',', f);
        put(f, b->abatement, false);
        put(f, b->height, false);
        put(f, b->entry_price, false);
        put(f, b->price_from, false);
        put(f, b->avg_cost, false);
        put(f, b->abatement_cum, false);
        fprintf(f, "%s,", b->height < 0 ? "yes" : "no");
        out_csv_field(f, b->decisions);
        fputc('\n', f);
    }
}

/* One chart into a string, and its height (read back from the <svg> element). */
static char *chart_text(void (*draw)(FILE *, const void *), const void *arg, double *height)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    draw(f, arg);
    fclose(f);
    const char *h = strstr(buf, "height=\"");
    *height = h ? atof(h + 8) : 400.0;
    return buf;
}

static void draw_macc(FILE *f, const void *arg) { svg_macc(f, arg); }
static void draw_chart(FILE *f, const void *arg) { svg_chart(f, arg); }

static int cmp_bar_height(const void *a, const void *b)
{
    const SvgMaccBar *x = a, *y = b;
    return (x->height > y->height) - (x->height < y->height);
}

static char *macc_chart(const Macc *x, const Bars *bs, PointKind kind, const char *title, const char *note,
                        double *height)
{
    const Model *m = x->m;
    int n = 0;
    SvgMaccBar *v = calloc((size_t)bs->n + 1, sizeof *v);
    const char **sectors = calloc((size_t)bs->n + 1, sizeof *sectors), **colors = calloc((size_t)bs->n + 1, sizeof *colors);
    int ns = 0;
    for (int k = 0; k < bs->n; k++) {
        if (bs->v[k].kind != kind)
            continue;
        bool seen = false;
        for (int j = 0; j < ns; j++)
            seen |= strcmp(sectors[j], bs->v[k].sector) == 0;
        if (!seen)
            sectors[ns++] = bs->v[k].sector;
    }
    svg_assign_colors(sectors, ns, colors);
    for (int k = 0; k < bs->n; k++) {
        const Bar *b = &bs->v[k];
        if (b->kind != kind || !isfinite(b->height))
            continue;
        const char *col = "#888888";
        for (int j = 0; j < ns; j++)
            if (strcmp(sectors[j], b->sector) == 0)
                col = colors[j];
        v[n++] = (SvgMaccBar){b->label, b->sector, col, b->abatement / 1e6, b->height};
    }
    if (kind == PT_MEASURE)
        qsort(v, (size_t)n, sizeof *v, cmp_bar_height);
    char xl[128];
    snprintf(xl, sizeof xl, "abatement in %d, Mt CO2e per year", m->years[x->target]);
    SvgMacc c = {title, xl, "EUR per t CO2e", v, n, 0, 0, note};
    char *s = chart_text(draw_macc, &c, height);
    free(v);
    free(sectors);
    free(colors);
    return s;
}

static char *emissions_chart(const Macc *x, Solution **sol, double *height)
{
    const Model *m = x->m;
    int n = 0;
    char **cats = calloc((size_t)x->npts + 1, sizeof *cats);
    double *e = calloc((size_t)x->npts + 1, sizeof *e), *e2 = calloc((size_t)x->npts + 1, sizeof *e2);
    for (int k = 0; k < x->npts; k++) {
        if (x->pts[k].kind != PT_PRICE)
            continue;
        char buf[64];
        snprintf(buf, sizeof buf, "%g", x->pts[k].value);
        cats[n] = strdup(buf);
        e[n] = sweep_solved(sol[k]) ? sol[k]->emissions_scope1[x->target] / 1e6 : NAN;
        e2[n] = sweep_solved(sol[k]) ? (sol[k]->emissions_scope1[x->target] + sol[k]->emissions_scope2[x->target]) / 1e6 : NAN;
        n++;
    }
    char title[160];
    snprintf(title, sizeof title, "Emissions in %d against a uniform carbon price", m->years[x->target]);
    SvgLine lines[2] = {{"net scope 1", "#c0392b", e, false, false}, {"scope 1 + scope 2", "#7f8c8d", e2, true, false}};
    SvgChart c = {0};
    c.title = title;
    c.ylabel = "Mt CO2e per year";
    c.xlabel = "carbon price, EUR per t CO2e";
    c.cats = (const char *const *)cats;
    c.ncat = n;
    c.lines = lines;
    c.nlines = 2;
    char *s = chart_text(draw_chart, &c, height);
    for (int k = 0; k < n; k++)
        free(cats[k]);
    free(cats);
    free(e);
    free(e2);
    return s;
}

static void write_svg(FILE *f, const Macc *x, const Bars *bs, Solution **sol)
{
    char *part[4];
    double h[4];
    int n = 0;
    bool has[3] = {false, false, false};
    for (int k = 0; k < x->npts; k++)
        has[x->pts[k].kind] = true;
    if (has[PT_PRICE]) {
        part[n] = macc_chart(x, bs, PT_PRICE, "System MACC from a carbon-price sweep",
                             "Each bar: what enters between two prices; height = the price at which it enters.", &h[n]);
        n++;
        part[n] = emissions_chart(x, sol, &h[n]);
        n++;
    }
    if (has[PT_CAP]) {
        part[n] = macc_chart(x, bs, PT_CAP, "MACC from a sweep of caps on the target year",
                             "Height = average cost of each step (delta NPV system cost / delta discounted emissions).",
                             &h[n]);
        n++;
    }
    if (has[PT_MEASURE]) {
        part[n] = macc_chart(x, bs, PT_MEASURE, "Measure MACC: each plant switched to one route",
                             "Height = levelised abatement cost against the baseline; bars below zero pay for themselves.",
                             &h[n]);
        n++;
    }
    double total = 0.0, w = 900.0;
    for (int k = 0; k < n; k++)
        total += h[k] + 20.0;
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" viewBox=\"0 0 %g %g\">\n", w, total,
            w, total);
    fprintf(f, "<rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>\n");
    double y = 0.0;
    for (int k = 0; k < n; k++) {
        /* each chart is a complete <svg>: place it with a translated group */
        fprintf(f, "<g transform=\"translate(0,%g)\">\n%s</g>\n", y, part[k]);
        y += h[k] + 20.0;
        free(part[k]);
    }
    fputs("</svg>\n", f);
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
    x.pts = calloc((size_t)x.npts + 1, sizeof *x.pts);
    x.chain_first = calloc((size_t)x.npts + 2, sizeof *x.chain_first);
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
    int *kind = calloc((size_t)x.npts + 1, sizeof *kind), *len = calloc((size_t)x.npts + 1, sizeof *len);
    for (int i = 0; i < x.npts; i++) {
        kind[i] = (int)x.pts[i].kind;
        len[i] = x.pts[i].kind == PT_MEASURE ? 1 : CHAIN_LEN;
    }
    x.nchains = sweep_make_chains(x.npts, kind, len, x.chain_first);
    free(kind);
    free(len);

    SweepChains sw = {m, {false, 0.0, true}, x.sp, p->warm, x.nchains, x.chain_first, &x, before_point, after_point};
    TaskRecord *rec = calloc((size_t)x.npts + 1, sizeof *rec);
    st = sweep_collect(p->jobs, x.nchains, sweep_chain, &sw, x.npts, "tico macc", p->quiet, "tico macc: point", rec);
    Solution **sol = calloc((size_t)x.npts + 1, sizeof *sol);
    char **why = calloc((size_t)x.npts + 1, sizeof *why);
    for (int i = 0; i < x.npts; i++) {
        if (st == TICO_OK && !(sol[i] = sweep_solution(&rec[i], m))) {
            fprintf(stderr, "tico macc: point %d came back unreadable from its worker\n", i);
            st = TICO_EINTERNAL;
        }
        why[i] = rec[i].why ? rec[i].why : strdup("");
        rec[i].why = NULL;
        task_free(&rec[i]);
    }
    free(rec);

    /* bars, average and levelised costs */
    Bars bs = {0};
    double *mac_avg = malloc(((size_t)x.npts + 1) * sizeof *mac_avg), *lev = malloc(((size_t)x.npts + 1) * sizeof *lev);
    for (int i = 0; i < x.npts; i++)
        mac_avg[i] = lev[i] = NAN;
    if (st == TICO_OK) {
        int prev = -1;
        for (int i = 0; i < np; i++) { /* prices, ascending */
            if (!sweep_solved(sol[i]))
                continue;
            if (prev >= 0) {
                double da = discounted_emissions(m, sol[prev]) - discounted_emissions(m, sol[i]);
                mac_avg[i] = da > 0 ? (sol[i]->system_cost - sol[prev]->system_cost) / da : NAN;
                step_bars(&x, &bs, PT_PRICE, i, sol[prev], sol[i], x.pts[i].value, x.pts[i].value, x.pts[prev].value);
            } else if (x.pts[i].value > 0) {
                /* the first price against the baseline (price 0) */
                double da = discounted_emissions(m, base) - discounted_emissions(m, sol[i]);
                mac_avg[i] = da > 0 ? (sol[i]->system_cost - base->system_cost) / da : NAN;
                step_bars(&x, &bs, PT_PRICE, i, base, sol[i], x.pts[i].value, x.pts[i].value, 0.0);
            }
            prev = i;
        }
        prev = -1;
        for (int i = np + nc - 1; i >= np; i--) { /* caps, from loose to tight */
            if (!sweep_solved(sol[i]))
                continue;
            const Solution *from = prev >= 0 ? sol[prev] : base;
            double da = discounted_emissions(m, from) - discounted_emissions(m, sol[i]);
            mac_avg[i] = da > 0 ? (sol[i]->system_cost - from->system_cost) / da : NAN;
            if (isfinite(mac_avg[i]))
                step_bars(&x, &bs, PT_CAP, i, from, sol[i], mac_avg[i], NAN, NAN);
            prev = i;
        }
        for (int i = np + nc; i < x.npts; i++) { /* measures against the baseline */
            if (!sweep_solved(sol[i]))
                continue;
            double da = discounted_emissions(m, base) - discounted_emissions(m, sol[i]);
            if (!(da > 1e-9 * (fabs(discounted_emissions(m, base)) + 1.0)))
                continue;
            lev[i] = (sol[i]->system_cost - base->system_cost) / da;
            const Point *pt = &x.pts[i];
            const Plant *pl = &m->plants[pt->plant];
            Bar *b = bar_add(&bs);
            b->kind = PT_MEASURE;
            b->step = i;
            b->entity = pl->id;
            b->sector = pl->sector;
            b->abatement = base->emissions_scope1[x.target] - sol[i]->emissions_scope1[x.target];
            b->abatement_cum = cumulative_emissions(m, base) - cumulative_emissions(m, sol[i]);
            b->height = b->avg_cost = lev[i];
            Text lab = {0}, dec = {0};
            text_add(&lab, "%s: %s from %d", pl->name, m->techs[pl->routes[pt->route]].name, m->years[pt->from]);
            if (shared_changes(m, base, sol[i], x.target, &dec))
                text_add(&lab, " (with %s)", dec.buf);
            b->label = strdup(text_str(&lab));
            b->decisions = strdup(text_str(&dec));
            free(lab.buf);
            free(dec.buf);
        }
    }

    if (st == TICO_OK) {
        const char *dir = p->outdir;
        OutSet *os = out_begin(dir);
        if (!os) {
            st = TICO_EINTERNAL;
        } else {
            FILE *f1 = out_open(os, "macc.csv"), *f2 = out_open(os, "macc_points.csv"), *f3 = out_open(os, "macc.svg");
            if (f1 && f2 && f3) {
                write_bars(f1, &bs);
                write_points(f2, &x, sol, base, mac_avg, lev, why);
                write_svg(f3, &x, &bs, sol);
                st = out_commit(os);
            } else {
                out_abort(os);
                st = TICO_EINTERNAL;
            }
        }
        if (st == TICO_OK && !p->quiet) {
            int bad = 0;
            for (int i = 0; i < x.npts; i++)
                bad += !sweep_solved(sol[i]);
            printf("tico macc: %d point%s (%d without a solution), %d bar%s; wrote %s/macc.csv, macc_points.csv, "
                   "macc.svg\n", x.npts, x.npts == 1 ? "" : "s", bad, bs.n, bs.n == 1 ? "" : "s", dir);
        }
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
