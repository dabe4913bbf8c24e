/*
 * load_check.c — checks over the whole input, after (or before) the sections (load_int.h).
 *
 * UTF-8: every string of every file and of --set must be valid UTF-8 (names and ids reach
 * solution.json and tic.json, which must parse). Strict (RFC 3629): no overlong forms, no
 * surrogates, nothing above U+10FFFF. The message names the setting and the byte offset of
 * the first bad byte within the string.
 *
 * Magnitudes: each term the objective will hold (SPEC §4.6) must be finite and below
 * LD_MAX_COST (1e15 EUR, four orders above the largest cluster we know, Dunkirk at 6e10 EUR):
 * a bigger term is a unit mistake or a typo (capex = 1e308), and would reach GLPK as inf or
 * NaN ("optimal, total cost -nan"). The terms and the number each one blames:
 *   plant route   CF(t, l) capex_r,t Q_p              capex or unit_capacity
 *                 DF_t fixed_om_r,t Q_p N_p            fixed_om or unit_capacity
 *                 DF_t var_om_r,t Q_p N_p              var_om or unit_capacity (a year at full output)
 *   spur          km_p,c spur_cost_c CF(t, l_c)         the plant's spurs.c or the spur_cost
 *   asset         CF(t, l) capex_i,t mod_i, DF_t fixed_om_i,t mod_i, DF_t var_om_i,t mod_i
 *                                                      the technology's number or module
 *   market        DF_t |price_k,t| profile_k,s                  price or price_profile
 *                 the same x limit_k,t must be finite           price or limit
 *                 (a limit is a bound, not a coefficient: 1e15 is a common way to write "no
 *                 limit", and bench/gen writes it so; only an overflow to inf is refused)
 *   carbon price  DF_t carbon_price_t                  policy.carbon_price
 * The number blamed is the larger of the two the term multiplies (the other is shown), once
 * per setting. The checks run only after a load without other problems.
 */
#include "load_int.h"
#include "xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ---- UTF-8 ---------------------------------------------------------------------------- */

