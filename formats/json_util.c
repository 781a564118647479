#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "json_util.h"

static bool
is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

char
json_util_start(const char **head, size_t *len)
{
	size_t i = 0;

	if (*len >= 3 && memcmp(*head, "\xef\xbb\xbf", 3) == 0)
		i = 3;
	while (i < *len && is_blank((*head)[i]))
		i++;
	*head += i;
	*len -= i;
	return *len > 0 ? **head : 0;
}

/* Bytes jansson's tree of the document will take, roughly: every value
 * is a separate allocation (about 70 bytes with its slot in an array or
 * object, measured with glibc), strings are copied. Values are counted by
 * the separators and openers that precede them, outside strings. */
static uint64_t
tree_estimate(const char *p, size_t len, uint64_t *values)
{
	uint64_t n = 1;
	bool in_str = false;

	for (size_t i = 0; i < len; i++) {
		char c = p[i];

		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = false;
		} else if (c == '"') {
			in_str = true;
		} else if (c == ',' || c == ':' || c == '[' || c == '{') {
			n++;
		}
	}
	*values = n;
	return n * 72 + len;
}

json_t *
json_util_load(const struct input *in, struct sink *s, struct error *err)
{
	uint64_t max = in->max_bytes ? in->max_bytes : INPUT_DEFAULT_MAX_BYTES;
	uint64_t values, need;
	json_error_t jerr;
	size_t off = 0;
	json_t *root;

	if (in->len >= 3 && memcmp(in->data, "\xef\xbb\xbf", 3) == 0)
		off = 3;
	/* the tree is built whole before anything reaches the sink, and it
	 * is many times the size of the text: bound it like the input */
	need = tree_estimate(in->data + off, in->len - off, &values);
	if (need > max) {
		error_set(err, 0, 0, "loading this JSON (%llu values) takes about "
			"%llu MiB, over the limit of %llu MiB (raise it with "
			"--max-input=SIZE)", (unsigned long long)values,
			(unsigned long long)(need >> 20), (unsigned long long)(max >> 20));
		return NULL;
	}
	/* jansson caps nesting at JSON_PARSER_MAX_DEPTH (2048) and fails
	 * cleanly beyond it; NUL escapes are allowed because names are kept
	 * with their length; numbers are read as doubles because traces hold
	 * unsigned 64-bit values that jansson's integers reject. */
	root = json_loadb(in->data + off, in->len - off,
		JSON_ALLOW_NUL | JSON_DECODE_INT_AS_REAL, &jerr);
	if (!root) {
		const char *hint = "";
		char text[2 * JSON_ERROR_TEXT_LENGTH];

		if (json_error_code(&jerr) == json_error_premature_end_of_input)
			hint = " (truncated input?)";
		/* jansson quotes the offending token raw: escape it */
		escape_text(jerr.text, strlen(jerr.text), text, sizeof text);
		error_set(err, jerr.line > 0 ? jerr.line : 1,
			jerr.column > 0 ? jerr.column : 0, "invalid JSON: %s%s",
			text, hint);
		return NULL;
	}
	sink_progress(s, in->len, in->len);
	return root;
}

const char *
json_util_find_key(const char *head, size_t len, const char *key)
{
	size_t klen = strlen(key);
	const char *p = head, *end = head + len;

	while (p < end) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		const char *v;

		if (!q || (size_t)(end - q) < klen + 2)
			return NULL;
		p = q + 1;
		if (memcmp(p, key, klen) != 0 || p[klen] != '"')
			continue;
		v = p + klen + 1;
		while (v < end && is_blank(*v))
			v++;
		if (v >= end || *v != ':')
			continue;
		v++;
		while (v < end && is_blank(*v))
			v++;
		if (v < end)
			return v;
		return NULL;
	}
	return NULL;
}

bool
json_util_number(const json_t *v, double *out)
{
	if (json_is_integer(v)) {
		*out = (double)json_integer_value(v);
		return true;
	}
	if (json_is_real(v)) {
		*out = json_real_value(v);
		return isfinite(*out);
	}
	return false;
}

bool
json_util_int(const json_t *v, int64_t *out)
{
	double d;

	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return true;
	}
	if (!json_is_real(v))
		return false;
	d = json_real_value(v);
	if (!(d >= -9.2e18 && d <= 9.2e18) || d != floor(d))
		return false;
	*out = (int64_t)d;
	return true;
}

double
json_util_get_number(const json_t *obj, const char *key, double def)
{
	double d;

	if (!json_util_number(json_object_get(obj, key), &d))
		return def;
	return d;
}

const char *
json_util_get_string(const json_t *obj, const char *key, size_t *len)
{
	const json_t *v = json_object_get(obj, key);

	if (!json_is_string(v))
		return NULL;
	*len = json_string_length(v);
	return json_string_value(v);
}

void
json_util_skip(struct sink *s, const char *category, const char *fmt, ...)
{
	char text[160];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(text, sizeof text, fmt, ap);
	va_end(ap);
	if (n < 0)
		n = 0;
	if ((size_t)n >= sizeof text)
		n = sizeof text - 1;
	sink_skip(s, category, 0, text, (size_t)n);
}
