/* Reading an input: a file or stdin, whole, with gzip and zstd wrappers
 * removed (concatenated members and frames included) under a size cap. */
#ifndef SCORCH_FORMATS_INPUT_H
#define SCORCH_FORMATS_INPUT_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define INPUT_DEFAULT_MAX_BYTES (4ull << 30)   /* 4 GiB decompressed */

struct input {
	const char *name;     /* for messages: as given ("-" shown as
	                       * "<stdin>"), control bytes escaped */
	const char *data;     /* decompressed bytes; data[len] is a NUL */
	size_t len;
	const char *wrapper;  /* "gzip", "zstd" or NULL */
	uint64_t max_bytes;   /* the cap in force; parsers that build large
	                       * tables of their own (JSON trees, pprof
	                       * tables) keep them under it too */
	/* private */
	char *buf;            /* the bytes (data points into it), or NULL */
	char *name_buf;       /* escaped copy of the name, or NULL */
};

/* How long opening a named FIFO waits for a writer to connect. */
#define INPUT_FIFO_WAIT_MS 5000

/* Reads path ("-" = stdin). max_bytes caps the decompressed size (0 =
 * default). Fills err (file set) and returns -1 on failure: unreadable
 * file, unsupported wrapper (xz, bzip2, lz4), corrupt or truncated
 * compressed data, the cap, or a named FIFO that no writer opens within
 * INPUT_FIFO_WAIT_MS. */
int input_open(struct input *in, const char *path, uint64_t max_bytes,
	struct error *err);
/* Wraps bytes already in memory (tests, fuzzers): same unwrapping. The
 * result is always a copy; data may be freed after the call. */
int input_from_memory(struct input *in, const char *name, const char *data,
	size_t len, uint64_t max_bytes, struct error *err);
void input_close(struct input *in);

#endif
