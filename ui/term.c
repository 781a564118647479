/* The one file that includes curses (see term.h). */
#include "config.h"

#define NCURSES_WIDECHAR 1
#if defined HAVE_NCURSESW_CURSES_H
#include <ncursesw/curses.h>
#elif defined __has_include
#if __has_include(<ncursesw/curses.h>)
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif
#else
#include <curses.h>
#endif

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "escape.h"
#include "keys.h"
#include "palette.h"
#include "term.h"

/* setupterm() and del_curterm(), to check TERM before opening it. Last:
 * its capability macros ("lines", "columns") would clash with names in
 * the headers above; nothing below uses them. */
#if defined __has_include
#if __has_include(<ncursesw/term.h>)
#include <ncursesw/term.h>
#else
#include <ncurses/term.h>
#endif
#else
#include <ncursesw/term.h>
#endif

enum term_colors {
	TC_MONO,
	TC_8,
	TC_256,
	TC_DIRECT
};

static struct {
	bool open;
	SCREEN *screen;
	FILE *tty;
	int fd;
	bool utf8;
	bool mouse;
	enum term_colors colors;
	short pair[ROLE_COUNT];
	attr_t attr[ROLE_COUNT];
	/* what term_crash_restore() writes: prepared while curses works */
	struct termios saved;
	bool have_saved;
	char restore[256];
	size_t restore_len;
} term;

bool
term_is_open(void)
{
	return term.open;
}

int
term_fd(void)
{
	return term.fd;
}

const char *
term_color_mode(void)
{
	static const char *const names[] = { "mono", "8", "256", "truecolor" };

	return names[term.colors];
}

static attr_t
curses_attr(unsigned a)
{
	attr_t r = A_NORMAL;

	if (a & ATTR_BOLD)
		r |= A_BOLD;
	if (a & ATTR_UNDERLINE)
		r |= A_UNDERLINE;
	if (a & ATTR_REVERSE)
		r |= A_REVERSE;
	if (a & ATTR_DIM)
		r |= A_DIM;
	return r;
}

/* Nearest colour of the xterm 256-colour cube or grey ramp. */
static int
rgb_to_256(struct rgb c)
{
	static const int level[6] = { 0, 95, 135, 175, 215, 255 };
	int idx[3], v[3] = { c.r, c.g, c.b }, best, best_d, grey, gi;

	for (int i = 0; i < 3; i++) {
		int b = 0;

		for (int l = 1; l < 6; l++)
			if (abs(level[l] - v[i]) < abs(level[b] - v[i]))
				b = l;
		idx[i] = b;
	}
	best = 16 + 36 * idx[0] + 6 * idx[1] + idx[2];
	best_d = 0;
	for (int i = 0; i < 3; i++)
		best_d += (level[idx[i]] - v[i]) * (level[idx[i]] - v[i]);
	gi = ((c.r + c.g + c.b) / 3 - 8 + 5) / 10;
	if (gi < 0)
		gi = 0;
	if (gi > 23)
		gi = 23;
	grey = 8 + 10 * gi;
	if ((grey - c.r) * (grey - c.r) + (grey - c.g) * (grey - c.g) +
	    (grey - c.b) * (grey - c.b) < best_d)
		best = 232 + gi;
	return best;
}

static int
color_number(bool has, struct rgb c, int basic)
{
	switch (term.colors) {
	case TC_DIRECT:
		return has ? (c.r << 16 | c.g << 8 | c.b) : -1;
	case TC_256:
		return has ? rgb_to_256(c) : -1;
	default:
		return basic;
	}
}

/* One colour pair per distinct (fg, bg); roles that share colours share
 * a pair. Falls back to 8 colours when the terminal has too few pairs. */
