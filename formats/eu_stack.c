/* elfutils eu-stack: `PID n - process|core`, `TID n:` and `#N 0xADDR
 * [act] [symbol] [- module]` lines, with optional source (-s) and build id
 * (-b) lines under a frame. One thread is one sample; frames are printed
 * leaf first and reversed here. See shared/formats/eu-stack.md. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "dump_common.h"
#include "format.h"
#include "units.h"
#include "xmalloc.h"

#define PROBE_MAX_LINES 400

/* A frame line waits for its indented source / build id lines. */
struct eu_frame {
	bool pending;
	const char *sym;            /* into the input; NULL = unresolved */
	size_t sym_len;
	const char *module;         /* path after " - ", or NULL */
	size_t module_len;
	const char *build_id;       /* hex between [ ], or NULL */
	size_t build_id_len;
	const char *file;           /* -s source file, or NULL */
	size_t file_len;
	uint32_t line;
	uint64_t addr;
	uint64_t offset;            /* module-relative (-b) */
	bool has_offset;
	long lineno;
};

struct eu_state {
	struct sink *sink;
	struct eu_frame f;
	struct dump_buf scratch;
	struct dump_stack ids;
	struct dump_summary sum;
	int type;
	bool open;                  /* a TID (or implicit) thread */
	int64_t pid, tid;
	long start_line;
};

/* Interns the pending frame and pushes it on the thread's stack. next
 * is the frame line that follows (NULL at the end of the thread): with
 * -i, an inlined function shares its caller's address under another
 * name (recursion shares it under the same name). */
static int
flush_frame(struct eu_state *e, const struct eu_frame *next)
{
	struct eu_frame *f = &e->f;
	struct frame_desc d = { 0 };
	size_t mod = DUMP_NONE, file = DUMP_NONE, detail = DUMP_NONE, name;

	if (!f->pending)
		return 0;
	f->pending = false;
	dump_buf_reset(&e->scratch);
	if (f->module)
		mod = dump_buf_add(&e->scratch, f->module, f->module_len);
	else if (f->build_id)   /* "[hex]", brackets included */
		mod = dump_buf_add(&e->scratch, f->build_id - 1, f->build_id_len + 2);
	if (f->file)
		file = dump_buf_add(&e->scratch, f->file, f->file_len);
	if (f->has_offset)
		detail = dump_buf_hex(&e->scratch, "+", 1, f->offset);
	if (f->sym) {
		name = dump_buf_add(&e->scratch, f->sym, f->sym_len);
	} else if (f->module) {
		size_t blen;
		const char *base = dump_basename(f->module, f->module_len, &blen);

		dump_buf_add(&e->scratch, base, blen);
		e->scratch.t.len--;   /* drop the NUL: the address follows */
		name = e->scratch.t.len - blen;
		dump_buf_hex(&e->scratch, "+", 1, f->addr);
	} else {
		name = dump_buf_hex(&e->scratch, "", 0, f->addr);
	}
	d.name_len = e->scratch.t.len - 1 - name;
	d.name = dump_buf_at(&e->scratch, name);
	d.kind = next && next->addr == f->addr && f->sym && next->sym &&
		(next->sym_len != f->sym_len ||
		memcmp(next->sym, f->sym, f->sym_len) != 0) ? FRAME_INLINED : FRAME_USER;
	d.module = dump_buf_opt(&e->scratch, mod);
	d.file = dump_buf_opt(&e->scratch, file);
	d.line = f->line;
	d.address = f->addr;
	d.detail = dump_buf_opt(&e->scratch, detail);
	return dump_stack_push_frame(&e->ids, e->sink, &d, f->lineno);
}

static int
flush_thread(struct eu_state *e, long lineno)
{
	struct sink_label labels[2];
	struct sample_meta meta = { .time_ns = -1, .pid = -1, .tid = -1, .cpu = -1,
		.labels = labels };
	size_t tid_off, pid_off;

	if (flush_frame(e, NULL) < 0)
		return -1;
	if (!e->open)
		return 0;
	e->open = false;
	e->sum.threads++;
	if (e->ids.n == 0) {
		e->sum.empty++;
		return 0;
	}
	dump_buf_reset(&e->scratch);
	tid_off = dump_id_label(&e->scratch, e->tid, &meta.tid);
	pid_off = dump_id_label(&e->scratch, e->pid, &meta.pid);
	dump_label(labels, &meta.n_labels, "tid", &e->scratch, tid_off);
	dump_label(labels, &meta.n_labels, "pid", &e->scratch, pid_off);
	return dump_emit(e->sink, &e->ids, e->type, 1, &meta, lineno);
}

