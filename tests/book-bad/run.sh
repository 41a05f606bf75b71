#!/bin/sh
# Bad input in a book, in the reader and in the batch modes: a link
# cycle, a symlink loop, an unreadable file, a file that is not text, a
# chapter removed while the book is open, SUMMARY.md entries outside the
# book or nowhere, links to a FIFO, a device and a file over --max-size.
# Each is said on the status line (or standard error) naming the file
# and the problem; the reader goes on, never blocks, and the bookmark
# file keeps the places of the other documents.
SUITE=book-bad
. "$(dirname "$0")/../lib.sh"
. "$(dirname "$0")/../e2e/tmux.sh"
export NO_COLOR=1
B=$E2E_TMP/book
BM=$E2E_TMP/bookmarks

# lines N: N lines of prose, enough to move in.
lines() {
	i=1
	while [ "$i" -le "$1" ]; do
		printf 'Line %d of the text.\n\n' "$i"
		i=$((i + 1))
	done
}

# The reader's pid: the pane's own, env having made way for it.
pid() {
	tm display -p -t "$S" '#{pane_pid}'
}

# rss: the reader's resident size [KiB].
rss() {
	sed -n 's/^VmRSS:[^0-9]*\([0-9]*\).*/\1/p' "/proc/$(pid)/status"
}

# follow N: N times Tab then Enter: the first link of each document.
follow() {
	k=0
	while [ "$k" -lt "$1" ]; do
		keys Tab Enter || return 1
		k=$((k + 1))
	done
}

# --- the book: a directory with the bad entries inside -----------------
mkdir -p "$B/ch"
{
	printf '# Alpha\n\nTo [Beta](ch/b.md), [zero](/dev/zero), '
	printf '[fifo](pipe.md), [big](big.md), [dev](zero.md).\n\n'
	lines 1500
} >"$B/a.md"
{ printf '# Beta\n\nBack to [Alpha](../a.md).\n\n'; lines 1500; } >"$B/ch/b.md"
{ printf '# Gamma\n\n'; lines 60; } >"$B/ch/c.md"
{ printf '# Delta\n\n'; lines 60; } >"$B/ch/d.md"
printf 'bin\000ary\n' >"$B/ch/c2-binary.md"
lines 4000 >"$B/big.md"
ln -s /dev/zero "$B/zero.md"
mkfifo "$B/pipe.md"
ln -s .. "$B/ch/loop"
cat >"$B/SUMMARY.md" <<'EOF'
# Summary

- [Alpha](a.md)
- [Beta](ch/b.md)
- [Gamma](ch/c.md)
- [Binary](ch/c2-binary.md)
- [Nowhere](ch/gone.md)
- [Outside](../outside.md)
- [Delta](ch/d.md)
- [Through a link](linked/out.md)
- [A link](flink.md)
EOF
printf '# Outside\n' >"$E2E_TMP/outside.md"
mkdir "$E2E_TMP/outdir"
printf '# Out\n' >"$E2E_TMP/outdir/out.md"
ln -s ../outdir "$B/linked"
ln -s ../outside.md "$B/flink.md"

# --- the batch modes ----------------------------------------------------
"$LECTERN" --check "$B" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
st=$?
if [ "$st" -eq 1 ] &&
    grep -q "SUMMARY.md:7: ch/gone.md: No such file" "$E2E_TMP/out" &&
    grep -q "SUMMARY.md:8: ../outside.md: outside the book" "$E2E_TMP/out" &&
    grep -q "SUMMARY.md:10: linked/out.md: outside the book" "$E2E_TMP/out" &&
    grep -q "SUMMARY.md:11: flink.md: outside the book" "$E2E_TMP/out" &&
    grep -q "c2-binary.md: looks like a binary file" "$E2E_TMP/err"; then
	ok "--check: exit 1, each problem named with its file"
else
	not_ok "--check of the bad book" "status $st" "$(cat "$E2E_TMP/out" \
	    "$E2E_TMP/err")"
fi
"$LECTERN" --dump -w 60 --max-size 64K "$B" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
st=$?
if [ "$st" -eq 1 ] && grep -q "c2-binary.md: looks like a binary" \
    "$E2E_TMP/err" && grep -q "^══ 5/5 ch/d.md — Delta ══$" "$E2E_TMP/out" &&
    grep -q "^Line 60 of the text.$" "$E2E_TMP/out"; then
	ok "--dump: exit 1, the problems said, the rest of the book dumped"
else
	not_ok "--dump of the bad book" "status $st" "$(cat "$E2E_TMP/err")"
fi
if [ -x "${LECTERN_SAN:-}" ]; then
	"$LECTERN_SAN" --check --max-size 64K "$B" >/dev/null 2>"$E2E_TMP/err"
	"$LECTERN_SAN" --dump --max-size 64K "$B" >/dev/null 2>>"$E2E_TMP/err"
	if ! grep -q Sanitizer "$E2E_TMP/err"; then
		ok "the sanitizers find nothing in --check and --dump of it"
	else
		not_ok "sanitizers on the bad book" "$(cat "$E2E_TMP/err")"
	fi
fi
# A directory without SUMMARY.md: the walk meets the loop, the FIFO, the
# device, the file over --max-size.
mv "$B/SUMMARY.md" "$E2E_TMP/SUMMARY.md"
"$LECTERN" --dump --max-size 64K "$B" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
st=$?
if [ "$st" -eq 1 ] && grep -q "ch/loop: symlink loop; left out" \
    "$E2E_TMP/err" && grep -q "pipe.md: is a FIFO; left out" "$E2E_TMP/err" &&
    grep -q "zero.md: is a device; left out" "$E2E_TMP/err" &&
    grep -q "big.md: larger than --max-size" "$E2E_TMP/err" &&
    grep -q "^Delta$" "$E2E_TMP/out"; then
	ok "--dump of the directory walked: every bad entry named, exit 1"
