/* What part of a profile becomes the calltree: which sample types feed
 * series a and b, the filters (focus/ignore/hide/root, tags, grouping;
 * see filter.h) and whether the tree is inverted.
 *
 * The pipeline, in this order: the profile's stacks (or, with tag filters
 * or grouping, its per-sample records) -> frame filters in push order ->
 * tag filters -> group root frame -> (calltree) inversion. Filters always
 * see stacks root first, so they mean the same in the inverted view. */
#ifndef SCORCH_SRC_QUERY_H
#define SCORCH_SRC_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "error.h"

struct filters;
struct folded_options;
struct options;
struct profile;

struct query {
	int type_a;        /* sample type for series a */
	int type_b;        /* sample type for series b, -1 = none */
	bool inverted;     /* leaf-rooted tree */
	/* NULL = no filters. Owned by the session's query (query_free frees
	 * it); copies (calltree.query) borrow it. */
	struct filters *filters;
};

/* The default query: the profile's default type as a; for a two-count
 * folded file, a = after (type 1) and b = before (type 0). No filters. */
void query_default(struct query *q, const struct profile *p);
/* Frees the filters (if any) and sets q->filters to NULL. */
void query_free(struct query *q);
/* The query's filters, created empty on first use. */
struct filters *query_filters(struct query *q);
/* True when filters change the result (entries or grouping). */
bool query_has_filters(const struct query *q);

/* Adds the command line's --focus/--ignore/--hide/--root/--tag (in their
 * order) and --group-by to q. Returns 0, or -1 with err naming the option:
 * "--focus: bad regular expression 'a(': Unmatched ( or \(". */
int query_apply_options(struct query *q, struct profile *p,
	const struct options *o, struct error *err);

/* Receives one stack of the query's result: frames root first (borrowed
 * for the call only) and the values of series a and b (not both 0). The
 * same frames may come more than once (hide merges stacks, grouping
 * splits them); consumers sum. */
typedef void (*query_stack_fn)(void *ctx, const uint32_t *frames,
	size_t depth, const double v[2]);
/* Runs the query over p. q->inverted is not applied here. */
void query_run(const struct profile *p, const struct query *q,
	query_stack_fn fn, void *ctx);

/* write_folded of the query's result: with filters the result is copied
 * into a temporary profile first. Returns 0, or -1 on a write error. */
int query_write_folded(FILE *out, const struct profile *p,
	const struct query *q, const struct folded_options *fo);

/* Sample type switch: moves type_a step places (1 next, -1 previous,
 * wrapping) and returns the new index; -1 (and q unchanged) when the
 * query compares two series (type_b >= 0) or there is one type only.
 * Rebuild the tree afterwards. */
int query_cycle_type(struct query *q, const struct profile *p, int step);

#endif
