/* Labels of the per-sample records, as the filters, grouping, the label
 * picker and the info screen see them: the parser's labels (string or
 * numeric) plus the record fields pid, tid and cpu as pseudo-labels when
 * no real label has that key. Numeric values read as their shortest exact
 * decimal ("4096"), without the unit. */
#ifndef SCORCH_SRC_LABELS_H
#define SCORCH_SRC_LABELS_H

#include <stddef.h>
#include <stdint.h>

struct profile;
struct query;
struct sample;

enum label_field {
	LABEL_FIELD_NONE = 0,   /* a real label only */
	LABEL_FIELD_PID,
	LABEL_FIELD_TID,
	LABEL_FIELD_CPU
};

/* A key resolved against one profile. */
struct label_key {
	uint32_t str;            /* strtab id of the key, UINT32_MAX when no label has it */
	enum label_field field;  /* record field used when the record has no such label */
};

void labels_key_resolve(struct label_key *k, const struct profile *p,
	const char *name);
/* The value of k in record r: a string borrowed from the profile, or
 * written into buf (numbers); NULL when r has no such value. */
const char *labels_value(const struct profile *p, const struct sample *r,
	const struct label_key *k, char *buf, size_t size);

struct label_key_info {
	const char *name;        /* borrowed from the profile (or static) */
	size_t n_records;        /* records that carry it */
};

struct label_keys {
	struct label_key_info *keys;   /* sorted by name; owned */
	size_t n;
};

/* Every key of p's records, pid/tid/cpu included when present. Caller
 * frees with labels_keys_free. Cost: one pass over the records. */
void labels_keys(const struct profile *p, struct label_keys *out);
void labels_keys_free(struct label_keys *k);

struct label_value {
	const char *value;       /* owned by the label_values */
	double value_a;          /* summed series-a value of its samples */
	size_t n_records;
};

struct label_values {
	struct label_value *values;  /* heaviest first, then by value text; owned */
	size_t n;
	double total;            /* series-a total the shares are of */
	double missing;          /* part of total without the key */
	/* private */
	char *text;
	size_t text_len, text_cap;
};

/* The values of key among the samples of query q (its type_a, its frame
 * filters and its tag filters on other keys: the alternatives of this
 * key stay visible), with their summed values: share = value_a / total.
 * q->filters may be NULL. Caller frees with labels_values_free. */
void labels_values(const struct profile *p, const struct query *q,
	const char *key, struct label_values *out);
void labels_values_free(struct label_values *v);

#endif
