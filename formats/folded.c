/* Folded ("collapsed") stacks: `frame;frame;leaf COUNT [COUNT2]`, root
 * first, as written by stackcollapse-*.pl, inferno, bcc -f, py-spy raw and
 * difffolded.pl (two counts). See shared/formats/folded.md. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "profile.h"
#include "units.h"
#include "xmalloc.h"

#define DIFF_SNIFF_LINES 200

static inline bool
is_ws(char c)
{
	return c == ' ' || c == '\t';
}

/* DIGITS [ "." [ DIGITS ] ]; returns 0 and the value, or -1. */
static int
parse_count(const char *s, const char *e, double *out)
{
	uint64_t whole = 0;
	const char *p = s;
	double v;

	if (p == e || *p < '0' || *p > '9')
		return -1;
	while (p < e && *p >= '0' && *p <= '9') {
		if (whole < UINT64_MAX / 10 - 10)
			whole = whole * 10 + (uint64_t)(*p - '0');
		else
			return -1;
		p++;
	}
	v = (double)whole;
	if (p < e && *p == '.') {
		double scale = 0.1;

		p++;
		while (p < e && *p >= '0' && *p <= '9') {
			v += (*p - '0') * scale;
			scale /= 10;
			p++;
		}
		if (p == e && s[0] != '.') {
			/* re-parse exactly: summed decimals must print back */
			char buf[64];
			size_t n = (size_t)(e - s);

			if (n < sizeof buf) {
				memcpy(buf, s, n);
				buf[n] = '\0';
				v = strtod(buf, NULL);
			}
		}
	}
	if (p != e)
		return -1;
	*out = v;
	return 0;
}

/* Splits the last whitespace-separated token off [s, *e); returns its
 * start, leaves *e at the whitespace before it (or s). */
static const char *
last_token(const char *s, const char **e)
{
	const char *p = *e;

	while (p > s && !is_ws(p[-1]))
		p--;
	*e = p;
	return p;
}

static const char *
trim_right(const char *s, const char *e)
{
	while (e > s && (is_ws(e[-1]) || e[-1] == '\r'))
		e--;
	return e;
}

/* Finds counts at the end of [s, e): stack end in *stack_end, counts in
 * c[0] (and c[1] when two). Returns the number of counts (0 = none). */
static int
split_counts(const char *s, const char *e, bool want_two,
	const char **stack_end, double c[2])
{
	const char *q = e, *tok = last_token(s, &q);

	if (tok == s || parse_count(tok, e, &c[want_two ? 1 : 0]) < 0)
		return 0;
	q = trim_right(s, q);
	if (want_two) {
		const char *e2 = q, *tok2 = last_token(s, &q);

		if (tok2 == s || parse_count(tok2, e2, &c[0]) < 0)
			return 0;
		q = trim_right(s, q);
	}
	*stack_end = q;
	return want_two ? 2 : 1;
}

/* True when the line ends in two numeric tokens after a stack. */
static bool
line_has_two_counts(const char *s, const char *e)
{
	const char *end;
	double c[2];

	return split_counts(s, e, true, &end, c) == 2 && end > s;
}

static bool
is_comment(const char *s, const char *e)
{
	return s < e && s[0] == '#';
}

/* Walks the first DIFF_SNIFF_LINES lines that count (not blank, not
 * comments): how many of them carry two counts, in *two; returns how many
 * there are, and *end is set after the last (a line cut off by the end of
 * data counts only when ends_input). */
static int
sniff_lines(const char *data, size_t len, bool ends_input, int *two,
	size_t *end)
{
	const char *p = data, *stop = data + len;
	int lines = 0;

	*two = 0;
	*end = 0;
	while (p < stop && lines < DIFF_SNIFF_LINES) {
		const char *nl = memchr(p, '\n', (size_t)(stop - p));
		const char *le = nl ? nl : stop;
		const char *te = trim_right(p, le);

		if (!nl && !ends_input)
			break;
		if (te > p && !is_comment(p, te)) {
			lines++;
			if (line_has_two_counts(p, te))
				(*two)++;
		}
		p = nl ? nl + 1 : stop;
		*end = (size_t)(p - data);
	}
	return lines;
}

/* Decides the variant once per file: two counts when most of the first
 * lines carry two (a frame may end in a number, e.g. `retry 3`). */
static bool
file_is_differential(const char *data, size_t len)
{
	size_t end;
	int two, lines = sniff_lines(data, len, true, &two, &end);

	return lines > 0 && two * 2 > lines;
}

/* The first piece holds the lines the variant is decided on, however
 * long they are (or the whole input, which ends a piece anyway). */
