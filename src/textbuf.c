#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "textbuf.h"
#include "xmalloc.h"

char *
textbuf_reserve(struct textbuf *b, size_t n)
{
	b->s = xgrow(b->s, &b->cap, b->len + n + 1, 1);
	b->s[b->len] = '\0';
	return b->s + b->len;
}

void
textbuf_put(struct textbuf *b, const char *s, size_t n)
{
	memcpy(textbuf_reserve(b, n), s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void
textbuf_puts(struct textbuf *b, const char *s)
{
	textbuf_put(b, s, strlen(s));
}

void
textbuf_put_escaped(struct textbuf *b, const char *s, size_t n)
{
	size_t need = escape_text(s, n, NULL, 0);

	escape_text(s, n, textbuf_reserve(b, need), need + 1);
	b->len += need;
}

void
textbuf_printf(struct textbuf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0) {
		textbuf_reserve(b, 0);
		return;
	}
	va_start(ap, fmt);
	vsnprintf(textbuf_reserve(b, (size_t)n), (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

void
textbuf_free(struct textbuf *b)
{
	free(b->s);
	memset(b, 0, sizeof *b);
}
