#include "config.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "escape.h"
#include "hash.h"
#include "pattern.h"
#include "profile.h"
#include "textwidth.h"
#include "top.h"
#include "units.h"
#include "xmalloc.h"

#define NO_ROW UINT32_MAX
#define ROOT_CALLER UINT32_MAX

static const char *const column_names[TOP_COLUMN_COUNT] = {
	[TOP_BY_SELF] = "self",
	[TOP_BY_TOTAL] = "total",
	[TOP_BY_NAME] = "name",
	[TOP_BY_CALLS] = "calls",
};

const char *
top_column_name(enum top_column col)
{
	return col < TOP_COLUMN_COUNT ? column_names[col] : "?";
}

int
top_column_parse(const char *name)
{
	for (int c = 0; c < TOP_COLUMN_COUNT; c++)
		if (strcmp(name, column_names[c]) == 0)
			return c;
	return -1;
}

/* A caller -> callee edge seen in the tree; duplicates are removed after
 * the walk by grouping on the callee (no hash set of pairs). */
struct edge {
	uint32_t callee, caller;
};

struct builder {
	struct top *tp;
	const struct profile *prof;
	uint32_t *row_of;    /* per frame id: row, NO_ROW, or unset (NO_ROW - 1) */
	uint32_t *slots;     /* name -> row + 1 */
	size_t nslots;
	size_t cap;
	struct edge *edges;
	size_t n_edges, cap_edges;
};

#define UNSET (NO_ROW - 1)

static void
rehash_names(struct builder *b)
{
	size_t nslots = b->nslots * 2;

	free(b->slots);
	b->slots = xcalloc(nslots, sizeof *b->slots);
	b->nslots = nslots;
	for (size_t r = 0; r < b->tp->n; r++) {
		const struct top_row *row = &b->tp->rows[r];
		size_t j = hash_bytes(row->name, row->name_len, 3) & (nslots - 1);

		while (b->slots[j])
			j = (j + 1) & (nslots - 1);
		b->slots[j] = (uint32_t)r + 1;
	}
}

/* The row of a frame; frames with the same name share it. */
static uint32_t
row_of(struct builder *b, uint32_t frame)
{
	const struct frame *f;
	struct top *tp = b->tp;
	size_t mask, i;

	if (b->row_of[frame] != UNSET)
		return b->row_of[frame];
	f = profile_frame(b->prof, frame);
	if (f->kind == FRAME_PROCESS)
		return b->row_of[frame] = NO_ROW;
	mask = b->nslots - 1;
	i = hash_bytes(f->name, f->name_len, 3) & mask;
	for (; b->slots[i]; i = (i + 1) & mask) {
		const struct top_row *r = &tp->rows[b->slots[i] - 1];

		if (r->name_len == f->name_len && memcmp(r->name, f->name, f->name_len) == 0)
			return b->row_of[frame] = b->slots[i] - 1;
	}
	tp->rows = xgrow(tp->rows, &b->cap, tp->n + 1, sizeof *tp->rows);
	memset(&tp->rows[tp->n], 0, sizeof *tp->rows);
	tp->rows[tp->n].frame = frame;
	tp->rows[tp->n].name = f->name;
	tp->rows[tp->n].name_len = f->name_len;
	b->slots[i] = (uint32_t)++tp->n;
	if (tp->n * 2 > b->nslots)
		rehash_names(b);
	return b->row_of[frame] = (uint32_t)tp->n - 1;
}

static uint32_t
node_row(struct builder *b, const struct calltree *t, uint32_t id)
{
	if (id == CT_ROOT)
		return NO_ROW;
	return row_of(b, t->nodes[id].frame);
}

static void
add_caller(struct builder *b, uint32_t caller, uint32_t r)
{
	b->edges = xgrow(b->edges, &b->cap_edges, b->n_edges + 1, sizeof *b->edges);
	b->edges[b->n_edges].callee = r;
	b->edges[b->n_edges++].caller = caller == NO_ROW ? ROOT_CALLER : caller;
}

/* calls = distinct callers per callee: a counting sort of the edges by
 * callee, then one stamp per caller row. */
