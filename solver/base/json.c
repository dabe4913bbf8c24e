/* json.c — a small streaming JSON writer (see json.h). */
#include "json.h"

#include <math.h>

#include "out.h"

void json_init(JsonW *w, FILE *f)
{
    w->f = f;
    w->depth = 0;
    w->first[0] = true;
    w->after_key = false;
    w->error = false;
}

static void indent(JsonW *w)
{
    fputc('\n', w->f);
    for (int k = 0; k < w->depth; k++)
        fputs("  ", w->f);
}

/* Separator and indentation before a value or a key at the current level. */
static void before_item(JsonW *w)
{
    if (w->after_key) {
        w->after_key = false;
        return;
    }
    if (w->depth == 0) {
        if (!w->first[0])
            w->error = true; /* a second top-level value */
        w->first[0] = false;
        return;
    }
    if (!w->first[w->depth])
        fputc(',', w->f);
    w->first[w->depth] = false;
    indent(w);
}

static void open_level(JsonW *w, char c)
{
    before_item(w);
    fputc(c, w->f);
    if (w->depth + 1 >= JSON_MAXDEPTH) {
        w->error = true;
        return;
    }
    w->depth++;
    w->first[w->depth] = true;
}

static void close_level(JsonW *w, char c)
{
    if (w->depth == 0 || w->after_key) {
        w->error = true;
        return;
    }
    bool empty = w->first[w->depth];
    w->depth--;
    if (!empty)
        indent(w);
    fputc(c, w->f);
}

void json_begin_object(JsonW *w) { open_level(w, '{'); }
void json_end_object(JsonW *w) { close_level(w, '}'); }
void json_begin_array(JsonW *w) { open_level(w, '['); }
void json_end_array(JsonW *w) { close_level(w, ']'); }

void json_write_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        switch (*p) {
        case '"': fputs("\\\"", f); break;
        case '\\': fputs("\\\\", f); break;
        case '\n': fputs("\\n", f); break;
        case '\r': fputs("\\r", f); break;
        case '\t': fputs("\\t", f); break;
        case '\b': fputs("\\b", f); break;
        case '\f': fputs("\\f", f); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                fprintf(f, "\\u%04x", *p);
            else
                fputc(*p, f);
        }
    }
    fputc('"', f);
}

void json_key(JsonW *w, const char *key)
{
    if (w->after_key || w->depth == 0)
        w->error = true;
    before_item(w);
    json_write_string(w->f, key);
    fputs(": ", w->f);
    w->after_key = true;
}

void json_string(JsonW *w, const char *s)
{
    if (!s) {
        json_null(w);
        return;
    }
    before_item(w);
    json_write_string(w->f, s);
}

void json_number(JsonW *w, double v)
{
    if (!isfinite(v)) {
        json_null(w);
        return;
    }
    before_item(w);
    out_put_num(w->f, v);
}

void json_int(JsonW *w, long v)
{
    before_item(w);
    fprintf(w->f, "%ld", v);
}

void json_bool(JsonW *w, bool v)
{
    before_item(w);
    fputs(v ? "true" : "false", w->f);
}

void json_null(JsonW *w)
{
    before_item(w);
    fputs("null", w->f);
}

void json_key_string(JsonW *w, const char *key, const char *s) { json_key(w, key); json_string(w, s); }
void json_key_number(JsonW *w, const char *key, double v) { json_key(w, key); json_number(w, v); }
void json_key_int(JsonW *w, const char *key, long v) { json_key(w, key); json_int(w, v); }
void json_key_bool(JsonW *w, const char *key, bool v) { json_key(w, key); json_bool(w, v); }

int json_finish(JsonW *w)
{
    fputc('\n', w->f);
    return (w->error || w->depth != 0 || w->after_key) ? -1 : 0;
}
