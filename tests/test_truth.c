/*
 * test_truth.c — truthful results and robust runs (SPEC §2 and §4.8; issue "truthful
 * results"): the proven gap and bound, the words of the status, one writer per output
 * folder, the output folder checked before any solve, SIGTERM.
 *
 * The Dunkirk cases run the release program ./tico (built by `make test` beside the
 * sanitized one): under the sanitizers a Dunkirk solve takes minutes.
 */
#include "testing.h"
#include "report_int.h"
#include "solution.h"

#include <signal.h>
#include <time.h>
#include <unistd.h>

#define REL "./tico"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* The number after "key": in a JSON file (its first occurrence); NaN when absent or null. */
static double json_num(const char *path, const char *key)
{
    char *text = tt_slurp(path);
    if (!text)
        return NAN;
    char pat[128];
    snprintf(pat, sizeof pat, "\"%s\": ", key);
    char *p = strstr(text, pat);
    double v = NAN;
    if (p && strncmp(p + strlen(pat), "null", 4) != 0)
        v = strtod(p + strlen(pat), NULL);
    free(text);
    return v;
}

/* The first line of a file starting with prefix, copied into buf. */
static const char *line_of(const char *path, const char *prefix, char *buf, size_t n)
{
    buf[0] = '\0';
    char *text = tt_slurp(path);
    if (!text)
        return buf;
    for (char *l = text; l && *l;) {
        char *e = strchr(l, '\n');
        if (strncmp(l, prefix, strlen(prefix)) == 0) {
            size_t k = e ? (size_t)(e - l) : strlen(l);
            if (k >= n)
                k = n - 1;
            memcpy(buf, l, k);
            buf[k] = '\0';
            break;
        }
        l = e ? e + 1 : NULL;
    }
    free(text);
    return buf;
}

/* teach_ccs (34 rows, 18 integers): GLPK exhausts the tree, so the status is optimal and
 * the proven gap is GLPK's fathoming tolerance, tol_obj = 1e-7 relative to 1 + |z|: the
 * bound is z - 1e-7 (1 + |z|), never z itself (a gap is never written 0 unless it is). */
static void test_teach_gap_and_bound(void)
{
    char out[4096];
    int rc = tt_sh(TT_TICO " solve -q -o " TT_TMP "/truth_ccs instances/teach_ccs.cfg", out, sizeof out);
    CU_ASSERT_EQUAL(rc, 0);
    const char *js = TT_TMP "/truth_ccs/solution.json";
    double z = json_num(js, "total_cost"), gap = json_num(js, "gap"), bound = json_num(js, "bound");
    double req = json_num(js, "gap_requested");
    CU_ASSERT(tt_file_has(js, "\"status\": \"optimal\""));
    TT_ASSERT_REL(z, 663.8e6, 1e-9); /* the teaching optimum (test_solve.c derives it by hand) */
    CU_ASSERT(bound <= z);
    TT_ASSERT_REL(bound, z - 1e-7 * (1.0 + fabs(z)), 1e-12);
    TT_ASSERT_REL(gap, (z - bound) / z, 1e-6);
    CU_ASSERT(gap > 0.0 && gap <= req);
    TT_ASSERT_REL(req, 1e-4, 1e-12); /* the instance's solver.mip_gap */
    char line[256];
    line_of(TT_TMP "/truth_ccs/summary.txt", "status", line, sizeof line);
    CU_ASSERT_STRING_EQUAL(line, "status        optimal within 0.01 %, proven gap 1e-05 %");
    CU_ASSERT(tt_file_has(TT_TMP "/truth_ccs/report.html", "optimal within 0.01 %, proven gap 1e-05 %"));
}

/* Dunkirk at a loose gap (1e-2) and at a tight one (1e-6): the loose run's proven gap is
 * never smaller than its distance to the tight optimum, its bound is below the tight
 * optimum, and the tight run is optimal within 1e-6 by its own proof. */
