/*
 * tic.c — TIC indicators (see tic.h for every definition) and their files tic.csv, tic.json.
 */
#include "tic.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "io_table.h"
#include "json.h"
#include "out.h"
#include "tico.h"

double tic_mwh_per_unit(const Model *m, int c)
{
    static const struct {
        const char *unit;
        double mwh;
    } U[] = {{"kWh", 1e-3}, {"MWh", 1.0}, {"GWh", 1e3}, {"TWh", 1e6},
             {"MJ", 1.0 / 3600.0}, {"GJ", 1.0 / 3.6}, {"TJ", 1e3 / 3.6}, {"PJ", 1e6 / 3.6}};
    const Commodity *cm = &m->commodities[c];
    for (size_t k = 0; k < sizeof U / sizeof U[0]; k++) {
        size_t n = strlen(U[k].unit);
        /* "MWh", "MWh_th", "MWh (LHV)": the unit, then nothing or a qualifier */
        if (strncmp(cm->unit, U[k].unit, n) == 0 && (cm->unit[n] == '\0' || cm->unit[n] == '_' || cm->unit[n] == ' '))
            return U[k].mwh;
    }
    if ((strcmp(cm->id, "hydrogen") == 0 || strcmp(cm->id, "h2") == 0) && strcmp(cm->unit, "t") == 0)
        return 33.33; /* lower heating value of hydrogen, MWh per t */
    return 0.0;
}

bool tic_is_capture_commodity(const Model *m, int c)
{
    for (int k = 0; k < m->ntechs; k++)
        if (m->techs[k].capture_commodity == c && m->techs[k].capture_rate > 0)
            return true;
    return false;
}

/* Does process tc turn one unit of a CO2 carrier into one unit of its only output? */
static bool handles_co2(const Technology *tc, const bool *carrier, int *out)
{
    if (tc->kind != TECH_PROCESS || tc->noutputs != 1 || carrier[tc->outputs[0].commodity])
        return false;
    double o = tc->outputs[0].amount;
    for (int j = 0; j < tc->ninputs; j++) {
        double a = tc->inputs[j].amount;
        if (carrier[tc->inputs[j].commodity] && fabs(a - o) <= 1e-9 * fmax(fabs(a), fabs(o))) {
            *out = tc->outputs[0].commodity;
            return true;
        }
    }
    return false;
}

bool *tic_co2_carriers(const Model *m)
{
    bool *carrier = xcalloc((size_t)m->ncommodities + 1, sizeof *carrier);
    for (int c = 0; c < m->ncommodities; c++)
        carrier[c] = tic_is_capture_commodity(m, c);
    for (bool grew = true; grew;) { /* chains of handling steps: co2 -> co2_liquid -> ... */
        grew = false;
        for (int k = 0; k < m->ntechs; k++) {
            int c;
            if (handles_co2(&m->techs[k], carrier, &c)) {
                carrier[c] = true;
                grew = true;
            }
        }
    }
    return carrier;
}

double tic_market_total(const Model *m, const Solution *s, int k, int t)
{
    const Market *mk = &m->markets[k];
    if (m->commodities[mk->commodity].balance != BAL_SLICE)
        return s->market_flow[(k * s->T + t) * s->S];
    double v = 0.0;
    for (int sl = 0; sl < s->S; sl++)
        v += s->market_flow[(k * s->T + t) * s->S + sl];
    return v;
}

double tic_stored(const Model *m, const Solution *s, int t)
{
    bool *carrier = tic_co2_carriers(m);
    double v = 0.0;
    for (int k = 0; k < m->nmarkets; k++)
        if (m->markets[k].direction == MKT_EXPORT && carrier[m->markets[k].commodity])
            v += tic_market_total(m, s, k, t);
    free(carrier);
    return v;
}

/* a - b, or 0 when the two differ only by round-off (the baseline and the pathway are two
 * solves that may agree to the last digits only). */
static double removal_factor(const Technology *tc) { return tc->capture_rate * tc->em_biogenic; }

double tic_plant_removals(const Model *m, const Solution *s, int p, int t)
{
    const Plant *pl = &m->plants[p];
    double r = 0.0;
    for (int k = 0; k < pl->nroutes; k++)
        r += removal_factor(&m->techs[pl->routes[k]]) * s->production[sol_pr(s, p, k, t)];
    return r;
}

