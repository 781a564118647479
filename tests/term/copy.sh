# Copy to the clipboard with OSC 52, through tmux: with set-clipboard on
# tmux takes the sequence into a paste buffer (and would pass it on to
# the outer terminal), so `tmux show-buffer` reads what scorch copied.
# Control bytes in names arrive escaped; the passthrough copy that
# scorch also sends (for allow-passthrough) leaves nothing on screen.
: "${TOP_SRCDIR:?}"
. "$TOP_SRCDIR/tests/term/lib.sh"
data=$term_tests/tui/data
term_begin term-copy
tm set-option -g set-clipboard on >/dev/null

buffer_is() {
	[ "$(tm show-buffer 2>/dev/null)" = "$1" ]
}
buffer_wait() {
	term_poll_for 5 buffer_is "$1" && return 0
	echo "buffer: $(tm show-buffer 2>&1 | od -c | head -n 3)"
	return 1
}

term_scorch '· 141 samples' "'$data/small.folded'"
term_send j j
term_wait ' main › run'
term_send y
check "y: the name in the tmux buffer" buffer_wait 'run'
check "y: the status line says so" term_wait 'Copied the name: run'
term_send j Y
check "Y: the stack as a folded line" buffer_wait 'main;run;compute 83'
check "Y: the status line shows it" term_wait 'Copied the stack: main;run;compute 83'
check "no trace of the sequences on screen" sh -c \
	"! tmux -L $term_sock capture-pane -t t -p | grep -q '52;c\\|tmux;'"
# inverted, compute is selected where it is heaviest: under hash_block
term_send I Y
check "inverted: still root first" buffer_wait 'compute;hash_block 40'
term_send q
term_wait 'ready$'

# hostile names: the clipboard gets the escaped text, never raw bytes
term_scorch 'hostile.folded' "'$data/hostile.folded'"
term_send j j h j Y
check "hostile: escaped in the buffer" \
	buffer_wait 'main;evil\x1b[2J\x1b]0;pwned\x07name 10'
check "hostile: no control byte in the buffer" sh -c \
	"! tmux -L $term_sock show-buffer | LC_ALL=C grep -q '[[:cntrl:]]'"
term_send q
check "quits" term_wait 'ready$'

# tmux with set-clipboard off: nothing is stored, nothing is shown
n_buffers=$(tm list-buffers | wc -l)
tm set-option -g set-clipboard off >/dev/null
term_scorch '· 141 samples' "'$data/small.folded'"
term_send j y
check "set-clipboard off: the status line still says what was sent" \
	term_wait 'Copied the name: main'
check "set-clipboard off: tmux keeps no new buffer" \
	test "$(tm list-buffers | wc -l)" = "$n_buffers"
check "set-clipboard off: no trace on screen" sh -c \
	"! tmux -L $term_sock capture-pane -t t -p | grep -q '52;c\\|tmux;'"
term_send q
check "quits again" term_wait 'ready$'
term_end
