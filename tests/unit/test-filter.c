/* Query filters: focus/ignore/hide/root in order, the stack, tags,
 * grouping, label keys and values, type cycling, details and paths. */
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
#include "labels.h"
#include "query.h"
#include "xmalloc.h"

/* The query's result as sorted folded lines "a;b;c 12", equal stacks
 * summed as the writers do. */
struct line {
	char *key;
	double v;
};

struct lines {
	struct line *v;
	size_t n, cap;
	const struct profile *p;
};

static void
collect(void *ctx, const uint32_t *frames, size_t depth, const double v[2])
{
	struct lines *l = ctx;
	char buf[1024];
	size_t at = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < depth; i++)
		at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s", i ? ";" : "",
			profile_frame(l->p, frames[i])->name);
	l->v = xgrow(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n].key = xstrdup(buf);
	l->v[l->n++].v = v[0];
}

static int
line_cmp(const void *a, const void *b)
{
	return strcmp(((const struct line *)a)->key, ((const struct line *)b)->key);
}

/* Runs q and returns the lines joined by newlines (caller frees). */
static char *
run(const struct profile *p, const struct query *q)
{
	struct lines l = { NULL, 0, 0, p };
	char *out = xcalloc(1, 1);
	size_t len = 0;

	query_run(p, q, collect, &l);
	if (l.n)
		qsort(l.v, l.n, sizeof *l.v, line_cmp);
	for (size_t i = 0; i < l.n;) {
		size_t j = i + 1;
		double v = l.v[i].v;
		char line[1100];

		while (j < l.n && strcmp(l.v[j].key, l.v[i].key) == 0)
			v += l.v[j++].v;
		snprintf(line, sizeof line, "%s %g\n", l.v[i].key, v);
		out = xrealloc(out, len + strlen(line) + 1);
		strcpy(out + len, line);
		len += strlen(line);
		for (; i < j; i++)
			free(l.v[i].key);
	}
	free(l.v);
	return out;
}

/* Running q gives want. */
static void
check_query(const struct profile *p, const struct query *q, const char *want)
{
	char *out = run(p, q);

	assert_string_equal(out, want);
	free(out);
}

static const char *const sample_text =
	"main;parse;lex 10\n"
	"main;parse 5\n"
	"main;write;flush 3\n"
	"other;lex 1\n";

/* q with the given filters pushed, kinds and texts alternating. */
static char *
run_with(struct profile *p, int n, ...)
{
	struct query q;
	struct error err;
	va_list ap;
	char *out;

	query_default(&q, p);
	va_start(ap, n);
	for (int i = 0; i < n; i++) {
		int kind = va_arg(ap, int);
		const char *text = va_arg(ap, const char *);

		assert_int_equal(filters_push(query_filters(&q), kind, text, &err), 0);
	}
	va_end(ap);
	out = run(p, &q);
	query_free(&q);
	return out;
}

static void
check(struct profile *p, const char *want, int n, const char *k1, const char *t1,
	const char *k2, const char *t2)
{
	char *got;

	if (n == 1)
		got = run_with(p, 1, filter_kind_parse(k1), t1);
	else
		got = run_with(p, 2, filter_kind_parse(k1), t1, filter_kind_parse(k2), t2);
	assert_string_equal(got, want);
	free(got);
}

static void
each_transform(void **state)
{
	struct profile p;

	(void)state;
	assert_int_equal(profile_from_folded(&p, sample_text), 0);
	check(&p, "main;parse 5\nmain;parse;lex 10\n", 1, "focus", "^parse$", NULL, NULL);
	check(&p, "main;write;flush 3\n", 1, "ignore", "lex|parse", NULL, NULL);
	/* unanchored: "ars" is inside "parse" */
	check(&p, "main;write;flush 3\nother;lex 1\n", 1, "ignore", "ars", NULL, NULL);
	/* hide merges what remains and drops stacks left empty */
	check(&p, "lex 11\nwrite;flush 3\n", 1, "hide", "^(main|parse|other)$", NULL, NULL);
	check(&p, "", 1, "hide", ".", NULL, NULL);
	check(&p, "lex 1\nparse 5\nparse;lex 10\n", 1, "root", "parse|lex", NULL, NULL);
	check(&p, "write;flush 3\n", 1, "root", "write", NULL, NULL);
	profile_free(&p);
}

static void
order_matters(void **state)
{
	struct profile p;

	(void)state;
	assert_int_equal(profile_from_folded(&p, sample_text), 0);
	/* hiding parse first leaves nothing for focus to find */
	check(&p, "", 2, "hide", "parse", "focus", "parse");
	check(&p, "main 5\nmain;lex 10\n", 2, "focus", "parse", "hide", "parse");
	/* re-rooted, then ignore sees only the part below the root */
	check(&p, "parse 5\nparse;lex 10\n", 2, "root", "parse", "ignore", "main");
	check(&p, "", 2, "root", "parse", "ignore", "^parse$");
	check(&p, "lex 11\n", 2, "hide", "main|parse|other", "focus", "lex");
	profile_free(&p);
}

