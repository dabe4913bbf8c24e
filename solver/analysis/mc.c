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
#include "mc.h"
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

#define CHAIN_LEN 4
#define MAX_CANDIDATES 1000
#define DEFAULT_SWEEP "0:400:50"
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

static bool has_target(const UncParam *u, int x)
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
                if (!has_target(u, mk->commodity))
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
                    if (!has_target(u, pl->routes[r]))
                        continue;
                    for (int t = 0; t < T; t++)
                        v += model_capital_factor(m, t, tc->lifetime) * tc->capex[t] * pl->unit_capacity *
                             s->built[sol_pr(s, p, r, t)];
                }
            }
            for (int i = 0; i < m->nassets; i++) {
                const Asset *as = &m->assets[i];
                const Technology *tc = &m->techs[as->tech];
                if (!has_target(u, as->tech))
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

static int cmp_double(const void *a, const void *b)
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

static bool ties(double a, double b)
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
        qsort(col, (size_t)n, sizeof *col, cmp_double);
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
            nt += ties(row[j], best);
        for (int j = 0; j < J; j++) {
            double regret = ties(row[j], best) ? 0.0 : row[j] - best;
            if (ties(row[j], best))
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

static PlanSize plan_size(const Model *m)
{
    int R = 0;
    for (int p = 0; p < m->nplants; p++)
        R += m->plants[p].nroutes;
    return (PlanSize){R * m->nperiods, m->nassets * m->nperiods, m->nplants * m->ncommodities};
}

static int plan_len(PlanSize z)
{
    return 2 * z.RT + z.IT + z.PC;
}

/* A Plan viewing len doubles laid out as lines, built, mods, spur. */
static Plan plan_view(PlanSize z, double *v)
{
    return (Plan){v, v + z.RT, v + 2 * z.RT, v + 2 * z.RT + z.IT};
}

static void plan_from_solution(PlanSize z, const Solution *s, double *v)
{
    memcpy(v, s->lines, (size_t)z.RT * sizeof *v);
    memcpy(v + z.RT, s->built, (size_t)z.RT * sizeof *v);
    memcpy(v + 2 * z.RT, s->asset_built, (size_t)z.IT * sizeof *v);
    for (int k = 0; k < z.PC; k++)
        v[2 * z.RT + z.IT + k] = s->spur_period[k];
}

static bool same_values(const double *a, const double *b, int n)
{
    for (int k = 0; k < n; k++)
        if (lround(a[k]) != lround(b[k]))
            return false;
    return true;
}

/* Same route choices (lines operating); with all = true also builds, modules and spurs. */
static bool plan_same(PlanSize z, Plan a, Plan b, bool all)
{
    if (!same_values(a.lines, b.lines, z.RT))
        return false;
    return !all || (same_values(a.built, b.built, z.RT) && same_values(a.mods, b.mods, z.IT) &&
                    same_values(a.spur, b.spur, z.PC));
}

/* The number of plants whose lines operating on every route in every period are the same. */
static double plants_same(const Model *m, Plan a, Plan b)
{
    int T = m->nperiods, slot = 0, n = 0;
    for (int p = 0; p < m->nplants; p++) {
        int len = m->plants[p].nroutes * T;
        n += same_values(a.lines + slot * T, b.lines + slot * T, len);
        slot += m->plants[p].nroutes;
    }
    return n;
}

/* ---- a small JSON reader (for solution.json) ------------------------------------------- */

typedef enum { JN_NULL, JN_BOOL, JN_NUM, JN_STR, JN_ARR, JN_OBJ } JsonType;

typedef struct JsonNode {
    JsonType type;
    double num;
    char *str;
    int n;
    char **keys;            /* objects: n keys */
    struct JsonNode *kids;  /* arrays and objects: n values */
} JsonNode;

typedef struct {
    const char *p, *end, *start;
    const char *err;
} JsonIn;

static void json_ws(JsonIn *in)
{
    while (in->p < in->end && (*in->p == ' ' || *in->p == '\t' || *in->p == '\n' || *in->p == '\r'))
        in->p++;
}

static void json_free(JsonNode *j)
{
    if (!j)
        return;
    free(j->str);
    for (int k = 0; k < j->n; k++) {
        if (j->keys)
            free(j->keys[k]);
        if (j->kids)
            json_free(&j->kids[k]);
    }
    free(j->keys);
    free(j->kids);
}

static char *json_string(JsonIn *in)
{
    if (in->p >= in->end || *in->p != '"') {
        in->err = "expected a string";
        return NULL;
    }
    in->p++;
    size_t cap = 16, n = 0;
    char *s = xmalloc(cap);
    while (in->p < in->end && *in->p != '"') {
        if (n + 8 >= cap) {
            cap *= 2;
            s = realloc(s, cap);
            if (!s)
                abort();
        }
        char c = *in->p++;
        if (c != '\\') {
            s[n++] = c;
            continue;
        }
        if (in->p >= in->end)
            break;
        c = *in->p++;
        switch (c) {
        case 'b': s[n++] = '\b'; break;
        case 'f': s[n++] = '\f'; break;
        case 'n': s[n++] = '\n'; break;
        case 'r': s[n++] = '\r'; break;
        case 't': s[n++] = '\t'; break;
        case 'u': {
            unsigned v = 0;
            for (int k = 0; k < 4; k++) {
                char h = in->p < in->end ? *in->p++ : '\0';
                v = v * 16 + (unsigned)(h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                                                       : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 0);
            }
            if (v < 0x80) {
                s[n++] = (char)v;
            } else if (v < 0x800) {
                s[n++] = (char)(0xc0 | (v >> 6));
                s[n++] = (char)(0x80 | (v & 0x3f));
            } else {
                s[n++] = (char)(0xe0 | (v >> 12));
                s[n++] = (char)(0x80 | ((v >> 6) & 0x3f));
                s[n++] = (char)(0x80 | (v & 0x3f));
            }
            break;
        }
        default: s[n++] = c; break;
        }
    }
    if (in->p >= in->end) {
        free(s);
        in->err = "a string is not closed";
        return NULL;
    }
    in->p++;
    s[n] = '\0';
    return s;
}

static bool json_value(JsonIn *in, JsonNode *out, int depth)
{
    memset(out, 0, sizeof *out);
    json_ws(in);
    if (depth > 64) {
        in->err = "nested too deeply";
        return false;
    }
    if (in->p >= in->end) {
        in->err = "unexpected end of file";
        return false;
    }
    char c = *in->p;
    if (c == '{' || c == '[') {
        bool obj = c == '{';
        out->type = obj ? JN_OBJ : JN_ARR;
        in->p++;
        int cap = 0;
        json_ws(in);
        if (in->p < in->end && *in->p == (obj ? '}' : ']')) {
            in->p++;
            return true;
        }
        for (;;) {
            if (out->n == cap) {
                cap = cap ? 2 * cap : 8;
                out->kids = realloc(out->kids, (size_t)cap * sizeof *out->kids);
                if (obj)
                    out->keys = realloc(out->keys, (size_t)cap * sizeof *out->keys);
                if (!out->kids || (obj && !out->keys))
                    abort();
            }
            if (obj) {
                json_ws(in);
                char *key = json_string(in);
                if (!key)
                    return false;
                out->keys[out->n] = key;
                json_ws(in);
                if (in->p >= in->end || *in->p != ':') {
                    out->kids[out->n++] = (JsonNode){0};
                    in->err = "expected ':' after a key";
                    return false;
                }
                in->p++;
            }
            bool ok = json_value(in, &out->kids[out->n], depth + 1);
            if (obj || ok)
                out->n++;
            else
                json_free(&out->kids[out->n]);
            if (!ok)
                return false;
            json_ws(in);
            if (in->p < in->end && *in->p == ',') {
                in->p++;
                continue;
            }
            if (in->p < in->end && *in->p == (obj ? '}' : ']')) {
                in->p++;
                return true;
            }
            in->err = obj ? "expected ',' or '}'" : "expected ',' or ']'";
            return false;
        }
    }
    if (c == '"') {
        out->type = JN_STR;
        out->str = json_string(in);
        return out->str != NULL;
    }
    static const char *const WORDS[] = {"null", "true", "false"};
    for (int k = 0; k < 3; k++) {
        size_t l = strlen(WORDS[k]);
        if ((size_t)(in->end - in->p) >= l && strncmp(in->p, WORDS[k], l) == 0) {
            in->p += l;
            out->type = k == 0 ? JN_NULL : JN_BOOL;
            out->num = k == 1;
            return true;
        }
    }
    char *e;
    errno = 0;
    out->num = strtod(in->p, &e);
    if (e == in->p || e > in->end) {
        in->err = "expected a value";
        return false;
    }
    out->type = JN_NUM;
    in->p = e;
    return true;
}

static const JsonNode *json_get(const JsonNode *o, const char *key)
{
    if (!o || o->type != JN_OBJ)
        return NULL;
    for (int k = 0; k < o->n; k++)
        if (strcmp(o->keys[k], key) == 0)
            return &o->kids[k];
    return NULL;
}

static double json_num(const JsonNode *o, const char *key, double def)
{
    const JsonNode *v = json_get(o, key);
    return v && v->type == JN_NUM ? v->num : def;
}

static const char *json_str(const JsonNode *o, const char *key)
{
    const JsonNode *v = json_get(o, key);
    return v && v->type == JN_STR ? v->str : NULL;
}

/* The element of array a whose member `key` is the string id. */
static const JsonNode *json_find(const JsonNode *a, const char *key, const char *id)
{
    if (!a || a->type != JN_ARR)
        return NULL;
    for (int k = 0; k < a->n; k++) {
        const char *v = json_str(&a->kids[k], key);
        if (v && strcmp(v, id) == 0)
            return &a->kids[k];
    }
    return NULL;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 65536, n = 0;
    char *b = xmalloc(cap);
    size_t got;
    while ((got = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            cap *= 2;
            b = realloc(b, cap);
            if (!b)
                abort();
        }
    }
    fclose(f);
    b[n] = '\0'; /* strtod may look past the last number */
    *len = n;
    return b;
}

/* The decisions of a solution.json written by tico solve for this instance, into v (plan_len
 * doubles). false with messages in d when the file is unreadable or is not a plan of it. */
static bool plan_from_json(const Model *m, PlanSize z, const char *path, const char *from, int line, double *v,
                           Diag *d)
{
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        diag_add(d, from, line, NULL, "cannot read '%s': %s", path, strerror(errno));
        return false;
    }
    JsonIn in = {text, text + len, text, NULL};
    JsonNode root;
    bool ok = json_value(&in, &root, 0);
    if (ok) {
        json_ws(&in);
        if (in.p != in.end) {
            ok = false;
            in.err = "text after the end of the JSON value";
        }
    }
    if (!ok) {
        int l = 1;
        for (const char *c = text; c < in.p && c < in.end; c++)
            l += *c == '\n';
        diag_add(d, path, l, NULL, "not valid JSON: %s", in.err ? in.err : "?");
        json_free(&root);
        free(text);
        return false;
    }
    Plan pl = plan_view(z, v);
    for (int k = 0; k < z.PC; k++)
        pl.spur[k] = -1;
    int T = m->nperiods, before = d->n;
    /* periods */
    const JsonNode *per = json_get(&root, "periods");
    if (!per || per->type != JN_ARR || per->n != T) {
        diag_add(d, path, 0, "periods", "expected the %d periods of the instance (a solution.json of tico solve for "
                 "this instance)", T);
    } else {
        for (int t = 0; t < T; t++)
            if (lround(json_num(&per->kids[t], "year", -1)) != m->years[t])
                diag_add(d, path, 0, "periods", "period %d is %g, the instance's is %d", t,
                         json_num(&per->kids[t], "year", NAN), m->years[t]);
    }
    /* plants: per period, lines and built of every route */
    const JsonNode *plants = json_get(&root, "plants");
    int slot0 = 0;
    for (int p = 0; p < m->nplants && d->n == before; p++) {
        const Plant *P = &m->plants[p];
        const JsonNode *jp = json_find(plants, "id", P->id);
        const JsonNode *pp = jp ? json_get(jp, "periods") : NULL;
        if (!pp || pp->type != JN_ARR || pp->n != T) {
            diag_add(d, path, 0, "plants", "plant '%s' of the instance is missing, or not with %d periods", P->id, T);
            break;
        }
        for (int t = 0; t < T; t++) {
            const JsonNode *routes = json_get(&pp->kids[t], "routes");
            for (int r = 0; r < P->nroutes; r++) {
                const JsonNode *jr = json_get(routes, m->techs[P->routes[r]].id);
                if (!jr) {
                    diag_add(d, path, 0, "plants", "plant '%s' has no route '%s' in %d", P->id,
                             m->techs[P->routes[r]].id, m->years[t]);
                    goto done;
                }
                pl.lines[(slot0 + r) * T + t] = json_num(jr, "lines", 0.0);
                pl.built[(slot0 + r) * T + t] = json_num(jr, "built", 0.0);
            }
        }
        slot0 += P->nroutes;
    }
    /* assets: modules built per period */
    const JsonNode *assets = json_get(&root, "assets");
    for (int i = 0; i < m->nassets && d->n == before; i++) {
        const JsonNode *ja = json_find(assets, "id", m->assets[i].id);
        const JsonNode *ap = ja ? json_get(ja, "periods") : NULL;
        if (!ap || ap->type != JN_ARR || ap->n != T) {
            diag_add(d, path, 0, "assets", "asset '%s' of the instance is missing, or not with %d periods",
                     m->assets[i].id, T);
            break;
        }
        for (int t = 0; t < T; t++)
            pl.mods[i * T + t] = json_num(&ap->kids[t], "built", 0.0);
    }
    /* spurs: the period of year_built */
    const JsonNode *spurs = json_get(&root, "spurs");
    for (int k = 0; spurs && spurs->type == JN_ARR && k < spurs->n && d->n == before; k++) {
        const JsonNode *js = &spurs->kids[k];
        const char *pid = json_str(js, "plant"), *cid = json_str(js, "commodity");
        int p = pid ? model_plant(m, pid) : -1, c = cid ? model_commodity(m, cid) : -1;
        if (p < 0 || c < 0) {
            diag_add(d, path, 0, "spurs", "spur %d names a plant or commodity the instance does not have", k);
            break;
        }
        double y = json_num(js, "year_built", NAN);
        pl.spur[p * m->ncommodities + c] = isfinite(y) ? model_period_of_year(m, (int)lround(y)) : -1;
    }
done:
    json_free(&root);
    free(text);
    return d->n == before;
}

/* Fix B's decision columns at plan v: 1; 0 (why filled) when the instance cannot take it;
 * -1 when the bounds could not be set (a GLPK error, after a message). */
static int fix_plan(Build *B, PlanSize z, const double *v, char *why, size_t nwhy)
{
    const Model *m = B->m;
    int T = B->T, C = B->C, n = 0;
    Plan pl = plan_view(z, (double *)v);
    BuildBound *bb = xcalloc((size_t)plan_len(z) * T + 1, sizeof *bb);
    int ok = 1;
    for (int p = 0; p < m->nplants && ok; p++)
        for (int r = 0; r < m->plants[p].nroutes && ok; r++) {
            int slot = B->route_off[p] + r;
            for (int t = 0; t < T && ok; t++) {
                double vals[2] = {pl.lines[slot * T + t], pl.built[slot * T + t]};
                int cols[2] = {B->n[slot * T + t], B->b[slot * T + t]};
                for (int k = 0; k < 2 && ok; k++) {
                    if (cols[k]) {
                        bb[n++] = (BuildBound){cols[k], round(vals[k]), round(vals[k])};
                    } else if (lround(vals[k]) != 0) {
                        snprintf(why, nwhy, "plant '%s' has %ld line%s %s on route '%s' in %d, which this instance "
                                 "does not allow", m->plants[p].id, lround(vals[k]), lround(vals[k]) == 1 ? "" : "s",
                                 k ? "built" : "operating", m->techs[m->plants[p].routes[r]].id, m->years[t]);
                        ok = 0;
                    }
                }
            }
        }
    for (int i = 0; i < m->nassets && ok; i++)
        for (int t = 0; t < T && ok; t++) {
            int j = B->mods[i * T + t];
            double x = round(pl.mods[i * T + t]);
            if (j) {
                bb[n++] = (BuildBound){j, x, x};
            } else if (x != 0) {
                snprintf(why, nwhy, "asset '%s' has %g modules built in %d, which this instance does not allow",
                         m->assets[i].id, x, m->years[t]);
                ok = 0;
            }
        }
    for (int p = 0; p < m->nplants && ok; p++)
        for (int c = 0; c < C && ok; c++) {
            int tb = (int)lround(pl.spur[p * C + c]);
            for (int t = 0; t < T && ok; t++) {
                int j = B->w[(p * C + c) * T + t];
                if (j)
                    bb[n++] = (BuildBound){j, t == tb, t == tb};
                else if (t == tb) {
                    snprintf(why, nwhy, "plant '%s' builds its %s spur in %d, which this instance does not allow",
                             m->plants[p].id, m->commodities[c].id, m->years[t]);
                    ok = 0;
                }
            }
        }
    if (ok && build_set_bounds(B, bb, n) != TICO_OK)
        ok = -1;
    free(bb);
    return ok;
}

/* ---- candidates ------------------------------------------------------------------------ */

typedef enum { CAND_OPTIMUM, CAND_PRICE, CAND_SOLUTION } CandKind;

typedef struct {
    CandKind kind;
    char *label;
    double *price;      /* [T] carbon price (CAND_PRICE) */
    bool uniform;       /* CAND_PRICE: the same price every period */
    double *plan;       /* CAND_SOLUTION: plan_len doubles */
    char *path;         /* CAND_SOLUTION: the file */
} Cand;

typedef struct {
    Cand *v;
    int n, cap;
} Cands;

static Cand *cand_add(Cands *cs, CandKind kind, const char *label)
{
    if (cs->n == cs->cap) {
        cs->cap = cs->cap ? 2 * cs->cap : 16;
        cs->v = realloc(cs->v, (size_t)cs->cap * sizeof *cs->v);
        if (!cs->v)
            abort();
    }
    Cand *c = &cs->v[cs->n++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->label = xstrdup(label);
    return c;
}

static void cands_free(Cands *cs)
{
    for (int k = 0; k < cs->n; k++) {
        free(cs->v[k].label);
        free(cs->v[k].price);
        free(cs->v[k].plan);
        free(cs->v[k].path);
    }
    free(cs->v);
}

static void add_price(Cands *cs, const Model *m, double p, const char *name)
{
    char label[96];
    if (name)
        snprintf(label, sizeof label, "%s", name);
    else
        snprintf(label, sizeof label, "price_%g", p);
    Cand *c = cand_add(cs, CAND_PRICE, label);
    c->price = xmalloc((size_t)m->nperiods * sizeof *c->price);
    for (int t = 0; t < m->nperiods; t++)
        c->price[t] = p;
    c->uniform = true;
}

/* "FROM:TO:STEP" into *from, *to, *step; false when it is not one. */
static bool parse_range(const char *s, double *from, double *to, double *step)
{
    char *e;
    errno = 0;
    *from = strtod(s, &e);
    if (e == s || *e != ':')
        return false;
    const char *q = e + 1;
    *to = strtod(q, &e);
    if (e == q || *e != ':')
        return false;
    q = e + 1;
    *step = strtod(q, &e);
    return e != q && !*e && !errno && isfinite(*from) && isfinite(*to) && *step > 0 && *to >= *from && *from >= 0 &&
           (*to - *from) / *step < MAX_CANDIDATES;
}

static void add_range(Cands *cs, const Model *m, double from, double to, double step)
{
    int k = (int)floor((to - from) / step + 1e-9);
    for (int i = 0; i <= k; i++)
        add_price(cs, m, from + i * step, NULL);
}

static bool valid_name(const char *s)
{
    if (!*s || (*s >= '0' && *s <= '9') || strlen(s) > 64)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
              *s == '.' || *s == '-'))
            return false;
    return true;
}

