#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escape.h"
#include "format.h"
#include "load.h"
#include "perf_data.h"
#include "sniff.h"
#include "warnings.h"
#include "xmalloc.h"

/* The reason shown when a parse produced no samples. */
static void
no_samples(struct profile *prof, const char *file, const char *format,
	struct error *err)
{
	char excerpt[256];

	error_clear(err);
	error_set_file(err, file);
	if (prof->n_skips > 0) {
		const struct skip_stat *s = &prof->skips[0];
		char cat[256];
		const char *what = warnings_category(s->count, s->category, cat,
			sizeof cat);

		escape_text(s->first_excerpt, strlen(s->first_excerpt), excerpt,
			sizeof excerpt);
		if (s->first_line > 0)
			error_set(err, 0, 0, "%s: no samples (%llu %s, first at line %ld: %s)",
				format, (unsigned long long)s->count, what,
				s->first_line, excerpt);
		else
			error_set(err, 0, 0, "%s: no samples (%llu %s%s%s)", format,
				(unsigned long long)s->count, what,
				excerpt[0] ? ", first: " : "", excerpt);
	} else {
		error_set(err, 0, 0, "%s: no samples (no stacks found)", format);
	}
}

struct progress_report {
	const struct load_options *opts;
	const struct input *in;
};

/* A parser's progress, with the file and what is reading it. */
static void
forward_progress(void *ctx, size_t done, size_t total)
{
	const struct progress_report *r = ctx;

	r->opts->progress(r->opts->progress_ctx, r->in->name,
		r->in->wrapper && strcmp(r->in->wrapper, "perf.data") == 0 ?
		"perf script" : NULL, done, total);
}

static int
load(struct profile *prof, const char *path, const struct load_options *opts,
	struct error *err)
{
	const struct format *fmt;
	struct progress_report report;
	struct input in;
	struct sink sink;
	int rc = -1;

	error_clear(err);
	if (input_open(&in, path, opts->max_input_bytes, err) < 0)
		return -1;
	/* raw perf.data: perf itself turns it into perf script text */
	if (perf_data_is_raw(in.data, in.len) &&
	    (!opts->format || strcmp(opts->format, "perf-script") == 0)) {
		input_close(&in);
		if (strcmp(path, "-") == 0)
			return error_set(err, 0, 0, "raw perf.data on standard input; "
				"run `perf script -i FILE` on the file instead");
		if (opts->progress)
			opts->progress(opts->progress_ctx, in.name, "perf script", 0, 0);
		if (perf_data_convert(path, &in, opts->max_input_bytes, err) < 0)
			return -1;
		error_set_file(err, in.name);
	}
	/* a UTF-8 byte order mark says nothing about the format */
	if (in.len >= 3 && memcmp(in.data, "\xef\xbb\xbf", 3) == 0) {
		in.data += 3;
		in.len -= 3;
	}
	if (opts->format) {
		fmt = format_by_name(opts->format);
		if (!fmt) {
			error_set(err, 0, 0, "unknown format '%s' (see scorch --formats)",
				opts->format);
			goto out;
		}
		if (in.len == 0) {
			error_set(err, 0, 0, "empty input");
			goto out;
		}
	} else if (!(fmt = sniff_format(&in, err))) {
		goto out;
	}
	if (!fmt->streams && input_read_all(&in, err) < 0)
		goto out;
	free(prof->format);
	prof->format = xstrdup(fmt->name);
	free(prof->source);
	prof->source = xstrdup(in.name);
	sink_init(&sink, prof, err, &opts->parse);
	if (opts->limits.max_depth)
		sink.limits.max_depth = opts->limits.max_depth;
	if (opts->limits.max_name_len)
		sink.limits.max_name_len = opts->limits.max_name_len;
	if (opts->limits.max_frames)
		sink.limits.max_frames = opts->limits.max_frames;
	if (opts->progress) {
		report.opts = opts;
		report.in = &in;
		sink.progress = forward_progress;
		sink.progress_ctx = &report;
	}
	rc = fmt->parse(&in, &sink, err);
	if (rc == 0 && sink_count(&sink) == 0) {
		no_samples(prof, in.name, fmt->name, err);
		rc = -1;
	} else if (rc < 0 && err->msg[0]) {
		/* prefix the format, keep file and line */
		char msg[sizeof err->msg];
		size_t n = strlen(fmt->name);

		/* prefix the format name, cutting the reason if it must */
		memcpy(msg, fmt->name, n);
		memcpy(msg + n, ": ", 2);
		snprintf(msg + n + 2, sizeof msg - n - 2, "%.*s",
			(int)(sizeof msg - n - 3), err->msg);
		memcpy(err->msg, msg, sizeof msg);
	}
	sink_free(&sink);
out:
	input_close(&in);
	return rc;
}

int
load_profile(struct profile *prof, const char *path,
	const struct load_options *opts, struct error *err)
{
	int rc = load(prof, path, opts, err);

	if (opts->progress && opts->progress_end)
		opts->progress_end(opts->progress_ctx);
	return rc;
}
