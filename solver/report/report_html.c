/*
 * report_html.c — report.html: one self-contained page (inline CSS and SVG, no script, no
 * external file) for a board: headline figures, six charts, the key decisions, a table of
 * the TIC indicators, a table by sector (report_html_tic.c) and the definitions. A chart that
 * folds series into "other" names them in a note (report_html_other_note).
 *
 * Charts (svg.h), values per period:
 *   1 emissions pathway: net scope 1 by sector (stacked; negative below 0) + scope 2 and
 *     scope 3 (one entry "scope 2+3" when that leaves every sector an entry of its own), the
 *     cap (a step) and the baseline emissions (dashed);
 *   2 abatement wedges: the pathway's emissions, then per sector (largest first) baseline -
 *     pathway emissions, stacked, so the top edge is the baseline (only with a baseline);
 *   3 energy use by carrier: inputs of plants and process assets of every commodity with
 *     an energy unit (tic_mwh_per_unit), in MWh multiples;
 *   4 investment: overnight capex of the builds of each period by plant, asset and spurs;
 *   5 CO2 prices: the policy carbon price, the cap's shadow price and their sum;
 *   6 marginal abatement cost curve from the MACC files in the same folder, when present
 *     (macc_measures.csv first, then macc_prices.csv, macc_caps.csv, an older macc.csv;
 *     report_html_macc.c), with the run that wrote it (run.json).
 * MACC file contract (read by header name, any column order): a label column `measure` (or
 * `label`, `name`), `sector` (optional), a width column whose name starts with `abatement`
 * (t CO2e), and a height column whose name starts with `mac` or `cost` (else `price`),
 * EUR per t CO2e. Bars are drawn sorted by height.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "xalloc.h"
#include "report_int.h"
#include "svg.h"
#include "tico.h"

static const char *const ENERGY[4] = {"MWh", "GWh", "TWh", "PWh"};

static void esc(FILE *f, const char *s)
{
    svg_escape(f, s);
}

static double *vec(int n)
{
    double *v = xcalloc((size_t)(n > 0 ? n : 1), sizeof *v);
    return v;
}

/* Largest |value| of a set of series (and of their positive and negative stacks). */
static double stack_max(double *const *v, int ns, int T)
{
    double mx = 0.0;
    for (int t = 0; t < T; t++) {
        double pos = 0.0, neg = 0.0;
        for (int k = 0; k < ns; k++) {
            double a = v[k][t];
            if (!isfinite(a))
                continue;
            if (a > 0)
                pos += a;
            else
                neg += a;
            mx = fmax(mx, fabs(a));
        }
        mx = fmax(mx, fmax(pos, -neg));
    }
    return mx;
}

static void scale_all(double *const *v, int ns, int T, double div)
{
    for (int k = 0; k < ns; k++)
        for (int t = 0; t < T; t++)
            v[k][t] /= div;
}

static void money(char *buf, size_t n, double v)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "n/a");
        return;
    }
    const char *u;
    double d = report_scale(fabs(v), REPORT_MONEY, &u), a = v / d;
    /* three significant figures: 3.88 bn EUR, 42.5 MEUR, 204 MEUR */
    snprintf(buf, n, "%.*f %s", fabs(a) >= 99.95 ? 0 : fabs(a) >= 9.995 ? 1 : 2, a, u);
}

/* Net scope 1 of sector k in period t (plants and assets). */
static double sector_emissions(const ReportCtx *x, const Solution *s, int k, int t)
{
    const Model *m = x->m;
    double v = 0.0;
    for (int p = 0; p < m->nplants; p++)
        if (strcmp(m->plants[p].sector, x->sectors[k]) == 0)
            v += s->net_scope1[sol_pt(s, p, t)];
    for (int i = 0; i < m->nassets; i++)
        if (strcmp(m->techs[m->assets[i].tech].sector, x->sectors[k]) == 0)
            v += s->asset_net_scope1[i * s->T + t];
    return v;
}


/* ---- chart 1: emissions by sector -------------------------------------------------- */

