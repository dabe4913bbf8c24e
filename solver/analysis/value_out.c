/*
 * value_out.c — the outputs of `tico value`: value.csv, value_split.csv, value.svg and the
 * lines on stdout.
 */
#include "value_int.h"
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
#include "csv_row.h"
#include "sweep.h"
#include "tic.h"

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

void value_write_csv(FILE *f, const Value *x)
{
    const Model *m = x->m;
    fputs("family,assets,technology,sector,service,commodity,status,value_eur,system_value_eur,total_cost_with_eur,"
          "total_cost_without_eur,system_cost_with_eur,system_cost_without_eur,gap_without,asset_cost_eur,shapley,"
          "players,coalitions_solved,gap_with\n", f);
    for (int fi = 0; fi < x->nfam; fi++) {
        const Family *F = &x->fam[fi];
        const Technology *tc = &m->techs[F->tech];
        const Solution *w = F->without;
        bool have = w && sweep_solved(w);
        csv_text(f, F->id, false);
        csv_text(f, F->members, false);
        csv_text(f, tc->id, false);
        csv_text(f, tc->sector, false);
        csv_text(f, F->svc == SVC_MAKES ? "makes" : F->svc == SVC_TAKES ? "takes" : "none", false);
        csv_text(f, F->commodity >= 0 ? m->commodities[F->commodity].id : "", false);
        csv_text(f, status_name(F->status), false);
        bool val = F->status == VS_OPTIMAL || F->status == VS_LIMIT || F->status == VS_UNUSED;
        csv_num(f, val ? F->value : NAN, false);
        csv_num(f, val ? F->value_system : NAN, false);
        csv_num(f, x->with->objective, false);
        csv_num(f, F->status == VS_UNUSED ? x->with->objective : have ? w->objective : NAN, false);
        csv_num(f, x->with->system_cost, false);
        csv_num(f, F->status == VS_UNUSED ? x->with->system_cost : have ? w->system_cost : NAN, false);
        csv_num(f, F->status == VS_UNUSED ? x->with->gap : have ? w->gap : NAN, false);
        csv_num(f, F->asset_cost, false);
        char how[160];
        if (F->status == VS_UNUSED)
            snprintf(how, sizeof how, "exact");
        else if (F->method == SH_NONE)
            snprintf(how, sizeof how, "none (%s)", F->why_none ? F->why_none : "not computed");
        else
            snprintf(how, sizeof how, "%s", method_name(F));
        csv_text(f, how, false);
        fprintf(f, "%d,%d,", x->k, F->solves);
        csv_num(f, x->with->gap, true);
    }
}

void value_write_split_csv(FILE *f, const Value *x)
{
    const Model *m = x->m;
    fputs("family,plant,use,unit,by_use_share,by_use_eur,shapley_value_eur,shapley_share,shapley_eur,method,"
          "stderr_eur\n", f);
    for (int fi = 0; fi < x->nfam; fi++) {
        const Family *F = &x->fam[fi];
        const char *unit = F->commodity >= 0 ? m->commodities[F->commodity].unit : "";
        bool shares = F->method != SH_NONE && F->value > 0;
        for (int p = 0; p <= x->P; p++) {
            csv_text(f, F->id, false);
            csv_text(f, p < x->P ? m->plants[p].id : OTHER, false);
            csv_num(f, F->use[p], false);
            csv_text(f, unit, false);
            double us = use_share(x, F, p);
            if (!isfinite(us)) { /* nothing used: its whole cost to the rest */
                csv_num(f, NAN, false);
                csv_num(f, p == x->P ? F->asset_cost : 0.0, false);
            } else {
                csv_num(f, us, false);
                csv_num(f, us * F->asset_cost, false);
            }
            double sv = shapley_value(x, F, p);
            csv_num(f, sv, false);
            csv_num(f, shares ? sv / F->value : NAN, false);
            csv_num(f, shares ? sv / F->value * F->asset_cost : NAN, false);
            int q = p < x->P ? player_of(x, p) : 0;
            const char *meth = F->status == VS_UNUSED ? "exact" : method_name(F);
            if (p < x->P && q < 0 && (F->method != SH_NONE || F->status == VS_UNUSED))
                meth = "dummy";
            csv_text(f, meth, false);
            if (F->method == SH_SAMPLED && p < x->P && q >= 0 && !F->zero_game)
                csv_num(f, F->se[q], true);
            else
                csv_num(f, isfinite(sv) ? 0.0 : NAN, true);
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
void value_write_svg(FILE *f, const Value *x)
{
    const Model *m = x->m;
    const double W = 960, X0 = 260, X1 = 800, ROW = 22, PAD = 16;
    int n = x->nfam, P = x->P;
    const char *other_color = "#d9d9d9";
    /* plants coloured by their sector (the colours of report.html), the tooltip names the
     * plant; legend: the sectors (at most SVG_MAX_LEGEND - 2, the rest as "other sectors"),
     * then the rest */
    const char **keys = xcalloc((size_t)P + 1, sizeof *keys), **colors = xcalloc((size_t)P + 1, sizeof *colors);
    const char **names = xcalloc((size_t)P + 3, sizeof *names), **lcolors = xcalloc((size_t)P + 3, sizeof *lcolors);
    char (*readable)[96] = xcalloc((size_t)P + 1, sizeof *readable);
    for (int p = 0; p < P; p++)
        keys[p] = m->plants[p].sector ? m->plants[p].sector : "";
    svg_assign_colors(keys, P, colors);
    int nleg = 0;
    bool other_sectors = false;
    for (int p = 0; p < P; p++) {
        bool seen = false;
        for (int q = 0; q < p; q++)
            seen |= strcmp(keys[q], keys[p]) == 0;
        if (seen)
            continue;
        if (nleg >= SVG_MAX_LEGEND - 2) {
            other_sectors = true;
            for (int q = p; q < P; q++)
                if (strcmp(keys[q], keys[p]) == 0)
                    colors[q] = SVG_OTHER_COLOR;
            continue;
        }
        svg_readable(readable[nleg], sizeof readable[nleg], keys[p]);
        names[nleg] = readable[nleg];
        lcolors[nleg++] = colors[p];
    }
    if (other_sectors) {
        names[nleg] = "other sectors";
        lcolors[nleg++] = SVG_OTHER_COLOR;
    }
    names[nleg] = "not plants (demands, markets, the system)";
    lcolors[nleg++] = other_color;
    colors[P] = other_color;
    int *split = xcalloc((size_t)n + 1, sizeof *split), ns = 0;
    for (int fi = 0; fi < n; fi++) {
        const Family *F = &x->fam[fi];
        if (F->origin_disc > 0 || (F->method != SH_NONE && F->value > 0))
            split[ns++] = fi;
    }
    double lh = svg_legend_height(W - 2 * PAD, names, nleg);
    double h1 = 70 + n * ROW + 50;
    double h2 = ns ? 70 + ns * 40 + 40 + lh : 0;
    double H = h1 + h2 + PAD;
    svg_open(f, W, H, "Value of shared infrastructure and the split of its cost");
    out_svg_desc(f); /* the run that wrote it (out.h) */
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
        svg_legend(f, PAD, yr + ns * 40 + 30, W - 2 * PAD, names, lcolors, NULL, nleg);
    }
#undef PX
    svg_close(f);
    free(names);
    free(colors);
    free(keys);
    free(lcolors);
    free(readable);
    free(split);
}

/* One line per family on stdout. */
void value_print_family(const Value *x, const Family *F)
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

