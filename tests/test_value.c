/*
 * test_value.c — `tico value` (SPEC §8, solver/analysis/value.c).
 *
 * instances/teach_value.cfg derives by hand (its header): three plants, one CO2 terminal
 * (1 Mt/yr modules, 300 MEUR each), carbon price 100 EUR/t, one 10-year period at 0 %:
 *   value = Z_without - Z_with = 2100 - 1920 = 180 MEUR (A and B capture, C does not);
 *   by use (CO2 taken from each plant): A 5/9, B 4/9, C 0 -> of 300 MEUR: 166.667, 133.333, 0;
 *   Shapley over v() = v(A) = v(B) = v(C) = 0, v(AB) = 180, v(AC) = 130, v(BC) = 50,
 *   v(ABC) = 180: phi = 95, 55, 30 MEUR -> shares 0.527778, 0.305556, 0.166667 -> of the
 *   cost 158.333, 91.667, 50 MEUR; the spare berth is unused (value 0, no solve); with a
 *   cap of 1.5 Mt/yr the terminal is essential.
 * Fixtures written here: a grid link and an electrolyser (by use traced through the
 * electrolyser; plants with one route are dummies), and 13 identical plants (sampled
 * Shapley).
 */
#include <unistd.h>

#include "build.h"
#include "testing.h"
#include "value.h"

#define INST "instances/teach_value.cfg"

/* Paths of this run: tests/tmp/value-<pid>/NAME, so that two runs of the suite at once (other
 * builds' `make test`) never share a folder. A ring of buffers: a pointer lives for the next
 * 63 calls. */
static const char *P(const char *name)
{
    static char buf[64][512];
    static int k;
    char *b = buf[k++ % 64];
    snprintf(b, 512, TT_TMP "/value-%d/%s", (int)getpid(), name);
    return b;
}

static int count_lines(const char *path)
{
    char *s = tt_slurp(path);
    int n = 0;
    for (char *p = s; p && *p; p++)
        n += *p == '\n';
    free(s);
    return n;
}

static int same_file(const char *a, const char *b)
{
    char *x = tt_slurp(a), *y = tt_slurp(b);
    int r = x && y && strcmp(x, y) == 0;
    free(x);
    free(y);
    return r;
}

static int exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

static void run_value(const char *dir, const char *args, const char *inst, int jobs, char *out, size_t n)
{
    char cmd[2048];
    snprintf(cmd, sizeof cmd, "rm -rf %s && " TT_TICO " value -j %d %s -o %s %s", dir, jobs, args, dir, inst);
    int rc = tt_sh(cmd, out, n);
    if (rc != 0)
        fprintf(stderr, "\n%s\n%s\n", cmd, out);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
}

/* ---- the Shapley formula alone --------------------------------------------------------- */

static void test_shapley_formula(void)
{
    /* bits: A = 1, B = 2, C = 4; the game of teach_value.cfg in MEUR */
    double v[8] = {0, 0, 0, 180, 0, 130, 50, 180}, phi[3];
    value_shapley_exact(3, v, phi);
    TT_ASSERT_REL(phi[0], 95.0, 1e-12);
    TT_ASSERT_REL(phi[1], 55.0, 1e-12);
    TT_ASSERT_REL(phi[2], 30.0, 1e-12);
    /* a worth of the empty coalition shifts nothing: phi adds up to v(N) - v() */
    for (int s = 0; s < 8; s++)
        v[s] += 40.0;
    value_shapley_exact(3, v, phi);
    TT_ASSERT_REL(phi[0] + phi[1] + phi[2], 180.0, 1e-12);
    TT_ASSERT_REL(phi[0], 95.0, 1e-12);
    /* a glove game with 12 players (the exact limit): 6 left, 6 right gloves, v = min(L, R) */
    static double g[1 << 12];
    double p12[12];
    for (int S = 0; S < (1 << 12); S++) {
        int l = 0, r = 0;
        for (int q = 0; q < 12; q++)
            if (S >> q & 1)
                q < 6 ? l++ : r++;
        g[S] = l < r ? l : r;
    }
    value_shapley_exact(12, g, p12);
    double sum = 0.0;
    for (int q = 0; q < 12; q++)
        sum += p12[q];
    TT_ASSERT_REL(sum, 6.0, 1e-12);
    TT_ASSERT_REL(p12[0], 0.5, 1e-12); /* symmetric sides share equally */
    TT_ASSERT_REL(p12[11], 0.5, 1e-12);
    /* one player */
    double v1[2] = {3.0, 10.0}, p1[1];
    value_shapley_exact(1, v1, p1);
    TT_ASSERT_REL(p1[0], 7.0, 1e-12);
}

