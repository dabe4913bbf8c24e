/*
 * test_urban.c — the urban side of a cluster (issue 17): a modal shift from cars to a bus, the
 * renovation of vacant dwellings, trees and hedges as removals reported apart from reductions,
 * and the heat tariff report. Each optimum is derived by hand in the instance's header comment
 * (instances/teach_modal_shift.cfg, teach_renovation.cfg, teach_trees.cfg; tests/fixtures/urban/).
 *
 * Conventions: rho = 0 and one 10-year period, so DF = 10 and CF(l) = min(10, l) / l.
 */
#include "testing_solve.h"

#include <string.h>
#include <unistd.h>

#include "build.h"
#include "solve.h"

#define REL 1e-6

static Run run_ov(const char *path, const Override *ov, int nov)
{
    return tt_run(path, ov, nov, -1.0);
}

static int asset(const Model *m, const char *id)
{
    for (int i = 0; i < m->nassets; i++)
        if (strcmp(m->assets[i].id, id) == 0)
            return i;
    CU_FAIL("no such asset");
    return 0;
}

/* Modules built and installed of an asset in period 0, and its activity summed over slices. */
static double built(const Run *r, const char *id) { return r->s->asset_built[asset(r->m, id) * r->s->T]; }

static double activity(const Run *r, const char *id)
{
    int i = asset(r->m, id);
    double a = 0.0;
    for (int sl = 0; sl < r->m->nslices; sl++)
        a += r->s->activity[sol_its(r->s, i, 0, sl)];
    return a;
}

/* tico solve -q -o DIR ARGS into a fresh DIR; true on exit 0 (the output shown if not) */
static bool solve_into(const char *dir, const char *args)
{
    char cmd[1024], out[4096];
    snprintf(cmd, sizeof cmd, "rm -rf %s && " TT_TICO " solve -q -o %s %s", dir, dir, args);
    int rc = tt_sh(cmd, out, sizeof out);
    if (rc != 0)
        fprintf(stderr, "\n%s\n%s\n", cmd, out);
    return rc == 0;
}

/* A file the solve must not write */
static bool absent(const char *path)
{
    return access(path, F_OK) != 0;
}

/* ---- modal shift: 0.20 + 250 x 2e-4 = 0.25 EUR/pkm by car > 0.24 by bus: both bus modules
 * (4e5 pkm/yr); objective 400 000 + 10 x (56 000 + 120 000 + 30 000) = 2 460 000. At 150 EUR/t
 * the car costs 0.23 < 0.24: no bus, 10 x 1e6 x 0.23 = 2 300 000. */
static void test_modal_shift(void)
{
    Run r = run_ov("instances/teach_modal_shift.cfg", NULL, 0);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    TT_ASSERT_REL(r.s->objective, 2460000.0, REL);
    TT_ASSERT_REL(r.s->system_cost, 2160000.0, REL);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "buses"), 2.0, 1e-9);
    TT_ASSERT_REL(activity(&r, "buses"), 4.0e5, REL);
    TT_ASSERT_REL(activity(&r, "cars"), 6.0e5, REL);
    TT_ASSERT_REL(r.s->emissions_scope1[0], 120.0, REL);
    tt_done(&r);

    Override o = {"policy.carbon_price", "150.0"};
    r = run_ov("instances/teach_modal_shift.cfg", &o, 1);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    TT_ASSERT_REL(r.s->objective, 2300000.0, REL);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "buses"), 0.0, 1e-9);
    tt_done(&r);
}

/* ---- renovation: the 2000 m2 go to deep renovation (5.4 EUR per m2 a year against 3.29 for
 * light): 4 modules, 400 MWh/yr saved; 200 000 + 330 000 + 132 000 = 662 000. Without the
 * carbon price gas costs 55 EUR/MWh and the order turns: a module saves, over the horizon,
 * deep 100 x (550 - 500) = 5 000 EUR on 500 m2, light 100 x (550 - 300) = 25 000 EUR on
 * 1428.6 m2; one of each fits in 2000 m2 (30 000), four deep save 20 000: one light + one
 * deep, 550 000 - 30 000 = 520 000. With only 1000 m2 (price 100): a light module does not
 * fit, 2 deep modules, 770 000 - 2 x 27 000 = 716 000. */
