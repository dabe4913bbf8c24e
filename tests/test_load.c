/*
 * test_load.c — the instance loader (SPEC §3): time factors against hand computations,
 * every field of a valid instance read as written, defaults, --set overrides, and one
 * invalid fixture per validation rule with its exact FILE:LINE: PATH and exit code 2.
 */
#include "load_src.h"
#include "testing.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define FIX "tests/fixtures/load/"

/* ---- time factors (SPEC §3.1, §4) -------------------------------------------------- */

/*
 * full.cfg: periods 2025, 2030, 2040, last_period_years 10, base_year 2024, rho = 0.05.
 * L = 5, 10, 10; Y_end = 2049. With a(n) = (1 - 1.05^-n) / 0.05 (annuity factor):
 *   d(2025) = 1.05^-1 = 0.952380952381
 *   DF_0 = sum_{j=1..5} 1.05^-j = a(5) = 4.329476670631
 *   DF_1 = sum_{j=6..15} = a(15) - a(5) = 6.050181367550
 *   DF_2 = sum_{j=16..25} = a(25) - a(15) = 3.714286527864
 *   CRF(0.05, 20) = 0.05 x 1.05^20 / (1.05^20 - 1) = 0.080242587191
 *   CF(1, 20): a build in 2030 pays 2030..2049, all inside the horizon, so
 *     CF = CRF x 1.05^-6 x sum_{j=0..19} 1.05^-j = 1.05^-5 = 0.783526166468
 *   CF(2, 20): 2040..2049 only (annuities stop at the horizon):
 *     CRF x (a(25) - a(15)) = 0.080242587191 x 3.714286527864 = 0.298043960563
 *   CF(0, 30): 2025..2049 = CRF(0.05, 30) x a(25) = 0.916831319963
 *   CRF(0, 20) = 1/20.
 */
static void test_time_factors(void)
{
    Diag d = {0};
    Model *m = tt_load(FIX "full.cfg", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->nperiods, 3);
    CU_ASSERT_EQUAL(m->length[0], 5);
    CU_ASSERT_EQUAL(m->length[1], 10);
    CU_ASSERT_EQUAL(m->length[2], 10);
    CU_ASSERT_EQUAL(model_horizon_end(m), 2049);
    CU_ASSERT_EQUAL(m->base_year, 2024);
    TT_ASSERT_REL(model_year_discount(m, 2025), 0.952380952381, 1e-11);
    TT_ASSERT_REL(model_period_factor(m, 0), 4.329476670631, 1e-11);
    TT_ASSERT_REL(model_period_factor(m, 1), 6.050181367550, 1e-11);
    TT_ASSERT_REL(model_period_factor(m, 2), 3.714286527864, 1e-11);
    TT_ASSERT_REL(model_crf(0.05, 20), 0.080242587191, 1e-11);
    TT_ASSERT_REL(model_crf(0.0, 20), 0.05, 1e-15);
    TT_ASSERT_REL(model_capital_factor(m, 1, 20), 0.783526166468, 1e-11);
    TT_ASSERT_REL(model_capital_factor(m, 2, 20), 0.298043960563, 1e-11);
    TT_ASSERT_REL(model_capital_factor(m, 0, 30), 0.916831319963, 1e-11);
    CU_ASSERT_EQUAL(model_period_of_year(m, 2024), -1);
    CU_ASSERT_EQUAL(model_period_of_year(m, 2029), 0);
    CU_ASSERT_EQUAL(model_period_of_year(m, 2035), 1);
    CU_ASSERT_EQUAL(model_period_of_year(m, 2049), 2);
    CU_ASSERT_EQUAL(model_period_of_year(m, 2050), -1);
    model_free(m);
    diag_free(&d);
}

/* last_period_years defaults to the previous period's length; base_year to the first
 * period; with rho = 0 every factor is a count of years. */
static void test_time_defaults(void)
{
    const char *f = tt_write("time_defaults.cfg",
                             "cluster = { name = \"t\"; };\n"
                             "horizon = { periods = [2030, 2040, 2045]; discount_rate = 0; };\n");
    Diag d = {0};
    Model *m = tt_load(f, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->length[2], 5);
    CU_ASSERT_EQUAL(m->base_year, 2030);
    CU_ASSERT_EQUAL(model_horizon_end(m), 2049);
    TT_ASSERT_REL(model_period_factor(m, 0), 10.0, 1e-15);
    TT_ASSERT_REL(model_capital_factor(m, 1, 40), 10.0 / 40.0, 1e-15); /* 2040..2049 of 40 years */
    /* no timeslices: one slice "year" of 8760 h, share 1, cyclic onto itself */
    CU_ASSERT_EQUAL(m->nslices, 1);
    CU_ASSERT_STRING_EQUAL(m->slices[0].name, "year");
    TT_ASSERT_REL(m->slices[0].share, 1.0, 1e-15);
    CU_ASSERT_EQUAL(m->slices[0].next, 0);
    /* defaults of policy and solver */
    CU_ASSERT_EQUAL(m->policy.carbon_price[1], 0.0);
    CU_ASSERT_PTR_NULL(m->policy.cap);
    CU_ASSERT(m->policy.budget < 0);
    TT_ASSERT_REL(m->solver.mip_gap, 1e-4, 1e-12);
    TT_ASSERT_REL(m->solver.time_limit, 600.0, 1e-12);
    model_free(m);
    diag_free(&d);
}

/* ---- a valid instance, read field by field ----------------------------------------- */

