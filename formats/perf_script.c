/* `perf script` text: an event line per sample, then its callchain leaf
 * first, one frame per line, then a blank line (or, without callchains,
 * the sampled frame at the end of the event line). Each event becomes its
 * own sample type; the process name is the root frame. See
 * shared/formats/perf-script.md.
 *
 * Frames are named as FlameGraph's stackcollapse-perf.pl names them (so
 * that folded output compares with it), except where it loses data: it
 * drops frames whose symbol starts with '(' ("(anonymous namespace)::f")
 * and turns an empty symbol into a blank frame ("[dso]" here); and
 * [vdso] is user space, not kernel. Kinds (kernel, JIT, inlined) are kept
 * on the frame instead of "_[k]"-style name suffixes.
 *
 * Speed: frame lines repeat a lot, so the text after the address (symbol,
 * offset, dso) is looked up in a cache of already interned frames before
 * anything is parsed; and since a callee's line is mostly followed by the
 * same caller's line, the line that followed last time is tried first, in
 * one pass that needs neither a newline search nor a hash. */
#include "config.h"

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "hash.h"
#include "perf_script_event.h"
#include "perf_script_frame.h"
#include "units.h"
#include "xmalloc.h"

#define PROGRESS_STEP (8u << 20)
#define CACHE_MAX_BYTES ((size_t)512 << 20)  /* past this, lines are interned uncached */
#define NEXT_WAYS 6   /* callers remembered per line: 4 left a third more lines to the hash */
#define KEY_FRAME 0u        /* cache key kinds, mixed into the hash */
#define KEY_FRAME_JAVA 1u
#define KEY_ROOT 2u

/* The cache maps text to frame ids (a "->" chain gives several). Slots
 * hold the top half of the hash and where the entry lives; an entry is
 * its header followed by a copy of the key, so that a lookup touches two
 * small, hot places and never the (huge, cold) input. */
struct centry {
	uint32_t len;
	uint32_t kind;
	uint32_t id;          /* the frame when n == 1, else offset into pool */
	uint32_t n;
	/* the lines that followed this one (its callers), latest first, as
	 * entry offset / 8 + 1 (0 = none), with their key lengths so that a
	 * wrong guess is usually rejected without touching its entry */
	uint32_t next[NEXT_WAYS];
	uint32_t next_len[NEXT_WAYS];
	/* the lines two and three after this one last time, to prefetch
	 * that far ahead: a line's prediction is only known once the line
	 * before it is matched, too late to hide a cache miss */
	uint32_t next2, next3;
	/* key bytes follow, padded to 8 */
};

struct evtype {
	char *name;
	size_t len;
	int type;
	bool ns;              /* cpu-clock/task-clock: the period is time */
};

struct state {
	struct sink *s;
	const struct parse_options *opts;
	struct ps_scratch sc;
	long lineno;

	uint64_t *slots;      /* hash >> 32 << 32 | (entry offset / 8 + 1) */
	size_t mask, used;
	unsigned char *ents;  /* struct centry + key, back to back */
	size_t ents_n, ents_cap;
	uint32_t *pool;
	size_t pool_n, pool_cap;
	uint64_t prev;        /* ref (entry_of) of the record's last frame, 0 = none */
	uint32_t back[2];     /* refs of the frames before it, 0 = none */

	/* event types, in order of first appearance */
	struct evtype *evs;
	size_t n_evs, cap_evs;
	size_t last_ev;
	bool seen_event;

	/* the record being read */
	bool open, bad, java, has_root;
	int type;
	double value;
	struct sample_meta meta;
	bool has_meta;
	uint32_t root;
	uint32_t *stk;        /* leaf first */
	size_t n, cap;
	uint32_t *out;        /* root first, for the sink */
	size_t out_cap;
	char *rootname;
	size_t rootname_cap;
};

static inline bool
is_blank(char c)
{
	return ps_is_space(c);
}

/* ---- the cache ---------------------------------------------------------- */

