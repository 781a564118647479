#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breadcrumb.h"
#include "explore.h"
#include "palette.h"
#include "profile.h"
#include "list_cursor.h"
#include "prompt.h"
#include "search.h"
#include "session.h"
#include "top.h"
#include "top_view.h"
#include "units.h"
#include "xmalloc.h"

struct top_state {
	struct session *s;          /* borrowed */
	struct top *tp;             /* owned */
	size_t sel;                 /* index into tp->view */
	size_t top;                 /* first row on screen */
	char *filter;               /* the filter shown, NULL for none; owned */
	bool icase;
};

/* The numeric columns, left to right before the function's name. */
enum column {
	COL_SELF,
	COL_SELF_PCT,
	COL_TOTAL,
	COL_TOTAL_PCT,
	COL_CALLS,
	COL_COUNT
};

static const struct {
	const char *title;
	int width;
	enum top_column sort;
} columns[COL_COUNT] = {
	[COL_SELF] = { "self", 10, TOP_BY_SELF },
	[COL_SELF_PCT] = { "self%", 7, TOP_BY_SELF },
	[COL_TOTAL] = { "total", 10, TOP_BY_TOTAL },
	[COL_TOTAL_PCT] = { "total%", 7, TOP_BY_TOTAL },
	[COL_CALLS] = { "calls", 6, TOP_BY_CALLS },
};

#define GAP 2
#define NO_ROW "(no function matches the filter)"
#define NAME_MIN 16

/* Which columns a width shows: the values give way first, then the
 * callers, then self%. */
static unsigned
shown_columns(int width)
{
	static const unsigned sets[] = {
		1u << COL_SELF | 1u << COL_SELF_PCT | 1u << COL_TOTAL |
			1u << COL_TOTAL_PCT | 1u << COL_CALLS,
		1u << COL_SELF_PCT | 1u << COL_TOTAL_PCT | 1u << COL_CALLS,
		1u << COL_SELF_PCT | 1u << COL_TOTAL_PCT,
		1u << COL_TOTAL_PCT,
	};

	for (size_t i = 0; i < sizeof sets / sizeof sets[0]; i++) {
		int w = 1;

		for (int c = 0; c < COL_COUNT; c++)
			if (sets[i] & 1u << c)
				w += columns[c].width + GAP;
		if (width - w >= NAME_MIN)
			return sets[i];
	}
	return 0;
}

static const char *
unit_of(const struct top *tp)
{
	if (tp->type < 0 || (size_t)tp->type >= tp->prof->n_types)
		return UNIT_SAMPLES;
	return profile_type_unit(tp->prof, tp->type);
}

static const char *
cell_text(const struct top *tp, const struct top_row *r, enum column col, char *buf,
	size_t size)
{
	switch (col) {
	case COL_SELF:
		return units_format_value(r->self[0], unit_of(tp), buf, size);
	case COL_SELF_PCT:
		return units_format_percent(r->self[0], tp->total[0], buf, size);
	case COL_TOTAL:
		return units_format_value(r->total[0], unit_of(tp), buf, size);
	case COL_TOTAL_PCT:
		return units_format_percent(r->total[0], tp->total[0], buf, size);
	default:
		snprintf(buf, size, "%u", r->calls);
		return buf;
	}
}

/* Right-aligned text in a column of w cells ending at x + w. */
static void
put_right(struct canvas *c, int x, int y, int w, const char *s, unsigned role,
	unsigned attr)
{
	int tw = canvas_text_width(s, strlen(s));

	if (tw > w)
		tw = w;
	canvas_put(c, x + w - tw, y, tw, s, strlen(s), role, attr);
}

/* --- geometry ------------------------------------------------------------------ */

/* Keeps the selection in the view and on screen. */
static void
clamp(struct top_state *st, int rows_h)
{
	list_cursor_fit_index(&st->sel, &st->top, st->tp->n_view, rows_h);
}

static const struct top_row *
selected(const struct top_state *st)
{
	if (st->sel >= st->tp->n_view)
		return NULL;
	return &st->tp->rows[st->tp->view[st->sel]];
}

/* The view index of the row named name[0..len), or SIZE_MAX. */
static size_t
find_shown(const struct top *tp, const char *name, size_t len)
{
	size_t r = top_find(tp, name, len);

	for (size_t i = 0; r != SIZE_MAX && i < tp->n_view; i++)
		if (tp->view[i] == r)
			return i;
	return SIZE_MAX;
}

static void
build(struct top_state *st, enum top_column sort)
{
	struct error err;

	st->tp = top_build(st->s->tree);
	top_sort(st->tp, sort);
	error_clear(&err);
	top_filter(st->tp, st->filter, false, st->icase, &err);
}

void
top_view_rebuilt(struct view *v)
{
	struct top_state *st = v->state;
	const struct top_row *r = selected(st);
	char *name = r ? xstrndup(r->name, r->name_len) : NULL;
	size_t len = r ? r->name_len : 0, i;
	enum top_column sort = st->tp->sort;

	top_free(st->tp);
	build(st, sort);
	st->sel = 0;
	if (name && (i = find_shown(st->tp, name, len)) != SIZE_MAX)
		st->sel = i;
	free(name);
}

