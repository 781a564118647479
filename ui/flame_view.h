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
	bool details;               /* the details pane is shown */
	struct flame_explore *explore;  /* search (flame_explore.c); owned, NULL until used */
	struct pair_ui *pair;       /* diff, hot/cold (pair_ui.c); owned, NULL otherwise */
};

/* Screen geometry of the view for a canvas size. */
struct flame_geom {
	int width;                  /* the whole canvas: title and status */
	int title_y;                /* -1 when there is no title line */
	int graph_y, graph_h;       /* graph lines */
	int graph_w;                /* graph columns, from x = 0 */
	int status_y, status_h;     /* 0, 1 or 2 lines */
	int det_x, det_y, det_w, det_h;  /* the details pane; det_h 0: none */
	bool det_side;              /* right of the graph (else below it) */
};

/* With details, wide screens get the pane on the right, others below
 * the graph when there is room. */
void flame_geom(int width, int height, bool details, struct flame_geom *g);
/* Title and status lines (flame_status.c). anchor is the span drawn as
 * the selection (NULL when off screen); help_key names the key that opens
 * the help, NULL when none does. */
void flame_draw_title(const struct flame_state *st, struct canvas *c,
	const struct flame_geom *g);
void flame_draw_status(const struct flame_state *st, struct canvas *c,
	const struct flame_geom *g, const struct span *anchor, const char *message,
	const char *help_key);

/* Colour roles of a drawn path: names, the last name, separators. */
struct path_roles {
	unsigned name, last, sep;
};
/* Draws the path from the root to node ("main › parse › … › lex") in at
 * most lines lines of w cells from (x, y); when it does not fit, the
 * middle gives way, then long names. The synthetic root is left out
 * unless node is the root. Returns the lines used. */
int flame_draw_path(const struct flame_state *st, struct canvas *c, int x, int y,
	int w, int lines, uint32_t node, const struct path_roles *roles);

/* The details pane (flame_details.c). */
void flame_draw_details(const struct flame_state *st, struct canvas *c,
	const struct flame_geom *g, const struct span *anchor);

/* Rebuilding the tree and copying (flame_tree.c). They return what the
 * view's action handler returns. */
unsigned flame_toggle_inverted(struct view *v);
unsigned flame_cycle_type(struct view *v);
unsigned flame_copy(struct view *v, bool whole_stack);

#endif
