/*
 * test_tic.c — TIC indicators (tic.c) and the Leontief step (io_table.c) against hand
 * computations.
 */
#include <math.h>

#include "io_table.h"
#include "report.h"
#include "report_fixture.h"
#include "testing.h"
#include "tic.h"

/*
 * A 3-sector table solved by hand backwards: choose the output x = (100, 50, 200) and take
 * f = x - A x with
 *       | 0.1  0.2  0.1  |            | 10 + 10 + 20 |   | 40 |            | 60  |
 *   A = | 0.3  0.1  0.0  |    A x  =  | 30 +  5 +  0 | = | 35 |,   f  =   | 15  |
 *       | 0.0  0.2  0.25 |            |  0 + 10 + 50 |   | 60 |            | 140 |
 * so (I - A) x = f must give back x = (100, 50, 200).
 */
static void test_leontief_3sector(void)
{
    const double A[9] = {0.1, 0.2, 0.1, 0.3, 0.1, 0.0, 0.0, 0.2, 0.25};
    const double f[3] = {60, 15, 140};
    double x[3];
    CU_ASSERT_EQUAL(io_leontief(3, A, f, x), 0);
    TT_ASSERT_REL(x[0], 100.0, 1e-12);
    TT_ASSERT_REL(x[1], 50.0, 1e-12);
    TT_ASSERT_REL(x[2], 200.0, 1e-12);
    /* in place */
    double y[3] = {60, 15, 140};
    CU_ASSERT_EQUAL(io_leontief(3, A, y, y), 0);
    TT_ASSERT_REL(y[2], 200.0, 1e-12);
}

/* I - A singular (A = I): LAPACK reports it and x is left alone. */
static void test_leontief_singular(void)
{
    const double A[4] = {1, 0, 0, 1};
    const double f[2] = {1, 2};
    double x[2] = {-7, -7};
    CU_ASSERT(io_leontief(2, A, f, x) > 0);
    CU_ASSERT_EQUAL(x[0], -7);
}

/*
 * Type I and Type II by hand. Sectors industry (0), services (1), households (2); EUR amounts
 * in MEUR below. Services buy 0.5 of industry per EUR; households are paid 0.5 (industry) and
 * 0.25 (services) per EUR of output and spend 0.25 on industry, 0.5 on services per EUR:
 *       | 0    0.5   0.25 |
 *   A = | 0    0     0.5  |        f = (0, 100, 0)
 *       | 0.5  0.25  0    |
 * Type I (households out): x0 = 0.5 x1, x1 = 100 -> x_I = (50, 100).
 * Type II: x1 = 100 + 0.5 x2; x0 = 0.5 x1 + 0.25 x2 = 50 + 0.5 x2;
 *          x2 = 0.5 x0 + 0.25 x1 = 25 + 0.25 x2 + 25 + 0.125 x2 -> 0.625 x2 = 50 -> x2 = 80,
 *          x_II = (90, 140, 80).
 * jobs (per MEUR) = (10, 20, 0), va = (0.5, 0.6, 0):
 *   first round  jobs.f = 20 x 100 = 2000, va.f = 60
 *   indirect     jobs.(x_I - f) = 10 x 50 = 500, va = 0.5 x 50 = 25
 *   induced      jobs.(x_II - x_I) = 10 x 40 + 20 x 40 = 1200, va = 0.5 x 40 + 0.6 x 40 = 44
 */
static void test_effects_households(void)
{
    char s0[] = "industry", s1[] = "services", s2[] = "Households", s3[] = "trade";
    char *sectors[3] = {s0, s1, s2};
    double A[9] = {0, 0.5, 0.25, 0, 0, 0.5, 0.5, 0.25, 0};
    double jobs[3] = {10, 20, 0}, va[3] = {0.5, 0.6, 0};
    Economics e = {.nsectors = 3, .sectors = sectors, .A = A, .jobs = jobs, .value_added = va, .present = true};
    CU_ASSERT_EQUAL(io_households(&e), 2);
    const double f[3] = {0, 100e6, 0};
    IoEffects fx;
    CU_ASSERT_EQUAL(io_effects(&e, f, &fx), 0);
    TT_ASSERT_REL(fx.first_round.jobs, 2000, 1e-12);
    TT_ASSERT_REL(fx.first_round.va, 60e6, 1e-12);
    TT_ASSERT_REL(fx.indirect.output, 50e6, 1e-12);
    TT_ASSERT_REL(fx.indirect.jobs, 500, 1e-12);
    TT_ASSERT_REL(fx.indirect.va, 25e6, 1e-12);
    CU_ASSERT(fx.has_induced);
    TT_ASSERT_REL(fx.induced.output, 80e6, 1e-12);
    TT_ASSERT_REL(fx.induced.jobs, 1200, 1e-12);
    TT_ASSERT_REL(fx.induced.va, 44e6, 1e-12);
    /* without a households sector: no induced effect */
    sectors[2] = s3;
    CU_ASSERT_EQUAL(io_effects(&e, f, &fx), 0);
    CU_ASSERT(!fx.has_induced);
}

