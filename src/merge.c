#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "profile.h"
#include "units.h"
#include "xmalloc.h"

#define MERGE_MAX_INPUTS 4

/* What a frame name (with its process flag) becomes in the output. */
struct merge_key {
	const struct profile *src;   /* input of the first occurrence */
	uint32_t frame;              /* its frame id there */
	uint8_t kind;                /* chosen kind */
	uint32_t out;                /* output frame id + 1, 0 = not yet */
};

struct merger {
	struct profile *out;
	struct sink sink;
	struct error *err;
	struct strtab names;
	struct merge_key *keys;      /* index: name id */
	size_t cap_keys;
	const struct profile *ins[MERGE_MAX_INPUTS];
	uint32_t *key_of[MERGE_MAX_INPUTS];   /* input frame id -> key */
	size_t n_ins;
	bool strip_roots;
	uint32_t *ids;
	size_t cap_ids;
	double *zero;                /* a row of zeros, n_types long */
};

static int
input_index(const struct merger *m, const struct profile *p)
{
	for (size_t i = 0; i < m->n_ins; i++)
		if (m->ins[i] == p)
			return (int)i;
	return -1;
}

/* Counts the stacks rooted in a process frame: all (1), none (0) or
 * some (-1). */
static int
root_style(const struct profile *p)
{
	size_t with = 0;

	for (size_t s = 0; s < p->n_stacks; s++) {
		const uint32_t *ids = profile_stack_frames(p, (uint32_t)s);

		if (p->stacks[s].depth > 0 &&
		    profile_frame(p, ids[0])->kind == FRAME_PROCESS)
			with++;
	}
	if (p->n_stacks > 0 && with == p->n_stacks)
		return 1;
	return with == 0 ? 0 : -1;
}

/* Whether some root frame of input idx has the name of a root of another
 * input: then the roots already line up (a folded file keeps the process
 * name as its first frame, only not marked as a process). */
static bool
roots_shared(const struct merger *m, size_t idx)
{
	unsigned char *mine = xcalloc(m->names.n ? m->names.n : 1, 1);
	bool shared = false;

	for (size_t pass = 0; pass < 2 && !shared; pass++) {
		for (size_t i = 0; i < m->n_ins && !shared; i++) {
			const struct profile *p = m->ins[i];

			if ((pass == 0) != (i == idx))
				continue;
			for (size_t s = 0; s < p->n_stacks && !shared; s++) {
				uint32_t k;

				if (p->stacks[s].depth == 0)
					continue;
				k = m->key_of[i][profile_stack_frames(p, (uint32_t)s)[0]];
				if (pass == 0)
					mine[k] = 1;
				else
					shared = mine[k];
			}
		}
	}
	free(mine);
	return shared;
}

static void
scan_input(struct merger *m, size_t idx)
{
	const struct profile *p = m->ins[idx];

	m->key_of[idx] = xmalloc((p->frames.n ? p->frames.n : 1) * sizeof *m->key_of[idx]);
	for (size_t f = 0; f < p->frames.n; f++) {
		const struct frame *fr = profile_frame(p, (uint32_t)f);
		uint32_t key = strtab_intern(&m->names, fr->name, fr->name_len);
		struct merge_key *k;

		if (key >= m->cap_keys) {
			size_t old = m->cap_keys;

			m->keys = xgrow(m->keys, &m->cap_keys, (size_t)key + 1, sizeof *m->keys);
			memset(m->keys + old, 0, (m->cap_keys - old) * sizeof *m->keys);
		}
		k = &m->keys[key];
		if (!k->src) {
			k->src = p;
			k->frame = (uint32_t)f;
			k->kind = fr->kind;
		} else if (k->kind == FRAME_USER && fr->kind != FRAME_USER) {
			k->kind = fr->kind;
		}
		m->key_of[idx][f] = key;
	}
}

struct merger *
merger_new(struct profile *out, const struct profile *const *ins, size_t n_ins,
	struct error *err)
{
	struct merger *m = xcalloc(1, sizeof *m);
	int style[MERGE_MAX_INPUTS];
	bool all = false, none = false;
	size_t all_idx = 0;

	if (n_ins > MERGE_MAX_INPUTS)
		fatal("merger: too many inputs");
	m->out = out;
	m->err = err;
	sink_init(&m->sink, out, err, NULL);
	/* the inputs already passed the user's limits */
	m->sink.limits.max_depth = SIZE_MAX;
	m->sink.limits.max_name_len = SIZE_MAX;
	m->sink.limits.max_frames = SIZE_MAX;
	strtab_init(&m->names);
	m->n_ins = n_ins;
	for (size_t i = 0; i < n_ins; i++) {
		m->ins[i] = ins[i];
		scan_input(m, i);
		style[i] = root_style(ins[i]);
		if (style[i] == 1) {
			all = true;
			all_idx = i;
		}
		none |= style[i] == 0;
	}
	m->strip_roots = n_ins > 1 && all && none && !roots_shared(m, all_idx);
	return m;
}

