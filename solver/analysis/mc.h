/*
 * mc.h — Monte Carlo robustness of candidate pathways (SPEC §7): `tico mc`, and the pieces
 * the command is made of, exposed for tests (tests/test_mc.c).
 *
 * A scenario is a row of multipliers theta = (1, theta_1 .. theta_K), one per parameter of
 * the instance's `uncertainty` section (model.h: Uncertainty). With its decisions and its
 * operation fixed, a pathway's NPV total cost is affine in theta:
 *     cost_j(theta) = c_j0 + sum_k theta_k c_jk
 * where c_jk is the part of pathway j's cost that parameter k scales (mc_coefficients()).
 * All pathways under all scenarios: C = Theta x Coef, one dgemm (mc_evaluate()).
 * What the command does is described in mc.c; the command (solver/cli/cmd_mc.c) resolves
 * the options into McParams and calls mc_run().
 */
#ifndef TICO_MC_H
#define TICO_MC_H

#include <stdbool.h>
#include <stdint.h>

#include "model.h"
#include "solution.h"
#include "tico.h"

/* ---- the run ----------------------------------------------------------------------- */

typedef struct {
    int samples;            /* scenarios; 0 = the uncertainty section's, else 1000 */
    long long seed;         /* < 0 = the uncertainty section's, else 1 */
    bool reoptimise;        /* solve every scenario again */
    const char *pathways;   /* file of candidate pathways; NULL = the default candidates */
    bool cold;              /* no warm starts between the candidates of a chain */
    double gap;             /* relative MIP gap; < 0 = the instance's, at most 1e-6 */
    double time_limit;      /* seconds per solve; < 0 = the instance's */
    int jobs;               /* worker processes, >= 1 */
    bool quiet;             /* nothing on stdout, no progress */
    const char *outdir;     /* output folder */
} McParams;

/* Candidates, scenarios, evaluation (and re-optimisation); writes mc.csv, mc_scenarios.csv
 * and mc.svg into p->outdir. Returns the exit status. */
TicoStatus mc_run(const Model *m, const McParams *p);

/* ---- sampling ---------------------------------------------------------------------- */

/* xoshiro256** state, seeded through splitmix64. */
typedef struct {
    uint64_t s[4];
} McRng;

/* The stream of parameter `id` under `seed`: splitmix64 started at seed XOR FNV-1a-64(id)
 * gives the four state words. Streams are independent of the other parameters and their
 * order, and scenario i is the i-th draw of each stream (so the first 100 scenarios of
 * 1000 are the 100 scenarios of --samples 100). */
void mc_rng_seed(McRng *r, uint64_t seed, const char *id);
/* Uniform in [0, 1) with 53 random bits. */
double mc_rng_uniform(McRng *r);
/* One multiplier of parameter u (normal: two uniforms, Box-Muller; others: one uniform,
 * inverse CDF). A normal draw below 0 is set to 0. */
double mc_draw(const UncParam *u, McRng *r);
/* Exact mean and standard deviation of u's multiplier (the normal's before the cut at 0). */
void mc_moments(const UncParam *u, double *mean, double *sd);

/* theta: n rows of K + 1 multipliers (row-major), column 0 = 1, column 1 + k = parameter k. */
void mc_sample(const Uncertainty *U, int n, uint64_t seed, double *theta);

/* ---- evaluation -------------------------------------------------------------------- */

/* coef[0 .. K]: solution s's NPV cost split by what scales it, at the Model's base values:
 *   coef[1 + k], price parameter k:  sum over the markets of its commodities of
 *                                    DF_t x price_t x price_profile_s x flow (imports +,
 *                                    exports -: a fee for a negative export price is +);
 *                capex parameter k:  sum of CF(t, l) x capex_t x (Q_p x lines built, or
 *                                    module x modules built) over its technologies;
 *                carbon price:       sum_t DF_t x carbon_price_t x net scope 1 of ETS entities;
 *   coef[0] = the rest: system cost + carbon payments at the Model's carbon price - the above.
 * The carbon payments are those at the Model's carbon price whatever price s was solved at.
 * Returns the total cost at base values (the sum of coef). */
double mc_coefficients(const Model *m, const Solution *s, double *coef);

/* cost[n x J] = theta[n x (K+1)] x coef[(K+1) x J], all row-major (cblas_dgemm, linalg.h).
 * Returns 0, or non-zero after a message when the BLAS cannot be loaded. */
int mc_evaluate(int n, int K1, int J, const double *theta, const double *coef, double *cost);

typedef struct {
    double mean, sd;           /* sd with divisor n - 1 (0 when n = 1) */
    double p10, p50, p90;      /* quantiles, linear between order statistics (mc_quantile) */
    double min, max;
    double prob_cheapest;      /* share of scenarios where it is the cheapest; a tie of k pathways
                                * gives each 1/k */
    double max_regret;         /* max over scenarios of cost - the scenario's cheapest pathway */
    double mean_regret;
} McStats;

/* Statistics of each column of cost[n x J] (row-major). Two costs tie when they differ by at
 * most 1e-9 x the larger magnitude. */
void mc_stats(int n, int J, const double *cost, McStats *st);

/* Quantile p of sorted[0 .. n): h = (n - 1) p, sorted[floor h] + (h - floor h) x
 * (sorted[floor h + 1] - sorted[floor h]) (Hyndman & Fan type 7, R's default). */
double mc_quantile(const double *sorted, int n, double p);

#endif
