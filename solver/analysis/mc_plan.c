/*
 * mc_plan.c — a pathway's decisions (Plan): from a Solution, compared, read from a
 * solution.json (json_read.h), fixed on a Build (build_set_bounds). See mc.c.
 */
#include "mc_int.h"
#include "xalloc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "diag.h"
#include "json_read.h"
#include "linalg.h"
#include "out.h"
#include "pool.h"
#include "solve.h"
#include "svg.h"
#include "sweep.h"

PlanSize mc_plan_size(const Model *m)
{
    int R = 0;
    for (int p = 0; p < m->nplants; p++)
        R += m->plants[p].nroutes;
    return (PlanSize){R * m->nperiods, m->nassets * m->nperiods, m->nplants * m->ncommodities};
}

int mc_plan_len(PlanSize z)
{
    return 2 * z.RT + z.IT + z.PC;
}

/* A Plan viewing len doubles laid out as lines, built, mods, spur. */
Plan mc_plan_view(PlanSize z, double *v)
{
    return (Plan){v, v + z.RT, v + 2 * z.RT, v + 2 * z.RT + z.IT};
}

void mc_plan_from_solution(PlanSize z, const Solution *s, double *v)
{
    memcpy(v, s->lines, (size_t)z.RT * sizeof *v);
    memcpy(v + z.RT, s->built, (size_t)z.RT * sizeof *v);
    memcpy(v + 2 * z.RT, s->asset_built, (size_t)z.IT * sizeof *v);
    for (int k = 0; k < z.PC; k++)
        v[2 * z.RT + z.IT + k] = s->spur_period[k];
}

static bool same_values(const double *a, const double *b, int n)
{
    for (int k = 0; k < n; k++)
        if (lround(a[k]) != lround(b[k]))
            return false;
    return true;
}

/* Same route choices (lines operating); with all = true also builds, modules and spurs. */
bool mc_plan_same(PlanSize z, Plan a, Plan b, bool all)
{
    if (!same_values(a.lines, b.lines, z.RT))
        return false;
    return !all || (same_values(a.built, b.built, z.RT) && same_values(a.mods, b.mods, z.IT) &&
                    same_values(a.spur, b.spur, z.PC));
}

/* The number of plants whose lines operating on every route in every period are the same. */
double mc_plants_same(const Model *m, Plan a, Plan b)
{
    int T = m->nperiods, slot = 0, n = 0;
    for (int p = 0; p < m->nplants; p++) {
        int len = m->plants[p].nroutes * T;
        n += same_values(a.lines + slot * T, b.lines + slot * T, len);
        slot += m->plants[p].nroutes;
    }
    return n;
}

/* The decisions of a solution.json written by tico solve for this instance, into v (mc_plan_len
 * doubles). false with messages in d when the file is unreadable or is not a plan of it. */
bool mc_plan_from_json(const Model *m, PlanSize z, const char *path, const char *from, int line, double *v,
                           Diag *d)
{
    JsonNode root;
    if (!json_read_file(path, &root, d, from, line))
        return false;
    Plan pl = mc_plan_view(z, v);
    for (int k = 0; k < z.PC; k++)
        pl.spur[k] = -1;
    int T = m->nperiods, before = d->n;
    /* periods */
    const JsonNode *per = json_get(&root, "periods");
    if (!per || per->type != JN_ARR || per->n != T) {
        diag_add(d, path, 0, "periods", "expected the %d periods of the instance (a solution.json of tico solve for "
                 "this instance)", T);
    } else {
        for (int t = 0; t < T; t++)
            if (lround(json_get_num(&per->kids[t], "year", -1)) != m->years[t])
                diag_add(d, path, 0, "periods", "period %d is %g, the instance's is %d", t,
                         json_get_num(&per->kids[t], "year", NAN), m->years[t]);
    }
    /* plants: per period, lines and built of every route */
    const JsonNode *plants = json_get(&root, "plants");
    int slot0 = 0;
    for (int p = 0; p < m->nplants && d->n == before; p++) {
        const Plant *P = &m->plants[p];
        const JsonNode *jp = json_find(plants, "id", P->id);
        const JsonNode *pp = jp ? json_get(jp, "periods") : NULL;
        if (!pp || pp->type != JN_ARR || pp->n != T) {
            diag_add(d, path, 0, "plants", "plant '%s' of the instance is missing, or not with %d periods", P->id, T);
            break;
        }
        for (int t = 0; t < T; t++) {
            const JsonNode *routes = json_get(&pp->kids[t], "routes");
            for (int r = 0; r < P->nroutes; r++) {
                const JsonNode *jr = json_get(routes, m->techs[P->routes[r]].id);
                if (!jr) {
                    diag_add(d, path, 0, "plants", "plant '%s' has no route '%s' in %d", P->id,
                             m->techs[P->routes[r]].id, m->years[t]);
                    goto done;
                }
                pl.lines[(slot0 + r) * T + t] = json_get_num(jr, "lines", 0.0);
                pl.built[(slot0 + r) * T + t] = json_get_num(jr, "built", 0.0);
            }
        }
        slot0 += P->nroutes;
    }
    /* assets: modules built per period */
    const JsonNode *assets = json_get(&root, "assets");
    for (int i = 0; i < m->nassets && d->n == before; i++) {
        const JsonNode *ja = json_find(assets, "id", m->assets[i].id);
        const JsonNode *ap = ja ? json_get(ja, "periods") : NULL;
        if (!ap || ap->type != JN_ARR || ap->n != T) {
            diag_add(d, path, 0, "assets", "asset '%s' of the instance is missing, or not with %d periods",
                     m->assets[i].id, T);
            break;
        }
        for (int t = 0; t < T; t++)
            pl.mods[i * T + t] = json_get_num(&ap->kids[t], "built", 0.0);
    }
    /* spurs: the period of year_built */
    const JsonNode *spurs = json_get(&root, "spurs");
    for (int k = 0; spurs && spurs->type == JN_ARR && k < spurs->n && d->n == before; k++) {
        const JsonNode *js = &spurs->kids[k];
        const char *pid = json_get_str(js, "plant"), *cid = json_get_str(js, "commodity");
        int p = pid ? model_plant(m, pid) : -1, c = cid ? model_commodity(m, cid) : -1;
        if (p < 0 || c < 0) {
            diag_add(d, path, 0, "spurs", "spur %d names a plant or commodity the instance does not have", k);
            break;
        }
        double y = json_get_num(js, "year_built", NAN);
        pl.spur[p * m->ncommodities + c] = isfinite(y) ? model_period_of_year(m, (int)lround(y)) : -1;
    }
done:
    json_node_free(&root);
    return d->n == before;
}

