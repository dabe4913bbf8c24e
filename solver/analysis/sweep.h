/*
 * sweep.h — what macc, mc and value share to run their solves on the pool (pool.h): the
 * one test of a usable Solution, the Solution in a task record (task.h), collecting every
 * task's record, the grouping of tasks into chains, and the one chain runner.
 *
 * The chain runner (sweep_chain) takes a chain of tasks on one fresh Build: for each task,
 * `before` sets the Build up (carbon price, fixed columns ...) and may say the task needs
 * no solve (its record then carries only an explanation); the task is solved, starting
 * from the previous solved task of the chain when the sweep is warm and `before` allows;
 * `after` undoes what `before` changed and completes the record; the record (with the
 * Solution) goes to the parent. A chain stops at the first error (no Solution at all).
 *
 * Ownership: records filled by sweep_collect belong to the caller (task_free each);
 * sweep_solution returns a new Solution (solution_free).
 */
#ifndef TICO_SWEEP_H
#define TICO_SWEEP_H

#include <stdbool.h>

#include "build.h"
#include "model.h"
#include "pool.h"
#include "solution.h"
#include "solve.h"
#include "task.h"
#include "tico.h"

/* s has a plan to report: optimal, or feasible at a limit. */
bool sweep_solved(const Solution *s);

/* Solve parameters of every solve of a sweep: quiet, no duals, no start; the gap and time
 * limit given (>= 0), else the instance's, with the gap tightened to at most 1e-6 (results
 * are differences of costs between solves and must not be smaller than the solver's
 * tolerance). */
SolveParams sweep_solve_params(const Model *m, double gap, double time_limit);

/* s packed into r (s NULL: nothing); the Solution of r, or NULL when it has none or its
 * bytes do not fit m. */
void sweep_put_solution(TaskRecord *r, const Model *m, const Solution *s);
Solution *sweep_solution(const TaskRecord *r, const Model *m);

/* Chains over n tasks: a chain starts at task i and takes the following tasks of the same
 * kind[] while it is shorter than maxlen[kind of i]... given here as len[i], the longest
 * chain allowed from i. Fills first[0 .. nchains] (first has n + 1 entries) and returns
 * nchains. */
int sweep_make_chains(int n, const int *kind, const int *len, int *first);

/* Run nchains chains of fn on `workers` workers and unpack every task's record into
 * recs[0 .. ntasks) (each task_init'ed first). Returns the pool's status; TICO_EINTERNAL
 * with a message naming `what` and the task when a task sent no readable record. */
TicoStatus sweep_collect(int workers, int nchains, PoolChainFn fn, void *ctx, int ntasks, const char *label,
                         bool quiet, const char *what, TaskRecord *recs);

typedef struct {
    const Model *m;
    BuildOpts bo;
    SolveParams sp;          /* every solve's; duals and start set per task */
    bool warm;               /* tasks may start from the previous solved task of their chain */
    int nchains;
    const int *first;        /* [nchains + 1] (sweep_make_chains) */
    void *ctx;
    /* Set B up for task k; set sp->duals; *may_start: the previous solution may start it.
     * Return an error to stop the chain, or set *skip with r->why filled: no solve. */
    TicoStatus (*before)(void *ctx, Build *B, int k, SolveParams *sp, bool *may_start, bool *skip, TaskRecord *r);
    /* After task k's solve (s NULL: it failed): undo what before changed; add to r. May be NULL. */
    TicoStatus (*after)(void *ctx, Build *B, int k, const Solution *s, TaskRecord *r);
} SweepChains;

/* A PoolChainFn over a SweepChains (the ctx). */
TicoStatus sweep_chain(void *sweep, int chain, PoolEmit *emit);

#endif
