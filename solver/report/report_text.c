/*
 * report_text.c — summary.txt: status, costs, emissions per period and the key decisions in
 * plain words (elastic-mode violations first), and the decision sentences the HTML shares.
 *
 * Decisions of period t for plant p compare the lines operating on each route with the
 * period before (before the first period: the existing lines still available then):
 *   lines built on route r while other routes lose lines  -> "converts B of N lines from X to R"
 *   lines built with no route losing lines               -> "builds B new lines of R"
 *                                                           ("rebuilds" on the existing route)
 *   idle lines of Y back while X loses lines, no build    -> "runs k lines of Y instead of X"
 *   lines lost that nothing takes over                    -> "k existing lines of X retire"
 *                                                           or "stops k lines of X"
 *   idle lines back that replace nothing                  -> "restarts k idle lines of Y"
 * Assets: "NAME built, m modules", "NAME expanded by m modules (now U)", or, when modules
 * reached the end of their life, "NAME: m modules built, k of them replacing ..."; spurs:
 * "spur from PLANT to the C network built (km km)". Names are the Model's `name`s.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "out.h"
#include "xalloc.h"
#include "report_int.h"
#include "tico.h"

/* "2", "2.5": counts that are integers in an optimal MILP, written without decimals. */
static const char *count(char *buf, double v)
{
    if (fabs(v - round(v)) < 1e-6)
        snprintf(buf, 32, "%.0f", round(v) == 0.0 ? 0.0 : round(v));
    else
        snprintf(buf, 32, "%.3g", v);
    return buf;
}

static const char *plural(double v)
{
    return fabs(v - 1.0) < 1e-6 ? "" : "s";
}

/* Take up to want lines from the routes that lost lines (rem, in route order), naming them
 * in from ("X and Y"); returns the lines taken. */
static double take_lines(const Model *m, const Plant *pl, double *rem, double want, char *from, size_t n)
{
    double got = 0.0;
    from[0] = '\0';
    for (int q = 0; q < pl->nroutes && want - got > 1e-6; q++) {
        if (rem[q] <= 1e-6)
            continue;
        double k = fmin(rem[q], want - got);
        rem[q] -= k;
        got += k;
        size_t len = strlen(from);
        snprintf(from + len, n - len, "%s%s", len ? " and " : "", m->techs[pl->routes[q]].name);
    }
    return got;
}

static void plant_decisions(const Model *m, const Solution *s, int p, int t, StrList *out)
{
    const Plant *pl = &m->plants[p];
    int R = pl->nroutes;
    double *rem = xcalloc((size_t)R, sizeof *rem), *back = xcalloc((size_t)R, sizeof *back);
    /* per route: lines lost without a build (rem), lines back without a build (back) */
    for (int r = 0; r < R; r++) {
        double prev = t > 0 ? s->lines[sol_pr(s, p, r, t - 1)]
                            : r == pl->existing_route ? model_existing_lines(m, p, 0) : 0.0;
        double now = s->lines[sol_pr(s, p, r, t)], b = s->built[sol_pr(s, p, r, t)];
        if (b < 1e-6 && prev - now > 1e-6)
            rem[r] = prev - now;
        if (now - prev - b > 1e-6)
            back[r] = now - prev - b;
    }
    char from[512], b1[32], b2[32];
    /* builds: conversions of the lines other routes lost, then new lines */
    for (int r = 0; r < R; r++) {
        double b = s->built[sol_pr(s, p, r, t)];
        if (b < 1e-6)
            continue;
        const char *name = m->techs[pl->routes[r]].name;
        double conv = take_lines(m, pl, rem, b, from, sizeof from);
        if (conv > 1e-6)
            report_strlist_add(out, "%s converts %s of %s line%s from %s to %s", pl->name, count(b1, conv),
                               count(b2, pl->units), plural(pl->units), from, name);
        if (b - conv > 1e-6)
            report_strlist_add(out, "%s %s %s new line%s of %s", pl->name, r == pl->existing_route ? "rebuilds" : "builds",
                               count(b1, b - conv), plural(b - conv), name);
    }
    /* idle lines brought back while others stop: a switch between routes already built */
    for (int r = 0; r < R; r++) {
        if (back[r] <= 1e-6)
            continue;
        double k = take_lines(m, pl, rem, back[r], from, sizeof from);
        back[r] -= k;
        if (k > 1e-6)
            report_strlist_add(out, "%s runs %s line%s of %s instead of %s", pl->name, count(b1, k), plural(k),
                               m->techs[pl->routes[r]].name, from);
        if (back[r] > 1e-6)
            report_strlist_add(out, "%s restarts %s idle line%s of %s", pl->name, count(b1, back[r]), plural(back[r]),
                               m->techs[pl->routes[r]].name);
    }
    /* lines lost that nothing took over: retired existing lines, or stopped */
    for (int r = 0; r < R; r++) {
        if (rem[r] <= 1e-6)
            continue;
        const char *name = m->techs[pl->routes[r]].name;
        double retired = r == pl->existing_route && t > 0
                             ? model_existing_lines(m, p, t - 1) - model_existing_lines(m, p, t)
                             : 0.0;
        if (retired >= rem[r] - 1e-6)
            report_strlist_add(out, "%s: %s existing line%s of %s retire%s", pl->name, count(b1, rem[r]),
                               plural(rem[r]), name, fabs(rem[r] - 1.0) < 1e-6 ? "s" : "");
        else
            report_strlist_add(out, "%s stops %s line%s of %s", pl->name, count(b1, rem[r]), plural(rem[r]), name);
    }
    free(rem);
    free(back);
}

