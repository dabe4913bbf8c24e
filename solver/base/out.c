/*
 * out.c — a set of output files written atomically into one folder (see out.h).
 *
 * Life of one file NAME in folder DIR:
 *   out_open    DIR/.NAME.<pid>.tmp is created and written through stdio
 *   out_commit  closed and checked; then, once all files are closed without error,
 *               DIR/NAME (if present) is hard-linked to DIR/.NAME.<pid>.bak and the
 *               temporary renamed over DIR/NAME; the .bak links are removed at the end,
 *               or used to restore the old files if a later rename fails.
 * The pid in the temporary names keeps two processes writing the same folder apart.
 */
#include "out.h"
#include "json_read.h"
#include "stop.h"
#include "xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

typedef struct {
    char *name;    /* final file name */
    char *final;   /* DIR/NAME */
    char *tmp;     /* DIR/.NAME.<pid>.tmp */
    char *bak;     /* DIR/.NAME.<pid>.bak */
    FILE *f;       /* open until commit/abort */
    bool has_tmp;  /* the temporary exists on disk */
    bool has_bak;  /* the backup link exists on disk */
    bool renamed;  /* the temporary is now DIR/NAME */
} OutFile;

static bool discard; /* out_discard() */

/* ---- the run (out_set_run) ---------------------------------------------------------- */

static struct {
    bool set;
    OutRun r;              /* strings below are owned copies */
    double gap;            /* proven gap of a single solve, NaN otherwise */
    char *line;            /* out_run_line() */
} run = {.gap = NAN};

static char *dup_or_null(const char *s)
{
    return s ? xstrdup(s) : NULL;
}

static void run_clear(void)
{
    free((char *)run.r.command);
    free((char *)run.r.mode);
    free((char *)run.r.instance);
    free((char *)run.r.instance_file);
    free((char *)run.r.input_sha256);
    free((char *)run.r.model_sha256);
    free((char *)run.r.options);
    free((char *)run.r.run_options);
    free(run.line);
    memset(&run.r, 0, sizeof run.r);
    run.line = NULL;
    run.set = false;
    run.gap = NAN;
}

static void run_make_line(void)
{
    free(run.line);
    run.line = NULL;
    if (!run.set)
        return;
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (!f)
        return;
    fprintf(f, "tico %s %s", TICO_VERSION, run.r.command);
    if (run.r.mode && strcmp(run.r.mode, run.r.command) != 0)
        fprintf(f, " (%s)", run.r.mode);
    if (run.r.instance)
        fprintf(f, " of %s (%s)", run.r.instance, run.r.instance_file ? run.r.instance_file : "");
    else if (run.r.instance_file)
        fprintf(f, " of %s", run.r.instance_file);
    fprintf(f, ", options: %s", run.r.options && *run.r.options ? run.r.options : "none");
    if (isfinite(run.r.gap_requested))
        fprintf(f, ", gap asked %g", run.r.gap_requested);
    if (isfinite(run.gap))
        fprintf(f, ", proven gap %.2g %%", 100.0 * run.gap);
    else if (isfinite(run.r.gap_requested))
        fputs(", proven gap per point in the files", f);
    if (run.r.input_sha256)
        fprintf(f, ", input sha256 %s", run.r.input_sha256);
    fclose(f);
    run.line = buf;
}

void out_set_run(const OutRun *r)
{
    run_clear();
    if (!r)
        return;
    run.r.command = dup_or_null(r->command);
    run.r.mode = dup_or_null(r->mode);
    run.r.instance = dup_or_null(r->instance);
    run.r.instance_file = dup_or_null(r->instance_file);
    run.r.input_sha256 = dup_or_null(r->input_sha256);
    run.r.model_sha256 = dup_or_null(r->model_sha256);
    run.r.options = dup_or_null(r->options ? r->options : "");
    run.r.run_options = dup_or_null(r->run_options ? r->run_options : "");
    run.r.gap_requested = r->gap_requested;
    run.set = true;
    run_make_line();
}

void out_run_gap(double gap)
{
    run.gap = gap;
    run_make_line();
}

const char *out_run_model(void)
{
    return run.set ? run.r.model_sha256 : NULL;
}

const char *out_run_line(void)
{
    return run.set ? run.line : NULL;
}

