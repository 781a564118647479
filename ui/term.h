/* The terminal: the only module that talks to curses. It opens the
 * controlling terminal (the profile may come from stdin), turns palette
 * roles into colour pairs, copies the canvas to the screen and reads keys
 * and mouse events. One terminal per process: file-scope state. */
#ifndef SCORCH_UI_TERM_H
#define SCORCH_UI_TERM_H

#include <stdbool.h>

#include "canvas.h"
#include "error.h"
#include "options.h"
#include "view.h"

enum term_event_type {
	TERM_EV_KEY,
	TERM_EV_MOUSE,
	TERM_EV_RESIZE
};

struct term_event {
	enum term_event_type type;
	int key;                 /* keys.h code */
	enum mouse_kind mouse;
	int x, y;
};

/* Whether TERM names a terminal that can show the explorer: 0, or -2
 * with err filled (dumb, unknown, no cursor addressing). */
int term_check(struct error *err);
/* Opens /dev/tty in curses mode. -1 with err filled when there is no
 * terminal; -2 when TERM names one that cannot show the explorer (dumb,
 * unknown, no cursor addressing), a usage error. */
int term_open(enum color_mode color, struct error *err);
/* Leaves curses mode and closes the terminal; safe to call twice. */
void term_close(void);
bool term_is_open(void);
/* The descriptor to poll for input. */
int term_fd(void);
void term_size(int *width, int *height);
/* Reads the terminal's size again after SIGWINCH. */
void term_update_size(void);
/* Copies the canvas to the screen; full repaints every cell. */
void term_draw(const struct canvas *c, bool full);
/* Reads one pending event without waiting: 1, or 0 when none. */
int term_read(struct term_event *ev);
/* Writes bytes to the terminal as they are, beside curses (OSC 52);
 * 0 or -1. */
int term_write_raw(const char *bytes, size_t len);
/* Around a Ctrl-Z stop. */
void term_suspend(void);
void term_resume(void);
/* Async-signal-safe: puts the terminal back (saved modes, normal screen,
 * visible cursor, mouse off) with write() and tcsetattr() only. For
 * crash signals, where curses cannot be trusted. */
void term_crash_restore(void);
/* Name of the colour mode chosen: "truecolor", "256", "8", "mono". */
const char *term_color_mode(void);

#endif
