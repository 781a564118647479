#include "config.h"

#include <math.h>
#include <regex.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hotcold.h"
#include "merge.h"
#include "pattern.h"
#include "profile.h"
#include "units.h"
#include "xmalloc.h"

void
cold_options_default(struct cold_options *o)
{
	memset(o, 0, sizeof *o);
	o->on_type = -1;
}

bool
hotcold_types(const struct profile *p, struct cold_types *t)
{
	t->on = profile_find_type(p, COLD_TYPE_ON);
	t->off = profile_find_type(p, COLD_TYPE_OFF);
	t->wall = profile_find_type(p, COLD_TYPE_WALL);
	t->off_all = profile_find_type(p, COLD_TYPE_OFF_ALL);
	t->wall_all = profile_find_type(p, COLD_TYPE_WALL_ALL);
	if (t->on < 0 || t->off < 0 || t->wall < 0 || t->off_all < 0 ||
	    t->wall_all < 0) {
		t->on = t->off = t->wall = t->off_all = t->wall_all = -1;
		return false;
	}
	return true;
}

const char *
hotcold_view_name(enum cold_view v)
{
	return v == COLD_VIEW_ON ? "on" : v == COLD_VIEW_OFF ? "off" : "both";
}

void
hotcold_query(struct query *q, const struct profile *p, enum cold_view v,
	bool idle)
{
	struct cold_types t;
	int off;

	if (!hotcold_types(p, &t))
		return;
	off = idle ? t.off_all : t.off;
	switch (v) {
	case COLD_VIEW_ON:
		q->type_a = t.on;
		q->type_b = off;
		break;
	case COLD_VIEW_OFF:
		q->type_a = off;
		q->type_b = t.on;
		break;
	default:
		q->type_a = idle ? t.wall_all : t.wall;
		q->type_b = off;
		break;
	}
}

void
hotcold_map(const struct query *q, const struct profile *p, struct cold_map *m)
{
	struct cold_types t;

	m->view = -1;
	m->idle = false;
	if (!hotcold_types(p, &t))
		return;
	if ((q->type_a == t.wall || q->type_a == t.wall_all) &&
	    (q->type_b == t.off || q->type_b == t.off_all)) {
		m->view = COLD_VIEW_BOTH;
		m->idle = q->type_a == t.wall_all;
	} else if (q->type_a == t.on && (q->type_b == t.off || q->type_b == t.off_all)) {
		m->view = COLD_VIEW_ON;
		m->idle = q->type_b == t.off_all;
	} else if ((q->type_a == t.off || q->type_a == t.off_all) && q->type_b == t.on) {
		m->view = COLD_VIEW_OFF;
		m->idle = q->type_a == t.off_all;
	}
}

/* Replaces the value of info key (or adds it). */
static void
set_info(struct profile *p, const char *key, const char *value)
{
	for (size_t i = 0; i < p->n_info; i++) {
		if (strcmp(p->info[i].key, key) == 0) {
			free(p->info[i].value);
			p->info[i].value = xstrdup(value);
			return;
		}
	}
	profile_add_info(p, key, value);
}

/* Compiles regex into re; -1 with err set when it is bad. */
static int
idle_compile(regex_t *re, const char *regex, struct error *err)
{
	char msg[sizeof err->msg];

	if (pattern_compile(re, regex, false, err) == 0)
		return 0;
	if (!err)
		return -1;
	/* name the option: "--idle: bad regular expression ..." */
	snprintf(msg, sizeof msg, "--idle: %.*s", (int)sizeof msg - 9, err->msg);
	return error_set(err, 0, 0, "%s", msg);
}

int
hotcold_check_idle(const char *regex, struct error *err)
{
	regex_t re;

	if (!regex || !regex[0])
		return 0;
	if (idle_compile(&re, regex, err) < 0)
		return -1;
	regfree(&re);
	return 0;
}