static inline uint64_t
key_hash(const char *p, size_t n, uint64_t seed)
{
	uint64_t h = seed ^ (n * 0x9e3779b97f4a7c15ULL), w;

	while (n >= 8) {
		memcpy(&w, p, 8);
		h = (h ^ w) * 0xbf58476d1ce4e5b9ULL;
		h ^= h >> 31;
		p += 8;
		n -= 8;
	}
	w = 0;
	memcpy(&w, p, n);
	h = (h ^ w) * 0x94d049bb133111ebULL;
	return hash_mix(h);
}

static inline struct centry *
entry_at(const struct state *st, uint64_t slot)
{
	return (struct centry *)(st->ents + ((slot & 0xffffffffu) - 1) * 8);
}

static struct centry *
cache_find(struct state *st, const char *key, size_t len, uint32_t kind,
	uint64_t h)
{
	size_t i = (size_t)h & st->mask;
	uint64_t top = h >> 32;

	for (;;) {
		uint64_t slot = st->slots[i];
		struct centry *c;

		if (!slot)
			return NULL;
		c = entry_at(st, slot);
		if (slot >> 32 == top && c->len == len && c->kind == kind &&
		    memcmp(c + 1, key, len) == 0)
			return c;
		i = (i + 1) & st->mask;
	}
}

static void
cache_grow(struct state *st)
{
	size_t n = (st->mask + 1) * 2;
	uint64_t *t = xcalloc(n, sizeof *t);

	for (size_t i = 0; i <= st->mask; i++) {
		uint64_t slot = st->slots[i];
		struct centry *c;
		size_t j;

		if (!slot)
			continue;
		c = entry_at(st, slot);
		j = (size_t)key_hash((const char *)(c + 1), c->len, c->kind) & (n - 1);
		while (t[j])
			j = (j + 1) & (n - 1);
		t[j] = slot;
	}
	free(st->slots);
	st->slots = t;
	st->mask = n - 1;
}

/* Remembers ids[0..n) under a copy of key. */
static struct centry *
cache_add(struct state *st, const char *key, size_t len, uint32_t kind,
	uint64_t h, const uint32_t *ids, size_t n)
{
	size_t need = (sizeof(struct centry) + len + 7) & ~(size_t)7, i;
	struct centry *c;

	if ((st->used + 1) * 4 > (st->mask + 1) * 3)
		cache_grow(st);
	st->ents = xgrow(st->ents, &st->ents_cap, st->ents_n + need, 1);
	c = (struct centry *)(st->ents + st->ents_n);
	c->len = (uint32_t)len;
	c->kind = kind;
	c->n = (uint32_t)n;
	memset(c->next, 0, sizeof c->next);
	c->next2 = c->next3 = 0;
	if (n == 1) {
		c->id = ids[0];
	} else {
		st->pool = xgrow(st->pool, &st->pool_cap, st->pool_n + n,
			sizeof *st->pool);
		memcpy(st->pool + st->pool_n, ids, n * sizeof *ids);
		c->id = (uint32_t)st->pool_n;
		st->pool_n += n;
	}
	memcpy(c + 1, key, len);
	i = (size_t)h & st->mask;
	while (st->slots[i])
		i = (i + 1) & st->mask;
	st->slots[i] = (h >> 32 << 32) | (st->ents_n / 8 + 1);
	st->ents_n += need;
	st->used++;
	return c;
}

static inline struct centry *
entry_of(const struct state *st, uint32_t ref)
{
	return (struct centry *)(st->ents + ((size_t)ref - 1) * 8);
}

static inline uint32_t
ref_of(const struct state *st, const struct centry *c)
{
	return (uint32_t)(((const unsigned char *)c - st->ents) / 8 + 1);
}

/* Moves (or inserts) ref to the front of from's successor list. */
static void
note_next(struct centry *from, uint32_t ref, uint32_t len)
{
	int i = 0;

	while (i < NEXT_WAYS - 1 && from->next[i] != ref)
		i++;
	for (; i > 0; i--) {
		from->next[i] = from->next[i - 1];
		from->next_len[i] = from->next_len[i - 1];
	}
	from->next[0] = ref;
	from->next_len[0] = len;
}

