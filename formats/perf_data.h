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

/* Starts `perf script` on the perf.data file at path and makes out (which
 * the caller releases with input_close) read its text output as it comes,
 * under max_bytes (0 = default). Fails with err set, saying which
 * command to run by hand, when perf is not on PATH, and with perf's own
 * message when perf fails without output. Never prints: perf's stderr is
 * captured. */
int perf_data_convert(const char *path, struct input *out, uint64_t max_bytes,
	struct error *err);

#endif
