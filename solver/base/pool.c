/*
 * pool.c — the pool interface and its two back ends on one machine (see pool.h).
 *
 * Fork back end. A worker is a fork() of the caller (so it shares the loaded Model
 * copy-on-write) with two pipes: the parent writes chain numbers (int32) on the first as
 * the worker becomes free; the worker writes its results on the second as records
 * int32 task, uint64 length, bytes, and after each chain an end-of-chain record
 * task = -2 whose length field carries the chain's TicoStatus. A worker whose command
 * pipe closes exits 0. A worker that ends in the middle of a chain fails the pool
 * (TICO_EINTERNAL, with a message naming the worker and how it ended).
 * Workers die with the parent: each sets PR_SET_PDEATHSIG to SIGKILL (Linux) and checks
 * that its parent is still the one that forked it; while any fork pool is open the parent
 * handles SIGINT and SIGTERM by killing every worker, then calling the handler the program
 * had (the pool then fails at once) or ending as the signal asks; a signal the program
 * ignores stays ignored.
 *
 * Inline back end: the chains run in the calling process when pool_next asks for results.
 */
#include "pool.h"
#include "checkpoint.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include "xalloc.h"

#define END_OF_CHAIN (-2)
#define BEGIN_MARK UINT64_MAX /* the length of a pool_begin notice */

typedef struct Inline Inline;

struct PoolEmit {
    int fd;         /* fork worker: the result pipe; -1 inline */
    Inline *in;     /* inline: where results go */
};

int pool_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
}

