/*
 * test_portfolio.c — `tico portfolio` on the three real clusters (Dunkirk, Humber, Rotterdam).
 *
 * The three instances are solved once with the release ./tico (the sanitized program is too
 * slow for Dunkirk) into tests/tmp/portfolio/NAME; the portfolio is written with the program
 * under test. Its figures are checked against the three tic.json files read here:
 *  - every cluster row is its tic.json's figure of that period (12 significant digits);
 *  - the total of a year is the sum of the three clusters' figures of that year, and its
 *    percentages are recomputed from the summed tonnes:
 *        reduction_vs_base_year_pct = 100 x sum(reduction_vs_base_year_t) / sum(emissions_t of
 *        each cluster's first period),  reduction_vs_baseline_pct = 100 x sum(reduction) / sum(baseline);
 *  - the total over the horizon sums the horizon figures, and capex per t abated is
 *    sum(capex_eur) / sum(reduction_vs_baseline_t) over the horizon.
 * Refusals (exit 2, nothing written): a folder without the files, another tico version, another
 * currency, another emission boundary, solution.json and tic.json of different solves, one
 * cluster twice; no folder at all is a usage error (exit 1). value.csv, when present, is shown.
 */
#include "testing.h"

#include <unistd.h>

#include "json_read.h"

#define PF TT_TMP "/portfolio"
#define REL "./tico"

static const char *const NAMES[3] = {"dunkirk", "humber", "rotterdam"};
static const char *const FKEY[] = {
    "baseline_scope1_t", "baseline_scope2_t", "baseline_scope3_t", "baseline_emissions_t", "scope1_t",
    "scope2_t", "scope3_t", "emissions_t", "reduction_vs_base_year_t", "reduction_vs_base_year_pct",
    "reduction_vs_baseline_t", "reduction_vs_baseline_pct", "jobs_protected_fte", "jobs_created_fte",
    "jobs_lost_fte", "gva_eur", "capex_eur"};
#define NF (int)(sizeof FKEY / sizeof *FKEY)
#define COL0 5 /* cluster, year, status, gap, cap_scope */

static bool solved;

static void solve_all(void)
{
    if (solved)
        return;
    char cmd[512], out[4096];
    tt_sh("mkdir -p " PF, NULL, 0);
    for (int k = 0; k < 3; k++) {
        snprintf(cmd, sizeof cmd, "nice -n 10 " REL " solve -q -o " PF "/%s instances/%s.cfg", NAMES[k], NAMES[k]);
        int rc = tt_sh(cmd, out, sizeof out);
        if (rc != 0)
            fprintf(stderr, "\n  %s: exit %d\n%s\n", cmd, rc, out);
        CU_ASSERT_EQUAL_FATAL(rc, 0);
    }
    solved = true;
}

static void read_tic(int k, JsonNode *root)
{
    char path[256];
    snprintf(path, sizeof path, PF "/%s/tic.json", NAMES[k]);
    Diag d = {0};
    bool ok = json_read_file(path, root, &d, NULL, 0);
    diag_print(&d, stderr);
    diag_free(&d);
    CU_ASSERT_FATAL(ok);
}

