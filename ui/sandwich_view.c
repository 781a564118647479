#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breadcrumb.h"
#include "explore.h"
#include "palette.h"
#include "profile.h"
#include "sandwich.h"
#include "sandwich_view.h"
#include "search.h"
#include "session.h"
#include "span_draw.h"
#include "units.h"
#include "xmalloc.h"

#define SEP " \xc2\xb7 "          /* " · " */
#define CRUMB " \xe2\x80\xba "    /* " › " */

#define LEGEND SEP "callers \xe2\x96\xb2 \xe2\x96\xbc callees"
#define NO_SAMPLE "No sample goes through it with the filters in use"

enum { CALLERS = 0, CALLEES = 1 };

/* One of the two trees and where it is drawn. Rows are depths: F is
 * depth 1 (the tree's root, depth 0, is not drawn). */
struct half {
	const struct calltree *t;   /* borrowed from the sandwich */
	uint32_t f;                 /* F's node, CT_NONE when F has no sample */
	struct layout lay;          /* owned */
	size_t scroll;              /* depths skipped past F */
	int y0, h;                  /* screen lines */
	bool up;                    /* deeper rows higher up (the callers) */
};

struct sandwich_state {
	struct session *s;          /* borrowed */
	struct sandwich sw;         /* owned; valid when built */
	bool built;
	struct half half[2];
	int cur;                    /* the half of the selection */
	uint32_t sel;
	char **history;             /* functions shown before; owned */
	size_t n_history, cap_history;
	bool has_from;              /* opened on a node of the flame view */
	struct sandwich_instance from;
	struct sandwich_instance inst;   /* of the selection, when inst_ok */
	bool inst_ok;
	int title_y, crumb_y, status_y, status_h;
};

static double
all_total(const struct sandwich_state *st)
{
	return calltree_node(st->s->tree, CT_ROOT)->total;
}

static bool
empty(const struct sandwich_state *st)
{
	return !st->built || st->half[CALLERS].f == CT_NONE || st->half[CALLEES].f == CT_NONE;
}

/* --- building --------------------------------------------------------------------- */

static void
build(struct sandwich_state *st, const char *name, size_t len)
{
	if (st->built)
		sandwich_free(&st->sw);
	sandwich_build(&st->sw, &st->s->prof, &st->s->query, name, len, st->s->order);
	st->built = true;
	st->half[CALLERS].t = st->sw.callers;
	st->half[CALLERS].f = st->sw.callers_f;
	st->half[CALLEES].t = st->sw.callees;
	st->half[CALLEES].f = st->sw.callees_f;
	st->half[CALLERS].scroll = st->half[CALLEES].scroll = 0;
	st->cur = CALLEES;
	st->sel = st->sw.callees_f;
	st->inst_ok = false;
}

void
sandwich_view_set(struct view *v, const char *name, size_t len,
	const struct calltree *from_tree, uint32_t from_node)
{
	struct sandwich_state *st = v->state;
	char *copy = xstrndup(name, len);   /* name may live in the old trees */

	/* before the old trees go: from_tree may be one of them */
	st->has_from = from_tree != NULL;
	if (from_tree)
		sandwich_instance(from_tree, from_node, &st->from);
	if (st->built) {
		st->history = xgrow(st->history, &st->cap_history, st->n_history + 1,
			sizeof *st->history);
		st->history[st->n_history++] = xstrndup(st->sw.name, st->sw.name_len);
	}
	build(st, copy, len);
	free(copy);
}

void
sandwich_view_rebuilt(struct view *v)
{
	struct sandwich_state *st = v->state;
	char *name;

	if (!st->built)
		return;
	name = xstrndup(st->sw.name, st->sw.name_len);
	build(st, name, st->sw.name_len);
	free(name);
	st->has_from = false;   /* that node belonged to the old tree */
}

/* --- geometry ----------------------------------------------------------------------- */

static uint32_t
depth_of(const struct half *h, uint32_t id)
{
	return calltree_node(h->t, id)->depth;
}

/* Splits the lines between title, breadcrumb, the two halves and the
 * status: each half gets what it needs when both fit, else the smaller
 * one what it needs up to half and the other the rest. */
