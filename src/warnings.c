#include "config.h"

#include <stdio.h>
#include <string.h>

#include "escape.h"
#include "profile.h"
#include "warnings.h"

const char *
warnings_category(uint64_t count, const char *category, char *buf,
	size_t size)
{
	const char *w = category;

	if (count != 1)
		return category;
	while (*w) {
		size_t n = strcspn(w, " ");

		if (n > 3 && strncmp(w + n - 3, "ies", 3) == 0) {
			/* entries -> entry */
			snprintf(buf, size, "%.*sy%s", (int)(w - category + n - 3),
				category, w + n);
			return buf;
		}
		if (n > 2 && w[n - 1] == 's') {
			snprintf(buf, size, "%.*s%s", (int)(w - category + n - 1),
				category, w + n);
			return buf;
		}
		w += n;
		w += strspn(w, " ");
	}
	return category;
}

void
warnings_print(FILE *f, const struct profile *p)
{
	for (size_t i = 0; i < p->n_skips; i++) {
		const struct skip_stat *s = &p->skips[i];
		char excerpt[256], cat[256];
		const char *what = warnings_category(s->count, s->category, cat,
			sizeof cat);

		escape_text(s->first_excerpt, strlen(s->first_excerpt), excerpt,
			sizeof excerpt);
		if (s->first_line > 0)
			fprintf(f, "scorch: warning: %llu %s, first at %s:%ld: %s\n",
				(unsigned long long)s->count, what, p->source,
				s->first_line, excerpt);
		else
			fprintf(f, "scorch: warning: %llu %s in %s%s%s\n",
				(unsigned long long)s->count, what, p->source,
				excerpt[0] ? ", first: " : "", excerpt);
	}
}
