# The diff and hot/cold colours in the headless explorer, frame by frame,
# against expectations computed here with awk from the inputs' folded
# forms (tests/tools/pair-expect.sh), never from scorch's own view: the
# class and intensity step of every drawn frame (role grid), the marks
# without colour, the metric, noise and width keys, thread dumps, and the
# on-CPU/off-CPU split of hot/cold frames.
: "${SCORCH:?}" "${TOP_SRCDIR:?}"
export LC_ALL=C
. "$TOP_SRCDIR/tests/corpus/lib.sh"
. "$TOP_SRCDIR/tests/tools/pair-expect.sh"
pass=0 fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"
unset NO_COLOR SCORCH_TEST_ROLES
data=$TOP_SRCDIR/tests/data
corpus=$SCORCH_CORPUS

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $1"; sed 's/^/  /' "$tmp/why" | head -n 20; }

if [ ! -d "$corpus" ]; then
	echo "CORPUS MISSING: $corpus" >&2
	[ "${SCORCH_ALLOW_NO_CORPUS:-0}" = 1 ] || exit 99
	corpus=
fi

# run [VAR=value] SIZE KEYS ARGS...: headless run with the role grid
# into $tmp/screen
run() {
	envs=
	case $1 in *=*) envs=$1; shift ;; esac
	size=$1 keys=$2
	shift 2
	printf '%s\n' "$keys" >"$tmp/keys"
	# shellcheck disable=SC2086
	env $envs SCORCH_TEST_SCRIPT="$tmp/keys" SCORCH_TEST_SCREEN="$tmp/screen" \
		SCORCH_TEST_SIZE="$size" SCORCH_TEST_ROLES=1 "$SCORCH" "$@" \
		</dev/null >/dev/null 2>"$tmp/err" || { echo "scorch failed: $*"; cat "$tmp/err"; }
}

# check NAME SNAPSHOT EXPECTED ROWS [FIELD]: frames of a screen in order
check() {
	pair_snapshot "$tmp/screen" "$2" >"$tmp/text"
	pair_snapshot "$tmp/screen" "$2" roles >"$tmp/roles"
	pair_tokens "$tmp/text" "$tmp/roles" "$4" >"$tmp/tokens"
	if pair_compare "$3" "$tmp/tokens" "${5:-4}" "$4" >"$tmp/why"; then ok; else bad "$1"; fi
}

# check_named NAME SNAPSHOT EXPECTED ROWS MINSHARE: the wide frames
check_named() {
	pair_snapshot "$tmp/screen" "$2" >"$tmp/text"
	pair_snapshot "$tmp/screen" "$2" roles >"$tmp/roles"
	pair_tokens "$tmp/text" "$tmp/roles" "$4" >"$tmp/tokens"
	if pair_check_named "$3" "$tmp/tokens" "$5" "$4" >"$tmp/why"; then ok; else bad "$1"; fi
}

folded() { "$SCORCH" --folded "$@" 2>/dev/null | folded_normalize; }

