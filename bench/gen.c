/*
 * gen.c — synthetic clusters of any size for benchmarks, in tico's instance format.
 *
 *   bench/gen [--template FILE] [--plants N] [--assets M] [--periods T] [--days D]
 *             [--blocks B] [--cap-final SHARE] [--seed S] [-o FILE]
 *
 * The template (default instances/dunkirk.cfg) is read with tico's own loader; its
 * commodities, technologies, markets and demands — the sourced catalogue — are written
 * out again, so every generated instance is self-contained and realistic in structure:
 *   plants  copies of the template's plants, drawn in shuffled rounds (N = the template's
 *           count gives each once; 10 plants from Dunkirk's 9 give one Dunkirk and one more
 *           plant): its sector mix, line counts, existing route and retirements (moved by up
 *           to 2 years), committed projects, production (scaled with the line size, drawn in
 *           0.75-1.25x), spur distances (0.5-1.5x); candidates = the template plant's, then
 *           other routes to the same product at random until there are 3-6 (routes that the
 *           template only runs as existing, like an old kiln, are never offered);
 *   assets  the template's infrastructure, cycled (M defaults to the template's count):
 *           copy j of asset k has a module of module_k x N / (template plants x copies_k),
 *           moved by up to +-20 % when there are several copies; existing modules,
 *           retirement and max_modules as the template's;
 *   markets and demands  the template's; limits and demand amounts scale with N / template
 *           plants.
 * Periods: 5-year steps from 2025 when T <= 6, else yearly. Slices: D representative days
 * of B equal blocks; per-slice profiles are mapped from the template slice at the same
 * relative position of the day and of the year. Deterministic from the seed (splitmix64).
 * --cap-final SHARE adds a cap falling linearly to SHARE of the existing routes' emissions.
 *
 * Where the catalogue lacks a way to balance a commodity the generated plants use, the
 * generator adds a backstop market and says so in a comment in the output: imports at
 * 3x the dearest template price of any carrier (or 500 per unit when none), and, for
 * captured CO2, an export to storage at a fee of 50 EUR/t (the central Dunkirk -> North Sea
 * T&S cost, derived from D'Artagnan's published costs and the DEA CCS catalogue; see
 * instances/dunkirk_uncertainty.cfg). Produced by-products without a use get `dispose = true`.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "load.h"
#include "model.h"

typedef struct {
    const char *template_path;
    int plants, assets, periods, days, blocks;
    double cap_final;
    uint64_t seed;
    const char *out;
} GenOpts;

static uint64_t rng_state;

static uint64_t rng_next(void)
{
    uint64_t z = (rng_state += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

static int rng_int(int lo, int hi) /* inclusive */
{
    return lo + (int)(rng_next() % (uint64_t)(hi - lo + 1));
}

static double rng_unit(void)
{
    return (double)(rng_next() >> 11) / 9007199254740992.0;
}

static void usage(void)
{
    fputs("usage: bench/gen [--template FILE] [--plants N] [--assets M] [--periods T] [--days D]\n"
          "                 [--blocks B] [--cap-final SHARE] [--seed S] [-o FILE]\n",
          stderr);
    exit(1);
}

static void parse(int argc, char **argv, GenOpts *o)
{
    *o = (GenOpts){"instances/dunkirk.cfg", 10, -1, 6, 4, 6, 0.0, 1, NULL};
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        if (i + 1 >= argc)
            usage();
        const char *v = argv[++i];
        if (!strcmp(a, "--template"))
            o->template_path = v;
        else if (!strcmp(a, "--plants"))
            o->plants = atoi(v);
        else if (!strcmp(a, "--assets"))
            o->assets = atoi(v);
        else if (!strcmp(a, "--periods"))
            o->periods = atoi(v);
        else if (!strcmp(a, "--days"))
            o->days = atoi(v);
        else if (!strcmp(a, "--blocks"))
            o->blocks = atoi(v);
        else if (!strcmp(a, "--cap-final"))
            o->cap_final = atof(v);
        else if (!strcmp(a, "--seed"))
            o->seed = strtoull(v, NULL, 10);
        else if (!strcmp(a, "-o"))
            o->out = v;
        else
            usage();
    }
    if (o->plants < 1 || o->assets < -1 || o->periods < 1 || o->days < 1 || o->blocks < 1 || 24 % o->blocks)
        usage();
}

