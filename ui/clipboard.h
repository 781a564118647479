/* Copying to the terminal's clipboard with OSC 52 ("ESC ] 52 ; c ;
 * base64 BEL"), which works through SSH. No curses here: the view builds
 * the bytes and the terminal writes them as they are.
 *
 * Inside tmux the sequence is sent twice: as is, which tmux takes when
 * its set-clipboard option is on (it stores a paste buffer and passes
 * the clipboard on to the outer terminal), and wrapped for passthrough
 * ("ESC P tmux; ... ESC \"), which reaches the outer terminal when
 * allow-passthrough is on. Either is enough; both set the same text.
 * Inside GNU screen it is wrapped in screen's passthrough, in pieces
 * short enough for screen's string limit. */
#ifndef SCORCH_UI_CLIPBOARD_H
#define SCORCH_UI_CLIPBOARD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct calltree;

enum clipboard_wrap {
	CLIPBOARD_PLAIN,
	CLIPBOARD_TMUX,
	CLIPBOARD_SCREEN
};

/* Longest text copied (terminals drop longer OSC 52 strings). */
#define CLIPBOARD_MAX 65536

/* The wrap for the multiplexer we run in, from $TMUX and $STY. */
enum clipboard_wrap clipboard_wrap_from_env(void);

/* The text to copy for a calltree node: its name, or its whole stack as
 * a folded line ("root;...;frame VALUE", root first even in an inverted
 * tree). Names are escaped ("\x1b"): no control byte is ever copied.
 * NULL for the synthetic root, which is no frame. Caller frees. */
char *clipboard_frame_text(const struct calltree *t, uint32_t node,
	bool whole_stack, size_t *len);

/* The bytes that set the clipboard to text[0..len). Caller frees *out;
 * returns the number of bytes. */
size_t clipboard_osc52(const char *text, size_t len, enum clipboard_wrap wrap,
	char **out);

#endif
