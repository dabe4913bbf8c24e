/*
 * portfolio.h — `tico portfolio`: several solved clusters reported together (SPEC §11).
 *
 * Reads FOLDER/solution.json and FOLDER/tic.json of each folder (written by `tico solve`) and
 * FOLDER/value.csv when present (`tico value`), refuses folders that cannot be reported
 * together (different tico versions, currencies or emission boundaries), and writes
 * portfolio.csv and portfolio.html into the output folder (atomically, out.h). docs/portfolio.md
 * defines every figure.
 */
#ifndef TICO_PORTFOLIO_H
#define TICO_PORTFOLIO_H

#include <stdbool.h>

#include "tico.h"

/* Returns TICO_OK; TICO_EINPUT after messages "FILE: PATH: what is wrong" on stderr when a
 * folder lacks its files or the folders differ in version or boundary (nothing written);
 * TICO_EINTERNAL when the files cannot be written. */
TicoStatus portfolio_run(const char *outdir, const char *const *folders, int n, bool quiet);

#endif
