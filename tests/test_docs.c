/*
 * test_docs.c — the documentation in docs/ holds true against the program.
 *
 *  - docs/format.md is enough to write an instance: tests/fixtures/docs/from_format.cfg was
 *    written from that page alone; `tico check` accepts it and `tico solve` reaches the
 *    optimum derived by hand in its header (two cement plants, one capture route each, a
 *    shared compressor, a storage market limited to 1 Mt/yr, carbon price 100 EUR/t, one
 *    10-year period at 5 %):
 *        DF = sum_{j=0..9} 1.05^-j,  CF = CRF(5 %, 20) x DF  (the horizon ends after 10 years)
 *        total = 71e6 x DF + 230e6 x CF = 725 291 634 EUR; plant_a captures, plant_b does not.
 *  - the complete example of docs/format.md passes `tico check` and `tico solve`;
 *  - every snippet of docs/models.md marked <!-- check: NAME --> passes `tico check`
 *    (each includes the page's base.cfg);
 *  - format.md names every key the loader accepts, commands.md every option the command
 *    line parses, reports.md every column of the CSV files; the links between the pages
 *    (and their anchors) lead somewhere;
 *  - the table of row and column names in docs/architecture.md and the names the builder
 *    writes agree both ways: every name in the exported LP files of the teaching instances
 *    (and of the documentation's instances: the format example, once with --elastic and a
 *    budget, and the pool snippet of models.md) matches a
 *    table entry, and every table entry occurs in some file.
 */
#include "testing.h"

#include <glob.h>

#include <ctype.h>
#include <stdarg.h>

#define DOCS_TMP TT_TMP "/docs"

/* The fenced block that follows the line "<!-- check: NAME -->" in text, or NULL. Fills
 * *name (a malloc'd string) and returns the block (malloc'd); *next points after it. */
static char *next_block(const char *text, char **name, const char **next)
{
    const char *m = strstr(text, "<!-- check: ");
    if (!m)
        return NULL;
    const char *ns = m + strlen("<!-- check: ");
    const char *ne = strstr(ns, " -->");
    if (!ne)
        return NULL;
    *name = strndup(ns, (size_t)(ne - ns));
    const char *f = strstr(ne, "```");
    if (!f)
        return NULL;
    f = strchr(f, '\n');
    if (!f)
        return NULL;
    f++;
    const char *e = strstr(f, "\n```");
    if (!e)
        return NULL;
    *next = e + 4;
    char *b = strndup(f, (size_t)(e - f + 1));
    return b;
}

static const char *write_tmp(const char *name, const char *text)
{
    static char path[4][512];
    static int k;
    mkdir(TT_TMP, 0777);
    mkdir(DOCS_TMP, 0777);
    char *p = path[k++ % 4];
    snprintf(p, 512, "%s/%s", DOCS_TMP, name);
    FILE *f = fopen(p, "w");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    fputs(text, f);
    fclose(f);
    return p;
}

/* Run a tico command line; prints it and its output when the exit code is not `want`. */
static int run(int want, char *out, size_t n, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int run(int want, char *out, size_t n, const char *fmt, ...)
{
    char cmd[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd, sizeof cmd, fmt, ap);
    va_end(ap);
    static char buf[65536];
    if (!out) {
        out = buf;
        n = sizeof buf;
    }
    int rc = tt_sh(cmd, out, n);
    if (rc != want)
        fprintf(stderr, "\n  %s\n  exit %d, expected %d\n%s", cmd, rc, want, out);
    return rc;
}

/* A number after "key": in a JSON file; NAN when absent. */
static double json_number(const char *path, const char *key)
{
    char *s = tt_slurp(path);
    if (!s)
        return NAN;
    char pat[128];
    snprintf(pat, sizeof pat, "\"%s\":", key);
    const char *p = strstr(s, pat);
    double v = p ? strtod(p + strlen(pat), NULL) : NAN;
    free(s);
    return v;
}

/* ---- docs/format.md is enough ------------------------------------------------------- */

static void test_from_format_check(void)
{
    char out[8192];
    CU_ASSERT_EQUAL(run(0, out, sizeof out, "%s check tests/fixtures/docs/from_format.cfg", TT_TICO), 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "ok: the instance is valid"));
}