/* The label of a solution file: its folder's name (out/plan/solution.json -> solution_plan). */
static void solution_label(const char *path, char *out, size_t n)
{
    char buf[512];
    snprintf(buf, sizeof buf, "%s", path);
    char *slash = strrchr(buf, '/');
    const char *base = buf;
    if (slash) {
        *slash = '\0';
        char *s2 = strrchr(buf, '/');
        base = s2 ? s2 + 1 : buf;
    } else {
        char *dot = strrchr(buf, '.');
        if (dot)
            *dot = '\0';
    }
    snprintf(out, n, "solution_%s", *base ? base : "file");
    for (char *c = out; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_' ||
              *c == '.' || *c == '-'))
            *c = '_';
}

/* The candidates of a --pathways file (format in the header). Messages go to d. */
static bool read_pathways(const Model *m, PlanSize z, const char *path, Cands *cs, Diag *d)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        diag_add(d, path, 0, NULL, "cannot read the pathways file: %s", strerror(errno));
        return false;
    }
    char dir[512];
    snprintf(dir, sizeof dir, "%s", path);
    char *sl = strrchr(dir, '/');
    if (sl)
        sl[1] = '\0';
    else
        dir[0] = '\0';
    int before = d->n, lineno = 0, T = m->nperiods;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *tok[4] = {NULL};
        int nt = 0;
        for (char *s = strtok(line, " \t\r\n"); s; s = strtok(NULL, " \t\r\n"))
            if (nt < 4)
                tok[nt++] = s;
            else
                nt = 5;
        if (nt == 0)
            continue;
        const char *name = NULL;
        int a = 0;
        size_t l0 = strlen(tok[0]);
        if (tok[0][l0 - 1] == ':') {
            tok[0][l0 - 1] = '\0';
            name = tok[0];
            a = 1;
            if (!valid_name(name)) {
                diag_add(d, path, lineno, NULL, "'%s' is not a valid name; expected letters, digits, '_', '.' or '-'",
                         name);
                continue;
            }
        }
        const char *kind = a < nt ? tok[a] : NULL;
        int nargs = nt - a - 1;
        const char *arg = nargs >= 1 ? tok[a + 1] : NULL;
        if (!kind) {
            diag_add(d, path, lineno, NULL, "a name without a pathway; expected 'optimum', 'price ...' or "
                     "'solution FILE'");
        } else if (strcmp(kind, "optimum") == 0 && nargs == 0) {
            cand_add(cs, CAND_OPTIMUM, name ? name : "optimum");
        } else if (strcmp(kind, "price") == 0 && nargs == 1) {
            double from, to, step;
            if (strchr(arg, ':')) {
                if (!parse_range(arg, &from, &to, &step))
                    diag_add(d, path, lineno, NULL, "'%s' is not a range FROM:TO:STEP of carbon prices >= 0 (at most "
                             "%d points)", arg, MAX_CANDIDATES);
                else if (name)
                    diag_add(d, path, lineno, NULL, "a range gives several candidates: it cannot take a name");
                else
                    add_range(cs, m, from, to, step);
                continue;
            }
            double *v = xmalloc((size_t)(T + 1) * sizeof *v);
            int n = 0;
            bool ok = true;
            for (const char *p = arg; *p && ok;) {
                char *e;
                errno = 0;
                double x = strtod(p, &e);
                if (e == p || errno || !isfinite(x) || x < 0 || (*e && *e != ',') || n >= T) {
                    ok = false;
                    break;
                }
                v[n++] = x;
                p = *e ? e + 1 : e;
            }
            if (!ok || (n != 1 && n != T)) {
                diag_add(d, path, lineno, NULL, "'%s': expected a carbon price >= 0, a list of %d (one per period) or "
                         "a range FROM:TO:STEP", arg, T);
            } else if (n == 1) {
                add_price(cs, m, v[0], name);
            } else {
                char label[96];
                if (name)
                    snprintf(label, sizeof label, "%s", name);
                else
                    snprintf(label, sizeof label, "price_path_%d", lineno);
                Cand *c = cand_add(cs, CAND_PRICE, label);
                c->price = v;
                v = NULL;
            }
            free(v);
        } else if (strcmp(kind, "solution") == 0 && nargs == 1) {
            char full[1024], label[128];
            snprintf(full, sizeof full, "%s%s", arg[0] == '/' ? "" : dir, arg);
            solution_label(full, label, sizeof label);
            double *v = xcalloc((size_t)plan_len(z), sizeof *v);
            if (!plan_from_json(m, z, full, path, lineno, v, d)) {
                free(v);
                continue;
            }
            Cand *c = cand_add(cs, CAND_SOLUTION, name ? name : label);
            c->plan = v;
            c->path = xstrdup(full);
        } else {
            diag_add(d, path, lineno, NULL, "expected 'optimum', 'price P', 'price P1,...,P%d', 'price FROM:TO:STEP' "
                     "or 'solution FILE', optionally after 'NAME:'", T);
        }
    }
    fclose(f);
    if (d->n == before && cs->n == 0)
        diag_add(d, path, 0, NULL, "no pathway given");
    if (cs->n > MAX_CANDIDATES)
        diag_add(d, path, 0, NULL, "%d candidates; at most %d", cs->n, MAX_CANDIDATES);
    for (int i = 0; i < cs->n && d->n == before; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(cs->v[i].label, cs->v[j].label) == 0) {
                diag_add(d, path, 0, NULL, "pathway '%s' is given twice (name one of them: 'NAME: ...')",
                         cs->v[i].label);
                break;
            }
    return d->n == before;
}

