/*
 * mc_run.c — `tico mc`'s run: candidates solved on the chain runner (sweep.h), scenarios
 * re-optimised on the pool, evaluation and statistics, then the files. See mc.c.
 */
#include "mc_int.h"
#include "xalloc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "diag.h"
#include "linalg.h"
#include "out.h"
#include "pool.h"
#include "solve.h"
#include "svg.h"
#include "sweep.h"

/* ---- solving candidates and scenarios (worker processes) -------------------------------- */

typedef struct {
    const Model *m;
    const McParams *p;
    PlanSize z;
    SolveParams sp;
    /* candidates */
    Cands *cs;
    int nchains;
    int *chain_first;       /* [nchains + 1] */
    /* scenarios (--reoptimise) */
    const double *theta;    /* [n x (K+1)] */
    int K1;
    const Solution *start;  /* borrowed: every scenario's first incumbent */
} Mc;

/* The chain runner's step before a candidate's solve (sweep.h): its carbon price, or its
 * plan's decisions fixed (a plan the instance cannot take is a record with why, no solve). */
static TicoStatus before_candidate(void *vctx, Build *B, int k, SolveParams *sp, bool *may_start, bool *skip,
                                   TaskRecord *r)
{
    Mc *x = vctx;
    const Cand *c = &x->cs->v[k];
    sp->duals = false;
    *may_start = c->kind == CAND_PRICE;
    if (c->kind == CAND_PRICE)
        return build_set_carbon_price(B, c->price);
    if (c->kind == CAND_SOLUTION) {
        char why[512] = "";
        int fixed = mc_fix_plan(B, x->z, c->plan, why, sizeof why);
        if (fixed < 0)
            return TICO_EINTERNAL;
        if (fixed == 0) {
            task_set_why(r, why);
            *skip = true;
        }
    }
    return TICO_OK;
}

/* A copy of m (shallow) whose market prices, capex and carbon price are scaled by one
 * scenario's multipliers; owns only the arrays it replaced. */
typedef struct {
    Model mm;
    double **owned;
    int nowned;
} Scaled;

static double *scaled_array(Scaled *sc, const double *base, int n, double f)
{
    double *v = xmalloc((size_t)n * sizeof *v);
    for (int t = 0; t < n; t++)
        v[t] = base[t] * f;
    sc->owned[sc->nowned++] = v;
    return v;
}

static void scaled_init(Scaled *sc, const Model *m, const double *row)
{
    const Uncertainty *U = &m->uncertainty;
    int T = m->nperiods;
    sc->mm = *m;
    sc->mm.markets = xmalloc((size_t)m->nmarkets * sizeof *m->markets);
    memcpy(sc->mm.markets, m->markets, (size_t)m->nmarkets * sizeof *m->markets);
    sc->mm.techs = xmalloc((size_t)m->ntechs * sizeof *m->techs);
    memcpy(sc->mm.techs, m->techs, (size_t)m->ntechs * sizeof *m->techs);
    sc->owned = xcalloc((size_t)(m->nmarkets + m->ntechs + 1), sizeof *sc->owned);
    sc->nowned = 0;
    for (int k = 0; k < U->nparams; k++) {
        const UncParam *u = &U->params[k];
        double f = row[1 + k];
        if (u->kind == UNC_CARBON)
            sc->mm.policy.carbon_price = scaled_array(sc, m->policy.carbon_price, T, f);
        else if (u->kind == UNC_PRICE) {
            for (int q = 0; q < m->nmarkets; q++)
                if (mc_has_target(u, m->markets[q].commodity))
                    sc->mm.markets[q].price = scaled_array(sc, m->markets[q].price, T, f);
        } else {
            for (int j = 0; j < u->ntargets; j++)
                sc->mm.techs[u->targets[j]].capex = scaled_array(sc, m->techs[u->targets[j]].capex, T, f);
        }
    }
}

