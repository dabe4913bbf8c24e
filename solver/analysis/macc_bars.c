/*
 * macc_bars.c — the bars of a MACC: what changed between two solutions (route switches, asset
 * modules, spurs) and the abatement steps (definitions in macc.c).
 */
#include "macc_int.h"
#include "xalloc.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "build.h"
#include "out.h"
#include "solution.h"
#include "svg.h"
#include "csv_row.h"
#include "sweep.h"

/* ---- comparing two solutions ------------------------------------------------------------ */

double macc_discounted_emissions(const Model *m, const Solution *s)
{
    double e = 0.0;
    for (int t = 0; t < m->nperiods; t++)
        e += model_period_factor(m, t) * s->emissions_scope1[t];
    return e;
}

double macc_cumulative_emissions(const Model *m, const Solution *s)
{
    double e = 0.0;
    for (int t = 0; t < m->nperiods; t++)
        e += m->length[t] * s->emissions_scope1[t];
    return e;
}

double macc_scope_emissions(const Solution *s, int scope, int t)
{
    return s->emissions_scope1[t] + ((scope & MACC_SCOPE2) ? s->emissions_scope2[t] : 0.0) +
           ((scope & MACC_SCOPE3) ? s->emissions_scope3[t] : 0.0);
}

const char *macc_scope_name(int scope)
{
    static const char *names[] = {"1", "1+2", "1+3", "1+2+3"};
    return names[scope & 3];
}

