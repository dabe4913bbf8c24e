/*
 * report_json.c — solution.json (SPEC §9): the whole solution, machine-readable.
 *
 * Top level, in this order: tico_version, instance, country, currency, input_sha256,
 * files [{path, sha256}], status, gap (proven), bound, gap_requested, total_cost, system_cost, carbon_cost (NPV EUR),
 * budget_price (EUR/t, base-year money; only with a budget), cap_scope ("1", "1+2" or "1+2+3":
 * the scope of cap and budget), model {rows, cols, integers,
 * nonzeros}, violations [{kind, year, slice, commodity, plant, amount, text}],
 * periods [{year, years, emissions_scope1, emissions_scope2 (bought energy), emissions_scope3
 *   (embedded in bought materials), captured, stored, cost_annual
 *   (EUR/yr, all components), cost_npv, carbon_price, cap, costs {component: {annual, npv}}}],
 * plants [{id, name, sector, periods [{year, routes {route: {lines, built, production}},
 *   pool, gross, captured, net_scope1}]}],
 * assets [{id, name, technology, counts_per_module {WHAT: number} (when the asset has counts),
 *          periods [{year, built, installed, activity, charge}]}],
 * spurs [{plant, commodity, km, year_built}], markets [{id, commodity, direction,
 *   co2_scope, periods [{year, flow, co2, scope2, scope3}]}], prices [{commodity, unit, periods [{year, slices
 *   {slice: price}}]}] (when duals were computed), cap_price [per period] (when a cap has a
 *   price). Numbers that are not available are null.
 */
#include <math.h>
#include <stdbool.h>

#include "json.h"
#include "report_int.h"
#include "tico.h"

static const char *violation_kind(ViolationKind k)
{
    switch (k) {
    case VIO_BALANCE_SHORT: return "balance_short";
    case VIO_BALANCE_SURPLUS: return "balance_surplus";
    case VIO_PRODUCTION: return "production";
    case VIO_CAP: return "cap";
    default: return "budget";
    }
}

static void header(JsonW *w, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    json_key_string(w, "tico_version", TICO_VERSION);
    json_key_string(w, "instance", m->name);
    json_key_string(w, "country", m->country);
    json_key_string(w, "currency", m->currency);
    json_key_string(w, "input_sha256", m->input_sha256);
    json_key(w, "files");
    json_begin_array(w);
    for (int k = 0; k < m->nfiles; k++) {
        json_begin_object(w);
        json_key_string(w, "path", m->files[k]);
        json_key_string(w, "sha256", m->file_sha256 ? m->file_sha256[k] : NULL);
        json_end_object(w);
    }
    json_end_array(w);
    json_key_string(w, "status", solution_status_name(s->status));
    json_key_number(w, "gap", s->gap);
    json_key_number(w, "bound", s->bound);
    json_key_number(w, "gap_requested", s->gap_requested);
    json_key_number(w, "total_cost", s->objective);
    json_key_number(w, "system_cost", s->system_cost);
    json_key_number(w, "carbon_cost", s->carbon_cost);
    if (m->policy.budget >= 0)
        json_key_number(w, "budget_price", s->budget_price);
    json_key_string(w, "cap_scope", model_scope_name(m->policy.cap_scope));
    json_key(w, "model");
    json_begin_object(w);
    json_key_int(w, "rows", s->rows);
    json_key_int(w, "cols", s->cols);
    json_key_int(w, "integers", s->integers);
    json_key_int(w, "nonzeros", s->nonzeros);
    json_end_object(w);
    json_key(w, "violations");
    json_begin_array(w);
    for (int k = 0; k < s->nviolations; k++) {
        const Violation *v = &s->violations[k];
        json_begin_object(w);
        json_key_string(w, "kind", violation_kind(v->kind));
        json_key_number(w, "year", v->period >= 0 ? m->years[v->period] : NAN);
        json_key_string(w, "slice", v->slice >= 0 ? m->slices[v->slice].name : NULL);
        json_key_string(w, "commodity", v->commodity >= 0 ? m->commodities[v->commodity].id : NULL);
        json_key_string(w, "plant", v->plant >= 0 ? m->plants[v->plant].id : NULL);
        json_key_number(w, "amount", v->amount);
        json_key_string(w, "text", v->text);
        json_end_object(w);
    }
    json_end_array(w);
}

