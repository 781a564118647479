/* The top table (self, total with recursion once, calls, sorting,
 * filtering, printing) and the sandwich (callers/callees trees, this
 * instance vs all instances). */
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
#include "filter.h"
#include "helpers.h"
#include "query.h"
#include "sandwich.h"
#include "top.h"

static const char *const text =
	"main;f;g;f 4\n"
	"main;f 1\n"
	"main;g 2\n"
	"x;g 3\n";

static const struct top_row *
row(const struct top *tp, const char *name)
{
	size_t r = top_find(tp, name, strlen(name));

	assert_int_not_equal(r, SIZE_MAX);
	return &tp->rows[r];
}

/* The view's names joined by spaces. */
static const char *
names(const struct top *tp)
{
	static char buf[256];
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < tp->n_view; i++)
		at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s", i ? " " : "",
			tp->rows[tp->view[i]].name);
	return buf;
}

static void
check_rows(const struct top *tp)
{
	const struct top_row *f = row(tp, "f"), *g = row(tp, "g");

	assert_int_equal(tp->n, 4);
	assert_true(tp->total[0] == 10);
	assert_true(f->self[0] == 5);
	assert_true(f->total[0] == 5);     /* recursion once */
	assert_int_equal(f->calls, 2);     /* main, g */
	assert_true(g->self[0] == 5);
	assert_true(g->total[0] == 9);
	assert_int_equal(g->calls, 3);     /* f, main, x */
	assert_true(row(tp, "main")->total[0] == 7);
	assert_true(row(tp, "main")->self[0] == 0);
	assert_int_equal(row(tp, "main")->calls, 1);
	assert_true(row(tp, "x")->total[0] == 3);
}

static void
values(void **state)
{
	struct profile p, pi;
	struct calltree *t = tree_from_folded(&p, text, false);
	struct calltree *ti = tree_from_folded(&pi, text, true);
	struct top *tp = top_build(t), *tpi = top_build(ti);

	(void)state;
	check_rows(tp);
	assert_int_equal(row(tp, "f")->nodes, 2);
	/* the inverted tree gives the same table */
	check_rows(tpi);
	assert_string_equal(names(tp), names(tpi));
	top_free(tp);
	top_free(tpi);
	calltree_free(t);
	calltree_free(ti);
	profile_free(&p);
	profile_free(&pi);
}

static void
sorting_and_filter(void **state)
{
	struct profile p;
	struct calltree *t = tree_from_folded(&p, text, false);
	struct top *tp = top_build(t);
	struct error err;

	(void)state;
	assert_int_equal(tp->sort, TOP_BY_SELF);
	assert_string_equal(names(tp), "g f main x");
	top_sort(tp, TOP_BY_TOTAL);
	assert_string_equal(names(tp), "g main f x");
	top_sort(tp, TOP_BY_CALLS);
	assert_string_equal(names(tp), "g f main x");
	top_sort(tp, TOP_BY_NAME);
	assert_string_equal(names(tp), "f g main x");
	assert_int_equal(top_filter(tp, "a", false, false, &err), 0);
	assert_string_equal(names(tp), "main");
	assert_int_equal(top_filter(tp, "MAIN", false, false, &err), 0);
	assert_string_equal(names(tp), "");
	assert_int_equal(top_filter(tp, "MAIN", false, true, &err), 0);
	assert_string_equal(names(tp), "main");
	assert_int_equal(top_filter(tp, "^[fg]$", true, false, &err), 0);
	assert_string_equal(names(tp), "f g");
	assert_int_equal(top_filter(tp, "[", true, false, &err), -1);
	assert_non_null(strstr(err.msg, "bad regular expression '[': "));
	assert_string_equal(names(tp), "f g");
	assert_int_equal(top_filter(tp, NULL, false, false, &err), 0);
	assert_int_equal(tp->n_view, 4);
	assert_int_equal(top_column_parse("calls"), TOP_BY_CALLS);
	assert_int_equal(top_column_parse("bogus"), -1);
	assert_string_equal(top_column_name(TOP_BY_TOTAL), "total");
	top_free(tp);
	calltree_free(t);
	profile_free(&p);
}

static void
kinds_merge_process_frames_do_not_count(void **state)
{
	struct profile p;
	struct query q;
	struct calltree *t;
	struct top *tp;

	(void)state;
	assert_int_equal(profile_from_folded(&p, "a;foo 1\nb;foo_[k] 2\n"), 0);
	query_default(&q, &p);
	filters_group_by(query_filters(&q), &p, "pid");
	t = calltree_build(&p, &q, CALLTREE_BY_NAME);
	assert_string_equal(calltree_name(t, t->nodes[CT_ROOT].first_child), "pid=?");
	tp = top_build(t);
	assert_int_equal(tp->n, 3);
	assert_int_equal(top_find(tp, "pid=?", 5), SIZE_MAX);
	assert_true(row(tp, "foo")->self[0] == 3);
	assert_int_equal(row(tp, "foo")->nodes, 2);
	assert_int_equal(row(tp, "foo")->calls, 2);
	/* under a process root, the root is the caller */
	assert_int_equal(row(tp, "a")->calls, 1);
	top_free(tp);
	calltree_free(t);
	query_free(&q);
	profile_free(&p);
}

