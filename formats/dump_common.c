/* Shared pieces of the thread-dump parsers; see dump_common.h. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dump_common.h"
#include "xmalloc.h"

void
dump_lines_init(struct dump_lines *r, const char *data, size_t len)
{
	r->start = r->p = data;
	r->end = data + len;
	r->lineno = 0;
}

bool
dump_lines_next(struct dump_lines *r, const char **s, size_t *len)
{
	const char *p = r->p, *nl, *e;

	if (p >= r->end)
		return false;
	nl = memchr(p, '\n', (size_t)(r->end - p));
	e = nl ? nl : r->end;
	r->p = nl ? nl + 1 : r->end;
	r->lineno++;
	while (e > p && (e[-1] == '\r' || e[-1] == ' ' || e[-1] == '\t'))
		e--;
	*s = p;
	*len = (size_t)(e - p);
	return true;
}

void
dump_lines_progress(const struct dump_lines *r, struct sink *s)
{
	if ((r->lineno & 0xffff) == 0)
		sink_progress(s, (size_t)(r->p - r->start),
			(size_t)(r->end - r->start));
}

void
dump_stack_push(struct dump_stack *st, uint32_t id)
{
	if (st->n == st->cap)
		st->ids = xgrow(st->ids, &st->cap, st->n + 1, sizeof *st->ids);
	st->ids[st->n++] = id;
}

int
dump_stack_push_frame(struct dump_stack *st, struct sink *s,
	const struct frame_desc *d, long lineno)
{
	uint32_t id = sink_frame_desc(s, d);

	if (id == FRAME_NONE)
		return sink_fail_at(s, lineno);
	dump_stack_push(st, id);
	return 0;
}

void
dump_stack_free(struct dump_stack *st)
{
	free(st->ids);
	memset(st, 0, sizeof *st);
}

size_t
dump_buf_add(struct dump_buf *b, const char *s, size_t len)
{
	size_t off = b->t.len;

	textbuf_put(&b->t, s, len);
	b->t.len++;   /* past the NUL */
	return off;
}

