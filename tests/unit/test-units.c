/* Values in their unit, percentages, and exact numbers for folded output. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "units.h"

static void
formats_by_unit(void **state)
{
	char b[64];

	assert_string_equal(units_format(1204, "samples", b, sizeof b), "1,204 samples");
	assert_string_equal(units_format(1, "samples", b, sizeof b), "1 sample");
	assert_string_equal(units_format(12400000, "nanoseconds", b, sizeof b), "12.4 ms");
	assert_string_equal(units_format(1500, "us", b, sizeof b), "1.50 ms");
	assert_string_equal(units_format(3.1 * 1024 * 1024 * 1024, "bytes", b, sizeof b), "3.10 GiB");
	assert_string_equal(units_format(512, "bytes", b, sizeof b), "512 B");
	assert_string_equal(units_format(90e9, "ns", b, sizeof b), "1.50 min");
	assert_string_equal(units_format(1234567, "count", b, sizeof b), "1,234,567");
	assert_string_equal(units_format(7, "cycles", b, sizeof b), "7 cycles");
}

static void
percentages(void **state)
{
	char b[32];

	assert_string_equal(units_format_percent(412, 1000, b, sizeof b), "41.2%");
	assert_string_equal(units_format_percent(3, 10000, b, sizeof b), "0.03%");
	assert_string_equal(units_format_percent(5, 5, b, sizeof b), "100%");
	assert_string_equal(units_format_percent(1, 0, b, sizeof b), "-");
}

static void
exact_numbers(void **state)
{
	char b[64];

	assert_string_equal(units_format_exact(12, b, sizeof b), "12");
	assert_string_equal(units_format_exact(240290000000.0, b, sizeof b), "240290000000");
	assert_string_equal(units_format_exact(334.618, b, sizeof b), "334.618");
	assert_string_equal(units_format_exact(0.1 + 0.2, b, sizeof b), "0.30000000000000004");
	assert_string_equal(units_canonical("usecs"), "microseconds");
	assert_string_equal(units_canonical("weird"), "weird");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(formats_by_unit),
		cmocka_unit_test(percentages),
		cmocka_unit_test(exact_numbers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
