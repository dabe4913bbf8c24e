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
