/* bcc multi-line stack output: offcputime, profile, offwaketime,
 * wakeuptime and stackcount (shared/formats/bcc-offcputime.md). Their -f
 * output is folded text and goes to the folded parser.
 *
 * A record is a run of indented lines ending with a line holding only a
 * number (the value). Frames are printed leaf first; the line before the
 * value names the task ("    -    comm (pid)", or the bare comm in 2016
 * offcputime, or "    comm [pid]" in stackcount -P). wakeuptime and
 * offwaketime wrap the stacks in "target:" and "waker:" lines. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bcc_symbols.h"
#include "format.h"
#include "units.h"
#include "xmalloc.h"

enum bcc_tool {
	TOOL_UNKNOWN = 0,
	TOOL_OFFCPU,      /* offcputime: microseconds, the number is a tid */
	TOOL_BLOCKED,     /* wakeuptime, offwaketime: microseconds */
	TOOL_PROFILE,     /* profile: samples, the number is a pid */
	TOOL_STACKCOUNT,  /* stackcount: event counts */
	TOOL_VALUE        /* no header, and the records do not tell */
};

/* Which stacks the header says were collected. */
enum bcc_stacks {
	STACKS_UNKNOWN = 0,
	STACKS_KERNEL,
	STACKS_USER,
	STACKS_BOTH
};

struct bcc_line {
	const char *s;      /* text after the indentation, trailing blanks cut */
	size_t len;
	size_t indent;
	long no;
};

/* A frame line taken apart: in t the name alone, the module (" [libc.so.6]"
 * without brackets), the offset ("+0x1a") and a leading address (-A, -v,
 * wakeuptime). */
struct bcc_frame {
	struct bcc_frame_text t;
	enum bcc_side side;
	bool kernel_mark;       /* `_[k]` annotation or a [kernel] module */
	bool delimiter;         /* the kernel/user "--" (or "-") line */
};

struct bcc {
	struct sink *out;
	enum bcc_tool tool;
	enum bcc_stacks stacks;
	char unit[16];            /* from "time (us)" in the header */
	int type;                 /* declared sample type, -1 until known */
	bool typed;               /* some type was declared: the first is the default */
	struct bcc_line *lines;   /* the record being read */
	size_t n_lines, cap_lines;
	struct bcc_frame *frames;
	size_t cap_frames;
	struct bcc_stack stack;   /* the sample being built */
};

static const char *
find_str(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);

	for (size_t i = 0; i + n <= len; i++)
		if (s[i] == needle[0] && memcmp(s + i, needle, n) == 0)
			return s + i;
	return NULL;
}

/* Digits to a value; false on overflow past 2^63 (not a bcc value). */
static bool
parse_value(const char *s, size_t len, uint64_t *out)
{
	uint64_t v = 0;

	if (len > 19)
		return false;
	for (size_t i = 0; i < len; i++)
		v = v * 10 + (uint64_t)(s[i] - '0');
	*out = v;
	return true;
}

/* ---- header and noise lines ------------------------------------------ */

static void
info_range(struct sink *out, const char *key, const char *s, size_t len)
{
	char tmp[256];

	if (len >= sizeof tmp)
		len = sizeof tmp - 1;
	memcpy(tmp, s, len);
	tmp[len] = '\0';
	sink_info(out, key, tmp);
}

static void
read_stack_context(struct bcc *b, const char *s, size_t len)
{
	if (find_str(s, len, " by user + kernel "))
		b->stacks = STACKS_BOTH;
	else if (find_str(s, len, " by kernel "))
		b->stacks = STACKS_KERNEL;
	else if (find_str(s, len, " by user "))
		b->stacks = STACKS_USER;
	else
		b->stacks = STACKS_UNKNOWN;
}

