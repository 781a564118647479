/* The explorer's entry point: loads the key bindings, then runs either
 * headless (SCORCH_TEST_SCRIPT) or on the terminal, where signals come
 * through a self-pipe so that every way out restores the terminal. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "flame_view.h"
#include "headless.h"
#include "keymap.h"
#include "session.h"
#include "term.h"
#include "tui.h"
#include "view.h"
#include "xmalloc.h"

/* The signal plumbing is a process-wide singleton, like the terminal. */
static int sig_pipe[2] = { -1, -1 };

static void
on_signal(int sig)
{
	int saved = errno;
	unsigned char b = (unsigned char)sig;
	ssize_t unused = write(sig_pipe[1], &b, 1);

	(void)unused;
	errno = saved;
}

static void
on_crash(int sig)
{
	term_crash_restore();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* What the explorer catches while it runs: the quit signals, resizes and
 * job control through the pipe; crashes restore the terminal on the way
 * down. */
static const struct {
	int sig;
	void (*handler)(int);
} caught[] = {
	{ SIGINT, on_signal }, { SIGTERM, on_signal }, { SIGHUP, on_signal },
	{ SIGQUIT, on_signal }, { SIGWINCH, on_signal }, { SIGTSTP, on_signal },
	{ SIGCONT, on_signal },
	{ SIGSEGV, on_crash }, { SIGBUS, on_crash }, { SIGFPE, on_crash },
	{ SIGILL, on_crash }, { SIGABRT, on_crash },
};

static void
catch_signal(int sig, void (*handler)(int))
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = handler == on_crash ? SA_RESETHAND : SA_RESTART;
	sigaction(sig, &sa, NULL);
}

static int
signals_open(void)
{
	if (pipe(sig_pipe) < 0)
		return -1;
	for (int i = 0; i < 2; i++) {
		fcntl(sig_pipe[i], F_SETFL, fcntl(sig_pipe[i], F_GETFL) | O_NONBLOCK);
		fcntl(sig_pipe[i], F_SETFD, FD_CLOEXEC);
	}
	/* installed before curses starts, so that it leaves them to us */
	for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
		catch_signal(caught[i].sig, caught[i].handler);
	return 0;
}

static void
signals_close(void)
{
	for (size_t i = 0; i < sizeof caught / sizeof caught[0]; i++)
		signal(caught[i].sig, SIG_DFL);
	close(sig_pipe[0]);
	close(sig_pipe[1]);
	sig_pipe[0] = sig_pipe[1] = -1;
}

static void
fatal_hook(void)
{
	term_close();
}

static int
raw_write(void *ctx, const char *bytes, size_t len)
{
	(void)ctx;
	return term_write_raw(bytes, len);
}

static void
resize_canvas(struct ui *ui)
{
	int w, h;

	term_size(&w, &h);
	ui_resize(ui, w, h);
}

/* After SIGWINCH: tell curses the new size (it then queues a KEY_RESIZE,
 * which only resizes the canvas: see resize_canvas). */
static void
resize(struct ui *ui)
{
	term_update_size();
	resize_canvas(ui);
}

/* Ctrl-Z: give the terminal back, stop, and take it again on fg. */
static void
suspend(struct ui *ui)
{
	term_suspend();
	signal(SIGTSTP, SIG_DFL);
	raise(SIGTSTP);
	catch_signal(SIGTSTP, on_signal);
	term_resume();
	resize(ui);
}

/* Handles the signals queued in the pipe; returns the quit signal, or 0. */
static int
drain_signals(struct ui *ui, bool *redraw)
{
	unsigned char buf[64];
	ssize_t n;
	int quit = 0;

	while ((n = read(sig_pipe[0], buf, sizeof buf)) > 0) {
		for (ssize_t i = 0; i < n; i++) {
			switch (buf[i]) {
			case SIGWINCH:
				resize(ui);
				*redraw = true;
				break;
			case SIGTSTP:
				suspend(ui);
				*redraw = true;
				break;
			case SIGCONT:
				term_resume();
				resize(ui);
				*redraw = true;
				break;
			default:
				quit = buf[i];
				break;
			}
		}
	}
	return quit;
}