static void test_from_format_solve(void)
{
    const char *dir = DOCS_TMP "/from_format";
    mkdir(TT_TMP, 0777);
    mkdir(DOCS_TMP, 0777);
    CU_ASSERT_EQUAL(run(0, NULL, 0, "%s solve -q -o %s tests/fixtures/docs/from_format.cfg", TT_TICO, dir), 0);
    /* the derivation of the fixture's header */
    double df = 0.0;
    for (int j = 0; j < 10; j++)
        df += pow(1.05, -j);
    double crf = 0.05 * pow(1.05, 20) / (pow(1.05, 20) - 1.0);
    double cf = crf * df;
    double expected = 71e6 * df + 230e6 * cf;
    char path[512];
    snprintf(path, sizeof path, "%s/solution.json", dir);
    TT_ASSERT_REL(json_number(path, "total_cost"), expected, 1e-9);
    TT_ASSERT_REL(json_number(path, "carbon_cost"), 48e6 * df, 1e-9);
    snprintf(path, sizeof path, "%s/pathway.csv", dir);
    TT_ASSERT_REL(tt_csv_field(path, "2030,plant_a,kiln_ccs,", 3), 1.0, 0);
    TT_ASSERT_REL(tt_csv_field(path, "2030,plant_b,kiln,", 3), 1.0, 0);
    TT_ASSERT_REL(tt_csv_field(path, "2030,plant_b,kiln_ccs,", 3), 0.0, 0);
    snprintf(path, sizeof path, "%s/assets.csv", dir);
    TT_ASSERT_REL(tt_csv_field(path, "2030,compression,", 3), 1.0, 0);
    TT_ASSERT_REL(tt_csv_field(path, "2030,compression,", 6), 0.72e6, 1e-9);
}

/* ---- the examples on the pages ---------------------------------------------------- */

static void test_format_example(void)
{
    char *doc = tt_slurp("docs/format.md");
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    char *name = NULL;
    const char *next;
    char *b = next_block(doc, &name, &next);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    CU_ASSERT_STRING_EQUAL(name, "example.cfg");
    const char *path = write_tmp("example.cfg", b);
    char out[8192];
    CU_ASSERT_EQUAL(run(0, out, sizeof out, "%s check %s", TT_TICO, path), 0);
    CU_ASSERT_EQUAL(run(0, out, sizeof out, "%s solve -q -j 1 -o %s/example %s", TT_TICO, DOCS_TMP, path), 0);
    free(name);
    free(b);
    free(doc);
}

/* Write every block of docs/models.md to DOCS_TMP (they include base.cfg); returns their
 * names (malloc'd) in names[], at most max. */
static int write_models_blocks(char **names, int max)
{
    char *doc = tt_slurp("docs/models.md");
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    int n = 0;
    const char *p = doc;
    char *name, *b;
    const char *next;
    while (n < max && (b = next_block(p, &name, &next))) {
        write_tmp(name, b);
        names[n++] = name;
        free(b);
        p = next;
    }
    free(doc);
    return n;
}

static void test_models_snippets(void)
{
    char *names[64];
    int n = write_models_blocks(names, 64);
    CU_ASSERT(n >= 8); /* base + pipeline, terminal, heat network, by-product, imports, committed, pool */
    int checked = 0;
    for (int i = 0; i < n; i++) {
        if (strcmp(names[i], "base.cfg") != 0) {
            char out[8192];
            int rc = run(0, out, sizeof out, "%s check %s/%s", TT_TICO, DOCS_TMP, names[i]);
            CU_ASSERT_EQUAL(rc, 0);
            checked++;
        }
        free(names[i]);
    }
    CU_ASSERT(checked >= 7);
}

/* ---- names and the table of docs/architecture.md ------------------------------------ */

typedef struct {
    char prefix[128]; /* up to the first '<', or the whole name */
    bool exact;       /* no '<': the name itself */
    bool row;         /* row or objective; else column */
    int seen;
} Entry;

static int load_table(Entry *e, int max)
{
    char *doc = tt_slurp("docs/architecture.md");
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const char *a = strstr(doc, "<!-- names: begin -->");
    const char *z = strstr(doc, "<!-- names: end -->");
    CU_ASSERT_FATAL(a && z && a < z);
    int n = 0;
    for (const char *l = a; l && l < z && n < max; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        if (strncmp(l, "| `", 3) != 0)
            continue;
        const char *s = l + 3, *q = strchr(s, '`');
        size_t len = (size_t)(q - s);
        const char *lt = memchr(s, '<', len);
        Entry *x = &e[n++];
        memset(x, 0, sizeof *x);
        x->exact = lt == NULL;
        size_t k = lt ? (size_t)(lt - s) : len;
        memcpy(x->prefix, s, k < sizeof x->prefix ? k : sizeof x->prefix - 1);
        const char *kind = strchr(q, '|') + 1;
        while (*kind == ' ')
            kind++;
        x->row = strncmp(kind, "row", 3) == 0 || strncmp(kind, "objective", 9) == 0;
    }
    free(doc);
    return n;
}

