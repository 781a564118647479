/* Frame lines of `perf script` output: splitting one line into address,
 * symbol, offset and dso, and turning it into interned frames named as
 * stackcollapse-perf.pl names them. Private to formats/perf_script*.c. */
#ifndef SCORCH_FORMATS_PERF_SCRIPT_FRAME_H
#define SCORCH_FORMATS_PERF_SCRIPT_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sink.h"

/* One frame line (plus its +srcline continuation, if any). All pointers
 * borrow the input. */
struct ps_frame_line {
	uint64_t address;
	const char *sym;      /* trimmed, without the +0x offset; may be empty */
	size_t sym_len;
	const char *off;      /* "+0x1a", or NULL */
	size_t off_len;
	const char *dso;      /* inside the final "(...)", without +0x; or NULL */
	size_t dso_len;
	bool inlined;         /* "(inlined)" dso or "... (inlined)" srcline */
	const char *src;      /* srcline file, or NULL */
	size_t src_len;
	uint32_t src_line;
};

/* Bit 1: hex digit; bit 2: blank (space, tab, CR). */
extern const unsigned char ps_ctype[256];

static inline bool
ps_is_hex(char c)
{
	return ps_ctype[(unsigned char)c] & 1;
}

static inline bool
ps_is_space(char c)
{
	return ps_ctype[(unsigned char)c] & 2;
}

/* Length of a leading hex token of p[0..len) that is followed by a blank
 * or the end: the address of a frame line; 0 when there is none. */
size_t ps_address_len(const char *p, size_t len);

/* Parses the text after the address, rest[0..len), trimmed. cont is the
 * continuation (srcline) line without its leading blanks, or NULL.
 * Returns 0, or -1 when the line is truncated (an unclosed "(dso"). */
int ps_frame_split(const char *rest, size_t len, const char *cont,
	size_t cont_len, struct ps_frame_line *out);

/* Scratch space reused across calls; zero it before the first call and
 * free it with ps_scratch_free. */
struct ps_scratch {
	char *name;
	size_t name_cap;
	char *text;           /* NUL-terminated module, detail, file */
	size_t text_cap;
	uint32_t *ids;
	size_t ids_cap;
};

void ps_scratch_free(struct ps_scratch *sc);

/* Interns the frames of one line: a "->" chain gives several. They are
 * left in sc->ids leaf first. java applies the Java name tidying of
 * stackcollapse-perf.pl (comm "java"). Returns the count (at least 1), or
 * 0 with the sink error set on a limit failure. */
size_t ps_frame_intern(struct sink *s, const struct ps_frame_line *f,
	bool java, struct ps_scratch *sc);

#endif
