/* The flame view: selection moves, zoom with history, scrolling, and
 * drawing the layout's spans.
 *
 * The selection is always something the user can see: a frame with its
 * own span, or a frame too narrow to draw whose caller is drawn (then
 * the caller's "+N" aggregate is highlighted and the status line names
 * the frame). Left and right walk the drawn siblings in screen order,
 * then the narrow ones in tree order, so every frame is reachable by
 * keys. The layout is cached and recomputed only when the zoom, the
 * width or the rows needed change. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "flame_explore.h"
#include "flame_view.h"
#include "pair_ui.h"
#include "palette.h"
#include "profile.h"
#include "session.h"
#include "span_draw.h"
#include "xmalloc.h"

void
flame_geom(int width, int height, bool details, struct flame_geom *g)
{
	memset(g, 0, sizeof *g);
	g->width = width > 0 ? width : 0;
	g->title_y = -1;
	g->graph_y = 0;
	if (height >= 8) {
		g->title_y = 0;
		g->graph_y = 1;
		g->status_h = 2;
	} else if (height >= 4) {
		g->status_h = 2;
	} else if (height >= 2) {
		g->status_h = 1;
	} else {
		g->status_h = 0;
	}
	g->graph_h = height - g->graph_y - g->status_h;
	if (g->graph_h < 0)
		g->graph_h = 0;
	g->status_y = height - g->status_h;
	g->graph_w = g->width;
	if (!details)
		return;
	if (g->width >= 110 && g->graph_h >= 4) {
		/* wide: a column on the right, a third of the screen at most */
		g->det_w = g->width / 3;
		if (g->det_w < 36)
			g->det_w = 36;
		if (g->det_w > 64)
			g->det_w = 64;
		g->graph_w = g->width - g->det_w - 1;
		g->det_x = g->graph_w + 1;
		g->det_y = g->graph_y;
		g->det_h = g->graph_h;
		g->det_side = true;
	} else if (g->graph_h >= 6) {
		/* below the graph: half of it, up to 12 lines */
		g->det_h = g->graph_h / 2;
		if (g->det_h > 12)
			g->det_h = 12;
		g->graph_h -= g->det_h;
		g->det_x = 0;
		g->det_y = g->graph_y + g->graph_h;
		g->det_w = g->width;
	}
}

static const struct calltree *
tree_of(const struct flame_state *st)
{
	return st->s->tree;
}

static uint32_t
depth_of(const struct flame_state *st, uint32_t id)
{
	return calltree_node(tree_of(st), id)->depth;
}

static uint32_t
parent_of(const struct flame_state *st, uint32_t id)
{
	return calltree_node(tree_of(st), id)->parent;
}

static void
view_geom(const struct view *v, struct flame_geom *g)
{
	struct flame_state *st = v->state;

	/* the search and filter lines take room above the status */
	flame_explore_geom(st, v->ui->canvas.width, v->ui->canvas.height, g);
	pair_ui_geom(st->pair, g);   /* the diff or hot/cold legend */
}

/* Screen line of a layout row, or -1 when it is off screen. */
static int
row_to_y(const struct flame_state *st, const struct flame_geom *g, size_t row)
{
	if (row < st->top || row - st->top >= (size_t)g->graph_h)
		return -1;
	if (st->flame)
		return g->graph_y + g->graph_h - 1 - (int)(row - st->top);
	return g->graph_y + (int)(row - st->top);
}

static long
y_to_row(const struct flame_state *st, const struct flame_geom *g, int y)
{
	int off = y - g->graph_y;

	if (off < 0 || off >= g->graph_h)
		return -1;
	if (st->flame)
		off = g->graph_h - 1 - off;
	return (long)st->top + off;
}

/* Lays out the rows on screen and one more (to know whether there are
 * more), plus a screenful of slack so that scrolling a few lines does
 * not lay out again. */
static void
ensure_layout(struct flame_state *st, const struct flame_geom *g)
{
	size_t need = st->top + (size_t)g->graph_h + 1, rows;

	if (!st->dirty && st->lay_width == g->graph_w && st->lay_rows >= need &&
	    st->lay_rows <= need + 2 * (size_t)g->graph_h)
		return;
	rows = need + (size_t)g->graph_h;
	layout_compute(&st->layout, tree_of(st), st->zoom, g->graph_w, rows);
	st->lay_width = g->graph_w;
	st->lay_rows = rows;
	st->dirty = false;
}

