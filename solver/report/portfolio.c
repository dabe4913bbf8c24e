/*
 * portfolio.c — `tico portfolio` (portfolio.h): read the solved folders, check that they can be
 * reported together, write portfolio.csv and portfolio.html.
 *
 * Years: the clusters' periods are aligned by their start year; a cluster row is written for
 * every period of that cluster, a total row only for the years every cluster has. Totals are
 * sums of the clusters' figures; a percentage of a total is recomputed from the summed tonnes.
 */
#include "portfolio.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "csv_row.h"
#include "diag.h"
#include "json_read.h"
#include "out.h"
#include "svg.h"
#include "xalloc.h"

/* The per-period figures taken from tic.json, in the order of the CSV columns. */
enum {
    F_BL1, F_BL2, F_BL3, F_BL, F_S1, F_S2, F_S3, F_EM, F_RBY, F_RBY_PCT, F_RBL, F_RBL_PCT,
    F_PROT, F_CREA, F_LOST, F_GVA, F_CAPEX, NF
};
static const char *const FKEY[NF] = {
    "baseline_scope1_t", "baseline_scope2_t", "baseline_scope3_t", "baseline_emissions_t", "scope1_t",
    "scope2_t", "scope3_t", "emissions_t", "reduction_vs_base_year_t", "reduction_vs_base_year_pct",
    "reduction_vs_baseline_t", "reduction_vs_baseline_pct", "jobs_protected_fte", "jobs_created_fte",
    "jobs_lost_fte", "gva_eur", "capex_eur"};

/* The horizon figures of tic.json (cumulative over the horizon). */
enum { H_EM, H_BL, H_RBL, H_GVA, H_CAPEX, NH };
static const char *const HKEY[NH] = {"emissions_t", "baseline_emissions_t", "reduction_vs_baseline_t", "gva_eur",
                                     "capex_eur"};

typedef struct {
    char *family, *status;
    double value, asset_cost;
} Fam;

typedef struct {
    const char *dir;
    char *sol_path, *tic_path;
    JsonNode sol, tic;
    const char *name, *version, *currency, *status;
    double gap;
    int cap_scope;
    int T;
    int *years;
    double *f;          /* [T][NF] */
    double h[NH];
    int from, to;
    Fam *fam;           /* value.csv, when present */
    int nfam;
    bool has_value;
} Cluster;

/* ---- reading ------------------------------------------------------------------------ */

static bool exists(const char *path)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return false;
    fclose(f);
    return true;
}

/* Split one CSV line (RFC 4180 quoting, no line breaks inside fields) into at most max fields,
 * in place. Returns the number of fields. */
static int csv_split(char *s, char **fld, int max)
{
    int n = 0;
    char *p = s;
    for (;;) {
        char *w = p, *start = p;
        if (*p == '"') {
            p++;
            while (*p) {
                if (*p == '"' && p[1] == '"') {
                    *w++ = '"';
                    p += 2;
                } else if (*p == '"') {
                    p++;
                    break;
                } else {
                    *w++ = *p++;
                }
            }
        } else {
            while (*p && *p != ',' && *p != '\n' && *p != '\r')
                *w++ = *p++;
        }
        char end = *p;
        *w = '\0';
        if (n < max)
            fld[n++] = start;
        if (end != ',')
            break;
        p++;
    }
    return n;
}

static int col_of(char **hdr, int n, const char *name)
{
    for (int k = 0; k < n; k++)
        if (strcmp(hdr[k], name) == 0)
            return k;
    return -1;
}

