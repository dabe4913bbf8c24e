/*
 * sweep.c — the chain runner and the helpers macc, mc and value share (see sweep.h).
 */
#include "sweep.h"
#include "xalloc.h"
#include "checkpoint.h"

#include <stdio.h>
#include <stdlib.h>

bool sweep_solved(const Solution *s)
{
    return s && (s->status == SOL_OPTIMAL || s->status == SOL_FEASIBLE);
}

SolveParams sweep_solve_params(const Model *m, double gap, double time_limit)
{
    SolveParams sp;
    solve_params_default(&sp, m, true);
    sp.quiet = true;
    sp.duals = false;
    sp.start = NULL;
    if (gap >= 0)
        sp.mip_gap = gap;
    else if (sp.mip_gap > 1e-6)
        sp.mip_gap = 1e-6;
    if (time_limit >= 0)
        sp.time_limit = time_limit;
    return sp;
}

void sweep_put_solution(TaskRecord *r, const Model *m, const Solution *s)
{
    size_t len = 0;
    unsigned char *bytes = s ? solution_pack(m, s, &len) : NULL;
    task_take_solution(r, bytes, len);
}

Solution *sweep_solution(const TaskRecord *r, const Model *m)
{
    return r->solution ? solution_unpack(m, r->solution, r->solution_len) : NULL;
}

int sweep_make_chains(int n, const int *kind, const int *len, int *first)
{
    int nchains = 0;
    for (int i = 0; i < n;) {
        first[nchains++] = i;
        int j = i + 1;
        while (j < n && j - i < len[i] && kind[j] == kind[i])
            j++;
        i = j;
    }
    first[nchains] = n;
    return nchains;
}

TicoStatus sweep_collect(int workers, int nchains, PoolChainFn fn, void *ctx, int ntasks, const char *label,
                         bool quiet, const char *what, TaskRecord *recs)
{
    for (int i = 0; i < ntasks; i++)
        task_init(&recs[i]);
    if (nchains == 0)
        return TICO_OK;
    PoolResult *res = xcalloc((size_t)ntasks + 1, sizeof *res);
    TicoStatus st = pool_run(workers, nchains, fn, ctx, res, ntasks, label, quiet);
    for (int i = 0; i < ntasks; i++) {
        if (st == TICO_OK) {
            task_free(&recs[i]);
            if (!res[i].bytes || !task_unpack(res[i].bytes, res[i].len, &recs[i])) {
                task_init(&recs[i]);
                fprintf(stderr, "%s %d came back unreadable from its worker\n", what, i);
                st = TICO_EINTERNAL;
            }
        }
        free(res[i].bytes);
    }
    free(res);
    return st;
}

TicoStatus sweep_chain(void *vsweep, int chain, PoolEmit *emit)
{
    const SweepChains *w = vsweep;
    Build *B;
    CHECK(build_new(w->m, &w->bo, &B));
    Solution *prev = NULL;
    TicoStatus st = TICO_OK;
    for (int k = w->first[chain]; k < w->first[chain + 1] && st == TICO_OK; k++) {
        const unsigned char *kept;
        size_t kl;
        if (checkpoint_lookup(k, &kept, &kl)) {
            /* finished in a run that stopped (--resume): its record as it was, and its
             * solution as the next task's start */
            pool_emit(emit, k, kept, kl);
            TaskRecord old;
            if (w->warm && task_unpack(kept, kl, &old)) {
                Solution *s = sweep_solution(&old, w->m);
                if (sweep_solved(s)) {
                    solution_free(prev);
                    prev = s;
                } else {
                    solution_free(s);
                }
                task_free(&old);
            }
            continue;
        }
        pool_begin(emit, k); /* MPI: rank 0 can name the task if this process dies */
        TaskRecord r;
        task_init(&r);
        SolveParams sp = w->sp;
        sp.start = NULL;
        bool may_start = false, skip = false;
        if ((st = w->before(w->ctx, B, k, &sp, &may_start, &skip, &r)) != TICO_OK) {
            task_free(&r);
            break;
        }
        if (skip) {
            pool_emit_record(emit, k, &r);
            task_free(&r);
            continue;
        }
        if (w->warm && may_start)
            sp.start = prev;
        Solution *s = NULL;
        TicoStatus ss = solve_build(B, &sp, &s, NULL);
        if (w->after)
            st = w->after(w->ctx, B, k, s, &r);
        if (!s || st != TICO_OK) {
            if (st == TICO_OK)
                st = ss;
            solution_free(s);
            task_free(&r);
            break;
        }
        sweep_put_solution(&r, w->m, s);
        pool_emit_record(emit, k, &r);
        task_free(&r);
        if (sweep_solved(s)) {
            solution_free(prev);
            prev = s;
        } else {
            solution_free(s);
        }
    }
    solution_free(prev);
    build_free(B);
    return st;
}