static void
read_duration(struct bcc *b, const char *s, size_t len)
{
	const char *p = find_str(s, len, " for ");
	const char *end = s + len;
	const char *d;

	if (!p || !find_str(p, (size_t)(end - p), " secs"))
		return;
	d = p + 5;
	p = d;
	while (p < end && *p >= '0' && *p <= '9')
		p++;
	if (p > d && bcc_starts_with(p, (size_t)(end - p), " secs")) {
		char tmp[32];

		snprintf(tmp, sizeof tmp, "%.*s s", (int)(p - d > 20 ? 20 : p - d), d);
		sink_info(b->out, "duration", tmp);
	}
}

/* "Tracing off-CPU time (us) of ..." and the like: the tool, its unit
 * and which stacks were collected. Returns false for other lines. */
static bool
read_header(struct bcc *b, const char *s, size_t len)
{
	enum bcc_tool tool;

	if (bcc_starts_with(s, len, "Tracing off-CPU time") ||
	    bcc_starts_with(s, len, "Tracing blocked time")) {
		const char *u = s + 20, *end = s + len, *e;

		tool = s[8] == 'o' ? TOOL_OFFCPU : TOOL_BLOCKED;
		/* " (us)": the unit of the values */
		b->unit[0] = '\0';
		if (bcc_starts_with(u, (size_t)(end - u), " (") &&
		    (e = memchr(u, ')', (size_t)(end - u))) && e - u - 2 < (long)sizeof b->unit) {
			memcpy(b->unit, u + 2, (size_t)(e - u - 2));
			b->unit[e - u - 2] = '\0';
		}
	} else if (bcc_starts_with(s, len, "Sampling at ")) {
		/* " of " after the rate: "Sampling at of ..." has none */
		const char *p = s + 12, *of = find_str(p, len - 12, " of ");

		tool = TOOL_PROFILE;
		if (of) {
			bool every = bcc_starts_with(p, (size_t)(of - p), "every ");

			info_range(b->out, every ? "period" : "frequency", every ? p + 6 : p,
				(size_t)(of - p) - (every ? 6 : 0));
		}
	} else if (bcc_starts_with(s, len, "Tracing ") && len > 8 && s[8] >= '0' &&
	    s[8] <= '9' && find_str(s, len, " functions for ")) {
		const char *q = find_str(s, len, " functions for ") + 15;
		const char *end = s + len, *e;

		tool = TOOL_STACKCOUNT;
		/* the pattern is quoted: keep it as the event */
		if (q < end && *q == '"') {
			q++;
			for (e = end; e > q && e[-1] != '"'; e--)
				;
			if (e > q)
				info_range(b->out, "event", q, (size_t)(e - 1 - q));
		}
	} else {
		return false;
	}
	b->tool = tool;
	read_stack_context(b, s, len);
	read_duration(b, s, len);
	info_range(b->out, "comment", s, len);
	b->type = -1;   /* declared at the next record, with the new unit */
	return true;
}

/* Lines the tools print around the records. */
static bool
is_noise(const char *s, size_t len)
{
	static const char *const prefixes[] = {
		"^C", "[...", "Detaching", "WARNING:", "ERROR:", "error:",
		"Exiting", "Possibly lost ",
	};

	for (size_t i = 0; i < sizeof prefixes / sizeof prefixes[0]; i++)
		if (bcc_starts_with(s, len, prefixes[i]))
			return true;
	/* stackcount -T prints the time between intervals */
	return len == 8 && s[2] == ':' && s[5] == ':' && bcc_all_digits(s, 2) &&
		bcc_all_digits(s + 3, 2) && bcc_all_digits(s + 6, 2);
}

/* ---- frames ------------------------------------------------------------ */

static bool
is_hex(const char *s, size_t len)
{
	uint64_t v = 0;

	return bcc_parse_hex(s, len, &v);
}

