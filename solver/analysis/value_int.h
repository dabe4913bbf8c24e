/*
 * value_int.h — internal to the value*.c files: families, tasks and the run's state.
 */
#ifndef TICO_VALUE_INT_H
#define TICO_VALUE_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "build.h"
#include "pool.h"
#include "solution.h"
#include "solve.h"
#include "task.h"
#include "value.h"

#define OTHER "(other)"
#define SAME_X_TOL 1e-7   /* production "the same as X0" (relative) */
#define BOX_TOL 1e-9      /* production held at X0 within this (relative) */

typedef enum { SVC_NONE, SVC_MAKES, SVC_TAKES } Service;
typedef enum { VS_OPTIMAL, VS_LIMIT, VS_UNUSED, VS_ESSENTIAL, VS_NO_SOLUTION } VStatus;
typedef enum { SH_NONE, SH_EXACT, SH_SAMPLED } ShMethod;

typedef struct {
    char *id;               /* asset id, or technology id for a family of several */
    char *members;          /* asset ids, space-separated */
    int *assets, nassets;
    int tech;
    Service svc;
    int commodity;          /* of the service, -1 with SVC_NONE */
    VStatus status;
    Solution *without;      /* X0 (owned), NULL when unused or not solved */
    double value, value_system, gap_without;
    double asset_cost;
    double *use, *use_disc; /* [P + 1] traced amounts: undiscounted over the horizon, discounted */
    double origin_disc;     /* discounted total of the service */
    /* Shapley */
    ShMethod method;
    const char *why_none;   /* no Shapley split: why */
    bool limit;             /* some coalition solve stopped at a limit */
    bool zero_game;         /* every coalition is worth v(N): no solve needed */
    unsigned char *zN;      /* [k] player at X0 in the instance's optimum */
    Solution *sol_empty;    /* optimum of C(empty) (owned) */
    double v_empty;
    double *phi, *se;       /* [k] by player */
    double *v;              /* exact: [1 << k] */
    unsigned char *known;
    int nperm;              /* sampled */
    int *perm;              /* [nperm * k] */
    double *mc;             /* [nperm * k] mc[s * k + q]: player q's marginal contribution in order s */
    int solves;             /* coalitions solved (C(empty) included) */
} Family;

typedef enum { T_WITHOUT, T_EMPTY, T_COALITION, T_PERM } TaskKind;

typedef struct {
    TaskKind kind;
    int fam;
    uint32_t mask;          /* T_COALITION: members (bit q = player q) */
    int perm;               /* T_PERM: which order */
} Task;

typedef struct {
    const Model *m;
    const ValueParams *p;
    SolveParams sp;
    Solution *with;         /* the instance's optimum (owned) */
    Family *fam;
    int nfam;
    int P, A;
    int k;                  /* players */
    int *players;           /* [k] plant indices */
    bool *dummy;            /* [P] */
    bool *carrier;          /* [C] CO2 carriers */
    Service *svc;           /* [A] service of every asset (tracing) */
    int *svc_c;             /* [A] */
    const Task *tasks;      /* the batch being run */
    int workers;
} Value;


/* value_game.c: helpers */
int value_popcount32(uint32_t v);
uint64_t value_splitmix64(uint64_t *state);
/* The solvers' tolerance on family f's value (gap x cost). */
double value_tolerance(const Value *x, const Family *f);
/* Z_without - z: what the family saves against a total cost z. */
double value_saving(const Value *x, const Family *f, double z);

/* value_use.c */
Service value_asset_service(const Model *m, const bool *carrier, int i, int *c);
double value_asset_activity(const Model *m, const Solution *s, int i, int t);
double value_asset_cost(const Model *m, const Solution *s, int i);
bool value_asset_unused(const Model *m, const Solution *s, int i);
void value_by_use(const Value *x, Family *f);

/* value_game.c */
bool value_plant_is_dummy(const Model *m, int p);
bool value_plant_at(const Model *m, const Solution *a, const Solution *x0, int p);
TicoStatus value_run_batch(Value *x, const Task *tasks, int n, const char *label, TaskRecord *rec);
void value_shapley_setup(Value *x);
TicoStatus value_shapley_run(Value *x);
void value_shapley_finish(Value *x);

/* value_out.c */
void value_write_csv(FILE *f, const Value *x);
void value_write_split_csv(FILE *f, const Value *x);
void value_write_svg(FILE *f, const Value *x);
void value_print_family(const Value *x, const Family *F);

#endif
