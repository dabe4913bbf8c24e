/*
 * test_scope.c — the emissions boundary and the TIC job definitions (issue 12, findings 6, 7,
 * 9, 10): scope 3 of an imported material, a grid factor per period, the scope of a cap
 * ("1", "1+2", "1+2+3"), the loader's messages for these fields, jobs protected / created /
 * lost on a plant that converts a line, and the words of the reports. Each optimum is derived
 * by hand in the comment above its test; the instances are in tests/fixtures/scope/.
 *
 * Conventions: rho = 0, so DF_t = L_t and CF(t, l) = (years of the build's life inside the
 * horizon) / l.
 */
#include "testing_solve.h"

#include "build.h"
#include "report.h"
#include "solve.h"
#include "tic.h"

#define REL 1e-9
#define DIR "tests/fixtures/scope/"

static Run run_ov(const char *path, const Override *ov, int nov)
{
    return tt_run(path, ov, nov, -1.0);
}

/* Lines operating on route slot r of plant 0 in period t. */
static double lines(const Solution *s, int r, int t)
{
    return s->lines[sol_pr(s, 0, r, t)];
}

/* ---- scope 3 of an HBI import (tests/fixtures/scope/hbi.cfg) ------------------------
 * One year, 2 lines x 50 t/yr, 100 t/yr: both lines run full. Route slots: 0 = eaf_hbi
 * (candidate), 1 = bf (existing only). Per t of steel: bf 20 EUR and 2 t scope 1; eaf_hbi
 * 10 + 150 (1 t HBI) = 160 EUR, 0 scope 1 and 0.5 t scope 3 (the HBI market's co2_scope 3).
 *   cap 100 t on scope "1" (the default): 2 x_bf <= 100 -> one bf line (x_bf = 50) and one line
 *     converted to eaf_hbi: 50 x 20 + 50 x 160 = 9 000. Scope 1 = 100, scope 2 = 0, scope 3 =
 *     0.5 x 50 = 25: the import's CO2 is reported apart and the cap does not count it. Cap
 *     price: one more t lets 0.5 t of steel go back from eaf_hbi to bf: 0.5 x 140 = 70 EUR/t.
 *   cap_scope "1+2": scope 3 is still outside: the same 9 000.
 *   cap_scope "1+2+3": 2 x_bf + 0.5 x_eaf <= 100 with x_bf + x_eaf = 100 -> x_bf <= 33.3; a
 *     bf line runs full (50) or not at all, so both lines convert: 100 x 160 = 16 000;
 *     scope 1 = 0, scope 3 = 50 (< 100: the cap does not bind, price 0).
 *   co2_scope 2 on the market (the embedded CO2 wrongly booked as bought energy) with cap_scope
 *     "1+2": the cap counts it as above: 16 000, and it shows as scope 2 = 50. */
