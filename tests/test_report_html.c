/*
 * test_report_html.c — report.html and its charts:
 *  - charts a board can read: colours fixed per sector and carrier id, readable names from
 *    ids, at most 8 legend entries, MACC labels in full (a numbered key, never cut);
 *  - report.html lists the MACC files it found and names the curve it shows (the measure
 *    MACC first), with the caption of that curve; its files are 0666 & ~umask;
 *  - rendered by a real browser (Debian's chromium, headless) at 1280 px and at the A4
 *    print width (794 px), and printed to an A4 PDF with a page per section: the pictures
 *    have the size asked for and are not blank (their PNG is several times larger than the
 *    same browser's picture of an empty page). The browser tests are skipped, with a
 *    visible message, where chromium is not installed (`apt-get install chromium` to run
 *    them; it is not part of `make deps`).
 */
#include <sys/stat.h>
#include <unistd.h>

#include "svg.h"

#include "report.h"
#include "report_fixture.h"
#include "report_int.h"
#include "testing.h"

#define RENDER_DIR TT_TMP "/report_render"
#define CHROMIUM_FLAGS                                                                                           \
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "      \
    "--disable-component-update --disable-sync"

static int have_chromium(void)
{
    return tt_sh("command -v chromium", NULL, 0) == 0;
}

/* Render file (relative to the repository root) into png at width x height px (or, with
 * png ending in .pdf, print it); returns chromium's exit code. */
static int render_at(const char *file, const char *png, int width, int height)
{
    char cwd[1024], cmd[4096], out[4096];
    if (!getcwd(cwd, sizeof cwd))
        return -1;
    snprintf(cmd, sizeof cmd,
             "(rm -f '%s'; prof=$(mktemp -d) && timeout 180 chromium " CHROMIUM_FLAGS
             " --window-size=%d,%d --user-data-dir=\"$prof\" %s='%s/%s' 'file://%s/%s'; rc=$?; rm -rf \"$prof\"; "
             "exit $rc)",
             png, width, height,
             strstr(png, ".pdf") ? "--no-pdf-header-footer --print-to-pdf" : "--screenshot", cwd, png, cwd, file);
    int rc = tt_sh(cmd, out, sizeof out);
    if (rc != 0)
        fprintf(stderr, "\n  chromium exited %d:\n%s\n", rc, out);
    return rc;
}

static int render(const char *file, const char *png)
{
    return render_at(file, png, 1200, 3000);
}

/* Occurrences of text in a file (binary-safe). */
static int count_in(const char *path, const char *text)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *b = malloc((size_t)n + 1);
    if (!b || fread(b, 1, (size_t)n, f) != (size_t)n) {
        fclose(f);
        free(b);
        return -1;
    }
    fclose(f);
    int c = 0;
    size_t len = strlen(text);
    for (long i = 0; i + (long)len <= n; i++)
        if (memcmp(b + i, text, len) == 0)
            c++;
    free(b);
    return c;
}

/* An SVG drawn into a string (freed by the caller). */
static char *chart_text(const SvgChart *c, const SvgMacc *mc)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    if (c)
        svg_chart(f, c);
    else
        svg_macc(f, mc);
    fclose(f);
    return buf;
}

static int count_str(const char *s, const char *text)
{
    int c = 0;
    for (const char *p = strstr(s, text); p; p = strstr(p + 1, text))
        c++;
    return c;
}

/* Colours are keyed by id: the same id has the same colour alone or among others, in
 * any order; carriers and sectors that are different things never share a colour. */
