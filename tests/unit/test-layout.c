/* Layout: spans are >= 1 cell, nested in their parent, ordered by row
 * and x; narrow siblings become one aggregate; zoom shows ancestors. */
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
#include "layout.h"
#include "xmalloc.h"

/* Every span is >= 1 wide, inside the screen, and inside its parent's
 * span on the row above. */
static void
check_invariants(const struct layout *l, const struct calltree *t)
{
	for (size_t i = 0; i < l->n; i++) {
		const struct span *s = &l->spans[i];

		assert_true(s->w >= 1);
		assert_true(s->x >= 0 && s->x + s->w <= l->width);
		if (i > 0) {
			const struct span *prev = &l->spans[i - 1];

			assert_true(prev->row < s->row ||
				(prev->row == s->row && prev->x + prev->w <= s->x));
		}
		if (s->kind == SPAN_NODE && s->row > 0 && s->node != l->zoom) {
			const struct span *ps = layout_find(l, t->nodes[s->node].parent,
				s->row - 1);

			assert_non_null(ps);
			assert_true(ps->x <= s->x && s->x + s->w <= ps->x + ps->w);
		}
	}
}

static const struct span *
span_named(const struct layout *l, const struct calltree *t, uint32_t row,
	const char *name)
{
	size_t n;
	const struct span *s = layout_row(l, row, &n);

	for (size_t i = 0; i < n; i++)
		if (s[i].kind != SPAN_AGGREGATE &&
		    strcmp(calltree_name(t, s[i].node), name) == 0)
			return &s[i];
	return NULL;
}

static void
proportional_widths(void **state)
{
	struct profile p;
	struct calltree *t = tree_from_folded(&p, "m;a 50\nm;b 30\nm;c 20\n", false);
	struct layout l;

	layout_init(&l);
	layout_compute(&l, t, CT_ROOT, 100, 10);
	check_invariants(&l, t);
	assert_int_equal(l.n_rows, 3);
	assert_int_equal(span_named(&l, t, 1, "m")->w, 100);
	assert_int_equal(span_named(&l, t, 2, "a")->x, 0);
	assert_int_equal(span_named(&l, t, 2, "a")->w, 50);
	assert_int_equal(span_named(&l, t, 2, "b")->x, 50);
	assert_int_equal(span_named(&l, t, 2, "b")->w, 30);
	assert_int_equal(span_named(&l, t, 2, "c")->w, 20);
	assert_ptr_equal(layout_at(&l, 2, 79), span_named(&l, t, 2, "b"));
	assert_ptr_equal(layout_at(&l, 2, 80), span_named(&l, t, 2, "c"));
	layout_compute(&l, t, CT_ROOT, 100, 2);
	assert_int_equal(l.n_rows, 2);
	layout_free(&l);
	calltree_free(t);
	profile_free(&p);
}

static void
narrow_siblings_aggregate(void **state)
{
	struct profile p;
	struct calltree *t = tree_from_folded(&p,
		"m;big 1000\nm;t1 1\nm;t2 1\nm;t3 1\nm;t4;deep 1\n", false);
	struct layout l;
	size_t n, aggs = 0;
	const struct span *row;

	layout_init(&l);
	layout_compute(&l, t, CT_ROOT, 40, 10);
	check_invariants(&l, t);
	row = layout_row(&l, 2, &n);
	for (size_t i = 0; i < n; i++) {
		if (row[i].kind == SPAN_AGGREGATE) {
			aggs++;
			assert_int_equal(row[i].agg_count, 4);
			assert_true(row[i].agg_value == 4);
			assert_int_equal(row[i].w, 1);
		}
	}
	assert_int_equal(aggs, 1);
	/* nothing is drawn under the aggregate */
	assert_int_equal(l.n_rows, 3);
	layout_free(&l);
	calltree_free(t);
	profile_free(&p);
}

static void
zoom_shows_ancestors_full_width(void **state)
{
	struct profile p;
	struct calltree *t = tree_from_folded(&p, "m;a;x 10\nm;a;y 30\nm;b 60\n", false);
	struct layout l;
	const struct span *a;
	uint32_t zoom;

	layout_init(&l);
	layout_compute(&l, t, CT_ROOT, 80, 10);
	a = span_named(&l, t, 2, "a");
	assert_int_equal(a->w, 32);
	zoom = a->node;
	layout_compute(&l, t, zoom, 80, 10);
	check_invariants(&l, t);
	assert_int_equal(l.spans[0].kind, SPAN_ANCESTOR);
	assert_int_equal(l.spans[0].w, 80);
	assert_int_equal(l.spans[1].kind, SPAN_ANCESTOR);
	assert_int_equal(span_named(&l, t, 2, "a")->w, 80);
	assert_int_equal(span_named(&l, t, 3, "x")->w, 20);
	assert_int_equal(span_named(&l, t, 3, "y")->w, 60);
	assert_null(span_named(&l, t, 2, "b"));
	layout_free(&l);
	calltree_free(t);
	profile_free(&p);
}

static void
many_children_bounded_by_width(void **state)
{
	struct profile p;
	struct calltree *t;
	struct layout l;
	char *text = xmalloc(20000 * 24), *q = text;

	for (int i = 0; i < 20000; i++)
		q += sprintf(q, "root;child%05d %d\n", i, 1 + i % 3);
	t = tree_from_folded(&p, text, false);
	layout_init(&l);
	layout_compute(&l, t, CT_ROOT, 120, 50);
	check_invariants(&l, t);
	/* 120 cells can show at most 120 spans on a row */
	assert_true(l.n <= 3 * 120);
	layout_compute(&l, t, CT_ROOT, 1, 1);
	assert_int_equal(l.n, 1);
	layout_free(&l);
	calltree_free(t);
	profile_free(&p);
	free(text);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(proportional_widths),
		cmocka_unit_test(narrow_siblings_aggregate),
		cmocka_unit_test(zoom_shows_ancestors_full_width),
		cmocka_unit_test(many_children_bounded_by_width),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
