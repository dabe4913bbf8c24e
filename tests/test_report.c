/*
 * test_report.c — the reports of a solve (report.c and friends), the atomic output set
 * (out.c), the JSON writer and the SVG helpers, on the tiny cluster of report_fixture.h
 * whose optimum is worked out by hand there.
 */
#include <dirent.h>
#include <math.h>
#include <unistd.h>

#include "json.h"
#include "out.h"
#include "report.h"
#include "report_fixture.h"
#include "report_int.h"
#include "svg.h"
#include "testing.h"

static const char *const FILES[] = {"summary.txt",   "pathway.csv", "assets.csv", "spurs.csv",
                                    "flows.csv",     "emissions.csv", "costs.csv", "prices.csv",
                                    "tic.csv",       "tic.json",    "tic_sectors.csv", "solution.json", "report.html"};
#define NFILES (int)(sizeof FILES / sizeof FILES[0])

/* Write the tiny cluster's reports into dir (fresh). */
static TicoStatus write_tiny(const char *path, const char *dir, bool baseline)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    tt_sh(cmd, NULL, 0);
    Model *m = rf_load(path);
    Solution *s = rf_pathway(m), *b = baseline ? rf_baseline(m) : NULL;
    TicoStatus st = report_write(m, s, b, dir);
    solution_free(s);
    solution_free(b);
    model_free(m);
    return st;
}

/* Names in dir, sorted, joined by spaces (a static buffer). */
static const char *listing(const char *dir)
{
    static char buf[4096];
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | sort | tr '\\n' ' '", dir);
    tt_sh(cmd, buf, sizeof buf);
    return buf;
}

static void test_all_files(void)
{
    const char *dir = TT_TMP "/report_all/deeper"; /* parents are created */
    tt_sh("rm -rf " TT_TMP "/report_all", NULL, 0);
    Model *m = rf_load(RF_TINY);
    Solution *s = rf_pathway(m), *b = rf_baseline(m);
    CU_ASSERT_EQUAL(report_write(m, s, b, dir), TICO_OK);
    for (int k = 0; k < NFILES; k++) {
        char p[512];
        snprintf(p, sizeof p, "%s/%s", dir, FILES[k]);
        struct stat st;
        CU_ASSERT(stat(p, &st) == 0 && st.st_size > 0);
    }
    /* nothing else: no temporary left */
    CU_ASSERT_STRING_EQUAL(listing(dir), "assets.csv costs.csv emissions.csv flows.csv pathway.csv prices.csv "
                                         "report.html solution.json spurs.csv summary.txt tic.csv tic.json "
                                         "tic_sectors.csv ");
    solution_free(s);
    solution_free(b);
    model_free(m);
}

static void test_pathway_assets_spurs(void)
{
    const char *d = TT_TMP "/report_csv";
    CU_ASSERT_EQUAL(write_tiny(RF_TINY, d, true), TICO_OK);
    char *p = tt_slurp(TT_TMP "/report_csv/pathway.csv");
    CU_ASSERT_STRING_EQUAL(p, "period,plant,route,lines_operating,lines_built,production\n"
                              "2025,works,dri,0,0,0\n"
                              "2025,works,bf,2,0,1500000\n"
                              "2025,cementco,kiln_ccs,0,0,0\n"
                              "2025,cementco,kiln,1,0,800000\n"
                              "2030,works,dri,1,1,1000000\n"
                              "2030,works,bf,1,0,500000\n"
                              "2030,cementco,kiln_ccs,1,1,800000\n"
                              "2030,cementco,kiln,0,0,0\n");
    free(p);
    p = tt_slurp(TT_TMP "/report_csv/assets.csv");
    CU_ASSERT_STRING_EQUAL(p, "period,asset,technology,modules_built,modules_installed,capacity,activity,charge\n"
                              "2025,h2park,electrolyser,0,0,0,0,0\n"
                              "2030,h2park,electrolyser,2,2,2000000,2000000,0\n");
    free(p);
    p = tt_slurp(TT_TMP "/report_csv/spurs.csv");
    CU_ASSERT_STRING_EQUAL(p, "plant,commodity,km,status,year_built,capex_eur\n"
                              "works,hydrogen,5,built,2030,500000\n"
                              "cementco,co2,3,built,2030,600000\n");
    free(p);
}

/* Flows by hand (see report_fixture.h): 2030, night slice, electricity: works
 * -(0.1 x 0.5e6 + 0.5 x 1e6) x 0.5 = -275000, cementco -0.2 x 0.8e6 x 0.5 = -80000,
 * electrolyser -1.5 x 1e6, import +1855000 (sum 0). Hydrogen: works -2 x 1e6 x 0.5, park +1e6.
 * CO2 (annual): cementco +576000, export -576000. Products: one annual row. */
