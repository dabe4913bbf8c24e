/*
 * pool_mpi.c — the MPI back end of the pool (see pool_mpi.h and pool.h). Built with
 * `make MPI=1` only.
 *
 * Messages (MPI_COMM_WORLD, bytes):
 *   DEAL  rank 0 -> worker   int32 chain to run, or STOP (-1): every chain of the pool has ended
 *   BEGIN worker -> rank 0   int32 task the rank's solver process begins (pool_begin)
 *   REC   worker -> rank 0   int32 task, then the task's result bytes (as the chain emitted them)
 *   END   worker -> rank 0   int32 chain, int32 TicoStatus, then (when it failed) the rank's
 *                            messages written since the chain began
 * After the STOPs, rank 0 sends every rank the results in the order it handed them out
 * (MPI_Ibcast of a uint64 length, then of the list: int32 task, uint64 len, bytes ...).
 * Every wait is MPI_Iprobe/MPI_Test with sleeps growing from 10 us to 1 ms.
 */
#include "pool_mpi.h"

#include <errno.h>
#include <fcntl.h>
#include <mpi.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "checkpoint.h"
#include "out.h"
#include "stop.h"
#include "xalloc.h"

enum { TAG_DEAL = 1, TAG_REC = 2, TAG_END = 3, TAG_BEGIN = 4 };
#define STOP (-1)
#define HOSTLEN 64
#define MSGMAX 4000           /* the last bytes of a failed rank's messages that travel */
#define CHUNK (1 << 30)       /* the largest piece of one MPI_Ibcast */

static int g_rank, g_size = 1;
static bool g_init, g_distributed;
static int g_errfd = -1;      /* ranks > 0: where their stderr goes */
static long *g_pid;           /* rank 0: every rank's pid and host */
static char (*g_host)[HOSTLEN];
static bool *g_local;         /* rank 0: the rank runs on rank 0's host */

/* ---- waiting without spinning ---------------------------------------------------------- */

static void nap(long *ns)
{
    struct timespec t = {0, *ns};
    nanosleep(&t, NULL);
    if (*ns < 1000000)
        *ns *= 2;
}

static void wait_probe(int src, int tag, MPI_Status *s)
{
    long ns = 10000;
    int flag = 0;
    for (;;) {
        MPI_Iprobe(src, tag, MPI_COMM_WORLD, &flag, s);
        if (flag)
            return;
        nap(&ns);
    }
}

static void wait_req(MPI_Request *rq)
{
    long ns = 10000;
    int flag = 0;
    for (;;) {
        MPI_Test(rq, &flag, MPI_STATUS_IGNORE);
        if (flag)
            return;
        nap(&ns);
    }
}

