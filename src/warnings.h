/* The skipped-line warnings of a loaded profile, as scorch prints them:
 * "scorch: warning: 3 lines skipped (no count), first at FILE:LINE: ...". */
#ifndef SCORCH_SRC_WARNINGS_H
#define SCORCH_SRC_WARNINGS_H

#include <stdio.h>

struct profile;

/* One line per skip category, excerpts escaped. */
void warnings_print(FILE *f, const struct profile *p);

#endif
