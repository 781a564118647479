#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "explore.h"
#include "flame_explore.h"
#include "flame_view.h"
#include "picker_view.h"
#include "palette.h"
#include "profile.h"
#include "prompt.h"
#include "sandwich_view.h"
#include "session.h"
#include "top_view.h"
#include "xmalloc.h"

/* Names in messages are cut: the message line is one line. */
#define NAME_MAX_SHOWN 60

struct view *
explore_flame(const struct ui *ui)
{
	for (int i = 0; i < ui->n_views; i++)
		if (ui->views[i]->ops == &flame_view_ops)
			return ui->views[i];
	return NULL;
}

struct search *
explore_search(const struct ui *ui)
{
	struct view *fv = explore_flame(ui);
	struct flame_state *st = fv ? fv->state : NULL;

	if (!st || !st->explore || !search_active(&st->explore->search))
		return NULL;
	return &st->explore->search;
}

bool
explore_tree_empty(const struct ui *ui)
{
	const struct calltree *t = ui->s->tree;

	return !t || t->n <= 1 || calltree_empty(t, CT_ROOT);
}

void
explore_rebuild(struct ui *ui)
{
	struct view *fv = explore_flame(ui);
	struct flame_mark mark;

	if (fv)
		flame_mark_take(fv->state, &mark);
	session_rebuild(ui->s);
	if (fv)
		flame_mark_restore(fv->state, &mark);
	for (int i = 0; i < ui->n_views; i++) {
		struct view *v = ui->views[i];

		if (v->ops == &top_view_ops)
			top_view_rebuilt(v);
		else if (v->ops == &sandwich_view_ops)
			sandwich_view_rebuilt(v);
		else if (v->ops == &picker_view_ops)
			picker_view_rebuilt(v);
	}
}

/* "focus main": what a filter entry is, for messages. */
static void
describe(const struct filter_entry *e, char *buf, size_t size)
{
	size_t len = strlen(e->text);
	bool cut = len > NAME_MAX_SHOWN;
	const char *slash = e->exact || e->kind == FILTER_TAG ? "" : "/";

	snprintf(buf, size, "%s %s%.*s%s%s", filter_kind_name(e->kind), slash,
		(int)(cut ? NAME_MAX_SHOWN : len), e->text, cut ? "\xe2\x80\xa6" : "", slash);
}

/* After a push: rebuild, or take the filter back when nothing would be
 * left. Returns whether it stays. */
static bool
apply(struct ui *ui)
{
	struct filters *f = query_filters(&ui->s->query);
	char what[200], key[32];
	const char *undo;

	describe(filters_entry(f, filters_count(f) - 1), what, sizeof what);
	explore_rebuild(ui);
	if (!explore_tree_empty(ui)) {
		undo = ui_action_key(ui, ACTION_FILTER_UNDO, key, sizeof key);
		if (undo)
			ui_message(ui, "Filter: %s (%s undoes it)", what, undo);
		else
			ui_message(ui, "Filter: %s", what);
		return true;
	}
	filters_pop(f);
	explore_rebuild(ui);
	ui_message(ui, "Not applied: %s would leave no samples", what);
	return false;
}

/* Whether name is a root frame made by grouping ("state=RUNNABLE"). */
static bool
is_group_frame(const struct filters *f, const char *name, size_t len)
{
	size_t k;

	if (!f || !f->group_by)
		return false;
	k = strlen(f->group_by);
	return len > k && memcmp(name, f->group_by, k) == 0 && name[k] == '=';
}

void
explore_filter_name(struct ui *ui, enum filter_kind kind, const char *name, size_t len)
{
	struct filters *f = query_filters(&ui->s->query);

	if (is_group_frame(f, name, len)) {
		char *tag;
		struct error err;

		/* the group roots come after the filters: focusing on one is
		 * filtering to its label value */
		if (kind != FILTER_FOCUS || (len == strlen(f->group_by) + 2 &&
		    name[len - 1] == '?')) {
			ui_message(ui, "A group root can only be focused on, and not the "
				"group of samples without the key");
			return;
		}
		tag = xstrndup(name, len);
		error_clear(&err);
		if (filters_push(f, FILTER_TAG, tag, &err) == 0)
			apply(ui);
		free(tag);
		return;
	}
	filters_push_name(f, kind, name, len);
	apply(ui);
}

bool
explore_filter_text(struct ui *ui, enum filter_kind kind, const char *text,
	char *note, size_t note_size)
{
	struct filters *f = query_filters(&ui->s->query);
	struct error err;
	char msg[300];

	if (!text[0]) {
		snprintf(note, note_size, "type a regex, or Esc");
		return false;
	}
	error_clear(&err);
	if (filters_push(f, kind, text, &err) < 0) {
		snprintf(note, note_size, "%s", error_format(&err, msg, sizeof msg));
		return false;
	}
	apply(ui);
	return true;
}

void
explore_group_by(struct ui *ui, const char *key)
{
	struct session *s = ui->s;
	struct filters *f = query_filters(&s->query);
	bool stop = f->group_by && strcmp(f->group_by, key) == 0;

	filters_group_by(f, &s->prof, stop ? NULL : key);
	explore_rebuild(ui);
	if (stop)
		ui_message(ui, "Not grouped any more");
	else
		ui_message(ui, "Grouped by %.*s: one root frame per value", NAME_MAX_SHOWN, key);
}

/* --- the regex prompts ----------------------------------------------------- */

