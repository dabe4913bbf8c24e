/*
 * tic.h — the Transitioning Industrial Clusters indicators (SPEC §6.3): emissions against a
 * baseline and the base year, direct jobs, construction jobs, gross value added, and the
 * indirect and induced jobs and value added of the cluster's spending through the
 * instance's input-output table.
 *
 * Definitions (written into tic.json and docs/scopes.md as well):
 *  - baseline: the same instance solved with carbon price 0, no cap and no budget (the
 *    `baseline` Solution given to report_write); without it the baseline figures are empty.
 *    docs/scopes.md explains the scopes and the job definitions with an example.
 *  - emissions = net scope 1 + scope 2 + scope 3 of the cluster, t CO2e per year: scope 2 =
 *    the CO2 of bought energy (imports from markets with co2_scope 2: electricity, heat,
 *    hydrogen), scope 3 = the CO2 embedded in bought materials (co2_scope 3: HBI, clinker),
 *    each market's co2 of period t x its imports. captured = CO2 captured by plants and
 *    assets; stored = exports to a market of a CO2 carrier: a capture
 *    commodity (some technology captures into it) or what a CO2 handling process makes of
 *    one (one unit in, one unit of its only output: co2 -> co2_liquid at a terminal), i.e.
 *    CO2 shipped to storage.
 *  - reduction vs baseline = baseline emissions - emissions (same period); vs base year =
 *    base-year emissions - emissions, where the base year is the pathway's first period
 *    (0 in that period by definition).
 *  - direct operating jobs = sum of jobs x capacity in operation: plants jobs_r x Q_p x
 *    lines operating on r; assets jobs x module x modules installed. Base-year capacity:
 *    the existing lines of each plant (on its existing route) and the existing modules of
 *    each asset available in the first period; base-year jobs = their jobs.
 *    In period t, per plant, the base-year lines still operating are k = min(lines operating,
 *    base-year lines), filled first by the lines on the existing route, then by the lines on
 *    other routes (converted lines) at their average jobs per line:
 *      protected = jobs on those k lines (on any route, converted lines included);
 *      created = the plant's direct jobs - protected (capacity beyond the base year's);
 *      lost = max(0, base-year jobs - protected) (base-year jobs no longer operating: lines
 *             stopped or retired, and fewer jobs on a converted line).
 *    Assets the same with modules (one technology: k = min(installed, base-year modules)).
 *    Baseline jobs and GVA: the same figures of the baseline solve (the counterfactual of
 *    "protected").
 *  - construction job-years in a period = construction_jobs x capex (MEUR) of the builds of
 *    that period (plants and assets; spurs have no technology and count no jobs).
 *  - gross value added = gva x activity (route production, process activity, storage
 *    discharge), EUR per year.
 *  - input-output (when the instance has `economics`): spending is put as final demand
 *    into the sector named for it: capex of the builds of a period (plants, assets, spurs) is
 *    split TIC_CAPEX_CONSTRUCTION_SHARE to `construction` and the rest to `equipment` (all to
 *    one of them when only one is named); energy = imports (EUR per year) to `energy`; O&M =
 *    fixed + variable O&M (EUR per year) to `om`. Effects through io_effects() (io_table.h):
 *    indirect = supply chain beyond the receiving sectors' first round (the first round is
 *    left out because the direct figures above already count it), induced = household
 *    spending when the table has a "households" sector. Capex gives job-years and EUR of
 *    value added per period; operating spending gives FTE and EUR per year.
 */
#ifndef TICO_TIC_H
#define TICO_TIC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "model.h"
#include "solution.h"

/* Share of capex spent in the construction sector (civil works, erection, installation);
 * the rest buys equipment. A round assumption, not from the data catalogue: change it here. */
#define TIC_CAPEX_CONSTRUCTION_SHARE 0.4

/* The indicators of one period: X(field, column name, unit, definition). The order is the
 * column order of tic.csv and the key order of tic.json. */
