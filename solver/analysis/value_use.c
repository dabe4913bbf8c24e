/*
 * value_use.c — a family's service, its cost, and its use traced to the plants (the split
 * by use; definitions in value.c).
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

/* ---- the family's service, cost, use --------------------------------------------------- */

Service value_asset_service(const Model *m, const bool *carrier, int i, int *c)
{
    const Technology *tc = &m->techs[m->assets[i].tech];
    *c = -1;
    if (tc->kind == TECH_STORAGE) {
        *c = tc->stores;
        return SVC_MAKES;
    }
    for (int k = 0; k < tc->noutputs; k++) {
        int cc = tc->outputs[k].commodity;
        if (m->commodities[cc].balance != BAL_NONE && !carrier[cc]) {
            *c = cc;
            return SVC_MAKES;
        }
    }
    if (tc->noutputs == 0 && tc->capture_commodity >= 0 && tc->capture_rate > 0)
        return SVC_NONE; /* a removal (direct air capture): serves the cluster's emissions */
    for (int pass = 0; pass < 2; pass++)
        for (int k = 0; k < tc->ninputs; k++) {
            int cc = tc->inputs[k].commodity;
            if (m->commodities[cc].balance != BAL_NONE && (pass == 1 || carrier[cc])) {
                *c = cc;
                return SVC_TAKES;
            }
        }
    return SVC_NONE;
}

/* Activity of asset i in period t summed over slices (storage: discharge). */
double value_asset_activity(const Model *m, const Solution *s, int i, int t)
{
    bool storage = m->techs[m->assets[i].tech].kind == TECH_STORAGE;
    double a = 0.0;
    for (int sl = 0; sl < s->S; sl++)
        a += storage ? s->discharge[sol_its(s, i, t, sl)] : s->activity[sol_its(s, i, t, sl)];
    return a;
}

/* NPV of asset i's own cost in s: capex + fixed O&M of installed modules + variable O&M. */
double value_asset_cost(const Model *m, const Solution *s, int i)
{
    const Asset *as = &m->assets[i];
    const Technology *tc = &m->techs[as->tech];
    double c = 0.0;
    for (int t = 0; t < m->nperiods; t++) {
        double df = model_period_factor(m, t);
        c += model_capital_factor(m, t, tc->lifetime) * tc->capex[t] * as->module * s->asset_built[i * s->T + t];
        c += df * tc->fixed_om[t] * as->module * s->asset_installed[i * s->T + t];
        c += df * tc->var_om[t] * value_asset_activity(m, s, i, t);
    }
    return c;
}

/* No module built, no activity, charge or discharge: the solution is feasible without i. */
bool value_asset_unused(const Model *m, const Solution *s, int i)
{
    double tol = 1e-9 * fmax(1.0, m->assets[i].module);
    for (int t = 0; t < m->nperiods; t++) {
        if (fabs(s->asset_built[i * s->T + t]) > 0.5)
            return false;
        for (int sl = 0; sl < s->S; sl++) {
            int k = sol_its(s, i, t, sl);
            if (fabs(s->activity[k]) > tol || fabs(s->charge[k]) > tol || fabs(s->discharge[k]) > tol)
                return false;
        }
    }
    return true;
}

/* Annual supply and use of every balanced commodity by every entity in period t: plants
 * [0, P), process assets [P, P + A) (storage left out), and the rest [P + A] (markets,
 * demands, disposal). */
typedef struct {
    int E, C;
    double *sup, *use;  /* [E * C] */
} Pools;

static void pools_fill(const Value *x, const Solution *s, int t, Pools *pl)
{
    const Model *m = x->m;
    int P = x->P, C = m->ncommodities, O = P + x->A;
    memset(pl->sup, 0, (size_t)pl->E * C * sizeof *pl->sup);
    memset(pl->use, 0, (size_t)pl->E * C * sizeof *pl->use);
#define BAL(c) (m->commodities[c].balance != BAL_NONE)
    for (int p = 0; p < P; p++) {
        const Plant *pt = &m->plants[p];
        for (int r = 0; r < pt->nroutes; r++) {
            const Technology *tc = &m->techs[pt->routes[r]];
            double xv = s->production[sol_pr(s, p, r, t)];
            if (xv == 0.0)
                continue;
            for (int k = 0; k < tc->ninputs; k++)
                if (BAL(tc->inputs[k].commodity))
                    pl->use[p * C + tc->inputs[k].commodity] += tc->inputs[k].amount * xv;
            for (int k = 0; k < tc->noutputs; k++)
                if (BAL(tc->outputs[k].commodity))
                    pl->sup[p * C + tc->outputs[k].commodity] += tc->outputs[k].amount * xv;
            if (tc->capture_commodity >= 0 && BAL(tc->capture_commodity))
                pl->sup[p * C + tc->capture_commodity] += build_captured_factor(tc) * xv;
        }
        if (BAL(pt->product))
            pl->sup[p * C + pt->product] += s->pool[sol_pt(s, p, t)];
    }
    for (int i = 0; i < x->A; i++) {
        const Technology *tc = &m->techs[m->assets[i].tech];
        if (tc->kind != TECH_PROCESS)
            continue;
        double a = value_asset_activity(m, s, i, t);
        if (a == 0.0)
            continue;
        int e = P + i;
        for (int k = 0; k < tc->ninputs; k++)
            if (BAL(tc->inputs[k].commodity))
                pl->use[e * C + tc->inputs[k].commodity] += tc->inputs[k].amount * a;
        for (int k = 0; k < tc->noutputs; k++)
            if (BAL(tc->outputs[k].commodity))
                pl->sup[e * C + tc->outputs[k].commodity] += tc->outputs[k].amount * a;
        if (tc->capture_commodity >= 0 && BAL(tc->capture_commodity))
            pl->sup[e * C + tc->capture_commodity] += build_captured_factor(tc) * a;
    }
    for (int k = 0; k < m->nmarkets; k++) {
        const Market *mk = &m->markets[k];
        if (!BAL(mk->commodity))
            continue;
        double f = tic_market_total(m, s, k, t);
        if (mk->direction == MKT_IMPORT)
            pl->sup[O * C + mk->commodity] += f;
        else
            pl->use[O * C + mk->commodity] += f;
    }
    for (int d = 0; d < m->ndemands; d++)
        if (BAL(m->demands[d].commodity))
            pl->use[O * C + m->demands[d].commodity] += m->demands[d].amount[t];
    for (int c = 0; c < C; c++) { /* what a dispose commodity leaves over is used by "disposal" */
        if (!BAL(c) || !m->commodities[c].dispose)
            continue;
        double sup = 0.0, use = 0.0;
        for (int e = 0; e < pl->E; e++) {
            sup += pl->sup[e * C + c];
            use += pl->use[e * C + c];
        }
        if (sup > use)
            pl->use[O * C + c] += sup - use;
    }
#undef BAL
}