double tic_asset_removals(const Model *m, const Solution *s, int i, int t)
{
    const Technology *tc = &m->techs[m->assets[i].tech];
    if (tc->kind == TECH_STORAGE || removal_factor(tc) == 0.0)
        return 0.0;
    double a = 0.0;
    for (int sl = 0; sl < m->nslices; sl++)
        a += s->activity[sol_its(s, i, t, sl)];
    return removal_factor(tc) * a;
}

static double removals(const Model *m, const Solution *s, int t)
{
    double r = 0.0;
    for (int p = 0; p < m->nplants; p++)
        r += tic_plant_removals(m, s, p, t);
    for (int i = 0; i < m->nassets; i++)
        r += tic_asset_removals(m, s, i, t);
    return r;
}

static double reduction(double a, double b)
{
    double d = a - b;
    return fabs(d) <= 1e-9 * fmax(fabs(a), fabs(b)) ? 0.0 : d;
}

static double pct(double part, double whole)
{
    return whole != 0.0 && isfinite(part) && isfinite(whole) ? 100.0 * part / whole : NAN;
}

double tic_route_capex(const Model *m, const Solution *s, int p, int r, int t)
{
    const Plant *pl = &m->plants[p];
    return m->techs[pl->routes[r]].capex[t] * pl->unit_capacity * s->built[sol_pr(s, p, r, t)];
}

double tic_asset_capex(const Model *m, const Solution *s, int i, int t)
{
    const Asset *a = &m->assets[i];
    return m->techs[a->tech].capex[t] * a->module * s->asset_built[i * s->T + t];
}

double tic_spur_capex(const Model *m, const Solution *s, int p, int t)
{
    double v = 0.0;
    for (int c = 0; c < m->ncommodities; c++)
        if (s->spur_period[p * m->ncommodities + c] == t && m->plants[p].spur_km[c] > 0)
            v += m->plants[p].spur_km[c] * m->commodities[c].spur_cost;
    return v;
}

double tic_asset_activity(const Model *m, const Solution *s, int i, int t, double *charge)
{
    bool storage = m->techs[m->assets[i].tech].kind == TECH_STORAGE;
    double act = 0.0, chg = 0.0;
    for (int sl = 0; sl < s->S; sl++) {
        int k = sol_its(s, i, t, sl);
        act += storage ? s->discharge[k] : s->activity[k];
        chg += storage ? s->charge[k] : 0.0;
    }
    if (charge)
        *charge = chg;
    return act;
}

/* Jobs of plant p in period t (tic.h): direct, protected (on base-year lines still operating,
 * the existing route's lines first, then converted lines at their average jobs per line),
 * base-year. */
static void plant_jobs(const Model *m, const Solution *s, int p, int t, double *direct, double *prot, double *base)
{
    const Plant *pl = &m->plants[p];
    double Q = pl->unit_capacity;
    int r0 = pl->existing_route;
    double B = r0 >= 0 ? (double)model_existing_lines(m, p, 0) : 0.0;
    double Le = 0.0, Lo = 0.0, Je = 0.0, Jo = 0.0;
    for (int r = 0; r < pl->nroutes; r++) {
        double lines = s->lines[sol_pr(s, p, r, t)];
        double jobs = m->techs[pl->routes[r]].jobs * Q * lines;
        if (r == r0) {
            Le += lines;
            Je += jobs;
        } else {
            Lo += lines;
            Jo += jobs;
        }
    }
    double k = fmin(Le + Lo, B);      /* base-year lines still operating */
    double ke = fmin(Le, k), ko = k - ke;
    *direct = Je + Jo;
    *prot = (Le > 0 ? Je * ke / Le : 0.0) + (Lo > 0 ? Jo * ko / Lo : 0.0);
    *base = r0 >= 0 ? m->techs[pl->routes[r0]].jobs * Q * B : 0.0;
}

const char *tic_entity_sector(const Model *m, int e)
{
    return e < m->nplants ? m->plants[e].sector : m->techs[m->assets[e - m->nplants].tech].sector;
}

