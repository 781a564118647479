#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "pattern.h"
#include "profile.h"
#include "xmalloc.h"

static const char *const kind_names[FILTER_KIND_COUNT] = {
	[FILTER_FOCUS] = "focus",
	[FILTER_IGNORE] = "ignore",
	[FILTER_HIDE] = "hide",
	[FILTER_ROOT] = "root",
	[FILTER_TAG] = "tag",
};

const char *
filter_kind_name(enum filter_kind kind)
{
	return kind < FILTER_KIND_COUNT ? kind_names[kind] : "?";
}

int
filter_kind_parse(const char *name)
{
	for (int k = 0; k < FILTER_KIND_COUNT; k++)
		if (strcmp(name, kind_names[k]) == 0)
			return k;
	return -1;
}

void
filters_init(struct filters *f)
{
	memset(f, 0, sizeof *f);
	f->group_unknown = FRAME_NONE;
}

static void
entry_free(struct filter_entry *e)
{
	if (e->has_re)
		regfree(&e->re);
	free(e->text);
	free(e->match);
	memset(e, 0, sizeof *e);
}

static void
group_free(struct filters *f)
{
	free(f->group_frame);
	f->group_frame = NULL;
	f->n_group = 0;
	f->group_unknown = FRAME_NONE;
}

void
filters_free(struct filters *f)
{
	for (size_t i = 0; i < f->n; i++)
		entry_free(&f->entries[i]);
	free(f->entries);
	free(f->group_by);
	group_free(f);
	free(f->map);
	free(f->ids);
	free(f->scratch);
	memset(f, 0, sizeof *f);
}

void
filters_invalidate(struct filters *f)
{
	for (size_t i = 0; i < f->n; i++) {
		struct filter_entry *e = &f->entries[i];

		free(e->match);
		e->match = NULL;
		e->n_match = 0;
		e->key_ready = false;
	}
	f->map_ok = false;
	/* the group frames were interned into the old profile */
	group_free(f);
	free(f->group_by);
	f->group_by = NULL;
}

static bool
is_frame_kind(enum filter_kind kind)
{
	return kind != FILTER_TAG;
}

static struct filter_entry *
new_entry(struct filters *f, enum filter_kind kind)
{
	struct filter_entry *e;

	f->entries = xgrow(f->entries, &f->cap, f->n + 1, sizeof *f->entries);
	e = &f->entries[f->n];
	memset(e, 0, sizeof *e);
	e->kind = kind;
	return e;
}

int
filters_push(struct filters *f, enum filter_kind kind, const char *text,
	struct error *err)
{
	struct filter_entry *e;

	if (kind >= FILTER_KIND_COUNT)
		return error_set(err, 0, 0, "unknown filter kind %d", (int)kind);
	if (kind == FILTER_TAG) {
		const char *eq = strchr(text, '=');

		if (!eq || eq == text)
			return error_set(err, 0, 0, "expected KEY=VALUE, got '%s'", text);
		e = new_entry(f, kind);
		e->text = xstrdup(text);
		e->text_len = strlen(text);
		e->tag_value = e->text + (eq - text) + 1;
		f->n++;
		return 0;
	} else {
		regex_t re;

		if (pattern_compile(&re, text, false, err) < 0)
			return -1;
		e = new_entry(f, kind);
		e->text = xstrdup(text);
		e->text_len = strlen(text);
		e->re = re;
		e->has_re = true;
	}
	f->n++;
	f->map_ok = false;
	return 0;
}

int
filter_check(enum filter_kind kind, const char *text, struct error *err)
{
	struct filters f;
	int rc;

	filters_init(&f);
	rc = filters_push(&f, kind, text, err);
	filters_free(&f);
	return rc;
}

void
filters_push_name(struct filters *f, enum filter_kind kind, const char *name,
	size_t len)
{
	struct filter_entry *e;

	if (!is_frame_kind(kind) || kind >= FILTER_KIND_COUNT)
		return;
	e = new_entry(f, kind);
	e->text = xstrndup(name, len);
	e->text_len = len;
	e->exact = true;
	f->n++;
	f->map_ok = false;
}

bool
filters_pop(struct filters *f)
{
	if (!f || f->n == 0)
		return false;
	if (is_frame_kind(f->entries[f->n - 1].kind))
		f->map_ok = false;
	entry_free(&f->entries[--f->n]);
	return true;
}

void
filters_clear(struct filters *f)
{
	while (filters_pop(f))
		;
}

bool
filters_trivial(const struct filters *f)
{
	return !f || (f->n == 0 && !f->group_by);
}

bool
filters_has_tags(const struct filters *f)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (f->entries[i].kind == FILTER_TAG)
			return true;
	return false;
}

bool
filters_has_frame_filters(const struct filters *f)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (is_frame_kind(f->entries[i].kind))
			return true;
	return false;
}

