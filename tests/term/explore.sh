# The explorer in a real terminal (tmux): open, move, zoom in and out,
# help, flame toggle, status line, colours, hostile names, resize, and
# quitting gives the shell its screen and terminal modes back.
: "${TOP_SRCDIR:?}"
. "$TOP_SRCDIR/tests/term/lib.sh"
data=$term_tests/tui/data
term_begin term-explore

term_stty "$term_tmp/stty.before"
term_scorch '· 141 samples' "'$data/small.folded'"
check "opens on the icicle with the root selected" term_wait ' 141 samples · 100% of all'
check "frames are drawn" term_wait 'c load_conf… p… run'
check "alternate screen in use" test "$(tm display-message -p -t t '#{alternate_on}')" = 1

# colours: 256-colour backgrounds in tmux-256color, and the frames differ
check "256 colours used" term_poll sh -c "tmux -L $term_sock capture-pane -t t -p -e | grep -q '48;5;'"

check "status line names the root" term_wait_line 23 ' all'
term_send j
check "down selects the child" term_wait_line 23 ' main'
term_send j
check "the widest callee" term_wait ' 113 samples · 80.1% of all'
term_send Left
check "left: previous sibling" term_wait ' 5 samples · 3.55% of all · self 5 samples'
term_send Right j
check "right and down: compute" term_wait ' 83 samples · 58.9% of all · self 0 samples'
term_send Enter
check "enter zooms in" term_wait 'zoom: compute'
check "status shows the share of the zoom" term_wait '58.9% of all · 100% of zoom'
term_send j Enter
check "zoom twice" term_wait 'zoom: compress_block'
term_send BSpace
check "backspace zooms out one level" term_wait 'zoom: compute'
term_send 0
check "0 resets the zoom" term_wait_gone 'zoom:'

term_send '?'
check "help opens" term_wait 'Keys of the flame view'
check "help lists zoom-in with its keys" term_wait '<Enter> +'
term_send q
check "q closes the help, not scorch" term_wait 'c load_conf… p… run'

term_send f
check "f: flame graph" term_wait '141 samples · flame graph'
check "flame: root on the bottom line of the graph" term_poll sh -c \
	"tmux -L $term_sock capture-pane -t t -p | sed -n 22p | grep -q '^all'"
term_send f

tm resize-window -t t -x 50 -y 15
check "resize re-lays out" term_wait ' load_… p run'
check "status fits the new width" term_poll sh -c \
	"tmux -L $term_sock capture-pane -t t -p | sed -n 15p | grep -q '^ 40 samples · 28.4% of all · self 0 samples\$'"
tm resize-window -t t -x 20 -y 5
check "a 20x5 terminal still works" term_wait ' 40 samples · 28.4%'
tm resize-window -t t -x 80 -y 24
check "and back" term_wait 'c load_conf… p… run'

term_send q
check "q quits to the shell" term_wait 'ready$'
check "the alternate screen is left" alternate_off
term_stty "$term_tmp/stty.after"
check "terminal modes restored after q" cmp -s "$term_tmp/stty.before" "$term_tmp/stty.after"

# a hostile profile cannot drive the terminal: the name is shown escaped
# and the window title is not set
term_scorch 'hostile.folded' "'$data/hostile.folded'"
term_send j j h
check "control bytes shown escaped" term_wait 'evil\x1b[2J\x1b]0'
check "wide characters in place" term_wait '漢字_function'
check "title not changed by the profile" sh -c \
	"! tmux -L $term_sock display-message -p -t t '#{pane_title}' | grep -q pwned"
term_send q
term_wait 'ready$'

# NO_COLOR: monochrome, reverse video, no colour sequences
term_scorch '141 samples' "'$data/small.folded'" </dev/null
term_send q
term_wait 'ready$'
term_type "clear; NO_COLOR=1 '$SCORCH' '$data/small.folded'"
term_wait '· 141 samples'
check "NO_COLOR: no colours" sh -c \
	"! tmux -L $term_sock capture-pane -t t -p -e | grep -q '\\[[0-9;]*\\(3[0-7]\\|4[0-7]\\|38;\\|48;\\)'"
check "NO_COLOR: reverse video" term_poll sh -c \
	"tmux -L $term_sock capture-pane -t t -p -e | grep -q '\\[7m\\|;7m'"
term_send q
term_wait 'ready$'
term_type "clear; '$SCORCH' --color=never '$data/small.folded'"
term_wait '· 141 samples'
check "--color=never: no colours" sh -c \
	"! tmux -L $term_sock capture-pane -t t -p -e | grep -q '\\[[0-9;]*\\(3[0-7]\\|4[0-7]\\|38;\\|48;\\)'"
term_send q
term_wait 'ready$'

# TERM with 8 colours: the fallback palette
term_type "clear; TERM=xterm '$SCORCH' '$data/small.folded'"
term_wait '· 141 samples'
check "8 colours: basic SGR colours" term_poll sh -c \
	"tmux -L $term_sock capture-pane -t t -p -e | grep -q '\\[[0-9;]*4[0-7]m'"
term_send q
term_wait 'ready$'

# the profile on stdin: keys still come from the terminal
term_type "clear; cat '$data/small.folded' | '$SCORCH' -"
check "profile from stdin" term_wait '· 141 samples'
term_send j
check "keys work with stdin taken" term_wait_line 23 ' main'
term_send q
check "quits" term_wait 'ready$'
term_end
