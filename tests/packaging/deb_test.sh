#!/usr/bin/env bash
# Builds the Debian package of a build tree (cpack -G DEB) and installs it
# into a clean directory root with dpkg -x: its ferry must run --version and
# --help, and the man page, completion, docs and schemas must be where
# Debian puts them. Usage: tests/packaging/deb_test.sh BUILD_DIR
set -u
build=$1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failed=0
fail() { failed=$((failed + 1)); echo "FAILED: $*"; }

(cd "$build" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1) || { cat "$work/cpack.log"; fail "cpack -G DEB"; exit 1; }
deb=$(ls "$work"/out/*.deb 2>/dev/null | head -1)
[ -n "$deb" ] || { fail "no .deb produced"; exit 1; }
dpkg-deb -I "$deb" >"$work/info" || fail "dpkg-deb -I reads the package"
grep -q "^ Package: ferry$" "$work/info" || fail "the package is named ferry"
grep -q "^ Depends:.*libgvc6" "$work/info" || fail "the package depends on Graphviz's library: $(grep Depends "$work/info")"
dpkg -x "$deb" "$work/root" || fail "dpkg -x"
"$work/root/usr/bin/ferry" --version >"$work/version" || fail "the installed ferry runs --version"
grep -q "^ferry [0-9]" "$work/version" || fail "--version prints the version: $(cat "$work/version")"
"$work/root/usr/bin/ferry" --help >"$work/help" || fail "the installed ferry runs --help"
grep -q "simulate" "$work/help" || fail "--help lists the commands"
for f in usr/share/man/man1/ferry.1.gz usr/share/bash-completion/completions/ferry usr/share/doc/ferry/README.md \
         usr/share/doc/ferry/schema/simulate.schema.json usr/share/doc/ferry/examples/seed.ferry; do
  [ -s "$work/root/$f" ] || fail "$f is in the package"
done
zcat "$work/root/usr/share/man/man1/ferry.1.gz" | grep -q '^\.TH FERRY' || fail "the man page is a man page"
bash -n "$work/root/usr/share/bash-completion/completions/ferry" || fail "the completion script parses"
[ "$failed" -eq 0 ] && echo "the .deb extracts and runs"
[ "$failed" -eq 0 ]
