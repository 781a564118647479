/* Helpers shared by the bcc and bpftrace parsers: telling kernel frames
 * from user frames by symbol name or address, reading hex numbers, and
 * building stacks from frame lines taken apart. Both tools print kernel
 * and user frames alike, so the side of a frame is a guess from
 * well-known entry points unless the output says it. */
#ifndef SCORCH_FORMATS_BCC_SYMBOLS_H
#define SCORCH_FORMATS_BCC_SYMBOLS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "sink.h"

enum bcc_side {
	BCC_SIDE_UNKNOWN = 0,
	BCC_SIDE_KERNEL,
	BCC_SIDE_USER
};

/* Side of a symbol name (offset already stripped): kernel entry points,
 * syscalls and scheduler functions say kernel; libc start-up and thread
 * start functions say user; anything else is unknown. */
enum bcc_side bcc_symbol_side(const char *name, size_t len);

/* Side of an address: the upper canonical half is the kernel's. */
enum bcc_side bcc_address_side(uint64_t addr);

/* Parses [s, s+len) as hex digits with an optional 0x prefix; false when
 * empty, not hex, or longer than 16 digits. */
bool bcc_parse_hex(const char *s, size_t len, uint64_t *out);

/* Cuts a trailing "+0x<hex>" or "+<decimal>" offset off [name, name +
 * *len): *len becomes the length of the name alone and *offset points at
 * the offset's text. Both are left alone when there is no offset. */
void bcc_split_offset(const char *name, size_t *len, const char **offset,
	size_t *offset_len);

/* A frame line taken apart: the name alone and what stood around it,
 * pointing into the input (not NUL-terminated). */
struct bcc_frame_text {
	const char *name;
	size_t len;
	const char *module, *file, *offset;   /* NULL when absent */
	size_t module_len, file_len, offset_len;
	uint32_t lineno;                      /* 0 = unknown */
	uint64_t address;                     /* 0 = unknown */
};

/* The frame ids of the sample being built, root first, and scratch for
 * the NUL-terminated strings of one frame. */
struct bcc_stack {
	uint32_t *ids;
	size_t n, cap;
	char *buf;
	size_t cap_buf;
};

/* Appends id; -1 when it is FRAME_NONE (a sink limit: the error is set). */
int bcc_stack_push(struct bcc_stack *st, uint32_t id);
/* Interns f as a frame of this kind and appends it; 0 or -1. */
int bcc_stack_push_frame(struct bcc_stack *st, struct sink *out,
	const struct bcc_frame_text *f, enum frame_kind kind);
/* At least need bytes of scratch, valid until the next call on st. */
char *bcc_stack_scratch(struct bcc_stack *st, size_t need);
void bcc_stack_free(struct bcc_stack *st);

/* Small text helpers both parsers use on every line. */
static inline bool
bcc_is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v';
}

static inline bool
bcc_starts_with(const char *s, size_t len, const char *prefix)
{
	size_t n = strlen(prefix);

	return len >= n && memcmp(s, prefix, n) == 0;
}

static inline bool
bcc_all_digits(const char *s, size_t len)
{
	if (len == 0)
		return false;
	for (size_t i = 0; i < len; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return true;
}

/* Moves *s past leading blanks and cuts trailing ones from *len. */
static inline void
bcc_trim(const char **s, size_t *len)
{
	while (*len > 0 && bcc_is_blank(**s)) {
		(*s)++;
		(*len)--;
	}
	while (*len > 0 && bcc_is_blank((*s)[*len - 1]))
		(*len)--;
}

#endif