static size_t
cut_after_sniff_lines(const char *p, size_t len)
{
	size_t end;
	int two;

	return sniff_lines(p, len, false, &two, &end) == DIFF_SNIFF_LINES ? end : 0;
}

/* Maps one trailing `_[k]`-style annotation to a kind; shortens *len. */
static enum frame_kind
strip_annotation(const char *name, size_t *len)
{
	size_t n = *len;

	if (n < 4 || name[n - 4] != '_' || name[n - 3] != '[' || name[n - 1] != ']')
		return FRAME_USER;
	switch (name[n - 2]) {
	case 'k': *len = n - 4; return FRAME_KERNEL;
	case 'j': *len = n - 4; return FRAME_JIT;
	case 'i': *len = n - 4; return FRAME_INLINED;
	case 'w': *len = n - 4; return FRAME_WAKER;
	default:  return FRAME_USER;
	}
}

struct folded_state {
	uint32_t *ids;       /* frames of the current line */
	uint32_t *ends;      /* byte offset of each frame's end in its line */
	size_t cap;
	/* the previous line, to reuse frames of a shared prefix */
	const char *prev;
	uint32_t *prev_ids, *prev_ends;
	size_t prev_n, prev_cap;
	bool diff;           /* two counts a line */
	long lineno;
	size_t empty;        /* empty frame names dropped */
	long first_empty;    /* where the first was, and its line */
	char *first_empty_text;
};

static void
ensure_cap(uint32_t **a, uint32_t **b, size_t *cap, size_t need)
{
	size_t c = *cap;

	if (need <= c)
		return;
	*a = xgrow(*a, &c, need, sizeof **a);
	*b = xrealloc(*b, c * sizeof **b);
	*cap = c;
}

/* Interns the frames of [s, e); returns how many, or -1 on a sink error.
 * Empty frames (`;;`, leading or trailing `;`) are dropped. */
static long
split_frames(struct folded_state *st, struct sink *out, const char *s,
	const char *e, size_t *empty)
{
	size_t n = 0;
	bool same = st->prev != NULL;
	const char *p = s;

	while (p <= e) {
		const char *semi = memchr(p, ';', (size_t)(e - p));
		const char *fe = semi ? semi : e;
		size_t len = (size_t)(fe - p);
		uint32_t end = (uint32_t)(fe - s), id;

		if (len == 0) {
			(*empty)++;
			same = false;
		} else {
			ensure_cap(&st->ids, &st->ends, &st->cap, n + 1);
			if (same && n < st->prev_n && st->prev_ends[n] == end &&
			    memcmp(st->prev + (p - s), p, len) == 0) {
				id = st->prev_ids[n];
			} else {
				enum frame_kind kind;

				same = false;
				kind = strip_annotation(p, &len);
				id = sink_frame(out, p, len, kind);
				if (id == FRAME_NONE)
					return -1;
			}
			st->ids[n] = id;
			st->ends[n] = end;
			n++;
		}
		if (!semi)
			break;
		p = semi + 1;
	}
	return (long)n;
}

static void
remember_line(struct folded_state *st, const char *line, size_t n)
{
	uint32_t *t;

	ensure_cap(&st->prev_ids, &st->prev_ends, &st->prev_cap, n + 1);
	t = st->prev_ids; st->prev_ids = st->ids; st->ids = t;
	t = st->prev_ends; st->prev_ends = st->ends; st->ends = t;
	{
		size_t c = st->cap;

		st->cap = st->prev_cap;
		st->prev_cap = c;
	}
	st->prev = line;
	st->prev_n = n;
}

