/* The calltree: totals, self, two series, sibling orders, inversion. */
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
#include "helpers.h"

static void
totals_and_self(void **state)
{
	struct profile p;
	struct calltree *t = tree_from_folded(&p,
		"main;parse;lex 10\nmain;parse 5\nmain;write 3\nmain;parse;lex 2\n", false);
	uint32_t m = tree_child(t, CT_ROOT, "main"), parse = tree_child(t, m, "parse");

	assert_int_equal(t->n, 5);
	assert_true(t->nodes[CT_ROOT].total == 20);
	assert_true(t->nodes[m].total == 20);
	assert_true(t->nodes[m].self == 0);
	assert_true(t->nodes[parse].total == 17);
	assert_true(t->nodes[parse].self == 5);
	assert_true(t->nodes[tree_child(t, parse, "lex")].self == 12);
	assert_int_equal(t->nodes[tree_child(t, parse, "lex")].depth, 3);
	assert_int_equal(t->max_depth, 3);
	/* no series b in the query: none is stored, and it reads 0 */
	assert_null(t->b);
	assert_true(calltree_total(t, parse, 1) == 0);
	assert_true(calltree_self(t, parse, 1) == 0);
	assert_false(calltree_empty(t, parse));
	calltree_free(t);
	profile_free(&p);
}

static void
orders(void **state)
{
	struct profile p;
	struct calltree *t = tree_from_folded(&p, "r;b 1\nr;a 2\nr;c 9\nr;a b 4\n", false);
	uint32_t r = tree_child(t, CT_ROOT, "r"), c;
	const char *want_name[] = { "a", "a b", "b", "c" };
	const char *want_weight[] = { "c", "a b", "a", "b" };
	int i = 0;

	/* alphabetical: a name sorts before its extensions */
	for (c = t->nodes[r].first_child; c != CT_NONE; c = t->nodes[c].next_sibling)
		assert_string_equal(calltree_name(t, c), want_name[i++]);
	calltree_sort(t, CALLTREE_BY_WEIGHT);
	i = 0;
	for (c = t->nodes[r].first_child; c != CT_NONE; c = t->nodes[c].next_sibling)
		assert_string_equal(calltree_name(t, c), want_weight[i++]);
	assert_int_equal(calltree_widest_child(t, r), tree_child(t, r, "c"));
	assert_int_equal(calltree_child(t, r, t->nodes[tree_child(t, r, "b")].frame),
		tree_child(t, r, "b"));
	assert_int_equal(calltree_child(t, tree_child(t, r, "b"), t->nodes[r].frame), CT_NONE);
	assert_int_equal(calltree_prev_sibling(t, tree_child(t, r, "a b")),
		tree_child(t, r, "c"));
	assert_int_equal(calltree_prev_sibling(t, tree_child(t, r, "c")), CT_NONE);
	calltree_free(t);
	profile_free(&p);
}

static void
inverted_roots_are_leaves(void **state)
{
	struct profile p;
	struct calltree *t = tree_from_folded(&p, "a;b;x 3\nc;x 4\na;y 1\n", true);
	uint32_t x = tree_child(t, CT_ROOT, "x");

	assert_true(t->nodes[x].total == 7);
	assert_true(t->nodes[tree_child(t, x, "b")].total == 3);
	assert_true(t->nodes[tree_child(t, tree_child(t, x, "b"), "a")].self == 3);
	assert_true(t->nodes[tree_child(t, x, "c")].total == 4);
	assert_true(t->nodes[tree_child(t, CT_ROOT, "y")].total == 1);
	calltree_free(t);
	profile_free(&p);
}

static void
differential_two_series(void **state)
{
	struct profile p;
	struct calltree *t = tree_from_folded(&p,
		"main;parse;lex 120 80\nmain;parse 0 15\nmain;write 40 40\n", false);
	uint32_t m = tree_child(t, CT_ROOT, "main"), parse = tree_child(t, m, "parse");

	assert_true(p.differential);
	/* series a = after (second count), b = before (first count) */
	assert_true(t->nodes[m].total == 135);
	assert_true(calltree_total(t, m, 1) == 160);
	assert_true(t->nodes[parse].total == 95);
	assert_true(calltree_total(t, parse, 1) == 120);
	assert_true(t->nodes[parse].self == 15);
	assert_true(calltree_self(t, parse, 1) == 0);
	calltree_free(t);
	profile_free(&p);
}

/* A frame only in the baseline is a node with nothing in series a. */
static void
baseline_only_node(void **state)
{
	struct profile p;
	struct calltree *t = tree_from_folded(&p,
		"main;gone 5 0\nmain;kept 1 2\n", false);
	uint32_t m = tree_child(t, CT_ROOT, "main"), gone = tree_child(t, m, "gone");

	assert_true(t->nodes[gone].total == 0);
	assert_true(calltree_total(t, gone, 1) == 5);
	assert_true(calltree_self(t, gone, 1) == 5);
	assert_false(calltree_empty(t, gone));
	assert_true(calltree_total(t, CT_ROOT, 1) == 6);
	calltree_free(t);
	profile_free(&p);
}