/*
 * The tiny cluster of report_fixture.h with its 3-sector table (tiny_io.cfg), by hand:
 * 2030 jobs: bf 1 line x 1e6 x 0.001 = 1000, dri 1e6 x 0.0008 = 800, kiln_ccs 1e6 x 0.0003 =
 *   300, electrolyser 2 x 1e6 x 0.00005 = 100. Base-year capacity: the works' 2 bf lines (2000
 *   jobs) and the cement kiln (200): 2200. Protected (base-year lines still operating, on any
 *   route): works k = min(2, 2) = 2 lines, bf 1000 + the converted dri line 800 = 1800; cement
 *   its converted line, 300: 2100. Created: the electrolyser's new modules, 100. Lost: works
 *   2000 - 1800 = 200 (a dri line has 200 jobs fewer than a furnace line), cement
 *   max(0, 200 - 300) = 0: 200. Baseline: the existing plants as they are, 2200 jobs, gva
 *   100 x 1.5e6 + 30 x 0.8e6 = 1.74e8.
 * construction: dri 900 MEUR x 2 + kiln_ccs 100 MEUR x 1 + electrolyser 300 MEUR x 1.5 = 2350.
 * capex 9e8 + 1e8 + 3e8 + spurs 5e5 + 6e5 = 1.3011e9; gva 100 x 0.5e6 + 120 x 1e6 + 30 x 0.8e6
 *   + 5 x 2e6 = 2.04e8.
 * emissions 1.164e6 + 185500 = 1.3495e6 vs baseline (and 2025) 3.6475e6: 2.298e6 less.
 * Input-output (A nilpotent: x = f + A f + A^2 f, x0 = f0, x1 = f1 + 0.5 f0,
 *   x2 = f2 + 0.2 f1 + 0.1 f0): capex f = (0.4, 0.6, 0) x 1.3011e9 = (5.2044e8, 7.8066e8, 0):
 *   x - f = (0, 2.6022e8, 1.56132e8 + 5.2044e7 = 2.08176e8), jobs 5 x 260.22 + 2 x 208.176
 *   = 1717.452 job-years, va 0.3 x 2.6022e8 + 0.5 x 2.08176e8 = 1.82154e8.
 *   Operating f = (0, O&M 4.25e7, imports 7.42e7): x - f = (0, 0, 8.5e6): 17 FTE, 4.25e6 EUR.
 * 2025: jobs 2 x 1000 + 200 = 2200 all protected; opex f = (0, 2.75e7, 3e6): x - f =
 *   (0, 0, 5.5e6): 11 FTE.
 */
