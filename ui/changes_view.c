#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "changes_view.h"
#include "list_cursor.h"
#include "pair_ui.h"
#include "profile.h"
#include "session.h"
#include "units.h"
#include "xmalloc.h"

#define SEP " \xc2\xb7 "     /* " · " */
#define CRUMB " \xe2\x80\xba "  /* " › " */

enum row_kind {
	ROW_HEADING,
	ROW_GONE,
	ROW_NEW,
	ROW_THREAD
};

struct row {
	enum row_kind kind;
	size_t i;                   /* into the gone, added or thread list */
	char *text;                 /* headings: owned */
};

struct changes_state {
	struct view *fv;            /* the flame view under the list */
	struct pair_ui *p;          /* borrowed from it */
	const struct calltree *tree;  /* the tree the node ids are of */
	uint64_t built;             /* generation the rows were made for */
	struct diff_changes ch;     /* owned */
	struct diff_thread *threads;  /* owned */
	size_t n_threads;
	struct row *rows;           /* owned */
	size_t n_rows;
	struct list_cursor cur;
};

static void
add_row(struct changes_state *st, enum row_kind kind, size_t i, char *text)
{
	st->rows = xrealloc(st->rows, (st->n_rows + 1) * sizeof *st->rows);
	st->rows[st->n_rows++] = (struct row){ .kind = kind, .i = i, .text = text };
}

static char * __attribute__((format(printf, 1, 2)))
heading(const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	return xstrdup(buf);
}

static int
thread_rank(const char *cls)
{
	static const char *const order[] = { "stuck", "progressing", "new", "ended" };

	for (int i = 0; i < 4; i++)
		if (cls && strcmp(cls, order[i]) == 0)
			return i;
	return 4;
}

/* Makes the rows from the diffstat of the tree as it is now. */
static int
build(struct changes_state *st, const struct session *s)
{
	const struct diffstat *d = pair_ui_diffstat(st->p);
	char a[64], b[64];
	size_t counts[5] = { 0 };

	if (!d)
		return -1;
	st->tree = d->tree;
	st->built = st->p->built_for;
	diff_changes_build(&st->ch, d);
	if (d->has_threads) {
		st->n_threads = diff_threads_list(&s->prof, &st->threads);
		for (size_t i = 0; i < st->n_threads; i++)
			counts[thread_rank(st->threads[i].cls)]++;
		if (st->n_threads > 1) {
			/* stuck first, then progressing, new, ended; record order
			 * within each */
			struct diff_thread *tmp = xmalloc(st->n_threads * sizeof *tmp);
			size_t k = 0;

			for (int r = 0; r <= 4; r++)
				for (size_t i = 0; i < st->n_threads; i++)
					if (thread_rank(st->threads[i].cls) == r)
						tmp[k++] = st->threads[i];
			free(st->threads);
			st->threads = tmp;
		}
	}
	add_row(st, ROW_HEADING, 0, heading("Gone: only in BEFORE" SEP "%zu stack%s, %s",
		st->ch.n_gone, st->ch.n_gone == 1 ? "" : "s", units_format(st->ch.total_gone, d->unit, a, sizeof a)));
	for (size_t i = 0; i < st->ch.n_gone; i++)
		add_row(st, ROW_GONE, i, NULL);
	add_row(st, ROW_HEADING, 0, heading("New: only in AFTER" SEP "%zu stack%s, %s",
		st->ch.n_added, st->ch.n_added == 1 ? "" : "s", units_format(st->ch.total_added, d->unit, b, sizeof b)));
	for (size_t i = 0; i < st->ch.n_added; i++)
		add_row(st, ROW_NEW, i, NULL);
	if (st->n_threads > 0) {
		add_row(st, ROW_HEADING, 0, heading("Threads" SEP "%zu stuck" SEP
			"%zu progressing" SEP "%zu new" SEP "%zu ended", counts[0], counts[1],
			counts[2], counts[3]));
		for (size_t i = 0; i < st->n_threads; i++)
			add_row(st, ROW_THREAD, i, NULL);
	}
	return 0;
}

static void
clear(struct changes_state *st)
{
	for (size_t i = 0; i < st->n_rows; i++)
		free(st->rows[i].text);
	free(st->rows);
	free(st->threads);
	diff_changes_free(&st->ch);
	st->rows = NULL;
	st->threads = NULL;
	st->n_rows = st->n_threads = 0;
}

/* After the tree changed (the node ids are another tree's). */
static void
refresh(struct changes_state *st)
{
	if (!pair_ui_diffstat(st->p) ||
	    st->built == st->p->built_for)
		return;
	clear(st);
	build(st, st->p->s);
}

