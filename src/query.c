#include "config.h"

#include "profile.h"
#include "query.h"

void
query_default(struct query *q, const struct profile *p)
{
	q->type_a = p->default_type;
	q->type_b = -1;
	q->inverted = false;
	if (p->differential && p->n_types >= 2) {
		q->type_a = 1;
		q->type_b = 0;
	}
}
