/*
 * load.c — from libconfig trees to a validated Model (SPEC §3).
 *
 * Every reader reports what is wrong and carries on, so that one run lists every problem
 * (SPEC §3.8). A message reads "FILE:LINE: PATH: what is wrong; what is expected".
 * Checks that depend on an earlier value (list lengths need the periods, references need
 * the ids) are skipped when that value was itself invalid, so one mistake gives one message.
 */
#include "load.h"
#include "xalloc.h"

#include <ctype.h>
#include <stddef.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load_int.h"
#include "load_src.h"
#include "load_uncertainty.h"
#include "sha256.h"


/* ---- messages ------------------------------------------------------------------ */


void ld_err(Loader *L, const config_setting_t *s, const char *path, const char *fmt, ...)
{
    char body[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    const char *file = "-";
    int line = 0;
    if (s)
        src_where(L->src, s, &file, &line);
    diag_add(L->d, file, line, path, "%s", body);
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

void ld_sub(char *out, const char *path, const char *key)
{
    snprintf(out, PATHLEN, "%s%s%s", path, *path ? "." : "", key);
}

void ld_subi(char *out, const char *path, int i)
{
    snprintf(out, PATHLEN, "%s.[%d]", path, i);
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

/* A suggestion is worth making when the typo is small against the word. */
int ld_typo_limit(const char *word)
{
    int n = (int)strlen(word);
    return n < 4 ? 1 : n < 8 ? 2 : 3;
}

int ld_edit_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    int dp[41][41];
    for (int i = 0; i <= la; i++)
        dp[i][0] = i;
    for (int j = 0; j <= lb; j++)
        dp[0][j] = j;
    for (int i = 1; i <= la; i++)
        for (int j = 1; j <= lb; j++) {
            int c = dp[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (dp[i - 1][j] + 1 < c)
                c = dp[i - 1][j] + 1;
            if (dp[i][j - 1] + 1 < c)
                c = dp[i][j - 1] + 1;
            dp[i][j] = c;
        }
    return dp[la][lb];
}

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
        int bestd = ld_typo_limit(name) + 1;
        for (const char *const *a = allowed; *a; a++) {
            int dd = ld_edit_distance(*a, name);
            if (dd < bestd) {
                bestd = dd;
                best = *a;
            }
        }
        char p[PATHLEN], list[512] = "";
        ld_sub(p, path, name);
        for (const char *const *a = allowed; *a; a++) {
            if (strlen(list) + strlen(*a) + 3 >= sizeof list)
                break;
            if (*list)
                strcat(list, ", ");
            strcat(list, *a);
        }
        if (best)
            ld_err(L, e, p, "unknown setting '%s'; did you mean '%s'? (expected one of: %s)", name, best, list);
        else
            ld_err(L, e, p, "unknown setting '%s'; expected one of: %s", name, list);
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

static void ld_range_text(Range r, char *out, size_t n)
{
    const char *none = r.none_ok ? " or \"none\"" : "";
    if (isinf(r.hi) && isinf(r.lo))
        snprintf(out, n, "a finite number%s", none);
    else if (isinf(r.hi))
        snprintf(out, n, "a number %s %g%s", r.lo_open ? ">" : ">=", r.lo, none);
    else
        snprintf(out, n, "a number in %c%g, %g%c%s", r.lo_open ? '(' : '[', r.lo, r.hi, r.hi_open ? ')' : ']', none);
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
    char want[96];
    ld_range_text(r, want, sizeof want);
    if (r.none_ok && config_setting_type(s) == CONFIG_TYPE_STRING && strcmp(config_setting_get_string(s), "none") == 0) {
        *out = -1.0;
        return true;
    }
    if (!ld_is_number(s)) {
        ld_err(L, s, path, "expected %s, found %s", want, ld_type_name(s));
        return false;
    }
    double v = ld_number_of(s);
    if (!isfinite(v)) {
        ld_err(L, s, path, "expected %s, found a number too large to represent", want);
        return false;
    }
    if (v < r.lo || (r.lo_open && v == r.lo) || v > r.hi || (r.hi_open && v == r.hi)) {
        ld_err(L, s, path, "expected %s, found %g", want, v);
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
        char p[PATHLEN];
        ld_sub(p, path, key);
        ld_err(L, grp, p, "missing required setting '%s' (%s)", key, what);
    }
    return s;
}

double ld_get_num(Loader *L, const config_setting_t *grp, const char *path, const char *key,
                      bool required, double def, Range r)
{
    char want[96];
    ld_range_text(r, want, sizeof want);
    const config_setting_t *s = ld_member(L, grp, path, key, required, want);
    if (!s)
        return def;
    char p[PATHLEN];
    ld_sub(p, path, key);
    double v;
    return ld_num_value(L, s, p, r, &v) ? v : def;
}

int ld_get_int(Loader *L, const config_setting_t *grp, const char *path, const char *key,
                   bool required, int def, long lo, long hi)
{
    char want[96];
    if (hi == INT32_MAX)
        snprintf(want, sizeof want, "an integer >= %ld", lo);
    else
        snprintf(want, sizeof want, "an integer in [%ld, %ld]", lo, hi);
    const config_setting_t *s = ld_member(L, grp, path, key, required, want);
    if (!s)
        return def;
    char p[PATHLEN];
    ld_sub(p, path, key);
    int t = config_setting_type(s);
    if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) {
        if (t == CONFIG_TYPE_FLOAT)
            ld_err(L, s, p, "expected %s, found the number %g (write it without a decimal point)", want,
                config_setting_get_float(s));
        else
            ld_err(L, s, p, "expected %s, found %s", want, ld_type_name(s));
        return def;
    }
    long long v = config_setting_get_int64(s);
    if (t == CONFIG_TYPE_INT)
        v = config_setting_get_int(s);
    if (v < lo || v > hi) {
        ld_err(L, s, p, "expected %s, found %lld", want, v);
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
        char p[PATHLEN];
        ld_sub(p, path, key);
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
        char p[PATHLEN];
        ld_sub(p, path, key);
        ld_err(L, config_setting_get_member(grp, key), p,
            "'%s' is not a valid id; expected at most 64 " ID_RULE, v);
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
        char p[PATHLEN];
        ld_sub(p, path, key);
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
    char p[PATHLEN];
    ld_sub(p, path, key);
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
            char pi[PATHLEN];
            ld_subi(pi, p, i);
            if (!(config_setting_is_list(e) || config_setting_is_array(e)) || config_setting_length(e) != 2 ||
                !ld_is_number(config_setting_get_elem(e, 0)) || !ld_is_number(config_setting_get_elem(e, 1))) {
                ld_err(L, e, pi, "expected a (year, value) pair like (2030, 550.0), found %s", ld_type_name(e));
                ok = false;
                continue;
            }
            yr[i] = ld_number_of(config_setting_get_elem(e, 0));
            char pv[PATHLEN];
            ld_subi(pv, pi, 1);
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
        char pi[PATHLEN];
        ld_subi(pi, p, i);
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
    char p[PATHLEN];
    ld_sub(p, path, key);
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
        char pi[PATHLEN];
        ld_subi(pi, p, i);
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
    int k = kind == REF_COMMODITY ? model_commodity(m, id) : model_tech(m, id);
    if (k >= 0)
        return k;
    int n = kind == REF_COMMODITY ? m->ncommodities : m->ntechs;
    const char *best = NULL;
    int bestd = ld_typo_limit(id) + 1;
    for (int i = 0; i < n; i++) {
        const char *c = kind == REF_COMMODITY ? m->commodities[i].id : m->techs[i].id;
        int dd = ld_edit_distance(c, id);
        if (dd < bestd) {
            bestd = dd;
            best = c;
        }
    }
    const char *what = kind == REF_COMMODITY ? "commodity" : "technology";
    if (best)
        ld_err(L, s, path, "unknown %s '%s'; did you mean '%s'?", what, id, best);
    else
        ld_err(L, s, path, "unknown %s '%s'; expected the id of a %s defined in the instance or its catalogue",
            what, id, what);
    return -1;
}

int ld_get_ref(Loader *L, const config_setting_t *grp, const char *path, const char *key, bool required,
                   RefKind kind)
{
    const char *v = ld_get_str(L, grp, path, key, required,
                            kind == REF_COMMODITY ? "the id of a commodity" : "the id of a technology");
    if (!v)
        return -1;
    char p[PATHLEN];
    ld_sub(p, path, key);
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

/* Iterate the elements of the top-level list `key` of every file, in load order. */
typedef struct {
    const config_setting_t *elem;
    char path[PATHLEN];
} ListItem;

static ListItem *top_list(Loader *L, const char *key, const char *what, int *count)
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
                items = realloc(items, (size_t)cap * sizeof *items);
            }
            items[n].elem = config_setting_get_elem(s, (unsigned)i);
            ld_subi(items[n].path, key, i);
            n++;
        }
    }
    *count = n;
    return items;
}

