/*
 * build_objective.c — SPEC §4.6 Objective (minimise NPV in base-year EUR).
 *
 *   sum_{p,r,t} CF(t, l_r) capex_r,t Q_p b[p,r,t]                    plant capex
 * + sum_{i,t}   CF(t, l_i) capex_i,t mod_i m[i,t]                    asset capex
 * + sum_{p,c,t} km_p,c spur_cost_c CF(t, l_c) w[p,c,t]                spurs
 * + sum_t DF_t [ sum_{p,r} fixed_om_r,t Q_p n[p,r,t]                 plant fixed O&M
 *              + sum_i fixed_om_i,t mod_i U[i,t]                     asset fixed O&M
 *              + sum_{p,r} var_om_r,t x[p,r,t] + sum_{i,s} var_om_i,t a[i,t,s]
 *              + sum_{i,s} var_om_i,t q-[i,t,s]                      storage: on discharge
 *              + sum_{import k,s} price_k,t profile_k,s f[k,t,s]
 *              - sum_{export k,s} price_k,t profile_k,s f[k,t,s]
 *              + carbon_price_t em_ets_t
 *              + penalty (short + surplus + prod short + over_cap_t) ]   elastic only
 * + penalty over_budget                                               elastic only
 * CF(t, l) = CRF(rho, l) x sum_{k = y_t}^{min(y_t + l - 1, Y_end)} d(k): annuities stop at
 * the horizon. U = existing + alive builds, so the fixed O&M of a module built in t is put
 * on m[i,t] for every period it is alive, and the fixed O&M of existing modules is a
 * constant: it rides on the column const_fixed_om fixed at 1, so that LP and MPS files
 * (whose writers drop a constant term) give the same objective value.
 */
#include "build.h"
#include "xalloc.h"

#include <stdlib.h>

void build_objective(Build *B)
{
    const Model *m = B->m;
    int T = B->T;
    double *df = xcalloc((size_t)T, sizeof *df);
    for (int t = 0; t < T; t++)
        df[t] = model_period_factor(m, t);

    for (int j = 1; j <= B->ncols; j++) {
        Meaning w = B->col[j];
        double c = 0.0;
        int t = w.t;
        switch ((ColKind)w.kind) {
        case COL_LINES: {
            const Plant *pl = &m->plants[w.e];
            c = df[t] * m->techs[pl->routes[w.k]].fixed_om[t] * pl->unit_capacity;
            break;
        }
        case COL_BUILD: {
            const Plant *pl = &m->plants[w.e];
            const Technology *tc = &m->techs[pl->routes[w.k]];
            c = model_capital_factor(m, t, tc->lifetime) * tc->capex[t] * pl->unit_capacity;
            break;
        }
        case COL_PROD:
            c = df[t] * m->techs[m->plants[w.e].routes[w.k]].var_om[t];
            break;
        case COL_SPUR: {
            const Commodity *cm = &m->commodities[w.k];
            c = m->plants[w.e].spur_km[w.k] * cm->spur_cost * model_capital_factor(m, t, cm->spur_lifetime);
            break;
        }
        case COL_MODULES: {
            const Asset *as = &m->assets[w.e];
            const Technology *tc = &m->techs[as->tech];
            c = model_capital_factor(m, t, tc->lifetime) * tc->capex[t] * as->module;
            for (int t2 = t; t2 < T; t2++)
                if (build_alive(m, t, t2, tc->lifetime))
                    c += df[t2] * tc->fixed_om[t2] * as->module;
            break;
        }
        case COL_ACTIVITY:
        case COL_DISCHARGE:
            c = df[t] * m->techs[m->assets[w.e].tech].var_om[t];
            break;
        case COL_MARKET: {
            const Market *mk = &m->markets[w.e];
            double price = mk->price[t] * (w.s >= 0 ? mk->price_profile[w.s] : 1.0);
            c = df[t] * (mk->direction == MKT_IMPORT ? price : -price);
            break;
        }
        case COL_EM_ETS:
            c = df[t] * B->carbon_price[t];
            break;
        case COL_SHORT:
        case COL_SURPLUS:
        case COL_PROD_SHORT:
        case COL_CAP_SLACK:
            c = df[t] * B->opt.penalty;
            break;
        case COL_BUDGET_SLACK:
            c = B->opt.penalty;
            break;
        case COL_POOL:
        case COL_CHARGE:
        case COL_LEVEL:
        case COL_EM:
        case COL_CONST:
        case COL_ALIVE:
        case COL_MOD_ALIVE:
        case COL_SPUR_ON:
        case COL_PLANT_FLOW:
            break;
        }
        build_obj(B, j, c);
    }

    /* fixed O&M of existing modules: a constant */
    double k0 = 0.0;
    for (int i = 0; i < m->nassets; i++) {
        const Asset *as = &m->assets[i];
        const Technology *tc = &m->techs[as->tech];
        for (int t = 0; t < T; t++)
            k0 += df[t] * tc->fixed_om[t] * as->module * model_existing_modules(m, i, t);
    }
    B->obj_const = k0;
    if (k0 != 0.0) {
        B->const_col = build_col(B, (Meaning){COL_CONST, -1, -1, -1, -1}, GLP_CV, GLP_FX, 1.0, 1.0, "const_fixed_om");
        build_obj(B, B->const_col, k0);
    }
    free(df);
}
