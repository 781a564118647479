#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "filter.h"
#include "hash.h"
#include "labels.h"
#include "profile.h"
#include "query.h"
#include "units.h"
#include "xmalloc.h"

static const char *const field_names[] = {
	[LABEL_FIELD_PID] = "pid",
	[LABEL_FIELD_TID] = "tid",
	[LABEL_FIELD_CPU] = "cpu",
};

void
labels_key_resolve(struct label_key *k, const struct profile *p, const char *name)
{
	k->str = strtab_find(&p->strings, name, strlen(name));
	k->field = LABEL_FIELD_NONE;
	for (int i = LABEL_FIELD_PID; i <= LABEL_FIELD_CPU; i++)
		if (strcmp(name, field_names[i]) == 0)
			k->field = (enum label_field)i;
}

static int32_t
field_of(const struct sample *r, enum label_field field)
{
	switch (field) {
	case LABEL_FIELD_PID: return r->pid;
	case LABEL_FIELD_TID: return r->tid;
	case LABEL_FIELD_CPU: return r->cpu;
	default: return -1;
	}
}

const char *
labels_value(const struct profile *p, const struct sample *r,
	const struct label_key *k, char *buf, size_t size)
{
	if (k->str != UINT32_MAX && r->labelset) {
		const struct labelset *ls = &p->labelsets[r->labelset];
		const struct label *l = p->labels + ls->off;

		for (uint32_t i = 0; i < ls->n; i++) {
			if (l[i].key != k->str)
				continue;
			if (l[i].str)
				return strtab_get(&p->strings, l[i].str);
			return units_format_exact(l[i].num, buf, size);
		}
	}
	if (k->field != LABEL_FIELD_NONE && field_of(r, k->field) >= 0) {
		snprintf(buf, size, "%d", (int)field_of(r, k->field));
		return buf;
	}
	return NULL;
}

static int
key_info_cmp(const void *a, const void *b)
{
	const struct label_key_info *x = a, *y = b;

	return strcmp(x->name, y->name);
}

void
labels_keys(const struct profile *p, struct label_keys *out)
{
	/* count per strtab id of the keys: labels are few, records many */
	size_t *per_set = xcalloc(p->n_labelsets ? p->n_labelsets : 1, sizeof *per_set);
	size_t fields[4] = { 0 };
	struct label_key_info *keys = NULL;
	size_t n = 0, cap = 0;

	for (size_t i = 0; i < p->n_samples; i++) {
		const struct sample *r = &p->samples[i];

		per_set[r->labelset]++;
		for (int f = LABEL_FIELD_PID; f <= LABEL_FIELD_CPU; f++)
			if (field_of(r, (enum label_field)f) >= 0)
				fields[f]++;
	}
	for (size_t s = 1; s < p->n_labelsets; s++) {
		const struct labelset *ls = &p->labelsets[s];

		if (!per_set[s])
			continue;
		for (uint32_t i = 0; i < ls->n; i++) {
			const char *name = strtab_get(&p->strings, p->labels[ls->off + i].key);
			size_t j;

			for (j = 0; j < n && strcmp(keys[j].name, name) != 0; j++)
				;
			if (j == n) {
				keys = xgrow(keys, &cap, n + 1, sizeof *keys);
				keys[n].name = name;
				keys[n++].n_records = 0;
			}
			keys[j].n_records += per_set[s];
		}
	}
	for (int f = LABEL_FIELD_PID; f <= LABEL_FIELD_CPU; f++) {
		size_t j;

		if (!fields[f])
			continue;
		for (j = 0; j < n && strcmp(keys[j].name, field_names[f]) != 0; j++)
			;
		if (j < n)
			continue;   /* a real label of that name wins */
		keys = xgrow(keys, &cap, n + 1, sizeof *keys);
		keys[n].name = field_names[f];
		keys[n++].n_records = fields[f];
	}
	if (n)
		qsort(keys, n, sizeof *keys, key_info_cmp);
	free(per_set);
	out->keys = keys;
	out->n = n;
}

void
labels_keys_free(struct label_keys *k)
{
	free(k->keys);
	k->keys = NULL;
	k->n = 0;
}

/* Distinct values while counting: text offsets into out->text. */
struct value_table {
	uint32_t *slots;     /* index + 1 */
	size_t nslots;
	size_t *offs;
	size_t cap_offs;
};

