#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "keys.h"
#include "textwidth.h"

/* Names inside <...>, matched without regard to case. The first name of
 * a key is the one printed. */
static const struct {
	const char *name;
	int key;
} named[] = {
	{ "Up", KEYC_UP }, { "Down", KEYC_DOWN },
	{ "Left", KEYC_LEFT }, { "Right", KEYC_RIGHT },
	{ "Enter", KEYC_ENTER }, { "Return", KEYC_ENTER },
	{ "Backspace", KEYC_BACKSPACE }, { "BS", KEYC_BACKSPACE },
	{ "Esc", KEYC_ESC }, { "Escape", KEYC_ESC },
	{ "Tab", KEYC_TAB }, { "BackTab", KEYC_BACKTAB }, { "S-Tab", KEYC_BACKTAB },
	{ "Home", KEYC_HOME }, { "End", KEYC_END },
	{ "PageUp", KEYC_PAGE_UP }, { "PgUp", KEYC_PAGE_UP },
	{ "PageDown", KEYC_PAGE_DOWN }, { "PgDown", KEYC_PAGE_DOWN },
	{ "PgDn", KEYC_PAGE_DOWN },
	{ "Insert", KEYC_INSERT }, { "Ins", KEYC_INSERT },
	{ "Delete", KEYC_DELETE }, { "Del", KEYC_DELETE },
	{ "WheelUp", KEYC_WHEEL_UP }, { "WheelDown", KEYC_WHEEL_DOWN },
	{ "Space", ' ' }, { "Hash", '#' }, { "LessThan", '<' }, { "LT", '<' },
};

int
keys_normalise(int key)
{
	switch (key) {
	case '\n': case '\r': return KEYC_ENTER;
	case '\b': case 0x7f: return KEYC_BACKSPACE;
	case '\t': return KEYC_TAB;
	case 0x1b: return KEYC_ESC;
	default: return key;
	}
}

/* Ctrl plus one character: letters either case, and @[\]^_ and Space. */
static int
ctrl_key(const char *s, size_t len)
{
	unsigned char c;

	if (len == 5 && strncasecmp(s, "Space", 5) == 0)
		return 0;
	if (len != 1)
		return -1;
	c = (unsigned char)s[0];
	if (c >= 'a' && c <= 'z')
		c = (unsigned char)(c - 'a' + 'A');
	if (c < '@' || c > '_')
		return -1;
	return keys_normalise(KEY_CTRL(c));
}

int
keys_parse(const char *s, size_t len)
{
	uint32_t cp;
	size_t n;

	if (len == 0)
		return -1;
	if (s[0] == '<' && len > 2 && s[len - 1] == '>') {
		const char *in = s + 1;
		size_t ilen = len - 2;

		for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
			if (strlen(named[i].name) == ilen &&
			    strncasecmp(named[i].name, in, ilen) == 0)
				return named[i].key;
		if ((ilen == 2 || ilen == 3) && (in[0] == 'F' || in[0] == 'f')) {
			int f = in[1] - '0';

			if (ilen == 3)
				f = f * 10 + (in[2] - '0');
			if (in[1] >= '1' && in[1] <= '9' &&
			    (ilen == 2 || (in[2] >= '0' && in[2] <= '9')) && f >= 1 && f <= 12)
				return KEYC_F1 + f - 1;
		}
		if (ilen > 5 && strncasecmp(in, "Ctrl-", 5) == 0)
			return ctrl_key(in + 5, ilen - 5);
		if (ilen > 2 && strncasecmp(in, "C-", 2) == 0)
			return ctrl_key(in + 2, ilen - 2);
		return -1;
	}
	if (s[0] == '^' && len == 2)
		return ctrl_key(s + 1, 1);
	n = utf8_decode(s, len, &cp);
	if (n == 0 || n != len || cp < 0x20 || cp == 0x7f ||
	    (cp >= 0x80 && cp <= 0x9f))
		return -1;
	return (int)cp;
}

int
keys_parse_seq(const char *s, size_t len, int *keys, size_t max)
{
	size_t n = 0, i = 0;
	int k = keys_parse(s, len);

	if (k >= 0) {
		if (max == 0)
			return -1;
		keys[0] = k;
		return 1;
	}
	while (i < len) {
		size_t end;

		if (s[i] == '<') {
			/* "<Entr>" is a typo, not six keys: '<' always opens a name */
			const char *close = memchr(s + i, '>', len - i);

			if (!close)
				return -1;
			end = (size_t)(close - s) + 1;
		} else {
			uint32_t cp;
			size_t m = utf8_decode(s + i, len - i, &cp);

			if (m == 0)
				return -1;
			end = i + m;
		}
		k = keys_parse(s + i, end - i);
		if (k < 0 || n == max)
			return -1;
		keys[n++] = k;
		i = end;
	}
	return n > 1 ? (int)n : -1;
}

const char *
keys_seq_name(const int *keys, size_t n, char *buf, size_t size)
{
	size_t used = 0;

	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < n && used + 1 < size; i++) {
		keys_name(keys[i], buf + used, size - used);
		used += strlen(buf + used);
	}
	return buf;
}

const char *
keys_name(int key, char *buf, size_t size)
{
	if (size == 0)
		return buf;
	buf[0] = '\0';
	for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
		if (named[i].key == key) {
			snprintf(buf, size, "<%s>", named[i].name);
			return buf;
		}
	if (key >= KEYC_F1 && key <= KEYC_F12)
		snprintf(buf, size, "<F%d>", key - KEYC_F1 + 1);
	else if (key == 0)
		snprintf(buf, size, "<Ctrl-Space>");
	else if (key > 0 && key < 0x20)
		snprintf(buf, size, "<Ctrl-%c>", key + '@');
	else if (key > 0x20 && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else if (key >= 0xa0 && key < KEYC_BASE && !(key >= 0xd800 && key <= 0xdfff)) {
		unsigned c = (unsigned)key;
		char u[5];
		int n;

		if (c < 0x800) {
			u[0] = (char)(0xc0 | c >> 6);
			u[1] = (char)(0x80 | (c & 0x3f));
			n = 2;
		} else if (c < 0x10000) {
			u[0] = (char)(0xe0 | c >> 12);
			u[1] = (char)(0x80 | (c >> 6 & 0x3f));
			u[2] = (char)(0x80 | (c & 0x3f));
			n = 3;
		} else {
			u[0] = (char)(0xf0 | c >> 18);
			u[1] = (char)(0x80 | (c >> 12 & 0x3f));
			u[2] = (char)(0x80 | (c >> 6 & 0x3f));
			u[3] = (char)(0x80 | (c & 0x3f));
			n = 4;
		}
		u[n] = '\0';
		snprintf(buf, size, "%s", u);
	} else
		snprintf(buf, size, "<0x%x>", (unsigned)key);
	return buf;
}
