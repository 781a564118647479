/* Frame names are untrusted: every control byte (C0, DEL, C1 in UTF-8)
 * and every invalid UTF-8 byte is shown escaped ("\x1b"), in the TUI and
 * in every writer, so a hostile profile cannot drive a terminal. */
#ifndef SCORCH_SRC_ESCAPE_H
#define SCORCH_SRC_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>

/* Writes the safe form of s[0..len) into out (NUL-terminated, truncated to
 * size). Returns the length the full safe form needs (like snprintf). */
size_t escape_text(const char *s, size_t len, char *out, size_t size);
/* True when s[0..len) needs no escaping. */
bool escape_is_clean(const char *s, size_t len);

#endif
