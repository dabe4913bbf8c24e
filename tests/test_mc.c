/*
 * test_mc.c — `tico mc` (solver/analysis/mc.c) and the `uncertainty` section (solver/load/load_uncertainty.c).
 *
 * instances/teach_mc.cfg derives in its header, by hand, the cost of its three pathways as
 * affine functions of the five multipliers (gas g, power e, CO2 fee f, electrolyser capex h,
 * carbon price c), in MEUR:
 *   optimum   (CCS)        400 + 660 g + 270 f + 100 c
 *   price_0   (old route)  100 + 600 g + 1000 c
 *   price_350 (hydrogen)   400 + 1200 e + 40 h
 * and, since its one line runs one route, the re-optimised cost of a scenario is the cheapest
 * of the three.
 */
#include "testing.h"

#include "mc.h"
#include "solve.h"

#define INST "instances/teach_mc.cfg"

/* ---- a small CSV reader (no quoted fields in these files) --------------------------- */

typedef struct {
    int rows, cols;
    char **cell;   /* [rows x cols], row 0 = header */
    char *text;
} Csv;

static int csv_read(const char *path, Csv *c)
{
    memset(c, 0, sizeof *c);
    FILE *f = fopen(path, "r");
    if (!f)
        return 0;
    size_t cap = 1 << 16, n = 0, got;
    c->text = malloc(cap);
    while ((got = fread(c->text + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 >= cap)
            c->text = realloc(c->text, cap *= 2);
    }
    fclose(f);
    c->text[n] = '\0';
    int lines = 0, fields = 1;
    for (size_t i = 0; i < n; i++)
        lines += c->text[i] == '\n';
    for (const char *p = c->text; *p && *p != '\n'; p++)
        fields += *p == ',';
    c->rows = lines;
    c->cols = fields;
    c->cell = calloc((size_t)lines * (size_t)fields + 1, sizeof *c->cell);
    char *p = c->text;
    for (int r = 0; r < lines; r++) {
        char *end = strchr(p, '\n');
        *end = '\0';
        for (int k = 0; k < fields; k++) {
            char *comma = strchr(p, ',');
            c->cell[r * fields + k] = p;
            if (comma) {
                *comma = '\0';
                p = comma + 1;
            } else {
                p = end;
            }
        }
        p = end + 1;
    }
    return 1;
}

static void csv_free(Csv *c)
{
    free(c->cell);
    free(c->text);
}

static int csv_col(const Csv *c, const char *name)
{
    for (int k = 0; k < c->cols; k++)
        if (strcmp(c->cell[k], name) == 0)
            return k;
    return -1;
}

static const char *csv_s(const Csv *c, int row, const char *name)
{
    int k = csv_col(c, name);
    return k >= 0 && row < c->rows ? c->cell[row * c->cols + k] : "";
}

static double csv_d(const Csv *c, int row, const char *name)
{
    const char *s = csv_s(c, row, name);
    return *s ? strtod(s, NULL) : NAN;
}

/* The row whose first field is key; -1 if none. */
static int csv_row(const Csv *c, const char *key)
{
    for (int r = 1; r < c->rows; r++)
        if (strcmp(c->cell[r * c->cols], key) == 0)
            return r;
    return -1;
}

static void run_mc(const char *dir, const char *args, const char *inst)
{
    char cmd[1024], out[8192];
    snprintf(cmd, sizeof cmd, TT_TICO " mc -q %s -o %s %s", args, dir, inst);
    int rc = tt_sh(cmd, out, sizeof out);
    if (rc != 0)
        fprintf(stderr, "\n%s\n%s\n", cmd, out);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
}

static Model *load_teach(void)
{
    Diag d = {0};
    Model *m = tt_load(INST, &d);
    if (!m)
        diag_print(&d, stderr);
    diag_free(&d);
    return m;
}

/* The hand formulas of the header, in EUR, for multipliers th[1..5] = g, e, f, h, c. */
static void hand_costs(const double *th, double *cost)
{
    double g = th[1], e = th[2], f = th[3], h = th[4], c = th[5];
    cost[0] = (400 + 660 * g + 270 * f + 100 * c) * 1e6;
    cost[1] = (100 + 600 * g + 1000 * c) * 1e6;
    cost[2] = (400 + 1200 * e + 40 * h) * 1e6;
}

/* ---- sampling --------------------------------------------------------------------------- */

static void test_sampling_reproducible(void)
{
    Model *m = load_teach();
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    const Uncertainty *U = &m->uncertainty;
    CU_ASSERT_TRUE(U->present);
    CU_ASSERT_EQUAL(U->nparams, 5);
    CU_ASSERT_EQUAL(U->samples, 1000);
    CU_ASSERT_EQUAL(U->seed, 1);
    int K1 = U->nparams + 1, n = 1000;
    double *a = malloc(sizeof(double) * (size_t)(n * K1)), *b = malloc(sizeof(double) * (size_t)(n * K1));
    double *c = malloc(sizeof(double) * (size_t)(100 * K1)), *d = malloc(sizeof(double) * (size_t)(n * K1));
    mc_sample(U, n, 1, a);
    mc_sample(U, n, 1, b);
    mc_sample(U, 100, 1, c);
    mc_sample(U, n, 2, d);
    CU_ASSERT_EQUAL(memcmp(a, b, sizeof(double) * (size_t)(n * K1)), 0);      /* same seed, same draws */
    CU_ASSERT_EQUAL(memcmp(a, c, sizeof(double) * (size_t)(100 * K1)), 0);    /* the first 100 of 1000 */
    CU_ASSERT_NOT_EQUAL(memcmp(a, d, sizeof(double) * (size_t)(n * K1)), 0);  /* another seed */
    for (int i = 0; i < n; i++)
        CU_ASSERT_EQUAL(a[i * K1], 1.0);
    /* the same numbers on every machine: scenario 0 of seed 1 (xoshiro256** seeded by
     * splitmix64 from seed ^ FNV-1a(id); Box-Muller; inverse CDFs) */
    TT_ASSERT_REL(a[1], 1.13428702157, 1e-11);
    TT_ASSERT_REL(a[2], 1.37730914673, 1e-11);
    TT_ASSERT_REL(a[3], 0.951588104619, 1e-11);
    TT_ASSERT_REL(a[4], 0.982879691901, 1e-11);
    TT_ASSERT_REL(a[5], 0.713714921787, 1e-11);
    /* a parameter's stream does not depend on the others: drop "gas" and "power" is unchanged */
    Uncertainty U2 = *U;
    U2.params = U->params + 1;
    U2.nparams = U->nparams - 1;
    double *e = malloc(sizeof(double) * (size_t)(n * (K1 - 1)));
    mc_sample(&U2, n, 1, e);
    int same = 1;
    for (int i = 0; i < n; i++)
        same &= e[i * (K1 - 1) + 1] == a[i * K1 + 2];
    CU_ASSERT_TRUE(same);
    free(a);
    free(b);
    free(c);
    free(d);
    free(e);
    model_free(m);
}

/* Sample mean and sd of 20000 draws within 4 standard errors of the exact moments. */
static void check_moments(UncParam u)
{
    const int N = 20000;
    u.id = (char *)"moments";
    McRng r;
    mc_rng_seed(&r, 7, u.id);
    double *x = malloc(sizeof(double) * N), sum = 0.0, lo = INFINITY, hi = -INFINITY;
    for (int i = 0; i < N; i++) {
        x[i] = mc_draw(&u, &r);
        sum += x[i];
        lo = x[i] < lo ? x[i] : lo;
        hi = x[i] > hi ? x[i] : hi;
    }
    double mean = sum / N, m2 = 0.0, m4 = 0.0;
    for (int i = 0; i < N; i++) {
        double d = x[i] - mean;
        m2 += d * d;
        m4 += d * d * d * d;
    }
    m2 /= N - 1;
    m4 /= N;
    double sd = sqrt(m2), emean, esd;
    mc_moments(&u, &emean, &esd);
    double se_mean = esd / sqrt(N);
    double se_sd = sqrt((m4 - m2 * m2) / N) / (2.0 * sd); /* delta method on the sample variance */
    if (!(fabs(mean - emean) <= 4 * se_mean) || !(fabs(sd - esd) <= 4 * se_sd))
        fprintf(stderr, "\n  distribution %d: mean %.6f (exact %.6f, se %.2g), sd %.6f (exact %.6f, se %.2g)\n",
                (int)u.dist, mean, emean, se_mean, sd, esd, se_sd);
    CU_ASSERT(fabs(mean - emean) <= 4 * se_mean);
    CU_ASSERT(fabs(sd - esd) <= 4 * se_sd);
    if (u.dist == UNC_UNIFORM || u.dist == UNC_TRIANGULAR) {
        CU_ASSERT(lo >= u.low);
        CU_ASSERT(hi <= u.high);
    }
    if (u.dist == UNC_LOGNORMAL)
        CU_ASSERT(lo > 0.0);
    free(x);
}

static void test_sampling_moments(void)
{
    check_moments((UncParam){.dist = UNC_NORMAL, .mean = 1.0, .sd = 0.2});
    check_moments((UncParam){.dist = UNC_NORMAL, .mean = 50.0, .sd = 10.0});
    check_moments((UncParam){.dist = UNC_LOGNORMAL, .mean = 1.0, .sd = 0.3});
    check_moments((UncParam){.dist = UNC_LOGNORMAL, .mean = 2.0, .sd = 1.5});
    check_moments((UncParam){.dist = UNC_UNIFORM, .low = 0.7, .high = 1.5});
    check_moments((UncParam){.dist = UNC_TRIANGULAR, .low = 0.7, .mode = 1.0, .high = 1.5});
    check_moments((UncParam){.dist = UNC_TRIANGULAR, .low = 0.8, .mode = 0.8, .high = 2.0});
    check_moments((UncParam){.dist = UNC_TRIANGULAR, .low = 0.0, .mode = 3.0, .high = 3.0});
    /* exact moments by hand: uniform (a+b)/2, (b-a)/sqrt 12; triangular (a+b+c)/3 and
     * sqrt((a^2+b^2+c^2-ab-ac-bc)/18) */
    double mu, sd;
    mc_moments(&(UncParam){.dist = UNC_UNIFORM, .low = 0.7, .high = 1.5}, &mu, &sd);
    TT_ASSERT_REL(mu, 1.1, 1e-12);
    TT_ASSERT_REL(sd, 0.8 / sqrt(12.0), 1e-12);
    mc_moments(&(UncParam){.dist = UNC_TRIANGULAR, .low = 0.7, .mode = 1.0, .high = 1.5}, &mu, &sd);
    TT_ASSERT_REL(mu, 3.2 / 3.0, 1e-12);
    TT_ASSERT_REL(sd, sqrt((0.49 + 1.0 + 2.25 - 0.7 - 1.05 - 1.5) / 18.0), 1e-12);
}

/* ---- evaluation --------------------------------------------------------------------------- */

/* The coefficients of the instance's optimum (the CCS route), solved in this process. */
static void test_coefficients(void)
{
    Model *m = load_teach();
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    BuildOpts bo = {false, 0.0, false};
    SolveParams sp;
    solve_params_default(&sp, m, true);
    sp.quiet = true;
    sp.duals = false;
    Solution *s = NULL;
    CU_ASSERT_EQUAL_FATAL(solve_model(m, &bo, &sp, &s), TICO_OK);
    double coef[6];
    double total = mc_coefficients(m, s, coef);
    /* c_0, gas, power, co2_fee, h2_capex, co2: 400, 660, 0, 270, 0, 100 MEUR */
    const double want[6] = {400e6, 660e6, 0.0, 270e6, 0.0, 100e6};
    for (int k = 0; k < 6; k++)
        TT_ASSERT_REL(coef[k], want[k], 1e-9);
    TT_ASSERT_REL(total, 1430e6, 1e-9);
    TT_ASSERT_REL(total, s->objective, 1e-9);
    /* the same solution paid at carbon price 0: the carbon part is the Model's price's */
    m->policy.carbon_price[0] = 0.0;
    mc_coefficients(m, s, coef);
    TT_ASSERT_REL(coef[5], 0.0, 1e-12);
    TT_ASSERT_REL(coef[0], 400e6, 1e-9);
    solution_free(s);
    model_free(m);
}

/* C = Theta x Coef by dgemm against the header's formulas for a few scenarios. */
static void test_dgemm(void)
{
    /* coefficient table of the header, (K + 1) x J row-major, MEUR -> EUR */
    const double tab[6][3] = {{400, 100, 400}, {660, 600, 0}, {0, 0, 1200}, {270, 0, 0}, {0, 0, 40}, {100, 1000, 0}};
    double coef[18];
    for (int k = 0; k < 6; k++)
        for (int j = 0; j < 3; j++)
            coef[k * 3 + j] = tab[k][j] * 1e6;
    const double theta[3][6] = {
        {1, 1, 1, 1, 1, 1},
        {1, 1.2, 0.8, 1.5, 1.5, 2.0},
        {1, 0.5, 1.5, 0.7, 0.7, 0.5},
    };
    double cost[9];
    CU_ASSERT_EQUAL(mc_evaluate(3, 6, 3, &theta[0][0], coef, cost), 0);
    /* by hand:
     *   all ones:                  1430, 1700, 1640
     *   g 1.2 e 0.8 f 1.5 h 1.5 c 2: 400 + 792 + 405 + 200 = 1797; 100 + 720 + 2000 = 2820;
     *                              400 + 960 + 60 = 1420
     *   g 0.5 e 1.5 f 0.7 h 0.7 c 0.5: 400 + 330 + 189 + 50 = 969; 100 + 300 + 500 = 900;
     *                              400 + 1800 + 28 = 2228 */
    const double want[9] = {1430, 1700, 1640, 1797, 2820, 1420, 969, 900, 2228};
    for (int i = 0; i < 9; i++)
        TT_ASSERT_REL(cost[i], want[i] * 1e6, 1e-12);
}

/* Statistics of a hand-checked set of 5 scenarios x 3 pathways. */
static void test_stats(void)
{
    const double cost[5][3] = {{10, 12, 11}, {20, 15, 15}, {30, 40, 35}, {40, 20, 50}, {50, 60, 10}};
    McStats st[3];
    mc_stats(5, 3, &cost[0][0], st);
    /* column 0: 10..50: mean 30, sd sqrt(1000/4); P10 at h = 0.4: 14; P50 30; P90 at h = 3.6: 46 */
    TT_ASSERT_REL(st[0].mean, 30.0, 1e-12);
    TT_ASSERT_REL(st[0].sd, sqrt(250.0), 1e-12);
    TT_ASSERT_REL(st[0].p10, 14.0, 1e-12);
    TT_ASSERT_REL(st[0].p50, 30.0, 1e-12);
    TT_ASSERT_REL(st[0].p90, 46.0, 1e-12);
    /* column 1 sorted 12 15 20 40 60: mean 29.4, P10 13.2, P50 20, P90 52 */
    TT_ASSERT_REL(st[1].mean, 29.4, 1e-12);
    TT_ASSERT_REL(st[1].p10, 13.2, 1e-12);
    TT_ASSERT_REL(st[1].p50, 20.0, 1e-12);
    TT_ASSERT_REL(st[1].p90, 52.0, 1e-12);
    /* column 2 sorted 10 11 15 35 50: mean 24.2, P10 10.4, P50 15, P90 44 */
    TT_ASSERT_REL(st[2].mean, 24.2, 1e-12);
    TT_ASSERT_REL(st[2].p10, 10.4, 1e-12);
    TT_ASSERT_REL(st[2].p90, 44.0, 1e-12);
    TT_ASSERT_REL(st[2].min, 10.0, 1e-12);
    TT_ASSERT_REL(st[2].max, 50.0, 1e-12);
    /* cheapest: s0 col 0; s1 cols 1 and 2 tie (1/2 each); s2 col 0; s3 col 1; s4 col 2 */
    TT_ASSERT_REL(st[0].prob_cheapest, 0.4, 1e-12);
    TT_ASSERT_REL(st[1].prob_cheapest, 0.3, 1e-12);
    TT_ASSERT_REL(st[2].prob_cheapest, 0.3, 1e-12);
    /* regrets: col 0: 0 5 0 20 40; col 1: 2 0 10 0 50; col 2: 1 0 5 30 0 */
    TT_ASSERT_REL(st[0].max_regret, 40.0, 1e-12);
    TT_ASSERT_REL(st[0].mean_regret, 13.0, 1e-12);
    TT_ASSERT_REL(st[1].max_regret, 50.0, 1e-12);
    TT_ASSERT_REL(st[1].mean_regret, 12.4, 1e-12);
    TT_ASSERT_REL(st[2].max_regret, 30.0, 1e-12);
    TT_ASSERT_REL(st[2].mean_regret, 7.2, 1e-12);
    /* one scenario: every quantile is the value, sd 0 */
    const double one[1] = {7.0};
    mc_stats(1, 1, one, st);
    TT_ASSERT_REL(st[0].p10, 7.0, 1e-12);
    TT_ASSERT_REL(st[0].p90, 7.0, 1e-12);
    TT_ASSERT_REL(st[0].sd, 0.0, 1e-12);
    TT_ASSERT_REL(st[0].prob_cheapest, 1.0, 1e-12);
}

/* ---- the command ---------------------------------------------------------------------- */

static void test_command_teach(void)
{
    run_mc(TT_TMP "/mc_teach", "-j 2", INST);
    Csv c, s;
    CU_ASSERT_FATAL(csv_read(TT_TMP "/mc_teach/mc.csv", &c));
    CU_ASSERT_FATAL(csv_read(TT_TMP "/mc_teach/mc_scenarios.csv", &s));
    CU_ASSERT_EQUAL(c.rows, 4); /* header + 3 pathways */
    const char *names[3] = {"optimum", "price_0", "price_350"};
    const double tab[6][3] = {{400, 100, 400}, {660, 600, 0}, {0, 0, 1200}, {270, 0, 0}, {0, 0, 40}, {100, 1000, 0}};
    const char *cols[6] = {"cost_fixed_eur", "cost_gas_eur", "cost_power_eur", "cost_co2_fee_eur",
                           "cost_h2_capex_eur", "cost_co2_eur"};
    const double base[3] = {1430e6, 1700e6, 1640e6};
    /* exact expectations: E[f] = 1.1, E[h] = 3.2/3, E[c] = 1.25 */
    const double expect[3] = {1482e6, 1950e6, (1640 + 40 * (3.2 / 3.0 - 1.0)) * 1e6};
    for (int j = 0; j < 3; j++) {
        int r = csv_row(&c, names[j]);
        CU_ASSERT_FATAL(r > 0);
        for (int k = 0; k < 6; k++)
            TT_ASSERT_REL(csv_d(&c, r, cols[k]), tab[k][j] * 1e6, 1e-9);
        TT_ASSERT_REL(csv_d(&c, r, "base_cost_eur"), base[j], 1e-9);
        double mean = csv_d(&c, r, "expected_cost_eur"), sd = csv_d(&c, r, "sd_cost_eur");
        CU_ASSERT(fabs(mean - expect[j]) <= 4 * sd / sqrt(1000.0));
        CU_ASSERT_EQUAL(csv_d(&c, r, "scenarios"), 1000);
    }
    CU_ASSERT_STRING_EQUAL(csv_s(&c, csv_row(&c, "optimum"), "same_pathway_as"),
                           "price_100 price_150 price_200 price_250 price_300");
    CU_ASSERT_STRING_EQUAL(csv_s(&c, csv_row(&c, "price_0"), "same_pathway_as"), "price_50");
    CU_ASSERT_STRING_EQUAL(csv_s(&c, csv_row(&c, "price_350"), "same_pathway_as"), "price_400");
    /* every scenario row against the hand formulas; cheapest = the row minimum */
    CU_ASSERT_EQUAL(s.rows, 1001);
    double p_cheap[3] = {0, 0, 0};
    int bad = 0;
    for (int i = 1; i < s.rows; i++) {
        double th[6] = {1, csv_d(&s, i, "gas"), csv_d(&s, i, "power"), csv_d(&s, i, "co2_fee"),
                        csv_d(&s, i, "h2_capex"), csv_d(&s, i, "co2")};
        double want[3];
        hand_costs(th, want);
        int best = 0;
        for (int j = 0; j < 3; j++) {
            char col[64];
            snprintf(col, sizeof col, "cost_%s", names[j]);
            bad += fabs(csv_d(&s, i, col) - want[j]) > 1e-9 * want[j] + 1.0; /* the file has 12 digits */
            if (want[j] < want[best])
                best = j;
        }
        p_cheap[best] += 1.0 / 1000;
        bad += strcmp(csv_s(&s, i, "cheapest"), names[best]) != 0;
    }
    CU_ASSERT_EQUAL(bad, 0);
    for (int j = 0; j < 3; j++)
        TT_ASSERT_REL(csv_d(&c, csv_row(&c, names[j]), "prob_cheapest"), p_cheap[j], 1e-9);
    CU_ASSERT(tt_file_has(TT_TMP "/mc_teach/mc.svg", "<svg"));
    CU_ASSERT(tt_file_has(TT_TMP "/mc_teach/mc.svg", "Cumulative distribution of the cost"));
    csv_free(&c);
    csv_free(&s);
}

/* --reoptimise: the same bytes with -j 1 and -j 2; each scenario's optimum is the cheapest
 * pathway (one line, one route), so EVPI = the best pathway's expected regret. */
static void test_reoptimise(void)
{
    run_mc(TT_TMP "/mc_re1", "--reoptimise --samples 300 -j 1", INST);
    run_mc(TT_TMP "/mc_re2", "--reoptimise --samples 300 -j 2", INST);
    char out[4096];
    const char *files[] = {"mc.csv", "mc_scenarios.csv", "mc.svg"};
    for (int i = 0; i < 3; i++) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "cmp " TT_TMP "/mc_re1/%s " TT_TMP "/mc_re2/%s", files[i], files[i]);
        CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
    }
    Csv c, s;
    CU_ASSERT_FATAL(csv_read(TT_TMP "/mc_re1/mc.csv", &c));
    CU_ASSERT_FATAL(csv_read(TT_TMP "/mc_re1/mc_scenarios.csv", &s));
    CU_ASSERT_EQUAL(s.rows, 301);
    int bad = 0;
    double mean_re = 0.0;
    for (int i = 1; i < s.rows; i++) {
        double lo = INFINITY;
        const char *cols[3] = {"cost_optimum", "cost_price_0", "cost_price_350"};
        for (int j = 0; j < 3; j++)
            lo = fmin(lo, csv_d(&s, i, cols[j]));
        double re = csv_d(&s, i, "reoptimised_cost_eur");
        bad += !(fabs(re - lo) <= 1e-6 * lo);
        bad += strcmp(csv_s(&s, i, "reoptimised_status"), "optimal") != 0;
        bad += strcmp(csv_s(&s, i, "reoptimised_same_routes_as"), csv_s(&s, i, "cheapest")) != 0;
        mean_re += re / 300;
    }
    CU_ASSERT_EQUAL(bad, 0);
    int r = csv_row(&c, "reoptimised");
    CU_ASSERT_FATAL(r > 0);
    TT_ASSERT_REL(csv_d(&c, r, "expected_cost_eur"), mean_re, 1e-9);
    int o = csv_row(&c, "optimum");
    TT_ASSERT_REL(csv_d(&c, r, "evpi_eur"), csv_d(&c, o, "expected_regret_eur"), 1e-6);
    TT_ASSERT_REL(csv_d(&c, r, "evpi_eur"), csv_d(&c, o, "expected_cost_eur") - mean_re, 1e-6);
    const char *names[3] = {"optimum", "price_0", "price_350"};
    for (int j = 0; j < 3; j++) {
        int q = csv_row(&c, names[j]);
        TT_ASSERT_REL(csv_d(&c, q, "match_routes"), csv_d(&c, q, "prob_cheapest"), 1e-9);
        TT_ASSERT_REL(csv_d(&c, q, "match_decisions"), csv_d(&c, q, "prob_cheapest"), 1e-9);
        TT_ASSERT_REL(csv_d(&c, q, "match_plants"), csv_d(&c, q, "prob_cheapest"), 1e-9); /* one plant */
        TT_ASSERT_REL(csv_d(&c, q, "expected_excess_over_reoptimised_eur"), csv_d(&c, q, "expected_regret_eur"), 1e-6);
    }
    csv_free(&c);
    csv_free(&s);
}