/* Report a duplicate id among the n earlier entities of arr (each `stride` bytes, with the id
 * and the location at the given offsets); true if duplicate. */
static bool dup_id(Loader *L, const config_setting_t *s, const char *path, const char *what, const char *id,
                   const void *arr, size_t stride, int n, size_t id_off, size_t loc_off)
{
    for (int j = 0; j < n; j++) {
        const char *base = (const char *)arr + (size_t)j * stride;
        const char *other = *(char *const *)(const void *)(base + id_off);
        if (other && strcmp(other, id) == 0) {
            const SrcLoc *loc = (const SrcLoc *)(const void *)(base + loc_off);
            char p[PATHLEN];
            ld_sub(p, path, "id");
            ld_err(L, s, p, "duplicate %s id '%s'; it is already used at %s:%d", what, id, loc->file, loc->line);
            return true;
        }
    }
    return false;
}

#define DUP_CHECK(L, arr, n, id, s, path, what) \
    dup_id((L), (s), (path), (what), (id), (arr), sizeof *(arr), (n), offsetof(__typeof__(*(arr)), id), \
           offsetof(__typeof__(*(arr)), loc))

/* ---- sections ---------------------------------------------------------------------- */

static const char *const TOP_KEYS[] = {"cluster", "horizon", "timeslices", "commodities", "technologies",
                                       "markets", "demands", "plants", "infrastructure", "policy",
                                       "economics", "solver", "uncertainty", NULL};

static void load_cluster(Loader *L)
{
    Model *m = L->m;
    const config_setting_t *g = ld_top_group(L, "cluster");
    if (!g) {
        if (L->src->ok[0] && !config_setting_get_member(config_root_setting(L->src->cfg[0]), "cluster"))
            diag_add(L->d, L->src->path[0], 0, "cluster",
                     "missing required section 'cluster' (e.g. cluster = { name = \"Dunkirk\"; };)");
        m->name = xstrdup("cluster");
        return;
    }
    static const char *const keys[] = {"name", "country", "currency", NULL};
    ld_check_keys(L, g, "cluster", keys);
    const char *name = ld_get_str(L, g, "cluster", "name", true, "a string");
    const char *country = ld_get_str(L, g, "cluster", "country", false, "a string");
    const char *cur = ld_get_str(L, g, "cluster", "currency", false, "a string");
    m->name = xstrdup(name ? name : "cluster");
    m->country = xstrdup(country ? country : "");
    m->currency = xstrdup(cur ? cur : "EUR");
}

static void load_horizon(Loader *L)
{
    Model *m = L->m;
    const config_setting_t *g = ld_top_group(L, "horizon");
    if (!g) {
        if (L->src->ok[0] && !config_setting_get_member(config_root_setting(L->src->cfg[0]), "horizon"))
            diag_add(L->d, L->src->path[0], 0, "horizon",
                     "missing required section 'horizon' (periods, discount_rate)");
        return;
    }
    static const char *const keys[] = {"periods", "last_period_years", "base_year", "discount_rate", NULL};
    ld_check_keys(L, g, "horizon", keys);
    const config_setting_t *ps = ld_member(L, g, "horizon", "periods", true, "a list of period start years");
    double rho = ld_get_num(L, g, "horizon", "discount_rate", true, NAN, LD_RATE);
    m->discount_rate = isnan(rho) ? 0.0 : rho;
    if (!ps)
        return;
    if (!(config_setting_is_array(ps) || config_setting_is_list(ps)) || config_setting_length(ps) == 0) {
        ld_err(L, ps, "horizon.periods", "expected a non-empty list of period start years like [2025, 2030], found %s",
            ld_type_name(ps));
        return;
    }
    int n = config_setting_length(ps);
    int *years = xcalloc((size_t)n, sizeof *years);
    bool ok = true;
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(ps, (unsigned)i);
        char p[PATHLEN];
        ld_subi(p, "horizon.periods", i);
        int t = config_setting_type(e);
        if (t != CONFIG_TYPE_INT && t != CONFIG_TYPE_INT64) {
            ld_err(L, e, p, "expected a year (an integer), found %s", ld_type_name(e));
            ok = false;
            continue;
        }
        long long y = config_setting_get_int64(e);
        if (t == CONFIG_TYPE_INT)
            y = config_setting_get_int(e);
        if (y < 1 || y > 9999) {
            ld_err(L, e, p, "expected a year in [1, 9999], found %lld", y);
            ok = false;
            continue;
        }
        years[i] = (int)y;
        if (i > 0 && ok && years[i] <= years[i - 1]) {
            ld_err(L, e, p, "periods must be strictly increasing start years; %d follows %d", years[i], years[i - 1]);
            ok = false;
        }
    }
    int def_last = n > 1 ? years[n - 1] - years[n - 2] : 1;
    if (!ok || def_last < 1)
        def_last = 1;
    int last = ld_get_int(L, g, "horizon", "last_period_years", false, def_last, 1, 1000);
    int base = ld_get_int(L, g, "horizon", "base_year", false, years[0] > 0 ? years[0] : 2025, 1, 9999);
    if (!ok) {
        free(years);
        return;
    }
    m->nperiods = n;
    m->years = years;
    m->length = xcalloc((size_t)n, sizeof *m->length);
    for (int i = 0; i + 1 < n; i++)
        m->length[i] = years[i + 1] - years[i];
    m->length[n - 1] = last;
    m->base_year = base;
    L->T = n;
}

static void default_slices(Model *m)
{
    m->ndays = 1;
    m->days = xcalloc(1, sizeof *m->days);
    m->days[0] = (Day){xstrdup("year"), 1.0, 0, 1};
    m->nslices = 1;
    m->slices = xcalloc(1, sizeof *m->slices);
    m->slices[0] = (Slice){xstrdup("year"), 0, 8760.0, 8760.0, 1.0, 0};
}

