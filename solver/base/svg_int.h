/*
 * svg_int.h — internal to svg.c and svg_macc.c: the plot area and the axis, note and tick
 * helpers both draw with. Not for other modules.
 */
#ifndef TICO_SVG_INT_H
#define TICO_SVG_INT_H

#include <stdio.h>

/* Fonts, colours and sizes of every chart. */
#define FONT "DejaVu Sans, Arial, Helvetica, sans-serif"
#define AXIS_COLOR "#444"
#define GRID_COLOR "#e3e3e3"
#define TEXT_COLOR "#222"
#define TICK_SIZE 11.0
#define LABEL_SIZE 12.0
#define LEGEND_SIZE 12.0
#define TITLE_SIZE 15.0
#define PLOT_TOP 40.0

typedef struct {
    FILE *f;
    double x0, x1, y0, y1;   /* plot area in px: left, right, top, bottom */
    double lo, hi, step;     /* y axis */
    double xlo, xhi, xstep;  /* x axis when numeric */
} Plot;

static inline double py(const Plot *p, double v)
{
    return p->y1 - (v - p->lo) / (p->hi - p->lo) * (p->y1 - p->y0);
}

static inline double px(const Plot *p, double v)
{
    return p->x0 + (v - p->xlo) / (p->xhi - p->xlo) * (p->x1 - p->x0);
}

/* Width of the widest y tick label of an axis from lo to hi by step. */
double svg_ytick_width(double lo, double hi, double step);
/* The y axis of p with its ticks, grid lines and label. */
void svg_draw_yaxis(const Plot *p, const char *ylabel);
/* A note wrapped to width at (x, y); with f NULL only measured. Returns its height. */
double svg_draw_note(FILE *f, double x, double y, double width, const char *note);

#endif
