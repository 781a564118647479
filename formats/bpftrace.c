/* bpftrace maps keyed by kstack/ustack (shared/formats/bpftrace.md).
 *
 * An entry is NAME[KEY]: VALUE. A stack element of the key is printed as
 * a newline, one frame per line (leaf first) and a newline, so an entry
 * spans lines: "@t[comm, " / frames / ", " / frames / "]: 12". Elements
 * are separated by ", " on the lines that start with ',' or ']'.
 *
 * Two passes: the first learns, per map and key position, whether a
 * stack is the kernel's or the user's (bpftrace does not say), and which
 * maps hold stacks; the second hands the entries to the sink. Path of a
 * sample: string elements (comm, pid...) as roots, then the user stack,
 * then the kernel stack, each root first. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bcc_symbols.h"
#include "format.h"
#include "units.h"
#include "xmalloc.h"

#define BT_MAX_POS 16   /* key positions tracked per map; more share the last */
#define BT_SURVEY_FRAMES 8192   /* frames read per key position to guess its side */

enum bt_elem_kind {
	ELEM_EMPTY,   /* "" between separators: an empty stack or string */
	ELEM_STR,
	ELEM_STACK
};

struct bt_elem {
	enum bt_elem_kind kind;
	const char *s;        /* ELEM_STR */
	size_t len;
	size_t first, n;      /* ELEM_STACK: frame lines [first, first + n) */
};

struct bt_text {
	const char *s;
	size_t len;
};

struct bt_map {
	const char *name;     /* "@" or "@name", into the input */
	size_t len;
	int type;             /* sample type, -1 when the map holds no stack */
	bool stack[BT_MAX_POS];
	uint32_t votes_kernel[BT_MAX_POS], votes_user[BT_MAX_POS];
	uint32_t surveyed[BT_MAX_POS];
	enum frame_kind side[BT_MAX_POS];
};

struct bt {
	struct sink *out;
	int pass;             /* 1 = survey, 2 = emit */
	struct bt_map *maps;
	size_t n_maps, cap_maps;
	/* the entry being read */
	bool open, in_stack;
	long line;
	struct bt_text start; /* its first line, for messages */
	size_t map;
	struct bt_elem *elems;
	size_t n_elems, cap_elems;
	struct bt_text *frames;
	size_t n_frames, cap_frames;
	struct bcc_stack stack;   /* the sample being built */
};

/* A frame line taken apart. */
struct bt_frame {
	struct bcc_frame_text t;
	enum frame_kind kind;     /* FRAME_INLINED or FRAME_USER */
	enum bcc_side side;
	bool definite;            /* side from a perf-mode module, not a guess */
};

static bool
is_ident(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		(c >= '0' && c <= '9') || c == '_';
}

/* Length of "@name" at s, or 0. */
static size_t
map_name_len(const char *s, size_t len)
{
	size_t i = 1;

	if (len == 0 || s[0] != '@')
		return 0;
	while (i < len && is_ident(s[i]))
		i++;
	return i;
}

/* "-?[0-9]+" */
static bool
parse_int(const char *s, size_t len, double *out)
{
	bool neg = len > 0 && s[0] == '-';
	uint64_t v = 0;

	if (neg) {
		s++;
		len--;
	}
	if (len == 0 || len > 19)
		return false;
	for (size_t i = 0; i < len; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (uint64_t)(s[i] - '0');
	}
	*out = neg ? -(double)v : (double)v;
	return true;
}

static void
skip(struct bt *b, const char *category, long line, const char *s, size_t len)
{
	if (b->pass == 2)
		sink_skip(b->out, category, line, s, len);
}

/* ---- frames ------------------------------------------------------------ */

static bool
has_digit(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= '0' && s[i] <= '9')
			return true;
	return false;
}

/* Takes a frame line apart: "[inlined] sym@file:12", "sym+49",
 * "sym+49@/dir/file.c:14", perf mode "7f12ab sym+4 (/lib/x.so)",
 * raw "7f12ab" or unresolved "0x7f12ab". */