/* --samples, --seed and --set override the section; fewer samples are a prefix. */
static void test_overrides(void)
{
    run_mc(TT_TMP "/mc_s50", "--samples 50", INST);
    run_mc(TT_TMP "/mc_set50", "--set uncertainty.samples=50", INST);
    run_mc(TT_TMP "/mc_seed", "--samples 50 --seed 9", INST);
    Csv a, b, c, full;
    CU_ASSERT_FATAL(csv_read(TT_TMP "/mc_s50/mc_scenarios.csv", &a));
    CU_ASSERT_FATAL(csv_read(TT_TMP "/mc_set50/mc_scenarios.csv", &b));
    CU_ASSERT_FATAL(csv_read(TT_TMP "/mc_seed/mc_scenarios.csv", &c));
    CU_ASSERT_FATAL(csv_read(TT_TMP "/mc_teach/mc_scenarios.csv", &full));
    CU_ASSERT_EQUAL(a.rows, 51);
    CU_ASSERT_EQUAL(b.rows, 51);
    int same = 1, differ = 0;
    for (int i = 1; i < 51 && a.rows == 51 && full.rows > 51; i++) {
        same &= strcmp(csv_s(&a, i, "gas"), csv_s(&full, i, "gas")) == 0;
        same &= strcmp(csv_s(&a, i, "co2"), csv_s(&full, i, "co2")) == 0;
        same &= strcmp(csv_s(&a, i, "gas"), csv_s(&b, i, "gas")) == 0;
        differ += strcmp(csv_s(&a, i, "gas"), csv_s(&c, i, "gas")) != 0;
    }
    CU_ASSERT_TRUE(same);
    CU_ASSERT_EQUAL(differ, 50);
    csv_free(&a);
    csv_free(&b);
    csv_free(&c);
    csv_free(&full);
}