/* Receive the message s announces into a malloc'd buffer; its length in *n. */
static unsigned char *recv_bytes(const MPI_Status *s, int *n)
{
    MPI_Get_count(s, MPI_BYTE, n);
    unsigned char *b = xmalloc(*n > 0 ? (size_t)*n : 1);
    MPI_Recv(b, *n, MPI_BYTE, s->MPI_SOURCE, s->MPI_TAG, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
    return b;
}

/* Broadcast len bytes of *buf from rank 0 (the others get a malloc'd *buf and *len). */
static void bcast_bytes(unsigned char **buf, uint64_t *len)
{
    MPI_Request rq;
    MPI_Ibcast(len, 1, MPI_UINT64_T, 0, MPI_COMM_WORLD, &rq);
    wait_req(&rq);
    if (g_rank != 0)
        *buf = xmalloc(*len ? (size_t)*len : 1);
    for (uint64_t off = 0; off < *len; off += CHUNK) {
        int n = *len - off < CHUNK ? (int)(*len - off) : CHUNK;
        MPI_Ibcast(*buf + off, n, MPI_BYTE, 0, MPI_COMM_WORLD, &rq);
        wait_req(&rq);
    }
}

/* ---- a growing byte buffer --------------------------------------------------------------- */

typedef struct {
    unsigned char *b;
    size_t n, cap;
} Bytes;

static void put(Bytes *x, const void *p, size_t n)
{
    if (x->cap - x->n < n) {
        x->cap = 2 * x->cap + n + 4096;
        x->b = xrealloc(x->b, x->cap);
    }
    if (n)
        memcpy(x->b + x->n, p, n);
    x->n += n;
}

/* ---- the back end -------------------------------------------------------------------------- */

typedef struct {
    PoolChainFn fn;
    void *ctx;
    /* rank 0 */
    int *queue, qhead, qn, qcap;  /* chains not yet dealt */
    int *busy;                    /* [g_size] the chain rank r runs, -1 idle */
    int *last;                    /* [g_size] the last task of that chain back, -1 none */
    int *now;                     /* [g_size] the task it began last (BEGIN), -1 none */
    char *label;                  /* what the tasks are (pool_open's label) */
    int running;                  /* chains dealt and not ended */
    Bytes list;                   /* every result back, in order */
    TicoStatus failed;
    bool ended;                   /* STOPs sent and the list sent */
    int shown;                    /* progress: the last twentieth shown */
    /* ranks > 0 */
    bool served;
    unsigned char *got;           /* the list from rank 0 */
    uint64_t glen, goff;
} Mpi;

static bool g_spent;              /* rank 0: a pool failed while ranks ran chains */

/* What rank r runs, in words: "task 3 of tico macc (chain 0)". */
static void describe(const Mpi *m, int r, char *b, size_t cap)
{
    const char *of = m->label ? m->label : "the pool";
    if (m->now[r] >= 0)
        snprintf(b, cap, "task %d of %s (chain %d)", m->now[r], of, m->busy[r]);
    else if (m->last[r] >= 0)
        snprintf(b, cap, "chain %d of %s, in the task after task %d (the last of the chain to come back)",
                 m->busy[r], of, m->last[r]);
    else
        snprintf(b, cap, "chain %d of %s, in its first task (no task of the chain came back)", m->busy[r], of);
}

/* Rank 0: rank r's process is gone (on rank 0's host: its pid no longer exists). */
static bool gone(int r)
{
    return g_local[r] && kill((pid_t)g_pid[r], 0) != 0 && errno == ESRCH;
}

static bool any_gone(void)
{
    for (int r = 1; r < g_size; r++)
        if (gone(r))
            return true;
    return false;
}

/* Rank 0: a rank died, or a stop signal came (mpirun sends SIGTERM to every rank when one of
 * them dies, on this host or another): say which rank died and what it was solving, or, when
 * none is seen dead, what each rank was solving; the pool fails (5, or the stop's status). */
static void fail_dead(Mpi *m)
{
    int dead = 0;
    char what[256];
    for (int r = 1; r < g_size; r++) {
        if (!gone(r))
            continue;
        if (m->busy[r] >= 0)
            describe(m, r, what, sizeof what);
        fprintf(stderr, "tico: rank %d (pid %ld on %s) died %s%s\n", r, g_pid[r], g_host[r],
                m->busy[r] >= 0 ? "while solving " : "between tasks", m->busy[r] >= 0 ? what : "");
        dead++;
    }
    if (dead == 0) {
        fprintf(stderr, "tico: stopped by a signal (mpirun sends SIGTERM to every rank when a rank dies)");
        for (int r = 1; r < g_size; r++)
            if (m->busy[r] >= 0) {
                describe(m, r, what, sizeof what);
                fprintf(stderr, "; rank %d (pid %ld on %s) was solving %s", r, g_pid[r], g_host[r], what);
            }
        fputc('\n', stderr);
    }
    m->failed = dead || !stop_requested() ? TICO_EINTERNAL : stop_status();
    g_spent = true;
}

/* Rank 0: the next message from any rank; false, without one, when a rank on this host has
 * died or a stop signal came (checked about every 64 ms). */
static bool wait_any(MPI_Status *s)
{
    long ns = 10000;
    int flag = 0;
    for (unsigned k = 0;; k++) {
        MPI_Iprobe(MPI_ANY_SOURCE, MPI_ANY_TAG, MPI_COMM_WORLD, &flag, s);
        if (flag)
            return true;
        if (stop_requested() || (k % 64 == 63 && any_gone()))
            return false;
        nap(&ns);
    }
}

static void deal(Mpi *m)
{
    for (int r = 1; r < g_size && m->qn > 0 && m->failed == TICO_OK; r++) {
        if (m->busy[r] >= 0)
            continue;
        int32_t c = m->queue[m->qhead++];
        m->qn--;
        MPI_Send(&c, 1, MPI_INT32_T, r, TAG_DEAL, MPI_COMM_WORLD);
        m->busy[r] = c;
        m->last[r] = m->now[r] = -1;
        m->running++;
    }
}

static void *mpi_open(int workers, PoolChainFn fn, void *ctx)
{
    (void)workers; /* the ranks are the workers */
    if (g_rank == 0 && g_spent) {
        fputs("tico: the ranks are stopped after a failure; no further pool\n", stderr);
        return NULL;
    }
    Mpi *m = xcalloc(1, sizeof *m);
    m->fn = fn;
    m->ctx = ctx;
    m->shown = -1;
    if (g_rank == 0) {
        m->busy = xmalloc((size_t)g_size * sizeof *m->busy);
        m->last = xmalloc((size_t)g_size * sizeof *m->last);
        m->now = xmalloc((size_t)g_size * sizeof *m->now);
        for (int r = 0; r < g_size; r++)
            m->busy[r] = m->last[r] = m->now[r] = -1;
    }
    return m;
}

static TicoStatus mpi_submit(void *be, int chain)
{
    Mpi *m = be;
    if (g_rank != 0) { /* rank 0 deals; a later round of submits serves again */
        if (m->served && m->goff >= m->glen) {
            free(m->got);
            m->got = NULL;
            m->glen = m->goff = 0;
            m->served = false;
        }
        return TICO_OK;
    }
    if (m->failed != TICO_OK)
        return m->failed;
    if (m->ended) {
        m->ended = false;
        m->list.n = 0;
    }
    if (m->qhead + m->qn == m->qcap) {
        m->qcap = 2 * m->qcap + 16;
        m->queue = xrealloc(m->queue, (size_t)m->qcap * sizeof *m->queue);
    }
    m->queue[m->qhead + m->qn++] = chain;
    deal(m);
    return TICO_OK;
}

/* Rank 0: a rank's chain failed; say which, with the rank's own messages. */
static void report(const Mpi *m, int r, int chain, TicoStatus st, const char *msg, int len)
{
    char what[256];
    describe(m, r, what, sizeof what);
    fprintf(stderr, "tico: rank %d (pid %ld on %s) failed in %s, status %d%s\n", r, g_pid[r], g_host[r], what,
            (int)st, len > 0 ? "; its messages:" : "");
    (void)chain;
    const char *p = msg, *end = msg + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        int n = (int)((nl ? nl : end) - p);
        fprintf(stderr, "  rank %d: %.*s\n", r, n, p);
        p += n + 1;
    }
}