static void test_tic_kpis(void)
{
    Model *m = rf_load(RF_TINY_IO);
    Solution *s = rf_pathway(m), *b = rf_baseline(m);
    TicReport *r = tic_compute(m, s, b);
    CU_ASSERT(r->has_baseline && r->has_io && !r->has_induced);
    const TicPeriod *q0 = &r->p[0], *q = &r->p[1];
    CU_ASSERT_EQUAL(q->year, 2030);
    TT_ASSERT_REL(q->emissions, 1.3495e6, 1e-12);
    TT_ASSERT_REL(q->base_emissions, 3.6475e6, 1e-12);
    TT_ASSERT_REL(q->red_baseline, 2.298e6, 1e-12);
    TT_ASSERT_REL(q->red_baseline_pct, 100.0 * 2.298e6 / 3.6475e6, 1e-12);
    TT_ASSERT_REL(q->red_base_year, 2.298e6, 1e-12);
    TT_ASSERT_REL(q->captured, 576000, 1e-12);
    TT_ASSERT_REL(q->stored, 576000, 1e-12);
    TT_ASSERT_REL(q->base_stored, 0, 1e-12);
    TT_ASSERT_REL(q->jobs_direct, 2200, 1e-12);
    TT_ASSERT_REL(q->jobs_protected, 2100, 1e-12);
    TT_ASSERT_REL(q->jobs_created, 100, 1e-12);
    TT_ASSERT_REL(q->jobs_lost, 200, 1e-12);
    TT_ASSERT_REL(q->jobs_base_year, 2200, 1e-12);
    TT_ASSERT_REL(q->base_jobs_direct, 2200, 1e-12);
    TT_ASSERT_REL(q->base_gva, 1.74e8, 1e-12);
    TT_ASSERT_REL(q->construction_job_years, 2350, 1e-12);
    TT_ASSERT_REL(q->capex, 1.3011e9, 1e-12);
    TT_ASSERT_REL(q->gva, 2.04e8, 1e-12);
    TT_ASSERT_REL(q->spend_construction, 5.2044e8, 1e-12);
    TT_ASSERT_REL(q->spend_equipment, 7.8066e8, 1e-12);
    TT_ASSERT_REL(q->spend_energy, 7.42e7, 1e-12);
    TT_ASSERT_REL(q->spend_om, 4.25e7, 1e-12);
    TT_ASSERT_REL(q->indirect_cjobs, 1717.452, 1e-10);
    TT_ASSERT_REL(q->indirect_cva, 1.82154e8, 1e-10);
    TT_ASSERT_REL(q->indirect_jobs, 17, 1e-10);
    TT_ASSERT_REL(q->indirect_va, 4.25e6, 1e-10);
    CU_ASSERT(isnan(q->induced_jobs));
    TT_ASSERT_REL(q0->jobs_direct, 2200, 1e-12);
    TT_ASSERT_REL(q0->jobs_protected, 2200, 1e-12);
    TT_ASSERT_REL(q0->jobs_created, 0, 1e-12);
    TT_ASSERT_REL(q0->gva, 1.74e8, 1e-12);
    TT_ASSERT_REL(q0->indirect_jobs, 11, 1e-10);
    TT_ASSERT_REL(q0->red_base_year, 0, 1e-12);
    /* horizon: 5 years a period */
    TT_ASSERT_REL(r->h.emissions, 5 * 3.6475e6 + 5 * 1.3495e6, 1e-12);
    TT_ASSERT_REL(r->h.base_emissions, 10 * 3.6475e6, 1e-12);
    TT_ASSERT_REL(r->h.red_baseline, 5 * 2.298e6, 1e-12);
    TT_ASSERT_REL(r->h.stored, 5 * 576000, 1e-12);
    TT_ASSERT_REL(r->h.operating_job_years, 5 * 2200 + 5 * 2200, 1e-12);
    TT_ASSERT_REL(r->h.gva, 5 * 1.74e8 + 5 * 2.04e8, 1e-12);
    TT_ASSERT_REL(r->h.indirect_cjobs, 1717.452, 1e-10);
    tic_free(r);
    solution_free(s);
    solution_free(b);
    model_free(m);
}

/*
 * Domestic shares: construction 0.5, equipment 0.25, energy 0, O&M 1 on the 2030 figures
 * above. Capex f = (0.5 x 5.2044e8, 0.25 x 7.8066e8, 0) = (2.6022e8, 1.95165e8, 0):
 *   x - f: manufacturing 0.5 x 2.6022e8 = 1.3011e8; energy 0.2 x (1.3011e8 + 1.95165e8) = 6.5055e7
 *   indirect job-years = 5 x 130.11 + 2 x 65.055 = 780.66; VA = 0.3 x 1.3011e8 + 0.5 x 6.5055e7 = 7.15605e7
 * Operating f = (0, 4.25e7, 0): x - f = (0, 0, 8.5e6): 17 FTE, 4.25e6 EUR (energy spending 0).
 */
static void test_tic_domestic_share(void)
{
    Model *m = rf_load(RF_TINY_IO);
    Solution *s = rf_pathway(m), *b = rf_baseline(m);
    m->economics.domestic[0] = 0.5;
    m->economics.domestic[1] = 0.25;
    m->economics.domestic[2] = 0.0;
    m->economics.domestic[3] = 1.0;
    TicReport *r = tic_compute(m, s, b);
    const TicPeriod *q = &r->p[1];
    TT_ASSERT_REL(q->spend_construction, 2.6022e8, 1e-12);
    TT_ASSERT_REL(q->spend_equipment, 1.95165e8, 1e-12);
    TT_ASSERT_REL(q->spend_energy, 0.0, 1e-12);
    TT_ASSERT_REL(q->spend_om, 4.25e7, 1e-12);
    TT_ASSERT_REL(q->indirect_cjobs, 780.66, 1e-10);
    TT_ASSERT_REL(q->indirect_cva, 7.15605e7, 1e-10);
    TT_ASSERT_REL(q->indirect_jobs, 17, 1e-10);
    TT_ASSERT_REL(q->indirect_va, 4.25e6, 1e-10);
    tic_free(r);
    solution_free(s);
    solution_free(b);
    model_free(m);
}

