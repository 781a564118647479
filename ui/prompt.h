/* A one-line editor on the bottom line of the view that opens it: the
 * search pattern, a filter's regex, the top table's filter. It is a view
 * of its own, pushed over its owner, which it keeps drawing underneath.
 *
 * It takes the characters typed and the usual editing keys itself (Left,
 * Right, Home, End, Backspace, Delete, Ctrl-A, Ctrl-E, Ctrl-B, Ctrl-F,
 * Ctrl-D, Ctrl-U, Ctrl-K, Ctrl-W); every other key goes through the
 * "prompt" keymap: prompt-accept, prompt-cancel, toggle-search-case. */
#ifndef SCORCH_UI_PROMPT_H
#define SCORCH_UI_PROMPT_H

#include <stdbool.h>
#include <stddef.h>

#include "view.h"

/* The most bytes a prompt holds. */
#define PROMPT_MAX 1024

/* What the owner does with the text. The callbacks must not push or pop
 * views. arg is prompt_setup.arg. note (note_size bytes, empty on entry)
 * is shown after the text: "bad regex", "12 matches". */
struct prompt_ops {
	/* Optional: after every edit or case toggle, for incremental use. */
	void (*changed)(struct view *owner, int arg, const char *text, bool icase,
		char *note, size_t note_size);
	/* Enter: true closes the prompt, false keeps it open (the note says
	 * why). NULL: changed() runs once more and the prompt closes. */
	bool (*accept)(struct view *owner, int arg, const char *text, bool icase,
		char *note, size_t note_size);
	/* Optional: Esc, after which the prompt closes. */
	void (*cancel)(struct view *owner, int arg);
};

struct prompt_setup {
	const char *label;          /* "/", "focus regex: "; trusted text */
	const char *text;           /* initial text, or NULL */
	bool icase;                 /* ignore case to begin with */
	bool has_case;              /* toggle-search-case applies and is shown */
	/* Esc calls changed() with the text and case the prompt opened with
	 * (a filter applied while it is typed goes back) */
	bool restore;
	int arg;                    /* for the callbacks: which of the prompts sharing them */
	const struct prompt_ops *ops;
};

extern const struct view_ops prompt_view_ops;

/* Opens a prompt over the top view, which becomes its owner. 0, or -1
 * (said on the message line) when the view stack is full. */
int prompt_open(struct ui *ui, const struct prompt_setup *ps);

#endif
