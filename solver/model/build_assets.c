/*
 * build_assets.c — SPEC §4.3 Assets (shared processes and storage).
 *
 * For asset i (technology k, module size mod_i, lifetime l_i), period t, slice s:
 *   m[i,t] >= 0 integer     modules built in t; only y_t >= available_from_k;
 *                           m[i,t] <= max_modules - existing_t when max_modules is given
 *   U[i,t] = existing_t + sum_{t' <= t, y_t' + l_i > y_t} m[i,t']      (installed; an expression)
 *   maxmod_i_t    sum_{alive t'} m[i,t']                    <= max_modules - existing_t
 * Process:
 *   a[i,t,s] >= 0           activity, annual total in slice s
 *   act_i_t_s     a[i,t,s] - cf_s phi_s mod_i sum_{alive} m  <= cf_s phi_s mod_i existing_t
 *                 cf_s = profile_s when the technology has a profile, else availability
 * Storage (commodity `stores`, always balanced per slice):
 *   q+[i,t,s], q-[i,t,s] >= 0   charge and discharge, annual totals in slice s
 *   v[i,t,s] >= 0               level at the start of slice s of the representative day
 *   chg_i_t_s     q+ - pr h_s mod_i sum_{alive} m     <= pr h_s mod_i existing_t
 *   dis_i_t_s     q- - pr h_s mod_i sum_{alive} m     <= pr h_s mod_i existing_t
 *   vcap_i_t_s    v  - mod_i sum_{alive} m            <= mod_i existing_t
 *   lvl_i_t_s     v[next(s)] - v[s] - (eff_in q+[s] - q-[s] / eff_out) / occurrences_g = 0
 *                 (cyclic within each representative day g; h_s = annual hours of s)
 * Stock recursion (issue 13). Written out, sum_{alive} m appears in every capacity row of
 * every slice: O(T) terms in O(S) rows per period (bench/gen long: act, chg, dis and vcap
 * 201,886 non-zeros). Where it is sparser (build_stock_pays(), build.c), the modules alive
 * get a column L[i,t] (malive_i_t) defined by the recursion of build_plants.c:
 *   mstock_i_t    L[t] - L[t-1] - m[i,t] + sum_{t' in D(t)} m[i,t'] = 0
 * and every capacity row reads  col - coef L[i,t] <= coef existing_t  (2 non-zeros). L is
 * the same sum of the same integers, so the feasible set and the optimum are unchanged;
 * maxmod_i_t becomes the bound L[i,t] <= max_modules - existing_t. The fixed O&M stays on
 * m (for every period it is alive): the objective is unchanged too.
 * Measured (bench/gen long): act + chg + dis + vcap + maxmod 207,481 -> 28,904 + 1,379
 * (mstock) non-zeros; medium 57,115 -> 26,592 + 311.
 *
 * Growth curve (Technology.growth, process only; build_growth(), build.c). A module built in
 * period t' counts, in period t, as G(t, t') modules: the mean of g(a) over the ages a it has
 * in the years of period t, age 0 in y_t' (a build is made at the first year of its period),
 * g(a) = growth[min(a, n - 1)] (the last value holds after the list; a module alive in t
 * counts for all of t, SPEC §4.1, so its ages in t may pass its lifetime). Existing modules count
 * as mature, G_E = growth[n - 1] (they were planted before the horizon; the curve's first
 * years are behind them). The process rows become
 *   act_i_t_s     a[i,t,s] - cf_s phi_s mod_i sum_{alive} G(t, t') m[i,t'] <= cf_s phi_s mod_i G_E existing_t
 * A build whose G is 0 in t (g = 0 over all its ages then) has no term there. The stock
 * column L[i,t] is one sum of the same integers for every vintage and cannot carry a
 * coefficient per vintage, so an asset with a growth curve always has the sum written out
 * (and its maxmod rows). Without a curve G = G_E = 1 and the model is the one above,
 * coefficient for coefficient. What is installed (and pays fixed O&M) is still U[i,t]: the
 * curve scales what a module can do, not what it costs.
 *
 * Sparse: nothing exists in t when no module can be installed then; an activity whose cf_s
 * is 0 has no column; without a module build that can be alive in t, the capacity rows are
 * bounds on the columns instead. max_modules absent: m has no upper bound (what demand
 * could ever need is not derivable safely when an export market may take any amount).
 */
