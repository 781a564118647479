#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "diffstat.h"
#include "hash.h"
#include "merge.h"
#include "msort.h"
#include "profile.h"
#include "xmalloc.h"

void
diff_settings_default(struct diff_settings *s)
{
	s->width = DIFF_WIDTH_AFTER;
	s->metric = DIFF_BY_SHARE;
	s->noise = DIFF_NOISE_DEFAULT;
}

void
diff_query(struct query *q, const struct profile *p, enum diff_width w)
{
	int max = profile_find_type(p, DIFF_TYPE_MAX);

	if (w == DIFF_WIDTH_MAX && max < 0)
		w = DIFF_WIDTH_AFTER;
	switch (w) {
	case DIFF_WIDTH_BEFORE:
		q->type_a = DIFF_COL_BEFORE;
		q->type_b = DIFF_COL_AFTER;
		break;
	case DIFF_WIDTH_MAX:
		q->type_a = max;
		q->type_b = DIFF_COL_BEFORE;
		break;
	default:
		q->type_a = DIFF_COL_AFTER;
		q->type_b = DIFF_COL_BEFORE;
		break;
	}
}

int
diff_query_width(const struct query *q, const struct profile *p)
{
	if (!p->differential || p->n_types < 2)
		return -1;
	if (q->type_a == DIFF_COL_AFTER && q->type_b == DIFF_COL_BEFORE)
		return DIFF_WIDTH_AFTER;
	if (q->type_a == DIFF_COL_BEFORE && q->type_b == DIFF_COL_AFTER)
		return DIFF_WIDTH_BEFORE;
	if (q->type_a >= 0 && q->type_a == profile_find_type(p, DIFF_TYPE_MAX) &&
	    q->type_b == DIFF_COL_BEFORE)
		return DIFF_WIDTH_MAX;
	return -1;
}

/* ---- companion trees ----------------------------------------------------
 * Values the tree's two series do not carry (after, when widths come from
 * "max"; stuck and progressing threads) come from a second tree built
 * with the same query but other columns, matched node by node by path. */

struct path_index {
	uint64_t *keys;     /* parent << 32 | frame */
	uint32_t *vals;     /* node + 1 */
	size_t mask;
};

static void
path_index_build(struct path_index *ix, const struct calltree *c)
{
	size_t n = 16;

	while (n < c->n * 2)
		n *= 2;
	ix->mask = n - 1;
	ix->keys = xmalloc(n * sizeof *ix->keys);
	ix->vals = xcalloc(n, sizeof *ix->vals);
	for (size_t i = 1; i < c->n; i++) {
		uint64_t key = ((uint64_t)c->nodes[i].parent << 32) | c->nodes[i].frame;
		size_t j = hash_mix(key) & ix->mask;

		while (ix->vals[j])
			j = (j + 1) & ix->mask;
		ix->keys[j] = key;
		ix->vals[j] = (uint32_t)i + 1;
	}
}

static uint32_t
path_index_find(const struct path_index *ix, uint32_t parent, uint32_t frame)
{
	uint64_t key = ((uint64_t)parent << 32) | frame;

	for (size_t j = hash_mix(key) & ix->mask; ix->vals[j]; j = (j + 1) & ix->mask)
		if (ix->keys[j] == key)
			return ix->vals[j] - 1;
	return CT_NONE;
}

/* Fills va/vb (totals) and sa/sb (self; may be NULL) for every node of t
 * from the columns ta and tb. */
static void
companion(const struct calltree *t, int ta, int tb, double *va, double *vb,
	double *sa, double *sb)
{
	struct query q = t->query;
	struct calltree *c;
	uint32_t *map = xmalloc(t->n * sizeof *map);
	bool same;

	q.type_a = ta;
	q.type_b = tb;
	c = calltree_build(t->prof, &q, t->order);
	same = c->n == t->n;
	for (size_t i = 1; same && i < t->n; i++)
		same = c->nodes[i].frame == t->nodes[i].frame &&
			c->nodes[i].parent == t->nodes[i].parent;
	if (same) {
		for (size_t i = 0; i < t->n; i++)
			map[i] = (uint32_t)i;
	} else {
		struct path_index ix;

		path_index_build(&ix, c);
		map[CT_ROOT] = CT_ROOT;
		/* a parent's id is always below its children's */
		for (size_t i = 1; i < t->n; i++) {
			uint32_t p = map[t->nodes[i].parent];

			map[i] = p == CT_NONE ? CT_NONE :
				path_index_find(&ix, p, t->nodes[i].frame);
		}
		free(ix.keys);
		free(ix.vals);
	}
	for (size_t i = 0; i < t->n; i++) {
		uint32_t n = map[i];

		va[i] = n != CT_NONE ? calltree_total(c, n, 0) : 0;
		vb[i] = n != CT_NONE ? calltree_total(c, n, 1) : 0;
		if (sa)
			sa[i] = n != CT_NONE ? calltree_self(c, n, 0) : 0;
		if (sb)
			sb[i] = n != CT_NONE ? calltree_self(c, n, 1) : 0;
	}
	free(map);
	calltree_free(c);
}

