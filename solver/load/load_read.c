/*
 * load_read.c — the loader's common readers (load_int.h): messages and paths, typed values,
 * references, id sets and the top-level lists merged over the files.
 *
 * Every reader reports what is wrong and carries on, so that one run lists every problem
 * (SPEC §3.8). A message reads "FILE:LINE: PATH: what is wrong; what is expected".
 */
#include "load_int.h"
#include "xalloc.h"

#include <ctype.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* ---- the Loader's memory ---------------------------------------------------------- */

void ld_init(Loader *L, Diag *d, Sources *src, Model *m)
{
    memset(L, 0, sizeof *L);
    L->d = d;
    L->src = src;
    L->m = m;
    L->errors_before = d->n;
}

void ld_free(Loader *L)
{
    ld_release(L, 0);
    free(L->pool);
    for (int k = 0; k < ENT_KINDS; k++) {
        for (size_t i = 0; i < L->ids[k].cap; i++)
            free(L->ids[k].slot[i].id);
        free(L->ids[k].slot);
        for (int i = 0; i < L->norigin[k]; i++)
            free(L->origin[k][i].path);
        free(L->origin[k]);
    }
    memset(L, 0, sizeof *L);
}

size_t ld_mark(const Loader *L)
{
    return L->npool;
}

void ld_release(Loader *L, size_t mark)
{
    while (L->npool > mark)
        free(L->pool[--L->npool]);
}

const char *ld_keep(Loader *L, char *s)
{
    if (L->npool == L->cappool) {
        L->cappool = L->cappool ? 2 * L->cappool : 64;
        L->pool = xrealloc(L->pool, L->cappool * sizeof *L->pool);
    }
    L->pool[L->npool++] = s;
    return s;
}

/* ---- messages ------------------------------------------------------------------ */


void ld_err(Loader *L, const config_setting_t *s, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *body = xvasprintf(fmt, ap);
    va_end(ap);
    const char *file = "-";
    int line = 0;
    if (s)
        src_where(L->src, s, &file, &line);
    diag_add(L->d, file, line, path, "%s", body);
    free(body);
}

SrcLoc ld_where(Loader *L, const config_setting_t *s)
{
    SrcLoc loc = {"-", 0};
    src_where(L->src, s, &loc.file, &loc.line);
    /* Point into Model.files so the location outlives the trees. */
    for (int k = 0; k < L->m->nfiles; k++)
        if (strcmp(L->m->files[k], loc.file) == 0)
            loc.file = L->m->files[k];
    if (strcmp(loc.file, "--set") == 0)
        loc.file = "--set";
    return loc;
}

const char *ld_sub(Loader *L, const char *path, const char *key)
{
    return ld_keep(L, xasprintf("%s%s%s", path, *path ? "." : "", key));
}

const char *ld_subi(Loader *L, const char *path, int i)
{
    return ld_keep(L, xasprintf("%s.[%d]", path, i));
}

#define CLIP_BYTES 60

const char *ld_q(Loader *L, const char *value)
{
    size_t n = strlen(value);
    if (n <= CLIP_BYTES + 20)
        return value;
    size_t k = CLIP_BYTES;
    while (k > 0 && ((unsigned char)value[k] & 0xC0) == 0x80) /* not inside a UTF-8 character */
        k--;
    return ld_keep(L, xasprintf("%.*s... (%zu bytes)", (int)k, value, n));
}

const char *ld_type_name(const config_setting_t *s)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_GROUP: return "a group { ... }";
    case CONFIG_TYPE_INT:
    case CONFIG_TYPE_INT64: return "an integer";
    case CONFIG_TYPE_FLOAT: return "a number";
    case CONFIG_TYPE_STRING: return "a string";
    case CONFIG_TYPE_BOOL: return "a boolean";
    case CONFIG_TYPE_ARRAY: return "an array [ ... ]";
    case CONFIG_TYPE_LIST: return "a list ( ... )";
    default: return "an unknown value";
    }
}



/* ---- keys ---------------------------------------------------------------------- */