static void test_colors(void)
{
    const char *a[3] = {"coal", "heat", "grid_electricity"}, *b[4] = {"natural_gas", "grid_electricity", "coal",
                                                                     "excess_heat_ht"};
    const char *ca[3], *cb[4];
    svg_assign_colors(a, 3, ca);
    svg_assign_colors(b, 4, cb);
    CU_ASSERT_STRING_EQUAL(ca[0], cb[2]); /* coal */
    CU_ASSERT_STRING_EQUAL(ca[2], cb[1]); /* grid electricity */
    CU_ASSERT_STRING_EQUAL(ca[1], "#e15759"); /* the heat sector */
    CU_ASSERT(strcmp(ca[0], ca[1]) != 0);     /* coal is not the heat sector's colour (issue 16) */
    CU_ASSERT_STRING_EQUAL(svg_key_color("power"), svg_key_color("electricity"));
    /* bought grid electricity: a darker shade, told apart from the cluster's own */
    CU_ASSERT_STRING_EQUAL(svg_key_color("grid_electricity"), "#b8860b");
    CU_ASSERT_STRING_EQUAL(svg_key_color("urban"), "#9467bd");
    CU_ASSERT_STRING_EQUAL(svg_key_color("green_hydrogen"), svg_key_color("hydrogen")); /* by keyword */
    CU_ASSERT_PTR_NULL(svg_key_color("widgets"));
    /* unknown ids: a colour from their hash, the same alone and with others */
    const char *u1[1] = {"widgets"}, *u2[3] = {"gadgets", "steel", "widgets"}, *c1[1], *c2[3];
    svg_assign_colors(u1, 1, c1);
    svg_assign_colors(u2, 3, c2);
    CU_ASSERT(strcmp(c2[0], c2[2]) != 0 && strcmp(c2[0], c2[1]) != 0 && strcmp(c2[2], c2[1]) != 0);
    if (strcmp(c2[0], c1[0]) != 0) /* no collision with gadgets: widgets keeps its colour */
        CU_ASSERT_STRING_EQUAL(c2[2], c1[0]);
    char r[96];
    svg_readable(r, sizeof r, "grid_electricity");
    CU_ASSERT_STRING_EQUAL(r, "Grid electricity");
    svg_readable(r, sizeof r, "excess_heat_ht");
    CU_ASSERT_STRING_EQUAL(r, "Excess heat HT");
    svg_readable(r, sizeof r, "co2_captured");
    CU_ASSERT_STRING_EQUAL(r, "CO2 captured");
    svg_readable(r, sizeof r, "steel");
    CU_ASSERT_STRING_EQUAL(r, "Steel");
    svg_readable(r, 6, "natural_gas");
    CU_ASSERT_STRING_EQUAL(r, "Natur");
}

/* 12 stacked series and 2 lines: 5 series kept (the largest, 8 to 12), the other 7 summed
 * as one "other" entry: 5 + 1 + 2 lines = 8 legend entries. */
