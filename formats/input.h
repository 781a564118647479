/* Reading an input: a file or stdin, with gzip and zstd wrappers removed
 * (concatenated members and frames included) under a size cap; whole, or
 * piece by piece for parsers that stream. */
#ifndef SCORCH_FORMATS_INPUT_H
#define SCORCH_FORMATS_INPUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "error.h"

#define INPUT_DEFAULT_MAX_BYTES (4ull << 30)   /* 4 GiB decompressed */

struct input {
	const char *name;     /* for messages: as given ("-" shown as
	                       * "<stdin>"), control bytes escaped */
	const char *data;     /* bytes not yet handed out; data[len] is a NUL.
	                       * After input_open only the first bytes (at least
	                       * INPUT_HEAD_BYTES, or all) until input_read_all
	                       * or input_next_piece; whole = all of them. */
	size_t len;
	bool whole;
	const char *wrapper;  /* "gzip", "zstd" or NULL */
	uint64_t size;        /* the whole input's size when known (a file's
	                       * size, len once whole), else 0: for progress */
	uint64_t max_bytes;   /* the cap in force; parsers that build large
	                       * tables of their own (JSON trees, pprof
	                       * tables) keep them under it too */
	size_t piece_bytes;   /* how much input_next_piece reads at a time
	                       * (0 = INPUT_PIECE_BYTES); tests make it tiny.
	                       * Set on an input in memory, pieces are cut as
	                       * reads of that size would cut them. */
	/* private */
	char *buf;            /* the bytes (data points into it), or NULL */
	size_t cap;
	int fd;               /* still being read, or -1 */
	pid_t child;          /* the process writing fd (input_from_fd), or 0 */
	size_t piece;         /* length of the piece handed out last */
	char saved;           /* the byte its terminating NUL replaced */
	uint64_t done;        /* bytes handed out before that piece */
	uint64_t read;        /* bytes read from fd, against max_bytes */
	char *name_buf;       /* escaped copy of the name, or NULL */
};

/* What input_open reads before the format is known: enough to sniff. */
#define INPUT_HEAD_BYTES (64 * 1024)
/* The default size of a read for input_next_piece: big enough that a
 * read(2) costs nothing per byte, small enough to stay in cache and never
 * to need fresh (kernel-zeroed) memory after the first piece. */
#define INPUT_PIECE_BYTES (1u << 20)

/* How long opening a named FIFO waits for a writer to connect. */
#define INPUT_FIFO_WAIT_MS 5000

/* Opens path ("-" = stdin) and reads its head; a gzip or zstd input is
 * read and unwrapped whole. max_bytes caps the (decompressed) size (0 =
 * default). Fills err (file set) and returns -1 on failure: unreadable
 * file, unsupported wrapper (xz, bzip2, lz4), corrupt or truncated
 * compressed data, the cap, or a named FIFO that no writer opens within
 * INPUT_FIFO_WAIT_MS. */
int input_open(struct input *in, const char *path, uint64_t max_bytes,
	struct error *err);
/* Reads fd, the output of process child (reaped by input_close; 0 =
 * none), like a file: the head now, the rest later. The name and cap
 * are set by the caller beforehand. -1 with err set on a read error. */
int input_from_fd(struct input *in, int fd, pid_t child, struct error *err);
/* Reads the rest, so that data..len is the whole input. -1 with err set
 * on a read error or the cap. */
int input_read_all(struct input *in, struct error *err);
/* Where a piece may end: the length of the longest prefix of p[0..len)
 * that ends where the format may cut (0 = nowhere). A format whose lines
 * look ahead at the next line says so here. */
typedef size_t (*input_cut_fn)(const char *p, size_t len);
/* After the last newline: for formats whose lines stand alone. */
size_t input_cut_lines(const char *p, size_t len);
/* The next piece of the input, NUL-terminated, ending where cut allows
 * (or at the end): a parser reads a big file through a small buffer that
 * is refilled in place, so no file-sized memory is ever taken. A whole
 * input is one piece. Returns 1 with *data, *len set; 0 at the end; -1
 * with err set on a read error or the cap. The previous piece is invalid
 * after the call. */
int input_next_piece(struct input *in, input_cut_fn cut, const char **data,
	size_t *len, struct error *err);
/* Bytes of the input before the current piece (for progress). */
uint64_t input_offset(const struct input *in);
/* Wraps bytes already in memory (tests, fuzzers): same unwrapping. The
 * result is always a copy, whole; data may be freed after the call. */
int input_from_memory(struct input *in, const char *name, const char *data,
	size_t len, uint64_t max_bytes, struct error *err);
void input_close(struct input *in);
/* Nothing but white space (an "empty" input). */
bool input_is_blank(const char *s, size_t len);

#endif
