/*
 * checkpoint.c — finished sweep tasks on disk (see checkpoint.h).
 */
#include "checkpoint.h"
#include "out.h"
#include "stop.h"
#include "xalloc.h"

#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

typedef struct {
    int32_t round, task;
    unsigned char *bytes;
    size_t len;
} Entry;

static struct {
    bool on;
    char *path, *key;
    FILE *f;          /* open for appending once the first record is added */
    int round;        /* current round, 0-based; -1 before the first */
    Entry *e;
    int n, cap;
    int added;
    bool warned;
} C = {.round = -1};

static bool read_only; /* checkpoint_read_only() */
static volatile int count; /* C.n + C.added, for checkpoint_count() */

void checkpoint_read_only(void)
{
    read_only = true;
}

int checkpoint_count(void)
{
    return count;
}

const char *checkpoint_path(void)
{
    return C.on ? C.path : NULL;
}

static void push(int32_t round, int32_t task, unsigned char *bytes, size_t len)
{
    if (C.n == C.cap) {
        C.cap = C.cap ? 2 * C.cap : 32;
        C.e = xrealloc(C.e, (size_t)C.cap * sizeof *C.e);
    }
    C.e[C.n++] = (Entry){round, task, bytes, len};
}

/* Load the records of path; -1 on a header of another key (message). A truncated last
 * record (a run killed while appending) is dropped. */
static int load(const char *path, const char *key)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return errno == ENOENT ? 0 : -1;
    char head[256];
    char want[256];
    snprintf(want, sizeof want, "tico-checkpoint 1 %s\n", key);
    if (!fgets(head, sizeof head, f) || strcmp(head, want) != 0) {
        fclose(f);
        fprintf(stderr, "tico: %s belongs to another run (other instance, command or options); remove it or rerun "
                        "without --resume\n",
                path);
        return -1;
    }
    int n = 0;
    for (;;) {
        int32_t rt[2];
        uint64_t len;
        if (fread(rt, sizeof rt, 1, f) != 1 || fread(&len, sizeof len, 1, f) != 1 || len > ((uint64_t)1 << 32))
            break;
        unsigned char *b = xmalloc(len ? (size_t)len : 1);
        if (len && fread(b, (size_t)len, 1, f) != 1) {
            free(b);
            break;
        }
        push(rt[0], rt[1], b, (size_t)len);
        n++;
    }
    fclose(f);
    return n;
}

int checkpoint_begin(const char *dir, const char *key, bool resume)
{
    C.on = true;
    C.path = xasprintf("%s/.tico-checkpoint", dir);
    C.key = xstrdup(key);
    C.round = -1;
    int n = 0;
    if (resume) {
        n = load(C.path, key);
        if (n < 0)
            return -1;
        count = n;
        if (read_only)
            return n;
        /* keep appending to the same file: what is loaded stays on disk */
        if (n > 0) {
            C.f = fopen(C.path, "ab");
            if (!C.f) {
                fprintf(stderr, "tico: %s: %s\n", C.path, strerror(errno));
                return -1;
            }
        }
    }
    return n;
}

void checkpoint_next_round(void)
{
    C.round++;
}

bool checkpoint_lookup(int task, const unsigned char **bytes, size_t *len)
{
    for (int k = 0; C.on && k < C.n; k++)
        if (C.e[k].round == C.round && C.e[k].task == task) {
            *bytes = C.e[k].bytes;
            *len = C.e[k].len;
            return true;
        }
    return false;
}

void checkpoint_add(int task, const unsigned char *bytes, size_t len)
{
    if (!C.on || read_only || stop_requested()) /* a task that ends after a stop may be cut short */
        return;
    const unsigned char *old;
    size_t ol;
    if (checkpoint_lookup(task, &old, &ol))
        return; /* resumed: already on disk */
    if (!C.f) {
        /* the output folder is made with the first finished task (checked writable before) */
        char *dir = xstrdup(C.path);
        char *slash = strrchr(dir, '/');
        if (slash) {
            *slash = '\0';
            out_mkdirs(dir);
        }
        free(dir);
        C.f = fopen(C.path, "wb");
        if (C.f && fprintf(C.f, "tico-checkpoint 1 %s\n", C.key) < 0) {
            fclose(C.f);
            C.f = NULL;
        }
    }
    int32_t rt[2] = {C.round, task};
    uint64_t l = len;
    bool ok = C.f && fwrite(rt, sizeof rt, 1, C.f) == 1 && fwrite(&l, sizeof l, 1, C.f) == 1 &&
              (len == 0 || fwrite(bytes, len, 1, C.f) == 1) && fflush(C.f) == 0;
    if (!ok && !C.warned) {
        fprintf(stderr, "tico: warning: %s cannot be written (%s): a stopped run cannot be resumed\n", C.path,
                strerror(errno));
        C.warned = true;
    }
    if (ok)
        count = C.n + ++C.added;
}

void checkpoint_end(bool success)
{
    if (!C.on)
        return;
    if (C.f)
        fclose(C.f);
    C.f = NULL;
    if (success && !read_only)
        unlink(C.path);
    else if (!success && C.added + C.n > 0)
        fprintf(stderr, "tico: %d finished task%s kept in %s: rerun the same command with --resume to skip them\n",
                C.added + C.n, C.added + C.n == 1 ? "" : "s", C.path);
    for (int k = 0; k < C.n; k++)
        free(C.e[k].bytes);
    free(C.e);
    free(C.path);
    free(C.key);
    memset(&C, 0, sizeof C);
    C.round = -1;
    count = 0;
}
