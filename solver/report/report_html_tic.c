/*
 * report_html_tic.c — the TIC table of report.html (tic.csv's figures per period).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "out.h"
#include "xalloc.h"
#include "report_int.h"
#include "svg.h"
#include "tico.h"

static void cell(FILE *f, double v, const char *fmt)
{
    fputs("<td>", f);
    if (v == 0.0)
        v = 0.0; /* no "-0.0" */
    if (isfinite(v))
        fprintf(f, fmt, v);
    else
        fputs("&ndash;", f);
    fputs("</td>", f);
}

void report_html_tic_table(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const TicReport *tic = x->tic;
    double mx = 0.0;
    for (int t = 0; t < m->nperiods; t++)
        mx = fmax(mx, fmax(fabs(tic->p[t].emissions), fabs(tic->p[t].base_emissions)));
    const char *u, *mu;
    double d = report_scale(mx, REPORT_TONNES, &u);
    double gmax = 0.0;
    for (int t = 0; t < m->nperiods; t++)
        gmax = fmax(gmax, fmax(fabs(tic->p[t].gva), fabs(tic->p[t].base_gva)));
    double gd = report_scale(gmax, REPORT_MONEY, &mu);
    fputs("<div class=\"wide\">\n", f);
    fprintf(f, "<table>\n<tr><th>period</th><th>net scope 1<br>%s/yr</th><th>scope 2<br>%s/yr</th>"
               "<th>scope 3<br>%s/yr</th><th>scope 1+2+3<br>%s CO2e/yr</th><th>baseline 1+2+3<br>%s CO2e/yr</th>"
               "<th>vs baseline</th><th>vs %d (first period)</th><th>captured<br>%s/yr</th><th>stored<br>%s/yr</th>"
               "<th>direct jobs</th><th>protected</th><th>created</th><th>lost</th><th>baseline jobs</th>"
               "<th>construction<br>job-years</th><th>GVA<br>%s/yr</th><th>baseline GVA<br>%s/yr</th>",
            u, u, u, u, u, m->years[0], u, u, mu, mu);
    if (tic->has_io)
        fputs("<th>indirect jobs</th>", f);
    if (tic->has_induced)
        fputs("<th>induced jobs</th>", f);
    fputs("</tr>\n", f);
    for (int t = 0; t < m->nperiods; t++) {
        const TicPeriod *q = &tic->p[t];
        fprintf(f, "<tr><td>%d</td>", q->year);
        cell(f, q->scope1 / d, "%.3f");
        cell(f, q->scope2 / d, "%.3f");
        cell(f, q->scope3 / d, "%.3f");
        cell(f, q->emissions / d, "%.3f");
        cell(f, q->base_emissions / d, "%.3f");
        cell(f, -q->red_baseline_pct, "%+.1f%%");
        if (t == 0)
            fputs("<td>reference</td>", f);
        else
            cell(f, -q->red_base_year_pct, "%+.1f%%");
        cell(f, q->captured / d, "%.3f");
        cell(f, q->stored / d, "%.3f");
        cell(f, q->jobs_direct, "%.0f");
        cell(f, q->jobs_protected, "%.0f");
        cell(f, q->jobs_created, "%.0f");
        cell(f, q->jobs_lost, "%.0f");
        cell(f, q->base_jobs_direct, "%.0f");
        cell(f, q->construction_job_years, "%.0f");
        cell(f, q->gva / gd, "%.2f");
        cell(f, q->base_gva / gd, "%.2f");
        if (tic->has_io)
            cell(f, q->indirect_jobs, "%.0f");
        if (tic->has_induced)
            cell(f, q->induced_jobs, "%.0f");
        fputs("</tr>\n", f);
    }
    fputs("</table>\n</div>\n", f);
}


/* A table cell (by-sector and heat-price tables): 1 decimal below 100 (jobs of a bus depot,
 * tonnes of a hedge), else whole and grouped by thousands ("3,119,084"), so that 538 t beside
 * 3 Mt is read as it is; a dash when there is no value. */