void
merger_free(struct merger *m)
{
	if (!m)
		return;
	sink_free(&m->sink);
	strtab_free(&m->names);
	free(m->keys);
	for (size_t i = 0; i < m->n_ins; i++)
		free(m->key_of[i]);
	free(m->ids);
	free(m->zero);
	free(m);
}

int
merger_type(struct merger *m, const char *name, const char *unit)
{
	int t = sink_type(&m->sink, name, unit);

	free(m->zero);
	m->zero = xcalloc(m->out->n_types ? m->out->n_types : 1, sizeof *m->zero);
	return t;
}

static const char *
str_or_null(const struct profile *p, uint32_t id)
{
	return id ? strtab_get(&p->strings, id) : NULL;
}

static uint32_t
out_frame(struct merger *m, size_t idx, uint32_t f)
{
	struct merge_key *k = &m->keys[m->key_of[idx][f]];
	const struct frame *src;
	struct frame_desc d = { 0 };
	uint32_t id;

	if (k->out)
		return k->out - 1;
	src = profile_frame(k->src, k->frame);
	d.name = src->name;
	d.name_len = src->name_len;
	d.kind = (enum frame_kind)k->kind;
	d.module = str_or_null(k->src, src->module);
	d.file = str_or_null(k->src, src->file);
	d.line = src->line;
	d.address = src->address;
	d.detail = str_or_null(k->src, src->detail);
	id = sink_frame_desc(&m->sink, &d);
	if (id != FRAME_NONE)
		k->out = id + 1;
	return id;
}

/* Translates an input stack into m->ids; returns its depth or -1. */
static long
translate(struct merger *m, const struct profile *in, uint32_t stack)
{
	int idx = input_index(m, in);
	const uint32_t *ids;
	size_t depth, skip = 0;

	if (idx < 0)
		fatal("merger: unknown input");
	ids = profile_stack_frames(in, stack);
	depth = in->stacks[stack].depth;
	while (m->strip_roots && skip < depth &&
	       profile_frame(in, ids[skip])->kind == FRAME_PROCESS)
		skip++;
	m->ids = xgrow(m->ids, &m->cap_ids, depth - skip + 1, sizeof *m->ids);
	for (size_t i = skip; i < depth; i++) {
		uint32_t id = out_frame(m, (size_t)idx, ids[i]);

		if (id == FRAME_NONE)
			return -1;
		m->ids[i - skip] = id;
	}
	return (long)(depth - skip);
}

int
merger_add(struct merger *m, const struct profile *in, uint32_t stack,
	const double *values, const struct sample_meta *meta)
{
	long depth = translate(m, in, stack);

	if (depth < 0)
		return -1;
	return sink_sample(&m->sink, m->ids, (size_t)depth, values, meta);
}

uint32_t
merger_stack_id(struct merger *m, const struct profile *in, uint32_t stack)
{
	long depth = translate(m, in, stack);

	if (depth < 0)
		return UINT32_MAX;
	return profile_add_stack(m->out, m->ids, (size_t)depth, m->zero);
}

double
merge_ns_per_unit(const char *unit)
{
	unit = units_canonical(unit);
	if (strcmp(unit, UNIT_NANOSECONDS) == 0)
		return 1;
	if (strcmp(unit, UNIT_MICROSECONDS) == 0)
		return 1e3;
	if (strcmp(unit, UNIT_MILLISECONDS) == 0)
		return 1e6;
	if (strcmp(unit, UNIT_SECONDS) == 0)
		return 1e9;
	return 0;
}

bool
merge_is_dump(const struct profile *p, int type)
{
	const char *name;

	if (type < 0 || (size_t)type >= p->n_types || p->n_samples == 0)
		return false;
	name = profile_type_name(p, type);
	return strcmp(name, "threads") == 0 || strcmp(name, "goroutines") == 0;
}

void
diff_prepare(struct profile *p)
{
	int t;

	if (!p->differential || p->n_types < 2 ||
	    profile_find_type(p, DIFF_TYPE_MAX) >= 0)
		return;
	t = profile_add_type(p, DIFF_TYPE_MAX, profile_type_unit(p, DIFF_COL_AFTER));
	if (t < 0)
		return;
	for (size_t s = 0; s < p->n_stacks; s++) {
		double *row = p->stack_values + s * p->n_types;
		double b = fabs(row[DIFF_COL_BEFORE]), a = fabs(row[DIFF_COL_AFTER]);

		row[t] = a > b ? a : b;
	}
}

