/*
 * build_edit.c — change the bounds of a Build's columns after it is built (sweeps, Monte
 * Carlo plans, infrastructure value), inside the same GLPK error guard as the builder
 * (build_glpk_call): a GLPK error here is a message and TICO_EINTERNAL (exit 5), never an
 * abort. The policy setters (carbon price, caps, budget) and build_allow_asset live in
 * build.c; this file holds the column-level edits the analyses need.
 *
 * A bound is given as lb <= x <= ub with -INFINITY / INFINITY for "none"; the GLPK type
 * follows: lb == ub fixed (GLP_FX), both finite GLP_DB, lb only GLP_LO, ub only GLP_UP,
 * neither GLP_FR.
 */
#include "build.h"

#include <math.h>
#include <stdio.h>

static int bound_type(double lb, double ub)
{
    if (isfinite(lb) && isfinite(ub))
        return lb == ub ? GLP_FX : GLP_DB;
    if (isfinite(lb))
        return GLP_LO;
    return isfinite(ub) ? GLP_UP : GLP_FR;
}

typedef struct {
    Build *B;
    const BuildBound *v;
    const int *cols;
    int n;
} EditArg;

static int set_glpk(void *arg)
{
    EditArg *a = arg;
    for (int k = 0; k < a->n; k++) {
        const BuildBound *b = &a->v[k];
        int type = bound_type(b->lb, b->ub);
        glp_set_col_bnds(a->B->lp, b->col, type, isfinite(b->lb) ? b->lb : 0.0, isfinite(b->ub) ? b->ub : 0.0);
    }
    return 0;
}

static int restore_glpk(void *arg)
{
    EditArg *a = arg;
    Build *B = a->B;
    for (int k = 0; k < a->n; k++) {
        int j = a->cols[k];
        glp_set_col_bnds(B->lp, j, B->col_type0[j], B->col_lb0[j], B->col_ub0[j]);
    }
    return 0;
}

/* Every column index in 1..ncols (0 entries are skipped by the callers' lists, not here). */
static bool cols_valid(const Build *B, const char *what, int n, const int *cols, const BuildBound *v)
{
    for (int k = 0; k < n; k++) {
        int j = cols ? cols[k] : v[k].col;
        if (j < 1 || j > B->ncols) {
            fprintf(stderr, "tico: %s: column %d is not a column of the problem (1..%d)\n", what, j, B->ncols);
            return false;
        }
        if (v && (isnan(v[k].lb) || isnan(v[k].ub) || v[k].lb > v[k].ub || v[k].lb == INFINITY ||
                  v[k].ub == -INFINITY)) {
            fprintf(stderr, "tico: %s: bounds [%g, %g] of column %s are empty\n", what, v[k].lb, v[k].ub,
                    build_col_name(B, j));
            return false;
        }
    }
    return true;
}

TicoStatus build_set_bounds(Build *B, const BuildBound *v, int n)
{
    if (!B->lp)
        return TICO_EINTERNAL;
    if (n <= 0)
        return TICO_OK;
    if (!cols_valid(B, "build_set_bounds", n, NULL, v))
        return TICO_EINTERNAL;
    EditArg a = {B, v, NULL, n};
    return build_glpk_call(set_glpk, &a) == 0 ? TICO_OK : TICO_EINTERNAL;
}

TicoStatus build_restore_bounds(Build *B, const int *cols, int n)
{
    if (!B->lp)
        return TICO_EINTERNAL;
    if (n <= 0)
        return TICO_OK;
    if (!cols_valid(B, "build_restore_bounds", n, cols, NULL))
        return TICO_EINTERNAL;
    EditArg a = {B, NULL, cols, n};
    return build_glpk_call(restore_glpk, &a) == 0 ? TICO_OK : TICO_EINTERNAL;
}

TicoStatus build_fix_col(Build *B, int j, double v)
{
    BuildBound b = {j, v, v};
    return build_set_bounds(B, &b, 1);
}