/* ---- the teaching instance ------------------------------------------------------------- */

/* value.csv: family,assets,technology,sector,service,commodity,status,value_eur(7),
 * system_value_eur,total_cost_with_eur(9),total_cost_without_eur(10),system_cost_with_eur,
 * system_cost_without_eur,gap_without,asset_cost_eur(14),shapley,players(16),coalitions_solved(17),gap_with
 * value_split.csv: family,plant,use(2),unit,by_use_share(4),by_use_eur(5),shapley_value_eur(6),
 * shapley_share(7),shapley_eur(8),method,stderr_eur(10) */
static void test_teach(void)
{
    char out[8192];
    run_value(P("value_teach"), "", INST, 2, out, sizeof out);
    const char *v = P("value_teach/value.csv"), *sp = P("value_teach/value_split.csv");
    CU_ASSERT(tt_file_has(v, "terminal,terminal,co2_terminal,ccs,takes,co2,optimal,"));
    TT_ASSERT_REL(tt_csv_field(v, "terminal,", 7), 180e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(v, "terminal,", 9), 1920e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(v, "terminal,", 10), 2100e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(v, "terminal,", 14), 300e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(v, "terminal,", 16), 3, 0);
    /* the spare berth: unused, value 0 exactly, nothing solved for it */
    CU_ASSERT(tt_file_has(v, "spare_berth,spare_berth,co2_barge,ccs,takes,co2,unused,0,0,"));
    TT_ASSERT_REL(tt_csv_field(v, "spare_berth,", 17), 0, 0);

    /* by use */
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,works_a,", 2), 5e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,works_a,", 4), 5.0 / 9.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,works_a,", 5), 300e6 * 5.0 / 9.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,plant_b,", 4), 4.0 / 9.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,plant_b,", 5), 300e6 * 4.0 / 9.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,plant_c,", 4), 0.0, 1e-12);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,(other),", 4), 0.0, 1e-12);
    /* Shapley */
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,works_a,", 6), 95e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,plant_b,", 6), 55e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,plant_c,", 6), 30e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,(other),", 6), 0.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,works_a,", 7), 95.0 / 180.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,plant_c,", 7), 30.0 / 180.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,works_a,", 8), 300e6 * 95.0 / 180.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,plant_b,", 8), 300e6 * 55.0 / 180.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,plant_c,", 8), 50e6, 1e-9);
    CU_ASSERT(tt_file_has(sp, "terminal,works_a,5000000,t,"));
    CU_ASSERT(tt_file_has(sp, ",exact,0\n"));
    /* 3 plants x 2 families + (other) x 2 + header */
    CU_ASSERT_EQUAL(count_lines(sp), 9);
    /* the chart and the stdout lines */
    CU_ASSERT(tt_file_has(P("value_teach/value.svg"), "<svg"));
    CU_ASSERT(tt_file_has(P("value_teach/value.svg"), "Who pays"));
    CU_ASSERT(strstr(out, "terminal: value 180 MEUR (optimal); cost 300 MEUR; by use: works_a 56%, plant_b 44%; "
                          "Shapley (exact): works_a 53%, plant_b 31%, plant_c 17%") != NULL);
    CU_ASSERT(strstr(out, "spare_berth: value 0.00 MEUR (unused)") != NULL);
}

