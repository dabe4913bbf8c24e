/*
 * build_plants.c — SPEC §4.1 Plants.
 *
 * Variables, for plant p, route slot r (Plant.routes), period t:
 *   n[p,r,t] in 0..N_p    lines operating on route r                                (integer)
 *   b[p,r,t] in 0..N_p    lines built or converted to r in t                        (integer)
 *                         only candidate routes, only when y_t >= available_from_r;
 *                         b >= units of the committed projects in the period holding their year
 *   x[p,r,t] >= 0         annual production on route r
 *   pool[p,t] >= 0        surplus product fed to the cluster pool (product with a balance only)
 *
 * Rows:
 *   lines_p_t     sum_r n[p,r,t]                                        <= N_p
 *   vint_p_r_t    n[p,r,t] - sum_{t' <= t, y_t' + l_r > y_t} b[p,r,t']  <= E[p,r,t]
 *   run_p_r_t     x[p,r,t] - cap[p,r,t] n[p,r,t]                        <= 0
 *   prod_p_t      sum_r x[p,r,t] - pool[p,t] (+ short[p,t])             =  production[p,t]
 * E[p,r,t] = existing lines still available in t (y_t < retire_k) when r is the existing route.
 * cap[p,r,t] = availability_r Q_p, or production[p,t] when that is smaller and the product
 * has no balance (no pool: no line ever makes more than the requirement). Implied by the
 * integer model; stated, it tightens the LP relaxation (a single-line plant must pay for a
 * whole line). A row sum_r n >= ceil(production / max_r availability_r Q_p) tightens the
 * root bound further (Dunkirk: 2.3 % instead of 4.7 % below the optimum) but saves no time
 * once MIR cuts are on, and as an equality (all lines needed) it sends cbc 2.10's
 * preprocessing to a wrong optimum on exported files: left out.
 *
 * Stock recursion (issue 13). Written out, vint_p_r_t holds every build still alive, so a
 * build appears in as many rows as periods it lives: O(T^2) non-zeros per route (26 annual
 * periods: up to 27 a row). Where it is sparser, the builds alive get a column of their own,
 *   K[p,r,t] >= 0    alive_p_r_t    lines built on r and still alive in t
 *   stock_p_r_t   K[t] - K[t-1] - b[p,r,t] + sum_{t' in D(t)} b[p,r,t'] = 0     (t >= t0)
 *   vint_p_r_t    n[p,r,t] - K[p,r,t] <= E[p,r,t]
 * t0 = first period with a build column (K[t0-1] = 0); D(t) = {t' : y_t' + l_r > y_t-1,
 * y_t' + l_r <= y_t}, the builds whose life ends between t-1 and t: a set known from the
 * years and the lifetime alone. Since alive(t', t) <=> t' <= t and y_t' + l > y_t, the sets
 * A(t) of builds alive in t satisfy A(t) = A(t-1) + {t} - D(t), so by induction K[t] =
 * sum_{t' in A(t)} b[t'] exactly: the same feasible set in (n, b, x), the same optimum.
 * Existing lines are not in K (E[p,r,t] stays the right-hand side of vint, and retires as
 * before). K is continuous: it is a sum of integers. build_stock() (build.c) writes the
 * rows; build_stock_pays() keeps the sums written out where they have fewer non-zeros
 * (short horizons: 6 five-year periods, where a build lives in at most 6 rows, the stock
 * costs ~6 non-zeros per period against 1 + alive; 26 annual periods, 6 against up to 27).
 * Measured (bench/gen long, 26 periods): vint + stock 130,152 -> 48,449 non-zeros
 * (bench/RESULTS.md, issue 13).
 *
 * Sparse: n and x exist in t only when some line of r can operate then (existing lines of r,
 * or a build of r that can be alive in t). Without a build that can be alive, n <= E is a
 * bound, not a row. lines_p_t exists only when two or more routes can operate in t.
 * Elastic mode (§4.7): short[p,t] in [0, production] is the part of the requirement not made.
 */
#include "build.h"

#include <stdio.h>
#include <stdlib.h>

#include "names.h"
#include "xalloc.h"