/* --pathways: names, a price, a range, a solved plan; problems as FILE:LINE, exit 2. */
static void test_pathways_file(void)
{
    char out[8192];
    CU_ASSERT_EQUAL_FATAL(tt_sh(TT_TICO " solve -q --set policy.carbon_price=200 -o " TT_TMP "/mc_plan " INST, out,
                                sizeof out), 0);
    const char *pw = tt_write("mc_pathways.txt", "# candidates\n"
                                                 "optimum\n"
                                                 "old: price 20      # the old route\n"
                                                 "price 500\n"
                                                 "ccs_plan: solution mc_plan/solution.json\n"
                                                 "price 0:100:100\n");
    char args[256];
    snprintf(args, sizeof args, "--samples 20 --pathways %s", pw);
    run_mc(TT_TMP "/mc_pw", args, INST);
    Csv c;
    CU_ASSERT_FATAL(csv_read(TT_TMP "/mc_pw/mc.csv", &c));
    CU_ASSERT_EQUAL(c.rows, 4);
    CU_ASSERT_STRING_EQUAL(csv_s(&c, csv_row(&c, "optimum"), "same_pathway_as"), "ccs_plan price_100");
    CU_ASSERT_STRING_EQUAL(csv_s(&c, csv_row(&c, "old"), "same_pathway_as"), "price_0");
    TT_ASSERT_REL(csv_d(&c, csv_row(&c, "old"), "base_cost_eur"), 1700e6, 1e-9);
    TT_ASSERT_REL(csv_d(&c, csv_row(&c, "price_500"), "base_cost_eur"), 1640e6, 1e-9);
    csv_free(&c);

    const char *bad = tt_write("mc_pathways_bad.txt", "optimum\n"
                                                      "price 1,2\n"
                                                      "frobnicate\n"
                                                      "solution nowhere.json\n"
                                                      "x: price 0:100:50\n");
    char cmd[512];
    snprintf(cmd, sizeof cmd, TT_TICO " mc -q --pathways %s -o " TT_TMP "/mc_pw_bad " INST, bad);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tests/tmp/mc_pathways_bad.txt:2: '1,2': expected a carbon price"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tests/tmp/mc_pathways_bad.txt:3: expected 'optimum'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tests/tmp/mc_pathways_bad.txt:4: cannot read 'tests/tmp/nowhere.json'"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tests/tmp/mc_pathways_bad.txt:5: a range gives several candidates"));
    CU_ASSERT_EQUAL(tt_sh("test -e " TT_TMP "/mc_pw_bad", out, sizeof out), 1); /* nothing written */

    /* a plan of another instance */
    const char *other = tt_write("mc_pathways_other.txt", "solution mc_plan_other/solution.json\n");
    CU_ASSERT_EQUAL_FATAL(tt_sh(TT_TICO " solve -q -o " TT_TMP "/mc_plan_other instances/teach_macc.cfg", out,
                                sizeof out), 0);
    snprintf(cmd, sizeof cmd, TT_TICO " mc -q --pathways %s -o " TT_TMP "/mc_pw_bad " INST, other);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "plant 'works' of the instance is missing"));

    /* a file that is not JSON, or is cut short: a message, never a crash */
    const char *cut[] = {"{\"periods\": [1, ", "{\"a\" 1}", "[1, 2] x", "\"open", "{\"periods\": [{\"year\": 2030}], "
                         "\"plants\": [{\"id\": \"works\", \"periods\": [{\"routes\": 5}]}]}"};
    for (int k = 0; k < 5; k++) {
        tt_write("mc_cut.json", cut[k]);
        const char *list = tt_write("mc_pathways_cut.txt", "solution mc_cut.json\n");
        snprintf(cmd, sizeof cmd, TT_TICO " mc -q --pathways %s -o " TT_TMP "/mc_pw_bad " INST, list);
        CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 2);
        CU_ASSERT_PTR_NOT_NULL(strstr(out, "mc_cut.json"));
    }
}

