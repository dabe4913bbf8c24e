/*
 * mc_out.c — the outputs of `tico mc`: mc.csv, mc_scenarios.csv, mc.svg and the table on
 * stdout (columns in mc.c and docs). */
#include "mc_int.h"
#include "xalloc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "diag.h"
#include "linalg.h"
#include "out.h"
#include "pool.h"
#include "solve.h"
#include "svg.h"
#include "csv_row.h"
#include "sweep.h"

static double cumulative_emissions(const Model *m, const Solution *s)
{
    double e = 0.0;
    for (int t = 0; t < m->nperiods; t++)
        e += m->length[t] * s->emissions_scope1[t];
    return e;
}

static const char *kind_name(CandKind k)
{
    return k == CAND_OPTIMUM ? "optimum" : k == CAND_PRICE ? "price" : "solution";
}

void mc_write_csv(FILE *f, const Model *m, const Pathway *pw, int J, const double *coef, const McStats *st,
                         int n, const Reopt *ro)
{
    const Uncertainty *U = &m->uncertainty;
    int K = U->nparams, T = m->nperiods;
    fputs("pathway,kind,carbon_price,same_pathway_as,scenarios,emissions_last_period_t,emissions_cumulative_t,"
          "base_cost_eur,expected_cost_eur,sd_cost_eur,p10_cost_eur,p50_cost_eur,p90_cost_eur,min_cost_eur,"
          "max_cost_eur,prob_cheapest,max_regret_eur,expected_regret_eur,expected_excess_over_reoptimised_eur,"
          "match_plants,match_routes,match_decisions,evpi_eur,cost_fixed_eur", f);
    for (int k = 0; k < K; k++)
        fprintf(f, ",cost_%s_eur", U->params[k].id);
    fputs(",status,gap\n", f);
    for (int j = 0; j < J; j++) {
        const Pathway *p = &pw[j];
        out_csv_field(f, p->cand->label);
        fprintf(f, ",%s,", kind_name(p->cand->kind));
        csv_num(f, p->cand->kind == CAND_PRICE && p->cand->uniform ? p->cand->price[0] : NAN, false);
        out_csv_field(f, p->also);
        fprintf(f, ",%d,", n);
        csv_num(f, p->sol->emissions_scope1[T - 1], false);
        csv_num(f, cumulative_emissions(m, p->sol), false);
        double base = 0.0;
        for (int k = 0; k <= K; k++)
            base += coef[(size_t)k * (size_t)J + (size_t)j];
        csv_num(f, base, false);
        const McStats *s = &st[j];
        csv_num(f, s->mean, false);
        csv_num(f, s->sd, false);
        csv_num(f, s->p10, false);
        csv_num(f, s->p50, false);
        csv_num(f, s->p90, false);
        csv_num(f, s->min, false);
        csv_num(f, s->max, false);
        csv_num(f, s->prob_cheapest, false);
        csv_num(f, s->max_regret, false);
        csv_num(f, s->mean_regret, false);
        csv_num(f, ro ? ro->excess[j] : NAN, false);
        csv_num(f, ro ? ro->match_plants[j] : NAN, false);
        csv_num(f, ro ? ro->match_routes[j] : NAN, false);
        csv_num(f, ro ? ro->match_all[j] : NAN, false);
        csv_num(f, NAN, false);
        for (int k = 0; k <= K; k++)
            csv_num(f, coef[(size_t)k * (size_t)J + (size_t)j], false);
        /* the solve the pathway comes from: its status and proven gap (SPEC §4.8) */
        fprintf(f, "%s,", solution_status_name(p->sol->status));
        csv_num(f, p->sol->gap, true);
    }
    if (ro) {
        fprintf(f, "reoptimised,reoptimised,,,%d,,,,", ro->solved);
        csv_num(f, ro->st.mean, false);
        csv_num(f, ro->st.sd, false);
        csv_num(f, ro->st.p10, false);
        csv_num(f, ro->st.p50, false);
        csv_num(f, ro->st.p90, false);
        csv_num(f, ro->st.min, false);
        csv_num(f, ro->st.max, false);
        fputs(",,,,,,,", f);
        csv_num(f, ro->evpi, false);
        for (int k = 0; k < K; k++)
            fputc(',', f);
        fputs(",,\n", f); /* status and gap: per scenario in mc_scenarios.csv */
    }
}

