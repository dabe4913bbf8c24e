/*
 * load_market.c — the sections markets and demands (SPEC §3.4).
 * The readers and the rules of messages are in load_int.h.
 */
#include "load_int.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ld_markets(Loader *L)
{
    Model *m = L->m;
    int n;
    ListItem *it = ld_top_list(L, "markets", "{ commodity; direction; price; }", &n);
    m->markets = xcalloc((size_t)n, sizeof *m->markets);
    static const char *const keys[] = {"id", "commodity", "direction", "price", "price_profile", "limit", "co2",
                                       "co2_scope", NULL};
    size_t mark = ld_mark(L);
    for (int i = 0; i < n; i++) {
        ld_release(L, mark);
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
                const char *pd = ld_sub(L, p, "direction");
                ld_err(L, config_setting_get_member(g, "direction"), pd, "expected \"import\" or \"export\", found \"%s\"",
                    ld_q(L, dir));
            }
        }
        char *id = NULL;
        if (config_setting_get_member(g, "id"))
            id = ld_get_id(L, g, p, "id", false);
        if (!id && c >= 0 && d >= 0) {
            id = xasprintf("%s_%s", d == MKT_IMPORT ? "imp" : "exp", m->commodities[c].id);
        }
        if (id && ld_dup_id(L, ENT_MARKET, g, p, "market (give each market of a commodity and direction an 'id')", id, m->nmarkets)) {
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
        /* co2 per period (SPEC §3.4): a scalar, one value per period, or (year, value) pairs */
        mk.co2_t = ld_get_periods(L, g, p, "co2", false, LD_NONNEG);
        mk.co2_scope = ld_get_int(L, g, p, "co2_scope", false, 2, 2, 3);
        if (config_setting_get_member(g, "co2_scope") && d == MKT_EXPORT) {
            const char *pc = ld_sub(L, p, "co2_scope");
            ld_err(L, config_setting_get_member(g, "co2_scope"), pc,
                "'co2_scope' (2 = bought energy, 3 = embedded in bought materials) applies to imports only");
        }
        if (c >= 0 && m->commodities[c].balance == BAL_NONE)
            ld_err(L, g, p, "'%s' has balance \"none\": it is delivered outside the cluster and has no market here",
                m->commodities[c].id);
        if (config_setting_get_member(g, "co2") && d == MKT_EXPORT) {
            const char *pc = ld_sub(L, p, "co2");
            ld_err(L, config_setting_get_member(g, "co2"), pc,
                "'co2' (t CO2e per unit bought, scope 2 or 3) applies to imports only");
        }
        if (config_setting_get_member(g, "price_profile") && c >= 0 && m->commodities[c].balance != BAL_SLICE) {
            const char *pc = ld_sub(L, p, "price_profile");
            ld_err(L, config_setting_get_member(g, "price_profile"), pc,
                "a price profile applies to commodities balanced per slice only");
        }
        bool ok = id && c >= 0 && d >= 0 && mk.price && L->T && L->S;
        if (!ok) {
            free(mk.id);
            free(mk.price);
            free(mk.price_profile);
            free(mk.limit);
            free(mk.co2_t);
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
        if (!mk.co2_t)
            mk.co2_t = xcalloc((size_t)L->T, sizeof(double));
        for (int t = 0; t < L->T; t++)
            mk.co2 = mk.co2_t[t] > mk.co2 ? mk.co2_t[t] : mk.co2;
        m->markets[m->nmarkets++] = mk;
        ld_origin(L, ENT_MARKET, g, p);
    }
    ld_release(L, mark);
    ld_free_list(it, n);
}

void ld_demands(Loader *L)
{
    Model *m = L->m;
    int n;
    ListItem *it = ld_top_list(L, "demands", "{ commodity; amount; }", &n);
    m->demands = xcalloc((size_t)n, sizeof *m->demands);
    static const char *const keys[] = {"id", "commodity", "amount", "profile", NULL};
    size_t mark = ld_mark(L);
    for (int i = 0; i < n; i++) {
        ld_release(L, mark);
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
            id = xasprintf("dem_%s_%d", m->commodities[c].id, i);
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
            const char *pp = ld_sub(L, p, "profile");
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
    ld_release(L, mark);
    ld_free_list(it, n);
}

/* Does any route the plant can run use or make commodity c (inputs, outputs, capture, product)? */