/* The offset of the first byte of s that is not part of a valid UTF-8 character, or -1. */
static long utf8_bad_offset(const unsigned char *s)
{
    const unsigned char *p = s;
    while (*p) {
        unsigned c = *p;
        int n;
        uint32_t cp, min;
        if (c < 0x80) {
            p++;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            n = 1, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            n = 2, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            n = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return p - s;
        }
        for (int k = 1; k <= n; k++) {
            if ((p[k] & 0xC0) != 0x80)
                return p - s;
            cp = (cp << 6) | (p[k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return p - s;
        p += n + 1;
    }
    return -1;
}

/* The path of setting s, as the sections write it: "plants.[3].name". */
static const char *path_of(Loader *L, const config_setting_t *s)
{
    const config_setting_t *parent = config_setting_parent(s);
    if (!parent)
        return "";
    const char *up = path_of(L, parent);
    const char *name = config_setting_name(s);
    if (name && config_setting_is_group(parent))
        return ld_sub(L, up, name);
    return ld_subi(L, up, config_setting_index(s));
}

static void utf8_walk(Loader *L, const config_setting_t *s)
{
    if (config_setting_type(s) == CONFIG_TYPE_STRING) {
        const char *v = config_setting_get_string(s);
        long off = utf8_bad_offset((const unsigned char *)v);
        if (off >= 0)
            ld_err(L, s, path_of(L, s),
                   "the string is not valid UTF-8: byte %ld (0x%02x, counting from 0) does not begin a valid "
                   "UTF-8 character; write names and text in UTF-8",
                   off, (unsigned)(unsigned char)v[off]);
        return;
    }
    if (!config_setting_is_aggregate(s))
        return;
    size_t mark = ld_mark(L);
    for (int i = 0; i < config_setting_length(s); i++) {
        utf8_walk(L, config_setting_get_elem(s, (unsigned)i));
        ld_release(L, mark);
    }
}

void ld_check_utf8(Loader *L)
{
    for (int k = 0; k < L->src->n; k++)
        if (L->src->ok[k])
            utf8_walk(L, config_root_setting(L->src->cfg[k]));
}

/* ---- magnitudes ------------------------------------------------------------------------ */

/* One number of a term: its value, the entity kind and index whose setting `key` holds it
 * (key NULL: the entity's group itself). */
typedef struct {
    double v;
    const char *name; /* as the message shows it: "capex", "unit_capacity" */
    EntKind kind;
    int index;
    const char *key;
} Num;

typedef struct {
    Loader *L;
    const Model *m;
    double *df;           /* [T] DF_t */
    double *cf;           /* [ntechs x T] CF(t, lifetime of the technology) */
    unsigned char *said;  /* one flag per (kind, index, field) already reported */
    size_t said_stride;
} Checker;

enum { F_CAPEX, F_FIXED, F_VAR, F_OTHER, F_SPUR_COST, F_PRICE, F_PROFILE, F_LIMIT, F_NFIELDS };

static bool too_big(double v)
{
    return !(fabs(v) < LD_MAX_COST);
}

static int field_of(const char *key)
{
    static const char *const keys[] = {"capex", "fixed_om", "var_om", "", "spur_cost", "price", "price_profile",
                                       "limit"};
    for (int f = 0; f < F_NFIELDS; f++)
        if (strcmp(keys[f], key) == 0)
            return f;
    return F_OTHER;
}

/* Report the term `total` (described by what) once per blamed setting: the larger of a, b. */
static void blame(Checker *C, double total, Num a, Num b, const char *what)
{
    Loader *L = C->L;
    Num n = fabs(a.v) >= fabs(b.v) || isnan(a.v) ? a : b;
    Num o = (n.name == a.name) ? b : a;
    size_t flag = ((size_t)n.kind * C->said_stride + (size_t)n.index) * F_NFIELDS + (size_t)field_of(n.key);
    if (C->said[flag])
        return;
    C->said[flag] = 1;
    const Origin *org = &L->origin[n.kind][n.index];
    const config_setting_t *s = org->g;
    const char *path = org->path;
    /* the setting that holds the number: a member, or a member of a member ("spurs.h2") */
    const char *dot = strchr(n.key, '.');
    if (dot) {
        char *first = xasprintf("%.*s", (int)(dot - n.key), n.key);
        const config_setting_t *mid = config_setting_get_member(s, first);
        if (mid && config_setting_get_member(mid, dot + 1))
            s = config_setting_get_member(mid, dot + 1);
        free(first);
    } else if (config_setting_get_member(s, n.key)) {
        s = config_setting_get_member(s, n.key);
    }
    path = ld_sub(L, path, n.key);
    ld_err(L, s, path,
           "%s %g x %s %g makes %s %g EUR; expected each cost term below %g EUR and finite: check this number "
           "and its unit",
           n.name, n.v, o.name, o.v, what, total, LD_MAX_COST);
}

static Num num(double v, const char *name, EntKind kind, int index, const char *key)
{
    return (Num){v, name, kind, index, key};
}

/* The terms of technology k in period t for one build of capex_size (a line, a module) and
 * an installed om_size (all the plant's lines, a module); size_num is the number to blame
 * on the entity's side. */
static void check_tech_terms(Checker *C, int k, int t, double capex_size, double om_size, Num size_num,
                             const char *kind, const char *id)
{
    const Model *m = C->m;
    const Technology *tc = &m->techs[k];
    Loader *L = C->L;
    double cf = C->cf[(size_t)k * (size_t)m->nperiods + (size_t)t];
    const char *who = "";
    if (too_big(cf * tc->capex[t] * capex_size) || too_big(C->df[t] * tc->fixed_om[t] * om_size) ||
        too_big(C->df[t] * tc->var_om[t] * om_size))
        who = ld_keep(L, xasprintf("%s '%s'", kind, ld_q(L, id)));
    double capex = cf * tc->capex[t] * capex_size;
    if (too_big(capex))
        blame(C, capex, num(tc->capex[t], "capex", ENT_TECH, k, "capex"), size_num,
              ld_keep(L, xasprintf("the capex term of %s in %d (x capital factor %.3g)", who, m->years[t], cf)));
    double fixed = C->df[t] * tc->fixed_om[t] * om_size;
    if (too_big(fixed))
        blame(C, fixed, num(tc->fixed_om[t], "fixed_om", ENT_TECH, k, "fixed_om"), size_num,
              ld_keep(L, xasprintf("the fixed O&M term of %s in %d (x discount factor %.3g)", who, m->years[t],
                                   C->df[t])));
    double var = C->df[t] * tc->var_om[t] * om_size;
    if (too_big(var))
        blame(C, var, num(tc->var_om[t], "var_om", ENT_TECH, k, "var_om"), size_num,
              ld_keep(L, xasprintf("the variable O&M of a year at full output of %s in %d (x discount factor %.3g)",
                                   who, m->years[t], C->df[t])));
}

void ld_check_magnitudes(Loader *L)
{
    const Model *m = L->m;
    int T = m->nperiods;
    Checker C = {L, m, xcalloc((size_t)T, sizeof(double)), xcalloc((size_t)m->ntechs * (size_t)T + 1, sizeof(double)),
                 NULL, 0};
    size_t most = 1;
    for (int k = 0; k < ENT_KINDS; k++)
        if ((size_t)L->norigin[k] > most)
            most = (size_t)L->norigin[k];
    C.said_stride = most;
    C.said = xcalloc(ENT_KINDS * most * F_NFIELDS, 1);
    for (int t = 0; t < T; t++)
        C.df[t] = model_period_factor(m, t);
    for (int k = 0; k < m->ntechs; k++)
        for (int t = 0; t < T; t++)
            C.cf[(size_t)k * (size_t)T + (size_t)t] = model_capital_factor(m, t, m->techs[k].lifetime);
    double *spur_cf = xcalloc((size_t)m->ncommodities * (size_t)T + 1, sizeof(double));
    for (int c = 0; c < m->ncommodities; c++)
        for (int t = 0; t < T && m->commodities[c].network; t++)
            spur_cf[(size_t)c * (size_t)T + (size_t)t] = model_capital_factor(m, t, m->commodities[c].spur_lifetime);
    size_t mark = ld_mark(L);

    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        /* capex per line; O&M over all the plant's lines */
        for (int r = 0; r < pl->nroutes; r++)
            for (int t = 0; t < T; t++)
                check_tech_terms(&C, pl->routes[r], t, pl->unit_capacity, pl->unit_capacity * pl->units,
                                 num(pl->unit_capacity, "unit_capacity", ENT_PLANT, p, "unit_capacity"), "plant",
                                 pl->id);
        for (int c = 0; c < m->ncommodities; c++) {
            const Commodity *cm = &m->commodities[c];
            if (!cm->network || pl->spur_km[c] < 0)
                continue;
            for (int t = 0; t < T; t++) {
                double v = pl->spur_km[c] * cm->spur_cost * spur_cf[(size_t)c * (size_t)T + (size_t)t];
                if (too_big(v))
                    blame(&C, v, num(pl->spur_km[c], "spur km", ENT_PLANT, p,
                                     ld_keep(L, xasprintf("spurs.%s", cm->id))),
                          num(cm->spur_cost, "spur_cost", ENT_COMMODITY, c, "network.spur_cost"),
                          ld_keep(L, xasprintf("the spur term of plant '%s' for '%s'", ld_q(L, pl->id), cm->id)));
            }
        }
        ld_release(L, mark);
    }

    for (int i = 0; i < m->nassets; i++) {
        const Asset *a = &m->assets[i];
        for (int t = 0; t < T; t++)
            check_tech_terms(&C, a->tech, t, a->module, a->module, num(a->module, "module", ENT_ASSET, i, "module"),
                             "asset", a->id);
        ld_release(L, mark);
    }

    for (int k = 0; k < m->nmarkets; k++) {
        const Market *mk = &m->markets[k];
        double prof = 0.0;
        for (int s = 0; s < m->nslices; s++)
            if (fabs(mk->price_profile[s]) > prof || isnan(mk->price_profile[s]))
                prof = mk->price_profile[s];
        const char *who = ld_keep(L, xasprintf("market '%s'", ld_q(L, mk->id)));
        for (int t = 0; t < T; t++) {
            double unit = C.df[t] * mk->price[t] * prof;
            if (too_big(unit))
                blame(&C, unit, num(mk->price[t], "price", ENT_MARKET, k, "price"),
                      num(prof, "price_profile", ENT_MARKET, k, "price_profile"),
                      ld_keep(L, xasprintf("the cost of one unit at %s in %d (x discount factor %.3g)", who,
                                           m->years[t], C.df[t])));
            else if (mk->limit[t] >= 0 && !isfinite(unit * mk->limit[t]))
                blame(&C, unit * mk->limit[t], num(mk->price[t] * prof, "price", ENT_MARKET, k, "price"),
                      num(mk->limit[t], "limit", ENT_MARKET, k, "limit"),
                      ld_keep(L, xasprintf("the cost of the whole limit of %s in %d (x discount factor %.3g)", who,
                                           m->years[t], C.df[t])));
        }
        ld_release(L, mark);
    }

    /* carbon price: per tonne (the emissions are the model's to find) */
    for (int t = 0; t < T && m->policy.carbon_price; t++) {
        double v = C.df[t] * m->policy.carbon_price[t];
        if (!too_big(v))
            continue;
        const config_setting_t *s = NULL;
        for (int k = 0; k < L->src->n && !s; k++)
            if (L->src->ok[k]) {
                const config_setting_t *g = config_setting_get_member(config_root_setting(L->src->cfg[k]), "policy");
                s = g ? config_setting_get_member(g, "carbon_price") : NULL;
            }
        ld_err(L, s, "policy.carbon_price",
               "carbon price %g in %d x discount factor %.3g makes %g EUR per tonne; expected each cost term "
               "below %g EUR and finite: check this number and its unit",
               m->policy.carbon_price[t], m->years[t], C.df[t], v, LD_MAX_COST);
        break;
    }
    free(C.df);
    free(C.cf);
    free(C.said);
    free(spur_cf);
}
