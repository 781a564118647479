/* Small helpers shared by the unit tests: build a profile or a calltree
 * from folded text without touching the file system, and find nodes of
 * a tree by name. */
#ifndef SCORCH_TESTS_UNIT_HELPERS_H
#define SCORCH_TESTS_UNIT_HELPERS_H

#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "calltree.h"
#include "format.h"
#include "input.h"
#include "profile.h"
#include "query.h"
#include "sink.h"

extern const struct format format_folded;

/* Parses folded text into p (initialised here) under po (NULL: the
 * defaults); returns the parse result. */
static inline int
profile_from_folded_with(struct profile *p, const char *text,
	const struct parse_options *po)
{
	struct input in;
	struct sink s;
	struct error err;
	int rc;

	profile_init(p);
	error_clear(&err);
	assert_int_equal(input_from_memory(&in, "test", text, strlen(text), 0, &err), 0);
	sink_init(&s, p, &err, po);
	rc = format_folded.parse(&in, &s, &err);
	sink_free(&s);
	input_close(&in);
	return rc;
}

static inline int
profile_from_folded(struct profile *p, const char *text)
{
	return profile_from_folded_with(p, text, NULL);
}

/* The default tree (children by name) of folded text, which must parse;
 * p is initialised here. Free both. */
static inline struct calltree *
tree_from_folded(struct profile *p, const char *text, bool inverted)
{
	struct query q;

	assert_int_equal(profile_from_folded(p, text), 0);
	query_default(&q, p);
	q.inverted = inverted;
	return calltree_build(p, &q, CALLTREE_BY_NAME);
}

/* The child of parent named name, or CT_NONE. */
static inline uint32_t
tree_child(const struct calltree *t, uint32_t parent, const char *name)
{
	for (uint32_t c = t->nodes[parent].first_child; c != CT_NONE;
	     c = t->nodes[c].next_sibling)
		if (strcmp(calltree_name(t, c), name) == 0)
			return c;
	return CT_NONE;
}

/* The node at a path of names from the root, "a;f;b"; every step must
 * exist. */
static inline uint32_t
tree_at(const struct calltree *t, const char *path)
{
	uint32_t id = CT_ROOT;
	char buf[256], *save = NULL;

	strcpy(buf, path);
	for (char *name = strtok_r(buf, ";", &save); name; name = strtok_r(NULL, ";", &save)) {
		id = tree_child(t, id, name);
		assert_int_not_equal(id, CT_NONE);
	}
	return id;
}

#endif