/* --- the filter prompt --------------------------------------------------------- */

static void
set_filter(struct top_state *st, const char *text, bool icase)
{
	struct error err;
	const struct top_row *r = selected(st);
	char *name = r ? xstrndup(r->name, r->name_len) : NULL;
	size_t len = r ? r->name_len : 0, i;
	char *copy = text && text[0] ? xstrdup(text) : NULL;   /* text may be st->filter */

	free(st->filter);
	st->filter = copy;
	st->icase = icase;
	error_clear(&err);
	top_filter(st->tp, st->filter, false, icase, &err);
	/* the same function stays selected while it is shown */
	st->sel = 0;
	if (name && (i = find_shown(st->tp, name, len)) != SIZE_MAX)
		st->sel = i;
	free(name);
}

static void
filter_changed(struct view *owner, int arg, const char *text, bool icase, char *note,
	size_t size)
{
	struct top_state *st = owner->state;

	(void)arg;
	set_filter(st, text, icase);
	snprintf(note, size, "%zu of %zu", st->tp->n_view, st->tp->n);
}

/* Enter keeps the filter as typed, Esc restores the one before. */
static const struct prompt_ops filter_prompt = {
	.changed = filter_changed,
};

static void
open_filter(struct view *v, struct top_state *st)
{
	struct prompt_setup ps = {
		.label = "filter: ", .text = st->filter, .icase = st->icase,
		.has_case = true, .restore = true, .ops = &filter_prompt,
	};

	prompt_open(v->ui, &ps);
}

/* --- actions ------------------------------------------------------------------- */

static void
sort_by(struct top_state *st, enum top_column col)
{
	const struct top_row *r = selected(st);
	size_t i;

	top_sort(st->tp, col);
	if (r && (i = find_shown(st->tp, r->name, r->name_len)) != SIZE_MAX)
		st->sel = i;
}

static unsigned
top_action(struct view *v, enum action a)
{
	struct top_state *st = v->state;
	struct list_geom g;
	const struct top_row *r = selected(st);
	size_t old_sel = st->sel, old_top = st->top, n = st->tp->n_view;
	bool changed = false;

	list_geom(v->ui->canvas.height, breadcrumb_active(st->s), &g);
	if (list_cursor_action_index(&st->sel, &st->top, n, g.rows_h, a) < 0) switch (a) {
	case ACTION_MOVE_LEFT:
	case ACTION_MOVE_RIGHT:
		return VIEW_HANDLED;
	case ACTION_SORT_SELF:
	case ACTION_SORT_TOTAL:
	case ACTION_SORT_NAME:
	case ACTION_SORT_CALLS: {
		static const enum top_column cols[] = {
			TOP_BY_SELF, TOP_BY_TOTAL, TOP_BY_NAME, TOP_BY_CALLS,
		};

		sort_by(st, cols[a - ACTION_SORT_SELF]);
		changed = true;
		break;
	}
	case ACTION_SEARCH_REGEX:
		open_filter(v, st);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_SEARCH_CLEAR:
		if (!st->filter)
			return VIEW_HANDLED;
		set_filter(st, NULL, st->icase);
		changed = true;
		break;
	case ACTION_TOGGLE_SEARCH_CASE:
		set_filter(st, st->filter, !st->icase);
		ui_message(v->ui, st->icase ? "The filter ignores case" : "The filter matches case");
		changed = true;
		break;
	case ACTION_ZOOM_IN:
		return top_action(v, ACTION_VIEW_SANDWICH);
	default:
		return explore_action(v, a, r ? r->name : NULL, r ? r->name_len : 0);
	}
	clamp(st, g.rows_h);
	return changed || st->sel != old_sel || st->top != old_top
		? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
}

