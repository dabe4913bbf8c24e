/*
 * load_int.h — internal to the loader (solver/load/load*.c): the state of one load, the typed
 * readers every section reader uses, and the section readers themselves, so that every
 * section reads and reports alike. The files:
 *
 *   load.c              load_instance(): read the files, apply --set, run the sections in
 *                       order, the checks across sections (load_check.c), the fingerprint
 *   load_src.c          files, @include and --set overrides (load_src.h)
 *   load_read.c         messages, paths, typed readers, references, id sets, top-level lists
 *   load_frame.c        cluster, horizon, timeslices
 *   load_tech.c         commodities, technologies
 *   load_market.c       markets, demands
 *   load_plants.c       plants, infrastructure
 *   load_measures.c     measures (asset measures of the measure MACC)
 *   load_policy.c       policy, solver, economics
 *   load_uncertainty.c  uncertainty (tico mc)
 *   load_check.c        checks over the whole input: text is UTF-8, objective terms are finite
 *
 * Every reader reports what is wrong through ld_err() as "FILE:LINE: PATH: message" and
 * returns a fallback, so that one load lists every problem (SPEC §3.8).
 *
 * Paths (for messages) are strings owned by the Loader: ld_sub() / ld_subi() return one that
 * stays valid until ld_release() is called with a mark taken before it. A section reading a
 * list releases at each element, so memory does not grow with the number of elements.
 */
#ifndef TICO_LOAD_INT_H
#define TICO_LOAD_INT_H

#include <libconfig.h>
#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "load_src.h"
#include "model.h"

/* A set of ids (open addressing on a hash of the id): each id with the index of the entity
 * and where it was first defined. The set owns copies of the ids. */
typedef struct {
    char *id;
    int index;
    SrcLoc loc;
} IdSlot;

typedef struct {
    IdSlot *slot; /* [cap], id NULL = free */
    size_t n, cap;
} IdSet;

/* The kinds of entity whose ids must be unique, and whose settings the checks after
 * loading (load_check.c) point at. */
typedef enum { ENT_COMMODITY, ENT_TECH, ENT_MARKET, ENT_PLANT, ENT_ASSET, ENT_MEASURE, ENT_KINDS } EntKind;

/* Where an entity of the Model came from: its group and its path (owned). */
typedef struct {
    const config_setting_t *g;
    char *path;
} Origin;

typedef struct {
    Diag *d;
    Sources *src;
    Model *m;
    int T;            /* periods, 0 while unknown (horizon invalid) */
    int S;            /* slices, 0 while unknown */
    int errors_before;
    char **pool;      /* paths and clipped values handed out, freed by ld_release() */
    size_t npool, cappool;
    IdSet ids[ENT_KINDS];
    Origin *origin[ENT_KINDS]; /* [count of the Model's entities of that kind] */
    int norigin[ENT_KINDS], caporigin[ENT_KINDS];
} Loader;

/* An allowed range of numbers. */
typedef struct {
    double lo, hi;
    bool lo_open, hi_open;
    bool none_ok;      /* the string "none" is accepted and read as -1 (no cap, no limit) */
} Range;

extern const Range LD_ANY, LD_NONNEG, LD_POS, LD_RATE, LD_SHARE, LD_SHARE0, LD_NONNEG_OR_NONE;

typedef enum { REF_COMMODITY, REF_TECH } RefKind;

/* the Loader's own memory */
void ld_init(Loader *L, Diag *d, Sources *src, Model *m);
void ld_free(Loader *L);    /* everything but the Model, the Diag and the Sources */
size_t ld_mark(const Loader *L);
void ld_release(Loader *L, size_t mark);
const char *ld_keep(Loader *L, char *s); /* s (malloc'd) handed to the pool; returns s */

/* messages and paths */
void ld_err(Loader *L, const config_setting_t *s, const char *path, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
SrcLoc ld_where(Loader *L, const config_setting_t *s);
const char *ld_sub(Loader *L, const char *path, const char *key);  /* path.key */
const char *ld_subi(Loader *L, const char *path, int i);           /* path.[i] */
/* A value quoted in a message, clipped to about 60 bytes (at a UTF-8 character boundary)
 * with "... (N bytes)" when longer, so that a huge value cannot hide the message's reason. */
const char *ld_q(Loader *L, const char *value);
const char *ld_type_name(const config_setting_t *s);       /* "a group { ... }", "a string", ... */

/* structure */
void ld_check_keys(Loader *L, const config_setting_t *grp, const char *path, const char *const *allowed);
bool ld_expect_group(Loader *L, const config_setting_t *s, const char *path);
bool ld_expect_list(Loader *L, const config_setting_t *s, const char *path, const char *what);
const config_setting_t *ld_member(Loader *L, const config_setting_t *grp, const char *path, const char *key,
                                  bool required, const char *what);
/* The one top-level group `key` over all files (a second definition is an error); NULL if none. */
const config_setting_t *ld_top_group(Loader *L, const char *key);

/* The elements of the top-level list `key` of every file, in load order, each with its path
 * ("plants.[3]", the index within its file). Free with ld_free_list(). */
typedef struct {
    const config_setting_t *elem;
    char *path;
} ListItem;
ListItem *ld_top_list(Loader *L, const char *key, const char *what, int *count);
void ld_free_list(ListItem *items, int n);

/* ids: true (after "duplicate WHAT id 'ID'; it is already used at FILE:LINE") when id is
 * already in the set of kind; else adds it with index and g's location and returns false.
 * ld_origin() records g and path for the entity of that kind just appended to the Model. */
bool ld_dup_id(Loader *L, EntKind kind, const config_setting_t *g, const char *path, const char *what,
               const char *id, int index);
/* Element g (at path) of a top-level list of entities of one kind: a group with only the
 * settings in keys and an id no entity of its kind has used; index is the one it will get.
 * Returns the id (the caller owns it), or NULL after the messages (the element is skipped). */
char *ld_entity_id(Loader *L, const config_setting_t *g, const char *path, const char *const *keys, EntKind kind,
                   const char *what, int index);
void ld_origin(Loader *L, EntKind kind, const config_setting_t *g, const char *path);
/* The index given with id to ld_dup_id(), or -1. */
int ld_find_id(const Loader *L, EntKind kind, const char *id);

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

/* sections, in the order load_instance() runs them (each reads its top-level group or list
 * into L->m) */
void ld_cluster(Loader *L);
void ld_horizon(Loader *L);
void ld_timeslices(Loader *L);
void ld_commodities(Loader *L);
void ld_technologies(Loader *L);
void ld_markets(Loader *L);
void ld_demands(Loader *L);
void ld_plants(Loader *L);
void ld_infrastructure(Loader *L);
void ld_measures(Loader *L);
void ld_policy(Loader *L);
void ld_solver(Loader *L);
void ld_economics(Loader *L);

/* Is commodity c among the n flows f? */
bool ld_has_flow(const Flow *f, int n, int c);

/* checks over the whole input (load_check.c) */
/* Every string value of every file (and --set) is valid UTF-8; else "not valid UTF-8" with
 * the byte offset. */
void ld_check_utf8(Loader *L);
/* After a load without errors: every cost term the objective will hold is finite and below
 * LD_MAX_COST EUR; else a message at the number's path. */
#define LD_MAX_COST 1e15
void ld_check_magnitudes(Loader *L);

#endif