/* Report every member of grp whose name is not in allowed (a NULL-terminated list). */
void ld_check_keys(Loader *L, const config_setting_t *grp, const char *path, const char *const *allowed)
{
    for (int i = 0; i < config_setting_length(grp); i++) {
        const config_setting_t *e = config_setting_get_elem(grp, (unsigned)i);
        const char *name = config_setting_name(e);
        bool ok = false;
        for (const char *const *a = allowed; *a && !ok; a++)
            ok = strcmp(*a, name) == 0;
        if (ok)
            continue;
        const char *best = NULL; /* the nearest allowed name, for "did you mean" */
        int bestd = diag_typo_limit(name) + 1;
        for (const char *const *a = allowed; *a; a++) {
            int dd = diag_edit_distance(*a, name);
            if (dd < bestd) {
                bestd = dd;
                best = *a;
            }
        }
        const char *p = ld_sub(L, path, name);
        size_t len = 1;
        for (const char *const *a = allowed; *a; a++)
            len += strlen(*a) + 2;
        char *list = xmalloc(len);
        list[0] = '\0';
        for (const char *const *a = allowed; *a; a++) {
            if (*list)
                strcat(list, ", ");
            strcat(list, *a);
        }
        if (best)
            ld_err(L, e, p, "unknown setting '%s'; did you mean '%s'? (expected one of: %s)", ld_q(L, name), best,
                   list);
        else
            ld_err(L, e, p, "unknown setting '%s'; expected one of: %s", ld_q(L, name), list);
        free(list);
    }
}

/* ---- typed readers --------------------------------------------------------------- */


const Range LD_ANY = {-INFINITY, INFINITY, false, false, false};
const Range LD_NONNEG = {0, INFINITY, false, false, false};
const Range LD_POS = {0, INFINITY, true, false, false};
const Range LD_RATE = {0, 1, false, true, false};   /* [0, 1) */
const Range LD_SHARE = {0, 1, true, false, false};  /* (0, 1] */
const Range LD_SHARE0 = {0, 1, false, false, false}; /* [0, 1] */
const Range LD_NONNEG_OR_NONE = {0, INFINITY, false, false, true};

/* "a number >= 0", ... (built only for a message) */
static const char *range_text(Loader *L, Range r)
{
    const char *none = r.none_ok ? " or \"none\"" : "";
    if (isinf(r.hi) && isinf(r.lo))
        return ld_keep(L, xasprintf("a finite number%s", none));
    if (isinf(r.hi))
        return ld_keep(L, xasprintf("a number %s %g%s", r.lo_open ? ">" : ">=", r.lo, none));
    return ld_keep(L, xasprintf("a number in %c%g, %g%c%s", r.lo_open ? '(' : '[', r.lo, r.hi, r.hi_open ? ')' : ']',
                                none));
}

static const char *int_range_text(Loader *L, long lo, long hi)
{
    if (hi == INT32_MAX)
        return ld_keep(L, xasprintf("an integer >= %ld", lo));
    return ld_keep(L, xasprintf("an integer in [%ld, %ld]", lo, hi));
}

bool ld_is_number(const config_setting_t *s)
{
    int t = config_setting_type(s);
    return t == CONFIG_TYPE_INT || t == CONFIG_TYPE_INT64 || t == CONFIG_TYPE_FLOAT;
}

double ld_number_of(const config_setting_t *s)
{
    switch (config_setting_type(s)) {
    case CONFIG_TYPE_INT: return config_setting_get_int(s);
    case CONFIG_TYPE_INT64: return (double)config_setting_get_int64(s);
    default: return config_setting_get_float(s);
    }
}

/* Check one numeric setting; false (with a message) when not a number in range. */
bool ld_num_value(Loader *L, const config_setting_t *s, const char *path, Range r, double *out)
{
    if (r.none_ok && config_setting_type(s) == CONFIG_TYPE_STRING && strcmp(config_setting_get_string(s), "none") == 0) {
        *out = -1.0;
        return true;
    }
    if (!ld_is_number(s)) {
        ld_err(L, s, path, "expected %s, found %s", range_text(L, r), ld_type_name(s));
        return false;
    }
    double v = ld_number_of(s);
    if (!isfinite(v)) {
        ld_err(L, s, path, "expected %s, found a number too large to represent", range_text(L, r));
        return false;
    }
    if (v < r.lo || (r.lo_open && v == r.lo) || v > r.hi || (r.hi_open && v == r.hi)) {
        ld_err(L, s, path, "expected %s, found %g", range_text(L, r), v);
        return false;
    }
    *out = v;
    return true;
}

