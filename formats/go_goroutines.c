/* Go goroutine dumps: tracebacks (panics, fatal errors, SIGQUIT, any
 * GOTRACEBACK level, /debug/pprof/goroutine?debug=2) where one goroutine
 * is one sample, and the debug=1 text profile where `N @ 0x..` records
 * weigh N. Frames are printed leaf first and reversed here. See
 * shared/formats/go-goroutines.md. */
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
#define MAX_LABELS 32

enum go_mode {
	GO_OUTSIDE,       /* preamble, between goroutines, register dumps */
	GO_IN,            /* in a goroutine's frames */
	GO_SKIP_BLOCK,    /* ancestors, "runtime stack:": up to a blank line */
	GO_RACE,          /* between ====== lines of a race report */
	GO_RECORD,        /* debug=1: in an "N @ ..." record */
};

struct go_state {
	struct sink *sink;
	struct dump_buf text;       /* current goroutine's labels */
	struct dump_buf scratch;
	struct dump_stack ids;
	struct dump_summary sum;
	int type;
	enum go_mode mode;
	bool seen_goroutine;
	/* the function line waiting for its file line */
	const char *fn;
	size_t fn_len;
	bool fn_elided_args;        /* "(...)": inlined, or too many args */
	long fn_line;
	bool skip_file;             /* the next file line is "created by"'s */
	/* current goroutine */
	size_t gid, state, creator; /* offsets in text, or DUMP_NONE */
	/* debug=1 record */
	double weight;
	const char *pcs;            /* the "@ 0x.." list, for unsymbolised records */
	size_t pcs_len;
	size_t n_labels;
	size_t label_key[MAX_LABELS], label_val[MAX_LABELS];
};

static void
reset_goroutine(struct go_state *g)
{
	dump_buf_reset(&g->text);
	g->fn = NULL;
	g->skip_file = false;
	g->gid = g->state = g->creator = DUMP_NONE;
	g->n_labels = 0;
	g->pcs = NULL;
}

/* Interns a frame name, with optional file:line detail. */
static int
push_frame(struct go_state *g, const char *name, size_t len, const char *file,
	size_t file_len, uint32_t line, const char *detail, size_t detail_len,
	enum frame_kind kind, long lineno)
{
	struct frame_desc d = { .name = name, .name_len = len, .kind = kind,
		.line = line };
	size_t f = DUMP_NONE, det = DUMP_NONE;

	dump_buf_reset(&g->scratch);
	if (file)
		f = dump_buf_add(&g->scratch, file, file_len);
	if (detail)
		det = dump_buf_add(&g->scratch, detail, detail_len);
	d.file = dump_buf_opt(&g->scratch, f);
	d.detail = dump_buf_opt(&g->scratch, det);
	return dump_stack_push_frame(&g->ids, g->sink, &d, lineno);
}

/* Interns the pending function line, with the file line under it (or
 * none). Inlined frames print "(...)" arguments and no "+0x" offset. */
static int
flush_fn(struct go_state *g, const char *fl, size_t len)
{
	const char *file = NULL, *colon, *sp = NULL, *off = NULL, *fn;
	size_t file_len = 0, off_len = 0;
	uint64_t v = 0;
	bool inlined = false;

	if (!g->fn)
		return 0;
	if (fl) {
		/* paths may hold spaces: the location ends at " +0x" or " fp=" */
		if ((sp = dump_find(fl, len, " +0x"))) {
			off = sp + 1;
			off_len = 1;
			while (off + off_len < fl + len && off[off_len] != ' ')
				off_len++;
		} else if (!(sp = dump_find(fl, len, " fp="))) {
			sp = fl + len;
		}
		inlined = g->fn_elided_args && !off;
		colon = memrchr(fl, ':', (size_t)(sp - fl));
		if (colon && sp > colon + 1 && dump_parse_u64(colon + 1,
		    (size_t)(sp - colon - 1), &v) == (size_t)(sp - colon - 1)) {
			file = fl;
			file_len = (size_t)(colon - fl);
		} else {
			v = 0;
		}
	}
	fn = g->fn;
	g->fn = NULL;
	return push_frame(g, fn, g->fn_len, file, file_len,
		v > UINT32_MAX ? 0 : (uint32_t)v, off, off_len,
		inlined ? FRAME_INLINED : FRAME_USER, g->fn_line);
}

