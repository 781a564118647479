/* Drawing the two-profile modes in the flame view: frames in diff,
 * thread or hot/cold colours (with marks and fill patterns when there is
 * no colour), the legend line under the graph, the numbers line of the
 * status and the rows of the details pane. */
#include "config.h"

#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "calltree.h"
#include "pair_ui.h"
#include "profile.h"
#include "session.h"
#include "units.h"

#define SEP " \xc2\xb7 "         /* " · " */
#define ELLIPSIS "\xe2\x80\xa6"
#define COLD_FILL ":"             /* the off-CPU part without colour */

/* ---- frames ---- */

static const char *
threads_mark(enum diff_threads t)
{
	switch (t) {
	case DIFF_THREADS_STUCK:
		return "!";
	case DIFF_THREADS_PROGRESSING:
		return ">";
	case DIFF_THREADS_MIXED:
		return "~";
	default:
		return "";
	}
}

/* The span's name after mark, as the flame view draws names: a cell of
 * padding on the right, "…" when cut. */
static void
put_name(struct canvas *c, const struct calltree *t, const struct span *sp,
	int y, unsigned role, const char *mark)
{
	int avail = sp->w >= 3 ? sp->w - 1 : sp->w == 2 ? 1 : 0, x = sp->x;
	const char *name = calltree_name(t, sp->node);
	size_t len = calltree_name_len(t, sp->node);

	canvas_fill(c, sp->x, y, sp->w, role, 0);
	if (mark[0] && avail > 0) {
		int m = canvas_put(c, x, y, avail, mark, strlen(mark), role, 0);

		x += m;
		avail -= m;
	}
	if (avail <= 0)
		return;
	if (avail == 1 || canvas_text_fits(name, len, avail)) {
		canvas_put_untrusted(c, x, y, avail, name, len, role, 0);
	} else {
		int used = canvas_put_untrusted(c, x, y, avail - 1, name, len, role, 0);

		canvas_put(c, x + used, y, 1, ELLIPSIS, strlen(ELLIPSIS), role, 0);
	}
}

/* Cells of a w-cell frame that show on-CPU time: the rounded share. */
static int
on_cells(int w, double on, double wall)
{
	double x;

	if (!(wall > 0) || on <= 0)
		return 0;
	if (on >= wall)
		return w;
	x = floor((double)w * on / wall + 0.5);
	return x < 0 ? 0 : x > w ? w : (int)x;
}

static void
cold_span(struct pair_ui *p, struct canvas *c, const struct span *sp, int y,
	unsigned shade)
{
	const struct session *s = p->s;
	struct cold_map m;
	struct cold_values v;
	int on, end;

	hotcold_map(&s->query, &s->prof, &m);
	if (m.view < 0)
		return;
	hotcold_values(s->tree, &m, sp->node, &v);
	if (m.view == COLD_VIEW_ON)
		on = sp->w;
	else if (m.view == COLD_VIEW_OFF)
		on = 0;
	else
		on = on_cells(sp->w, v.on, v.wall);
	canvas_paint(c, sp->x, y, on, cold_role(true, shade), 0);
	canvas_paint(c, sp->x + on, y, sp->w - on, cold_role(false, shade), 0);
	if (!p->mono)
		return;
	/* no colour: the off-CPU part is plain text on a pattern, the last
	 * cell kept blank so that neighbours stay apart */
	if (sp->w < 3)
		return;
	end = sp->x + sp->w - 1;
	for (int x = sp->x + on; x < end; x++) {
		struct cell *cell = canvas_cell(c, x, y);

		if (cell->cp == ' ')
			cell->cp = (uint32_t)COLD_FILL[0];
	}
}