/* ---- per node ------------------------------------------------------------ */

static double
share_delta(double before, double after, double tb, double ta)
{
	return 100.0 * ((ta != 0 ? after / ta : 0) - (tb != 0 ? before / tb : 0));
}

static double
absolute_pct(double delta, double tb, double ta)
{
	double base = tb != 0 ? tb : ta;

	return base != 0 ? 100.0 * delta / fabs(base) : 0;
}

static enum diff_class
classify(double before, double after, double metric, double noise)
{
	if (before == 0 && after != 0)
		return DIFF_NEW;
	if (after == 0 && before != 0)
		return DIFF_GONE;
	if (fabs(metric) < noise || metric == 0)
		return DIFF_SAME;
	return metric > 0 ? DIFF_GREW : DIFF_SHRANK;
}

void
diffstat_reclassify(struct diffstat *d, enum diff_metric metric, double noise)
{
	double scale = 0;

	d->set.metric = metric;
	d->set.noise = noise;
	for (size_t i = 0; i < d->n; i++) {
		struct diff_node *n = &d->nodes[i];

		n->metric = metric == DIFF_BY_SHARE ? n->share_delta :
			absolute_pct(n->delta, d->total_before, d->total_after);
		n->cls = (uint8_t)classify(n->before, n->after, n->metric, noise);
		if (i != CT_ROOT && n->cls != DIFF_SAME && fabs(n->metric) > scale)
			scale = fabs(n->metric);
	}
	d->scale = scale > 0 ? scale : (noise > 0 ? noise : 1);
	for (size_t i = 0; i < d->n; i++) {
		struct diff_node *n = &d->nodes[i];
		double v = n->cls == DIFF_SAME ? 0 : n->metric / d->scale;

		n->intensity = (float)(v > 1 ? 1 : v < -1 ? -1 : v);
	}
}

static enum diff_threads
thread_class(const struct diff_node *n)
{
	if (n->stuck > 0 && n->progressing == 0 && n->stuck >= n->after)
		return DIFF_THREADS_STUCK;
	if (n->progressing > 0 && n->stuck == 0)
		return DIFF_THREADS_PROGRESSING;
	if (n->stuck > 0)
		return DIFF_THREADS_MIXED;
	return DIFF_THREADS_NONE;
}

int
diffstat_build(struct diffstat *d, const struct calltree *t,
	const struct diff_settings *s)
{
	const struct profile *p = t->prof;
	double *a = NULL, *b = NULL, *sa = NULL, *sb = NULL;
	int stuck, prog;

	memset(d, 0, sizeof *d);
	if (!p->differential || p->n_types < 2)
		return -1;
	d->tree = t;
	d->set = *s;
	d->n = t->n;
	d->unit = profile_type_unit(p, DIFF_COL_AFTER);
	d->nodes = xcalloc(t->n ? t->n : 1, sizeof *d->nodes);
	d->width = diff_query_width(&t->query, p);
	if (d->width != DIFF_WIDTH_AFTER && d->width != DIFF_WIDTH_BEFORE) {
		a = xmalloc(t->n * 4 * sizeof *a);
		b = a + t->n;
		sa = b + t->n;
		sb = sa + t->n;
		companion(t, DIFF_COL_AFTER, DIFF_COL_BEFORE, a, b, sa, sb);
	}
	for (size_t i = 0; i < t->n; i++) {
		struct diff_node *n = &d->nodes[i];
		int ia = d->width == DIFF_WIDTH_BEFORE, ib = !ia;

		if (a) {
			n->after = a[i];
			n->before = b[i];
			n->self_after = sa[i];
			n->self_before = sb[i];
		} else {
			n->after = calltree_total(t, (uint32_t)i, ia);
			n->before = calltree_total(t, (uint32_t)i, ib);
			n->self_after = calltree_self(t, (uint32_t)i, ia);
			n->self_before = calltree_self(t, (uint32_t)i, ib);
		}
	}
	free(a);
	d->total_before = d->nodes[CT_ROOT].before;
	d->total_after = d->nodes[CT_ROOT].after;
	for (size_t i = 0; i < t->n; i++) {
		struct diff_node *n = &d->nodes[i];

		n->delta = n->after - n->before;
		n->delta_pct = n->before != 0 ? 100.0 * n->delta / fabs(n->before) : NAN;
		n->share_delta = share_delta(n->before, n->after, d->total_before,
			d->total_after);
	}
	stuck = profile_find_type(p, DIFF_TYPE_STUCK);
	prog = profile_find_type(p, DIFF_TYPE_PROGRESSING);
	if (stuck >= 0 && prog >= 0) {
		a = xmalloc(t->n * 2 * sizeof *a);
		b = a + t->n;
		companion(t, stuck, prog, a, b, NULL, NULL);
		for (size_t i = 0; i < t->n; i++) {
			d->nodes[i].stuck = a[i];
			d->nodes[i].progressing = b[i];
			d->nodes[i].threads = (uint8_t)thread_class(&d->nodes[i]);
		}
		free(a);
		d->has_threads = true;
	}
	diffstat_reclassify(d, s->metric, s->noise);
	return 0;
}

