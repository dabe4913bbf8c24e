/*
 * load_measures.c — the section `measures`: measures made of assets, for the measure MACC
 * (`tico macc --measures`; docs/instance.md "measures", docs/commands.md "Measures").
 *
 *   measures = (
 *     { id = "bus_diesel"; name = "3 diesel commuter buses";
 *       assets = { commute_buses_diesel = 3; };   # asset id = modules built from the start
 *       use = 1.0; }                             # share of their full use forced (default 1)
 *   );
 *
 * A plant measure needs no declaration (every buildable route is one); an asset measure
 * does, because its size (how many buses, hectares, dwellings) is the analyst's choice.
 * The assets must be process assets of `infrastructure`; modules >= 1 and, with the
 * asset's max_modules, existing + modules <= max_modules.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "load_int.h"
#include "xalloc.h"

/* Asset `id` (at path, setting s) or -1 after a message with the nearest asset id. */
static int measure_asset(Loader *L, const config_setting_t *s, const char *path, const char *id)
{
    const Model *m = L->m;
    int k = ld_find_id(L, ENT_ASSET, id);
    if (k >= 0)
        return k;
    const char *best = NULL;
    int bestd = diag_typo_limit(id) + 1;
    for (int i = 0; i < m->nassets; i++) {
        int dd = diag_edit_distance(m->assets[i].id, id);
        if (dd < bestd) {
            bestd = dd;
            best = m->assets[i].id;
        }
    }
    if (best)
        ld_err(L, s, path, "unknown asset '%s'; did you mean '%s'?", ld_q(L, id), best);
    else
        ld_err(L, s, path, "unknown asset '%s'; expected the id of an `infrastructure` entry", ld_q(L, id));
    return -1;
}

/* The group `assets` of measure g into ms; false after a message. */
static bool measure_assets(Loader *L, const config_setting_t *g, const char *p, AssetMeasure *ms)
{
    const Model *m = L->m;
    const config_setting_t *a = ld_member(L, g, p, "assets", true, "a group { ASSET_ID = MODULES; ... }");
    if (!a)
        return false;
    const char *pa = ld_sub(L, p, "assets");
    if (!ld_expect_group(L, a, pa))
        return false;
    int n = config_setting_length(a);
    if (n == 0) {
        ld_err(L, a, pa, "no asset; a measure needs at least one (ASSET_ID = MODULES)");
        return false;
    }
    ms->asset = xcalloc((size_t)n, sizeof *ms->asset);
    ms->modules = xcalloc((size_t)n, sizeof *ms->modules);
    bool ok = true;
    for (int k = 0; k < n; k++) {
        const config_setting_t *e = config_setting_get_elem(a, (unsigned)k);
        const char *id = config_setting_name(e);
        const char *pe = ld_sub(L, pa, id);
        int i = measure_asset(L, e, pe, id);
        if (i < 0) {
            ok = false;
            continue;
        }
        const Asset *as = &m->assets[i];
        if (m->techs[as->tech].kind != TECH_PROCESS) {
            ld_err(L, e, pe, "'%s' is a storage asset; a measure is made of process assets", id);
            ok = false;
            continue;
        }
        double v = ld_is_number(e) ? ld_number_of(e) : NAN;
        if (!(v >= 1.0 && v <= 1e6 && v == floor(v))) {
            ld_err(L, e, pe, "expected a whole number of modules >= 1");
            ok = false;
            continue;
        }
        int mods = (int)v;
        if (as->max_modules >= 0 && as->existing + mods > as->max_modules) {
            ld_err(L, e, pe, "%d modules and the %d existing are above the asset's max_modules %d", mods,
                   as->existing, as->max_modules);
            ok = false;
            continue;
        }
        ms->asset[ms->nassets] = i;
        ms->modules[ms->nassets++] = mods;
    }
    return ok;
}

void ld_measures(Loader *L)
{
    Model *m = L->m;
    int n;
    ListItem *it = ld_top_list(L, "measures", "{ id; assets = { ASSET_ID = MODULES; }; }", &n);
    m->measures = xcalloc((size_t)n + 1, sizeof *m->measures);
    static const char *const keys[] = {"id", "name", "assets", "use", NULL};
    size_t mark = ld_mark(L);
    for (int k = 0; k < n; k++) {
        ld_release(L, mark);
        const config_setting_t *g = it[k].elem;
        const char *p = it[k].path;
        char *id = ld_entity_id(L, g, p, keys, ENT_MEASURE, "measure", m->nmeasures);
        if (!id)
            continue;
        AssetMeasure ms = {0};
        ms.id = id;
        ms.loc = ld_where(L, g);
        const char *name = ld_get_str(L, g, p, "name", false, "a string");
        ms.name = xstrdup(name ? name : id);
        ms.use = ld_get_num(L, g, p, "use", false, 1.0, LD_SHARE0);
        if (!measure_assets(L, g, p, &ms) || isnan(ms.use)) {
            free(ms.id);
            free(ms.name);
            free(ms.asset);
            free(ms.modules);
            continue;
        }
        m->measures[m->nmeasures++] = ms;
        ld_origin(L, ENT_MEASURE, g, p);
    }
    ld_release(L, mark);
    ld_free_list(it, n);
}
