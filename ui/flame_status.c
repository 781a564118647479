/* The flame view's title line (file, total, orientation, zoom), its
 * status lines (the path to the selected frame, then its value, shares
 * and self) and the path renderer the details pane shares. Everything
 * is made to fit: at 40 columns the least useful parts give way first,
 * and names lose their middle, never their ends. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "flame_view.h"
#include "palette.h"
#include "profile.h"
#include "session.h"
#include "units.h"
#include "xmalloc.h"

#define SEP " \xc2\xb7 "        /* " · " */
#define CRUMB " \xe2\x80\xba "  /* " › " */
#define CRUMB_W 3
#define ELLIPSIS "\xe2\x80\xa6"

struct text {
	char buf[1024];
	size_t len;
};

static void __attribute__((format(printf, 2, 3)))
add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->len >= sizeof t->buf - 1)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->buf + t->len, sizeof t->buf - t->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		t->len += (size_t)n < sizeof t->buf - t->len ? (size_t)n
			: sizeof t->buf - t->len - 1;
}

static int
text_cells(const struct text *t)
{
	return canvas_text_width(t->buf, t->len);
}

/* Cells a name takes escaped, but no more than cap (long names are not
 * measured to the end). */
static int
name_cells(const struct calltree *t, uint32_t id, int cap)
{
	const char *name = calltree_name(t, id);
	size_t len = calltree_name_len(t, id);

	if (cap <= 0)
		return 0;
	if (!canvas_text_fits(name, len, cap))
		return cap;
	return canvas_text_width(name, len);
}

void
flame_draw_title(const struct flame_state *st, struct canvas *c,
	const struct flame_geom *g)
{
	const struct session *s = st->s;
	const struct calltree *tree = s->tree;
	const char *file = s->prof.source ? s->prof.source : "scorch";
	size_t flen = strlen(file);
	struct text total = { .len = 0 }, orient = { .len = 0 };
	int room = g->width - 1, wf, fmin, wt, wo, wz = 0, zname = 0, x = 1;
	int zlabel = canvas_text_width(SEP "zoom: ", strlen(SEP "zoom: "));
	bool default_orient = !st->flame && !s->query.inverted;
	char v[64];

	canvas_fill(c, 0, g->title_y, g->width, ROLE_TITLE, 0);
	units_format(calltree_node(tree, CT_ROOT)->total, session_unit(st->s), v, sizeof v);
	if (s->prof.n_types > 0 && s->query.type_a >= 0 && (s->prof.n_types > 1 ||
	    strcmp(profile_type_name(&s->prof, s->query.type_a), session_unit(st->s)) != 0))
		add(&total, "%s %s", profile_type_name(&s->prof, s->query.type_a), v);
	else
		add(&total, "%s", v);
	add(&orient, SEP "%s%s", st->flame ? "flame graph" : "icicle",
		s->query.inverted ? ", inverted" : "");
	wf = canvas_text_width(file, flen);
	fmin = wf < 12 ? wf : 12;
	wt = text_cells(&total) + CRUMB_W;   /* with the " · " after the file */
	wo = text_cells(&orient);
	if (st->zoom != CT_ROOT) {
		zname = name_cells(tree, st->zoom, g->width);
		wz = zlabel + zname;
	}
	/* what gives way, in turn: the plain "icicle", the file name (down to
	 * 12 cells), the zoomed name (down to 8), then the file altogether */
	if (wf + wt + wo + wz > room && default_orient)
		wo = 0;
	if (wf + wt + wo + wz > room)
		wf = room - wt - wo - wz > fmin ? room - wt - wo - wz : fmin;
	if (wf + wt + wo + wz > room && zname > 8) {
		int shrink = wf + wt + wo + wz - room;

		zname = zname - shrink > 8 ? zname - shrink : 8;
		wz = zlabel + zname;
	}
	if (wf + wt + wo + wz > room) {
		wf = 0;
		wt -= CRUMB_W;
	}
	if (wf > 0) {
		x += canvas_put_elided(c, x, g->title_y, wf, file, flen, ROLE_TITLE, 0);
		x += canvas_put(c, x, g->title_y, g->width - x, SEP, strlen(SEP), ROLE_TITLE, 0);
	}
	x += canvas_put_untrusted(c, x, g->title_y, g->width - x, total.buf, total.len,
		ROLE_TITLE, 0);
	if (wo > 0)
		x += canvas_put(c, x, g->title_y, g->width - x, orient.buf, orient.len,
			ROLE_TITLE, 0);
	if (zname > 0 && x < g->width) {
		x += canvas_put(c, x, g->title_y, g->width - x, SEP "zoom: ",
			strlen(SEP "zoom: "), ROLE_TITLE, 0);
		canvas_put_elided(c, x, g->title_y, g->width - x < zname ? g->width - x : zname,
			calltree_name(tree, st->zoom), calltree_name_len(tree, st->zoom),
			ROLE_TITLE, 0);
	}
}

