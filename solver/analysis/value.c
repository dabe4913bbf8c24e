/*
 * value.c — infrastructure value (SPEC §8): `tico value`.
 *
 * What is valued. A *family* is the set of infrastructure assets that share a technology
 * (in Dunkirk every technology but one has a single asset; the two gas CCGTs, the existing
 * DK6 block and the new blocks, form one family). Assets of one technology are the same
 * service from interchangeable capacity: forbidding one while its twin stays allowed would
 * only measure the cost of building the twin instead. A family of one asset is named by
 * the asset's id, a larger one by the technology's id. `--asset ID` values one family: ID
 * is an asset id (that asset alone, its twins allowed: the project question) or the
 * technology id of some assets (that family).
 *
 * Value. Z_with = the instance's optimal total cost (NPV, carbon payments included: what
 * the MILP minimises), Z_without = the same with every asset of the family forbidden
 * (build_allow_asset: no module built, none used; the fixed O&M of existing modules is
 * still paid). value = Z_without - Z_with >= 0 (forbidding only restricts). The
 * system-cost difference is reported beside it. Statuses:
 *   optimal    both solves within the gap;
 *   limit      a solve stopped at the time limit with a solution: the value is an estimate;
 *   unused     the family builds no module and has no activity, charge or discharge in the
 *              instance's optimum: that optimum is feasible without it, so value = 0 exactly
 *              and nothing is solved;
 *   essential  the instance is infeasible without it: value = infinity (empty in the CSV),
 *              flagged, not an error;
 *   no_solution  the solve without it found no solution in the time limit.
 * Every solve runs to a relative gap of 1e-6 unless --gap is given (values are differences
 * of costs, as in macc.c).
 *
 * Split by use (value_split.csv, by_use_*). The family's *service* is a commodity it makes
 * or takes: a storage makes what it stores; a process makes its first output that is not a
 * CO2 carrier (tic_co2_carriers: electricity, hydrogen, heat, reducing gas); a process
 * whose outputs are all CO2 carriers (or none) takes its first CO2-carrier input, else its
 * first input (a CO2 terminal takes captured CO2, a flare takes steel gas); a process
 * without outputs that captures CO2 (direct air capture) serves no plant. In each period
 * the amount the family makes (takes) is traced to the users (suppliers) of the commodity
 * in proportion to their annual flows in the instance's optimum: plants keep their part;
 * markets, demands and disposal are "(other)"; a process asset passes its part on along
 * its own service (hydrogen from an electrolyser reaches the steel works through the DRI
 * gas heater; the grid's electricity for a CO2 terminal reaches the plants that ship CO2).
 * Storage flows are left out of the pools (they only shift a commodity within the day).
 * Flows are annual totals: the tracing is per period, not per slice. A plant's share is its
 * discounted part over the discounted total, sum_t DF_t use_p,t / sum_t DF_t total_t: the
 * cost being split is an NPV, so a unit used in 2050 weighs what money in 2050 weighs. The
 * `use` column is the undiscounted amount over the horizon (sum_t L_t use_p,t), in the
 * commodity's unit. The asset cost split is the family's own NPV cost in the instance's
 * optimum: capex (capital factor CF) + fixed O&M of installed modules + variable O&M
 * (energy and materials it buys are paid through the balances and are not in it);
 * by_use_eur = share x asset cost.
 *
 * Split by Shapley value. Players: the plants. X0 = the plants' decisions in the optimum
 * without the family (lines operating and built per route and period, production per
 * route, pool). For a coalition S of plants,
 *     C(S) = min total cost with the family allowed, every plant outside S held at X0
 *            (lines and builds fixed, production and pool in a box of 1e-9 relative around
 *            X0), plants in S and everything else (assets, spurs, markets) free;
 *     v(S) = Z_without - C(S).
 * v(N) = value (C(N) = Z_with). v(empty) = what the family saves with every plant doing what
 * it did without it: its use by the rest of the system (demands, markets, other assets, a
 * cheaper electricity mix), which no plant's decision brings; it is the "(other)" row.
 * v is monotone (a larger S relaxes C), so every marginal contribution is >= 0 up to the
 * gap, and sum_p phi_p = v(N) - v(empty) (efficiency). shapley_share = phi_p / value
 * ((other): v(empty) / value), shapley_eur = share x asset cost. Shapley is not computed
 * for essential, unused (every phi is 0) and no_solution families, nor when the value is
 * within the solvers' tolerance (gap x cost).
 *
 * Sound reductions (each keeps the exact Shapley value):
 *  1. Dummy plants. A plant whose product has no balance (no pool) and whose routes all
 *     have the same flow of every balanced commodity (net and gross, build_flow_coef and
 *     build_gross_flow_coef) and the same net emission factor (one route, e.g. Dunkirk's
 *     cathode plant) makes the same flows and emissions whatever lines it runs: its
 *     production is fixed by its requirement. Its decisions then enter only its own rows
 *     (lines, vintages, run) and its own cost terms (capex, O&M), so its best decisions are
 *     the same in every coalition and world, X0's included (up to the gap): freeing it never
 *     changes C(S), v(S + p) = v(S) for every S, and p is a null player with phi_p = 0. By
 *     the null-player property the Shapley value of the other plants is that of the game
 *     on them alone. Dummies are left free in every solve (method `dummy`).
 *  2. Inference from a solved coalition. If the optimum of C(S) holds some members T of S
 *     at X0 (same lines and builds, production within 1e-7), it is feasible for C(S - U)
 *     for every U within T, and C(S - U) >= C(S) since S - U is more restricted: so
 *     C(S - U) = C(S) for all 2^|T| such coalitions, without a solve. The grand
 *     coalition's optimum is the instance's, so plants that do not change route because of
 *     the family fill most of the table at once. Coalitions are solved from large to small
 *     in rounds of one size; after each round its solutions mark the smaller coalitions they
 *     decide; results are applied in a fixed order, so the table does not depend on -j.
 * Exact when the players (plants that are not dummies) are at most VALUE_EXACT_MAX = 12:
 * 2^k coalitions less those inferred. Beyond, sampled: M = max(2, ceil(--samples / k))
 * random orders of the players (value_splitmix64 from --seed, Fisher-Yates; --samples is the
 * number of marginal contributions wanted, default 1000), each walked from the grand
 * coalition down to the empty one with inference (2) along the way; phi_p = the mean of
 * p's marginal contributions, stderr_eur = their standard deviation / sqrt(M). The means
 * add up to v(N) - v(empty) exactly (each order telescopes).
 * Every coalition solve starts from the optimum of C(empty) (feasible for every coalition),
 * the solve of C(empty) from X0; --cold turns starts off.
 * Measured on Dunkirk (9 plants, the cathode plant a dummy: 8 players, 256 coalitions a
 * family; 2 shared cores, -j 2): a coalition solve takes ~14 s, so the unreduced game is 255
 * solves (~30 min) per family with a value, ~4.5 h for the 9 such families. With (2) the
 * whole run took 6.5 min: the instance 16 s, 11 solves without a family 218 s, 22 coalition
 * solves 156 s. The CO2 compression's table is decided by 4 solves, and shows why the players
 * cannot be limited to the plants using the asset's commodity: v = 4.8 MEUR unless Lumbres
 * is free, 23.3 with it, 30.1 with it and both slag grinders (Eqiom Dunkerque, Lafarge), which
 * never touch CO2 but must both change route to use the slag that Lumbres frees.
 *
 * Work: the solves without each family, then C(empty) per family, then each round of
 * coalitions (or all sampled orders) run as tasks in worker processes (pool.h), one task
 * per chain on a fresh Build with an explicit start, so results do not depend on -j.
 *
 * Outputs (atomic, out.h): value.csv (a row per family), value_split.csv (a row per family
 * and plant, then "(other)"), value.svg (values, and the two splits as shares), and a line
 * per family on stdout unless -q.
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


/* ---- families --------------------------------------------------------------------------- */

