/*
 * solve.c — GLPK branch-and-cut on a Build, the dual LP, the Solution, and `tico solve`.
 *
 *   solve_build      glp_intopt (presolve on; or warm: simplex, then intopt with an incumbent)
 *                    -> glp_simplex with integers fixed (duals) -> fill the Solution
 *   fill_solution    every field of solution.h from column values and row duals
 *                    (elastic mode: the violations in words come from solve_explain.c)
 *   cmd_solve        the instance, then its baseline (carbon price 0, no cap, no budget),
 *                    then report_write
 */
#include "solve.h"
#include "xalloc.h"

#include <float.h>
#include <limits.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "pool.h"
#include "report.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}


void solve_params_init(SolveParams *sp, const Model *m, const Options *o)
{
    memset(sp, 0, sizeof *sp);
    sp->mip_gap = m->solver.mip_gap;
    sp->time_limit = m->solver.time_limit;
    sp->quiet = o ? o->quiet : true;
    sp->duals = true;
    sp->start = NULL;
}

/* ---- Ctrl-C ----------------------------------------------------------------------- */

static volatile sig_atomic_t interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    interrupted = 1;
    signal(SIGINT, SIG_DFL); /* a second Ctrl-C ends the program */
}

/* ---- the MILP --------------------------------------------------------------------- */

typedef struct {
    Build *B;
    const SolveParams *sp;
    double *start;        /* start values [ncols + 1] or NULL */
    bool start_tried, start_accepted;
    bool progress;
    bool printed;
    double t0, last_print;
    double gap;           /* last gap seen in the tree; DBL_MAX none */
    bool warm;
    int heur_calls, heur_found, dives;
    /* results */
    int ret, lp_status, mip_status;
    double obj;
    double *val;          /* [ncols + 1] */
    double *dual;         /* [nrows + 1] */
    bool duals_ok;
} Ctx;

static int tm_ms(double seconds)
{
    if (!(seconds > 0))
        return INT_MAX;
    double ms = ceil(seconds * 1000.0);
    return ms >= INT_MAX ? INT_MAX : (int)ms;
}

/* Seconds left of the time limit (INFINITY without one). GLPK checks its own limit only
 * between nodes, and not while it generates cuts or while our heuristic solves its LP: on
 * bench/gen's medium instance a 60 s limit ended after 184 s. So the callback and the
 * heuristic check it too. */
