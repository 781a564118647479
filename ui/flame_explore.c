/* The flame view's search and query lines (see flame_explore.h).
 *
 * The search result (matched shares, the order n and N walk) is rebuilt
 * lazily: whenever the tree it was built for is not the one shown, which
 * covers rebuilds made elsewhere (inverting, another sample type, the
 * sibling order). Highlighting needs no result: it asks the search's per
 * frame cache. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "breadcrumb.h"
#include "calltree.h"
#include "explore.h"
#include "flame_explore.h"
#include "palette.h"
#include "prompt.h"
#include "sandwich_view.h"
#include "session.h"
#include "units.h"
#include "xmalloc.h"

/* The graph keeps at least this many lines besides the query lines. */
#define MIN_HEIGHT 8

static struct flame_explore *
ensure(struct flame_state *st)
{
	if (!st->explore) {
		st->explore = xcalloc(1, sizeof *st->explore);
		search_init(&st->explore->search);
		search_result_init(&st->explore->result);
		st->explore->search_zoom = CT_NONE;
	}
	return st->explore;
}

static bool
searching(const struct flame_state *st)
{
	return st->explore && search_active(&st->explore->search);
}

/* Makes the result describe the tree shown. */
static void
sync(struct flame_state *st)
{
	struct flame_explore *x = st->explore;
	const struct calltree *t = st->s->tree;

	if (!searching(st))
		return;
	if (x->result_ok && x->tree == t && x->nodes == t->nodes && x->n_nodes == t->n &&
	    x->order == (int)t->order && x->type_a == t->query.type_a &&
	    x->inverted == t->query.inverted)
		return;
	search_result_build(&x->result, &x->search, t);
	x->tree = t;
	x->nodes = t->nodes;
	x->n_nodes = t->n;
	x->order = (int)t->order;
	x->type_a = t->query.type_a;
	x->inverted = t->query.inverted;
	x->result_ok = true;
}

/* The search or the tree changed: the result is stale, and a new walk
 * through the matches begins. */
static void
changed(struct flame_state *st)
{
	if (st->explore) {
		st->explore->result_ok = false;
		st->explore->search_zoom = CT_NONE;
	}
}

bool
flame_explore_matches(struct flame_state *st, uint32_t node)
{
	return searching(st) && search_node_matches(&st->explore->search, st->s->tree, node);
}

int
flame_explore_lines(struct flame_state *st, int height)
{
	int n = (searching(st) ? 1 : 0) + (breadcrumb_active(st->s) ? 1 : 0);

	while (n > 0 && height - n < MIN_HEIGHT)
		n--;
	sync(st);
	return n;
}

void
flame_explore_geom(struct flame_state *st, int width, int height,
	struct flame_geom *g)
{
	int extra = flame_explore_lines(st, height);

	flame_geom(width, height - extra, st->details, g);
	g->status_y += extra;
}

/* "/regex/", "/regex/i" or the exact name, in the match colour. */
static int
put_pattern(struct canvas *c, int x, int y, int w, const struct search *s)
{
	int used = 0;

	if (w <= 2)
		return 0;
	if (s->exact)
		return canvas_put_elided(c, x, y, w, s->text, s->text_len, ROLE_MATCH, 0);
	used += canvas_put(c, x, y, 1, "/", 1, ROLE_MATCH, 0);
	used += canvas_put_elided(c, x + used, y, w - 2 - (s->icase ? 1 : 0), s->text,
		s->text_len, ROLE_MATCH, 0);
	used += canvas_put(c, x + used, y, 1, "/", 1, ROLE_MATCH, 0);
	if (s->icase)
		used += canvas_put(c, x + used, y, 1, "i", 1, ROLE_MATCH, 0);
	return used;
}

static int
pattern_cells(const struct search *s)
{
	int w = canvas_text_width(s->text, s->text_len);

	return s->exact ? w : w + 2 + (s->icase ? 1 : 0);
}

/* " 3/17 · matched 28.4% of all · 50.0% of zoom": the most important
 * first, each left out when it does not fit. */
