/*
 * build.c — the Build object: staging of rows, columns and coefficients, the one
 * glp_load_matrix, policy changes without rebuilding, and GLPK's error guard.
 *
 * The builder files add rows and columns here in the order they are made; nothing reaches
 * GLPK until build_finish(), which creates every row and column at once, merges entries
 * given twice (GLPK aborts on duplicates) and loads the matrix in one call.
 */
#include "build.h"
#include "xalloc.h"

#include <malloc.h>
#include <math.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "names.h"

typedef struct {
    char *name;
    int kind, type;
    double lb, ub, obj;
} StageCol;

typedef struct {
    char *name;
    int type;
    double lb, ub;
} StageRow;

typedef struct {
    int row, col;
    double v;
} Entry;

struct BuildStage {
    StageCol *col;      /* [1..ncols] */
    StageRow *row;      /* [1..nrows] */
    int capcol, caprow;
    Entry *nz;
    int nnz, capnz;
};



/* ---- GLPK guard ------------------------------------------------------------------- */

static jmp_buf *guard_jmp;
static bool glpk_dead;
static char glpk_msg[2048];
static size_t glpk_msg_len;
static int glpk_log = -1;

static int term_hook(void *info, const char *s)
{
    (void)info;
    size_t n = strlen(s);
    if (glpk_msg_len + n >= sizeof glpk_msg)
        glpk_msg_len = 0; /* keep the latest text: the error message comes last */
    if (n < sizeof glpk_msg) {
        memcpy(glpk_msg + glpk_msg_len, s, n);
        glpk_msg_len += n;
        glpk_msg[glpk_msg_len] = '\0';
    }
    if (glpk_log > 0)
        fputs(s, stderr);
    return 1; /* never on stdout */
}

static void error_hook(void *info)
{
    (void)info;
    if (guard_jmp)
        longjmp(*guard_jmp, 1);
}

void build_size(const Build *B, BuildSize *z)
{
    z->rows = glp_get_num_rows(B->lp);
    z->cols = glp_get_num_cols(B->lp);
    z->integers = glp_get_num_int(B->lp);
    z->nonzeros = glp_get_num_nz(B->lp);
}

int build_glpk_call(int (*fn)(void *arg), void *arg)
{
    if (glpk_dead) {
        fputs("tico: GLPK failed earlier in this run; no further solves\n", stderr);
        return -1;
    }
    if (glpk_log < 0) {
        const char *e = getenv("TICO_GLPK_LOG");
        glpk_log = e && *e && strcmp(e, "0") != 0;
    }
    jmp_buf jb;
    jmp_buf *outer = guard_jmp;
    glp_term_hook(term_hook, NULL);
    glp_term_out(glpk_log > 0 ? GLP_ON : GLP_OFF);
    glp_error_hook(error_hook, NULL);
    glpk_msg_len = 0;
    glpk_msg[0] = '\0';
    if (setjmp(jb)) {
        guard_jmp = outer;
        glpk_dead = true;
        /* one line: GLPK's message, then where in GLPK it was detected */
        while (glpk_msg_len > 0 && glpk_msg[glpk_msg_len - 1] == '\n')
            glpk_msg[--glpk_msg_len] = '\0';
        for (size_t k = 0; k < glpk_msg_len; k++)
            if (glpk_msg[k] == '\n')
                glpk_msg[k] = ' '; /* "... out of range Error detected in file api/prob1.c at line 559" */
        fprintf(stderr, "tico: GLPK error: %s\n", glpk_msg_len ? glpk_msg : "(no message)");
        glp_free_env();
        return -1;
    }
    guard_jmp = &jb;
    int r = fn(arg);
    guard_jmp = outer;
    return r;
}

bool build_glpk_failed(void)
{
    return glpk_dead;
}

/* Ask for transparent huge pages on the untouched part of a large array (from the first
 * whole 2 MB page in it); a no-op for small ones and where the kernel has no THP. */
static void hugepage_hint(void *p, size_t bytes)
{
    const uintptr_t huge = (uintptr_t)2 << 20;
    if (bytes < 4 * huge)
        return;
    uintptr_t lo = ((uintptr_t)p + huge - 1) & ~(huge - 1), hi = ((uintptr_t)p + bytes) & ~(huge - 1);
    if (hi > lo)
        madvise((void *)lo, hi - lo, MADV_HUGEPAGE);
}

