#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "calltree.h"
#include "delta_view.h"
#include "list_cursor.h"
#include "pair_ui.h"
#include "profile.h"
#include "units.h"

#define SEP " \xc2\xb7 "   /* " · " */

struct delta_state {
	struct view *fv;            /* the flame view under the table */
	struct pair_ui *p;          /* borrowed from it */
	struct diff_table tab;      /* owned */
	uint64_t built;             /* generation the table was made for */
	enum diff_sort sort;
	struct list_cursor cur;
};

/* Which columns fit: 2 all, 1 without before and after, 0 the least. */
static int
columns(int width)
{
	return width >= 72 ? 2 : width >= 48 ? 1 : 0;
}

static int
delta_open(struct view *v, struct session *s)
{
	struct delta_state *st = v->state;
	const struct diffstat *d;

	(void)s;
	st->fv = pair_ui_flame_below(v->below);
	if (!st->fv)
		return -1;
	st->p = ((struct flame_state *)st->fv->state)->pair;
	if (!(d = pair_ui_diffstat(st->p)))
		return -1;
	diff_table_build(&st->tab, d);
	st->built = st->p->built_for;
	if (st->tab.n == 0) {
		diff_table_free(&st->tab);
		return -1;
	}
	st->sort = DIFF_SORT_REGRESSION;
	st->cur.sel = 0;
	return 0;
}

static void
delta_close(struct view *v)
{
	struct delta_state *st = v->state;

	diff_table_free(&st->tab);
}

/* After the tree changed: the table of the new one, in the same order. */
static void
refresh(struct delta_state *st)
{
	const struct diffstat *d = pair_ui_diffstat(st->p);

	if (!d || st->built == st->p->built_for)
		return;
	diff_table_free(&st->tab);
	diff_table_build(&st->tab, d);
	diff_table_sort(&st->tab, d, st->sort);
	st->built = st->p->built_for;
}

static long
rows_shown(const struct view *v)
{
	int h = v->ui->canvas.height - 3;

	return h > 0 ? h : 1;
}

static const char *
sort_name(enum diff_sort k)
{
	switch (k) {
	case DIFF_SORT_IMPROVEMENT:
		return "improvement";
	case DIFF_SORT_DELTA:
		return "size of the change";
	case DIFF_SORT_DELTA_PCT:
		return "delta %";
	case DIFF_SORT_BEFORE:
		return "before";
	case DIFF_SORT_AFTER:
		return "after";
	case DIFF_SORT_NAME:
		return "name";
	default:
		return "regression";
	}
}

static int
sort_of(enum action a)
{
	switch (a) {
	case ACTION_SORT_REGRESSION:
		return DIFF_SORT_REGRESSION;
	case ACTION_SORT_IMPROVEMENT:
		return DIFF_SORT_IMPROVEMENT;
	case ACTION_SORT_DELTA:
		return DIFF_SORT_DELTA;
	case ACTION_SORT_DELTA_PERCENT:
		return DIFF_SORT_DELTA_PCT;
	case ACTION_SORT_BEFORE:
		return DIFF_SORT_BEFORE;
	case ACTION_SORT_AFTER:
		return DIFF_SORT_AFTER;
	case ACTION_SORT_NAME:
		return DIFF_SORT_NAME;
	default:
		return -1;
	}
}