/* value.csv of `tico value`: family, status, value_eur, asset_cost_eur of each row. */
static bool read_value_csv(Cluster *c, const char *path, Diag *d)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return true; /* optional */
    char line[8192], hline[8192];
    char *hdr[64], *fld[64];
    if (!fgets(hline, sizeof hline, f)) {
        diag_add(d, path, 1, NULL, "empty file (a value.csv of tico value is expected)");
        fclose(f);
        return false;
    }
    int nh = csv_split(hline, hdr, 64);
    int cf = col_of(hdr, nh, "family"), cs = col_of(hdr, nh, "status"), cv = col_of(hdr, nh, "value_eur"),
        ca = col_of(hdr, nh, "asset_cost_eur");
    if (cf < 0 || cs < 0 || cv < 0 || ca < 0) {
        diag_add(d, path, 1, NULL, "expected the columns family, status, value_eur and asset_cost_eur of tico value");
        fclose(f);
        return false;
    }
    c->has_value = true;
    int ln = 1;
    while (fgets(line, sizeof line, f)) {
        ln++;
        if (line[0] == '\n' || line[0] == '\0')
            continue;
        int n = csv_split(line, fld, 64);
        if (n != nh) {
            diag_add(d, path, ln, NULL, "%d fields, the header has %d", n, nh);
            fclose(f);
            return false;
        }
        c->fam = xrealloc(c->fam, (size_t)(c->nfam + 1) * sizeof *c->fam);
        Fam *F = &c->fam[c->nfam++];
        F->family = xstrdup(fld[cf]);
        F->status = xstrdup(fld[cs]);
        F->value = *fld[cv] ? strtod(fld[cv], NULL) : NAN;
        F->asset_cost = *fld[ca] ? strtod(fld[ca], NULL) : NAN;
    }
    fclose(f);
    return true;
}

static double num_or_nan(const JsonNode *o, const char *key)
{
    const JsonNode *v = json_get(o, key);
    return v && v->type == JN_NUM ? v->num : NAN;
}

/* Read one folder. false after messages in d. */
static bool read_cluster(Cluster *c, const char *dir, Diag *d)
{
    memset(c, 0, sizeof *c);
    c->dir = dir;
    c->sol_path = xasprintf("%s/solution.json", dir);
    c->tic_path = xasprintf("%s/tic.json", dir);
    int before = d->n;
    bool hs = exists(c->sol_path), ht = exists(c->tic_path);
    if (!hs || !ht) {
        diag_add(d, dir, 0, NULL, "no %s%s%s: not a folder written by tico solve (tico solve -o %s INSTANCE.cfg "
                 "writes them)", hs ? "" : "solution.json", !hs && !ht ? " and no " : "", ht ? "" : "tic.json", dir);
        return false;
    }
    if (!json_read_file(c->sol_path, &c->sol, d, NULL, 0) || !json_read_file(c->tic_path, &c->tic, d, NULL, 0))
        return false;
    c->name = json_get_str(&c->sol, "instance");
    c->version = json_get_str(&c->sol, "tico_version");
    c->currency = json_get_str(&c->sol, "currency");
    c->status = json_get_str(&c->sol, "status");
    c->gap = num_or_nan(&c->sol, "gap");
    c->cap_scope = (int)json_get_num(&c->sol, "cap_scope", 1);
    if (!c->name || !c->version || !c->currency || !c->status)
        diag_add(d, c->sol_path, 0, NULL, "no instance, tico_version, currency or status: not a solution.json of tico "
                 "solve");
    const char *tv = json_get_str(&c->tic, "tico_version"), *ti = json_get_str(&c->tic, "instance"),
               *tc = json_get_str(&c->tic, "currency");
    if (d->n > before)
        return false;
    if (!tv || strcmp(tv, c->version) != 0)
        diag_add(d, c->tic_path, 0, "tico_version", "'%s', but %s has '%s': the two files are not of one solve",
                 tv ? tv : "(none)", c->sol_path, c->version);
    if (!ti || strcmp(ti, c->name) != 0)
        diag_add(d, c->tic_path, 0, "instance", "'%s', but %s has '%s': the two files are not of one solve",
                 ti ? ti : "(none)", c->sol_path, c->name);
    if (!tc || strcmp(tc, c->currency) != 0)
        diag_add(d, c->tic_path, 0, "currency", "'%s', but %s has '%s'", tc ? tc : "(none)", c->sol_path, c->currency);
    const JsonNode *per = json_get(&c->tic, "periods");
    if (!per || per->type != JN_ARR || per->n < 1) {
        diag_add(d, c->tic_path, 0, "periods", "expected the periods of the pathway");
        return false;
    }
    if (d->n > before)
        return false;
    c->T = per->n;
    c->years = xmalloc((size_t)c->T * sizeof *c->years);
    c->f = xmalloc((size_t)c->T * NF * sizeof *c->f);
    for (int t = 0; t < c->T; t++) {
        c->years[t] = (int)json_get_num(&per->kids[t], "year", 0);
        for (int k = 0; k < NF; k++)
            c->f[t * NF + k] = num_or_nan(&per->kids[t], FKEY[k]);
    }
    const JsonNode *hz = json_get(&c->tic, "horizon");
    c->from = (int)json_get_num(hz, "from", 0);
    c->to = (int)json_get_num(hz, "to", 0);
    for (int k = 0; k < NH; k++)
        c->h[k] = num_or_nan(hz, HKEY[k]);
    char *vp = xasprintf("%s/value.csv", dir);
    bool ok = read_value_csv(c, vp, d);
    free(vp);
    return ok;
}

