#include "config.h"

#include "list_cursor.h"

void
list_cursor_fit(struct list_cursor *c, long n, long h)
{
	if (n <= 0) {
		c->sel = -1;
		c->top = 0;
		return;
	}
	if (c->sel >= n)
		c->sel = n - 1;
	if (c->sel < 0)
		c->sel = 0;
	if (h < 1)
		h = 1;
	if (c->sel < c->top)
		c->top = c->sel;
	if (c->sel >= c->top + h)
		c->top = c->sel - h + 1;
	if (c->top > n - h)
		c->top = n - h > 0 ? n - h : 0;
	if (c->top < 0)
		c->top = 0;
}

int
list_cursor_action_index(size_t *sel, size_t *top, size_t n, int h, enum action a)
{
	struct list_cursor c = { (long)*sel, (long)*top };
	int r = list_cursor_action(&c, (long)n, h, a, NULL, NULL);

	if (r >= 0) {
		*sel = c.sel > 0 ? (size_t)c.sel : 0;
		*top = (size_t)c.top;
	}
	return r;
}

void
list_cursor_fit_index(size_t *sel, size_t *top, size_t n, int h)
{
	struct list_cursor c = { (long)*sel, (long)*top };

	list_cursor_fit(&c, (long)n, h);
	*sel = c.sel > 0 ? (size_t)c.sel : 0;
	*top = (size_t)c.top;
}

void
list_geom(int height, bool crumb, struct list_geom *g)
{
	int y = 0;

	g->title_y = height >= 6 ? y++ : -1;
	g->crumb_y = height >= 8 && crumb ? y++ : -1;
	g->head_y = height >= 3 ? y++ : -1;
	g->status_y = height >= 2 ? height - 1 : -1;
	g->rows_y = y;
	g->rows_h = (g->status_y >= 0 ? g->status_y : height) - y;
	if (g->rows_h < 0)
		g->rows_h = 0;
}

bool
list_geom_click(const struct list_geom *g, int y, size_t top, size_t n, size_t *sel)
{
	size_t row;

	if (y < g->rows_y || y >= g->rows_y + g->rows_h)
		return false;
	row = top + (size_t)(y - g->rows_y);
	if (row >= n)
		return false;
	*sel = row;
	return true;
}

/* From row r, the nearest row in direction dir that is not skipped;
 * r itself when there is none. */
static long
step(long r, long n, int dir, bool (*skip)(const void *, long), const void *ctx)
{
	for (long i = r + dir; i >= 0 && i < n; i += dir)
		if (!skip || !skip(ctx, i))
			return i;
	return r;
}

/* Row r (clamped into [0, n)), or when it is skipped the nearest row in
 * direction dir, else in the other. */
static long
nearest(long r, long n, int dir, bool (*skip)(const void *, long), const void *ctx)
{
	long s;

	r = r < 0 ? 0 : r >= n ? n - 1 : r;
	if (!skip || !skip(ctx, r))
		return r;
	if ((s = step(r, n, dir, skip, ctx)) != r)
		return s;
	return step(r, n, -dir, skip, ctx);
}

int
list_cursor_action(struct list_cursor *c, long n, long h, enum action a,
	bool (*skip)(const void *ctx, long row), const void *ctx)
{
	long old = c->sel, page = h > 1 ? h - 1 : 1, first;

	if (n <= 0)
		return a == ACTION_MOVE_UP || a == ACTION_MOVE_DOWN ? 0 : -1;
	switch (a) {
	case ACTION_MOVE_UP:
	case ACTION_SCROLL_LINE_UP:
		c->sel = step(c->sel, n, -1, skip, ctx);
		break;
	case ACTION_MOVE_DOWN:
	case ACTION_SCROLL_LINE_DOWN:
		c->sel = step(c->sel, n, 1, skip, ctx);
		break;
	case ACTION_SCROLL_PAGE_UP:
		c->sel = nearest(c->sel - page, n, -1, skip, ctx);
		break;
	case ACTION_SCROLL_PAGE_DOWN:
		c->sel = nearest(c->sel + page, n, 1, skip, ctx);
		break;
	case ACTION_SCROLL_TOP:
	case ACTION_MOVE_ROOT:
		c->sel = nearest(0, n, 1, skip, ctx);
		break;
	case ACTION_SCROLL_BOTTOM:
	case ACTION_MOVE_LEAF:
		c->sel = nearest(n - 1, n, -1, skip, ctx);
		break;
	default:
		return -1;
	}
	list_cursor_fit(c, n, h);
	/* the headings above the first row come back into view with it */
	first = nearest(0, n, 1, skip, ctx);
	if (c->sel == first && first < h)
		c->top = 0;
	return c->sel != old;
}