static unsigned
top_mouse(struct view *v, enum mouse_kind kind, int x, int y)
{
	struct top_state *st = v->state;
	struct list_geom g;

	(void)x;
	list_geom(v->ui->canvas.height, breadcrumb_active(st->s), &g);
	if (!list_geom_click(&g, y, st->top, st->tp->n_view, &st->sel))
		return VIEW_HANDLED;
	if (kind == MOUSE_DOUBLE_CLICK)
		return top_action(v, ACTION_VIEW_SANDWICH);
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* --- drawing ------------------------------------------------------------------- */

static void
draw_title(const struct top_state *st, struct canvas *c, int y)
{
	const struct top *tp = st->tp;
	char buf[160];
	int x = 1;

	canvas_fill(c, 0, y, c->width, ROLE_TITLE, 0);
	snprintf(buf, sizeof buf, "Top functions \xc2\xb7 %zu of %zu \xc2\xb7 by %s",
		tp->n_view, tp->n, top_column_name(tp->sort));
	if (canvas_text_width(buf, strlen(buf)) > c->width - 2)
		snprintf(buf, sizeof buf, "%zu of %zu \xc2\xb7 by %s", tp->n_view, tp->n,
			top_column_name(tp->sort));
	x += canvas_put(c, x, y, c->width - x, buf, strlen(buf), ROLE_TITLE, 0);
	if (st->filter && x + 14 < c->width) {
		x += canvas_put(c, x, y, c->width - x, " \xc2\xb7 filter: ", 12, ROLE_TITLE, 0);
		canvas_put_elided(c, x, y, c->width - x - 1, st->filter, strlen(st->filter),
			ROLE_TITLE, 0);
	}
}

static void
draw_header(const struct top_state *st, struct canvas *c, int y, unsigned cols)
{
	int x = 1;
	enum top_column sort = st->tp->sort;
	bool marked = false;

	for (int k = 0; k < COL_COUNT; k++) {
		char head[32];
		bool mark;

		if (!(cols & 1u << k))
			continue;
		/* the sort mark on the first column shown of the sort's */
		mark = columns[k].sort == sort && !marked;
		marked |= mark;
		snprintf(head, sizeof head, "%s%s", mark ? "\xe2\x96\xbe" : "", columns[k].title);
		put_right(c, x, y, columns[k].width, head, mark ? ROLE_HELP_HEADING : ROLE_LABEL,
			mark ? ATTR_BOLD : 0);
		x += columns[k].width + GAP;
	}
	canvas_put(c, x, y, c->width - x, "function", 8,
		sort == TOP_BY_NAME ? ROLE_HELP_HEADING : ROLE_LABEL,
		sort == TOP_BY_NAME ? ATTR_BOLD : 0);
	if (sort == TOP_BY_NAME)
		canvas_put(c, x + 8, y, c->width - x - 8, "\xe2\x96\xb4", 3, ROLE_HELP_HEADING, 0);
}

static void
draw_row(const struct top_state *st, struct canvas *c, int y, size_t i, unsigned cols,
	struct search *search)
{
	const struct top *tp = st->tp;
	const struct top_row *r = &tp->rows[tp->view[i]];
	bool sel = i == st->sel;
	unsigned role = sel ? ROLE_SELECTED : ROLE_DEFAULT;
	int x = 1;

	if (sel)
		canvas_fill(c, 0, y, c->width, ROLE_SELECTED, 0);
	for (int k = 0; k < COL_COUNT; k++) {
		char buf[64];

		if (!(cols & 1u << k))
			continue;
		put_right(c, x, y, columns[k].width, cell_text(tp, r, (enum column)k, buf,
			sizeof buf), role, 0);
		x += columns[k].width + GAP;
	}
	if (!sel && search && search_frame_matches(search, tp->prof, r->frame))
		role = ROLE_MATCH;
	canvas_put_elided(c, x, y, c->width - x - 1, r->name, r->name_len, role, 0);
}

static const struct explore_hint hints[] = {
	{ ACTION_VIEW_SANDWICH, "sandwich" },
	{ ACTION_SEARCH_REGEX, "filter" },
	{ ACTION_SORT_SELF, "self" },
	{ ACTION_SORT_TOTAL, "total" },
	{ ACTION_SORT_NAME, "name" },
	{ ACTION_SORT_CALLS, "calls" },
	{ ACTION_VIEW_CLOSE, "back" },
	{ ACTION_VIEW_HELP, "help" },
};

static void
top_draw(struct view *v, struct canvas *c)
{
	struct top_state *st = v->state;
	struct list_geom g;
	unsigned cols = shown_columns(c->width);
	struct search *search = explore_search(v->ui);

	list_geom(c->height, breadcrumb_active(st->s), &g);
	clamp(st, g.rows_h);
	if (g.title_y >= 0)
		draw_title(st, c, g.title_y);
	if (g.crumb_y >= 0)
		breadcrumb_draw(c, 1, g.crumb_y, c->width - 2, st->s);
	if (g.head_y >= 0)
		draw_header(st, c, g.head_y, cols);
	for (int k = 0; k < g.rows_h && st->top + (size_t)k < st->tp->n_view; k++)
		draw_row(st, c, g.rows_y + k, st->top + (size_t)k, cols, search);
	if (st->tp->n_view == 0 && g.rows_h > 0)
		canvas_put(c, 1, g.rows_y, c->width - 1, NO_ROW, strlen(NO_ROW), ROLE_LABEL, 0);
	if (g.status_y >= 0)
		explore_status(c, g.status_y, v->ui, hints, sizeof hints / sizeof hints[0]);
}

static int
top_open(struct view *v, struct session *s)
{
	struct top_state *st = v->state;

	if (!s->tree)
		return -1;
	st->s = s;
	st->icase = true;
	build(st, TOP_BY_SELF);
	return 0;
}

static void
top_close(struct view *v)
{
	struct top_state *st = v->state;

	top_free(st->tp);
	free(st->filter);
}

const struct view_ops top_view_ops = {
	.name = "top",
	.keymap = KEYMAP_TOP,
	.state_size = sizeof(struct top_state),
	.open = top_open,
	.action = top_action,
	.mouse = top_mouse,
	.draw = top_draw,
	.close = top_close,
};
