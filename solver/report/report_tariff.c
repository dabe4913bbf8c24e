/*
 * report_tariff.c — heat_tariff.csv: a fair price for network heat (issue 17). For every heat
 * network (a commodity with a `network` and a `slice` balance that something uses) and every
 * period, what the network costs, what one MWh must sell for to recover it, and how the bill
 * is split between households and industry under the acceptance rule of docs/reports.md:
 *
 *   cost of the network in period t (EUR/yr, undiscounted, as costs.csv's annual figures):
 *     capex annuities CRF(rho, l) x capex x module x modules built, for every build of a
 *       supplying asset still alive (existing modules are sunk: no annuity), + the annuities
 *       of the spurs of that commodity still alive;
 *     fixed O&M on installed modules, variable O&M on activity (storage: on discharge);
 *     energy the suppliers buy, at its marginal price (prices.csv) slice by slice; the part
 *       bought as a disposable by-product (excess heat) is "waste heat", the industrial
 *       suppliers' fuel;
 *     carbon price x net scope 1 of the suppliers that pay it;
 *   minus revenues: exports of the commodity x export price.
 *   supplying assets: processes with the commodity among their outputs, storages of it.
 *   industrial suppliers: those that take a by-product (an input with dispose = true).
 *   delivered: demands + plant and asset inputs of the commodity + exports; residential =
 *     demands and assets of sector "urban", industrial = the rest.
 *   average price = net cost / delivered.
 *   gas alternative: the levelised cost of heat of the technology `home_gas_boiler` (else
 *     `dh_gas_boiler`): CRF x capex / availability + fixed O&M / availability + var O&M +
 *     inputs at their marginal prices + carbon price x net emissions per MWh.
 *   rule: households pay min(average, gas alternative); industry pays the rest per MWh;
 *     what industry cannot carry (no industrial users) is the deficit.
 */
#include <math.h>
#include <string.h>

#include "build.h"
#include "csv_row.h"
#include "report_int.h"

/* The heat networks: slice commodities with a network and a user. */
static bool is_network(const Model *m, int c)
{
    const Commodity *cm = &m->commodities[c];
    if (!cm->network || cm->balance != BAL_SLICE)
        return false;
    for (int d = 0; d < m->ndemands; d++)
        if (m->demands[d].commodity == c)
            return true;
    for (int i = 0; i < m->nassets; i++) {
        const Technology *tc = &m->techs[m->assets[i].tech];
        for (int k = 0; k < tc->ninputs; k++)
            if (tc->inputs[k].commodity == c)
                return true;
    }
    return false;
}

bool report_tariff_applies(const Model *m)
{
    for (int c = 0; c < m->ncommodities; c++)
        if (is_network(m, c))
            return true;
    return false;
}

static double price_at(const Solution *s, int c, int t, int sl)
{
    double p = s->price ? s->price[sol_cts(s, c, t, sl)] : NAN;
    return isfinite(p) ? p : 0.0;
}

/* The marginal price of commodity c in period t averaged over the year (slice shares). */
static double price_year(const Model *m, const Solution *s, int c, int t)
{
    if (m->commodities[c].balance != BAL_SLICE)
        return price_at(s, c, t, 0);
    double v = 0.0;
    for (int sl = 0; sl < m->nslices; sl++)
        v += m->slices[sl].share * price_at(s, c, t, sl);
    return v;
}

/* Annuity per year in period t of builds of lifetime l made in earlier periods:
 * sum over t' <= t still alive of CRF x unit_cost[t'] x amount[t']. */
static double annuities(const Model *m, int t, int lifetime, const double *unit_cost, const double *amount)
{
    double crf = model_crf(m->discount_rate, lifetime), a = 0.0;
    for (int u = 0; u <= t; u++)
        if (amount[u] > 0.0 && m->years[u] + lifetime > m->years[t])
            a += crf * unit_cost[u] * amount[u];
    return a;
}

static double gas_alternative(const Model *m, const Solution *s, int t)
{
    int k = model_tech(m, "home_gas_boiler");
    if (k < 0)
        k = model_tech(m, "dh_gas_boiler");
    if (k < 0)
        return NAN;
    const Technology *tc = &m->techs[k];
    double v = (model_crf(m->discount_rate, tc->lifetime) * tc->capex[t] + tc->fixed_om[t]) / tc->availability +
               tc->var_om[t];
    for (int j = 0; j < tc->ninputs; j++)
        v += tc->inputs[j].amount * price_year(m, s, tc->inputs[j].commodity, t);
    if (m->policy.carbon_price)
        v += m->policy.carbon_price[t] * build_net_factor(tc);
    return v;
}