static void test_dunkirk_loose_gap_is_honest(void)
{
    char out[4096];
    int rc = tt_sh(REL " solve -q -j 1 --gap 1e-2 -o " TT_TMP "/truth_dk_loose instances/dunkirk.cfg", out, sizeof out);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    rc = tt_sh(REL " solve -q -j 1 --gap 1e-6 -o " TT_TMP "/truth_dk_tight instances/dunkirk.cfg", out, sizeof out);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    const char *lo = TT_TMP "/truth_dk_loose/solution.json", *ti = TT_TMP "/truth_dk_tight/solution.json";
    double zl = json_num(lo, "total_cost"), gl = json_num(lo, "gap"), bl = json_num(lo, "bound");
    double zt = json_num(ti, "total_cost"), gt = json_num(ti, "gap"), bt = json_num(ti, "bound");
    CU_ASSERT(tt_file_has(ti, "\"status\": \"optimal\""));
    CU_ASSERT(gt <= 1e-6);
    CU_ASSERT(bt <= zt);
    CU_ASSERT(zt <= zl * (1.0 + 1e-9));
    CU_ASSERT(bl <= zt * (1.0 + 1e-9)); /* a valid bound is below every solution */
    double distance = (zl - zt) / zl;
    if (!(gl >= distance - 1e-6 - 1e-9))
        fprintf(stderr, "\n  loose gap %.6g < distance to the tight optimum %.6g\n", gl, distance);
    CU_ASSERT(gl >= distance - 1e-6 - 1e-9); /* the tight optimum is itself within 1e-6 */
    CU_ASSERT(gl <= 1e-2);
}

/* Two runs write one folder at the same time, 200 times: teach_ccs at its own carbon price
 * and at 300 EUR/t. Each run's files are first made alone into folders of their own; after
 * every concurrent pair, the shared folder must equal one of the two sets file by file, and its
 * run.json (apart: its date and -o differ) must name the run of that set. */
static void test_concurrent_writers_never_mix(void)
{
    char out[8192];
    const char *script =
        "set -u; T=" TT_TMP "/truth_conc; rm -rf $T; mkdir -p $T; "
        "A='instances/teach_ccs.cfg'; "
        REL " solve -q -j 1 -o $T/refa $A || exit 90; "
        REL " solve -q -j 1 --set policy.carbon_price=300 -o $T/refb $A || exit 91; "
        "mixed=0; bad=0; "
        "for i in $(seq 200); do "
        "  " REL " solve -q -j 1 -o $T/same $A & p1=$!; "
        "  " REL " solve -q -j 1 --set policy.carbon_price=300 -o $T/same $A & p2=$!; "
        "  wait $p1 || bad=$((bad+1)); wait $p2 || bad=$((bad+1)); "
        "  if diff -rq -x run.json $T/refa $T/same >/dev/null; then "
        "    grep -q carbon_price $T/same/run.json && mixed=$((mixed+1)); "
        "  elif diff -rq -x run.json $T/refb $T/same >/dev/null; then "
        "    grep -q carbon_price=300 $T/same/run.json || mixed=$((mixed+1)); "
        "  else mixed=$((mixed+1)); fi; "
        "done; echo \"mixed=$mixed failed=$bad\"";
    int rc = tt_sh(script, out, sizeof out);
    CU_ASSERT_EQUAL(rc, 0);
    if (!strstr(out, "mixed=0 failed=0"))
        fprintf(stderr, "\n  %s\n", out);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "mixed=0 failed=0"));
}

/* An output folder that cannot be made (a path under a regular file) is found before any
 * solve: exit 1, the path and the reason, in well under a second on Dunkirk (the solve
 * takes seconds). */
static void test_unwritable_output_before_solving(void)
{
    tt_write("truth_afile", "not a folder\n");
    char out[4096];
    double t0 = now();
    int rc = tt_sh(REL " solve -o " TT_TMP "/truth_afile/sub instances/dunkirk.cfg", out, sizeof out);
    double dt = now() - t0;
    CU_ASSERT_EQUAL(rc, 1);
    CU_ASSERT_STRING_EQUAL(out, "tico solve: cannot write the output folder " TT_TMP
                                "/truth_afile/sub: Not a directory\n");
    CU_ASSERT(dt < 0.5); /* load (~15 ms) and the check; no solve */
    rc = tt_sh(REL " macc --prices 0:100:50 -o " TT_TMP "/truth_afile/sub instances/teach_macc.cfg", out, sizeof out);
    CU_ASSERT_EQUAL(rc, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "cannot write the output folder"));
}