void
diffstat_free(struct diffstat *d)
{
	free(d->nodes);
	memset(d, 0, sizeof *d);
}

const char *
diff_class_name(enum diff_class c)
{
	static const char *const names[] = { "same", "grew", "shrank", "new", "gone" };

	return (unsigned)c < 5 ? names[c] : "?";
}

const char *
diff_class_mark(enum diff_class c)
{
	static const char *const marks[] = { "", "+", "-", "++", "--" };

	return (unsigned)c < 5 ? marks[c] : "";
}

const char *
diff_threads_name(enum diff_threads t)
{
	static const char *const names[] = { "", "stuck", "progressing", "mixed" };

	return (unsigned)t < 4 ? names[t] : "";
}

void
diff_legend(const struct diffstat *d, struct diff_legend *out)
{
	out->metric = d->set.metric;
	out->scale = d->scale;
	out->noise = d->set.noise;
	out->suffix = d->set.metric == DIFF_BY_SHARE ? "pp" : "%";
}

/* ---- the delta table ------------------------------------------------------ */

static void
fill_func(struct diff_func *f, const struct diffstat *d)
{
	f->delta = f->after - f->before;
	f->delta_pct = f->before != 0 ? 100.0 * f->delta / fabs(f->before) : NAN;
	f->share_delta = share_delta(f->before, f->after, d->total_before,
		d->total_after);
	f->metric = d->set.metric == DIFF_BY_SHARE ? f->share_delta :
		absolute_pct(f->delta, d->total_before, d->total_after);
	f->cls = (uint8_t)classify(f->before, f->after, f->metric, d->set.noise);
}

