#include "config.h"

#include <string.h>

#include "escape.h"
#include "profile.h"
#include "warnings.h"

void
warnings_print(FILE *f, const struct profile *p)
{
	for (size_t i = 0; i < p->n_skips; i++) {
		const struct skip_stat *s = &p->skips[i];
		char excerpt[256];

		escape_text(s->first_excerpt, strlen(s->first_excerpt), excerpt,
			sizeof excerpt);
		if (s->first_line > 0)
			fprintf(f, "scorch: warning: %llu %s, first at %s:%ld: %s\n",
				(unsigned long long)s->count, s->category, p->source,
				s->first_line, excerpt);
		else
			fprintf(f, "scorch: warning: %llu %s in %s%s%s\n",
				(unsigned long long)s->count, s->category, p->source,
				excerpt[0] ? ", first: " : "", excerpt);
	}
}
