/* pprof profile.proto reader (shared/formats/pprof.md).
 *
 * Two passes over the top-level Profile message. The first walks its
 * fields by hand: strings are borrowed from the input (never copied unless
 * needed), and the small messages (ValueType, Mapping, Location, Function)
 * are unpacked with the protoc-c code generated from profile.proto into a
 * scratch allocator that is reset after each one. Go writes the string
 * table last and interleaves everything else, so nothing is resolved until
 * the whole message has been read. The second pass (pprof_samples.c)
 * decodes the samples (the bulk of a large file) directly and streams them
 * into the sink, each location expanded once into frame ids (inlined lines
 * caller first) and then reused by every sample that references it. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "input.h"
#include "pprof.h"
#include "pprof_wire.h"
#include "units.h"
#include "xmalloc.h"

int
pprof_fail(struct pp *pp, const uint8_t *at, const char *fmt, const char *what)
{
	char msg[256];

	snprintf(msg, sizeof msg, fmt, what);
	error_set_file(pp->err, pp->in->name);
	if (at)
		return error_set(pp->err, 0, 0, "%s at byte %zu", msg,
			(size_t)(at - pp->base));
	return error_set(pp->err, 0, 0, "%s", msg);
}

/* ---- protobuf-c allocator ------------------------------------------- */

static void *
scratch_alloc(void *data, size_t size)
{
	struct pp_scratch *s = data;
	void *p;

	size = (size + 15) & ~(size_t)15;
	if (s->used + size <= s->cap) {
		p = s->buf + s->used;
		s->used += size;
		return p;
	}
	s->want = s->used + size;
	s->big = xgrow(s->big, &s->cap_big, s->n_big + 1, sizeof *s->big);
	return s->big[s->n_big++] = xmalloc(size);
}

static void
scratch_free(void *data, void *ptr)
{
	(void)data;
	(void)ptr;   /* everything goes at the next reset */
}

static void
scratch_reset(struct pp_scratch *s)
{
	for (size_t i = 0; i < s->n_big; i++)
		free(s->big[i]);
	s->n_big = 0;
	if (s->want > s->cap) {
		/* grow to the high-water mark so that the next one fits */
		s->cap = s->want * 2;
		free(s->buf);
		s->buf = xmalloc(s->cap);
	}
	s->used = 0;
	s->want = 0;
}

/* ---- id maps ------------------------------------------------------- */

/* Builds the map over n ids (stride bytes apart). Returns the index of a
 * zero or duplicate id, or SIZE_MAX when all is well. */
static size_t
ids_build(struct pp_ids *m, const void *base, size_t stride, size_t n)
{
	uint64_t max = 0;

	for (size_t i = 0; i < n; i++) {
		uint64_t id = *(const uint64_t *)((const char *)base + i * stride);

		if (id == 0)
			return i;
		if (id > max)
			max = id;
	}
	if (max <= 2 * (uint64_t)n + 64) {
		m->n_dense = (size_t)max + 1;
		m->dense = xcalloc(m->n_dense, sizeof *m->dense);
		for (size_t i = 0; i < n; i++) {
			uint64_t id = *(const uint64_t *)((const char *)base + i * stride);

			if (m->dense[id])
				return i;
			m->dense[id] = (uint32_t)(i + 1);
		}
		return SIZE_MAX;
	}
	m->mask = 15;
	while (m->mask < 2 * n)
		m->mask = m->mask * 2 + 1;
	m->keys = xcalloc(m->mask + 1, sizeof *m->keys);
	m->vals = xcalloc(m->mask + 1, sizeof *m->vals);
	for (size_t i = 0; i < n; i++) {
		uint64_t id = *(const uint64_t *)((const char *)base + i * stride);
		size_t h = hash_mix(id) & m->mask;

		while (m->vals[h]) {
			if (m->keys[h] == id)
				return i;
			h = (h + 1) & m->mask;
		}
		m->keys[h] = id;
		m->vals[h] = (uint32_t)(i + 1);
	}
	return SIZE_MAX;
}

static void
ids_free(struct pp_ids *m)
{
	free(m->dense);
	free(m->keys);
	free(m->vals);
}

/* ---- strings ------------------------------------------------------- */

/* The string at index i as a NUL-terminated copy (owned by pp). The
 * index was checked against the table. */
