/*
 * solve_explain.c — elastic mode (SPEC §4.7): every nonzero slack of a solve in words, with
 * a likely cause read from the data.
 *
 *   balance short     "hydrogen is short by 100 MWh in 2030: nothing can supply hydrogen in
 *                     2030 (electrolysis_pem is available from 2035)"; other causes: an import
 *                     market closed (limit 0) or at its limit, an asset at max_modules, a
 *                     process whose profile is 0 in that slice
 *   balance surplus   "co2 has a surplus of ... that nothing can take: co2 cannot be disposed
 *                     of and nothing takes it in 2025: the market co2_storage is closed then"
 *   cap, budget       "the CO2 cap of 2035 is missed by 1.2 Mt: no capture route is available
 *                     before 2040 (kiln_ccs)"; or the required production emits more than the
 *                     cap even on the cleanest routes operable then; or captured CO2 has
 *                     nowhere to go
 *   production        "plant X cannot make its required production in 2030: 0.5 Mt short: its
 *                     lines can make at most ... (1 existing line left; dri is available from
 *                     2035)"; or its routes need an input that is short
 * Amounts are in units per year of the period (the slice's share for slice balances; t over
 * the horizon for the budget), in t/kt/Mt or MWh/GWh/TWh where the unit allows.
 */
#include <limits.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "solve.h"
#include "xalloc.h"


/* "1.2 Mt", "30 GWh", "250 t", "12.5 units" */
static void fmt_amount(char *buf, size_t n, double v, const char *unit)
{
    static const struct {
        const char *unit;
        const char *k, *M, *G;
    } scaled[] = {{"t", "kt", "Mt", "Gt"}, {"tCO2", "ktCO2", "MtCO2", "GtCO2"}, {"MWh", "GWh", "TWh", "PWh"},
                  {"kWh", "MWh", "GWh", "TWh"}, {"GJ", "TJ", "PJ", "EJ"}};
    double a = fabs(v);
    for (size_t q = 0; q < sizeof scaled / sizeof scaled[0]; q++) {
        if (strcmp(unit, scaled[q].unit) != 0)
            continue;
        if (a >= 1e9)
            snprintf(buf, n, "%.3g %s", v / 1e9, scaled[q].G);
        else if (a >= 1e6)
            snprintf(buf, n, "%.3g %s", v / 1e6, scaled[q].M);
        else if (a >= 1e3)
            snprintf(buf, n, "%.3g %s", v / 1e3, scaled[q].k);
        else
            snprintf(buf, n, "%.3g %s", v, unit);
        return;
    }
    if (*unit)
        snprintf(buf, n, "%.4g %s", v, unit);
    else
        snprintf(buf, n, "%.4g units", v);
}

/* Can asset i have modules installed in period t (existing, or a build possible by then)? */
static bool asset_possible(const Build *B, int i, int t)
{
    if (model_existing_modules(B->m, i, t) > 0)
        return true;
    for (int t2 = 0; t2 <= t; t2++)
        if (B->mods[i * B->T + t2] && build_alive(B->m, t2, t, B->m->techs[B->m->assets[i].tech].lifetime))
            return true;
    return false;
}

/* Does commodity c have somewhere to go in period t (up to depth steps downstream)? */
static bool has_outlet(const Build *B, int c, int t, int depth)
{
    const Model *m = B->m;
    if (m->commodities[c].dispose)
        return true;
    for (int k = 0; k < m->nmarkets; k++)
        if (m->markets[k].commodity == c && m->markets[k].direction == MKT_EXPORT && m->markets[k].limit[t] != 0.0)
            return true;
    for (int d = 0; d < m->ndemands; d++)
        if (m->demands[d].commodity == c && m->demands[d].amount[t] > 0)
            return true;
    for (int p = 0; p < m->nplants; p++)
        for (int r = 0; r < m->plants[p].nroutes; r++)
            if (B->x[(B->route_off[p] + r) * B->T + t] && build_flow_coef(&m->techs[m->plants[p].routes[r]], c) < 0)
                return true;
    if (depth <= 0)
        return false;
    for (int i = 0; i < m->nassets; i++) {
        const Technology *tc = &m->techs[m->assets[i].tech];
        if (tc->kind != TECH_PROCESS || !asset_possible(B, i, t) || build_flow_coef(tc, c) >= 0)
            continue;
        bool all = true;
        for (int j = 0; j < tc->noutputs; j++)
            if (m->commodities[tc->outputs[j].commodity].balance != BAL_NONE &&
                !has_outlet(B, tc->outputs[j].commodity, t, depth - 1))
                all = false;
        if (all)
            return true;
    }
    return false;
}