typedef struct {
    double delivered, residential, industrial;
    double capex, om, energy, waste_heat, carbon, spurs, revenues;
    double industrial_supply;
} Tariff;

static void asset_costs(const Model *m, const Solution *s, int c, int t, int i, Tariff *r)
{
    const Asset *as = &m->assets[i];
    const Technology *tc = &m->techs[as->tech];
    bool supplies = tc->kind == TECH_STORAGE ? tc->stores == c : false;
    for (int k = 0; k < tc->noutputs && !supplies; k++)
        supplies = tc->outputs[k].commodity == c;
    if (!supplies)
        return;
    const double *built = s->asset_built + (size_t)i * s->T;
    double capex = annuities(m, t, tc->lifetime, tc->capex, built) * as->module;
    double om = tc->fixed_om[t] * as->module * s->asset_installed[i * s->T + t];
    double energy = 0.0, waste = 0.0;
    bool industrial = false;
    for (int sl = 0; sl < m->nslices; sl++) {
        int k = sol_its(s, i, t, sl);
        if (tc->kind == TECH_STORAGE) {
            om += tc->var_om[t] * s->discharge[k];
            continue;
        }
        double a = s->activity[k];
        om += tc->var_om[t] * a;
        for (int j = 0; j < tc->ninputs; j++) {
            int q = tc->inputs[j].commodity;
            double v = tc->inputs[j].amount * a * price_at(s, q, t, m->commodities[q].balance == BAL_SLICE ? sl : 0);
            if (m->commodities[q].dispose)
                waste += v;
            else
                energy += v;
        }
    }
    for (int j = 0; j < tc->ninputs; j++)
        industrial |= m->commodities[tc->inputs[j].commodity].dispose;
    double carbon = as->ets && m->policy.carbon_price ? m->policy.carbon_price[t] * s->asset_net_scope1[i * s->T + t] : 0.0;
    r->capex += capex;
    r->om += om;
    r->energy += energy;
    r->waste_heat += waste;
    r->carbon += carbon;
    if (industrial)
        r->industrial_supply += capex + om + energy + waste + carbon;
}

static Tariff tariff(const Model *m, const Solution *s, int c, int t)
{
    Tariff r = {0};
    for (int d = 0; d < m->ndemands; d++)
        if (m->demands[d].commodity == c)
            r.residential += m->demands[d].amount[t];
    for (int i = 0; i < m->nassets; i++) {
        const Technology *tc = &m->techs[m->assets[i].tech];
        double a = 0.0;
        for (int sl = 0; sl < m->nslices; sl++)
            a += tc->kind == TECH_STORAGE ? 0.0 : s->activity[sol_its(s, i, t, sl)];
        for (int k = 0; k < tc->ninputs; k++)
            if (tc->inputs[k].commodity == c) {
                if (strcmp(tc->sector, "urban") == 0)
                    r.residential += tc->inputs[k].amount * a;
                else
                    r.industrial += tc->inputs[k].amount * a;
            }
        asset_costs(m, s, c, t, i, &r);
    }
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        for (int q = 0; q < pl->nroutes; q++) {
            const Technology *tc = &m->techs[pl->routes[q]];
            double x = s->production[sol_pr(s, p, q, t)];
            for (int k = 0; k < tc->ninputs; k++)
                if (tc->inputs[k].commodity == c)
                    r.industrial += tc->inputs[k].amount * x;
        }
        int tb = s->spur_period[p * s->C + c];
        const Commodity *cm = &m->commodities[c];
        if (tb >= 0 && tb <= t && pl->spur_km[c] > 0.0 && m->years[tb] + cm->spur_lifetime > m->years[t])
            r.spurs += model_crf(m->discount_rate, cm->spur_lifetime) * pl->spur_km[c] * cm->spur_cost;
    }
    for (int k = 0; k < m->nmarkets; k++) {
        const Market *mk = &m->markets[k];
        if (mk->commodity != c || mk->direction != MKT_EXPORT)
            continue;
        for (int sl = 0; sl < m->nslices; sl++) {
            double q = s->market_flow[(k * s->T + t) * s->S + sl];
            r.industrial += q;
            r.revenues += q * mk->price[t] * mk->price_profile[sl];
        }
    }
    r.delivered = r.residential + r.industrial;
    return r;
}

/* A row of the tariff: the network's costs and what each user pays under the rule */
typedef struct {
    Tariff r;
    double net, avg, alt, hh, ind, deficit;
} TariffRow;