/* An entry's header and its key (the compare reads both): the key's
 * first two cache lines, which hold all of most keys. */
static inline void
prefetch_entry(const struct state *st, uint32_t ref)
{
	const struct centry *c = entry_of(st, ref);
	const char *key = (const char *)(c + 1);

	__builtin_prefetch(c);
	__builtin_prefetch(key);
	__builtin_prefetch(key + 64);
}

/* Makes c the record's last frame: it becomes the line two and three
 * after the frames before, and the likeliest next three lines are
 * fetched. Only the latest caller of each: fetching every remembered
 * caller's entry filled the memory queue and was 4% slower overall, and
 * a fourth line ahead gained nothing. */
static inline void
step_to(struct state *st, struct centry *c)
{
	uint32_t ref = ref_of(st, c);

	if (st->back[0])
		entry_of(st, st->back[0])->next2 = ref;
	if (st->back[1])
		entry_of(st, st->back[1])->next3 = ref;
	st->back[1] = st->back[0];
	st->back[0] = (uint32_t)st->prev;
	st->prev = ref;
	if (c->next[0])
		prefetch_entry(st, c->next[0]);
	if (c->next2)
		prefetch_entry(st, c->next2);
	if (c->next3)
		prefetch_entry(st, c->next3);
}

static inline void
forget_prev(struct state *st)
{
	st->prev = 0;
	st->back[0] = st->back[1] = 0;
}

/* ---- records ------------------------------------------------------------- */

static void
push_entry(struct state *st, const struct centry *c)
{
	if (st->n + c->n > st->cap)
		st->stk = xgrow(st->stk, &st->cap, st->n + c->n, sizeof *st->stk);
	if (c->n == 1)
		st->stk[st->n++] = c->id;
	else
		for (uint32_t i = 0; i < c->n; i++)
			st->stk[st->n++] = st->pool[c->id + i];
}

static int
flush(struct state *st)
{
	size_t d = 0;
	int rc;

	if (!st->open)
		return 0;
	st->open = false;
	st->out = xgrow(st->out, &st->out_cap, st->n + 1, sizeof *st->out);
	if (st->has_root)
		st->out[d++] = st->root;
	for (size_t i = st->n; i > 0; i--)
		st->out[d++] = st->stk[i - 1];
	st->n = 0;
	forget_prev(st);
	rc = sink_sample1(st->s, st->out, d, st->type, st->value,
		st->has_meta ? &st->meta : NULL);
	return rc < 0 ? sink_fail_at(st->s, st->lineno) : 0;
}

/* A frame line (rest = text after the address), with its +srcline
 * continuation if any. */
static int
add_frame(struct state *st, const char *line, size_t line_len,
	const char *rest, size_t rest_len, const char *cont, size_t cont_len)
{
	uint32_t kind = st->java ? KEY_FRAME_JAVA : KEY_FRAME;
	size_t klen = cont ? (size_t)(cont + cont_len - rest) : rest_len;
	struct centry *c = NULL;
	struct ps_frame_line f;
	uint64_t h = 0;
	size_t n;

	/* callers follow callees the same way most of the time: try the
	 * lines that came after the previous one before hashing */
	if (st->prev) {
		const struct centry *from = entry_of(st, (uint32_t)st->prev);

		for (int i = 0; i < NEXT_WAYS && from->next[i] && !c; i++) {
			if (from->next_len[i] != klen)
				continue;
			c = entry_of(st, from->next[i]);
			if (c->kind != kind || memcmp(c + 1, rest, klen) != 0)
				c = NULL;
		}
	}
	if (!c) {
		h = key_hash(rest, klen, kind);
		c = cache_find(st, rest, klen, kind, h);
	}
	if (!c) {
		if (ps_frame_split(rest, rest_len, cont, cont_len, &f) < 0) {
			sink_skip(st->s, "lines skipped (bad frame line)",
				st->lineno, line, line_len);
			return 0;
		}
		f.address = 0;
		while (line < rest && is_blank(*line))
			line++;
		for (const char *p = line; p < rest && ps_is_hex(*p); p++)
			f.address = f.address << 4 | (uint64_t)(*p <= '9' ?
				*p - '0' : (*p | 0x20) - 'a' + 10);
		n = ps_frame_intern(st->s, &f, st->java, &st->sc);
		if (n == 0)
			return sink_fail_at(st->s, st->lineno);
		if (st->ents_n + klen > CACHE_MAX_BYTES) {
			/* every line unique (say, raw addresses): stop copying */
			if (st->n + n > st->cap)
				st->stk = xgrow(st->stk, &st->cap, st->n + n, sizeof *st->stk);
			memcpy(st->stk + st->n, st->sc.ids, n * sizeof *st->stk);
			st->n += n;
			forget_prev(st);
			return 0;
		}
		c = cache_add(st, rest, klen, kind, h, st->sc.ids, n);
	}
	push_entry(st, c);
	if (st->prev)
		note_next(entry_of(st, (uint32_t)st->prev), ref_of(st, c), c->len);
	step_to(st, c);
	return 0;
}

