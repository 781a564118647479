/* Display width of UTF-8 text without the C locale's help, so that
 * --print output is the same everywhere. Invalid bytes count as the four
 * cells of their "\xNN" escape. */
#ifndef SCORCH_SRC_TEXTWIDTH_H
#define SCORCH_SRC_TEXTWIDTH_H

#include <stddef.h>
#include <stdint.h>

/* Decodes one code point at s; returns its byte length (>= 1), or 0 when
 * the byte is not valid UTF-8 (then *cp is the byte). */
size_t utf8_decode(const char *s, size_t len, uint32_t *cp);
/* Writes code point cp (at most 0x10ffff) as UTF-8 into out[0..4);
 * returns the byte count. */
size_t utf8_encode(uint32_t cp, char *out);
/* Cells one code point takes: 0 (combining), 1, or 2 (wide). */
int codepoint_width(uint32_t cp);
/* Cells of s[0..len) as escape_text would show it. */
size_t text_width(const char *s, size_t len);

#endif
