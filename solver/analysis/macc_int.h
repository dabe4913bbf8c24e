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

/* PT_REF: a measure's counterfactual, the plant's lines held as in the baseline (one per plant
 * with measures; plant -1: the one of the asset measures, their assets held at their existing
 * modules). PT_MEASURE: the plant on a route, or an asset measure, from a start period. Both
 * at the instance's carbon price (macc.c). */
typedef enum { PT_PRICE, PT_CAP, PT_MEASURE, PT_REF } PointKind;

typedef struct {
    PointKind kind;
    double value;   /* carbon price, or cap share */
    int plant, route, from; /* measure: plant, route slot, first period forced (PT_REF: plant) */
    int lines;      /* measure: lines forced on the route; 0 = the plant's whole production */
    int ref;        /* measure: index of its PT_REF point */
    int am;         /* asset measure: index into Model.measures (plant -1); else -1 */
} Point;

/* Scopes counted as abatement by the measure MACC (--scope): bits of scope 2 and scope 3. */
enum { MACC_SCOPE2 = 1, MACC_SCOPE3 = 2 };

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
    /* measures */
    int scope;              /* MACC_SCOPE* bits; scope 1 always */
    const double *bau_lines;/* [slot * T + t] lines of the baseline (carbon price 0), Solution.lines */
    double *carbon;         /* [T] the instance's carbon price */
    bool *coupled;          /* [q * P + p]: plant p uses a by-product of plant q (macc.c) */
    bool *in_measure;       /* [nassets]: the asset is part of an asset measure */
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
/* Emissions of period t on the measure boundary: net scope 1 + scope 2 and 3 as scope says. */
double macc_scope_emissions(const Solution *s, int scope, int t);
const char *macc_scope_name(int scope); /* "1", "1+2", "1+3", "1+2+3" */
/* Levelised cost of shared asset i in period t, EUR per unit of activity at full use (macc.c). */
double macc_levelised_asset_cost(const Model *m, int i, int t);
/* Assets whose installed modules in t differ, and spurs built by t in b but not a. */
bool macc_shared_changes(const Model *m, const Solution *a, const Solution *b, int t, Text *out);

/* ---- bars (macc_bars.c) ---- */

/* Cost decomposition of a measure's bar, EUR per t (macc.c): they add up to its height. */
enum { PART_CAPEX, PART_OM, PART_ENERGY, PART_TS, PART_INFRA, MACC_NPARTS };

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
    /* measures only (else NaN / NULL) */
    int start_year;
    int scope;              /* MACC_SCOPE* bits of the boundary */
    double own;             /* the plant's own fall of net scope 1 in the target period, t/yr (an
                             * asset measure: the fall of its sector's assets) */
    double removals;        /* measures: removals added in the target period, t/yr (inside abatement) */
    double knock_on;        /* abatement - own: other entities and imports, t/yr */
    char *knock_on_text;    /* "DK6 block on steel gases: -0.41 Mt/yr; ..." */
    double part[MACC_NPARTS]; /* EUR per t abated: the decomposition of height (macc.c) */
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