/* ---- staging ---------------------------------------------------------------------- */

static char *vname(const char *fmt, va_list ap)
{
    char raw[1024];
    vsnprintf(raw, sizeof raw, fmt, ap);
    char buf[NAME_BUF];
    name_fmt(buf, "%s", raw);
    char *s = xstrdup(buf);
    return s;
}

int build_col(Build *B, Meaning what, int kind, int type, double lb, double ub, const char *fmt, ...)
{
    struct BuildStage *st = B->stage;
    int j = ++B->ncols;
    if (j >= st->capcol) {
        st->capcol = 2 * st->capcol + 64;
        st->col = xrealloc(st->col, (size_t)st->capcol * sizeof *st->col);
        B->col = xrealloc(B->col, (size_t)st->capcol * sizeof *B->col);
    }
    va_list ap;
    va_start(ap, fmt);
    st->col[j] = (StageCol){vname(fmt, ap), kind, type, lb, ub, 0.0};
    va_end(ap);
    B->col[j] = what;
    if (kind != GLP_CV)
        B->nint++;
    return j;
}

int build_row(Build *B, Meaning what, int type, double lb, double ub, const char *fmt, ...)
{
    struct BuildStage *st = B->stage;
    int i = ++B->nrows;
    if (i >= st->caprow) {
        st->caprow = 2 * st->caprow + 64;
        st->row = xrealloc(st->row, (size_t)st->caprow * sizeof *st->row);
        B->row = xrealloc(B->row, (size_t)st->caprow * sizeof *B->row);
    }
    va_list ap;
    va_start(ap, fmt);
    st->row[i] = (StageRow){vname(fmt, ap), type, lb, ub};
    va_end(ap);
    B->row[i] = what;
    return i;
}

void build_coef(Build *B, int row, int col, double coef)
{
    struct BuildStage *st = B->stage;
    if (coef == 0.0 || row <= 0 || col <= 0)
        return;
    if (st->nnz >= st->capnz) {
        st->capnz = 2 * st->capnz + 256;
        st->nz = xrealloc(st->nz, (size_t)st->capnz * sizeof *st->nz);
        hugepage_hint(st->nz, (size_t)st->capnz * sizeof *st->nz);
    }
    st->nz[st->nnz++] = (Entry){row, col, coef};
}

void build_obj(Build *B, int j, double c)
{
    B->stage->col[j].obj = c;
}

bool build_alive(const Model *m, int t_built, int t, int lifetime)
{
    return t_built <= t && m->years[t_built] + lifetime > m->years[t];
}

/* ---- growth curves (build.h) ------------------------------------------------------ */

double build_growth(const Model *m, const Technology *tc, int t_built, int t)
{
    if (!tc->growth)
        return 1.0;
    int n = tc->ngrowth;
    double sum = 0.0;
    for (int k = 0; k < m->length[t]; k++) {
        int age = m->years[t] + k - m->years[t_built];
        sum += tc->growth[age < 0 ? 0 : age < n ? age : n - 1];
    }
    return m->length[t] > 0 ? sum / m->length[t] : 0.0;
}

double build_growth_existing(const Technology *tc)
{
    return tc->growth ? tc->growth[tc->ngrowth - 1] : 1.0;
}

double build_grown_modules(const Model *m, int i, int t, const double *built)
{
    const Technology *tc = &m->techs[m->assets[i].tech];
    double U = model_existing_modules(m, i, t) * build_growth_existing(tc);
    for (int t2 = 0; t2 <= t; t2++)
        if (build_alive(m, t2, t, tc->lifetime))
            U += built[t2] * build_growth(m, tc, t2, t);
    return U;
}

/* ---- stock recursion -------------------------------------------------------------- */

/* Builds entering (alive in t, not in t-1) and leaving (alive in t-1, not in t) in t. */
static void stock_moves(const Build *B, const int *bcol, int lifetime, int t, int *enter, int *leave)
{
    *enter = *leave = 0;
    for (int t2 = 0; t2 <= t; t2++) {
        if (!bcol[t2])
            continue;
        bool now = build_alive(B->m, t2, t, lifetime), before = t > 0 && build_alive(B->m, t2, t - 1, lifetime);
        *enter += now && !before;
        *leave += before && !now;
    }
}

