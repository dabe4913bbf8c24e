/* solution.c — allocation and names for Solution (see solution.h). */
#include "solution.h"
#include "xalloc.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static double *zeros(int n)
{
    double *v = xcalloc((size_t)(n > 0 ? n : 1), sizeof *v);
    return v;
}

static double *nans(int n)
{
    double *v = zeros(n);
    for (int i = 0; i < n; i++)
        v[i] = NAN;
    return v;
}

Solution *solution_new(const Model *m)
{
    Solution *s = xcalloc(1, sizeof *s);
    int T = m->nperiods, S = m->nslices, P = m->nplants, C = m->ncommodities, I = m->nassets, K = m->nmarkets;
    s->bound = NAN;
    s->T = T;
    s->S = S;
    s->P = P;
    s->C = C;
    s->plant_off = xcalloc((size_t)P + 1, sizeof *s->plant_off);
    for (int p = 0; p < P; p++)
        s->plant_off[p + 1] = s->plant_off[p] + m->plants[p].nroutes;
    int R = s->plant_off[P];
    s->lines = zeros(R * T);
    s->built = zeros(R * T);
    s->production = zeros(R * T);
    s->pool = zeros(P * T);
    s->gross = zeros(P * T);
    s->captured = zeros(P * T);
    s->net_scope1 = zeros(P * T);
    s->spur_period = xmalloc((size_t)(P * C > 0 ? P * C : 1) * sizeof *s->spur_period);
    for (int k = 0; k < P * C; k++)
        s->spur_period[k] = -1;
    s->asset_built = zeros(I * T);
    s->asset_installed = zeros(I * T);
    s->activity = zeros(I * T * S);
    s->charge = zeros(I * T * S);
    s->discharge = zeros(I * T * S);
    s->level = zeros(I * T * S);
    s->asset_gross = zeros(I * T);
    s->asset_captured = zeros(I * T);
    s->asset_net_scope1 = zeros(I * T);
    s->market_flow = zeros(K * T * S);
    s->market_scope2 = zeros(K * T);
    s->market_scope3 = zeros(K * T);
    s->emissions_scope1 = zeros(T);
    s->emissions_scope2 = zeros(T);
    s->emissions_scope3 = zeros(T);
    s->emissions_captured = zeros(T);
    s->cost_annual = zeros(NCOSTS * T);
    s->cost_npv = zeros(NCOSTS * T);
    s->price = nans(C * T * S);
    s->cap_price = nans(T);
    s->budget_price = NAN;
    return s;
}

void solution_free(Solution *s)
{
    if (!s)
        return;
    free(s->plant_off);
    free(s->lines);
    free(s->built);
    free(s->production);
    free(s->pool);
    free(s->gross);
    free(s->captured);
    free(s->net_scope1);
    free(s->spur_period);
    free(s->asset_built);
    free(s->asset_installed);
    free(s->activity);
    free(s->charge);
    free(s->discharge);
    free(s->level);
    free(s->asset_gross);
    free(s->asset_captured);
    free(s->asset_net_scope1);
    free(s->market_flow);
    free(s->market_scope2);
    free(s->market_scope3);
    free(s->emissions_scope1);
    free(s->emissions_scope2);
    free(s->emissions_scope3);
    free(s->emissions_captured);
    free(s->cost_annual);
    free(s->cost_npv);
    free(s->price);
    free(s->cap_price);
    for (int k = 0; k < s->nviolations; k++)
        free(s->violations[k].text);
    free(s->violations);
    free(s);
}

const char *solution_status_name(SolStatus st)
{
    switch (st) {
    case SOL_OPTIMAL: return "optimal";
    case SOL_FEASIBLE: return "feasible";
    case SOL_INFEASIBLE: return "infeasible";
    case SOL_INTERRUPTED: return "interrupted";
    default: return "no_solution_in_limit";
    }
}

/* A relative gap as a percentage with enough digits to tell it from 0 and from the gap
 * asked for: 0.1 -> "10 %", 4.2e-6 -> "0.00042 %". */
static void pct(char *buf, size_t n, double g)
{
    if (!isfinite(g))
        snprintf(buf, n, "unknown");
    else if (g == 0.0)
        snprintf(buf, n, "0 %%");
    else
        snprintf(buf, n, "%.2g %%", 100.0 * g);
}

const char *solution_status_words(const Solution *s, char *buf)
{
    char req[32], got[32];
    pct(req, sizeof req, s->gap_requested);
    pct(got, sizeof got, s->gap);
    switch (s->status) {
    case SOL_OPTIMAL:
        snprintf(buf, SOL_WORDS_LEN, "optimal within %s, proven gap %s", req, got);
        break;
    case SOL_FEASIBLE:
        snprintf(buf, SOL_WORDS_LEN, "feasible (time limit), proven gap %s", got);
        break;
    case SOL_INTERRUPTED:
        snprintf(buf, SOL_WORDS_LEN, "interrupted, proven gap %s", got);
        break;
    default:
        snprintf(buf, SOL_WORDS_LEN, "%s", solution_status_name(s->status));
        break;
    }
    return buf;
}

const char *cost_component_name(CostComponent c)
{
    static const char *const names[NCOSTS] = {"capex_plants", "capex_assets", "capex_spurs", "fixed_om", "var_om",
                                               "imports", "exports", "carbon", "slack_penalty"};
    return (int)c >= 0 && c < NCOSTS ? names[c] : "?";
}

