/*
 * svg.c — small SVG charts (see svg.h).
 *
 * Layout of a chart (px, y down):
 *   title          baseline at 22
 *   plot area      from y = 40, plot_height tall; left margin = rotated y label + tick labels
 *   x tick labels  16 below the plot (every k-th when they would collide), x label 34 below
 *   legend         rows of entries under the x label; note under the legend
 * Coordinates are written with one decimal ("%.1f"), so files are deterministic and small.
 */
#include "svg.h"
#include "svg_int.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>


/* ---- colours ---------------------------------------------------------------------- */

static const char *const PALETTE[] = {"#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
                                      "#ff9da7", "#9c755f", "#bab0ac", "#1f77b4", "#8c564b", "#17becf", "#bcbd22",
                                      "#7f7f7f", "#d62728", "#2ca02c", "#9467bd", "#e377c2", "#aec7e8"};
#define NPALETTE (int)(sizeof PALETTE / sizeof PALETTE[0])

const char *svg_palette(int k)
{
    return PALETTE[((k % NPALETTE) + NPALETTE) % NPALETTE];
}

/* Fixed colours of sectors and carriers, keyed by id, so that steel is the same blue and
 * coal the same near-black in every chart; a carrier shares the colour of the sector that
 * makes it (electricity and power, hydrogen), no other colour means two things. Electricity
 * bought from the grid is a darker shade of the power family, so that it is told apart from
 * the cluster's own electricity in the energy chart. */
static const struct {
    const char *key;
    const char *color;
} KNOWN[] = {
    /* sectors */
    {"steel", "#4e79a7"}, {"iron", "#4e79a7"}, {"cement", "#9c755f"}, {"lime", "#9c755f"},
    {"aluminium", "#bab0ac"}, {"aluminum", "#bab0ac"}, {"hydrogen", "#59a14f"}, {"ccs", "#b07aa1"},
    {"co2", "#b07aa1"}, {"power", "#edc948"}, {"heat", "#e15759"}, {"battery", "#76b7b2"},
    {"batteries", "#76b7b2"}, {"chemicals", "#f28e2b"}, {"chemical", "#f28e2b"}, {"refining", "#ff9da7"},
    {"glass", "#17becf"}, {"paper", "#bcbd22"}, {"urban", "#9467bd"},
    /* carriers */
    {"electricity", "#edc948"}, {"grid_electricity", "#b8860b"}, {"natural_gas", "#ffbe7d"}, {"gas", "#ffbe7d"},
    {"coal", "#3b3b3b"}, {"coke", "#595959"}, {"steel_gas", "#a0cbe8"}, {"reducing_gas", "#2f5f8a"},
    {"excess_heat_ht", "#ff9d9a"}, {"excess_heat_lt", "#fcc5c0"}, {"steam", "#d37295"}, {"biomass", "#499894"},
    {"biogas", "#86bcb6"}, {"oil", "#79706e"}, {"diesel", "#79706e"}, {"ammonia", "#8cd17d"},
    {"methanol", "#b6992d"},
    /* scopes and totals */
    {"scope 2 (bought energy)", "#7f7f7f"}, {"scope 2", "#7f7f7f"}, {"scope 3 (bought materials)", "#d7b5a6"},
    {"scope 3", "#d7b5a6"}, {"spurs", "#6b6ecf"}, {"other", SVG_OTHER_COLOR},
};
#define NKNOWN (int)(sizeof KNOWN / sizeof KNOWN[0])

/* By keyword, for carriers and sectors not in the table (e.g. "green_hydrogen"). */
static const struct {
    const char *word;
    const char *key;
} WORDS[] = {{"electric", "electricity"}, {"hydrogen", "hydrogen"}, {"heat", "excess_heat_ht"},
             {"steam", "steam"},          {"coal", "coal"},         {"coke", "coke"},
             {"gas", "natural_gas"},      {"co2", "co2"},           {"bio", "biomass"},
             {"steel", "steel"},          {"cement", "cement"},     {"clinker", "cement"}};
#define NWORDS (int)(sizeof WORDS / sizeof WORDS[0])

