/*
 * stop.c — Ctrl-C and SIGTERM for the whole run (see stop.h).
 */
#include "stop.h"

#include <signal.h>
#include <string.h>

static volatile sig_atomic_t received;

static void on_signal(int sig)
{
    if (!received)
        received = sig;
    /* a second signal ends the program */
    signal(SIGINT, SIG_DFL);
    signal(SIGTERM, SIG_DFL);
}

void stop_install(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
}

int stop_requested(void)
{
    return received;
}

TicoStatus stop_status(void)
{
    return received == SIGINT ? TICO_ESIGINT : received == SIGTERM ? TICO_ESIGTERM : TICO_OK;
}

void stop_reset(void)
{
    received = 0;
}