static void
draw_search_line(struct flame_state *st, struct canvas *c, int y, int w)
{
	struct flame_explore *x = st->explore;
	const struct calltree *t = st->s->tree;
	const struct search_result *r = &x->result;
	char parts[4][96], pct[32];
	int widths[4], room, pw, cx = 1;
	size_t idx = search_result_index(r, st->sel);
	double all = calltree_node(t, CT_ROOT)->total;
	double zoom = calltree_node(t, st->zoom)->total;

	if (r->n == 0)
		snprintf(parts[0], sizeof parts[0], " no match");
	else if (idx != SIZE_MAX)
		snprintf(parts[0], sizeof parts[0], " %zu/%zu", idx + 1, r->n);
	else
		snprintf(parts[0], sizeof parts[0], " %zu match%s", r->n, r->n == 1 ? "" : "es");
	snprintf(parts[1], sizeof parts[1], " \xc2\xb7 %s of all",
		units_format_percent(search_result_matched(r, CT_ROOT), all, pct, sizeof pct));
	parts[2][0] = '\0';
	if (st->zoom != CT_ROOT)
		snprintf(parts[2], sizeof parts[2], " \xc2\xb7 %s of zoom",
			units_format_percent(search_result_matched(r, st->zoom), zoom, pct,
				sizeof pct));
	snprintf(parts[3], sizeof parts[3], "%s", x->search.exact ? " \xc2\xb7 every instance" : "");
	for (int i = 0; i < 4; i++)
		widths[i] = canvas_text_width(parts[i], strlen(parts[i]));
	/* the pattern gets what the numbers leave, and at least 8 cells */
	room = w - 1 - widths[0] - widths[1];
	pw = pattern_cells(&x->search);
	if (pw > room)
		pw = room > 8 ? room : 8;
	cx += put_pattern(c, cx, y, pw, &x->search);
	for (int i = 0; i < 4; i++) {
		if (!parts[i][0] || cx + widths[i] > w)
			continue;
		cx += canvas_put(c, cx, y, w - cx, parts[i], strlen(parts[i]),
			i == 0 ? ROLE_DEFAULT : ROLE_LABEL, i == 0 ? ATTR_BOLD : 0);
	}
}

void
flame_explore_draw(struct flame_state *st, struct canvas *c, const struct flame_geom *g)
{
	int n = flame_explore_lines(st, c->height), y = g->status_y - n;

	if (n <= 0)
		return;
	if (breadcrumb_active(st->s) && (n == 2 || !searching(st))) {
		canvas_fill(c, 0, y, g->width, ROLE_DEFAULT, 0);
		breadcrumb_draw(c, 1, y, g->width - 2, st->s);
		y++;
	}
	if (searching(st) && y < g->status_y) {
		canvas_fill(c, 0, y, g->width, ROLE_DEFAULT, 0);
		draw_search_line(st, c, y, g->width);
	}
}

void
flame_explore_free(struct flame_state *st)
{
	struct flame_explore *x = st->explore;

	if (!x)
		return;
	search_free(&x->search);
	search_result_free(&x->result);
	free(x->saved);
	free(x);
	st->explore = NULL;
}

/* --- walking the matches ------------------------------------------------ */

/* Whether node gets a span when zoom is full width: its share of the
 * zoom's width, with room for rounding. */
static bool
drawable(const struct calltree *t, uint32_t node, uint32_t zoom, int width)
{
	double z = calltree_node(t, zoom)->total;

	if (!calltree_is_ancestor(t, zoom, node))
		return false;
	if (node == zoom)
		return true;
	return z > 0 && calltree_node(t, node)->total * width >= 1.5 * z;
}

/* Zooms for a match; a zoom made for the match before is replaced, not
 * remembered, so that zoom-out goes back to where the walk began. */
static void
zoom_to(struct flame_state *st, uint32_t node)
{
	struct flame_explore *x = ensure(st);

	if (x->search_zoom != st->zoom) {
		st->history = xgrow(st->history, &st->cap_history, st->n_history + 1,
			sizeof *st->history);
		st->history[st->n_history++] = st->zoom;
	}
	st->zoom = node;
	x->search_zoom = node;
}

/* Selects node, zooming out or in when the zoom does not draw it: to
 * the highest of its callers under which it is still drawn. */
static void
go_to(struct view *v, struct flame_state *st, uint32_t node)
{
	const struct calltree *t = st->s->tree;
	struct flame_geom g;

	flame_explore_geom(st, v->ui->canvas.width, v->ui->canvas.height, &g);
	if (!drawable(t, node, st->zoom, g.graph_w)) {
		uint32_t a = node;

		while (calltree_node(t, a)->parent != CT_NONE &&
		       drawable(t, node, calltree_node(t, a)->parent, g.graph_w))
			a = calltree_node(t, a)->parent;
		if (a != st->zoom)
			zoom_to(st, a);
	}
	st->sel = node;
	st->pin_sel = true;
	st->dirty = true;
}

