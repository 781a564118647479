#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "error.h"

int
error_set(struct error *err, long line, int col, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return -1;
	err->line = line;
	err->col = col;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return -1;
}

void
error_set_file(struct error *err, const char *file)
{
	if (err)
		snprintf(err->file, sizeof err->file, "%s", file ? file : "");
}

void
error_clear(struct error *err)
{
	if (err)
		memset(err, 0, sizeof *err);
}

const char *
error_format(const struct error *err, char *buf, size_t size)
{
	if (err->file[0] && err->line > 0)
		snprintf(buf, size, "%s:%ld: %s", err->file, err->line, err->msg);
	else if (err->file[0])
		snprintf(buf, size, "%s: %s", err->file, err->msg);
	else
		snprintf(buf, size, "%s", err->msg);
	return buf;
}