void tic_entity_direct(const Model *m, const Solution *s, int e, int t, TicPeriod *q)
{
    if (e < m->nplants) {
        int p = e;
        const Plant *pl = &m->plants[p];
        double direct, prot, base;
        plant_jobs(m, s, p, t, &direct, &prot, &base);
        q->jobs_protected += prot;
        q->jobs_created += direct - prot;
        q->jobs_lost += fmax(0.0, base - prot);
        q->jobs_base_year += base;
        for (int r = 0; r < pl->nroutes; r++) {
            const Technology *tc = &m->techs[pl->routes[r]];
            int k = sol_pr(s, p, r, t);
            double capex = tic_route_capex(m, s, p, r, t);
            q->capex += capex;
            q->construction_job_years += tc->construction_jobs * capex / 1e6;
            q->gva += tc->gva * s->production[k];
        }
        q->capex += tic_spur_capex(m, s, p, t);
        return;
    }
    int i = e - m->nplants;
    const Asset *a = &m->assets[i];
    const Technology *tc = &m->techs[a->tech];
    double installed = s->asset_installed[i * s->T + t];
    double base = (double)model_existing_modules(m, i, 0);
    double kept = fmin(installed, base);
    q->jobs_protected += tc->jobs * a->module * kept;
    q->jobs_created += tc->jobs * a->module * (installed - kept);
    q->jobs_lost += tc->jobs * a->module * (base - kept);
    q->jobs_base_year += tc->jobs * a->module * base;
    double capex = tic_asset_capex(m, s, i, t);
    q->capex += capex;
    q->construction_job_years += tc->construction_jobs * capex / 1e6;
    q->gva += tc->gva * tic_asset_activity(m, s, i, t, NULL);
}

/* Jobs, construction, GVA and capex of period t (plants, assets, spurs). */
static void direct_figures(const Model *m, const Solution *s, int t, TicPeriod *q)
{
    q->jobs_lost = q->jobs_base_year = 0.0;
    for (int e = 0; e < m->nplants + m->nassets; e++)
        tic_entity_direct(m, s, e, t, q);
    q->jobs_direct = q->jobs_protected + q->jobs_created;
}

/* Spending by category into final demand, and its effects. Returns io_effects()' info. */
static int io_figures(const Model *m, const Solution *s, int t, TicPeriod *q, bool *induced)
{
    const Economics *e = &m->economics;
    int n = e->nsectors;
    double *fc = xcalloc((size_t)n, sizeof *fc), *fo = xcalloc((size_t)n, sizeof *fo);
    double share = TIC_CAPEX_CONSTRUCTION_SHARE;
    if (e->sector_construction < 0)
        share = 0.0;
    else if (e->sector_equipment < 0)
        share = 1.0;
    /* energy: imports of energy carriers only (materials such as ore, scrap or clinker are
     * bought outside the table's energy sector); each category scaled by its domestic share */
    double energy = 0.0;
    for (int k = 0; k < m->nmarkets; k++) {
        const Market *mk = &m->markets[k];
        if (mk->direction != MKT_IMPORT || tic_mwh_per_unit(m, mk->commodity) <= 0.0)
            continue;
        double dom = e->domestic_energy ? e->domestic_energy[mk->commodity] : e->domestic[2];
        for (int sl = 0; sl < s->S; sl++)
            energy += dom * s->market_flow[sol_its(s, k, t, sl)] * mk->price[t] * mk->price_profile[sl];
    }
    q->spend_construction = e->sector_construction >= 0 ? e->domestic[0] * share * q->capex : 0.0;
    q->spend_equipment = e->sector_equipment >= 0 ? e->domestic[1] * (1.0 - share) * q->capex : 0.0;
    q->spend_energy = e->sector_energy >= 0 ? energy : 0.0;
    q->spend_om = e->sector_om >= 0 ? e->domestic[3] * (s->cost_annual[COST_FIXED_OM * s->T + t] +
                                                        s->cost_annual[COST_VAR_OM * s->T + t])
                                    : 0.0;
    if (e->sector_construction >= 0)
        fc[e->sector_construction] += q->spend_construction;
    if (e->sector_equipment >= 0)
        fc[e->sector_equipment] += q->spend_equipment;
    if (e->sector_energy >= 0)
        fo[e->sector_energy] += q->spend_energy;
    if (e->sector_om >= 0)
        fo[e->sector_om] += q->spend_om;
    IoEffects cx, op;
    int info = io_effects(e, fc, &cx);
    if (info == 0)
        info = io_effects(e, fo, &op);
    if (info == 0) {
        q->indirect_cjobs = cx.indirect.jobs;
        q->indirect_cva = cx.indirect.va;
        q->indirect_jobs = op.indirect.jobs;
        q->indirect_va = op.indirect.va;
        *induced = cx.has_induced;
        if (cx.has_induced) {
            q->induced_cjobs = cx.induced.jobs;
            q->induced_cva = cx.induced.va;
            q->induced_jobs = op.induced.jobs;
            q->induced_va = op.induced.va;
        }
    }
    free(fc);
    free(fo);
    return info;
}

