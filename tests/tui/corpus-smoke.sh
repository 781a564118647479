# Every profile of the shared corpus opens in the explorer and survives a
# key script that moves, zooms, scrolls, clicks, opens the help and the
# info screen, shows the details, inverts, switches sample types, copies
# and shrinks the screen to 1x1 (headless): scorch exits 0 (or 2 for the
# corpus's deliberately bad inputs) and never crashes. Says so loudly
# when the corpus is absent.
: "${SCORCH:?}" "${SCORCH_CORPUS:=${TOP_SRCDIR:?}/../shared/corpus}"
if [ ! -d "$SCORCH_CORPUS" ]; then
	echo "tui corpus smoke: SKIP: no corpus at $SCORCH_CORPUS (set SCORCH_CORPUS)"
	exit 77
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"
cat >"$tmp/keys" <<'KEYS'
j j j j l l <Enter> j j h h k k <Backspace> f j j j
<Resize:20x5> l l h <Resize:1x1> j <Resize:3x3> k ? <PageDown> j q 0 o
<Resize:200x50> j j j j j j j j j j j j j j j j j j j j l l l <Enter>
<Backspace> <Backspace> <Click:10,10> <DoubleClick:50,20> <PageDown>
<PageDown> <PageUp> <Resize:80x24>
d j j <End> y Y i <PageDown> <End> T q T T I j j Y <Resize:300x50> j l
<Resize:40x12> p p <Resize:2x2> j <Resize:80x24> I d i q
KEYS
pass=0 fail=0
find "$SCORCH_CORPUS" -type f ! -name '*.md' ! -name '*.expected*' | sort >"$tmp/list"
while IFS= read -r f; do
	SCORCH_TEST_SCRIPT="$tmp/keys" SCORCH_TEST_SCREEN="$tmp/screen" \
		"$SCORCH" "$f" >/dev/null 2>"$tmp/err" </dev/null
	rc=$?
	if { [ $rc -eq 0 ] && [ -s "$tmp/screen" ]; } || [ $rc -eq 2 ]; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
		echo "FAIL ${f#"$SCORCH_CORPUS"/} (exit $rc): $(head -c 300 "$tmp/err")"
	fi
	rm -f "$tmp/screen"
done <"$tmp/list"
echo "tui corpus smoke: $pass passed, $fail failed"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