static int
setup_pairs(void)
{
	int fgs[ROLE_COUNT], bgs[ROLE_COUNT], n_pairs = 0;

	for (unsigned r = 0; r < ROLE_COUNT; r++) {
		struct role_style st;
		int fg, bg, p;

		palette_style(r, &st);
		if (term.colors == TC_MONO) {
			term.pair[r] = 0;
			term.attr[r] = curses_attr(st.mono_attr);
			continue;
		}
		fg = color_number(st.has_fg, st.fg, st.basic_fg);
		bg = color_number(st.has_bg, st.bg, st.basic_bg);
		term.attr[r] = curses_attr(term.colors == TC_8 ? st.basic_attr : st.attr);
		if (fg == -1 && bg == -1) {
			term.pair[r] = 0;
			continue;
		}
		for (p = 0; p < n_pairs; p++)
			if (fgs[p] == fg && bgs[p] == bg)
				break;
		if (p == n_pairs) {
			if (n_pairs + 1 >= COLOR_PAIRS)
				return -1;
#if NCURSES_EXT_COLORS
			if (init_extended_pair(p + 1, fg, bg) == ERR)
				return -1;
#else
			if (init_pair((short)(p + 1), (short)fg, (short)bg) == ERR)
				return -1;
#endif
			fgs[p] = fg;
			bgs[p] = bg;
			n_pairs++;
		}
		term.pair[r] = (short)(p + 1);
	}
	return 0;
}

static void
setup_colors(enum color_mode mode)
{
	const char *no_color = getenv("NO_COLOR");

	term.colors = TC_MONO;
	if (mode == COLOR_NEVER || (mode == COLOR_AUTO && no_color && no_color[0]) ||
	    !has_colors() || start_color() == ERR)
		goto done;
	use_default_colors();
	if (COLORS >= 0x1000000 || tigetflag("RGB") > 0)
		term.colors = TC_DIRECT;
	else if (COLORS >= 256)
		term.colors = TC_256;
	else if (COLORS >= 8)
		term.colors = TC_8;
	else
		goto done;
	while (setup_pairs() < 0) {
		if (term.colors == TC_8) {
			term.colors = TC_MONO;
			break;
		}
		term.colors = TC_8;
	}
done:
	if (term.colors == TC_MONO)
		setup_pairs();
}

/* Appends a terminfo string without its $<..> padding. */
static void
add_restore(const char *cap)
{
	if (!cap || cap == (char *)-1)
		return;
	for (const char *p = cap; *p; p++) {
		if (p[0] == '$' && p[1] == '<') {
			const char *end = strchr(p, '>');

			if (end) {
				p = end;
				continue;
			}
		}
		if (term.restore_len + 1 < sizeof term.restore)
			term.restore[term.restore_len++] = *p;
	}
}

static void
prepare_crash_restore(void)
{
	term.restore_len = 0;
	if (term.mouse)
		add_restore("\033[?1006l\033[?1002l\033[?1000l");
	add_restore(tigetstr("sgr0"));
	add_restore(tigetstr("cnorm"));
	add_restore(tigetstr("rmkx"));
	add_restore(tigetstr("rmcup"));
}

/* TERM as it can be shown: it comes from the environment. */
static const char *
term_name(char *buf, size_t size)
{
	const char *t = getenv("TERM");

	escape_text(t ? t : "", t ? strlen(t) : 0, buf, size);
	return buf;
}

static bool
can_move_cursor(void)
{
	return tigetstr("cup") && tigetstr("cup") != (char *)-1;
}

/* The errors of a TERM that cannot be used; -2, as term_check() says. */
static int
unknown_type(struct error *err)
{
	char tname[128];

	error_set(err, 0, 0, "unknown terminal type (TERM=%s); use --print "
		"(or --folded, --info), or set TERM to a type this system knows",
		term_name(tname, sizeof tname));
	return -2;
}

static int
no_cursor(struct error *err)
{
	char tname[128];

	error_set(err, 0, 0, "the terminal (TERM=%s) cannot move the cursor; "
		"use --print (or --folded, --info)", term_name(tname, sizeof tname));
	return -2;
}

int
term_check(struct error *err)
{
	const char *tenv = getenv("TERM");
	char tname[128];
	int found = 0;
	bool cup;

	/* a terminal that cannot move the cursor cannot show the explorer */
	if (!tenv || !tenv[0] || strcmp(tenv, "dumb") == 0) {
		error_set(err, 0, 0, "the terminal (TERM=%s) cannot show the explorer; "
			"use --print (or --folded, --info) to read the profile as text",
			term_name(tname, sizeof tname));
		return -2;
	}
	if (term.open)
		return 0;
	if (setupterm(NULL, -1, &found) != OK || found != 1)
		return unknown_type(err);
	cup = can_move_cursor();
	del_curterm(cur_term);
	return cup ? 0 : no_cursor(err);
}