/* The table entry a name belongs to: the longest matching prefix of its kind; -1 if none. */
static int classify(Entry *e, int n, const char *name, bool row)
{
    int best = -1;
    size_t bl = 0;
    for (int i = 0; i < n; i++) {
        if (e[i].row != row)
            continue;
        size_t l = strlen(e[i].prefix);
        bool ok = e[i].exact ? strcmp(name, e[i].prefix) == 0 : strncmp(name, e[i].prefix, l) == 0 && name[l];
        if (ok && l > bl) {
            best = i;
            bl = l;
        }
    }
    return best;
}

static bool keyword(const char *w)
{
    static const char *const K[] = {"Minimize", "Maximize", "Subject", "To", "Bounds", "Generals", "General",
                                    "Binary", "Binaries", "End", "free", "inf", "Inf", "infinity", NULL};
    for (const char *const *k = K; *k; k++)
        if (strcmp(*k, w) == 0)
            return true;
    return false;
}

/* Classify every row and column name of an LP file; returns the names that fit no entry. */
static int check_lp(Entry *e, int n, const char *lp)
{
    char *s = tt_slurp(lp);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    int bad = 0, names = 0;
    for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
        if (line[0] == '\\')
            continue; /* comment */
        for (char *c = line; *c; c++) {
            if (!(isalpha((unsigned char)*c) || *c == '_') || (c > line && c[-1] != ' '))
                continue;
            char w[300];
            size_t k = 0;
            while ((isalnum((unsigned char)c[k]) || c[k] == '_' || c[k] == '~') && k + 1 < sizeof w) {
                w[k] = c[k];
                k++;
            }
            w[k] = '\0';
            bool row = c[k] == ':';
            c += k - 1;
            if (!row && keyword(w))
                continue;
            names++;
            int i = classify(e, n, w, row);
            if (i < 0) {
                fprintf(stderr, "\n  %s: %s name '%s' fits no entry of the table in docs/architecture.md", lp,
                        row ? "row" : "column", w);
                bad++;
            } else {
                e[i].seen++;
            }
        }
    }
    CU_ASSERT(names > 0);
    free(s);
    return bad;
}

static void test_names_table(void)
{
    Entry e[128];
    int n = load_table(e, 128);
    CU_ASSERT(n >= 30);
    /* the documentation example, with every optional row and column */
    char *doc = tt_slurp("docs/format.md"), *name = NULL;
    const char *next;
    char *b = next_block(doc, &name, &next);
    CU_ASSERT_PTR_NOT_NULL_FATAL(b);
    write_tmp("example.cfg", b);
    free(b);
    free(name);
    free(doc);
    char *mnames[64];
    for (int i = write_models_blocks(mnames, 64); i-- > 0;)
        free(mnames[i]);
    static const char *const EXPORTS[][2] = {
        {"instances/teach_two_routes.cfg", ""},
        {"instances/teach_hydrogen.cfg", ""},
        {"instances/teach_ccs.cfg", ""},
        {"instances/teach_macc.cfg", ""},
        {"instances/teach_mc.cfg", ""},
        {"instances/teach_value.cfg", ""},
        {"tests/fixtures/docs/from_format.cfg", ""},
        {DOCS_TMP "/example.cfg", ""},
        {DOCS_TMP "/example.cfg", "--elastic --set policy.budget=1e8"},
        {DOCS_TMP "/pool_plant.cfg", ""}, /* a product with a balance: pool columns */
        {"instances/dunkirk.cfg", ""},     /* 24 slices: aggregate plant flows (pf_), stocks */
        {"tests/fixtures/docs/stock.cfg", ""}, /* 12 annual periods: plant stocks (stock_, alive_) */
    };
    int nexp = (int)(sizeof EXPORTS / sizeof EXPORTS[0]);
    for (int k = 0; k < nexp; k++) {
        char dir[512], lp[600];
        snprintf(dir, sizeof dir, "%s/names_%d", DOCS_TMP, k);
        CU_ASSERT_EQUAL(run(0, NULL, 0, "rm -rf %s && %s export -q --format lp -o %s %s %s", dir, TT_TICO, dir,
                            EXPORTS[k][1], EXPORTS[k][0]), 0);
        snprintf(lp, sizeof lp, "%s/model.lp", dir);
        CU_ASSERT_EQUAL(check_lp(e, n, lp), 0);
    }
    for (int i = 0; i < n; i++) {
        if (!e[i].seen)
            fprintf(stderr, "\n  docs/architecture.md lists '%s%s' (%s) but no exported model has it", e[i].prefix,
                    e[i].exact ? "" : "...", e[i].row ? "row" : "column");
        CU_ASSERT(e[i].seen > 0);
    }
}

