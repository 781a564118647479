#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "clipboard.h"
#include "escape.h"
#include "units.h"
#include "xmalloc.h"

/* GNU screen keeps at most 768 bytes of a string sequence. */
#define SCREEN_PIECE 512

struct buf {
	char *p;
	size_t len, cap;
};

static void
put(struct buf *b, const char *s, size_t len)
{
	b->p = xgrow(b->p, &b->cap, b->len + len + 1, 1);
	memcpy(b->p + b->len, s, len);
	b->len += len;
	b->p[b->len] = '\0';
}

static void
puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* Appends a name in its escaped form. */
static void
put_escaped(struct buf *b, const char *s, size_t len)
{
	size_t need = escape_text(s, len, NULL, 0);

	b->p = xgrow(b->p, &b->cap, b->len + need + 1, 1);
	escape_text(s, len, b->p + b->len, need + 1);
	b->len += need;
}

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
	struct buf b = { 0 };
	char v[64];

	if (node == CT_ROOT)
		return NULL;
	if (!whole_stack) {
		put_escaped(&b, calltree_name(t, node), calltree_name_len(t, node));
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
				put(&b, ";", 1);
			put_escaped(&b, calltree_name(t, ids[i]), calltree_name_len(t, ids[i]));
		}
		free(ids);
		put(&b, " ", 1);
		puts_(&b, units_format_exact(calltree_node(t, node)->total[0], v, sizeof v));
	}
	*len = b.len;
	return b.p;
}

static void
put_base64(struct buf *b, const unsigned char *s, size_t len)
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
		put(b, q, 4);
	}
}

size_t
clipboard_osc52(const char *text, size_t len, enum clipboard_wrap wrap, char **out)
{
	struct buf b = { 0 }, data = { 0 };

	put(&data, "", 0);
	put_base64(&data, (const unsigned char *)text, len);
	/* "c": the clipboard selection; BEL ends it (older terminals do
	 * not know ST) */
	puts_(&b, "\033]52;c;");
	put(&b, data.p, data.len);
	puts_(&b, "\a");
	if (wrap == CLIPBOARD_TMUX) {
		/* then again for passthrough: every ESC inside doubled */
		puts_(&b, "\033Ptmux;\033\033]52;c;");
		put(&b, data.p, data.len);
		puts_(&b, "\a\033\\");
	} else if (wrap == CLIPBOARD_SCREEN) {
		/* screen passes each DCS string on as is: cut it in pieces */
		b.len = 0;
		puts_(&b, "\033P\033]52;c;");
		for (size_t i = 0; i < data.len; i += SCREEN_PIECE) {
			size_t n = data.len - i < SCREEN_PIECE ? data.len - i : SCREEN_PIECE;

			if (i)
				puts_(&b, "\033\\\033P");
			put(&b, data.p + i, n);
		}
		puts_(&b, "\a\033\\");
	}
	free(data.p);
	*out = b.p;
	return b.len;
}
