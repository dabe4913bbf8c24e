/*
 * tic_sector.c — the TIC indicators by sector (tic.h: tic_per_sector, tic_sectors_compute)
 * and tic_sectors.csv. The sector of a plant is its `sector` (given, else its routes'), of an
 * asset its technology's; the figures of each plant and asset are the ones tic.c sums over
 * the cluster, so the sector rows add up to tic.csv's row of the same period. tic_compute()
 * lives here: tic.c's cluster figures, then the sectors (tic_sector.c uses tic.c, not the
 * other way round).
 */
#include "tic.h"
#include "xalloc.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"

static double *field_at(TicPeriod *q, size_t offset) { return (double *)((char *)q + offset); }

/* Annual use of commodity c by entity e in period t (tic.h: route and process inputs; a
 * storage of c, its losses charge - discharge when positive). */
static double entity_use(const Model *m, const Solution *s, int e, int c, int t)
{
    double u = 0.0;
    if (e < m->nplants) {
        const Plant *pl = &m->plants[e];
        for (int r = 0; r < pl->nroutes; r++) {
            const Technology *tc = &m->techs[pl->routes[r]];
            for (int j = 0; j < tc->ninputs; j++)
                if (tc->inputs[j].commodity == c)
                    u += tc->inputs[j].amount * s->production[sol_pr(s, e, r, t)];
        }
        return u;
    }
    int i = e - m->nplants;
    const Technology *tc = &m->techs[m->assets[i].tech];
    if (tc->kind == TECH_STORAGE) {
        if (tc->stores != c)
            return 0.0;
        double chg, dis = tic_asset_activity(m, s, i, t, &chg);
        return fmax(0.0, chg - dis);
    }
    double a = tic_asset_activity(m, s, i, t, NULL);
    for (int j = 0; j < tc->ninputs; j++)
        if (tc->inputs[j].commodity == c)
            u += tc->inputs[j].amount * a;
    return u;
}

/* A link passes on what it takes in: a process with one input and one output in the same
 * unit, at least 90 % of the input coming out, and no emissions (a grid link or substation,
 * a pipeline, a terminal). The CO2 of the imports it carries goes on to the users of its
 * output. Its output commodity, or -1. */
static int link_output(const Model *m, const Technology *tc)
{
    if (tc->kind != TECH_PROCESS || tc->ninputs != 1 || tc->noutputs != 1)
        return -1;
    if (tc->em_fossil != 0.0 || tc->em_process != 0.0 || tc->em_biogenic != 0.0 || tc->em_other != 0.0)
        return -1;
    const Flow *in = &tc->inputs[0], *out = &tc->outputs[0];
    if (in->commodity == out->commodity || in->amount <= 0.0 || out->amount < 0.9 * in->amount ||
        strcmp(m->commodities[in->commodity].unit, m->commodities[out->commodity].unit) != 0)
        return -1;
    return out->commodity;
}

/* Scope 2 and 3 of period t by entity (tic.h): e2[e], e3[e] for e < E, the rest in e2[E],
 * e3[E]. Each array zeroed by the caller. The CO2 of the imports of a commodity is shared
 * among its users by their use; a link's share goes on to its output's users (repeated along
 * chains of links, at most ncommodities times; what is still moving then is not allocated). */
static void allocate_imports(const Model *m, const Solution *s, int t, double *e2, double *e3)
{
    int E = m->nplants + m->nassets, C = m->ncommodities;
    double *use = xcalloc((size_t)E + 1, sizeof *use);
    double *M2 = xcalloc((size_t)C + 1, sizeof *M2), *M3 = xcalloc((size_t)C + 1, sizeof *M3);
    for (int k = 0; k < m->nmarkets; k++)
        if (m->markets[k].direction == MKT_IMPORT) {
            M2[m->markets[k].commodity] += s->market_scope2[k * s->T + t];
            M3[m->markets[k].commodity] += s->market_scope3[k * s->T + t];
        }
    for (int round = 0; round <= C; round++) {
        bool moved = false;
        for (int c = 0; c < C; c++) {
            if (M2[c] == 0.0 && M3[c] == 0.0)
                continue;
            double m2 = M2[c], m3 = M3[c], other = 0.0;
            M2[c] = M3[c] = 0.0;
            if (round == C) { /* a loop of links: stop */
                e2[E] += m2;
                e3[E] += m3;
                continue;
            }
            for (int k = 0; k < m->nmarkets; k++)
                if (m->markets[k].commodity == c && m->markets[k].direction == MKT_EXPORT)
                    other += tic_market_total(m, s, k, t);
            for (int d = 0; d < m->ndemands; d++)
                if (m->demands[d].commodity == c)
                    other += m->demands[d].amount[t];
            double U = other, a2 = 0.0, a3 = 0.0;
            for (int e = 0; e < E; e++) {
                use[e] = entity_use(m, s, e, c, t);
                U += use[e];
            }
            if (U > 0.0)
                for (int e = 0; e < E; e++) {
                    if (use[e] == 0.0)
                        continue;
                    double x2 = m2 * (use[e] / U), x3 = m3 * (use[e] / U);
                    int out = e < m->nplants ? -1 : link_output(m, &m->techs[m->assets[e - m->nplants].tech]);
                    if (out >= 0) {
                        M2[out] += x2;
                        M3[out] += x3;
                        moved = true;
                    } else {
                        e2[e] += x2;
                        e3[e] += x3;
                    }
                    a2 += x2;
                    a3 += x3;
                }
            e2[E] += m2 - a2; /* demands, exports, or nothing used it */
            e3[E] += m3 - a3;
        }
        if (!moved)
            break;
    }
    free(use);
    free(M2);
    free(M3);
}

