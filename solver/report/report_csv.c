/*
 * report_csv.c — the CSV reports of a solve (SPEC §6), and the flow table they and the
 * charts share.
 *
 * Every file: a header row, comma-separated, '.' decimal, numbers as out_num() writes them
 * (an empty field where a value is not available), ids quoted only when needed. Rows come
 * in the Model's order (periods, then plants, assets, markets, demands, in input order).
 *
 * Flow table (flows.csv, signed: + supplied to the cluster, - used):
 *   plant p, route r, production x:  inputs -a x, by-product outputs +a x, captured CO2
 *       +rate (fossil + process + biogenic) x into the capture commodity, pool surplus +pool
 *       into the product's balance (a product without a balance: +production), each flat
 *       over the year (share phi_s of the annual flow in slice s);
 *   process asset: activity a[s]: -inputs, +outputs, +captured, per slice;
 *   storage asset: +discharge - charge of the stored commodity, per slice;
 *   market: +imports, -exports;   demand: -amount x profile_s.
 * With a balance per (period, slice, commodity), the amounts of a row group add up to 0
 * (>= 0 for a commodity with dispose = true: the difference is written as entity "disposed").
 */
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "out.h"
#include "report_int.h"
#include "xalloc.h"

/* ---- helpers ---------------------------------------------------------------------- */

void report_strlist_add(StrList *l, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *s = xvasprintf(fmt, ap);
    va_end(ap);
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 16;
        l->v = xrealloc(l->v, (size_t)l->cap * sizeof *l->v);
    }
    l->v[l->n++] = s;
}

void report_strlist_free(StrList *l)
{
    for (int k = 0; k < l->n; k++)
        free(l->v[k]);
    free(l->v);
    l->v = NULL;
    l->n = l->cap = 0;
}

const char *report_entity_id(const Model *m, int e)
{
    if (e < m->nplants)
        return m->plants[e].id;
    e -= m->nplants;
    if (e < m->nassets)
        return m->assets[e].id;
    e -= m->nassets;
    if (e < m->nmarkets)
        return m->markets[e].id;
    e -= m->nmarkets;
    return m->demands[e].id;
}

int report_sector_index(const ReportCtx *x, const char *sector)
{
    for (int k = 0; k < x->nsectors; k++)
        if (strcmp(x->sectors[k], sector) == 0)
            return k;
    return -1;
}

double report_cost_annual(const Solution *s, int t)
{
    double v = 0.0;
    for (int c = 0; c < NCOSTS; c++)
        v += s->cost_annual[c * s->T + t];
    return v;
}

void report_coverage(const Model *m, const Solution *s, int t, int *n, int *with_jobs, int *with_gva)
{
    bool *used = xcalloc((size_t)m->ntechs + 1, sizeof *used);
    for (int p = 0; p < m->nplants; p++)
        for (int r = 0; r < m->plants[p].nroutes; r++)
            if (s->lines[sol_pr(s, p, r, t)] > 1e-6)
                used[m->plants[p].routes[r]] = true;
    for (int i = 0; i < m->nassets; i++)
        if (s->asset_installed[i * s->T + t] > 1e-6)
            used[m->assets[i].tech] = true;
    *n = *with_jobs = *with_gva = 0;
    for (int k = 0; k < m->ntechs; k++)
        if (used[k]) {
            (*n)++;
            *with_jobs += m->techs[k].jobs > 0;
            *with_gva += m->techs[k].gva > 0;
        }
    free(used);
}

double report_scale(double maxabs, const char *const units[4], const char **unit)
{
    double div = 1.0;
    int k = 0;
    while (k < 3 && maxabs >= 1000.0 * div) {
        div *= 1000.0;
        k++;
    }
    *unit = units[k];
    return div;
}

/* ---- flows ------------------------------------------------------------------------ */

/* Add an annual amount of commodity c for entity e, flat over the year (plant flows). */
static void add_flat(const Model *m, double *F, int c, int e, double amount)
{
    int E = report_nentities(m), S = m->nslices;
    double *row = F + ((size_t)c * E + e) * S;
    if (m->commodities[c].balance == BAL_SLICE)
        for (int sl = 0; sl < S; sl++)
            row[sl] += amount * m->slices[sl].share;
    else
        row[0] += amount;
}