/* Whether frame id matches entry e; decided once per frame. */
static bool
frame_matches(struct filter_entry *e, const struct profile *p, uint32_t id)
{
	if (id >= e->n_match) {
		size_t n = p->frames.n > id ? p->frames.n : (size_t)id + 1;

		e->match = xrealloc(e->match, n);
		memset(e->match + e->n_match, 0, n - e->n_match);
		e->n_match = n;
	}
	if (!e->match[id]) {
		const struct frame *fr = profile_frame(p, id);
		bool m;

		if (e->exact)
			m = fr->name_len == e->text_len &&
				memcmp(fr->name, e->text, e->text_len) == 0;
		else
			m = regexec(&e->re, fr->name, 0, NULL, 0) == 0;
		e->match[id] = m ? 2 : 1;
	}
	return e->match[id] == 2;
}

/* Runs the frame filters over one stack. Returns the surviving frames
 * (the input, a suffix of it, or a scratch buffer) or NULL. */
static const uint32_t *
transform(struct filters *f, const struct profile *p, const uint32_t *cur,
	uint32_t *depth, uint32_t *buf_a, uint32_t *buf_b, bool *scratch)
{
	uint32_t d = *depth;

	for (size_t k = 0; k < f->n; k++) {
		struct filter_entry *e = &f->entries[k];
		uint32_t i, n;
		uint32_t *out;

		switch (e->kind) {
		case FILTER_FOCUS:
			for (i = 0; i < d && !frame_matches(e, p, cur[i]); i++)
				;
			if (i == d)
				return NULL;
			e->matched = true;
			break;
		case FILTER_IGNORE:
			for (i = 0; i < d; i++) {
				if (frame_matches(e, p, cur[i])) {
					e->matched = true;
					return NULL;
				}
			}
			break;
		case FILTER_HIDE:
			out = cur == buf_a ? buf_b : buf_a;
			for (i = 0, n = 0; i < d; i++)
				if (!frame_matches(e, p, cur[i]))
					out[n++] = cur[i];
			if (n == d)
				break;
			e->matched = true;
			if (n == 0)
				return NULL;
			cur = out;
			d = n;
			*scratch = true;
			break;
		case FILTER_ROOT:
			for (i = 0; i < d && !frame_matches(e, p, cur[i]); i++)
				;
			if (i == d)
				return NULL;
			e->matched = true;
			cur += i;
			d -= i;
			break;
		default:
			break;
		}
	}
	*depth = d;
	return cur;
}

static void
compute_map(struct filters *f, const struct profile *p)
{
	uint32_t max_depth = 0;

	for (size_t k = 0; k < f->n; k++)
		if (is_frame_kind(f->entries[k].kind))
			f->entries[k].matched = false;
	for (size_t s = 0; s < p->n_stacks; s++)
		if (p->stacks[s].depth > max_depth)
			max_depth = p->stacks[s].depth;
	f->scratch = xgrow(f->scratch, &f->scratch_cap, 2 * (size_t)max_depth + 2,
		sizeof *f->scratch);
	f->map = xrealloc(f->map, (p->n_stacks ? p->n_stacks : 1) * sizeof *f->map);
	f->n_map = p->n_stacks;
	f->n_ids = 0;
	for (size_t s = 0; s < p->n_stacks; s++) {
		const uint32_t *in = profile_stack_frames(p, (uint32_t)s);
		uint32_t d = p->stacks[s].depth;
		uint32_t *a = f->scratch, *b = f->scratch + max_depth + 1;
		bool scratch = false;
		const uint32_t *out = transform(f, p, in, &d, a, b, &scratch);
		struct filter_stack *m = &f->map[s];

		if (!out) {
			m->depth = FILTER_DROPPED;
			m->off = 0;
			m->own = false;
		} else if (!scratch) {
			m->off = (uint32_t)(out - p->stack_ids);
			m->depth = d;
			m->own = false;
		} else {
			f->ids = xgrow(f->ids, &f->cap_ids, f->n_ids + d, sizeof *f->ids);
			memcpy(f->ids + f->n_ids, out, d * sizeof *out);
			m->off = (uint32_t)f->n_ids;
			m->depth = d;
			m->own = true;
			f->n_ids += d;
		}
	}
	f->map_ok = true;
}

const uint32_t *
filters_stack(struct filters *f, const struct profile *p, uint32_t s,
	uint32_t *depth)
{
	const struct filter_stack *m;

	if (!filters_has_frame_filters(f)) {
		*depth = p->stacks[s].depth;
		return profile_stack_frames(p, s);
	}
	if (!f->map_ok || f->n_map != p->n_stacks)
		compute_map(f, p);
	m = &f->map[s];
	if (m->depth == FILTER_DROPPED)
		return NULL;
	*depth = m->depth;
	return m->own ? f->ids + m->off : p->stack_ids + m->off;
}

