# Keys files: every keymaps/*.keys loads (scorch --keys --keymap=FILE);
# `scorch --keys` prints tests/keymaps/default.out for the built-in map;
# each tests/keymaps/bad/NAME.keys fails with exit 2 and exactly
# NAME.err on stderr (file:line first); a user file in
# $XDG_CONFIG_HOME/scorch/keys overrides the default, and a broken one
# stops scorch before the explorer starts. SCORCH_UPDATE_GOLDEN=1
# rewrites the .out/.err files (review the diff).
: "${SCORCH:?}" "${TOP_SRCDIR:?}"
here=$TOP_SRCDIR/tests/keymaps
export LC_ALL=C
pass=0 fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
# never read the real user's keys
export XDG_CONFIG_HOME="$tmp/config"

ok() { pass=$((pass + 1)); }
ko() { fail=$((fail + 1)); echo "FAIL $*"; }

for f in "$TOP_SRCDIR"/keymaps/*.keys; do
	if "$SCORCH" --keys --keymap="$f" >"$tmp/out" 2>"$tmp/err" &&
	   [ ! -s "$tmp/err" ] && grep -q '^bind ' "$tmp/out"; then
		ok
	else
		ko "keymaps/$(basename "$f") does not load: $(cat "$tmp/err")"
	fi
done

"$SCORCH" --keys >"$tmp/out" 2>&1
[ "${SCORCH_UPDATE_GOLDEN:-0}" = 1 ] && cp "$tmp/out" "$here/default.out"
if cmp -s "$tmp/out" "$here/default.out"; then ok; else
	ko "scorch --keys differs from default.out"; diff "$here/default.out" "$tmp/out" | head -n 20
fi

for f in "$here"/bad/*.keys; do
	base=${f%.keys}
	name=$(basename "$f")
	(cd "$here/bad" && "$SCORCH" --keys --keymap="$name") >"$tmp/out" 2>"$tmp/err"
	rc=$?
	[ "${SCORCH_UPDATE_GOLDEN:-0}" = 1 ] && cp "$tmp/err" "$base.err"
	if [ $rc -eq 2 ] && cmp -s "$tmp/err" "$base.err"; then ok; else
		ko "bad/$name (exit $rc)"; diff "$base.err" "$tmp/err" | head -n 5
	fi
done

# the user's file overrides the default
mkdir -p "$XDG_CONFIG_HOME/scorch"
printf 'bind flame z zoom-in\nbind generic q none\nbind generic x quit\n' \
	>"$XDG_CONFIG_HOME/scorch/keys"
"$SCORCH" --keys >"$tmp/out" 2>&1
if grep -q '^bind flame    z  *zoom-in$' "$tmp/out" &&
   grep -q '^bind generic  q  *none$' "$tmp/out" &&
   grep -q "from: default.keys, $XDG_CONFIG_HOME/scorch/keys\$" "$tmp/out"; then ok; else
	ko "user keys file not applied"; cat "$tmp/out"
fi
# ... in the explorer too: q no longer quits, x does
printf 'main;f 1\n' >"$tmp/p.folded"
printf 'q <Snapshot> x j\n' >"$tmp/script"
SCORCH_TEST_SCRIPT="$tmp/script" SCORCH_TEST_SIZE=40x6 "$SCORCH" "$tmp/p.folded" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 0 ] && grep -q 'q is not bound to anything here' "$tmp/out" &&
   [ "$(grep -c '=====' "$tmp/out")" = 1 ] && ! grep -q '^ main$' "$tmp/out"; then ok; else
	ko "user keys file in the explorer (exit $rc)"; cat "$tmp/out" "$tmp/err"
fi
# ~/.config is the fallback when XDG_CONFIG_HOME is unset
mkdir -p "$tmp/home/.config/scorch"
printf 'bind flame w zoom-out\n' >"$tmp/home/.config/scorch/keys"
if env -u XDG_CONFIG_HOME HOME="$tmp/home" "$SCORCH" --keys 2>&1 |
   grep -q '^bind flame    w  *zoom-out$'; then ok; else ko "~/.config/scorch/keys not read"; fi

# a broken user file: exit 2 with file:line, before any screen
printf 'bind flame z zoom-in\nbind flame y yank\n' >"$XDG_CONFIG_HOME/scorch/keys"
SCORCH_TEST_SCRIPT="$tmp/script" "$SCORCH" "$tmp/p.folded" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc -eq 2 ] && [ ! -s "$tmp/out" ] &&
   [ "$(cat "$tmp/err")" = "scorch: $XDG_CONFIG_HOME/scorch/keys:2: unknown action 'yank'" ]; then
	ok
else
	ko "broken user keys file (exit $rc)"; cat "$tmp/err"
fi
# --keymap=default ignores it
if "$SCORCH" --keys --keymap=default >/dev/null 2>&1; then ok; else ko "--keymap=default"; fi

# every action is named once, bindable, in the man page and on the help
# screen: the names come from --keys (bound ones, then the unbound list)
"$SCORCH" --keys --keymap=default >"$tmp/keys" 2>&1
sed -n -e 's/^bind [a-z]* *[^ ]* *\([a-z-]*\)$/\1/p' \
	-e 's/^#   \([a-z][a-z-]*\) .*/\1/p' "$tmp/keys" | sort -u >"$tmp/actions"
printf '?\n' >"$tmp/help.script"
SCORCH_TEST_SCRIPT="$tmp/help.script" SCORCH_TEST_SIZE=200x400 \
	"$SCORCH" --keymap=default "$tmp/p.folded" >"$tmp/help" 2>&1
n_actions=0
while IFS= read -r a; do
	n_actions=$((n_actions + 1))
	if grep -qF -- "$(printf '%s' "$a" | sed 's/-/\\-/g')" "$TOP_SRCDIR/scorch.1"; then
		ok
	else
		ko "action $a is not in scorch.1"
	fi
	if grep -qw -- "$a" "$tmp/help"; then ok; else ko "action $a is not on the help screen"; fi
	printf 'bind flame x %s\n' "$a" >"$tmp/one.keys"
	if "$SCORCH" --keys --keymap="$tmp/one.keys" 2>/dev/null | grep -q "^bind flame    x  *$a\$"; then
		ok
	else
		ko "action $a cannot be bound"
	fi
done <"$tmp/actions"
[ "$n_actions" -ge 29 ] && ok || ko "only $n_actions actions found in --keys"

# vim and emacs maps by name; sequences print back as written
"$SCORCH" --keys --keymap=vim >"$tmp/out" 2>&1
if grep -q '^bind flame    gg  *move-root$' "$tmp/out" &&
   grep -q '^bind flame    G  *move-leaf$' "$tmp/out" &&
   grep -q 'from: default.keys, vim.keys$' "$tmp/out"; then ok; else
	ko "--keymap=vim"; head -n 5 "$tmp/out"
fi
"$SCORCH" --keys --keymap=emacs >"$tmp/out" 2>&1
if grep -q '^bind generic  <Ctrl-X><Ctrl-C> quit$' "$tmp/out" &&
   grep -q '^bind generic  <Esc><LessThan> scroll-top$' "$tmp/out"; then ok; else
	ko "--keymap=emacs"; head -n 5 "$tmp/out"
fi

echo "keymaps: $pass passed, $fail failed"
[ $fail -eq 0 ]
