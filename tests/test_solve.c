/*
 * test_solve.c — the MILP of SPEC §4 solved on tiny instances whose optimum is derived by
 * hand in the comment above each test: objective, decisions, emissions and marginal prices.
 * One test per feature (vintage and retirement, committed project, spur, storage cycle,
 * dispose, market limit, price profile, scope 2 in the cap, budget, biogenic capture and
 * `other` gases, pool surplus, elastic slack), the three teaching instances, re-solving a
 * Build after a policy change, warm starts, and the exit codes 3 and 4 of `tico solve`.
 *
 * Conventions of the hand derivations: rho = 0 unless stated, so DF_t = L_t and
 * CF(t, l) = (years of the build's life inside the horizon) / l.
 */
#include "testing.h"

#include <glpk.h>
#include <unistd.h>

#include "build.h"
#include "solve.h"

#define REL 1e-9

typedef struct {
    Model *m;
    Solution *s;
    TicoStatus st;
} Run;

static Run run_opts(const char *name, const char *cfg, bool elastic, double penalty)
{
    Run r = {0};
    Diag d = {0};
    const char *path = tt_write(name, cfg);
    r.m = tt_load(path, &d);
    if (!r.m) {
        diag_print(&d, stderr);
        diag_free(&d);
        CU_FAIL_FATAL("instance does not load");
        return r;
    }
    diag_free(&d);
    BuildOpts bo = {elastic, penalty, false};
    SolveParams sp;
    solve_params_default(&sp, r.m, true);
    r.st = solve_model(r.m, &bo, &sp, &r.s);
    return r;
}

static Run run(const char *name, const char *cfg)
{
    return run_opts(name, cfg, false, 1e5);
}

static void done(Run *r)
{
    solution_free(r->s);
    model_free(r->m);
}

/* Every solved instance: the NPV cost components add up to the objective, and total =
 * system + carbon. */
static void check_costs(const Solution *s)
{
    double sum = 0.0, carbon = 0.0;
    for (int c = 0; c < NCOSTS; c++)
        for (int t = 0; t < s->T; t++) {
            sum += s->cost_npv[c * s->T + t];
            if (c == COST_CARBON)
                carbon += s->cost_npv[c * s->T + t];
        }
    TT_ASSERT_REL(sum, s->objective, REL);
    TT_ASSERT_REL(s->carbon_cost, carbon, REL);
    TT_ASSERT_REL(s->system_cost + s->carbon_cost, s->objective, REL);
}

static int slice_of(const Model *m, const char *name)
{
    for (int s = 0; s < m->nslices; s++)
        if (strcmp(m->slices[s].name, name) == 0)
            return s;
    return -1;
}

#define HEAD1 /* one period of one year, no discounting: DF = 1, CF(t, l) = 1 / l */        \
    "cluster = { name = \"T\"; };\n"                                                       \
    "horizon = { periods = [2030]; last_period_years = 1; discount_rate = 0.0; };\n"

/* ---- vintage and retirement ---------------------------------------------------------
 * Periods 2025, 2030, 2035 (5 years each, rho 0: DF = 5; horizon to 2039). N = 2 lines of
 * 100 t/yr; production 200 t/yr (both lines, always). Existing route `old` (not a
 * candidate) retires [2030, 2035]: 2 lines in 2025, 1 in 2030, 0 in 2035. Candidate `new`:
 * capex 50 EUR per t/yr, lifetime 5: a line costs 50 x 100 x CF = 5000 (CF = 5/5 = 1 in every
 * period). A line built in 2030 lives 2030..2034 (2030 + 5 > 2035 is false): dead in 2035.
 * var_om 10 on both: 10 x 200 x 5 = 10 000 a period.
 *   2025: 2 existing lines.  2030: 1 existing + 1 built.  2035: 2 built (the 2030 line is
 *   gone). Objective = 3 x 10 000 + 5 000 + 2 x 5 000 = 45 000.
 * (If the 2030 line wrongly lived on, one line in 2035 would do: 40 000.) */
static void test_vintage(void)
{
    Run r = run("vintage.cfg",
                "cluster = { name = \"T\"; };\n"
                "horizon = { periods = [2025, 2030, 2035]; last_period_years = 5; discount_rate = 0.0; };\n"
                "commodities = ( { id = \"steel\"; unit = \"t\"; balance = \"none\"; } );\n"
                "technologies = (\n"
                "  { id = \"old\"; sector = \"steel\"; kind = \"route\"; product = \"steel\"; lifetime = 40;\n"
                "    var_om = 10.0; source = \"test\"; },\n"
                "  { id = \"new\"; sector = \"steel\"; kind = \"route\"; product = \"steel\"; lifetime = 5;\n"
                "    capex = 50.0; var_om = 10.0; source = \"test\"; } );\n"
                "plants = ( { id = \"works\"; product = \"steel\"; units = 2; unit_capacity = 100.0;\n"
                "  routes = [\"new\"]; existing = { route = \"old\"; units = 2; retire = [2030, 2035]; };\n"
                "  production = 200.0; } );\n");
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    TT_ASSERT_REL(s->objective, 45000.0, REL);
    /* routes: slot 0 = new (candidate), slot 1 = old (existing only) */
    double built[3] = {0, 1, 2}, lines_new[3] = {0, 1, 2}, lines_old[3] = {2, 1, 0};
    for (int t = 0; t < 3; t++) {
        TT_ASSERT_REL(s->built[sol_pr(s, 0, 0, t)], built[t], REL);
        TT_ASSERT_REL(s->lines[sol_pr(s, 0, 0, t)], lines_new[t], REL);
        TT_ASSERT_REL(s->lines[sol_pr(s, 0, 1, t)], lines_old[t], REL);
        TT_ASSERT_REL(s->production[sol_pr(s, 0, 0, t)] + s->production[sol_pr(s, 0, 1, t)], 200.0, REL);
    }
    CU_ASSERT_EQUAL(s->status, SOL_OPTIMAL);
    check_costs(s);
    done(&r);
}

/* ---- committed project --------------------------------------------------------------
 * Periods 2025, 2030 (DF = 5). One line of 100 t/yr on an existing route `old` (var 20,
 * never retires). Candidate `new`: capex 200 EUR per t/yr, lifetime 10, var 10. Built in
 * 2030 it costs 200 x 100 x CF(2030, 10) = 20 000 x 5/10 = 10 000 and saves 10 x 100 x 5 =
 * 5 000: not worth it on its own. Committed: 1 line of `new` in 2032 -> built in the period
 * 2030, and then it runs (cheaper to operate).
 *   2025: 20 x 100 x 5 = 10 000; 2030: 10 000 + 10 x 100 x 5 = 15 000. Objective 25 000.
 *   Without the commitment: 20 000 (the same text without `committed`). */
