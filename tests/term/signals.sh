# Every way out restores the terminal: Ctrl-C (SIGINT), SIGTERM, SIGHUP,
# a crash (SIGSEGV, SIGABRT: the async-signal-safe path), and Ctrl-Z or a
# SIGTSTP from elsewhere suspends and SIGCONT (fg) resumes cleanly. "Restored" means: the shell's prompt is
# back on the normal screen and `stty -a` reads as it did before.
: "${TOP_SRCDIR:?}"
. "$TOP_SRCDIR/tests/term/lib.sh"
data=$term_tests/tui/data
term_begin term-signals

term_stty "$term_tmp/stty.before"

restored() {
	_what=$1 _rc=$2
	check "$_what: prompt back" term_wait 'ready$'
	check "$_what: alternate screen left" alternate_off
	rm -f "$term_tmp/rc"
	term_type "echo \$? >'$term_tmp/rc'"
	term_wait_file "$term_tmp/rc"
	check "$_what: exit status $_rc" test "$(cat "$term_tmp/rc")" = "$_rc"
	term_stty "$term_tmp/stty.after"
	check "$_what: terminal modes restored" cmp -s "$term_tmp/stty.before" "$term_tmp/stty.after"
}

# The shell has taken the stopped job back: its "Stopped" notice, then a
# fresh prompt on the last line (an old prompt higher up proves nothing;
# typing before the shell reads again raced with it under load).
shell_has_job_stopped() {
	term_screen | grep -q 'Stopped' &&
		[ "$(term_screen | sed 's/ *$//' | grep -v '^$' | tail -n 1)" = 'ready$' ]
}

# Ctrl-C
term_scorch '· 141 samples' "'$data/small.folded'"
term_send j
term_wait ' 141 samples · 100% of all · self 0 samples'
term_send C-c
restored "Ctrl-C" 130

# SIGTERM and SIGHUP from elsewhere, and crashes (SEGV, ABRT): the
# terminal is put back before the default action
for sig in TERM HUP SEGV ABRT; do
	term_scorch '· 141 samples' "'$data/small.folded'"
	kill -"$sig" "$(cat "$term_tmp/pid")"
	case $sig in TERM) rc=143 ;; HUP) rc=129 ;; SEGV) rc=139 ;; ABRT) rc=134 ;; esac
	restored "SIG$sig" $rc
done

# Ctrl-Z, then fg: the same picture comes back, and q still works
term_scorch '· 141 samples' "'$data/small.folded'"
term_send j j Enter
term_wait 'zoom: run'
term_send C-z
check "Ctrl-Z: stopped" proc_wait_stopped
check "Ctrl-Z: prompt back" term_poll shell_has_job_stopped
check "Ctrl-Z: alternate screen left" alternate_off
term_stty "$term_tmp/stty.suspended"
check "Ctrl-Z: terminal modes restored" cmp -s "$term_tmp/stty.before" "$term_tmp/stty.suspended"
term_type "fg"
check "fg: running" proc_wait_running
check "fg: redrawn as it was" term_wait 'zoom: run'
check "fg: status line back" term_wait ' 113 samples · 80.1% of all · 100% of zoom'
term_send BSpace
check "fg: keys work again" term_wait_gone 'zoom: run'
term_send q
restored "q after fg" 0

# SIGTSTP from elsewhere (not the keyboard), then SIGCONT through fg:
# the terminal is given back while stopped and taken again after
term_scorch '· 141 samples' "'$data/small.folded'"
term_send j
term_wait ' 141 samples · 100% of all · self 0 samples'
kill -TSTP "$(cat "$term_tmp/pid")"
check "SIGTSTP: stopped" proc_wait_stopped
check "SIGTSTP: prompt back" term_poll shell_has_job_stopped
check "SIGTSTP: alternate screen left" alternate_off
term_stty "$term_tmp/stty.stopped"
check "SIGTSTP: terminal modes restored" diff "$term_tmp/stty.before" "$term_tmp/stty.stopped"
term_type "fg"
check "SIGCONT (fg): running" proc_wait_running
check "SIGCONT (fg): redrawn" term_wait ' 141 samples · 100% of all · self 0 samples'
check "SIGCONT (fg): alternate screen again" test \
	"$(tm display-message -p -t t '#{alternate_on}')" = 1
term_send j
check "SIGCONT (fg): keys work" term_wait ' main › run'
kill -INT "$(cat "$term_tmp/pid")"
restored "SIGINT after SIGCONT" 130

term_end