static int
changes_open(struct view *v, struct session *s)
{
	struct changes_state *st = v->state;

	st->fv = pair_ui_flame_below(v->below);
	if (!st->fv)
		return -1;
	st->p = ((struct flame_state *)st->fv->state)->pair;
	if (build(st, s) < 0) {
		clear(st);
		return -1;
	}
	st->cur.sel = -1;
	for (size_t i = 0; i < st->n_rows && st->cur.sel < 0; i++)
		if (st->rows[i].kind != ROW_HEADING)
			st->cur.sel = (long)i;
	if (st->cur.sel < 0)
		st->cur.sel = 0;
	return 0;
}

static void
changes_close(struct view *v)
{
	clear(v->state);
}

static bool
is_heading(const void *ctx, long row)
{
	const struct changes_state *st = ctx;

	return st->rows[row].kind == ROW_HEADING;
}

static long
rows_shown(const struct view *v)
{
	int h = v->ui->canvas.height - 2;

	return h > 0 ? h : 1;
}

/* The frames of a thread's stack in the order of the tree's paths. */
static uint32_t *
thread_path(const struct session *s, const struct diff_thread *th, size_t *n)
{
	const struct profile *p = &s->prof;
	const uint32_t *f = profile_stack_frames(p, th->stack);
	size_t depth = p->stacks[th->stack].depth;
	uint32_t *out = xmalloc((depth ? depth : 1) * sizeof *out);

	for (size_t i = 0; i < depth; i++)
		out[i] = s->query.inverted ? f[depth - 1 - i] : f[i];
	*n = depth;
	return out;
}

