/*
 * solve.c — GLPK branch-and-cut on a Build, the dual LP, and the Solution.
 *
 *   solve_build      glp_intopt (presolve on; warm: the start re-solved with its integers
 *                    fixed, then intopt with its value as the incumbent, presolve kept)
 *                    -> glp_simplex with integers fixed (duals) -> solve_fill (solve_fill.c)
 *   heuristics       solve_heur.c; warm-start values: solve_start.c
 * `tico solve` itself (the baseline, the reports) is solver/cli/cmd_solve.c.
 */
#include "solve_int.h"
#include "stop.h"
#include "xalloc.h"

#include <float.h>
#include <limits.h>
#include <malloc.h>
#include <math.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

void solve_params_default(SolveParams *sp, const Model *m, bool quiet)
{
    memset(sp, 0, sizeof *sp);
    sp->mip_gap = m->solver.mip_gap;
    sp->time_limit = m->solver.time_limit;
    sp->quiet = quiet;
    sp->duals = true;
    sp->start = NULL;
}

/* ---- the MILP --------------------------------------------------------------------- */

/* The proven gap, and our own stop on it (SPEC §4.8). GLPK checks its mip_gap only between
 * nodes and does not say afterwards which bound it proved, so tico asks GLPK for no gap
 * (mip_gap 0) and stops the search itself, here, at the first callback where
 *   |incumbent - best bound| / |incumbent| <= the requested gap,
 * recording that bound: the reported gap is then the one proved, never a stale or assumed
 * one. The best bound of the open nodes only rises as the search goes on, so a bound
 * recorded earlier stays valid (when the search stops on a limit or a signal). */
static void track_gap(glp_tree *tree, Ctx *X)
{
    glp_prob *P = glp_ios_get_prob(tree);
    int best = glp_ios_best_node(tree);
    if (best != 0) {
        double b = glp_ios_node_bound(tree, best);
        if (!(X->bound > -DBL_MAX) || b > X->bound)
            X->bound = b;
    }
    if (glp_mip_status(P) != GLP_FEAS || !(X->bound > -DBL_MAX))
        return;
    double inc = glp_mip_obj_val(P);
    double g = fabs(inc - X->bound) / (fabs(inc) + DBL_EPSILON);
    if (inc < X->bound)
        g = 0.0; /* every open node is no better than the incumbent */
    X->gap = g;
    if (g <= X->sp->mip_gap)
        X->gap_reached = true;
}

