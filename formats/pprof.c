/* pprof profile.proto reader (shared/formats/pprof.md).
 *
 * Two passes over the top-level Profile message. The first walks its
 * fields by hand: strings are borrowed from the input (never copied unless
 * needed), and the small messages (ValueType, Mapping, Location, Function)
 * are unpacked with the protoc-c code generated from profile.proto into a
 * scratch allocator that is reset after each one. Go writes the string
 * table last and interleaves everything else, so nothing is resolved until
 * the whole message has been read. The second pass decodes the samples
 * (the bulk of a large file) directly and streams them into the sink, each
 * location expanded once into frame ids (inlined lines caller first) and
 * then reused by every sample that references it. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "format.h"
#include "hash.h"
#include "pprof_prune.h"
#include "pprof_wire.h"
#include "profile.pb-c.h"
#include "units.h"
#include "xmalloc.h"

/* A sample whose location list or label list is longer than this is
 * refused rather than buffered (the sink's depth limit is far lower). */
#define PP_MAX_SAMPLE_ITEMS (16u << 20)
#define PP_PROGRESS_EVERY 65536

struct pp_str {
	const char *p;        /* borrowed from the input, not NUL-terminated */
	size_t len;
};

struct pp_type {
	uint64_t type, unit;  /* string indices */
	int col;              /* sink column */
};

struct pp_func {
	uint64_t id;
	uint64_t name, system_name, filename;
	int prune;            /* 0 = not computed, 1 = keep, 2 = drop */
};

struct pp_map {
	uint64_t id;
	uint64_t filename;
	const char *module;   /* basename, NUL-terminated; made on first use */
};

enum {
	LOC_RESOLVED = 1,     /* frames[] filled */
	LOC_BAD = 2,          /* references an unknown function */
	LOC_PRUNE = 4,        /* drop_frames matched its caller line */
	LOC_PRUNE_BENEATH = 8 /* drop_frames matched one of its lines */
};

struct pp_loc {
	uint64_t id, mapping_id, address;
	uint32_t first_line, n_lines;   /* into pp.lines; n_lines cut by pruning */
	uint32_t first_frame, n_frames; /* into pp.frames once resolved */
	uint32_t flags;
};

struct pp_line {
	uint64_t function_id;
	int64_t line;
};

/* id -> index + 1: a dense table when ids are small, else open addressing */
struct pp_ids {
	uint32_t *dense;
	size_t n_dense;
	uint64_t *keys;
	uint32_t *vals;
	size_t mask;
};

/* A bump allocator for protobuf-c; reset after each unpacked message. */
struct pp_scratch {
	char *buf;
	size_t cap, used, want;
	void **big;           /* blocks that did not fit, freed on reset */
	size_t n_big, cap_big;
};

struct pp {
	const struct input *in;
	const uint8_t *base, *end;
	struct sink *sink;
	struct error *err;
	struct pp_scratch scratch;
	ProtobufCAllocator alloc;

	struct pp_str *strs;
	size_t n_strs, cap_strs;
	char **cstrs;         /* NUL-terminated copies, made on first use */
	struct arena arena;

	struct pp_type *types;
	size_t n_types, cap_types;
	struct pp_func *funcs;
	size_t n_funcs, cap_funcs;
	struct pp_map *maps;
	size_t n_maps, cap_maps;
	struct pp_loc *locs;
	size_t n_locs, cap_locs;
	struct pp_line *lines;
	size_t n_lines, cap_lines;
	uint64_t *comments;
	size_t n_comments, cap_comments;
	struct pp_ids func_ids, map_ids, loc_ids;

	uint64_t drop_frames, keep_frames, default_type, doc_url;
	int64_t time_nanos, duration_nanos, period;
	uint64_t period_type, period_unit;
	size_t n_samples;
	int n_cols;           /* sink columns declared */
	size_t n_empty;       /* samples without locations, not shown */
	struct pprof_prune prune;