static void scaled_free(Scaled *sc)
{
    for (int k = 0; k < sc->nowned; k++)
        free(sc->owned[k]);
    free(sc->owned);
    free(sc->mm.markets);
    free(sc->mm.techs);
}

/* One scenario's record: values "status" (SolStatus), "cost" (its objective, NaN unsolved)
 * and "plan" (mc_plan_len doubles, when solved). */
static TicoStatus run_scenario(void *vctx, int chain, PoolEmit *emit)
{
    Mc *x = vctx;
    pool_begin(emit, chain); /* MPI: rank 0 can name the scenario if this process dies */
    Scaled sc;
    scaled_init(&sc, x->m, x->theta + (size_t)chain * (size_t)x->K1);
    BuildOpts bo = {false, 0.0, false};
    Build *B;
    TicoStatus st = build_new(&sc.mm, &bo, &B);
    if (st != TICO_OK) {
        scaled_free(&sc);
        return st;
    }
    SolveParams sp = x->sp;
    sp.duals = false;
    sp.start = x->start;
    Solution *s = NULL;
    st = solve_build(B, &sp, &s, NULL);
    if (s) {
        TaskRecord r;
        task_init(&r);
        task_set(&r, "status", s->status);
        task_set(&r, "cost", sweep_solved(s) ? s->objective : NAN);
        if (sweep_solved(s)) {
            double *v = xcalloc((size_t)mc_plan_len(x->z) + 1, sizeof *v);
            mc_plan_from_solution(x->z, s, v);
            task_set_vec(&r, "plan", v, mc_plan_len(x->z));
            free(v);
        }
        pool_emit_record(emit, chain, &r);
        task_free(&r);
        st = TICO_OK;
    }
    solution_free(s);
    build_free(B);
    scaled_free(&sc);
    return st;
}


static void reopt_free(Reopt *ro)
{
    free(ro->cost);
    free(ro->status);
    free(ro->match);
    free(ro->match_routes);
    free(ro->match_plants);
    free(ro->match_all);
    free(ro->excess);
    free(ro->mean_fixed);
}

