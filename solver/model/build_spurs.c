/*
 * build_spurs.c — SPEC §4.2 Spurs.
 *
 * For plant p and network commodity c with a spur distance km[p,c] > 0 that some route of p
 * uses or makes (or c is p's product, whose surplus reaches the pool):
 *   w[p,c,t] in {0,1}                                   spur built in period t
 *   spur1_p_c      sum_t w[p,c,t]                                               <= 1
 *   spur_p_c_t     sum_r g[r,c] x[p,r,t] (+ pool[p,t] if c is the product)
 *                    - M[p,c,t] sum_{t' <= t} w[p,c,t']                          <= 0
 * g[r,c] = inputs + outputs + captured of c per unit of route r (the gross flow the spur
 * carries). M[p,c,t] is the largest such flow possible in t, derived from the data: the N_p
 * lines shared out, best first, among the routes that can operate in t (route r at most
 * its operable lines), each making availability_r Q_p a year:
 *   M = Q_p max { sum_r (g[r,c] + [c = product]) availability_r l_r : sum_r l_r <= N_p,
 *                 0 <= l_r <= lines of r operable in t }.
 * Stock recursion (issue 13): the sum_{t' <= t} w of spur_p_c_t makes O(T^2) non-zeros.
 * Where it is sparser (build_stock_pays(), build.c, with a lifetime no horizon reaches: a
 * spur serves to the end), a column z[p,c,t] in [0, 1] (on_p_c_t, "in service") is
 *   spuron_p_c_t  z[t] - z[t-1] - w[p,c,t] = 0      (z[first-1] = 0)
 * and spur_p_c_t reads  flow - M[p,c,t] z[t] <= 0. z[t] = sum_{t' <= t} w exactly; its
 * bound z <= 1 (z is non-decreasing, z[T-1] = sum_t w) is spur1, which is then not a row.
 * Measured (bench/gen long): spur + spur1 31,635 -> spur + spuron 11,671 non-zeros.
 * A distance of 0 means already connected: no variable. Cost (build_objective.c):
 * km x spur_cost x CF(t, spur lifetime) per build. w exists from the first period in which
 * M > 0 on: a spur built before it would carry nothing and cost more.
 */
#include "build.h"

#include <stdio.h>
#include <stdlib.h>

#include "names.h"
#include "xalloc.h"

/* A spur, once built, serves to the horizon: a lifetime no period gap reaches. */
#define SPUR_FOREVER (1 << 24)

/* Greedy bound: lines to the routes with the largest flow per line first. */
static double big_m(const Build *B, int p, int c, int t)
{
    const Model *m = B->m;
    const Plant *pl = &m->plants[p];
    int nr = pl->nroutes;
    double *v = xcalloc((size_t)nr, sizeof *v);
    int *cap = xcalloc((size_t)nr, sizeof *cap);
    for (int r = 0; r < nr; r++) {
        const Technology *tc = &m->techs[pl->routes[r]];
        if (!B->x[(B->route_off[p] + r) * B->T + t])
            continue;
        v[r] = (build_gross_flow_coef(tc, c) + (c == pl->product ? 1.0 : 0.0)) * tc->availability;
        cap[r] = build_route_lines(B, p, r, t);
    }
    int left = pl->units;
    double M = 0.0;
    while (left > 0) {
        int best = -1;
        for (int r = 0; r < nr; r++)
            if (cap[r] > 0 && v[r] > 0 && (best < 0 || v[r] > v[best]))
                best = r;
        if (best < 0)
            break;
        int l = cap[best] < left ? cap[best] : left;
        M += v[best] * l;
        left -= l;
        cap[best] = 0;
    }
    free(v);
    free(cap);
    return M * pl->unit_capacity;
}

void build_spurs(Build *B)
{
    const Model *m = B->m;
    int T = B->T, C = B->C;
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        for (int c = 0; c < C; c++) {
            const Commodity *cm = &m->commodities[c];
            if (!cm->network || !(pl->spur_km[c] > 0))
                continue;
            bool touches = c == pl->product;
            for (int r = 0; r < pl->nroutes; r++)
                if (build_gross_flow_coef(&m->techs[pl->routes[r]], c) != 0.0)
                    touches = true;
            if (!touches)
                continue;
            /* the flow of c in each period, and its bound */
            double *M = xcalloc((size_t)T, sizeof *M);
            bool any = false;
            for (int t = 0; t < T; t++) {
                M[t] = big_m(B, p, c, t);
                any |= M[t] > 0;
            }
            if (!any) {
                free(M);
                continue;
            }
            /* no spur before the first period with a flow: built earlier it would only cost
             * more (CF(t, l) falls with t) */
            int first = 0;
            while (!(M[first] > 0))
                first++;
            for (int t = first; t < T; t++)
                B->w[(p * C + c) * T + t] = build_col(B, (Meaning){COL_SPUR, p, c, t, -1}, GLP_BV, GLP_DB, 0.0, 1.0,
                                                      "w_%s_%s_%d", pl->id, cm->id, m->years[t]);
            /* in service: sum_{t' <= t} w written out in each spur row, or a stock z (in [0, 1],
             * which makes spur1 a bound) where that is sparser */
            int *wc = B->w + (p * C + c) * T, *on = B->spur_on + (p * C + c) * T;
            int *uses = xcalloc((size_t)(T > 0 ? T : 1), sizeof *uses);
            double *one = xcalloc((size_t)(T > 0 ? T : 1), sizeof *one);
            for (int t = 0; t < T; t++) {
                uses[t] = M[t] > 0;
                one[t] = 1.0;
            }
            if (build_stock_pays(B, BUILD_DIRECT_SPURS, wc, SPUR_FOREVER, uses, uses, T - first > 1 ? T - first : 0)) {
                char cname[NAME_BUF], rname[NAME_BUF];
                snprintf(cname, sizeof cname, "on_%s_%s", pl->id, cm->id);
                snprintf(rname, sizeof rname, "spuron_%s_%s", pl->id, cm->id);
                build_stock(B, wc, SPUR_FOREVER, (Meaning){COL_SPUR_ON, p, c, -1, -1},
                            (Meaning){ROW_SPUR_ON, p, c, -1, -1}, one, cname, rname, on);
            }
            free(uses);
            free(one);
            if (T - first > 1 && !on[T - 1]) {
                int once = build_row(B, (Meaning){ROW_SPUR_ONCE, p, c, -1, -1}, GLP_UP, 0.0, 1.0, "spur1_%s_%s",
                                     pl->id, cm->id);
                for (int t = 0; t < T; t++)
                    build_coef(B, once, B->w[(p * C + c) * T + t], 1.0);
            }
            for (int t = 0; t < T; t++) {
                if (!(M[t] > 0))
                    continue;
                int row = build_row(B, (Meaning){ROW_SPUR_FLOW, p, c, t, -1}, GLP_UP, 0.0, 0.0, "spur_%s_%s_%d",
                                    pl->id, cm->id, m->years[t]);
                for (int r = 0; r < pl->nroutes; r++) {
                    int x = B->x[(B->route_off[p] + r) * T + t];
                    if (x)
                        build_coef(B, row, x, build_gross_flow_coef(&m->techs[pl->routes[r]], c));
                }
                if (c == pl->product)
                    build_coef(B, row, B->pool[p * T + t], 1.0);
                if (on[t])
                    build_coef(B, row, on[t], -M[t]);
                else
                    for (int t2 = 0; t2 <= t; t2++)
                        build_coef(B, row, wc[t2], -M[t]);
            }
            free(M);
        }
    }
}
