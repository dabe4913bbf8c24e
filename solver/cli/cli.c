/*
 * cli.c — argument parsing, help, `tico check`, and dispatch to the commands.
 */
#include "cli.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "checkpoint.h"
#include "diag.h"
#include "out.h"
#include "sha256.h"
#include "stop.h"
#include "xalloc.h"

static const char *const USAGE =
    "usage: tico COMMAND [options] INSTANCE.cfg\n"
    "\n"
    "commands:\n"
    "  check    load and validate the instance; print a one-screen summary\n"
    "  solve    build the MILP, solve it, write the reports\n"
    "  export   write the MILP (--format lp|mps|glpk) into the output folder\n"
    "  macc     marginal abatement cost curves (--prices, --caps, --measures)\n"
    "  mc       Monte Carlo robustness of candidate pathways\n"
    "  value    value of each shared infrastructure asset and its cost split\n"
    "\n"
    "options:\n"
    "  -o DIR             output folder (default out/<instance name>)\n"
    "  -q                 quiet\n"
    "  --time-limit S     solver time limit in seconds\n"
    "  --gap G            relative MIP gap\n"
    "  --set PATH=VALUE   override an instance setting, e.g. --set policy.carbon_price=150\n"
    "  -j N               worker processes for sweeps (default: number of cores)\n"
    "  --help             this text (tico COMMAND --help: that command's)\n"
    "  --version          the version\n"
    "\n"
    "exit codes: 0 success, 1 usage error, 2 invalid input, 3 infeasible,\n"
    "            4 limit reached without a feasible solution, 5 solver or internal error\n";

typedef struct {
    const char *name;
    const char *help;
} CommandHelp;

