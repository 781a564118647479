/* One input format: a probe that says how sure it is, and a parser that
 * hands stacks to a sink. A format knows nothing of curses or trees. */
#ifndef SCORCH_FORMATS_FORMAT_H
#define SCORCH_FORMATS_FORMAT_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "input.h"
#include "sink.h"

struct format {
	const char *name;          /* used by --format=NAME */
	const char *description;   /* one line for --formats */
	/* 0..100 on the first bytes (up to 64 KiB, NUL-terminated): 0 = not
	 * mine, 100 = certain. Must not read past head[len]. */
	int (*probe)(const char *head, size_t len);
	/* Parses the input into the sink. Returns 0, or -1 with err set
	 * (line filled where it applies). Skipped lines are counted with
	 * sink_skip, not treated as errors. A parse that found no samples
	 * returns 0; the caller reports "no samples". */
	int (*parse)(struct input *in, struct sink *out, struct error *err);
	/* parse reads the input with input_next_piece, so it need not be
	 * whole; otherwise the loader reads all of it first */
	bool streams;
};

#define FORMAT_SNIFF_BYTES (64 * 1024)

/* The registry, in detection-tie order (formats/formats.c). */
extern const struct format *const format_registry[];
extern const size_t format_registry_count;

const struct format *format_by_name(const char *name);

#endif