static int stock_first(const Build *B, const int *bcol)
{
    for (int t = 0; t < B->T; t++)
        if (bcol[t])
            return t;
    return -1;
}

bool build_stock_pays(const Build *B, unsigned what, const int *bcol, int lifetime, const int *uses_old,
                      const int *uses_new, int extra_old)
{
    int first = stock_first(B, bcol);
    if (first < 0 || (B->direct & what))
        return false;
    long old = extra_old, now = 0;
    for (int t = first; t < B->T; t++) {
        int alive = 0;
        for (int t2 = first; t2 <= t; t2++)
            alive += bcol[t2] && build_alive(B->m, t2, t, lifetime);
        int enter, leave;
        stock_moves(B, bcol, lifetime, t, &enter, &leave);
        old += (long)uses_old[t] * alive;
        now += uses_new[t] + 1 + (t > first) + enter + leave;
    }
    return now < old;
}

void build_stock(Build *B, const int *bcol, int lifetime, Meaning colm, Meaning rowm, const double *ub,
                 const char *cname, const char *rname, int *kcol)
{
    const Model *m = B->m;
    int first = stock_first(B, bcol);
    for (int t = 0; t < B->T; t++)
        kcol[t] = 0;
    if (first < 0)
        return;
    for (int t = first; t < B->T; t++) {
        colm.t = rowm.t = t;
        bool bounded = ub && ub[t] >= 0;
        kcol[t] = build_col(B, colm, GLP_CV, bounded ? GLP_DB : GLP_LO, 0.0, bounded ? ub[t] : 0.0, "%s_%d", cname,
                            m->years[t]);
        if (bounded && ub[t] == 0.0)
            B->stage->col[kcol[t]].type = GLP_FX;
        int row = build_row(B, rowm, GLP_FX, 0.0, 0.0, "%s_%d", rname, m->years[t]);
        build_coef(B, row, kcol[t], 1.0);
        if (t > first)
            build_coef(B, row, kcol[t - 1], -1.0);
        for (int t2 = first; t2 <= t; t2++) {
            if (!bcol[t2])
                continue;
            bool now = build_alive(m, t2, t, lifetime), before = t > 0 && build_alive(m, t2, t - 1, lifetime);
            if (now && !before)
                build_coef(B, row, bcol[t2], -1.0);
            else if (before && !now)
                build_coef(B, row, bcol[t2], 1.0);
        }
    }
}

/* ---- factors ---------------------------------------------------------------------- */

double build_gross_factor(const Technology *tc)
{
    return tc->em_fossil + tc->em_process;
}

double build_captured_factor(const Technology *tc)
{
    if (tc->capture_commodity < 0)
        return 0.0;
    return tc->capture_rate * (tc->em_fossil + tc->em_process + tc->em_biogenic);
}

double build_net_factor(const Technology *tc)
{
    double rate = tc->capture_commodity >= 0 ? tc->capture_rate : 0.0;
    return (tc->em_fossil + tc->em_process) * (1.0 - rate) - tc->em_biogenic * rate + tc->em_other;
}

double build_flow_coef(const Technology *tc, int c)
{
    double v = 0.0;
    for (int j = 0; j < tc->noutputs; j++)
        if (tc->outputs[j].commodity == c)
            v += tc->outputs[j].amount;
    for (int j = 0; j < tc->ninputs; j++)
        if (tc->inputs[j].commodity == c)
            v -= tc->inputs[j].amount;
    if (tc->capture_commodity == c)
        v += build_captured_factor(tc);
    return v;
}

double build_gross_flow_coef(const Technology *tc, int c)
{
    double v = 0.0;
    for (int j = 0; j < tc->noutputs; j++)
        if (tc->outputs[j].commodity == c)
            v += tc->outputs[j].amount;
    for (int j = 0; j < tc->ninputs; j++)
        if (tc->inputs[j].commodity == c)
            v += tc->inputs[j].amount;
    if (tc->capture_commodity == c)
        v += build_captured_factor(tc);
    return v;
}

int build_route_lines(const Build *B, int p, int r, int t)
{
    const Model *m = B->m;
    const Plant *pl = &m->plants[p];
    const Technology *tc = &m->techs[pl->routes[r]];
    int lines = r == pl->existing_route ? model_existing_lines(m, p, t) : 0;
    if (pl->buildable[r])
        for (int t2 = 0; t2 <= t; t2++)
            if (m->years[t2] >= tc->available_from && build_alive(m, t2, t, tc->lifetime))
                return pl->units;
    return lines < pl->units ? lines : pl->units;
}