static void
count_callers(struct builder *b)
{
	struct top *tp = b->tp;
	size_t n = tp->n;
	uint32_t *start = xcalloc(n + 1, sizeof *start);
	uint32_t *callers = xmalloc((b->n_edges ? b->n_edges : 1) * sizeof *callers);
	uint32_t *stamp = xmalloc((n + 1) * sizeof *stamp);
	uint32_t *fill;

	for (size_t e = 0; e < b->n_edges; e++)
		start[b->edges[e].callee + 1]++;
	for (size_t r = 0; r < n; r++)
		start[r + 1] += start[r];
	fill = xmalloc((n ? n : 1) * sizeof *fill);
	memcpy(fill, start, n * sizeof *fill);
	for (size_t e = 0; e < b->n_edges; e++)
		callers[fill[b->edges[e].callee]++] = b->edges[e].caller;
	/* stamp[c] = callee + 1 once c was counted for it; the root is row n */
	for (size_t r = 0; r <= n; r++)
		stamp[r] = 0;
	for (size_t r = 0; r < n; r++) {
		for (uint32_t k = start[r]; k < start[r + 1]; k++) {
			uint32_t c = callers[k] == ROOT_CALLER ? (uint32_t)n : callers[k];

			if (stamp[c] != r + 1) {
				stamp[c] = (uint32_t)r + 1;
				tp->rows[r].calls++;
			}
		}
	}
	free(fill);
	free(stamp);
	free(callers);
	free(start);
}

/* What node id adds to its function's row; on_path counts the rows on
 * the way from the root, so recursion adds the total once. */
static void
enter(struct builder *b, const struct calltree *t, uint32_t **on_path,
	size_t *on_cap, uint32_t id)
{
	const struct ct_node *n = &t->nodes[id];
	uint32_t r = node_row(b, t, id);
	struct top_row *row;

	if (r == NO_ROW)
		return;
	if (*on_cap < b->tp->n) {
		size_t old = *on_cap;

		*on_path = xgrow(*on_path, on_cap, b->tp->n, sizeof **on_path);
		memset(*on_path + old, 0, (*on_cap - old) * sizeof **on_path);
	}
	row = &b->tp->rows[r];
	row->nodes++;
	if ((*on_path)[r]++ == 0) {
		row->total[0] += n->total;
		row->total[1] += calltree_total(t, id, 1);
	}
	if (!t->query.inverted) {
		row->self[0] += n->self;
		row->self[1] += calltree_self(t, id, 1);
		add_caller(b, node_row(b, t, n->parent), r);
		return;
	}
	/* inverted: depth 1 holds the leaves, children are the callers */
	if (n->depth == 1) {
		row->self[0] += n->total;
		row->self[1] += calltree_total(t, id, 1);
	}
	for (uint32_t c = n->first_child; c != CT_NONE; c = t->nodes[c].next_sibling)
		add_caller(b, node_row(b, t, c), r);
	if (n->self != 0 || calltree_self(t, id, 1) != 0)
		add_caller(b, NO_ROW, r);
}

static void sort_by_name(const struct top *tp, uint32_t *v, uint32_t *tmp,
	size_t n);

struct top *
top_build(const struct calltree *t)
{
	struct top *tp = xcalloc(1, sizeof *tp);
	struct builder b = { tp, t->prof, NULL, NULL, 1024, 0, NULL, 0, 0 };
	uint32_t *on_path = NULL, id;
	size_t on_cap = 0;

	tp->prof = t->prof;
	tp->type = t->query.type_a;
	tp->total[0] = calltree_total(t, CT_ROOT, 0);
	tp->total[1] = calltree_total(t, CT_ROOT, 1);
	b.row_of = xmalloc((t->prof->frames.n ? t->prof->frames.n : 1) * sizeof *b.row_of);
	for (size_t i = 0; i < t->prof->frames.n; i++)
		b.row_of[i] = UNSET;
	b.slots = xcalloc(b.nslots, sizeof *b.slots);
	id = t->nodes[CT_ROOT].first_child;
	while (id != CT_NONE) {
		enter(&b, t, &on_path, &on_cap, id);
		if (t->nodes[id].first_child != CT_NONE) {
			id = t->nodes[id].first_child;
			continue;
		}
		for (;;) {
			uint32_t r = node_row(&b, t, id);

			if (r != NO_ROW)
				on_path[r]--;
			if (t->nodes[id].next_sibling != CT_NONE) {
				id = t->nodes[id].next_sibling;
				break;
			}
			id = t->nodes[id].parent;
			if (id == CT_ROOT) {
				id = CT_NONE;
				break;
			}
		}
	}
	free(on_path);
	count_callers(&b);
	free(b.edges);
	free(b.row_of);
	free(b.slots);
	tp->view = xmalloc((tp->n ? tp->n : 1) * sizeof *tp->view);
	tp->name_rank = xmalloc((tp->n ? tp->n : 1) * sizeof *tp->name_rank);
	for (size_t r = 0; r < tp->n; r++)
		tp->view[r] = (uint32_t)r;
	sort_by_name(tp, tp->view, tp->name_rank, tp->n);
	for (size_t i = 0; i < tp->n; i++)
		tp->name_rank[tp->view[i]] = (uint32_t)i;
	tp->sort = TOP_BY_SELF;
	top_filter(tp, NULL, false, false, NULL);
	return tp;
}

