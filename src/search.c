#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "pattern.h"
#include "profile.h"
#include "search.h"
#include "xmalloc.h"

void
search_init(struct search *s)
{
	memset(s, 0, sizeof *s);
}

void
search_clear(struct search *s)
{
	if (s->has_re)
		regfree(&s->re);
	s->has_re = false;
	free(s->text);
	s->text = NULL;
	s->text_len = 0;
	s->exact = false;
	s->icase = false;
	/* the answers belong to the old pattern */
	if (s->cache)
		memset(s->cache, 0, s->n_cache);
}

void
search_free(struct search *s)
{
	search_clear(s);
	free(s->cache);
	memset(s, 0, sizeof *s);
}

int
search_set_regex(struct search *s, const char *pattern, bool icase,
	struct error *err)
{
	regex_t re;

	if (pattern_compile(&re, pattern, icase, err) < 0)
		return -1;
	search_clear(s);
	s->re = re;
	s->has_re = true;
	s->text = xstrdup(pattern);
	s->text_len = strlen(pattern);
	s->icase = icase;
	return 0;
}

void
search_set_name(struct search *s, const char *name, size_t len)
{
	search_clear(s);
	s->text = xstrndup(name, len);
	s->text_len = len;
	s->exact = true;
}

bool
search_frame_matches(struct search *s, const struct profile *p, uint32_t id)
{
	if (!s->text || id == FRAME_NONE)
		return false;
	if (id >= s->n_cache) {
		size_t n = p->frames.n > id ? p->frames.n : (size_t)id + 1;

		s->cache = xrealloc(s->cache, n);
		memset(s->cache + s->n_cache, 0, n - s->n_cache);
		s->n_cache = n;
	}
	if (!s->cache[id]) {
		const struct frame *f = profile_frame(p, id);
		bool m;

		if (s->exact)
			m = f->name_len == s->text_len &&
				memcmp(f->name, s->text, s->text_len) == 0;
		else
			m = regexec(&s->re, f->name, 0, NULL, 0) == 0;
		s->cache[id] = m ? 2 : 1;
	}
	return s->cache[id] == 2;
}

bool
search_node_matches(struct search *s, const struct calltree *t, uint32_t id)
{
	return search_frame_matches(s, t->prof, t->nodes[id].frame);
}

void
search_result_init(struct search_result *r)
{
	memset(r, 0, sizeof *r);
}

void
search_result_free(struct search_result *r)
{
	free(r->under);
	free(r->inside);
	free(r->count);
	free(r->list);
	memset(r, 0, sizeof *r);
}

void
search_result_build(struct search_result *r, struct search *s,
	const struct calltree *t)
{
	size_t n = t->n;
	double *under_b;

	search_result_free(r);
	r->tree = t;
	r->n_nodes = n;
	r->under = xcalloc(n, sizeof *r->under);
	r->inside = xcalloc(n, 1);
	r->count = xcalloc(n, sizeof *r->count);
	under_b = xcalloc(n, sizeof *under_b);
	/* nodes are stored parents first: one forward pass finds the matches
	 * and who sits under one, one backward pass sums without nesting */
	for (size_t i = 1; i < n; i++) {
		bool m = search_node_matches(s, t, (uint32_t)i);

		r->inside[i] = m ? 2 : r->inside[t->nodes[i].parent] ? 1 : 0;
	}
	for (size_t i = n; i-- > 1;) {
		const struct ct_node *nd = &t->nodes[i];

		if (r->inside[i] == 2) {
			r->under[i] = nd->total;
			under_b[i] = calltree_total(t, (uint32_t)i, 1);
			r->count[i]++;
		}
		r->under[nd->parent] += r->under[i];
		under_b[nd->parent] += under_b[i];
		r->count[nd->parent] += r->count[i];
	}
	r->n = n ? r->count[CT_ROOT] : 0;
	r->matched[0] = n ? r->under[CT_ROOT] : 0;
	r->matched[1] = n ? under_b[CT_ROOT] : 0;
	free(under_b);
}