static TariffRow tariff_row(const Model *m, const Solution *s, int c, int t)
{
    TariffRow w = {.r = tariff(m, s, c, t), .ind = NAN};
    const Tariff *r = &w.r;
    w.net = r->capex + r->om + r->energy + r->waste_heat + r->carbon + r->spurs - r->revenues;
    w.avg = r->delivered > 0.0 ? w.net / r->delivered : NAN;
    w.alt = gas_alternative(m, s, t);
    w.hh = isfinite(w.alt) && isfinite(w.avg) ? fmin(w.avg, w.alt) : w.avg;
    if (r->industrial > 0.0)
        w.ind = (w.net - (isfinite(w.hh) ? w.hh : 0.0) * r->residential) / r->industrial;
    else if (isfinite(w.hh))
        w.deficit = w.net - w.hh * r->residential;
    return w;
}

/* "yes", "no", or "" when either price is missing */
static const char *passes(const TariffRow *w)
{
    return !isfinite(w->alt) || !isfinite(w->avg) ? "" : w->avg <= w->alt ? "yes" : "no";
}

void report_heat_tariff_csv(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    fputs("period,network,delivered_mwh,residential_mwh,industrial_mwh,capex_annuity_eur,om_eur,energy_eur,"
          "waste_heat_eur,carbon_eur,spurs_eur,revenues_eur,net_cost_eur,average_price,industrial_supply_cost_eur,"
          "industrial_supply_share,gas_alternative_price,household_price,industry_price,deficit_eur,"
          "average_passes_test\n",
          f);
    for (int c = 0; c < m->ncommodities; c++) {
        if (!is_network(m, c))
            continue;
        for (int t = 0; t < m->nperiods; t++) {
            TariffRow w = tariff_row(m, s, c, t);
            const Tariff *r = &w.r;
            fprintf(f, "%d,", m->years[t]);
            csv_text(f, m->commodities[c].id, false);
            const double v[] = {r->delivered, r->residential, r->industrial, r->capex,     r->om,
                                r->energy,    r->waste_heat,  r->carbon,     r->spurs,     r->revenues,
                                w.net,        w.avg,          r->industrial_supply,
                                w.net != 0.0 ? r->industrial_supply / w.net : NAN,
                                w.alt,        w.hh,           w.ind,         w.deficit};
            for (size_t k = 0; k < sizeof v / sizeof v[0]; k++)
                csv_num(f, v[k], false);
            csv_text(f, passes(&w), true);
        }
    }
}

/* a price cell: two decimals, or a dash when there is none */
static void price_cell(FILE *f, double v)
{
    if (isfinite(v))
        fprintf(f, "<td>%.2f</td>", v + 0.0);
    else
        fputs("<td>&ndash;</td>", f);
}

void report_heat_tariff_html(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    fputs("<h2>The price of network heat</h2>\n<div class=\"wide\">\n<table>\n<tr><th>network</th><th>period</th>"
          "<th>delivered<br>MWh/yr</th><th>cost-recovering<br>average<br>EUR/MWh</th><th>household gas<br>"
          "alternative<br>EUR/MWh</th><th>households<br>pay<br>EUR/MWh</th><th>industry<br>pays<br>EUR/MWh</th>"
          "<th>deficit<br>EUR/yr</th><th>average passes<br>the acceptance test</th></tr>\n",
          f);
    for (int c = 0; c < m->ncommodities; c++) {
        if (!is_network(m, c))
            continue;
        char name[96];
        svg_readable(name, sizeof name, m->commodities[c].id);
        for (int t = 0; t < m->nperiods; t++) {
            TariffRow w = tariff_row(m, s, c, t);
            fputs("<tr><td>", f);
            svg_escape(f, name);
            fprintf(f, "</td><td>%d</td>", m->years[t]);
            report_html_num_cell(f, w.r.delivered);
            price_cell(f, w.avg);
            price_cell(f, w.alt);
            price_cell(f, w.hh);
            price_cell(f, w.ind);
            report_html_num_cell(f, w.deficit);
            fprintf(f, "<td>%s</td></tr>\n", *passes(&w) ? passes(&w) : "&ndash;");
        }
    }
    fputs("</table>\n</div>\n<p class=\"note\">The average price at which selling every MWh delivered pays the "
          "network's costs in the period (annuities of what was built for it, O&amp;M, the energy and the waste "
          "heat its suppliers buy, their carbon, spurs, less export revenues; existing assets are sunk and the "
          "distribution network is not counted, so it is a floor). The rule: industrial suppliers recover their "
          "waste-heat cost in full, households never pay more than their gas-boiler alternative, industrial users "
          "pay the rest; what no industrial user can carry is the deficit. Every term: heat_tariff.csv.</p>\n",
          f);
}
