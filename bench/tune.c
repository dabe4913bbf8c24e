/*
 * tune.c — measure GLPK's branch-and-cut options on a tico model, to choose tico's settings
 * by measurement (issue 6). Not part of `make bench`; the figures it gave are in
 * bench/RESULTS.md ("Next").
 *
 *   bench/tune INSTANCE.cfg [--time-limit S] [--gap G] CONFIG...
 *
 * Each CONFIG is a comma-separated list of GLPK settings applied to glp_init_iocp()'s
 * defaults, run on a fresh copy of the built problem:
 *   presolve  MIP presolver on        mir gmi cov clq  cut families
 *   dth fpv lpv mfv pch               branching (glp_iocp.br_tech; default dth)
 *   dfs bfs blb bph                   backtracking (glp_iocp.bt_tech; default blb)
 *   fp ps                             feasibility pump, proximity search heuristics
 *   nosr                              no simple rounding heuristic
 *   pp0 pp1 pp2                       preprocessing none/root/all (default all)
 *   only_lines only_spur only_mod     keep only these integer columns integer (lines n and
 *                                     builds b; spur binaries w; asset modules m), the others
 *                                     continuous: how much of the root gap each family makes
 *   tico                              solve_build() itself, as `tico solve` runs it
 * Output: one line per config: name, seconds, status, objective, best bound, gap.
 */
#include <float.h>
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "build.h"
#include "diag.h"
#include "load.h"
#include "solve.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

typedef struct {
    double bound;
    double t0, t_branch, t_inc; /* first branching (root done), first incumbent */
    int nodes;
} Track;

static double now(void);

static void cb(glp_tree *tree, void *info)
{
    Track *t = info;
    int b = glp_ios_best_node(tree);
    if (b)
        t->bound = glp_ios_node_bound(tree, b);
    if (glp_ios_reason(tree) == GLP_IBRANCH && t->t_branch == 0)
        t->t_branch = now() - t->t0;
    if (t->t_inc == 0 && glp_mip_status(glp_ios_get_prob(tree)) == GLP_FEAS)
        t->t_inc = now() - t->t0;
    int a, n, tot;
    glp_ios_tree_size(tree, &a, &n, &tot);
    t->nodes = tot;
}

typedef struct {
    const Build *B;
    glp_prob *src;
    const char *cfg;
    double tlim, gap;
    double secs, obj, bound;
    int ret, status;
    Track t;
} Run;