/* Ends curses and gives the terminal back as it was found. */
static void
end_screen(void)
{
	endwin();
	delscreen(term.screen);
	term.screen = NULL;
	if (term.have_saved)
		tcsetattr(term.fd, TCSADRAIN, &term.saved);
	fclose(term.tty);
	term.tty = NULL;
	term.fd = -1;
}

int
term_open(enum color_mode color, struct error *err)
{
	const char *cs;

	if (term.open)
		return 0;
	if (term_check(err) < 0)
		return -2;
	term.tty = fopen("/dev/tty", "r+");
	if (!term.tty)
		return error_set(err, 0, 0, "no terminal to draw on (/dev/tty: %s); "
			"use --print or --folded", strerror(errno));
	term.fd = fileno(term.tty);
	fcntl(term.fd, F_SETFD, FD_CLOEXEC);
	term.have_saved = tcgetattr(term.fd, &term.saved) == 0;
	term.screen = newterm(NULL, term.tty, term.tty);
	if (!term.screen) {
		fclose(term.tty);
		term.tty = NULL;
		return unknown_type(err);
	}
	set_term(term.screen);
	if (!can_move_cursor()) {
		end_screen();
		return no_cursor(err);
	}
	term.open = true;
	cs = nl_langinfo(CODESET);
	term.utf8 = cs && (strcmp(cs, "UTF-8") == 0 || strcmp(cs, "utf8") == 0);
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	intrflush(stdscr, FALSE);
	set_escdelay(25);
	curs_set(0);
	setup_colors(color);
	term.mouse = mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
		BUTTON4_PRESSED | BUTTON5_PRESSED, NULL) != 0;
	mouseinterval(200);
	prepare_crash_restore();
	return 0;
}

void
term_close(void)
{
	if (!term.open)
		return;
	term.open = false;
	if (term.mouse)
		mousemask(0, NULL);
	curs_set(1);
	end_screen();
}