static void test_hbi_scope3(void)
{
    Run r = run_ov(DIR "hbi.cfg", NULL, 0);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    CU_ASSERT_EQUAL(r.m->markets[0].co2_scope, 3);
    CU_ASSERT_EQUAL(r.m->policy.cap_scope, 1);
    TT_ASSERT_REL(s->objective, 9000.0, REL);
    TT_ASSERT_REL(lines(s, 0, 0), 1.0, REL);
    TT_ASSERT_REL(lines(s, 1, 0), 1.0, REL);
    TT_ASSERT_REL(s->emissions_scope1[0], 100.0, REL);
    TT_ASSERT_REL(s->emissions_scope2[0], 0.0, REL);
    TT_ASSERT_REL(s->emissions_scope3[0], 25.0, REL);
    TT_ASSERT_REL(s->market_scope3[0], 25.0, REL);
    TT_ASSERT_REL(s->market_scope2[0], 0.0, REL);
    TT_ASSERT_REL(s->cap_price[0], 70.0, 1e-7);
    tt_done(&r);

    Override o12 = {"policy.cap_scope", "\"1+2\""};
    r = run_ov(DIR "hbi.cfg", &o12, 1);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    CU_ASSERT_EQUAL(r.m->policy.cap_scope, 2);
    TT_ASSERT_REL(r.s->objective, 9000.0, REL);
    TT_ASSERT_REL(r.s->emissions_scope3[0], 25.0, REL);
    tt_done(&r);

    Override o123 = {"policy.cap_scope", "\"1+2+3\""};
    r = run_ov(DIR "hbi.cfg", &o123, 1);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    s = r.s;
    CU_ASSERT_EQUAL(r.m->policy.cap_scope, 3);
    TT_ASSERT_REL(s->objective, 16000.0, REL);
    TT_ASSERT_REL(lines(s, 0, 0), 2.0, REL);
    TT_ASSERT_REL(lines(s, 1, 0), 0.0, REL);
    TT_ASSERT_REL(s->emissions_scope1[0], 0.0, REL);
    TT_ASSERT_REL(s->emissions_scope3[0], 50.0, REL);
    TT_ASSERT_REL(s->cap_price[0], 0.0, 1e-9);
    tt_done(&r);

    Override o2[2] = {{"policy.cap_scope", "\"1+2\""}, {"markets.imp_hbi.co2_scope", "2"}};
    r = run_ov(DIR "hbi.cfg", o2, 2);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    TT_ASSERT_REL(r.s->objective, 16000.0, REL);
    TT_ASSERT_REL(r.s->emissions_scope2[0], 50.0, REL);
    TT_ASSERT_REL(r.s->emissions_scope3[0], 0.0, REL);
    tt_done(&r);
}

/* ---- a grid factor per period, cap on scope "1+2" (tests/fixtures/scope/grid.cfg) -------
 * Periods 2030, 2035, 2040 (L = DF = 5). Demand 100 MWh/yr; grid 20 EUR/MWh with co2 =
 * ((2030, 0.4), (2040, 0.0)): 0.4, 0.2 (linear between the pairs), 0 t/MWh; green 40, none.
 * Cap 15 t/yr on scope 1+2 (scope 1 is 0): co2_t grid_t <= 15.
 *   2030: grid <= 37.5: 37.5 x 20 + 62.5 x 40 = 3 250 a year; cap price: one more t allows
 *         1 / 0.4 = 2.5 MWh of grid instead of green: 2.5 x 20 = 50 EUR/t.
 *   2035: grid <= 75: 75 x 20 + 25 x 40 = 2 500; price 1 / 0.2 x 20 = 100 EUR/t.
 *   2040: factor 0: all grid, 2 000; the cap does not bind (0 <= 15): price 0.
 *   Objective 5 x (3 250 + 2 500 + 2 000) = 38 750; scope 2 = 15, 15, 0 t/yr.
 * cap_scope "1": the cap (on scope 1 = 0) never binds: all grid, 5 x 3 x 2 000 = 30 000; scope 2
 * = 100 x (0.4, 0.2, 0) = 40, 20, 0 t/yr: the factor of each period, not one constant.
 * The same factors as a list, co2 = [0.4, 0.2, 0.0], give the same co2_t. */
static void test_grid_per_period(void)
{
    Run r = run_ov(DIR "grid.cfg", NULL, 0);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    const double co2[3] = {0.4, 0.2, 0.0}, s2[3] = {15.0, 15.0, 0.0}, cp[3] = {50.0, 100.0, 0.0};
    CU_ASSERT_EQUAL(r.m->markets[0].co2_scope, 2);
    for (int t = 0; t < 3; t++) {
        TT_ASSERT_REL(r.m->markets[0].co2_t[t], co2[t], 1e-12);
        TT_ASSERT_REL(s->emissions_scope2[t], s2[t], 1e-9);
        TT_ASSERT_REL(s->market_scope2[0 * 3 + t], s2[t], 1e-9);
        TT_ASSERT_REL(s->emissions_scope3[t], 0.0, 1e-9);
        TT_ASSERT_REL(s->cap_price[t], cp[t], 1e-7);
    }
    TT_ASSERT_REL(r.m->markets[0].co2, 0.4, 1e-12); /* the largest factor */
    TT_ASSERT_REL(s->objective, 38750.0, REL);
    tt_done(&r);

    Override o1 = {"policy.cap_scope", "\"1\""};
    r = run_ov(DIR "grid.cfg", &o1, 1);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const double s2u[3] = {40.0, 20.0, 0.0};
    TT_ASSERT_REL(r.s->objective, 30000.0, REL);
    for (int t = 0; t < 3; t++)
        TT_ASSERT_REL(r.s->emissions_scope2[t], s2u[t], 1e-9);
    tt_done(&r);

    Override ol = {"markets.grid.co2", "[0.4, 0.2, 0.0]"};
    r = run_ov(DIR "grid.cfg", &ol, 1);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    for (int t = 0; t < 3; t++)
        TT_ASSERT_REL(r.m->markets[0].co2_t[t], co2[t], 1e-12);
    TT_ASSERT_REL(r.s->objective, 38750.0, REL);
    tt_done(&r);
}

