#!/bin/sh
# Books: a directory (with or without SUMMARY.md) or several files read
# as one, through --dump, --outline and --check, against the golden
# files NAME.MODE.txt here (MODE dump, outline or check), and bad input
# in a book: a symlink loop, a FIFO, a device, a file outside the book
# or missing, a file over --max-size. Last, the reader opens a book's
# first document.
#
#   run.sh            run the tests
#   run.sh --update   rewrite the golden files (review the diff!)
SUITE=book
. "$(dirname "$0")/../lib.sh"
here=$(cd "$(dirname "$0")" && pwd)
mode=${1:-}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export NO_COLOR=1

# golden NAME STATUS ARGS...: lectern ARGS, run in this directory, prints
# NAME.txt on standard output and exits with STATUS.
golden() {
	name=$1 want=$2
	shift 2
	(cd "$here" && "$LECTERN" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null)
	got=$?
	if [ "$mode" = --update ]; then
		cp "$tmp/out" "$here/$name.txt"
		ok "$name (updated)"
	elif [ "$got" -ne "$want" ]; then
		not_ok "$name" "status $got (want $want)" "$(cat "$tmp/err")"
	elif ! diff -u "$here/$name.txt" "$tmp/out" >"$tmp/diff"; then
		not_ok "$name" "$(cat "$tmp/diff")"
	else
		ok "$name"
	fi
}

# expect WHAT STATUS PATTERN ARGS...: lectern ARGS exits with STATUS and
# says PATTERN (on standard error, or for --check on standard output).
expect() {
	what=$1 want=$2 pat=$3
	shift 3
	"$LECTERN" "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
	got=$?
	if [ "$got" -eq "$want" ] && cat "$tmp/err" "$tmp/out" | grep -q -e "$pat"; then
		ok "$what"
	else
		not_ok "$what" "status $got (want $want)" "$(cat "$tmp/err")"
	fi
}

# --- an mdBook: prefix, parts, nesting, a draft, a suffix ---------------
golden mdbook.dump 0 --dump -w 60 mdbook
golden mdbook.outline 0 --outline mdbook
golden mdbook.check 0 --check mdbook
# The same book given as files, and a trailing slash.
golden files.dump 0 --dump -w 60 mdbook/src/colophon.md \
    "mdbook/src/basics/first steps.md"
golden files.outline 0 --outline mdbook/src/colophon.md \
    "mdbook/src/basics/first steps.md"
golden files.check 0 --check mdbook/src/more/links.md \
    mdbook/src/reading.md
(cd "$here" && "$LECTERN" --outline mdbook/ >"$tmp/slash")
if diff -u "$here/mdbook.outline.txt" "$tmp/slash" >"$tmp/diff"; then
	ok "a trailing slash reads the same book"
else not_ok "a trailing slash reads the same book" "$(cat "$tmp/diff")"; fi

# --- a broken copy: SUMMARY.md's problems, links to missing files -------
golden broken.check 1 --check broken
(cd "$here" && "$LECTERN" --dump -w 60 broken >"$tmp/out" 2>"$tmp/err")
st=$?
if [ "$st" -eq 1 ] && grep -q "SUMMARY.md:4: ch/gone.md: No such file" \
    "$tmp/err" && grep -q "SUMMARY.md:5: .*outside the book" "$tmp/err" &&
    grep -q "^══ 2/2 ch/close.md — Closing ══$" "$tmp/out" &&
    grep -q "^══ Gone (draft) ══$" "$tmp/out"; then
	ok "--dump of a broken book: the problems said, the rest dumped"
else
	not_ok "--dump of a broken book" "status $st" "$(cat "$tmp/err")" \
	    "$(cat "$tmp/out")"
fi

# --- a real summary: mdBook's guide, its chapters stand-ins -------------
mkdir "$tmp/guide"
cp "$here/guide/SUMMARY.md" "$tmp/guide/"
sed -n 's/.*](\([^)][^)]*\)).*/\1/p' "$here/guide/SUMMARY.md" |
while read -r f; do
	mkdir -p "$tmp/guide/$(dirname "$f")"
	printf '# %s\n' "$f" >"$tmp/guide/$f"
done
(cd "$tmp" && "$LECTERN" --outline guide >"$tmp/out" 2>"$tmp/err")
st=$?
if [ "$mode" = --update ]; then
	cp "$tmp/out" "$here/guide.outline.txt"
	ok "guide.outline (updated)"
elif [ "$st" -eq 0 ] && [ ! -s "$tmp/err" ] &&
    diff -u "$here/guide.outline.txt" "$tmp/out" >"$tmp/diff"; then
	ok "mdBook's guide: its structure read from its SUMMARY.md"
else
	not_ok "mdBook's guide" "status $st" "$(cat "$tmp/err" "$tmp/diff")"
fi

# --- a directory without SUMMARY.md -----------------------------------
mkdir -p "$tmp/d/sub/deeper" "$tmp/d/.git" "$tmp/d/node_modules/x"
printf '# Index\n\nSee [a](sub/a.md#a-heading).\n' >"$tmp/d/index.md"
printf '# A\n\n## A heading\n' >"$tmp/d/sub/a.md"
printf '# Z\n' >"$tmp/d/z.md"
printf '# Deep\n' >"$tmp/d/sub/deeper/deep.md"
printf '# Git\n' >"$tmp/d/.git/g.md"
printf '# Dep\n' >"$tmp/d/node_modules/x/dep.md"
printf 'text\n' >"$tmp/d/notes.txt"
"$LECTERN" --outline "$tmp/d" >"$tmp/out" 2>"$tmp/err"
st=$?
printf '%s\n' "Index (index.md)" "  Index" "Z (z.md)" "  Z" "A (sub/a.md)" \
    "  A" "    A heading" "Deep (sub/deeper/deep.md)" "  Deep" >"$tmp/want"
