/* Measures load (read + parse + intern) and calltree build of one input,
 * on one core, and prints throughput. Not a test: numbers for people.
 * usage: bench-load FILE [RUNS] */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>

#include "calltree.h"
#include "load.h"
#include "profile.h"
#include "query.h"

/* CPU time of this process: throughput "on one core", whatever else
 * the machine runs. */
static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static double
wall(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static int
cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

int
main(int argc, char **argv)
{
	struct load_options lo = { 0 };
	struct error err;
	struct stat st;
	struct rusage ru;
	int runs = argc > 2 ? atoi(argv[2]) : 3;
	double best_load = 1e30, best_build = 1e30, best_wall = 1e30, mb;
	double *both;   /* load + build of each run, for the best and the median */
	size_t nodes = 0, stacks = 0;

	if (argc < 2 || stat(argv[1], &st) < 0) {
		fprintf(stderr, "usage: bench-load FILE [RUNS]\n");
		return 2;
	}
	if (runs < 1)
		runs = 1;
	both = calloc((size_t)runs, sizeof *both);
	if (!both)
		return 1;
	mb = (double)st.st_size / (1 << 20);
	for (int r = 0; r < runs; r++) {
		struct profile p;
		struct query q;
		struct calltree *t;
		double t0, t1, t2, w0;

		profile_init(&p);
		w0 = wall();
		t0 = now();
		if (load_profile(&p, argv[1], &lo, &err) < 0) {
			fprintf(stderr, "bench-load: %s: %s\n", argv[1], err.msg);
			return 1;
		}
		t1 = now();
		query_default(&q, &p);
		t = calltree_build(&p, &q, CALLTREE_BY_NAME);
		t2 = now();
		if (wall() - w0 < best_wall)
			best_wall = wall() - w0;
		if (t1 - t0 < best_load)
			best_load = t1 - t0;
		if (t2 - t1 < best_build)
			best_build = t2 - t1;
		both[r] = t2 - t0;
		nodes = t->n;
		stacks = p.n_stacks;
		calltree_free(t);
		profile_free(&p);
	}
	getrusage(RUSAGE_SELF, &ru);
	printf("input            %.1f MB (%s)\n", mb, argv[1]);
	printf("unique stacks    %zu, calltree nodes %zu\n", stacks, nodes);
	printf("load             %.3f s  %.0f MB/s\n", best_load, mb / best_load);
	printf("tree build       %.3f s\n", best_build);
	qsort(both, (size_t)runs, sizeof *both, cmp_double);
	printf("load + build     %.3f s  %.0f MB/s  (CPU time, best of %d runs)\n",
		both[0], mb / both[0], runs);
	printf("  median run     %.3f s  %.0f MB/s\n", both[runs / 2],
		mb / both[runs / 2]);
	printf("wall clock       %.3f s  %.0f MB/s\n", best_wall, mb / best_wall);
	printf("peak RSS         %.0f MB\n", ru.ru_maxrss / 1024.0);
	free(both);
	return 0;
}