static void
clean_frame(const char *s, size_t len, struct bt_frame *f)
{
	const char *sp;
	uint64_t a;

	memset(f, 0, sizeof *f);
	f->kind = FRAME_USER;
	bcc_trim(&s, &len);
	if (bcc_starts_with(s, len, "[inlined] ")) {
		s += 10;
		len -= 10;
		bcc_trim(&s, &len);
		f->kind = FRAME_INLINED;
	}
	/* perf mode: a bare hex address, the symbol, "(module)" */
	sp = memchr(s, ' ', len);
	if (sp && sp - s >= 6 && has_digit(s, (size_t)(sp - s)) &&
	    !(s[0] == '0' && s[1] == 'x') && bcc_parse_hex(s, (size_t)(sp - s), &a)) {
		const char *r = sp;
		size_t rl = len - (size_t)(sp - s);

		bcc_trim(&r, &rl);
		if (rl > 0) {
			f->t.address = a;
			s = r;
			len = rl;
			if (len > 3 && s[len - 1] == ')') {
				for (size_t i = len - 1; i-- > 1;) {
					if (s[i] == '(' && s[i - 1] == ' ') {
						f->t.module = s + i + 1;
						f->t.module_len = len - i - 2;
						len = i - 1;
						break;
					}
				}
			}
		}
	}
	if (f->t.module) {
		if (f->t.module_len == 7 && memcmp(f->t.module, "inlined", 7) == 0) {
			f->kind = FRAME_INLINED;
			f->t.module = NULL;
		} else if (f->t.module_len == 17 &&
		    memcmp(f->t.module, "[kernel.kallsyms]", 17) == 0) {
			f->side = BCC_SIDE_KERNEL;
			f->definite = true;
		} else if (f->t.module_len > 0 && f->t.module[0] == '[') {
			f->t.module = NULL;   /* "[unknown]" */
		} else {
			f->side = BCC_SIDE_USER;
			f->definite = true;
		}
	}
	/* "@file:line" from debug info; not "memcpy@plt" or "x@@GLIBC_2.2" */
	for (size_t i = len; i-- > 1;) {
		if (s[i] == ' ')
			break;
		if (s[i] == '@') {
			size_t j = len;

			while (j > i + 1 && s[j - 1] >= '0' && s[j - 1] <= '9')
				j--;
			if (j < len && j > i + 2 && s[j - 1] == ':') {
				double ln = 0;

				parse_int(s + j, len - j, &ln);
				f->t.file = s + i + 1;
				f->t.file_len = j - 1 - (i + 1);
				f->t.lineno = ln > 0 && ln < 4e9 ? (uint32_t)ln : 0;
				len = i;
			}
			break;
		}
	}
	bcc_split_offset(s, &len, &f->t.offset, &f->t.offset_len);
	f->t.name = s;
	f->t.len = len;
	if (f->side == BCC_SIDE_UNKNOWN && !f->t.address && bcc_parse_hex(s, len, &a) &&
	    ((len > 2 && s[1] == 'x') || len >= 6))
		f->t.address = a;   /* unresolved, or stack_mode=raw */
	/* the name itself is looked up only by the survey */
	if (f->side == BCC_SIDE_UNKNOWN && f->t.address)
		f->side = bcc_address_side(f->t.address);
}

/* ---- maps and entries ------------------------------------------------ */

static size_t
find_map(struct bt *b, const char *name, size_t len)
{
	struct bt_map *m;

	for (size_t i = 0; i < b->n_maps; i++)
		if (b->maps[i].len == len && memcmp(b->maps[i].name, name, len) == 0)
			return i;
	if (b->n_maps == b->cap_maps)
		b->maps = xgrow(b->maps, &b->cap_maps, b->n_maps + 1, sizeof *b->maps);
	m = &b->maps[b->n_maps];
	memset(m, 0, sizeof *m);
	m->name = name;
	m->len = len;
	m->type = -1;
	return b->n_maps++;
}

