#include "config.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"

/* Length of the valid UTF-8 sequence at s (1..4), or 0 when invalid. C1
 * controls (U+0080..U+009F) count as invalid: terminals obey them. */
static size_t
utf8_valid_len(const unsigned char *s, size_t avail)
{
	unsigned char c = s[0];
	size_t n;
	unsigned cp;

	if (c < 0x80)
		return 1;
	if (c >= 0xc2 && c <= 0xdf) {
		n = 2;
		cp = c & 0x1f;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3;
		cp = c & 0x0f;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (avail < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[i] & 0x3f);
	}
	if ((n == 3 && cp < 0x800) || (n == 4 && (cp < 0x10000 || cp > 0x10ffff)) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || (cp >= 0x80 && cp <= 0x9f))
		return 0;
	return n;
}

bool
escape_is_clean(const char *s, size_t len)
{
	const unsigned char *p = (const unsigned char *)s;

	for (size_t i = 0; i < len;) {
		size_t n;

		if (p[i] < 0x20 || p[i] == 0x7f)
			return false;
		n = utf8_valid_len(p + i, len - i);
		if (n == 0)
			return false;
		i += n;
	}
	return true;
}

size_t
escape_text(const char *s, size_t len, char *out, size_t size)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t need = 0, written = 0;
	bool full = !out || size == 0;

	if (!full)
		out[0] = '\0';
	for (size_t i = 0; i < len;) {
		size_t n = 0, plen;
		char tmp[8];
		const char *piece;

		if (p[i] >= 0x20 && p[i] != 0x7f)
			n = utf8_valid_len(p + i, len - i);
		if (n > 0) {
			piece = (const char *)p + i;
			plen = n;
			i += n;
		} else {
			if (p[i] == '\t')
				plen = (size_t)snprintf(tmp, sizeof tmp, "\\t");
			else if (p[i] == '\n')
				plen = (size_t)snprintf(tmp, sizeof tmp, "\\n");
			else if (p[i] == '\r')
				plen = (size_t)snprintf(tmp, sizeof tmp, "\\r");
			else
				plen = (size_t)snprintf(tmp, sizeof tmp, "\\x%02x", p[i]);
			piece = tmp;
			i++;
		}
		/* never cut a UTF-8 sequence or an escape in half */
		if (!full && written + plen < size) {
			memcpy(out + written, piece, plen);
			written += plen;
			out[written] = '\0';
		} else {
			full = true;
		}
		need += plen;
	}
	return need;
}