static size_t
tag_key_len(const struct filter_entry *e)
{
	return (size_t)(e->tag_value - e->text) - 1;
}

static bool
same_key(const struct filter_entry *a, const struct filter_entry *b)
{
	size_t n = tag_key_len(a);

	return n == tag_key_len(b) && memcmp(a->text, b->text, n) == 0;
}

static void
resolve_key(struct filter_entry *e, const struct profile *p)
{
	char small[128], *key = small;
	size_t n = tag_key_len(e);

	if (n >= sizeof small)
		key = xmalloc(n + 1);
	memcpy(key, e->text, n);
	key[n] = '\0';
	labels_key_resolve(&e->key, p, key);
	if (key != small)
		free(key);
	e->key_ready = true;
}

void
filters_begin_run(struct filters *f)
{
	for (size_t i = 0; f && i < f->n; i++)
		if (f->entries[i].kind == FILTER_TAG)
			f->entries[i].matched = false;
}

bool
filters_record_passes(struct filters *f, const struct profile *p,
	const struct sample *r, const char *skip_key)
{
	size_t skip_len = skip_key ? strlen(skip_key) : 0;

	for (size_t i = 0; f && i < f->n; i++) {
		struct filter_entry *e = &f->entries[i];
		const char *val;
		char buf[64];
		bool seen = false, ok = false;

		if (e->kind != FILTER_TAG)
			continue;
		if (skip_key && tag_key_len(e) == skip_len &&
		    memcmp(e->text, skip_key, skip_len) == 0)
			continue;
		/* each key is decided once, at its first entry */
		for (size_t j = 0; j < i && !seen; j++)
			seen = f->entries[j].kind == FILTER_TAG && same_key(&f->entries[j], e);
		if (seen)
			continue;
		if (!e->key_ready)
			resolve_key(e, p);
		val = labels_value(p, r, &e->key, buf, sizeof buf);
		if (!val)
			return false;
		for (size_t j = i; j < f->n; j++) {
			struct filter_entry *o = &f->entries[j];

			if (o->kind == FILTER_TAG && same_key(o, e) &&
			    strcmp(o->tag_value, val) == 0) {
				o->matched = true;
				ok = true;
			}
		}
		if (!ok)
			return false;
	}
	return true;
}

/* Interns the frame "KEY=value". */
static uint32_t
group_intern(struct profile *p, const char *key, const char *val, char **buf,
	size_t *cap)
{
	size_t kl = strlen(key), vl = strlen(val);

	*buf = xgrow(*buf, cap, kl + vl + 2, 1);
	memcpy(*buf, key, kl);
	(*buf)[kl] = '=';
	memcpy(*buf + kl + 1, val, vl + 1);
	return frame_table_intern(&p->frames, *buf, kl + vl + 1, FRAME_PROCESS, 0);
}

void
filters_group_by(struct filters *f, struct profile *p, const char *key)
{
	struct label_key k;
	uint32_t *by_set;
	char *buf = NULL, num[64];
	size_t cap = 0;

	free(f->group_by);
	f->group_by = NULL;
	group_free(f);
	if (!key || !*key)
		return;
	f->group_by = xstrdup(key);
	labels_key_resolve(&k, p, key);
	f->group_unknown = group_intern(p, key, "?", &buf, &cap);
	f->group_frame = xmalloc((p->n_samples ? p->n_samples : 1) *
		sizeof *f->group_frame);
	f->n_group = p->n_samples;
	/* most records share a few label sets: decide once per set when the
	 * value comes from a label, per record only for pid/tid/cpu */
	by_set = xmalloc((p->n_labelsets ? p->n_labelsets : 1) * sizeof *by_set);
	for (size_t i = 0; i < p->n_labelsets; i++)
		by_set[i] = FRAME_NONE;
	for (size_t i = 0; i < p->n_samples; i++) {
		const struct sample *r = &p->samples[i];
		const char *val;

		if (r->labelset && by_set[r->labelset] != FRAME_NONE) {
			f->group_frame[i] = by_set[r->labelset];
			continue;
		}
		val = labels_value(p, r, &k, num, sizeof num);
		if (!val) {
			f->group_frame[i] = f->group_unknown;
			continue;
		}
		f->group_frame[i] = group_intern(p, key, val, &buf, &cap);
		if (r->labelset && val != num)
			by_set[r->labelset] = f->group_frame[i];
	}
	free(by_set);
	free(buf);
}

uint32_t
filters_group_frame(const struct filters *f, size_t i)
{
	if (!f || !f->group_by)
		return FRAME_NONE;
	if (i == SIZE_MAX || i >= f->n_group)
		return f->group_unknown;
	return f->group_frame[i];
}