static unsigned
show(struct view *v, struct changes_state *st)
{
	struct ui *ui = v->ui;
	struct view *fv = st->fv;
	const struct row *r;
	uint32_t *path;
	size_t n;
	bool ok;

	if (st->cur.sel < 0 || (size_t)st->cur.sel >= st->n_rows)
		return VIEW_HANDLED;
	r = &st->rows[st->cur.sel];
	if (r->kind == ROW_HEADING)
		return VIEW_HANDLED;
	if (r->kind == ROW_THREAD)
		path = thread_path(st->p->s, &st->threads[r->i], &n);
	else
		path = calltree_frame_path(st->tree, r->kind == ROW_GONE ? st->ch.gone[r->i].node
			: st->ch.added[r->i].node, &n);
	/* back to the graph first: this view is gone after the pop */
	while (ui_top(ui) != fv && ui->n_views > 1)
		ui_pop(ui);
	ok = pair_ui_show_path(fv, path, n);
	free(path);
	if (!ok)
		ui_message(ui, "That stack is not in the graph as it is now");
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned
changes_action(struct view *v, enum action a)
{
	struct changes_state *st = v->state;
	int r;

	refresh(st);
	r = list_cursor_action(&st->cur, (long)st->n_rows, rows_shown(v), a,
		is_heading, st);

	if (r >= 0)
		return r ? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
	switch (a) {
	case ACTION_SHOW_IN_GRAPH:
		return show(v, st);
	default:
		return pair_ui_list_action(v, st->fv, ACTION_VIEW_CHANGES, a,
			"this list");
	}
}

/* "a › b › c" of a node's path, escaped later by the canvas. Caller
 * frees. */
static char *
path_text(const struct calltree *t, uint32_t node, size_t *len)
{
	size_t n, cap = 64, k = 0;
	uint32_t *ids = calltree_frame_path(t, node, &n);
	char *buf = xmalloc(cap);

	for (size_t i = 0; i < n; i++) {
		uint32_t f = ids[i];
		const struct frame *fr = profile_frame(t->prof, f);
		size_t need = k + fr->name_len + sizeof CRUMB;

		if (need > cap) {
			while (cap < need)
				cap *= 2;
			buf = xrealloc(buf, cap);
		}
		if (i) {
			memcpy(buf + k, CRUMB, sizeof CRUMB - 1);
			k += sizeof CRUMB - 1;
		}
		memcpy(buf + k, fr->name, fr->name_len);
		k += fr->name_len;
	}
	free(ids);
	*len = k;
	return buf;
}

static void
draw_stack(const struct changes_state *st, struct canvas *c, int y,
	const struct row *r, unsigned role)
{
	const struct diffstat *d = &st->p->d;
	const struct diff_stack *ds = r->kind == ROW_GONE ? &st->ch.gone[r->i]
		: &st->ch.added[r->i];
	enum diff_class cls = r->kind == ROW_GONE ? DIFF_GONE : DIFF_NEW;
	unsigned mark = role == ROLE_SELECTED ? role
		: diff_colour_role(st->p->palette, cls, 1, 0);
	char v[64];
	size_t len;
	char *path = path_text(st->tree, ds->node, &len);
	int x = 1, tw;

	units_format(ds->value, d->unit, v, sizeof v);
	tw = canvas_text_width(v, strlen(v));
	if (tw < 10)
		x += 10 - tw;
	x += canvas_put(c, x, y, c->width - x, v, strlen(v), role, 0) + 1;
	canvas_fill(c, x, y, 2, mark, 0);
	canvas_put(c, x, y, 2, diff_class_mark(cls), strlen(diff_class_mark(cls)), mark, 0);
	x += 3;
	if (x < c->width)
		canvas_put_elided(c, x, y, c->width - x, path, len, role, 0);
	free(path);
}

static void
draw_thread(const struct changes_state *st, struct canvas *c, int y,
	const struct row *r, unsigned role)
{
	const struct diff_thread *th = &st->threads[r->i];
	const struct profile *p = &st->p->s->prof;
	int rank = thread_rank(th->cls), x = 1;
	unsigned cls_role;
	char who[200];
	const uint32_t *f = profile_stack_frames(p, th->stack);
	size_t depth = p->stacks[th->stack].depth;
	const struct frame *leaf = depth ? profile_frame(p, f[depth - 1]) : NULL;
	int n = 0;

	if (role == ROLE_SELECTED)
		cls_role = role;
	else if (rank == 0)
		cls_role = diff_threads_role(st->p->palette, DIFF_THREADS_STUCK, 0);
	else if (rank == 1)
		cls_role = diff_threads_role(st->p->palette, DIFF_THREADS_PROGRESSING, 0);
	else if (rank == 2)
		cls_role = diff_colour_role(st->p->palette, DIFF_NEW, 1, 0);
	else
		cls_role = diff_colour_role(st->p->palette, DIFF_GONE, -1, 0);
	canvas_fill(c, x, y, 12, cls_role, 0);
	canvas_put(c, x + 1, y, 11, th->cls ? th->cls : "?", th->cls ? strlen(th->cls) : 1,
		cls_role, 0);
	x += 13;
	if (th->tid >= 0)
		n = snprintf(who, sizeof who, "tid %d", (int)th->tid);
	else if (th->goroutine)
		n = snprintf(who, sizeof who, "goroutine %s", th->goroutine);
	if (th->name)
		n += snprintf(who + n, sizeof who - (size_t)n, "%s%s", n ? " " : "", th->name);
	if (x < c->width)
		x += canvas_put_elided(c, x, y, 28 < c->width - x ? 28 : c->width - x, who,
			(size_t)n, role, 0) + 1;
	if (th->state && x + 2 < c->width) {
		int w = c->width - x < 12 ? c->width - x : 12;

		canvas_put_elided(c, x, y, w, th->state, strlen(th->state), ROLE_LABEL, 0);
		x += 13;
	}
	if (leaf && x < c->width)
		canvas_put_elided(c, x, y, c->width - x, leaf->name, leaf->name_len, role, 0);
}

static void
changes_draw(struct view *v, struct canvas *c)
{
	struct changes_state *st = v->state;
	const struct diffstat *d = pair_ui_diffstat(st->p);
	long h = rows_shown(v);
	char buf[300], key[32];
	int n;

	if (!d || c->height < 2)
		return;
	refresh(st);
	list_cursor_fit(&st->cur, (long)st->n_rows, h);
	n = snprintf(buf, sizeof buf, " Gone and new stacks" SEP "%zu gone" SEP "%zu new%s",
		st->ch.n_gone, st->ch.n_added, st->n_threads ? SEP "threads of two dumps" : "");
	canvas_fill(c, 0, 0, c->width, ROLE_TITLE, 0);
	canvas_put(c, 0, 0, c->width, buf, (size_t)n, ROLE_TITLE, 0);
	for (long i = 0; i < h && st->cur.top + i < (long)st->n_rows; i++) {
		long ri = st->cur.top + i;
		const struct row *r = &st->rows[ri];
		int y = 1 + (int)i;
		unsigned role = ri == st->cur.sel ? ROLE_SELECTED : ROLE_DEFAULT;

		if (y >= c->height - 1)
			break;
		if (r->kind == ROW_HEADING) {
			canvas_put(c, 1, y, c->width - 1, r->text, strlen(r->text),
				ROLE_HELP_HEADING, 0);
			continue;
		}
		canvas_fill(c, 0, y, c->width, role, 0);
		if (r->kind == ROW_THREAD)
			draw_thread(st, c, y, r, role);
		else
			draw_stack(st, c, y, r, role);
	}
	canvas_fill(c, 0, c->height - 1, c->width, ROLE_STATUS, 0);
	if (ui_draw_message(v->ui, c, 1, c->height - 1))
		return;
	ui_action_key(v->ui, ACTION_SHOW_IN_GRAPH, key, sizeof key);
	n = snprintf(buf, sizeof buf, " %s show in graph", key);
	ui_action_key(v->ui, ACTION_VIEW_CLOSE, key, sizeof key);
	n += snprintf(buf + n, sizeof buf - (size_t)n, SEP "%s close", key);
	canvas_put(c, 0, c->height - 1, c->width, buf, (size_t)n, ROLE_STATUS, 0);
}

const struct view_ops changes_view_ops = {
	.name = "changes",
	.keymap = KEYMAP_DIFF,
	.state_size = sizeof(struct changes_state),
	.open = changes_open,
	.action = changes_action,
	.draw = changes_draw,
	.close = changes_close,
};