static void test_jobs_identical(void)
{
    char out[8192];
    run_value(P("value_j1"), "-q", INST, 1, out, sizeof out);
    CU_ASSERT_STRING_EQUAL(out, ""); /* -q: nothing on stdout or stderr */
    run_value(P("value_j2"), "-q", INST, 2, out, sizeof out);
    const char *files[] = {"value.csv", "value_split.csv", "value.svg"};
    for (int k = 0; k < 3; k++) {
        char a[256], b[256];
        snprintf(a, sizeof a, "%s/%s", P("value_j1"), files[k]);
        snprintf(b, sizeof b, "%s/%s", P("value_j2"), files[k]);
        CU_ASSERT(same_file(a, b));
    }
}

static void test_asset_option(void)
{
    char out[8192];
    run_value(P("value_one"), "-q --asset terminal", INST, 2, out, sizeof out);
    const char *v = P("value_one/value.csv");
    CU_ASSERT_EQUAL(count_lines(v), 2);
    TT_ASSERT_REL(tt_csv_field(v, "terminal,", 7), 180e6, 1e-9);
    /* a technology id names the family of its assets */
    run_value(P("value_tech"), "-q --asset co2_barge", INST, 1, out, sizeof out);
    CU_ASSERT(tt_file_has(P("value_tech/value.csv"), "\nco2_barge,spare_berth,co2_barge,ccs,takes,co2,unused,"));
    CU_ASSERT_EQUAL(count_lines(P("value_tech/value.csv")), 2);
}

static void test_no_infrastructure(void)
{
    char out[8192];
    run_value(P("value_none"), "--set 'infrastructure=()'", INST, 2, out, sizeof out);
    CU_ASSERT_EQUAL(count_lines(P("value_none/value.csv")), 1);
    CU_ASSERT_EQUAL(count_lines(P("value_none/value_split.csv")), 1);
    CU_ASSERT(tt_file_has(P("value_none/value.svg"), "no shared infrastructure"));
    CU_ASSERT(strstr(out, "has no shared infrastructure to value") != NULL);
}

static void test_essential(void)
{
    char out[8192];
    /* a cap of 1.5 Mt/yr: 0.6 Mt/yr must be captured, and only the terminal can take it */
    run_value(P("value_ess"), "--set policy.cap=1.5e6", INST, 2, out, sizeof out);
    const char *v = P("value_ess/value.csv"), *sp = P("value_ess/value_split.csv");
    CU_ASSERT(tt_file_has(v, "terminal,terminal,co2_terminal,ccs,takes,co2,essential,,,1920000000,,"));
    CU_ASSERT(isnan(tt_csv_field(v, "terminal,", 7)));
    /* by use still holds (the same plan: A and B capture); Shapley has no plan to compare with */
    TT_ASSERT_REL(tt_csv_field(sp, "terminal,works_a,", 4), 5.0 / 9.0, 1e-9);
    CU_ASSERT(isnan(tt_csv_field(sp, "terminal,works_a,", 6)));
    CU_ASSERT(tt_file_has(sp, "terminal,works_a,5000000,t,0.555555555556,166666666.667,,,,none,\n"));
    CU_ASSERT(strstr(out, "terminal: essential (infeasible without it)") != NULL);
    CU_ASSERT(tt_file_has(P("value_ess/value.svg"), "essential: the cluster cannot do without it"));
}

static void test_errors(void)
{
    char out[8192];
    /* an unknown asset: usage error, nothing written */
    const char *dir = P("value_err");
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "rm -rf %s && " TT_TICO " value --asset nope -o %s " INST, dir, dir);
    int rc = tt_sh(cmd, out, sizeof out);
    CU_ASSERT_EQUAL(rc, 1);
    CU_ASSERT(strstr(out, "--asset 'nope' is neither an asset") != NULL);
    CU_ASSERT(strstr(out, "terminal spare_berth") != NULL);
    CU_ASSERT(!exists(dir));
    /* --asset without a value */
    snprintf(cmd, sizeof cmd, TT_TICO " value -o %s " INST " --asset", dir);
    rc = tt_sh(cmd, out, sizeof out);
    CU_ASSERT_EQUAL(rc, 1);
    CU_ASSERT(!exists(dir));
    /* invalid input: exit 2, nothing written */
    snprintf(cmd, sizeof cmd, TT_TICO " value --set plants.works_a.units=-1 -o %s " INST, dir);
    rc = tt_sh(cmd, out, sizeof out);
    CU_ASSERT_EQUAL(rc, 2);
    CU_ASSERT(!exists(dir));
    /* an instance with no solution: exit 3, nothing written (a cap no plan can meet) */
    snprintf(cmd, sizeof cmd, TT_TICO " value --set policy.cap=0.1e6 -o %s " INST, dir);
    rc = tt_sh(cmd, out, sizeof out);
    CU_ASSERT_EQUAL(rc, 3);
    CU_ASSERT(strstr(out, "nothing written") != NULL);
    CU_ASSERT(!exists(dir));
}

