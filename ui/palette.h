/* Colour roles: what a cell means (a frame of some kind and name, the
 * selection, the status line), and the colours and attributes each role
 * gets in truecolor/256, 8-colour and monochrome terminals. No curses
 * here: ui/term.c turns styles into colour pairs. */
#ifndef SCORCH_UI_PALETTE_H
#define SCORCH_UI_PALETTE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "frames.h"

#define PALETTE_SHADES 16
#define PALETTE_PAIR_ROLES 48

enum color_role {
	ROLE_DEFAULT = 0,
	ROLE_TITLE,
	ROLE_STATUS,
	ROLE_STATUS_NAME,
	ROLE_MESSAGE,
	ROLE_SELECTED,
	ROLE_ANCESTOR,
	ROLE_AGGREGATE,
	ROLE_HELP_HEADING,
	ROLE_HELP_KEY,
	ROLE_STATUS_DIM,  /* the status line's lesser text: a frame's callers */
	ROLE_LABEL,       /* "module", "self": labels in the details and info */
	ROLE_BORDER,      /* the line between the graph and the details */
	ROLE_MATCH,       /* a frame the search matches */
	ROLE_FRAME,   /* + kind * PALETTE_SHADES + shade */
	/* diff, thread and hot/cold colours: ui/diff_colour.h */
	ROLE_PAIR = ROLE_FRAME + FRAME_KIND_COUNT * PALETTE_SHADES,
	ROLE_COUNT = ROLE_PAIR + PALETTE_PAIR_ROLES
};

/* Cell attributes (canvas and styles). */
#define ATTR_BOLD      0x01
#define ATTR_UNDERLINE 0x02
#define ATTR_REVERSE   0x04
#define ATTR_DIM       0x08

/* Basic colours for 8-colour terminals; BASIC_DEFAULT = the terminal's. */
enum basic_color {
	BASIC_BLACK = 0, BASIC_RED, BASIC_GREEN, BASIC_YELLOW,
	BASIC_BLUE, BASIC_MAGENTA, BASIC_CYAN, BASIC_WHITE,
	BASIC_DEFAULT = -1
};

struct rgb {
	uint8_t r, g, b;
};

struct role_style {
	bool has_fg, has_bg;      /* false: the terminal's default colour */
	struct rgb fg, bg;        /* truecolor / 256 colours */
	int8_t basic_fg, basic_bg;/* 8 colours */
	uint8_t attr;             /* colour terminals */
	uint8_t basic_attr;       /* 8 colours */
	uint8_t mono_attr;        /* no colour: reverse video and marks */
};

/* The style of a role (ROLE_DEFAULT for out-of-range values). */
void palette_style(unsigned role, struct role_style *st);
/* The role of a frame: a warm shade stable per name for user code, and
 * other hues for kernel (tan/orange), JIT (green), inlined (aqua), waker
 * (blue) and process (lilac) frames. */
unsigned palette_frame_role(const char *name, size_t len, enum frame_kind kind);
/* One character per role for test dumps: 'u' user, 'k' kernel, 'S'
 * selected, '+' aggregate, 'L' label, '|' border, ... */
char palette_role_letter(unsigned role);

#endif