static void add_family(Value *x, const char *id, const int *assets, int n)
{
    const Model *m = x->m;
    Family *f = &x->fam[x->nfam++];
    memset(f, 0, sizeof *f);
    f->id = xstrdup(id);
    f->assets = xcalloc((size_t)n, sizeof *f->assets);
    memcpy(f->assets, assets, (size_t)n * sizeof *assets);
    f->nassets = n;
    f->tech = m->assets[assets[0]].tech;
    size_t len = 1;
    for (int a = 0; a < n; a++)
        len += strlen(m->assets[assets[a]].id) + 1;
    f->members = xcalloc(len, 1);
    for (int a = 0; a < n; a++) {
        if (a)
            strcat(f->members, " ");
        strcat(f->members, m->assets[assets[a]].id);
    }
    f->svc = value_asset_service(m, x->carrier, assets[0], &f->commodity);
}

/* Families in the order of their first asset; --asset picks one. Returns false (after a
 * message) when --asset names nothing. */
static bool make_families(Value *x)
{
    const Model *m = x->m;
    int *members = xcalloc((size_t)m->nassets, sizeof *members);
    x->fam = xcalloc((size_t)m->nassets, sizeof *x->fam);
    const char *want = x->p->asset;
    if (want) {
        int i = model_asset(m, want), n = 0;
        if (i >= 0) {
            members[n++] = i;
        } else {
            for (int j = 0; j < m->nassets; j++)
                if (strcmp(m->techs[m->assets[j].tech].id, want) == 0)
                    members[n++] = j;
        }
        if (n == 0) {
            fprintf(stderr, "tico value: --asset '%s' is neither an asset of %s nor the technology of one; assets:",
                    want, m->name);
            for (int j = 0; j < m->nassets; j++)
                fprintf(stderr, " %s", m->assets[j].id);
            fprintf(stderr, "%s\n", m->nassets ? "" : " none");
            free(members);
            return false;
        }
        add_family(x, want, members, n);
    } else {
        for (int i = 0; i < m->nassets; i++) {
            bool seen = false;
            for (int j = 0; j < i; j++)
                seen |= m->assets[j].tech == m->assets[i].tech;
            if (seen)
                continue;
            int n = 0;
            for (int j = i; j < m->nassets; j++)
                if (m->assets[j].tech == m->assets[i].tech)
                    members[n++] = j;
            add_family(x, n == 1 ? m->assets[i].id : m->techs[m->assets[i].tech].id, members, n);
        }
    }
    free(members);
    return true;
}