#define TIC_NAN(field, column, unit, text) q->field = NAN;

/* The fields given per sector (tic.h). */
const size_t TIC_PER_SECTOR[] = {
    offsetof(TicPeriod, base_scope1),    offsetof(TicPeriod, base_scope2),
    offsetof(TicPeriod, base_scope3),    offsetof(TicPeriod, base_captured),
    offsetof(TicPeriod, scope1),         offsetof(TicPeriod, scope2),
    offsetof(TicPeriod, scope3),         offsetof(TicPeriod, captured),
    offsetof(TicPeriod, emissions),      offsetof(TicPeriod, base_emissions),
    offsetof(TicPeriod, red_baseline),   offsetof(TicPeriod, red_base_year),
    offsetof(TicPeriod, jobs_direct),    offsetof(TicPeriod, jobs_protected),
    offsetof(TicPeriod, jobs_created),   offsetof(TicPeriod, jobs_lost),
    offsetof(TicPeriod, jobs_base_year), offsetof(TicPeriod, base_jobs_direct),
    offsetof(TicPeriod, construction_job_years), offsetof(TicPeriod, gva),
    offsetof(TicPeriod, base_gva),       offsetof(TicPeriod, capex),
    offsetof(TicPeriod, removals),
};

const size_t TIC_NPER_SECTOR = sizeof TIC_PER_SECTOR / sizeof TIC_PER_SECTOR[0];

bool tic_per_sector(size_t offset)
{
    for (size_t k = 0; k < TIC_NPER_SECTOR; k++)
        if (TIC_PER_SECTOR[k] == offset)
            return true;
    return false;
}

TicReport *tic_compute_cluster(const Model *m, const Solution *s, const Solution *baseline)
{
    TicReport *r = xcalloc(1, sizeof *r);
    int T = m->nperiods;
    r->T = T;
    r->p = xcalloc((size_t)T, sizeof *r->p);
    r->has_baseline = baseline != NULL;
    r->has_io = m->economics.present;
    for (int t = 0; t < T; t++) {
        TicPeriod *q = &r->p[t];
        TIC_FIELDS(TIC_NAN)
        q->year = m->years[t];
        q->scope1 = s->emissions_scope1[t];
        q->scope2 = s->emissions_scope2[t];
        q->scope3 = s->emissions_scope3[t];
        q->captured = s->emissions_captured[t];
        q->stored = tic_stored(m, s, t);
        q->removals = removals(m, s, t);
        q->emissions = q->scope1 + q->scope2 + q->scope3;
        if (baseline) {
            q->base_scope1 = baseline->emissions_scope1[t];
            q->base_scope2 = baseline->emissions_scope2[t];
            q->base_scope3 = baseline->emissions_scope3[t];
            q->base_captured = baseline->emissions_captured[t];
            q->base_stored = tic_stored(m, baseline, t);
            q->base_emissions = q->base_scope1 + q->base_scope2 + q->base_scope3;
            q->red_baseline = reduction(q->base_emissions, q->emissions);
            q->red_baseline_pct = pct(q->red_baseline, q->base_emissions);
            TicPeriod b = {0};
            direct_figures(m, baseline, t, &b);
            q->base_jobs_direct = b.jobs_direct;
            q->base_gva = b.gva;
        }
        /* base year: the pathway's own first period, so the reduction there is 0 by definition */
        double ref = r->p[0].emissions;
        q->red_base_year = t == 0 ? 0.0 : reduction(ref, q->emissions);
        q->red_base_year_pct = t == 0 ? 0.0 : pct(q->red_base_year, ref);
        q->jobs_protected = q->jobs_created = q->jobs_direct = 0.0;
        q->construction_job_years = q->gva = q->capex = 0.0;
        direct_figures(m, s, t, q);
        if (r->has_io) {
            q->indirect_jobs = q->indirect_va = q->indirect_cjobs = q->indirect_cva = 0.0;
            int info = io_figures(m, s, t, q, &r->has_induced);
            if (info != 0) {
                snprintf(r->io_error, sizeof r->io_error,
                         "the input-output system I - A could not be solved (LAPACK dgesv info %d)", info);
                r->has_io = false;
            }
        }
    }
    if (!r->has_io) /* all or nothing: no half-filled input-output columns */
        for (int t = 0; t < T; t++) {
            TicPeriod *q = &r->p[t];
            q->spend_construction = q->spend_equipment = q->spend_energy = q->spend_om = NAN;
            q->indirect_jobs = q->indirect_va = q->indirect_cjobs = q->indirect_cva = NAN;
            q->induced_jobs = q->induced_va = q->induced_cjobs = q->induced_cva = NAN;
        }
    TicHorizon *h = &r->h;
    h->base_emissions = h->red_baseline = h->base_operating_job_years = r->has_baseline ? 0.0 : NAN;
    h->indirect_cjobs = r->has_io ? 0.0 : NAN;
    h->induced_cjobs = r->has_induced ? 0.0 : NAN;
    for (int t = 0; t < T; t++) {
        const TicPeriod *q = &r->p[t];
        double L = m->length[t];
        h->emissions += L * q->emissions;
        h->stored += L * q->stored;
        if (r->has_baseline) {
            h->base_emissions += L * q->base_emissions;
            h->red_baseline += L * q->red_baseline;
        }
        h->construction_job_years += q->construction_job_years;
        if (r->has_io)
            h->indirect_cjobs += q->indirect_cjobs;
        if (r->has_induced)
            h->induced_cjobs += q->induced_cjobs;
        h->operating_job_years += L * q->jobs_direct;
        if (r->has_baseline)
            h->base_operating_job_years += L * q->base_jobs_direct;
        h->gva += L * q->gva;
        h->capex += q->capex;
    }
    return r;
}

