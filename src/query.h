/* What part of a profile becomes the calltree: which sample types feed
 * series a and b, and (later) filters. */
#ifndef SCORCH_SRC_QUERY_H
#define SCORCH_SRC_QUERY_H

#include <stdbool.h>

struct profile;

struct query {
	int type_a;        /* sample type for series a */
	int type_b;        /* sample type for series b, -1 = none */
	bool inverted;     /* leaf-rooted tree */
};

/* The default query: the profile's default type as a; for a two-count
 * folded file, a = after (type 1) and b = before (type 0). */
void query_default(struct query *q, const struct profile *p);

#endif
