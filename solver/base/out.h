/*
 * out.h — a set of output files written atomically into one folder.
 *
 * A command that writes several files (solve's reports, macc, mc) opens each one with
 * out_open(), writes to the FILE * it gets with ordinary stdio, and ends with out_commit():
 * every file is first written as a hidden temporary in the folder (".NAME.tmp") and only
 * renamed to NAME at the end, after all were written, flushed and closed without error. If
 * anything fails, or out_abort() is called, the temporaries are removed and the folder is
 * left as it was: a reader sees the whole new set or the old files, never a half-written one.
 *
 * The renames at the end form a small transaction: files that NAME would replace are first
 * hard-linked to ".NAME.bak"; if a rename fails, the files already renamed are restored from
 * those links (or removed when they are new) before the error is returned.
 *
 * Errors: one message on stderr naming the file ("tico: DIR/NAME: reason"), and the status
 * TICO_EINTERNAL.
 */
#ifndef TICO_OUT_H
#define TICO_OUT_H

#include <stdio.h>

#include "tico.h"

typedef struct OutSet OutSet;

/* Start a set of files in dir, creating dir and its parents (mode 0777 & ~umask) if missing,
 * and take the folder's lock (an flock on the folder) until commit or abort, so that two
 * runs never mix their files: a second writer waits, with a message.
 * Returns NULL (after a message) if the folder cannot be created or locked. The caller ends the set
 * with exactly one of out_commit() or out_abort(), which free it. */
OutSet *out_begin(const char *dir);

/* The folder of the set (owned by the set). */
const char *out_dir(const OutSet *o);

/* Open file name (a plain file name, no '/') of the set for writing. The FILE * belongs to
 * the set: write to it, never fclose it. Returns NULL (after a message naming the file)
 * when the temporary cannot be created; the set stays usable for out_abort(). Opening the
 * same name twice is an error. */
FILE *out_open(OutSet *o, const char *name);

/* From now on every set writes nothing: out_begin creates no folder, out_open gives a FILE *
 * on /dev/null, out_commit renames nothing (MPI ranks other than 0: rank 0 alone writes). */
void out_discard(void);

/* Convenience: fprintf to a file of the set (a write error is caught at commit). */
void out_printf(FILE *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Close every file, check for write errors, and rename all temporaries into place.
 * Returns TICO_OK, or TICO_EINTERNAL after a message naming the file at fault, with no
 * temporary left behind and the files that existed before restored. Frees o. */
TicoStatus out_commit(OutSet *o);

/* Remove every temporary and free o. Files that existed before are untouched. */
void out_abort(OutSet *o);

/* Numbers in every output file: %.12g (12 significant digits: enough for EUR and tonnes,
 * and it hides the last-digit noise of an LP solution); a magnitude below OUT_ZERO (solver
 * round-off: no report quantity is that small) and -0 are written as 0. Non-finite values
 * give "" (CSV: an empty field; JSON writers print null instead). buf must hold 32 chars;
 * returns buf. */
#define OUT_NUMLEN 32
#define OUT_ZERO 1e-9
const char *out_num(char *buf, double v);

/* Write v to f as out_num() formats it. */
void out_put_num(FILE *f, double v);

/* Write one CSV field, quoted ("..." with "" for ") only when it holds a comma, a quote, a
 * line break, or leading or trailing blanks (RFC 4180). */
void out_csv_field(FILE *f, const char *s);

/* Before any long work: can dir be created (mkdir -p) and written? The deepest existing part
 * of the path must be a folder we may write in (when dir exists, a file is created in it and
 * removed); nothing is left behind. Returns 0, or -1 with errno set (the caller names dir and
 * strerror(errno)). */
int out_check_dir(const char *dir);

/* mkdir -p: create dir and any missing parents. Returns 0, or -1 with errno set. */
int out_mkdirs(const char *dir);

#endif
