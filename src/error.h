/* A failure description filled in by code that must not print. */
#ifndef SCORCH_SRC_ERROR_H
#define SCORCH_SRC_ERROR_H

#include <stddef.h>

struct error {
	char msg[512];   /* reason, without file or line */
	char file[256];  /* input name, "" when not about a file */
	long line;       /* 1-based, 0 when not about a line */
	int  col;        /* 1-based, 0 when unknown */
};

/* Sets message and position (file is kept); always returns -1 so that
 * parsers can write `return error_set(err, n, 0, "...")`. err may be NULL. */
int error_set(struct error *err, long line, int col, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void error_set_file(struct error *err, const char *file);
void error_clear(struct error *err);

/* "FILE:LINE: msg", "FILE: msg" or "msg", into buf; returns buf. */
const char *error_format(const struct error *err, char *buf, size_t size);

#endif