static int
run_terminal(struct session *s, const struct keymap *km)
{
	struct ui ui;
	struct error err;
	char msg[600];
	bool redraw = true;
	int quit_sig = 0, rc;

	error_clear(&err);
	if (signals_open() < 0) {
		fprintf(stderr, "scorch: pipe: %s\n", strerror(errno));
		return 1;
	}
	if ((rc = term_open(s->opts ? s->opts->color : COLOR_AUTO, &err)) < 0) {
		signals_close();
		fprintf(stderr, "scorch: %s\n", error_format(&err, msg, sizeof msg));
		return rc == -2 ? 2 : 1;
	}
	fatal_set_hook(fatal_hook);
	ui_init(&ui, s, km);
	ui.raw_write = raw_write;
	ui.mono = strcmp(term_color_mode(), "mono") == 0;
	resize(&ui);
	if (ui_push(&ui, &flame_view_ops) < 0)
		ui.quit = true;
	while (!ui.quit) {
		struct pollfd pfd[2] = {
			{ .fd = term_fd(), .events = POLLIN },
			{ .fd = sig_pipe[0], .events = POLLIN },
		};
		struct term_event ev;

		if (redraw) {
			ui_draw(&ui);
			term_draw(&ui.canvas, ui.full_redraw);
			ui.full_redraw = false;
			redraw = false;
		}
		if (poll(pfd, 2, -1) < 0 && errno != EINTR)
			break;
		if ((quit_sig = drain_signals(&ui, &redraw)))
			break;
		if (pfd[0].revents & (POLLHUP | POLLERR | POLLNVAL))
			break;
		/* curses buffers input: read everything before polling again */
		while (!ui.quit && term_read(&ev)) {
			switch (ev.type) {
			case TERM_EV_KEY:
				redraw |= ui_key(&ui, ev.key);
				break;
			case TERM_EV_MOUSE:
				redraw |= ui_mouse(&ui, ev.mouse, ev.x, ev.y);
				break;
			case TERM_EV_RESIZE:
				resize_canvas(&ui);
				redraw = true;
				break;
			}
		}
	}
	ui_free(&ui);
	term_close();
	fatal_set_hook(NULL);
	signals_close();
	if (quit_sig) {
		/* die of the signal, as the shell expects, now that the
		 * terminal is back */
		signal(quit_sig, SIG_DFL);
		raise(quit_sig);
		return 128 + quit_sig;
	}
	return 0;
}

int
tui_check(struct error *err)
{
	const char *script = getenv("SCORCH_TEST_SCRIPT");

	if (script && script[0])
		return 0;
	return term_check(err) < 0 ? -1 : 0;
}

int
tui_run(struct session *s)
{
	struct keymap km;
	struct error err;
	const char *script = getenv("SCORCH_TEST_SCRIPT");
	char msg[600];
	int rc;

	/* the locale for the terminal's character set, not for numbers:
	 * values read the same as in --print */
	setlocale(LC_ALL, "");
	setlocale(LC_NUMERIC, "C");
	keymap_init(&km);
	error_clear(&err);
	if (keymap_load_active(&km, s->opts ? s->opts->keymap : NULL, &err) < 0) {
		fprintf(stderr, "scorch: %s\n", error_format(&err, msg, sizeof msg));
		keymap_free(&km);
		return 2;
	}
	if (script && script[0]) {
		const char *roles = getenv("SCORCH_TEST_ROLES");

		rc = headless_run(s, &km, script, getenv("SCORCH_TEST_SIZE"),
			getenv("SCORCH_TEST_SCREEN"), roles && strcmp(roles, "1") == 0);
	} else {
		rc = run_terminal(s, &km);
	}
	keymap_free(&km);
	return rc;
}
