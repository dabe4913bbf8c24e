/*
 * test_build.c — the MILP as built: row, column, integer and nonzero counts counted by hand
 * on the teaching instances, readable names within GLPK's limits, coefficients of the rows
 * whose form matters (run rows, lines needed, spur big-M, storage cycle, slice scaling of
 * balances), and what --elastic and policy_rows add.
 */
#include "testing.h"

#include <glpk.h>

#include "build.h"
#include "names.h"
#include "solve.h"

static Model *load(const char *path)
{
    Diag d = {0};
    Model *m = tt_load(path, &d);
    if (!m)
        diag_print(&d, stderr);
    diag_free(&d);
    return m;
}

static Build *build(const Model *m, bool elastic, bool policy_rows)
{
    Build *B = NULL;
    BuildOpts bo = {elastic, 1e5, policy_rows};
    CU_ASSERT_EQUAL(build_new(m, &bo, &B), TICO_OK);
    return B;
}

static int find_row(const Build *B, const char *name)
{
    for (int i = 1; i <= glp_get_num_rows(B->lp); i++)
        if (strcmp(glp_get_row_name(B->lp, i), name) == 0)
            return i;
    return 0;
}

static int find_col(const Build *B, const char *name)
{
    for (int j = 1; j <= glp_get_num_cols(B->lp); j++)
        if (strcmp(glp_get_col_name(B->lp, j), name) == 0)
            return j;
    return 0;
}

