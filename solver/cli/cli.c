/*
 * cli.c — argument parsing, help, `tico check`, and dispatch to the commands.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#ifdef TICO_MPI
#include "pool_mpi.h"
#endif

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
     "spurs.csv, flows.csv, emissions.csv, costs.csv, prices.csv, tic.csv, tic.json, solution.json and\n"
     "report.html into the output folder.\n"
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
     "usage: tico macc [--prices LIST|FROM:TO:STEP] [--caps LIST] [--measures] [--year Y] [-j N]\n"
     "                 [--warm] [-o DIR] INSTANCE.cfg\n"
     "Marginal abatement cost curves: a solve per carbon price, per cap (shares of baseline\n"
     "emissions), or per candidate measure. Writes macc.csv, macc_points.csv and macc.svg.\n"
     "  --warm   start each point from the previous point's solution (off by default: GLPK\n"
     "           then solves without its MIP presolver, which was slower on Dunkirk)\n"},
    {"mc",
     "usage: tico mc [--samples N] [--seed S] [--reoptimise] [--pathways FILE] [-j N] [-o DIR] INSTANCE.cfg\n"
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
     "                    each pathway's route choices are the scenario's optimum\n"},
    {"value",
     "usage: tico value [--asset ID] [-j N] [--samples N] [--seed S] [--cold] [-o DIR] INSTANCE.cfg\n"
     "Value of each shared infrastructure family (the assets of one technology): total cost without\n"
     "it minus with it, and the split of its cost among the plants, by use (traced flows) and by\n"
     "Shapley value over plant coalitions (exact up to 12 plants, sampled beyond). Writes value.csv,\n"
     "value_split.csv and value.svg.\n"
     "  --asset ID      one asset (by its id) or one family (by its technology id)\n"
     "  --samples N     sampled Shapley: marginal contributions wanted (default 1000)\n"
     "  --seed S        sampled Shapley: random seed (default 1)\n"
     "  --cold          no warm starts between coalition solves\n"},
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
        fprintf(stderr, "tico: unknown command '%s'; expected check, solve, export, macc, mc or value\n", argv[1]);
        return TICO_EUSAGE;
    }
    o->command = COMMANDS[cmd].name;
    o->sets = calloc((size_t)argc, sizeof *o->sets);

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
        } else if (o->instance) {
            fprintf(stderr, "tico %s: one instance file expected, found '%s' and '%s'\n", o->command, o->instance, a);
            return TICO_EUSAGE;
        } else {
            o->instance = a;
        }
    }
    if (!o->instance) {
        fprintf(stderr, "tico %s: no instance file given\n%s", o->command, COMMANDS[cmd].help);
        return TICO_EUSAGE;
    }
    return TICO_OK;
}

char *cli_outdir(const Options *o, const Model *m)
{
    if (o->outdir)
        return strdup(o->outdir);
    /* out/<instance name>: the cluster name made safe for a folder name */
    size_t n = strlen(m->name);
    char *dir = malloc(n + 5);
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
        printf(" t/yr%s", m->policy.cap_scope2 ? " (scope 1+2)" : "");
    }
    if (m->policy.budget >= 0)
        printf("; budget %g t", m->policy.budget);
    printf("\nsolver     mip_gap %g, time_limit %g s\n", m->solver.mip_gap, m->solver.time_limit);
    printf("ok: the instance is valid (* = existing route)\n");
    return TICO_OK;
}

/* ---- dispatch ---------------------------------------------------------------------- */

int cli_main(int argc, char **argv)
{
    Options o;
    bool done;
    TicoStatus st = cli_parse(argc, argv, &o, &done);
    if (st != TICO_OK || done) {
        free(o.sets);
        return st;
    }
#ifdef TICO_MPI
    /* under mpirun, macc, mc and value share their solves among the ranks; the other
     * commands run on rank 0 alone */
    if (!pool_mpi_join(strcmp(o.command, "macc") == 0 || strcmp(o.command, "mc") == 0 ||
                       strcmp(o.command, "value") == 0)) {
        free(o.sets);
        return TICO_OK;
    }
#endif
    Diag d = {0};
    Model *m = load_instance(o.instance, o.sets, o.nsets, &d);
#ifdef TICO_MPI
    if (!pool_mpi_same_input(m ? m->input_sha256 : NULL) && m) { /* every rank, the same files */
        diag_free(&d);
        model_free(m);
        free(o.sets);
        return TICO_EINPUT;
    }
#endif
    if (!m) {
        diag_print(&d, stderr);
        fprintf(stderr, "tico: %d problem%s found; nothing written\n", d.n, d.n == 1 ? "" : "s");
        diag_free(&d);
        free(o.sets);
        return TICO_EINPUT;
    }
    diag_free(&d);
    if (o.gap >= 0)
        m->solver.mip_gap = o.gap;
    if (o.time_limit >= 0)
        m->solver.time_limit = o.time_limit;

    if (strcmp(o.command, "check") == 0)
        st = cmd_check(&o, m);
    else if (strcmp(o.command, "solve") == 0)
        st = cmd_solve(&o, m);
    else if (strcmp(o.command, "export") == 0)
        st = cmd_export(&o, m);
    else if (strcmp(o.command, "macc") == 0)
        st = cmd_macc(&o, m);
    else if (strcmp(o.command, "mc") == 0)
        st = cmd_mc(&o, m);
    else
        st = cmd_value(&o, m);
    model_free(m);
    free(o.sets);
    return st;
}
