/* speedscope JSON: a shared frame table and several profiles, each
 * sampled (stacks + weights) or evented (open/close events replayed into
 * stacks with self-time durations).
 *
 * Profiles with the same kind of unit add up in one sample type (as the
 * reference converter merges them); a label "profile" keeps them apart
 * for filters. Time profiles share one "time" type in the first time
 * unit seen; the default type is that of activeProfileIndex. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "json_util.h"
#include "units.h"
#include "xmalloc.h"

#define SPEEDSCOPE_SCHEMA "https://www.speedscope.app/file-format-schema.json"

struct unit_info {
	const char *name;    /* speedscope spelling */
	const char *type;    /* sample type it feeds */
	const char *unit;    /* canonical unit */
	double ns;           /* nanoseconds per unit, 0 for non-time units */
};

static const struct unit_info unit_table[] = {
	{ "none", "weight", UNIT_COUNT, 0 },
	{ "bytes", "bytes", UNIT_BYTES, 0 },
	{ "nanoseconds", "time", UNIT_NANOSECONDS, 1 },
	{ "microseconds", "time", UNIT_MICROSECONDS, 1e3 },
	{ "milliseconds", "time", UNIT_MILLISECONDS, 1e6 },
	{ "seconds", "time", UNIT_SECONDS, 1e9 },
};

struct ss {
	struct sink *s;
	uint32_t *frames;        /* shared.frames index -> frame id */
	size_t n_frames;
	uint32_t *stack;         /* scratch: frame ids, root first */
	size_t *open;            /* scratch: frame indices of open events */
	size_t stack_cap, open_cap;
	double time_ns;          /* ns per unit of the "time" type, 0 = none */
	const char *time_unit;   /* its canonical unit */
	struct sink_label label; /* "profile" = name, with several profiles */
	struct sample_meta meta;
	/* the profile being read */
	const char *name;
	int type;
	double scale;            /* into the type's unit */
	double ns;               /* ns per unit of this profile, 0 = no time */
};

static const struct unit_info *
unit_lookup(const char *name)
{
	for (size_t i = 0; i < sizeof unit_table / sizeof unit_table[0]; i++)
		if (strcmp(name, unit_table[i].name) == 0)
			return &unit_table[i];
	return NULL;
}

static int
read_frames(struct ss *x, const json_t *frames)
{
	const json_t *f;
	size_t i;

	x->n_frames = json_array_size(frames);
	x->frames = xmalloc((x->n_frames + 1) * sizeof *x->frames);
	json_array_foreach(frames, i, f) {
		struct frame_desc d = { .kind = FRAME_USER };
		size_t len = 0, flen = 0;
		const char *name = json_util_get_string(f, "name", &len);
		double line = json_util_get_number(f, "line", 0);

		if (!name) {
			json_util_skip(x->s, "frames without a name",
				"shared.frames[%zu]", i);
			name = "(unknown)";
			len = strlen(name);
		}
		d.name = name;
		d.name_len = len;
		/* frames of different files stay apart, as in speedscope */
		d.file = json_util_get_string(f, "file", &flen);
		d.module = d.file;
		if (line >= 1 && line < 4e9)
			d.line = (uint32_t)line;
		if ((x->frames[i] = sink_frame_desc(x->s, &d)) == FRAME_NONE)
			return -1;
	}
	return 0;
}

/* Sets up the type, scale and meta for a profile; -1 on a sink error,
 * 1 when the profile is skipped. */
static int
begin_profile(struct ss *x, const json_t *p, size_t idx)
{
	size_t len;
	const char *unit = json_util_get_string(p, "unit", &len);
	const struct unit_info *u = unit ? unit_lookup(unit) : NULL;
	const char *tname;

	if (!u) {
		json_util_skip(x->s, "profiles with an unknown unit",
			"profile %zu \"%.60s\": unit \"%.30s\"", idx, x->name,
			unit ? unit : "(none)");
		return 1;
	}
	x->scale = 1;
	x->ns = u->ns;
	tname = u->type;
	if (u->ns == 0) {
		x->type = sink_type(x->s, tname, u->unit);
	} else {
		/* every time profile feeds one type, in the first unit seen */
		if (x->time_ns == 0) {
			x->time_ns = u->ns;
			x->time_unit = u->unit;
		}
		x->scale = u->ns / x->time_ns;
		x->type = sink_type(x->s, tname, x->time_unit);
	}
	if (x->type < 0)
		return -1;
	x->label.str = x->name;
	return 0;
}

static int
emit(struct ss *x, size_t depth, double value, double at)
{
	x->meta.time_ns = x->ns > 0 && fabs(at * x->ns) < 9e18 ?
		(int64_t)(at * x->ns) : -1;
	return sink_sample1(x->s, x->stack, depth, x->type, value * x->scale,
		&x->meta);
}