/* The classifier itself: a new prefix would not slip through. */
static void test_names_classify(void)
{
    Entry e[128];
    int n = load_table(e, 128);
    CU_ASSERT(classify(e, n, "def_em_ets_2030", true) >= 0);
    CU_ASSERT_STRING_EQUAL(e[classify(e, n, "def_em_ets_2030", true)].prefix, "def_em_ets_");
    CU_ASSERT_STRING_EQUAL(e[classify(e, n, "def_em_2030", true)].prefix, "def_em_");
    CU_ASSERT_STRING_EQUAL(e[classify(e, n, "short_prod_works_2030", false)].prefix, "short_prod_");
    CU_ASSERT_EQUAL(classify(e, n, "newrow_works_2030", true), -1);
    CU_ASSERT_EQUAL(classify(e, n, "bal_x_2030", false), -1);    /* a row prefix is not a column */
    CU_ASSERT_EQUAL(classify(e, n, "co2budget2", true), -1);     /* exact names are exact */
    CU_ASSERT_EQUAL(classify(e, n, "npv_cost", true) >= 0, 1);
}


/* ---- the pages name what the code has ------------------------------------------------- */

/* Is w named on the page: `w`, "w" (a quoted value) or the end of a dotted path `a.w`? */
static bool doc_names(const char *doc, const char *w)
{
    char a[256], b[256], c[256];
    snprintf(a, sizeof a, "`%s`", w);
    snprintf(b, sizeof b, "\"%s\"", w);
    snprintf(c, sizeof c, ".%s`", w);
    return strstr(doc, a) || strstr(doc, b) || strstr(doc, c);
}

/* Every string of every `static const char *const NAME[] = { ... };` list in a loader file:
 * the keys the loader accepts and the words it knows. Returns how many are not on the page. */
static int keys_missing(const char *src, const char *doc, int *count)
{
    char *s = tt_slurp(src);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    int missing = 0;
    for (const char *p = s; (p = strstr(p, "static const char *const ")) != NULL;) {
        const char *open = strstr(p, "[] = {"), *semi = strchr(p, ';');
        p += 25;
        if (!open || !semi || open > semi)
            continue;
        const char *end = strstr(open, "};");
        for (const char *q = open; q && q < end; q = strchr(q, '"') ? strchr(q, '"') + 1 : NULL) {
            q = strchr(q, '"');
            if (!q || q > end)
                break;
            const char *z = strchr(q + 1, '"');
            char w[128];
            snprintf(w, sizeof w, "%.*s", (int)(z - q - 1), q + 1);
            (*count)++;
            if (!doc_names(doc, w)) {
                fprintf(stderr, "\n  %s accepts '%s' but docs/format.md does not name it", src, w);
                missing++;
            }
            q = z;
        }
    }
    free(s);
    return missing;
}

static void test_format_names_every_key(void)
{
    char *doc = tt_slurp("docs/format.md");
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    int count = 0;
    glob_t g;
    CU_ASSERT_EQUAL_FATAL(glob("solver/load/load*.c", 0, NULL, &g), 0);
    for (size_t k = 0; k < g.gl_pathc; k++)
        CU_ASSERT_EQUAL(keys_missing(g.gl_pathv[k], doc, &count), 0);
    globfree(&g);
    CU_ASSERT(count >= 100); /* the lists were found */
    free(doc);
}