static const struct span *
find_aggregate(const struct layout *l, uint32_t parent, uint32_t row)
{
	size_t n;
	const struct span *s = layout_row(l, row, &n);

	for (size_t i = 0; i < n; i++)
		if (s[i].kind == SPAN_AGGREGATE && s[i].node == parent)
			return &s[i];
	return NULL;
}

static const struct span *
find_span(const struct flame_state *st, uint32_t node)
{
	return layout_find(&st->layout, node, depth_of(st, node));
}

/* The span drawn as the selection: its own, or the aggregate that holds
 * it when it is too narrow. NULL when off the computed rows. */
static const struct span *
selection_anchor(const struct flame_state *st)
{
	const struct span *sp = find_span(st, st->sel);
	uint32_t p = parent_of(st, st->sel);

	if (sp || p == CT_NONE || !find_span(st, p))
		return sp;
	return find_aggregate(&st->layout, p, depth_of(st, st->sel));
}

/* Keeps the selection something that is drawn: itself, or a narrow child
 * of a drawn frame (shown as that frame's aggregate). After a zoom out it
 * may sit inside a frame that became too narrow: select that frame. */
static void
fix_selection(struct flame_state *st)
{
	uint32_t a = st->sel, child = CT_NONE;

	if (depth_of(st, st->sel) >= st->lay_rows)
		return;   /* below the rows laid out: nothing to check against */
	while (a != CT_NONE && !find_span(st, a)) {
		child = a;
		a = parent_of(st, a);
	}
	if (a == st->sel)
		return;
	if (a == CT_NONE) {
		st->sel = st->zoom;
		return;
	}
	st->sel = find_aggregate(&st->layout, a, depth_of(st, child)) ? child : a;
}

/* Scrolls so that the selection is on screen with some context: up to
 * two callers, and two rows of callees when it has any. */
static void
scroll_to_sel(struct flame_state *st, const struct flame_geom *g)
{
	const struct calltree *t = tree_of(st);
	size_t r = depth_of(st, st->sel), h = (size_t)g->graph_h;
	size_t margin = h >= 5 ? 2 : (h - 1) / 2, above, below;

	if (h == 0)
		return;
	above = r < margin ? r : margin;
	below = calltree_node(t, st->sel)->first_child != CT_NONE ? margin : 0;
	if (r < st->top + above)
		st->top = r - above;
	else if (r + below >= st->top + h)
		st->top = r + below - h + 1;
}

/* Brings scroll position, layout and selection in line after a change. */
static void
update(struct flame_state *st, const struct flame_geom *g)
{
	for (int i = 0; i < 3; i++) {
		uint32_t old = st->sel;

		if (st->pin_sel)
			scroll_to_sel(st, g);
		ensure_layout(st, g);
		if (g->graph_w <= 0 || g->graph_h <= 0)
			return;
		fix_selection(st);
		if (st->sel == old)
			return;
	}
}

static int
cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return x < y ? -1 : x > y;
}

/* P's children drawn on row: [*lo, *hi) in the row's spans, with their
 * ids sorted in st->scratch for membership tests. Returns the row. */
static const struct span *
drawn_children(struct flame_state *st, uint32_t p, uint32_t row, size_t *lo,
	size_t *hi, size_t *n_ids)
{
	size_t n, k = 0;
	const struct span *s = layout_row(&st->layout, row, &n);

	*lo = *hi = n;
	for (size_t i = 0; i < n; i++) {
		if (s[i].kind != SPAN_NODE || parent_of(st, s[i].node) != p)
			continue;
		if (*lo == n)
			*lo = i;
		*hi = i + 1;
		st->scratch = xgrow(st->scratch, &st->scratch_cap, k + 1, sizeof *st->scratch);
		st->scratch[k++] = s[i].node;
	}
	if (*lo == n)
		*lo = *hi = 0;
	if (k > 1)
		qsort(st->scratch, k, sizeof *st->scratch, cmp_u32);
	*n_ids = k;
	return s;
}

static bool
is_narrow(const struct flame_state *st, uint32_t c, size_t n_ids)
{
	if (calltree_empty(tree_of(st), c))
		return false;
	return n_ids == 0 ||
		!bsearch(&c, st->scratch, n_ids, sizeof *st->scratch, cmp_u32);
}

