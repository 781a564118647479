/* Java thread dumps: jstack (-l, -e), jcmd Thread.print and SIGQUIT
 * output. One thread with Java frames is one sample, whatever its state;
 * threads without frames (VM threads) are counted but dropped. The
 * deadlock report repeats stacks already printed and is not sampled.
 * See shared/formats/jstack.md. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump_common.h"
#include "format.h"
#include "units.h"
#include "xmalloc.h"

#define PROBE_MAX_LINES 400

enum js_mode {
	JS_OUTSIDE,      /* between dumps, or in a thread block */
	JS_DEADLOCK,     /* "Found one Java-level deadlock:" to the next dump */
	JS_HEAP,         /* SIGQUIT heap summary */
};

struct js_state {
	struct sink *sink;
	struct dump_buf text;       /* current thread's name, state, tid */
	struct dump_buf scratch;
	struct dump_stack ids;
	struct dump_summary sum;
	int type;
	enum js_mode mode;
	bool open;
	bool anonymous;             /* frames before any header */
	size_t name, state, tid;    /* offsets in text, or DUMP_NONE */
	int64_t nid;
	long start_line;
};

static void
reset_thread(struct js_state *j)
{
	dump_buf_reset(&j->text);
	j->open = false;
	j->anonymous = false;
	j->name = j->state = j->tid = DUMP_NONE;
	j->nid = -1;
}

static int
flush_thread(struct js_state *j, long lineno)
{
	struct sink_label labels[3];
	struct sample_meta meta = { .time_ns = -1, .pid = -1, .tid = -1, .cpu = -1,
		.labels = labels };

	if (!j->open)
		return 0;
	j->sum.threads++;
	if (j->state != DUMP_NONE) {
		const char *st = dump_buf_at(&j->text, j->state);

		dump_summary_state(&j->sum, st, strlen(st));
	}
	if (j->ids.n == 0) {
		j->sum.empty++;
		reset_thread(j);
		return 0;
	}
	dump_label(labels, &meta.n_labels, "thread", &j->text, j->name);
	dump_label(labels, &meta.n_labels, "state", &j->text, j->state);
	dump_label(labels, &meta.n_labels, "tid", &j->text, j->tid);
	if (j->tid != DUMP_NONE)
		meta.tid = j->nid >= 0 && j->nid <= INT32_MAX ? (int32_t)j->nid : -1;
	if (dump_emit(j->sink, &j->ids, j->type, 1, &meta, lineno) < 0)
		return -1;
	reset_thread(j);
	return 0;
}

/* A thread header: `"name" ...attributes`, where the attributes (after
 * the last quote) carry tid=, nid=, prio= or #N. The deadlock report's
 * `"name":` lines have none. */
static bool
is_header(const char *s, size_t len, const char **last_quote)
{
	const char *q, *a;
	size_t alen;

	if (len < 2 || s[0] != '"')
		return false;
	q = memrchr(s + 1, '"', len - 1);
	if (!q)
		return false;
	a = q + 1;
	alen = (size_t)(s + len - a);
	*last_quote = q;
	return alen > 1 && a[0] == ' ' && (dump_find(a, alen, "tid=") ||
		dump_find(a, alen, "nid=") || dump_find(a, alen, "prio=") ||
		(a[1] == '#' && alen > 2 && dump_is_digit(a[2])));
}

static void
parse_header(struct js_state *j, const char *s, size_t len, const char *q)
{
	const char *a = q + 1, *p;
	size_t alen = (size_t)(s + len - a);
	uint64_t v;

	j->name = dump_buf_add(&j->text, s + 1, (size_t)(q - s - 1));
	p = dump_find(a, alen, " nid=");
	if (p) {
		p += 5;
		alen = (size_t)(s + len - p);
		if (dump_starts(p, alen, "0x") && dump_parse_hex(p + 2, alen - 2, &v) > 0)
			;
		else if (dump_parse_u64(p, alen, &v) == 0)
			return;
		if (v <= INT64_MAX) {
			j->nid = (int64_t)v;
			j->tid = dump_buf_u64(&j->text, v);
		}
	}
}

