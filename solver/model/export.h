/*
 * export.h — write the MILP of a Build to a file (`tico export`, SPEC §2).
 */
#ifndef TICO_EXPORT_H
#define TICO_EXPORT_H

#include "build.h"
#include "tico.h"

/* Write B as dir/model.FORMAT, FORMAT "lp" (CPLEX LP), "mps" (free MPS) or "glpk", creating
 * dir if missing. The file is written under a temporary name and renamed, mode 0666 & ~umask.
 * Returns TICO_OK and *path (malloc'd, the caller frees), or TICO_EINTERNAL after a message. */
TicoStatus export_write(Build *B, const char *format, const char *dir, char **path);

#endif