static int
declare_event(struct state *st, const struct ps_event *ev, size_t *out)
{
	const char *name = ev->name ? ev->name : "samples";
	size_t len = ev->name ? ev->name_len : 7;
	struct evtype *t;
	const char *unit = UNIT_SAMPLES;
	char *z;
	int type;

	for (size_t i = 0; i < st->n_evs; i++) {
		if (st->evs[i].len == len && memcmp(st->evs[i].name, name, len) == 0) {
			*out = i;
			return 0;
		}
	}
	z = xstrndup(name, len);
	t = NULL;
	if (ev->has_period && !st->opts->weight_samples) {
		size_t base = strcspn(z, ":");

		unit = UNIT_COUNT;
		if ((base == 9 && memcmp(z, "cpu-clock", 9) == 0) ||
		    (base == 10 && memcmp(z, "task-clock", 10) == 0))
			unit = UNIT_NANOSECONDS;
	}
	type = sink_type(st->s, z, unit);
	if (type < 0) {
		free(z);
		return sink_fail_at(st->s, st->lineno);
	}
	st->evs = xgrow(st->evs, &st->cap_evs, st->n_evs + 1, sizeof *st->evs);
	t = &st->evs[st->n_evs];
	t->name = z;
	t->len = len;
	t->type = type;
	t->ns = strcmp(unit, UNIT_NANOSECONDS) == 0;
	*out = st->n_evs++;
	return 0;
}

/* "comm", "comm-PID" or "comm-PID/TID" (as stackcollapse-perf.pl --pid and
 * --tid write them, "?" for a pid perf did not print). */
static int
set_root(struct state *st, const struct ps_event *ev)
{
	enum sink_root_mode mode = st->opts->root;
	size_t len = ev->comm_len;
	char *b;
	uint64_t h;
	struct centry *c;
	uint32_t id;

	st->has_root = false;
	if (mode == SINK_ROOT_NONE || !ev->comm)
		return 0;
	st->rootname = xgrow(st->rootname, &st->rootname_cap, len + 32, 1);
	b = st->rootname;
	memcpy(b, ev->comm, len);
	/* comm with spaces ("Web Content") is spelt with '_' as
	 * stackcollapse-perf does, so folded output stays one token per frame */
	for (size_t i = 0; i < len; i++)
		if (b[i] == ' ')
			b[i] = '_';
	if (mode == SINK_ROOT_PID || mode == SINK_ROOT_TID) {
		char num[16];

		if (ev->pid >= 0 || ev->pid < -1)
			snprintf(num, sizeof num, "%d", (int)ev->pid);
		else
			strcpy(num, "?");
		len += (size_t)snprintf(b + len, 32, "-%s", num);
		if (mode == SINK_ROOT_TID)
			len += (size_t)snprintf(b + len, 16, "/%d", (int)ev->tid);
	}
	h = key_hash(b, len, KEY_ROOT);
	c = cache_find(st, b, len, KEY_ROOT, h);
	if (!c) {
		id = sink_frame(st->s, b, len, FRAME_PROCESS);
		if (id == FRAME_NONE)
			return sink_fail_at(st->s, st->lineno);
		c = cache_add(st, b, len, KEY_ROOT, h, &id, 1);
	}
	st->root = c->id;
	st->has_root = true;
	return 0;
}

