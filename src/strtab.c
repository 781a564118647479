#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "strtab.h"
#include "xmalloc.h"

void
strtab_init(struct strtab *t)
{
	memset(t, 0, sizeof *t);
	t->nslots = 64;
	t->slots = xcalloc(t->nslots, sizeof *t->slots);
	strtab_intern(t, "", 0);
}

void
strtab_free(struct strtab *t)
{
	free(t->strs);
	free(t->lens);
	free(t->slots);
	arena_free(&t->arena);
	memset(t, 0, sizeof *t);
}

static void
strtab_rehash(struct strtab *t)
{
	size_t nslots = t->nslots * 2, mask = nslots - 1;
	uint32_t *slots = xcalloc(nslots, sizeof *slots);

	for (size_t id = 0; id < t->n; id++) {
		size_t i = hash_bytes(t->strs[id], t->lens[id], 0) & mask;

		while (slots[i])
			i = (i + 1) & mask;
		slots[i] = (uint32_t)id + 1;
	}
	free(t->slots);
	t->slots = slots;
	t->nslots = nslots;
}

uint32_t
strtab_find(const struct strtab *t, const char *s, size_t len)
{
	size_t mask = t->nslots - 1;
	size_t i = hash_bytes(s, len, 0) & mask;

	for (; t->slots[i]; i = (i + 1) & mask) {
		uint32_t id = t->slots[i] - 1;

		if (t->lens[id] == len && memcmp(t->strs[id], s, len) == 0)
			return id;
	}
	return UINT32_MAX;
}

uint32_t
strtab_intern(struct strtab *t, const char *s, size_t len)
{
	size_t mask = t->nslots - 1;
	size_t i = hash_bytes(s, len, 0) & mask;
	uint32_t id;

	for (; t->slots[i]; i = (i + 1) & mask) {
		id = t->slots[i] - 1;
		if (t->lens[id] == len && memcmp(t->strs[id], s, len) == 0)
			return id;
	}
	if (t->n >= UINT32_MAX - 1)
		fatal("too many distinct strings");
	id = (uint32_t)t->n;
	if (t->n == t->cap) {
		size_t cap = t->cap;

		t->strs = xgrow(t->strs, &cap, t->n + 1, sizeof *t->strs);
		t->lens = xgrow(t->lens, &t->cap, t->n + 1, sizeof *t->lens);
	}
	t->strs[id] = arena_strndup(&t->arena, s, len);
	t->lens[id] = (uint32_t)len;
	t->n++;
	t->slots[i] = id + 1;
	if (t->n * 2 > t->nslots)
		strtab_rehash(t);
	return id;
}
