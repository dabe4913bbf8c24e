/*
 * cmd_mc.c — `tico mc`: the options resolved once into McParams (mc.h).
 */
#include <stdlib.h>

#include "checkpoint.h"
#include "cli.h"
#include "mc.h"
#include "pool.h"
#include "stop.h"

TicoStatus cmd_mc(const Options *o, Model *m)
{
    char *dir = cli_outdir(o, m);
    McParams p = {o->samples, o->seed, o->reoptimise, o->pathways, o->cold, o->gap, o->time_limit,
                  o->jobs > 0 ? o->jobs : pool_cores(), o->quiet, dir};
    TicoStatus st = cli_checkpoint_begin(o, m, dir);
    if (st == TICO_OK) {
        st = mc_run(m, &p);
        if (stop_requested())
            st = stop_status(); /* Ctrl-C / SIGTERM: exit 130 / 143, finished tasks kept */
        checkpoint_end(st == TICO_OK);
    }
    free(dir);
    return st;
}
