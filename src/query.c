#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "hash.h"
#include "options.h"
#include "profile.h"
#include "query.h"
#include "write_folded.h"
#include "xmalloc.h"

void
query_default(struct query *q, const struct profile *p)
{
	q->type_a = p->default_type;
	q->type_b = -1;
	q->inverted = false;
	q->filters = NULL;
	if (p->differential && p->n_types >= 2) {
		q->type_a = 1;
		q->type_b = 0;
	}
}

void
query_free(struct query *q)
{
	if (!q->filters)
		return;
	filters_free(q->filters);
	free(q->filters);
	q->filters = NULL;
}

struct filters *
query_filters(struct query *q)
{
	if (!q->filters) {
		q->filters = xmalloc(sizeof *q->filters);
		filters_init(q->filters);
	}
	return q->filters;
}

bool
query_has_filters(const struct query *q)
{
	return q->filters && !filters_trivial(q->filters);
}

int
query_apply_options(struct query *q, struct profile *p, const struct options *o,
	struct error *err)
{
	for (size_t i = 0; i < o->n_filters; i++) {
		const struct option_filter *of = &o->filters[i];

		if (filters_push(query_filters(q), of->kind, of->arg, err) < 0) {
			char why[sizeof err->msg];

			snprintf(why, sizeof why, "%s", err->msg);
			return error_set(err, 0, 0, "--%s: %s", filter_kind_name(of->kind), why);
		}
	}
	if (o->group_by)
		filters_group_by(query_filters(q), p, o->group_by);
	return 0;
}

static bool
pick(const struct query *q, size_t nt, const double *row, double v[2])
{
	v[0] = q->type_a >= 0 && (size_t)q->type_a < nt ? row[q->type_a] : 0;
	v[1] = q->type_b >= 0 && (size_t)q->type_b < nt ? row[q->type_b] : 0;
	return v[0] != 0 || v[1] != 0;
}

/* (group frame, stack) -> summed values, for grouping. */
struct group_acc {
	uint32_t group, stack;
	double v[2];
};

struct group_table {
	struct group_acc *accs;
	size_t n, cap;
	uint32_t *slots;     /* index + 1 */
	size_t nslots;
};

static void
group_add(struct group_table *gt, uint32_t group, uint32_t stack, const double v[2])
{
	uint64_t key = ((uint64_t)group << 32) | stack;
	size_t mask = gt->nslots - 1, i = hash_mix(key) & mask;
	struct group_acc *a;

	for (; gt->slots[i]; i = (i + 1) & mask) {
		a = &gt->accs[gt->slots[i] - 1];
		if (a->group == group && a->stack == stack) {
			a->v[0] += v[0];
			a->v[1] += v[1];
			return;
		}
	}
	gt->accs = xgrow(gt->accs, &gt->cap, gt->n + 1, sizeof *gt->accs);
	gt->accs[gt->n] = (struct group_acc){ group, stack, { v[0], v[1] } };
	gt->slots[i] = (uint32_t)++gt->n;
	if (gt->n * 2 > gt->nslots) {
		size_t nslots = gt->nslots * 2;

		free(gt->slots);
		gt->slots = xcalloc(nslots, sizeof *gt->slots);
		gt->nslots = nslots;
		for (size_t k = 0; k < gt->n; k++) {
			uint64_t kk = ((uint64_t)gt->accs[k].group << 32) | gt->accs[k].stack;
			size_t j = hash_mix(kk) & (nslots - 1);

			while (gt->slots[j])
				j = (j + 1) & (nslots - 1);
			gt->slots[j] = (uint32_t)k + 1;
		}
	}
}

static int
group_acc_cmp(const void *a, const void *b)
{
	const struct group_acc *x = a, *y = b;

	if (x->group != y->group)
		return x->group < y->group ? -1 : 1;
	return x->stack < y->stack ? -1 : x->stack > y->stack;
}

/* What is left of a stack's value once its records are taken out: the
 * samples kept without a record. Rounding noise of fractional sums is 0. */
static double
unrecorded(double whole, double part)
{
	double r = whole - part;

	return fabs(r) <= 1e-9 * fabs(whole) ? 0 : r;
}

