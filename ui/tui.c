/* TEMPORARY until the explorer lands: refuses to run. */
#include "config.h"
#include <stdio.h>
#include "session.h"
#include "tui.h"
int
tui_run(struct session *s)
{
	(void)s;
	fputs("scorch: the explorer is not built yet; use --print or --folded\n", stderr);
	return 1;
}