static void periods(JsonW *w, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    json_key(w, "periods");
    json_begin_array(w);
    for (int t = 0; t < m->nperiods; t++) {
        double npv = 0.0;
        for (int c = 0; c < NCOSTS; c++)
            npv += s->cost_npv[c * s->T + t];
        json_begin_object(w);
        json_key_int(w, "year", m->years[t]);
        json_key_int(w, "years", m->length[t]);
        json_key_number(w, "emissions_scope1", s->emissions_scope1[t]);
        json_key_number(w, "emissions_scope2", s->emissions_scope2[t]);
        json_key_number(w, "emissions_scope3", s->emissions_scope3[t]);
        json_key_number(w, "captured", s->emissions_captured[t]);
        json_key_number(w, "stored", x->tic->p[t].stored);
        json_key_number(w, "cost_annual", report_cost_annual(s, t));
        json_key_number(w, "cost_npv", npv);
        json_key_number(w, "carbon_price", m->policy.carbon_price[t]);
        json_key_number(w, "cap", m->policy.cap && m->policy.cap[t] >= 0 ? m->policy.cap[t] : NAN);
        json_key(w, "costs");
        json_begin_object(w);
        for (int c = 0; c < NCOSTS; c++) {
            json_key(w, cost_component_name((CostComponent)c));
            json_begin_object(w);
            json_key_number(w, "annual", s->cost_annual[c * s->T + t]);
            json_key_number(w, "npv", s->cost_npv[c * s->T + t]);
            json_end_object(w);
        }
        json_end_object(w);
        json_end_object(w);
    }
    json_end_array(w);
}

static void plants(JsonW *w, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    json_key(w, "plants");
    json_begin_array(w);
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        json_begin_object(w);
        json_key_string(w, "id", pl->id);
        json_key_string(w, "name", pl->name);
        json_key_string(w, "sector", pl->sector);
        json_key(w, "periods");
        json_begin_array(w);
        for (int t = 0; t < m->nperiods; t++) {
            json_begin_object(w);
            json_key_int(w, "year", m->years[t]);
            json_key(w, "routes");
            json_begin_object(w);
            for (int r = 0; r < pl->nroutes; r++) {
                int k = sol_pr(s, p, r, t);
                json_key(w, m->techs[pl->routes[r]].id);
                json_begin_object(w);
                json_key_number(w, "lines", s->lines[k]);
                json_key_number(w, "built", s->built[k]);
                json_key_number(w, "production", s->production[k]);
                json_end_object(w);
            }
            json_end_object(w);
            int j = sol_pt(s, p, t);
            json_key_number(w, "pool", s->pool[j]);
            json_key_number(w, "gross", s->gross[j]);
            json_key_number(w, "captured", s->captured[j]);
            json_key_number(w, "net_scope1", s->net_scope1[j]);
            json_end_object(w);
        }
        json_end_array(w);
        json_end_object(w);
    }
    json_end_array(w);
}

static void assets(JsonW *w, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    json_key(w, "assets");
    json_begin_array(w);
    for (int i = 0; i < m->nassets; i++) {
        const Asset *a = &m->assets[i];
        const Technology *tc = &m->techs[a->tech];
        json_begin_object(w);
        json_key_string(w, "id", a->id);
        json_key_string(w, "name", a->name);
        json_key_string(w, "technology", tc->id);
        if (a->ncounts > 0) { /* what one module is (reports only); counts.csv multiplies them out */
            json_key(w, "counts_per_module");
            json_begin_object(w);
            for (int k = 0; k < a->ncounts; k++)
                json_key_number(w, a->count_what[k], a->count_per[k]);
            json_end_object(w);
        }
        json_key(w, "periods");
        json_begin_array(w);
        for (int t = 0; t < m->nperiods; t++) {
            double chg, act = tic_asset_activity(m, s, i, t, &chg);
            json_begin_object(w);
            json_key_int(w, "year", m->years[t]);
            json_key_number(w, "built", s->asset_built[i * s->T + t]);
            json_key_number(w, "installed", s->asset_installed[i * s->T + t]);
            json_key_number(w, "activity", act);
            if (tc->kind == TECH_STORAGE)
                json_key_number(w, "charge", chg);
            json_end_object(w);
        }
        json_end_array(w);
        json_end_object(w);
    }
    json_end_array(w);
}

