/* Everything one run owns: the options, the loaded profile, the query and
 * the calltree built from them. Passed explicitly; never global. */
#ifndef SCORCH_SRC_SESSION_H
#define SCORCH_SRC_SESSION_H

#include <stdint.h>

#include "calltree.h"
#include "options.h"
#include "profile.h"
#include "query.h"

struct session {
	const struct options *opts;   /* borrowed */
	struct profile prof;
	struct query query;
	enum calltree_order order;
	struct calltree *tree;        /* rebuilt when query or order change */
	uint64_t generation;          /* bumped by every session_rebuild, so
	                               * views know their node ids went stale */
};

/* Rebuilds s->tree from s->prof, s->query and s->order. */
void session_rebuild(struct session *s);
/* The unit of the values shown (series a's sample type). */
const char *session_unit(const struct session *s);
/* Frees the tree, the query's filters and the profile. */
void session_free(struct session *s);

#endif