void out_svg_desc(FILE *f)
{
    if (!run.set || !run.line)
        return;
    fputs("<desc>", f);
    for (const char *p = run.line; *p; p++) {
        if (*p == '&')
            fputs("&amp;", f);
        else if (*p == '<')
            fputs("&lt;", f);
        else if (*p == '>')
            fputs("&gt;", f);
        else
            fputc(*p, f);
    }
    fputs("</desc>\n", f);
}

void out_discard(void)
{
    discard = true;
}

struct OutSet {
    int lock;      /* DIR opened and flock'ed from out_begin to commit or abort; -1 none */
    char *dir;
    OutFile *files;
    int n, cap;
};

static char *path_join(const char *dir, const char *prefix, const char *name, const char *suffix)
{
    size_t n = strlen(dir) + strlen(prefix) + strlen(name) + strlen(suffix) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s%s%s", dir, prefix, name, suffix);
    return p;
}

int out_mkdirs(const char *dir)
{
    if (!dir || !*dir) {
        errno = ENOENT;
        return -1;
    }
    char *p = xstrdup(dir);
    int rc = 0;
    for (char *q = p + 1;; q++) {
        if (*q != '/' && *q != '\0')
            continue;
        char saved = *q;
        *q = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            rc = -1;
            break;
        }
        *q = saved;
        if (saved == '\0')
            break;
    }
    if (rc == 0) {
        struct stat st;
        if (stat(p, &st) != 0)
            rc = -1;
        else if (!S_ISDIR(st.st_mode)) {
            errno = ENOTDIR;
            rc = -1;
        }
    }
    int e = errno;
    free(p);
    errno = e;
    return rc;
}

/* One writer per folder: an exclusive flock on the folder itself, held until commit or
 * abort (a lock on the directory leaves no lock file behind). A second run that wants to
 * write the same folder meanwhile waits, and says so; a signal while it waits gives up. The
 * lock goes with the process. */
static int lock_dir(const char *dir)
{
    int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0) {
        fprintf(stderr, "tico: %s: cannot open the output folder: %s\n", dir, strerror(errno));
        return -1;
    }
    if (flock(fd, LOCK_EX | LOCK_NB) != 0) {
        if (errno != EWOULDBLOCK) {
            fprintf(stderr, "tico: %s: cannot lock the output folder: %s\n", dir, strerror(errno));
            close(fd);
            return -1;
        }
        fprintf(stderr, "tico: %s: another tico run is writing this folder; waiting for it to finish\n", dir);
        while (flock(fd, LOCK_EX) != 0) {
            if (errno != EINTR || stop_requested()) {
                fprintf(stderr, "tico: %s: gave up waiting for the folder's lock: %s\n", dir,
                        errno == EINTR ? "stopped" : strerror(errno));
                close(fd);
                return -1;
            }
        }
    }
    return fd;
}

int out_check_dir(const char *dir)
{
    if (discard) /* a process that writes nothing (MPI rank > 0): no folder to check */
        return 0;
    if (!dir || !*dir) {
        errno = ENOENT;
        return -1;
    }
    /* the deepest part of the path that exists must be a folder we may write in; what is
     * missing below it can then be created. Nothing is created here: a run that fails
     * later (invalid input, infeasible) writes nothing. */
    char *p = xstrdup(dir);
    size_t n = strlen(p);
    while (n > 1 && p[n - 1] == '/')
        p[--n] = '\0';
    struct stat st;
    int rc = 0;
    bool whole = true;
    for (;;) {
        if (stat(p, &st) == 0) {
            if (!S_ISDIR(st.st_mode)) {
                errno = ENOTDIR;
                rc = -1;
            } else if (access(p, W_OK | X_OK) != 0) {
                rc = -1;
            }
            break;
        }
        if (errno != ENOENT) {
            rc = -1;
            break;
        }
        whole = false;
        char *slash = strrchr(p, '/');
        if (!slash) {
            snprintf(p, n + 1, ".");
            continue;
        }
        if (slash == p)
            slash[1] = '\0';
        else
            *slash = '\0';
    }
    if (rc == 0 && whole) {
        /* the folder exists: can a file be made in it (a read-only mount passes access())? */
        char *probe = xasprintf("%s/.tico.probe.%ld", dir, (long)getpid());
        int fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0) {
            rc = -1;
        } else {
            close(fd);
            unlink(probe);
        }
        free(probe);
    }
    int saved = errno;
    free(p);
    errno = saved;
    return rc;
}

