#include "config.h"

#include <stdio.h>
#include <string.h>

#include "keys.h"
#include "palette.h"
#include "prompt.h"
#include "textwidth.h"

struct prompt_state {
	char text[PROMPT_MAX + 1];
	size_t len, cursor;         /* bytes; the cursor is on a character start */
	char label[64];
	char note[128];
	bool icase, has_case;
	const struct prompt_ops *ops;
	int arg;
	bool restore;
	char opened[PROMPT_MAX + 1];   /* the text when it opened, for restore */
	bool opened_icase;
};

static struct prompt_state *
state_of(struct view *v)
{
	return v->state;
}

/* The owner is the view the prompt covers. */
static void
notify(struct view *v)
{
	struct prompt_state *st = state_of(v);

	st->note[0] = '\0';
	if (st->ops->changed)
		st->ops->changed(v->below, st->arg, st->text, st->icase, st->note,
			sizeof st->note);
}

static bool
is_text_key(int key)
{
	/* control characters (C0, DEL, C1) and surrogates are never text */
	if (key < 0x20 || key == 0x7f || (key >= 0x80 && key < 0xa0))
		return false;
	if (key >= 0xd800 && key < 0xe000)
		return false;
	return key < KEYC_BASE;
}

static size_t
next_char(const struct prompt_state *st, size_t i)
{
	if (i >= st->len)
		return st->len;
	i++;
	while (i < st->len && ((unsigned char)st->text[i] & 0xc0) == 0x80)
		i++;
	return i;
}

static size_t
prev_char(const struct prompt_state *st, size_t i)
{
	if (i == 0)
		return 0;
	i--;
	while (i > 0 && ((unsigned char)st->text[i] & 0xc0) == 0x80)
		i--;
	return i;
}

static void
delete_range(struct prompt_state *st, size_t from, size_t to)
{
	memmove(st->text + from, st->text + to, st->len - to + 1);
	st->len -= to - from;
	if (st->cursor > to)
		st->cursor -= to - from;
	else if (st->cursor > from)
		st->cursor = from;
}

static bool
insert(struct prompt_state *st, int key)
{
	char buf[4];
	size_t n = utf8_encode((uint32_t)key, buf);

	if (st->len + n > PROMPT_MAX)
		return false;
	memmove(st->text + st->cursor + n, st->text + st->cursor, st->len - st->cursor + 1);
	memcpy(st->text + st->cursor, buf, n);
	st->len += n;
	st->cursor += n;
	return true;
}

/* The start of the word before the cursor (blanks, then non-blanks). */
static size_t
word_start(const struct prompt_state *st)
{
	size_t i = st->cursor;

	while (i > 0 && st->text[i - 1] == ' ')
		i--;
	while (i > 0 && st->text[i - 1] != ' ')
		i--;
	return i;
}

/* Editing keys: what moves the cursor or changes the text. */
static unsigned
prompt_key(struct view *v, int key)
{
	struct prompt_state *st = state_of(v);
	size_t old_len = st->len, old_cursor = st->cursor;

	if (is_text_key(key)) {
		insert(st, key);
	} else {
		switch (key) {
		case KEYC_LEFT:
		case KEY_CTRL('b'):
			st->cursor = prev_char(st, st->cursor);
			break;
		case KEYC_RIGHT:
		case KEY_CTRL('f'):
			st->cursor = next_char(st, st->cursor);
			break;
		case KEYC_HOME:
		case KEY_CTRL('a'):
			st->cursor = 0;
			break;
		case KEYC_END:
		case KEY_CTRL('e'):
			st->cursor = st->len;
			break;
		case KEYC_BACKSPACE:
			delete_range(st, prev_char(st, st->cursor), st->cursor);
			break;
		case KEYC_DELETE:
		case KEY_CTRL('d'):
			delete_range(st, st->cursor, next_char(st, st->cursor));
			break;
		case KEY_CTRL('u'):
			delete_range(st, 0, st->cursor);
			break;
		case KEY_CTRL('k'):
			delete_range(st, st->cursor, st->len);
			break;
		case KEY_CTRL('w'):
			delete_range(st, word_start(st), st->cursor);
			break;
		default:
			return VIEW_UNHANDLED;
		}
	}
	if (st->len != old_len)   /* every edit changes the length */
		notify(v);
	return st->len != old_len || st->cursor != old_cursor
		? VIEW_HANDLED | VIEW_REDRAW : VIEW_HANDLED;
}

/* Enter: whether the prompt closes. */
static bool
accept(struct view *v)
{
	struct prompt_state *st = state_of(v);

	if (!st->ops->accept) {
		notify(v);   /* the owner has taken the text as it was typed */
		return true;
	}
	st->note[0] = '\0';
	return st->ops->accept(v->below, st->arg, st->text, st->icase, st->note,
		sizeof st->note);
}

