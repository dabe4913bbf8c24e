/*
 * report_counts.c — counts.csv and the counts table of summary.txt: what the assets that an
 * analyst counts in things (dwellings, buses, hectares, km) amount to, per period. An asset's
 * `counts` (docs/format.md) says what one module is (`counts = { dwellings = 50.0; }`); the
 * model never uses it, so a count is only modules x that number:
 *
 *   installed_t = per_module x modules installed in t (existing + builds alive)
 *   built_t     = per_module x modules built in t (new and replacements)
 *
 * Counts of different assets are not added up: the same dwellings may be heated by one asset
 * and renovated by another. report.html shows the same table as summary.txt.
 */
#include <math.h>
#include <string.h>

#include "csv_row.h"
#include "report_int.h"

bool report_counts_apply(const Model *m)
{
    for (int i = 0; i < m->nassets; i++)
        if (m->assets[i].ncounts > 0)
            return true;
    return false;
}

void report_counts_csv(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    int T = m->nperiods;
    fputs("period,asset,name,sector,what,per_module,modules_installed,installed,modules_built,built\n", f);
    for (int t = 0; t < T; t++)
        for (int i = 0; i < m->nassets; i++) {
            const Asset *a = &m->assets[i];
            double inst = s->asset_installed[i * T + t], built = s->asset_built[i * T + t];
            for (int k = 0; k < a->ncounts; k++) {
                fprintf(f, "%d,", m->years[t]);
                csv_text(f, a->id, false);
                csv_text(f, a->name, false);
                csv_text(f, m->techs[a->tech].sector, false);
                csv_text(f, a->count_what[k], false);
                csv_num(f, a->count_per[k], false);
                csv_num(f, inst, false);
                csv_num(f, a->count_per[k] * inst, false);
                csv_num(f, built, false);
                csv_num(f, a->count_per[k] * built, true);
            }
        }
}

/* A count as printed: whole numbers without decimals, others with two */
static void count_text(char *b, size_t n, double v)
{
    v += 0.0; /* no -0 */
    snprintf(b, n, fabs(v - round(v)) < 1e-6 ? "%.0f" : "%.2f", v);
}

void report_counts_txt(FILE *f, const Model *m, const Solution *s)
{
    int T = m->nperiods, wname = 5, wwhat = 4;
    for (int i = 0; i < m->nassets; i++)
        for (int k = 0; k < m->assets[i].ncounts; k++) {
            int n = (int)strlen(m->assets[i].name), w = (int)strlen(m->assets[i].count_what[k]);
            wname = n > wname ? n : wname;
            wwhat = w > wwhat ? w : wwhat;
        }
    wname = wname > 60 ? 60 : wname;
    fputs("\ncounts installed per period (counts.csv: an asset's modules x what one module is; counts of "
          "different assets are not added up)\n",
          f);
    fprintf(f, "  %-*s  %-*s", wname, "asset", wwhat, "what");
    for (int t = 0; t < T; t++)
        fprintf(f, " %9d", m->years[t]);
    fputc('\n', f);
    for (int i = 0; i < m->nassets; i++) {
        const Asset *a = &m->assets[i];
        for (int k = 0; k < a->ncounts; k++) {
            fprintf(f, "  %-*.*s  %-*s", wname, wname, a->name, wwhat, a->count_what[k]);
            for (int t = 0; t < T; t++) {
                char b[64];
                count_text(b, sizeof b, a->count_per[k] * s->asset_installed[i * T + t]);
                fprintf(f, " %9s", b);
            }
            fputc('\n', f);
        }
    }
}

void report_counts_html(FILE *f, const Model *m, const Solution *s)
{
    int T = m->nperiods;
    fputs("<h3>Counts installed</h3>\n<div class=\"wide\">\n<table>\n<tr><th>asset</th><th>what</th>", f);
    for (int t = 0; t < T; t++)
        fprintf(f, "<th>%d</th>", m->years[t]);
    fputs("</tr>\n", f);
    for (int i = 0; i < m->nassets; i++) {
        const Asset *a = &m->assets[i];
        for (int k = 0; k < a->ncounts; k++) {
            fputs("<tr><td>", f);
            svg_escape(f, a->name);
            fputs("</td><td>", f);
            svg_escape(f, a->count_what[k]);
            fputs("</td>", f);
            for (int t = 0; t < T; t++) {
                char b[64];
                count_text(b, sizeof b, a->count_per[k] * s->asset_installed[i * T + t]);
                fprintf(f, "<td>%s</td>", b);
            }
            fputs("</tr>\n", f);
        }
    }
    fputs("</table>\n</div>\n<p class=\"note\">What the assets installed in each period amount to: their modules "
          "times what one module is (the asset's <code>counts</code>: dwellings, buses, hectares). Installed "
          "capacity, not its use; counts of different assets are not added up (the same dwellings may be heated "
          "by one asset and renovated by another). Built per period: counts.csv.</p>\n",
          f);
}
