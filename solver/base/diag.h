/*
 * diag.h — collected diagnostics: every problem found in the input, each as
 * "FILE:LINE: PATH: message" (SPEC §3.8). The Diag owns its strings; free with diag_free().
 */
#ifndef TICO_DIAG_H
#define TICO_DIAG_H

#include <stdio.h>

typedef struct {
    char **msg;
    int n, cap;
} Diag;

/* Append one message. file may be NULL (then "-"), line <= 0 omits the line,
 * path may be NULL or "" (then omitted). The message is kept whole, never cut: a caller
 * quoting a value of unbounded length clips the value, not the message (load_int.h: ld_q). */
void diag_add(Diag *d, const char *file, int line, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
void diag_print(const Diag *d, FILE *out);
void diag_free(Diag *d);

/* "Did you mean": the edit distance of two names (99 for names over 40 characters), and how
 * many edits a name of this length may be off and still be suggested. */
int diag_edit_distance(const char *a, const char *b);
int diag_typo_limit(const char *word);

#endif