/* "java.lang.Thread.State: TIMED_WAITING (sleeping)" -> "TIMED_WAITING" */
static void
parse_state(struct js_state *j, const char *s, size_t len)
{
	size_t n = 0;

	while (n < len && s[n] != ' ')
		n++;
	if (n > 0)
		j->state = dump_buf_add(&j->text, s, n);
}

/* "at pkg.Class.method(Location)": the name ends at the last '('; the
 * location may start with "module@version/". */
static int
add_frame(struct js_state *j, const char *s, size_t len, long lineno)
{
	const char *open = memrchr(s, '(', len), *loc, *loc_end, *slash, *colon;
	struct frame_desc d = { 0 };
	size_t mod = DUMP_NONE, file = DUMP_NONE;
	uint64_t v;

	if (!open || open == s || s[len - 1] != ')') {
		sink_skip(j->sink, "malformed frame lines", lineno, s, len);
		return 0;
	}
	dump_buf_reset(&j->scratch);
	loc = open + 1;
	loc_end = s + len - 1;
	slash = memchr(loc, '/', (size_t)(loc_end - loc));
	if (slash) {
		mod = dump_buf_add(&j->scratch, loc, (size_t)(slash - loc));
		loc = slash + 1;
	}
	colon = memrchr(loc, ':', (size_t)(loc_end - loc));
	if (colon && colon + 1 < loc_end &&
	    dump_parse_u64(colon + 1, (size_t)(loc_end - colon - 1), &v) ==
	    (size_t)(loc_end - colon - 1)) {
		file = dump_buf_add(&j->scratch, loc, (size_t)(colon - loc));
		d.line = v > UINT32_MAX ? 0 : (uint32_t)v;
	} else if (loc < loc_end && memchr(loc, '.', (size_t)(loc_end - loc))) {
		file = dump_buf_add(&j->scratch, loc, (size_t)(loc_end - loc));
	}
	d.name = s;
	d.name_len = (size_t)(open - s);
	d.kind = FRAME_USER;
	d.module = dump_buf_opt(&j->scratch, mod);
	d.file = dump_buf_opt(&j->scratch, file);
	return dump_stack_push_frame(&j->ids, j->sink, &d, lineno);
}

static bool
is_timestamp(const char *s, size_t len)
{
	/* YYYY-MM-DD HH:MM:SS */
	static const char pat[] = "dddd-dd-dd dd:dd:dd";

	if (len != sizeof pat - 1)
		return false;
	for (size_t i = 0; i < len; i++)
		if (pat[i] == 'd' ? !dump_is_digit(s[i]) : s[i] != pat[i])
			return false;
	return true;
}

static const char *const noise_prefixes[] = {
	"Full thread dump", "Threads class SMR info:", "_java_thread_list=",
	"0x", "}", "JNI global ref", "Heap", "Compiler thread", "Attaching to",
	"Picked up ", "OpenJDK ", "Java HotSpot", "WARNING:",
};

/* One line inside a thread block, after its header. */
static int
block_line(struct js_state *j, const char *s, size_t len, long lineno)
{
	size_t i = 0;

	while (i < len && dump_is_blank(s[i]))
		i++;
	s += i;
	len -= i;
	if (dump_starts(s, len, "at ") && i > 0) {
		if (!j->open) {
			/* frames before any header: an anonymous thread */
			sink_skip(j->sink, "frames outside a thread", lineno, s, len);
			j->open = true;
			j->anonymous = true;
			j->start_line = lineno;
		}
		return add_frame(j, s + 3, len - 3, lineno);
	}
	if (dump_starts(s, len, "java.lang.Thread.State: ")) {
		if (j->open && j->state == DUMP_NONE)
			parse_state(j, s + 24, len - 24);
		return 0;
	}
	if (i > 0 && (s[0] == '-' || dump_starts(s, len, "Locked ownable") ||
	    dump_starts(s, len, "No compile task") || dump_starts(s, len, "Compiling:") ||
	    dump_starts(s, len, "Carrying virtual thread") ||
	    dump_starts(s, len, "Mounted virtual thread")))
		return 0;
	sink_skip(j->sink, "unrecognised lines", lineno, s - i, len + i);
	return 0;
}