static const CommandHelp COMMANDS[] = {
    {"check",
     "usage: tico check [--set PATH=VALUE]... INSTANCE.cfg\n"
     "Load and validate the instance and every file it includes. Prints every problem found as\n"
     "FILE:LINE: PATH: message and exits 2, or prints a one-screen summary and exits 0.\n"},
    {"solve",
     "usage: tico solve [-o DIR] [-q] [--time-limit S] [--gap G] [--elastic [--penalty P]] [-j N]\n"
     "                  [--set PATH=VALUE]... INSTANCE.cfg\n"
     "Build the MILP of SPEC §4, solve it with GLPK and write summary.txt, pathway.csv, assets.csv,\n"
     "spurs.csv, flows.csv, emissions.csv, costs.csv, prices.csv, tic.csv, tic_sectors.csv, tic.json,\n"
     "solution.json and report.html into the output folder (and heat_tariff.csv when the instance has a\n"
     "heat network, grants.csv when a technology has a grant_share, counts.csv when an asset has counts).\n"
     "  --elastic      add priced slack to every balance, production requirement and cap, so that\n"
     "                 an infeasible instance is solved and each violation is reported\n"
     "  --penalty P    price of one unit of slack in --elastic mode (default 1e5 EUR)\n"
     "  -j N           with N >= 2 (default: the number of cores), the baseline of the TIC report\n"
     "                 (carbon price 0, no cap) is solved in a worker process beside the pathway;\n"
     "                 -j 1 solves it after. The files are the same either way.\n"},
    {"export",
     "usage: tico export [-o DIR] [--format lp|mps|glpk] [--elastic] [--set PATH=VALUE]... INSTANCE.cfg\n"
     "Write the MILP as model.lp (CPLEX LP, default), model.mps (free MPS) or model.glpk into the\n"
     "output folder, with readable row and column names.\n"},
    {"macc",
     "usage: tico macc [--prices LIST|FROM:TO:STEP] [--caps LIST] [--measures [--scope S] [--start Y]\n"
     "                 [--lines N] [--sector S]] [--year Y] [-j N] [--warm] [--resume] [-o DIR] INSTANCE.cfg\n"
     "Marginal abatement cost curves: a solve per carbon price, per cap (shares of baseline\n"
     "emissions), or per candidate measure. Writes macc.csv, macc_points.csv and macc.svg.\n"
     "  --measures  one bar per plant and route, against the plant kept as in the baseline, and\n"
     "           one per asset measure of the instance's `measures` (buses, renovations, trees),\n"
     "           against their assets kept at their existing modules; all at the instance's\n"
     "           carbon price (the one its import prices carry)\n"
     "  --scope S   the boundary abatement is counted on: 1, 1+2, 1+3 (default) or 1+2+3\n"
     "  --start Y   every measure starts in period Y (default: each its cheapest feasible start)\n"
     "  --lines N   a measure is N lines of the plant on the route (default: all its production,\n"
     "           or one line where all cannot be done)\n"
     "  --sector S  only the measures of sector S (a plant's sector, an asset measure's first asset's)\n"
     "  --warm   start each point from the previous point's solution (off by default: GLPK\n"
     "           then solves without its MIP presolver, which was slower on Dunkirk)\n"
     "  --resume skip the tasks a stopped run of the same command, instance and options\n"
     "           finished (kept in OUT_DIR/.tico-checkpoint as they arrive)\n"},
    {"mc",
     "usage: tico mc [--samples N] [--seed S] [--reoptimise] [--pathways FILE] [-j N] [--resume] [-o DIR]\n"
     "               INSTANCE.cfg\n"
     "Monte Carlo robustness of candidate pathways under the instance's `uncertainty` section: N\n"
     "scenarios of price, capex and carbon-price multipliers; every pathway's NPV cost in every\n"
     "scenario (one matrix product); expected cost, P10/P50/P90, probability of being cheapest, regret.\n"
     "Writes mc.csv, mc_scenarios.csv and mc.svg.\n"
     "  --samples N       scenarios (default: the section's samples, else 1000)\n"
     "  --seed S          random seed (default: the section's seed, else 1)\n"
     "  --pathways FILE   candidates, one a line, optionally 'NAME: ' first: 'optimum',\n"
     "                    'price P', 'price P1,...,PT', 'price FROM:TO:STEP' or\n"
     "                    'solution DIR/solution.json' (default: the optimum and prices 0:400:50)\n"
     "  --reoptimise      also solve every scenario again (in -j workers): EVPI and how often\n"
     "                    each pathway's route choices are the scenario's optimum\n"
     "  --resume          skip the tasks a stopped run of the same command, instance and options\n"
     "                    finished (kept in OUT_DIR/.tico-checkpoint as they arrive)\n"},
    {"value",
     "usage: tico value [--asset ID] [-j N] [--samples N] [--seed S] [--cold] [--resume] [-o DIR]\n"
     "                  INSTANCE.cfg\n"
     "Value of each shared infrastructure family (the assets of one technology): total cost without\n"
     "it minus with it, and the split of its cost among the plants, by use (traced flows) and by\n"
     "Shapley value over plant coalitions (exact up to 12 plants, sampled beyond). Writes value.csv,\n"
     "value_split.csv and value.svg.\n"
     "  --asset ID      one asset (by its id) or one family (by its technology id)\n"
     "  --samples N     sampled Shapley: marginal contributions wanted (default 1000)\n"
     "  --seed S        sampled Shapley: random seed (default 1)\n"
     "  --cold          no warm starts between coalition solves\n"
     "  --resume        skip the tasks a stopped run of the same command, instance and options\n"
     "                  finished (kept in OUT_DIR/.tico-checkpoint as they arrive)\n"},
    {"portfolio",
     "usage: tico portfolio [-o DIR] [-q] FOLDER...\n"
     "Several solved clusters reported together (SPEC §11): reads the solution.json and tic.json of\n"
     "each FOLDER (tico solve), and value.csv when present (tico value); writes portfolio.csv and\n"
     "portfolio.html into DIR (default out/portfolio): per cluster and in total, emissions by scope,\n"
     "reductions against the base year and the baseline, jobs, GVA, capex, capex per tonne abated.\n"
     "Folders of different tico versions, currencies or emission boundaries are refused (exit 2).\n"},
};

#define NCOMMANDS (int)(sizeof COMMANDS / sizeof COMMANDS[0])

