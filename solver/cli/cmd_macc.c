/*
 * cmd_macc.c — `tico macc`: the options resolved once into MaccParams (macc.h).
 */
#include <stdlib.h>

#include "checkpoint.h"
#include "cli.h"
#include "macc.h"
#include "pool.h"
#include "stop.h"

TicoStatus cmd_macc(const Options *o, Model *m)
{
    char *dir = cli_outdir(o, m);
    MaccParams p = {o->prices, o->caps, o->measures, o->scope, o->start, o->lines, o->sector, o->year, o->warm, o->gap,
                    o->time_limit, o->jobs > 0 ? o->jobs : pool_cores(), o->quiet, dir};
    TicoStatus st = cli_checkpoint_begin(o, m, dir);
    if (st == TICO_OK) {
        st = macc_run(m, &p);
        if (stop_requested())
            st = stop_status(); /* Ctrl-C / SIGTERM: exit 130 / 143, finished tasks kept */
        checkpoint_end(st == TICO_OK);
    }
    free(dir);
    return st;
}