/* No baseline, no input-output table: those figures are empty (NaN), the rest is there. */
static void test_tic_without_baseline_or_table(void)
{
    Model *m = rf_load(RF_TINY);
    Solution *s = rf_pathway(m);
    TicReport *r = tic_compute(m, s, NULL);
    CU_ASSERT(!r->has_baseline && !r->has_io);
    CU_ASSERT(isnan(r->p[1].base_emissions));
    CU_ASSERT(isnan(r->p[1].red_baseline_pct));
    CU_ASSERT(isnan(r->p[1].indirect_jobs));
    CU_ASSERT(isnan(r->p[1].spend_energy));
    CU_ASSERT(isnan(r->h.base_emissions));
    TT_ASSERT_REL(r->p[1].red_base_year, 2.298e6, 1e-12);
    TT_ASSERT_REL(r->p[1].jobs_direct, 2200, 1e-12);
    tic_free(r);
    solution_free(s);
    model_free(m);
}

/* tic.csv and tic.json as files of report_write(). */
static void test_tic_files(void)
{
    Model *m = rf_load(RF_TINY_IO);
    Solution *s = rf_pathway(m), *b = rf_baseline(m);
    const char *dir = TT_TMP "/tic_files";
    CU_ASSERT_EQUAL(report_write(m, s, b, dir), TICO_OK);
    CU_ASSERT(rf_has_line(dir, "tic.csv",
                          "year,baseline_scope1_t,baseline_scope2_t,baseline_scope3_t,baseline_captured_t,"
                          "baseline_stored_t,scope1_t,scope2_t,scope3_t,captured_t,stored_t,emissions_t,"
                          "baseline_emissions_t,reduction_vs_baseline_t,"
                          "reduction_vs_baseline_pct,reduction_vs_base_year_t,reduction_vs_base_year_pct,"
                          "jobs_direct_fte,jobs_protected_fte,jobs_created_fte,jobs_lost_fte,jobs_base_year_fte,"
                          "baseline_jobs_direct_fte,construction_job_years,gva_eur,baseline_gva_eur,"
                          "capex_eur,spend_construction_eur,spend_equipment_eur,spend_energy_eur,spend_om_eur,"
                          "indirect_jobs_fte,induced_jobs_fte,indirect_va_eur,induced_va_eur,"
                          "indirect_construction_job_years,induced_construction_job_years,"
                          "indirect_construction_va_eur,induced_construction_va_eur,removals_t"));
    CU_ASSERT(rf_has_line(dir, "tic.csv",
                          "2025,3640000,7500,0,0,0,3640000,7500,0,0,0,3647500,3647500,0,0,0,0,2200,2200,0,0,2200,"
                          "2200,0,174000000,174000000,0,0,0,3000000,27500000,11,,2750000,,0,,0,,0"));
    CU_ASSERT(rf_has_line(dir, "tic.csv",
                          "2030,3640000,7500,0,0,0,1164000,185500,0,576000,576000,1349500,3647500,2298000,"
                          "63.0020562029,2298000,63.0020562029,2200,2100,100,200,2200,2200,2350,204000000,174000000,"
                          "1301100000,520440000,780660000,74200000,42500000,17,,4250000,,1717.452,,182154000,,0"));
    CU_ASSERT(rf_has(dir, "tic.json", "\"baseline\": \"the same instance solved with carbon price 0, no cap and no"));
    CU_ASSERT(rf_has(dir, "tic.json", "\"jobs_created_fte\": 100,"));
    CU_ASSERT(rf_has(dir, "tic.json", "\"jobs_lost_fte\": 200,"));
    CU_ASSERT(rf_has(dir, "tic.json", "\"induced_jobs_fte\": null,"));
    CU_ASSERT(rf_has(dir, "tic.json", "\"capex_construction_share\": 0.4,"));
    CU_ASSERT(rf_has(dir, "tic.json", "\"construction_job_years\": 2350,"));
    CU_ASSERT(rf_has(dir, "tic.json", "\"has_induced\": false,"));
    solution_free(s);
    solution_free(b);
    model_free(m);
}

