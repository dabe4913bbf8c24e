/*
 * report_grants.c — grants.csv: the public grants (owner incentives such as MaPrimeRénov')
 * that pay a share of a technology's capex (`grant_share`, docs/format.md). A grant is a
 * transfer from the public budget to the owner: the system cost and the optimum are the same
 * with or without it; it is reported apart so that the incentive spent is a figure of the run.
 *
 *   per period, plant route and asset with grant_share > 0 and something built in it:
 *     capex_eur   = capex_t x capacity built in t (assets: module x modules built; plants:
 *                   unit_capacity x lines built on the route), overnight, undiscounted
 *     grant_eur   = grant_share x capex_eur, paid in the period's first year
 *     grant_discounted_eur = grant_eur x d(first year of the period) (as the objective discounts)
 *   a last row `total` per column sums the periods.
 */
#include <math.h>

#include "csv_row.h"
#include "report_int.h"

bool report_grants_apply(const Model *m)
{
    for (int i = 0; i < m->nassets; i++)
        if (m->techs[m->assets[i].tech].grant_share > 0.0)
            return true;
    for (int p = 0; p < m->nplants; p++)
        for (int r = 0; r < m->plants[p].nroutes; r++)
            if (m->techs[m->plants[p].routes[r]].grant_share > 0.0)
                return true;
    return false;
}

static void row(FILE *f, const Model *m, int t, const char *entity, const Technology *tc, double capex, double *tot)
{
    double grant = tc->grant_share * capex, disc = grant * model_year_discount(m, m->years[t]);
    tot[0] += capex;
    tot[1] += grant;
    tot[2] += disc;
    if (!f)
        return;
    fprintf(f, "%d,", m->years[t]);
    csv_text(f, entity, false);
    csv_text(f, tc->id, false);
    csv_num(f, capex, false);
    csv_num(f, tc->grant_share, false);
    csv_num(f, grant, false);
    csv_num(f, disc, true);
}

void report_grants_totals(const Model *m, const Solution *s, FILE *f, double *tot)
{
    int T = m->nperiods;
    tot[0] = tot[1] = tot[2] = 0.0;
    for (int t = 0; t < T; t++) {
        for (int p = 0; p < m->nplants; p++) {
            const Plant *pl = &m->plants[p];
            for (int r = 0; r < pl->nroutes; r++) {
                const Technology *tc = &m->techs[pl->routes[r]];
                double b = s->built[sol_pr(s, p, r, t)];
                if (tc->grant_share > 0.0 && b > 0.5)
                    row(f, m, t, pl->id, tc, tc->capex[t] * pl->unit_capacity * b, tot);
            }
        }
        for (int i = 0; i < m->nassets; i++) {
            const Asset *as = &m->assets[i];
            const Technology *tc = &m->techs[as->tech];
            double b = s->asset_built[i * T + t];
            if (tc->grant_share > 0.0 && b > 0.5)
                row(f, m, t, as->id, tc, tc->capex[t] * as->module * b, tot);
        }
    }
}

void report_grants_csv(FILE *f, const ReportCtx *x)
{
    double tot[3];
    fputs("period,entity,technology,capex_eur,grant_share,grant_eur,grant_discounted_eur\n", f);
    report_grants_totals(x->m, x->s, f, tot);
    fputs("total,,,", f);
    csv_num(f, tot[0], false);
    fputs(",", f);
    csv_num(f, tot[1], false);
    csv_num(f, tot[2], true);
}