static void free_cluster(Cluster *c)
{
    free(c->sol_path);
    free(c->tic_path);
    json_node_free(&c->sol);
    json_node_free(&c->tic);
    free(c->years);
    free(c->f);
    for (int k = 0; k < c->nfam; k++) {
        free(c->fam[k].family);
        free(c->fam[k].status);
    }
    free(c->fam);
}

/* A definition of tic.json (its boundary), or "". */
static const char *definition(const Cluster *c, const char *key)
{
    const char *s = json_get_str(json_get(&c->tic, "definitions"), key);
    return s ? s : "";
}

/* Can the clusters be reported together? Messages in d for each one that cannot. */
static void check_together(const Cluster *c, int n, Diag *d)
{
    static const char *const DEFS[] = {"scopes", "stored", "base_year_reference", "base_year", "baseline"};
    for (int i = 1; i < n; i++) {
        if (strcmp(c[i].version, c[0].version) != 0)
            diag_add(d, c[i].sol_path, 0, "tico_version", "'%s', but %s has '%s': clusters solved by different tico "
                     "versions are not reported together (solve them again with one version)", c[i].version,
                     c[0].sol_path, c[0].version);
        if (strcmp(c[i].currency, c[0].currency) != 0)
            diag_add(d, c[i].sol_path, 0, "currency", "'%s', but %s has '%s': money in different currencies is not "
                     "added", c[i].currency, c[0].sol_path, c[0].currency);
        for (size_t k = 0; k < sizeof DEFS / sizeof *DEFS; k++)
            if (strcmp(definition(&c[i], DEFS[k]), definition(&c[0], DEFS[k])) != 0)
                diag_add(d, c[i].tic_path, 0, "definitions", "%s differs from %s's: the emission boundaries are not "
                         "the same", DEFS[k], c[0].tic_path);
        for (int j = 0; j < i; j++)
            if (strcmp(c[i].name, c[j].name) == 0)
                diag_add(d, c[i].sol_path, 0, "instance", "'%s' is also in %s: a cluster is counted once", c[i].name,
                         c[j].dir);
    }
}

/* ---- totals ------------------------------------------------------------------------- */

static int period_of(const Cluster *c, int year)
{
    for (int t = 0; t < c->T; t++)
        if (c->years[t] == year)
            return t;
    return -1;
}

/* The years every cluster has (ascending, those of the first cluster). Returns the count. */
static int common_years(const Cluster *c, int n, int *years)
{
    int k = 0;
    for (int t = 0; t < c[0].T; t++) {
        bool all = true;
        for (int i = 1; i < n; i++)
            all = all && period_of(&c[i], c[0].years[t]) >= 0;
        if (all)
            years[k++] = c[0].years[t];
    }
    return k;
}

