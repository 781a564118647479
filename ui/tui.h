/* The interactive explorer. */
#ifndef SCORCH_UI_TUI_H
#define SCORCH_UI_TUI_H

struct session;

/* Runs the explorer on a loaded session until the user quits. Returns the
 * process exit status (0, or 1 when the terminal cannot be used). The
 * terminal is restored on every path out. */
int tui_run(struct session *s);

#endif