/* Takes a frame line apart: "[0x]ADDR sym+0x1a [module]_[k]". */
static void
clean_frame(const char *s, size_t len, struct bcc_frame *f)
{
	const char *sp;

	memset(f, 0, sizeof *f);
	/* a leading address: wakeuptime, stackcount -v, profile -A */
	sp = memchr(s, ' ', len);
	if (sp && sp > s) {
		size_t tl = (size_t)(sp - s);
		bool prefixed = tl > 2 && s[0] == '0' && s[1] == 'x';

		if ((prefixed || tl >= 8) && is_hex(s, tl)) {
			const char *r = sp;
			size_t rl = len - tl;

			bcc_trim(&r, &rl);
			if (rl > 0) {
				bcc_parse_hex(s, tl, &f->t.address);
				s = r;
				len = rl;
			}
		}
	}
	/* "[Missed User Stack] -14" (offwaketime prints the error number) */
	if (bcc_starts_with(s, len, "[Missed ")) {
		const char *rb = memchr(s, ']', len);

		if (rb)
			len = (size_t)(rb + 1 - s);
	}
	if (len > 4 && memcmp(s + len - 4, "_[k]", 4) == 0) {
		len -= 4;
		f->kernel_mark = true;
	}
	/* " [module]" after a name (profile and bcc show_module) */
	if (len > 3 && s[0] != '[' && s[len - 1] == ']') {
		for (size_t i = len - 1; i-- > 1;) {
			if (s[i] == '[' && s[i - 1] == ' ') {
				f->t.module = s + i + 1;
				f->t.module_len = len - i - 2;
				len = i - 1;
				break;
			}
			if (s[i] == ' ' || s[i] == ']')
				break;
		}
		if (f->t.module && (
		    (f->t.module_len == 6 && memcmp(f->t.module, "kernel", 6) == 0) ||
		    (f->t.module_len == 15 &&
		     memcmp(f->t.module, "kernel.kallsyms", 15) == 0)))
			f->kernel_mark = true;
	}
	bcc_split_offset(s, &len, &f->t.offset, &f->t.offset_len);
	f->t.name = s;
	f->t.len = len;
	/* the name is looked up only when a stack has no delimiter */
	f->side = f->kernel_mark ? BCC_SIDE_KERNEL :
		f->t.address ? bcc_address_side(f->t.address) : BCC_SIDE_UNKNOWN;
}

/* Pushes a frame known by its name alone: a task, a waker, "--". */
static int
push_name(struct bcc *b, const char *name, size_t len, enum frame_kind kind)
{
	return bcc_stack_push(&b->stack, sink_frame(b->out, name, len, kind));
}

static int
push_frame(struct bcc *b, const struct bcc_frame *f, enum frame_kind kind)
{
	if (f->kernel_mark && kind == FRAME_USER)
		kind = FRAME_KERNEL;
	return bcc_stack_push_frame(&b->stack, b->out, &f->t, kind);
}

/* The synthetic root naming the task, shaped by --group. num < 0 when
 * the output printed no pid or tid. */
static int
push_root(struct bcc *b, const char *comm, size_t len, long num)
{
	enum sink_root_mode mode = b->out->opts->root;
	char *s;
	int n;

	if (mode == SINK_ROOT_NONE || !comm)
		return 0;
	if (num < 0)
		return push_name(b, comm, len, FRAME_PROCESS);
	s = bcc_stack_scratch(&b->stack, len + 32);
	/* default: as bcc prints it, "comm (pid)"; pid/tid: "comm-N" */
	n = snprintf(s, len + 32, mode == SINK_ROOT_COMM ? "%.*s (%ld)" : "%.*s-%ld",
		(int)len, comm, num);
	return push_name(b, s, (size_t)n, FRAME_PROCESS);
}

/* Cleans lines [from, to) into b->frames[0 ..]; marks delim lines. */
static void
clean_lines(struct bcc *b, size_t from, size_t to, const char *delim)
{
	size_t n = to - from;

	if (n > b->cap_frames)
		b->frames = xgrow(b->frames, &b->cap_frames, n, sizeof *b->frames);
	for (size_t i = 0; i < n; i++) {
		const struct bcc_line *l = &b->lines[from + i];

		if (delim && l->len == strlen(delim) && memcmp(l->s, delim, l->len) == 0) {
			memset(&b->frames[i], 0, sizeof b->frames[i]);
			b->frames[i].delimiter = true;
		} else {
			clean_frame(l->s, l->len, &b->frames[i]);
		}
	}
}