void report_decisions(const Model *m, const Solution *s, int t, StrList *out)
{
    char b1[32], b2[32], b3[32];
    for (int p = 0; p < m->nplants; p++)
        plant_decisions(m, s, p, t, out);
    for (int i = 0; i < m->nassets; i++) {
        const Asset *a = &m->assets[i];
        double b = s->asset_built[i * s->T + t];
        if (b < 1e-6)
            continue;
        double before = t > 0 ? s->asset_installed[i * s->T + t - 1] : model_existing_modules(m, i, 0);
        double now = s->asset_installed[i * s->T + t];
        double renewed = before + b - now; /* modules at the end of their life, replaced */
        if (before < 1e-6)
            report_strlist_add(out, "%s built, %s module%s", a->name, count(b1, b), plural(b));
        else if (renewed < 1e-6)
            report_strlist_add(out, "%s expanded by %s module%s (now %s)", a->name, count(b1, b), plural(b),
                               count(b2, now));
        else
            report_strlist_add(out, "%s: %s module%s built, %s of them replacing modules at the end of their life "
                               "(now %s)", a->name, count(b1, b), plural(b), count(b3, fmin(renewed, b)), count(b2, now));
    }
    for (int p = 0; p < m->nplants; p++)
        for (int c = 0; c < m->ncommodities; c++)
            if (s->spur_period[p * m->ncommodities + c] == t && m->plants[p].spur_km[c] > 0) {
                char km[OUT_NUMLEN];
                report_strlist_add(out, "spur from %s to the %s network built (%s km)", m->plants[p].name,
                                   m->commodities[c].id, out_num(km, m->plants[p].spur_km[c]));
            }
}

/* ---- summary.txt ------------------------------------------------------------------ */

static const char *const TONNES[4] = {"t", "kt", "Mt", "Gt"};

/* Route mix of plant p in period t as "A" or "A + B" (routes with lines operating). */
static void mix_name(const Model *m, const Solution *s, int p, int t, char *buf, size_t n)
{
    const Plant *pl = &m->plants[p];
    buf[0] = '\0';
    for (int r = 0; r < pl->nroutes; r++) {
        if (s->lines[sol_pr(s, p, r, t)] < 0.5)
            continue;
        size_t len = strlen(buf);
        snprintf(buf + len, n - len, "%s%s", len ? " + " : "", m->techs[pl->routes[r]].name);
    }
    if (!buf[0])
        snprintf(buf, n, "no line operating");
}