const config_setting_t *ld_member(Loader *L, const config_setting_t *grp, const char *path,
                                      const char *key, bool required, const char *what)
{
    const config_setting_t *s = config_setting_get_member(grp, key);
    if (!s && required) {
        const char *p = ld_sub(L, path, key);
        ld_err(L, grp, p, "missing required setting '%s' (%s)", key, what);
    }
    return s;
}

double ld_get_num(Loader *L, const config_setting_t *grp, const char *path, const char *key,
                      bool required, double def, Range r)
{
    const config_setting_t *s = config_setting_get_member(grp, key);
    if (!s) {
        if (required)
            ld_member(L, grp, path, key, true, range_text(L, r));
        return def;
    }
    const char *p = ld_sub(L, path, key);
    double v;
    return ld_num_value(L, s, p, r, &v) ? v : def;
}

int ld_get_int(Loader *L, const config_setting_t *grp, const char *path, const char *key,
                   bool required, int def, long lo, long hi)
{
    const config_setting_t *s = config_setting_get_member(grp, key);
    if (!s) {
        if (required)
            ld_member(L, grp, path, key, true, int_range_text(L, lo, hi));
        return def;
    }
    const char *p = ld_sub(L, path, key);
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) {
        if (t == CONFIG_TYPE_FLOAT)
            ld_err(L, s, p, "expected %s, found the number %g (write it without a decimal point)", int_range_text(L, lo, hi),
                config_setting_get_float(s));
        else
            ld_err(L, s, p, "expected %s, found %s", int_range_text(L, lo, hi), ld_type_name(s));
        return def;
    }
    long long v = config_setting_get_int64(s);
    if (t == CONFIG_TYPE_INT)
        v = config_setting_get_int(s);
    if (v < lo || v > hi) {
        ld_err(L, s, p, "expected %s, found %lld", int_range_text(L, lo, hi), v);
        return def;
    }
    return (int)v;
}

const char *ld_get_str(Loader *L, const config_setting_t *grp, const char *path, const char *key,
                           bool required, const char *what)
{
    const config_setting_t *s = ld_member(L, grp, path, key, required, what);
    if (!s)
        return NULL;
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        const char *p = ld_sub(L, path, key);
        ld_err(L, s, p, "expected %s, found %s", what, ld_type_name(s));
        return NULL;
    }
    return config_setting_get_string(s);
}

static bool valid_id(const char *s)
{
    if (!*s || !(isalpha((unsigned char)*s) || *s == '_'))
        return false;
    for (; *s; s++)
        if (!isalnum((unsigned char)*s) && *s != '_')
            return false;
    return true;
}

#define ID_RULE "letters, digits and '_', not starting with a digit"

char *ld_get_id(Loader *L, const config_setting_t *grp, const char *path, const char *key, bool required)
{
    const char *v = ld_get_str(L, grp, path, key, required, "a string id of " ID_RULE);
    if (!v)
        return NULL;
    if (!valid_id(v) || strlen(v) > 64) {
        const char *p = ld_sub(L, path, key);
        ld_err(L, config_setting_get_member(grp, key), p,
            "'%s' is not a valid id; expected at most 64 " ID_RULE, ld_q(L, v));
        return NULL;
    }
    return xstrdup(v);
}

bool ld_get_bool(Loader *L, const config_setting_t *grp, const char *path, const char *key, bool def)
{
    const config_setting_t *s = config_setting_get_member(grp, key);
    if (!s)
        return def;
    if (config_setting_type(s) != CONFIG_TYPE_BOOL) {
        const char *p = ld_sub(L, path, key);
        ld_err(L, s, p, "expected true or false, found %s", ld_type_name(s));
        return def;
    }
    return config_setting_get_bool(s);
}

