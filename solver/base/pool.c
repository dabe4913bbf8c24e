/*
 * pool.c — worker processes for independent work (see pool.h).
 *
 * Each worker is a fork() of the caller (so it shares the loaded Model copy-on-write) and
 * takes chains w, w + workers, w + 2 x workers, ...; it writes its results on its own pipe
 * as records: int32 task, uint64 length, bytes. A record with task = -1 carries a failed
 * status. The parent polls all pipes, files each record under its task, and waits for the
 * workers. A worker that dies without finishing makes the pool fail (TICO_EINTERNAL).
 */
#include "pool.h"

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

struct PoolEmit {
    int fd;                 /* worker: the pipe; -1 in-process */
    PoolResult *results;    /* in-process: where results go */
    int ntasks;
    int done;               /* in-process: results so far (for progress) */
    const char *label;
    int progress;
    int total;
};

int pool_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    return n > 0 ? (int)n : 1;
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

void pool_emit(PoolEmit *e, int task, const void *bytes, size_t len)
{
    if (e->fd >= 0) {
        int32_t t = task;
        uint64_t l = len;
        if (write_all(e->fd, &t, sizeof t) || write_all(e->fd, &l, sizeof l) || write_all(e->fd, bytes, len))
            _exit(TICO_EINTERNAL);
        return;
    }
    if (task < 0 || task >= e->ntasks)
        return;
    PoolResult *r = &e->results[task];
    free(r->bytes);
    r->bytes = malloc(len ? len : 1);
    if (!r->bytes)
        abort();
    memcpy(r->bytes, bytes, len);
    r->len = len;
    e->done++;
    if (e->progress)
        progress(e->label, e->done, e->total);
}

/* A worker process: run its chains, report a failure as task -1, exit. */
static void worker(int w, int workers, int nchains, PoolChainFn fn, void *ctx, int fd)
{
    PoolEmit e = {fd, NULL, 0, 0, NULL, 0, 0};
    for (int c = w; c < nchains; c += workers) {
        TicoStatus st = fn(ctx, c, &e);
        if (st != TICO_OK) {
            int32_t t = -1;
            uint64_t l = (uint64_t)st;
            write_all(fd, &t, sizeof t);
            write_all(fd, &l, sizeof l);
            close(fd);
            _exit(st);
        }
    }
    close(fd);
    _exit(0);
}

/* Buffered reader of one worker's pipe. */
typedef struct {
    int fd;
    pid_t pid;
    unsigned char *buf;
    size_t len, cap;
    int open;
} Reader;

/* Read what the worker has written next into r->buf, growing it. Returns the number of
 * bytes read; 0 at the end of the pipe (or on a read error); -1 when interrupted by a signal
 * (read again). */
static ssize_t read_more(Reader *r)
{
    if (r->cap - r->len < 65536) {
        r->cap = r->cap ? 2 * r->cap + 65536 : 65536;
        r->buf = realloc(r->buf, r->cap);
        if (!r->buf)
            abort();
    }
    ssize_t got = read(r->fd, r->buf + r->len, r->cap - r->len);
    if (got < 0)
        return errno == EINTR ? -1 : 0;
    r->len += (size_t)got;
    return got;
}

/* Take complete records out of r->buf. Returns a failure status from the worker, or OK. */
static TicoStatus drain(Reader *r, PoolResult *results, int ntasks, int *done)
{
    size_t head = sizeof(int32_t) + sizeof(uint64_t), off = 0;
    TicoStatus st = TICO_OK;
    while (r->len - off >= head) {
        int32_t t;
        uint64_t l;
        memcpy(&t, r->buf + off, sizeof t);
        memcpy(&l, r->buf + off + sizeof t, sizeof l);
        if (t < 0) {
            st = (TicoStatus)l;
            off += head;
            continue;
        }
        if (r->len - off - head < l)
            break;
        if (t < ntasks) {
            free(results[t].bytes);
            results[t].bytes = malloc(l ? l : 1);
            if (!results[t].bytes)
                abort();
            memcpy(results[t].bytes, r->buf + off + head, l);
            results[t].len = l;
            (*done)++;
        }
        off += head + l;
    }
    memmove(r->buf, r->buf + off, r->len - off);
    r->len -= off;
    return st;
}