/* Colours no known key uses, for the others (picked by a hash of the key). */
static const char *const SPARE[] = {"#1f77b4", "#e377c2", "#2ca02c", "#d62728", "#8c564b",
                                    "#17a2b8", "#c49c94", "#dbdb8d", "#c5b0d5", "#98df8a", "#aec7e8"};
#define NSPARE (int)(sizeof SPARE / sizeof SPARE[0])

static const char *exact_color(const char *key)
{
    for (int k = 0; k < NKNOWN; k++)
        if (strcasecmp(KNOWN[k].key, key) == 0)
            return KNOWN[k].color;
    return NULL;
}

const char *svg_key_color(const char *key)
{
    if (!key)
        return NULL;
    const char *c = exact_color(key);
    if (c)
        return c;
    char low[128];
    size_t i = 0;
    for (; key[i] && i + 1 < sizeof low; i++)
        low[i] = (char)(key[i] >= 'A' && key[i] <= 'Z' ? key[i] - 'A' + 'a' : key[i]);
    low[i] = '\0';
    for (int k = 0; k < NWORDS; k++)
        if (strstr(low, WORDS[k].word))
            return exact_color(WORDS[k].key);
    return NULL;
}

void svg_assign_colors(const char *const *keys, int n, const char **colors)
{
    for (int k = 0; k < n; k++)
        colors[k] = svg_key_color(keys[k]);
    for (int k = 0; k < n; k++) {
        if (colors[k])
            continue;
        /* FNV-1a of the key picks a spare colour; taken in this chart: the next free one */
        unsigned h = 2166136261u;
        for (const unsigned char *p = (const unsigned char *)keys[k]; *p; p++)
            h = (h ^ *p) * 16777619u;
        int start = (int)(h % NSPARE), pick = start;
        for (int tries = 0; tries < NSPARE; tries++) {
            int c = (start + tries) % NSPARE;
            bool used = false;
            for (int j = 0; j < n; j++)
                if (j != k && colors[j] && strcmp(colors[j], SPARE[c]) == 0)
                    used = true;
            if (!used) {
                pick = c;
                break;
            }
        }
        colors[k] = SPARE[pick];
    }
}

void svg_readable(char *buf, size_t n, const char *id)
{
    static const char *const UPPER[] = {"co2", "h2", "ht", "lt", "mt", "lng", "ccs", "ccus", "dri", "eaf", "bf",
                                        "bof", "hbi", "pv", "chp", "ets", "ggbs", "dac", "ng", "o2", "hvo"};
    if (n == 0)
        return;
    size_t o = 0;
    const char *p = id ? id : "";
    bool first = true;
    while (*p && o + 1 < n) {
        if (*p == '_' || *p == '-' || *p == ' ') {
            if (o > 0 && buf[o - 1] != ' ')
                buf[o++] = ' ';
            p++;
            continue;
        }
        size_t len = strcspn(p, "_- ");
        bool up = false;
        for (size_t k = 0; k < sizeof UPPER / sizeof UPPER[0]; k++)
            if (strlen(UPPER[k]) == len && strncasecmp(UPPER[k], p, len) == 0)
                up = true;
        for (size_t k = 0; k < len && o + 1 < n; k++) {
            char c = p[k];
            if ((up || (first && k == 0)) && c >= 'a' && c <= 'z')
                c = (char)(c - 'a' + 'A');
            buf[o++] = c;
        }
        first = false;
        p += len;
    }
    while (o > 0 && buf[o - 1] == ' ')
        o--;
    buf[o] = '\0';
}

/* ---- text and primitives ---------------------------------------------------------- */

double svg_text_width(const char *s, double size)
{
    int chars = 0;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if ((*p & 0xC0) != 0x80)
            chars++;
    return chars * 0.62 * size;
}

void svg_escape(FILE *f, const char *s)
{
    for (; *s; s++) {
        switch (*s) {
        case '&': fputs("&amp;", f); break;
        case '<': fputs("&lt;", f); break;
        case '>': fputs("&gt;", f); break;
        case '"': fputs("&quot;", f); break;
        case '\'': fputs("&#39;", f); break;
        default: fputc(*s, f);
        }
    }
}