/* SIGTERM to `tico solve` on Dunkirk with its urban side (dunkirk_urban.cfg: ~15 CPU s; Dunkirk
 * alone now proves 1e-9 in ~3 s, before the signal) while it solves, with the baseline in a worker
 * (-j 2): exit 143; when it had an incumbent, the files say status "interrupted" with a
 * gap; and no worker is left running a second later. */
static void test_sigterm_solve(void)
{
    system("rm -rf " TT_TMP "/truth_term");
    pid_t pid = fork();
    if (pid == 0) {
        freopen("/dev/null", "w", stdout);
        freopen(TT_TMP "/truth_term.err", "w", stderr);
        execl(REL, REL, "solve", "-j", "2", "--gap", "1e-9", "-o", TT_TMP "/truth_term", "instances/dunkirk_urban.cfg",
              (char *)NULL);
        _exit(127);
    }
    usleep(2500 * 1000); /* past the load and the first incumbent, long before 1e-9 is proved */
    pid_t kids[16];
    int nk = tt_children(pid, kids, 16);
    kill(pid, SIGTERM);
    int st = 0;
    waitpid(pid, &st, 0);
    CU_ASSERT(WIFEXITED(st));
    CU_ASSERT_EQUAL(WEXITSTATUS(st), 143);
    usleep(1000 * 1000);
    for (int k = 0; k < nk; k++) {
        char path[64];
        snprintf(path, sizeof path, "/proc/%d", (int)kids[k]);
        struct stat sb;
        int alive = stat(path, &sb) == 0;
        if (alive) {
            char cmd[96], out[256];
            snprintf(cmd, sizeof cmd, "ps -o stat= -p %d", (int)kids[k]);
            tt_sh(cmd, out, sizeof out);
            alive = out[0] && out[0] != 'Z'; /* a zombie is no longer running */
        }
        CU_ASSERT_FALSE(alive);
    }
    const char *js = TT_TMP "/truth_term/solution.json";
    struct stat sb;
    if (stat(js, &sb) == 0) {
        CU_ASSERT(tt_file_has(js, "\"status\": \"interrupted\""));
        CU_ASSERT(json_num(js, "gap") > 0.0);
    } else {
        CU_ASSERT(tt_file_has(TT_TMP "/truth_term.err", "before any feasible solution was found; nothing written"));
    }
}

/* report_flips on a hand-made pathway of teach_two_routes over four periods: the works runs
 * bf_bof (route 0), eaf (route 1), bf_bof again, then eaf: one back-and-forth sentence; the
 * same works going bf_bof, eaf, eaf, eaf is a decision, not a flip. */
