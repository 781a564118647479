/* The details pane of the flame view: everything known about the
 * selected frame, one labelled row each, in a column on the right of
 * wide screens or below the graph. Rows that the profile has nothing for
 * are left out; the call path takes the lines that remain. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "calltree.h"
#include "flame_view.h"
#include "pair_ui.h"
#include "palette.h"
#include "profile.h"
#include "session.h"
#include "units.h"

#define SEP " \xc2\xb7 "   /* " · " */
#define LABEL_W 8

struct pane {
	struct canvas *c;
	int x, y, w;        /* the text area */
	int line, lines;    /* next line, lines in all */
};

/* A labelled row; its value wraps over at most max_lines lines. */
static void
row(struct pane *p, const char *label, const char *value, size_t len,
	int max_lines, unsigned role)
{
	int room = p->lines - p->line, vw = p->w - LABEL_W;

	if (room <= 0 || vw <= 0)
		return;
	if (max_lines > room)
		max_lines = room;
	canvas_put(p->c, p->x, p->y + p->line, LABEL_W - 1, label, strlen(label),
		ROLE_LABEL, 0);
	p->line += canvas_put_wrapped(p->c, p->x + LABEL_W, p->y + p->line, vw,
		max_lines, 0, value, len, role, 0);
}

static void
text_row(struct pane *p, const char *label, const char *value)
{
	row(p, label, value, strlen(value), 2, ROLE_DEFAULT);
}

/* Rows about where the frame comes from: kind, module, source, address. */
static void
origin_rows(struct pane *p, const struct profile *prof, const struct frame *f)
{
	char buf[600];

	text_row(p, "kind", frame_kind_name((enum frame_kind)f->kind));
	if (f->module) {
		const char *m = strtab_get(&prof->strings, f->module);

		row(p, "module", m, strlen(m), 2, ROLE_DEFAULT);
	}
	if (f->file) {
		const char *file = strtab_get(&prof->strings, f->file);
		int n;

		if (f->line)
			n = snprintf(buf, sizeof buf, "%s:%" PRIu32, file, f->line);
		else
			n = snprintf(buf, sizeof buf, "%s", file);
		row(p, "source", buf, n < (int)sizeof buf ? (size_t)n : sizeof buf - 1, 2,
			ROLE_DEFAULT);
	}
	if (f->address || f->detail) {
		int n = 0;

		if (f->address)
			n = snprintf(buf, sizeof buf, "0x%" PRIx64, f->address);
		if (f->detail)
			n += snprintf(buf + n, sizeof buf - (size_t)n, "%s%s", n ? " " : "",
				strtab_get(&prof->strings, f->detail));
		row(p, "address", buf, strlen(buf), 1, ROLE_DEFAULT);
	}
}

void
flame_draw_details(const struct flame_state *st, struct canvas *c,
	const struct flame_geom *g, const struct span *anchor)
{
	const struct session *s = st->s;
	const struct calltree *t = s->tree;
	const struct ct_node *n = calltree_node(t, st->sel);
	double all = calltree_node(t, CT_ROOT)->total;
	const char *unit = session_unit(s);
	struct pane p = { .c = c };
	char v[64], pct[32], buf[256];
	int len;
	static const struct path_roles path_roles = {
		.name = ROLE_DEFAULT, .last = ROLE_HELP_KEY, .sep = ROLE_LABEL,
	};

	for (int i = 0; i < g->det_h; i++)
		canvas_fill(c, g->det_x, g->det_y + i, g->det_w, ROLE_DEFAULT, 0);
	if (g->det_side) {
		for (int i = 0; i < g->det_h; i++)
			canvas_put(c, g->det_x - 1, g->det_y + i, 1, "\xe2\x94\x82", 3,
				ROLE_BORDER, 0);
		p.x = g->det_x + 1;
		p.y = g->det_y;
		p.w = g->det_w - 1;
		p.lines = g->det_h;
	} else {
		for (int i = 0; i < g->det_w; i++)
			canvas_put(c, g->det_x + i, g->det_y, 1, "\xe2\x94\x80", 3,
				ROLE_BORDER, 0);
		canvas_put(c, g->det_x + 1, g->det_y, g->det_w - 2, " details ", 9,
			ROLE_LABEL, 0);
		p.x = g->det_x + 1;
		p.y = g->det_y + 1;
		p.w = g->det_w - 2;
		p.lines = g->det_h - 1;
	}
	if (p.w <= LABEL_W)
		return;

	/* the name in full, up to a third of the pane */
	row(&p, "name", calltree_name(t, st->sel), calltree_name_len(t, st->sel),
		p.lines / 3 > 1 ? p.lines / 3 : 1, ROLE_HELP_HEADING);
	len = snprintf(buf, sizeof buf, "%s" SEP "%s of all",
		units_format(n->total, unit, v, sizeof v),
		units_format_percent(n->total, all, pct, sizeof pct));
	if (st->zoom != CT_ROOT && calltree_is_ancestor(t, st->zoom, st->sel))
		len += snprintf(buf + len, sizeof buf - (size_t)len, SEP "%s of zoom",
			units_format_percent(n->total, calltree_node(t, st->zoom)->total,
				pct, sizeof pct));
	text_row(&p, "total", buf);
	snprintf(buf, sizeof buf, "%s" SEP "%s of all",
		units_format(n->self, unit, v, sizeof v),
		units_format_percent(n->self, all, pct, sizeof pct));
	text_row(&p, "self", buf);
	if (st->pair) {
		/* a diff's before and after, hot/cold's on- and off-CPU time */
		struct pair_row pr[PAIR_ROWS_MAX];
		size_t np = pair_ui_details(st->pair, st->sel, pr, PAIR_ROWS_MAX);

		for (size_t i = 0; i < np; i++)
			text_row(&p, pr[i].label, pr[i].value);
	} else if (s->query.type_b >= 0 && (size_t)s->query.type_b < s->prof.n_types) {
		/* the second series: the baseline of a diff, or off-CPU time */
		const char *ub = profile_type_unit(&s->prof, s->query.type_b);
		char vb[64];

		snprintf(buf, sizeof buf, "%s: %s" SEP "self %s",
			profile_type_name(&s->prof, s->query.type_b),
			units_format(calltree_total(t, st->sel, 1), ub, v, sizeof v),
			units_format(calltree_self(t, st->sel, 1), ub, vb, sizeof vb));
		row(&p, "b", buf, strlen(buf), 2, ROLE_DEFAULT);
	}
	if (n->frame != FRAME_NONE)
		origin_rows(&p, t->prof, profile_frame(t->prof, n->frame));
	if (anchor && anchor->kind == SPAN_AGGREGATE) {
		snprintf(buf, sizeof buf, "in +%u, too narrow to draw (%s together)",
			anchor->agg_count, units_format_percent(anchor->agg_value, all, pct,
				sizeof pct));
		text_row(&p, "shown", buf);
	}
	if (st->sel != CT_ROOT && p.line < p.lines) {
		canvas_put(c, p.x, p.y + p.line, LABEL_W - 1, "path", 4, ROLE_LABEL, 0);
		flame_draw_path(st, c, p.x + LABEL_W, p.y + p.line, p.w - LABEL_W,
			p.lines - p.line, st->sel, &path_roles);
	}
}