static void test_commands_names_every_option(void)
{
    char *doc = tt_slurp("docs/commands.md"), *src = tt_slurp("solver/cli/cli.c");
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_PTR_NOT_NULL_FATAL(src);
    int n = 0;
    for (const char *p = src; (p = strstr(p, "strcmp(a, \"-")) != NULL; p++) {
        const char *q = p + strlen("strcmp(a, \"");
        char opt[64], a[80], b[80];
        snprintf(opt, sizeof opt, "%.*s", (int)(strchr(q, '"') - q), q);
        snprintf(a, sizeof a, "`%s`", opt);
        snprintf(b, sizeof b, "`%s ", opt);
        n++;
        if (!strstr(doc, a) && !strstr(doc, b))
            fprintf(stderr, "\n  solver/cli/cli.c parses '%s' but docs/commands.md does not name it", opt);
        CU_ASSERT(strstr(doc, a) || strstr(doc, b));
    }
    CU_ASSERT(n >= 20);
    free(doc);
    free(src);
}

/* The header of a CSV file, every column named in docs/reports.md. In mc.csv the columns
 * `cost_<parameter>_eur` and in mc_scenarios.csv the draws `<parameter>` and `cost_<pathway>`
 * depend on the instance: they are documented as patterns. */
static int columns_missing(const char *doc, const char *path)
{
    char *s = tt_slurp(path);
    CU_ASSERT_PTR_NOT_NULL_FATAL(s);
    char *nl = strchr(s, '\n');
    if (nl)
        *nl = '\0';
    bool mc = strstr(path, "/mc") != NULL, scen = strstr(path, "mc_scenarios") != NULL;
    int missing = 0, i = 0;
    bool draws = scen;
    for (char *c = strtok(s, ","); c; c = strtok(NULL, ","), i++) {
        if (scen && i > 0 && strncmp(c, "cost_", 5) == 0)
            draws = false;
        if ((mc && strncmp(c, "cost_", 5) == 0 && strcmp(c, "cost_fixed_eur") != 0) || (draws && i > 0))
            continue;
        if (!doc_names(doc, c)) {
            fprintf(stderr, "\n  %s has column '%s' but docs/reports.md does not name it", path, c);
            missing++;
        }
    }
    free(s);
    return missing;
}

static void test_reports_name_every_column(void)
{
    char *doc = tt_slurp("docs/reports.md");
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    mkdir(TT_TMP, 0777);
    mkdir(DOCS_TMP, 0777);
    const char *d = DOCS_TMP "/columns";
    CU_ASSERT_EQUAL(run(0, NULL, 0, "rm -rf %s && %s solve -q -j 1 -o %s instances/teach_ccs.cfg", d, TT_TICO, d), 0);
    CU_ASSERT_EQUAL(run(0, NULL, 0, "%s macc -q -j 1 --prices 0:100:25 --caps 1,0.5,0 --measures -o %s "
                                    "instances/teach_macc.cfg", TT_TICO, d), 0);
    CU_ASSERT_EQUAL(run(0, NULL, 0, "%s mc -q -j 1 --samples 20 --reoptimise -o %s instances/teach_mc.cfg", TT_TICO,
                        d), 0);
    CU_ASSERT_EQUAL(run(0, NULL, 0, "%s value -q -j 1 -o %s instances/teach_value.cfg", TT_TICO, d), 0);
    CU_ASSERT_EQUAL(run(0, NULL, 0, "%s portfolio -q -o %s %s", TT_TICO, d, d), 0);
    static const char *const FILES[] = {"pathway.csv", "assets.csv", "spurs.csv", "flows.csv", "emissions.csv",
                                        "costs.csv", "prices.csv", "tic.csv", "macc_prices.csv", "macc_prices_points.csv",
                                        "mc.csv", "mc_scenarios.csv", "value.csv", "value_split.csv",
                                        "portfolio.csv"};
    for (size_t k = 0; k < sizeof FILES / sizeof FILES[0]; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", d, FILES[k]);
        CU_ASSERT_EQUAL(columns_missing(doc, path), 0);
        char title[128];
        snprintf(title, sizeof title, "### %s", FILES[k]);
        CU_ASSERT_PTR_NOT_NULL(strstr(doc, title)); /* each file has its own table */
    }
    /* the other two macc modes write the same columns under their own names */
    static const char *const MODES[] = {"macc_caps.csv", "macc_caps_points.csv", "macc_measures.csv",
                                        "macc_measures_points.csv"};
    for (size_t k = 0; k < sizeof MODES / sizeof MODES[0]; k++) {
        char path[512];
        snprintf(path, sizeof path, "%s/%s", d, MODES[k]);
        CU_ASSERT_EQUAL(columns_missing(doc, path), 0);
        CU_ASSERT_PTR_NOT_NULL(strstr(doc, MODES[k]));
    }
    /* run.json: its table names every key the sidecar holds */
    CU_ASSERT_PTR_NOT_NULL(strstr(doc, "## run.json"));
    static const char *const KEYS[] = {"runs", "tico_version", "command", "mode", "instance", "instance_file",
                                       "input_sha256", "model_sha256", "options", "run_options", "gap_requested",
                                       "gap", "date", "header", "files"};
    char path[512];
    snprintf(path, sizeof path, "%s/run.json", d);
    for (size_t k = 0; k < sizeof KEYS / sizeof KEYS[0]; k++) {
        char key[64];
        snprintf(key, sizeof key, "\"%s\":", KEYS[k]);
        CU_ASSERT(tt_file_has(path, key));
        if (!doc_names(doc, KEYS[k]))
            fprintf(stderr, "\n  run.json has key '%s' but docs/reports.md does not name it", KEYS[k]);
        CU_ASSERT(doc_names(doc, KEYS[k]));
    }
    free(doc);
}