	uint32_t *frames;     /* frame ids of resolved locations */
	size_t n_frames, cap_frames;

	/* per-sample scratch */
	uint64_t *sloc;
	size_t n_sloc, cap_sloc;
	int64_t *sval;
	size_t n_sval, cap_sval;
	struct pp_label { uint64_t key, str, unit; int64_t num; } *slab;
	size_t n_slab, cap_slab;
	struct sink_label *labels;
	size_t cap_labels;
	uint32_t *stack;
	size_t cap_stack;
	double *values;
};

static int
pp_fail(struct pp *pp, const uint8_t *at, const char *fmt, const char *what)
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

/* Index of id, or -1. */
static inline long
ids_find(const struct pp_ids *m, uint64_t id)
{
	if (m->dense)
		return id < m->n_dense ? (long)m->dense[id] - 1 : -1;
	if (!m->vals)
		return -1;
	for (size_t h = hash_mix(id) & m->mask; m->vals[h]; h = (h + 1) & m->mask)
		if (m->keys[h] == id)
			return (long)m->vals[h] - 1;
	return -1;
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
static const char *
cstr(struct pp *pp, uint64_t i)
{
	if (!pp->cstrs)
		pp->cstrs = xcalloc(pp->n_strs, sizeof *pp->cstrs);
	if (!pp->cstrs[i])
		pp->cstrs[i] = arena_strndup(&pp->arena, pp->strs[i].p, pp->strs[i].len);
	return pp->cstrs[i];
}

static bool
str_ok(const struct pp *pp, uint64_t i)
{
	return i < pp->n_strs;
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
		return pp_fail(pp, f->data, "malformed %s message", "ValueType");
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
		return pp_fail(pp, f->data, "malformed %s message", "Mapping");
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
		return pp_fail(pp, f->data, "malformed %s message", "Location");
	if (pp->n_lines + m->n_line >= UINT32_MAX)
		return pp_fail(pp, f->data, "too many %s", "inlined lines");
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
		return pp_fail(pp, f->data, "malformed %s message", "Function");
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
			return pp_fail(pp, p, "%s in packed comment list", why);
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
		return pp_fail(pp, at, "wrong wire type for %s", what);
	}
	if (want == -2 && f->wire != PB_VARINT && f->wire != PB_BYTES)
		return pp_fail(pp, at, "wrong wire type for %s", "comment (field 13)");
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
			return pp_fail(pp, at, "%s (a second time_nanos field)",
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

static int
pass1(struct pp *pp)
{
	const uint8_t *p = pp->base;
	struct pb_field f;

	while (p < pp->end) {
		const uint8_t *at = p;
		const char *why = pb_next(&p, pp->end, &f);

		if (why)
			return pp_fail(pp, at, "%s", why);
		if (read_field(pp, &f, at) < 0)
			return -1;
	}
	return 0;
}

/* ---- validation ---------------------------------------------------- */

static int
check_str(struct pp *pp, uint64_t i, const char *what)
{
	char msg[160];

	if (str_ok(pp, i))
		return 0;
	snprintf(msg, sizeof msg, "string index %" PRIu64 " out of range "
		"(the table has %zu) in %s", i, pp->n_strs, what);
	return pp_fail(pp, NULL, "%s", msg);
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
	return pp_fail(pp, NULL, "malformed profile: %s", msg);
}

static int
validate(struct pp *pp)
{
	if (pp->strs[0].len != 0)
		return pp_fail(pp, NULL, "malformed profile: %s",
			"string_table[0] is not the empty string");
	if (pp->n_samples > 0 && pp->n_types == 0)
		return pp_fail(pp, NULL, "malformed profile: %s",
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
		const char *name = cstr(pp, pp->types[i].type);
		const char *unit = cstr(pp, pp->types[i].unit);
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
			cstr(pp, pp->default_type))))
			pick = (long)i;
	}
	/* an unknown --sample-type is reported by the caller, for all formats */
	if (want && pick < 0 && pp->default_type != 0) {
		for (size_t i = 0; i < pp->n_types && pick < 0; i++)
			if (str_eq(pp, pp->types[i].type, cstr(pp, pp->default_type)))
				pick = (long)i;
	}
	if (pick < 0 && pp->n_types > 0)
		pick = (long)pp->n_types - 1;   /* pprof's rule: the last one */
	if (pick >= 0)
		sink_default_type(pp->sink, pp->types[pick].col);
	return 0;
}