static void chart_emissions(FILE *f, const ReportCtx *x, const char *const *cats)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    int T = m->nperiods, NS = x->nsectors + 2; /* + scope 2, scope 3 */
    double **v = xcalloc((size_t)NS, sizeof *v);
    const char **names = xcalloc((size_t)NS, sizeof *names), **colors = xcalloc((size_t)NS, sizeof *colors);
    SvgSeries *bars = xcalloc((size_t)NS, sizeof *bars);
    double *cap = vec(T), *base = vec(T);
    for (int k = 0; k < NS; k++) {
        v[k] = vec(T);
        names[k] = k < x->nsectors ? x->sectors[k] : k == x->nsectors ? "scope 2 (bought energy)"
                                                                       : "scope 3 (bought materials)";
        for (int t = 0; t < T; t++)
            v[k][t] = k < x->nsectors ? sector_emissions(x, s, k, t)
                      : k == x->nsectors ? s->emissions_scope2[t]
                                          : s->emissions_scope3[t];
    }
    svg_assign_colors(names, NS, colors); /* by id: the same colour in every chart */
    char (*shown)[96] = report_html_readable(names, x->nsectors); /* sector ids; the scopes are words */
    for (int k = 0; k < x->nsectors; k++)
        names[k] = shown[k];
    double mx = stack_max(v, NS, T);
    for (int t = 0; t < T; t++) {
        base[t] = x->base ? x->tic->p[t].base_emissions : NAN;
        if (isfinite(base[t]))
            mx = fmax(mx, fabs(base[t]));
    }
    /* a cap far above every emission (a "no cap yet" written as 1e9 t) would flatten the
     * chart: it is left out, and the note says so */
    char capnote[256] = "";
    double capmax = mx > 0 ? 1.5 * mx : INFINITY;
    for (int t = 0; t < T; t++) {
        cap[t] = m->policy.cap && m->policy.cap[t] >= 0 ? m->policy.cap[t] : NAN;
        if (isfinite(cap[t]) && cap[t] > capmax) {
            size_t len = strlen(capnote);
            snprintf(capnote + len, sizeof capnote - len, "%s%d", len ? ", " : "", m->years[t]);
            cap[t] = NAN;
        }
        if (isfinite(cap[t]))
            mx = fmax(mx, cap[t]);
    }
    const char *unit;
    double div = report_scale(mx, REPORT_TONNES, &unit);
    scale_all(v, NS, T, div);
    int nb = 0;
    for (int k = 0; k < NS; k++) {
        bool any = false;
        for (int t = 0; t < T; t++)
            any |= v[k][t] != 0.0;
        if (any)
            bars[nb++] = (SvgSeries){names[k], colors[k], v[k], false};
    }
    SvgLine lines[2];
    int nl = 0;
    char caplabel[64];
    snprintf(caplabel, sizeof caplabel, "cap (scope %s)", model_scope_name(m->policy.cap_scope));
    if (m->policy.cap) {
        scale_all(&cap, 1, T, div);
        lines[nl++] = (SvgLine){caplabel, "#222222", cap, false, true};
    }
    if (x->base) {
        scale_all(&base, 1, T, div);
        lines[nl++] = (SvgLine){"baseline (scope 1+2+3)", "#555555", base, true, false};
    }
    /* A sector keeps an entry of its own whenever there is room: when one entry short, scope 2
     * and scope 3 (the last two bars, both bought emissions) share one rather than fold the
     * smallest sector into "other" */
    double *s23 = vec(T);
    int nsec = nb - (nb > 0 && bars[nb - 1].v == v[NS - 1]) - (nb > 1 && bars[nb - 2].v == v[NS - 2]);
    bool merged = nb == SVG_MAX_LEGEND - nl + 1 && nsec == nb - 2;
    if (merged) {
        for (int t = 0; t < T; t++)
            s23[t] = v[NS - 2][t] + v[NS - 1][t];
        bars[nb - 2] = (SvgSeries){"scope 2+3 (bought energy and materials)", colors[NS - 1], s23, false};
        nb--;
    }
    char ylabel[64];
    snprintf(ylabel, sizeof ylabel, "%s CO2e per year", unit);
    SvgChart c = {.title = "Emissions pathway by sector",
                  .ylabel = ylabel,
                  .xlabel = "period",
                  .cats = cats,
                  .ncat = T,
                  .bars = bars,
                  .nbars = nb,
                  .lines = lines,
                  .nlines = nl};
    char note[2048], other[1536];
    report_html_other_note(other, sizeof other, &c, div, REPORT_TONNES, REPORT_SECTOR_TAIL);
    if (merged)
        snprintf(other, sizeof other, "Scope 2 and scope 3 share one legend entry, so that every sector has its "
                                      "own (a chart shows at most %d); tic.csv gives them apart.",
                 SVG_MAX_LEGEND);
    if (capnote[0])
        snprintf(note, sizeof note, "The cap of %s is above 1.5 times the highest emissions and is not drawn.%s%s",
                 capnote, other[0] ? " " : "", other);
    else
        snprintf(note, sizeof note, "%s", other);
    c.note = note[0] ? note : NULL;
    fputs("<figure>\n", f);
    svg_chart(f, &c);
    report_html_figure_end(f, "Net scope-1 emissions of plants and shared assets by sector (after capture; negative with "
                  "biogenic capture), scope 2 (the CO2 of bought energy), scope 3 (the CO2 embedded in bought "
                  "materials such as HBI or clinker), the cap where there is one (on the scope it names), and the "
                  "baseline (the same cluster with no carbon price, no cap and no budget; scope 1+2+3).");
    for (int k = 0; k < NS; k++)
        free(v[k]);
    free(v);
    free(names);
    free(colors);
    free(bars);
    free(cap);
    free(base);
    free(s23);
    free(shown);
}