static void load_timeslices(Loader *L)
{
    Model *m = L->m;
    const config_setting_t *g = ld_top_group(L, "timeslices");
    if (!g) {
        default_slices(m);
        L->S = 1;
        return;
    }
    static const char *const keys[] = {"days", NULL};
    ld_check_keys(L, g, "timeslices", keys);
    const config_setting_t *ds = ld_member(L, g, "timeslices", "days", true, "a list of representative days");
    if (!ds || !ld_expect_list(L, ds, "timeslices.days", "{ name; occurrences; slices; }"))
        return;
    int nd = config_setting_length(ds);
    if (nd == 0) {
        ld_err(L, ds, "timeslices.days", "expected at least one representative day");
        return;
    }
    m->days = xcalloc((size_t)nd, sizeof *m->days);
    int cap = 16, ns = 0;
    m->slices = xcalloc((size_t)cap, sizeof *m->slices);
    bool ok = true;
    double total = 0.0;
    for (int g2 = 0; g2 < nd; g2++) {
        const config_setting_t *dg = config_setting_get_elem(ds, (unsigned)g2);
        char p[PATHLEN];
        ld_subi(p, "timeslices.days", g2);
        Day *day = &m->days[m->ndays++];
        day->name = xstrdup("");
        if (!ld_expect_group(L, dg, p)) {
            ok = false;
            continue;
        }
        static const char *const dkeys[] = {"name", "occurrences", "slices", NULL};
        ld_check_keys(L, dg, p, dkeys);
        char *name = ld_get_id(L, dg, p, "name", true);
        if (name) {
            for (int j = 0; j < g2; j++)
                if (strcmp(m->days[j].name, name) == 0) {
                    char pn[PATHLEN];
                    ld_sub(pn, p, "name");
                    ld_err(L, config_setting_get_member(dg, "name"), pn, "duplicate day name '%s'", name);
                    ok = false;
                }
            free(day->name);
            day->name = name;
        } else {
            ok = false;
        }
        day->occurrences = ld_get_num(L, dg, p, "occurrences", true, NAN, LD_POS);
        if (isnan(day->occurrences))
            ok = false;
        day->first_slice = ns;
        char psl[PATHLEN];
        ld_sub(psl, p, "slices");
        const config_setting_t *sl = ld_member(L, dg, p, "slices", true, "a list of slices { name; hours; }");
        if (!sl || !ld_expect_list(L, sl, psl, "{ name; hours; }")) {
            ok = false;
            continue;
        }
        if (config_setting_length(sl) == 0) {
            ld_err(L, sl, psl, "expected at least one slice");
            ok = false;
        }
        for (int k = 0; k < config_setting_length(sl); k++) {
            const config_setting_t *se = config_setting_get_elem(sl, (unsigned)k);
            char pk[PATHLEN];
            ld_subi(pk, psl, k);
            if (!ld_expect_group(L, se, pk)) {
                ok = false;
                continue;
            }
            static const char *const skeys[] = {"name", "hours", NULL};
            ld_check_keys(L, se, pk, skeys);
            char *sname = ld_get_id(L, se, pk, "name", true);
            double hours = ld_get_num(L, se, pk, "hours", true, NAN, (Range){0, 24, true, false, false});
            if (!sname || isnan(hours)) {
                free(sname);
                ok = false;
                continue;
            }
            for (int j = day->first_slice; j < ns; j++) {
                const char *existing = strchr(m->slices[j].name, '_') ? m->slices[j].name + strlen(day->name) + 1 : "";
                if (strcmp(existing, sname) == 0) {
                    char pn[PATHLEN];
                    ld_sub(pn, pk, "name");
                    ld_err(L, config_setting_get_member(se, "name"), pn, "duplicate slice name '%s' in day '%s'",
                        sname, day->name);
                    ok = false;
                }
            }
            if (ns == cap) {
                cap *= 2;
                m->slices = realloc(m->slices, (size_t)cap * sizeof *m->slices);
            }
            Slice *s = &m->slices[ns++];
            size_t len = strlen(day->name) + strlen(sname) + 2;
            s->name = malloc(len);
            snprintf(s->name, len, "%s_%s", day->name, sname);
            free(sname);
            s->day = g2;
            s->hours = hours;
            m->nslices = ns;
        }
        day->nslices = ns - day->first_slice;
        if (day->nslices > 0 && !isnan(day->occurrences)) {
            double dh = 0.0;
            for (int j = day->first_slice; j < ns; j++)
                dh += m->slices[j].hours;
            total += dh * day->occurrences;
            if (dh > 24.0 + 1e-9) {
                ld_err(L, sl, psl, "the slices of day '%s' last %g hours; a day has at most 24", day->name, dh);
                ok = false;
            }
        }
    }
    if (ok && fabs(total - 8760.0) > 1e-6 * 8760.0) {
        ld_err(L, ds, "timeslices.days",
            "the slices cover %.6g hours a year (sum of occurrences x hours); expected 8760", total);
        ok = false;
    }
    m->nslices = ns;
    for (int s = 0; s < ns; s++) {
        Slice *sl = &m->slices[s];
        Day *day = &m->days[sl->day];
        sl->annual_hours = day->occurrences * sl->hours;
        sl->share = sl->annual_hours / 8760.0;
        sl->next = s + 1 < day->first_slice + day->nslices ? s + 1 : day->first_slice;
    }
    if (ok)
        L->S = ns;
}

static void load_commodities(Loader *L)
{
    Model *m = L->m;
    int n;
    ListItem *it = top_list(L, "commodities", "{ id; unit; balance; }", &n);
    m->commodities = xcalloc((size_t)n, sizeof *m->commodities);
    static const char *const keys[] = {"id", "unit", "balance", "dispose", "network", NULL};
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = it[i].elem;
        const char *p = it[i].path;
        if (!ld_expect_group(L, g, p))
            continue;
        ld_check_keys(L, g, p, keys);
        char *id = ld_get_id(L, g, p, "id", true);
        if (!id)
            continue;
        if (DUP_CHECK(L, m->commodities, m->ncommodities, id, g, p, "commodity")) {
            free(id);
            continue;
        }
        Commodity *c = &m->commodities[m->ncommodities++];
        c->id = id;
        c->loc = ld_where(L, g);
        const char *unit = ld_get_str(L, g, p, "unit", false, "a string");
        c->unit = xstrdup(unit ? unit : "");
        const char *bal = ld_get_str(L, g, p, "balance", true, "\"slice\", \"annual\" or \"none\"");
        c->balance = BAL_ANNUAL;
        if (bal) {
            if (strcmp(bal, "slice") == 0)
                c->balance = BAL_SLICE;
            else if (strcmp(bal, "annual") == 0)
                c->balance = BAL_ANNUAL;
            else if (strcmp(bal, "none") == 0)
                c->balance = BAL_NONE;
            else {
                char pb[PATHLEN];
                ld_sub(pb, p, "balance");
                ld_err(L, config_setting_get_member(g, "balance"), pb,
                    "expected \"slice\", \"annual\" or \"none\", found \"%s\"", bal);
            }
        }
        c->dispose = ld_get_bool(L, g, p, "dispose", false);
        const config_setting_t *net = config_setting_get_member(g, "network");
        if (net) {
            char pn[PATHLEN];
            ld_sub(pn, p, "network");
            if (ld_expect_group(L, net, pn)) {
                static const char *const nkeys[] = {"spur_cost", "lifetime", NULL};
                ld_check_keys(L, net, pn, nkeys);
                c->network = true;
                c->spur_cost = ld_get_num(L, net, pn, "spur_cost", true, 0.0, LD_NONNEG);
                c->spur_lifetime = ld_get_int(L, net, pn, "lifetime", true, 1, 1, 1000);
                if (c->balance == BAL_NONE)
                    ld_err(L, net, pn, "a commodity with balance \"none\" has no pool to reach through a network");
            }
        }
    }
    free(it);
}

static void load_flows(Loader *L, const config_setting_t *g, const char *path, const char *key,
                       Flow **out, int *nout)
{
    const config_setting_t *s = config_setting_get_member(g, key);
    *out = NULL;
    *nout = 0;
    if (!s)
        return;
    char p[PATHLEN];
    ld_sub(p, path, key);
    if (!ld_expect_group(L, s, p))
        return;
    int n = config_setting_length(s);
    *out = xcalloc((size_t)n, sizeof **out);
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        char pe[PATHLEN];
        ld_sub(pe, p, config_setting_name(e));
        int c = ld_resolve(L, e, pe, config_setting_name(e), REF_COMMODITY);
        double v;
        if (!ld_num_value(L, e, pe, LD_NONNEG, &v) || c < 0)
            continue;
        (*out)[(*nout)++] = (Flow){c, v};
    }
}

static bool has_flow(const Flow *f, int n, int c)
{
    for (int i = 0; i < n; i++)
        if (f[i].commodity == c)
            return true;
    return false;
}

