/*
 * value.h — infrastructure value (SPEC §8), `tico value`: the pieces tests call directly.
 * The command itself is cmd_value() (cli.h); what it computes is described in value.c.
 */
#ifndef TICO_VALUE_H
#define TICO_VALUE_H

/* Games with at most this many players are solved exactly (every coalition); beyond it the
 * Shapley value is estimated from sampled orders of the players (SPEC §8: exact up to 12). */
#define VALUE_EXACT_MAX 12

/* Exact Shapley value of a k-player game (1 <= k <= VALUE_EXACT_MAX): v[mask] is the worth of
 * the coalition whose members are the set bits of mask (bit q = player q); v[0] need not be
 * 0. phi[q] = sum over S not holding q of |S|! (k - |S| - 1)! / k! x (v[S + q] - v[S]), so
 * that sum_q phi[q] = v[full] - v[0]. Nothing is allocated. */
void value_shapley_exact(int k, const double *v, double *phi);

#endif