void mc_write_scenarios_csv(FILE *f, const Model *m, const Pathway *pw, int J, int n, const double *theta,
                                const double *cost, const Reopt *ro)
{
    const Uncertainty *U = &m->uncertainty;
    int K = U->nparams;
    fputs("scenario", f);
    for (int k = 0; k < K; k++)
        fprintf(f, ",%s", U->params[k].id);
    for (int j = 0; j < J; j++) {
        fputs(",cost_", f);
        out_csv_field(f, pw[j].cand->label);
    }
    fputs(",cheapest", f);
    if (ro)
        fputs(",reoptimised_status,reoptimised_cost_eur,reoptimised_same_routes_as", f);
    fputc('\n', f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%d,", i);
        for (int k = 0; k < K; k++)
            csv_num(f, theta[(size_t)i * (size_t)(K + 1) + 1 + (size_t)k], false);
        const double *row = cost + (size_t)i * (size_t)J;
        int best = 0;
        for (int j = 0; j < J; j++) {
            csv_num(f, row[j], false);
            if (row[j] < row[best] && !mc_ties(row[j], row[best]))
                best = j;
        }
        out_csv_field(f, pw[best].cand->label);
        if (ro) {
            fprintf(f, ",%s,", ro->status[i] < 0 ? "error" : solution_status_name((SolStatus)ro->status[i]));
            csv_num(f, ro->cost[i], false);
            if (ro->match[i] >= 0)
                out_csv_field(f, pw[ro->match[i]].cand->label);
        }
        fputc('\n', f);
    }
}

/* Money on the charts: EUR, MEUR or bn EUR after the largest magnitude. */
static double money_unit(double big, const char **name)
{
    if (big >= 5e9) {
        *name = "bn EUR";
        return 1e9;
    }
    if (big >= 5e6) {
        *name = "MEUR";
        return 1e6;
    }
    *name = "EUR";
    return 1.0;
}

typedef struct {
    const char *label;
    const char *color;
    const McStats *st;
    double *sorted;         /* [n] ascending */
    int n;
} Dist;

#define CHART_W 900.0

/* Box plots, one row per pathway: whiskers min-max, box P10-P90, line P50, dot mean. */
static double draw_boxes(FILE *f, double y0, const Dist *d, int nd, double lo, double hi, double unit,
                         const char *uname, int nscen)
{
    double label_w = 0.0;
    for (int k = 0; k < nd; k++) {
        double w = svg_text_width(d[k].label, 12.0);
        if (w > label_w)
            label_w = w;
    }
    double x0 = 20 + label_w + 12, x1 = CHART_W - 30, row = 30.0;
    double top = y0 + 40, bottom = top + row * nd;
    double nlo, nhi, step;
    svg_nice_ticks(lo / unit, hi / unit, 6, &nlo, &nhi, &step);
    char title[160], b[64];
    snprintf(title, sizeof title, "Cost of each pathway over %d scenarios (NPV, fixed operation)", nscen);
    svg_text(f, 20, y0 + 22, "start", 15.0, "#222", 0, true, title);
#define PX(v) (x0 + ((v) / unit - nlo) / (nhi - nlo) * (x1 - x0))
    int kk = 0;
    for (double v = nlo; v <= nhi + step * 1e-6 && kk < 100; v = nlo + (++kk) * step) {
        double x = x0 + (v - nlo) / (nhi - nlo) * (x1 - x0);
        svg_line(f, x, top, x, bottom, "#e3e3e3", 1.0, false);
        svg_line(f, x, bottom, x, bottom + 4, "#444", 1.0, false);
        svg_fmt_tick(b, sizeof b, v, step);
        svg_text(f, x, bottom + 16, "middle", 11.0, "#222", 0, false, b);
    }
    svg_line(f, x0, bottom, x1, bottom, "#444", 1.0, false);
    svg_line(f, x0, top, x0, bottom, "#444", 1.0, false);
    char xl[96];
    snprintf(xl, sizeof xl, "NPV total cost, %s", uname);
    svg_text(f, (x0 + x1) / 2, bottom + 34, "middle", 12.0, "#222", 0, false, xl);
    for (int k = 0; k < nd; k++) {
        const McStats *s = d[k].st;
        double yc = top + row * k + row / 2;
        svg_text(f, x0 - 8, yc + 4, "end", 12.0, "#222", 0, false, d[k].label);
        svg_line(f, PX(s->min), yc, PX(s->max), yc, "#666", 1.0, false);
        svg_line(f, PX(s->min), yc - 5, PX(s->min), yc + 5, "#666", 1.0, false);
        svg_line(f, PX(s->max), yc - 5, PX(s->max), yc + 5, "#666", 1.0, false);
        char tip[320];
        snprintf(tip, sizeof tip, "%s: mean %.4g, P10 %.4g, P50 %.4g, P90 %.4g, min %.4g, max %.4g %s", d[k].label,
                 s->mean / unit, s->p10 / unit, s->p50 / unit, s->p90 / unit, s->min / unit, s->max / unit, uname);
        double w = PX(s->p90) - PX(s->p10);
        svg_rect(f, PX(s->p10), yc - 9, w > 1 ? w : 1, 18, d[k].color, tip);
        svg_line(f, PX(s->p50), yc - 9, PX(s->p50), yc + 9, "#111", 2.0, false);
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#ffffff\" stroke=\"#111\" stroke-width=\"1.2\"/>\n",
                PX(s->mean), yc);
    }
