/* The calltree: one contiguous node array built from a profile and a
 * query. Node 0 is the synthetic root ("all"). Each node carries two
 * series: a (the profile) and b (the baseline, or the off-CPU part). */
#ifndef SCORCH_SRC_CALLTREE_H
#define SCORCH_SRC_CALLTREE_H

#include <stddef.h>
#include <stdint.h>

#include "query.h"

struct profile;

#define CT_NONE UINT32_MAX
#define CT_ROOT 0u

enum calltree_order {
	CALLTREE_BY_NAME = 0,  /* flamegraph.pl order */
	CALLTREE_BY_WEIGHT     /* heaviest first (left-heavy) */
};

struct ct_node {
	uint32_t frame;         /* frame id; FRAME_NONE for the root */
	uint32_t parent;        /* CT_NONE for the root */
	uint32_t first_child;   /* CT_NONE when a leaf */
	uint32_t next_sibling;  /* CT_NONE when last */
	uint32_t depth;         /* root = 0 */
	uint32_t n_children;
	double total[2];        /* series a, b: this node and below */
	double self[2];         /* series a, b: samples ending here */
};

struct calltree {
	struct ct_node *nodes;  /* owned */
	size_t n, cap;
	const struct profile *prof;  /* borrowed; must outlive the tree */
	struct query query;
	enum calltree_order order;
	uint32_t max_depth;
};

/* Builds the tree of prof under q, children in the given order. Caller
 * frees with calltree_free. */
struct calltree *calltree_build(const struct profile *prof,
	const struct query *q, enum calltree_order order);
void calltree_free(struct calltree *t);
/* Re-sorts every node's children. */
void calltree_sort(struct calltree *t, enum calltree_order order);

static inline const struct ct_node *
calltree_node(const struct calltree *t, uint32_t id)
{
	return &t->nodes[id];
}

/* Name of a node: the frame name, or "all" for the root. Borrowed. */
const char *calltree_name(const struct calltree *t, uint32_t id);
size_t calltree_name_len(const struct calltree *t, uint32_t id);
/* The child with the largest series-a total, CT_NONE for a leaf. */
uint32_t calltree_widest_child(const struct calltree *t, uint32_t id);
/* Previous sibling, CT_NONE when first. O(siblings). */
uint32_t calltree_prev_sibling(const struct calltree *t, uint32_t id);
/* True when anc is id or one of its ancestors. */
int calltree_is_ancestor(const struct calltree *t, uint32_t anc, uint32_t id);

#endif