static void test_totals(void)
{
    solve_all();
    char out[4096];
    int rc = tt_sh(TT_TICO " portfolio -q -o " PF "/out " PF "/dunkirk " PF "/humber " PF "/rotterdam", out, sizeof out);
    CU_ASSERT_EQUAL(rc, 0);
    if (rc)
        fprintf(stderr, "\n%s\n", out);
    const char *csv = PF "/out/portfolio.csv";
    CU_ASSERT(tt_file_has(csv, "cluster,year,status,gap,cap_scope,baseline_scope1_t,"));
    CU_ASSERT(tt_file_has(PF "/out/portfolio.html", "<h1>Portfolio of 3 clusters</h1>"));
    CU_ASSERT(tt_file_has(PF "/out/portfolio.html", "<svg"));
    JsonNode tic[3];
    const char *inst[3];
    for (int k = 0; k < 3; k++) {
        read_tic(k, &tic[k]);
        inst[k] = json_get_str(&tic[k], "instance");
        CU_ASSERT_PTR_NOT_NULL_FATAL(inst[k]);
    }
    const JsonNode *per0 = json_get(&tic[0], "periods");
    CU_ASSERT_FATAL(per0 && per0->n == 6);
    char key[128];
    for (int t = 0; t < per0->n; t++) {
        int year = (int)json_get_num(&per0->kids[t], "year", 0);
        double sum[NF], base = 0;
        for (int f = 0; f < NF; f++)
            sum[f] = 0;
        for (int k = 0; k < 3; k++) {
            const JsonNode *per = json_get(&tic[k], "periods");
            CU_ASSERT_EQUAL_FATAL((int)json_get_num(&per->kids[t], "year", 0), year); /* the same periods */
            base += json_get_num(&per->kids[0], "emissions_t", NAN);
            snprintf(key, sizeof key, "%s,%d,", inst[k], year);
            for (int f = 0; f < NF; f++) {
                double v = json_get_num(&per->kids[t], FKEY[f], NAN);
                sum[f] += v;
                TT_ASSERT_REL(tt_csv_field(csv, key, COL0 + f), v, 1e-11);
            }
        }
        sum[9] = 100.0 * sum[8] / base;
        sum[11] = 100.0 * sum[10] / sum[3];
        snprintf(key, sizeof key, "total,%d,", year);
        for (int f = 0; f < NF; f++)
            TT_ASSERT_REL(tt_csv_field(csv, key, COL0 + f), sum[f], 1e-11);
        /* scopes add up to the emissions */
        TT_ASSERT_REL(sum[4] + sum[5] + sum[6], sum[7], 1e-9);
    }
    /* the horizon */
    double em = 0, bl = 0, red = 0, gva = 0, capex = 0;
    int from = 0, to = 0;
    for (int k = 0; k < 3; k++) {
        const JsonNode *h = json_get(&tic[k], "horizon");
        em += json_get_num(h, "emissions_t", NAN);
        bl += json_get_num(h, "baseline_emissions_t", NAN);
        red += json_get_num(h, "reduction_vs_baseline_t", NAN);
        gva += json_get_num(h, "gva_eur", NAN);
        capex += json_get_num(h, "capex_eur", NAN);
        from = (int)json_get_num(h, "from", 0);
        to = (int)json_get_num(h, "to", 0);
        snprintf(key, sizeof key, "%s,%d-%d,", inst[k], from, to);
        TT_ASSERT_REL(tt_csv_field(csv, key, COL0 + NF),
                      json_get_num(h, "capex_eur", NAN) / json_get_num(h, "reduction_vs_baseline_t", NAN), 1e-11);
    }
    snprintf(key, sizeof key, "total,%d-%d,", from, to);
    TT_ASSERT_REL(tt_csv_field(csv, key, COL0 + 7), em, 1e-11);
    TT_ASSERT_REL(tt_csv_field(csv, key, COL0 + 3), bl, 1e-11);
    TT_ASSERT_REL(tt_csv_field(csv, key, COL0 + 10), red, 1e-11);
    TT_ASSERT_REL(tt_csv_field(csv, key, COL0 + 11), 100.0 * red / bl, 1e-11);
    TT_ASSERT_REL(tt_csv_field(csv, key, COL0 + 15), gva, 1e-11);
    TT_ASSERT_REL(tt_csv_field(csv, key, COL0 + 16), capex, 1e-11);
    TT_ASSERT_REL(tt_csv_field(csv, key, COL0 + NF), capex / red, 1e-11);
    for (int k = 0; k < 3; k++)
        json_node_free(&tic[k]);
}

/* Copy folder NAME to DEST, then run the sed script on FILES of the copy. */
static void copy_edit(const char *name, const char *dest, const char *sed, const char *files)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "rm -rf " PF "/%s && cp -r " PF "/%s " PF "/%s && cd " PF "/%s && sed -i '%s' %s", dest,
             name, dest, dest, sed, files);
    CU_ASSERT_EQUAL(tt_sh(cmd, NULL, 0), 0);
}

/* tico portfolio on the folders (under PF) must exit 2 with msg and write nothing. */
static void refused(const char *folders, const char *msg)
{
    char cmd[1024], out[8192];
    tt_sh("rm -rf " PF "/refused", NULL, 0);
    snprintf(cmd, sizeof cmd, "cd " PF " && ../../../" TT_TICO " portfolio -o refused %s", folders);
    int rc = tt_sh(cmd, out, sizeof out);
    CU_ASSERT_EQUAL(rc, 2);
    if (!strstr(out, msg))
        fprintf(stderr, "\n  expected '%s' in:\n%s\n", msg, out);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, msg));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "nothing written"));
    CU_ASSERT_EQUAL(access(PF "/refused/portfolio.csv", F_OK), -1);
}