int
hotcold_set_idle(struct profile *p, const char *regex, struct error *err)
{
	struct cold_types t;
	unsigned char *match = NULL;   /* per frame: 0 unknown, 1 no, 2 yes */
	regex_t re;
	bool use = false;
	double excluded = 0;
	char num[64];

	if (!hotcold_types(p, &t))
		return error_set(err, 0, 0, "not a hot/cold profile");
	if (!regex)
		regex = HOTCOLD_IDLE_DEFAULT;
	if (regex[0]) {
		if (idle_compile(&re, regex, err) < 0)
			return -1;
		use = true;
		match = xcalloc(p->frames.n ? p->frames.n : 1, 1);
	}
	for (size_t s = 0; s < p->n_stacks; s++) {
		double *row = p->stack_values + s * p->n_types;
		const uint32_t *ids = profile_stack_frames(p, (uint32_t)s);
		bool idle = false;

		for (uint32_t i = 0; use && !idle && i < p->stacks[s].depth; i++) {
			uint32_t f = ids[i];

			if (!match[f])
				match[f] = regexec(&re, profile_frame(p, f)->name, 0,
					NULL, 0) == 0 ? 2 : 1;
			idle = match[f] == 2;
		}
		if (idle)
			excluded += row[t.off_all];
		row[t.off] = idle ? 0 : row[t.off_all];
		row[t.wall] = row[t.on] + row[t.off];
		row[t.wall_all] = row[t.on] + row[t.off_all];
	}
	if (use)
		regfree(&re);
	free(match);
	set_info(p, "idle pattern", regex[0] ? regex : "(none)");
	set_info(p, "idle excluded", units_format(excluded, UNIT_NANOSECONDS,
		num, sizeof num));
	return 0;
}

/* ---- unit conversion ------------------------------------------------------ */

/* pprof's "period": "10000000 nanoseconds"; 0 when absent or not time. */
static double
period_ns(const struct profile *p)
{
	const char *v = profile_info(p, "period");
	char *end;
	double n;

	if (!v)
		return 0;
	n = strtod(v, &end);
	while (*end == ' ')
		end++;
	if (!(n > 0) || !*end)
		return 0;
	return n * merge_ns_per_unit(end);
}

static const char *
name_of(const struct profile *p)
{
	return p->source ? p->source : "-";
}

/* Nanoseconds per on-CPU value, with a note on how it was found. */
static int
on_scale(const struct merge_side *on, const struct cold_options *o, double *scale,
	char *note, size_t size, struct error *err)
{
	const char *unit = profile_type_unit(on->prof, on->type);
	double f = merge_ns_per_unit(unit), per;
	char a[64];

	if (f > 0) {
		*scale = f;
		snprintf(note, size, "on-CPU %s in %s", profile_type_name(on->prof,
			on->type), unit);
		return 0;
	}
	if (!units_is_count(unit))
		return error_set(err, 0, 0, "%s: on-CPU values are in %s, not time or "
			"samples", name_of(on->prof), unit);
	if (o->hz > 0) {
		*scale = 1e9 / o->hz;
		snprintf(note, size, "on-CPU %s x %s (--hz=%g)", profile_type_name(
			on->prof, on->type), units_format(*scale, UNIT_NANOSECONDS, a,
			sizeof a), o->hz);
		return 0;
	}
	if ((per = period_ns(on->prof)) > 0) {
		*scale = per;
		snprintf(note, size, "on-CPU %s x %s (the profile's period)",
			profile_type_name(on->prof, on->type),
			units_format(per, UNIT_NANOSECONDS, a, sizeof a));
		return 0;
	}
	return error_set(err, 0, 0, "%s: on-CPU values count samples and the "
		"profile has no period: give the sampling rate with --hz=N",
		name_of(on->prof));
}