static void load_technologies(Loader *L)
{
    Model *m = L->m;
    int n;
    ListItem *it = top_list(L, "technologies", "{ id; kind; ... }", &n);
    m->techs = xcalloc((size_t)n, sizeof *m->techs);
    static const char *const keys[] = {
        "id", "name", "sector", "kind", "available_from", "lifetime", "capex", "fixed_om", "var_om",
        "inputs", "outputs", "emissions", "capture", "availability", "jobs", "construction_jobs", "gva",
        "source", "product", "profile", "stores", "efficiency_in", "efficiency_out", "power_ratio", NULL};
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = it[i].elem;
        const char *p = it[i].path;
        if (!ld_expect_group(L, g, p))
            continue;
        ld_check_keys(L, g, p, keys);
        char *id = ld_get_id(L, g, p, "id", true);
        if (!id)
            continue;
        if (DUP_CHECK(L, m->techs, m->ntechs, id, g, p, "technology")) {
            free(id);
            continue;
        }
        Technology *tc = &m->techs[m->ntechs++];
        tc->id = id;
        tc->loc = ld_where(L, g);
        tc->product = tc->stores = tc->capture_commodity = -1;
        const char *name = ld_get_str(L, g, p, "name", false, "a string");
        tc->name = xstrdup(name ? name : id);
        const char *sector = ld_get_str(L, g, p, "sector", true, "a string such as \"steel\"");
        tc->sector = xstrdup(sector ? sector : "other");
        const char *kind = ld_get_str(L, g, p, "kind", true, "\"route\", \"process\" or \"storage\"");
        int k = -1;
        if (kind) {
            if (strcmp(kind, "route") == 0)
                k = TECH_ROUTE;
            else if (strcmp(kind, "process") == 0)
                k = TECH_PROCESS;
            else if (strcmp(kind, "storage") == 0)
                k = TECH_STORAGE;
            else {
                char pk[PATHLEN];
                ld_sub(pk, p, "kind");
                ld_err(L, config_setting_get_member(g, "kind"), pk,
                    "expected \"route\", \"process\" or \"storage\", found \"%s\"", kind);
            }
        }
        tc->kind = k < 0 ? TECH_PROCESS : (TechKind)k;
        tc->available_from = ld_get_int(L, g, p, "available_from", false, 0, 0, 9999);
        tc->lifetime = ld_get_int(L, g, p, "lifetime", true, 1, 1, 1000);
        tc->capex = ld_get_periods(L, g, p, "capex", false, LD_NONNEG);
        tc->fixed_om = ld_get_periods(L, g, p, "fixed_om", false, LD_NONNEG);
        tc->var_om = ld_get_periods(L, g, p, "var_om", false, LD_NONNEG);
        if (L->T) {
            if (!tc->capex)
                tc->capex = xcalloc((size_t)L->T, sizeof(double));
            if (!tc->fixed_om)
                tc->fixed_om = xcalloc((size_t)L->T, sizeof(double));
            if (!tc->var_om)
                tc->var_om = xcalloc((size_t)L->T, sizeof(double));
        }
        load_flows(L, g, p, "inputs", &tc->inputs, &tc->ninputs);
        load_flows(L, g, p, "outputs", &tc->outputs, &tc->noutputs);
        for (int j = 0; j < tc->ninputs; j++) {
            const Commodity *c = &m->commodities[tc->inputs[j].commodity];
            if (c->balance == BAL_NONE) {
                char pi[PATHLEN], pc[PATHLEN];
                ld_sub(pi, p, "inputs");
                ld_sub(pc, pi, c->id);
                ld_err(L, config_setting_get_member(config_setting_get_member(g, "inputs"), c->id), pc,
                    "'%s' has balance \"none\" (a product delivered outside the cluster) and cannot be an input; "
                    "give it balance \"annual\" or \"slice\" to use it inside the cluster", c->id);
            }
        }
        const config_setting_t *em = config_setting_get_member(g, "emissions");
        if (em) {
            char pe[PATHLEN];
            ld_sub(pe, p, "emissions");
            if (ld_expect_group(L, em, pe)) {
                static const char *const ekeys[] = {"fossil", "process", "biogenic", "other", NULL};
                ld_check_keys(L, em, pe, ekeys);
                tc->em_fossil = ld_get_num(L, em, pe, "fossil", false, 0.0, LD_NONNEG);
                tc->em_process = ld_get_num(L, em, pe, "process", false, 0.0, LD_NONNEG);
                tc->em_biogenic = ld_get_num(L, em, pe, "biogenic", false, 0.0, LD_NONNEG);
                tc->em_other = ld_get_num(L, em, pe, "other", false, 0.0, LD_NONNEG);
            }
        }
        const config_setting_t *cap = config_setting_get_member(g, "capture");
        if (cap) {
            char pc[PATHLEN];
            ld_sub(pc, p, "capture");
            if (ld_expect_group(L, cap, pc)) {
                static const char *const ckeys[] = {"rate", "commodity", NULL};
                ld_check_keys(L, cap, pc, ckeys);
                tc->capture_rate = ld_get_num(L, cap, pc, "rate", true, 0.0, LD_RATE);
                tc->capture_commodity = ld_get_ref(L, cap, pc, "commodity", true, REF_COMMODITY);
                if (tc->capture_commodity >= 0 && m->commodities[tc->capture_commodity].balance == BAL_NONE) {
                    char pcc[PATHLEN];
                    ld_sub(pcc, pc, "commodity");
                    ld_err(L, config_setting_get_member(cap, "commodity"), pcc,
                        "captured CO2 must go to a commodity with a balance (\"annual\" or \"slice\"); '%s' has none",
                        m->commodities[tc->capture_commodity].id);
                }
            }
        }
        tc->availability = ld_get_num(L, g, p, "availability", false, 1.0, LD_SHARE);
        tc->jobs = ld_get_num(L, g, p, "jobs", false, 0.0, LD_NONNEG);
        tc->construction_jobs = ld_get_num(L, g, p, "construction_jobs", false, 0.0, LD_NONNEG);
        tc->gva = ld_get_num(L, g, p, "gva", false, 0.0, LD_ANY);
        const char *src = ld_get_str(L, g, p, "source", true, "a string naming where the numbers come from");
        tc->source = xstrdup(src ? src : "");
        if (src && !*src) {
            char ps[PATHLEN];
            ld_sub(ps, p, "source");
            ld_err(L, config_setting_get_member(g, "source"), ps, "is empty; say where the numbers come from");
        }

        /* kind-specific fields */
        const char *only[][2] = {{"product", "route"}, {"profile", "process"}, {"stores", "storage"},
                                 {"efficiency_in", "storage"}, {"efficiency_out", "storage"},
                                 {"power_ratio", "storage"}};
        for (size_t j = 0; j < sizeof only / sizeof only[0]; j++) {
            const config_setting_t *s = config_setting_get_member(g, only[j][0]);
            if (s && k >= 0 && strcmp(kind, only[j][1]) != 0) {
                char ps[PATHLEN];
                ld_sub(ps, p, only[j][0]);
                ld_err(L, s, ps, "'%s' applies to technologies of kind \"%s\" only; this one is \"%s\"", only[j][0],
                    only[j][1], kind);
            }
        }
        if (k == TECH_ROUTE) {
            tc->product = ld_get_ref(L, g, p, "product", true, REF_COMMODITY);
            if (tc->product >= 0 && (has_flow(tc->outputs, tc->noutputs, tc->product) ||
                                     has_flow(tc->inputs, tc->ninputs, tc->product))) {
                char pp[PATHLEN];
                ld_sub(pp, p, "product");
                ld_err(L, config_setting_get_member(g, "product"), pp,
                    "the product '%s' must not also be listed in inputs or outputs (one unit of activity makes "
                    "one unit of product)", m->commodities[tc->product].id);
            }
        } else if (k == TECH_PROCESS) {
            tc->profile = ld_get_slices(L, g, p, "profile", LD_SHARE0);
        } else if (k == TECH_STORAGE) {
            tc->stores = ld_get_ref(L, g, p, "stores", true, REF_COMMODITY);
            if (tc->stores >= 0 && m->commodities[tc->stores].balance != BAL_SLICE) {
                char ps[PATHLEN];
                ld_sub(ps, p, "stores");
                ld_err(L, config_setting_get_member(g, "stores"), ps,
                    "only commodities with balance \"slice\" can be stored; '%s' is not one",
                    m->commodities[tc->stores].id);
            }
            tc->efficiency_in = ld_get_num(L, g, p, "efficiency_in", false, 1.0, LD_SHARE);
            tc->efficiency_out = ld_get_num(L, g, p, "efficiency_out", false, 1.0, LD_SHARE);
            tc->power_ratio = ld_get_num(L, g, p, "power_ratio", true, 1.0, LD_POS);
            if (tc->capture_commodity >= 0 || tc->em_fossil + tc->em_process + tc->em_biogenic + tc->em_other > 0) {
                ld_err(L, g, p, "a storage has no emissions or capture; model them on a process");
            }
        }
    }
    free(it);
}