static int write_all(int fd, const void *buf, size_t n)
{
    const char *p = buf;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int read_all(int fd, void *buf, size_t n)
{
    char *p = buf;
    while (n > 0) {
        ssize_t r = read(fd, p, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return -1;
        p += r;
        n -= (size_t)r;
    }
    return 0;
}

/* ---- a queue of results (inline back end) and of chain numbers ----------------------- */

typedef struct {
    int task;
    unsigned char *bytes;
    size_t len;
} Rec;

typedef struct {
    int *v;
    int head, n, cap;
} IntQueue;

static void iq_push(IntQueue *q, int x)
{
    if (q->head + q->n == q->cap) {
        if (q->head > 0) {
            memmove(q->v, q->v + q->head, (size_t)q->n * sizeof *q->v);
            q->head = 0;
        } else {
            q->cap = q->cap ? 2 * q->cap : 16;
            q->v = xrealloc(q->v, (size_t)q->cap * sizeof *q->v);
        }
    }
    q->v[q->head + q->n++] = x;
}

static int iq_pop(IntQueue *q)
{
    q->n--;
    return q->v[q->head++];
}

/* ---- inline back end ------------------------------------------------------------------- */

struct Inline {
    PoolChainFn fn;
    void *ctx;
    IntQueue chains;
    Rec *recs;
    int nrec, head, cap;
    TicoStatus failed;
};

static void *inline_open(int workers, PoolChainFn fn, void *ctx)
{
    (void)workers;
    Inline *in = xcalloc(1, sizeof *in);
    in->fn = fn;
    in->ctx = ctx;
    return in;
}

static TicoStatus inline_submit(void *be, int chain)
{
    Inline *in = be;
    if (in->failed != TICO_OK)
        return in->failed;
    iq_push(&in->chains, chain);
    return TICO_OK;
}

static int inline_next(void *be, int *task, unsigned char **bytes, size_t *len, TicoStatus *st)
{
    Inline *in = be;
    for (;;) {
        if (in->head < in->nrec) {
            Rec *r = &in->recs[in->head++];
            *task = r->task;
            *bytes = r->bytes;
            *len = r->len;
            return 1;
        }
        in->head = in->nrec = 0;
        if (in->failed != TICO_OK) {
            *st = in->failed;
            return -1;
        }
        if (in->chains.n == 0)
            return 0;
        PoolEmit e = {-1, in};
        TicoStatus s = in->fn(in->ctx, iq_pop(&in->chains), &e);
        if (s != TICO_OK)
            in->failed = s;
    }
}

static void inline_cancel(void *be)
{
    Inline *in = be;
    for (int k = in->head; k < in->nrec; k++)
        free(in->recs[k].bytes);
    free(in->recs);
    free(in->chains.v);
    free(in);
}

static TicoStatus inline_close(void *be)
{
    TicoStatus st = ((Inline *)be)->failed;
    inline_cancel(be);
    return st;
}

const PoolBackend pool_inline_backend = {"inline", inline_open, inline_submit, inline_next, inline_cancel,
                                         inline_close, NULL, NULL};

/* ---- fork back end: workers and their signals ------------------------------------------ */

/* Every live worker of every open fork pool, for the signal handler (fixed size: workers
 * beyond it are still killed by PR_SET_PDEATHSIG when the parent ends). */
#define MAX_REGISTERED 1024
static volatile pid_t registered[MAX_REGISTERED];
static int open_pools;
static struct sigaction old_int, old_term, old_pipe;

static volatile sig_atomic_t signalled; /* SIGINT or SIGTERM seen while a fork pool was open */

/* Kill every worker, then do what the signal did before the pool: call the handler installed
 * then (a run-wide stop flag, say), or end the program by the signal. */
static void on_fatal_signal(int sig)
{
    for (int k = 0; k < MAX_REGISTERED; k++)
        if (registered[k] > 0)
            kill(registered[k], SIGKILL);
    signalled = sig;
    const struct sigaction *old = sig == SIGINT ? &old_int : &old_term;
    if (!(old->sa_flags & SA_SIGINFO) && old->sa_handler != SIG_DFL && old->sa_handler != SIG_IGN) {
        old->sa_handler(sig);
        return;
    }
    signal(sig, SIG_DFL);
    raise(sig);
}

static void register_pid(pid_t pid, bool add)
{
    for (int k = 0; k < MAX_REGISTERED; k++)
        if (add ? registered[k] == 0 : registered[k] == pid) {
            registered[k] = add ? pid : 0;
            return;
        }
}

/* While any fork pool is open: SIGINT and SIGTERM kill the workers first (unless the
 * program ignores them: then so do we), and a write to a dead worker is an error, not a
 * signal. */
static void signals_arm(bool on)
{
    if (on && open_pools++ == 0) {
        struct sigaction sa;
        memset(&sa, 0, sizeof sa);
        sa.sa_handler = on_fatal_signal;
        sigemptyset(&sa.sa_mask);
        sigaction(SIGINT, NULL, &old_int);
        sigaction(SIGTERM, NULL, &old_term);
        if (old_int.sa_handler != SIG_IGN)
            sigaction(SIGINT, &sa, NULL);
        if (old_term.sa_handler != SIG_IGN)
            sigaction(SIGTERM, &sa, NULL);
        sa.sa_handler = SIG_IGN;
        sigaction(SIGPIPE, &sa, &old_pipe);
    } else if (!on && --open_pools == 0) {
        sigaction(SIGINT, &old_int, NULL);
        sigaction(SIGTERM, &old_term, NULL);
        sigaction(SIGPIPE, &old_pipe, NULL);
    }
}

typedef struct {
    pid_t pid;
    int cmd, res;           /* write end of the chain pipe, read end of the result pipe */
    unsigned char *buf;
    size_t len, cap;
    bool open;              /* result pipe not yet at its end */
    bool busy;              /* running a chain */
} Worker;

typedef struct {
    int max;
    PoolChainFn fn;
    void *ctx;
    Worker *wk;
    int nw;
    IntQueue chains;
    int running;            /* chains dealt and not ended */
    TicoStatus failed;
    bool begins;            /* next() returns pool_begin notices (pool_fork_report_begins) */
} Fork;

void pool_fork_report_begins(void *be)
{
    ((Fork *)be)->begins = true;
}

/* A worker process: take chain numbers until the pipe closes; end each chain with its
 * status; exit at the first failure. */
static void worker_main(Fork *f, int cmd, int res, pid_t parent)
{
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
    signal(SIGPIPE, SIG_DFL);
#ifdef __linux__
    prctl(PR_SET_PDEATHSIG, SIGKILL);
#endif
    if (getppid() != parent) /* the parent ended before the line above took effect */
        _exit(TICO_EINTERNAL);
    PoolEmit e = {res, NULL};
    int32_t chain;
    while (read_all(cmd, &chain, sizeof chain) == 0) {
        TicoStatus st = f->fn(f->ctx, chain, &e);
        int32_t t = END_OF_CHAIN;
        uint64_t l = (uint64_t)st;
        if (write_all(res, &t, sizeof t) || write_all(res, &l, sizeof l))
            _exit(TICO_EINTERNAL);
        if (st != TICO_OK)
            _exit(st);
    }
    _exit(0);
}

/* Start worker number nw. Returns false (after a message) when no process can be started. */
static bool fork_start(Fork *f)
{
    int cp[2], rp[2];
    if (pipe(cp) != 0) {
        perror("tico: pipe");
        return false;
    }
    if (pipe(rp) != 0) {
        perror("tico: pipe");
        close(cp[0]);
        close(cp[1]);
        return false;
    }
    fflush(NULL); /* nothing buffered may be written twice by the children */
    pid_t parent = getpid(), pid = fork();
    if (pid < 0) {
        perror("tico: fork");
        close(cp[0]);
        close(cp[1]);
        close(rp[0]);
        close(rp[1]);
        return false;
    }
    if (pid == 0) {
        close(cp[1]);
        close(rp[0]);
        for (int k = 0; k < f->nw; k++) { /* the other workers' pipes: theirs, not ours */
            close(f->wk[k].cmd);
            if (f->wk[k].open)
                close(f->wk[k].res);
        }
        worker_main(f, cp[0], rp[1], parent);
    }
    close(cp[0]);
    close(rp[1]);
    register_pid(pid, true);
    f->wk[f->nw++] = (Worker){pid, cp[1], rp[0], NULL, 0, 0, true, false};
    return true;
}

/* Deal queued chains to free workers, starting workers up to max. */
static void fork_dispatch(Fork *f)
{
    while (f->chains.n > 0 && f->failed == TICO_OK) {
        Worker *w = NULL;
        for (int k = 0; k < f->nw && !w; k++)
            if (f->wk[k].open && !f->wk[k].busy)
                w = &f->wk[k];
        if (!w && f->nw < f->max) {
            if (!fork_start(f)) {
                f->failed = TICO_EINTERNAL;
                return;
            }
            w = &f->wk[f->nw - 1];
        }
        if (!w)
            return;
        int32_t chain = iq_pop(&f->chains);
        if (write_all(w->cmd, &chain, sizeof chain) != 0) {
            fprintf(stderr, "tico: worker %d cannot take chain %d: %s\n", (int)(w - f->wk), (int)chain,
                    strerror(errno));
            f->failed = TICO_EINTERNAL;
            return;
        }
        w->busy = true;
        f->running++;
    }
}

static void *fork_open(int workers, PoolChainFn fn, void *ctx)
{
    Fork *f = xcalloc(1, sizeof *f);
    f->max = workers < 1 ? 1 : workers;
    f->fn = fn;
    f->ctx = ctx;
    f->wk = xcalloc((size_t)f->max, sizeof *f->wk);
    signals_arm(true);
    return f;
}

static TicoStatus fork_submit(void *be, int chain)
{
    Fork *f = be;
    if (f->failed != TICO_OK)
        return f->failed;
    iq_push(&f->chains, chain);
    fork_dispatch(f);
    return f->failed;
}

/* Wait for worker w to end; its exit status as a TicoStatus; a message when it did not end
 * normally (failed chains have told their status before exiting). */
static TicoStatus reap(Fork *f, Worker *w, bool quiet)
{
    int wst;
    TicoStatus st = TICO_EINTERNAL;
    while (waitpid(w->pid, &wst, 0) < 0)
        if (errno != EINTR) {
            wst = -1;
            break;
        }
    register_pid(w->pid, false);
    if (wst != -1 && WIFEXITED(wst))
        st = WEXITSTATUS(wst) <= TICO_EINTERNAL ? (TicoStatus)WEXITSTATUS(wst) : TICO_EINTERNAL;
    if (!quiet && wst != -1 && WIFSIGNALED(wst))
        fprintf(stderr, "tico: worker %d stopped by signal %d\n", (int)(w - f->wk), WTERMSIG(wst));
    else if (!quiet && wst != -1 && WIFEXITED(wst) && WEXITSTATUS(wst) > TICO_EINTERNAL)
        fprintf(stderr, "tico: worker %d ended with exit status %d\n", (int)(w - f->wk), WEXITSTATUS(wst));
    w->pid = 0;
    return st;
}

/* Take the next result out of w's buffer: 1 with it, 0 when no whole record is there.
 * End-of-chain records free the worker (and deal it the next chain) or fail the pool. */
static int take(Fork *f, Worker *w, int *task, unsigned char **bytes, size_t *len)
{
    const size_t head = sizeof(int32_t) + sizeof(uint64_t);
    size_t off = 0;
    int got = 0;
    while (!got && w->len - off >= head) {
        int32_t t;
        uint64_t l;
        memcpy(&t, w->buf + off, sizeof t);
        memcpy(&l, w->buf + off + sizeof t, sizeof l);
        if (t == END_OF_CHAIN) {
            off += head;
            w->busy = false;
            f->running--;
            if ((TicoStatus)l != TICO_OK && f->failed == TICO_OK)
                f->failed = (TicoStatus)l;
            fork_dispatch(f);
            continue;
        }
        if (l == BEGIN_MARK) { /* pool_begin */
            off += head;
            if (f->begins) {
                *task = t;
                *bytes = NULL;
                *len = POOL_BEGUN;
                got = 1;
            }
            continue;
        }
        if (w->len - off - head < l)
            break;
        *task = t;
        *len = (size_t)l;
        *bytes = xmalloc(l ? (size_t)l : 1);
        memcpy(*bytes, w->buf + off + head, (size_t)l);
        off += head + (size_t)l;
        got = 1;
    }
    if (off) {
        memmove(w->buf, w->buf + off, w->len - off);
        w->len -= off;
    }
    return got;
}

static int fork_next(void *be, int *task, unsigned char **bytes, size_t *len, TicoStatus *st)
{
    Fork *f = be;
    struct pollfd *pf = xcalloc((size_t)f->nw + 1, sizeof *pf);
    int *map = xcalloc((size_t)f->nw + 1, sizeof *map);
    int ret;
    for (;;) {
        ret = 1;
        for (int k = 0; k < f->nw; k++)
            if (take(f, &f->wk[k], task, bytes, len))
                goto out;
        if (f->failed != TICO_OK) {
            *st = f->failed;
            ret = -1;
            goto out;
        }
        if (f->running == 0 && f->chains.n == 0) {
            ret = 0;
            goto out;
        }
        if (f->nw > 0) {
            pf = xrealloc(pf, (size_t)f->nw * sizeof *pf);
            map = xrealloc(map, (size_t)f->nw * sizeof *map);
        }
        int n = 0;
        for (int k = 0; k < f->nw; k++)
            if (f->wk[k].open) {
                pf[n] = (struct pollfd){f->wk[k].res, POLLIN, 0};
                map[n++] = k;
            }
        if (n == 0) { /* chains outstanding and nobody to run them */
            f->failed = TICO_EINTERNAL;
            continue;
        }
        if (poll(pf, (nfds_t)n, -1) < 0) {
            if (errno == EINTR && signalled) { /* the handler killed the workers and returned */
                f->failed = TICO_EINTERNAL;
                continue;
            }
            if (errno == EINTR)
                continue;
            perror("tico: poll");
            f->failed = TICO_EINTERNAL;
            continue;
        }
        for (int i = 0; i < n; i++) {
            if (!(pf[i].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            Worker *w = &f->wk[map[i]];
            if (w->cap - w->len < 65536) {
                w->cap = w->cap ? 2 * w->cap + 65536 : 65536;
                w->buf = xrealloc(w->buf, w->cap);
            }
            ssize_t got = read(w->res, w->buf + w->len, w->cap - w->len);
            if (got < 0 && errno == EINTR)
                continue;
            if (got > 0) {
                w->len += (size_t)got;
                continue;
            }
            /* the end of the pipe: the worker has ended */
            w->open = false;
            close(w->res);
            if (w->busy) {
                TicoStatus ws = reap(f, w, signalled != 0);
                w->busy = false;
                f->running--;
                if (f->failed == TICO_OK)
                    f->failed = ws != TICO_OK ? ws : TICO_EINTERNAL;
            }
        }
    }
out:
    free(pf);
    free(map);
    return ret;
}

static void fork_free(Fork *f)
{
    for (int k = 0; k < f->nw; k++)
        free(f->wk[k].buf);
    free(f->wk);
    free(f->chains.v);
    free(f);
    signals_arm(false);
}

static void fork_cancel(void *be)
{
    Fork *f = be;
    for (int k = 0; k < f->nw; k++) /* every worker first, then the waiting */
        if (f->wk[k].pid > 0)
            kill(f->wk[k].pid, SIGKILL);
    for (int k = 0; k < f->nw; k++) {
        Worker *w = &f->wk[k];
        close(w->cmd);
        if (w->open)
            close(w->res);
        if (w->pid > 0)
            reap(f, w, true);
    }
    fork_free(f);
}

static TicoStatus fork_close(void *be)
{
    Fork *f = be;
    TicoStatus st = f->failed;
    for (int k = 0; k < f->nw; k++)
        close(f->wk[k].cmd); /* a free worker reads the end of its pipe and exits */
    for (int k = 0; k < f->nw; k++) {
        Worker *w = &f->wk[k];
        if (w->open)
            close(w->res);
        if (w->pid > 0) {
            TicoStatus ws = reap(f, w, st != TICO_OK);
            if (st == TICO_OK)
                st = ws;
        }
    }
    fork_free(f);
    return st;
}

const PoolBackend pool_fork_backend = {"fork", fork_open, fork_submit, fork_next, fork_cancel, fork_close, NULL, NULL};

/* ---- the interface ---------------------------------------------------------------------- */

static const PoolBackend *parallel = &pool_fork_backend;

void pool_set_backend(const PoolBackend *be)
{
    parallel = be ? be : &pool_fork_backend;
}

struct Pool {
    const PoolBackend *be;
    void *st;
    int ntasks, done;
    const char *label;
    bool show;
    bool tty;        /* stderr is a terminal: one bar redrawn; else a line per finished task */
    double t0;       /* monotonic seconds at pool_open */
};

static double mono(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Progress when stderr is not a terminal (CI logs, nohup, batch jobs; SPEC §2): a full line
 * per finished task with the time so far and the time left at the pace so far. */
static void progress_line(const char *label, int done, int total, double t0)
{
    double el = mono() - t0;
    fprintf(stderr, "%s: %d/%d tasks done, %.0f s elapsed", label, done, total, el);
    if (done < total && done > 0)
        fprintf(stderr, ", about %.0f s left", el / done * (total - done));
    fputc('\n', stderr);
    fflush(stderr);
}

static void progress(const char *label, int done, int total)
{
    int width = 30, fill = total ? done * width / total : width;
    fprintf(stderr, "\r%s [", label);
    for (int i = 0; i < width; i++)
        fputc(i < fill ? '#' : '.', stderr);
    fprintf(stderr, "] %d/%d", done, total);
    if (done == total)
        fputc('\n', stderr);
    fflush(stderr);
}

static Pool *open_on(const PoolBackend *be, int workers, PoolChainFn fn, void *ctx, int ntasks, const char *label,
                     int quiet)
{
    void *st = be->open(workers, fn, ctx);
    if (!st)
        return NULL;
    Pool *p = xcalloc(1, sizeof *p);
    p->be = be;
    p->st = st;
    p->ntasks = ntasks;
    p->label = label;
    p->tty = isatty(STDERR_FILENO);
    p->show = label && !quiet;
    p->t0 = mono();
    if (be->tasks_are && label)
        be->tasks_are(st, label);
    return p;
}

Pool *pool_open(int workers, PoolChainFn fn, void *ctx, int ntasks, const char *label, int quiet)
{
    /* a back end set at start-up (MPI) serves every pool */
    bool par = workers > 1 || parallel != &pool_fork_backend;
    return open_on(par ? parallel : &pool_inline_backend, workers, fn, ctx, ntasks, label, quiet);
}

TicoStatus pool_submit(Pool *p, int chain)
{
    return p->be->submit(p->st, chain);
}

int pool_next(Pool *p, int *task, unsigned char **bytes, size_t *len, TicoStatus *st)
{
    int r = p->be->next(p->st, task, bytes, len, st);
    if (r == 1 && p->show && p->be->progress)
        p->be->progress(p->st, p->label, ++p->done, p->ntasks);
    else if (r == 1 && p->show && p->tty)
        progress(p->label, ++p->done, p->ntasks);
    else if (r == 1 && p->show)
        progress_line(p->label, ++p->done, p->ntasks, p->t0);
    return r;
}

void pool_cancel(Pool *p)
{
    if (!p)
        return;
    p->be->cancel(p->st);
    free(p);
}

TicoStatus pool_close(Pool *p)
{
    TicoStatus st = p->be->close(p->st);
    free(p);
    return st;
}

/* Collect every result of p into results[ntasks] (by task), then close p. */
/* Every result into results[task]; with ckpt, each is also kept in the checkpoint as it
 * arrives (checkpoint.h). */
static TicoStatus collect_all(Pool *p, PoolResult *results, int ntasks, bool ckpt)
{
    int task;
    unsigned char *bytes;
    size_t len;
    TicoStatus st = TICO_OK;
    int r;
    while ((r = pool_next(p, &task, &bytes, &len, &st)) == 1) {
        if (task < 0 || task >= ntasks) {
            free(bytes);
            continue;
        }
        if (ckpt)
            checkpoint_add(task, bytes, len);
        free(results[task].bytes);
        results[task] = (PoolResult){bytes, len};
    }
    if (r < 0) {
        pool_cancel(p);
        return st;
    }
    return pool_close(p);
}

TicoStatus pool_run(int workers, int nchains, PoolChainFn fn, void *ctx, PoolResult *results, int ntasks,
                    const char *label, int quiet)
{
    memset(results, 0, (size_t)ntasks * sizeof *results);
    checkpoint_next_round();
    Pool *p = pool_open(workers > nchains ? nchains : workers, fn, ctx, ntasks, label, quiet);
    if (!p)
        return TICO_EINTERNAL;
    for (int c = 0; c < nchains; c++) {
        TicoStatus st = pool_submit(p, c);
        if (st != TICO_OK) {
            pool_cancel(p);
            return st;
        }
    }
    return collect_all(p, results, ntasks, true);
}

PoolJob *pool_spawn(PoolChainFn fn, void *ctx)
{
    Pool *p = open_on(parallel, 1, fn, ctx, 1, NULL, 1);
    if (p && pool_submit(p, 0) != TICO_OK) {
        pool_cancel(p);
        p = NULL;
    }
    return p;
}

TicoStatus pool_collect(PoolJob *job, PoolResult *results, int ntasks)
{
    memset(results, 0, (size_t)ntasks * sizeof *results);
    return collect_all(job, results, ntasks, false);
}

/* ---- emitting ------------------------------------------------------------------------------ */

void pool_emit(PoolEmit *e, int task, const void *bytes, size_t len)
{
    if (e->fd >= 0) {
        int32_t t = task;
        uint64_t l = len;
        if (write_all(e->fd, &t, sizeof t) || write_all(e->fd, &l, sizeof l) || write_all(e->fd, bytes, len))
            _exit(TICO_EINTERNAL);
        return;
    }
    Inline *in = e->in;
    if (in->nrec == in->cap) {
        in->cap = in->cap ? 2 * in->cap : 16;
        in->recs = xrealloc(in->recs, (size_t)in->cap * sizeof *in->recs);
    }
    unsigned char *copy = xmalloc(len ? len : 1);
    if (len)
        memcpy(copy, bytes, len);
    in->recs[in->nrec++] = (Rec){task, copy, len};
}

void pool_begin(PoolEmit *e, int task)
{
    if (e->fd < 0)
        return;
    int32_t t = task;
    uint64_t l = BEGIN_MARK;
    if (write_all(e->fd, &t, sizeof t) || write_all(e->fd, &l, sizeof l))
        _exit(TICO_EINTERNAL);
}

void pool_emit_record(PoolEmit *e, int task, const TaskRecord *r)
{
    size_t len;
    unsigned char *bytes = task_pack(r, &len);
    pool_emit(e, task, bytes, len);
    free(bytes);
}