static int
off_scale(const struct merge_side *off, const struct cold_options *o,
	double *scale, char *note, size_t size, struct error *err)
{
	const char *unit = profile_type_unit(off->prof, off->type);
	double f = merge_ns_per_unit(unit);

	if (f > 0) {
		*scale = f;
		snprintf(note, size, "off-CPU %s in %s", profile_type_name(off->prof,
			off->type), unit);
		return 0;
	}
	if (o->off_unit && (f = merge_ns_per_unit(o->off_unit)) > 0) {
		*scale = f;
		snprintf(note, size, "off-CPU %s read as %s (--unit)",
			profile_type_name(off->prof, off->type), o->off_unit);
		return 0;
	}
	if (o->off_unit)
		return error_set(err, 0, 0, "--unit=%s is not a time unit (ns, us, "
			"ms, s)", o->off_unit);
	return error_set(err, 0, 0, "%s: off-CPU values are in %s, not time: give "
		"their unit with --unit=us (or ns, ms, s)", name_of(off->prof), unit);
}

/* ---- building ---------------------------------------------------------------- */

/* Declares the hot/cold columns; 0 or -1. */
static int
cold_columns(struct merger *m, struct cold_types *t)
{
	t->on = merger_type(m, COLD_TYPE_ON, UNIT_NANOSECONDS);
	t->off = merger_type(m, COLD_TYPE_OFF, UNIT_NANOSECONDS);
	t->wall = merger_type(m, COLD_TYPE_WALL, UNIT_NANOSECONDS);
	t->off_all = merger_type(m, COLD_TYPE_OFF_ALL, UNIT_NANOSECONDS);
	t->wall_all = merger_type(m, COLD_TYPE_WALL_ALL, UNIT_NANOSECONDS);
	return t->on < 0 || t->off < 0 || t->wall < 0 || t->off_all < 0 ||
		t->wall_all < 0 ? -1 : 0;
}

static int
add_column(struct merger *m, const struct profile *p, int type, double scale,
	int col)
{
	double row[PROFILE_MAX_TYPES] = { 0 };

	for (size_t s = 0; s < p->n_stacks; s++) {
		double v = p->stack_values[s * p->n_types + (size_t)type];

		if (v == 0)
			continue;
		row[col] = v * scale;
		if (merger_add(m, p, (uint32_t)s, row, NULL) < 0)
			return -1;
	}
	return 0;
}

static void
finish(struct profile *out, const char *source)
{
	struct cold_types t;

	hotcold_types(out, &t);
	out->default_type = t.wall;
	free(out->format);
	out->format = xstrdup("hot/cold");
	free(out->source);
	out->source = xstrdup(source);
}

int
hotcold_merge(struct profile *out, const struct merge_side *off,
	const struct merge_side *on, const struct cold_options *o,
	struct error *err)
{
	const struct profile *ins[2] = { off->prof, on->prof };
	struct merger *m = NULL;
	struct cold_types t;
	double son = 1, soff = 1;
	char note_on[256], note_off[256], src[1024];
	int rc = -1;

	if (on_scale(on, o, &son, note_on, sizeof note_on, err) < 0 ||
	    off_scale(off, o, &soff, note_off, sizeof note_off, err) < 0)
		return -1;
	m = merger_new(out, ins, off->prof == on->prof ? 1 : 2, err);
	if (cold_columns(m, &t) < 0 ||
	    add_column(m, on->prof, on->type, son * on->scale, t.on) < 0 ||
	    add_column(m, off->prof, off->type, soff * off->scale, t.off_all) < 0)
		goto out;
	if (off->prof == on->prof)
		snprintf(src, sizeof src, "%s", name_of(on->prof));
	else
		snprintf(src, sizeof src, "%s + %s", name_of(off->prof),
			name_of(on->prof));
	finish(out, src);
	profile_add_info(out, "on-cpu from", note_on);
	profile_add_info(out, "off-cpu from", note_off);
	rc = hotcold_set_idle(out, o->idle, err);
out:
	merger_free(m);
	return rc;
}

/* ---- one perf script with sched_switch --------------------------------------- */

struct pending {
	int32_t tid;          /* key; -1 = empty slot */
	bool open;
	int64_t t0;           /* switch-out time */
	uint32_t stack;       /* the switch's stack */
};

struct thread_map {
	struct pending *slots;
	size_t mask, n;
};

