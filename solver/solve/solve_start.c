/*
 * solve_start.c — the column values of a Build that a Solution stands for (a warm start:
 * solve_start_values in solve.h), checked row by row against the Build as it stands.
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

typedef struct {
    Build *B;
    const Solution *s;
    double *x;
    bool ok;
} StartArg;

/* Activity of row i at x, leaving out column skip (0 = none). */
static double row_activity(glp_prob *lp, int i, const double *x, int skip, int *ind, double *val)
{
    int len = glp_get_mat_row(lp, i, ind, val);
    double a = 0.0;
    for (int k = 1; k <= len; k++)
        if (ind[k] != skip)
            a += val[k] * x[ind[k]];
    return a;
}

static double row_coef(glp_prob *lp, int i, int j, int *ind, double *val)
{
    int len = glp_get_mat_row(lp, i, ind, val);
    for (int k = 1; k <= len; k++)
        if (ind[k] == j)
            return val[k];
    return 0.0;
}

static bool within(double a, double lo, double hi, int type)
{
    double tl = 1e-7 * (1.0 + fabs(lo)), th = 1e-7 * (1.0 + fabs(hi));
    switch (type) {
    case GLP_FR: return true;
    case GLP_LO: return a >= lo - tl;
    case GLP_UP: return a <= hi + th;
    default: return a >= lo - tl && a <= hi + th;
    }
}

static bool values_ok(glp_prob *lp, const double *x, int *ind, double *val);

static bool within_loose(double a, double lo, double hi, int type, double mag)
{
    double tl = 1e-6 * (1.0 + fabs(lo) + mag), th = 1e-6 * (1.0 + fabs(hi) + mag);
    switch (type) {
    case GLP_FR: return true;
    case GLP_LO: return a >= lo - tl;
    case GLP_UP: return a <= hi + th;
    default: return a >= lo - tl && a <= hi + th;
    }
}

static int start_glpk(void *arg)
{
    StartArg *A = arg;
    Build *B = A->B;
    const Solution *s = A->s;
    const Model *m = B->m;
    glp_prob *lp = B->lp;
    double *x = A->x;
    int T = B->T, S = B->S, C = B->C;
    int nr = glp_get_num_rows(lp), nc = glp_get_num_cols(lp);
    A->ok = false;
    if (s->T != T || s->S != S || s->P != m->nplants || s->C != C)
        return 0;
    for (int p = 0; p <= m->nplants; p++)
        if (s->plant_off[p] != B->route_off[p])
            return 0;
    for (int j = 1; j <= nc; j++) {
        Meaning w = B->col[j];
        double v = 0.0;
        switch ((ColKind)w.kind) {
        case COL_LINES: v = s->lines[sol_pr(s, w.e, w.k, w.t)]; break;
        case COL_BUILD: v = s->built[sol_pr(s, w.e, w.k, w.t)]; break;
        case COL_PROD: v = s->production[sol_pr(s, w.e, w.k, w.t)]; break;
        case COL_POOL: v = s->pool[sol_pt(s, w.e, w.t)]; break;
        case COL_SPUR: v = s->spur_period[w.e * C + w.k] == w.t ? 1.0 : 0.0; break;
        case COL_MODULES: v = s->asset_built[w.e * T + w.t]; break;
        case COL_ACTIVITY: v = s->activity[sol_its(s, w.e, w.t, w.s)]; break;
        case COL_CHARGE: v = s->charge[sol_its(s, w.e, w.t, w.s)]; break;
        case COL_DISCHARGE: v = s->discharge[sol_its(s, w.e, w.t, w.s)]; break;
        case COL_LEVEL: v = s->level[sol_its(s, w.e, w.t, w.s)]; break;
        case COL_MARKET: v = s->market_flow[(w.e * T + w.t) * S + (w.s >= 0 ? w.s : 0)]; break;
        case COL_CONST: v = 1.0; break;
        default: v = 0.0; break; /* accounting and slack columns: below */
        }
        x[j] = glp_get_col_kind(lp, j) == GLP_CV ? v : floor(v + 0.5);
    }
    int *ind = xcalloc((size_t)nc + 1, sizeof *ind);
    double *val = xcalloc((size_t)nc + 1, sizeof *val);
    /* accounting columns from their defining rows, in the order they were made (a stock K[t]
     * after K[t-1]): col = -(sum of the other terms), the column's own coefficient being 1 */
    for (int i = 1; i <= nr; i++) {
        Meaning w = B->row[i];
        int j = 0;
        switch ((RowKind)w.kind) {
        case ROW_DEF_EM: j = B->em[w.t]; break;
        case ROW_DEF_EM_ETS: j = B->em_ets[w.t]; break;
        case ROW_STOCK: j = B->alive[(B->route_off[w.e] + w.k) * T + w.t]; break;
        case ROW_MOD_STOCK: j = B->mod_alive[w.e * T + w.t]; break;
        case ROW_SPUR_ON: j = B->spur_on[(w.e * C + w.k) * T + w.t]; break;
        case ROW_PLANT_FLOW: j = B->plant_flow[w.e * T + w.t]; break;
        default: break;
        }
        if (j)
            x[j] = -row_activity(lp, i, x, j, ind, val);
    }
    /* elastic slacks sized to close their rows */
    for (int i = 1; i <= nr && B->opt.elastic; i++) {
        Meaning w = B->row[i];
        int up = 0, down = 0; /* slack adding to / taking from the row activity */
        if (w.kind == ROW_BALANCE) {
            int idx = build_bal_index(B, w.e, w.t, w.s >= 0 ? w.s : 0);
            up = B->short_col[idx];
            down = B->surplus_col[idx];
        } else if (w.kind == ROW_PRODUCTION) {
            up = B->prod_short[w.e * T + w.t];
        } else if (w.kind == ROW_CAP) {
            down = B->cap_slack[w.t];
        } else if (w.kind == ROW_BUDGET) {
            down = B->budget_slack;
        } else {
            continue;
        }
        if (up)
            x[up] = 0.0;
        if (down)
            x[down] = 0.0;
        double a = row_activity(lp, i, x, 0, ind, val);
        int type = glp_get_row_type(lp, i);
        double lo = glp_get_row_lb(lp, i), hi = glp_get_row_ub(lp, i);
        if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && a < lo && up)
            x[up] = (lo - a) / row_coef(lp, i, up, ind, val);
        else if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && a > hi && down)
            x[down] = (a - hi) / -row_coef(lp, i, down, ind, val);
    }
    A->ok = values_ok(lp, x, ind, val);
    free(ind);
    free(val);
    return 0;
}