static uint32_t
first_narrow(const struct flame_state *st, uint32_t p, size_t n_ids)
{
	const struct calltree *t = tree_of(st);

	for (uint32_t c = calltree_node(t, p)->first_child; c != CT_NONE;
	     c = calltree_node(t, c)->next_sibling)
		if (is_narrow(st, c, n_ids))
			return c;
	return CT_NONE;
}

/* Left and right go through the drawn siblings in screen order, then
 * through the narrow ones summarised in the aggregate, in tree order. */
static bool
move_sibling(struct flame_state *st, int dir)
{
	const struct calltree *t = tree_of(st);
	uint32_t sel = st->sel, p = parent_of(st, sel), row, to = CT_NONE;
	size_t lo, hi, n_ids, own;
	const struct span *s;

	if (p == CT_NONE || sel == st->zoom || !calltree_is_ancestor(t, st->zoom, sel))
		return false;
	row = depth_of(st, sel);
	s = drawn_children(st, p, row, &lo, &hi, &n_ids);
	for (own = lo; own < hi && s[own].node != sel; own++)
		;
	if (own < hi) {
		if (dir > 0 && own + 1 < hi)
			to = s[own + 1].node;
		else if (dir > 0)
			to = first_narrow(st, p, n_ids);
		else if (own > lo)
			to = s[own - 1].node;
	} else if (dir > 0) {
		for (uint32_t c = calltree_node(t, sel)->next_sibling; c != CT_NONE;
		     c = calltree_node(t, c)->next_sibling)
			if (is_narrow(st, c, n_ids)) {
				to = c;
				break;
			}
	} else {
		for (uint32_t c = calltree_node(t, p)->first_child; c != sel && c != CT_NONE;
		     c = calltree_node(t, c)->next_sibling)
			if (is_narrow(st, c, n_ids))
				to = c;
		if (to == CT_NONE && hi > lo)
			to = s[hi - 1].node;
	}
	if (to == CT_NONE)
		return false;
	st->sel = to;
	return true;
}

static bool
move_child(struct view *v, struct flame_state *st)
{
	const struct calltree *t = tree_of(st);
	uint32_t c;

	if (st->sel != st->zoom && calltree_is_ancestor(t, st->sel, st->zoom)) {
		/* above the zoom root: step along the path back to it */
		for (c = st->zoom; parent_of(st, c) != st->sel; c = parent_of(st, c))
			;
		st->sel = c;
		return true;
	}
	if (!find_span(st, st->sel)) {
		ui_message(v->ui, "Too narrow to show its callees: press Enter to zoom in");
		return true;
	}
	c = calltree_widest_child(t, st->sel);
	if (c == CT_NONE || calltree_empty(t, c))
		return false;
	st->sel = c;
	return true;
}

/* Down the hottest path: the widest callee, again and again, while it
 * is at least a cell wide (layout draws nothing narrower). */
static bool
move_leaf(struct flame_state *st, const struct flame_geom *g)
{
	const struct calltree *t = tree_of(st);
	double zoom_total = calltree_node(t, st->zoom)->total;
	uint32_t n = st->sel, c;

	if (!calltree_is_ancestor(t, st->zoom, n))
		n = st->zoom;
	while ((c = calltree_widest_child(t, n)) != CT_NONE) {
		double v = calltree_node(t, c)->total;

		if (v <= 0 || (zoom_total > 0 && v * g->graph_w < zoom_total))
			break;
		n = c;
	}
	if (n == st->sel)
		return false;
	st->sel = n;
	return true;
}

static bool
move_parent(struct flame_state *st)
{
	uint32_t p = parent_of(st, st->sel);

	if (p == CT_NONE)
		return false;
	st->sel = p;
	return true;
}

static void
zoom_to(struct flame_state *st, uint32_t node, bool remember)
{
	if (remember) {
		st->history = xgrow(st->history, &st->cap_history, st->n_history + 1,
			sizeof *st->history);
		st->history[st->n_history++] = st->zoom;
	}
	st->zoom = node;
	st->dirty = true;
}