/* Kernel or user for each of n leaf-first frames of one task's stack:
 * kernel frames come first. A delimiter or the header says where they
 * end; otherwise the last frame that is known to be the kernel's. */
static size_t
kernel_frames(const struct bcc *b, size_t n)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++)
		if (b->frames[i].delimiter)
			return i;
	if (b->stacks == STACKS_KERNEL)
		return n;
	if (b->stacks == STACKS_USER)
		return 0;
	/* a task goes off-CPU in the kernel: the leaf is the kernel's */
	if ((b->tool == TOOL_OFFCPU || b->tool == TOOL_BLOCKED) && n > 0)
		k = 1;
	for (size_t i = 0; i < n; i++) {
		const struct bcc_frame *f = &b->frames[i];

		if (f->side == BCC_SIDE_KERNEL ||
		    (f->side == BCC_SIDE_UNKNOWN &&
		     bcc_symbol_side(f->t.name, f->t.len) == BCC_SIDE_KERNEL))
			k = i + 1;
	}
	return k;
}

/* Pushes frames[0, n) root first (reversed), skipping delimiters. */
static int
push_stack(struct bcc *b, size_t n, bool waker)
{
	size_t nk = waker ? 0 : kernel_frames(b, n);

	for (size_t i = n; i-- > 0;) {
		const struct bcc_frame *f = &b->frames[i];
		enum frame_kind kind = waker ? FRAME_WAKER :
			i < nk ? FRAME_KERNEL : FRAME_USER;

		if (f->delimiter)
			continue;
		if (push_frame(b, f, kind) < 0)
			return -1;
	}
	return 0;
}

/* ---- records --------------------------------------------------------- */

static int
ensure_type(struct bcc *b, enum bcc_tool guess)
{
	enum bcc_tool tool = b->tool != TOOL_UNKNOWN ? b->tool : guess;
	int t;

	if (b->type >= 0)
		return 0;
	switch (tool) {
	case TOOL_OFFCPU:
	case TOOL_BLOCKED:
		/* both tools print "(us)"; without a header, trust that */
		t = sink_type(b->out, tool == TOOL_OFFCPU ? "off-cpu" : "blocked",
			b->unit[0] ? units_canonical(b->unit) : UNIT_MICROSECONDS);
		break;
	case TOOL_PROFILE:
		t = sink_type(b->out, "samples", UNIT_SAMPLES);
		break;
	case TOOL_STACKCOUNT:
		t = sink_type(b->out, "count", UNIT_COUNT);
		break;
	default:
		t = sink_type(b->out, "value", UNIT_COUNT);
		break;
	}
	if (t < 0)
		return -1;
	if (!b->typed)
		sink_default_type(b->out, t);
	b->typed = true;
	b->type = t;
	if (b->tool == TOOL_UNKNOWN)
		b->tool = tool;
	return 0;
}

/* "-                comm (pid)" */
static bool
process_line(const struct bcc_line *l, const char **comm, size_t *len, long *num)
{
	const char *s = l->s, *e = l->s + l->len, *open;
	size_t n;

	if (l->len < 2 || s[0] != '-' || !bcc_is_blank(s[1]))
		return false;
	s++;
	n = (size_t)(e - s);
	bcc_trim(&s, &n);
	e = s + n;
	*comm = s;
	*len = n;
	*num = -1;
	if (n >= 4 && e[-1] == ')') {
		for (open = e - 2; open > s && *open != '('; open--)
			;
		if (*open == '(' && open > s && open[-1] == ' ' &&
		    bcc_all_digits(open + 1, (size_t)(e - 2 - open)) && e - 2 - open <= 10) {
			uint64_t v = 0;

			parse_value(open + 1, (size_t)(e - 2 - open), &v);
			*num = (long)v;
			*len = (size_t)(open - 1 - s);
		}
	}
	return true;
}