/* ---- by use through a chain of assets; dummies ------------------------------------------ */

/* A grid link brings electricity to plant P1 (1 MWh/t x 1e6 t), to a demand (1e6 MWh) and to
 * an electrolyser (2 MWh per MWh of hydrogen) whose hydrogen goes to plant P2 (1 MWh/t x 1e6 t):
 * the grid's electricity is used 1 : 1 : 2, and the electrolyser's part reaches P2, so by use
 * P1 1/4, P2 1/2, (other) 1/4; the electrolyser's hydrogen all goes to P2. Each plant has one
 * route: both are dummies (0 players). The grid is essential (no other electricity). Without
 * the electrolyser hydrogen is imported at 130 instead of 2 x 50 = 100 EUR/MWh: value =
 * 10 years x 30 x 1e6 = 300 MEUR, all of it v(empty), "(other)". */
static const char *CHAIN =
    "cluster = { name = \"Chain\"; };\n"
    "horizon = { periods = [2030]; last_period_years = 10; discount_rate = 0.0; };\n"
    "commodities = ( { id = \"grid_power\"; unit = \"MWh\"; balance = \"annual\"; },\n"
    "  { id = \"electricity\"; unit = \"MWh\"; balance = \"annual\"; },\n"
    "  { id = \"hydrogen\"; unit = \"MWh\"; balance = \"annual\"; },\n"
    "  { id = \"a_goods\"; unit = \"t\"; balance = \"none\"; }, { id = \"b_goods\"; unit = \"t\"; balance = \"none\"; } );\n"
    "technologies = (\n"
    "  { id = \"a_route\"; sector = \"chemicals\"; kind = \"route\"; product = \"a_goods\"; lifetime = 40;\n"
    "    inputs = { electricity = 1.0; }; source = \"test\"; },\n"
    "  { id = \"b_route\"; sector = \"steel\"; kind = \"route\"; product = \"b_goods\"; lifetime = 40;\n"
    "    inputs = { hydrogen = 1.0; }; source = \"test\"; },\n"
    "  { id = \"link\"; sector = \"power\"; kind = \"process\"; lifetime = 40;\n"
    "    inputs = { grid_power = 1.0; }; outputs = { electricity = 1.0; }; source = \"test\"; },\n"
    "  { id = \"elz\"; sector = \"hydrogen\"; kind = \"process\"; lifetime = 40;\n"
    "    inputs = { electricity = 2.0; }; outputs = { hydrogen = 1.0; }; source = \"test\"; } );\n"
    "markets = ( { commodity = \"grid_power\"; direction = \"import\"; price = 50.0; },\n"
    "  { commodity = \"hydrogen\"; direction = \"import\"; price = 130.0; } );\n"
    "demands = ( { commodity = \"electricity\"; amount = 1.0e6; } );\n"
    "plants = (\n"
    "  { id = \"p1\"; product = \"a_goods\"; units = 1; unit_capacity = 1.0e6; routes = [\"a_route\"];\n"
    "    existing = { route = \"a_route\"; units = 1; }; production = 1.0e6; },\n"
    "  { id = \"p2\"; product = \"b_goods\"; units = 1; unit_capacity = 1.0e6; routes = [\"b_route\"];\n"
    "    existing = { route = \"b_route\"; units = 1; }; production = 1.0e6; } );\n"
    "infrastructure = ( { id = \"grid\"; technology = \"link\"; module = 1.0e7; existing = 1; max_modules = 1; },\n"
    "  { id = \"electrolyser\"; technology = \"elz\"; module = 5.0e6; existing = 1; max_modules = 1; } );\n"
    "solver = { mip_gap = 0.0; };\n";