/* Adds the finished goroutine (or debug=1 record) as one sample. */
static int
flush_goroutine(struct go_state *g, long lineno)
{
	struct sink_label labels[MAX_LABELS + 3];
	struct sample_meta meta = { .time_ns = -1, .pid = -1, .tid = -1, .cpu = -1,
		.labels = labels };
	bool record = g->mode == GO_RECORD;

	if (g->mode != GO_IN && !record)
		return 0;
	if (flush_fn(g, NULL, 0) < 0)
		return -1;
	g->mode = GO_OUTSIDE;
	if (record && g->ids.n == 0 && g->pcs) {
		/* a record without "#" lines: its pcs, innermost first */
		const char *p = g->pcs, *end = g->pcs + g->pcs_len;

		while (p < end) {
			const char *q;
			uint64_t v;
			size_t n;
			char name[32];

			while (p < end && *p == ' ')
				p++;
			q = memchr(p, ' ', (size_t)(end - p));
			if (!q)
				q = end;
			if (dump_starts(p, (size_t)(q - p), "0x") &&
			    (n = dump_parse_hex(p + 2, (size_t)(q - p - 2), &v)) > 0) {
				snprintf(name, sizeof name, "0x%llx", (unsigned long long)v);
				if (push_frame(g, name, strlen(name), NULL, 0, 0, NULL, 0,
				    FRAME_USER, lineno) < 0)
					return -1;
			}
			p = q;
		}
	}
	if (record) {
		/* a debug=1 count; absurd ones saturate instead of overflowing */
		g->sum.threads += g->weight >= 0 && g->weight < 1e18 ?
			(uint64_t)g->weight : (uint64_t)1e18;
	} else {
		g->sum.threads++;
		if (g->state != DUMP_NONE) {
			const char *st = dump_buf_at(&g->text, g->state);

			dump_summary_state(&g->sum, st, strlen(st));
		}
	}
	if (g->ids.n == 0) {
		if (!record)
			g->sum.empty++;
		reset_goroutine(g);
		return 0;
	}
	dump_label(labels, &meta.n_labels, "goroutine", &g->text, g->gid);
	dump_label(labels, &meta.n_labels, "state", &g->text, g->state);
	dump_label(labels, &meta.n_labels, "created by", &g->text, g->creator);
	for (size_t i = 0; i < g->n_labels; i++)
		labels[meta.n_labels++] = (struct sink_label){
			.key = dump_buf_at(&g->text, g->label_key[i]),
			.str = dump_buf_at(&g->text, g->label_val[i]) };
	if (dump_emit(g->sink, &g->ids, g->type, record ? g->weight : 1, &meta,
	    lineno) < 0)
		return -1;
	reset_goroutine(g);
	return 0;
}

/* "goroutine N[ gp=.. m=.. mp=..] [STATE[, N minutes][, locked to
 * thread]]:", maybe indented. Fills id and state spans; false if not. */
static bool
parse_header(const char *s, size_t len, const char **id, size_t *id_len,
	const char **st, size_t *st_len)
{
	const char *open, *p;
	uint64_t v;
	size_t n;

	while (len > 0 && dump_is_blank(*s))
		s++, len--;
	if (!dump_starts(s, len, "goroutine ") || len < 14 ||
	    s[len - 1] != ':' || s[len - 2] != ']')
		return false;
	n = dump_parse_u64(s + 10, len - 10, &v);
	if (n == 0 || s[10 + n] != ' ')
		return false;
	*id = s + 10;
	*id_len = n;
	open = dump_find(s + 10 + n, len - 10 - n, " [");
	if (!open)
		return false;
	p = open + 2;
	*st = p;
	*st_len = (size_t)(s + len - 2 - p);
	/* the status ends at the first ", " (minutes, locked to thread) */
	{
		const char *comma = dump_find(p, *st_len, ", ");

		if (comma)
			*st_len = (size_t)(comma - p);
	}
	return true;
}