static const char *COMMITTED =
    "cluster = { name = \"T\"; };\n"
    "horizon = { periods = [2025, 2030]; last_period_years = 5; discount_rate = 0.0; };\n"
    "commodities = ( { id = \"steel\"; unit = \"t\"; balance = \"none\"; } );\n"
    "technologies = (\n"
    "  { id = \"old\"; sector = \"steel\"; kind = \"route\"; product = \"steel\"; lifetime = 40;\n"
    "    var_om = 20.0; source = \"test\"; },\n"
    "  { id = \"new\"; sector = \"steel\"; kind = \"route\"; product = \"steel\"; lifetime = 10;\n"
    "    capex = 200.0; var_om = 10.0; source = \"test\"; } );\n"
    "plants = ( { id = \"works\"; product = \"steel\"; units = 1; unit_capacity = 100.0;\n"
    "  routes = [\"new\"]; existing = { route = \"old\"; units = 1; };\n"
    "  production = 100.0; %s } );\n";

static void test_committed(void)
{
    char cfg[2048];
    snprintf(cfg, sizeof cfg, COMMITTED, "committed = ( { route = \"new\"; units = 1; year = 2032; } );");
    Run r = run("committed.cfg", cfg);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    TT_ASSERT_REL(s->objective, 25000.0, REL);
    TT_ASSERT_REL(s->built[sol_pr(s, 0, 0, 0)], 0.0, REL);
    TT_ASSERT_REL(s->built[sol_pr(s, 0, 0, 1)], 1.0, REL);
    TT_ASSERT_REL(s->production[sol_pr(s, 0, 0, 1)], 100.0, REL);
    TT_ASSERT_REL(s->cost_npv[COST_CAPEX_PLANTS * 2 + 1], 10000.0, REL);
    check_costs(s);
    done(&r);

    snprintf(cfg, sizeof cfg, COMMITTED, "");
    r = run("uncommitted.cfg", cfg);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    TT_ASSERT_REL(r.s->objective, 20000.0, REL);
    TT_ASSERT_REL(r.s->built[sol_pr(r.s, 0, 0, 1)], 0.0, REL);
    done(&r);
}

/* ---- spur ---------------------------------------------------------------------------
 * Periods 2025, 2030 (DF = 5, horizon to 2034). One line of 100 t/yr; existing route `gas`
 * (fossil 1 t/t) never retires. Candidate `h2`, available from 2030: capex 10 EUR per t/yr
 * (lifetime 20: 10 x 100 x 5/20 = 250), needs 0.1 MWh of hydrogen per t (network commodity:
 * spur 4 km at 1000 EUR/km, lifetime 10: 4000 x 5/10 = 2000), hydrogen imported at 50:
 * 0.1 x 100 x 50 x 5 = 2500. Carbon price 0 then 100.
 *   2025: gas, no carbon cost: 0.   2030: gas would pay 100 t x 100 x 5 = 50 000; h2 costs
 *   250 + 2000 + 2500 = 4750. Objective 4750; spur built in 2030; emissions 100 t, then 0.
 *   The spur row's big-M: 0.1 x 100 = 10 (tested in test_build). */
static void test_spur(void)
{
    Run r = run("spur.cfg",
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
                "  production = 100.0; spurs = { hydrogen = 4.0; }; } );\n"
                "policy = { carbon_price = [0.0, 100.0]; };\n");
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    int h2 = model_commodity(r.m, "hydrogen");
    TT_ASSERT_REL(s->objective, 4750.0, REL);
    CU_ASSERT_EQUAL(s->spur_period[0 * s->C + h2], 1);
    TT_ASSERT_REL(s->cost_npv[COST_CAPEX_SPURS * 2 + 1], 2000.0, REL);
    TT_ASSERT_REL(s->emissions_scope1[0], 100.0, REL);
    TT_ASSERT_REL(s->emissions_scope1[1], 0.0, REL);
    /* hydrogen bought in 2030: its price is the import price */
    TT_ASSERT_REL(s->price[sol_cts(s, h2, 1, 0)], 50.0, 1e-7);
    check_costs(s);
    done(&r);
}

/* ---- storage cycle ------------------------------------------------------------------
 * One year, one representative day (365 occurrences) of two 12-hour slices: night, day
 * (phi 0.5 each). Electricity demand 36 500 MWh a year, all at night (profile [1, 0]):
 * 100 MWh a night. Import price 10 EUR/MWh x profile [10, 1]: 100 at night, 10 by day.
 * Battery: eff_in 0.9, eff_out 0.8 (round trip 0.72), modules of 1000 MWh costing 1 EUR/MWh
 * over 1 year (1000 EUR a module), power_ratio 0.5 (not binding).
 *   Night from the battery: discharge 36 500, charge 36 500 / 0.72 = 50 694.44 MWh bought by
 *   day at 10 = 506 944.44; level swing per day 0.9 x 50 694.44 / 365 = 125 MWh <= 1000: one
 *   module. Objective 507 944.44 (buying at night would cost 3 650 000).
 *   Level: v[day] = v[night] - 36 500 / 0.8 / 365 = v[night] - 125.
 *   Prices: day 10 EUR/MWh; night 10 / 0.72 = 13.889 EUR/MWh (one more night MWh is one
 *   more discharged, 1/0.72 more charged by day). */
static void test_storage(void)
{
    Run r = run("storage.cfg",
                HEAD1 "timeslices = { days = ( { name = \"d\"; occurrences = 365.0;\n"
                      "  slices = ( { name = \"night\"; hours = 12.0; }, { name = \"day\"; hours = 12.0; } ); } ); };\n"
                      "commodities = ( { id = \"electricity\"; unit = \"MWh\"; balance = \"slice\"; } );\n"
                      "technologies = ( { id = \"battery\"; sector = \"power\"; kind = \"storage\"; lifetime = 1;\n"
                      "  capex = 1.0; stores = \"electricity\"; efficiency_in = 0.9; efficiency_out = 0.8;\n"
                      "  power_ratio = 0.5; source = \"test\"; } );\n"
                      "infrastructure = ( { id = \"bat\"; technology = \"battery\"; module = 1000.0; } );\n"
                      "markets = ( { commodity = \"electricity\"; direction = \"import\"; price = 10.0;\n"
                      "  price_profile = [10.0, 1.0]; } );\n"
                      "demands = ( { commodity = \"electricity\"; amount = 36500.0; profile = [1.0, 0.0]; } );\n");
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    int night = slice_of(r.m, "d_night"), day = slice_of(r.m, "d_day");
    int el = model_commodity(r.m, "electricity");
    TT_ASSERT_REL(s->objective, 1000.0 + 10.0 * 36500.0 / 0.72, REL);
    TT_ASSERT_REL(s->asset_built[0], 1.0, REL);
    TT_ASSERT_REL(s->discharge[sol_its(s, 0, 0, night)], 36500.0, 1e-7);
    TT_ASSERT_REL(s->charge[sol_its(s, 0, 0, day)], 36500.0 / 0.72, 1e-7);
    TT_ASSERT_REL(s->level[sol_its(s, 0, 0, night)] - s->level[sol_its(s, 0, 0, day)], 125.0, 1e-7);
    TT_ASSERT_REL(s->market_flow[(0 * s->T + 0) * s->S + night], 0.0, 1e-7);
    CU_ASSERT_TRUE(s->duals);
    TT_ASSERT_REL(s->price[sol_cts(s, el, 0, day)], 10.0, 1e-7);
    TT_ASSERT_REL(s->price[sol_cts(s, el, 0, night)], 10.0 / 0.72, 1e-7);
    check_costs(s);
    done(&r);
}

