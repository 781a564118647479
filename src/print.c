#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "diffstat.h"
#include "escape.h"
#include "hotcold.h"
#include "print.h"
#include "profile.h"
#include "textwidth.h"
#include "units.h"
#include "xmalloc.h"

#define COL_PCT   8
#define COL_VALUE 13

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

/* Indentation of a row; past max_levels it stops growing and says how
 * deep ("[123] ") when that fits in cols. Returns the columns used. */
static size_t
put_indent(FILE *out, uint32_t depth, size_t max_levels, size_t cols)
{
	char mark[32];
	int n;

	if (depth <= max_levels) {
		fprintf(out, "%*s", (int)(depth * 2), "");
		return depth * 2;
	}
	n = snprintf(mark, sizeof mark, "[%u] ", depth);
	if (max_levels > 0 && max_levels * 2 - 1 + (size_t)n < cols) {
		fprintf(out, "%*s%s", (int)(max_levels * 2 - 1), "", mark);
		return max_levels * 2 - 1 + (size_t)n;
	}
	fprintf(out, "%*s", (int)(max_levels * 2), "");
	return max_levels * 2;
}

/* The end of a tree row: indentation, the name in what is left of
 * name_cols, newline. -1 when the output fails. */
static int
put_row_name(FILE *out, const struct calltree *t, uint32_t id, uint32_t depth,
	size_t max_levels, size_t name_cols)
{
	size_t indent = put_indent(out, depth, max_levels, name_cols);

	put_name(out, calltree_name(t, id), calltree_name_len(t, id),
		name_cols > indent ? name_cols - indent : 1);
	return fputc('\n', out) == EOF ? -1 : 0;
}

