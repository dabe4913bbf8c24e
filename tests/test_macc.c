/*
 * test_macc.c — `tico macc` on instances/teach_macc.cfg, whose curve is derived by hand in
 * the instance's header (one 10-year period at a zero discount rate):
 *   measure                 threshold (EUR/t)         abatement (t/yr)   enters in --prices 0,20,60,100,210
 *   A steel, new route      200 / (10 x 2.0) = 10     2.0e6              20
 *   B cement, new route     400 / 7 = 57.142857       0.35e6             60
 *   C chemicals, H2 route   620 / 3 = 206.666667      0.3e6 (+1 electrolyser module)   210
 * Baseline: 2.7e6 t/yr, system cost 850 MEUR. Caps (shares of 2.7e6 on 2030): 0.5 -> A,
 * 0.2 -> A + B, 0.1 -> A + B + C, 0 -> infeasible (B's new route emits 0.05e6 t).
 * The measure MACC is also checked on tests/fixtures/macc/ (terminal by use, knock-on),
 * instances/teach_ccs.cfg (start) and tests/fixtures/scope/hbi.cfg (boundary, lines).
 */
#include "testing.h"
#include "tico.h"

#define INST "instances/teach_macc.cfg"

/* tico macc -q -j JOBS ARGS -o DIR INSTANCE, which must succeed (its output shown if not) */
static void run_macc_on(const char *inst, const char *dir, const char *args, int jobs)
{
    char cmd[1024], out[8192];
    snprintf(cmd, sizeof cmd, TT_TICO " macc -q -j %d %s -o %s %s", jobs, args, dir, inst);
    int rc = tt_sh(cmd, out, sizeof out);
    if (rc != 0)
        fprintf(stderr, "\n%s\n%s\n", cmd, out);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
}

static void run_macc(const char *dir, const char *args, int jobs)
{
    run_macc_on(INST, dir, args, jobs);
}

/* macc_prices.csv columns (all modes): kind,step,measure,sector,entity,abatement_t,mac_eur_per_t,entry_price,
 * price_from,avg_cost_eur_per_t,abatement_cumulative_t,negative_cost,decisions */
static void test_price_sweep(void)
{
    run_macc(TT_TMP "/macc_price", "--prices 0,20,60,100,210", 2);
    const char *bars = TT_TMP "/macc_price/macc_prices.csv";
    /* A enters between 0 and 20, B between 20 and 60, C between 100 and 210 */
    TT_ASSERT_REL(tt_csv_field(bars, "price,1,", 5), 2.0e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "price,1,", 7), 20.0, 1e-12);
    TT_ASSERT_REL(tt_csv_field(bars, "price,1,", 8), 0.0, 1e-12);
    TT_ASSERT_REL(tt_csv_field(bars, "price,1,", 9), 10.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "price,2,", 5), 0.35e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "price,2,", 7), 60.0, 1e-12);
    TT_ASSERT_REL(tt_csv_field(bars, "price,2,", 9), 400.0 / 7.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "price,4,", 5), 0.3e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "price,4,", 7), 210.0, 1e-12);
    TT_ASSERT_REL(tt_csv_field(bars, "price,4,", 8), 100.0, 1e-12);
    TT_ASSERT_REL(tt_csv_field(bars, "price,4,", 9), 620.0 / 3.0, 1e-9);
    /* the interaction: C's bar names the electrolyser module it needs */
    CU_ASSERT(tt_file_has(bars, "Chemicals plant C: -1 Gas reformer route, +1 Hydrogen route (with Electrolysers +1 module)"));
    CU_ASSERT(tt_file_has(bars, "Steel works A: -1 Blast furnace, +1 Green steel"));
    CU_ASSERT(!tt_file_has(bars, "price,3,")); /* nothing enters between 60 and 100 */

    /* macc_prices_points.csv: kind,point,carbon_price,cap_share,cap_t,plant,route,status,gap,
     * emissions_target_t,...,system_cost_npv (13) */
    const char *pts = TT_TMP "/macc_price/macc_prices_points.csv";
    TT_ASSERT_REL(tt_csv_field(pts, "baseline,", 9), 2.7e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(pts, "baseline,", 13), 850e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(pts, "price,1,", 9), 0.7e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(pts, "price,1,", 13), 1050e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(pts, "price,4,", 9), 0.05e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(pts, "price,4,", 13), 1870e6, 1e-9);
    /* emissions never increase with the price */
    double last = INFINITY;
    for (int k = 0; k < 5; k++) {
        char key[32];
        snprintf(key, sizeof key, "price,%d,", k);
        double e = tt_csv_field(pts, key, 9);
        CU_ASSERT(e <= last);
        last = e;
    }
    CU_ASSERT(tt_file_has(TT_TMP "/macc_price/macc_prices.svg", "<svg"));
    CU_ASSERT(tt_file_has(TT_TMP "/macc_price/macc_prices.svg", "System MACC from a carbon-price sweep"));

    /* a sweep from 0 takes its baseline from its first point; one that starts above 0 solves
     * the baseline apart: the same baseline, and A's bar still measured from it */
    run_macc(TT_TMP "/macc_price20", "--prices 20,60,210", 1);
    const char *pts20 = TT_TMP "/macc_price20/macc_prices_points.csv";
    TT_ASSERT_REL(tt_csv_field(pts20, "baseline,", 9), 2.7e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(pts20, "baseline,", 13), 850e6, 1e-9);
    const char *bars20 = TT_TMP "/macc_price20/macc_prices.csv";
    TT_ASSERT_REL(tt_csv_field(bars20, "price,0,", 5), 2.0e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars20, "price,0,", 7), 20.0, 1e-12);
}