static void load_markets(Loader *L)
{
    Model *m = L->m;
    int n;
    ListItem *it = top_list(L, "markets", "{ commodity; direction; price; }", &n);
    m->markets = xcalloc((size_t)n, sizeof *m->markets);
    static const char *const keys[] = {"id", "commodity", "direction", "price", "price_profile", "limit", "co2",
                                       NULL};
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = it[i].elem;
        const char *p = it[i].path;
        if (!ld_expect_group(L, g, p))
            continue;
        ld_check_keys(L, g, p, keys);
        int c = ld_get_ref(L, g, p, "commodity", true, REF_COMMODITY);
        const char *dir = ld_get_str(L, g, p, "direction", true, "\"import\" or \"export\"");
        int d = -1;
        if (dir) {
            if (strcmp(dir, "import") == 0)
                d = MKT_IMPORT;
            else if (strcmp(dir, "export") == 0)
                d = MKT_EXPORT;
            else {
                char pd[PATHLEN];
                ld_sub(pd, p, "direction");
                ld_err(L, config_setting_get_member(g, "direction"), pd, "expected \"import\" or \"export\", found \"%s\"",
                    dir);
            }
        }
        char *id = NULL;
        if (config_setting_get_member(g, "id"))
            id = ld_get_id(L, g, p, "id", false);
        if (!id && c >= 0 && d >= 0) {
            size_t len = strlen(m->commodities[c].id) + 8;
            id = malloc(len);
            snprintf(id, len, "%s_%s", d == MKT_IMPORT ? "imp" : "exp", m->commodities[c].id);
        }
        if (id && DUP_CHECK(L, m->markets, m->nmarkets, id, g, p, "market (give each market of a commodity and direction an 'id')")) {
            free(id);
            id = NULL;
        }
        Market mk = {0};
        mk.id = id;
        mk.commodity = c;
        mk.direction = d < 0 ? MKT_IMPORT : (MarketDir)d;
        mk.loc = ld_where(L, g);
        mk.price = ld_get_periods(L, g, p, "price", true, LD_ANY);
        mk.price_profile = ld_get_slices(L, g, p, "price_profile", LD_NONNEG);
        mk.limit = ld_get_periods(L, g, p, "limit", false, LD_NONNEG_OR_NONE);
        mk.co2 = ld_get_num(L, g, p, "co2", false, 0.0, LD_NONNEG);
        if (c >= 0 && m->commodities[c].balance == BAL_NONE)
            ld_err(L, g, p, "'%s' has balance \"none\": it is delivered outside the cluster and has no market here",
                m->commodities[c].id);
        if (config_setting_get_member(g, "co2") && d == MKT_EXPORT) {
            char pc[PATHLEN];
            ld_sub(pc, p, "co2");
            ld_err(L, config_setting_get_member(g, "co2"), pc, "'co2' (scope-2 factor) applies to imports only");
        }
        if (config_setting_get_member(g, "price_profile") && c >= 0 && m->commodities[c].balance != BAL_SLICE) {
            char pc[PATHLEN];
            ld_sub(pc, p, "price_profile");
            ld_err(L, config_setting_get_member(g, "price_profile"), pc,
                "a price profile applies to commodities balanced per slice only");
        }
        bool ok = id && c >= 0 && d >= 0 && mk.price && L->T && L->S;
        if (!ok) {
            free(mk.id);
            free(mk.price);
            free(mk.price_profile);
            free(mk.limit);
            continue;
        }
        if (!mk.price_profile) {
            mk.price_profile = xcalloc((size_t)L->S, sizeof(double));
            for (int s = 0; s < L->S; s++)
                mk.price_profile[s] = 1.0;
        }
        if (!mk.limit) {
            mk.limit = xcalloc((size_t)L->T, sizeof(double));
            for (int t = 0; t < L->T; t++)
                mk.limit[t] = -1.0;
        }
        m->markets[m->nmarkets++] = mk;
    }
    free(it);
}

static void load_demands(Loader *L)
{
    Model *m = L->m;
    int n;
    ListItem *it = top_list(L, "demands", "{ commodity; amount; }", &n);
    m->demands = xcalloc((size_t)n, sizeof *m->demands);
    static const char *const keys[] = {"id", "commodity", "amount", "profile", NULL};
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = it[i].elem;
        const char *p = it[i].path;
        if (!ld_expect_group(L, g, p))
            continue;
        ld_check_keys(L, g, p, keys);
        int c = ld_get_ref(L, g, p, "commodity", true, REF_COMMODITY);
        char *id = NULL;
        if (config_setting_get_member(g, "id"))
            id = ld_get_id(L, g, p, "id", false);
        if (!id && c >= 0) {
            size_t len = strlen(m->commodities[c].id) + 16;
            id = malloc(len);
            snprintf(id, len, "dem_%s_%d", m->commodities[c].id, i);
        }
        Demand dm = {0};
        dm.id = id;
        dm.commodity = c;
        dm.loc = ld_where(L, g);
        dm.amount = ld_get_periods(L, g, p, "amount", true, LD_NONNEG);
        dm.profile = ld_get_slices(L, g, p, "profile", LD_NONNEG);
        if (c >= 0 && m->commodities[c].balance == BAL_NONE)
            ld_err(L, g, p, "'%s' has balance \"none\": a demand needs a balanced commodity", m->commodities[c].id);
        if (dm.profile) {
            double sum = 0.0;
            for (int s = 0; s < L->S; s++)
                sum += dm.profile[s];
            char pp[PATHLEN];
            ld_sub(pp, p, "profile");
            if (fabs(sum - 1.0) > 1e-6) {
                ld_err(L, config_setting_get_member(g, "profile"), pp, "the shares sum to %.9g; expected 1", sum);
                free(dm.profile);
                dm.profile = NULL;
                c = -1;
            } else if (dm.commodity >= 0 && m->commodities[dm.commodity].balance != BAL_SLICE) {
                ld_err(L, config_setting_get_member(g, "profile"), pp,
                    "a profile applies to commodities balanced per slice only");
            }
        }
        if (!(id && c >= 0 && dm.amount && L->S)) {
            free(dm.id);
            free(dm.amount);
            free(dm.profile);
            continue;
        }
        if (!dm.profile) {
            dm.profile = xcalloc((size_t)L->S, sizeof(double));
            for (int s = 0; s < L->S; s++)
                dm.profile[s] = m->slices[s].share;
        }
        m->demands[m->ndemands++] = dm;
    }
    free(it);
}

/* Does any route the plant can run use or make commodity c (inputs, outputs, capture, product)? */
static int route_touching(const Model *m, const Plant *pl, int c)
{
    for (int r = 0; r < pl->nroutes; r++) {
        const Technology *tc = &m->techs[pl->routes[r]];
        if (has_flow(tc->inputs, tc->ninputs, c) || has_flow(tc->outputs, tc->noutputs, c) ||
            tc->capture_commodity == c || tc->product == c)
            return r;
    }
    return -1;
}

