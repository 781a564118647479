#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "profile.h"
#include "xmalloc.h"

void
profile_init(struct profile *p)
{
	memset(p, 0, sizeof *p);
	strtab_init(&p->strings);
	frame_table_init(&p->frames);
	/* never NULL, so that a profile of empty stacks still has a base */
	p->stack_ids = xgrow(p->stack_ids, &p->cap_stack_ids, 16, sizeof *p->stack_ids);
	p->n_stack_slots = 1024;
	p->stack_slots = xcalloc(p->n_stack_slots, sizeof *p->stack_slots);
	p->stack_slot_tags = xcalloc(p->n_stack_slots, sizeof *p->stack_slot_tags);
	p->n_labelset_slots = 64;
	p->labelset_slots = xcalloc(p->n_labelset_slots, sizeof *p->labelset_slots);
	/* labelset 0 is the empty set */
	p->labelsets = xgrow(p->labelsets, &p->cap_labelsets, 1, sizeof *p->labelsets);
	p->labelsets[0].off = 0;
	p->labelsets[0].n = 0;
	p->n_labelsets = 1;
}

void
profile_free(struct profile *p)
{
	strtab_free(&p->strings);
	frame_table_free(&p->frames);
	free(p->stack_ids);
	free(p->stacks);
	free(p->stack_values);
	free(p->stack_slots);
	free(p->stack_slot_tags);
	free(p->samples);
	free(p->sample_values);
	free(p->labels);
	free(p->labelsets);
	free(p->labelset_slots);
	free(p->format);
	free(p->source);
	for (size_t i = 0; i < p->n_skips; i++) {
		free(p->skips[i].category);
		free(p->skips[i].first_excerpt);
	}
	free(p->skips);
	for (size_t i = 0; i < p->n_info; i++) {
		free(p->info[i].key);
		free(p->info[i].value);
	}
	free(p->info);
	memset(p, 0, sizeof *p);
}

/* Re-lays a row-major value array from old_n to old_n + 1 columns. */
static double *
widen_values(double *values, size_t rows, size_t old_n)
{
	double *out;

	if (rows == 0) {
		free(values);
		return NULL;
	}
	out = xcalloc(rows, (old_n + 1) * sizeof *out);
	for (size_t r = 0; r < rows; r++)
		memcpy(out + r * (old_n + 1), values + r * old_n, old_n * sizeof *out);
	free(values);
	return out;
}

int
profile_find_type(const struct profile *p, const char *name)
{
	for (size_t i = 0; i < p->n_types; i++)
		if (strcmp(profile_type_name(p, (int)i), name) == 0)
			return (int)i;
	return -1;
}

int
profile_add_type(struct profile *p, const char *name, const char *unit)
{
	int found = profile_find_type(p, name);

	if (found >= 0)
		return found;
	if (p->n_types >= PROFILE_MAX_TYPES)
		return -1;
	if (p->n_types > 0) {
		p->stack_values = widen_values(p->stack_values, p->n_stacks, p->n_types);
		p->sample_values = widen_values(p->sample_values, p->n_samples, p->n_types);
		/* the value arrays now hold exactly n rows: shrink the recorded
		 * capacities so that the next append grows both arrays together */
		p->cap_stacks = p->n_stacks;
		p->cap_samples = p->n_samples;
	}
	p->types[p->n_types].name = strtab_intern(&p->strings, name, strlen(name));
	p->types[p->n_types].unit = strtab_intern(&p->strings, unit, strlen(unit));
	return (int)p->n_types++;
}

static void
stack_rehash(struct profile *p)
{
	size_t nslots = p->n_stack_slots * 2, mask = nslots - 1;
	uint32_t *slots = xcalloc(nslots, sizeof *slots);
	uint32_t *tags = xmalloc(nslots * sizeof *tags);

	for (size_t id = 0; id < p->n_stacks; id++) {
		const struct stack *s = &p->stacks[id];
		uint64_t h = hash_u32s(p->stack_ids + s->off, s->depth, 0);
		size_t i = h & mask;

		while (slots[i])
			i = (i + 1) & mask;
		slots[i] = (uint32_t)id + 1;
		tags[i] = (uint32_t)(h >> 32);
	}
	free(p->stack_slots);
	free(p->stack_slot_tags);
	p->stack_slots = slots;
	p->stack_slot_tags = tags;
	p->n_stack_slots = nslots;
}