static void
add_elem(struct bt *b, enum bt_elem_kind kind, const char *s, size_t len)
{
	struct bt_elem *e;

	if (b->n_elems == b->cap_elems)
		b->elems = xgrow(b->elems, &b->cap_elems, b->n_elems + 1, sizeof *b->elems);
	e = &b->elems[b->n_elems++];
	e->kind = len > 0 ? kind : (kind == ELEM_STACK ? ELEM_STACK : ELEM_EMPTY);
	e->s = s;
	e->len = len;
	e->first = b->n_frames;
	e->n = 0;
}

static void
open_entry(struct bt *b, size_t map, long line, const char *s, size_t len)
{
	b->open = true;
	b->in_stack = false;
	b->line = line;
	b->start = (struct bt_text){ s, len };
	b->map = map;
	b->n_elems = 0;
	b->n_frames = 0;
}

static void
drop_entry(struct bt *b, const char *category)
{
	skip(b, category, b->line, b->start.s, b->start.len);
	b->open = false;
}

static size_t
pos(size_t i)
{
	return i < BT_MAX_POS ? i : BT_MAX_POS - 1;
}

/* Pass 1: which key positions hold stacks, and what their frames say. */
static void
survey_entry(struct bt *b)
{
	struct bt_map *m = &b->maps[b->map];

	for (size_t i = 0; i < b->n_elems; i++) {
		const struct bt_elem *e = &b->elems[i];

		if (e->kind != ELEM_STACK)
			continue;
		m->stack[pos(i)] = true;
		/* the first few thousand frames settle it */
		if (m->surveyed[pos(i)] >= BT_SURVEY_FRAMES)
			continue;
		m->surveyed[pos(i)] += (uint32_t)(e->n < BT_SURVEY_FRAMES ? e->n :
			BT_SURVEY_FRAMES);
		for (size_t j = 0; j < e->n; j++) {
			const struct bt_text *t = &b->frames[e->first + j];
			struct bt_frame f;

			clean_frame(t->s, t->len, &f);
			if (f.side == BCC_SIDE_UNKNOWN)
				f.side = bcc_symbol_side(f.t.name, f.t.len);
			if (f.side == BCC_SIDE_KERNEL)
				m->votes_kernel[pos(i)]++;
			else if (f.side == BCC_SIDE_USER)
				m->votes_user[pos(i)]++;
		}
	}
}

static int
push_stack(struct bt *b, const struct bt_elem *e, enum frame_kind kind)
{
	for (size_t j = e->n; j-- > 0;) {
		const struct bt_text *t = &b->frames[e->first + j];
		struct bt_frame f;

		enum frame_kind k = kind;

		clean_frame(t->s, t->len, &f);
		if (f.t.len == 0)
			continue;
		if (f.kind == FRAME_INLINED)
			k = FRAME_INLINED;
		else if (f.definite)
			k = f.side == BCC_SIDE_KERNEL ? FRAME_KERNEL : FRAME_USER;
		if (bcc_stack_push_frame(&b->stack, b->out, &f.t, k) < 0)
			return -1;
	}
	return 0;
}

/* Pass 2: the sample of a closed entry. */
static int
emit_entry(struct bt *b, double value)
{
	const struct bt_map *m = &b->maps[b->map];
	bool stacked = false;

	for (size_t i = 0; i < b->n_elems; i++)
		if (b->elems[i].kind == ELEM_STACK ||
		    (b->elems[i].kind == ELEM_EMPTY && m->stack[pos(i)]))
			stacked = true;
	if (!stacked || m->type < 0) {
		drop_entry(b, "non-stack map entries");
		return 0;
	}
	if (value < 0) {
		drop_entry(b, "entries with a negative value");
		return 0;
	}
	b->stack.n = 0;
	if (b->out->opts->root != SINK_ROOT_NONE) {
		for (size_t i = 0; i < b->n_elems; i++) {
			const struct bt_elem *e = &b->elems[i];

			/* string keys (comm, pid) name the task */
			if (e->kind == ELEM_STR && !m->stack[pos(i)] &&
			    bcc_stack_push(&b->stack, sink_frame(b->out, e->s,
			    e->len, FRAME_PROCESS)) < 0)
				return -1;
		}
	}
	/* user code calls into the kernel: user stacks first */
	for (int pass = 0; pass < 2; pass++) {
		enum frame_kind want = pass == 0 ? FRAME_USER : FRAME_KERNEL;

		for (size_t i = 0; i < b->n_elems; i++) {
			const struct bt_elem *e = &b->elems[i];

			if (e->kind == ELEM_STACK && m->side[pos(i)] == want &&
			    push_stack(b, e, want) < 0)
				return -1;
		}
	}
	if (b->stack.n == 0) {
		drop_entry(b, "entries with no frames");
		return 0;
	}
	b->open = false;
	return sink_sample1(b->out, b->stack.ids, b->stack.n, m->type, value,
		NULL);
}