static unsigned
delta_action(struct view *v, enum action a)
{
	struct delta_state *st = v->state;
	const struct diffstat *d;
	struct ui *ui = v->ui;
	int r, k;

	refresh(st);
	d = pair_ui_diffstat(st->p);
	r = list_cursor_action(&st->cur, (long)st->tab.n, rows_shown(v), a, NULL, NULL);

	if (r >= 0)
		return r ? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
	if ((st->tab.n == 0 || st->cur.sel < 0) &&
	    (sort_of(a) >= 0 || a == ACTION_SHOW_IN_GRAPH))
		return VIEW_HANDLED;
	if ((k = sort_of(a)) >= 0) {
		uint32_t frame = st->tab.rows[st->cur.sel].frame;

		if (!d)
			return VIEW_HANDLED;
		st->sort = (enum diff_sort)k;
		diff_table_sort(&st->tab, d, st->sort);
		/* the selected function stays selected */
		for (size_t i = 0; i < st->tab.n; i++)
			if (st->tab.rows[i].frame == frame)
				st->cur.sel = (long)i;
		list_cursor_fit(&st->cur, (long)st->tab.n, rows_shown(v));
		ui_message(ui, "Sorted by %s", sort_name(st->sort));
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	switch (a) {
	case ACTION_SHOW_IN_GRAPH: {
		struct view *fv = st->fv;
		uint32_t frame = st->tab.rows[st->cur.sel].frame;

		/* back to the graph first: this view is gone after the pop */
		while (ui_top(ui) != fv && ui->n_views > 1)
			ui_pop(ui);
		if (!pair_ui_show_frame(fv, frame))
			ui_message(ui, "That function is not in the graph as it is now");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	default:
		return pair_ui_list_action(v, st->fv, ACTION_VIEW_DELTA, a,
			"the delta table");
	}
}

static void
pct_col(const struct diff_func *f, char *buf, size_t size)
{
	if (f->before == 0)
		snprintf(buf, size, "%s", f->after != 0 ? "new" : "");
	else if (f->delta == 0)
		snprintf(buf, size, "0%%");
	else if (fabs(f->delta_pct) >= 10)
		snprintf(buf, size, "%+.1f%%", f->delta_pct);
	else
		snprintf(buf, size, "%+.2f%%", f->delta_pct);
}

/* Counts without their unit (the title names it), times and sizes with
 * theirs. */
static const char *
value_text(double v, const char *unit, bool sign, char *buf, size_t size)
{
	char tmp[64];

	units_format_value(v, unit, tmp, sizeof tmp);
	snprintf(buf, size, "%s%s", sign && v > 0 ? "+" : "", tmp);
	return buf;
}

/* A right-aligned cell of w columns ending at x + w. */
static void
right(struct canvas *c, int x, int y, int w, const char *s, unsigned role)
{
	int tw = canvas_text_width(s, strlen(s));

	if (tw > w)
		tw = w;
	canvas_put(c, x + w - tw, y, tw, s, strlen(s), role, 0);
}

static void
draw_row(const struct delta_state *st, const struct diffstat *d, struct canvas *c,
	int y, const struct diff_func *f, bool selected)
{
	const struct frame *fr = profile_frame(d->tree->prof, f->frame);
	int cols = columns(c->width), x = 0;
	unsigned role = selected ? ROLE_SELECTED : ROLE_DEFAULT, mark_role;
	double in = d->scale > 0 ? f->metric / d->scale : 0;
	char v[64], buf[80];

	canvas_fill(c, 0, y, c->width, role, 0);
	if (cols == 2) {
		right(c, x, y, 10, value_text(f->before, d->unit, false, v, sizeof v), role);
		right(c, x + 10, y, 11, value_text(f->after, d->unit, false, v, sizeof v), role);
		x += 21;
	}
	if (cols >= 1) {
		right(c, x, y, 11, value_text(f->delta, d->unit, true, buf, sizeof buf), role);
		x += 11;
	}
	pct_col(f, buf, sizeof buf);
	right(c, x, y, 9, buf, role);
	x += 9;
	if (cols >= 1) {
		snprintf(buf, sizeof buf, "%+.2f", f->metric);
		if (fabs(f->metric) < 0.005)
			snprintf(buf, sizeof buf, "0.00");
		right(c, x, y, 9, buf, role);
		x += 9;
	}
	x++;
	mark_role = selected ? role : diff_colour_role(st->p->palette,
		(enum diff_class)f->cls, in > 1 ? 1 : in < -1 ? -1 : in, 0);
	if (f->cls != DIFF_SAME)
		canvas_fill(c, x, y, 2, mark_role, 0);
	canvas_put(c, x, y, 2, diff_class_mark((enum diff_class)f->cls),
		strlen(diff_class_mark((enum diff_class)f->cls)), mark_role, 0);
	x += 3;
	if (x < c->width)
		canvas_put_elided(c, x, y, c->width - x, fr->name, fr->name_len, role, 0);
}

static void
draw_header(const struct delta_state *st, const struct diffstat *d,
	struct canvas *c, int y)
{
	int cols = columns(c->width), x = 0;
	unsigned role = ROLE_LABEL;

	if (cols == 2) {
		right(c, x, y, 10, "before", role);
		right(c, x + 10, y, 11, "after", role);
		x += 21;
	}
	if (cols >= 1) {
		right(c, x, y, 11, "delta", role);
		x += 11;
	}
	right(c, x, y, 9, "delta%", role);
	x += 9;
	if (cols >= 1) {
		right(c, x, y, 9, d->set.metric == DIFF_BY_SHARE ? "share pp" : "abs %", role);
		x += 9;
	}
	x += 4;
	(void)st;
	if (x < c->width)
		canvas_put(c, x, y, c->width - x, "function", 8, role, 0);
}

static void
draw_status(const struct view *v, const struct delta_state *st, struct canvas *c,
	int y)
{
	static const enum action hints[] = {
		ACTION_SHOW_IN_GRAPH, ACTION_SORT_REGRESSION, ACTION_SORT_IMPROVEMENT,
		ACTION_SORT_DELTA, ACTION_SORT_DELTA_PERCENT, ACTION_VIEW_CLOSE,
	};
	static const char *const what[] = {
		"show in graph", "regression", "improvement", "delta", "delta%", "close",
	};
	char buf[400], key[32];
	int len, w = c->width;

	canvas_fill(c, 0, y, w, ROLE_STATUS, 0);
	if (ui_draw_message(v->ui, c, 1, y))
		return;
	len = snprintf(buf, sizeof buf, " %ld/%zu", st->cur.sel + 1, st->tab.n);
	for (size_t i = 0; i < sizeof hints / sizeof hints[0]; i++) {
		char part[80];
		int n;

		if (!ui_action_key(v->ui, hints[i], key, sizeof key))
			continue;
		n = snprintf(part, sizeof part, SEP "%s %s", key, what[i]);
		if (canvas_text_width(buf, (size_t)len) + canvas_text_width(part, (size_t)n) > w)
			break;
		len += snprintf(buf + len, sizeof buf - (size_t)len, "%s", part);
	}
	canvas_put(c, 0, y, w, buf, (size_t)len, ROLE_STATUS, 0);
}

static void
delta_draw(struct view *v, struct canvas *c)
{
	struct delta_state *st = v->state;
	const struct diffstat *d = pair_ui_diffstat(st->p);
	long h = rows_shown(v);
	char title[200];
	int n;

	if (!d || c->height < 2)
		return;
	refresh(st);
	list_cursor_fit(&st->cur, (long)st->tab.n, h);
	n = snprintf(title, sizeof title, " Delta table" SEP "%zu functions" SEP
		"%s" SEP "sorted by %s" SEP "%s", st->tab.n, d->unit, sort_name(st->sort),
		d->set.metric == DIFF_BY_SHARE ? "change of share" : "absolute change");
	canvas_fill(c, 0, 0, c->width, ROLE_TITLE, 0);
	canvas_put(c, 0, 0, c->width, title, (size_t)n, ROLE_TITLE, 0);
	if (c->height >= 4)
		draw_header(st, d, c, 1);
	for (long i = 0; i < h && st->cur.top + i < (long)st->tab.n; i++) {
		long r = st->cur.top + i;
		int y = 2 + (int)i;

		if (y >= c->height - 1)
			break;
		draw_row(st, d, c, y, &st->tab.rows[r], r == st->cur.sel);
	}
	draw_status(v, st, c, c->height - 1);
}

const struct view_ops delta_view_ops = {
	.name = "delta",
	.keymap = KEYMAP_DIFF,
	.state_size = sizeof(struct delta_state),
	.open = delta_open,
	.action = delta_action,
	.draw = delta_draw,
	.close = delta_close,
};