# --- a small diff: every frame, every setting -------------------------------
diff_pair() {   # NAME BEFORE AFTER INPUT...: expected from BEFORE and AFTER
	name=$1 before=$2 after=$3
	shift 3
	folded "$before" >"$tmp/b"
	folded "$after" >"$tmp/a"
	pair_join "$tmp/b" "$tmp/a" >"$tmp/ab"
	for spec in share:0.2:after absolute:0.2:after share:5:after share:0.2:before \
	    share:0.2:max absolute:1:max; do
		IFS=: read -r metric noise width <<EOF
$spec
EOF
		pair_diff_nodes "$tmp/ab" "$metric" "$noise" "$width" >"$tmp/want.$metric.$noise.$width"
	done
	# 240 columns: the smallest frame of these files is three cells wide
	rows=20
	run 240x24 '<Snapshot> M <Snapshot> M ] ] ] ] <Snapshot> [ [ [ [ W <Snapshot> W <Snapshot> M ] ] <Snapshot>' \
		"$@"
	check "$name: share, noise 0.2, widths after" 1 "$tmp/want.share.0.2.after" $rows
	check "$name: absolute change (M)" 2 "$tmp/want.absolute.0.2.after" $rows
	check "$name: noise 5 (]]]])" 3 "$tmp/want.share.5.after" $rows
	check "$name: widths before (W)" 4 "$tmp/want.share.0.2.before" $rows
	check "$name: widths max (WW)" 5 "$tmp/want.share.0.2.max" $rows
	check "$name: absolute, noise 1, max" 6 "$tmp/want.absolute.1.max" $rows
	# no colour: the marks
	run NO_COLOR=1 240x24 '<Snapshot> W W <Snapshot>' "$@"
	check "$name: marks without colour" 1 "$tmp/want.share.0.2.after" $rows 5
	check "$name: marks without colour, widths max" 2 "$tmp/want.share.0.2.max" $rows 5
	run 240x24 '<Snapshot>' --color=never --width-by=max "$@"
	check "$name: marks with --color=never --width-by=max" 1 "$tmp/want.share.0.2.max" $rows 5
	# the command line's settings are where the keys start
	run 240x24 '<Snapshot>' --diff-by=absolute --noise=1 --width-by=max "$@"
	check "$name: --diff-by=absolute --noise=1 --width-by=max" 1 "$tmp/want.absolute.1.max" $rows
}

# a two-count folded file opens as a diff by itself
two=$TOP_SRCDIR/tests/tui/data/diff.folded
awk '{ print $1, $2 }' "$two" >"$tmp/two.before"
awk '{ print $1, $3 }' "$two" >"$tmp/two.after"
diff_pair "two-count diff.folded" "$tmp/two.before" "$tmp/two.after" "$two"
if [ -n "$corpus" ]; then
	b=$corpus/folded/inferno-diff-before.txt a=$corpus/folded/inferno-diff-after.txt
	diff_pair inferno-diff "$b" "$a" --diff "$b" "$a"
fi

# --- a recorded program: the frames wide enough to name ---------------------
folded "$data/diff-work/before.perf.zst" >"$tmp/b"
folded "$data/diff-work/after.perf.zst" >"$tmp/a"
pair_join "$tmp/b" "$tmp/a" >"$tmp/ab"
pair_diff_nodes "$tmp/ab" share 0.2 after >"$tmp/want.after"
pair_diff_nodes "$tmp/ab" share 0.2 max >"$tmp/want.max"
run 200x30 '<Snapshot> W W <Snapshot>' --diff "$data/diff-work/before.perf.zst" \
	"$data/diff-work/after.perf.zst"
check_named "diff-work: frames of 2% and more" 1 "$tmp/want.after" 26 0.02
check_named "diff-work: widths max, legacy_pad gone" 2 "$tmp/want.max" 26 0.02
if grep -q "	legacy_pad	g	--	" "$tmp/want.max" &&
   grep -q "	compress	n	++	" "$tmp/want.after"; then ok; else
	echo "no gone legacy_pad / new compress expected" >"$tmp/why"; bad "diff-work: expectations"
fi

