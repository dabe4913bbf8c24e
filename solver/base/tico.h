/*
 * tico.h — status codes shared by every module, and the one propagation macro.
 *
 * The values are the program's exit codes (SPEC §2).
 */
#ifndef TICO_H
#define TICO_H

#define TICO_VERSION "0.1.0"

typedef enum {
    TICO_OK = 0,
    TICO_EUSAGE = 1,      /* usage error */
    TICO_EINPUT = 2,      /* invalid input */
    TICO_EINFEASIBLE = 3, /* model infeasible */
    TICO_ENOSOL = 4,      /* limit reached without a feasible solution */
    TICO_EINTERNAL = 5,   /* solver or internal error */
    TICO_ESIGINT = 130,   /* stopped by SIGINT (Ctrl-C); what was found is written, status interrupted */
    TICO_ESIGTERM = 143   /* stopped by SIGTERM; the same */
} TicoStatus;

/* Propagate a non-OK status to the caller. */
#define CHECK(x)                          \
    do {                                  \
        TicoStatus check_s_ = (x);        \
        if (check_s_ != TICO_OK)          \
            return check_s_;              \
    } while (0)

#endif