static void
root_takes_first_match(void **state)
{
	struct profile p;

	(void)state;
	assert_int_equal(profile_from_folded(&p, "a;f;b;f;c 1\na;b 2\n"), 0);
	check(&p, "f;b;f;c 1\n", 1, "root", "^f$", NULL, NULL);
	check(&p, "a;b 2\na;b;c 1\n", 1, "hide", "^f$", NULL, NULL);
	profile_free(&p);
}

static void
stack_push_pop_clear(void **state)
{
	struct profile p;
	struct query q;
	struct error err;
	struct filters *f;

	(void)state;
	assert_int_equal(profile_from_folded(&p, sample_text), 0);
	query_default(&q, &p);
	assert_false(query_has_filters(&q));
	f = query_filters(&q);
	assert_int_equal(filters_push(f, FILTER_FOCUS, "parse", &err), 0);
	assert_int_equal(filters_push(f, FILTER_HIDE, "main", &err), 0);
	assert_true(query_has_filters(&q));
	assert_int_equal(filters_count(f), 2);
	assert_string_equal(filter_kind_name(filters_entry(f, 0)->kind), "focus");
	assert_string_equal(filters_entry(f, 1)->text, "main");
	check_query(&p, &q, "parse 5\nparse;lex 10\n");
	assert_true(filters_entry(f, 0)->matched);
	/* a bad regex leaves the stack as it was */
	assert_int_equal(filters_push(f, FILTER_IGNORE, "a(", &err), -1);
	assert_non_null(strstr(err.msg, "bad regular expression 'a(': "));
	assert_int_equal(filters_count(f), 2);
	assert_true(filters_pop(f));
	check_query(&p, &q, "main;parse 5\nmain;parse;lex 10\n");
	filters_clear(f);
	assert_false(filters_pop(f));
	assert_false(query_has_filters(&q));
	check_query(&p, &q, "main;parse 5\nmain;parse;lex 10\nmain;write;flush 3\nother;lex 1\n");
	assert_int_equal(filters_push(f, FILTER_TAG, "novalue", &err), -1);
	assert_string_equal(err.msg, "expected KEY=VALUE, got 'novalue'");
	assert_int_equal(filter_check(FILTER_ROOT, "[", &err), -1);
	assert_int_equal(filter_check(FILTER_ROOT, "x|y", &err), 0);
	query_free(&q);
	profile_free(&p);
}

static void
exact_names(void **state)
{
	struct profile p;
	struct query q;

	(void)state;
	assert_int_equal(profile_from_folded(&p,
		"main;operator() 4\nmain;operator()x 2\nmain;operator 1\n"), 0);
	query_default(&q, &p);
	filters_push_name(query_filters(&q), FILTER_ROOT, "operator()", 10);
	check_query(&p, &q, "operator() 4\n");
	assert_true(filters_entry(q.filters, 0)->exact);
	query_free(&q);
	profile_free(&p);
}

/* Filters are applied to root-first stacks, then the tree inverts. */
static void
inverted_composes(void **state)
{
	struct profile p;
	struct query q;
	struct calltree *t;
	struct error err;
	uint32_t c;

	(void)state;
	assert_int_equal(profile_from_folded(&p, sample_text), 0);
	query_default(&q, &p);
	q.inverted = true;
	assert_int_equal(filters_push(query_filters(&q), FILTER_ROOT, "parse", &err), 0);
	t = calltree_build(&p, &q, CALLTREE_BY_NAME);
	assert_true(t->nodes[CT_ROOT].total == 15);
	c = t->nodes[CT_ROOT].first_child;
	assert_string_equal(calltree_name(t, c), "lex");
	assert_true(t->nodes[c].total == 10);
	assert_string_equal(calltree_name(t, t->nodes[c].first_child), "parse");
	c = t->nodes[c].next_sibling;
	assert_string_equal(calltree_name(t, c), "parse");
	assert_true(t->nodes[c].self == 5);
	assert_int_equal(t->max_depth, 2);
	calltree_free(t);
	query_free(&q);
	profile_free(&p);
}