/* ---- solving candidates and scenarios (worker processes) -------------------------------- */

typedef struct {
    const Model *m;
    const McParams *p;
    PlanSize z;
    SolveParams sp;
    /* candidates */
    Cands *cs;
    int nchains;
    int *chain_first;       /* [nchains + 1] */
    /* scenarios (--reoptimise) */
    const double *theta;    /* [n x (K+1)] */
    int K1;
    const Solution *start;  /* borrowed: every scenario's first incumbent */
} Mc;

/* The chain runner's step before a candidate's solve (sweep.h): its carbon price, or its
 * plan's decisions fixed (a plan the instance cannot take is a record with why, no solve). */
static TicoStatus before_candidate(void *vctx, Build *B, int k, SolveParams *sp, bool *may_start, bool *skip,
                                   TaskRecord *r)
{
    Mc *x = vctx;
    const Cand *c = &x->cs->v[k];
    sp->duals = false;
    *may_start = c->kind == CAND_PRICE;
    if (c->kind == CAND_PRICE)
        return build_set_carbon_price(B, c->price);
    if (c->kind == CAND_SOLUTION) {
        char why[512] = "";
        int fixed = fix_plan(B, x->z, c->plan, why, sizeof why);
        if (fixed < 0)
            return TICO_EINTERNAL;
        if (fixed == 0) {
            task_set_why(r, why);
            *skip = true;
        }
    }
    return TICO_OK;
}

