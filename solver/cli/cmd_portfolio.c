/*
 * cmd_portfolio.c — `tico portfolio [-o DIR] FOLDER...` (portfolio.h): no instance is loaded;
 * the folders of `tico solve` are read.
 */
#include "cli.h"

#include "portfolio.h"

TicoStatus cmd_portfolio(const Options *o)
{
    return portfolio_run(o->outdir ? o->outdir : "out/portfolio", o->folders, o->nfolders, o->quiet);
}