static bool parse_double(const char *s, double *out)
{
    char *end;
    errno = 0;
    double v = strtod(s, &end);
    if (end == s || *end || errno)
        return false;
    *out = v;
    return true;
}

static bool parse_long(const char *s, long *out)
{
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (end == s || *end || errno)
        return false;
    *out = v;
    return true;
}

TicoStatus cli_parse(int argc, char **argv, Options *o, bool *done)
{
    memset(o, 0, sizeof *o);
    o->time_limit = -1.0;
    o->gap = -1.0;
    o->penalty = 1e5;
    o->samples = 0;
    o->seed = -1;
    *done = false;
    if (argc < 2) {
        fputs(USAGE, stderr);
        return TICO_EUSAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        fputs(USAGE, stdout);
        *done = true;
        return TICO_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        printf("tico %s\n", TICO_VERSION);
        *done = true;
        return TICO_OK;
    }
    int cmd = -1;
    for (int i = 0; i < NCOMMANDS; i++)
        if (strcmp(argv[1], COMMANDS[i].name) == 0)
            cmd = i;
    if (cmd < 0) {
        fprintf(stderr, "tico: unknown command '%s'; expected check, solve, export, macc, mc, value or portfolio\n", argv[1]);
        return TICO_EUSAGE;
    }
    o->command = COMMANDS[cmd].name;
    o->sets = xcalloc((size_t)argc, sizeof *o->sets);

#define NEED_ARG()                                                                    \
    do {                                                                              \
        if (i + 1 >= argc) {                                                          \
            fprintf(stderr, "tico %s: option %s needs a value\n", o->command, a);     \
            return TICO_EUSAGE;                                                       \
        }                                                                             \
    } while (0)
#define BAD_VALUE(what)                                                                           \
    do {                                                                                          \
        fprintf(stderr, "tico %s: option %s: '%s' is not %s\n", o->command, a, argv[i], what);    \
        return TICO_EUSAGE;                                                                       \
    } while (0)

    for (int i = 2; i < argc; i++) {
        const char *a = argv[i];
        double dv;
        long lv;
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            fputs(COMMANDS[cmd].help, stdout);
            *done = true;
            return TICO_OK;
        } else if (strcmp(a, "--version") == 0) {
            printf("tico %s\n", TICO_VERSION);
            *done = true;
            return TICO_OK;
        } else if (strcmp(a, "-o") == 0) {
            NEED_ARG();
            o->outdir = argv[++i];
        } else if (strcmp(a, "-q") == 0) {
            o->quiet = true;
        } else if (strcmp(a, "--time-limit") == 0) {
            NEED_ARG();
            if (!parse_double(argv[++i], &dv) || dv < 0)
                BAD_VALUE("a number of seconds >= 0");
            o->time_limit = dv;
        } else if (strcmp(a, "--gap") == 0) {
            NEED_ARG();
            if (!parse_double(argv[++i], &dv) || dv < 0 || dv >= 1)
                BAD_VALUE("a relative gap in [0, 1)");
            o->gap = dv;
        } else if (strcmp(a, "--set") == 0) {
            NEED_ARG();
            char *eq = strchr(argv[++i], '=');
            if (!eq || eq == argv[i])
                BAD_VALUE("PATH=VALUE");
            *eq = '\0';
            o->sets[o->nsets++] = (Override){argv[i], eq + 1};
        } else if (strcmp(a, "-j") == 0) {
            NEED_ARG();
            if (!parse_long(argv[++i], &lv) || lv < 1 || lv > 1024)
                BAD_VALUE("a number of workers in [1, 1024]");
            o->jobs = (int)lv;
        } else if (strcmp(a, "--elastic") == 0) {
            o->elastic = true;
        } else if (strcmp(a, "--penalty") == 0) {
            NEED_ARG();
            if (!parse_double(argv[++i], &dv) || dv <= 0)
                BAD_VALUE("a penalty > 0");
            o->penalty = dv;
        } else if (strcmp(a, "--format") == 0) {
            NEED_ARG();
            o->format = argv[++i];
            if (strcmp(o->format, "lp") && strcmp(o->format, "mps") && strcmp(o->format, "glpk"))
                BAD_VALUE("lp, mps or glpk");
        } else if (strcmp(a, "--prices") == 0) {
            NEED_ARG();
            o->prices = argv[++i];
        } else if (strcmp(a, "--caps") == 0) {
            NEED_ARG();
            o->caps = argv[++i];
        } else if (strcmp(a, "--measures") == 0) {
            o->measures = true;
        } else if (strcmp(a, "--scope") == 0) {
            NEED_ARG();
            o->scope = argv[++i];
            if (strcmp(o->scope, "1") && strcmp(o->scope, "1+2") && strcmp(o->scope, "1+3") &&
                strcmp(o->scope, "1+2+3"))
                BAD_VALUE("1, 1+2, 1+3 or 1+2+3");
        } else if (strcmp(a, "--sector") == 0) {
            NEED_ARG();
            o->sector = argv[++i];
        } else if (strcmp(a, "--start") == 0) {
            NEED_ARG();
            if (!parse_long(argv[++i], &lv) || lv < 1 || lv > 9999)
                BAD_VALUE("a year");
            o->start = (int)lv;
        } else if (strcmp(a, "--lines") == 0) {
            NEED_ARG();
            if (!parse_long(argv[++i], &lv) || lv < 1 || lv > 1000000)
                BAD_VALUE("a number of lines >= 1");
            o->lines = (int)lv;
        } else if (strcmp(a, "--resume") == 0) {
            o->resume = true;
        } else if (strcmp(a, "--cold") == 0) {
            o->cold = true;
        } else if (strcmp(a, "--warm") == 0) {
            o->warm = true;
        } else if (strcmp(a, "--year") == 0) {
            NEED_ARG();
            if (!parse_long(argv[++i], &lv) || lv < 1 || lv > 9999)
                BAD_VALUE("a year");
            o->year = (int)lv;
        } else if (strcmp(a, "--samples") == 0) {
            NEED_ARG();
            if (!parse_long(argv[++i], &lv) || lv < 1 || lv > 10000000)
                BAD_VALUE("a number of samples >= 1");
            o->samples = (int)lv;
        } else if (strcmp(a, "--seed") == 0) {
            NEED_ARG();
            if (!parse_long(argv[++i], &lv) || lv < 0)
                BAD_VALUE("a seed >= 0");
            o->seed = lv;
        } else if (strcmp(a, "--reoptimise") == 0) {
            o->reoptimise = true;
        } else if (strcmp(a, "--pathways") == 0) {
            NEED_ARG();
            o->pathways = argv[++i];
        } else if (strcmp(a, "--asset") == 0) {
            NEED_ARG();
            o->asset = argv[++i];
        } else if (a[0] == '-' && a[1] != '\0') {
            fprintf(stderr, "tico %s: unknown option '%s' (tico %s --help lists the options)\n", o->command, a,
                    o->command);
            return TICO_EUSAGE;
        } else if (strcmp(o->command, "portfolio") == 0) {
            if (!o->folders)
                o->folders = xcalloc((size_t)argc, sizeof *o->folders);
            o->folders[o->nfolders++] = a;
        } else if (o->instance) {
            fprintf(stderr, "tico %s: one instance file expected, found '%s' and '%s'\n", o->command, o->instance, a);
            return TICO_EUSAGE;
        } else {
            o->instance = a;
        }
    }
    if (strcmp(o->command, "portfolio") == 0 && o->nfolders == 0) {
        fprintf(stderr, "tico portfolio: no folder given\n%s", COMMANDS[cmd].help);
        return TICO_EUSAGE;
    }
    if (!o->instance && strcmp(o->command, "portfolio") != 0) {
        fprintf(stderr, "tico %s: no instance file given\n%s", o->command, COMMANDS[cmd].help);
        return TICO_EUSAGE;
    }
    return TICO_OK;
}

