/* Event lines of `perf script`. The layout depends on -F and on the perf
 * version, so the line is split into blank-separated tokens and the time
 * token ("12345.678901:") anchors everything: pid/tid, cpu and comm lie
 * left of it, period and event right of it. See perf-script.md. */
#include "config.h"

#include <string.h>

#include "perf_script_event.h"
#include "perf_script_frame.h"

#define MAX_TOKENS 40

struct tok {
	const char *s;
	size_t n;
};

static inline bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static inline bool
is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static size_t
tokenize(const char *p, const char *e, struct tok *t, size_t max)
{
	size_t n = 0;

	while (n < max) {
		while (p < e && is_blank(*p))
			p++;
		if (p == e)
			break;
		t[n].s = p;
		while (p < e && !is_blank(*p))
			p++;
		t[n].n = (size_t)(p - t[n].s);
		n++;
	}
	return n;
}

static bool
all_digits(const char *s, size_t n)
{
	if (n == 0)
		return false;
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return true;
}

/* "12345.678901:" */
static bool
is_time(const struct tok *t)
{
	const char *dot;

	if (t->n < 4 || t->s[t->n - 1] != ':' || !is_digit(t->s[0]))
		return false;
	dot = memchr(t->s, '.', t->n);
	return dot && all_digits(t->s, (size_t)(dot - t->s)) &&
		all_digits(dot + 1, (size_t)(t->s + t->n - 1 - dot - 1));
}

/* -?digits */
static bool
parse_int(const char *s, size_t n, int32_t *out)
{
	int64_t v = 0;
	bool neg = false;

	if (n > 0 && s[0] == '-') {
		neg = true;
		s++;
		n--;
	}
	if (!all_digits(s, n) || n > 10)
		return false;
	for (size_t i = 0; i < n; i++)
		v = v * 10 + (s[i] - '0');
	if (v > INT32_MAX)
		v = INT32_MAX;
	*out = (int32_t)(neg ? -v : v);
	return true;
}

/* "TID" or "PID/TID" */
static bool
parse_pid(const struct tok *t, struct ps_event *ev)
{
	const char *slash = memchr(t->s, '/', t->n);
	int32_t a, b;

	if (!slash)
		return parse_int(t->s, t->n, &ev->tid) && (ev->pid = -1, true);
	if (!parse_int(t->s, (size_t)(slash - t->s), &a) ||
	    !parse_int(slash + 1, (size_t)(t->s + t->n - slash - 1), &b))
		return false;
	ev->pid = a;
	ev->tid = b;
	return true;
}

/* "[003]" */
static bool
parse_cpu(const struct tok *t, struct ps_event *ev)
{
	if (t->n < 3 || t->s[0] != '[' || t->s[t->n - 1] != ']')
		return false;
	return parse_int(t->s + 1, t->n - 2, &ev->cpu);
}

/* -F +misc prints one or two letters before the time. */
static bool
is_misc(const struct tok *t)
{
	for (size_t i = 0; i < t->n; i++)
		if (!((t->s[i] >= 'A' && t->s[i] <= 'Z') || t->s[i] == '?'))
			return false;
	return t->n > 0 && t->n <= 2;
}

static int64_t
parse_time(const struct tok *t)
{
	const char *p = t->s, *e = t->s + t->n - 1;
	int64_t sec = 0, frac = 0;
	int digits = 0;

	while (p < e && *p != '.') {
		/* past the range: stop adding digits (the check below fails) */
		if (sec <= INT64_MAX / 1000000000)
			sec = sec * 10 + (*p - '0');
		p++;
	}
	for (p++; p < e && digits < 9; p++, digits++)
		frac = frac * 10 + (*p - '0');
	while (digits++ < 9)
		frac *= 10;
	if (sec > INT64_MAX / 1000000000 - 1)
		return -1;
	return sec * 1000000000 + frac;
}

static bool
starts_record(const struct tok *t)
{
	return t->n > 12 && memcmp(t->s, "PERF_RECORD_", 12) == 0;
}

