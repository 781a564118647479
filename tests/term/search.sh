# Search, filters, the top table, the sandwich and the label picker in a
# real terminal (tmux): the matched share against one computed here with
# awk over the folded profile, highlights in the match colour, n/N, Esc,
# filters with their breadcrumb and undo, Enter from the table to the
# sandwich, a thread-state filter from the picker, and a 40-column pane.
: "${TOP_SRCDIR:?}"
. "$TOP_SRCDIR/tests/term/lib.sh"
data=$term_tests/tui/data
term_begin term-search

share() {
	"$SCORCH" --folded "$1" | re=$2 awk -f "$TOP_SRCDIR/tests/tui/search-share.awk" |
		cut -d' ' -f1
}

# the search line and its share, computed independently
all=$(share "$data/small.folded" 'lz_|emit')
term_scorch '· 141 samples' "'$data/small.folded'"
term_send /
check "the prompt opens" term_wait '[match case]'
tm send-keys -t t -l 'lz_|emit'
check "live count while typing" term_wait '2 matches'
term_send Enter
check "matched share of all ($all)" term_wait " /lz_|emit/ 1/2 · $all of all"
check "Enter selects the first match" term_wait_line 23 ' main › run › compute › compress_block › emit_bits'
check "matches in the match colour" term_poll sh -c \
	"tmux -L $term_sock capture-pane -t t -p -e | grep -Eq '48;(5;164|2;200;0;200)m'"
term_send n
check "n: the next match" term_wait " /lz_|emit/ 2/2 · $all of all"
term_send N
check "N: back" term_wait " /lz_|emit/ 1/2 · $all of all"
term_send Escape
check "Esc clears the search" term_wait_gone '/lz_|emit/'
check "and its colour" term_poll sh -c \
	"! tmux -L $term_sock capture-pane -t t -p -e | grep -Eq '48;(5;164|2;200;0;200)m'"

# every instance of the selected function
term_send k '*'
check "* highlights the instances" term_wait ' compress_block 1/1 · 28.4% of all · every instance'
term_send Escape

# filters and the breadcrumb
term_send F
check "F focuses" term_wait ' Filters: focus compress_block'
check "the total follows" term_wait '40 samples · icicle'
term_send u
check "u undoes" term_wait_gone 'Filters:'
check "the whole profile again" term_wait '· 141 samples'
term_send '=' h
tm send-keys -t t -l 'comp'
term_send Enter
check "=h hides by regex" term_wait ' Filters: hide /comp/'

# a 40-column pane: the breadcrumb and search line fit
tm resize-window -t t -x 40 -y 15
term_send / h a s h Enter
check "narrow: the search line" term_wait ' /hash/ 1/1 · 28.4% of all'
check "narrow: the breadcrumb" term_wait ' Filters: hide /comp/'
tm resize-window -t t -x 80 -y 24
term_send Escape U
check "U clears" term_wait_gone 'Filters:'

# the top table, its filter, Enter to the sandwich and back
term_send t
check "t opens the top table" term_wait 'Top functions · 21 of 21 · by self'
term_send /
tm send-keys -t t -l 'COMP'
check "the table filters as it is typed" term_wait 'Top functions · 2 of 21'
term_send Enter Enter
check "Enter opens the sandwich" term_wait 'Sandwich: compute · 83 samples (58.9%)'
check "callers above" term_wait_line 2 'main'
term_send j Enter
check "Enter pivots to the selected callee" term_wait_gone 'Sandwich: compute'
term_send BSpace
check "Backspace goes back" term_wait 'Sandwich: compute · 83 samples (58.9%)'
term_send q
check "q goes back to the table" term_wait 'Top functions · 2 of 21'
term_send q
check "and to the graph" term_wait '· 141 samples'
term_send q
term_wait 'ready$'

# without colour the matches are underlined, on the plain background
# where frames are in reverse video
esc=$(printf '\033')
term_type "clear; NO_COLOR=1 '$SCORCH' '$data/small.folded'"
term_wait '· 141 samples'
term_send / e m i t '|' l z _ Enter
check "NO_COLOR: a match is underlined, not reversed" term_poll sh -c \
	"tmux -L $term_sock capture-pane -t t -p -e |
	grep -Eq '${esc}\\[(0;)?4m(${esc}\\[[0-9;]*m)*lz_match'"
term_send q
term_wait 'ready$'

# a thread dump: filter to a thread state from the label picker
term_scorch 'threads.jstack' "'$data/threads.jstack'"
term_send L
check "L lists the label keys" term_wait 'Labels · 3 keys'
term_send Enter
check "Enter lists the values" term_wait 'WAITING'
term_send j Enter
check "Enter filters to the state" term_wait ' Filters: tag state=RUNNABLE'
check "only that thread's stack" term_wait 'java.net.SocketInputStream.read'
term_send q
check "q quits to the shell" term_wait 'ready$'
term_end
