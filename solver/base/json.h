/*
 * json.h — a small streaming JSON writer (RFC 8259) for the machine-readable outputs.
 *
 * The writer prints as it goes, two spaces of indentation per level, one member or element
 * per line, keys in the order the caller gives them (so output is deterministic). Strings
 * are escaped (quote, backslash, control characters as \uXXXX; UTF-8 passes through);
 * numbers use out_num() and a non-finite number is written as null.
 *
 *     JsonW w;
 *     json_init(&w, f);
 *     json_begin_object(&w);
 *     json_key(&w, "status"); json_string(&w, "optimal");
 *     json_key_number(&w, "gap", 0.0);
 *     json_end_object(&w);
 *     json_finish(&w);          // final newline; -1 if objects were left open
 *
 * The JsonW holds no heap memory; the FILE * stays the caller's.
 */
#ifndef TICO_JSON_H
#define TICO_JSON_H

#include <stdbool.h>
#include <stdio.h>

#define JSON_MAXDEPTH 32

typedef struct {
    FILE *f;
    int depth;
    bool first[JSON_MAXDEPTH]; /* no element written yet at this level */
    bool after_key;            /* a key was written: its value follows on the same line */
    bool error;                /* misuse (too deep, unbalanced) */
} JsonW;

void json_init(JsonW *w, FILE *f);
void json_begin_object(JsonW *w);
void json_end_object(JsonW *w);
void json_begin_array(JsonW *w);
void json_end_array(JsonW *w);
void json_key(JsonW *w, const char *key);
void json_string(JsonW *w, const char *s);   /* NULL -> null */
void json_number(JsonW *w, double v);        /* NaN, inf -> null */
void json_int(JsonW *w, long v);
void json_bool(JsonW *w, bool v);
void json_null(JsonW *w);

/* key + value in one call */
void json_key_string(JsonW *w, const char *key, const char *s);
void json_key_number(JsonW *w, const char *key, double v);
void json_key_int(JsonW *w, const char *key, long v);
void json_key_bool(JsonW *w, const char *key, bool v);

/* End the document with a newline. Returns 0, or -1 if it is unbalanced or was misused. */
int json_finish(JsonW *w);

/* Write s as a quoted JSON string literal to f. */
void json_write_string(FILE *f, const char *s);

#endif