void svg_open(FILE *f, double w, double h, const char *title)
{
    fprintf(f,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%.0f\" height=\"%.0f\" viewBox=\"0 0 %.0f %.0f\" "
            "font-family=\"%s\" role=\"img\">\n<title>",
            w, h, w, h, FONT);
    svg_escape(f, title ? title : "");
    fprintf(f, "</title>\n<rect x=\"0\" y=\"0\" width=\"%.0f\" height=\"%.0f\" fill=\"#ffffff\"/>\n", w, h);
}

void svg_close(FILE *f)
{
    fputs("</svg>\n", f);
}

void svg_text(FILE *f, double x, double y, const char *anchor, double size, const char *color, double rotate,
              bool bold, const char *text)
{
    fprintf(f, "<text x=\"%.1f\" y=\"%.1f\" font-size=\"%.0f\" fill=\"%s\" text-anchor=\"%s\"", x, y, size, color,
            anchor);
    if (bold)
        fputs(" font-weight=\"bold\"", f);
    if (rotate != 0.0)
        fprintf(f, " transform=\"rotate(%.0f %.1f %.1f)\"", rotate, x, y);
    fputc('>', f);
    svg_escape(f, text);
    fputs("</text>\n", f);
}

void svg_rect(FILE *f, double x, double y, double w, double h, const char *fill, const char *tooltip)
{
    fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"", x, y, w, h, fill);
    if (tooltip) {
        fputs("><title>", f);
        svg_escape(f, tooltip);
        fputs("</title></rect>\n", f);
    } else {
        fputs("/>\n", f);
    }
}

void svg_line(FILE *f, double x1, double y1, double x2, double y2, const char *color, double width, bool dashed)
{
    fprintf(f, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"%.1f\"%s/>\n", x1,
            y1, x2, y2, color, width, dashed ? " stroke-dasharray=\"6 4\"" : "");
}

/* ---- axes ------------------------------------------------------------------------- */

void svg_nice_ticks(double lo, double hi, int nticks, double *nlo, double *nhi, double *step)
{
    if (!isfinite(lo) || !isfinite(hi)) {
        lo = 0.0;
        hi = 1.0;
    }
    if (hi < lo) {
        double t = lo;
        lo = hi;
        hi = t;
    }
    if (hi - lo <= 1e-12 * fmax(1.0, fabs(hi))) {
        if (hi == 0.0) {
            hi = 1.0;
        } else {
            double d = fabs(hi) * 0.1;
            lo -= d;
            hi += d;
        }
    }
    if (nticks < 2)
        nticks = 2;
    double raw = (hi - lo) / nticks;
    double mag = pow(10.0, floor(log10(raw)));
    double r = raw / mag, s;
    if (r <= 1.0)
        s = 1.0;
    else if (r <= 2.0)
        s = 2.0;
    else if (r <= 2.5)
        s = 2.5;
    else if (r <= 5.0)
        s = 5.0;
    else
        s = 10.0;
    *step = s * mag;
    *nlo = floor(lo / *step + 1e-9) * *step;
    *nhi = ceil(hi / *step - 1e-9) * *step;
}

void svg_fmt_tick(char *buf, size_t n, double v, double step)
{
    int d = 0;
    while (d < 8) {
        double k = step * pow(10.0, d);
        if (fabs(k - round(k)) < 1e-6 * fmax(1.0, fabs(k)))
            break;
        d++;
    }
    if (fabs(v) < step * 1e-9)
        v = 0.0;
    snprintf(buf, n, "%.*f", d, v);
}

/* Width of the widest y tick label of an axis. */
double svg_ytick_width(double lo, double hi, double step)
{
    double w = 0.0;
    char b[64];
    for (double v = lo; v <= hi + step * 1e-6; v += step) {
        svg_fmt_tick(b, sizeof b, v, step);
        double t = svg_text_width(b, TICK_SIZE);
        if (t > w)
            w = t;
    }
    return w;
}

