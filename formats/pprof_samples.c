/* pprof reader, second part: locations to frames (inlined lines caller
 * first, drop_frames/keep_frames as pprof applies them) and the sample
 * pass, which decodes each Sample by hand (they are the bulk of a large
 * file) and streams it into the sink. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pprof.h"
#include "pprof_wire.h"
#include "units.h"
#include "xmalloc.h"

const char *
pprof_module(struct pp *pp, struct pp_map *m)
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
void
pprof_prune_locations(struct pp *pp)
{
	for (size_t i = 0; i < pp->n_locs; i++) {
		struct pp_loc *l = &pp->locs[i];
		long j;

		for (j = (long)l->n_lines - 1; j >= 0; j--) {
			long fi = pprof_ids_find(&pp->func_ids,
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
		long mi = l->mapping_id ? pprof_ids_find(&pp->map_ids, l->mapping_id) : -1;

		d.name_len = (size_t)snprintf(name, sizeof name, "0x%" PRIx64, l->address);
		d.name = name;
		d.module = mi >= 0 ? pprof_module(pp, &pp->maps[mi]) : NULL;
		if (push_frame(pp, &d) < 0)
			return -1;
	}
	for (long j = (long)l->n_lines - 1; j >= 0; j--) {
		const struct pp_line *ln = &pp->lines[l->first_line + (size_t)j];
		long fi = pprof_ids_find(&pp->func_ids, ln->function_id);
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
		d.file = fn->filename ? pprof_cstr(pp, fn->filename) : NULL;
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
	const uint8_t *p, *end;
	struct pp_label *l;
	struct pb_field f;

	/* data is only set for length-delimited fields */
	if (lf->wire != PB_BYTES)
		return "wrong wire type for Sample.label";
	p = lf->data;
	end = lf->data + lf->len;
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
	if (!pprof_str_ok(pp, l->key) || !pprof_str_ok(pp, l->str) || !pprof_str_ok(pp, l->unit))
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
			o->str = pprof_cstr(pp, l->str);
			o->num = 0;
			o->unit = NULL;
		} else if (l->num || l->unit) {
			o->str = NULL;
			o->num = (double)l->num;
			o->unit = l->unit ? units_canonical(pprof_cstr(pp, l->unit)) : NULL;
		} else {
			continue;
		}
		o->key = pprof_cstr(pp, l->key);
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
		long li = pprof_ids_find(&pp->loc_ids, pp->sloc[k]);
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
			pp->n_cut++;
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
		if (depth + l->n_frames > pp->cap_stack)
			pp->stack = xgrow(pp->stack, &pp->cap_stack,
				depth + l->n_frames, sizeof *pp->stack);
		if (l->n_frames == 1)   /* the common case: no inlining */
			pp->stack[depth] = pp->frames[l->first_frame];
		else
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

int
pprof_samples(struct pp *pp)
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
			return pprof_fail(pp, f.data, "%s", what);
		}
		if (add_sample(pp, index) < 0)
			return -1;
		if (index % PP_PROGRESS_EVERY == 0)
			sink_progress(pp->sink, (size_t)(p - pp->base), pp->in->len);
	}
	sink_progress(pp->sink, pp->in->len, pp->in->len);
	if (pp->n_cut) {
		char buf[96];

		snprintf(buf, sizeof buf, "%zu sample%s cut by drop_frames", pp->n_cut,
			pp->n_cut == 1 ? "" : "s");
		sink_info(pp->sink, "note", buf);
	}
	if (pp->n_empty) {
		char buf[96];

		snprintf(buf, sizeof buf, "%zu sample%s with an empty stack, not shown",
			pp->n_empty, pp->n_empty == 1 ? "" : "s");
		sink_info(pp->sink, "note", buf);
	}
	return 0;
}
