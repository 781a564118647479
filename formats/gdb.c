/* gdb backtraces: `thread apply all bt` (also `bt full`, `-ascending`),
 * pstack/gstack output and poor man's profiler loops. One thread
 * backtrace is one sample; frames are printed leaf first and reversed
 * here. See shared/formats/gdb.md. */
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

/* One frame line, kept until the thread ends: whether a frame is inlined
 * is only known from the caller printed after it. Offsets point into
 * gdb_state.text. */
struct gdb_frame {
	size_t name, name_len;
	size_t module;          /* library basename, or DUMP_NONE */
	size_t file;            /* source file, or DUMP_NONE */
	uint32_t line;
	uint64_t addr;
	bool has_addr;
};

struct gdb_state {
	struct sink *sink;
	struct gdb_frame *frames;
	size_t n_frames, cap_frames;
	struct dump_buf text;       /* names of the current thread */
	struct dump_buf scratch;    /* one frame name or label set */
	struct dump_stack ids;
	struct dump_summary sum;
	int type;
	bool open;                  /* a thread is being collected */
	long next_level;
	long start_line;
	/* header facts of the current thread */
	size_t thread_name;         /* offset in text, or DUMP_NONE */
	int64_t lwp;
};

/* Skips an operator token after "operator" so that `operator<<` or
 * `operator()` do not upset the bracket depth. */
static size_t
skip_operator(const char *s, size_t len, size_t i)
{
	if (i + 1 < len && ((s[i] == '(' && s[i + 1] == ')') ||
	    (s[i] == '[' && s[i + 1] == ']')))
		return i + 2;
	while (i < len && s[i] != '\0' && strchr("<>=!+-*/%^&|~,", s[i]))
		i++;
	return i;
}

/* End of a function name: the first " (" outside brackets; when the
 * brackets never balance (a damaged or hostile name), the first " (" at
 * all; else len. */
static size_t
name_end(const char *s, size_t len)
{
	size_t first = len;
	int depth = 0;

	for (size_t i = 0; i < len; i++) {
		char c = s[i];

		if (c == 'o' && len - i > 8 && memcmp(s + i, "operator", 8) == 0 &&
		    (i == 0 || s[i - 1] == ':' || s[i - 1] == ' ')) {
			i = skip_operator(s, len, i + 8) - 1;
			continue;
		}
		if (c == '(' && i > 0 && s[i - 1] == ' ') {
			if (depth == 0)
				return i - 1;
			if (first == len)
				first = i - 1;
		}
		if (c == '<' || c == '(' || c == '[' || c == '{')
			depth++;
		else if ((c == '>' || c == ')' || c == ']' || c == '}') && depth > 0)
			depth--;
	}
	return first;
}

/* Index just past the ')' closing the argument list that opens at s[i],
 * or 0 when the line ends first. Strings and chars are skipped. */
static size_t
args_end(const char *s, size_t len, size_t i)
{
	int depth = 0;

	for (; i < len; i++) {
		char c = s[i];

		if (c == '"' || c == '\'') {
			for (i++; i < len && s[i] != c; i++)
				if (s[i] == '\\')
					i++;
			continue;
		}
		if (c == '(')
			depth++;
		else if (c == ')' && --depth == 0)
			return i + 1;
	}
	return 0;
}

/* Reads " at FILE:LINE" or " from LIB" in [s, s + len) into f. */
static void
parse_location(struct gdb_state *g, struct gdb_frame *f, const char *s,
	size_t len)
{
	while (len > 0 && dump_is_blank(*s))
		s++, len--;
	if (dump_starts(s, len, "at ")) {
		const char *file = s + 3, *colon = NULL;
		size_t flen = len - 3;
		uint64_t line = 0;

		for (size_t i = flen; i > 0; i--)
			if (file[i - 1] == ':') {
				colon = file + i - 1;
				break;
			}
		if (colon && dump_parse_u64(colon + 1, (size_t)(file + flen - colon - 1),
		    &line) == (size_t)(file + flen - colon - 1) && colon + 1 < file + flen) {
			f->file = dump_buf_add(&g->text, file, (size_t)(colon - file));
			f->line = line > UINT32_MAX ? 0 : (uint32_t)line;
		} else {
			f->file = dump_buf_add(&g->text, file, flen);
		}
	} else if (dump_starts(s, len, "from ")) {
		size_t blen;
		const char *base = dump_basename(s + 5, len - 5, &blen);

		f->module = dump_buf_add(&g->text, base, blen);
	}
}

/* Finds a trailing " at F:N" or " from /L" without knowing where the
 * arguments end (an argument list cut by a wrapped line). */