/* The parts of the numbers line, most important first; those that do
 * not fit are left out (a later, shorter one may still fit). */
static void
describe(const struct flame_state *st, const struct span *anchor, struct text *t,
	int room)
{
	const struct calltree *tree = st->s->tree;
	const struct ct_node *n = calltree_node(tree, st->sel);
	double all = calltree_node(tree, CT_ROOT)->total;
	double zoom = calltree_node(tree, st->zoom)->total;
	const char *unit = session_unit(st->s);
	struct text part;
	char v[64], p[32];

	add(t, " %s", units_format(n->total, unit, v, sizeof v));
	add(t, SEP "%s of all", units_format_percent(n->total, all, p, sizeof p));
	for (int i = 0; i < 4; i++) {
		part.len = 0;
		part.buf[0] = '\0';
		switch (i) {
		case 0:
			if (st->zoom != CT_ROOT && calltree_is_ancestor(tree, st->zoom, st->sel))
				add(&part, SEP "%s of zoom",
					units_format_percent(n->total, zoom, p, sizeof p));
			break;
		case 1:
			add(&part, SEP "self %s", units_format(n->self, unit, v, sizeof v));
			break;
		case 2:
			if (n->frame != FRAME_NONE) {
				enum frame_kind k = (enum frame_kind)
					profile_frame(tree->prof, n->frame)->kind;

				if (k != FRAME_USER)
					add(&part, SEP "%s", frame_kind_name(k));
			}
			break;
		case 3:
			if (anchor && anchor->kind == SPAN_AGGREGATE)
				add(&part, SEP "in +%u (%s together)", anchor->agg_count,
					units_format_percent(anchor->agg_value, all, p, sizeof p));
			break;
		}
		if (part.len && text_cells(t) + text_cells(&part) <= room)
			add(t, "%s", part.buf);
	}
}

void
flame_draw_status(const struct flame_state *st, struct canvas *c,
	const struct flame_geom *g, const struct span *anchor, const char *message,
	const char *help_key)
{
	const struct calltree *tree = st->s->tree;
	const char *name = calltree_name(tree, st->sel);
	size_t len = calltree_name_len(tree, st->sel);
	struct text t = { .len = 0 };
	int y = g->status_y, w = g->width, used, hw = 0, margin;
	bool msg = message && message[0];
	char hint[48];
	static const struct path_roles crumb_roles = {
		.name = ROLE_STATUS_DIM, .last = ROLE_STATUS_NAME, .sep = ROLE_STATUS_DIM,
	};

	for (int i = 0; i < g->status_h; i++)
		canvas_fill(c, 0, y + i, w, ROLE_STATUS, 0);
	if (msg)
		add(&t, " %s", message);
	else
		describe(st, anchor, &t, g->status_h == 1 ? w / 2 : w);
	if (help_key && g->status_h == 2) {
		/* the hint only where the numbers leave room for it */
		snprintf(hint, sizeof hint, "%s help ", help_key);
		hw = canvas_text_width(hint, strlen(hint));
	}
	if (g->status_h == 1) {
		/* one line: the name gets what the numbers leave, at least half */
		int tw = text_cells(&t), room = w - tw - 1;

		if (room < w / 2)
			room = w / 2;
		used = canvas_put_elided(c, 0, y, room, name, len, ROLE_STATUS_NAME, 0);
		canvas_put_untrusted(c, used, y, w - used, t.buf, t.len,
			msg ? ROLE_MESSAGE : ROLE_STATUS, 0);
		return;
	}
	margin = w >= 20 ? 1 : 0;
	flame_draw_path(st, c, margin, y, w - 2 * margin, 1, st->sel, &crumb_roles);
	used = canvas_put_untrusted(c, 0, y + 1, w, t.buf, t.len,
		msg ? ROLE_MESSAGE : ROLE_STATUS, 0);
	if (hw && used + hw + 1 <= w)
		canvas_put(c, w - hw, y + 1, hw, hint, strlen(hint), ROLE_STATUS, 0);
}

