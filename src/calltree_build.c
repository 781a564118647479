/* Building a calltree from stacks. On a big profile the build is a walk
 * down the tree per stack, and each step of that walk is a cache miss on
 * a node made long before. Stacks are therefore added in batches: first a
 * read-only walk of every stack in the batch, one step of each in turn,
 * so that their misses overlap rather than follow one another; then each
 * stack, in order, is added from where its walk stopped. The tree, node
 * ids included, is the one adding the stacks one at a time would give. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "hash.h"
#include "profile.h"
#include "xmalloc.h"

/* (parent, frame) -> node, used only while building. */
struct child_index {
	uint64_t *keys;
	uint32_t *vals;   /* node id + 1, 0 = empty */
	size_t nslots, n;
};

static void
child_index_init(struct child_index *ix, size_t hint)
{
	ix->nslots = 1024;
	while (ix->nslots < hint * 2)
		ix->nslots *= 2;
	ix->keys = xmalloc(ix->nslots * sizeof *ix->keys);
	ix->vals = xcalloc(ix->nslots, sizeof *ix->vals);
	ix->n = 0;
}

static void
child_index_free(struct child_index *ix)
{
	free(ix->keys);
	free(ix->vals);
}

static void
child_index_grow(struct child_index *ix)
{
	size_t nslots = ix->nslots * 2, mask = nslots - 1;
	uint64_t *keys = xmalloc(nslots * sizeof *keys);
	uint32_t *vals = xcalloc(nslots, sizeof *vals);

	for (size_t i = 0; i < ix->nslots; i++) {
		size_t j;

		if (!ix->vals[i])
			continue;
		j = hash_mix(ix->keys[i]) & mask;
		while (vals[j])
			j = (j + 1) & mask;
		keys[j] = ix->keys[i];
		vals[j] = ix->vals[i];
	}
	free(ix->keys);
	free(ix->vals);
	ix->keys = keys;
	ix->vals = vals;
	ix->nslots = nslots;
}

static inline uint64_t
child_key(uint32_t parent, uint32_t frame)
{
	return ((uint64_t)parent << 32) | frame;
}

static inline size_t
child_slot(const struct child_index *ix, uint64_t key)
{
	return hash_mix(key) & (ix->nslots - 1);
}

/* The node for key, probing from slot i (child_slot of key), or
 * CT_NONE when the index has none. */
static uint32_t
child_index_find(const struct child_index *ix, uint64_t key, size_t i)
{
	size_t mask = ix->nslots - 1;

	for (; ix->vals[i]; i = (i + 1) & mask)
		if (ix->keys[i] == key)
			return ix->vals[i] - 1;
	return CT_NONE;
}

static void
child_index_put(struct child_index *ix, uint32_t parent, uint32_t frame,
	uint32_t id)
{
	uint64_t key = child_key(parent, frame);
	size_t mask = ix->nslots - 1, i = child_slot(ix, key);

	while (ix->vals[i])
		i = (i + 1) & mask;
	ix->keys[i] = key;
	ix->vals[i] = id + 1;
	if (++ix->n * 2 > ix->nslots)
		child_index_grow(ix);
}

static uint32_t
new_node(struct calltree *t, uint32_t parent, uint32_t frame)
{
	struct ct_node *n;
	uint32_t id;

	if (t->n >= CT_NONE - 1)
		fatal("call tree too large");
	if (t->n == t->cap) {
		t->nodes = xgrow(t->nodes, &t->cap, t->n + 1, sizeof *t->nodes);
		if (t->b)
			t->b = xrealloc(t->b, t->cap * sizeof *t->b);
	}
	id = (uint32_t)t->n++;
	if (t->b)
		t->b[id].total = t->b[id].self = 0;
	n = &t->nodes[id];
	memset(n, 0, sizeof *n);
	n->frame = frame;
	n->parent = parent;
	n->first_child = CT_NONE;
	n->next_sibling = CT_NONE;
	if (parent != CT_NONE) {
		struct ct_node *p = &t->nodes[parent];

		n->depth = p->depth + 1;
		n->next_sibling = p->first_child;
		p->first_child = id;
		p->n_children++;
		if (n->depth > t->max_depth)
			t->max_depth = n->depth;
	}
	return id;
}

/* Parents with few children are searched along their sibling list; only
 * the children of wide parents go into the index, which keeps it small
 * (most call-tree nodes have one or two children). */
#define CHILD_SCAN_MAX 8

