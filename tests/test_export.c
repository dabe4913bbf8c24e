/*
 * test_export.c — `tico export` round trips: each teaching instance is exported and solved
 * by other solvers, which must find tico's objective to 1e-6 (relative):
 *   model.lp  -> glpsol --lp (objective read from its -w solution file, full precision)
 *   model.mps -> cbc (free MPS)
 *   model.lp  -> cbc
 * and model.glpk is read back by GLPK with the same size. The constant part of the objective
 * (fixed O&M of existing modules, teach_hydrogen) rides on a column fixed at 1, so the
 * files carry it. Also: the output folder holds only the file (written under a temporary
 * name, then renamed), and --elastic exports the slack columns.
 */
#include "testing.h"

#include <glpk.h>

#include "build.h"
#include "solve.h"

/* the urban teaching instances (hand-derived optima asserted in test_urban.c) too */
static const char *const TEACH[] = {"teach_two_routes", "teach_hydrogen",    "teach_ccs",
                                    "teach_modal_shift", "teach_renovation", "teach_trees"};
#define NTEACH 6

/* tico's own objective for an instance, through the library */
static double tico_objective(const char *path)
{
    Diag d = {0};
    Model *m = tt_load(path, &d);
    diag_free(&d);
    if (!m)
        return NAN;
    BuildOpts bo = {false, 1e5, false};
    SolveParams sp;
    solve_params_default(&sp, m, true);
    Solution *s = NULL;
    double v = NAN;
    if (solve_model(m, &bo, &sp, &s) == TICO_OK)
        v = s->objective;
    solution_free(s);
    model_free(m);
    return v;
}

static void export_to(const char *inst, const char *format, const char *dir)
{
    char cmd[1024], out[4096];
    snprintf(cmd, sizeof cmd, "rm -rf %s && %s export -q --format %s -o %s instances/%s.cfg", dir, TT_TICO, format,
             dir, inst);
    int rc = tt_sh(cmd, out, sizeof out);
    if (rc != 0)
        fprintf(stderr, "\n  %s\n  %s", cmd, out);
    CU_ASSERT_EQUAL(rc, 0);
}


/* cbc prints "Objective value:                3891440.00000000" after an optimal solve. */
static double cbc_objective(const char *file)
{
    char cmd[1024], out[16384];
    snprintf(cmd, sizeof cmd, "cbc %s solve quit", file);
    if (tt_sh(cmd, out, sizeof out) != 0)
        return NAN;
    if (!strstr(out, "Optimal solution found"))
        return NAN;
    const char *p = strstr(out, "Objective value:");
    return p ? strtod(p + strlen("Objective value:"), NULL) : NAN;
}

static bool have(const char *prog)
{
    char cmd[256];
    snprintf(cmd, sizeof cmd, "command -v %s >/dev/null", prog);
    return tt_sh(cmd, NULL, 0) == 0;
}

static void test_glpsol_lp(void)
{
    if (!have("glpsol")) {
        CU_FAIL("glpsol is not installed (make deps)");
        return;
    }
    for (int k = 0; k < NTEACH; k++) {
        char path[256], dir[256], lp[300];
        snprintf(path, sizeof path, "instances/%s.cfg", TEACH[k]);
        snprintf(dir, sizeof dir, "%s/export_%s_lp", TT_TMP, TEACH[k]);
        snprintf(lp, sizeof lp, "%s/model.lp", dir);
        export_to(TEACH[k], "lp", dir);
        double mine = tico_objective(path), theirs = tt_glpsol_objective(lp, dir);
        CU_ASSERT_FALSE(isnan(mine));
        CU_ASSERT_FALSE(isnan(theirs));
        TT_ASSERT_REL(theirs, mine, 1e-6);
    }
}

static void test_cbc(void)
{
    if (!have("cbc")) {
        CU_FAIL("cbc is not installed (make deps)");
        return;
    }
    for (int k = 0; k < NTEACH; k++) {
        char path[256], dir[256], file[300];
        snprintf(path, sizeof path, "instances/%s.cfg", TEACH[k]);
        double mine = tico_objective(path);
        snprintf(dir, sizeof dir, "%s/export_%s_mps", TT_TMP, TEACH[k]);
        export_to(TEACH[k], "mps", dir);
        snprintf(file, sizeof file, "%s/model.mps", dir);
        double theirs = cbc_objective(file);
        CU_ASSERT_FALSE(isnan(theirs));
        TT_ASSERT_REL(theirs, mine, 1e-6);
        snprintf(dir, sizeof dir, "%s/export_%s_lp", TT_TMP, TEACH[k]);
        export_to(TEACH[k], "lp", dir);
        snprintf(file, sizeof file, "%s/model.lp", dir);
        theirs = cbc_objective(file);
        CU_ASSERT_FALSE(isnan(theirs));
        TT_ASSERT_REL(theirs, mine, 1e-6);
    }
}

/* model.glpk read back: same rows, columns, integers and nonzeros as the Build; the folder
 * holds model.glpk and nothing else (no temporary left behind). */
static void test_glpk_format(void)
{
    char dir[256], file[300];
    snprintf(dir, sizeof dir, "%s/export_hydrogen_glpk", TT_TMP);
    export_to("teach_hydrogen", "glpk", dir);
    snprintf(file, sizeof file, "%s/model.glpk", dir);
    glp_term_out(GLP_OFF);
    glp_prob *lp = glp_create_prob();
    CU_ASSERT_EQUAL_FATAL(glp_read_prob(lp, 0, file), 0);
    CU_ASSERT_EQUAL(glp_get_num_rows(lp), 14);
    CU_ASSERT_EQUAL(glp_get_num_cols(lp), 15);
    CU_ASSERT_EQUAL(glp_get_num_int(lp), 2);
    CU_ASSERT_EQUAL(glp_get_num_nz(lp), 36);
    glp_delete_prob(lp);
    char cmd[512], out[1024];
    snprintf(cmd, sizeof cmd, "ls -A %s", dir);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
    CU_ASSERT_STRING_EQUAL(out, "model.glpk\n");
}

/* --elastic: the LP file has the slack columns; the default export has none. */
static void test_elastic_export(void)
{
    char cmd[1024], out[4096], dir[256];
    snprintf(dir, sizeof dir, "%s/export_elastic", TT_TMP);
    snprintf(cmd, sizeof cmd, "rm -rf %s && %s export -q --elastic -o %s instances/teach_two_routes.cfg && "
                              "grep -c 'short_prod_works_2030' %s/model.lp",
             dir, TT_TICO, dir, dir);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
    CU_ASSERT(atoi(out) >= 1);
    snprintf(dir, sizeof dir, "%s/export_two_routes_lp", TT_TMP);
    export_to("teach_two_routes", "lp", dir);
    snprintf(cmd, sizeof cmd, "grep -c 'short_' %s/model.lp", dir);
    tt_sh(cmd, out, sizeof out);
    CU_ASSERT_EQUAL(atoi(out), 0);
}

TT_MAIN("export",
        {"LP file solved by glpsol gives tico's objective", test_glpsol_lp},
        {"MPS and LP files solved by cbc give tico's objective", test_cbc},
        {"GLPK format read back; nothing but the file in the folder", test_glpk_format},
        {"--elastic exports the slack columns", test_elastic_export})