/* The total of year y (every cluster has it): sums; percentages from the summed tonnes
 * (reduction vs base year over the sum of each cluster's first-period emissions). */
static void total_of_year(const Cluster *c, int n, int y, double *tot)
{
    double base = 0;
    for (int k = 0; k < NF; k++)
        tot[k] = 0;
    for (int i = 0; i < n; i++) {
        int t = period_of(&c[i], y);
        for (int k = 0; k < NF; k++)
            tot[k] += c[i].f[t * NF + k];
        base += c[i].f[F_EM];
    }
    tot[F_RBY_PCT] = base != 0 ? 100.0 * tot[F_RBY] / base : NAN;
    tot[F_RBL_PCT] = tot[F_BL] != 0 ? 100.0 * tot[F_RBL] / tot[F_BL] : NAN;
}

static bool same_horizon(const Cluster *c, int n)
{
    for (int i = 1; i < n; i++)
        if (c[i].from != c[0].from || c[i].to != c[0].to)
            return false;
    return true;
}

static void total_of_horizon(const Cluster *c, int n, double *h)
{
    for (int k = 0; k < NH; k++) {
        h[k] = 0;
        for (int i = 0; i < n; i++)
            h[k] += c[i].h[k];
    }
}

static const char *total_status(const Cluster *c, int n)
{
    for (int i = 1; i < n; i++)
        if (strcmp(c[i].status, c[0].status) != 0)
            return "mixed";
    return c[0].status;
}

static double max_gap(const Cluster *c, int n)
{
    double g = 0;
    for (int i = 0; i < n; i++)
        g = isnan(c[i].gap) || c[i].gap > g ? c[i].gap : g;
    return g;
}

/* ---- portfolio.csv ------------------------------------------------------------------ */

static void csv_year_row(FILE *f, const char *name, const char *year, const char *status, double gap, int cap_scope,
                         const double *v)
{
    csv_text(f, name, false);
    csv_text(f, year, false);
    csv_text(f, status, false);
    csv_num(f, gap, false);
    if (cap_scope > 0)
        fprintf(f, "%s,", cap_scope == 1 ? "1" : cap_scope == 2 ? "1+2" : "1+2+3");
    else
        fputs(",", f);
    for (int k = 0; k < NF; k++)
        csv_num(f, v[k], false);
    csv_num(f, NAN, true);
}

static void csv_horizon_row(FILE *f, const char *name, int from, int to, const char *status, double gap,
                            int cap_scope, const double *h)
{
    double v[NF];
    for (int k = 0; k < NF; k++)
        v[k] = NAN;
    v[F_EM] = h[H_EM];
    v[F_BL] = h[H_BL];
    v[F_RBL] = h[H_RBL];
    v[F_RBL_PCT] = h[H_BL] != 0 ? 100.0 * h[H_RBL] / h[H_BL] : NAN;
    v[F_GVA] = h[H_GVA];
    v[F_CAPEX] = h[H_CAPEX];
    char y[32];
    snprintf(y, sizeof y, "%d-%d", from, to);
    csv_text(f, name, false);
    csv_text(f, y, false);
    csv_text(f, status, false);
    csv_num(f, gap, false);
    if (cap_scope > 0)
        fprintf(f, "%s,", cap_scope == 1 ? "1" : cap_scope == 2 ? "1+2" : "1+2+3");
    else
        fputs(",", f);
    for (int k = 0; k < NF; k++)
        csv_num(f, v[k], false);
    csv_num(f, h[H_RBL] > 0 ? h[H_CAPEX] / h[H_RBL] : NAN, true);
}