const char *build_row_name(const Build *B, int i)
{
    const char *s = B->lp ? glp_get_row_name(B->lp, i) : NULL;
    return s ? s : "?";
}

const char *build_col_name(const Build *B, int j)
{
    const char *s = B->lp ? glp_get_col_name(B->lp, j) : NULL;
    return s ? s : "?";
}

/* ---- finish: one glp_load_matrix -------------------------------------------------- */

/* One entry of a row while it is sorted: column, value, and the order it was staged in. */
typedef struct {
    int col, seq;
    double v;
} RowEntry;

static int cmp_row_entry(const void *a, const void *b)
{
    const RowEntry *x = a, *y = b;
    if (x->col != y->col)
        return x->col < y->col ? -1 : 1;
    return (x->seq > y->seq) - (x->seq < y->seq);
}

/* The staged entries as the three arrays glp_load_matrix reads (1-based): row by row, each
 * row by column, duplicates summed in the order they were staged, zeros dropped. The rows
 * are bucketed by counting (linear), so only each row's few entries are sorted; the order
 * is the one a stable sort of all entries by (row, column) gives. Frees the staged entries.
 * Returns the number of entries. */
static int stage_matrix(Build *B, int **ia_out, int **ja_out, double **ar_out)
{
    struct BuildStage *st = B->stage;
    int *start = xcalloc((size_t)B->nrows + 2, sizeof *start);
    for (int q = 0; q < st->nnz; q++)
        start[st->nz[q].row + 1]++;
    for (int i = 1; i <= B->nrows + 1; i++)
        start[i] += start[i - 1];
    int *ja = xcalloc((size_t)st->nnz + 1, sizeof *ja);
    double *ar = xcalloc((size_t)st->nnz + 1, sizeof *ar);
    hugepage_hint(ja, ((size_t)st->nnz + 1) * sizeof *ja);
    hugepage_hint(ar, ((size_t)st->nnz + 1) * sizeof *ar);
    int *next = xcalloc((size_t)B->nrows + 1, sizeof *next);
    memcpy(next, start, ((size_t)B->nrows + 1) * sizeof *next);
    for (int q = 0; q < st->nnz; q++) {
        int k = 1 + next[st->nz[q].row]++;
        ja[k] = st->nz[q].col;
        ar[k] = st->nz[q].v;
    }
    free(next);
    free(st->nz);
    st->nz = NULL;
    st->nnz = st->capnz = 0;

    int *ia = xcalloc((size_t)start[B->nrows + 1] + 1, sizeof *ia);
    hugepage_hint(ia, ((size_t)start[B->nrows + 1] + 1) * sizeof *ia);
    RowEntry *tmp = NULL;
    int captmp = 0, nnz = 0;
    for (int i = 1; i <= B->nrows; i++) {
        int lo = start[i] + 1, n = start[i + 1] - start[i];
        if (n == 0)
            continue;
        if (n > captmp) {
            captmp = 2 * n;
            tmp = xrealloc(tmp, (size_t)captmp * sizeof *tmp);
        }
        for (int q = 0; q < n; q++)
            tmp[q] = (RowEntry){ja[lo + q], q, ar[lo + q]};
        qsort(tmp, (size_t)n, sizeof *tmp, cmp_row_entry);
        int first = nnz + 1; /* where this row's entries start in the output */
        for (int q = 0; q < n; q++) {
            if (nnz >= first && ja[nnz] == tmp[q].col) {
                ar[nnz] += tmp[q].v;
                continue;
            }
            nnz++;
            ia[nnz] = i;
            ja[nnz] = tmp[q].col;
            ar[nnz] = tmp[q].v;
        }
        /* drop the zeros of this row (entries that summed to zero) */
        int w = first - 1;
        for (int q = first; q <= nnz; q++)
            if (ar[q] != 0.0) {
                w++;
                ia[w] = ia[q];
                ja[w] = ja[q];
                ar[w] = ar[q];
            }
        nnz = w;
    }
    free(tmp);
    free(start);
    *ia_out = ia;
    *ja_out = ja;
    *ar_out = ar;
    return nnz;
}