static void
set_comm(struct ps_event *ev, const struct tok *t, size_t n)
{
	if (n == 0)
		return;
	ev->comm = t[0].s;
	ev->comm_len = (size_t)(t[n - 1].s + t[n - 1].n - t[0].s);
}

/* The event token at t[j] (if it ends in ':') and the rest of the line. */
static void
set_event(struct ps_event *ev, const struct tok *t, size_t n, size_t j,
	const char *e)
{
	const char *r;

	if (j < n && t[j].n > 1 && t[j].s[t[j].n - 1] == ':') {
		ev->name = t[j].s;
		ev->name_len = t[j].n - 1;
		r = t[j].s + t[j].n;
	} else {
		r = j < n ? t[j].s : e;
	}
	while (r < e && is_blank(*r))
		r++;
	ev->rest = r;
	ev->rest_len = (size_t)(e - r);
}

/* A period of digits; false when it does not fit perf's u64 (never
 * written by perf: a damaged line, not a value to cut silently). */
static bool
parse_period(const struct tok *t, uint64_t *out)
{
	uint64_t v = 0;

	for (size_t d = 0; d < t->n; d++) {
		unsigned dig = (unsigned)(t->s[d] - '0');

		if (v > (UINT64_MAX - dig) / 10)
			return false;
		v = v * 10 + dig;
	}
	*out = v;
	return true;
}

/* Old layouts without a time field: "comm tid [cpu] [period] event:". */
static enum ps_event_kind
parse_old(struct tok *t, size_t n, const char *e, struct ps_event *ev)
{
	for (size_t k = 2; k < n; k++) {
		size_t i = k - 1;

		if (t[k].n < 2 || t[k].s[t[k].n - 1] != ':')
			continue;
		ev->has_period = false;
		ev->cpu = -1;
		if (all_digits(t[i].s, t[i].n) && i >= 2 &&
		    (parse_cpu(&t[i - 1], ev) || all_digits(t[i - 1].s, t[i - 1].n) ||
		     memchr(t[i - 1].s, '/', t[i - 1].n))) {
			ev->has_period = true;
			if (!parse_period(&t[i], &ev->period))
				return PS_EVENT_BAD;
			i--;
		}
		if (i >= 2 && parse_cpu(&t[i], ev))
			i--;
		if (i >= 1 && parse_pid(&t[i], ev)) {
			set_comm(ev, t, i);
			set_event(ev, t, n, k, e);
			return PS_EVENT_SAMPLE;
		}
	}
	return PS_EVENT_BAD;
}

enum ps_event_kind
ps_event_parse(const char *line, size_t len, bool old, struct ps_event *ev)
{
	struct tok t[MAX_TOKENS];
	const char *e = line + len;
	size_t n, ti, i, j;

	while (e > line && is_blank(e[-1]))
		e--;
	memset(ev, 0, sizeof *ev);
	ev->pid = ev->tid = ev->cpu = -1;
	ev->time_ns = -1;
	n = tokenize(line, e, t, MAX_TOKENS);
	for (ti = 0; ti < n; ti++)
		if (is_time(&t[ti]))
			break;
	if (ti == n) {
		if (memmem(line, len, "PERF_RECORD_", 12))
			return PS_EVENT_RECORD;
		return old ? parse_old(t, n, e, ev) : PS_EVENT_BAD;
	}
	ev->time_ns = parse_time(&t[ti]);

	/* left of the time: [comm...] [pid/tid] [cpu] [misc] */
	i = ti;
	if (i >= 2 && is_misc(&t[i - 1]))
		i--;
	if (i >= 1 && parse_cpu(&t[i - 1], ev))
		i--;
	if (i >= 1 && parse_pid(&t[i - 1], ev))
		i--;
	set_comm(ev, t, i);

	/* right of it: [period] event: rest */
	j = ti + 1;
	if (j < n && all_digits(t[j].s, t[j].n)) {
		ev->has_period = true;
		if (!parse_period(&t[j], &ev->period))
			return PS_EVENT_BAD;
		j++;
	}
	if (j < n && starts_record(&t[j]))
		return PS_EVENT_RECORD;
	set_event(ev, t, n, j, e);
	return PS_EVENT_SAMPLE;
}