#define TIC_FIELDS(X)                                                                                          \
    X(base_scope1, "baseline_scope1_t", "t CO2e/yr", "net scope-1 emissions of the baseline solve")            \
    X(base_scope2, "baseline_scope2_t", "t CO2e/yr", "scope-2 emissions (bought energy) of the baseline solve") \
    X(base_scope3, "baseline_scope3_t", "t CO2e/yr",                                                           \
      "scope-3 emissions (embedded in bought materials) of the baseline solve")                                \
    X(base_captured, "baseline_captured_t", "t CO2/yr", "CO2 captured in the baseline solve")                  \
    X(base_stored, "baseline_stored_t", "t CO2/yr", "captured CO2 exported to storage in the baseline solve")  \
    X(scope1, "scope1_t", "t CO2e/yr", "net scope-1 emissions of plants and assets")                            \
    X(scope2, "scope2_t", "t CO2e/yr", "scope 2: CO2 of bought energy (co2 x imports, markets with co2_scope 2)") \
    X(scope3, "scope3_t", "t CO2e/yr", "scope 3: CO2 embedded in bought materials (co2 x imports, co2_scope 3)") \
    X(captured, "captured_t", "t CO2/yr", "CO2 captured by plants and assets")                                  \
    X(stored, "stored_t", "t CO2/yr", "exports of captured CO2 (or of what a terminal makes of it) to storage")   \
    X(emissions, "emissions_t", "t CO2e/yr", "scope1 + scope2 + scope3")                                       \
    X(base_emissions, "baseline_emissions_t", "t CO2e/yr", "baseline scope1 + scope2 + scope3")                \
    X(red_baseline, "reduction_vs_baseline_t", "t CO2e/yr", "baseline emissions - emissions")                  \
    X(red_baseline_pct, "reduction_vs_baseline_pct", "%", "100 x reduction vs baseline / baseline emissions")  \
    X(red_base_year, "reduction_vs_base_year_t", "t CO2e/yr", "emissions of the pathway's first period - emissions") \
    X(red_base_year_pct, "reduction_vs_base_year_pct", "%",                                                    \
      "100 x reduction vs base year / emissions of the pathway's first period")                                \
    X(jobs_direct, "jobs_direct_fte", "FTE", "jobs x capacity in operation (plants and assets)")               \
    X(jobs_protected, "jobs_protected_fte", "FTE",                                                             \
      "direct jobs on base-year capacity still operating, on any route (converted lines included)")           \
    X(jobs_created, "jobs_created_fte", "FTE", "direct jobs on capacity beyond the base year's")               \
    X(jobs_lost, "jobs_lost_fte", "FTE",                                                                       \
      "base-year jobs no longer operating (per plant or asset: base-year jobs - protected, >= 0)")            \
    X(jobs_base_year, "jobs_base_year_fte", "FTE",                                                             \
      "direct jobs on the base-year capacity (existing lines and modules of the first period)")               \
    X(base_jobs_direct, "baseline_jobs_direct_fte", "FTE", "direct jobs of the baseline solve")                \
    X(construction_job_years, "construction_job_years", "job-years", "construction_jobs x capex (MEUR) of the period's builds") \
    X(gva, "gva_eur", "EUR/yr", "gva x activity")                                                              \
    X(base_gva, "baseline_gva_eur", "EUR/yr", "gva x activity of the baseline solve")                          \
    X(capex, "capex_eur", "EUR", "overnight capex of the period's builds (plants, assets, spurs)")             \
    X(spend_construction, "spend_construction_eur", "EUR", "domestic capex put into the construction sector")           \
    X(spend_equipment, "spend_equipment_eur", "EUR", "domestic capex put into the equipment sector")                 \
    X(spend_energy, "spend_energy_eur", "EUR/yr", "domestic energy imports put into the energy sector")                     \
    X(spend_om, "spend_om_eur", "EUR/yr", "domestic fixed + variable O&M put into the O&M sector")                      \
    X(indirect_jobs, "indirect_jobs_fte", "FTE", "supply-chain jobs of the operating spending")               \
    X(induced_jobs, "induced_jobs_fte", "FTE", "household-spending jobs of the operating spending")           \
    X(indirect_va, "indirect_va_eur", "EUR/yr", "supply-chain value added of the operating spending")         \
    X(induced_va, "induced_va_eur", "EUR/yr", "household-spending value added of the operating spending")     \
    X(indirect_cjobs, "indirect_construction_job_years", "job-years", "supply-chain jobs of the period's capex") \
    X(induced_cjobs, "induced_construction_job_years", "job-years", "household-spending jobs of the period's capex") \
    X(indirect_cva, "indirect_construction_va_eur", "EUR", "supply-chain value added of the period's capex")  \
    X(induced_cva, "induced_construction_va_eur", "EUR", "household-spending value added of the period's capex") \
    X(removals, "removals_t", "t CO2/yr",                                                                      \
      "CO2 taken from the air: captured biogenic CO2 (trees, hedges, direct air capture, BECCS); inside scope1_t, " \
      "not a reduction")

