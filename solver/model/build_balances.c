/*
 * build_balances.c — SPEC §4.4 Balances, with the market flows.
 *
 * Markets: f[k,t,s] >= 0 (one per slice for a `slice` commodity, one per period for an
 * `annual` one), no column in a period whose limit is 0 (market closed);
 *   mlim_k_t      sum_s f[k,t,s] <= limit[k,t]          (annual commodity: a bound on f)
 *
 * For each commodity c with a balance and each period t, per slice s (`slice`) or once
 * (`annual`):
 *   supply = plant outputs + captured into c + pool surplus + process outputs
 *            + storage discharge + imports
 *   use    = plant inputs + process inputs + storage charge + exports + demands
 *   bal_c_t_s     supply - use = 0      (>= 0 when c has dispose = true)
 * Plant flows are flat: their share in slice s is phi_s. A `slice` row is divided by phi_s so
 * that it reads in units per year, and its dual over DF_t phi_s is EUR per unit (§4.8):
 *   sum_{p,r} g[r,c] x[p,r,t] + pool[p,t] + sum_i g[i,c] a[i,t,s] / phi_s
 *   + (q-[i,t,s] - q+[i,t,s]) / phi_s + (imports - exports)[t,s] / phi_s
 *   (+ short / phi_s - surplus / phi_s in elastic mode)  =  sum_d amount_d,t profile_d,s / phi_s
 * Aggregate plant flow (issue 13). The plant terms are the same in every slice row of c
 * and t: written out, each x[p,r,t] and pool[p,t] appears in S rows (24-96), which made
 * most of the matrix (bench/gen medium: 331k of 423k non-zeros). Where it is sparser
 * (n_p S > n_p + S + 1 for the n_p plant terms of c in t), one free column per commodity
 * and period carries them:
 *   F[c,t] free   pf_c_t        net flow of c from all plants in t (units per year)
 *   def_pf_c_t    F[c,t] - sum_{p,r} g[r,c] x[p,r,t] - sum_p pool[p,t] = 0
 * and every slice row of c in t has F[c,t] (coefficient 1: a flat flow, as before) in place
 * of the plant terms. Substituting F back gives the rows above term for term: the same
 * feasible set, the same optimum, and the same duals of bal_c_t_s (the marginal prices).
 * Measured (bench/gen): bal, long 382,356 -> 57,324 non-zeros + 13,797 in def_pf; medium
 * 330,931 -> 39,379 + 3,095; Dunkirk 12,941 -> 9,101 + 202.
 * g = outputs - inputs + captured into c, per unit of activity. An `annual` row sums the
 * slices of process activity and has no phi. A row is made only when something enters it.
 * Elastic mode (§4.7): short (supply added) on every row, surplus (use added) on rows
 * without dispose; both in units per year of the slice (annual totals inside slice s).
 */
#include "build.h"
#include "xalloc.h"

#include <stdlib.h>

typedef struct {
    int *col;
    double *coef;
    int n, cap;
} Terms;

static void term(Terms *q, int col, double coef)
{
    if (!col || coef == 0.0)
        return;
    if (q->n >= q->cap) {
        q->cap = 2 * q->cap + 16;
        q->col = xrealloc(q->col, (size_t)q->cap * sizeof *q->col);
        q->coef = xrealloc(q->coef, (size_t)q->cap * sizeof *q->coef);
    }
    q->col[q->n] = col;
    q->coef[q->n] = coef;
    q->n++;
}

/* One incidence of commodity c: what touches it and how much per unit. */
typedef enum { INC_ROUTE, INC_POOL, INC_PROCESS, INC_STORAGE, INC_MARKET, INC_DEMAND } IncKind;
typedef struct {
    IncKind kind;
    int e, k;      /* plant and route slot; asset; market; demand */
    double coef;
} Inc;

typedef struct {
    Inc *v;
    int n, cap;
} IncList;