/* Add an amount in slice sl (annual commodities: into the year). */
static void add_slice(const Model *m, double *F, int c, int e, int sl, double amount)
{
    int E = report_nentities(m), S = m->nslices;
    double *row = F + ((size_t)c * E + e) * S;
    row[m->commodities[c].balance == BAL_SLICE ? sl : 0] += amount;
}

void report_period_flows(const Model *m, const Solution *s, int t, double *F)
{
    int E = report_nentities(m), S = m->nslices;
    memset(F, 0, (size_t)m->ncommodities * E * S * sizeof *F);
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        for (int r = 0; r < pl->nroutes; r++) {
            const Technology *tc = &m->techs[pl->routes[r]];
            double x = s->production[sol_pr(s, p, r, t)];
            if (x == 0.0)
                continue;
            for (int k = 0; k < tc->ninputs; k++)
                add_flat(m, F, tc->inputs[k].commodity, p, -tc->inputs[k].amount * x);
            for (int k = 0; k < tc->noutputs; k++)
                add_flat(m, F, tc->outputs[k].commodity, p, tc->outputs[k].amount * x);
            if (tc->capture_commodity >= 0)
                add_flat(m, F, tc->capture_commodity, p,
                         tc->capture_rate * (tc->em_fossil + tc->em_process + tc->em_biogenic) * x);
        }
        if (m->commodities[pl->product].balance != BAL_NONE) {
            add_flat(m, F, pl->product, p, s->pool[sol_pt(s, p, t)]);
        } else {
            double made = 0.0;
            for (int r = 0; r < pl->nroutes; r++)
                made += s->production[sol_pr(s, p, r, t)];
            add_flat(m, F, pl->product, p, made);
        }
    }
    for (int i = 0; i < m->nassets; i++) {
        const Technology *tc = &m->techs[m->assets[i].tech];
        int e = m->nplants + i;
        for (int sl = 0; sl < S; sl++) {
            int k = sol_its(s, i, t, sl);
            if (tc->kind == TECH_STORAGE) {
                add_slice(m, F, tc->stores, e, sl, s->discharge[k] - s->charge[k]);
                continue;
            }
            double a = s->activity[k];
            if (a == 0.0)
                continue;
            for (int j = 0; j < tc->ninputs; j++)
                add_slice(m, F, tc->inputs[j].commodity, e, sl, -tc->inputs[j].amount * a);
            for (int j = 0; j < tc->noutputs; j++)
                add_slice(m, F, tc->outputs[j].commodity, e, sl, tc->outputs[j].amount * a);
            if (tc->capture_commodity >= 0)
                add_slice(m, F, tc->capture_commodity, e, sl,
                          tc->capture_rate * (tc->em_fossil + tc->em_process + tc->em_biogenic) * a);
        }
    }
    for (int k = 0; k < m->nmarkets; k++) {
        const Market *mk = &m->markets[k];
        int e = m->nplants + m->nassets + k;
        double sign = mk->direction == MKT_IMPORT ? 1.0 : -1.0;
        int ns = m->commodities[mk->commodity].balance == BAL_SLICE ? S : 1;
        for (int sl = 0; sl < ns; sl++)
            add_slice(m, F, mk->commodity, e, sl, sign * s->market_flow[(k * s->T + t) * S + sl]);
    }
    for (int d = 0; d < m->ndemands; d++) {
        const Demand *dm = &m->demands[d];
        int e = m->nplants + m->nassets + m->nmarkets + d;
        if (m->commodities[dm->commodity].balance == BAL_SLICE)
            for (int sl = 0; sl < S; sl++)
                add_slice(m, F, dm->commodity, e, sl, -dm->amount[t] * dm->profile[sl]);
        else
            add_slice(m, F, dm->commodity, e, 0, -dm->amount[t]);
    }
}

/* ---- files ------------------------------------------------------------------------ */

