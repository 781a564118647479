#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "layout.h"
#include "xmalloc.h"

void
layout_init(struct layout *l)
{
	memset(l, 0, sizeof *l);
}

void
layout_free(struct layout *l)
{
	free(l->spans);
	free(l->row_start);
	memset(l, 0, sizeof *l);
}

static struct span *
push_span(struct layout *l, uint32_t node, uint32_t row, int x, int w,
	enum span_kind kind)
{
	struct span *s;

	l->spans = xgrow(l->spans, &l->cap, l->n + 1, sizeof *l->spans);
	s = &l->spans[l->n++];
	memset(s, 0, sizeof *s);
	s->node = node;
	s->row = row;
	s->x = x;
	s->w = w;
	s->kind = (uint8_t)kind;
	return s;
}

/* Spans are produced row by row (breadth first), which keeps them sorted
 * by row and x: a row's parents are in x order, and so are their children. */
void
layout_compute(struct layout *l, const struct calltree *t, uint32_t zoom,
	int width, size_t max_rows)
{
	const struct ct_node *nodes = t->nodes;
	double scale;
	size_t row_begin, row_end;
	uint32_t row;

	l->n = 0;
	l->n_rows = 0;
	l->zoom = zoom;
	l->width = width;
	if (width <= 0 || max_rows == 0)
		return;
	l->row_start = xgrow(l->row_start, &l->row_cap, max_rows + 1,
		sizeof *l->row_start);

	/* ancestors of the zoom root, full width */
	row = nodes[zoom].depth;
	for (uint32_t r = 0; r < row && r < max_rows; r++) {
		uint32_t a = zoom;

		while (nodes[a].depth > r)
			a = nodes[a].parent;
		l->row_start[r] = (uint32_t)l->n;
		push_span(l, a, r, 0, width, SPAN_ANCESTOR);
		l->n_rows = r + 1;
	}
	if (row >= max_rows)
		return;
	if (nodes[zoom].total <= 0) {
		l->row_start[row] = (uint32_t)l->n;
		push_span(l, zoom, row, 0, width, SPAN_NODE);
		l->n_rows = row + 1;
		return;
	}
	scale = width / nodes[zoom].total;
	l->row_start[row] = (uint32_t)l->n;
	push_span(l, zoom, row, 0, width, SPAN_NODE);
	l->n_rows = row + 1;
	row_begin = l->n - 1;
	row_end = l->n;

	while (row_end > row_begin && row + 1 < max_rows) {
		row++;
		l->row_start[row] = (uint32_t)l->n;
		for (size_t i = row_begin; i < row_end; i++) {
			const struct span *ps = &l->spans[i];
			uint32_t parent = ps->node;
			int px = ps->x, pend = ps->x + ps->w, cursor = px;
			double cum = 0, agg = 0;
			uint32_t agg_n = 0;
			size_t first = l->n;   /* this parent's first child span */
			struct span *s;

			if (ps->kind != SPAN_NODE)
				continue;
			for (uint32_t c = nodes[parent].first_child; c != CT_NONE;
			     c = nodes[c].next_sibling) {
				double v = nodes[c].total;
				int x0, x1;

				if (v * scale < 1.0) {
					if (!calltree_empty(t, c)) {
						agg += v;
						agg_n++;
					}
					continue;
				}
				/* wide children are packed in order; narrow ones
				 * are left out of the running sum */
				x0 = px + (int)lround(cum * scale);
				cum += v;
				x1 = px + (int)lround(cum * scale);
				if (x1 > pend)
					x1 = pend;
				if (x0 < cursor)
					x0 = cursor;
				if (x1 <= x0)
					continue;
				push_span(l, c, row, x0, x1 - x0, SPAN_NODE);
				cursor = x1;
			}
			if (agg_n > 0) {
				int w = (int)lround(agg * scale);

				if (w < 1)
					w = 1;
				if (cursor + w > pend) {
					/* no room left: take the last cell of the
					 * parent so the aggregate stays visible */
					if (cursor >= pend) {
						struct span *last = &l->spans[l->n - 1];

						if (l->n == first || last->w < 2)
							continue;
						last->w--;
						cursor = pend - 1;
					}
					w = pend - cursor;
				}
				s = push_span(l, parent, row, cursor, w, SPAN_AGGREGATE);
				s->agg_count = agg_n;
				s->agg_value = agg;
			}
		}
		if (l->n == l->row_start[row])
			break;
		l->n_rows = row + 1;
		row_begin = l->row_start[row];
		row_end = l->n;
	}
}

const struct span *
layout_row(const struct layout *l, uint32_t row, size_t *n)
{
	size_t end;

	if (row >= l->n_rows) {
		*n = 0;
		return NULL;
	}
	end = row + 1 < l->n_rows ? l->row_start[row + 1] : l->n;
	*n = end - l->row_start[row];
	return l->spans + l->row_start[row];
}

const struct span *
layout_find(const struct layout *l, uint32_t node, uint32_t row)
{
	size_t n;
	const struct span *s = layout_row(l, row, &n);

	for (size_t i = 0; i < n; i++)
		if (s[i].node == node && s[i].kind != SPAN_AGGREGATE)
			return &s[i];
	return NULL;
}

const struct span *
layout_at(const struct layout *l, uint32_t row, int x)
{
	size_t n, lo = 0, hi;
	const struct span *s = layout_row(l, row, &n);

	hi = n;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (s[mid].x + s[mid].w <= x)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < n && s[lo].x <= x && x < s[lo].x + s[lo].w)
		return &s[lo];
	return NULL;
}