else
	not_ok "--dump of the directory walked" "status $st" \
	    "$(cat "$E2E_TMP/err")"
fi
"$LECTERN" --check --max-size 64K "$B" >"$E2E_TMP/out" 2>"$E2E_TMP/err"
st=$?
if [ "$st" -eq 1 ] && grep -q "ch/loop: symlink loop" "$E2E_TMP/out" &&
    grep -q "big.md: larger than --max-size" "$E2E_TMP/err"; then
	ok "--check of the directory walked: exit 1, named"
else
	not_ok "--check of the directory walked" "status $st" \
	    "$(cat "$E2E_TMP/out" "$E2E_TMP/err")"
fi
mv "$E2E_TMP/SUMMARY.md" "$B/SUMMARY.md"

# --- the reader: the book's own problems, then links ---------------------
# Opening the book looks no chapter up: a missing one is said when it is
# opened, here from the outline.
start 80 24 "sh -c 'cd $E2E_TMP && exec $LECTERN --bookmarks $BM \
--max-size 64K book'"
if ready && on_screen "Line 1 of the text" && ! status_has "SUMMARY.md"; then
	ok "the reader opens the book without a word of the chapters unread"
else
	not_ok "the reader opens the book quietly" "$(screen)"
fi
keys o j j j j Enter
if status_has "book/SUMMARY.md:7: ch/gone.md: No such file" &&
    on_screen "Line 1 of the text"; then
	ok "a missing chapter opened from the outline: said, the reader stays"
else
	not_ok "a missing chapter opened from the outline" "$(screen)"
fi
keys j j j
# Enter on a link to a FIFO, a device, a file over --max-size: a message,
# nothing read, the reader answers at once.
for what in "zero:/dev/zero: is a device" \
    "pipe:pipe.md: is a FIFO" "big:big.md: larger than the 65536-byte" \
    "dev:zero.md: is a device"; do
	name=${what%%:*}
	case $name in
	zero) tabs="Tab Tab" ;;
	pipe) tabs="Tab Tab Tab" ;;
	big) tabs="Tab Tab Tab Tab" ;;
	dev) tabs="Tab Tab Tab Tab Tab" ;;
	esac
	# shellcheck disable=SC2086
	if keys $tabs Enter && status_has "${what#*:}"; then
		ok "Enter on the link to $name: said, not read"
	else
		not_ok "Enter on the link to $name" "$(screen)"
	fi
	keys Escape
done

# A link cycle: Alpha -> Beta -> Alpha ..., each document read once and
# kept: Beta changed on disk is still shown as first read, and memory
# stays put over many rounds.
follow 10
r1=$(rss)
follow 100
r2=$(rss)
if [ -n "$r1" ] && [ -n "$r2" ] && [ $((r2 - r1)) -lt 1024 ]; then
	ok "100 more links round the cycle: memory bounded (${r1} -> ${r2} KiB)"
else
	not_ok "memory over the cycle" "$r1 -> $r2 KiB"
fi

printf '# Beta changed\n' >"$E2E_TMP/b.md"
cp "$B/ch/b.md" "$E2E_TMP/b.orig"
mv "$E2E_TMP/b.md" "$B/ch/b.md"
follow 1
if on_screen "Back to Alpha" && off_screen "Beta changed"; then
	ok "a document is read once and kept: the cycle shows it as read"
else
	not_ok "a document read once and kept" "$(screen)"
fi
mv "$E2E_TMP/b.orig" "$B/ch/b.md"

# Gamma removed while the book is open: :n from Beta says so and steps
# over it (and over the chapter that is not text) to Delta.
keys : x Enter
keys : n Enter
keys j j
rm "$B/ch/c.md"
keys : n Enter
if status_has "ch/c.md: No such file" && on_screen "Delta"; then
	ok ":n to a chapter removed meanwhile: said, the next one shown"
else
	not_ok ":n to a removed chapter" "$(screen)"
fi
keys j j
keys : p Enter
if status_has "book/SUMMARY.md:8: ../outside.md: outside the book" &&
    on_screen "Back to Alpha"; then
	ok ":p past chapters outside, missing, not text and removed: the first said"
else
	not_ok ":p past chapters that cannot be read" "$(screen)"
fi

keys G
keys Space
if status_has "ch/c.md: No such file" && on_screen "Delta"; then
	ok "Space at the end into a removed chapter: said, the reader goes on"
else
	not_ok "Space into a removed chapter" "$(screen)"
fi
p=$(pid)
send q
wait_cmd eval '! kill -0 "$p"'

# The bookmark file holds the places read in the others.
n=$(grep -c "^doc	key=[^	]*/\(a\|ch/b\|ch/d\)\.md	" "$BM" 2>/dev/null)
if [ "${n:-0}" -eq 3 ]; then
	ok "the bookmark file holds the other documents' places"
else
	not_ok "the bookmark file's places" "$(cat "$BM" 2>&1)"
fi

# --- an unreadable chapter ----------------------------------------------
{ printf '# Gamma\n\n'; lines 60; } >"$B/ch/c.md"
chmod 000 "$B/ch/c.md"
if [ -r "$B/ch/c.md" ]; then
	skip "an unreadable chapter" \
	    "mode 000 does not stop this user (root) reading it"
else
	start 80 24 "$LECTERN --no-resume --bookmarks $BM $B"
	ready
	keys : n Enter
	keys : n Enter
	if status_has "c.md: Permission denied" || on_screen "Permission"; then
		ok "an unreadable chapter: said"
	else
		not_ok "an unreadable chapter" "$(screen)"
	fi
	send q
fi
chmod 644 "$B/ch/c.md"
done_testing