void
diff_table_build(struct diff_table *tab, const struct diffstat *d)
{
	const struct calltree *t = d->tree;
	size_t nf = t->prof->frames.n;
	uint32_t *row_of = xmalloc((nf ? nf : 1) * sizeof *row_of);
	uint32_t *on_path = xcalloc(nf ? nf : 1, sizeof *on_path);
	uint32_t *stack = NULL;
	size_t n = 0, cap = 0;

	memset(tab, 0, sizeof *tab);
	if (t->n >= 0x80000000u)
		fatal("call tree too large for the delta table");
	memset(row_of, 0xff, (nf ? nf : 1) * sizeof *row_of);
	/* depth first with the frames of the current path counted, so that
	 * a recursive function adds only its outermost node */
	stack = xgrow(stack, &cap, 1, sizeof *stack);
	for (uint32_t c = t->nodes[CT_ROOT].first_child; c != CT_NONE;
	     c = t->nodes[c].next_sibling) {
		stack = xgrow(stack, &cap, n + 1, sizeof *stack);
		stack[n++] = c;
	}
	while (n > 0) {
		uint32_t id = stack[n - 1];
		const struct ct_node *cn = &t->nodes[id];
		const struct diff_node *dn = &d->nodes[id];
		struct diff_func *f;

		if (id & 0x80000000u) {
			/* leaving the node: its frame is off the path */
			on_path[t->nodes[id & 0x7fffffffu].frame]--;
			n--;
			continue;
		}
		if (row_of[cn->frame] == UINT32_MAX) {
			tab->rows = xrealloc(tab->rows, (tab->n + 1) * sizeof *tab->rows);
			memset(&tab->rows[tab->n], 0, sizeof *tab->rows);
			tab->rows[tab->n].frame = cn->frame;
			row_of[cn->frame] = (uint32_t)tab->n++;
		}
		f = &tab->rows[row_of[cn->frame]];
		if (on_path[cn->frame]++ == 0) {
			f->before += dn->before;
			f->after += dn->after;
		}
		if (!t->query.inverted) {
			f->self_before += dn->self_before;
			f->self_after += dn->self_after;
		} else if (cn->depth == 1) {
			/* inverted: the first level holds the leaves */
			f->self_before += dn->before;
			f->self_after += dn->after;
		}
		stack[n - 1] = id | 0x80000000u;
		for (uint32_t c = cn->first_child; c != CT_NONE; c = t->nodes[c].next_sibling) {
			stack = xgrow(stack, &cap, n + 1, sizeof *stack);
			stack[n++] = c;
		}
	}
	for (size_t i = 0; i < tab->n; i++)
		fill_func(&tab->rows[i], d);
	free(stack);
	free(row_of);
	free(on_path);
	diff_table_sort(tab, d, DIFF_SORT_REGRESSION);
}

struct sort_ctx {
	const struct profile *p;
	enum diff_sort key;
	const struct diff_func *rows;
};

static int
name_cmp(const struct profile *p, uint32_t x, uint32_t y)
{
	const struct frame *a = profile_frame(p, x), *b = profile_frame(p, y);
	size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
	int c = memcmp(a->name, b->name, n);

	if (c)
		return c;
	if (a->name_len != b->name_len)
		return a->name_len < b->name_len ? -1 : 1;
	return x < y ? -1 : x > y;
}

/* Descending on v, NAN (no before value: new) first. */
static int
desc(double x, double y)
{
	if (isnan(x) || isnan(y))
		return isnan(x) && isnan(y) ? 0 : isnan(x) ? -1 : 1;
	return x > y ? -1 : x < y;
}

static int
func_cmp(const struct sort_ctx *ctx, const struct diff_func *a,
	const struct diff_func *b)
{
	int c = 0;

	switch (ctx->key) {
	case DIFF_SORT_REGRESSION: c = desc(a->metric, b->metric); break;
	case DIFF_SORT_IMPROVEMENT: c = -desc(a->metric, b->metric); break;
	case DIFF_SORT_DELTA: c = desc(fabs(a->delta), fabs(b->delta)); break;
	case DIFF_SORT_DELTA_PCT: c = desc(a->delta_pct, b->delta_pct); break;
	case DIFF_SORT_BEFORE: c = desc(a->before, b->before); break;
	case DIFF_SORT_AFTER: c = desc(a->after, b->after); break;
	case DIFF_SORT_NAME: break;
	}
	return c ? c : name_cmp(ctx->p, a->frame, b->frame);
}

static int
row_cmp(const void *c, uint32_t a, uint32_t b)
{
	const struct sort_ctx *ctx = c;

	return func_cmp(ctx, &ctx->rows[a], &ctx->rows[b]);
}

void
diff_table_sort(struct diff_table *t, const struct diffstat *d, enum diff_sort key)
{
	struct sort_ctx ctx = { d->tree->prof, key, t->rows };
	struct diff_func *rows;
	uint32_t *ids, *tmp;

	if (t->n < 2)
		return;
	ids = xmalloc(t->n * sizeof *ids);
	tmp = xmalloc(t->n * sizeof *tmp);
	for (size_t i = 0; i < t->n; i++)
		ids[i] = (uint32_t)i;
	msort_ids(ids, tmp, t->n, row_cmp, &ctx);
	rows = xmalloc(t->n * sizeof *rows);
	for (size_t i = 0; i < t->n; i++)
		rows[i] = t->rows[ids[i]];
	free(t->rows);
	t->rows = rows;
	free(ids);
	free(tmp);
}

void
diff_table_free(struct diff_table *t)
{
	free(t->rows);
	memset(t, 0, sizeof *t);
}

/* ---- gone and new stacks ---------------------------------------------------- */

