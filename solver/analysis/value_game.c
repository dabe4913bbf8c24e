/*
 * value_game.c — the Shapley game of a family (value.c): dummy plants, players held at X0
 * through build_set_bounds, the coalition tasks run in workers (task records), and the
 * parent's rounds of coalitions or sampled orders with inference.
 */
#include "value_int.h"
#include "xalloc.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "build.h"
#include "out.h"
#include "pool.h"
#include "solution.h"
#include "solve.h"
#include "svg.h"
#include "sweep.h"
#include "tic.h"

/* ---- helpers of the game --------------------------------------------------------------------- */

int value_popcount32(uint32_t v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

uint64_t value_splitmix64(uint64_t *state)
{
    uint64_t z = (*state += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void value_shapley_exact(int k, const double *v, double *phi)
{
    double w[VALUE_EXACT_MAX + 1]; /* w[s] = s! (k - s - 1)! / k! */
    for (int s = 0; s < k; s++) {
        double x = 1.0 / k;        /* 1 / (k C(k-1, s)) */
        for (int i = 1; i <= s; i++)
            x *= (double)i / (double)(k - i);
        w[s] = x;
    }
    uint32_t full = (1u << k) - 1u;
    for (int q = 0; q < k; q++) {
        double sum = 0.0;
        uint32_t bit = 1u << q;
        for (uint32_t S = 0; S <= full; S++)
            if (!(S & bit))
                sum += w[value_popcount32(S)] * (v[S | bit] - v[S]);
        phi[q] = sum;
    }
}

/* How close two of the family's costs are known: the solves' relative gap plus the LP's own
 * round-off (1e-9 relative), times the cost. */
double value_tolerance(const Value *x, const Family *f)
{
    double gap = fmax(x->sp.mip_gap, fmax(x->with->gap, f->without ? f->without->gap : 0.0));
    double z = fmax(fabs(x->with->objective), f->without ? fabs(f->without->objective) : 0.0);
    return (gap + 1e-9) * z;
}

/* A difference of costs: Z_without - z, read as 0 when within the tolerance. */
double value_saving(const Value *x, const Family *f, double z)
{
    double v = f->without->objective - z;
    return fabs(v) <= value_tolerance(x, f) ? 0.0 : v;
}

/* ---- plants: dummies, held at X0 -------------------------------------------------------- */

static bool same(double a, double b)
{
    return fabs(a - b) <= 1e-12 * fmax(1.0, fmax(fabs(a), fabs(b)));
}

/* Reduction 1 of the header: a plant whose flows and emissions do not depend on its routes. */
bool value_plant_is_dummy(const Model *m, int p)
{
    const Plant *pl = &m->plants[p];
    if (m->commodities[pl->product].balance != BAL_NONE)
        return false;
    const Technology *t0 = &m->techs[pl->routes[0]];
    for (int r = 1; r < pl->nroutes; r++) {
        const Technology *tc = &m->techs[pl->routes[r]];
        if (!same(build_net_factor(tc), build_net_factor(t0)))
            return false;
        for (int c = 0; c < m->ncommodities; c++)
            if (m->commodities[c].balance != BAL_NONE &&
                (!same(build_flow_coef(tc, c), build_flow_coef(t0, c)) ||
                 !same(build_gross_flow_coef(tc, c), build_gross_flow_coef(t0, c))))
                return false;
    }
    return true;
}

/* Plant p does in a what it does in x0: same lines and builds, production and pool within
 * SAME_X_TOL. */
bool value_plant_at(const Model *m, const Solution *a, const Solution *x0, int p)
{
    for (int r = 0; r < m->plants[p].nroutes; r++)
        for (int t = 0; t < a->T; t++) {
            int k = sol_pr(a, p, r, t);
            if (lround(a->lines[k]) != lround(x0->lines[k]) || lround(a->built[k]) != lround(x0->built[k]) ||
                fabs(a->production[k] - x0->production[k]) > SAME_X_TOL * fmax(1.0, fabs(x0->production[k])))
                return false;
        }
    for (int t = 0; t < a->T; t++) {
        double u = a->pool[sol_pt(a, p, t)], v = x0->pool[sol_pt(a, p, t)];
        if (fabs(u - v) > SAME_X_TOL * fmax(1.0, fabs(v)))
            return false;
    }
    return true;
}

/* Column j held at v: an integer fixed at its rounding, a continuous one in a box of BOX_TOL
 * (relative) around v. */
static void hold_col(BuildBound *bb, int *n, int j, double v, bool integer)
{
    if (j <= 0)
        return;
    if (integer) {
        double r = (double)lround(v);
        bb[(*n)++] = (BuildBound){j, r, r};
        return;
    }
    double d = BOX_TOL * fmax(1.0, fabs(v)), lo = fmax(0.0, v - d), hi = fmax(0.0, v + d);
    bb[(*n)++] = (BuildBound){j, lo, hi};
}

/* Hold the players marked in held at their decisions in x0, or (x0 NULL) free them again
 * (the bounds the Build was made with). */
static TicoStatus hold_players(const Value *x, Build *B, const unsigned char *held, const Solution *x0)
{
    if (!B->lp)
        return TICO_EINTERNAL;
    const Model *m = x->m;
    int T = B->T, cap = 0, n = 0;
    for (int q = 0; q < x->k; q++)
        cap += (3 * m->plants[x->players[q]].nroutes + 1) * T;
    BuildBound *bb = xcalloc((size_t)cap + 1, sizeof *bb);
    for (int q = 0; q < x->k; q++) {
        if (!held[q])
            continue;
        int p = x->players[q];
        for (int r = 0; r < m->plants[p].nroutes; r++)
            for (int t = 0; t < T; t++) {
                int slot = (B->route_off[p] + r) * T + t;
                if (x0) {
                    int k = sol_pr(x0, p, r, t);
                    hold_col(bb, &n, B->n[slot], x0->lines[k], true);
                    hold_col(bb, &n, B->b[slot], x0->built[k], true);
                    hold_col(bb, &n, B->x[slot], x0->production[k], false);
                } else {
                    int cols[3] = {B->n[slot], B->b[slot], B->x[slot]};
                    for (int c = 0; c < 3; c++)
                        if (cols[c] > 0)
                            bb[n++].col = cols[c];
                }
            }
        for (int t = 0; t < T; t++) {
            if (x0)
                hold_col(bb, &n, B->pool[p * T + t], x0->pool[sol_pt(x0, p, t)], false);
            else if (B->pool[p * T + t] > 0)
                bb[n++].col = B->pool[p * T + t];
        }
    }
    TicoStatus st;
    if (x0) {
        st = build_set_bounds(B, bb, n);
    } else {
        int *cols = xcalloc((size_t)n + 1, sizeof *cols);
        for (int k = 0; k < n; k++)
            cols[k] = bb[k].col;
        st = build_restore_bounds(B, cols, n);
        free(cols);
    }
    free(bb);
    return st;
}

/* ---- tasks (run in workers) -------------------------------------------------------------- */

static TicoStatus solve_one(const Value *x, Build *B, const Solution *start, Solution **out)
{
    SolveParams sp = x->sp;
    sp.duals = false;
    sp.start = x->p->cold ? NULL : start;
    *out = NULL;
    return solve_build(B, &sp, out, NULL);
}

/* A task's record: the solution s (then freed), or, when the solve gave none, its status st
 * fails the chain. */
static TicoStatus emit_solution(const Value *x, PoolEmit *emit, int task, Solution *s, TicoStatus st)
{
    if (!s)
        return st;
    TaskRecord r;
    task_init(&r);
    sweep_put_solution(&r, x->m, s);
    pool_emit_record(emit, task, &r);
    task_free(&r);
    solution_free(s);
    return TICO_OK;
}

/* Solve C(S) for the coalition in[] (1 = member): the others held at X0. */
static TicoStatus solve_coalition(const Value *x, Build *B, const Family *f, const unsigned char *in,
                                  const Solution *start, Solution **out)
{
    unsigned char *held = xcalloc((size_t)x->k, 1);
    for (int q = 0; q < x->k; q++)
        held[q] = !in[q];
    TicoStatus st = hold_players(x, B, held, f->without);
    if (st == TICO_OK) {
        st = solve_one(x, B, start, out);
        TicoStatus st2 = hold_players(x, B, held, NULL);
        if (st2 != TICO_OK && *out) {
            solution_free(*out);
            *out = NULL;
            st = st2;
        }
    }
    free(held);
    return st;
}

static TicoStatus task_without(const Value *x, Build *B, const Task *tk, int task, PoolEmit *emit)
{
    const Family *f = &x->fam[tk->fam];
    for (int a = 0; a < f->nassets; a++)
        CHECK(build_allow_asset(B, f->assets[a], false));
    Solution *s = NULL;
    TicoStatus st = solve_one(x, B, NULL, &s);
    for (int a = 0; a < f->nassets && B->lp; a++)
        build_allow_asset(B, f->assets[a], true);
    return emit_solution(x, emit, task, s, st);
}

static TicoStatus task_empty(const Value *x, Build *B, const Task *tk, int task, PoolEmit *emit)
{
    const Family *f = &x->fam[tk->fam];
    unsigned char *in = xcalloc((size_t)x->k, 1);
    Solution *s = NULL;
    TicoStatus st = solve_coalition(x, B, f, in, f->without, &s);
    free(in);
    return emit_solution(x, emit, task, s, st);
}

static TicoStatus task_coalition(const Value *x, Build *B, const Task *tk, int task, PoolEmit *emit)
{
    const Family *f = &x->fam[tk->fam];
    unsigned char *in = xcalloc((size_t)x->k, 1);
    for (int q = 0; q < x->k; q++)
        in[q] = (tk->mask >> q) & 1u;
    Solution *s = NULL;
    TicoStatus st = solve_coalition(x, B, f, in, f->sol_empty, &s);
    if (s) { /* record: "status" (SolStatus), "objective", "zmask" (members held at X0 in the optimum) */
        uint32_t zmask = 0;
        for (int q = 0; q < x->k && sweep_solved(s); q++)
            if (in[q] && value_plant_at(x->m, s, f->without, x->players[q]))
                zmask |= 1u << q;
        TaskRecord r;
        task_init(&r);
        task_set(&r, "status", s->status);
        task_set(&r, "objective", s->objective);
        task_set(&r, "zmask", zmask);
        pool_emit_record(emit, task, &r);
        task_free(&r);
        solution_free(s);
        st = TICO_OK;
    }
    free(in);
    return st;
}

/* One sampled order, walked from the grand coalition down (reduction 2 along the way). */
static TicoStatus task_perm(const Value *x, Build *B, const Task *tk, int task, PoolEmit *emit)
{
    const Family *f = &x->fam[tk->fam];
    int k = x->k;
    const int *pi = f->perm + (size_t)tk->perm * k;
    unsigned char *in = xcalloc((size_t)k, 1), *z = xcalloc((size_t)k, 1);
    struct {
        int failed, limit, solves;
    } rec = {0, 0, 0};
    double *vals = xcalloc((size_t)k + 1, sizeof *vals);
    for (int q = 0; q < k; q++) {
        in[q] = 1;
        z[q] = f->zN[q];
    }
    vals[k] = f->value;
    vals[0] = f->v_empty;
    TicoStatus st = TICO_OK;
    for (int j = k - 1; j >= 1; j--) { /* the coalition of pi[0..j-1] */
        int q = pi[j];
        in[q] = 0;
        if (z[q] || rec.failed) {
            vals[j] = vals[j + 1];
            z[q] = 0;
            continue;
        }
        Solution *s = NULL;
        st = solve_coalition(x, B, f, in, f->sol_empty, &s);
        if (!s)
            break;
        rec.solves++;
        if (!sweep_solved(s)) {
            rec.failed = 1;
            vals[j] = NAN;
        } else {
            rec.limit |= s->status == SOL_FEASIBLE;
            vals[j] = value_saving(x, f, s->objective);
            for (int q2 = 0; q2 < k; q2++)
                z[q2] = in[q2] && value_plant_at(x->m, s, f->without, x->players[q2]);
        }
        solution_free(s);
    }
    if (st == TICO_OK) { /* record: "failed", "limit", "solves", and "v": v of the first j players, j = 0..k */
        TaskRecord r;
        task_init(&r);
        task_set(&r, "failed", rec.failed);
        task_set(&r, "limit", rec.limit);
        task_set(&r, "solves", rec.solves);
        task_set_vec(&r, "v", vals, k + 1);
        pool_emit_record(emit, task, &r);
        task_free(&r);
    }
    free(in);
    free(z);
    free(vals);
    return st;
}

/* One task per chain, each on a fresh Build with an explicit start: results do not depend
 * on which worker runs what. */
static TicoStatus run_chain(void *vctx, int chain, PoolEmit *emit)
{
    const Value *x = vctx;
    const Task *tk = &x->tasks[chain];
    pool_begin(emit, chain); /* MPI: rank 0 can name the task if this process dies */
    BuildOpts bo = {false, 0.0, false};
    Build *B;
    CHECK(build_new(x->m, &bo, &B));
    TicoStatus st;
    switch (tk->kind) {
    case T_WITHOUT:
        st = task_without(x, B, tk, chain, emit);
        break;
    case T_EMPTY:
        st = task_empty(x, B, tk, chain, emit);
        break;
    case T_COALITION:
        st = task_coalition(x, B, tk, chain, emit);
        break;
    default:
        st = task_perm(x, B, tk, chain, emit);
        break;
    }
    build_free(B);
    return st;
}

/* Run tasks[n], one a chain; their records into rec[n] (task_free each). */
TicoStatus value_run_batch(Value *x, const Task *tasks, int n, const char *label, TaskRecord *rec)
{
    x->tasks = tasks;
    TicoStatus st = sweep_collect(x->workers, n, run_chain, x, n, label, x->p->quiet, "tico value: task", rec);
    x->tasks = NULL;
    return st;
}

/* ---- Shapley (parent side) ---------------------------------------------------------------- */

/* Reduction 2: coalition S solved with its members zmask at X0 decides every coalition
 * between S - zmask and S. */
static void infer(Family *f, uint32_t S, uint32_t zmask)
{
    zmask &= S;
    uint32_t base = S & ~zmask, sub = zmask;
    for (;;) {
        uint32_t T = base | sub;
        if (!f->known[T]) {
            f->known[T] = 1;
            f->v[T] = f->v[S];
        }
        if (sub == 0)
            break;
        sub = (sub - 1) & zmask;
    }
}


/* Which families get a Shapley split, and the first step of each: v(N), Z(N), inference. */
void value_shapley_setup(Value *x)
{
    int k = x->k;
    for (int fi = 0; fi < x->nfam; fi++) {
        Family *f = &x->fam[fi];
        f->method = SH_NONE;
        if (f->status == VS_UNUSED) {
            f->why_none = "unused: every coalition is worth 0";
            continue;
        }
        if (f->status == VS_ESSENTIAL) {
            f->why_none = "essential: no plan without it to compare with";
            continue;
        }
        if (f->status == VS_NO_SOLUTION) {
            f->why_none = "no solution without it in the time limit";
            continue;
        }
        if (!(f->value > value_tolerance(x, f))) {
            f->why_none = "value within the solvers' tolerance";
            continue;
        }
        f->method = k <= VALUE_EXACT_MAX ? SH_EXACT : SH_SAMPLED;
        f->phi = xcalloc((size_t)k, sizeof *f->phi);
        f->se = xcalloc((size_t)k, sizeof *f->se);
        f->zN = xcalloc((size_t)k, 1);
        bool all = true;
        for (int q = 0; q < k; q++) {
            f->zN[q] = value_plant_at(x->m, x->with, f->without, x->players[q]);
            all &= f->zN[q];
        }
        if (all) { /* no plant changes anything: v(S) = v(N) for every S */
            f->zero_game = true;
            f->v_empty = f->value;
            continue;
        }
        if (f->method == SH_EXACT) {
            uint32_t full = (1u << k) - 1u, z = 0;
            f->v = xcalloc((size_t)full + 1, sizeof *f->v);
            f->known = xcalloc((size_t)full + 1, 1);
            f->v[full] = f->value;
            f->known[full] = 1;
            for (int q = 0; q < k; q++)
                z |= (uint32_t)f->zN[q] << q;
            infer(f, full, z);
        } else {
            long samples = x->p->samples > 0 ? x->p->samples : 1000; /* --samples, default 1000 */
            long want = (samples + k - 1) / k;
            f->nperm = (int)(want < 2 ? 2 : want);
            f->perm = xcalloc((size_t)f->nperm * k, sizeof *f->perm);
            f->mc = xcalloc((size_t)f->nperm * k, sizeof *f->mc);
            uint64_t seed = x->p->seed >= 0 ? (uint64_t)x->p->seed : 1; /* --seed, default 1 */
            uint64_t state = seed * 0x2545F4914F6CDD1DULL + (uint64_t)fi;
            for (int s = 0; s < f->nperm; s++) {
                int *pi = f->perm + (size_t)s * k;
                for (int q = 0; q < k; q++)
                    pi[q] = q;
                for (int q = k - 1; q > 0; q--) {
                    int r = (int)(value_splitmix64(&state) % (uint64_t)(q + 1));
                    int tmp = pi[q];
                    pi[q] = pi[r];
                    pi[r] = tmp;
                }
            }
        }
    }
}

TicoStatus value_shapley_run(Value *x)
{
    int k = x->k;
    TicoStatus st = TICO_OK;
    Task *tasks = xcalloc((size_t)x->nfam + 1, sizeof *tasks);
    TaskRecord *res = xcalloc((size_t)x->nfam + 1, sizeof *res);
    int n = 0;
    /* C(empty) of every family that needs solves (the start of every other coalition) */
    for (int fi = 0; fi < x->nfam; fi++) {
        Family *f = &x->fam[fi];
        if (f->method != SH_NONE && !f->zero_game)
            tasks[n++] = (Task){T_EMPTY, fi, 0, 0};
    }
    st = value_run_batch(x, tasks, n, "tico value: Shapley, no plant free", res);
    for (int j = 0; j < n; j++) {
        Family *f = &x->fam[tasks[j].fam];
        if (st == TICO_OK) {
            f->sol_empty = sweep_solution(&res[j], x->m);
            if (!f->sol_empty) {
                fprintf(stderr, "tico value: %s: C(empty) came back unreadable from its worker\n", f->id);
                st = TICO_EINTERNAL;
            } else if (!sweep_solved(f->sol_empty)) {
                f->method = SH_NONE;
                f->why_none = "a coalition had no solution";
            } else {
                f->solves++;
                f->limit |= f->sol_empty->status == SOL_FEASIBLE;
                f->v_empty = value_saving(x, f, f->sol_empty->objective);
                if (f->method == SH_EXACT && !f->known[0]) {
                    f->v[0] = f->v_empty;
                    f->known[0] = 1;
                }
            }
        }
        task_free(&res[j]);
    }
    free(tasks);
    free(res);
    if (st != TICO_OK)
        return st;

    /* exact: rounds of one coalition size, from large to small */
    for (int r = 1; r < k; r++) {
        int size = k - r;
        n = 0;
        for (int fi = 0; fi < x->nfam; fi++) {
            Family *f = &x->fam[fi];
            if (f->method != SH_EXACT || f->zero_game)
                continue;
            for (uint32_t S = 1; S < (1u << k) - 1u; S++)
                n += value_popcount32(S) == size && !f->known[S];
        }
        if (n == 0)
            continue;
        tasks = xcalloc((size_t)n, sizeof *tasks);
        res = xcalloc((size_t)n, sizeof *res);
        n = 0;
        for (int fi = 0; fi < x->nfam; fi++) {
            Family *f = &x->fam[fi];
            if (f->method != SH_EXACT || f->zero_game)
                continue;
            for (uint32_t S = 1; S < (1u << k) - 1u; S++)
                if (value_popcount32(S) == size && !f->known[S])
                    tasks[n++] = (Task){T_COALITION, fi, S, 0};
        }
        char label[96];
        snprintf(label, sizeof label, "tico value: Shapley, coalitions of %d", size);
        st = value_run_batch(x, tasks, n, label, res);
        for (int j = 0; j < n; j++) {
            Family *f = &x->fam[tasks[j].fam];
            if (st == TICO_OK && f->method == SH_EXACT) {
                int status = (int)task_get(&res[j], "status", -1);
                f->solves++;
                if (!isfinite(task_get(&res[j], "objective", NAN)) && status == SOL_OPTIMAL) {
                    fprintf(stderr, "tico value: %s: a coalition came back unreadable from its worker\n", f->id);
                    st = TICO_EINTERNAL;
                } else if (status != SOL_OPTIMAL && status != SOL_FEASIBLE) {
                    f->method = SH_NONE;
                    f->why_none = "a coalition had no solution";
                } else {
                    uint32_t S = tasks[j].mask;
                    f->limit |= status == SOL_FEASIBLE;
                    f->v[S] = value_saving(x, f, task_get(&res[j], "objective", NAN));
                    f->known[S] = 1;
                    infer(f, S, (uint32_t)task_get(&res[j], "zmask", 0));
                }
            }
            task_free(&res[j]);
        }
        free(tasks);
        free(res);
        if (st != TICO_OK)
            return st;
    }

    /* sampled orders */
    n = 0;
    for (int fi = 0; fi < x->nfam; fi++)
        if (x->fam[fi].method == SH_SAMPLED && !x->fam[fi].zero_game)
            n += x->fam[fi].nperm;
    if (n > 0) {
        tasks = xcalloc((size_t)n, sizeof *tasks);
        res = xcalloc((size_t)n, sizeof *res);
        n = 0;
        for (int fi = 0; fi < x->nfam; fi++)
            if (x->fam[fi].method == SH_SAMPLED && !x->fam[fi].zero_game)
                for (int s = 0; s < x->fam[fi].nperm; s++)
                    tasks[n++] = (Task){T_PERM, fi, 0, s};
        st = value_run_batch(x, tasks, n, "tico value: Shapley, sampled orders", res);
        for (int j = 0; j < n; j++) {
            Family *f = &x->fam[tasks[j].fam];
            int nv = 0;
            const double *vals = task_get_vec(&res[j], "v", &nv);
            if (st == TICO_OK && f->method == SH_SAMPLED) {
                if (nv != k + 1) {
                    fprintf(stderr, "tico value: %s: an order came back unreadable from its worker\n", f->id);
                    st = TICO_EINTERNAL;
                } else {
                    f->solves += (int)task_get(&res[j], "solves", 0);
                    f->limit |= task_get(&res[j], "limit", 0) != 0;
                    if (task_get(&res[j], "failed", 0) != 0) {
                        f->method = SH_NONE;
                        f->why_none = "a coalition had no solution";
                    } else {
                        const int *pi = f->perm + (size_t)tasks[j].perm * k;
                        for (int q = 0; q < k; q++)
                            f->mc[(size_t)tasks[j].perm * k + pi[q]] = vals[q + 1] - vals[q];
                    }
                }
            }
            task_free(&res[j]);
        }
        free(tasks);
        free(res);
    }
    return st;
}

void value_shapley_finish(Value *x)
{
    int k = x->k;
    for (int fi = 0; fi < x->nfam; fi++) {
        Family *f = &x->fam[fi];
        if (f->method == SH_NONE || f->zero_game)
            continue;
        double tol = value_tolerance(x, f);
        if (f->method == SH_EXACT) {
            value_shapley_exact(k, f->v, f->phi);
        } else {
            int M = f->nperm;
            for (int q = 0; q < k; q++) {
                double mean = 0.0, ss = 0.0;
                for (int s = 0; s < M; s++)
                    mean += f->mc[(size_t)s * k + q];
                mean /= M;
                for (int s = 0; s < M; s++) {
                    double d = f->mc[(size_t)s * k + q] - mean;
                    ss += d * d;
                }
                f->phi[q] = mean;
                f->se[q] = sqrt(ss / (M - 1) / M);
            }
        }
        for (int q = 0; q < k; q++) /* a weighted sum of differences each known to +-tol */
            if (fabs(f->phi[q]) <= tol)
                f->phi[q] = 0.0;
    }
}