static int
read_sampled(struct ss *x, const json_t *p, size_t idx)
{
	const json_t *samples = json_object_get(p, "samples");
	const json_t *weights = json_object_get(p, "weights");
	const json_t *st;
	double at = json_util_get_number(p, "startValue", 0);
	size_t i;
	int rc;

	if (!json_is_array(samples) || !json_is_array(weights) ||
	    json_array_size(samples) != json_array_size(weights)) {
		json_util_skip(x->s, "sampled profiles with bad samples/weights",
			"profile %zu \"%.60s\": %zu samples, %zu weights", idx,
			x->name, json_array_size(samples),
			json_array_size(weights));
		return 0;
	}
	if ((rc = begin_profile(x, p, idx)) != 0)
		return rc < 0 ? -1 : 0;
	json_array_foreach(samples, i, st) {
		double w;
		size_t j, depth = json_array_size(st);
		const json_t *f;
		bool ok = json_is_array(st);

		if (!json_util_number(json_array_get(weights, i), &w) ||
		    w < 0) {
			json_util_skip(x->s, "samples with a bad weight",
				"profile \"%.60s\": sample %zu", x->name, i);
			continue;
		}
		x->stack = xgrow(x->stack, &x->stack_cap, depth + 1,
			sizeof *x->stack);
		json_array_foreach(st, j, f) {
			int64_t k;

			if (!json_util_int(f, &k) || k < 0 ||
			    (uint64_t)k >= x->n_frames) {
				ok = false;
				break;
			}
			x->stack[j] = x->frames[k];
		}
		if (!ok) {
			json_util_skip(x->s, "samples with a bad frame index",
				"profile \"%.60s\": sample %zu", x->name, i);
			continue;
		}
		if (w > 0 && emit(x, depth, w, at) < 0)
			return -1;
		at += w;
	}
	return 0;
}

/* Checks an event list before anything is emitted: known types, frames
 * in range, closes matching the innermost open frame, time not going
 * backwards. Returns NULL when fine, else what is wrong. */
static const char *
check_events(struct ss *x, const json_t *events, size_t *bad)
{
	const json_t *e;
	size_t i, n = 0, len;
	double last = -1e300;

	json_array_foreach(events, i, e) {
		const char *type = json_util_get_string(e, "type", &len);
		double at;
		int64_t f;

		*bad = i;
		if (!type || len != 1 || (type[0] != 'O' && type[0] != 'C'))
			return "unknown event type";
		if (!json_util_number(json_object_get(e, "at"), &at))
			return "events without a time";
		if (at < last)
			return "time goes backwards";
		last = at;
		if (!json_util_int(json_object_get(e, "frame"), &f) || f < 0 ||
		    (uint64_t)f >= x->n_frames)
			return "frame index out of range";
		if (type[0] == 'O') {
			x->open = xgrow(x->open, &x->open_cap, n + 1,
				sizeof *x->open);
			x->open[n++] = (size_t)f;
		} else if (n == 0 || x->open[n - 1] != (size_t)f) {
			return "close event does not match the innermost "
				"open frame";
		} else {
			n--;
		}
	}
	return NULL;
}

static int
read_evented(struct ss *x, const json_t *p, size_t idx)
{
	const json_t *events = json_object_get(p, "events");
	const json_t *e;
	double end = json_util_get_number(p, "endValue", 0), last = 0;
	size_t i, n = 0, bad = 0;
	const char *why;
	int rc;

	if (!json_is_array(events)) {
		json_util_skip(x->s, "evented profiles without events",
			"profile %zu \"%.60s\"", idx, x->name);
		return 0;
	}
	if ((rc = begin_profile(x, p, idx)) != 0)
		return rc < 0 ? -1 : 0;
	if ((why = check_events(x, events, &bad)) != NULL) {
		json_util_skip(x->s, "evented profiles with bad events",
			"profile \"%.60s\": event %zu: %s", x->name, bad, why);
		return 0;
	}
	/* between two events the open stack ran for the time in between */
	json_array_foreach(events, i, e) {
		double at = json_util_get_number(e, "at", 0);
		int64_t f = 0;

		if (n > 0 && at > last && emit(x, n, at - last, last) < 0)
			return -1;
		last = at;
		json_util_int(json_object_get(e, "frame"), &f);
		if (json_string_value(json_object_get(e, "type"))[0] == 'O') {
			x->stack = xgrow(x->stack, &x->stack_cap, n + 1,
				sizeof *x->stack);
			x->stack[n++] = x->frames[f];
		} else {
			n--;
		}
	}
	if (n > 0) {
		/* speedscope closes what is still open at endValue */
		json_util_skip(x->s, "evented profiles with unclosed frames "
			"(closed at endValue)", "profile \"%.60s\": %zu open",
			x->name, n);
		if (end > last && emit(x, n, end - last, last) < 0)
			return -1;
	}
	return 0;
}