static void test_flows(void)
{
    const char *d = TT_TMP "/report_csv";
    CU_ASSERT_EQUAL(write_tiny(RF_TINY, d, true), TICO_OK);
    CU_ASSERT(rf_has_line(d, "flows.csv", "period,slice,commodity,entity,amount"));
    CU_ASSERT(rf_has_line(d, "flows.csv", "2030,all_night,electricity,works,-275000"));
    CU_ASSERT(rf_has_line(d, "flows.csv", "2030,all_night,electricity,cementco,-80000"));
    CU_ASSERT(rf_has_line(d, "flows.csv", "2030,all_night,electricity,h2park,-1500000"));
    CU_ASSERT(rf_has_line(d, "flows.csv", "2030,all_night,electricity,imp_electricity,1855000"));
    CU_ASSERT(rf_has_line(d, "flows.csv", "2030,all_day,hydrogen,works,-1000000"));
    CU_ASSERT(rf_has_line(d, "flows.csv", "2030,all_day,hydrogen,h2park,1000000"));
    CU_ASSERT(rf_has_line(d, "flows.csv", "2030,annual,co2,cementco,576000"));
    CU_ASSERT(rf_has_line(d, "flows.csv", "2030,annual,co2,exp_co2,-576000"));
    CU_ASSERT(rf_has_line(d, "flows.csv", "2025,annual,steel,works,1500000"));
    CU_ASSERT(rf_has_line(d, "flows.csv", "2025,all_day,electricity,works,-75000"));
    /* every balance closes: amounts of a (period, slice, commodity) with a balance add up to 0 */
    char out[256];
    int rc = tt_sh("awk -F, 'NR>1 && $3!=\"steel\" && $3!=\"cement\" {s[$1\",\"$2\",\"$3]+=$5} "
                   "END {for (k in s) if (s[k] > 1e-6 || s[k] < -1e-6) print k, s[k]}' " TT_TMP "/report_csv/flows.csv",
                   out, sizeof out);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_STRING_EQUAL(out, "");
}

static void test_emissions_costs(void)
{
    const char *d = TT_TMP "/report_csv";
    CU_ASSERT_EQUAL(write_tiny(RF_TINY, d, true), TICO_OK);
    char *p = tt_slurp(TT_TMP "/report_csv/emissions.csv");
    CU_ASSERT_STRING_EQUAL(p, "period,entity,sector,gross,captured,net_scope1,scope2,scope3,removals\n"
                              "2025,works,steel,3000000,0,3000000,0,0,0\n"
                              "2025,cementco,cement,640000,0,640000,0,0,0\n"
                              "2025,h2park,hydrogen,0,0,0,0,0,0\n"
                              "2025,imp_electricity,imports,0,0,0,7500,0,0\n"
                              "2025,cluster,total,3640000,0,3640000,7500,0,0\n"
                              "2030,works,steel,1100000,0,1100000,0,0,0\n"
                              "2030,cementco,cement,640000,576000,64000,0,0,0\n"
                              "2030,h2park,hydrogen,0,0,0,0,0,0\n"
                              "2030,imp_electricity,imports,0,0,0,185500,0,0\n"
                              "2030,cluster,total,1740000,576000,1164000,185500,0,0\n");
    free(p);
    CU_ASSERT(rf_has_line(d, "costs.csv", "period,component,annual_eur,npv_eur"));
    CU_ASSERT(rf_has_line(d, "costs.csv", "2025,fixed_om,20000000,100000000"));
    CU_ASSERT(rf_has_line(d, "costs.csv", "2025,capex_plants,0,0"));
    CU_ASSERT(rf_has_line(d, "costs.csv", "2030,capex_spurs,36666.6666667,183333.333333"));
    CU_ASSERT(rf_has_line(d, "costs.csv", "2030,exports,23040000,115200000"));
    CU_ASSERT(rf_has_line(d, "costs.csv", "2030,slack_penalty,0,0"));
    /* 4.9e7 + 1.5e7 + 36666.67 + 3e7 + 1.25e7 + 7.42e7 + 2.304e7 + 1.164e8 */
    CU_ASSERT(rf_has_line(d, "costs.csv", "2030,total,320176666.667,1600883333.33"));
}

