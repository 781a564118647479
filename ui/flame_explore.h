/* The flame view's search (highlights, n/N, the matched share) and its
 * query lines: the search and the filter breadcrumb, shown above the
 * status lines while they are in use. flame_view.c calls these hooks;
 * the state hangs off struct flame_state and is made on first use. */
#ifndef SCORCH_UI_FLAME_EXPLORE_H
#define SCORCH_UI_FLAME_EXPLORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "flame_view.h"
#include "search.h"

struct flame_explore {
	struct search search;
	struct search_result result;
	bool result_ok;             /* built for the tree below */
	const struct calltree *tree;   /* what the result was built for */
	const struct ct_node *nodes;
	size_t n_nodes;
	int order, type_a;
	bool inverted;
	bool icase;                 /* case mode for the next regex */
	uint32_t search_zoom;       /* the zoom n or N last made, CT_NONE if none */
	/* the search before the prompt opened, for Esc */
	char *saved;
	size_t saved_len;
	bool saved_icase, saved_exact;
};

/* Lines the query lines take on a canvas height lines high (0, 1 or 2),
 * above the status lines. */
int flame_explore_lines(struct flame_state *st, int height);
/* The view's geometry with the query lines taken out. */
void flame_explore_geom(struct flame_state *st, int width, int height,
	struct flame_geom *g);
/* Draws the query lines (just above g->status_y). */
void flame_explore_draw(struct flame_state *st, struct canvas *c,
	const struct flame_geom *g);
/* Whether node is highlighted as a search match. */
bool flame_explore_matches(struct flame_state *st, uint32_t node);
/* Search and the explore actions; VIEW_UNHANDLED for the others. */
unsigned flame_explore_action(struct view *v, enum action a);
/* Frees what the hooks allocated (from the view's close). */
void flame_explore_free(struct flame_state *st);

/* Where the view is, as frame paths, to find again after a rebuild. */
struct flame_mark {
	uint32_t *sel, *zoom;       /* frame ids below the root; owned */
	size_t n_sel, n_zoom;
};
void flame_mark_take(const struct flame_state *st, struct flame_mark *m);
/* Puts the view on the new tree: the zoom and the selection on the same
 * paths where they still exist, else the selected function's heaviest
 * instance, else as deep as the path goes. Frees m. */
void flame_mark_restore(struct flame_state *st, struct flame_mark *m);

#endif
