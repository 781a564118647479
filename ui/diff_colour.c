/* The pair block of colour roles: diff, thread and hot/cold colours.
 *
 * The shades of a scale are picked on the levels of the xterm 256-colour
 * cube (0, 95, 135, 175, 215, 255) so that every step stays a step after
 * rounding, and they get darker as the change grows: the lightness alone
 * orders them, whatever the hue looks like to the viewer. */
#include "config.h"

#include <math.h>
#include <string.h>

#include "diff_colour.h"

_Static_assert(PAIR_ROLE_END <= PALETTE_PAIR_ROLES,
	"palette.h reserves too few pair roles");

#define RGB(R, G, B) { (R), (G), (B) }

/* Growth, weakest first: red, or orange for the colour-blind palette.
 * Shrinkage is blue in both. */
static const struct rgb grew_red[DIFF_STEPS] = {
	RGB(255, 215, 215), RGB(255, 175, 175), RGB(255, 135, 135),
	RGB(255, 95, 95), RGB(215, 0, 0), RGB(135, 0, 0),
};
static const struct rgb grew_orange[DIFF_STEPS] = {
	RGB(255, 215, 175), RGB(255, 175, 95), RGB(255, 135, 0),
	RGB(215, 95, 0), RGB(175, 95, 0), RGB(135, 55, 0),
};
static const struct rgb shrank_blue[DIFF_STEPS] = {
	RGB(215, 215, 255), RGB(175, 175, 255), RGB(135, 135, 255),
	RGB(95, 95, 255), RGB(0, 0, 215), RGB(0, 0, 135),
};
static const struct rgb shrank_cb[DIFF_STEPS] = {
	RGB(215, 235, 255), RGB(175, 215, 255), RGB(95, 175, 255),
	RGB(0, 135, 255), RGB(0, 95, 175), RGB(0, 55, 135),
};
/* unchanged: light greys from the 256-colour grey ramp */
static const struct rgb same_grey[4] = {
	RGB(228, 228, 228), RGB(218, 218, 218), RGB(208, 208, 208),
	RGB(198, 198, 198),
};
/* hot/cold: oranges and yellows on, blues off (safe for colour-blind
 * eyes as they are) */
static const struct rgb on_warm[4] = {
	RGB(255, 175, 95), RGB(255, 215, 95), RGB(255, 135, 95),
	RGB(255, 195, 135),
};
static const struct rgb off_cool[4] = {
	RGB(95, 135, 215), RGB(135, 175, 255), RGB(95, 175, 215),
	RGB(135, 175, 215),
};

int
diff_colour_step(double intensity)
{
	double a = fabs(intensity);
	int s;

	if (!(a > 0))
		return 1;
	/* a change right on a step's upper bound stays in that step, also
	 * after rounding */
	s = (int)ceil(a * DIFF_STEPS - 1e-6);
	return s < 1 ? 1 : s > DIFF_STEPS ? DIFF_STEPS : s;
}

unsigned
diff_colour_role(enum diff_palette pal, enum diff_class cls, double intensity,
	unsigned shade)
{
	bool cb = pal == DIFF_PALETTE_COLORBLIND;
	int step = diff_colour_step(intensity);

	switch (cls) {
	case DIFF_GREW:
		return ROLE_PAIR + (cb ? PAIR_CB_GREW : PAIR_GREW) + (unsigned)step - 1;
	case DIFF_SHRANK:
		return ROLE_PAIR + (cb ? PAIR_CB_SHRANK : PAIR_SHRANK) + (unsigned)step - 1;
	case DIFF_NEW:
		return ROLE_PAIR + (cb ? PAIR_CB_NEW : PAIR_NEW);
	case DIFF_GONE:
		return ROLE_PAIR + (cb ? PAIR_CB_GONE : PAIR_GONE);
	default:
		return ROLE_PAIR + PAIR_SAME + shade % 4;
	}
}

unsigned
diff_threads_role(enum diff_palette pal, enum diff_threads t, unsigned shade)
{
	unsigned base = pal == DIFF_PALETTE_COLORBLIND ? PAIR_CB_STUCK : PAIR_STUCK;

	switch (t) {
	case DIFF_THREADS_STUCK:
		return ROLE_PAIR + base;
	case DIFF_THREADS_PROGRESSING:
		return ROLE_PAIR + base + 1;
	case DIFF_THREADS_MIXED:
		return ROLE_PAIR + base + 2;
	default:
		return ROLE_PAIR + PAIR_SAME + shade % 4;
	}
}

unsigned
cold_role(bool on, unsigned shade)
{
	return ROLE_PAIR + (on ? PAIR_ON : PAIR_OFF) + shade % 4;
}

bool
pair_role_is(unsigned role)
{
	return role >= ROLE_PAIR && role < ROLE_PAIR + PAIR_ROLE_END;
}

/* A frame-like style: colour bg with black or white text. */
static void
fill(struct role_style *st, struct rgb bg, bool light_text, int basic_bg,
	bool basic_light, uint8_t mono)
{
	memset(st, 0, sizeof *st);
	st->has_fg = st->has_bg = true;
	st->bg = bg;
	st->fg = light_text ? (struct rgb)RGB(255, 255, 255) : (struct rgb)RGB(0, 0, 0);
	st->attr = light_text ? ATTR_BOLD : 0;
	st->basic_bg = (int8_t)basic_bg;
	st->basic_fg = basic_light ? BASIC_WHITE : BASIC_BLACK;
	st->basic_attr = basic_light ? ATTR_BOLD : 0;
	st->mono_attr = mono;
}