/* "comm [pid]" (stackcount -P) */
static bool
bracket_line(const struct bcc_line *l, size_t *len, long *num)
{
	const char *s = l->s, *e = l->s + l->len, *open;
	uint64_t v = 0;

	if (l->len < 4 || e[-1] != ']')
		return false;
	for (open = e - 2; open > s && *open != '['; open--)
		;
	if (*open != '[' || open == s || open[-1] != ' ' ||
	    !bcc_all_digits(open + 1, (size_t)(e - 2 - open)) || e - 2 - open > 10)
		return false;
	parse_value(open + 1, (size_t)(e - 2 - open), &v);
	*num = (long)v;
	*len = (size_t)(open - 1 - s);
	return true;
}

/* "target:          name" / "waker:           name [pid]" */
static void
name_line(const struct bcc_line *l, size_t skip, bool with_pid,
	const char **name, size_t *len, long *num)
{
	const char *s = l->s + skip;
	size_t n = l->len - skip;

	bcc_trim(&s, &n);
	*name = s;
	*len = n;
	*num = -1;
	if (with_pid) {
		size_t i = n;
		uint64_t v = 0;

		while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
			i--;
		if (i < n && i > 1 && s[i - 1] == ' ' && n - i <= 10) {
			parse_value(s + i, n - i, &v);
			*num = (long)v;
			n = i - 1;
			bcc_trim(&s, &n);
			*len = n;
		}
	}
}

static int
add_sample(struct bcc *b, uint64_t value, long num, bool is_tid)
{
	struct sample_meta meta = { .time_ns = -1, .pid = -1, .tid = -1, .cpu = -1 };

	if (b->stack.n == 0) {
		/* e.g. an idle task's empty user stack under --group=none */
		const struct bcc_line *l = &b->lines[0];

		sink_skip(b->out, "records with no frames", l->no, l->s, l->len);
		return 0;
	}
	if (num >= 0 && num <= INT32_MAX) {
		if (is_tid)
			meta.tid = (int32_t)num;
		else
			meta.pid = (int32_t)num;
	}
	return sink_sample1(b->out, b->stack.ids, b->stack.n, b->type,
		(double)value, num >= 0 ? &meta : NULL);
}

/* offcputime, profile, stackcount */
static int
emit_standard(struct bcc *b, uint64_t value)
{
	const struct bcc_line *last = &b->lines[b->n_lines - 1];
	bool counts = b->tool == TOOL_STACKCOUNT ||
		(b->tool == TOOL_UNKNOWN && b->lines[0].indent < 4);
	enum bcc_tool guess = counts ? TOOL_STACKCOUNT : TOOL_VALUE;
	const char *comm = NULL;
	size_t comm_len = 0, n = b->n_lines;
	long num = -1;

	if (process_line(last, &comm, &comm_len, &num)) {
		n--;
	} else if ((counts || (n > 1 && last->indent > b->lines[0].indent)) &&
	    bracket_line(last, &comm_len, &num)) {
		comm = last->s;
		n--;
	} else if (!counts) {
		/* 2016 offcputime: the bare task name is the last line */
		comm = last->s;
		comm_len = last->len;
		guess = TOOL_OFFCPU;
		n--;
	}
	if (ensure_type(b, guess) < 0)
		return -1;
	clean_lines(b, 0, n, "--");
	b->stack.n = 0;
	if (push_root(b, comm, comm_len, num) < 0 ||
	    push_stack(b, n, false) < 0)
		return -1;
	return add_sample(b, value, num, b->tool == TOOL_OFFCPU);
}

/* wakeuptime: target, the waker's kernel stack (leaf first), waker. The
 * target is the root and the waker the leaf, as in its reference. */