static bool values_ok(glp_prob *lp, const double *x, int *ind, double *val)
{
    int nr = glp_get_num_rows(lp), nc = glp_get_num_cols(lp);
    bool ok = true;
    for (int j = 1; j <= nc && ok; j++) {
        int kind = glp_get_col_kind(lp, j);
        if (kind != GLP_CV && x[j] != floor(x[j]))
            ok = false;
        if (!within(x[j], glp_get_col_lb(lp, j), glp_get_col_ub(lp, j), glp_get_col_type(lp, j)))
            ok = false;
    }
    for (int i = 1; i <= nr && ok; i++)
        if (!within(row_activity(lp, i, x, 0, ind, val), glp_get_row_lb(lp, i), glp_get_row_ub(lp, i),
                    glp_get_row_type(lp, i)))
            ok = false;
    return ok;
}

typedef struct {
    glp_prob *lp;
    const double *x;
    bool ok;
} CheckArg;

static int check_glpk(void *arg)
{
    CheckArg *A = arg;
    glp_prob *lp = A->lp;
    const double *x = A->x;
    int nr = glp_get_num_rows(lp), nc = glp_get_num_cols(lp);
    int *ind = xcalloc((size_t)nc + 1, sizeof *ind);
    double *val = xcalloc((size_t)nc + 1, sizeof *val);
    bool ok = true;
    for (int j = 1; j <= nc && ok; j++) {
        if (!isfinite(x[j]))
            ok = false;
        else if (glp_get_col_kind(lp, j) != GLP_CV && fabs(x[j] - floor(x[j] + 0.5)) > 1e-5)
            ok = false;
        else if (!within_loose(x[j], glp_get_col_lb(lp, j), glp_get_col_ub(lp, j), glp_get_col_type(lp, j), 0.0))
            ok = false;
    }
    for (int i = 1; i <= nr && ok; i++) {
        int len = glp_get_mat_row(lp, i, ind, val);
        double a = 0.0, mag = 0.0;
        for (int k = 1; k <= len; k++) {
            a += val[k] * x[ind[k]];
            mag += fabs(val[k] * x[ind[k]]);
        }
        ok = within_loose(a, glp_get_row_lb(lp, i), glp_get_row_ub(lp, i), glp_get_row_type(lp, i), mag);
    }
    free(ind);
    free(val);
    A->ok = ok;
    return 0;
}

bool solve_values_feasible(Build *B, const double *x)
{
    if (!B->lp)
        return false;
    /* called from inside build_glpk_call (mip_cutoff): reads only, no guard of its own */
    CheckArg A = {B->lp, x, false};
    check_glpk(&A);
    return A.ok;
}

bool solve_start_values(Build *B, const Solution *s, double *x)
{
    if (!B->lp)
        return false;
    StartArg A = {B, s, x, false};
    if (build_glpk_call(start_glpk, &A) != 0)
        return false;
    return A.ok;
}