/* The child of parent with this frame, made when there is none. */
static uint32_t
child_of(struct calltree *t, struct child_index *ix, uint32_t parent,
	uint32_t frame)
{
	uint64_t key = child_key(parent, frame);
	uint32_t id;

	if (t->nodes[parent].n_children < CHILD_SCAN_MAX) {
		for (id = t->nodes[parent].first_child; id != CT_NONE;
		     id = t->nodes[id].next_sibling)
			if (t->nodes[id].frame == frame)
				return id;
		id = new_node(t, parent, frame);
		if (t->nodes[parent].n_children == CHILD_SCAN_MAX) {
			for (uint32_t c = t->nodes[parent].first_child; c != CT_NONE;
			     c = t->nodes[c].next_sibling)
				child_index_put(ix, parent, t->nodes[c].frame, c);
		}
		return id;
	}
	id = child_index_find(ix, key, child_slot(ix, key));
	if (id != CT_NONE)
		return id;
	id = new_node(t, parent, frame);
	child_index_put(ix, parent, frame, id);
	return id;
}

/* Stacks walked together: enough to overlap the misses of a walk, few
 * enough that what they touch stays in the cache until they are added. */
#define BATCH_STACKS 16

/* One stack waiting in the batch, and its walk down the tree. */
struct pending {
	size_t off;       /* its frames (root first) and walked nodes start here */
	uint32_t depth;
	uint32_t known;   /* frames matched so far */
	uint32_t cur;     /* the node of the last matched frame, or the root */
	uint32_t next;    /* the node to compare next; CT_NONE: below a wide
	                   * cur, the index is probed at slot instead */
	size_t slot;
	double v[2];
};

/* Building state: the (parent, frame) index, the batch, and the path of
 * the stack added last, so that a prefix shared with it (consecutive
 * stacks of sorted input) costs no lookups. */
struct calltree_builder {
	struct calltree *t;
	struct child_index ix;
	struct pending batch[BATCH_STACKS];
	size_t n_batch;
	uint32_t *frames, *walked;    /* the batch's frames and matched nodes */
	size_t frames_len, frames_cap;
	uint32_t *path, *path_frames;
	size_t path_len, path_cap;
};

/* Where p's walk looks next below cur, which has just matched; false when
 * cur has no child to look at. */
static bool
walk_below(struct calltree_builder *b, struct pending *p,
	const struct ct_node *cur)
{
	uint32_t frame = b->frames[p->off + p->known];

	if (cur->n_children < CHILD_SCAN_MAX) {
		p->next = cur->first_child;
		if (p->next == CT_NONE)
			return false;
		__builtin_prefetch(&b->t->nodes[p->next]);
	} else {
		p->next = CT_NONE;
		p->slot = child_slot(&b->ix, child_key(p->cur, frame));
		__builtin_prefetch(&b->ix.keys[p->slot]);
		__builtin_prefetch(&b->ix.vals[p->slot]);
	}
	return true;
}

/* One step of p's walk: a node or an index slot, fetched by the step
 * before. False when the walk is over. */
static bool
walk_step(struct calltree_builder *b, struct pending *p)
{
	const struct ct_node *nodes = b->t->nodes;
	uint32_t frame = b->frames[p->off + p->known];

	if (p->next == CT_NONE) {
		/* a wide parent's child, by the index: a hit is compared as a
		 * node at the next step, which fetches it */
		p->next = child_index_find(&b->ix, child_key(p->cur, frame), p->slot);
		if (p->next == CT_NONE)
			return false;
		__builtin_prefetch(&nodes[p->next]);
		return true;
	}
	if (nodes[p->next].frame != frame) {
		p->next = nodes[p->next].next_sibling;
		if (p->next == CT_NONE)
			return false;
		__builtin_prefetch(&nodes[p->next]);
		return true;
	}
	p->cur = p->next;
	b->walked[p->off + p->known++] = p->cur;
	if (p->known == p->depth)
		return false;
	return walk_below(b, p, &nodes[p->cur]);
}

/* Walks every stack of the batch down the tree as it stands, a step of
 * each in turn, as far as its frames are already there. */
static void
walk_batch(struct calltree_builder *b)
{
	size_t live[BATCH_STACKS], n_live = 0;

	for (size_t k = 0; k < b->n_batch; k++) {
		struct pending *p = &b->batch[k];

		p->known = 0;
		p->cur = CT_ROOT;
		if (p->depth > 0 && walk_below(b, p, &b->t->nodes[CT_ROOT]))
			live[n_live++] = k;
	}
	while (n_live > 0) {
		for (size_t j = 0; j < n_live;) {
			if (walk_step(b, &b->batch[live[j]]))
				j++;
			else
				live[j] = live[--n_live];
		}
	}
}

/* Adds one walked stack: its value goes to the leaf's self and total;
 * the totals above are summed in one pass at the end (sum_totals). It
 * starts from the deeper of its walk and the prefix it shares with the
 * stack added before it; the stacks added since its walk may have made
 * more of its nodes, which child_of finds. */
