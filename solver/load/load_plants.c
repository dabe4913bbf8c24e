/*
 * load_plants.c — the sections plants and infrastructure (SPEC §3.5, §3.6).
 * The readers and the rules of messages are in load_int.h.
 */
#include "load_int.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Does any route the plant can run use or make commodity c (inputs, outputs, capture, product)? */
static int route_touching(const Model *m, const Plant *pl, int c)
{
    for (int r = 0; r < pl->nroutes; r++) {
        const Technology *tc = &m->techs[pl->routes[r]];
        if (ld_has_flow(tc->inputs, tc->ninputs, c) || ld_has_flow(tc->outputs, tc->noutputs, c) ||
            tc->capture_commodity == c || tc->product == c)
            return r;
    }
    return -1;
}

/* Candidate routes (`routes`): technologies of kind route making the plant's product.
 * *routes_ok is false when the list itself is broken (then committed routes are not checked
 * against it). Returns false when the plant is invalid. */
static bool plant_routes(Loader *L, const config_setting_t *g, const char *p, Plant *pl, bool *routes_okp)
{
    Model *m = L->m;
    bool ok = true, routes_ok = true;
    const config_setting_t *rs = config_setting_get_member(g, "routes");
    const char *pr = ld_sub(L, p, "routes");
    int nr = rs ? config_setting_length(rs) : 0;
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
        const char *pe = ld_subi(L, pr, r);
        if (config_setting_type(e) != CONFIG_TYPE_STRING) {
            ld_err(L, e, pe, "expected a route technology pl->id (a string), found %s", ld_type_name(e));
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
                m->commodities[tc->product].id, pl->id, m->commodities[pl->product].id);
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
    *routes_okp = routes_ok;
    return ok;
}

/* Existing lines (`existing = { route; units; retire; }`): the route joins the plant's routes
 * (not buildable unless also a candidate). Returns false when the plant is invalid. */