static bool
zoom_out(struct flame_state *st)
{
	if (st->n_history > 0)
		zoom_to(st, st->history[--st->n_history], false);
	else if (st->zoom != CT_ROOT)
		zoom_to(st, parent_of(st, st->zoom), false);
	else
		return false;
	return true;
}

static bool
scroll(struct flame_state *st, const struct flame_geom *g, long lines)
{
	size_t old = st->top, h = (size_t)g->graph_h;

	if (h == 0)
		return false;
	if (st->flame)
		lines = -lines;   /* screen directions: the root is at the bottom */
	if (lines < 0) {
		st->top = (size_t)-lines > st->top ? 0 : st->top - (size_t)-lines;
	} else {
		/* lay out far enough to see how many rows there are */
		layout_compute(&st->layout, tree_of(st), st->zoom, g->graph_w,
			st->top + (size_t)lines + h);
		st->dirty = true;
		if (st->layout.n_rows > h) {
			size_t max_top = st->layout.n_rows - h;

			st->top += (size_t)lines;
			if (st->top > max_top)
				st->top = max_top > old ? max_top : old;
		}
	}
	st->pin_sel = false;
	return st->top != old;
}

static unsigned
flame_action(struct view *v, enum action a)
{
	struct flame_state *st = v->state;
	struct flame_geom g;
	bool changed = false;

	view_geom(v, &g);
	update(st, &g);
	switch (a) {
	case ACTION_MOVE_UP:
		changed = st->flame ? move_child(v, st) : move_parent(st);
		break;
	case ACTION_MOVE_DOWN:
		changed = st->flame ? move_parent(st) : move_child(v, st);
		break;
	case ACTION_MOVE_PARENT:
		changed = move_parent(st);
		break;
	case ACTION_MOVE_CHILD:
		changed = move_child(v, st);
		break;
	case ACTION_MOVE_LEFT:
		changed = move_sibling(st, -1);
		break;
	case ACTION_MOVE_RIGHT:
		changed = move_sibling(st, 1);
		break;
	case ACTION_MOVE_ROOT:
		changed = st->sel != st->zoom;
		st->sel = st->zoom;
		break;
	case ACTION_MOVE_LEAF:
		changed = move_leaf(st, &g);
		break;
	case ACTION_ZOOM_IN:
		if (st->sel == st->zoom)
			break;
		zoom_to(st, st->sel, true);
		changed = true;
		break;
	case ACTION_ZOOM_OUT:
		changed = zoom_out(st);
		break;
	case ACTION_ZOOM_RESET:
		changed = st->zoom != CT_ROOT;
		if (changed)
			zoom_to(st, CT_ROOT, false);
		st->n_history = 0;
		break;
	case ACTION_SCROLL_LINE_UP:
		return scroll(st, &g, -1) ? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
	case ACTION_SCROLL_LINE_DOWN:
		return scroll(st, &g, 1) ? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
	case ACTION_SCROLL_PAGE_UP:
		return scroll(st, &g, -(long)g.graph_h) ? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
	case ACTION_SCROLL_PAGE_DOWN:
		return scroll(st, &g, g.graph_h) ? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
	case ACTION_SCROLL_TOP:
	case ACTION_SCROLL_BOTTOM: {
		/* as far as the tree goes, in screen directions */
		long far = (long)tree_of(st)->max_depth + 1;

		return scroll(st, &g, a == ACTION_SCROLL_TOP ? -far : far)
			? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
	}
	case ACTION_TOGGLE_DETAILS:
		st->details = !st->details;
		st->dirty = true;
		view_geom(v, &g);
		if (st->details && g.det_h == 0)
			ui_message(v->ui, "No room for the details: make the terminal larger");
		changed = true;
		break;
	case ACTION_TOGGLE_INVERTED:
		return flame_toggle_inverted(v);
	case ACTION_CYCLE_SAMPLE_TYPE:
		return flame_cycle_type(v);
	case ACTION_COPY_NAME:
	case ACTION_COPY_STACK:
		return flame_copy(v, a == ACTION_COPY_STACK);
	case ACTION_TOGGLE_FLAME:
		st->flame = !st->flame;
		changed = true;
		break;
	case ACTION_TOGGLE_ORDER:
		st->s->order = st->s->order == CALLTREE_BY_NAME ? CALLTREE_BY_WEIGHT
			: CALLTREE_BY_NAME;
		calltree_sort(st->s->tree, st->s->order);
		st->dirty = true;
		ui_message(v->ui, "Callees ordered by %s",
			st->s->order == CALLTREE_BY_NAME ? "name" : "weight, heaviest first");
		changed = true;
		break;
	default: {
		unsigned r = pair_ui_action(v, a);

		return r != VIEW_UNHANDLED ? r : flame_explore_action(v, a);
	}
	}
	if (changed) {
		st->pin_sel = true;
		update(st, &g);
	}
	return changed ? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
}