static struct pending *
thread_slot(struct thread_map *m, int32_t tid)
{
	size_t i;

	if ((m->n + 1) * 2 > m->mask + 1) {
		struct thread_map big = { NULL, m->mask * 2 + 1, 0 };

		big.slots = xmalloc((big.mask + 1) * sizeof *big.slots);
		for (size_t j = 0; j <= big.mask; j++)
			big.slots[j].tid = -1;
		for (size_t j = 0; j <= m->mask; j++)
			if (m->slots[j].tid >= 0)
				*thread_slot(&big, m->slots[j].tid) = m->slots[j];
		free(m->slots);
		*m = big;
		m->n = 0;
		for (size_t j = 0; j <= m->mask; j++)
			m->n += m->slots[j].tid >= 0;
	}
	i = ((uint32_t)tid * 2654435761u) & m->mask;
	while (m->slots[i].tid >= 0 && m->slots[i].tid != tid)
		i = (i + 1) & m->mask;
	if (m->slots[i].tid < 0) {
		memset(&m->slots[i], 0, sizeof m->slots[i]);
		m->slots[i].tid = tid;
		m->n++;
	}
	return &m->slots[i];
}

struct timed {
	int64_t time;
	uint32_t rec;
};

static int
by_time(const void *x, const void *y)
{
	const struct timed *a = x, *b = y;

	if (a->time != b->time)
		return a->time < b->time ? -1 : 1;
	return a->rec < b->rec ? -1 : a->rec > b->rec;
}

static bool
name_starts(const struct profile *p, int t, const char *prefix)
{
	return strncmp(profile_type_name(p, t), prefix, strlen(prefix)) == 0;
}

/* The cpu-clock-like column: o->on_type, else cpu-clock or task-clock,
 * else the default type when it is not the switch event. */
static int
pick_on_type(const struct profile *p, int sw, const struct cold_options *o)
{
	if (o->on_type >= 0 && o->on_type != sw)
		return o->on_type;
	for (size_t t = 0; t < p->n_types; t++)
		if ((int)t != sw && (name_starts(p, (int)t, "cpu-clock") ||
		    name_starts(p, (int)t, "task-clock")))
			return (int)t;
	return p->default_type != sw ? p->default_type : -1;
}

struct cpu_switch {
	int64_t time;
	int32_t tid;
};

/* Off-CPU nanoseconds per input stack, from the switch records; returns
 * whether the recording was system-wide (switch-ins exact). */
static bool
derive_off(const struct profile *in, int sw, double *off, size_t *n_open)
{
	struct thread_map tm = { NULL, 63, 0 };
	struct cpu_switch *cpus = NULL;
	size_t n_cpus = 0, n = 0;
	struct timed *order = xmalloc((in->n_samples ? in->n_samples : 1) *
		sizeof *order);
	bool system_wide = false;

	tm.slots = xmalloc((tm.mask + 1) * sizeof *tm.slots);
	for (size_t j = 0; j <= tm.mask; j++)
		tm.slots[j].tid = -1;
	for (size_t i = 0; i < in->n_samples; i++) {
		const struct sample *r = &in->samples[i];

		/* a switch of an unknown task (perf prints ":-1 -1" for one
		 * that is exiting) still switches its CPU */
		if (r->time_ns < 0)
			continue;
		order[n++] = (struct timed){ r->time_ns, (uint32_t)i };
		/* the idle task switches out only in a system-wide recording */
		system_wide |= r->pid == 0 || r->tid == 0;
	}
	qsort(order, n, sizeof *order, by_time);
	for (size_t k = 0; k < n; k++) {
		const struct sample *r = &in->samples[order[k].rec];
		int32_t tid = r->tid >= 0 ? r->tid : r->pid;
		bool is_switch = in->sample_values[(size_t)order[k].rec * in->n_types +
			(size_t)sw] != 0;
		bool cpu_ok = r->cpu >= 0 && r->cpu < 65536;

		if (tid > 0) {
			struct pending *pd = thread_slot(&tm, tid);

			if (pd->open) {
				int64_t t_in = r->time_ns;

				if (system_wide && cpu_ok && (size_t)r->cpu < n_cpus &&
				    cpus[r->cpu].tid != tid && cpus[r->cpu].time > pd->t0 &&
				    cpus[r->cpu].time <= t_in)
					t_in = cpus[r->cpu].time;
				off[pd->stack] += (double)(t_in - pd->t0);
				pd->open = false;
			}
			if (is_switch) {
				pd->open = true;
				pd->t0 = r->time_ns;
				pd->stack = r->stack;
			}
		}
		if (is_switch && cpu_ok) {
			if ((size_t)r->cpu >= n_cpus) {
				size_t old = n_cpus;

				cpus = xgrow(cpus, &n_cpus, (size_t)r->cpu + 1, sizeof *cpus);
				for (size_t c = old; c < n_cpus; c++)
					cpus[c] = (struct cpu_switch){ -1, -1 };
			}
			cpus[r->cpu] = (struct cpu_switch){ r->time_ns, tid };
		}
	}
	*n_open = 0;
	for (size_t j = 0; j <= tm.mask; j++)
		*n_open += tm.slots[j].tid >= 0 && tm.slots[j].open;
	free(tm.slots);
	free(cpus);
	free(order);
	return system_wide;
}

