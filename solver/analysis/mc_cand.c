/*
 * mc_cand.c — the candidate pathways of `tico mc`: the default sweep and the --pathways file
 * (format in mc.c). */
#include "mc_int.h"
#include "xalloc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "diag.h"
#include "linalg.h"
#include "out.h"
#include "pool.h"
#include "solve.h"
#include "svg.h"
#include "sweep.h"

Cand *mc_cand_add(Cands *cs, CandKind kind, const char *label)
{
    if (cs->n == cs->cap) {
        cs->cap = cs->cap ? 2 * cs->cap : 16;
        cs->v = xrealloc(cs->v, (size_t)cs->cap * sizeof *cs->v);
    }
    Cand *c = &cs->v[cs->n++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->label = xstrdup(label);
    return c;
}

void mc_cands_free(Cands *cs)
{
    for (int k = 0; k < cs->n; k++) {
        free(cs->v[k].label);
        free(cs->v[k].price);
        free(cs->v[k].plan);
        free(cs->v[k].path);
    }
    free(cs->v);
}

static void add_price(Cands *cs, const Model *m, double p, const char *name)
{
    char label[96];
    if (name)
        snprintf(label, sizeof label, "%s", name);
    else
        snprintf(label, sizeof label, "price_%g", p);
    Cand *c = mc_cand_add(cs, CAND_PRICE, label);
    c->price = xmalloc((size_t)m->nperiods * sizeof *c->price);
    for (int t = 0; t < m->nperiods; t++)
        c->price[t] = p;
    c->uniform = true;
}

/* "FROM:TO:STEP" into *from, *to, *step; false when it is not one. */
bool mc_parse_range(const char *s, double *from, double *to, double *step)
{
    char *e;
    errno = 0;
    *from = strtod(s, &e);
    if (e == s || *e != ':')
        return false;
    const char *q = e + 1;
    *to = strtod(q, &e);
    if (e == q || *e != ':')
        return false;
    q = e + 1;
    *step = strtod(q, &e);
    return e != q && !*e && !errno && isfinite(*from) && isfinite(*to) && *step > 0 && *to >= *from && *from >= 0 &&
           (*to - *from) / *step < MAX_CANDIDATES;
}

void mc_add_range(Cands *cs, const Model *m, double from, double to, double step)
{
    int k = (int)floor((to - from) / step + 1e-9);
    for (int i = 0; i <= k; i++)
        add_price(cs, m, from + i * step, NULL);
}

static bool valid_name(const char *s)
{
    if (!*s || (*s >= '0' && *s <= '9') || strlen(s) > 64)
        return false;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '_' ||
              *s == '.' || *s == '-'))
            return false;
    return true;
}

/* The label of a solution file: its folder's name (out/plan/solution.json -> solution_plan).
 * Returns a new string (the caller frees). */
static char *solution_label(const char *path)
{
    char *buf = xstrdup(path);
    char *slash = strrchr(buf, '/');
    const char *base = buf;
    if (slash) {
        *slash = '\0';
        char *s2 = strrchr(buf, '/');
        base = s2 ? s2 + 1 : buf;
    } else {
        char *dot = strrchr(buf, '.');
        if (dot)
            *dot = '\0';
    }
    char *out = xasprintf("solution_%s", *base ? base : "file");
    free(buf);
    for (char *c = out; *c; c++)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_' ||
              *c == '.' || *c == '-'))
            *c = '_';
    return out;
}

