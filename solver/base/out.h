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

/* ---- the run that writes: run.json and the header lines -------------------------------
 * A command describes its run once (the command line does, solver/cli/main.c). From then on
 * out_commit() adds run.json to every set it commits, atomically with it: one sidecar per
 * folder, a list `runs` of the runs whose files the folder holds, each with its tico version,
 * command, mode, instance name and file, input sha256, the options that change a result and
 * those that do not (-j, -q, -o, --resume), the gap asked and the proven gap, the date of the
 * solve (UTC) and the files it wrote. A run's entry replaces, for the files it writes, the
 * entries of earlier runs (an earlier run whose every file was rewritten is dropped).
 * The date is in run.json only: the other files of two runs of the same input and options are
 * byte for byte the same. Without a run described (the library used directly), no run.json is
 * written and out_run_line() is NULL. */
typedef struct {
    const char *command;       /* solve, macc, mc, value, portfolio */
    const char *mode;          /* macc: prices, caps, measures joined by '+'; else the command */
    const char *instance;      /* the instance's name (NULL for portfolio) */
    const char *instance_file; /* the path given on the command line (portfolio: its folders) */
    const char *input_sha256;  /* NULL for portfolio */
    const char *model_sha256;  /* of input_sha256 and every --set: the model solved (NULL for portfolio) */
    const char *options;       /* options that change a result, as typed ("" none) */
    const char *run_options;   /* options that do not: -j, -q, -o, --resume ("" none) */
    double gap_requested;      /* relative gap asked for; NaN when not a solve */
} OutRun;

/* Describe the run (copied). NULL forgets it. */
void out_set_run(const OutRun *r);
/* The proven gap of the run's result (a single solve); NaN (the default): per point in the
 * files (sweeps). */
void out_run_gap(double gap);
/* One line naming the run, without its date, for headers: "tico 0.1.0 solve of NAME
 * (FILE), options: ..., gap asked 1e-05, proven gap 0.00021 %, input sha256 ...". NULL when no
 * run is described. Owned by out.c, valid until the next out_set_run / out_run_gap. */
const char *out_run_line(void);
/* model_sha256 of the run described, NULL if none. */
const char *out_run_model(void);
/* <desc>run line</desc> and a newline, for an SVG file (nothing when no run is described). */
void out_svg_desc(FILE *f);

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
