/*
 * test_growth.c — the growth curve of a process technology (setting `growth`, issue 17): a
 * module built in period t' counts in period t as G(t, t') modules, the mean of the curve
 * over the ages it has in the years of t (age 0 in the first year of t'); existing modules
 * count as mature (the curve's last value). The teaching fixture
 * tests/fixtures/growth/trees_growth.cfg derives its optimum by hand in its header; here it
 * is asserted through the library, the program's reports, and glpsol and cbc on the exported
 * model. Also: G itself, a curve of 1 gives the model without a curve coefficient for
 * coefficient, and the load errors (exact message, exit 2).
 */
#include "testing_solve.h"

#include <string.h>

#include "build.h"
#include "solve.h"

#define REL 1e-6
#define FIX "tests/fixtures/growth/"
#define TREES FIX "trees_growth.cfg"

static int asset(const Model *m, const char *id)
{
    int i = model_asset(m, id);
    CU_ASSERT_FATAL(i >= 0);
    return i;
}

static double built(const Run *r, const char *id, int t) { return r->s->asset_built[asset(r->m, id) * r->s->T + t]; }

static double activity(const Run *r, const char *id, int t)
{
    int i = asset(r->m, id);
    double a = 0.0;
    for (int sl = 0; sl < r->m->nslices; sl++)
        a += r->s->activity[sol_its(r->s, i, t, sl)];
    return a;
}

/* G for the fixture's curve g(a) = a / 10 (a <= 10), 5-year periods: built 2030, in 2030
 * mean(0 .. 0.4) = 0.2, in 2035 mean(0.5 .. 0.9) = 0.7; built 2035, in 2035 0.2; existing 1.
 * Hedges have no curve: 1. A curve shorter than the ages holds its last value; a 1-year
 * period takes one age. */
static void test_growth_factor(void)
{
    Diag d = {0};
    Model *m = tt_load(TREES, &d);
    diag_free(&d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    const Technology *trees = &m->techs[model_tech(m, "trees")];
    const Technology *hedges = &m->techs[model_tech(m, "hedges")];
    CU_ASSERT_EQUAL(trees->ngrowth, 11);
    CU_ASSERT_DOUBLE_EQUAL(build_growth(m, trees, 0, 0), 0.2, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(build_growth(m, trees, 0, 1), 0.7, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(build_growth(m, trees, 1, 1), 0.2, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(build_growth_existing(trees), 1.0, 0.0);
    CU_ASSERT_PTR_NULL(hedges->growth);
    CU_ASSERT_EQUAL(build_growth(m, hedges, 0, 1), 1.0);
    CU_ASSERT_EQUAL(build_growth_existing(hedges), 1.0);
    /* 100 modules built in 2030, in 2035: the existing one x 1 + 100 x 0.7 */
    double b[2] = {100.0, 0.0};
    CU_ASSERT_DOUBLE_EQUAL(build_grown_modules(m, asset(m, "forest"), 1, b), 71.0, 1e-9);
    model_free(m);

    /* a two-value curve over 1-year periods 2030, 2031 and a 3-year last period 2032-2034:
     * built 2030 -> 0.5 in 2030, 2 in 2031, 2 in 2032; built 2031 -> 0.5 in 2031, mean(2, 2,
     * 2) in 2032 */
    Override ov[] = {{"horizon.periods", "[2030, 2031, 2032]"}, {"horizon.last_period_years", "3"},
                     {"technologies.trees.growth", "[0.5, 2.0]"}, {"policy.cap", "[850.0, 850.0, 550.0]"}};
    m = load_instance(TREES, ov, 4, &d);
    if (!m)
        diag_print(&d, stderr);
    diag_free(&d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    trees = &m->techs[model_tech(m, "trees")];
    CU_ASSERT_EQUAL(build_growth(m, trees, 0, 0), 0.5);
    CU_ASSERT_EQUAL(build_growth(m, trees, 0, 1), 2.0);
    CU_ASSERT_EQUAL(build_growth(m, trees, 0, 2), 2.0);
    CU_ASSERT_EQUAL(build_growth(m, trees, 1, 1), 0.5);
    CU_ASSERT_EQUAL(build_growth(m, trees, 2, 2), (0.5 + 2.0 + 2.0) / 3.0);
    CU_ASSERT_EQUAL(build_growth_existing(trees), 2.0);
    model_free(m);
}

/* The optimum of the fixture's header: 10 tree modules in 2030, 10 km of hedges in 2035,
 * 131 000 EUR; removals 150 and 450 t/yr; capacity 30 and 80 ha of mature forest. */
static void test_optimum(void)
{
    Run r = tt_run(TREES, NULL, 0, -1.0);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    TT_ASSERT_REL(r.s->objective, 131000.0, REL);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "forest", 0), 10.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "forest", 1), 0.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "hedgerows", 0), 0.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "hedgerows", 1), 10.0, 1e-9);
    TT_ASSERT_REL(activity(&r, "forest", 0), 30.0, REL);
    TT_ASSERT_REL(activity(&r, "forest", 1), 80.0, REL);
    int f = asset(r.m, "forest"), h = asset(r.m, "hedgerows");
    TT_ASSERT_REL(r.s->asset_captured[f * r.s->T + 0], 150.0, REL);
    TT_ASSERT_REL(r.s->asset_captured[f * r.s->T + 1], 400.0, REL);
    TT_ASSERT_REL(r.s->asset_captured[h * r.s->T + 1], 50.0, REL);
    /* installed (and what pays fixed O&M) is the planted area: 11 modules */
    CU_ASSERT_DOUBLE_EQUAL(r.s->asset_installed[f * r.s->T + 1], 11.0, 1e-9);
    TT_ASSERT_REL(r.s->emissions_scope1[0], 850.0, REL);
    TT_ASSERT_REL(r.s->emissions_scope1[1], 550.0, REL);
    tt_done(&r);

    /* without the curve (growth = [1.0]): 2 modules in 2030, 6 in 2035, 50 000 EUR */
    Override o = {"technologies.trees.growth", "[1.0]"};
    r = tt_run(TREES, &o, 1, -1.0);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    TT_ASSERT_REL(r.s->objective, 50000.0, REL);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "forest", 0), 2.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "forest", 1), 6.0, 1e-9);
    CU_ASSERT_DOUBLE_EQUAL(built(&r, "hedgerows", 1), 0.0, 1e-9);
    tt_done(&r);
}

