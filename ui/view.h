/* Views and the view stack. A view is a const ops table: it handles
 * actions (returning flags, never drawing) and draws into the canvas
 * when asked. Actions a view leaves unhandled fall through to the
 * generic handler (quit, help, close, redraw). */
#ifndef SCORCH_UI_VIEW_H
#define SCORCH_UI_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "action.h"
#include "canvas.h"
#include "keymap.h"

struct session;
struct view;

/* action() results */
#define VIEW_UNHANDLED 0u
#define VIEW_HANDLED   1u
#define VIEW_REDRAW    2u

enum mouse_kind {
	MOUSE_CLICK,
	MOUSE_DOUBLE_CLICK
};

struct view_ops {
	const char *name;           /* "flame", "help" */
	enum keymap_id keymap;      /* looked up before "generic" */
	size_t state_size;          /* view.c allocates it zeroed, frees it after close */
	/* Sets the view up; 0, or -1 when it cannot open (nothing to free). */
	int (*open)(struct view *v, struct session *s);
	/* Handles a; VIEW_UNHANDLED passes it to the generic handler. */
	unsigned (*action)(struct view *v, enum action a);
	/* Optional: sees each key before the keymaps (a line editor takes
	 * the characters typed); VIEW_UNHANDLED lets the keymaps have it. */
	unsigned (*key)(struct view *v, int key);
	/* Optional: a click at canvas cell (x, y). */
	unsigned (*mouse)(struct view *v, enum mouse_kind kind, int x, int y);
	/* Draws the whole canvas from the model; must not change the model. */
	void (*draw)(struct view *v, struct canvas *c);
	/* Optional: frees what open() allocated besides the state. */
	void (*close)(struct view *v);
};

struct ui;

struct view {
	const struct view_ops *ops;
	struct ui *ui;              /* borrowed */
	struct view *below;         /* the view this one covers, or NULL */
	void *state;                /* owned: ops->state_size bytes */
};

#define UI_MAX_VIEWS 8

/* What the explorer owns while it runs, apart from the terminal. */
struct ui {
	struct session *s;          /* borrowed */
	const struct keymap *km;    /* borrowed */
	struct view *views[UI_MAX_VIEWS];  /* the stack; the last one is shown */
	int n_views;
	struct canvas canvas;
	bool quit;
	bool full_redraw;           /* the terminal should repaint every cell */
	bool mono;                  /* no colour: views add marks and patterns */
	char message[256];          /* a transient hint for the status line */
	int pending[KEYMAP_MAX_SEQ];  /* keys typed so far of a sequence */
	size_t n_pending;
	/* Writes bytes to the terminal as they are (OSC 52 for the
	 * clipboard); 0 or -1. NULL when there is no terminal. */
	int (*raw_write)(void *ctx, const char *bytes, size_t len);
	void *raw_ctx;
};

void ui_init(struct ui *ui, struct session *s, const struct keymap *km);
void ui_free(struct ui *ui);

/* Opens a view of ops on top of the stack; 0 or -1. */
int ui_push(struct ui *ui, const struct view_ops *ops);
/* Closes the top view; closing the last one quits. */
void ui_pop(struct ui *ui);
struct view *ui_top(const struct ui *ui);

/* Runs the action a key is bound to in the top view; a key that begins
 * a sequence waits for the next. Returns true when the screen should be
 * redrawn. */
bool ui_key(struct ui *ui, int key);
bool ui_action(struct ui *ui, enum action a);
bool ui_mouse(struct ui *ui, enum mouse_kind kind, int x, int y);
/* Sets the canvas size; the next draw lays out again. */
void ui_resize(struct ui *ui, int width, int height);
/* Draws the top view into ui->canvas. */
void ui_draw(struct ui *ui);
/* The name of the first key that runs a in the top view, into buf; NULL
 * (and buf empty) when no key does. */
const char *ui_action_key(const struct ui *ui, enum action a, char *buf, size_t size);
/* Scrolling for views that page through lines of text (help, info):
 * moves *top for a move or scroll action over n_lines lines shown
 * height at a time. Returns 1 when it moved, 0 when it did not, -1 when
 * a is not a scrolling action. */
int ui_pager_action(long *top, long n_lines, long height, enum action a);
/* Sets the transient status-line message (printf-like). */
void ui_message(struct ui *ui, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
/* Draws the pending message from x to the right edge of line y, escaped
 * (it may quote frame names); false when there is none. */
bool ui_draw_message(const struct ui *ui, struct canvas *c, int x, int y);

#endif
