#!/bin/sh
# The command line: exit statuses and messages for bad input, encodings,
# standard input, --outline, --check and --color.
SUITE=cli
. "$(dirname "$0")/../lib.sh"
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

expect() {	# expect WHAT STATUS PATTERN ARGS...: status and stderr line
	what=$1 want=$2 pat=$3
	shift 3
	"$LECTERN" "$@" >out 2>err </dev/null
	got=$?
	lines=$(wc -l <err)
	if [ "$got" -eq "$want" ] && grep -q -e "$pat" err && [ "$lines" -le 2 ]; then
		ok "$what"
	else
		not_ok "$what" "status $got (want $want)" "$(cat err)"
	fi
}

mkdir dir
printf 'bin\000ary\n' >binary.md
printf '# ok\n' >ok.md
expect "a directory without documents" 1 \
    "lectern: $tmp/dir: no Markdown documents" --dump "$tmp/dir"
expect "a missing file" 1 "lectern: /no/such/file: No such file or directory" --dump /no/such/file
expect "a binary file" 1 "lectern: binary.md: looks like a binary file" --dump binary.md
expect "an unknown encoding" 2 "lectern: ok.md: unknown encoding 'NOPE'" --dump -e NOPE ok.md
expect "an unknown option" 2 "lectern: unknown option '--bogus'" --bogus
expect "a bad width" 2 "bad width '0'" --dump -w 0 ok.md
expect "a missing value" 2 "option '--width' needs a value" --width
expect "two files, one missing" 1 "lectern: no.md: No such file" \
    --dump ok.md no.md
expect "bad --color" 2 "bad --color" --color=sometimes ok.md
expect "a file over --max-size" 1 "larger than" --dump --max-size 2 ok.md
ln -s /no/such/target dangling.md
expect "a dangling symlink" 1 "dangling.md: No such file" --dump dangling.md
mkfifo fifo.md
expect "a FIFO by name" 1 "fifo.md: is a FIFO" --dump fifo.md

# Encodings: GB18030 is guessed and said; UTF-16 with a BOM is read.
printf '# \326\320\316\304\n\n\272\272\327\326\n' >gb.md
"$LECTERN" --dump -w 40 gb.md >out 2>err
if grep -q '中文' out && grep -q '汉字' out && grep -q 'read as GB18030' err; then
	ok "GB18030 is detected and said on stderr"
else not_ok "GB18030 input" "$(cat out err)"; fi
printf '\377\376#\000 \000H\000i\000\n\000' >u16.md
"$LECTERN" --dump u16.md >out 2>err
if grep -q '^Hi$' out && [ ! -s err ]; then ok "UTF-16LE with a BOM"
else not_ok "UTF-16LE with a BOM" "$(cat out err)"; fi
printf '\244\165\247\100' >big5.md	# 工作 in Big5
"$LECTERN" --dump -e BIG5 big5.md >out 2>err
if grep -q '工作' out; then ok "-e BIG5"; else not_ok "-e BIG5" "$(cat out err)"; fi
printf '\306\370\317\363\n' >gbk.md	# 气象 in GBK
"$LECTERN" --dump -e GBK gbk.md >out 2>err
if grep -q '气象' out; then ok "-e GBK"; else not_ok "-e GBK" "$(cat out err)"; fi
printf 'a\r\nb\rc\n' >crlf.md
"$LECTERN" --dump crlf.md >out 2>err
if [ "$(cat out)" = "a b c" ]; then ok "CRLF and CR line ends"
else not_ok "CRLF and CR line ends" "$(od -c out | head -3)"; fi

# The same encoded files under the sanitizers.
if [ -x "${LECTERN_SAN:-}" ]; then
	for f in gb.md u16.md big5.md crlf.md; do
		if "$LECTERN_SAN" --dump -w 7 "$f" >/dev/null 2>err; then
			ok "$f under ASan and UBSan"
		else not_ok "$f under ASan and UBSan" "$(head -5 err)"; fi
	done
fi

# Bytes that look random never crash, with and without the sanitizers:
# 20000 bytes without NUL from a fixed seed each, so that a failure says
# which input to rerun.
rand_md() {	# rand_md SEED
	python3 -c '
import random, sys
r = random.Random(int(sys.argv[1]))
sys.stdout.buffer.write(bytes(r.randrange(1, 256) for _ in range(20000)))
' "$1" >rand-$1.md
}
for i in 1 2 3 4 5; do
	rand_md $i || not_ok "python3 writes the bytes of seed $i"
