/*
 * io_table.c — Leontief output x = (I - A)^-1 f by LAPACKE_dgesv (linalg.h), and the first-round,
 * indirect (Type I) and induced (Type II minus Type I) effects of a final demand (see
 * io_table.h).
 */
#include "io_table.h"
#include "xalloc.h"
#include "linalg.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

int io_leontief(int n, const double *A, const double *f, double *x)
{
    if (n <= 0)
        return 0;
    size_t nn = (size_t)n * (size_t)n;
    double *M = xmalloc(nn * sizeof *M);
    double *b = xmalloc((size_t)n * sizeof *b);
    int *ipiv = xmalloc((size_t)n * sizeof *ipiv);
    for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++)
            M[(size_t)i * (size_t)n + (size_t)j] = (i == j ? 1.0 : 0.0) - A[(size_t)i * (size_t)n + (size_t)j];
        b[i] = f[i];
    }
    int info = linalg_dgesv(n, 1, M, n, ipiv, b, 1);
    if (info == 0)
        memcpy(x, b, (size_t)n * sizeof *x);
    free(M);
    free(b);
    free(ipiv);
    return info;
}

int io_households(const Economics *e)
{
    for (int i = 0; i < e->nsectors; i++)
        if (strcasecmp(e->sectors[i], "households") == 0)
            return i;
    return -1;
}

/* jobs . v (FTE: jobs per MEUR x EUR / 1e6), va . v and sum of v over the sectors kept. */
static IoEffect effect_of(const Economics *e, const double *v, int skip)
{
    IoEffect r = {0, 0, 0};
    for (int i = 0; i < e->nsectors; i++) {
        if (i == skip)
            continue;
        r.output += v[i];
        r.jobs += e->jobs[i] * v[i] / 1e6;
        r.va += e->value_added[i] * v[i];
    }
    return r;
}

static IoEffect diff(IoEffect a, IoEffect b)
{
    return (IoEffect){a.output - b.output, a.jobs - b.jobs, a.va - b.va};
}

int io_effects(const Economics *e, const double *f, IoEffects *out)
{
    memset(out, 0, sizeof *out);
    int n = e->nsectors, h = io_households(e);
    double *x1 = xcalloc((size_t)n, sizeof *x1);
    double *x2 = xcalloc((size_t)n, sizeof *x2);
    double *A1 = xcalloc((size_t)n * (size_t)n, sizeof *A1);
    double *f1 = xcalloc((size_t)n, sizeof *f1);
    /* Type I: the table without the households row and column (when present). */
    int m = 0;
    for (int i = 0; i < n; i++) {
        if (i == h)
            continue;
        int q = 0;
        for (int j = 0; j < n; j++)
            if (j != h)
                A1[m * (n - (h >= 0)) + q++] = e->A[i * n + j];
        f1[m++] = f[i];
    }
    int info = io_leontief(m, A1, f1, f1);
    if (info == 0) {
        for (int i = 0, k = 0; i < n; i++)
            x1[i] = i == h ? 0.0 : f1[k++];
        if (h >= 0)
            info = io_leontief(n, e->A, f, x2);
    }
    if (info == 0) {
        out->first_round = effect_of(e, f, -1);
        IoEffect type1 = effect_of(e, x1, -1);
        out->indirect = diff(type1, out->first_round);
        if (h >= 0) {
            /* households' own "output" is their consumption, not production: left out */
            out->induced = diff(effect_of(e, x2, h), effect_of(e, x1, h));
            out->has_induced = true;
        }
    }
    free(x1);
    free(x2);
    free(A1);
    free(f1);
    return info;
}
