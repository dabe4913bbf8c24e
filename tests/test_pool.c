/*
 * test_pool.c — worker processes: results arrive by task whatever the number of workers,
 * chains run in order inside one process, failures and dead workers are reported.
 */
#include <signal.h>
#include <unistd.h>

#include "pool.h"
#include "testing.h"

/* 10 tasks in chains of 3 (the last has 1). Each task emits "task:previous task of the same
 * chain", proving the order inside a chain, and (in another process) a large payload. */
#define NTASK 10
#define CHAIN 3

typedef struct {
    int fail_chain;   /* chain that returns an error, -1 none */
    int crash_chain;  /* chain whose worker dies, -1 none */
} Ctx;

static TicoStatus run_chain(void *vctx, int chain, PoolEmit *emit)
{
    Ctx *ctx = vctx;
    if (chain == ctx->fail_chain)
        return TICO_EINFEASIBLE;
    if (chain == ctx->crash_chain)
        _exit(77);
    int prev = -1;
    for (int t = chain * CHAIN; t < NTASK && t < (chain + 1) * CHAIN; t++) {
        char buf[100000];
        int n = snprintf(buf, 64, "%d:%d:", t, prev);
        memset(buf + n, 'a' + t, sizeof buf - (size_t)n); /* 100 kB: more than a pipe holds */
        pool_emit(emit, t, buf, sizeof buf);
        prev = t;
    }
    return TICO_OK;
}

static void check_results(int workers)
{
    Ctx ctx = {-1, -1};
    PoolResult r[NTASK];
    int nchains = (NTASK + CHAIN - 1) / CHAIN;
    CU_ASSERT_EQUAL_FATAL(pool_run(workers, nchains, run_chain, &ctx, r, NTASK, "test", 1), TICO_OK);
    for (int t = 0; t < NTASK; t++) {
        char want[64];
        int prev = t % CHAIN == 0 ? -1 : t - 1;
        int n = snprintf(want, sizeof want, "%d:%d:", t, prev);
        CU_ASSERT_EQUAL(r[t].len, 100000u);
        CU_ASSERT(r[t].bytes && memcmp(r[t].bytes, want, (size_t)n) == 0);
        CU_ASSERT(r[t].bytes && r[t].bytes[99999] == 'a' + t);
        free(r[t].bytes);
    }
}

static void test_one_worker(void) { check_results(1); }
static void test_three_workers(void) { check_results(3); }
static void test_more_workers_than_chains(void) { check_results(16); }

static void test_failure_propagates(void)
{
    Ctx ctx = {2, -1};
    PoolResult r[NTASK];
    CU_ASSERT_EQUAL(pool_run(2, 4, run_chain, &ctx, r, NTASK, "test", 1), TICO_EINFEASIBLE);
    for (int t = 0; t < NTASK; t++)
        free(r[t].bytes);
    CU_ASSERT_EQUAL(pool_run(1, 4, run_chain, &ctx, r, NTASK, "test", 1), TICO_EINFEASIBLE);
    for (int t = 0; t < NTASK; t++)
        free(r[t].bytes);
}

static void test_dead_worker(void)
{
    Ctx ctx = {-1, 1};
    PoolResult r[NTASK];
    TicoStatus st = pool_run(2, 4, run_chain, &ctx, r, NTASK, "test", 1);
    CU_ASSERT_NOT_EQUAL(st, TICO_OK);
    for (int t = 0; t < NTASK; t++)
        free(r[t].bytes);
}

TT_MAIN("pool",
        {"one worker runs the chains in process", test_one_worker},
        {"three workers give the same results", test_three_workers},
        {"more workers than chains", test_more_workers_than_chains},
        {"a failing chain fails the pool", test_failure_propagates},
        {"a worker that dies fails the pool", test_dead_worker})
