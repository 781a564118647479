/* A CPU-bound workload for the differential test pair (tests/data/diff-work).
 * Built twice: -DVERSION=1 is "before", -DVERSION=2 is "after":
 *   - checksum() is rewritten: 4x fewer rounds (shrinks);
 *   - encode() does twice the work (grows);
 *   - legacy_pad() exists only before (gone), compress() only after (new);
 *   - parse() is unchanged.
 * Usage: work ITERATIONS */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#ifndef VERSION
#define VERSION 1
#endif

static volatile uint64_t sink;

/* inlined, so that samples land in the functions below */
static inline __attribute__((always_inline)) uint64_t
mix(uint64_t h, uint64_t v)
{
	h ^= v + 0x9e3779b97f4a7c15ULL + (h << 6) + (h >> 2);
	return h * 0xff51afd7ed558ccdULL;
}

static __attribute__((noinline)) uint64_t
parse(uint64_t seed)
{
	uint64_t h = seed;

	for (int i = 0; i < 20000; i++)
		h = mix(h, (uint64_t)i);
	return h;
}

static __attribute__((noinline)) uint64_t
checksum(uint64_t seed)
{
	uint64_t h = seed;
	int rounds = VERSION == 1 ? 40000 : 10000;

	for (int i = 0; i < rounds; i++)
		h = mix(h, h >> 3);
	return h;
}

static __attribute__((noinline)) uint64_t
encode(uint64_t seed)
{
	uint64_t h = seed;
	int rounds = VERSION == 1 ? 15000 : 30000;

	for (int i = 0; i < rounds; i++)
		h = mix(h, (uint64_t)i * 7);
	return h;
}

#if VERSION == 1
static __attribute__((noinline)) uint64_t
legacy_pad(uint64_t seed)
{
	uint64_t h = seed;

	for (int i = 0; i < 10000; i++)
		h = mix(h, 0x20);
	return h;
}
#else
static __attribute__((noinline)) uint64_t
compress(uint64_t seed)
{
	uint64_t h = seed;

	for (int i = 0; i < 8000; i++)
		h = mix(h, h & 0xff);
	return h;
}
#endif

static __attribute__((noinline)) uint64_t
handle(uint64_t seed)
{
	uint64_t h = parse(seed);

	h = checksum(h);
	h = encode(h);
#if VERSION == 1
	h = legacy_pad(h);
#else
	h = compress(h);
#endif
	return h;
}

int
main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2000;
	uint64_t h = 1;

	for (long i = 0; i < n; i++)
		h = handle(h + (uint64_t)i);
	sink = h;
	printf("%llx\n", (unsigned long long)h);
	return 0;
}
