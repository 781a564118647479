/* Flame view actions that change the tree under the view (inverting it,
 * switching the sample type) or copy from it. After a rebuild the view
 * starts over at the root, except that the zoom and the selection are
 * found again in the new tree where they still exist. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calltree.h"
#include "clipboard.h"
#include "flame_explore.h"
#include "flame_view.h"
#include "profile.h"
#include "session.h"
#include "units.h"

static bool
empty(const struct calltree *t, uint32_t id)
{
	return calltree_empty(t, id);
}

/* The node at the end of frames[0..n), or the deepest one found on the
 * way there that holds something. */
static uint32_t
find_path(const struct calltree *t, const uint32_t *frames, size_t n, bool *whole)
{
	uint32_t id = CT_ROOT;
	size_t i;

	for (i = 0; i < n; i++) {
		uint32_t c = calltree_child(t, id, frames[i]);

		if (c == CT_NONE)
			break;
		id = c;
	}
	*whole = i == n;
	while (id != CT_ROOT && empty(t, id)) {
		id = calltree_node(t, id)->parent;
		*whole = false;
	}
	return id;
}

/* Where a frame is best seen in a tree of the other shape: a root of its
 * own when it has one (an inverted tree's roots are leaves), otherwise
 * its heaviest node. */
static uint32_t
find_frame(const struct calltree *t, uint32_t frame)
{
	uint32_t best = calltree_child(t, CT_ROOT, frame);

	if (frame == FRAME_NONE)
		return CT_ROOT;
	if (best != CT_NONE && !empty(t, best))
		return best;
	best = CT_ROOT;
	for (uint32_t i = 1; i < t->n; i++)
		if (t->nodes[i].frame == frame && (best == CT_ROOT ||
		    t->nodes[i].total > t->nodes[best].total))
			best = i;
	return best;
}

/* Rebuilds the session's tree and puts the view back on it: on the same
 * path when the shape is kept (another sample type), or on the selected
 * frame when it is not (inverted). */
static void
rebuild(struct flame_state *st, bool same_shape)
{
	const struct calltree *t = st->s->tree;
	uint32_t frame = calltree_node(t, st->sel)->frame;
	struct flame_mark m;
	bool whole;

	flame_mark_take(st, &m);
	session_rebuild(st->s);
	t = st->s->tree;
	st->n_history = 0;
	st->top = 0;
	st->dirty = true;
	st->pin_sel = true;
	st->zoom = CT_ROOT;
	if (same_shape) {
		uint32_t z = find_path(t, m.zoom, m.n_zoom, &whole);

		if (whole)
			st->zoom = z;
		st->sel = find_path(t, m.sel, m.n_sel, &whole);
	} else {
		st->sel = find_frame(t, frame);
	}
	free(m.sel);
	free(m.zoom);
}

unsigned
flame_toggle_inverted(struct view *v)
{
	struct flame_state *st = v->state;

	st->s->query.inverted = !st->s->query.inverted;
	rebuild(st, false);
	if (st->s->query.inverted)
		ui_message(v->ui, "Inverted tree: leaf frames at the root");
	else
		ui_message(v->ui, "Tree not inverted: callers at the root");
	return VIEW_HANDLED | VIEW_REDRAW;
}

unsigned
flame_cycle_type(struct view *v)
{
	struct flame_state *st = v->state;
	struct session *s = st->s;
	const struct profile *p = &s->prof;
	int t = s->query.type_a;
	char total[64];

	if (p->n_types == 0 || t < 0) {
		ui_message(v->ui, "This profile has no sample types to choose from");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (s->query.type_b >= 0) {
		ui_message(v->ui, "Two series are compared here: the sample type stays %s",
			profile_type_name(p, t));
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (p->n_types == 1) {
		ui_message(v->ui, "The only sample type here is %s", profile_type_name(p, t));
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	s->query.type_a = (t + 1) % (int)p->n_types;
	t = s->query.type_a;
	rebuild(st, true);
	ui_message(v->ui, "Sample type %d/%zu: %s, %s in all", t + 1, p->n_types,
		profile_type_name(p, t),
		units_format(calltree_node(s->tree, CT_ROOT)->total,
			profile_type_unit(p, t), total, sizeof total));
	return VIEW_HANDLED | VIEW_REDRAW;
}

/* The start of valid UTF-8 text s[0..len) at or before byte i. */
static size_t
char_start(const char *s, size_t len, size_t i)
{
	if (i >= len)
		return len;
	while (i > 0 && ((unsigned char)s[i] & 0xc0) == 0x80)
		i--;
	return i;
}

unsigned
flame_copy(struct view *v, bool whole_stack)
{
	struct flame_state *st = v->state;
	const struct calltree *t = st->s->tree;
	size_t len, n;
	char *text = clipboard_frame_text(t, st->sel, whole_stack, &len), *bytes;
	const char *what = whole_stack ? "the stack" : "the name";

	if (!text) {
		ui_message(v->ui, "Nothing to copy: the root is not a frame");
		return VIEW_HANDLED | VIEW_REDRAW;
	}
	if (len > CLIPBOARD_MAX) {
		ui_message(v->ui, "Not copied: %s is %zu bytes, more than terminals take (%d)",
			what, len, CLIPBOARD_MAX);
	} else if (!v->ui->raw_write) {
		ui_message(v->ui, "Not copied: no terminal to copy to");
	} else {
		n = clipboard_osc52(text, len, clipboard_wrap_from_env(), &bytes);
		if (v->ui->raw_write(v->ui->raw_ctx, bytes, n) < 0) {
			ui_message(v->ui, "Not copied: writing to the terminal failed");
		} else if (len <= 150) {
			ui_message(v->ui, "Copied %s: %s", what, text);
		} else {
			/* the ends say what it is; the text is escaped UTF-8 */
			size_t head = char_start(text, len, 50), tail = char_start(text, len, len - 80);

			ui_message(v->ui, "Copied %s (%zu bytes): %.*s\xe2\x80\xa6%s", what, len,
				(int)head, text, text + tail);
		}
		free(bytes);
	}
	free(text);
	return VIEW_HANDLED | VIEW_REDRAW;
}
