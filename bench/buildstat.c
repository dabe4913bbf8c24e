/*
 * buildstat.c — time tico's own steps on one instance, in one process, for bench/run.sh.
 *
 *   bench/buildstat INSTANCE.cfg [--lp] [--lp-opts O] [--solve] [--time-limit S] [--gap G]
 *                   [--read-lp FILE] [--read-mps FILE]
 *
 * Always: load_instance() and build_new() timed separately (wall clock, CLOCK_MONOTONIC),
 * the size of the MILP (rows, columns, integers, non-zeros of the constraint matrix) and the
 * peak resident memory after the build (getrusage ru_maxrss, kB).
 *   --lp          the LP relaxation of the built problem: glp_simplex with the LP presolver
 *                 on, on a copy of the problem (glp_simplex ignores integrality): the floor
 *                 that no MILP solve of the same problem can beat.
 *   --lp-opts O   GLPK simplex options for --lp, a comma list (issue 13 measured them):
 *                 primal | dual | dualp (method, default primal), nopresolve (then the
 *                 problem is scaled and given a starting basis here), scale=GM|EQ|2N|SKIP
 *                 joined with '+', or noscale (default GLP_SF_AUTO), adv | std | cpx (the
 *                 starting basis without presolve, default adv), textbook (pricing),
 *                 noharris (ratio test). lp_cpu_s is the LP's CPU time in this process.
 *   --solve       solve_build() with the parameters `tico solve` uses (solve_params_default:
 *                 the instance's gap and time limit, duals on); --time-limit and --gap
 *                 override them (--time-limit also limits --lp). This is the first solve of `tico solve` (without the
 *                 baseline solve and the reports that follow it).
 *   --read-lp F   glp_read_lp() of F in this process (the exported CPLEX LP file): what
 *                 glpsol spends reading the model, without its process start.
 *   --read-mps F  glp_read_mps() (free MPS) likewise.
 * Output: one line of key=value pairs (times in seconds), e.g.
 *   load_s=0.0123 build_s=0.0045 rows=5512 cols=6133 ints=419 nnz=21000 rss_kb=20480 ...
 * Exit status: 0, or 2 when the instance is invalid, 5 when a step fails.
 */