done
for bin in "$LECTERN" "${LECTERN_SAN:-}"; do
	[ -x "$bin" ] || continue
	for i in 1 2 3 4 5; do
		"$bin" --dump -w $((i * 37 % 120 + 1)) rand-$i.md >/dev/null 2>err
		st=$?
		[ $st -ne 0 ] && break
	done
	tag=plain
	[ "$bin" = "${LECTERN_SAN:-}" ] && tag=sanitizers
	if [ $st -eq 0 ]; then ok "random bytes render ($tag)"
	else not_ok "random bytes of seed $i ($tag), status $st" \
	    "$(head -5 err)"; fi
done

# Standard input: "-", a pipe, and /dev/null (the bundled article).
out=$(printf '# Piped\n' | "$LECTERN" --dump)
[ "$out" = "$(printf 'Piped\n═════')" ] && ok "a pipe is read" || not_ok "a pipe" "$out"
out=$(printf '# Dash\n' | "$LECTERN" --dump -)
[ "$(printf '%s\n' "$out" | head -1)" = Dash ] && ok "- is standard input" || not_ok "-" "$out"
# (its heading: the table of its front matter comes first)
out=$("$LECTERN" --dump -w 80 </dev/null | awk 'NF && !/│/ { print; exit }')
case $out in "State of AI"*) ok "no file and /dev/null: the bundled article";;
*) not_ok "no file opens the bundled article" "$out";; esac

# --outline: two spaces a level below the top.
printf '# A\n\n## B\n\n### C\n\n## D\n' >o.md
out=$("$LECTERN" --outline o.md)
if [ "$out" = "$(printf 'A\n  B\n    C\n  D')" ]; then ok "--outline indents"
else not_ok "--outline" "$out"; fi

# --check: silent and 0 on the bundled article, each problem on a crafted one.
if out=$("$LECTERN" --check </dev/null) && [ -z "$out" ]; then
	ok "--check on the bundled article: nothing, status 0"
else not_ok "--check on the bundled article" "$out"; fi
cat >bad.md <<'MD'
# Same

# Same

