/* The info screen: what was loaded and what the loader learnt. Profile
 * facts (format, sample types with their units and totals, the parser's
 * info entries), threads and label keys of the per-sample records, and
 * the lines skipped while loading. Every string from the profile is
 * drawn escaped. Scrolls like the help screen. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "info_view.h"
#include "palette.h"
#include "profile.h"
#include "session.h"
#include "units.h"
#include "xmalloc.h"

#define MAX_TEXT_W 110   /* wider screens keep lines readable */
#define TITLE "Profile info \xc2\xb7 "

struct label_stat {
	uint32_t key;          /* strtab id */
	const char *name;      /* borrowed from the profile */
	size_t n_values;       /* distinct values */
	size_t n_records;      /* sample records carrying it */
};

struct info_state {
	long top;
	struct label_stat *labels;   /* owned; by key name */
	size_t n_labels;
	size_t n_tids, n_pids, n_cpus;
	size_t n_process_frames;
	struct canvas page;          /* every line, drawn off screen; owned */
};

/* Label order for counting: by key, then value. */
static int
cmp_label(const void *a, const void *b)
{
	const struct label *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->str != y->str)
		return x->str < y->str ? -1 : 1;
	/* by bits: any consistent order will do, and NaN has one */
	return memcmp(&x->num, &y->num, sizeof x->num);
}

static int
cmp_stat_name(const void *a, const void *b)
{
	const struct label_stat *x = a, *y = b;

	return strcmp(x->name, y->name);
}

static int
cmp_i32(const void *a, const void *b)
{
	int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;

	return x < y ? -1 : x > y;
}

static size_t
distinct_ids(const struct profile *p, size_t field)
{
	int32_t *v = xmalloc((p->n_samples ? p->n_samples : 1) * sizeof *v);
	size_t n = 0, d = 0;

	for (size_t i = 0; i < p->n_samples; i++) {
		const struct sample *r = &p->samples[i];
		int32_t x = field == 0 ? r->tid : field == 1 ? r->pid : r->cpu;

		if (x >= 0)
			v[n++] = x;
	}
	qsort(v, n, sizeof *v, cmp_i32);
	for (size_t i = 0; i < n; i++)
		d += i == 0 || v[i] != v[i - 1];
	free(v);
	return d;
}

