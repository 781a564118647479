/* The cell canvas and the palette: untrusted text never reaches the grid
 * raw, wide characters take two cells, names elide in the middle. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "canvas.h"
#include "palette.h"

/* Line y as UTF-8 text, trailing blanks kept. */
static const char *
line(const struct canvas *c, int y)
{
	static char buf[1024];
	size_t n = 0;

	for (int x = 0; x < c->width; x++) {
		uint32_t cp = canvas_cell((struct canvas *)c, x, y)->cp;

		if (cp == CELL_WIDE_TAIL)
			continue;
		if (cp < 0x80) {
			buf[n++] = (char)cp;
		} else if (cp < 0x800) {
			buf[n++] = (char)(0xc0 | cp >> 6);
			buf[n++] = (char)(0x80 | (cp & 0x3f));
		} else {
			buf[n++] = (char)(0xe0 | cp >> 12);
			buf[n++] = (char)(0x80 | (cp >> 6 & 0x3f));
			buf[n++] = (char)(0x80 | (cp & 0x3f));
		}
	}
	buf[n] = '\0';
	return buf;
}

static void
controls_never_reach_cells(void **state)
{
	struct canvas c;
	const char *evil = "a\x1b]0;x\x07\x9b" "b";

	canvas_init(&c);
	canvas_resize(&c, 30, 1);
	canvas_put_untrusted(&c, 0, 0, 30, evil, strlen(evil), ROLE_DEFAULT, 0);
	assert_string_equal(line(&c, 0), "a\\x1b]0;x\\x07\\x9bb            ");
	for (int x = 0; x < c.width; x++) {
		uint32_t cp = canvas_cell(&c, x, 0)->cp;

		assert_true(cp >= 0x20 && cp != 0x7f && !(cp >= 0x80 && cp < 0xa0));
	}
	/* even "trusted" text cannot put a control byte in a cell */
	canvas_put(&c, 0, 0, 30, "\x1b", 1, ROLE_DEFAULT, 0);
	assert_int_equal(canvas_cell(&c, 0, 0)->cp, '?');
	canvas_free(&c);
}

static void
wide_characters(void **state)
{
	struct canvas c;
	const char *kanji = "\xe6\xbc\xa2\xe5\xad\x97";   /* two wide characters */

	canvas_init(&c);
	canvas_resize(&c, 5, 1);
	assert_int_equal(canvas_put(&c, 0, 0, 3, kanji, strlen(kanji), 0, 0), 2);
	assert_int_equal(canvas_cell(&c, 1, 0)->cp, CELL_WIDE_TAIL);
	/* overwriting the tail blanks the head */
	canvas_put(&c, 1, 0, 1, "x", 1, 0, 0);
	assert_string_equal(line(&c, 0), " x   ");
	assert_int_equal(canvas_text_width(kanji, strlen(kanji)), 4);
	/* combining marks ride on the previous cell */
	canvas_clear(&c);
	assert_int_equal(canvas_put(&c, 0, 0, 5, "e\xcc\x81!", 4, 0, 0), 2);
	assert_int_equal(canvas_cell(&c, 0, 0)->comb, 0x301);
	canvas_free(&c);
}

static void
elided_in_the_middle(void **state)
{
	struct canvas c;
	const char *name = "std::vector<int>::push_back(int const&)";

	canvas_init(&c);
	canvas_resize(&c, 20, 2);
	assert_int_equal(canvas_put_elided(&c, 0, 0, 20, name, strlen(name), 0, 0), 20);
	assert_string_equal(line(&c, 0), "std::ve\xe2\x80\xa6(int const&)");
	assert_int_equal(canvas_put_elided(&c, 0, 1, 20, "short", 5, 0, 0), 5);
	canvas_free(&c);
}

static void
clipping_never_crashes(void **state)
{
	struct canvas c;

	canvas_init(&c);
	canvas_resize(&c, 1, 1);
	canvas_fill(&c, -5, 0, 100, ROLE_STATUS, 0);
	canvas_fill(&c, 0, 3, 100, ROLE_STATUS, 0);
	assert_int_equal(canvas_put(&c, 0, 0, 10, "\xe6\xbc\xa2", 3, 0, 0), 0);
	assert_int_equal(canvas_put(&c, 0, 0, 10, "abc", 3, 0, 0), 1);
	assert_int_equal(canvas_put(&c, 2, 0, 10, "abc", 3, 0, 0), 0);
	assert_int_equal(canvas_put_elided(&c, 0, 0, 1, "abcdef", 6, 0, 0), 1);
	canvas_resize(&c, 0, 0);
	canvas_fill(&c, 0, 0, 10, 0, 0);
	assert_int_equal(canvas_put(&c, 0, 0, 10, "abc", 3, 0, 0), 0);
	canvas_free(&c);
}

static void
palette_is_stable_and_kinds_differ(void **state)
{
	unsigned a = palette_frame_role("memcpy", 6, FRAME_USER);
	struct role_style st;

	assert_int_equal(a, palette_frame_role("memcpy", 6, FRAME_USER));
	assert_true(a >= ROLE_FRAME && a < ROLE_COUNT);
	assert_int_equal(palette_role_letter(a), 'u');
	assert_int_equal(palette_role_letter(palette_frame_role("memcpy", 6, FRAME_KERNEL)), 'k');
	assert_int_equal(palette_role_letter(palette_frame_role("x", 1, FRAME_JIT)), 'j');
	assert_int_equal(palette_role_letter(palette_frame_role("x", 1, FRAME_INLINED)), 'i');
	/* different names spread over the shades */
	{
		bool seen[PALETTE_SHADES] = { false };
		int distinct = 0;
		char name[16];

		for (int i = 0; i < 200; i++) {
			snprintf(name, sizeof name, "func_%d", i);
			seen[(palette_frame_role(name, strlen(name), FRAME_USER) - ROLE_FRAME)
				% PALETTE_SHADES] = true;
		}
		for (int i = 0; i < PALETTE_SHADES; i++)
			distinct += seen[i];
		assert_true(distinct >= PALETTE_SHADES - 2);
	}
	/* user code is warm: red clearly above blue */
	for (unsigned r = ROLE_FRAME; r < ROLE_FRAME + PALETTE_SHADES; r++) {
		palette_style(r, &st);
		assert_true(st.bg.r > 200 && st.bg.b < 60);
		assert_true(st.mono_attr & ATTR_REVERSE);
	}
	/* the selection stands out in monochrome without reverse video */
	palette_style(ROLE_SELECTED, &st);
	assert_false(st.mono_attr & ATTR_REVERSE);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(controls_never_reach_cells),
		cmocka_unit_test(wide_characters),
		cmocka_unit_test(elided_in_the_middle),
		cmocka_unit_test(clipping_never_crashes),
		cmocka_unit_test(palette_is_stable_and_kinds_differ),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
