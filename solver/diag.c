/* diag.c — see diag.h. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

static char *vformat(const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *s = malloc((size_t)n + 1);
    if (!s)
        abort();
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    return s;
}

void diag_add(Diag *d, const char *file, int line, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *body = vformat(fmt, ap);
    va_end(ap);

    char where[64] = "";
    if (line > 0)
        snprintf(where, sizeof where, ":%d", line);
    const char *f = file ? file : "-";
    const char *sep = (path && *path) ? ": " : "";
    size_t len = strlen(f) + strlen(where) + 2 + (path ? strlen(path) : 0) + strlen(sep) + strlen(body) + 1;
    char *s = malloc(len);
    if (!s)
        abort();
    snprintf(s, len, "%s%s: %s%s%s", f, where, path ? path : "", sep, body);
    free(body);

    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 16;
        d->msg = realloc(d->msg, (size_t)d->cap * sizeof *d->msg);
        if (!d->msg)
            abort();
    }
    d->msg[d->n++] = s;
}

void diag_print(const Diag *d, FILE *out)
{
    for (int i = 0; i < d->n; i++)
        fprintf(out, "%s\n", d->msg[i]);
}

void diag_free(Diag *d)
{
    for (int i = 0; i < d->n; i++)
        free(d->msg[i]);
    free(d->msg);
    d->msg = NULL;
    d->n = d->cap = 0;
}
