/* libFuzzer target. Built once per format with -DFUZZ_FORMAT="name" (that
 * parser alone, no sniffing), with -DFUZZ_STAGE=FUZZ_SNIFF (sniffing and
 * every probe) or FUZZ_UNWRAP (gzip/zstd removal and reading in pieces),
 * or with neither for the whole load path: unwrapping, sniffing, parsing,
 * calltree, layout and both writers. Build with `make fuzz` (needs
 * clang). */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "format.h"
#include "input.h"
#include "layout.h"
#include "print.h"
#include "profile.h"
#include "query.h"
#include "sink.h"
#include "sniff.h"
#include "write_folded.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Exercises everything after parsing on what the parser produced. */
static void
use_profile(struct profile *p)
{
	struct query q;
	struct calltree *t;
	struct layout l;
	FILE *null = fopen("/dev/null", "w");

	query_default(&q, p);
	t = calltree_build(p, &q, CALLTREE_BY_NAME);
	layout_init(&l);
	layout_compute(&l, t, CT_ROOT, 80, 40);
	if (t->n > 1)
		layout_compute(&l, t, t->nodes[CT_ROOT].first_child, 33, 20);
	layout_free(&l);
	if (null) {
		struct print_options po = { .width = 60, .min_percent = 0 };
		struct folded_options fo = { .annotate = true };

		print_tree(null, t, &po);
		write_folded(null, p, &q, &fo);
		fclose(null);
	}
	calltree_free(t);
}

/* A streaming format read in pieces must give what it gives whole: the
 * input is parsed again, cut in pieces of a size the input's last byte
 * picks, and the two profiles compared. A difference aborts (a finding). */
static void
check_pieces(const struct format *fmt, const uint8_t *data, size_t size,
	int rc, const struct profile *whole)
{
	struct profile p;
	struct input in;
	struct sink s;
	struct error err;
	int rc2;

	error_clear(&err);
	if (input_from_memory(&in, "fuzz", (const char *)data, size, 16u << 20, &err) < 0)
		abort();
	in.piece_bytes = 1 + (size ? data[size - 1] % 61 : 0);
	profile_init(&p);
	sink_init(&s, &p, &err, NULL);
	s.limits.max_depth = 4096;
	rc2 = fmt->parse(&in, &s, &err);
	if (rc2 != rc || p.n_stacks != whole->n_stacks ||
	    p.n_samples != whole->n_samples || p.n_types != whole->n_types ||
	    p.n_skips != whole->n_skips)
		abort();
	for (size_t i = 0; rc == 0 && i < p.n_stacks * p.n_types; i++)
		if (memcmp(&p.stack_values[i], &whole->stack_values[i], sizeof (double)) != 0)
			abort();
	for (size_t i = 0; i < p.n_skips; i++)
		if (p.skips[i].count != whole->skips[i].count ||
		    p.skips[i].first_line != whole->skips[i].first_line ||
		    strcmp(p.skips[i].category, whole->skips[i].category) != 0)
			abort();
	sink_free(&s);
	profile_free(&p);
	input_close(&in);
}

#define FUZZ_SNIFF 1
#define FUZZ_UNWRAP 2

/* Sniffing alone: every probe on the head, then the choice among them. */
static void
fuzz_sniff(struct input *in)
{
	size_t len = in->len < FORMAT_SNIFF_BYTES ? in->len : FORMAT_SNIFF_BYTES;
	struct error err;
	int score;

	for (size_t i = 0; i < format_registry_count; i++) {
		score = format_registry[i]->probe(in->data, len);
		if (score < 0 || score > 100)
			abort();
	}
	error_clear(&err);
	if (!sniff_format(in, &err) && !err.msg[0])
		abort();   /* a refusal always says why */
}

/* The decompression layer, then the unwrapped bytes read back in pieces
 * (of a size the input's last byte picks): they must add up to it all. */
static void
fuzz_unwrap(struct input *in, const uint8_t *data, size_t size)
{
	size_t total = in->len, seen = 0, len;
	const char *piece;
	struct error err;

	error_clear(&err);
	in->piece_bytes = 1 + (size ? data[size - 1] % 61 : 0);
	while (input_next_piece(in, input_cut_lines, &piece, &len, &err) > 0) {
		if (piece[len] != '\0')
			abort();
		seen += len;
	}
	if (seen != total)
		abort();
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct format *fmt;
	struct profile p;
	struct input in;
	struct sink s;
	struct error err;
	int rc;

	error_clear(&err);
	/* a small cap keeps decompression bombs from eating the fuzzer */
	if (input_from_memory(&in, "fuzz", (const char *)data, size, 16u << 20, &err) < 0)
		return 0;
#if defined(FUZZ_STAGE) && FUZZ_STAGE == FUZZ_SNIFF
	fuzz_sniff(&in);
	input_close(&in);
	return 0;
#elif defined(FUZZ_STAGE) && FUZZ_STAGE == FUZZ_UNWRAP
	fuzz_unwrap(&in, data, size);
	input_close(&in);
	return 0;
#endif
#ifdef FUZZ_FORMAT
	fmt = format_by_name(FUZZ_FORMAT);
#else
	fmt = sniff_format(&in, &err);
#endif
	if (!fmt) {
		input_close(&in);
		return 0;
	}
	profile_init(&p);
	sink_init(&s, &p, &err, NULL);
	s.limits.max_depth = 4096;
	rc = fmt->parse(&in, &s, &err);
	if (fmt->streams)
		check_pieces(fmt, data, size, rc, &p);
	if (rc == 0 && p.n_stacks > 0)
		use_profile(&p);
	sink_free(&s);
	profile_free(&p);
	input_close(&in);
	return 0;
}