#undef PX
    svg_text(f, x0, bottom + 54, "start", 11.0, "#666", 0, false,
             "Box: P10 to P90; black line: median (P50); circle: mean; whiskers: lowest and highest scenario.");
    return bottom + 66 - y0;
}

/* Cumulative distributions: the share of scenarios at or below each cost. */
static double draw_cdfs(FILE *f, double y0, const Dist *d, int nd, double lo, double hi, double unit,
                        const char *uname)
{
    double x0 = 70, x1 = CHART_W - 30, top = y0 + 40, bottom = top + 260;
    double nlo, nhi, step;
    svg_nice_ticks(lo / unit, hi / unit, 6, &nlo, &nhi, &step);
    char b[64];
    svg_text(f, 20, y0 + 22, "start", 15.0, "#222", 0, true, "Cumulative distribution of the cost");
    int kk = 0;
    for (double v = nlo; v <= nhi + step * 1e-6 && kk < 100; v = nlo + (++kk) * step) {
        double x = x0 + (v - nlo) / (nhi - nlo) * (x1 - x0);
        svg_line(f, x, top, x, bottom, "#e3e3e3", 1.0, false);
        svg_fmt_tick(b, sizeof b, v, step);
        svg_text(f, x, bottom + 16, "middle", 11.0, "#222", 0, false, b);
    }
    for (int q = 0; q <= 4; q++) {
        double y = bottom - q * 0.25 * (bottom - top);
        svg_line(f, x0, y, x1, y, "#e3e3e3", 1.0, false);
        svg_fmt_tick(b, sizeof b, q * 0.25, 0.25);
        svg_text(f, x0 - 7, y + 4, "end", 11.0, "#222", 0, false, b);
    }
    svg_line(f, x0, bottom, x1, bottom, "#444", 1.0, false);
    svg_line(f, x0, top, x0, bottom, "#444", 1.0, false);
    char xl[96];
    snprintf(xl, sizeof xl, "NPV total cost, %s", uname);
    svg_text(f, (x0 + x1) / 2, bottom + 34, "middle", 12.0, "#222", 0, false, xl);
    svg_text(f, 18, (top + bottom) / 2, "middle", 12.0, "#222", -90, false, "share of scenarios at or below");
    for (int k = 0; k < nd; k++) {
        int n = d[k].n;
        if (n == 0)
            continue;
        /* at most 400 steps: the quantiles at equal shares */
        int pts = n < 400 ? n : 400;
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"", d[k].color,
                k == nd - 1 && strcmp(d[k].label, "reoptimised") == 0 ? " stroke-dasharray=\"6 4\"" : "");
        for (int i = 0; i < pts; i++) {
            int idx = pts == n ? i : (int)((double)i * (n - 1) / (pts - 1));
            double v = d[k].sorted[idx];
            double x = x0 + (v / unit - nlo) / (nhi - nlo) * (x1 - x0);
            double y = bottom - (double)(idx + 1) / n * (bottom - top);
            double yprev = bottom - (double)idx / n * (bottom - top);
            fprintf(f, "%.1f,%.1f %.1f,%.1f ", x, yprev, x, y);
        }
        fputs("\"/>\n", f);
    }
    const char **names = xcalloc((size_t)nd, sizeof *names), **colors = xcalloc((size_t)nd, sizeof *colors);
    int *kind = xcalloc((size_t)nd, sizeof *kind);
    for (int k = 0; k < nd; k++) {
        names[k] = d[k].label;
        colors[k] = d[k].color;
        kind[k] = strcmp(d[k].label, "reoptimised") == 0 ? 2 : 1;
    }
    double h = svg_legend(f, x0, bottom + 46, x1 - x0, names, colors, kind, nd);
    free(names);
    free(colors);
    free(kind);
    return bottom + 46 + h + 10 - y0;
}

