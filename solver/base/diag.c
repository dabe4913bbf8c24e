/* diag.c — see diag.h. */
#include "diag.h"
#include "xalloc.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void diag_add(Diag *d, const char *file, int line, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *body = xvasprintf(fmt, ap);
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