/* GLPK keeps each matrix entry in a node of its own (some 60 bytes), so a large model's
 * build spends a third of its time in page faults on fresh memory (measured with perf on
 * bench/gen's large instance, a VM). Transparent huge pages cut their number 512-fold, but
 * glibc asks for them only when GLIBC_TUNABLES says so. For a model whose matrix will need
 * more than 64 MB: grow the heap once by what GLPK will take, mark that range MADV_HUGEPAGE,
 * and give it back to malloc untrimmed, so GLPK's allocations land in it. Where the kernel
 * has no THP this is a harmless no-op. */
static void reserve_hugepage_heap(size_t bytes)
{
    enum { CHUNK = 16 << 20, MAXCHUNKS = 256 }; /* malloc serves at most 32 MB from the heap */
    if (bytes < (size_t)64 << 20 || !mallopt(M_MMAP_THRESHOLD, CHUNK + (1 << 20)) ||
        !mallopt(M_TRIM_THRESHOLD, INT32_MAX))
        return;
    char *chunk[MAXCHUNKS];
    int n = 0;
    uintptr_t lo = UINTPTR_MAX, hi = 0;
    for (; n < MAXCHUNKS && (size_t)n * CHUNK < bytes; n++) {
        if (!(chunk[n] = xmalloc(CHUNK)))
            break;
        uintptr_t a = (uintptr_t)chunk[n];
        lo = a < lo ? a : lo;
        hi = a + CHUNK > hi ? a + CHUNK : hi;
    }
    if (hi > lo && hi - lo <= (size_t)2 * n * CHUNK) /* one contiguous stretch of heap */
        hugepage_hint((void *)lo, hi - lo);
    while (n > 0)
        free(chunk[--n]);
}

static int finish_glpk(void *arg)
{
    Build *B = arg;
    struct BuildStage *st = B->stage;
    const Model *m = B->m;
    int *ia, *ja;
    double *ar;
    int nnz = stage_matrix(B, &ia, &ja, &ar);
    reserve_hugepage_heap((size_t)nnz * 64 + ((size_t)B->nrows + (size_t)B->ncols) * 256);

    glp_prob *lp = glp_create_prob();
    B->lp = lp;
    char name[NAME_BUF];
    glp_set_prob_name(lp, name_fmt(name, "tico_%s", m->name));
    glp_set_obj_name(lp, "npv_cost");
    glp_set_obj_dir(lp, GLP_MIN);
    if (B->nrows > 0)
        glp_add_rows(lp, B->nrows);
    for (int i = 1; i <= B->nrows; i++) {
        glp_set_row_name(lp, i, st->row[i].name);
        glp_set_row_bnds(lp, i, st->row[i].type, st->row[i].lb, st->row[i].ub);
    }
    if (B->ncols > 0)
        glp_add_cols(lp, B->ncols);
    B->int_cols = xcalloc((size_t)B->nint, sizeof *B->int_cols);
    B->col_type0 = xcalloc((size_t)B->ncols + 1, sizeof *B->col_type0);
    B->col_lb0 = xcalloc((size_t)B->ncols + 1, sizeof *B->col_lb0);
    B->col_ub0 = xcalloc((size_t)B->ncols + 1, sizeof *B->col_ub0);
    int ni = 0;
    for (int j = 1; j <= B->ncols; j++) {
        const StageCol *c = &st->col[j];
        glp_set_col_name(lp, j, c->name);
        if (c->kind != GLP_CV)
            glp_set_col_kind(lp, j, c->kind);
        if (c->kind != GLP_BV)
            glp_set_col_bnds(lp, j, c->type, c->lb, c->ub);
        glp_set_obj_coef(lp, j, c->obj);
        if (c->kind != GLP_CV)
            B->int_cols[ni++] = j;
        B->col_type0[j] = glp_get_col_type(lp, j);
        B->col_lb0[j] = glp_get_col_lb(lp, j);
        B->col_ub0[j] = glp_get_col_ub(lp, j);
    }
    glp_load_matrix(lp, nnz, ia, ja, ar);
    free(ia);
    free(ja);
    free(ar);
    return 0;
}

static void stage_free(Build *B)
{
    struct BuildStage *st = B->stage;
    if (!st)
        return;
    for (int j = 1; st->col && j <= B->ncols; j++)
        free(st->col[j].name);
    for (int i = 1; st->row && i <= B->nrows; i++)
        free(st->row[i].name);
    free(st->col);
    free(st->row);
    free(st->nz);
    free(st);
    B->stage = NULL;
}

