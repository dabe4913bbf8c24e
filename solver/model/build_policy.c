/*
 * build_policy.c — SPEC §4.1 emissions accounting and §4.5 Policy.
 *
 * Net scope 1 per unit of activity of technology k (route or process):
 *   e_k = (fossil_k + process_k)(1 - rate_k) - biogenic_k rate_k + other_k
 * (captured biogenic CO2 counts negative; `other` gases are never captured).
 *
 *   em_ets_t >= -inf      net scope 1 of the entities with ets = true; pays the carbon price
 *   def_em_ets_t    em_ets_t - sum_{ets p,r} e_r x[p,r,t] - sum_{ets i,s} e_i a[i,t,s] = 0
 *   em_t >= -inf          the cluster's emissions as capped
 *   def_em_t        em_t - sum_{p,r} e_r x[p,r,t] - sum_{i,s} e_i a[i,t,s]
 *                        - sum_k co2_k,t f[k,t,s] over the imports whose co2_scope is
 *                          within cap_scope (scope 2: bought energy when "1+2" or
 *                          "1+2+3"; scope 3: bought materials when "1+2+3")          = 0
 *   co2cap_t        em_t (- over_cap_t)                                        <= cap_t
 *   budget          sum_t L_t em_t (- over_budget)                             <= budget
 * em_t and its rows exist for the periods with a cap, for all periods when there is a budget,
 * and for all periods (caps left free) when the Build is made with policy_rows. The carbon
 * price enters the objective only through em_ets_t, so a sweep changes T coefficients.
 * Elastic mode (§4.7): over_cap_t, over_budget >= 0 priced per t.
 */
#include "build.h"

/* Add -e x (and -co2 f) terms of period t to row; ets_only restricts to ETS entities; scope
 * (1, 2 or 3) takes the imports whose co2_scope is at most scope. */
static int emission_terms(Build *B, int row, int t, bool ets_only, int scope)
{
    const Model *m = B->m;
    int T = B->T, S = B->S, n = 0;
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        if (ets_only && !pl->ets)
            continue;
        for (int r = 0; r < pl->nroutes; r++) {
            int x = B->x[(B->route_off[p] + r) * T + t];
            double e = build_net_factor(&m->techs[pl->routes[r]]);
            if (x && e != 0.0) {
                build_coef(B, row, x, -e);
                n++;
            }
        }
    }
    for (int i = 0; i < m->nassets; i++) {
        const Asset *as = &m->assets[i];
        const Technology *tc = &m->techs[as->tech];
        if ((ets_only && !as->ets) || tc->kind != TECH_PROCESS)
            continue;
        double e = build_net_factor(tc);
        if (e == 0.0)
            continue;
        for (int s = 0; s < S; s++) {
            int a = B->act[(i * T + t) * S + s];
            if (a) {
                build_coef(B, row, a, -e);
                n++;
            }
        }
    }
    if (scope >= 2) {
        for (int k = 0; k < m->nmarkets; k++) {
            const Market *mk = &m->markets[k];
            if (mk->direction != MKT_IMPORT || mk->co2_t[t] == 0.0 || mk->co2_scope > scope)
                continue;
            for (int s = 0; s < S; s++) {
                int f = B->mkt[(k * T + t) * S + s];
                if (f) {
                    build_coef(B, row, f, -mk->co2_t[t]);
                    n++;
                }
            }
        }
    }
    return n;
}

/* Does anything ETS emit (net, either sign) in period t? */
static bool ets_emits(const Build *B, int t)
{
    const Model *m = B->m;
    int T = B->T, S = B->S;
    for (int p = 0; p < m->nplants; p++) {
        if (!m->plants[p].ets)
            continue;
        for (int r = 0; r < m->plants[p].nroutes; r++)
            if (B->x[(B->route_off[p] + r) * T + t] && build_net_factor(&m->techs[m->plants[p].routes[r]]) != 0.0)
                return true;
    }
    for (int i = 0; i < m->nassets; i++) {
        const Technology *tc = &m->techs[m->assets[i].tech];
        if (!m->assets[i].ets || tc->kind != TECH_PROCESS || build_net_factor(tc) == 0.0)
            continue;
        for (int s = 0; s < S; s++)
            if (B->act[(i * T + t) * S + s])
                return true;
    }
    return false;
}

void build_policy(Build *B)
{
    const Model *m = B->m;
    int T = B->T;
    const Policy *po = &m->policy;

    for (int t = 0; t < T; t++) {
        if (!ets_emits(B, t))
            continue;
        int col = B->em_ets[t] = build_col(B, (Meaning){COL_EM_ETS, -1, -1, t, -1}, GLP_CV, GLP_FR, 0.0, 0.0,
                                           "em_ets_%d", m->years[t]);
        int row = build_row(B, (Meaning){ROW_DEF_EM_ETS, -1, -1, t, -1}, GLP_FX, 0.0, 0.0, "def_em_ets_%d",
                            m->years[t]);
        build_coef(B, row, col, 1.0);
        emission_terms(B, row, t, true, 1);
    }

    bool budget = po->budget >= 0 || B->opt.policy_rows;
    for (int t = 0; t < T; t++) {
        bool cap = (po->cap && po->cap[t] >= 0) || B->opt.policy_rows;
        if (!cap && !budget)
            continue;
        int col = B->em[t] = build_col(B, (Meaning){COL_EM, -1, -1, t, -1}, GLP_CV, GLP_FR, 0.0, 0.0, "em_%d",
                                       m->years[t]);
        int row = build_row(B, (Meaning){ROW_DEF_EM, -1, -1, t, -1}, GLP_FX, 0.0, 0.0, "def_em_%d", m->years[t]);
        build_coef(B, row, col, 1.0);
        emission_terms(B, row, t, false, po->cap_scope);
        if (!cap)
            continue;
        double c = po->cap ? po->cap[t] : -1.0;
        int crow = B->cap_row[t] = build_row(B, (Meaning){ROW_CAP, -1, -1, t, -1}, c >= 0 ? GLP_UP : GLP_FR, 0.0,
                                             c >= 0 ? c : 0.0, "co2cap_%d", m->years[t]);
        build_coef(B, crow, col, 1.0);
        if (B->opt.elastic) {
            int sk = B->cap_slack[t] = build_col(B, (Meaning){COL_CAP_SLACK, -1, -1, t, -1}, GLP_CV, GLP_LO, 0.0, 0.0,
                                                 "over_cap_%d", m->years[t]);
            build_coef(B, crow, sk, -1.0);
        }
    }
    if (budget) {
        double b = po->budget;
        int row = B->budget_row = build_row(B, (Meaning){ROW_BUDGET, -1, -1, -1, -1}, b >= 0 ? GLP_UP : GLP_FR, 0.0,
                                            b >= 0 ? b : 0.0, "co2budget");
        for (int t = 0; t < T; t++)
            build_coef(B, row, B->em[t], (double)m->length[t]);
        if (B->opt.elastic) {
            int sk = B->budget_slack = build_col(B, (Meaning){COL_BUDGET_SLACK, -1, -1, -1, -1}, GLP_CV, GLP_LO, 0.0,
                                                 0.0, "over_budget");
            build_coef(B, row, sk, -1.0);
        }
    }
}
