/* Helpers shared by the JSON profile formats (cpuprofile, speedscope):
 * loading through jansson with file:line errors, cheap textual probes on
 * a possibly truncated head, and lenient number accessors. */
#ifndef SCORCH_FORMATS_JSON_UTIL_H
#define SCORCH_FORMATS_JSON_UTIL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "error.h"
#include "input.h"
#include "sink.h"

/* Parses the whole input (an object or an array at the top). Returns a
 * new reference the caller json_decref()s, or NULL with err set to
 * "invalid JSON: <jansson's reason>" at jansson's line. */
json_t *json_util_load(const struct input *in, struct sink *s,
	struct error *err);

/* Moves *head past a UTF-8 BOM and blanks, shortening *len; returns
 * the document's first byte ('{', '[' ...), or 0 when nothing is left. */
char json_util_start(const char **head, size_t *len);

/* Finds "key" followed by optional blanks and a colon anywhere in head;
 * returns the first non-blank byte of its value, or NULL. Textual: the
 * head may be a truncated document. */
const char *json_util_find_key(const char *head, size_t len, const char *key);

/* Counts a skipped record with sink_skip. A JSON document has no useful
 * line for it, so the excerpt (printf-style) says where it was. */
void json_util_skip(struct sink *s, const char *category, const char *fmt,
	...) __attribute__((format(printf, 3, 4)));

/* Numbers: integers and reals alike. False when v is not a number. */
bool json_util_number(const json_t *v, double *out);
/* Integers, and reals with an integral value, within int64. */
bool json_util_int(const json_t *v, int64_t *out);
/* obj[key] as a number, or def when absent or not a number. */
double json_util_get_number(const json_t *obj, const char *key, double def);
/* obj[key] as a string (NUL-safe length in *len), or NULL. */
const char *json_util_get_string(const json_t *obj, const char *key,
	size_t *len);

#endif
