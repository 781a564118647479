/* Test helper: prints a profile's samples as folded stacks with their
 * string labels as root frames, the convention of the corpus's
 * *.expected.labels.folded oracles: every string label key seen in the
 * profile, sorted, as "key=value" ("key=?" when a sample lacks it), then
 * the stack. With --num, numeric labels are added as "key=N unit".
 *
 *   pprof-labels [--num] [--sample-type=NAME] FILE
 *
 * Samples without labels are not kept as records; they are what remains
 * of each stack's total once its labelled records are subtracted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "load.h"
#include "profile.h"
#include "xmalloc.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void
print_stack(const struct profile *p, uint32_t stack, double v)
{
	const uint32_t *ids = profile_stack_frames(p, stack);

	for (uint32_t i = 0; i < p->stacks[stack].depth; i++)
		printf("%s%s", i ? ";" : "", profile_frame(p, ids[i])->name);
	printf(" %.0f\n", v);
}

int
main(int argc, char **argv)
{
	struct load_options lo;
	struct profile p;
	struct error err;
	const char *path = NULL, **keys = NULL;
	size_t n_keys = 0, cap_keys = 0;
	bool num = false;
	double *rest;
	int type;

	memset(&lo, 0, sizeof lo);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--num") == 0)
			num = true;
		else if (strncmp(argv[i], "--sample-type=", 14) == 0)
			lo.parse.sample_type = argv[i] + 14;
		else
			path = argv[i];
	}
	if (!path) {
		fprintf(stderr, "usage: pprof-labels [--num] [--sample-type=NAME] FILE\n");
		return 2;
	}
	profile_init(&p);
	if (load_profile(&p, path, &lo, &err) < 0) {
		char buf[1024];

		fprintf(stderr, "pprof-labels: %s\n", error_format(&err, buf, sizeof buf));
		return 1;
	}
	type = lo.parse.sample_type ? profile_find_type(&p, lo.parse.sample_type) :
		p.default_type;
	if (type < 0) {
		fprintf(stderr, "pprof-labels: no sample type %s\n", lo.parse.sample_type);
		return 1;
	}
	for (size_t i = 0; i < p.n_labels; i++) {
		const char *k = strtab_get(&p.strings, p.labels[i].key);
		size_t j;

		if (!p.labels[i].str && !num)
			continue;
		for (j = 0; j < n_keys && strcmp(keys[j], k) != 0; j++)
			;
		if (j == n_keys) {
			keys = xgrow(keys, &cap_keys, n_keys + 1, sizeof *keys);
			keys[n_keys++] = k;
		}
	}
	qsort(keys, n_keys, sizeof *keys, cmp_str);
	rest = xcalloc(p.n_stacks + 1, sizeof *rest);
	for (size_t s = 0; s < p.n_stacks; s++)
		rest[s] = p.stack_values[s * p.n_types + (size_t)type];
	for (size_t r = 0; r < p.n_samples; r++) {
		const struct sample *sm = &p.samples[r];
		const struct labelset *ls = &p.labelsets[sm->labelset];
		double v = p.sample_values[r * p.n_types + (size_t)type];

		rest[sm->stack] -= v;
		if (v == 0)
			continue;
		for (size_t k = 0; k < n_keys; k++) {
			const char *val = "?";
			char nbuf[96];

			for (uint32_t j = 0; j < ls->n; j++) {
				const struct label *l = &p.labels[ls->off + j];

				if (strcmp(strtab_get(&p.strings, l->key), keys[k]) != 0)
					continue;
				if (l->str) {
					val = strtab_get(&p.strings, l->str);
				} else if (num) {
					snprintf(nbuf, sizeof nbuf, "%.0f%s%s", l->num,
						l->unit ? " " : "", strtab_get(&p.strings, l->unit));
					val = nbuf;
				}
				break;
			}
			printf("%s=%s;", keys[k], val);
		}
		print_stack(&p, sm->stack, v);
	}
	for (size_t s = 0; s < p.n_stacks; s++) {
		if (rest[s] == 0)
			continue;
		for (size_t k = 0; k < n_keys; k++)
			printf("%s=?;", keys[k]);
		print_stack(&p, (uint32_t)s, rest[s]);
	}
	free(rest);
	free(keys);
	profile_free(&p);
	return 0;
}
