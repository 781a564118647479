#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "canvas.h"
#include "escape.h"
#include "palette.h"
#include "textwidth.h"
#include "xmalloc.h"

void
canvas_init(struct canvas *c)
{
	memset(c, 0, sizeof *c);
}

void
canvas_free(struct canvas *c)
{
	free(c->cells);
	memset(c, 0, sizeof *c);
}

void
canvas_clear(struct canvas *c)
{
	size_t n = (size_t)c->width * (size_t)c->height;

	for (size_t i = 0; i < n; i++)
		c->cells[i] = (struct cell){ .cp = ' ' };
}

void
canvas_resize(struct canvas *c, int width, int height)
{
	if (width < 0)
		width = 0;
	if (height < 0)
		height = 0;
	c->width = width;
	c->height = height;
	c->cells = xgrow(c->cells, &c->cap, (size_t)width * (size_t)height + 1,
		sizeof *c->cells);
	canvas_clear(c);
}

/* Writes one cell, blanking the other half of any wide character it
 * overwrites so that the grid never holds half a character. */
static void
set_cell(struct canvas *c, int x, int y, uint32_t cp, unsigned role, unsigned attr)
{
	struct cell *cell = canvas_cell(c, x, y);

	if (cell->cp == CELL_WIDE_TAIL && x > 0)
		canvas_cell(c, x - 1, y)->cp = ' ';
	else if (cell->cp != CELL_WIDE_TAIL && x + 1 < c->width &&
	    canvas_cell(c, x + 1, y)->cp == CELL_WIDE_TAIL && cp != CELL_WIDE_TAIL)
		canvas_cell(c, x + 1, y)->cp = ' ';
	cell->cp = cp;
	cell->comb = 0;
	cell->role = (uint16_t)role;
	cell->attr = (uint8_t)attr;
}

/* Cuts the run of w cells from x on line y to the canvas; false when
 * the line is off it. */
static bool
clip_run(const struct canvas *c, int *x, int y, int *w)
{
	if (y < 0 || y >= c->height)
		return false;
	if (*x < 0) {
		*w += *x;
		*x = 0;
	}
	if (*w > c->width - *x)
		*w = c->width - *x;
	return true;
}

void
canvas_fill(struct canvas *c, int x, int y, int w, unsigned role, unsigned attr)
{
	if (!clip_run(c, &x, y, &w))
		return;
	for (int i = 0; i < w; i++)
		set_cell(c, x + i, y, ' ', role, attr);
}

void
canvas_paint(struct canvas *c, int x, int y, int w, unsigned role, unsigned attr)
{
	if (!clip_run(c, &x, y, &w))
		return;
	for (int i = 0; i < w; i++) {
		struct cell *cell = canvas_cell(c, x + i, y);

		cell->role = (uint16_t)role;
		cell->attr = (uint8_t)attr;
	}
}

int
canvas_put(struct canvas *c, int x, int y, int maxw, const char *s,
	size_t len, unsigned role, unsigned attr)
{
	int used = 0;

	if (y < 0 || y >= c->height || x < 0 || x >= c->width)
		return 0;
	if (maxw > c->width - x)
		maxw = c->width - x;
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		size_t n;
		int w;

		if ((unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
			/* ASCII, most names: no decoding, no width table */
			if (used + 1 > maxw)
				break;
			set_cell(c, x + used, y, (unsigned char)s[i], role, attr);
			used++;
			i++;
			continue;
		}
		n = utf8_decode(s + i, len - i, &cp);
		if (n == 0 || cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f)) {
			/* never reached with escaped text; keep the grid safe */
			cp = '?';
			n = n ? n : 1;
		}
		i += n;
		w = codepoint_width(cp);
		if (w == 0) {
			if (used > 0) {
				struct cell *prev = canvas_cell(c, x + used - 1, y);

				if (prev->cp == CELL_WIDE_TAIL)
					prev--;
				if (!prev->comb)
					prev->comb = cp;
			}
			continue;
		}
		if (used + w > maxw)
			break;
		set_cell(c, x + used, y, cp, role, attr);
		if (w == 2)
			set_cell(c, x + used + 1, y, CELL_WIDE_TAIL, role, attr);
		used += w;
	}
	return used;
}

