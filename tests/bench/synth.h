/* What the synthetic benchmarks share: a fixed-seed xorshift generator
 * (every run measures the same profile), a wall clock, and the deep,
 * branchy stacks with C++-ish names that make their trees large. */
#ifndef SCORCH_TESTS_BENCH_SYNTH_H
#define SCORCH_TESTS_BENCH_SYNTH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#include "sink.h"

/* A number below n from the generator whose state is *rng. */
static inline uint32_t
synth_rnd(uint64_t *rng, uint32_t n)
{
	*rng ^= *rng << 13;
	*rng ^= *rng >> 7;
	*rng ^= *rng << 17;
	return (uint32_t)(*rng % n);
}

/* Wall-clock seconds from an arbitrary start. */
static inline double
synth_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Interns the frame named by fmt with a and b (two %u; "%.0u" hides
 * one). With mixed_kinds, names whose b is a multiple of 17 are kernel
 * frames. */
static inline uint32_t
synth_frame(struct sink *sk, const char *fmt, unsigned a, unsigned b, bool mixed_kinds)
{
	char name[96];
	int n = snprintf(name, sizeof name, fmt, a, b);

	return sink_frame(sk, name, (size_t)n,
		mixed_kinds && b % 17 == 0 ? FRAME_KERNEL : FRAME_USER);
}

/* Fills ids (room for 61 frames) with one stack: a worker_thread_N
 * root, then methods named by fmt from their depth and path. Returns
 * its depth. */
static inline unsigned
synth_stack(struct sink *sk, uint64_t *rng, uint32_t *ids, const char *fmt,
	bool mixed_kinds)
{
	unsigned depth = 12 + synth_rnd(rng, 50), path = 0;

	ids[0] = synth_frame(sk, "worker_thread_%u%.0u", synth_rnd(rng, 4), 0, mixed_kinds);
	for (unsigned d = 1; d < depth; d++) {
		/* few choices near the root, more further down */
		unsigned fan = d < 4 ? 3 : d < 10 ? 6 : 12;

		path = path * 31 + synth_rnd(rng, fan) + 1;
		ids[d] = synth_frame(sk, fmt, d, path % 5000, mixed_kinds);
	}
	return depth;
}

#endif