static void test_cap_sweep(void)
{
    run_macc(TT_TMP "/macc_caps", "--caps 1,0.5,0.2,0.1,0", 2);
    const char *pts = TT_TMP "/macc_caps/macc_caps_points.csv";
    /* points are kept in ascending share: 0 (5), 0.1 (6), 0.2 (7), 0.5 (8), 1 (9) */
    CU_ASSERT(tt_file_has(pts, "cap,0,0,0,0,,,infeasible,"));
    /* why, from the same point with priced slack: B's new route still emits 0.1 x 0.5 Mt */
    CU_ASSERT(tt_file_has(pts, "the CO2 cap of 2030 is missed by 50 kt"));
    TT_ASSERT_REL(tt_csv_field(pts, "cap,1,", 4), 0.27e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(pts, "cap,1,", 9), 0.05e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(pts, "cap,3,", 9), 0.7e6, 1e-9);
    /* MAC from the cost difference between consecutive points (column 16) */
    TT_ASSERT_REL(tt_csv_field(pts, "cap,3,", 16), 10.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(pts, "cap,2,", 16), 400.0 / 7.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(pts, "cap,1,", 16), 620.0 / 3.0, 1e-9);
    /* MAC from the cap's dual with integers fixed (column 15): no continuous lever is left
     * once the lines are fixed and every cap is met with room to spare, so 0 */
    TT_ASSERT_REL(tt_csv_field(pts, "cap,3,", 15), 0.0, 1e-9);
    const char *bars = TT_TMP "/macc_caps/macc_caps.csv";
    TT_ASSERT_REL(tt_csv_field(bars, "cap,3,", 5), 2.0e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "cap,3,", 6), 10.0, 1e-9);
}

/* macc.csv columns of a measure from 13 on: start_year (13), scope (14), abatement_own_t (15),
 * knock_on_t (16), knock_on (17), capex (18), om (19), energy (20), transport_storage (21),
 * infrastructure (22), EUR per t. Points: per plant its counterfactual ("reference"), then one
 * point per start of each measure. */
