/*
 * report.h — the reports of a solve (SPEC §6, §9), written atomically into a folder.
 */
#ifndef TICO_REPORT_H
#define TICO_REPORT_H

#include "model.h"
#include "solution.h"
#include "tico.h"

/* Write every report file of SPEC §6 for solution s of model m into dir (created if
 * missing). baseline is the solve of the same instance with carbon price 0, no cap and no
 * budget (for the TIC report, SPEC §6.3); it may be NULL (then baseline figures are left
 * out). All files are first written under temporary names in dir and renamed at the end,
 * so a reader never sees a half-written set. Returns TICO_OK or TICO_EINTERNAL (with a
 * message on stderr naming the file). */
TicoStatus report_write(const Model *m, const Solution *s, const Solution *baseline,
                        const char *dir);

#endif
