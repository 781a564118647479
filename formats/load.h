/* Loading a profile from a path: read, unwrap, sniff (or --format), parse,
 * and decide whether the result is usable. */
#ifndef SCORCH_FORMATS_LOAD_H
#define SCORCH_FORMATS_LOAD_H

#include <stdint.h>

#include "error.h"
#include "profile.h"
#include "sink.h"

struct load_options {
	const char *format;          /* NULL = sniff */
	uint64_t max_input_bytes;    /* 0 = default */
	struct sink_limits limits;   /* zeros = defaults */
	struct parse_options parse;
	/* now and then while loading (may be NULL): bytes of file read of
	 * total (0 = unknown), or with stage "perf script", bytes of the text
	 * perf has written so far (called once with 0 as perf starts) */
	void (*progress)(void *ctx, const char *file, const char *stage,
		size_t done, size_t total);
	void (*progress_end)(void *ctx);   /* when the load ends, if progress */
	void *progress_ctx;
};

/* Fills prof (initialised by the caller) from path. Returns 0, or -1 with
 * err set: "FILE: <format>: no samples (<reason>)" and the like. */
int load_profile(struct profile *prof, const char *path,
	const struct load_options *opts, struct error *err);

#endif
