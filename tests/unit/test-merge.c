/* Merging two profiles (diff, hot/cold, thread dumps, sched_switch) and
 * the statistics read back from the merged trees. Every expected number
 * is worked out by hand from the small inputs here. */
#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "calltree.h"
#include "diffstat.h"
#include "helpers.h"
#include "hotcold.h"
#include "merge.h"
#include "query.h"

#define NEAR(a, b) (fabs((double)(a) - (double)(b)) < 1e-9)

/* Value of column type for the stack named by the folded path. */
static double
stack_value(const struct profile *p, const char *path, int type)
{
	for (size_t s = 0; s < p->n_stacks; s++) {
		const uint32_t *ids = profile_stack_frames(p, (uint32_t)s);
		char buf[512];
		size_t len = 0;

		buf[0] = '\0';
		for (uint32_t i = 0; i < p->stacks[s].depth; i++)
			len += (size_t)snprintf(buf + len, sizeof buf - len, "%s%s",
				i ? ";" : "", profile_frame(p, ids[i])->name);
		if (strcmp(buf, path) == 0)
			return p->stack_values[s * p->n_types + (size_t)type];
	}
	return -1;
}

static const char *const before_text =
	"main;parse 40\n"
	"main;work;hash 30\n"
	"main;work;old 20\n"
	"main;idle 10\n";
static const char *const after_text =
	"main;parse 80\n"
	"main;work;hash 30\n"
	"main;work;new 50\n"
	"main;idle 40\n";

/* Merges before and after into out (initialised here) as --diff does,
 * then frees them: out owns everything it needs. */
static void
merge_pair(struct profile *out, struct profile *before, struct profile *after)
{
	struct merge_side sb = { before, 0, 1 }, sa = { after, 0, 1 };
	struct error err;

	profile_init(out);
	assert_int_equal(merge_diff(out, &sb, &sa, &err), 0);
	profile_free(after);
	profile_free(before);
}

/* The --diff merge of two folded texts. */
static void
merge_folded(struct profile *out, const char *before, const char *after)
{
	struct profile b, a;

	assert_int_equal(profile_from_folded(&b, before), 0);
	assert_int_equal(profile_from_folded(&a, after), 0);
	merge_pair(out, &b, &a);
}

/* The default tree of a merged profile, children by name, with its
 * statistics under the default settings. */
static struct calltree *
default_tree(const struct profile *out, struct diffstat *d)
{
	struct query q;
	struct diff_settings set;
	struct calltree *t;

	query_default(&q, out);
	t = calltree_build(out, &q, CALLTREE_BY_NAME);
	diff_settings_default(&set);
	assert_int_equal(diffstat_build(d, t, &set), 0);
	return t;
}

static void
merge_diff_columns(void **state)
{
	struct profile out;
	int max;

	merge_folded(&out, before_text, after_text);
	assert_true(out.differential);
	assert_string_equal(profile_type_name(&out, DIFF_COL_BEFORE), "before");
	assert_string_equal(profile_type_name(&out, DIFF_COL_AFTER), "after");
	max = profile_find_type(&out, DIFF_TYPE_MAX);
	assert_true(max >= 2);
	assert_true(profile_total(&out, DIFF_COL_BEFORE) == 100);
	assert_true(profile_total(&out, DIFF_COL_AFTER) == 200);
	/* max per stack: 80 + 30 + 20 + 50 + 40 */
	assert_true(profile_total(&out, max) == 220);
	assert_true(stack_value(&out, "main;work;old", DIFF_COL_AFTER) == 0);
	assert_true(stack_value(&out, "main;work;old", DIFF_COL_BEFORE) == 20);
	assert_true(stack_value(&out, "main;work;new", max) == 50);
	assert_string_equal(out.source, "- -> -");
	profile_free(&out);
}

/* Frames match by name across kinds and modules; a process root that
 * only one side has is dropped. */
