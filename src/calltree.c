#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "escape.h"
#include "msort.h"
#include "profile.h"
#include "xmalloc.h"


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
