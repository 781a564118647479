#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "profile.h"
#include "sink.h"
#include "units.h"
#include "xmalloc.h"

void
sink_init(struct sink *s, struct profile *prof, struct error *err,
	const struct parse_options *opts)
{
	memset(s, 0, sizeof *s);
	s->prof = prof;
	s->err = err;
	s->opts = opts ? opts : &s->default_opts;
	s->limits.max_depth = SINK_DEFAULT_MAX_DEPTH;
	s->limits.max_name_len = SINK_DEFAULT_MAX_NAME_LEN;
	s->limits.max_frames = SINK_DEFAULT_MAX_FRAMES;
}

void
sink_free(struct sink *s)
{
	free(s->scratch);
	s->scratch = NULL;
	s->scratch_cap = 0;
}

/* The displayable form of a name that came from the input: type names
 * and units reach headers, --info and status lines as they are, so a
 * control byte in them is escaped once, here. Returns s or a new string. */
static const char *
safe_name(const char *s, char **own)
{
	size_t len = strlen(s), need;

	*own = NULL;
	if (escape_is_clean(s, len))
		return s;
	need = escape_text(s, len, NULL, 0);
	*own = xmalloc(need + 1);
	escape_text(s, len, *own, need + 1);
	return *own;
}

int
sink_type(struct sink *s, const char *name, const char *unit)
{
	char *own_name, *own_unit;
	const char *u = units_canonical(unit);
	int t;

	name = safe_name(name, &own_name);
	u = safe_name(u, &own_unit);
	t = profile_add_type(s->prof, name, u);
	free(own_name);
	free(own_unit);
	if (t < 0)
		return error_set(s->err, 0, 0, "more than %d sample types",
			PROFILE_MAX_TYPES);
	return t;
}

void
sink_default_type(struct sink *s, int type)
{
	if (type >= 0 && (size_t)type < s->prof->n_types)
		s->prof->default_type = type;
}

void
sink_set_differential(struct sink *s)
{
	s->prof->differential = true;
}

uint32_t
sink_frame(struct sink *s, const char *name, size_t len, enum frame_kind kind)
{
	struct profile *p = s->prof;

	if (len > s->limits.max_name_len) {
		error_set(s->err, 0, 0,
			"frame name of %zu bytes exceeds the limit of %zu "
			"(raise it with --max-name-len)", len, s->limits.max_name_len);
		return FRAME_NONE;
	}
	if (p->frames.n >= s->limits.max_frames) {
		size_t before = p->frames.n;
		uint32_t id = frame_table_intern(&p->frames, name, len, kind, 0);

		if (p->frames.n == before)
			return id;
		error_set(s->err, 0, 0,
			"more than %zu distinct frames (raise the limit with --max-frames)",
			s->limits.max_frames);
		return FRAME_NONE;
	}
	return frame_table_intern(&p->frames, name, len, kind, 0);
}

uint32_t
sink_frame_desc(struct sink *s, const struct frame_desc *d)
{
	struct profile *p = s->prof;
	uint32_t module = 0, id;
	size_t before = p->frames.n;
	struct frame *f;

	if (d->name_len > s->limits.max_name_len) {
		error_set(s->err, 0, 0,
			"frame name of %zu bytes exceeds the limit of %zu "
			"(raise it with --max-name-len)", d->name_len,
			s->limits.max_name_len);
		return FRAME_NONE;
	}
	if (d->module && d->module[0])
		module = strtab_intern(&p->strings, d->module, strlen(d->module));
	id = frame_table_intern(&p->frames, d->name, d->name_len, d->kind, module);
	if (p->frames.n == before)
		return id;
	if (p->frames.n > s->limits.max_frames) {
		error_set(s->err, 0, 0,
			"more than %zu distinct frames (raise the limit with --max-frames)",
			s->limits.max_frames);
		return FRAME_NONE;
	}
	/* a new frame keeps the detail it was first seen with */
	f = &p->frames.frames[id];
	if (d->file && d->file[0])
		f->file = strtab_intern(&p->strings, d->file, strlen(d->file));
	f->line = d->line;
	f->address = d->address;
	if (d->detail && d->detail[0])
		f->detail = strtab_intern(&p->strings, d->detail, strlen(d->detail));
	return id;
}

/* A parser that declares no type gets one "samples" column. */
static int
sink_ensure_type(struct sink *s)
{
	if (s->prof->n_types > 0)
		return 0;
	return sink_type(s, "samples", UNIT_SAMPLES) < 0 ? -1 : 0;
}

static bool
meta_is_empty(const struct sample_meta *m)
{
	return !m || (m->time_ns < 0 && m->pid < 0 && m->tid < 0 &&
		m->cpu < 0 && m->n_labels == 0);
}

