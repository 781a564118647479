/* Choosing a format for an input: wrappers and encodings that are errors,
 * then the most confident probe. */
#ifndef SCORCH_FORMATS_SNIFF_H
#define SCORCH_FORMATS_SNIFF_H

#include "error.h"
#include "format.h"
#include "input.h"

/* Returns the format for in, or NULL with err set: empty input, UTF-16,
 * raw perf.data, unrecognised binary, or unknown text (quoting the first
 * non-blank line). */
const struct format *sniff_format(const struct input *in, struct error *err);

#endif
