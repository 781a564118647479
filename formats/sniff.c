#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "escape.h"
#include "sniff.h"

/* Binary: NUL bytes, or more than 10% control bytes other than
 * whitespace, in the sniff window. */
static bool
looks_binary(const char *s, size_t len)
{
	size_t ctl = 0;

	if (memchr(s, '\0', len))
		return true;
	for (size_t i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f')
			ctl++;
	}
	return ctl * 10 > len;
}

/* Quotes the first non-blank line, escaped and cut to 60 bytes. */
static void
first_line(const char *s, size_t len, char *out, size_t size)
{
	const char *p = s, *end = s + len;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *le = nl ? nl : end;

		if (!input_is_blank(p, (size_t)(le - p))) {
			size_t n = (size_t)(le - p);

			if (n > 0 && p[n - 1] == '\r')
				n--;
			if (n > 60)
				n = 60;
			escape_text(p, n, out, size);
			return;
		}
		p = nl ? nl + 1 : end;
	}
	out[0] = '\0';
}

const struct format *
sniff_format(const struct input *in, struct error *err)
{
	size_t len = in->len < FORMAT_SNIFF_BYTES ? in->len : FORMAT_SNIFF_BYTES;
	const unsigned char *u = (const unsigned char *)in->data;
	const struct format *best = NULL;
	int best_score = 0;
	char line[256];
	bool binary;

	if (input_is_blank(in->data, in->len)) {
		error_set(err, 0, 0, "empty input");
		return NULL;
	}
	if (in->len >= 2 && ((u[0] == 0xff && u[1] == 0xfe) || (u[0] == 0xfe && u[1] == 0xff))) {
		error_set(err, 0, 0, "UTF-16 text; convert to UTF-8 first "
			"(iconv -f UTF-16 -t UTF-8)");
		return NULL;
	}
	if (in->len >= 8 && memcmp(in->data, "PERFILE2", 8) == 0) {
		error_set(err, 0, 0, "raw perf.data file; run `perf script -i %s > out.perf` "
			"and open its output", in->name);
		return NULL;
	}
	binary = looks_binary(in->data, len);
	for (size_t i = 0; i < format_registry_count; i++) {
		const struct format *f = format_registry[i];
		int score = f->probe(in->data, len);

		if (score > best_score) {
			best_score = score;
			best = f;
		}
	}
	if (best && (!binary || strcmp(best->name, "pprof") == 0))
		return best;
	if (binary) {
		error_set(err, 0, 0, "unrecognised binary input");
		return NULL;
	}
	first_line(in->data, len, line, sizeof line);
	error_set(err, 0, 0, "unknown format; first line: \"%s\" "
		"(see scorch --formats, or force one with --format=NAME)", line);
	return NULL;
}
