#include "config.h"

#include <string.h>

#include "msort.h"

/* Below this, insertion sort: most sorts here are of a few siblings. */
#define MSORT_SMALL 8

void
msort_ids(uint32_t *ids, uint32_t *tmp, size_t n, msort_cmp cmp,
	const void *ctx)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	if (n <= MSORT_SMALL) {
		for (i = 1; i < n; i++) {
			uint32_t v = ids[i];

			for (j = i; j > 0 && cmp(ctx, ids[j - 1], v) > 0; j--)
				ids[j] = ids[j - 1];
			ids[j] = v;
		}
		return;
	}
	msort_ids(ids, tmp, mid, cmp, ctx);
	msort_ids(ids + mid, tmp, n - mid, cmp, ctx);
	if (cmp(ctx, ids[mid - 1], ids[mid]) <= 0)
		return;   /* already in order: common for sorted input */
	while (i < mid && j < n)
		tmp[k++] = cmp(ctx, ids[j], ids[i]) < 0 ? ids[j++] : ids[i++];
	while (i < mid)
		tmp[k++] = ids[i++];
	while (j < n)
		tmp[k++] = ids[j++];
	memcpy(ids, tmp, n * sizeof *ids);
}