bool ld_expect_group(Loader *L, const config_setting_t *s, const char *path)
{
    if (config_setting_is_group(s))
        return true;
    ld_err(L, s, path, "expected a group { ... }, found %s", ld_type_name(s));
    return false;
}

bool ld_expect_list(Loader *L, const config_setting_t *s, const char *path, const char *what)
{
    if (config_setting_is_list(s) || (config_setting_is_array(s) && config_setting_length(s) == 0))
        return true;
    ld_err(L, s, path, "expected a list ( %s, ... ), found %s", what, ld_type_name(s));
    return false;
}

/* A per-period value (SPEC §3): a scalar (every period), a list of one value per period,
 * or a trajectory of (year, value) pairs, linear between the years given and flat outside.
 * Returns a [T] array, NULL when absent (or when T is unknown). */
double *ld_get_periods(Loader *L, const config_setting_t *grp, const char *path, const char *key,
                           bool required, Range r)
{
    const config_setting_t *s = ld_member(L, grp, path, key, required,
                                       "a number, or a list with one number per period");
    if (!s)
        return NULL;
    const char *p = ld_sub(L, path, key);
    int T = L->T;
    double *out = xcalloc((size_t)(T ? T : 1), sizeof *out);
    double v;
    if (ld_is_number(s) || (r.none_ok && config_setting_type(s) == CONFIG_TYPE_STRING)) {
        if (!ld_num_value(L, s, p, r, &v))
            goto bad;
        for (int t = 0; t < T; t++)
            out[t] = v;
        return T ? out : (free(out), NULL);
    }
    if (!config_setting_is_aggregate(s) || config_setting_is_group(s)) {
        ld_err(L, s, p, "expected a number, or a list with one number per period, found %s", ld_type_name(s));
        goto bad;
    }
    int n = config_setting_length(s);
    const config_setting_t *e0 = n > 0 ? config_setting_get_elem(s, 0) : NULL;
    if (e0 && (config_setting_is_list(e0) || config_setting_is_array(e0))) {
        /* trajectory of (year, value) pairs */
        double *yr = xcalloc((size_t)n, sizeof *yr), *val = xcalloc((size_t)n, sizeof *val);
        bool ok = true;
        for (int i = 0; i < n; i++) {
            const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
            const char *pi = ld_subi(L, p, i);
            if (!(config_setting_is_list(e) || config_setting_is_array(e)) || config_setting_length(e) != 2 ||
                !ld_is_number(config_setting_get_elem(e, 0)) || !ld_is_number(config_setting_get_elem(e, 1))) {
                ld_err(L, e, pi, "expected a (year, value) pair like (2030, 550.0), found %s", ld_type_name(e));
                ok = false;
                continue;
            }
            yr[i] = ld_number_of(config_setting_get_elem(e, 0));
            const char *pv = ld_subi(L, pi, 1);
            if (!ld_num_value(L, config_setting_get_elem(e, 1), pv, r, &val[i]))
                ok = false;
            if (i > 0 && yr[i] <= yr[i - 1]) {
                ld_err(L, e, pi, "the years of a trajectory must increase; %g follows %g", yr[i], yr[i - 1]);
                ok = false;
            }
        }
        if (ok) {
            for (int t = 0; t < T; t++) {
                double y = L->m->years[t];
                if (y <= yr[0])
                    out[t] = val[0];
                else if (y >= yr[n - 1])
                    out[t] = val[n - 1];
                else
                    for (int i = 1; i < n; i++)
                        if (y <= yr[i]) {
                            out[t] = val[i - 1] + (val[i] - val[i - 1]) * (y - yr[i - 1]) / (yr[i] - yr[i - 1]);
                            break;
                        }
                /* finite values and years can still interpolate to inf or NaN (1e308 - -1e308) */
                if (!isfinite(out[t]) && ok) {
                    ld_err(L, s, p, "the trajectory's value in %d is not a finite number: its values or years are "
                           "too large to interpolate", L->m->years[t]);
                    ok = false;
                }
            }
        }
        free(yr);
        free(val);
        if (!ok)
            goto bad;
        return T ? out : (free(out), NULL);
    }
    if (T && n != T) {
        ld_err(L, s, p, "expected %d values (one per period), found %d", T, n);
        goto bad;
    }
    bool ok = true;
    for (int i = 0; i < n; i++) {
        const char *pi = ld_subi(L, p, i);
        if (!ld_num_value(L, config_setting_get_elem(s, (unsigned)i), pi, r, &v))
            ok = false;
        else if (i < T)
            out[i] = v;
    }
    if (ok && T)
        return out;
bad:
    free(out);
    return NULL;
}

