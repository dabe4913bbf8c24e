/*
 * test_report_html.c — report.html rendered by a real browser (Debian's chromium, headless)
 * to a 1200 x 3000 PNG: the picture has the size asked for and is not blank (its PNG is
 * several times larger than the same browser's picture of an empty page: text, bars and
 * lines do not compress like white). Skipped, with a visible message, where chromium is not
 * installed (`apt-get install chromium` to run it; it is not part of `make deps`).
 */
#include <unistd.h>

#include "report.h"
#include "report_fixture.h"
#include "testing.h"

#define RENDER_DIR TT_TMP "/report_render"
#define CHROMIUM_FLAGS                                                                                           \
    "--headless --no-sandbox --disable-gpu --disable-quic --no-first-run --disable-background-networking "      \
    "--disable-component-update --disable-sync --window-size=1200,3000"

static int have_chromium(void)
{
    return tt_sh("command -v chromium", NULL, 0) == 0;
}

/* Render file (relative to the repository root) into png; returns chromium's exit code. */
static int render(const char *file, const char *png)
{
    char cwd[1024], cmd[4096], out[4096];
    if (!getcwd(cwd, sizeof cwd))
        return -1;
    snprintf(cmd, sizeof cmd,
             "(rm -f '%s'; prof=$(mktemp -d) && timeout 180 chromium " CHROMIUM_FLAGS
             " --user-data-dir=\"$prof\" --screenshot='%s/%s' 'file://%s/%s'; rc=$?; rm -rf \"$prof\"; exit $rc)",
             png, cwd, png, cwd, file);
    int rc = tt_sh(cmd, out, sizeof out);
    if (rc != 0)
        fprintf(stderr, "\n  chromium exited %d:\n%s\n", rc, out);
    return rc;
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
}

TT_MAIN("report_html", {"report.html rendered by chromium", test_render})