/* Coefficient of column `col` in row `row` (by name); NAN when either is missing. */
static double coef(const Build *B, const char *row, const char *col)
{
    int i = find_row(B, row), j = find_col(B, col);
    if (!i || !j)
        return NAN;
    int n = glp_get_num_cols(B->lp);
    int *ind = calloc((size_t)n + 1, sizeof *ind);
    double *val = calloc((size_t)n + 1, sizeof *val);
    int len = glp_get_mat_row(B->lp, i, ind, val);
    double v = 0.0;
    for (int k = 1; k <= len; k++)
        if (ind[k] == j)
            v = val[k];
    free(ind);
    free(val);
    return v;
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Every name valid for CPLEX LP, and no two rows (or two columns) share one. */
static void check_names(const Build *B)
{
    int nr = glp_get_num_rows(B->lp), nc = glp_get_num_cols(B->lp);
    char **v = calloc((size_t)(nr > nc ? nr : nc) + 1, sizeof *v);
    for (int pass = 0; pass < 2; pass++) {
        int n = pass ? nc : nr;
        for (int k = 1; k <= n; k++) {
            const char *s = pass ? glp_get_col_name(B->lp, k) : glp_get_row_name(B->lp, k);
            CU_ASSERT_PTR_NOT_NULL_FATAL(s);
            if (!name_valid(s))
                fprintf(stderr, "\n  invalid name %s\n", s);
            CU_ASSERT_TRUE(name_valid(s));
            v[k - 1] = (char *)s;
        }
        qsort(v, (size_t)n, sizeof *v, cmp_str);
        for (int k = 1; k < n; k++) {
            if (strcmp(v[k - 1], v[k]) == 0)
                fprintf(stderr, "\n  duplicate name %s\n", v[k]);
            CU_ASSERT_NOT_EQUAL(strcmp(v[k - 1], v[k]), 0);
        }
    }
    free(v);
}

/* ---- names ------------------------------------------------------------------------- */

static void test_name_helper(void)
{
    char buf[NAME_BUF];
    CU_ASSERT_STRING_EQUAL(name_fmt(buf, "x_%s_%s_%d", "am_dunkerque", "steel_h2_dri_eaf", 2035),
                           "x_am_dunkerque_steel_h2_dri_eaf_2035");
    CU_ASSERT_STRING_EQUAL(name_fmt(buf, "bal_%s_%d_%s", "electricity", 2030, "winter_night"),
                           "bal_electricity_2030_winter_night");
    /* characters outside the CPLEX LP set become '_' */
    CU_ASSERT_STRING_EQUAL(name_fmt(buf, "a b-c+d*e:f[g]"), "a_b_c_d_e_f_g_");
    /* a leading digit or period gets a leading '_' */
    CU_ASSERT_STRING_EQUAL(name_fmt(buf, "%d_x", 2030), "_2030_x");
    CU_ASSERT_STRING_EQUAL(name_fmt(buf, ".x"), "_.x");
    CU_ASSERT_STRING_EQUAL(name_fmt(buf, "%s", ""), "_");
    /* long names: cut to 255 characters ending in ~ and 8 hex digits of a hash of the whole */
    char a[400], b[400];
    memset(a, 'a', 399);
    a[399] = '\0';
    memcpy(b, a, 400);
    b[398] = 'b';
    char na[NAME_BUF], nb[NAME_BUF];
    name_fmt(na, "%s", a);
    name_fmt(nb, "%s", b);
    CU_ASSERT_EQUAL(strlen(na), 255);
    CU_ASSERT_EQUAL(strlen(nb), 255);
    CU_ASSERT_EQUAL(na[246], '~');
    CU_ASSERT_NOT_EQUAL(strcmp(na, nb), 0);
    CU_ASSERT_EQUAL(strncmp(na, nb, 246), 0);
    CU_ASSERT_TRUE(name_valid(na));
    /* exactly 255 characters are kept as they are */
    char c[256];
    memset(c, 'c', 255);
    c[255] = '\0';
    CU_ASSERT_STRING_EQUAL(name_fmt(buf, "%s", c), c);
    /* name_valid */
    CU_ASSERT_TRUE(name_valid("x_1"));
    CU_ASSERT_TRUE(name_valid("a!\"#$%&()/,.;?@_`'{}|~"));
    CU_ASSERT_FALSE(name_valid(""));
    CU_ASSERT_FALSE(name_valid("1x"));
    CU_ASSERT_FALSE(name_valid(".x"));
    CU_ASSERT_FALSE(name_valid("a b"));
    CU_ASSERT_FALSE(name_valid("a+b"));
    char d[257];
    memset(d, 'd', 256);
    d[256] = '\0';
    CU_ASSERT_FALSE(name_valid(d));
}

/* ---- teach_two_routes: counts by hand ----------------------------------------------
 * One plant, routes [bf_bof (candidate, also the existing route), eaf], periods 2025, 2030.
 * Columns: b 2 per route (both can be built in both periods) = 4; n and x in both periods
 * for both routes (bf_bof: existing line in 2025, builds alive in both; eaf: builds) = 4 + 4;
 * market flows coal and electricity, one per period (annual) = 4; em_ets 2. Total 18, of
 * which 8 integer (b, n). No pool (steel has no balance), no cap, no budget, no constant.
 * Rows: vint 4, run 4, lines 2, prod 2, bal coal 2, bal electricity 2, def_em_ets 2 = 18.
 * Nonzeros: vint 2 + 3 + 2 + 3 = 10 (n and the builds alive: 2025 has b_2025, 2030 has both);
 * run 2 x 4 = 8; lines 2 x 2 = 4; prod 2 x 2 = 4; balances 2 x 4 = 8 (flow + route input);
 * def_em_ets 3 x 2 = 6 (em, x_bf, x_eaf). Total 40. */
static void test_counts_two_routes(void)
{
    Model *m = load("instances/teach_two_routes.cfg");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    Build *B = build(m, false, false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(B);
    CU_ASSERT_EQUAL(glp_get_num_cols(B->lp), 18);
    CU_ASSERT_EQUAL(glp_get_num_rows(B->lp), 18);
    CU_ASSERT_EQUAL(glp_get_num_int(B->lp), 8);
    CU_ASSERT_EQUAL(glp_get_num_nz(B->lp), 40);
    CU_ASSERT_EQUAL(B->ncols, 18);
    CU_ASSERT_EQUAL(B->nint, 8);
    CU_ASSERT_EQUAL(B->const_col, 0);
    check_names(B);
    /* rows by meaning and index */
    CU_ASSERT_NOT_EQUAL(find_row(B, "lines_works_2025"), 0);
    CU_ASSERT_NOT_EQUAL(find_row(B, "bal_electricity_2030"), 0);
    CU_ASSERT_NOT_EQUAL(find_row(B, "def_em_ets_2030"), 0);
    CU_ASSERT_NOT_EQUAL(find_col(B, "x_works_eaf_2030"), 0);
    CU_ASSERT_NOT_EQUAL(find_col(B, "b_works_bf_bof_2025"), 0);
    CU_ASSERT_NOT_EQUAL(find_col(B, "f_imp_coal_2025"), 0);
    /* vintage: n_2030 <= 0 existing + b_2025 + b_2030 (lifetime 20 > 5) */
    TT_ASSERT_REL(coef(B, "vint_works_bf_bof_2030", "b_works_bf_bof_2025"), -1.0, 0);
    TT_ASSERT_REL(coef(B, "vint_works_bf_bof_2030", "n_works_bf_bof_2030"), 1.0, 0);
    int i = find_row(B, "vint_works_bf_bof_2025");
    CU_ASSERT_EQUAL(glp_get_row_type(B->lp, i), GLP_UP);
    TT_ASSERT_REL(glp_get_row_ub(B->lp, i), 1.0, 0); /* one existing line in 2025 */
    TT_ASSERT_REL(glp_get_row_ub(B->lp, find_row(B, "vint_works_bf_bof_2030")), 0.0, 0);
    /* run row: x <= min(availability Q, production) n = 1e6 n; lines: at most the 1 line */
    TT_ASSERT_REL(coef(B, "run_works_eaf_2030", "n_works_eaf_2030"), -1e6, 0);
    i = find_row(B, "lines_works_2030");
    CU_ASSERT_EQUAL(glp_get_row_type(B->lp, i), GLP_UP);
    TT_ASSERT_REL(glp_get_row_ub(B->lp, i), 1.0, 0);
    /* balance: import + and route input - */
    TT_ASSERT_REL(coef(B, "bal_coal_2025", "x_works_bf_bof_2025"), -0.6, 0);
    TT_ASSERT_REL(coef(B, "bal_coal_2025", "f_imp_coal_2025"), 1.0, 0);
    /* objective: capex x CF on b, DF x price on flows, DF x carbon price on em_ets */
    double df0 = model_period_factor(m, 0), df1 = model_period_factor(m, 1);
    TT_ASSERT_REL(glp_get_obj_coef(B->lp, find_col(B, "b_works_eaf_2030")),
                  500.0 * 1e6 * model_capital_factor(m, 1, 20), 1e-12);
    TT_ASSERT_REL(glp_get_obj_coef(B->lp, find_col(B, "f_imp_coal_2030")), 100.0 * df1, 1e-12);
    TT_ASSERT_REL(glp_get_obj_coef(B->lp, find_col(B, "em_ets_2025")), 10.0 * df0, 1e-12);
    TT_ASSERT_REL(glp_get_obj_coef(B->lp, find_col(B, "x_works_eaf_2025")), 40.0 * df0, 1e-12);
    build_free(B);

    /* elastic: production shortfalls (2), balance short and surplus on 4 equality rows (8) */
    B = build(m, true, false);
    CU_ASSERT_EQUAL(glp_get_num_cols(B->lp), 18 + 2 + 8);
    CU_ASSERT_EQUAL(glp_get_num_rows(B->lp), 18);
    CU_ASSERT_NOT_EQUAL(find_col(B, "short_prod_works_2030"), 0);
    CU_ASSERT_NOT_EQUAL(find_col(B, "short_coal_2030"), 0);
    CU_ASSERT_NOT_EQUAL(find_col(B, "surplus_electricity_2025"), 0);
    TT_ASSERT_REL(glp_get_obj_coef(B->lp, find_col(B, "short_coal_2030")), 1e5 * df1, 1e-12);
    check_names(B);
    build_free(B);

    /* policy rows: em_t and def_em_t per period, free caps, a free budget */
    B = build(m, false, true);
    CU_ASSERT_EQUAL(glp_get_num_cols(B->lp), 18 + 2);
    CU_ASSERT_EQUAL(glp_get_num_rows(B->lp), 18 + 2 + 2 + 1);
    CU_ASSERT_EQUAL(glp_get_row_type(B->lp, find_row(B, "co2cap_2030")), GLP_FR);
    CU_ASSERT_EQUAL(glp_get_row_type(B->lp, find_row(B, "co2budget")), GLP_FR);
    TT_ASSERT_REL(coef(B, "co2budget", "em_2030"), 5.0, 0);
    TT_ASSERT_REL(coef(B, "def_em_2025", "x_works_bf_bof_2025"), -2.0, 0);
    double cap[2] = {-1.0, 3e5};
    CU_ASSERT_EQUAL(build_set_caps(B, cap, 4e6), TICO_OK);
    i = find_row(B, "co2cap_2030");
    CU_ASSERT_EQUAL(glp_get_row_type(B->lp, i), GLP_UP);
    TT_ASSERT_REL(glp_get_row_ub(B->lp, i), 3e5, 0);
    CU_ASSERT_EQUAL(glp_get_row_type(B->lp, find_row(B, "co2cap_2025")), GLP_FR);
    TT_ASSERT_REL(glp_get_row_ub(B->lp, find_row(B, "co2budget")), 4e6, 0);
    double price[2] = {7.0, 9.0};
    CU_ASSERT_EQUAL(build_set_carbon_price(B, price), TICO_OK);
    TT_ASSERT_REL(glp_get_obj_coef(B->lp, find_col(B, "em_ets_2030")), 9.0 * df1, 1e-12);
    build_free(B);
    model_free(m);
}

/* ---- teach_hydrogen: counts by hand --------------------------------------------------
 * One period, slices night and day (phi 0.5). wind_farm: m (no max_modules), activity in
 * both slices with a capacity row each (builds alive). electrolyser: 2 existing = max_modules,
 * so no m; activity columns bounded by 0.5 x 87 600 x 2 (no rows). tank: m; qin, qout, v per
 * slice (6) with chg, dis, vcap rows (6) and the two cycle rows. Electricity imports per
 * slice (2, no limit). Balances: electricity and hydrogen per slice (4). No emissions: no
 * em_ets. Constant: the electrolyser's fixed O&M, on const_fixed_om.
 * Columns 1 + 2 + 2 + 1 + 6 + 2 + 1 = 15 (2 integer); rows 2 + 6 + 2 + 4 = 14.
 * Nonzeros: act 2 x 2, chg/dis/vcap 6 x 2, cycle 2 x 4, electricity balances 2 x 3 (import,
 * wind, electrolyser), hydrogen balances 2 x 3 (discharge, charge, electrolyser) = 36. */
static void test_counts_hydrogen(void)
{
    Model *m = load("instances/teach_hydrogen.cfg");
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    Build *B = build(m, false, false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(B);
    CU_ASSERT_EQUAL(glp_get_num_cols(B->lp), 15);
    CU_ASSERT_EQUAL(glp_get_num_rows(B->lp), 14);
    CU_ASSERT_EQUAL(glp_get_num_int(B->lp), 2);
    CU_ASSERT_EQUAL(glp_get_num_nz(B->lp), 36);
    check_names(B);
    /* the constant: 2 modules x 87 600 x 5 EUR on a column fixed at 1 */
    CU_ASSERT_NOT_EQUAL(B->const_col, 0);
    TT_ASSERT_REL(glp_get_obj_coef(B->lp, B->const_col), 876000.0, 1e-12);
    CU_ASSERT_EQUAL(glp_get_col_type(B->lp, B->const_col), GLP_FX);
    TT_ASSERT_REL(glp_get_col_lb(B->lp, B->const_col), 1.0, 0);
    /* capacity: night wind 0.2 x 0.5 x 87 600 = 8760 per module */
    TT_ASSERT_REL(coef(B, "act_wind_farm_2030_typical_night", "m_wind_farm_2030"), -8760.0, 1e-12);
    /* the electrolyser has no rows: bounds of 0.5 x 87 600 x 2 */
    int j = find_col(B, "a_electrolyser_2030_typical_day");
    CU_ASSERT_EQUAL(glp_get_col_type(B->lp, j), GLP_DB);
    TT_ASSERT_REL(glp_get_col_ub(B->lp, j), 87600.0, 1e-12);
    CU_ASSERT_EQUAL(find_col(B, "m_electrolyser_2030"), 0);
    /* storage: power 0.5 x 4380 h x 100 MWh; cycle with 1/365 */
    TT_ASSERT_REL(coef(B, "chg_tank_2030_typical_day", "m_tank_2030"), -219000.0, 1e-12);
    TT_ASSERT_REL(coef(B, "lvl_tank_2030_typical_night", "v_tank_2030_typical_day"), 1.0, 0);
    TT_ASSERT_REL(coef(B, "lvl_tank_2030_typical_night", "v_tank_2030_typical_night"), -1.0, 0);
    TT_ASSERT_REL(coef(B, "lvl_tank_2030_typical_night", "qin_tank_2030_typical_night"), -1.0 / 365.0, 1e-12);
    TT_ASSERT_REL(coef(B, "lvl_tank_2030_typical_night", "qout_tank_2030_typical_night"), 1.0 / 365.0, 1e-12);
    /* slice balances read per year: per-slice flows over phi = 0.5, demand 43 800 / 0.5 */
    TT_ASSERT_REL(coef(B, "bal_electricity_2030_typical_day", "a_electrolyser_2030_typical_day"), -2.5, 1e-12);
    TT_ASSERT_REL(coef(B, "bal_electricity_2030_typical_day", "f_imp_electricity_2030_typical_day"), 2.0, 1e-12);
    int i = find_row(B, "bal_hydrogen_2030_typical_night");
    CU_ASSERT_EQUAL(glp_get_row_type(B->lp, i), GLP_FX);
    TT_ASSERT_REL(glp_get_row_lb(B->lp, i), 87600.0, 1e-12);
    /* prices with profile: night 60 x 1.2 */
    TT_ASSERT_REL(glp_get_obj_coef(B->lp, find_col(B, "f_imp_electricity_2030_typical_night")), 72.0, 1e-12);
    build_free(B);
    model_free(m);
}

/* ---- spur big-M ----------------------------------------------------------------------
 * The spur instance of test_solve: one line of 100 t/yr whose h2 route (from 2030) takes
 * 0.1 MWh of hydrogen per t: M = 0.1 x 100 x 1 = 10 in 2030. In 2025 no route touching
 * hydrogen can run: no flow row and no spur variable then. */
static void test_spur_rows(void)
{
    const char *path = tt_write("build_spur.cfg",
        "cluster = { name = \"T\"; };\n"
        "horizon = { periods = [2025, 2030]; last_period_years = 5; discount_rate = 0.0; };\n"
        "commodities = ( { id = \"steel\"; unit = \"t\"; balance = \"none\"; },\n"
        "  { id = \"hydrogen\"; unit = \"MWh\"; balance = \"annual\";\n"
        "    network = { spur_cost = 1000.0; lifetime = 10; }; } );\n"
        "technologies = (\n"
        "  { id = \"gas\"; sector = \"steel\"; kind = \"route\"; product = \"steel\"; lifetime = 40;\n"
        "    emissions = { fossil = 1.0; }; source = \"test\"; },\n"
        "  { id = \"h2\"; sector = \"steel\"; kind = \"route\"; product = \"steel\"; lifetime = 20;\n"
        "    available_from = 2030; capex = 10.0; inputs = { hydrogen = 0.1; }; source = \"test\"; } );\n"
        "markets = ( { commodity = \"hydrogen\"; direction = \"import\"; price = 50.0; } );\n"
        "plants = ( { id = \"works\"; product = \"steel\"; units = 1; unit_capacity = 100.0;\n"
        "  routes = [\"h2\"]; existing = { route = \"gas\"; units = 1; };\n"
        "  production = 100.0; spurs = { hydrogen = 4.0; }; } );\n");
    Model *m = load(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    Build *B = build(m, false, false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(B);
    check_names(B);
    TT_ASSERT_REL(coef(B, "spur_works_hydrogen_2030", "w_works_hydrogen_2030"), -10.0, 1e-12);
    TT_ASSERT_REL(coef(B, "spur_works_hydrogen_2030", "x_works_h2_2030"), 0.1, 1e-12);
    /* nothing flows in 2025: no flow row, no spur variable then (it would only cost more),
     * and with one variable left no "at most once" row */
    CU_ASSERT_EQUAL(find_row(B, "spur_works_hydrogen_2025"), 0);
    CU_ASSERT_EQUAL(find_col(B, "w_works_hydrogen_2025"), 0);
    CU_ASSERT_EQUAL(find_row(B, "spur1_works_hydrogen"), 0);
    CU_ASSERT_EQUAL(glp_get_col_kind(B->lp, find_col(B, "w_works_hydrogen_2030")), GLP_BV);
    /* cost: 4 km x 1000 x CF(2030, 10) = 4000 x 5/10 */
    TT_ASSERT_REL(glp_get_obj_coef(B->lp, find_col(B, "w_works_hydrogen_2030")), 2000.0, 1e-12);
    /* the h2 route cannot be built in 2025: no b, n or x then */
    CU_ASSERT_EQUAL(find_col(B, "b_works_h2_2025"), 0);
    CU_ASSERT_EQUAL(find_col(B, "x_works_h2_2025"), 0);
    build_free(B);
    model_free(m);
}

/* ---- run rows capped at the requirement -------------------------------------------------
 * One line of 100 t/yr (availability 0.9: 90 t) that must make 60 t: without a pool no line
 * makes more than 60, so x <= 60 n. With a product that has a balance (surplus to the pool)
 * the cap stays availability x Q = 90. */
static void test_run_cap(void)
{
    static const char *cfg =
        "cluster = { name = \"T\"; };\n"
        "horizon = { periods = [2030]; last_period_years = 1; discount_rate = 0.0; };\n"
        "commodities = ( { id = \"lime\"; unit = \"t\"; balance = \"%s\"; } );\n"
        "technologies = ( { id = \"kiln\"; sector = \"lime\"; kind = \"route\"; product = \"lime\"; lifetime = 30;\n"
        "  availability = 0.9; source = \"test\"; } );\n"
        "plants = ( { id = \"p\"; product = \"lime\"; units = 1; unit_capacity = 100.0;\n"
        "  existing = { route = \"kiln\"; units = 1; }; production = 60.0; } );\n";
    for (int pooled = 0; pooled < 2; pooled++) {
        char text[2048];
        snprintf(text, sizeof text, cfg, pooled ? "annual" : "none");
        Model *m = load(tt_write(pooled ? "runcap_pool.cfg" : "runcap.cfg", text));
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        Build *B = build(m, false, false);
        TT_ASSERT_REL(coef(B, "run_p_kiln_2030", "n_p_kiln_2030"), pooled ? -90.0 : -60.0, 1e-12);
        CU_ASSERT_EQUAL(find_col(B, "pool_p_2030") != 0, pooled);
        build_free(B);
        model_free(m);
    }
}

/* ---- stock recursion (issue 13): counts by hand ------------------------------------------
 * One plant (1 unit of 100 t/yr, 100 t/yr required), one candidate route r of lifetime 10
 * and no inputs or emissions, twelve annual periods 2025..2036, no existing line. Builds
 * b_t exist in every period (12, integer); a build of t is alive in t' for t <= t' < t + 10,
 * so the builds alive in t number min(t + 1, 10): 1..10, 10, 10.
 * Written out (TICO_BUILD_DIRECT=1): vint_t holds n_t and those builds: sum (1 + alive)
 * = 12 + (55 + 20) = 87 non-zeros; run 2 x 12 = 24 (x, n); prod 12 (x). Total 123; columns
 * b, n, x = 36 (24 integer); rows vint, run, prod = 36.
 * Stock: alive_t = K_t and stock_t  K_t - K_{t-1} - b_t + b_{t-10} = 0: 2025 has K, b (2),
 * 2026..2034 K, K_{t-1}, b (9 x 3 = 27), 2035 and 2036 also the build leaving (2 x 4 = 8):
 * 37; vint_t  n_t - K_t <= 0: 2 x 12 = 24; run 24; prod 12. Total 97 < 123 (the sums made
 * 75 of vint's entries, the stock makes 37 + 12), so build_stock_pays() takes it; columns
 * 36 + 12 K = 48 (24 integer); rows 36 + 12 stock = 48.
 * Optimum (discount 0, capex 10 EUR/t, so CF(t, 10) = years paid inside the horizon / 10):
 * a line must run every year; a build of 2025 serves 2025..2034 for 10 x 100 x 10/10 = 1000,
 * one of 2035 serves 2035..2036 for 10 x 100 x 2/10 = 200: 1200, in both forms. */
static const char STOCK_CFG[] =
    "cluster = { name = \"T\"; };\n"
    "horizon = { periods = [2025, 2026, 2027, 2028, 2029, 2030, 2031, 2032, 2033, 2034, 2035, 2036];\n"
    "  last_period_years = 1; discount_rate = 0.0; };\n"
    "solver = { mip_gap = 0.0; };\n"
    "commodities = ( { id = \"steel\"; unit = \"t\"; balance = \"none\"; } );\n"
    "technologies = ( { id = \"r\"; sector = \"steel\"; kind = \"route\"; product = \"steel\"; lifetime = 10;\n"
    "  availability = 1.0; capex = 10.0; source = \"test\"; } );\n"
    "plants = ( { id = \"works\"; product = \"steel\"; units = 1; unit_capacity = 100.0;\n"
    "  routes = [\"r\"]; production = 100.0; } );\n";

static double solve_objective(const Model *m)
{
    BuildOpts bo = {false, 1e5, false};
    SolveParams sp;
    solve_params_default(&sp, m, true);
    Solution *s = NULL;
    double v = NAN;
    if (solve_model(m, &bo, &sp, &s) == TICO_OK)
        v = s->objective;
    solution_free(s);
    return v;
}

static void test_stock_counts(void)
{
    Model *m = load(tt_write("build_stock.cfg", STOCK_CFG));
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    setenv("TICO_BUILD_DIRECT", "1", 1);
    Build *B = build(m, false, false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(B);
    CU_ASSERT_EQUAL(glp_get_num_cols(B->lp), 36);
    CU_ASSERT_EQUAL(glp_get_num_rows(B->lp), 36);
    CU_ASSERT_EQUAL(glp_get_num_int(B->lp), 24);
    CU_ASSERT_EQUAL(glp_get_num_nz(B->lp), 123);
    TT_ASSERT_REL(coef(B, "vint_works_r_2034", "b_works_r_2025"), -1.0, 0);
    TT_ASSERT_REL(coef(B, "vint_works_r_2035", "b_works_r_2025"), 0.0, 0); /* retired: no entry */
    build_free(B);
    double direct = solve_objective(m);
    unsetenv("TICO_BUILD_DIRECT");

    B = build(m, false, false);
    CU_ASSERT_PTR_NOT_NULL_FATAL(B);
    CU_ASSERT_EQUAL(glp_get_num_cols(B->lp), 48);
    CU_ASSERT_EQUAL(glp_get_num_rows(B->lp), 48);
    CU_ASSERT_EQUAL(glp_get_num_int(B->lp), 24);
    CU_ASSERT_EQUAL(glp_get_num_nz(B->lp), 97);
    check_names(B);
    /* stock_2035: K_2035 - K_2034 - b_2035 + b_2025 = 0; vint_2035: n - K <= 0 existing */
    TT_ASSERT_REL(coef(B, "stock_works_r_2035", "alive_works_r_2035"), 1.0, 0);
    TT_ASSERT_REL(coef(B, "stock_works_r_2035", "alive_works_r_2034"), -1.0, 0);
    TT_ASSERT_REL(coef(B, "stock_works_r_2035", "b_works_r_2035"), -1.0, 0);
    TT_ASSERT_REL(coef(B, "stock_works_r_2035", "b_works_r_2025"), 1.0, 0);
    TT_ASSERT_REL(coef(B, "stock_works_r_2034", "b_works_r_2025"), 0.0, 0); /* still alive */
    TT_ASSERT_REL(coef(B, "vint_works_r_2035", "alive_works_r_2035"), -1.0, 0);
    TT_ASSERT_REL(coef(B, "vint_works_r_2035", "n_works_r_2035"), 1.0, 0);
    int i = find_row(B, "stock_works_r_2025");
    CU_ASSERT_EQUAL(glp_get_row_type(B->lp, i), GLP_FX);
    TT_ASSERT_REL(glp_get_row_ub(B->lp, find_row(B, "vint_works_r_2030")), 0.0, 0);
    CU_ASSERT_EQUAL(glp_get_col_kind(B->lp, find_col(B, "alive_works_r_2030")), GLP_CV);
    build_free(B);
    TT_ASSERT_REL(direct, 1200.0, 1e-9);
    TT_ASSERT_REL(solve_objective(m), 1200.0, 1e-9);
    model_free(m);
}

/* ---- same optimum as the formulation written out (issue 13) ------------------------------
 * Each teaching instance, and the stock instance above, exported twice — as built, and with
 * TICO_BUILD_DIRECT=1 (every sum written out, the formulation before issue 13) — and solved
 * by glpsol: both give tico's objective to 1e-6. And Dunkirk's LP relaxation (where the asset
 * stock, the spur stock and the aggregate plant flows all apply): the same optimum to 1e-9
 * with fewer non-zeros. */

static void test_same_optimum(void)
{
    static const char *const inst[] = {"instances/teach_ccs.cfg",        "instances/teach_hydrogen.cfg",
                                       "instances/teach_macc.cfg",       "instances/teach_mc.cfg",
                                       "instances/teach_two_routes.cfg", "instances/teach_value.cfg",
                                       TT_TMP "/build_stock.cfg"};
    tt_write("build_stock.cfg", STOCK_CFG);
    for (size_t k = 0; k < sizeof inst / sizeof *inst; k++) {
        Model *m = load(inst[k]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(m);
        double mine = solve_objective(m);
        model_free(m);
        CU_ASSERT_FALSE(isnan(mine));
        for (int direct = 0; direct < 2; direct++) {
            char dir[256], cmd[1024], out[4096];
            snprintf(dir, sizeof dir, "%s/same_opt_%zu_%d", TT_TMP, k, direct);
            snprintf(cmd, sizeof cmd, "rm -rf %s && TICO_BUILD_DIRECT=%d %s export -q --format lp -o %s %s", dir, direct,
                     TT_TICO, dir, inst[k]);
            CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
            double theirs = tt_glpsol_objective_in(dir);
            if (!(fabs(theirs - mine) <= 1e-6 * fabs(mine)))
                fprintf(stderr, "\n  %s (direct %d): tico %.10g, glpsol %.10g\n", inst[k], direct, mine, theirs);
            TT_ASSERT_REL(theirs, mine, 1e-6);
        }
    }
}

static int lp_relax(void *arg)
{
    glp_prob *lp = arg;
    glp_smcp s;
    glp_init_smcp(&s);
    s.msg_lev = GLP_MSG_OFF;
    s.presolve = GLP_ON;
    return glp_simplex(lp, &s) == 0 && glp_get_status(lp) == GLP_OPT ? 0 : 1;
}

static void test_same_lp_dunkirk(void)
{
    Model *m = load("instances/dunkirk.cfg");
    if (!m) {
        CU_FAIL("instances/dunkirk.cfg does not load");
        return;
    }
    double obj[2];
    int nnz[2];
    for (int direct = 0; direct < 2; direct++) {
        if (direct)
            setenv("TICO_BUILD_DIRECT", "1", 1);
        Build *B = build(m, false, false);
        unsetenv("TICO_BUILD_DIRECT");
        CU_ASSERT_PTR_NOT_NULL_FATAL(B);
        nnz[direct] = glp_get_num_nz(B->lp);
        CU_ASSERT_EQUAL(build_glpk_call(lp_relax, B->lp), 0);
        obj[direct] = glp_get_obj_val(B->lp);
        if (!direct) {
            bool kinds[4] = {false};
            for (int j = 1; j <= B->ncols; j++)
                if (B->col[j].kind >= COL_ALIVE)
                    kinds[B->col[j].kind - COL_ALIVE] = true;
            CU_ASSERT_TRUE(kinds[COL_MOD_ALIVE - COL_ALIVE]);
            CU_ASSERT_TRUE(kinds[COL_SPUR_ON - COL_ALIVE]);
            CU_ASSERT_TRUE(kinds[COL_PLANT_FLOW - COL_ALIVE]);
        }
        build_free(B);
    }
    TT_ASSERT_REL(obj[0], obj[1], 1e-9);
    CU_ASSERT_TRUE(nnz[0] < nnz[1]);
    model_free(m);
}

/* ---- every name of the Dunkirk instance ------------------------------------------------ */
static void test_dunkirk_names(void)
{
    Model *m = load("instances/dunkirk.cfg");
    if (!m) {
        CU_FAIL("instances/dunkirk.cfg does not load");
        return;
    }
    Build *B = build(m, true, true);
    CU_ASSERT_PTR_NOT_NULL_FATAL(B);
    check_names(B);
    /* the maps agree with GLPK: every column's meaning names its kind's prefix */
    for (int j = 1; j <= B->ncols; j++) {
        const char *s = glp_get_col_name(B->lp, j);
        switch ((ColKind)B->col[j].kind) {
        case COL_PROD: CU_ASSERT_EQUAL(strncmp(s, "x_", 2), 0); break;
        case COL_LINES: CU_ASSERT_EQUAL(strncmp(s, "n_", 2), 0); break;
        case COL_BUILD: CU_ASSERT_EQUAL(strncmp(s, "b_", 2), 0); break;
        case COL_MODULES: CU_ASSERT_EQUAL(strncmp(s, "m_", 2), 0); break;
        case COL_MARKET: CU_ASSERT_EQUAL(strncmp(s, "f_", 2), 0); break;
        default: break;
        }
    }
    build_free(B);
    model_free(m);
}

TT_MAIN("build",
        {"name helper: charset, leading digit, 255-character limit", test_name_helper},
        {"teach_two_routes: counts, names, coefficients, elastic, policy rows", test_counts_two_routes},
        {"teach_hydrogen: counts, constant column, storage and slice rows", test_counts_hydrogen},
        {"spur rows and big-M", test_spur_rows},
        {"run rows capped at the requirement", test_run_cap},
        {"dunkirk: every name valid and unique", test_dunkirk_names},
        {"stock recursion: counts by hand, same optimum as written out", test_stock_counts},
        {"teaching instances: same optimum by glpsol, as built and written out", test_same_optimum},
        {"dunkirk: same LP relaxation, fewer non-zeros", test_same_lp_dunkirk})