static char *
print(const struct top *tp, int width)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	assert_int_equal(top_print(out, tp, width), 0);
	fclose(out);
	return buf;
}

static void
printing(void **state)
{
	struct profile p;
	struct calltree *t = tree_from_folded(&p,
		"main;a_rather_long_function_name_that_needs_cutting_somewhere 3\n"
		"main;esc\033ape 1\n", false);
	struct top *tp = top_build(t);
	char *out;

	(void)state;
	out = print(tp, 100);
	assert_non_null(strstr(out, "        self   self%        total  total%  calls  function\n"));
	assert_non_null(strstr(out, "           3   75.0%            3   75.0%      1  a_rather_long"));
	assert_non_null(strstr(out, "esc\\x1bape\n"));
	assert_null(strchr(out, '\033'));
	free(out);
	out = print(tp, 60);
	assert_non_null(strstr(out, "  self%  total%  calls  function\n"));
	assert_non_null(strstr(out, "  75.0%   75.0%      1  a_rather_long_function_name_that_..."));
	free(out);
	out = print(tp, 40);
	assert_non_null(strstr(out, "  self%  total%  function\n"));
	for (char *line = strtok(out, "\n"); line; line = strtok(NULL, "\n"))
		assert_true(strlen(line) <= 40);
	free(out);
	top_free(tp);
	calltree_free(t);
	profile_free(&p);
}

static void
sandwich(void **state)
{
	struct profile p;
	struct query q;
	struct sandwich sw;
	struct calltree *t;
	struct sandwich_instance in;
	uint32_t g, c;

	(void)state;
	assert_int_equal(profile_from_folded(&p, text), 0);
	query_default(&q, &p);
	sandwich_build(&sw, &p, &q, "g", 1, CALLTREE_BY_NAME);
	assert_true(sw.total[0] == 9 && sw.self[0] == 5);
	assert_true(sw.callers->query.inverted);
	g = sw.callers_f;
	assert_string_equal(calltree_name(sw.callers, g), "g");
	assert_true(sw.callers->nodes[g].total == 9);
	/* callers by name: f (whose caller is main), main, x */
	c = sw.callers->nodes[g].first_child;
	assert_string_equal(calltree_name(sw.callers, c), "f");
	assert_true(sw.callers->nodes[c].total == 4);
	assert_string_equal(calltree_name(sw.callers,
		sw.callers->nodes[c].first_child), "main");
	c = sw.callers->nodes[c].next_sibling;
	assert_string_equal(calltree_name(sw.callers, c), "main");
	assert_true(sw.callers->nodes[c].total == 2);
	c = sw.callers->nodes[c].next_sibling;
	assert_string_equal(calltree_name(sw.callers, c), "x");
	assert_true(sw.callers->nodes[c].total == 3);
	g = sw.callees_f;
	assert_true(sw.callees->nodes[g].total == 9);
	assert_true(sw.callees->nodes[g].self == 5);
	c = sw.callees->nodes[g].first_child;
	assert_string_equal(calltree_name(sw.callees, c), "f");
	assert_true(sw.callees->nodes[c].self == 4);
	sandwich_free(&sw);

	/* recursion: cut at the root-most f */
	sandwich_build(&sw, &p, &q, "f", 1, CALLTREE_BY_NAME);
	assert_true(sw.total[0] == 5 && sw.self[0] == 5);
	assert_int_equal(sw.callers->n, 3);      /* all, f, main */
	assert_int_equal(sw.callees->max_depth, 3); /* f;g;f */
	assert_true(sw.callees->nodes[sw.callees_f].self == 1);
	sandwich_free(&sw);

	/* no such function: empty trees */
	sandwich_build(&sw, &p, &q, "nope", 4, CALLTREE_BY_NAME);
	assert_int_equal(sw.callers_f, CT_NONE);
	assert_int_equal(sw.callees->n, 1);
	sandwich_free(&sw);

	t = calltree_build(&p, &q, CALLTREE_BY_NAME);
	for (g = 1; g < t->n; g++)
		if (t->nodes[g].depth == 2 && strcmp(calltree_name(t, g), "g") == 0)
			break;
	sandwich_instance(t, g, &in);
	assert_true(in.this_total[0] == 2 && in.this_self[0] == 2);
	assert_true(in.all_total[0] == 9 && in.all_self[0] == 5);
	assert_int_equal(in.instances, 3);
	for (c = 1; c < t->n; c++)
		if (t->nodes[c].depth == 4)
			break;
	sandwich_instance(t, c, &in);
	assert_true(in.this_total[0] == 4);
	assert_true(in.all_total[0] == 5 && in.all_self[0] == 5);
	assert_int_equal(in.instances, 2);
	calltree_free(t);
	profile_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(values),
		cmocka_unit_test(sorting_and_filter),
		cmocka_unit_test(kinds_merge_process_frames_do_not_count),
		cmocka_unit_test(printing),
		cmocka_unit_test(sandwich),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
