/* Load progress on a terminal: one line on stderr, rewritten in place a
 * few times a second and erased when the load ends, so that the
 * explorer, warnings and errors start on a clean line. */
#ifndef SCORCH_SRC_PROGRESS_H
#define SCORCH_SRC_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

struct progress_line {
	FILE *out;
	bool shown;
	double last;      /* when it was last written (monotonic seconds) */
	int width;        /* of what is on the line now */
};

void progress_line_init(struct progress_line *p, FILE *out);
/* A load_options.progress callback (ctx = struct progress_line). file is
 * already escaped; stage, when set, says what produces the bytes. */
void progress_line_update(void *ctx, const char *file, const char *stage,
	size_t done, size_t total);
/* A load_options.progress_end callback: erases the line if shown. */
void progress_line_end(void *ctx);

#endif