/* ---- the loader: cap_scope, the older cap_scope2, co2_scope, co2 per period ----------- */
static const char *GRIDCFG =
    "cluster = { name = \"T\"; };\n"
    "horizon = { periods = [2030, 2035, 2040]; last_period_years = 5; discount_rate = 0.0; };\n"
    "commodities = ( { id = \"electricity\"; unit = \"MWh\"; balance = \"annual\"; } );\n"
    "markets = ( { id = \"grid\"; commodity = \"electricity\"; direction = \"import\"; price = 20.0; %s },\n"
    "  { id = \"sale\"; commodity = \"electricity\"; direction = \"export\"; price = 1.0; %s } );\n"
    "demands = ( { commodity = \"electricity\"; amount = 100.0; } );\n"
    "policy = { cap = 15.0; %s };\n";

/* Load GRIDCFG with the three fillers; returns the Model (NULL on errors, then in *d). */
static Model *load_grid(const char *name, const char *imp, const char *exp, const char *pol, Diag *d)
{
    char cfg[2048];
    snprintf(cfg, sizeof cfg, GRIDCFG, imp, exp, pol);
    return tt_load(tt_write(name, cfg), d);
}

static void test_loader(void)
{
    Diag d = {0};
    /* the older key: cap_scope2 = true means "1+2" */
    Model *m = load_grid("scope_old.cfg", "co2 = 0.1;", "", "cap_scope2 = true;", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->policy.cap_scope, 2);
    CU_ASSERT(m->policy.cap_scope2);
    CU_ASSERT_STRING_EQUAL(model_scope_name(m->policy.cap_scope), "1+2");
    model_free(m);
    diag_free(&d);
    /* no key: "1" */
    d = (Diag){0};
    m = load_grid("scope_none.cfg", "co2 = 0.1;", "", "", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->policy.cap_scope, 1);
    CU_ASSERT_FALSE(m->policy.cap_scope2);
    CU_ASSERT_EQUAL(m->markets[0].co2_scope, 2);
    model_free(m);
    diag_free(&d);

    struct {
        const char *imp, *exp, *pol, *path, *text;
    } bad[] = {
        {"", "", "cap_scope = \"2\";", "policy.cap_scope", "expected \"1\", \"1+2\" or \"1+2+3\", found \"2\""},
        {"", "", "cap_scope = 2;", "policy.cap_scope", "expected \"1\", \"1+2\" or \"1+2+3\", found an integer"},
        {"", "", "cap_scope = \"1+2\"; cap_scope2 = true;", "policy.cap_scope2",
         "give the scope once: 'cap_scope' (\"1\", \"1+2\", \"1+2+3\") replaces the older 'cap_scope2'"},
        {"co2_scope = 1;", "", "", "markets.[0].co2_scope", "expected an integer in [2, 3], found 1"},
        {"", "co2_scope = 3;", "", "markets.[1].co2_scope",
         "'co2_scope' (2 = bought energy, 3 = embedded in bought materials) applies to imports only"},
        {"co2 = [0.4, 0.2];", "", "", "markets.[0].co2", "expected 3 values (one per period), found 2"},
        {"co2 = ((2030, -0.1));", "", "", "markets.[0].co2.[0].[1]", "-0.1"},
    };
    for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
        d = (Diag){0};
        m = load_grid("scope_bad.cfg", bad[k].imp, bad[k].exp, bad[k].pol, &d);
        CU_ASSERT_PTR_NULL(m);
        if (!tt_diag_has(&d, "scope_bad.cfg:", bad[k].path, bad[k].text)) {
            fprintf(stderr, "\n  case %zu: no message with '%s' and '%s'\n", k, bad[k].path, bad[k].text);
            diag_print(&d, stderr);
            CU_FAIL("message");
        }
        model_free(m);
        diag_free(&d);
    }
    /* the program: exit 2, FILE:LINE: PATH: what is wrong */
    char out[1024];
    int rc = tt_sh(TT_TICO " check -q " TT_TMP "/scope_bad.cfg", out, sizeof out);
    CU_ASSERT_EQUAL(rc, 2);
    CU_ASSERT(strstr(out, TT_TMP "/scope_bad.cfg:4: markets.[0].co2.[0].[1]:") != NULL);
}