/* ---- chart 2: abatement wedges ----------------------------------------------------- */

static void chart_wedges(FILE *f, const ReportCtx *x, const char *const *cats)
{
    const Model *m = x->m;
    int T = m->nperiods, NS = x->nsectors + 2; /* + scope 2, scope 3 */
    if (!x->base) {
        fputs("<p class=\"note\">No abatement wedges: the baseline (the same instance with no carbon price, no "
              "cap and no budget) was not solved.</p>\n",
              f);
        return;
    }
    double **w = xcalloc((size_t)NS, sizeof *w);
    double *total = vec(NS), *path = vec(T), *base = vec(T);
    const char **names = xcalloc((size_t)NS + 1, sizeof *names), **colors = xcalloc((size_t)NS + 1, sizeof *colors);
    int *order = xcalloc((size_t)NS, sizeof *order);
    SvgSeries *areas = xcalloc((size_t)NS + 1, sizeof *areas);
    char (*label)[96] = xcalloc((size_t)NS, sizeof *label);
    for (int k = 0; k < NS; k++) {
        w[k] = vec(T);
        names[k] = k < x->nsectors ? x->sectors[k] : k == x->nsectors ? "scope 2 (bought energy)"
                                                                       : "scope 3 (bought materials)";
        for (int t = 0; t < T; t++) {
            w[k][t] = k < x->nsectors  ? sector_emissions(x, x->base, k, t) - sector_emissions(x, x->s, k, t)
                      : k == x->nsectors ? x->base->emissions_scope2[t] - x->s->emissions_scope2[t]
                                         : x->base->emissions_scope3[t] - x->s->emissions_scope3[t];
            total[k] += m->length[t] * w[k][t];
        }
        order[k] = k;
    }
    svg_assign_colors(names, NS, colors);
    char (*shown)[96] = report_html_readable(names, x->nsectors); /* sector ids; the scopes are words */
    for (int k = 0; k < x->nsectors; k++)
        names[k] = shown[k];
    /* largest cumulative abatement first (stable: ties keep the sector order) */
    for (int i = 1; i < NS; i++)
        for (int j = i; j > 0 && total[order[j]] > total[order[j - 1]]; j--) {
            int tmp = order[j];
            order[j] = order[j - 1];
            order[j - 1] = tmp;
        }
    double mx = 0.0;
    for (int t = 0; t < T; t++) {
        path[t] = x->tic->p[t].emissions;
        base[t] = x->tic->p[t].base_emissions;
        mx = fmax(mx, fmax(fabs(path[t]), fabs(base[t])));
    }
    const char *unit;
    double div = report_scale(mx, REPORT_TONNES, &unit);
    scale_all(w, NS, T, div);
    scale_all(&path, 1, T, div);
    scale_all(&base, 1, T, div);
    /* at most SVG_MAX_LEGEND legend entries (remaining, the wedges, the baseline): the
     * wedges of largest cumulative |abatement| are kept, the others summed as "other" */
    int nw = 0, room = SVG_MAX_LEGEND - 2;
    bool *shown_w = xcalloc((size_t)NS, sizeof *shown_w), *kept = xcalloc((size_t)NS, sizeof *kept);
    double *other = vec(T);
    for (int k = 0; k < NS; k++) {
        for (int t = 0; t < T; t++)
            shown_w[k] |= fabs(w[k][t]) > 1e-12;
        nw += shown_w[k];
    }
    int keep = nw <= room ? nw : room - 1;
    for (int i = 0; i < keep; i++) {
        int best = -1;
        for (int k = 0; k < NS; k++)
            if (shown_w[k] && !kept[k] && (best < 0 || fabs(total[k]) > fabs(total[best])))
                best = k;
        kept[best] = true;
    }
    int na = 0;
    double other_total = 0.0;
    areas[na++] = (SvgSeries){"remaining emissions", "#e6e6e6", path, false};
    for (int i = 0; i < NS; i++) {
        int k = order[i];
        if (!shown_w[k])
            continue;
        if (!kept[k]) {
            for (int t = 0; t < T; t++)
                other[t] += w[k][t];
            other_total += total[k];
            continue;
        }
        /* a sector that emits more than in the baseline: a pale wedge above the baseline */
        bool up = total[k] < 0;
        snprintf(label[k], sizeof label[k], "%s%s", names[k], up ? " (increase)" : "");
        areas[na++] = (SvgSeries){label[k], colors[k], w[k], up};
    }
    if (keep < nw)
        areas[na++] = (SvgSeries){other_total < 0 ? "other (net increase)" : "other", SVG_OTHER_COLOR, other,
                                  other_total < 0};
    SvgLine line = {"baseline", "#222222", base, true, false};
    char ylabel[64];
    snprintf(ylabel, sizeof ylabel, "%s CO2e per year", unit);
    SvgChart c = {.title = "Abatement wedges against the baseline",
                  .ylabel = ylabel,
                  .xlabel = "period",
                  .cats = cats,
                  .ncat = T,
                  .areas = areas,
                  .nareas = na,
                  .lines = &line,
                  .nlines = 1};
    char note[1536] = "";
    if (keep < nw) { /* say which wedges "other" holds */
        size_t len = (size_t)snprintf(note, sizeof note, "Grey \"other\" sums the smallest wedges: ");
        for (int k = 0, first = 1; k < NS && len < sizeof note; k++)
            if (shown_w[k] && !kept[k]) {
                len += (size_t)snprintf(note + len, sizeof note - len, "%s%s", first ? "" : ", ", names[k]);
                first = 0;
            }
        if (len < sizeof note)
            snprintf(note + len, sizeof note - len, "%s", REPORT_SECTOR_TAIL);
        c.note = note;
    }
    fputs("<figure>\n", f);
    svg_chart(f, &c);
    report_html_figure_end(f, "Emissions (scope 1+2+3) that remain, and on top the reduction each sector makes against the "
                  "baseline, largest first: together they reach the baseline. A sector or scope that emits more than "
                  "in the baseline (e.g. more imported electricity, or imported HBI that replaces iron made on site) "
                  "is drawn pale, from the top of the others down to the baseline: it takes back part of their "
                  "reduction.");
    for (int k = 0; k < NS; k++)
        free(w[k]);
    free(w);
    free(total);
    free(path);
    free(base);
    free(names);
    free(colors);
    free(order);
    free(areas);
    free(label);
    free(shown);
    free(shown_w);
    free(kept);
    free(other);
}

