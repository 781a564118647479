/* Keystroke -> redraw time of the explorer on a synthetic calltree of
 * more than a million nodes, measured headlessly: each step is one key
 * through the keymap and the view (action, layout) plus a full draw into
 * the canvas, as in the terminal minus curses' output. Not a test; run by
 * `make bench` / `make bench-nav`.
 *   nav-bench [STACKS [KEYS]]     defaults: 120000 stacks, 20000 keys */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "flame_view.h"
#include "keymap.h"
#include "keys.h"
#include "options.h"
#include "session.h"
#include "sink.h"
#include "synth.h"
#include "view.h"

static uint64_t rng = 0x9e3779b97f4a7c15u;

/* CPU time of this thread: the cost of a keystroke whatever else the
 * machine runs (wall time on a busy 2-core machine mostly measures the
 * scheduler). */
static double
cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void
report(const char *what, int w, int h, const char *label, double *t,
	unsigned n, double sum)
{
	qsort(t, n, sizeof *t, cmp_double);
	printf("  %3dx%-3d %-28s %s mean %.3f ms  p50 %.3f ms  p99 %.3f ms  max %.3f ms  (%u keys)\n",
		w, h, label, what, sum / n, t[n / 2], t[(size_t)(n * 0.99)], t[n - 1], n);
}

/* Deep, branchy stacks (C++-ish names, shared prefixes), plus one frame
 * with a huge fan-out of narrow callees, the worst case for sibling moves. */
static void
build(struct profile *p, unsigned n_stacks)
{
	struct sink sk;
	struct error err;
	uint32_t ids[80];

	error_clear(&err);
	sink_init(&sk, p, &err, NULL);
	for (unsigned i = 0; i < n_stacks; i++) {
		unsigned depth = synth_stack(&sk, &rng, ids,
			"ns%u::Component::method_%u(int, std::string const&)", true);

		if (sink_sample1(&sk, ids, depth, 0, 1 + synth_rnd(&rng, 100), NULL) < 0) {
			fprintf(stderr, "nav-bench: %s\n", err.msg);
			exit(1);
		}
	}
	for (unsigned i = 0; i < 200000; i++) {
		ids[0] = synth_frame(&sk, "main%.0u%.0u", 0, 0, true);
		ids[1] = synth_frame(&sk, "dispatch%.0u%.0u", 0, 0, true);
		ids[2] = synth_frame(&sk, "handler_%u_%u", i, i * 7, true);
		sink_sample1(&sk, ids, 3, 0, 1, NULL);
	}
	sink_free(&sk);
}


/* Navigation mostly, with zooms now and then, like a person exploring. */
static int
next_key(void)
{
	static const int keys[] = {
		'j', 'j', 'j', 'j', 'k', 'k', 'h', 'h', 'l', 'l', 'l',
		KEYC_DOWN, KEYC_RIGHT, KEYC_LEFT, KEYC_UP,
		KEYC_ENTER, KEYC_BACKSPACE, '0', 'f',
	};

	return keys[synth_rnd(&rng, sizeof keys / sizeof keys[0])];
}

static void
run(struct session *s, const struct keymap *km, int w, int h, unsigned n_keys,
	bool wide_corner)
{
	struct ui ui;
	double *t = malloc(n_keys * sizeof *t), sum = 0;
	double *tc = malloc(n_keys * sizeof *tc), sum_c = 0;

	ui_init(&ui, s, km);
	ui_resize(&ui, w, h);
	ui_push(&ui, &flame_view_ops);
	ui_draw(&ui);
	if (wide_corner) {
		/* walk to main;dispatch and into its 200,000 narrow callees */
		struct flame_state *st = ui_top(&ui)->state;
		const struct calltree *tr = s->tree;

		for (uint32_t c = tr->nodes[0].first_child; c != CT_NONE; c = tr->nodes[c].next_sibling)
			if (strcmp(calltree_name(tr, c), "main") == 0)
				st->sel = tr->nodes[c].first_child;
		st->pin_sel = true;
		ui_draw(&ui);
	}
	for (unsigned i = 0; i < n_keys; i++) {
		int key = wide_corner ? (i % 50 < 40 ? 'l' : 'h') : next_key();
		double t0 = synth_now(), c0 = cpu_now();

		if (wide_corner && i == 0)
			key = 'j';
		ui_key(&ui, key);
		ui_draw(&ui);
		t[i] = (synth_now() - t0) * 1e3;
		tc[i] = (cpu_now() - c0) * 1e3;
		sum += t[i];
		sum_c += tc[i];
		if (ui.quit)
			ui.quit = false;
	}
	report("wall", w, h, wide_corner ? "200,000 narrow siblings:" :
		"random navigation:", t, n_keys, sum);
	report("cpu ", w, h, "", tc, n_keys, sum_c);
	free(t);
	free(tc);
	ui_free(&ui);
}

int
main(int argc, char **argv)
{
	unsigned n_stacks = argc > 1 ? (unsigned)atoi(argv[1]) : 120000;
	unsigned n_keys = argc > 2 ? (unsigned)atoi(argv[2]) : 20000;
	struct options opts;
	struct session s;
	struct keymap km;
	struct error err;
	double t0;

	memset(&opts, 0, sizeof opts);
	memset(&s, 0, sizeof s);
	s.opts = &opts;
	profile_init(&s.prof);
	t0 = synth_now();
	build(&s.prof, n_stacks);
	query_default(&s.query, &s.prof);
	s.order = CALLTREE_BY_NAME;
	session_rebuild(&s);
	printf("nav-bench: %zu calltree nodes, depth %u, from %zu stacks (%.2f s to build)\n",
		s.tree->n, s.tree->max_depth, s.prof.n_stacks, synth_now() - t0);
	if (s.tree->n < 1000000)
		printf("nav-bench: warning: fewer than 1M nodes; pass more stacks\n");
	keymap_init(&km);
	error_clear(&err);
	if (keymap_load_active(&km, "default", &err) < 0) {
		fprintf(stderr, "nav-bench: %s\n", err.msg);
		return 1;
	}
	printf("keystroke -> redraw (key, action, layout, draw into the canvas; target <= 5 ms):\n");
	run(&s, &km, 80, 24, n_keys, false);
	run(&s, &km, 200, 60, n_keys, false);
	run(&s, &km, 400, 100, n_keys / 4, false);
	run(&s, &km, 200, 60, n_keys / 10, true);
	keymap_free(&km);
	session_free(&s);
	return 0;
}
