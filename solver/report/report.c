/*
 * report.c — report_write(): every report file of a solve (SPEC §6, §9), written as one
 * atomic set (out.h). The writers live in report_csv.c, report_text.c, report_json.c,
 * report_html.c and tic.c; this file gathers what they share and commits the set.
 */
#include "report.h"
#include "xalloc.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "report_int.h"
#include "tic.h"

/* Sectors of plants and assets, in order of first appearance (plants first). */
static void collect_sectors(ReportCtx *x)
{
    const Model *m = x->m;
    x->sectors = xcalloc((size_t)(m->nplants + m->nassets + 1), sizeof *x->sectors);
    x->nsectors = 0;
    for (int k = 0; k < m->nplants + m->nassets; k++) {
        const char *sec = k < m->nplants ? m->plants[k].sector : m->techs[m->assets[k - m->nplants].tech].sector;
        if (report_sector_index(x, sec) < 0)
            x->sectors[x->nsectors++] = sec;
    }
}

typedef void (*Writer)(FILE *f, const ReportCtx *x);

static void write_tic_csv(FILE *f, const ReportCtx *x) { tic_write_csv(f, x->tic); }
static void write_tic_json(FILE *f, const ReportCtx *x) { tic_write_json(f, x->m, x->tic); }
static void write_tic_sectors(FILE *f, const ReportCtx *x) { tic_write_sectors_csv(f, x->tic); }

TicoStatus report_write(const Model *m, const Solution *s, const Solution *baseline,
                        const char *dir)
{
    static const struct {
        const char *name;
        Writer write;
    } FILES[] = {
        {"summary.txt", report_summary_txt},   {"pathway.csv", report_pathway_csv},
        {"assets.csv", report_assets_csv},     {"spurs.csv", report_spurs_csv},
        {"flows.csv", report_flows_csv},       {"emissions.csv", report_emissions_csv},
        {"costs.csv", report_costs_csv},       {"prices.csv", report_prices_csv},
        {"tic.csv", write_tic_csv},            {"tic.json", write_tic_json},
        {"tic_sectors.csv", write_tic_sectors},
        {"solution.json", NULL},               {"report.html", report_html},
    };
    /* files written only when the instance has what they report on */
    static const struct {
        const char *name;
        bool (*applies)(const Model *m);
        Writer write;
    } OPTIONAL[] = {
        {"heat_tariff.csv", report_tariff_applies, report_heat_tariff_csv},
        {"grants.csv", report_grants_apply, report_grants_csv},
        {"counts.csv", report_counts_apply, report_counts_csv},
    };
    ReportCtx x = {.m = m, .s = s, .base = baseline, .dir = dir};
    collect_sectors(&x);
    TicReport *tic = tic_compute(m, s, baseline);
    x.tic = tic;
    TicoStatus st = TICO_EINTERNAL;
    OutSet *os = out_begin(dir);
    if (!os)
        goto done;
    for (size_t k = 0; k < sizeof FILES / sizeof FILES[0]; k++) {
        FILE *f = out_open(os, FILES[k].name);
        if (!f) {
            out_abort(os);
            goto done;
        }
        if (FILES[k].write) {
            FILES[k].write(f, &x);
        } else if (report_solution_json(f, &x) != 0) {
            fprintf(stderr, "tico: %s/%s: internal error: the JSON writer was misused; nothing written\n", dir,
                    FILES[k].name);
            out_abort(os);
            goto done;
        }
    }
    for (size_t k = 0; k < sizeof OPTIONAL / sizeof OPTIONAL[0]; k++) {
        if (!OPTIONAL[k].applies(m))
            continue;
        FILE *f = out_open(os, OPTIONAL[k].name);
        if (!f) {
            out_abort(os);
            goto done;
        }
        OPTIONAL[k].write(f, &x);
    }
    st = out_commit(os);
done:
    tic_free(tic);
    free(x.sectors);
    return st;
}