static void test_full_instance(void)
{
    Diag d = {0};
    Model *m = tt_load(FIX "full.cfg", &d);
    CU_ASSERT_EQUAL(d.n, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_STRING_EQUAL(m->name, "Full test");
    CU_ASSERT_STRING_EQUAL(m->currency, "EUR2025");

    /* slices: winter 182.5 x (10 + 14) h, summer 182.5 x (8 + 16) h = 8760 h */
    CU_ASSERT_EQUAL_FATAL(m->nslices, 4);
    CU_ASSERT_STRING_EQUAL(m->slices[0].name, "winter_night");
    CU_ASSERT_STRING_EQUAL(m->slices[3].name, "summer_day");
    TT_ASSERT_REL(m->slices[0].annual_hours, 1825.0, 1e-12);
    TT_ASSERT_REL(m->slices[1].share, 182.5 * 14 / 8760.0, 1e-12);
    CU_ASSERT_EQUAL(m->slices[0].next, 1);
    CU_ASSERT_EQUAL(m->slices[1].next, 0); /* cyclic within the day */
    CU_ASSERT_EQUAL(m->slices[2].next, 3);
    CU_ASSERT_EQUAL(m->slices[3].next, 2);

    /* commodities come from the included catalogue */
    CU_ASSERT_EQUAL_FATAL(m->ncommodities, 5);
    int h2 = model_commodity(m, "hydrogen"), co2 = model_commodity(m, "co2_captured");
    int slag = model_commodity(m, "slag"), el = model_commodity(m, "electricity");
    CU_ASSERT(m->commodities[h2].network);
    TT_ASSERT_REL(m->commodities[co2].spur_cost, 2.0e6, 1e-15);
    CU_ASSERT_EQUAL(m->commodities[co2].spur_lifetime, 50);
    CU_ASSERT_EQUAL(m->commodities[co2].balance, BAL_ANNUAL);
    CU_ASSERT(m->commodities[slag].dispose);
    CU_ASSERT_EQUAL(m->commodities[model_commodity(m, "steel")].balance, BAL_NONE);

    /* technologies: the instance's own first, then the catalogue's */
    CU_ASSERT_EQUAL_FATAL(m->ntechs, 6);
    CU_ASSERT_STRING_EQUAL(m->techs[0].id, "wind");
    const Technology *wind = &m->techs[model_tech(m, "wind")];
    CU_ASSERT_EQUAL(wind->kind, TECH_PROCESS);
    TT_ASSERT_REL(wind->profile[2], 0.3, 1e-15);
    TT_ASSERT_REL(wind->availability, 1.0, 1e-15); /* default */
    const Technology *ccs = &m->techs[model_tech(m, "bf_ccs")];
    /* capex trajectory (2025, 1300), (2035, 1100): 2030 halfway = 1200; 2040 flat = 1100 */
    TT_ASSERT_REL(ccs->capex[0], 1300.0, 1e-15);
    TT_ASSERT_REL(ccs->capex[1], 1200.0, 1e-15);
    TT_ASSERT_REL(ccs->capex[2], 1100.0, 1e-15);
    TT_ASSERT_REL(ccs->capture_rate, 0.9, 1e-15);
    CU_ASSERT_EQUAL(ccs->capture_commodity, co2);
    TT_ASSERT_REL(ccs->em_biogenic, 0.1, 1e-15);
    CU_ASSERT_EQUAL(ccs->available_from, 2030);
    CU_ASSERT_EQUAL(ccs->product, model_commodity(m, "steel"));
    CU_ASSERT_STRING_EQUAL(ccs->name, "bf_ccs"); /* name defaults to the id */
    const Technology *bf = &m->techs[model_tech(m, "bf_bof")];
    TT_ASSERT_REL(bf->fixed_om[2], 155.4, 1e-15);
    TT_ASSERT_REL(bf->em_other, 0.01, 1e-15);
    CU_ASSERT_EQUAL_FATAL(bf->noutputs, 1);
    CU_ASSERT_EQUAL(bf->outputs[0].commodity, slag);
    TT_ASSERT_REL(bf->outputs[0].amount, 0.3, 1e-15);
    const Technology *dri = &m->techs[model_tech(m, "h2_dri")];
    TT_ASSERT_REL(dri->capex[2], 650.0, 1e-15);
    TT_ASSERT_REL(dri->availability, 0.9, 1e-15);
    const Technology *tank = &m->techs[model_tech(m, "h2_tank")];
    CU_ASSERT_EQUAL(tank->kind, TECH_STORAGE);
    CU_ASSERT_EQUAL(tank->stores, h2);
    TT_ASSERT_REL(tank->efficiency_out, 0.9, 1e-15);
    TT_ASSERT_REL(tank->power_ratio, 0.02, 1e-15);

    /* markets: the default id, price profile, limits (none = -1), scope-2 factor */
    CU_ASSERT_EQUAL_FATAL(m->nmarkets, 2);
    CU_ASSERT_STRING_EQUAL(m->markets[0].id, "imp_electricity");
    CU_ASSERT_EQUAL(m->markets[0].commodity, el);
    TT_ASSERT_REL(m->markets[0].price[1], 65.0, 1e-15);
    TT_ASSERT_REL(m->markets[0].price_profile[3], 1.1, 1e-15);
    TT_ASSERT_REL(m->markets[0].co2, 0.05, 1e-15);
    TT_ASSERT_REL(m->markets[0].limit[2], 1.0e7, 1e-15);
    CU_ASSERT_STRING_EQUAL(m->markets[1].id, "co2_storage");
    CU_ASSERT_EQUAL(m->markets[1].direction, MKT_EXPORT);
    TT_ASSERT_REL(m->markets[1].price[0], -50.0, 1e-15);
    TT_ASSERT_REL(m->markets[1].limit[0], 0.0, 1e-15);
    TT_ASSERT_REL(m->markets[1].price_profile[0], 1.0, 1e-15);

    CU_ASSERT_EQUAL_FATAL(m->ndemands, 1);
    TT_ASSERT_REL(m->demands[0].amount[2], 2000.0, 1e-15);
    TT_ASSERT_REL(m->demands[0].profile[1], 0.25, 1e-15);

    /* the plant: candidates first, then the existing route (not buildable) */
    CU_ASSERT_EQUAL_FATAL(m->nplants, 1);
    const Plant *pl = &m->plants[0];
    CU_ASSERT_EQUAL_FATAL(pl->nroutes, 3);
    CU_ASSERT_STRING_EQUAL(m->techs[pl->routes[0]].id, "bf_ccs");
    CU_ASSERT_STRING_EQUAL(m->techs[pl->routes[2]].id, "bf_bof");
    CU_ASSERT(pl->buildable[0] && pl->buildable[1] && !pl->buildable[2]);
    CU_ASSERT_EQUAL(pl->existing_route, 2);
    CU_ASSERT_EQUAL(pl->existing_units, 3);
    /* retire [2030, 2035, 2045]: a line runs in t while y_t < retire */
    CU_ASSERT_EQUAL(model_existing_lines(m, 0, 0), 3);
    CU_ASSERT_EQUAL(model_existing_lines(m, 0, 1), 2);
    CU_ASSERT_EQUAL(model_existing_lines(m, 0, 2), 1);
    TT_ASSERT_REL(pl->production[1], 5.0e6, 1e-15);
    TT_ASSERT_REL(pl->spur_km[co2], 4.0, 1e-15);
    TT_ASSERT_REL(pl->spur_km[h2], 0.0, 1e-15);
    CU_ASSERT(pl->spur_km[el] < 0); /* no spur for a non-network commodity */
    CU_ASSERT_EQUAL_FATAL(pl->ncommitted, 1);
    CU_ASSERT_EQUAL(pl->committed[0].route, 1);
    CU_ASSERT_EQUAL(pl->committed[0].period, 1); /* 2031 lies in 2030..2039 */
    CU_ASSERT_STRING_EQUAL(pl->sector, "steel");
    CU_ASSERT(pl->ets);

    /* assets */
    CU_ASSERT_EQUAL_FATAL(m->nassets, 3);
    CU_ASSERT_EQUAL(m->assets[0].max_modules, 4);
    CU_ASSERT_EQUAL(m->assets[2].max_modules, -1);
    CU_ASSERT_EQUAL(model_existing_modules(m, 1, 1), 1);
    CU_ASSERT_EQUAL(model_existing_modules(m, 1, 2), 0); /* retired in 2040 */
    CU_ASSERT(!m->assets[1].ets);

    /* policy: carbon price trajectory (2025, 80) .. (2050, 180): 4 EUR/t a year */
    TT_ASSERT_REL(m->policy.carbon_price[0], 80.0, 1e-15);
    TT_ASSERT_REL(m->policy.carbon_price[1], 100.0, 1e-15);
    TT_ASSERT_REL(m->policy.carbon_price[2], 140.0, 1e-15);
    TT_ASSERT_REL(m->policy.cap[2], 0.0, 1e-15);
    CU_ASSERT(m->policy.cap_scope2);
    TT_ASSERT_REL(m->policy.budget, 3.0e8, 1e-15);
    TT_ASSERT_REL(m->solver.mip_gap, 1e-3, 1e-15);
    TT_ASSERT_REL(m->solver.time_limit, 60.0, 1e-15);

    /* economics */
    CU_ASSERT(m->economics.present);
    CU_ASSERT_EQUAL(m->economics.nsectors, 3);
    TT_ASSERT_REL(m->economics.A[1 * 3 + 0], 0.3, 1e-15);
    CU_ASSERT_EQUAL(m->economics.sector_om, 2);
    CU_ASSERT_EQUAL(m->economics.sector_energy, 1);
    TT_ASSERT_REL(m->economics.domestic[1], 0.5, 1e-15);  /* equipment */
    TT_ASSERT_REL(m->economics.domestic[0], 1.0, 1e-15);  /* construction: default */
    CU_ASSERT_PTR_NOT_NULL_FATAL(m->economics.domestic_energy);
    TT_ASSERT_REL(m->economics.domestic_energy[el], 0.9, 1e-15);
    TT_ASSERT_REL(m->economics.domestic_energy[h2], 1.0, 1e-15); /* not listed */

    /* provenance: both files, the instance first; locations point at the right file */
    CU_ASSERT_EQUAL_FATAL(m->nfiles, 2);
    CU_ASSERT_STRING_EQUAL(m->files[0], FIX "full.cfg");
    CU_ASSERT_STRING_EQUAL(m->files[1], FIX "cat/tech.cfg");
    CU_ASSERT_STRING_EQUAL(bf->loc.file, FIX "cat/tech.cfg");
    CU_ASSERT_EQUAL(bf->loc.line, 10);
    CU_ASSERT_EQUAL(pl->loc.line, 21);
    model_free(m);
    diag_free(&d);
}

/* The SHA-256 of each file agrees with sha256sum (an independent implementation). */
static void test_fingerprint(void)
{
    Diag d = {0};
    Model *m = tt_load(FIX "full.cfg", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    for (int k = 0; k < m->nfiles; k++) {
        char cmd[600], out[256];
        snprintf(cmd, sizeof cmd, "sha256sum %s", m->files[k]);
        CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
        CU_ASSERT_NSTRING_EQUAL(out, m->file_sha256[k], 64);
    }
    char cmd[600], out[256];
    snprintf(cmd, sizeof cmd, "cat %s %s | sha256sum", m->files[0], m->files[1]);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
    CU_ASSERT_NSTRING_EQUAL(out, m->input_sha256, 64);
    model_free(m);
    diag_free(&d);
}

/* An integer is accepted wherever a number is expected, also mixed inside [ ... ]. */
static void test_integers_as_numbers(void)
{
    Diag d = {0};
    Model *m = tt_load(FIX "full.cfg", &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    /* limit = [0, 4.0e6, 4.0e6] mixes an integer and floats in one array */
    TT_ASSERT_REL(m->markets[1].limit[1], 4.0e6, 1e-15);
    TT_ASSERT_REL(m->slices[2].hours, 8.0, 1e-15); /* hours = 8 */
    model_free(m);
    diag_free(&d);
}

/* ---- --set overrides ------------------------------------------------------------------ */

static void test_overrides(void)
{
    Override ov[] = {
        {"policy.carbon_price", "[10, 20.5, 30]"},          /* replaces a trajectory by a list */
        {"plants.works.production", "4.0e6"},               /* a list element by id */
        {"plants.[0].units", "4"},                          /* ... and by position */
        {"infrastructure.tanks.max_modules", "7"},          /* a new setting */
        {"solver.time_limit", "5"},
    };
    Diag d = {0};
    Model *m = load_instance(FIX "full.cfg", ov, 5, &d);
    CU_ASSERT_EQUAL(d.n, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    TT_ASSERT_REL(m->policy.carbon_price[1], 20.5, 1e-15);
    TT_ASSERT_REL(m->plants[0].production[2], 4.0e6, 1e-15);
    CU_ASSERT_EQUAL(m->plants[0].units, 4);
    CU_ASSERT_EQUAL(m->assets[1].max_modules, 7);
    TT_ASSERT_REL(m->solver.time_limit, 5.0, 1e-15);
    model_free(m);
    diag_free(&d);

    /* an override is validated like the file, and named in the message */
    Override bad[] = {{"policy.cap", "[1, 2]"}};
    m = load_instance(FIX "full.cfg", bad, 1, &d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT(tt_diag_has(&d, "--set: policy.cap: expected 3 values (one per period), found 2", NULL, NULL));
    diag_free(&d);

    Override nopath[] = {{"plants.nosuch.units", "2"}};
    m = load_instance(FIX "full.cfg", nopath, 1, &d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT(tt_diag_has(&d, "--set: plants.nosuch.units: plants has no element with id 'nosuch'", NULL, NULL));
    diag_free(&d);

    /* "none": no cap in a period, no limit on a market */
    Override none[] = {{"policy.cap", "[\"none\", 1.0e7, 0]"}, {"markets.co2_storage.limit", "[0, \"none\", 4e6]"}};
    m = load_instance(FIX "full.cfg", none, 2, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT(m->policy.cap[0] < 0);
    TT_ASSERT_REL(m->policy.cap[1], 1.0e7, 1e-15);
    CU_ASSERT(m->markets[1].limit[1] < 0);
    model_free(m);
    Override nonebad[] = {{"policy.carbon_price", "\"none\""}};
    m = load_instance(FIX "full.cfg", nonebad, 1, &d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT(tt_diag_has(&d, "--set: policy.carbon_price: expected a number, or a list with one number per period, found a string", NULL, NULL));
    diag_free(&d);

    Override badvalue[] = {{"policy.budget", "1e6;;"}};
    m = load_instance(FIX "full.cfg", badvalue, 1, &d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT(tt_diag_has(&d, "--set: policy.budget: cannot read the value", NULL, NULL));
    diag_free(&d);
}

/* Many included files and overrides: libconfig settings point back at their config_t, so
 * the loader must never move one (a realloc'd array of them broke past 8 files). */
static void test_many_includes_with_overrides(void)
{
    char text[8192] = "";
    for (int k = 0; k < 12; k++) {
        char name[64], body[256], line[128];
        snprintf(name, sizeof name, "inc_%02d.cfg", k);
        snprintf(body, sizeof body, "commodities = ( { id = \"c%02d\"; balance = \"annual\"; } );\n", k);
        tt_write(name, body);
        snprintf(line, sizeof line, "@include \"inc_%02d.cfg\"\n", k);
        strcat(text, line);
    }
    strcat(text, "cluster = { name = \"many\"; };\n"
                 "horizon = { periods = [2030, 2035]; discount_rate = 0.05; };\n"
                 "policy = { carbon_price = [10, 20]; };\n");
    const char *f = tt_write("many_includes.cfg", text);
    Override ov[] = {{"policy.carbon_price", "0"}, {"commodities.c11.dispose", "true"}};
    Diag d = {0};
    Model *m = load_instance(f, ov, 2, &d);
    diag_print(&d, stderr);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    CU_ASSERT_EQUAL(m->nfiles, 13);
    CU_ASSERT_EQUAL(m->ncommodities, 12);
    TT_ASSERT_REL(m->policy.carbon_price[1], 0.0, 1e-15);
    CU_ASSERT(m->commodities[model_commodity(m, "c11")].dispose);
    model_free(m);
    diag_free(&d);

    /* The invariant itself (ASan cannot see the bad read: it happens inside libconfig): after
     * all files are read, every tree's settings still point at their own config_t. */
    Sources S = {0};
    CU_ASSERT(src_read(&S, f, &d));
    CU_ASSERT_EQUAL(S.n, 13);
    for (int k = 0; k < S.n; k++) {
        const config_setting_t *root = config_root_setting(S.cfg[k]);
        CU_ASSERT_PTR_EQUAL(root->config, S.cfg[k]);
        if (config_setting_length(root) > 0)
            CU_ASSERT_PTR_EQUAL(config_setting_get_elem(root, 0)->config, S.cfg[k]);
    }
    src_free(&S);
    diag_free(&d);
}

/* ---- invalid fixtures: exact FILE:LINE: PATH and exit code 2 -------------------------- */

typedef struct {
    const char *name;  /* tests/fixtures/load/invalid/<name>.cfg */
    const char *file;  /* file named in the message; NULL = the fixture itself */
    int line;
    const char *path;  /* NULL: the message has no PATH (syntax errors) */
    const char *what;  /* a fragment of the message */
} Invalid;

static const Invalid INVALID[] = {
    /* syntax */
    {"syntax_double_equals", NULL, 33, NULL, "syntax error; check this line"},
    {"syntax_unclosed_list", NULL, 22, NULL, "syntax error; check this line"},
    /* unknown keys (typo guard) */
    {"unknown_top_key", NULL, 33, "polcy", "unknown setting 'polcy'; did you mean 'policy'?"},
    {"unknown_plant_key", NULL, 21, "plants.[0].unit_capacty", "did you mean 'unit_capacity'?"},
    {"emissions_unknown_key", NULL, 13, "technologies.[1].emissions.fosil", "did you mean 'fossil'?"},
    /* missing required fields */
    {"missing_cluster_name", NULL, 4, "cluster.name", "missing required setting 'name'"},
    {"missing_discount_rate", NULL, 5, "horizon.discount_rate", "missing required setting 'discount_rate'"},
    {"commodity_missing_balance", NULL, 10, "commodities.[0].balance", "missing required setting 'balance'"},
    {"tech_missing_source", NULL, 11, "technologies.[0].source", "missing required setting 'source'"},
    {"storage_without_stores", NULL, 13, "technologies.[1].stores", "missing required setting 'stores'"},
    /* wrong types */
    {"units_wrong_type", NULL, 21, "plants.[0].units", "expected an integer in [1, 100000], found a string"},
    {"period_not_integer", NULL, 5, "horizon.periods.[1]", "expected a year (an integer), found a number"},
    {"retire_not_year", NULL, 23, "plants.[0].existing.retire.[0]", "expected a year (an integer), found a string"},
    {"plant_routes_not_list", NULL, 22, "plants.[0].routes", "expected a list of route technology ids"},
    /* bad values */
    {"commodity_bad_balance", NULL, 10, "commodities.[0].balance", "found \"hourly\""},
    {"tech_bad_kind", NULL, 11, "technologies.[0].kind", "found \"proces\""},
    {"market_bad_direction", NULL, 15, "markets.[0].direction", "found \"imports\""},
    {"invalid_id", NULL, 10, "commodities.[0].id", "'co2-net' is not a valid id"},
    /* duplicate ids (the catalogue's steel duplicates the instance's: the instance loads first) */
    {"duplicate_commodity", FIX "cat/tech.cfg", 3, "commodities.[0].id",
     "duplicate commodity id 'steel'; it is already used at " FIX "invalid/duplicate_commodity.cfg:10"},
    {"duplicate_plant", NULL, 26, "plants.[1].id", "duplicate plant id 'works'"},
    {"duplicate_slice", NULL, 9, "timeslices.days.[1].slices.[1].name", "duplicate slice name 'night' in day 'summer'"},
    /* dangling references */
    {"capture_unknown_commodity", NULL, 13, "technologies.[1].capture.commodity", "unknown commodity 'co2'"},
    {"market_unknown_commodity", NULL, 15, "markets.[0].commodity", "did you mean 'electricity'?"},
    {"plant_unknown_route", NULL, 22, "plants.[0].routes.[1]", "unknown technology 'h2_dr'; did you mean 'h2_dri'?"},
    /* list lengths */
    {"capex_list_length", NULL, 11, "technologies.[0].capex", "expected 3 values (one per period), found 2"},
    {"cap_length", NULL, 32, "policy.cap", "expected 3 values (one per period), found 2"},
    {"profile_length", NULL, 12, "technologies.[0].profile", "expected 4 values (one per time slice), found 3"},
    {"retire_length", NULL, 23, "plants.[0].existing.retire", "expected 3 retirement years (one per existing line), found 2"},
    /* negative, non-finite, out of range */
    {"capex_negative", NULL, 11, "technologies.[0].capex", "expected a number >= 0, found -2000"},
    {"market_limit_negative", NULL, 16, "markets.[0].limit", "expected a number >= 0 or \"none\", found -1e+07"},
    {"spur_cost_negative", NULL, 10, "commodities.[0].network.spur_cost", "expected a number >= 0, found -1"},
    {"occurrences_negative", NULL, 8, "timeslices.days.[0].occurrences", "expected a number > 0, found -182.5"},
    {"number_too_large", NULL, 21, "plants.[0].unit_capacity", "a number too large to represent"},
    {"tech_lifetime_zero", NULL, 11, "technologies.[0].lifetime", "expected an integer in [1, 1000], found 0"},
    {"discount_rate_range", NULL, 6, "horizon.discount_rate", "expected a number in [0, 1), found 1"},
    {"capture_rate_one", NULL, 13, "technologies.[1].capture.rate", "expected a number in [0, 1), found 1"},
    {"availability_range", NULL, 11, "technologies.[0].availability", "expected a number in (0, 1], found 1.5"},
    {"storage_efficiency_zero", NULL, 13, "technologies.[1].efficiency_in", "expected a number in (0, 1], found 0"},
    {"mip_gap_range", NULL, 33, "solver.mip_gap", "expected a number in [0, 1), found 1.5"},
    {"slice_hours_over_24", NULL, 8, "timeslices.days.[0].slices.[0].hours", "expected a number in (0, 24], found 30"},
    /* time */
    {"periods_not_increasing", NULL, 5, "horizon.periods.[2]", "strictly increasing start years; 2030 follows 2040"},
    {"hours_not_8760", NULL, 7, "timeslices.days", "the slices cover 8577.5 hours a year"},
    {"trajectory_years", NULL, 32, "policy.carbon_price.[1]", "the years of a trajectory must increase"},
    /* commodities and technologies */
    {"none_input", NULL, 13, "technologies.[1].inputs.steel", "'steel' has balance \"none\""},
    {"network_on_none", NULL, 10, "commodities.[0].network", "has no pool to reach through a network"},
    {"product_in_outputs", NULL, 13, "technologies.[1].product", "must not also be listed in inputs or outputs"},
    {"storage_annual_commodity", NULL, 13, "technologies.[1].stores", "only commodities with balance \"slice\" can be stored"},
    {"route_with_profile", NULL, 13, "technologies.[1].profile", "applies to technologies of kind \"process\" only"},
    {"tech_empty_source", NULL, 12, "technologies.[0].source", "is empty"},
    /* markets and demands */
    {"market_co2_on_export", NULL, 17, "markets.[1].co2", "applies to imports only"},
    {"demand_profile_sum", NULL, 19, "demands.[0].profile", "the shares sum to 0.95; expected 1"},
    {"demand_of_product", NULL, 19, "demands.[0]", "'steel' has balance \"none\": a demand needs a balanced commodity"},
    /* plants */
    {"plant_route_wrong_product", NULL, 23, "plants.[0].routes.[2]", "route 'smr_route' makes 'hydrogen' but plant 'works' makes 'steel'"},
    {"plant_route_is_process", NULL, 22, "plants.[0].routes.[2]", "'electrolyser' is a process, not a route"},
    {"production_exceeds_capacity", NULL, 24, "plants.[0].production", "6.5e+06 required in 2025 but the plant's lines can make at most 6e+06"},
    {"existing_more_than_units", NULL, 23, "plants.[0].existing.units", "4 existing lines but the plant has 3 units"},
    {"missing_spur", NULL, 24, "plants.[0].spurs", "network commodity 'hydrogen' but the plant gives no spur distance"},
    {"committed_not_candidate", NULL, 25, "plants.[0].committed.[0].route", "committed route 'bf_bof' is not one of the plant's candidate routes"},
    {"committed_year_outside", NULL, 25, "plants.[0].committed.[0].year", "year 2051 is outside the horizon 2025-2049"},
    /* infrastructure, policy, economics */
    {"asset_is_route", NULL, 28, "infrastructure.[0].technology", "'h2_dri' is a route"},
    {"max_modules_below_existing", NULL, 29, "infrastructure.[1].max_modules", "max_modules 0 is below the 1 existing modules"},
    {"economics_column", NULL, 35, "economics.A", "column 0 (construction) sums to 1.1"},
    {"counts_not_positive", NULL, 29, "infrastructure.[0].counts.stacks", "expected a number > 0, found 0"},
    {"counts_not_group", NULL, 29, "infrastructure.[0].counts",
     "expected a group { WHAT = NUMBER_PER_MODULE; ... } (e.g. counts = { dwellings = 50.0; }), found a number"},
    /* measures (asset measures of the measure MACC) */
    {"measure_unknown_asset", NULL, 40, "measures.[0].assets.electrolyser",
     "unknown asset 'electrolyser'; did you mean 'electrolysers'?"},
    {"measure_storage_asset", NULL, 40, "measures.[0].assets.tanks",
     "'tanks' is a storage asset; a measure is made of process assets"},
    {"measure_above_max", NULL, 40, "measures.[0].assets.electrolysers",
     "5 modules and the 0 existing are above the asset's max_modules 4"},
    {"measure_not_whole", NULL, 40, "measures.[0].assets.electrolysers", "expected a whole number of modules >= 1"},
    {"measure_no_asset", NULL, 40, "measures.[0].assets",
     "no asset; a measure needs at least one (ASSET_ID = MODULES)"},
    /* files */
    {"include_missing", NULL, 3, "@include", "cannot read '" FIX "cat/nothere.cfg'"},
    {"include_dev_zero", NULL, 3, "@include", "cannot read '/dev/zero': it is a character device, not a regular file"},
    {"include_folder", NULL, 3, "@include", "cannot read '" FIX "cat': it is a folder, not a regular file"},
    /* text and magnitudes over the whole input */
    {"name_not_utf8", NULL, 4, "cluster.name", "the string is not valid UTF-8: byte 3 (0xe9, counting from 0)"},
    /* capex 1e308 x module 1e6 of asset 'offshore' = inf (was: solve "optimal, total cost -nan") */
    {"capex_1e308", NULL, 11, "technologies.[0].capex",
     "capex 1e+308 x module 1e+06 makes the capex term of asset 'offshore' in 2025 (x capital factor 0.917) inf EUR"},
    /* unit_capacity 2e12 x capex 1300 (bf_ccs, 2025) x CF(2025, 20) = 1 (CRF x 1.05^-1 x
     * annuity-due of 20 years = 1, see the time factors above) = 2.6e15 > 1e15: each number is
     * plausible alone, the product is not */
    {"cost_term_overflow", NULL, 21, "plants.[0].unit_capacity",
     "unit_capacity 2e+12 x capex 1300 makes the capex term of plant 'works' in 2025 (x capital factor 1) 2.6e+15 EUR"},
    {"include_cycle", FIX "cat/cycle.cfg", 2, "@include", "'" FIX "invalid/include_cycle.cfg' includes itself"},
    {"include_inside_setting", NULL, 34, "@include", "only supported at the top level"},
    {"section_twice", FIX "cat/policy.cfg", 1, "policy",
     "defined a second time; it is already defined at " FIX "invalid/section_twice.cfg:33"},
};

#define NINVALID (int)(sizeof INVALID / sizeof INVALID[0])

/* "FILE:LINE: PATH: " (or "FILE:LINE: " without a PATH), the exact start of the message. */
static void expected_prefix(const Invalid *v, char *out, size_t n)
{
    char fixture[256];
    snprintf(fixture, sizeof fixture, FIX "invalid/%s.cfg", v->name);
    if (v->path)
        snprintf(out, n, "%s:%d: %s: ", v->file ? v->file : fixture, v->line, v->path);
    else
        snprintf(out, n, "%s:%d: ", v->file ? v->file : fixture, v->line);
}

/* Some line of text starts with prefix and contains what. */
static int has_line(const char *text, const char *prefix, const char *what)
{
    for (const char *p = text; p && *p; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL) {
        const char *e = strchr(p, '\n');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        char line[4096];
        if (len >= sizeof line)
            len = sizeof line - 1;
        memcpy(line, p, len);
        line[len] = '\0';
        if (strncmp(line, prefix, strlen(prefix)) == 0 && strstr(line, what))
            return 1;
    }
    return 0;
}

/* Through the library: the message is among those collected, and no model is returned. */
static void test_invalid_messages(void)
{
    CU_ASSERT(NINVALID >= 40);
    for (int i = 0; i < NINVALID; i++) {
        char path[256], want[1024];
        snprintf(path, sizeof path, FIX "invalid/%s.cfg", INVALID[i].name);
        expected_prefix(&INVALID[i], want, sizeof want);
        Diag d = {0};
        Model *m = tt_load(path, &d);
        CU_ASSERT_PTR_NULL(m);
        model_free(m);
        int found = 0;
        for (int k = 0; k < d.n; k++)
            found |= has_line(d.msg[k], want, INVALID[i].what);
        if (!found) {
            fprintf(stderr, "\n  %s: expected a message starting \"%s\" with \"%s\"; got:\n", INVALID[i].name,
                    want, INVALID[i].what);
            diag_print(&d, stderr);
        }
        CU_ASSERT(found);
        diag_free(&d);
    }
}

/* Through the program: exit code 2, the message, and the count line. */
static void test_invalid_exit_codes(void)
{
    for (int i = 0; i < NINVALID; i++) {
        char cmd[512], want[1024], out[16384];
        snprintf(cmd, sizeof cmd, TT_TICO " check " FIX "invalid/%s.cfg", INVALID[i].name);
        expected_prefix(&INVALID[i], want, sizeof want);
        int rc = tt_sh(cmd, out, sizeof out);
        int found = has_line(out, want, INVALID[i].what);
        if (rc != 2 || !found)
            fprintf(stderr, "\n  %s: rc %d, expected 2 and \"%s\"; got:\n%s", INVALID[i].name, rc, want, out);
        CU_ASSERT_EQUAL(rc, 2);
        CU_ASSERT(found);
        CU_ASSERT_PTR_NOT_NULL(strstr(out, "found; nothing written"));
    }
}

/* Every problem is reported, not just the first. */
static void test_all_problems_reported(void)
{
    const char *f = tt_write("many.cfg",
                             "cluster = { name = \"x\"; colour = \"red\"; };\n"              /* 1 */
                             "horizon = { periods = [2025, 2030]; discount_rate = -0.1; };\n" /* 2 */
                             "commodities = ( { id = \"e\"; balance = \"slice\"; },\n"        /* 3 */
                             "                { id = \"e\"; balance = \"slice\"; } );\n"      /* 4 */
                             "plants = ( { id = \"p\"; product = \"q\"; units = 0; unit_capacity = 1; production = 1; } );\n");
    Diag d = {0};
    Model *m = tt_load(f, &d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT(tt_diag_has(&d, "many.cfg:1: cluster.colour: unknown setting 'colour'", NULL, NULL));
    CU_ASSERT(tt_diag_has(&d, "many.cfg:2: horizon.discount_rate: expected a number in [0, 1), found -0.1", NULL, NULL));
    CU_ASSERT(tt_diag_has(&d, "many.cfg:4: commodities.[1].id: duplicate commodity id 'e'", NULL, NULL));
    CU_ASSERT(tt_diag_has(&d, "many.cfg:5: plants.[0].product: unknown commodity 'q'", NULL, NULL));
    CU_ASSERT(tt_diag_has(&d, "many.cfg:5: plants.[0].units: expected an integer in [1, 100000], found 0", NULL, NULL));
    CU_ASSERT(tt_diag_has(&d, "many.cfg:5: plants.[0]: plant 'p' has no route", NULL, NULL) == 0); /* skipped: plant already invalid */
    CU_ASSERT_EQUAL(d.n, 5);
    diag_free(&d);
}

/* A file that does not exist, a directory, an empty file, binary junk: exit 2, no crash. */
static void test_hostile_inputs(void)
{
    char out[4096];
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check tests/fixtures/load/nothere.cfg", out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tests/fixtures/load/nothere.cfg: cannot read the instance: No such file or directory"));
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check tests/fixtures", out, sizeof out), 2);
    const char *empty = tt_write("empty.cfg", "");
    char cmd[512];
    snprintf(cmd, sizeof cmd, TT_TICO " check %s", empty);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "missing required section 'cluster'"));
    const char *junk = tt_write("junk.cfg", "\x01\x02\xff{{{{(((([[[[\"\"\"\n@include\n@include \"\n");
    snprintf(cmd, sizeof cmd, TT_TICO " check %s", junk);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 2);
    /* deep nesting */
    char deep[20000];
    int k = 0;
    k += snprintf(deep + k, sizeof deep - (size_t)k, "x = ");
    for (int i = 0; i < 5000; i++)
        deep[k++] = '(';
    deep[k] = '\0';
    const char *dp = tt_write("deep.cfg", deep);
    snprintf(cmd, sizeof cmd, TT_TICO " check %s", dp);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 2);
}

/* ---- bad input, bounded (issue 11) ----------------------------------------------------- */

/* Run `tico check FILE` with an alarm of `seconds` inherited through exec (a hang dies of
 * SIGALRM instead of blocking the suite); output in out. Returns the exit code, or -1 when
 * the program was killed; *elapsed: wall seconds. */
static int check_bounded(const char *file, unsigned seconds, char *out, size_t n, double *elapsed)
{
    const char *log = TT_TMP "/bounded.out";
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    pid_t pid = fork();
    if (pid == 0) {
        int fd = open(log, O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0)
            _exit(98);
        dup2(fd, 1);
        dup2(fd, 2);
        alarm(seconds);
        execl(TT_TICO, TT_TICO, "check", file, (char *)NULL);
        _exit(97);
    }
    int st = 0;
    waitpid(pid, &st, 0);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    *elapsed = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
    char *text = tt_slurp(log);
    snprintf(out, n, "%s", text ? text : "");
    free(text);
    return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

/* @include of /dev/zero (read until malloc failed: 2.1 GB, 42 s) and of a FIFO (hung for
 * ever) exit 2 at once with FILE:LINE and the reason; a file over 64 MiB is refused. */
static void test_include_not_regular(void)
{
    char out[8192];
    double secs;
    int rc = check_bounded(FIX "invalid/include_dev_zero.cfg", 1, out, sizeof out, &secs);
    CU_ASSERT_EQUAL(rc, 2);
    CU_ASSERT(secs < 1.0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, FIX "invalid/include_dev_zero.cfg:3: @include: cannot read '/dev/zero': it is "
                                       "a character device, not a regular file"));

    mkdir(TT_TMP, 0777);
    const char *fifo = TT_TMP "/fifo_include.pipe";
    unlink(fifo);
    CU_ASSERT_EQUAL_FATAL(mkfifo(fifo, 0600), 0);
    const char *inst = tt_write("fifo_include.cfg", "cluster = { name = \"x\"; };\n@include \"fifo_include.pipe\"\n");
    rc = check_bounded(inst, 1, out, sizeof out, &secs);
    CU_ASSERT_EQUAL(rc, 2); /* -1 (killed by the alarm) when the open blocks */
    CU_ASSERT(secs < 1.0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, TT_TMP "/fifo_include.cfg:2: @include: cannot read '" TT_TMP
                                       "/fifo_include.pipe': it is a FIFO (named pipe), not a regular file"));
    unlink(fifo);

    /* 64 MiB + 1 byte, sparse (no disk used) */
    const char *big = TT_TMP "/big.inc";
    int fd = open(big, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    CU_ASSERT_FATAL(fd >= 0);
    CU_ASSERT_EQUAL(ftruncate(fd, ((off_t)64 << 20) + 1), 0);
    close(fd);
    inst = tt_write("big_include.cfg", "@include \"big.inc\"\n");
    rc = check_bounded(inst, 5, out, sizeof out, &secs);
    CU_ASSERT_EQUAL(rc, 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, TT_TMP "/big_include.cfg:1: @include: cannot read '" TT_TMP
                                       "/big.inc': the file is larger than 64 MiB"));
    unlink(big);
}

/* A 10,000-character id: the message keeps its reason and clips the value. */
static void test_long_value_clipped(void)
{
    size_t n = 10000;
    char *text = malloc(n + 256);
    int k = sprintf(text, "cluster = { name = \"x\"; };\nplants = ( { id = \"");
    memset(text + k, 'a', n);
    strcpy(text + k + n, "\"; } );\n");
    const char *f = tt_write("long_id.cfg", text);
    free(text);
    Diag d = {0};
    Model *m = tt_load(f, &d);
    CU_ASSERT_PTR_NULL(m);
    /* 60 bytes of the value, then the count */
    CU_ASSERT(tt_diag_has(&d, "long_id.cfg:2: plants.[0].id: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                              "... (10000 bytes)' is not a valid id; expected at most 64 letters, digits and '_'",
                          NULL, NULL));
    for (int i = 0; i < d.n; i++)
        CU_ASSERT(strlen(d.msg[i]) < 400);
    diag_free(&d);
}

/* Non-UTF-8 bytes in a name (they reached solution.json and tic.json, which then failed to
 * parse) exit 2 with the path and the byte offset; also through --set and escapes. */
static void test_names_utf8(void)
{
    char out[8192];
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check " FIX "invalid/name_not_utf8.cfg", out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, FIX "invalid/name_not_utf8.cfg:4: cluster.name: the string is not valid "
                                       "UTF-8: byte 3 (0xe9, counting from 0)"));
    /* valid UTF-8 passes: 2- and 3-byte characters */
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --set 'cluster.name=\"Caf\xc3\xa9 \xe2\x82\xac\"' " FIX "full.cfg", out,
                          sizeof out), 0);
    /* a libconfig escape making a bad byte, in a plant name: path and offset */
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --set 'plants.works.name=\"ab\\xff\"' " FIX "full.cfg", out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "--set: plants.[0].name: the string is not valid UTF-8: byte 2 (0xff"));
    /* an overlong form (0xc0 0xaf for '/') and a surrogate (0xed 0xa0 0x80) */
    const char *f = tt_write("overlong.cfg", "cluster = { name = \"a\xc0\xaf\"; country = \"\xed\xa0\x80\"; };\n");
    Diag d = {0};
    Model *m = tt_load(f, &d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT(tt_diag_has(&d, "overlong.cfg:1: cluster.name: the string is not valid UTF-8: byte 1 (0xc0", NULL, NULL));
    CU_ASSERT(tt_diag_has(&d, "overlong.cfg:1: cluster.country: the string is not valid UTF-8: byte 0 (0xed", NULL,
                          NULL));
    diag_free(&d);
    /* file paths reach solution.json too: an included name in Latin-1 */
    f = tt_write("latin1_include.cfg", "@include \"caf\xe9.cfg\"\ncluster = { name = \"x\"; };\n");
    m = tt_load(f, &d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT(tt_diag_has(&d, "latin1_include.cfg:1: @include: the file path '" TT_TMP "/caf\xe9.cfg' is not valid "
                              "UTF-8: byte 13 (0xe9, counting from 0)", NULL, NULL));
    diag_free(&d);
}

/* capex = 1e308 exits 2 (it gave "optimal, total cost -nan"); so do a carbon price and a
 * market price of 1e308, and a product of plausible numbers beyond 1e15 EUR. */
static void test_cost_magnitudes(void)
{
    char out[8192];
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check " FIX "invalid/capex_1e308.cfg", out, sizeof out), 2);
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " solve -q -o " TT_TMP "/nan_out " FIX "invalid/capex_1e308.cfg", out, sizeof out), 2);
    CU_ASSERT_PTR_NULL(strstr(out, "nan"));
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --set policy.carbon_price=1e308 " FIX "full.cfg", out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "--set: policy.carbon_price: carbon price 1e+308 in 2025 x discount factor"));
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --set markets.co2_storage.price=-1e308 " FIX "full.cfg", out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "--set: markets.[1].price: price -1e+308 x price_profile 1 makes the cost of one "
                                       "unit at market 'co2_storage' in 2025"));
    /* fixed O&M F x 3 lines x 2e6 x DF_t: DF_0 = 4.3295, DF_1 = 6.0502 (time factors above).
     * F = 4e7: 1.04e15 in 2025, refused; F = 2e7: at most 2e7 x 6e6 x 6.0502 = 7.26e14, fine */
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --set technologies.bf_bof.fixed_om=4e7 " FIX "full.cfg", out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "--set: technologies.[0].fixed_om: fixed_om 4e+07 x unit_capacity 2e+06 makes "
                                       "the fixed O&M term of plant 'works' in 2025 (x discount factor 4.33)"));
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --set technologies.bf_bof.fixed_om=2e7 " FIX "full.cfg", out, sizeof out), 0);
    /* a spur: km x spur_cost x CF; the larger number is blamed */
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --set plants.works.spurs.hydrogen=1e300 " FIX "full.cfg", out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "--set: plants.[0].spurs.hydrogen: spur km 1e+300 x spur_cost 1.5e+06 makes the "
                                       "spur term of plant 'works' for 'hydrogen'"));
    /* finite numbers whose interpolation is not: (-1e308 .. 1e308) over years, and years
     * 1e308 apart (the slope is 0 x inf = NaN) */
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --set 'markets.co2_storage.price=((2000,-1e308),(2100,1e308))' " FIX "full.cfg",
                          out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "--set: markets.[1].price: the trajectory's value in 2025 is not a finite number"));
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --set 'markets.co2_storage.price=((-1e308,-10),(1e308,10))' " FIX "full.cfg",
                          out, sizeof out), 2);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "--set: markets.[1].price: the trajectory's value in 2025 is not a finite number"));
}