/* A profile with records: samples labelled like pprof or a thread dump. */
static void
labelled(struct profile *p)
{
	struct sink sk;
	struct error err;
	uint32_t a, b, c;
	struct sink_label l1[2] = { { "trace", "t1", 0, NULL }, { "state", "RUN", 0, NULL } };
	struct sink_label l2[2] = { { "trace", "t2", 0, NULL }, { "state", "WAIT", 0, NULL } };
	struct sink_label l3[1] = { { "bytes", NULL, 4096, "bytes" } };
	struct sample_meta m1 = { -1, 7, 70, -1, l1, 2 };
	struct sample_meta m2 = { -1, 8, 80, -1, l2, 2 };
	struct sample_meta m3 = { -1, 7, 71, -1, l3, 1 };
	struct sample_meta none = { -1, -1, -1, -1, NULL, 0 };
	double v1[2] = { 1, 10 }, v2[2] = { 1, 20 }, v3[2] = { 1, 40 }, v4[2] = { 1, 100 };
	uint32_t s1[2], s2[2];

	profile_init(p);
	error_clear(&err);
	sink_init(&sk, p, &err, NULL);
	assert_int_equal(sink_type(&sk, "samples", "count"), 0);
	assert_int_equal(sink_type(&sk, "cpu", "nanoseconds"), 1);
	sink_default_type(&sk, 1);
	a = sink_frame(&sk, "main", 4, FRAME_USER);
	b = sink_frame(&sk, "work", 4, FRAME_USER);
	c = sink_frame(&sk, "wait", 4, FRAME_USER);
	s1[0] = a; s1[1] = b;
	s2[0] = a; s2[1] = c;
	assert_int_equal(sink_sample(&sk, s1, 2, v1, &m1), 0);
	assert_int_equal(sink_sample(&sk, s1, 2, v1, &m1), 0);
	assert_int_equal(sink_sample(&sk, s2, 2, v2, &m2), 0);
	assert_int_equal(sink_sample(&sk, s1, 2, v3, &m3), 0);
	/* no record: counts in the totals, carries no label */
	assert_int_equal(sink_sample(&sk, s2, 2, v4, &none), 0);
	sink_free(&sk);
}

/* The result of n tag filters, then grouping by group (unless NULL), is
 * want. */
static void
check_tags(struct profile *p, const char *want, const char *group, int n, ...)
{
	struct query q;
	struct error err;
	va_list ap;
	char *out;

	query_default(&q, p);
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		assert_int_equal(filters_push(query_filters(&q), FILTER_TAG,
			va_arg(ap, const char *), &err), 0);
	va_end(ap);
	if (group)
		filters_group_by(query_filters(&q), p, group);
	out = run(p, &q);
	query_free(&q);
	assert_string_equal(out, want);
	free(out);
}

static void
tags(void **state)
{
	struct profile p;

	(void)state;
	labelled(&p);
	check_tags(&p, "main;work 20\n", NULL, 1, "trace=t1");
	check_tags(&p, "main;wait 20\nmain;work 20\n", NULL, 2, "trace=t1", "trace=t2");
	check_tags(&p, "", NULL, 2, "trace=t1", "state=WAIT");
	check_tags(&p, "main;wait 20\n", NULL, 3, "trace=t1", "state=WAIT", "trace=t2");
	/* record fields as labels, numeric labels as exact numbers */
	check_tags(&p, "main;work 60\n", NULL, 1, "pid=7");
	check_tags(&p, "main;work 40\n", NULL, 1, "tid=71");
	check_tags(&p, "main;work 40\n", NULL, 1, "bytes=4096");
	check_tags(&p, "", NULL, 1, "nosuch=1");
	profile_free(&p);
}

static void
grouping(void **state)
{
	struct profile p;

	(void)state;
	labelled(&p);
	/* the sample without a record goes under state=? */
	check_tags(&p,
		"state=?;main;wait 100\nstate=?;main;work 40\n"
		"state=RUN;main;work 20\nstate=WAIT;main;wait 20\n", "state", 0);
	check_tags(&p,
		"pid=7;main;work 60\npid=8;main;wait 20\npid=?;main;wait 100\n", "pid", 0);
	/* with a tag, only records count */
	check_tags(&p, "trace=?;main;work 40\ntrace=t1;main;work 20\n", "trace", 1, "pid=7");
	profile_free(&p);
}

static void
group_frames_are_process_roots(void **state)
{
	struct profile p;
	struct query q;
	struct calltree *t;
	uint32_t c;

	(void)state;
	labelled(&p);
	query_default(&q, &p);
	filters_group_by(query_filters(&q), &p, "trace");
	t = calltree_build(&p, &q, CALLTREE_BY_NAME);
	for (c = t->nodes[CT_ROOT].first_child; c != CT_NONE; c = t->nodes[c].next_sibling)
		assert_int_equal(profile_frame(&p, t->nodes[c].frame)->kind, FRAME_PROCESS);
	assert_true(t->nodes[CT_ROOT].total == 180);
	calltree_free(t);
	/* grouping off again: the plain tree */
	filters_group_by(q.filters, &p, NULL);
	assert_false(query_has_filters(&q));
	query_free(&q);
	profile_free(&p);
}