/* The path being drawn: node ids root first, and the widths of the
 * items measured so far (-1: not yet). */
struct path {
	const struct calltree *t;
	uint32_t *ids;
	int *cells;
	size_t n;
	int cap;          /* most cells one ancestor's name may take */
};

static int
item_cells(struct path *p, size_t i, int w)
{
	int cap = i + 1 == p->n ? w : p->cap;

	if (p->cells[i] < 0)
		p->cells[i] = name_cells(p->t, p->ids[i], w);
	return p->cells[i] < cap ? p->cells[i] : cap;
}

/* Lays out (c == NULL: only measures) the first head and the last tail
 * items, with "…" for those in between; continuation lines start with
 * "› ". Returns the lines needed, drawing no more than max_lines. */
static int
put_path(struct path *p, struct canvas *c, int x, int y, int w, int max_lines,
	size_t head, size_t tail, const struct path_roles *r)
{
	int line = 0, cx = 0;
	size_t shown = head + tail;
	bool gap = shown < p->n;

	for (size_t k = 0; k < shown + (gap ? 1 : 0); k++) {
		size_t i = k < head ? k : gap ? p->n - tail + (k - head - 1) : k;
		bool ellipsis = gap && k == head;
		int iw = ellipsis ? 1 : item_cells(p, i, w - 2);

		if (k > 0) {
			if (cx + CRUMB_W + iw > w) {
				line++;
				if (c && line < max_lines)
					canvas_put(c, x, y + line, 2, CRUMB + 1, strlen(CRUMB + 1),
						r->sep, 0);
				cx = 2;
			} else {
				if (c && line < max_lines)
					canvas_put(c, x + cx, y + line, CRUMB_W, CRUMB, strlen(CRUMB),
						r->sep, 0);
				cx += CRUMB_W;
			}
		}
		if (iw > w - cx)
			iw = w - cx;
		if (c && line < max_lines) {
			if (ellipsis)
				canvas_put(c, x + cx, y + line, 1, ELLIPSIS, strlen(ELLIPSIS),
					r->sep, 0);
			else
				canvas_put_elided(c, x + cx, y + line, iw,
					calltree_name(p->t, p->ids[i]),
					calltree_name_len(p->t, p->ids[i]),
					i + 1 == p->n ? r->last : r->name, 0);
		}
		cx += iw;
	}
	return line + 1;
}

int
flame_draw_path(const struct flame_state *st, struct canvas *c, int x, int y,
	int w, int lines, uint32_t node, const struct path_roles *roles)
{
	const struct calltree *t = st->s->tree;
	struct path p = { .t = t };
	size_t depth = calltree_node(t, node)->depth, max_items, m;
	uint32_t id = node;
	int used = 1;

	if (w <= 0 || lines <= 0)
		return 0;
	/* the synthetic "all" stays out of paths below it */
	p.n = node == CT_ROOT ? 1 : depth;
	/* only the ends can be shown: an item takes at least 4 cells */
	max_items = (size_t)lines * (size_t)w / 4 + 2;
	p.ids = xmalloc(p.n * sizeof *p.ids);
	p.cells = xmalloc(p.n * sizeof *p.cells);
	for (size_t i = p.n; i-- > 0; id = calltree_node(t, id)->parent) {
		p.ids[i] = id;
		p.cells[i] = -1;
	}
	p.cap = w / 3 > 16 ? w / 3 : 16;
	if (p.n <= max_items && put_path(&p, NULL, x, y, w, lines, p.n, 0, roles) <= lines) {
		used = put_path(&p, c, x, y, w, lines, p.n, 0, roles);
		goto out;
	}
	/* drop items from the middle, keeping the root end (a third of what
	 * is shown; just the first on one line) and the frame's end */
	for (m = p.n - 1 < max_items ? p.n - 1 : max_items; m >= 1; m--) {
		size_t head = lines == 1 ? (m >= 3 ? 1 : 0) : m / 3, tail = m - head;

		if (put_path(&p, NULL, x, y, w, lines, head, tail, roles) <= lines) {
			used = put_path(&p, c, x, y, w, lines, head, tail, roles);
			goto out;
		}
	}
	/* not even "… › name": the name alone */
	if (c)
		canvas_put_elided(c, x, y, w, calltree_name(t, node), calltree_name_len(t, node),
			roles->last, 0);
out:
	free(p.ids);
	free(p.cells);
	return used;
}