static void load_plants(Loader *L)
{
    Model *m = L->m;
    int n;
    ListItem *it = top_list(L, "plants", "{ id; product; units; unit_capacity; routes; production; }", &n);
    m->plants = xcalloc((size_t)n, sizeof *m->plants);
    static const char *const keys[] = {"id", "name", "sector", "product", "units", "unit_capacity", "routes",
                                       "existing", "production", "spurs", "ets", "committed", NULL};
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = it[i].elem;
        const char *p = it[i].path;
        if (!ld_expect_group(L, g, p))
            continue;
        ld_check_keys(L, g, p, keys);
        char *id = ld_get_id(L, g, p, "id", true);
        if (!id)
            continue;
        if (DUP_CHECK(L, m->plants, m->nplants, id, g, p, "plant")) {
            free(id);
            continue;
        }
        Plant *pl = &m->plants[m->nplants++];
        bool ok = true;
        pl->id = id;
        pl->loc = ld_where(L, g);
        const char *name = ld_get_str(L, g, p, "name", false, "a string");
        pl->name = xstrdup(name ? name : id);
        pl->product = ld_get_ref(L, g, p, "product", true, REF_COMMODITY);
        pl->units = ld_get_int(L, g, p, "units", true, 0, 1, 100000);
        pl->unit_capacity = ld_get_num(L, g, p, "unit_capacity", true, NAN, LD_POS);
        pl->ets = ld_get_bool(L, g, p, "ets", true);
        pl->existing_route = -1;
        if (pl->product < 0 || isnan(pl->unit_capacity) || pl->units <= 0)
            ok = false;

        /* candidate routes */
        const config_setting_t *rs = config_setting_get_member(g, "routes");
        char pr[PATHLEN];
        ld_sub(pr, p, "routes");
        int nr = rs ? config_setting_length(rs) : 0;
        bool routes_ok = true;
        if (rs && !(config_setting_is_array(rs) || config_setting_is_list(rs))) {
            ld_err(L, rs, pr, "expected a list of route technology ids like [\"steel_bf_bof\"], found %s",
                ld_type_name(rs));
            nr = 0;
            ok = routes_ok = false;
        }
        pl->routes = xcalloc((size_t)nr + 1, sizeof *pl->routes);
        pl->buildable = xcalloc((size_t)nr + 1, sizeof *pl->buildable);
        for (int r = 0; r < nr; r++) {
            const config_setting_t *e = config_setting_get_elem(rs, (unsigned)r);
            char pe[PATHLEN];
            ld_subi(pe, pr, r);
            if (config_setting_type(e) != CONFIG_TYPE_STRING) {
                ld_err(L, e, pe, "expected a route technology id (a string), found %s", ld_type_name(e));
                ok = routes_ok = false;
                continue;
            }
            int k = ld_resolve(L, e, pe, config_setting_get_string(e), REF_TECH);
            if (k < 0) {
                ok = routes_ok = false;
                continue;
            }
            const Technology *tc = &m->techs[k];
            if (tc->kind != TECH_ROUTE) {
                ld_err(L, e, pe, "'%s' is a %s, not a route; a plant's routes must have kind \"route\"", tc->id,
                    tc->kind == TECH_STORAGE ? "storage" : "process");
                ok = false;
                continue;
            }
            if (pl->product >= 0 && tc->product >= 0 && tc->product != pl->product) {
                ld_err(L, e, pe, "route '%s' makes '%s' but plant '%s' makes '%s'", tc->id,
                    m->commodities[tc->product].id, id, m->commodities[pl->product].id);
                ok = false;
                continue;
            }
            bool dup = false;
            for (int j = 0; j < pl->nroutes; j++)
                dup |= pl->routes[j] == k;
            if (dup) {
                ld_err(L, e, pe, "route '%s' is listed twice", tc->id);
                continue;
            }
            pl->routes[pl->nroutes] = k;
            pl->buildable[pl->nroutes] = true;
            pl->nroutes++;
        }

        /* existing lines */
        const config_setting_t *ex = config_setting_get_member(g, "existing");
        if (ex) {
            char pe[PATHLEN];
            ld_sub(pe, p, "existing");
            if (ld_expect_group(L, ex, pe)) {
                static const char *const ekeys[] = {"route", "units", "retire", NULL};
                ld_check_keys(L, ex, pe, ekeys);
                int k = ld_get_ref(L, ex, pe, "route", true, REF_TECH);
                int eu = ld_get_int(L, ex, pe, "units", true, 0, 1, 100000);
                if (pl->units > 0 && eu > pl->units) {
                    char pu[PATHLEN];
                    ld_sub(pu, pe, "units");
                    ld_err(L, config_setting_get_member(ex, "units"), pu,
                        "%d existing lines but the plant has %d units; expected at most %d", eu, pl->units, pl->units);
                    ok = false;
                }
                if (k >= 0 && m->techs[k].kind != TECH_ROUTE) {
                    char pu[PATHLEN];
                    ld_sub(pu, pe, "route");
                    ld_err(L, config_setting_get_member(ex, "route"), pu, "'%s' is not a route", m->techs[k].id);
                    k = -1;
                }
                if (k >= 0 && pl->product >= 0 && m->techs[k].product >= 0 && m->techs[k].product != pl->product) {
                    char pu[PATHLEN];
                    ld_sub(pu, pe, "route");
                    ld_err(L, config_setting_get_member(ex, "route"), pu, "route '%s' makes '%s' but plant '%s' makes '%s'",
                        m->techs[k].id, m->commodities[m->techs[k].product].id, id, m->commodities[pl->product].id);
                    k = -1;
                }
                if (k < 0 || eu <= 0)
                    ok = false;
                /* retire: one year per existing line (a single number: all lines that year) */
                const config_setting_t *rt = config_setting_get_member(ex, "retire");
                char prt[PATHLEN];
                ld_sub(prt, pe, "retire");
                if (eu > 0) {
                    pl->retire = xcalloc((size_t)eu, sizeof *pl->retire);
                    for (int u = 0; u < eu; u++)
                        pl->retire[u] = 100000; /* never */
                    if (rt && (config_setting_type(rt) == CONFIG_TYPE_INT)) {
                        for (int u = 0; u < eu; u++)
                            pl->retire[u] = config_setting_get_int(rt);
                    } else if (rt && (config_setting_is_array(rt) || config_setting_is_list(rt))) {
                        if (config_setting_length(rt) != eu) {
                            ld_err(L, rt, prt, "expected %d retirement years (one per existing line), found %d", eu,
                                config_setting_length(rt));
                            ok = false;
                        } else {
                            for (int u = 0; u < eu; u++) {
                                const config_setting_t *e = config_setting_get_elem(rt, (unsigned)u);
                                char pu[PATHLEN];
                                ld_subi(pu, prt, u);
                                if (config_setting_type(e) != CONFIG_TYPE_INT) {
                                    ld_err(L, e, pu, "expected a year (an integer), found %s", ld_type_name(e));
                                    ok = false;
                                } else {
                                    pl->retire[u] = config_setting_get_int(e);
                                }
                            }
                        }
                    } else if (rt) {
                        ld_err(L, rt, prt, "expected a list of years, one per existing line, found %s", ld_type_name(rt));
                        ok = false;
                    }
                }
                if (k >= 0 && eu > 0) {
                    int found = -1;
                    for (int r = 0; r < pl->nroutes; r++)
                        if (pl->routes[r] == k)
                            found = r;
                    if (found < 0) {
                        found = pl->nroutes++;
                        pl->routes[found] = k;
                        pl->buildable[found] = false;
                    }
                    pl->existing_route = found;
                    pl->existing_units = eu;
                }
            } else {
                ok = false;
            }
        }
        if (pl->nroutes == 0 && ok) {
            ld_err(L, g, p, "plant '%s' has no route: give candidate 'routes' or 'existing' lines", id);
            ok = false;
        }

        pl->production = ld_get_periods(L, g, p, "production", true, LD_NONNEG);
        if (!pl->production)
            ok = false;

        const char *sector = ld_get_str(L, g, p, "sector", false, "a string");
        if (sector)
            pl->sector = xstrdup(sector);
        else if (pl->nroutes > 0)
            pl->sector = xstrdup(m->techs[pl->routes[0]].sector);
        else
            pl->sector = xstrdup("other");

        /* spurs */
        pl->spur_km = xcalloc((size_t)m->ncommodities + 1, sizeof *pl->spur_km);
        for (int c = 0; c < m->ncommodities; c++)
            pl->spur_km[c] = -1.0;
        const config_setting_t *sp = config_setting_get_member(g, "spurs");
        char psp[PATHLEN];
        ld_sub(psp, p, "spurs");
        if (sp && ld_expect_group(L, sp, psp)) {
            for (int j = 0; j < config_setting_length(sp); j++) {
                const config_setting_t *e = config_setting_get_elem(sp, (unsigned)j);
                char pe[PATHLEN];
                ld_sub(pe, psp, config_setting_name(e));
                int c = ld_resolve(L, e, pe, config_setting_name(e), REF_COMMODITY);
                double km;
                if (!ld_num_value(L, e, pe, LD_NONNEG, &km) || c < 0) {
                    ok = false;
                    continue;
                }
                if (!m->commodities[c].network) {
                    ld_err(L, e, pe, "'%s' is not a network commodity (it has no 'network' setting); no spur is needed",
                        m->commodities[c].id);
                    continue;
                }
                pl->spur_km[c] = km;
            }
        }
        for (int c = 0; c < m->ncommodities; c++) {
            if (!m->commodities[c].network || pl->spur_km[c] >= 0)
                continue;
            int r = route_touching(m, pl, c);
            if (r >= 0) {
                ld_err(L, sp ? sp : g, psp,
                    "route '%s' uses or makes network commodity '%s' but the plant gives no spur distance; add "
                    "spurs = { %s = KM; } (0 if already connected)",
                    m->techs[pl->routes[r]].id, m->commodities[c].id, m->commodities[c].id);
                ok = false;
            }
        }

        /* committed projects */
        const config_setting_t *cm = config_setting_get_member(g, "committed");
        char pcm[PATHLEN];
        ld_sub(pcm, p, "committed");
        if (cm && ld_expect_list(L, cm, pcm, "{ route; units; year; }")) {
            int nc = config_setting_length(cm);
            pl->committed = xcalloc((size_t)nc, sizeof *pl->committed);
            for (int j = 0; j < nc; j++) {
                const config_setting_t *e = config_setting_get_elem(cm, (unsigned)j);
                char pe[PATHLEN];
                ld_subi(pe, pcm, j);
                if (!ld_expect_group(L, e, pe)) {
                    ok = false;
                    continue;
                }
                static const char *const ckeys[] = {"route", "units", "year", NULL};
                ld_check_keys(L, e, pe, ckeys);
                int k = ld_get_ref(L, e, pe, "route", true, REF_TECH);
                int units = ld_get_int(L, e, pe, "units", true, 0, 1, pl->units > 0 ? pl->units : 100000);
                int year = ld_get_int(L, e, pe, "year", true, 0, 1, 9999);
                int r = -1;
                for (int q = 0; q < pl->nroutes; q++)
                    if (pl->routes[q] == k && pl->buildable[q])
                        r = q;
                if (k >= 0 && r < 0 && routes_ok) {
                    char pu[PATHLEN];
                    ld_sub(pu, pe, "route");
                    ld_err(L, config_setting_get_member(e, "route"), pu,
                        "committed route '%s' is not one of the plant's candidate routes; add it to 'routes'",
                        m->techs[k].id);
                }
                int t = (L->T && year > 0) ? model_period_of_year(m, year) : -1;
                if (L->T && year > 0 && t < 0) {
                    char pu[PATHLEN];
                    ld_sub(pu, pe, "year");
                    ld_err(L, config_setting_get_member(e, "year"), pu, "year %d is outside the horizon %d-%d", year,
                        m->years[0], model_horizon_end(m));
                }
                if (r < 0 || units <= 0 || t < 0) {
                    ok = false;
                    continue;
                }
                if (r >= 0 && t >= 0 && m->techs[pl->routes[r]].available_from > m->years[t]) {
                    ld_err(L, e, pe, "route '%s' is available from %d only; it cannot be committed in the period of %d",
                        m->techs[pl->routes[r]].id, m->techs[pl->routes[r]].available_from, year);
                    ok = false;
                    continue;
                }
                pl->committed[pl->ncommitted++] = (Committed){r, units, year, t};
            }
        }

        /* production within what the lines can make */
        if (ok && L->T) {
            for (int t = 0; t < L->T; t++) {
                double best = 0.0;
                for (int r = 0; r < pl->nroutes; r++) {
                    const Technology *tc = &m->techs[pl->routes[r]];
                    int lines = pl->buildable[r] ? pl->units : model_existing_lines(m, (int)(pl - m->plants), t);
                    if (pl->buildable[r] && r == pl->existing_route)
                        lines = pl->units;
                    double capa = tc->availability * pl->unit_capacity * lines;
                    if (capa > best)
                        best = capa;
                }
                if (pl->production[t] > best * (1.0 + 1e-9)) {
                    const config_setting_t *ps = config_setting_get_member(g, "production");
                    char pp[PATHLEN];
                    ld_sub(pp, p, "production");
                    ld_err(L, ps, pp,
                        "%g required in %d but the plant's lines can make at most %g a year (units x unit_capacity "
                        "x availability)", pl->production[t], m->years[t], best);
                    break;
                }
            }
        }
    }
    free(it);
}