void
pair_ui_span(struct pair_ui *p, struct canvas *c, const struct span *sp, int y)
{
	const struct diffstat *d;
	const struct diff_node *n;
	unsigned role, shade;

	if (!p || sp->kind != SPAN_NODE || sp->w <= 0 || y < 0 || y >= c->height ||
	    sp->x < 0 || sp->x + sp->w > c->width)
		return;
	/* only frames in their plain colour: the selection, search matches
	 * and the like keep theirs */
	role = canvas_cell(c, sp->x, y)->role;
	if (role < ROLE_FRAME || role >= ROLE_PAIR)
		return;
	shade = (role - ROLE_FRAME) % PALETTE_SHADES;
	if (p->mode == PAIR_UI_COLD) {
		cold_span(p, c, sp, y, shade);
		return;
	}
	if (!(d = pair_ui_diffstat(p)) || sp->node >= d->n)
		return;
	n = &d->nodes[sp->node];
	if (p->by_threads) {
		put_name(c, d->tree, sp, y, diff_threads_role(p->palette,
			(enum diff_threads)n->threads, shade),
			p->mono ? threads_mark((enum diff_threads)n->threads) : "");
	} else {
		/* the step from the metric itself, not the rounded intensity */
		double in = d->scale > 0 ? n->metric / d->scale : 0;

		put_name(c, d->tree, sp, y, diff_colour_role(p->palette,
			(enum diff_class)n->cls, in > 1 ? 1 : in < -1 ? -1 : in, shade),
			p->mono ? diff_class_mark((enum diff_class)n->cls) : "");
	}
}

/* ---- geometry and the legend ---- */

void
pair_ui_geom(struct pair_ui *p, struct flame_geom *g)
{
	if (!p)
		return;
	p->legend_y = -1;
	if (g->graph_h >= 4) {
		g->graph_h--;
		p->legend_y = g->graph_y + g->graph_h;
	}
}

/* Percent with its suffix, as short as its size allows. */
static const char *
pct_text(double v, const char *suffix, bool sign, char *buf, size_t size)
{
	double a = fabs(v);
	const char *fmt = a >= 10 ? (sign ? "%+.0f%s" : "%.0f%s") :
		a >= 1 ? (sign ? "%+.1f%s" : "%.1f%s") : (sign ? "%+.2f%s" : "%.2f%s");

	if (a < 0.005)
		snprintf(buf, size, "0.00%s", suffix);
	else
		snprintf(buf, size, fmt, v, suffix);
	return buf;
}

/* A line drawn left to right; with c NULL it only measures. */
struct line {
	struct canvas *c;
	int x, y, end;
};

static void
put(struct line *l, const char *s, unsigned role)
{
	size_t len = strlen(s);
	int w = canvas_text_width(s, len);

	if (l->c && l->x < l->end)
		canvas_put(l->c, l->x, l->y, l->end - l->x, s, len, role, 0);
	l->x += w;
}