/* ---- thread dumps ------------------------------------------------------ */

const char *
merge_record_label(const struct profile *p, const struct sample *r,
	const char *key)
{
	const struct labelset *ls = &p->labelsets[r->labelset];

	for (uint32_t i = 0; i < ls->n; i++) {
		const struct label *l = &p->labels[ls->off + i];

		if (l->str && strcmp(strtab_get(&p->strings, l->key), key) == 0)
			return strtab_get(&p->strings, l->str);
	}
	return NULL;
}

/* The identity of a thread across two dumps, into buf; false if none. */
bool
merge_thread_key(const struct profile *p, const struct sample *r, char *buf,
	size_t size)
{
	const char *s;

	if (r->tid >= 0)
		snprintf(buf, size, "tid %d", (int)r->tid);
	else if ((s = merge_record_label(p, r, "goroutine")))
		snprintf(buf, size, "goroutine %s", s);
	else if ((s = merge_record_label(p, r, "thread")))
		snprintf(buf, size, "thread %s", s);
	else
		return false;
	return true;
}

struct dump_ctx {
	struct merger *m;
	const struct merge_side *side[2];
	int col_stuck, col_prog;
	size_t n_types;
	struct sink_label *labels;
	size_t cap_labels;
};

/* Adds one thread record of side which (0 before, 1 after). */
static int
add_thread(struct dump_ctx *c, int which, const struct sample *r,
	const char *cls)
{
	const struct profile *p = c->side[which]->prof;
	const struct labelset *ls = &p->labelsets[r->labelset];
	double w = p->sample_values[(size_t)(r - p->samples) * p->n_types +
		(size_t)c->side[which]->type] * c->side[which]->scale;
	double row[PROFILE_MAX_TYPES] = { 0 };
	struct sample_meta meta = { .time_ns = -1, .pid = r->pid, .tid = r->tid,
		.cpu = -1 };
	size_t n = 0;

	c->labels = xgrow(c->labels, &c->cap_labels, ls->n + 2, sizeof *c->labels);
	c->labels[n++] = (struct sink_label){ .key = "dump",
		.str = which ? "after" : "before" };
	c->labels[n++] = (struct sink_label){ .key = "thread diff", .str = cls };
	for (uint32_t i = 0; i < ls->n; i++) {
		const struct label *l = &p->labels[ls->off + i];

		c->labels[n++] = (struct sink_label){
			.key = strtab_get(&p->strings, l->key),
			.str = l->str ? strtab_get(&p->strings, l->str) : NULL,
			.num = l->num,
			.unit = l->str ? NULL : str_or_null(p, l->unit) };
	}
	meta.labels = c->labels;
	meta.n_labels = n;
	row[which ? DIFF_COL_AFTER : DIFF_COL_BEFORE] = w;
	if (which && strcmp(cls, "stuck") == 0)
		row[c->col_stuck] = w;
	else if (which && strcmp(cls, "progressing") == 0)
		row[c->col_prog] = w;
	return merger_add(c->m, p, r->stack, row, &meta);
}

static int
merge_dumps(struct merger *m, const struct merge_side *before,
	const struct merge_side *after, struct error *err)
{
	const struct profile *pb = before->prof, *pa = after->prof;
	struct dump_ctx c = { .m = m, .side = { before, after } };
	struct strtab keys;
	uint32_t *first_b = NULL;     /* key -> before record + 1 */
	const char **cls_b = xcalloc(pb->n_samples + 1, sizeof *cls_b);
	size_t cap = 0, counts[4] = { 0 };
	char key[128], note[160];
	int rc = -1;

	(void)err;
	c.col_stuck = merger_type(m, DIFF_TYPE_STUCK, UNIT_COUNT);
	c.col_prog = merger_type(m, DIFF_TYPE_PROGRESSING, UNIT_COUNT);
	if (c.col_stuck < 0 || c.col_prog < 0)
		goto out_nokeys;
	strtab_init(&keys);
	for (size_t i = 0; i < pb->n_samples; i++) {
		uint32_t k;

		if (!merge_thread_key(pb, &pb->samples[i], key, sizeof key))
			continue;
		k = strtab_intern(&keys, key, strlen(key));
		if (k >= cap) {
			size_t old = cap;

			first_b = xgrow(first_b, &cap, (size_t)k + 1, sizeof *first_b);
			memset(first_b + old, 0, (cap - old) * sizeof *first_b);
		}
		if (!first_b[k])
			first_b[k] = (uint32_t)i + 1;
	}
	for (size_t i = 0; i < pa->n_samples; i++) {
		const struct sample *r = &pa->samples[i];
		const char *cls = "new";
		uint32_t k;

		if (merge_thread_key(pa, r, key, sizeof key) &&
		    (k = strtab_find(&keys, key, strlen(key))) != UINT32_MAX &&
		    k < cap && first_b[k] && !cls_b[first_b[k] - 1]) {
			size_t j = first_b[k] - 1;
			uint32_t sb = merger_stack_id(m, pb, pb->samples[j].stack);
			uint32_t sa = merger_stack_id(m, pa, r->stack);

			if (sb == UINT32_MAX || sa == UINT32_MAX)
				goto out;
			cls = sb == sa ? "stuck" : "progressing";
			cls_b[j] = cls;
		}
		counts[cls[0] == 's' ? 0 : cls[0] == 'p' ? 1 : 2]++;
		if (add_thread(&c, 1, r, cls) < 0)
			goto out;
	}
	for (size_t i = 0; i < pb->n_samples; i++) {
		if (!cls_b[i])
			counts[3]++;
		if (add_thread(&c, 0, &pb->samples[i], cls_b[i] ? cls_b[i] : "ended") < 0)
			goto out;
	}
	snprintf(note, sizeof note, "%zu stuck, %zu progressing, %zu new, %zu ended",
		counts[0], counts[1], counts[2], counts[3]);
	profile_add_info(m->out, "threads", note);
	rc = 0;
out:
	strtab_free(&keys);
out_nokeys:
	free(first_b);
	free(cls_b);
	free(c.labels);
	return rc;
}