TicoStatus mc_run(const Model *m, const McParams *p)
{
    const Uncertainty *U = &m->uncertainty;
    if (!U->present) {
        fprintf(stderr, "%s: uncertainty: the instance has no 'uncertainty' section; tico mc needs one, e.g.\n"
                "  uncertainty = { parameters = ( { id = \"co2\"; kind = \"carbon_price\"; distribution = \"uniform\"; "
                "low = 0.6; high = 1.6; } ); };\n(README: Robustness)\n", m->files[0]);
        return TICO_EINPUT;
    }
    /* --samples and --seed override the section; the command line's defaults are 1000 and 1 */
    int n = p->samples > 0 ? p->samples : U->samples > 0 ? U->samples : 1000;
    uint64_t seed = p->seed >= 0 ? (uint64_t)p->seed : U->seed >= 0 ? (uint64_t)U->seed : 1;
    int K = U->nparams, K1 = K + 1;

    Mc x = {0};
    x.m = m;
    x.p = p;
    x.z = mc_plan_size(m);
    x.sp = sweep_solve_params(m, p->gap, p->time_limit);

    /* candidates */
    Cands cs = {0};
    if (p->pathways) {
        Diag d = {0};
        if (!mc_read_pathways(m, x.z, p->pathways, &cs, &d)) {
            diag_print(&d, stderr);
            fprintf(stderr, "tico: %d problem%s found; nothing written\n", d.n, d.n == 1 ? "" : "s");
            diag_free(&d);
            mc_cands_free(&cs);
            return TICO_EINPUT;
        }
        diag_free(&d);
    } else {
        double from, to, step;
        mc_cand_add(&cs, CAND_OPTIMUM, "optimum");
        mc_parse_range(DEFAULT_SWEEP, &from, &to, &step);
        mc_add_range(&cs, m, from, to, step);
    }
    /* chains: consecutive prices CHAIN_LEN at a time, anything else alone */
    x.cs = &cs;
    x.chain_first = xcalloc((size_t)cs.n + 2, sizeof *x.chain_first);
    int *kind = xcalloc((size_t)cs.n + 1, sizeof *kind), *len = xcalloc((size_t)cs.n + 1, sizeof *len);
    for (int i = 0; i < cs.n; i++) {
        kind[i] = (int)cs.v[i].kind;
        len[i] = cs.v[i].kind == CAND_PRICE ? CHAIN_LEN : 1;
    }
    x.nchains = sweep_make_chains(cs.n, kind, len, x.chain_first);
    free(kind);
    free(len);
    int workers = p->jobs;
    if (!p->quiet)
        fprintf(stderr, "tico mc: solving %d candidate pathway%s\n", cs.n, cs.n == 1 ? "" : "s");
    SweepChains sw = {m, {false, 0.0, false}, x.sp, !p->cold, x.nchains, x.chain_first, &x, before_candidate, NULL};
    TaskRecord *rec = xcalloc((size_t)cs.n + 1, sizeof *rec);
    TicoStatus st = sweep_collect(workers, x.nchains, sweep_chain, &sw, cs.n, "tico mc: candidates", p->quiet,
                                  "tico mc: candidate", rec);
    Solution **sol = xcalloc((size_t)cs.n + 1, sizeof *sol);
    for (int i = 0; i < cs.n; i++) {
        if (st == TICO_OK && *rec[i].why) {
            fprintf(stderr, "%s: pathway '%s' cannot be a plan of this instance: %s\n", cs.v[i].path, cs.v[i].label,
                    rec[i].why);
            st = TICO_EINPUT;
        } else if (st == TICO_OK && !(sol[i] = sweep_solution(&rec[i], m))) {
            fprintf(stderr, "tico mc: candidate '%s' came back unreadable from its worker\n", cs.v[i].label);
            st = TICO_EINTERNAL;
        }
        task_free(&rec[i]);
    }
    free(rec);
    for (int i = 0; i < cs.n && st == TICO_OK; i++) {
        if (sweep_solved(sol[i]))
            continue;
        const char *what = solution_status_name(sol[i]->status);
        if (cs.v[i].kind == CAND_OPTIMUM) {
            fprintf(stderr, "tico mc: the instance has no solution (%s); nothing written (tico solve --elastic "
                    "explains an infeasible instance)\n", what);
            st = sol[i]->status == SOL_INFEASIBLE ? TICO_EINFEASIBLE : TICO_ENOSOL;
        } else if (cs.v[i].kind == CAND_SOLUTION) {
            fprintf(stderr, "%s: pathway '%s': its decisions are %s for this instance; nothing written\n",
                    cs.v[i].path, cs.v[i].label, sol[i]->status == SOL_INFEASIBLE ? "infeasible" : "not solved");
            st = sol[i]->status == SOL_INFEASIBLE ? TICO_EINPUT : TICO_ENOSOL;
        } else if (!p->quiet) {
            fprintf(stderr, "tico mc: warning: candidate '%s' has no solution (%s); left out\n", cs.v[i].label, what);
        }
    }

    /* pathways: candidates with distinct decisions */
    Pathway *pw = xcalloc((size_t)cs.n, sizeof *pw);
    int J = 0, L = mc_plan_len(x.z);
    for (int i = 0; i < cs.n && st == TICO_OK; i++) {
        if (!sweep_solved(sol[i]))
            continue;
        double *v = xmalloc((size_t)L * sizeof *v);
        mc_plan_from_solution(x.z, sol[i], v);
        int same = -1;
        for (int j = 0; j < J && same < 0; j++)
            if (mc_plan_same(x.z, mc_plan_view(x.z, v), mc_plan_view(x.z, pw[j].plan), true))
                same = j;
        if (same >= 0) {
            Pathway *pp = &pw[same];
            size_t l = strlen(pp->also) + strlen(cs.v[i].label) + 2;
            char *a = xmalloc(l);
            snprintf(a, l, "%s%s%s", pp->also, *pp->also ? " " : "", cs.v[i].label);
            free(pp->also);
            pp->also = a;
            free(v);
            continue;
        }
        pw[J] = (Pathway){&cs.v[i], sol[i], v, xstrdup("")};
        sol[i] = NULL;
        J++;
    }
    if (st == TICO_OK && J == 0) {
        fprintf(stderr, "tico mc: no candidate pathway has a solution; nothing written\n");
        st = TICO_ENOSOL;
    }

    /* scenarios and the cost matrix */
    double *theta = NULL, *coef = NULL, *cost = NULL;
    McStats *stats = NULL;
    Reopt ro = {0};
    bool reopt = p->reoptimise && st == TICO_OK;
    if (st == TICO_OK) {
        theta = xmalloc((size_t)n * (size_t)K1 * sizeof *theta);
        mc_sample(U, n, seed, theta);
        coef = xmalloc((size_t)K1 * (size_t)J * sizeof *coef);
        double *cj = xmalloc((size_t)K1 * sizeof *cj);
        for (int j = 0; j < J; j++) {
            mc_coefficients(m, pw[j].sol, cj);
            for (int k = 0; k < K1; k++)
                coef[(size_t)k * (size_t)J + (size_t)j] = cj[k];
        }
        free(cj);
    }
    if (reopt) {
        /* every scenario solved again, from the first pathway's solution (worker processes;
         * before any BLAS call, so that no BLAS thread exists when the workers fork) */
        x.theta = theta;
        x.K1 = K1;
        x.start = pw[0].sol;
        if (!p->quiet)
            fprintf(stderr, "tico mc: re-optimising %d scenario%s\n", n, n == 1 ? "" : "s");
        TaskRecord *rr = xcalloc((size_t)n + 1, sizeof *rr);
        st = sweep_collect(workers, n, run_scenario, &x, n, "tico mc: scenarios", p->quiet, "tico mc: scenario", rr);
        ro.n = n;
        ro.cost = xmalloc((size_t)n * sizeof *ro.cost);
        ro.status = xmalloc((size_t)n * sizeof *ro.status);
        ro.match = xmalloc((size_t)n * sizeof *ro.match);
        ro.match_routes = xcalloc((size_t)J, sizeof *ro.match_routes);
        ro.match_plants = xcalloc((size_t)J, sizeof *ro.match_plants);
        ro.match_all = xcalloc((size_t)J, sizeof *ro.match_all);
        ro.excess = xcalloc((size_t)J, sizeof *ro.excess);
        ro.mean_fixed = xcalloc((size_t)J, sizeof *ro.mean_fixed);
        for (int i = 0; i < n; i++) {
            ro.cost[i] = NAN;
            ro.status[i] = -1;
            ro.match[i] = -1;
            int nv = 0;
            const double *plan = task_get_vec(&rr[i], "plan", &nv);
            double cost_i = task_get(&rr[i], "cost", NAN);
            if (st == TICO_OK && (isfinite(cost_i) ? nv == L : nv == 0) && isfinite(task_get(&rr[i], "status", NAN))) {
                ro.status[i] = (int)task_get(&rr[i], "status", -1);
                ro.cost[i] = cost_i;
                if (isfinite(cost_i)) {
                    Plan pi = mc_plan_view(x.z, (double *)plan);
                    for (int j = 0; j < J; j++) {
                        Plan pj = mc_plan_view(x.z, pw[j].plan);
                        if (mc_plan_same(x.z, pi, pj, false)) {
                            ro.match_routes[j] += 1.0;
                            if (ro.match[i] < 0)
                                ro.match[i] = j;
                        }
                        if (mc_plan_same(x.z, pi, pj, true))
                            ro.match_all[j] += 1.0;
                        ro.match_plants[j] += mc_plants_same(m, pi, pj) / (m->nplants ? m->nplants : 1);
                    }
                }
            } else if (st == TICO_OK) {
                fprintf(stderr, "tico mc: scenario %d came back unreadable from its worker\n", i);
                st = TICO_EINTERNAL;
            }
            task_free(&rr[i]);
        }
        free(rr);
    }
    if (st == TICO_OK) {
        cost = xmalloc((size_t)n * (size_t)J * sizeof *cost);
        if (mc_evaluate(n, K1, J, theta, coef, cost) != 0)
            st = TICO_EINTERNAL;
    }
    if (st == TICO_OK) {
        stats = xcalloc((size_t)J, sizeof *stats);
        mc_stats(n, J, cost, stats);
    }
    if (reopt && st == TICO_OK) {
        double *rc = xmalloc((size_t)n * sizeof *rc);
        int ns = 0;
        for (int i = 0; i < n; i++) {
            if (!isfinite(ro.cost[i]))
                continue;
            rc[ns++] = ro.cost[i];
            for (int j = 0; j < J; j++) {
                double c = cost[(size_t)i * (size_t)J + (size_t)j];
                ro.mean_fixed[j] += c;
                ro.excess[j] += c - ro.cost[i];
            }
        }
        ro.solved = ns;
        mc_stats(ns, 1, rc, &ro.st);
        free(rc);
        ro.best = 0;
        for (int j = 0; j < J; j++) {
            double d = ns ? ns : 1;
            ro.mean_fixed[j] /= d;
            ro.excess[j] = ns ? ro.excess[j] / d : NAN;
            ro.match_routes[j] = ns ? ro.match_routes[j] / d : NAN;
            ro.match_plants[j] = ns ? ro.match_plants[j] / d : NAN;
            ro.match_all[j] = ns ? ro.match_all[j] / d : NAN;
            if (ro.mean_fixed[j] < ro.mean_fixed[ro.best])
                ro.best = j;
        }
        ro.evpi = ns ? ro.mean_fixed[ro.best] - ro.st.mean : NAN;
        if (ns < n && !p->quiet)
            fprintf(stderr, "tico mc: warning: %d scenario%s without a solution in the re-optimisation; the "
                    "statistics are over the %d solved\n", n - ns, n - ns == 1 ? "" : "s", ns);
    }

    if (st == TICO_OK) {
        const char *dir = p->outdir;
        OutSet *os = out_begin(dir);
        if (!os) {
            st = TICO_EINTERNAL;
        } else {
            FILE *f1 = out_open(os, "mc.csv"), *f2 = out_open(os, "mc_scenarios.csv"), *f3 = out_open(os, "mc.svg");
            if (f1 && f2 && f3) {
                mc_write_csv(f1, m, pw, J, coef, stats, n, reopt ? &ro : NULL);
                mc_write_scenarios_csv(f2, m, pw, J, n, theta, cost, reopt ? &ro : NULL);
                mc_write_svg(f3, pw, J, n, cost, stats, reopt ? &ro : NULL);
                st = out_commit(os);
            } else {
                out_abort(os);
                st = TICO_EINTERNAL;
            }
        }
        if (st == TICO_OK && !p->quiet)
            mc_print_table(m, pw, J, stats, reopt ? &ro : NULL, n, seed, cs.n, dir);
    }

    reopt_free(&ro);
    free(theta);
    free(coef);
    free(cost);
    free(stats);
    for (int j = 0; j < J; j++) {
        solution_free(pw[j].sol);
        free(pw[j].plan);
        free(pw[j].also);
    }
    free(pw);
    for (int i = 0; i < cs.n; i++)
        solution_free(sol[i]);
    free(sol);
    free(x.chain_first);
    mc_cands_free(&cs);
    return st;
}

