/*
 * report_int.h — internals shared by the report writers (report*.c); not for other modules.
 *
 *   report.c        report_write(): opens the set of files (out.h), calls the writers, commits
 *   report_csv.c    pathway, assets, spurs, flows, emissions, costs, prices (.csv)
 *   report_text.c   summary.txt and the key decisions in plain words
 *   report_json.c   solution.json (SPEC §9)
 *   report_html.c   report.html with its SVG charts
 *   report_tariff.c heat_tariff.csv (the cost-recovering price of network heat)
 *   report_grants.c grants.csv (grants that pay part of the capex: owner incentives)
 *   report_counts.c counts.csv (assets counted in things: dwellings, buses, ha)
 */
#ifndef TICO_REPORT_INT_H
#define TICO_REPORT_INT_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"
#include "solution.h"
#include "svg.h"
#include "tic.h"

/* A growable list of strings; the list owns them. */
typedef struct {
    char **v;
    int n, cap;
} StrList;

void report_strlist_add(StrList *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void report_strlist_free(StrList *l);

/* Everything the writers share for one call of report_write(). */
typedef struct {
    const Model *m;
    const Solution *s;
    const Solution *base;   /* may be NULL */
    const TicReport *tic;
    const char *dir;        /* the output folder (to read macc.csv from) */
    int nsectors;           /* sectors of plants and assets, in order of first appearance */
    const char **sectors;   /* [nsectors] pointers into the Model */
} ReportCtx;

/* ---- flows (report_csv.c) --------------------------------------------------------- */

/* Entities of the flow table: plants, then assets, markets, demands. */
static inline int report_nentities(const Model *m) { return m->nplants + m->nassets + m->nmarkets + m->ndemands; }
const char *report_entity_id(const Model *m, int e);

/* Net flows of period t, signed (+ supplied to the cluster, - used), into
 * F[(c * E + e) * S + sl] (E = report_nentities, S = nslices), zeroed first. Slice commodities
 * get one value per slice; annual commodities and products without a balance one value in
 * sl = 0 (the year). Plant flows are flat over the year (share phi_s in slice s). */
void report_period_flows(const Model *m, const Solution *s, int t, double *F);

int report_sector_index(const ReportCtx *x, const char *sector);

/* ---- files -------------------------------------------------------------------------- */

void report_pathway_csv(FILE *f, const ReportCtx *x);
void report_assets_csv(FILE *f, const ReportCtx *x);
void report_spurs_csv(FILE *f, const ReportCtx *x);
void report_flows_csv(FILE *f, const ReportCtx *x);
void report_emissions_csv(FILE *f, const ReportCtx *x);
void report_costs_csv(FILE *f, const ReportCtx *x);
void report_prices_csv(FILE *f, const ReportCtx *x);
void report_summary_txt(FILE *f, const ReportCtx *x);
/* heat_tariff.csv (report_tariff.c), written when the instance has a heat network: a
 * commodity with a `network` and a `slice` balance that a demand or an asset uses. */
bool report_tariff_applies(const Model *m);
void report_heat_tariff_csv(FILE *f, const ReportCtx *x);
void report_heat_tariff_html(FILE *f, const ReportCtx *x); /* the table of report.html */
/* grants.csv (report_grants.c), written when a technology has a grant_share: the grants that
 * pay part of the capex of what is built (transfers). report_grants_totals() writes the rows
 * to f (NULL: none) and sums capex, grant and discounted grant into tot[3]. */
bool report_grants_apply(const Model *m);
void report_grants_totals(const Model *m, const Solution *s, FILE *f, double *tot);
void report_grants_csv(FILE *f, const ReportCtx *x);
/* counts.csv and summary.txt's counts table (report_counts.c), when an asset has `counts`:
 * modules installed and built x what one module is (dwellings, buses, ha). */
bool report_counts_apply(const Model *m);
void report_counts_csv(FILE *f, const ReportCtx *x);
void report_counts_txt(FILE *f, const Model *m, const Solution *s);
void report_counts_html(FILE *f, const Model *m, const Solution *s);
int report_solution_json(FILE *f, const ReportCtx *x);   /* 0, or -1 if the JSON is malformed */
void report_html(FILE *f, const ReportCtx *x);

/* Key decisions of period t in plain words, one sentence each (no final period), appended
 * to out: route conversions and new lines, assets built or expanded, spurs built. */
/* Plants whose route mix returns to an earlier one (A, then B, then A again): one sentence
 * each, "NAME: A 2025-2035, B 2040, A 2045" (summary.txt: equivalent within the gap). */
void report_flips(const Model *m, const Solution *s, StrList *out);

void report_decisions(const Model *m, const Solution *s, int t, StrList *out);

/* The technologies in operation in period t (routes with lines operating, assets with
 * modules installed), counted once each: how many (*n), and how many give `jobs` and `gva`
 * figures (> 0). For reports to say "n/a" or "k of n" instead of a silent 0. */
void report_coverage(const Model *m, const Solution *s, int t, int *n, int *with_jobs, int *with_gva);

/* What was computed, in words (report_text.c): the instance's policy, "carbon price 85-168
 * EUR/t, cap on scope 1+2" (or "no climate policy"); and the headline "least-cost pathway under
 * the instance's policy (...); net scope 1 in 2050: 0.2 Mt CO2e/yr (not net zero)". */
void report_policy_words(const Model *m, char *buf, size_t n);
void report_headline(const Model *m, const Solution *s, char *buf, size_t n);

/* The TIC table of report.html (report_html_tic.c), and the "By sector" table (tic_sectors.csv's
 * scope 1, scope 1+2+3, removals and direct jobs in the first and last period, capex over
 * the horizon). */
void report_html_tic_table(FILE *f, const ReportCtx *x);
void report_html_sector_table(FILE *f, const ReportCtx *x);
void report_html_num_cell(FILE *f, double v); /* <td>3,119,084</td>, <td>12.5</td>, <td>&ndash;</td> */
/* A note that names what a chart's "other" holds (svg_chart_folded): into buf, "" when
 * nothing is folded. div: the divisor the values were scaled by, units: their unit family
 * (REPORT_TONNES, REPORT_MONEY); each series is named with its largest |value| and period;
 * the note ends with tail (NULL: "."), e.g. REPORT_SECTOR_TAIL. */
void report_html_other_note(char *buf, size_t n, const SvgChart *c, double div, const char *const units[4],
                            const char *tail);
#define REPORT_SECTOR_TAIL "; each sector's figures are in the table \"By sector\" below."
/* The MACC section of report.html (report_html_macc.c). */
void report_html_macc(FILE *f, const ReportCtx *x);
/* Shared by report_html.c and report_html_macc.c: the units of tonnes for report_scale; the
 * readable names of n ids (svg_readable; one allocation, free() it); the end of a <figure>
 * with its caption. */
extern const char *const REPORT_TONNES[4];
extern const char *const REPORT_MONEY[4];
char (*report_html_readable(const char *const *ids, int n))[96];
void report_html_figure_end(FILE *f, const char *caption);

/* Total cost of period t over all components, EUR per year. */
double report_cost_annual(const Solution *s, int t);

/* Choose a display unit for values up to maxabs: divides by 1, 1e3, 1e6 or 1e9 and names it
 * from units[0..3] (e.g. {"t", "kt", "Mt", "Gt"}). Returns the divisor. */
double report_scale(double maxabs, const char *const units[4], const char **unit);

#endif
