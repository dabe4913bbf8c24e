/*
 * cli.h — the command line (SPEC §2): options shared by every command, and the commands.
 */
#ifndef TICO_CLI_H
#define TICO_CLI_H

#include <stdbool.h>

#include "load.h"
#include "model.h"
#include "tico.h"

typedef struct {
    const char *command;
    const char *instance;
    const char *outdir;     /* -o; NULL = out/<instance name> */
    bool quiet;             /* -q */
    double time_limit;      /* --time-limit; < 0 = from the instance */
    double gap;             /* --gap; < 0 = from the instance */
    Override *sets;         /* --set, in order given */
    int nsets;
    int jobs;               /* -j; 0 = number of cores */
    bool elastic;           /* solve --elastic */
    double penalty;         /* --penalty, EUR per unit of slack */
    const char *format;     /* export --format lp|mps|glpk */
    const char *prices;     /* macc --prices */
    const char *caps;       /* macc --caps */
    bool measures;          /* macc --measures */
    const char *scope;      /* macc --scope "1", "1+2", "1+3" or "1+2+3"; NULL = "1+3" */
    const char *sector;     /* macc --sector S: measures of sector S only; NULL = all */
    int start;              /* macc --start YEAR of every measure; 0 = the cheapest feasible */
    int lines;              /* macc --lines N lines per measure; 0 = the plant's whole production */
    int year;               /* macc --year; 0 = last period */
    bool cold;              /* mc, value --cold: no warm starts (for benchmarks) */
    bool warm;              /* macc --warm: warm starts between sweep points */
    int samples;            /* mc --samples; 0 = from the instance's uncertainty section, else 1000 */
    long long seed;         /* mc --seed; < 0 = from the instance, else 1 */
    bool reoptimise;        /* mc --reoptimise */
    bool resume;            /* macc, mc, value --resume: skip the tasks a stopped run finished */
    const char *pathways;   /* mc --pathways FILE */
    const char *asset;      /* value --asset */
    const char **folders;   /* portfolio: the solved folders (instead of an instance); malloc'd */
    int nfolders;
} Options;

/* Parse argv into o. Returns TICO_OK, or TICO_EUSAGE after printing what is wrong.
 * *done is set when --help or --version was answered (exit 0). o->sets is malloc'd. */
TicoStatus cli_parse(int argc, char **argv, Options *o, bool *done);

/* The output folder: o->outdir, or out/<instance name>. Caller frees. */
char *cli_outdir(const Options *o, const Model *m);

/* Sweeps (macc, mc, value): keep finished tasks in DIR/.tico-checkpoint (checkpoint.h), under a
 * key made of the instance's input sha256, the command and every option that changes a
 * result; with --resume, skip those a stopped run of the same key finished. TICO_EUSAGE after
 * a message when the checkpoint cannot be used. End with checkpoint_end(). */
TicoStatus cli_checkpoint_begin(const Options *o, const Model *m, const char *dir);

/* Describe the run for run.json and the header lines of the files it writes (out.h): command,
 * mode, instance (m; NULL for portfolio), the options that change a result and those that do
 * not. */
void cli_set_run(const Options *o, const Model *m);

/* Commands. Each returns the exit status. */
TicoStatus cmd_check(const Options *o, const Model *m);
TicoStatus cmd_solve(const Options *o, Model *m);
TicoStatus cmd_export(const Options *o, Model *m);
TicoStatus cmd_macc(const Options *o, Model *m);
TicoStatus cmd_mc(const Options *o, Model *m);
TicoStatus cmd_value(const Options *o, Model *m);
TicoStatus cmd_portfolio(const Options *o);   /* no instance: reads o->folders */


#endif
