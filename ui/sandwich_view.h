/* The sandwich view of one function F (src/sandwich.h): its merged
 * callers drawn as a flame graph above (F on their bottom line, callers
 * upwards) and its merged callees as an icicle below (F on their top
 * line), both with the layout and span drawing of the flame view. The
 * title shows all of F's instances against the one it was opened from;
 * the status line, the selected frame's instance against all of its
 * instances. Enter pivots to the selected frame's function; Backspace
 * goes back to the previous function. */
#ifndef SCORCH_UI_SANDWICH_VIEW_H
#define SCORCH_UI_SANDWICH_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "view.h"

struct calltree;

extern const struct view_ops sandwich_view_ops;

/* Shows the sandwich of the function named name[0..len) (borrowed for
 * the call). from_tree and from_node (from_tree may be NULL) are the node
 * it was opened on, for "this instance". The function shown before goes
 * on the history that zoom-out walks back. */
void sandwich_view_set(struct view *v, const char *name, size_t len,
	const struct calltree *from_tree, uint32_t from_node);
/* After the session's tree was rebuilt: the same function again. */
void sandwich_view_rebuilt(struct view *v);

#endif