/* An export market of c or of what c becomes that is closed in t: its id, or NULL. */
static const char *closed_market(const Build *B, int c, int t, int depth)
{
    const Model *m = B->m;
    for (int k = 0; k < m->nmarkets; k++)
        if (m->markets[k].commodity == c && m->markets[k].direction == MKT_EXPORT && m->markets[k].limit[t] == 0.0)
            return m->markets[k].id;
    if (depth <= 0)
        return NULL;
    for (int i = 0; i < m->nassets; i++) {
        const Technology *tc = &m->techs[m->assets[i].tech];
        if (tc->kind != TECH_PROCESS || build_flow_coef(tc, c) >= 0)
            continue;
        for (int j = 0; j < tc->noutputs; j++) {
            const char *id = closed_market(B, tc->outputs[j].commodity, t, depth - 1);
            if (id)
                return id;
        }
    }
    return NULL;
}

/* Why is the cap of period t missed? NULL when the data do not tell. */
static char *cause_cap(const Build *B, int t)
{
    const Model *m = B->m;
    int year = m->years[t];
    /* lower bound of the plants' emissions on their cleanest operable routes */
    double least = 0.0;
    bool bound = true;
    for (int i = 0; i < m->nassets && bound; i++)
        if (build_net_factor(&m->techs[m->assets[i].tech]) < 0)
            bound = false;
    for (int p = 0; p < m->nplants && bound; p++) {
        const Plant *pl = &m->plants[p];
        double best = INFINITY;
        for (int r = 0; r < pl->nroutes; r++)
            if (B->x[(B->route_off[p] + r) * B->T + t]) {
                double e = build_net_factor(&m->techs[pl->routes[r]]);
                if (e < best)
                    best = e;
            }
        if (isfinite(best))
            least += best * pl->production[t];
    }
    /* capture: earliest route or process that captures, and where captured CO2 can go */
    int first = INT_MAX;
    const char *first_id = NULL;
    int sink_less = -1;
    for (int p = 0; p < m->nplants; p++)
        for (int r = 0; r < m->plants[p].nroutes; r++) {
            const Technology *tc = &m->techs[m->plants[p].routes[r]];
            if (tc->capture_commodity < 0 || tc->capture_rate <= 0)
                continue;
            int from = m->plants[p].buildable[r] ? tc->available_from : 0;
            if (from < first) {
                first = from;
                first_id = tc->id;
            }
            if (from <= year && !has_outlet(B, tc->capture_commodity, t, 2))
                sink_less = tc->capture_commodity;
        }
    for (int i = 0; i < m->nassets; i++) {
        const Technology *tc = &m->techs[m->assets[i].tech];
        if (tc->capture_commodity < 0 || tc->capture_rate <= 0)
            continue;
        if (tc->available_from < first) {
            first = tc->available_from;
            first_id = tc->id;
        }
    }
    char amt[64];
    fmt_amount(amt, sizeof amt, least, "t");
    if (bound && least > B->cap[t] * (1 + 1e-9) + 1e-6) {
        if (first_id && first > year)
            return xasprintf("even on the cleanest routes operable in %d the required production emits %s a year, "
                             "and no capture route is available before %d (%s)",
                             year, amt, first, first_id);
        return xasprintf("even on the cleanest routes operable in %d the required production emits at least %s a "
                         "year", year, amt);
    }
    if (!first_id)
        return xasprintf("no route or process of the cluster captures CO2");
    if (first > year)
        return xasprintf("no capture route is available before %d (%s)", first, first_id);
    if (sink_less >= 0) {
        const char *closed = closed_market(B, sink_less, t, 2);
        if (closed)
            return xasprintf("captured CO2 (%s) has nowhere to go in %d: the market %s is closed then (limit 0)",
                             m->commodities[sink_less].id, year, closed);
        return xasprintf("captured CO2 (%s) has nowhere to go in %d", m->commodities[sink_less].id, year);
    }
    return NULL;
}

