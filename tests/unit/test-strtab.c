/* Interning: strings and frames are stored once and keep their ids. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "frames.h"
#include "strtab.h"

static void
empty_string_is_id_zero(void **state)
{
	struct strtab t;

	strtab_init(&t);
	assert_int_equal(strtab_intern(&t, "", 0), 0);
	assert_string_equal(strtab_get(&t, 0), "");
	strtab_free(&t);
}

static void
same_bytes_same_id_across_growth(void **state)
{
	struct strtab t;
	char buf[32];
	uint32_t ids[5000];

	strtab_init(&t);
	for (int i = 0; i < 5000; i++) {
		snprintf(buf, sizeof buf, "name-%d", i);
		ids[i] = strtab_intern(&t, buf, strlen(buf));
	}
	for (int i = 0; i < 5000; i++) {
		snprintf(buf, sizeof buf, "name-%d", i);
		assert_int_equal(strtab_intern(&t, buf, strlen(buf)), ids[i]);
		assert_string_equal(strtab_get(&t, ids[i]), buf);
		assert_int_equal(strtab_find(&t, buf, strlen(buf)), ids[i]);
	}
	assert_int_equal(t.n, 5001);
	assert_int_equal(strtab_find(&t, "absent", 6), UINT32_MAX);
	strtab_free(&t);
}

static void
embedded_nul_bytes_are_distinct(void **state)
{
	struct strtab t;
	uint32_t a, b;

	strtab_init(&t);
	a = strtab_intern(&t, "a\0b", 3);
	b = strtab_intern(&t, "a\0c", 3);
	assert_int_not_equal(a, b);
	assert_int_equal(strtab_intern(&t, "a\0b", 3), a);
	strtab_free(&t);
}

static void
frame_identity_is_name_kind_module(void **state)
{
	struct frame_table t;
	uint32_t user, kernel, mod;

	frame_table_init(&t);
	user = frame_table_intern(&t, "read", 4, FRAME_USER, 0);
	kernel = frame_table_intern(&t, "read", 4, FRAME_KERNEL, 0);
	mod = frame_table_intern(&t, "read", 4, FRAME_USER, 7);
	assert_int_not_equal(user, kernel);
	assert_int_not_equal(user, mod);
	assert_int_equal(frame_table_intern(&t, "read", 4, FRAME_USER, 0), user);
	assert_string_equal(frame_table_get(&t, kernel)->name, "read");
	assert_int_equal(frame_table_get(&t, kernel)->kind, FRAME_KERNEL);
	for (int i = 0; i < 10000; i++) {
		char buf[16];

		snprintf(buf, sizeof buf, "f%d", i);
		frame_table_intern(&t, buf, strlen(buf), FRAME_USER, 0);
	}
	assert_int_equal(frame_table_intern(&t, "read", 4, FRAME_KERNEL, 0), kernel);
	frame_table_free(&t);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(empty_string_is_id_zero),
		cmocka_unit_test(same_bytes_same_id_across_growth),
		cmocka_unit_test(embedded_nul_bytes_are_distinct),
		cmocka_unit_test(frame_identity_is_name_kind_module),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
