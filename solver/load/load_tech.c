/*
 * load_tech.c — the sections commodities and technologies (SPEC §3.2, §3.3).
 * The readers and the rules of messages are in load_int.h.
 */
#include "load_int.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ld_commodities(Loader *L)
{
    Model *m = L->m;
    int n;
    ListItem *it = ld_top_list(L, "commodities", "{ id; unit; balance; }", &n);
    m->commodities = xcalloc((size_t)n, sizeof *m->commodities);
    static const char *const keys[] = {"id", "unit", "balance", "dispose", "network", NULL};
    size_t mark = ld_mark(L);
    for (int i = 0; i < n; i++) {
        ld_release(L, mark);
        const config_setting_t *g = it[i].elem;
        const char *p = it[i].path;
        char *id = ld_entity_id(L, g, p, keys, ENT_COMMODITY, "commodity", m->ncommodities);
        if (!id)
            continue;
        Commodity *c = &m->commodities[m->ncommodities++];
        ld_origin(L, ENT_COMMODITY, g, p);
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
                const char *pb = ld_sub(L, p, "balance");
                ld_err(L, config_setting_get_member(g, "balance"), pb,
                    "expected \"slice\", \"annual\" or \"none\", found \"%s\"", ld_q(L, bal));
            }
        }
        c->dispose = ld_get_bool(L, g, p, "dispose", false);
        const config_setting_t *net = config_setting_get_member(g, "network");
        if (net) {
            const char *pn = ld_sub(L, p, "network");
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
    ld_release(L, mark);
    ld_free_list(it, n);
}

static void load_flows(Loader *L, const config_setting_t *g, const char *path, const char *key,
                       Flow **out, int *nout)
{
    const config_setting_t *s = config_setting_get_member(g, key);
    *out = NULL;
    *nout = 0;
    if (!s)
        return;
    const char *p = ld_sub(L, path, key);
    if (!ld_expect_group(L, s, p))
        return;
    int n = config_setting_length(s);
    *out = xcalloc((size_t)n, sizeof **out);
    for (int i = 0; i < n; i++) {
        const config_setting_t *e = config_setting_get_elem(s, (unsigned)i);
        const char *pe = ld_sub(L, p, config_setting_name(e));
        int c = ld_resolve(L, e, pe, config_setting_name(e), REF_COMMODITY);
        double v;
        if (!ld_num_value(L, e, pe, LD_NONNEG, &v) || c < 0)
            continue;
        (*out)[(*nout)++] = (Flow){c, v};
    }
}

/* `growth` of a process: a list of at least one number in [0, 1000], the capacity multiplier
 * of a module in each year of its age (age 0 = the year it is built), not all 0 (a multiplier
 * above 1000 is a unit mistake, and 1e308 would reach GLPK as an infinite coefficient). NULL
 * when absent or wrong (after the messages). */
static const Range GROWTH_RANGE = {0.0, 1000.0, false, false, false};

static double *load_growth(Loader *L, const config_setting_t *g, const char *path, int *n_out)
{
    const config_setting_t *s = config_setting_get_member(g, "growth");
    *n_out = 0;
    if (!s)
        return NULL;
    const char *p = ld_sub(L, path, "growth");
    if (!(config_setting_is_list(s) || config_setting_is_array(s))) {
        ld_err(L, s, p, "expected a list of numbers in [0, 1000] (the capacity multiplier of a module in each year "
               "of its age, from the year it is built), found %s", ld_type_name(s));
        return NULL;
    }
    int n = config_setting_length(s);
    if (n == 0) {
        ld_err(L, s, p, "expected at least one number (the capacity multiplier in the year a module is built), "
               "found an empty list");
        return NULL;
    }
    double *v = xcalloc((size_t)n, sizeof *v);
    bool ok = true, any = false;
    for (int i = 0; i < n; i++) {
        const char *pi = ld_subi(L, p, i);
        if (!ld_num_value(L, config_setting_get_elem(s, (unsigned)i), pi, GROWTH_RANGE, &v[i]))
            ok = false;
        else
            any = any || v[i] > 0;
    }
    if (ok && !any) {
        ld_err(L, s, p, "every value is 0: a module would never have any capacity; give the multiplier of each "
               "year of age (1 = the capacity of `module`)");
        ok = false;
    }
    if (!ok) {
        free(v);
        return NULL;
    }
    *n_out = n;
    return v;
}

bool ld_has_flow(const Flow *f, int n, int c)
{
    for (int i = 0; i < n; i++)
        if (f[i].commodity == c)
            return true;
    return false;
}