/*
 * By sector, the tiny cluster of report_fixture.h in 2030 (sectors steel = works, cement =
 * cementco, hydrogen = h2park), by hand:
 *   scope 1: steel 1.1e6, cement 64000, hydrogen 0; captured: cement 576000.
 *   scope 2 (185500 t, 3.71e6 MWh imported at 0.05 t/MWh, all used by the cluster): shared by
 *     electricity use: steel bf 0.1 x 0.5e6 + dri 0.5 x 1e6 = 5.5e5 MWh -> 27500 t; cement
 *     kiln_ccs 0.2 x 0.8e6 = 1.6e5 -> 8000 t; hydrogen electrolyser 1.5 x 2e6 = 3e6 -> 150000 t.
 *   emissions: steel 1127500, cement 72000, hydrogen 150000 (sum 1349500).
 *   baseline (= 2025): steel 3e6 + 0.05 x 0.1 x 1.5e6 = 3007500, cement 640000 (the kiln uses
 *     no electricity), hydrogen 0; reductions 1880000, 568000, -150000 (sum 2298000).
 *   jobs: steel direct 1000 + 800 = 1800, all protected, lost 200, base year 2000; cement
 *     direct 300 protected, base year 200; hydrogen 100 created. Baseline jobs 2000, 200, 0.
 *   construction job-years: steel 2 x 900 = 1800, cement 1 x 100 = 100, hydrogen 1.5 x 300 = 450.
 *   capex: steel 9e8 + its hydrogen spur 5e5, cement 1e8 + its co2 spur 6e5, hydrogen 3e8.
 *   GVA: steel 100 x 0.5e6 + 120 x 1e6 = 1.7e8, cement 30 x 0.8e6 = 2.4e7, hydrogen 5 x 2e6 = 1e7;
 *     baseline 1.5e8, 2.4e7, 0.
 * Nothing is left for "(not allocated)". In 2025 steel carries all of scope 2 (7500 t).
 */
