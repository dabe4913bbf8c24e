/*
 * report_html_macc.c — the MACC section of report.html: which MACC files the folder holds,
 * which curve is drawn (measures first, then the price sweep, then the cap sweep) and the
 * chart with its caption. The page itself is report_html.c.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "json_read.h"
#include "out.h"
#include "xalloc.h"
#include "report_int.h"
#include "svg.h"
#include "tico.h"

/* ---- chart 6: MACC from macc.csv --------------------------------------------------- */

/* Split one CSV line into fields (RFC 4180 quotes); returns the number of fields. The
 * fields point into line, which is modified. */
static int csv_split(char *line, char **fields, int max)
{
    int n = 0;
    char *p = line;
    while (n < max) {
        char *out = p;
        fields[n++] = p;
        if (*p == '"') {
            char *q = p + 1;
            for (;;) {
                if (*q == '\0')
                    break;
                if (*q == '"' && q[1] == '"') {
                    *out++ = '"';
                    q += 2;
                } else if (*q == '"') {
                    q++;
                    break;
                } else {
                    *out++ = *q++;
                }
            }
            p = q;
        } else {
            while (*p && *p != ',')
                *out++ = *p++;
        }
        char sep = *p;
        *out = '\0';
        if (sep != ',')
            break;
        p++;
    }
    return n;
}

typedef struct {
    char label[512], group[64];
    double width, height;
} MaccRow;

static int cmp_macc(const void *a, const void *b)
{
    const MaccRow *x = a, *y = b;
    return (x->height > y->height) - (x->height < y->height);
}

static int find_col(char **h, int n, const char *prefix)
{
    for (int k = 0; k < n; k++)
        if (strncmp(h[k], prefix, strlen(prefix)) == 0)
            return k;
    return -1;
}

/* Which curves a MACC file holds: kinds[0..2] = price, measure, cap rows (by its `kind`
 * column); *typed = false when it has no such column. Returns false if it cannot be read. */
static const char *const MACC_KIND[3] = {"price", "measure", "cap"};

/* Open dir/file and split its header into h (pointing into *hl, freed by the caller). */
static FILE *macc_open(const ReportCtx *x, const char *file, char **hl, char **h, int *nh)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", x->dir, file);
    FILE *in = fopen(path, "r");
    size_t cap = 0;
    *nh = 0;
    *hl = NULL;
    if (!in)
        return NULL;
    if (getline(hl, &cap, in) > 0) {
        (*hl)[strcspn(*hl, "\r\n")] = '\0';
        *nh = csv_split(*hl, h, 64);
    }
    return in;
}

static bool macc_kinds(const ReportCtx *x, const char *file, bool kinds[3], bool *typed)
{
    char *line = NULL, *hl = NULL;
    size_t cap_line = 0;
    char *h[64], *fl[64];
    int nh;
    FILE *in = macc_open(x, file, &hl, h, &nh);
    if (!in) {
        free(hl);
        return false;
    }
    int ck = find_col(h, nh, "kind");
    *typed = ck >= 0;
    kinds[0] = kinds[1] = kinds[2] = false;
    while (ck >= 0 && getline(&line, &cap_line, in) > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        int nf = csv_split(line, fl, 64);
        for (int k = 0; k < 3 && ck < nf; k++)
            kinds[k] |= strcmp(fl[ck], MACC_KIND[k]) == 0;
    }
    fclose(in);
    free(line);
    free(hl);
    return true;
}

/* The bars of one curve of a MACC file (rows of kind want, or every row when want is NULL
 * or the file has no kind column); *n = 0 if none. */
