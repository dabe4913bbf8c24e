/*
 * cmd_mc.c — `tico mc`: the options resolved once into McParams (mc.h).
 */
#include <stdlib.h>

#include "cli.h"
#include "mc.h"
#include "pool.h"

TicoStatus cmd_mc(const Options *o, Model *m)
{
    char *dir = cli_outdir(o, m);
    McParams p = {o->samples, o->seed, o->reoptimise, o->pathways, o->cold, o->gap, o->time_limit,
                  o->jobs > 0 ? o->jobs : pool_cores(), o->quiet, dir};
    TicoStatus st = mc_run(m, &p);
    free(dir);
    return st;
}