/* A per-slice profile: a list with one number per slice, in slice order. */
double *ld_get_slices(Loader *L, const config_setting_t *grp, const char *path, const char *key, Range r)
{
    const config_setting_t *s = config_setting_get_member(grp, key);
    if (!s)
        return NULL;
    const char *p = ld_sub(L, path, key);
    int S = L->S;
    if (!(config_setting_is_list(s) || config_setting_is_array(s))) {
        ld_err(L, s, p, "expected a list with one number per time slice, found %s", ld_type_name(s));
        return NULL;
    }
    int n = config_setting_length(s);
    if (S && n != S) {
        ld_err(L, s, p, "expected %d values (one per time slice), found %d", S, n);
        return NULL;
    }
    double *out = xcalloc((size_t)(n ? n : 1), sizeof *out);
    bool ok = true;
    for (int i = 0; i < n; i++) {
        const char *pi = ld_subi(L, p, i);
        if (!ld_num_value(L, config_setting_get_elem(s, (unsigned)i), pi, r, &out[i]))
            ok = false;
    }
    if (!ok || !S) {
        free(out);
        return NULL;
    }
    return out;
}

/* ---- references ------------------------------------------------------------------ */


int ld_resolve(Loader *L, const config_setting_t *s, const char *path, const char *id, RefKind kind)
{
    const Model *m = L->m;
    int k = ld_find_id(L, kind == REF_COMMODITY ? ENT_COMMODITY : ENT_TECH, id);
    if (k >= 0)
        return k;
    int n = kind == REF_COMMODITY ? m->ncommodities : m->ntechs;
    const char *best = NULL;
    int bestd = diag_typo_limit(id) + 1;
    for (int i = 0; i < n; i++) {
        const char *c = kind == REF_COMMODITY ? m->commodities[i].id : m->techs[i].id;
        int dd = diag_edit_distance(c, id);
        if (dd < bestd) {
            bestd = dd;
            best = c;
        }
    }
    const char *what = kind == REF_COMMODITY ? "commodity" : "technology";
    if (best)
        ld_err(L, s, path, "unknown %s '%s'; did you mean '%s'?", what, ld_q(L, id), best);
    else
        ld_err(L, s, path, "unknown %s '%s'; expected the id of a %s defined in the instance or its catalogue",
            what, ld_q(L, id), what);
    return -1;
}

int ld_get_ref(Loader *L, const config_setting_t *grp, const char *path, const char *key, bool required,
                   RefKind kind)
{
    const char *v = ld_get_str(L, grp, path, key, required,
                            kind == REF_COMMODITY ? "the id of a commodity" : "the id of a technology");
    if (!v)
        return -1;
    const char *p = ld_sub(L, path, key);
    return ld_resolve(L, config_setting_get_member(grp, key), p, v, kind);
}

/* ---- merging the files' top-level settings ---------------------------------------- */

/* The one top-level group `key` across all files (a second definition is an error). */
const config_setting_t *ld_top_group(Loader *L, const char *key)
{
    const config_setting_t *found = NULL;
    for (int k = 0; k < L->src->n; k++) {
        if (!L->src->ok[k])
            continue;
        const config_setting_t *s = config_setting_get_member(config_root_setting(L->src->cfg[k]), key);
        if (!s)
            continue;
        if (found) {
            const char *f;
            int line;
            src_where(L->src, found, &f, &line);
            ld_err(L, s, key, "defined a second time; it is already defined at %s:%d (give each section once)", f, line);
            continue;
        }
        if (ld_expect_group(L, s, key))
            found = s;
    }
    return found;
}


