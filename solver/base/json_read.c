/*
 * json_read.c — a small JSON reader (json_read.h).
 */
#include "json_read.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xalloc.h"


typedef struct {
    const char *p, *end, *start;
    const char *err;
} JsonIn;

static void skip_ws(JsonIn *in)
{
    while (in->p < in->end && (*in->p == ' ' || *in->p == '\t' || *in->p == '\n' || *in->p == '\r'))
        in->p++;
}

void json_node_free(JsonNode *j)
{
    if (!j)
        return;
    free(j->str);
    for (int k = 0; k < j->n; k++) {
        if (j->keys)
            free(j->keys[k]);
        if (j->kids)
            json_node_free(&j->kids[k]);
    }
    free(j->keys);
    free(j->kids);
}

static char *read_string(JsonIn *in)
{
    if (in->p >= in->end || *in->p != '"') {
        in->err = "expected a string";
        return NULL;
    }
    in->p++;
    size_t cap = 16, n = 0;
    char *s = xmalloc(cap);
    while (in->p < in->end && *in->p != '"') {
        if (n + 8 >= cap) {
            cap *= 2;
            s = xrealloc(s, cap);
        }
        char c = *in->p++;
        if (c != '\\') {
            s[n++] = c;
            continue;
        }
        if (in->p >= in->end)
            break;
        c = *in->p++;
        switch (c) {
        case 'b': s[n++] = '\b'; break;
        case 'f': s[n++] = '\f'; break;
        case 'n': s[n++] = '\n'; break;
        case 'r': s[n++] = '\r'; break;
        case 't': s[n++] = '\t'; break;
        case 'u': {
            unsigned v = 0;
            for (int k = 0; k < 4; k++) {
                char h = in->p < in->end ? *in->p++ : '\0';
                v = v * 16 + (unsigned)(h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10
                                                                       : h >= 'A' && h <= 'F' ? h - 'A' + 10 : 0);
            }
            if (v < 0x80) {
                s[n++] = (char)v;
            } else if (v < 0x800) {
                s[n++] = (char)(0xc0 | (v >> 6));
                s[n++] = (char)(0x80 | (v & 0x3f));
            } else {
                s[n++] = (char)(0xe0 | (v >> 12));
                s[n++] = (char)(0x80 | ((v >> 6) & 0x3f));
                s[n++] = (char)(0x80 | (v & 0x3f));
            }
            break;
        }
        default: s[n++] = c; break;
        }
    }
    if (in->p >= in->end) {
        free(s);
        in->err = "a string is not closed";
        return NULL;
    }
    in->p++;
    s[n] = '\0';
    return s;
}

static bool read_value(JsonIn *in, JsonNode *out, int depth)
{
    memset(out, 0, sizeof *out);
    skip_ws(in);
    if (depth > 64) {
        in->err = "nested too deeply";
        return false;
    }
    if (in->p >= in->end) {
        in->err = "unexpected end of file";
        return false;
    }
    char c = *in->p;
    if (c == '{' || c == '[') {
        bool obj = c == '{';
        out->type = obj ? JN_OBJ : JN_ARR;
        in->p++;
        int cap = 0;
        skip_ws(in);
        if (in->p < in->end && *in->p == (obj ? '}' : ']')) {
            in->p++;
            return true;
        }
        for (;;) {
            if (out->n == cap) {
                cap = cap ? 2 * cap : 8;
                out->kids = xrealloc(out->kids, (size_t)cap * sizeof *out->kids);
                if (obj)
                    out->keys = xrealloc(out->keys, (size_t)cap * sizeof *out->keys);
                if (!out->kids || (obj && !out->keys))
                    abort();
            }
            if (obj) {
                skip_ws(in);
                char *key = read_string(in);
                if (!key)
                    return false;
                out->keys[out->n] = key;
                skip_ws(in);
                if (in->p >= in->end || *in->p != ':') {
                    out->kids[out->n++] = (JsonNode){0};
                    in->err = "expected ':' after a key";
                    return false;
                }
                in->p++;
            }
            bool ok = read_value(in, &out->kids[out->n], depth + 1);
            if (obj || ok)
                out->n++;
            else
                json_node_free(&out->kids[out->n]);
            if (!ok)
                return false;
            skip_ws(in);
            if (in->p < in->end && *in->p == ',') {
                in->p++;
                continue;
            }
            if (in->p < in->end && *in->p == (obj ? '}' : ']')) {
                in->p++;
                return true;
            }
            in->err = obj ? "expected ',' or '}'" : "expected ',' or ']'";
            return false;
        }
    }
    if (c == '"') {
        out->type = JN_STR;
        out->str = read_string(in);
        return out->str != NULL;
    }
    static const char *const WORDS[] = {"null", "true", "false"};
    for (int k = 0; k < 3; k++) {
        size_t l = strlen(WORDS[k]);
        if ((size_t)(in->end - in->p) >= l && strncmp(in->p, WORDS[k], l) == 0) {
            in->p += l;
            out->type = k == 0 ? JN_NULL : JN_BOOL;
            out->num = k == 1;
            return true;
        }
    }
    char *e;
    errno = 0;
    out->num = strtod(in->p, &e);
    if (e == in->p || e > in->end) {
        in->err = "expected a value";
        return false;
    }
    out->type = JN_NUM;
    in->p = e;
    return true;
}

