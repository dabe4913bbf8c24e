/*
 * load_uncertainty.c — the `uncertainty` section of an instance (tico mc, SPEC §7).
 *
 *   uncertainty = {
 *     samples = 1000;           # scenarios (optional; default 1000; --samples overrides)
 *     seed = 1;                 # integer >= 0 (optional; default 1; --seed overrides)
 *     parameters = (
 *       { id = "power_price"; kind = "price"; commodity = "grid_electricity";
 *         distribution = "lognormal"; mean = 1.0; sd = 0.25; source = "..."; },
 *       { id = "h2_capex"; kind = "capex"; technologies = ["electrolysis_aec", "electrolysis_pem"];
 *         distribution = "triangular"; low = 0.7; mode = 1.0; high = 1.5; },
 *       { id = "co2"; kind = "carbon_price"; distribution = "uniform"; low = 0.6; high = 1.6; } ); };
 *
 * Every parameter is a multiplier on base values of the instance, drawn once per scenario and
 * applied in every period:
 *   kind "price"         every market price (imports and exports) of `commodity` (or of each
 *                        of `commodities`); the commodity must have a market;
 *   kind "capex"         the capex of `technologies` (or `technology`): plant routes and assets;
 *   kind "carbon_price"  policy.carbon_price.
 * Distributions and what they take (no other number is allowed):
 *   "normal"      mean > 0, sd >= 0 with sd <= mean / 3 (below 0 in at most 0.14 % of
 *                 scenarios; tico mc sets such a draw to 0);
 *   "lognormal"   mean > 0, sd >= 0: the mean and sd of the multiplier itself;
 *   "uniform"     0 <= low <= high;
 *   "triangular"  0 <= low <= mode <= high.
 * A commodity (technology) may be in one price (capex) parameter only, and there is at most
 * one carbon_price parameter: two multipliers on one value would be ambiguous.
 *
 * Messages follow the loader's (load_int.h): FILE:LINE: PATH: what is wrong; what is expected;
 * the typed readers are the loader's own (load_int.h).
 */
#include "load_uncertainty.h"
#include "xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* A required number >= lo (> lo when open); NAN after a message when absent or wrong. */
static double get_num(Loader *X, const config_setting_t *grp, const char *path, const char *key, double lo, bool open)
{
    return ld_get_num(X, grp, path, key, true, NAN, (Range){lo, INFINITY, open, false, false});
}

/* One of the NULL-terminated words; its index, or -1 after a message. */
static int get_word(Loader *X, const config_setting_t *grp, const char *path, const char *key,
                    const char *const *words)
{
    const char *what = "one of:";
    for (int k = 0; words[k]; k++)
        what = ld_keep(X, xasprintf("%s%s %s", what, k ? "," : "", words[k]));
    const char *v = ld_get_str(X, grp, path, key, true, what);
    if (!v)
        return -1;
    const char *best = NULL;
    int bestd = diag_typo_limit(v) + 1;
    for (int k = 0; words[k]; k++) {
        if (strcmp(words[k], v) == 0)
            return k;
        int dd = diag_edit_distance(words[k], v);
        if (dd < bestd) {
            bestd = dd;
            best = words[k];
        }
    }
    const char *p = ld_sub(X, path, key);
    if (best)
        ld_err(X, config_setting_get_member(grp, key), p, "unknown %s '%s'; did you mean '%s'? (expected %s)", key, ld_q(X, v),
               best, what);
    else
        ld_err(X, config_setting_get_member(grp, key), p, "unknown %s '%s'; expected %s", key, ld_q(X, v), what);
    return -1;
}

/* The commodity or technology named by the string setting s; -1 after a message. */
static int resolve(Loader *X, const config_setting_t *s, const char *path, bool tech)
{
    if (config_setting_type(s) != CONFIG_TYPE_STRING) {
        ld_err(X, s, path, "expected the id of a %s (a string), found %s", tech ? "technology" : "commodity",
               ld_type_name(s));
        return -1;
    }
    return ld_resolve(X, s, path, config_setting_get_string(s), tech ? REF_TECH : REF_COMMODITY);
}

/* ---- one parameter ------------------------------------------------------------------ */

static const char *const KINDS[] = {"price", "capex", "carbon_price", NULL};
static const char *const DISTS[] = {"normal", "lognormal", "uniform", "triangular", NULL};

/* The targets of a price (commodities) or capex (technologies) parameter: `one` (a string) or
 * `many` (a list of strings), exactly one of them. Fills u->targets; false after a message. */
