/* Skip categories read right after their count. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "warnings.h"

static const char *
after(uint64_t count, const char *category)
{
	static char buf[256];

	return warnings_category(count, category, buf, sizeof buf);
}

static void
test_plural_after_other_counts(void **state)
{
	(void)state;
	assert_string_equal(after(0, "lines skipped (no count)"), "lines skipped (no count)");
	assert_string_equal(after(2, "lines skipped (no count)"), "lines skipped (no count)");
}

static void
test_singular_after_one(void **state)
{
	(void)state;
	assert_string_equal(after(1, "lines skipped (no count)"), "line skipped (no count)");
	assert_string_equal(after(1, "PERF_RECORD lines ignored"), "PERF_RECORD line ignored");
	assert_string_equal(after(1, "unterminated map entries"), "unterminated map entry");
	assert_string_equal(after(1, "evented profiles with bad events"),
		"evented profile with bad events");
	assert_string_equal(after(1, "non-object nodes"), "non-object node");
	/* nothing plural: as it is */
	assert_string_equal(after(1, "odd"), "odd");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plural_after_other_counts),
		cmocka_unit_test(test_singular_after_one),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
