/*
 * macc_int.h — internal to the macc*.c files: points, the sweep's state, bars.
 */
#ifndef TICO_MACC_INT_H
#define TICO_MACC_INT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "macc.h"
#include "solution.h"
#include "solve.h"

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


/* ---- comparing two solutions (macc_bars.c) ---- */

typedef struct {
    char *buf;
    size_t len, cap;
} Text;

void macc_text_add(Text *t, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
const char *macc_text_str(Text *t);
/* sum_t DF_t x net scope 1 of t; sum_t L_t x net scope 1 of t. */
double macc_discounted_emissions(const Model *m, const Solution *s);
double macc_cumulative_emissions(const Model *m, const Solution *s);
/* Assets whose installed modules in t differ, and spurs built by t in b but not a. */
bool macc_shared_changes(const Model *m, const Solution *a, const Solution *b, int t, Text *out);

/* ---- bars (macc_bars.c) ---- */

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

Bar *macc_bar_add(Bars *bs);
void macc_step_bars(const Macc *x, Bars *bs, PointKind kind, int step, const Solution *a, const Solution *b,
                    double height, double entry, double from);

/* ---- outputs (macc_out.c) ---- */

/* Per mode present in the run (prices, caps, measures): macc_<mode>.csv (bars),
 * macc_<mode>_points.csv (baseline and points) and macc_<mode>.svg, all in one atomic set in
 * dir; the names written are added to *wrote. */
TicoStatus macc_write_files(const char *dir, const Macc *x, const Bars *bs, Solution **sol, const Solution *base,
                            const double *mac_avg, const double *lev, char **why, Text *wrote);

#endif
