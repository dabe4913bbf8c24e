/*
 * load_src.h — internal to the loader: the source files of one instance as libconfig
 * trees (one per file), with @include resolved and --set overrides applied.
 */
#ifndef TICO_LOAD_SRC_H
#define TICO_LOAD_SRC_H

#include <libconfig.h>
#include <stdbool.h>

#include "diag.h"
#include "load.h"

typedef struct {
    int n, cap;
    char **path;      /* display path of each file (lexically normalised) */
    char **bytes;     /* file contents as read */
    size_t *size;
    config_t **cfg;   /* parsed tree of each file, each allocated on its own (libconfig
                       * settings point back at their config_t, so it must never move); valid when ok[k] */
    bool *ok;
} Sources;

/* Read the instance and, recursively, the files it includes. Returns false (with
 * messages in d) on any I/O, include or syntax problem; S is filled as far as it got and
 * must be freed with src_free() either way. */
bool src_read(Sources *S, const char *path, Diag *d);

/* Apply overrides to the trees; problems go to d. Overridden settings are tagged so that
 * src_where() names them "--set PATH". */
void src_apply_overrides(Sources *S, const Override *ov, int nov, Diag *d);

/* The file and line a setting comes from ("--set" and 0 for an override). */
void src_where(const Sources *S, const config_setting_t *s, const char **file, int *line);

void src_free(Sources *S);

/* The offset of the first byte of text that does not begin a valid UTF-8 character, or -1
 * when all of it is valid UTF-8 (strict: RFC 3629). */
long src_utf8_bad_offset(const char *text);

#endif