/* Grid lines, y ticks and labels, the y axis label (rotated) and the zero line. */
void svg_draw_yaxis(const Plot *p, const char *ylabel)
{
    char b[64];
    int k = 0;
    for (double v = p->lo; v <= p->hi + p->step * 1e-6 && k < 100; v = p->lo + (++k) * p->step) {
        double y = py(p, v);
        svg_line(p->f, p->x0, y, p->x1, y, GRID_COLOR, 1.0, false);
        svg_line(p->f, p->x0 - 4, y, p->x0, y, AXIS_COLOR, 1.0, false);
        svg_fmt_tick(b, sizeof b, v, p->step);
        svg_text(p->f, p->x0 - 7, y + 4, "end", TICK_SIZE, TEXT_COLOR, 0, false, b);
    }
    svg_line(p->f, p->x0, p->y0, p->x0, p->y1, AXIS_COLOR, 1.0, false);
    if (p->lo < 0 && p->hi > 0)
        svg_line(p->f, p->x0, py(p, 0), p->x1, py(p, 0), AXIS_COLOR, 1.0, false);
    svg_line(p->f, p->x0, p->y1, p->x1, p->y1, AXIS_COLOR, 1.0, false);
    if (ylabel)
        svg_text(p->f, 16, (p->y0 + p->y1) / 2, "middle", LABEL_SIZE, TEXT_COLOR, -90, false, ylabel);
}

/* ---- legend ----------------------------------------------------------------------- */

/* the style of SvgSeries.light: fill colour given, then this with the colour again */
#define LIGHT_STYLE "fill-opacity=\"0.3\" stroke=\"%s\" stroke-width=\"1.2\" stroke-dasharray=\"4 3\""

#define LEGEND_ROW 20.0
#define SWATCH 12.0

static double legend_item_width(const char *name)
{
    return SWATCH + 6 + svg_text_width(name, LEGEND_SIZE) + 18;
}

double svg_legend_height(double maxw, const char *const *names, int n)
{
    if (n == 0)
        return 0.0;
    double x = 0.0;
    int rows = 1;
    for (int k = 0; k < n; k++) {
        double w = legend_item_width(names[k]);
        if (x > 0 && x + w > maxw) {
            rows++;
            x = 0.0;
        }
        x += w;
    }
    return rows * LEGEND_ROW;
}

double svg_legend(FILE *f, double x, double y, double maxw, const char *const *names, const char *const *colors,
                  const int *kind, int n)
{
    if (n == 0)
        return 0.0;
    double cx = 0.0, cy = 0.0;
    for (int k = 0; k < n; k++) {
        double w = legend_item_width(names[k]);
        if (cx > 0 && cx + w > maxw) {
            cy += LEGEND_ROW;
            cx = 0.0;
        }
        double sx = x + cx, sy = y + cy + 3;
        int kd = kind ? kind[k] : 0;
        if (kd == 0)
            svg_rect(f, sx, sy, SWATCH, SWATCH, colors[k], NULL);
        else if (kd == 3)
            fprintf(f,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" " LIGHT_STYLE "/>\n",
                    sx, sy, SWATCH, SWATCH, colors[k], colors[k]);
        else
            svg_line(f, sx - 2, sy + SWATCH / 2, sx + SWATCH + 2, sy + SWATCH / 2, colors[k], 2.5, kd == 2);
        svg_text(f, sx + SWATCH + 6, sy + SWATCH - 1, "start", LEGEND_SIZE, TEXT_COLOR, 0, false, names[k]);
        cx += w;
    }
    return cy + LEGEND_ROW;
}

/* A note wrapped at about width px; returns the height used (draws when f != NULL). */
double svg_draw_note(FILE *f, double x, double y, double width, const char *note)
{
    if (!note || !*note)
        return 0.0;
    int per_line = (int)(width / (0.62 * 11.0));
    if (per_line < 20)
        per_line = 20;
    size_t n = strlen(note);
    double h = 0.0;
    size_t i = 0;
    while (i < n) {
        size_t end = i + (size_t)per_line < n ? i + (size_t)per_line : n;
        if (end < n) {
            size_t b = end;
            while (b > i && note[b] != ' ')
                b--;
            if (b > i)
                end = b;
        }
        char line[512];
        size_t len = end - i < sizeof line - 1 ? end - i : sizeof line - 1;
        memcpy(line, note + i, len);
        line[len] = '\0';
        if (f)
            svg_text(f, x, y + h + 11, "start", 11, "#555", 0, false, line);
        h += 15;
        i = end;
        while (i < n && note[i] == ' ')
            i++;
    }
    return h + 4;
}

