/*
 * solve_fill.c — the Solution (solution.h) from GLPK's column values and row duals: plant,
 * spur, asset and market values, emissions, cost components (capital as annuities in the
 * periods they are paid), marginal prices; in elastic mode the violations in words
 * (solve_explain.c).
 */
#include "solve_int.h"
#include "xalloc.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Values below this (absolute) are solver noise and reported as 0. */
#define ZERO_TOL 1e-9

double solve_clean(double v)
{
    return fabs(v) < ZERO_TOL ? 0.0 : v;
}

/* A sum of terms whose absolute values add up to mag: 0 when it is below the terms'
 * rounding (a net zero of emitters and negative emitters reads 0, not 1.7e-9). */
static double clean_sum(double sum, double mag)
{
    return fabs(sum) <= 1e-9 * mag ? 0.0 : solve_clean(sum);
}

/* A build's capital amount A (EUR) made in period tb, paid as an annuity CRF(rho, l) A per
 * year over its life inside the horizon, attributed to the periods the years fall in. */
static void annuity(const Model *m, Solution *s, CostComponent comp, int tb, int lifetime, double amount)
{
    if (amount == 0.0)
        return;
    int T = m->nperiods;
    double pay = model_crf(m->discount_rate, lifetime) * amount;
    int last = m->years[tb] + lifetime - 1;
    int end = model_horizon_end(m);
    if (last > end)
        last = end;
    for (int t = tb; t < T; t++) {
        int a = m->years[t] > m->years[tb] ? m->years[t] : m->years[tb];
        int b = m->years[t] + m->length[t] - 1;
        if (b > last)
            b = last;
        if (a > b)
            continue;
        double d = 0.0;
        for (int k = a; k <= b; k++)
            d += model_year_discount(m, k);
        s->cost_npv[comp * T + t] += pay * d;
        s->cost_annual[comp * T + t] += pay * (double)(b - a + 1) / (double)m->length[t];
    }
}

static void add_cost(Solution *s, int T, CostComponent comp, int t, double annual, double df)
{
    s->cost_annual[comp * T + t] += annual;
    s->cost_npv[comp * T + t] += annual * df;
}

