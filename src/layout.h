/* Layout: the spans of a calltree for a zoom root, a width in cells and a
 * number of rows. Only spans at least one cell wide are produced; siblings
 * narrower than a cell are summarised into one aggregate span per parent,
 * so the cost is bounded by the screen, not by the tree. Rows count from
 * the top of the tree (row 0 = the tree's root); the view maps rows to
 * screen lines for icicle (root on top) or flame (root at the bottom). */
#ifndef SCORCH_SRC_LAYOUT_H
#define SCORCH_SRC_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

struct calltree;

enum span_kind {
	SPAN_NODE = 0,     /* a node at full or zoomed scale */
	SPAN_ANCESTOR,     /* an ancestor of the zoom root, drawn full width */
	SPAN_AGGREGATE     /* narrow siblings summarised */
};

struct span {
	uint32_t node;       /* the node; for an aggregate, the parent */
	uint32_t row;        /* depth in the tree (0 = the calltree root) */
	int32_t  x, w;       /* cells, w >= 1 */
	uint8_t  kind;       /* enum span_kind */
	uint32_t agg_count;  /* aggregate: how many siblings */
	double   agg_value;  /* aggregate: their summed series-a total */
};

struct layout {
	struct span *spans;  /* sorted by row, then x; owned */
	size_t n, cap;
	uint32_t *row_start; /* index of the first span of each row; owned */
	size_t n_rows;       /* rows that hold spans */
	size_t row_cap;
	uint32_t zoom;       /* the zoom root */
	int width;
};

void layout_init(struct layout *l);
void layout_free(struct layout *l);
/* Lays out t under zoom in width cells, for rows [0, max_rows). */
void layout_compute(struct layout *l, const struct calltree *t, uint32_t zoom,
	int width, size_t max_rows);
/* The span of node on its row, or NULL when it is not drawn. */
const struct span *layout_find(const struct layout *l, uint32_t node,
	uint32_t row);
/* The span covering cell x on row, or NULL. */
const struct span *layout_at(const struct layout *l, uint32_t row, int x);
/* Number of spans on row and a pointer to the first. */
const struct span *layout_row(const struct layout *l, uint32_t row, size_t *n);

#endif
