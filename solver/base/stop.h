/*
 * stop.h — Ctrl-C and SIGTERM for the whole run (SPEC §2).
 *
 * stop_install() (once, in the command line) makes SIGINT and SIGTERM set a flag instead of
 * ending the program: a solve in progress stops at its next callback and keeps its
 * incumbent, sweeps stop handing out tasks and end their workers, and the command writes
 * what it has with status `interrupted` and exits 130 (SIGINT) or 143 (SIGTERM). A second
 * signal of either kind ends the program at once (the default action).
 */
#ifndef TICO_STOP_H
#define TICO_STOP_H

#include "tico.h"

void stop_install(void);

/* 0, or the number of the first SIGINT / SIGTERM received since stop_install(). */
int stop_requested(void);

/* The exit status for a stop: TICO_ESIGINT or TICO_ESIGTERM (TICO_OK when none). */
TicoStatus stop_status(void);

/* Forget a received signal (tests). */
void stop_reset(void);

#endif