/* Share amount out among the users (to_users) or suppliers of c, self excluded, in proportion
 * to their flows: plants into got[p], the rest into got[P], process assets into pending. */
static void spread(const Value *x, const Pools *pl, int c, bool to_users, int self, double amount, double *got,
                   double *pending)
{
    int P = x->P, C = pl->C;
    const double *w = to_users ? pl->use : pl->sup;
    double tot = 0.0;
    for (int e = 0; e < pl->E; e++)
        if (e != self && w[e * C + c] > 0)
            tot += w[e * C + c];
    if (!(tot > 0)) {
        got[P] += amount;
        return;
    }
    for (int e = 0; e < pl->E; e++) {
        if (e == self || !(w[e * C + c] > 0))
            continue;
        double share = amount * w[e * C + c] / tot;
        if (e < P)
            got[e] += share;
        else if (e < P + x->A)
            pending[e - P] += share;
        else
            got[P] += share;
    }
}

/* Trace family f's service in period t (see the header): got[P + 1] receives each plant's
 * part and the rest; returns the family's total. */
static double trace_period(const Value *x, const Family *f, const Pools *pl, int t, double *got, double *pending)
{
    const Model *m = x->m;
    int P = x->P, C = pl->C;
    memset(got, 0, ((size_t)P + 1) * sizeof *got);
    memset(pending, 0, (size_t)x->A * sizeof *pending);
    double origin = 0.0;
    for (int a = 0; a < f->nassets; a++) {
        int i = f->assets[a], e = P + i;
        double amt;
        if (f->svc == SVC_MAKES)
            amt = m->techs[m->assets[i].tech].kind == TECH_STORAGE ? value_asset_activity(m, x->with, i, t)
                                                                    : pl->sup[e * C + f->commodity];
        else if (f->svc == SVC_TAKES)
            amt = pl->use[e * C + f->commodity];
        else
            amt = value_asset_activity(m, x->with, i, t);
        if (!(amt > 0))
            continue;
        origin += amt;
        if (f->svc == SVC_NONE)
            got[P] += amt;
        else
            spread(x, pl, f->commodity, f->svc == SVC_MAKES, e, amt, got, pending);
    }
    for (int iter = 0; iter < 10000; iter++) {
        bool any = false;
        for (int j = 0; j < x->A; j++) {
            double amt = pending[j];
            if (!(amt > 1e-12 * origin))
                continue;
            pending[j] = 0.0;
            any = true;
            if (x->svc[j] == SVC_NONE)
                got[P] += amt;
            else
                spread(x, pl, x->svc_c[j], x->svc[j] == SVC_MAKES, P + j, amt, got, pending);
        }
        if (!any)
            break;
    }
    for (int j = 0; j < x->A; j++)
        got[P] += pending[j]; /* what is left in a loop, or below the threshold */
    return origin;
}

void value_by_use(const Value *x, Family *f)
{
    const Model *m = x->m;
    int P = x->P, C = m->ncommodities;
    Pools pl = {P + x->A + 1, C, NULL, NULL};
    pl.sup = xcalloc((size_t)pl.E * C, sizeof *pl.sup);
    pl.use = xcalloc((size_t)pl.E * C, sizeof *pl.use);
    double *got = xcalloc((size_t)P + 1, sizeof *got), *pending = xcalloc((size_t)x->A, sizeof *pending);
    f->use = xcalloc((size_t)P + 1, sizeof *f->use);
    f->use_disc = xcalloc((size_t)P + 1, sizeof *f->use_disc);
    for (int t = 0; t < m->nperiods; t++) {
        pools_fill(x, x->with, t, &pl);
        double origin = trace_period(x, f, &pl, t, got, pending);
        double df = model_period_factor(m, t);
        f->origin_disc += df * origin;
        for (int p = 0; p <= P; p++) {
            f->use[p] += m->length[t] * got[p];
            f->use_disc[p] += df * got[p];
        }
    }
    free(pl.sup);
    free(pl.use);
    free(got);
    free(pending);
}

