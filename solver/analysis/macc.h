/*
 * macc.h — marginal abatement cost curves (SPEC §5), the library side of `tico macc`
 * (what it computes is described in macc.c; the command, solver/cli/cmd_macc.c, resolves
 * the options into MaccParams and calls macc_run).
 */
#ifndef TICO_MACC_H
#define TICO_MACC_H

#include <stdbool.h>

#include "model.h"
#include "tico.h"

typedef struct {
    const char *prices;     /* LIST or FROM:TO:STEP of carbon prices; NULL none (with no caps and
                             * no measures: 0:400:25) */
    const char *caps;       /* LIST of shares of the baseline's target-year emissions; NULL none */
    bool measures;          /* one bar per candidate (plant, route) */
    const char *scope;      /* measures: abatement boundary "1", "1+2", "1+3", "1+2+3"; NULL = "1+3" */
    int start;              /* measures: start year of every measure; 0 = each its cheapest feasible */
    int lines;              /* measures: lines on the route; 0 = the plant's whole production */
    const char *sector;     /* measures: only those of this sector (plants' and asset measures'); NULL = all */
    int year;               /* target year; 0 = the last period */
    bool warm;              /* warm starts between the points of a chain */
    double gap;             /* relative MIP gap; < 0 = the instance's, at most 1e-6 */
    double time_limit;      /* seconds per solve; < 0 = the instance's */
    int jobs;               /* worker processes, >= 1 */
    bool quiet;             /* nothing on stdout, no progress */
    const char *outdir;     /* output folder (created; files replaced atomically) */
} MaccParams;

/* Run the sweep on m and write, per mode asked, macc_<mode>.csv, macc_<mode>_points.csv and
 * macc_<mode>.svg (mode: prices, caps, measures) into p->outdir.
 * Returns the exit status (TICO_EUSAGE after a message for a bad list or year). */
TicoStatus macc_run(const Model *m, const MaccParams *p);

#endif
