# Helpers for end-to-end tests in a real terminal: a private tmux server
# (its own socket, no user config) running an interactive sh in an 80x24
# pane. Every wait polls capture-pane with a timeout; the server is
# killed on exit whatever happens.
#   term_begin NAME          start the server (skips with 77 without tmux)
#   term_send KEYS...        tmux send-keys (key names as tmux knows them)
#   term_type TEXT           type TEXT literally, then Enter
#   term_wait TEXT [SECS]    wait until the pane shows TEXT (fixed string)
#   term_wait_gone TEXT      wait until it no longer does
#   term_wait_line N TEXT    wait until line N is exactly TEXT
#   term_poll COMMAND...     retry COMMAND until it succeeds (10 s)
#   term_poll_for SECS COMMAND...  the same, for up to SECS
#   term_screen [-e]         the pane's text (with -e: with SGR sequences)
#   check NAME COMMAND...    count a pass or a failure (prints the pane)
#   proc_wait_stopped        wait until scorch (term_scorch's pid) is stopped
#   proc_wait_running        ... or running again
#   term_end                 report and exit
: "${SCORCH:?}" "${TOP_SRCDIR:?}"

term_tmp=$(mktemp -d)
# a short path to the test data: the title line gives up its orientation
# word before the file name, so long checkout paths would change what
# the tests see
term_tests=$term_tmp/t
ln -s "$TOP_SRCDIR/tests" "$term_tests"
term_sock=scorch-test-$$
term_pass=0
term_fail=0
term_name=term

term_cleanup() {
	tmux -L "$term_sock" kill-server 2>/dev/null
	# a killed server may leave its socket behind
	rm -f "${TMUX_TMPDIR:-/tmp}/tmux-$(id -u)/$term_sock"
	rm -rf "$term_tmp"
}
trap term_cleanup EXIT
trap 'exit 1' INT TERM HUP

tm() { tmux -L "$term_sock" "$@"; }

term_begin() {
	term_name=$1
	if ! command -v tmux >/dev/null 2>&1; then
		echo "$term_name: SKIP: tmux is not installed"
		exit 77
	fi
	mkdir -p "$term_tmp/config" "$term_tmp/home"
	# a plain interactive sh with a known prompt; the test's own
	# environment, minus anything that changes scorch's looks
	tm -f /dev/null new-session -d -x 80 -y 24 -s t \
		"env -u NO_COLOR -u SCORCH_TEST_SCRIPT HOME='$term_tmp/home' \
		XDG_CONFIG_HOME='$term_tmp/config' LANG=C.UTF-8 LC_ALL=C.UTF-8 \
		PS1='ready\$ ' ENV=/dev/null sh -i" || {
		echo "$term_name: cannot start tmux"; exit 99; }
	tm set-option -g status off >/dev/null
	tm set-window-option -g aggressive-resize on >/dev/null 2>&1
	term_wait 'ready$' || { echo "$term_name: no shell prompt"; exit 99; }
}

term_send() { tm send-keys -t t "$@"; }
term_type() { tm send-keys -t t -l "$1"; tm send-keys -t t Enter; }
term_screen() { tm capture-pane -t t -p "$@"; }

# Retries COMMAND... every 0.05 s until it succeeds, for up to SECS.
term_poll_for() {
	_poll_n=$(($1 * 20)) _poll_i=0
	shift
	while [ "$_poll_i" -lt "$_poll_n" ]; do
		"$@" && return 0
		sleep 0.05
		_poll_i=$((_poll_i + 1))
	done
	return 1
}

# Retries COMMAND... until it succeeds, for up to 10 s: for checks on
# the pane that are not plain text waits (colours, raw bytes).
term_poll() { term_poll_for 10 "$@"; }

term_shows() { term_screen | grep -qF -- "$1"; }
term_lacks() { ! term_shows "$1"; }
term_line_is() { [ "$(term_screen | sed -n "${1}p")" = "$2" ]; }

term_wait() { term_poll_for "${2:-10}" term_shows "$1"; }
term_wait_gone() { term_poll_for "${2:-10}" term_lacks "$1"; }
# Waits until line N of the pane is exactly TEXT.
term_wait_line() { term_poll term_line_is "$1" "$2"; }
# Waits for a file to appear (written by a command in the pane).
term_wait_file() { term_poll test -s "$1"; }

check() {
	_what=$1; shift
	if "$@"; then
		term_pass=$((term_pass + 1))
	else
		term_fail=$((term_fail + 1))
		echo "FAIL $term_name: $_what"
		term_screen | sed 's/^/  | /'
	fi
}

# The pane's terminal modes, as the shell sees them, into FILE.
term_stty() {
	rm -f "$1"
	term_type "stty -a >'$1'; clear"
	term_wait_file "$1"
	term_wait 'ready$'
}

# The state letter of the process in $term_tmp/pid (R, S, T...).
proc_state() {
	sed 's/^[0-9]* (.*) \([A-Za-z]\).*/\1/' "/proc/$(cat "$term_tmp/pid")/stat" 2>/dev/null
}

proc_stopped() { [ "$(proc_state)" = T ]; }
proc_running() { _s=$(proc_state); [ -n "$_s" ] && [ "$_s" != T ]; }

# Waits until that process is stopped (T), or until it is not.
proc_wait_stopped() { term_poll proc_stopped; }
proc_wait_running() { term_poll proc_running; }

alternate_off() { [ "$(tm display-message -p -t t '#{alternate_on}')" = 0 ]; }

# Starts scorch in the pane with its pid in $term_tmp/pid; waits for TEXT.
term_scorch() {
	_wait=$1; shift
	rm -f "$term_tmp/pid"
	term_type "sh -c 'echo \$\$ >$term_tmp/pid; exec \"\$0\" \"\$@\"' '$SCORCH' $*"
	term_wait_file "$term_tmp/pid"
	term_wait "$_wait"
}

term_end() {
	echo "$term_name: $term_pass passed, $term_fail failed"
	[ "$term_fail" -eq 0 ]
	exit $?
}