/* Length of the +srcline continuation at p (two blanks, then text that is
 * not an address), 0 when the next line is something else. */
static size_t
continuation_len(const char *p, const char *end)
{
	const char *nl, *q = p, *e;

	if (p >= end || *p != ' ')
		return 0;
	nl = memchr(p, '\n', (size_t)(end - p));
	e = nl ? nl : end;
	while (q < e && is_blank(*q))
		q++;
	if (q == e || ps_address_len(q, (size_t)(e - q)) > 0 ||
	    ps_has_time_token(q, (size_t)(e - q)))
		return 0;
	return (size_t)(e - p);
}

/* Handles the frame in line[0..len), whose first non-blank byte is at p;
 * *next is moved past a continuation line it consumes. */
static int
frame_line(struct state *st, const char *line, size_t len, const char *p,
	const char **next, const char *end)
{
	const char *e = line + len, *cont = NULL;
	size_t alen, clen = 0;

	while (e > p && is_blank(e[-1]))
		e--;
	alen = ps_address_len(p, (size_t)(e - p));
	if (alen == 0) {
		sink_skip(st->s, "lines skipped (bad frame line)", st->lineno,
			line, len);
		return 0;
	}
	if (*next < end && **next == ' ' &&
	    (clen = continuation_len(*next, end)) > 0) {
		cont = *next;
		*next += clen;
		if (*next < end)
			(*next)++;
		while (clen > 0 && is_blank(cont[clen - 1]))
			clen--;
		while (clen > 0 && is_blank(*cont)) {
			cont++;
			clen--;
		}
		st->lineno++;
	}
	p += alen;
	while (p < e && is_blank(*p))
		p++;
	return add_frame(st, line, len, p, (size_t)(e - p), cont, clen);
}

static int
event_line(struct state *st, const char *line, size_t len, const char **next,
	const char *end)
{
	struct ps_event ev;
	enum ps_event_kind k;
	size_t ei;

	if (flush(st) < 0)
		return -1;
	k = ps_event_parse(line, len, true, &ev);
	if (k == PS_EVENT_RECORD) {
		sink_skip(st->s, "PERF_RECORD lines ignored", st->lineno, line, len);
		return 0;
	}
	if (k == PS_EVENT_BAD) {
		sink_skip(st->s, "records skipped (bad event line)", st->lineno,
			line, len);
		st->bad = true;
		return 0;
	}
	st->bad = false;
	st->seen_event = true;
	if (st->last_ev < st->n_evs && ev.name &&
	    st->evs[st->last_ev].len == ev.name_len &&
	    memcmp(st->evs[st->last_ev].name, ev.name, ev.name_len) == 0) {
		ei = st->last_ev;
	} else if (declare_event(st, &ev, &ei) < 0) {
		return -1;
	}
	st->last_ev = ei;
	st->type = st->evs[ei].type;
	st->value = ev.has_period && !st->opts->weight_samples ?
		(double)ev.period : 1.0;
	st->meta.time_ns = ev.time_ns;
	st->meta.pid = ev.pid;
	st->meta.tid = ev.tid;
	st->meta.cpu = ev.cpu;
	st->has_meta = ev.time_ns >= 0 || ev.pid >= 0 || ev.tid >= 0 ||
		ev.cpu >= 0;
	st->java = ev.comm_len == 4 && memcmp(ev.comm, "java", 4) == 0;
	if (set_root(st, &ev) < 0)
		return -1;
	st->open = true;
	st->n = 0;
	forget_prev(st);
	/* without callchains the sampled frame ends the event line */
	if (ev.rest_len > 0 && ps_address_len(ev.rest, ev.rest_len) > 0)
		return frame_line(st, ev.rest, ev.rest_len, ev.rest, next, end);
	return 0;
}