/* ---- differential ------------------------------------------------------ */

static int
add_side(struct merger *m, const struct merge_side *side, int col)
{
	const struct profile *p = side->prof;
	double row[PROFILE_MAX_TYPES] = { 0 };

	for (size_t s = 0; s < p->n_stacks; s++) {
		double v = p->stack_values[s * p->n_types + (size_t)side->type];

		if (v == 0)
			continue;
		row[col] = v * side->scale;
		if (merger_add(m, p, (uint32_t)s, row, NULL) < 0)
			return -1;
	}
	return 0;
}

static void
describe_side(struct profile *out, const char *key, const struct merge_side *s)
{
	const struct profile *p = s->prof;
	char total[64], text[1024];

	snprintf(text, sizeof text, "%s (%s, %s, %s)", p->source ? p->source : "-",
		p->format ? p->format : "?", profile_type_name(p, s->type),
		units_format(profile_total(p, s->type), profile_type_unit(p, s->type),
			total, sizeof total));
	profile_add_info(out, key, text);
}

int
merge_diff(struct profile *out, const struct merge_side *before,
	const struct merge_side *after, struct error *err)
{
	const struct profile *ins[2] = { before->prof, after->prof };
	const char *ub = profile_type_unit(before->prof, before->type);
	const char *ua = profile_type_unit(after->prof, after->type);
	double nb = merge_ns_per_unit(ub), na = merge_ns_per_unit(ua);
	struct merge_side b = *before, a = *after;
	const char *unit = ua;
	struct merger *m;
	char text[1024];
	int rc = -1;

	if (nb > 0 && na > 0) {
		unit = UNIT_NANOSECONDS;
		b.scale *= nb;
		a.scale *= na;
	} else if (strcmp(ub, ua) != 0 && !(units_is_count(ub) && units_is_count(ua))) {
		snprintf(text, sizeof text, "before is in %s, after in %s: absolute "
			"changes mix units; compare shares (--diff-by=share)", ub, ua);
		profile_add_info(out, "warning", text);
	}
	m = merger_new(out, ins, 2, err);
	if (merger_type(m, "before", unit) != DIFF_COL_BEFORE ||
	    merger_type(m, "after", unit) != DIFF_COL_AFTER)
		goto out;
	if (merge_is_dump(b.prof, b.type) && merge_is_dump(a.prof, a.type)) {
		if (merge_dumps(m, &b, &a, err) < 0)
			goto out;
	} else if (add_side(m, &b, DIFF_COL_BEFORE) < 0 ||
		   add_side(m, &a, DIFF_COL_AFTER) < 0) {
		goto out;
	}
	out->differential = true;
	out->default_type = DIFF_COL_AFTER;
	free(out->format);
	out->format = xstrdup("diff");
	snprintf(text, sizeof text, "%s -> %s",
		before->prof->source ? before->prof->source : "-",
		after->prof->source ? after->prof->source : "-");
	free(out->source);
	out->source = xstrdup(text);
	describe_side(out, "before", before);
	describe_side(out, "after", after);
	if (m->strip_roots)
		profile_add_info(out, "note", "process root frames dropped: "
			"only one input had them");
	diff_prepare(out);
	rc = 0;
out:
	merger_free(m);
	return rc;
}