static void test_legend_max(void)
{
    static const char *const cats[2] = {"2025", "2030"};
    double v[12][2], l1[2] = {1, 1}, l2[2] = {2, 2};
    SvgSeries bars[12];
    char names[12][24];
    for (int k = 0; k < 12; k++) {
        v[k][0] = k + 1; /* totals 2(k+1): series 8..12 kept */
        v[k][1] = k + 1;
        snprintf(names[k], sizeof names[k], "series %d", k + 1);
        bars[k] = (SvgSeries){names[k], svg_palette(k), v[k], false};
    }
    SvgLine lines[2] = {{"cap", "#222222", l1, false, true}, {"baseline", "#555555", l2, true, false}};
    SvgChart c = {.title = "t", .ylabel = "y", .cats = cats, .ncat = 2, .bars = bars, .nbars = 12, .lines = lines,
                  .nlines = 2};
    char *s = chart_text(&c, NULL);
    /* legend swatches are 12 x 12 rects: 5 series and other (the 2 lines are lines) */
    CU_ASSERT_EQUAL(count_str(s, "width=\"12.0\" height=\"12.0\""), 6);
    CU_ASSERT_EQUAL(count_str(s, ">other</text>"), 1);
    CU_ASSERT_EQUAL(count_str(s, ">series 8</text>"), 1);
    CU_ASSERT_EQUAL(count_str(s, ">series 7</text>"), 0);
    CU_ASSERT_EQUAL(count_str(s, ">baseline</text>"), 1);
    CU_ASSERT(strstr(s, "other, 2025: 28<") != NULL); /* 1 + 2 + ... + 7 */
    free(s);
    /* which series "other" holds, and the note that names them with their largest value */
    bool folded[12];
    CU_ASSERT_EQUAL(svg_chart_folded(&c, folded), 7);
    for (int k = 0; k < 12; k++)
        CU_ASSERT_EQUAL(folded[k], k < 7);
    char note[1024];
    report_html_other_note(note, sizeof note, &c, 1000.0, REPORT_TONNES, REPORT_SECTOR_TAIL);
    CU_ASSERT_STRING_EQUAL(note, "Grey \"other\" sums the smallest series (a chart shows at most 8 legend entries): "
                                 "series 1 (at most 1 kt, 2025), series 2 (at most 2 kt, 2025), series 3 (at most 3 "
                                 "kt, 2025), series 4 (at most 4 kt, 2025), series 5 (at most 5 kt, 2025), series 6 "
                                 "(at most 6 kt, 2025), series 7 (at most 7 kt, 2025); each sector's figures are in "
                                 "the table \"By sector\" below.");
    c.nbars = 6; /* 6 + 2 lines: room for all, nothing folded */
    CU_ASSERT_EQUAL(svg_chart_folded(&c, folded), 0);
    report_html_other_note(note, sizeof note, &c, 1.0, REPORT_TONNES, NULL);
    CU_ASSERT_STRING_EQUAL(note, "");
}

/*
 * The "By sector" table of the tiny cluster (report_fixture.h; figures by hand in test_tic.c's
 * test_tic_sectors): 2025 and 2030, t and FTE grouped by thousands, capex over the horizon in
 * MEUR: steel 9e8 + its spur 5e5 = 900.5, cement 1e8 + 6e5 = 100.6, hydrogen 300.
 */
static void test_sector_table(void)
{
    const char *d = TT_TMP "/report_sectors";
    tt_sh("rm -rf " TT_TMP "/report_sectors", NULL, 0);
    Model *m = rf_load(RF_TINY_IO);
    Solution *s = rf_pathway(m), *b = rf_baseline(m);
    CU_ASSERT_EQUAL(report_write(m, s, b, d), TICO_OK);
    CU_ASSERT(rf_has(d, "report.html", "<h3>By sector</h3>"));
    CU_ASSERT(rf_has(d, "report.html", "<tr><td>Steel</td><td>3,000,000</td><td>1,100,000</td><td>3,007,500</td>"
                                       "<td>1,127,500</td><td>0</td><td>0</td><td>2,000</td><td>1,800</td>"
                                       "<td>900.5</td></tr>"));
    CU_ASSERT(rf_has(d, "report.html", "<tr><td>Cement</td><td>640,000</td><td>64,000</td><td>640,000</td>"
                                       "<td>72,000</td><td>0</td><td>0</td><td>200</td><td>300</td>"
                                       "<td>100.6</td></tr>"));
    CU_ASSERT(rf_has(d, "report.html", "<tr><td>Hydrogen</td><td>0</td><td>0</td><td>0</td><td>150,000</td>"
                                       "<td>0</td><td>0</td><td>0</td><td>100</td><td>300.0</td></tr>"));
    char *html = tt_slurp(TT_TMP "/report_sectors/report.html");
    CU_ASSERT(html && !strstr(html, "<tr><td>(not allocated)")); /* nothing left unallocated */
    free(html);
    solution_free(s);
    solution_free(b);
    model_free(m);
}

/*
 * Seven emitting sectors, scope 2 and scope 3, no cap and no baseline: 9 series for 8 legend
 * entries. Rather than fold the smallest sector (urban, 500 t beside 1 Mt each) into "other",
 * scope 2 and scope 3 share one entry and every sector keeps its own.
 */