void build_plants(Build *B)
{
    const Model *m = B->m;
    int T = B->T;
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        const char *pid = pl->id;
        double N = pl->units;
        bool pooled = m->commodities[pl->product].balance != BAL_NONE;
        for (int r = 0; r < pl->nroutes; r++) {
            const Technology *tc = &m->techs[pl->routes[r]];
            int slot = B->route_off[p] + r;
            /* builds */
            if (pl->buildable[r]) {
                for (int t = 0; t < T; t++) {
                    if (m->years[t] < tc->available_from)
                        continue;
                    int committed = 0;
                    for (int q = 0; q < pl->ncommitted; q++)
                        if (pl->committed[q].route == r && pl->committed[q].period == t)
                            committed += pl->committed[q].units;
                    double ub = committed > N ? committed : N;
                    B->b[slot * T + t] = build_col(B, (Meaning){COL_BUILD, p, r, t, -1}, GLP_IV,
                                                   committed == ub ? GLP_FX : GLP_DB, committed, ub, "b_%s_%s_%d",
                                                   pid, tc->id, m->years[t]);
                }
            }
            /* the builds alive: written out in each vint row, or a stock K where that is sparser */
            int *alive = B->alive + slot * T;
            if (pl->buildable[r]) {
                int *uses = xcalloc((size_t)(T > 0 ? T : 1), sizeof *uses);
                for (int t = 0; t < T; t++)
                    for (int t2 = 0; t2 <= t && !uses[t]; t2++)
                        uses[t] = B->b[slot * T + t2] && build_alive(m, t2, t, tc->lifetime);
                if (build_stock_pays(B, BUILD_DIRECT_PLANTS, B->b + slot * T, tc->lifetime, uses, uses, 0)) {
                    char cname[NAME_BUF], rname[NAME_BUF];
                    snprintf(cname, sizeof cname, "alive_%s_%s", pid, tc->id);
                    snprintf(rname, sizeof rname, "stock_%s_%s", pid, tc->id);
                    build_stock(B, B->b + slot * T, tc->lifetime, (Meaning){COL_ALIVE, p, r, -1, -1},
                                (Meaning){ROW_STOCK, p, r, -1, -1}, NULL, cname, rname, alive);
                }
                free(uses);
            }
            /* lines operating and production */
            for (int t = 0; t < T; t++) {
                int E = r == pl->existing_route ? model_existing_lines(m, p, t) : 0;
                if (E > pl->units)
                    E = pl->units;
                int nalive = 0;
                for (int t2 = 0; t2 <= t; t2++)
                    if (B->b[slot * T + t2] && build_alive(m, t2, t, tc->lifetime))
                        nalive++;
                if (E == 0 && nalive == 0)
                    continue;
                double ub = nalive ? N : E;
                int n = B->n[slot * T + t] = build_col(B, (Meaning){COL_LINES, p, r, t, -1}, GLP_IV,
                                                       GLP_DB, 0.0, ub, "n_%s_%s_%d", pid, tc->id, m->years[t]);
                int x = B->x[slot * T + t] = build_col(B, (Meaning){COL_PROD, p, r, t, -1}, GLP_CV, GLP_LO, 0.0,
                                                       0.0, "x_%s_%s_%d", pid, tc->id, m->years[t]);
                if (nalive) {
                    int row = build_row(B, (Meaning){ROW_VINTAGE, p, r, t, -1}, GLP_UP, 0.0, E, "vint_%s_%s_%d",
                                        pid, tc->id, m->years[t]);
                    build_coef(B, row, n, 1.0);
                    if (alive[t])
                        build_coef(B, row, alive[t], -1.0);
                    else
                        for (int t2 = 0; t2 <= t; t2++)
                            if (B->b[slot * T + t2] && build_alive(m, t2, t, tc->lifetime))
                                build_coef(B, row, B->b[slot * T + t2], -1.0);
                }
                int run = build_row(B, (Meaning){ROW_RUN, p, r, t, -1}, GLP_UP, 0.0, 0.0, "run_%s_%s_%d", pid,
                                    tc->id, m->years[t]);
                build_coef(B, run, x, 1.0);
                double per_line = tc->availability * pl->unit_capacity;
                if (!pooled && pl->production[t] > 0 && pl->production[t] < per_line)
                    per_line = pl->production[t];
                build_coef(B, run, n, -per_line);
            }
        }
        for (int t = 0; t < T; t++) {
            int nroutes = 0;
            for (int r = 0; r < pl->nroutes; r++)
                nroutes += B->n[(B->route_off[p] + r) * T + t] != 0;
            if (nroutes >= 2) {
                int row = build_row(B, (Meaning){ROW_LINES, p, -1, t, -1}, GLP_UP, 0.0, N, "lines_%s_%d", pid,
                                    m->years[t]);
                for (int r = 0; r < pl->nroutes; r++)
                    build_coef(B, row, B->n[(B->route_off[p] + r) * T + t], 1.0);
            }
            double req = pl->production[t];
            if (nroutes == 0 && req == 0.0)
                continue;
            int row = build_row(B, (Meaning){ROW_PRODUCTION, p, -1, t, -1}, GLP_FX, req, req, "prod_%s_%d", pid,
                                m->years[t]);
            B->prod_row[p * T + t] = row;
            for (int r = 0; r < pl->nroutes; r++)
                build_coef(B, row, B->x[(B->route_off[p] + r) * T + t], 1.0);
            if (nroutes > 0 && m->commodities[pl->product].balance != BAL_NONE) {
                int pool = B->pool[p * T + t] = build_col(B, (Meaning){COL_POOL, p, -1, t, -1}, GLP_CV, GLP_LO, 0.0,
                                                          0.0, "pool_%s_%d", pid, m->years[t]);
                build_coef(B, row, pool, -1.0);
            }
            if (B->opt.elastic && req > 0) {
                int sk = B->prod_short[p * T + t] = build_col(B, (Meaning){COL_PROD_SHORT, p, -1, t, -1}, GLP_CV,
                                                               GLP_DB, 0.0, req, "short_prod_%s_%d", pid,
                                                               m->years[t]);
                build_coef(B, row, sk, 1.0);
            }
        }
    }
}