double
search_result_matched(const struct search_result *r, uint32_t node)
{
	if (!r->tree || node >= r->n_nodes)
		return 0;
	if (r->inside[node])
		return r->tree->nodes[node].total;
	return r->under[node];
}

/* The first child of id (in sibling order) with a match below, or CT_NONE. */
static uint32_t
first_child_with(const struct search_result *r, uint32_t id)
{
	const struct ct_node *nodes = r->tree->nodes;

	for (uint32_t c = nodes[id].first_child; c != CT_NONE; c = nodes[c].next_sibling)
		if (r->count[c])
			return c;
	return CT_NONE;
}

/* First match of id's subtree in depth-first order (id itself first). */
static uint32_t
first_in(const struct search_result *r, uint32_t id)
{
	while (id != CT_NONE && r->inside[id] != 2)
		id = first_child_with(r, id);
	return id;
}

/* Last match of id's subtree in depth-first order: the deepest of the
 * last branches that hold one, else id itself. */
static uint32_t
last_in(const struct search_result *r, uint32_t id)
{
	const struct ct_node *nodes = r->tree->nodes;

	for (;;) {
		uint32_t last = CT_NONE;

		for (uint32_t c = nodes[id].first_child; c != CT_NONE; c = nodes[c].next_sibling)
			if (r->count[c])
				last = c;
		if (last == CT_NONE)
			return r->inside[id] == 2 ? id : CT_NONE;
		id = last;
	}
}

uint32_t
search_result_next(const struct search_result *r, uint32_t node, int dir)
{
	const struct ct_node *nodes;
	uint32_t x;

	if (r->n == 0)
		return CT_NONE;
	nodes = r->tree->nodes;
	if (node >= r->n_nodes)
		node = CT_ROOT;
	if (dir >= 0) {
		/* below node, then in the following siblings of node and of
		 * each ancestor, then wrap to the first */
		x = first_child_with(r, node);
		if (x != CT_NONE)
			return first_in(r, x);
		for (x = node; x != CT_ROOT; x = nodes[x].parent)
			for (uint32_t s = nodes[x].next_sibling; s != CT_NONE; s = nodes[s].next_sibling)
				if (r->count[s])
					return first_in(r, s);
		return first_in(r, first_child_with(r, CT_ROOT));
	}
	/* in the preceding siblings (nearest first) and ancestors, then wrap
	 * to the last */
	for (x = node; x != CT_ROOT; x = nodes[x].parent) {
		uint32_t parent = nodes[x].parent, best = CT_NONE;

		for (uint32_t s = nodes[parent].first_child; s != x; s = nodes[s].next_sibling)
			if (r->count[s])
				best = s;
		if (best != CT_NONE)
			return last_in(r, best);
		if (parent != CT_ROOT && r->inside[parent] == 2)
			return parent;
	}
	return last_in(r, CT_ROOT);
}

size_t
search_result_index(const struct search_result *r, uint32_t node)
{
	const struct ct_node *nodes;
	size_t rank = 0;

	if (node >= r->n_nodes || r->inside[node] != 2)
		return SIZE_MAX;
	nodes = r->tree->nodes;
	for (uint32_t x = node; x != CT_ROOT; x = nodes[x].parent) {
		uint32_t parent = nodes[x].parent;

		for (uint32_t s = nodes[parent].first_child; s != x; s = nodes[s].next_sibling)
			rank += r->count[s];
		if (parent != CT_ROOT && r->inside[parent] == 2)
			rank++;
	}
	return rank;
}

const uint32_t *
search_result_list(struct search_result *r)
{
	uint32_t id, k = 0;

	if (r->have_list)
		return r->list;
	r->have_list = true;
	r->list = xmalloc((r->n ? r->n : 1) * sizeof *r->list);
	if (r->n == 0)
		return r->list;
	for (id = first_in(r, first_child_with(r, CT_ROOT)); k < r->n;
	     id = search_result_next(r, id, 1))
		r->list[k++] = id;
	return r->list;
}