static void test_renovation(void)
{
    Run r = run_ov("instances/teach_renovation.cfg", NULL, 0);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    TT_ASSERT_REL(r.s->objective, 662000.0, REL);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "deep"), 4.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "light"), 0.0, 1e-9);
    TT_ASSERT_REL(activity(&r, "deep"), 400.0, REL);
    TT_ASSERT_REL(activity(&r, "boilers"), 600.0, REL);
    TT_ASSERT_REL(r.s->emissions_scope1[0], 132.0, REL);
    tt_done(&r);

    Override o0 = {"policy.carbon_price", "0.0"};
    r = run_ov("instances/teach_renovation.cfg", &o0, 1);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    TT_ASSERT_REL(r.s->objective, 520000.0, REL);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "deep"), 1.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "light"), 1.0, 1e-9);
    tt_done(&r);

    Override oa = {"markets.vacant_area.limit", "1000.0"};
    r = run_ov("instances/teach_renovation.cfg", &oa, 1);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    TT_ASSERT_REL(r.s->objective, 716000.0, REL);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "deep"), 2.0, 1e-9);
    tt_done(&r);
}

/* ---- trees and hedges under a cap of 600 t/yr on an emitter of 1000 t/yr: 50 ha of trees
 * (250 t/yr at 26.67 EUR/t) then 25 km of hedges (150 t/yr at 103.3 EUR/t);
 * 50 x 4000 / 3 + 25 x 620 x 10 = 221 666.67. Removals 400 t/yr, apart in emissions.csv. */
static void test_trees(void)
{
    Run r = run_ov("instances/teach_trees.cfg", NULL, 0);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    TT_ASSERT_REL(r.s->objective, 200000.0 / 3.0 + 155000.0, REL);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "forest"), 5.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "hedgerows"), 25.0, 1e-9);
    TT_ASSERT_REL(r.s->emissions_scope1[0], 600.0, REL);
    tt_done(&r);

    CU_ASSERT_FATAL(solve_into(TT_TMP "/urban_trees", "instances/teach_trees.cfg"));
    char *p = tt_slurp(TT_TMP "/urban_trees/emissions.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p, "period,entity,sector,gross,captured,net_scope1,scope2,scope3,removals\n"
                              "2030,works,industry,1000,0,1000,0,0,0\n"
                              "2030,forest,urban,0,250,-250,0,0,250\n"
                              "2030,hedgerows,urban,0,150,-150,0,0,150\n"
                              "2030,cluster,total,1000,400,600,0,0,400\n");
    free(p);
    CU_ASSERT(tt_file_has(TT_TMP "/urban_trees/summary.txt",
                          "  removals, t CO2 per year (taken from the air; inside scope 1 and captured above, not "
                          "reductions): 2030 400.000\n"));
    /* tic.csv: removals_t is field 39 (0-based, the last), 400 t/yr */
    TT_ASSERT_REL(tt_csv_field(TT_TMP "/urban_trees/tic.csv", "2030,", 39), 400.0, REL);
    CU_ASSERT(tt_file_has(TT_TMP "/urban_trees/tic.csv", ",removals_t\n"));
}

/* ---- heat tariff (tests/fixtures/urban/tariff.cfg, derivation in its header): cost 5 000 capex
 * + 3 000 O&M + 75 000 gas + 37 500 carbon + 10 000 spurs = 130 500 EUR/yr for 2500 MWh: 52.2
 * EUR/MWh; the gas alternative costs 45, so households pay 45 and industry (130 500 - 90 000) /
 * 500 = 81. An instance without a heat network has no heat_tariff.csv and no tariff table in
 * report.html. */