OutSet *out_begin(const char *dir)
{
    if (!discard && out_mkdirs(dir) != 0) {
        fprintf(stderr, "tico: %s: cannot create the output folder: %s\n", dir, strerror(errno));
        return NULL;
    }
    /* a discarding process (an MPI rank other than 0) writes nothing: it takes no lock, and
     * needs no folder (on another host there is none) */
    int lock = discard ? -1 : lock_dir(dir);
    if (!discard && lock < 0)
        return NULL;
    OutSet *o = xcalloc(1, sizeof *o);
    o->lock = lock;
    o->dir = xstrdup(dir);
    return o;
}

const char *out_dir(const OutSet *o)
{
    return o->dir;
}

FILE *out_open(OutSet *o, const char *name)
{
    if (!*name || strchr(name, '/')) {
        fprintf(stderr, "tico: %s/%s: not a plain file name\n", o->dir, name);
        return NULL;
    }
    for (int k = 0; k < o->n; k++)
        if (strcmp(o->files[k].name, name) == 0) {
            fprintf(stderr, "tico: %s/%s: opened twice in one set of output files\n", o->dir, name);
            return NULL;
        }
    if (o->n == o->cap) {
        o->cap = o->cap ? 2 * o->cap : 16;
        o->files = xrealloc(o->files, (size_t)o->cap * sizeof *o->files);
    }
    char suffix[40];
    snprintf(suffix, sizeof suffix, ".%ld.tmp", (long)getpid());
    char bsuffix[40];
    snprintf(bsuffix, sizeof bsuffix, ".%ld.bak", (long)getpid());
    OutFile *f = &o->files[o->n];
    memset(f, 0, sizeof *f);
    f->name = xstrdup(name);
    f->final = path_join(o->dir, "", name, "");
    f->tmp = path_join(o->dir, ".", name, suffix);
    f->bak = path_join(o->dir, ".", name, bsuffix);
    o->n++;
    f->f = fopen(discard ? "/dev/null" : f->tmp, "w");
    if (!f->f) {
        fprintf(stderr, "tico: %s: cannot write: %s\n", f->final, strerror(errno));
        return NULL;
    }
    f->has_tmp = !discard;
    return f->f;
}

void out_printf(FILE *f, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vfprintf(f, fmt, ap);
    va_end(ap);
}

const char *out_num(char *buf, double v)
{
    if (!isfinite(v)) {
        buf[0] = '\0';
        return buf;
    }
    if (fabs(v) < OUT_ZERO)
        v = 0.0; /* solver round-off, and -0 */
    snprintf(buf, OUT_NUMLEN, "%.12g", v);
    if (strcmp(buf, "-0") == 0)
        strcpy(buf, "0");
    return buf;
}

void out_put_num(FILE *f, double v)
{
    char b[OUT_NUMLEN];
    fputs(out_num(b, v), f);
}

void out_csv_field(FILE *f, const char *s)
{
    size_t n = strlen(s);
    bool quote = n > 0 && (s[0] == ' ' || s[0] == '\t' || s[n - 1] == ' ' || s[n - 1] == '\t');
    for (const char *p = s; *p && !quote; p++)
        quote = *p == ',' || *p == '"' || *p == '\n' || *p == '\r';
    if (!quote) {
        fputs(s, f);
        return;
    }
    fputc('"', f);
    for (const char *p = s; *p; p++) {
        if (*p == '"')
            fputc('"', f);
        fputc(*p, f);
    }
    fputc('"', f);
}

static void free_set(OutSet *o)
{
    for (int k = 0; k < o->n; k++) {
        free(o->files[k].name);
        free(o->files[k].final);
        free(o->files[k].tmp);
        free(o->files[k].bak);
    }
    free(o->files);
    free(o->dir);
    if (o->lock >= 0)
        close(o->lock); /* releases the flock */
    free(o);
}

/* Undo everything on disk: close files, remove temporaries, put back replaced files. */
static void rollback(OutSet *o)
{
    for (int k = 0; k < o->n; k++) {
        OutFile *f = &o->files[k];
        if (f->f) {
            fclose(f->f);
            f->f = NULL;
        }
        if (f->renamed) {
            if (f->has_bak) {
                if (rename(f->bak, f->final) == 0)
                    f->has_bak = false;
            } else {
                unlink(f->final);
            }
            f->renamed = false;
        }
        if (f->has_tmp) {
            unlink(f->tmp);
            f->has_tmp = false;
        }
        if (f->has_bak) {
            unlink(f->bak);
            f->has_bak = false;
        }
    }
}

