/*
 * report_fig.c — small pieces report_html.c and report_html_macc.c share (report_int.h): the
 * units of tonnes, readable names of ids, the end of a <figure>.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "out.h"
#include "xalloc.h"
#include "report_int.h"
#include "svg.h"
#include "tico.h"

const char *const REPORT_TONNES[4] = {"t", "kt", "Mt", "Gt"};
const char *const REPORT_MONEY[4] = {"EUR", "kEUR", "MEUR", "bn EUR"};

/* Readable display names of n ids (svg_readable), in one allocation freed with free(). */
char (*report_html_readable(const char *const *ids, int n))[96]
{
    char (*r)[96] = xcalloc((size_t)(n > 0 ? n : 1), sizeof *r);
    for (int k = 0; k < n; k++)
        svg_readable(r[k], sizeof r[k], ids[k]);
    return r;
}

void report_html_figure_end(FILE *f, const char *caption)
{
    if (caption) {
        fputs("<figcaption class=\"note\">", f);
        svg_escape(f, caption);
        fputs("</figcaption>\n", f);
    }
    fputs("</figure>\n", f);
}

void report_html_other_note(char *buf, size_t n, const SvgChart *c, double div, const char *const units[4],
                            const char *tail)
{
    buf[0] = '\0';
    bool *folded = xcalloc((size_t)c->nbars + 1, sizeof *folded);
    if (svg_chart_folded(c, folded) > 0) {
        size_t len = (size_t)snprintf(buf, n, "Grey \"other\" sums the smallest series (a chart shows at most %d "
                                              "legend entries): ",
                                      SVG_MAX_LEGEND);
        bool first = true;
        for (int k = 0; k < c->nbars && len < n; k++) {
            if (!folded[k])
                continue;
            int at = 0;
            for (int j = 1; j < c->ncat; j++)
                if (fabs(c->bars[k].v[j]) > fabs(c->bars[k].v[at]) * (1.0 + 1e-9)) /* ties: the first */
                    at = j;
            double v = c->bars[k].v[at] * div;
            const char *u;
            double d = report_scale(fabs(v), units, &u);
            len += (size_t)snprintf(buf + len, n - len, "%s%s (at most %.3g %s, %s)", first ? "" : ", ",
                                    c->bars[k].name, v / d == 0.0 ? 0.0 : v / d, u, c->cats[at]);
            first = false;
        }
        if (len < n)
            snprintf(buf + len, n - len, "%s", tail ? tail : ".");
    }
    free(folded);
}
