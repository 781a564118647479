/* The top table: every function of the tree with its self and total
 * value, their shares and its number of distinct callers (src/top.h),
 * sortable by each column, filtered incrementally as the filter is
 * typed; Enter opens the sandwich of the selected function. */
#ifndef SCORCH_UI_TOP_VIEW_H
#define SCORCH_UI_TOP_VIEW_H

#include "view.h"

extern const struct view_ops top_view_ops;

/* After the session's tree was rebuilt: the table is made again, with
 * the same sort, filter and selected function where it still exists. */
void top_view_rebuilt(struct view *v);

#endif