void out_abort(OutSet *o)
{
    if (!o)
        return;
    rollback(o);
    free_set(o);
}

static TicoStatus fail(OutSet *o, const OutFile *f, const char *what, int err)
{
    fprintf(stderr, "tico: %s: %s%s%s; no file of the set written to %s\n", f->final, what, err ? ": " : "",
            err ? strerror(err) : "", o->dir);
    out_abort(o);
    return TICO_EINTERNAL;
}

/* run.json is written here, not with json.h (which formats its numbers with out_num: the
 * two modules would depend on each other), in the same layout: two spaces a level, one member
 * or element per line. */
static void jw_indent(FILE *f, int depth)
{
    for (int k = 0; k < depth; k++)
        fputs("  ", f);
}

static void jw_str(FILE *f, const char *s)
{
    if (!s) {
        fputs("null", f);
        return;
    }
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        if (*p == '"' || *p == '\\')
            fprintf(f, "\\%c", *p);
        else if (*p < 0x20)
            fprintf(f, "\\u%04x", *p);
        else
            fputc(*p, f);
    }
    fputc('"', f);
}

static void jw_num(FILE *f, double v)
{
    char b[OUT_NUMLEN];
    fputs(isfinite(v) ? out_num(b, v) : "null", f);
}

/* A member "key": (a new line unless first) at depth. */
static void jw_key(FILE *f, int depth, bool *first, const char *key)
{
    fputs(*first ? "\n" : ",\n", f);
    *first = false;
    jw_indent(f, depth);
    jw_str(f, key);
    fputs(": ", f);
}

/* A value read back from an older run.json, written again as it was. */
static void jw_copy(FILE *f, const JsonNode *j, int depth)
{
    switch (j->type) {
    case JN_NULL:
        fputs("null", f);
        break;
    case JN_BOOL:
        fputs(j->num != 0.0 ? "true" : "false", f);
        break;
    case JN_NUM:
        jw_num(f, j->num);
        break;
    case JN_STR:
        jw_str(f, j->str);
        break;
    case JN_ARR:
    case JN_OBJ:
        fputc(j->type == JN_ARR ? '[' : '{', f);
        for (int k = 0; k < j->n; k++) {
            fputs(k ? ",\n" : "\n", f);
            jw_indent(f, depth + 1);
            if (j->type == JN_OBJ) {
                jw_str(f, j->keys[k]);
                fputs(": ", f);
            }
            jw_copy(f, &j->kids[k], depth + 1);
        }
        if (j->n) {
            fputc('\n', f);
            jw_indent(f, depth);
        }
        fputc(j->type == JN_ARR ? ']' : '}', f);
        break;
    }
}

static bool in_set(const OutSet *o, const char *name)
{
    for (int k = 0; k < o->n; k++)
        if (strcmp(o->files[k].name, name) == 0)
            return true;
    return false;
}

/* run.json of the folder: the earlier runs' entries without the files this set rewrites (an
 * entry left with no file is dropped), then this run. An unreadable or foreign run.json is
 * replaced. */