static void test_heat_tariff(void)
{
    CU_ASSERT_FATAL(solve_into(TT_TMP "/urban_tariff", "tests/fixtures/urban/tariff.cfg"));
    const char *f = TT_TMP "/urban_tariff/heat_tariff.csv";
    char *p = tt_slurp(f);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p, "period,network,delivered_mwh,residential_mwh,industrial_mwh,capex_annuity_eur,"
                              "om_eur,energy_eur,waste_heat_eur,carbon_eur,spurs_eur,revenues_eur,net_cost_eur,"
                              "average_price,industrial_supply_cost_eur,industrial_supply_share,"
                              "gas_alternative_price,household_price,industry_price,deficit_eur,"
                              "average_passes_test\n"
                              "2030,heat,2500,2000,500,5000,3000,75000,0,37500,10000,0,130500,52.2,5000,"
                              "0.0383141762452,45,45,81,0,no\n");
    free(p);
    TT_ASSERT_REL(tt_csv_field(f, "2030,heat", 13), 130500.0 / 2500.0, REL);
    /* report.html: the same row in a table */
    CU_ASSERT(tt_file_has(TT_TMP "/urban_tariff/report.html",
                          "<tr><td>Heat</td><td>2030</td><td>2,500</td><td>52.20</td><td>45.00</td><td>45.00</td>"
                          "<td>81.00</td><td>0</td><td>no</td></tr>\n"));

    /* a carbon price of 300 makes the alternative 45 + 0 (it burns no fossil here) but the
     * boiler 1.25 x 40 + 2 + 75 = 127: the network costs 5 000 + 3 000 + 75 000 + 112 500 +
     * 10 000 = 205 500, 82.2 EUR/MWh; households still pay 45, industry (205 500 - 90 000) /
     * 500 = 231. */
    CU_ASSERT_FATAL(solve_into(TT_TMP "/urban_tariff3", "--set policy.carbon_price=300.0 tests/fixtures/urban/tariff.cfg"));
    f = TT_TMP "/urban_tariff3/heat_tariff.csv";
    TT_ASSERT_REL(tt_csv_field(f, "2030,heat", 12), 205500.0, REL);
    TT_ASSERT_REL(tt_csv_field(f, "2030,heat", 17), 45.0, REL);
    TT_ASSERT_REL(tt_csv_field(f, "2030,heat", 18), 231.0, REL);

    CU_ASSERT(solve_into(TT_TMP "/urban_notariff", "instances/teach_modal_shift.cfg"));
    CU_ASSERT(absent(TT_TMP "/urban_notariff/heat_tariff.csv"));
    CU_ASSERT(!tt_file_has(TT_TMP "/urban_notariff/report.html", "The price of network heat"));
}

/* ---- the owner incentive: teach_renovation.cfg with a grant of half the deep renovation's
 * capex (--set technologies.renovation_deep.grant_share=0.5). The optimum is the same (a grant is
 * a transfer): 4 deep modules x 100 MWh/yr x 1 500 EUR = 600 000 EUR of capex built in 2030,
 * grant 300 000 EUR (rho = 0: discounted the same); objective 662 000 EUR as without it. Without
 * grant_share there is no grants.csv. */
static void test_grants(void)
{
    CU_ASSERT_FATAL(solve_into(TT_TMP "/urban_grants",
                               "--set technologies.renovation_deep.grant_share=0.5 instances/teach_renovation.cfg"));
    char *p = tt_slurp(TT_TMP "/urban_grants/grants.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p, "period,entity,technology,capex_eur,grant_share,grant_eur,grant_discounted_eur\n"
                              "2030,deep,renovation_deep,600000,0.5,300000,300000\n"
                              "total,,,600000,,300000,300000\n");
    free(p);
    CU_ASSERT(tt_file_has(TT_TMP "/urban_grants/summary.txt", "total cost    662.000 kEUR"));
    CU_ASSERT(tt_file_has(TT_TMP "/urban_grants/summary.txt",
                          "grants        300.000 kEUR paid over the horizon (300.000 kEUR discounted)"));
    CU_ASSERT(solve_into(TT_TMP "/urban_nogrants", "instances/teach_renovation.cfg"));
    CU_ASSERT(absent(TT_TMP "/urban_nogrants/grants.csv"));
}