#define TIC_DECLARE(field, column, unit, text) double field;
typedef struct {
    int year;
    TIC_FIELDS(TIC_DECLARE) /* NaN where not available (no baseline, no economics) */
} TicPeriod;
#undef TIC_DECLARE

/* Totals over the horizon (each period's yearly value x its length L_t). */
typedef struct {
    double emissions, base_emissions, red_baseline; /* t CO2e */
    double stored;                                  /* t CO2 */
    double construction_job_years, indirect_cjobs, induced_cjobs;
    double operating_job_years;                     /* direct FTE x years */
    double base_operating_job_years;                /* the same in the baseline; NaN without one */
    double gva;                                     /* EUR, undiscounted */
    double capex;                                   /* EUR, undiscounted */
} TicHorizon;

typedef struct {
    int T;
    TicPeriod *p;        /* [T] */
    TicHorizon h;
    bool has_baseline;
    bool has_io;         /* the instance has an input-output table and it solved */
    bool has_induced;    /* ... with a households sector */
    char io_error[160];  /* why the input-output step failed, "" if it did not */
    /* By sector (tic_sectors.csv, tic.json "sectors"): the sectors of the plants and of the
     * assets' technologies in order of first appearance (plants first), then one more row,
     * TIC_UNALLOCATED, for what no plant or asset uses (below). sec[k * T + t] holds sector
     * k in period t; only the fields for which tic_per_sector() is true are figures (the
     * rest NaN), and over k = 0..nsectors they add up to p[t]'s. */
    int nsectors;
    const char **sectors; /* [nsectors] pointers into the Model */
    TicPeriod *sec;       /* [(nsectors + 1) * T] */
} TicReport;

/* The row of tic_sectors.csv that holds the part of scope 2 and scope 3 no plant or asset
 * uses (imports that feed demands or exports of the same commodity, or are disposed of). */
#define TIC_UNALLOCATED "(not allocated)"

/* Compute the indicators of solution s (baseline may be NULL). Returns a report the caller
 * frees with tic_free(); a failure of the input-output step leaves has_io false and says
 * why in io_error (the other figures are still there). */
TicReport *tic_compute(const Model *m, const Solution *s, const Solution *baseline);
void tic_free(TicReport *r);

/* Is the TicPeriod field at this offset given per sector (tic_sectors.csv's columns)?
 * Per plant or asset: scopes 1-3 (2 and 3 allocated, below), captured, removals, emissions,
 * the reductions in t, direct jobs (all five figures), construction job-years, GVA, capex,
 * and their baseline figures. Not: stored (exports of a market), the percentages (they do not
 * add up) and the input-output figures (cluster spending).
 * Scope 2 and 3 by sector: each period, the CO2 of the imports of a commodity is shared among
 * its users in proportion to their annual use of it (route and process inputs; a storage of
 * it: charge - discharge, its losses), demands and exports of the commodity counting as
 * users that are TIC_UNALLOCATED; an average-mix attribution (GHG Protocol location-based),
 * not a marginal one. A link (a process with one input and one output in the same unit,
 * output >= 0.9 x input, no emissions: a grid link, a pipeline, a terminal) passes its share
 * on to the users of its output, so the grid's CO2 reaches the plants and buses that use the
 * electricity behind the cluster's grid link. */