static MaccRow *macc_rows(const ReportCtx *x, const char *file, const char *want, int *n)
{
    char *line = NULL, *hl = NULL;
    size_t cap_line = 0;
    char *h[64], *fl[64];
    int nh;
    *n = 0;
    FILE *in = macc_open(x, file, &hl, h, &nh);
    if (!in) {
        free(hl);
        return NULL;
    }
    int cl = find_col(h, nh, "measure");
    if (cl < 0)
        cl = find_col(h, nh, "label");
    if (cl < 0)
        cl = find_col(h, nh, "name");
    int cg = find_col(h, nh, "sector"), cw = find_col(h, nh, "abatement"), cc = find_col(h, nh, "mac");
    if (cc < 0)
        cc = find_col(h, nh, "cost");
    if (cc < 0)
        cc = find_col(h, nh, "price");
    int ck = find_col(h, nh, "kind");
    MaccRow *rows = NULL;
    int cap = 0;
    while (cw >= 0 && cc >= 0 && getline(&line, &cap_line, in) > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        int nf = csv_split(line, fl, 64);
        if (nf <= cw || nf <= cc)
            continue;
        if (want && ck >= 0 && (ck >= nf || strcmp(fl[ck], want) != 0))
            continue;
        char *e1, *e2;
        double w = strtod(fl[cw], &e1), hgt = strtod(fl[cc], &e2);
        if (e1 == fl[cw] || e2 == fl[cc] || !isfinite(w) || !isfinite(hgt) || w <= 0)
            continue;
        if (*n == cap) {
            cap = cap ? 2 * cap : 32;
            rows = xrealloc(rows, (size_t)cap * sizeof *rows);
        }
        MaccRow *r = &rows[(*n)++];
        snprintf(r->label, sizeof r->label, "%s", cl >= 0 && cl < nf ? fl[cl] : "");
        snprintf(r->group, sizeof r->group, "%s", cg >= 0 && cg < nf ? fl[cg] : "measures");
        r->width = w;
        r->height = hgt;
    }
    fclose(in);
    free(line);
    free(hl);
    return rows;
}

/* MACC files report.html looks for, and the curve each holds (NULL: by its kind column). */
static const struct {
    const char *file, *kind;
} MACC_FILES[] = {{"macc_measures.csv", "measure"}, {"macc_prices.csv", "price"}, {"macc_caps.csv", "cap"},
                  {"macc.csv", NULL}};
#define NMACC_FILES (int)(sizeof MACC_FILES / sizeof MACC_FILES[0])

/* The run that wrote file, from the folder's run.json (out.h): its header line, and whether
 * its input is the report's. Nothing when run.json does not list the file. */
static void macc_run_words(FILE *f, const ReportCtx *x, const char *file)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/run.json", x->dir);
    JsonNode root;
    Diag d = {0};
    bool ok = json_read_file(path, &root, &d, NULL, 0);
    diag_free(&d);
    if (!ok)
        return;
    const JsonNode *runs = json_get(&root, "runs");
    for (int r = 0; runs && runs->type == JN_ARR && r < runs->n; r++) {
        const JsonNode *e = &runs->kids[r], *files = json_get(e, "files");
        bool has = false;
        for (int q = 0; files && files->type == JN_ARR && q < files->n; q++)
            has |= files->kids[q].type == JN_STR && strcmp(files->kids[q].str, file) == 0;
        const char *head = json_get_str(e, "header"), *sha = json_get_str(e, "input_sha256"),
                   *model = json_get_str(e, "model_sha256");
        if (!has || !head)
            continue;
        fputs("<p class=\"note\">Computed by: ", f);
        svg_escape(f, head);
        fputs(" (its date: <code>run.json</code>).", f); /* no date here: same input, same bytes */
        /* the report's own run (out.h) knows its --set too; the library alone, the files only */
        bool differs = (sha && x->m->input_sha256 && strcmp(sha, x->m->input_sha256) != 0) ||
                       (model && out_run_model() && strcmp(model, out_run_model()) != 0);
        if (differs)
            fputs(" <b>Its model differs from this report's</b> (other input files or --set options): the curve "
                  "may not describe this pathway's instance.",
                  f);
        fputs("</p>\n", f);
        break;
    }
    json_node_free(&root);
}

static const char *macc_kind_words(int k)
{
    return k == 0 ? "carbon-price sweep" : k == 1 ? "measures" : "cap sweep";
}

/* The measure MACC first, else the carbon-price sweep, else the cap sweep, from the
 * per-mode files (macc_measures.csv, ...) or else macc.csv; the page lists every file
 * found and names the one drawn. */
