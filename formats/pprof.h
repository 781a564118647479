/* Private to the pprof reader (pprof.c, pprof_samples.c): the tables
 * read from a Profile message, before and while samples stream out. */
#ifndef SCORCH_FORMATS_PPROF_H
#define SCORCH_FORMATS_PPROF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arena.h"
#include "format.h"
#include "hash.h"
#include "pprof_prune.h"
#include "profile.pb-c.h"

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
	size_t n_cut;         /* samples whose stack drop_frames cut */
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

/* Index of id, or -1. */
static inline long
pprof_ids_find(const struct pp_ids *m, uint64_t id)
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

static inline bool
pprof_str_ok(const struct pp *pp, uint64_t i)
{
	return i < pp->n_strs;
}

/* Fills the error (fmt holds one %s for what), with the byte offset of
 * at unless it is NULL, and the file name; returns -1. */
int pprof_fail(struct pp *pp, const uint8_t *at, const char *fmt, const char *what);
/* The string at index i (checked) as a NUL-terminated copy owned by pp. */
const char *pprof_cstr_make(struct pp *pp, uint64_t i);

static inline const char *
pprof_cstr(struct pp *pp, uint64_t i)
{
	return pp->cstrs && pp->cstrs[i] ? pp->cstrs[i] : pprof_cstr_make(pp, i);
}
/* Basename of a mapping's file, made once and owned by pp. */
const char *pprof_module(struct pp *pp, struct pp_map *m);
/* Applies drop_frames/keep_frames to every location (needs the ids). */
void pprof_prune_locations(struct pp *pp);
/* Pass 2: decodes every sample and hands it to the sink. 0 or -1. */
int pprof_samples(struct pp *pp);

#endif
