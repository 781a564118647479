/* The filter stack as one line: "Filters: focus main › ignore /^io_/ ›
 * tag state=RUNNABLE · group by state". Oldest entry first, so the last
 * is the one filter-undo takes back; when the line is too narrow the
 * oldest entries give way to "…", then long names lose their middle. */
#ifndef SCORCH_UI_BREADCRUMB_H
#define SCORCH_UI_BREADCRUMB_H

#include <stdbool.h>

#include "canvas.h"

struct session;

/* Whether there is anything to show: a filter or a grouping. */
bool breadcrumb_active(const struct session *s);
/* Draws the breadcrumb in [x, x + w) on line y (on the default
 * background); returns the cells used. */
int breadcrumb_draw(struct canvas *c, int x, int y, int w, const struct session *s);

#endif
