/* Untrusted names: control bytes and invalid UTF-8 never pass raw. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "escape.h"
#include "textwidth.h"

static void
controls_are_escaped(void **state)
{
	char out[128];
	const char *evil = "a\x1b]52;c;AAAA\x07" "b\x9b" "31m";

	escape_text(evil, strlen(evil), out, sizeof out);
	assert_string_equal(out, "a\\x1b]52;c;AAAA\\x07b\\x9b31m");
	assert_false(escape_is_clean(evil, strlen(evil)));
	escape_text("t\tn\nr\r\x7f", 7, out, sizeof out);
	assert_string_equal(out, "t\\tn\\nr\\r\\x7f");
}

static void
utf8_passes_c1_does_not(void **state)
{
	char out[64];
	const char *ok = "gr\xc3\xb6\xc3\x9f" "e \xe8\xa8\x88";
	const char *c1 = "\xc2\x9b" "2J";   /* U+009B CSI */
	const char *overlong = "\xc0\xaf";

	assert_true(escape_is_clean(ok, strlen(ok)));
	escape_text(c1, strlen(c1), out, sizeof out);
	assert_string_equal(out, "\\xc2\\x9b2J");
	escape_text(overlong, 2, out, sizeof out);
	assert_string_equal(out, "\\xc0\\xaf");
}

static void
truncation_never_splits(void **state)
{
	char out[6];
	size_t need = escape_text("ab\x1b" "cd", 5, out, sizeof out);

	assert_int_equal(need, 8);
	assert_string_equal(out, "ab");
	need = escape_text("\xe8\xa8\x88\xe8\xa8\x88", 6, out, 5);
	assert_string_equal(out, "\xe8\xa8\x88");
}

static void
display_width(void **state)
{
	assert_int_equal(text_width("abc", 3), 3);
	assert_int_equal(text_width("\xe8\xa8\x88\xe7\xae\x97", 6), 4);
	assert_int_equal(text_width("e\xcc\x81", 3), 1);
	assert_int_equal(text_width("\x1b", 1), 4);
	/* a C1 control is shown as two escaped bytes, as escape_text does */
	assert_int_equal(text_width("\xc2\x9b", 2), 8);
	assert_int_equal(text_width("\xc2\x9b", 2), escape_text("\xc2\x9b", 2, NULL, 0));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(controls_are_escaped),
		cmocka_unit_test(utf8_passes_c1_does_not),
		cmocka_unit_test(truncation_never_splits),
		cmocka_unit_test(display_width),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