/* Fix B's decision columns at plan v: 1; 0 (why filled) when the instance cannot take it;
 * -1 when the bounds could not be set (a GLPK error, after a message). */
int mc_fix_plan(Build *B, PlanSize z, const double *v, char *why, size_t nwhy)
{
    const Model *m = B->m;
    int T = B->T, C = B->C, n = 0;
    Plan pl = mc_plan_view(z, (double *)v);
    BuildBound *bb = xcalloc((size_t)mc_plan_len(z) * T + 1, sizeof *bb);
    int ok = 1;
    for (int p = 0; p < m->nplants && ok; p++)
        for (int r = 0; r < m->plants[p].nroutes && ok; r++) {
            int slot = B->route_off[p] + r;
            for (int t = 0; t < T && ok; t++) {
                double vals[2] = {pl.lines[slot * T + t], pl.built[slot * T + t]};
                int cols[2] = {B->n[slot * T + t], B->b[slot * T + t]};
                for (int k = 0; k < 2 && ok; k++) {
                    if (cols[k]) {
                        bb[n++] = (BuildBound){cols[k], round(vals[k]), round(vals[k])};
                    } else if (lround(vals[k]) != 0) {
                        snprintf(why, nwhy, "plant '%s' has %ld line%s %s on route '%s' in %d, which this instance "
                                 "does not allow", m->plants[p].id, lround(vals[k]), lround(vals[k]) == 1 ? "" : "s",
                                 k ? "built" : "operating", m->techs[m->plants[p].routes[r]].id, m->years[t]);
                        ok = 0;
                    }
                }
            }
        }
    for (int i = 0; i < m->nassets && ok; i++)
        for (int t = 0; t < T && ok; t++) {
            int j = B->mods[i * T + t];
            double x = round(pl.mods[i * T + t]);
            if (j) {
                bb[n++] = (BuildBound){j, x, x};
            } else if (x != 0) {
                snprintf(why, nwhy, "asset '%s' has %g modules built in %d, which this instance does not allow",
                         m->assets[i].id, x, m->years[t]);
                ok = 0;
            }
        }
    for (int p = 0; p < m->nplants && ok; p++)
        for (int c = 0; c < C && ok; c++) {
            int tb = (int)lround(pl.spur[p * C + c]);
            for (int t = 0; t < T && ok; t++) {
                int j = B->w[(p * C + c) * T + t];
                if (j)
                    bb[n++] = (BuildBound){j, t == tb, t == tb};
                else if (t == tb) {
                    snprintf(why, nwhy, "plant '%s' builds its %s spur in %d, which this instance does not allow",
                             m->plants[p].id, m->commodities[c].id, m->years[t]);
                    ok = 0;
                }
            }
        }
    if (ok && build_set_bounds(B, bb, n) != TICO_OK)
        ok = -1;
    free(bb);
    return ok;
}

