/* The sink: the only way a parser puts data into a profile. It interns
 * frames, enforces the limits (depth, name length, distinct frames) and
 * counts skipped input. Parsers never see the profile's internals.
 *
 * Contract for a parser:
 *   - declare sample types first with sink_type() (a parser that declares
 *     none gets one "samples"/"samples" type on its first sample);
 *   - hand frames root first to sink_sample*(); reverse leaf-first input;
 *   - on a limit failure (a function returning -1 or FRAME_NONE) stop and
 *     return -1: the error is already filled in (add the line with
 *     sink_fail_at()).
 */
#ifndef SCORCH_SRC_SINK_H
#define SCORCH_SRC_SINK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "frames.h"

struct profile;

struct sink_limits {
	size_t max_depth;       /* frames per stack */
	size_t max_name_len;    /* bytes per frame name */
	size_t max_frames;      /* distinct frames per profile */
};

#define SINK_DEFAULT_MAX_DEPTH     65536
#define SINK_DEFAULT_MAX_NAME_LEN  (64u * 1024)
#define SINK_DEFAULT_MAX_FRAMES    (16u * 1024 * 1024)
/* Largest sample value kept (2^64); beyond it, or NaN/inf, a sample is
 * skipped and counted ("samples with a value out of range"). */
#define SINK_MAX_VALUE             18446744073709551616.0

/* Options a parser may honour; NULL fields mean "default". */
enum sink_root_mode {
	SINK_ROOT_COMM = 0,   /* process/thread name as root frame (default) */
	SINK_ROOT_PID,        /* "comm-PID" */
	SINK_ROOT_TID,        /* "comm-PID/TID" */
	SINK_ROOT_NONE        /* no synthetic root frame */
};

struct parse_options {
	const char *event;          /* perf: event to show first (NULL = first seen) */
	bool weight_samples;        /* perf: count samples, ignore the period */
	enum sink_root_mode root;   /* perf and dumps: what the root frame is */
	const char *sample_type;    /* pprof: default sample type */
	const char *unit;           /* folded: unit of the counts (default samples) */
	bool all_frames;            /* pprof: ignore drop_frames/keep_frames */
};

/* Metadata of one sample; unknown numbers are -1. */
struct sample_meta {
	int64_t time_ns;
	int32_t pid, tid, cpu;
	const struct sink_label *labels;
	size_t n_labels;
};

struct sink_label {
	const char *key;
	const char *str;      /* NULL for a numeric label */
	double num;
	const char *unit;     /* numeric labels only; NULL = none */
};

struct sink {
	struct profile *prof;       /* borrowed */
	struct sink_limits limits;
	const struct parse_options *opts;  /* never NULL after sink_init */
	struct error *err;          /* borrowed; filled on failure */
	/* progress: called now and then with bytes consumed; may be NULL */
	void (*progress)(void *ctx, size_t done, size_t total);
	void *progress_ctx;
	/* private */
	struct parse_options default_opts;
	uint32_t *scratch;
	size_t scratch_cap;
	size_t n_added;
};

void sink_init(struct sink *s, struct profile *prof, struct error *err,
	const struct parse_options *opts);
void sink_free(struct sink *s);

/* Declares a sample type (e.g. "cpu", "nanoseconds"); returns its index or
 * -1 with the error set. Declaring an existing name returns its index. */
int sink_type(struct sink *s, const char *name, const char *unit);
/* The type picked when the user does not choose one. */
void sink_default_type(struct sink *s, int type);
/* Marks a two-count folded file: type 0 = before, type 1 = after. */
void sink_set_differential(struct sink *s);

/* Interns a frame; FRAME_NONE with the error set when a limit is hit. */
uint32_t sink_frame(struct sink *s, const char *name, size_t len,
	enum frame_kind kind);
uint32_t sink_frame_desc(struct sink *s, const struct frame_desc *d);

/* Adds a sample with one value per declared type (values[n_types]).
 * meta may be NULL; with time, thread or labels the sample is also kept
 * as a record for filters and the timeline. Returns 0 or -1. */
int sink_sample(struct sink *s, const uint32_t *frames, size_t depth,
	const double *values, const struct sample_meta *meta);
/* Same, with value in column type and 0 elsewhere. */
int sink_sample1(struct sink *s, const uint32_t *frames, size_t depth,
	int type, double value, const struct sample_meta *meta);

/* Counts a skipped line; the first of each category keeps its excerpt. */
void sink_skip(struct sink *s, const char *category, long line,
	const char *text, size_t len);
/* Free-form facts for the info screen ("period", "duration", "comment"). */
void sink_info(struct sink *s, const char *key, const char *value);
/* Sets the line of an error a sink call already filled in; returns -1. */
int sink_fail_at(struct sink *s, long line);
/* Reports progress through the callback, if any. */
void sink_progress(struct sink *s, size_t done, size_t total);
/* Number of samples (with non-zero depth or value) added so far. */
size_t sink_count(const struct sink *s);

#endif
