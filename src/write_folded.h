/* Writes a profile as normalised folded stacks: one line per unique stack,
 * sorted bytewise, values summed. */
#ifndef SCORCH_SRC_WRITE_FOLDED_H
#define SCORCH_SRC_WRITE_FOLDED_H

#include <stdbool.h>
#include <stdio.h>

struct profile;
struct query;

struct folded_options {
	bool annotate;    /* add `_[k]`, `_[j]`, `_[i]`, `_[w]` kind suffixes */
};

/* Series a of q, or both columns ("before after") for a differential
 * query (type_b >= 0). Returns 0, or -1 when writing failed (errno). */
int write_folded(FILE *out, const struct profile *p, const struct query *q,
	const struct folded_options *opts);

#endif