/* ---- TIC jobs on a plant that converts a line (tests/fixtures/scope/convert.cfg) -------
 * Periods 2025, 2030 (L = 5, rho 0, horizon to 2034). 3 lines x 100 t/yr; base-year capacity:
 * the 2 existing bf lines (100 jobs each: 1.0 FTE per t/yr), base-year jobs 200. Route slots:
 * 0 = eaf (candidate, 50 jobs a line, from 2030), 1 = bf (existing only).
 *   2025: 200 t on the 2 bf lines (eaf not yet available): protected 200, created 0, lost 0.
 *   2030: 300 t; the cap of 100 t keeps one bf line (1 t/t); bf is cheaper (20 EUR/t against
 *     50), so one bf line, one line converted to eaf and one new eaf line. Cost: 2025 200 x 20
 *     x 5 = 20 000; 2030 bf 100 x 20 x 5 = 10 000, eaf 200 x 50 x 5 = 50 000, capex 2 lines x
 *     10 x 100 x CF(2030, 20) = 5/20 -> 2 x 250 = 500: total 80 500.
 *     Jobs: direct 100 + 2 x 50 = 200. Base-year lines still operating k = min(3, 2) = 2: the bf
 *     line first (100 jobs), then one of the two eaf lines at their average 50: protected 150;
 *     created 200 - 150 = 50 (the new line); lost 200 - 150 = 50 (the converted line has 50
 *     jobs fewer than the furnace it replaced).
 *   Baseline (no cap): 2 bf lines + 1 new eaf line: 250 jobs in 2030 (200 in 2025).
 *   Emissions: 200 t in 2025 and 100 t in 2030; base year = the pathway's 2025: reduction 0 in
 *     2025 by definition, 100 t = 50 % in 2030; vs baseline (200): 50 %.
 *   GVA 100 EUR/t on both routes: 20 000 and 30 000 EUR/yr, the same in the baseline.
 * With cap 0 in 2030 all three lines run eaf (two converted, one new): direct 150; k = 2 lines
 * of eaf at 50: protected 100, created 50, lost 200 - 100 = 100. */