static void test_measures(void)
{
    run_macc(TT_TMP "/macc_meas", "--measures", 2);
    const char *bars = TT_TMP "/macc_meas/macc_measures.csv";
    /* points: reference A (0), A from 2030 (1), reference B (2), B (3), reference C (4), C (5) */
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 6), 10.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 5), 2.0e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,3,", 6), 400.0 / 7.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,5,", 6), 620.0 / 3.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,5,", 5), 0.3e6, 1e-9);
    CU_ASSERT(tt_file_has(bars, "Chemicals plant C: Hydrogen route from 2030 (with Electrolysers +1 module)"));
    CU_ASSERT(tt_file_has(bars, ",no,")); /* no measure pays for itself here */
    /* C's decomposition (3 Mt abated over the period): capex 100 x 0.2e6 = 20 MEUR -> 6.666667;
     * O&M (20 - 100) x 0.2e6 x 10 = -160 MEUR -> -53.333333; electricity 1.5 x 1e6 MWh x 50 x 10
     * = 750 MEUR -> 250; the electrolyser module by use: 1e6 MWh x 10 yr x levelised 10 x
     * CRF(0, 10) 0.1 = 1 EUR/MWh = 10 MEUR -> 3.333333 (it serves C alone: the same as the module) */
    TT_ASSERT_REL(tt_csv_field(bars, "measure,5,", 18), 20.0 / 3.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,5,", 19), -160.0 / 3.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,5,", 20), 250.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(tt_csv_field(bars, "measure,5,", 21), 0.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,5,", 22), 10.0 / 3.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(tt_csv_field(bars, "measure,5,", 13), 2030.0, 1e-9);
    CU_ASSERT(tt_file_has(bars, ",2030,1+3,"));

    /* without electrolysers, C's hydrogen route cannot run: infeasible, and why */
    run_macc(TT_TMP "/macc_meas_noh2", "--measures --set infrastructure.electrolysers.max_modules=0", 1);
    const char *pts = TT_TMP "/macc_meas_noh2/macc_measures_points.csv";
    CU_ASSERT(tt_file_has(pts, "measure,5,0,,,plant_c,chem_new,infeasible,"));
    CU_ASSERT(tt_file_has(pts, "hydrogen is short by 1 TWh in 2030"));
    CU_ASSERT(!tt_file_has(TT_TMP "/macc_meas_noh2/macc_measures.csv", "Chemicals plant C"));
}

/* A measure charged a share of a terminal by use (tests/fixtures/macc/terminal.cfg, derived in
 * its header): 0.72 Mt/yr through a 1 Mt/yr module pays 72 % of it, 27.777778 EUR/t, not the
 * whole module's 29.722222. */
static void test_terminal_by_use(void)
{
    run_macc_on("tests/fixtures/macc/terminal.cfg", TT_TMP "/macc_term", "--measures", 1);
    const char *bars = TT_TMP "/macc_term/macc_measures.csv";
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 5), 0.72e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 6), 200.0 / 7.2, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 18), 20.0 / 7.2, 1e-9);  /* the kiln's capex */
    CU_ASSERT_DOUBLE_EQUAL(tt_csv_field(bars, "measure,1,", 19), 0.0, 1e-9);         /* O&M unchanged */
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 21), 20.0, 1e-9);        /* the shipping fee */
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 22), 5.0, 1e-9);         /* 50 x 0.1 per t */
    /* the system cost moved by the whole module (214 MEUR): the bar is not that difference */
    const char *pts = TT_TMP "/macc_term/macc_measures_points.csv";
    TT_ASSERT_REL(tt_csv_field(pts, "measure,1,", 13) - tt_csv_field(pts, "reference,0,", 13), 214e6, 1e-9);
}

/* A knock-on change inside the causing bar (tests/fixtures/macc/knockon.cfg): converting the
 * steelworks stops the steel-gas power plant; one bar of 1.6 Mt/yr (own 1.0, knock-on 0.6) at
 * 50 EUR/t, and no bar for the power plant. */
static void test_knock_on_in_bar(void)
{
    run_macc_on("tests/fixtures/macc/knockon.cfg", TT_TMP "/macc_ko", "--measures", 1);
    const char *bars = TT_TMP "/macc_ko/macc_measures.csv";
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 5), 1.6e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 6), 50.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 15), 1.0e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 16), 0.6e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 18), 6.25, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 20), 43.75, 1e-9);
    CU_ASSERT(tt_file_has(bars, "Steel-gas power plant runs less, -600000 t/yr"));
    char *text = tt_slurp(bars);
    int lines = 0;
    for (const char *p = text; p && *p; p++)
        lines += *p == '\n';
    free(text);
    CU_ASSERT_EQUAL(lines, 2); /* header and one bar */
}

