/*
 * report_fixture.h — the tiny cluster of tests/fixtures/report/tiny.cfg and the solution an
 * optimal solve would give it, filled by hand, for test_report.c, test_tic.c and
 * test_report_html.c (header-only; include once per suite).
 *
 * Cluster: periods 2025 and 2030 (5 years each, discount rate 0: DF_t = 5), one day of two
 * 12-hour slices (phi = 0.5 each). Steelworks: 2 lines of 1 Mt/yr, existing blast furnace
 * (bf), candidate H2-DRI-EAF (dri, from 2030); must make 1.5 Mt/yr. Cement Co: 1 line of
 * 1 Mt/yr, existing kiln, candidate kiln with 90% capture (from 2030); must make 0.8 Mt/yr.
 * Electrolyser park (module 1e6 MWh H2/yr). Electricity imported at 20 EUR/MWh (0.05 t CO2/MWh scope 2),
 * captured CO2 exported at a fee of 40 EUR/t. Carbon price 80 then 100 EUR/t.
 *
 * Pathway (routes: works [dri, bf], cementco [kiln_ccs, kiln]); `tico solve` finds exactly this
 * one (converting the first steel line saves 1.9e8 EUR/yr of carbon for about 1.4e8 of cost,
 * the second would save 9.5e7 for about 1e8):
 *   2025  works: bf 2 lines, 1.5e6 t;  cementco: kiln 1 line, 0.8e6 t; electricity import
 *         0.1 x 1.5e6 = 1.5e5 MWh (7.5e4 per slice).
 *   2030  works: 1 line converted to dri: bf 1 line 0.5e6 t, dri 1 line (built 1) 1.0e6 t;
 *         cementco: converted to kiln_ccs (built 1), 0.8e6 t; electrolyser 2 modules built,
 *         activity 1e6 MWh per slice = hydrogen 2.0 x 1e6; spurs: works-hydrogen and
 *         cementco-co2 built in 2030. Electricity: bf 5e4 + dri 5e5 + kiln_ccs 1.6e5 (plants,
 *         flat: 3.55e5 per slice) + electrolyser 1.5 x 1e6 per slice = 1.855e6 per slice,
 *         3.71e6 a year. Captured 0.9 x 0.8 x 0.8e6 = 576000 t, all exported.
 *   Emissions 2025: steel 2.0 x 1.5e6 = 3e6; cement 0.8 x 0.8e6 = 640000 gross and net;
 *         scope 1 3.64e6, scope 2 0.05 x 1.5e5 = 7500.
 *   Emissions 2030: steel 2.0 x 0.5e6 + 0.1 x 1e6 = 1.1e6; cement gross 640000, captured
 *         576000, net 64000; scope 1 1.164e6, scope 2 0.05 x 3.71e6 = 185500.
 *   Costs (annual EUR; NPV = 5 x annual), 2025: fixed O&M 10 x 2e6 = 2e7, var O&M
 *         5 x 1.5e6 = 7.5e6, imports 20 x 1.5e5 = 3e6, carbon 80 x 3.64e6 = 2.912e8.
 *         2030: capex plants (dri 900 x 1e6 x CF 5/20 + kiln_ccs 100 x 1e6 x 5/25) / 5
 *         = 4.9e7, capex assets 150 x 2e6 x 5/20 / 5 = 1.5e7, spurs (5e5 x 5/30 + 6e5 x 5/30)
 *         / 5 = 36666.67, fixed O&M 1e7 + 2e7 = 3e7, var O&M 2.5e6 + 1e7 = 1.25e7, imports
 *         20 x 3.71e6 = 7.42e7, exports (fee) 40 x 576000 = 2.304e7, carbon 100 x 1.164e6
 *         = 1.164e8.
 * Baseline (carbon price 0): 2030 as 2025 (no build); emissions 3.64e6 + 7500 both periods.
 */
#ifndef TICO_REPORT_FIXTURE_H
#define TICO_REPORT_FIXTURE_H

#include "model.h"
#include "solution.h"
#include "testing.h"