#include <glpk.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "build.h"
#include "diag.h"
#include "load.h"
#include "solve.h"

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static long peak_rss_kb(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static void usage(void)
{
    fputs("usage: bench/buildstat INSTANCE.cfg [--lp] [--lp-opts O] [--solve] [--time-limit S] [--gap G]\n"
          "                       [--read-lp FILE] [--read-mps FILE]\n",
          stderr);
    exit(1);
}

typedef struct {
    glp_prob *lp;
    double tlim;
    const char *opts;
    int ret, status;
    double obj;
} LpRun;

static double cpu_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static bool has_opt(const char *opts, const char *word)
{
    size_t n = strlen(word);
    for (const char *p = opts; p && *p;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        if (len == n && !strncmp(p, word, n))
            return true;
        p = e ? e + 1 : NULL;
    }
    return false;
}

static int scale_flags(const char *opts)
{
    const char *p = opts ? strstr(opts, "scale=") : NULL;
    if (!p)
        return GLP_SF_AUTO;
    int f = 0;
    p += 6;
    while (*p && *p != ',') {
        if (!strncmp(p, "GM", 2))
            f |= GLP_SF_GM;
        else if (!strncmp(p, "EQ", 2))
            f |= GLP_SF_EQ;
        else if (!strncmp(p, "2N", 2))
            f |= GLP_SF_2N;
        else if (!strncmp(p, "SKIP", 4))
            f |= GLP_SF_SKIP;
        while (*p && *p != ',' && *p != '+')
            p++;
        if (*p == '+')
            p++;
    }
    return f ? f : GLP_SF_AUTO;
}

static int run_lp(void *arg)
{
    LpRun *r = arg;
    glp_prob *q = glp_create_prob();
    glp_copy_prob(q, r->lp, GLP_OFF);
    glp_smcp s;
    glp_init_smcp(&s);
    s.msg_lev = getenv("TICO_GLPK_LOG") ? GLP_MSG_ALL : GLP_MSG_OFF;
    s.presolve = has_opt(r->opts, "nopresolve") ? GLP_OFF : GLP_ON;
    s.meth = has_opt(r->opts, "dual") ? GLP_DUAL : has_opt(r->opts, "dualp") ? GLP_DUALP : GLP_PRIMAL;
    if (has_opt(r->opts, "textbook"))
        s.pricing = GLP_PT_STD;
    if (has_opt(r->opts, "noharris"))
        s.r_test = GLP_RT_STD;
    if (r->tlim > 0)
        s.tm_lim = (int)(r->tlim * 1000.0);
    if (s.presolve == GLP_OFF) {
        if (!has_opt(r->opts, "noscale"))
            glp_scale_prob(q, scale_flags(r->opts));
        if (has_opt(r->opts, "std"))
            glp_std_basis(q);
        else if (has_opt(r->opts, "cpx"))
            glp_cpx_basis(q);
        else
            glp_adv_basis(q, 0);
    }
    r->ret = glp_simplex(q, &s);
    r->status = glp_get_status(q);
    r->obj = glp_get_obj_val(q);
    glp_delete_prob(q);
    return 0;
}

static int read_file(const char *path, int mps, double *secs)
{
    glp_term_out(GLP_OFF);
    glp_prob *q = glp_create_prob();
    double t0 = now();
    int r = mps ? glp_read_mps(q, GLP_MPS_FILE, NULL, path) : glp_read_lp(q, NULL, path);
    *secs = now() - t0;
    glp_delete_prob(q);
    return r;
}

int main(int argc, char **argv)
{
    const char *inst = NULL, *read_lp = NULL, *read_mps = NULL, *lp_opts = NULL;
    int do_lp = 0, do_solve = 0;
    double tlim = -1.0, gap = -1.0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--lp"))
            do_lp = 1;
        else if (!strcmp(argv[i], "--lp-opts") && i + 1 < argc)
            lp_opts = argv[++i];
        else if (!strcmp(argv[i], "--solve"))
            do_solve = 1;
        else if (!strcmp(argv[i], "--time-limit") && i + 1 < argc)
            tlim = atof(argv[++i]);
        else if (!strcmp(argv[i], "--gap") && i + 1 < argc)
            gap = atof(argv[++i]);
        else if (!strcmp(argv[i], "--read-lp") && i + 1 < argc)
            read_lp = argv[++i];
        else if (!strcmp(argv[i], "--read-mps") && i + 1 < argc)
            read_mps = argv[++i];
        else if (argv[i][0] == '-' || inst)
            usage();
        else
            inst = argv[i];
    }
    if (!inst)
        usage();

    Diag d = {0};
    double t0 = now();
    Model *m = load_instance(inst, NULL, 0, &d);
    double t1 = now();
    if (!m) {
        diag_print(&d, stderr);
        return 2;
    }
    BuildOpts bo = {false, 0.0, false};
    Build *B;
    double t2 = now();
    if (build_new(m, &bo, &B) != TICO_OK)
        return 5;
    double t3 = now();
    long rss_build = peak_rss_kb();
    printf("load_s=%.6f build_s=%.6f rows=%d cols=%d ints=%d nnz=%d rss_kb=%ld", t1 - t0, t3 - t2,
           glp_get_num_rows(B->lp), glp_get_num_cols(B->lp), B->nint, glp_get_num_nz(B->lp), rss_build);
    fflush(stdout);

    if (do_lp) {
        LpRun r = {B->lp, tlim, lp_opts, 0, 0, 0.0};
        double a = now(), ca = cpu_now();
        if (build_glpk_call(run_lp, &r) != 0)
            return 5;
        double lp_s = now() - a, lp_cpu = cpu_now() - ca;
        printf(" lp_s=%.6f lp_cpu_s=%.6f lp_status=%s lp_obj=%.10g", lp_s, lp_cpu,
               r.ret == 0 && r.status == GLP_OPT        ? "optimal"
               : r.ret == 0 && r.status == GLP_NOFEAS ? "infeasible"
               : r.ret == GLP_ETMLIM                  ? "limit"
                                                      : "failed",
               r.obj);
        fflush(stdout);
    }
    if (do_solve) {
        SolveParams sp;
        solve_params_default(&sp, m, true);
        if (tlim > 0)
            sp.time_limit = tlim;
        if (gap >= 0)
            sp.mip_gap = gap;
        Solution *s = NULL;
        SolveInfo info;
        memset(&info, 0, sizeof info);
        double a = now();
        TicoStatus st = solve_build(B, &sp, &s, &info);
        double solve_s = now() - a;
        printf(" solve_s=%.6f mip_s=%.6f dual_s=%.6f mip_gap_param=%g status=%s obj=%.10g gap=%.6g rss_solve_kb=%ld",
               solve_s, info.mip_seconds, info.dual_seconds, sp.mip_gap,
               s ? solution_status_name(s->status) : "error", s ? s->objective : 0.0, s ? s->gap : -1.0,
               peak_rss_kb());
        solution_free(s);
        if (st == TICO_EINTERNAL || st == TICO_EINPUT) {
            putchar('\n');
            return 5;
        }
    }
    if (read_lp) {
        double s;
        int r = read_file(read_lp, 0, &s);
        printf(" read_lp_s=%.6f", r == 0 ? s : -1.0);
    }
    if (read_mps) {
        double s;
        int r = read_file(read_mps, 1, &s);
        printf(" read_mps_s=%.6f", r == 0 ? s : -1.0);
    }
    putchar('\n');
    build_free(B);
    model_free(m);
    diag_free(&d);
    return 0;
}