/* The start: capture at teach_ccs's cement works cannot start in 2025 (CO2 export closed), so
 * the cheapest feasible start is 2030. Both at the instance's carbon price (150 EUR/t in 2030;
 * the pulp mill captures in the counterfactual too and shares the terminal). 3.6 Mt abated
 * (0.72 x 5): capex 0.2 x 300 MEUR + spur 0.2 x 5 MEUR = 61 -> 16.944444; var O&M 10 x 5 = 50
 * -> 13.888889; fee 40; terminal by use 50 x CRF(0, 25) 0.04 + var 5 = 7 EUR/t; 77.833333. */
static void test_cheapest_start(void)
{
    run_macc_on("instances/teach_ccs.cfg", TT_TMP "/macc_start", "--measures", 2);
    const char *pts = TT_TMP "/macc_start/macc_measures_points.csv";
    CU_ASSERT(tt_file_has(pts, "measure,1,150,,,cement_works,kiln_ccs,infeasible,"));
    const char *bars = TT_TMP "/macc_start/macc_measures.csv";
    TT_ASSERT_REL(tt_csv_field(bars, "measure,2,", 6), 280.2 / 3.6, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(tt_csv_field(bars, "measure,2,", 13), 2030.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,2,", 18), 61.0 / 3.6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,2,", 22), 7.0, 1e-9);
    /* --start 2025 forces the infeasible start: no bar for the cement works */
    run_macc_on("instances/teach_ccs.cfg", TT_TMP "/macc_start25", "--measures --start 2025", 1);
    CU_ASSERT(!tt_file_has(TT_TMP "/macc_start25/macc_measures.csv", "cement_works"));
}

/* The boundary (tests/fixtures/scope/hbi.cfg): converting the works to EAFs on HBI costs
 * 100 x (10 + 150 - 20) = 14,000 EUR a year and cuts scope 1 by 200 t but buys 50 t of scope 3.
 * On 1+3 (default) 150 t: 93.333333 EUR/t, knock-on -50 t (the imports); on scope 1: 70 EUR/t.
 * --lines 1: one line, 50 t on the EAF: 7,000 EUR for 75 t on 1+3, the same 93.333333. */
static void test_scope_and_lines(void)
{
    const char *fx = "tests/fixtures/scope/hbi.cfg";
    run_macc_on(fx, TT_TMP "/macc_s13", "--measures", 1);
    TT_ASSERT_REL(tt_csv_field(TT_TMP "/macc_s13/macc_measures.csv", "measure,1,", 5), 150.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(TT_TMP "/macc_s13/macc_measures.csv", "measure,1,", 6), 14000.0 / 150.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(TT_TMP "/macc_s13/macc_measures.csv", "measure,1,", 16), -50.0, 1e-9);
    CU_ASSERT(tt_file_has(TT_TMP "/macc_s13/macc_measures.csv", "imports of hbi (scope 3) +50 t/yr"));
    run_macc_on(fx, TT_TMP "/macc_s1", "--measures --scope 1", 1);
    TT_ASSERT_REL(tt_csv_field(TT_TMP "/macc_s1/macc_measures.csv", "measure,1,", 5), 200.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(TT_TMP "/macc_s1/macc_measures.csv", "measure,1,", 6), 70.0, 1e-9);
    CU_ASSERT(tt_file_has(TT_TMP "/macc_s1/macc_measures.csv", ",2030,1,"));
    run_macc_on(fx, TT_TMP "/macc_l1", "--measures --lines 1", 1);
    TT_ASSERT_REL(tt_csv_field(TT_TMP "/macc_l1/macc_measures.csv", "measure,1,", 5), 75.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(TT_TMP "/macc_l1/macc_measures.csv", "measure,1,", 6), 7000.0 / 75.0, 1e-9);
    CU_ASSERT(tt_file_has(TT_TMP "/macc_l1/macc_measures.csv", "Steelworks: 1 line on EAF on HBI from 2030"));
}

/* The same sweep with one and with two workers gives the same bytes, with cold starts (the
 * default) and with --warm. Cold and warm need not agree with each other where a point is a
 * tie: at exactly 10 EUR/t works A is indifferent between its routes (average cost 10 EUR/t),
 * and the cold solve keeps the blast furnace there while the warm one switches. */