void mc_write_svg(FILE *f, const Pathway *pw, int J, int n, const double *cost, const McStats *st,
                      const Reopt *ro)
{
    int nd = J + (ro && ro->solved > 0 ? 1 : 0);
    Dist *d = xcalloc((size_t)nd, sizeof *d);
    double lo = INFINITY, hi = -INFINITY;
    for (int k = 0; k < nd; k++) {
        bool r = k == J;
        d[k].label = r ? "reoptimised" : pw[k].cand->label;
        d[k].color = r ? "#999999" : svg_palette(k);
        d[k].st = r ? &ro->st : &st[k];
        d[k].sorted = xmalloc((size_t)n * sizeof *d[k].sorted);
        for (int i = 0; i < n; i++) {
            double v = r ? ro->cost[i] : cost[(size_t)i * (size_t)J + (size_t)k];
            if (isfinite(v))
                d[k].sorted[d[k].n++] = v;
        }
        qsort(d[k].sorted, (size_t)d[k].n, sizeof *d[k].sorted, mc_cmp_double);
        if (d[k].n) {
            if (d[k].sorted[0] < lo)
                lo = d[k].sorted[0];
            if (d[k].sorted[d[k].n - 1] > hi)
                hi = d[k].sorted[d[k].n - 1];
        }
    }
    if (!(hi > lo)) {
        double c = isfinite(lo) ? lo : 0.0;
        lo = c - 0.5 * fabs(c) - 1.0;
        hi = c + 0.5 * fabs(c) + 1.0;
    }
    const char *uname;
    double unit = money_unit(fabs(lo) > fabs(hi) ? fabs(lo) : fabs(hi), &uname);
    /* each part into memory first: the total height goes into the <svg> element */
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    double h = draw_boxes(mem, 0.0, d, nd, lo, hi, unit, uname, n);
    h += 20;
    h += draw_cdfs(mem, h, d, nd, lo, hi, unit, uname);
    fclose(mem);
    svg_open(f, CHART_W, h, "Monte Carlo robustness of candidate pathways");
    out_svg_desc(f); /* the run that wrote it (out.h) */
    fwrite(buf, 1, len, f);
    svg_close(f);
    free(buf);
    for (int k = 0; k < nd; k++)
        free(d[k].sorted);
    free(d);
}


void mc_print_table(const Model *m, const Pathway *pw, int J, const McStats *st, const Reopt *ro, int n,
                        uint64_t seed, int ncand, const char *dir)
{
    printf("tico mc: %d scenario%s (seed %llu) of %d uncertain parameter%s; %d pathway%s from %d candidate%s\n", n,
           n == 1 ? "" : "s", (unsigned long long)seed, m->uncertainty.nparams, m->uncertainty.nparams == 1 ? "" : "s",
           J, J == 1 ? "" : "s", ncand, ncand == 1 ? "" : "s");
    int w = 8;
    for (int j = 0; j < J; j++)
        if ((int)strlen(pw[j].cand->label) > w)
            w = (int)strlen(pw[j].cand->label);
    printf("  %-*s %12s %12s %12s %12s %9s %12s%s\n", w, "pathway", "E[cost]", "P10", "P50", "P90", "cheapest",
           "max regret", ro ? "  same routes as the scenario optimum: cluster, plants" : "");
    for (int j = 0; j < J; j++) {
        printf("  %-*s %12.1f %12.1f %12.1f %12.1f %8.1f%% %12.1f", w, pw[j].cand->label, st[j].mean / 1e6,
               st[j].p10 / 1e6, st[j].p50 / 1e6, st[j].p90 / 1e6, 100.0 * st[j].prob_cheapest,
               st[j].max_regret / 1e6);
        if (ro)
            printf("  %8.1f%% %8.1f%%", 100.0 * ro->match_routes[j], 100.0 * ro->match_plants[j]);
        printf("\n");
    }
    printf("  (MEUR, NPV in %s; costs at fixed operation)\n", m->currency);
    if (ro) {
        if (ro->solved > 0)
            printf("  reoptimised (%d of %d scenarios solved): E[cost] %.1f, P10 %.1f, P50 %.1f, P90 %.1f MEUR; "
                   "EVPI %.1f MEUR against '%s'\n",
                   ro->solved, n, ro->st.mean / 1e6, ro->st.p10 / 1e6, ro->st.p50 / 1e6, ro->st.p90 / 1e6,
                   ro->evpi / 1e6, pw[ro->best].cand->label);
        else
            printf("  reoptimised: no scenario solved\n");
    }
    printf("tico mc: wrote %s/mc.csv, mc_scenarios.csv, mc.svg\n", dir);
}

