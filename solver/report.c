/*
 * report.c — TRANSITIONAL: the report writer is being built (see report.h). Until it lands,
 * a solve says that it wrote nothing and exits 5.
 */
#include <stdio.h>

#include "report.h"

TicoStatus report_write(const Options *o, const Model *m, const Solution *s, const Solution *baseline,
                        const char *dir)
{
    (void)o; (void)m; (void)s; (void)baseline;
    fprintf(stderr, "tico: reports are not implemented yet; nothing written to %s\n", dir);
    return TICO_EINTERNAL;
}