TicoStatus pool_run(int workers, int nchains, PoolChainFn fn, void *ctx, PoolResult *results, int ntasks,
                    const char *label, int quiet)
{
    memset(results, 0, (size_t)ntasks * sizeof *results);
    int show = !quiet && isatty(STDERR_FILENO);
    if (workers > nchains)
        workers = nchains;
    if (workers <= 1) {
        PoolEmit e = {-1, results, ntasks, 0, label, show, ntasks};
        for (int c = 0; c < nchains; c++)
            CHECK(fn(ctx, c, &e));
        return TICO_OK;
    }

    fflush(NULL); /* nothing buffered may be written twice by the children */
    Reader *rd = calloc((size_t)workers, sizeof *rd);
    if (!rd)
        abort();
    TicoStatus st = TICO_OK;
    int started = 0;
    for (int w = 0; w < workers; w++) {
        int fds[2];
        if (pipe(fds) != 0) {
            perror("tico: pipe");
            st = TICO_EINTERNAL;
            break;
        }
        pid_t pid = fork();
        if (pid < 0) {
            perror("tico: fork");
            close(fds[0]);
            close(fds[1]);
            st = TICO_EINTERNAL;
            break;
        }
        if (pid == 0) {
            close(fds[0]);
            for (int k = 0; k < started; k++)
                close(rd[k].fd);
            worker(w, workers, nchains, fn, ctx, fds[1]);
        }
        close(fds[1]);
        rd[w] = (Reader){fds[0], pid, NULL, 0, 0, 1};
        started++;
    }

    int done = 0, open = started;
    struct pollfd *pf = calloc((size_t)workers, sizeof *pf);
    while (open > 0) {
        int n = 0;
        int *map = calloc((size_t)workers, sizeof *map);
        for (int w = 0; w < started; w++)
            if (rd[w].open) {
                pf[n] = (struct pollfd){rd[w].fd, POLLIN, 0};
                map[n++] = w;
            }
        if (poll(pf, (nfds_t)n, -1) < 0 && errno != EINTR) {
            free(map);
            st = TICO_EINTERNAL;
            break;
        }
        for (int k = 0; k < n; k++) {
            if (!(pf[k].revents & (POLLIN | POLLHUP | POLLERR)))
                continue;
            Reader *r = &rd[map[k]];
            ssize_t got = read_more(r);
            if (got < 0)
                continue;
            if (got == 0) {
                r->open = 0;
                open--;
                close(r->fd);
                continue;
            }
            TicoStatus ws = drain(r, results, ntasks, &done);
            if (ws != TICO_OK && st == TICO_OK)
                st = ws;
            if (show)
                progress(label, done, ntasks);
        }
        free(map);
    }
    free(pf);
    for (int w = 0; w < started; w++) {
        int wst;
        while (waitpid(rd[w].pid, &wst, 0) < 0 && errno == EINTR)
            ;
        if (st == TICO_OK && (!WIFEXITED(wst) || WEXITSTATUS(wst) != 0)) {
            if (WIFSIGNALED(wst))
                fprintf(stderr, "tico: worker %d stopped by signal %d\n", w, WTERMSIG(wst));
            st = WIFEXITED(wst) ? (TicoStatus)WEXITSTATUS(wst) : TICO_EINTERNAL;
        }
        free(rd[w].buf);
    }
    free(rd);
    return st;
}

/* ---- one chain in the background ------------------------------------------------------ */

struct PoolJob {
    Reader r;
};

PoolJob *pool_spawn(PoolChainFn fn, void *ctx)
{
    int fds[2];
    if (pipe(fds) != 0)
        return NULL;
    fflush(NULL);
    pid_t pid = fork();
    if (pid < 0) {
        close(fds[0]);
        close(fds[1]);
        return NULL;
    }
    if (pid == 0) {
        close(fds[0]);
        worker(0, 1, 1, fn, ctx, fds[1]);
    }
    close(fds[1]);
    PoolJob *j = calloc(1, sizeof *j);
    if (!j)
        abort();
    j->r = (Reader){fds[0], pid, NULL, 0, 0, 1};
    return j;
}

/* Wait for the worker to end; its exit status as a TicoStatus (a signal: TICO_EINTERNAL). */
static TicoStatus reap(pid_t pid)
{
    int wst;
    while (waitpid(pid, &wst, 0) < 0)
        if (errno != EINTR)
            return TICO_EINTERNAL;
    return WIFEXITED(wst) ? (TicoStatus)WEXITSTATUS(wst) : TICO_EINTERNAL;
}

TicoStatus pool_collect(PoolJob *j, PoolResult *results, int ntasks)
{
    memset(results, 0, (size_t)ntasks * sizeof *results);
    Reader *r = &j->r;
    TicoStatus st = TICO_OK;
    int done = 0;
    for (;;) {
        ssize_t got = read_more(r);
        if (got < 0)
            continue;
        if (got == 0)
            break;
        TicoStatus ws = drain(r, results, ntasks, &done);
        if (ws != TICO_OK && st == TICO_OK)
            st = ws;
    }
    close(r->fd);
    TicoStatus es = reap(r->pid);
    if (st == TICO_OK)
        st = es;
    free(r->buf);
    free(j);
    return st;
}

void pool_cancel(PoolJob *j)
{
    if (!j)
        return;
    kill(j->r.pid, SIGKILL);
    close(j->r.fd);
    reap(j->r.pid);
    free(j->r.buf);
    free(j);
}
