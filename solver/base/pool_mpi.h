/*
 * pool_mpi.h — the MPI back end of the pool (pool.h), built with `make MPI=1` only
 * (TICO_MPI defined; issue 14, SPEC §10).
 *
 * Under `mpirun -n K` (K >= 2) every rank runs the same command on the same instance (SPMD):
 * `tico macc`, `tico mc` and `tico value` reach the same pool_open with the same state in
 * every rank. Rank 0 deals the chains to ranks 1 .. K-1 as they become free (a rank asks for
 * the next chain by ending the last one), receives the task records as they come and, when
 * every chain has ended, sends the whole list to every rank in the order it handed them out,
 * so that every rank computes the next round (value) and the files from the same results.
 * Each worker rank runs its chains in one child process (the fork back end with one worker):
 * a chain that fails or a solver process that dies is reported by its rank to rank 0 with
 * the chain, the tasks already back and the rank's messages; rank 0 prints them and the run
 * ends with exit status 5 and no file written. Only rank 0 prints (the stdout and stderr of
 * the other ranks are kept silent) and writes files (out_discard() in the others).
 * Waiting is done by polling with sleeps of at most 1 ms, not by MPI's busy waits, so that an
 * idle rank leaves its core to the ranks that solve (the runs oversubscribe small machines).
 *
 * When one rank's MPI process itself is killed, Open MPI 4 (no fault tolerance) ends every
 * rank and mpirun exits with its own status (128 + the signal). Rank 0, which looks for its
 * ranks' pids while it waits and stops on mpirun's SIGTERM, first names the rank that died
 * and the task it was solving (the solver processes tell their rank each task they begin,
 * pool_begin); the finished tasks stay in the checkpoint, which rank 0 alone writes.
 * mpirun --enable-recovery is refused (mpirun 4.1 then exits 0 whatever the ranks return).
 *
 * Without mpirun (or with one rank) nothing changes: pools run as in a build without MPI, and
 * without a launcher (mpirun, srun, mpiexec) MPI is not even started.
 */
#ifndef TICO_POOL_MPI_H
#define TICO_POOL_MPI_H

#include <stdbool.h>

#include "pool.h"

/* MPI_Init when started by a launcher (mpirun, srun); in ranks other than 0, stdout to /dev/null, stderr to a hidden file whose text
 * goes to rank 0 when the rank fails, and out_discard(). Call first thing in main. */
void pool_mpi_init(int *argc, char ***argv);

/* The number of ranks (1 without mpirun). */
int pool_mpi_ranks(void);

/* The command about to run: `distributed` (macc, mc, value) takes part on every rank, with
 * the MPI back end for its pools; any other command runs on rank 0 alone (with fork
 * workers). Returns false in a rank that has nothing to do. */
bool pool_mpi_join(bool distributed);

/* Every rank has loaded the instance (sha256 = its input_sha256) or failed to (NULL): true
 * when all read the same bytes; else false on every rank, after a message on rank 0 naming
 * the rank that differs. True without mpirun. */
bool pool_mpi_same_input(const char *sha256);

/* MPI_Finalize and the exit status of the process: st. In rank 0, a status other than 0
 * while ranks may still be running (a failed pool) ends them all (MPI_Abort with st). */
int pool_mpi_finalize(int st);

extern const PoolBackend pool_mpi_backend;

#endif