const char *
pprof_cstr_make(struct pp *pp, uint64_t i)
{
	if (!pp->cstrs)
		pp->cstrs = xcalloc(pp->n_strs, sizeof *pp->cstrs);
	if (!pp->cstrs[i])
		pp->cstrs[i] = arena_strndup(&pp->arena, pp->strs[i].p, pp->strs[i].len);
	return pp->cstrs[i];
}

/* ---- pass 1: everything but the samples ----------------------------- */

#define UNPACK(pp, type, f) \
	perftools__profiles__##type##__unpack(&(pp)->alloc, (f)->len, (f)->data)

static int
read_value_type(struct pp *pp, const struct pb_field *f, uint64_t *type,
	uint64_t *unit)
{
	Perftools__Profiles__ValueType *m = UNPACK(pp, value_type, f);

	if (!m)
		return pprof_fail(pp, f->data, "malformed %s message", "ValueType");
	*type = (uint64_t)m->type;
	*unit = (uint64_t)m->unit;
	return 0;
}

static int
read_mapping(struct pp *pp, const struct pb_field *f)
{
	Perftools__Profiles__Mapping *m = UNPACK(pp, mapping, f);
	struct pp_map *d;

	if (!m)
		return pprof_fail(pp, f->data, "malformed %s message", "Mapping");
	pp->maps = xgrow(pp->maps, &pp->cap_maps, pp->n_maps + 1, sizeof *pp->maps);
	d = &pp->maps[pp->n_maps++];
	d->id = m->id;
	d->filename = (uint64_t)m->filename;
	d->module = NULL;
	return 0;
}

static int
read_location(struct pp *pp, const struct pb_field *f)
{
	Perftools__Profiles__Location *m = UNPACK(pp, location, f);
	struct pp_loc *d;

	if (!m)
		return pprof_fail(pp, f->data, "malformed %s message", "Location");
	if (pp->n_lines + m->n_line >= UINT32_MAX)
		return pprof_fail(pp, f->data, "too many %s", "inlined lines");
	pp->locs = xgrow(pp->locs, &pp->cap_locs, pp->n_locs + 1, sizeof *pp->locs);
	d = &pp->locs[pp->n_locs++];
	memset(d, 0, sizeof *d);
	d->id = m->id;
	d->mapping_id = m->mapping_id;
	d->address = m->address;
	d->first_line = (uint32_t)pp->n_lines;
	d->n_lines = (uint32_t)m->n_line;
	pp->lines = xgrow(pp->lines, &pp->cap_lines, pp->n_lines + m->n_line,
		sizeof *pp->lines);
	for (size_t i = 0; i < m->n_line; i++) {
		pp->lines[pp->n_lines].function_id = m->line[i]->function_id;
		pp->lines[pp->n_lines++].line = m->line[i]->line;
	}
	return 0;
}

static int
read_function(struct pp *pp, const struct pb_field *f)
{
	Perftools__Profiles__Function *m = UNPACK(pp, function, f);
	struct pp_func *d;

	if (!m)
		return pprof_fail(pp, f->data, "malformed %s message", "Function");
	pp->funcs = xgrow(pp->funcs, &pp->cap_funcs, pp->n_funcs + 1,
		sizeof *pp->funcs);
	d = &pp->funcs[pp->n_funcs++];
	d->id = m->id;
	d->name = (uint64_t)m->name;
	d->system_name = (uint64_t)m->system_name;
	d->filename = (uint64_t)m->filename;
	d->prune = 0;
	return 0;
}

static void
add_comment(struct pp *pp, uint64_t v)
{
	pp->comments = xgrow(pp->comments, &pp->cap_comments, pp->n_comments + 1,
		sizeof *pp->comments);
	pp->comments[pp->n_comments++] = v;
}

static int
read_comments(struct pp *pp, const struct pb_field *f)
{
	const uint8_t *p = f->data, *end = f->data + f->len;

	while (p < end) {
		uint64_t v;
		const char *why = pb_varint(&p, end, &v);

		if (why)
			return pprof_fail(pp, p, "%s in packed comment list", why);
		add_comment(pp, v);
	}
	return 0;
}

