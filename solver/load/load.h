/*
 * load.h — read an instance (and the catalogue files it @includes), apply --set
 * overrides, validate everything (SPEC §3.8) and fill one Model.
 *
 * @include: an `@include "file"` line at the top level of a file reads that file, relative
 * to the including file's folder; its top-level lists (commodities, technologies, markets,
 * demands, plants, infrastructure) are appended to the instance's, in load order (the
 * instance first, then each included file depth-first). A top-level group (cluster,
 * horizon, ...) may be given in one file only.
 */
#ifndef TICO_LOAD_H
#define TICO_LOAD_H

#include "diag.h"
#include "model.h"

/* One --set PATH=VALUE override. PATH: names separated by '.', a list element either as
 * [N] or by its id (plants.am_dunkerque.production). VALUE: any libconfig value. */
typedef struct {
    const char *path;
    const char *value;
} Override;

/* Load and validate. On success returns a Model the caller frees with model_free().
 * On any problem returns NULL with every problem found appended to d. */
Model *load_instance(const char *path, const Override *ov, int nov, Diag *d);

#endif