/* ---- category charts -------------------------------------------------------------- */

static bool has(double v)
{
    return isfinite(v) && v != 0.0;
}

/* The y range the chart's data needs (0 always included). */
static void chart_range(const SvgChart *c, double *lo, double *hi)
{
    *lo = 0.0;
    *hi = 0.0;
    for (int k = 0; k < c->ncat; k++) {
        double pos = 0.0, neg = 0.0, cum = 0.0;
        for (int s = 0; s < c->nbars; s++) {
            double v = c->bars[s].v[k];
            if (!has(v))
                continue;
            if (v > 0)
                pos += v;
            else
                neg += v;
        }
        *hi = fmax(*hi, pos);
        *lo = fmin(*lo, neg);
        for (int s = 0; s < c->nareas; s++) {
            double v = c->areas[s].v[k];
            if (!isfinite(v))
                continue;
            cum += v;
            *hi = fmax(*hi, cum);
            *lo = fmin(*lo, cum);
        }
        for (int s = 0; s < c->nlines; s++) {
            double v = c->lines[s].v[k];
            if (!isfinite(v))
                continue;
            *hi = fmax(*hi, v);
            *lo = fmin(*lo, v);
        }
    }
}

static void tooltip(char *buf, size_t n, const char *series, const char *cat, double v)
{
    char num[64];
    snprintf(num, sizeof num, "%.4g", v);
    snprintf(buf, n, "%s, %s: %s", series, cat, num);
}

static void draw_chart(FILE *f, const SvgChart *c);

/* At most SVG_MAX_LEGEND legend entries: when bars, areas and lines are more, the bars of
 * smallest total |value| are summed into "other" (its positive and negative parts stacked
 * apart, so that the stack's ends do not move); the bars kept stay in their order. */
int svg_chart_folded(const SvgChart *c, bool *folded)
{
    int room = SVG_MAX_LEGEND - c->nareas - c->nlines;
    if (room < 2)
        room = 2;
    int n = c->nbars, T = c->ncat;
    for (int s = 0; s < n; s++)
        folded[s] = n > room;
    if (n <= room)
        return 0;
    int keep = room - 1;
    double *tot = xcalloc((size_t)n, sizeof *tot);
    for (int s = 0; s < n; s++)
        for (int j = 0; j < T; j++)
            tot[s] += has(c->bars[s].v[j]) ? fabs(c->bars[s].v[j]) : 0.0;
    for (int k = 0; k < keep; k++) {
        int best = -1; /* the largest not kept yet (ties: the first) */
        for (int s = 0; s < n; s++)
            if (folded[s] && (best < 0 || tot[s] > tot[best]))
                best = s;
        folded[best] = false;
    }
    free(tot);
    return n - keep;
}

void svg_chart(FILE *f, const SvgChart *c)
{
    int n = c->nbars, T = c->ncat;
    bool *folded = xcalloc((size_t)n + 1, sizeof *folded);
    if (svg_chart_folded(c, folded) == 0) {
        free(folded);
        draw_chart(f, c);
        return;
    }
    double *pos = xcalloc((size_t)T + 1, sizeof *pos), *neg = xcalloc((size_t)T + 1, sizeof *neg);
    SvgSeries *bars = xcalloc((size_t)n + 2, sizeof *bars);
    int nb = 0;
    bool any_neg = false;
    for (int s = 0; s < n; s++) {
        if (!folded[s]) {
            bars[nb++] = c->bars[s];
            continue;
        }
        for (int j = 0; j < T; j++) {
            double v = c->bars[s].v[j];
            if (!has(v))
                continue;
            if (v > 0)
                pos[j] += v;
            else {
                neg[j] += v;
                any_neg = true;
            }
        }
    }
    bars[nb++] = (SvgSeries){"other", SVG_OTHER_COLOR, pos, false};
    if (any_neg)
        bars[nb++] = (SvgSeries){"other", SVG_OTHER_COLOR, neg, false};
    SvgChart d = *c;
    d.bars = bars;
    d.nbars = nb;
    draw_chart(f, &d);
    free(pos);
    free(neg);
    free(folded);
    free(bars);
}