bool tic_per_sector(size_t offset);

/* tic.csv: a header, then one row per period (columns of TIC_FIELDS after `year`). */
void tic_write_csv(FILE *f, const TicReport *r);
/* tic_sectors.csv: a header `year,sector,` then the columns of TIC_FIELDS for which
 * tic_per_sector() is true; one row per period x sector (TIC_UNALLOCATED last). */
void tic_write_sectors_csv(FILE *f, const TicReport *r);
/* tic.json: definitions, per-period indicators, the horizon totals and `sectors`. */
void tic_write_json(FILE *f, const Model *m, const TicReport *r);

/* Add the direct figures of entity e (plant e < nplants, else asset e - nplants) in period
 * t to q: jobs_protected, jobs_created, jobs_lost, jobs_base_year, construction_job_years,
 * gva, capex (a plant's spurs included). The caller zeroes them first and sets jobs_direct. */
void tic_entity_direct(const Model *m, const Solution *s, int e, int t, TicPeriod *q);
/* The sector of entity e (plant, then asset's technology). */
const char *tic_entity_sector(const Model *m, int e);
/* tic_compute() without the sectors (tic.c; tic_compute() in tic_sector.c adds them):
 * nsectors 0, sectors and sec NULL. */
TicReport *tic_compute_cluster(const Model *m, const Solution *s, const Solution *baseline);
/* The offsets of the fields tic_per_sector() is true for, and how many. */
extern const size_t TIC_PER_SECTOR[];
extern const size_t TIC_NPER_SECTOR;

/* Overnight capex (EUR, undiscounted) of the builds of period t: the lines plant p builds on
 * its route slot r, the modules asset i builds, the spurs plant p builds. */
double tic_route_capex(const Model *m, const Solution *s, int p, int r, int t);
double tic_asset_capex(const Model *m, const Solution *s, int i, int t);
double tic_spur_capex(const Model *m, const Solution *s, int p, int t);

/* Activity of asset i in period t over all slices (a storage: its discharge); a storage's
 * charge into *charge (0 for a process) when charge is not NULL. */
double tic_asset_activity(const Model *m, const Solution *s, int i, int t, double *charge);

/* Is c the capture commodity of some technology? */
bool tic_is_capture_commodity(const Model *m, int c);
/* MWh per unit of commodity c: from its unit (kWh, MWh, GWh, TWh, MJ, GJ, TJ, PJ, with an
 * optional qualifier after '_' or ' ', e.g. "MWh_th"), 33.33 for hydrogen in t (lower
 * heating value), else 0 (not an energy). The reports use it too. */
double tic_mwh_per_unit(const Model *m, int c);
/* CO2 carriers: [ncommodities] flags (the caller frees): the capture commodities, and the
 * only output of any process that turns one unit of a carrier into one unit of it (CO2
 * compression, liquefaction, shipping terminals), repeated along chains. */
bool *tic_co2_carriers(const Model *m);
/* Total flow of market k in period t (units per year: sum over slices, or the annual flow). */
double tic_market_total(const Model *m, const Solution *s, int k, int t);
/* Captured CO2 exported to storage markets in period t (t CO2 per year): exports of the CO2
 * carriers (tic_co2_carriers). */
double tic_stored(const Model *m, const Solution *s, int t);
/* CO2 removed from the air in period t (t/yr) by plant p or asset i: captured biogenic CO2,
 * capture rate x biogenic x activity (trees and hedges, direct air capture, BECCS). */
double tic_plant_removals(const Model *m, const Solution *s, int p, int t);
double tic_asset_removals(const Model *m, const Solution *s, int i, int t);

#endif
