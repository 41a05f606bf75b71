#!/bin/sh
# Compares the dumps of two lectern binaries byte for byte: every golden
# input, every corpus document, the bundled content and the hostile
# inputs at widths 20 to 120, each plain, with --ambiguous-wide, and in
# colour (no "~~" marks), plus any further FILE given at widths 40 and
# 80. A change to layout that must not change what a reader sees passes
# when it prints nothing and ends "same".
#
# usage: compare.sh BASE [NEW [FILE ...]]
#	BASE	the binary before the change
#	NEW	the binary after it (default ./lectern)
cd "$(dirname "$0")/../.." || exit 1
export LC_ALL=C.UTF-8
base=${1:?usage: compare.sh BASE [NEW [FILE ...]]}
new=${2:-./lectern}
[ $# -ge 2 ] && shift 2 || shift $#
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
ndiff=0
nrun=0

# same FILE WIDTH OPTION...: whether both binaries dump FILE alike.
same() {
	f=$1
	w=$2
	shift 2
	"$base" --dump -w "$w" "$@" "$f" >"$tmp/a" 2>&1
	"$new" --dump -w "$w" "$@" "$f" >"$tmp/b" 2>&1
	nrun=$((nrun + 1))
	if ! cmp -s "$tmp/a" "$tmp/b"; then
		echo "differs: $f -w $w $*"
		ndiff=$((ndiff + 1))
	fi
}

for f in tests/golden/*.md tests/corpus/docs/*.md content/*.md \
    tests/hostile/*.md; do
	for w in 20 40 60 80 100 120; do
		same "$f" "$w" --color=never
		same "$f" "$w" --color=never --ambiguous-wide
		same "$f" "$w" --color=always
	done
done
for f in "$@"; do
	for w in 40 80; do
		same "$f" "$w" --color=never
		same "$f" "$w" --color=never --ambiguous-wide
	done
done
echo "$nrun dumps, $ndiff differ"
[ "$ndiff" -eq 0 ] && echo same