void solve_fill(const Build *B, Solution *s, const Ctx *X)
{
    const Model *m = B->m;
    const double *v = X->val;
    int T = B->T, S = B->S, C = B->C;
    double *df = xcalloc((size_t)T, sizeof *df);
    for (int t = 0; t < T; t++)
        df[t] = model_period_factor(m, t);
    double *net_mag = xcalloc((size_t)(m->nplants * T), sizeof *net_mag);
#define V(col) ((col) ? v[col] : 0.0)

    /* plants */
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        for (int r = 0; r < pl->nroutes; r++) {
            const Technology *tc = &m->techs[pl->routes[r]];
            int slot = B->route_off[p] + r;
            for (int t = 0; t < T; t++) {
                int k = sol_pr(s, p, r, t);
                s->lines[k] = V(B->n[slot * T + t]);
                s->built[k] = V(B->b[slot * T + t]);
                double x = s->production[k] = V(B->x[slot * T + t]);
                s->gross[p * T + t] += build_gross_factor(tc) * x;
                s->captured[p * T + t] += build_captured_factor(tc) * x;
                s->net_scope1[p * T + t] += build_net_factor(tc) * x;
                net_mag[p * T + t] += fabs(build_net_factor(tc) * x);
                add_cost(s, T, COST_FIXED_OM, t, tc->fixed_om[t] * pl->unit_capacity * s->lines[k], df[t]);
                add_cost(s, T, COST_VAR_OM, t, tc->var_om[t] * x, df[t]);
                annuity(m, s, COST_CAPEX_PLANTS, t, tc->lifetime, tc->capex[t] * pl->unit_capacity * s->built[k]);
            }
        }
        for (int t = 0; t < T; t++) {
            s->pool[p * T + t] = V(B->pool[p * T + t]);
            s->net_scope1[p * T + t] = clean_sum(s->net_scope1[p * T + t], net_mag[p * T + t]);
        }
        for (int c = 0; c < C; c++)
            for (int t = 0; t < T; t++)
                if (B->w[(p * C + c) * T + t] && v[B->w[(p * C + c) * T + t]] > 0.5) {
                    s->spur_period[p * C + c] = t;
                    const Commodity *cm = &m->commodities[c];
                    annuity(m, s, COST_CAPEX_SPURS, t, cm->spur_lifetime, pl->spur_km[c] * cm->spur_cost);
                    break;
                }
    }

    /* assets */
    for (int i = 0; i < m->nassets; i++) {
        const Asset *as = &m->assets[i];
        const Technology *tc = &m->techs[as->tech];
        for (int t = 0; t < T; t++) {
            s->asset_built[i * T + t] = V(B->mods[i * T + t]);
            annuity(m, s, COST_CAPEX_ASSETS, t, tc->lifetime, tc->capex[t] * as->module * s->asset_built[i * T + t]);
        }
        for (int t = 0; t < T; t++) {
            double U = model_existing_modules(m, i, t);
            for (int t2 = 0; t2 <= t; t2++)
                if (build_alive(m, t2, t, tc->lifetime))
                    U += s->asset_built[i * T + t2];
            s->asset_installed[i * T + t] = U;
            add_cost(s, T, COST_FIXED_OM, t, tc->fixed_om[t] * as->module * U, df[t]);
            double act = 0.0;
            for (int sl = 0; sl < S; sl++) {
                int k = sol_its(s, i, t, sl), b = (i * T + t) * S + sl;
                s->activity[k] = V(B->act[b]);
                s->charge[k] = V(B->chg[b]);
                s->discharge[k] = V(B->dis[b]);
                s->level[k] = V(B->lvl[b]);
                act += s->activity[k];
                add_cost(s, T, COST_VAR_OM, t, tc->var_om[t] * (s->activity[k] + s->discharge[k]), df[t]);
            }
            if (tc->kind == TECH_PROCESS) {
                s->asset_gross[i * T + t] = build_gross_factor(tc) * act;
                s->asset_captured[i * T + t] = build_captured_factor(tc) * act;
                s->asset_net_scope1[i * T + t] = build_net_factor(tc) * act;
            }
        }
    }

    /* markets */
    for (int k = 0; k < m->nmarkets; k++) {
        const Market *mk = &m->markets[k];
        bool slice = m->commodities[mk->commodity].balance == BAL_SLICE;
        for (int t = 0; t < T; t++) {
            double tot = 0.0;
            for (int sl = 0; sl < (slice ? S : 1); sl++) {
                double f = s->market_flow[(k * T + t) * S + sl] = V(B->mkt[(k * T + t) * S + sl]);
                tot += f;
                double money = mk->price[t] * (slice ? mk->price_profile[sl] : 1.0) * f;
                if (mk->direction == MKT_IMPORT)
                    add_cost(s, T, COST_IMPORTS, t, money, df[t]);
                else
                    add_cost(s, T, COST_EXPORTS, t, -money, df[t]);
            }
            /* the CO2 of what is bought: scope 2 (energy) or scope 3 (materials), SPEC §3.4 */
            if (mk->direction == MKT_IMPORT)
                (mk->co2_scope == 3 ? s->market_scope3 : s->market_scope2)[k * T + t] = mk->co2_t[t] * tot;
        }
    }

    /* cluster totals and carbon payments */
    for (int t = 0; t < T; t++) {
        double e1 = 0.0, e2 = 0.0, e3 = 0.0, cap = 0.0, ets = 0.0, mag1 = 0.0, mag_ets = 0.0;
        for (int p = 0; p < m->nplants; p++) {
            e1 += s->net_scope1[p * T + t];
            mag1 += net_mag[p * T + t];
            cap += s->captured[p * T + t];
            if (m->plants[p].ets) {
                ets += s->net_scope1[p * T + t];
                mag_ets += net_mag[p * T + t];
            }
        }
        for (int i = 0; i < m->nassets; i++) {
            double a = s->asset_net_scope1[i * T + t];
            e1 += a;
            mag1 += fabs(a);
            cap += s->asset_captured[i * T + t];
            if (m->assets[i].ets) {
                ets += a;
                mag_ets += fabs(a);
            }
        }
        for (int k = 0; k < m->nmarkets; k++) {
            e2 += s->market_scope2[k * T + t];
            e3 += s->market_scope3[k * T + t];
        }
        s->emissions_scope1[t] = clean_sum(e1, mag1);
        s->emissions_scope2[t] = solve_clean(e2);
        s->emissions_scope3[t] = solve_clean(e3);
        s->emissions_captured[t] = solve_clean(cap);
        add_cost(s, T, COST_CARBON, t, B->carbon_price[t] * clean_sum(ets, mag_ets), df[t]);
    }

    /* elastic penalties */
    if (B->opt.elastic) {
        for (int j = 1; j <= B->ncols; j++) {
            Meaning w = B->col[j];
            if (w.kind == COL_SHORT || w.kind == COL_SURPLUS || w.kind == COL_PROD_SHORT || w.kind == COL_CAP_SLACK)
                add_cost(s, T, COST_SLACK, w.t, B->opt.penalty * v[j], df[w.t]);
            else if (w.kind == COL_BUDGET_SLACK && v[j] != 0.0)
                add_cost(s, T, COST_SLACK, T - 1, B->opt.penalty * v[j] / df[T - 1], df[T - 1]);
        }
        solve_explain(B, s, v);
    }

    s->objective = X->obj;
    double carbon = 0.0;
    for (int t = 0; t < T; t++)
        carbon += s->cost_npv[COST_CARBON * T + t];
    s->carbon_cost = carbon;
    s->system_cost = s->objective - carbon;

    /* marginal prices */
    if (X->duals_ok) {
        s->duals = true;
        for (int c = 0; c < C; c++) {
            bool slice = m->commodities[c].balance == BAL_SLICE;
            for (int t = 0; t < T; t++)
                for (int sl = 0; sl < (slice ? S : 1); sl++) {
                    int row = B->bal[build_bal_index(B, c, t, sl)];
                    if (row)
                        s->price[sol_cts(s, c, t, sl)] =
                            solve_clean(X->dual[row] / (df[t] * (slice ? m->slices[sl].share : 1.0)));
                }
        }
        for (int t = 0; t < T; t++)
            if (B->cap_row[t] && B->cap[t] >= 0)
                s->cap_price[t] = solve_clean(-X->dual[B->cap_row[t]] / df[t]) + 0.0;
        if (B->budget_row && B->budget >= 0)
            s->budget_price = solve_clean(-X->dual[B->budget_row]) + 0.0;
    }
#undef V
    free(net_mag);
    free(df);
}

