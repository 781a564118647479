/* Helpers shared by the thread-dump parsers (gdb, eu-stack, Go, jstack):
 * a line reader, a leaf-first frame stack, a string scratch buffer, label
 * building and the dump summary (threads, counts by state). Nothing here
 * prints or allocates per line. */
#ifndef SCORCH_FORMATS_DUMP_COMMON_H
#define SCORCH_FORMATS_DUMP_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "sink.h"
#include "textbuf.h"

/* Walks a buffer line by line; each line comes without its \n, \r and
 * trailing blanks. The buffer need not end in a newline. */
struct dump_lines {
	const char *start, *p, *end;
	long lineno;        /* 1-based number of the line last returned */
};

void dump_lines_init(struct dump_lines *r, const char *data, size_t len);
/* Returns false at the end; else the line in [*s, *s + *len). */
bool dump_lines_next(struct dump_lines *r, const char **s, size_t *len);
/* Tells the sink how far the reader is, every 65536 lines. */
void dump_lines_progress(const struct dump_lines *r, struct sink *s);

/* Frame ids of one thread, innermost first as the dumps print them. */
struct dump_stack {
	uint32_t *ids;
	size_t n, cap;
};

void dump_stack_push(struct dump_stack *st, uint32_t id);
/* Interns d and pushes it; 0, or -1 with the sink's error at lineno. */
int dump_stack_push_frame(struct dump_stack *st, struct sink *s,
	const struct frame_desc *d, long lineno);
void dump_stack_free(struct dump_stack *st);

/* Growable bytes for NUL-terminated names and label values; offsets stay
 * valid across growth, pointers only until the next add. */
struct dump_buf {
	struct textbuf t;   /* the strings, each with its NUL */
};

/* An offset into a dump_buf that names no string. */
#define DUMP_NONE ((size_t)-1)

size_t dump_buf_add(struct dump_buf *b, const char *s, size_t len);
/* Appends and NUL-terminates the printf result; returns its offset. */
size_t dump_buf_printf(struct dump_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static inline const char *
dump_buf_at(const struct dump_buf *b, size_t off)
{
	return b->t.s + off;
}
/* The string at off, or NULL for DUMP_NONE. */
static inline const char *
dump_buf_opt(const struct dump_buf *b, size_t off)
{
	return off != DUMP_NONE ? b->t.s + off : NULL;
}
static inline void
dump_buf_reset(struct dump_buf *b)
{
	b->t.len = 0;
}
/* Appends prefix then "0x" and v in lowercase hex, or v in decimal;
 * NUL-terminated; returns the offset. No printf: these run per frame. */
size_t dump_buf_hex(struct dump_buf *b, const char *prefix, size_t prefix_len,
	uint64_t v);
size_t dump_buf_u64(struct dump_buf *b, uint64_t v);
void dump_buf_free(struct dump_buf *b);

/* Counts threads, the ones with no frames, truncated stacks and states,
 * then writes them with sink_info ("threads", "state" = "NAME N", ...). */
#define DUMP_MAX_STATES 128

struct dump_state_count {
	char *name;
	uint64_t count;
};

struct dump_summary {
	uint64_t threads;        /* thread or goroutine headers seen */
	uint64_t empty;          /* of which had no frames (dropped) */
	uint64_t truncated;      /* stacks the producer cut short */
	struct dump_state_count states[DUMP_MAX_STATES];
	size_t n_states;
	uint64_t other_states;   /* past DUMP_MAX_STATES distinct names */
};

void dump_summary_state(struct dump_summary *d, const char *name, size_t len);
void dump_summary_emit(struct dump_summary *d, struct sink *s);
/* At the end of a dump: threads but no sample is an error that counts
 * them ("no samples (3 goroutines, none with frames)"); what names a
 * thread ("thread", "goroutine"), frames what they lacked. Returns 0, or
 * -1 with err set. */
int dump_check_samples(const struct dump_summary *d, struct sink *s,
	const char *what, const char *frames, struct error *err);
void dump_summary_free(struct dump_summary *d);

/* Reverses st to root first and adds it as one sample of weight in
 * column type, with the labels in meta. Empties st. 0 or -1 (sink error,
 * line set). An empty stack adds nothing. */
int dump_emit(struct sink *s, struct dump_stack *st, int type, double weight,
	const struct sample_meta *meta, long lineno);
/* Adds the label key = the string at off in b as labels[*n] (the caller
 * has room for it); nothing when off is DUMP_NONE. */
void dump_label(struct sink_label *labels, size_t *n, const char *key,
	const struct dump_buf *b, size_t off);
/* A pid or tid read from the dump (-1 = none): sets *field when it fits
 * a sample's, and returns its decimal text added to b for a label, or
 * DUMP_NONE. */
size_t dump_id_label(struct dump_buf *b, int64_t id, int32_t *field);

/* Small parsing helpers. */
static inline bool
dump_is_digit(char c)
{
	return c >= '0' && c <= '9';
}
static inline bool
dump_is_hex(char c)
{
	return dump_is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}
static inline bool
dump_is_blank(char c)
{
	return c == ' ' || c == '\t';
}
/* True when [s, s + len) starts with the NUL-terminated prefix. */
bool dump_starts(const char *s, size_t len, const char *prefix);
/* Finds needle in [s, s + len), or NULL. */
const char *dump_find(const char *s, size_t len, const char *needle);
/* Parses decimal digits at s (at most len bytes); returns the count of
 * digits read (0 = none) and the value, saturated. */
size_t dump_parse_u64(const char *s, size_t len, uint64_t *out);
/* Same for hex digits (no 0x prefix). */
size_t dump_parse_hex(const char *s, size_t len, uint64_t *out);
/* The file name part of a path. */
const char *dump_basename(const char *s, size_t len, size_t *out_len);

#endif
