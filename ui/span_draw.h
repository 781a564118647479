/* One span of a layout drawn into the canvas: a frame in the colour of
 * its kind and name (or in a role the caller gives: the selection, a
 * search match), its name cut to fit with "…", or an aggregate's "+N".
 * Shared by the flame view and the sandwich view. */
#ifndef SCORCH_UI_SPAN_DRAW_H
#define SCORCH_UI_SPAN_DRAW_H

#include "canvas.h"
#include "layout.h"

struct calltree;

/* The role a span gets on its own: its frame's colour, the ancestor's
 * grey or the aggregate's. */
unsigned span_role(const struct calltree *t, const struct span *sp);
/* Draws sp on line y; role 0 means span_role(). */
void span_draw(struct canvas *c, const struct calltree *t, const struct span *sp,
	int y, unsigned role);

#endif
