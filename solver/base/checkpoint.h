/*
 * checkpoint.h — the finished tasks of a sweep (macc, mc, value), kept on disk as they
 * arrive, so that a late failure or Ctrl-C keeps what was computed and `--resume` skips it
 * (SPEC §2; issue "truthful results": check before compute).
 *
 * The file is OUT_DIR/.tico-checkpoint: a header line "tico-checkpoint 1 KEY\n", then one
 * record per finished task: int32 round, int32 task, uint64 length, the task's bytes (a
 * packed TaskRecord, task.h). KEY fingerprints the run (the instance's input sha256, the
 * command and every option that changes a result): a checkpoint of another run is never
 * used. A round is one pool_run of the command (value solves in rounds); rounds are
 * numbered in the order the command runs them, which does not depend on -j.
 *
 * Life: the command calls checkpoint_begin() before its first pool_run; pool_run calls
 * checkpoint_next_round() and, in the parent, checkpoint_add() for every result that
 * arrives before a stop signal; the chain runner (sweep.c) asks checkpoint_lookup() before
 * solving a task and emits the stored bytes instead. checkpoint_end(true) after the
 * command's files are written removes the file; checkpoint_end(false) keeps it and says how
 * many tasks it holds. Workers (fork or MPI ranks) see what the parent loaded before they
 * started; they never write the file.
 */
#ifndef TICO_CHECKPOINT_H
#define TICO_CHECKPOINT_H

#include <stdbool.h>
#include <stddef.h>

/* Start checkpointing into dir under key (a string, e.g. a hex digest). With resume, load
 * the records of an existing checkpoint of the same key; one of another key is an error
 * (message, -1), and so is an unreadable one. Returns the number of records loaded. */
int checkpoint_begin(const char *dir, const char *key, bool resume);

/* A new round of tasks (pool_run). */
void checkpoint_next_round(void);

/* The stored bytes of task `task` of the current round (owned by the checkpoint). */
bool checkpoint_lookup(int task, const unsigned char **bytes, size_t *len);

/* Append a finished task of the current round (parent only; errors only warn once). */
void checkpoint_add(int task, const unsigned char *bytes, size_t len);

/* End: success removes the file; otherwise it stays, with a message when it holds tasks. */
void checkpoint_end(bool success);

/* MPI ranks other than 0 (pool_mpi.c): they read a checkpoint (--resume) but never write
 * one; rank 0 alone keeps the file. */
void checkpoint_read_only(void);

/* The tasks the file holds now (loaded and added) and its path (NULL when off), for rank
 * 0's message when mpirun ends it (a plain int and a string set before: safe to read from
 * a signal handler). */
int checkpoint_count(void);
const char *checkpoint_path(void);

#endif