/* Growth or shrinkage of step s (0-based) in a palette. 8 colours have
 * two strengths: yellow then red for growth (yellow for both in the
 * colour-blind palette, bold when strong), cyan then blue for shrinkage. */
static void
scale_style(struct role_style *st, const struct rgb *scale, int s, bool grew,
	bool cb)
{
	bool strong = s >= DIFF_STEPS / 2;
	int basic;

	if (grew)
		basic = cb ? BASIC_YELLOW : strong ? BASIC_RED : BASIC_YELLOW;
	else
		basic = strong ? BASIC_BLUE : BASIC_CYAN;
	fill(st, scale[s], s >= DIFF_STEPS - 2, basic,
		!grew ? strong : !cb && strong,
		(uint8_t)(ATTR_REVERSE | (grew ? ATTR_BOLD : ATTR_DIM)));
	if (grew && cb && strong)
		st->basic_attr |= ATTR_BOLD;
}

void
pair_palette_style(unsigned i, struct role_style *st)
{
	bool cb = i >= PAIR_CB_GREW && i < PAIR_SAME;
	unsigned k = cb ? i - (PAIR_CB_GREW - PAIR_GREW) : i;

	if (i < PAIR_SAME) {
		if (k < PAIR_SHRANK) {
			scale_style(st, cb ? grew_orange : grew_red, (int)(k - PAIR_GREW),
				true, cb);
		} else if (k < PAIR_NEW) {
			scale_style(st, cb ? shrank_cb : shrank_blue,
				(int)(k - PAIR_SHRANK), false, cb);
		} else {
			/* only in one profile: the strongest shade, underlined */
			bool grew = k == PAIR_NEW;

			scale_style(st, grew ? (cb ? grew_orange : grew_red) :
				(cb ? shrank_cb : shrank_blue), DIFF_STEPS - 1, grew, cb);
			st->attr |= ATTR_BOLD | ATTR_UNDERLINE;
			st->basic_attr |= ATTR_BOLD | ATTR_UNDERLINE;
			st->mono_attr = grew ? ATTR_REVERSE | ATTR_BOLD | ATTR_UNDERLINE
				: ATTR_UNDERLINE;
		}
		return;
	}
	if (i < PAIR_STUCK) {
		fill(st, same_grey[i - PAIR_SAME], false, BASIC_WHITE, false, ATTR_REVERSE);
		return;
	}
	switch (i) {
	case PAIR_STUCK:
		fill(st, (struct rgb)RGB(215, 95, 175), false, BASIC_MAGENTA, false,
			ATTR_REVERSE | ATTR_BOLD);
		return;
	case PAIR_PROGRESSING:
		fill(st, (struct rgb)RGB(135, 215, 135), false, BASIC_GREEN, false,
			ATTR_REVERSE | ATTR_UNDERLINE);
		return;
	case PAIR_MIXED:
		fill(st, (struct rgb)RGB(255, 215, 95), false, BASIC_YELLOW, false,
			ATTR_REVERSE);
		return;
	case PAIR_CB_STUCK:
		fill(st, (struct rgb)RGB(255, 135, 0), false, BASIC_YELLOW, false,
			ATTR_REVERSE | ATTR_BOLD);
		return;
	case PAIR_CB_PROGRESSING:
		fill(st, (struct rgb)RGB(95, 175, 255), false, BASIC_CYAN, false,
			ATTR_REVERSE | ATTR_UNDERLINE);
		return;
	case PAIR_CB_MIXED:
		fill(st, (struct rgb)RGB(215, 215, 215), false, BASIC_WHITE, false,
			ATTR_REVERSE);
		return;
	default:
		break;
	}
	if (i >= PAIR_ON && i < PAIR_OFF) {
		/* 8 colours: red and yellow by name, as the plain graph */
		fill(st, on_warm[i - PAIR_ON], false,
			(i - PAIR_ON) & 1 ? BASIC_YELLOW : BASIC_RED, false, ATTR_REVERSE);
		return;
	}
	if (i >= PAIR_OFF && i < PAIR_ROLE_END) {
		/* without colour the off-CPU part is not in reverse video (and
		 * the view fills it with a pattern) */
		fill(st, off_cool[i - PAIR_OFF], false,
			(i - PAIR_OFF) & 1 ? BASIC_CYAN : BASIC_BLUE, !((i - PAIR_OFF) & 1), 0);
		return;
	}
	memset(st, 0, sizeof *st);
	st->basic_fg = st->basic_bg = BASIC_DEFAULT;
}

char
pair_role_letter(unsigned i)
{
	unsigned k = i >= PAIR_CB_GREW && i < PAIR_SAME ? i - (PAIR_CB_GREW - PAIR_GREW) : i;

	if (k < PAIR_SHRANK)
		return (char)('1' + (k - PAIR_GREW));
	if (k < PAIR_NEW)
		return (char)('a' + (k - PAIR_SHRANK));
	if (k == PAIR_NEW)
		return 'n';
	if (k == PAIR_GONE)
		return 'g';
	if (i >= PAIR_SAME && i < PAIR_STUCK)
		return '0';
	if (i == PAIR_STUCK || i == PAIR_CB_STUCK)
		return 's';
	if (i == PAIR_PROGRESSING || i == PAIR_CB_PROGRESSING)
		return 'r';
	if (i == PAIR_MIXED || i == PAIR_CB_MIXED)
		return 'x';
	if (i >= PAIR_ON && i < PAIR_OFF)
		return 'h';
	if (i >= PAIR_OFF && i < PAIR_ROLE_END)
		return 'o';
	return '?';
}