static void test_by_use_chain(void)
{
    char out[8192];
    char name[64];
    snprintf(name, sizeof name, "value-%d-chain.cfg", (int)getpid());
    const char *inst = tt_write(name, CHAIN);
    run_value(P("value_chain"), "-q", inst, 1, out, sizeof out);
    const char *v = P("value_chain/value.csv"), *sp = P("value_chain/value_split.csv");
    CU_ASSERT(tt_file_has(v, "grid,grid,link,power,makes,electricity,essential,"));
    CU_ASSERT(tt_file_has(v, "electrolyser,electrolyser,elz,hydrogen,makes,hydrogen,optimal,"));
    TT_ASSERT_REL(tt_csv_field(v, "electrolyser,", 7), 300e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(v, "electrolyser,", 16), 0, 0); /* no players */
    TT_ASSERT_REL(tt_csv_field(sp, "grid,p1,", 4), 0.25, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "grid,p2,", 4), 0.5, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "grid,(other),", 4), 0.25, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "grid,p2,", 2), 10 * 2.0e6, 1e-9); /* MWh of electricity over 10 years */
    TT_ASSERT_REL(tt_csv_field(sp, "electrolyser,p2,", 4), 1.0, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "electrolyser,p1,", 4), 0.0, 1e-12);
    /* Shapley: the plants are dummies, the whole value is v(empty) */
    CU_ASSERT(tt_file_has(sp, "electrolyser,p1,0,MWh,0,0,0,0,0,dummy,0\n"));
    TT_ASSERT_REL(tt_csv_field(sp, "electrolyser,(other),", 6), 300e6, 1e-9);
    TT_ASSERT_REL(tt_csv_field(sp, "electrolyser,(other),", 7), 1.0, 1e-9);
}

/* ---- sampled Shapley beyond 12 players -------------------------------------------------- */

/* 13 identical plants; each may capture 0.05 Mt/yr (route capex 10 MEUR) and save 10 x 100 x
 * 0.05e6 = 50 MEUR of carbon, g = 40 MEUR; the terminal costs 150 MEUR (one module takes all):
 * v(S) = max(0, 40 |S| - 150), value = 520 - 150 = 370 MEUR, each plant's Shapley value 370/13
 * by symmetry. */
