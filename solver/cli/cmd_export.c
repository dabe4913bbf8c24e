/*
 * cmd_export.c — `tico export`: build the MILP of the instance and write it (export.h).
 */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "export.h"

TicoStatus cmd_export(const Options *o, Model *m)
{
    const char *format = o->format ? o->format : "lp";
    BuildOpts bo = {o->elastic, o->penalty, false};
    Build *B;
    CHECK(build_new(m, &bo, &B));
    char *dir = cli_outdir(o, m);
    char *path = NULL;
    TicoStatus st = export_write(B, format, dir, &path);
    if (st == TICO_OK && !o->quiet) {
        BuildSize z;
        build_size(B, &z);
        printf("wrote %s: %d rows, %d columns (%d integer), %d nonzeros%s\n", path, z.rows, z.cols, z.integers,
               z.nonzeros, B->obj_const != 0.0 ? "; the objective's constant is on column const_fixed_om = 1" : "");
    }
    free(path);
    free(dir);
    build_free(B);
    return st;
}