static void
add_walked(struct calltree_builder *b, const struct pending *p)
{
	struct calltree *t = b->t;
	/* no frames (a sample of the root alone): no pointer into the
	 * batch, which may not have been allocated yet */
	const uint32_t *frames = p->depth ? b->frames + p->off : NULL;
	size_t i = 0, shared = p->depth < b->path_len ? p->depth : b->path_len;
	uint32_t cur = CT_ROOT;

	while (i < shared && b->path_frames[i] == frames[i])
		i++;
	if (p->known > i) {
		memcpy(b->path + i, b->walked + p->off + i,
			(p->known - i) * sizeof *b->path);
		memcpy(b->path_frames + i, frames + i,
			(p->known - i) * sizeof *b->path_frames);
		i = p->known;
	}
	if (i > 0)
		cur = b->path[i - 1];
	for (; i < p->depth; i++) {
		cur = child_of(t, &b->ix, cur, frames[i]);
		b->path[i] = cur;
		b->path_frames[i] = frames[i];
	}
	b->path_len = p->depth;
	t->nodes[cur].self += p->v[0];
	t->nodes[cur].total += p->v[0];
	if (t->b) {
		t->b[cur].self += p->v[1];
		t->b[cur].total += p->v[1];
	}
}

static void
flush_batch(struct calltree_builder *b)
{
	walk_batch(b);
	for (size_t k = 0; k < b->n_batch; k++)
		add_walked(b, &b->batch[k]);
	b->n_batch = 0;
	b->frames_len = 0;
}

/* Queues one stack (copied in root-first order); it is in the tree once
 * its batch is flushed, at the latest by calltree_builder_finish. */
void
calltree_builder_add(struct calltree_builder *b, const uint32_t *frames,
	size_t depth, bool reversed, const double v[2])
{
	struct pending *p;
	uint32_t *to;

	if (depth >= CT_NONE)
		fatal("stack too deep");
	if (b->frames_len + depth > b->frames_cap) {
		size_t cap = b->frames_cap;

		b->frames = xgrow(b->frames, &cap, b->frames_len + depth,
			sizeof *b->frames);
		b->walked = xrealloc(b->walked, cap * sizeof *b->walked);
		b->frames_cap = cap;
	}
	if (depth > b->path_cap) {
		b->path = xrealloc(b->path, depth * sizeof *b->path);
		b->path_frames = xrealloc(b->path_frames, depth * sizeof *b->path_frames);
		b->path_cap = depth;
	}
	p = &b->batch[b->n_batch++];
	p->off = b->frames_len;
	p->depth = (uint32_t)depth;
	p->v[0] = v[0];
	p->v[1] = v[1];
	if (depth > 0) {
		to = b->frames + p->off;
		if (reversed)
			for (size_t i = 0; i < depth; i++)
				to[i] = frames[depth - 1 - i];
		else
			memcpy(to, frames, depth * sizeof *to);
	}
	b->frames_len += depth;
	if (b->n_batch == BATCH_STACKS)
		flush_batch(b);
}

/* Totals: each total starts as the node's self value (add_walked); a node
 * is always created after its parent, so one backward pass over the array
 * adds every subtree into its parent. */
static void
sum_totals(struct calltree *t)
{
	for (size_t id = t->n; id-- > 1;) {
		struct ct_node *n = &t->nodes[id], *p = &t->nodes[n->parent];

		p->total += n->total;
	}
	for (size_t id = t->n; t->b && id-- > 1;)
		t->b[t->nodes[id].parent].total += t->b[id].total;
}

struct calltree_builder *
calltree_builder_new(const struct profile *prof, const struct query *q)
{
	struct calltree_builder *b = xcalloc(1, sizeof *b);

	b->t = xcalloc(1, sizeof *b->t);
	b->t->prof = prof;
	b->t->query = *q;
	if (q->type_b >= 0)
		b->t->b = xmalloc(sizeof *b->t->b);
	new_node(b->t, CT_NONE, FRAME_NONE);
	child_index_init(&b->ix, 1024);
	return b;
}

struct calltree *
calltree_builder_finish(struct calltree_builder *b, enum calltree_order order)
{
	struct calltree *t = b->t;

	flush_batch(b);
	free(b->frames);
	free(b->walked);
	free(b->path);
	free(b->path_frames);
	child_index_free(&b->ix);
	free(b);
	sum_totals(t);
	calltree_sort(t, order);
	return t;
}

static void
build_stack(void *ctx, const uint32_t *frames, size_t depth, const double v[2])
{
	struct calltree_builder *b = ctx;

	calltree_builder_add(b, frames, depth, b->t->query.inverted, v);
}

/* Stacks are added in the profile's order, not sorted: sorting made the
 * build of a random-order perf profile ~20% faster, but the nodes then
 * lie in depth-first order, and drawing (breadth first from the zoom
 * root) got 8x slower at the 99th percentile on a 1M-node tree. */
struct calltree *
calltree_build(const struct profile *prof, const struct query *q,
	enum calltree_order order)
{
	struct calltree_builder *b = calltree_builder_new(prof, q);

	query_run(prof, q, build_stack, b);
	return calltree_builder_finish(b, order);
}