char *cli_outdir(const Options *o, const Model *m)
{
    if (o->outdir)
        return xstrdup(o->outdir);
    /* out/<instance name>: the cluster name made safe for a folder name */
    size_t n = strlen(m->name);
    char *dir = xmalloc(n + 5);
    strcpy(dir, "out/");
    for (size_t i = 0; i < n; i++) {
        char c = m->name[i];
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
        dir[4 + i] = ok ? c : '_';
    }
    dir[4 + n] = '\0';
    return dir;
}

/* ---- tico check ------------------------------------------------------------------- */

static const char *balance_name(Balance b)
{
    return b == BAL_SLICE ? "slice" : b == BAL_ANNUAL ? "annual" : "none";
}

TicoStatus cmd_check(const Options *o, const Model *m)
{
    if (o->quiet)
        return TICO_OK;
    printf("%s (%s), money in %s; %d file%s read, input sha256 %.16s...\n", m->name,
           *m->country ? m->country : "-", m->currency, m->nfiles, m->nfiles == 1 ? "" : "s", m->input_sha256);
    printf("periods   ");
    for (int t = 0; t < m->nperiods; t++)
        printf(" %d", m->years[t]);
    printf("  (horizon to %d, base year %d, discount rate %g)\n", model_horizon_end(m), m->base_year,
           m->discount_rate);
    printf("slices     %d in %d representative day%s:", m->nslices, m->ndays, m->ndays == 1 ? "" : "s");
    for (int g = 0; g < m->ndays; g++)
        printf(" %s x%g (%d)", m->days[g].name, m->days[g].occurrences, m->days[g].nslices);
    printf("\ncommodities %d:", m->ncommodities);
    for (int c = 0; c < m->ncommodities; c++)
        printf(" %s[%s%s%s]", m->commodities[c].id, balance_name(m->commodities[c].balance),
               m->commodities[c].dispose ? ",dispose" : "", m->commodities[c].network ? ",network" : "");
    printf("\ntechnologies %d by sector:\n", m->ntechs);
    /* sectors in order of first appearance */
    for (int k = 0; k < m->ntechs; k++) {
        bool first = true;
        for (int j = 0; j < k; j++)
            if (strcmp(m->techs[j].sector, m->techs[k].sector) == 0)
                first = false;
        if (!first)
            continue;
        int nr = 0, np = 0, ns = 0;
        for (int j = k; j < m->ntechs; j++) {
            if (strcmp(m->techs[j].sector, m->techs[k].sector) != 0)
                continue;
            nr += m->techs[j].kind == TECH_ROUTE;
            np += m->techs[j].kind == TECH_PROCESS;
            ns += m->techs[j].kind == TECH_STORAGE;
        }
        printf("  %-12s %d route%s, %d process%s, %d storage\n", m->techs[k].sector, nr, nr == 1 ? "" : "s", np,
               np == 1 ? "" : "es", ns);
    }
    printf("plants %d:\n", m->nplants);
    for (int p = 0; p < m->nplants; p++) {
        const Plant *pl = &m->plants[p];
        printf("  %-18s %d x %g %s/yr of %s; routes:", pl->id, pl->units, pl->unit_capacity,
               m->commodities[pl->product].unit, m->commodities[pl->product].id);
        for (int r = 0; r < pl->nroutes; r++)
            printf(" %s%s", m->techs[pl->routes[r]].id,
                   r == pl->existing_route ? (pl->buildable[r] ? "*" : "*(existing only)") : "");
        printf("\n");
    }
    printf("assets %d:", m->nassets);
    for (int i = 0; i < m->nassets; i++)
        printf(" %s(%s%s)", m->assets[i].id, m->techs[m->assets[i].tech].id,
               m->assets[i].existing ? ", existing" : "");
    printf("\nmarkets %d, demands %d\n", m->nmarkets, m->ndemands);
    printf("policy     carbon price");
    for (int t = 0; t < m->nperiods; t++)
        printf(" %g", m->policy.carbon_price[t]);
    printf(" EUR/t");
    if (m->policy.cap) {
        printf("; cap");
        for (int t = 0; t < m->nperiods; t++)
            m->policy.cap[t] < 0 ? printf(" none") : printf(" %g", m->policy.cap[t]);
        if (m->policy.cap_scope >= 2)
            printf(" t/yr (scope %s)", model_scope_name(m->policy.cap_scope));
        else
            printf(" t/yr");
    }
    if (m->policy.budget >= 0)
        printf("; budget %g t", m->policy.budget);
    printf("\nsolver     mip_gap %g, time_limit %g s\n", m->solver.mip_gap, m->solver.time_limit);
    printf("ok: the instance is valid (* = existing route)\n");
    return TICO_OK;
}