static void test_flips_sentence(void)
{
    Override ov[] = {{"horizon.periods", "[2025,2030,2035,2040]"}, {"policy.carbon_price", "[0,0,0,0]"}};
    Diag d = {0};
    Model *m = load_instance("instances/teach_two_routes.cfg", ov, 2, &d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(m);
    diag_free(&d);
    Solution *s = solution_new(m);
    const int seq[4] = {0, 1, 0, 1};
    for (int t = 0; t < 4; t++)
        s->lines[sol_pr(s, 0, seq[t], t)] = 1.0;
    StrList l = {0};
    report_flips(m, s, &l);
    CU_ASSERT_EQUAL_FATAL(l.n, 1);
    CU_ASSERT_STRING_EQUAL(l.v[0], "Teaching steel works: Blast furnace + basic oxygen furnace 2025, Electric arc furnace "
                                   "2030, Blast furnace + basic oxygen furnace 2035, Electric arc furnace 2040");
    report_strlist_free(&l);
    memset(s->lines, 0, sizeof(double) * 2 * 4);
    const int firm[4] = {0, 1, 1, 1};
    for (int t = 0; t < 4; t++)
        s->lines[sol_pr(s, 0, firm[t], t)] = 1.0;
    StrList l2 = {0};
    report_flips(m, s, &l2);
    CU_ASSERT_EQUAL(l2.n, 0);
    report_strlist_free(&l2);
    solution_free(s);
    model_free(m);
}

/* A sweep whose files cannot be written at the end (macc_prices.csv is a folder) keeps its finished
 * points in OUT/.tico-checkpoint and exits 5; the same command with --resume solves nothing
 * again (the stderr count says how many it took from the checkpoint) and writes the same
 * bytes as an uninterrupted run; other options refuse the checkpoint (exit 1). */
static void test_checkpoint_resume(void)
{
    char out[8192];
    system("rm -rf " TT_TMP "/truth_ck_ref " TT_TMP "/truth_ck");
    int rc = tt_sh(TT_TICO " macc -q -j 1 --prices 0:200:50 -o " TT_TMP "/truth_ck_ref instances/teach_macc.cfg", out,
                   sizeof out);
    CU_ASSERT_EQUAL_FATAL(rc, 0);
    struct stat sb;
    CU_ASSERT(stat(TT_TMP "/truth_ck_ref/.tico-checkpoint", &sb) != 0); /* removed after success */
    system("mkdir -p " TT_TMP "/truth_ck/macc_prices.csv");
    rc = tt_sh(TT_TICO " macc -q -j 2 --prices 0:200:50 -o " TT_TMP "/truth_ck instances/teach_macc.cfg", out,
               sizeof out);
    CU_ASSERT_EQUAL(rc, 5);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "finished tasks kept in " TT_TMP "/truth_ck/.tico-checkpoint"));
    CU_ASSERT(stat(TT_TMP "/truth_ck/.tico-checkpoint", &sb) == 0);
    rc = tt_sh(TT_TICO " macc -j 1 --resume --prices 0:100:50 -o " TT_TMP "/truth_ck instances/teach_macc.cfg", out,
               sizeof out);
    CU_ASSERT_EQUAL(rc, 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "belongs to another run"));
    system("rmdir " TT_TMP "/truth_ck/macc_prices.csv");
    rc = tt_sh(TT_TICO " macc -j 1 --resume --prices 0:200:50 -o " TT_TMP "/truth_ck instances/teach_macc.cfg", out,
               sizeof out);
    CU_ASSERT_EQUAL(rc, 0);
    /* the five prices 0, 50, 100, 150, 200 (the baseline is solved outside the pool) */
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "--resume: 5 finished tasks from " TT_TMP "/truth_ck/.tico-checkpoint"));
    /* run.json apart: it holds the date and the options that do not change a result (-j) */
    rc = tt_sh("diff -r -x run.json " TT_TMP "/truth_ck_ref " TT_TMP "/truth_ck", out, sizeof out);
    if (rc != 0)
        fprintf(stderr, "\n  %s\n", out);
    CU_ASSERT_EQUAL(rc, 0);
}

/* One instance, four commands, one optimum (SPEC §4.8): the total cost of `tico solve`
 * equals, to the requested gap, the base cost of mc's `optimum` pathway (mc.csv column 7),
 * value's total cost with every asset (value.csv column 9) and, at the instance's carbon
 * price, macc's point at that price (macc_prices_points.csv column 14). Teaching instances (their
 * trees are exhausted: equal to 1e-9) and Dunkirk (requested gap 1e-5). */
static void agree(const char *inst, const char *tag, double rel, bool with_mc, const char *macc_price)
{
    char out[8192], cmd[1024];
    snprintf(cmd, sizeof cmd, "rm -rf %s/truth_agree_%s && echo optimum > %s/truth_agree_%s.pw", TT_TMP, tag, TT_TMP, tag);
    tt_sh(cmd, out, sizeof out);
    snprintf(cmd, sizeof cmd, REL " solve -q -j 1 -o %s/truth_agree_%s/solve %s", TT_TMP, tag, inst);
    CU_ASSERT_EQUAL_FATAL(tt_sh(cmd, out, sizeof out), 0);
    char path[512];
    snprintf(path, sizeof path, "%s/truth_agree_%s/solve/solution.json", TT_TMP, tag);
    double z = json_num(path, "total_cost");
    CU_ASSERT_FATAL(isfinite(z));
    if (with_mc) {
        snprintf(cmd, sizeof cmd, REL " mc -q -j 1 --samples 10 --pathways %s/truth_agree_%s.pw -o %s/truth_agree_%s/mc %s",
                 TT_TMP, tag, TT_TMP, tag, inst);
        CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
        snprintf(path, sizeof path, "%s/truth_agree_%s/mc/mc.csv", TT_TMP, tag);
        TT_ASSERT_REL(tt_csv_field(path, "optimum,", 7), z, rel);
    }
    if (macc_price) {
        snprintf(cmd, sizeof cmd, REL " macc -q -j 1 --prices %s -o %s/truth_agree_%s/macc %s", macc_price, TT_TMP, tag,
                 inst);
        CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
        snprintf(path, sizeof path, "%s/truth_agree_%s/macc/macc_prices_points.csv", TT_TMP, tag);
        TT_ASSERT_REL(tt_csv_field(path, "price,0,", 14), z, rel);
    }
}

