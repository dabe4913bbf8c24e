/*
 * load_policy.c — the sections policy, solver and economics (SPEC §3.7, §6.3).
 * The readers and the rules of messages are in load_int.h.
 */
#include "load_int.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ld_policy(Loader *L)
{
    Model *m = L->m;
    const config_setting_t *g = ld_top_group(L, "policy");
    m->policy.budget = -1.0;
    if (g) {
        static const char *const keys[] = {"carbon_price", "cap", "cap_scope", "cap_scope2", "budget", NULL};
        ld_check_keys(L, g, "policy", keys);
        m->policy.carbon_price = ld_get_periods(L, g, "policy", "carbon_price", false, LD_NONNEG);
        m->policy.cap = ld_get_periods(L, g, "policy", "cap", false, LD_NONNEG_OR_NONE);
        /* the scope of cap and budget (SPEC §3.7): "1", "1+2", "1+2+3"; the older
         * cap_scope2 = true means "1+2" */
        const config_setting_t *cs = config_setting_get_member(g, "cap_scope");
        const config_setting_t *c2 = config_setting_get_member(g, "cap_scope2");
        bool old = ld_get_bool(L, g, "policy", "cap_scope2", false);
        m->policy.cap_scope = old ? 2 : 1;
        if (cs) {
            const char *v = ld_get_str(L, g, "policy", "cap_scope", false, "\"1\", \"1+2\" or \"1+2+3\"");
            if (v) {
                if (strcmp(v, "1") == 0)
                    m->policy.cap_scope = 1;
                else if (strcmp(v, "1+2") == 0)
                    m->policy.cap_scope = 2;
                else if (strcmp(v, "1+2+3") == 0)
                    m->policy.cap_scope = 3;
                else
                    ld_err(L, cs, "policy.cap_scope", "expected \"1\", \"1+2\" or \"1+2+3\", found \"%s\"", v);
            }
            if (c2)
                ld_err(L, c2, "policy.cap_scope2",
                    "give the scope once: 'cap_scope' (\"1\", \"1+2\", \"1+2+3\") replaces the older 'cap_scope2'");
        }
        m->policy.cap_scope2 = m->policy.cap_scope >= 2;
        m->policy.budget = ld_get_num(L, g, "policy", "budget", false, -1.0, LD_NONNEG);
    }
    if (m->policy.cap_scope == 0)
        m->policy.cap_scope = 1;
    if (!m->policy.carbon_price && L->T)
        m->policy.carbon_price = xcalloc((size_t)L->T, sizeof(double));
}

void ld_solver(Loader *L)
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
    const char *p = ld_sub(L, path, key);
    ld_err(L, config_setting_get_member(g, key), p, "unknown sector '%s'; expected one of economics.sectors", ld_q(L, v));
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
        const char *p = ld_subi(L, path, i);
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
void ld_economics(Loader *L)
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
        const char *p = ld_subi(L, "economics.sectors", i);
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
                const char *p = ld_subi(L, "economics.A", i);
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
                    const char *p = ld_sub(L, "economics.domestic_share.energy", config_setting_name(x));
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