/* Duplicate ids by hashing: the last of 5,000 plants repeats the first. */
static void test_duplicate_ids_hashed(void)
{
    int n = 5000;
    size_t cap = (size_t)n * 200 + 1024;
    char *text = malloc(cap);
    size_t k = (size_t)sprintf(text, "@include \"../fixtures/load/cat/tech.cfg\"\n"
                                     "cluster = { name = \"x\"; };\nhorizon = { periods = [2025, 2030, 2040]; discount_rate = 0.05; };\n"
                                     "plants = (\n");
    for (int i = 0; i < n; i++)
        k += (size_t)snprintf(text + k, cap - k,
                              "{ id = \"p%d\"; product = \"steel\"; units = 1; unit_capacity = 1; routes = [\"h2_dri\"]; "
                              "production = 0; ets = true; spurs = { hydrogen = 0; }; }%s\n",
                              i == n - 1 ? 0 : i, i + 1 < n ? "," : "");
    snprintf(text + k, cap - k, ");\n");
    const char *f = tt_write("dup5000.cfg", text);
    free(text);
    Diag d = {0};
    Model *m = tt_load(f, &d);
    CU_ASSERT_PTR_NULL(m);
    CU_ASSERT(tt_diag_has(&d, "dup5000.cfg:5004: plants.[4999].id: duplicate plant id 'p0'; it is already used at "
                              TT_TMP "/dup5000.cfg:5",
                          NULL, NULL));
    CU_ASSERT_EQUAL(d.n, 1);
    diag_free(&d);
}