/* The number after a four-byte keyword ("PID ", "TID ") in *v; returns
 * its count of digits, 0 when there is none or it passes INT64_MAX. */
static size_t
keyword_number(const char *s, size_t len, const char *keyword, uint64_t *v)
{
	size_t n;

	if (!dump_starts(s, len, keyword))
		return 0;
	n = dump_parse_u64(s + 4, len - 4, v);
	return *v > INT64_MAX ? 0 : n;
}

/* "PID n - process" / "PID n - core"; the -l module map header adds
 * words after it. Returns the pid or -1. */
static int64_t
parse_pid_line(const char *s, size_t len)
{
	uint64_t v;
	size_t n = keyword_number(s, len, "PID ", &v);

	if (n == 0)
		return -1;
	s += 4 + n;
	len -= 4 + n;
	if (!dump_starts(s, len, " - process") && !dump_starts(s, len, " - core"))
		return -1;
	return (int64_t)v;
}

/* "TID n:" */
static int64_t
parse_tid_line(const char *s, size_t len)
{
	uint64_t v;
	size_t n = keyword_number(s, len, "TID ", &v);

	if (n == 0 || 4 + n + 1 != len || s[4 + n] != ':')
		return -1;
	return (int64_t)v;
}

/* "#N 0xADDR..." with at least 8 hex digits. Returns the offset of the
 * text after the address, or 0 when the line is not a frame. */
static size_t
frame_prefix(const char *s, size_t len, uint64_t *addr)
{
	uint64_t v;
	size_t n = dump_parse_u64(s + 1, len - 1, &v), i = 1 + n;

	if (n == 0 || i >= len || s[i] != ' ')
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	if (!dump_starts(s + i, len - i, "0x"))
		return 0;
	n = dump_parse_hex(s + i + 2, len - i - 2, addr);
	if (n < 8 || n > 16)
		return 0;
	i += 2 + n;
	if (i < len && s[i] != ' ')
		return 0;
	return i;
}

/* gdb's "#N  0xADDR in func (args)": a gdb dump pasted after eu-stack
 * output, whose frames must not join eu-stack's last thread. */
static bool
gdb_frame(const char *s, size_t len)
{
	while (len > 0 && *s == ' ')
		s++, len--;
	return dump_starts(s, len, "in ") && dump_find(s, len, " (");
}

static void
parse_frame_rest(struct eu_frame *f, const char *s, size_t len)
{
	const char *sym;
	size_t n;

	/* -a activation: " - 1" or four spaces before the symbol */
	if (dump_starts(s, len, " - 1") && (len == 4 || s[4] == ' '))
		s += 4, len -= 4;
	else if (dump_starts(s, len, "    "))
		s += 4, len -= 4;
	/* -m module: the last " - " followed by a path or [...] */
	for (size_t i = len; i >= 3; i--) {
		const char *p = s + i - 3;

		if (memcmp(p, " - ", 3) == 0 && i < len && (s[i] == '/' || s[i] == '[')) {
			f->module = s + i;
			f->module_len = len - i;
			len = (size_t)(p - s);
			break;
		}
	}
	while (len > 0 && *s == ' ')
		s++, len--;
	sym = s;
	n = len;
	while (n > 0 && sym[n - 1] == ' ')
		n--;
	if (n > 0) {
		f->sym = sym;
		f->sym_len = n;
	}
}

/* "    [buildid]@0xSTART+0xOFF" or "    file:line[:col]" under a frame. */
static void
parse_detail(struct eu_frame *f, const char *s, size_t len)
{
	uint64_t v;

	if (s[0] == '[') {
		const char *close = memchr(s, ']', len);

		if (!close)
			return;
		f->build_id = s + 1;
		f->build_id_len = (size_t)(close - s - 1);
		const char *plus = memchr(close, '+', (size_t)(s + len - close));

		if (plus && dump_starts(plus, (size_t)(s + len - plus), "+0x") &&
		    dump_parse_hex(plus + 3, (size_t)(s + len - plus - 3), &v) > 0) {
			f->offset = v;
			f->has_offset = true;
		}
		return;
	}
	/* file:line or file:line:col */
	{
		const char *c = memrchr(s, ':', len), *prev;
		size_t n;

		if (!c || (n = (size_t)(s + len - c - 1)) == 0 ||
		    dump_parse_u64(c + 1, n, &v) != n)
			return;
		prev = c > s ? memrchr(s, ':', (size_t)(c - s)) : NULL;
		if (prev && (n = (size_t)(c - prev - 1)) > 0 &&
		    dump_parse_u64(prev + 1, n, &v) == n)
			c = prev;
		else
			dump_parse_u64(c + 1, (size_t)(s + len - c - 1), &v);
		f->file = s;
		f->file_len = (size_t)(c - s);
		f->line = v > UINT32_MAX ? 0 : (uint32_t)v;
	}
}