static void callback(glp_tree *tree, void *info)
{
    Ctx *X = info;
    if (X->cutoff_on) {
        /* mip_cutoff: did the tree find anything better than the start's value? */
        glp_prob *T = glp_ios_get_prob(tree);
        if (glp_mip_status(T) == GLP_FEAS && glp_mip_obj_val(T) < X->cutoff_obj)
            X->tree_improved = true;
    }
    track_gap(tree, X);
    if (X->gap_reached || stop_requested() || solve_time_left(X) <= 0) {
        if (!X->gap_reached && stop_requested())
            X->stopped_by_signal = true;
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
    track_gap(tree, X); /* a heuristic may have found a better incumbent */
    if (X->gap_reached) {
        glp_ios_terminate(tree);
        return;
    }
    /* progress: on a terminal one line redrawn every second (and at each new incumbent);
     * otherwise (CI logs, nohup, batch jobs) a full line every 10 s (SPEC §2) */
    if (X->progress && (reason == GLP_IBINGO || reason == GLP_ISELECT)) {
        double t = solve_now();
        double every = X->tty ? 1.0 : 10.0;
        if (t - X->last_print >= every || (X->tty && reason == GLP_IBINGO)) {
            int a, n, tot;
            glp_ios_tree_size(tree, &a, &n, &tot);
            const char *cr = X->tty ? "\r" : "", *end = X->tty ? "   " : "\n";
            if (X->gap < DBL_MAX)
                fprintf(stderr, "%stico: branch-and-cut %.0f s, %d nodes open, proven gap %.3g %% (asked %.3g %%)%s", cr,
                        t - X->t0, a, 100.0 * X->gap, 100.0 * X->sp->mip_gap, end);
            else
                fprintf(stderr, "%stico: branch-and-cut %.0f s, %d nodes open, no solution yet%s", cr, t - X->t0, a,
                        end);
            X->printed = X->tty;
            X->last_print = t;
        }
    }
}

/* A warm solve that keeps GLPK's MIP presolver (issue 13). glp_ios_heur_sol takes values
 * of the presolved problem, whose columns are not ours, so the start cannot be handed over
 * as a solution; but glp_intopt takes the *value* of an incumbent of the original problem
 * through glp_iocp.use_sol (glpk.h: "use existing solution"; not in GLPK's manual): with
 * presolve on it copies P's mip_stat and mip_obj into the presolved tree (GLPK 5.0,
 * preprocess_and_solve_mip), which then prunes every node
 * whose bound is not better than that value by GLPK's tol_obj (1e-7 relative), and our
 * gap stop (track_gap) measures the bound against it from the first node.
 *   1. P's MIP solution is made the start's pathway at the current objective: the
 *      integers fixed at the start's values, glp_intopt (presolve on) re-optimises the
 *      continuous part (no worse than the start); its values are kept.
 *   2. The integer bounds are restored and glp_intopt runs with use_sol on.
 *   3. When the tree found nothing better, P holds values postprocessed from a presolved
 *      solution that was never set: they are discarded for those of 1. A solution of the
 *      tree is taken when its objective is below the start's and its values pass
 *      solve_values_feasible (GLPK's tolerances; garbage fails it grossly). When the
 *      callback saw the tree hold a better incumbent but its values fail, the point is
 *      solved again the older way (an exact check here once kept the start against a
 *      better solution: wrong Shapley splits in tico value; bench/RESULTS.md).
 * A start that step 1 cannot re-solve (not optimal) falls back to the warm solve without
 * the presolver (own_root). TICO_WARM_NOPRESOLVE=1 selects that older form for every warm
 * solve (A/B in bench/RESULTS.md, "Issue 13 — sweeps, value, mc"). */
static int mip_cutoff(Ctx *X, glp_iocp *p)
{
    Build *B = X->B;
    glp_prob *lp = B->lp;
    int n = glp_get_num_cols(lp);
    int *type = xcalloc((size_t)B->nint + 1, sizeof *type);
    double *lo = xcalloc((size_t)B->nint + 1, sizeof *lo), *up = xcalloc((size_t)B->nint + 1, sizeof *up);
    for (int q = 0; q < B->nint; q++) {
        int j = B->int_cols[q];
        type[q] = glp_get_col_type(lp, j);
        lo[q] = glp_get_col_lb(lp, j);
        up[q] = glp_get_col_ub(lp, j);
        glp_set_col_bnds(lp, j, GLP_FX, X->start[j], X->start[j]);
    }
    glp_iocp f = *p;
    f.cb_func = NULL;
    f.cb_info = NULL;
    f.presolve = GLP_ON;
    f.use_sol = GLP_OFF;
    int r = glp_intopt(lp, &f);
    int ms = glp_mip_status(lp);
    for (int q = 0; q < B->nint; q++)
        glp_set_col_bnds(lp, B->int_cols[q], type[q], lo[q], up[q]);
    free(type);
    free(lo);
    free(up);
    if (r != 0 || ms != GLP_OPT) {
        X->cutoff = false; /* the older warm solve */
        return -1;
    }
    double *mine = xmalloc(((size_t)n + 1) * sizeof *mine);
    for (int j = 1; j <= n; j++)
        mine[j] = glp_mip_col_val(lp, j);
    double U = glp_mip_obj_val(lp);
    X->start_accepted = true;
    X->start_tried = true; /* no glp_ios_heur_sol of the start: the tree's columns are not ours */
    X->lp_status = GLP_OPT;
    X->cutoff_obj = U;
    p->presolve = GLP_ON;
    p->use_sol = GLP_ON;
    double left = X->sp->time_limit > 0 ? X->sp->time_limit - (solve_now() - X->t0) : 0.0;
    if (X->sp->time_limit > 0)
        p->tm_lim = solve_tm_ms(left > 0.001 ? left : 0.001);
    X->cutoff_on = true;
    X->ret = glp_intopt(lp, p);
    X->cutoff_on = false;
    int st = glp_mip_status(lp);
    bool theirs = false;
    if (st == GLP_OPT || st == GLP_FEAS) {
        double obj = glp_mip_obj_val(lp);
        if (obj < U) {
            double *v = xmalloc(((size_t)n + 1) * sizeof *v);
            for (int j = 1; j <= n; j++)
                v[j] = glp_mip_col_val(lp, j);
            if (solve_values_feasible(B, v)) {
                memcpy(X->val, v, ((size_t)n + 1) * sizeof *v);
                X->obj = obj;
                theirs = true;
            }
            free(v);
        }
    }
    if (getenv("TICO_WARM_TRACE"))
        fprintf(stderr, "tico: warm start: value %.10g, tree %s, GLPK's solution %s\n", U,
                X->tree_improved ? "found better" : "found nothing better", theirs ? "taken" : "not taken");
    if (!theirs && X->tree_improved) {
        /* the tree found a better solution whose values did not come back readable: our
         * incumbent is not the optimum, so solve again the older way (bounds are as given) */
        free(mine);
        p->use_sol = GLP_OFF;
        X->cutoff = false;
        X->start_accepted = false;
        X->start_tried = false;
        X->gap = DBL_MAX;
        X->bound = -DBL_MAX;
        X->gap_reached = false;
        return -1;
    }
    if (!theirs) {
        memcpy(X->val, mine, ((size_t)n + 1) * sizeof *mine);
        X->obj = U;
    }
    free(mine);
    /* our incumbent stands whatever GLPK says of its own: optimal when the tree was exhausted
     * or the gap reached, else feasible */
    X->mip_status = X->ret == 0 ? GLP_OPT : GLP_FEAS;
    if (X->ret == GLP_ENOPFS || X->ret == GLP_ENODFS || X->ret == GLP_EFAIL)
        X->mip_status = GLP_FEAS;
    return 0;
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
    p.mip_gap = 0.0; /* the gap stop is ours: track_gap() */
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
    if (X->warm && X->cutoff && mip_cutoff(X, &p) == 0)
        return 0;
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

/* GLPK's branch-and-cut allocates and frees its working arrays (LP copies, factorisations,
 * cut pools) node after node; with glibc's defaults the freed top of the heap is given back
 * to the kernel (trim) and mapped again at the next node, one page fault per 4 kB page. perf
 * on a Dunkirk price point put 21 % of the solve in page faults (exc_page_fault, brk,
 * munmap). Keeping freed memory in the process (no trim, a 64 MB pad when the heap grows,
 * blocks up to 32 MB, glibc's largest, from the heap rather than mmap) halved the CPU time
 * of a Dunkirk point at gap 1e-6 (bench/warmstat, 3.1 -> 1.65 CPU s; bench/RESULTS.md,
 * "Issue 13 — sweeps, value, mc"). The cost is that the process keeps its peak heap until
 * it exits. Done once, before the first solve. */
static void tune_malloc(void)
{
    static bool done = false;
    if (done)
        return;
    done = true;
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

TicoStatus solve_build(Build *B, const SolveParams *sp, Solution **out, SolveInfo *info)
{
    tune_malloc();
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
    X.bound = -DBL_MAX;
    X.tty = isatty(STDERR_FILENO);
    X.progress = !sp->quiet;
    X.last_print = X.t0;
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
        if (info->start_feasible) {
            X.warm = true;
            const char *old = getenv("TICO_WARM_NOPRESOLVE");
            X.cutoff = !(old && *old && strcmp(old, "0"));
        }
        else {
            free(X.start);
            X.start = NULL;
        }
    }

    int r = build_glpk_call(mip_glpk, &X);
    info->interrupted = X.stopped_by_signal;
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
        /* the tree is exhausted: every node was fathomed against the incumbent, with GLPK's
         * objective tolerance tol_obj (1e-7) relative to 1 + |incumbent| */
        status = X.mip_status == GLP_OPT ? SOL_OPTIMAL : have ? SOL_FEASIBLE : SOL_INFEASIBLE;
        if (status == SOL_OPTIMAL) {
            double floor_bound = X.obj - 1e-7 * (1.0 + fabs(X.obj));
            if (!(X.bound > floor_bound) || X.bound > X.obj)
                X.bound = X.bound > X.obj ? X.obj : floor_bound;
            X.gap = fabs(X.obj - X.bound) / (fabs(X.obj) + DBL_EPSILON);
        }
        break;
    case GLP_EMIPGAP: /* not asked for (mip_gap 0), kept for safety */
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
        if (X.gap_reached && have)
            status = SOL_OPTIMAL;
        else if (X.stopped_by_signal)
            status = have ? SOL_INTERRUPTED : SOL_NO_SOLUTION;
        else
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
    if (X.ret == GLP_EMIPGAP && !(X.gap <= sp->mip_gap)) {
        /* GLPK proved the gap below mip_gap but we saw a staler bound: claim only what GLPK proved */
        X.gap = sp->mip_gap;
        X.bound = X.obj - sp->mip_gap * fabs(X.obj);
    }

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
    s->gap_requested = sp->mip_gap;
    if (have) {
        s->gap = X.gap < DBL_MAX ? X.gap : NAN; /* NaN: no bound was seen (stopped in the root LP) */
        s->bound = X.bound > -DBL_MAX ? X.bound : NAN;
    } else {
        s->gap = s->bound = NAN;
    }
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