static int *zeros_int(int n)
{
    return xcalloc((size_t)(n > 0 ? n : 1), sizeof(int));
}

TicoStatus build_new(const Model *m, const BuildOpts *opt, Build **out)
{
    *out = NULL;
    Build *B = xcalloc(1, sizeof *B);
    B->m = m;
    B->opt = *opt;
    if (B->opt.elastic && !(B->opt.penalty > 0))
        B->opt.penalty = 1e5;
    int T = B->T = m->nperiods, S = B->S = m->nslices, C = B->C = m->ncommodities;
    int P = m->nplants, I = m->nassets, K = m->nmarkets;
    B->route_off = zeros_int(P + 1);
    for (int p = 0; p < P; p++)
        B->route_off[p + 1] = B->route_off[p] + m->plants[p].nroutes;
    int R = B->R = B->route_off[P];
    B->n = zeros_int(R * T);
    B->b = zeros_int(R * T);
    B->x = zeros_int(R * T);
    B->pool = zeros_int(P * T);
    B->w = zeros_int(P * C * T);
    B->mods = zeros_int(I * T);
    B->act = zeros_int(I * T * S);
    B->chg = zeros_int(I * T * S);
    B->dis = zeros_int(I * T * S);
    B->lvl = zeros_int(I * T * S);
    B->mkt = zeros_int(K * T * S);
    B->alive = zeros_int(R * T);
    B->mod_alive = zeros_int(I * T);
    B->spur_on = zeros_int(P * C * T);
    B->plant_flow = zeros_int(C * T);
    B->em = zeros_int(T);
    B->em_ets = zeros_int(T);
    B->short_col = zeros_int(C * T * S);
    B->surplus_col = zeros_int(C * T * S);
    B->prod_short = zeros_int(P * T);
    B->cap_slack = zeros_int(T);
    B->bal = zeros_int(C * T * S);
    B->prod_row = zeros_int(P * T);
    B->cap_row = zeros_int(T);
    B->carbon_price = xcalloc((size_t)T, sizeof(double));
    B->cap = xcalloc((size_t)T, sizeof(double));
    for (int t = 0; t < T; t++) {
        B->carbon_price[t] = m->policy.carbon_price ? m->policy.carbon_price[t] : 0.0;
        B->cap[t] = m->policy.cap ? m->policy.cap[t] : -1.0;
    }
    B->budget = m->policy.budget;
    const char *direct = getenv("TICO_BUILD_DIRECT");
    if (direct && (!strcmp(direct, "1") || !strcmp(direct, "all")))
        B->direct = ~0u;
    else if (direct)
        B->direct = (strstr(direct, "plants") ? BUILD_DIRECT_PLANTS : 0) |
                    (strstr(direct, "assets") ? BUILD_DIRECT_ASSETS : 0) |
                    (strstr(direct, "spurs") ? BUILD_DIRECT_SPURS : 0) | (strstr(direct, "flows") ? BUILD_DIRECT_FLOWS : 0);
    B->stage = xcalloc(1, sizeof *B->stage);

    build_plants(B);
    build_spurs(B);
    build_assets(B);
    build_balances(B);
    build_policy(B);
    build_objective(B);

    int r = build_glpk_call(finish_glpk, B);
    stage_free(B);
    if (r != 0) {
        B->lp = NULL;
        build_free(B);
        return TICO_EINTERNAL;
    }
    *out = B;
    return TICO_OK;
}

void build_free(Build *B)
{
    if (!B)
        return;
    if (B->lp && !build_glpk_failed())
        glp_delete_prob(B->lp);
    stage_free(B);
    free(B->route_off);
    free(B->col);
    free(B->row);
    free(B->int_cols);
    free(B->col_type0);
    free(B->col_lb0);
    free(B->col_ub0);
    free(B->n);
    free(B->b);
    free(B->x);
    free(B->pool);
    free(B->w);
    free(B->mods);
    free(B->act);
    free(B->chg);
    free(B->dis);
    free(B->lvl);
    free(B->mkt);
    free(B->alive);
    free(B->mod_alive);
    free(B->spur_on);
    free(B->plant_flow);
    free(B->em);
    free(B->em_ets);
    free(B->short_col);
    free(B->surplus_col);
    free(B->prod_short);
    free(B->cap_slack);
    free(B->bal);
    free(B->prod_row);
    free(B->cap_row);
    free(B->carbon_price);
    free(B->cap);
    free(B);
}