static void test_small_sector_kept(void)
{
    static const char *const SEC[7] = {"steel", "cement", "power", "heat", "aluminium", "refining", "urban"};
    char cfg[8192];
    size_t len = (size_t)snprintf(cfg, sizeof cfg,
        "cluster = { name = \"Seven\"; country = \"FR\"; currency = \"EUR2025\"; };\n"
        "horizon = { periods = [2030]; last_period_years = 5; discount_rate = 0.0; };\n"
        "commodities = ( { id = \"goods\"; unit = \"t\"; balance = \"none\"; },\n"
        "  { id = \"electricity\"; unit = \"MWh\"; balance = \"annual\"; },\n"
        "  { id = \"hbi\"; unit = \"t\"; balance = \"annual\"; } );\n"
        "markets = ( { commodity = \"electricity\"; direction = \"import\"; price = 50.0; co2 = 0.1; },\n"
        "            { commodity = \"hbi\"; direction = \"import\"; price = 300.0; co2 = 0.5; co2_scope = 3; } );\n"
        "technologies = (\n");
    for (int k = 0; k < 7; k++)
        len += (size_t)snprintf(cfg + len, sizeof cfg - len,
                                "  { id = \"r_%s\"; sector = \"%s\"; kind = \"route\"; product = \"goods\"; lifetime = 40;\n"
                                "    inputs = { electricity = 0.1; hbi = 0.1; }; emissions = { fossil = 1.0; }; "
                                "source = \"t\"; }%s\n",
                                SEC[k], SEC[k], k < 6 ? "," : " );");
    len += (size_t)snprintf(cfg + len, sizeof cfg - len, "plants = (\n");
    for (int k = 0; k < 7; k++)
        len += (size_t)snprintf(cfg + len, sizeof cfg - len,
                                "  { id = \"p_%s\"; product = \"goods\"; units = 1; unit_capacity = 1.0e6; routes = [];\n"
                                "    existing = { route = \"r_%s\"; units = 1; retire = [2060]; }; production = %s; }%s\n",
                                SEC[k], SEC[k], k < 6 ? "1.0e6" : "500.0", k < 6 ? "," : " );");
    Model *m = rf_load(tt_write("seven.cfg", cfg));
    Solution *s = solution_new(m);
    s->status = SOL_OPTIMAL;
    double e1 = 0.0;
    for (int p = 0; p < 7; p++) {
        double x = p < 6 ? 1.0e6 : 500.0;
        int r = m->plants[p].existing_route;
        s->lines[sol_pr(s, p, r, 0)] = 1;
        s->production[sol_pr(s, p, r, 0)] = x;
        s->gross[sol_pt(s, p, 0)] = s->net_scope1[sol_pt(s, p, 0)] = x;
        e1 += x;
    }
    s->market_flow[0] = s->market_flow[s->S] = 600050; /* 0.1 x (6e6 + 500) */
    s->market_scope2[0] = 60005;
    s->market_scope3[s->T] = 300025;
    s->emissions_scope1[0] = e1;
    s->emissions_scope2[0] = 60005;
    s->emissions_scope3[0] = 300025;
    const char *d = TT_TMP "/report_seven";
    tt_sh("rm -rf " TT_TMP "/report_seven", NULL, 0);
    CU_ASSERT_EQUAL(report_write(m, s, NULL, d), TICO_OK);
    char *html = tt_slurp(TT_TMP "/report_seven/report.html");
    CU_ASSERT_PTR_NOT_NULL_FATAL(html);
    char *chart = strstr(html, "Emissions pathway by sector"), *end = chart ? strstr(chart, "</svg>") : NULL;
    CU_ASSERT_PTR_NOT_NULL_FATAL(end);
    *end = '\0';
    CU_ASSERT_PTR_NOT_NULL(strstr(chart, ">Urban</text>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(chart, ">scope 2+3 (bought energy and materials)</text>"));
    CU_ASSERT_PTR_NULL(strstr(chart, ">other</text>"));
    CU_ASSERT_PTR_NOT_NULL(strstr(chart, "Scope 2 and scope 3 share one legend entry"));
    CU_ASSERT_PTR_NOT_NULL(strstr(end + 1, "<tr><td>Urban</td><td>500</td><td>500</td><td>530</td>"));
    /* 500 + scope 2 0.1 x 50 MWh + scope 3 0.5 x 50 t of HBI = 530 */
    free(html);
    solution_free(s);
    model_free(m);
}

/* MACC labels that do not fit over their bars: numbers over the bars and a key with every
 * label in full, never cut ("…"); more than 8 sectors: 7 and "other". */
static void test_macc_key(void)
{
    static const char *const sec[9] = {"steel", "cement", "power", "heat", "ccs", "aluminium", "battery",
                                       "refining", "glass"};
    SvgMaccBar bars[9];
    char label[9][96];
    for (int k = 0; k < 9; k++) {
        snprintf(label[k], sizeof label[k], "ArcelorMittal Dunkerque measure %d with a long name that never fits", k);
        bars[k] = (SvgMaccBar){label[k], sec[k], svg_key_color(sec[k]), 9.0 - k, 10.0 * k};
    }
    SvgMacc mc = {.title = "m", .xlabel = "x", .ylabel = "y", .bars = bars, .n = 9};
    char *s = chart_text(NULL, &mc);
    CU_ASSERT(strstr(s, "\xe2\x80\xa6") == NULL);
    CU_ASSERT(strstr(s, ">1. ArcelorMittal Dunkerque measure 0 with a long name that never fits (steel): 9 at 0<") != NULL);
    CU_ASSERT(strstr(s, ">9. ArcelorMittal Dunkerque measure 8 with a long name that never fits (glass): 1 at 80<") != NULL);
    CU_ASSERT_EQUAL(count_str(s, ">other</text>"), 1);
    CU_ASSERT_EQUAL(count_str(s, ">glass</text>"), 0); /* the narrowest sector is in "other" */
    CU_ASSERT_EQUAL(count_str(s, "width=\"12.0\" height=\"12.0\""), 8);
    free(s);
}

/* report.html lists the MACC files and shows the measure MACC first, with its caption; a
 * price sweep alone says its height is the price at which a measure enters. */
static void test_macc_files(void)
{
    const char *d = TT_TMP "/report_macc";
    tt_sh("rm -rf " TT_TMP "/report_macc && mkdir -p " TT_TMP "/report_macc", NULL, 0);
    tt_write("report_macc/macc_prices.csv", "kind,step,measure,sector,abatement_t,mac_eur_per_t\n"
                                            "price,1,Steel switch,steel,2000000,50\n");
    Model *m = rf_load(RF_TINY_IO);
    Solution *s = rf_pathway(m), *b = rf_baseline(m);
    CU_ASSERT_EQUAL_FATAL(report_write(m, s, b, d), TICO_OK);
    CU_ASSERT(rf_has(d, "report.html", "Found in this folder: <code>macc_prices.csv</code> (carbon-price sweep)."));
    CU_ASSERT(rf_has(d, "report.html", "Shown: the MACC of the carbon-price sweep from <code>macc_prices.csv</code>."));
    CU_ASSERT(rf_has(d, "report.html", "its height the carbon price at which it enters (not its cost per tonne"));
    CU_ASSERT(rf_lacks(d, "report.html", "the cost per tonne abated"));
    tt_write("report_macc/macc_measures.csv", "kind,step,measure,sector,abatement_t,mac_eur_per_t\n"
                                              "measure,1,Kiln capture,cement,576000,42.5\n");
    tt_write("report_macc/macc.csv", "kind,step,measure,sector,abatement_t,mac_eur_per_t\n"
                                     "cap,1,Cap step,steel,100000,80\n");
    CU_ASSERT_EQUAL_FATAL(report_write(m, s, b, d), TICO_OK);
    CU_ASSERT(rf_has(d, "report.html", "Found in this folder: <code>macc_measures.csv</code> (measures); "
                                       "<code>macc_prices.csv</code> (carbon-price sweep); <code>macc.csv</code> "
                                       "(cap sweep)."));
    CU_ASSERT(rf_has(d, "report.html", "Shown: the measure MACC from <code>macc_measures.csv</code>."));
    CU_ASSERT(rf_has(d, "report.html", "Measure MACC: each plant on one route, each asset measure, from its cheapest start</text>"));
    CU_ASSERT(rf_has(d, "report.html", "Kiln capture (Cement)"));
    CU_ASSERT(rf_lacks(d, "report.html", "Steel switch"));
    solution_free(s);
    solution_free(b);
    model_free(m);
}

/* Every file report_write makes is 0666 & ~umask: 0644 under umask 022, 0640 under 027. */
static void test_modes(void)
{
    const char *d = TT_TMP "/report_modes";
    static const char *const files[] = {"report.html", "summary.txt", "solution.json", "tic.json", "tic.csv",
                                        "pathway.csv"};
    Model *m = rf_load(RF_TINY_IO);
    Solution *s = rf_pathway(m), *b = rf_baseline(m);
    mode_t want[2] = {0644, 0640}, masks[2] = {022, 027};
    for (int k = 0; k < 2; k++) {
        tt_sh("rm -rf " TT_TMP "/report_modes", NULL, 0);
        mode_t old = umask(masks[k]);
        CU_ASSERT_EQUAL_FATAL(report_write(m, s, b, d), TICO_OK);
        umask(old);
        for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
            char p[512];
            struct stat st;
            snprintf(p, sizeof p, "%s/%s", d, files[i]);
            CU_ASSERT_EQUAL_FATAL(stat(p, &st), 0);
            if ((st.st_mode & 0777) != want[k])
                fprintf(stderr, "\n  %s: mode %o, expected %o\n", p, (unsigned)(st.st_mode & 0777), (unsigned)want[k]);
            CU_ASSERT_EQUAL(st.st_mode & 0777, want[k]);
        }
    }
    solution_free(s);
    solution_free(b);
    model_free(m);
}

/* Width and height from a PNG's IHDR chunk (bytes 16..23, big-endian); -1 if not a PNG. */
static int png_size(const char *path, long *w, long *h, long *bytes)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    unsigned char b[24];
    size_t n = fread(b, 1, sizeof b, f);
    fseek(f, 0, SEEK_END);
    *bytes = ftell(f);
    fclose(f);
    static const unsigned char sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    if (n < 24 || memcmp(b, sig, 8) != 0 || memcmp(b + 12, "IHDR", 4) != 0)
        return -1;
    *w = (long)b[16] << 24 | (long)b[17] << 16 | (long)b[18] << 8 | b[19];
    *h = (long)b[20] << 24 | (long)b[21] << 16 | (long)b[22] << 8 | b[23];
    return 0;
}