if [ "$st" -eq 0 ] && [ ! -s "$tmp/err" ] &&
    diff -u "$tmp/want" "$tmp/out" >"$tmp/diff"; then
	ok "a directory: index.md first, files before subdirectories, skips"
else
	not_ok "a directory's order" "status $st" "$(cat "$tmp/err" "$tmp/diff")"
fi
check "--check of a valid directory is silent" \
    sh -c '[ -z "$("$0" --check "$1")" ]' "$LECTERN" "$tmp/d"

# --- bad input -----------------------------------------------------------
ln -s .. "$tmp/d/sub/loop"
expect "a symlink loop: a warning, not a hang" 1 \
    "d/sub/loop: symlink loop; left out" --dump "$tmp/d"
if grep -q "^══ 4/4 sub/deeper/deep.md — Deep ══$" "$tmp/out"; then
	ok "the rest of the book dumps past the loop"
else not_ok "the rest of the book dumps past the loop" "$(cat "$tmp/out")"; fi
rm "$tmp/d/sub/loop"
mkfifo "$tmp/d/fifo.md"
expect "a FIFO in a directory is left out, unopened" 1 \
    "d/fifo.md: is a FIFO; left out" --dump "$tmp/d"
expect "--check names it too" 1 "fifo.md: is a FIFO" --check "$tmp/d"
if grep -q "fifo.md: is a FIFO" "$tmp/out"; then
	ok "--check says it on standard output"
else not_ok "--check says it on standard output" "$(cat "$tmp/out")"; fi
expect "a FIFO in a list of files" 1 "lectern: $tmp/d/fifo.md: is a FIFO" \
    --dump "$tmp/d/z.md" "$tmp/d/fifo.md"
if grep -q "^Z$" "$tmp/out"; then ok "the rest of the list dumps"
else not_ok "the rest of the list dumps" "$(cat "$tmp/out")"; fi
rm "$tmp/d/fifo.md"
expect "a device in a list of files" 1 "lectern: /dev/null: is a device" \
    --dump /dev/null "$tmp/d/z.md"
expect "a directory in a list of files" 1 "lectern: $tmp/d: is a directory" \
    --outline "$tmp/d/z.md" "$tmp/d"
expect "a missing file in a list" 1 "lectern: $tmp/no.md: No such file" \
    --check "$tmp/d/z.md" "$tmp/no.md"
expect "a file over --max-size in a book" 1 \
    "index.md: larger than --max-size (8 bytes)" --dump --max-size 8 "$tmp/d"
printf 'bin\000ary\n' >"$tmp/d/binary.md"
expect "a file that is not text" 1 "binary.md: looks like a binary file" \
    --dump "$tmp/d"
rm "$tmp/d/binary.md"
chmod 000 "$tmp/d/sub"
if [ -r "$tmp/d/sub" ]; then
	skip "an unreadable directory" "files stay readable to this user"
else
	expect "an unreadable directory: a warning" 1 \
	    "d/sub: Permission denied" --dump "$tmp/d"
fi
chmod 755 "$tmp/d/sub"
mkdir "$tmp/lk"
ln -s self.md "$tmp/lk/self.md"
printf '[a](self.md#x) and [b](./gone.md)\n' >"$tmp/lk/a.md"
expect "a link to a symlink loop" 1 "a.md:1: link to self.md: Too many" \
    --check "$tmp/lk/a.md" "$tmp/d/z.md"
expect "a link to a missing file" 1 "a.md:1: link to missing file ./gone.md" \
    --check "$tmp/lk/a.md" "$tmp/d/z.md"
mkdir "$tmp/empty"
expect "a directory without documents" 1 "empty: no Markdown documents" \
    --dump "$tmp/empty"
printf -- '- [Out](../z.md)\n' >"$tmp/d/sub/SUMMARY.md"
expect "a SUMMARY.md entry outside the book" 1 \
    "SUMMARY.md:1: ../z.md: outside the book's directory" --check "$tmp/d/sub"
rm "$tmp/d/sub/SUMMARY.md"
if [ -x "${LECTERN_SAN:-}" ]; then
	(cd "$here" && "$LECTERN_SAN" --check broken >/dev/null 2>"$tmp/err" &&
	    "$LECTERN_SAN" --dump mdbook >/dev/null 2>>"$tmp/err")
	if ! grep -q "Sanitizer" "$tmp/err"; then
		ok "the sanitizers find nothing in a book's --check and --dump"
	else not_ok "sanitizers on a book" "$(cat "$tmp/err")"; fi
	ln -s .. "$tmp/d/sub/loop"
	mkfifo "$tmp/d/fifo.md"
	"$LECTERN_SAN" --check "$tmp/d" >/dev/null 2>"$tmp/err"
	if ! grep -q "Sanitizer" "$tmp/err"; then
		ok "nor in a book's bad input"
	else not_ok "sanitizers on bad input" "$(cat "$tmp/err")"; fi
fi

# --- the reader opens the first document of a book ----------------------
rm -rf "$tmp"
trap - EXIT
if ! command -v tmux >/dev/null 2>&1; then
	skip "the reader on a book" "no tmux here"
	done_testing
	exit
fi
. "$here/../e2e/tmux.sh"
start 80 20 "$LECTERN --no-resume $here/mdbook"
if ready && on_screen "This small book tests how a directory"; then
	ok "the reader opens a book's first document"
else
	not_ok "the reader opens a book's first document" "$(screen)"
fi
send q
done_testing