/* Rank 0: every chain ended; STOP every rank and send them the list. */
static void finish(Mpi *m)
{
    int32_t stop = STOP;
    for (int r = 1; r < g_size; r++)
        MPI_Send(&stop, 1, MPI_INT32_T, r, TAG_DEAL, MPI_COMM_WORLD);
    uint64_t len = m->list.n;
    unsigned char *b = m->list.b;
    bcast_bytes(&b, &len);
    m->ended = true;
}

static int next0(Mpi *m, int *task, unsigned char **bytes, size_t *len, TicoStatus *st)
{
    for (;;) {
        if (m->failed != TICO_OK) {
            *st = m->failed;
            return -1;
        }
        if (m->ended)
            return 0;
        if (m->running == 0 && m->qn == 0) {
            finish(m);
            return 0;
        }
        MPI_Status s;
        if (!wait_any(&s)) {
            fail_dead(m);
            continue;
        }
        int n, r = s.MPI_SOURCE;
        unsigned char *b = recv_bytes(&s, &n);
        int32_t head[2] = {-1, TICO_EINTERNAL};
        if (n >= (int)sizeof head[0])
            memcpy(head, b, n >= (int)sizeof head ? sizeof head : sizeof head[0]);
        if (s.MPI_TAG == TAG_REC && n >= 4) {
            uint64_t l = (uint64_t)n - 4;
            put(&m->list, &head[0], sizeof head[0]);
            put(&m->list, &l, sizeof l);
            put(&m->list, b + 4, (size_t)l);
            m->last[r] = head[0];
            if (m->now[r] == head[0])
                m->now[r] = -1;
            *task = head[0];
            *len = (size_t)l;
            memmove(b, b + 4, (size_t)l);
            *bytes = b;
            return 1;
        }
        if (s.MPI_TAG == TAG_BEGIN && n >= 4) {
            m->now[r] = head[0];
        } else if (s.MPI_TAG == TAG_END && n >= 8) {
            if (head[1] != TICO_OK && (stop_requested() || any_gone())) {
                fail_dead(m); /* its chain failed because mpirun is ending the run */
            } else if (head[1] != TICO_OK) {
                report(m, r, head[0], (TicoStatus)head[1], (const char *)b + 8, n - 8);
                m->failed = head[1] > TICO_OK && head[1] <= TICO_EINTERNAL ? (TicoStatus)head[1] : TICO_EINTERNAL;
                g_spent = true;
            } else {
                m->busy[r] = -1;
                m->running--;
                deal(m);
            }
        } else {
            fprintf(stderr, "tico: rank %d sent a message rank 0 cannot read (tag %d, %d bytes)\n", r, s.MPI_TAG, n);
            m->failed = TICO_EINTERNAL;
            g_spent = true;
        }
        free(b);
    }
}