static int
emit_wakeup(struct bcc *b, uint64_t value)
{
	const struct bcc_line *last = &b->lines[b->n_lines - 1];
	const char *target, *waker = NULL;
	size_t target_len, waker_len = 0, n = b->n_lines;
	long num;

	if (ensure_type(b, TOOL_BLOCKED) < 0)
		return -1;
	name_line(&b->lines[0], 7, false, &target, &target_len, &num);
	if (n > 1 && bcc_starts_with(last->s, last->len, "waker:")) {
		name_line(last, 6, false, &waker, &waker_len, &num);
		n--;
	}
	clean_lines(b, 1, n, NULL);
	b->stack.n = 0;
	if (push_root(b, target, target_len, -1) < 0 ||
	    push_stack(b, n - 1, true) < 0)
		return -1;
	if (waker && waker_len > 0 &&
	    push_name(b, waker, waker_len, FRAME_WAKER) < 0)
		return -1;
	return add_sample(b, value, -1, true);
}

static bool
is_wake_delimiter(const struct bcc_line *l)
{
	const char *s = l->s;
	size_t n = l->len;

	if (!bcc_starts_with(s, n, "--"))
		return false;
	s += 2;
	n -= 2;
	bcc_trim(&s, &n);
	return n == 0 || (n == 2 && s[0] == '-' && s[1] == '-');
}

/* offwaketime: "waker: name pid", the waker stacks root first, "-- --",
 * the target stacks leaf first, "target: name pid". Read bottom up it is
 * bcc's folded chain: target;stack;--;waker stack (leaf first);waker. */
static int
emit_offwake(struct bcc *b, uint64_t value)
{
	const struct bcc_line *last = &b->lines[b->n_lines - 1];
	const char *waker, *target = NULL;
	size_t waker_len, target_len = 0, n = b->n_lines, dd = 0;
	long wnum, tnum = -1;

	if (ensure_type(b, TOOL_BLOCKED) < 0)
		return -1;
	name_line(&b->lines[0], 6, true, &waker, &waker_len, &wnum);
	if (n > 1 && bcc_starts_with(last->s, last->len, "target:")) {
		name_line(last, 7, true, &target, &target_len, &tnum);
		n--;
	}
	for (size_t i = 1; i < n; i++)
		if (is_wake_delimiter(&b->lines[i])) {
			dd = i;
			break;
		}
	b->stack.n = 0;
	if (push_root(b, target, target_len, tnum) < 0)
		return -1;
	/* the target's stacks, leaf first: kernel, "-", user */
	clean_lines(b, dd + 1, n, "-");
	if (push_stack(b, n - dd - 1, false) < 0)
		return -1;
	if (dd > 0) {
		/* then "--" and the waker's stacks bottom up, as bcc -f
		 * prints them: kernel leaf first, then user leaf first */
		if (push_name(b, "--", 2, FRAME_USER) < 0)
			return -1;
		clean_lines(b, 1, dd, "-");
		if (push_stack(b, dd - 1, true) < 0)
			return -1;
	}
	if (waker_len > 0 &&
	    push_name(b, waker, waker_len, FRAME_WAKER) < 0)
		return -1;
	return add_sample(b, value, tnum, true);
}

static int
emit_record(struct bcc *b, uint64_t value)
{
	const struct bcc_line *first = &b->lines[0];

	if (bcc_starts_with(first->s, first->len, "target:"))
		return emit_wakeup(b, value);
	if (bcc_starts_with(first->s, first->len, "waker:"))
		return emit_offwake(b, value);
	return emit_standard(b, value);
}

static void
skip_record(struct bcc *b, const char *why)
{
	const struct bcc_line *l = &b->lines[0];

	sink_skip(b->out, why, l->no, l->s, l->len);
	b->n_lines = 0;
}