/* With tag filters or grouping: the records carry the labels. */
static void
run_records(const struct profile *p, const struct query *q, struct filters *f,
	query_stack_fn fn, void *ctx)
{
	size_t nt = p->n_types;
	bool tags = filters_has_tags(f), group = f->group_by != NULL;
	double *acc = xcalloc(2 * (p->n_stacks ? p->n_stacks : 1), sizeof *acc);
	struct group_table gt = { NULL, 0, 0, NULL, 1024 };
	uint32_t *buf = NULL, depth;
	size_t cap = 0;
	double v[2];

	if (group)
		gt.slots = xcalloc(gt.nslots, sizeof *gt.slots);
	for (size_t i = 0; i < p->n_samples; i++) {
		const struct sample *r = &p->samples[i];

		if (!pick(q, nt, p->sample_values + i * nt, v))
			continue;
		if (!filters_stack(f, p, r->stack, &depth))
			continue;
		if (tags && !filters_record_passes(f, p, r, NULL))
			continue;
		/* acc: the records' sum per stack (grouping) or the result */
		acc[2 * r->stack] += v[0];
		acc[2 * r->stack + 1] += v[1];
		if (group)
			group_add(&gt, filters_group_frame(f, i), r->stack, v);
	}
	if (!group) {
		for (size_t s = 0; s < p->n_stacks; s++) {
			const uint32_t *fr;

			if (acc[2 * s] == 0 && acc[2 * s + 1] == 0)
				continue;
			fr = filters_stack(f, p, (uint32_t)s, &depth);
			fn(ctx, fr, depth, acc + 2 * s);
		}
		free(acc);
		return;
	}
	if (!tags) {
		uint32_t unknown = filters_group_frame(f, SIZE_MAX);

		for (size_t s = 0; s < p->n_stacks; s++) {
			double rest[2], row[2];

			if (!pick(q, nt, p->stack_values + s * nt, row) ||
			    !filters_stack(f, p, (uint32_t)s, &depth))
				continue;
			rest[0] = unrecorded(row[0], acc[2 * s]);
			rest[1] = unrecorded(row[1], acc[2 * s + 1]);
			if (rest[0] != 0 || rest[1] != 0)
				group_add(&gt, unknown, (uint32_t)s, rest);
		}
	}
	if (gt.n)
		qsort(gt.accs, gt.n, sizeof *gt.accs, group_acc_cmp);
	for (size_t k = 0; k < gt.n; k++) {
		const struct group_acc *a = &gt.accs[k];
		const uint32_t *fr = filters_stack(f, p, a->stack, &depth);

		if (a->v[0] == 0 && a->v[1] == 0)
			continue;
		buf = xgrow(buf, &cap, (size_t)depth + 1, sizeof *buf);
		buf[0] = a->group;
		memcpy(buf + 1, fr, depth * sizeof *fr);
		fn(ctx, buf, (size_t)depth + 1, a->v);
	}
	free(buf);
	free(acc);
	free(gt.accs);
	free(gt.slots);
}

void
query_run(const struct profile *p, const struct query *q, query_stack_fn fn,
	void *ctx)
{
	struct filters *f = q->filters;
	size_t nt = p->n_types;
	double v[2];

	if (filters_trivial(f)) {
		for (size_t s = 0; s < p->n_stacks; s++)
			if (pick(q, nt, p->stack_values + s * nt, v))
				fn(ctx, profile_stack_frames(p, (uint32_t)s),
					p->stacks[s].depth, v);
		return;
	}
	filters_begin_run(f);
	if (filters_has_tags(f) || f->group_by) {
		run_records(p, q, f, fn, ctx);
		return;
	}
	for (size_t s = 0; s < p->n_stacks; s++) {
		const uint32_t *fr;
		uint32_t depth;

		if (!pick(q, nt, p->stack_values + s * nt, v))
			continue;
		fr = filters_stack(f, p, (uint32_t)s, &depth);
		if (fr)
			fn(ctx, fr, depth, v);
	}
}

/* The query's result as a small profile of its own, for the writers. */
struct extract {
	struct profile *dst;
	const struct profile *src;
	uint32_t *frame_map;    /* src frame id -> dst id + 1 */
	uint32_t *buf;
	size_t cap;
	bool two;
};

static void
extract_stack(void *ctx, const uint32_t *frames, size_t depth, const double v[2])
{
	struct extract *x = ctx;

	x->buf = xgrow(x->buf, &x->cap, depth ? depth : 1, sizeof *x->buf);
	for (size_t i = 0; i < depth; i++) {
		uint32_t id = frames[i];

		if (!x->frame_map[id]) {
			const struct frame *fr = profile_frame(x->src, id);
			const char *mod = strtab_get(&x->src->strings, fr->module);
			uint32_t m = fr->module ?
				strtab_intern(&x->dst->strings, mod, strlen(mod)) : 0;

			x->frame_map[id] = frame_table_intern(&x->dst->frames, fr->name,
				fr->name_len, (enum frame_kind)fr->kind, m) + 1;
		}
		x->buf[i] = x->frame_map[id] - 1;
	}
	/* dst columns: 0 = series a, 1 = series b */
	profile_add_stack(x->dst, x->buf, depth, v);
}

int
query_write_folded(FILE *out, const struct profile *p, const struct query *q,
	const struct folded_options *fo)
{
	struct profile dst;
	struct query dq = { .type_a = 0, .type_b = -1 };
	struct extract x = { 0 };
	int rc;

	if (!query_has_filters(q))
		return write_folded(out, p, q, fo);
	profile_init(&dst);
	profile_add_type(&dst, "a", q->type_a >= 0 ? profile_type_unit(p, q->type_a) : "");
	if (q->type_b >= 0) {
		profile_add_type(&dst, "b", profile_type_unit(p, q->type_b));
		dq.type_b = 1;
	}
	x.dst = &dst;
	x.src = p;
	x.frame_map = xcalloc(p->frames.n ? p->frames.n : 1, sizeof *x.frame_map);
	query_run(p, q, extract_stack, &x);
	rc = write_folded(out, &dst, &dq, fo);
	free(x.frame_map);
	free(x.buf);
	profile_free(&dst);
	return rc;
}

int
query_cycle_type(struct query *q, const struct profile *p, int step)
{
	int n = (int)p->n_types;

	if (q->type_b >= 0 || n < 2)
		return -1;
	q->type_a = ((q->type_a + step) % n + n) % n;
	return q->type_a;
}