static void inc_add(IncList *l, Inc x)
{
    if (l->n >= l->cap) {
        l->cap = 2 * l->cap + 8;
        l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    l->v[l->n++] = x;
}

/* Every commodity a technology touches, once each, with its net coefficient. */
static void tech_incidences(const Model *m, IncList *inc, const Technology *tc, IncKind kind, int e, int k)
{
    int C = m->ncommodities;
    for (int c = 0; c < C; c++) {
        if (m->commodities[c].balance == BAL_NONE)
            continue;
        bool seen = tc->capture_commodity == c;
        for (int j = 0; j < tc->ninputs && !seen; j++)
            seen = tc->inputs[j].commodity == c;
        for (int j = 0; j < tc->noutputs && !seen; j++)
            seen = tc->outputs[j].commodity == c;
        if (!seen)
            continue;
        double g = build_flow_coef(tc, c);
        if (g != 0.0)
            inc_add(&inc[c], (Inc){kind, e, k, g});
    }
}

/* The plants' terms of commodity c in period t (flat: the same in every slice). */
static void plant_terms(const Build *B, const IncList *inc, int t, Terms *q)
{
    int T = B->T;
    for (int h = 0; h < inc->n; h++) {
        const Inc *in = &inc->v[h];
        if (in->kind == INC_ROUTE)
            term(q, B->x[(B->route_off[in->e] + in->k) * T + t], in->coef);
        else if (in->kind == INC_POOL)
            term(q, B->pool[in->e * T + t], 1.0);
    }
}

static void market_columns(Build *B)
{
    const Model *m = B->m;
    int T = B->T, S = B->S;
    for (int k = 0; k < m->nmarkets; k++) {
        const Market *mk = &m->markets[k];
        bool slice = m->commodities[mk->commodity].balance == BAL_SLICE;
        for (int t = 0; t < T; t++) {
            double lim = mk->limit[t];
            if (lim == 0.0)
                continue; /* closed */
            int type = lim > 0 ? GLP_DB : GLP_LO;
            double ub = lim > 0 ? lim : 0.0;
            if (!slice) {
                B->mkt[(k * T + t) * S] = build_col(B, (Meaning){COL_MARKET, k, -1, t, -1}, GLP_CV, type, 0.0, ub,
                                                    "f_%s_%d", mk->id, m->years[t]);
                continue;
            }
            for (int s = 0; s < S; s++)
                B->mkt[(k * T + t) * S + s] = build_col(B, (Meaning){COL_MARKET, k, -1, t, s}, GLP_CV, type, 0.0, ub,
                                                        "f_%s_%d_%s", mk->id, m->years[t], m->slices[s].name);
            if (lim > 0 && S > 1) {
                int row = build_row(B, (Meaning){ROW_MARKET_LIMIT, k, -1, t, -1}, GLP_UP, 0.0, lim, "mlim_%s_%d",
                                    mk->id, m->years[t]);
                for (int s = 0; s < S; s++)
                    build_coef(B, row, B->mkt[(k * T + t) * S + s], 1.0);
            }
        }
    }
}

void build_balances(Build *B)
{
    const Model *m = B->m;
    int T = B->T, S = B->S, C = B->C;
    market_columns(B);

    /* incidences, found by walking what exists: routes, assets, markets, demands */
    IncList *inc = xcalloc((size_t)(C > 0 ? C : 1), sizeof *inc);
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        for (int r = 0; r < pl->nroutes; r++)
            tech_incidences(m, inc, &m->techs[pl->routes[r]], INC_ROUTE, p, r);
        if (m->commodities[pl->product].balance != BAL_NONE)
            inc_add(&inc[pl->product], (Inc){INC_POOL, p, -1, 1.0});
    }
    for (int i = 0; i < m->nassets; i++) {
        const Technology *tc = &m->techs[m->assets[i].tech];
        if (tc->kind == TECH_STORAGE)
            inc_add(&inc[tc->stores], (Inc){INC_STORAGE, i, -1, 1.0});
        else
            tech_incidences(m, inc, tc, INC_PROCESS, i, -1);
    }
    for (int k = 0; k < m->nmarkets; k++)
        inc_add(&inc[m->markets[k].commodity],
                (Inc){INC_MARKET, k, -1, m->markets[k].direction == MKT_IMPORT ? 1.0 : -1.0});
    for (int d = 0; d < m->ndemands; d++)
        inc_add(&inc[m->demands[d].commodity], (Inc){INC_DEMAND, d, -1, 1.0});

    Terms q = {0};
    for (int c = 0; c < C; c++) {
        const Commodity *cm = &m->commodities[c];
        if (cm->balance == BAL_NONE || inc[c].n == 0)
            continue;
        bool slice = cm->balance == BAL_SLICE;
        for (int t = 0; t < T; t++) {
            /* the plants' flat flows: in every slice row, or once in def_pf and F in the slice rows */
            int F = 0;
            if (slice && !(B->direct & BUILD_DIRECT_FLOWS)) {
                q.n = 0;
                plant_terms(B, &inc[c], t, &q);
                if ((long)q.n * S > (long)q.n + S + 1) {
                    F = B->plant_flow[c * T + t] = build_col(B, (Meaning){COL_PLANT_FLOW, c, -1, t, -1}, GLP_CV, GLP_FR,
                                                             0.0, 0.0, "pf_%s_%d", cm->id, m->years[t]);
                    int row = build_row(B, (Meaning){ROW_PLANT_FLOW, c, -1, t, -1}, GLP_FX, 0.0, 0.0, "def_pf_%s_%d",
                                        cm->id, m->years[t]);
                    build_coef(B, row, F, 1.0);
                    for (int h = 0; h < q.n; h++)
                        build_coef(B, row, q.col[h], -q.coef[h]);
                }
            }
            for (int s = 0; s < (slice ? S : 1); s++) {
                double w = slice ? 1.0 / m->slices[s].share : 1.0; /* per-slice flows -> units per year */
                double rhs = 0.0;
                q.n = 0;
                if (F)
                    term(&q, F, 1.0);
                else
                    plant_terms(B, &inc[c], t, &q);
                for (int h = 0; h < inc[c].n; h++) {
                    const Inc *in = &inc[c].v[h];
                    switch (in->kind) {
                    case INC_ROUTE:
                    case INC_POOL:
                        break;
                    case INC_PROCESS:
                        if (slice)
                            term(&q, B->act[(in->e * T + t) * S + s], in->coef * w);
                        else
                            for (int s2 = 0; s2 < S; s2++)
                                term(&q, B->act[(in->e * T + t) * S + s2], in->coef);
                        break;
                    case INC_STORAGE:
                        term(&q, B->dis[(in->e * T + t) * S + s], w);
                        term(&q, B->chg[(in->e * T + t) * S + s], -w);
                        break;
                    case INC_MARKET:
                        term(&q, B->mkt[(in->e * T + t) * S + s], in->coef * w);
                        break;
                    case INC_DEMAND: {
                        const Demand *dm = &m->demands[in->e];
                        rhs += slice ? dm->amount[t] * dm->profile[s] * w : dm->amount[t];
                        break;
                    }
                    }
                }
                if (q.n == 0 && rhs == 0.0)
                    continue;
                int row;
                if (slice)
                    row = build_row(B, (Meaning){ROW_BALANCE, c, -1, t, s}, cm->dispose ? GLP_LO : GLP_FX, rhs, rhs,
                                    "bal_%s_%d_%s", cm->id, m->years[t], m->slices[s].name);
                else
                    row = build_row(B, (Meaning){ROW_BALANCE, c, -1, t, -1}, cm->dispose ? GLP_LO : GLP_FX, rhs, rhs,
                                    "bal_%s_%d", cm->id, m->years[t]);
                int idx = build_bal_index(B, c, t, s);
                B->bal[idx] = row;
                for (int h = 0; h < q.n; h++)
                    build_coef(B, row, q.col[h], q.coef[h]);
                if (B->opt.elastic) {
                    int sk;
                    if (slice)
                        sk = build_col(B, (Meaning){COL_SHORT, c, -1, t, s}, GLP_CV, GLP_LO, 0.0, 0.0, "short_%s_%d_%s",
                                       cm->id, m->years[t], m->slices[s].name);
                    else
                        sk = build_col(B, (Meaning){COL_SHORT, c, -1, t, -1}, GLP_CV, GLP_LO, 0.0, 0.0, "short_%s_%d",
                                       cm->id, m->years[t]);
                    B->short_col[idx] = sk;
                    build_coef(B, row, sk, w);
                    if (!cm->dispose) {
                        if (slice)
                            sk = build_col(B, (Meaning){COL_SURPLUS, c, -1, t, s}, GLP_CV, GLP_LO, 0.0, 0.0,
                                           "surplus_%s_%d_%s", cm->id, m->years[t], m->slices[s].name);
                        else
                            sk = build_col(B, (Meaning){COL_SURPLUS, c, -1, t, -1}, GLP_CV, GLP_LO, 0.0, 0.0,
                                           "surplus_%s_%d", cm->id, m->years[t]);
                        B->surplus_col[idx] = sk;
                        build_coef(B, row, sk, -w);
                    }
                }
            }
        }
    }
    free(q.col);
    free(q.coef);
    for (int c = 0; c < C; c++)
        free(inc[c].v);
    free(inc);
}
