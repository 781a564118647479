/* The colours of the two-profile views: a diff (growth red, shrinkage
 * blue, stronger with the size of the change; or the colour-blind-safe
 * orange and blue), the threads of two dumps (stuck, progressing) and
 * hot/cold (on-CPU warm, off-CPU cool). They are a block of colour roles
 * after the frame roles (ROLE_PAIR + PAIR_*); palette.c asks here for
 * their styles. No curses, no model: roles in, styles out. */
#ifndef SCORCH_UI_DIFF_COLOUR_H
#define SCORCH_UI_DIFF_COLOUR_H

#include <stdbool.h>
#include <stdint.h>

#include "diffstat.h"
#include "palette.h"

/* Shades of growth and of shrinkage in 256 colours and truecolor; 8
 * colours show two (weak, strong), monochrome a mark. */
#define DIFF_STEPS 6

enum diff_palette {
	DIFF_PALETTE_DEFAULT = 0,  /* red grew, blue shrank */
	DIFF_PALETTE_COLORBLIND    /* orange grew, blue shrank */
};

/* Offsets in the pair block (role = ROLE_PAIR + offset). */
enum pair_role {
	PAIR_GREW = 0,                          /* + step - 1 */
	PAIR_SHRANK = PAIR_GREW + DIFF_STEPS,   /* + step - 1 */
	PAIR_NEW = PAIR_SHRANK + DIFF_STEPS,
	PAIR_GONE,
	PAIR_CB_GREW,                           /* colour-blind palette */
	PAIR_CB_SHRANK = PAIR_CB_GREW + DIFF_STEPS,
	PAIR_CB_NEW = PAIR_CB_SHRANK + DIFF_STEPS,
	PAIR_CB_GONE,
	PAIR_SAME,                              /* + shade 0..3 */
	PAIR_STUCK = PAIR_SAME + 4,
	PAIR_PROGRESSING,
	PAIR_MIXED,
	PAIR_CB_STUCK,
	PAIR_CB_PROGRESSING,
	PAIR_CB_MIXED,
	PAIR_ON,                                /* + shade 0..3 */
	PAIR_OFF = PAIR_ON + 4,                 /* + shade 0..3 */
	PAIR_ROLE_END = PAIR_OFF + 4
};

/* The step (1..DIFF_STEPS) of an intensity in -1..1 (its sign left out):
 * |intensity| in ((s - 1) / DIFF_STEPS, s / DIFF_STEPS] is step s. */
int diff_colour_step(double intensity);
/* The role of a frame of class cls with intensity (diffstat's, in
 * -1..1); shade (any number, e.g. a name hash) varies the neutral grey so
 * that unchanged neighbours stay apart. */
unsigned diff_colour_role(enum diff_palette pal, enum diff_class cls,
	double intensity, unsigned shade);
/* The role of a frame by the threads of two dumps through it. */
unsigned diff_threads_role(enum diff_palette pal, enum diff_threads t,
	unsigned shade);
/* On-CPU (warm) or off-CPU (cool) part of a hot/cold frame. */
unsigned cold_role(bool on, unsigned shade);
/* True for the roles of this block. */
bool pair_role_is(unsigned role);

/* For palette.c: the style and test letter of offset i of the block. */
void pair_palette_style(unsigned i, struct role_style *st);
char pair_role_letter(unsigned i);

#endif
