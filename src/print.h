/* --print: a deterministic text rendering of a calltree. */
#ifndef SCORCH_SRC_PRINT_H
#define SCORCH_SRC_PRINT_H

#include <stdio.h>

struct calltree;
struct diff_table;
struct diffstat;
struct profile;

struct print_options {
	int width;            /* columns per line; below 72 the self column goes, below 48 the total */
	double min_percent;   /* leave out nodes below this share of the total */
};

/* One line per node, depth first in the tree's sibling order: share of the
 * total, total, self, then the indented (escaped) name, cut to width.
 * Returns 0, or -1 when writing failed. */
int print_tree(FILE *out, const struct calltree *t, const struct print_options *o);

/* --diff --print: the tree of d with before, after, delta, delta % and
 * share change (pp) columns and the class mark (+ grew, - shrank, ++ new,
 * -- gone); narrow widths drop delta %, then before, after, delta. A
 * diff of thread dumps adds stuck and progressing thread counts. */
int print_diff_tree(FILE *out, const struct diffstat *d,
	const struct print_options *o);
/* Gone and new stacks ("# gone stacks ..." then "VALUE  a;b;c"). */
int print_diff_changes(FILE *out, const struct diffstat *d,
	const struct print_options *o);
/* --diff --top: the delta table in its current order. */
int print_diff_table(FILE *out, const struct diffstat *d,
	const struct diff_table *t, const struct print_options *o);
/* Threads of two dumps: stuck, progressing, new, ended. */
int print_diff_threads(FILE *out, const struct profile *p,
	const struct print_options *o);
/* --cold --print: share of the view's total, wall, on-CPU, off-CPU and
 * the node's on-CPU share; narrow widths drop wall, then on %. */
int print_cold_tree(FILE *out, const struct calltree *t,
	const struct print_options *o);

#endif
