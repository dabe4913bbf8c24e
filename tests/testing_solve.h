/*
 * testing_solve.h — load an instance (with --set overrides) and solve it in the test process,
 * for the suites that check optima derived by hand (test_scope, test_findings, test_urban).
 */
#ifndef TICO_TESTING_SOLVE_H
#define TICO_TESTING_SOLVE_H

#include "testing.h"

#include "build.h"
#include "solve.h"

typedef struct {
    Model *m;
    Solution *s;
    TicoStatus st;
} Run;

/* Load PATH with NOV overrides and solve it; GAP >= 0 replaces the instance's mip_gap. A file
 * that does not load fails the test (fatal), with the loader's messages on stderr. */
static inline Run tt_run(const char *path, const Override *ov, int nov, double gap)
{
    Run r = {0};
    Diag d = {0};
    r.m = load_instance(path, ov, nov, &d);
    if (!r.m) {
        diag_print(&d, stderr);
        diag_free(&d);
        CU_FAIL_FATAL("instance does not load");
        return r;
    }
    diag_free(&d);
    BuildOpts bo = {false, 1e5, false};
    SolveParams sp;
    solve_params_default(&sp, r.m, true);
    if (gap >= 0.0)
        sp.mip_gap = gap;
    r.st = solve_model(r.m, &bo, &sp, &r.s);
    return r;
}

static inline void tt_done(Run *r)
{
    solution_free(r->s);
    model_free(r->m);
}

#endif
