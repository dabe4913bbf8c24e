/*
 * cmd_macc.c — `tico macc`: the options resolved once into MaccParams (macc.h).
 */
#include <stdlib.h>

#include "cli.h"
#include "macc.h"
#include "pool.h"

TicoStatus cmd_macc(const Options *o, Model *m)
{
    char *dir = cli_outdir(o, m);
    MaccParams p = {o->prices, o->caps, o->measures, o->year, o->warm, o->gap, o->time_limit,
                    o->jobs > 0 ? o->jobs : pool_cores(), o->quiet, dir};
    TicoStatus st = macc_run(m, &p);
    free(dir);
    return st;
}