Dangling[^nope] and [a link](#missing) and [^used].

[^used]: cited.

[^lonely]: never cited.
MD
"$LECTERN" --check bad.md >out 2>err
st=$?
[ $st -eq 1 ] && ok "--check exits 1 on problems" || not_ok "--check status $st"
for p in "bad.md:5: reference \[^nope\] has no definition" \
    "bad.md:5: link to missing anchor #missing" \
    "bad.md:9: note \[^lonely\] is defined but never cited"; do
	if grep -q "^$p" out; then ok "--check: $p"
	else not_ok "--check does not say: $p" "$(cat out)"; fi
done

# Thousands of link definitions at the end stay definitions: the guard
# against bracket-heavy paragraphs does not count them.
{ echo 'Text with [the last][r2999] and [the first][r0].'; echo
  i=0; while [ $i -lt 3000 ]; do echo "[r$i]: https://example.com/$i"; i=$((i + 1)); done
} >refs.md
out=$("$LECTERN" --dump -w 200 --links=inline refs.md)
if [ "$out" = "Text with the last <https://example.com/2999> and the first <https://example.com/0>." ] &&
    "$LECTERN" --check refs.md >/dev/null; then
	ok "3000 link definitions resolve, nothing too complex"
else not_ok "3000 link definitions" "$(printf '%s\n' "$out" | head -3)"; fi

# --forget works without the reader too.
mkdir -p state/lectern
printf 'lectern-bookmarks 1\ndoc\tkey=%s\ttime=1\ndoc\tkey=/other\ttime=1\n' \
    "$tmp/ok.md" >state/lectern/bookmarks
XDG_STATE_HOME=$tmp/state "$LECTERN" --forget --dump ok.md >out 2>err
if ! grep -q "key=$tmp/ok.md" state/lectern/bookmarks &&
    grep -q 'key=/other' state/lectern/bookmarks && grep -q forgot err; then
	ok "--forget --dump removes only that document"
else not_ok "--forget --dump" "$(cat err state/lectern/bookmarks)"; fi

# --library: one line a document, newest first, four tab-separated
# fields; no file is an empty list; a damaged file is named, status 1.
printf 'lectern-bookmarks 1\ndoc\tkey=/a/old.md\ttime=100\tblock=1\toff=0\tpct=12.50\ndoc\tkey=/b/new.md\ttime=1800000000\ttitle=New \\x1b[2J\\tbook\n' \
    >lib.bm
"$LECTERN" --library --bookmarks lib.bm >out 2>err
st=$?
printf '2027-01-15T08:00:00Z\t-\tNew ^[[2J book\t/b/new.md\n1970-01-01T00:01:40Z\t12.50\told.md\t/a/old.md\n' >want
if [ $st -eq 0 ] && cmp -s out want && [ ! -s err ]; then
	ok "--library: newest first, tab-separated, the title inert"
else not_ok "--library lines" "$(cat -A out err | head -5)"; fi
XDG_STATE_HOME=$tmp/nostate "$LECTERN" --library >out 2>err
if [ $? -eq 0 ] && [ ! -s out ] && [ ! -s err ]; then
	ok "--library without a bookmark file: an empty list"
else not_ok "--library without a bookmark file" "$(cat out err)"; fi
printf 'lectern-bookmarks 1\nnot a record\n' >bad.bm
expect "--library on a damaged file" 1 "bad.bm: line 2 cannot be read" \
    --library --bookmarks bad.bm
if ! ls | grep -q corrupt; then
	ok "--library leaves a damaged file alone"
else not_ok "--library leaves a damaged file alone" "$(ls)"; fi
expect "--library with a file" 2 "takes no file" --library ok.md

# Colour: SGR only when asked, never with NO_COLOR under auto.
printf '**bold** text\n' >c.md
"$LECTERN" --dump --color=always c.md | grep -q "$(printf '\033')\[" &&
	ok "--color=always styles" || not_ok "--color=always has no SGR"
"$LECTERN" --dump c.md | grep -q "$(printf '\033')" &&
	not_ok "SGR written to a pipe under auto" || ok "auto: no SGR into a pipe"

# Links in the dump: numbered with a list, inline, or neither; coloured.
expect "bad --links" 2 "bad --links 'all' (list, inline or none)" \
    --dump --links=all ok.md
printf '[a site](https://a.example/) and [it](https://a.example/).\n' >l.md
"$LECTERN" --dump --color=never l.md >out 2>err
if [ "$(sed -n 1p out)" = "a site[1] and it[1]." ] &&
    [ "$(sed -n 5p out)" = "[1] https://a.example/" ]; then
	ok "--links=list: one number for one address, and the list"
else not_ok "--links=list" "$(cat out err)"; fi
"$LECTERN" --dump --color=never --links=inline l.md >out 2>err
if [ "$(cat out)" = "a site <https://a.example/> and it <https://a.example/>." ]
then ok "--links=inline: the address after the text"
else not_ok "--links=inline" "$(cat out err)"; fi
"$LECTERN" --dump --color=never --links=none l.md >out 2>err
if [ "$(cat out)" = "a site and it." ]; then ok "--links=none: no address"
else not_ok "--links=none" "$(cat out err)"; fi
"$LECTERN" --dump --color=always l.md >out 2>err
e=$(printf '\033')
if grep -qF "${e}[0;4;34ma site${e}[0m${e}[0;34m[1]${e}[0m" out &&
    grep -qF "${e}[1;36mLinks${e}[0m" out; then
	ok "--color=always: the link, its number and the list's title styled"
else not_ok "--color=always links" "$(od -c out | head -8)"; fi

# A long code line folds; where the locale is not UTF-8, the mark is '\'.
printf '```sh\n%s\n```\n' "$(printf 'x%.0s' $(seq 1 50))" >code.md
LC_ALL=C "$LECTERN" --dump -w 30 code.md >out 2>err
if [ "$(sed -n 3p out)" = "\\ $(printf 'x%.0s' $(seq 1 22))" ] &&
    [ "$(sed -n 1p out)" = "                            sh" ]; then
	ok "LC_ALL=C: a folded code line goes on after '\\', under its label"
else not_ok "LC_ALL=C: a folded code line" "$(cat out err)"; fi
# The label is the info string's first word, never a terminal control.
printf '```sh\033]0;pwned\007 x\ncode\n```\n\n```c++ x\ncode\n```\n' >info.md
"$LECTERN" --dump --color=never -w 30 info.md >out 2>err
if ! grep -q "$(printf '\033')" out && ! grep -q pwned out &&
    grep -q '^  code  *c++$' out; then
	ok "a code block's label: a word, or nothing when it holds a control"
else not_ok "a code block's label" "$(od -c out | head -5)"; fi
# --- File names that would be terminal controls ---------------------------
# Every message that quotes a file name shows it inert: ESC, an OSC that
# sets the title, a raw 0x9b (CSI on an 8-bit terminal), U+009B and
# U+202E. Nothing of them reaches stdout or stderr raw.
inert() {	# inert FILE: no terminal control in FILE
	python3 "$top/tests/hostile/check.py" inert "$1"
}
mkdir names
set -- "$(printf 'osc\033]0;pwned\007')" "$(printf 'csi\033[31m')" \
    "$(printf 'raw\2331m')" "$(printf 'c1\302\2331m')" \
    "$(printf 'rlo\342\200\256dm')"
for n in "$@"; do
	label=${n%%[!a-z0-9]*}
	f=names/$n.md
	"$LECTERN" --dump "$f" >out 2>err
	if [ $? -eq 1 ] && inert err >/dev/null && grep -q 'No such file' err &&
	    grep -q "names/$label" err; then
		ok "a missing file named $label: the message is inert"
	else not_ok "a missing file named $label" "$(od -c err | head -5)"; fi
	printf '# caf\351\n\nDangling[^nope].\n' >"$f"
	"$LECTERN" --dump "$f" >out 2>err
	if inert err >/dev/null && grep -q 'not UTF-8; read as' err; then
		ok "not UTF-8, named $label: the message is inert"
	else not_ok "not UTF-8, named $label" "$(od -c err | head -5)"; fi
	"$LECTERN" --check "$f" >out 2>err
	if [ $? -eq 1 ] && inert out >/dev/null && inert err >/dev/null &&
	    grep -q ':3: reference \[^nope\] has no definition' out; then
		ok "--check on a file named $label: its lines are inert"
	else not_ok "--check, named $label" "$(od -c out | head -5)"; fi
	XDG_STATE_HOME=$tmp/state "$LECTERN" --forget --dump "$f" >out 2>err
	if inert err >/dev/null && grep -q 'forgot the saved place' err; then
		ok "--forget on a file named $label: the message is inert"
	else not_ok "--forget, named $label" "$(od -c err | head -5)"; fi
done
# The stand-ins say what the name holds.
"$LECTERN" --dump "names/$1.md" >out 2>err
grep -qF 'osc^[]0;pwned^G.md' err && ok "ESC and BEL in a name show as ^[ and ^G" ||
	not_ok "ESC and BEL in a name" "$(od -c err | head -5)"
"$LECTERN" --dump "names/$3.md" >out 2>err
grep -qF 'raw\x9B1m.md' err && ok "a raw 0x9b byte in a name shows as \\x9B" ||
	not_ok "a raw 0x9b byte in a name" "$(od -c err | head -5)"
"$LECTERN" --dump "names/$5.md" >out 2>err
grep -qF 'rlo<U+202E>dm.md' err && ok "U+202E in a name shows as <U+202E>" ||
	not_ok "U+202E in a name" "$(od -c err | head -5)"
# An option's value is quoted too, and so is an encoding's name.
"$LECTERN" --dump -e "$(printf 'X\033]0;t\007')" ok.md >out 2>err
if [ $? -eq 2 ] && inert err >/dev/null &&
    grep -qF "unknown encoding 'X^[]0;t^G'" err; then
	ok "an unknown encoding's name is quoted inert"
else not_ok "an unknown encoding's name" "$(od -c err | head -5)"; fi
"$LECTERN" --dump -w "$(printf '1\033[2J')" ok.md >out 2>err
if [ $? -eq 2 ] && inert err >/dev/null && grep -qF "bad width '1^[[2J'" err; then
	ok "a bad option value is quoted inert"
else not_ok "a bad option value" "$(od -c err | head -5)"; fi
done_testing