static const char *map_module(struct pp *pp, struct pp_map *m);

static void
add_info(struct pp *pp)
{
	struct sink *s = pp->sink;
	char buf[512], num[64];

	if (pp->period_type || pp->period_unit) {
		snprintf(buf, sizeof buf, "%s %s", cstr(pp, pp->period_type),
			cstr(pp, pp->period_unit));
		sink_info(s, "period type", buf);
	}
	if (pp->period) {
		snprintf(buf, sizeof buf, "%" PRId64 "%s%s", pp->period,
			pp->period_unit ? " " : "", cstr(pp, pp->period_unit));
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
		sink_info(s, "comment", cstr(pp, pp->comments[i]));
	if (pp->doc_url)
		sink_info(s, "doc url", cstr(pp, pp->doc_url));
	/* by convention the first mapping is the main binary */
	if (pp->n_maps > 0 && pp->maps[0].filename)
		sink_info(s, "binary", map_module(pp, &pp->maps[0]));
	if (pp->drop_frames && pp->strs[pp->drop_frames].len > 0) {
		sink_info(s, "drop frames", cstr(pp, pp->drop_frames));
		if (pp->keep_frames && pp->strs[pp->keep_frames].len > 0)
			sink_info(s, "keep frames", cstr(pp, pp->keep_frames));
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

/* ---- locations to frames ------------------------------------------- */

static const char *
map_module(struct pp *pp, struct pp_map *m)
{
	const struct pp_str *s = &pp->strs[m->filename];
	const char *b = s->p;

	if (m->module)
		return m->module;
	for (size_t i = 0; i < s->len; i++)
		if (s->p[i] == '/')
			b = s->p + i + 1;
	m->module = arena_strndup(&pp->arena, b, s->len - (size_t)(b - s->p));
	return m->module;
}

static bool
func_pruned(struct pp *pp, struct pp_func *fn)
{
	if (fn->prune == 0) {
		const struct pp_str *n = &pp->strs[fn->name];

		fn->prune = n->len > 0 && pprof_prune_match(&pp->prune, n->p, n->len) ? 2 : 1;
	}
	return fn->prune == 2;
}

/* Marks the pruning of every location the way pprof does when it loads a
 * profile: lines are scanned caller first; a match on the caller line
 * prunes the whole location, a match on an inlined line cuts that line
 * and its callees away. Needs the function map. */
static void
prune_locations(struct pp *pp)
{
	for (size_t i = 0; i < pp->n_locs; i++) {
		struct pp_loc *l = &pp->locs[i];
		long j;

		for (j = (long)l->n_lines - 1; j >= 0; j--) {
			long fi = ids_find(&pp->func_ids,
				pp->lines[l->first_line + (size_t)j].function_id);

			if (fi >= 0 && func_pruned(pp, &pp->funcs[fi]))
				break;
		}
		if (j < 0)
			continue;
		l->flags |= LOC_PRUNE_BENEATH;
		if (j == (long)l->n_lines - 1) {
			l->flags |= LOC_PRUNE;
		} else {
			l->first_line += (uint32_t)j + 1;
			l->n_lines -= (uint32_t)j + 1;
		}
	}
}

static int
push_frame(struct pp *pp, const struct frame_desc *d)
{
	uint32_t id = sink_frame_desc(pp->sink, d);

	if (id == FRAME_NONE)
		return -1;
	pp->frames = xgrow(pp->frames, &pp->cap_frames, pp->n_frames + 1,
		sizeof *pp->frames);
	pp->frames[pp->n_frames++] = id;
	return 0;
}

/* Interns the frames of a location, caller first. Returns 0, -1 on a sink
 * limit, or 1 when the location references an unknown function. */
static int
resolve_location(struct pp *pp, struct pp_loc *l)
{
	struct frame_desc d;
	char name[32];

	memset(&d, 0, sizeof d);
	d.address = l->address;
	l->first_frame = (uint32_t)pp->n_frames;
	if (l->n_lines == 0) {
		long mi = l->mapping_id ? ids_find(&pp->map_ids, l->mapping_id) : -1;

		d.name_len = (size_t)snprintf(name, sizeof name, "0x%" PRIx64, l->address);
		d.name = name;
		d.module = mi >= 0 ? map_module(pp, &pp->maps[mi]) : NULL;
		if (push_frame(pp, &d) < 0)
			return -1;
	}
	for (long j = (long)l->n_lines - 1; j >= 0; j--) {
		const struct pp_line *ln = &pp->lines[l->first_line + (size_t)j];
		long fi = ids_find(&pp->func_ids, ln->function_id);
		const struct pp_func *fn;
		const struct pp_str *n;

		if (fi < 0) {
			pp->n_frames = l->first_frame;
			l->flags |= LOC_BAD;
			return 1;
		}
		fn = &pp->funcs[fi];
		n = &pp->strs[fn->name];
		if (n->len == 0)
			n = &pp->strs[fn->system_name];
		d.name = n->len ? n->p : "??";
		d.name_len = n->len ? n->len : 2;
		d.kind = j < (long)l->n_lines - 1 ? FRAME_INLINED : FRAME_USER;
		d.file = fn->filename ? cstr(pp, fn->filename) : NULL;
		d.line = ln->line > 0 && ln->line <= UINT32_MAX ? (uint32_t)ln->line : 0;
		if (push_frame(pp, &d) < 0)
			return -1;
	}
	l->n_frames = (uint32_t)(pp->n_frames - l->first_frame);
	l->flags |= LOC_RESOLVED;
	return 0;
}

/* ---- pass 2: samples ----------------------------------------------- */

/* Counts a skipped sample; its 1-based index stands in for a line. */
static void
skip_sample(struct pp *pp, const char *category, size_t index, const char *fmt,
	uint64_t v)
{
	char text[160];

	snprintf(text, sizeof text, fmt, v);
	sink_skip(pp->sink, category, (long)index, text, strlen(text));
}

/* Appends the varints of a packed field, or one unpacked value. */
static const char *
push_varints(const struct pb_field *f, uint64_t **arr, size_t *n, size_t *cap)
{
	if (f->wire == PB_VARINT) {
		*arr = xgrow(*arr, cap, *n + 1, sizeof **arr);
		(*arr)[(*n)++] = f->v;
		return NULL;
	}
	if (f->wire != PB_BYTES)
		return "wrong wire type in Sample";
	/* a packed list holds at most one value per byte */
	if (*n + f->len > PP_MAX_SAMPLE_ITEMS)
		return "absurdly long Sample";
	*arr = xgrow(*arr, cap, *n + f->len, sizeof **arr);
	for (const uint8_t *p = f->data, *end = p + f->len; p < end; ) {
		const char *why = pb_varint(&p, end, &(*arr)[*n]);

		if (why)
			return why;
		(*n)++;
	}
	return NULL;
}

static const char *
decode_label(struct pp *pp, const struct pb_field *lf)
{
	const uint8_t *p = lf->data, *end = lf->data + lf->len;
	struct pp_label *l;
	struct pb_field f;

	if (lf->wire != PB_BYTES)
		return "wrong wire type for Sample.label";
	if (pp->n_slab >= PP_MAX_SAMPLE_ITEMS)
		return "absurdly long Sample";
	pp->slab = xgrow(pp->slab, &pp->cap_slab, pp->n_slab + 1, sizeof *pp->slab);
	l = &pp->slab[pp->n_slab++];
	memset(l, 0, sizeof *l);
	while (p < end) {
		const char *why = pb_next(&p, end, &f);

		if (why)
			return why;
		if (f.num <= 4 && f.wire != PB_VARINT)
			return "wrong wire type in Label";
		switch (f.num) {
		case 1: l->key = f.v; break;
		case 2: l->str = f.v; break;
		case 3: l->num = (int64_t)f.v; break;
		case 4: l->unit = f.v; break;
		}
	}
	if (!str_ok(pp, l->key) || !str_ok(pp, l->str) || !str_ok(pp, l->unit))
		return "label string index out of range";
	return NULL;
}

static const char *
decode_sample(struct pp *pp, const uint8_t *p, const uint8_t *end)
{
	struct pb_field f;
	const char *why;

	pp->n_sloc = pp->n_sval = pp->n_slab = 0;
	while (p < end) {
		if ((why = pb_next(&p, end, &f)) != NULL)
			return why;
		switch (f.num) {
		case 1:
			why = push_varints(&f, &pp->sloc, &pp->n_sloc, &pp->cap_sloc);
			break;
		case 2:
			why = push_varints(&f, (uint64_t **)&pp->sval, &pp->n_sval,
				&pp->cap_sval);
			break;
		case 3:
			why = decode_label(pp, &f);
			break;
		}
		if (why)
			return why;
	}
	return NULL;
}

/* Turns the decoded sample into labels for the sink; returns the count. */
static size_t
make_labels(struct pp *pp)
{
	size_t n = 0;

	if (pp->n_slab > pp->cap_labels) {
		free(pp->labels);
		pp->cap_labels = pp->n_slab;
		pp->labels = xmalloc(pp->cap_labels * sizeof *pp->labels);
	}
	for (size_t i = 0; i < pp->n_slab; i++) {
		const struct pp_label *l = &pp->slab[i];
		struct sink_label *o = &pp->labels[n];

		/* pprof's rule: a string label if str is set, else numeric if
		 * num or its unit is set; a bare zero is lost */
		if (l->str) {
			o->str = cstr(pp, l->str);
			o->num = 0;
			o->unit = NULL;
		} else if (l->num || l->unit) {
			o->str = NULL;
			o->num = (double)l->num;
			o->unit = l->unit ? units_canonical(cstr(pp, l->unit)) : NULL;
		} else {
			continue;
		}
		o->key = cstr(pp, l->key);
		n++;
	}
	return n;
}

/* The frames of the current sample root first, pruned as pprof prunes:
 * scanning from the root, the first pruned location after a kept one
 * cuts the stack there. Returns the depth, or -1 (error set), or -2 when
 * the sample is skipped. */
static long
build_stack(struct pp *pp, size_t index)
{
	size_t n = pp->n_sloc, cut = 0, depth = 0;
	bool found_user = false;

	for (size_t k = n; k-- > 0; ) {
		long li = ids_find(&pp->loc_ids, pp->sloc[k]);
		struct pp_loc *l;

		if (li < 0) {
			skip_sample(pp, "samples with an unknown location id", index,
				"location id %" PRIu64 " not found", pp->sloc[k]);
			return -2;
		}
		pp->sloc[k] = (uint64_t)li;   /* reuse the slot for the index */
		l = &pp->locs[li];
		if (!(l->flags & (LOC_PRUNE | LOC_PRUNE_BENEATH))) {
			found_user = true;
		} else if (found_user) {
			cut = l->flags & LOC_PRUNE ? k + 1 : k;
			break;
		}
	}
	for (size_t k = n; k-- > cut; ) {
		struct pp_loc *l = &pp->locs[pp->sloc[k]];

		if (!(l->flags & LOC_RESOLVED)) {
			int rc = l->flags & LOC_BAD ? 1 : resolve_location(pp, l);

			if (rc < 0)
				return -1;
			if (rc > 0) {
				skip_sample(pp, "samples with an unknown function id", index,
					"location id %" PRIu64 " references an unknown function",
					l->id);
				return -2;
			}
		}
		if (depth + l->n_frames > pp->sink->limits.max_depth) {
			error_set_file(pp->err, pp->in->name);
			return error_set(pp->err, 0, 0, "sample %zu: stack of more than "
				"%zu frames (raise the limit with --max-depth)", index,
				pp->sink->limits.max_depth);
		}
		pp->stack = xgrow(pp->stack, &pp->cap_stack, depth + l->n_frames,
			sizeof *pp->stack);
		memcpy(pp->stack + depth, pp->frames + l->first_frame,
			l->n_frames * sizeof *pp->stack);
		depth += l->n_frames;
	}
	return (long)depth;
}

static int
add_sample(struct pp *pp, size_t index)
{
	size_t ncols = (size_t)pp->n_cols;
	struct sample_meta meta;
	bool nonzero = false;
	long depth;

	if (pp->n_sval != pp->n_types) {
		skip_sample(pp, "samples with a wrong number of values", index,
			"%" PRIu64 " values for the sample types", pp->n_sval);
		return 0;
	}
	for (size_t i = 0; i < pp->n_sval; i++)
		nonzero |= pp->sval[i] != 0;
	if (!nonzero)
		return 0;
	depth = build_stack(pp, index);
	if (depth == -2)
		return 0;
	if (depth < 0)
		return -1;
	if (depth == 0) {
		/* Go's threadcreate profile has these; pprof shows them in no
		 * graph, only in its total: count them for the info screen */
		pp->n_empty++;
		return 0;
	}
	memset(pp->values, 0, ncols * sizeof *pp->values);
	for (size_t i = 0; i < pp->n_sval; i++)
		pp->values[pp->types[i].col] += (double)pp->sval[i];
	meta.time_ns = -1;
	meta.pid = meta.tid = meta.cpu = -1;
	meta.n_labels = pp->n_slab ? make_labels(pp) : 0;
	meta.labels = pp->labels;   /* after make_labels may have moved it */
	return sink_sample(pp->sink, pp->stack, (size_t)depth, pp->values,
		meta.n_labels ? &meta : NULL);
}

static int
pass2(struct pp *pp)
{
	const uint8_t *p = pp->base;
	size_t index = 0;
	struct pb_field f;

	pp->values = xcalloc((size_t)pp->n_cols + 1, sizeof *pp->values);
	while (p < pp->end) {
		const char *why;

		/* pass 1 walked these bytes already: the framing is sound */
		pb_next(&p, pp->end, &f);
		if (f.num != 2)
			continue;
		index++;
		if ((why = decode_sample(pp, f.data, f.data + f.len)) != NULL) {
			char what[96];

			snprintf(what, sizeof what, "%s in sample %zu", why, index);
			return pp_fail(pp, f.data, "%s", what);
		}
		if (add_sample(pp, index) < 0)
			return -1;
		if (index % PP_PROGRESS_EVERY == 0)
			sink_progress(pp->sink, (size_t)(p - pp->base), pp->in->len);
	}
	sink_progress(pp->sink, pp->in->len, pp->in->len);
	if (pp->n_empty) {
		char buf[96];

		snprintf(buf, sizeof buf, "%zu sample%s with an empty stack, not shown",
			pp->n_empty, pp->n_empty == 1 ? "" : "s");
		sink_info(pp->sink, "note", buf);
	}
	return 0;
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
pprof_parse(const struct input *in, struct sink *out, struct error *err)
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
			pp_fail(&pp, NULL, "malformed profile: %s", "no string table");
			goto out;
		}
		sink_info(out, "warning", "empty pprof profile (no string table)");
		rc = 0;
		goto out;
	}
	if (validate(&pp) < 0 || declare_types(&pp) < 0)
		goto out;
	add_info(&pp);
	init_prune(&pp);
	if (pp.prune.have_drop)
		prune_locations(&pp);
	rc = pass2(&pp);
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
