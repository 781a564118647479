/* Differential statistics: what changed between BEFORE and AFTER, per
 * call-tree node (for colouring and the status line), per function (the
 * delta table) and per stack (gone and new stacks), plus the thread view
 * of two thread dumps (stuck and progressing threads).
 *
 * Input is a calltree of a differential profile (merge_diff(), or a
 * two-count folded file after diff_prepare()). Series a of the tree is
 * what widths come from (the layout sizes by series a's total); diff_query()
 * sets the series for each width source, and everything here reads before
 * and after through the diffstat, never through calltree_total directly.
 *
 * For the UI: keep one struct diffstat beside the session's tree;
 *   - after every session_rebuild(): diffstat_free + diffstat_build;
 *   - width toggle: diff_query(&s->query, &s->prof, w), session_rebuild,
 *     then rebuild the diffstat;
 *   - metric or noise toggle: diffstat_reclassify() (no rebuild);
 *   - colour a node from nodes[id].cls and nodes[id].intensity (red for
 *     > 0, blue for < 0, |intensity| in 0..1 picks the shade); monochrome
 *     marks from diff_class_mark(); legend from diff_legend();
 *   - thread dumps: nodes[id].threads says stuck / progressing / mixed.
 * Nothing here draws or prints. */
#ifndef SCORCH_SRC_DIFFSTAT_H
#define SCORCH_SRC_DIFFSTAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "calltree.h"
#include "query.h"

struct profile;

enum diff_width {
	DIFF_WIDTH_AFTER = 0,  /* sized by AFTER, as flamegraph.pl does */
	DIFF_WIDTH_BEFORE,     /* sized by BEFORE (flamegraph.pl --negate) */
	DIFF_WIDTH_MAX         /* per stack the larger of the two: every stack
	                        * of either profile is visible, gone ones too */
};

enum diff_metric {
	DIFF_BY_SHARE = 0,     /* change of share: after/total_after minus
	                        * before/total_before, in percentage points, so
	                        * a profile twice as long is not all red */
	DIFF_BY_ABSOLUTE       /* after - before, in % of the BEFORE total
	                        * (of the AFTER total when BEFORE is empty) */
};

enum diff_class {
	DIFF_SAME = 0,         /* |metric| below the noise threshold */
	DIFF_GREW,
	DIFF_SHRANK,
	DIFF_NEW,              /* before == 0, after != 0 (whatever the noise) */
	DIFF_GONE              /* after == 0, before != 0 */
};

/* Thread dumps: the threads of AFTER that pass through a node. */
enum diff_threads {
	DIFF_THREADS_NONE = 0, /* no stuck or progressing thread here */
	DIFF_THREADS_STUCK,    /* every AFTER thread here is stuck */
	DIFF_THREADS_PROGRESSING, /* progressing threads, no stuck one */
	DIFF_THREADS_MIXED     /* stuck ones and others */
};

#define DIFF_NOISE_DEFAULT 0.2  /* percent: pp of share, or % of the total */

struct diff_settings {
	enum diff_width width;    /* informational: the tree's query decides */
	enum diff_metric metric;
	double noise;             /* |metric| below this (percent) is SAME */
};

void diff_settings_default(struct diff_settings *s);

/* Sets q's series for width source w on a differential profile: AFTER
 * a = after, b = before; BEFORE a = before, b = after; MAX a = the "max"
 * column, b = before (falls back to AFTER when diff_prepare() was not
 * called). Other query fields are left alone. */
void diff_query(struct query *q, const struct profile *p, enum diff_width w);
/* The width source q uses, or -1 when q is not one of diff_query's. */
int diff_query_width(const struct query *q, const struct profile *p);

/* Per node; index = calltree node id. Values are in the profile's unit. */
struct diff_node {
	double before, after;     /* totals (node and below) */
	double self_before, self_after;
	double delta;             /* after - before */
	double delta_pct;         /* 100 * delta / before; NAN when before == 0 */
	double share_delta;       /* percentage points, see DIFF_BY_SHARE */
	double metric;            /* share_delta or the absolute %, per settings */
	float intensity;          /* metric / legend scale in -1..1; 0 if SAME */
	uint8_t cls;              /* enum diff_class */
	uint8_t threads;          /* enum diff_threads */
	double stuck, progressing;  /* AFTER threads through here (dumps only) */
};