/* A function line: "pkg.fn(args)" with the name before the last '('. */
static bool
is_function_line(const char *s, size_t len, size_t *name_len, bool *elided)
{
	const char *open;

	if (len < 3 || s[len - 1] != ')' || dump_is_blank(s[0]))
		return false;
	open = memrchr(s, '(', len);
	if (!open || open == s)
		return false;
	*name_len = (size_t)(open - s);
	*elided = (size_t)(s + len - open) == 5 && memcmp(open, "(...)", 5) == 0;
	return true;
}

static bool
is_register_line(const char *s, size_t len)
{
	size_t i = 0;

	while (i < len && ((s[i] >= 'a' && s[i] <= 'z') || dump_is_digit(s[i])))
		i++;
	if (i == 0 || i == len || s[i] != ' ')
		return false;
	while (i < len && s[i] == ' ')
		i++;
	return dump_starts(s + i, len - i, "0x");
}

/* The closing quote of a string whose text starts at p, past backslash
 * escapes; NULL when the string runs off the end. */
static const char *
closing_quote(const char *p, const char *end)
{
	while (p < end && *p != '"')
		p += *p == '\\' ? 2 : 1;
	return p < end ? p : NULL;
}

/* "# labels: {"k":"v", "k2":"v2"}" (debug=1 with pprof labels). */
static void
parse_labels(struct go_state *g, const char *s, size_t len)
{
	const char *p = s, *end = s + len;

	while (g->n_labels < MAX_LABELS) {
		const char *k, *ke, *v, *ve;

		p = memchr(p, '"', (size_t)(end - p));
		if (!p)
			return;
		k = p + 1;
		if (!(ke = closing_quote(k, end)))
			return;
		p = ke + 1;
		if (p >= end || *p != ':' || p + 1 >= end || p[1] != '"')
			return;
		v = p + 2;
		if (!(ve = closing_quote(v, end)))
			return;
		p = ve + 1;
		g->label_key[g->n_labels] = dump_buf_add(&g->text, k,
			(size_t)(ke - k));
		g->label_val[g->n_labels] = dump_buf_add(&g->text, v,
			(size_t)(ve - v));
		g->n_labels++;
	}
}

/* "#\t0x4a3e14\tpkg.fn+0x234\t/path/file.go:614", columns split by runs
 * of tabs (or spaces); the function may be missing. */
static int
record_frame(struct go_state *g, const char *s, size_t len, long lineno)
{
	const char *cols[4], *p = s + 1, *end = s + len;
	size_t lens[4], n = 0;
	const char *name, *plus, *colon;
	size_t name_len;
	uint64_t line = 0;

	while (p < end && n < 4) {
		while (p < end && dump_is_blank(*p))
			p++;
		if (p >= end)
			break;
		cols[n] = p;
		while (p < end && *p != '\t')
			p++;
		lens[n] = (size_t)(p - cols[n]);
		n++;
	}
	if (n == 0 || !dump_starts(cols[0], lens[0], "0x")) {
		sink_skip(g->sink, "malformed frame lines", lineno, s, len);
		return 0;
	}
	if (n == 1)
		return push_frame(g, cols[0], lens[0], NULL, 0, 0, NULL, 0,
			FRAME_USER, lineno);
	name = cols[1];
	name_len = lens[1];
	plus = memrchr(name, '+', name_len);
	if (plus && dump_starts(plus, (size_t)(name + name_len - plus), "+0x"))
		name_len = (size_t)(plus - name);
	else
		plus = NULL;
	if (n >= 3 && (colon = memrchr(cols[2], ':', lens[2])) &&
	    dump_parse_u64(colon + 1, (size_t)(cols[2] + lens[2] - colon - 1), &line) > 0)
		return push_frame(g, name, name_len, cols[2], (size_t)(colon - cols[2]),
			line > UINT32_MAX ? 0 : (uint32_t)line, plus,
			plus ? (size_t)(name + lens[1] - plus) : 0, FRAME_USER, lineno);
	return push_frame(g, name, name_len, NULL, 0, 0, plus,
		plus ? (size_t)(name + lens[1] - plus) : 0, FRAME_USER, lineno);
}

/* "goroutine profile: total 9" (any "<name> profile: total N"). */
static bool
is_profile_header(const char *s, size_t len)
{
	const char *p = dump_find(s, len, " profile: total ");
	uint64_t v;
	size_t rest;

	if (!p || p == s || memchr(s, ' ', (size_t)(p - s)))
		return false;
	p += 16;
	rest = (size_t)(s + len - p);
	return rest > 0 && dump_parse_u64(p, rest, &v) == rest;
}

