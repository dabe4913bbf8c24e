/*
 * mc.c — Monte Carlo robustness of candidate pathways (SPEC §7): `tico mc`.
 *
 * 1. Candidates. Without --pathways: the instance's optimum ("optimum") and the optima of a
 *    carbon-price sweep 0:400:50 EUR/t ("price_0" .. "price_400"): the instance with its
 *    carbon price replaced by a uniform one, caps and budget kept (every candidate is a
 *    feasible plan of the instance). --pathways FILE lists candidates instead, one a line:
 *        optimum                      the instance as given
 *        price 150                    the optimum at a uniform carbon price of 150 EUR/t
 *        price 0:400:50               one candidate per price of the range
 *        price 85,113,130,147,158,168 the optimum under this carbon price per period
 *        solution out/plan/solution.json   a plan solved before (tico solve): its decisions
 *                                     (lines operating and built per route and period, asset
 *                                     modules built, spurs) fixed, its operation re-solved
 *    with an optional name first ("plan_a: solution ..."); paths are relative to the file.
 *    A pathway is its decisions: candidates with the same decisions are one pathway (the
 *    first keeps its operation; the others are listed in `same_pathway_as`).
 *    Candidates are solved in worker processes (pool.h), consecutive prices in chains of 4
 *    that start from the previous point, to a relative gap of 1e-6 unless --gap is given.
 * 2. Scenarios. N draws (uncertainty.samples or --samples, default 1000) of the multipliers of
 *    the `uncertainty` section (load_uncertainty.c), seeded with uncertainty.seed or --seed
 *    (default 1). Each parameter has its own xoshiro256** stream (mc.h), so the same seed gives
 *    the same scenarios on every machine, and adding a parameter leaves the others' draws as
 *    they were. Draws, with u, u2 uniform in [0, 1):
 *      normal      mean + sd z, z = sqrt(-2 ln(1 - u)) cos(2 pi u2) (Box-Muller); below 0 -> 0
 *      lognormal   exp(mu + sigma z), sigma^2 = ln(1 + sd^2 / mean^2), mu = ln(mean) - sigma^2/2
 *                  (mean and sd are those of the multiplier itself)
 *      uniform     low + (high - low) u
 *      triangular  F = (mode - low) / (high - low); u < F: low + sqrt(u (high - low)(mode - low)),
 *                  else high - sqrt((1 - u)(high - low)(high - mode))
 * 3. Evaluation. With its decisions and its operation fixed, a pathway's NPV total cost is
 *    affine in the multipliers: cost_j = c_j0 + sum_k theta_k c_jk (mc_coefficients(), mc.h).
 *    All pathways under all scenarios are one product C = Theta x Coef (cblas_dgemm, N x (K+1)
 *    times (K+1) x J). Per pathway: expected cost, sd, P10/P50/P90, the probability of being
 *    the cheapest (ties split), the maximum and expected regret (cost - the scenario's
 *    cheapest pathway). Limitation: the operation is that of the base values (no re-dispatch
 *    when gas gets dearer): each cost is an upper bound on what the pathway's investments
 *    would cost in that scenario.
 * 4. --reoptimise. Every scenario is solved again: the Model's market prices, capex and carbon
 *    price scaled by its multipliers (a copy; rebuilt), each solve starting from the optimum of
 *    the first candidate (so scenarios do not depend on each other nor on -j), in worker
 *    processes. Reported: the distribution of the optimal cost, the expected value of perfect
 *    information EVPI = min_j E[cost_j] - E[reoptimised cost] (over the scenarios that
 *    solved; it includes the value of re-dispatch, since cost_j is at fixed operation), each
 *    pathway's expected excess over the scenario's optimum, and how often its route choices
 *    (lines operating per plant, route and period) and all its decisions (with lines built,
 *    asset modules and spurs) are those of the scenario's optimum; since one differing plant
 *    makes a whole cluster differ, also the share of plants whose route choices are the
 *    optimum's (match_plants, averaged over scenarios and plants).
 *
 * Measured on Dunkirk (7 parameters, 10 candidates, 2 cores shared with other work, -j 2): 1000
 * scenarios in 2 min 17 s, nearly all of it the 10 candidate solves (the dgemm of 1000 x 8 by
 * 8 x 10 takes microseconds); --reoptimise --samples 24 in 8.5-10 min (~20-30 s a scenario).
 *
 * Outputs (atomic, out.h): mc.csv (a row per pathway, then "reoptimised"), mc_scenarios.csv
 * (a row per scenario: multipliers, cost of every pathway, the cheapest, the re-optimised
 * cost), mc.svg (box plots and cumulative distributions of the costs); a line per pathway on
 * stdout unless -q.
 */