static void test_sampled(void)
{
    char inst_text[16384], *p = inst_text;
    p += sprintf(p, "cluster = { name = \"Thirteen\"; };\n"
                    "horizon = { periods = [2030]; last_period_years = 10; discount_rate = 0.0; };\n"
                    "commodities = ( { id = \"goods\"; unit = \"t\"; balance = \"none\"; },\n"
                    "  { id = \"co2\"; unit = \"t\"; balance = \"annual\"; } );\n"
                    "technologies = (\n"
                    "  { id = \"old\"; sector = \"chemicals\"; kind = \"route\"; product = \"goods\"; lifetime = 40;\n"
                    "    emissions = { fossil = 1.0; }; source = \"test\"; },\n"
                    "  { id = \"ccs\"; sector = \"chemicals\"; kind = \"route\"; product = \"goods\"; lifetime = 10;\n"
                    "    capex = 100.0; emissions = { fossil = 1.0; }; capture = { rate = 0.5; commodity = \"co2\"; };\n"
                    "    source = \"test\"; },\n"
                    "  { id = \"sink\"; sector = \"ccs\"; kind = \"process\"; lifetime = 10; capex = 150.0;\n"
                    "    inputs = { co2 = 1.0; }; source = \"test\"; } );\n"
                    "plants = (\n");
    for (int k = 1; k <= 13; k++)
        p += sprintf(p,
                     "  { id = \"p%02d\"; product = \"goods\"; units = 1; unit_capacity = 1.0e5; routes = [\"ccs\"];\n"
                     "    existing = { route = \"old\"; units = 1; }; production = 1.0e5; }%s\n",
                     k, k < 13 ? "," : "");
    sprintf(p, ");\ninfrastructure = ( { id = \"terminal\"; technology = \"sink\"; module = 1.0e6; } );\n"
               "policy = { carbon_price = 100.0; };\nsolver = { mip_gap = 0.0; };\n");
    char name[64];
    snprintf(name, sizeof name, "value-%d-13.cfg", (int)getpid());
    const char *inst = tt_write(name, inst_text);
    char out[8192];
    run_value(P("value_13a"), "-q --samples 130 --seed 7", inst, 2, out, sizeof out);
    run_value(P("value_13b"), "-q --samples 130 --seed 7", inst, 1, out, sizeof out);
    CU_ASSERT(same_file(P("value_13a/value_split.csv"), P("value_13b/value_split.csv")));
    CU_ASSERT(same_file(P("value_13a/value.csv"), P("value_13b/value.csv")));
    const char *v = P("value_13a/value.csv"), *sp = P("value_13a/value_split.csv");
    TT_ASSERT_REL(tt_csv_field(v, "terminal,", 7), 370e6, 1e-9);
    CU_ASSERT(tt_file_has(v, ",sampled,13,"));
    /* a plant's marginal contribution is 0 (first 3 of an order), 10 (4th) or 40 MEUR: mean
     * 370/13, standard deviation sigma = sqrt(14500/13 - (370/13)^2) = 17.47 MEUR; 10 orders */
    double sum = 0.0, truth = 370e6 / 13, sigma = sqrt(14500.0 / 13 - pow(370.0 / 13, 2)) * 1e6, mean_se = 0.0;
    int spread = 0;
    for (int k = 1; k <= 13; k++) {
        char key[64];
        snprintf(key, sizeof key, "terminal,p%02d,", k);
        double phi = tt_csv_field(sp, key, 6), se = tt_csv_field(sp, key, 10);
        sum += phi;
        mean_se += se / 13;
        CU_ASSERT(se >= 0.0);
        CU_ASSERT(fabs(phi - truth) <= 4.0 * sigma / sqrt(10.0));
        spread += fabs(phi - truth) > 1.0;
    }
    CU_ASSERT(tt_file_has(sp, "terminal,p01,500000,t,0.0769230769231,11538461.5385,"));
    CU_ASSERT(tt_file_has(sp, ",sampled,"));
    TT_ASSERT_REL(sum, 370e6, 1e-9); /* every sampled order adds up to v(N) - v() */
    CU_ASSERT(spread > 0);           /* it is a sample: not every estimate is the truth */
    /* the reported standard errors are about sigma / sqrt(10) = 5.5 MEUR */
    CU_ASSERT(mean_se > 0.5 * sigma / sqrt(10.0) && mean_se < 1.5 * sigma / sqrt(10.0));
    /* a different seed gives a different sample, the same total */
    run_value(P("value_13c"), "-q --samples 130 --seed 8", inst, 2, out, sizeof out);
    CU_ASSERT(!same_file(P("value_13a/value_split.csv"), P("value_13c/value_split.csv")));
}

/* The Build edits the value game uses to hold players (build_edit.c): bounds set, a box, a
 * fixed column, restored to what the builder made; a column out of range or empty bounds is
 * TICO_EINTERNAL with a message, not an abort (the guard of build_glpk_call). */