#include "build.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "names.h"
#include "xalloc.h"

/* Number of module builds of asset i that can be alive in period t. */
static int alive_builds(const Build *B, int i, int t)
{
    const Model *m = B->m;
    const Technology *tc = &m->techs[m->assets[i].tech];
    int n = 0;
    for (int t2 = 0; t2 <= t; t2++)
        if (B->mods[i * B->T + t2] && build_alive(m, t2, t, tc->lifetime))
            n++;
    return n;
}

/* Builds of asset i alive in period t with some capacity then (G > 0; every alive build
 * without a growth curve). */
static int capacity_builds(const Build *B, int i, int t)
{
    const Model *m = B->m;
    const Technology *tc = &m->techs[m->assets[i].tech];
    int n = 0;
    for (int t2 = 0; t2 <= t; t2++)
        if (B->mods[i * B->T + t2] && build_alive(m, t2, t, tc->lifetime) && build_growth(m, tc, t2, t) > 0)
            n++;
    return n;
}

/* A column bounded by coef x the capacity of asset i in t: with alive builds, a row
 *   col - coef sum_{alive t'} G(t, t') m[t'] <= coef G_E existing_t
 * else the bound col <= coef G_E existing_t (G = 1 and G_E = 1 without a growth curve).
 * Returns the column. */
static int capacity_col(Build *B, int i, int t, double coef, Meaning cm, const char *cname, int rkind,
                        const char *rprefix, const char *sname)
{
    const Model *m = B->m;
    const Asset *as = &m->assets[i];
    const Technology *tc = &m->techs[as->tech];
    int E = model_existing_modules(m, i, t);
    int alive = capacity_builds(B, i, t);
    int year = m->years[t];
    double cap_e = coef * E * build_growth_existing(tc);
    int j;
    if (alive) {
        j = build_col(B, cm, GLP_CV, GLP_LO, 0.0, 0.0, "%s_%s_%d_%s", cname, as->id, year, sname);
        int row = build_row(B, (Meaning){rkind, i, -1, t, cm.s}, GLP_UP, 0.0, cap_e, "%s_%s_%d_%s", rprefix, as->id,
                            year, sname);
        build_coef(B, row, j, 1.0);
        int L = B->mod_alive[i * B->T + t];
        if (L)
            build_coef(B, row, L, -coef);
        else
            for (int t2 = 0; t2 <= t; t2++)
                if (B->mods[i * B->T + t2] && build_alive(m, t2, t, tc->lifetime))
                    build_coef(B, row, B->mods[i * B->T + t2], -coef * build_growth(m, tc, t2, t));
    } else {
        j = build_col(B, cm, GLP_CV, GLP_DB, 0.0, cap_e, "%s_%s_%d_%s", cname, as->id, year, sname);
    }
    return j;
}

