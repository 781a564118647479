/* The interactive explorer. */
#ifndef SCORCH_UI_TUI_H
#define SCORCH_UI_TUI_H

#include "error.h"

struct session;

/* Runs the explorer on a loaded session until the user quits. Returns the
 * process exit status (0, or 1 when the terminal cannot be used). The
 * terminal is restored on every path out. */
int tui_run(struct session *s);
/* Before loading: whether the explorer could start on this terminal, so
 * that a profile is not read only to be refused. 0, or -1 with err
 * filled (a usage error: TERM is dumb or unknown). */
int tui_check(struct error *err);

#endif
