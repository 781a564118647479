#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "escape.h"
#include "hash.h"
#include "msort.h"
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

/* Building state: the (parent, frame) index and the path of the previous
 * stack, so that a shared prefix (consecutive lines of sorted input) costs
 * no lookups. */
struct calltree_builder {
	struct calltree *t;
	struct child_index ix;
	uint32_t *path, *path_frames;
	size_t path_len, path_cap;
	bool inverted;
};

/* Adds one stack: its value goes to the leaf's self and total; the
 * totals above are summed in one pass at the end (sum_totals). The path
 * of the previous stack is kept, so a shared prefix costs one comparison
 * per frame and no lookups. */
static void
add_stack(struct calltree_builder *b, const uint32_t *frames, size_t depth,
	bool inverted, const double v[2])
{
	struct calltree *t = b->t;
	uint32_t cur = CT_ROOT;
	size_t i = 0, shared;

	if (depth > b->path_cap) {
		b->path = xrealloc(b->path, depth * sizeof *b->path);
		b->path_frames = xrealloc(b->path_frames, depth * sizeof *b->path_frames);
		b->path_cap = depth;
	}
	/* the cache holds one orientation only */
	if (inverted != b->inverted) {
		b->path_len = 0;
		b->inverted = inverted;
	}
	shared = depth < b->path_len ? depth : b->path_len;
	if (inverted) {
		while (i < shared && b->path_frames[i] == frames[depth - 1 - i])
			i++;
	} else {
		while (i < shared && b->path_frames[i] == frames[i])
			i++;
	}
	if (i > 0)
		cur = b->path[i - 1];
	for (; i < depth; i++) {
		uint32_t f = inverted ? frames[depth - 1 - i] : frames[i];

		cur = child_of(t, &b->ix, cur, f);
		b->path[i] = cur;
		b->path_frames[i] = f;
	}
	b->path_len = depth;
	t->nodes[cur].self += v[0];
	t->nodes[cur].total += v[0];
	if (t->b) {
		t->b[cur].self += v[1];
		t->b[cur].total += v[1];
	}
}

/* Totals: each total starts as the node's self value (add_stack); a node
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
	b->inverted = q->inverted;
	if (q->type_b >= 0)
		b->t->b = xmalloc(sizeof *b->t->b);
	new_node(b->t, CT_NONE, FRAME_NONE);
	child_index_init(&b->ix, 1024);
	return b;
}

void
calltree_builder_add(struct calltree_builder *b, const uint32_t *frames,
	size_t depth, bool reversed, const double v[2])
{
	add_stack(b, frames, depth, reversed, v);
}

struct calltree *
calltree_builder_finish(struct calltree_builder *b, enum calltree_order order)
{
	struct calltree *t = b->t;

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

	add_stack(b, frames, depth, b->t->query.inverted, v);
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

void
calltree_free(struct calltree *t)
{
	if (!t)
		return;
	free(t->nodes);
	free(t->b);
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
node_cmp(const void *arg, uint32_t x, uint32_t y)
{
	const struct sort_ctx *ctx = arg;
	const struct ct_node *a = &ctx->t->nodes[x], *b = &ctx->t->nodes[y];
	int c;

	if (ctx->order == CALLTREE_BY_WEIGHT) {
		double wa = a->total + calltree_total(ctx->t, x, 1);
		double wb = b->total + calltree_total(ctx->t, y, 1);

		if (wa != wb)
			return wa > wb ? -1 : 1;
	}
	c = name_cmp(profile_frame(ctx->t->prof, a->frame),
		profile_frame(ctx->t->prof, b->frame));
	if (c)
		return c;
	/* one name in two modules: the order must not depend on the order
	 * the nodes were made in */
	return a->frame < b->frame ? -1 : a->frame > b->frame;
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
		msort_ids(ids, tmp, k, node_cmp, &ctx);
		pn->first_child = ids[0];
		for (size_t i = 0; i + 1 < k; i++)
			t->nodes[ids[i]].next_sibling = ids[i + 1];
		t->nodes[ids[k - 1]].next_sibling = CT_NONE;
	}
	free(ids);
	free(tmp);
}