static void free_family(Family *f)
{
    free(f->id);
    free(f->members);
    free(f->assets);
    solution_free(f->without);
    free(f->use);
    free(f->use_disc);
    free(f->zN);
    solution_free(f->sol_empty);
    free(f->phi);
    free(f->se);
    free(f->v);
    free(f->known);
    free(f->perm);
    free(f->mc);
}

/* ---- the command ---------------------------------------------------------------------------- */

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + 1e-9 * (double)ts.tv_nsec;
}

/* Wall time of a phase, on stderr only (the files hold no time). */
static void phase_done(const Value *x, const char *what, int solves, double t0)
{
    if (!x->p->quiet)
        fprintf(stderr, "tico value: %s: %d solve%s in %.1f s\n", what, solves, solves == 1 ? "" : "s", now() - t0);
}

static void value_free(Value *x)
{
    for (int fi = 0; fi < x->nfam; fi++)
        free_family(&x->fam[fi]);
    free(x->fam);
    solution_free(x->with);
    free(x->players);
    free(x->dummy);
    free(x->carrier);
    free(x->svc);
    free(x->svc_c);
}

static TicoStatus write_outputs(const Value *x)
{
    const char *dir = x->p->outdir;
    OutSet *os = out_begin(dir);
    TicoStatus st;
    if (!os) {
        st = TICO_EINTERNAL;
    } else {
        FILE *f1 = out_open(os, "value.csv"), *f2 = out_open(os, "value_split.csv"), *f3 = out_open(os, "value.svg");
        if (f1 && f2 && f3) {
            value_write_csv(f1, x);
            value_write_split_csv(f2, x);
            value_write_svg(f3, x);
            st = out_commit(os);
        } else {
            out_abort(os);
            st = TICO_EINTERNAL;
        }
    }
    if (st == TICO_OK && !x->p->quiet) {
        printf("tico value: %s, %d famil%s of shared infrastructure, %d plant%s (%d in the Shapley game)\n",
               x->m->name, x->nfam, x->nfam == 1 ? "y" : "ies", x->P, x->P == 1 ? "" : "s", x->k);
        for (int fi = 0; fi < x->nfam; fi++)
            value_print_family(x, &x->fam[fi]);
        printf("tico value: wrote %s/value.csv, value_split.csv, value.svg\n", dir);
    }
    return st;
}

