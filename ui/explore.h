/* What the explorer's views share beyond the view stack: changing the
 * query (filters, grouping, sample type) and telling every open view that
 * the tree was rebuilt, and switching between the flame, top, sandwich
 * and label views without piling up copies of them. */
#ifndef SCORCH_UI_EXPLORE_H
#define SCORCH_UI_EXPLORE_H

#include <stdbool.h>
#include <stddef.h>

#include "filter.h"
#include "view.h"

struct search;

/* The flame view at the bottom of the stack, or NULL. */
struct view *explore_flame(const struct ui *ui);
/* The active search of the flame view, NULL when there is none. */
struct search *explore_search(const struct ui *ui);

/* Whether the session's tree shows nothing (every sample filtered out). */
bool explore_tree_empty(const struct ui *ui);
/* Rebuilds s->tree after a change to s->query, and every open view
 * finds its place again in the new tree. */
void explore_rebuild(struct ui *ui);

/* Pushes a frame filter on the function named name[0..len) (exactly) and
 * rebuilds; a filter that would leave nothing is taken back. Focusing on
 * a group root ("state=RUNNABLE" while grouping by state) filters to that
 * label value instead. Messages say what happened. */
void explore_filter_name(struct ui *ui, enum filter_kind kind, const char *name,
	size_t len);
/* Same with text as filters_push takes it (a regex; "key=value" for
 * FILTER_TAG). Returns false with note set for a bad regex. */
bool explore_filter_text(struct ui *ui, enum filter_kind kind, const char *text,
	char *note, size_t note_size);
/* Groups by a label key, or stops grouping when it already does. */
void explore_group_by(struct ui *ui, const char *key);

/* The filter and view actions every explorer view takes: filter-* on
 * the function named name (NULL: none is selected), the regex prompts,
 * undo and clear, view-top, view-sandwich (of name), view-labels, and
 * cycle-sample-type. Returns VIEW_UNHANDLED for other actions. */
unsigned explore_action(struct view *v, enum action a, const char *name, size_t len);

/* Brings the view of ops to the top: back to it when it is open (the
 * views above it close), else pushed. NULL when the stack is full. */
struct view *explore_show(struct ui *ui, const struct view_ops *ops);

/* A status line on line y: the transient message when there is one,
 * else hints such as "Enter sandwich · / filter · q back" with the keys
 * the top view binds (hints whose action is unbound are left out, and
 * those that do not fit). */
struct explore_hint {
	enum action action;
	const char *what;
};
void explore_status(struct canvas *c, int y, const struct ui *ui,
	const struct explore_hint *hints, size_t n);

#endif