static const char *
find_location(const char *s, size_t len)
{
	const char *best = NULL;

	for (const char *p = s; (p = dump_find(p, (size_t)(s + len - p), " from /")); p++)
		best = p;
	if (best)
		return best;
	for (const char *p = s; (p = dump_find(p, (size_t)(s + len - p), " at ")); p++)
		best = p;
	if (best && len > 0 && dump_is_digit(s[len - 1]))
		return best;
	return NULL;
}

/* Parses "#N  [ADDR in ]NAME (ARGS)[ at F:L][ from LIB]". Returns 0, or
 * -1 when the line is not a frame. */
static int
parse_frame(struct gdb_state *g, const char *s, size_t len, long *level,
	struct gdb_frame *f)
{
	uint64_t v;
	size_t i = 1, n, ne;

	n = dump_parse_u64(s + i, len - i, &v);
	if (n == 0 || i + n >= len || !dump_is_blank(s[i + n]))
		return -1;
	*level = v > 1000000000 ? 1000000000 : (long)v;
	i += n;
	while (i < len && dump_is_blank(s[i]))
		i++;
	memset(f, 0, sizeof *f);
	f->module = f->file = DUMP_NONE;
	if (len - i > 2 && s[i] == '0' && s[i + 1] == 'x') {
		n = dump_parse_hex(s + i + 2, len - i - 2, &v);
		if (n > 0 && dump_starts(s + i + 2 + n, len - i - 2 - n, " in ")) {
			f->addr = v;
			f->has_addr = true;
			i += 2 + n + 4;
		}
	} else if (dump_starts(s + i, len - i, "<unavailable> in ")) {
		i += 17;
	}
	if (i >= len)
		return -1;
	ne = i + name_end(s + i, len - i);
	f->name = dump_buf_add(&g->text, s + i, ne - i);
	f->name_len = ne - i;
	if (ne < len) {
		size_t ae = args_end(s, len, ne + 1);
		const char *loc = ae == 0 ? find_location(s + ne, len - ne) : s + ae;

		if (loc) {
			size_t rest = (size_t)(s + len - loc);
			const char *from = dump_find(loc, rest, " from ");

			/* " at F:L from LIB" does not occur; either one */
			if (from && !dump_find(loc, (size_t)(from - loc), " at "))
				parse_location(g, f, from, (size_t)(s + len - from));
			else
				parse_location(g, f, loc, rest);
		}
	}
	return 0;
}

static void
reset_thread(struct gdb_state *g)
{
	g->n_frames = 0;
	dump_buf_reset(&g->text);
	g->thread_name = DUMP_NONE;
	g->lwp = -1;
	g->open = false;
	g->next_level = 0;
}

/* The frame name to show: "??" frames become module+address. */
static const char *
frame_name(struct gdb_state *g, const struct gdb_frame *f, size_t *len)
{
	const char *name = dump_buf_at(&g->text, f->name);

	if (!(f->name_len == 2 && name[0] == '?' && name[1] == '?') || !f->has_addr) {
		*len = f->name_len;
		return name;
	}
	dump_buf_reset(&g->scratch);
	if (f->module != DUMP_NONE) {
		const char *m = dump_buf_at(&g->text, f->module);

		dump_buf_add(&g->scratch, m, strlen(m));
		g->scratch.t.len--;   /* drop the NUL: the address follows */
		dump_buf_hex(&g->scratch, "+", 1, f->addr);
	} else {
		dump_buf_hex(&g->scratch, "", 0, f->addr);
	}
	*len = g->scratch.t.len - 1;
	return g->scratch.t.s;
}

/* Interns the frames of the current thread and adds it as one sample. */
static int
flush_thread(struct gdb_state *g, long lineno)
{
	struct sink_label labels[2];
	struct sample_meta meta = { .time_ns = -1, .pid = -1, .tid = -1, .cpu = -1,
		.labels = labels };
	bool any_addr = false;
	size_t tid_off;

	if (!g->open)
		return 0;
	g->sum.threads++;
	if (g->n_frames == 0) {
		g->sum.empty++;
		reset_thread(g);
		return 0;
	}
	for (size_t i = 0; i < g->n_frames; i++)
		any_addr |= g->frames[i].has_addr;
	for (size_t i = 0; i < g->n_frames; i++) {
		const struct gdb_frame *f = &g->frames[i];
		struct frame_desc d = { 0 };

		d.name = frame_name(g, f, &d.name_len);
		/* a caller printed without an address encloses an inlined call */
		d.kind = any_addr && i + 1 < g->n_frames && !g->frames[i + 1].has_addr ?
			FRAME_INLINED : FRAME_USER;
		d.module = dump_buf_opt(&g->text, f->module);
		d.file = dump_buf_opt(&g->text, f->file);
		d.line = f->line;
		d.address = f->addr;
		if (dump_stack_push_frame(&g->ids, g->sink, &d,
		    g->start_line) < 0)
			return -1;
	}
	dump_buf_reset(&g->scratch);
	tid_off = dump_id_label(&g->scratch, g->lwp, &meta.tid);
	dump_label(labels, &meta.n_labels, "thread", &g->text, g->thread_name);
	dump_label(labels, &meta.n_labels, "tid", &g->scratch, tid_off);
	if (dump_emit(g->sink, &g->ids, g->type, 1, &meta, lineno) < 0)
		return -1;
	reset_thread(g);
	return 0;
}

