/* Query rebuild times on a synthetic profile whose calltree has more than
 * a million nodes: the plain build, each filter kind (first run, when the
 * regexes meet every distinct frame, and again with the per-frame answers
 * cached), tags and grouping over per-sample records, the inverted tree,
 * and the search, top table and sandwich a view computes after a rebuild.
 * Not a test; run by `make bench` (or tests/bench/query-bench directly).
 *   query-bench [STACKS | FILE]   default: 120000 synthetic stacks; a FILE
 *                                 (any format) is loaded instead */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "filter.h"
#include "labels.h"
#include "load.h"
#include "profile.h"
#include "query.h"
#include "sandwich.h"
#include "search.h"
#include "sink.h"
#include "synth.h"
#include "top.h"

static uint64_t rng = 0x2545f4914f6cdd1du;

/* Deep, branchy stacks, each sample with a thread id and a request label
 * (one record per sample, like a labelled pprof or perf script). */
static void
build(struct profile *p, unsigned n_stacks)
{
	struct sink sk;
	struct error err;
	uint32_t ids[80];
	char req[32];
	struct sink_label lab = { "request", req, 0, NULL };
	struct sample_meta m = { -1, 1, 0, -1, &lab, 1 };

	error_clear(&err);
	sink_init(&sk, p, &err, NULL);
	for (unsigned i = 0; i < n_stacks; i++) {
		unsigned depth = synth_stack(&sk, &rng, ids, "ns%u::Component::method_%u(int)",
			false);

		snprintf(req, sizeof req, "r%u", synth_rnd(&rng, 1000));
		m.tid = (int32_t)(100 + synth_rnd(&rng, 64));
		sink_sample1(&sk, ids, depth, 0, 1 + synth_rnd(&rng, 100), &m);
	}
	sink_free(&sk);
}

static double
timed_build(struct profile *p, struct query *q, struct calltree **out)
{
	double t0 = synth_now();

	*out = calltree_build(p, q, CALLTREE_BY_NAME);
	return (synth_now() - t0) * 1e3;
}

static void
report(const char *what, struct profile *p, struct query *q)
{
	struct calltree *t;
	double first = timed_build(p, q, &t), again;

	calltree_free(t);
	again = timed_build(p, q, &t);
	printf("  %-44s %8.1f ms first, %8.1f ms again  (%zu nodes)\n", what,
		first, again, t->n);
	calltree_free(t);
}

static void
one(const char *what, struct profile *p, int kind, const char *text)
{
	struct query q;
	struct error err;

	query_default(&q, p);
	if (filters_push(query_filters(&q), kind, text, &err) < 0) {
		fprintf(stderr, "query-bench: %s\n", err.msg);
		exit(1);
	}
	report(what, p, &q);
	query_free(&q);
}

int
main(int argc, char **argv)
{
	const char *arg = argc > 1 ? argv[1] : "120000";
	unsigned n_stacks = (unsigned)atoi(arg);
	struct profile p;
	struct query q;
	struct calltree *t;
	struct search s;
	struct search_result r;
	struct sandwich sw;
	struct label_values lv;
	struct error err;
	struct top *tp;
	double t0;

	profile_init(&p);
	t0 = synth_now();
	if (n_stacks == 0) {
		struct load_options lo;

		memset(&lo, 0, sizeof lo);
		if (load_profile(&p, arg, &lo, &err) < 0) {
			fprintf(stderr, "query-bench: %s: %s\n", arg, err.msg);
			return 1;
		}
	} else {
		build(&p, n_stacks);
	}
	query_default(&q, &p);
	t = calltree_build(&p, &q, CALLTREE_BY_NAME);
	printf("query-bench: %zu calltree nodes from %zu stacks, %zu frames, %zu records (%.2f s to generate)\n",
		t->n, p.n_stacks, p.frames.n, p.n_samples, synth_now() - t0);
	if (t->n < 1000000)
		printf("query-bench: warning: fewer than 1M nodes; pass more stacks\n");
	calltree_free(t);
	printf("rebuild (target: well under 1 s):\n");
	report("no filter", &p, &q);
	q.inverted = true;
	report("inverted", &p, &q);
	q.inverted = false;
	one("focus method_7[0-9]\\(", &p, FILTER_FOCUS, "method_7[0-9]\\(");
	one("ignore ^ns5::Component::method_1", &p, FILTER_IGNORE, "^ns5::Component::method_1");
	one("hide ns[0-9]*[02468]::", &p, FILTER_HIDE, "ns[0-9]*[02468]::");
	one("root ns20::", &p, FILTER_ROOT, "^ns20::");
	one("tag tid=120", &p, FILTER_TAG, "tid=120");
	one("tag request=r7", &p, FILTER_TAG, "request=r7");
	query_default(&q, &p);
	filters_group_by(query_filters(&q), &p, "tid");
	report("group-by tid", &p, &q);
	if (filters_push(q.filters, FILTER_HIDE, "ns[0-9]*[13579]::", &err) < 0)
		return 1;
	q.inverted = true;
	report("group-by tid + hide + inverted", &p, &q);
	query_free(&q);

	query_default(&q, &p);
	t = calltree_build(&p, &q, CALLTREE_BY_NAME);
	printf("after a rebuild:\n");
	search_init(&s);
	search_result_init(&r);
	search_set_regex(&s, "method_4[0-9]\\(", false, &err);
	t0 = synth_now();
	search_result_build(&r, &s, t);
	printf("  %-44s %8.1f ms  (%zu matches, %.1f%%)\n", "search (first)",
		(synth_now() - t0) * 1e3, r.n, 100 * r.matched[0] / t->nodes[CT_ROOT].total);
	t0 = synth_now();
	search_result_build(&r, &s, t);
	printf("  %-44s %8.1f ms\n", "search (again)", (synth_now() - t0) * 1e3);
	t0 = synth_now();
	tp = top_build(t);
	printf("  %-44s %8.1f ms  (%zu functions)\n", "top table", (synth_now() - t0) * 1e3, tp->n);
	t0 = synth_now();
	top_sort(tp, TOP_BY_TOTAL);
	top_filter(tp, "method_1", false, true, &err);
	printf("  %-44s %8.1f ms  (%zu shown)\n", "top sort + filter", (synth_now() - t0) * 1e3,
		tp->n_view);
	t0 = synth_now();
	sandwich_build(&sw, &p, &q, tp->rows[tp->view[0]].name, tp->rows[tp->view[0]].name_len,
		CALLTREE_BY_NAME);
	printf("  %-44s %8.1f ms  (%zu + %zu nodes)\n", "sandwich of the heaviest shown",
		(synth_now() - t0) * 1e3, sw.callers->n, sw.callees->n);
	t0 = synth_now();
	labels_values(&p, &q, "request", &lv);
	printf("  %-44s %8.1f ms  (%zu values)\n", "label values of request", (synth_now() - t0) * 1e3, lv.n);
	labels_values_free(&lv);
	sandwich_free(&sw);
	top_free(tp);
	search_result_free(&r);
	search_free(&s);
	calltree_free(t);
	profile_free(&p);
	return 0;
}