int
print_tree(FILE *out, const struct calltree *t, const struct print_options *o)
{
	const struct profile *p = t->prof;
	const char *unit = profile_type_unit(p, t->query.type_a);
	double total = t->nodes[CT_ROOT].total;
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
		size_t k = 0;

		if (total > 0 && 100.0 * nd->total / total < o->min_percent)
			continue;
		fprintf(out, "%*s", COL_PCT,
			units_format_percent(nd->total, total, a, sizeof a));
		if (value_cols >= 1)
			fprintf(out, " %*s", COL_VALUE,
				units_format_value(nd->total, unit, b, sizeof b));
		if (value_cols >= 2)
			fprintf(out, " %*s", COL_VALUE,
				units_format_value(nd->self, unit, c, sizeof c));
		fputs("  ", out);
		if (put_row_name(out, t, id, nd->depth, max_levels, name_cols) < 0)
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

/* ---- two series: diff and hot/cold ------------------------------------ */

#define COL_DVAL   11
#define COL_DPCT   8
#define COL_SHARE  7
#define COL_COUNT  5

/* Depth-first walk in sibling order: pushes id's children so that the
 * first child comes out next. */
struct walk {
	uint32_t *stack, *kids;
	size_t n, cap, kcap;
};

static void
walk_children(struct walk *w, const struct calltree *t, uint32_t id)
{
	size_t k = 0;

	for (uint32_t ch = t->nodes[id].first_child; ch != CT_NONE;
	     ch = t->nodes[ch].next_sibling) {
		w->kids = xgrow(w->kids, &w->kcap, k + 1, sizeof *w->kids);
		w->kids[k++] = ch;
	}
	w->stack = xgrow(w->stack, &w->cap, w->n + k + 1, sizeof *w->stack);
	while (k > 0)
		w->stack[w->n++] = w->kids[--k];
}

static void
walk_free(struct walk *w)
{
	free(w->stack);
	free(w->kids);
}

/* "+1,204", "-3.10 ms", "0". */
static const char *
format_signed(double v, const char *unit, char *buf, size_t size)
{
	char tmp[48];

	if (v == 0) {
		snprintf(buf, size, "0");
		return buf;
	}
	units_format_value(fabs(v), unit, tmp, sizeof tmp);
	snprintf(buf, size, "%c%.*s", v > 0 ? '+' : '-', (int)sizeof tmp, tmp);
	return buf;
}

/* Delta %: "+23.1%", "-5.00%", "new", "" when both are 0. */
static const char *
format_delta_pct(double pct, double before, double after, char *buf, size_t size)
{
	if (isnan(pct))
		snprintf(buf, size, "%s", after != 0 ? "new" : "");
	else if (pct == 0)
		snprintf(buf, size, "0%%");
	else if (fabs(pct) >= 99999.5)
		snprintf(buf, size, "%s", pct > 0 ? ">+99999%" : "<-99999%");
	else if (fabs(pct) >= 10)
		snprintf(buf, size, "%+.1f%%", pct);
	else
		snprintf(buf, size, "%+.2f%%", pct);
	(void)before;
	return buf;
}

/* Percentage points with two decimals; a change that rounds to nothing
 * prints unsigned. */
static const char *
format_pp(double v, char *buf, size_t size)
{
	if (fabs(v) < 0.005)
		snprintf(buf, size, "0.00");
	else
		snprintf(buf, size, "%+.2f", v);
	return buf;
}

/* The diff columns that fit: level 4 = before after delta delta% share,
 * 3 = no delta%, 2 = after delta share, 1 = delta share, 0 = share; value
 * columns as wide as the largest value (the root's) needs. */
struct dcols {
	int level;
	bool threads;
	int vw;
};

static void
dcols_init(struct dcols *c, const struct diffstat *d, int width, bool threads)
{
	char a[64];
	double big = fmax(fabs(d->total_before), fabs(d->total_after));
	int vw = (int)strlen(units_format_value(big, d->unit, a, sizeof a)) + 1;

	c->vw = vw > COL_DVAL ? vw : COL_DVAL;
	c->threads = threads;
	width -= 3 * (c->vw - COL_DVAL);
	c->level = width >= 92 ? 4 : width >= 78 ? 3 : width >= 62 ? 2 :
		width >= 46 ? 1 : 0;
}

static size_t
dcols_width(const struct dcols *c)
{
	size_t w = COL_SHARE;

	if (c->level >= 1)
		w += (size_t)c->vw + 1;
	if (c->level >= 2)
		w += (size_t)c->vw + 1;
	if (c->level >= 3)
		w += (size_t)c->vw + 1;
	if (c->level >= 4)
		w += COL_DPCT + 1;
	if (c->threads && c->level >= 3)
		w += 2 * (COL_COUNT + 1);
	return w + 2 + 3;   /* gap, mark and space */
}

static void
diff_head(FILE *out, const struct dcols *c, const char *what)
{
	if (c->level >= 3)
		fprintf(out, "%*s ", c->vw, "before");
	if (c->level >= 2)
		fprintf(out, "%*s ", c->vw, "after");
	if (c->level >= 1)
		fprintf(out, "%*s ", c->vw, "delta");
	if (c->level >= 4)
		fprintf(out, "%*s ", COL_DPCT, "delta%");
	fprintf(out, "%*s", COL_SHARE, "share");
	if (c->threads && c->level >= 3)
		fprintf(out, " %*s %*s", COL_COUNT, "stuck", COL_COUNT, "prog");
	fprintf(out, "  %s\n", what);
}

/* The value columns and the mark of one row. */
static void
diff_row(FILE *out, const struct dcols *c, const char *unit, double before,
	double after, double delta, double pct, double share, int cls,
	double stuck, double prog)
{
	char a[64];

	if (c->level >= 3)
		fprintf(out, "%*s ", c->vw, units_format_value(before, unit, a, sizeof a));
	if (c->level >= 2)
		fprintf(out, "%*s ", c->vw, units_format_value(after, unit, a, sizeof a));
	if (c->level >= 1)
		fprintf(out, "%*s ", c->vw, format_signed(delta, unit, a, sizeof a));
	if (c->level >= 4)
		fprintf(out, "%*s ", COL_DPCT,
			format_delta_pct(pct, before, after, a, sizeof a));
	fprintf(out, "%*s", COL_SHARE, format_pp(share, a, sizeof a));
	if (c->threads && c->level >= 3) {
		fprintf(out, " %*s", COL_COUNT, units_format_number(stuck, a, sizeof a));
		fprintf(out, " %*s", COL_COUNT, units_format_number(prog, a, sizeof a));
	}
	fprintf(out, "  %-2s ", diff_class_mark((enum diff_class)cls));
}

static void
diff_banner(FILE *out, const struct diffstat *d, int width, const char *what)
{
	const struct profile *p = d->tree->prof;
	static const char *const widths[] = { "after", "before", "max" };
	char a[64], b[64], c[64], line[1024];
	int n;

	n = snprintf(line, sizeof line, "# %s: %s, before %s, after %s (%s)",
		p->source ? p->source : "-", what,
		units_format(d->total_before, d->unit, a, sizeof a),
		units_format(d->total_after, d->unit, b, sizeof b),
		format_delta_pct(d->total_before != 0 ? 100.0 * (d->total_after -
		d->total_before) / fabs(d->total_before) : NAN, d->total_before,
		d->total_after, c, sizeof c));
	put_name(out, line, n < (int)sizeof line ? (size_t)n : sizeof line - 1,
		(size_t)width);
	fputc('\n', out);
	n = snprintf(line, sizeof line, "# widths: %s; colour: %s change, noise "
		"%g %s; marks: + grew, - shrank, ++ new, -- gone",
		d->width >= 0 ? widths[d->width] : "other",
		d->set.metric == DIFF_BY_SHARE ? "share" : "absolute", d->set.noise,
		d->set.metric == DIFF_BY_SHARE ? "pp" : "%");
	put_name(out, line, n < (int)sizeof line ? (size_t)n : sizeof line - 1,
		(size_t)width);
	fputc('\n', out);
}

static bool
diff_shown(const struct diffstat *d, double before, double after, double min)
{
	double sb = d->total_before != 0 ? 100.0 * fabs(before / d->total_before) : 0;
	double sa = d->total_after != 0 ? 100.0 * fabs(after / d->total_after) : 0;

	return min <= 0 || sb >= min || sa >= min;
}

int
print_diff_tree(FILE *out, const struct diffstat *d, const struct print_options *o)
{
	const struct calltree *t = d->tree;
	int width = o->width < 20 ? 20 : o->width;
	struct dcols c;
	size_t name_cols, max_levels;
	struct walk w = { 0 };

	dcols_init(&c, d, width, d->has_threads);
	name_cols = (size_t)width > dcols_width(&c) ? (size_t)width - dcols_width(&c) : 1;
	max_levels = name_cols / 4;
	diff_banner(out, d, width, "diff");
	diff_head(out, &c, "frame");
	w.stack = xgrow(w.stack, &w.cap, 1, sizeof *w.stack);
	w.stack[w.n++] = CT_ROOT;
	while (w.n > 0) {
		uint32_t id = w.stack[--w.n];
		const struct diff_node *dn = &d->nodes[id];
		uint32_t depth = t->nodes[id].depth;

		if (!diff_shown(d, dn->before, dn->after, o->min_percent))
			continue;
		diff_row(out, &c, d->unit, dn->before, dn->after,
			dn->delta, dn->delta_pct, dn->share_delta, dn->cls, dn->stuck,
			dn->progressing);
		if (put_row_name(out, t, id, depth, max_levels, name_cols) < 0)
			break;
		walk_children(&w, t, id);
	}
	walk_free(&w);
	return fflush(out) != 0 || ferror(out) ? -1 : 0;
}

int
print_diff_table(FILE *out, const struct diffstat *d, const struct diff_table *tab,
	const struct print_options *o)
{
	const struct profile *p = d->tree->prof;
	int width = o->width < 20 ? 20 : o->width;
	struct dcols c;
	size_t name_cols;

	dcols_init(&c, d, width, false);
	name_cols = (size_t)width > dcols_width(&c) ? (size_t)width - dcols_width(&c) : 1;
	diff_banner(out, d, width, "functions by change");
	diff_head(out, &c, "function");
	for (size_t i = 0; i < tab->n; i++) {
		const struct diff_func *f = &tab->rows[i];
		const struct frame *fr = profile_frame(p, f->frame);

		if (!diff_shown(d, f->before, f->after, o->min_percent))
			continue;
		diff_row(out, &c, d->unit, f->before, f->after, f->delta,
			f->delta_pct, f->share_delta, f->cls, 0, 0);
		put_name(out, fr->name, fr->name_len, name_cols);
		if (fputc('\n', out) == EOF)
			break;
	}
	return fflush(out) != 0 || ferror(out) ? -1 : 0;
}

/* "a;b;c" of the path from the root to node (the root left out). */
static size_t
node_path(const struct calltree *t, uint32_t node, char **buf, size_t *cap)
{
	size_t len = 0, n = 0;
	uint32_t *ids = NULL;
	size_t icap = 0;

	for (uint32_t id = node; id != CT_ROOT && id != CT_NONE; id = t->nodes[id].parent) {
		ids = xgrow(ids, &icap, n + 1, sizeof *ids);
		ids[n++] = id;
	}
	*buf = xgrow(*buf, cap, 1, 1);
	while (n > 0) {
		uint32_t id = ids[--n];
		size_t l = calltree_name_len(t, id);

		*buf = xgrow(*buf, cap, len + l + 2, 1);
		memcpy(*buf + len, calltree_name(t, id), l);
		len += l;
		if (n > 0)
			(*buf)[len++] = ';';
	}
	(*buf)[len] = '\0';
	free(ids);
	return len;
}

static void
print_stacks(FILE *out, const struct diffstat *d, const char *what,
	const struct diff_stack *v, size_t n, double total, int width)
{
	char a[64], head[256], *path = NULL;
	size_t cap = 0;
	int len = snprintf(head, sizeof head, "# %s: %zu, %s", what, n,
		units_format(total, d->unit, a, sizeof a));

	put_name(out, head, len < (int)sizeof head ? (size_t)len : sizeof head - 1,
		(size_t)width);
	fputc('\n', out);
	for (size_t i = 0; i < n; i++) {
		size_t plen = node_path(d->tree, v[i].node, &path, &cap);
		int vw = fprintf(out, "%*s  ", COL_DVAL, units_format_value(v[i].value,
			d->unit, a, sizeof a));
		size_t cols = width > vw ? (size_t)(width - vw) : 1;

		/* a cell takes at least one byte: measure no more than fits */
		put_name(out, path, plen > cols * 4 + 8 ? cols * 4 + 8 : plen, cols);
		fputc('\n', out);
	}
	free(path);
}

int
print_diff_changes(FILE *out, const struct diffstat *d, const struct print_options *o)
{
	struct diff_changes c;
	int width = o->width < 20 ? 20 : o->width;

	diff_changes_build(&c, d);
	print_stacks(out, d, "gone stacks (only in before)", c.gone, c.n_gone,
		c.total_gone, width);
	print_stacks(out, d, "new stacks (only in after)", c.added, c.n_added,
		c.total_added, width);
	diff_changes_free(&c);
	return fflush(out) != 0 || ferror(out) ? -1 : 0;
}

/* The leaf of a profile stack, or "-". */
static const struct frame *
stack_leaf(const struct profile *p, uint32_t stack)
{
	if (stack == UINT32_MAX || p->stacks[stack].depth == 0)
		return NULL;
	return profile_frame(p, profile_stack_frames(p, stack)[p->stacks[stack].depth - 1]);
}

int
print_diff_threads(FILE *out, const struct profile *p, const struct print_options *o)
{
	static const char *const order[] = { "stuck", "progressing", "new", "ended" };
	struct diff_thread *v;
	size_t n = diff_threads_list(p, &v), counts[4] = { 0 };
	int width = o->width < 20 ? 20 : o->width;
	char line[2048];
	int len;

	for (size_t i = 0; i < n; i++)
		for (int k = 0; k < 4; k++)
			counts[k] += strcmp(v[i].cls, order[k]) == 0;
	len = snprintf(line, sizeof line, "# threads: %zu stuck, %zu progressing, "
		"%zu new, %zu ended", counts[0], counts[1], counts[2], counts[3]);
	put_name(out, line, (size_t)len, (size_t)width);
	fputc('\n', out);
	for (int k = 0; k < 4; k++) {
		for (size_t i = 0; i < n; i++) {
			const struct diff_thread *th = &v[i];
			const struct frame *leaf = stack_leaf(p, th->stack);
			const struct frame *was = stack_leaf(p, th->stack_before);
			char id[64];

			if (strcmp(th->cls, order[k]) != 0)
				continue;
			if (th->tid >= 0)
				snprintf(id, sizeof id, "tid %d", (int)th->tid);
			else
				snprintf(id, sizeof id, "goroutine %.40s",
					th->goroutine ? th->goroutine : "?");
			len = snprintf(line, sizeof line, "%-11s %-16s", th->cls, id);
			if (th->name)
				len += snprintf(line + len, sizeof line - (size_t)len,
					" \"%.200s\"", th->name);
			if (th->state)
				len += snprintf(line + len, sizeof line - (size_t)len,
					" %.100s", th->state);
			len += snprintf(line + len, sizeof line - (size_t)len, " at %.*s",
				leaf ? (int)(leaf->name_len > 500 ? 500 : leaf->name_len) : 1,
				leaf ? leaf->name : "-");
			if (was && strcmp(th->cls, "progressing") == 0)
				len += snprintf(line + len, sizeof line - (size_t)len,
					" (was at %.*s)", (int)(was->name_len > 500 ? 500 :
					was->name_len), was->name);
			put_name(out, line, len < (int)sizeof line ? (size_t)len :
				sizeof line - 1, (size_t)width);
			fputc('\n', out);
		}
	}
	free(v);
	return fflush(out) != 0 || ferror(out) ? -1 : 0;
}

/* Hot/cold columns: 3 = total% wall on off on%, 2 = total% on off on%,
 * 1 = total% on off, 0 = total%. */
#define COL_TIME 10

int
print_cold_tree(FILE *out, const struct calltree *t, const struct print_options *o)
{
	const struct profile *p = t->prof;
	struct cold_map m;
	struct cold_values root;
	int width = o->width < 20 ? 20 : o->width;
	int level = width >= 76 ? 3 : width >= 62 ? 2 : width >= 48 ? 1 : 0;
	size_t name_cols = (size_t)width - COL_PCT - 2 - (level >= 1 ? 2 * (COL_TIME + 1) : 0) -
		(level >= 2 ? COL_PCT + 1 : 0) - (level >= 3 ? COL_TIME + 1 : 0);
	size_t max_levels = name_cols / 4;
	double total = t->nodes[CT_ROOT].total;
	struct walk w = { 0 };
	char a[64], b[64], c[64], d[64], e[64], line[1024];
	int n;

	hotcold_map(&t->query, p, &m);
	if (m.view < 0)
		return print_tree(out, t, o);
	hotcold_values(t, &m, CT_ROOT, &root);
	n = snprintf(line, sizeof line, "# %s: hot/cold, view %s%s: wall %s = on-CPU "
		"%s (%s) + off-CPU %s (%s)", p->source ? p->source : "-",
		hotcold_view_name((enum cold_view)m.view), m.idle ? " with idle" : "",
		units_format(root.wall, UNIT_NANOSECONDS, a, sizeof a),
		units_format(root.on, UNIT_NANOSECONDS, b, sizeof b),
		units_format_percent(root.on, root.wall, c, sizeof c),
		units_format(root.off, UNIT_NANOSECONDS, d, sizeof d),
		units_format_percent(root.off, root.wall, e, sizeof e));
	put_name(out, line, n < (int)sizeof line ? (size_t)n : sizeof line - 1,
		(size_t)width);
	fputc('\n', out);
	fprintf(out, "%*s", COL_PCT, "total%");
	if (level >= 3)
		fprintf(out, " %*s", COL_TIME, "wall");
	if (level >= 1)
		fprintf(out, " %*s %*s", COL_TIME, "on-CPU", COL_TIME, "off-CPU");
	if (level >= 2)
		fprintf(out, " %*s", COL_PCT, "on%");
	fputs("  frame\n", out);
	w.stack = xgrow(w.stack, &w.cap, 1, sizeof *w.stack);
	w.stack[w.n++] = CT_ROOT;
	while (w.n > 0) {
		uint32_t id = w.stack[--w.n];
		uint32_t depth = t->nodes[id].depth;
		struct cold_values v;

		if (total > 0 && 100.0 * t->nodes[id].total / total < o->min_percent)
			continue;
		hotcold_values(t, &m, id, &v);
		fprintf(out, "%*s", COL_PCT,
			units_format_percent(t->nodes[id].total, total, a, sizeof a));
		if (level >= 3)
			fprintf(out, " %*s", COL_TIME,
				units_format(v.wall, UNIT_NANOSECONDS, a, sizeof a));
		if (level >= 1) {
			fprintf(out, " %*s", COL_TIME,
				units_format(v.on, UNIT_NANOSECONDS, a, sizeof a));
			fprintf(out, " %*s", COL_TIME,
				units_format(v.off, UNIT_NANOSECONDS, a, sizeof a));
		}
		if (level >= 2)
			fprintf(out, " %*s", COL_PCT,
				units_format_percent(v.on, v.wall, a, sizeof a));
		fputs("  ", out);
		if (put_row_name(out, t, id, depth, max_levels, name_cols) < 0)
			break;
		walk_children(&w, t, id);
	}
	walk_free(&w);
	return fflush(out) != 0 || ferror(out) ? -1 : 0;
}