static void
place(struct sandwich_state *st, int height)
{
	int y = 0, avail, need[2], hc;

	st->title_y = height >= 8 ? y++ : -1;
	st->crumb_y = height >= 10 && breadcrumb_active(st->s) ? y++ : -1;
	st->status_h = height >= 6 ? 2 : height >= 3 ? 1 : 0;
	st->status_y = height - st->status_h;
	avail = st->status_y - y;
	if (avail < 0)
		avail = 0;
	for (int i = 0; i < 2; i++)
		need[i] = empty(st) ? 1 : (int)st->half[i].t->max_depth;
	if (need[CALLERS] + need[CALLEES] <= avail)
		hc = need[CALLERS];
	else if (need[CALLERS] < avail / 2)
		hc = need[CALLERS];
	else if (need[CALLEES] < avail - avail / 2)
		hc = avail - need[CALLEES];
	else
		hc = avail / 2;
	st->half[CALLERS].y0 = y;
	st->half[CALLERS].h = hc;
	st->half[CALLERS].up = true;
	st->half[CALLEES].y0 = y + hc;
	st->half[CALLEES].h = avail - hc;
	st->half[CALLEES].up = false;
}

static int
depth_to_y(const struct half *h, uint32_t depth)
{
	size_t off;

	if (depth < 1 + h->scroll)
		return -1;
	off = depth - 1 - h->scroll;
	if (off >= (size_t)h->h)
		return -1;
	return h->up ? h->y0 + h->h - 1 - (int)off : h->y0 + (int)off;
}

static long
y_to_depth(const struct half *h, int y)
{
	if (y < h->y0 || y >= h->y0 + h->h)
		return -1;
	return (long)(1 + h->scroll) + (h->up ? h->y0 + h->h - 1 - y : y - h->y0);
}

/* Scrolls the selection's half so that it is on screen. */
static void
scroll_to_sel(struct sandwich_state *st)
{
	struct half *h = &st->half[st->cur];
	uint32_t d = depth_of(h, st->sel);

	if (h->h <= 0)
		return;
	if (d < 1 + h->scroll)
		h->scroll = d - 1;
	else if (d >= 1 + h->scroll + (size_t)h->h)
		h->scroll = d - (size_t)h->h;
}

/* Lays out both halves: the rows on screen and one more, so that a move
 * one row past the edge finds its span. */
static void
relayout(struct sandwich_state *st, int width)
{
	for (int i = 0; i < 2; i++) {
		struct half *h = &st->half[i];

		if (empty(st))
			h->lay.n = h->lay.n_rows = 0;
		else
			layout_compute(&h->lay, h->t, h->f, width, 1 + h->scroll + (size_t)h->h + 1);
	}
}

static void
prepare(struct sandwich_state *st, const struct canvas *c)
{
	place(st, c->height);
	if (!empty(st))
		scroll_to_sel(st);
	relayout(st, c->width);
}

/* --- moving ------------------------------------------------------------------------- */

static bool
drawn(const struct half *h, uint32_t id)
{
	return layout_find(&h->lay, id, depth_of(h, id)) != NULL;
}

static bool
select_node(struct sandwich_state *st, int half, uint32_t id)
{
	if (id == CT_NONE || !drawn(&st->half[half], id))
		return false;
	st->cur = half;
	st->sel = id;
	st->inst_ok = false;
	return true;
}

/* Away from F: a caller in the upper half, a callee in the lower. */
static bool
move_out(struct sandwich_state *st)
{
	return select_node(st, st->cur, calltree_widest_child(st->half[st->cur].t, st->sel));
}

/* Towards F, and across to the other half's F. */
static bool
move_in(struct sandwich_state *st, bool cross)
{
	const struct half *h = &st->half[st->cur];

	if (st->sel != h->f)
		return select_node(st, st->cur, calltree_node(h->t, st->sel)->parent);
	if (!cross)
		return false;
	return select_node(st, 1 - st->cur, st->half[1 - st->cur].f);
}

