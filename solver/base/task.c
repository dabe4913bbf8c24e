/*
 * task.c — the task record and its one pack/unpack pair (see task.h).
 */
#include "task.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"

static const char MAGIC[4] = {'T', 'K', 'R', '1'};

void task_init(TaskRecord *r)
{
    memset(r, 0, sizeof *r);
    r->status = TICO_OK;
    r->why = xstrdup("");
}

void task_free(TaskRecord *r)
{
    free(r->why);
    free(r->solution);
    for (int k = 0; k < r->nvalues; k++) {
        free(r->values[k].name);
        free(r->values[k].v);
    }
    free(r->values);
    memset(r, 0, sizeof *r);
}

void task_set_why(TaskRecord *r, const char *why)
{
    char *w = xstrdup(why);
    free(r->why);
    r->why = w;
}

void task_take_solution(TaskRecord *r, unsigned char *bytes, size_t len)
{
    free(r->solution);
    r->solution = bytes;
    r->solution_len = bytes ? len : 0;
}

static TaskValue *find(const TaskRecord *r, const char *name)
{
    for (int k = 0; k < r->nvalues; k++)
        if (strcmp(r->values[k].name, name) == 0)
            return &r->values[k];
    return NULL;
}

void task_set_vec(TaskRecord *r, const char *name, const double *v, int n)
{
    if (n < 0)
        n = 0;
    TaskValue *tv = find(r, name);
    if (!tv) {
        r->values = xrealloc(r->values, ((size_t)r->nvalues + 1) * sizeof *r->values);
        tv = &r->values[r->nvalues++];
        tv->name = xstrdup(name);
        tv->v = NULL;
    }
    free(tv->v);
    tv->v = xcalloc((size_t)n + 1, sizeof *tv->v);
    if (n)
        memcpy(tv->v, v, (size_t)n * sizeof *v);
    tv->n = n;
}

void task_set(TaskRecord *r, const char *name, double x)
{
    task_set_vec(r, name, &x, 1);
}

double task_get(const TaskRecord *r, const char *name, double def)
{
    const TaskValue *tv = find(r, name);
    return tv && tv->n > 0 ? tv->v[0] : def;
}

const double *task_get_vec(const TaskRecord *r, const char *name, int *n)
{
    const TaskValue *tv = find(r, name);
    *n = tv ? tv->n : 0;
    return tv ? tv->v : NULL;
}

/* ---- the wire format ---------------------------------------------------------------- */

typedef struct {
    unsigned char *p;
    size_t len;
} Out;

static void put(Out *o, const void *src, size_t n)
{
    if (o->p && n)
        memcpy(o->p + o->len, src, n);
    o->len += n;
}

static void put_u32(Out *o, uint32_t v) { put(o, &v, sizeof v); }

/* Write r into o (o->p NULL: only count the bytes). */
static void emit(Out *o, const TaskRecord *r)
{
    int32_t st = (int32_t)r->status;
    uint32_t wl = (uint32_t)strlen(r->why ? r->why : "");
    uint64_t sl = r->solution ? (uint64_t)r->solution_len : 0;
    put(o, MAGIC, sizeof MAGIC);
    put(o, &st, sizeof st);
    put_u32(o, wl);
    put(o, r->why, wl);
    put(o, &sl, sizeof sl);
    put(o, r->solution, (size_t)sl);
    put_u32(o, (uint32_t)r->nvalues);
    for (int k = 0; k < r->nvalues; k++) {
        const TaskValue *tv = &r->values[k];
        uint32_t nl = (uint32_t)strlen(tv->name);
        put_u32(o, nl);
        put(o, tv->name, nl);
        put_u32(o, (uint32_t)tv->n);
        put(o, tv->v, (size_t)tv->n * sizeof *tv->v);
    }
}

unsigned char *task_pack(const TaskRecord *r, size_t *len)
{
    Out o = {NULL, 0};
    emit(&o, r);
    o.p = xcalloc(o.len + 1, 1);
    *len = o.len;
    o.len = 0;
    emit(&o, r);
    return o.p;
}

typedef struct {
    const unsigned char *p;
    size_t len, off;
} In;

static bool get(In *in, void *dst, size_t n)
{
    if (in->len - in->off < n)
        return false;
    memcpy(dst, in->p + in->off, n);
    in->off += n;
    return true;
}

/* A string of n bytes, NUL-terminated in a new buffer; NULL when the bytes run out. */
static char *get_str(In *in, uint32_t n)
{
    if (in->len - in->off < n)
        return NULL;
    char *s = xmalloc((size_t)n + 1);
    memcpy(s, in->p + in->off, n);
    s[n] = '\0';
    in->off += n;
    return s;
}

bool task_unpack(const unsigned char *bytes, size_t len, TaskRecord *out)
{
    memset(out, 0, sizeof *out);
    In in = {bytes, bytes ? len : 0, 0};
    char magic[4];
    int32_t st;
    uint32_t wl, nv;
    uint64_t sl;
    TaskRecord r;
    task_init(&r);
    if (!get(&in, magic, sizeof magic) || memcmp(magic, MAGIC, sizeof magic) != 0 || !get(&in, &st, sizeof st) ||
        !get(&in, &wl, sizeof wl))
        goto bad;
    r.status = (TicoStatus)st;
    free(r.why);
    if (!(r.why = get_str(&in, wl)) || strlen(r.why) != wl || !get(&in, &sl, sizeof sl) || in.len - in.off < sl)
        goto bad;
    if (sl) {
        r.solution = xmalloc((size_t)sl);
        get(&in, r.solution, (size_t)sl);
        r.solution_len = (size_t)sl;
    }
    if (!get(&in, &nv, sizeof nv) || nv > (in.len - in.off) / 8)
        goto bad;
    for (uint32_t k = 0; k < nv; k++) {
        uint32_t nl, n;
        if (!get(&in, &nl, sizeof nl))
            goto bad;
        char *name = get_str(&in, nl);
        if (!name)
            goto bad;
        if (strlen(name) != nl || !get(&in, &n, sizeof n) || n > INT32_MAX / 8 ||
            (in.len - in.off) / sizeof(double) < n) {
            free(name);
            goto bad;
        }
        double *v = xcalloc((size_t)n + 1, sizeof *v);
        get(&in, v, (size_t)n * sizeof *v);
        task_set_vec(&r, name, v, (int)n);
        free(name);
        free(v);
    }
    if (in.off != in.len)
        goto bad;
    *out = r;
    return true;
bad:
    task_free(&r);
    return false;
}