/* ---- checkpoints of sweeps --------------------------------------------------------- */

TicoStatus cli_checkpoint_begin(const Options *o, const Model *m, const char *dir)
{
    Sha256 h;
    sha256_init(&h);
    char *what = xasprintf("command=%s\ninput=%s\ngap=%.17g\ntime_limit=%.17g\nprices=%s\ncaps=%s\nmeasures=%d\n"
                           "year=%d\nwarm=%d\ncold=%d\nsamples=%d\nseed=%lld\nreoptimise=%d\npathways=%s\nasset=%s\n"
                           "elastic=%d\npenalty=%.17g\nscope=%s\nstart=%d\nlines=%d\nsector=%s\n",
                           o->command, m->input_sha256 ? m->input_sha256 : "", m->solver.mip_gap, m->solver.time_limit,
                           o->prices ? o->prices : "", o->caps ? o->caps : "", o->measures, o->year, o->warm, o->cold,
                           o->samples, o->seed, o->reoptimise, o->pathways ? o->pathways : "", o->asset ? o->asset : "",
                           o->elastic, o->penalty, o->scope ? o->scope : "", o->start, o->lines,
                           o->sector ? o->sector : "");
    sha256_update(&h, what, strlen(what));
    free(what);
    for (int k = 0; k < o->nsets; k++) {
        sha256_update(&h, o->sets[k].path, strlen(o->sets[k].path) + 1);
        sha256_update(&h, o->sets[k].value, strlen(o->sets[k].value) + 1);
    }
    char key[65];
    sha256_hex(&h, key);
    int n = checkpoint_begin(dir, key, o->resume);
    if (n < 0)
        return TICO_EUSAGE;
    if (o->resume && !o->quiet)
        fprintf(stderr, "tico %s: --resume: %d finished task%s from %s/.tico-checkpoint\n", o->command, n,
                n == 1 ? "" : "s", dir);
    return TICO_OK;
}

