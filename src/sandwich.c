#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"
#include "query.h"
#include "sandwich.h"
#include "xmalloc.h"

/* Per frame id: 0 unknown, 1 not F, 2 F. */
struct name_match {
	const struct profile *p;
	const char *name;
	size_t len;
	uint8_t *is;
};

static bool
is_f(struct name_match *m, uint32_t id)
{
	if (!m->is[id]) {
		const struct frame *f = profile_frame(m->p, id);

		m->is[id] = f->kind != FRAME_PROCESS && f->name_len == m->len &&
			memcmp(f->name, m->name, m->len) == 0 ? 2 : 1;
	}
	return m->is[id] == 2;
}

struct cut {
	struct name_match m;
	struct calltree_builder *callers, *callees;
	struct sandwich *sw;
	uint32_t rep;            /* the frame id F's nodes use */
	uint32_t *buf;
	size_t cap;
};

static void
cut_stack(void *ctx, const uint32_t *frames, size_t depth, const double v[2])
{
	struct cut *c = ctx;
	size_t i;

	for (i = 0; i < depth && !is_f(&c->m, frames[i]); i++)
		;
	if (i == depth)
		return;
	if (c->rep == FRAME_NONE)
		c->rep = frames[i];
	c->sw->total[0] += v[0];
	c->sw->total[1] += v[1];
	if (is_f(&c->m, frames[depth - 1])) {
		c->sw->self[0] += v[0];
		c->sw->self[1] += v[1];
	}
	c->buf = xgrow(c->buf, &c->cap, depth, sizeof *c->buf);
	/* every copy of F becomes one frame, so kinds merge as in the top table */
	for (size_t k = 0; k < depth; k++)
		c->buf[k] = is_f(&c->m, frames[k]) ? c->rep : frames[k];
	calltree_builder_add(c->callers, c->buf, i + 1, true, v);
	calltree_builder_add(c->callees, c->buf + i, depth - i, false, v);
}

void
sandwich_build(struct sandwich *sw, const struct profile *p,
	const struct query *q, const char *name, size_t len,
	enum calltree_order order)
{
	struct query qc = *q, qe = *q;
	struct cut c;

	memset(sw, 0, sizeof *sw);
	sw->name = xstrndup(name, len);
	sw->name_len = len;
	qc.inverted = true;
	qe.inverted = false;
	memset(&c, 0, sizeof c);
	c.m.p = p;
	c.m.name = sw->name;
	c.m.len = len;
	c.m.is = xcalloc(p->frames.n ? p->frames.n : 1, 1);
	c.callers = calltree_builder_new(p, &qc);
	c.callees = calltree_builder_new(p, &qe);
	c.sw = sw;
	c.rep = FRAME_NONE;
	query_run(p, q, cut_stack, &c);
	sw->callers = calltree_builder_finish(c.callers, order);
	sw->callees = calltree_builder_finish(c.callees, order);
	sw->callers_f = sw->callers->nodes[CT_ROOT].first_child;
	sw->callees_f = sw->callees->nodes[CT_ROOT].first_child;
	free(c.m.is);
	free(c.buf);
}

void
sandwich_free(struct sandwich *sw)
{
	calltree_free(sw->callers);
	calltree_free(sw->callees);
	free(sw->name);
	memset(sw, 0, sizeof *sw);
}

void
sandwich_instance(const struct calltree *t, uint32_t id,
	struct sandwich_instance *out)
{
	const struct ct_node *n = &t->nodes[id];
	struct name_match m;
	uint8_t *above;

	memset(out, 0, sizeof *out);
	for (int s = 0; s < 2; s++) {
		out->this_total[s] = calltree_total(t, id, s);
		out->this_self[s] = t->query.inverted ?
			(n->depth == 1 ? calltree_total(t, id, s) : 0) :
			calltree_self(t, id, s);
	}
	if (id == CT_ROOT)
		return;
	m.p = t->prof;
	m.name = calltree_name(t, id);
	m.len = calltree_name_len(t, id);
	m.is = xcalloc(t->prof->frames.n ? t->prof->frames.n : 1, 1);
	/* parents come before children in the node array */
	above = xcalloc(t->n, 1);
	for (size_t i = 1; i < t->n; i++) {
		const struct ct_node *x = &t->nodes[i];
		bool f = is_f(&m, x->frame);

		above[i] = f || above[x->parent];
		if (!f)
			continue;
		out->instances++;
		for (int s = 0; s < 2; s++) {
			if (!above[x->parent])
				out->all_total[s] += calltree_total(t, (uint32_t)i, s);
			if (!t->query.inverted)
				out->all_self[s] += calltree_self(t, (uint32_t)i, s);
			else if (x->depth == 1)
				out->all_self[s] += calltree_total(t, (uint32_t)i, s);
		}
	}
	free(above);
	free(m.is);
}
