/* Copying (OSC 52): the text of a frame or of its stack (escaped, root
 * first, also in an inverted tree), base64, the tmux and screen wraps;
 * and the canvas helpers the details pane wraps text with. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "calltree.h"
#include "canvas.h"
#include "clipboard.h"
#include "helpers.h"
#include "query.h"

static void
frame_and_stack_text(void **state)
{
	struct profile p;
	struct query q;
	struct calltree *t;
	size_t len;
	char *s;

	assert_int_equal(profile_from_folded(&p, "main;run;work 30\nmain;ev\x1b[1m\a 5\n"), 0);
	query_default(&q, &p);
	t = calltree_build(&p, &q, CALLTREE_BY_NAME);
	/* the root is no frame */
	assert_null(clipboard_frame_text(t, CT_ROOT, false, &len));
	assert_null(clipboard_frame_text(t, CT_ROOT, true, &len));
	s = clipboard_frame_text(t, tree_at(t, "main;run"), false, &len);
	assert_string_equal(s, "run");
	assert_int_equal(len, 3);
	free(s);
	s = clipboard_frame_text(t, tree_at(t, "main;run"), true, &len);
	assert_string_equal(s, "main;run 30");
	free(s);
	/* control bytes are copied escaped */
	s = clipboard_frame_text(t, tree_at(t, "main;ev\x1b[1m\a"), true, &len);
	assert_string_equal(s, "main;ev\\x1b[1m\\x07 5");
	free(s);
	calltree_free(t);
	/* inverted: the path goes leaf first, the folded line root first */
	q.inverted = true;
	t = calltree_build(&p, &q, CALLTREE_BY_NAME);
	s = clipboard_frame_text(t, tree_at(t, "work;run"), true, &len);
	assert_string_equal(s, "run;work 30");
	free(s);
	calltree_free(t);
	profile_free(&p);
}

/* The sequence that copies text under wrap is want; the length returned
 * is the sequence's. */
static void
check_osc52(const char *text, enum clipboard_wrap wrap, const char *want)
{
	char *out;
	size_t n = clipboard_osc52(text, strlen(text), wrap, &out);

	assert_string_equal(out, want);
	assert_int_equal(n, strlen(out));
	free(out);
}

static void
osc52_sequences(void **state)
{
	char big[2000], *out;
	size_t n;

	check_osc52("main;run 30", CLIPBOARD_PLAIN, "\033]52;c;bWFpbjtydW4gMzA=\a");
	/* base64 padding: 0, 1 and 2 bytes left over */
	check_osc52("abc", CLIPBOARD_PLAIN, "\033]52;c;YWJj\a");
	check_osc52("ab", CLIPBOARD_PLAIN, "\033]52;c;YWI=\a");
	check_osc52("", CLIPBOARD_PLAIN, "\033]52;c;\a");
	/* tmux: as is, then wrapped for passthrough with ESC doubled */
	check_osc52("ab", CLIPBOARD_TMUX, "\033]52;c;YWI=\a\033Ptmux;\033\033]52;c;YWI=\a\033\\");
	/* screen: in DCS pieces */
	check_osc52("ab", CLIPBOARD_SCREEN, "\033P\033]52;c;YWI=\a\033\\");
	memset(big, 'x', sizeof big);
	n = clipboard_osc52(big, sizeof big, CLIPBOARD_SCREEN, &out);
	/* 2668 base64 bytes: five pieces of at most 512 */
	assert_non_null(strstr(out, "\033\\\033P"));
	assert_int_equal(n, strlen(out));
	free(out);
}

static void
wrap_env(void **state)
{
	unsetenv("TMUX");
	unsetenv("STY");
	assert_int_equal(clipboard_wrap_from_env(), CLIPBOARD_PLAIN);
	setenv("STY", "123.pts-0", 1);
	assert_int_equal(clipboard_wrap_from_env(), CLIPBOARD_SCREEN);
	setenv("TMUX", "/tmp/tmux-0/default,1,0", 1);
	assert_int_equal(clipboard_wrap_from_env(), CLIPBOARD_TMUX);
	unsetenv("TMUX");
	unsetenv("STY");
}

static void
canvas_wrapping(void **state)
{
	struct canvas c;
	char row[64];

	canvas_init(&c);
	canvas_resize(&c, 12, 4);
	/* breaks after separators, never in a UTF-8 sequence */
	assert_int_equal(canvas_put_wrapped(&c, 0, 0, 12, 4, 0, "std::vector<int>::push", 22,
		0, 0), 2);
	for (int x = 0; x < 12; x++)
		row[x] = (char)canvas_cell(&c, x, 0)->cp;
	row[12] = '\0';
	assert_string_equal(row, "std::vector<");
	/* what does not fit ends in an ellipsis */
	canvas_clear(&c);
	assert_int_equal(canvas_put_wrapped(&c, 0, 0, 6, 1, 0, "abcdefghij", 10, 0, 0), 1);
	assert_int_equal(canvas_cell(&c, 5, 0)->cp, 0x2026);
	/* counting only */
	assert_int_equal(canvas_put_wrapped(NULL, 0, 0, 4, 100, 0, "\x1b\x1b", 2, 0, 0), 2);
	assert_int_equal(canvas_text_cut("ab\xe6\xbc\xa2" "c", 6, 3), 2);
	/* a C1 control is shown as two escapes: eight cells */
	assert_int_equal(canvas_text_width("\xc2\x9b", 2), 8);
	assert_int_equal(canvas_text_width("\x1b", 1), 4);
	assert_true(canvas_text_fits("a\xc2\x9b", 3, 9));
	assert_false(canvas_text_fits("a\xc2\x9b", 3, 8));
	canvas_free(&c);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(frame_and_stack_text),
		cmocka_unit_test(osc52_sequences),
		cmocka_unit_test(wrap_env),
		cmocka_unit_test(canvas_wrapping),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