/* A stacked bar chart of nb series over T periods in a <figure> with its caption: the series
 * (kept[k], scaled here to a display unit of units) named names[k] and coloured colors[k];
 * the y axis reads "UNIT ysuffix". bars has room for nb series. */
static void stacked_figure(FILE *f, const char *title, const char *xlabel, const char *const units[4],
                           const char *ysuffix, const char *const *cats, int T, const char *const *names,
                           const char *const *colors, double **kept, int nb, SvgSeries *bars, const char *caption,
                           const char *other_tail)
{
    const char *unit;
    double div = report_scale(stack_max(kept, nb, T), units, &unit);
    scale_all(kept, nb, T, div);
    for (int k = 0; k < nb; k++)
        bars[k] = (SvgSeries){names[k], colors[k], kept[k], false};
    char ylabel[64];
    snprintf(ylabel, sizeof ylabel, "%s %s", unit, ysuffix);
    SvgChart c = {.title = title, .ylabel = ylabel, .xlabel = xlabel, .cats = cats, .ncat = T, .bars = bars, .nbars = nb};
    char note[1536];
    report_html_other_note(note, sizeof note, &c, div, units, other_tail);
    c.note = note[0] ? note : NULL;
    fputs("<figure>\n", f);
    svg_chart(f, &c);
    report_html_figure_end(f, caption);
}

/* ---- chart 3: energy use by carrier ------------------------------------------------ */

static void chart_energy(FILE *f, const ReportCtx *x, const char *const *cats)
{
    const Model *m = x->m;
    int T = m->nperiods, C = m->ncommodities, S = m->nslices, E = report_nentities(m);
    double **use = xcalloc((size_t)C, sizeof *use);
    double *F = xmalloc((size_t)(C * E * S > 0 ? C * E * S : 1) * sizeof *F);
    for (int c = 0; c < C; c++)
        use[c] = vec(T);
    for (int t = 0; t < T; t++) {
        report_period_flows(m, x->s, t, F);
        for (int c = 0; c < C; c++) {
            double mwh = tic_mwh_per_unit(m, c);
            if (mwh == 0.0)
                continue;
            for (int e = 0; e < m->nplants + m->nassets; e++) {
                if (e >= m->nplants && m->techs[m->assets[e - m->nplants].tech].kind == TECH_STORAGE)
                    continue;
                for (int sl = 0; sl < S; sl++) {
                    double v = F[((size_t)c * E + e) * S + sl];
                    if (v < 0)
                        use[c][t] -= v * mwh;
                }
            }
        }
    }
    free(F);
    const char **names = xcalloc((size_t)C + 1, sizeof *names), **colors = xcalloc((size_t)C + 1, sizeof *colors);
    SvgSeries *bars = xcalloc((size_t)C + 1, sizeof *bars);
    double **kept = xcalloc((size_t)C + 1, sizeof *kept);
    char (*shown)[96] = NULL;
    int nb = 0;
    for (int c = 0; c < C; c++) {
        bool any = false;
        for (int t = 0; t < T; t++)
            any |= use[c][t] > 0;
        if (any) {
            names[nb] = m->commodities[c].id;
            kept[nb++] = use[c];
        }
    }
    if (nb == 0) {
        fputs("<p class=\"note\">No energy use to show: no input of the plants or assets is measured in an energy "
              "unit (MWh, GWh, TWh, kWh, GJ, MJ, TJ, PJ, or hydrogen in t).</p>\n",
              f);
    } else {
        svg_assign_colors(names, nb, colors); /* by commodity id */
        shown = report_html_readable(names, nb);
        for (int k = 0; k < nb; k++)
            names[k] = shown[k];
        stacked_figure(f, "Energy use by carrier", "period", ENERGY, "per year", cats, T,
                       (const char *const *)names, colors, kept, nb, bars,
                       "Energy carriers used by the plants and the shared conversion assets (inputs, converted to "
                       "MWh from each commodity's unit; hydrogen in t at 33.33 MWh/t). A carrier made inside the "
                       "cluster (e.g. hydrogen from electricity) counts again where it is used.",
                       NULL);
    }
    for (int c = 0; c < C; c++)
        free(use[c]);
    free(use);
    free(names);
    free(colors);
    free(bars);
    free(kept);
    free(shown);
}

