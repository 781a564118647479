/* The two-profile modes of the flame view: their state, the keys that
 * change what is compared or how it is coloured, and moving the view to
 * a function or stack picked in one of the lists. Drawing is in
 * pair_draw.c. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "changes_view.h"
#include "delta_view.h"
#include "flame_explore.h"
#include "pair.h"
#include "pair_ui.h"
#include "profile.h"
#include "session.h"
#include "units.h"
#include "xmalloc.h"

/* Noise thresholds the keys step through, in percent. */
static const double noise_steps[] = {
	0, 0.05, 0.1, 0.2, 0.5, 1, 2, 5, 10, 20
};
#define N_NOISE (sizeof noise_steps / sizeof noise_steps[0])

struct pair_ui *
pair_ui_open(struct session *s, struct ui *ui)
{
	struct pair_ui *p;
	struct cold_types ct;
	bool diff = s->prof.differential, cold = !diff && hotcold_types(&s->prof, &ct);

	if (!diff && !cold)
		return NULL;
	p = xcalloc(1, sizeof *p);
	p->mode = diff ? PAIR_UI_DIFF : PAIR_UI_COLD;
	p->s = s;
	p->ui = ui;
	p->mono = ui->mono;
	p->legend_y = -1;
	if (s->opts) {
		pair_diff_settings(&s->opts->pair, &p->set);
		p->palette = s->opts->colorblind ? DIFF_PALETTE_COLORBLIND
			: DIFF_PALETTE_DEFAULT;
	} else {
		diff_settings_default(&p->set);
	}
	if (diff && pair_ui_diffstat(p))
		p->by_threads = p->d.has_threads;
	return p;
}

void
pair_ui_free(struct pair_ui *p)
{
	if (!p)
		return;
	if (p->have_d)
		diffstat_free(&p->d);
	free(p);
}

const struct diffstat *
pair_ui_diffstat(struct pair_ui *p)
{
	if (!p || p->mode != PAIR_UI_DIFF || !p->s->tree)
		return NULL;
	if (p->have_d && p->built_for == p->s->generation)
		return &p->d;
	if (p->have_d)
		diffstat_free(&p->d);
	p->have_d = diffstat_build(&p->d, p->s->tree, &p->set) == 0;
	p->built_for = p->s->generation;
	return p->have_d ? &p->d : NULL;
}

struct view *
pair_ui_flame_below(struct view *v)
{
	for (; v; v = v->below)
		if (v->ops == &flame_view_ops)
			return v;
	return NULL;
}

const char *
pair_ui_mode_hint(enum action a)
{
	switch (a) {
	case ACTION_COLD_CYCLE_VIEW:
	case ACTION_COLD_TOGGLE_IDLE:
		return "hot/cold profile (scorch --cold OFFCPU ONCPU)";
	case ACTION_TOGGLE_PALETTE:
		return "diff (scorch --diff BEFORE AFTER) or a hot/cold profile";
	default:
		return "diff (scorch --diff BEFORE AFTER)";
	}
}

/* ---- diff keys ---- */

static const char *
width_text(int w)
{
	switch (w) {
	case DIFF_WIDTH_BEFORE:
		return "BEFORE (as flamegraph.pl --negate)";
	case DIFF_WIDTH_MAX:
		return "the larger of BEFORE and AFTER: gone stacks show too";
	default:
		return "AFTER (as flamegraph.pl)";
	}
}

/* Rebuilds the tree after the query changed, keeping the view on the
 * same frames. */
static void
rebuild(struct flame_state *st)
{
	struct flame_mark m;

	flame_mark_take(st, &m);
	session_rebuild(st->s);
	flame_mark_restore(st, &m);
}

static void
set_width(struct flame_state *st, int w)
{
	diff_query(&st->s->query, &st->s->prof, (enum diff_width)w);
	rebuild(st);
}