/* Field number -> the wire type it must have (0 = unknown field). */
static int
expected_wire(uint32_t num)
{
	static const signed char wire[16] = {
		-1, PB_BYTES, PB_BYTES, PB_BYTES, PB_BYTES, PB_BYTES, PB_BYTES,
		PB_VARINT, PB_VARINT, PB_VARINT, PB_VARINT, PB_BYTES, PB_VARINT,
		-2 /* comment: either */, PB_VARINT, PB_VARINT
	};

	return num < 16 ? wire[num] : -1;
}

static const char *const field_names[16] = {
	"", "sample_type", "sample", "mapping", "location", "function",
	"string_table", "drop_frames", "keep_frames", "time_nanos",
	"duration_nanos", "period_type", "period", "comment",
	"default_sample_type", "doc_url"
};

static int
read_field(struct pp *pp, const struct pb_field *f, const uint8_t *at)
{
	int want = expected_wire(f->num);
	int rc = 0;

	if (want >= 0 && (int)f->wire != want) {
		char what[64];

		snprintf(what, sizeof what, "%s (field %u)", field_names[f->num], f->num);
		return pprof_fail(pp, at, "wrong wire type for %s", what);
	}
	if (want == -2 && f->wire != PB_VARINT && f->wire != PB_BYTES)
		return pprof_fail(pp, at, "wrong wire type for %s", "comment (field 13)");
	switch (f->num) {
	case 1: {
		struct pp_type *t;

		pp->types = xgrow(pp->types, &pp->cap_types, pp->n_types + 1,
			sizeof *pp->types);
		t = &pp->types[pp->n_types++];
		rc = read_value_type(pp, f, &t->type, &t->unit);
		break;
	}
	case 2: pp->n_samples++; break;
	case 3: rc = read_mapping(pp, f); break;
	case 4: rc = read_location(pp, f); break;
	case 5: rc = read_function(pp, f); break;
	case 6:
		pp->strs = xgrow(pp->strs, &pp->cap_strs, pp->n_strs + 1,
			sizeof *pp->strs);
		pp->strs[pp->n_strs].p = (const char *)f->data;
		pp->strs[pp->n_strs++].len = f->len;
		break;
	case 7: pp->drop_frames = f->v; break;
	case 8: pp->keep_frames = f->v; break;
	case 9:
		if (pp->time_nanos != 0 && f->v != 0)
			return pprof_fail(pp, at, "%s (a second time_nanos field)",
				"two profiles concatenated");
		pp->time_nanos = (int64_t)f->v;
		break;
	case 10: pp->duration_nanos = (int64_t)f->v; break;
	case 11: rc = read_value_type(pp, f, &pp->period_type, &pp->period_unit); break;
	case 12: pp->period = (int64_t)f->v; break;
	case 13:
		if (f->wire == PB_VARINT)
			add_comment(pp, f->v);
		else
			rc = read_comments(pp, f);
		break;
	case 14: pp->default_type = f->v; break;
	case 15: pp->doc_url = f->v; break;
	default: break;   /* unknown fields are skipped: the schema grows */
	}
	scratch_reset(&pp->scratch);
	return rc;
}

/* Bytes of the tables pass 1 builds, with the id maps and string copies
 * that come later. An empty Location costs 2 input bytes and 48 here, so
 * they are bounded like the input, not by it. */
static uint64_t
tables_size(const struct pp *pp)
{
	return (uint64_t)pp->cap_strs * (sizeof *pp->strs + sizeof *pp->cstrs) +
		(uint64_t)pp->cap_types * sizeof *pp->types +
		(uint64_t)pp->cap_funcs * (sizeof *pp->funcs + 24) +
		(uint64_t)pp->cap_maps * (sizeof *pp->maps + 24) +
		(uint64_t)pp->cap_locs * (sizeof *pp->locs + 24) +
		(uint64_t)pp->cap_lines * (sizeof *pp->lines + sizeof *pp->frames) +
		(uint64_t)pp->cap_comments * sizeof *pp->comments;
}

static int
pass1(struct pp *pp)
{
	uint64_t max = pp->in->max_bytes ? pp->in->max_bytes : INPUT_DEFAULT_MAX_BYTES;
	const uint8_t *p = pp->base;
	struct pb_field f;

	while (p < pp->end) {
		const uint8_t *at = p;
		const char *why = pb_next(&p, pp->end, &f);

		if (why)
			return pprof_fail(pp, at, "%s", why);
		if (read_field(pp, &f, at) < 0)
			return -1;
		if (f.num != 2 && tables_size(pp) > max) {
			error_set_file(pp->err, pp->in->name);
			return error_set(pp->err, 0, 0, "the profile's tables (strings, "
				"functions, locations) take more than %llu MiB, the limit "
				"(raise it with --max-input=SIZE)",
				(unsigned long long)(max >> 20));
		}
	}
	return 0;
}

