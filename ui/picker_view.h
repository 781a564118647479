/* The label picker: the label keys of the samples (thread, state, pprof
 * labels, pid, tid, cpu) with how many samples carry each, then the
 * values of one key with their shares of the samples shown. Enter on a
 * value filters to it (a tag filter, "key=value"); group-by-key groups
 * the graph by the key, as root frames. The value list can be filtered
 * as it is typed: the way from a slow trace's id to its flame graph. */
#ifndef SCORCH_UI_PICKER_VIEW_H
#define SCORCH_UI_PICKER_VIEW_H

#include "view.h"

extern const struct view_ops picker_view_ops;

/* After the session's tree was rebuilt: the shares again. */
void picker_view_rebuilt(struct view *v);

#endif