static double time_left(const Ctx *X)
{
    return X->sp->time_limit > 0 ? X->sp->time_limit - (now() - X->t0) : INFINITY;
}

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
    s.tm_lim = tm_ms(time_left(X));
    int r = glp_simplex(Q, &s);
    if ((r == GLP_EBADB || r == GLP_ESING || r == GLP_ECOND) && time_left(X) > 0) {
        glp_adv_basis(Q, 0);
        s.tm_lim = tm_ms(time_left(X));
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

static void round_heuristic(glp_tree *tree, Ctx *X)
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
    if (ok && time_left(X) > 0) {
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

static void dive_heuristic(glp_tree *tree, Ctx *X)
{
    glp_prob *P = glp_ios_get_prob(tree);
    int n = glp_get_num_cols(P);
    glp_prob *Q = glp_create_prob();
    glp_copy_prob(Q, P, GLP_OFF);
    Fixed *frac = xcalloc((size_t)n + 1, sizeof *frac);
    double *x = xcalloc((size_t)n + 1, sizeof *x);
    int nstep = 0;
    bool down = false; /* the last step, taken up, is being retried down */
    while (time_left(X) > 0) {
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

static void callback(glp_tree *tree, void *info)
{
    Ctx *X = info;
    if (interrupted || time_left(X) <= 0) {
        glp_ios_terminate(tree);
        return;
    }
    int reason = glp_ios_reason(tree);
    if (reason == GLP_IHEUR && X->start && !X->start_tried) {
        X->start_tried = true;
        X->start_accepted = glp_ios_heur_sol(tree, X->start) == 0;
    }
    if (reason == GLP_IHEUR) {
        /* often while there is no incumbent, then now and then to improve it */
        int k = X->heur_calls++;
        bool none = glp_mip_status(glp_ios_get_prob(tree)) != GLP_FEAS;
        if (none ? (k < 5 || k % 10 == 0) : k % 100 == 0)
            round_heuristic(tree, X);
        /* rounding found nothing twice: dive (at most three times) */
        if (none && k >= 1 && X->dives < 3 && glp_mip_status(glp_ios_get_prob(tree)) != GLP_FEAS &&
            (k == 1 || k % 10 == 0)) {
            X->dives++;
            dive_heuristic(tree, X);
        }
    }
    if (glp_ios_best_node(tree) != 0) {
        double g = glp_ios_mip_gap(tree);
        if (g < DBL_MAX)
            X->gap = g;
    }
    if (X->progress && (reason == GLP_IBINGO || reason == GLP_ISELECT)) {
        double t = now();
        if (t - X->last_print >= 1.0 || reason == GLP_IBINGO) {
            int a, n, tot;
            glp_ios_tree_size(tree, &a, &n, &tot);
            if (X->gap < DBL_MAX)
                fprintf(stderr, "\rtico: branch-and-cut %.0f s, %d nodes open, gap %.3g%%   ", t - X->t0, a,
                        100.0 * X->gap);
            else
                fprintf(stderr, "\rtico: branch-and-cut %.0f s, %d nodes open, no solution yet   ", t - X->t0, a);
            X->printed = true;
            X->last_print = t;
        }
    }
}

static int mip_glpk(void *arg)
{
    Ctx *X = arg;
    glp_prob *lp = X->B->lp;
    const SolveParams *sp = X->sp;
    const char *log = getenv("TICO_GLPK_LOG");
    int msg = log && *log && strcmp(log, "0") ? GLP_MSG_ON : GLP_MSG_OFF;
    glp_iocp p;
    glp_init_iocp(&p);
    p.msg_lev = msg;
    p.mip_gap = sp->mip_gap;
    p.tm_lim = tm_ms(sp->time_limit);
    p.cb_func = callback;
    p.cb_info = X;
    /* Measured on the Dunkirk instance (5.5k rows, 431 integers, gap 1e-3): without cuts
     * the gap is still 1.7 % after 60 s; mixed-integer rounding cuts close it in ~30 s
     * (cbc: 12 s); pseudocost branching saves a few more. Gomory, cover and clique cuts
     * add time without closing more of the gap there. */
    p.mir_cuts = GLP_ON;
    p.br_tech = GLP_BR_PCH;
    X->lp_status = GLP_OPT;
    if (X->warm) {
        glp_smcp s;
        glp_init_smcp(&s);
        s.msg_lev = msg;
        s.presolve = GLP_OFF;
        s.tm_lim = p.tm_lim;
        glp_scale_prob(lp, GLP_SF_AUTO);
        glp_adv_basis(lp, 0);
        int r = glp_simplex(lp, &s);
        X->lp_status = glp_get_status(lp);
        if (r != 0 || X->lp_status != GLP_OPT) {
            X->ret = r == 0 ? GLP_EROOT : r;
            X->mip_status = GLP_UNDEF;
            glp_unscale_prob(lp);
            return 0;
        }
        p.presolve = GLP_OFF;
        double left = sp->time_limit > 0 ? sp->time_limit - (now() - X->t0) : 0.0;
        if (sp->time_limit > 0)
            p.tm_lim = tm_ms(left > 0.001 ? left : 0.001);
    } else {
        p.presolve = GLP_ON;
    }
    X->ret = glp_intopt(lp, &p);
    if (X->warm)
        glp_unscale_prob(lp);
    X->mip_status = glp_mip_status(lp);
    if (X->mip_status == GLP_OPT || X->mip_status == GLP_FEAS) {
        int n = glp_get_num_cols(lp);
        for (int j = 1; j <= n; j++)
            X->val[j] = glp_mip_col_val(lp, j);
        X->obj = glp_mip_obj_val(lp);
    }
    return 0;
}

/* Fix the integers at their values, solve the LP, read the row duals, restore the bounds. */
static int dual_glpk(void *arg)
{
    Ctx *X = arg;
    Build *B = X->B;
    glp_prob *lp = B->lp;
    int *type = xcalloc((size_t)B->nint, sizeof *type);
    double *lo = xcalloc((size_t)B->nint, sizeof *lo), *up = xcalloc((size_t)B->nint, sizeof *up);
    for (int q = 0; q < B->nint; q++) {
        int j = B->int_cols[q];
        type[q] = glp_get_col_type(lp, j);
        lo[q] = glp_get_col_lb(lp, j);
        up[q] = glp_get_col_ub(lp, j);
        double v = X->val[j];
        glp_set_col_bnds(lp, j, GLP_FX, v, v);
    }
    const char *log = getenv("TICO_GLPK_LOG");
    glp_smcp s;
    glp_init_smcp(&s);
    s.msg_lev = log && *log && strcmp(log, "0") ? GLP_MSG_ON : GLP_MSG_OFF;
    s.presolve = GLP_OFF;
    glp_scale_prob(lp, GLP_SF_AUTO);
    glp_adv_basis(lp, 0);
    int r = glp_simplex(lp, &s);
    if (r != 0 || glp_get_status(lp) != GLP_OPT) {
        /* one more try from the standard basis with the dual simplex */
        glp_std_basis(lp);
        s.meth = GLP_DUALP;
        r = glp_simplex(lp, &s);
    }
    X->duals_ok = r == 0 && glp_get_status(lp) == GLP_OPT;
    if (X->duals_ok) {
        int m = glp_get_num_rows(lp);
        for (int i = 1; i <= m; i++)
            X->dual[i] = glp_get_row_dual(lp, i);
    }
    glp_unscale_prob(lp);
    for (int q = 0; q < B->nint; q++)
        glp_set_col_bnds(lp, B->int_cols[q], type[q], lo[q], up[q]);
    free(type);
    free(lo);
    free(up);
    return 0;
}

/* ---- start values ----------------------------------------------------------------- */

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
    /* accounting columns from their defining rows: col = -(sum of the other terms) */
    for (int i = 1; i <= nr; i++) {
        Meaning w = B->row[i];
        int j = w.kind == ROW_DEF_EM ? B->em[w.t] : w.kind == ROW_DEF_EM_ETS ? B->em_ets[w.t] : 0;
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
    free(ind);
    free(val);
    A->ok = ok;
    return 0;
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

/* ---- the Solution ----------------------------------------------------------------- */

/* Values below this (absolute) are solver noise and reported as 0. */
#define ZERO_TOL 1e-9

static double clean(double v)
{
    return fabs(v) < ZERO_TOL ? 0.0 : v;
}

/* A sum of terms whose absolute values add up to mag: 0 when it is below the terms'
 * rounding (a net zero of emitters and negative emitters reads 0, not 1.7e-9). */
static double clean_sum(double sum, double mag)
{
    return fabs(sum) <= 1e-9 * mag ? 0.0 : clean(sum);
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

static void fill_solution(const Build *B, Solution *s, const Ctx *X)
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
            if (mk->direction == MKT_IMPORT)
                s->market_scope2[k * T + t] = mk->co2 * tot;
        }
    }

    /* cluster totals and carbon payments */
    for (int t = 0; t < T; t++) {
        double e1 = 0.0, e2 = 0.0, cap = 0.0, ets = 0.0, mag1 = 0.0, mag_ets = 0.0;
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
        for (int k = 0; k < m->nmarkets; k++)
            e2 += s->market_scope2[k * T + t];
        s->emissions_scope1[t] = clean_sum(e1, mag1);
        s->emissions_scope2[t] = clean(e2);
        s->emissions_captured[t] = clean(cap);
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
                            clean(X->dual[row] / (df[t] * (slice ? m->slices[sl].share : 1.0)));
                }
        }
        for (int t = 0; t < T; t++)
            if (B->cap_row[t] && B->cap[t] >= 0)
                s->cap_price[t] = clean(-X->dual[B->cap_row[t]] / df[t]) + 0.0;
        if (B->budget_row && B->budget >= 0)
            s->budget_price = clean(-X->dual[B->budget_row]) + 0.0;
    }
#undef V
    free(net_mag);
    free(df);
}

/* ---- solve_build ------------------------------------------------------------------ */

TicoStatus solve_build(Build *B, const SolveParams *sp, Solution **out, SolveInfo *info)
{
    *out = NULL;
    SolveInfo dummy;
    if (!info)
        info = &dummy;
    memset(info, 0, sizeof *info);
    if (!B->lp)
        return TICO_EINTERNAL;
    const Model *m = B->m;
    Ctx X;
    memset(&X, 0, sizeof X);
    X.B = B;
    X.sp = sp;
    X.t0 = now();
    X.gap = DBL_MAX;
    X.progress = !sp->quiet && isatty(STDERR_FILENO);
    X.val = xcalloc((size_t)B->ncols + 1, sizeof *X.val);
    X.dual = xcalloc((size_t)B->nrows + 1, sizeof *X.dual);

    if (sp->start) {
        X.start = xcalloc((size_t)B->ncols + 1, sizeof *X.start);
        info->start_feasible = solve_start_values(B, sp->start, X.start);
        if (build_glpk_failed()) {
            free(X.start);
            free(X.val);
            free(X.dual);
            return TICO_EINTERNAL;
        }
        if (info->start_feasible)
            X.warm = true;
        else {
            free(X.start);
            X.start = NULL;
        }
    }

    interrupted = 0;
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    int r = build_glpk_call(mip_glpk, &X);
    sigaction(SIGINT, &old, NULL);
    info->interrupted = interrupted != 0;
    info->mip_seconds = now() - X.t0;
    info->glpk_status = X.ret;
    info->start_accepted = X.start_accepted;
    info->heuristic_solutions = X.heur_found;
    if (X.printed)
        fputs("\n", stderr);
    free(X.start);
    if (r != 0) {
        free(X.val);
        free(X.dual);
        return TICO_EINTERNAL;
    }

    SolStatus status;
    TicoStatus ts = TICO_OK;
    bool have = X.mip_status == GLP_OPT || X.mip_status == GLP_FEAS;
    switch (X.ret) {
    case 0:
        status = X.mip_status == GLP_OPT ? SOL_OPTIMAL : have ? SOL_FEASIBLE : SOL_INFEASIBLE;
        break;
    case GLP_EMIPGAP:
        status = have ? SOL_OPTIMAL : SOL_NO_SOLUTION;
        break;
    case GLP_ENOPFS:
        status = SOL_INFEASIBLE;
        break;
    case GLP_EROOT:
        status = X.lp_status == GLP_NOFEAS ? SOL_INFEASIBLE : SOL_NO_SOLUTION;
        if (X.lp_status == GLP_UNBND) {
            ts = TICO_EINPUT;
            break;
        }
        if (X.lp_status != GLP_NOFEAS && X.lp_status != GLP_UNDEF) {
            fprintf(stderr, "tico: the LP relaxation could not be solved (GLPK status %d)\n", X.lp_status);
            ts = TICO_EINTERNAL;
        }
        break;
    case GLP_ETMLIM:
    case GLP_ESTOP:
        status = have ? SOL_FEASIBLE : SOL_NO_SOLUTION;
        break;
    case GLP_ENODFS:
        ts = TICO_EINPUT;
        status = SOL_NO_SOLUTION;
        break;
    default:
        fprintf(stderr, "tico: GLPK's branch-and-cut failed (code %d)\n", X.ret);
        ts = TICO_EINTERNAL;
        status = SOL_NO_SOLUTION;
        break;
    }
    if (ts == TICO_EINPUT)
        fputs("tico: the problem is unbounded: some activity earns money without limit (an export market with a "
              "positive price and no limit, fed by something without max_modules?)\n",
              stderr);
    if (ts != TICO_OK) {
        free(X.val);
        free(X.dual);
        return ts;
    }
    if (status == SOL_OPTIMAL && X.ret == GLP_EMIPGAP && !(X.gap <= sp->mip_gap))
        X.gap = sp->mip_gap;

    if (have && sp->duals) {
        double t1 = now();
        for (int q = 0; q < B->nint; q++) /* integers exactly */
            X.val[B->int_cols[q]] = floor(X.val[B->int_cols[q]] + 0.5);
        if (build_glpk_call(dual_glpk, &X) != 0) {
            free(X.val);
            free(X.dual);
            return TICO_EINTERNAL;
        }
        info->dual_seconds = now() - t1;
    }
    Solution *s = solution_new(m);
    s->status = status;
    s->gap = status == SOL_FEASIBLE ? (X.gap < DBL_MAX ? X.gap : NAN) : 0.0;
    s->rows = glp_get_num_rows(B->lp);
    s->cols = glp_get_num_cols(B->lp);
    s->integers = glp_get_num_int(B->lp);
    s->nonzeros = glp_get_num_nz(B->lp);
    if (have) {
        for (int j = 1; j <= B->ncols; j++)
            X.val[j] = glp_get_col_kind(B->lp, j) == GLP_CV ? clean(X.val[j]) : floor(X.val[j] + 0.5);
        fill_solution(B, s, &X);
    } else {
        s->objective = s->system_cost = s->carbon_cost = NAN;
    }
    s->solve_seconds = now() - X.t0;
    free(X.val);
    free(X.dual);
    *out = s;
    if (status == SOL_INFEASIBLE)
        return TICO_EINFEASIBLE;
    if (status == SOL_NO_SOLUTION)
        return TICO_ENOSOL;
    return TICO_OK;
}

TicoStatus solve_model(const Model *m, const BuildOpts *opt, const SolveParams *sp, Solution **out)
{
    *out = NULL;
    Build *B;
    CHECK(build_new(m, opt, &B));
    TicoStatus st = solve_build(B, sp, out, NULL);
    build_free(B);
    return st;
}

/* ---- tico solve ------------------------------------------------------------------- */

static bool is_baseline(const Model *m)
{
    for (int t = 0; t < m->nperiods; t++) {
        if (m->policy.carbon_price[t] != 0.0)
            return false;
        if (m->policy.cap && m->policy.cap[t] >= 0)
            return false;
    }
    return m->policy.budget < 0;
}

/* The baseline (SPEC §6.3): the instance with carbon price 0, no cap and no budget, solved
 * cold (presolver on) on a Build of its own. Cold: on Dunkirk the baseline took 2.0 s cold
 * and 2.6 s warm from the pathway's solution (the MIP presolver is worth more than the
 * incumbent). On a Build of its own: then it is the same solve whether it runs in a worker
 * beside the pathway or after it, and the reports do not depend on -j. */
static TicoStatus solve_baseline(const Model *m, const Options *o, bool quiet, Solution **out)
{
    *out = NULL;
    BuildOpts bo = {o->elastic, o->penalty, false};
    Build *B;
    CHECK(build_new(m, &bo, &B));
    double *zero = xcalloc((size_t)m->nperiods, sizeof *zero);
    TicoStatus st = build_set_carbon_price(B, zero);
    if (st == TICO_OK)
        st = build_set_caps(B, NULL, -1.0);
    free(zero);
    if (st == TICO_OK) {
        SolveParams sp;
        solve_params_init(&sp, m, o);
        sp.quiet = quiet || sp.quiet;
        sp.duals = false;
        st = solve_build(B, &sp, out, NULL);
    }
    build_free(B);
    return st;
}

typedef struct {
    const Model *m;
    const Options *o;
} BaselineJob;

/* The baseline in a worker: one record, int32 status then the packed solution (if any). */
static TicoStatus baseline_chain(void *ctx, int chain, PoolEmit *emit)
{
    (void)chain;
    const BaselineJob *x = ctx;
    Solution *s = NULL;
    int32_t st = solve_baseline(x->m, x->o, true, &s);
    size_t len = 0;
    unsigned char *bytes = s ? solution_pack(x->m, s, &len) : NULL;
    unsigned char *rec = xcalloc(sizeof st + len, 1);
    memcpy(rec, &st, sizeof st);
    if (bytes)
        memcpy(rec + sizeof st, bytes, len);
    pool_emit(emit, 0, rec, sizeof st + len);
    free(rec);
    free(bytes);
    solution_free(s);
    return TICO_OK;
}

static TicoStatus collect_baseline(PoolJob *job, const Model *m, Solution **out)
{
    *out = NULL;
    PoolResult r;
    TicoStatus st = pool_collect(job, &r, 1);
    int32_t bs = TICO_EINTERNAL;
    if (st == TICO_OK && r.bytes && r.len >= sizeof bs) {
        memcpy(&bs, r.bytes, sizeof bs);
        if (r.len > sizeof bs && !(*out = solution_unpack(m, r.bytes + sizeof bs, r.len - sizeof bs)))
            bs = TICO_EINTERNAL;
    }
    free(r.bytes);
    return st != TICO_OK ? st : (TicoStatus)bs;
}

TicoStatus cmd_solve(const Options *o, Model *m)
{
    BuildOpts bo = {o->elastic, o->penalty, false};
    Build *B;
    CHECK(build_new(m, &bo, &B));
    /* with a second core, the baseline runs in a worker while the pathway is solved */
    BaselineJob bj = {m, o};
    PoolJob *job = NULL;
    if (!is_baseline(m) && (o->jobs > 0 ? o->jobs : pool_cores()) > 1)
        job = pool_spawn(baseline_chain, &bj);
    SolveParams sp;
    solve_params_init(&sp, m, o);
    Solution *sol = NULL;
    TicoStatus st = solve_build(B, &sp, &sol, NULL);
    if (st == TICO_EINFEASIBLE) {
        if (o->elastic)
            fprintf(stderr, "tico solve: %s is infeasible even with priced slack on balances, production and caps\n",
                    o->instance);
        else
            fprintf(stderr,
                    "tico solve: %s is infeasible: no plan meets every balance, production requirement and cap.\n"
                    "Rerun with --elastic to see which constraints cannot be met, by how much, and why:\n"
                    "  tico solve --elastic %s\n",
                    o->instance, o->instance);
    } else if (st == TICO_ENOSOL && interrupted) {
        fputs("tico solve: interrupted (Ctrl-C) before any feasible solution was found; nothing written\n", stderr);
    } else if (st == TICO_ENOSOL) {
        fprintf(stderr,
                "tico solve: the time limit (%g s) was reached before any feasible solution was found; "
                "nothing written (raise --time-limit or loosen --gap)\n",
                sp.time_limit);
    }
    if (st != TICO_OK) {
        pool_cancel(job);
        solution_free(sol);
        build_free(B);
        return st;
    }
    build_free(B);
    bool stopped = interrupted != 0;
    if (sol->status == SOL_FEASIBLE)
        fprintf(stderr, "tico solve: warning: stopped by %s before proving optimality; writing the best solution "
                        "found (gap %.3g%%)\n",
                stopped ? "Ctrl-C" : "the time limit", 100.0 * sol->gap);

    /* the baseline: same model, carbon price 0, no cap, no budget (SPEC §6.3) */
    Solution *base = NULL;
    if (is_baseline(m)) {
        base = sol;
    } else if (stopped) {
        pool_cancel(job);
        fputs("tico solve: the baseline is skipped after Ctrl-C; the TIC report leaves baseline figures out\n", stderr);
    } else {
        TicoStatus bs = job ? collect_baseline(job, m, &base) : solve_baseline(m, o, false, &base);
        if (bs == TICO_EINTERNAL) {
            solution_free(sol);
            solution_free(base);
            return TICO_EINTERNAL;
        }
        if (bs != TICO_OK) {
            fprintf(stderr, "tico solve: warning: the baseline (no carbon price, no cap) could not be solved; the TIC "
                            "report leaves baseline figures out\n");
            solution_free(base);
            base = NULL;
        }
    }

    char *dir = cli_outdir(o, m);
    st = report_write(o, m, sol, base, dir);
    if (st == TICO_OK && !o->quiet) {
        int T = m->nperiods;
        printf("%s: %s", m->name, solution_status_name(sol->status));
        if (sol->status == SOL_FEASIBLE)
            printf(" (gap %.3g%%)", 100.0 * sol->gap);
        printf(", total cost %.6g MEUR (system %.6g, carbon %.6g), %d emissions %.4g Mt scope 1",
               sol->objective / 1e6, sol->system_cost / 1e6, sol->carbon_cost / 1e6, m->years[T - 1],
               sol->emissions_scope1[T - 1] / 1e6);
        if (sol->nviolations)
            printf(", %d violation%s", sol->nviolations, sol->nviolations == 1 ? "" : "s");
        printf("; %d rows, %d columns (%d integer), %.3g s; reports in %s\n", sol->rows, sol->cols, sol->integers,
               sol->solve_seconds, dir);
    }
    free(dir);
    if (base != sol)
        solution_free(base);
    solution_free(sol);
    return st;
}
