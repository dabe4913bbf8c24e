/*
 * io_table.h — input-output (Leontief) analysis for indirect and induced jobs and value
 * added (SPEC §6.3).
 *
 * With A the technical coefficients (A[i*n+j]: EUR bought from sector i per EUR of output of
 * sector j) and f a final demand (EUR per sector), the output that meets f and all the
 * intermediate demand it causes is x = (I - A)^-1 f. tico never forms the inverse: it solves
 * the linear system (I - A) x = f with LAPACK's dgesv (LU with partial pivoting).
 *
 * Effects of a final demand f (io_effects):
 *   first round  the receiving sectors' own output, f: jobs . f, va . f
 *   indirect     the supply chain beyond the first round, with households outside the
 *                table (Type I): jobs . (x_I - f), va . (x_I - f)
 *   induced      what the wages spent by households add, when the table is closed for
 *                households (a sector named "households", any case): the Type II output
 *                x_II with the full table minus the Type I output x_I with the households
 *                row and column left out: jobs . (x_II - x_I), va . (x_II - x_I)
 * jobs are FTE per MEUR of output, va EUR per EUR of output; f in EUR gives FTE-years for a
 * one-off spend and FTE for a spend per year.
 */
#ifndef TICO_IO_TABLE_H
#define TICO_IO_TABLE_H

#include <stdbool.h>

#include "model.h"

/* Solve (I - A) x = f for x (n sectors, A row-major n x n). x has n entries and may be the
 * same array as f. Returns 0, or LAPACK's info (> 0: I - A is singular, < 0: bad argument
 * or LAPACKE not loadable; x is then unchanged). Allocates and frees its own workspace. */
int io_leontief(int n, const double *A, const double *f, double *x);

typedef struct {
    double output;   /* EUR */
    double jobs;     /* FTE (per year) or FTE-years (one-off spend) */
    double va;       /* EUR of value added */
} IoEffect;

typedef struct {
    IoEffect first_round, indirect, induced;
    bool has_induced;  /* the table has a households sector */
} IoEffects;

/* Index of the households sector of e (name "households", case-insensitive), or -1. */
int io_households(const Economics *e);

/* Effects of the final demand f[e->nsectors] (EUR) through the table e (see the top of this
 * file). Returns 0, or the non-zero info of io_leontief() (then *out is zeroed). */
int io_effects(const Economics *e, const double *f, IoEffects *out);

#endif
