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