static void test_tic_sectors(void)
{
    Model *m = rf_load(RF_TINY_IO);
    Solution *s = rf_pathway(m), *b = rf_baseline(m);
    TicReport *r = tic_compute(m, s, b);
    int T = r->T;
    CU_ASSERT_EQUAL(r->nsectors, 3);
    CU_ASSERT_STRING_EQUAL(r->sectors[0], "steel");
    CU_ASSERT_STRING_EQUAL(r->sectors[1], "cement");
    CU_ASSERT_STRING_EQUAL(r->sectors[2], "hydrogen");
    const TicPeriod *st = &r->sec[0 * T + 1], *ce = &r->sec[1 * T + 1], *h2 = &r->sec[2 * T + 1],
                    *na = &r->sec[3 * T + 1];
    TT_ASSERT_REL(st->scope1, 1.1e6, 1e-12);
    TT_ASSERT_REL(ce->scope1, 64000, 1e-12);
    TT_ASSERT_REL(h2->scope1, 0, 1e-12);
    TT_ASSERT_REL(ce->captured, 576000, 1e-12);
    TT_ASSERT_REL(st->scope2, 27500, 1e-12);
    TT_ASSERT_REL(ce->scope2, 8000, 1e-12);
    TT_ASSERT_REL(h2->scope2, 150000, 1e-12);
    TT_ASSERT_REL(na->scope2, 0, 1e-12);
    TT_ASSERT_REL(st->emissions, 1127500, 1e-12);
    TT_ASSERT_REL(ce->emissions, 72000, 1e-12);
    TT_ASSERT_REL(h2->emissions, 150000, 1e-12);
    TT_ASSERT_REL(st->base_emissions, 3007500, 1e-12);
    TT_ASSERT_REL(ce->base_emissions, 640000, 1e-12);
    TT_ASSERT_REL(st->red_baseline, 1880000, 1e-12);
    TT_ASSERT_REL(ce->red_baseline, 568000, 1e-12);
    TT_ASSERT_REL(h2->red_baseline, -150000, 1e-12);
    TT_ASSERT_REL(h2->red_base_year, -150000, 1e-12);
    TT_ASSERT_REL(st->jobs_direct, 1800, 1e-12);
    TT_ASSERT_REL(st->jobs_protected, 1800, 1e-12);
    TT_ASSERT_REL(st->jobs_lost, 200, 1e-12);
    TT_ASSERT_REL(st->jobs_base_year, 2000, 1e-12);
    TT_ASSERT_REL(ce->jobs_protected, 300, 1e-12);
    TT_ASSERT_REL(ce->jobs_lost, 0, 1e-12);
    TT_ASSERT_REL(ce->jobs_base_year, 200, 1e-12);
    TT_ASSERT_REL(h2->jobs_created, 100, 1e-12);
    TT_ASSERT_REL(h2->jobs_base_year, 0, 1e-12);
    TT_ASSERT_REL(st->base_jobs_direct, 2000, 1e-12);
    TT_ASSERT_REL(ce->base_jobs_direct, 200, 1e-12);
    TT_ASSERT_REL(st->construction_job_years, 1800, 1e-12);
    TT_ASSERT_REL(ce->construction_job_years, 100, 1e-12);
    TT_ASSERT_REL(h2->construction_job_years, 450, 1e-12);
    TT_ASSERT_REL(st->capex, 9.005e8, 1e-12);
    TT_ASSERT_REL(ce->capex, 1.006e8, 1e-12);
    TT_ASSERT_REL(h2->capex, 3e8, 1e-12);
    TT_ASSERT_REL(st->gva, 1.7e8, 1e-12);
    TT_ASSERT_REL(ce->gva, 2.4e7, 1e-12);
    TT_ASSERT_REL(h2->gva, 1e7, 1e-12);
    TT_ASSERT_REL(st->base_gva, 1.5e8, 1e-12);
    TT_ASSERT_REL(r->sec[0 * T].scope2, 7500, 1e-12);
    TT_ASSERT_REL(r->sec[1 * T].scope2, 0, 1e-12);
    /* cluster-only figures are not given per sector */
    CU_ASSERT(isnan(st->stored) && isnan(st->red_baseline_pct) && isnan(st->indirect_jobs));
    CU_ASSERT(!tic_per_sector(offsetof(TicPeriod, stored)));
    CU_ASSERT(tic_per_sector(offsetof(TicPeriod, jobs_lost)));
    /* every per-sector field adds up to the cluster's, every period */
#define SUM_CHECK(field, column, unit, text)                                                   \
    if (tic_per_sector(offsetof(TicPeriod, field))) {                                          \
        double sum = 0.0;                                                                      \
        for (int k = 0; k <= r->nsectors; k++)                                                 \
            sum += r->sec[k * T + t].field;                                                    \
        double want = r->p[t].field;                                                           \
        if (!(fabs(sum - want) <= 1e-9 * fmax(1.0, fabs(want))))                               \
            fprintf(stderr, "\n  %d %s: sectors %.17g, cluster %.17g\n", r->p[t].year, column, sum, want); \
        CU_ASSERT(fabs(sum - want) <= 1e-9 * fmax(1.0, fabs(want)));                           \
        nchecked++;                                                                            \
    }
    int nchecked = 0;
    for (int t = 0; t < T; t++) {
        TIC_FIELDS(SUM_CHECK)
    }
    CU_ASSERT_EQUAL(nchecked, 2 * 23);
    tic_free(r);
    /* without a baseline: the baseline figures are empty per sector too */
    r = tic_compute(m, s, NULL);
    CU_ASSERT(isnan(r->sec[1].base_emissions) && isnan(r->sec[1].red_baseline));
    TT_ASSERT_REL(r->sec[0 * T + 1].red_base_year, 3007500 - 1127500, 1e-12);
    tic_free(r);
    /* the file: header, and the rows of 2030 */
    const char *dir = TT_TMP "/tic_sectors";
    CU_ASSERT_EQUAL(report_write(m, s, b, dir), TICO_OK);
    CU_ASSERT(rf_has_line(dir, "tic_sectors.csv",
                          "year,sector,baseline_scope1_t,baseline_scope2_t,baseline_scope3_t,baseline_captured_t,"
                          "scope1_t,scope2_t,scope3_t,captured_t,emissions_t,baseline_emissions_t,"
                          "reduction_vs_baseline_t,reduction_vs_base_year_t,jobs_direct_fte,jobs_protected_fte,"
                          "jobs_created_fte,jobs_lost_fte,jobs_base_year_fte,baseline_jobs_direct_fte,"
                          "construction_job_years,gva_eur,baseline_gva_eur,capex_eur,removals_t"));
    CU_ASSERT(rf_has_line(dir, "tic_sectors.csv",
                          "2030,steel,3000000,7500,0,0,1100000,27500,0,0,1127500,3007500,1880000,1880000,1800,1800,0,"
                          "200,2000,2000,1800,170000000,150000000,900500000,0"));
    CU_ASSERT(rf_has_line(dir, "tic_sectors.csv",
                          "2030,hydrogen,0,0,0,0,0,150000,0,0,150000,0,-150000,-150000,100,0,100,0,0,0,450,10000000,0,"
                          "300000000,0"));
    CU_ASSERT(rf_has_line(dir, "tic_sectors.csv",
                          "2030,(not allocated),0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0"));
    CU_ASSERT(rf_has(dir, "tic.json", "\"sector\": \"cement\","));
    solution_free(s);
    solution_free(b);
    model_free(m);
}

