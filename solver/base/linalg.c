/* linalg.c — BLAS and LAPACK routines loaded on first use (see linalg.h). */
#include "linalg.h"

#include <cblas.h>
#include <dlfcn.h>
#include <lapacke.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* LAPACKE's library; its dependencies bring the BLAS (Debian: OpenBLAS through the
 * libblas.so.3 alternative), where dlsym on the handle finds cblas_dgemm. */
#define LAPACKE_SONAME "liblapacke.so.3"

_Static_assert(sizeof(lapack_int) == sizeof(int), "linalg_dgesv passes int pivots as lapack_int");
_Static_assert(sizeof(blasint) == sizeof(int), "linalg_dgemm passes int sizes as blasint");

typedef lapack_int (*DgesvFn)(int, lapack_int, lapack_int, double *, lapack_int, lapack_int *, double *,
                              lapack_int);
typedef void (*DgemmFn)(enum CBLAS_ORDER, enum CBLAS_TRANSPOSE, enum CBLAS_TRANSPOSE, blasint, blasint, blasint,
                        double, const double *, blasint, const double *, blasint, double, double *, blasint);

/* The address of `name` in LAPACKE's library and its dependencies, or NULL after a message. */
static void *symbol(const char *name)
{
    static void *lib;
    static int tried;
    if (!tried) {
        tried = 1;
        setenv("OPENBLAS_NUM_THREADS", "1", 0);
        if (!(lib = dlopen(LAPACKE_SONAME, RTLD_NOW | RTLD_LOCAL)))
            fprintf(stderr, "tico: cannot load %s: %s (make deps installs liblapacke-dev and libopenblas-dev)\n",
                    LAPACKE_SONAME, dlerror());
    }
    if (!lib)
        return NULL;
    void *sym = dlsym(lib, name);
    if (!sym)
        fprintf(stderr, "tico: %s has no %s: %s\n", LAPACKE_SONAME, name, dlerror());
    return sym;
}

int linalg_dgesv(int n, int nrhs, double *a, int lda, int *ipiv, double *b, int ldb)
{
    static DgesvFn fn;
    if (!fn) {
        void *sym = symbol("LAPACKE_dgesv");
        if (!sym)
            return -1000;
        memcpy(&fn, &sym, sizeof fn); /* ISO C has no cast from void * to a function pointer */
    }
    return (int)fn(LAPACK_ROW_MAJOR, n, nrhs, a, lda, ipiv, b, ldb);
}

int linalg_dgemm(int m, int n, int k, const double *a, const double *b, double *c)
{
    static DgemmFn fn;
    if (!fn) {
        void *sym = symbol("cblas_dgemm");
        if (!sym)
            return -1000;
        memcpy(&fn, &sym, sizeof fn);
    }
    fn(CblasRowMajor, CblasNoTrans, CblasNoTrans, m, n, k, 1.0, a, k, b, n, 0.0, c, n);
    return 0;
}