#define RF_TINY "tests/fixtures/report/tiny.cfg"
#define RF_TINY_IO "tests/fixtures/report/tiny_io.cfg"

/* route slots (see the comment above) */
enum { RF_WORKS = 0, RF_CEMENT = 1, RF_DRI = 0, RF_BF = 1, RF_CCS = 0, RF_KILN = 1 };

static inline Model *rf_load(const char *path)
{
    Diag d = {0};
    Model *m = tt_load(path, &d);
    if (!m) {
        diag_print(&d, stderr);
        exit(99);
    }
    diag_free(&d);
    return m;
}

static inline void rf_costs(Solution *s, int t, const double annual[NCOSTS])
{
    for (int c = 0; c < NCOSTS; c++) {
        s->cost_annual[c * s->T + t] = annual[c];
        s->cost_npv[c * s->T + t] = 5.0 * annual[c];
    }
}

static inline void rf_totals(Solution *s)
{
    s->objective = s->carbon_cost = 0.0;
    for (int t = 0; t < s->T; t++)
        for (int c = 0; c < NCOSTS; c++) {
            s->objective += s->cost_npv[c * s->T + t];
            if (c == COST_CARBON)
                s->carbon_cost += s->cost_npv[c * s->T + t];
        }
    s->system_cost = s->objective - s->carbon_cost;
}

/* 2025 of both solutions, and all of the baseline: the existing plants as they are. */
static inline void rf_existing(const Model *m, Solution *s, int t, double carbon_price)
{
    (void)m;
    s->lines[sol_pr(s, RF_WORKS, RF_BF, t)] = 2;
    s->production[sol_pr(s, RF_WORKS, RF_BF, t)] = 1.5e6;
    s->lines[sol_pr(s, RF_CEMENT, RF_KILN, t)] = 1;
    s->production[sol_pr(s, RF_CEMENT, RF_KILN, t)] = 0.8e6;
    s->gross[sol_pt(s, RF_WORKS, t)] = s->net_scope1[sol_pt(s, RF_WORKS, t)] = 3e6;
    s->gross[sol_pt(s, RF_CEMENT, t)] = s->net_scope1[sol_pt(s, RF_CEMENT, t)] = 640000;
    s->market_flow[(0 * s->T + t) * s->S + 0] = 7.5e4;
    s->market_flow[(0 * s->T + t) * s->S + 1] = 7.5e4;
    s->market_scope2[0 * s->T + t] = 7500;
    s->emissions_scope1[t] = 3.64e6;
    s->emissions_scope2[t] = 7500;
    double annual[NCOSTS] = {0};
    annual[COST_FIXED_OM] = 2e7;
    annual[COST_VAR_OM] = 7.5e6;
    annual[COST_IMPORTS] = 3e6;
    annual[COST_CARBON] = carbon_price * 3.64e6;
    rf_costs(s, t, annual);
}