static bool read_targets(Loader *X, const config_setting_t *g, const char *path, UncParam *u, const char *one,
                         const char *many)
{
    bool tech = u->kind == UNC_CAPEX;
    const config_setting_t *s1 = config_setting_get_member(g, one), *sn = config_setting_get_member(g, many);
    const char *p;
    if (s1 && sn) {
        p = ld_sub(X, path, many);
        ld_err(X, sn, p, "give '%s' or '%s', not both", one, many);
        return false;
    }
    if (!s1 && !sn) {
        p = ld_sub(X, path, many);
        ld_err(X, g, p, "missing required setting '%s' (a list of %s ids) or '%s' (one id)", many,
            tech ? "technology" : "commodity", one);
        return false;
    }
    if (s1) {
        p = ld_sub(X, path, one);
        int k = resolve(X, s1, p, tech);
        if (k < 0)
            return false;
        u->targets = xmalloc(sizeof *u->targets);
        u->targets[u->ntargets++] = k;
    } else {
        p = ld_sub(X, path, many);
        if (!(config_setting_is_array(sn) || config_setting_is_list(sn)) || config_setting_length(sn) == 0) {
            ld_err(X, sn, p, "expected a non-empty list of %s ids like [\"a\", \"b\"], found %s",
                tech ? "technology" : "commodity", ld_type_name(sn));
            return false;
        }
        int n = config_setting_length(sn);
        u->targets = xcalloc((size_t)n, sizeof *u->targets);
        bool ok = true;
        for (int i = 0; i < n; i++) {
            const config_setting_t *e = config_setting_get_elem(sn, (unsigned)i);
            const char *pi = ld_subi(X, p, i);
            int k = resolve(X, e, pi, tech);
            if (k < 0) {
                ok = false;
                continue;
            }
            bool dup = false;
            for (int j = 0; j < u->ntargets; j++)
                dup |= u->targets[j] == k;
            if (dup) {
                ld_err(X, e, pi, "'%s' is listed twice", config_setting_get_string(e));
                ok = false;
                continue;
            }
            u->targets[u->ntargets++] = k;
        }
        if (!ok)
            return false;
    }
    if (!tech)
        for (int j = 0; j < u->ntargets; j++) {
            int c = u->targets[j];
            bool has = false;
            for (int k = 0; k < X->m->nmarkets; k++)
                has |= X->m->markets[k].commodity == c;
            if (!has) {
                const char *pk = ld_sub(X, path, s1 ? one : many);
                p = sn ? ld_subi(X, pk, j) : pk;
                ld_err(X, s1 ? s1 : config_setting_get_elem(sn, (unsigned)j), p,
                    "commodity '%s' has no market; a price multiplier on it would change nothing (expected a "
                    "commodity with an import or export market)",
                    X->m->commodities[c].id);
                return false;
            }
        }
    return true;
}