/* ---- validation ---------------------------------------------------- */

static int
check_str(struct pp *pp, uint64_t i, const char *what)
{
	char msg[160];

	if (pprof_str_ok(pp, i))
		return 0;
	snprintf(msg, sizeof msg, "string index %" PRIu64 " out of range "
		"(the table has %zu) in %s", i, pp->n_strs, what);
	return pprof_fail(pp, NULL, "%s", msg);
}

static int
check_ids(struct pp *pp, struct pp_ids *m, const void *base, size_t stride,
	size_t n, const char *what)
{
	size_t bad = ids_build(m, base, stride, n);
	char msg[128];
	uint64_t id;

	if (bad == SIZE_MAX)
		return 0;
	id = *(const uint64_t *)((const char *)base + bad * stride);
	if (id == 0)
		snprintf(msg, sizeof msg, "%s with reserved id 0", what);
	else
		snprintf(msg, sizeof msg, "duplicate %s id %" PRIu64, what, id);
	return pprof_fail(pp, NULL, "malformed profile: %s", msg);
}

static int
validate(struct pp *pp)
{
	if (pp->strs[0].len != 0)
		return pprof_fail(pp, NULL, "malformed profile: %s",
			"string_table[0] is not the empty string");
	if (pp->n_samples > 0 && pp->n_types == 0)
		return pprof_fail(pp, NULL, "malformed profile: %s",
			"samples but no sample_type");
	for (size_t i = 0; i < pp->n_types; i++)
		if (check_str(pp, pp->types[i].type, "sample_type") < 0 ||
			check_str(pp, pp->types[i].unit, "sample_type") < 0)
			return -1;
	for (size_t i = 0; i < pp->n_funcs; i++)
		if (check_str(pp, pp->funcs[i].name, "function name") < 0 ||
			check_str(pp, pp->funcs[i].system_name, "function system_name") < 0 ||
			check_str(pp, pp->funcs[i].filename, "function filename") < 0)
			return -1;
	for (size_t i = 0; i < pp->n_maps; i++)
		if (check_str(pp, pp->maps[i].filename, "mapping filename") < 0)
			return -1;
	for (size_t i = 0; i < pp->n_comments; i++)
		if (check_str(pp, pp->comments[i], "comment") < 0)
			return -1;
	if (check_str(pp, pp->drop_frames, "drop_frames") < 0 ||
		check_str(pp, pp->keep_frames, "keep_frames") < 0 ||
		check_str(pp, pp->default_type, "default_sample_type") < 0 ||
		check_str(pp, pp->doc_url, "doc_url") < 0 ||
		check_str(pp, pp->period_type, "period_type") < 0 ||
		check_str(pp, pp->period_unit, "period_type") < 0)
		return -1;
	if ((pp->n_funcs && check_ids(pp, &pp->func_ids, &pp->funcs[0].id,
		sizeof *pp->funcs, pp->n_funcs, "function") < 0) ||
		(pp->n_maps && check_ids(pp, &pp->map_ids, &pp->maps[0].id,
		sizeof *pp->maps, pp->n_maps, "mapping") < 0) ||
		(pp->n_locs && check_ids(pp, &pp->loc_ids, &pp->locs[0].id,
		sizeof *pp->locs, pp->n_locs, "location") < 0))
		return -1;
	return 0;
}

/* ---- types and facts for the info screen --------------------------- */

static bool
str_eq(const struct pp *pp, uint64_t i, const char *s)
{
	size_t n = strlen(s);

	return pp->strs[i].len == n && memcmp(pp->strs[i].p, s, n) == 0;
}

