/* The sandwich view of one function F (speedscope's, in a terminal): the
 * merged callers of F above, the merged callees of F below.
 *
 * Every sample of the query's result whose stack holds F (by name, kinds
 * merged as in the top table) is cut at its first, root-most F:
 *   callers  the part from the root down to that F, turned over: a tree
 *            rooted at F whose children are F's direct callers, theirs
 *            their callers, and so on (query.inverted is set in it);
 *   callees  the part from that F down to the leaf: a tree rooted at F.
 * Both trees have the usual synthetic root (node 0) with F as its one
 * child, whose total is F's total (recursion counted once per sample);
 * lay them out with the layout code as any calltree, from node 0 or from
 * F. Cutting at the root-most F keeps recursion out of the callers tree
 * and shows it as F below F in the callees tree.
 *
 * Ownership: a sandwich owns its trees and its copy of the name; the
 * trees borrow the profile. */
#ifndef SCORCH_SRC_SANDWICH_H
#define SCORCH_SRC_SANDWICH_H

#include <stddef.h>
#include <stdint.h>

#include "calltree.h"

struct profile;
struct query;

struct sandwich {
	char *name;                 /* the function; owned */
	size_t name_len;
	struct calltree *callers;   /* owned; inverted, node 1.. = F's callers */
	struct calltree *callees;   /* owned */
	uint32_t callers_f;         /* F's node in callers (CT_NONE: no sample) */
	uint32_t callees_f;         /* F's node in callees */
	double total[2];            /* all instances: samples through F, once each */
	double self[2];             /* all instances: samples ending in F */
};

/* Builds the sandwich of the function named name[0..len) over query q of
 * p (its series and filters; q->inverted does not matter). Trees' children
 * come in the given order. Caller frees with sandwich_free. */
void sandwich_build(struct sandwich *sw, const struct profile *p,
	const struct query *q, const char *name, size_t len,
	enum calltree_order order);
void sandwich_free(struct sandwich *sw);

/* "This instance vs all instances" for node id of a tree (any tree: the
 * flame view's, inverted or not, or a sandwich tree): this = the node's
 * own total and self; all = every node of the same function name in that
 * tree, the total counted once per sample (as in the top table). */
struct sandwich_instance {
	double this_total[2], this_self[2];
	double all_total[2], all_self[2];
	uint32_t instances;         /* nodes of the function in the tree */
};

void sandwich_instance(const struct calltree *t, uint32_t id,
	struct sandwich_instance *out);

#endif
