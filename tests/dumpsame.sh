#!/bin/sh
# Compares the dump of two builds of lectern byte for byte, with their
# exit status and their messages: every document of the corpus, the
# goldens, the hostile inputs (made here), the bundled article, and each
# FILE given, at widths 20, 40, 80 and 120, and at 80 with colour and
# with each way of showing links. Not a suite of its own: run it by hand
# after a change to the dump, the parse or the layout.
#
#   sh tests/dumpsame.sh OLD-LECTERN NEW-LECTERN [FILE...]
#
# Prints one line per difference and "N same, N differ"; exits 1 when any
# differs.
[ $# -ge 2 ] || { echo "usage: $0 old-lectern new-lectern [file...]" >&2
	exit 2; }
old=$1 new=$2
shift 2
cd "$(dirname "$0")/.." || exit 1
export LC_ALL=C.UTF-8
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT INT TERM

mkdir "$tmp/in"
python3 tests/hostile/gen.py controls "$tmp/in" >/dev/null
for s in $(python3 tests/hostile/gen.py shapes); do
	python3 tests/hostile/gen.py shape "$s" "$tmp/in/shape-$s.md"
done
python3 tests/hostile/gen.py scale-dir "$tmp/in" 200000 >/dev/null 2>&1

same=0 differ=0
# one FILE ARGS...: both builds on FILE, the results compared.
one() {
	f=$1
	shift
	"$old" --dump "$@" "$f" >"$tmp/o.out" 2>"$tmp/o.err"
	echo "$?" >>"$tmp/o.err"
	"$new" --dump "$@" "$f" >"$tmp/n.out" 2>"$tmp/n.err"
	echo "$?" >>"$tmp/n.err"
	if cmp -s "$tmp/o.out" "$tmp/n.out" &&
	    cmp -s "$tmp/o.err" "$tmp/n.err"; then
		same=$((same + 1))
	else
		differ=$((differ + 1))
		echo "differ: $f $*"
	fi
}

for f in tests/corpus/docs/*.md tests/golden/*.md tests/hostile/*.md \
    "$tmp"/in/*.md content/*.md "$@"; do
	[ -f "$f" ] || continue
	for w in 20 40 80 120; do
		one "$f" -w "$w" --color=never
	done
	one "$f" -w 80 --color=always
	one "$f" -w 80 --color=never --links=inline
	one "$f" -w 80 --color=always --links=none
done
echo "$same same, $differ differ"
[ "$differ" -eq 0 ]
