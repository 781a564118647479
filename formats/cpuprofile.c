/* Chrome DevTools / V8 CPU profiles (.cpuprofile): the current layout
 * (nodes + samples + timeDeltas), the old v8-profiler layout (a "head"
 * tree) and the Profile/ProfileChunk events of a DevTools trace.
 *
 * Two sample types: "samples" (one per sample, the default, as the
 * reference converter counts) and "time" (microseconds: each sample
 * weighs the gap to the next one). (root) is dropped; (program), (idle)
 * and (garbage collector) stay as root-level frames. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cpu_tree.h"
#include "format.h"
#include "json_util.h"
#include "units.h"
#include "xmalloc.h"

/* The sample series of one profile, already flattened. */
struct cpu_series {
	int64_t *ids;
	size_t n_ids, cap_ids;
	double *deltas;     /* µs between samples; the first from start */
	size_t n_deltas, cap_deltas;
	double start_us, end_us;
	bool have_start, have_end;
};

static void
series_free(struct cpu_series *r)
{
	free(r->ids);
	free(r->deltas);
	memset(r, 0, sizeof *r);
}

/* Interns the frame of a call frame object (the node itself in the old
 * layout). Lines are 0-based in callFrame, 1-based in the old layout. */
static int
node_frame(struct sink *s, const json_t *cf, bool one_based, uint32_t *out)
{
	struct frame_desc d = { .kind = FRAME_USER };
	size_t len = 0, ulen = 0;
	const char *name = json_util_get_string(cf, "functionName", &len);
	const char *url = json_util_get_string(cf, "url", &ulen);
	double line = json_util_get_number(cf, "lineNumber", -1);

	if (!name || len == 0) {
		name = "(anonymous)";
		len = strlen(name);
	} else if (len == 6 && memcmp(name, "(root)", 6) == 0) {
		*out = FRAME_NONE;
		return 0;
	}
	d.name = name;
	d.name_len = len;
	/* the script is the module: equal names in different scripts are
	 * different functions, as DevTools shows them */
	if (url && ulen > 0) {
		d.file = strncmp(url, "file://", 7) == 0 ? url + 7 : url;
		d.module = d.file;
	}
	if (one_based && line >= 1 && line < 4e9)
		d.line = (uint32_t)line;
	else if (!one_based && line >= 0 && line < 4e9)
		d.line = (uint32_t)line + 1;
	*out = sink_frame_desc(s, &d);
	return *out == FRAME_NONE ? -1 : 0;
}

/* Adds one node object of the current layout (or of a trace chunk). */
static int
add_flat_node(struct cpu_tree *t, struct sink *s, const json_t *node)
{
	const json_t *cf = json_object_get(node, "callFrame");
	int64_t id;
	uint32_t frame;
	double hits;

	if (!json_util_int(json_object_get(node, "id"), &id)) {
		sink_skip(s, "nodes without an id", 0, "", 0);
		return 0;
	}
	if (t->n >= CPU_MAX_NODES)
		return error_set(s->err, 0, 0, "more than %u profile nodes",
			CPU_MAX_NODES);
	/* some exporters put the call frame fields on the node itself */
	if (node_frame(s, json_is_object(cf) ? cf : node, false, &frame) < 0)
		return -1;
	hits = json_util_get_number(node, "hitCount", 0);
	if (hits < 0)
		json_util_skip(s, "nodes with a negative hitCount",
			"node %lld: hitCount %g", (long long)id, hits);
	if (cpu_tree_add(t, id, frame, hits) == CPU_NODE_NONE)
		json_util_skip(s, "duplicate node ids", "node %lld",
			(long long)id);
	return 0;
}

/* Links nodes through "children" (ids) and "parent" (an id). */
static void
link_flat_node(struct cpu_tree *t, struct sink *s, const json_t *node)
{
	const json_t *kids = json_object_get(node, "children");
	const json_t *v;
	int64_t id, pid;
	uint32_t k, p;
	size_t i;

	if (!json_util_int(json_object_get(node, "id"), &id) ||
	    (k = cpu_tree_find(t, id)) == CPU_NODE_NONE)
		return;
	json_array_foreach(kids, i, v) {
		uint32_t c;

		if (!json_util_int(v, &pid))
			pid = -1;
		if ((c = cpu_tree_find(t, pid)) == CPU_NODE_NONE) {
			json_util_skip(s, "unknown child ids",
				"node %lld: child %lld", (long long)id,
				(long long)pid);
			continue;
		}
		cpu_tree_set_parent(t, s, c, k);
	}
	if (json_util_int(json_object_get(node, "parent"), &pid)) {
		if ((p = cpu_tree_find(t, pid)) == CPU_NODE_NONE)
			json_util_skip(s, "unknown parent ids",
				"node %lld: parent %lld", (long long)id,
				(long long)pid);
		else
			cpu_tree_set_parent(t, s, k, p);
	}
}

