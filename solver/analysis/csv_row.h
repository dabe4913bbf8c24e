/*
 * csv_row.h — the one pair of CSV cell writers of the analysis files (macc, mc, value):
 * a cell, then its separator: ',' or, for the last cell of a row, '\n'. Numbers as
 * out_put_num writes them, an empty cell for NaN or infinity; text through out_csv_field
 * (quoted only when it must be).
 */
#ifndef TICO_CSV_ROW_H
#define TICO_CSV_ROW_H

#include <math.h>
#include <stdbool.h>
#include <stdio.h>

#include "out.h"

static inline void csv_num(FILE *f, double v, bool last)
{
    if (isfinite(v))
        out_put_num(f, v);
    fputc(last ? '\n' : ',', f);
}

static inline void csv_text(FILE *f, const char *s, bool last)
{
    out_csv_field(f, s);
    fputc(last ? '\n' : ',', f);
}

#endif