static unsigned
search_step(struct view *v, struct flame_state *st, int dir)
{
	uint32_t to;

	if (!searching(st)) {
		ui_message(v->ui, "Nothing to find: search first");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	sync(st);
	to = search_result_next(&st->explore->result, st->sel, dir);
	if (to == CT_NONE) {
		ui_message(v->ui, "No frame matches");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	go_to(v, st, to);
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* --- the search prompt --------------------------------------------------- */

static void
count_note(struct flame_state *st, char *note, size_t size)
{
	sync(st);
	if (st->explore->result.n == 0)
		snprintf(note, size, "no match");
	else
		snprintf(note, size, "%zu match%s", st->explore->result.n,
			st->explore->result.n == 1 ? "" : "es");
}

/* Sets the search from the prompt's text; false for a bad regex. */
static bool
set_from_prompt(struct flame_state *st, const char *text, bool icase, char *note,
	size_t size)
{
	struct flame_explore *x = ensure(st);
	struct error err;

	x->icase = icase;
	changed(st);
	if (!text[0]) {
		search_clear(&x->search);
		return true;
	}
	error_clear(&err);
	if (search_set_regex(&x->search, text, icase, &err) < 0) {
		snprintf(note, size, "not a valid regex yet");
		return false;
	}
	count_note(st, note, size);
	return true;
}

static void
search_changed(struct view *owner, int arg, const char *text, bool icase, char *note,
	size_t size)
{
	(void)arg;
	set_from_prompt(owner->state, text, icase, note, size);
}

static bool
search_accept(struct view *owner, int arg, const char *text, bool icase, char *note,
	size_t size)
{
	struct flame_state *st = owner->state;

	(void)arg;

	if (!set_from_prompt(st, text, icase, note, size)) {
		struct search probe;
		struct error err;
		char msg[300];

		/* say why, now that the pattern is meant to be complete */
		search_init(&probe);
		error_clear(&err);
		search_set_regex(&probe, text, icase, &err);
		search_free(&probe);
		snprintf(note, size, "%s", error_format(&err, msg, sizeof msg));
		return false;
	}
	if (!searching(st))
		return true;
	sync(st);
	if (st->explore->result.n == 0)
		ui_message(owner->ui, "No frame matches /%s/", text);
	else if (!search_node_matches(&st->explore->search, st->s->tree, st->sel))
		go_to(owner, st, search_result_next(&st->explore->result, st->sel, 1));
	return true;
}

static void
search_cancel(struct view *owner, int arg)
{
	struct flame_state *st = owner->state;
	struct flame_explore *x = ensure(st);
	struct error err;

	(void)arg;
	changed(st);
	error_clear(&err);
	if (!x->saved)
		search_clear(&x->search);
	else if (x->saved_exact)
		search_set_name(&x->search, x->saved, x->saved_len);
	else
		search_set_regex(&x->search, x->saved, x->saved_icase, &err);
}

static const struct prompt_ops search_prompt = {
	.changed = search_changed,
	.accept = search_accept,
	.cancel = search_cancel,
};

static unsigned
search_open(struct view *v, struct flame_state *st)
{
	struct flame_explore *x = ensure(st);
	struct prompt_setup ps = {
		.label = "/", .icase = x->icase, .has_case = true, .ops = &search_prompt,
	};

	free(x->saved);
	x->saved = NULL;
	if (search_active(&x->search)) {
		x->saved = xstrndup(x->search.text, x->search.text_len);
		x->saved_len = x->search.text_len;
		x->saved_icase = x->search.icase;
		x->saved_exact = x->search.exact;
	}
	prompt_open(v->ui, &ps);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned
search_selected(struct view *v, struct flame_state *st)
{
	const struct calltree *t = st->s->tree;
	struct flame_explore *x;
	char pct[32];

	if (st->sel == CT_ROOT) {
		ui_message(v->ui, "Select a function first");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	x = ensure(st);
	changed(st);
	search_set_name(&x->search, calltree_name(t, st->sel), calltree_name_len(t, st->sel));
	sync(st);
	ui_message(v->ui, "%zu instance%s, %s of all", x->result.n, x->result.n == 1 ? "" : "s",
		units_format_percent(search_result_matched(&x->result, CT_ROOT),
			calltree_node(t, CT_ROOT)->total, pct, sizeof pct));
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned
toggle_case(struct view *v, struct flame_state *st)
{
	struct flame_explore *x = ensure(st);

	x->icase = !x->icase;
	if (search_active(&x->search) && !x->search.exact) {
		struct error err;
		char *text = xstrndup(x->search.text, x->search.text_len);

		error_clear(&err);
		changed(st);
		search_set_regex(&x->search, text, x->icase, &err);
		free(text);
	}
	ui_message(v->ui, x->icase ? "Searches ignore case" : "Searches match case");
	return VIEW_HANDLED | VIEW_REDRAW;
}

unsigned
flame_explore_action(struct view *v, enum action a)
{
	struct flame_state *st = v->state;
	const struct calltree *t = st->s->tree;

	switch (a) {
	case ACTION_SEARCH_REGEX:
		return search_open(v, st);
	case ACTION_SEARCH_NEXT:
		return search_step(v, st, 1);
	case ACTION_SEARCH_PREV:
		return search_step(v, st, -1);
	case ACTION_SEARCH_SELECTED:
		return search_selected(v, st);
	case ACTION_SEARCH_CLEAR:
		if (!searching(st))
			return VIEW_HANDLED;
		search_clear(&st->explore->search);
		changed(st);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_TOGGLE_SEARCH_CASE:
		return toggle_case(v, st);
	case ACTION_VIEW_SANDWICH: {
		struct view *sv;

		/* with the selected node as "this instance" */
		if (st->sel == CT_ROOT)
			break;
		if ((sv = explore_show(v->ui, &sandwich_view_ops)))
			sandwich_view_set(sv, calltree_name(t, st->sel),
				calltree_name_len(t, st->sel), t, st->sel);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	default:
		break;
	}
	if (st->sel == CT_ROOT)
		return explore_action(v, a, NULL, 0);
	return explore_action(v, a, calltree_name(t, st->sel), calltree_name_len(t, st->sel));
}

/* --- finding the place again after a rebuild ----------------------------- */

void
flame_mark_take(const struct flame_state *st, struct flame_mark *m)
{
	m->sel = calltree_frame_path(st->s->tree, st->sel, &m->n_sel);
	m->zoom = calltree_frame_path(st->s->tree, st->zoom, &m->n_zoom);
}

/* Follows frames[0..n) from the root: the node at its end, or with
 * whole false the deepest one on the way that holds a value. */
static uint32_t
follow(const struct calltree *t, const uint32_t *frames, size_t n, bool *whole)
{
	uint32_t id = CT_ROOT;
	size_t i = 0;

	for (; i < n; i++) {
		uint32_t c = calltree_node(t, id)->first_child;

		while (c != CT_NONE && calltree_node(t, c)->frame != frames[i])
			c = calltree_node(t, c)->next_sibling;
		if (c == CT_NONE)
			break;
		id = c;
	}
	*whole = i == n;
	return id;
}

/* The heaviest node of a frame, CT_NONE when it is gone. */
static uint32_t
heaviest(const struct calltree *t, uint32_t frame)
{
	uint32_t best = CT_NONE;

	for (uint32_t i = 1; i < t->n; i++)
		if (t->nodes[i].frame == frame &&
		    (best == CT_NONE || t->nodes[i].total > t->nodes[best].total))
			best = i;
	return best;
}

void
flame_mark_restore(struct flame_state *st, struct flame_mark *m)
{
	const struct calltree *t = st->s->tree;
	bool whole;
	uint32_t z = follow(t, m->zoom, m->n_zoom, &whole), sel;

	st->zoom = whole ? z : CT_ROOT;
	sel = follow(t, m->sel, m->n_sel, &whole);
	if (!whole && m->n_sel > 0) {
		uint32_t h = heaviest(t, m->sel[m->n_sel - 1]);

		if (h != CT_NONE)
			sel = h;
	}
	if (!calltree_is_ancestor(t, st->zoom, sel))
		st->zoom = CT_ROOT;
	st->sel = sel;
	st->n_history = 0;
	st->top = 0;
	st->dirty = true;
	st->pin_sel = true;
	changed(st);
	free(m->sel);
	free(m->zoom);
	m->sel = m->zoom = NULL;
}
