/* A stable sort of uint32 ids with a context for the comparison (C11's
 * qsort has none, and glibc's qsort_r is not stable). */
#ifndef SCORCH_SRC_MSORT_H
#define SCORCH_SRC_MSORT_H

#include <stddef.h>
#include <stdint.h>

typedef int (*msort_cmp)(const void *ctx, uint32_t a, uint32_t b);

/* Sorts ids[0..n) by cmp, equal ids keeping their order; tmp has room for
 * n ids. */
void msort_ids(uint32_t *ids, uint32_t *tmp, size_t n, msort_cmp cmp,
	const void *ctx);

#endif
