/*
 * value.h — infrastructure value (SPEC §8), `tico value`: the pieces tests call directly.
 * What it computes is described in value.c; the command (solver/cli/cmd_value.c) resolves
 * the options into ValueParams and calls value_run().
 */
#ifndef TICO_VALUE_H
#define TICO_VALUE_H

#include <stdbool.h>

#include "model.h"
#include "tico.h"

typedef struct {
    const char *asset;      /* value only this asset (or the technology of some); NULL = every family */
    long samples;           /* sampled Shapley: marginal contributions wanted; <= 0 = 1000 */
    long long seed;         /* sampled Shapley orders; < 0 = 1 */
    bool cold;              /* no starts for the coalition solves */
    double gap;             /* relative MIP gap; < 0 = the instance's, at most 1e-6 */
    double time_limit;      /* seconds per solve; < 0 = the instance's */
    int jobs;               /* worker processes, >= 1 */
    bool quiet;             /* nothing on stdout, no progress */
    const char *outdir;     /* output folder */
} ValueParams;

/* Value every family of shared infrastructure of m (or p->asset's) and split it; writes
 * value.csv, value_split.csv and value.svg into p->outdir. Returns the exit status
 * (TICO_EUSAGE after a message when p->asset names nothing). */
TicoStatus value_run(const Model *m, const ValueParams *p);

/* Games with at most this many players are solved exactly (every coalition); beyond it the
 * Shapley value is estimated from sampled orders of the players (SPEC §8: exact up to 12). */
#define VALUE_EXACT_MAX 12

/* Exact Shapley value of a k-player game (1 <= k <= VALUE_EXACT_MAX): v[mask] is the worth of
 * the coalition whose members are the set bits of mask (bit q = player q); v[0] need not be
 * 0. phi[q] = sum over S not holding q of |S|! (k - |S| - 1)! / k! x (v[S + q] - v[S]), so
 * that sum_q phi[q] = v[full] - v[0]. Nothing is allocated. */
void value_shapley_exact(int k, const double *v, double *phi);

#endif
