# The matched share the search line shows, checked against a share
# computed here, independently of scorch's search code: awk over the
# profile's `scorch --folded` form, where a sample counts once when any
# frame of its stack matches the regex, however deep the matches nest
# (as flamegraph.pl does). Corpus profiles and a fixture; for some, the
# share of the zoomed root too (zoomed on the widest root frame).
# A missing corpus is an error; SCORCH_ALLOW_NO_CORPUS=1 makes it a skip.
: "${SCORCH:?}" "${TOP_SRCDIR:?}"
corpus=${SCORCH_CORPUS:-$TOP_SRCDIR/../shared/corpus}
export LC_ALL=C.UTF-8
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
export XDG_CONFIG_HOME="$tmp/config"
pass=0 fail=0 skip=0

# "ALL ZOOM" shares of the folded profile $1 for the regex $2
expected() {
	re=$2 awk -f "$TOP_SRCDIR/tests/tui/search-share.awk" "$1"
}

# check FILE REGEX [zoom]: the search line after "/REGEX <Enter>"; with
# zoom, after zooming on the widest root frame and typing "/REGEX" (the
# live result: Enter could zoom on to a narrow first match). A script
# word holds 16 keys: keep REGEX to 15 characters, no blank.
check() {
	file=$1 re=$2 zoom=${3:-}
	name="$(basename "$file") /$re/${zoom:+ zoomed}"
	if [ ! -f "$file" ]; then
		if [ "${SCORCH_ALLOW_NO_CORPUS:-0}" = 1 ]; then
			skip=$((skip + 1))
			return
		fi
		fail=$((fail + 1))
		echo "FAIL $name: no such file (set SCORCH_CORPUS)"
		return
	fi
	"$SCORCH" --folded "$file" >"$tmp/folded" 2>/dev/null
	shares=$(expected "$tmp/folded" "$re")
	all=${shares% *} inzoom=${shares#* }
	keys=$(printf '%s' "$re" | sed 's/</<LT>/g')
	if [ -n "$zoom" ]; then
		printf 'j <Enter> /%s\n' "$keys" >"$tmp/keys"
		want=" · $all of all · $inzoom of zoom"
	else
		printf '/%s <Enter>\n' "$keys" >"$tmp/keys"
		want=" · $all of all"
	fi
	SCORCH_TEST_SCRIPT="$tmp/keys" SCORCH_TEST_SIZE=200x30 \
		"$SCORCH" "$file" >"$tmp/screen" 2>"$tmp/err"
	line=$(grep -F " /$re/ " "$tmp/screen" | tail -n 1)
	case $line in
	*"$want"*)
		pass=$((pass + 1))
		[ -n "${SCORCH_VERBOSE:-}" ] && echo "ok $name: $line" ;;
	*)
		fail=$((fail + 1))
		echo "FAIL $name: expected '$want' in the search line, got:"
		echo "  '$line'"
		head -c 300 "$tmp/err" ;;
	esac
}

data=$TOP_SRCDIR/tests/tui/data
check "$data/search.folded" '^parse$'
check "$data/search.folded" '^parse$' zoom
check "$data/search.folded" 'a'
check "$data/small.folded" 'lz_|emit|hash'
check "$data/small.folded" '^sys_' zoom
f=$corpus/folded
check "$f/inferno-flames.txt" 'master_compress'
check "$f/inferno-flames.txt" 'Vec<u64>' zoom
check "$f/flamelens-recursive.txt" 'py:26\)'
check "$f/flamelens-recursive.txt" 'py:2[79]\)$' zoom
check "$f/speedscope-recursion.txt" '^a$'
check "$f/speedscope-recursion.txt" 'b|c' zoom
check "$f/gen-cpuwork-utf8.folded" 'größe|計算'
check "$f/gen-cpuwork-utf8.folded" 'cmp_|irq|write' zoom
check "$f/ffp-flamegraph.txt" '^_dl_|strcmp'
check "$f/pprof-large-cpu.folded.zst" 'time\.now|rand'
check "$f/pprof-large-cpu.folded.zst" 'Int63|sync' zoom
echo "search shares: $pass passed, $fail failed, $skip skipped"
[ $fail -eq 0 ] && [ $pass -gt 0 ]
