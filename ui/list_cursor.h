/* What the explorer's lists (top table, label picker, delta table, gone
 * and new stacks) share: a selected row that stays on screen, and the
 * screen layout of the full-screen ones. */
#ifndef SCORCH_UI_LIST_CURSOR_H
#define SCORCH_UI_LIST_CURSOR_H

#include <stdbool.h>
#include <stddef.h>

#include "view.h"

struct list_cursor {
	long sel;               /* selected row, -1 when there is none */
	long top;               /* first row on screen */
};

/* Moves for a move or scroll action over rows [0, n) shown h at a time;
 * rows for which skip() is true (headings) are stepped over. Returns 1
 * when it moved, 0 when not, -1 when a is no such action. */
int list_cursor_action(struct list_cursor *c, long n, long h, enum action a,
	bool (*skip)(const void *ctx, long row), const void *ctx);
/* Keeps the selection in range and on screen. */
void list_cursor_fit(struct list_cursor *c, long n, long h);
/* The same two for a view that keeps its selection and first row as
 * indices (0 when there are no rows), with no rows skipped. */
int list_cursor_action_index(size_t *sel, size_t *top, size_t n, int h, enum action a);
void list_cursor_fit_index(size_t *sel, size_t *top, size_t n, int h);

/* A full-screen list's rows: title, breadcrumb (when filters are on),
 * column heads, the rows, and a status line, each dropped (-1) when the
 * screen is too short for it. */
struct list_geom {
	int title_y, crumb_y, head_y, rows_y, rows_h, status_y;
};

void list_geom(int height, bool crumb, struct list_geom *g);
/* A click on line y: selects the row there (*sel) and returns true, or
 * false when y holds none of the n rows shown from top. */
bool list_geom_click(const struct list_geom *g, int y, size_t top, size_t n,
	size_t *sel);

#endif