static void test_render(void)
{
    if (!have_chromium()) {
        printf("SKIPPED: chromium is not installed, report.html was not rendered (apt-get install chromium "
               "to run this test) ");
        return;
    }
    tt_sh("rm -rf " RENDER_DIR " && mkdir -p " RENDER_DIR, NULL, 0);
    tt_write("report_render/macc.csv", "measure,sector,abatement_t,mac_eur_per_t\n"
                                       "Kiln capture,cement,576000,42.5\n"
                                       "H2-DRI-EAF,steel,1900000,95\n");
    Model *m = rf_load(RF_TINY_IO);
    Solution *s = rf_pathway(m), *b = rf_baseline(m);
    CU_ASSERT_EQUAL_FATAL(report_write(m, s, b, RENDER_DIR), TICO_OK);
    solution_free(s);
    solution_free(b);
    model_free(m);
    tt_write("report_render/blank.html", "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head><body></body></html>\n");

    CU_ASSERT_EQUAL_FATAL(render(RENDER_DIR "/report.html", RENDER_DIR "/report.png"), 0);
    CU_ASSERT_EQUAL_FATAL(render(RENDER_DIR "/blank.html", RENDER_DIR "/blank.png"), 0);
    long w, h, bytes, bw, bh, bbytes;
    CU_ASSERT_EQUAL_FATAL(png_size(RENDER_DIR "/report.png", &w, &h, &bytes), 0);
    CU_ASSERT_EQUAL_FATAL(png_size(RENDER_DIR "/blank.png", &bw, &bh, &bbytes), 0);
    CU_ASSERT_EQUAL(w, 1200);
    CU_ASSERT_EQUAL(h, 3000);
    printf("report.png %ldx%ld, %ld bytes (an empty page: %ld) ", w, h, bytes, bbytes);
    CU_ASSERT(bytes > 4 * bbytes);
    CU_ASSERT(bytes > 50000);
    /* at 1280 px, and at the A4 print width (210 mm at 96 px/in = 794 px) with the print
     * rules applied to the screen */
    CU_ASSERT_EQUAL_FATAL(render_at(RENDER_DIR "/report.html", RENDER_DIR "/report1280.png", 1280, 4000), 0);
    CU_ASSERT_EQUAL_FATAL(png_size(RENDER_DIR "/report1280.png", &w, &h, &bytes), 0);
    CU_ASSERT_EQUAL(w, 1280);
    CU_ASSERT(bytes > 4 * bbytes);
    CU_ASSERT_EQUAL(tt_sh("sed 's/@media print{/@media all{/' " RENDER_DIR "/report.html > " RENDER_DIR
                          "/print.html", NULL, 0), 0);
    CU_ASSERT_EQUAL(count_in(RENDER_DIR "/print.html", "@media all{"), 1);
    CU_ASSERT_EQUAL_FATAL(render_at(RENDER_DIR "/print.html", RENDER_DIR "/a4.png", 794, 4000), 0);
    CU_ASSERT_EQUAL_FATAL(png_size(RENDER_DIR "/a4.png", &w, &h, &bytes), 0);
    CU_ASSERT_EQUAL(w, 794);
    CU_ASSERT(bytes > 4 * bbytes);
    /* printed: an A4 PDF, a page per section (headline and emissions, energy, investment,
     * CO2 price, MACC, key decisions, table), more where a section is longer than a page */
    CU_ASSERT_EQUAL_FATAL(render_at(RENDER_DIR "/report.html", RENDER_DIR "/report.pdf", 1280, 4000), 0);
    int pages = count_in(RENDER_DIR "/report.pdf", "/Type /Page\n") + count_in(RENDER_DIR "/report.pdf", "/Type /Page/") +
                count_in(RENDER_DIR "/report.pdf", "/Type /Page ") + count_in(RENDER_DIR "/report.pdf", "/Type /Page>");
    printf("report.pdf: %d pages ", pages);
    CU_ASSERT(pages >= 7);
    CU_ASSERT(count_in(RENDER_DIR "/report.pdf", "/MediaBox [0 0 594.95996 841.91998]") >= 1 ||
              count_in(RENDER_DIR "/report.pdf", "/MediaBox [0 0 595 842]") >= 1);
}

TT_MAIN("report_html", {"colours by id, readable names", test_colors}, {"at most 8 legend entries", test_legend_max},
        {"report.html: the By sector table by hand", test_sector_table},
        {"a small sector keeps its legend entry when scope 2+3 can share one", test_small_sector_kept},
        {"MACC: numbered key, labels in full", test_macc_key}, {"report.html names its MACC", test_macc_files},
        {"file modes follow the umask", test_modes}, {"report.html rendered by chromium", test_render})