int
term_write_raw(const char *bytes, size_t len)
{
	if (!term.open)
		return -1;
	/* curses has flushed what it drew: refresh() writes it all out */
	fflush(term.tty);
	while (len > 0) {
		ssize_t n = write(term.fd, bytes, len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		bytes += n;
		len -= (size_t)n;
	}
	return 0;
}

void
term_crash_restore(void)
{
	ssize_t unused;

	if (!term.open)
		return;
	unused = write(term.fd, term.restore, term.restore_len);
	(void)unused;
	if (term.have_saved)
		tcsetattr(term.fd, TCSANOW, &term.saved);
}

void
term_size(int *width, int *height)
{
	*width = term.open ? COLS : 0;
	*height = term.open ? LINES : 0;
}

void
term_update_size(void)
{
	struct winsize ws;

	if (!term.open)
		return;
	if (ioctl(term.fd, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 && ws.ws_col > 0)
		resizeterm(ws.ws_row, ws.ws_col);
}

void
term_suspend(void)
{
	if (!term.open)
		return;
	if (term.mouse)
		mousemask(0, NULL);
	endwin();
}

void
term_resume(void)
{
	if (!term.open)
		return;
	if (term.mouse)
		mousemask(BUTTON1_CLICKED | BUTTON1_DOUBLE_CLICKED |
			BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
	curs_set(0);
	term_update_size();
	clearok(curscr, TRUE);
}

/* A code point the terminal can show in the cells we gave it, or '?'.
 * Without UTF-8 (LANG=C) the few symbols scorch draws itself get ASCII
 * stand-ins; anything else from a profile is a '?'. */
static wchar_t
shown_char(uint32_t cp, int cells)
{
	if (cp < 0x80)
		return (wchar_t)cp;
	if (!term.utf8) {
		switch (cp) {
		case 0x2026: /* … */
		case 0xb7:   /* · */
			return '.';
		case 0x203a: /* › */
		case 0x25b8: /* ▸ */
			return '>';
		case 0x2500: /* ─ */
			return '-';
		case 0x2502: /* │ */
			return '|';
		default:
			return '?';
		}
	}
	if (wcwidth((wchar_t)cp) != cells)
		return '?';
	return (wchar_t)cp;
}

void
term_draw(const struct canvas *c, bool full)
{
	if (!term.open)
		return;
	if (full)
		clearok(curscr, TRUE);
	for (int y = 0; y < c->height && y < LINES; y++) {
		for (int x = 0; x < c->width && x < COLS; x++) {
			const struct cell *cell = &c->cells[(size_t)y * (size_t)c->width + (size_t)x];
			bool wide = x + 1 < c->width && cell[1].cp == CELL_WIDE_TAIL;
			wchar_t wc[3] = { 0, 0, 0 };
			cchar_t cch;
			unsigned role = cell->role < ROLE_COUNT ? cell->role : 0;

			if (cell->cp == CELL_WIDE_TAIL)
				continue;
			wc[0] = shown_char(cell->cp, wide ? 2 : 1);
			if (cell->comb && term.utf8 && wc[0] != '?' && wcwidth((wchar_t)cell->comb) == 0)
				wc[1] = (wchar_t)cell->comb;
			setcchar(&cch, wc, term.attr[role] | curses_attr(cell->attr),
				term.pair[role], NULL);
			mvadd_wch(y, x, &cch);
			if (wide && wc[0] == '?') {
				/* the terminal disagrees about the width: fill the
				 * second cell so nothing shifts */
				wc[0] = ' ';
				setcchar(&cch, wc, term.attr[role] | curses_attr(cell->attr),
					term.pair[role], NULL);
				mvadd_wch(y, x + 1, &cch);
			}
		}
	}
	refresh();
}

static int
function_key(int code)
{
	switch (code) {
	case KEY_UP: return KEYC_UP;
	case KEY_DOWN: return KEYC_DOWN;
	case KEY_LEFT: return KEYC_LEFT;
	case KEY_RIGHT: return KEYC_RIGHT;
	case KEY_ENTER: return KEYC_ENTER;
	case KEY_BACKSPACE: return KEYC_BACKSPACE;
	case KEY_HOME: return KEYC_HOME;
	case KEY_END: return KEYC_END;
	case KEY_PPAGE: return KEYC_PAGE_UP;
	case KEY_NPAGE: return KEYC_PAGE_DOWN;
	case KEY_IC: return KEYC_INSERT;
	case KEY_DC: return KEYC_DELETE;
	case KEY_BTAB: return KEYC_BACKTAB;
	default:
		if (code >= KEY_F(1) && code <= KEY_F(12))
			return KEYC_F1 + (code - KEY_F(1));
		return -1;
	}
}

int
term_read(struct term_event *ev)
{
	wint_t ch;
	int r;

	if (!term.open)
		return 0;
	for (;;) {
		r = get_wch(&ch);
		if (r == ERR)
			return 0;
		if (r == OK) {
			ev->type = TERM_EV_KEY;
			ev->key = keys_normalise((int)ch);
			return 1;
		}
		if (ch == KEY_RESIZE) {
			ev->type = TERM_EV_RESIZE;
			return 1;
		}
		if (ch == KEY_MOUSE) {
			MEVENT me;

			if (getmouse(&me) != OK)
				continue;
			ev->x = me.x;
			ev->y = me.y;
			if (me.bstate & BUTTON4_PRESSED) {
				ev->type = TERM_EV_KEY;
				ev->key = KEYC_WHEEL_UP;
			} else if (me.bstate & BUTTON5_PRESSED) {
				ev->type = TERM_EV_KEY;
				ev->key = KEYC_WHEEL_DOWN;
			} else if (me.bstate & BUTTON1_DOUBLE_CLICKED) {
				ev->type = TERM_EV_MOUSE;
				ev->mouse = MOUSE_DOUBLE_CLICK;
			} else if (me.bstate & BUTTON1_CLICKED) {
				ev->type = TERM_EV_MOUSE;
				ev->mouse = MOUSE_CLICK;
			} else {
				continue;
			}
			return 1;
		}
		if ((ev->key = function_key((int)ch)) >= 0) {
			ev->type = TERM_EV_KEY;
			return 1;
		}
	}
}