static unsigned
cycle_width(struct view *v, struct flame_state *st)
{
	int w = diff_query_width(&st->s->query, &st->s->prof);

	w = w < 0 ? DIFF_WIDTH_AFTER : (w + 1) % 3;
	set_width(st, w);
	ui_message(v->ui, "Widths from %s", width_text(w));
	return VIEW_HANDLED | VIEW_REDRAW;
}

static void
reclassify(struct pair_ui *p)
{
	if (pair_ui_diffstat(p))
		diffstat_reclassify(&p->d, p->set.metric, p->set.noise);
}

static unsigned
cycle_metric(struct view *v, struct pair_ui *p)
{
	const struct diffstat *d = pair_ui_diffstat(p);

	if (p->by_threads) {
		p->by_threads = false;
		p->set.metric = DIFF_BY_SHARE;
	} else if (p->set.metric == DIFF_BY_SHARE) {
		p->set.metric = DIFF_BY_ABSOLUTE;
	} else if (d && d->has_threads) {
		p->by_threads = true;
	} else {
		p->set.metric = DIFF_BY_SHARE;
	}
	reclassify(p);
	if (p->by_threads)
		ui_message(v->ui, "Colours: the threads of AFTER, stuck (same stack in "
			"both dumps) or progressing");
	else if (p->set.metric == DIFF_BY_SHARE)
		ui_message(v->ui, "Colours: change of share, in percentage points "
			"(each profile's total counts as 100%%)");
	else
		ui_message(v->ui, "Colours: absolute change, in %% of the BEFORE total");
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned
step_noise(struct view *v, struct pair_ui *p, int dir)
{
	double old = p->set.noise, n = old;
	char suffix[8];

	if (dir > 0) {
		for (size_t i = 0; i < N_NOISE; i++)
			if (noise_steps[i] > old + 1e-9) {
				n = noise_steps[i];
				break;
			}
	} else {
		for (size_t i = N_NOISE; i-- > 0;)
			if (noise_steps[i] < old - 1e-9) {
				n = noise_steps[i];
				break;
			}
	}
	snprintf(suffix, sizeof suffix, "%s",
		p->set.metric == DIFF_BY_SHARE ? "pp" : "%");
	if (n == old) {
		ui_message(v->ui, "Noise threshold stays %g%s: the %s step", old, suffix,
			dir > 0 ? "last" : "first");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	p->set.noise = n;
	reclassify(p);
	ui_message(v->ui, "Noise threshold %g%s: smaller changes stay neutral", n, suffix);
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* ---- hot/cold keys ---- */

static unsigned
cold_rebuild(struct view *v, struct flame_state *st, int view, bool idle,
	bool idle_changed)
{
	struct session *s = st->s;
	struct cold_types ct;
	char a[64], b[64], what[96], more[160] = "";

	hotcold_query(&s->query, &s->prof, (enum cold_view)view, idle);
	rebuild(st);
	snprintf(what, sizeof what, "%s%s",
		view == COLD_VIEW_ON ? "On-CPU time only" :
		view == COLD_VIEW_OFF ? "Off-CPU time only" :
		"Wall time: on-CPU (warm) and off-CPU (cool)",
		view == COLD_VIEW_ON && !idle_changed ? "" :
		idle ? ", idle waits included" : ", idle waits left out");
	if (idle_changed && hotcold_types(&s->prof, &ct)) {
		double off = profile_total(&s->prof, ct.off);
		double all = profile_total(&s->prof, ct.off_all);

		if (all == off)
			snprintf(more, sizeof more, " (no wait matches the idle pattern)");
		else
			snprintf(more, sizeof more, " (%s of %s off-CPU time)",
				units_format(all - off, UNIT_NANOSECONDS, a, sizeof a),
				units_format(all, UNIT_NANOSECONDS, b, sizeof b));
	}
	ui_message(v->ui, "%s%s", what, more);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned
cold_action(struct view *v, struct flame_state *st, enum action a)
{
	struct cold_map m;

	hotcold_map(&st->s->query, &st->s->prof, &m);
	if (m.view < 0)
		m.view = COLD_VIEW_BOTH;
	if (a == ACTION_COLD_CYCLE_VIEW)
		return cold_rebuild(v, st, (m.view + 1) % 3, m.idle, false);
	return cold_rebuild(v, st, m.view, !m.idle, true);
}

/* ---- dispatch ---- */

static bool
wants(enum action a, enum pair_ui_mode *mode)
{
	switch (a) {
	case ACTION_DIFF_CYCLE_WIDTH:
	case ACTION_DIFF_CYCLE_METRIC:
	case ACTION_DIFF_NOISE_UP:
	case ACTION_DIFF_NOISE_DOWN:
	case ACTION_VIEW_DELTA:
	case ACTION_VIEW_CHANGES:
		*mode = PAIR_UI_DIFF;
		return true;
	case ACTION_COLD_CYCLE_VIEW:
	case ACTION_COLD_TOGGLE_IDLE:
		*mode = PAIR_UI_COLD;
		return true;
	case ACTION_TOGGLE_PALETTE:
		*mode = PAIR_UI_DIFF;   /* either will do */
		return true;
	default:
		return false;
	}
}

unsigned
pair_ui_action(struct view *v, enum action a)
{
	struct flame_state *st = v ? v->state : NULL;
	struct pair_ui *p = st ? st->pair : NULL;
	enum pair_ui_mode mode;

	if (!v || !wants(a, &mode))
		return VIEW_UNHANDLED;
	if (!p || (p->mode != mode && a != ACTION_TOGGLE_PALETTE)) {
		ui_message(v->ui, "%s: only in a %s", action_name(a), pair_ui_mode_hint(a));
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	switch (a) {
	case ACTION_DIFF_CYCLE_WIDTH:
		return cycle_width(v, st);
	case ACTION_DIFF_CYCLE_METRIC:
		return cycle_metric(v, p);
	case ACTION_DIFF_NOISE_UP:
	case ACTION_DIFF_NOISE_DOWN:
		if (p->by_threads) {
			ui_message(v->ui, "The noise threshold applies to the change colours: "
				"switch to them with %s", action_name(ACTION_DIFF_CYCLE_METRIC));
			return VIEW_HANDLED | VIEW_REDRAW;
		}
		return step_noise(v, p, a == ACTION_DIFF_NOISE_UP ? 1 : -1);
	case ACTION_VIEW_DELTA:
		if (ui_push(v->ui, &delta_view_ops) < 0)
			ui_message(v->ui, "No delta table: nothing to compare here");
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_VIEW_CHANGES:
		if (ui_push(v->ui, &changes_view_ops) < 0)
			ui_message(v->ui, "No gone or new stacks to list");
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_TOGGLE_PALETTE:
		if (p->mode == PAIR_UI_COLD) {
			ui_message(v->ui, "Hot/cold colours (orange on-CPU, blue off-CPU) "
				"are colour-blind safe already");
			return VIEW_HANDLED | VIEW_REDRAW;
		}
		p->palette = p->palette == DIFF_PALETTE_DEFAULT ? DIFF_PALETTE_COLORBLIND
			: DIFF_PALETTE_DEFAULT;
		ui_message(v->ui, "%s", p->palette == DIFF_PALETTE_COLORBLIND
			? "Colour-blind-safe palette: orange grew, blue shrank"
			: "Palette: red grew, blue shrank");
		return VIEW_HANDLED | VIEW_REDRAW;
	default:
		return cold_action(v, st, a);
	}
}

/* ---- moving the view to a node ---- */

static uint32_t
find_path(const struct calltree *t, const uint32_t *frames, size_t n)
{
	uint32_t id = CT_ROOT;

	for (size_t i = 0; i < n && id != CT_NONE; i++)
		id = calltree_child(t, id, frames[i]);
	return id;
}

/* Selects node, zooming out when it is outside the zoom and in when it
 * is too narrow to be drawn with its name's start. */
static void
select_visible(struct view *fv, struct flame_state *st, uint32_t node)
{
	const struct calltree *t = st->s->tree;
	struct flame_geom g;
	double zt, cells;
	uint32_t zoom = st->zoom;

	flame_explore_geom(st, fv->ui->canvas.width, fv->ui->canvas.height, &g);
	pair_ui_geom(st->pair, &g);
	if (!calltree_is_ancestor(t, zoom, node) && !calltree_is_ancestor(t, node, zoom))
		zoom = CT_ROOT;
	zt = calltree_node(t, zoom)->total;
	cells = zt > 0 ? calltree_node(t, node)->total / zt * g.graph_w : 0;
	if (calltree_is_ancestor(t, zoom, node) && cells < 3)
		zoom = node;
	if (zoom != st->zoom) {
		st->history = xgrow(st->history, &st->cap_history, st->n_history + 1,
			sizeof *st->history);
		st->history[st->n_history++] = st->zoom;
		st->zoom = zoom;
	}
	st->sel = node;
	st->pin_sel = true;
	st->dirty = true;
}

bool
pair_ui_show_path(struct view *fv, const uint32_t *frames, size_t n)
{
	struct flame_state *st = fv->state;
	struct pair_ui *p = st->pair;
	uint32_t node = find_path(st->s->tree, frames, n);

	if (node == CT_NONE)
		return false;
	if (calltree_node(st->s->tree, node)->total <= 0 && p &&
	    p->mode == PAIR_UI_DIFF &&
	    diff_query_width(&st->s->query, &st->s->prof) != DIFF_WIDTH_MAX) {
		set_width(st, DIFF_WIDTH_MAX);
		node = find_path(st->s->tree, frames, n);
		if (node == CT_NONE)
			return false;
		ui_message(fv->ui, "Widths from %s", width_text(DIFF_WIDTH_MAX));
	}
	select_visible(fv, st, node);
	return true;
}

bool
pair_ui_show_frame(struct view *fv, uint32_t frame)
{
	struct flame_state *st = fv->state;
	const struct calltree *t = st->s->tree;
	uint32_t best = CT_NONE, *path;
	double best_v = -1;
	size_t depth;
	bool ok;

	/* the heaviest node of the function; by either series, so that a
	 * function gone from the widths is found too */
	for (uint32_t i = 1; i < t->n; i++) {
		const struct ct_node *n = &t->nodes[i];
		double v = n->total > 0 ? n->total : calltree_total(t, i, 1) * 1e-12;

		if (n->frame == frame && v > best_v) {
			best = i;
			best_v = v;
		}
	}
	if (best == CT_NONE)
		return false;
	depth = calltree_node(t, best)->depth;
	path = xmalloc((depth ? depth : 1) * sizeof *path);
	for (uint32_t id = best, i = (uint32_t)depth; i-- > 0; id = calltree_node(t, id)->parent)
		path[i] = calltree_node(t, id)->frame;
	ok = pair_ui_show_path(fv, path, depth);
	free(path);
	return ok;
}

unsigned
pair_ui_list_action(struct view *v, struct view *fv, enum action own,
	enum action a, const char *where)
{
	struct ui *ui = v->ui;

	if (a == own) {
		ui_pop(ui);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	switch (a) {
	case ACTION_VIEW_DELTA:
	case ACTION_VIEW_CHANGES:
		ui_pop(ui);
		return pair_ui_action(fv, a);
	case ACTION_VIEW_CLOSE:
	case ACTION_QUIT:
	case ACTION_VIEW_HELP:
	case ACTION_VIEW_INFO:
	case ACTION_SCREEN_REDRAW:
		return VIEW_UNHANDLED;
	default:
		ui_message(ui, "%s does nothing in %s", action_name(a), where);
		return VIEW_HANDLED | VIEW_REDRAW;
	}
}
