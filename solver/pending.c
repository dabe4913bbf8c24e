/*
 * pending.c — commands not built yet. Each says so and exits 5 (SPEC §2: internal error),
 * so that a script never mistakes them for success. A command moves out of this file
 * when it lands.
 */
#include <stdio.h>

#include "cli.h"

static TicoStatus pending(const char *cmd)
{
    fprintf(stderr, "tico %s: not implemented yet in tico %s\n", cmd, TICO_VERSION);
    return TICO_EINTERNAL;
}

TicoStatus cmd_value(const Options *o, Model *m) { (void)o; (void)m; return pending("value"); }