/* ---- writing values ------------------------------------------------------------------ */

static void put_str(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', f);
        fputc(*s == '\n' ? ' ' : *s, f);
    }
    fputc('"', f);
}

static void put_num(FILE *f, double v)
{
    char buf[64];
    snprintf(buf, sizeof buf, "%.10g", v);
    if (!strpbrk(buf, ".eEn"))
        strcat(buf, ".0"); /* a float, so that libconfig never reads it as an integer */
    fputs(buf, f);
}

/* A per-period value of the template as a trajectory over its period years. */
static void put_traj(FILE *f, const Model *m, const double *v)
{
    bool flat = true;
    for (int t = 1; t < m->nperiods; t++)
        flat &= v[t] == v[0];
    if (flat) {
        put_num(f, v[0]);
        return;
    }
    fputs("(", f);
    for (int t = 0; t < m->nperiods; t++) {
        fprintf(f, "%s(%d, ", t ? ", " : "", m->years[t]);
        put_num(f, v[t]);
        fputs(")", f);
    }
    fputs(")", f);
}

/* Template slice at the same relative position of the year (day) and of the day (block). */
static int map_slice(const Model *m, int g, int b, const GenOpts *o)
{
    int tg = (int)((g + 0.5) * m->ndays / o->days);
    const Day *d = &m->days[tg];
    double total = 0.0, acc = 0.0;
    for (int s = d->first_slice; s < d->first_slice + d->nslices; s++)
        total += m->slices[s].hours;
    double hour = (b + 0.5) / o->blocks * total;
    for (int s = d->first_slice; s < d->first_slice + d->nslices; s++) {
        acc += m->slices[s].hours;
        if (hour < acc)
            return s;
    }
    return d->first_slice + d->nslices - 1;
}

static void put_profile(FILE *f, const Model *m, const double *p, const GenOpts *o, bool normalise)
{
    int S = o->days * o->blocks;
    double *v = malloc((size_t)S * sizeof *v), sum = 0.0;
    for (int g = 0; g < o->days; g++)
        for (int b = 0; b < o->blocks; b++) {
            int s = map_slice(m, g, b, o);
            /* a share profile (demand) scales with the slice's length */
            v[g * o->blocks + b] = normalise ? p[s] / m->slices[s].share : p[s];
            sum += v[g * o->blocks + b] / S;
        }
    fputs("[", f);
    for (int s = 0; s < S; s++) {
        fputs(s ? ", " : "", f);
        put_num(f, normalise ? v[s] / (sum * S) : v[s]);
    }
    fputs("]", f);
    free(v);
}

static void put_flows(FILE *f, const Model *m, const char *key, const Flow *fl, int n)
{
    if (!n)
        return;
    fprintf(f, " %s = {", key);
    for (int i = 0; i < n; i++) {
        fprintf(f, " %s = ", m->commodities[fl[i].commodity].id);
        put_num(f, fl[i].amount);
        fputs(";", f);
    }
    fputs(" };", f);
}

/* ---- the instance ---------------------------------------------------------------------- */

static bool tech_touches(const Technology *tc, int c)
{
    for (int i = 0; i < tc->ninputs; i++)
        if (tc->inputs[i].commodity == c)
            return true;
    for (int i = 0; i < tc->noutputs; i++)
        if (tc->outputs[i].commodity == c)
            return true;
    return tc->capture_commodity == c || tc->product == c || tc->stores == c;
}

/* A route that the template's plants only run as their existing route, never as a candidate
 * (an old kiln, a blast furnace that cannot be relined): not offered as a new candidate. */