# --- two thread dumps: stuck and progressing --------------------------------
if [ -n "$corpus" ]; then
	d1=$corpus/thread-dumps/gdb-blockers-bt.txt d2=$data/diff-dumps/gdb-blockers-later.txt
	"$SCORCH" --folded --group-by=tid "$d1" >"$tmp/t1" 2>/dev/null
	"$SCORCH" --folded --group-by=tid "$d2" >"$tmp/t2" 2>/dev/null
	pair_thread_nodes "$tmp/t1" "$tmp/t2" >"$tmp/want.threads"
	run 200x30 '<Snapshot> M <Snapshot>' --diff "$d1" "$d2"
	check "thread dumps: stuck and progressing" 1 "$tmp/want.threads" 26
	# M cycles to the change colours: share, as for any diff
	folded "$d1" >"$tmp/b"
	folded "$d2" >"$tmp/a"
	pair_join "$tmp/b" "$tmp/a" >"$tmp/ab"
	pair_diff_nodes "$tmp/ab" share 0.2 after >"$tmp/want.share"
	check "thread dumps: M, change of share" 2 "$tmp/want.share" 26
	for f in s r; do
		grep -q "	$f	\$" "$tmp/want.threads" && ok ||
			{ echo "no '$f' frame expected" >"$tmp/why"; bad "thread dumps: expectations"; }
	done
fi

# --- hot/cold: each frame's on-CPU cells warm (h), then off-CPU cool (o) ----
# Per frame: on and wall from the two-count --cold --folded form; cells of
# the span from the screen (a span ends where the next begins or the
# colour stops); on cells = round(cells * on / wall).
cold_check() {   # SNAPSHOT VIEW TWOCOUNT [MIN_FRAMES]
	pair_snapshot "$tmp/screen" "$1" >"$tmp/text"
	pair_snapshot "$tmp/screen" "$1" roles >"$tmp/roles"
	awk -v view="$2" -v rows=20 -v min="${4:-5}" -f "$TOP_SRCDIR/tests/tui/cold-split.awk" \
		"$3" "$tmp/roles" "$tmp/text" >"$tmp/why"
}

cold=$data/hotcold-blocker/blocker.perf.zst
for view in both on off; do
	"$SCORCH" --cold --folded --cold-view=$view "$cold" 2>/dev/null |
		awk '{ if (NF >= 3 && $(NF - 1) ~ /^[0-9.]+$/) { on = $(NF - 1); off = $NF; sub(/ [^ ]* [^ ]*$/, "") }
		else { v = $NF; sub(/ [^ ]*$/, ""); on = v; off = 0 }
		printf "%s\t%s\t%s\n", $0, on, off }' >"$tmp/cold.$view"
done
# the one-count views: the column is the view's own time
awk -F '\t' '{ printf "%s\t%s\t0\n", $1, $2 }' "$tmp/cold.on" >"$tmp/cold.on2"
awk -F '\t' '{ printf "%s\t0\t%s\n", $1, $2 }' "$tmp/cold.off" >"$tmp/cold.off2"
run 200x24 '<Snapshot> V <Snapshot> V <Snapshot>' --cold "$cold"
if cold_check 1 both "$tmp/cold.both"; then ok; else bad "hot/cold: on/off split of each frame"; fi
if cold_check 2 on "$tmp/cold.on2" 2; then ok; else bad "hot/cold: on-CPU only (V)"; fi
if cold_check 3 off "$tmp/cold.off2"; then ok; else bad "hot/cold: off-CPU only (VV)"; fi
# idle waits back in (!): the +idle columns
"$SCORCH" --cold --folded --idle=none "$cold" 2>/dev/null |
	awk '{ on = $(NF - 1); off = $NF; sub(/ [^ ]* [^ ]*$/, ""); printf "%s\t%s\t%s\n", $0, on, off }' \
	>"$tmp/cold.idle"
run 200x24 '! <Snapshot>' --cold "$cold"
if cold_check 1 both "$tmp/cold.idle"; then ok; else bad "hot/cold: idle waits included (!)"; fi
# without colour the off-CPU part is a ":" pattern
run NO_COLOR=1 200x24 '<Snapshot>' --cold "$cold"
pair_snapshot "$tmp/screen" 1 >"$tmp/text"
if grep -q '^blocker:::' "$tmp/text" && grep -q '^__libc_start_call_main:::' "$tmp/text"; then ok; else
	cp "$tmp/text" "$tmp/why"; bad "hot/cold without colour: ':' fill"
fi

echo "pair colours: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
