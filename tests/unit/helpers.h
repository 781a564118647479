/* Small helpers shared by the unit tests: build a profile from folded
 * text without touching the file system. */
#ifndef SCORCH_TESTS_UNIT_HELPERS_H
#define SCORCH_TESTS_UNIT_HELPERS_H

#include <string.h>

#include "format.h"
#include "input.h"
#include "profile.h"
#include "sink.h"

extern const struct format format_folded;

/* Parses folded text into p (initialised here); returns the parse result. */
static inline int
profile_from_folded(struct profile *p, const char *text)
{
	struct input in;
	struct sink s;
	struct error err;
	int rc;

	profile_init(p);
	error_clear(&err);
	if (input_from_memory(&in, "test", text, strlen(text), 0, &err) < 0)
		return -1;
	sink_init(&s, p, &err, NULL);
	rc = format_folded.parse(&in, &s, &err);
	sink_free(&s);
	input_close(&in);
	return rc;
}

#endif
