#ifndef COPENBLAS_SHIM_H
#define COPENBLAS_SHIM_H

#include <cblas.h>

// Declared in OpenBLAS's cblas.h on Debian, repeated here for builds whose
// cblas.h is the reference one (netlib) where these are absent.
void openblas_set_num_threads(int num_threads);
int openblas_get_num_threads(void);

#endif