static uint32_t
sink_labelset(struct sink *s, const struct sample_meta *m)
{
	struct profile *p = s->prof;
	struct label small[16] = { { 0 } }, *l = small;
	uint32_t id;

	if (m->n_labels == 0)
		return 0;
	if (m->n_labels > 16)
		l = xmalloc(m->n_labels * sizeof *l);
	for (size_t i = 0; i < m->n_labels; i++) {
		const struct sink_label *in = &m->labels[i];

		l[i].key = strtab_intern(&p->strings, in->key, strlen(in->key));
		l[i].str = in->str ? strtab_intern(&p->strings, in->str, strlen(in->str)) : 0;
		l[i].num = in->str ? 0 : in->num;
		l[i].unit = !in->str && in->unit ?
			strtab_intern(&p->strings, in->unit, strlen(in->unit)) : 0;
	}
	id = profile_labelset(p, l, m->n_labels);
	if (l != small)
		free(l);
	return id;
}

static void
sink_record(struct sink *s, uint32_t stack, const double *values,
	const struct sample_meta *m)
{
	struct profile *p = s->prof;
	struct sample *r;

	if (p->n_samples == p->cap_samples) {
		size_t cap = p->cap_samples;

		p->samples = xgrow(p->samples, &cap, p->n_samples + 1, sizeof *p->samples);
		p->sample_values = xrealloc(p->sample_values,
			cap * p->n_types * sizeof *p->sample_values);
		p->cap_samples = cap;
	}
	r = &p->samples[p->n_samples];
	r->stack = stack;
	r->labelset = sink_labelset(s, m);
	r->time_ns = m->time_ns;
	r->pid = m->pid;
	r->tid = m->tid;
	r->cpu = m->cpu;
	memcpy(p->sample_values + p->n_samples * p->n_types, values,
		p->n_types * sizeof *values);
	p->n_samples++;
}

static int
sink_check_depth(struct sink *s, size_t depth)
{
	if (depth <= s->limits.max_depth)
		return 0;
	return error_set(s->err, 0, 0,
		"stack of %zu frames exceeds the limit of %zu (raise it with --max-depth)",
		depth, s->limits.max_depth);
}

static void
note_fraction(struct sink *s, double v)
{
	if (v != floor(v))
		s->prof->fractional = true;
}

/* True, after counting the sample as skipped, when v cannot be a weight:
 * NaN or infinite, or beyond 2^64 (no producer counts that high, and a
 * few such values would turn every total and percentage into inf/NaN). */
static bool
value_out_of_range(struct sink *s, double v)
{
	char text[64];

	if (isfinite(v) && fabs(v) <= SINK_MAX_VALUE)
		return false;
	snprintf(text, sizeof text, "value %g", v);
	sink_skip(s, "samples with a value out of range", 0, text, strlen(text));
	return true;
}

int
sink_sample(struct sink *s, const uint32_t *frames, size_t depth,
	const double *values, const struct sample_meta *meta)
{
	uint32_t stack;

	if (sink_ensure_type(s) < 0 || sink_check_depth(s, depth) < 0)
		return -1;
	for (size_t t = 0; t < s->prof->n_types; t++)
		if (value_out_of_range(s, values[t]))
			return 0;
	for (size_t t = 0; t < s->prof->n_types; t++)
		note_fraction(s, values[t]);
	stack = profile_add_stack(s->prof, frames, depth, values);
	if (!meta_is_empty(meta))
		sink_record(s, stack, values, meta);
	s->n_added++;
	return 0;
}

int
sink_sample1(struct sink *s, const uint32_t *frames, size_t depth, int type,
	double value, const struct sample_meta *meta)
{
	struct profile *p = s->prof;
	uint32_t stack;

	if (sink_ensure_type(s) < 0 || sink_check_depth(s, depth) < 0)
		return -1;
	if (value_out_of_range(s, value))
		return 0;
	if (type < 0 || (size_t)type >= p->n_types)
		type = 0;
	note_fraction(s, value);
	stack = profile_add_stack_value(p, frames, depth, type, value);
	if (!meta_is_empty(meta)) {
		double row[PROFILE_MAX_TYPES] = { 0 };

		row[type] = value;
		sink_record(s, stack, row, meta);
	}
	s->n_added++;
	return 0;
}

void
sink_skip(struct sink *s, const char *category, long line, const char *text,
	size_t len)
{
	profile_add_skip(s->prof, category, line, text, len);
}

void
sink_info(struct sink *s, const char *key, const char *value)
{
	profile_add_info(s->prof, key, value);
}

int
sink_fail_at(struct sink *s, long line)
{
	if (s->err)
		s->err->line = line;
	return -1;
}

void
sink_progress(struct sink *s, size_t done, size_t total)
{
	if (s->progress)
		s->progress(s->progress_ctx, done, total);
}

size_t
sink_count(const struct sink *s)
{
	return s->n_added;
}