static int
close_entry(struct bt *b, const char *v, size_t vlen)
{
	double value;

	bcc_trim(&v, &vlen);
	if (vlen == 0) {
		/* "@h[...]:" then buckets: a histogram keyed by the stack */
		drop_entry(b, "histogram maps");
		return 0;
	}
	if (!parse_int(v, vlen, &value)) {
		/* avg(), stats(): not a weight */
		drop_entry(b, "entries with a non-integer value");
		return 0;
	}
	if (b->pass == 1) {
		survey_entry(b);
		b->open = false;
		return 0;
	}
	return emit_entry(b, value);
}

/* The key text of a line: the rest of "@name[" (first) or a line that
 * starts with ',' or ']'. Splits it into elements; a trailing empty
 * element at the end of the line starts a stack. */
static int
key_text(struct bt *b, const char *s, size_t len, bool first)
{
	const char *close = NULL, *line_end;
	size_t start = 0;

	while (len > 0 && bcc_is_blank(s[len - 1]))
		len--;
	line_end = s + len;
	/* "]: VALUE" ends the entry; the last one, as strings may hold "]:" */
	for (size_t i = len; i-- > 0;)
		if (s[i] == ']' && i + 1 < len && s[i + 1] == ':') {
			close = s + i;
			break;
		}
	if (close)
		len = (size_t)(close - s);
	if (!first) {
		b->in_stack = false;
		if (len > 0 && s[0] == ',') {
			s++;
			len--;
			if (len > 0 && s[0] == ' ') {
				s++;
				len--;
			}
		} else if (len > 0) {
			drop_entry(b, "malformed map entries");
			return 0;
		} else {
			goto done;   /* "]: N" after a stack */
		}
	}
	for (size_t i = 0; i < len; i++) {
		if (s[i] == ',' && (i + 1 == len || s[i + 1] == ' ')) {
			add_elem(b, ELEM_STR, s + start, i - start);
			start = i + 1 < len ? i + 2 : i + 1;
			i = start - 1;
		}
	}
	if (close) {
		add_elem(b, ELEM_STR, s + start, len - start);
	} else if (start < len) {
		/* a string running into the next line: not bpftrace's shape */
		drop_entry(b, "malformed map entries");
		return 0;
	} else {
		add_elem(b, ELEM_STACK, NULL, 0);
		b->in_stack = true;
	}
done:
	if (close)
		return close_entry(b, close + 2, (size_t)(line_end - close - 2));
	return 0;
}

static bool
is_bucket(const char *s, size_t len)
{
	return len > 0 && (s[0] == '[' || s[0] == '(') && memchr(s, '|', len);
}

/* Lines around the maps that are expected and carry nothing. */
static bool
is_quiet(struct bt *b, const char *s, size_t len)
{
	if (bcc_starts_with(s, len, "Attaching ") || bcc_starts_with(s, len, "Attached "))
		return true;
	if (bcc_starts_with(s, len, "Lost ") && len > 5 && s[5] >= '0' && s[5] <= '9') {
		if (b->pass == 2) {
			char tmp[64];
			size_t n = len < sizeof tmp - 1 ? len : sizeof tmp - 1;

			memcpy(tmp, s, n);
			tmp[n] = '\0';
			sink_info(b->out, "lost events", tmp);
		}
		return true;
	}
	return is_bucket(s, len);
}