static void test_jobs_identical(void)
{
    const char *args = "--prices 0:250:10 --caps 1,0.5,0.2,0.1,0 --measures";
    const char *warm = "--prices 0:250:10 --caps 1,0.5,0.2,0.1,0 --measures --warm";
    run_macc(TT_TMP "/macc_j1", args, 1);
    run_macc(TT_TMP "/macc_j2", args, 2);
    run_macc(TT_TMP "/macc_w1", warm, 1);
    run_macc(TT_TMP "/macc_w2", warm, 2);
    char out[4096];
    const char *files[] = {"macc_prices.csv",   "macc_prices_points.csv",   "macc_prices.svg",
                           "macc_caps.csv",     "macc_caps_points.csv",     "macc_caps.svg",
                           "macc_measures.csv", "macc_measures_points.csv", "macc_measures.svg"};
    for (int i = 0; i < 9; i++) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "cmp " TT_TMP "/macc_j1/%s " TT_TMP "/macc_j2/%s", files[i], files[i]);
        CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
        snprintf(cmd, sizeof cmd, "cmp " TT_TMP "/macc_w1/%s " TT_TMP "/macc_w2/%s", files[i], files[i]);
        CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
    }
}

/* report.html draws one curve: the measure MACC when there is one (issue 16), and names it. */
static void test_report_draws_one_curve(void)
{
    run_macc(TT_TMP "/macc_html", "--prices 0,20,60,210 --measures", 1);
    char out[4096];
    CU_ASSERT_EQUAL_FATAL(tt_sh(TT_TICO " solve -q -o " TT_TMP "/macc_html " INST, out, sizeof out), 0);
    CU_ASSERT(tt_file_has(TT_TMP "/macc_html/report.html", "Shown: the measure MACC from <code>macc_measures.csv</code>."));
    CU_ASSERT(tt_file_has(TT_TMP "/macc_html/report.html", "Green steel from 2030"));
    CU_ASSERT(!tt_file_has(TT_TMP "/macc_html/report.html", "Steel works A: -1 Blast furnace, +1 Green steel"));
}

/* Occurrences of what in the file at path. */
static int count_in(const char *path, const char *what)
{
    char *s = tt_slurp(path);
    int n = 0;
    for (const char *p = s; p && (p = strstr(p, what)) != NULL; p += strlen(what))
        n++;
    free(s);
    return n;
}

/* The three modes, run one after the other into one folder (issue 16), keep their own files:
 * a later mode leaves the earlier files byte for byte as they were; run.json lists one run per
 * mode with its files and options; a rerun of a mode replaces its entry. report.html lists the
 * three files and draws the measure MACC, with the caption of a measure curve; the price
 * sweep's SVG says its height is the entry price. */