static bool same_mix(const Solution *s, const Plant *pl, int p, int t1, int t2)
{
    for (int r = 0; r < pl->nroutes; r++)
        if (fabs(s->lines[sol_pr(s, p, r, t1)] - s->lines[sol_pr(s, p, r, t2)]) > 0.5)
            return false;
    return true;
}

void report_flips(const Model *m, const Solution *s, StrList *out)
{
    int T = m->nperiods;
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        /* a flip: the mix of period t differs from t-1 and equals that of an earlier period */
        bool flip = false;
        for (int t = 2; t < T && !flip; t++) {
            if (same_mix(s, pl, p, t, t - 1))
                continue;
            for (int u = 0; u < t - 1 && !flip; u++)
                flip = same_mix(s, pl, p, t, u);
        }
        if (!flip)
            continue;
        char line[2048], mix[512];
        size_t len = (size_t)snprintf(line, sizeof line, "%s:", pl->name);
        for (int t = 0; t < T; t = t) {
            int e = t;
            while (e + 1 < T && same_mix(s, pl, p, e + 1, t))
                e++;
            mix_name(m, s, p, t, mix, sizeof mix);
            if (e > t)
                len += (size_t)snprintf(line + len, len < sizeof line ? sizeof line - len : 0, "%s %s %d-%d",
                                        t ? "," : "", mix, m->years[t], m->years[e]);
            else
                len += (size_t)snprintf(line + len, len < sizeof line ? sizeof line - len : 0, "%s %s %d", t ? "," : "",
                                        mix, m->years[t]);
            t = e + 1;
        }
        report_strlist_add(out, "%s", line);
    }
}

void report_policy_words(const Model *m, char *buf, size_t n)
{
    const Policy *po = &m->policy;
    int T = m->nperiods;
    double lo = INFINITY, hi = -INFINITY;
    for (int t = 0; t < T; t++) {
        lo = fmin(lo, po->carbon_price[t]);
        hi = fmax(hi, po->carbon_price[t]);
    }
    bool cap = false;
    for (int t = 0; po->cap && t < T; t++)
        cap |= po->cap[t] >= 0;
    size_t len = 0;
    buf[0] = '\0';
#define ADD(...) len += (size_t)snprintf(buf + len, len < n ? n - len : 0, __VA_ARGS__)
    if (T > 0 && hi > 0) {
        if (hi - lo <= 1e-9 * hi)
            ADD("carbon price %.4g EUR/t", hi);
        else
            ADD("carbon price %.4g-%.4g EUR/t", po->carbon_price[0], po->carbon_price[T - 1]);
    }
    if (cap)
        ADD("%scap on scope %s", len ? ", " : "", model_scope_name(po->cap_scope));
    if (po->budget >= 0)
        ADD("%sbudget on scope %s", len ? ", " : "", model_scope_name(po->cap_scope));
    if (len == 0)
        ADD("no climate policy");
#undef ADD
}

void report_headline(const Model *m, const Solution *s, char *buf, size_t n)
{
    static const char *const T4[4] = {"t", "kt", "Mt", "Gt"};
    char pol[256];
    report_policy_words(m, pol, sizeof pol);
    int t = m->nperiods - 1;
    double e1 = s->emissions_scope1[t];
    const char *u;
    double d = report_scale(fabs(e1), T4, &u);
    snprintf(buf, n, "least-cost pathway under the instance's policy (%s); net scope 1 in %d: %.3g %s CO2e/yr (%s)",
             pol, m->years[t], e1 / d + 0.0, u, e1 <= 0.0 ? "net zero on scope 1" : "not net zero");
}

static void money_line(FILE *f, const char *label, double v, double div, const char *unit, const char *what)
{
    fprintf(f, "%-13s %.3f %s%s\n", label, v / div, unit, what);
}

static void emission_cell(FILE *f, double v, double div)
{
    if (isfinite(v))
        fprintf(f, " %11.3f", v / div);
    else
        fprintf(f, " %11s", "-");
}