static void write_csv(FILE *f, const Cluster *c, int n, const int *cy, int ncy)
{
    fputs("cluster,year,status,gap,cap_scope", f);
    for (int k = 0; k < NF; k++)
        fprintf(f, ",%s", FKEY[k]);
    fputs(",capex_per_t_abated_eur\n", f);
    char y[16];
    for (int i = 0; i < n; i++) {
        for (int t = 0; t < c[i].T; t++) {
            snprintf(y, sizeof y, "%d", c[i].years[t]);
            csv_year_row(f, c[i].name, y, c[i].status, c[i].gap, c[i].cap_scope, &c[i].f[t * NF]);
        }
        csv_horizon_row(f, c[i].name, c[i].from, c[i].to, c[i].status, c[i].gap, c[i].cap_scope, c[i].h);
    }
    double tot[NF];
    for (int k = 0; k < ncy; k++) {
        total_of_year(c, n, cy[k], tot);
        snprintf(y, sizeof y, "%d", cy[k]);
        csv_year_row(f, "total", y, total_status(c, n), max_gap(c, n), 0, tot);
    }
    if (same_horizon(c, n)) {
        double h[NH];
        total_of_horizon(c, n, h);
        csv_horizon_row(f, "total", c[0].from, c[0].to, total_status(c, n), max_gap(c, n), 0, h);
    }
}

/* ---- portfolio.html ----------------------------------------------------------------- */

static void html_num(FILE *f, double v, double scale, int dec)
{
    if (!isfinite(v))
        fputs("<td>&ndash;</td>", f);
    else
        fprintf(f, "<td>%.*f</td>", dec, v / scale);
}

static void html_row(FILE *f, const char *label, const double *v, int n, double scale, int dec)
{
    fputs("<tr><th>", f);
    svg_escape(f, label);
    fputs("</th>", f);
    for (int i = 0; i < n; i++)
        html_num(f, v[i], scale, dec);
    fputs("</tr>\n", f);
}

/* A bar per asset family with a value (value.csv), coloured by cluster. */
static void value_chart(FILE *f, const Cluster *c, int n, const char **cols)
{
    int nb = 0;
    for (int i = 0; i < n; i++)
        for (int k = 0; k < c[i].nfam; k++)
            nb += isfinite(c[i].fam[k].value) && c[i].fam[k].value != 0;
    if (nb == 0)
        return;
    const char **cats = xmalloc((size_t)nb * sizeof *cats);
    double *v = xcalloc((size_t)n * (size_t)nb, sizeof *v);
    SvgSeries *ser = xmalloc((size_t)n * sizeof *ser);
    int b = 0;
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < c[i].nfam; k++)
            if (isfinite(c[i].fam[k].value) && c[i].fam[k].value != 0) {
                cats[b] = c[i].fam[k].family;
                v[i * nb + b++] = c[i].fam[k].value / 1e6;
            }
        ser[i] = (SvgSeries){c[i].name, cols[i], &v[i * nb], false};
    }
    SvgChart ch = {.title = "Value of each shared infrastructure family (tico value)", .ylabel = "MEUR (NPV)",
                   .cats = cats, .ncat = nb, .bars = ser, .nbars = n,
                   .note = "NPV total cost without the family minus with it; families worth 0 (unused) are left out"};
    svg_chart(f, &ch);
    free(cats);
    free(v);
    free(ser);
}