static void test_modes_coexist(void)
{
    const char *d = TT_TMP "/macc_modes";
    tt_sh("rm -rf " TT_TMP "/macc_modes " TT_TMP "/macc_modes_prices", NULL, 0);
    run_macc(d, "--prices 0,20,60,210", 1);
    tt_sh("cp -r " TT_TMP "/macc_modes " TT_TMP "/macc_modes_prices", NULL, 0);
    run_macc(d, "--caps 1,0.5,0.2", 1);
    run_macc(d, "--measures", 1);
    char out[4096];
    static const char *const files[] = {"macc_prices.csv", "macc_prices_points.csv", "macc_prices.svg"};
    for (int i = 0; i < 3; i++) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "cmp %s/%s " TT_TMP "/macc_modes_prices/%s", d, files[i], files[i]);
        CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
    }
    CU_ASSERT(tt_file_has(TT_TMP "/macc_modes/macc_caps_points.csv", "\ncap,"));
    CU_ASSERT(!tt_file_has(TT_TMP "/macc_modes/macc_caps_points.csv", "\nprice,"));
    CU_ASSERT(tt_file_has(TT_TMP "/macc_modes/macc_measures.csv", "\nmeasure,1,"));
    CU_ASSERT(!tt_file_has(TT_TMP "/macc_modes/macc_measures.csv", "\nprice,"));
    CU_ASSERT(tt_file_has(TT_TMP "/macc_modes/macc_prices.svg",
                          "height = the price at which it enters"));
    CU_ASSERT(!tt_file_has(TT_TMP "/macc_modes/macc_prices.svg", "Measure MACC"));
    CU_ASSERT(tt_file_has(TT_TMP "/macc_modes/macc_measures.svg", "Measure MACC"));
    CU_ASSERT(!tt_file_has(TT_TMP "/macc_modes/macc.csv", "kind")); /* no file of the old name */

    const char *rj = TT_TMP "/macc_modes/run.json";
    CU_ASSERT_EQUAL(count_in(rj, "\"command\": \"macc\""), 3);
    CU_ASSERT(tt_file_has(rj, "\"mode\": \"prices\",\n      \"instance\": \"Teaching MACC\""));
    CU_ASSERT(tt_file_has(rj, "\"options\": \"--prices 0,20,60,210\""));
    CU_ASSERT(tt_file_has(rj, "\"options\": \"--caps 1,0.5,0.2\""));
    CU_ASSERT(tt_file_has(rj, "\"files\": [\n        \"macc_measures.csv\",\n        \"macc_measures_points.csv\",\n"
                              "        \"macc_measures.svg\"\n      ]"));
    /* a second price sweep replaces the first's entry */
    run_macc(d, "--prices 0,60", 1);
    CU_ASSERT_EQUAL(count_in(rj, "\"command\": \"macc\""), 3);
    CU_ASSERT(!tt_file_has(rj, "--prices 0,20,60,210"));
    CU_ASSERT(tt_file_has(rj, "\"options\": \"--prices 0,60\""));

    CU_ASSERT_EQUAL_FATAL(tt_sh(TT_TICO " solve -q -o " TT_TMP "/macc_modes " INST, out, sizeof out), 0);
    const char *html = TT_TMP "/macc_modes/report.html";
    CU_ASSERT(tt_file_has(html, "Found in this folder: <code>macc_measures.csv</code> (measures); "
                                "<code>macc_prices.csv</code> (carbon-price sweep); <code>macc_caps.csv</code> "
                                "(cap sweep)."));
    CU_ASSERT(tt_file_has(html, "Shown: the measure MACC from <code>macc_measures.csv</code>."));
    CU_ASSERT(tt_file_has(html, "its height the levelised cost per tonne abated. Shared CO2 and hydrogen"));
    CU_ASSERT(tt_file_has(html, "Computed by: tico " TICO_VERSION " macc (measures) of Teaching MACC (" INST
                                "), options: --measures"));
    CU_ASSERT_EQUAL(count_in(rj, "\"command\": \"solve\""), 1);
    CU_ASSERT_EQUAL(count_in(rj, "\"command\": \"macc\""), 3);
    /* without the measures, the price sweep is drawn, captioned by its entry prices */
    tt_sh("rm " TT_TMP "/macc_modes/macc_measures*", NULL, 0);
    CU_ASSERT_EQUAL_FATAL(tt_sh(TT_TICO " solve -q -o " TT_TMP "/macc_modes " INST, out, sizeof out), 0);
    CU_ASSERT(tt_file_has(html, "Shown: the MACC of the carbon-price sweep from <code>macc_prices.csv</code>."));
    CU_ASSERT(tt_file_has(html, "its height the carbon price at which it enters (not its cost per tonne"));
    CU_ASSERT(!tt_file_has(html, "Measure MACC"));
}

/* Asset measures (tests/fixtures/macc/assets.cfg, derived by hand in its header): one
 * counterfactual for all (points: reference 0, then one per measure), each bar against it at
 * the instance's carbon price; removals_t (column 23) apart; --sector filters. */