void
top_free(struct top *tp)
{
	if (!tp)
		return;
	if (tp->pattern && tp->regex)
		regfree(&tp->re);
	free(tp->pattern);
	free(tp->rows);
	free(tp->view);
	free(tp->name_rank);
	free(tp);
}

static int
name_cmp(const struct top_row *a, const struct top_row *b)
{
	size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
	int c = memcmp(a->name, b->name, n);

	if (c)
		return c;
	return a->name_len < b->name_len ? -1 : a->name_len > b->name_len;
}

/* Merge sort of row ids by name, once per table: later sorts break ties
 * by this rank instead of comparing names again. */
static void
sort_by_name(const struct top *tp, uint32_t *v, uint32_t *tmp, size_t n)
{
	size_t mid = n / 2, i = 0, j, k = 0;

	if (n < 2)
		return;
	sort_by_name(tp, v, tmp, mid);
	sort_by_name(tp, v + mid, tmp, n - mid);
	j = mid;
	while (i < mid && j < n)
		tmp[k++] = name_cmp(&tp->rows[v[j]], &tp->rows[v[i]]) < 0 ? v[j++] : v[i++];
	while (i < mid)
		tmp[k++] = v[i++];
	while (j < n)
		tmp[k++] = v[j++];
	memcpy(v, tmp, n * sizeof *v);
}

struct sort_key {
	double k1, k2;       /* heavier first */
	uint32_t rank;       /* then by name */
	uint32_t row;
};