static void
unsorted_input_merges(void **state)
{
	struct profile p;
	struct calltree *t = tree_from_folded(&p,
		"a;b;c 1\nx;y 1\na;b;c 2\na;b 1\nx;y 5\na;q;c 1\n", false);
	uint32_t a = tree_child(t, CT_ROOT, "a");

	assert_int_equal(p.n_stacks, 4);
	assert_true(t->nodes[tree_child(t, tree_child(t, a, "b"), "c")].total == 3);
	assert_true(t->nodes[tree_child(t, CT_ROOT, "x")].total == 6);
	assert_int_equal(t->n, 1 + 3 + 2 + 2);
	calltree_free(t);
	profile_free(&p);
}

/* The reference the builder must equal, id for id: stacks added one at
 * a time, each child found by looking at every node. */
struct ref_node {
	uint32_t frame, parent;
	double self;
};

static size_t
ref_add(struct ref_node *ref, size_t n, const uint32_t *frames, size_t depth,
	double v)
{
	uint32_t cur = CT_ROOT;

	for (size_t i = 0; i < depth; i++) {
		uint32_t found = CT_NONE;

		for (uint32_t id = 1; id < n && found == CT_NONE; id++)
			if (ref[id].parent == cur && ref[id].frame == frames[i])
				found = id;
		if (found == CT_NONE) {
			ref[n] = (struct ref_node){ frames[i], cur, 0 };
			found = (uint32_t)n++;
		}
		cur = found;
	}
	ref[cur].self += v;
	return n;
}

/* Stacks are walked in batches (src/calltree_build.c); the tree must be
 * the one adding them one at a time gives: the same nodes under the same
 * ids. Random stacks over a few frames make parents both narrow (sibling
 * lists) and wide (the child index), and stacks that repeat, extend or
 * share prefixes with stacks in the same batch. */
static void
batched_build_equals_one_at_a_time(void **state)
{
	enum { STACKS = 3000, MAX_DEPTH = 9, FRAMES = 24 };
	struct profile p;
	struct query q;
	struct calltree_builder *b;
	struct calltree *t;
	struct ref_node *ref = calloc(STACKS * MAX_DEPTH + 1, sizeof *ref);
	size_t n_ref = 1;
	uint32_t rng = 12345, frames[MAX_DEPTH], prev[MAX_DEPTH] = { 0 };
	size_t prev_depth = 0;
	char text[FRAMES * 8] = "";

	for (int f = 0; f < FRAMES; f++)
		snprintf(text + strlen(text), sizeof text - strlen(text), "f%d 1\n", f);
	assert_int_equal(profile_from_folded(&p, text), 0);
	query_default(&q, &p);
	b = calltree_builder_new(&p, &q);
	ref[0] = (struct ref_node){ FRAME_NONE, CT_NONE, 0 };
	for (int s = 0; s < STACKS; s++) {
		size_t depth;
		double v[2] = { 1 + s % 7, 0 };

		rng = rng * 1103515245u + 12345u;
		depth = (rng >> 16) % (MAX_DEPTH + 1);
		for (size_t i = 0; i < depth; i++) {
			rng = rng * 1103515245u + 12345u;
			/* near the root wide, deeper narrow; often the previous
			 * stack's frame, so that prefixes are shared */
			if (i < prev_depth && (rng >> 28) < 9)
				frames[i] = prev[i];
			else
				frames[i] = (rng >> 16) % (i < 2 ? FRAMES : 3);
		}
		memcpy(prev, frames, sizeof frames);
		prev_depth = depth;
		calltree_builder_add(b, frames, depth, false, v);
		n_ref = ref_add(ref, n_ref, frames, depth, v[0]);
	}
	t = calltree_builder_finish(b, CALLTREE_BY_NAME);
	assert_int_equal(t->n, n_ref);
	for (uint32_t id = 0; id < n_ref; id++) {
		assert_int_equal(t->nodes[id].frame, ref[id].frame);
		assert_int_equal(t->nodes[id].parent, ref[id].parent);
		assert_true(t->nodes[id].self == ref[id].self);
	}
	/* wide parents were there to take the index's path */
	assert_true(t->nodes[CT_ROOT].n_children > 8);
	calltree_free(t);
	profile_free(&p);
	free(ref);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(totals_and_self),
		cmocka_unit_test(orders),
		cmocka_unit_test(inverted_roots_are_leaves),
		cmocka_unit_test(differential_two_series),
		cmocka_unit_test(baseline_only_node),
		cmocka_unit_test(unsorted_input_merges),
		cmocka_unit_test(batched_build_equals_one_at_a_time),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
