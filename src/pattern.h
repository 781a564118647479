/* Compiling the POSIX extended regular expressions that filters, search,
 * the top table and the idle-wait list take from the user. */
#ifndef SCORCH_SRC_PATTERN_H
#define SCORCH_SRC_PATTERN_H

#include <regex.h>
#include <stdbool.h>

#include "error.h"

/* Compiles text (match-only, REG_NOSUB) into re. Returns 0, or -1 with
 * err = "bad regular expression 'TEXT': reason" and re left unallocated. */
int pattern_compile(regex_t *re, const char *text, bool icase, struct error *err);

#endif