static bool existing_only(const Model *m, int k)
{
    bool existing = false;
    for (int p = 0; p < m->nplants; p++)
        for (int r = 0; r < m->plants[p].nroutes; r++)
            if (m->plants[p].routes[r] == k) {
                if (m->plants[p].buildable[r])
                    return false;
                existing = true;
            }
    return existing;
}

static double emission_factor(const Technology *tc)
{
    return (tc->em_fossil + tc->em_process) * (1.0 - tc->capture_rate) - tc->em_biogenic * tc->capture_rate +
           tc->em_other;
}

int main(int argc, char **argv)
{
    GenOpts o;
    parse(argc, argv, &o);
    rng_state = o.seed;
    Diag d = {0};
    Model *m = load_instance(o.template_path, NULL, 0, &d);
    if (!m) {
        diag_print(&d, stderr);
        return 2;
    }
    FILE *f = o.out ? fopen(o.out, "w") : stdout;
    if (!f) {
        perror(o.out);
        return 1;
    }
    int T = o.periods, S = o.days * o.blocks, C = m->ncommodities;
    int *years = malloc((size_t)T * sizeof *years);
    for (int t = 0; t < T; t++)
        years[t] = 2025 + t * (T <= 6 ? 5 : 1);
    int last = T <= 6 ? 5 : 1;

    /* products with routes, and the routes of each */
    int *nroutes = calloc((size_t)C, sizeof *nroutes);
    for (int k = 0; k < m->ntechs; k++)
        if (m->techs[k].kind == TECH_ROUTE)
            nroutes[m->techs[k].product]++;
    int nprod = 0, *prods = malloc((size_t)C * sizeof *prods);
    for (int c = 0; c < C; c++)
        if (nroutes[c] > 0)
            prods[nprod++] = c;
    if (nprod == 0) {
        fprintf(stderr, "gen: the template has no routes\n");
        return 2;
    }

    fprintf(f, "# Synthetic cluster generated by: bench/gen --template %s --plants %d --assets %d --periods %d "
               "--days %d --blocks %d --cap-final %g --seed %llu\n",
            o.template_path, o.plants, o.assets, o.periods, o.days, o.blocks, o.cap_final,
            (unsigned long long)o.seed);
    fprintf(f, "# Commodities, technologies, markets and demands are the template's (with their sources).\n");
    fprintf(f, "cluster = { name = \"synthetic_%dp_%dt_%ds\"; country = \"XX\"; currency = ", o.plants, T, S);
    put_str(f, m->currency);
    fprintf(f, "; };\nhorizon = { periods = [");
    for (int t = 0; t < T; t++)
        fprintf(f, "%s%d", t ? ", " : "", years[t]);
    fprintf(f, "]; last_period_years = %d; discount_rate = ", last);
    put_num(f, m->discount_rate);
    fprintf(f, "; };\ntimeslices = { days = (\n");
    for (int g = 0; g < o.days; g++) {
        fprintf(f, "  { name = \"d%d\"; occurrences = ", g);
        put_num(f, 365.0 / o.days);
        fprintf(f, "; slices = (");
        for (int b = 0; b < o.blocks; b++) {
            fprintf(f, "%s { name = \"b%d\"; hours = ", b ? "," : "", b);
            put_num(f, 24.0 / o.blocks);
            fprintf(f, "; }");
        }
        fprintf(f, " ); }%s\n", g + 1 < o.days ? "," : "");
    }
    fprintf(f, "); };\n");

    /* which commodities need a backstop: used as input without any supply, or made without use */
    bool *supplied = calloc((size_t)C, sizeof *supplied), *used = calloc((size_t)C, sizeof *used);
    for (int k = 0; k < m->nmarkets; k++)
        (m->markets[k].direction == MKT_IMPORT ? supplied : used)[m->markets[k].commodity] = true;
    for (int k = 0; k < m->ndemands; k++)
        used[m->demands[k].commodity] = true;
    for (int k = 0; k < m->ntechs; k++) {
        const Technology *tc = &m->techs[k];
        for (int i = 0; i < tc->ninputs; i++)
            used[tc->inputs[i].commodity] = true;
        for (int i = 0; i < tc->noutputs; i++)
            supplied[tc->outputs[i].commodity] = true;
        if (tc->kind == TECH_ROUTE)
            supplied[tc->product] = true;
    }
    double maxprice = 0.0;
    for (int k = 0; k < m->nmarkets; k++)
        for (int t = 0; t < m->nperiods; t++)
            if (m->markets[k].direction == MKT_IMPORT && m->markets[k].price[t] > maxprice)
                maxprice = m->markets[k].price[t];
    double backstop = maxprice > 0 ? 3.0 * maxprice : 500.0;

    fprintf(f, "commodities = (\n");
    for (int c = 0; c < C; c++) {
        const Commodity *cm = &m->commodities[c];
        const char *bal = cm->balance == BAL_SLICE ? "slice" : cm->balance == BAL_ANNUAL ? "annual" : "none";
        bool capture = false;
        for (int k = 0; k < m->ntechs; k++)
            capture |= m->techs[k].capture_commodity == c;
        bool dispose = cm->dispose || (cm->balance != BAL_NONE && !used[c] && !capture);
        fprintf(f, "  { id = \"%s\"; unit = ", cm->id);
        put_str(f, cm->unit);
        fprintf(f, "; balance = \"%s\";%s", bal, dispose ? " dispose = true;" : "");
        if (cm->network) {
            fprintf(f, " network = { spur_cost = ");
            put_num(f, cm->spur_cost);
            fprintf(f, "; lifetime = %d; };", cm->spur_lifetime);
        }
        fprintf(f, " }%s\n", c + 1 < C ? "," : "");
    }
    fprintf(f, ");\ntechnologies = (\n");
    for (int k = 0; k < m->ntechs; k++) {
        const Technology *tc = &m->techs[k];
        const char *kind = tc->kind == TECH_ROUTE ? "route" : tc->kind == TECH_PROCESS ? "process" : "storage";
        fprintf(f, "  { id = \"%s\"; name = ", tc->id);
        put_str(f, tc->name);
        fprintf(f, "; sector = ");
        put_str(f, tc->sector);
        fprintf(f, "; kind = \"%s\"; lifetime = %d;", kind, tc->lifetime);
        if (tc->available_from)
            fprintf(f, " available_from = %d;", tc->available_from);
        fputs(" capex = ", f);
        put_traj(f, m, tc->capex);
        fputs("; fixed_om = ", f);
        put_traj(f, m, tc->fixed_om);
        fputs("; var_om = ", f);
        put_traj(f, m, tc->var_om);
        fputs(";", f);
        put_flows(f, m, "inputs", tc->inputs, tc->ninputs);
        put_flows(f, m, "outputs", tc->outputs, tc->noutputs);
        fputs(" emissions = { fossil = ", f);
        put_num(f, tc->em_fossil);
        fputs("; process = ", f);
        put_num(f, tc->em_process);
        fputs("; biogenic = ", f);
        put_num(f, tc->em_biogenic);
        fputs("; other = ", f);
        put_num(f, tc->em_other);
        fputs("; };", f);
        if (tc->capture_commodity >= 0) {
            fputs(" capture = { rate = ", f);
            put_num(f, tc->capture_rate);
            fprintf(f, "; commodity = \"%s\"; };", m->commodities[tc->capture_commodity].id);
        }
        fputs(" availability = ", f);
        put_num(f, tc->availability);
        fputs("; jobs = ", f);
        put_num(f, tc->jobs);
        fputs("; construction_jobs = ", f);
        put_num(f, tc->construction_jobs);
        fputs("; gva = ", f);
        put_num(f, tc->gva);
        fputs(";", f);
        if (tc->kind == TECH_ROUTE)
            fprintf(f, " product = \"%s\";", m->commodities[tc->product].id);
        if (tc->profile) {
            fputs(" profile = ", f);
            put_profile(f, m, tc->profile, &o, false);
            fputs(";", f);
        }
        if (tc->kind == TECH_STORAGE) {
            fprintf(f, " stores = \"%s\"; efficiency_in = ", m->commodities[tc->stores].id);
            put_num(f, tc->efficiency_in);
            fputs("; efficiency_out = ", f);
            put_num(f, tc->efficiency_out);
            fputs("; power_ratio = ", f);
            put_num(f, tc->power_ratio);
            fputs(";", f);
        }
        fputs(" source = ", f);
        put_str(f, tc->source);
        fprintf(f, "; }%s\n", k + 1 < m->ntechs ? "," : "");
    }
    fprintf(f, ");\nmarkets = (\n");
    bool first = true;
    for (int k = 0; k < m->nmarkets; k++) {
        const Market *mk = &m->markets[k];
        fprintf(f, "%s  { id = \"%s\"; commodity = \"%s\"; direction = \"%s\"; price = ", first ? "" : ",\n", mk->id,
                m->commodities[mk->commodity].id, mk->direction == MKT_IMPORT ? "import" : "export");
        first = false;
        put_traj(f, m, mk->price);
        if (m->commodities[mk->commodity].balance == BAL_SLICE) {
            fputs("; price_profile = ", f);
            put_profile(f, m, mk->price_profile, &o, false);
        }
        bool limited = false;
        for (int t = 0; t < m->nperiods; t++)
            limited |= mk->limit[t] >= 0;
        if (limited) {
            /* limits scale with the number of plants against the template's */
            double scale = (double)o.plants / (m->nplants ? m->nplants : 1);
            double *lim = malloc((size_t)m->nperiods * sizeof *lim);
            for (int t = 0; t < m->nperiods; t++)
                lim[t] = mk->limit[t] < 0 ? 1e15 : mk->limit[t] * scale;
            fputs("; limit = ", f);
            put_traj(f, m, lim);
            free(lim);
        }
        if (mk->co2 > 0) {
            fputs("; co2 = ", f);
            put_num(f, mk->co2);
        }
        fputs("; }", f);
    }
    for (int c = 0; c < C; c++) {
        const Commodity *cm = &m->commodities[c];
        if (cm->balance == BAL_NONE)
            continue;
        bool capture = false;
        for (int k = 0; k < m->ntechs; k++)
            capture |= m->techs[k].capture_commodity == c;
        if (used[c] && !supplied[c]) {
            fprintf(f, "%s  # backstop import: the template has no supply of %s\n  { id = \"backstop_%s\"; commodity = "
                       "\"%s\"; direction = \"import\"; price = ",
                    first ? "" : ",\n", cm->id, cm->id, cm->id);
            put_num(f, backstop);
            fputs("; }", f);
            first = false;
        }
        bool exported = false;
        for (int k = 0; k < m->nmarkets; k++)
            exported |= m->markets[k].commodity == c && m->markets[k].direction == MKT_EXPORT;
        if (capture && !exported) {
            fprintf(f, "%s  # CO2 transport and storage fee, 50 EUR/t (derived, D'Artagnan + DEA CCS catalogue)\n"
                       "  { id = \"storage_%s\"; commodity = \"%s\"; direction = \"export\"; price = -50.0; }",
                    first ? "" : ",\n", cm->id, cm->id);
            first = false;
        }
    }
    fprintf(f, "\n);\n");
    if (m->ndemands) {
        fprintf(f, "demands = (\n");
        double scale = (double)o.plants / (m->nplants ? m->nplants : 1);
        for (int k = 0; k < m->ndemands; k++) {
            const Demand *dm = &m->demands[k];
            double *amt = malloc((size_t)m->nperiods * sizeof *amt);
            for (int t = 0; t < m->nperiods; t++)
                amt[t] = dm->amount[t] * scale;
            fprintf(f, "  { id = \"%s\"; commodity = \"%s\"; amount = ", dm->id, m->commodities[dm->commodity].id);
            put_traj(f, m, amt);
            free(amt);
            if (m->commodities[dm->commodity].balance == BAL_SLICE) {
                fputs("; profile = ", f);
                put_profile(f, m, dm->profile, &o, true);
            }
            fprintf(f, "; }%s\n", k + 1 < m->ndemands ? "," : "");
        }
        fprintf(f, ");\n");
    }

    /* plants: copies of the template's plants, drawn in shuffled rounds so that any N has
     * the template's mix of sectors and sizes (N = the template's count gives each once) */
    double baseline = 0.0;
    int TP = m->nplants, *perm = malloc((size_t)(TP ? TP : 1) * sizeof *perm);
    int *rs = malloc((size_t)m->ntechs * sizeof *rs);
    if (TP == 0) {
        fprintf(stderr, "gen: the template has no plants\n");
        return 2;
    }
    fprintf(f, "plants = (\n");
    for (int p = 0; p < o.plants; p++) {
        if (p % TP == 0) {
            for (int i = 0; i < TP; i++)
                perm[i] = i;
            for (int i = TP - 1; i > 0; i--) {
                int j = rng_int(0, i), tmp = perm[i];
                perm[i] = perm[j];
                perm[j] = tmp;
            }
        }
        const Plant *tp = &m->plants[perm[p % TP]];
        int c = tp->product;
        int ex = tp->existing_route >= 0 ? tp->routes[tp->existing_route] : -1;
        /* candidates: the template plant's, then other routes to the same product at random
         * until there are 3-6 (all when fewer exist) */
        int nr = 0;
        for (int r = 0; r < tp->nroutes; r++)
            if (tp->buildable[r])
                rs[nr++] = tp->routes[r];
        int ncand = nr, other0 = nr;
        for (int k = 0; k < m->ntechs; k++) {
            bool have = k == ex || existing_only(m, k);
            for (int i = 0; i < ncand; i++)
                have |= rs[i] == k;
            if (!have && m->techs[k].kind == TECH_ROUTE && m->techs[k].product == c)
                rs[nr++] = k;
        }
        for (int i = nr - 1; i > other0; i--) { /* shuffle the others */
            int j = other0 + rng_int(0, i - other0), tmp = rs[i];
            rs[i] = rs[j];
            rs[j] = tmp;
        }
        int want = rng_int(3, 6);
        if (want < ncand)
            want = ncand;
        if (want > nr)
            want = nr;
        double f_cap = 0.75 + 0.5 * rng_unit();
        double cap = tp->unit_capacity * f_cap;
        fprintf(f, "  { id = \"p%d_%s\"; product = \"%s\"; units = %d; unit_capacity = ", p, tp->id,
                m->commodities[c].id, tp->units);
        put_num(f, cap);
        fprintf(f, ";\n    routes = [");
        for (int i = 0; i < want; i++)
            fprintf(f, "%s\"%s\"", i ? ", " : "", m->techs[rs[i]].id);
        fprintf(f, "];");
        if (ex >= 0) {
            /* the template's retirement years, each moved by up to 2 years */
            fprintf(f, " existing = { route = \"%s\"; units = %d; retire = [", m->techs[ex].id, tp->existing_units);
            for (int u = 0; u < tp->existing_units; u++)
                fprintf(f, "%s%d", u ? ", " : "", tp->retire[u] >= 9999 ? 9999 : tp->retire[u] + rng_int(-2, 2));
            fprintf(f, "]; };");
        }
        if (tp->ncommitted) {
            fprintf(f, " committed = (");
            for (int i = 0; i < tp->ncommitted; i++)
                fprintf(f, "%s { route = \"%s\"; units = %d; year = %d; }", i ? "," : "",
                        m->techs[tp->routes[tp->committed[i].route]].id, tp->committed[i].units,
                        tp->committed[i].year);
            fprintf(f, " );");
        }
        /* required output: the template's, scaled with the line size, less 1e-6 so that a
         * plant the template runs at exactly its availability stays feasible once written
         * with 10 digits */
        double *prod = malloc((size_t)m->nperiods * sizeof *prod);
        for (int t = 0; t < m->nperiods; t++)
            prod[t] = tp->production[t] * f_cap * (1.0 - 1e-6);
        fprintf(f, "\n    production = ");
        put_traj(f, m, prod);
        int eroute = ex >= 0 ? ex : rs[0];
        baseline += prod[m->nperiods - 1] * emission_factor(&m->techs[eroute]);
        free(prod);
        bool any = false;
        for (int cc = 0; cc < C; cc++) {
            if (!m->commodities[cc].network)
                continue;
            bool touch = ex >= 0 && tech_touches(&m->techs[ex], cc);
            for (int i = 0; i < want; i++)
                touch |= tech_touches(&m->techs[rs[i]], cc);
            if (!touch)
                continue;
            /* the template's distance moved by up to +-50 %, else 1-20 km */
            double km = tp->spur_km[cc] >= 0 ? tp->spur_km[cc] * (0.5 + rng_unit()) : rng_int(1, 20);
            fprintf(f, "%s %s = ", any ? "" : "; spurs = {", m->commodities[cc].id);
            put_num(f, round(km * 10.0) / 10.0);
            fprintf(f, ";");
            any = true;
        }
        fprintf(f, "%s; ets = %s; }%s\n", any ? " }" : "", tp->ets ? "true" : "false", p + 1 < o.plants ? "," : "");
    }
    fprintf(f, ");\n");
    free(rs);
    free(perm);

    /* shared assets: the template's infrastructure in order, cycled; copy j of template
     * asset k gets a module of module_k x scale / copies_k (scale = N / the template's
     * plants; copies moved by up to +-20 %), so that the cluster's infrastructure grows
     * with its plants; existing modules, retirement and max_modules are the template's. */
    int NA = m->nassets;
    int M = o.assets < 0 ? NA : o.assets;
    if (M > 0 && NA > 0) {
        double scale = (double)o.plants / TP;
        fprintf(f, "infrastructure = (\n");
        for (int i = 0; i < M; i++) {
            const Asset *ta = &m->assets[i % NA];
            int copies = (M - i % NA + NA - 1) / NA;
            fprintf(f, "  { id = \"a%d_%s\"; technology = \"%s\"; module = ", i, ta->id, m->techs[ta->tech].id);
            /* copies differ by up to +-20 % (sites are not identical; exact copies would only
             * add symmetry that no real network has) */
            put_num(f, ta->module * scale / copies * (copies > 1 ? 0.8 + 0.4 * rng_unit() : 1.0));
            if (ta->existing)
                fprintf(f, "; existing = %d", ta->existing);
            if (ta->existing && ta->retire)
                fprintf(f, "; retire = %d", ta->retire);
            if (ta->max_modules >= 0)
                fprintf(f, "; max_modules = %d", ta->max_modules);
            fprintf(f, "; ets = %s; }%s\n", ta->ets ? "true" : "false", i + 1 < M ? "," : "");
        }
        fprintf(f, ");\n");
    }
    fprintf(f, "policy = { carbon_price = ");
    put_traj(f, m, m->policy.carbon_price);
    if (o.cap_final > 0) {
        /* a straight line from the existing routes' emissions (no cap in the first period)
         * down to cap_final of them in the last */
        fprintf(f, "; cap = [");
        for (int t = 0; t < T; t++) {
            double share = T > 1 ? 1.0 - (1.0 - o.cap_final) * t / (T - 1) : o.cap_final;
            fputs(t ? ", " : "", f);
            put_num(f, t == 0 ? baseline * 10.0 : baseline * share);
        }
        fprintf(f, "]");
    }
    fprintf(f, "; };\nsolver = { mip_gap = 1e-4; time_limit = 600.0; };\n");
    if (f != stdout)
        fclose(f);
    free(years);
    free(nroutes);
    free(prods);
    free(supplied);
    free(used);
    model_free(m);
    diag_free(&d);
    return 0;
}