/* s[0..len) escaped and NUL-terminated, in stackbuf (size bytes) when
 * it fits, else in memory that the caller frees (when it is not
 * stackbuf); *blen is its length. */
static char *
escaped(const char *s, size_t len, char *stackbuf, size_t size, size_t *blen)
{
	size_t need = escape_text(s, len, NULL, 0) + 1;
	char *buf = need > size ? xmalloc(need) : stackbuf;

	escape_text(s, len, buf, need);
	*blen = need - 1;
	return buf;
}

int
canvas_put_untrusted(struct canvas *c, int x, int y, int maxw, const char *s,
	size_t len, unsigned role, unsigned attr)
{
	char stackbuf[1024], *buf;
	size_t blen, keep = len;
	int used;

	if (maxw <= 0)
		return 0;
	/* only what can show matters: a cell takes at most a few bytes,
	 * except for runs of combining marks, which are cut short */
	if (keep > (size_t)maxw * 8 + 16)
		keep = (size_t)maxw * 8 + 16;
	buf = escaped(s, keep, stackbuf, sizeof stackbuf, &blen);
	used = canvas_put(c, x, y, maxw, buf, blen, role, attr);
	if (buf != stackbuf)
		free(buf);
	return used;
}

int
canvas_text_width(const char *s, size_t len)
{
	char stackbuf[1024], *buf;
	size_t blen;
	int w;

	if (escape_is_clean(s, len))
		return (int)text_width(s, len);
	/* measure what escape_text writes (a C1 control is two escapes) */
	buf = escaped(s, len, stackbuf, sizeof stackbuf, &blen);
	w = (int)text_width(buf, blen);
	if (buf != stackbuf)
		free(buf);
	return w;
}

bool
canvas_text_fits(const char *s, size_t len, int cells)
{
	size_t i = 0;

	if ((size_t)cells >= len * 4)
		return true;   /* no character is wider than its \xNN escape */
	while (i < len && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x7f) {
		if ((int)++i > cells)
			return false;
	}
	return i == len || (int)i + canvas_text_width(s + i, len - i) <= cells;
}

static void
put_utf8(FILE *out, uint32_t cp)
{
	char b[4];

	fwrite(b, 1, utf8_encode(cp, b), out);
}

int
canvas_dump(const struct canvas *c, FILE *out, bool roles)
{
	for (int y = 0; y < c->height; y++) {
		const struct cell *row = &c->cells[(size_t)y * (size_t)c->width];
		int end = c->width;

		while (end > 0 && row[end - 1].cp == ' ' && !row[end - 1].comb)
			end--;
		for (int x = 0; x < end; x++) {
			if (row[x].cp == CELL_WIDE_TAIL)
				continue;
			put_utf8(out, row[x].cp);
			if (row[x].comb)
				put_utf8(out, row[x].comb);
		}
		fputc('\n', out);
	}
	if (roles) {
		fputs("-- roles --\n", out);
		for (int y = 0; y < c->height; y++) {
			const struct cell *row = &c->cells[(size_t)y * (size_t)c->width];
			int end = c->width;

			while (end > 0 && row[end - 1].role == 0)
				end--;
			for (int x = 0; x < end; x++)
				fputc(palette_role_letter(row[x].role), out);
			fputc('\n', out);
		}
	}
	return ferror(out) ? -1 : 0;
}

#define ELLIPSIS "\xe2\x80\xa6"

