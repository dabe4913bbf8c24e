/*
 * svg.h — small, dependency-free SVG charts for the reports (report.html, macc.svg, mc.svg).
 *
 * Two levels:
 *  - whole charts: svg_chart() (stacked bars, stacked areas and lines over categories such
 *    as the periods) and svg_macc() (variable-width bars: a marginal abatement cost curve).
 *    Each writes one complete <svg> element: title, axes with ticks and unit labels, grid
 *    lines, legend below the plot (laid out in rows so that entries never overlap), and a
 *    hover tooltip (<title>) on every bar. The height grows with the legend.
 *  - the pieces they are made of (svg_open, svg_nice_ticks, svg_text, ...), for other charts.
 * Output is deterministic: fixed number formatting, no ids that depend on addresses.
 * Nothing is allocated that outlives a call; every FILE * stays the caller's.
 */
#ifndef TICO_SVG_H
#define TICO_SVG_H

#include <stdbool.h>
#include <stdio.h>

/* ---- whole charts ---------------------------------------------------------------- */

/* One stacked series: a value per category (NaN or 0 = nothing drawn). */
typedef struct {
    const char *name;   /* legend label */
    const char *color;  /* CSS colour, e.g. "#4e79a7" */
    const double *v;    /* [ncat] */
    bool light;         /* pale fill with a dashed outline (e.g. a wedge that adds emissions) */
} SvgSeries;

/* One line over the categories (NaN = gap). */
typedef struct {
    const char *name;
    const char *color;
    const double *v;    /* [ncat] */
    bool dashed;
    bool step;          /* a step over each category's band (a cap, a price per period) */
} SvgLine;

typedef struct {
    const char *title;      /* above the plot */
    const char *ylabel;     /* quantity and unit, e.g. "Mt CO2e per year" */
    const char *xlabel;     /* may be NULL */
    const char *const *cats;/* category labels, e.g. the period years */
    int ncat;
    const SvgSeries *bars;  /* stacked bars: positive values up from 0, negative down */
    int nbars;
    const SvgSeries *areas; /* stacked areas through the category centres, in the order given,
                             * each from the running total to the running total + value */
    int nareas;
    const SvgLine *lines;
    int nlines;
    double width;           /* px, 0 = 880 */
    double plot_height;     /* px, 0 = 300 */
    const char *note;       /* small grey text under the legend, may be NULL */
} SvgChart;

void svg_chart(FILE *f, const SvgChart *c);

/* The bars svg_chart() sums into "other" (at most SVG_MAX_LEGEND legend entries: the bars of
 * smallest total |value| go first): folded[k] for k < c->nbars; returns how many (0: none). A
 * caller can then say which series "other" holds. */
int svg_chart_folded(const SvgChart *c, bool *folded);

/* One bar of a marginal abatement cost curve. */
typedef struct {
    const char *label;  /* the measure: over the bar when every label fits, else the bar
                         * carries its number and a numbered key under the chart gives
                         * the label in full (wrapped, never cut) */
    const char *group;  /* legend entry (the sector), bars of a group share its colour; at
                         * most SVG_MAX_LEGEND groups, the smallest beyond as "other" */
    const char *color;
    double width;       /* abatement */
    double height;      /* cost per unit abated (may be negative) */
} SvgMaccBar;

typedef struct {
    const char *title;
    const char *xlabel;     /* e.g. "abatement, Mt CO2e per year" */
    const char *ylabel;     /* e.g. "EUR per t CO2e" */
    const SvgMaccBar *bars; /* drawn left to right in the order given (sort them first) */
    int n;
    double width, plot_height; /* px, 0 = defaults */
    const char *note;
} SvgMacc;

void svg_macc(FILE *f, const SvgMacc *c);

/* ---- colours and names ------------------------------------------------------------ */

/* Colour k of a 20-colour qualitative palette (cycles). */
const char *svg_palette(int k);

/* Most legend entries a chart shows: beyond, svg_chart() and svg_macc() group the smallest
 * series (or sectors) as "other" (SVG_OTHER_COLOR). */
#define SVG_MAX_LEGEND 8
#define SVG_OTHER_COLOR "#a9a9a9"

/* The fixed colour of a sector or carrier id (steel, cement, grid_electricity, natural_gas,
 * coal, excess_heat_ht, ...; case-insensitive, then by keyword: "electric", "hydrogen",
 * "gas", "heat", "coal", ...), the same in every chart; NULL if the id is not known. */
const char *svg_key_color(const char *key);

/* Give each of keys[0..n) (sector or commodity ids) a colour: svg_key_color() when known,
 * else a colour picked by a hash of the key from a palette of colours no known key uses
 * (the next free one in this chart when two keys collide): deterministic, and the same key
 * gets the same colour in every chart where it does not collide. colors[k] are static. */
void svg_assign_colors(const char *const *keys, int n, const char **colors);

/* A readable name from an id: "_" and "-" become spaces, the first letter a capital and
 * known abbreviations upper case ("grid_electricity" -> "Grid electricity",
 * "excess_heat_ht" -> "Excess heat HT", "co2" -> "CO2"). */
void svg_readable(char *buf, size_t n, const char *id);

/* ---- pieces ----------------------------------------------------------------------- */

/* Round [lo, hi] out to a "nice" axis with about nticks intervals (step 1, 2, 2.5 or 5
 * times a power of 10). hi == lo gives a unit range. */
void svg_nice_ticks(double lo, double hi, int nticks, double *nlo, double *nhi, double *step);

/* Tick label for v on an axis of the given step (as many decimals as step needs). */
void svg_fmt_tick(char *buf, size_t n, double v, double step);

/* Estimated width in px of text at a font size (UTF-8 characters x 0.62 em). */
double svg_text_width(const char *s, double size);

/* Write s with &, <, >, " and ' escaped (for SVG and HTML text and attributes). */
void svg_escape(FILE *f, const char *s);

void svg_open(FILE *f, double w, double h, const char *title);
void svg_close(FILE *f);
/* anchor: "start", "middle" or "end"; rotate in degrees about (x, y); bold for titles. */
void svg_text(FILE *f, double x, double y, const char *anchor, double size, const char *color, double rotate,
              bool bold, const char *text);
void svg_rect(FILE *f, double x, double y, double w, double h, const char *fill, const char *tooltip);
void svg_line(FILE *f, double x1, double y1, double x2, double y2, const char *color, double width, bool dashed);

/* Legend entries laid out left to right in rows within width maxw starting at (x, y) (top
 * left). Returns the height used. kind[k]: 0 = swatch, 1 = solid line, 2 = dashed line,
 * 3 = pale swatch with a dashed outline (SvgSeries.light); kind may be NULL (all swatches). */
double svg_legend(FILE *f, double x, double y, double maxw, const char *const *names, const char *const *colors,
                  const int *kind, int n);
/* Height svg_legend() would use, without drawing. */
double svg_legend_height(double maxw, const char *const *names, int n);

#endif
