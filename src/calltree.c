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

static uint32_t
new_node(struct calltree *t, uint32_t parent, uint32_t frame)
{
	struct ct_node *n;
	uint32_t id;

	if (t->n >= CT_NONE - 1)
		fatal("call tree too large");
	t->nodes = xgrow(t->nodes, &t->cap, t->n + 1, sizeof *t->nodes);
	id = (uint32_t)t->n++;
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

static void
child_index_put(struct child_index *ix, uint32_t parent, uint32_t frame,
	uint32_t id)
{
	uint64_t key = ((uint64_t)parent << 32) | frame;
	size_t mask = ix->nslots - 1;
	size_t i = hash_mix(key) & mask;

	while (ix->vals[i])
		i = (i + 1) & mask;
	ix->keys[i] = key;
	ix->vals[i] = id + 1;
	if (++ix->n * 2 > ix->nslots)
		child_index_grow(ix);
}

static uint32_t
child_of(struct calltree *t, struct child_index *ix, uint32_t parent,
	uint32_t frame)
{
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
	} else {
		uint64_t key = ((uint64_t)parent << 32) | frame;
		size_t mask = ix->nslots - 1;
		size_t i = hash_mix(key) & mask;

		for (; ix->vals[i]; i = (i + 1) & mask)
			if (ix->keys[i] == key)
				return ix->vals[i] - 1;
	}
	id = new_node(t, parent, frame);
	child_index_put(ix, parent, frame, id);
	return id;
}

/* Adds one stack; path caches the nodes of the previous stack so that a
 * shared prefix (consecutive lines of sorted input) costs no lookups. */
static void
add_stack(struct calltree *t, struct child_index *ix, const uint32_t *frames,
	size_t depth, bool inverted, const double v[2], uint32_t **path,
	uint32_t **path_frames, size_t *path_len, size_t *path_cap)
{
	uint32_t cur = CT_ROOT;
	size_t i;

	if (depth > *path_cap) {
		*path = xrealloc(*path, depth * sizeof **path);
		*path_frames = xrealloc(*path_frames, depth * sizeof **path_frames);
		*path_cap = depth;
	}
	t->nodes[CT_ROOT].total[0] += v[0];
	t->nodes[CT_ROOT].total[1] += v[1];
	for (i = 0; i < depth; i++) {
		uint32_t f = inverted ? frames[depth - 1 - i] : frames[i];

		if (i < *path_len && (*path_frames)[i] == f) {
			cur = (*path)[i];
		} else {
			cur = child_of(t, ix, cur, f);
			(*path)[i] = cur;
			(*path_frames)[i] = f;
			*path_len = i + 1;
		}
		t->nodes[cur].total[0] += v[0];
		t->nodes[cur].total[1] += v[1];
	}
	*path_len = depth < *path_len ? depth : *path_len;
	t->nodes[cur].self[0] += v[0];
	t->nodes[cur].self[1] += v[1];
}

struct calltree *
calltree_build(const struct profile *prof, const struct query *q,
	enum calltree_order order)
{
	struct calltree *t = xcalloc(1, sizeof *t);
	struct child_index ix;
	uint32_t *path = NULL, *path_frames = NULL;
	size_t path_len = 0, path_cap = 0, nt = prof->n_types;

	t->prof = prof;
	t->query = *q;
	new_node(t, CT_NONE, FRAME_NONE);
	child_index_init(&ix, 1024);
	for (size_t s = 0; s < prof->n_stacks; s++) {
		const double *row = prof->stack_values + s * nt;
		double v[2];

		v[0] = q->type_a >= 0 && (size_t)q->type_a < nt ? row[q->type_a] : 0;
		v[1] = q->type_b >= 0 && (size_t)q->type_b < nt ? row[q->type_b] : 0;
		if (v[0] == 0 && v[1] == 0)
			continue;
		add_stack(t, &ix, profile_stack_frames(prof, (uint32_t)s),
			prof->stacks[s].depth, q->inverted, v, &path, &path_frames,
			&path_len, &path_cap);
	}
	free(path);
	free(path_frames);
	child_index_free(&ix);
	calltree_sort(t, order);
	return t;
}

void
calltree_free(struct calltree *t)
{
	if (!t)
		return;
	free(t->nodes);
	free(t);
}

const char *
calltree_name(const struct calltree *t, uint32_t id)
{
	uint32_t f = t->nodes[id].frame;

	return f == FRAME_NONE ? "all" : profile_frame(t->prof, f)->name;
}