int
canvas_put_elided(struct canvas *c, int x, int y, int maxw, const char *s,
	size_t len, unsigned role, unsigned attr)
{
	char stackbuf[1024], *buf;
	size_t blen, i = 0;
	int total, head, tail, used, wp = 0;

	if (maxw <= 0)
		return 0;
	buf = escaped(s, len, stackbuf, sizeof stackbuf, &blen);
	total = canvas_text_width(buf, blen);
	if (total <= maxw || maxw < 4) {
		used = canvas_put(c, x, y, maxw, buf, blen, role, attr);
		goto out;
	}
	head = (maxw - 1) * 2 / 5;
	tail = maxw - 1 - head;
	used = canvas_put(c, x, y, head, buf, blen, role, attr);
	used += canvas_put(c, x + used, y, 1, ELLIPSIS, strlen(ELLIPSIS), role, attr);
	/* the shortest suffix that is at most tail cells wide */
	while (i < blen && total - wp > tail) {
		uint32_t cp;
		size_t n = utf8_decode(buf + i, blen - i, &cp);

		if (n == 0)
			n = 1;
		wp += codepoint_width(cp);
		i += n;
	}
	/* skip combining marks orphaned by the cut */
	while (i < blen) {
		uint32_t cp;
		size_t n = utf8_decode(buf + i, blen - i, &cp);

		if (n == 0 || codepoint_width(cp) != 0)
			break;
		i += n;
	}
	used += canvas_put(c, x + used, y, maxw - used, buf + i, blen - i, role, attr);
out:
	if (buf != stackbuf)
		free(buf);
	return used;
}

size_t
canvas_text_cut(const char *s, size_t len, int cells)
{
	size_t i = 0;
	int used = 0;

	while (i < len) {
		uint32_t cp;
		size_t n = utf8_decode(s + i, len - i, &cp);
		int w;

		if (n == 0) {
			n = 1;
			cp = '?';
		}
		w = codepoint_width(cp);
		if (used + w > cells)
			break;
		used += w;
		i += n;
	}
	return i;
}

/* A good place to break a line: after a blank or a separator that names
 * are made of ("::", "/", ",", "(", "<", ";", "."). */
static bool
breaks_after(char ch)
{
	return ch == ' ' || ch == '/' || ch == ':' || ch == ',' || ch == '(' ||
		ch == '<' || ch == ';' || ch == '.' || ch == '-' || ch == '_';
}

int
canvas_put_wrapped(struct canvas *c, int x, int y, int w, int lines, int indent,
	const char *s, size_t len, unsigned role, unsigned attr)
{
	char stackbuf[1024], *buf;
	size_t blen, keep = len, pos = 0;
	int line = 0;

	if (w <= 0 || lines <= 0)
		return 0;
	if (indent >= w)
		indent = 0;
	/* nothing past what the lines can show is escaped */
	if (keep > (size_t)lines * (size_t)w * 8 + 16)
		keep = (size_t)lines * (size_t)w * 8 + 16;
	buf = escaped(s, keep, stackbuf, sizeof stackbuf, &blen);
	while (pos < blen && line < lines) {
		int lx = line ? indent : 0, room = w - lx;
		size_t cut = canvas_text_cut(buf + pos, blen - pos, room);
		bool last = line + 1 == lines;

		if (pos + cut < blen || (last && keep < len)) {
			if (last) {
				/* leave a cell for the ellipsis */
				cut = canvas_text_cut(buf + pos, blen - pos, room - 1);
			} else {
				size_t b = cut;

				while (b > cut * 3 / 5 && !breaks_after(buf[pos + b - 1]))
					b--;
				if (b > cut * 3 / 5)
					cut = b;
			}
		}
		if (cut == 0) {
			/* a character wider than the room: skip it */
			uint32_t cp;

			cut = utf8_decode(buf + pos, blen - pos, &cp);
			if (cut == 0)
				cut = 1;
		}
		if (c) {
			int used = canvas_put(c, x + lx, y + line, room, buf + pos, cut, role, attr);

			if (last && (pos + cut < blen || keep < len))
				canvas_put(c, x + lx + used, y + line, 1, ELLIPSIS, strlen(ELLIPSIS),
					role, attr);
		}
		pos += cut;
		while (pos < blen && buf[pos] == ' ' && line + 1 < lines)
			pos++;
		line++;
	}
	if (buf != stackbuf)
		free(buf);
	return line;
}
