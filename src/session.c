#include "config.h"

#include "session.h"

void
session_rebuild(struct session *s)
{
	calltree_free(s->tree);
	s->tree = calltree_build(&s->prof, &s->query, s->order);
	s->generation++;
}

void
session_free(struct session *s)
{
	calltree_free(s->tree);
	s->tree = NULL;
	query_free(&s->query);
	profile_free(&s->prof);
}
