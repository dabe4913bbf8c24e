/*
 * svg_macc.c — the marginal abatement cost curve chart of svg.h (variable-width bars, the
 * numbered key for labels that do not fit); the helpers it shares with svg.c are in
 * svg_int.h.
 */
#include "svg.h"
#include "xalloc.h"
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "svg_int.h"

/* ---- marginal abatement cost curve ------------------------------------------------ */

static bool macc_valid(const SvgMaccBar *b)
{
    return isfinite(b->width) && b->width > 0 && isfinite(b->height);
}

/* One entry of the numbered key: "N. label (group): width at height". */
static void key_entry(char *buf, size_t n, int num, const SvgMaccBar *b, const char *group)
{
    char wnum[32], hnum[32];
    snprintf(wnum, sizeof wnum, "%.3g", b->width);
    snprintf(hnum, sizeof hnum, "%.4g", b->height);
    snprintf(buf, n, "%d. %s (%s): %s at %s", num, b->label ? b->label : "", group, wnum, hnum);
}

void svg_macc(FILE *f, const SvgMacc *c)
{
    double W = c->width > 0 ? c->width : 880.0;
    double PH = c->plot_height > 0 ? c->plot_height : 340.0;
    double total = 0.0, lo = 0.0, hi = 0.0;
    for (int k = 0; k < c->n; k++) {
        if (!macc_valid(&c->bars[k]))
            continue;
        total += c->bars[k].width;
        lo = fmin(lo, c->bars[k].height);
        hi = fmax(hi, c->bars[k].height);
    }
    /* An outlier (a bar over 3 times the next highest on its side: 13,555 EUR/t beside 654)
     * would flatten every other bar: the axis stops at the next one, and a cut bar is drawn to
     * the axis's end with a break and its value written (its key entry keeps the value). */
    double h1 = 0.0, h2 = 0.0, l1 = 0.0, l2 = 0.0;
    for (int k = 0; k < c->n; k++) {
        if (!macc_valid(&c->bars[k]))
            continue;
        double h = c->bars[k].height;
        if (h > h1) {
            h2 = h1;
            h1 = h;
        } else if (h > h2) {
            h2 = h;
        }
        if (h < l1) {
            l2 = l1;
            l1 = h;
        } else if (h < l2) {
            l2 = h;
        }
    }
    if (h2 > 0.0 && h1 > 3.0 * h2)
        hi = h2;
    if (l2 < 0.0 && l1 < 3.0 * l2)
        lo = l2;
    /* Bars under 0.5 % of the width (a 0.0001 Mt bus measure beside Mt-wide plants) cannot be
     * seen, but would stretch the axis: it follows the wider bars, and the narrow ones beyond
     * are cut too (their values in the key, and on the chart of their sector alone). */
    double wlo = 0.0, whi = 0.0;
    bool wide = false;
    for (int k = 0; k < c->n; k++)
        if (macc_valid(&c->bars[k]) && c->bars[k].width >= 0.005 * total) {
            wide = true;
            wlo = fmin(wlo, c->bars[k].height);
            whi = fmax(whi, c->bars[k].height);
        }
    if (wide) {
        hi = fmin(hi, whi);
        lo = fmax(lo, wlo);
    }
    /* head room above the bars for their labels */
    double ylo, yhi, ystep, xlo, xhi, xstep;
    svg_nice_ticks(lo, hi + 0.25 * (hi - lo), 5, &ylo, &yhi, &ystep);
    svg_nice_ticks(0.0, total, 6, &xlo, &xhi, &xstep);
    Plot p = {.f = f, .lo = ylo, .hi = yhi, .step = ystep, .xlo = xlo, .xhi = xhi, .xstep = xstep};
    p.x0 = 30.0 + svg_ytick_width(ylo, yhi, ystep) + 10.0;
    p.x1 = W - 20.0;
    p.y0 = PLOT_TOP;
    p.y1 = PLOT_TOP + PH;

    /* groups in order of first appearance, with their total width; beyond SVG_MAX_LEGEND
     * the smallest are drawn and listed as "other" */
    const char **gname = xcalloc((size_t)c->n + 1, sizeof *gname), **gcol = xcalloc((size_t)c->n + 1, sizeof *gcol);
    double *gw = xcalloc((size_t)c->n + 1, sizeof *gw);
    int *bg = xcalloc((size_t)c->n + 1, sizeof *bg);
    bool *gkeep = xcalloc((size_t)c->n + 1, sizeof *gkeep);
    const char **names = xcalloc((size_t)c->n + 2, sizeof *names), **colors = xcalloc((size_t)c->n + 2, sizeof *colors);
    int ng = 0;
    for (int k = 0; k < c->n; k++) {
        const char *g = c->bars[k].group ? c->bars[k].group : "";
        int j = 0;
        while (j < ng && strcmp(gname[j], g) != 0)
            j++;
        if (j == ng) {
            gname[ng] = g;
            gcol[ng++] = c->bars[k].color;
        }
        bg[k] = j;
        if (macc_valid(&c->bars[k]))
            gw[j] += c->bars[k].width;
    }
    int keep = ng <= SVG_MAX_LEGEND ? ng : SVG_MAX_LEGEND - 1;
    for (int k = 0; k < keep; k++) {
        int best = -1;
        for (int j = 0; j < ng; j++)
            if (!gkeep[j] && (best < 0 || gw[j] > gw[best]))
                best = j;
        gkeep[best] = true;
    }
    int nl = 0;
    for (int j = 0; j < ng; j++)
        if (gkeep[j]) {
            names[nl] = gname[j];
            colors[nl++] = gcol[j];
        }
    if (keep < ng) {
        names[nl] = "other";
        colors[nl++] = SVG_OTHER_COLOR;
    }

    /* labels over the bars when every one fits whole, else numbers and a numbered key */
    bool numbered = false;
    {
        double x = 0.0;
        for (int j = 0; j < c->n; j++) {
            const SvgMaccBar *bar = &c->bars[j];
            if (!macc_valid(bar))
                continue;
            double xa = px(&p, x), xb = px(&p, x + bar->width);
            double ybase = fmin(py(&p, bar->height), py(&p, 0.0)) - 4.0;
            if (bar->label && *bar->label &&
                (xb - xa < 12.0 || svg_text_width(bar->label, 10.0) > ybase - p.y0))
                numbered = true;
            x += bar->width;
        }
    }
    double legend_y = p.y1 + 46.0;
    double lh = svg_legend_height(W - p.x0 - 10, names, nl);
    char entry[768];
    double kh = 0.0;
    if (numbered) {
        int num = 0;
        kh = 8.0;
        for (int j = 0; j < c->n; j++)
            if (macc_valid(&c->bars[j])) {
                key_entry(entry, sizeof entry, ++num, &c->bars[j], gname[bg[j]]);
                kh += svg_draw_note(NULL, p.x0, 0, W - p.x0 - 10, entry) - 4.0;
            }
    }
    /* narrow bars cut at the axis: said under the chart */
    bool narrow_cut = false;
    for (int k = 0; k < c->n; k++) {
        const SvgMaccBar *bar = &c->bars[k];
        if (macc_valid(bar) && bar->width < 0.005 * total && (bar->height > yhi || bar->height < ylo))
            narrow_cut = true;
    }
    char note[1024];
    snprintf(note, sizeof note, "%s%s%s", c->note ? c->note : "", c->note && narrow_cut ? " " : "",
             narrow_cut ? "Bars narrower than 0.5 % of the width that reach beyond the axis are cut at its end "
                          "(white break); their values are in the key." : "");
    double nh = svg_draw_note(NULL, p.x0, 0, W - p.x0 - 10, note);
    double H = legend_y + lh + kh + nh + 8.0;

    svg_open(f, W, H, c->title);
    svg_text(f, p.x0, 22, "start", TITLE_SIZE, TEXT_COLOR, 0, true, c->title ? c->title : "");
    svg_draw_yaxis(&p, c->ylabel);
    char b[64], tip[768];
    int k = 0;
    for (double v = xlo; v <= xhi + xstep * 1e-6 && k < 100; v = xlo + (++k) * xstep) {
        double x = px(&p, v);
        svg_line(f, x, p.y1, x, p.y1 + 4, AXIS_COLOR, 1.0, false);
        svg_fmt_tick(b, sizeof b, v, xstep);
        svg_text(f, x, p.y1 + 17, "middle", TICK_SIZE, TEXT_COLOR, 0, false, b);
    }
    if (c->xlabel)
        svg_text(f, (p.x0 + p.x1) / 2, p.y1 + 36, "middle", LABEL_SIZE, TEXT_COLOR, 0, false, c->xlabel);

    double x = 0.0, zero = py(&p, 0.0);
    int num = 0;
    for (int j = 0; j < c->n; j++) {
        const SvgMaccBar *bar = &c->bars[j];
        if (!macc_valid(bar))
            continue;
        num++;
        double hv = fmax(ylo, fmin(yhi, bar->height));
        bool cut = hv != bar->height;
        double xa = px(&p, x), xb = px(&p, x + bar->width), yv = py(&p, hv);
        char wnum[32], hnum[32];
        snprintf(wnum, sizeof wnum, "%.4g", bar->width);
        snprintf(hnum, sizeof hnum, "%.4g", bar->height);
        snprintf(tip, sizeof tip, "%s (%s): %s at %s", bar->label ? bar->label : "", bar->group ? bar->group : "",
                 wnum, hnum);
        const char *fill = gkeep[bg[j]] ? bar->color : SVG_OTHER_COLOR;
        svg_rect(f, xa, fmin(yv, zero), fmax(xb - xa - 0.5, 0.5), fabs(zero - yv), fill, tip);
        double ybase = fmin(yv, zero) - 4.0;
        if (cut) {
            /* a white break across the bar near the axis's end, and the bar's value (a narrow
             * bar's only in the key: several side by side would overwrite each other) */
            double yb = bar->height > 0 ? yv + 10.0 : yv - 10.0;
            svg_line(f, xa - 3.0, yb + 3.0, xb + 3.0, yb - 3.0, "#ffffff", 2.5, false);
        }
        if (cut && (bar->width >= 0.005 * total || bar->height == h1 || bar->height == l1)) {
            snprintf(b, sizeof b, "%.6g (cut)", bar->height);
            bool right = xb + 4.0 + svg_text_width(b, 10.0) <= W - 4.0;
            svg_text(f, right ? xb + 4.0 : xa - 4.0, bar->height > 0 ? yv + 10.0 : yv - 4.0, right ? "start" : "end",
                     10.0, TEXT_COLOR, 0, true, b);
        }
        if (numbered) {
            /* the bar's number in the key, over the bar (upright when it fits across) */
            snprintf(b, sizeof b, "%d", num);
            if (svg_text_width(b, 10.0) + 2 <= xb - xa)
                svg_text(f, (xa + xb) / 2, ybase, "middle", 10.0, TEXT_COLOR, 0, true, b);
            else if (xb - xa >= 7.0)
                svg_text(f, (xa + xb) / 2 + 3.5, ybase, "start", 10.0, TEXT_COLOR, -90, true, b);
        } else if (bar->label && *bar->label) {
            svg_text(f, (xa + xb) / 2 + 3.5, ybase, "start", 10.0, TEXT_COLOR, -90, false, bar->label);
        }
        x += bar->width;
    }
    svg_legend(f, p.x0, legend_y, W - p.x0 - 10, names, colors, NULL, nl);
    double ky = legend_y + lh;
    if (numbered) {
        ky += 8.0;
        num = 0;
        for (int j = 0; j < c->n; j++)
            if (macc_valid(&c->bars[j])) {
                key_entry(entry, sizeof entry, ++num, &c->bars[j], gname[bg[j]]);
                ky += svg_draw_note(f, p.x0, ky, W - p.x0 - 10, entry) - 4.0;
            }
    }
    svg_draw_note(f, p.x0, ky, W - p.x0 - 10, note);
    svg_close(f);
    free(gname);
    free(gcol);
    free(gw);
    free(bg);
    free(gkeep);
    free(names);
    free(colors);
}
