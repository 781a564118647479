/* Writes a large, realistic folded profile to stdout: a synthetic program
 * of many functions whose call tree is walked depth first, so that lines
 * share prefixes as stackcollapse output does. Deterministic for a seed.
 * usage: gen-folded MEGABYTES [SEED] */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define NFUNCS 60000
#define MAXDEPTH 96

static uint64_t rng_state;

static uint64_t
rng(void)
{
	rng_state ^= rng_state << 13;
	rng_state ^= rng_state >> 7;
	rng_state ^= rng_state << 17;
	return rng_state;
}

static char *names[NFUNCS];

static const char *const parts[] = {
	"parse", "emit", "alloc", "hash", "lookup", "insert", "visit", "lower",
	"expand", "fold", "walk", "scan", "read", "write", "flush", "encode",
	"decode", "compress", "match", "resolve", "build", "merge", "sort", "copy",
};
static const char *const spaces[] = {
	"", "", "std::", "llvm::", "gcc::tree_", "net::http::", "java/util/",
	"runtime.", "core::ptr::", "[kernel] ",
};

static void
make_names(void)
{
	for (int i = 0; i < NFUNCS; i++) {
		char buf[160];
		const char *ns = spaces[rng() % 10];
		const char *a = parts[rng() % 24], *b = parts[rng() % 24];
		int kernel = ns[0] == '[';

		if (kernel)
			snprintf(buf, sizeof buf, "%s_%s_%d_[k]", a, b, i);
		else if (rng() % 4 == 0)
			snprintf(buf, sizeof buf, "%s%s_%s<unsigned long, std::pair<int, %d>>(void*)",
				ns, a, b, i);
		else
			snprintf(buf, sizeof buf, "%s%s_%s_%d", ns, a, b, i);
		names[i] = strdup(buf);
	}
}

static size_t written, target;
static int path[MAXDEPTH];

static void
emit(int depth)
{
	char line[MAXDEPTH * 160 + 32];
	size_t n = 0;

	for (int i = 0; i < depth; i++) {
		size_t l = strlen(names[path[i]]);

		if (i)
			line[n++] = ';';
		memcpy(line + n, names[path[i]], l);
		n += l;
	}
	n += (size_t)sprintf(line + n, " %llu\n", (unsigned long long)(1 + rng() % 50));
	fwrite(line, 1, n, stdout);
	written += n;
}

/* A node emits its own samples sometimes, then 1..6 children; fan-out
 * shrinks with depth so that stacks are 10..80 frames deep. */
static void
walk(int depth)
{
	int kids;

	if (written >= target)
		return;
	if (depth >= 8 && (rng() % 3 == 0 || depth >= MAXDEPTH - 1)) {
		emit(depth);
		if (depth >= 12 && rng() % 4)
			return;
	}
	kids = depth < 3 ? 4 : depth < 20 ? 1 + (int)(rng() % 2) : (int)(rng() % 3);
	if (depth >= MAXDEPTH - 1)
		kids = 0;
	if (kids == 0 && depth >= 8)
		return;
	if (kids == 0)
		kids = 1;
	for (int k = 0; k < kids && written < target; k++) {
		path[depth] = (int)(rng() % NFUNCS);
		walk(depth + 1);
	}
}

int
main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: gen-folded MEGABYTES [SEED]\n");
		return 2;
	}
	target = (size_t)atol(argv[1]) << 20;
	rng_state = argc > 2 ? strtoull(argv[2], NULL, 10) : 88172645463325252ULL;
	if (!rng_state)
		rng_state = 1;
	make_names();
	while (written < target)
		walk(0);
	return 0;
}