static void num(FILE *f, double v)
{
    fputc(',', f);
    out_put_num(f, v);
}

static void field(FILE *f, const char *s)
{
    fputc(',', f);
    out_csv_field(f, s);
}

void report_pathway_csv(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    fputs("period,plant,route,lines_operating,lines_built,production\n", f);
    for (int t = 0; t < m->nperiods; t++)
        for (int p = 0; p < m->nplants; p++)
            for (int r = 0; r < m->plants[p].nroutes; r++) {
                int k = sol_pr(s, p, r, t);
                fprintf(f, "%d", m->years[t]);
                field(f, m->plants[p].id);
                field(f, m->techs[m->plants[p].routes[r]].id);
                num(f, s->lines[k]);
                num(f, s->built[k]);
                num(f, s->production[k]);
                fputc('\n', f);
            }
}

void report_assets_csv(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    fputs("period,asset,technology,modules_built,modules_installed,capacity,activity,charge\n", f);
    for (int t = 0; t < m->nperiods; t++)
        for (int i = 0; i < m->nassets; i++) {
            const Asset *a = &m->assets[i];
            const Technology *tc = &m->techs[a->tech];
            double chg, act = tic_asset_activity(m, s, i, t, &chg);
            fprintf(f, "%d", m->years[t]);
            field(f, a->id);
            field(f, tc->id);
            num(f, s->asset_built[i * s->T + t]);
            num(f, s->asset_installed[i * s->T + t]);
            /* with a growth curve, the capacity its modules have at their age (build_grown_modules) */
            num(f, a->module * (tc->growth ? build_grown_modules(m, i, t, s->asset_built + i * s->T)
                                           : s->asset_installed[i * s->T + t]));
            num(f, act);
            num(f, chg);
            fputc('\n', f);
        }
}

void report_spurs_csv(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    fputs("plant,commodity,km,status,year_built,capex_eur\n", f);
    for (int p = 0; p < m->nplants; p++)
        for (int c = 0; c < m->ncommodities; c++) {
            const Commodity *cm = &m->commodities[c];
            double km = m->plants[p].spur_km[c];
            if (!cm->network || km < 0)
                continue;
            int t = s->spur_period[p * m->ncommodities + c];
            out_csv_field(f, m->plants[p].id);
            field(f, cm->id);
            num(f, km);
            if (km == 0) {
                fputs(",connected,,0\n", f);
            } else if (t >= 0) {
                fprintf(f, ",built,%d", m->years[t]);
                num(f, km * cm->spur_cost);
                fputc('\n', f);
            } else {
                fputs(",not built,,0\n", f);
            }
        }
}

void report_flows_csv(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    int E = report_nentities(m), S = m->nslices, C = m->ncommodities;
    double *F = xmalloc((size_t)(C * E * S > 0 ? C * E * S : 1) * sizeof *F);
    fputs("period,slice,commodity,entity,amount\n", f);
    for (int t = 0; t < m->nperiods; t++) {
        report_period_flows(m, x->s, t, F);
        for (int c = 0; c < C; c++) {
            const Commodity *cm = &m->commodities[c];
            int ns = cm->balance == BAL_SLICE ? S : 1;
            for (int sl = 0; sl < ns; sl++) {
                const char *slice = cm->balance == BAL_SLICE ? m->slices[sl].name : "annual";
                double sum = 0.0, big = 0.0;
                for (int e = 0; e < E; e++) {
                    double v = F[((size_t)c * E + e) * S + sl];
                    if (v == 0.0)
                        continue;
                    sum += v;
                    big = fmax(big, fabs(v));
                    fprintf(f, "%d", m->years[t]);
                    field(f, slice);
                    field(f, cm->id);
                    field(f, report_entity_id(m, e));
                    num(f, v);
                    fputc('\n', f);
                }
                /* what a dispose commodity leaves over (beyond rounding) */
                if (cm->dispose && sum > 1e-9 * fmax(big, 1.0)) {
                    fprintf(f, "%d", m->years[t]);
                    field(f, slice);
                    field(f, cm->id);
                    fputs(",disposed", f);
                    num(f, -sum);
                    fputc('\n', f);
                }
            }
        }
    }
    free(F);
}

