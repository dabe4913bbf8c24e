/*
 * model.c — lookups, time factors and freeing of the in-memory cluster description.
 *
 *   d(k)    = (1 + rho)^-(k - base_year)
 *   DF_t    = sum_{k = y_t}^{y_t + L_t - 1} d(k)
 *   CRF     = rho (1 + rho)^l / ((1 + rho)^l - 1)          (1 / l when rho = 0)
 *   CF(t,l) = CRF(rho, l) x sum_{k = y_t}^{min(y_t + l - 1, Y_end)} d(k)
 */
#include "model.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

int model_horizon_end(const Model *m)
{
    int t = m->nperiods - 1;
    return m->years[t] + m->length[t] - 1;
}

double model_year_discount(const Model *m, int year)
{
    return pow(1.0 + m->discount_rate, -(double)(year - m->base_year));
}

static double discount_sum(const Model *m, int from, int to)
{
    double s = 0.0;
    for (int k = from; k <= to; k++)
        s += model_year_discount(m, k);
    return s;
}

double model_period_factor(const Model *m, int t)
{
    return discount_sum(m, m->years[t], m->years[t] + m->length[t] - 1);
}

double model_crf(double rho, int lifetime)
{
    if (lifetime <= 0)
        return 0.0;
    if (rho == 0.0)
        return 1.0 / lifetime;
    double g = pow(1.0 + rho, lifetime);
    return rho * g / (g - 1.0);
}

double model_capital_factor(const Model *m, int t, int lifetime)
{
    int last = m->years[t] + lifetime - 1;
    int end = model_horizon_end(m);
    if (last > end)
        last = end;
    return model_crf(m->discount_rate, lifetime) * discount_sum(m, m->years[t], last);
}

int model_period_of_year(const Model *m, int year)
{
    for (int t = 0; t < m->nperiods; t++)
        if (year >= m->years[t] && year < m->years[t] + m->length[t])
            return t;
    return -1;
}

int model_existing_lines(const Model *m, int p, int t)
{
    const Plant *pl = &m->plants[p];
    int n = 0;
    for (int k = 0; k < pl->existing_units; k++)
        if (m->years[t] < pl->retire[k])
            n++;
    return n;
}

int model_existing_modules(const Model *m, int i, int t)
{
    const Asset *a = &m->assets[i];
    if (a->retire > 0 && m->years[t] >= a->retire)
        return 0;
    return a->existing;
}

#define FIND_BY_ID(arr, n, id)                  \
    do {                                        \
        for (int i_ = 0; i_ < (n); i_++)        \
            if (strcmp((arr)[i_].id, id) == 0)  \
                return i_;                      \
        return -1;                              \
    } while (0)

int model_commodity(const Model *m, const char *id) { FIND_BY_ID(m->commodities, m->ncommodities, id); }
int model_tech(const Model *m, const char *id) { FIND_BY_ID(m->techs, m->ntechs, id); }
int model_plant(const Model *m, const char *id) { FIND_BY_ID(m->plants, m->nplants, id); }
int model_asset(const Model *m, const char *id) { FIND_BY_ID(m->assets, m->nassets, id); }

void model_asset_clear(Asset *a)
{
    free(a->id);
    free(a->name);
    for (int k = 0; k < a->ncounts; k++)
        free(a->count_what[k]);
    free(a->count_what);
    free(a->count_per);
}

void model_free(Model *m)
{
    if (!m)
        return;
    free(m->name);
    free(m->country);
    free(m->currency);
    free(m->years);
    free(m->length);
    for (int g = 0; g < m->ndays; g++)
        free(m->days[g].name);
    free(m->days);
    for (int s = 0; s < m->nslices; s++)
        free(m->slices[s].name);
    free(m->slices);
    for (int c = 0; c < m->ncommodities; c++) {
        free(m->commodities[c].id);
        free(m->commodities[c].unit);
    }
    free(m->commodities);
    for (int k = 0; k < m->ntechs; k++) {
        Technology *tc = &m->techs[k];
        free(tc->id);
        free(tc->name);
        free(tc->sector);
        free(tc->capex);
        free(tc->fixed_om);
        free(tc->var_om);
        free(tc->inputs);
        free(tc->outputs);
        free(tc->source);
        free(tc->profile);
        free(tc->growth);
    }
    free(m->techs);
    for (int k = 0; k < m->nmarkets; k++) {
        free(m->markets[k].id);
        free(m->markets[k].price);
        free(m->markets[k].price_profile);
        free(m->markets[k].limit);
        free(m->markets[k].co2_t);
    }
    free(m->markets);
    for (int k = 0; k < m->ndemands; k++) {
        free(m->demands[k].id);
        free(m->demands[k].amount);
        free(m->demands[k].profile);
    }
    free(m->demands);
    for (int p = 0; p < m->nplants; p++) {
        Plant *pl = &m->plants[p];
        free(pl->id);
        free(pl->name);
        free(pl->sector);
        free(pl->routes);
        free(pl->buildable);
        free(pl->retire);
        free(pl->production);
        free(pl->spur_km);
        free(pl->committed);
    }
    free(m->plants);
    for (int i = 0; i < m->nassets; i++)
        model_asset_clear(&m->assets[i]);
    free(m->assets);
    for (int k = 0; k < m->nmeasures; k++) {
        free(m->measures[k].id);
        free(m->measures[k].name);
        free(m->measures[k].asset);
        free(m->measures[k].modules);
    }
    free(m->measures);
    free(m->policy.carbon_price);
    free(m->policy.cap);
    Economics *e = &m->economics;
    for (int k = 0; k < e->nsectors; k++)
        free(e->sectors[k]);
    free(e->sectors);
    free(e->A);
    free(e->jobs);
    free(e->value_added);
    free(e->domestic_energy);
    free(e->source);
    for (int k = 0; k < m->nfiles; k++)
        free(m->files[k]);
    free(m->files);
    free(m->file_sha256);
    free(m->input_sha256);
    for (int k = 0; k < m->uncertainty.nparams; k++) {
        free(m->uncertainty.params[k].id);
        free(m->uncertainty.params[k].targets);
        free(m->uncertainty.params[k].source);
    }
    free(m->uncertainty.params);
    free(m);
}