static int
key_cmp(const void *a, const void *b)
{
	const struct sort_key *x = a, *y = b;

	if (x->k1 != y->k1)
		return x->k1 > y->k1 ? -1 : 1;
	if (x->k2 != y->k2)
		return x->k2 > y->k2 ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

void
top_sort(struct top *tp, enum top_column col)
{
	struct sort_key *keys = xmalloc((tp->n_view ? tp->n_view : 1) * sizeof *keys);

	tp->sort = col < TOP_COLUMN_COUNT ? col : TOP_BY_SELF;
	for (size_t i = 0; i < tp->n_view; i++) {
		const struct top_row *r = &tp->rows[tp->view[i]];
		struct sort_key *k = &keys[i];

		k->rank = tp->name_rank[tp->view[i]];
		k->row = tp->view[i];
		switch (tp->sort) {
		case TOP_BY_SELF: k->k1 = r->self[0]; k->k2 = r->total[0]; break;
		case TOP_BY_TOTAL: k->k1 = r->total[0]; k->k2 = r->self[0]; break;
		case TOP_BY_CALLS: k->k1 = r->calls; k->k2 = r->self[0]; break;
		default: k->k1 = k->k2 = 0; break;
		}
	}
	if (tp->n_view)
		qsort(keys, tp->n_view, sizeof *keys, key_cmp);
	for (size_t i = 0; i < tp->n_view; i++)
		tp->view[i] = keys[i].row;
	free(keys);
}

static bool
contains(const char *s, size_t n, const char *pat, size_t m, bool icase)
{
	if (m == 0)
		return true;
	for (size_t i = 0; i + m <= n; i++) {
		size_t j = 0;

		if (icase)
			while (j < m && tolower((unsigned char)s[i + j]) ==
			       tolower((unsigned char)pat[j]))
				j++;
		else
			while (j < m && s[i + j] == pat[j])
				j++;
		if (j == m)
			return true;
	}
	return false;
}

int
top_filter(struct top *tp, const char *pattern, bool regex, bool icase,
	struct error *err)
{
	regex_t re;

	if (pattern && *pattern && regex &&
	    pattern_compile(&re, pattern, icase, err) < 0)
		return -1;
	if (tp->pattern && tp->regex)
		regfree(&tp->re);
	free(tp->pattern);
	tp->pattern = pattern && *pattern ? xstrdup(pattern) : NULL;
	tp->regex = regex && tp->pattern;
	tp->icase = icase;
	if (tp->regex)
		tp->re = re;
	tp->n_view = 0;
	for (size_t r = 0; r < tp->n; r++) {
		const struct top_row *row = &tp->rows[r];
		bool keep = true;

		if (tp->regex)
			keep = regexec(&tp->re, row->name, 0, NULL, 0) == 0;
		else if (tp->pattern)
			keep = contains(row->name, row->name_len, tp->pattern,
				strlen(tp->pattern), icase);
		if (keep)
			tp->view[tp->n_view++] = (uint32_t)r;
	}
	top_sort(tp, tp->sort);
	return 0;
}

size_t
top_find(const struct top *tp, const char *name, size_t len)
{
	for (size_t r = 0; r < tp->n; r++)
		if (tp->rows[r].name_len == len && memcmp(tp->rows[r].name, name, len) == 0)
			return r;
	return SIZE_MAX;
}

/* Writes the escaped name cut to cols cells, "..." when cut. */
static void
put_cut(FILE *out, const char *name, size_t len, size_t cols)
{
	size_t need = escape_text(name, len, NULL, 0), used = 0, i = 0, keep;
	char small[512], *safe = need < sizeof small ? small : xmalloc(need + 1);

	escape_text(name, len, safe, need + 1);
	if (text_width(safe, need) <= cols) {
		fputs(len ? safe : "[empty]", out);
		goto out;
	}
	keep = cols > 3 ? cols - 3 : 0;
	while (i < need) {
		uint32_t cp;
		size_t n = utf8_decode(safe + i, need - i, &cp);
		int w = codepoint_width(cp);

		if (n == 0)
			n = 1;
		if (used + (size_t)w > keep)
			break;
		used += (size_t)w;
		i += n;
	}
	fwrite(safe, 1, i, out);
	fputs(cols >= 3 ? "..." : "", out);
out:
	if (safe != small)
		free(safe);
}

#define COL_VALUE 12
#define COL_PCT   7
#define COL_CALLS 6

int
top_print(FILE *out, const struct top *tp, int width)
{
	const char *unit = tp->type >= 0 && (size_t)tp->type < tp->prof->n_types ?
		profile_type_unit(tp->prof, tp->type) : UNIT_SAMPLES;
	bool values = width >= 72, calls = width >= 50;
	size_t lead = 2 * (COL_PCT + 1) + (values ? 2 * (COL_VALUE + 1) : 0) +
		(calls ? COL_CALLS + 1 : 0) + 1;
	size_t name_cols = (size_t)width > lead + 8 ? (size_t)width - lead : 8;
	char a[64], b[64], c[64], d[64];

	if (values)
		fprintf(out, "%*s %*s %*s %*s", COL_VALUE, "self", COL_PCT, "self%",
			COL_VALUE, "total", COL_PCT, "total%");
	else
		fprintf(out, "%*s %*s", COL_PCT, "self%", COL_PCT, "total%");
	if (calls)
		fprintf(out, " %*s", COL_CALLS, "calls");
	fputs("  function\n", out);
	for (size_t i = 0; i < tp->n_view; i++) {
		const struct top_row *r = &tp->rows[tp->view[i]];

		if (values)
			fprintf(out, "%*s %*s %*s %*s",
				COL_VALUE, units_format_value(r->self[0], unit, a, sizeof a),
				COL_PCT, units_format_percent(r->self[0], tp->total[0], b, sizeof b),
				COL_VALUE, units_format_value(r->total[0], unit, c, sizeof c),
				COL_PCT, units_format_percent(r->total[0], tp->total[0], d, sizeof d));
		else
			fprintf(out, "%*s %*s",
				COL_PCT, units_format_percent(r->self[0], tp->total[0], a, sizeof a),
				COL_PCT, units_format_percent(r->total[0], tp->total[0], b, sizeof b));
		if (calls)
			fprintf(out, " %*u", COL_CALLS, r->calls);
		fputs("  ", out);
		put_cut(out, r->name, r->name_len, name_cols);
		if (fputc('\n', out) == EOF)
			break;
	}
	return fflush(out) != 0 || ferror(out) ? -1 : 0;
}
