#include "config.h"

#include <string.h>

#include "diff_colour.h"
#include "palette.h"

/* FNV-1a: cheap and stable across runs and machines, so a function keeps
 * its colour from one profile to the next. */
static uint32_t
name_hash(const char *s, size_t len)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < len; i++) {
		h ^= (unsigned char)s[i];
		h *= 16777619u;
	}
	return h;
}

unsigned
palette_frame_role(const char *name, size_t len, enum frame_kind kind)
{
	uint32_t h = name_hash(name, len);

	if ((unsigned)kind >= FRAME_KIND_COUNT)
		kind = FRAME_USER;
	/* fold the high bits in: FNV's low bits alone vary little for
	 * names that differ in their last byte */
	h ^= h >> 16;
	return ROLE_FRAME + (unsigned)kind * PALETTE_SHADES + (h % PALETTE_SHADES);
}

static uint8_t
mix(int base, int span, int step, int steps)
{
	int v = base + span * step / (steps - 1);

	return (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
}

/* The colour of shade v (0..15) of a frame kind: t varies one channel in
 * eight steps, u the other in two, so that neighbours differ visibly even
 * after rounding to the 256-colour cube. */
static struct rgb
frame_rgb(enum frame_kind kind, unsigned v)
{
	int t = (int)(v & 7), u = (int)(v >> 3);
	struct rgb c;

	switch (kind) {
	case FRAME_KERNEL:    /* tan / light orange */
		c.r = mix(205, 40, u, 2);
		c.g = mix(125, 70, t, 8);
		c.b = mix(80, 50, t, 8);
		break;
	case FRAME_JIT:       /* green */
		c.r = mix(70, 120, t, 8);
		c.g = mix(200, 55, u, 2);
		c.b = mix(60, 40, t, 8);
		break;
	case FRAME_INLINED:   /* aqua */
		c.r = mix(60, 90, t, 8);
		c.g = mix(200, 55, u, 2);
		c.b = mix(200, 55, u, 2);
		break;
	case FRAME_WAKER:     /* light blue */
		c.r = mix(120, 80, t, 8);
		c.g = mix(150, 70, t, 8);
		c.b = mix(230, 25, u, 2);
		break;
	case FRAME_PROCESS:   /* lilac grey */
		c.r = mix(170, 45, t, 8);
		c.g = mix(160, 40, t, 8);
		c.b = mix(205, 50, u, 2);
		break;
	default:              /* user code: flamegraph.pl's "hot" reds to yellows */
		c.r = mix(225, 30, u, 2);
		c.g = mix(70, 150, t, 8);
		c.b = mix(20, 20, u, 2);
		break;
	}
	return c;
}

/* 8 colours: flame graph red and yellow for user code, one colour per
 * other kind. */
static const int8_t basic_kind[FRAME_KIND_COUNT] = {
	[FRAME_USER] = BASIC_RED,
	[FRAME_KERNEL] = BASIC_MAGENTA,
	[FRAME_JIT] = BASIC_GREEN,
	[FRAME_INLINED] = BASIC_CYAN,
	[FRAME_WAKER] = BASIC_BLUE,
	[FRAME_PROCESS] = BASIC_WHITE,
};

#define RGB(R, G, B) { (R), (G), (B) }

static const struct role_style chrome[ROLE_FRAME] = {
	[ROLE_DEFAULT] = { .basic_fg = BASIC_DEFAULT, .basic_bg = BASIC_DEFAULT },
	[ROLE_TITLE] = { .has_fg = true, .has_bg = true, .fg = RGB(255, 255, 255),
		.bg = RGB(88, 0, 0), .attr = ATTR_BOLD,
		.basic_fg = BASIC_WHITE, .basic_bg = BASIC_RED, .basic_attr = ATTR_BOLD,
		.mono_attr = ATTR_BOLD | ATTR_UNDERLINE },
	[ROLE_STATUS] = { .has_fg = true, .has_bg = true, .fg = RGB(228, 228, 228),
		.bg = RGB(58, 58, 58),
		.basic_fg = BASIC_BLACK, .basic_bg = BASIC_WHITE,
		.mono_attr = ATTR_REVERSE },
	[ROLE_STATUS_NAME] = { .has_fg = true, .has_bg = true, .fg = RGB(255, 255, 255),
		.bg = RGB(58, 58, 58), .attr = ATTR_BOLD,
		.basic_fg = BASIC_BLACK, .basic_bg = BASIC_WHITE, .basic_attr = ATTR_BOLD,
		.mono_attr = ATTR_REVERSE | ATTR_BOLD },
	[ROLE_MESSAGE] = { .has_fg = true, .has_bg = true, .fg = RGB(255, 215, 0),
		.bg = RGB(58, 58, 58), .attr = ATTR_BOLD,
		.basic_fg = BASIC_BLUE, .basic_bg = BASIC_WHITE, .basic_attr = ATTR_BOLD,
		.mono_attr = ATTR_REVERSE | ATTR_BOLD | ATTR_UNDERLINE },
	[ROLE_SELECTED] = { .has_fg = true, .has_bg = true, .fg = RGB(255, 255, 255),
		.bg = RGB(0, 95, 215), .attr = ATTR_BOLD,
		.basic_fg = BASIC_WHITE, .basic_bg = BASIC_BLUE, .basic_attr = ATTR_BOLD,
		.mono_attr = ATTR_BOLD | ATTR_UNDERLINE },
	[ROLE_ANCESTOR] = { .has_fg = true, .has_bg = true, .fg = RGB(0, 0, 0),
		.bg = RGB(188, 188, 188),
		.basic_fg = BASIC_BLACK, .basic_bg = BASIC_WHITE,
		.mono_attr = ATTR_REVERSE | ATTR_DIM },
	[ROLE_AGGREGATE] = { .has_fg = true, .has_bg = true, .fg = RGB(255, 255, 255),
		.bg = RGB(108, 108, 108),
		.basic_fg = BASIC_WHITE, .basic_bg = BASIC_BLACK,
		.mono_attr = ATTR_BOLD },
	[ROLE_HELP_HEADING] = { .has_fg = true, .fg = RGB(255, 175, 0),
		.attr = ATTR_BOLD,
		.basic_fg = BASIC_YELLOW, .basic_bg = BASIC_DEFAULT, .basic_attr = ATTR_BOLD,
		.mono_attr = ATTR_BOLD | ATTR_UNDERLINE },
	[ROLE_HELP_KEY] = { .has_fg = true, .fg = RGB(135, 215, 255), .attr = ATTR_BOLD,
		.basic_fg = BASIC_CYAN, .basic_bg = BASIC_DEFAULT, .basic_attr = ATTR_BOLD,
		.mono_attr = ATTR_BOLD },
	[ROLE_STATUS_DIM] = { .has_fg = true, .has_bg = true, .fg = RGB(168, 168, 168),
		.bg = RGB(58, 58, 58),
		.basic_fg = BASIC_BLACK, .basic_bg = BASIC_WHITE,
		.mono_attr = ATTR_REVERSE },
	[ROLE_LABEL] = { .has_fg = true, .fg = RGB(158, 158, 158),
		.basic_fg = BASIC_DEFAULT, .basic_bg = BASIC_DEFAULT,
		.mono_attr = ATTR_DIM },
	[ROLE_BORDER] = { .has_fg = true, .fg = RGB(118, 118, 118),
		.basic_fg = BASIC_DEFAULT, .basic_bg = BASIC_DEFAULT },
	/* flamegraph.pl's search purple; without colour, underlined text
	 * on the plain background where frames are in reverse video */
	[ROLE_MATCH] = { .has_fg = true, .has_bg = true, .fg = RGB(255, 255, 255),
		.bg = RGB(200, 0, 200), .attr = ATTR_BOLD,
		.basic_fg = BASIC_WHITE, .basic_bg = BASIC_MAGENTA,
		.basic_attr = ATTR_BOLD | ATTR_UNDERLINE,
		.mono_attr = ATTR_UNDERLINE },
};

void
palette_style(unsigned role, struct role_style *st)
{
	unsigned kind, shade;

	if (role < ROLE_FRAME) {
		*st = chrome[role];
		return;
	}
	if (role >= ROLE_PAIR && role < ROLE_COUNT) {
		pair_palette_style(role - ROLE_PAIR, st);
		return;
	}
	if (role >= ROLE_COUNT) {
		*st = chrome[ROLE_DEFAULT];
		return;
	}
	kind = (role - ROLE_FRAME) / PALETTE_SHADES;
	shade = (role - ROLE_FRAME) % PALETTE_SHADES;
	memset(st, 0, sizeof *st);
	st->has_fg = st->has_bg = true;
	st->fg = (struct rgb){ 0, 0, 0 };
	st->bg = frame_rgb((enum frame_kind)kind, shade);
	st->basic_fg = BASIC_BLACK;
	st->basic_bg = basic_kind[kind];
	if (kind == FRAME_USER && (shade & 1))
		st->basic_bg = BASIC_YELLOW;
	/* monochrome: frames in reverse video; kinds other than user code
	 * are underlined so that they stay apart */
	st->mono_attr = ATTR_REVERSE | (kind == FRAME_USER ? 0 : ATTR_UNDERLINE);
}

char
palette_role_letter(unsigned role)
{
	static const char chrome_letters[ROLE_FRAME] = {
		[ROLE_DEFAULT] = ' ', [ROLE_TITLE] = 'T', [ROLE_STATUS] = '=',
		[ROLE_STATUS_NAME] = 'N', [ROLE_MESSAGE] = 'M', [ROLE_SELECTED] = 'S',
		[ROLE_ANCESTOR] = 'A', [ROLE_AGGREGATE] = '+', [ROLE_HELP_HEADING] = 'H',
		[ROLE_HELP_KEY] = 'K', [ROLE_STATUS_DIM] = '-', [ROLE_LABEL] = 'L',
		[ROLE_BORDER] = '|', [ROLE_MATCH] = 'm',
	};
	static const char kind_letters[FRAME_KIND_COUNT] = {
		[FRAME_USER] = 'u', [FRAME_KERNEL] = 'k', [FRAME_JIT] = 'j',
		[FRAME_INLINED] = 'i', [FRAME_WAKER] = 'w', [FRAME_PROCESS] = 'p',
	};

	if (role < ROLE_FRAME)
		return chrome_letters[role];
	if (role >= ROLE_PAIR && role < ROLE_COUNT)
		return pair_role_letter(role - ROLE_PAIR);
	if (role >= ROLE_COUNT)
		return '?';
	return kind_letters[(role - ROLE_FRAME) / PALETTE_SHADES];
}