static int
open_thread(struct eu_state *e, int64_t tid, long lineno)
{
	if (flush_thread(e, lineno) < 0)
		return -1;
	e->open = true;
	e->tid = tid;
	e->start_line = lineno;
	return 0;
}

static int
eu_parse(struct input *in, struct sink *out, struct error *err)
{
	struct eu_state e = { .sink = out, .pid = -1, .tid = -1 };
	struct dump_lines r;
	const char *s;
	size_t len, rest;
	int64_t id;
	uint64_t addr;
	int rc = -1;

	e.type = sink_type(out, "threads", UNIT_COUNT);
	if (e.type < 0)
		return -1;
	dump_lines_init(&r, in->data, in->len);
	while (dump_lines_next(&r, &s, &len)) {
		if (len == 0) {
			if (flush_thread(&e, r.lineno) < 0)
				goto out;
		} else if (s[0] == '#' && (rest = frame_prefix(s, len, &addr)) > 0 &&
		    !gdb_frame(s + rest, len - rest)) {
			struct eu_frame next = { .pending = true, .addr = addr,
				.lineno = r.lineno };

			parse_frame_rest(&next, s + rest, len - rest);
			if (flush_frame(&e, &next) < 0)
				goto out;
			if (!e.open) {
				sink_skip(out, "frames outside a thread", r.lineno, s, len);
				if (open_thread(&e, -1, r.lineno) < 0)
					goto out;
			}
			e.f = next;
		} else if ((id = parse_tid_line(s, len)) >= 0) {
			if (open_thread(&e, id, r.lineno) < 0)
				goto out;
		} else if ((id = parse_pid_line(s, len)) >= 0) {
			if (flush_thread(&e, r.lineno) < 0)
				goto out;
			e.pid = id;
		} else if (dump_is_blank(s[0])) {
			size_t i = 0;

			while (i < len && dump_is_blank(s[i]))
				i++;
			if (e.f.pending)
				parse_detail(&e.f, s + i, len - i);
		} else if (dump_starts(s, len, "eu-stack:")) {
			if (dump_find(s, len, "shown max number of frames"))
				e.sum.truncated++;
		} else if (s[0] == '#') {
			sink_skip(out, "malformed frame lines", r.lineno, s, len);
		} else if (!dump_starts(s, len, "0x") && !dump_starts(s, len, "Signal ")) {
			/* module map lines (-l) and signal info (-g) are expected */
			sink_skip(out, "unrecognised lines", r.lineno, s, len);
		}
		dump_lines_progress(&r, out);
	}
	if (flush_thread(&e, r.lineno) < 0)
		goto out;
	dump_summary_emit(&e.sum, out);
	if (dump_check_samples(&e.sum, out, "thread", "frames", err) < 0)
		goto out;
	rc = 0;
out:
	dump_buf_free(&e.scratch);
	dump_stack_free(&e.ids);
	dump_summary_free(&e.sum);
	return rc;
}

static int
eu_probe(const char *head, size_t len)
{
	struct dump_lines r;
	const char *s;
	size_t n;
	uint64_t addr;
	bool marker = false, after_marker = false;
	int frames = 0;

	dump_lines_init(&r, head, len);
	while (r.lineno < PROBE_MAX_LINES && dump_lines_next(&r, &s, &n)) {
		if (n == 0)
			continue;
		if (parse_tid_line(s, n) >= 0 || parse_pid_line(s, n) >= 0) {
			marker = true;
		} else if (s[0] == '#' && frame_prefix(s, n, &addr) > 0) {
			/* gdb frames have " in " after the address; after
			 * eu-stack's own frames they are a second file */
			if (dump_find(s, n, " in ") && dump_find(s, n, " ("))
				return after_marker ? 98 : 0;
			frames++;
			after_marker |= marker;
		}
	}
	if (after_marker)
		return 98;
	if (marker)
		return 60;   /* threads without frames: still eu-stack */
	if (frames > 0)
		return 40;
	return 0;
}

const struct format format_eu_stack = {
	.name = "eu-stack",
	.description = "elfutils eu-stack thread stacks (live process or core)",
	.probe = eu_probe,
	.parse = eu_parse,
};
