/* diag.c — see diag.h. */
#include "diag.h"

#include <string.h>
#include "xalloc.h"

#include <stdarg.h>
#include <stdlib.h>

void diag_add(Diag *d, const char *file, int line, const char *path, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *body = xvasprintf(fmt, ap);
    va_end(ap);

    /* Nothing is cut: a long value is the caller's to clip (the loader quotes at most ~60
     * bytes of a value), so the reason always reaches the user. */
    const char *f = file ? file : "-";
    const char *sep = (path && *path) ? ": " : "";
    char *s = line > 0 ? xasprintf("%s:%d: %s%s%s", f, line, path ? path : "", sep, body)
                       : xasprintf("%s: %s%s%s", f, path ? path : "", sep, body);
    free(body);

    if (d->n == d->cap) {
        d->cap = d->cap ? 2 * d->cap : 16;
        d->msg = xrealloc(d->msg, (size_t)d->cap * sizeof *d->msg);
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

/* A suggestion is worth making when the typo is small against the word. */
int diag_typo_limit(const char *word)
{
    int n = (int)strlen(word);
    return n < 4 ? 1 : n < 8 ? 2 : 3;
}

int diag_edit_distance(const char *a, const char *b)
{
    int la = (int)strlen(a), lb = (int)strlen(b);
    if (la > 40 || lb > 40)
        return 99;
    int dp[41][41];
    for (int i = 0; i <= la; i++)
        dp[i][0] = i;
    for (int j = 0; j <= lb; j++)
        dp[0][j] = j;
    for (int i = 1; i <= la; i++)
        for (int j = 1; j <= lb; j++) {
            int c = dp[i - 1][j - 1] + (a[i - 1] != b[j - 1]);
            if (dp[i - 1][j] + 1 < c)
                c = dp[i - 1][j] + 1;
            if (dp[i][j - 1] + 1 < c)
                c = dp[i][j - 1] + 1;
            dp[i][j] = c;
        }
    return dp[la][lb];
}