static void load_infrastructure(Loader *L)
{
    Model *m = L->m;
    int n;
    ListItem *it = top_list(L, "infrastructure", "{ id; technology; module; }", &n);
    m->assets = xcalloc((size_t)n, sizeof *m->assets);
    static const char *const keys[] = {"id", "name", "technology", "module", "existing", "retire", "max_modules",
                                       "ets", NULL};
    for (int i = 0; i < n; i++) {
        const config_setting_t *g = it[i].elem;
        const char *p = it[i].path;
        if (!ld_expect_group(L, g, p))
            continue;
        ld_check_keys(L, g, p, keys);
        char *id = ld_get_id(L, g, p, "id", true);
        if (!id)
            continue;
        if (DUP_CHECK(L, m->assets, m->nassets, id, g, p, "asset")) {
            free(id);
            continue;
        }
        Asset a = {0};
        a.id = id;
        a.loc = ld_where(L, g);
        const char *name = ld_get_str(L, g, p, "name", false, "a string");
        a.name = xstrdup(name ? name : id);
        a.tech = ld_get_ref(L, g, p, "technology", true, REF_TECH);
        if (a.tech >= 0 && m->techs[a.tech].kind == TECH_ROUTE) {
            char pt[PATHLEN];
            ld_sub(pt, p, "technology");
            ld_err(L, config_setting_get_member(g, "technology"), pt,
                "'%s' is a route (a way for a plant to make its product); infrastructure needs a process or storage",
                m->techs[a.tech].id);
            a.tech = -1;
        }
        a.module = ld_get_num(L, g, p, "module", true, NAN, LD_POS);
        a.existing = ld_get_int(L, g, p, "existing", false, 0, 0, 1000000);
        a.retire = ld_get_int(L, g, p, "retire", false, 0, 1, 9999);
        a.max_modules = ld_get_int(L, g, p, "max_modules", false, -1, 0, 1000000);
        a.ets = ld_get_bool(L, g, p, "ets", true);
        if (a.max_modules >= 0 && a.existing > a.max_modules) {
            char pm[PATHLEN];
            ld_sub(pm, p, "max_modules");
            ld_err(L, config_setting_get_member(g, "max_modules"), pm,
                "max_modules %d is below the %d existing modules; it counts existing modules too", a.max_modules,
                a.existing);
        }
        if (a.tech < 0 || isnan(a.module)) {
            free(a.id);
            free(a.name);
            continue;
        }
        m->assets[m->nassets++] = a;
    }
    free(it);
}

static void load_policy(Loader *L)
{
    Model *m = L->m;
    const config_setting_t *g = ld_top_group(L, "policy");
    m->policy.budget = -1.0;
    if (g) {
        static const char *const keys[] = {"carbon_price", "cap", "cap_scope2", "budget", NULL};
        ld_check_keys(L, g, "policy", keys);
        m->policy.carbon_price = ld_get_periods(L, g, "policy", "carbon_price", false, LD_NONNEG);
        m->policy.cap = ld_get_periods(L, g, "policy", "cap", false, LD_NONNEG_OR_NONE);
        m->policy.cap_scope2 = ld_get_bool(L, g, "policy", "cap_scope2", false);
        m->policy.budget = ld_get_num(L, g, "policy", "budget", false, -1.0, LD_NONNEG);
    }
    if (!m->policy.carbon_price && L->T)
        m->policy.carbon_price = xcalloc((size_t)L->T, sizeof(double));
}

static void load_solver(Loader *L)
{
    Model *m = L->m;
    const config_setting_t *g = ld_top_group(L, "solver");
    m->solver.mip_gap = 1e-4;
    m->solver.time_limit = 600.0;
    if (!g)
        return;
    static const char *const keys[] = {"mip_gap", "time_limit", NULL};
    ld_check_keys(L, g, "solver", keys);
    m->solver.mip_gap = ld_get_num(L, g, "solver", "mip_gap", false, 1e-4, LD_RATE);
    m->solver.time_limit = ld_get_num(L, g, "solver", "time_limit", false, 600.0, LD_NONNEG);
}

static int sector_index(Loader *L, const config_setting_t *g, const char *path, const char *key)
{
    Economics *e = &L->m->economics;
    const char *v = ld_get_str(L, g, path, key, false, "the name of an input-output sector");
    if (!v)
        return -1;
    for (int i = 0; i < e->nsectors; i++)
        if (strcmp(e->sectors[i], v) == 0)
            return i;
    char p[PATHLEN];
    ld_sub(p, path, key);
    ld_err(L, config_setting_get_member(g, key), p, "unknown sector '%s'; expected one of economics.sectors", v);
    return -1;
}

static double *number_list(Loader *L, const config_setting_t *s, const char *path, int n, Range r)
{
    if (!(config_setting_is_array(s) || config_setting_is_list(s))) {
        ld_err(L, s, path, "expected a list of %d numbers, found %s", n, ld_type_name(s));
        return NULL;
    }
    if (config_setting_length(s) != n) {
        ld_err(L, s, path, "expected %d values (one per sector), found %d", n, config_setting_length(s));
        return NULL;
    }
    double *v = xcalloc((size_t)n, sizeof *v);
    bool ok = true;
    for (int i = 0; i < n; i++) {
        char p[PATHLEN];
        ld_subi(p, path, i);
        ok &= ld_num_value(L, config_setting_get_elem(s, (unsigned)i), p, r, &v[i]);
    }
    if (!ok) {
        free(v);
        return NULL;
    }
    return v;
}

