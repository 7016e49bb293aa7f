#ifndef COPENBLAS_SHIM_H
#define COPENBLAS_SHIM_H

// GANCore loads OpenBLAS with dlopen on its first matrix product (OpenBLASLibrary.swift)
// instead of linking it: a linked libopenblas starts its thread pool from its ELF
// constructor in every dman process, and that pool spins in sched_yield for about
// 2^28 cycles (OpenBLAS's THREAD_TIMEOUT) in commands that never multiply a matrix
// (crop, augment, audit). Nothing from libopenblas-dev's headers is needed: these are
// the three entry points used, with the CBLAS enums (cblas.h) restated as ints,
// which is how the C ABI passes them.

/// CBLAS_ORDER / CBLAS_TRANSPOSE values of the CBLAS standard.
enum { COpenBLAS_RowMajor = 101, COpenBLAS_NoTrans = 111, COpenBLAS_Trans = 112 };

/// cblas_sgemm(order, transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc).
typedef void (*COpenBLAS_sgemm)(int, int, int, int, int, int, float, const float *, int,
                                const float *, int, float, float *, int);
/// openblas_set_num_threads(count).
typedef void (*COpenBLAS_set_num_threads)(int);
/// openblas_get_num_threads().
typedef int (*COpenBLAS_get_num_threads)(void);

#endif
