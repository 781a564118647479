#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "escape.h"
#include "print.h"
#include "profile.h"
#include "textwidth.h"
#include "units.h"
#include "xmalloc.h"

#define COL_PCT   8
#define COL_VALUE 13

static const char *
format_value(double v, const char *unit, char *buf, size_t size)
{
	if (strcmp(unit, UNIT_SAMPLES) == 0 || strcmp(unit, UNIT_COUNT) == 0)
		return units_format_number(v, buf, size);
	return units_format(v, unit, buf, size);
}

/* Writes at most cols cells of the escaped name, "..." when cut. */
static void
put_name(FILE *out, const char *name, size_t len, size_t cols)
{
	size_t need = escape_text(name, len, NULL, 0);
	char small[512], *safe = need < sizeof small ? small : xmalloc(need + 1);
	size_t w, i = 0, used = 0;

	escape_text(name, len, safe, need + 1);
	w = text_width(safe, need);
	if (w <= cols) {
		fputs(safe, out);
	} else {
		size_t keep = cols > 3 ? cols - 3 : 0;

		while (i < need) {
			uint32_t cp;
			size_t n = utf8_decode(safe + i, need - i, &cp);
			int cw = codepoint_width(cp);

			if (n == 0)
				n = 1;
			if (used + (size_t)cw > keep)
				break;
			used += (size_t)cw;
			i += n;
		}
		fwrite(safe, 1, i, out);
		fputs(cols >= 3 ? "..." : "", out);
	}
	if (safe != small)
		free(safe);
}

int
print_tree(FILE *out, const struct calltree *t, const struct print_options *o)
{
	const struct profile *p = t->prof;
	const char *unit = profile_type_unit(p, t->query.type_a);
	double total = t->nodes[CT_ROOT].total[0];
	int width = o->width < 20 ? 20 : o->width;
	/* narrow outputs drop the self column, then the total column */
	int value_cols = width >= 72 ? 2 : width >= 48 ? 1 : 0;
	size_t name_cols = (size_t)width - COL_PCT - 2 -
		(size_t)value_cols * (COL_VALUE + 1);
	size_t max_levels = name_cols / 4;
	uint32_t *stack = NULL, *kids = NULL;
	size_t n = 0, cap = 0, kcap = 0;
	char a[64], b[64], c[64], head[1024];
	int hlen;

	hlen = snprintf(head, sizeof head, "# %s: %s, %s (%s)",
		p->source ? p->source : "-", p->format ? p->format : "?",
		profile_type_name(p, t->query.type_a),
		units_format(total, unit, a, sizeof a));
	put_name(out, head, hlen < (int)sizeof head ? (size_t)hlen : sizeof head - 1,
		(size_t)width);
	fputc('\n', out);
	fprintf(out, "%*s", COL_PCT, "total%");
	if (value_cols >= 1)
		fprintf(out, " %*s", COL_VALUE, "total");
	if (value_cols >= 2)
		fprintf(out, " %*s", COL_VALUE, "self");
	fputs("  frame\n", out);
	stack = xgrow(stack, &cap, 1, sizeof *stack);
	stack[n++] = CT_ROOT;
	while (n > 0) {
		uint32_t id = stack[--n];
		const struct ct_node *nd = &t->nodes[id];
		size_t k = 0, indent;

		if (total > 0 && 100.0 * nd->total[0] / total < o->min_percent)
			continue;
		fprintf(out, "%*s", COL_PCT,
			units_format_percent(nd->total[0], total, a, sizeof a));
		if (value_cols >= 1)
			fprintf(out, " %*s", COL_VALUE,
				format_value(nd->total[0], unit, b, sizeof b));
		if (value_cols >= 2)
			fprintf(out, " %*s", COL_VALUE,
				format_value(nd->self[0], unit, c, sizeof c));
		fputs("  ", out);
		/* deep stacks: indentation stops growing and says how deep */
		if (nd->depth <= max_levels) {
			indent = nd->depth * 2;
			fprintf(out, "%*s", (int)indent, "");
		} else {
			indent = max_levels * 2;
			fprintf(out, "%*s", (int)indent - 1, "");
			indent += (size_t)fprintf(out, "[%u] ", nd->depth) - 1;
		}
		put_name(out, calltree_name(t, id), calltree_name_len(t, id),
			name_cols > indent ? name_cols - indent : 1);
		if (fputc('\n', out) == EOF)
			break;
		for (uint32_t ch = nd->first_child; ch != CT_NONE; ch = t->nodes[ch].next_sibling) {
			kids = xgrow(kids, &kcap, k + 1, sizeof *kids);
			kids[k++] = ch;
		}
		stack = xgrow(stack, &cap, n + k, sizeof *stack);
		while (k > 0)
			stack[n++] = kids[--k];
	}
	free(stack);
	free(kids);
	return fflush(out) != 0 || ferror(out) ? -1 : 0;
}
