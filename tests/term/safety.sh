# Terminal safety in a real terminal (tmux), issue 6:
# - a profile whose frame names (and file name, and keys file name) are
#   full of ESC, CSI, OSC, DCS, C1 and BEL sequences shows them escaped
#   in the graph, the status line, the details, the info screen and the
#   help, and the terminal is untouched: no title, no clipboard, no
#   colour, nothing cleared;
# - LANG=C: ASCII only on the screen ('?' for names, ASCII stand-ins for
#   the box and ellipsis characters);
# - TERM=dumb, empty or unknown refuse the explorer, suggesting --print
#   (exit 2);
# - a resize storm (tmux resizes and raw SIGWINCH) and sizes from 1x1 to
#   400x120: no crash, and the picture comes back right.
: "${TOP_SRCDIR:?}"
. "$TOP_SRCDIR/tests/term/lib.sh"
data=$term_tests/tui/data
term_begin term-safety

# with set-clipboard on, an OSC 52 that got through would make a buffer
tm set-option -g set-clipboard on >/dev/null
term_stty "$term_tmp/stty.before"
title_before=$(tm display-message -p -t t '#{pane_title}')

# the hostile profile, made here: frame names with whole sequences in
# them (speedscope JSON keeps ';' in names; \u001b is a raw ESC once
# read), and an ESC in its file name
hostile="$term_tmp/evil$(printf '\033[7m')name.json"
names='"main","csi\u001b[31mred\u001b[0m","clear\u001b[2J\u001b[H",'
names=$names'"title\u001b]0;pwned\u0007","clip\u001b]52;c;cHduZWQ=\u001b\\",'
names=$names'"dcs\u001bPtmux;\u001b\u001b]0;pwned\u0007\u001b\\",'
names=$names'"c1\u009b31m\u009d0;pwned\u009c","bell\u0007\u0007"'
frames=$(printf '%s' "$names" | sed 's/"\([^"]*\)"/{"name":"\1"}/g')
printf '{"$schema":"https://www.speedscope.app/file-format-schema.json",'\
'"shared":{"frames":[%s]},"profiles":[{"type":"sampled","name":"p",'\
'"unit":"none","startValue":0,"endValue":1,'\
'"samples":[[0,1],[0,2],[0,3],[0,4],[0,5],[0,6],[0,7]],'\
'"weights":[30,10,10,10,10,10,10]}]}\n' "$frames" >"$hostile"
keys="$term_tmp/my$(printf '\033]0;pwned\007')keys"
printf 'bind flame x toggle-details\n' >"$keys"

esc=$(printf '\033')
# colour set by a real SGR sequence (escaped text on screen does not count)
colour_sgr() {
	tm capture-pane -t t -p -e |
		grep -q "${esc}\[[0-9;]*\(3[0-7]\|4[0-7]\|38;\|48;\|9[0-7]\|10[0-7]\)[;m]"
}
raw_seen() {
	# the pane shows the escapes as text, never obeyed
	term_screen | grep -qF -- "$1"
}
untouched() {
	check "$1: window title unchanged" test \
		"$(tm display-message -p -t t '#{pane_title}')" = "$title_before"
	check "$1: no clipboard buffer" sh -c "! tmux -L $term_sock show-buffer >/dev/null 2>&1"
	check "$1: no colour SGR on the screen" eval '! colour_sgr'
	check "$1: nothing cleared" raw_seen "$2"
}

term_type "clear; '$SCORCH' --color=never --keymap='$keys' '$hostile'"
check "opens" term_wait 'weight 90 · icicle'
check "file name escaped in the title" raw_seen 'evil\x1b[7mname.json'
check "CSI escaped in the graph" raw_seen 'csi\x1b[31mred'
untouched "graph" name.json
# select each hostile frame in turn, details shown
term_send x j j
check "status: CSI frame escaped" term_wait 'main › csi\x1b[31mred\x1b[0m'
check "details: full name escaped" term_wait 'name    csi\x1b[31mred\x1b[0m'
term_send h h h h
for f in 'bell\x07\x07' 'c1\xc2\x9b31m\xc2\x9d0;pwned\xc2\x9c' 'clear\x1b[2J\x1b[H' \
	'clip\x1b]52;c;cHduZWQ=\x1b\' 'csi\x1b[31mred\x1b[0m' \
	'dcs\x1bPtmux;\x1b\x1b]0;pwned\x07\x1b\' 'title\x1b]0;pwned\x07'; do
	check "details: $f" term_wait "name    $f"
	check "status path: $f" raw_seen "main › $f"
	term_send l