static void
series_add_ids(struct cpu_series *r, const json_t *arr, struct sink *s)
{
	const json_t *v;
	size_t i;

	r->ids = xgrow(r->ids, &r->cap_ids, r->n_ids + json_array_size(arr) + 1,
		sizeof *r->ids);
	json_array_foreach(arr, i, v) {
		int64_t id;

		/* an id that is not a number cannot match a node */
		if (!json_util_int(v, &id)) {
			sink_skip(s, "samples with an unknown node id", 0, "", 0);
			id = INT64_MIN;
		}
		r->ids[r->n_ids++] = id;
	}
}

static void
series_add_deltas(struct cpu_series *r, const json_t *arr)
{
	const json_t *v;
	size_t i;

	r->deltas = xgrow(r->deltas, &r->cap_deltas,
		r->n_deltas + json_array_size(arr) + 1, sizeof *r->deltas);
	json_array_foreach(arr, i, v) {
		double d = 0;

		json_util_number(v, &d);
		r->deltas[r->n_deltas++] = d;
	}
}

static void
info_time(struct sink *s, const char *key, double us)
{
	char buf[64];

	sink_info(s, key, units_format(us, UNIT_MICROSECONDS, buf, sizeof buf));
}

struct timed {
	double t;      /* µs */
	size_t i;      /* index in the series */
};