const JsonNode *json_get(const JsonNode *o, const char *key)
{
    if (!o || o->type != JN_OBJ)
        return NULL;
    for (int k = 0; k < o->n; k++)
        if (strcmp(o->keys[k], key) == 0)
            return &o->kids[k];
    return NULL;
}

double json_get_num(const JsonNode *o, const char *key, double def)
{
    const JsonNode *v = json_get(o, key);
    return v && v->type == JN_NUM ? v->num : def;
}

const char *json_get_str(const JsonNode *o, const char *key)
{
    const JsonNode *v = json_get(o, key);
    return v && v->type == JN_STR ? v->str : NULL;
}

/* The element of array a whose member `key` is the string id. */
const JsonNode *json_find(const JsonNode *a, const char *key, const char *id)
{
    if (!a || a->type != JN_ARR)
        return NULL;
    for (int k = 0; k < a->n; k++) {
        const char *v = json_get_str(&a->kids[k], key);
        if (v && strcmp(v, id) == 0)
            return &a->kids[k];
    }
    return NULL;
}

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 65536, n = 0;
    char *b = xmalloc(cap);
    size_t got;
    while ((got = fread(b + n, 1, cap - n - 1, f)) > 0) {
        n += got;
        if (n + 1 == cap) {
            cap *= 2;
            b = xrealloc(b, cap);
        }
    }
    fclose(f);
    b[n] = '\0'; /* strtod may look past the last number */
    *len = n;
    return b;
}

bool json_read_text(const char *text, size_t len, JsonNode *root, const char **err, int *errline)
{
    JsonIn in = {text, text + len, text, NULL};
    bool ok = read_value(&in, root, 0);
    if (ok) {
        skip_ws(&in);
        if (in.p != in.end) {
            ok = false;
            in.err = "text after the end of the JSON value";
        }
    }
    if (!ok) {
        int l = 1;
        for (const char *c = text; c < in.p && c < in.end; c++)
            l += *c == '\n';
        *errline = l;
        *err = in.err ? in.err : "?";
        json_node_free(root);
        memset(root, 0, sizeof *root);
    }
    return ok;
}

bool json_read_file(const char *path, JsonNode *root, Diag *d, const char *from, int line)
{
    memset(root, 0, sizeof *root);
    size_t len;
    char *text = read_file(path, &len);
    if (!text) {
        diag_add(d, from, line, NULL, "cannot read '%s': %s", path, strerror(errno));
        return false;
    }
    const char *err;
    int l;
    bool ok = json_read_text(text, len, root, &err, &l);
    if (!ok)
        diag_add(d, path, l, NULL, "not valid JSON: %s", err);
    free(text);
    return ok;
}