static void spurs_markets(JsonW *w, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    json_key(w, "spurs");
    json_begin_array(w);
    for (int p = 0; p < m->nplants; p++)
        for (int c = 0; c < m->ncommodities; c++) {
            double km = m->plants[p].spur_km[c];
            if (!m->commodities[c].network || km < 0)
                continue;
            int t = s->spur_period[p * m->ncommodities + c];
            json_begin_object(w);
            json_key_string(w, "plant", m->plants[p].id);
            json_key_string(w, "commodity", m->commodities[c].id);
            json_key_number(w, "km", km);
            json_key_number(w, "year_built", t >= 0 ? m->years[t] : NAN);
            json_end_object(w);
        }
    json_end_array(w);
    json_key(w, "markets");
    json_begin_array(w);
    for (int k = 0; k < m->nmarkets; k++) {
        const Market *mk = &m->markets[k];
        json_begin_object(w);
        json_key_string(w, "id", mk->id);
        json_key_string(w, "commodity", m->commodities[mk->commodity].id);
        json_key_string(w, "direction", mk->direction == MKT_IMPORT ? "import" : "export");
        if (mk->direction == MKT_IMPORT)
            json_key_int(w, "co2_scope", mk->co2_scope);
        json_key(w, "periods");
        json_begin_array(w);
        for (int t = 0; t < m->nperiods; t++) {
            json_begin_object(w);
            json_key_int(w, "year", m->years[t]);
            json_key_number(w, "flow", tic_market_total(m, s, k, t));
            json_key_number(w, "co2", mk->direction == MKT_IMPORT ? mk->co2_t[t] : NAN);
            json_key_number(w, "scope2", s->market_scope2[k * s->T + t]);
            json_key_number(w, "scope3", s->market_scope3[k * s->T + t]);
            json_end_object(w);
        }
        json_end_array(w);
        json_end_object(w);
    }
    json_end_array(w);
}

static void prices(JsonW *w, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    if (s->duals) {
        json_key(w, "prices");
        json_begin_array(w);
        for (int c = 0; c < m->ncommodities; c++) {
            const Commodity *cm = &m->commodities[c];
            if (cm->balance == BAL_NONE)
                continue;
            json_begin_object(w);
            json_key_string(w, "commodity", cm->id);
            json_key_string(w, "unit", cm->unit);
            json_key(w, "periods");
            json_begin_array(w);
            for (int t = 0; t < m->nperiods; t++) {
                json_begin_object(w);
                json_key_int(w, "year", m->years[t]);
                json_key(w, "slices");
                json_begin_object(w);
                if (cm->balance == BAL_SLICE)
                    for (int sl = 0; sl < m->nslices; sl++)
                        json_key_number(w, m->slices[sl].name, s->price[sol_cts(s, c, t, sl)]);
                else
                    json_key_number(w, "annual", s->price[sol_cts(s, c, t, 0)]);
                json_end_object(w);
                json_end_object(w);
            }
            json_end_array(w);
            json_end_object(w);
        }
        json_end_array(w);
    }
    bool any = false;
    for (int t = 0; t < m->nperiods; t++)
        any |= isfinite(s->cap_price[t]);
    if (any) {
        json_key(w, "cap_price");
        json_begin_array(w);
        for (int t = 0; t < m->nperiods; t++)
            json_number(w, s->cap_price[t]);
        json_end_array(w);
    }
}

int report_solution_json(FILE *f, const ReportCtx *x)
{
    JsonW w;
    json_init(&w, f);
    json_begin_object(&w);
    header(&w, x);
    periods(&w, x);
    plants(&w, x);
    assets(&w, x);
    spurs_markets(&w, x);
    prices(&w, x);
    json_end_object(&w);
    return json_finish(&w);
}