/* The candidates of a --pathways file (format in the header). Messages go to d. */
bool mc_read_pathways(const Model *m, PlanSize z, const char *path, Cands *cs, Diag *d)
{
    FILE *f = fopen(path, "r");
    if (!f) {
        diag_add(d, path, 0, NULL, "cannot read the pathways file: %s", strerror(errno));
        return false;
    }
    char dir[512];
    snprintf(dir, sizeof dir, "%s", path);
    char *sl = strrchr(dir, '/');
    if (sl)
        sl[1] = '\0';
    else
        dir[0] = '\0';
    int before = d->n, lineno = 0, T = m->nperiods;
    char line[4096];
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *hash = strchr(line, '#');
        if (hash)
            *hash = '\0';
        char *tok[4] = {NULL};
        int nt = 0;
        for (char *s = strtok(line, " \t\r\n"); s; s = strtok(NULL, " \t\r\n"))
            if (nt < 4)
                tok[nt++] = s;
            else
                nt = 5;
        if (nt == 0)
            continue;
        const char *name = NULL;
        int a = 0;
        size_t l0 = strlen(tok[0]);
        if (tok[0][l0 - 1] == ':') {
            tok[0][l0 - 1] = '\0';
            name = tok[0];
            a = 1;
            if (!valid_name(name)) {
                diag_add(d, path, lineno, NULL, "'%s' is not a valid name; expected letters, digits, '_', '.' or '-'",
                         name);
                continue;
            }
        }
        const char *kind = a < nt ? tok[a] : NULL;
        int nargs = nt - a - 1;
        const char *arg = nargs >= 1 ? tok[a + 1] : NULL;
        if (!kind) {
            diag_add(d, path, lineno, NULL, "a name without a pathway; expected 'optimum', 'price ...' or "
                     "'solution FILE'");
        } else if (strcmp(kind, "optimum") == 0 && nargs == 0) {
            mc_cand_add(cs, CAND_OPTIMUM, name ? name : "optimum");
        } else if (strcmp(kind, "price") == 0 && nargs == 1) {
            double from, to, step;
            if (strchr(arg, ':')) {
                if (!mc_parse_range(arg, &from, &to, &step))
                    diag_add(d, path, lineno, NULL, "'%s' is not a range FROM:TO:STEP of carbon prices >= 0 (at most "
                             "%d points)", arg, MAX_CANDIDATES);
                else if (name)
                    diag_add(d, path, lineno, NULL, "a range gives several candidates: it cannot take a name");
                else
                    mc_add_range(cs, m, from, to, step);
                continue;
            }
            double *v = xmalloc((size_t)(T + 1) * sizeof *v);
            int n = 0;
            bool ok = true;
            for (const char *p = arg; *p && ok;) {
                char *e;
                errno = 0;
                double x = strtod(p, &e);
                if (e == p || errno || !isfinite(x) || x < 0 || (*e && *e != ',') || n >= T) {
                    ok = false;
                    break;
                }
                v[n++] = x;
                p = *e ? e + 1 : e;
            }
            if (!ok || (n != 1 && n != T)) {
                diag_add(d, path, lineno, NULL, "'%s': expected a carbon price >= 0, a list of %d (one per period) or "
                         "a range FROM:TO:STEP", arg, T);
            } else if (n == 1) {
                add_price(cs, m, v[0], name);
            } else {
                char label[96];
                if (name)
                    snprintf(label, sizeof label, "%s", name);
                else
                    snprintf(label, sizeof label, "price_path_%d", lineno);
                Cand *c = mc_cand_add(cs, CAND_PRICE, label);
                c->price = v;
                v = NULL;
            }
            free(v);
        } else if (strcmp(kind, "solution") == 0 && nargs == 1) {
            char *full = xasprintf("%s%s", arg[0] == '/' ? "" : dir, arg);
            char *label = solution_label(full);
            double *v = xcalloc((size_t)mc_plan_len(z), sizeof *v);
            if (!mc_plan_from_json(m, z, full, path, lineno, v, d)) {
                free(v);
                free(full);
                free(label);
                continue;
            }
            Cand *c = mc_cand_add(cs, CAND_SOLUTION, name ? name : label);
            free(label);
            c->plan = v;
            c->path = full;
        } else {
            diag_add(d, path, lineno, NULL, "expected 'optimum', 'price P', 'price P1,...,P%d', 'price FROM:TO:STEP' "
                     "or 'solution FILE', optionally after 'NAME:'", T);
        }
    }
    fclose(f);
    if (d->n == before && cs->n == 0)
        diag_add(d, path, 0, NULL, "no pathway given");
    if (cs->n > MAX_CANDIDATES)
        diag_add(d, path, 0, NULL, "%d candidates; at most %d", cs->n, MAX_CANDIDATES);
    for (int i = 0; i < cs->n && d->n == before; i++)
        for (int j = 0; j < i; j++)
            if (strcmp(cs->v[i].label, cs->v[j].label) == 0) {
                diag_add(d, path, 0, NULL, "pathway '%s' is given twice (name one of them: 'NAME: ...')",
                         cs->v[i].label);
                break;
            }
    return d->n == before;
}