/* ---- the run's description (run.json and header lines, out.h) ----------------------- */

/* Append " --opt" or " --opt VALUE" to a memstream, quoting a value that the shell would split. */
static void opt_add(FILE *f, const char *opt, const char *value)
{
    fprintf(f, "%s%s", ftell(f) > 0 ? " " : "", opt);
    if (!value)
        return;
    bool plain = *value != '\0';
    for (const char *p = value; *p && plain; p++)
        plain = strchr(" \t\n'\"\\$`*?[]{}()<>|&;#~", *p) == NULL;
    if (plain) {
        fprintf(f, " %s", value);
        return;
    }
    fputs(" '", f);
    for (const char *p = value; *p; p++)
        if (*p == '\'')
            fputs("'\\''", f);
        else
            fputc(*p, f);
    fputc('\'', f);
}

static void opt_int(FILE *f, const char *opt, long long v)
{
    char b[32];
    snprintf(b, sizeof b, "%lld", v);
    opt_add(f, opt, b);
}

static void opt_num(FILE *f, const char *opt, double v)
{
    char b[32];
    snprintf(b, sizeof b, "%.17g", v);
    opt_add(f, opt, b);
}

void cli_set_run(const Options *o, const Model *m)
{
    char *opts = NULL, *runopts = NULL, *files = NULL;
    size_t n1 = 0, n2 = 0, n3 = 0;
    FILE *f = open_memstream(&opts, &n1), *g = open_memstream(&runopts, &n2);
    for (int k = 0; k < o->nsets; k++) {
        char *pv = xasprintf("%s=%s", o->sets[k].path, o->sets[k].value);
        opt_add(f, "--set", pv);
        free(pv);
    }
    if (o->gap >= 0)
        opt_num(f, "--gap", o->gap);
    if (o->time_limit >= 0)
        opt_num(f, "--time-limit", o->time_limit);
    if (o->elastic) {
        opt_add(f, "--elastic", NULL);
        opt_num(f, "--penalty", o->penalty);
    }
    if (o->format)
        opt_add(f, "--format", o->format);
    if (o->prices)
        opt_add(f, "--prices", o->prices);
    if (o->caps)
        opt_add(f, "--caps", o->caps);
    if (o->measures)
        opt_add(f, "--measures", NULL);
    if (o->scope)
        opt_add(f, "--scope", o->scope);
    if (o->start)
        opt_int(f, "--start", o->start);
    if (o->lines)
        opt_int(f, "--lines", o->lines);
    if (o->sector)
        opt_add(f, "--sector", o->sector);
    if (o->year)
        opt_int(f, "--year", o->year);
    if (o->warm)
        opt_add(f, "--warm", NULL);
    if (o->cold)
        opt_add(f, "--cold", NULL);
    if (o->samples)
        opt_int(f, "--samples", o->samples);
    if (o->seed >= 0)
        opt_int(f, "--seed", o->seed);
    if (o->reoptimise)
        opt_add(f, "--reoptimise", NULL);
    if (o->pathways)
        opt_add(f, "--pathways", o->pathways);
    if (o->asset)
        opt_add(f, "--asset", o->asset);
    fclose(f);
    if (o->jobs > 0) {
        char b[16];
        snprintf(b, sizeof b, "%d", o->jobs);
        opt_add(g, "-j", b);
    }
    if (o->quiet)
        opt_add(g, "-q", NULL);
    if (o->outdir)
        opt_add(g, "-o", o->outdir);
    if (o->resume)
        opt_add(g, "--resume", NULL);
    fclose(g);
    /* macc's mode: the curves asked for (the price sweep when none is) */
    char mode[64];
    snprintf(mode, sizeof mode, "%s", o->command);
    if (strcmp(o->command, "macc") == 0) {
        snprintf(mode, sizeof mode, "%s%s%s%s%s", o->prices || (!o->caps && !o->measures) ? "prices" : "",
                 (o->prices || (!o->caps && !o->measures)) && o->caps ? "+" : "", o->caps ? "caps" : "",
                 (o->prices || o->caps || !o->measures) && o->measures ? "+" : "", o->measures ? "measures" : "");
    }
    FILE *h = open_memstream(&files, &n3);
    for (int k = 0; k < o->nfolders; k++)
        fprintf(h, "%s%s", k ? " " : "", o->folders[k]);
    fclose(h);
    double gap = NAN;
    if (m && strcmp(o->command, "macc") == 0)
        gap = o->gap >= 0 ? o->gap : fmin(m->solver.mip_gap, 1e-6);
    else if (m)
        gap = m->solver.mip_gap;
    /* the model solved: the input files and every --set */
    char key[65] = "";
    if (m) {
        Sha256 hs;
        sha256_init(&hs);
        sha256_update(&hs, m->input_sha256 ? m->input_sha256 : "", strlen(m->input_sha256 ? m->input_sha256 : "") + 1);
        for (int k = 0; k < o->nsets; k++) {
            sha256_update(&hs, o->sets[k].path, strlen(o->sets[k].path) + 1);
            sha256_update(&hs, o->sets[k].value, strlen(o->sets[k].value) + 1);
        }
        sha256_hex(&hs, key);
    }
    OutRun r = {o->command, mode, m ? m->name : NULL, m ? o->instance : files, m ? m->input_sha256 : NULL,
                m ? key : NULL, opts, runopts, gap};
    out_set_run(&r);
    free(opts);
    free(runopts);
    free(files);
}
