/*
 * solve.c — GLPK branch-and-cut on a Build, the dual LP, and the Solution.
 *
 *   solve_build      glp_intopt (presolve on; or warm: simplex, then intopt with an incumbent)
 *                    -> glp_simplex with integers fixed (duals) -> solve_fill (solve_fill.c)
 *   heuristics       solve_heur.c; warm-start values: solve_start.c
 * `tico solve` itself (the baseline, the reports) is solver/cli/cmd_solve.c.
 */
#include "solve_int.h"
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

double solve_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}


void solve_params_default(SolveParams *sp, const Model *m, bool quiet)
{
    memset(sp, 0, sizeof *sp);
    sp->mip_gap = m->solver.mip_gap;
    sp->time_limit = m->solver.time_limit;
    sp->quiet = quiet;
    sp->duals = true;
    sp->start = NULL;
}

/* ---- Ctrl-C ----------------------------------------------------------------------- */

volatile sig_atomic_t solve_interrupted;

static void on_sigint(int sig)
{
    (void)sig;
    solve_interrupted = 1;
    signal(SIGINT, SIG_DFL); /* a second Ctrl-C ends the program */
}

/* ---- the MILP --------------------------------------------------------------------- */

int solve_tm_ms(double seconds)
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
double solve_time_left(const Ctx *X)
{
    return X->sp->time_limit > 0 ? X->sp->time_limit - (solve_now() - X->t0) : INFINITY;
}

static void callback(glp_tree *tree, void *info)
{
    Ctx *X = info;
    if (solve_interrupted || solve_time_left(X) <= 0) {
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
            solve_round_heuristic(tree, X);
        /* rounding found nothing twice: dive (at most three times) */
        if (none && k >= 1 && X->dives < 3 && glp_mip_status(glp_ios_get_prob(tree)) != GLP_FEAS &&
            (k == 1 || k % 10 == 0)) {
            X->dives++;
            solve_dive_heuristic(tree, X);
        }
    }
    if (glp_ios_best_node(tree) != 0) {
        double g = glp_ios_mip_gap(tree);
        if (g < DBL_MAX)
            X->gap = g;
    }
    if (X->progress && (reason == GLP_IBINGO || reason == GLP_ISELECT)) {
        double t = solve_now();
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

/* Non-zeros from which a time-limited solve solves its root LP itself (mip_glpk). */
#define ROOT_LP_NNZ 50000

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
    p.tm_lim = solve_tm_ms(sp->time_limit);
    p.cb_func = callback;
    p.cb_info = X;
    /* Measured on the Dunkirk instance (5.5k rows, 431 integers, gap 1e-3): without cuts
     * the gap is still 1.7 % after 60 s; mixed-integer rounding cuts close it in ~30 s
     * (cbc: 12 s); pseudocost branching saves a few more. Gomory, cover and clique cuts
     * add time without closing more of the gap there. */
    p.mir_cuts = GLP_ON;
    p.br_tech = GLP_BR_PCH;
    X->lp_status = GLP_OPT;
    /* glp_intopt's MIP presolver solves the root LP with no time limit (GLPK 5.0,
     * preprocess_and_solve_mip): on bench/gen's large instance a 60 s limit ended after 78 s.
     * On a large model with a time limit, the root LP is solved here, under the limit, and
     * branch-and-cut starts from its basis without the MIP presolver (as a warm start does).
     * Below ROOT_LP_NNZ non-zeros the root LP takes well under a second (Dunkirk 20k: 0.2 s)
     * and the presolver pays (issue 13). */
    bool own_root = X->warm || (sp->time_limit > 0 && glp_get_num_nz(lp) >= ROOT_LP_NNZ);
    if (own_root) {
        glp_smcp s;
        glp_init_smcp(&s);
        s.msg_lev = msg;
        s.presolve = GLP_OFF;
        glp_scale_prob(lp, GLP_SF_AUTO);
        glp_adv_basis(lp, 0);
        double left0 = solve_time_left(X); /* after scaling and the basis: seconds on large */
        s.tm_lim = sp->time_limit > 0 ? solve_tm_ms(left0 > 0.001 ? left0 : 0.001) : p.tm_lim;
        int r = glp_simplex(lp, &s);
        X->lp_status = glp_get_status(lp);
        if (r != 0 || X->lp_status != GLP_OPT) {
            X->ret = r == 0 ? GLP_EROOT : r;
            X->mip_status = GLP_UNDEF;
            glp_unscale_prob(lp);
            return 0;
        }
        p.presolve = GLP_OFF;
        double left = sp->time_limit > 0 ? sp->time_limit - (solve_now() - X->t0) : 0.0;
        if (sp->time_limit > 0)
            p.tm_lim = solve_tm_ms(left > 0.001 ? left : 0.001);
    } else {
        p.presolve = GLP_ON;
    }
    X->ret = glp_intopt(lp, &p);
    if (own_root)
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
    X.t0 = solve_now();
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

    solve_interrupted = 0;
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_sigint;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, &old);
    int r = build_glpk_call(mip_glpk, &X);
    sigaction(SIGINT, &old, NULL);
    info->interrupted = solve_interrupted != 0;
    info->mip_seconds = solve_now() - X.t0;
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
        double t1 = solve_now();
        for (int q = 0; q < B->nint; q++) /* integers exactly */
            X.val[B->int_cols[q]] = floor(X.val[B->int_cols[q]] + 0.5);
        if (build_glpk_call(dual_glpk, &X) != 0) {
            free(X.val);
            free(X.dual);
            return TICO_EINTERNAL;
        }
        info->dual_seconds = solve_now() - t1;
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
            X.val[j] = glp_get_col_kind(B->lp, j) == GLP_CV ? solve_clean(X.val[j]) : floor(X.val[j] + 0.5);
        solve_fill(B, s, &X);
    } else {
        s->objective = s->system_cost = s->carbon_cost = NAN;
    }
    s->solve_seconds = solve_now() - X.t0;
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