/* A copy of m (shallow) whose market prices, capex and carbon price are scaled by one
 * scenario's multipliers; owns only the arrays it replaced. */
typedef struct {
    Model mm;
    double **owned;
    int nowned;
} Scaled;

static double *scaled_array(Scaled *sc, const double *base, int n, double f)
{
    double *v = xmalloc((size_t)n * sizeof *v);
    for (int t = 0; t < n; t++)
        v[t] = base[t] * f;
    sc->owned[sc->nowned++] = v;
    return v;
}

static void scaled_init(Scaled *sc, const Model *m, const double *row)
{
    const Uncertainty *U = &m->uncertainty;
    int T = m->nperiods;
    sc->mm = *m;
    sc->mm.markets = xmalloc((size_t)m->nmarkets * sizeof *m->markets);
    memcpy(sc->mm.markets, m->markets, (size_t)m->nmarkets * sizeof *m->markets);
    sc->mm.techs = xmalloc((size_t)m->ntechs * sizeof *m->techs);
    memcpy(sc->mm.techs, m->techs, (size_t)m->ntechs * sizeof *m->techs);
    sc->owned = xcalloc((size_t)(m->nmarkets + m->ntechs + 1), sizeof *sc->owned);
    sc->nowned = 0;
    for (int k = 0; k < U->nparams; k++) {
        const UncParam *u = &U->params[k];
        double f = row[1 + k];
        if (u->kind == UNC_CARBON)
            sc->mm.policy.carbon_price = scaled_array(sc, m->policy.carbon_price, T, f);
        else if (u->kind == UNC_PRICE) {
            for (int q = 0; q < m->nmarkets; q++)
                if (has_target(u, m->markets[q].commodity))
                    sc->mm.markets[q].price = scaled_array(sc, m->markets[q].price, T, f);
        } else {
            for (int j = 0; j < u->ntargets; j++)
                sc->mm.techs[u->targets[j]].capex = scaled_array(sc, m->techs[u->targets[j]].capex, T, f);
        }
    }
}

static void scaled_free(Scaled *sc)
{
    for (int k = 0; k < sc->nowned; k++)
        free(sc->owned[k]);
    free(sc->owned);
    free(sc->mm.markets);
    free(sc->mm.techs);
}

/* One scenario's record: values "status" (SolStatus), "cost" (its objective, NaN unsolved)
 * and "plan" (plan_len doubles, when solved). */
static TicoStatus run_scenario(void *vctx, int chain, PoolEmit *emit)
{
    Mc *x = vctx;
    Scaled sc;
    scaled_init(&sc, x->m, x->theta + (size_t)chain * (size_t)x->K1);
    BuildOpts bo = {false, 0.0, false};
    Build *B;
    TicoStatus st = build_new(&sc.mm, &bo, &B);
    if (st != TICO_OK) {
        scaled_free(&sc);
        return st;
    }
    SolveParams sp = x->sp;
    sp.duals = false;
    sp.start = x->start;
    Solution *s = NULL;
    st = solve_build(B, &sp, &s, NULL);
    if (s) {
        TaskRecord r;
        task_init(&r);
        task_set(&r, "status", s->status);
        task_set(&r, "cost", sweep_solved(s) ? s->objective : NAN);
        if (sweep_solved(s)) {
            double *v = xcalloc((size_t)plan_len(x->z) + 1, sizeof *v);
            plan_from_solution(x->z, s, v);
            task_set_vec(&r, "plan", v, plan_len(x->z));
            free(v);
        }
        pool_emit_record(emit, chain, &r);
        task_free(&r);
        st = TICO_OK;
    }
    solution_free(s);
    build_free(B);
    scaled_free(&sc);
    return st;
}

/* ---- outputs ------------------------------------------------------------------------------ */