/*
 * The part of scope 2 that a demand uses is "(not allocated)": the teaching modal shift
 * (instances/teach_modal_shift.cfg, copied) with its optimum put in by hand (2 bus modules run
 * 4e5 pkm/yr on 4e-4 MWh/pkm = 160 MWh/yr; cars 6e5 pkm/yr, 120 t/yr), plus an electricity
 * demand of 240 MWh/yr, an import factor of 0.25 t/MWh and so 400 MWh imported = 100 t,
 * bought as grid_electricity through a grid link (sector power, 1 MWh in, 1 MWh out, no
 * emissions: a link, whose share goes on to the users of its output): urban (the buses)
 * 100 x 160 / 400 = 40 t, not allocated 60 t, power 0.
 */
static void test_tic_sectors_demand(void)
{
    const char *path = tt_write("tic_sectors_demand.cfg",
        "cluster = { name = \"Modal shift with homes\"; country = \"FR\"; currency = \"EUR2025\"; };\n"
        "horizon = { periods = [2030]; last_period_years = 10; base_year = 2030; discount_rate = 0.0; };\n"
        "commodities = ( { id = \"commute\"; unit = \"pkm\"; balance = \"annual\"; },\n"
        "                { id = \"electricity\"; unit = \"MWh\"; balance = \"slice\"; },\n"
        "                { id = \"grid_electricity\"; unit = \"MWh\"; balance = \"slice\"; } );\n"
        "technologies = (\n"
        "  { id = \"car\"; sector = \"urban\"; kind = \"process\"; lifetime = 10; var_om = 0.20;\n"
        "    outputs = { commute = 1.0; }; emissions = { fossil = 0.0002; }; source = \"t\"; },\n"
        "  { id = \"bus\"; sector = \"urban\"; kind = \"process\"; lifetime = 10; capex = 1.0; var_om = 0.10;\n"
        "    inputs = { electricity = 0.0004; }; outputs = { commute = 1.0; }; source = \"t\"; },\n"
        "  { id = \"link\"; sector = \"power\"; kind = \"process\"; lifetime = 40; capex = 30.0;\n"
        "    inputs = { grid_electricity = 1.0; }; outputs = { electricity = 1.0; }; source = \"t\"; } );\n"
        "infrastructure = ( { id = \"cars\"; technology = \"car\"; module = 1.0e6; existing = 1; max_modules = 1; },\n"
        "                   { id = \"buses\"; technology = \"bus\"; module = 2.0e5; max_modules = 2; },\n"
        "                   { id = \"grid\"; technology = \"link\"; module = 1000.0; existing = 1; } );\n"
        "markets = ( { commodity = \"grid_electricity\"; direction = \"import\"; price = 100.0; co2 = 0.25; } );\n"
        "demands = ( { id = \"commuters\"; commodity = \"commute\"; amount = 1.0e6; },\n"
        "            { id = \"homes\"; commodity = \"electricity\"; amount = 240.0; } );\n"
        "policy = { carbon_price = 250.0; };\n");
    Model *m = rf_load(path);
    Solution *s = solution_new(m);
    int cars = 0, buses = 1;
    CU_ASSERT_STRING_EQUAL(m->assets[buses].id, "buses");
    s->asset_installed[cars] = 1;
    s->asset_installed[buses] = 2;
    s->asset_built[buses] = 2;
    for (int sl = 0; sl < m->nslices; sl++) {
        s->activity[sol_its(s, cars, 0, sl)] = 6e5 * m->slices[sl].share;
        s->activity[sol_its(s, buses, 0, sl)] = 4e5 * m->slices[sl].share;
        s->activity[sol_its(s, 2, 0, sl)] = 400.0 * m->slices[sl].share;
        s->market_flow[sl] = 400.0 * m->slices[sl].share;
    }
    s->asset_net_scope1[cars] = s->asset_gross[cars] = 120;
    s->market_scope2[0] = 100;
    s->emissions_scope1[0] = 120;
    s->emissions_scope2[0] = 100;
    TicReport *r = tic_compute(m, s, NULL);
    CU_ASSERT_EQUAL(r->nsectors, 2);
    CU_ASSERT_STRING_EQUAL(r->sectors[0], "urban");
    CU_ASSERT_STRING_EQUAL(r->sectors[1], "power");
    TT_ASSERT_REL(r->sec[0].scope1, 120, 1e-12);
    TT_ASSERT_REL(r->sec[0].scope2, 40, 1e-12);
    TT_ASSERT_REL(r->sec[1].scope2, 0, 1e-12);
    TT_ASSERT_REL(r->sec[2].scope2, 60, 1e-12);
    TT_ASSERT_REL(r->sec[0].emissions + r->sec[1].emissions + r->sec[2].emissions, r->p[0].emissions, 1e-12);
    TT_ASSERT_REL(r->sec[0].capex, 4e5, 1e-12); /* 2 x 2e5 pkm/yr x 1 EUR */
    tic_free(r);
    solution_free(s);
    model_free(m);
}

