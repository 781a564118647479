/* Raw perf.data input ("PERFILE2"): turned into `perf script` text by
 * running perf, when it is installed, for the perf-script parser. */
#ifndef SCORCH_FORMATS_PERF_DATA_H
#define SCORCH_FORMATS_PERF_DATA_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "input.h"

/* Whether data starts with the perf.data magic. */
bool perf_data_is_raw(const char *data, size_t len);

/* Runs `perf script` on the perf.data file at path and fills out (which
 * the caller releases with input_close) with its text output. Fails with
 * err set, saying which command to run by hand, when perf is not on PATH,
 * and with perf's own message when perf fails. Never prints: perf's
 * stderr is captured. */
int perf_data_convert(const char *path, struct input *out, struct error *err);

/* The same, calling progress (may be NULL) now and then with the bytes of
 * text read so far (total 0: unknown). */
int perf_data_convert_progress(const char *path, struct input *out,
	struct error *err, void (*progress)(void *ctx, size_t done, size_t total),
	void *ctx);

#endif