static void __attribute__((format(printf, 3, 4)))
putf(struct line *l, unsigned role, const char *fmt, ...)
{
	char buf[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	put(l, buf, role);
}

static void
swatch(struct line *l, unsigned role, int w)
{
	if (l->c && l->x < l->end)
		canvas_fill(l->c, l->x, l->y, w < l->end - l->x ? w : l->end - l->x, role, 0);
	l->x += w;
}

static const char *
width_name(int w)
{
	return w == DIFF_WIDTH_BEFORE ? "before" : w == DIFF_WIDTH_MAX ? "max" : "after";
}

/* The diff legend at a level of detail (0 = least). */
static void
legend_diff(struct pair_ui *p, const struct diffstat *d, struct line *l, int level,
	int sw)
{
	struct diff_legend lg;
	char lo[32], hi[32], nz[32];
	unsigned ref = ROLE_PAIR + PAIR_SAME;

	diff_legend(d, &lg);
	pct_text(-lg.scale, lg.suffix, true, lo, sizeof lo);
	pct_text(lg.scale, lg.suffix, true, hi, sizeof hi);
	pct_text(lg.noise, lg.suffix, false, nz, sizeof nz);
	put(l, " ", ROLE_DEFAULT);
	if (p->mono) {
		put(l, "++ new  + grew  - shrank  -- gone", ROLE_DEFAULT);
		putf(l, ROLE_LABEL, "  (%s %s, %s to %s)", lg.metric == DIFF_BY_SHARE
			? "share" : "absolute", nz, lo, hi);
	} else {
		if (level >= 1)
			put(l, "shrank ", ROLE_LABEL);
		putf(l, ROLE_DEFAULT, "%s ", lo);
		for (int s = DIFF_STEPS; s >= 1; s--)
			swatch(l, diff_colour_role(p->palette, DIFF_SHRANK,
				-(double)s / DIFF_STEPS, 0), sw);
		swatch(l, ref, sw);
		for (int s = 1; s <= DIFF_STEPS; s++)
			swatch(l, diff_colour_role(p->palette, DIFF_GREW,
				(double)s / DIFF_STEPS, 0), sw);
		putf(l, ROLE_DEFAULT, " %s", hi);
		if (level >= 1)
			put(l, " grew", ROLE_LABEL);
		if (level >= 2) {
			put(l, "  ", ROLE_DEFAULT);
			put(l, "new", diff_colour_role(p->palette, DIFF_NEW, 1, 0));
			put(l, " ", ROLE_DEFAULT);
			put(l, "gone", diff_colour_role(p->palette, DIFF_GONE, -1, 0));
		}
		if (level >= 3)
			putf(l, ROLE_LABEL, SEP "%s, noise %s", lg.metric == DIFF_BY_SHARE
				? "share" : "absolute", nz);
	}
	if (level >= 4)
		putf(l, ROLE_LABEL, SEP "widths: %s", width_name(d->width));
}

static void
legend_threads(struct pair_ui *p, struct line *l, int level)
{
	static const enum diff_threads kinds[] = {
		DIFF_THREADS_STUCK, DIFF_THREADS_PROGRESSING, DIFF_THREADS_MIXED
	};

	put(l, " ", ROLE_DEFAULT);
	for (int i = 0; i < 3; i++) {
		enum diff_threads t = kinds[i];

		if (i)
			put(l, " ", ROLE_DEFAULT);
		putf(l, diff_threads_role(p->palette, t, 0), "%s%s%s", p->mono ? threads_mark(t)
			: "", p->mono ? " " : "", diff_threads_name(t));
	}
	if (level >= 1)
		put(l, SEP "threads of AFTER; stuck: the same stack in both dumps",
			ROLE_LABEL);
}

static void
legend_cold(struct pair_ui *p, struct line *l, int level)
{
	const struct session *s = p->s;
	struct cold_map m;

	hotcold_map(&s->query, &s->prof, &m);
	put(l, " ", ROLE_DEFAULT);
	put(l, " on-CPU ", cold_role(true, 0));
	put(l, p->mono ? COLD_FILL "off-CPU" COLD_FILL : " off-CPU ", cold_role(false, 0));
	if (level >= 1)
		putf(l, ROLE_LABEL, SEP "%s", m.view == COLD_VIEW_ON ? "widths: on-CPU time"
			: m.view == COLD_VIEW_OFF ? "widths: off-CPU time"
			: "widths: wall time (on + off)");
	if (level >= 2 && m.view != COLD_VIEW_ON)
		put(l, m.idle ? SEP "idle waits included" : SEP "idle waits left out",
			ROLE_LABEL);
}

/* The legend of the mode at a level of detail; with l->c NULL it only
 * measures. */
static void
legend(struct pair_ui *p, const struct diffstat *d, struct line *l, int level,
	int sw)
{
	if (p->mode == PAIR_UI_COLD)
		legend_cold(p, l, level);
	else if (p->by_threads)
		legend_threads(p, l, level);
	else
		legend_diff(p, d, l, level, sw);
}

static void
draw_legend(struct pair_ui *p, struct canvas *c, int y, int w)
{
	const struct diffstat *d = NULL;
	struct line l;
	int sw = w >= 100 ? 2 : 1;

	if (p->mode == PAIR_UI_DIFF && !(d = pair_ui_diffstat(p)))
		return;
	canvas_fill(c, 0, y, w, ROLE_DEFAULT, 0);
	/* the most detail that fits */
	for (int level = 4; level >= 0; level--) {
		l = (struct line){ .c = NULL, .x = 0, .y = y, .end = w };
		legend(p, d, &l, level, sw);
		if (l.x <= w || level == 0) {
			l = (struct line){ .c = c, .x = 0, .y = y, .end = w };
			legend(p, d, &l, level, sw);
			return;
		}
	}
}

/* ---- the status line ---- */

struct text {
	char buf[512];
	size_t len;
};

static void __attribute__((format(printf, 3, 4)))
part(struct text *t, int room, const char *fmt, ...)
{
	char buf[256];
	va_list ap;
	size_t n;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof buf, fmt, ap);
	va_end(ap);
	n = strlen(buf);
	if (t->len + n >= sizeof t->buf ||
	    canvas_text_width(t->buf, t->len) + canvas_text_width(buf, n) > room)
		return;
	memcpy(t->buf + t->len, buf, n + 1);
	t->len += n;
}