static unsigned
prompt_action(struct view *v, enum action a)
{
	struct prompt_state *st = state_of(v);
	struct ui *ui = v->ui;

	switch (a) {
	case ACTION_PROMPT_ACCEPT:
		if (accept(v))
			ui_pop(ui);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_PROMPT_CANCEL:
		if (st->restore && st->ops->changed)
			st->ops->changed(v->below, st->arg, st->opened, st->opened_icase,
				st->note, sizeof st->note);
		if (st->ops->cancel)
			st->ops->cancel(v->below, st->arg);
		ui_pop(ui);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_TOGGLE_SEARCH_CASE:
		if (!st->has_case)
			return VIEW_HANDLED;
		st->icase = !st->icase;
		notify(v);
		return VIEW_HANDLED | VIEW_REDRAW;
	case ACTION_SCREEN_REDRAW:
		return VIEW_UNHANDLED;
	default:
		return VIEW_HANDLED;    /* nothing else while typing */
	}
}

/* Cells of the text between byte offsets from and to. */
static int
cells(const struct prompt_state *st, size_t from, size_t to)
{
	return canvas_text_width(st->text + from, to - from);
}

static void
prompt_draw(struct view *v, struct canvas *c)
{
	struct prompt_state *st = state_of(v);
	int y = c->height - 1, x = 0, room, nw = 0, cw = 0;
	const char *mode = st->icase ? " [ignore case]" : " [match case]";
	size_t start = 0;

	if (v->below)
		v->below->ops->draw(v->below, c);
	if (y < 0 || c->width <= 0)
		return;
	canvas_fill(c, 0, y, c->width, ROLE_STATUS, 0);
	x += canvas_put(c, x, y, c->width - x, st->label, strlen(st->label),
		ROLE_STATUS_NAME, 0);
	if (st->note[0])
		nw = canvas_text_width(st->note, strlen(st->note)) + 2;
	if (st->has_case)
		cw = canvas_text_width(mode, strlen(mode));
	room = c->width - x - 1;
	/* what gives way to the text (which keeps 12 cells): the case
	 * mode, then the end of the note */
	if (room - nw - cw < 12)
		cw = 0;
	if (room - nw < 12)
		nw = room - 12 >= 8 ? room - 12 : 0;
	room -= nw + cw;
	if (room < 1)
		return;
	/* scroll sideways so that the cursor stays in view */
	while (start < st->cursor && cells(st, start, st->cursor) > room - 1)
		start = next_char(st, start);
	canvas_put_untrusted(c, x, y, room, st->text + start, st->len - start,
		ROLE_STATUS, 0);
	canvas_paint(c, x + cells(st, start, st->cursor), y, 1, ROLE_SELECTED, 0);
	x += room + 1;
	if (nw > 0 && canvas_text_fits(st->note, strlen(st->note), nw - 1))
		canvas_put_untrusted(c, x, y, nw - 1, st->note, strlen(st->note),
			ROLE_MESSAGE, 0);
	else if (nw > 0)
		canvas_put_elided(c, x, y, nw - 1, st->note, strlen(st->note), ROLE_MESSAGE, 0);
	if (cw > 0)
		canvas_put(c, c->width - cw, y, cw, mode, strlen(mode), ROLE_STATUS_DIM, 0);
}

const struct view_ops prompt_view_ops = {
	.name = "prompt",
	.keymap = KEYMAP_PROMPT,
	.state_size = sizeof(struct prompt_state),
	.key = prompt_key,
	.action = prompt_action,
	.draw = prompt_draw,
};

int
prompt_open(struct ui *ui, const struct prompt_setup *ps)
{
	struct prompt_state *st;
	struct view *v;

	if (ui_push(ui, &prompt_view_ops) < 0) {
		ui_message(ui, "Too many views open");
		return -1;
	}
	v = ui_top(ui);
	st = state_of(v);
	snprintf(st->label, sizeof st->label, "%s", ps->label);
	if (ps->text) {
		size_t n = strlen(ps->text);

		if (n > PROMPT_MAX)
			n = PROMPT_MAX;
		memcpy(st->text, ps->text, n);
		st->text[n] = '\0';
		st->len = st->cursor = n;
	}
	st->icase = ps->icase;
	st->has_case = ps->has_case;
	st->ops = ps->ops;
	st->arg = ps->arg;
	st->restore = ps->restore;
	memcpy(st->opened, st->text, sizeof st->opened);
	st->opened_icase = ps->icase;
	return 0;
}