/* Finds or creates the stack; returns its id. */
static uint32_t
stack_intern(struct profile *p, const uint32_t *ids, size_t depth)
{
	size_t mask = p->n_stack_slots - 1;
	uint64_t h = hash_u32s(ids, depth, 0);
	uint32_t tag = (uint32_t)(h >> 32);
	size_t i = h & mask;
	size_t bytes = depth * sizeof *ids;
	uint32_t id;

	for (; p->stack_slots[i]; i = (i + 1) & mask) {
		const struct stack *s;

		if (p->stack_slot_tags[i] != tag)
			continue;
		s = &p->stacks[p->stack_slots[i] - 1];
		if (s->depth == depth &&
		    (bytes == 0 || memcmp(p->stack_ids + s->off, ids, bytes) == 0))
			return p->stack_slots[i] - 1;
	}
	if (p->n_stacks >= UINT32_MAX - 1 || p->n_stack_ids + depth >= UINT32_MAX)
		fatal("too many distinct stacks");
	id = (uint32_t)p->n_stacks;
	if (p->n_stacks == p->cap_stacks) {
		size_t cap = p->cap_stacks;

		p->stacks = xgrow(p->stacks, &cap, p->n_stacks + 1, sizeof *p->stacks);
		p->stack_values = xrealloc(p->stack_values,
			cap * (p->n_types ? p->n_types : 1) * sizeof *p->stack_values);
		p->cap_stacks = cap;
	}
	p->stack_ids = xgrow(p->stack_ids, &p->cap_stack_ids,
		p->n_stack_ids + depth, sizeof *p->stack_ids);
	if (bytes)
		memcpy(p->stack_ids + p->n_stack_ids, ids, bytes);
	p->stacks[id].off = (uint32_t)p->n_stack_ids;
	p->stacks[id].depth = (uint32_t)depth;
	p->n_stack_ids += depth;
	memset(p->stack_values + (size_t)id * p->n_types, 0,
		p->n_types * sizeof *p->stack_values);
	p->n_stacks++;
	p->stack_slots[i] = id + 1;
	p->stack_slot_tags[i] = tag;
	if (p->n_stacks * 2 > p->n_stack_slots)
		stack_rehash(p);
	return id;
}

uint32_t
profile_add_stack(struct profile *p, const uint32_t *ids, size_t depth,
	const double *values)
{
	uint32_t id = stack_intern(p, ids, depth);
	double *row = p->stack_values + (size_t)id * p->n_types;

	for (size_t t = 0; t < p->n_types; t++)
		row[t] += values[t];
	return id;
}

uint32_t
profile_add_stack_value(struct profile *p, const uint32_t *ids, size_t depth,
	int type, double value)
{
	uint32_t id = stack_intern(p, ids, depth);

	p->stack_values[(size_t)id * p->n_types + (size_t)type] += value;
	return id;
}

static int
label_cmp(const void *a, const void *b)
{
	const struct label *x = a, *y = b;

	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	if (x->str != y->str)
		return x->str < y->str ? -1 : 1;
	if (x->num != y->num)
		return x->num < y->num ? -1 : 1;
	return x->unit < y->unit ? -1 : x->unit > y->unit;
}

static uint64_t
labels_hash(const struct label *l, size_t n)
{
	uint64_t h = n;

	for (size_t i = 0; i < n; i++) {
		h = hash_mix(h ^ l[i].key) + l[i].str;
		h = hash_mix(h ^ hash_bytes(&l[i].num, sizeof l[i].num, l[i].unit));
	}
	return h;
}

static void
labelset_rehash(struct profile *p)
{
	size_t nslots = p->n_labelset_slots * 2, mask = nslots - 1;
	uint32_t *slots = xcalloc(nslots, sizeof *slots);

	for (size_t id = 1; id < p->n_labelsets; id++) {
		const struct labelset *ls = &p->labelsets[id];
		size_t i = labels_hash(p->labels + ls->off, ls->n) & mask;

		while (slots[i])
			i = (i + 1) & mask;
		slots[i] = (uint32_t)id;
	}
	free(p->labelset_slots);
	p->labelset_slots = slots;
	p->n_labelset_slots = nslots;
}

