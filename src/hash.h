/* Fast non-cryptographic hashing for the intern tables. */
#ifndef SCORCH_SRC_HASH_H
#define SCORCH_SRC_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t
hash_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdULL;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53ULL;
	h ^= h >> 33;
	return h;
}

/* Reads 8 bytes at a time; good enough spread for short symbol names. */
static inline uint64_t
hash_bytes(const void *data, size_t len, uint64_t seed)
{
	const unsigned char *p = data;
	uint64_t h = seed ^ (len * 0x9e3779b97f4a7c15ULL);
	uint64_t w;

	while (len >= 8) {
		memcpy(&w, p, 8);
		h = (h ^ hash_mix(w)) * 0x9e3779b97f4a7c15ULL;
		p += 8;
		len -= 8;
	}
	w = 0;
	if (len)
		memcpy(&w, p, len);
	h = (h ^ hash_mix(w ^ len)) * 0x9e3779b97f4a7c15ULL;
	return hash_mix(h);
}

static inline uint64_t
hash_u32s(const uint32_t *ids, size_t n, uint64_t seed)
{
	return hash_bytes(ids, n * sizeof *ids, seed);
}

#endif