/* "+12 ms (+3.4%)", "+12 ms (new)", "no change". */
static void
delta_text(const struct diff_node *n, const char *unit, char *buf, size_t size)
{
	char v[64];

	units_format_value(n->delta, unit, v, sizeof v);
	if (n->before == 0 && n->after != 0)
		snprintf(buf, size, "%s%s (new)", n->delta > 0 ? "+" : "", v);
	else if (isnan(n->delta_pct) || n->delta == 0)
		snprintf(buf, size, "%s", n->delta == 0 ? "no change" : v);
	else
		snprintf(buf, size, "%s%s (%+.1f%%)", n->delta > 0 ? "+" : "", v,
			n->delta_pct);
}

static void
status_diff(struct pair_ui *p, uint32_t sel, struct text *t, int room)
{
	const struct diffstat *d = pair_ui_diffstat(p);
	const struct diff_node *n;
	char a[64], b[64], dl[96], m[32];

	if (!d || sel >= d->n)
		return;
	n = &d->nodes[sel];
	delta_text(n, d->unit, dl, sizeof dl);
	/* a count's unit once: "before 50, after 65 samples" */
	part(t, room, " before %s, after %s", units_format_value(n->before, d->unit, b, sizeof b),
		units_format(n->after, d->unit, a, sizeof a));
	part(t, room, SEP "%s", dl);
	part(t, room, SEP "%s", pct_text(n->metric, d->set.metric == DIFF_BY_SHARE
		? "pp" : "%", true, m, sizeof m));
	if (d->has_threads && (n->stuck > 0 || n->progressing > 0))
		part(t, room, SEP "%g stuck, %g progressing", n->stuck, n->progressing);
	else
		part(t, room, SEP "%s", diff_class_name((enum diff_class)n->cls));
}

static void
status_cold(struct pair_ui *p, uint32_t sel, struct text *t, int room)
{
	const struct session *s = p->s;
	struct cold_map m;
	struct cold_values v, root;
	char on[64], off[64], wall[64], pc[32];

	hotcold_map(&s->query, &s->prof, &m);
	if (m.view < 0)
		return;
	hotcold_values(s->tree, &m, sel, &v);
	hotcold_values(s->tree, &m, CT_ROOT, &root);
	part(t, room, " on-CPU %s", units_format(v.on, UNIT_NANOSECONDS, on, sizeof on));
	part(t, room, SEP "off-CPU %s", units_format(v.off, UNIT_NANOSECONDS, off,
		sizeof off));
	part(t, room, SEP "wall %s, %s of all", units_format(v.wall, UNIT_NANOSECONDS,
		wall, sizeof wall), units_format_percent(v.wall, root.wall, pc, sizeof pc));
	part(t, room, SEP "%s on-CPU", units_format_percent(v.on, v.wall, pc, sizeof pc));
}

void
pair_ui_draw(struct pair_ui *p, const struct flame_state *st, struct canvas *c,
	const struct flame_geom *g)
{
	struct text t = { .len = 0 };
	char key[32], hint[48];
	const char *help;
	int y, used, hw = 0;

	if (!p || !st->s->tree)
		return;
	if (p->legend_y >= 0 && p->legend_y < c->height && g->graph_w > 0)
		draw_legend(p, c, p->legend_y, g->graph_w);
	if (g->status_h != 2 || (p->ui->message[0]))
		return;
	y = g->status_y + 1;
	t.buf[0] = '\0';
	if (p->mode == PAIR_UI_DIFF)
		status_diff(p, st->sel, &t, g->width);
	else
		status_cold(p, st->sel, &t, g->width);
	if (t.len == 0)
		return;
	canvas_fill(c, 0, y, g->width, ROLE_STATUS, 0);
	used = canvas_put(c, 0, y, g->width, t.buf, t.len, ROLE_STATUS, 0);
	if ((help = ui_action_key(p->ui, ACTION_VIEW_HELP, key, sizeof key))) {
		snprintf(hint, sizeof hint, "%s help ", help);
		hw = canvas_text_width(hint, strlen(hint));
		if (used + hw + 1 <= g->width)
			canvas_put(c, g->width - hw, y, hw, hint, strlen(hint), ROLE_STATUS, 0);
	}
}