/* One piece of whole lines. */
static int
parse_piece(struct folded_state *st, struct sink *out, const char *data,
	size_t size)
{
	const char *p = data, *end = data + size;

	st->prev = NULL;   /* the previous piece is gone */
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *te, *stack_end;
		double c[2] = { 0, 0 };
		size_t empty_before = st->empty;
		long n;

		st->lineno++;
		te = trim_right(p, le);
		/* a terminal's echo of Ctrl-C ("^C") glued to the line a tracer
		 * printed as it was interrupted: the line may be cut too, so it
		 * is skipped (and reported), as the tools' own post-processing
		 * drops it */
		if (te - p >= 2 && p[0] == '^' && p[1] == 'C') {
			sink_skip(out, "lines skipped (starting with a ^C echo)",
				st->lineno, p, (size_t)(le - p));
			st->prev = NULL;
			goto next;
		}
		if (te == p || is_comment(p, te))
			goto next;
		if (split_counts(p, te, st->diff, &stack_end, c) == 0) {
			const char *q = te;
			const char *tok = last_token(p, &q);
			double tmp[2];

			if (st->diff && split_counts(p, te, false, &stack_end, tmp) == 1)
				sink_skip(out, "lines skipped (one count in a two-count file)",
					st->lineno, p, (size_t)(le - p));
			else if (tok == p || !(*tok >= '0' && *tok <= '9'))
				sink_skip(out, "lines skipped (no count)", st->lineno, p,
					(size_t)(le - p));
			else
				sink_skip(out, "lines skipped (bad count)", st->lineno, p,
					(size_t)(le - p));
			st->prev = NULL;
			goto next;
		}
		n = split_frames(st, out, p, stack_end, &st->empty);
		if (n < 0) {
			sink_fail_at(out, st->lineno);
			return -1;
		}
		if (st->empty > empty_before && !st->first_empty) {
			/* a copy: the piece will be gone when it is reported */
			st->first_empty = st->lineno;
			st->first_empty_text = xstrndup(p, (size_t)(le - p) < PROFILE_EXCERPT_MAX ?
				(size_t)(le - p) : PROFILE_EXCERPT_MAX);
		}
		if (n == 0) {
			sink_skip(out, "lines skipped (no frames)", st->lineno, p,
				(size_t)(le - p));
			st->prev = NULL;
			goto next;
		}
		if (st->diff ? sink_sample(out, st->ids, (size_t)n, c, NULL) < 0 :
		    sink_sample1(out, st->ids, (size_t)n, 0, c[0], NULL) < 0) {
			sink_fail_at(out, st->lineno);
			return -1;
		}
		remember_line(st, p, (size_t)n);
next:
		p = nl ? nl + 1 : end;
	}
	return 0;
}

/* The input is read in pieces of whole lines; the variant (one count or
 * two) is decided on the first, which holds the lines it is decided on. */
static int
folded_parse(struct input *in, struct sink *out, struct error *err)
{
	const char *unit = out->opts->unit ? out->opts->unit : UNIT_SAMPLES;
	struct folded_state st = { 0 };
	const char *piece = "";
	size_t len = 0;
	int more = input_next_piece(in, cut_after_sniff_lines, &piece, &len, err);
	int rc = -1;

	if (more < 0)
		return -1;
	st.diff = more > 0 && file_is_differential(piece, len);
	if (st.diff) {
		if (sink_type(out, "before", unit) < 0 || sink_type(out, "after", unit) < 0)
			return -1;
		sink_set_differential(out);
		sink_default_type(out, 1);
	} else if (sink_type(out, "samples", unit) < 0) {
		return -1;
	}
	while (more > 0) {
		if (parse_piece(&st, out, piece, len) < 0)
			goto out;
		sink_progress(out, input_offset(in) + len, in->size);
		more = input_next_piece(in, input_cut_lines, &piece, &len, err);
	}
	if (more < 0)
		goto out;
	if (st.empty > 0) {
		/* dropped, not skipped: the rest of those lines was used */
		sink_skip(out, "empty frame names dropped", st.first_empty,
			st.first_empty_text, strlen(st.first_empty_text));
		out->prof->skips[out->prof->n_skips - 1].count = st.empty;
	}
	rc = 0;
out:
	free(st.ids);
	free(st.ends);
	free(st.prev_ids);
	free(st.prev_ends);
	free(st.first_empty_text);
	return rc;
}

/* Folded is tested last: sure when >= 90% of the first 200 non-blank,
 * non-comment lines look like `stack count [count2]`; a weak yes down to
 * a quarter, so that a short file with some bad lines still opens (the
 * bad lines are then skipped and reported). Every other format outbids
 * a weak yes. */
static int
folded_probe(const char *head, size_t len)
{
	const char *p = head, *end = head + len;
	int lines = 0, good = 0;

	while (p < end && lines < 200) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end, *te, *stack_end;
		double c[2];

		if (!nl && lines > 0)
			break; /* a cut-off last line of the sniff window */
		/* a first stack longer than the whole window: its count is out
		 * of sight, so frames are all there is to go on (weakly) */
		if (!nl && len >= FORMAT_SNIFF_BYTES && !is_ws(p[0]) &&
		    memchr(p, ';', (size_t)(end - p)))
			return 3;
		te = trim_right(p, le);
		if (te > p && !is_comment(p, te)) {
			lines++;
			if (!is_ws(p[0]) && split_counts(p, te, false, &stack_end, c) == 1 &&
			    stack_end > p)
				good++;
		}
		p = nl ? nl + 1 : end;
	}
	if (lines == 0 || good * 4 < lines)
		return 0;
	return good * 10 >= lines * 9 ? 10 : 3;
}

const struct format format_folded = {
	.name = "folded",
	.description = "collapsed stacks `a;b;c 12` (stackcollapse, inferno, bcc -f, difffolded)",
	.probe = folded_probe,
	.parse = folded_parse,
	.streams = true,
};