static void test_tic_convert(void)
{
    Run r = run_ov(DIR "convert.cfg", NULL, 0);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    Override nocap = {"policy.cap", "\"none\""};
    Run b = run_ov(DIR "convert.cfg", &nocap, 1);
    CU_ASSERT_EQUAL_FATAL(b.st, TICO_OK);
    TT_ASSERT_REL(r.s->objective, 80500.0, REL);
    TT_ASSERT_REL(lines(r.s, 1, 1), 1.0, REL);
    TT_ASSERT_REL(lines(r.s, 0, 1), 2.0, REL);
    TT_ASSERT_REL(lines(b.s, 1, 1), 2.0, REL);
    TT_ASSERT_REL(lines(b.s, 0, 1), 1.0, REL);
    TicReport *tic = tic_compute(r.m, r.s, b.s);
    const TicPeriod *q0 = &tic->p[0], *q1 = &tic->p[1];
    TT_ASSERT_REL(q0->jobs_direct, 200.0, REL);
    TT_ASSERT_REL(q0->jobs_protected, 200.0, REL);
    TT_ASSERT_REL(q0->jobs_created, 0.0, REL);
    TT_ASSERT_REL(q0->jobs_lost, 0.0, REL);
    TT_ASSERT_REL(q0->jobs_base_year, 200.0, REL);
    TT_ASSERT_REL(q1->jobs_direct, 200.0, REL);
    TT_ASSERT_REL(q1->jobs_protected, 150.0, REL);
    TT_ASSERT_REL(q1->jobs_created, 50.0, REL);
    TT_ASSERT_REL(q1->jobs_lost, 50.0, REL);
    TT_ASSERT_REL(q1->jobs_base_year, 200.0, REL);
    TT_ASSERT_REL(q0->base_jobs_direct, 200.0, REL);
    TT_ASSERT_REL(q1->base_jobs_direct, 250.0, REL);
    TT_ASSERT_REL(q0->gva, 20000.0, REL);
    TT_ASSERT_REL(q1->gva, 30000.0, REL);
    TT_ASSERT_REL(q1->base_gva, 30000.0, REL);
    CU_ASSERT_EQUAL(q0->red_base_year, 0.0);
    CU_ASSERT_EQUAL(q0->red_base_year_pct, 0.0);
    TT_ASSERT_REL(q1->red_base_year, 100.0, REL);
    TT_ASSERT_REL(q1->red_base_year_pct, 50.0, REL);
    TT_ASSERT_REL(q1->red_baseline_pct, 50.0, REL);
    tic_free(tic);
    tt_done(&r);

    Override cap0 = {"policy.cap", "[\"none\", 0.0]"};
    r = run_ov(DIR "convert.cfg", &cap0, 1);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    TT_ASSERT_REL(lines(r.s, 0, 1), 3.0, REL);
    tic = tic_compute(r.m, r.s, b.s);
    TT_ASSERT_REL(tic->p[1].jobs_direct, 150.0, REL);
    TT_ASSERT_REL(tic->p[1].jobs_protected, 100.0, REL);
    TT_ASSERT_REL(tic->p[1].jobs_created, 50.0, REL);
    TT_ASSERT_REL(tic->p[1].jobs_lost, 100.0, REL);
    tic_free(tic);
    tt_done(&r);
    tt_done(&b);
}

