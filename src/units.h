/* Values in their unit, printed for people: "12.4 ms", "3.1 GiB",
 * "1,204 samples", "41.2%". */
#ifndef SCORCH_SRC_UNITS_H
#define SCORCH_SRC_UNITS_H

#include <stdbool.h>
#include <stddef.h>

/* Canonical unit names used by parsers. */
#define UNIT_SAMPLES      "samples"
#define UNIT_COUNT        "count"
#define UNIT_NANOSECONDS  "nanoseconds"
#define UNIT_MICROSECONDS "microseconds"
#define UNIT_MILLISECONDS "milliseconds"
#define UNIT_SECONDS      "seconds"
#define UNIT_BYTES        "bytes"

/* Maps producer spellings ("ns", "usecs", "B", "cycles", ...) to the
 * canonical name; unknown units are returned unchanged. */
const char *units_canonical(const char *unit);

/* "12.4 ms", "3.1 GiB", "1,204 samples"; returns buf. */
const char *units_format(double value, const char *unit, char *buf, size_t size);
/* Grouped integer or shortest exact decimal: "1,204", "12.5". */
const char *units_format_number(double value, char *buf, size_t size);
/* Whether unit counts things (samples, count) rather than measuring. */
bool units_is_count(const char *unit);
/* A value in a table whose heading names the unit: counts bare
 * ("1,204"), times and sizes with their unit ("12 ms"). */
const char *units_format_value(double value, const char *unit, char *buf,
	size_t size);
/* "41.2%", "0.03%", "100%" of part in whole; "-" when whole is 0. */
const char *units_format_percent(double part, double whole, char *buf, size_t size);
/* Shortest text that reads back as value ("12", "334.618"): folded output. */
const char *units_format_exact(double value, char *buf, size_t size);

#endif