/* ---- dispose ------------------------------------------------------------------------
 * One year. A steel works makes 100 t (existing route, var 5) and 0.3 t of slag per t: 30 t.
 * A slag-cement plant makes 20 t from 1 t of slag each (existing route, var 2): uses 20 t.
 * With dispose = true on slag, 10 t go to waste: objective 5 x 100 + 2 x 20 = 540; the
 * slag price is 0 (one more t of slag demand is served from the surplus). With dispose =
 * false the 10 t surplus has nowhere to go: infeasible. */
static const char *DISPOSE =
    HEAD1 "commodities = ( { id = \"steel\"; unit = \"t\"; balance = \"none\"; },\n"
          "  { id = \"cement\"; unit = \"t\"; balance = \"none\"; },\n"
          "  { id = \"slag\"; unit = \"t\"; balance = \"annual\"; dispose = %s; } );\n"
          "technologies = (\n"
          "  { id = \"bf\"; sector = \"steel\"; kind = \"route\"; product = \"steel\"; lifetime = 40; var_om = 5.0;\n"
          "    outputs = { slag = 0.3; }; source = \"test\"; },\n"
          "  { id = \"grind\"; sector = \"cement\"; kind = \"route\"; product = \"cement\"; lifetime = 40;\n"
          "    var_om = 2.0; inputs = { slag = 1.0; }; source = \"test\"; } );\n"
          "plants = (\n"
          "  { id = \"works\"; product = \"steel\"; units = 1; unit_capacity = 100.0;\n"
          "    existing = { route = \"bf\"; units = 1; }; production = 100.0; },\n"
          "  { id = \"grinder\"; product = \"cement\"; units = 1; unit_capacity = 50.0;\n"
          "    existing = { route = \"grind\"; units = 1; }; production = 20.0; } );\n";

static void test_dispose(void)
{
    char cfg[4096];
    snprintf(cfg, sizeof cfg, DISPOSE, "true");
    Run r = run("dispose.cfg", cfg);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    TT_ASSERT_REL(r.s->objective, 540.0, REL);
    TT_ASSERT_REL(r.s->price[sol_cts(r.s, model_commodity(r.m, "slag"), 0, 0)], 0.0, 1e-9);
    check_costs(r.s);
    done(&r);

    snprintf(cfg, sizeof cfg, DISPOSE, "false");
    r = run("nodispose.cfg", cfg);
    CU_ASSERT_EQUAL(r.st, TICO_EINFEASIBLE);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.s);
    CU_ASSERT_EQUAL(r.s->status, SOL_INFEASIBLE);
    done(&r);
}

/* ---- market limit -------------------------------------------------------------------
 * One year, two slices of 12 h (phi 0.5). Electricity demand 1000 MWh flat (500 per slice).
 * Cheap import at 20 EUR/MWh limited to 600 MWh a year over both slices; dear import at 50.
 * Objective 600 x 20 + 400 x 50 = 32 000. The marginal MWh in either slice is dear (or
 * moves cheap power from the other slice, which is then made up dearly): price 50 in both. */
static void test_market_limit(void)
{
    Run r = run("limit.cfg",
                HEAD1 "timeslices = { days = ( { name = \"d\"; occurrences = 365.0;\n"
                      "  slices = ( { name = \"a\"; hours = 12.0; }, { name = \"b\"; hours = 12.0; } ); } ); };\n"
                      "commodities = ( { id = \"electricity\"; unit = \"MWh\"; balance = \"slice\"; } );\n"
                      "markets = ( { id = \"cheap\"; commodity = \"electricity\"; direction = \"import\"; price = 20.0;\n"
                      "    limit = 600.0; },\n"
                      "  { id = \"dear\"; commodity = \"electricity\"; direction = \"import\"; price = 50.0; } );\n"
                      "demands = ( { commodity = \"electricity\"; amount = 1000.0; } );\n");
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    TT_ASSERT_REL(s->objective, 32000.0, REL);
    TT_ASSERT_REL(s->market_flow[0 * s->S + 0] + s->market_flow[0 * s->S + 1], 600.0, 1e-9);
    TT_ASSERT_REL(s->market_flow[1 * s->S + 0] + s->market_flow[1 * s->S + 1], 400.0, 1e-9);
    TT_ASSERT_REL(s->price[sol_cts(s, 0, 0, 0)], 50.0, 1e-7);
    TT_ASSERT_REL(s->price[sol_cts(s, 0, 0, 1)], 50.0, 1e-7);
    check_costs(s);
    done(&r);
}

/* ---- price profile ------------------------------------------------------------------
 * One year, slices of 6 h and 18 h (phi 0.25 and 0.75). Demand 1000 MWh flat: 250 and 750.
 * Import at 100 EUR/MWh x profile [0.5, 1.5]: 250 x 50 + 750 x 150 = 125 000. Prices 50 and
 * 150 EUR/MWh: the dual of each (per-year) balance row over DF x phi_s. */
static void test_price_profile(void)
{
    Run r = run("profile.cfg",
                HEAD1 "timeslices = { days = ( { name = \"d\"; occurrences = 365.0;\n"
                      "  slices = ( { name = \"a\"; hours = 6.0; }, { name = \"b\"; hours = 18.0; } ); } ); };\n"
                      "commodities = ( { id = \"electricity\"; unit = \"MWh\"; balance = \"slice\"; } );\n"
                      "markets = ( { commodity = \"electricity\"; direction = \"import\"; price = 100.0;\n"
                      "  price_profile = [0.5, 1.5]; } );\n"
                      "demands = ( { commodity = \"electricity\"; amount = 1000.0; } );\n");
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    TT_ASSERT_REL(s->objective, 125000.0, REL);
    TT_ASSERT_REL(s->market_flow[0], 250.0, 1e-9);
    TT_ASSERT_REL(s->market_flow[1], 750.0, 1e-9);
    TT_ASSERT_REL(s->price[sol_cts(s, 0, 0, 0)], 50.0, 1e-7);
    TT_ASSERT_REL(s->price[sol_cts(s, 0, 0, 1)], 150.0, 1e-7);
    TT_ASSERT_REL(s->cost_annual[COST_IMPORTS], 125000.0, REL);
    check_costs(s);
    done(&r);
}