/* ---- chart 4: investment ----------------------------------------------------------- */

static void chart_investment(FILE *f, const ReportCtx *x, const char *const *cats)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    /* by sector (the colours of the emissions chart), plus the spur pipelines; the builds
     * themselves are listed under Key decisions */
    int T = m->nperiods, N = x->nsectors + 1;
    double **v = xcalloc((size_t)N, sizeof *v);
    const char **keys = xcalloc((size_t)N, sizeof *keys), **colors = xcalloc((size_t)N, sizeof *colors);
    double **kept = xcalloc((size_t)N, sizeof *kept);
    SvgSeries *bars = xcalloc((size_t)N, sizeof *bars);
    for (int k = 0; k < N; k++)
        v[k] = vec(T);
    for (int t = 0; t < T; t++) {
        for (int p = 0; p < m->nplants; p++) {
            int k = 0;
            while (k < x->nsectors && strcmp(x->sectors[k], m->plants[p].sector) != 0)
                k++;
            for (int r = 0; r < m->plants[p].nroutes; r++)
                v[k < x->nsectors ? k : N - 1][t] += tic_route_capex(m, s, p, r, t);
            v[N - 1][t] += tic_spur_capex(m, s, p, t);
        }
        for (int i = 0; i < m->nassets; i++) {
            int k = 0;
            while (k < x->nsectors && strcmp(x->sectors[k], m->techs[m->assets[i].tech].sector) != 0)
                k++;
            v[k < x->nsectors ? k : N - 1][t] += tic_asset_capex(m, s, i, t);
        }
    }
    int nb = 0;
    for (int k = 0; k < N; k++) {
        bool any = false;
        for (int t = 0; t < T; t++)
            any |= v[k][t] != 0.0;
        if (!any)
            continue;
        keys[nb] = k < x->nsectors ? x->sectors[k] : "spurs";
        kept[nb++] = v[k];
    }
    char (*shown)[96] = NULL;
    if (nb == 0) {
        fputs("<p class=\"note\">No investment: nothing is built over the horizon.</p>\n", f);
    } else {
        svg_assign_colors(keys, nb, colors);
        shown = report_html_readable(keys, nb);
        for (int k = 0; k < nb; k++)
            if (strcmp(keys[k], "spurs") == 0)
                snprintf(shown[k], sizeof shown[k], "Spur pipelines");
        const char *labels[nb > 0 ? nb : 1];
        for (int k = 0; k < nb; k++)
            labels[k] = shown[k];
        stacked_figure(f, "Investment timeline by sector", "period in which the build is made", REPORT_MONEY,
                       "(overnight capex)", cats, T, labels, colors, kept, nb, bars,
                       "Capital spent on the builds of each period (capex x capacity built, undiscounted, in the "
                       "instance's money), by the sector of the plant or shared asset, and the spur pipelines that "
                       "connect plants to the networks. Each build is listed under Key decisions.",
                       REPORT_SECTOR_TAIL);
    }
    for (int k = 0; k < N; k++)
        free(v[k]);
    free(v);
    free(keys);
    free(colors);
    free(kept);
    free(bars);
    free(shown);
}

/* ---- chart 5: CO2 prices ----------------------------------------------------------- */