/* "Thread ID (TARGET):" with TARGET like `Thread 0x7f.. (LWP 5) "name"`,
 * `LWP 5` or `process 42`. */
static bool
is_header(const char *s, size_t len)
{
	return (dump_starts(s, len, "Thread ") && len > 9 &&
		dump_is_digit(s[7]) && s[len - 2] == ')' && s[len - 1] == ':') ||
		(dump_starts(s, len, "Task ID ") && s[len - 1] == ':');
}

static void
parse_header(struct gdb_state *g, const char *s, size_t len)
{
	const char *p;
	uint64_t v;

	len -= 2;   /* "):" */
	if ((p = dump_find(s, len, "LWP ")) || (p = dump_find(s, len, "process "))) {
		p = memchr(p, ' ', (size_t)(s + len - p)) + 1;
		if (dump_parse_u64(p, (size_t)(s + len - p), &v) > 0 && v <= INT64_MAX)
			g->lwp = (int64_t)v;
	}
	if (len > 0 && s[len - 1] == '"') {
		const char *q = memchr(s, '"', len - 1);

		if (q)
			g->thread_name = dump_buf_add(&g->text, q + 1,
				(size_t)(s + len - 1 - q - 1));
	}
}

static const char *const noise_prefixes[] = {
	"[", "Using host libthread_db", "Program received signal",
	"Program terminated with signal", "Core was generated by",
	"Reading symbols from", "warning:", "Warning:", "Downloading",
	"(No debugging symbols", "Attaching to", "Detaching from", "Continuing.",
	"Quit", "(gdb)", "Starting program", "Download failed",
	"Missing separate debuginfo", "Missing rpms", "Try: ", "Run till exit",
	"Breakpoint ", "Temporary breakpoint", "Cannot access memory",
	"Python Exception", "Error while running hook_stop", "Inferior ",
	"Failed to read", "--Type <RET>", "No symbol table", "No stack.",
	"Thread ", "Task ", "Section ", "Loaded symbols for", "Symbols already loaded",
	"A debugging session is active", "\tInferior ", "Tell gdb to", "Kill the program",
	"Find the GDB manual", "For help, type", "Type \"apropos", "GNU gdb",
	"Copyright (C)", "License GPLv3", "This is free software", "There is NO WARRANTY",
	"This GDB was configured", "For bug reporting", "<https://", "Debuginfod",
	"Enable debuginfod", "debuginfod", "Executing new program",
	"No locals.", "No symbol table info available.", "No arguments.",
};

/* Lines gdb prints around backtraces: progress, the stop location echo
 * ("0x.. in f () at x.c:3", "3\tsource text") and banners. */
static bool
is_noise(const char *s, size_t len)
{
	size_t n;
	uint64_t v;

	for (size_t i = 0; i < sizeof noise_prefixes / sizeof *noise_prefixes; i++)
		if (dump_starts(s, len, noise_prefixes[i]))
			return true;
	if (dump_starts(s, len, "0x") && dump_find(s, len, " in "))
		return true;
	n = dump_parse_u64(s, len, &v);
	if (n > 0 && (n == len || s[n] == '\t'))
		return true;
	return dump_find(s, len, " (") &&
		(dump_find(s, len, " at ") || dump_find(s, len, " from /"));
}

static int
handle_frame(struct gdb_state *g, const char *s, size_t len, long lineno)
{
	struct gdb_frame f;
	long level;

	if (parse_frame(g, s, len, &level, &f) < 0) {
		sink_skip(g->sink, "malformed frame lines", lineno, s, len);
		return 0;
	}
	if (g->open && g->n_frames > 0 && level != g->next_level) {
		/* a new backtrace without a header (plain `bt` loops), or a gap */
		if (level != 0)
			sink_skip(g->sink, "frame levels out of order", lineno, s, len);
		/* f points into text, which the flush resets: re-parse after */
		if (flush_thread(g, lineno) < 0)
			return -1;
		parse_frame(g, s, len, &level, &f);
	}
	if (!g->open) {
		g->open = true;
		g->start_line = lineno;
	}
	if (g->n_frames == g->cap_frames)
		g->frames = xgrow(g->frames, &g->cap_frames, g->n_frames + 1,
			sizeof *g->frames);
	g->frames[g->n_frames++] = f;
	g->next_level = level + 1;
	return 0;
}

