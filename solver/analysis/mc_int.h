/*
 * mc_int.h — internal to the mc_*.c files: plans, candidates, pathways and the outputs.
 */
#ifndef TICO_MC_INT_H
#define TICO_MC_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "build.h"
#include "diag.h"
#include "mc.h"

#define CHAIN_LEN 4
#define MAX_CANDIDATES 1000
#define DEFAULT_SWEEP "0:400:50"

/* ---- decisions ------------------------------------------------------------------------- */

/* What a pathway decides: lines operating and built per (plant, route slot, period), asset
 * modules built per period, the period each spur is built (-1 none). */
typedef struct {
    double *lines, *built;  /* [R * T], indexed like Solution */
    double *mods;           /* [I * T] */
    double *spur;           /* [P * C] period, -1 none */
} Plan;

typedef struct {
    int RT, IT, PC;
} PlanSize;


PlanSize mc_plan_size(const Model *m);
int mc_plan_len(PlanSize z);
/* A Plan viewing len doubles laid out as lines, built, mods, spur. */
Plan mc_plan_view(PlanSize z, double *v);
void mc_plan_from_solution(PlanSize z, const Solution *s, double *v);
/* Same route choices (lines operating); with all = true also builds, modules and spurs. */
bool mc_plan_same(PlanSize z, Plan a, Plan b, bool all);
/* The number of plants whose lines operating on every route in every period are the same. */
double mc_plants_same(const Model *m, Plan a, Plan b);
/* The decisions of a solution.json written by tico solve for this instance, into v (plan_len
 * doubles). false with messages in d when the file is unreadable or is not a plan of it. */
bool mc_plan_from_json(const Model *m, PlanSize z, const char *path, const char *from, int line, double *v, Diag *d);
/* Fix B's decision columns at plan v: 1; 0 (why filled) when the instance cannot take it;
 * -1 when the bounds could not be set (a GLPK error, after a message). */
int mc_fix_plan(Build *B, PlanSize z, const double *v, char *why, size_t nwhy);
/* Two costs tie when they differ by at most 1e-9 x the larger magnitude (mc.h). */
bool mc_ties(double a, double b);
/* qsort order of doubles, ascending. */
int mc_cmp_double(const void *a, const void *b);
/* Does parameter u scale commodity or technology x? */
bool mc_has_target(const UncParam *u, int x);

/* ---- candidates ------------------------------------------------------------------------ */

typedef enum { CAND_OPTIMUM, CAND_PRICE, CAND_SOLUTION } CandKind;

typedef struct {
    CandKind kind;
    char *label;
    double *price;      /* [T] carbon price (CAND_PRICE) */
    bool uniform;       /* CAND_PRICE: the same price every period */
    double *plan;       /* CAND_SOLUTION: mc_plan_len doubles */
    char *path;         /* CAND_SOLUTION: the file */
} Cand;

typedef struct {
    Cand *v;
    int n, cap;
} Cands;

Cand *mc_cand_add(Cands *cs, CandKind kind, const char *label);
void mc_cands_free(Cands *cs);
/* "FROM:TO:STEP" into *from, *to, *step; false when it is not one. */
bool mc_parse_range(const char *s, double *from, double *to, double *step);
void mc_add_range(Cands *cs, const Model *m, double from, double to, double step);
/* The candidates of a --pathways file (format in mc.c). Messages go to d. */
bool mc_read_pathways(const Model *m, PlanSize z, const char *path, Cands *cs, Diag *d);

/* ---- outputs (mc_out.c) ---- */

typedef struct {
    const Cand *cand;       /* the first candidate with these decisions */
    Solution *sol;
    double *plan;           /* mc_plan_len doubles */
    char *also;             /* labels of the other candidates with the same decisions, or "" */
} Pathway;

typedef struct {
    int n;                  /* scenarios */
    int solved;             /* scenarios re-optimised with a solution */
    double *cost;           /* [n] NaN when not solved */
    int *status;            /* [n] */
    int *match;             /* [n] index of the pathway with the same route choices, -1 none */
    double *match_routes, *match_all; /* [J] shares of solved scenarios */
    double *match_plants;   /* [J] share of (solved scenario, plant) pairs with the same lines per route */
    double *excess;         /* [J] mean over solved scenarios of cost_j - reoptimised */
    double *mean_fixed;     /* [J] mean cost of pathway j over the solved scenarios */
    McStats st;
    double evpi;
    int best;               /* pathway with the least expected cost over the solved scenarios */
} Reopt;

void mc_write_csv(FILE *f, const Model *m, const Pathway *pw, int J, const double *coef, const McStats *st, int n,
                  const Reopt *ro);
void mc_write_scenarios_csv(FILE *f, const Model *m, const Pathway *pw, int J, int n, const double *theta,
                            const double *cost, const Reopt *ro);
void mc_write_svg(FILE *f, const Pathway *pw, int J, int n, const double *cost, const McStats *st, const Reopt *ro);
void mc_print_table(const Model *m, const Pathway *pw, int J, const McStats *st, const Reopt *ro, int n, uint64_t seed,
                    int ncand, const char *dir);

#endif