static int
run_pass(struct bt *b, const char *data, size_t size)
{
	const char *p = data, *end = data + size;
	long lineno = 0;

	b->open = false;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *s = p, *le = nl ? nl : end;
		size_t len, nlen;

		lineno++;
		p = nl ? nl + 1 : end;
		if (le > s && le[-1] == '\r')
			le--;
		len = (size_t)(le - s);
		if (b->pass == 2 && (lineno & 0xffff) == 0)
			sink_progress(b->out, (size_t)(p - data), size);
		if (b->open) {
			if (len > 0 && s[0] == '@') {
				drop_entry(b, "unterminated map entries");
			} else if (len > 0 && (s[0] == ',' || s[0] == ']')) {
				if (key_text(b, s, len, false) < 0)
					return -1;
				continue;
			} else {
				const char *t = s;
				size_t tl = len;

				bcc_trim(&t, &tl);
				if (tl == 0)
					continue;
				if (!b->in_stack) {
					drop_entry(b, "malformed map entries");
					continue;
				}
				if (b->n_frames == b->cap_frames)
					b->frames = xgrow(b->frames, &b->cap_frames,
						b->n_frames + 1, sizeof *b->frames);
				b->frames[b->n_frames++] = (struct bt_text){ t, tl };
				b->elems[b->n_elems - 1].n++;
				continue;
			}
		}
		{
			const char *t = s;
			size_t tl = len;

			bcc_trim(&t, &tl);
			if (tl == 0 || is_quiet(b, t, tl))
				continue;
		}
		nlen = map_name_len(s, len);
		if (nlen > 0 && nlen < len && s[nlen] == '[') {
			open_entry(b, find_map(b, s, nlen), lineno, s, len);
			if (key_text(b, s + nlen + 1, len - nlen - 1, true) < 0)
				return -1;
		} else if (nlen > 0 && nlen < len && s[nlen] == ':') {
			const char *r = s + nlen + 1;
			size_t rl = len - nlen - 1;

			bcc_trim(&r, &rl);
			skip(b, rl == 0 ? "histogram maps" : "non-stack map entries",
				lineno, s, len);
		} else {
			skip(b, "other lines", lineno, s, len);
		}
	}
	if (b->open)
		drop_entry(b, "unterminated map entries");
	return 0;
}

/* Between the passes: kernel or user for each stack position, and a
 * sample type for each map that holds stacks. */
static void
decide_sides(struct bt_map *m)
{
	size_t stacks = 0, undecided = 0;
	enum frame_kind other = FRAME_USER;

	for (size_t i = 0; i < BT_MAX_POS; i++) {
		m->side[i] = FRAME_KIND_COUNT;   /* undecided */
		if (!m->stack[i])
			continue;
		stacks++;
		if (m->votes_kernel[i] > m->votes_user[i])
			m->side[i] = FRAME_KERNEL;
		else if (m->votes_user[i] > m->votes_kernel[i])
			m->side[i] = FRAME_USER;
		else
			undecided++;
	}
	if (stacks == 2 && undecided == 1) {
		for (size_t i = 0; i < BT_MAX_POS; i++)
			if (m->stack[i] && m->side[i] != FRAME_KIND_COUNT)
				other = m->side[i] == FRAME_KERNEL ? FRAME_USER : FRAME_KERNEL;
		for (size_t i = 0; i < BT_MAX_POS; i++)
			if (m->stack[i] && m->side[i] == FRAME_KIND_COUNT)
				m->side[i] = other;
	} else if (stacks == 2 && undecided == 2) {
		/* bpftrace habit: @[kstack, ustack] */
		bool first = true;

		for (size_t i = 0; i < BT_MAX_POS; i++)
			if (m->stack[i]) {
				m->side[i] = first ? FRAME_KERNEL : FRAME_USER;
				first = false;
			}
	}
	for (size_t i = 0; i < BT_MAX_POS; i++)
		if (m->side[i] == FRAME_KIND_COUNT)
			m->side[i] = FRAME_USER;
}