static int
gdb_parse(struct input *in, struct sink *out, struct error *err)
{
	struct gdb_state g = { .sink = out };
	struct dump_lines r;
	const char *s;
	size_t len;
	int rc = -1;

	g.type = sink_type(out, "threads", UNIT_COUNT);
	if (g.type < 0)
		return -1;
	reset_thread(&g);
	dump_lines_init(&r, in->data, in->len);
	while (dump_lines_next(&r, &s, &len)) {
		if (len == 0)
			continue;
		if (s[0] == '#' && len > 1 && dump_is_digit(s[1])) {
			if (handle_frame(&g, s, len, r.lineno) < 0)
				goto out;
		} else if (is_header(s, len)) {
			if (flush_thread(&g, r.lineno) < 0)
				goto out;
			g.open = true;
			g.start_line = r.lineno;
			parse_header(&g, s, len);
		} else if (dump_is_blank(s[0])) {
			/* wrapped " at f.c:3" / " from lib", or `bt full` locals */
			size_t i = 0;

			while (i < len && dump_is_blank(s[i]))
				i++;
			if (g.n_frames > 0 && (dump_starts(s + i, len - i, "at ") ||
			    dump_starts(s + i, len - i, "from ")))
				parse_location(&g, &g.frames[g.n_frames - 1], s + i, len - i);
		} else if (dump_starts(s, len, "(More stack frames follow") ||
		    dump_starts(s, len, "Backtrace stopped")) {
			if (g.n_frames > 0)
				g.sum.truncated++;
			if (flush_thread(&g, r.lineno) < 0)
				goto out;
		} else if (dump_starts(s, len, "[Inferior ")) {
			if (flush_thread(&g, r.lineno) < 0)
				goto out;
		} else if (!is_noise(s, len)) {
			sink_skip(out, "unrecognised lines", r.lineno, s, len);
		}
		dump_lines_progress(&r, out);
	}
	if (flush_thread(&g, r.lineno) < 0)
		goto out;
	dump_summary_emit(&g.sum, out);
	if (dump_check_samples(&g.sum, out, "thread", "frames", err) < 0)
		goto out;
	rc = 0;
out:
	free(g.frames);
	dump_buf_free(&g.text);
	dump_buf_free(&g.scratch);
	dump_stack_free(&g.ids);
	dump_summary_free(&g.sum);
	return rc;
}

/* A gdb frame line: "#N  " then "0x.. in NAME (" or "NAME (" with an
 * argument list, or a location. 2 = certain, 1 = plausible, 0 = no. */
static int
probe_frame(const char *s, size_t len)
{
	uint64_t v;
	size_t n = dump_parse_u64(s + 1, len - 1, &v), i = 1 + n;

	if (n == 0 || i >= len || s[i] != ' ')
		return 0;
	while (i < len && s[i] == ' ')
		i++;
	if (len - i > 2 && s[i] == '0' && s[i + 1] == 'x') {
		n = dump_parse_hex(s + i + 2, len - i - 2, &v);
		if (n > 0 && dump_starts(s + i + 2 + n, len - i - 2 - n, " in "))
			return 2;
		return 0;   /* eu-stack: an address without " in " */
	}
	if (dump_starts(s + i, len - i, "<signal handler called>"))
		return 1;
	if (dump_find(s + i, len - i, " (") && s[len - 1] == ')')
		return 1;
	if (find_location(s + i, len - i))
		return 2;
	return 0;
}

static int
gdb_probe(const char *head, size_t len)
{
	struct dump_lines r;
	const char *s;
	size_t n;
	int certain = 0, plausible = 0, headers = 0, support = 0;

	dump_lines_init(&r, head, len);
	while (r.lineno < PROBE_MAX_LINES && dump_lines_next(&r, &s, &n)) {
		if (n == 0)
			continue;
		if (s[0] == '#' && n > 1 && dump_is_digit(s[1])) {
			int k = probe_frame(s, n);

			certain += k == 2;
			plausible += k == 1;
		} else if (dump_starts(s, n, "TID ") || dump_starts(s, n, "PID ")) {
			return 0;   /* eu-stack */
		} else if (is_header(s, n)) {
			headers++;
		} else if (dump_starts(s, n, "[New LWP") ||
		    dump_starts(s, n, "[Thread debugging using libthread_db")) {
			support++;
		}
	}
	if (certain > 0)
		return 95;
	if (plausible > 0 && headers > 0)
		return 90;
	if (plausible > 0)
		return 60;
	if (headers > 0 && support > 0)
		return 30;
	return 0;
}

const struct format format_gdb = {
	.name = "gdb",
	.description = "gdb backtraces: thread apply all bt, bt full, pstack",
	.probe = gdb_probe,
	.parse = gdb_parse,
};