typedef struct {
    const Cand *cand;       /* the first candidate with these decisions */
    Solution *sol;
    double *plan;           /* plan_len doubles */
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

static void put(FILE *f, double v, bool last)
{
    if (isfinite(v))
        out_put_num(f, v);
    fputc(last ? '\n' : ',', f);
}

static double cumulative_emissions(const Model *m, const Solution *s)
{
    double e = 0.0;
    for (int t = 0; t < m->nperiods; t++)
        e += m->length[t] * s->emissions_scope1[t];
    return e;
}

static const char *kind_name(CandKind k)
{
    return k == CAND_OPTIMUM ? "optimum" : k == CAND_PRICE ? "price" : "solution";
}

static void write_mc_csv(FILE *f, const Model *m, const Pathway *pw, int J, const double *coef, const McStats *st,
                         int n, const Reopt *ro)
{
    const Uncertainty *U = &m->uncertainty;
    int K = U->nparams, T = m->nperiods;
    fputs("pathway,kind,carbon_price,same_pathway_as,scenarios,emissions_last_period_t,emissions_cumulative_t,"
          "base_cost_eur,expected_cost_eur,sd_cost_eur,p10_cost_eur,p50_cost_eur,p90_cost_eur,min_cost_eur,"
          "max_cost_eur,prob_cheapest,max_regret_eur,expected_regret_eur,expected_excess_over_reoptimised_eur,"
          "match_plants,match_routes,match_decisions,evpi_eur,cost_fixed_eur", f);
    for (int k = 0; k < K; k++)
        fprintf(f, ",cost_%s_eur", U->params[k].id);
    fputc('\n', f);
    for (int j = 0; j < J; j++) {
        const Pathway *p = &pw[j];
        out_csv_field(f, p->cand->label);
        fprintf(f, ",%s,", kind_name(p->cand->kind));
        put(f, p->cand->kind == CAND_PRICE && p->cand->uniform ? p->cand->price[0] : NAN, false);
        out_csv_field(f, p->also);
        fprintf(f, ",%d,", n);
        put(f, p->sol->emissions_scope1[T - 1], false);
        put(f, cumulative_emissions(m, p->sol), false);
        double base = 0.0;
        for (int k = 0; k <= K; k++)
            base += coef[(size_t)k * (size_t)J + (size_t)j];
        put(f, base, false);
        const McStats *s = &st[j];
        put(f, s->mean, false);
        put(f, s->sd, false);
        put(f, s->p10, false);
        put(f, s->p50, false);
        put(f, s->p90, false);
        put(f, s->min, false);
        put(f, s->max, false);
        put(f, s->prob_cheapest, false);
        put(f, s->max_regret, false);
        put(f, s->mean_regret, false);
        put(f, ro ? ro->excess[j] : NAN, false);
        put(f, ro ? ro->match_plants[j] : NAN, false);
        put(f, ro ? ro->match_routes[j] : NAN, false);
        put(f, ro ? ro->match_all[j] : NAN, false);
        put(f, NAN, false);
        for (int k = 0; k <= K; k++)
            put(f, coef[(size_t)k * (size_t)J + (size_t)j], k == K);
    }
    if (ro) {
        fprintf(f, "reoptimised,reoptimised,,,%d,,,,", ro->solved);
        put(f, ro->st.mean, false);
        put(f, ro->st.sd, false);
        put(f, ro->st.p10, false);
        put(f, ro->st.p50, false);
        put(f, ro->st.p90, false);
        put(f, ro->st.min, false);
        put(f, ro->st.max, false);
        fputs(",,,,,,,", f);
        put(f, ro->evpi, false);
        for (int k = 0; k < K; k++)
            fputc(',', f);
        fputc('\n', f);
    }
}

static void write_scenarios_csv(FILE *f, const Model *m, const Pathway *pw, int J, int n, const double *theta,
                                const double *cost, const Reopt *ro)
{
    const Uncertainty *U = &m->uncertainty;
    int K = U->nparams;
    fputs("scenario", f);
    for (int k = 0; k < K; k++)
        fprintf(f, ",%s", U->params[k].id);
    for (int j = 0; j < J; j++) {
        fputs(",cost_", f);
        out_csv_field(f, pw[j].cand->label);
    }
    fputs(",cheapest", f);
    if (ro)
        fputs(",reoptimised_status,reoptimised_cost_eur,reoptimised_same_routes_as", f);
    fputc('\n', f);
    for (int i = 0; i < n; i++) {
        fprintf(f, "%d,", i);
        for (int k = 0; k < K; k++)
            put(f, theta[(size_t)i * (size_t)(K + 1) + 1 + (size_t)k], false);
        const double *row = cost + (size_t)i * (size_t)J;
        int best = 0;
        for (int j = 0; j < J; j++) {
            put(f, row[j], false);
            if (row[j] < row[best] && !ties(row[j], row[best]))
                best = j;
        }
        out_csv_field(f, pw[best].cand->label);
        if (ro) {
            fprintf(f, ",%s,", ro->status[i] < 0 ? "error" : solution_status_name((SolStatus)ro->status[i]));
            put(f, ro->cost[i], false);
            if (ro->match[i] >= 0)
                out_csv_field(f, pw[ro->match[i]].cand->label);
        }
        fputc('\n', f);
    }
}

/* Money on the charts: EUR, MEUR or bn EUR after the largest magnitude. */
static double money_unit(double big, const char **name)
{
    if (big >= 5e9) {
        *name = "bn EUR";
        return 1e9;
    }
    if (big >= 5e6) {
        *name = "MEUR";
        return 1e6;
    }
    *name = "EUR";
    return 1.0;
}

typedef struct {
    const char *label;
    const char *color;
    const McStats *st;
    double *sorted;         /* [n] ascending */
    int n;
} Dist;

#define CHART_W 900.0

/* Box plots, one row per pathway: whiskers min-max, box P10-P90, line P50, dot mean. */
static double draw_boxes(FILE *f, double y0, const Dist *d, int nd, double lo, double hi, double unit,
                         const char *uname, int nscen)
{
    double label_w = 0.0;
    for (int k = 0; k < nd; k++) {
        double w = svg_text_width(d[k].label, 12.0);
        if (w > label_w)
            label_w = w;
    }
    double x0 = 20 + label_w + 12, x1 = CHART_W - 30, row = 30.0;
    double top = y0 + 40, bottom = top + row * nd;
    double nlo, nhi, step;
    svg_nice_ticks(lo / unit, hi / unit, 6, &nlo, &nhi, &step);
    char title[160], b[64];
    snprintf(title, sizeof title, "Cost of each pathway over %d scenarios (NPV, fixed operation)", nscen);
    svg_text(f, 20, y0 + 22, "start", 15.0, "#222", 0, true, title);
#define PX(v) (x0 + ((v) / unit - nlo) / (nhi - nlo) * (x1 - x0))
    int kk = 0;
    for (double v = nlo; v <= nhi + step * 1e-6 && kk < 100; v = nlo + (++kk) * step) {
        double x = x0 + (v - nlo) / (nhi - nlo) * (x1 - x0);
        svg_line(f, x, top, x, bottom, "#e3e3e3", 1.0, false);
        svg_line(f, x, bottom, x, bottom + 4, "#444", 1.0, false);
        svg_fmt_tick(b, sizeof b, v, step);
        svg_text(f, x, bottom + 16, "middle", 11.0, "#222", 0, false, b);
    }
    svg_line(f, x0, bottom, x1, bottom, "#444", 1.0, false);
    svg_line(f, x0, top, x0, bottom, "#444", 1.0, false);
    char xl[96];
    snprintf(xl, sizeof xl, "NPV total cost, %s", uname);
    svg_text(f, (x0 + x1) / 2, bottom + 34, "middle", 12.0, "#222", 0, false, xl);
    for (int k = 0; k < nd; k++) {
        const McStats *s = d[k].st;
        double yc = top + row * k + row / 2;
        svg_text(f, x0 - 8, yc + 4, "end", 12.0, "#222", 0, false, d[k].label);
        svg_line(f, PX(s->min), yc, PX(s->max), yc, "#666", 1.0, false);
        svg_line(f, PX(s->min), yc - 5, PX(s->min), yc + 5, "#666", 1.0, false);
        svg_line(f, PX(s->max), yc - 5, PX(s->max), yc + 5, "#666", 1.0, false);
        char tip[320];
        snprintf(tip, sizeof tip, "%s: mean %.4g, P10 %.4g, P50 %.4g, P90 %.4g, min %.4g, max %.4g %s", d[k].label,
                 s->mean / unit, s->p10 / unit, s->p50 / unit, s->p90 / unit, s->min / unit, s->max / unit, uname);
        double w = PX(s->p90) - PX(s->p10);
        svg_rect(f, PX(s->p10), yc - 9, w > 1 ? w : 1, 18, d[k].color, tip);
        svg_line(f, PX(s->p50), yc - 9, PX(s->p50), yc + 9, "#111", 2.0, false);
        fprintf(f, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3.5\" fill=\"#ffffff\" stroke=\"#111\" stroke-width=\"1.2\"/>\n",
                PX(s->mean), yc);
    }
#undef PX
    svg_text(f, x0, bottom + 54, "start", 11.0, "#666", 0, false,
             "Box: P10 to P90; black line: median (P50); circle: mean; whiskers: lowest and highest scenario.");
    return bottom + 66 - y0;
}

/* Cumulative distributions: the share of scenarios at or below each cost. */
static double draw_cdfs(FILE *f, double y0, const Dist *d, int nd, double lo, double hi, double unit,
                        const char *uname)
{
    double x0 = 70, x1 = CHART_W - 30, top = y0 + 40, bottom = top + 260;
    double nlo, nhi, step;
    svg_nice_ticks(lo / unit, hi / unit, 6, &nlo, &nhi, &step);
    char b[64];
    svg_text(f, 20, y0 + 22, "start", 15.0, "#222", 0, true, "Cumulative distribution of the cost");
    int kk = 0;
    for (double v = nlo; v <= nhi + step * 1e-6 && kk < 100; v = nlo + (++kk) * step) {
        double x = x0 + (v - nlo) / (nhi - nlo) * (x1 - x0);
        svg_line(f, x, top, x, bottom, "#e3e3e3", 1.0, false);
        svg_fmt_tick(b, sizeof b, v, step);
        svg_text(f, x, bottom + 16, "middle", 11.0, "#222", 0, false, b);
    }
    for (int q = 0; q <= 4; q++) {
        double y = bottom - q * 0.25 * (bottom - top);
        svg_line(f, x0, y, x1, y, "#e3e3e3", 1.0, false);
        svg_fmt_tick(b, sizeof b, q * 0.25, 0.25);
        svg_text(f, x0 - 7, y + 4, "end", 11.0, "#222", 0, false, b);
    }
    svg_line(f, x0, bottom, x1, bottom, "#444", 1.0, false);
    svg_line(f, x0, top, x0, bottom, "#444", 1.0, false);
    char xl[96];
    snprintf(xl, sizeof xl, "NPV total cost, %s", uname);
    svg_text(f, (x0 + x1) / 2, bottom + 34, "middle", 12.0, "#222", 0, false, xl);
    svg_text(f, 18, (top + bottom) / 2, "middle", 12.0, "#222", -90, false, "share of scenarios at or below");
    for (int k = 0; k < nd; k++) {
        int n = d[k].n;
        if (n == 0)
            continue;
        /* at most 400 steps: the quantiles at equal shares */
        int pts = n < 400 ? n : 400;
        fprintf(f, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"", d[k].color,
                k == nd - 1 && strcmp(d[k].label, "reoptimised") == 0 ? " stroke-dasharray=\"6 4\"" : "");
        for (int i = 0; i < pts; i++) {
            int idx = pts == n ? i : (int)((double)i * (n - 1) / (pts - 1));
            double v = d[k].sorted[idx];
            double x = x0 + (v / unit - nlo) / (nhi - nlo) * (x1 - x0);
            double y = bottom - (double)(idx + 1) / n * (bottom - top);
            double yprev = bottom - (double)idx / n * (bottom - top);
            fprintf(f, "%.1f,%.1f %.1f,%.1f ", x, yprev, x, y);
        }
        fputs("\"/>\n", f);
    }
    const char **names = xcalloc((size_t)nd, sizeof *names), **colors = xcalloc((size_t)nd, sizeof *colors);
    int *kind = xcalloc((size_t)nd, sizeof *kind);
    for (int k = 0; k < nd; k++) {
        names[k] = d[k].label;
        colors[k] = d[k].color;
        kind[k] = strcmp(d[k].label, "reoptimised") == 0 ? 2 : 1;
    }
    double h = svg_legend(f, x0, bottom + 46, x1 - x0, names, colors, kind, nd);
    free(names);
    free(colors);
    free(kind);
    return bottom + 46 + h + 10 - y0;
}

static void write_svg(FILE *f, const Pathway *pw, int J, int n, const double *cost, const McStats *st,
                      const Reopt *ro)
{
    int nd = J + (ro && ro->solved > 0 ? 1 : 0);
    Dist *d = xcalloc((size_t)nd, sizeof *d);
    double lo = INFINITY, hi = -INFINITY;
    for (int k = 0; k < nd; k++) {
        bool r = k == J;
        d[k].label = r ? "reoptimised" : pw[k].cand->label;
        d[k].color = r ? "#999999" : svg_palette(k);
        d[k].st = r ? &ro->st : &st[k];
        d[k].sorted = xmalloc((size_t)n * sizeof *d[k].sorted);
        for (int i = 0; i < n; i++) {
            double v = r ? ro->cost[i] : cost[(size_t)i * (size_t)J + (size_t)k];
            if (isfinite(v))
                d[k].sorted[d[k].n++] = v;
        }
        qsort(d[k].sorted, (size_t)d[k].n, sizeof *d[k].sorted, cmp_double);
        if (d[k].n) {
            if (d[k].sorted[0] < lo)
                lo = d[k].sorted[0];
            if (d[k].sorted[d[k].n - 1] > hi)
                hi = d[k].sorted[d[k].n - 1];
        }
    }
    if (!(hi > lo)) {
        double c = isfinite(lo) ? lo : 0.0;
        lo = c - 0.5 * fabs(c) - 1.0;
        hi = c + 0.5 * fabs(c) + 1.0;
    }
    const char *uname;
    double unit = money_unit(fabs(lo) > fabs(hi) ? fabs(lo) : fabs(hi), &uname);
    /* each part into memory first: the total height goes into the <svg> element */
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    double h = draw_boxes(mem, 0.0, d, nd, lo, hi, unit, uname, n);
    h += 20;
    h += draw_cdfs(mem, h, d, nd, lo, hi, unit, uname);
    fclose(mem);
    svg_open(f, CHART_W, h, "Monte Carlo robustness of candidate pathways");
    fwrite(buf, 1, len, f);
    svg_close(f);
    free(buf);
    for (int k = 0; k < nd; k++)
        free(d[k].sorted);
    free(d);
}

/* ---- the command ------------------------------------------------------------------------ */

static void print_table(const Model *m, const Pathway *pw, int J, const McStats *st, const Reopt *ro, int n,
                        uint64_t seed, int ncand, const char *dir)
{
    printf("tico mc: %d scenario%s (seed %llu) of %d uncertain parameter%s; %d pathway%s from %d candidate%s\n", n,
           n == 1 ? "" : "s", (unsigned long long)seed, m->uncertainty.nparams, m->uncertainty.nparams == 1 ? "" : "s",
           J, J == 1 ? "" : "s", ncand, ncand == 1 ? "" : "s");
    int w = 8;
    for (int j = 0; j < J; j++)
        if ((int)strlen(pw[j].cand->label) > w)
            w = (int)strlen(pw[j].cand->label);
    printf("  %-*s %12s %12s %12s %12s %9s %12s%s\n", w, "pathway", "E[cost]", "P10", "P50", "P90", "cheapest",
           "max regret", ro ? "  same routes as the scenario optimum: cluster, plants" : "");
    for (int j = 0; j < J; j++) {
        printf("  %-*s %12.1f %12.1f %12.1f %12.1f %8.1f%% %12.1f", w, pw[j].cand->label, st[j].mean / 1e6,
               st[j].p10 / 1e6, st[j].p50 / 1e6, st[j].p90 / 1e6, 100.0 * st[j].prob_cheapest,
               st[j].max_regret / 1e6);
        if (ro)
            printf("  %8.1f%% %8.1f%%", 100.0 * ro->match_routes[j], 100.0 * ro->match_plants[j]);
        printf("\n");
    }
    printf("  (MEUR, NPV in %s; costs at fixed operation)\n", m->currency);
    if (ro) {
        if (ro->solved > 0)
            printf("  reoptimised (%d of %d scenarios solved): E[cost] %.1f, P10 %.1f, P50 %.1f, P90 %.1f MEUR; "
                   "EVPI %.1f MEUR against '%s'\n",
                   ro->solved, n, ro->st.mean / 1e6, ro->st.p10 / 1e6, ro->st.p50 / 1e6, ro->st.p90 / 1e6,
                   ro->evpi / 1e6, pw[ro->best].cand->label);
        else
            printf("  reoptimised: no scenario solved\n");
    }
    printf("tico mc: wrote %s/mc.csv, mc_scenarios.csv, mc.svg\n", dir);
}

static void reopt_free(Reopt *ro)
{
    free(ro->cost);
    free(ro->status);
    free(ro->match);
    free(ro->match_routes);
    free(ro->match_plants);
    free(ro->match_all);
    free(ro->excess);
    free(ro->mean_fixed);
}

TicoStatus mc_run(const Model *m, const McParams *p)
{
    const Uncertainty *U = &m->uncertainty;
    if (!U->present) {
        fprintf(stderr, "%s: uncertainty: the instance has no 'uncertainty' section; tico mc needs one, e.g.\n"
                "  uncertainty = { parameters = ( { id = \"co2\"; kind = \"carbon_price\"; distribution = \"uniform\"; "
                "low = 0.6; high = 1.6; } ); };\n(README: Robustness)\n", m->files[0]);
        return TICO_EINPUT;
    }
    /* --samples and --seed override the section; the command line's defaults are 1000 and 1 */
    int n = p->samples > 0 ? p->samples : U->samples > 0 ? U->samples : 1000;
    uint64_t seed = p->seed >= 0 ? (uint64_t)p->seed : U->seed >= 0 ? (uint64_t)U->seed : 1;
    int K = U->nparams, K1 = K + 1;

    Mc x = {0};
    x.m = m;
    x.p = p;
    x.z = plan_size(m);
    x.sp = sweep_solve_params(m, p->gap, p->time_limit);

    /* candidates */
    Cands cs = {0};
    if (p->pathways) {
        Diag d = {0};
        if (!read_pathways(m, x.z, p->pathways, &cs, &d)) {
            diag_print(&d, stderr);
            fprintf(stderr, "tico: %d problem%s found; nothing written\n", d.n, d.n == 1 ? "" : "s");
            diag_free(&d);
            cands_free(&cs);
            return TICO_EINPUT;
        }
        diag_free(&d);
    } else {
        double from, to, step;
        cand_add(&cs, CAND_OPTIMUM, "optimum");
        parse_range(DEFAULT_SWEEP, &from, &to, &step);
        add_range(&cs, m, from, to, step);
    }
    /* chains: consecutive prices CHAIN_LEN at a time, anything else alone */
    x.cs = &cs;
    x.chain_first = xcalloc((size_t)cs.n + 2, sizeof *x.chain_first);
    int *kind = xcalloc((size_t)cs.n + 1, sizeof *kind), *len = xcalloc((size_t)cs.n + 1, sizeof *len);
    for (int i = 0; i < cs.n; i++) {
        kind[i] = (int)cs.v[i].kind;
        len[i] = cs.v[i].kind == CAND_PRICE ? CHAIN_LEN : 1;
    }
    x.nchains = sweep_make_chains(cs.n, kind, len, x.chain_first);
    free(kind);
    free(len);
    int workers = p->jobs;
    if (!p->quiet)
        fprintf(stderr, "tico mc: solving %d candidate pathway%s\n", cs.n, cs.n == 1 ? "" : "s");
    SweepChains sw = {m, {false, 0.0, false}, x.sp, !p->cold, x.nchains, x.chain_first, &x, before_candidate, NULL};
    TaskRecord *rec = xcalloc((size_t)cs.n + 1, sizeof *rec);
    TicoStatus st = sweep_collect(workers, x.nchains, sweep_chain, &sw, cs.n, "tico mc: candidates", p->quiet,
                                  "tico mc: candidate", rec);
    Solution **sol = xcalloc((size_t)cs.n + 1, sizeof *sol);
    for (int i = 0; i < cs.n; i++) {
        if (st == TICO_OK && *rec[i].why) {
            fprintf(stderr, "%s: pathway '%s' cannot be a plan of this instance: %s\n", cs.v[i].path, cs.v[i].label,
                    rec[i].why);
            st = TICO_EINPUT;
        } else if (st == TICO_OK && !(sol[i] = sweep_solution(&rec[i], m))) {
            fprintf(stderr, "tico mc: candidate '%s' came back unreadable from its worker\n", cs.v[i].label);
            st = TICO_EINTERNAL;
        }
        task_free(&rec[i]);
    }
    free(rec);
    for (int i = 0; i < cs.n && st == TICO_OK; i++) {
        if (sweep_solved(sol[i]))
            continue;
        const char *what = solution_status_name(sol[i]->status);
        if (cs.v[i].kind == CAND_OPTIMUM) {
            fprintf(stderr, "tico mc: the instance has no solution (%s); nothing written (tico solve --elastic "
                    "explains an infeasible instance)\n", what);
            st = sol[i]->status == SOL_INFEASIBLE ? TICO_EINFEASIBLE : TICO_ENOSOL;
        } else if (cs.v[i].kind == CAND_SOLUTION) {
            fprintf(stderr, "%s: pathway '%s': its decisions are %s for this instance; nothing written\n",
                    cs.v[i].path, cs.v[i].label, sol[i]->status == SOL_INFEASIBLE ? "infeasible" : "not solved");
            st = sol[i]->status == SOL_INFEASIBLE ? TICO_EINPUT : TICO_ENOSOL;
        } else if (!p->quiet) {
            fprintf(stderr, "tico mc: warning: candidate '%s' has no solution (%s); left out\n", cs.v[i].label, what);
        }
    }

    /* pathways: candidates with distinct decisions */
    Pathway *pw = xcalloc((size_t)cs.n, sizeof *pw);
    int J = 0, L = plan_len(x.z);
    for (int i = 0; i < cs.n && st == TICO_OK; i++) {
        if (!sweep_solved(sol[i]))
            continue;
        double *v = xmalloc((size_t)L * sizeof *v);
        plan_from_solution(x.z, sol[i], v);
        int same = -1;
        for (int j = 0; j < J && same < 0; j++)
            if (plan_same(x.z, plan_view(x.z, v), plan_view(x.z, pw[j].plan), true))
                same = j;
        if (same >= 0) {
            Pathway *pp = &pw[same];
            size_t l = strlen(pp->also) + strlen(cs.v[i].label) + 2;
            char *a = xmalloc(l);
            snprintf(a, l, "%s%s%s", pp->also, *pp->also ? " " : "", cs.v[i].label);
            free(pp->also);
            pp->also = a;
            free(v);
            continue;
        }
        pw[J] = (Pathway){&cs.v[i], sol[i], v, xstrdup("")};
        sol[i] = NULL;
        J++;
    }
    if (st == TICO_OK && J == 0) {
        fprintf(stderr, "tico mc: no candidate pathway has a solution; nothing written\n");
        st = TICO_ENOSOL;
    }

    /* scenarios and the cost matrix */
    double *theta = NULL, *coef = NULL, *cost = NULL;
    McStats *stats = NULL;
    Reopt ro = {0};
    bool reopt = p->reoptimise && st == TICO_OK;
    if (st == TICO_OK) {
        theta = xmalloc((size_t)n * (size_t)K1 * sizeof *theta);
        mc_sample(U, n, seed, theta);
        coef = xmalloc((size_t)K1 * (size_t)J * sizeof *coef);
        double *cj = xmalloc((size_t)K1 * sizeof *cj);
        for (int j = 0; j < J; j++) {
            mc_coefficients(m, pw[j].sol, cj);
            for (int k = 0; k < K1; k++)
                coef[(size_t)k * (size_t)J + (size_t)j] = cj[k];
        }
        free(cj);
    }
    if (reopt) {
        /* every scenario solved again, from the first pathway's solution (worker processes;
         * before any BLAS call, so that no BLAS thread exists when the workers fork) */
        x.theta = theta;
        x.K1 = K1;
        x.start = pw[0].sol;
        if (!p->quiet)
            fprintf(stderr, "tico mc: re-optimising %d scenario%s\n", n, n == 1 ? "" : "s");
        TaskRecord *rr = xcalloc((size_t)n + 1, sizeof *rr);
        st = sweep_collect(workers, n, run_scenario, &x, n, "tico mc: scenarios", p->quiet, "tico mc: scenario", rr);
        ro.n = n;
        ro.cost = xmalloc((size_t)n * sizeof *ro.cost);
        ro.status = xmalloc((size_t)n * sizeof *ro.status);
        ro.match = xmalloc((size_t)n * sizeof *ro.match);
        ro.match_routes = xcalloc((size_t)J, sizeof *ro.match_routes);
        ro.match_plants = xcalloc((size_t)J, sizeof *ro.match_plants);
        ro.match_all = xcalloc((size_t)J, sizeof *ro.match_all);
        ro.excess = xcalloc((size_t)J, sizeof *ro.excess);
        ro.mean_fixed = xcalloc((size_t)J, sizeof *ro.mean_fixed);
        for (int i = 0; i < n; i++) {
            ro.cost[i] = NAN;
            ro.status[i] = -1;
            ro.match[i] = -1;
            int nv = 0;
            const double *plan = task_get_vec(&rr[i], "plan", &nv);
            double cost_i = task_get(&rr[i], "cost", NAN);
            if (st == TICO_OK && (isfinite(cost_i) ? nv == L : nv == 0) && isfinite(task_get(&rr[i], "status", NAN))) {
                ro.status[i] = (int)task_get(&rr[i], "status", -1);
                ro.cost[i] = cost_i;
                if (isfinite(cost_i)) {
                    Plan pi = plan_view(x.z, (double *)plan);
                    for (int j = 0; j < J; j++) {
                        Plan pj = plan_view(x.z, pw[j].plan);
                        if (plan_same(x.z, pi, pj, false)) {
                            ro.match_routes[j] += 1.0;
                            if (ro.match[i] < 0)
                                ro.match[i] = j;
                        }
                        if (plan_same(x.z, pi, pj, true))
                            ro.match_all[j] += 1.0;
                        ro.match_plants[j] += plants_same(m, pi, pj) / (m->nplants ? m->nplants : 1);
                    }
                }
            } else if (st == TICO_OK) {
                fprintf(stderr, "tico mc: scenario %d came back unreadable from its worker\n", i);
                st = TICO_EINTERNAL;
            }
            task_free(&rr[i]);
        }
        free(rr);
    }
    if (st == TICO_OK) {
        cost = xmalloc((size_t)n * (size_t)J * sizeof *cost);
        if (mc_evaluate(n, K1, J, theta, coef, cost) != 0)
            st = TICO_EINTERNAL;
    }
    if (st == TICO_OK) {
        stats = xcalloc((size_t)J, sizeof *stats);
        mc_stats(n, J, cost, stats);
    }
    if (reopt && st == TICO_OK) {
        double *rc = xmalloc((size_t)n * sizeof *rc);
        int ns = 0;
        for (int i = 0; i < n; i++) {
            if (!isfinite(ro.cost[i]))
                continue;
            rc[ns++] = ro.cost[i];
            for (int j = 0; j < J; j++) {
                double c = cost[(size_t)i * (size_t)J + (size_t)j];
                ro.mean_fixed[j] += c;
                ro.excess[j] += c - ro.cost[i];
            }
        }
        ro.solved = ns;
        mc_stats(ns, 1, rc, &ro.st);
        free(rc);
        ro.best = 0;
        for (int j = 0; j < J; j++) {
            double d = ns ? ns : 1;
            ro.mean_fixed[j] /= d;
            ro.excess[j] = ns ? ro.excess[j] / d : NAN;
            ro.match_routes[j] = ns ? ro.match_routes[j] / d : NAN;
            ro.match_plants[j] = ns ? ro.match_plants[j] / d : NAN;
            ro.match_all[j] = ns ? ro.match_all[j] / d : NAN;
            if (ro.mean_fixed[j] < ro.mean_fixed[ro.best])
                ro.best = j;
        }
        ro.evpi = ns ? ro.mean_fixed[ro.best] - ro.st.mean : NAN;
        if (ns < n && !p->quiet)
            fprintf(stderr, "tico mc: warning: %d scenario%s without a solution in the re-optimisation; the "
                    "statistics are over the %d solved\n", n - ns, n - ns == 1 ? "" : "s", ns);
    }

    if (st == TICO_OK) {
        const char *dir = p->outdir;
        OutSet *os = out_begin(dir);
        if (!os) {
            st = TICO_EINTERNAL;
        } else {
            FILE *f1 = out_open(os, "mc.csv"), *f2 = out_open(os, "mc_scenarios.csv"), *f3 = out_open(os, "mc.svg");
            if (f1 && f2 && f3) {
                write_mc_csv(f1, m, pw, J, coef, stats, n, reopt ? &ro : NULL);
                write_scenarios_csv(f2, m, pw, J, n, theta, cost, reopt ? &ro : NULL);
                write_svg(f3, pw, J, n, cost, stats, reopt ? &ro : NULL);
                st = out_commit(os);
            } else {
                out_abort(os);
                st = TICO_EINTERNAL;
            }
        }
        if (st == TICO_OK && !p->quiet)
            print_table(m, pw, J, stats, reopt ? &ro : NULL, n, seed, cs.n, dir);
    }

    reopt_free(&ro);
    free(theta);
    free(coef);
    free(cost);
    free(stats);
    for (int j = 0; j < J; j++) {
        solution_free(pw[j].sol);
        free(pw[j].plan);
        free(pw[j].also);
    }
    free(pw);
    for (int i = 0; i < cs.n; i++)
        solution_free(sol[i]);
    free(sol);
    free(x.chain_first);
    cands_free(&cs);
    return st;
}
