/*
 * cmd_portfolio.c — `tico portfolio [-o DIR] FOLDER...` (portfolio.h): no instance is loaded;
 * the folders of `tico solve` are read.
 */
#include "cli.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "out.h"
#include "portfolio.h"

TicoStatus cmd_portfolio(const Options *o)
{
    const char *dir = o->outdir ? o->outdir : "out/portfolio";
    /* the output folder is tested first, as for every command (SPEC §2: exit 1) */
    if (out_check_dir(dir) != 0) {
        fprintf(stderr, "tico portfolio: cannot write the output folder %s: %s\n", dir, strerror(errno));
        return TICO_EUSAGE;
    }
    return portfolio_run(dir, o->folders, o->nfolders, o->quiet);
}
