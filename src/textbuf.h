/* Growable text: bytes appended at the end and kept NUL-terminated (once
 * anything was added, even nothing). s moves as it grows; offsets into
 * it stay valid. */
#ifndef SCORCH_SRC_TEXTBUF_H
#define SCORCH_SRC_TEXTBUF_H

#include <stddef.h>

struct textbuf {
	char *s;
	size_t len, cap;
};

/* Room for n more bytes and the NUL; returns where they go (s + len).
 * The caller writes them and adds n to len. */
char *textbuf_reserve(struct textbuf *b, size_t n);
void textbuf_put(struct textbuf *b, const char *s, size_t n);
void textbuf_puts(struct textbuf *b, const char *s);
/* Appends s[0..n) as escape_text shows untrusted text: no control bytes. */
void textbuf_put_escaped(struct textbuf *b, const char *s, size_t n);
void textbuf_printf(struct textbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void textbuf_free(struct textbuf *b);

#endif