TicoStatus value_run(const Model *m, const ValueParams *p)
{
    Value x;
    memset(&x, 0, sizeof x);
    x.m = m;
    x.p = p;
    x.P = m->nplants;
    x.A = m->nassets;
    x.carrier = tic_co2_carriers(m);
    if (!make_families(&x)) {
        value_free(&x);
        return TICO_EUSAGE;
    }
    x.workers = p->jobs;
    x.dummy = xcalloc((size_t)x.P, sizeof *x.dummy);
    x.players = xcalloc((size_t)x.P, sizeof *x.players);
    for (int q = 0; q < x.P; q++) {
        x.dummy[q] = value_plant_is_dummy(m, q);
        if (!x.dummy[q])
            x.players[x.k++] = q;
    }
    if (x.nfam == 0) { /* nothing to value: the files say so with their headers alone */
        if (!p->quiet)
            fprintf(stderr, "tico value: %s has no shared infrastructure to value\n", m->name);
        TicoStatus st0 = write_outputs(&x);
        value_free(&x);
        return st0;
    }
    /* values and coalition worths are differences of costs: solve closer than they are large */
    x.sp = sweep_solve_params(m, p->gap, p->time_limit);

    /* the instance as it stands */
    if (!p->quiet)
        fprintf(stderr, "tico value: solving %s with every asset allowed\n", m->name);
    BuildOpts bo = {false, 0.0, false};
    Build *B;
    double t0 = now();
    TicoStatus st = build_new(m, &bo, &B);
    if (st == TICO_OK) {
        st = solve_build(B, &x.sp, &x.with, NULL);
        build_free(B);
    }
    phase_done(&x, "the instance", 1, t0);
    if (!sweep_solved(x.with)) {
        fprintf(stderr, "tico value: the instance has no solution (%s); nothing written\n",
                x.with ? solution_status_name(x.with->status) : "solver error");
        value_free(&x);
        return st != TICO_OK ? st : TICO_EINFEASIBLE;
    }

    /* services, by-use split, unused families */
    x.svc = xcalloc((size_t)x.A, sizeof *x.svc);
    x.svc_c = xcalloc((size_t)x.A, sizeof *x.svc_c);
    for (int i = 0; i < x.A; i++)
        x.svc[i] = value_asset_service(m, x.carrier, i, &x.svc_c[i]);
    Task *tasks = xcalloc((size_t)x.nfam + 1, sizeof *tasks);
    int n = 0;
    for (int fi = 0; fi < x.nfam; fi++) {
        Family *f = &x.fam[fi];
        value_by_use(&x, f);
        bool unused = true;
        for (int a = 0; a < f->nassets; a++) {
            f->asset_cost += value_asset_cost(m, x.with, f->assets[a]);
            unused &= value_asset_unused(m, x.with, f->assets[a]);
        }
        if (unused)
            f->status = VS_UNUSED; /* value 0: the optimum is feasible without it */
        else
            tasks[n++] = (Task){T_WITHOUT, fi, 0, 0};
    }

    /* a solve without each family that is used */
    if (!p->quiet)
        fprintf(stderr, "tico value: %d famil%s, %d used: solving without each\n", x.nfam, x.nfam == 1 ? "y" : "ies",
                n);
    TaskRecord *res = xcalloc((size_t)n + 1, sizeof *res);
    t0 = now();
    st = value_run_batch(&x, tasks, n, "tico value: without each asset", res);
    phase_done(&x, "without each family", n, t0);
    for (int j = 0; j < n; j++) {
        Family *f = &x.fam[tasks[j].fam];
        if (st == TICO_OK) {
            Solution *s = sweep_solution(&res[j], m);
            if (!s) {
                fprintf(stderr, "tico value: %s: the solve without it came back unreadable from its worker\n", f->id);
                st = TICO_EINTERNAL;
            } else if (s->status == SOL_INFEASIBLE) {
                f->status = VS_ESSENTIAL;
                f->value = f->value_system = INFINITY;
                solution_free(s);
            } else if (s->status == SOL_NO_SOLUTION) {
                f->status = VS_NO_SOLUTION;
                f->value = f->value_system = NAN;
                solution_free(s);
            } else {
                f->without = s;
                f->status = s->status == SOL_FEASIBLE || x.with->status == SOL_FEASIBLE ? VS_LIMIT : VS_OPTIMAL;
                f->value = value_saving(&x, f, x.with->objective);
                f->value_system = s->system_cost - x.with->system_cost;
                f->gap_without = s->gap;
            }
        }
        task_free(&res[j]);
    }
    free(res);
    free(tasks);

    if (st == TICO_OK) {
        value_shapley_setup(&x);
        t0 = now();
        st = value_shapley_run(&x);
        int solves = 0;
        for (int fi = 0; fi < x.nfam; fi++)
            solves += x.fam[fi].solves;
        phase_done(&x, "Shapley coalitions", solves, t0);
    }
    if (st == TICO_OK) {
        value_shapley_finish(&x);
        st = write_outputs(&x);
    }
    value_free(&x);
    return st;
}