static bool plant_existing(Loader *L, const config_setting_t *g, const char *p, Plant *pl)
{
    Model *m = L->m;
    bool ok = true;
    const config_setting_t *ex = config_setting_get_member(g, "existing");
    if (ex) {
        const char *pe = ld_sub(L, p, "existing");
        if (ld_expect_group(L, ex, pe)) {
            static const char *const ekeys[] = {"route", "units", "retire", NULL};
            ld_check_keys(L, ex, pe, ekeys);
            int k = ld_get_ref(L, ex, pe, "route", true, REF_TECH);
            int eu = ld_get_int(L, ex, pe, "units", true, 0, 1, 100000);
            if (pl->units > 0 && eu > pl->units) {
                const char *pu = ld_sub(L, pe, "units");
                ld_err(L, config_setting_get_member(ex, "units"), pu,
                    "%d existing lines but the plant has %d units; expected at most %d", eu, pl->units, pl->units);
                ok = false;
            }
            if (k >= 0 && m->techs[k].kind != TECH_ROUTE) {
                const char *pu = ld_sub(L, pe, "route");
                ld_err(L, config_setting_get_member(ex, "route"), pu, "'%s' is not a route", m->techs[k].id);
                k = -1;
            }
            if (k >= 0 && pl->product >= 0 && m->techs[k].product >= 0 && m->techs[k].product != pl->product) {
                const char *pu = ld_sub(L, pe, "route");
                ld_err(L, config_setting_get_member(ex, "route"), pu, "route '%s' makes '%s' but plant '%s' makes '%s'",
                    m->techs[k].id, m->commodities[m->techs[k].product].id, pl->id, m->commodities[pl->product].id);
                k = -1;
            }
            if (k < 0 || eu <= 0)
                ok = false;
            /* retire: one year per existing line (a single number: all lines that year) */
            const config_setting_t *rt = config_setting_get_member(ex, "retire");
            const char *prt = ld_sub(L, pe, "retire");
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
                            const char *pu = ld_subi(L, prt, u);
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
    return ok;
}

/* Spur distances (`spurs = { COMMODITY = KM; }`): one for every network commodity a route
 * uses or makes. Returns false when the plant is invalid. */
static bool plant_spurs(Loader *L, const config_setting_t *g, const char *p, Plant *pl)
{
    Model *m = L->m;
    bool ok = true;
    pl->spur_km = xcalloc((size_t)m->ncommodities + 1, sizeof *pl->spur_km);
    for (int c = 0; c < m->ncommodities; c++)
        pl->spur_km[c] = -1.0;
    const config_setting_t *sp = config_setting_get_member(g, "spurs");
    const char *psp = ld_sub(L, p, "spurs");
    if (sp && ld_expect_group(L, sp, psp)) {
        for (int j = 0; j < config_setting_length(sp); j++) {
            const config_setting_t *e = config_setting_get_elem(sp, (unsigned)j);
            const char *pe = ld_sub(L, psp, config_setting_name(e));
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
    return ok;
}

/* Committed projects (`committed = ( { route; units; year; } )`). Returns false when the
 * plant is invalid. */
static bool plant_committed(Loader *L, const config_setting_t *g, const char *p, Plant *pl, bool routes_ok)
{
    Model *m = L->m;
    bool ok = true;
    const config_setting_t *cm = config_setting_get_member(g, "committed");
    const char *pcm = ld_sub(L, p, "committed");
    if (cm && ld_expect_list(L, cm, pcm, "{ route; units; year; }")) {
        int nc = config_setting_length(cm);
        pl->committed = xcalloc((size_t)nc, sizeof *pl->committed);
        for (int j = 0; j < nc; j++) {
            const config_setting_t *e = config_setting_get_elem(cm, (unsigned)j);
            const char *pe = ld_subi(L, pcm, j);
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
                const char *pu = ld_sub(L, pe, "route");
                ld_err(L, config_setting_get_member(e, "route"), pu,
                    "committed route '%s' is not one of the plant's candidate routes; add it to 'routes'",
                    m->techs[k].id);
            }
            int t = (L->T && year > 0) ? model_period_of_year(m, year) : -1;
            if (L->T && year > 0 && t < 0) {
                const char *pu = ld_sub(L, pe, "year");
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
    return ok;
}

/* The required production within what the lines can make, in every period. */
static void plant_production_fits(Loader *L, const config_setting_t *g, const char *p, const Plant *pl)
{
    const Model *m = L->m;
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
            const char *pp = ld_sub(L, p, "production");
            ld_err(L, ps, pp,
                "%g required in %d but the plant's lines can make at most %g a year (units x unit_capacity "
                "x availability)", pl->production[t], m->years[t], best);
            break;
        }
    }
}

void ld_plants(Loader *L)
{
    Model *m = L->m;
    int n;
    ListItem *it = ld_top_list(L, "plants", "{ id; product; units; unit_capacity; routes; production; }", &n);
    m->plants = xcalloc((size_t)n, sizeof *m->plants);
    static const char *const keys[] = {"id", "name", "sector", "product", "units", "unit_capacity", "routes",
                                       "existing", "production", "spurs", "ets", "committed", NULL};
    size_t mark = ld_mark(L);
    for (int i = 0; i < n; i++) {
        ld_release(L, mark);
        const config_setting_t *g = it[i].elem;
        const char *p = it[i].path;
        char *id = ld_entity_id(L, g, p, keys, ENT_PLANT, "plant", m->nplants);
        if (!id)
            continue;
        Plant *pl = &m->plants[m->nplants++];
        ld_origin(L, ENT_PLANT, g, p);
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

        bool routes_ok = true;
        ok &= plant_routes(L, g, p, pl, &routes_ok);
        ok &= plant_existing(L, g, p, pl);
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

        ok &= plant_spurs(L, g, p, pl);
        ok &= plant_committed(L, g, p, pl, routes_ok);
        if (ok && L->T)
            plant_production_fits(L, g, p, pl);
    }
    ld_release(L, mark);
    ld_free_list(it, n);
}

/* `counts` of asset g: a group { WHAT = NUMBER_PER_MODULE; ... } of numbers > 0 (what one
 * module is: 50 dwellings, 1 bus, 10 ha), into a; false after a message. */
static bool asset_counts(Loader *L, const config_setting_t *g, const char *path, Asset *a)
{
    const config_setting_t *c = config_setting_get_member(g, "counts");
    if (!c)
        return true;
    const char *pc = ld_sub(L, path, "counts");
    if (!config_setting_is_group(c)) {
        ld_err(L, c, pc, "expected a group { WHAT = NUMBER_PER_MODULE; ... } (e.g. counts = { dwellings = 50.0; }), "
               "found %s", ld_type_name(c));
        return false;
    }
    int n = config_setting_length(c);
    a->count_what = xcalloc((size_t)n + 1, sizeof *a->count_what);
    a->count_per = xcalloc((size_t)n + 1, sizeof *a->count_per);
    bool ok = true;
    for (int k = 0; k < n; k++) {
        const config_setting_t *e = config_setting_get_elem(c, (unsigned)k);
        const char *pe = ld_sub(L, pc, config_setting_name(e));
        double v;
        if (!ld_num_value(L, e, pe, LD_POS, &v)) {
            ok = false;
            continue;
        }
        a->count_what[a->ncounts] = xstrdup(config_setting_name(e));
        a->count_per[a->ncounts++] = v;
    }
    return ok;
}

void ld_infrastructure(Loader *L)
{
    Model *m = L->m;
    int n;
    ListItem *it = ld_top_list(L, "infrastructure", "{ id; technology; module; }", &n);
    m->assets = xcalloc((size_t)n, sizeof *m->assets);
    static const char *const keys[] = {"id", "name", "technology", "module", "existing", "retire", "max_modules",
                                       "ets", "counts", NULL};
    size_t mark = ld_mark(L);
    for (int i = 0; i < n; i++) {
        ld_release(L, mark);
        const config_setting_t *g = it[i].elem;
        const char *p = it[i].path;
        char *id = ld_entity_id(L, g, p, keys, ENT_ASSET, "asset", m->nassets);
        if (!id)
            continue;
        Asset a = {0};
        a.id = id;
        a.loc = ld_where(L, g);
        const char *name = ld_get_str(L, g, p, "name", false, "a string");
        a.name = xstrdup(name ? name : id);
        a.tech = ld_get_ref(L, g, p, "technology", true, REF_TECH);
        if (a.tech >= 0 && m->techs[a.tech].kind == TECH_ROUTE) {
            const char *pt = ld_sub(L, p, "technology");
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
            const char *pm = ld_sub(L, p, "max_modules");
            ld_err(L, config_setting_get_member(g, "max_modules"), pm,
                "max_modules %d is below the %d existing modules; it counts existing modules too", a.max_modules,
                a.existing);
        }
        bool counts_ok = asset_counts(L, g, p, &a);
        if (a.tech < 0 || isnan(a.module) || !counts_ok) {
            model_asset_clear(&a);
            continue;
        }
        m->assets[m->nassets++] = a;
        ld_origin(L, ENT_ASSET, g, p);
    }
    ld_release(L, mark);
    ld_free_list(it, n);
}