static void value_total(const char *inst, const char *tag, const char *asset, double z, double rel)
{
    char out[8192], cmd[1024], path[512];
    snprintf(cmd, sizeof cmd, REL " value -q -j 1 %s%s -o %s/truth_agree_%s/value %s", asset ? "--asset " : "",
             asset ? asset : "", TT_TMP, tag, inst);
    CU_ASSERT_EQUAL(tt_sh(cmd, out, sizeof out), 0);
    snprintf(path, sizeof path, "%s/truth_agree_%s/value/value.csv", TT_TMP, tag);
    /* column 9 of the first family's row, keyed by its id */
    FILE *f = fopen(path, "r");
    CU_ASSERT_PTR_NOT_NULL_FATAL(f);
    char line[4096], id[256] = "";
    if (fgets(line, sizeof line, f) && fgets(line, sizeof line, f))
        snprintf(id, sizeof id, "%.*s,", (int)strcspn(line, ","), line);
    fclose(f);
    TT_ASSERT_REL(tt_csv_field(path, id, 9), z, rel);
}

static void test_commands_agree_teaching(void)
{
    agree("instances/teach_mc.cfg", "mc", 1e-9, true, NULL);
    agree("instances/teach_macc.cfg", "macc", 1e-9, false, "0");
    char path[512];
    agree("instances/teach_value.cfg", "value", 1e-9, false, NULL);
    snprintf(path, sizeof path, "%s/truth_agree_value/solve/solution.json", TT_TMP);
    value_total("instances/teach_value.cfg", "value", NULL, json_num(path, "total_cost"), 1e-9);
}

static void test_commands_agree_dunkirk(void)
{
    agree("instances/dunkirk.cfg", "dk", 1e-5, true, NULL);
    char path[512];
    snprintf(path, sizeof path, "%s/truth_agree_dk/solve/solution.json", TT_TMP);
    double z = json_num(path, "total_cost");
    TT_ASSERT_REL(json_num(path, "gap_requested"), 1e-5, 1e-12); /* the instance's stated gap */
    value_total("instances/dunkirk.cfg", "dk", "battery_storage", z, 1e-5);
}

/* With stderr not a terminal (a pipe here), a sweep prints a full line per finished task:
 * tasks done of the total, elapsed, and the time left while tasks remain (SPEC §2). */
static void test_progress_lines_without_terminal(void)
{
    char out[8192];
    int rc = tt_sh(TT_TICO " macc -j 1 --prices 0:100:50 -o " TT_TMP "/truth_progress instances/teach_macc.cfg",
                   out, sizeof out);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tico macc: 1/3 tasks done, "));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "s left\n"));
    CU_ASSERT_PTR_NOT_NULL(strstr(out, "tico macc: 3/3 tasks done, "));
    CU_ASSERT_PTR_NULL(strchr(out, '\r')); /* no terminal bar in a log */
    rc = tt_sh(TT_TICO " macc -q -j 1 --prices 0:100:50 -o " TT_TMP "/truth_progress instances/teach_macc.cfg", out,
               sizeof out);
    CU_ASSERT_EQUAL(rc, 0);
    CU_ASSERT_STRING_EQUAL(out, "");
}

TT_MAIN("truth", {"progress lines when stderr is not a terminal", test_progress_lines_without_terminal}, {"solve, mc, value and macc agree on teaching instances", test_commands_agree_teaching},
        {"solve, mc and value agree on Dunkirk to its requested gap", test_commands_agree_dunkirk}, {"a checkpoint kept after a late failure, --resume writes the same files", test_checkpoint_resume}, {"back-and-forth route changes in words", test_flips_sentence}, {"teach_ccs: proven gap and bound, status words", test_teach_gap_and_bound},
        {"Dunkirk: a loose gap is never smaller than the distance to the tight optimum", test_dunkirk_loose_gap_is_honest},
        {"200 concurrent pairs of writers never leave a mixed set", test_concurrent_writers_never_mix},
        {"an unwritable output folder exits 1 before solving", test_unwritable_output_before_solving},
        {"SIGTERM: exit 143, status interrupted, no worker left", test_sigterm_solve})