static void test_prices_and_cap(void)
{
    const char *d = TT_TMP "/report_csv";
    CU_ASSERT_EQUAL(write_tiny(RF_TINY, d, true), TICO_OK);
    char *p = tt_slurp(TT_TMP "/report_csv/prices.csv");
    CU_ASSERT_STRING_EQUAL(p, "period,slice,commodity,unit,price\n"
                              "2025,all_night,electricity,EUR/MWh,20\n"
                              "2025,all_day,electricity,EUR/MWh,20\n"
                              "2025,all_night,hydrogen,EUR/MWh,\n"
                              "2025,all_day,hydrogen,EUR/MWh,\n"
                              "2025,annual,co2,EUR/t,\n"
                              "2030,all_night,electricity,EUR/MWh,20\n"
                              "2030,all_day,electricity,EUR/MWh,20\n"
                              "2030,all_night,hydrogen,EUR/MWh,95.5\n"
                              "2030,all_day,hydrogen,EUR/MWh,95.5\n"
                              "2030,annual,co2,EUR/t,-40\n");
    free(p);
    /* the same with a cap that binds in 2030 at 35.25 EUR/t */
    Override ov = {"policy.cap", "[1.0e9, 1.35e6]"}; /* 2025: "no cap yet" written as 1e9 t */
    Diag dg = {0};
    Model *m = load_instance(RF_TINY, &ov, 1, &dg);
    CU_ASSERT_FATAL(m != NULL);
    Solution *s = rf_pathway(m);
    s->cap_price[0] = 0.0;
    s->cap_price[1] = 35.25;
    const char *dc = TT_TMP "/report_cap";
    CU_ASSERT_EQUAL(report_write(m, s, NULL, dc), TICO_OK);
    CU_ASSERT(rf_has_line(dc, "prices.csv", "2025,annual,co2_cap,EUR/t CO2e,0"));
    CU_ASSERT(rf_has_line(dc, "prices.csv", "2030,annual,co2_cap,EUR/t CO2e,35.25"));
    CU_ASSERT(rf_has(dc, "solution.json", "\"cap_price\": [\n    0,\n    35.25\n  ]"));
    CU_ASSERT(rf_has(dc, "solution.json", "\"cap\": 1350000,"));
    CU_ASSERT(rf_has(dc, "summary.txt", "35.25"));
    CU_ASSERT(rf_has(dc, "report.html", "shadow price of the cap"));
    CU_ASSERT(rf_has(dc, "report.html", "cap (scope 1)"));
    CU_ASSERT(rf_has(dc, "report.html", "The cap of 2025 is above 1.5 times the highest emissions and is not drawn."));
    solution_free(s);
    model_free(m);
    diag_free(&dg);
}

static void test_summary(void)
{
    const char *d = TT_TMP "/report_csv";
    CU_ASSERT_EQUAL(write_tiny(RF_TINY, d, true), TICO_OK);
    CU_ASSERT(rf_has_line(d, "summary.txt", "status        optimal within 0 %, proven gap 0 %"));
    /* 1.6085e9 + 1.60088333e9 NPV; carbon 5 x (2.912e8 + 1.164e8) */
    CU_ASSERT(rf_has_line(d, "summary.txt",
                          "total cost    3.209 bn EUR (NPV at 0% to 2025, with carbon payments)"));
    CU_ASSERT(rf_has_line(d, "summary.txt", "system cost   1.171 bn EUR (NPV, without carbon payments)"));
    CU_ASSERT(rf_has_line(d, "summary.txt", "carbon cost   2.038 bn EUR (NPV of carbon payments)"));
    CU_ASSERT(rf_has_line(d, "summary.txt",
                          "  2030       1.164       0.185       0.000       0.576       0.576       3.647           -"
                          "                 -"));
    CU_ASSERT(rf_has_line(d, "summary.txt", "  2030: Steelworks converts 1 of 2 lines from blast furnace to H2-DRI-EAF"));
    CU_ASSERT(rf_has_line(d, "summary.txt", "  2030: Cement Co converts 1 of 1 line from kiln to kiln with capture"));
    CU_ASSERT(rf_has_line(d, "summary.txt", "  2030: Electrolyser park built, 2 modules"));
    CU_ASSERT(rf_has_line(d, "summary.txt", "  2030: spur from Steelworks to the hydrogen network built (5 km)"));
    CU_ASSERT(rf_has_line(d, "summary.txt", "  2030: spur from Cement Co to the co2 network built (3 km)"));
    CU_ASSERT(rf_lacks(d, "summary.txt", "2025: "));
}

/* Elastic mode: the violations come first, in the solver's words. */
static void test_summary_violations(void)
{
    Model *m = rf_load(RF_TINY);
    Solution *s = rf_pathway(m);
    s->nviolations = 1;
    s->violations = calloc(1, sizeof *s->violations);
    s->violations[0] = (Violation){VIO_CAP, 1, -1, -1, -1, 1.2e6, strdup("the CO2 cap of 2030 is missed by 1.2 Mt")};
    const char *d = TT_TMP "/report_elastic";
    CU_ASSERT_EQUAL(report_write(m, s, NULL, d), TICO_OK);
    char *p = tt_slurp(TT_TMP "/report_elastic/summary.txt");
    const char *v = p ? strstr(p, "the CO2 cap of 2030 is missed by 1.2 Mt") : NULL;
    const char *st = p ? strstr(p, "status ") : NULL;
    CU_ASSERT(v && st && v < st);
    CU_ASSERT(rf_has(d, "solution.json", "\"kind\": \"cap\",\n      \"year\": 2030,\n      \"slice\": null,"));
    CU_ASSERT(rf_has(d, "report.html", "<li>the CO2 cap of 2030 is missed by 1.2 Mt</li>"));
    free(p);
    solution_free(s);
    model_free(m);
}