/* A block of frame lines with no event line at all (perf script -F ip,sym):
 * one sample per block, no root. */
static int
open_headerless(struct state *st)
{
	struct ps_event ev;
	size_t ei;

	memset(&ev, 0, sizeof ev);
	if (declare_event(st, &ev, &ei) < 0)
		return -1;
	st->type = st->evs[ei].type;
	st->value = 1;
	st->has_meta = false;
	st->has_root = false;
	st->java = false;
	st->open = true;
	st->n = 0;
	forget_prev(st);
	return 0;
}

/* Header facts worth showing: "# cmdline : /usr/bin/perf record -g". */
static void
header_line(struct state *st, const char *line, size_t len)
{
	static const char *const keys[] = {
		"cmdline", "hostname", "perf version", "captured on", "os release",
	};
	const char *p = line + 1, *e = line + len;

	while (p < e && *p == ' ')
		p++;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		size_t k = strlen(keys[i]);
		char *v;

		if ((size_t)(e - p) <= k + 2 || memcmp(p, keys[i], k) != 0 ||
		    p[k] != ' ' || p[k + 1] != ':')
			continue;
		p += k + 2;
		while (p < e && *p == ' ')
			p++;
		while (e > p && is_blank(e[-1]))
			e--;
		v = xstrndup(p, (size_t)(e - p));
		sink_info(st->s, keys[i], v);
		free(v);
		return;
	}
}

static int
finish(struct state *st)
{
	const char *want = st->opts->event;
	int def = -1;

	if (flush(st) < 0)
		return -1;
	if (st->n_evs == 0)
		return 0;
	for (size_t i = 0; want && i < st->n_evs; i++)
		if (strcmp(st->evs[i].name, want) == 0)
			def = st->evs[i].type;
	sink_default_type(st->s, def >= 0 ? def : st->evs[0].type);
	if (st->n_evs > 1) {
		size_t len = 0;
		char *list;

		for (size_t i = 0; i < st->n_evs; i++)
			len += st->evs[i].len + 2;
		list = xmalloc(len + 1);
		len = 0;
		for (size_t i = 0; i < st->n_evs; i++) {
			if (i > 0) {
				memcpy(list + len, ", ", 2);
				len += 2;
			}
			memcpy(list + len, st->evs[i].name, st->evs[i].len);
			len += st->evs[i].len;
		}
		list[len] = '\0';
		sink_info(st->s, "events", list);
		free(list);
	}
	return 0;
}

/* The common case, a TAB-indented frame line of an open record that is
 * the caller seen after the previous line before: compared in one pass
 * against the predicted cache entry, with no newline search and no hash.
 * p is the line start. Returns the next line, or NULL for the general
 * path. */
static const char *
frame_fast(struct state *st, const char *p, const char *end)
{
	const char *q = p + 1, *a, *key;
	uint32_t kind = st->java ? KEY_FRAME_JAVA : KEY_FRAME;
	struct centry *from;

	while (q < end && (*q == ' ' || *q == '\t'))
		q++;
	a = q;
	while (q < end && ps_is_hex(*q))
		q++;
	if (q == a || q >= end || *q != ' ')
		return NULL;
	key = q + 1;
	from = entry_of(st, (uint32_t)st->prev);
	for (int i = 0; i < NEXT_WAYS && from->next[i]; i++) {
		const char *after = key + from->next_len[i];
		struct centry *c;

		if (after < end - 1 && after[0] == '\r' && after[1] == '\n')
			after++;
		if (after >= end || *after != '\n')
			continue;
		c = entry_of(st, from->next[i]);
		if (c->kind != kind || memcmp(c + 1, key, c->len) != 0)
			continue;
		after++;
		if (after < end && *after == ' ')
			return NULL;   /* maybe a +srcline continuation */
		if (i > 0)
			note_next(from, from->next[i], from->next_len[i]);
		push_entry(st, c);
		step_to(st, c);
		st->lineno++;
		return after;
	}
	return NULL;
}