/*
 * economics = { sectors = [...]; A = ( [row 0], [row 1], ... );  # A[i][j]: input from i per EUR output of j
 *               jobs = [...];  value_added = [...];  spending = { construction = "..."; equipment = "...";
 *               energy = "..."; om = "..."; };  source = "..."; };
 */
static void load_economics(Loader *L)
{
    Economics *e = &L->m->economics;
    e->sector_construction = e->sector_equipment = e->sector_energy = e->sector_om = -1;
    for (int k = 0; k < 4; k++)
        e->domestic[k] = 1.0;
    const config_setting_t *g = ld_top_group(L, "economics");
    if (!g)
        return;
    static const char *const keys[] = {"sectors", "A", "jobs", "value_added", "spending", "domestic_share",
                                       "source", NULL};
    ld_check_keys(L, g, "economics", keys);
    const config_setting_t *ss = ld_member(L, g, "economics", "sectors", true, "a list of sector names");
    if (!ss)
        return;
    if (!(config_setting_is_array(ss) || config_setting_is_list(ss)) || config_setting_length(ss) == 0) {
        ld_err(L, ss, "economics.sectors", "expected a non-empty list of sector names, found %s", ld_type_name(ss));
        return;
    }
    int n = config_setting_length(ss);
    e->sectors = xcalloc((size_t)n, sizeof *e->sectors);
    for (int i = 0; i < n; i++) {
        const config_setting_t *x = config_setting_get_elem(ss, (unsigned)i);
        char p[PATHLEN];
        ld_subi(p, "economics.sectors", i);
        if (config_setting_type(x) != CONFIG_TYPE_STRING) {
            ld_err(L, x, p, "expected a sector name (a string), found %s", ld_type_name(x));
            e->sectors[e->nsectors++] = xstrdup("?");
            continue;
        }
        e->sectors[e->nsectors++] = xstrdup(config_setting_get_string(x));
    }
    bool ok = true;
    const config_setting_t *A = ld_member(L, g, "economics", "A", true, "the technical coefficients, one row per sector");
    if (A) {
        if (!(config_setting_is_list(A) || config_setting_is_array(A)) || config_setting_length(A) != n) {
            ld_err(L, A, "economics.A", "expected %d rows of %d coefficients, found %s of length %d", n, n, ld_type_name(A),
                config_setting_length(A));
            ok = false;
        } else {
            e->A = xcalloc((size_t)n * (size_t)n, sizeof *e->A);
            for (int i = 0; i < n; i++) {
                char p[PATHLEN];
                ld_subi(p, "economics.A", i);
                double *row = number_list(L, config_setting_get_elem(A, (unsigned)i), p, n, LD_SHARE0);
                if (!row) {
                    ok = false;
                    continue;
                }
                memcpy(e->A + (size_t)i * (size_t)n, row, (size_t)n * sizeof *row);
                free(row);
            }
            for (int j = 0; ok && j < n; j++) {
                double col = 0.0;
                for (int i = 0; i < n; i++)
                    col += e->A[i * n + j];
                if (col >= 1.0) {
                    ld_err(L, A, "economics.A", "column %d (%s) sums to %g; a productive economy needs each column below 1",
                        j, e->sectors[j], col);
                    ok = false;
                }
            }
        }
    } else {
        ok = false;
    }
    const config_setting_t *jb = ld_member(L, g, "economics", "jobs", true, "FTE per MEUR of output, per sector");
    if (jb && !(e->jobs = number_list(L, jb, "economics.jobs", n, LD_NONNEG)))
        ok = false;
    const config_setting_t *va = ld_member(L, g, "economics", "value_added", true, "EUR of value added per EUR of output");
    if (va && !(e->value_added = number_list(L, va, "economics.value_added", n, LD_SHARE0)))
        ok = false;
    if (!jb || !va)
        ok = false;
    const config_setting_t *sp = ld_member(L, g, "economics", "spending", true, "which sector receives each spending");
    if (sp && ld_expect_group(L, sp, "economics.spending")) {
        static const char *const skeys[] = {"construction", "equipment", "energy", "om", NULL};
        ld_check_keys(L, sp, "economics.spending", skeys);
        e->sector_construction = sector_index(L, sp, "economics.spending", "construction");
        e->sector_equipment = sector_index(L, sp, "economics.spending", "equipment");
        e->sector_energy = sector_index(L, sp, "economics.spending", "energy");
        e->sector_om = sector_index(L, sp, "economics.spending", "om");
    }
    const config_setting_t *ds = config_setting_get_member(g, "domestic_share");
    if (ds && ld_expect_group(L, ds, "economics.domestic_share")) {
        static const char *const dkeys[] = {"construction", "equipment", "energy", "om", NULL};
        ld_check_keys(L, ds, "economics.domestic_share", dkeys);
        for (int k = 0; k < 4; k++) {
            const config_setting_t *v = config_setting_get_member(ds, dkeys[k]);
            if (k == 2 && v && config_setting_is_group(v)) {
                /* energy per carrier: { grid_electricity = 0.994; natural_gas = 0.107; }, others 1 */
                e->domestic_energy = xcalloc((size_t)L->m->ncommodities + 1, sizeof *e->domestic_energy);
                for (int c = 0; c < L->m->ncommodities; c++)
                    e->domestic_energy[c] = 1.0;
                for (int i = 0; i < config_setting_length(v); i++) {
                    const config_setting_t *x = config_setting_get_elem(v, (unsigned)i);
                    char p[PATHLEN];
                    ld_sub(p, "economics.domestic_share.energy", config_setting_name(x));
                    int c = ld_resolve(L, x, p, config_setting_name(x), REF_COMMODITY);
                    double share;
                    if (ld_num_value(L, x, p, LD_SHARE0, &share) && c >= 0)
                        e->domestic_energy[c] = share;
                }
                continue;
            }
            e->domestic[k] = ld_get_num(L, ds, "economics.domestic_share", dkeys[k], false, 1.0, LD_SHARE0);
        }
    }
    const char *src = ld_get_str(L, g, "economics", "source", true, "a string naming the input-output table's origin");
    e->source = xstrdup(src ? src : "");
    e->present = ok;
}

/* ---- entry point ---------------------------------------------------------------- */

static void fingerprint(Model *m, const Sources *S)
{
    m->nfiles = S->n;
    m->files = xcalloc((size_t)S->n, sizeof *m->files);
    m->file_sha256 = xcalloc((size_t)S->n, sizeof *m->file_sha256);
    Sha256 all;
    sha256_init(&all);
    for (int k = 0; k < S->n; k++) {
        m->files[k] = xstrdup(S->path[k]);
        Sha256 one;
        sha256_init(&one);
        sha256_update(&one, S->bytes[k], S->size[k]);
        sha256_hex(&one, m->file_sha256[k]);
        sha256_update(&all, S->bytes[k], S->size[k]);
    }
    m->input_sha256 = xcalloc(65, 1);
    sha256_hex(&all, m->input_sha256);
}

Model *load_instance(const char *path, const Override *ov, int nov, Diag *d)
{
    Sources src = {0};
    int before = d->n;
    bool read_ok = src_read(&src, path, d);
    Model *m = xcalloc(1, sizeof *m);
    fingerprint(m, &src);
    if (!read_ok && (src.n == 0 || !src.ok[0])) {
        src_free(&src);
        model_free(m);
        return NULL;
    }
    src_apply_overrides(&src, ov, nov, d);

    Loader L = {d, &src, m, 0, 0, before};
    for (int k = 0; k < src.n; k++)
        if (src.ok[k])
            ld_check_keys(&L, config_root_setting(src.cfg[k]), "", TOP_KEYS);
    load_cluster(&L);
    load_horizon(&L);
    load_timeslices(&L);
    load_commodities(&L);
    load_technologies(&L);
    load_markets(&L);
    load_demands(&L);
    load_plants(&L);
    load_infrastructure(&L);
    load_policy(&L);
    load_solver(&L);
    load_economics(&L);
    load_uncertainty(&L);

    src_free(&src);
    if (d->n > before || !L.T || !L.S) {
        if (d->n == before)
            diag_add(d, path, 0, NULL, "the instance is incomplete");
        model_free(m);
        return NULL;
    }
    return m;
}