/* ---- scope 2 in the cap -------------------------------------------------------------
 * One year. Electricity demand 100 MWh (annual). Grid import at 20 EUR/MWh with 0.5 t/MWh
 * (scope 2); green import at 40 with none. Cap 20 t.
 *   cap_scope2 = true: 0.5 grid <= 20 -> grid 40, green 60: 40 x 20 + 60 x 40 = 3200.
 *     Cap price: one more t allows 2 MWh more grid instead of green: 2 x 20 = 40 EUR/t.
 *     Electricity price 40 (green is marginal). Scope 2 = 20 t, scope 1 = 0.
 *   cap_scope2 = false: the cap (on scope 1 = 0) does not bind: all grid, 2000; cap price 0. */
static const char *SCOPE2 =
    HEAD1 "commodities = ( { id = \"electricity\"; unit = \"MWh\"; balance = \"annual\"; } );\n"
          "markets = ( { id = \"grid\"; commodity = \"electricity\"; direction = \"import\"; price = 20.0; co2 = 0.5; },\n"
          "  { id = \"green\"; commodity = \"electricity\"; direction = \"import\"; price = 40.0; } );\n"
          "demands = ( { commodity = \"electricity\"; amount = 100.0; } );\n"
          "policy = { cap = 20.0; cap_scope2 = %s; };\n";

static void test_scope2_cap(void)
{
    char cfg[2048];
    snprintf(cfg, sizeof cfg, SCOPE2, "true");
    Run r = run("scope2.cfg", cfg);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    TT_ASSERT_REL(s->objective, 3200.0, REL);
    TT_ASSERT_REL(s->market_flow[0], 40.0, 1e-9);
    TT_ASSERT_REL(s->market_scope2[0], 20.0, 1e-9);
    TT_ASSERT_REL(s->emissions_scope2[0], 20.0, 1e-9);
    TT_ASSERT_REL(s->emissions_scope1[0], 0.0, 1e-9);
    TT_ASSERT_REL(s->cap_price[0], 40.0, 1e-7);
    TT_ASSERT_REL(s->price[0], 40.0, 1e-7);
    check_costs(s);
    done(&r);

    snprintf(cfg, sizeof cfg, SCOPE2, "false");
    r = run("scope1.cfg", cfg);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    TT_ASSERT_REL(r.s->objective, 2000.0, REL);
    TT_ASSERT_REL(r.s->cap_price[0], 0.0, 1e-9);
    done(&r);
}

/* ---- budget -------------------------------------------------------------------------
 * Periods 2025, 2030 (L = DF = 5). Electricity demand 100 MWh/yr; grid 20 EUR/MWh with
 * 0.5 t/MWh, green 40 EUR/MWh; cap_scope2 so that E_t = 0.5 grid_t. Budget 300 t:
 * 5 x 0.5 (grid_2025 + grid_2030) <= 300 -> grid_2025 + grid_2030 <= 120.
 * Each grid MWh a year saves 20 x 5 = 100. All green: 2 x 5 x 4000 = 40 000; with 120:
 * 40 000 - 12 000 = 28 000. Budget price: one more t allows 0.4 MWh/yr more grid: 40 EUR/t. */
static void test_budget(void)
{
    Run r = run("budget.cfg",
                "cluster = { name = \"T\"; };\n"
                "horizon = { periods = [2025, 2030]; last_period_years = 5; discount_rate = 0.0; };\n"
                "commodities = ( { id = \"electricity\"; unit = \"MWh\"; balance = \"annual\"; } );\n"
                "markets = ( { id = \"grid\"; commodity = \"electricity\"; direction = \"import\"; price = 20.0;\n"
                "    co2 = 0.5; },\n"
                "  { id = \"green\"; commodity = \"electricity\"; direction = \"import\"; price = 40.0; } );\n"
                "demands = ( { commodity = \"electricity\"; amount = 100.0; } );\n"
                "policy = { budget = 300.0; cap_scope2 = true; };\n");
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    TT_ASSERT_REL(s->objective, 28000.0, REL);
    TT_ASSERT_REL(5.0 * (s->emissions_scope2[0] + s->emissions_scope2[1]), 300.0, 1e-9);
    TT_ASSERT_REL(s->budget_price, 40.0, 1e-7);
    CU_ASSERT_TRUE(isnan(s->cap_price[0]));
    check_costs(s);
    done(&r);
}

/* ---- biogenic capture and `other` gases ---------------------------------------------
 * One year, carbon price 100. A plant makes 100 t on a route with biogenic 1.0 t/t, other
 * 0.05 t/t and 90 % capture into co2 (annual), exported to storage at a fee of 10 EUR/t.
 *   gross (fossil + process) = 0; captured = 0.9 x 1.0 x 100 = 90 t;
 *   net scope 1 = -1.0 x 0.9 x 100 + 0.05 x 100 = -85 t (captured biogenic CO2 counts
 *   negative; other gases are never captured).
 *   Objective: carbon 100 x (-85) = -8500, fee 10 x 90 = 900: -7600. */
static void test_biogenic(void)
{
    Run r = run("biogenic.cfg",
                HEAD1 "commodities = ( { id = \"pulp\"; unit = \"t\"; balance = \"none\"; },\n"
                      "  { id = \"co2\"; unit = \"t\"; balance = \"annual\"; } );\n"
                      "technologies = ( { id = \"beccs\"; sector = \"pulp\"; kind = \"route\"; product = \"pulp\";\n"
                      "  lifetime = 30; emissions = { biogenic = 1.0; other = 0.05; };\n"
                      "  capture = { rate = 0.9; commodity = \"co2\"; }; source = \"test\"; } );\n"
                      "markets = ( { commodity = \"co2\"; direction = \"export\"; price = -10.0; } );\n"
                      "plants = ( { id = \"mill\"; product = \"pulp\"; units = 1; unit_capacity = 100.0;\n"
                      "  existing = { route = \"beccs\"; units = 1; }; production = 100.0; } );\n"
                      "policy = { carbon_price = 100.0; };\n");
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    TT_ASSERT_REL(s->objective, -7600.0, REL);
    TT_ASSERT_REL(s->gross[0], 0.0, 1e-9);
    TT_ASSERT_REL(s->captured[0], 90.0, 1e-9);
    TT_ASSERT_REL(s->net_scope1[0], -85.0, 1e-9);
    TT_ASSERT_REL(s->emissions_scope1[0], -85.0, 1e-9);
    TT_ASSERT_REL(s->emissions_captured[0], 90.0, 1e-9);
    TT_ASSERT_REL(s->carbon_cost, -8500.0, REL);
    TT_ASSERT_REL(s->cost_npv[COST_EXPORTS], 900.0, REL);
    check_costs(s);
    done(&r);
}

