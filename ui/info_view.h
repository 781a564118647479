/* The info screen: format, sample types with units and totals (the one
 * shown marked), the parser's facts (period, duration, comments, events),
 * threads and label keys of the sample records, and skipped lines. */
#ifndef SCORCH_UI_INFO_VIEW_H
#define SCORCH_UI_INFO_VIEW_H

#include "view.h"

extern const struct view_ops info_view_ops;

#endif
