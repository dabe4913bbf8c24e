/*
 * solve_heur.c — the heuristics solve.c runs from GLPK's branch-and-cut callback: rounding
 * (every call while there is no incumbent, then now and then) and diving (when rounding
 * found nothing). Both work on the tree's own problem and offer what they find with
 * glp_ios_heur_sol.
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

/* Solve Q, a copy of the tree's problem with some integers fixed, by dual simplex from the
 * basis it was copied with (fixing integers keeps that basis dual feasible), from an
 * advanced basis only when that one cannot be factorised; within the time left. True when
 * optimal. */
static bool resolve_fixed(glp_prob *Q, Ctx *X)
{
    glp_smcp s;
    glp_init_smcp(&s);
    s.msg_lev = GLP_MSG_OFF;
    s.meth = GLP_DUALP;
    s.tm_lim = solve_tm_ms(solve_time_left(X));
    int r = glp_simplex(Q, &s);
    if ((r == GLP_EBADB || r == GLP_ESING || r == GLP_ECOND) && solve_time_left(X) > 0) {
        glp_adv_basis(Q, 0);
        s.tm_lim = solve_tm_ms(solve_time_left(X));
        r = glp_simplex(Q, &s);
    }
    return r == 0 && glp_get_status(Q) == GLP_OPT;
}

/* A rounding heuristic, at GLP_IHEUR. GLPK has none for general integers (its feasibility
 * pump takes binaries only), and plain rounding of our LP solutions breaks rows made of
 * integers only (two routes at half a line each both rounded up exceed the plant's lines).
 * So: every integer starts at the floor of its LP value; then, largest fractional part
 * first and over as many passes as it helps, each is raised by one where every row made of
 * integers only still holds (raising a build first lets a line on that route be raised in a
 * later pass); the LP of the continuous part is then solved with the integers fixed, and a
 * feasible result is offered with glp_ios_heur_sol. It works on the tree's own problem
 * (with the MIP presolver on, the presolved one, with the node's bounds and cuts), so no
 * mapping of columns is needed and what it finds is feasible for the whole problem. */
typedef struct {
    int j;
    double frac;
} Frac;

static int cmp_frac(const void *a, const void *b)
{
    const Frac *x = a, *y = b;
    if (x->frac != y->frac)
        return x->frac > y->frac ? -1 : 1;
    return x->j - y->j;
}

static bool row_ok(int type, double a, double lb, double ub)
{
    if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && a > ub + 1e-9 * (1 + fabs(ub)))
        return false;
    if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && a < lb - 1e-9 * (1 + fabs(lb)))
        return false;
    return true;
}

void solve_round_heuristic(glp_tree *tree, Ctx *X)
{
    glp_prob *P = glp_ios_get_prob(tree);
    int n = glp_get_num_cols(P), m = glp_get_num_rows(P);
    double *x = xcalloc((size_t)n + 1, sizeof *x);
    bool *introw = xcalloc((size_t)m + 1, sizeof *introw);
    double *act = xcalloc((size_t)m + 1, sizeof *act);
    int *ind = xcalloc((size_t)(n > m ? n : m) + 1, sizeof *ind);
    double *val = xcalloc((size_t)(n > m ? n : m) + 1, sizeof *val);
    Frac *cand = xcalloc((size_t)n + 1, sizeof *cand);
    int nc = 0;
    for (int j = 1; j <= n; j++) {
        if (glp_get_col_kind(P, j) == GLP_CV)
            continue;
        double v = glp_get_col_prim(P, j), r = floor(v + 1e-6);
        int type = glp_get_col_type(P, j);
        double lb = glp_get_col_lb(P, j), ub = glp_get_col_ub(P, j);
        if ((type == GLP_LO || type == GLP_DB || type == GLP_FX) && r < lb)
            r = ceil(lb - 1e-9);
        if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && r > ub)
            r = floor(ub + 1e-9);
        x[j] = r;
        if (v - r > 1e-6)
            cand[nc++] = (Frac){j, v - r};
    }
    for (int i = 1; i <= m; i++) {
        int len = glp_get_mat_row(P, i, ind, val);
        introw[i] = true;
        for (int k = 1; k <= len && introw[i]; k++)
            introw[i] = glp_get_col_kind(P, ind[k]) != GLP_CV;
        for (int k = 1; k <= len && introw[i]; k++)
            act[i] += val[k] * x[ind[k]];
    }
    qsort(cand, (size_t)nc, sizeof *cand, cmp_frac);
    for (bool changed = true; changed;) {
        changed = false;
        for (int q = 0; q < nc; q++) {
            int j = cand[q].j;
            if (cand[q].frac <= 0)
                continue;
            int type = glp_get_col_type(P, j);
            if ((type == GLP_UP || type == GLP_DB || type == GLP_FX) && x[j] + 1 > glp_get_col_ub(P, j) + 1e-9)
                continue;
            int len = glp_get_mat_col(P, j, ind, val);
            bool ok = true;
            for (int k = 1; k <= len && ok; k++) {
                int i = ind[k];
                if (introw[i] && val[k] > 0)
                    ok = row_ok(glp_get_row_type(P, i) == GLP_LO ? GLP_FR : glp_get_row_type(P, i) == GLP_FX
                                                                               ? GLP_UP
                                                                               : glp_get_row_type(P, i),
                                act[i] + val[k], glp_get_row_lb(P, i), glp_get_row_ub(P, i));
            }
            if (!ok)
                continue;
            x[j] += 1;
            cand[q].frac = 0;
            changed = true;
            for (int k = 1; k <= len; k++)
                if (introw[ind[k]])
                    act[ind[k]] += val[k];
        }
    }
    bool ok = true;
    for (int i = 1; i <= m && ok; i++)
        if (introw[i])
            ok = row_ok(glp_get_row_type(P, i), act[i], glp_get_row_lb(P, i), glp_get_row_ub(P, i));
    if (ok && solve_time_left(X) > 0) {
        glp_prob *Q = glp_create_prob();
        glp_copy_prob(Q, P, GLP_OFF);
        for (int j = 1; j <= n; j++)
            if (glp_get_col_kind(P, j) != GLP_CV)
                glp_set_col_bnds(Q, j, GLP_FX, x[j], x[j]);
        if (resolve_fixed(Q, X)) {
            for (int j = 1; j <= n; j++)
                if (glp_get_col_kind(P, j) == GLP_CV)
                    x[j] = glp_get_col_prim(Q, j);
            if (glp_ios_heur_sol(tree, x) == 0)
                X->heur_found++;
        }
        glp_delete_prob(Q);
    }
    free(x);
    free(introw);
    free(act);
    free(ind);
    free(val);
    free(cand);
}