/* "N @ 0x.. 0x..": starts a debug=1 record. */
static bool
parse_record(struct go_state *g, const char *s, size_t len, long lineno)
{
	uint64_t v;
	size_t n = dump_parse_u64(s, len, &v);

	if (n == 0 || !dump_starts(s + n, len - n, " @") ||
	    (len > n + 2 && !dump_starts(s + n + 2, len - n - 2, " 0x")))
		return false;
	if (v == UINT64_MAX) {
		/* saturated: no runtime counts that high; drop the record and
		 * its "#" lines rather than show a made-up weight */
		sink_skip(g->sink, "records with a count out of range", lineno, s, len);
		g->mode = GO_SKIP_BLOCK;
		return true;
	}
	g->mode = GO_RECORD;
	g->weight = (double)v;
	g->pcs = s + n + 2;
	g->pcs_len = len - n - 2;
	return true;
}

static const char *const noise_prefixes[] = {
	"panic: ", "panic(", "fatal error: ", "[signal ", "SIGQUIT", "SIGABRT",
	"SIGSEGV", "SIGBUS", "SIGILL", "SIGFPE", "SIGTRAP", "SIGTERM", "PC=",
	"exit status ", "[recovered]", "\t[recovered]", "unexpected fault address",
	"unexpected signal", "runtime: ", "fatal: morestack", "-----",
	"Found ", "[process exited", "FAIL", "ok ",
};

static int
outside_line(struct go_state *g, const char *s, size_t len, long lineno)
{
	if (dump_starts(s, len, "runtime stack:") ||
	    dump_starts(s, len, "[originating from goroutine ")) {
		g->mode = GO_SKIP_BLOCK;
		return 0;
	}
	if (dump_starts(s, len, "==================")) {
		g->mode = GO_RACE;
		return 0;
	}
	if (!g->seen_goroutine || is_register_line(s, len))
		return 0;
	for (size_t i = 0; i < sizeof noise_prefixes / sizeof *noise_prefixes; i++)
		if (dump_starts(s, len, noise_prefixes[i]))
			return 0;
	sink_skip(g->sink, "unrecognised lines", lineno, s, len);
	return 0;
}

/* One line inside a goroutine (after its header). */
static int
goroutine_line(struct go_state *g, const char *s, size_t len, long lineno)
{
	size_t name_len, i = 0;
	bool elided;

	if (dump_is_blank(s[0])) {
		while (i < len && dump_is_blank(s[i]))
			i++;
		if (g->skip_file) {
			g->skip_file = false;
			return 0;
		}
		if (dump_starts(s + i, len - i, "goroutine running on other thread"))
			return 0;
		if (g->fn)
			return flush_fn(g, s + i, len - i);
		sink_skip(g->sink, "file lines without a function", lineno, s, len);
		return 0;
	}
	g->skip_file = false;
	if (dump_starts(s, len, "created by ")) {
		const char *c = s + 11, *in = dump_find(c, len - 11, " in goroutine ");

		if (flush_fn(g, NULL, 0) < 0)
			return -1;
		g->creator = dump_buf_add(&g->text, c, in ? (size_t)(in - c) : len - 11);
		g->skip_file = true;
		return 0;
	}
	if (dump_starts(s, len, "...") && dump_find(s, len, "elided...")) {
		g->sum.truncated++;
		return flush_fn(g, NULL, 0);
	}
	if (dump_starts(s, len, "[originating from goroutine ")) {
		if (flush_goroutine(g, lineno) < 0)
			return -1;
		g->mode = GO_SKIP_BLOCK;
		return 0;
	}
	if (is_function_line(s, len, &name_len, &elided)) {
		if (flush_fn(g, NULL, 0) < 0)
			return -1;
		g->fn_len = name_len;
		g->fn_elided_args = elided;
		g->fn_line = lineno;
		g->fn = s;
		return 0;
	}
	/* the goroutine ended without a blank line */
	if (flush_goroutine(g, lineno) < 0)
		return -1;
	return outside_line(g, s, len, lineno);
}

