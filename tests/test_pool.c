/*
 * test_pool.c — worker processes: results arrive by task whatever the number of workers,
 * chains run in order inside one process, failures and dead workers are reported, chains
 * are dealt to free workers through the interface (open/submit/next), and workers never
 * outlive the parent: pool_cancel, SIGTERM and SIGKILL to `tico macc -j 2` leave none.
 */
#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <sys/wait.h>
#include <time.h>
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

/* ---- the interface, and workers that die with their parent -------------------------- */

/* Chains of one task each that sleep `ms` milliseconds, then emit their chain number. */
static TicoStatus sleepy_chain(void *vctx, int chain, PoolEmit *emit)
{
    int ms = *(int *)vctx;
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
    pool_emit(emit, chain, &chain, sizeof chain);
    return TICO_OK;
}


/* Is pid gone (or a zombie nobody has reaped yet)? */
static bool gone(pid_t pid)
{
    char path[64], buf[512];
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    FILE *f = fopen(path, "r");
    if (!f)
        return true;
    size_t k = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[k] = '\0';
    char *cp = strrchr(buf, ')'), state = '?';
    if (cp)
        sscanf(cp + 1, " %c", &state);
    return state == 'Z' || state == 'X';
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

/* Chains are dealt to free workers: 6 chains of 200 ms on 2 workers arrive, every one, through
 * pool_next; a pool of 2 never starts more than 2 processes. */
static void test_interface(void)
{
    int ms = 200;
    Pool *p = pool_open(2, sleepy_chain, &ms, 6, NULL, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    for (int c = 0; c < 6; c++)
        CU_ASSERT_EQUAL(pool_submit(p, c), TICO_OK);
    pid_t kids[8];
    CU_ASSERT_EQUAL(tt_children(getpid(), kids, 8), 2);
    int seen = 0, task, r;
    unsigned char *bytes;
    size_t len;
    TicoStatus st = TICO_OK;
    while ((r = pool_next(p, &task, &bytes, &len, &st)) == 1) {
        int v = -1;
        CU_ASSERT_EQUAL(len, sizeof v);
        memcpy(&v, bytes, sizeof v);
        CU_ASSERT_EQUAL(v, task);
        seen |= 1 << task;
        free(bytes);
    }
    CU_ASSERT_EQUAL(r, 0);
    CU_ASSERT_EQUAL(seen, 0x3f);
    CU_ASSERT_EQUAL(pool_close(p), TICO_OK);
    CU_ASSERT_EQUAL(tt_children(getpid(), kids, 8), 0);
}

/* pool_cancel kills the whole worker set at once: workers in a 60 s sleep are gone when it returns. */
static void test_cancel(void)
{
    int ms = 60000;
    Pool *p = pool_open(3, sleepy_chain, &ms, 3, NULL, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    for (int c = 0; c < 3; c++)
        pool_submit(p, c);
    pid_t kids[8];
    int n = tt_children(getpid(), kids, 8);
    CU_ASSERT_EQUAL(n, 3);
    time_t t0 = time(NULL);
    pool_cancel(p);
    CU_ASSERT(time(NULL) - t0 <= 1);
    for (int k = 0; k < n; k++)
        CU_ASSERT(gone(kids[k]));
}

/* Start `tico macc -j 2` on Dunkirk (minutes of work), wait until its two workers run, send
 * sig to it; within 1 s no worker may be left. */
static void kill_sweep(int sig)
{
    pid_t pid = fork();
    CU_ASSERT_FATAL(pid >= 0);
    if (pid == 0) {
        freopen("/dev/null", "w", stdout);
        freopen("/dev/null", "w", stderr);
        execl(TT_TICO, TT_TICO, "macc", "-q", "--prices", "0:400:25", "-j", "2", "-o", TT_TMP "/pool_kill",
              "instances/dunkirk.cfg", (char *)NULL);
        _exit(127);
    }
    pid_t kids[8];
    int n = 0;
    for (int k = 0; k < 600 && n < 2; k++) { /* up to 60 s for the baseline solve and the fork */
        sleep_ms(100);
        n = tt_children(pid, kids, 8);
    }
    CU_ASSERT_EQUAL(n, 2);
    kill(pid, sig);
    int wst;
    waitpid(pid, &wst, 0);
    /* SPEC §2: tico ends its workers and exits 128 + the signal (130 / 143) */
    if (sig == SIGKILL) {
        CU_ASSERT(WIFSIGNALED(wst) && WTERMSIG(wst) == sig);
    } else {
        CU_ASSERT(WIFEXITED(wst) && WEXITSTATUS(wst) == 128 + sig);
    }
    bool all = false;
    for (int k = 0; k < 10 && !all; k++) {
        sleep_ms(100);
        all = true;
        for (int i = 0; i < n; i++)
            all &= gone(kids[i]);
    }
    CU_ASSERT(all);
    for (int i = 0; i < n; i++)
        if (!gone(kids[i]))
            kill(kids[i], SIGKILL); /* leave nothing behind even when the test fails */
}

static void test_sigterm(void) { kill_sweep(SIGTERM); }

static volatile sig_atomic_t flagged;
static void flag_handler(int sig) { flagged = sig; }

/* A program that handles SIGTERM itself (a run-wide stop flag): the pool kills its workers,
 * calls that handler, and pool_next fails at once instead of waiting for the chains. */
static void test_signal_chained(void)
{
    struct sigaction sa, old;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = flag_handler;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGTERM, &sa, &old);
    flagged = 0;
    int ms = 60000;
    Pool *p = pool_open(2, sleepy_chain, &ms, 2, NULL, 1);
    CU_ASSERT_PTR_NOT_NULL_FATAL(p);
    pool_submit(p, 0);
    pool_submit(p, 1);
    pid_t kids[8];
    int n = tt_children(getpid(), kids, 8);
    CU_ASSERT_EQUAL(n, 2);
    time_t t0 = time(NULL);
    raise(SIGTERM);
    CU_ASSERT_EQUAL(flagged, SIGTERM);
    int task;
    unsigned char *bytes = NULL;
    size_t len;
    TicoStatus st = TICO_OK;
    CU_ASSERT_EQUAL(pool_next(p, &task, &bytes, &len, &st), -1);
    CU_ASSERT_NOT_EQUAL(st, TICO_OK);
    pool_cancel(p);
    CU_ASSERT(time(NULL) - t0 <= 1);
    for (int k = 0; k < n; k++)
        CU_ASSERT(gone(kids[k]));
    struct sigaction now;
    sigaction(SIGTERM, NULL, &now);
    CU_ASSERT(now.sa_handler == flag_handler); /* the program's handler is back */
    sigaction(SIGTERM, &old, NULL);
}
static void test_sigkill(void) { kill_sweep(SIGKILL); }

TT_MAIN("pool",
        {"one worker runs the chains in process", test_one_worker},
        {"three workers give the same results", test_three_workers},
        {"more workers than chains", test_more_workers_than_chains},
        {"a failing chain fails the pool", test_failure_propagates},
        {"a worker that dies fails the pool", test_dead_worker},
        {"chains dealt through open, submit, next, close", test_interface},
        {"pool_cancel kills every worker at once", test_cancel},
        {"SIGTERM to tico macc -j 2 leaves no worker after 1 s", test_sigterm},
        {"a program's own SIGTERM handler: workers killed, handler called, pool fails", test_signal_chained},
        {"SIGKILL to tico macc -j 2 leaves no worker after 1 s (PR_SET_PDEATHSIG)", test_sigkill})