bool
ps_has_time_token(const char *line, size_t len)
{
	const char *p = line, *e = line + len, *c;

	while ((c = memchr(p, ':', (size_t)(e - p))) != NULL) {
		const char *d = c;
		size_t frac = 0;

		while (d > line && is_digit(d[-1])) {
			d--;
			frac++;
		}
		if (frac > 0 && d >= line + 2 && d[-1] == '.' && is_digit(d[-2]) &&
		    (c + 1 == e || is_blank(c[1])))
			return true;
		p = c + 1;
	}
	return false;
}

/* ---- sniffing ------------------------------------------------------------ */

/* Next line of head at *p: sets line and len, advances *p; false at the end. */
static bool
next_line(const char **p, const char *end, const char **line, size_t *len)
{
	const char *nl;

	if (*p >= end)
		return false;
	nl = memchr(*p, '\n', (size_t)(end - *p));
	*line = *p;
	*len = (size_t)((nl ? nl : end) - *p);
	*p = nl ? nl + 1 : end;
	return true;
}

static bool
blank_line(const char *l, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_blank(l[i]))
			return false;
	return true;
}

/* An indented "ADDR SYMBOL ..." line. */
static bool
frame_shaped(const char *l, size_t n)
{
	size_t i = 0, a;

	while (i < n && is_blank(l[i]))
		i++;
	if (i == 0 || i == n)
		return false;
	a = ps_address_len(l + i, n - i);
	return a > 0 && (i + a == n || is_blank(l[i + a]));
}

int
ps_probe(const char *head, size_t len)
{
	const char *p = head, *end = head + len, *l, *l2;
	size_t n, n2 = 0;
	struct ps_event ev;
	enum ps_event_kind k;
	int lines = 0;
	bool framed_header = false;

	/* the --header block, then the first event line */
	for (;;) {
		if (!next_line(&p, end, &l, &n))
			return 0;
		if (++lines > 4000)
			return 0;
		if (n > 0 && l[0] == '#') {
			if (lines == 1 && n >= 10 && memcmp(l, "# ========", 10) == 0)
				framed_header = true;
			else if (framed_header && (n >= 13 && (memcmp(l, "# captured on", 13) == 0 ||
			    memcmp(l, "# cmdline", 9) == 0)))
				return 100;
			continue;
		}
		if (blank_line(l, n))
			continue;
		k = ps_event_parse(l, n, false, &ev);
		if (k == PS_EVENT_RECORD)
			continue;
		break;
	}
	if (!next_line(&p, end, &l2, &n2))
		l2 = NULL;
	if (k == PS_EVENT_SAMPLE && ev.name && l[0] != '\t') {
		if (l2 && frame_shaped(l2, n2))
			return 95;
		if (ev.rest_len > 0 && ev.rest[ev.rest_len - 1] == ')' &&
		    ps_address_len(ev.rest, ev.rest_len) > 0)
			return 90;
		if (!l2 || blank_line(l2, n2))
			return 80;
		if (ps_event_parse(l2, n2, false, &ev) == PS_EVENT_SAMPLE)
			return 60;
		return 0;
	}
	/* old files without a time field: only with a frame line after */
	if (l[0] != ' ' && l[0] != '\t' &&
	    ps_event_parse(l, n, true, &ev) == PS_EVENT_SAMPLE && ev.name &&
	    l2 && frame_shaped(l2, n2))
		return 75;
	/* perf script -F ip,sym: frame blocks only, perf's TAB indentation */
	if (l[0] == '\t' && frame_shaped(l, n) && l2 && frame_shaped(l2, n2))
		return 40;
	return 0;
}