void ld_technologies(Loader *L)
{
    Model *m = L->m;
    int n;
    ListItem *it = ld_top_list(L, "technologies", "{ id; kind; ... }", &n);
    m->techs = xcalloc((size_t)n, sizeof *m->techs);
    static const char *const keys[] = {
        "id", "name", "sector", "kind", "available_from", "lifetime", "capex", "fixed_om", "var_om",
        "inputs", "outputs", "emissions", "capture", "availability", "jobs", "construction_jobs", "gva", "grant_share",
        "source", "product", "profile", "growth", "stores", "efficiency_in", "efficiency_out", "power_ratio",
        NULL};
    size_t mark = ld_mark(L);
    for (int i = 0; i < n; i++) {
        ld_release(L, mark);
        const config_setting_t *g = it[i].elem;
        const char *p = it[i].path;
        char *id = ld_entity_id(L, g, p, keys, ENT_TECH, "technology", m->ntechs);
        if (!id)
            continue;
        Technology *tc = &m->techs[m->ntechs++];
        ld_origin(L, ENT_TECH, g, p);
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
                const char *pk = ld_sub(L, p, "kind");
                ld_err(L, config_setting_get_member(g, "kind"), pk,
                    "expected \"route\", \"process\" or \"storage\", found \"%s\"", ld_q(L, kind));
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
                const char *pi, *pc;
                pi = ld_sub(L, p, "inputs");
                pc = ld_sub(L, pi, c->id);
                ld_err(L, config_setting_get_member(config_setting_get_member(g, "inputs"), c->id), pc,
                    "'%s' has balance \"none\" (a product delivered outside the cluster) and cannot be an input; "
                    "give it balance \"annual\" or \"slice\" to use it inside the cluster", c->id);
            }
        }
        const config_setting_t *em = config_setting_get_member(g, "emissions");
        if (em) {
            const char *pe = ld_sub(L, p, "emissions");
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
            const char *pc = ld_sub(L, p, "capture");
            if (ld_expect_group(L, cap, pc)) {
                static const char *const ckeys[] = {"rate", "commodity", NULL};
                ld_check_keys(L, cap, pc, ckeys);
                tc->capture_rate = ld_get_num(L, cap, pc, "rate", true, 0.0, LD_RATE);
                tc->capture_commodity = ld_get_ref(L, cap, pc, "commodity", true, REF_COMMODITY);
                if (tc->capture_commodity >= 0 && m->commodities[tc->capture_commodity].balance == BAL_NONE) {
                    const char *pcc = ld_sub(L, pc, "commodity");
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
        tc->grant_share = ld_get_num(L, g, p, "grant_share", false, 0.0, LD_SHARE0);
        const char *src = ld_get_str(L, g, p, "source", true, "a string naming where the numbers come from");
        tc->source = xstrdup(src ? src : "");
        if (src && !*src) {
            const char *ps = ld_sub(L, p, "source");
            ld_err(L, config_setting_get_member(g, "source"), ps, "is empty; say where the numbers come from");
        }

        /* kind-specific fields */
        const char *only[][2] = {{"product", "route"}, {"profile", "process"}, {"growth", "process"},
                                 {"stores", "storage"},
                                 {"efficiency_in", "storage"}, {"efficiency_out", "storage"},
                                 {"power_ratio", "storage"}};
        for (size_t j = 0; j < sizeof only / sizeof only[0]; j++) {
            const config_setting_t *s = config_setting_get_member(g, only[j][0]);
            if (s && k >= 0 && strcmp(kind, only[j][1]) != 0) {
                const char *ps = ld_sub(L, p, only[j][0]);
                ld_err(L, s, ps, "'%s' applies to technologies of kind \"%s\" only; this one is \"%s\"", only[j][0],
                    only[j][1], kind);
            }
        }
        if (k == TECH_ROUTE) {
            tc->product = ld_get_ref(L, g, p, "product", true, REF_COMMODITY);
            if (tc->product >= 0 && (ld_has_flow(tc->outputs, tc->noutputs, tc->product) ||
                                     ld_has_flow(tc->inputs, tc->ninputs, tc->product))) {
                const char *pp = ld_sub(L, p, "product");
                ld_err(L, config_setting_get_member(g, "product"), pp,
                    "the product '%s' must not also be listed in inputs or outputs (one unit of activity makes "
                    "one unit of product)", m->commodities[tc->product].id);
            }
        } else if (k == TECH_PROCESS) {
            tc->profile = ld_get_slices(L, g, p, "profile", LD_SHARE0);
            tc->growth = load_growth(L, g, p, &tc->ngrowth);
        } else if (k == TECH_STORAGE) {
            tc->stores = ld_get_ref(L, g, p, "stores", true, REF_COMMODITY);
            if (tc->stores >= 0 && m->commodities[tc->stores].balance != BAL_SLICE) {
                const char *ps = ld_sub(L, p, "stores");
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
    ld_release(L, mark);
    ld_free_list(it, n);
}