/* The numbers of u's distribution; the numbers it does not take are errors. */
static bool read_distribution(Loader *X, const config_setting_t *g, const char *path, UncParam *u)
{
    static const char *const NUMS[] = {"mean", "sd", "low", "mode", "high", NULL};
    static const bool TAKES[4][5] = {
        {true, true, false, false, false},  /* normal */
        {true, true, false, false, false},  /* lognormal */
        {false, false, true, false, true},  /* uniform */
        {false, false, true, true, true},   /* triangular */
    };
    static const char *const TAKES_TEXT[4] = {"mean and sd", "mean and sd", "low and high", "low, mode and high"};
    bool ok = true;
    for (int k = 0; NUMS[k]; k++) {
        const config_setting_t *s = config_setting_get_member(g, NUMS[k]);
        if (s && !TAKES[u->dist][k]) {
            const char *p = ld_sub(X, path, NUMS[k]);
            ld_err(X, s, p, "'%s' is not a number of a %s distribution; it takes %s", NUMS[k], DISTS[u->dist],
                TAKES_TEXT[u->dist]);
            ok = false;
        }
    }
    const char *p;
    switch (u->dist) {
    case UNC_NORMAL:
    case UNC_LOGNORMAL:
        u->mean = get_num(X, g, path, "mean", 0.0, true);
        u->sd = get_num(X, g, path, "sd", 0.0, false);
        if (isnan(u->mean) || isnan(u->sd))
            return false;
        if (u->dist == UNC_NORMAL && u->sd > u->mean / 3.0) {
            p = ld_sub(X, path, "sd");
            ld_err(X, config_setting_get_member(g, "sd"), p,
                "a normal multiplier with mean %g and sd %g is below 0 in %.2g %% of scenarios; expected sd <= mean / 3 "
                "= %g, or a lognormal distribution (always positive)",
                u->mean, u->sd, 50.0 * erfc(u->mean / u->sd / sqrt(2.0)), u->mean / 3.0);
            return false;
        }
        break;
    case UNC_UNIFORM:
    case UNC_TRIANGULAR:
        u->low = get_num(X, g, path, "low", 0.0, false);
        u->high = get_num(X, g, path, "high", 0.0, false);
        u->mode = u->dist == UNC_TRIANGULAR ? get_num(X, g, path, "mode", 0.0, false) : u->low;
        if (isnan(u->low) || isnan(u->high) || isnan(u->mode))
            return false;
        if (u->high < u->low) {
            p = ld_sub(X, path, "high");
            ld_err(X, config_setting_get_member(g, "high"), p, "high %g is below low %g; expected low <= high", u->high,
                u->low);
            return false;
        }
        if (u->dist == UNC_TRIANGULAR && (u->mode < u->low || u->mode > u->high)) {
            p = ld_sub(X, path, "mode");
            ld_err(X, config_setting_get_member(g, "mode"), p, "mode %g is outside [low, high] = [%g, %g]; expected "
                "low <= mode <= high", u->mode, u->low, u->high);
            return false;
        }
        if (u->dist == UNC_UNIFORM)
            u->mode = NAN;
        break;
    }
    return ok;
}