static void write_html(FILE *f, const Cluster *c, int n, const int *cy, int ncy)
{
    int N = n + 1; /* clusters and the total */
    int last = ncy > 0 ? cy[ncy - 1] : 0, first = ncy > 0 ? cy[0] : 0;
    fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>Portfolio of clusters"
          "</title>\n<style>\nbody{font-family:sans-serif;max-width:1100px;margin:1em auto;color:#222}\n"
          "table{border-collapse:collapse;margin:0.5em 0 1.5em}td,th{border:1px solid #ccc;padding:3px 8px;"
          "text-align:right}th{background:#f4f4f4}tr th:first-child{text-align:left}\n.note{color:#555;"
          "font-size:90%}\n@media print{h2{page-break-before:always}}\n</style>\n</head>\n<body>\n", f);
    fprintf(f, "<h1>Portfolio of %d cluster%s</h1>\n<p class=\"note\">", n, n == 1 ? "" : "s");
    for (int i = 0; i < n; i++) {
        fputs(i ? "; " : "", f);
        svg_escape(f, c[i].name);
        fprintf(f, " (folder ");
        svg_escape(f, c[i].dir);
        fprintf(f, ": %s, proven gap %.2g %%, cap scope %s)", c[i].status, 100 * c[i].gap,
                c[i].cap_scope == 1 ? "1" : c[i].cap_scope == 2 ? "1+2" : "1+2+3");
    }
    fprintf(f, ". tico %s, money in %s. Emissions: scope 1 net direct, scope 2 bought energy, scope 3 bought "
            "materials (tic.json definitions). Periods are aligned by their start year; totals cover the years "
            "every cluster has. Every figure is a claim of its solve: status and proven gap above.</p>\n",
            c[0].version, c[0].currency);

    /* side-by-side table: the base year, the last common period and the horizon */
    double *v = xmalloc((size_t)N * sizeof *v);
    double tot[NF];
    fputs("<h2>Side by side</h2>\n<table>\n<tr><th></th>", f);
    for (int i = 0; i < n; i++) {
        fputs("<th>", f);
        svg_escape(f, c[i].name);
        fputs("</th>", f);
    }
    fputs("<th>total</th></tr>\n<tr><th>status, proven gap</th>", f);
    for (int i = 0; i < N; i++) {
        const char *stt = i < n ? c[i].status : total_status(c, n);
        double g = i < n ? c[i].gap : max_gap(c, n);
        fputs("<td>", f);
        svg_escape(f, stt);
        fprintf(f, ", %.2g %%%s</td>", 100 * g, i < n ? "" : " (max)");
    }
    fputs("</tr>\n", f);
    static const struct {
        int k;
        const char *label;
        double scale;
        int dec;
    } ROWS[] = {{F_BL, "baseline emissions, Mt CO2e/yr", 1e6, 2}, {F_S1, "scope 1, Mt CO2e/yr", 1e6, 2},
                {F_S2, "scope 2, Mt CO2e/yr", 1e6, 2}, {F_S3, "scope 3, Mt CO2e/yr", 1e6, 2},
                {F_EM, "emissions, Mt CO2e/yr", 1e6, 2}, {F_RBY_PCT, "reduction vs base year, %", 1, 1},
                {F_RBL_PCT, "reduction vs baseline, %", 1, 1}, {F_PROT, "jobs protected, FTE", 1, 0},
                {F_CREA, "jobs created, FTE", 1, 0}, {F_LOST, "jobs lost, FTE", 1, 0},
                {F_GVA, "GVA, MEUR/yr", 1e6, 0}, {F_CAPEX, "capex of the period's builds, MEUR", 1e6, 0}};
    for (int yi = 0; yi < 2 && ncy > 0; yi++) {
        int y = yi ? last : first;
        if (yi && last == first)
            break;
        fprintf(f, "<tr><th colspan=\"%d\">%d%s</th></tr>\n", N + 1, y, yi ? " (last common period)" : " (base year)");
        total_of_year(c, n, y, tot);
        for (size_t r = 0; r < sizeof ROWS / sizeof *ROWS; r++) {
            for (int i = 0; i < n; i++)
                v[i] = c[i].f[period_of(&c[i], y) * NF + ROWS[r].k];
            v[n] = tot[ROWS[r].k];
            html_row(f, ROWS[r].label, v, N, ROWS[r].scale, ROWS[r].dec);
        }
    }
    bool sh = same_horizon(c, n);
    double h[NH];
    total_of_horizon(c, n, h);
    fprintf(f, "<tr><th colspan=\"%d\">horizon %d-%d (cumulative, undiscounted)%s</th></tr>\n", N + 1, c[0].from,
            c[0].to, sh ? "" : ": horizons differ, no total");
    double *inv = xmalloc((size_t)N * sizeof *inv);
    for (int k = 0; k < 4; k++) {
        for (int i = 0; i < n; i++) {
            const double *x = c[i].h;
            v[i] = k == 0 ? x[H_RBL] : k == 1 ? x[H_CAPEX] : k == 2 ? x[H_GVA] : x[H_RBL] > 0 ? x[H_CAPEX] / x[H_RBL] : NAN;
        }
        v[n] = !sh ? NAN : k == 0 ? h[H_RBL] : k == 1 ? h[H_CAPEX] : k == 2 ? h[H_GVA] : h[H_RBL] > 0 ? h[H_CAPEX] / h[H_RBL] : NAN;
        if (k == 3)
            for (int i = 0; i < N; i++)
                inv[i] = v[i];
        static const char *const L[] = {"abated vs baseline, Mt CO2e", "capex, MEUR", "GVA, MEUR",
                                        "capex per t abated, EUR/t"};
        html_row(f, L[k], v, N, k == 3 ? 1 : 1e6, k == 3 ? 1 : 0);
    }
    fputs("</table>\n", f);

    /* charts */
    fputs("<h2>Emissions</h2>\n", f);
    const char **cats = xmalloc((size_t)(ncy > N ? ncy : N) * sizeof *cats);
    char (*lab)[16] = xmalloc((size_t)(ncy > 0 ? ncy : 1) * sizeof *lab);
    for (int k = 0; k < ncy; k++) {
        snprintf(lab[k], sizeof lab[k], "%d", cy[k]);
        cats[k] = lab[k];
    }
    double *em = xmalloc((size_t)(n * 2 + 1) * (size_t)(ncy > 0 ? ncy : 1) * sizeof *em);
    double *bl = em + (size_t)n * (size_t)ncy;
    SvgSeries *ser = xmalloc((size_t)n * sizeof *ser);
    const char **names = xmalloc((size_t)N * sizeof *names), **cols = xmalloc((size_t)N * sizeof *cols);
    for (int i = 0; i < n; i++)
        names[i] = c[i].name;
    svg_assign_colors(names, n, cols);
    for (int k = 0; k < ncy; k++) {
        total_of_year(c, n, cy[k], tot);
        bl[k] = tot[F_BL] / 1e6;
        for (int i = 0; i < n; i++)
            em[i * ncy + k] = c[i].f[period_of(&c[i], cy[k]) * NF + F_EM] / 1e6;
    }
    for (int i = 0; i < n; i++)
        ser[i] = (SvgSeries){c[i].name, cols[i], &em[i * ncy], false};
    SvgLine line = {"baseline (all clusters)", "#333333", bl, true, false};
    SvgChart ch = {.title = "Emissions of the portfolio (scope 1+2+3) by cluster", .ylabel = "Mt CO2e per year",
                   .cats = cats, .ncat = ncy, .bars = ser, .nbars = n, .lines = &line, .nlines = 1,
                   .note = "bars: pathway of each cluster; dashed: the sum of the baselines (carbon price 0, no cap)"};
    svg_chart(f, &ch);

    fputs("<h2>EUR invested per tonne abated</h2>\n", f);
    double *one = xmalloc((size_t)N * (size_t)N * sizeof *one);
    SvgSeries *s2 = xmalloc((size_t)N * sizeof *s2);
    for (int i = 0; i < N; i++) {
        cats[i] = i < n ? c[i].name : "total";
        for (int j = 0; j < N; j++)
            one[i * N + j] = i == j ? inv[i] : 0;
        s2[i] = (SvgSeries){cats[i], i < n ? cols[i] : "#555555", &one[i * N], false};
    }
    SvgChart c2 = {.title = "Capex over the horizon per tonne abated against the baseline", .ylabel = "EUR per t CO2e",
                   .cats = cats, .ncat = sh ? N : n, .bars = s2, .nbars = sh ? N : n,
                   .note = "overnight capex of all builds (plants, shared assets, spurs) / cumulative abatement vs "
                           "the baseline, both over the horizon, undiscounted"};
    svg_chart(f, &c2);

    /* value per asset family, from value.csv */
    bool any = false;
    for (int i = 0; i < n; i++)
        any = any || c[i].has_value;
    fputs("<h2>Shared infrastructure: value per asset family</h2>\n", f);
    if (!any) {
        fputs("<p class=\"note\">No folder holds a value.csv (tico value -o FOLDER INSTANCE.cfg writes it).</p>\n", f);
    } else {
        fputs("<table>\n<tr><th>cluster</th><th>family</th><th>status</th><th>value, MEUR</th><th>asset cost, MEUR"
              "</th><th>value per EUR of asset cost</th></tr>\n", f);
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < c[i].nfam; k++) {
                const Fam *F = &c[i].fam[k];
                fputs("<tr><th>", f);
                svg_escape(f, c[i].name);
                fputs("</th><td>", f);
                svg_escape(f, F->family);
                fputs("</td><td>", f);
                svg_escape(f, F->status);
                fputs("</td>", f);
                html_num(f, F->value, 1e6, 1);
                html_num(f, F->asset_cost, 1e6, 1);
                html_num(f, F->asset_cost > 0 ? F->value / F->asset_cost : NAN, 1, 2);
                fputs("</tr>\n", f);
            }
            if (!c[i].has_value) {
                fputs("<tr><th>", f);
                svg_escape(f, c[i].name);
                fputs("</th><td colspan=\"5\">no value.csv in its folder</td></tr>\n", f);
            }
        }
        fputs("</table>\n", f);
        value_chart(f, c, n, cols);
    }
    fputs("<p class=\"note\">portfolio.csv holds every figure of every period; docs/portfolio.md defines them.</p>\n"
          "</body>\n</html>\n", f);
    free(v);
    free(cats);
    free(lab);
    free(em);
    free(ser);
    free(names);
    free(cols);
    free(one);
    free(s2);
    free(inv);
}

