/* The help screen: every action with the keys that trigger it in the
 * view below, generated from ACTIONS and the live keymap. */
#ifndef SCORCH_UI_HELP_VIEW_H
#define SCORCH_UI_HELP_VIEW_H

#include "view.h"

extern const struct view_ops help_view_ops;

#endif
