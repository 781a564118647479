/* The calltree: one contiguous node array built from a profile and a
 * query. Node 0 is the synthetic root ("all"). Each node carries two
 * series: a (the profile) and b (the baseline, or the off-CPU part). Series
 * b lives in an array of its own, made only when the query has one: the
 * node array is the tree's memory, and on a big profile writing it is most
 * of the build. */
#ifndef SCORCH_SRC_CALLTREE_H
#define SCORCH_SRC_CALLTREE_H

#include <stdbool.h>
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
	double total;           /* series a: this node and below */
	double self;            /* series a: samples ending here */
};

struct ct_series {
	double total, self;
};

struct calltree {
	struct ct_node *nodes;  /* owned */
	struct ct_series *b;    /* series b per node (owned); NULL when the
	                         * query has none: calltree_total reads 0 */
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

/* A node's value in series s (0 = a, 1 = b): this node and below. */
static inline double
calltree_total(const struct calltree *t, uint32_t id, int s)
{
	return s == 0 ? t->nodes[id].total : t->b ? t->b[id].total : 0;
}

/* A node's value in series s: samples ending at this node. */
static inline double
calltree_self(const struct calltree *t, uint32_t id, int s)
{
	return s == 0 ? t->nodes[id].self : t->b ? t->b[id].self : 0;
}

/* True when the node has nothing in either series (a node kept only for
 * series b is not empty). */
static inline bool
calltree_empty(const struct calltree *t, uint32_t id)
{
	return t->nodes[id].total <= 0 && calltree_total(t, id, 1) <= 0;
}

/* Building a tree from stacks of one's own (the sandwich's callers and
 * callees trees): new, add stacks root first (reversed = add them leaf
 * first, as the inverted tree does), finish. q is copied into the tree
 * (series types, inverted flag for the views); finish sorts and frees the
 * builder. Every tree stores parents before children (a node's id is
 * larger than its parent's): search and sandwich rely on it. */
struct calltree_builder;
struct calltree_builder *calltree_builder_new(const struct profile *prof,
	const struct query *q);
void calltree_builder_add(struct calltree_builder *b, const uint32_t *frames,
	size_t depth, bool reversed, const double v[2]);
struct calltree *calltree_builder_finish(struct calltree_builder *b,
	enum calltree_order order);

/* Name of a node: the frame name, or "all" for the root. Borrowed. */
const char *calltree_name(const struct calltree *t, uint32_t id);
size_t calltree_name_len(const struct calltree *t, uint32_t id);
/* The frames from the root's child down to node (*n of them: its depth),
 * to find the same place in another tree. Caller frees. */
uint32_t *calltree_frame_path(const struct calltree *t, uint32_t node, size_t *n);
/* The child of parent whose frame is frame, CT_NONE when none. O(children). */
uint32_t calltree_child(const struct calltree *t, uint32_t parent, uint32_t frame);
/* The child with the largest series-a total, CT_NONE for a leaf. */
uint32_t calltree_widest_child(const struct calltree *t, uint32_t id);
/* Previous sibling, CT_NONE when first. O(siblings). */
uint32_t calltree_prev_sibling(const struct calltree *t, uint32_t id);
/* True when anc is id or one of its ancestors. */
int calltree_is_ancestor(const struct calltree *t, uint32_t anc, uint32_t id);

/* What the details pane shows about a node. Strings are borrowed from
 * the profile (raw bytes: escape before showing); NULL when unknown. */
struct calltree_details {
	const char *name;       /* "all" for the root */
	size_t name_len;
	const char *kind;       /* "user", "kernel", "jit", "inlined", ... */
	const char *module;
	const char *file;
	uint32_t line;          /* 0 when unknown */
	uint64_t address;       /* 0 when unknown */
	const char *detail;     /* e.g. an offset the parser stripped */
	double total[2];
	double self[2];         /* samples ending at this node; in an inverted
	                         * tree, whose root frame it is */
	double share;           /* series a: of the root's, 0..1 */
	double parent_share;    /* series a: of the parent's, 0..1 */
	uint32_t depth;
};

void calltree_details(const struct calltree *t, uint32_t id,
	struct calltree_details *d);
/* The call path of id: node ids from the root's child down to id (the
 * root itself left out), into ids[0..cap). Returns the path length (the
 * node's depth), which may exceed cap. In an inverted tree this is the
 * leaf-first path the view shows. */
size_t calltree_path(const struct calltree *t, uint32_t id, uint32_t *ids,
	size_t cap);
/* The node's stack as one folded line, root first even in an inverted
 * tree ("main;run;parse"), names escaped and ';' shown as ':' like
 * --folded; no value. Writes at most size bytes (NUL-terminated) and
 * returns the full length, like snprintf. */
size_t calltree_path_folded(const struct calltree *t, uint32_t id, char *buf,
	size_t size);

#endif