/* ---- the words and columns of the reports (tico solve on the fixtures) ----------------- */
static void test_reports(void)
{
    char out[4096];
    int rc = tt_sh("rm -rf " TT_TMP "/scope_convert && " TT_TICO " solve -q -o " TT_TMP "/scope_convert " DIR
                   "convert.cfg",
                   out, sizeof out);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    const char *html = TT_TMP "/scope_convert/report.html";
    CU_ASSERT(tt_file_has(html, "<h1>Convert teaching: least-cost pathway under the instance's policy</h1>"));
    CU_ASSERT(tt_file_has(html, "Policy: cap on scope 1. Net scope 1 in 2030: 100 t CO2e/yr (not net zero); scope 2: "
                                "0 t; scope 3: 0 t."));
    CU_ASSERT_FALSE(tt_file_has(html, "net zero</h1>"));
    CU_ASSERT_FALSE(tt_file_has(html, "pathway to net zero"));
    /* the first period is the reference of "vs 2025": no reduction there */
    CU_ASSERT(tt_file_has(html, "<th>vs 2025 (first period)</th>"));
    CU_ASSERT(tt_file_has(html, "<tr><td>2025</td><td>200.000</td><td>0.000</td><td>0.000</td><td>200.000</td>"
                                "<td>200.000</td><td>+0.0%</td><td>reference</td>"));
    CU_ASSERT(tt_file_has(html, "<td>-50.0%</td>"));
    const char *sum = TT_TMP "/scope_convert/summary.txt";
    CU_ASSERT(tt_file_has(sum, "computed      least-cost pathway under the instance's policy (cap on scope 1); net "
                               "scope 1 in 2030: 100 t CO2e/yr (not net zero)\n"));
    CU_ASSERT(tt_file_has(sum, "200 direct operating jobs (150 protected on base-year capacity, 50 created on new "
                               "capacity; 50 of the 200 base-year jobs lost)"));
    CU_ASSERT(tt_file_has(sum, "baseline (no climate policy) in 2030: 250 direct jobs"));
    const char *tj = TT_TMP "/scope_convert/tic.json";
    CU_ASSERT(tt_file_has(tj, "\"protected\": \"direct jobs on base-year capacity that still operates"));
    CU_ASSERT(tt_file_has(tj, "\"lost\": \"base-year jobs no longer operating"));
    CU_ASSERT(tt_file_has(tj, "\"scopes\": \"scope 1: net direct emissions"));
    CU_ASSERT(tt_file_has(tj, "\"jobs_lost_fte\": 50,"));
    CU_ASSERT(tt_file_has(tj, "\"baseline_jobs_direct_fte\": 250,"));
    const char *tc = TT_TMP "/scope_convert/tic.csv";
    TT_ASSERT_REL(tt_csv_field(tc, "2030,", 18), 150.0, REL); /* jobs_protected_fte */
    TT_ASSERT_REL(tt_csv_field(tc, "2030,", 20), 50.0, REL);  /* jobs_lost_fte */
    TT_ASSERT_REL(tt_csv_field(tc, "2030,", 22), 250.0, REL); /* baseline_jobs_direct_fte */
    CU_ASSERT(tt_file_has(tc, "scope1_t,scope2_t,scope3_t,"));
    CU_ASSERT(tt_file_has(tc, ",jobs_direct_fte,jobs_protected_fte,jobs_created_fte,jobs_lost_fte,jobs_base_year_fte,"
                              "baseline_jobs_direct_fte,"));

    rc = tt_sh("rm -rf " TT_TMP "/scope_hbi && " TT_TICO " solve -q -o " TT_TMP "/scope_hbi " DIR "hbi.cfg", out,
               sizeof out);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    const char *em = TT_TMP "/scope_hbi/emissions.csv";
    char *p = tt_slurp(em);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p, "period,entity,sector,gross,captured,net_scope1,scope2,scope3,removals\n"
                              "2030,works,steel,100,0,100,0,0,0\n"
                              "2030,imp_hbi,imports,0,0,0,0,25,0\n"
                              "2030,cluster,total,100,0,100,0,25,0\n");
    free(p);
    const char *sj = TT_TMP "/scope_hbi/solution.json";
    CU_ASSERT(tt_file_has(sj, "\"cap_scope\": \"1\","));
    CU_ASSERT(tt_file_has(sj, "\"emissions_scope2\": 0,\n      \"emissions_scope3\": 25,"));
    CU_ASSERT(tt_file_has(sj, "\"co2_scope\": 3,"));
    CU_ASSERT(tt_file_has(sj, "\"co2\": 0.5,\n          \"scope2\": 0,\n          \"scope3\": 25"));
    CU_ASSERT(tt_file_has(TT_TMP "/scope_hbi/summary.txt",
                          "  2030     100.000       0.000      25.000       0.000       0.000     200.000     100.000"));
    CU_ASSERT(tt_file_has(TT_TMP "/scope_hbi/tic.csv", "2030,200,0,0,0,0,100,0,25,0,0,125,200,75,37.5,0,0,"));
    CU_ASSERT(tt_file_has(TT_TMP "/scope_hbi/report.html", "scope 3 (bought materials)"));
    CU_ASSERT(tt_file_has(TT_TMP "/scope_hbi/report.html", "cap (scope 1)"));
}

TT_MAIN("scope", {"scope 3 of an HBI import and the scope of the cap", test_hbi_scope3},
        {"grid factor per period, cap on scope 1+2", test_grid_per_period},
        {"loader: cap_scope, cap_scope2, co2_scope, co2 per period", test_loader},
        {"TIC protected, created, lost on a converted line", test_tic_convert},
        {"reports say what was computed", test_reports})