static void test_solution_json(void)
{
    const char *d = TT_TMP "/report_csv";
    CU_ASSERT_EQUAL(write_tiny(RF_TINY, d, true), TICO_OK);
    Model *m = rf_load(RF_TINY);
    char line[256];
    snprintf(line, sizeof line, "  \"input_sha256\": \"%s\",", m->input_sha256);
    CU_ASSERT(rf_has_line(d, "solution.json", line));
    model_free(m);
    CU_ASSERT(rf_has_line(d, "solution.json", "{"));
    CU_ASSERT(rf_has_line(d, "solution.json", "  \"tico_version\": \"" TICO_VERSION "\","));
    CU_ASSERT(rf_has_line(d, "solution.json", "  \"instance\": \"Tiny\","));
    CU_ASSERT(rf_has_line(d, "solution.json", "  \"status\": \"optimal\","));
    CU_ASSERT(rf_has_line(d, "solution.json", "  \"gap\": 0,"));
    CU_ASSERT(rf_has_line(d, "solution.json", "  \"total_cost\": 3209383333.33,"));
    CU_ASSERT(rf_has_line(d, "solution.json", "  \"system_cost\": 1171383333.33,"));
    CU_ASSERT(rf_has_line(d, "solution.json", "  \"carbon_cost\": 2038000000,"));
    CU_ASSERT(rf_has(d, "solution.json",
                     "      \"year\": 2030,\n      \"years\": 5,\n      \"emissions_scope1\": 1164000,\n"
                     "      \"emissions_scope2\": 185500,\n      \"emissions_scope3\": 0,\n      \"captured\": 576000,\n"
                     "      \"stored\": 576000,\n"
                     "      \"cost_annual\": 320176666.667,"));
    CU_ASSERT(rf_has(d, "solution.json",
                     "          \"year\": 2030,\n          \"routes\": {\n            \"dri\": {\n"
                     "              \"lines\": 1,\n              \"built\": 1,\n              \"production\": 1000000\n"
                     "            },\n            \"bf\": {\n              \"lines\": 1,\n              \"built\": 0,\n"
                     "              \"production\": 500000\n            }\n          },"));
    CU_ASSERT(rf_has(d, "solution.json",
                     "      \"id\": \"h2park\",\n      \"name\": \"Electrolyser park\",\n      \"technology\": "
                     "\"electrolyser\",\n      \"periods\": [\n        {\n          \"year\": 2025,\n          "
                     "\"built\": 0,\n          \"installed\": 0,"));
    CU_ASSERT(rf_has(d, "solution.json", "\"hydrogen\",\n      \"km\": 5,\n      \"year_built\": 2030\n"));
    CU_ASSERT(rf_has(d, "solution.json", "\"slices\": {\n            \"all_night\": null,"));
    CU_ASSERT(rf_lacks(d, "solution.json", "cap_price")); /* no cap */
    CU_ASSERT(rf_lacks(d, "solution.json", "solve_seconds"));
}

/* The same input twice gives byte-identical files (timing is never written). */
static void test_deterministic(void)
{
    CU_ASSERT_EQUAL(write_tiny(RF_TINY_IO, TT_TMP "/report_det1", true), TICO_OK);
    Model *m = rf_load(RF_TINY_IO);
    Solution *s = rf_pathway(m), *b = rf_baseline(m);
    s->solve_seconds = 123.456; /* must not show */
    tt_sh("rm -rf " TT_TMP "/report_det2", NULL, 0);
    CU_ASSERT_EQUAL(report_write(m, s, b, TT_TMP "/report_det2"), TICO_OK);
    for (int k = 0; k < NFILES; k++) {
        char a[256], c[256];
        snprintf(a, sizeof a, TT_TMP "/report_det1/%s", FILES[k]);
        snprintf(c, sizeof c, TT_TMP "/report_det2/%s", FILES[k]);
        char *x = tt_slurp(a), *y = tt_slurp(c);
        CU_ASSERT(x && y && strcmp(x, y) == 0);
        CU_ASSERT(y && !strstr(y, "123.456"));
        free(x);
        free(y);
    }
    solution_free(s);
    solution_free(b);
    model_free(m);
}

