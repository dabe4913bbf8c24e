/*
 * pool.h — run independent work in worker processes (sweeps, Monte Carlo, Shapley).
 *
 * The work is a list of tasks grouped into chains. A chain runs in one process, in order,
 * so that each task may reuse what the previous task of its chain left (a warm start).
 * Which chains exist must not depend on the number of workers: then every task sees the
 * same history whatever -j is, and the output is the same for any -j (GLPK is
 * deterministic for the same input and starting point).
 *
 * Each task emits one result: a byte string that the parent receives, indexed by task.
 * With workers == 1 the chains run in the calling process, one after the other (the
 * callback must therefore reset its warm-start state at the start of each chain).
 */
#ifndef TICO_POOL_H
#define TICO_POOL_H

#include <stddef.h>

#include "tico.h"

typedef struct PoolEmit PoolEmit;

/* Hand the result of task `task` to the parent (bytes are copied). */
void pool_emit(PoolEmit *e, int task, const void *bytes, size_t len);

/* Run every task of chain `chain`, calling pool_emit once per task. Return TICO_OK or an
 * error status (the pool then fails with the first error, in chain order). */
typedef TicoStatus (*PoolChainFn)(void *ctx, int chain, PoolEmit *emit);

typedef struct {
    unsigned char *bytes; /* malloc'd; NULL if the task emitted nothing */
    size_t len;
} PoolResult;

/* Run nchains chains on `workers` processes (>= 1). results has ntasks entries and is
 * filled by task index; the caller frees each bytes. label names the work for the progress
 * line shown on stderr when it is a terminal and quiet is 0. */
TicoStatus pool_run(int workers, int nchains, PoolChainFn fn, void *ctx, PoolResult *results, int ntasks,
                    const char *label, int quiet);

/* One chain (chain 0 of fn) in a worker process started now, while the caller goes on with
 * other work: pool_spawn returns at once (NULL when no process could be started: then run
 * the chain yourself); pool_collect waits for its results (the status as pool_run's);
 * pool_cancel stops it and drops them. Either frees the job. */
typedef struct PoolJob PoolJob;
PoolJob *pool_spawn(PoolChainFn fn, void *ctx);
TicoStatus pool_collect(PoolJob *job, PoolResult *results, int ntasks);
void pool_cancel(PoolJob *job);

/* The number of online processors (at least 1). */
int pool_cores(void);

#endif