static void
merge_names_and_roots(void **state)
{
	struct profile b, a, out;
	struct sink s;
	struct error err;
	struct frame_desc d = { 0 };
	uint32_t ids[3];

	profile_init(&b);
	sink_init(&s, &b, &err, NULL);
	ids[0] = sink_frame(&s, "prog", 4, FRAME_PROCESS);
	d.name = "main";
	d.name_len = 4;
	d.module = "/tmp/before/prog";
	ids[1] = sink_frame_desc(&s, &d);
	ids[2] = sink_frame(&s, "read", 4, FRAME_KERNEL);
	assert_int_equal(sink_sample1(&s, ids, 3, 0, 5, NULL), 0);
	sink_free(&s);
	assert_int_equal(profile_from_folded(&a, "main;read 7\n"), 0);
	merge_pair(&out, &b, &a);
	assert_int_equal(out.n_stacks, 1);
	assert_true(stack_value(&out, "main;read", DIFF_COL_BEFORE) == 5);
	assert_true(stack_value(&out, "main;read", DIFF_COL_AFTER) == 7);
	/* the kernel kind survives; the module of the first occurrence too */
	for (size_t f = 0; f < out.frames.n; f++) {
		const struct frame *fr = profile_frame(&out, (uint32_t)f);

		if (strcmp(fr->name, "read") == 0)
			assert_int_equal(fr->kind, FRAME_KERNEL);
		if (strcmp(fr->name, "main") == 0)
			assert_string_equal(strtab_get(&out.strings, fr->module),
				"/tmp/before/prog");
	}
	assert_non_null(profile_info(&out, "note"));
	profile_free(&out);
}

static struct calltree *
diff_tree(struct profile *out, enum diff_width w)
{
	struct query q;

	merge_folded(out, before_text, after_text);
	query_default(&q, out);
	diff_query(&q, out, w);
	return calltree_build(out, &q, CALLTREE_BY_NAME);
}

static void
diffstat_widths(void **state)
{
	static const enum diff_width widths[] = { DIFF_WIDTH_AFTER,
		DIFF_WIDTH_BEFORE, DIFF_WIDTH_MAX };
	struct diff_settings set;

	diff_settings_default(&set);
	for (size_t i = 0; i < 3; i++) {
		struct profile p;
		struct calltree *t = diff_tree(&p, widths[i]);
		struct diffstat d;
		uint32_t m = tree_child(t, CT_ROOT, "main"), w = tree_child(t, m, "work");
		uint32_t old = tree_child(t, w, "old"), nw = tree_child(t, w, "new");

		assert_int_equal(diff_query_width(&t->query, &p), (int)widths[i]);
		assert_int_equal(diffstat_build(&d, t, &set), 0);
		assert_int_equal(d.width, (int)widths[i]);
		/* widths: series a is the chosen source */
		assert_true(t->nodes[CT_ROOT].total ==
			(widths[i] == DIFF_WIDTH_AFTER ? 200 :
			 widths[i] == DIFF_WIDTH_BEFORE ? 100 : 220));
		assert_true(d.total_before == 100 && d.total_after == 200);
		assert_true(d.nodes[w].before == 50 && d.nodes[w].after == 80);
		assert_true(d.nodes[old].before == 20 && d.nodes[old].after == 0);
		assert_true(d.nodes[nw].self_after == 50 && d.nodes[nw].self_before == 0);
		assert_int_equal(d.nodes[old].cls, DIFF_GONE);
		assert_int_equal(d.nodes[nw].cls, DIFF_NEW);
		/* work: 50% -> 40% of the total: -10 pp, although it grew */
		assert_true(NEAR(d.nodes[w].share_delta, -10));
		assert_true(NEAR(d.nodes[w].delta, 30));
		assert_true(NEAR(d.nodes[w].delta_pct, 60));
		assert_int_equal(d.nodes[w].cls, DIFF_SHRANK);
		assert_true(isnan(d.nodes[nw].delta_pct));
		diffstat_free(&d);
		calltree_free(t);
		profile_free(&p);
	}
}

static void
diffstat_metrics_and_noise(void **state)
{
	struct profile p;
	struct calltree *t = diff_tree(&p, DIFF_WIDTH_AFTER);
	struct diff_settings set;
	struct diffstat d;
	struct diff_legend lg;
	uint32_t m = tree_child(t, CT_ROOT, "main"), parse = tree_child(t, m, "parse");
	uint32_t w = tree_child(t, m, "work"), hash = tree_child(t, w, "hash");
	uint32_t idle = tree_child(t, m, "idle");

	diff_settings_default(&set);
	assert_int_equal(diffstat_build(&d, t, &set), 0);
	/* share: parse 40% -> 40%, hash 30% -> 15%, idle 10% -> 20% */
	assert_int_equal(d.nodes[parse].cls, DIFF_SAME);
	assert_true(NEAR(d.nodes[hash].metric, -15));
	assert_int_equal(d.nodes[hash].cls, DIFF_SHRANK);
	assert_true(NEAR(d.nodes[idle].metric, 10));
	assert_int_equal(d.nodes[idle].cls, DIFF_GREW);
	/* the scale is the largest |metric| of a changed node: new, 25 pp */
	assert_true(NEAR(d.scale, 25));
	assert_true(fabs(d.nodes[idle].intensity - 10.0 / 25) < 1e-6);
	assert_true(d.nodes[parse].intensity == 0);
	diff_legend(&d, &lg);
	assert_string_equal(lg.suffix, "pp");
	/* absolute, in % of the before total: parse +40, hash 0 */
	diffstat_reclassify(&d, DIFF_BY_ABSOLUTE, 0.2);
	assert_true(NEAR(d.nodes[parse].metric, 40));
	assert_int_equal(d.nodes[parse].cls, DIFF_GREW);
	assert_int_equal(d.nodes[hash].cls, DIFF_SAME);
	assert_true(NEAR(d.scale, 100));   /* the root: +100, not counted; work +30, new +50... */
	/* a wide noise band makes idle (+30 % absolute) neutral */
	diffstat_reclassify(&d, DIFF_BY_ABSOLUTE, 31);
	assert_int_equal(d.nodes[idle].cls, DIFF_SAME);
	assert_true(d.nodes[idle].intensity == 0);
	diffstat_free(&d);
	calltree_free(t);
	profile_free(&p);
}

