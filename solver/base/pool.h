/*
 * pool.h — run independent work in worker processes (sweeps, Monte Carlo, Shapley), behind
 * one interface with interchangeable back ends (issue 14: fork workers on this machine
 * today, MPI ranks later).
 *
 * The work is a list of tasks grouped into chains. A chain runs in one process, in order,
 * so that each task may reuse what the previous task of its chain left (a warm start).
 * Which chains exist must not depend on the number of workers: then every task sees the
 * same history whatever -j is, and the output is the same for any -j (GLPK is
 * deterministic for the same input and starting point).
 *
 * Each task emits one result: a byte string (in practice a packed TaskRecord, task.h) that
 * the parent receives, indexed by task.
 *
 * The interface (what macc, mc and value see; they do not know which back end runs them):
 *   pool_open     a pool for chains of fn(ctx, chain, emit)
 *   pool_submit   queue a chain; the back end deals it to the next free worker
 *   pool_next     collect the next result of any chain (blocks), or learn that every
 *                 submitted chain has ended, or that one failed
 *   pool_cancel   stop every worker at once and drop what is pending (frees the pool)
 *   pool_close    wait for the workers and free the pool
 * pool_run (every chain, every result by task) and pool_spawn/pool_collect (one chain in
 * the background) are made of these five.
 *
 * A back end (PoolBackend) implements the same five operations on its own state. The fork
 * back end (pool.c) starts a worker process per free slot as chains are submitted (at most
 * `workers`), deals chains over a pipe as workers become free, and reads results from a
 * pipe per worker. Its workers die with the parent (PR_SET_PDEATHSIG), and SIGINT/SIGTERM
 * to the parent kill every worker first, then do what they did before the pool: call the
 * program's handler (a run-wide stop flag; the pool then fails at once) or end it. The inline back end runs the
 * chains in the calling process (workers == 1; the callback must therefore reset its
 * warm-start state at the start of each chain). An MPI back end deals chains to ranks.
 *
 * What an MPI back end needs to know (issue 14). The callers' chain functions read the
 * state the parent built before pool_open (points, candidates, a value round's tasks and
 * C(empty) solutions); fork workers inherit it. Ranks do not: the intended design is SPMD.
 * Every rank runs the same command on the same instance to the same pool_open with the
 * same (deterministic) state; in rank 0 the back end deals chains and receives the
 * results, in the other ranks it runs the chains it is dealt; then its next() hands every
 * rank the same results in the same order (rank 0 broadcasts them), so every rank
 * computes the next round's state itself (value's rounds depend on the previous round's
 * results), and only rank 0 writes files and prints. Nothing in macc, mc or value changes.
 */
#ifndef TICO_POOL_H
#define TICO_POOL_H

#include <stdbool.h>
#include <stddef.h>

#include "task.h"
#include "tico.h"

typedef struct PoolEmit PoolEmit;

/* Hand the result of task `task` to the parent (bytes are copied). */
void pool_emit(PoolEmit *e, int task, const void *bytes, size_t len);
/* The same for a task record (packed with task_pack). */
void pool_emit_record(PoolEmit *e, int task, const TaskRecord *r);
/* Task `task` of the chain begins now (before its solve). Optional: it lets an MPI rank 0
 * name the task a rank was solving when that rank dies; nothing is emitted for it. */
void pool_begin(PoolEmit *e, int task);

/* Run every task of chain `chain`, calling pool_emit once per task. Return TICO_OK or an
 * error status (the pool then fails with it). */
typedef TicoStatus (*PoolChainFn)(void *ctx, int chain, PoolEmit *emit);

typedef struct {
    unsigned char *bytes; /* malloc'd; NULL if the task emitted nothing */
    size_t len;
} PoolResult;

/* ---- back ends ------------------------------------------------------------------------ */

typedef struct {
    const char *name;
    /* State for running chains of fn(ctx, ...) on at most `workers` workers; NULL when the
     * back end cannot start (after a message). */
    void *(*open)(int workers, PoolChainFn fn, void *ctx);
    /* Queue chain `chain`. */
    TicoStatus (*submit)(void *be, int chain);
    /* The next result: 1 with *task, *bytes (malloc'd, the caller frees) and *len; 0 when
     * every submitted chain has ended; -1 when a chain failed or a worker died (*st says
     * how; the back end has then stopped dealing chains). */
    int (*next)(void *be, int *task, unsigned char **bytes, size_t *len, TicoStatus *st);
    /* Stop every worker now and free be. */
    void (*cancel)(void *be);
    /* Wait for every worker to end and free be; a failure seen while waiting, or TICO_OK. */
    TicoStatus (*close)(void *be);
    /* Show that `done` of `total` tasks are back (label, unless -q), or NULL: pool.c's bar
     * when stderr is a terminal (MPI: lines on rank 0's stderr, which mpirun pipes). */
    void (*progress)(void *be, const char *label, int done, int total);
    /* What the pool's tasks are (pool_open's label, e.g. "tico mc: scenarios"), for messages
     * about a task; NULL when the back end does not use it. */
    void (*tasks_are)(void *be, const char *label);
} PoolBackend;

extern const PoolBackend pool_fork_backend;   /* fork() workers on this machine */
extern const PoolBackend pool_inline_backend; /* the calling process */

/* A fork pool (pool_fork_backend.open) whose next() also returns, as 1 with *bytes NULL
 * and *len POOL_BEGUN, each task a worker begins (pool_begin): the MPI back end passes
 * them on to rank 0. */
#define POOL_BEGUN ((size_t)-1)
void pool_fork_report_begins(void *be);

/* The back end pool_open uses for workers > 1 (default: pool_fork_backend; an MPI build
 * sets its own at start-up, pool_mpi.h, and it then serves every pool: the ranks are the
 * workers, whatever -j says). */
void pool_set_backend(const PoolBackend *be);

/* ---- the interface ---------------------------------------------------------------------- */

typedef struct Pool Pool;

/* A pool of `workers` (>= 1; 1 runs inline). ntasks and label drive the progress line shown
 * on stderr when it is a terminal and quiet is 0 (label NULL: none). NULL when no worker
 * could be started (after a message). */
Pool *pool_open(int workers, PoolChainFn fn, void *ctx, int ntasks, const char *label, int quiet);
TicoStatus pool_submit(Pool *p, int chain);
/* 1: a result (*task, *bytes malloc'd, *len); 0: every submitted chain has ended; -1: a chain
 * failed or a worker died, *st says how (stop collecting; pool_cancel or pool_close). */
int pool_next(Pool *p, int *task, unsigned char **bytes, size_t *len, TicoStatus *st);
void pool_cancel(Pool *p);
TicoStatus pool_close(Pool *p);

/* Run nchains chains on `workers` processes (>= 1). results has ntasks entries and is
 * filled by task index; the caller frees each bytes. */
TicoStatus pool_run(int workers, int nchains, PoolChainFn fn, void *ctx, PoolResult *results, int ntasks,
                    const char *label, int quiet);

/* One chain (chain 0 of fn) in a worker process started now, while the caller goes on with
 * other work: pool_spawn returns at once (NULL when no process could be started: then run
 * the chain yourself); pool_collect waits for its results (the status as pool_run's) and
 * frees the job; pool_cancel stops it and drops them. */
typedef Pool PoolJob;
PoolJob *pool_spawn(PoolChainFn fn, void *ctx);
TicoStatus pool_collect(PoolJob *job, PoolResult *results, int ntasks);

/* The number of online processors (at least 1). */
int pool_cores(void);

#endif
