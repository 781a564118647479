#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "clipboard.h"
#include "textbuf.h"
#include "units.h"
#include "xmalloc.h"

/* GNU screen keeps at most 768 bytes of a string sequence. */
#define SCREEN_PIECE 512

enum clipboard_wrap
clipboard_wrap_from_env(void)
{
	const char *tmux = getenv("TMUX"), *sty = getenv("STY");

	if (tmux && tmux[0])
		return CLIPBOARD_TMUX;
	if (sty && sty[0])
		return CLIPBOARD_SCREEN;
	return CLIPBOARD_PLAIN;
}

char *
clipboard_frame_text(const struct calltree *t, uint32_t node, bool whole_stack,
	size_t *len)
{
	struct textbuf b = { 0 };
	char v[64];

	if (node == CT_ROOT)
		return NULL;
	if (!whole_stack) {
		textbuf_put_escaped(&b, calltree_name(t, node), calltree_name_len(t, node));
	} else {
		size_t depth = calltree_node(t, node)->depth;
		uint32_t *ids;
		uint32_t id = node;

		ids = xmalloc(depth * sizeof *ids);
		for (size_t i = depth; i-- > 0; id = calltree_node(t, id)->parent)
			ids[i] = id;
		/* an inverted tree goes leaf first: a stack is root first */
		for (size_t k = 0; k < depth; k++) {
			size_t i = t->query.inverted ? depth - 1 - k : k;

			if (k)
				textbuf_put(&b, ";", 1);
			textbuf_put_escaped(&b, calltree_name(t, ids[i]), calltree_name_len(t, ids[i]));
		}
		free(ids);
		textbuf_put(&b, " ", 1);
		textbuf_puts(&b, units_format_exact(calltree_node(t, node)->total, v, sizeof v));
	}
	*len = b.len;
	return b.s;
}

static void
put_base64(struct textbuf *b, const unsigned char *s, size_t len)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

	for (size_t i = 0; i < len; i += 3) {
		unsigned v = (unsigned)s[i] << 16;
		char q[4];

		if (i + 1 < len)
			v |= (unsigned)s[i + 1] << 8;
		if (i + 2 < len)
			v |= s[i + 2];
		q[0] = digits[v >> 18 & 63];
		q[1] = digits[v >> 12 & 63];
		q[2] = i + 1 < len ? digits[v >> 6 & 63] : '=';
		q[3] = i + 2 < len ? digits[v & 63] : '=';
		textbuf_put(b, q, 4);
	}
}

size_t
clipboard_osc52(const char *text, size_t len, enum clipboard_wrap wrap, char **out)
{
	struct textbuf b = { 0 }, data = { 0 };

	textbuf_put(&data, "", 0);
	put_base64(&data, (const unsigned char *)text, len);
	/* "c": the clipboard selection; BEL ends it (older terminals do
	 * not know ST) */
	textbuf_puts(&b, "\033]52;c;");
	textbuf_put(&b, data.s, data.len);
	textbuf_puts(&b, "\a");
	if (wrap == CLIPBOARD_TMUX) {
		/* then again for passthrough: every ESC inside doubled */
		textbuf_puts(&b, "\033Ptmux;\033\033]52;c;");
		textbuf_put(&b, data.s, data.len);
		textbuf_puts(&b, "\a\033\\");
	} else if (wrap == CLIPBOARD_SCREEN) {
		/* screen passes each DCS string on as is: cut it in pieces */
		b.len = 0;
		textbuf_puts(&b, "\033P\033]52;c;");
		for (size_t i = 0; i < data.len; i += SCREEN_PIECE) {
			size_t n = data.len - i < SCREEN_PIECE ? data.len - i : SCREEN_PIECE;

			if (i)
				textbuf_puts(&b, "\033\\\033P");
			textbuf_put(&b, data.s + i, n);
		}
		textbuf_puts(&b, "\a\033\\");
	}
	free(data.s);
	*out = b.s;
	return b.len;
}