static void
delta_table_and_changes(void **state)
{
	struct profile out;
	struct diffstat d;
	struct diff_table tab;
	struct diff_changes ch;
	struct calltree *t;

	/* f is recursive: counted once per stack */
	merge_folded(&out, "m;f;f 4\nm;g 6\n", "m;f;f;f 9\nm;h 1\n");
	t = default_tree(&out, &d);
	diff_table_build(&tab, &d);
	assert_int_equal(tab.n, 4);
	/* by regression: f (40% -> 90%), h (0 -> 10%), m (same), g (60% -> 0) */
	assert_string_equal(profile_frame(&out, tab.rows[0].frame)->name, "f");
	assert_true(tab.rows[0].before == 4 && tab.rows[0].after == 9);
	assert_true(tab.rows[0].self_before == 4 && tab.rows[0].self_after == 9);
	assert_true(NEAR(tab.rows[0].share_delta, 50));
	assert_string_equal(profile_frame(&out, tab.rows[1].frame)->name, "h");
	assert_int_equal(tab.rows[1].cls, DIFF_NEW);
	assert_string_equal(profile_frame(&out, tab.rows[3].frame)->name, "g");
	assert_int_equal(tab.rows[3].cls, DIFF_GONE);
	diff_table_sort(&tab, &d, DIFF_SORT_NAME);
	assert_string_equal(profile_frame(&out, tab.rows[0].frame)->name, "f");
	assert_string_equal(profile_frame(&out, tab.rows[3].frame)->name, "m");
	diff_table_sort(&tab, &d, DIFF_SORT_IMPROVEMENT);
	assert_string_equal(profile_frame(&out, tab.rows[0].frame)->name, "g");
	diff_changes_build(&ch, &d);
	/* gone: m;f;f (self 4 only before) and m;g; new: m;f;f;f and m;h */
	assert_int_equal(ch.n_gone, 2);
	assert_int_equal(ch.n_added, 2);
	assert_true(ch.total_gone == 10 && ch.total_added == 10);
	assert_true(ch.gone[0].value == 6 && ch.added[0].value == 9);
	assert_string_equal(calltree_name(t, ch.gone[0].node), "g");
	diff_changes_free(&ch);
	diff_table_free(&tab);
	diffstat_free(&d);
	calltree_free(t);
	profile_free(&out);
}

/* ---- thread dumps ------------------------------------------------------- */

static void
add_thread(struct sink *s, int tid, const char *name, const char *const *frames,
	size_t n)
{
	uint32_t ids[8];
	struct sink_label l = { .key = "thread", .str = name };
	struct sample_meta m = { .time_ns = -1, .pid = -1, .tid = tid, .cpu = -1,
		.labels = &l, .n_labels = 1 };

	for (size_t i = 0; i < n; i++)
		ids[i] = sink_frame(s, frames[i], strlen(frames[i]), FRAME_USER);
	assert_int_equal(sink_sample1(s, ids, n, 0, 1, &m), 0);
}

static void
dump(struct profile *p, int with_new)
{
	static const char *const wait[] = { "start", "pool", "futex_wait" };
	static const char *const run1[] = { "start", "work", "parse" };
	static const char *const run2[] = { "start", "work", "emit" };
	struct sink s;
	struct error err;

	profile_init(p);
	sink_init(&s, p, &err, NULL);
	assert_true(sink_type(&s, "threads", "count") == 0);
	add_thread(&s, 1, "a", wait, 3);               /* stuck */
	add_thread(&s, 2, "b", with_new ? run2 : run1, 3);  /* progressing */
	if (with_new)
		add_thread(&s, 4, "d", wait, 3);       /* new */
	else
		add_thread(&s, 3, "c", run1, 3);       /* ended */
	sink_free(&s);
}

