/*
 * load_int.h — internal to the loader (load*.c): the state of one load and the typed
 * readers every section reader uses, so that a section kept in its own file (the
 * `uncertainty` section, load_uncertainty.c) reads and reports exactly like load.c.
 *
 * Every reader reports what is wrong through ld_err() as "FILE:LINE: PATH: message" and
 * returns a fallback, so that one load lists every problem (SPEC §3.8). PATH is built with
 * ld_sub() / ld_subi() into buffers of PATHLEN.
 */
#ifndef TICO_LOAD_INT_H
#define TICO_LOAD_INT_H

#include <libconfig.h>
#include <stdbool.h>

#include "diag.h"
#include "load_src.h"
#include "model.h"

#define PATHLEN 512

typedef struct {
    Diag *d;
    Sources *src;
    Model *m;
    int T;            /* periods, 0 while unknown (horizon invalid) */
    int S;            /* slices, 0 while unknown */
    int errors_before;
} Loader;

/* An allowed range of numbers. */
typedef struct {
    double lo, hi;
    bool lo_open, hi_open;
    bool none_ok;      /* the string "none" is accepted and read as -1 (no cap, no limit) */
} Range;

extern const Range LD_ANY, LD_NONNEG, LD_POS, LD_RATE, LD_SHARE, LD_SHARE0, LD_NONNEG_OR_NONE;

typedef enum { REF_COMMODITY, REF_TECH } RefKind;

/* messages and paths */
void ld_err(Loader *L, const config_setting_t *s, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
SrcLoc ld_where(Loader *L, const config_setting_t *s);
void ld_sub(char *out, const char *path, const char *key);  /* out = path.key */
void ld_subi(char *out, const char *path, int i);           /* out = path.[i] */
const char *ld_type_name(const config_setting_t *s);       /* "a group { ... }", "a string", ... */
int ld_edit_distance(const char *a, const char *b);
int ld_typo_limit(const char *word);                         /* edits worth a "did you mean" */

/* structure */
void ld_check_keys(Loader *L, const config_setting_t *grp, const char *path, const char *const *allowed);
bool ld_expect_group(Loader *L, const config_setting_t *s, const char *path);
bool ld_expect_list(Loader *L, const config_setting_t *s, const char *path, const char *what);
const config_setting_t *ld_member(Loader *L, const config_setting_t *grp, const char *path, const char *key,
                                  bool required, const char *what);
/* The one top-level group `key` over all files (a second definition is an error); NULL if none. */
const config_setting_t *ld_top_group(Loader *L, const char *key);

/* values: absent optional settings give def; a wrong value gives def after a message */
bool ld_is_number(const config_setting_t *s);
double ld_number_of(const config_setting_t *s);
bool ld_num_value(Loader *L, const config_setting_t *s, const char *path, Range r, double *out);
double ld_get_num(Loader *L, const config_setting_t *grp, const char *path, const char *key, bool required,
                  double def, Range r);
int ld_get_int(Loader *L, const config_setting_t *grp, const char *path, const char *key, bool required, int def,
               long lo, long hi);
const char *ld_get_str(Loader *L, const config_setting_t *grp, const char *path, const char *key, bool required,
                       const char *what);
char *ld_get_id(Loader *L, const config_setting_t *grp, const char *path, const char *key, bool required);
bool ld_get_bool(Loader *L, const config_setting_t *grp, const char *path, const char *key, bool def);
double *ld_get_periods(Loader *L, const config_setting_t *grp, const char *path, const char *key, bool required,
                       Range r);
double *ld_get_slices(Loader *L, const config_setting_t *grp, const char *path, const char *key, Range r);

/* references: the index of the commodity or technology `id`, or -1 after a message (with a
 * "did you mean" when a known id is close) */
int ld_resolve(Loader *L, const config_setting_t *s, const char *path, const char *id, RefKind kind);
int ld_get_ref(Loader *L, const config_setting_t *grp, const char *path, const char *key, bool required,
               RefKind kind);

#endif