int
hotcold_from_switches(struct profile *out, const struct profile *in,
	const struct cold_options *o, struct error *err)
{
	const struct profile *ins[1] = { in };
	struct merge_side on = { in, -1, 1 };
	struct merger *m = NULL;
	struct cold_types t;
	double son, *off = NULL, row[PROFILE_MAX_TYPES] = { 0 };
	size_t n_open = 0, n_switch = 0;
	char note[512], buf[128];
	int sw = -1, rc = -1;
	bool exact;

	for (size_t i = 0; i < in->n_types; i++)
		if (strstr(profile_type_name(in, (int)i), "sched_switch"))
			sw = (int)i;
	on.type = pick_on_type(in, sw, o);
	if (sw < 0 || on.type < 0)
		return error_set(err, 0, 0, "%s: one-file hot/cold needs a cpu-clock "
			"event and sched:sched_switch (perf record -e cpu-clock -e "
			"sched:sched_switch -g); this file has %s", name_of(in),
			sw < 0 ? "no sched_switch samples" : "only sched_switch samples");
	for (size_t i = 0; i < in->n_samples; i++)
		n_switch += in->samples[i].time_ns >= 0 &&
			in->sample_values[i * in->n_types + (size_t)sw] != 0;
	if (n_switch == 0)
		return error_set(err, 0, 0, "%s: the sched_switch samples carry no "
			"time stamps (perf script -F with time and tid)", name_of(in));
	if (on_scale(&on, o, &son, note, sizeof note, err) < 0)
		return -1;
	off = xcalloc(in->n_stacks ? in->n_stacks : 1, sizeof *off);
	exact = derive_off(in, sw, off, &n_open);
	m = merger_new(out, ins, 1, err);
	if (cold_columns(m, &t) < 0)
		goto out;
	for (size_t s = 0; s < in->n_stacks; s++) {
		double v = in->stack_values[s * in->n_types + (size_t)on.type] * son;

		if (v == 0 && off[s] == 0)
			continue;
		row[t.on] = v;
		row[t.off_all] = off[s];
		if (merger_add(m, in, (uint32_t)s, row, NULL) < 0)
			goto out;
	}
	finish(out, name_of(in));
	profile_add_info(out, "on-cpu from", note);
	snprintf(note, sizeof note, "%s: per thread, from a switch-out to its "
		"next switch-in (%s)", profile_type_name(in, sw), exact ?
		"system-wide recording: exact" : "per-process recording: the "
		"thread's next sample, at most about one period late");
	profile_add_info(out, "off-cpu from", note);
	snprintf(buf, sizeof buf, "%zu (not counted)", n_open);
	profile_add_info(out, "off-cpu intervals open at the end", buf);
	rc = hotcold_set_idle(out, o->idle, err);
out:
	merger_free(m);
	free(off);
	return rc;
}
