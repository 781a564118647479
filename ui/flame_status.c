/* The flame view's title line (file, total, orientation, zoom) and its
 * status lines (the selected frame's full name, value, shares, self). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "calltree.h"
#include "flame_view.h"
#include "palette.h"
#include "profile.h"
#include "session.h"
#include "units.h"

#define SEP " \xc2\xb7 "   /* " · " */

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

static const char *
unit_of(const struct flame_state *st)
{
	const struct session *s = st->s;

	if (s->prof.n_types == 0 || s->query.type_a < 0)
		return UNIT_SAMPLES;
	return profile_type_unit(&s->prof, s->query.type_a);
}

/* A node's name, capped: the status and title lines never need more. */
static void
add_name(struct text *t, const struct calltree *tree, uint32_t id, size_t cap)
{
	size_t len = calltree_name_len(tree, id);

	add(t, "%.*s", (int)(len < cap ? len : cap), calltree_name(tree, id));
}

void
flame_draw_title(const struct flame_state *st, struct canvas *c,
	const struct flame_geom *g)
{
	const struct session *s = st->s;
	const struct calltree *tree = s->tree;
	const char *file = s->prof.source ? s->prof.source : "scorch";
	struct text t = { .len = 0 };
	int room, used;
	char v[64];

	canvas_fill(c, 0, g->title_y, g->width, ROLE_TITLE, 0);
	units_format(calltree_node(tree, CT_ROOT)->total[0], unit_of(st), v, sizeof v);
	if (s->prof.n_types > 0 && s->query.type_a >= 0 &&
	    strcmp(profile_type_name(&s->prof, s->query.type_a), unit_of(st)) != 0)
		add(&t, SEP "%s %s", profile_type_name(&s->prof, s->query.type_a), v);
	else
		add(&t, SEP "%s", v);
	add(&t, SEP "%s%s", st->flame ? "flame graph" : "icicle",
		s->query.inverted ? ", inverted" : "");
	if (st->zoom != CT_ROOT) {
		add(&t, SEP "zoom: ");
		add_name(&t, tree, st->zoom, 256);
	}
	/* the file name gives way first, from its middle */
	room = g->width - 1 - canvas_text_width(t.buf, t.len);
	if (room < 12)
		room = 12;
	used = 1 + canvas_put_elided(c, 1, g->title_y, room, file, strlen(file),
		ROLE_TITLE, 0);
	canvas_put_untrusted(c, used, g->title_y, g->width - used, t.buf, t.len,
		ROLE_TITLE, 0);
}

/* "12.4 ms · 41.2% of all · 83.0% of zoom · self 1.2 ms · kernel" */
static void
describe(const struct flame_state *st, const struct span *anchor, struct text *t)
{
	const struct calltree *tree = st->s->tree;
	const struct ct_node *n = calltree_node(tree, st->sel);
	double all = calltree_node(tree, CT_ROOT)->total[0];
	double zoom = calltree_node(tree, st->zoom)->total[0];
	const char *unit = unit_of(st);
	char v[64], p[32];

	add(t, " %s", units_format(n->total[0], unit, v, sizeof v));
	add(t, SEP "%s of all", units_format_percent(n->total[0], all, p, sizeof p));
	if (st->zoom != CT_ROOT && calltree_is_ancestor(tree, st->zoom, st->sel))
		add(t, SEP "%s of zoom", units_format_percent(n->total[0], zoom, p, sizeof p));
	add(t, SEP "self %s", units_format(n->self[0], unit, v, sizeof v));
	if (n->frame != FRAME_NONE) {
		enum frame_kind k = (enum frame_kind)profile_frame(tree->prof, n->frame)->kind;

		if (k != FRAME_USER)
			add(t, SEP "%s", frame_kind_name(k));
	}
	if (anchor && anchor->kind == SPAN_AGGREGATE)
		add(t, SEP "in +%u (%s together)", anchor->agg_count,
			units_format_percent(anchor->agg_value, all, p, sizeof p));
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
	int y = g->status_y, w = g->width, used, hw;
	char hint[48];

	for (int i = 0; i < g->status_h; i++)
		canvas_fill(c, 0, y + i, w, ROLE_STATUS, 0);
	if (message && message[0]) {
		add(&t, " %s", message);
	} else {
		describe(st, anchor, &t);
	}
	if (g->status_h == 1) {
		/* one line: the name gets what the numbers leave, at least half */
		int tw = canvas_text_width(t.buf, t.len), room = w - tw - 1;

		if (room < w / 2)
			room = w / 2;
		used = canvas_put_elided(c, 0, y, room, name, len, ROLE_STATUS_NAME, 0);
		canvas_put_untrusted(c, used, y, w - used, t.buf, t.len,
			message && message[0] ? ROLE_MESSAGE : ROLE_STATUS, 0);
		return;
	}
	used = w >= 20 ? 1 : 0;
	canvas_put_elided(c, used, y, w - 2 * used, name, len, ROLE_STATUS_NAME, 0);
	used = canvas_put_untrusted(c, 0, y + 1, w, t.buf, t.len,
		message && message[0] ? ROLE_MESSAGE : ROLE_STATUS, 0);
	if (!help_key)
		return;
	snprintf(hint, sizeof hint, "%s help ", help_key);
	hw = canvas_text_width(hint, strlen(hint));
	if (used + hw + 1 < w)
		canvas_put(c, w - hw, y + 1, hw, hint, strlen(hint), ROLE_STATUS, 0);
}