/* "@offcpu_us" -> microseconds; a bare "@" or "@x" -> count */
static const char *
map_unit(const struct bt_map *m)
{
	static const char *const suffixes[] = { "ns", "us", "ms", "nsecs", "usecs",
		"msecs", "bytes" };
	size_t i = m->len;

	while (i > 1 && m->name[i - 1] != '_')
		i--;
	if (i <= 1)
		i = 1;
	for (size_t k = 0; k < sizeof suffixes / sizeof suffixes[0]; k++)
		if (strlen(suffixes[k]) == m->len - i &&
		    memcmp(m->name + i, suffixes[k], m->len - i) == 0)
			return units_canonical(suffixes[k]);
	return UNIT_COUNT;
}

static int
bpftrace_parse(struct input *in, struct sink *out, struct error *err)
{
	struct bt b = { .out = out };
	int rc = -1, first = -1;

	(void)err;
	b.pass = 1;
	if (run_pass(&b, in->data, in->len) < 0)
		goto out;
	for (size_t i = 0; i < b.n_maps; i++) {
		struct bt_map *m = &b.maps[i];
		char name[256];
		size_t n = m->len < sizeof name - 1 ? m->len : sizeof name - 1;
		bool any = false;

		for (size_t k = 0; k < BT_MAX_POS; k++)
			any |= m->stack[k];
		if (!any)
			continue;
		decide_sides(m);
		memcpy(name, m->name, n);
		name[n] = '\0';
		if ((m->type = sink_type(out, name, map_unit(m))) < 0)
			goto out;
		if (first < 0)
			first = m->type;
	}
	if (first >= 0)
		sink_default_type(out, first);
	b.pass = 2;
	if (run_pass(&b, in->data, in->len) < 0)
		goto out;
	rc = 0;
out:
	free(b.maps);
	free(b.elems);
	free(b.frames);
	bcc_stack_free(&b.stack);
	return rc;
}

/* Conclusive: "@name[" then frame lines then a line ending "]: N".
 * Supporting: "Attaching N probes..." / "Attached N probes" first. */
static int
bpftrace_probe(const char *head, size_t len)
{
	const char *p = head, *end = head + len;
	bool attaching = false, maps = false, open = false;
	int lines = 0, frames = 0;

	while (p < end && lines < 2000) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *s = p, *le = nl ? nl : end;
		size_t n, nlen;

		if (!nl && lines > 0)
			break;
		p = nl ? nl + 1 : end;
		while (le > s && bcc_is_blank(le[-1]))
			le--;
		n = (size_t)(le - s);
		if (n == 0)
			continue;
		if (lines++ == 0 && (bcc_starts_with(s, n, "Attaching ") ||
		    bcc_starts_with(s, n, "Attached ")))
			attaching = true;
		nlen = map_name_len(s, n);
		if (nlen > 0 && nlen < n && (s[nlen] == '[' || s[nlen] == ':')) {
			maps = true;
			open = s[nlen] == '[';
			frames = 0;
			continue;
		}
		if (!open)
			continue;
		if (s[0] == ',' || s[0] == ']') {
			/* "]: N" closes; a stack line count says it is ours */
			size_t i = n;

			while (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9')
				i--;
			if (i > 0 && s[i - 1] == '-')
				i--;
			if (i < n && i >= 3 && s[i - 1] == ' ' && s[i - 2] == ':' &&
			    s[i - 3] == ']') {
				if (frames > 0)
					return 95;
				open = false;
			}
			continue;
		}
		frames++;
	}
	if (maps)
		return attaching ? 70 : 40;
	return attaching ? 30 : 0;
}

const struct format format_bpftrace = {
	.name = "bpftrace",
	.description = "bpftrace maps keyed by kstack/ustack (@[kstack, comm] = count())",
	.probe = bpftrace_probe,
	.parse = bpftrace_parse,
};
