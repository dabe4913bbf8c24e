/*
 * cmd_value.c — `tico value`: the options resolved once into ValueParams (value.h).
 */
#include <stdlib.h>

#include "checkpoint.h"
#include "cli.h"
#include "pool.h"
#include "stop.h"
#include "value.h"

TicoStatus cmd_value(const Options *o, Model *m)
{
    char *dir = cli_outdir(o, m);
    ValueParams p = {o->asset, o->samples, o->seed, o->cold, o->gap, o->time_limit,
                     o->jobs > 0 ? o->jobs : pool_cores(), o->quiet, dir};
    TicoStatus st = cli_checkpoint_begin(o, m, dir);
    if (st == TICO_OK) {
        st = value_run(m, &p);
        if (stop_requested())
            st = stop_status(); /* Ctrl-C / SIGTERM: exit 130 / 143, finished tasks kept */
        checkpoint_end(st == TICO_OK);
    }
    free(dir);
    return st;
}