static int
declare_types(struct pp *pp)
{
	const char *want = pp->sink->opts->sample_type;
	long pick = -1;

	for (size_t i = 0; i < pp->n_types; i++) {
		const char *name = pprof_cstr(pp, pp->types[i].type);
		const char *unit = pprof_cstr(pp, pp->types[i].unit);
		int col = sink_type(pp->sink, name, unit);

		if (col < 0)
			return -1;
		if (col < pp->n_cols) {
			/* two types of one name: keep them apart */
			char alt[256];

			snprintf(alt, sizeof alt, "%s#%zu", name, i + 1);
			if ((col = sink_type(pp->sink, alt, unit)) < 0)
				return -1;
		}
		pp->types[i].col = col;
		if (col >= pp->n_cols)
			pp->n_cols = col + 1;
		/* default_sample_type names a type by its string, not index */
		if (pick < 0 && (want ? strcmp(name, want) == 0 :
			pp->default_type != 0 && str_eq(pp, pp->types[i].type,
			pprof_cstr(pp, pp->default_type))))
			pick = (long)i;
	}
	/* an unknown --sample-type is reported by the caller, for all formats */
	if (want && pick < 0 && pp->default_type != 0) {
		for (size_t i = 0; i < pp->n_types && pick < 0; i++)
			if (str_eq(pp, pp->types[i].type, pprof_cstr(pp, pp->default_type)))
				pick = (long)i;
	}
	if (pick < 0 && pp->n_types > 0)
		pick = (long)pp->n_types - 1;   /* pprof's rule: the last one */
	if (pick >= 0)
		sink_default_type(pp->sink, pp->types[pick].col);
	return 0;
}

static void
add_info(struct pp *pp)
{
	struct sink *s = pp->sink;
	char buf[512], num[64];

	if (pp->period_type || pp->period_unit) {
		snprintf(buf, sizeof buf, "%s %s", pprof_cstr(pp, pp->period_type),
			pprof_cstr(pp, pp->period_unit));
		sink_info(s, "period type", buf);
	}
	if (pp->period) {
		snprintf(buf, sizeof buf, "%" PRId64 "%s%s", pp->period,
			pp->period_unit ? " " : "", pprof_cstr(pp, pp->period_unit));
		sink_info(s, "period", buf);
	}
	if (pp->duration_nanos > 0) {
		units_format((double)pp->duration_nanos, UNIT_NANOSECONDS, num, sizeof num);
		sink_info(s, "duration", num);
	}
	if (pp->time_nanos > 0) {
		time_t t = (time_t)(pp->time_nanos / 1000000000);
		struct tm tm;

		if (gmtime_r(&t, &tm)) {
			strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
			sink_info(s, "time", buf);
		}
	}
	for (size_t i = 0; i < pp->n_comments; i++)
		sink_info(s, "comment", pprof_cstr(pp, pp->comments[i]));
	if (pp->doc_url)
		sink_info(s, "doc url", pprof_cstr(pp, pp->doc_url));
	/* by convention the first mapping is the main binary */
	if (pp->n_maps > 0 && pp->maps[0].filename)
		sink_info(s, "binary", pprof_module(pp, &pp->maps[0]));
	if (pp->drop_frames && pp->strs[pp->drop_frames].len > 0) {
		sink_info(s, "drop frames", pprof_cstr(pp, pp->drop_frames));
		if (pp->keep_frames && pp->strs[pp->keep_frames].len > 0)
			sink_info(s, "keep frames", pprof_cstr(pp, pp->keep_frames));
	}
}

static void
init_prune(struct pp *pp)
{
	const struct pp_str *d = &pp->strs[pp->drop_frames];
	const struct pp_str *k = &pp->strs[pp->keep_frames];
	char why[256];

	if (pprof_prune_init(&pp->prune, d->p, d->len, k->p, k->len, why,
		sizeof why) < 0)
		sink_info(pp->sink, "warning", why);
}

static void
pp_free(struct pp *pp)
{
	free(pp->scratch.buf);
	free(pp->scratch.big);
	free(pp->strs);
	free(pp->cstrs);
	arena_free(&pp->arena);
	free(pp->types);
	free(pp->funcs);
	free(pp->maps);
	free(pp->locs);
	free(pp->lines);
	free(pp->comments);
	ids_free(&pp->func_ids);
	ids_free(&pp->map_ids);
	ids_free(&pp->loc_ids);
	pprof_prune_free(&pp->prune);
	free(pp->frames);
	free(pp->sloc);
	free(pp->sval);
	free(pp->slab);
	free(pp->labels);
	free(pp->stack);
	free(pp->values);
}

