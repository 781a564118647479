/* The flame view's two-profile modes: a diff (`--diff BEFORE AFTER`, a
 * two-count folded file) and hot/cold (`--cold OFF ON`). The mode comes
 * from the loaded profile (differential, or the hot/cold columns); the
 * same tree is drawn with another colouring rule, a legend line under
 * the graph, before/after (on/off-CPU) numbers in the status line and
 * details, and keys that pick which columns feed series a and b.
 *
 * The flame view owns one struct pair_ui (NULL for an ordinary profile)
 * and calls the hooks below; the lists (delta_view.c, changes_view.c)
 * borrow it from the flame view under them. */
#ifndef SCORCH_UI_PAIR_UI_H
#define SCORCH_UI_PAIR_UI_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "diff_colour.h"
#include "diffstat.h"
#include "flame_view.h"
#include "hotcold.h"
#include "view.h"

struct session;

enum pair_ui_mode {
	PAIR_UI_DIFF,
	PAIR_UI_COLD
};

struct pair_ui {
	enum pair_ui_mode mode;
	struct session *s;        /* borrowed */
	struct ui *ui;            /* borrowed */
	bool mono;                /* no colour: marks and fill patterns */
	enum diff_palette palette;
	/* diff */
	struct diff_settings set; /* metric and noise in use */
	bool by_threads;          /* colour by stuck / progressing threads */
	struct diffstat d;        /* of the tree of generation built_for */
	bool have_d;
	uint64_t built_for;       /* session generation d was built for */
	int legend_y;             /* set by pair_ui_geom; -1: no legend */
};

/* NULL when s's profile is neither a diff nor hot/cold. */
struct pair_ui *pair_ui_open(struct session *s, struct ui *ui);
void pair_ui_free(struct pair_ui *p);

/* The diffstat of the session's current tree, rebuilt when the tree
 * changed; NULL outside a diff. */
const struct diffstat *pair_ui_diffstat(struct pair_ui *p);

/* ---- hooks of the flame view ---- */

/* Takes the legend line from the graph (and remembers where it is for
 * pair_ui_draw). p may be NULL. */
void pair_ui_geom(struct pair_ui *p, struct flame_geom *g);
/* The actions of these modes (and of their lists); VIEW_UNHANDLED for
 * any other. v is the flame view. */
unsigned pair_ui_action(struct view *v, enum action a);
/* What the delta table and the gone/new list (v, opened over the graph
 * fv by action own) do alike with an action of neither's own: own again
 * closes v, the other list's action replaces v with it, what the explorer
 * handles (close, quit, help, info, redraw) passes through, and the rest
 * says it does nothing "in <where>". */
unsigned pair_ui_list_action(struct view *v, struct view *fv, enum action own,
	enum action a, const char *where);
/* Repaints a span that draw_span gave its plain frame colour. */
void pair_ui_span(struct pair_ui *p, struct canvas *c, const struct span *sp,
	int y);
/* The legend line and the numbers of the status line. */
void pair_ui_draw(struct pair_ui *p, const struct flame_state *st,
	struct canvas *c, const struct flame_geom *g);

/* Rows for the details pane: label and value. */
struct pair_row {
	const char *label;
	char value[160];
};
#define PAIR_ROWS_MAX 6
size_t pair_ui_details(struct pair_ui *p, uint32_t node, struct pair_row *rows,
	size_t max);

/* ---- for the lists ---- */

/* The flame view at or under v, or NULL. */
struct view *pair_ui_flame_below(struct view *v);
/* Selects in the flame view fv the node at the end of the frame path
 * frames[0..n) (in the tree's own order, root side first), switching a
 * diff's widths to the larger of the two when the node has no width, and
 * zooming in when it is too narrow to draw. False when the tree has no
 * such path. */
bool pair_ui_show_path(struct view *fv, const uint32_t *frames, size_t n);
/* The same for a function: its heaviest node. */
bool pair_ui_show_frame(struct view *fv, uint32_t frame);
/* Which profile an action of these modes needs ("diff (scorch --diff
 * BEFORE AFTER)"), for the message when it is used elsewhere. */
const char *pair_ui_mode_hint(enum action a);

#endif
