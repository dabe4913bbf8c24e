/*
 * task.h — the one record a task of a sweep sends from the process that ran it to the
 * parent (pool.h): fork workers today, MPI ranks later (issue 14). Every analysis (macc, mc,
 * value) and the background baseline of `tico solve` pack their results in it, with the one
 * pack/unpack pair below; nothing else lays out bytes by hand.
 *
 * A record holds
 *   status    the task's outcome as a TicoStatus (TICO_OK when it ran; a solve's own status
 *             travels inside its Solution)
 *   why       an explanation in words ("" none): why a point is infeasible, why a plan
 *             cannot be fixed
 *   solution  a Solution packed by solution_pack() (solution.h; solve layer, so carried here
 *             as bytes: sweep.h in the analysis layer has the Solution-typed helpers)
 *   values    named vectors of doubles, a scalar being a vector of one ("objective",
 *             "zmask", "plan" ...), in the order they were set
 *
 * Wire format (task_pack; one machine's byte order and double format, as fork workers and a
 * homogeneous MPI cluster have): "TKR1", int32 status, uint32 len + why bytes, uint64 len +
 * solution bytes, uint32 count, then per value uint32 name length + name, uint32 n, n
 * doubles. Every byte is written (no struct is copied, so no padding travels).
 *
 * Ownership: a TaskRecord owns why, solution and values; task_free() frees them and leaves
 * an empty record (task_init's). task_pack returns a malloc'd buffer the caller frees.
 */
#ifndef TICO_TASK_H
#define TICO_TASK_H

#include <stdbool.h>
#include <stddef.h>

#include "tico.h"

typedef struct {
    char *name;
    int n;
    double *v;
} TaskValue;

typedef struct {
    TicoStatus status;
    char *why;                  /* never NULL after task_init: "" = none */
    unsigned char *solution;    /* solution_pack()'s bytes, NULL = none */
    size_t solution_len;
    TaskValue *values;
    int nvalues;
} TaskRecord;

void task_init(TaskRecord *r);
void task_free(TaskRecord *r);

/* Replace the explanation (copied). */
void task_set_why(TaskRecord *r, const char *why);
/* Take ownership of a packed Solution (malloc'd bytes), replacing any. */
void task_take_solution(TaskRecord *r, unsigned char *bytes, size_t len);
/* Set value `name` (copied) to v[0..n), or to the scalar x. A name set twice keeps its place
 * and takes the new values. */
void task_set_vec(TaskRecord *r, const char *name, const double *v, int n);
void task_set(TaskRecord *r, const char *name, double x);
/* Value `name`: its first element, or def when absent or empty; the vector and its length
 * (NULL, *n = 0 when absent). */
double task_get(const TaskRecord *r, const char *name, double def);
const double *task_get_vec(const TaskRecord *r, const char *name, int *n);

/* Pack r into a new buffer of *len bytes (caller frees). */
unsigned char *task_pack(const TaskRecord *r, size_t *len);
/* Unpack len bytes into a new record *out (task_free it). Returns false, with *out empty,
 * when the bytes are not one whole record. */
bool task_unpack(const unsigned char *bytes, size_t len, TaskRecord *out);

#endif
