/*
 * linalg.h — the two dense linear-algebra routines tico uses, from the system's BLAS and
 * LAPACK (OpenBLAS and LAPACKE on Debian), loaded on first use.
 *
 * Not linked: OpenBLAS starts its thread pool as soon as it is loaded, which added 4.4 ms to
 * every start of tico (an empty program linked with -lopenblas against one without, 100
 * starts each, bench/RESULTS.md), while only `tico mc` and instances with an economics
 * section need them. They run on one thread (OPENBLAS_NUM_THREADS=1 unless set): their
 * systems have tens of unknowns.
 */
#ifndef TICO_LINALG_H
#define TICO_LINALG_H

/* LAPACKE_dgesv, row-major: solve A X = B for n unknowns and nrhs right-hand sides; A (n x n,
 * leading dimension lda) is overwritten by its LU factors, B (n x nrhs, ldb) by X, ipiv
 * (n entries) by the pivots. Returns LAPACK's info (0, > 0 singular, < 0 bad argument), or
 * -1000 after a message on stderr when LAPACKE cannot be loaded. */
int linalg_dgesv(int n, int nrhs, double *a, int lda, int *ipiv, double *b, int ldb);

/* cblas_dgemm, row-major, no transposes: C (m x n) = A (m x k) B (k x n). Returns 0, or -1000
 * after a message on stderr when the BLAS cannot be loaded. */
int linalg_dgemm(int m, int n, int k, const double *a, const double *b, double *c);

#endif