#define SEC_NAN(field, column, unit, text) q->field = NAN;

/* Scope 1, captured, removals and the direct figures of solution s by sector into
 * fields (base = false) or their baseline fields (base = true). */
static void add_solution(const Model *m, const Solution *s, int t, TicReport *r, const int *sec, bool base)
{
    int E = m->nplants + m->nassets, T = r->T;
    double *e2 = xcalloc((size_t)E + 1, sizeof *e2), *e3 = xcalloc((size_t)E + 1, sizeof *e3);
    allocate_imports(m, s, t, e2, e3);
    for (int e = 0; e <= E; e++) {
        TicPeriod *q = &r->sec[sec[e] * T + t];
        double s1 = 0.0, cap = 0.0, rem = 0.0;
        TicPeriod d = {0};
        if (e < m->nplants) {
            s1 = s->net_scope1[sol_pt(s, e, t)];
            cap = s->captured[sol_pt(s, e, t)];
            rem = tic_plant_removals(m, s, e, t);
        } else if (e < E) {
            int i = e - m->nplants;
            s1 = s->asset_net_scope1[i * s->T + t];
            cap = s->asset_captured[i * s->T + t];
            rem = tic_asset_removals(m, s, i, t);
        }
        if (e < E)
            tic_entity_direct(m, s, e, t, &d);
        if (base) {
            q->base_scope1 += s1;
            q->base_scope2 += e2[e];
            q->base_scope3 += e3[e];
            q->base_captured += cap;
            q->base_jobs_direct += d.jobs_protected + d.jobs_created;
            q->base_gva += d.gva;
            continue;
        }
        q->scope1 += s1;
        q->scope2 += e2[e];
        q->scope3 += e3[e];
        q->captured += cap;
        q->removals += rem;
        q->jobs_protected += d.jobs_protected;
        q->jobs_created += d.jobs_created;
        q->jobs_lost += d.jobs_lost;
        q->jobs_base_year += d.jobs_base_year;
        q->construction_job_years += d.construction_job_years;
        q->gva += d.gva;
        q->capex += d.capex;
    }
    free(e2);
    free(e3);
}

static void sectors_compute(const Model *m, const Solution *s, const Solution *baseline, TicReport *r)
{
    int E = m->nplants + m->nassets, T = r->T;
    r->sectors = xcalloc((size_t)E + 1, sizeof *r->sectors);
    int *sec = xcalloc((size_t)E + 1, sizeof *sec); /* sector index of entity e; [E]: unallocated */
    r->nsectors = 0;
    for (int e = 0; e < E; e++) {
        const char *name = tic_entity_sector(m, e);
        int k = 0;
        while (k < r->nsectors && strcmp(r->sectors[k], name) != 0)
            k++;
        if (k == r->nsectors)
            r->sectors[r->nsectors++] = name;
        sec[e] = k;
    }
    sec[E] = r->nsectors;
    int K = r->nsectors + 1;
    r->sec = xcalloc((size_t)K * (size_t)T, sizeof *r->sec);
    for (int j = 0; j < K * T; j++) {
        TicPeriod *q = &r->sec[j];
        TIC_FIELDS(SEC_NAN)
        q->year = m->years[j % T];
        for (size_t f = 0; f < TIC_NPER_SECTOR; f++)
            *field_at(q, TIC_PER_SECTOR[f]) = 0.0;
        if (!baseline)
            q->base_scope1 = q->base_scope2 = q->base_scope3 = q->base_captured = q->base_emissions =
                q->red_baseline = q->base_jobs_direct = q->base_gva = NAN;
    }
    for (int t = 0; t < T; t++) {
        add_solution(m, s, t, r, sec, false);
        if (baseline)
            add_solution(m, baseline, t, r, sec, true);
    }
    for (int k = 0; k < K; k++)
        for (int t = 0; t < T; t++) {
            TicPeriod *q = &r->sec[k * T + t];
            q->jobs_direct = q->jobs_protected + q->jobs_created;
            q->emissions = q->scope1 + q->scope2 + q->scope3;
            if (baseline) {
                q->base_emissions = q->base_scope1 + q->base_scope2 + q->base_scope3;
                q->red_baseline = q->base_emissions - q->emissions;
            }
            q->red_base_year = t == 0 ? 0.0 : r->sec[k * T].emissions - q->emissions;
        }
    free(sec);
}

TicReport *tic_compute(const Model *m, const Solution *s, const Solution *baseline)
{
    TicReport *r = tic_compute_cluster(m, s, baseline);
    sectors_compute(m, s, baseline, r);
    return r;
}

/* ---- tic_sectors.csv -------------------------------------------------------------- */

#define SEC_HEADER(field, column, unit, text)              \
    if (tic_per_sector(offsetof(TicPeriod, field)))       \
        fputs("," column, f);
#define SEC_VALUE(field, column, unit, text)               \
    if (tic_per_sector(offsetof(TicPeriod, field))) {     \
        fputc(',', f);                                     \
        out_put_num(f, q->field);                          \
    }

void tic_write_sectors_csv(FILE *f, const TicReport *r)
{
    fputs("year,sector", f);
    TIC_FIELDS(SEC_HEADER)
    fputc('\n', f);
    for (int t = 0; t < r->T; t++)
        for (int k = 0; k <= r->nsectors; k++) {
            const TicPeriod *q = &r->sec[k * r->T + t];
            fprintf(f, "%d,", q->year);
            out_csv_field(f, k < r->nsectors ? r->sectors[k] : TIC_UNALLOCATED);
            TIC_FIELDS(SEC_VALUE)
            fputc('\n', f);
        }
}