void build_assets(Build *B)
{
    const Model *m = B->m;
    int T = B->T, S = B->S;
    for (int i = 0; i < m->nassets; i++) {
        const Asset *as = &m->assets[i];
        const Technology *tc = &m->techs[as->tech];
        /* modules built */
        for (int t = 0; t < T; t++) {
            if (m->years[t] < tc->available_from)
                continue;
            int E = model_existing_modules(m, i, t);
            if (as->max_modules >= 0) {
                int ub = as->max_modules - E;
                if (ub <= 0)
                    continue;
                B->mods[i * T + t] = build_col(B, (Meaning){COL_MODULES, i, -1, t, -1}, GLP_IV, GLP_DB, 0.0, ub,
                                               "m_%s_%d", as->id, m->years[t]);
            } else {
                B->mods[i * T + t] = build_col(B, (Meaning){COL_MODULES, i, -1, t, -1}, GLP_IV, GLP_LO, 0.0, 0.0,
                                               "m_%s_%d", as->id, m->years[t]);
            }
        }
        /* the modules alive: written out in every capacity row, or a stock L where that is
         * sparser (then max_modules is a bound on L instead of the maxmod row) */
        int *uses_old = xcalloc((size_t)(T > 0 ? T : 1), sizeof *uses_old);
        int *uses_new = xcalloc((size_t)(T > 0 ? T : 1), sizeof *uses_new);
        double *ub = xcalloc((size_t)(T > 0 ? T : 1), sizeof *ub);
        for (int t = 0; t < T; t++) {
            int alive = alive_builds(B, i, t), rows = 0;
            ub[t] = as->max_modules >= 0 ? as->max_modules - model_existing_modules(m, i, t) : -1.0;
            if (!alive)
                continue;
            if (tc->kind == TECH_PROCESS) {
                for (int s = 0; s < S; s++)
                    rows += (tc->profile ? tc->profile[s] : tc->availability) * m->slices[s].share * as->module > 0;
            } else if (tc->kind == TECH_STORAGE) {
                rows = 3 * S;
            }
            uses_new[t] = rows;
            uses_old[t] = rows + (as->max_modules >= 0 && alive >= 2);
        }
        if (!tc->growth &&
            build_stock_pays(B, BUILD_DIRECT_ASSETS, B->mods + i * T, tc->lifetime, uses_old, uses_new, 0)) {
            char cname[NAME_BUF], rname[NAME_BUF];
            snprintf(cname, sizeof cname, "malive_%s", as->id);
            snprintf(rname, sizeof rname, "mstock_%s", as->id);
            build_stock(B, B->mods + i * T, tc->lifetime, (Meaning){COL_MOD_ALIVE, i, -1, -1, -1},
                        (Meaning){ROW_MOD_STOCK, i, -1, -1, -1}, ub, cname, rname, B->mod_alive + i * T);
        }
        free(uses_old);
        free(uses_new);
        free(ub);
        for (int t = 0; t < T; t++) {
            int E = model_existing_modules(m, i, t);
            int alive = alive_builds(B, i, t);
            if (E == 0 && alive == 0)
                continue;
            if (as->max_modules >= 0 && alive >= 2 && !B->mod_alive[i * T + t]) {
                int row = build_row(B, (Meaning){ROW_MAX_MODULES, i, -1, t, -1}, GLP_UP, 0.0,
                                    (double)(as->max_modules - E), "maxmod_%s_%d", as->id, m->years[t]);
                for (int t2 = 0; t2 <= t; t2++)
                    if (B->mods[i * T + t2] && build_alive(m, t2, t, tc->lifetime))
                        build_coef(B, row, B->mods[i * T + t2], 1.0);
            }
            if (tc->kind == TECH_PROCESS) {
                for (int s = 0; s < S; s++) {
                    double cf = tc->profile ? tc->profile[s] : tc->availability;
                    double coef = cf * m->slices[s].share * as->module;
                    if (!(coef > 0))
                        continue;
                    B->act[(i * T + t) * S + s] =
                        capacity_col(B, i, t, coef, (Meaning){COL_ACTIVITY, i, -1, t, s}, "a", ROW_ACTIVITY, "act",
                                     m->slices[s].name);
                }
            } else if (tc->kind == TECH_STORAGE) {
                for (int s = 0; s < S; s++) {
                    const char *sn = m->slices[s].name;
                    double power = tc->power_ratio * m->slices[s].annual_hours * as->module;
                    int base = (i * T + t) * S + s;
                    B->chg[base] = capacity_col(B, i, t, power, (Meaning){COL_CHARGE, i, -1, t, s}, "qin",
                                                ROW_CHARGE, "chg", sn);
                    B->dis[base] = capacity_col(B, i, t, power, (Meaning){COL_DISCHARGE, i, -1, t, s}, "qout",
                                                ROW_DISCHARGE, "dis", sn);
                    B->lvl[base] = capacity_col(B, i, t, as->module, (Meaning){COL_LEVEL, i, -1, t, s}, "v",
                                                ROW_LEVEL_CAP, "vcap", sn);
                }
                for (int s = 0; s < S; s++) {
                    const Slice *sl = &m->slices[s];
                    double occ = m->days[sl->day].occurrences;
                    int base = (i * T + t) * S;
                    int row = build_row(B, (Meaning){ROW_LEVEL, i, -1, t, s}, GLP_FX, 0.0, 0.0, "lvl_%s_%d_%s", as->id,
                                        m->years[t], sl->name);
                    build_coef(B, row, B->lvl[base + sl->next], 1.0);
                    build_coef(B, row, B->lvl[base + s], -1.0);
                    build_coef(B, row, B->chg[base + s], -tc->efficiency_in / occ);
                    build_coef(B, row, B->dis[base + s], 1.0 / (tc->efficiency_out * occ));
                }
            }
        }
    }
}