/* A worker rank: run the chains rank 0 deals, in one child process, until STOP. */
static void serve(Mpi *m)
{
    void *child = NULL;
    for (;;) {
        MPI_Status s;
        wait_probe(0, TAG_DEAL, &s);
        int32_t chain;
        MPI_Recv(&chain, 1, MPI_INT32_T, 0, TAG_DEAL, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
        if (chain == STOP)
            break;
        off_t mark = g_errfd >= 0 ? lseek(g_errfd, 0, SEEK_END) : 0;
        TicoStatus st = TICO_EINTERNAL;
        if (!child) {
            child = pool_fork_backend.open(1, m->fn, m->ctx);
            if (child)
                pool_fork_report_begins(child);
        }
        if (child)
            st = pool_fork_backend.submit(child, chain);
        int task, got = 0;
        unsigned char *bytes;
        size_t len;
        Bytes rec = {0};
        while (st == TICO_OK && (got = pool_fork_backend.next(child, &task, &bytes, &len, &st)) == 1) {
            int32_t t = task;
            if (!bytes && len == POOL_BEGUN) { /* the solver process begins task t */
                MPI_Send(&t, 1, MPI_INT32_T, 0, TAG_BEGIN, MPI_COMM_WORLD);
                continue;
            }
            rec.n = 0;
            put(&rec, &t, sizeof t);
            put(&rec, bytes, len);
            free(bytes);
            MPI_Send(rec.b, (int)rec.n, MPI_BYTE, 0, TAG_REC, MPI_COMM_WORLD);
        }
        if (got < 0 && st == TICO_OK)
            st = TICO_EINTERNAL;
        int32_t head[2] = {chain, st};
        rec.n = 0;
        put(&rec, head, sizeof head);
        if (st != TICO_OK && g_errfd >= 0) { /* the rank's messages since the chain began */
            off_t end = lseek(g_errfd, 0, SEEK_END);
            if (end - mark > MSGMAX)
                mark = end - MSGMAX;
            char buf[MSGMAX];
            ssize_t k = end > mark ? pread(g_errfd, buf, (size_t)(end - mark), mark) : 0;
            if (k > 0)
                put(&rec, buf, (size_t)k);
        }
        MPI_Send(rec.b, (int)rec.n, MPI_BYTE, 0, TAG_END, MPI_COMM_WORLD);
        free(rec.b);
        if (st != TICO_OK && child) { /* rank 0 ends the run */
            pool_fork_backend.cancel(child);
            child = NULL;
        }
    }
    if (child)
        pool_fork_backend.close(child);
    bcast_bytes(&m->got, &m->glen);
    m->goff = 0;
    m->served = true;
}

static int mpi_next(void *be, int *task, unsigned char **bytes, size_t *len, TicoStatus *st)
{
    Mpi *m = be;
    if (g_rank == 0)
        return next0(m, task, bytes, len, st);
    if (!m->served)
        serve(m);
    const size_t head = sizeof(int32_t) + sizeof(uint64_t);
    if (m->glen - m->goff < head)
        return 0;
    int32_t t;
    uint64_t l;
    memcpy(&t, m->got + m->goff, sizeof t);
    memcpy(&l, m->got + m->goff + sizeof t, sizeof l);
    if (m->glen - m->goff - head < l) {
        *st = TICO_EINTERNAL;
        return -1;
    }
    *task = t;
    *len = (size_t)l;
    *bytes = xmalloc(l ? (size_t)l : 1);
    memcpy(*bytes, m->got + m->goff + head, (size_t)l);
    m->goff += head + l;
    return 1;
}

static void mpi_free(Mpi *m)
{
    free(m->queue);
    free(m->busy);
    free(m->last);
    free(m->now);
    free(m->label);
    free(m->list.b);
    free(m->got);
    free(m);
}

static void mpi_cancel(void *be)
{
    Mpi *m = be;
    if (g_rank == 0 && !m->ended && m->running > 0)
        g_spent = true; /* ranks still run chains: pool_mpi_finalize ends them */
    mpi_free(m);
}

static TicoStatus mpi_close(void *be)
{
    Mpi *m = be;
    TicoStatus st = m->failed;
    if (g_rank == 0 && !m->ended && st == TICO_OK) { /* closed before every result was taken */
        int task;
        unsigned char *bytes;
        size_t len;
        while (next0(m, &task, &bytes, &len, &st) == 1)
            free(bytes);
    }
    mpi_cancel(m);
    return st;
}

/* Rank 0: one line per twentieth of the tasks (stderr is a pipe under mpirun). */
static void mpi_progress(void *be, const char *label, int done, int total)
{
    Mpi *m = be;
    int step = total > 0 ? done * 20 / total : 20;
    if (g_rank != 0 || (step == m->shown && done != total))
        return;
    m->shown = step;
    int working = 0;
    for (int r = 1; r < g_size; r++)
        working += m->busy[r] >= 0;
    fprintf(stderr, "%s: %d/%d tasks done, %d of %d ranks working\n", label, done, total, working, g_size - 1);
    fflush(stderr);
}

static void mpi_name(void *be, const char *label)
{
    Mpi *m = be;
    free(m->label);
    m->label = xstrdup(label);
}

const PoolBackend pool_mpi_backend = {"mpi",     mpi_open,     mpi_submit, mpi_next, mpi_cancel,
                                      mpi_close, mpi_progress, mpi_name};

/* ---- start and end --------------------------------------------------------------------- */

/* Started by a launcher (mpirun, srun, mpiexec)? Without one, MPI is not started at all: the
 * program is the plain one (no singleton MPI_Init, which costs about a second). */
static bool launched(void)
{
    static const char *const vars[] = {"OMPI_COMM_WORLD_SIZE", "PMIX_RANK", "PMI_RANK", "PMI_SIZE"};
    for (size_t k = 0; k < sizeof vars / sizeof vars[0]; k++)
        if (getenv(vars[k]))
            return true;
    return false;
}

/* mpirun --enable-recovery (orte_enable_recovery): set in the ranks' environment by every
 * way of asking for it (the option, --mca, OMPI_MCA_ in the environment). */
static bool recovery(void)
{
    const char *v = getenv("OMPI_MCA_orte_enable_recovery");
    if (!v || !*v)
        return false;
    return strchr("1tTyY", v[0]) != NULL || strcasecmp(v, "enabled") == 0;
}

void pool_mpi_init(int *argc, char ***argv)
{
    if (!launched())
        return;
    MPI_Init(argc, argv);
    g_init = true;
    MPI_Comm_rank(MPI_COMM_WORLD, &g_rank);
    MPI_Comm_size(MPI_COMM_WORLD, &g_size);
    if (recovery()) {
        /* Open MPI 4.1 with recovery: a rank that dies leaves the others waiting for it, and
         * mpirun exits 0 whatever the ranks return (measured: docs/mpi.md) */
        if (g_rank == 0)
            fputs("tico: mpirun --enable-recovery (orte_enable_recovery) is not supported: with it, Open MPI 4 "
                  "lets the other ranks wait for a rank that died and exits 0 whatever the ranks return; run "
                  "without it (a rank that dies then ends the run, and --resume goes on from the finished "
                  "tasks); nothing written\n",
                  stderr);
        MPI_Finalize();
        exit(TICO_EUSAGE);
    }
    if (g_size < 2)
        return;
    /* who is who, for the messages of rank 0 */
    char me[HOSTLEN + 32] = {0};
    char host[MPI_MAX_PROCESSOR_NAME] = "?";
    int hl;
    MPI_Get_processor_name(host, &hl);
    snprintf(me, sizeof me, "%ld %.*s", (long)getpid(), HOSTLEN - 1, host);
    char *all = g_rank == 0 ? xcalloc((size_t)g_size, sizeof me) : NULL;
    MPI_Gather(me, (int)sizeof me, MPI_CHAR, all, (int)sizeof me, MPI_CHAR, 0, MPI_COMM_WORLD);
    if (g_rank == 0) {
        g_pid = xcalloc((size_t)g_size, sizeof *g_pid);
        g_host = xcalloc((size_t)g_size, sizeof *g_host);
        g_local = xcalloc((size_t)g_size, sizeof *g_local);
        for (int r = 0; r < g_size; r++) {
            const char *e = all + (size_t)r * sizeof me;
            char *sp;
            g_pid[r] = strtol(e, &sp, 10);
            snprintf(g_host[r], HOSTLEN, "%s", *sp ? sp + 1 : "?");
            g_local[r] = strcmp(g_host[r], g_host[0]) == 0;
        }
        free(all);
        return;
    }
    /* ranks > 0 print nothing; their stderr is kept for rank 0's report of a failure */
    fflush(NULL);
    int null = open("/dev/null", O_WRONLY);
    if (null >= 0) {
        dup2(null, STDOUT_FILENO);
        close(null);
    }
    FILE *tf = tmpfile();
    if (tf && dup2(fileno(tf), STDERR_FILENO) >= 0)
        g_errfd = STDERR_FILENO;
    out_discard();
    checkpoint_read_only(); /* rank 0 keeps the checkpoint */
}

int pool_mpi_ranks(void)
{
    return g_size;
}

bool pool_mpi_join(bool distributed)
{
    if (g_size < 2)
        return true;
    if (!distributed)
        return g_rank == 0; /* rank 0 alone, with fork workers as without MPI */
    g_distributed = true;
    pool_set_backend(&pool_mpi_backend);
    return true;
}

bool pool_mpi_same_input(const char *sha256)
{
    if (g_size < 2 || !g_distributed)
        return true;
    char me[65] = {0};
    if (sha256)
        snprintf(me, sizeof me, "%s", sha256);
    char *all = g_rank == 0 ? xcalloc((size_t)g_size, sizeof me) : NULL;
    MPI_Gather(me, (int)sizeof me, MPI_CHAR, all, (int)sizeof me, MPI_CHAR, 0, MPI_COMM_WORLD);
    int ok = 1;
    if (g_rank == 0) {
        for (int r = 1; r < g_size; r++) {
            const char *h = all + (size_t)r * sizeof me;
            if (!*me) /* rank 0 could not load it either: its own messages say why */
                ok = 0;
            else if (!*h)
                fprintf(stderr, "tico: rank %d (pid %ld on %s) could not load the instance (run tico check there)\n",
                        r, g_pid[r], g_host[r]);
            else if (strcmp(h, me) != 0)
                fprintf(stderr,
                        "tico: rank %d (pid %ld on %s) read other instance files (input sha256 %.16s..., "
                        "rank 0 %.16s...): every rank must read the same files\n",
                        r, g_pid[r], g_host[r], h, me);
            else
                continue;
            ok = 0;
        }
        free(all);
    }
    MPI_Bcast(&ok, 1, MPI_INT, 0, MPI_COMM_WORLD);
    return ok != 0;
}

int pool_mpi_finalize(int st)
{
    if (!g_init)
        return st;
    if (g_rank == 0 && g_size > 1 && g_distributed && st != 0) {
        /* ranks may still run chains of a failed pool: end them all, with this status */
        fflush(NULL);
        MPI_Abort(MPI_COMM_WORLD, st);
    }
    MPI_Finalize();
    return st;
}