size_t
dump_buf_printf(struct dump_buf *b, const char *fmt, ...)
{
	va_list ap;
	size_t off = b->t.len;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	va_start(ap, fmt);
	vsnprintf(textbuf_reserve(&b->t, (size_t)n), (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->t.len += (size_t)n + 1;
	return off;
}

size_t
dump_buf_hex(struct dump_buf *b, const char *prefix, size_t prefix_len,
	uint64_t v)
{
	char tmp[20], *o;
	size_t n = 0, off = b->t.len;

	do {
		tmp[n++] = "0123456789abcdef"[v & 15];
		v >>= 4;
	} while (v);
	o = textbuf_reserve(&b->t, prefix_len + 2 + n);
	memcpy(o, prefix, prefix_len);
	o += prefix_len;
	*o++ = '0';
	*o++ = 'x';
	while (n > 0)
		*o++ = tmp[--n];
	*o++ = '\0';
	b->t.len = (size_t)(o - b->t.s);
	return off;
}

size_t
dump_buf_u64(struct dump_buf *b, uint64_t v)
{
	char tmp[24], *o;
	size_t n = 0, off = b->t.len;

	do {
		tmp[n++] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	o = textbuf_reserve(&b->t, n);
	while (n > 0)
		*o++ = tmp[--n];
	*o++ = '\0';
	b->t.len = (size_t)(o - b->t.s);
	return off;
}

void
dump_buf_free(struct dump_buf *b)
{
	textbuf_free(&b->t);
}

void
dump_summary_state(struct dump_summary *d, const char *name, size_t len)
{
	for (size_t i = 0; i < d->n_states; i++) {
		if (strlen(d->states[i].name) == len &&
		    memcmp(d->states[i].name, name, len) == 0) {
			d->states[i].count++;
			return;
		}
	}
	if (d->n_states == DUMP_MAX_STATES) {
		d->other_states++;
		return;
	}
	d->states[d->n_states].name = xstrndup(name, len);
	d->states[d->n_states].count = 1;
	d->n_states++;
}

/* Most frequent state first, then by name. */
static int
state_cmp(const void *a, const void *b)
{
	const struct dump_state_count *x = a, *y = b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return strcmp(x->name, y->name);
}

int
dump_check_samples(const struct dump_summary *d, struct sink *s,
	const char *what, const char *frames, struct error *err)
{
	if (sink_count(s) > 0 || d->threads == 0)
		return 0;
	return error_set(err, 0, 0, "no samples (%llu %s%s, none with %s)",
		(unsigned long long)d->threads, what, d->threads == 1 ? "" : "s",
		frames);
}

void
dump_summary_emit(struct dump_summary *d, struct sink *s)
{
	char buf[64];
	struct dump_buf tmp = { 0 };

	snprintf(buf, sizeof buf, "%llu", (unsigned long long)d->threads);
	sink_info(s, "threads", buf);
	if (d->empty) {
		snprintf(buf, sizeof buf, "%llu", (unsigned long long)d->empty);
		sink_info(s, "threads without frames", buf);
	}
	if (d->truncated) {
		snprintf(buf, sizeof buf, "%llu", (unsigned long long)d->truncated);
		sink_info(s, "truncated stacks", buf);
	}
	qsort(d->states, d->n_states, sizeof *d->states, state_cmp);
	for (size_t i = 0; i < d->n_states; i++) {
		size_t off;

		dump_buf_reset(&tmp);
		off = dump_buf_printf(&tmp, "%s %llu", d->states[i].name,
			(unsigned long long)d->states[i].count);
		sink_info(s, "state", dump_buf_at(&tmp, off));
	}
	if (d->other_states) {
		snprintf(buf, sizeof buf, "(other) %llu",
			(unsigned long long)d->other_states);
		sink_info(s, "state", buf);
	}
	dump_buf_free(&tmp);
}

void
dump_summary_free(struct dump_summary *d)
{
	for (size_t i = 0; i < d->n_states; i++)
		free(d->states[i].name);
	memset(d, 0, sizeof *d);
}

int
dump_emit(struct sink *s, struct dump_stack *st, int type, double weight,
	const struct sample_meta *meta, long lineno)
{
	size_t n = st->n;

	if (n == 0)
		return 0;
	for (size_t i = 0; i < n / 2; i++) {
		uint32_t t = st->ids[i];

		st->ids[i] = st->ids[n - 1 - i];
		st->ids[n - 1 - i] = t;
	}
	st->n = 0;
	if (sink_sample1(s, st->ids, n, type, weight, meta) < 0)
		return sink_fail_at(s, lineno);
	return 0;
}

void
dump_label(struct sink_label *labels, size_t *n, const char *key,
	const struct dump_buf *b, size_t off)
{
	if (off != DUMP_NONE)
		labels[(*n)++] = (struct sink_label){ .key = key,
			.str = dump_buf_at(b, off) };
}

size_t
dump_id_label(struct dump_buf *b, int64_t id, int32_t *field)
{
	if (id < 0)
		return DUMP_NONE;
	*field = id <= INT32_MAX ? (int32_t)id : -1;
	return dump_buf_u64(b, (uint64_t)id);
}

bool
dump_starts(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

const char *
dump_find(const char *s, size_t len, const char *needle)
{
	size_t n = strlen(needle);
	const char *p = s, *end = s + len;

	if (n == 0)
		return s;
	while ((size_t)(end - p) >= n) {
		const char *q = memchr(p, needle[0], (size_t)(end - p) - n + 1);

		if (!q)
			return NULL;
		if (memcmp(q, needle, n) == 0)
			return q;
		p = q + 1;
	}
	return NULL;
}

/* Digits of base 10 or 16 at s, saturating at UINT64_MAX. */
static inline size_t
parse_digits(const char *s, size_t len, unsigned base, uint64_t *out)
{
	uint64_t v = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		char c = s[i];
		unsigned d;

		if (dump_is_digit(c))
			d = (unsigned)(c - '0');
		else if (base == 16 && dump_is_hex(c))
			d = (unsigned)((c | 0x20) - 'a' + 10);
		else
			break;
		v = v > (UINT64_MAX - d) / base ? UINT64_MAX : v * base + d;
	}
	*out = v;
	return i;
}

size_t
dump_parse_u64(const char *s, size_t len, uint64_t *out)
{
	return parse_digits(s, len, 10, out);
}

size_t
dump_parse_hex(const char *s, size_t len, uint64_t *out)
{
	return parse_digits(s, len, 16, out);
}

const char *
dump_basename(const char *s, size_t len, size_t *out_len)
{
	const char *p = s + len;

	while (p > s && p[-1] != '/')
		p--;
	*out_len = (size_t)(s + len - p);
	return p;
}