/* A failure leaves no partial set: a name taken by a folder stops the commit; the files that
 * were there before keep their old contents and no temporary is left. */
static void test_atomic(void)
{
    const char *d = TT_TMP "/report_atomic";
    tt_sh("rm -rf " TT_TMP "/report_atomic && mkdir -p " TT_TMP "/report_atomic/report.html", NULL, 0);
    tt_write("report_atomic/summary.txt", "old summary\n");
    Model *m = rf_load(RF_TINY);
    Solution *s = rf_pathway(m);
    fprintf(stderr, "\n  (an error message about report.html is expected here)\n");
    CU_ASSERT_EQUAL(report_write(m, s, NULL, d), TICO_EINTERNAL);
    CU_ASSERT_STRING_EQUAL(listing(d), "report.html summary.txt ");
    char *p = tt_slurp(TT_TMP "/report_atomic/summary.txt");
    CU_ASSERT_STRING_EQUAL(p, "old summary\n");
    free(p);
    /* once the way is clear, the set replaces the old summary */
    tt_sh("rmdir " TT_TMP "/report_atomic/report.html", NULL, 0);
    CU_ASSERT_EQUAL(report_write(m, s, NULL, d), TICO_OK);
    CU_ASSERT(rf_has(d, "summary.txt", "status        optimal"));
    /* an output folder that cannot be created (its parent is a file) */
    tt_write("report_notadir", "x");
    fprintf(stderr, "  (an error message about report_notadir is expected here)\n");
    CU_ASSERT_EQUAL(report_write(m, s, NULL, TT_TMP "/report_notadir/sub"), TICO_EINTERNAL);
    /* a folder we may not write to (root may write anywhere: then this part is skipped) */
    if (geteuid() != 0) {
        tt_sh("rm -rf " TT_TMP "/report_ro && mkdir -p " TT_TMP "/report_ro && chmod 0555 " TT_TMP "/report_ro",
              NULL, 0);
        CU_ASSERT_EQUAL(report_write(m, s, NULL, TT_TMP "/report_ro"), TICO_EINTERNAL);
        CU_ASSERT_STRING_EQUAL(listing(TT_TMP "/report_ro"), "");
        tt_sh("chmod 0755 " TT_TMP "/report_ro", NULL, 0);
    } else {
        fprintf(stderr, "  (running as root: the read-only folder case is skipped)\n");
    }
    solution_free(s);
    model_free(m);
}

/* out.c on its own: commit, abort, a name twice. */
static void test_out_set(void)
{
    const char *d = TT_TMP "/out_set";
    tt_sh("rm -rf " TT_TMP "/out_set", NULL, 0);
    OutSet *o = out_begin(d);
    CU_ASSERT_FATAL(o != NULL);
    FILE *a = out_open(o, "a.txt"), *b = out_open(o, "b.txt");
    CU_ASSERT(a && b);
    fprintf(stderr, "\n  (an error message about a.txt opened twice is expected here)\n");
    CU_ASSERT(out_open(o, "a.txt") == NULL);
    out_printf(a, "alpha %d\n", 1);
    fputs("beta\n", b);
    char vis[256];
    tt_sh("ls " TT_TMP "/out_set", vis, sizeof vis); /* only hidden temporaries so far */
    CU_ASSERT_STRING_EQUAL(vis, "");
    CU_ASSERT_EQUAL(out_commit(o), TICO_OK);
    CU_ASSERT_STRING_EQUAL(listing(d), "a.txt b.txt ");
    o = out_begin(d);
    fputs("gamma\n", out_open(o, "a.txt"));
    out_abort(o);
    CU_ASSERT_STRING_EQUAL(listing(d), "a.txt b.txt ");
    CU_ASSERT(rf_has_line(d, "a.txt", "alpha 1"));
}

