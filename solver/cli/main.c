/*
 * main.c — the program tico: parse the command line, load the instance, check the output
 * folder, run the command (cli.h). Nothing below the command-line layer calls back here.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "diag.h"
#include "out.h"
#include "stop.h"
#ifdef TICO_MPI
#include "pool_mpi.h"
#endif

/* ---- dispatch ---------------------------------------------------------------------- */

static int run(int argc, char **argv)
{
    Options o;
    bool done;
    TicoStatus st = cli_parse(argc, argv, &o, &done);
    if (st != TICO_OK || done) {
        free(o.sets);
        free(o.folders);
        return st;
    }
    if (strcmp(o.command, "portfolio") == 0) { /* folders, not an instance */
        cli_set_run(&o, NULL);
        st = cmd_portfolio(&o);
        out_set_run(NULL);
        free(o.sets);
        free(o.folders);
        return st;
    }
#ifdef TICO_MPI
    /* under mpirun, macc, mc and value share their solves among the ranks; the other
     * commands run on rank 0 alone */
    if (!pool_mpi_join(strcmp(o.command, "macc") == 0 || strcmp(o.command, "mc") == 0 ||
                       strcmp(o.command, "value") == 0)) {
        free(o.sets);
        free(o.folders);
        return TICO_OK;
    }
#endif
    stop_install();
    Diag d = {0};
    Model *m = load_instance(o.instance, o.sets, o.nsets, &d);
#ifdef TICO_MPI
    if (!pool_mpi_same_input(m ? m->input_sha256 : NULL) && m) { /* every rank, the same files */
        diag_free(&d);
        model_free(m);
        free(o.sets);
        free(o.folders);
        return TICO_EINPUT;
    }
#endif
    if (!m) {
        diag_print(&d, stderr);
        fprintf(stderr, "tico: %d problem%s found; nothing written\n", d.n, d.n == 1 ? "" : "s");
        diag_free(&d);
        free(o.sets);
        return TICO_EINPUT;
    }
    diag_free(&d);
    if (o.gap >= 0)
        m->solver.mip_gap = o.gap;
    if (o.time_limit >= 0)
        m->solver.time_limit = o.time_limit;

    /* the output folder is created and tested before any solve (SPEC §2: exit 1) */
    if (strcmp(o.command, "check") != 0) {
        char *dir = cli_outdir(&o, m);
        if (out_check_dir(dir) != 0) {
            fprintf(stderr, "tico %s: cannot write the output folder %s: %s\n", o.command, dir, strerror(errno));
            free(dir);
            model_free(m);
            free(o.sets);
            return TICO_EUSAGE;
        }
        free(dir);
    }
    cli_set_run(&o, m); /* run.json and the header lines name this run (out.h) */
    if (strcmp(o.command, "check") == 0)
        st = cmd_check(&o, m);
    else if (strcmp(o.command, "solve") == 0)
        st = cmd_solve(&o, m);
    else if (strcmp(o.command, "export") == 0)
        st = cmd_export(&o, m);
    else if (strcmp(o.command, "macc") == 0)
        st = cmd_macc(&o, m);
    else if (strcmp(o.command, "mc") == 0)
        st = cmd_mc(&o, m);
    else
        st = cmd_value(&o, m);
    out_set_run(NULL);
    model_free(m);
    free(o.sets);
    return st;
}

int main(int argc, char **argv)
{
#ifdef TICO_MPI
    /* make MPI=1: under mpirun the ranks share the solves of macc, mc and value (pool_mpi.h) */
    pool_mpi_init(&argc, &argv);
    return pool_mpi_finalize(run(argc, argv));
#else
    return run(argc, argv);
#endif
}