/* ---- pack / unpack ---------------------------------------------------------------- */

/* Every array of a Solution with its length, in one fixed order (pack and unpack agree). */
typedef struct {
    double **v;
    int n;
} Field;

static int fields(Solution *s, const Model *m, Field *f)
{
    int T = m->nperiods, S = m->nslices, P = m->nplants, I = m->nassets, K = m->nmarkets, C = m->ncommodities;
    int R = s->plant_off[P], k = 0;
    f[k++] = (Field){&s->lines, R * T};
    f[k++] = (Field){&s->built, R * T};
    f[k++] = (Field){&s->production, R * T};
    f[k++] = (Field){&s->pool, P * T};
    f[k++] = (Field){&s->gross, P * T};
    f[k++] = (Field){&s->captured, P * T};
    f[k++] = (Field){&s->net_scope1, P * T};
    f[k++] = (Field){&s->asset_built, I * T};
    f[k++] = (Field){&s->asset_installed, I * T};
    f[k++] = (Field){&s->activity, I * T * S};
    f[k++] = (Field){&s->charge, I * T * S};
    f[k++] = (Field){&s->discharge, I * T * S};
    f[k++] = (Field){&s->level, I * T * S};
    f[k++] = (Field){&s->asset_gross, I * T};
    f[k++] = (Field){&s->asset_captured, I * T};
    f[k++] = (Field){&s->asset_net_scope1, I * T};
    f[k++] = (Field){&s->market_flow, K * T * S};
    f[k++] = (Field){&s->market_scope2, K * T};
    f[k++] = (Field){&s->market_scope3, K * T};
    f[k++] = (Field){&s->emissions_scope1, T};
    f[k++] = (Field){&s->emissions_scope2, T};
    f[k++] = (Field){&s->emissions_scope3, T};
    f[k++] = (Field){&s->emissions_captured, T};
    f[k++] = (Field){&s->cost_annual, NCOSTS * T};
    f[k++] = (Field){&s->cost_npv, NCOSTS * T};
    f[k++] = (Field){&s->price, C * T * S};
    f[k++] = (Field){&s->cap_price, T};
    return k;
}

typedef struct {
    int status, rows, cols, integers, nonzeros, duals, nfields;
    double gap, bound, gap_requested, objective, system_cost, carbon_cost, solve_seconds, budget_price;
} Head;

unsigned char *solution_pack(const Model *m, const Solution *s, size_t *len)
{
    Field f[32];
    int nf = fields((Solution *)s, m, f);
    size_t n = sizeof(Head) + (size_t)s->P * s->C * sizeof(int);
    for (int k = 0; k < nf; k++)
        n += (size_t)f[k].n * sizeof(double);
    unsigned char *buf = xmalloc(n), *p = buf;
    Head h;
    memset(&h, 0, sizeof h); /* no uninitialised padding in the bytes */
    h.status = (int)s->status;
    h.rows = s->rows;
    h.cols = s->cols;
    h.integers = s->integers;
    h.nonzeros = s->nonzeros;
    h.duals = s->duals;
    h.nfields = nf;
    h.gap = s->gap;
    h.bound = s->bound;
    h.gap_requested = s->gap_requested;
    h.objective = s->objective;
    h.system_cost = s->system_cost;
    h.carbon_cost = s->carbon_cost;
    h.solve_seconds = s->solve_seconds;
    h.budget_price = s->budget_price;
    memcpy(p, &h, sizeof h);
    p += sizeof h;
    memcpy(p, s->spur_period, (size_t)s->P * s->C * sizeof(int));
    p += (size_t)s->P * s->C * sizeof(int);
    for (int k = 0; k < nf; k++) {
        memcpy(p, *f[k].v, (size_t)f[k].n * sizeof(double));
        p += (size_t)f[k].n * sizeof(double);
    }
    *len = n;
    return buf;
}

Solution *solution_unpack(const Model *m, const unsigned char *bytes, size_t len)
{
    Solution *s = solution_new(m);
    Field f[32];
    int nf = fields(s, m, f);
    size_t n = sizeof(Head) + (size_t)s->P * s->C * sizeof(int);
    for (int k = 0; k < nf; k++)
        n += (size_t)f[k].n * sizeof(double);
    Head h;
    if (len != n || len < sizeof h) {
        solution_free(s);
        return NULL;
    }
    memcpy(&h, bytes, sizeof h);
    if (h.nfields != nf) {
        solution_free(s);
        return NULL;
    }
    const unsigned char *p = bytes + sizeof h;
    s->status = (SolStatus)h.status;
    s->rows = h.rows;
    s->cols = h.cols;
    s->integers = h.integers;
    s->nonzeros = h.nonzeros;
    s->duals = h.duals;
    s->gap = h.gap;
    s->bound = h.bound;
    s->gap_requested = h.gap_requested;
    s->objective = h.objective;
    s->system_cost = h.system_cost;
    s->carbon_cost = h.carbon_cost;
    s->solve_seconds = h.solve_seconds;
    s->budget_price = h.budget_price;
    memcpy(s->spur_period, p, (size_t)s->P * s->C * sizeof(int));
    p += (size_t)s->P * s->C * sizeof(int);
    for (int k = 0; k < nf; k++) {
        memcpy(*f[k].v, p, (size_t)f[k].n * sizeof(double));
        p += (size_t)f[k].n * sizeof(double);
    }
    return s;
}