/* GitHub's anchor of a heading: lower case, letters, digits, '-' and '_' kept, spaces to '-',
 * everything else (punctuation, non-ASCII) dropped. */
static void slug(const char *h, char *out, size_t n)
{
    size_t k = 0;
    for (; *h && *h != '\n' && k + 1 < n; h++) {
        unsigned char c = (unsigned char)*h;
        if (isalnum(c) || c == '-' || c == '_')
            out[k++] = (char)tolower(c);
        else if (c == ' ')
            out[k++] = '-';
    }
    out[k] = '\0';
}

static bool has_anchor(const char *path, const char *anchor)
{
    char *s = tt_slurp(path);
    if (!s)
        return false;
    bool fence = false, found = false;
    for (const char *l = s; l && *l && !found; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
        if (strncmp(l, "```", 3) == 0)
            fence = !fence;
        if (fence || *l != '#')
            continue;
        while (*l == '#')
            l++;
        while (*l == ' ')
            l++;
        char a[256];
        slug(l, a, sizeof a);
        found = strcmp(a, anchor) == 0;
    }
    free(s);
    return found;
}

static void test_links(void)
{
    static const char *const PAGES[] = {"README.md", "docs/format.md", "docs/models.md", "docs/commands.md",
                                        "docs/reports.md", "docs/architecture.md"};
    int links = 0;
    for (size_t k = 0; k < sizeof PAGES / sizeof PAGES[0]; k++) {
        char *s = tt_slurp(PAGES[k]);
        CU_ASSERT_PTR_NOT_NULL_FATAL(s);
        for (const char *p = s; (p = strstr(p, "](")) != NULL; p++) {
            const char *q = p + 2, *e = strchr(q, ')');
            if (!e || strncmp(q, "http", 4) == 0)
                continue;
            char target[512], file[520], anchor[256] = "";
            snprintf(target, sizeof target, "%.*s", (int)(e - q), q);
            char *hash = strchr(target, '#');
            if (hash) {
                snprintf(anchor, sizeof anchor, "%s", hash + 1);
                *hash = '\0';
            }
            if (!*target)
                snprintf(file, sizeof file, "%s", PAGES[k]);
            else if (strncmp(PAGES[k], "docs/", 5) == 0)
                snprintf(file, sizeof file, "docs/%s", target);
            else
                snprintf(file, sizeof file, "%s", target);
            struct stat st;
            bool ok = stat(file, &st) == 0 && (!*anchor || has_anchor(file, anchor));
            if (!ok)
                fprintf(stderr, "\n  %s: the link (%.*s) leads nowhere", PAGES[k], (int)(e - q), q);
            CU_ASSERT(ok);
            links++;
        }
        free(s);
    }
    CU_ASSERT(links >= 30);
}

TT_MAIN("docs", {"from_format.cfg passes tico check", test_from_format_check},
        {"from_format.cfg solves to its hand-derived optimum", test_from_format_solve},
        {"format.md example checks and solves", test_format_example},
        {"models.md snippets pass tico check", test_models_snippets},
        {"names classifier", test_names_classify},
        {"row and column names match architecture.md", test_names_table},
        {"format.md names every key the loader accepts", test_format_names_every_key},
        {"commands.md names every option", test_commands_names_every_option},
        {"reports.md names every column", test_reports_name_every_column},
        {"links between the pages lead somewhere", test_links})