static void test_formats(void)
{
    char b[OUT_NUMLEN];
    CU_ASSERT_STRING_EQUAL(out_num(b, 1500000.0), "1500000");
    CU_ASSERT_STRING_EQUAL(out_num(b, -0.0), "0");
    CU_ASSERT_STRING_EQUAL(out_num(b, 0.1 + 0.2), "0.3");
    CU_ASSERT_STRING_EQUAL(out_num(b, NAN), "");
    CU_ASSERT_STRING_EQUAL(out_num(b, 1e20), "1e+20");
    CU_ASSERT_STRING_EQUAL(out_num(b, 4.65661287308e-10), "0"); /* round-off of a difference */
    CU_ASSERT_STRING_EQUAL(out_num(b, 2e-9), "2e-09");
    FILE *f = fopen(TT_TMP "/fmt.txt", "w");
    out_csv_field(f, "plain");
    fputc('|', f);
    out_csv_field(f, "a,b");
    fputc('|', f);
    out_csv_field(f, "say \"hi\"");
    fputc('|', f);
    out_csv_field(f, " padded");
    fputc('\n', f);
    json_write_string(f, "q\" b\\ n\n t\t c\x01 é");
    fputc('\n', f);
    JsonW w;
    json_init(&w, f);
    json_begin_object(&w);
    json_key_number(&w, "nan", NAN);
    json_key(&w, "list");
    json_begin_array(&w);
    json_int(&w, 1);
    json_bool(&w, true);
    json_string(&w, NULL);
    json_end_array(&w);
    json_key(&w, "empty");
    json_begin_object(&w);
    json_end_object(&w);
    json_end_object(&w);
    CU_ASSERT_EQUAL(json_finish(&w), 0);
    fclose(f);
    char *p = tt_slurp(TT_TMP "/fmt.txt");
    CU_ASSERT_STRING_EQUAL(p, "plain|\"a,b\"|\"say \"\"hi\"\"\"|\" padded\"\n"
                              "\"q\\\" b\\\\ n\\n t\\t c\\u0001 é\"\n"
                              "{\n  \"nan\": null,\n  \"list\": [\n    1,\n    true,\n    null\n  ],\n"
                              "  \"empty\": {}\n}\n");
    free(p);
    /* unbalanced documents are caught */
    f = fopen(TT_TMP "/fmt.txt", "w");
    json_init(&w, f);
    json_begin_object(&w);
    CU_ASSERT_EQUAL(json_finish(&w), -1);
    fclose(f);
}

static void test_svg_ticks(void)
{
    double lo, hi, step;
    svg_nice_ticks(0, 3.64, 5, &lo, &hi, &step);
    TT_ASSERT_REL(step, 1.0, 1e-12);
    TT_ASSERT_REL(hi, 4.0, 1e-12);
    svg_nice_ticks(-1.2, 11, 5, &lo, &hi, &step);
    TT_ASSERT_REL(step, 2.5, 1e-12);
    TT_ASSERT_REL(lo, -2.5, 1e-12);
    TT_ASSERT_REL(hi, 12.5, 1e-12);
    svg_nice_ticks(0, 0, 5, &lo, &hi, &step);
    CU_ASSERT(hi > lo);
    char b[32];
    svg_fmt_tick(b, sizeof b, 7.5, 2.5);
    CU_ASSERT_STRING_EQUAL(b, "7.5");
    svg_fmt_tick(b, sizeof b, 200, 50);
    CU_ASSERT_STRING_EQUAL(b, "200");
    svg_fmt_tick(b, sizeof b, 1e-17, 0.2);
    CU_ASSERT_STRING_EQUAL(b, "0.0");
    const char *names[4] = {"steel", "widgets", "cement", "gadgets"}, *colors[4];
    svg_assign_colors(names, 4, colors);
    CU_ASSERT_STRING_EQUAL(colors[0], "#4e79a7");
    CU_ASSERT_STRING_EQUAL(colors[2], "#9c755f");
    CU_ASSERT(strcmp(colors[1], colors[0]) && strcmp(colors[1], colors[2]) && strcmp(colors[1], colors[3]));
    CU_ASSERT(strcmp(colors[3], colors[0]) && strcmp(colors[3], colors[2]));
}

/* report.html: self-contained, six charts (MACC from macc.csv when present). */
static void test_html(void)
{
    const char *d = TT_TMP "/report_html";
    CU_ASSERT_EQUAL(write_tiny(RF_TINY_IO, d, true), TICO_OK);
    CU_ASSERT(rf_has(d, "report.html", "Not computed yet"));
    CU_ASSERT(rf_lacks(d, "report.html", "<script"));
    CU_ASSERT(rf_has(d, "report.html", "Emissions pathway by sector"));
    CU_ASSERT(rf_has(d, "report.html", "Abatement wedges against the baseline"));
    CU_ASSERT(rf_has(d, "report.html", "Energy use by carrier"));
    CU_ASSERT(rf_has(d, "report.html", "Investment timeline"));
    CU_ASSERT(rf_has(d, "report.html", "Marginal CO2 price"));
    CU_ASSERT(rf_has(d, "report.html", "<li><b>2030</b>: Steelworks converts 1 of 2 lines from blast furnace to "
                                       "H2-DRI-EAF</li>"));
    CU_ASSERT(rf_has(d, "report.html", "<div class=\"v\">-63%</div>")); /* 2030 vs 2025 */
    /* macc.csv already in the folder: the curve is drawn, labels escaped */
    tt_write("report_html/macc.csv", "measure,sector,abatement_t,mac_eur_per_t\n"
                                     "\"Kiln capture, oxyfuel\",cement,576000,42.5\n"
                                     "H2-DRI <works>,steel,1900000,95\n"
                                     "Efficiency,steel,100000,-12\n");
    Model *m = rf_load(RF_TINY_IO);
    Solution *s = rf_pathway(m), *b = rf_baseline(m);
    CU_ASSERT_EQUAL(report_write(m, s, b, d), TICO_OK);
    CU_ASSERT(rf_has(d, "report.html", "Marginal abatement cost curve</text>"));
    CU_ASSERT(rf_has(d, "report.html", "H2-DRI &lt;works&gt; (Steel)"));
    CU_ASSERT(rf_has(d, "report.html", "Kiln capture, oxyfuel (Cement)"));
    CU_ASSERT(rf_lacks(d, "report.html", "Not computed yet"));
    CU_ASSERT(rf_has(d, "macc.csv", "Efficiency")); /* left alone */
    solution_free(s);
    solution_free(b);
    model_free(m);
}

