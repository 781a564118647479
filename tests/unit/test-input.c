/* Reading piece by piece gives what reading whole gives: every fixture of
 * the formats that stream (perf script, folded) is parsed from memory (one
 * piece) and from a file read through tiny pieces, whose cuts then fall
 * everywhere a cut is allowed, and the folded output and skip counts
 * (with line numbers) compare. */
#include "config.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "format.h"
#include "input.h"
#include "profile.h"
#include "query.h"
#include "sink.h"
#include "write_folded.h"

/* Comment lines (in both formats) in front push the fixture past the
 * head that input_open reads, so the fixture itself arrives in pieces. */
#define PAD_LINES 8000
#define PAD_LINE "# padding past the sniffed head\n"

struct result {
	int rc;
	char *folded;
	char *skips;      /* "category count line\n" for each category */
};

static char *
slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf;
	long n;

	assert_non_null(f);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	n = ftell(f);
	rewind(f);
	buf = malloc((size_t)n + 1);
	assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
	buf[n] = '\0';
	fclose(f);
	*len = (size_t)n;
	return buf;
}

/* Parses in as format f and describes the outcome; line numbers are
 * moved back by line_shift. */
static void
parse(const struct format *f, struct input *in, long line_shift,
	struct result *r)
{
	struct profile p;
	struct error err;
	struct sink s;
	struct query q;
	size_t len;
	FILE *out;

	profile_init(&p);
	error_clear(&err);
	sink_init(&s, &p, &err, NULL);
	r->rc = f->parse(in, &s, &err);
	sink_free(&s);
	out = open_memstream(&r->folded, &len);
	if (r->rc == 0 && p.n_types > 0) {
		query_default(&q, &p);
		write_folded(out, &p, &q, NULL);
	}
	fclose(out);
	out = open_memstream(&r->skips, &len);
	for (size_t i = 0; i < p.n_skips; i++)
		fprintf(out, "%s %llu %ld\n", p.skips[i].category,
			(unsigned long long)p.skips[i].count,
			p.skips[i].first_line - line_shift);
	fclose(out);
	profile_free(&p);
}

static void
compare_pieces_with_whole(const struct format *f, const char *path)
{
	static const size_t steps[] = { 1, 7, 64, 4096 };
	size_t len, pad_len = strlen(PAD_LINE) * PAD_LINES;
	char *text = slurp(path, &len), *padded;
	char tmp[] = "/tmp/scorch-test-input-XXXXXX";
	struct result whole, pieces;
	struct error err;
	struct input in;
	int fd;

	/* compressed fixtures are whole by nature: padding would break them */
	if (len >= 2 && ((text[0] == '\x1f' && text[1] == '\x8b') ||
	    (text[0] == '\x28' && text[1] == '\xb5'))) {
		free(text);
		return;
	}
	padded = malloc(pad_len + len);
	fd = mkstemp(tmp);
	for (size_t i = 0; i < PAD_LINES; i++)
		memcpy(padded + i * strlen(PAD_LINE), PAD_LINE, strlen(PAD_LINE));
	memcpy(padded + pad_len, text, len);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, padded, pad_len + len), (ssize_t)(pad_len + len));
	close(fd);

	error_clear(&err);
	assert_int_equal(input_from_memory(&in, "whole", text, len, 0, &err), 0);
	parse(f, &in, 0, &whole);
	input_close(&in);
	for (size_t k = 0; k < sizeof steps / sizeof steps[0]; k++) {
		assert_int_equal(input_open(&in, tmp, 0, &err), 0);
		assert_false(in.whole);
		in.piece_bytes = steps[k];
		parse(f, &in, PAD_LINES, &pieces);
		assert_true(in.whole || input_offset(&in) == pad_len + len);
		input_close(&in);
		if (strcmp(whole.folded, pieces.folded) != 0 ||
		    strcmp(whole.skips, pieces.skips) != 0 || whole.rc != pieces.rc)
			fail_msg("%s in pieces of %zu bytes:\n%s%s\nwhole:\n%s%s", path,
				steps[k], pieces.folded, pieces.skips, whole.folded, whole.skips);
		free(pieces.folded);
		free(pieces.skips);
	}
	free(whole.folded);
	free(whole.skips);
	unlink(tmp);
	free(padded);
	free(text);
}

/* Every fixture of format name, in pieces and whole; at least min_files. */
static void
fixtures_in_pieces(const char *name, size_t min_files)
{
	const struct format *f = format_by_name(name);
	const char *top = getenv("TOP_SRCDIR");
	char dir[4096], path[8192];
	struct dirent *e;
	size_t n = 0;
	DIR *d;

	assert_non_null(f);
	assert_true(f->streams);
	snprintf(dir, sizeof dir, "%s/tests/formats/%s", top ? top : ".", name);
	d = opendir(dir);
	assert_non_null(d);
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name);

		if (l < 4 || strcmp(e->d_name + l - 3, ".in") != 0)
			continue;
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		compare_pieces_with_whole(f, path);
		n++;
	}
	closedir(d);
	assert_true(n >= min_files);
}

static void
test_perf_script_fixtures_in_pieces(void **state)
{
	(void)state;
	fixtures_in_pieces("perf-script", 10);
}

static void
test_folded_fixtures_in_pieces(void **state)
{
	(void)state;
	fixtures_in_pieces("folded", 10);
}

static size_t
cut_nowhere(const char *p, size_t len)
{
	(void)p;
	(void)len;
	return 0;
}

/* A unit longer than a read step is read whole (the buffer doubles), and
 * the end of the input ends the last piece. */
static void
test_piece_longer_than_step(void **state)
{
	char tmp[] = "/tmp/scorch-test-input-XXXXXX";
	static char text[3 * INPUT_HEAD_BYTES];
	const char *data;
	struct error err;
	struct input in;
	size_t len;
	int fd = mkstemp(tmp);

	(void)state;
	memset(text, 'x', sizeof text);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, text, sizeof text), (ssize_t)sizeof text);
	close(fd);
	error_clear(&err);
	assert_int_equal(input_open(&in, tmp, 0, &err), 0);
	in.piece_bytes = 100;
	assert_int_equal(input_next_piece(&in, cut_nowhere, &data, &len, &err), 1);
	assert_int_equal(len, sizeof text);
	assert_int_equal(data[len], '\0');
	assert_int_equal(input_next_piece(&in, cut_nowhere, &data, &len, &err), 0);
	assert_int_equal(input_offset(&in), sizeof text);
	input_close(&in);
	unlink(tmp);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_perf_script_fixtures_in_pieces),
		cmocka_unit_test(test_folded_fixtures_in_pieces),
		cmocka_unit_test(test_piece_longer_than_step),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