static void write_run_json(OutSet *o, FILE *f)
{
    JsonNode old = {0};
    bool have_old = false;
    char *path = path_join(o->dir, "", "run.json", "");
    Diag d = {0}; /* a run.json that is missing or unreadable is started afresh */
    if (json_read_file(path, &old, &d, NULL, 0))
        have_old = old.type == JN_OBJ;
    diag_free(&d);
    free(path);
    fputs("{\n  \"runs\": [", f);
    bool first_run = true;
    const JsonNode *runs = have_old ? json_get(&old, "runs") : NULL;
    for (int r = 0; runs && runs->type == JN_ARR && r < runs->n; r++) {
        const JsonNode *e = &runs->kids[r], *files = json_get(e, "files");
        if (e->type != JN_OBJ || !files || files->type != JN_ARR)
            continue;
        int keep = 0;
        for (int k = 0; k < files->n; k++)
            keep += files->kids[k].type == JN_STR && !in_set(o, files->kids[k].str) &&
                    strcmp(files->kids[k].str, "run.json") != 0;
        if (keep == 0)
            continue;
        fputs(first_run ? "\n    {" : ",\n    {", f);
        first_run = false;
        bool first = true;
        for (int k = 0; k < e->n; k++) {
            jw_key(f, 3, &first, e->keys[k]);
            if (&e->kids[k] != files) {
                jw_copy(f, &e->kids[k], 3);
                continue;
            }
            fputc('[', f);
            bool ff = true;
            for (int q = 0; q < files->n; q++)
                if (files->kids[q].type == JN_STR && !in_set(o, files->kids[q].str) &&
                    strcmp(files->kids[q].str, "run.json") != 0) {
                    fputs(ff ? "\n" : ",\n", f);
                    ff = false;
                    jw_indent(f, 4);
                    jw_str(f, files->kids[q].str);
                }
            fputs("\n      ]", f);
        }
        fputs("\n    }", f);
    }
    char date[32];
    time_t now = time(NULL);
    struct tm tm;
    gmtime_r(&now, &tm);
    strftime(date, sizeof date, "%Y-%m-%dT%H:%M:%SZ", &tm);
    fputs(first_run ? "\n    {" : ",\n    {", f);
    bool first = true;
    jw_key(f, 3, &first, "tico_version");
    jw_str(f, TICO_VERSION);
    jw_key(f, 3, &first, "command");
    jw_str(f, run.r.command);
    jw_key(f, 3, &first, "mode");
    jw_str(f, run.r.mode ? run.r.mode : run.r.command);
    jw_key(f, 3, &first, "instance");
    jw_str(f, run.r.instance);
    jw_key(f, 3, &first, "instance_file");
    jw_str(f, run.r.instance_file);
    jw_key(f, 3, &first, "input_sha256");
    jw_str(f, run.r.input_sha256);
    jw_key(f, 3, &first, "model_sha256");
    jw_str(f, run.r.model_sha256);
    jw_key(f, 3, &first, "options");
    jw_str(f, run.r.options);
    jw_key(f, 3, &first, "run_options");
    jw_str(f, run.r.run_options);
    jw_key(f, 3, &first, "gap_requested");
    jw_num(f, run.r.gap_requested);
    jw_key(f, 3, &first, "gap");
    jw_num(f, run.gap);
    jw_key(f, 3, &first, "date");
    jw_str(f, date);
    jw_key(f, 3, &first, "header");
    jw_str(f, run.line);
    jw_key(f, 3, &first, "files");
    fputc('[', f);
    bool ff = true;
    for (int k = 0; k < o->n; k++)
        if (strcmp(o->files[k].name, "run.json") != 0) {
            fputs(ff ? "\n" : ",\n", f);
            ff = false;
            jw_indent(f, 4);
            jw_str(f, o->files[k].name);
        }
    fputs(ff ? "]" : "\n      ]", f);
    fputs("\n    }\n  ]\n}\n", f);
    json_node_free(&old); /* empty when it did not parse */
}

TicoStatus out_commit(OutSet *o)
{
    /* 0. the run's sidecar joins the set (under the folder's lock, renamed with the rest) */
    if (run.set && !discard && !in_set(o, "run.json")) {
        FILE *rf = out_open(o, "run.json");
        if (rf)
            write_run_json(o, rf);
    }
    /* 1. every file closed without a write error */
    for (int k = 0; k < o->n; k++) {
        OutFile *f = &o->files[k];
        if (!f->f)
            return fail(o, f, "could not be opened", 0);
        int bad = ferror(f->f);
        int e = errno;
        if (fclose(f->f) != 0 && !bad) {
            bad = 1;
            e = errno;
        }
        f->f = NULL;
        if (bad)
            return fail(o, f, "write error", e);
    }
    if (discard) {
        free_set(o);
        return TICO_OK;
    }
    /* 2. every name free or a plain file we may replace */
    for (int k = 0; k < o->n; k++) {
        OutFile *f = &o->files[k];
        struct stat st;
        if (lstat(f->final, &st) == 0 && !S_ISREG(st.st_mode))
            return fail(o, f, "exists and is not a regular file", 0);
    }
    /* 3. rename, keeping a link to each replaced file until all renames succeeded */
    for (int k = 0; k < o->n; k++) {
        OutFile *f = &o->files[k];
        unlink(f->bak);
        if (link(f->final, f->bak) == 0)
            f->has_bak = true;
        if (rename(f->tmp, f->final) != 0)
            return fail(o, f, "cannot rename the temporary into place", errno);
        f->has_tmp = false;
        f->renamed = true;
    }
    for (int k = 0; k < o->n; k++)
        if (o->files[k].has_bak)
            unlink(o->files[k].bak);
    free_set(o);
    return TICO_OK;
}
