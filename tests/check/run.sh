#!/bin/sh
# --check: silent with status 0 on valid documents (every anchor that
# GitHub or HTML sets, every document of the corpus but for the broken
# links listed in corpus-expected.txt), and still every real problem.
SUITE=check
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

silent() {	# silent WHAT FILE: --check says nothing and exits 0
	if out=$("$LECTERN" --check "$2" 2>&1) && [ -z "$out" ]; then
		ok "$1"
	else not_ok "$1" "status $?" "$out"; fi
}

# Anchors that a link may name: the ones GitHub makes, escaped or not.
cat >gh.md <<'MD'
# Changelog

[中文](#%E4%B8%AD%E6%96%87), [中文 as is](#中文), [Ärger](#ärger),
[second](#notable-changes-1), [third](#notable-changes-2),
[top](#top), [also top](#).

## 中文

## Ärger

## Notable Changes

## Notable Changes

## Notable Changes
MD
silent "escaped anchors, lower case and repeated headings" gh.md

# Anchors that HTML sets: an <a name>, and id on any element, in HTML
# blocks and inline; and {#id} after a title.
cat >html.md <<'MD'
[a](#v1.0.0) [b](#box) [c](#inline) [d](#cell) [e](#custom) [f](#spaced)

<a id="v1.0.0"></a>

<a name="box"></a>

Some <span id="inline">text</span>.

<table><tr><td><p id="cell">in a cell</p></td></tr></table>

## Custom {#custom}

## Spaced { #spaced .class }
MD
silent "anchors set by HTML and by {#id}" html.md

# A link that differs only in case is found by GitHub all the same: a
# warning, and status 0.
printf '## Install\n\nSee [install](#Install).\n' >case.md
out=$("$LECTERN" --check case.md 2>&1)
st=$?
if [ $st -eq 0 ] && [ "$out" = "case.md:3: warning: link to anchor #Install differs in case from #install" ]; then
	ok "a case-only miss is a warning, status 0"
else not_ok "a case-only miss" "status $st" "$out"; fi

# Real problems: each is reported, and the status is 1, warnings or not.
cat >bad.md <<'MD'
## Notes

## Notes

[one](#nowhere) [two](#notes-2) [three](#Notes) [four](#%E4%B8%AD)
and a dangling[^gone] reference.

<a id="here"></a> [five](#there)

[^lonely]: never cited.
MD
"$LECTERN" --check bad.md >out 2>&1
st=$?
[ $st -eq 1 ] && ok "problems and a warning: status 1" ||
	not_ok "problems and a warning: status $st" "$(cat out)"
cat >want <<'TXT'
bad.md:5: link to missing anchor #nowhere
bad.md:5: link to missing anchor #notes-2
bad.md:5: warning: link to anchor #Notes differs in case from #notes
bad.md:5: link to missing anchor #%E4%B8%AD
bad.md:6: reference [^gone] has no definition
bad.md:8: link to missing anchor #there
bad.md:10: note [^lonely] is defined but never cited
TXT
if diff want out >diff; then ok "every real problem is reported"
else not_ok "the problems reported" "$(cat diff)"; fi

# The Node.js changelogs link each release by an <a id> and repeat their
# headings: nothing to say about any of them.
n=0 bad=
for f in /usr/share/doc/nodejs/changelogs/CHANGELOG_*.md; do
	[ -f "$f" ] || continue
	n=$((n + 1))
	"$LECTERN" --check "$f" >out 2>&1 || bad="$bad $f: $(head -3 out)"
done
if [ $n -eq 0 ]; then skip "the Node.js changelogs" "not installed"
elif [ -z "$bad" ]; then ok "$n Node.js changelogs: nothing, status 0"
else not_ok "Node.js changelogs" "$bad"; fi

# The corpus: every document is silent but for the broken links that
# corpus-expected.txt lists, each with its reason; status 1 exactly for
# the documents with one that is not a warning.
: >got
for f in "$top"/tests/corpus/docs/*.md; do
	name=${f##*/}
	"$LECTERN" --check "$f" >out 2>&1
	st=$?
	sed "s|^$f:|$name:|" out >>got
	if grep -v ': warning: ' out | grep -q .; then want=1; else want=0; fi
	[ $st -eq $want ] || echo "$name: status $st, want $want" >>got
done
grep -v '^#' "$top/tests/check/corpus-expected.txt" | grep . >want
if diff want got >diff; then ok "the corpus: only the listed broken links"
else not_ok "the corpus" "$(head -40 diff)"; fi

done_testing