/* The program's reports: assets.csv capacity at the modules' age, removals per period. */
static void test_reports(void)
{
    char out[4096];
    int rc = tt_sh("rm -rf " TT_TMP "/growth_trees && " TT_TICO " solve -q -o " TT_TMP "/growth_trees " TREES, out,
                   sizeof out);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    char *p = tt_slurp(TT_TMP "/growth_trees/assets.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p, "period,asset,technology,modules_built,modules_installed,capacity,activity,charge\n"
                              "2030,works,emitter,0,1,1000,1000,0\n"
                              "2030,forest,trees,10,11,30,30,0\n"
                              "2030,hedgerows,hedges,0,0,0,0,0\n"
                              "2035,works,emitter,0,1,1000,1000,0\n"
                              "2035,forest,trees,0,11,80,80,0\n"
                              "2035,hedgerows,hedges,10,10,10,10,0\n");
    free(p);
    p = tt_slurp(TT_TMP "/growth_trees/emissions.csv");
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    CU_ASSERT_STRING_EQUAL(p, "period,entity,sector,gross,captured,net_scope1,scope2,scope3,removals\n"
                              "2030,works,industry,1000,0,1000,0,0,0\n"
                              "2030,forest,urban,0,150,-150,0,0,150\n"
                              "2030,hedgerows,urban,0,0,0,0,0,0\n"
                              "2030,cluster,total,1000,150,850,0,0,150\n"
                              "2035,works,industry,1000,0,1000,0,0,0\n"
                              "2035,forest,urban,0,400,-400,0,0,400\n"
                              "2035,hedgerows,urban,0,50,-50,0,0,50\n"
                              "2035,cluster,total,1000,450,550,0,0,450\n");
    free(p);
}

static bool have(const char *prog)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null", prog);
    return tt_sh(cmd, NULL, 0) == 0;
}

/* Another route to the same optimum: the exported LP solved by glpsol, the MPS by cbc. */
static void test_exported(void)
{
    char out[4096];
    int rc = tt_sh("rm -rf " TT_TMP "/growth_lp " TT_TMP "/growth_mps && " TT_TICO " export -q -o " TT_TMP
                   "/growth_lp " TREES " && " TT_TICO " export -q --format mps -o " TT_TMP "/growth_mps " TREES,
                   out, sizeof out);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    if (!have("glpsol") || !have("cbc")) {
        CU_FAIL("glpsol or cbc is not installed (make deps)");
        return;
    }
    TT_ASSERT_REL(tt_glpsol_objective(TT_TMP "/growth_lp/model.lp", TT_TMP "/growth_lp"), 131000.0, 1e-9);
    rc = tt_sh("cbc " TT_TMP "/growth_mps/model.mps solve quit", out, sizeof out);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "Optimal solution found"));
    const char *v = strstr(out, "Objective value:");
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    TT_ASSERT_REL(strtod(v + strlen("Objective value:"), NULL), 131000.0, 1e-9);
    /* the trees' rows: -coef G per vintage (10 ha x 0.2 = 2 in 2030; 2 and 7 in 2035), the
     * existing module at its mature value (10 ha x 1) */
    char *lp = tt_slurp(TT_TMP "/growth_lp/model.lp");
    CU_ASSERT_PTR_NOT_NULL_FATAL(lp);
    CU_ASSERT_PTR_NOT_NULL(strstr(lp, " act_forest_2030_year: + a_forest_2030_year - 2 m_forest_2030 <= 10\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(lp, " act_forest_2035_year: + a_forest_2035_year - 2 m_forest_2035\n"
                                      " - 7 m_forest_2030 <= 10\n"));
    free(lp);
}

