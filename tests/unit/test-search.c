/* Search: matched values without double counting, per zoom node, the
 * order of matches for n/N, case folding, exact names, inverted trees. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "calltree.h"
#include "helpers.h"
#include "search.h"

/* The tree of folded text with an empty search and result for it. */
static struct calltree *
searchable(struct profile *p, const char *text, bool inverted, struct search *s,
	struct search_result *r)
{
	search_init(s);
	search_result_init(r);
	return tree_from_folded(p, text, inverted);
}

/* Frees what searchable() made. */
static void
free_searched(struct profile *p, struct calltree *t, struct search *s,
	struct search_result *r)
{
	search_result_free(r);
	search_free(s);
	calltree_free(t);
	profile_free(p);
}

static const char *const text =
	"a;f;b;f 5\n"     /* nested: counts once */
	"a;c 3\n"
	"a;f 1\n"
	"f;d 2\n"
	"x;y 4\n";

static void
matched_values(void **state)
{
	struct profile p;
	struct search s;
	struct search_result r;
	struct calltree *t = searchable(&p, text, false, &s, &r);
	struct error err;

	(void)state;
	assert_int_equal(search_set_regex(&s, "^f$", false, &err), 0);
	search_result_build(&r, &s, t);
	assert_true(r.matched[0] == 8);
	assert_true(search_result_matched(&r, CT_ROOT) == 8);
	/* zoomed on a: 6 of its 9 */
	assert_true(search_result_matched(&r, tree_at(t, "a")) == 6);
	/* under a match everything matches; elsewhere nothing */
	assert_true(search_result_matched(&r, tree_at(t, "a;f;b")) == 5);
	assert_true(search_result_matched(&r, tree_at(t, "x")) == 0);
	assert_true(search_node_matches(&s, t, tree_at(t, "a;f;b;f")));
	assert_false(search_node_matches(&s, t, tree_at(t, "a;f;b")));
	assert_false(search_node_matches(&s, t, CT_ROOT));
	assert_int_equal(r.n, 3);
	free_searched(&p, t, &s, &r);
}

static void
walk_order(void **state)
{
	struct profile p;
	struct search s;
	struct search_result r;
	struct calltree *t = searchable(&p, text, false, &s, &r);
	struct error err;
	uint32_t m1, m2, m3, m4;

	(void)state;
	assert_int_equal(search_set_regex(&s, "f", false, &err), 0);
	search_result_build(&r, &s, t);
	m1 = tree_at(t, "a;f");
	m2 = tree_at(t, "a;f;b;f");
	m3 = tree_at(t, "f");
	assert_int_equal(r.n, 3);
	assert_int_equal(search_result_list(&r)[0], m1);
	assert_int_equal(search_result_list(&r)[1], m2);
	assert_int_equal(search_result_list(&r)[2], m3);
	/* from a non-matching node: the next in depth-first order */
	assert_int_equal(search_result_next(&r, CT_ROOT, 1), m1);
	assert_int_equal(search_result_next(&r, tree_at(t, "a;f;b"), 1), m2);
	assert_int_equal(search_result_next(&r, tree_at(t, "a;f;b"), -1), m1);
	assert_int_equal(search_result_next(&r, tree_at(t, "a;c"), 1), m1);
	assert_int_equal(search_result_next(&r, tree_at(t, "a;c"), -1), m3);
	assert_int_equal(search_result_next(&r, tree_at(t, "f;d"), -1), m3);
	assert_int_equal(search_result_next(&r, tree_at(t, "f;d"), 1), m1);
	/* wrapping both ways */
	assert_int_equal(search_result_next(&r, m3, 1), m1);
	assert_int_equal(search_result_next(&r, m1, -1), m3);
	assert_int_equal(search_result_next(&r, tree_at(t, "x;y"), 1), m1);
	assert_int_equal(search_result_index(&r, m2), 1);
	assert_int_equal(search_result_index(&r, tree_at(t, "a")), SIZE_MAX);
	/* the order follows the sibling order after a re-sort */
	calltree_sort(t, CALLTREE_BY_WEIGHT);
	search_result_build(&r, &s, t);
	m4 = search_result_list(&r)[0];
	assert_int_equal(m4, m1);
	assert_int_equal(search_result_list(&r)[2], m3);
	/* nothing matches */
	assert_int_equal(search_set_regex(&s, "zzz", false, &err), 0);
	search_result_build(&r, &s, t);
	assert_int_equal(r.n, 0);
	assert_int_equal(search_result_next(&r, CT_ROOT, 1), CT_NONE);
	assert_true(r.matched[0] == 0);
	free_searched(&p, t, &s, &r);
}

static void
case_and_errors(void **state)
{
	struct profile p;
	struct search s;
	struct search_result r;
	struct calltree *t = searchable(&p, "Main;Parse 3\nmain;parse 1\n", false, &s, &r);
	struct error err;

	(void)state;
	assert_int_equal(search_set_regex(&s, "parse", false, &err), 0);
	search_result_build(&r, &s, t);
	assert_true(r.matched[0] == 1);
	assert_int_equal(search_set_regex(&s, "parse", true, &err), 0);
	assert_true(s.icase);
	search_result_build(&r, &s, t);
	assert_true(r.matched[0] == 4);
	assert_int_equal(search_set_regex(&s, "(", false, &err), -1);
	assert_non_null(strstr(err.msg, "bad regular expression '(': "));
	/* the previous pattern stays */
	assert_string_equal(s.text, "parse");
	search_clear(&s);
	assert_false(search_active(&s));
	search_result_build(&r, &s, t);
	assert_int_equal(r.n, 0);
	free_searched(&p, t, &s, &r);
}