/* The regex prompts' Enter: arg is the filter kind. */
static bool
accept_regex(struct view *owner, int arg, const char *text, bool icase, char *note,
	size_t size)
{
	(void)icase;
	return explore_filter_text(owner->ui, (enum filter_kind)arg, text, note, size);
}

static const struct prompt_ops regex_prompt = { .accept = accept_regex };

static unsigned
open_regex_prompt(struct ui *ui, enum filter_kind kind)
{
	static const char *const labels[] = {
		[FILTER_FOCUS] = "focus on regex: ",
		[FILTER_IGNORE] = "ignore regex: ",
		[FILTER_HIDE] = "hide regex: ",
		[FILTER_ROOT] = "re-root at regex: ",
	};
	struct prompt_setup ps = {
		.label = labels[kind], .arg = (int)kind, .ops = &regex_prompt,
	};

	prompt_open(ui, &ps);
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* --- actions ---------------------------------------------------------------- */

struct view *
explore_show(struct ui *ui, const struct view_ops *ops)
{
	for (int i = 0; i < ui->n_views; i++) {
		if (ui->views[i]->ops != ops)
			continue;
		while (ui->n_views > i + 1)
			ui_pop(ui);
		return ui->views[i];
	}
	if (ui_push(ui, ops) < 0) {
		ui_message(ui, "Too many views open: close one first");
		return NULL;
	}
	return ui_top(ui);
}

static unsigned
undo(struct ui *ui)
{
	struct filters *f = ui->s->query.filters;
	char what[200];

	if (filters_count(f) == 0) {
		ui_message(ui, "No filter to undo");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	describe(filters_entry(f, filters_count(f) - 1), what, sizeof what);
	filters_pop(f);
	explore_rebuild(ui);
	ui_message(ui, "Undone: %s", what);
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned
clear(struct ui *ui)
{
	struct filters *f = ui->s->query.filters;
	bool grouped;

	if (filters_trivial(f)) {
		ui_message(ui, "No filter to clear");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	grouped = f->group_by != NULL;

	filters_clear(f);
	if (grouped)
		filters_group_by(f, &ui->s->prof, NULL);
	explore_rebuild(ui);
	ui_message(ui, grouped ? "Every filter and the grouping removed" : "Every filter removed");
	return VIEW_HANDLED | VIEW_REDRAW;
}

static unsigned
cycle_type(struct ui *ui)
{
	struct session *s = ui->s;
	int t = query_cycle_type(&s->query, &s->prof, 1);

	if (t < 0) {
		ui_message(ui, "No other sample type to show");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	explore_rebuild(ui);
	ui_message(ui, "Sample type %d/%zu: %s", t + 1, s->prof.n_types,
		profile_type_name(&s->prof, t));
	return VIEW_HANDLED | VIEW_REDRAW;
}

unsigned
explore_action(struct view *v, enum action a, const char *name, size_t len)
{
	struct ui *ui = v->ui;
	/* in the order of the filter-* actions in ACTIONS */
	static const enum filter_kind kinds[] = {
		FILTER_FOCUS, FILTER_IGNORE, FILTER_HIDE, FILTER_ROOT,
	};
	struct view *sv;

	switch (a) {
	case ACTION_FILTER_FOCUS:
	case ACTION_FILTER_IGNORE:
	case ACTION_FILTER_HIDE:
	case ACTION_FILTER_ROOT:
		if (!name)
			ui_message(ui, "Select a function first");
		else
			explore_filter_name(ui, kinds[a - ACTION_FILTER_FOCUS], name, len);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_FILTER_FOCUS_REGEX:
	case ACTION_FILTER_IGNORE_REGEX:
	case ACTION_FILTER_HIDE_REGEX:
	case ACTION_FILTER_ROOT_REGEX:
		return open_regex_prompt(ui, kinds[a - ACTION_FILTER_FOCUS_REGEX]);
	case ACTION_FILTER_UNDO:
		return undo(ui);
	case ACTION_FILTER_CLEAR:
		return clear(ui);
	case ACTION_VIEW_TOP:
		explore_show(ui, &top_view_ops);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_VIEW_SANDWICH:
		if (!name) {
			ui_message(ui, "Select a function first");
			return VIEW_HANDLED | VIEW_REDRAW;
		}
		if ((sv = explore_show(ui, &sandwich_view_ops)))
			sandwich_view_set(sv, name, len, NULL, 0);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_VIEW_LABELS:
		explore_show(ui, &picker_view_ops);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_CYCLE_SAMPLE_TYPE:
		return cycle_type(ui);
	default:
		return VIEW_UNHANDLED;
	}
}

void
explore_status(struct canvas *c, int y, const struct ui *ui,
	const struct explore_hint *hints, size_t n)
{
	int x = 1;

	canvas_fill(c, 0, y, c->width, ROLE_STATUS, 0);
	if (ui_draw_message(ui, c, 1, y))
		return;
	for (size_t i = 0; i < n; i++) {
		char key[32], item[96];
		int w;

		if (!ui_action_key(ui, hints[i].action, key, sizeof key))
			continue;
		snprintf(item, sizeof item, "%s%s %s", x > 1 ? " \xc2\xb7 " : "", key,
			hints[i].what);
		w = canvas_text_width(item, strlen(item));
		if (x + w > c->width)
			continue;
		x += canvas_put(c, x, y, w, item, strlen(item), ROLE_STATUS, 0);
	}
}