static void
thread_dumps(void **state)
{
	struct profile b, a, out;
	struct diffstat d;
	struct diff_thread *th;
	struct calltree *t;
	uint32_t st, pool, wk;
	size_t n;

	dump(&b, 0);
	dump(&a, 1);
	merge_pair(&out, &b, &a);
	assert_string_equal(profile_info(&out, "threads"),
		"1 stuck, 1 progressing, 1 new, 1 ended");
	t = default_tree(&out, &d);
	assert_true(d.has_threads);
	st = tree_child(t, CT_ROOT, "start");
	pool = tree_child(t, st, "pool");
	wk = tree_child(t, st, "work");
	/* pool: a (stuck) and d (new) */
	assert_true(d.nodes[pool].stuck == 1 && d.nodes[pool].after == 2);
	assert_int_equal(d.nodes[pool].threads, DIFF_THREADS_MIXED);
	assert_true(d.nodes[wk].progressing == 1);
	assert_int_equal(d.nodes[wk].threads, DIFF_THREADS_PROGRESSING);
	assert_int_equal(d.nodes[tree_child(t, wk, "emit")].threads,
		DIFF_THREADS_PROGRESSING);
	n = diff_threads_list(&out, &th);
	assert_int_equal(n, 4);
	assert_string_equal(th[0].cls, "stuck");
	assert_string_equal(th[0].name, "a");
	assert_true(th[0].stack == th[0].stack_before);
	assert_string_equal(th[1].cls, "progressing");
	assert_true(th[1].stack != th[1].stack_before && th[1].stack_before != UINT32_MAX);
	assert_string_equal(th[2].cls, "new");
	assert_string_equal(th[3].cls, "ended");
	assert_int_equal(th[3].tid, 3);
	free(th);
	diffstat_free(&d);
	calltree_free(t);
	profile_free(&out);
}

/* ---- hot/cold ---------------------------------------------------------------- */

static void
hotcold_two_files(void **state)
{
	struct profile off, on, out;
	struct merge_side soff = { &off, 0, 1 }, son = { &on, 0, 1 };
	struct parse_options us = { .unit = "us" };
	struct cold_options co;
	struct cold_types ct;
	struct cold_map m;
	struct cold_values v;
	struct calltree *t;
	struct query q;
	struct error err;
	uint32_t mn, rd;

	/* off-CPU in microseconds; on-CPU in samples at 100 Hz (10 ms) */
	assert_int_equal(profile_from_folded_with(&off,
		"app;main;read 5000\napp;pool;pthread_cond_wait 90000\n", &us), 0);
	assert_int_equal(profile_from_folded(&on, "app;main;compute 3\napp;main;read 1\n"), 0);
	cold_options_default(&co);
	profile_init(&out);
	assert_int_equal(hotcold_merge(&out, &soff, &son, &co, &err), -1);
	assert_non_null(strstr(err.msg, "--hz"));
	profile_free(&out);
	co.hz = 100;
	profile_init(&out);
	assert_int_equal(hotcold_merge(&out, &soff, &son, &co, &err), 0);
	assert_true(hotcold_types(&out, &ct));
	assert_true(profile_total(&out, ct.on) == 40e6);
	assert_true(profile_total(&out, ct.off_all) == 95e6);
	/* the default idle pattern takes the condition-variable wait out */
	assert_true(profile_total(&out, ct.off) == 5e6);
	assert_true(profile_total(&out, ct.wall) == 45e6);
	assert_true(profile_total(&out, ct.wall_all) == 135e6);
	assert_true(stack_value(&out, "app;main;read", ct.wall) == 15e6);
	assert_int_equal(out.default_type, ct.wall);
	for (int view = 0; view < 3; view++) {
		query_default(&q, &out);
		hotcold_query(&q, &out, (enum cold_view)view, false);
		hotcold_map(&q, &out, &m);
		assert_int_equal(m.view, view);
		assert_false(m.idle);
		t = calltree_build(&out, &q, CALLTREE_BY_NAME);
		mn = tree_child(t, tree_child(t, CT_ROOT, "app"), "main");
		rd = tree_child(t, mn, "read");
		hotcold_values(t, &m, rd, &v);
		assert_true(v.on == 10e6 && v.off == 5e6 && v.wall == 15e6);
		hotcold_values(t, &m, mn, &v);
		assert_true(v.on == 40e6 && v.off == 5e6);
		hotcold_values(t, &m, CT_ROOT, &v);
		assert_true(v.wall == 45e6);
		assert_true(t->nodes[CT_ROOT].total ==
			(view == COLD_VIEW_BOTH ? 45e6 : view == COLD_VIEW_ON ? 40e6 : 5e6));
		calltree_free(t);
	}
	hotcold_query(&q, &out, COLD_VIEW_BOTH, true);
	hotcold_map(&q, &out, &m);
	assert_true(m.idle);
	/* no idle pattern: everything counts */
	assert_int_equal(hotcold_set_idle(&out, "", &err), 0);
	assert_true(profile_total(&out, ct.off) == 95e6);
	assert_int_equal(hotcold_set_idle(&out, "^read$", &err), 0);
	assert_true(profile_total(&out, ct.off) == 90e6);
	assert_int_equal(hotcold_set_idle(&out, "(", &err), -1);
	profile_free(&out);
	profile_free(&on);
	profile_free(&off);
}