/* Why is commodity c short in (t, s)? */
static char *cause_short(const Build *B, const Solution *s, int c, int t, int sl)
{
    const Model *m = B->m;
    int T = B->T, S = B->S, year = m->years[t];
    bool slice = m->commodities[c].balance == BAL_SLICE;
    int suppliers = 0;
    const char *closed = NULL, *later = NULL, *dark = NULL, *at_limit = NULL, *at_max = NULL;
    int later_year = INT_MAX;
    for (int k = 0; k < m->nmarkets; k++) {
        const Market *mk = &m->markets[k];
        if (mk->commodity != c || mk->direction != MKT_IMPORT)
            continue;
        if (mk->limit[t] == 0.0) {
            closed = mk->id;
            continue;
        }
        suppliers++;
        double tot = 0.0;
        for (int q = 0; q < (slice ? S : 1); q++)
            tot += s->market_flow[(k * T + t) * S + q];
        if (mk->limit[t] > 0 && tot >= mk->limit[t] * (1 - 1e-6))
            at_limit = mk->id;
    }
    for (int p = 0; p < m->nplants; p++)
        for (int r = 0; r < m->plants[p].nroutes; r++) {
            const Technology *tc = &m->techs[m->plants[p].routes[r]];
            if (build_flow_coef(tc, c) <= 0 && !(tc->product == c))
                continue;
            if (B->x[(B->route_off[p] + r) * T + t])
                suppliers++;
            else if (tc->available_from > year && tc->available_from < later_year) {
                later_year = tc->available_from;
                later = tc->id;
            }
        }
    for (int i = 0; i < m->nassets; i++) {
        const Asset *as = &m->assets[i];
        const Technology *tc = &m->techs[as->tech];
        bool makes = tc->kind == TECH_STORAGE ? tc->stores == c : build_flow_coef(tc, c) > 0;
        if (!makes)
            continue;
        if (!asset_possible(B, i, t)) {
            if (tc->available_from > year && tc->available_from < later_year) {
                later_year = tc->available_from;
                later = tc->id;
            }
            continue;
        }
        if (tc->kind == TECH_PROCESS && slice && tc->profile && tc->profile[sl] == 0.0) {
            dark = as->id;
            continue;
        }
        suppliers++;
        if (as->max_modules >= 0 && s->asset_installed[i * T + t] >= as->max_modules)
            at_max = as->id;
    }
    if (suppliers == 0) {
        char extra[512] = "";
        if (later)
            snprintf(extra, sizeof extra, " (%s is available from %d)", later, later_year);
        else if (closed)
            snprintf(extra, sizeof extra, " (the market %s is closed then: limit 0)", closed);
        else if (dark)
            snprintf(extra, sizeof extra, " (%s makes nothing in %s: its profile is 0)", dark, m->slices[sl].name);
        return xasprintf("nothing can supply %s in %d%s%s%s", m->commodities[c].id, year, slice ? " " : "",
                         slice ? m->slices[sl].name : "", extra);
    }
    if (at_limit)
        return xasprintf("the import market %s is at its limit", at_limit);
    if (at_max)
        return xasprintf("%s is at its max_modules", at_max);
    return NULL;
}

static char *cause_surplus(const Build *B, int c, int t)
{
    const Model *m = B->m;
    if (has_outlet(B, c, t, 2))
        return xasprintf("%s cannot be disposed of (dispose = false) and what takes it is not enough",
                         m->commodities[c].id);
    const char *closed = closed_market(B, c, t, 2);
    if (closed)
        return xasprintf("%s cannot be disposed of and nothing takes it in %d: the market %s is closed then (limit 0)",
                         m->commodities[c].id, m->years[t], closed);
    return xasprintf("%s cannot be disposed of (dispose = false) and nothing takes it in %d", m->commodities[c].id,
                     m->years[t]);
}

static char *cause_production(const Build *B, const Solution *s, int p, int t)
{
    const Model *m = B->m;
    const Plant *pl = &m->plants[p];
    int T = B->T, year = m->years[t];
    /* what the operable lines can make, best routes first */
    int left = pl->units;
    double most = 0.0;
    int *cap = xcalloc((size_t)pl->nroutes, sizeof *cap);
    for (int r = 0; r < pl->nroutes; r++)
        cap[r] = B->x[(B->route_off[p] + r) * T + t] ? build_route_lines(B, p, r, t) : 0;
    while (left > 0) {
        int best = -1;
        for (int r = 0; r < pl->nroutes; r++)
            if (cap[r] > 0 && (best < 0 || m->techs[pl->routes[r]].availability >
                                               m->techs[pl->routes[best]].availability))
                best = r;
        if (best < 0)
            break;
        int l = cap[best] < left ? cap[best] : left;
        most += l * m->techs[pl->routes[best]].availability * pl->unit_capacity;
        left -= l;
        cap[best] = 0;
    }
    free(cap);
    const char *unit = m->commodities[pl->product].unit;
    if (most < pl->production[t] * (1 - 1e-9)) {
        char amt[64];
        fmt_amount(amt, sizeof amt, most, unit);
        int later = INT_MAX;
        const char *later_id = NULL;
        for (int r = 0; r < pl->nroutes; r++) {
            const Technology *tc = &m->techs[pl->routes[r]];
            if (pl->buildable[r] && tc->available_from > year && tc->available_from < later) {
                later = tc->available_from;
                later_id = tc->id;
            }
        }
        int E = model_existing_lines(m, p, t);
        if (later_id)
            return xasprintf("its lines can make at most %s a year then (%d existing line%s left; %s is available "
                             "from %d)",
                             amt, E, E == 1 ? "" : "s", later_id, later);
        return xasprintf("its lines can make at most %s a year then (%d existing line%s left)", amt, E,
                         E == 1 ? "" : "s");
    }
    /* an input its routes need that is short in the same period */
    for (int k = 0; k < s->nviolations; k++) {
        const Violation *vi = &s->violations[k];
        if (vi->kind != VIO_BALANCE_SHORT || vi->period != t)
            continue;
        for (int r = 0; r < pl->nroutes; r++)
            if (B->x[(B->route_off[p] + r) * T + t] &&
                build_flow_coef(&m->techs[pl->routes[r]], vi->commodity) < 0)
                return xasprintf("its routes need %s, which is short in %d", m->commodities[vi->commodity].id, year);
    }
    for (int k = 0; k < s->nviolations; k++)
        if (s->violations[k].kind == VIO_CAP && s->violations[k].period == t)
            return xasprintf("making it would break the CO2 cap of %d further", year);
    return NULL;
}