static void test_build_edit(void)
{
    Diag d = {0};
    Model *m = tt_load(INST, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    BuildOpts bo = {false, 0.0, false};
    Build *B;
    CU_ASSERT_EQUAL_FATAL(build_new(m, &bo, &B), TICO_OK);
    int T = B->T, jn = B->n[0 * T + 0], jx = B->x[0 * T + 0];
    CU_ASSERT_FATAL(jn > 0 && jx > 0);
    int type0 = glp_get_col_type(B->lp, jx);
    double lb0 = glp_get_col_lb(B->lp, jx), ub0 = glp_get_col_ub(B->lp, jx);
    BuildBound bb[2] = {{jn, 1.0, 1.0}, {jx, 2.0, 3.0}};
    CU_ASSERT_EQUAL(build_set_bounds(B, bb, 2), TICO_OK);
    CU_ASSERT_EQUAL(glp_get_col_type(B->lp, jn), GLP_FX);
    CU_ASSERT_EQUAL(glp_get_col_lb(B->lp, jn), 1.0);
    CU_ASSERT_EQUAL(glp_get_col_type(B->lp, jx), GLP_DB);
    CU_ASSERT_EQUAL(glp_get_col_ub(B->lp, jx), 3.0);
    BuildBound lo = {jx, 5.0, INFINITY};
    CU_ASSERT_EQUAL(build_set_bounds(B, &lo, 1), TICO_OK);
    CU_ASSERT_EQUAL(glp_get_col_type(B->lp, jx), GLP_LO);
    CU_ASSERT_EQUAL(glp_get_col_lb(B->lp, jx), 5.0);
    CU_ASSERT_EQUAL(build_fix_col(B, jx, 4.0), TICO_OK);
    CU_ASSERT_EQUAL(glp_get_col_type(B->lp, jx), GLP_FX);
    int cols[2] = {jn, jx};
    CU_ASSERT_EQUAL(build_restore_bounds(B, cols, 2), TICO_OK);
    CU_ASSERT_EQUAL(glp_get_col_type(B->lp, jx), type0);
    CU_ASSERT_EQUAL(glp_get_col_lb(B->lp, jx), lb0);
    CU_ASSERT_EQUAL(glp_get_col_ub(B->lp, jx), ub0);
    CU_ASSERT_EQUAL(glp_get_col_type(B->lp, jn), B->col_type0[jn]);
    /* errors: a column past the end, empty bounds; the problem is left as it was */
    BuildBound bad[2] = {{B->ncols + 1, 0.0, 1.0}, {jx, 2.0, 1.0}};
    CU_ASSERT_EQUAL(build_set_bounds(B, &bad[0], 1), TICO_EINTERNAL);
    CU_ASSERT_EQUAL(build_set_bounds(B, &bad[1], 1), TICO_EINTERNAL);
    CU_ASSERT_EQUAL(build_restore_bounds(B, &bad[0].col, 1), TICO_EINTERNAL);
    CU_ASSERT_EQUAL(glp_get_col_lb(B->lp, jx), lb0);
    CU_ASSERT_FALSE(build_glpk_failed());
    build_free(B);
    model_free(m);
    diag_free(&d);
}

/* Last: this run's folder and instance files go when every test passed (kept to look at
 * otherwise). */
static void test_cleanup(void)
{
    if (CU_get_number_of_failures() != 0)
        return;
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf " TT_TMP "/value-%d " TT_TMP "/value-%d-*.cfg", (int)getpid(), (int)getpid());
    CU_ASSERT_EQUAL(tt_sh(cmd, NULL, 0), 0);
}

TT_MAIN("value", {"Shapley formula: the teaching game, an offset, 12 glove players", test_shapley_formula},
        {"teach_value.cfg: value, by use and Shapley as derived by hand", test_teach},
        {"-j 1 and -j 2 write the same files; -q is silent", test_jobs_identical},
        {"--asset: one asset, or a technology's family", test_asset_option},
        {"a terminal a cap cannot do without is essential, not an error", test_essential},
        {"an instance without infrastructure: the headers alone, exit 0", test_no_infrastructure},
        {"usage error, invalid input, infeasible instance: exit 1, 2, 3 and nothing written", test_errors},
        {"by use traced through an electrolyser; one-route plants are dummies", test_by_use_chain},
        {"13 plants: sampled Shapley, standard errors, same for any -j", test_sampled},
        {"Build edits: bounds set, fixed, restored; bad columns are errors, not aborts", test_build_edit},
        {"clean up this run's files", test_cleanup})