void report_summary_txt(FILE *f, const ReportCtx *x)
{
    const Model *m = x->m;
    const Solution *s = x->s;
    const TicReport *tic = x->tic;
    fprintf(f, "tico %s: %s%s%s%s, money in %s\n", TICO_VERSION, m->name, *m->country ? " (" : "", m->country,
            *m->country ? ")" : "", m->currency);
    fprintf(f, "input sha256 %s\n", m->input_sha256 ? m->input_sha256 : "");
    if (out_run_line()) /* the run that wrote this (its date: run.json) */
        fprintf(f, "run: %s\n", out_run_line());
    fputc('\n', f);
    if (s->nviolations > 0) {
        fprintf(f, "CONSTRAINTS VIOLATED (elastic mode, penalty paid per unit of slack): %d\n", s->nviolations);
        for (int k = 0; k < s->nviolations; k++)
            fprintf(f, "  - %s\n", s->violations[k].text ? s->violations[k].text : "");
        fputc('\n', f);
    }
    char words[SOL_WORDS_LEN], head[512];
    fprintf(f, "status        %s\n", solution_status_words(s, words));
    report_headline(m, s, head, sizeof head);
    fprintf(f, "computed      %s\n", head);
    const char *mu;
    double md = report_scale(fmax(fabs(s->objective), fabs(s->system_cost)), REPORT_MONEY, &mu);
    char what[128];
    snprintf(what, sizeof what, " (NPV at %.4g%% to %d, with carbon payments)", 100.0 * m->discount_rate, m->base_year);
    money_line(f, "total cost", s->objective, md, mu, what);
    money_line(f, "system cost", s->system_cost, md, mu, " (NPV, without carbon payments)");
    money_line(f, "carbon cost", s->carbon_cost, md, mu, " (NPV of carbon payments)");
    if (isfinite(s->budget_price))
        fprintf(f, "budget price  %.2f EUR/t CO2e (base-year money)\n", s->budget_price);
    if (report_grants_apply(m)) {
        /* owner incentives (grant_share): transfers inside the capex, not an extra cost */
        double g[3];
        report_grants_totals(m, s, NULL, g);
        const char *gu;
        double gd = report_scale(fmax(fabs(g[1]), 1.0), REPORT_MONEY, &gu);
        fprintf(f, "grants        %.3f %s paid over the horizon (%.3f %s discounted): grants that pay part of the capex "
                   "of what is built, transfers already inside the system cost (grants.csv)\n",
                g[1] / gd, gu, g[2] / gd, gu);
    }

    double emax = 0.0;
    for (int t = 0; t < m->nperiods; t++) {
        const TicPeriod *q = &tic->p[t];
        emax = fmax(emax, fmax(fmax(fabs(q->scope1), fabs(q->captured)), fabs(q->scope3)));
        if (x->base)
            emax = fmax(emax, fabs(q->base_emissions));
    }
    const char *eu;
    double ed = report_scale(emax, TONNES, &eu);
    bool capped = m->policy.budget >= 0;
    for (int t = 0; m->policy.cap && t < m->nperiods; t++)
        capped |= m->policy.cap[t] >= 0;
    char capw[32] = "";
    if (capped)
        snprintf(capw, sizeof capw, "; cap on scope %s", model_scope_name(m->policy.cap_scope));
    fprintf(f, "\nemissions, %s CO2e per year (scope 1: net, of plants and assets; scope 2: bought energy; scope 3: "
               "embedded in bought materials; baseline: scope 1+2+3 of the baseline%s)\n",
            eu, capw);
    fprintf(f, "  year     scope 1     scope 2     scope 3    captured      stored    baseline         cap   cap price "
               "EUR/t\n");
    for (int t = 0; t < m->nperiods; t++) {
        const TicPeriod *q = &tic->p[t];
        fprintf(f, "  %4d", m->years[t]);
        emission_cell(f, q->scope1, ed);
        emission_cell(f, q->scope2, ed);
        emission_cell(f, q->scope3, ed);
        emission_cell(f, q->captured, ed);
        emission_cell(f, q->stored, ed);
        emission_cell(f, q->base_emissions, ed);
        emission_cell(f, m->policy.cap && m->policy.cap[t] >= 0 ? m->policy.cap[t] : NAN, ed);
        if (isfinite(s->cap_price[t]))
            fprintf(f, " %17.2f", s->cap_price[t]);
        else
            fprintf(f, " %17s", "-");
        fputc('\n', f);
    }
    if (!x->base)
        fputs("  (no baseline solve: baseline column empty)\n", f);
    /* removals (trees, hedges, direct air capture, BECCS: captured biogenic CO2) are inside net
     * scope 1 and "captured" above; they are not reductions, so they are also given apart */
    bool any_removal = false;
    double *rm = xcalloc((size_t)m->nperiods, sizeof *rm);
    for (int t = 0; t < m->nperiods; t++) {
        for (int p = 0; p < m->nplants; p++)
            rm[t] += tic_plant_removals(m, s, p, t);
        for (int i = 0; i < m->nassets; i++)
            rm[t] += tic_asset_removals(m, s, i, t);
        any_removal |= rm[t] > 0.0;
    }
    if (any_removal) {
        /* on their own scale: 120 t of hedges would read 0.000 in the table's Mt */
        double rmax = 0.0;
        for (int t = 0; t < m->nperiods; t++)
            rmax = fmax(rmax, rm[t]);
        const char *ru;
        double rd = report_scale(rmax, REPORT_TONNES, &ru);
        fprintf(f, "  removals, %s CO2 per year (taken from the air; inside scope 1 and captured above, not reductions):", ru);
        for (int t = 0; t < m->nperiods; t++)
            fprintf(f, " %d %.3f%s", m->years[t], rm[t] / rd, t + 1 < m->nperiods ? "," : "\n");
    }
    free(rm);

    fputs("\nkey decisions\n", f);
    int nd = 0;
    for (int t = 0; t < m->nperiods; t++) {
        StrList l = {0};
        report_decisions(m, s, t, &l);
        for (int k = 0; k < l.n; k++, nd++)
            fprintf(f, "  %d: %s\n", m->years[t], l.v[k]);
        report_strlist_free(&l);
    }
    if (nd == 0)
        fputs("  none: the existing plants and assets run as they are\n", f);
    if (report_counts_apply(m))
        report_counts_txt(f, m, s);

    StrList fl = {0};
    report_flips(m, s, &fl);
    if (fl.n > 0) {
        double within = s->objective - s->bound;
        const char *wu;
        double wd = report_scale(fabs(within), REPORT_MONEY, &wu);
        fprintf(f, "\nback-and-forth route changes: equivalent within the gap, not decisions\n");
        if (isfinite(within))
            fprintf(f, "  The solve does not tell apart plans whose costs differ by less than its proven gap (%.3g %s "
                       "NPV). These plants return to an earlier route mix; read the switches above as one choice "
                       "between equivalent routes:\n",
                    within / wd, wu);
        else
            fputs("  These plants return to an earlier route mix; read the switches above as one choice between "
                  "routes whose costs the solve did not tell apart:\n",
                  f);
        for (int k = 0; k < fl.n; k++)
            fprintf(f, "  - %s\n", fl.v[k]);
    }
    report_strlist_free(&fl);

    const TicPeriod *last = &tic->p[m->nperiods - 1];
    double gd = report_scale(fabs(last->gva), REPORT_MONEY, &mu);
    int nt, nj, ng;
    report_coverage(m, s, m->nperiods - 1, &nt, &nj, &ng);
    fprintf(f, "\njobs and value added in %d (tic.csv): %.0f direct operating jobs (%.0f protected on base-year "
               "capacity, %.0f created on new capacity; %.0f of the %.0f base-year jobs lost), gross value added "
               "%.3f %s per year; %.0f construction job-years over the horizon\n",
            last->year, last->jobs_direct, last->jobs_protected, last->jobs_created, last->jobs_lost,
            last->jobs_base_year, last->gva / gd, mu, tic->h.construction_job_years);
    if (x->base)
        fprintf(f, "  baseline (no climate policy) in %d: %.0f direct jobs, gross value added %.3f %s per year\n",
                last->year, last->base_jobs_direct, last->base_gva / gd, mu);
    if (nj < nt || ng < nt)
        fprintf(f, "  of the %d technologies in operation in %d, %d give jobs figures and %d give gva figures: the "
                   "others count 0\n",
                nt, last->year, nj, ng);
}