/* ---- pool surplus -------------------------------------------------------------------
 * One year. A hydrogen plant (1 line of 100 MWh/yr, existing route, var 4) must deliver
 * 50 MWh; hydrogen has an annual balance with a cluster demand of 30 MWh, also importable
 * at 10 EUR/MWh. Making it costs 4 < 10, so the plant makes 80: 50 delivered + 30 to the
 * pool. Objective 320; hydrogen price 4 (the plant is marginal). */
static void test_pool(void)
{
    Run r = run("pool.cfg",
                HEAD1 "commodities = ( { id = \"hydrogen\"; unit = \"MWh\"; balance = \"annual\"; } );\n"
                      "technologies = ( { id = \"smr\"; sector = \"hydrogen\"; kind = \"route\"; product = \"hydrogen\";\n"
                      "  lifetime = 30; var_om = 4.0; source = \"test\"; } );\n"
                      "markets = ( { commodity = \"hydrogen\"; direction = \"import\"; price = 10.0; } );\n"
                      "demands = ( { commodity = \"hydrogen\"; amount = 30.0; } );\n"
                      "plants = ( { id = \"h2plant\"; product = \"hydrogen\"; units = 1; unit_capacity = 100.0;\n"
                      "  existing = { route = \"smr\"; units = 1; }; production = 50.0; } );\n");
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    TT_ASSERT_REL(s->objective, 320.0, REL);
    TT_ASSERT_REL(s->production[0], 80.0, 1e-9);
    TT_ASSERT_REL(s->pool[0], 30.0, 1e-9);
    TT_ASSERT_REL(s->market_flow[0], 0.0, 1e-9);
    TT_ASSERT_REL(s->price[0], 4.0, 1e-7);
    check_costs(s);
    done(&r);
}

/* ---- elastic slack ------------------------------------------------------------------
 * One year 2030, penalty 1000 EUR per unit. Three things cannot be met:
 *   - hydrogen demand 100 MWh with nothing able to supply it: short 100 MWh;
 *   - a steel works whose only line retired in 2030 (retire = 2030) and whose candidate
 *     route is available from 2035 only: 50 t short;
 *   - a cement works (existing kiln, 0.5 t CO2/t, 100 t: 50 t) under a cap of 20 t; its
 *     capture route is available from 2035 only: the cap is missed by 30 t. (Making 60 t
 *     less cement instead would cost 60 units of slack for the same 30 t: every slack unit
 *     is priced alike, so the cheaper violation wins.)
 * Objective: 1000 x (100 + 50 + 30) = 180 000 (nothing else costs anything). */
static const char *ELASTIC =
    "cluster = { name = \"T\"; };\n"
    "horizon = { periods = [2030]; last_period_years = 1; discount_rate = 0.0; };\n"
    "commodities = ( { id = \"hydrogen\"; unit = \"MWh\"; balance = \"annual\"; },\n"
    "  { id = \"steel\"; unit = \"t\"; balance = \"none\"; }, { id = \"cement\"; unit = \"t\"; balance = \"none\"; },\n"
    "  { id = \"co2\"; unit = \"t\"; balance = \"annual\"; dispose = true; } );\n"
    "technologies = (\n"
    "  { id = \"bf\"; sector = \"steel\"; kind = \"route\"; product = \"steel\"; lifetime = 40; source = \"test\"; },\n"
    "  { id = \"dri\"; sector = \"steel\"; kind = \"route\"; product = \"steel\"; lifetime = 25;\n"
    "    available_from = 2035; source = \"test\"; },\n"
    "  { id = \"kiln\"; sector = \"cement\"; kind = \"route\"; product = \"cement\"; lifetime = 40;\n"
    "    emissions = { process = 0.5; }; source = \"test\"; },\n"
    "  { id = \"kiln_ccs\"; sector = \"cement\"; kind = \"route\"; product = \"cement\"; lifetime = 25;\n"
    "    available_from = 2035; emissions = { process = 0.5; }; capture = { rate = 0.9; commodity = \"co2\"; };\n"
    "    source = \"test\"; } );\n"
    "demands = ( { commodity = \"hydrogen\"; amount = 100.0; } );\n"
    "plants = (\n"
    "  { id = \"steelworks\"; product = \"steel\"; units = 1; unit_capacity = 100.0; routes = [\"dri\"];\n"
    "    existing = { route = \"bf\"; units = 1; retire = 2030; }; production = 50.0; },\n"
    "  { id = \"cementworks\"; product = \"cement\"; units = 1; unit_capacity = 100.0; routes = [\"kiln_ccs\"];\n"
    "    existing = { route = \"kiln\"; units = 1; }; production = 100.0; } );\n"
    "policy = { cap = 20.0; };\n";

static const Violation *find_violation(const Solution *s, ViolationKind k)
{
    for (int i = 0; i < s->nviolations; i++)
        if (s->violations[i].kind == k)
            return &s->violations[i];
    return NULL;
}

static void test_elastic(void)
{
    Run r = run_opts("elastic.cfg", ELASTIC, true, 1000.0);
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    TT_ASSERT_REL(s->objective, 180000.0, REL);
    CU_ASSERT_EQUAL(s->nviolations, 3);
    const Violation *v = find_violation(s, VIO_BALANCE_SHORT);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    TT_ASSERT_REL(v->amount, 100.0, 1e-9);
    CU_ASSERT_EQUAL(v->commodity, model_commodity(r.m, "hydrogen"));
    CU_ASSERT_EQUAL(v->period, 0);
    CU_ASSERT_EQUAL(v->slice, -1);
    CU_ASSERT_PTR_NOT_NULL(strstr(v->text, "hydrogen is short by 100 MWh in 2030"));
    CU_ASSERT_PTR_NOT_NULL(strstr(v->text, "nothing can supply hydrogen in 2030"));
    v = find_violation(s, VIO_PRODUCTION);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    TT_ASSERT_REL(v->amount, 50.0, 1e-9);
    CU_ASSERT_EQUAL(v->plant, model_plant(r.m, "steelworks"));
    CU_ASSERT_PTR_NOT_NULL(strstr(v->text, "plant steelworks cannot make its required production in 2030: 50 t short"));
    CU_ASSERT_PTR_NOT_NULL(strstr(v->text, "dri is available from 2035"));
    v = find_violation(s, VIO_CAP);
    CU_ASSERT_PTR_NOT_NULL_FATAL(v);
    TT_ASSERT_REL(v->amount, 30.0, 1e-9);
    CU_ASSERT_PTR_NOT_NULL(strstr(v->text, "the CO2 cap of 2030 is missed by 30 t"));
    CU_ASSERT_PTR_NOT_NULL(strstr(v->text, "no capture route is available before 2035"));
    TT_ASSERT_REL(s->cost_npv[COST_SLACK], 180000.0, REL);
    check_costs(s);
    done(&r);

    /* the same instance without --elastic is infeasible */
    r = run("inelastic.cfg", ELASTIC);
    CU_ASSERT_EQUAL(r.st, TICO_EINFEASIBLE);
    done(&r);
}