static bool
schema_ok(const char *v)
{
	if (strncmp(v, "https://", 8) == 0)
		v += 8;
	else if (strncmp(v, "http://", 7) == 0)
		v += 7;
	if (strncmp(v, "www.", 4) == 0)
		v += 4;
	return strcmp(v, "speedscope.app/file-format-schema.json") == 0;
}

static void
info_string(struct sink *s, const json_t *root, const char *key)
{
	size_t len;
	const char *v = json_util_get_string(root, key, &len);

	if (v && len > 0)
		sink_info(s, key, v);
}

static int
read_file(struct ss *x, const json_t *root)
{
	const json_t *schema = json_object_get(root, "$schema");
	const json_t *frames = json_object_get(json_object_get(root, "shared"),
		"frames");
	const json_t *profiles = json_object_get(root, "profiles");
	const json_t *p;
	double active = json_util_get_number(root, "activeProfileIndex", 0);
	int active_type = -1;
	size_t i, len;
	char buf[32];

	if (!json_is_object(root))
		return error_set(x->s->err, 0, 0, "the top level is not "
			"an object");
	if (schema && (!json_is_string(schema) ||
	    !schema_ok(json_string_value(schema))))
		return error_set(x->s->err, 0, 0, "unknown $schema "
			"\"%.100s\" (want " SPEEDSCOPE_SCHEMA ")",
			json_is_string(schema) ?
			json_string_value(schema) : "?");
	if (!json_is_array(frames))
		return error_set(x->s->err, 0, 0, "no \"shared.frames\" "
			"array");
	if (!json_is_array(profiles))
		return error_set(x->s->err, 0, 0, "no \"profiles\" array");
	if (read_frames(x, frames) < 0)
		return -1;
	info_string(x->s, root, "name");
	info_string(x->s, root, "exporter");
	snprintf(buf, sizeof buf, "%zu", json_array_size(profiles));
	sink_info(x->s, "profiles", buf);
	x->label.key = "profile";
	x->meta = (struct sample_meta){ .time_ns = -1, .pid = -1, .tid = -1,
		.cpu = -1 };
	if (json_array_size(profiles) > 1) {
		x->meta.labels = &x->label;
		x->meta.n_labels = 1;
	}
	json_array_foreach(profiles, i, p) {
		const char *type = json_util_get_string(p, "type", &len);
		int rc;

		x->type = -1;
		x->name = json_util_get_string(p, "name", &len);
		if (!x->name)
			x->name = "";
		if (type && strcmp(type, "sampled") == 0) {
			rc = read_sampled(x, p, i);
		} else if (type && strcmp(type, "evented") == 0) {
			rc = read_evented(x, p, i);
		} else {
			json_util_skip(x->s, "profiles of an unknown type",
				"profile %zu: type \"%.30s\"", i,
				type ? type : "(none)");
			rc = 0;
		}
		if (rc < 0)
			return -1;
		if ((double)i == active || active_type < 0)
			active_type = x->type;
	}
	if (active_type >= 0)
		sink_default_type(x->s, active_type);
	return 0;
}

static int
speedscope_parse(struct input *in, struct sink *s, struct error *err)
{
	json_t *root = json_util_load(in, s, err);
	struct ss x = { .s = s };
	int rc;

	if (!root)
		return -1;
	rc = read_file(&x, root);
	free(x.frames);
	free(x.stack);
	free(x.open);
	json_decref(root);
	return rc;
}

static int
speedscope_probe(const char *head, size_t len)
{
	const char *v;

	if (json_util_start(&head, &len) != '{')
		return 0;
	v = json_util_find_key(head, len, "$schema");
	if (v && *v == '"') {
		size_t n = (size_t)(len - (size_t)(v - head) - 1);
		const char *q = memchr(v + 1, '"', n);
		char url[128];

		if (q && (size_t)(q - v - 1) < sizeof url) {
			memcpy(url, v + 1, (size_t)(q - v - 1));
			url[q - v - 1] = '\0';
			if (schema_ok(url))
				return 100;
		}
	}
	/* no $schema: the shape of the document decides */
	v = json_util_find_key(head, len, "type");
	if (json_util_find_key(head, len, "shared") &&
	    json_util_find_key(head, len, "profiles") && v &&
	    (size_t)(head + len - v) >= 9 &&
	    (memcmp(v, "\"sampled\"", 9) == 0 ||
	    memcmp(v, "\"evented\"", 9) == 0))
		return 85;
	return 0;
}

const struct format format_speedscope = {
	.name = "speedscope",
	.description = "speedscope JSON (sampled and evented profiles)",
	.probe = speedscope_probe,
	.parse = speedscope_parse,
};