static void chart_prices(FILE *f, const ReportCtx *x, const char *const *cats)
{
    const Model *m = x->m;
    int T = m->nperiods;
    double *price = vec(T), *cap = vec(T), *sum = vec(T);
    bool any_cap = false;
    for (int t = 0; t < T; t++) {
        price[t] = m->policy.carbon_price[t];
        cap[t] = x->s->cap_price[t];
        any_cap |= isfinite(cap[t]);
        sum[t] = price[t] + (isfinite(cap[t]) ? cap[t] : 0.0);
    }
    SvgLine lines[3];
    int nl = 0;
    lines[nl++] = (SvgLine){"carbon price (policy)", "#4e79a7", price, false, false};
    if (any_cap) {
        lines[nl++] = (SvgLine){"shadow price of the cap", "#e15759", cap, true, false};
        lines[nl++] = (SvgLine){"marginal CO2 price (sum)", "#222222", sum, false, false};
    }
    SvgChart c = {.title = "Marginal CO2 price",
                  .ylabel = "EUR per t CO2e",
                  .xlabel = "period",
                  .cats = cats,
                  .ncat = T,
                  .lines = lines,
                  .nlines = nl};
    fputs("<figure>\n", f);
    svg_chart(f, &c);
    report_html_figure_end(f, any_cap ? "The carbon price paid by ETS entities, the shadow price of the emissions cap (the cost "
                            "of one tonne less under the cap, in the period's money), and their sum: what one more "
                            "tonne of CO2 costs the cluster at the margin."
                          : "The carbon price paid by ETS entities; no cap has a price (no cap, or no duals).");
    free(price);
    free(cap);
    free(sum);
}

/* ---- page -------------------------------------------------------------------------- */

static const char *const CSS =
    "body{font-family:'DejaVu Sans',Arial,Helvetica,sans-serif;color:#222;max-width:920px;margin:24px auto;"
    "padding:0 16px;line-height:1.45;background:#fff}\n"
    "h1{font-size:26px;margin:0 0 4px}h2{font-size:19px;margin:34px 0 8px;border-bottom:2px solid #e3e3e3;"
    "padding-bottom:4px}\n"
    ".sub{color:#555;font-size:14px;margin:0}.note{font-size:13px;color:#555}\n"
    ".kpis{display:flex;flex-wrap:wrap;gap:12px;margin:20px 0}\n"
    ".kpi{flex:1 1 190px;border:1px solid #d9d9d9;border-radius:6px;padding:12px 14px;background:#f7f9fb}\n"
    ".kpi .l{font-size:13px;color:#555}.kpi .v{font-size:25px;font-weight:bold;margin:2px 0}"
    ".kpi .d{font-size:12px;color:#666}\n"
    ".warn{border:2px solid #e15759;background:#fff3f3;padding:10px 14px;border-radius:6px;margin:16px 0}\n"
    "table{border-collapse:collapse;font-size:13px;margin:8px 0}th,td{padding:4px 10px;"
    "border-bottom:1px solid #e3e3e3;text-align:right}th:first-child,td:first-child{text-align:left}"
    "th{background:#f2f2f2}\n"
    "figure{margin:14px 0}svg{max-width:100%;height:auto}ul{padding-left:22px}code{font-size:12px}\n"
    ".wide{overflow-x:auto}\n"
    /* print (A4): each section from a new page (the first under the headline figures), no
     * chart, figure caption, headline box or table row cut across pages, charts scaled to
     * the page width, colours kept */
    "@page{size:A4;margin:14mm 12mm}\n"
    "@media print{body{margin:0;padding:0;max-width:none;font-size:10pt;-webkit-print-color-adjust:exact;"
    "print-color-adjust:exact}\n"
    "h1{font-size:18pt}h2{font-size:14pt;margin-top:0;break-before:page;page-break-before:always;"
    "break-after:avoid;page-break-after:avoid}\n"
    ".kpis+h2{break-before:auto;page-break-before:auto;margin-top:18px}\n"
    "figure,svg,.kpi,.warn,tr,li{break-inside:avoid;page-break-inside:avoid}\n"
    "figure{margin:6px 0 12px}svg{width:100%;max-width:100%;height:auto}\n"
    ".wide{overflow:visible}table{font-size:6pt;width:100%;table-layout:fixed}th,td{padding:1px 2px;"
    "overflow-wrap:anywhere}th{font-size:5.5pt}\n"
    ".kpi{flex:1 1 30%;padding:6px 8px}.kpi .v{font-size:16pt}}\n";

static void kpi(FILE *f, const char *label, const char *value, const char *detail)
{
    fputs("<div class=\"kpi\"><div class=\"l\">", f);
    esc(f, label);
    fputs("</div><div class=\"v\">", f);
    esc(f, value);
    fputs("</div><div class=\"d\">", f);
    esc(f, detail);
    fputs("</div></div>\n", f);
}