static void
label_keys_and_values(void **state)
{
	struct profile p;
	struct label_keys k;
	struct label_values v;
	struct query q;
	struct error err;

	(void)state;
	labelled(&p);
	labels_keys(&p, &k);
	assert_int_equal(k.n, 5);
	assert_string_equal(k.keys[0].name, "bytes");
	assert_int_equal(k.keys[0].n_records, 1);
	assert_string_equal(k.keys[1].name, "pid");
	assert_int_equal(k.keys[1].n_records, 4);
	assert_string_equal(k.keys[2].name, "state");
	assert_int_equal(k.keys[2].n_records, 3);
	assert_string_equal(k.keys[3].name, "tid");
	assert_string_equal(k.keys[4].name, "trace");
	labels_keys_free(&k);

	query_default(&q, &p);
	labels_values(&p, &q, "trace", &v);
	assert_int_equal(v.n, 2);
	assert_true(v.total == 180);
	assert_string_equal(v.values[0].value, "t1");
	assert_true(v.values[0].value_a == 20);
	assert_int_equal(v.values[0].n_records, 2);
	assert_string_equal(v.values[1].value, "t2");
	assert_true(v.missing == 140);
	labels_values_free(&v);
	/* a tag on the same key leaves the alternatives; another key narrows */
	assert_int_equal(filters_push(query_filters(&q), FILTER_TAG, "trace=t2", &err), 0);
	labels_values(&p, &q, "trace", &v);
	assert_int_equal(v.n, 2);
	labels_values_free(&v);
	labels_values(&p, &q, "state", &v);
	assert_int_equal(v.n, 1);
	assert_string_equal(v.values[0].value, "WAIT");
	assert_true(v.total == 20);
	labels_values_free(&v);
	query_free(&q);
	profile_free(&p);
}

static void
cycle_types(void **state)
{
	struct profile p;
	struct query q;

	(void)state;
	labelled(&p);
	query_default(&q, &p);
	assert_int_equal(q.type_a, 1);
	assert_int_equal(query_cycle_type(&q, &p, 1), 0);
	assert_int_equal(query_cycle_type(&q, &p, 1), 1);
	assert_int_equal(query_cycle_type(&q, &p, -1), 0);
	assert_int_equal(query_cycle_type(&q, &p, -1), 1);
	q.type_b = 0;
	assert_int_equal(query_cycle_type(&q, &p, 1), -1);
	assert_int_equal(q.type_a, 1);
	profile_free(&p);
}

static void
details_and_paths(void **state)
{
	struct profile p;
	struct query q;
	struct calltree *t;
	struct calltree_details d;
	uint32_t ids[8], lex;
	char buf[64];

	(void)state;
	assert_int_equal(profile_from_folded(&p, "main;pa;rse;lex_[k] 6\nmain 2\n"), 0);
	query_default(&q, &p);
	t = calltree_build(&p, &q, CALLTREE_BY_NAME);
	lex = t->n - 1;
	calltree_details(t, lex, &d);
	assert_string_equal(d.name, "lex");
	assert_string_equal(d.kind, frame_kind_name(FRAME_KERNEL));
	assert_true(d.total[0] == 6 && d.self[0] == 6);
	assert_true(d.share == 0.75);
	assert_true(d.parent_share == 1);
	assert_int_equal(d.depth, 4);
	assert_int_equal(calltree_path(t, lex, ids, 8), 4);
	assert_string_equal(calltree_name(t, ids[0]), "main");
	assert_int_equal(ids[3], lex);
	assert_int_equal(calltree_path_folded(t, lex, buf, sizeof buf), 15);
	assert_string_equal(buf, "main;pa;rse;lex");
	assert_int_equal(calltree_path_folded(t, lex, buf, 6), 15);
	assert_string_equal(buf, "main;");
	calltree_details(t, CT_ROOT, &d);
	assert_string_equal(d.name, "all");
	calltree_free(t);
	/* inverted: the copied line is still root first */
	q.inverted = true;
	t = calltree_build(&p, &q, CALLTREE_BY_NAME);
	for (lex = 1; lex < t->n; lex++)
		if (t->nodes[lex].depth == 4)
			break;
	assert_string_equal(calltree_name(t, lex), "main");
	calltree_path_folded(t, lex, buf, sizeof buf);
	assert_string_equal(buf, "main;pa;rse;lex");
	calltree_free(t);
	profile_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(each_transform),
		cmocka_unit_test(order_matters),
		cmocka_unit_test(root_takes_first_match),
		cmocka_unit_test(stack_push_pop_clear),
		cmocka_unit_test(exact_names),
		cmocka_unit_test(inverted_composes),
		cmocka_unit_test(tags),
		cmocka_unit_test(grouping),
		cmocka_unit_test(group_frames_are_process_roots),
		cmocka_unit_test(label_keys_and_values),
		cmocka_unit_test(cycle_types),
		cmocka_unit_test(details_and_paths),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