static void
exact_name(void **state)
{
	struct profile p;
	struct search s;
	struct search_result r;
	struct calltree *t = searchable(&p, "a;f.* 2\na;f.x 3\nb;f.* 1\n", false, &s, &r);

	(void)state;
	search_set_name(&s, "f.*", 3);
	assert_true(search_active(&s));
	search_result_build(&r, &s, t);
	assert_true(r.matched[0] == 3);
	assert_int_equal(r.n, 2);
	free_searched(&p, t, &s, &r);
}

static void
inverted_tree(void **state)
{
	struct profile p;
	struct search s;
	struct search_result r;
	struct calltree *t = searchable(&p, text, true, &s, &r);
	struct error err;

	(void)state;
	assert_int_equal(search_set_regex(&s, "^f$", false, &err), 0);
	search_result_build(&r, &s, t);
	/* the same samples match, whatever the orientation */
	assert_true(r.matched[0] == 8);
	assert_true(search_result_matched(&r, tree_at(t, "c")) == 0);
	assert_true(search_result_matched(&r, tree_at(t, "d")) == 2);
	assert_true(search_result_matched(&r, tree_at(t, "f")) == 6);
	free_searched(&p, t, &s, &r);
}

/* Random stacks: the matched value against a sum over the input lines
 * (a line counts once if any of its frames matches), and next/prev/index
 * against a plain recursive depth-first walk. */
static uint64_t seed = 88172645463325252u;

static unsigned
rnd(unsigned n)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return (unsigned)(seed % n);
}

static void
preorder(const struct calltree *t, struct search *s, uint32_t id, uint32_t *out,
	size_t *n, uint32_t *all, size_t *n_all)
{
	all[(*n_all)++] = id;
	if (id != CT_ROOT && search_node_matches(s, t, id))
		out[(*n)++] = id;
	for (uint32_t c = t->nodes[id].first_child; c != CT_NONE; c = t->nodes[c].next_sibling)
		preorder(t, s, c, out, n, all, n_all);
}

static void
brute_force(void **state)
{
	static char input[200000];
	static const char *const names[] = { "alpha", "beta", "gamma", "delta", "eps", "zeta" };
	size_t len = 0;
	double want = 0;

	(void)state;
	for (int line = 0; line < 600; line++) {
		int depth = 1 + (int)rnd(7), hit = 0, v = 1 + (int)rnd(9);

		for (int d = 0; d < depth; d++) {
			const char *nm = names[rnd(6)];

			hit |= strcmp(nm, "gamma") == 0 || strcmp(nm, "zeta") == 0;
			len += (size_t)snprintf(input + len, sizeof input - len, "%s%s", d ? ";" : "", nm);
		}
		len += (size_t)snprintf(input + len, sizeof input - len, " %d\n", v);
		if (hit)
			want += v;
	}
	for (int inv = 0; inv < 2; inv++) {
		struct profile p;
		struct search s;
		struct search_result r;
		struct calltree *t = searchable(&p, input, inv, &s, &r);
		struct error err;
		uint32_t *order = malloc(t->n * sizeof *order), *all = malloc(t->n * sizeof *all);
		size_t n = 0, n_all = 0;
		const uint32_t *list;

		assert_int_equal(search_set_regex(&s, "^(gamma|zeta)$", false, &err), 0);
		calltree_sort(t, inv ? CALLTREE_BY_WEIGHT : CALLTREE_BY_NAME);
		search_result_build(&r, &s, t);
		assert_true(r.matched[0] == want);
		preorder(t, &s, CT_ROOT, order, &n, all, &n_all);
		assert_int_equal(r.n, n);
		list = search_result_list(&r);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(list[i], order[i]);
			assert_int_equal(search_result_index(&r, order[i]), i);
		}
		/* from every node: the next and previous match in the walk */
		for (size_t k = 0; k < n_all; k++) {
			size_t before = 0;
			uint32_t next = order[0], prev = order[n - 1];

			for (size_t i = 0; i < n; i++) {
				size_t pos;

				for (pos = 0; all[pos] != order[i]; pos++)
					;
				if (pos < k)
					prev = order[i], before++;
				else if (pos > k) {
					next = order[i];
					break;
				}
			}
			if (before == 0)
				prev = order[n - 1];
			assert_int_equal(search_result_next(&r, all[k], 1), next);
			assert_int_equal(search_result_next(&r, all[k], -1), prev);
		}
		free(order);
		free(all);
		free_searched(&p, t, &s, &r);
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(matched_values),
		cmocka_unit_test(walk_order),
		cmocka_unit_test(case_and_errors),
		cmocka_unit_test(exact_name),
		cmocka_unit_test(inverted_tree),
		cmocka_unit_test(brute_force),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
