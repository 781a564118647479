/* What only one side of a diff has: the gone stacks (only in BEFORE) and
 * the new ones (only in AFTER) with their values, and for two thread
 * dumps every thread as stuck, progressing, new or ended. Enter shows
 * the stack in the flame graph under the list (gone stacks with the
 * widths of the larger side, so that they have a width). */
#ifndef SCORCH_UI_CHANGES_VIEW_H
#define SCORCH_UI_CHANGES_VIEW_H

#include "view.h"

extern const struct view_ops changes_view_ops;

#endif