done
untouched "details" name.json
term_send i
check "info screen opens" term_wait 'format'
check "info: file name escaped" raw_seen 'evil\x1b[7mname.json'
untouched "info" name.json
term_send q '?'
check "help: keys file name escaped" term_wait 'my\x1b]0;pwned\x07keys'
untouched "help" 'Keys of the flame view'
term_send q
term_send q
check "quits" term_wait 'ready$'
check "alternate screen left" alternate_off
term_stty "$term_tmp/stty.after"
check "terminal modes as before" cmp -s "$term_tmp/stty.before" "$term_tmp/stty.after"
check "title unchanged after quitting" test \
	"$(tm display-message -p -t t '#{pane_title}')" = "$title_before"

# LANG=C: only ASCII reaches the screen
term_type "clear; LC_ALL=C LANG=C '$SCORCH' '$data/hostile.folded'"
check "C locale: opens" term_wait '65 samples'
term_send j j j d
term_wait 'name    std::'
check "C locale: wide and accented names become ?" term_wait '? ? _function'
check "C locale: accented letters too" raw_seen '?t?'
check "C locale: separators and ellipses in ASCII" raw_seen '65 samples . icicle'
check "C locale: path separators in ASCII" raw_seen '> std::vector<std::pair<std:.<char>'
check "C locale: the details border in ASCII" term_wait '- details ----'
check "C locale: nothing but ASCII on the screen" sh -c \
	"tmux -L $term_sock capture-pane -t t -p | LC_ALL=C tr -d '\\n -~' | wc -c | grep -qx 0"
term_send q
term_wait 'ready$'

# terminals that cannot show the explorer
for t in dumb '' nosuchterminal; do
	rm -f "$term_tmp/rc"
	term_type "clear; TERM='$t' '$SCORCH' '$data/small.folded' 2>'$term_tmp/err'; echo \$? >'$term_tmp/rc'"
	term_wait_file "$term_tmp/rc"
	check "TERM='$t': exit 2" test "$(cat "$term_tmp/rc")" = 2
	check "TERM='$t': suggests --print" grep -q 'use --print' "$term_tmp/err"
	check "TERM='$t': names the terminal" grep -q "TERM=$t)" "$term_tmp/err"
done
term_wait 'ready$'
check "refusals leave the screen alone" alternate_off

# a resize storm: tmux resizes and a flood of SIGWINCH
term_scorch '141 samples' "'$data/small.folded'"
pid=$(cat "$term_tmp/pid")
term_send j d
i=0
while [ $i -lt 150 ]; do
	tm resize-window -t t -x $((1 + i * 7 % 300)) -y $((1 + i * 5 % 90))
	kill -WINCH "$pid" 2>/dev/null
	i=$((i + 1))
done
i=0
while [ $i -lt 500 ]; do
	kill -WINCH "$pid" 2>/dev/null || break
	i=$((i + 1))
done
check "storm: still running" kill -0 "$pid"
tm resize-window -t t -x 80 -y 24
check "storm: the picture comes back" term_wait 'small.folded · 141 samples · icicle'
check "storm: details still shown" term_wait 'name    main'
term_send j
check "storm: keys still work" term_wait 'name    run'

# every size from 1x1 to 400x120
for size in 1x1 2x1 1x2 3x3 10x2 20x5 40x8 80x24 133x41 200x60 300x100 400x120; do
	tm resize-window -t t -x "${size%x*}" -y "${size#*x}"
	sleep 0.05
	check "size $size: still running" kill -0 "$pid"
done
check "400x120: drawn" term_wait 'small.folded · 141 samples · icicle'
check "400x120: details on the right" term_wait '│ name    run'
tm resize-window -t t -x 80 -y 24
term_send q
check "quits after the storm" term_wait 'ready$'
check "alternate screen left after the storm" alternate_off
# tmux passes queued pane resizes on after a while: wait for the last
i=0
while [ $i -lt 20 ]; do
	term_stty "$term_tmp/stty.after"
	grep -q 'rows 24; columns 80;' "$term_tmp/stty.after" && break
	sleep 0.2
	i=$((i + 1))
done
check "terminal modes as before after the storm" diff "$term_tmp/stty.before" "$term_tmp/stty.after"
term_end