/* ---- the command -------------------------------------------------------------------- */

TicoStatus portfolio_run(const char *outdir, const char *const *folders, int n, bool quiet)
{
    Cluster *c = xcalloc((size_t)n, sizeof *c);
    Diag d = {0};
    int nread = 0;
    for (int i = 0; i < n; i++) {
        read_cluster(&c[i], folders[i], &d);
        nread++;
    }
    if (d.n == 0)
        check_together(c, n, &d);
    TicoStatus st = TICO_OK;
    if (d.n > 0) {
        diag_print(&d, stderr);
        fprintf(stderr, "tico portfolio: %d problem%s found; nothing written\n", d.n, d.n == 1 ? "" : "s");
        st = TICO_EINPUT;
    } else {
        int *cy = xmalloc((size_t)c[0].T * sizeof *cy);
        int ncy = common_years(c, n, cy);
        OutSet *o = out_begin(outdir);
        if (!o) {
            st = TICO_EINTERNAL;
        } else {
            FILE *fc = out_open(o, "portfolio.csv"), *fh = fc ? out_open(o, "portfolio.html") : NULL;
            if (!fc || !fh) {
                out_abort(o);
                st = TICO_EINTERNAL;
            } else {
                write_csv(fc, c, n, cy, ncy);
                write_html(fh, c, n, cy, ncy);
                st = out_commit(o);
            }
        }
        if (st == TICO_OK && !quiet)
            fprintf(stderr, "tico portfolio: %d cluster%s, %d common year%s; wrote %s/portfolio.csv and "
                    "%s/portfolio.html\n", n, n == 1 ? "" : "s", ncy, ncy == 1 ? "" : "s", outdir, outdir);
        free(cy);
    }
    diag_free(&d);
    for (int i = 0; i < nread; i++)
        free_cluster(&c[i]);
    free(c);
    return st;
}