/* ---- validation ------------------------------------------------------------------------- */

/* teach_mc.cfg without its uncertainty section, then `section`; returns the path and sets
 * *first to the line number the section starts at. */
static const char *with_section(const char *name, const char *section, int *first)
{
    FILE *f = fopen(INST, "r");
    static char text[1 << 16];
    size_t n = f ? fread(text, 1, sizeof text - 1, f) : 0;
    if (f)
        fclose(f);
    text[n] = '\0';
    char *cut = strstr(text, "\nuncertainty = {");
    if (cut)
        cut[1] = '\0';
    int lines = 0;
    for (const char *p = text; *p; p++)
        lines += *p == '\n';
    *first = lines + 1;
    static char all[1 << 17];
    snprintf(all, sizeof all, "%s%s", text, section);
    return tt_write(name, all);
}

static void test_validation(void)
{
    int L;
    const char *path = with_section("mc_bad.cfg",
        "uncertainty = {\n"                                                                                    /* +0 */
        "  samples = 0; seeds = 3;\n"                                                                          /* +1 */
        "  parameters = (\n"                                                                                   /* +2 */
        "    { id = \"gas\"; kind = \"price\"; commodity = \"natural_gaz\"; distribution = \"normal\"; mean = 1.0; sd = 0.5; },\n" /* +3 */
        "    { id = \"power\"; kind = \"pric\"; commodity = \"electricity\"; distribution = \"lognormal\"; mean = 0; sd = 0.3; },\n" /* +4 */
        "    { id = \"fee\"; kind = \"price\"; commodity = \"steel\"; distribution = \"uniform\"; low = 1.5; high = 0.7; },\n" /* +5 */
        "    { id = \"h2\"; kind = \"capex\"; technologies = [\"electrolyser\"]; distribution = \"triangular\"; low = 0.7; mode = 1.6; high = 1.5; },\n" /* +6 */
        "    { id = \"h2b\"; kind = \"capex\"; technology = \"electrolyser\"; distribution = \"uniform\"; low = 0.7; high = 1.5; sd = 1.0; },\n" /* +7 */
        "    { id = \"co2\"; kind = \"carbon_price\"; distribution = \"uniform\"; low = -0.5; high = 2.0; commodity = \"co2\"; },\n" /* +8 */
        "    { id = \"h2c\"; kind = \"capex\"; technologies = [\"electrolyser\"]; distribution = \"weibull\"; }\n" /* +9 */
        "  );\n"
        "};\n", &L);
    Diag d = {0};
    Model *m = tt_load(path, &d);
    CU_ASSERT_PTR_NULL(m);
    char at[128];
#define HAS(off, p, text)                                                                     \
    do {                                                                                      \
        snprintf(at, sizeof at, "%s:%d: %s", path, L + (off), p);                             \
        if (!tt_diag_has(&d, at, text, NULL)) {                                               \
            fprintf(stderr, "\n  missing: %s ... %s\n", at, text);                            \
            diag_print(&d, stderr);                                                           \
        }                                                                                     \
        CU_ASSERT(tt_diag_has(&d, at, text, NULL));                                           \
    } while (0)
    HAS(1, "uncertainty.samples:", "expected an integer in [1, 10000000], found 0");
    HAS(1, "uncertainty.seeds:", "did you mean 'seed'?");
    HAS(3, "uncertainty.parameters.[0].commodity:", "unknown commodity 'natural_gaz'; did you mean 'natural_gas'?");
    HAS(3, "uncertainty.parameters.[0].sd:", "expected sd <= mean / 3");
    HAS(4, "uncertainty.parameters.[1].kind:", "unknown kind 'pric'; did you mean 'price'?");
    HAS(4, "uncertainty.parameters.[1].mean:", "expected a number > 0, found 0");
    HAS(5, "uncertainty.parameters.[2].commodity:", "commodity 'steel' has no market");
    HAS(5, "uncertainty.parameters.[2].high:", "high 0.7 is below low 1.5");
    HAS(6, "uncertainty.parameters.[3].mode:", "expected low <= mode <= high");
    HAS(7, "uncertainty.parameters.[4].sd:", "'sd' is not a number of a uniform distribution; it takes low and high");
    HAS(8, "uncertainty.parameters.[5].low:", "expected a number >= 0, found -0.5");
    HAS(8, "uncertainty.parameters.[5].commodity:", "'commodity' belongs to a price parameter");
    HAS(9, "uncertainty.parameters.[6].distribution:", "unknown distribution 'weibull'");
    diag_free(&d);

    /* one multiplier per value */
    path = with_section("mc_dup.cfg",
        "uncertainty = { parameters = (\n"                                                                      /* +0 */
        "  { id = \"gas\"; kind = \"price\"; commodity = \"natural_gas\"; distribution = \"normal\"; mean = 1.0; sd = 0.2; },\n" /* +1 */
        "  { id = \"both\"; kind = \"price\"; commodities = [\"electricity\", \"natural_gas\"]; distribution = \"normal\"; mean = 1.0; sd = 0.2; },\n" /* +2 */
        "  { id = \"h2\"; kind = \"capex\"; technologies = [\"electrolyser\", \"electrolyser\"]; distribution = \"uniform\"; low = 0.7; high = 1.5; },\n" /* +3 */
        "  { id = \"h2b\"; kind = \"capex\"; technology = \"electrolyser\"; distribution = \"uniform\"; low = 0.7; high = 1.5; },\n" /* +4 */
        "  { id = \"h2c\"; kind = \"capex\"; technology = \"electrolyser\"; distribution = \"uniform\"; low = 0.7; high = 1.5; },\n" /* +5 */
        "  { id = \"co2\"; kind = \"carbon_price\"; distribution = \"uniform\"; low = 0.5; high = 2.0; },\n" /* +6 */
        "  { id = \"co2b\"; kind = \"carbon_price\"; distribution = \"uniform\"; low = 0.5; high = 2.0; },\n" /* +7 */
        "  { id = \"gas\"; kind = \"carbon_price\"; distribution = \"uniform\"; low = 0.5; high = 2.0; }\n" /* +8 */
        "); };\n", &L);
    m = tt_load(path, &d);
    CU_ASSERT_PTR_NULL(m);
    HAS(2, "uncertainty.parameters.[1].commodities:", "commodity 'natural_gas' is already in price parameter 'gas'");
    HAS(3, "uncertainty.parameters.[2].technologies.[1]:", "'electrolyser' is listed twice");
    HAS(5, "uncertainty.parameters.[4].technology:", "technology 'electrolyser' is already in capex parameter 'h2b'");
    HAS(7, "uncertainty.parameters.[6].kind:", "a second carbon_price parameter");
    HAS(8, "uncertainty.parameters.[7].id:", "duplicate parameter id 'gas'");
    diag_free(&d);
#undef HAS

    /* the command line: exit 2, the message, nothing written */
    char out[8192], cmd[512];
    snprintf(cmd, sizeof cmd, TT_TICO " mc -q -o " TT_TMP "/mc_bad_out %s", path);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "uncertainty.parameters.[7].id: duplicate parameter id 'gas'"));
    CU_ASSERT_EQUAL(tt_sh("test -e " TT_TMP "/mc_bad_out", out, sizeof out), 1);
    /* no section: tico mc says what is missing, exit 2; the other commands do not mind */
    path = with_section("mc_none.cfg", "", &L);
    snprintf(cmd, sizeof cmd, TT_TICO " mc -q -o " TT_TMP "/mc_bad_out %s", path);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "uncertainty: the instance has no 'uncertainty' section"));
    snprintf(cmd, sizeof cmd, TT_TICO " check -q %s", path);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
    /* the Dunkirk instance's section loads */
    m = tt_load("instances/dunkirk.cfg", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_TRUE(m->uncertainty.present);
    CU_ASSERT_EQUAL(m->uncertainty.nparams, 7);
    model_free(m);
    diag_free(&d);
}

TT_MAIN("mc",
        {"sampling: seeded draws reproduce, streams per parameter", test_sampling_reproducible},
        {"sampling: moments of 20000 draws within 4 standard errors", test_sampling_moments},
        {"coefficients of the optimum by hand", test_coefficients},
        {"dgemm evaluation against hand computation", test_dgemm},
        {"statistics of a hand-checked scenario set", test_stats},
        {"tico mc on teach_mc.cfg: pathways, coefficients, every scenario", test_command_teach},
        {"--reoptimise: -j 1 = -j 2, optimum = cheapest pathway, EVPI", test_reoptimise},
        {"--samples, --seed, --set override the section", test_overrides},
        {"--pathways file: names, prices, ranges, solved plans, errors", test_pathways_file},
        {"validation of the uncertainty section: FILE:LINE: PATH, exit 2", test_validation})