/* Usage errors exit 1; --help and --version exit 0; commands not built yet exit 5. */
static void test_command_line(void)
{
    char out[8192];
    CU_ASSERT_EQUAL(tt_sh(TT_TICO, out, sizeof out), 1);
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " frobnicate x.cfg", out, sizeof out), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "unknown command 'frobnicate'"));
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check", out, sizeof out), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "no instance file given"));
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --bogus " FIX "full.cfg", out, sizeof out), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "unknown option '--bogus'"));
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " solve --gap 2 " FIX "full.cfg", out, sizeof out), 1);
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --set nonsense " FIX "full.cfg", out, sizeof out), 1);
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " --version", out, sizeof out), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tico "));
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " --help", out, sizeof out), 0);
    const char *cmds[] = {"check", "solve", "export", "macc", "mc", "value"};
    for (int i = 0; i < 6; i++) {
        char cmd[256];
        snprintf(cmd, sizeof cmd, TT_TICO " %s --help", cmds[i]);
        CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
        CU_ASSERT_PTR_NOT_NULL(strstr(out, "usage: tico "));
    }
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check " FIX "full.cfg", out, sizeof out), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "ok: the instance is valid"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "plants 1:"));
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --set policy.carbon_price=[1,2,3] " FIX "full.cfg", out, sizeof out), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "carbon price 1 2 3 EUR/t"));
}