static int
js_parse(struct input *in, struct sink *out, struct error *err)
{
	struct js_state j = { .sink = out };
	struct dump_lines r;
	const char *s, *q;
	size_t len;
	uint64_t deadlocks = 0;
	int rc = -1;

	j.type = sink_type(out, "threads", UNIT_COUNT);
	if (j.type < 0)
		return -1;
	reset_thread(&j);
	dump_lines_init(&r, in->data, in->len);
	while (dump_lines_next(&r, &s, &len)) {
		dump_lines_progress(&r, out);
		if (len == 0)
			continue;
		if (is_header(s, len, &q)) {
			if (flush_thread(&j, r.lineno) < 0)
				goto out;
			j.mode = JS_OUTSIDE;
			j.open = true;
			j.start_line = r.lineno;
			parse_header(&j, s, len, q);
			continue;
		}
		if (dump_starts(s, len, "Full thread dump") || is_timestamp(s, len)) {
			if (flush_thread(&j, r.lineno) < 0)
				goto out;
			j.mode = JS_OUTSIDE;
			continue;
		}
		if (dump_starts(s, len, "Found one Java-level deadlock") ||
		    (dump_starts(s, len, "Found ") && dump_find(s, len, "deadlock"))) {
			if (flush_thread(&j, r.lineno) < 0)
				goto out;
			if (j.mode != JS_DEADLOCK)
				deadlocks++;
			j.mode = JS_DEADLOCK;
			continue;
		}
		if (j.mode == JS_DEADLOCK)
			continue;
		if (dump_starts(s, len, "Heap")) {
			if (flush_thread(&j, r.lineno) < 0)
				goto out;
			j.mode = JS_HEAP;
			continue;
		}
		if (j.mode == JS_HEAP && dump_is_blank(s[0]))
			continue;
		j.mode = JS_OUTSIDE;
		if (dump_is_blank(s[0])) {
			if (block_line(&j, s, len, r.lineno) < 0)
				goto out;
			continue;
		}
		{
			bool noise = false;
			uint64_t v;
			size_t n = dump_parse_u64(s, len, &v);

			/* jcmd starts with "PID:" */
			if (n > 0 && n + 1 == len && s[n] == ':')
				noise = true;
			for (size_t i = 0; !noise && i < sizeof noise_prefixes /
			    sizeof *noise_prefixes; i++)
				noise = dump_starts(s, len, noise_prefixes[i]);
			if (!noise)
				sink_skip(out, "unrecognised lines", r.lineno, s, len);
		}
	}
	if (flush_thread(&j, r.lineno) < 0)
		goto out;
	dump_summary_emit(&j.sum, out);
	if (deadlocks) {
		char buf[64];

		snprintf(buf, sizeof buf, "%llu report%s", (unsigned long long)deadlocks,
			deadlocks == 1 ? "" : "s");
		sink_info(out, "deadlock", buf);
	}
	if (dump_check_samples(&j.sum, out, "thread", "Java frames", err) < 0)
		goto out;
	rc = 0;
out:
	dump_buf_free(&j.text);
	dump_buf_free(&j.scratch);
	dump_stack_free(&j.ids);
	dump_summary_free(&j.sum);
	return rc;
}

static int
js_probe(const char *head, size_t len)
{
	struct dump_lines r;
	const char *s, *q;
	size_t n;
	long header_line = -10;
	bool support = false;
	uint64_t v;

	dump_lines_init(&r, head, len);
	while (r.lineno < PROBE_MAX_LINES && dump_lines_next(&r, &s, &n)) {
		if (dump_starts(s, n, "Full thread dump "))
			return 100;
		if (n > 0 && is_header(s, n, &q)) {
			header_line = r.lineno;
		} else if (r.lineno - header_line <= 2 &&
		    (dump_starts(s, n, "\tat ") ||
		    dump_find(s, n, "java.lang.Thread.State: "))) {
			return 95;
		} else if (is_timestamp(s, n) || (r.lineno == 1 && n > 1 &&
		    s[n - 1] == ':' && dump_parse_u64(s, n, &v) == n - 1)) {
			support = true;   /* jstack's date, jcmd's "PID:" */
		}
	}
	return support && header_line > 0 ? 50 : 0;
}

const struct format format_jstack = {
	.name = "jstack",
	.description = "Java thread dumps: jstack, jcmd Thread.print, kill -3",
	.probe = js_probe,
	.parse = js_parse,
};