static void draw_chart(FILE *f, const SvgChart *c)
{
    double W = c->width > 0 ? c->width : 880.0;
    double PH = c->plot_height > 0 ? c->plot_height : 300.0;
    double lo, hi, step;
    chart_range(c, &lo, &hi);
    svg_nice_ticks(lo, hi, 5, &lo, &hi, &step);
    Plot p = {.f = f, .lo = lo, .hi = hi, .step = step};
    p.x0 = 30.0 + svg_ytick_width(lo, hi, step) + 10.0;
    p.x1 = W - 20.0;
    p.y0 = PLOT_TOP;
    p.y1 = PLOT_TOP + PH;

    /* legend: bars, areas, lines */
    int nl = c->nbars + c->nareas + c->nlines, k = 0;
    const char **names = xcalloc((size_t)nl + 1, sizeof *names);
    const char **colors = xcalloc((size_t)nl + 1, sizeof *colors);
    int *kind = xcalloc((size_t)nl + 1, sizeof *kind);
    for (int s = 0; s < c->nbars; s++) {
        bool dup = false; /* "other" may come twice (its positive and negative parts) */
        for (int j = 0; j < k; j++)
            dup |= strcmp(names[j], c->bars[s].name) == 0 && strcmp(colors[j], c->bars[s].color) == 0;
        if (dup)
            continue;
        names[k] = c->bars[s].name;
        colors[k] = c->bars[s].color;
        kind[k] = c->bars[s].light ? 3 : 0;
        k++;
    }
    for (int s = 0; s < c->nareas; s++, k++) {
        names[k] = c->areas[s].name;
        colors[k] = c->areas[s].color;
        kind[k] = c->areas[s].light ? 3 : 0;
    }
    for (int s = 0; s < c->nlines; s++, k++) {
        names[k] = c->lines[s].name;
        colors[k] = c->lines[s].color;
        kind[k] = c->lines[s].dashed ? 2 : 1;
    }
    nl = k;
    double legend_y = p.y1 + (c->xlabel ? 46.0 : 30.0);
    double lh = svg_legend_height(W - p.x0 - 10, names, nl);
    double nh = svg_draw_note(NULL, p.x0, 0, W - p.x0 - 10, c->note);
    double H = legend_y + lh + nh + 8.0;

    svg_open(f, W, H, c->title);
    svg_text(f, p.x0, 22, "start", TITLE_SIZE, TEXT_COLOR, 0, true, c->title ? c->title : "");
    svg_draw_yaxis(&p, c->ylabel);

    /* categories: equal bands; bars take 60% of a band */
    int n = c->ncat > 0 ? c->ncat : 1;
    double band = (p.x1 - p.x0) / n;
    double bw = fmin(band * 0.6, 90.0);
    char tip[256];

    /* areas first (behind bars and lines) */
    double *cum = xcalloc((size_t)n, sizeof *cum);
    double *top = xcalloc((size_t)n, sizeof *top);
    for (int s = 0; s < c->nareas; s++) {
        for (int j = 0; j < c->ncat; j++) {
            double v = c->areas[s].v[j];
            top[j] = cum[j] + (isfinite(v) ? v : 0.0);
        }
        if (c->areas[s].light)
            fprintf(f, "<polygon fill=\"%s\" " LIGHT_STYLE " points=\"", c->areas[s].color, c->areas[s].color);
        else
            fprintf(f, "<polygon fill=\"%s\" fill-opacity=\"0.85\" stroke=\"#ffffff\" stroke-width=\"0.5\" points=\"",
                    c->areas[s].color);
        for (int j = 0; j < c->ncat; j++)
            fprintf(f, "%.1f,%.1f ", p.x0 + band * (j + 0.5), py(&p, top[j]));
        for (int j = c->ncat - 1; j >= 0; j--)
            fprintf(f, "%.1f,%.1f%s", p.x0 + band * (j + 0.5), py(&p, cum[j]), j ? " " : "");
        fputs("\"><title>", f);
        svg_escape(f, c->areas[s].name);
        fputs("</title></polygon>\n", f);
        memcpy(cum, top, (size_t)n * sizeof *cum);
    }
    free(cum);
    free(top);

    /* stacked bars */
    for (int j = 0; j < c->ncat; j++) {
        double pos = 0.0, neg = 0.0, cx = p.x0 + band * (j + 0.5);
        for (int s = 0; s < c->nbars; s++) {
            double v = c->bars[s].v[j];
            if (!has(v))
                continue;
            double a = v > 0 ? pos : neg, b = a + v;
            if (v > 0)
                pos = b;
            else
                neg = b;
            double ya = py(&p, a), yb = py(&p, b);
            tooltip(tip, sizeof tip, c->bars[s].name, c->cats[j], v);
            if (c->bars[s].light) {
                fprintf(f, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\" " LIGHT_STYLE
                           "><title>",
                        cx - bw / 2, fmin(ya, yb), bw, fabs(ya - yb), c->bars[s].color, c->bars[s].color);
                svg_escape(f, tip);
                fputs("</title></rect>\n", f);
            } else {
                svg_rect(f, cx - bw / 2, fmin(ya, yb), bw, fabs(ya - yb), c->bars[s].color, tip);
            }
        }
    }

    /* lines */
    for (int s = 0; s < c->nlines; s++) {
        const SvgLine *L = &c->lines[s];
        bool open = false;
        for (int j = 0; j < c->ncat; j++) {
            double v = L->v[j];
            if (!isfinite(v)) {
                if (open)
                    fputs("\"/>\n", f);
                open = false;
                continue;
            }
            if (!open)
                fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2.5\"%s points=\"", L->color,
                        L->dashed ? " stroke-dasharray=\"7 4\"" : "");
            double y = py(&p, v);
            if (L->step)
                fprintf(f, "%s%.1f,%.1f %.1f,%.1f", open ? " " : "", p.x0 + band * j + 2, y, p.x0 + band * (j + 1) - 2,
                        y);
            else
                fprintf(f, "%s%.1f,%.1f", open ? " " : "", p.x0 + band * (j + 0.5), y);
            open = true;
        }
        if (open)
            fputs("\"/>\n", f);
        for (int j = 0; j < c->ncat; j++) {
            double v = L->v[j];
            if (!isfinite(v) || L->step)
                continue;
            tooltip(tip, sizeof tip, L->name, c->cats[j], v);
            fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"%s\"><title>", p.x0 + band * (j + 0.5),
                    py(&p, v), L->color);
            svg_escape(f, tip);
            fputs("</title></circle>\n", f);
        }
    }

    /* x tick labels, every k-th when they would not fit */
    double widest = 0.0;
    for (int j = 0; j < c->ncat; j++)
        widest = fmax(widest, svg_text_width(c->cats[j], TICK_SIZE));
    int every = 1;
    while (every < c->ncat && band * every < widest + 8)
        every++;
    for (int j = 0; j < c->ncat; j += every) {
        double cx = p.x0 + band * (j + 0.5);
        svg_line(f, cx, p.y1, cx, p.y1 + 4, AXIS_COLOR, 1.0, false);
        svg_text(f, cx, p.y1 + 17, "middle", TICK_SIZE, TEXT_COLOR, 0, false, c->cats[j]);
    }
    if (c->xlabel)
        svg_text(f, (p.x0 + p.x1) / 2, p.y1 + 36, "middle", LABEL_SIZE, TEXT_COLOR, 0, false, c->xlabel);
    svg_legend(f, p.x0, legend_y, W - p.x0 - 10, names, colors, kind, nl);
    svg_draw_note(f, p.x0, legend_y + lh, W - p.x0 - 10, c->note);
    svg_close(f);
    free(names);
    free(colors);
    free(kind);
}