/* Decisions in words for each kind of change of a plant's lines (made-up line counts on the
 * tiny cluster: works routes [dri, bf], 2 lines; bf lines retire in 2040, so none in 2030). */
static void test_decisions(void)
{
    Model *m = rf_load(RF_TINY);
    struct {
        double bf0, dri0, bf1, dri1, built_dri1;
        const char *text;
    } cases[] = {
        {2, 0, 1, 1, 1, "Steelworks converts 1 of 2 lines from blast furnace to H2-DRI-EAF"},
        {1, 1, 2, 0, 0, "Steelworks runs 1 line of blast furnace instead of H2-DRI-EAF"},
        {2, 0, 1, 0, 0, "Steelworks stops 1 line of blast furnace"},
        {1, 0, 2, 0, 0, "Steelworks restarts 1 idle line of blast furnace"},
        {2, 0, 2, 1, 1, "Steelworks builds 1 new line of H2-DRI-EAF"},
        {2, 0, 0, 2, 2, "Steelworks converts 2 of 2 lines from blast furnace to H2-DRI-EAF"},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        Solution *s = solution_new(m);
        s->lines[sol_pr(s, RF_WORKS, RF_BF, 0)] = cases[k].bf0;
        s->lines[sol_pr(s, RF_WORKS, RF_DRI, 0)] = cases[k].dri0;
        s->lines[sol_pr(s, RF_WORKS, RF_BF, 1)] = cases[k].bf1;
        s->lines[sol_pr(s, RF_WORKS, RF_DRI, 1)] = cases[k].dri1;
        s->built[sol_pr(s, RF_WORKS, RF_DRI, 1)] = cases[k].built_dri1;
        StrList l = {0};
        report_decisions(m, s, 1, &l);
        CU_ASSERT_EQUAL(l.n, 1);
        if (l.n >= 1) {
            if (strcmp(l.v[0], cases[k].text) != 0)
                fprintf(stderr, "\n  case %zu: \"%s\"\n", k, l.v[0]);
            CU_ASSERT_STRING_EQUAL(l.v[0], cases[k].text);
        }
        report_strlist_free(&l);
        solution_free(s);
    }
    /* assets: an expansion, and modules at the end of their life replaced */
    struct {
        double installed0, built1, installed1;
        const char *text;
    } acases[] = {
        {2, 1, 3, "Electrolyser park expanded by 1 module (now 3)"},
        {2, 2, 2, "Electrolyser park: 2 modules built, 2 of them replacing modules at the end of their life (now 2)"},
    };
    for (size_t k = 0; k < sizeof acases / sizeof acases[0]; k++) {
        Solution *s = solution_new(m);
        s->asset_installed[0] = acases[k].installed0;
        s->asset_built[1] = acases[k].built1;
        s->asset_installed[1] = acases[k].installed1;
        StrList l = {0};
        report_decisions(m, s, 1, &l);
        CU_ASSERT(l.n == 1 && strcmp(l.v[0], acases[k].text) == 0);
        if (l.n == 1 && strcmp(l.v[0], acases[k].text) != 0)
            fprintf(stderr, "\n  asset case %zu: \"%s\"\n", k, l.v[0]);
        report_strlist_free(&l);
        solution_free(s);
    }
    /* before the first period: the existing lines; the cement plant's kiln retires in 2050 */
    Solution *s = solution_new(m);
    s->lines[sol_pr(s, RF_WORKS, RF_BF, 0)] = 2;
    s->lines[sol_pr(s, RF_CEMENT, RF_KILN, 0)] = 1;
    StrList l = {0};
    report_decisions(m, s, 0, &l);
    CU_ASSERT_EQUAL(l.n, 0);
    report_strlist_free(&l);
    solution_free(s);
    model_free(m);
}