#include "mc_int.h"
#include "xalloc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "diag.h"
#include "linalg.h"
#include "out.h"
#include "pool.h"
#include "solve.h"
#include "svg.h"
#include "sweep.h"

#define TIE_REL 1e-9




/* ---- sampling ------------------------------------------------------------------------ */

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static uint64_t rotl(uint64_t x, int k)
{
    return (x << k) | (x >> (64 - k));
}

static uint64_t xoshiro_next(McRng *r)
{
    uint64_t *s = r->s;
    uint64_t result = rotl(s[1] * 5, 7) * 9;
    uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

void mc_rng_seed(McRng *r, uint64_t seed, const char *id)
{
    uint64_t h = 0xcbf29ce484222325ULL; /* FNV-1a 64 */
    for (const unsigned char *c = (const unsigned char *)(id ? id : ""); *c; c++) {
        h ^= *c;
        h *= 0x100000001b3ULL;
    }
    uint64_t x = seed ^ h;
    for (int k = 0; k < 4; k++)
        r->s[k] = splitmix64(&x);
}

double mc_rng_uniform(McRng *r)
{
    return (double)(xoshiro_next(r) >> 11) * 0x1.0p-53;
}

static double std_normal(McRng *r)
{
    double u1 = 1.0 - mc_rng_uniform(r); /* (0, 1]: the log is finite */
    double u2 = mc_rng_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

double mc_draw(const UncParam *u, McRng *r)
{
    switch (u->dist) {
    case UNC_NORMAL: {
        double v = u->mean + u->sd * std_normal(r);
        return v > 0.0 ? v : 0.0;
    }
    case UNC_LOGNORMAL: {
        double s2 = log(1.0 + (u->sd * u->sd) / (u->mean * u->mean));
        double mu = log(u->mean) - 0.5 * s2;
        return exp(mu + sqrt(s2) * std_normal(r));
    }
    case UNC_UNIFORM:
        return u->low + (u->high - u->low) * mc_rng_uniform(r);
    case UNC_TRIANGULAR: {
        double x = mc_rng_uniform(r), a = u->low, b = u->high, c = u->mode;
        if (b <= a)
            return a;
        double F = (c - a) / (b - a);
        return x < F ? a + sqrt(x * (b - a) * (c - a)) : b - sqrt((1.0 - x) * (b - a) * (b - c));
    }
    }
    return 1.0;
}

void mc_moments(const UncParam *u, double *mean, double *sd)
{
    double a = u->low, b = u->high, c = u->mode;
    switch (u->dist) {
    case UNC_NORMAL:
    case UNC_LOGNORMAL:
        *mean = u->mean;
        *sd = u->sd;
        return;
    case UNC_UNIFORM:
        *mean = 0.5 * (a + b);
        *sd = (b - a) / sqrt(12.0);
        return;
    case UNC_TRIANGULAR:
        *mean = (a + b + c) / 3.0;
        *sd = sqrt((a * a + b * b + c * c - a * b - a * c - b * c) / 18.0);
        return;
    }
    *mean = 1.0;
    *sd = 0.0;
}

void mc_sample(const Uncertainty *U, int n, uint64_t seed, double *theta)
{
    int K1 = U->nparams + 1;
    for (int i = 0; i < n; i++)
        theta[(size_t)i * (size_t)K1] = 1.0;
    for (int k = 0; k < U->nparams; k++) {
        McRng r;
        mc_rng_seed(&r, seed, U->params[k].id);
        for (int i = 0; i < n; i++)
            theta[(size_t)i * (size_t)K1 + 1 + (size_t)k] = mc_draw(&U->params[k], &r);
    }
}

/* ---- evaluation ---------------------------------------------------------------------- */

bool mc_has_target(const UncParam *u, int x)
{
    for (int j = 0; j < u->ntargets; j++)
        if (u->targets[j] == x)
            return true;
    return false;
}

double mc_coefficients(const Model *m, const Solution *s, double *coef)
{
    const Uncertainty *U = &m->uncertainty;
    int T = m->nperiods, S = m->nslices, K = U->nparams;
    for (int k = 0; k <= K; k++)
        coef[k] = 0.0;
    /* the total at base values: system cost (every component but carbon and slack) + carbon
     * payments at the Model's carbon price */
    double total = 0.0, carbon = 0.0;
    for (int c = 0; c < NCOSTS; c++)
        if (c != COST_CARBON)
            for (int t = 0; t < T; t++)
                total += s->cost_npv[c * T + t];
    for (int t = 0; t < T; t++) {
        double ets = 0.0;
        for (int p = 0; p < m->nplants; p++)
            if (m->plants[p].ets)
                ets += s->net_scope1[p * T + t];
        for (int i = 0; i < m->nassets; i++)
            if (m->assets[i].ets)
                ets += s->asset_net_scope1[i * T + t];
        carbon += model_period_factor(m, t) * m->policy.carbon_price[t] * ets;
    }
    total += carbon;

    double scaled = 0.0;
    for (int k = 0; k < K; k++) {
        const UncParam *u = &U->params[k];
        double v = 0.0;
        if (u->kind == UNC_CARBON) {
            v = carbon;
        } else if (u->kind == UNC_PRICE) {
            for (int q = 0; q < m->nmarkets; q++) {
                const Market *mk = &m->markets[q];
                if (!mc_has_target(u, mk->commodity))
                    continue;
                bool slice = m->commodities[mk->commodity].balance == BAL_SLICE;
                double sign = mk->direction == MKT_IMPORT ? 1.0 : -1.0;
                for (int t = 0; t < T; t++) {
                    double df = model_period_factor(m, t);
                    for (int sl = 0; sl < (slice ? S : 1); sl++)
                        v += sign * df * mk->price[t] * (slice ? mk->price_profile[sl] : 1.0) *
                             s->market_flow[(q * T + t) * S + sl];
                }
            }
        } else {
            for (int p = 0; p < m->nplants; p++) {
                const Plant *pl = &m->plants[p];
                for (int r = 0; r < pl->nroutes; r++) {
                    const Technology *tc = &m->techs[pl->routes[r]];
                    if (!mc_has_target(u, pl->routes[r]))
                        continue;
                    for (int t = 0; t < T; t++)
                        v += model_capital_factor(m, t, tc->lifetime) * tc->capex[t] * pl->unit_capacity *
                             s->built[sol_pr(s, p, r, t)];
                }
            }
            for (int i = 0; i < m->nassets; i++) {
                const Asset *as = &m->assets[i];
                const Technology *tc = &m->techs[as->tech];
                if (!mc_has_target(u, as->tech))
                    continue;
                for (int t = 0; t < T; t++)
                    v += model_capital_factor(m, t, tc->lifetime) * tc->capex[t] * as->module *
                         s->asset_built[i * T + t];
            }
        }
        coef[1 + k] = v;
        scaled += v;
    }
    coef[0] = total - scaled;
    return total;
}

int mc_evaluate(int n, int K1, int J, const double *theta, const double *coef, double *cost)
{
    if (n <= 0 || J <= 0)
        return 0;
    return linalg_dgemm(n, J, K1, theta, coef, cost);
}

int mc_cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double mc_quantile(const double *sorted, int n, double p)
{
    if (n <= 0)
        return NAN;
    double h = (n - 1) * p;
    int lo = (int)floor(h);
    if (lo >= n - 1)
        return sorted[n - 1];
    if (lo < 0)
        return sorted[0];
    return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

bool mc_ties(double a, double b)
{
    double mag = fabs(a) > fabs(b) ? fabs(a) : fabs(b);
    return fabs(a - b) <= TIE_REL * mag;
}

void mc_stats(int n, int J, const double *cost, McStats *st)
{
    double *col = xmalloc((size_t)n * sizeof *col);
    for (int j = 0; j < J; j++) {
        McStats *x = &st[j];
        memset(x, 0, sizeof *x);
        double sum = 0.0;
        for (int i = 0; i < n; i++) {
            col[i] = cost[(size_t)i * (size_t)J + (size_t)j];
            sum += col[i];
        }
        x->mean = n ? sum / n : NAN;
        double ss = 0.0;
        for (int i = 0; i < n; i++)
            ss += (col[i] - x->mean) * (col[i] - x->mean);
        x->sd = n > 1 ? sqrt(ss / (n - 1)) : 0.0;
        qsort(col, (size_t)n, sizeof *col, mc_cmp_double);
        x->p10 = mc_quantile(col, n, 0.10);
        x->p50 = mc_quantile(col, n, 0.50);
        x->p90 = mc_quantile(col, n, 0.90);
        x->min = n ? col[0] : NAN;
        x->max = n ? col[n - 1] : NAN;
    }
    for (int i = 0; i < n; i++) {
        const double *row = cost + (size_t)i * (size_t)J;
        double best = INFINITY;
        for (int j = 0; j < J; j++)
            if (row[j] < best)
                best = row[j];
        int nt = 0;
        for (int j = 0; j < J; j++)
            nt += mc_ties(row[j], best);
        for (int j = 0; j < J; j++) {
            double regret = mc_ties(row[j], best) ? 0.0 : row[j] - best;
            if (mc_ties(row[j], best))
                st[j].prob_cheapest += 1.0 / nt;
            if (regret > st[j].max_regret)
                st[j].max_regret = regret;
            st[j].mean_regret += regret;
        }
    }
    for (int j = 0; j < J && n > 0; j++) {
        st[j].prob_cheapest /= n;
        st[j].mean_regret /= n;
    }
    free(col);
}