/* One piece of the input: whole lines, none of which looks past the
 * piece's end for a continuation (perf_script_cut). */
static int
parse_lines(struct state *st, const char *data, size_t size)
{
	const char *p = data, *end = data + size;

	while (p < end) {
		const char *nl;

		if (*p == '\t' && st->prev && st->open && !st->bad) {
			const char *n = frame_fast(st, p, end);

			if (n) {
				p = n;
				continue;
			}
		}
		nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end, *next = nl ? nl + 1 : end;
		size_t len = (size_t)(e - p);
		char c = *p;
		int rc = 0;

		st->lineno++;
		if (c == '\t' || (c == ' ' && !ps_has_time_token(p, len))) {
			const char *q = p;

			while (q < e && is_blank(*q))
				q++;
			if (q == e) {
				rc = flush(st);
				st->bad = false;
			} else if (st->bad) {
				/* the rest of a record whose event line was bad */
			} else if (st->open) {
				rc = frame_line(st, p, len, q, &next, end);
			} else if (!st->seen_event &&
			    ps_address_len(q, (size_t)(e - q)) > 0) {
				rc = open_headerless(st);
				if (rc == 0)
					rc = frame_line(st, p, len, q, &next, end);
			} else {
				sink_skip(st->s, "lines skipped (frame line outside a sample)",
					st->lineno, p, len);
			}
		} else if (c == '#') {
			if (!st->seen_event)
				header_line(st, p, len);
		} else if (c == '\n' || c == '\r' || len == 0) {
			rc = flush(st);
			st->bad = false;
		} else {
			rc = event_line(st, p, len, &next, end);
		}
		if (rc < 0)
			return -1;
		p = next;
	}
	return 0;
}

/* A piece may end before any line but a +srcline continuation (which
 * starts with a blank and belongs to the frame line above it). */
static size_t
perf_script_cut(const char *p, size_t len)
{
	const char *e = p + len;

	while (e > p) {
		const char *nl = memrchr(p, '\n', (size_t)(e - p));

		if (!nl)
			return 0;
		if (nl + 1 < p + len && nl[1] != ' ')
			return (size_t)(nl + 1 - p);
		e = nl;
	}
	return 0;
}

static int
perf_script_parse(struct input *in, struct sink *out, struct error *err)
{
	struct state st;
	uint64_t next_progress = PROGRESS_STEP;
	int rc;

	memset(&st, 0, sizeof st);
	st.s = out;
	st.opts = out->opts;
	st.mask = 4095;
	st.slots = xcalloc(st.mask + 1, sizeof *st.slots);
	st.last_ev = SIZE_MAX;
	for (;;) {
		const char *piece;
		size_t len;

		rc = input_next_piece(in, perf_script_cut, &piece, &len, err);
		if (rc <= 0)
			break;
		rc = parse_lines(&st, piece, len);
		if (rc < 0)
			break;
		if (input_offset(in) + len >= next_progress) {
			sink_progress(out, input_offset(in) + len, in->size);
			next_progress = input_offset(in) + len + PROGRESS_STEP;
		}
	}
	if (rc == 0)
		rc = finish(&st);
	sink_progress(out, input_offset(in), in->size);
	for (size_t i = 0; i < st.n_evs; i++)
		free(st.evs[i].name);
	free(st.evs);
	free(st.slots);
	free(st.ents);
	free(st.pool);
	free(st.stk);
	free(st.out);
	free(st.rootname);
	ps_scratch_free(&st.sc);
	return rc;
}

const struct format format_perf_script = {
	.name = "perf-script",
	.description = "Linux perf script text output (perf script, -F layouts)",
	.probe = ps_probe,
	.parse = perf_script_parse,
	.streams = true,
};