static void add_violation(Solution *s, Violation v, char *sentence, char *cause)
{
    s->violations = xrealloc(s->violations, (size_t)(s->nviolations + 1) * sizeof *s->violations);
    v.text = cause ? xasprintf("%s: %s", sentence, cause) : sentence;
    if (cause) {
        free(sentence);
        free(cause);
    }
    s->violations[s->nviolations++] = v;
}

/* Violations in a fixed order: balances (short, surplus), caps, budget, production (whose
 * causes may point at the balances). */
void solve_explain(const Build *B, Solution *s, const double *v)
{
    const Model *m = B->m;
    int T = B->T, S = B->S;
    char amt[64];
    const double tol = 1e-6;
    for (int c = 0; c < B->C; c++) {
        const Commodity *cm = &m->commodities[c];
        bool slice = cm->balance == BAL_SLICE;
        for (int t = 0; t < T; t++)
            for (int sl = 0; sl < (slice ? S : 1); sl++) {
                int idx = build_bal_index(B, c, t, sl);
                int js = B->short_col[idx], ju = B->surplus_col[idx];
                char when[160];
                if (slice)
                    snprintf(when, sizeof when, "%d %s", m->years[t], m->slices[sl].name);
                else
                    snprintf(when, sizeof when, "%d", m->years[t]);
                if (js && v[js] > tol) {
                    fmt_amount(amt, sizeof amt, v[js], cm->unit);
                    add_violation(s, (Violation){VIO_BALANCE_SHORT, t, slice ? sl : -1, c, -1, v[js], NULL},
                                  xasprintf("%s is short by %s in %s", cm->id, amt, when),
                                  cause_short(B, s, c, t, sl));
                }
                if (ju && v[ju] > tol) {
                    fmt_amount(amt, sizeof amt, v[ju], cm->unit);
                    add_violation(s, (Violation){VIO_BALANCE_SURPLUS, t, slice ? sl : -1, c, -1, v[ju], NULL},
                                  xasprintf("%s has a surplus of %s in %s that nothing can take", cm->id, amt, when),
                                  cause_surplus(B, c, t));
                }
            }
    }
    for (int t = 0; t < T; t++) {
        int j = B->cap_slack[t];
        if (j && v[j] > tol) {
            fmt_amount(amt, sizeof amt, v[j], "t");
            add_violation(s, (Violation){VIO_CAP, t, -1, -1, -1, v[j], NULL},
                          xasprintf("the CO2 cap of %d is missed by %s", m->years[t], amt), cause_cap(B, t));
        }
    }
    if (B->budget_slack && v[B->budget_slack] > tol) {
        double x = v[B->budget_slack];
        fmt_amount(amt, sizeof amt, x, "t");
        char *cause = NULL;
        for (int t = 0; t < T && !cause; t++)
            cause = cause_cap(B, t);
        add_violation(s, (Violation){VIO_BUDGET, -1, -1, -1, -1, x, NULL},
                      xasprintf("the CO2 budget is missed by %s", amt), cause);
    }
    for (int p = 0; p < m->nplants; p++)
        for (int t = 0; t < T; t++) {
            int j = B->prod_short[p * T + t];
            if (j && v[j] > tol) {
                fmt_amount(amt, sizeof amt, v[j], m->commodities[m->plants[p].product].unit);
                add_violation(s, (Violation){VIO_PRODUCTION, t, -1, -1, p, v[j], NULL},
                              xasprintf("plant %s cannot make its required production in %d: %s short",
                                        m->plants[p].id, m->years[t], amt),
                              cause_production(B, s, p, t));
            }
        }
}