/* ---- lists and ids ------------------------------------------------------------------ */

ListItem *ld_top_list(Loader *L, const char *key, const char *what, int *count)
{
    int n = 0, cap = 0;
    ListItem *items = NULL;
    for (int k = 0; k < L->src->n; k++) {
        if (!L->src->ok[k])
            continue;
        const config_setting_t *s = config_setting_get_member(config_root_setting(L->src->cfg[k]), key);
        if (!s || !ld_expect_list(L, s, key, what))
            continue;
        for (int i = 0; i < config_setting_length(s); i++) {
            if (n == cap) {
                cap = cap ? 2 * cap : 16;
                items = xrealloc(items, (size_t)cap * sizeof *items);
            }
            items[n].elem = config_setting_get_elem(s, (unsigned)i);
            items[n].path = xasprintf("%s.[%d]", key, i);
            n++;
        }
    }
    *count = n;
    return items;
}

void ld_free_list(ListItem *items, int n)
{
    for (int i = 0; i < n; i++)
        free(items[i].path);
    free(items);
}

/* FNV-1a, 64 bits. */
static uint64_t hash_id(const char *s)
{
    uint64_t h = 0xcbf29ce484222325ULL;
    for (; *s; s++)
        h = (h ^ (unsigned char)*s) * 0x100000001b3ULL;
    return h;
}

/* The slot holding id, or the free slot where it would go (cap > n always). */
static IdSlot *slot_of(const IdSet *set, const char *id)
{
    size_t mask = set->cap - 1;
    for (size_t i = (size_t)hash_id(id) & mask;; i = (i + 1) & mask)
        if (!set->slot[i].id || strcmp(set->slot[i].id, id) == 0)
            return &set->slot[i];
}

static void set_grow(IdSet *set)
{
    IdSet bigger = {xcalloc(set->cap ? 2 * set->cap : 64, sizeof *bigger.slot), set->n,
                    set->cap ? 2 * set->cap : 64};
    for (size_t i = 0; i < set->cap; i++)
        if (set->slot[i].id)
            *slot_of(&bigger, set->slot[i].id) = set->slot[i];
    free(set->slot);
    *set = bigger;
}

int ld_find_id(const Loader *L, EntKind kind, const char *id)
{
    const IdSet *set = &L->ids[kind];
    if (set->n == 0)
        return -1;
    const IdSlot *sl = slot_of(set, id);
    return sl->id ? sl->index : -1;
}

bool ld_dup_id(Loader *L, EntKind kind, const config_setting_t *g, const char *path, const char *what,
               const char *id, int index)
{
    IdSet *set = &L->ids[kind];
    if (2 * (set->n + 1) > set->cap)
        set_grow(set);
    IdSlot *sl = slot_of(set, id);
    if (sl->id) {
        ld_err(L, g, ld_sub(L, path, "id"), "duplicate %s id '%s'; it is already used at %s:%d", what, ld_q(L, id),
               sl->loc.file, sl->loc.line);
        return true;
    }
    *sl = (IdSlot){xstrdup(id), index, ld_where(L, g)};
    set->n++;
    return false;
}

char *ld_entity_id(Loader *L, const config_setting_t *g, const char *path, const char *const *keys, EntKind kind,
                   const char *what, int index)
{
    if (!ld_expect_group(L, g, path))
        return NULL;
    ld_check_keys(L, g, path, keys);
    char *id = ld_get_id(L, g, path, "id", true);
    if (id && ld_dup_id(L, kind, g, path, what, id, index)) {
        free(id);
        return NULL;
    }
    return id;
}

void ld_origin(Loader *L, EntKind kind, const config_setting_t *g, const char *path)
{
    if (L->norigin[kind] == L->caporigin[kind]) {
        L->caporigin[kind] = L->caporigin[kind] ? 2 * L->caporigin[kind] : 16;
        L->origin[kind] = xrealloc(L->origin[kind], (size_t)L->caporigin[kind] * sizeof *L->origin[kind]);
    }
    L->origin[kind][L->norigin[kind]++] = (Origin){g, xstrdup(path)};
}