/* End to end: `tico solve` on a teaching instance writes the twelve files, byte-identical
 * from one run to the next, and whether its baseline (carbon price 0, here 2.0 Mt in 2030
 * against the pathway's 0.05 Mt) is solved after the pathway (-j 1) or beside it in a worker
 * process (-j 2). */
static void test_end_to_end(void)
{
    const char *inst = "instances/teach_two_routes.cfg";
    if (access(inst, R_OK) != 0) {
        printf("SKIPPED: %s is missing ", inst);
        return;
    }
    CU_ASSERT_FATAL(access(TT_TICO, X_OK) == 0);
    char out[4096];
    for (int run = 1; run <= 2; run++) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "rm -rf " TT_TMP "/e2e%d && " TT_TICO " solve -q -j %d -o " TT_TMP "/e2e%d %s", run,
                 run, run, inst);
        int rc = tt_sh(cmd, out, sizeof out);
        if (rc != 0)
            fprintf(stderr, "\n  %s: exit %d\n%s\n", cmd, rc, out);
        CU_ASSERT_EQUAL(rc, 0);
    }
    for (int k = 0; k < NFILES; k++) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "cmp " TT_TMP "/e2e1/%s " TT_TMP "/e2e2/%s", FILES[k], FILES[k]);
        int rc = tt_sh(cmd, out, sizeof out);
        if (rc != 0)
            fprintf(stderr, "\n  %s\n", out);
        CU_ASSERT_EQUAL(rc, 0);
    }
    CU_ASSERT(rf_has(TT_TMP "/e2e1", "solution.json", "\"status\": \"optimal\""));
    CU_ASSERT(rf_has(TT_TMP "/e2e1", "summary.txt", "key decisions"));
    CU_ASSERT(rf_has(TT_TMP "/e2e2", "tic.csv", "\n2030,2000000,0,0,0,0,50000,0,0,0,0,50000,2000000,1950000,97.5,"));
}

/* The hand-made optimum of report_fixture.h is what `tico solve` finds for the tiny cluster:
 * the reports written from either are the same. --gap 0: with the default gap of 1e-4 of
 * 3.2e9 EUR, building the hydrogen spur in 2025 instead of 2030 (83 kEUR dearer) is within
 * tolerance. */
static void test_fixture_is_optimal(void)
{
    CU_ASSERT_FATAL(access(TT_TICO, X_OK) == 0);
    CU_ASSERT_EQUAL(write_tiny(RF_TINY_IO, TT_TMP "/fix_hand", true), TICO_OK);
    char out[4096];
    int rc = tt_sh("rm -rf " TT_TMP "/fix_solved && " TT_TICO " solve -q --gap 0 -o " TT_TMP "/fix_solved " RF_TINY_IO, out,
                   sizeof out);
    if (rc != 0)
        fprintf(stderr, "\n%s\n", out);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    static const char *const same[] = {"pathway.csv", "assets.csv", "spurs.csv", "emissions.csv", "flows.csv"};
    for (size_t k = 0; k < sizeof same / sizeof same[0]; k++) {
        char cmd[512];
        snprintf(cmd, sizeof cmd, "diff " TT_TMP "/fix_hand/%s " TT_TMP "/fix_solved/%s", same[k], same[k]);
        rc = tt_sh(cmd, out, sizeof out);
        if (rc != 0)
            fprintf(stderr, "\n  %s\n%s\n", cmd, out);
        CU_ASSERT_EQUAL(rc, 0);
    }
    CU_ASSERT(rf_has_line(TT_TMP "/fix_solved", "costs.csv", "2030,capex_plants,49000000,245000000"));
    CU_ASSERT(rf_has_line(TT_TMP "/fix_solved", "costs.csv", "2030,imports,74200000,371000000"));
}

TT_MAIN("report", {"all twelve files, folder created", test_all_files},
        {"pathway, assets, spurs by hand", test_pathway_assets_spurs}, {"flows by hand, balances close", test_flows},
        {"emissions and costs by hand", test_emissions_costs}, {"prices and a binding cap", test_prices_and_cap},
        {"summary: costs, emissions, decisions", test_summary}, {"decisions in words", test_decisions},
        {"summary: elastic violations first", test_summary_violations},
        {"solution.json keys and values", test_solution_json}, {"byte-identical twice", test_deterministic},
        {"atomic: failure leaves no partial set", test_atomic}, {"out: commit, abort, twice", test_out_set},
        {"numbers, CSV quoting, JSON escaping", test_formats}, {"svg ticks and colours", test_svg_ticks},
        {"report.html content and MACC", test_html}, {"tico solve end to end, -j 1 and -j 2", test_end_to_end},
        {"the hand optimum is tico solve's", test_fixture_is_optimal})
