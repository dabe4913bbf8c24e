/*
 * json_read.h — a small JSON reader (RFC 8259) for the files tico writes and reads back
 * (solution.json in `tico mc --pathways`, solution.json and tic.json in `tico portfolio`).
 *
 * The whole document is parsed into a tree of JsonNode; numbers are doubles, strings are
 * UTF-8 (\uXXXX of the basic plane decoded), objects keep their keys in file order.
 *
 *     JsonNode root;
 *     if (!json_read_file(path, &root, d, from, line)) ... messages in d
 *     double gap = json_get_num(&root, "gap", NAN);
 *     json_node_free(&root);
 */
#ifndef TICO_JSON_READ_H
#define TICO_JSON_READ_H

#include <stdbool.h>

#include "diag.h"

typedef enum { JN_NULL, JN_BOOL, JN_NUM, JN_STR, JN_ARR, JN_OBJ } JsonType;

typedef struct JsonNode {
    JsonType type;
    double num;             /* numbers; booleans: 0 or 1 */
    char *str;              /* strings */
    int n;
    char **keys;            /* objects: n keys */
    struct JsonNode *kids;  /* arrays and objects: n values */
} JsonNode;

/* Parse the file at path into *root. false after a message in d: "cannot read" (at from:line,
 * the place that named the file; from may be NULL) or "PATH:LINE: not valid JSON: why".
 * *root is then empty (nothing to free). */
bool json_read_file(const char *path, JsonNode *root, Diag *d, const char *from, int line);

/* Parse text[0..len) (text[len] must be readable, e.g. '\0'). false with *err and *errline set. */
bool json_read_text(const char *text, size_t len, JsonNode *root, const char **err, int *errline);

void json_node_free(JsonNode *j);

/* Member key of object o, or NULL (o may be NULL or not an object). */
const JsonNode *json_get(const JsonNode *o, const char *key);
/* Member key as a number, def when missing or not a number. */
double json_get_num(const JsonNode *o, const char *key, double def);
/* Member key as a string, NULL when missing or not a string. */
const char *json_get_str(const JsonNode *o, const char *key);
/* The element of array a whose member `key` is the string id, or NULL. */
const JsonNode *json_find(const JsonNode *a, const char *key, const char *id);

#endif
