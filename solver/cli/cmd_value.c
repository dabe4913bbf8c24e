/*
 * cmd_value.c — `tico value`: the options resolved once into ValueParams (value.h).
 */
#include <stdlib.h>

#include "cli.h"
#include "pool.h"
#include "value.h"

TicoStatus cmd_value(const Options *o, Model *m)
{
    char *dir = cli_outdir(o, m);
    ValueParams p = {o->asset, o->samples, o->seed, o->cold, o->gap, o->time_limit,
                     o->jobs > 0 ? o->jobs : pool_cores(), o->quiet, dir};
    TicoStatus st = value_run(m, &p);
    free(dir);
    return st;
}