static struct label_stat *
find_stat(struct info_state *st, uint32_t key)
{
	size_t lo = 0, hi = st->n_labels;

	/* sorted by key id until the final sort by name */
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (st->labels[mid].key == key)
			return &st->labels[mid];
		if (st->labels[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Label keys with their distinct values and the records that carry them. */
static void
count_labels(struct info_state *st, const struct profile *p)
{
	struct label *all;

	if (p->n_labels == 0)
		return;
	all = xmalloc(p->n_labels * sizeof *all);
	memcpy(all, p->labels, p->n_labels * sizeof *all);
	qsort(all, p->n_labels, sizeof *all, cmp_label);
	st->labels = xcalloc(p->n_labels, sizeof *st->labels);
	for (size_t i = 0; i < p->n_labels; i++) {
		if (i == 0 || all[i].key != all[i - 1].key) {
			st->labels[st->n_labels].key = all[i].key;
			st->n_labels++;
		}
		if (i == 0 || cmp_label(&all[i], &all[i - 1]) != 0)
			st->labels[st->n_labels - 1].n_values++;
	}
	free(all);
	for (size_t i = 0; i < p->n_samples; i++) {
		uint32_t ls = p->samples[i].labelset;

		if (ls == 0 || ls >= p->n_labelsets)
			continue;
		for (uint32_t k = 0; k < p->labelsets[ls].n; k++) {
			struct label_stat *s = find_stat(st, p->labels[p->labelsets[ls].off + k].key);

			if (s)
				s->n_records++;
		}
	}
	for (size_t i = 0; i < st->n_labels; i++)
		st->labels[i].name = strtab_get(&p->strings, st->labels[i].key);
	qsort(st->labels, st->n_labels, sizeof *st->labels, cmp_stat_name);
}

static int
info_open(struct view *v, struct session *s)
{
	struct info_state *st = v->state;
	const struct profile *p = &s->prof;

	count_labels(st, p);
	st->n_tids = distinct_ids(p, 0);
	st->n_pids = distinct_ids(p, 1);
	st->n_cpus = distinct_ids(p, 2);
	for (size_t i = 0; i < p->frames.n; i++)
		st->n_process_frames += p->frames.frames[i].kind == FRAME_PROCESS;
	return 0;
}

static void
info_close(struct view *v)
{
	struct info_state *st = v->state;

	free(st->labels);
	canvas_free(&st->page);
}

/* Writes the lines into a canvas as tall as all of them (c NULL: only
 * counts them); the view then shows a window of it. */
struct emitter {
	struct canvas *c;
	int line, width;
	int key_w;          /* the key column, with its gap */
};

static void
heading(struct emitter *e, const char *text)
{
	if (e->line > 0)
		e->line++;
	if (e->c)
		canvas_put(e->c, 1, e->line, e->width - 1, text, strlen(text),
			ROLE_HELP_HEADING, 0);
	e->line++;
}

/* "  key           value", the value (untrusted) wrapped in its column;
 * on a narrow screen, or under a long key, the value goes below it. */
static void
row_n(struct emitter *e, bool mark, const char *key, const char *value, size_t len,
	unsigned role)
{
	int vx = 3 + e->key_w, vw = e->width - vx;

	/* narrow, or a key longer than its column: the value goes below */
	if (vw < 16 || canvas_text_width(key, strlen(key)) > e->key_w - 1) {
		vx = 5;
		vw = e->width - vx;
	}
	if (e->c) {
		if (mark)
			canvas_put(e->c, 1, e->line, 1, "\xe2\x96\xb8", 3, ROLE_HELP_KEY, 0);
		canvas_put_elided(e->c, 3, e->line, vx == 5 ? e->width - 3 : e->key_w - 1,
			key, strlen(key), ROLE_LABEL, 0);
	}
	if (vx == 5)
		e->line++;
	e->line += canvas_put_wrapped(e->c, vx, e->line, vw, 1000, 0, value, len, role, 0);
}

static void
row(struct emitter *e, const char *key, const char *value)
{
	row_n(e, false, key, value, strlen(value), ROLE_DEFAULT);
}

static void __attribute__((format(printf, 3, 4)))
rowf(struct emitter *e, const char *key, const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	row(e, key, buf);
}

static void
emit_types(struct emitter *e, const struct session *s)
{
	const struct profile *p = &s->prof;
	char v[64], buf[300];

	heading(e, "Sample types");
	for (size_t t = 0; t < p->n_types; t++) {
		bool shown = (int)t == s->query.type_a || (int)t == s->query.type_b;
		const char *side = "";

		if (s->query.type_b >= 0 && (int)t == s->query.type_a)
			side = ", series a";
		else if ((int)t == s->query.type_b)
			side = ", series b";
		snprintf(buf, sizeof buf, "%s in all (%s)%s%s",
			units_format(profile_total(p, (int)t), profile_type_unit(p, (int)t),
				v, sizeof v),
			profile_type_unit(p, (int)t), shown ? ", shown" : "", side);
		row_n(e, shown, profile_type_name(p, (int)t), buf, strlen(buf),
			shown ? ROLE_HELP_KEY : ROLE_DEFAULT);
	}
}

static void
emit_records(struct emitter *e, const struct info_state *st, const struct profile *p)
{
	char buf[300];

	if (p->n_samples == 0 && st->n_process_frames == 0 && st->n_labels == 0)
		return;
	heading(e, "Threads and labels");
	if (p->n_samples)
		rowf(e, "records", "%zu sample%s with a time, thread or labels",
			p->n_samples, p->n_samples == 1 ? "" : "s");
	if (st->n_pids)
		rowf(e, "processes", "%zu distinct pid%s", st->n_pids, st->n_pids == 1 ? "" : "s");
	if (st->n_tids)
		rowf(e, "threads", "%zu distinct tid%s", st->n_tids, st->n_tids == 1 ? "" : "s");
	if (st->n_cpus)
		rowf(e, "cpus", "%zu distinct cpu%s", st->n_cpus, st->n_cpus == 1 ? "" : "s");
	if (st->n_process_frames)
		rowf(e, "root frames", "%zu process or thread frames (see --group)",
			st->n_process_frames);
	for (size_t i = 0; i < st->n_labels; i++) {
		const struct label_stat *l = &st->labels[i];

		snprintf(buf, sizeof buf, "label: %zu value%s, on %zu record%s", l->n_values,
			l->n_values == 1 ? "" : "s", l->n_records, l->n_records == 1 ? "" : "s");
		row_n(e, false, l->name, buf, strlen(buf), ROLE_DEFAULT);
	}
}

static void
emit_skips(struct emitter *e, const struct profile *p)
{
	char buf[300];

	heading(e, "Skipped while loading");
	if (p->n_skips == 0) {
		row(e, "nothing", "every line was read");
		return;
	}
	for (size_t i = 0; i < p->n_skips; i++) {
		const struct skip_stat *k = &p->skips[i];
		char head[200];
		size_t hl, el = strlen(k->first_excerpt);
		char *text;

		if (k->first_line > 0)
			snprintf(head, sizeof head, "%s, first at line %ld%s", k->category,
				k->first_line, el ? ": " : "");
		else
			snprintf(head, sizeof head, "%s%s", k->category, el ? ", first: " : "");
		hl = strlen(head);
		text = xmalloc(hl + el + 1);
		memcpy(text, head, hl);
		memcpy(text + hl, k->first_excerpt, el + 1);
		snprintf(buf, sizeof buf, "%llu", (unsigned long long)k->count);
		row_n(e, false, buf, text, hl + el, ROLE_DEFAULT);
		free(text);
	}
}

static void
widest(int *w, const char *key)
{
	int n = canvas_text_width(key, strlen(key));

	if (n > *w)
		*w = n;
}

/* The key column fits the longest key, within a third of the screen. */
static int
key_width(const struct view *v, int width)
{
	const struct info_state *st = v->state;
	const struct profile *p = &v->ui->s->prof;
	int w = (int)strlen("root frames"), cap = width / 3 < 24 ? width / 3 : 24;

	for (size_t i = 0; i < p->n_types; i++)
		widest(&w, profile_type_name(p, (int)i));
	for (size_t i = 0; i < p->n_info; i++)
		widest(&w, p->info[i].key);
	for (size_t i = 0; i < st->n_labels; i++)
		widest(&w, st->labels[i].name);
	w += 2;
	return w < 10 ? 10 : w > cap ? (cap > 10 ? cap : 10) : w;
}

static int
emit_all(struct emitter *e, const struct view *v)
{
	const struct info_state *st = v->state;
	const struct session *s = v->ui->s;
	const struct profile *p = &s->prof;

	e->line = 0;
	e->key_w = key_width(v, e->width);
	heading(e, "Profile");
	row(e, "file", p->source ? p->source : "-");
	row(e, "format", p->format ? p->format : "-");
	rowf(e, "stacks", "%zu distinct, %zu distinct frames", p->n_stacks, p->frames.n);
	if (s->tree)
		rowf(e, "tree", "%zu node%s, %u deep%s", s->tree->n, s->tree->n == 1 ? "" : "s",
			s->tree->max_depth,
			s->query.inverted ? ", inverted" : "");
	if (p->differential)
		row(e, "diff", "two counts per stack: before (b) and after (a)");
	emit_types(e, s);
	if (p->n_info) {
		heading(e, "From the file");
		for (size_t i = 0; i < p->n_info; i++)
			row(e, p->info[i].key, p->info[i].value);
	}
	emit_records(e, st, p);
	emit_skips(e, p);
	return e->line;
}

static int
text_width(const struct view *v)
{
	int w = v->ui->canvas.width;

	return w > MAX_TEXT_W ? MAX_TEXT_W : w;
}

static long
line_count(const struct view *v)
{
	struct emitter e = { .c = NULL, .width = text_width(v) };

	return emit_all(&e, v);
}

static unsigned
info_action(struct view *v, enum action a)
{
	struct info_state *st = v->state;
	long h = v->ui->canvas.height - 1;
	int r = ui_pager_action(&st->top, line_count(v), h > 0 ? h : 0, a);

	if (r >= 0)
		return r ? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
	switch (a) {
	case ACTION_VIEW_INFO:
		ui_pop(v->ui);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_CYCLE_SAMPLE_TYPE:
		/* the view below switches; this one shows the new mark */
		if (v->below && v->below->ops->action)
			v->below->ops->action(v->below, a);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_VIEW_CLOSE:
	case ACTION_VIEW_HELP:
	case ACTION_QUIT:
	case ACTION_SCREEN_REDRAW:
		return VIEW_UNHANDLED;
	default:
		return VIEW_HANDLED;
	}
}

static void
info_draw(struct view *v, struct canvas *c)
{
	struct info_state *st = v->state;
	struct emitter e = { .width = text_width(v) };
	const struct profile *p = &v->ui->s->prof;
	const char *file = p->source ? p->source : "";
	long n, h = c->height - 1, max_top;
	int used;

	n = emit_all(&e, v);
	canvas_resize(&st->page, e.width, (int)n);
	e.c = &st->page;
	emit_all(&e, v);
	/* after a resize the old position may be past the end */
	max_top = n - h;
	if (st->top > max_top)
		st->top = max_top > 0 ? max_top : 0;
	canvas_fill(c, 0, 0, c->width, ROLE_TITLE, 0);
	used = 1 + canvas_put(c, 1, 0, c->width - 1, TITLE, strlen(TITLE), ROLE_TITLE, 0);
	canvas_put_elided(c, used, 0, c->width - used - 1, file, strlen(file), ROLE_TITLE, 0);
	for (long y = 0; y < h && st->top + y < n; y++)
		for (int x = 0; x < e.width && x < c->width; x++)
			*canvas_cell(c, x, (int)y + 1) = *canvas_cell(&st->page, x, (int)(st->top + y));
}

const struct view_ops info_view_ops = {
	.name = "info",
	.keymap = KEYMAP_INFO,
	.state_size = sizeof(struct info_state),
	.open = info_open,
	.action = info_action,
	.draw = info_draw,
	.close = info_close,
};