/* ---- the teaching instances: their hand derivations (comments at the top of each) ---- */

static Run run_file(const char *path)
{
    Run r = {0};
    Diag d = {0};
    r.m = tt_load(path, &d);
    diag_free(&d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(r.m);
    BuildOpts bo = {false, 1e5, false};
    SolveParams sp;
    solve_params_default(&sp, r.m, true);
    r.st = solve_model(r.m, &bo, &sp, &r.s);
    return r;
}

static void test_teach_two_routes(void)
{
    Run r = run_file("instances/teach_two_routes.cfg");
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    /* independent route: the plan's cost from the time factors */
    double rho = 0.05, df[2] = {0, 0}, d10 = 0;
    for (int k = 0; k < 10; k++) {
        double d = pow(1 + rho, -k);
        df[k / 5] += d;
        d10 += d;
    }
    double crf = rho * pow(1 + rho, 20) / (pow(1 + rho, 20) - 1);
    (void)d10;
    double plan_a = 100e6 * df[0] + 500e6 * crf * df[1] + 85e6 * df[1];
    TT_ASSERT_REL(s->objective, plan_a, 1e-9);
    TT_ASSERT_REL(s->objective, 900260979.01, 1e-10);
    int eaf = 1, bf = 0; /* routes [bf_bof, eaf] */
    TT_ASSERT_REL(s->lines[sol_pr(s, 0, bf, 0)], 1.0, REL);
    TT_ASSERT_REL(s->built[sol_pr(s, 0, eaf, 1)], 1.0, REL);
    TT_ASSERT_REL(s->lines[sol_pr(s, 0, eaf, 1)], 1.0, REL);
    TT_ASSERT_REL(s->built[sol_pr(s, 0, eaf, 0)] + s->built[sol_pr(s, 0, bf, 1)], 0.0, REL);
    TT_ASSERT_REL(s->emissions_scope1[0], 2.0e6, 1e-9);
    TT_ASSERT_REL(s->emissions_scope1[1], 0.05e6, 1e-9);
    TT_ASSERT_REL(s->carbon_cost, 20e6 * df[0] + 5e6 * df[1], 1e-9);
    TT_ASSERT_REL(s->price[sol_cts(s, model_commodity(r.m, "coal"), 0, 0)], 100.0, 1e-7);
    TT_ASSERT_REL(s->price[sol_cts(s, model_commodity(r.m, "electricity"), 1, 0)], 80.0, 1e-7);
    check_costs(s);
    done(&r);
}

static void test_teach_hydrogen(void)
{
    Run r = run_file("instances/teach_hydrogen.cfg");
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    TT_ASSERT_REL(s->objective, 3891440.0, REL);
    int wind = model_asset(r.m, "wind_farm"), tank = model_asset(r.m, "tank"), pem = model_asset(r.m, "electrolyser");
    int night = slice_of(r.m, "typical_night"), day = slice_of(r.m, "typical_day");
    TT_ASSERT_REL(s->asset_built[wind], 2.0, REL);
    TT_ASSERT_REL(s->asset_built[tank], 1.0, REL);
    TT_ASSERT_REL(s->asset_installed[pem], 2.0, REL);
    TT_ASSERT_REL(s->activity[sol_its(s, wind, 0, day)], 87600.0, 1e-9);
    TT_ASSERT_REL(s->activity[sol_its(s, wind, 0, night)], 17520.0, 1e-9);
    TT_ASSERT_REL(s->activity[sol_its(s, pem, 0, day)], 73584.0, 1e-9);
    TT_ASSERT_REL(s->activity[sol_its(s, pem, 0, night)], 14016.0, 1e-9);
    TT_ASSERT_REL(s->charge[sol_its(s, tank, 0, day)], 29784.0, 1e-9);
    TT_ASSERT_REL(s->discharge[sol_its(s, tank, 0, night)], 29784.0, 1e-9);
    TT_ASSERT_REL(s->market_flow[day], 4380.0, 1e-9);
    TT_ASSERT_REL(s->market_flow[night], 0.0, 1e-9);
    int el = model_commodity(r.m, "electricity"), h2 = model_commodity(r.m, "hydrogen");
    TT_ASSERT_REL(s->price[sol_cts(s, el, 0, day)], 48.0, 1e-7);
    TT_ASSERT_REL(s->price[sol_cts(s, el, 0, night)], 48.0, 1e-7);
    TT_ASSERT_REL(s->price[sol_cts(s, h2, 0, day)], 60.0, 1e-7);
    TT_ASSERT_REL(s->price[sol_cts(s, h2, 0, night)], 60.0, 1e-7);
    TT_ASSERT_REL(s->cost_npv[COST_FIXED_OM], 876000.0, REL);
    check_costs(s);
    done(&r);
}

static void test_teach_ccs(void)
{
    Run r = run_file("instances/teach_ccs.cfg");
    CU_ASSERT_EQUAL_FATAL(r.st, TICO_OK);
    const Solution *s = r.s;
    TT_ASSERT_REL(s->objective, 663.8e6, REL);
    TT_ASSERT_REL(s->carbon_cost, 269e6, REL);
    TT_ASSERT_REL(s->system_cost, 394.8e6, REL);
    int cement = model_plant(r.m, "cement_works"), pulp = model_plant(r.m, "pulp_mill");
    int co2 = model_commodity(r.m, "co2"), liq = model_commodity(r.m, "co2_liquid");
    /* route slot 0 = the capture route (candidate), 1 = the existing route */
    TT_ASSERT_REL(s->built[sol_pr(s, cement, 0, 1)], 1.0, REL);
    TT_ASSERT_REL(s->built[sol_pr(s, pulp, 0, 1)], 1.0, REL);
    TT_ASSERT_REL(s->built[sol_pr(s, cement, 0, 0)] + s->built[sol_pr(s, pulp, 0, 0)], 0.0, REL);
    CU_ASSERT_EQUAL(s->spur_period[cement * s->C + co2], 1);
    CU_ASSERT_EQUAL(s->spur_period[pulp * s->C + co2], 1);
    TT_ASSERT_REL(s->asset_built[0 * s->T + 1], 1.0, REL);
    TT_ASSERT_REL(s->market_flow[1], 1.008e6, 1e-9);
    TT_ASSERT_REL(s->emissions_scope1[0], 0.82e6, 1e-9);
    TT_ASSERT_REL(s->emissions_scope1[1], -0.188e6, 1e-9);
    TT_ASSERT_REL(s->emissions_captured[1], 1.008e6, 1e-9);
    TT_ASSERT_REL(s->net_scope1[pulp * s->T + 1], -0.268e6, 1e-9);
    TT_ASSERT_REL(s->price[sol_cts(s, co2, 1, 0)], -45.0, 1e-7);
    TT_ASSERT_REL(s->price[sol_cts(s, liq, 1, 0)], -40.0, 1e-7);
    check_costs(s);
    done(&r);
}

/* ---- re-solving a Build after a policy change, and warm starts ----------------------
 * teach_two_routes with the carbon price set to 0 on the same Build: no carbon payments,
 * so the blast furnace is relined in 2030 (plan C of the instance's comment without the
 * carbon): 80 x DF_2025 + 300 x CF(2030,20) + 80 x DF_2030 (MEUR). That is also what a fresh
 * build of the instance with --set policy.carbon_price=0 gives. A warm re-solve from that
 * solution is accepted by GLPK and gives the same objective. */
static void test_resolve_policy(void)
{
    Diag d = {0};
    Model *m = tt_load("instances/teach_two_routes.cfg", &d);
    diag_free(&d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    Build *B;
    BuildOpts bo = {false, 1e5, true};
    CU_ASSERT_EQUAL_FATAL(build_new(m, &bo, &B), TICO_OK);
    SolveParams sp;
    solve_params_default(&sp, m, true);
    Solution *s1;
    CU_ASSERT_EQUAL_FATAL(solve_build(B, &sp, &s1, NULL), TICO_OK);
    TT_ASSERT_REL(s1->objective, 900260979.01, 1e-10);

    double zero[2] = {0, 0};
    CU_ASSERT_EQUAL_FATAL(build_set_carbon_price(B, zero), TICO_OK);
    Solution *s2;
    SolveInfo info;
    sp.start = s1; /* feasible: only the objective changed */
    CU_ASSERT_EQUAL_FATAL(solve_build(B, &sp, &s2, &info), TICO_OK);
    CU_ASSERT_TRUE(info.start_feasible);
    double rho = 0.05, df[2] = {0, 0};
    for (int k = 0; k < 10; k++)
        df[k / 5] += pow(1 + rho, -k);
    double crf = rho * pow(1 + rho, 20) / (pow(1 + rho, 20) - 1);
    double plan_c0 = 80e6 * df[0] + 300e6 * crf * df[1] + 80e6 * df[1];
    TT_ASSERT_REL(s2->objective, plan_c0, 1e-9);
    TT_ASSERT_REL(s2->built[sol_pr(s2, 0, 0, 1)], 1.0, REL); /* bf_bof relined in 2030 */
    TT_ASSERT_REL(s2->carbon_cost, 0.0, REL);

    /* a cap of 1 Mt in 2030 on the same Build (made with policy_rows): the relined blast
     * furnace (2 Mt) is excluded, so the EAF is built in 2030; it emits 0.05 Mt, under the
     * cap, whose price is then 0. Cost 80 x DF_2025 + 500 x CF(2030,20) + 80 x DF_2030. */
    double cap[2] = {-1.0, 1.0e6};
    CU_ASSERT_EQUAL_FATAL(build_set_caps(B, cap, -1.0), TICO_OK);
    Solution *s3;
    sp.start = s2; /* infeasible now (2 Mt > 1 Mt): ignored, cold solve */
    CU_ASSERT_EQUAL_FATAL(solve_build(B, &sp, &s3, &info), TICO_OK);
    CU_ASSERT_FALSE(info.start_feasible);
    TT_ASSERT_REL(s3->objective, 80e6 * df[0] + 500e6 * crf * df[1] + 80e6 * df[1], 1e-9);
    TT_ASSERT_REL(s3->cap_price[1], 0.0, 1e-9);
    CU_ASSERT_TRUE(isnan(s3->cap_price[0]));

    /* the same, solved warm from its own solution: identical objective (the root LP is
     * integral here, so GLPK never asks for a heuristic solution) */
    Solution *s4;
    sp.start = s3;
    CU_ASSERT_EQUAL_FATAL(solve_build(B, &sp, &s4, &info), TICO_OK);
    CU_ASSERT_TRUE(info.start_feasible);
    TT_ASSERT_REL(s4->objective, s3->objective, 1e-12);
    check_costs(s4);

    /* a cap on a Build without policy rows is refused */
    Build *B2;
    BuildOpts plain = {false, 1e5, false};
    CU_ASSERT_EQUAL_FATAL(build_new(m, &plain, &B2), TICO_OK);
    CU_ASSERT_EQUAL(build_set_caps(B2, cap, -1.0), TICO_EINTERNAL);
    build_free(B2);

    solution_free(s1);
    solution_free(s2);
    solution_free(s3);
    solution_free(s4);
    build_free(B);
    model_free(m);
}

/* ---- warm start accepted, rounding heuristic -----------------------------------------
 * teach_hydrogen's LP relaxation is fractional (wind modules), so branch-and-cut asks for a
 * heuristic solution: cold, the rounding heuristic of solve.c supplies one; warm, given the
 * optimum of a first solve as the start, GLPK takes it as its incumbent and ends at the
 * same optimum (3 891 440 EUR, derived by hand in the instance). A start for a Build of
 * another model is refused. */
static void test_warm_start(void)
{
    Diag d = {0};
    Model *m = tt_load("instances/teach_hydrogen.cfg", &d);
    diag_free(&d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    Build *B;
    BuildOpts bo = {false, 1e5, false};
    CU_ASSERT_EQUAL_FATAL(build_new(m, &bo, &B), TICO_OK);
    SolveParams sp;
    solve_params_default(&sp, m, true);
    Solution *s1, *s2;
    SolveInfo info;
    CU_ASSERT_EQUAL_FATAL(solve_build(B, &sp, &s1, &info), TICO_OK);
    CU_ASSERT_FALSE(info.start_feasible);
    /* cold, the first incumbent comes from the rounding heuristic (the LP relaxation is
     * fractional); branch-and-cut still ends at the optimum derived by hand */
    CU_ASSERT(info.heuristic_solutions >= 1);
    TT_ASSERT_REL(s1->objective, 3891440.0, REL);
    sp.start = s1;
    CU_ASSERT_EQUAL_FATAL(solve_build(B, &sp, &s2, &info), TICO_OK);
    CU_ASSERT_TRUE(info.start_feasible);
    CU_ASSERT_TRUE(info.start_accepted);
    TT_ASSERT_REL(s2->objective, 3891440.0, REL);
    TT_ASSERT_REL(s2->asset_built[model_asset(m, "wind_farm")], 2.0, REL);
    CU_ASSERT_TRUE(s2->duals);

    Diag d2 = {0};
    Model *other = tt_load("instances/teach_two_routes.cfg", &d2);
    diag_free(&d2);
    Solution *s3 = NULL;
    Build *B2;
    CU_ASSERT_EQUAL_FATAL(build_new(other, &bo, &B2), TICO_OK);
    sp.start = s1;
    CU_ASSERT_EQUAL_FATAL(solve_build(B2, &sp, &s3, &info), TICO_OK);
    CU_ASSERT_FALSE(info.start_feasible);
    TT_ASSERT_REL(s3->objective, 900260979.01, 1e-10);
    solution_free(s1);
    solution_free(s2);
    solution_free(s3);
    build_free(B);
    build_free(B2);
    model_free(m);
    model_free(other);
}

/* ---- forbidding an asset (infrastructure value) ---------------------------------------
 * teach_hydrogen without its tank: hydrogen is made in the slice it is used, 43 800 MWh each,
 * from 54 750 MWh of power in each slice (night import 72, day import 48, per wind module
 * 8 760 by night and 43 800 by day at 1 401 600 a module):
 *   k = 0: 54 750 x 72 + 54 750 x 48 = 6 570 000
 *   k = 1: 1 401 600 + 45 990 x 72 + 10 950 x 48 = 5 238 480
 *   k = 2: 2 803 200 + 37 230 x 72 = 5 483 760;  k = 3: 6 254 640
 * so one wind module: 5 238 480 + the constant 876 000 = 6 114 480. The tank is worth
 * 6 114 480 - 3 891 440 = 2 223 040 EUR. Allowed again: back to 3 891 440. */
static void test_forbid_asset(void)
{
    Diag d = {0};
    Model *m = tt_load("instances/teach_hydrogen.cfg", &d);
    diag_free(&d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    Build *B;
    BuildOpts bo = {false, 1e5, false};
    CU_ASSERT_EQUAL_FATAL(build_new(m, &bo, &B), TICO_OK);
    SolveParams sp;
    solve_params_default(&sp, m, true);
    int tank = model_asset(m, "tank"), wind = model_asset(m, "wind_farm");
    CU_ASSERT_EQUAL_FATAL(build_allow_asset(B, tank, false), TICO_OK);
    Solution *s1, *s2;
    CU_ASSERT_EQUAL_FATAL(solve_build(B, &sp, &s1, NULL), TICO_OK);
    TT_ASSERT_REL(s1->objective, 6114480.0, REL);
    TT_ASSERT_REL(s1->asset_built[wind], 1.0, REL);
    TT_ASSERT_REL(s1->asset_built[tank], 0.0, REL);
    check_costs(s1);
    CU_ASSERT_EQUAL_FATAL(build_allow_asset(B, tank, true), TICO_OK);
    CU_ASSERT_EQUAL_FATAL(solve_build(B, &sp, &s2, NULL), TICO_OK);
    TT_ASSERT_REL(s2->objective, 3891440.0, REL);
    CU_ASSERT_EQUAL(build_allow_asset(B, 99, false), TICO_EINTERNAL);
    solution_free(s1);
    solution_free(s2);
    build_free(B);
    model_free(m);
}

/* ---- exit codes of tico solve -------------------------------------------------------- */

static void test_exit_infeasible(void)
{
    char out[8192];
    const char *path = tt_write("cli_infeasible.cfg", ELASTIC);
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "%s solve -q -o %s/cli_infeasible_out %s", TT_TICO, TT_TMP, path);
    int rc = tt_sh(cmd, out, sizeof out);
    CU_ASSERT_EQUAL(rc, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "infeasible"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "--elastic"));
}

/* A time limit of 1 ms: GLPK checks the limit before it solves its first node
 * ((tm_lim - 1) ms <= elapsed), so no solve can find a solution first: exit 4, nothing
 * written. */
static void test_exit_time_limit(void)
{
    char out[8192], cmd[1024];
    snprintf(cmd, sizeof cmd, "(rm -rf %s/cli_tl_out && %s solve --time-limit 0.001 -o %s/cli_tl_out "
                              "instances/teach_ccs.cfg; echo \"rc=$?\"; ls %s/cli_tl_out 2>&1 | head -1)",
             TT_TMP, TT_TICO, TT_TMP, TT_TMP);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "rc=4"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "before any feasible solution was found"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "No such file"));
}