void tic_free(TicReport *r)
{
    if (!r)
        return;
    free(r->p);
    free(r->sectors);
    free(r->sec);
    free(r);
}

/* ---- files ------------------------------------------------------------------------ */

#define TIC_HEADER(field, column, unit, text) fputs("," column, f);
#define TIC_VALUE(field, column, unit, text) \
    fputc(',', f);                           \
    out_put_num(f, q->field);

void tic_write_csv(FILE *f, const TicReport *r)
{
    fputs("year", f);
    TIC_FIELDS(TIC_HEADER)
    fputc('\n', f);
    for (int t = 0; t < r->T; t++) {
        const TicPeriod *q = &r->p[t];
        fprintf(f, "%d", q->year);
        TIC_FIELDS(TIC_VALUE)
        fputc('\n', f);
    }
}

#define TIC_DEF(field, column, unit, text) json_key_string(&w, column, unit "; " text);
#define TIC_JSON(field, column, unit, text) json_key_number(&w, column, q->field);
#define TIC_SECTOR_JSON(field, column, unit, text)  \
    if (tic_per_sector(offsetof(TicPeriod, field))) \
        json_key_number(&w, column, q->field);

void tic_write_json(FILE *f, const Model *m, const TicReport *r)
{
    JsonW w;
    json_init(&w, f);
    json_begin_object(&w);
    json_key_string(&w, "tico_version", TICO_VERSION);
    json_key_string(&w, "instance", m->name);
    json_key_string(&w, "currency", m->currency);
    json_key(&w, "definitions");
    json_begin_object(&w);
    json_key_string(&w, "baseline",
                    "the same instance solved with carbon price 0, no cap and no budget; empty (null) when not solved");
    json_key_string(&w, "base_year",
                    "emissions of the pathway's own first period (the instance's policy applies there too); the "
                    "reduction vs base year is 0 in that period by definition");
    json_key_string(&w, "base_year_reference", "pathway");
    json_key_string(&w, "scopes",
                    "scope 1: net direct emissions of plants and shared assets (after capture; captured biogenic CO2 "
                    "counts negative); scope 2: CO2 of bought energy (imports from markets with co2_scope 2: "
                    "electricity, heat, hydrogen); scope 3: CO2 embedded in bought materials (imports from markets "
                    "with co2_scope 3: HBI, clinker); each import's CO2 is its market's co2 of the period x the "
                    "amount imported; emissions = scope 1 + 2 + 3");
    json_key_string(&w, "stored",
                    "captured CO2 exported to storage markets: exports of a CO2 carrier, i.e. a capture commodity or "
                    "the only output of a process that turns one unit of a CO2 carrier into one unit of it (a "
                    "compression or liquefaction terminal)");
    json_key_string(&w, "base_year_capacity",
                    "the existing lines of each plant (on its existing route) and the existing modules of each asset "
                    "available in the first period; base-year jobs = the direct jobs on them");
    json_key_string(&w, "protected",
                    "direct jobs on base-year capacity that still operates in the period, on any route, converted "
                    "lines included: per plant, k = min(lines operating, base-year lines), the existing route's lines "
                    "first, then converted lines at their average jobs per line");
    json_key_string(&w, "created", "direct jobs on capacity beyond the base year's: direct jobs - protected");
    json_key_string(&w, "lost",
                    "base-year jobs no longer operating: per plant or asset, max(0, base-year jobs - protected) "
                    "(lines stopped or retired, and fewer jobs on a converted line)");
    json_key_string(&w, "baseline_jobs",
                    "direct jobs and gross value added of the baseline solve: the counterfactual against which "
                    "protected jobs are read");
    json_key_string(&w, "input_output",
                    "spending as final demand: capex split construction/equipment (share in capex_construction_share), "
                    "imports of energy carriers to energy, fixed+variable O&M to om, each times its domestic share; "
                    "output x = (I - A)^-1 f; indirect = effects of x "
                    "minus the first round f (already counted as direct); induced = Type II (households in the "
                    "table) minus Type I");
    json_key_string(&w, "sectors",
                    "the same figures per sector (tic_sectors.csv): the sector of a plant, or of an asset's "
                    "technology; scope 2 and 3 shared among the users of each imported commodity in proportion to "
                    "their annual use of it (route and process inputs, a storage's losses), the part that demands "
                    "and exports use in the row '" TIC_UNALLOCATED "'; stored, percentages and input-output figures "
                    "are cluster-only; per period, the sectors add up to the cluster's figure");
    TIC_FIELDS(TIC_DEF)
    json_end_object(&w);
    json_key_bool(&w, "has_baseline", r->has_baseline);
    json_key_bool(&w, "has_input_output", r->has_io);
    json_key_bool(&w, "has_induced", r->has_induced);
    if (r->io_error[0])
        json_key_string(&w, "input_output_error", r->io_error);
    if (m->economics.present) {
        json_key_string(&w, "input_output_source", m->economics.source);
        json_key_number(&w, "capex_construction_share", TIC_CAPEX_CONSTRUCTION_SHARE);
    }
    json_key(&w, "periods");
    json_begin_array(&w);
    for (int t = 0; t < r->T; t++) {
        const TicPeriod *q = &r->p[t];
        json_begin_object(&w);
        json_key_int(&w, "year", q->year);
        TIC_FIELDS(TIC_JSON)
        json_end_object(&w);
    }
    json_end_array(&w);
    const TicHorizon *h = &r->h;
    json_key(&w, "horizon");
    json_begin_object(&w);
    json_key_int(&w, "from", m->years[0]);
    json_key_int(&w, "to", model_horizon_end(m));
    json_key_number(&w, "emissions_t", h->emissions);
    json_key_number(&w, "baseline_emissions_t", h->base_emissions);
    json_key_number(&w, "reduction_vs_baseline_t", h->red_baseline);
    json_key_number(&w, "stored_t", h->stored);
    json_key_number(&w, "construction_job_years", h->construction_job_years);
    json_key_number(&w, "indirect_construction_job_years", h->indirect_cjobs);
    json_key_number(&w, "induced_construction_job_years", h->induced_cjobs);
    json_key_number(&w, "operating_job_years", h->operating_job_years);
    json_key_number(&w, "baseline_operating_job_years", h->base_operating_job_years);
    json_key_number(&w, "gva_eur", h->gva);
    json_key_number(&w, "capex_eur", h->capex);
    json_end_object(&w);
    json_key(&w, "sectors"); /* tic_sectors.csv's rows */
    json_begin_array(&w);
    for (int k = 0; k <= r->nsectors; k++) {
        json_begin_object(&w);
        json_key_string(&w, "sector", k < r->nsectors ? r->sectors[k] : TIC_UNALLOCATED);
        json_key(&w, "periods");
        json_begin_array(&w);
        for (int t = 0; t < r->T; t++) {
            const TicPeriod *q = &r->sec[k * r->T + t];
            json_begin_object(&w);
            json_key_int(&w, "year", q->year);
            TIC_FIELDS(TIC_SECTOR_JSON)
            json_end_object(&w);
        }
        json_end_array(&w);
        json_end_object(&w);
    }
    json_end_array(&w);
    json_end_object(&w);
    json_finish(&w);
}