/* --set names a list element as plants.[0], plants[0], plants[ID] or plants.ID: all four
 * reach the same plant (a negative production is refused with the plant's path); a wrong id
 * gets the nearest one, an index out of range the valid ones; exit 2 each time. */
static void test_set_list_elements(void)
{
    static const char *const FORMS[] = {"plants.[0]", "plants[0]", "plants[works]", "plants.works"};
    char cmd[512], out[2048];
    for (int k = 0; k < 4; k++) {
        snprintf(cmd, sizeof cmd, TT_TICO " check --set '%s.production=-1' instances/teach_two_routes.cfg", FORMS[k]);
        CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 2);
        CU_ASSERT_STRING_EQUAL(out, "--set: plants.[0].production: expected a number >= 0, found -1\n"
                                    "tico: 1 problem found; nothing written\n");
    }
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --set plants.wroks.production=1 instances/teach_two_routes.cfg", out,
                          sizeof out), 2);
    CU_ASSERT_STRING_EQUAL(out, "--set: plants.wroks.production: plants has no element with id 'wroks'; did you mean "
                                "'works'?\ntico: 1 problem found; nothing written\n");
    CU_ASSERT_EQUAL(tt_sh(TT_TICO " check --set 'plants[3].production=1' instances/teach_two_routes.cfg", out,
                          sizeof out), 2);
    CU_ASSERT_STRING_EQUAL(out, "--set: plants[3].production: no element [3]: the plants list of "
                                "instances/teach_two_routes.cfg has 1 element, [0] to [0] (or name the element by "
                                "its id)\ntico: 1 problem found; nothing written\n");
}

