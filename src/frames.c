#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "frames.h"
#include "hash.h"
#include "xmalloc.h"

void
frame_table_init(struct frame_table *t)
{
	memset(t, 0, sizeof *t);
	t->nslots = 1024;
	t->slots = xcalloc(t->nslots, sizeof *t->slots);
	t->slot_hash = xcalloc(t->nslots, sizeof *t->slot_hash);
}

void
frame_table_free(struct frame_table *t)
{
	free(t->frames);
	free(t->slots);
	free(t->slot_hash);
	arena_free(&t->arena);
	memset(t, 0, sizeof *t);
}

static inline uint64_t
frame_hash(const char *name, size_t len, enum frame_kind kind, uint32_t module)
{
	return hash_bytes(name, len, ((uint64_t)module << 8) | (uint64_t)kind);
}

static void
frame_table_rehash(struct frame_table *t)
{
	size_t nslots = t->nslots * 2, mask = nslots - 1;
	uint32_t *slots = xcalloc(nslots, sizeof *slots);
	uint32_t *slot_hash = xcalloc(nslots, sizeof *slot_hash);

	for (size_t id = 0; id < t->n; id++) {
		const struct frame *f = &t->frames[id];
		uint64_t h = frame_hash(f->name, f->name_len, f->kind, f->module);
		size_t i = h & mask;

		while (slots[i])
			i = (i + 1) & mask;
		slots[i] = (uint32_t)id + 1;
		slot_hash[i] = (uint32_t)(h >> 32);
	}
	free(t->slots);
	free(t->slot_hash);
	t->slots = slots;
	t->slot_hash = slot_hash;
	t->nslots = nslots;
}

uint32_t
frame_table_intern(struct frame_table *t, const char *name, size_t len,
	enum frame_kind kind, uint32_t module)
{
	uint64_t h = frame_hash(name, len, kind, module);
	uint32_t tag = (uint32_t)(h >> 32);
	size_t mask = t->nslots - 1;
	size_t i = h & mask;
	struct frame *f;
	uint32_t id;

	for (; t->slots[i]; i = (i + 1) & mask) {
		if (t->slot_hash[i] != tag)
			continue;
		f = &t->frames[t->slots[i] - 1];
		if (f->name_len == len && f->kind == kind && f->module == module &&
		    memcmp(f->name, name, len) == 0)
			return t->slots[i] - 1;
	}
	if (t->n >= FRAME_NONE - 1)
		fatal("too many distinct frames");
	t->frames = xgrow(t->frames, &t->cap, t->n + 1, sizeof *t->frames);
	id = (uint32_t)t->n++;
	f = &t->frames[id];
	memset(f, 0, sizeof *f);
	f->name = arena_strndup(&t->arena, name, len);
	f->name_len = (uint32_t)len;
	f->kind = (uint8_t)kind;
	f->module = module;
	t->slots[i] = id + 1;
	t->slot_hash[i] = tag;
	if (t->n * 2 > t->nslots)
		frame_table_rehash(t);
	return id;
}

const char *
frame_kind_name(enum frame_kind kind)
{
	switch (kind) {
	case FRAME_USER:    return "user";
	case FRAME_KERNEL:  return "kernel";
	case FRAME_JIT:     return "jit";
	case FRAME_INLINED: return "inlined";
	case FRAME_WAKER:   return "waker";
	case FRAME_PROCESS: return "process";
	default:            return "?";
	}
}
