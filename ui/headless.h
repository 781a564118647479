/* Headless runs for tests and benchmarks: keys come from a script, the
 * screen is a canvas of a fixed size written out as text. The terminal is
 * never touched. */
#ifndef SCORCH_UI_HEADLESS_H
#define SCORCH_UI_HEADLESS_H

#include <stdbool.h>

#include "keymap.h"

struct session;

/* Runs the explorer on the keys in script_path (key names or sequences
 * as in keys files, separated by blanks; plus <Snapshot>,
 * <Resize:COLSxROWS>, <Click:X,Y> and <DoubleClick:X,Y>). What the copy
 * keys would send to the terminal is appended to the file named by
 * $SCORCH_TEST_CLIPBOARD. size is "COLSxROWS" (NULL: 80x24);
 * screens go to screen_path (NULL: stdout), with the colour roles of each
 * cell when roles is set. Returns the exit status: 0, or 2 for a bad
 * script. */
int headless_run(struct session *s, const struct keymap *km,
	const char *script_path, const char *size, const char *screen_path,
	bool roles);

#endif