/* A GLPK error (API misuse: a row that does not exist) goes through glp_error_hook: a clean
 * message, -1 from build_glpk_call, and every later GLPK use refused (the environment is
 * gone), so commands end with exit 5 instead of an abort. Run in a child process, since it
 * frees GLPK's environment. */
static int bad_glpk(void *arg)
{
    (void)arg;
    glp_prob *lp = glp_create_prob();
    glp_set_row_bnds(lp, 999, GLP_FX, 1.0, 1.0);
    return 0;
}

static void test_glpk_error_hook(void)
{
    char path[256];
    snprintf(path, sizeof path, "%s/glpk_error.txt", TT_TMP);
    fflush(NULL);
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        if (!freopen(path, "w", stderr))
            _exit(90);
        int code = 0;
        if (build_glpk_call(bad_glpk, NULL) != -1)
            code |= 1;
        if (!build_glpk_failed())
            code |= 2;
        Diag d = {0};
        Model *m = tt_load("instances/teach_two_routes.cfg", &d);
        Build *B = NULL;
        BuildOpts bo = {false, 1e5, false};
        if (!m || build_new(m, &bo, &B) != TICO_EINTERNAL || B)
            code |= 4;
        fflush(stderr);
        _exit(code);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    CU_ASSERT_TRUE(WIFEXITED(status));
    CU_ASSERT_EQUAL(WEXITSTATUS(status), 0);
    char text[4096] = "";
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    size_t n = fread(text, 1, sizeof text - 1, f);
    text[n] = '\0';
    fclose(f);
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "tico: GLPK error: glp_set_row_bnds: i = 999; row number out of range"));
    CU_ASSERT_PTR_NOT_NULL(strstr(text, "GLPK failed earlier"));
}

TT_MAIN("solve",
        {"vintage and retirement", test_vintage},
        {"committed project", test_committed},
        {"spur", test_spur},
        {"storage cycle", test_storage},
        {"dispose", test_dispose},
        {"market limit", test_market_limit},
        {"price profile", test_price_profile},
        {"scope 2 in the cap", test_scope2_cap},
        {"budget", test_budget},
        {"biogenic capture and other gases", test_biogenic},
        {"pool surplus", test_pool},
        {"elastic slack", test_elastic},
        {"teaching: two routes", test_teach_two_routes},
        {"teaching: hydrogen", test_teach_hydrogen},
        {"teaching: ccs", test_teach_ccs},
        {"re-solve after a policy change", test_resolve_policy},
        {"warm start and rounding heuristic", test_warm_start},
        {"forbid an asset and allow it again", test_forbid_asset},
        {"exit 3 when infeasible", test_exit_infeasible},
        {"exit 4 when the time limit comes first", test_exit_time_limit},
        {"GLPK errors through glp_error_hook", test_glpk_error_hook})