static void test_asset_measures(void)
{
    run_macc_on("tests/fixtures/macc/assets.cfg", TT_TMP "/macc_assets", "--measures", 1);
    const char *bars = TT_TMP "/macc_assets/macc_measures.csv", *pts = TT_TMP "/macc_assets/macc_measures_points.csv";
    /* buses: 160 000 EUR / 800 t = 200 EUR/t; capex 400 000, O&M -400 000, energy 160 000 (per 800 t) */
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 6), 200.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 5), 80.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 15), 80.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 18), 500.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 19), -500.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 20), 200.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(tt_csv_field(bars, "measure,1,", 23), 0.0, 1e-12);
    /* electric cars: dearer to run than the car, run because the measure forces their use */
    TT_ASSERT_REL(tt_csv_field(bars, "measure,2,", 6), 600.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,2,", 5), 100.0, 1e-9);
    /* trees: 80 000 EUR / 1 000 t = 80 EUR/t, all of it removals; 2 blocks, not the 5 the
     * carbon price would pay for */
    TT_ASSERT_REL(tt_csv_field(bars, "measure,3,", 6), 80.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,3,", 5), 100.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,3,", 23), 100.0, 1e-9);
    CU_ASSERT(tt_file_has(bars, "measure,3,20 ha of trees from 2030 (with forest +2 modules),urban,trees,"));
    /* the counterfactual: cars only, 200 t/yr, system cost 2 000 000 EUR */
    CU_ASSERT(tt_file_has(pts, "reference,0,250,,,assets,,optimal,"));
    TT_ASSERT_REL(tt_csv_field(pts, "reference,0,", 9), 200.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(pts, "reference,0,", 13), 2.0e6, 1e-9);
    /* a growth curve: trees at half their capacity in their first year (growth = [0.5, 1.0]):
     * over the 10-year period G = (0.5 + 9 x 1) / 10 = 0.95, so the measure's 20 ha remove
     * 20 x 5 x 0.95 = 95 t/yr for the same 80 000 EUR: 80 000 / 950 = 84.2105 EUR/t */
    run_macc_on("tests/fixtures/macc/assets.cfg", TT_TMP "/macc_assets_growth",
                "--measures --set 'technologies.afforestation.growth=[0.5,1.0]'", 1);
    TT_ASSERT_REL(tt_csv_field(TT_TMP "/macc_assets_growth/macc_measures.csv", "measure,3,", 5), 95.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(TT_TMP "/macc_assets_growth/macc_measures.csv", "measure,3,", 6), 80000.0 / 950.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(TT_TMP "/macc_assets_growth/macc_measures.csv", "measure,3,", 23), 95.0, 1e-9);
    /* an outlier is cut at the axis: electric cars at capex 50 EUR per pkm/yr cost
     * (50 x 5.0e5 + 350 000) / 1 000 = 25 350 EUR/t, over 3 x the buses' 200: the axis stops
     * near 200 and the bar says its value; without it no bar is cut */
    run_macc_on("tests/fixtures/macc/assets.cfg", TT_TMP "/macc_assets_cut",
                "--measures --set technologies.ev.capex=50.0", 1);
    TT_ASSERT_REL(tt_csv_field(TT_TMP "/macc_assets_cut/macc_measures.csv", "measure,2,", 6), 25350.0, 1e-9);
    CU_ASSERT(tt_file_has(TT_TMP "/macc_assets_cut/macc_measures.svg", ">25350 (cut)</text>"));
    CU_ASSERT(!tt_file_has(TT_TMP "/macc_assets/macc_measures.svg", "(cut)"));
    /* --sector: no measure of sector steel here, so no point but the baseline */
    run_macc_on("tests/fixtures/macc/assets.cfg", TT_TMP "/macc_assets_steel", "--measures --sector steel", 1);
    CU_ASSERT(!tt_file_has(TT_TMP "/macc_assets_steel/macc_measures_points.csv", "reference,"));
    CU_ASSERT(tt_file_has(TT_TMP "/macc_assets_steel/run.json", "--sector steel"));
}

/* A sector too small to see (tests/fixtures/macc/zoom.cfg: 50 t/yr of trees beside a 1.6 Mt/yr
 * steel bar) is drawn again alone, in t, under the curve of macc_measures.svg. */
