/* The flame graph view: an icicle (root on top, the default) or a flame
 * graph (root at the bottom) of the session's calltree, with a selected
 * frame, zoom with history, and a status line. */
#ifndef SCORCH_UI_FLAME_VIEW_H
#define SCORCH_UI_FLAME_VIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "layout.h"
#include "view.h"

extern const struct view_ops flame_view_ops;

/* The view's state; shared with flame_status.c and tests, not with other
 * views. */
struct flame_state {
	struct session *s;          /* borrowed */
	struct layout layout;       /* owned; valid when !dirty */
	uint32_t zoom;              /* the full-width node */
	uint32_t sel;               /* the selected node */
	uint32_t *history;          /* zoom roots to go back to; owned */
	size_t n_history, cap_history;
	bool flame;                 /* root at the bottom */
	size_t top;                 /* first layout row on screen */
	bool pin_sel;               /* keep the selection on screen */
	bool dirty;                 /* layout must be recomputed */
	int lay_width;
	size_t lay_rows;
	uint32_t *scratch;          /* sorted node ids of one row; owned */
	size_t scratch_cap;
};

/* Screen geometry of the view for a canvas size. */
struct flame_geom {
	int width;
	int title_y;                /* -1 when there is no title line */
	int graph_y, graph_h;       /* graph lines */
	int status_y, status_h;     /* 0, 1 or 2 lines */
};

void flame_geom(int width, int height, struct flame_geom *g);
/* Title and status lines (flame_status.c). anchor is the span drawn as
 * the selection (NULL when off screen); help_key names the key that opens
 * the help, NULL when none does. */
void flame_draw_title(const struct flame_state *st, struct canvas *c,
	const struct flame_geom *g);
void flame_draw_status(const struct flame_state *st, struct canvas *c,
	const struct flame_geom *g, const struct span *anchor, const char *message,
	const char *help_key);

#endif
