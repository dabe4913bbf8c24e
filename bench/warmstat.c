/*
 * warmstat.c — one price step of a sweep, solved cold and warm, in one process (issue 13).
 *
 *   bench/warmstat INSTANCE.cfg P1 P2 [--gap G] [--modes cold,cut,old]
 *
 * Solves the instance at a uniform carbon price P1 (cold), then at P2 once per mode on the
 * same Build: cold (no start), cut (start = P1's solution, GLPK's MIP presolver kept and the
 * start's value as the incumbent: solve.c mip_cutoff), old (the same start handed to GLPK
 * without the presolver: TICO_WARM_NOPRESOLVE=1). Gap: --gap, else 1e-6 (every sweep's).
 * Prints per solve: mode, price, CPU seconds of this process (user + sys), wall seconds,
 * objective, proven gap, status.
 */
#include <glpk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "build.h"
#include "diag.h"
#include "load.h"
#include "solve.h"

static double wall(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static double cpu(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + ts.tv_nsec * 1e-9;
}

static int set_price(Build *B, int T, double p)
{
    double *v = malloc((size_t)T * sizeof *v);
    for (int t = 0; t < T; t++)
        v[t] = p;
    int st = build_set_carbon_price(B, v);
    free(v);
    return st;
}

static Solution *run(Build *B, const Model *m, double p, double gap, const Solution *start, const char *mode)
{
    SolveParams sp;
    solve_params_default(&sp, m, true);
    sp.duals = false;
    sp.mip_gap = gap;
    sp.start = start;
    if (set_price(B, m->nperiods, p) != TICO_OK)
        exit(5);
    setenv("TICO_WARM_NOPRESOLVE", strcmp(mode, "old") == 0 ? "1" : "0", 1);
    Solution *s = NULL;
    SolveInfo info;
    double a = wall(), c = cpu();
    solve_build(B, &sp, &s, &info);
    printf("mode=%s price=%g cpu_s=%.3f wall_s=%.3f obj=%.10g gap=%.3g status=%s start_feasible=%d\n", mode, p,
           cpu() - c, wall() - a, s ? s->objective : 0.0, s ? s->gap : 0.0,
           s ? solution_status_name(s->status) : "error", info.start_feasible);
    fflush(stdout);
    return s;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fputs("usage: bench/warmstat INSTANCE.cfg P1 P2 [--gap G] [--modes cold,cut,old]\n", stderr);
        return 1;
    }
    double gap = 1e-6;
    const char *modes = "cold,cut,old";
    for (int i = 4; i < argc; i++) {
        if (strcmp(argv[i], "--gap") == 0 && i + 1 < argc)
            gap = atof(argv[++i]);
        else if (strcmp(argv[i], "--modes") == 0 && i + 1 < argc)
            modes = argv[++i];
    }
    Diag d = {0};
    Model *m = load_instance(argv[1], NULL, 0, &d);
    if (!m) {
        diag_print(&d, stderr);
        return 2;
    }
    BuildOpts bo = {false, 0.0, true};
    Build *B;
    if (build_new(m, &bo, &B) != TICO_OK)
        return 5;
    Solution *s1 = run(B, m, atof(argv[2]), gap, NULL, "cold");
    char *list = strdup(modes);
    for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) {
        Solution *s2 = run(B, m, atof(argv[3]), gap, strcmp(tok, "cold") ? s1 : NULL, tok);
        solution_free(s2);
    }
    free(list);
    solution_free(s1);
    build_free(B);
    return 0;
}
