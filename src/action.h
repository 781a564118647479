/* Every user action, named once. The ACTIONS list produces the enum, the
 * names used in keys files and the help screen's descriptions; keys are
 * bound to these names in keymaps/NAME.keys, never in a switch. */
#ifndef SCORCH_SRC_ACTION_H
#define SCORCH_SRC_ACTION_H

#include <stddef.h>

/* X(ID, "name", "help text"), in the order the help screen lists them. */
#define ACTIONS(X) \
	X(MOVE_UP,          "move-up",          "Select up: the caller in an icicle, the widest callee in a flame graph") \
	X(MOVE_DOWN,        "move-down",        "Select down: the widest callee in an icicle, the caller in a flame graph") \
	X(MOVE_LEFT,        "move-left",        "Select the sibling to the left") \
	X(MOVE_RIGHT,       "move-right",       "Select the sibling to the right") \
	X(MOVE_PARENT,      "move-parent",      "Select the caller of this frame") \
	X(MOVE_CHILD,       "move-child",       "Select the widest callee of this frame") \
	X(MOVE_ROOT,        "move-root",        "Select the zoomed frame (the full-width one)") \
	X(MOVE_LEAF,        "move-leaf",        "Follow the widest callees down to a leaf: the hottest path") \
	X(ZOOM_IN,          "zoom-in",          "Make the selected frame full width") \
	X(ZOOM_OUT,         "zoom-out",         "Go back to the previous zoom level") \
	X(ZOOM_RESET,       "zoom-reset",       "Show the whole profile again") \
	X(SCROLL_LINE_UP,   "scroll-line-up",   "Scroll up one line") \
	X(SCROLL_LINE_DOWN, "scroll-line-down", "Scroll down one line") \
	X(SCROLL_PAGE_UP,   "scroll-page-up",   "Scroll up one screen") \
	X(SCROLL_PAGE_DOWN, "scroll-page-down", "Scroll down one screen") \
	X(SCROLL_TOP,       "scroll-top",       "Scroll to the first line") \
	X(SCROLL_BOTTOM,    "scroll-bottom",    "Scroll to the last line") \
	X(TOGGLE_FLAME,     "toggle-flame",     "Switch between icicle (root on top) and flame graph (root at the bottom)") \
	X(TOGGLE_ORDER,     "toggle-order",     "Order callees by name (flamegraph.pl) or by weight (heaviest first)") \
	X(TOGGLE_INVERTED,  "toggle-inverted",  "Invert the tree: the leaves where time is spent become roots, their callers above them") \
	X(TOGGLE_DETAILS,   "toggle-details",   "Show or hide the details of the selected frame: full name, kind, module or file:line, values, shares, call path") \
	X(CYCLE_SAMPLE_TYPE, "cycle-sample-type", "Show the next sample type (pprof cpu, alloc_space...; perf events)") \
	X(TOGGLE_PALETTE,   "toggle-palette",   "Diff colours: red and blue, or the colour-blind-safe orange and blue") \
	X(DIFF_CYCLE_WIDTH, "diff-cycle-width", "Diff: size frames by AFTER, by BEFORE (flamegraph.pl --negate), or by the larger of the two so that gone stacks show") \
	X(DIFF_CYCLE_METRIC, "diff-cycle-metric", "Diff: colour by the change of share (each total counts as 100%), by the absolute change, or (two thread dumps) by stuck and progressing threads") \
	X(DIFF_NOISE_UP,    "diff-noise-up",    "Diff: raise the noise threshold, below which a change stays neutral grey") \
	X(DIFF_NOISE_DOWN,  "diff-noise-down",  "Diff: lower the noise threshold") \
	X(COLD_CYCLE_VIEW,  "cold-cycle-view",  "Hot/cold: wall time (each frame on-CPU warm, off-CPU cool), on-CPU only, or off-CPU only") \
	X(COLD_TOGGLE_IDLE, "cold-toggle-idle", "Hot/cold: leave out the idle waits (the --idle pattern) or put them back") \
	X(COPY_NAME,        "copy-name",        "Copy the selected frame's name to the clipboard (OSC 52)") \
	X(COPY_STACK,       "copy-stack",       "Copy the selected frame's stack as a folded line, root;...;frame value (OSC 52)") \
	X(SEARCH_REGEX,     "search-regex",     "Search: highlight the frames whose names match a POSIX extended regex (in the top table: filter its rows)") \
	X(SEARCH_NEXT,      "search-next",      "Select the next match, left to right, zooming in when it is too narrow to draw") \
	X(SEARCH_PREV,      "search-prev",      "Select the previous match") \
	X(SEARCH_SELECTED,  "search-selected",  "Highlight every instance of the selected function") \
	X(SEARCH_CLEAR,     "search-clear",     "Clear the search and its highlights") \
	X(TOGGLE_SEARCH_CASE, "toggle-search-case", "Match case or ignore it, in the search or filter being typed and in the current search") \
	X(FILTER_FOCUS,     "filter-focus",     "Keep only the stacks through the selected function (pprof focus)") \
	X(FILTER_IGNORE,    "filter-ignore",    "Drop the stacks through the selected function (pprof ignore)") \
	X(FILTER_HIDE,      "filter-hide",      "Remove the selected function from every stack and merge what remains (pprof hide)") \
	X(FILTER_ROOT,      "filter-root",      "Re-root at the selected function: keep stacks from it down to the leaf (pprof show_from)") \
	X(FILTER_FOCUS_REGEX, "filter-focus-regex", "Keep only the stacks with a frame matching a typed regex") \
	X(FILTER_IGNORE_REGEX, "filter-ignore-regex", "Drop the stacks with a frame matching a typed regex") \
	X(FILTER_HIDE_REGEX, "filter-hide-regex", "Remove the frames matching a typed regex and merge what remains") \
	X(FILTER_ROOT_REGEX, "filter-root-regex", "Re-root at the first frame matching a typed regex") \
	X(FILTER_UNDO,      "filter-undo",      "Undo the last filter (pop it off the breadcrumb)") \
	X(FILTER_CLEAR,     "filter-clear",     "Remove every filter") \
	X(GROUP_BY_KEY,     "group-by-key",     "Label picker: group by the selected key, as root frames (again: stop grouping)") \
	X(PICK_ITEM,        "pick-item",        "Label picker: list the values of the key, or filter to the selected value") \
	X(SORT_SELF,        "sort-self",        "Top table: sort by self value, heaviest first") \
	X(SORT_TOTAL,       "sort-total",       "Top table: sort by total value, heaviest first") \
	X(SORT_NAME,        "sort-name",        "Top table: sort by function name") \
	X(SORT_CALLS,       "sort-calls",       "Top table: sort by the number of distinct callers") \
	X(SORT_REGRESSION,  "sort-regression",  "Delta table: largest growth first") \
	X(SORT_IMPROVEMENT, "sort-improvement", "Delta table: largest shrinkage first") \
	X(SORT_DELTA,       "sort-delta",       "Delta table: largest change either way first") \
	X(SORT_DELTA_PERCENT, "sort-delta-percent", "Delta table: largest relative change first, new functions on top") \
	X(SORT_BEFORE,      "sort-before",      "Delta table: sort by the BEFORE value") \
	X(SORT_AFTER,       "sort-after",       "Delta table: sort by the AFTER value") \
	X(PROMPT_ACCEPT,    "prompt-accept",    "In a prompt: use what was typed") \
	X(PROMPT_CANCEL,    "prompt-cancel",    "In a prompt: leave it and undo what typing did") \
	X(VIEW_TOP,         "view-top",         "Show the top table: every function with its self, total and callers") \
	X(VIEW_SANDWICH,    "view-sandwich",    "Show the selected function's callers above and callees below (in the sandwich: pivot to the selected frame)") \
	X(VIEW_LABELS,      "view-labels",      "Pick a label key (thread, state, pid...), then a value to filter to, or group by the key") \
	X(VIEW_DELTA,       "view-delta",       "Diff: the delta table, every function's before, after and change, sorted by regression") \
	X(VIEW_CHANGES,     "view-changes",     "Diff: the stacks only in BEFORE (gone) and only in AFTER (new), and the threads of two dumps") \
	X(SHOW_IN_GRAPH,    "show-in-graph",    "In the delta table or the gone and new list: select that function or stack in the flame graph") \
	X(VIEW_INFO,        "view-info",        "Show what was loaded: format, sample types, period, threads, label keys, skipped lines") \
	X(VIEW_HELP,        "view-help",        "Show this help: every action and its keys") \
	X(VIEW_CLOSE,       "view-close",       "Close this view and go back") \
	X(SCREEN_REDRAW,    "screen-redraw",    "Redraw the whole screen") \
	X(QUIT,             "quit",             "Leave scorch")

enum action {
	ACTION_NONE = 0,   /* unbound; "none" in a keys file */
#define ACTION_ENUM(id, name, help) ACTION_##id,
	ACTIONS(ACTION_ENUM)
#undef ACTION_ENUM
	ACTION_COUNT
};

/* "zoom-in"; "none" for ACTION_NONE. Static strings. */
const char *action_name(enum action a);
const char *action_help(enum action a);
/* The action named name[0..len), ACTION_NONE for "none", or -1 when no
 * action has that name. */
int action_lookup(const char *name, size_t len);

#endif