static void kpi_reduction(FILE *f, const ReportCtx *x, int t)
{
    const TicPeriod *q = &x->tic->p[t], *q0 = &x->tic->p[0];
    char label[96], value[64], detail[256], e[64];
    snprintf(label, sizeof label, "Emissions %d vs %d (scope 1+2+3)", q->year, q0->year);
    if (isfinite(q->red_base_year_pct))
        snprintf(value, sizeof value, "%+.0f%%", q->red_base_year_pct == 0.0 ? 0.0 : -q->red_base_year_pct);
    else
        snprintf(value, sizeof value, "n/a");
    const char *u;
    double d = report_scale(fmax(fabs(q->emissions), fabs(q0->emissions)), REPORT_TONNES, &u);
    snprintf(e, sizeof e, "%.2f %s", q->emissions / d, u);
    if (isfinite(q->red_baseline_pct))
        snprintf(detail, sizeof detail, "%s CO2e/yr, of which net scope 1 %.2f %s; %+.0f%% vs baseline", e,
                 q->scope1 / d, u, q->red_baseline_pct == 0.0 ? 0.0 : -q->red_baseline_pct);
    else
        snprintf(detail, sizeof detail, "%s CO2e/yr, of which net scope 1 %.2f %s", e, q->scope1 / d, u);
    kpi(f, label, value, detail);
}

static void kpis(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    const TicReport *tic = x->tic;
    int T = m->nperiods;
    char v[96], d[256], a[64], b[64];
    fputs("<div class=\"kpis\">\n", f);
    money(v, sizeof v, s->objective);
    money(a, sizeof a, s->system_cost);
    money(b, sizeof b, s->carbon_cost);
    snprintf(d, sizeof d, "NPV to %d: system %s + carbon %s", m->base_year, a, b);
    kpi(f, "Total cost", v, d);
    /* reductions in 2030 and 2050 (else a middle and the last period) */
    int t1 = model_period_of_year(m, 2030), t2 = model_period_of_year(m, 2050);
    if (t2 < 0)
        t2 = T - 1;
    if (t1 < 0)
        t1 = T / 2;
    if (t1 > 0 && t1 < t2)
        kpi_reduction(f, x, t1);
    if (t2 > 0)
        kpi_reduction(f, x, t2);
    const TicPeriod *q = &tic->p[T - 1];
    /* where the catalogue has no jobs or gva figures, say so instead of showing 0 */
    int nt, nj, ng;
    report_coverage(m, s, T - 1, &nt, &nj, &ng);
    char label[96], cover[96] = "";
    snprintf(label, sizeof label, "Direct jobs %d", q->year);
    if (nj == 0) {
        snprintf(v, sizeof v, "n/a");
        snprintf(d, sizeof d, "no jobs figures for the technologies in operation");
    } else {
        if (nj < nt)
            snprintf(cover, sizeof cover, " (jobs given for %d of %d technologies in operation)", nj, nt);
        snprintf(v, sizeof v, "%.0f", q->jobs_direct);
        snprintf(d, sizeof d, "%.0f protected on base-year capacity, %.0f created, %.0f of %.0f base-year jobs lost; "
                 "%.0f construction job-years %d-%d%s",
                 q->jobs_protected, q->jobs_created, q->jobs_lost, q->jobs_base_year, tic->h.construction_job_years,
                 m->years[0], model_horizon_end(m), cover);
    }
    kpi(f, label, v, d);
    snprintf(label, sizeof label, "Gross value added %d", q->year);
    money(a, sizeof a, q->gva);
    if (ng == 0) {
        snprintf(v, sizeof v, "n/a");
        snprintf(d, sizeof d, "no gva figures for the technologies in operation");
    } else {
        snprintf(v, sizeof v, "%s/yr", a);
        snprintf(cover, sizeof cover, "gva given for %d of %d technologies in operation; ", ng, nt);
        if (tic->has_io)
            snprintf(d, sizeof d, "%sdirect; plus %.0f indirect%s jobs in the supply chain", ng < nt ? cover : "",
                     q->indirect_jobs + (tic->has_induced ? q->induced_jobs : 0.0),
                     tic->has_induced ? " and induced" : "");
        else
            snprintf(d, sizeof d, "%sdirect (gva x activity); no input-output table for indirect effects",
                     ng < nt ? cover : "");
    }
    kpi(f, label, v, d);
    fputs("</div>\n", f);
}