size_t
calltree_name_len(const struct calltree *t, uint32_t id)
{
	uint32_t f = t->nodes[id].frame;

	return f == FRAME_NONE ? 3 : profile_frame(t->prof, f)->name_len;
}

/* Byte order of names, a prefix before its extensions: the alphabetical
 * order flamegraph.pl shows (it sorts whole lines; for siblings that is
 * name order except for names that extend one another). */
static int
name_cmp(const struct frame *a, const struct frame *b)
{
	size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
	int c = memcmp(a->name, b->name, n);

	if (c)
		return c;
	if (a->name_len != b->name_len)
		return a->name_len < b->name_len ? -1 : 1;
	return (int)a->kind - (int)b->kind;
}

struct sort_ctx {
	const struct calltree *t;
	enum calltree_order order;
};

static int
node_cmp(const struct sort_ctx *ctx, uint32_t x, uint32_t y)
{
	const struct ct_node *a = &ctx->t->nodes[x], *b = &ctx->t->nodes[y];

	if (ctx->order == CALLTREE_BY_WEIGHT) {
		double wa = a->total[0] + a->total[1], wb = b->total[0] + b->total[1];

		if (wa != wb)
			return wa > wb ? -1 : 1;
	}
	return name_cmp(profile_frame(ctx->t->prof, a->frame),
		profile_frame(ctx->t->prof, b->frame));
}

/* Merge sort of a child id array (qsort has no context argument in C11). */
static void
sort_ids(const struct sort_ctx *ctx, uint32_t *ids, uint32_t *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j = mid, k = 0;

	if (n < 2)
		return;
	if (n <= 8) {
		for (i = 1; i < n; i++) {
			uint32_t v = ids[i];

			for (j = i; j > 0 && node_cmp(ctx, ids[j - 1], v) > 0; j--)
				ids[j] = ids[j - 1];
			ids[j] = v;
		}
		return;
	}
	sort_ids(ctx, ids, tmp, mid);
	sort_ids(ctx, ids + mid, tmp, n - mid);
	while (i < mid && j < n)
		tmp[k++] = node_cmp(ctx, ids[j], ids[i]) < 0 ? ids[j++] : ids[i++];
	while (i < mid)
		tmp[k++] = ids[i++];
	while (j < n)
		tmp[k++] = ids[j++];
	memcpy(ids, tmp, n * sizeof *ids);
}

void
calltree_sort(struct calltree *t, enum calltree_order order)
{
	struct sort_ctx ctx = { t, order };
	uint32_t *ids = NULL, *tmp = NULL;
	size_t cap = 0;

	t->order = order;
	for (size_t p = 0; p < t->n; p++) {
		struct ct_node *pn = &t->nodes[p];
		size_t k = 0;

		if (pn->n_children < 2)
			continue;
		if (pn->n_children > cap) {
			cap = pn->n_children;
			ids = xrealloc(ids, cap * sizeof *ids);
			tmp = xrealloc(tmp, cap * sizeof *tmp);
		}
		for (uint32_t c = pn->first_child; c != CT_NONE; c = t->nodes[c].next_sibling)
			ids[k++] = c;
		sort_ids(&ctx, ids, tmp, k);
		pn->first_child = ids[0];
		for (size_t i = 0; i + 1 < k; i++)
			t->nodes[ids[i]].next_sibling = ids[i + 1];
		t->nodes[ids[k - 1]].next_sibling = CT_NONE;
	}
	free(ids);
	free(tmp);
}

uint32_t
calltree_widest_child(const struct calltree *t, uint32_t id)
{
	uint32_t best = CT_NONE;

	for (uint32_t c = t->nodes[id].first_child; c != CT_NONE;
	     c = t->nodes[c].next_sibling)
		if (best == CT_NONE || t->nodes[c].total[0] > t->nodes[best].total[0])
			best = c;
	return best;
}

uint32_t
calltree_prev_sibling(const struct calltree *t, uint32_t id)
{
	uint32_t parent = t->nodes[id].parent, prev = CT_NONE;

	if (parent == CT_NONE)
		return CT_NONE;
	for (uint32_t c = t->nodes[parent].first_child; c != CT_NONE && c != id;
	     c = t->nodes[c].next_sibling)
		prev = c;
	return prev;
}

int
calltree_is_ancestor(const struct calltree *t, uint32_t anc, uint32_t id)
{
	while (id != CT_NONE) {
		if (id == anc)
			return 1;
		id = t->nodes[id].parent;
	}
	return 0;
}