/* A diving heuristic, for when rounding finds nothing and there is no incumbent yet (on
 * bench/gen's medium instance, 5,183 integers, every rounded LP was short of some plant's
 * required output: a line rounded down that rounding could not raise again). From the
 * node's LP: of the fractional integers, the quarter nearest to their ceiling is fixed at
 * the ceiling (up first: what rounding down breaks are capacities, lines and modules, short
 * of a required output); the LP is solved again by dual simplex from the last basis, free
 * to move every integer not yet fixed, and so on until every integer is integral (the
 * result is offered with glp_ios_heur_sol) or time is up. When an LP after a step up is
 * infeasible, that step is taken down (the floors) instead; when that fails too, the dive
 * ends without a solution. Fixing the integers that are already integral as well ends every
 * dive on that instance in an infeasible LP within three steps (a spur or a route left at
 * 0 that a later step needs). */
typedef struct {
    int j;
    double v; /* the LP value when fixed */
} Fixed;

static int cmp_ceil(const void *a, const void *b)
{
    const Fixed *x = a, *y = b;
    double dx = ceil(x->v) - x->v, dy = ceil(y->v) - y->v;
    if (dx != dy)
        return dx < dy ? -1 : 1;
    return x->j - y->j;
}

void solve_dive_heuristic(glp_tree *tree, Ctx *X)
{
    glp_prob *P = glp_ios_get_prob(tree);
    int n = glp_get_num_cols(P);
    glp_prob *Q = glp_create_prob();
    glp_copy_prob(Q, P, GLP_OFF);
    Fixed *frac = xcalloc((size_t)n + 1, sizeof *frac);
    double *x = xcalloc((size_t)n + 1, sizeof *x);
    int nstep = 0;
    bool down = false; /* the last step, taken up, is being retried down */
    while (solve_time_left(X) > 0) {
        if (!resolve_fixed(Q, X)) {
            if (down || nstep == 0)
                break;
            for (int q = 0; q < nstep; q++) /* retry the last step down */
                glp_set_col_bnds(Q, frac[q].j, GLP_FX, floor(frac[q].v), floor(frac[q].v));
            down = true;
            continue;
        }
        down = false;
        int nf = 0;
        for (int j = 1; j <= n; j++) {
            x[j] = glp_get_col_prim(Q, j);
            if (glp_get_col_kind(Q, j) == GLP_CV)
                continue;
            double r = floor(x[j] + 0.5);
            if (fabs(x[j] - r) > 1e-6)
                frac[nf++] = (Fixed){j, x[j]};
        }
        if (nf == 0) {
            for (int j = 1; j <= n; j++)
                if (glp_get_col_kind(Q, j) != GLP_CV)
                    x[j] = floor(x[j] + 0.5);
            if (glp_ios_heur_sol(tree, x) == 0)
                X->heur_found++;
            break;
        }
        qsort(frac, (size_t)nf, sizeof *frac, cmp_ceil);
        nstep = nf / 4 > 1 ? nf / 4 : 1;
        for (int q = 0; q < nstep; q++) {
            int j = frac[q].j;
            double c = ceil(frac[q].v);
            int type = glp_get_col_type(Q, j);
            if ((type == GLP_UP || type == GLP_DB) && c > glp_get_col_ub(Q, j))
                c = floor(frac[q].v);
            glp_set_col_bnds(Q, j, GLP_FX, c, c);
        }
    }
    glp_delete_prob(Q);
    free(frac);
    free(x);
}