/* ---- the details pane ---- */

static struct pair_row *
add_row(struct pair_row *rows, size_t *n, size_t max, const char *label)
{
	if (*n >= max)
		return NULL;
	rows[*n].label = label;
	rows[*n].value[0] = '\0';
	return &rows[(*n)++];
}

size_t
pair_ui_details(struct pair_ui *p, uint32_t node, struct pair_row *rows,
	size_t max)
{
	size_t n = 0;
	struct pair_row *r;
	char a[64], b[64], pa[32], pb[32];

	if (!p)
		return 0;
	if (p->mode == PAIR_UI_DIFF) {
		const struct diffstat *d = pair_ui_diffstat(p);
		const struct diff_node *dn;

		if (!d || node >= d->n)
			return 0;
		dn = &d->nodes[node];
		if ((r = add_row(rows, &n, max, "before")))
			snprintf(r->value, sizeof r->value, "%s" SEP "%s of before",
				units_format(dn->before, d->unit, a, sizeof a),
				units_format_percent(dn->before, d->total_before, pa, sizeof pa));
		if ((r = add_row(rows, &n, max, "after")))
			snprintf(r->value, sizeof r->value, "%s" SEP "%s of after",
				units_format(dn->after, d->unit, b, sizeof b),
				units_format_percent(dn->after, d->total_after, pb, sizeof pb));
		if ((r = add_row(rows, &n, max, "delta")))
			delta_text(dn, d->unit, r->value, sizeof r->value);
		if ((r = add_row(rows, &n, max, "change"))) {
			double base = d->total_before != 0 ? d->total_before : d->total_after;
			char sh[32], ab[32];

			snprintf(r->value, sizeof r->value, "%s of share" SEP "%s of the "
				"%s total" SEP "%s", pct_text(dn->share_delta, "pp", true, sh,
				sizeof sh), pct_text(base != 0 ? 100.0 * dn->delta / fabs(base) : 0,
				"%", true, ab, sizeof ab), d->total_before != 0 ? "before" : "after",
				diff_class_name((enum diff_class)dn->cls));
		}
		if (d->has_threads && (r = add_row(rows, &n, max, "threads")))
			snprintf(r->value, sizeof r->value, "%g stuck, %g progressing%s%s",
				dn->stuck, dn->progressing, dn->threads ? SEP : "",
				diff_threads_name((enum diff_threads)dn->threads));
	} else {
		const struct session *s = p->s;
		struct cold_map m;
		struct cold_values v, root;

		hotcold_map(&s->query, &s->prof, &m);
		if (m.view < 0)
			return 0;
		hotcold_values(s->tree, &m, node, &v);
		hotcold_values(s->tree, &m, CT_ROOT, &root);
		if ((r = add_row(rows, &n, max, "on-CPU")))
			snprintf(r->value, sizeof r->value, "%s" SEP "%s of its wall",
				units_format(v.on, UNIT_NANOSECONDS, a, sizeof a),
				units_format_percent(v.on, v.wall, pa, sizeof pa));
		if ((r = add_row(rows, &n, max, "off-CPU")))
			snprintf(r->value, sizeof r->value, "%s" SEP "%s of its wall",
				units_format(v.off, UNIT_NANOSECONDS, a, sizeof a),
				units_format_percent(v.off, v.wall, pa, sizeof pa));
		if ((r = add_row(rows, &n, max, "wall")))
			snprintf(r->value, sizeof r->value, "%s" SEP "%s of all wall time",
				units_format(v.wall, UNIT_NANOSECONDS, a, sizeof a),
				units_format_percent(v.wall, root.wall, pa, sizeof pa));
	}
	return n;
}