/* Read parameter i into u; false (after messages) when it is not usable. */
static bool read_param(Loader *X, const config_setting_t *g, const char *path, UncParam *u)
{
    static const char *const KEYS[] = {"id", "kind", "commodity", "commodities", "technology", "technologies",
                                       "distribution", "mean", "sd", "low", "mode", "high", "source", NULL};
    if (!config_setting_is_group(g)) {
        ld_err(X, g, path, "expected a group { id; kind; distribution; ... }, found %s", ld_type_name(g));
        return false;
    }
    ld_check_keys(X, g, path, KEYS);
    u->loc = ld_where(X, g);
    bool ok = true;
    const char *id = ld_get_str(X, g, path, "id", true, "a string id");
    if (id) {
        bool valid = *id != '\0' && strlen(id) <= 64;
        for (const char *c = id; *c; c++)
            valid &= (*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') || (*c >= '0' && *c <= '9') || *c == '_';
        valid &= !(*id >= '0' && *id <= '9');
        if (!valid) {
            const char *p = ld_sub(X, path, "id");
            ld_err(X, config_setting_get_member(g, "id"), p,
                "'%s' is not a valid id; expected at most 64 letters, digits and '_', not starting with a digit", id);
            ok = false;
        } else {
            u->id = xstrdup(id);
        }
    } else {
        ok = false;
    }
    const char *src = ld_get_str(X, g, path, "source", false, "a string");
    u->source = xstrdup(src ? src : "");
    int kind = get_word(X, g, path, "kind", KINDS);
    int dist = get_word(X, g, path, "distribution", DISTS);
    if (kind >= 0) {
        u->kind = (UncKind)kind;
        /* the targets that belong to another kind */
        static const char *const PRICE_KEYS[] = {"commodity", "commodities", NULL};
        static const char *const CAPEX_KEYS[] = {"technology", "technologies", NULL};
        for (int pass = 0; pass < 2; pass++) {
            const char *const *keys = pass == 0 ? PRICE_KEYS : CAPEX_KEYS;
            if ((pass == 0 && u->kind == UNC_PRICE) || (pass == 1 && u->kind == UNC_CAPEX))
                continue;
            for (int k = 0; keys[k]; k++) {
                const config_setting_t *s = config_setting_get_member(g, keys[k]);
                if (!s)
                    continue;
                const char *p = ld_sub(X, path, keys[k]);
                ld_err(X, s, p, "'%s' belongs to a %s parameter; a %s parameter %s", keys[k],
                    pass == 0 ? "price" : "capex", KINDS[u->kind],
                    u->kind == UNC_PRICE ? "names its commodity" : u->kind == UNC_CAPEX ? "names its technologies"
                                                                                       : "scales policy.carbon_price");
                ok = false;
            }
        }
        if (u->kind == UNC_PRICE)
            ok &= read_targets(X, g, path, u, "commodity", "commodities");
        else if (u->kind == UNC_CAPEX)
            ok &= read_targets(X, g, path, u, "technology", "technologies");
    } else {
        ok = false;
    }
    if (dist >= 0) {
        u->dist = (UncDist)dist;
        ok &= read_distribution(X, g, path, u);
    } else {
        ok = false;
    }
    return ok;
}

static void free_param(UncParam *u)
{
    free(u->id);
    free(u->targets);
    free(u->source);
    memset(u, 0, sizeof *u);
}

/* ---- the section -------------------------------------------------------------------- */

void load_uncertainty(Loader *L)
{
    Loader *X = L;
    Model *m = L->m;
    Uncertainty *U = &m->uncertainty;
    U->seed = -1;
    const config_setting_t *g = ld_top_group(X, "uncertainty");
    if (!g)
        return;
    U->present = true;
    static const char *const KEYS[] = {"samples", "seed", "parameters", NULL};
    ld_check_keys(X, g, "uncertainty", KEYS);
    int n = ld_get_int(X, g, "uncertainty", "samples", false, 0, 1, 10000000);
    U->samples = n > 0 ? n : 0;
    int seed = ld_get_int(X, g, "uncertainty", "seed", false, -1, 0, INT32_MAX);
    U->seed = seed >= 0 ? seed : -1;

    const config_setting_t *ps = config_setting_get_member(g, "parameters");
    if (!ps) {
        ld_err(X, g, "uncertainty.parameters",
            "missing required setting 'parameters' (a list of { id; kind; distribution; ... })");
        return;
    }
    if (!(config_setting_is_list(ps) || (config_setting_is_array(ps) && config_setting_length(ps) == 0))) {
        ld_err(X, ps, "uncertainty.parameters", "expected a list ( { id; kind; distribution; ... }, ... ), found %s",
            ld_type_name(ps));
        return;
    }
    int np = config_setting_length(ps);
    if (np == 0) {
        ld_err(X, ps, "uncertainty.parameters", "expected at least one uncertain parameter");
        return;
    }
    U->params = xcalloc((size_t)np, sizeof *U->params);
    for (int i = 0; i < np; i++) {
        const config_setting_t *e = config_setting_get_elem(ps, (unsigned)i);
        const char *p = ld_subi(X, "uncertainty.parameters", i);
        UncParam u = {0};
        if (!read_param(X, e, p, &u)) {
            free_param(&u);
            continue;
        }
        /* one multiplier per value: ids, commodities, technologies and the carbon price */
        bool ok = true;
        for (int j = 0; j < U->nparams && ok; j++) {
            const UncParam *v = &U->params[j];
            const char *pd;
            if (strcmp(v->id, u.id) == 0) {
                pd = ld_sub(X, p, "id");
                ld_err(X, config_setting_get_member(e, "id"), pd, "duplicate parameter id '%s'; it is already used at "
                    "%s:%d", ld_q(X, u.id), v->loc.file, v->loc.line);
                ok = false;
                break;
            }
            if (v->kind != u.kind)
                continue;
            if (u.kind == UNC_CARBON) {
                pd = ld_sub(X, p, "kind");
                ld_err(X, config_setting_get_member(e, "kind"), pd, "a second carbon_price parameter; '%s' at %s:%d "
                    "already scales the carbon price (expected at most one)", v->id, v->loc.file, v->loc.line);
                ok = false;
                break;
            }
            for (int a = 0; a < u.ntargets && ok; a++)
                for (int b = 0; b < v->ntargets; b++)
                    if (u.targets[a] == v->targets[b]) {
                        bool tech = u.kind == UNC_CAPEX;
                        const char *key = tech ? (config_setting_get_member(e, "technology") ? "technology"
                                                                                             : "technologies")
                                               : (config_setting_get_member(e, "commodity") ? "commodity"
                                                                                            : "commodities");
                        pd = ld_sub(X, p, key);
                        ld_err(X, e, pd, "%s '%s' is already in %s parameter '%s' at %s:%d; a %s may have one "
                            "multiplier", tech ? "technology" : "commodity",
                            tech ? m->techs[u.targets[a]].id : m->commodities[u.targets[a]].id, KINDS[u.kind], v->id,
                            v->loc.file, v->loc.line, tech ? "capex" : "price");
                        ok = false;
                        break;
                    }
        }
        if (!ok) {
            free_param(&u);
            continue;
        }
        U->params[U->nparams++] = u;
    }
}