static int
bcc_parse(struct input *in, struct sink *out, struct error *err)
{
	const char *p = in->data, *end = in->data + in->len;
	struct bcc b = { .out = out, .type = -1 };
	long lineno = 0;
	int rc = -1;

	(void)err;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *s = p;
		size_t indent, len;

		lineno++;
		while (s < le && (*s == ' ' || *s == '\t'))
			s++;
		while (le > s && bcc_is_blank(le[-1]))
			le--;
		indent = (size_t)(s - p);
		len = (size_t)(le - s);
		p = nl ? nl + 1 : end;
		if ((lineno & 0xffff) == 0)
			sink_progress(out, (size_t)(p - in->data), in->len);
		if (len == 0) {
			if (b.n_lines)
				skip_record(&b, "records without a value");
			continue;
		}
		if (indent == 0) {
			if (b.n_lines)
				skip_record(&b, "records without a value");
			if (bcc_starts_with(s, len, "WARNING: "))
				info_range(out, "warning", s + 9, len - 9);
			else if (!read_header(&b, s, len) && !is_noise(s, len))
				sink_skip(out, "unrecognised lines", lineno, s, len);
			continue;
		}
		if (bcc_all_digits(s, len)) {
			uint64_t v = 0;

			if (!b.n_lines) {
				sink_skip(out, "values without a stack", lineno, s, len);
			} else if (!parse_value(s, len, &v)) {
				skip_record(&b, "records with a bad value");
			} else {
				if (emit_record(&b, v) < 0) {
					sink_fail_at(out, lineno);
					goto out;
				}
				b.n_lines = 0;
			}
			continue;
		}
		if (b.n_lines == b.cap_lines)
			b.lines = xgrow(b.lines, &b.cap_lines, b.n_lines + 1, sizeof *b.lines);
		b.lines[b.n_lines++] = (struct bcc_line){ s, len, indent, lineno };
	}
	if (b.n_lines)
		skip_record(&b, "records without a value");
	rc = 0;
out:
	free(b.lines);
	free(b.frames);
	bcc_stack_free(&b.stack);
	return rc;
}

/* ---- detection ------------------------------------------------------- */

static bool
is_header(const char *s, size_t len)
{
	return bcc_starts_with(s, len, "Tracing off-CPU time (") ||
		bcc_starts_with(s, len, "Tracing blocked time (") ||
		(bcc_starts_with(s, len, "Sampling at ") && find_str(s, len, " stack")) ||
		(bcc_starts_with(s, len, "Tracing ") && len > 8 && s[8] >= '0' &&
		 s[8] <= '9' && find_str(s, len, " functions for \""));
}

/* A header line, or the record shape: indented frames, a task line
 * ("-   comm (pid)" or "target:"/"waker:") and an indented number. */
static int
bcc_probe(const char *head, size_t len)
{
	const char *p = head, *end = head + len;
	int lines = 0, indented = 0, values = 0, tasks = 0;

	while (p < end && lines < 400) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *line = p, *le = nl ? nl : end, *s = p;
		size_t n;

		if (!nl && lines > 0)
			break;  /* a cut-off last line of the sniff window */
		p = nl ? nl + 1 : end;
		while (s < le && (*s == ' ' || *s == '\t'))
			s++;
		while (le > s && bcc_is_blank(le[-1]))
			le--;
		n = (size_t)(le - s);
		if (n == 0)
			continue;
		if (s == line) {
			if (is_header(s, n))
				return lines == 0 ? 90 : 60;
			if (s[0] == '@' || s[0] == '#')
				return 0;
			if (!is_noise(s, n))
				lines++;
			continue;
		}
		lines++;
		indented++;
		if (bcc_all_digits(s, n))
			values++;
		else if ((n > 3 && s[0] == '-' && bcc_is_blank(s[1]) && s[n - 1] == ')') ||
		    bcc_starts_with(s, n, "target:") || bcc_starts_with(s, n, "waker:"))
			tasks++;
	}
	if (values == 0 || indented * 10 < lines * 9)
		return 0;
	return tasks > 0 ? 80 : 30;
}

const struct format format_bcc = {
	.name = "bcc",
	.description = "bcc offcputime/profile/offwaketime/wakeuptime/stackcount multi-line stacks",
	.probe = bcc_probe,
	.parse = bcc_parse,
};