uint32_t
profile_labelset(struct profile *p, const struct label *labels, size_t n)
{
	struct label *sorted;
	size_t mask, i;
	uint32_t id;

	if (n == 0)
		return 0;
	/* sort a copy at the end of the label array; keep it if new */
	p->labels = xgrow(p->labels, &p->cap_labels, p->n_labels + n, sizeof *p->labels);
	sorted = p->labels + p->n_labels;
	memcpy(sorted, labels, n * sizeof *labels);
	qsort(sorted, n, sizeof *sorted, label_cmp);
	mask = p->n_labelset_slots - 1;
	i = labels_hash(sorted, n) & mask;
	for (; p->labelset_slots[i]; i = (i + 1) & mask) {
		const struct labelset *ls = &p->labelsets[p->labelset_slots[i]];

		if (ls->n == n && memcmp(p->labels + ls->off, sorted, n * sizeof *sorted) == 0)
			return p->labelset_slots[i];
	}
	p->labelsets = xgrow(p->labelsets, &p->cap_labelsets, p->n_labelsets + 1,
		sizeof *p->labelsets);
	id = (uint32_t)p->n_labelsets++;
	p->labelsets[id].off = (uint32_t)p->n_labels;
	p->labelsets[id].n = (uint32_t)n;
	p->n_labels += n;
	p->labelset_slots[i] = id;
	if (p->n_labelsets * 2 > p->n_labelset_slots)
		labelset_rehash(p);
	return id;
}

double
profile_total(const struct profile *p, int type)
{
	double sum = 0;

	if (type < 0 || (size_t)type >= p->n_types)
		return 0;
	for (size_t i = 0; i < p->n_stacks; i++)
		sum += p->stack_values[i * p->n_types + (size_t)type];
	return sum;
}

void
profile_add_skip(struct profile *p, const char *category, long line,
	const char *text, size_t len)
{
	struct skip_stat *s;
	size_t i;

	for (i = 0; i < p->n_skips; i++)
		if (strcmp(p->skips[i].category, category) == 0)
			break;
	if (i == p->n_skips) {
		p->skips = xrealloc(p->skips, (p->n_skips + 1) * sizeof *p->skips);
		s = &p->skips[p->n_skips++];
		memset(s, 0, sizeof *s);
		s->category = xstrdup(category);
	}
	s = &p->skips[i];
	if (s->count++ == 0) {
		/* an excerpt, not the whole line: lines may be megabytes long */
		if (len > PROFILE_EXCERPT_MAX)
			len = PROFILE_EXCERPT_MAX;
		while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == '\r'))
			len--;
		s->first_line = line;
		s->first_excerpt = xstrndup(text ? text : "", text ? len : 0);
	}
}

uint64_t
profile_skipped(const struct profile *p)
{
	uint64_t n = 0;

	for (size_t i = 0; i < p->n_skips; i++)
		n += p->skips[i].count;
	return n;
}

void
profile_add_info(struct profile *p, const char *key, const char *value)
{
	/* facts repeat when files are concatenated (a header per run):
	 * keep one of each, and only so many in all */
	for (size_t i = 0; i < p->n_info; i++)
		if (strcmp(p->info[i].key, key) == 0 &&
		    strcmp(p->info[i].value, value) == 0)
			return;
	if (p->n_info > PROFILE_MAX_INFO)
		return;
	if (p->n_info == PROFILE_MAX_INFO) {
		key = "note";
		value = "more facts in the input, not kept";
	}
	/* capacity doubles at powers of two: no realloc per entry */
	if (p->n_info == 0 || (p->n_info & (p->n_info - 1)) == 0)
		p->info = xrealloc(p->info, (p->n_info ? 2 * p->n_info : 1) *
			sizeof *p->info);
	p->info[p->n_info].key = xstrdup(key);
	p->info[p->n_info].value = xstrdup(value);
	p->n_info++;
}

const char *
profile_info(const struct profile *p, const char *key)
{
	for (size_t i = 0; i < p->n_info; i++)
		if (strcmp(p->info[i].key, key) == 0)
			return p->info[i].value;
	return NULL;
}
