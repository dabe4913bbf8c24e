/*
 * load_frame.c — the sections cluster, horizon and timeslices (SPEC §3, §3.1).
 * The readers and the rules of messages are in load_int.h.
 */
#include "load_int.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

void ld_cluster(Loader *L)
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

void ld_horizon(Loader *L)
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
        const char *p = ld_subi(L, "horizon.periods", i);
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

void ld_timeslices(Loader *L)
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
        const char *p = ld_subi(L, "timeslices.days", g2);
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
                    const char *pn = ld_sub(L, p, "name");
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
        const char *psl = ld_sub(L, p, "slices");
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
            const char *pk = ld_subi(L, psl, k);
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
                    const char *pn = ld_sub(L, pk, "name");
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