/* The next drawn frame left or right on the same line. */
static bool
move_across(struct sandwich_state *st, int dir)
{
	const struct half *h = &st->half[st->cur];
	size_t n;
	const struct span *s = layout_row(&h->lay, depth_of(h, st->sel), &n);
	long i, at = -1;

	for (size_t k = 0; k < n; k++)
		if (s[k].kind == SPAN_NODE && s[k].node == st->sel)
			at = (long)k;
	if (at < 0)
		return false;
	for (i = at + dir; i >= 0 && i < (long)n; i += dir)
		if (s[i].kind == SPAN_NODE)
			return select_node(st, st->cur, s[i].node);
	return false;
}

static bool
move_leaf(struct sandwich_state *st)
{
	bool moved = false;

	while (move_out(st))
		moved = true;
	return moved;
}

static unsigned
pivot(struct view *v, struct sandwich_state *st)
{
	const struct half *h = &st->half[st->cur];

	if (empty(st) || st->sel == h->f) {
		ui_message(v->ui, "Select a caller or a callee to pivot to");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	sandwich_view_set(v, calltree_name(h->t, st->sel), calltree_name_len(h->t, st->sel),
		h->t, st->sel);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned
back(struct view *v, struct sandwich_state *st)
{
	char *name;

	if (st->n_history == 0) {
		ui_message(v->ui, "No function to go back to");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	name = st->history[--st->n_history];
	build(st, name, strlen(name));
	st->has_from = false;
	free(name);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned
sandwich_action(struct view *v, enum action a)
{
	struct sandwich_state *st = v->state;
	const struct half *h = &st->half[st->cur];
	bool moved = false;

	prepare(st, &v->ui->canvas);
	/* the move-* actions come first in ACTIONS, move-leaf last of them */
	if (empty(st) && a >= ACTION_MOVE_UP && a <= ACTION_MOVE_LEAF)
		return VIEW_HANDLED;
	switch (a) {
	case ACTION_MOVE_UP:
		moved = st->cur == CALLERS ? move_out(st) : move_in(st, true);
		break;
	case ACTION_MOVE_DOWN:
		moved = st->cur == CALLERS ? move_in(st, true) : move_out(st);
		break;
	case ACTION_MOVE_PARENT:
		moved = move_in(st, false);
		break;
	case ACTION_MOVE_CHILD:
		moved = move_out(st);
		break;
	case ACTION_MOVE_LEFT:
		moved = move_across(st, -1);
		break;
	case ACTION_MOVE_RIGHT:
		moved = move_across(st, 1);
		break;
	case ACTION_MOVE_ROOT:
		moved = select_node(st, st->cur, h->f);
		break;
	case ACTION_MOVE_LEAF:
		moved = move_leaf(st);
		break;
	case ACTION_ZOOM_IN:
	case ACTION_VIEW_SANDWICH:
		return pivot(v, st);
	case ACTION_ZOOM_OUT:
		return back(v, st);
	case ACTION_SCROLL_LINE_UP:
	case ACTION_SCROLL_LINE_DOWN:
	case ACTION_SCROLL_PAGE_UP:
	case ACTION_SCROLL_PAGE_DOWN:
	case ACTION_SCROLL_TOP:
	case ACTION_SCROLL_BOTTOM:
		return VIEW_HANDLED;   /* the selection decides what is shown */
	default:
		if (!st->built)
			return explore_action(v, a, NULL, 0);
		if (empty(st))
			return explore_action(v, a, st->sw.name, st->sw.name_len);
		return explore_action(v, a, calltree_name(h->t, st->sel),
			calltree_name_len(h->t, st->sel));
	}
	return moved ? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
}

static unsigned
sandwich_mouse(struct view *v, enum mouse_kind kind, int x, int y)
{
	struct sandwich_state *st = v->state;

	prepare(st, &v->ui->canvas);
	if (empty(st))
		return VIEW_HANDLED;
	for (int i = 0; i < 2; i++) {
		long d = y_to_depth(&st->half[i], y);
		const struct span *sp;

		if (d < 0 || !(sp = layout_at(&st->half[i].lay, (uint32_t)d, x)) ||
		    sp->kind != SPAN_NODE)
			continue;
		select_node(st, i, sp->node);
		if (kind == MOUSE_DOUBLE_CLICK)
			return pivot(v, st);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	return VIEW_HANDLED;
}

/* --- drawing ------------------------------------------------------------------------ */

static void
draw_half(struct sandwich_state *st, struct canvas *c, int i, struct search *search)
{
	const struct half *h = &st->half[i];

	for (size_t k = 0; k < h->lay.n; k++) {
		const struct span *sp = &h->lay.spans[k];
		int y = depth_to_y(h, sp->row);
		unsigned role = 0;

		if (y < 0 || sp->row == 0)
			continue;
		if (i == st->cur && sp->kind == SPAN_NODE && sp->node == st->sel)
			role = ROLE_SELECTED;
		else if (search && sp->kind == SPAN_NODE &&
		         search_node_matches(search, h->t, sp->node))
			role = ROLE_MATCH;
		span_draw(c, h->t, sp, y, role);
	}
}

/* "value (share)" of the whole profile. */
static const char *
value_share(const struct sandwich_state *st, double v, char *buf, size_t size)
{
	char a[64], p[32];

	snprintf(buf, size, "%s (%s)", units_format(v, session_unit(st->s), a, sizeof a),
		units_format_percent(v, all_total(st), p, sizeof p));
	return buf;
}

/* Puts each part that fits whole between *x and end, in turn. */
static void
put_parts(struct canvas *c, int *x, int y, int end, char parts[][160], int n,
	unsigned role)
{
	for (int i = 0; i < n; i++) {
		int w = canvas_text_width(parts[i], strlen(parts[i]));

		if (parts[i][0] && *x + w <= end)
			*x += canvas_put(c, *x, y, w, parts[i], strlen(parts[i]), role, 0);
	}
}

/* "Sandwich: F · 40 samples (28.4%) in 3 instances · this one 12 (8.51%)
 * · callers ▲ ▼ callees"; narrow screens keep the name and the total. */
static void
draw_title(const struct sandwich_state *st, struct canvas *c)
{
	char parts[3][160], all[128], one[128];
	int x = 1, y = st->title_y, end = c->width - 1, name_w, p0, room;
	static const char label[] = "Sandwich: ";

	canvas_fill(c, 0, y, c->width, ROLE_TITLE, 0);
	value_share(st, st->sw.total[0], all, sizeof all);
	parts[1][0] = '\0';
	if (st->has_from && st->from.instances > 1) {
		snprintf(parts[0], sizeof parts[0], SEP "%s in %u instances", all,
			st->from.instances);
		snprintf(parts[1], sizeof parts[1], SEP "this one %s",
			value_share(st, st->from.this_total[0], one, sizeof one));
	} else {
		snprintf(parts[0], sizeof parts[0], SEP "%s", all);
	}
	snprintf(parts[2], sizeof parts[2], "%s", LEGEND);
	name_w = canvas_text_fits(st->sw.name, st->sw.name_len, c->width)
		? canvas_text_width(st->sw.name, st->sw.name_len) : c->width;
	p0 = canvas_text_width(parts[0], strlen(parts[0]));
	if (x + (int)strlen(label) + name_w + p0 <= end)
		x += canvas_put(c, x, y, end - x, label, strlen(label), ROLE_TITLE, 0);
	room = end - x - p0;
	if (room < 12)
		room = 12;
	if (room > name_w)
		room = name_w;
	x += canvas_put_elided(c, x, y, room < end - x ? room : end - x, st->sw.name,
		st->sw.name_len, ROLE_TITLE, ATTR_BOLD);
	put_parts(c, &x, y, end, parts, 3, ROLE_TITLE);
}

/* The selection's call path, in call order: the callers down to F, or F
 * down to the callee. Caller frees. */
static char *
path_text(const struct sandwich_state *st, size_t *len)
{
	const struct half *h = &st->half[st->cur];
	size_t n = depth_of(h, st->sel), cap = 0, used = 0;
	uint32_t *ids = xmalloc((n ? n : 1) * sizeof *ids), id = st->sel;
	char *buf = NULL;

	for (size_t i = 0; i < n; i++, id = calltree_node(h->t, id)->parent)
		ids[h->up ? i : n - 1 - i] = id;
	for (size_t i = 0; i < n; i++) {
		size_t nl = calltree_name_len(h->t, ids[i]);

		buf = xgrow(buf, &cap, used + nl + sizeof CRUMB, 1);
		if (i > 0) {
			memcpy(buf + used, CRUMB, strlen(CRUMB));
			used += strlen(CRUMB);
		}
		memcpy(buf + used, calltree_name(h->t, ids[i]), nl);
		used += nl;
	}
	free(ids);
	*len = used;
	return buf;
}

static void
draw_status(struct sandwich_state *st, struct canvas *c, const struct ui *ui)
{
	const struct half *h = &st->half[st->cur];
	int y = st->status_y, x = 1;
	char parts[3][160], a[64], b[64], p[32];
	size_t len;
	char *path;

	for (int i = 0; i < st->status_h; i++)
		canvas_fill(c, 0, y + i, c->width, ROLE_STATUS, 0);
	if (st->status_h == 2) {
		path = path_text(st, &len);
		canvas_put_elided(c, 1, y, c->width - 2, path, len, ROLE_STATUS_NAME, 0);
		free(path);
		y++;
	}
	if (ui_draw_message(ui, c, 1, y))
		return;
	if (!st->inst_ok) {
		sandwich_instance(h->t, st->sel, &st->inst);
		st->inst_ok = true;
	}
	snprintf(parts[0], sizeof parts[0], "%s",
		units_format(st->inst.this_total[0], session_unit(st->s), a, sizeof a));
	snprintf(parts[1], sizeof parts[1], SEP "%s of the sandwich",
		units_format_percent(st->inst.this_total[0], st->sw.total[0], p, sizeof p));
	parts[2][0] = '\0';
	if (st->sel != h->f && st->inst.instances > 1)
		snprintf(parts[2], sizeof parts[2], SEP "all %u here: %s", st->inst.instances,
			units_format(st->inst.all_total[0], session_unit(st->s), b, sizeof b));
	else if (st->sel == h->f)
		snprintf(parts[2], sizeof parts[2], SEP "self %s",
			units_format(st->sw.self[0], session_unit(st->s), b, sizeof b));
	put_parts(c, &x, y, c->width - 1, parts, 3, ROLE_STATUS);
}

static void
sandwich_draw(struct view *v, struct canvas *c)
{
	struct sandwich_state *st = v->state;
	struct search *search = explore_search(v->ui);

	if (!st->built)
		return;
	prepare(st, c);
	if (st->title_y >= 0)
		draw_title(st, c);
	if (st->crumb_y >= 0)
		breadcrumb_draw(c, 1, st->crumb_y, c->width - 2, st->s);
	if (empty(st)) {
		int y = st->half[CALLERS].y0;

		if (y < st->status_y)
			canvas_put(c, 1, y, c->width - 1, NO_SAMPLE, strlen(NO_SAMPLE),
				ROLE_LABEL, 0);
		if (st->status_h > 0)
			explore_status(c, st->status_y + st->status_h - 1, v->ui, NULL, 0);
		return;
	}
	draw_half(st, c, CALLERS, search);
	draw_half(st, c, CALLEES, search);
	if (st->status_h > 0)
		draw_status(st, c, v->ui);
}

static int
sandwich_open(struct view *v, struct session *s)
{
	struct sandwich_state *st = v->state;

	if (!s->tree)
		return -1;
	st->s = s;
	layout_init(&st->half[CALLERS].lay);
	layout_init(&st->half[CALLEES].lay);
	return 0;
}

static void
sandwich_close(struct view *v)
{
	struct sandwich_state *st = v->state;

	if (st->built)
		sandwich_free(&st->sw);
	layout_free(&st->half[CALLERS].lay);
	layout_free(&st->half[CALLEES].lay);
	for (size_t i = 0; i < st->n_history; i++)
		free(st->history[i]);
	free(st->history);
}

const struct view_ops sandwich_view_ops = {
	.name = "sandwich",
	.keymap = KEYMAP_SANDWICH,
	.state_size = sizeof(struct sandwich_state),
	.open = sandwich_open,
	.action = sandwich_action,
	.mouse = sandwich_mouse,
	.draw = sandwich_draw,
	.close = sandwich_close,
};