/* Stored CO2 follows the capture commodity through a terminal (1 t co2 -> 1 t co2_liquid)
 * to the export market; a process that makes methanol from CO2 does not store it. */
static void test_stored_through_terminal(void)
{
    const char *path = tt_write("tic_terminal.cfg",
        "cluster = { name = \"Terminal\"; };\n"
        "horizon = { periods = [2030]; discount_rate = 0.05; };\n"
        "commodities = ( { id = \"cement\"; balance = \"none\"; },\n"
        "  { id = \"co2\"; unit = \"t\"; balance = \"annual\"; },\n"
        "  { id = \"co2_liquid\"; unit = \"t\"; balance = \"annual\"; },\n"
        "  { id = \"electricity\"; unit = \"MWh\"; balance = \"annual\"; },\n"
        "  { id = \"methanol\"; unit = \"t\"; balance = \"annual\"; } );\n"
        "technologies = (\n"
        "  { id = \"kiln_ccs\"; sector = \"cement\"; kind = \"route\"; product = \"cement\"; lifetime = 25;\n"
        "    emissions = { process = 0.5; }; capture = { rate = 0.9; commodity = \"co2\"; }; source = \"t\"; },\n"
        "  { id = \"terminal\"; sector = \"ccs\"; kind = \"process\"; lifetime = 25;\n"
        "    inputs = { co2 = 1.0; electricity = 0.1; }; outputs = { co2_liquid = 1.0; }; source = \"t\"; },\n"
        "  { id = \"meoh\"; sector = \"chemicals\"; kind = \"process\"; lifetime = 25;\n"
        "    inputs = { co2_liquid = 1.37; }; outputs = { methanol = 1.0; }; source = \"t\"; } );\n"
        "infrastructure = ( { id = \"term\"; technology = \"terminal\"; module = 1e6; },\n"
        "                   { id = \"plant\"; technology = \"meoh\"; module = 1e5; } );\n"
        "markets = ( { id = \"storage\"; commodity = \"co2_liquid\"; direction = \"export\"; price = -40.0; },\n"
        "            { id = \"meoh_out\"; commodity = \"methanol\"; direction = \"export\"; price = 400.0; },\n"
        "            { commodity = \"electricity\"; direction = \"import\"; price = 60.0; } );\n"
        "plants = ( { id = \"works\"; product = \"cement\"; units = 1; unit_capacity = 1e6; routes = [\"kiln_ccs\"];\n"
        "             production = 1e6; } );\n");
    Model *m = rf_load(path);
    bool *carrier = tic_co2_carriers(m);
    CU_ASSERT(carrier[model_commodity(m, "co2")]);
    CU_ASSERT(carrier[model_commodity(m, "co2_liquid")]);
    CU_ASSERT(!carrier[model_commodity(m, "methanol")]);
    CU_ASSERT(!carrier[model_commodity(m, "electricity")]);
    free(carrier);
    Solution *s = solution_new(m);
    s->market_flow[0] = 400000;   /* storage: 450000 captured, 50000 made into methanol */
    s->market_flow[1] = 36496.35; /* methanol */
    TT_ASSERT_REL(tic_stored(m, s, 0), 400000, 1e-12);
    solution_free(s);
    model_free(m);
}

TT_MAIN("tic", {"Leontief 3-sector by hand", test_leontief_3sector},
        {"Leontief singular I - A", test_leontief_singular},
        {"indirect and induced by hand (households)", test_effects_households},
        {"TIC indicators of the tiny cluster by hand", test_tic_kpis},
        {"domestic shares of spending by hand", test_tic_domestic_share},
        {"no baseline, no table", test_tic_without_baseline_or_table}, {"tic.csv and tic.json", test_tic_files},
        {"stored CO2 through a terminal", test_stored_through_terminal},
        {"TIC by sector of the tiny cluster by hand", test_tic_sectors},
        {"scope 2 used by a demand is not allocated", test_tic_sectors_demand})