/* One syntax error in an included file gives one problem: teach_two_routes with its markets
 * moved into an include that does not parse. Before, the missing markets were reported too
 * ("commodity 'coal' has no market" and the like). */
static void test_syntax_error_alone(void)
{
    char *text = tt_slurp("instances/teach_two_routes.cfg");
    CU_ASSERT_PTR_NOT_NULL_FATAL(text);
    char *a = strstr(text, "markets = (");
    char *b = a ? strstr(a, ");\n") : NULL;
    CU_ASSERT_FATAL(a && b);
    size_t n = (size_t)(a - text);
    char *main_text = malloc(strlen(text) + 64);
    CU_ASSERT_PTR_NOT_NULL_FATAL(main_text);
    memcpy(main_text, text, n);
    strcpy(main_text + n, "@include \"syntax_markets.inc\"\n");
    strcat(main_text, b + 3);
    tt_write("syntax_markets.inc", "# line 1\nmarkets = ( { commodity = \"coal\"; direction = = \"import\"; "
                                   "price = 100.0; } );\n");
    const char *path = tt_write("syntax_main.cfg", main_text);
    char cmd[512], out[4096];
    snprintf(cmd, sizeof cmd, TT_TICO " check %s", path);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 2);
    CU_ASSERT_STRING_EQUAL(out, TT_TMP "/syntax_markets.inc:2: syntax error; check this line and the one before for "
                                "a missing or extra '=', ';', ',', quote or bracket\n"
                                "tico: 1 problem found; nothing written\n");
    free(main_text);
    free(text);
}

