/* --print: a deterministic text rendering of a calltree. */
#ifndef SCORCH_SRC_PRINT_H
#define SCORCH_SRC_PRINT_H

#include <stdio.h>

struct calltree;

struct print_options {
	int width;            /* columns per line; below 72 the self column goes, below 48 the total */
	double min_percent;   /* leave out nodes below this share of the total */
};

/* One line per node, depth first in the tree's sibling order: share of the
 * total, total, self, then the indented (escaped) name, cut to width.
 * Returns 0, or -1 when writing failed. */
int print_tree(FILE *out, const struct calltree *t, const struct print_options *o);

#endif