/* A curve of 1 everywhere is the model without a curve, coefficient for coefficient (here an
 * instance with one period, where the stock column is not used either way). */
static void test_unit_curve_same_model(void)
{
    char out[4096];
    int rc = tt_sh("rm -rf " TT_TMP "/growth_same_a " TT_TMP "/growth_same_b && " TT_TICO " export -q -o " TT_TMP
                   "/growth_same_a instances/teach_trees.cfg && " TT_TICO " export -q -o " TT_TMP
                   "/growth_same_b --set 'technologies.trees.growth=[1.0]' --set 'technologies.hedges.growth=[1, 1.0]' "
                   "instances/teach_trees.cfg && cmp " TT_TMP "/growth_same_a/model.lp " TT_TMP
                   "/growth_same_b/model.lp",
                   out, sizeof out);
    if (rc != 0)
        fprintf(stderr, "\n%s", out);
    CU_ASSERT_EQUAL(rc, 0);
}

/* Bad input: FILE:LINE: PATH: what is wrong, exit 2, nothing written. */
static void test_load_errors(void)
{
    static const struct {
        const char *file, *want;
    } CASES[] = {
        {"bad_negative.cfg", FIX "bad_negative.cfg:10: technologies.[0].growth.[1]: expected a number in [0, 1000], "
                             "found -0.5\ntico: 1 problem found; nothing written\n"},
        {"bad_not_list.cfg", FIX "bad_not_list.cfg:9: technologies.[0].growth: expected a list of numbers in [0, 1000] "
                             "(the capacity multiplier of a module in each year of its age, from the year it is "
                             "built), found a number\ntico: 1 problem found; nothing written\n"},
        {"bad_empty_zero.cfg",
         FIX "bad_empty_zero.cfg:9: technologies.[0].growth: expected at least one number (the capacity multiplier in "
             "the year a module is built), found an empty list\n" FIX
             "bad_empty_zero.cfg:13: technologies.[1].growth: every value is 0: a module would never have any "
             "capacity; give the multiplier of each year of age (1 = the capacity of `module`)\ntico: 2 problems "
             "found; nothing written\n"},
        {"bad_route.cfg", FIX "bad_route.cfg:8: technologies.[0].growth: 'growth' applies to technologies of kind "
                          "\"process\" only; this one is \"route\"\ntico: 1 problem found; nothing written\n"},
    };
    for (size_t k = 0; k < sizeof CASES / sizeof CASES[0]; k++) {
        char cmd[512], out[4096];
        snprintf(cmd, sizeof cmd, TT_TICO " check " FIX "%s 2>&1", CASES[k].file);
        int rc = tt_sh(cmd, out, sizeof out);
        CU_ASSERT_EQUAL(rc, 2);
        CU_ASSERT_STRING_EQUAL(out, CASES[k].want);
        if (rc != 2 || strcmp(out, CASES[k].want) != 0)
            fprintf(stderr, "\n  %s: rc %d:\n%s", CASES[k].file, rc, out);
    }
    /* through --set too; a multiplier of 1e308 (an infinite coefficient for GLPK) is refused */
    char out[4096];
    int rc = tt_sh(TT_TICO " check --set 'technologies.trees.growth=[1.0, -2, 1e308]' " TREES " 2>&1", out, sizeof out);
    CU_ASSERT_EQUAL(rc, 2);
    CU_ASSERT_PTR_NOT_NULL(
        strstr(out, "--set: technologies.[1].growth.[1]: expected a number in [0, 1000], found -2\n"));
    CU_ASSERT_PTR_NOT_NULL(
        strstr(out, "--set: technologies.[1].growth.[2]: expected a number in [0, 1000], found 1e+308\n"));
}

TT_MAIN("growth", {"G: the mean of the curve over the ages of a period; existing modules mature", test_growth_factor},
        {"trees on a growth curve and hedges: the hand-derived optimum", test_optimum},
        {"assets.csv capacity at the modules' age; removals per period", test_reports},
        {"the exported model solved by glpsol and cbc", test_exported},
        {"a curve of 1 builds the model without a curve", test_unit_curve_same_model},
        {"bad growth settings: FILE:LINE: PATH, exit 2", test_load_errors})