static int
stack_cmp(const void *x, const void *y)
{
	const struct diff_stack *a = x, *b = y;

	if (a->value != b->value)
		return a->value > b->value ? -1 : 1;
	return a->node < b->node ? -1 : a->node > b->node;
}

void
diff_changes_build(struct diff_changes *c, const struct diffstat *d)
{
	size_t cap_g = 0, cap_a = 0;

	memset(c, 0, sizeof *c);
	for (size_t i = 0; i < d->n; i++) {
		const struct diff_node *n = &d->nodes[i];

		if (n->self_before != 0 && n->self_after == 0) {
			c->gone = xgrow(c->gone, &cap_g, c->n_gone + 1, sizeof *c->gone);
			c->gone[c->n_gone++] = (struct diff_stack){ (uint32_t)i, n->self_before };
			c->total_gone += n->self_before;
		} else if (n->self_after != 0 && n->self_before == 0) {
			c->added = xgrow(c->added, &cap_a, c->n_added + 1, sizeof *c->added);
			c->added[c->n_added++] = (struct diff_stack){ (uint32_t)i, n->self_after };
			c->total_added += n->self_after;
		}
	}
	if (c->n_gone > 1)
		qsort(c->gone, c->n_gone, sizeof *c->gone, stack_cmp);
	if (c->n_added > 1)
		qsort(c->added, c->n_added, sizeof *c->added, stack_cmp);
}

void
diff_changes_free(struct diff_changes *c)
{
	free(c->gone);
	free(c->added);
	memset(c, 0, sizeof *c);
}

/* ---- threads ------------------------------------------------------------------ */

/* Before-records by thread key, for diff_threads_list. */
struct before_map {
	struct strtab keys;
	uint32_t *rec;      /* key id -> record + 1 */
	size_t cap;
};

static void
before_map_build(struct before_map *m, const struct profile *p)
{
	char key[128];

	strtab_init(&m->keys);
	m->rec = NULL;
	m->cap = 0;
	for (size_t i = 0; i < p->n_samples; i++) {
		const char *dump = merge_record_label(p, &p->samples[i], "dump");
		uint32_t k;

		if (!dump || strcmp(dump, "before") != 0 ||
		    !merge_thread_key(p, &p->samples[i], key, sizeof key))
			continue;
		k = strtab_intern(&m->keys, key, strlen(key));
		if (k >= m->cap) {
			size_t old = m->cap;

			m->rec = xgrow(m->rec, &m->cap, (size_t)k + 1, sizeof *m->rec);
			memset(m->rec + old, 0, (m->cap - old) * sizeof *m->rec);
		}
		if (!m->rec[k])
			m->rec[k] = (uint32_t)i + 1;
	}
}

size_t
diff_threads_list(const struct profile *p, struct diff_thread **out)
{
	struct diff_thread *v = NULL;
	struct before_map bm;
	size_t n = 0, cap = 0;
	char key[128];

	*out = NULL;
	if (profile_find_type(p, DIFF_TYPE_STUCK) < 0)
		return 0;
	before_map_build(&bm, p);
	for (int pass = 0; pass < 2; pass++) {
		for (size_t i = 0; i < p->n_samples; i++) {
			const struct sample *r = &p->samples[i];
			const char *dump = merge_record_label(p, r, "dump");
			const char *cls = merge_record_label(p, r, "thread diff");
			struct diff_thread *t;
			uint32_t k;

			if (!dump || !cls)
				continue;
			/* pass 0: AFTER's threads; pass 1: the ended ones */
			if (pass == 0 ? strcmp(dump, "after") != 0 :
			    strcmp(dump, "before") != 0 || strcmp(cls, "ended") != 0)
				continue;
			v = xgrow(v, &cap, n + 1, sizeof *v);
			t = &v[n++];
			t->cls = cls;
			t->name = merge_record_label(p, r, "thread");
			t->goroutine = merge_record_label(p, r, "goroutine");
			t->state = merge_record_label(p, r, "state");
			t->tid = r->tid;
			t->stack = r->stack;
			t->stack_before = UINT32_MAX;
			if (pass == 0 && strcmp(cls, "new") != 0 &&
			    merge_thread_key(p, r, key, sizeof key) &&
			    (k = strtab_find(&bm.keys, key, strlen(key))) != UINT32_MAX &&
			    k < bm.cap && bm.rec[k])
				t->stack_before = p->samples[bm.rec[k] - 1].stack;
		}
	}
	strtab_free(&bm.keys);
	free(bm.rec);
	*out = v;
	return n;
}
