# A few headless explorer runs under valgrind: no invalid access, no
# uninitialised value used, no leak (valgrind --error-exitcode=1
# --leak-check=full). Skipped without valgrind, and for a sanitizer
# build (ASan and valgrind do not mix); CI has valgrind. A few seconds.
: "${SCORCH:?}" "${TOP_SRCDIR:?}"
if ! command -v valgrind >/dev/null 2>&1; then
	echo "tui valgrind: SKIP: valgrind is not installed"
	exit 77
fi
if grep -q '__asan_init\|__ubsan_handle' "$SCORCH" 2>/dev/null; then
	echo "tui valgrind: SKIP: $SCORCH is built with sanitizers"
	exit 77
fi
here=$TOP_SRCDIR/tests/tui
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config" LC_ALL=C
unset TMUX STY
pass=0 fail=0

# run NAME SIZE ARGS... < keys
run() {
	_name=$1 _size=$2
	shift 2
	cat >"$tmp/$_name.keys"
	if (cd "$here" && SCORCH_TEST_SCRIPT="$tmp/$_name.keys" SCORCH_TEST_SIZE=$_size \
	    SCORCH_TEST_SCREEN="$tmp/$_name.screen" SCORCH_TEST_CLIPBOARD="$tmp/$_name.clip" \
	    valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=all \
		"$SCORCH" "$@" >/dev/null 2>"$tmp/$_name.err"); then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL $_name"
		head -n 40 "$tmp/$_name.err"
	fi
}

# every view, the details, copying, resizes, sequences and the keymaps
run explore 80x24 data/events.perf <<'KEYS'
j j d <End> y Y l j <Resize:300x40> h <Resize:40x12> i <PageDown> T q T
I j Y I ? <End> q <Resize:1x1> j <Resize:80x24> <Click:5,5> <DoubleClick:20,3>
f o <Backspace> 0 q
KEYS
run hostile 60x20 data/hostile.folded <<'KEYS'
j j d h j y Y i q <Resize:20x5> l <Resize:120x30> j j
KEYS
run vim 50x16 --keymap=vim data/crumbs.folded <<'KEYS'
G d gg zo zc g <Esc> g x ZZ
KEYS
run emacs 50x16 --keymap=emacs data/threads.jstack <<'KEYS'
<Ctrl-N> <Ctrl-N> <Esc>> <Esc>w i <Esc>> <Ctrl-G> <Ctrl-X><Ctrl-C>
KEYS
echo "tui valgrind: $pass passed, $fail failed"
[ $fail -eq 0 ]