static unsigned
flame_mouse(struct view *v, enum mouse_kind kind, int x, int y)
{
	struct flame_state *st = v->state;
	struct flame_geom g;
	const struct span *sp;
	long row;

	view_geom(v, &g);
	update(st, &g);
	if (x >= g.graph_w)
		return VIEW_HANDLED;
	row = y_to_row(st, &g, y);
	if (row < 0 || !(sp = layout_at(&st->layout, (uint32_t)row, x)))
		return VIEW_HANDLED;
	if (sp->kind == SPAN_AGGREGATE) {
		size_t lo, hi, n_ids;
		uint32_t c;

		drawn_children(st, sp->node, (uint32_t)row, &lo, &hi, &n_ids);
		c = first_narrow(st, sp->node, n_ids);
		if (c == CT_NONE)
			return VIEW_HANDLED;
		st->sel = c;
	} else {
		st->sel = sp->node;
	}
	st->pin_sel = true;
	if (kind == MOUSE_DOUBLE_CLICK && st->sel != st->zoom)
		zoom_to(st, st->sel, true);
	update(st, &g);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static void
draw_span(struct flame_state *st, struct canvas *c, const struct span *sp,
	int y, bool selected)
{
	unsigned role = 0;

	if (selected)
		role = ROLE_SELECTED;
	else if (sp->kind != SPAN_AGGREGATE && flame_explore_matches(st, sp->node))
		role = ROLE_MATCH;
	span_draw(c, tree_of(st), sp, y, role);
}

static void
flame_draw(struct view *v, struct canvas *c)
{
	struct flame_state *st = v->state;
	struct flame_geom g;
	const struct span *anchor;
	size_t end;

	view_geom(v, &g);
	update(st, &g);
	anchor = selection_anchor(st);
	end = st->top + (size_t)g.graph_h;
	if (end > st->layout.n_rows)
		end = st->layout.n_rows;
	for (size_t row = st->top; row < end; row++) {
		size_t n;
		const struct span *s = layout_row(&st->layout, (uint32_t)row, &n);
		int y = row_to_y(st, &g, row);

		for (size_t i = 0; i < n; i++) {
			draw_span(st, c, &s[i], y, &s[i] == anchor);
			pair_ui_span(st->pair, c, &s[i], y);
		}
	}
	if (g.det_h > 0)
		flame_draw_details(st, c, &g, anchor);
	flame_explore_draw(st, c, &g);
	if (g.title_y >= 0)
		flame_draw_title(st, c, &g);
	if (g.status_h > 0) {
		char key[32];

		flame_draw_status(st, c, &g, anchor, v->ui->message,
			ui_action_key(v->ui, ACTION_VIEW_HELP, key, sizeof key));
	}
	pair_ui_draw(st->pair, st, c, &g);
}

static int
flame_open(struct view *v, struct session *s)
{
	struct flame_state *st = v->state;

	if (!s->tree || s->tree->n == 0)
		return -1;
	st->s = s;
	layout_init(&st->layout);
	st->zoom = CT_ROOT;
	st->sel = CT_ROOT;
	st->flame = s->opts && s->opts->flame;
	st->pin_sel = true;
	st->dirty = true;
	st->pair = pair_ui_open(s, v->ui);
	return 0;
}

static void
flame_close(struct view *v)
{
	struct flame_state *st = v->state;

	layout_free(&st->layout);
	free(st->history);
	free(st->scratch);
	flame_explore_free(st);
	pair_ui_free(st->pair);
}

const struct view_ops flame_view_ops = {
	.name = "flame",
	.keymap = KEYMAP_FLAME,
	.state_size = sizeof(struct flame_state),
	.open = flame_open,
	.action = flame_action,
	.mouse = flame_mouse,
	.draw = flame_draw,
	.close = flame_close,
};