static size_t
value_slot(struct value_table *vt, struct label_values *out, const char *s)
{
	size_t len = strlen(s), mask = vt->nslots - 1;
	size_t i = hash_bytes(s, len, 7) & mask;

	for (; vt->slots[i]; i = (i + 1) & mask) {
		size_t idx = vt->slots[i] - 1;

		if (strcmp(out->text + vt->offs[idx], s) == 0)
			return idx;
	}
	out->text = xgrow(out->text, &out->text_cap, out->text_len + len + 1, 1);
	memcpy(out->text + out->text_len, s, len + 1);
	vt->offs = xgrow(vt->offs, &vt->cap_offs, out->n + 1, sizeof *vt->offs);
	vt->offs[out->n] = out->text_len;
	out->text_len += len + 1;
	out->values = xrealloc(out->values, (out->n + 1) * sizeof *out->values);
	out->values[out->n] = (struct label_value){ NULL, 0, 0 };
	vt->slots[i] = (uint32_t)++out->n;
	if (out->n * 2 > vt->nslots) {
		size_t nslots = vt->nslots * 2;

		free(vt->slots);
		vt->slots = xcalloc(nslots, sizeof *vt->slots);
		vt->nslots = nslots;
		for (size_t k = 0; k < out->n; k++) {
			const char *t = out->text + vt->offs[k];
			size_t j = hash_bytes(t, strlen(t), 7) & (nslots - 1);

			while (vt->slots[j])
				j = (j + 1) & (nslots - 1);
			vt->slots[j] = (uint32_t)k + 1;
		}
	}
	return out->n - 1;
}

static int
value_cmp(const void *a, const void *b)
{
	const struct label_value *x = a, *y = b;

	if (x->value_a != y->value_a)
		return x->value_a > y->value_a ? -1 : 1;
	return strcmp(x->value, y->value);
}

static bool
tags_on_other_keys(const struct filters *f, const char *key)
{
	for (size_t i = 0; f && i < f->n; i++) {
		const struct filter_entry *e = &f->entries[i];
		size_t klen;

		if (e->kind != FILTER_TAG)
			continue;
		klen = (size_t)(e->tag_value - e->text) - 1;
		if (!(strlen(key) == klen && memcmp(e->text, key, klen) == 0))
			return true;
	}
	return false;
}

void
labels_values(const struct profile *p, const struct query *q, const char *key,
	struct label_values *out)
{
	struct filters *f = q->filters;
	struct value_table vt = { xcalloc(64, sizeof *vt.slots), 64, NULL, 0 };
	struct label_key k;
	size_t nt = p->n_types;
	int ta = q->type_a;
	bool other_tags = tags_on_other_keys(f, key);
	double labelled = 0, recorded_total = 0;
	char buf[64];

	memset(out, 0, sizeof *out);
	if (ta < 0 || (size_t)ta >= nt) {
		free(vt.slots);
		return;
	}
	labels_key_resolve(&k, p, key);
	for (size_t i = 0; i < p->n_samples; i++) {
		const struct sample *r = &p->samples[i];
		double v = p->sample_values[i * nt + (size_t)ta];
		uint32_t depth;
		const char *val;
		size_t idx;

		if (f && !filters_stack(f, p, r->stack, &depth))
			continue;
		if (f && !filters_record_passes(f, p, r, key))
			continue;
		recorded_total += v;
		val = labels_value(p, r, &k, buf, sizeof buf);
		if (!val)
			continue;
		idx = value_slot(&vt, out, val);
		out->values[idx].value_a += v;
		out->values[idx].n_records++;
		labelled += v;
	}
	if (other_tags) {
		out->total = recorded_total;
	} else {
		/* samples without records count in the total, without the key */
		for (size_t s = 0; s < p->n_stacks; s++) {
			uint32_t depth;

			if (f && !filters_stack(f, p, (uint32_t)s, &depth))
				continue;
			out->total += p->stack_values[s * nt + (size_t)ta];
		}
	}
	out->missing = out->total - labelled;
	for (size_t i = 0; i < out->n; i++)
		out->values[i].value = out->text + vt.offs[i];
	if (out->n)
		qsort(out->values, out->n, sizeof *out->values, value_cmp);
	free(vt.slots);
	free(vt.offs);
}

void
labels_values_free(struct label_values *v)
{
	free(v->values);
	free(v->text);
	memset(v, 0, sizeof *v);
}