void report_html_num_cell(FILE *f, double v)
{
    fputs("<td>", f);
    if (!isfinite(v)) {
        fputs("&ndash;</td>", f);
        return;
    }
    if (v == 0.0)
        v = 0.0;
    char b[64];
    if (fabs(v) < 99.95) {
        snprintf(b, sizeof b, "%.1f", v);
        if (strcmp(b, "0.0") == 0 || strcmp(b, "-0.0") == 0)
            snprintf(b, sizeof b, "0");
        fputs(b, f);
    } else {
        snprintf(b, sizeof b, "%.0f", fabs(v));
        size_t n = strlen(b);
        if (v < 0)
            fputc('-', f);
        for (size_t k = 0; k < n; k++) {
            if (k > 0 && (n - k) % 3 == 0)
                fputc(',', f);
            fputc(b[k], f);
        }
    }
    fputs("</td>", f);
}

void report_html_sector_table(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const TicReport *tic = x->tic;
    int T = tic->T, a = 0, z = T - 1;
    fprintf(f, "<h3>By sector</h3>\n<div class=\"wide\">\n<table>\n<tr><th rowspan=\"2\">sector</th>"
               "<th colspan=\"2\">net scope 1<br>t CO2e/yr</th><th colspan=\"2\">scope 1+2+3<br>t CO2e/yr</th>"
               "<th colspan=\"2\">removals<br>t CO2/yr</th><th colspan=\"2\">direct jobs<br>FTE</th>"
               "<th rowspan=\"2\">capex<br>%d&ndash;%d<br>MEUR</th></tr>\n<tr>",
            m->years[a], m->years[z]);
    for (int k = 0; k < 4; k++)
        fprintf(f, "<th>%d</th><th>%d</th>", m->years[a], m->years[z]);
    fputs("</tr>\n", f);
    for (int k = 0; k <= tic->nsectors; k++) {
        const TicPeriod *q = &tic->sec[k * T];
        double capex = 0.0, any = 0.0;
        for (int t = 0; t < T; t++) {
            capex += q[t].capex;
            any = fmax(any, fmax(fmax(fabs(q[t].emissions), fabs(q[t].scope1)), fabs(q[t].jobs_direct)));
        }
        if (k == tic->nsectors && any < 0.05 && fabs(capex) < 5e3)
            continue; /* nothing left unallocated that the table would show (0 and 0.00 MEUR) */
        char name[96];
        if (k < tic->nsectors)
            svg_readable(name, sizeof name, tic->sectors[k]);
        else
            snprintf(name, sizeof name, "%s", TIC_UNALLOCATED);
        fputs("<tr><td>", f);
        svg_escape(f, name);
        fputs("</td>", f);
        report_html_num_cell(f, q[a].scope1);
        report_html_num_cell(f, q[z].scope1);
        report_html_num_cell(f, q[a].emissions);
        report_html_num_cell(f, q[z].emissions);
        report_html_num_cell(f, q[a].removals);
        report_html_num_cell(f, q[z].removals);
        report_html_num_cell(f, q[a].jobs_direct);
        report_html_num_cell(f, q[z].jobs_direct);
        fputs("<td>", f);
        fprintf(f, fabs(capex) < 9.995e6 ? "%.2f" : "%.1f", capex / 1e6 == 0.0 ? 0.0 : capex / 1e6);
        fputs("</td></tr>\n", f);
    }
    fputs("</table>\n</div>\n", f);
    fputs("<p class=\"note\">Each sector's plants and shared assets (the technology's <code>sector</code>), in the "
          "first and the last period, in tonnes and FTE, so that a small sector (a bus depot beside a steelworks) "
          "can be read. Scope 2 and 3 are shared among the users of each imported commodity by their use of it, "
          "through the grid link (a link passes its share on); what demands or exports use is \"",
          f);
    fputs(TIC_UNALLOCATED, f);
    fputs("\". Removals (trees, hedges, captured biogenic CO2) are inside net scope 1, not a reduction. Capex: "
          "overnight, undiscounted, of the builds of every period, spurs with their plant. Every period and figure "
          "per sector: tic_sectors.csv (and tic.json, \"sectors\").</p>\n",
          f);
}
