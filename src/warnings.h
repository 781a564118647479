/* The skipped-line warnings of a loaded profile, as scorch prints them:
 * "scorch: warning: 3 lines skipped (no count), first at FILE:LINE: ...". */
#ifndef SCORCH_SRC_WARNINGS_H
#define SCORCH_SRC_WARNINGS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

struct profile;

/* A skip category (always plural: "lines skipped (no count)") as read
 * after count: for 1, its first plural word becomes singular ("1 line
 * skipped", "1 map entry"). Returns category or buf. */
const char *warnings_category(uint64_t count, const char *category,
	char *buf, size_t size);

/* One line per skip category, excerpts escaped. */
void warnings_print(FILE *f, const struct profile *p);

#endif