struct diffstat {
	const struct calltree *tree;  /* borrowed; rebuild when it changes */
	struct diff_settings set;
	int width;                /* enum diff_width of the tree's query, -1 other */
	double total_before, total_after;   /* of the tree's root */
	const char *unit;         /* borrowed from the profile */
	struct diff_node *nodes;  /* tree->n entries; owned */
	size_t n;
	double scale;             /* legend: |metric| with full intensity */
	bool has_threads;         /* a diff of two thread dumps */
};

/* Computes d for tree t (of a differential profile) under s. Returns 0,
 * or -1 when t's profile is not differential. Free with diffstat_free. */
int diffstat_build(struct diffstat *d, const struct calltree *t,
	const struct diff_settings *s);
void diffstat_free(struct diffstat *d);
/* Re-applies metric and noise without touching the tree. */
void diffstat_reclassify(struct diffstat *d, enum diff_metric metric,
	double noise);

/* "grew", "shrank", "same", "new", "gone". */
const char *diff_class_name(enum diff_class c);
/* Monochrome mark: "+", "-", "", "++" (new), "--" (gone). */
const char *diff_class_mark(enum diff_class c);
/* "stuck", "progressing", "mixed", "" */
const char *diff_threads_name(enum diff_threads t);

/* What the legend shows: the metric runs from -scale (full blue) through
 * the neutral band [-noise, noise] to +scale (full red). */
struct diff_legend {
	enum diff_metric metric;
	double scale;             /* percent */
	double noise;             /* percent */
	const char *suffix;       /* "pp" (share) or "%" (absolute) */
};

void diff_legend(const struct diffstat *d, struct diff_legend *out);

/* ---- the delta table: one row per function --------------------------- */

struct diff_func {
	uint32_t frame;           /* frame id in the tree's profile */
	double before, after;     /* inclusive; a recursive function counts once */
	double self_before, self_after;
	double delta, delta_pct, share_delta, metric;
	uint8_t cls;              /* enum diff_class, as for nodes */
};

enum diff_sort {
	DIFF_SORT_REGRESSION = 0, /* metric, largest growth first */
	DIFF_SORT_IMPROVEMENT,    /* metric, largest shrinkage first */
	DIFF_SORT_DELTA,          /* |delta|, largest first */
	DIFF_SORT_DELTA_PCT,      /* delta %, largest first; new ones on top */
	DIFF_SORT_BEFORE,
	DIFF_SORT_AFTER,
	DIFF_SORT_NAME
};

struct diff_table {
	struct diff_func *rows;   /* owned */
	size_t n;
};

/* Rows for every function in d's tree, sorted by regression. */
void diff_table_build(struct diff_table *t, const struct diffstat *d);
/* Re-sorts (ties by name, so the order is stable across runs). */
void diff_table_sort(struct diff_table *t, const struct diffstat *d,
	enum diff_sort key);
void diff_table_free(struct diff_table *t);

/* ---- gone and new stacks ---------------------------------------------- */

/* A stack = the path from the root to node; value = its self value in the
 * one profile that has it. Lists are sorted by value, largest first. */
struct diff_stack {
	uint32_t node;
	double value;
};

struct diff_changes {
	struct diff_stack *gone;   /* self only in BEFORE; owned */
	struct diff_stack *added;  /* self only in AFTER; owned */
	size_t n_gone, n_added;
	double total_gone, total_added;
};

void diff_changes_build(struct diff_changes *c, const struct diffstat *d);
void diff_changes_free(struct diff_changes *c);

/* ---- threads of two dumps ---------------------------------------------- */

struct diff_thread {
	const char *cls;          /* "stuck", "progressing", "new", "ended" */
	const char *name;         /* "thread" label, or NULL; borrowed */
	const char *goroutine;    /* "goroutine" label, or NULL */
	const char *state;        /* "state" label of AFTER (BEFORE if ended) */
	int32_t tid;              /* -1 unknown */
	uint32_t stack;           /* profile stack: AFTER's, BEFORE's if ended */
	uint32_t stack_before;    /* UINT32_MAX when the thread is new */
};

/* Every thread once (AFTER's threads, then the ended ones), in record
 * order; stuck first is left to the caller. Returns the count; *out is
 * owned by the caller (free). 0 and NULL for a non-dump diff. */
size_t diff_threads_list(const struct profile *p, struct diff_thread **out);

#endif