void macc_text_add(Text *t, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (t->len + (size_t)n + 1 > t->cap) {
        t->cap = (t->len + (size_t)n + 1) * 2;
        t->buf = xrealloc(t->buf, t->cap);
    }
    va_start(ap, fmt);
    vsnprintf(t->buf + t->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    t->len += (size_t)n;
}

const char *macc_text_str(Text *t)
{
    if (!t->buf)
        macc_text_add(t, "%s", "");
    return t->buf;
}

/* What plant p does differently in period t from a to b: "-2 Blast furnace, +2 EAF". */
static bool plant_changes(const Model *m, const Solution *a, const Solution *b, int p, int t, Text *out)
{
    const Plant *pl = &m->plants[p];
    bool any = false;
    for (int pass = 0; pass < 2; pass++) /* decreases first, then increases */
        for (int r = 0; r < pl->nroutes; r++) {
            double d = b->lines[sol_pr(b, p, r, t)] - a->lines[sol_pr(a, p, r, t)];
            long n = lround(d);
            if (n == 0 || (pass == 0) != (n < 0))
                continue;
            macc_text_add(out, "%s%+ld %s", any ? ", " : "", n, m->techs[pl->routes[r]].name);
            any = true;
        }
    return any;
}

/* Assets whose installed modules in t differ, and spurs built by t in b but not a. */
bool macc_shared_changes(const Model *m, const Solution *a, const Solution *b, int t, Text *out)
{
    bool any = false;
    for (int i = 0; i < m->nassets; i++) {
        long d = lround(b->asset_installed[i * m->nperiods + t] - a->asset_installed[i * m->nperiods + t]);
        if (d == 0)
            continue;
        macc_text_add(out, "%s%s %+ld module%s", any ? ", " : "", m->assets[i].name, d, labs(d) == 1 ? "" : "s");
        any = true;
    }
    for (int p = 0; p < m->nplants; p++)
        for (int c = 0; c < m->ncommodities; c++) {
            int pa = a->spur_period[p * m->ncommodities + c], pb = b->spur_period[p * m->ncommodities + c];
            bool ha = pa >= 0 && pa <= t, hb = pb >= 0 && pb <= t;
            if (ha == hb)
                continue;
            macc_text_add(out, "%s%s spur to the %s network %s", any ? ", " : "", m->plants[p].name,
                     m->commodities[c].id, hb ? "built" : "not built");
            any = true;
        }
    return any;
}

Bar *macc_bar_add(Bars *bs)
{
    if (bs->n == bs->cap) {
        bs->cap = bs->cap ? 2 * bs->cap : 16;
        bs->v = xrealloc(bs->v, (size_t)bs->cap * sizeof *bs->v);
    }
    Bar *b = &bs->v[bs->n++];
    memset(b, 0, sizeof *b);
    b->entry_price = b->price_from = NAN;
    b->own = b->knock_on = b->removals = NAN;
    for (int k = 0; k < MACC_NPARTS; k++)
        b->part[k] = NAN;
    return b;
}

/*
 * The step from solution a to b (consecutive points): every plant or asset whose target
 * period emissions fell is a bar; their widths are scaled so that they add up to the fall
 * of the cluster's emissions (entities whose emissions rose, such as a power plant that
 * now runs more, reduce the step). Shared changes (assets, spurs) are named on every bar
 * of the step: they come together (an interaction the curve should show).
 */
void macc_step_bars(const Macc *x, Bars *bs, PointKind kind, int step, const Solution *a, const Solution *b,
                      double height, double entry, double from)
{
    const Model *m = x->m;
    int t = x->target, T = m->nperiods;
    double total = a->emissions_scope1[t] - b->emissions_scope1[t];
    if (!(total > 1e-6 * (fabs(a->emissions_scope1[t]) + 1.0)))
        return;
    double dcost = b->system_cost - a->system_cost;
    double dabate = macc_discounted_emissions(m, a) - macc_discounted_emissions(m, b);
    double avg = dabate > 0 ? dcost / dabate : NAN;
    double dcum = macc_cumulative_emissions(m, a) - macc_cumulative_emissions(m, b);
    int n = m->nplants + m->nassets;
    double *fall = xcalloc((size_t)n, sizeof *fall), positive = 0.0;
    for (int p = 0; p < m->nplants; p++)
        fall[p] = a->net_scope1[p * T + t] - b->net_scope1[p * T + t];
    for (int i = 0; i < m->nassets; i++)
        fall[m->nplants + i] = a->asset_net_scope1[i * T + t] - b->asset_net_scope1[i * T + t];
    for (int e = 0; e < n; e++)
        if (fall[e] > 0)
            positive += fall[e];
    Text shared = {0};
    bool has_shared = macc_shared_changes(m, a, b, t, &shared);
    for (int e = 0; e < n; e++) {
        if (!(fall[e] > 1e-9 * positive))
            continue;
        Bar *br = macc_bar_add(bs);
        br->kind = kind;
        br->step = step;
        br->abatement = fall[e] * total / positive;
        br->abatement_cum = dcum * fall[e] / positive;
        br->height = height;
        br->entry_price = entry;
        br->price_from = from;
        br->avg_cost = avg;
        Text lab = {0}, dec = {0};
        if (e < m->nplants) {
            const Plant *pl = &m->plants[e];
            br->entity = pl->id;
            br->sector = pl->sector;
            macc_text_add(&lab, "%s: ", pl->name);
            if (!plant_changes(m, a, b, e, t, &lab))
                macc_text_add(&lab, "operates differently");
        } else {
            const Asset *as = &m->assets[e - m->nplants];
            br->entity = as->id;
            br->sector = m->techs[as->tech].sector;
            /* its emissions fell: it runs less, or, for a process with net removals (direct
             * air capture, biomass with capture), more */
            int i = e - m->nplants, S = m->nslices;
            double da = 0.0;
            for (int sl = 0; sl < S; sl++)
                da += b->activity[((size_t)i * m->nperiods + t) * S + sl] -
                      a->activity[((size_t)i * m->nperiods + t) * S + sl];
            macc_text_add(&lab, "%s: runs %s", as->name, da > 0 ? "more" : "less");
        }
        for (int p = 0; p < m->nplants; p++) {
            Text pc = {0};
            if (plant_changes(m, a, b, p, t, &pc))
                macc_text_add(&dec, "%s%s: %s", dec.len ? "; " : "", m->plants[p].name, pc.buf);
            free(pc.buf);
        }
        if (has_shared) {
            macc_text_add(&lab, " (with %s)", shared.buf);
            macc_text_add(&dec, "%s%s", dec.len ? "; " : "", shared.buf);
        }
        br->label = xstrdup(macc_text_str(&lab));
        br->decisions = xstrdup(macc_text_str(&dec));
        free(lab.buf);
        free(dec.buf);
    }
    free(shared.buf);
    free(fall);
}