static int
pprof_parse(struct input *in, struct sink *out, struct error *err)
{
	struct pp pp;
	int rc = -1;

	memset(&pp, 0, sizeof pp);
	pp.in = in;
	pp.base = (const uint8_t *)in->data;
	pp.end = pp.base + in->len;
	pp.sink = out;
	pp.err = err;
	pp.alloc.alloc = scratch_alloc;
	pp.alloc.free = scratch_free;
	pp.alloc.allocator_data = &pp.scratch;
	if (pass1(&pp) < 0)
		goto out;
	if (pp.n_strs == 0) {
		if (pp.n_samples > 0) {
			pprof_fail(&pp, NULL, "malformed profile: %s", "no string table");
			goto out;
		}
		sink_info(out, "warning", "empty pprof profile (no string table)");
		rc = 0;
		goto out;
	}
	if (validate(&pp) < 0 || declare_types(&pp) < 0)
		goto out;
	add_info(&pp);
	/* --all-frames keeps what drop_frames would cut, as pprof -all_frames */
	if (!out->opts->all_frames) {
		init_prune(&pp);
		if (pp.prune.have_drop)
			pprof_prune_locations(&pp);
	}
	rc = pprof_samples(&pp);
out:
	pp_free(&pp);
	return rc;
}

/* ---- probe --------------------------------------------------------- */

/* Walks a message's fields; depth > 0 also walks known sub-messages.
 * Returns the number of fields, or -1 when the bytes cannot be one. */
/* Walks a message's fields; depth > 0 also walks known sub-messages.
 * Returns the number of fields read before the end or the first error;
 * *ok tells whether the walk reached the end (or the sniff window's). */
static long
probe_walk(const uint8_t *p, const uint8_t *end, int depth, bool top,
	bool cut, int *first_str, bool *ok)
{
	struct pb_field f;
	long n = 0;

	*ok = false;
	while (p < end) {
		const char *why = pb_next(&p, end, &f);

		if (why) {
			/* the sniff window may end inside a field */
			*ok = cut && (strstr(why, "truncated") || strstr(why, "past"));
			return n;
		}
		if (top) {
			bool sub_ok;

			if (expected_wire(f.num) >= 0 &&
				(int)f.wire != expected_wire(f.num))
				return n;
			if (f.num == 6 && *first_str < 0)
				*first_str = f.len == 0;
			if (depth > 0 && f.wire == PB_BYTES &&
				(f.num <= 5 || f.num == 11)) {
				probe_walk(f.data, f.data + f.len, depth - 1, false,
					false, first_str, &sub_ok);
				if (!sub_ok)
					return n;
			}
		}
		n++;
	}
	*ok = true;
	return n;
}

/* Printable UTF-8 text (tabs and line ends allowed): never a profile,
 * whose keys and varints give control bytes and stray high bytes. */
static bool
looks_text(const uint8_t *p, size_t len)
{
	for (size_t i = 0; i < len; ) {
		uint8_t c = p[i];
		size_t n = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 :
			(c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;

		if (n == 0 || (c < 0x20 && c != '\t' && c != '\n' && c != '\r'))
			return false;
		if (i + n > len)
			return true;   /* cut by the sniff window */
		for (size_t k = 1; k < n; k++)
			if ((p[i + k] & 0xc0) != 0x80)
				return false;
		i += n;
	}
	return true;
}

static int
pprof_probe(const char *head, size_t len)
{
	const uint8_t *p = (const uint8_t *)head;
	int first_str = -1;
	bool ok;
	long n;

	if (len < 2 || looks_text(p, len))
		return 0;
	/* a valid first key, and not plain text */
	if (expected_wire(p[0] >> 3) != (p[0] & 7) &&
		!(p[0] >> 3 == 13 && (p[0] & 7) <= 2))
		return 0;
	n = probe_walk(p, p + len, 1, true, len >= FORMAT_SNIFF_BYTES,
		&first_str, &ok);
	if (first_str == 0)
		return 0;
	if (!ok)
		/* many good fields, then damage: a broken profile, whose parse
		 * error says more than "unrecognised binary input" */
		return n >= 8 ? 20 : 0;
	if (n < 2)
		return 0;
	return first_str == 1 ? 100 : 90;
}

const struct format format_pprof = {
	.name = "pprof",
	.description = "pprof profile.proto (Go runtime/pprof, pprof -proto), gzip or raw",
	.probe = pprof_probe,
	.parse = pprof_parse,
};