static inline Solution *rf_pathway(const Model *m)
{
    Solution *s = solution_new(m);
    s->status = SOL_OPTIMAL;
    s->gap = 0.0;
    s->rows = 40;
    s->cols = 30;
    s->integers = 12;
    s->nonzeros = 120;
    rf_existing(m, s, 0, 80.0);
    int t = 1;
    s->lines[sol_pr(s, RF_WORKS, RF_BF, t)] = 1;
    s->production[sol_pr(s, RF_WORKS, RF_BF, t)] = 0.5e6;
    s->lines[sol_pr(s, RF_WORKS, RF_DRI, t)] = 1;
    s->built[sol_pr(s, RF_WORKS, RF_DRI, t)] = 1;
    s->production[sol_pr(s, RF_WORKS, RF_DRI, t)] = 1.0e6;
    s->lines[sol_pr(s, RF_CEMENT, RF_CCS, t)] = 1;
    s->built[sol_pr(s, RF_CEMENT, RF_CCS, t)] = 1;
    s->production[sol_pr(s, RF_CEMENT, RF_CCS, t)] = 0.8e6;
    s->gross[sol_pt(s, RF_WORKS, t)] = s->net_scope1[sol_pt(s, RF_WORKS, t)] = 1.1e6;
    s->gross[sol_pt(s, RF_CEMENT, t)] = 640000;
    s->captured[sol_pt(s, RF_CEMENT, t)] = 576000;
    s->net_scope1[sol_pt(s, RF_CEMENT, t)] = 64000;
    int C = m->ncommodities;
    s->spur_period[RF_WORKS * C + model_commodity(m, "hydrogen")] = 1;
    s->spur_period[RF_CEMENT * C + model_commodity(m, "co2")] = 1;
    s->asset_built[0 * s->T + t] = 2;
    s->asset_installed[0 * s->T + t] = 2;
    s->activity[sol_its(s, 0, t, 0)] = 1e6;
    s->activity[sol_its(s, 0, t, 1)] = 1e6;
    s->market_flow[(0 * s->T + t) * s->S + 0] = 1.855e6;
    s->market_flow[(0 * s->T + t) * s->S + 1] = 1.855e6;
    s->market_scope2[0 * s->T + t] = 185500;
    s->market_flow[(1 * s->T + t) * s->S + 0] = 576000;
    s->emissions_scope1[t] = 1.164e6;
    s->emissions_scope2[t] = 185500;
    s->emissions_captured[t] = 576000;
    double annual[NCOSTS] = {0};
    annual[COST_CAPEX_PLANTS] = 4.9e7;
    annual[COST_CAPEX_ASSETS] = 1.5e7;
    annual[COST_CAPEX_SPURS] = 36666.666666666664;
    annual[COST_FIXED_OM] = 3e7;
    annual[COST_VAR_OM] = 1.25e7;
    annual[COST_IMPORTS] = 7.42e7;
    annual[COST_EXPORTS] = 2.304e7;
    annual[COST_CARBON] = 1.164e8;
    rf_costs(s, t, annual);
    rf_totals(s);
    /* marginal prices as the LP with integers fixed would give them (hand-set values) */
    s->duals = true;
    for (int tt = 0; tt < s->T; tt++)
        for (int sl = 0; sl < s->S; sl++)
            s->price[sol_cts(s, model_commodity(m, "electricity"), tt, sl)] = 20.0;
    s->price[sol_cts(s, model_commodity(m, "hydrogen"), 1, 0)] = 95.5;
    s->price[sol_cts(s, model_commodity(m, "hydrogen"), 1, 1)] = 95.5;
    s->price[sol_cts(s, model_commodity(m, "co2"), 1, 0)] = -40.0;
    return s;
}

static inline Solution *rf_baseline(const Model *m)
{
    Solution *s = solution_new(m);
    s->status = SOL_OPTIMAL;
    rf_existing(m, s, 0, 0.0);
    rf_existing(m, s, 1, 0.0);
    rf_totals(s);
    return s;
}

/* Does file dir/name contain the exact line (without its newline)? */
static inline int rf_has_line(const char *dir, const char *name, const char *line)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *b = tt_slurp(path);
    if (!b)
        return 0;
    size_t n = strlen(line);
    int found = 0;
    for (char *p = b; p && *p; p = strchr(p, '\n'), p = p ? p + 1 : NULL)
        if (strncmp(p, line, n) == 0 && (p[n] == '\n' || p[n] == '\0')) {
            found = 1;
            break;
        }
    if (!found)
        fprintf(stderr, "\n  %s: no line \"%s\"\n", path, line);
    free(b);
    return found;
}

/* Does file dir/name contain the text? */
static inline int rf_has(const char *dir, const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *b = tt_slurp(path);
    int found = b && strstr(b, text) != NULL;
    if (!found)
        fprintf(stderr, "\n  %s: no \"%s\"\n", path, text);
    free(b);
    return found;
}

/* Does file dir/name lack the text (and exist)? */
static inline int rf_lacks(const char *dir, const char *name, const char *text)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    char *b = tt_slurp(path);
    int lacks = b && strstr(b, text) == NULL;
    if (!lacks)
        fprintf(stderr, "\n  %s: unexpected \"%s\"\n", path, text);
    free(b);
    return lacks;
}

#endif