void report_html_macc(FILE *f, const ReportCtx *x)
{
    bool found[NMACC_FILES], kinds[NMACC_FILES][3], typed[NMACC_FILES];
    int nfound = 0;
    for (int i = 0; i < NMACC_FILES; i++) {
        found[i] = macc_kinds(x, MACC_FILES[i].file, kinds[i], &typed[i]);
        if (found[i] && !typed[i] && MACC_FILES[i].kind)
            for (int k = 0; k < 3; k++)
                kinds[i][k] = strcmp(MACC_KIND[k], MACC_FILES[i].kind) == 0;
        nfound += found[i];
    }
    if (nfound == 0) {
        fputs("<p class=\"note\">Not computed yet: <code>tico macc</code> writes its curves (macc*.csv) into this "
              "folder; the next report drawn here will show one.</p>\n",
              f);
        return;
    }
    fputs("<p class=\"note\">Found in this folder: ", f);
    for (int i = 0, j = 0; i < NMACC_FILES; i++) {
        if (!found[i])
            continue;
        fprintf(f, "%s<code>%s</code> (", j++ ? "; " : "", MACC_FILES[i].file);
        int nk = 0;
        for (int k = 0; k < 3; k++)
            if (kinds[i][k])
                fprintf(f, "%s%s", nk++ ? ", " : "", macc_kind_words(k));
        fputs(nk ? ")" : "no kind column)", f);
    }
    fputs(".</p>\n", f);
    /* the curve to draw: measures, prices, caps, then an untyped macc.csv */
    static const int pref[3] = {1, 0, 2};
    int file = -1, kind = -1, n = 0;
    MaccRow *rows = NULL;
    for (int q = 0; q < 3 && n == 0; q++)
        for (int i = 0; i < NMACC_FILES && n == 0; i++)
            if (found[i] && kinds[i][pref[q]]) {
                free(rows);
                rows = macc_rows(x, MACC_FILES[i].file, MACC_KIND[pref[q]], &n);
                file = i;
                kind = pref[q];
            }
    for (int i = 0; i < NMACC_FILES && n == 0; i++)
        if (found[i] && !typed[i]) {
            free(rows);
            rows = macc_rows(x, MACC_FILES[i].file, NULL, &n);
            file = i;
            kind = -1;
        }
    if (n == 0) {
        fputs("<p class=\"note\">No file holds a bar this page can draw (it needs columns "
              "<code>abatement…</code> and <code>mac…</code> or <code>cost…</code>).</p>\n",
              f);
        free(rows);
        return;
    }
    qsort(rows, (size_t)n, sizeof *rows, cmp_macc);
    double mx = 0.0;
    for (int k = 0; k < n; k++)
        mx += rows[k].width;
    const char *unit;
    double div = report_scale(mx, REPORT_TONNES, &unit);
    /* colours by sector id, legend by readable name, groups in order of first appearance */
    const char **groups = xcalloc((size_t)n, sizeof *groups), **gcol = xcalloc((size_t)n, sizeof *gcol);
    SvgMaccBar *bars = xcalloc((size_t)n, sizeof *bars);
    int ng = 0;
    for (int k = 0; k < n; k++) {
        int g = 0;
        while (g < ng && strcmp(groups[g], rows[k].group) != 0)
            g++;
        if (g == ng)
            groups[ng++] = rows[k].group;
    }
    svg_assign_colors(groups, ng, gcol);
    char (*gname)[96] = report_html_readable(groups, ng);
    for (int k = 0; k < n; k++) {
        int g = 0;
        while (strcmp(groups[g], rows[k].group) != 0)
            g++;
        bars[k] = (SvgMaccBar){rows[k].label, gname[g], gcol[g], rows[k].width / div, rows[k].height};
    }
    static const char *const TITLE[3] = {"System MACC from a carbon-price sweep",
                                         "Measure MACC: each plant on one route, each asset measure, from its cheapest start",
                                         "MACC from a sweep of caps"};
    static const char *const YLAB[3] = {"carbon price at which it enters, EUR per t CO2e",
                                        "abatement cost, EUR per t CO2e", "average cost of the step, EUR per t CO2e"};
    static const char *const WHAT[3] = {
        "Each bar is what the cluster abates between two carbon prices of the sweep: its width the abatement, "
        "its height the carbon price at which it enters (not its cost per tonne: a measure that enters at 100 "
        "EUR/t may cost less, and is only chosen at that price).",
        "Each bar is one plant (or some of its lines) on one route from its cheapest start, against the plant "
        "kept as in the baseline, both at the instance's carbon price: its width the target-year abatement on "
        "the boundary of its scope column, its height the levelised cost per tonne abated. Shared CO2 and hydrogen "
        "infrastructure is charged by use; changes the measure causes at other plants are inside its bar. An "
        "asset measure (the instance's `measures`: buses, renovations, trees) is its assets built and in use, "
        "against those assets kept at their existing modules; its removals (trees) are in the removals_t column "
        "of the file, not reductions. Bars below zero pay for themselves.",
        "Each bar is one step of a sweep of caps on the target year: its width the abatement the tighter cap "
        "brings, its height the average cost of that step (change in NPV system cost over the change in "
        "discounted emissions)."};
    char xlabel[64], fig[1024];
    snprintf(xlabel, sizeof xlabel, "abatement, %s CO2e per year", unit);
    SvgMacc c = {.title = kind >= 0 ? TITLE[kind] : "Marginal abatement cost curve",
                 .xlabel = xlabel,
                 .ylabel = kind >= 0 ? YLAB[kind] : "EUR per t CO2e",
                 .bars = bars,
                 .n = n};
    fprintf(f, "<p class=\"note\">Shown: the %s from <code>%s</code>.</p>\n<figure>\n",
            kind == 1 ? "measure MACC" : kind == 0 ? "MACC of the carbon-price sweep"
                                     : kind == 2 ? "MACC of the cap sweep" : "curve",
            MACC_FILES[file].file);
    svg_macc(f, &c);
    macc_run_words(f, x, MACC_FILES[file].file);
    if (kind >= 0)
        snprintf(fig, sizeof fig, "%s Sorted from the lowest bar; from %s.", WHAT[kind], MACC_FILES[file].file);
    else
        snprintf(fig, sizeof fig, "Each bar is a row of %s: its width the abatement, its height the value of its "
                 "cost column in EUR per t CO2e (the file does not say which curve it is), sorted from the lowest.",
                 MACC_FILES[file].file);
    report_html_figure_end(f, fig);
    /* a sector of the measure MACC whose bars add up to less than 2 % of its width cannot be
     * seen on it (Dunkirk's urban measures: kt beside Mt): the same bars again, alone */
    for (int g = 0; kind == 1 && g < ng; g++) {
        double w = 0.0;
        int nb = 0;
        for (int k = 0; k < n; k++)
            if (strcmp(rows[k].group, groups[g]) == 0) {
                w += rows[k].width;
                nb++;
            }
        if (!(w > 0.0 && w < 0.02 * mx))
            continue;
        const char *u2;
        double div2 = report_scale(w, REPORT_TONNES, &u2);
        SvgMaccBar *sub = xcalloc((size_t)nb, sizeof *sub);
        int m2 = 0;
        for (int k = 0; k < n; k++)
            if (strcmp(rows[k].group, groups[g]) == 0)
                sub[m2++] = (SvgMaccBar){rows[k].label, gname[g], gcol[g], rows[k].width / div2, rows[k].height};
        char title[160], xl2[64];
        snprintf(title, sizeof title, "Measure MACC, %s alone", gname[g]);
        snprintf(xl2, sizeof xl2, "abatement, %s CO2e per year", u2);
        SvgMacc c2 = {.title = title, .xlabel = xl2, .ylabel = YLAB[1], .bars = sub, .n = m2};
        fputs("<figure>\n", f);
        svg_macc(f, &c2);
        snprintf(fig, sizeof fig, "The %d bar%s of sector %s, %.2g %% of the curve's width above, on their own "
                 "scale; removals (trees, hedges), where there are any, are in the removals_t column of %s: not reductions.",
                 m2, m2 == 1 ? "" : "s", gname[g], 100.0 * w / mx, MACC_FILES[file].file);
        report_html_figure_end(f, fig);
        free(sub);
    }
    free(groups);
    free(gcol);
    free(gname);
    free(bars);
    free(rows);
}

