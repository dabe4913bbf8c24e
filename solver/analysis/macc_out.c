/*
 * macc_out.c — the outputs of `tico macc`, one set of files per mode of the run so that
 * modes never overwrite each other (SPEC §5): macc_prices.csv (bars), macc_prices_points.csv
 * (the baseline and the points), macc_prices.svg; the same for _caps and _measures.
 */
#include "macc_int.h"
#include "xalloc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "out.h"
#include "solution.h"
#include "svg.h"
#include "csv_row.h"
#include "sweep.h"

/* ---- outputs ------------------------------------------------------------------------------ */

static const char *kind_name(PointKind k)
{
    return k == PT_PRICE ? "price" : k == PT_CAP ? "cap" : k == PT_REF ? "reference" : "measure";
}

static void write_points(FILE *f, const Macc *x, PointKind kind, Solution **sol, const Solution *base,
                         const double *mac_avg, const double *lev, char **why)
{
    const Model *m = x->m;
    int t = x->target;
    fprintf(f, "kind,point,carbon_price,cap_share,cap_t,plant,route,status,gap,emissions_target_t,"
               "emissions_scope2_target_t,emissions_cumulative_t,abatement_target_t,system_cost_npv,"
               "total_cost_npv,mac_dual,mac_avg,levelised_cost,why,start_year,lines\n");
    /* the baseline first */
    fprintf(f, "baseline,-1,0,,,,,%s,", solution_status_name(base->status));
    csv_num(f, base->gap, false);
    csv_num(f, base->emissions_scope1[t], false);
    csv_num(f, base->emissions_scope2[t], false);
    csv_num(f, macc_cumulative_emissions(m, base), false);
    csv_num(f, 0.0, false);
    csv_num(f, base->system_cost, false);
    csv_num(f, base->objective, false);
    fputs(",,,,,\n", f);
    for (int k = 0; k < x->npts; k++) {
        const Point *pt = &x->pts[k];
        const Solution *s = sol[k];
        if ((pt->kind == PT_REF ? PT_MEASURE : pt->kind) != kind)
            continue;
        fprintf(f, "%s,%d,", kind_name(pt->kind), k);
        /* measures and their counterfactuals run at the instance's carbon price (macc.c) */
        csv_num(f, pt->kind == PT_PRICE ? pt->value : pt->kind == PT_CAP ? 0.0 : x->carbon[t], false);
        csv_num(f, pt->kind == PT_CAP ? pt->value : NAN, false);
        csv_num(f, pt->kind == PT_CAP ? pt->value * x->base_target : NAN, false);
        if (pt->kind == PT_MEASURE && pt->am >= 0) {
            /* an asset measure: its id in the plant column, no route */
            csv_text(f, m->measures[pt->am].id, false);
            fputs(",", f);
        } else if (pt->kind == PT_MEASURE) {
            csv_text(f, m->plants[pt->plant].id, false);
            csv_text(f, m->techs[m->plants[pt->plant].routes[pt->route]].id, false);
        } else if (pt->kind == PT_REF) {
            /* the asset measures' counterfactual has no plant */
            if (pt->plant >= 0)
                csv_text(f, m->plants[pt->plant].id, false);
            else
                fputs("assets,", f);
            fputs(",", f);
        } else {
            fputs(",,", f);
        }
        fprintf(f, "%s,", s ? solution_status_name(s->status) : "error");
        bool ok = sweep_solved(s);
        csv_num(f, ok ? s->gap : NAN, false);
        csv_num(f, ok ? s->emissions_scope1[t] : NAN, false);
        csv_num(f, ok ? s->emissions_scope2[t] : NAN, false);
        csv_num(f, ok ? macc_cumulative_emissions(m, s) : NAN, false);
        csv_num(f, ok ? base->emissions_scope1[t] - s->emissions_scope1[t] : NAN, false);
        csv_num(f, ok ? s->system_cost : NAN, false);
        csv_num(f, ok ? s->objective : NAN, false);
        csv_num(f, ok && pt->kind == PT_CAP ? s->cap_price[t] : NAN, false);
        csv_num(f, mac_avg[k], false);
        csv_num(f, lev[k], false);
        csv_text(f, why[k] ? why[k] : "", false);
        if (pt->kind == PT_MEASURE)
            fprintf(f, "%d,%d\n", m->years[pt->from], pt->lines);
        else
            fputs(",\n", f);
    }
}