uint32_t *
calltree_frame_path(const struct calltree *t, uint32_t node, size_t *n)
{
	size_t depth = t->nodes[node].depth;
	uint32_t *f = xmalloc((depth ? depth : 1) * sizeof *f);

	*n = depth;
	for (size_t i = depth; i-- > 0; node = t->nodes[node].parent)
		f[i] = t->nodes[node].frame;
	return f;
}

uint32_t
calltree_child(const struct calltree *t, uint32_t parent, uint32_t frame)
{
	for (uint32_t c = t->nodes[parent].first_child; c != CT_NONE;
	     c = t->nodes[c].next_sibling)
		if (t->nodes[c].frame == frame)
			return c;
	return CT_NONE;
}

uint32_t
calltree_widest_child(const struct calltree *t, uint32_t id)
{
	uint32_t best = CT_NONE;

	for (uint32_t c = t->nodes[id].first_child; c != CT_NONE;
	     c = t->nodes[c].next_sibling)
		if (best == CT_NONE || t->nodes[c].total > t->nodes[best].total)
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

void
calltree_details(const struct calltree *t, uint32_t id, struct calltree_details *d)
{
	const struct ct_node *n = &t->nodes[id];
	const struct profile *p = t->prof;
	double root = t->nodes[CT_ROOT].total;

	memset(d, 0, sizeof *d);
	d->name = calltree_name(t, id);
	d->name_len = calltree_name_len(t, id);
	d->kind = "root";
	if (n->frame != FRAME_NONE) {
		const struct frame *f = profile_frame(p, n->frame);

		d->kind = frame_kind_name((enum frame_kind)f->kind);
		d->module = f->module ? strtab_get(&p->strings, f->module) : NULL;
		d->file = f->file ? strtab_get(&p->strings, f->file) : NULL;
		d->line = f->line;
		d->address = f->address;
		d->detail = f->detail ? strtab_get(&p->strings, f->detail) : NULL;
	}
	for (int s = 0; s < 2; s++) {
		d->total[s] = calltree_total(t, id, s);
		d->self[s] = calltree_self(t, id, s);
	}
	d->share = root != 0 ? n->total / root : 0;
	if (n->parent != CT_NONE && t->nodes[n->parent].total != 0)
		d->parent_share = n->total / t->nodes[n->parent].total;
	else
		d->parent_share = n->parent == CT_NONE ? 1 : 0;
	d->depth = n->depth;
}

size_t
calltree_path(const struct calltree *t, uint32_t id, uint32_t *ids, size_t cap)
{
	size_t depth = t->nodes[id].depth;

	for (size_t i = depth; id != CT_ROOT && i > 0; i--) {
		if (i - 1 < cap)
			ids[i - 1] = id;
		id = t->nodes[id].parent;
	}
	return depth;
}

/* Appends s[0..len) to buf at *at, counting what does not fit. */
static void
put_bytes(char *buf, size_t size, size_t *at, const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++, (*at)++)
		if (*at + 1 < size)
			buf[*at] = s[i];
}

size_t
calltree_path_folded(const struct calltree *t, uint32_t id, char *buf,
	size_t size)
{
	size_t depth = t->nodes[id].depth, at = 0;
	uint32_t *ids = xmalloc((depth ? depth : 1) * sizeof *ids);
	char small[256];

	calltree_path(t, id, ids, depth);
	for (size_t k = 0; k < depth; k++) {
		uint32_t n = ids[t->query.inverted ? depth - 1 - k : k];
		const char *name = calltree_name(t, n);
		size_t len = calltree_name_len(t, n);
		size_t need = escape_text(name, len, NULL, 0);
		char *safe = need < sizeof small ? small : xmalloc(need + 1);

		escape_text(name, len, safe, need + 1);
		for (size_t i = 0; i < need; i++)
			if (safe[i] == ';')
				safe[i] = ':';
		if (k > 0)
			put_bytes(buf, size, &at, ";", 1);
		put_bytes(buf, size, &at, need ? safe : "[empty]", need ? need : 7);
		if (safe != small)
			free(safe);
	}
	if (size)
		buf[at < size ? at : size - 1] = '\0';
	free(ids);
	return at;
}