static void test_small_sector_zoom(void)
{
    char cmd[1024], out[8192];
    run_macc_on("tests/fixtures/macc/zoom.cfg", TT_TMP "/macc_zoom", "--measures", 1);
    const char *bars = TT_TMP "/macc_zoom/macc_measures.csv", *svg = TT_TMP "/macc_zoom/macc_measures.svg";
    TT_ASSERT_REL(tt_csv_field(bars, "measure,1,", 6), 50.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,3,", 5), 50.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(bars, "measure,3,", 6), 80.0, 1e-9);
    CU_ASSERT(tt_file_has(svg, "<title>Measure MACC, sector Urban alone (0.0031 % of the curve&#39;s width above)"));
    CU_ASSERT(tt_file_has(svg, "abatement in 2030, t CO2e per year"));
    CU_ASSERT(tt_file_has(svg, "(Urban): 50 at 80</title>"));
    /* report.html draws it again too */
    snprintf(cmd, sizeof cmd, TT_TICO " solve -q -o " TT_TMP "/macc_zoom tests/fixtures/macc/zoom.cfg");
    CU_ASSERT_EQUAL_FATAL(tt_sh(cmd, out, sizeof out), 0);
    CU_ASSERT(tt_file_has(TT_TMP "/macc_zoom/report.html",
                          "The 1 bar of sector Urban, 0.0031 % of the curve&#39;s width above, on their own scale;"));
    /* trees at 40 000 EUR/ha: 400 000 / 500 = 800 EUR/t, a bar 0.003 % wide over the 50 EUR/t
     * steel bar: the axis follows the steel bar, the trees are cut with their value, and the
     * note says why */
    run_macc_on("tests/fixtures/macc/zoom.cfg", TT_TMP "/macc_zoom_cut",
                "--measures --set technologies.afforestation.capex=40000.0", 1);
    TT_ASSERT_REL(tt_csv_field(TT_TMP "/macc_zoom_cut/macc_measures.csv", "measure,3,", 6), 800.0, 1e-9);
    CU_ASSERT(tt_file_has(TT_TMP "/macc_zoom_cut/macc_measures.svg", ">800 (cut)</text>"));
    CU_ASSERT(tt_file_has(TT_TMP "/macc_zoom_cut/macc_measures.svg",
                          "Bars narrower than 0.5 %"));
    CU_ASSERT(!tt_file_has(svg, "Bars narrower than"));
    /* without the steel bar the urban sector is the whole curve: no second chart */
    CU_ASSERT(!tt_file_has(TT_TMP "/macc_assets/macc_measures.svg", "alone ("));
}

static void test_usage_errors(void)
{
    char out[4096];
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " macc --prices 5:1:1 -o " TT_TMP "/macc_bad " INST, out, sizeof out), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "--prices '5:1:1'"));
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " macc --caps a,b -o " TT_TMP "/macc_bad " INST, out, sizeof out), 1);
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " macc --year 2050 -o " TT_TMP "/macc_bad " INST, out, sizeof out), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "--year 2050 is outside the horizon 2030-2039"));
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " macc --year 2033 -o " TT_TMP "/macc_bad " INST, out, sizeof out), 1);
    CU_ASSERT_STRING_EQUAL(out, "tico macc: --year 2033 is not a period; the periods start in 2030 (a period "
                                "is named by its first year)\n");
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " macc --measures --start 2031 -o " TT_TMP "/macc_bad " INST, out, sizeof out), 1);
    CU_ASSERT_STRING_EQUAL(out, "tico macc: --start 2031 is not a period; the periods start in 2030\n");
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " macc --measures --scope 2 -o " TT_TMP "/macc_bad " INST, out, sizeof out), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "--scope"));
    CU_ASSERT_EQUAL(tt_sh("test -e " TT_TMP "/macc_bad", out, sizeof out), 1); /* nothing written */
}

TT_MAIN("macc",
        {"price sweep: entry prices and abatement by hand", test_price_sweep},
        {"cap sweep: average MAC, dual, infeasible cap flagged", test_cap_sweep},
        {"measures: levelised costs and their decomposition by hand", test_measures},
        {"measures: a terminal charged by use", test_terminal_by_use},
        {"measures: a knock-on change inside the causing bar", test_knock_on_in_bar},
        {"measures: the cheapest feasible start; --start", test_cheapest_start},
        {"measures: --scope and --lines", test_scope_and_lines},
        {"-j 1 and -j 2 give identical files, cold and --warm", test_jobs_identical},
        {"report.html draws the measure curve and names it", test_report_draws_one_curve},
        {"the three modes coexist in one folder; run.json; report.html names its MACC", test_modes_coexist},
        {"asset measures: buses, electric cars, trees by hand; removals; --sector", test_asset_measures},
        {"a sector too small to see gets its own chart", test_small_sector_zoom},
        {"usage errors write nothing", test_usage_errors})