static void write_bars(FILE *f, const Bars *bs, PointKind kind)
{
    fprintf(f, "kind,step,measure,sector,entity,abatement_t,mac_eur_per_t,entry_price,price_from,"
               "avg_cost_eur_per_t,abatement_cumulative_t,negative_cost,decisions,start_year,scope,"
               "abatement_own_t,knock_on_t,knock_on,capex_eur_per_t,om_eur_per_t,energy_eur_per_t,"
               "transport_storage_eur_per_t,infrastructure_eur_per_t,removals_t\n");
    for (int k = 0; k < bs->n; k++) {
        const Bar *b = &bs->v[k];
        if (b->kind != kind)
            continue;
        fprintf(f, "%s,%d,", kind_name(b->kind), b->step);
        csv_text(f, b->label, false);
        csv_text(f, b->sector, false);
        csv_text(f, b->entity, false);
        csv_num(f, b->abatement, false);
        csv_num(f, b->height, false);
        csv_num(f, b->entry_price, false);
        csv_num(f, b->price_from, false);
        csv_num(f, b->avg_cost, false);
        csv_num(f, b->abatement_cum, false);
        fprintf(f, "%s,", b->height < 0 ? "yes" : "no");
        csv_text(f, b->decisions, false);
        /* measures: start, boundary, own and knock-on abatement, the cost decomposition */
        if (b->kind == PT_MEASURE)
            fprintf(f, "%d,%s,", b->start_year, macc_scope_name(b->scope));
        else
            fputs(",,", f);
        csv_num(f, b->own, false);
        csv_num(f, b->knock_on, false);
        csv_text(f, b->knock_on_text ? b->knock_on_text : "", false);
        for (int p = 0; p < MACC_NPARTS; p++)
            csv_num(f, b->part[p], false);
        csv_num(f, b->removals, true);
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

/* The curve of the bars of kind (of sector only, when not NULL), abatement in units of div t
 * (1e6: Mt, 1e3: kt, 1: t) named unit. */
static char *macc_chart(const Macc *x, const Bars *bs, PointKind kind, const char *title, const char *note,
                        double *height, const char *only, double div, const char *unit)
{
    const Model *m = x->m;
    int n = 0;
    SvgMaccBar *v = xcalloc((size_t)bs->n + 1, sizeof *v);
    const char **sectors = xcalloc((size_t)bs->n + 1, sizeof *sectors), **colors = xcalloc((size_t)bs->n + 1, sizeof *colors);
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
    svg_assign_colors(sectors, ns, colors); /* by sector id: the colours of report.html */
    char (*shown)[96] = xcalloc((size_t)ns + 1, sizeof *shown);
    for (int j = 0; j < ns; j++)
        svg_readable(shown[j], sizeof shown[j], sectors[j]);
    for (int k = 0; k < bs->n; k++) {
        const Bar *b = &bs->v[k];
        if (b->kind != kind || !isfinite(b->height) || (only && strcmp(b->sector, only) != 0))
            continue;
        const char *col = "#888888", *group = b->sector;
        for (int j = 0; j < ns; j++)
            if (strcmp(sectors[j], b->sector) == 0) {
                col = colors[j];
                group = shown[j];
            }
        v[n++] = (SvgMaccBar){b->label, group, col, b->abatement / div, b->height};
    }
    if (kind == PT_MEASURE)
        qsort(v, (size_t)n, sizeof *v, cmp_bar_height);
    char xl[128];
    snprintf(xl, sizeof xl, "abatement in %d, %s CO2e per year", m->years[x->target], unit);
    SvgMacc c = {title, xl, "EUR per t CO2e", v, n, 0, 0, note};
    char *s = chart_text(draw_macc, &c, height);
    free(v);
    free(sectors);
    free(colors);
    free(shown);
    return s;
}

static char *emissions_chart(const Macc *x, Solution **sol, double *height)
{
    const Model *m = x->m;
    int n = 0;
    char **cats = xcalloc((size_t)x->npts + 1, sizeof *cats);
    double *e = xcalloc((size_t)x->npts + 1, sizeof *e), *e2 = xcalloc((size_t)x->npts + 1, sizeof *e2);
    for (int k = 0; k < x->npts; k++) {
        if (x->pts[k].kind != PT_PRICE)
            continue;
        char buf[64];
        snprintf(buf, sizeof buf, "%g", x->pts[k].value);
        cats[n] = xstrdup(buf);
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

/* A sector whose measure bars add up to less than 2 % of the curve's width cannot be seen on
 * it (Dunkirk's urban measures: 5 kt/yr beside 10 Mt): it gets a chart of its own, in kt or t. */
#define MACC_ZOOM_SHARE 0.02
#define MACC_MAX_ZOOM 6

/* The width of the measure curve: the sum of its bars' |abatement|. */
static double zoom_total(const Bars *bs)
{
    double total = 0.0;
    for (int k = 0; k < bs->n; k++)
        if (bs->v[k].kind == PT_MEASURE && isfinite(bs->v[k].height))
            total += fabs(bs->v[k].abatement);
    return total;
}

static int zoom_sectors(const Bars *bs, const char **out)
{
    double total = zoom_total(bs);
    int n = 0;
    for (int k = 0; k < bs->n && n < MACC_MAX_ZOOM; k++) {
        const Bar *b = &bs->v[k];
        bool seen = false;
        for (int j = 0; j < n; j++)
            seen |= strcmp(out[j], b->sector) == 0;
        if (b->kind != PT_MEASURE || !isfinite(b->height) || seen)
            continue;
        double w = 0.0;
        for (int j = 0; j < bs->n; j++)
            if (bs->v[j].kind == PT_MEASURE && isfinite(bs->v[j].height) && strcmp(bs->v[j].sector, b->sector) == 0)
                w += fabs(bs->v[j].abatement);
        if (w > 0.0 && w < MACC_ZOOM_SHARE * total)
            out[n++] = b->sector;
    }
    return n;
}

static void write_svg(FILE *f, const Macc *x, PointKind kind, const Bars *bs, Solution **sol)
{
    char *part[4 + MACC_MAX_ZOOM];
    double h[4 + MACC_MAX_ZOOM];
    int n = 0;
    if (kind == PT_PRICE) {
        part[n] = macc_chart(x, bs, PT_PRICE, "System MACC from a carbon-price sweep",
                             "Each bar: what enters between two prices; height = the price at which it enters.", &h[n],
                             NULL, 1e6, "Mt");
        n++;
        part[n] = emissions_chart(x, sol, &h[n]);
        n++;
    }
    if (kind == PT_CAP) {
        part[n] = macc_chart(x, bs, PT_CAP, "MACC from a sweep of caps on the target year",
                             "Height = average cost of each step (delta NPV system cost / delta discounted emissions).",
                             &h[n], NULL, 1e6, "Mt");
        n++;
    }
    if (kind == PT_MEASURE) {
        part[n] = macc_chart(x, bs, PT_MEASURE, "Measure MACC: each plant on one route, each asset measure, from its cheapest start",
                             "Height = levelised cost against the plant (asset measure: its assets) kept as in the baseline, both at the instance's "
                             "carbon price; shared CO2 and hydrogen assets charged by use; knock-on changes inside each bar.",
                             &h[n], NULL, 1e6, "Mt");
        n++;
        const char *zs[MACC_MAX_ZOOM];
        int nz = zoom_sectors(bs, zs);
        for (int k = 0; k < nz; k++) {
            double w = 0.0;
            for (int j = 0; j < bs->n; j++)
                if (bs->v[j].kind == PT_MEASURE && isfinite(bs->v[j].height) && strcmp(bs->v[j].sector, zs[k]) == 0)
                    w += fabs(bs->v[j].abatement);
            char shown[96], title[200];
            svg_readable(shown, sizeof shown, zs[k]);
            snprintf(title, sizeof title, "Measure MACC, sector %s alone (%.2g %% of the curve's width above)", shown,
                     100.0 * w / zoom_total(bs));
            part[n] = macc_chart(x, bs, PT_MEASURE, title,
                                 "The same bars as above, on their own scale; removals (trees, hedges), where there are any, are in the "
                                 "removals_t column of macc_measures.csv.",
                                 &h[n], zs[k], w >= 1e5 ? 1e6 : w >= 100.0 ? 1e3 : 1.0,
                                 w >= 1e5 ? "Mt" : w >= 100.0 ? "kt" : "t");
            n++;
        }
    }
    double total = 0.0, w = 900.0;
    for (int k = 0; k < n; k++)
        total += h[k] + 20.0;
    fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%g\" height=\"%g\" viewBox=\"0 0 %g %g\">\n", w, total,
            w, total);
    out_svg_desc(f);
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


/* The file names of a mode: macc_prices, macc_caps, macc_measures. */
static const char *mode_stem(PointKind k)
{
    return k == PT_PRICE ? "macc_prices" : k == PT_CAP ? "macc_caps" : "macc_measures";
}

TicoStatus macc_write_files(const char *dir, const Macc *x, const Bars *bs, Solution **sol, const Solution *base,
                            const double *mac_avg, const double *lev, char **why, Text *wrote)
{
    bool has[3] = {false, false, false}; /* a PT_REF point belongs to the measures files */
    for (int k = 0; k < x->npts; k++)
        has[x->pts[k].kind == PT_REF ? PT_MEASURE : x->pts[k].kind] = true;
    OutSet *os = out_begin(dir);
    if (!os)
        return TICO_EINTERNAL;
    bool ok = true;
    for (int k = PT_PRICE; k <= PT_MEASURE && ok; k++) {
        if (!has[k])
            continue;
        char bars[64], pts[64], svg[64];
        snprintf(bars, sizeof bars, "%s.csv", mode_stem((PointKind)k));
        snprintf(pts, sizeof pts, "%s_points.csv", mode_stem((PointKind)k));
        snprintf(svg, sizeof svg, "%s.svg", mode_stem((PointKind)k));
        FILE *f1 = out_open(os, bars), *f2 = out_open(os, pts), *f3 = out_open(os, svg);
        ok = f1 && f2 && f3;
        if (!ok)
            break;
        write_bars(f1, bs, (PointKind)k);
        write_points(f2, x, (PointKind)k, sol, base, mac_avg, lev, why);
        write_svg(f3, x, (PointKind)k, bs, sol);
        macc_text_add(wrote, "%s%s, %s, %s", wrote->len ? "; " : "", bars, pts, svg);
    }
    if (!ok) {
        out_abort(os);
        return TICO_EINTERNAL;
    }
    return out_commit(os);
}