/* ---- counts: teach_renovation.cfg's assets say what a module is (boilers: 100 dwellings;
 * deep: 10 dwellings and 500 m2; light: 1428.57 m2). At 100 EUR/t the optimum builds 4 deep
 * modules: 40 dwellings and 2000 m2 renovated, the boilers' 100 dwellings installed. At carbon
 * price 0 it builds one deep and one light module (header of the instance): 10 dwellings, 500 +
 * 1428.57 m2. An instance without counts writes no counts.csv. */
static void test_counts(void)
{
    CU_ASSERT_FATAL(solve_into(TT_TMP "/urban_counts", "instances/teach_renovation.cfg"));
    char *p = tt_slurp(TT_TMP "/urban_counts/counts.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p, "period,asset,name,sector,what,per_module,modules_installed,installed,modules_built,built\n"
                              "2030,boilers,boilers,urban,dwellings,100,1,100,0,0\n"
                              "2030,deep,deep,urban,dwellings,10,4,40,4,40\n"
                              "2030,deep,deep,urban,m2,500,4,2000,4,2000\n"
                              "2030,light,light,urban,m2,1428.57142857,0,0,0,0\n");
    free(p);
    const char *sum = TT_TMP "/urban_counts/summary.txt";
    CU_ASSERT(tt_file_has(sum, "\ncounts installed per period (counts.csv: an asset's modules x what one module is; "
                               "counts of different assets are not added up)\n"
                               "  asset    what           2030\n"
                               "  boilers  dwellings       100\n"
                               "  deep     dwellings        40\n"
                               "  deep     m2             2000\n"
                               "  light    m2                0\n"));
    CU_ASSERT(tt_file_has(TT_TMP "/urban_counts/solution.json", "\"counts_per_module\": {\n        \"dwellings\": 10,\n"
                                                                 "        \"m2\": 500\n      },"));
    const char *html = TT_TMP "/urban_counts/report.html";
    CU_ASSERT(tt_file_has(html, "<h3>Counts installed</h3>"));
    CU_ASSERT(tt_file_has(html, "<tr><th>asset</th><th>what</th><th>2030</th></tr>\n"
                                "<tr><td>boilers</td><td>dwellings</td><td>100</td></tr>\n"
                                "<tr><td>deep</td><td>dwellings</td><td>40</td></tr>\n"));
    CU_ASSERT_FATAL(solve_into(TT_TMP "/urban_counts0", "--set policy.carbon_price=0.0 instances/teach_renovation.cfg"));
    const char *c0 = TT_TMP "/urban_counts0/counts.csv";
    CU_ASSERT(tt_file_has(c0, "2030,deep,deep,urban,dwellings,10,1,10,1,10\n"));
    CU_ASSERT(tt_file_has(c0, "2030,light,light,urban,m2,1428.57142857,1,1428.57142857,1,1428.57142857\n"));
    CU_ASSERT(tt_file_has(TT_TMP "/urban_counts0/summary.txt", "  light    m2          1428.57\n"));
    CU_ASSERT(solve_into(TT_TMP "/urban_nocounts", "instances/teach_trees.cfg"));
    CU_ASSERT(absent(TT_TMP "/urban_nocounts/counts.csv"));
    CU_ASSERT(!tt_file_has(TT_TMP "/urban_nocounts/summary.txt", "counts installed"));
    CU_ASSERT(!tt_file_has(TT_TMP "/urban_nocounts/report.html", "Counts installed"));
}

TT_MAIN("urban", {"modal shift from cars to a bus", test_modal_shift},
        {"renovation of vacant dwellings within the floor area", test_renovation},
        {"trees and hedges: removals apart from reductions", test_trees},
        {"heat tariff: cost-recovering price and the household acceptance rule", test_heat_tariff},
        {"owner incentive: grants.csv, the optimum unchanged", test_grants},
        {"counts: dwellings and m2 of the assets built, by hand", test_counts})
