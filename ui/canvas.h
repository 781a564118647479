/* A grid of cells that views draw into: a code point, its colour role and
 * attributes. Only ui/term.c copies it to the terminal; tests dump it as
 * text. Everything put here is already safe to show: text from a profile
 * goes through canvas_put_untrusted(), which escapes control bytes. */
#ifndef SCORCH_UI_CANVAS_H
#define SCORCH_UI_CANVAS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* The second cell of a wide character holds this code point. */
#define CELL_WIDE_TAIL 0xffffffffu

struct cell {
	uint32_t cp;        /* code point, or CELL_WIDE_TAIL */
	uint32_t comb;      /* one combining mark, or 0 */
	uint16_t role;      /* enum color_role */
	uint8_t attr;       /* ATTR_* */
};

struct canvas {
	int width, height;
	struct cell *cells; /* owned; width * height */
	size_t cap;
};

void canvas_init(struct canvas *c);
void canvas_free(struct canvas *c);
/* Sets the size (>= 0 each) and clears. */
void canvas_resize(struct canvas *c, int width, int height);
void canvas_clear(struct canvas *c);

static inline struct cell *
canvas_cell(struct canvas *c, int x, int y)
{
	return &c->cells[(size_t)y * (size_t)c->width + (size_t)x];
}

/* Fills [x, x + w) on line y with spaces in role/attr. Clipped. */
void canvas_fill(struct canvas *c, int x, int y, int w, unsigned role, unsigned attr);
/* Writes trusted UTF-8 text at (x, y), at most maxw cells. Returns the
 * cells used. Wide characters that do not fit are left out. */
int canvas_put(struct canvas *c, int x, int y, int maxw, const char *s,
	size_t len, unsigned role, unsigned attr);
/* Same for text from a profile: control and invalid bytes are shown
 * escaped ("\x1b"), never written. */
int canvas_put_untrusted(struct canvas *c, int x, int y, int maxw,
	const char *s, size_t len, unsigned role, unsigned attr);
/* Cells that canvas_put would use for all of s (escaped when untrusted). */
int canvas_text_width(const char *s, size_t len);
/* True when s[0..len) (escaped) takes at most cells cells; stops early
 * on long ASCII names. */
bool canvas_text_fits(const char *s, size_t len, int cells);
/* Bytes of the longest start of trusted (already escaped) text that
 * fits in cells cells, combining marks included. */
size_t canvas_text_cut(const char *s, size_t len, int cells);
/* Writes untrusted text word-wrapped into [x, x + w) on at most lines
 * lines from y, breaking after blanks and punctuation where it can;
 * what does not fit ends in "…". indent cells are left free on the
 * lines after the first. Returns the lines used. */
int canvas_put_wrapped(struct canvas *c, int x, int y, int w, int lines,
	int indent, const char *s, size_t len, unsigned role, unsigned attr);
/* Sets the role and attributes of [x, x + w) without touching the text. */
void canvas_paint(struct canvas *c, int x, int y, int w, unsigned role, unsigned attr);

/* Writes the text of every line (trailing blanks removed); with roles,
 * a second block of one letter per cell (palette_role_letter). */
int canvas_dump(const struct canvas *c, FILE *out, bool roles);

/* Writes untrusted text in at most maxw cells; when it does not fit, the
 * middle is replaced by "…" (about 2/5 of the room for the start, the
 * rest for the end, where names keep their most specific part). */
int canvas_put_elided(struct canvas *c, int x, int y, int maxw, const char *s,
	size_t len, unsigned role, unsigned attr);

#endif