/* ---- policy changes --------------------------------------------------------------- */

typedef struct {
    Build *B;
    const double *price;
    const double *cap;
    double budget;
} PolicyArg;

static int set_price_glpk(void *arg)
{
    PolicyArg *a = arg;
    Build *B = a->B;
    for (int t = 0; t < B->T; t++) {
        B->carbon_price[t] = a->price[t];
        if (B->em_ets[t])
            glp_set_obj_coef(B->lp, B->em_ets[t], model_period_factor(B->m, t) * a->price[t]);
    }
    return 0;
}

TicoStatus build_set_carbon_price(Build *B, const double *price)
{
    if (!B->lp)
        return TICO_EINTERNAL;
    for (int t = 0; t < B->T; t++)
        if (!isfinite(price[t])) {
            fprintf(stderr, "tico: carbon price of %d is not a number\n", B->m->years[t]);
            return TICO_EINTERNAL;
        }
    PolicyArg a = {B, price, NULL, 0.0};
    return build_glpk_call(set_price_glpk, &a) == 0 ? TICO_OK : TICO_EINTERNAL;
}

static int set_caps_glpk(void *arg)
{
    PolicyArg *a = arg;
    Build *B = a->B;
    for (int t = 0; t < B->T; t++) {
        double c = a->cap ? a->cap[t] : -1.0;
        B->cap[t] = c;
        if (B->cap_row[t]) {
            if (c >= 0)
                glp_set_row_bnds(B->lp, B->cap_row[t], GLP_UP, 0.0, c);
            else
                glp_set_row_bnds(B->lp, B->cap_row[t], GLP_FR, 0.0, 0.0);
        }
    }
    B->budget = a->budget;
    if (B->budget_row) {
        if (a->budget >= 0)
            glp_set_row_bnds(B->lp, B->budget_row, GLP_UP, 0.0, a->budget);
        else
            glp_set_row_bnds(B->lp, B->budget_row, GLP_FR, 0.0, 0.0);
    }
    return 0;
}

TicoStatus build_set_caps(Build *B, const double *cap, double budget)
{
    if (!B->lp)
        return TICO_EINTERNAL;
    for (int t = 0; cap && t < B->T; t++)
        if (cap[t] >= 0 && !B->cap_row[t]) {
            fprintf(stderr,
                    "tico: no cap row for %d: build with policy_rows to set caps the instance does not have\n",
                    B->m->years[t]);
            return TICO_EINTERNAL;
        }
    if (budget >= 0 && !B->budget_row) {
        fputs("tico: no budget row: build with policy_rows to set a budget the instance does not have\n", stderr);
        return TICO_EINTERNAL;
    }
    PolicyArg a = {B, NULL, cap, budget};
    return build_glpk_call(set_caps_glpk, &a) == 0 ? TICO_OK : TICO_EINTERNAL;
}

/* ---- allow or forbid an asset ----------------------------------------------------- */

typedef struct {
    Build *B;
    int i;
    bool allowed;
} AllowArg;

static int allow_glpk(void *arg)
{
    AllowArg *a = arg;
    Build *B = a->B;
    for (int j = 1; j <= B->ncols; j++) {
        Meaning w = B->col[j];
        bool mine = w.e == a->i && (w.kind == COL_MODULES || w.kind == COL_ACTIVITY || w.kind == COL_CHARGE ||
                                    w.kind == COL_DISCHARGE || w.kind == COL_LEVEL);
        if (!mine)
            continue;
        if (a->allowed)
            glp_set_col_bnds(B->lp, j, B->col_type0[j], B->col_lb0[j], B->col_ub0[j]);
        else
            glp_set_col_bnds(B->lp, j, GLP_FX, 0.0, 0.0);
    }
    return 0;
}

TicoStatus build_allow_asset(Build *B, int i, bool allowed)
{
    if (!B->lp || i < 0 || i >= B->m->nassets)
        return TICO_EINTERNAL;
    AllowArg a = {B, i, allowed};
    return build_glpk_call(allow_glpk, &a) == 0 ? TICO_OK : TICO_EINTERNAL;
}