static int
timed_cmp(const void *a, const void *b)
{
	const struct timed *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Emits the samples of a series: one count each in column t_count (-1:
 * none) and, with deltas, their time in column t_time. Each sample
 * weighs the gap to the next one (the last repeats the previous gap).
 * Negative deltas mean samples out of order: they are put back in time
 * order, as DevTools does, and counted. */
static int
emit_series(struct cpu_tree *t, struct sink *s, struct cpu_series *r,
	int t_count, int t_time, int32_t pid, int32_t tid)
{
	struct sample_meta meta = { .time_ns = -1, .pid = pid, .tid = tid,
		.cpu = -1 };
	double values[2] = { 0 };  /* this parser declares two types at most */
	double now = r->start_us, w = 0, total = 0;
	size_t n = r->n_ids;
	struct timed *ts;
	bool sorted = true;
	int rc = -1;

	if (t_time >= 0 && r->n_deltas != n) {
		size_t m = r->n_deltas < n ? r->n_deltas : n;

		for (size_t i = m; i < n; i++)
			json_util_skip(s, "samples without a time delta",
				"sample %zu of %zu", i, n);
		if (r->n_deltas > n)
			json_util_skip(s, "time deltas without a sample",
				"%zu deltas, %zu samples", r->n_deltas, n);
		n = m;
	}
	ts = xmalloc((n + 1) * sizeof *ts);
	for (size_t i = 0; i < n; i++) {
		if (t_time >= 0) {
			if (r->deltas[i] < 0) {
				json_util_skip(s,
					"samples out of time order (reordered)",
					"sample %zu: delta %.0f", i,
					r->deltas[i]);
				sorted = false;
			}
			now += r->deltas[i];
		}
		ts[i] = (struct timed){ now, i };
	}
	if (!sorted)
		qsort(ts, n, sizeof *ts, timed_cmp);
	for (size_t j = 0; j < n; j++) {
		size_t i = ts[j].i;
		uint32_t k = cpu_tree_find(t, r->ids[i]);
		const uint32_t *frames;
		size_t depth;

		if (t_time >= 0) {
			if (j + 1 < n)
				w = ts[j + 1].t - ts[j].t;
			else if (n == 1 && r->have_end && r->end_us > ts[j].t)
				w = r->end_us - ts[j].t;
			/* absurd timestamps (hostile input) leave the time unknown */
			meta.time_ns = fabs(ts[j].t) < 9e15 ? (int64_t)(ts[j].t * 1000) : -1;
			values[t_time] = w;
			total += w;
		}
		if (r->ids[i] == INT64_MIN)
			continue;   /* not a number: counted when read */
		if (k == CPU_NODE_NONE) {
			json_util_skip(s, "samples with an unknown node id",
				"sample %zu: node %lld", i,
				(long long)r->ids[i]);
			continue;
		}
		if (t->v[k].state != CPU_NODE_OK) {
			json_util_skip(s, "samples on a node in a parent cycle",
				"sample %zu: node %lld", i,
				(long long)r->ids[i]);
			continue;
		}
		if (t_count >= 0)
			values[t_count] = 1;
		depth = cpu_tree_stack(t, k, &frames);
		if (sink_sample(s, frames, depth, values, &meta) < 0)
			goto out;
	}
	if (t_time >= 0 && n > 0 && total / (double)n <= SINK_MAX_VALUE)
		info_time(s, "period", total / (double)n);
	rc = 0;
out:
	free(ts);
	return rc;
}

/* Without samples: one aggregated sample per node from hitCount. */
static int
emit_hits(struct cpu_tree *t, struct sink *s, int t_count)
{
	for (size_t k = 0; k < t->n; k++) {
		const uint32_t *frames;
		size_t depth;

		if (t->v[k].hits <= 0)
			continue;
		if (t->v[k].state != CPU_NODE_OK) {
			json_util_skip(s, "samples on a node in a parent cycle",
				"node %lld", (long long)t->v[k].id);
			continue;
		}
		depth = cpu_tree_stack(t, (uint32_t)k, &frames);
		if (sink_sample1(s, frames, depth, t_count, t->v[k].hits,
		    NULL) < 0)
			return -1;
	}
	return 0;
}

/* "startTime" and "endTime" of a profile object, as it gives them. */
static void
series_read_span(struct cpu_series *r, const json_t *prof)
{
	r->have_start = json_util_number(json_object_get(prof, "startTime"),
		&r->start_us);
	r->have_end = json_util_number(json_object_get(prof, "endTime"),
		&r->end_us);
}

static void
info_span(struct sink *s, const struct cpu_series *r)
{
	if (r->have_start && r->have_end && r->end_us >= r->start_us)
		info_time(s, "duration", r->end_us - r->start_us);
}

/* Declares "samples", the default, and with timed samples "time"; -1
 * in *t_time when untimed. 0 or -1. */
static int
declare_types(struct sink *s, bool timed, int *t_count, int *t_time)
{
	*t_time = -1;
	if ((*t_count = sink_type(s, "samples", UNIT_SAMPLES)) < 0)
		return -1;
	if (timed && (*t_time = sink_type(s, "time", UNIT_MICROSECONDS)) < 0)
		return -1;
	sink_default_type(s, *t_count);
	return 0;
}

/* The current layout: {"nodes": [...], "startTime", "endTime",
 * "samples": [...], "timeDeltas": [...]}. */
static int
parse_current(struct sink *s, json_t *prof)
{
	const json_t *nodes = json_object_get(prof, "nodes");
	const json_t *samples = json_object_get(prof, "samples");
	const json_t *deltas = json_object_get(prof, "timeDeltas");
	struct cpu_tree t;
	struct cpu_series r = { 0 };
	const json_t *v;
	size_t i;
	int rc = -1, t_count, t_time;

	cpu_tree_init(&t);
	json_array_foreach(nodes, i, v)
		if (add_flat_node(&t, s, v) < 0)
			goto out;
	json_array_foreach(nodes, i, v)
		link_flat_node(&t, s, v);
	if (cpu_tree_finish(&t, s) < 0)
		goto out;
	series_read_span(&r, prof);
	info_span(s, &r);
	if (declare_types(s, json_array_size(samples) > 0 &&
	    json_is_array(deltas), &t_count, &t_time) < 0)
		goto out;
	if (json_array_size(samples) == 0) {
		rc = emit_hits(&t, s, t_count);
		goto out;
	}
	series_add_ids(&r, samples, s);
	series_add_deltas(&r, deltas);
	/* the copies suffice: drop the big arrays before samples pile up */
	json_object_del(prof, "samples");
	json_object_del(prof, "timeDeltas");
	json_object_del(prof, "nodes");
	rc = emit_series(&t, s, &r, t_count, t_time, -1, -1);
out:
	cpu_tree_free(&t);
	series_free(&r);
	return rc;
}

/* Old profiles give startTime/endTime in seconds (v8-profiler) or in µs
 * (converters from the inspector), and absolute µs timestamps: takes the
 * reading that lands next to the first timestamp, and turns the
 * timestamps into deltas from the start. */
static void
legacy_times(struct cpu_series *r)
{
	double ts0 = r->n_deltas > 0 ? r->deltas[0] : 0;

	if (r->have_start &&
	    fabs(r->start_us * 1e6 - ts0) < fabs(r->start_us - ts0)) {
		r->start_us *= 1e6;
		r->end_us *= 1e6;
	}
	if (!r->have_start)
		r->start_us = ts0;
	if (r->n_deltas > 0 && ts0 < r->start_us)
		r->start_us = ts0;
	for (size_t i = r->n_deltas; i-- > 0;)
		r->deltas[i] -= i > 0 ? r->deltas[i - 1] : r->start_us;
}

/* The old layout: {"head": {node, "children": [node...]}, "startTime"
 * and "endTime" in seconds, "samples", "timestamps" (absolute µs)}.
 * Counts come from hitCount, as the old profilers meant them. */
static int
parse_legacy(struct sink *s, const json_t *prof)
{
	struct todo { const json_t *node; uint32_t parent; } *todo = NULL;
	const json_t *stamps = json_object_get(prof, "timestamps");
	const json_t *samples = json_object_get(prof, "samples");
	size_t ntodo = 0, cap = 0;
	int64_t anon = -1;
	struct cpu_tree t;
	struct cpu_series r = { 0 };
	int rc = -1, t_count, t_time;

	cpu_tree_init(&t);
	todo = xgrow(todo, &cap, 1, sizeof *todo);
	todo[ntodo++] = (struct todo){ json_object_get(prof, "head"),
		CPU_NODE_NONE };
	while (ntodo > 0) {
		struct todo cur = todo[--ntodo];
		const json_t *kids = json_object_get(cur.node, "children"), *v;
		uint32_t frame, k;
		int64_t id;
		size_t i;

		if (!json_is_object(cur.node)) {
			sink_skip(s, "non-object nodes", 0, "", 0);
			continue;
		}
		if (!json_util_int(json_object_get(cur.node, "id"), &id))
			id = anon--;
		if (t.n >= CPU_MAX_NODES) {
			error_set(s->err, 0, 0, "more than %u profile nodes",
				CPU_MAX_NODES);
			goto out;
		}
		if (node_frame(s, cur.node, true, &frame) < 0)
			goto out;
		k = cpu_tree_add(&t, id, frame,
			json_util_get_number(cur.node, "hitCount", 0));
		if (k == CPU_NODE_NONE) {
			json_util_skip(s, "duplicate node ids", "node %lld",
				(long long)id);
			continue;
		}
		t.v[k].parent = cur.parent;
		todo = xgrow(todo, &cap, ntodo + json_array_size(kids),
			sizeof *todo);
		/* pushed in reverse so that children are numbered in order */
		for (i = json_array_size(kids); i-- > 0;) {
			v = json_array_get(kids, i);
			todo[ntodo++] = (struct todo){ v, k };
		}
	}
	if (cpu_tree_finish(&t, s) < 0)
		goto out;
	series_read_span(&r, prof);
	series_add_ids(&r, samples, s);
	series_add_deltas(&r, stamps);
	legacy_times(&r);
	info_span(s, &r);
	if (declare_types(s, r.n_ids > 0 && json_is_array(stamps), &t_count,
	    &t_time) < 0)
		goto out;
	if (emit_hits(&t, s, t_count) < 0)
		goto out;
	rc = 0;
	if (t_time >= 0)
		rc = emit_series(&t, s, &r, -1, t_time, -1, -1);
out:
	free(todo);
	cpu_tree_free(&t);
	series_free(&r);
	return rc;
}

/* One CPU profile of a DevTools trace: a Profile event and the
 * ProfileChunk events with the same pid and id. */
struct trace_profile {
	int64_t pid, tid;
	char id[48];
	struct cpu_series r;
	const json_t **nodes;   /* borrowed from the document */
	size_t n_nodes, cap_nodes;
};

static struct trace_profile *
trace_find(struct trace_profile **tp, size_t *n, size_t *cap,
	const json_t *ev)
{
	const json_t *idv = json_object_get(ev, "id");
	int64_t pid = -1, tid = -1, num;
	char id[48] = "";
	struct trace_profile *p;

	json_util_int(json_object_get(ev, "pid"), &pid);
	json_util_int(json_object_get(ev, "tid"), &tid);
	if (json_is_string(idv))
		snprintf(id, sizeof id, "%s", json_string_value(idv));
	else if (json_util_int(idv, &num))
		snprintf(id, sizeof id, "%lld", (long long)num);
	for (size_t i = 0; i < *n; i++)
		if ((*tp)[i].pid == pid && strcmp((*tp)[i].id, id) == 0)
			return &(*tp)[i];
	*tp = xgrow(*tp, cap, *n + 1, sizeof **tp);
	p = &(*tp)[(*n)++];
	memset(p, 0, sizeof *p);
	p->pid = pid;
	p->tid = tid;
	memcpy(p->id, id, sizeof id);
	return p;
}

static void
trace_chunk(struct trace_profile *p, struct sink *s, const json_t *data)
{
	const json_t *cpu = json_object_get(data, "cpuProfile");
	const json_t *deltas = json_object_get(data, "timeDeltas"), *v;
	size_t i;

	if (!deltas)
		deltas = json_object_get(cpu, "timeDeltas");
	json_array_foreach(json_object_get(cpu, "nodes"), i, v) {
		p->nodes = xgrow(p->nodes, &p->cap_nodes, p->n_nodes + 1,
			sizeof *p->nodes);
		p->nodes[p->n_nodes++] = v;
	}
	series_add_ids(&p->r, json_object_get(cpu, "samples"), s);
	series_add_deltas(&p->r, deltas);
	if (json_util_number(json_object_get(data, "endTime"), &p->r.end_us))
		p->r.have_end = true;
}

/* The name of thread pid/tid from the trace's metadata events. */
static const char *
trace_thread_name(const json_t *events, int64_t pid, int64_t tid)
{
	const json_t *ev;
	size_t i, len;

	json_array_foreach(events, i, ev) {
		const char *name = json_util_get_string(ev, "name", &len);
		int64_t p, t;

		if (name && strcmp(name, "thread_name") == 0 &&
		    json_util_int(json_object_get(ev, "pid"), &p) && p == pid &&
		    json_util_int(json_object_get(ev, "tid"), &t) && t == tid)
			return json_util_get_string(json_object_get(ev, "args"),
				"name", &len);
	}
	return NULL;
}

static int
trace_emit(struct trace_profile *p, struct sink *s, const json_t *events,
	bool several, int t_count, int t_time)
{
	struct cpu_tree t;
	int rc = -1;

	cpu_tree_init(&t);
	for (size_t i = 0; i < p->n_nodes; i++)
		if (add_flat_node(&t, s, p->nodes[i]) < 0)
			goto out;
	for (size_t i = 0; i < p->n_nodes; i++)
		link_flat_node(&t, s, p->nodes[i]);
	if (cpu_tree_finish(&t, s) < 0)
		goto out;
	if (several && s->opts->root != SINK_ROOT_NONE) {
		const char *name = trace_thread_name(events, p->pid, p->tid);
		char buf[128];

		if (!name) {
			snprintf(buf, sizeof buf, "pid %lld tid %lld",
				(long long)p->pid, (long long)p->tid);
			name = buf;
		}
		t.prefix = sink_frame(s, name, strlen(name), FRAME_PROCESS);
		if (t.prefix == FRAME_NONE)
			goto out;
	}
	rc = emit_series(&t, s, &p->r, t_count, t_time,
		(int32_t)p->pid, (int32_t)p->tid);
out:
	cpu_tree_free(&t);
	return rc;
}

/* Distinct threads among the profiles that hold samples. */
static size_t
trace_threads(const struct trace_profile *tp, size_t n)
{
	size_t threads = 0;

	for (size_t i = 0; i < n; i++) {
		size_t j;

		if (tp[i].r.n_ids == 0)
			continue;
		for (j = 0; j < i; j++)
			if (tp[j].r.n_ids > 0 && tp[j].pid == tp[i].pid &&
			    tp[j].tid == tp[i].tid)
				break;
		threads += j == i;
	}
	return threads;
}

/* A DevTools performance trace: collects the Profile/ProfileChunk events
 * of every sampled thread and reads them as cpuprofiles. */
static int
parse_trace(struct sink *s, const json_t *events)
{
	struct trace_profile *tp = NULL;
	size_t ntp = 0, cap = 0, i, len;
	const json_t *ev;
	int rc = -1, t_count, t_time;

	json_array_foreach(events, i, ev) {
		const char *name = json_util_get_string(ev, "name", &len);
		const json_t *data;
		struct trace_profile *p;

		if (!name || (strcmp(name, "Profile") != 0 &&
		    strcmp(name, "ProfileChunk") != 0))
			continue;
		p = trace_find(&tp, &ntp, &cap, ev);
		data = json_object_get(json_object_get(ev, "args"), "data");
		if (strcmp(name, "Profile") == 0) {
			const json_t *t0 = json_object_get(data, "startTime");

			if (!t0)
				t0 = json_object_get(ev, "ts");
			json_util_int(json_object_get(ev, "tid"), &p->tid);
			p->r.have_start = json_util_number(t0, &p->r.start_us);
		} else {
			trace_chunk(p, s, data);
		}
	}
	if (ntp == 0) {
		error_set(s->err, 0, 0, "Chrome trace format not supported: "
			"it holds no CPU profile (no Profile/ProfileChunk "
			"events); save a .cpuprofile instead");
		goto out;
	}
	if (declare_types(s, true, &t_count, &t_time) < 0)
		goto out;
	rc = 0;
	for (i = 0; i < ntp && rc == 0; i++)
		rc = trace_emit(&tp[i], s, events, trace_threads(tp, ntp) > 1,
			t_count, t_time);
out:
	for (i = 0; i < ntp; i++) {
		series_free(&tp[i].r);
		free(tp[i].nodes);
	}
	free(tp);
	return rc;
}

static int
cpuprofile_parse(struct input *in, struct sink *s, struct error *err)
{
	json_t *root = json_util_load(in, s, err);
	json_t *prof = root, *inner;
	int rc;

	if (!root)
		return -1;
	if (json_is_array(root)) {
		rc = parse_trace(s, root);
		goto out;
	}
	if (json_is_array(json_object_get(root, "traceEvents"))) {
		rc = parse_trace(s, json_object_get(root, "traceEvents"));
		goto out;
	}
	/* the raw protocol answer of Profiler.stop, with or without the
	 * message envelope */
	inner = json_object_get(json_object_get(root, "result"), "profile");
	if (!json_is_object(inner))
		inner = json_object_get(root, "profile");
	if (json_is_object(inner) && !json_object_get(root, "nodes"))
		prof = inner;
	if (json_is_array(json_object_get(prof, "nodes")))
		rc = parse_current(s, prof);
	else if (json_is_object(json_object_get(prof, "head")))
		rc = parse_legacy(s, prof);
	else if (json_object_get(prof, "$schema") ||
	    json_object_get(prof, "shared"))
		rc = error_set(err, 0, 0, "not a .cpuprofile: this looks like "
			"speedscope JSON (try --format=speedscope)");
	else
		rc = error_set(err, 0, 0, "not a .cpuprofile: no \"nodes\" "
			"array or \"head\" object");
out:
	json_decref(root);
	return rc;
}

static int
cpuprofile_probe(const char *head, size_t len)
{
	char first = json_util_start(&head, &len);
	const char *v;

	if (first != '{' && first != '[')
		return 0;
	if (first == '[') {
		/* a bare array of trace events */
		v = json_util_find_key(head, len, "ph");
		if (v && *v == '"' && json_util_find_key(head, len, "pid"))
			return 60;
		return 0;
	}
	v = json_util_find_key(head, len, "nodes");
	if (v && *v == '[' && (json_util_find_key(head, len, "callFrame") ||
	    json_util_find_key(head, len, "startTime")))
		return 95;
	v = json_util_find_key(head, len, "head");
	if (v && *v == '{' && json_util_find_key(head, len, "functionName"))
		return 90;
	v = json_util_find_key(head, len, "traceEvents");
	if (v && *v == '[')
		return 80;
	return 0;
}

const struct format format_cpuprofile = {
	.name = "cpuprofile",
	.description = "Chrome/Node .cpuprofile JSON (and DevTools traces "
		"holding one)",
	.probe = cpuprofile_probe,
	.parse = cpuprofile_parse,
};