static void test_refusals(void)
{
    solve_all();
    tt_sh("mkdir -p " PF "/empty", NULL, 0);
    refused("dunkirk empty", "empty: no solution.json and no tic.json: not a folder written by tico solve "
                             "(tico solve -o empty INSTANCE.cfg writes them)");
    tt_sh("rm -rf " PF "/half && cp -r " PF "/humber " PF "/half && rm " PF "/half/tic.json", NULL, 0);
    refused("dunkirk half", "half: no tic.json: not a folder written by tico solve");
    copy_edit("humber", "v9", "s/\"tico_version\": \"0.1.0\"/\"tico_version\": \"9.9.9\"/", "solution.json tic.json");
    refused("dunkirk v9", "v9/solution.json: tico_version: '9.9.9', but dunkirk/solution.json has '0.1.0': clusters "
                          "solved by different tico versions are not reported together");
    copy_edit("rotterdam", "usd", "s/\"currency\": \"EUR2025\"/\"currency\": \"USD2025\"/", "solution.json tic.json");
    refused("humber usd", "usd/solution.json: currency: 'USD2025', but humber/solution.json has 'EUR2025': money in "
                          "different currencies is not added");
    copy_edit("rotterdam", "scope", "s/\"scopes\": \"scope 1: net direct/\"scopes\": \"scope 1: gross direct/",
              "tic.json");
    refused("humber scope", "scope/tic.json: definitions: scopes differs from humber/tic.json's: the emission "
                            "boundaries are not the same");
    copy_edit("humber", "mixed", "s/\"tico_version\": \"0.1.0\"/\"tico_version\": \"0.0.9\"/", "tic.json");
    refused("mixed", "mixed/tic.json: tico_version: '0.0.9', but mixed/solution.json has '0.1.0': the two files are "
                     "not of one solve");
    refused("humber rotterdam humber", "humber/solution.json: instance: 'Humber' is also in humber: a cluster is "
                                       "counted once");
    copy_edit("humber", "broken", "1s/{/[/", "tic.json");
    refused("broken", "broken/tic.json:");
    char out[4096];
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " portfolio -o " PF "/refused", out, sizeof out), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tico portfolio: no folder given"));
}

/* value.csv beside a cluster's solve: each family's value and asset cost on the page. */
static void test_value_csv(void)
{
    solve_all();
    tt_sh("rm -rf " PF "/hv && cp -r " PF "/humber " PF "/hv", NULL, 0);
    tt_write("portfolio/hv/value.csv",
             "family,assets,technology,sector,service,commodity,status,value_eur,system_value_eur,total_cost_with_eur,"
             "total_cost_without_eur,system_cost_with_eur,system_cost_without_eur,gap_without,asset_cost_eur,shapley,"
             "players,coalitions_solved\n"
             "co2_pipeline,\"pipe_a,pipe_b\",co2_pipeline,ccs,takes,co2,optimal,2500000000,1,2,3,4,5,0,500000000,exact,"
             "4,16\n");
    char out[4096];
    int rc = tt_sh(TT_TICO " portfolio -q -o " PF "/vout " PF "/hv " PF "/rotterdam", out, sizeof out);
    CU_ASSERT_EQUAL(rc, 0);
    /* 2.5e9 EUR = 2500.0 MEUR of value, 500.0 MEUR of asset cost: 5.00 EUR per EUR */
    CU_ASSERT(tt_file_has(PF "/vout/portfolio.html", "<td>co2_pipeline</td><td>optimal</td><td>2500.0</td><td>500.0</td>"
                                                     "<td>5.00</td>"));
    CU_ASSERT(tt_file_has(PF "/vout/portfolio.html", "no value.csv in its folder"));
}

TT_MAIN("portfolio", {"totals of three clusters by hand from their tic.json", test_totals},
        {"refusals: files, version, currency, boundary, one solve, twice", test_refusals},
        {"value.csv per asset family", test_value_csv})