static int has(const char *cfg, const char *flag)
{
    size_t n = strlen(flag);
    for (const char *p = cfg; (p = strstr(p, flag)); p += n)
        if ((p == cfg || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
            return 1;
    return 0;
}

static int run(void *arg)
{
    Run *r = arg;
    glp_prob *q = glp_create_prob();
    glp_copy_prob(q, r->src, GLP_OFF);
    int ol = has(r->cfg, "only_lines"), os = has(r->cfg, "only_spur"), om = has(r->cfg, "only_mod");
    if (ol || os || om)
        for (int k = 0; k < r->B->nint; k++) {
            int j = r->B->int_cols[k], kind = r->B->col[j].kind;
            bool keep = (ol && (kind == COL_LINES || kind == COL_BUILD)) || (os && kind == COL_SPUR) ||
                        (om && kind == COL_MODULES);
            if (!keep)
                glp_set_col_kind(q, j, GLP_CV);
        }
    glp_iocp p;
    glp_init_iocp(&p);
    p.msg_lev = GLP_MSG_OFF;
    p.mip_gap = r->gap;
    p.tm_lim = (int)(r->tlim * 1000);
    Track t = {-DBL_MAX, 0, 0, 0, 0};
    p.cb_func = cb;
    p.cb_info = &t;
    p.presolve = has(r->cfg, "presolve") ? GLP_ON : GLP_OFF;
    p.mir_cuts = has(r->cfg, "mir") ? GLP_ON : GLP_OFF;
    p.gmi_cuts = has(r->cfg, "gmi") ? GLP_ON : GLP_OFF;
    p.cov_cuts = has(r->cfg, "cov") ? GLP_ON : GLP_OFF;
    p.clq_cuts = has(r->cfg, "clq") ? GLP_ON : GLP_OFF;
    p.fp_heur = has(r->cfg, "fp") ? GLP_ON : GLP_OFF;
    p.ps_heur = has(r->cfg, "ps") ? GLP_ON : GLP_OFF;
    if (has(r->cfg, "nosr"))
        p.sr_heur = GLP_OFF;
    if (has(r->cfg, "fpv")) p.br_tech = GLP_BR_FFV;
    if (has(r->cfg, "lpv")) p.br_tech = GLP_BR_LFV;
    if (has(r->cfg, "mfv")) p.br_tech = GLP_BR_MFV;
    if (has(r->cfg, "pch")) p.br_tech = GLP_BR_PCH;
    if (has(r->cfg, "dfs")) p.bt_tech = GLP_BT_DFS;
    if (has(r->cfg, "bfs")) p.bt_tech = GLP_BT_BFS;
    if (has(r->cfg, "bph")) p.bt_tech = GLP_BT_BPH;
    if (has(r->cfg, "pp0")) p.pp_tech = GLP_PP_NONE;
    if (has(r->cfg, "pp1")) p.pp_tech = GLP_PP_ROOT;
    double t0 = now();
    t.t0 = t0;
    if (p.presolve == GLP_OFF) {
        glp_smcp s;
        glp_init_smcp(&s);
        s.msg_lev = GLP_MSG_OFF;
        s.presolve = GLP_ON;
        glp_simplex(q, &s);
        /* glp_intopt without presolve needs an optimal basis: re-solve without presolve */
        s.presolve = GLP_OFF;
        glp_simplex(q, &s);
    }
    r->ret = glp_intopt(q, &p);
    r->secs = now() - t0;
    r->status = glp_mip_status(q);
    r->obj = glp_mip_obj_val(q);
    r->bound = t.bound;
    r->t = t;
    glp_delete_prob(q);
    return 0;
}

int main(int argc, char **argv)
{
    const char *inst = NULL;
    double tlim = 60, gap = -1;
    int first = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--time-limit") && i + 1 < argc)
            tlim = atof(argv[++i]);
        else if (!strcmp(argv[i], "--gap") && i + 1 < argc)
            gap = atof(argv[++i]);
        else if (!inst)
            inst = argv[i];
        else {
            first = i;
            break;
        }
    }
    if (!inst || !first) {
        fputs("usage: bench/tune INSTANCE.cfg [--time-limit S] [--gap G] CONFIG...\n", stderr);
        return 1;
    }
    Diag d = {0};
    Model *m = load_instance(inst, NULL, 0, &d);
    if (!m) {
        diag_print(&d, stderr);
        return 2;
    }
    if (gap < 0)
        gap = m->solver.mip_gap;
    BuildOpts bo = {false, 0.0, false};
    Build *B;
    if (build_new(m, &bo, &B) != TICO_OK)
        return 5;
    for (int i = first; i < argc; i++) {
        const char *cfg = argv[i];
        if (!strcmp(cfg, "tico")) {
            SolveParams sp;
            solve_params_default(&sp, m, true);
            sp.time_limit = tlim;
            sp.mip_gap = gap;
            sp.duals = false;
            Solution *s = NULL;
            double t0 = now();
            solve_build(B, &sp, &s, NULL);
            printf("%-28s %8.2f s  %-10s obj %.10g  gap %.4g\n", cfg, now() - t0,
                   s ? solution_status_name(s->status) : "error", s ? s->objective : 0.0, s ? s->gap : -1.0);
            solution_free(s);
        } else {
            Run r = {B, B->lp, cfg, tlim, gap, 0, 0, 0, 0, 0, {0, 0, 0, 0, 0}};
            if (build_glpk_call(run, &r) != 0)
                return 5;
            const char *st = r.status == GLP_OPT ? "optimal" : r.status == GLP_FEAS ? "feasible" : r.status == GLP_NOFEAS ? "infeasible" : "none";
            double g = (r.status == GLP_OPT || r.status == GLP_FEAS) && r.bound > -DBL_MAX
                           ? (r.obj - r.bound) / (r.obj < 0 ? -r.obj : r.obj > 1e-9 ? r.obj : 1e-9)
                           : -1;
            if (r.status == GLP_OPT && g < 0)
                g = 0;
            printf("%-28s %8.2f s  %-10s obj %.10g  gap %.4g  root %.2f s  first incumbent %.2f s  nodes %d\n", cfg,
                   r.secs, st, r.status == GLP_OPT || r.status == GLP_FEAS ? r.obj : 0.0, g, r.t.t_branch, r.t.t_inc,
                   r.t.nodes);
        }
        fflush(stdout);
    }
    build_free(B);
    model_free(m);
    diag_free(&d);
    return 0;
}
