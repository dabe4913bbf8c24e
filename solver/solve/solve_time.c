/*
 * solve_time.c — the clock of a solve: monotonic seconds, GLPK's millisecond limits, the time
 * left (solve_int.h). Shared by solve.c and the heuristics (solve_heur.c).
 */
#include "solve_int.h"

#include <limits.h>
#include <math.h>
#include <time.h>

double solve_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

int solve_tm_ms(double seconds)
{
    if (!(seconds > 0))
        return INT_MAX;
    double ms = ceil(seconds * 1000.0);
    return ms >= INT_MAX ? INT_MAX : (int)ms;
}

/* Seconds left of the time limit (INFINITY without one). GLPK checks its own limit only
 * between nodes, and not while it generates cuts or while our heuristic solves its LP: on
 * bench/gen's medium instance a 60 s limit ended after 184 s. So the callback and the
 * heuristic check it too. */
double solve_time_left(const Ctx *X)
{
    return X->sp->time_limit > 0 ? X->sp->time_limit - (solve_now() - X->t0) : INFINITY;
}