void report_html(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    int T = m->nperiods;
    char **cats = xcalloc((size_t)T, sizeof *cats);
    for (int t = 0; t < T; t++) {
        cats[t] = xmalloc(16);
        snprintf(cats[t], 16, "%d", m->years[t]);
    }
    const char *const *cc = (const char *const *)cats;

    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
          "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>",
          f);
    esc(f, m->name);
    fprintf(f, ": least-cost pathway under the instance's policy</title>\n<style>\n%s</style>\n</head>\n<body>\n<h1>",
            CSS);
    esc(f, m->name);
    fputs(": least-cost pathway under the instance's policy</h1>\n<p class=\"sub\">", f);
    /* what was computed: the policy it answers and where net scope 1 ends, in words */
    char pol[256], head[512];
    report_policy_words(m, pol, sizeof pol);
    int tl = T - 1;
    double e1 = s->emissions_scope1[tl], e2 = s->emissions_scope2[tl], e3 = s->emissions_scope3[tl];
    const char *u;
    double d = report_scale(fmax(fabs(e1), fmax(fabs(e2), fabs(e3))), REPORT_TONNES, &u);
    snprintf(head, sizeof head,
             "Policy: %s. Net scope 1 in %d: %.3g %s CO2e/yr (%s); scope 2: %.3g %s; scope 3: %.3g %s.", pol,
             m->years[tl], e1 / d + 0.0, u, e1 <= 0.0 ? "net zero on scope 1" : "not net zero", e2 / d + 0.0, u,
             e3 / d + 0.0, u);
    esc(f, head);
    fputs("</p>\n<p class=\"sub\">", f);
    char words[SOL_WORDS_LEN];
    fprintf(f, "tico %s &middot; ", TICO_VERSION);
    esc(f, solution_status_words(s, words));
    fprintf(f, " &middot; %d&ndash;%d &middot; money in ", m->years[0], model_horizon_end(m));
    esc(f, m->currency);
    fprintf(f, ", discounted at %.4g%% to %d</p>\n", 100.0 * m->discount_rate, m->base_year);
    if (out_run_line()) { /* the run that wrote this page (its date: run.json) */
        fputs("<p class=\"sub\">Run: ", f);
        esc(f, out_run_line());
        fputs(" (date and files: <code>run.json</code>)</p>\n", f);
    }
    if (s->nviolations > 0) {
        fprintf(f, "<div class=\"warn\"><b>%d constraint%s violated</b> (elastic mode: the solve paid a penalty "
                   "instead):<ul>\n",
                s->nviolations, s->nviolations == 1 ? "" : "s");
        for (int k = 0; k < s->nviolations; k++) {
            fputs("<li>", f);
            esc(f, s->violations[k].text ? s->violations[k].text : "");
            fputs("</li>\n", f);
        }
        fputs("</ul></div>\n", f);
    }
    kpis(f, x);

    fputs("<h2>Emissions</h2>\n", f);
    chart_emissions(f, x, cc);
    chart_wedges(f, x, cc);
    fputs("<h2>Energy</h2>\n", f);
    chart_energy(f, x, cc);
    fputs("<h2>Investment</h2>\n", f);
    chart_investment(f, x, cc);
    fputs("<h2>CO2 price</h2>\n", f);
    chart_prices(f, x, cc);
    fputs("<h2>Marginal abatement cost curve</h2>\n", f);
    report_html_macc(f, x);

    fputs("<h2>Key decisions</h2>\n<ul>\n", f);
    int nd = 0;
    for (int t = 0; t < T; t++) {
        StrList l = {0};
        report_decisions(m, s, t, &l);
        for (int k = 0; k < l.n; k++, nd++) {
            fprintf(f, "<li><b>%d</b>: ", m->years[t]);
            esc(f, l.v[k]);
            fputs("</li>\n", f);
        }
        report_strlist_free(&l);
    }
    if (nd == 0)
        fputs("<li>None: the existing plants and assets run as they are.</li>\n", f);
    fputs("</ul>\n", f);
    if (report_counts_apply(m))
        report_counts_html(f, m, s);

    fputs("<h2>Emissions, jobs and value added by period</h2>\n", f);
    report_html_tic_table(f, x);
    report_html_sector_table(f, x);
    fputs("<p class=\"note\"><b>Definitions.</b> Net scope 1: direct emissions of plants and shared assets after "
          "capture. Scope 2: the CO2 of bought energy (electricity, heat, hydrogen). Scope 3: the CO2 embedded in "
          "bought materials (HBI, clinker): importing them moves emissions out of scope 1, not out of the "
          "atmosphere. Scope 1+2+3: their sum; the reduction vs the first period is 0 there by definition. "
          "Baseline: the same instance solved with carbon price 0, no cap and no budget. Captured: "
          "CO2 captured by plants and assets; stored: captured CO2 exported to storage markets (also after a "
          "liquefaction terminal). Direct jobs: jobs "
          "per unit of capacity in operation; protected: those on base-year capacity (the existing lines and "
          "modules of the first period) still operating, on any route, converted lines included; created: those on "
          "capacity beyond the base year's; lost: base-year jobs no longer operating (stopped lines, fewer jobs on a "
          "converted line); baseline jobs: the direct jobs of the baseline, the counterfactual of protected jobs "
          "(docs/scopes.md). Construction job-years: construction jobs per MEUR of the capex of "
          "each period's builds. GVA: gross value added per unit of activity. Indirect and induced jobs come from "
          "the instance's input-output table (Leontief inverse) and leave out the first round already counted as "
          "direct. Every figure is in tic.csv and tic.json; the whole solution in solution.json.</p>\n",
          f);
    if (report_tariff_applies(m))
        report_heat_tariff_html(f, x);
    fputs("<p class=\"note\">Input SHA-256 <code>", f);
    esc(f, m->input_sha256 ? m->input_sha256 : "");
    fputs("</code></p>\n</body>\n</html>\n", f);
    for (int t = 0; t < T; t++)
        free(cats[t]);
    free(cats);
}
