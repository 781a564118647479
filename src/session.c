#include "config.h"

#include "session.h"
#include "units.h"

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

const char *
session_unit(const struct session *s)
{
	if (s->prof.n_types == 0 || s->query.type_a < 0)
		return UNIT_SAMPLES;
	return profile_type_unit(&s->prof, s->query.type_a);
}