TT_MAIN("loader", {"one syntax error in an included file: one problem", test_syntax_error_alone}, {"--set names list elements four ways; a wrong id gets the nearest", test_set_list_elements},
        {"time factors against hand values", test_time_factors},
        {"time defaults and the default slice", test_time_defaults},
        {"a full instance read field by field", test_full_instance},
        {"sha256 of the input agrees with sha256sum", test_fingerprint},
        {"integers accepted as numbers, also in arrays", test_integers_as_numbers},
        {"--set overrides", test_overrides},
        {"many includes with overrides", test_many_includes_with_overrides},
        {"invalid fixtures: exact FILE:LINE: PATH", test_invalid_messages},
        {"invalid fixtures: exit code 2 from tico check", test_invalid_exit_codes},
        {"every problem is reported", test_all_problems_reported},
        {"hostile inputs never crash", test_hostile_inputs},
        {"command line and exit codes", test_command_line},
        {"@include: /dev/zero, a FIFO, over 64 MiB exit 2 at once", test_include_not_regular},
        {"a 10,000-character id: the reason kept, the value clipped", test_long_value_clipped},
        {"names must be UTF-8", test_names_utf8},
        {"cost terms finite and below 1e15 EUR", test_cost_magnitudes},
        {"duplicate ids among 5,000 plants", test_duplicate_ids_hashed})