void report_emissions_csv(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    fputs("period,entity,sector,gross,captured,net_scope1,scope2,scope3,removals\n", f);
    for (int t = 0; t < m->nperiods; t++) {
        double g = 0.0, k = 0.0, rm = 0.0;
        for (int p = 0; p < m->nplants; p++) {
            int j = sol_pt(s, p, t);
            fprintf(f, "%d", m->years[t]);
            field(f, m->plants[p].id);
            field(f, m->plants[p].sector);
            num(f, s->gross[j]);
            num(f, s->captured[j]);
            num(f, s->net_scope1[j]);
            fputs(",0,0", f);
            double r = tic_plant_removals(m, s, p, t);
            num(f, r);
            fputc('\n', f);
            g += s->gross[j];
            k += s->captured[j];
            rm += r;
        }
        for (int i = 0; i < m->nassets; i++) {
            int j = i * s->T + t;
            fprintf(f, "%d", m->years[t]);
            field(f, m->assets[i].id);
            field(f, m->techs[m->assets[i].tech].sector);
            num(f, s->asset_gross[j]);
            num(f, s->asset_captured[j]);
            num(f, s->asset_net_scope1[j]);
            fputs(",0,0", f);
            double r = tic_asset_removals(m, s, i, t);
            num(f, r);
            fputc('\n', f);
            g += s->asset_gross[j];
            k += s->asset_captured[j];
            rm += r;
        }
        for (int q = 0; q < m->nmarkets; q++) {
            if (m->markets[q].direction != MKT_IMPORT || m->markets[q].co2 == 0.0)
                continue;
            fprintf(f, "%d", m->years[t]);
            field(f, m->markets[q].id);
            fputs(",imports,0,0,0", f);
            num(f, s->market_scope2[q * s->T + t]);
            num(f, s->market_scope3[q * s->T + t]);
            fputs(",0\n", f);
        }
        fprintf(f, "%d,cluster,total", m->years[t]);
        num(f, g);
        num(f, k);
        num(f, s->emissions_scope1[t]);
        num(f, s->emissions_scope2[t]);
        num(f, s->emissions_scope3[t]);
        num(f, rm);
        fputc('\n', f);
    }
}

void report_costs_csv(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    fputs("period,component,annual_eur,npv_eur\n", f);
    for (int t = 0; t < m->nperiods; t++) {
        double a = 0.0, n = 0.0;
        for (int c = 0; c < NCOSTS; c++) {
            double ca = s->cost_annual[c * s->T + t], cn = s->cost_npv[c * s->T + t];
            fprintf(f, "%d,%s", m->years[t], cost_component_name((CostComponent)c));
            num(f, ca);
            num(f, cn);
            fputc('\n', f);
            a += ca;
            n += cn;
        }
        fprintf(f, "%d,total", m->years[t]);
        num(f, a);
        num(f, n);
        fputc('\n', f);
    }
}

void report_prices_csv(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    fputs("period,slice,commodity,unit,price\n", f);
    for (int t = 0; t < m->nperiods; t++) {
        for (int c = 0; c < m->ncommodities; c++) {
            const Commodity *cm = &m->commodities[c];
            if (cm->balance == BAL_NONE)
                continue;
            char unit[96];
            snprintf(unit, sizeof unit, "EUR/%s", *cm->unit ? cm->unit : "unit");
            int ns = cm->balance == BAL_SLICE ? m->nslices : 1;
            for (int sl = 0; sl < ns; sl++) {
                fprintf(f, "%d", m->years[t]);
                field(f, cm->balance == BAL_SLICE ? m->slices[sl].name : "annual");
                field(f, cm->id);
                field(f, unit);
                num(f, s->price[sol_cts(s, c, t, sl)]);
                fputc('\n', f);
            }
        }
        if (m->policy.cap && m->policy.cap[t] >= 0) {
            fprintf(f, "%d,annual,co2_cap,EUR/t CO2e", m->years[t]);
            num(f, s->cap_price[t]);
            fputc('\n', f);
        }
    }
}