static int
go_parse(struct input *in, struct sink *out, struct error *err)
{
	struct go_state g = { .sink = out };
	struct dump_lines r;
	const char *s, *id, *st;
	size_t len, id_len, st_len;
	int rc = -1;

	g.type = sink_type(out, "goroutines", UNIT_COUNT);
	if (g.type < 0)
		return -1;
	reset_goroutine(&g);
	dump_lines_init(&r, in->data, in->len);
	while (dump_lines_next(&r, &s, &len)) {
		dump_lines_progress(&r, out);
		if (g.mode == GO_RACE) {
			if (dump_starts(s, len, "=================="))
				g.mode = GO_OUTSIDE;
			continue;
		}
		if (len == 0) {
			if (flush_goroutine(&g, r.lineno) < 0)
				goto out;
			g.mode = GO_OUTSIDE;
			continue;
		}
		if (parse_header(s, len, &id, &id_len, &st, &st_len)) {
			if (flush_goroutine(&g, r.lineno) < 0)
				goto out;
			g.mode = GO_IN;
			g.seen_goroutine = true;
			g.gid = dump_buf_add(&g.text, id, id_len);
			g.state = dump_buf_add(&g.text, st, st_len);
			continue;
		}
		switch (g.mode) {
		case GO_IN:
			if (goroutine_line(&g, s, len, r.lineno) < 0)
				goto out;
			break;
		case GO_RECORD:
			if (s[0] == '#') {
				if (dump_starts(s, len, "# labels:"))
					parse_labels(&g, s + 9, len - 9);
				else if (record_frame(&g, s, len, r.lineno) < 0)
					goto out;
				break;
			}
			if (flush_goroutine(&g, r.lineno) < 0)
				goto out;
			if (!parse_record(&g, s, len, r.lineno))
				sink_skip(out, "unrecognised lines", r.lineno, s, len);
			break;
		case GO_SKIP_BLOCK:
			break;
		default:
			if (is_profile_header(s, len)) {
				size_t off;

				g.seen_goroutine = true;
				dump_buf_reset(&g.scratch);
				off = dump_buf_add(&g.scratch, s, len);
				sink_info(out, "comment", dump_buf_at(&g.scratch, off));
			} else if (parse_record(&g, s, len, r.lineno)) {
				g.seen_goroutine = true;
			} else if (outside_line(&g, s, len, r.lineno) < 0) {
				goto out;
			}
			break;
		}
	}
	if (flush_goroutine(&g, r.lineno) < 0)
		goto out;
	if (g.sum.threads > 0)
		dump_summary_emit(&g.sum, out);
	if (dump_check_samples(&g.sum, out, "goroutine", "frames", err) < 0)
		goto out;
	rc = 0;
out:
	dump_buf_free(&g.text);
	dump_buf_free(&g.scratch);
	dump_stack_free(&g.ids);
	dump_summary_free(&g.sum);
	return rc;
}

static int
go_probe(const char *head, size_t len)
{
	struct dump_lines r;
	const char *s, *id, *st;
	size_t n, id_len, st_len, name_len;
	long header_line = -10, fn_line = -10;
	bool elided, profile = false;
	int first = 1;

	dump_lines_init(&r, head, len);
	while (r.lineno < PROBE_MAX_LINES && dump_lines_next(&r, &s, &n)) {
		if (n == 0)
			continue;
		if (first && is_profile_header(s, n)) {
			profile = true;
		} else if (profile) {
			uint64_t v;
			size_t k = dump_parse_u64(s, n, &v);

			return k > 0 && dump_starts(s + k, n - k, " @ 0x") ? 100 : 0;
		}
		first = 0;
		if (parse_header(s, n, &id, &id_len, &st, &st_len)) {
			header_line = r.lineno;
		} else if (r.lineno == header_line + 1 &&
		    is_function_line(s, n, &name_len, &elided)) {
			fn_line = r.lineno;
		} else if (r.lineno == fn_line + 1 && dump_is_blank(s[0]) &&
		    memchr(s, ':', n)) {
			return 100;
		}
	}
	return header_line > 0 ? 50 : 0;
}

const struct format format_goroutines = {
	.name = "goroutines",
	.description = "Go goroutine dumps: panics, SIGQUIT, debug=2; debug=1 profiles",
	.probe = go_probe,
	.parse = go_parse,
};
