/*
 * load.c — from libconfig trees to a validated Model (SPEC §3): the driver. It reads the
 * files (load_src.c), applies --set, runs the sections in order (each in its own file, see
 * load_int.h), then the checks over the whole input (load_check.c).
 *
 * Every reader reports what is wrong and carries on, so that one run lists every problem
 * (SPEC §3.8). Checks that depend on an earlier value (list lengths need the periods,
 * references need the ids) are skipped when that value was itself invalid, so one mistake
 * gives one message.
 */
#include "load.h"
#include "xalloc.h"

#include <stdbool.h>
#include <stdlib.h>

#include "load_int.h"
#include "load_src.h"
#include "load_uncertainty.h"
#include "sha256.h"

static const char *const TOP_KEYS[] = {"cluster", "horizon", "timeslices", "commodities", "technologies",
                                       "markets", "demands", "plants", "infrastructure", "measures", "policy",
                                       "economics", "solver", "uncertainty", NULL};

static void fingerprint(Model *m, const Sources *S)
{
    m->nfiles = S->n;
    m->files = xcalloc((size_t)S->n, sizeof *m->files);
    m->file_sha256 = xcalloc((size_t)S->n, sizeof *m->file_sha256);
    Sha256 all;
    sha256_init(&all);
    for (int k = 0; k < S->n; k++) {
        m->files[k] = xstrdup(S->path[k]);
        Sha256 one;
        sha256_init(&one);
        sha256_update(&one, S->bytes[k], S->size[k]);
        sha256_hex(&one, m->file_sha256[k]);
        sha256_update(&all, S->bytes[k], S->size[k]);
    }
    m->input_sha256 = xcalloc(65, 1);
    sha256_hex(&all, m->input_sha256);
}

Model *load_instance(const char *path, const Override *ov, int nov, Diag *d)
{
    Sources src = {0};
    int before = d->n;
    bool read_ok = src_read(&src, path, d);
    Model *m = xcalloc(1, sizeof *m);
    fingerprint(m, &src);
    if (!read_ok) {
        /* a file that did not parse (or could not be read) leaves the instance without what
         * it held: every later check would report consequences of that one problem
         * ("commodity 'natural_gas' has no market" for markets the file defined), so only the
         * read problems are reported */
        src_free(&src);
        model_free(m);
        return NULL;
    }
    src_apply_overrides(&src, ov, nov, d);

    Loader L;
    ld_init(&L, d, &src, m);
    ld_check_utf8(&L);
    for (int k = 0; k < src.n; k++)
        if (src.ok[k])
            ld_check_keys(&L, config_root_setting(src.cfg[k]), "", TOP_KEYS);
    ld_cluster(&L);
    ld_horizon(&L);
    ld_timeslices(&L);
    ld_commodities(&L);
    ld_technologies(&L);
    ld_markets(&L);
    ld_demands(&L);
    ld_plants(&L);
    ld_infrastructure(&L);
    ld_measures(&L);
    ld_policy(&L);
    ld_solver(&L);
    ld_economics(&L);
    load_uncertainty(&L);
    if (d->n == before && L.T && L.S)
        ld_check_magnitudes(&L);

    bool complete = L.T && L.S;
    ld_free(&L);
    src_free(&src);
    if (d->n > before || !complete) {
        if (d->n == before)
            diag_add(d, path, 0, NULL, "the instance is incomplete");
        model_free(m);
        return NULL;
    }
    return m;
}

