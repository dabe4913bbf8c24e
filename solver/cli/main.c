/* main.c — the program tico: everything happens in the library (cli.c). */
#include "cli.h"
#ifdef TICO_MPI
#include "pool_mpi.h"
#endif

int main(int argc, char **argv)
{
#ifdef TICO_MPI
    /* make MPI=1: under mpirun the ranks share the solves of macc, mc and value (pool_mpi.h) */
    pool_mpi_init(&argc, &argv);
    return pool_mpi_finalize(cli_main(argc, argv));
#else
    return cli_main(argc, argv);
#endif
}
