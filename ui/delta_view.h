/* The delta table of a diff: every function with its before and after
 * values, the change and its class, sorted by regression (largest
 * growth first) or by another column; Enter shows the function in the
 * flame graph under it. */
#ifndef SCORCH_UI_DELTA_VIEW_H
#define SCORCH_UI_DELTA_VIEW_H

#include "view.h"

extern const struct view_ops delta_view_ops;

#endif
