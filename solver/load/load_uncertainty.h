/*
 * load_uncertainty.h — internal to the loader: the `uncertainty` section (tico mc, SPEC §7).
 */
#ifndef TICO_LOAD_UNCERTAINTY_H
#define TICO_LOAD_UNCERTAINTY_H

#include "load_int.h"

/* Read and validate the top-level group `uncertainty` of the files being loaded into
 * L->m->uncertainty (left with present = false when no file has one). Called by load_instance()
 * after every other section, so that commodities and technologies resolve; every problem is
 * reported through ld_err() as FILE:LINE: PATH: message. */
void load_uncertainty(Loader *L);

#endif
