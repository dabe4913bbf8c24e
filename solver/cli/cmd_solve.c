/*
 * cmd_solve.c — `tico solve`: the instance, then its baseline (carbon price 0, no cap, no
 * budget; in a worker beside the pathway when there is a second core), then the reports.
 */
#include "cli.h"
#include "out.h"
#include "pool.h"
#include "report.h"
#include "solve.h"
#include "stop.h"
#include "task.h"
#include "xalloc.h"

#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
        solve_params_default(&sp, m, o->quiet);
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

/* The baseline in a worker: one task record (task.h), its status and the packed solution. */
static TicoStatus baseline_chain(void *ctx, int chain, PoolEmit *emit)
{
    (void)chain;
    const BaselineJob *x = ctx;
    Solution *s = NULL;
    TaskRecord r;
    task_init(&r);
    r.status = solve_baseline(x->m, x->o, true, &s);
    if (s) {
        size_t len = 0;
        unsigned char *bytes = solution_pack(x->m, s, &len);
        task_take_solution(&r, bytes, len);
    }
    pool_emit_record(emit, 0, &r);
    task_free(&r);
    solution_free(s);
    return TICO_OK;
}

static TicoStatus collect_baseline(PoolJob *job, const Model *m, Solution **out)
{
    *out = NULL;
    PoolResult res;
    TicoStatus st = pool_collect(job, &res, 1);
    TicoStatus bs = TICO_EINTERNAL;
    TaskRecord r;
    if (st == TICO_OK && res.bytes && task_unpack(res.bytes, res.len, &r)) {
        bs = r.status;
        if (r.solution && !(*out = solution_unpack(m, r.solution, r.solution_len)))
            bs = TICO_EINTERNAL;
        task_free(&r);
    }
    free(res.bytes);
    return st != TICO_OK ? st : bs;
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
    solve_params_default(&sp, m, o->quiet);
    Solution *sol = NULL;
    SolveInfo info;
    TicoStatus st = solve_build(B, &sp, &sol, &info);
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
    } else if (st == TICO_ENOSOL && info.interrupted) {
        fprintf(stderr, "tico solve: stopped by %s before any feasible solution was found; nothing written\n",
                stop_requested() == SIGTERM ? "SIGTERM" : "Ctrl-C");
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
        return info.interrupted ? stop_status() : st;
    }
    build_free(B);
    bool stopped = info.interrupted;
    char words[SOL_WORDS_LEN];
    if (sol->status == SOL_FEASIBLE || sol->status == SOL_INTERRUPTED)
        fprintf(stderr, "tico solve: warning: stopped by %s before the gap asked for (%.2g %%) was proved; writing the "
                        "best solution found: %s\n",
                stopped ? (stop_requested() == SIGTERM ? "SIGTERM" : "Ctrl-C") : "the time limit",
                100.0 * sol->gap_requested, solution_status_words(sol, words));

    /* the baseline: same model, carbon price 0, no cap, no budget (SPEC §6.3) */
    Solution *base = NULL;
    if (is_baseline(m)) {
        base = sol;
    } else if (stopped) {
        pool_cancel(job);
        fputs("tico solve: the baseline is skipped after the stop; the TIC report leaves baseline figures out\n", stderr);
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
    out_run_gap(sol->gap); /* the header lines and run.json name the proven gap */
    st = report_write(m, sol, base, dir);
    if (st == TICO_OK && !o->quiet) {
        int T = m->nperiods;
        printf("%s: %s", m->name, solution_status_words(sol, words));
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
    if (st == TICO_OK && stopped)
        return stop_status();
    return st;
}
