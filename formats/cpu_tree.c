#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "cpu_tree.h"
#include "hash.h"
#include "json_util.h"
#include "xmalloc.h"

void
cpu_tree_init(struct cpu_tree *t)
{
	memset(t, 0, sizeof *t);
	t->buf_node = CPU_NODE_NONE;
	t->prefix = FRAME_NONE;
}

void
cpu_tree_free(struct cpu_tree *t)
{
	free(t->v);
	free(t->slots);
	free(t->buf);
	memset(t, 0, sizeof *t);
}

static size_t
slot_of(int64_t id, size_t nslots)
{
	return (size_t)hash_mix((uint64_t)id) & (nslots - 1);
}

uint32_t
cpu_tree_find(const struct cpu_tree *t, int64_t id)
{
	if (!t->nslots)
		return CPU_NODE_NONE;
	for (size_t i = slot_of(id, t->nslots);;
	    i = (i + 1) & (t->nslots - 1)) {
		uint32_t k = t->slots[i];

		if (!k)
			return CPU_NODE_NONE;
		if (t->v[k - 1].id == id)
			return k - 1;
	}
}

static void
rehash(struct cpu_tree *t)
{
	size_t n = t->nslots ? t->nslots * 2 : 64;

	free(t->slots);
	t->slots = xcalloc(n, sizeof *t->slots);
	t->nslots = n;
	for (size_t k = 0; k < t->n; k++) {
		size_t i = slot_of(t->v[k].id, n);

		while (t->slots[i])
			i = (i + 1) & (n - 1);
		t->slots[i] = (uint32_t)k + 1;
	}
}

uint32_t
cpu_tree_add(struct cpu_tree *t, int64_t id, uint32_t frame, double hits)
{
	struct cpu_node *nd;
	size_t i;

	if (cpu_tree_find(t, id) != CPU_NODE_NONE)
		return CPU_NODE_NONE;
	t->v = xgrow(t->v, &t->cap, t->n + 1, sizeof *t->v);
	nd = &t->v[t->n];
	nd->id = id;
	nd->frame = frame;
	nd->parent = CPU_NODE_NONE;
	nd->depth = 0;
	nd->state = CPU_NODE_NEW;
	nd->hits = hits > 0 ? hits : 0;
	t->n++;
	if (t->n * 2 > t->nslots) {
		rehash(t);
		return (uint32_t)t->n - 1;
	}
	i = slot_of(id, t->nslots);
	while (t->slots[i])
		i = (i + 1) & (t->nslots - 1);
	t->slots[i] = (uint32_t)t->n;
	return (uint32_t)t->n - 1;
}

void
cpu_tree_set_parent(struct cpu_tree *t, struct sink *s, uint32_t child,
	uint32_t parent)
{
	struct cpu_node *c = &t->v[child];

	if (c->parent == parent)
		return;
	if (c->parent != CPU_NODE_NONE || child == parent) {
		json_util_skip(s, "conflicting parent links",
			"node %lld: parent %lld", (long long)c->id,
			(long long)t->v[parent].id);
		return;
	}
	c->parent = parent;
}

/* A "(root)" node below another node is an ordinary frame after all. */
static int
fix_inner_roots(struct cpu_tree *t, struct sink *s)
{
	for (size_t i = 0; i < t->n; i++) {
		if (t->v[i].frame != FRAME_NONE ||
		    t->v[i].parent == CPU_NODE_NONE)
			continue;
		t->v[i].frame = sink_frame(s, "(root)", 6, FRAME_USER);
		if (t->v[i].frame == FRAME_NONE)
			return -1;
	}
	return 0;
}

/* Walks parent links upwards from every new node, then assigns depths
 * on the way back down; a walk that meets itself found a cycle. */
int
cpu_tree_finish(struct cpu_tree *t, struct sink *s)
{
	uint32_t *path = NULL;
	size_t cap = 0;

	if (fix_inner_roots(t, s) < 0)
		return -1;
	for (size_t i = 0; i < t->n; i++) {
		size_t np = 0;
		uint32_t j = (uint32_t)i, base = 0;
		bool bad = false;

		while (j != CPU_NODE_NONE && t->v[j].state == CPU_NODE_NEW) {
			path = xgrow(path, &cap, np + 1, sizeof *path);
			path[np++] = j;
			t->v[j].state = CPU_NODE_ON_PATH;
			j = t->v[j].parent;
		}
		if (j != CPU_NODE_NONE) {
			if (t->v[j].state == CPU_NODE_OK)
				base = t->v[j].depth;
			else
				bad = true;
			if (t->v[j].state == CPU_NODE_ON_PATH)
				json_util_skip(s, "cycles in parent links",
					"node %lld", (long long)t->v[j].id);
		}
		while (np > 0) {
			struct cpu_node *nd = &t->v[path[--np]];

			nd->state = bad ? CPU_NODE_CYCLE : CPU_NODE_OK;
			if (!bad)
				base += nd->frame != FRAME_NONE;
			nd->depth = base;
		}
	}
	free(path);
	return 0;
}

size_t
cpu_tree_stack(struct cpu_tree *t, uint32_t k, const uint32_t **frames)
{
	size_t depth = t->v[k].depth + (t->prefix != FRAME_NONE);
	size_t pos = depth;

	*frames = t->buf;
	if (t->buf_node == k)
		return depth;
	t->buf = xgrow(t->buf, &t->buf_cap, depth + 1, sizeof *t->buf);
	*frames = t->buf;
	for (uint32_t j = k; j != CPU_NODE_NONE; j = t->v[j].parent)
		if (t->v[j].frame != FRAME_NONE)
			t->buf[--pos] = t->v[j].frame;
	if (t->prefix != FRAME_NONE)
		t->buf[0] = t->prefix;
	t->buf_node = k;
	return depth;
}