static void
switch_sample(struct sink *s, int type, const char *leaf, int64_t t, int pid,
	int tid, int cpu, double v)
{
	uint32_t ids[2];
	struct sample_meta m = { .time_ns = t, .pid = pid, .tid = tid, .cpu = cpu };

	ids[0] = sink_frame(s, "prog", 4, FRAME_PROCESS);
	ids[1] = sink_frame(s, leaf, strlen(leaf), FRAME_USER);
	assert_int_equal(sink_sample1(s, ids, 2, type, v, &m), 0);
}

static void
hotcold_switches(void **state)
{
	for (int wide = 0; wide < 2; wide++) {
		struct profile in, out;
		struct cold_options co;
		struct cold_types ct;
		struct sink s;
		struct error err;
		int clk, sw;

		profile_init(&in);
		sink_init(&s, &in, &err, NULL);
		clk = sink_type(&s, "cpu-clock:ppp", "nanoseconds");
		sw = sink_type(&s, "sched:sched_switch", "count");
		/* thread 5 blocks in "wait" at 100, runs again at 300 (its sample
		 * on cpu 0); system-wide, thread 7 switched out on cpu 0 at 250,
		 * which is when 5 came in */
		switch_sample(&s, clk, "run", 50, 5, 5, 0, 1000);
		switch_sample(&s, sw, "wait", 100, 5, 5, 0, 1);
		switch_sample(&s, sw, "other", 250, 7, 7, 0, 1);
		switch_sample(&s, clk, "run", 300, 5, 5, 0, 1000);
		/* still off at the end: not counted */
		switch_sample(&s, sw, "wait", 400, 5, 5, 0, 1);
		if (wide)
			switch_sample(&s, sw, "idle", 450, 0, 0, 1, 1);
		sink_free(&s);
		cold_options_default(&co);
		co.idle = "";
		profile_init(&out);
		assert_int_equal(hotcold_from_switches(&out, &in, &co, &err), 0);
		assert_true(hotcold_types(&out, &ct));
		assert_true(profile_total(&out, ct.on) == 2000);
		assert_true(stack_value(&out, "prog;wait", ct.off) == (wide ? 150 : 200));
		/* thread 7 never ran again: open, like the second wait of 5 */
		assert_true(stack_value(&out, "prog;other", ct.off) == -1);
		assert_string_equal(profile_info(&out, "off-cpu intervals open at the end"),
			"2 (not counted)");
		profile_free(&out);
		profile_free(&in);
	}
}

static void
hotcold_switches_missing(void **state)
{
	struct profile in, out;
	struct cold_options co;
	struct error err;

	assert_int_equal(profile_from_folded(&in, "a;b 1\n"), 0);
	cold_options_default(&co);
	profile_init(&out);
	assert_int_equal(hotcold_from_switches(&out, &in, &co, &err), -1);
	assert_non_null(strstr(err.msg, "sched_switch"));
	profile_free(&out);
	profile_free(&in);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(merge_diff_columns),
		cmocka_unit_test(merge_names_and_roots),
		cmocka_unit_test(diffstat_widths),
		cmocka_unit_test(diffstat_metrics_and_noise),
		cmocka_unit_test(delta_table_and_changes),
		cmocka_unit_test(thread_dumps),
		cmocka_unit_test(hotcold_two_files),
		cmocka_unit_test(hotcold_switches),
		cmocka_unit_test(hotcold_switches_missing),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
