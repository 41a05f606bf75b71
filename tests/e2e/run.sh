#!/bin/sh
# End-to-end tests of the reader: the real binary on the bundled article
# in a private tmux server, keys in, screens out. Each keys call waits for
# the reader's handshake (tmux.sh), so every check after it reads the
# frame of those keys.
SUITE=e2e
. "$(dirname "$0")/../lib.sh"

. "$(dirname "$0")/tmux.sh"

ESC=$(printf '\033')

# Is TEXT drawn in reverse video somewhere?
reversed() {
	screen_sgr | grep -q "$ESC\[[0-9;]*7[0-9;]*m\($ESC\[[0-9;]*m\)*$1"
}

# Is the section on the status line TEXT (after the title, or after its
# parents)?
in_section() {
	status_has "| $1" || status_has "› $1"
}

# --- The three panes at 140x40 ------------------------------------------

# Does the outline mark (">") the heading that contains TEXT?
outline_marks() {
	pane_col 1 | grep -q "^>.*$1"
}

# Is TEXT on the status line, or on the first body row?
first_body_has() {
	body_row 1 | grep -qF -- "$1"
}

three_rows() {
	[ "$(screen | sed '$d' | awk -F'│' 'NF == 3' | wc -l)" -eq 39 ]
}

reader 140 40
if ready; then
	expect "140x40: the status line has the title and the place" \
	    eval 'status_has "State of AI: 2023" && [ "$(percent)" = 0 ]'
	expect "140x40: three panes side by side on every row" three_rows
	expect "140x40: the outline lists the headings" in_col 1 "04 Politics"
	expect "140x40: the outline marks the current section" \
	    outline_marks "State of AI"
	expect "140x40: the body shows the text" in_col 2 "本周四 stateof.ai [1]"
	expect "140x40: the notes pane shows the notes cited on screen" \
	    in_col 3 "* [1] 原文此条脚注的内容未能保留。"
	expect "140x40: each note says where it is cited" in_col 3 \
	    "cited in: State of AI"
else
	not_ok "140x40: the reader starts" "$(screen)"
fi

# The outline follows the body.
keys ']' ']' ']'
if in_section "对 AI 安全的监管"; then
	expect "] brings the third heading to the top of the body" \
	    first_body_has "对 AI 安全的监管"
	expect "the outline highlight follows the body after ]" \
	    outline_marks "对 AI 安全的监管"
else
	not_ok "] moves to the next section heading" "$(screen)"
fi

# A jump from the outline, and back.
before=$(body_row 1)
keys o G Enter
if in_section "编者总结与展望"; then
	expect "Enter in the outline brings the heading into the body" \
	    in_col 2 "编者总结与展望"
	keys BSpace
	if in_section "对 AI 安全的监管"; then
		expect "Backspace returns to the same place" \
		    test "$(body_row 1)" = "$before"
		expect "Backspace gives the focus back to the outline" \
		    status_has "outline"
	else
		not_ok "Backspace returns after an outline jump" "$(screen)"
	fi
	keys Escape
else
	not_ok "Enter in the outline goes to the heading" "$(screen)"
fi

# Resize: the same sentence stays at the top.
keys j j j
top140=$(body_row 1 | sed 's/^ *//; s/ *$//')
start_of=$(printf '%s' "$top140" | cut -c1-12)
# At 70 columns the body is alone: no pane border on the first row.
narrow_now() {
	[ "$(screen | wc -l)" -eq 20 ] && ! screen | head -n 1 | grep -q '│'
}
wide_now() {
	[ "$(screen | wc -l)" -eq 40 ] && screen | head -n 1 | grep -q '│.*│'
}
if resize 70 20 narrow_now; then
	two=$(screen | head -n 2 | tr -d '\n ')
	case $two in
	*"$(printf '%s' "$start_of" | tr -d ' ')"*)
		ok "70x20: the first sentence stays at the top" ;;
	*)	not_ok "70x20: the first sentence stays at the top" \
		    "wanted: $start_of" "$(screen)" ;;
	esac
else
	not_ok "70x20: the body alone after the resize" "$(screen)"
fi
if resize 140 40 wide_now; then
	expect "back to 140x40: the same first line as before" \
	    test "$(body_row 1 | sed 's/^ *//; s/ *$//')" = "$top140"
else
	not_ok "back to 140x40: three panes again" "$(screen)"
fi

# Quit restores the terminal.
send q
if wait_for "EXIT=0"; then
	ok "q quits with status 0"
	[ "$(tm display -p -t "$S" '#{alternate_on}')" = 0 ] &&
	    ok "q leaves the alternate screen" ||
	    not_ok "q leaves the alternate screen"
	[ "$(tm display -p -t "$S" '#{cursor_flag}')" = 1 ] &&
	    ok "q shows the cursor again" ||
	    not_ok "q shows the cursor again"
	send "typed-back"
	wait_for "typed-back" && ok "q restores echo" ||
	    not_ok "q restores echo" "$(screen)"
else
	not_ok "q quits" "$(screen)"
fi
stop

# SIGTERM restores the terminal.
reader 80 24
expect "80x24: the reader starts" ready
pid=$(reader_pid)
if [ -n "$pid" ] && kill -TERM "$pid" && wait_for "EXIT=143"; then
	ok "SIGTERM ends the reader (status 143)"
	[ "$(tm display -p -t "$S" '#{alternate_on}')" = 0 ] &&
	    ok "SIGTERM leaves the alternate screen" ||
	    not_ok "SIGTERM leaves the alternate screen"
	[ "$(tm display -p -t "$S" '#{cursor_flag}')" = 1 ] &&
	    ok "SIGTERM shows the cursor again" ||
	    not_ok "SIGTERM shows the cursor again"
	send "typed-back"
	wait_for "typed-back" && ok "SIGTERM restores echo" ||
	    not_ok "SIGTERM restores echo" "$(screen)"
else
	not_ok "SIGTERM ends the reader" "$(screen)"
fi
stop

# --- Small terminals ----------------------------------------------------

reader 20 6
if ready && status_has "%"; then
	keys j ']' Tab Enter o Escape t Escape G Tab Enter BSpace h q &&
	    expect "20x6: keys move and close what they open" \
	    eval '[ "$(percent)" = 100 ] && ! on_screen "keys (q"'
	# tmux sends Home and End as ESC [1~ and ESC [4~, which the
	# terminfo entry of xterm-256color does not know: send xterm's.
	keys -l "$(printf '\033OH')"
	expect "20x6: Home goes to the top" eval '[ "$(percent)" = 0 ]'
	keys -l "$(printf '\033OF')"
	expect "20x6: End goes to the end" eval '[ "$(percent)" = 100 ]'
	send q
	wait_for "EXIT=0" && ok "20x6: q quits cleanly" ||
	    not_ok "20x6: q quits cleanly" "$(screen)"
else
	not_ok "20x6: the reader starts" "$(screen)"
fi
stop

reader 10 3
if ready && on_screen "too"; then
	ok "10x3: says the terminal is too small"
	keys j Tab Enter o
	resize 80 24 on_screen "State of AI" &&
	    ok "10x3 grown to 80x24: the text shows" ||
	    not_ok "10x3 grown to 80x24: the text shows" "$(screen)"
	send q
	wait_for "EXIT=0" && ok "10x3: q quits cleanly" ||
	    not_ok "10x3: q quits cleanly" "$(screen)"
else
	not_ok "10x3: says the terminal is too small" "$(screen)"
fi
stop

# --- Footnotes at 140x40 ------------------------------------------------

reader 140 40 --section "'chip wars'"
ready && expect "--section opens at the chip wars heading" \
    eval 'body_row 1 | grep -qF "chip wars"'
keys Tab
if on_screen "[13] The Semiconductor Trade War, https://"; then
	ok "Tab selects the reference after the chip wars heading"
	before=$(screen | sed '$d')
	reversed '\[13\]' && ok "the selected reference is in reverse video" ||
	    not_ok "the selected reference is in reverse video" \
	    "$(screen_sgr | head -n 2)"
	keys Enter
	if status_has "notes "; then
		in_col 3 "> [13] The Semiconductor Trade War," &&
		    ok "Enter opens the note, marked, in the notes pane" ||
		    not_ok "Enter opens the note, marked, in the notes pane" \
		    "$(screen)"
		pane_col 3 | head -n 1 | grep -qF "[13] The Semiconductor" &&
		    ok "the notes pane shows the note at its top" ||
		    not_ok "the notes pane shows the note at its top" \
		    "$(screen)"
		keys BSpace
		! status_has "notes " && [ "$(screen | sed '$d')" = "$before" ] &&
		    ok "Backspace returns to the same screen" ||
		    not_ok "Backspace returns to the same screen" "$(screen)"
	else
		not_ok "Enter on a reference focuses the notes" "$(screen)"
	fi
else
	not_ok "Tab selects the reference after the chip wars heading" \
	    "$(screen)"
fi
stop

# The three places that cite "Judging LLM-as-a-judge".
reader 140 40 --section "'Fundamental challenges'"
ready && expect "--section opens at Fundamental challenges" \
    eval 'body_row 1 | grep -qF "Fundamental challenges"'
keys Tab
if status_has "Judging LLM-as-a-judge with MT-Bench and Chatbot Arena, https"; then
	n=$(status_line | sed -n 's/^ *\[\([0-9]*\)\] Judging.*/\1/p')
	keys Enter
	expect "Enter on the reference focuses its note" status_has "notes "
	keys Enter
	status_has "reference 1 of 3" &&
	    body_row 1 | grep -qF "AI 安全领域领先机构的一项调查[$n]" &&
	    ok "Enter in the notes: the first citing place, 1 of 3" ||
	    not_ok "Enter in the notes: the first citing place, 1 of 3" \
	    "$(screen)"
	keys Enter
	status_has "reference 2 of 3" &&
	    body_row 1 | grep -qF "Judging LLM-as-a-judge with MT-Bench and Chatbot Arena[$n] 一文" &&
	    ok "Enter again: the second place, 2 of 3" ||
	    not_ok "Enter again: the second place, 2 of 3" "$(screen)"
	keys Enter
	status_has "reference 3 of 3" &&
	    body_row 1 | grep -qF "[$n] 显示" &&
	    ok "Enter again: the third place, 3 of 3" ||
	    not_ok "Enter again: the third place, 3 of 3" "$(screen)"
	reversed "\[$n\]" && ok "the citing reference is selected" ||
	    not_ok "the citing reference is selected"
	keys Enter
	status_has "reference 1 of 3" &&
	    ok "Enter again cycles back to the first place" ||
	    not_ok "Enter again cycles back to the first place" "$(screen)"
	in_col 3 "> [$n] Judging LLM-as-a-judge" &&
	    ok "the note stays selected in the notes pane" ||
	    not_ok "the note stays selected in the notes pane" "$(screen)"
else
	not_ok "Tab selects the reference to Judging LLM-as-a-judge" \
	    "$(screen)"
fi
stop

# --- Footnotes at 70x24: the notes overlay ------------------------------

reader 70 24 --section "'chip wars'"
expect "70x24 --section: the reader starts" ready
keys Tab
expect "70x24: Tab selects the reference [13]" \
    status_has "[13] The Semiconductor"
before=$(screen | sed '$d')
keys Enter
if on_screen "Notes (Esc closes)"; then
	ok "70x24: Enter opens the notes overlay"
	screen | grep -q "^│> \[13\] The Semiconductor Trade War" &&
	    ok "70x24: the note is marked at the top of the overlay" ||
	    not_ok "70x24: the note is marked at the top of the overlay" \
	    "$(screen)"
	keys Enter
	status_has "reference 1 of 1" &&
	    ok "70x24: Enter in the overlay goes to the citing place" ||
	    not_ok "70x24: Enter in the overlay goes to the citing place" \
	    "$(screen)"
	keys BSpace
	expect "70x24: Backspace: the overlay still has the focus" \
	    eval 'on_screen "Notes (Esc closes)" && status_has "notes "'
	keys BSpace
	! on_screen "Notes (Esc closes)" &&
	    [ "$(screen | sed '$d')" = "$before" ] &&
	    ok "70x24: Backspace twice returns to the same screen" ||
	    not_ok "70x24: Backspace twice returns to the same screen" \
	    "$(screen)"
	keys o
	on_screen "Outline" && ok "70x24: o opens the outline overlay" ||
	    not_ok "70x24: o opens the outline overlay" "$(screen)"
	keys Escape
	! on_screen "Outline" && ok "70x24: Esc closes it" ||
	    not_ok "70x24: Esc closes it" "$(screen)"
else
	not_ok "70x24: Enter opens the notes overlay" "$(screen)"
fi
stop

# --- The mouse ----------------------------------------------------------

reader 140 40
expect "140x40: the reader starts" ready
# Row 12 of the outline is "The US successfully enlists ...".
click 9 12
if in_section "The US successfully"; then
	ok "mouse: a click on an outline entry goes there"
	click 87 1
	status_has "notes " && in_col 3 "> [13] The Semiconductor Trade War" &&
	    ok "mouse: a click on a reference opens its note" ||
	    not_ok "mouse: a click on a reference opens its note" "$(screen)"
	top=$(pane_col 3 | head -n 1)
	notes_moved() {
		[ "$(pane_col 3 | head -n 1)" != "$top" ]
	}
	mouse 65 120 10
	expect "mouse: the wheel scrolls the notes pane" notes_moved
else
	not_ok "mouse: a click on an outline entry goes there" "$(screen)"
fi
stop

# --- Help ----------------------------------------------------------------

reader 100 30
expect "100x30: the reader starts" ready
keys h
if on_screen "keys (q or Esc closes this)"; then
	ok "h shows the help screen"
	for k in "Backspace, Ctrl-O" "Shift-Tab" "in the notes:"; do
		screen | grep -qF -- "$k" && ok "the help lists '$k'" ||
		    not_ok "the help lists '$k'" "$(screen)"
	done
	keys q
	! on_screen "keys (q or Esc closes this)" &&
	    ok "q closes the help, not the reader" ||
	    not_ok "q closes the help, not the reader" "$(screen)"
else
	not_ok "h shows the help screen" "$(screen)"
fi
stop

# --- The reading position and marks -------------------------------------

BM=$E2E_TMP/bm
BMFILE=$BM/lectern/bookmarks
resume_reader 140 40 "$BM"
expect "140x40: the reader starts" ready
# Section by section to the one with the Zvook paragraph.
i=0
while [ $i -lt 60 ] && ! status_has "Meanwhile, Ukraine acts" &&
    keys ']'; do
	i=$((i + 1))
done
keys j j
expect "140x40: the Zvook paragraph is on screen" in_col 2 "Zvook"
send q
expect "140x40: q quits" wait_for "EXIT=0"
stop
resume_reader 80 24 "$BM"
if ready && status_has "resumed at Meanwhile, Ukraine acts as a lab for AI warfare"
then
	ok "80x24: the status line says where it resumed"
	expect "80x24: the Zvook paragraph is on screen again" on_screen "Zvook"
else
	not_ok "80x24: the reader resumes where it was" "$(screen)"
fi
expect "the bookmark file has mode 0600 under umask 000" \
    test "$(stat -c %a "$BMFILE" 2>/dev/null)" = 600

# A mark, the end, and back to the mark.
keys ']' ']'
marked=$(pane_col 2)
keys m a
expect "m a says the mark is set" status_has "mark a set"
keys G
expect "G goes to the end" eval '[ "$(percent)" = 100 ]'
keys "'" a
if status_has "mark a"; then
	expect "'a returns to the mark" test "$(pane_col 2)" = "$marked"
else
	not_ok "'a returns to the mark" "$(screen)"
fi
keys "'" "?"
expect "'? lists the marks with their sections" on_screen "  a  "
keys Escape
expect "Esc closes the list of marks" \
    eval '! on_screen "marks: a letter goes there"'

# SIGTERM saves the place.
keys ']'
sec=$(status_line | sed 's/.* | //; s/  *[0-9]*%.*//; s/…$//')
pid=$(reader_pid)
if [ -n "$pid" ] && [ -n "$sec" ] && kill -TERM "$pid"; then
	expect "SIGTERM ends the resuming reader" wait_for "EXIT=143"
else
	not_ok "SIGTERM: the reader runs and shows its section" "$(screen)"
fi
stop
resume_reader 80 24 "$BM"
expect "SIGTERM saved the place: resumed there" \
    eval 'ready && status_has "resumed at $sec"'
keys "'" a
expect "the mark is kept in the file" status_has "mark a"
send q
expect "q quits" wait_for "EXIT=0"
stop

# Each mark in the list says its own place: a and b set far apart, the
# list read from the top of the document.
until_percent() {	# until_percent P: ] until the place is P% or more
	i=0
	while [ $i -lt 60 ] && [ "$(percent)" -lt "$1" ] && keys ']'; do
		i=$((i + 1))
	done
	[ "$(percent)" -ge "$1" ]
}
# listed_percent L: the percentages on the list's row of mark L.
listed_percent() {
	screen | sed '$d' | grep -E "^[ │]*$1[ :]" | grep -oE '[0-9]+%' |
	    tr -d %
}
# near P LIST: is one of LIST within a point of P?
near() {
	p=$1
	shift
	for v in "$@"; do
		[ "$v" -ge $((p - 1)) ] && [ "$v" -le $((p + 1)) ] && return 0
	done
	return 1
}
reader 160 40
if ready && until_percent 20 && pa=$(percent) && keys m a &&
    until_percent 60 && pb=$(percent) && keys m b g "'" "?"; then
	la=$(listed_percent a)
	lb=$(listed_percent b)
	# shellcheck disable=SC2086
	expect "'?: mark a shows its own place, $pa% (listed: $la)" \
	    near "$pa" $la
	# shellcheck disable=SC2086
	expect "'?: mark b shows its own place, $pb% (listed: $lb)" \
	    near "$pb" $lb
else
	not_ok "marks a and b set at 20% and 60%" "$(screen)"
fi
stop

# --- Search --------------------------------------------------------------

# Is TEXT drawn in the match colours (black on yellow)?
matched() {
	screen_sgr | grep -q "$ESC\[[0-9;]*43m\($ESC\[[0-9;]*m\)*$1"
}

reader 140 40
expect "140x40: the reader starts" ready
before=$(pane_col 2)
keys / Z v o o k
if status_has "1 of 1"; then
	expect "/Zvook brings the paragraph to the screen as it is typed" \
	    in_col 2 "乌克兰的 Zvook 项目"
	keys Enter
	expect "Enter keeps the match and counts it" status_has "match 1 of 1"
	expect "the match's line is at the top of the body" \
	    first_body_has "Zvook"
	keys BSpace
	expect "Backspace returns to where the search started" \
	    test "$(pane_col 2)" = "$before"
else
	not_ok "/Zvook finds the paragraph" "$(screen)"
	keys Escape
fi

keys / 芯片 Enter
if status_has "match 1 of 14"; then
	ok "/芯片 finds 14 matches and says which one shows"
	expect "the match on screen is highlighted" matched "芯片"
	keys n n n
	expect "n three times: match 4 of 14" status_has "match 4 of 14"
	keys N
	expect "N goes back: match 3 of 14" status_has "match 3 of 14"
else
	not_ok "/芯片 finds 14 matches" "$(screen)"
fi

keys G
expect "G: the end" eval '[ "$(percent)" = 100 ]'
keys '?' Z v o o k Enter
expect "? searches backward from the end" status_has "match 1 of 1"
expect "? brings the match to the screen" in_col 2 "Zvook"

keys g
before=$(pane_col 2)
keys / Z v o o
expect "/Zvoo finds the match as it is typed" status_has "1 of 1"
keys Escape
expect "Esc cancels and restores the position" \
    eval '! status_has "/Zvoo" && [ "$(pane_col 2)" = "$before" ]'

keys / n o s u c h w o r d
expect "a search with no match says so" status_has "no match"
keys Enter
expect "and moves nothing" test "$(pane_col 2)" = "$before"

keys / C-r 'Z.o+k'
expect "Ctrl-R searches with a regular expression" \
    status_has "(regex) Z.o+k"
keys Enter
expect "the regular expression finds its match" status_has "match 1 of 1"
keys '&'
if on_screen "matches: j and k choose"; then
	ok "& lists the matches"
	keys Enter
	expect "Enter in the list goes to the match" \
	    status_has "match 1 of 1"
else
	not_ok "& lists the matches" "$(screen)"
fi

keys o / L L M
if status_has "filter headings: LLM"; then
	expect "/ in the outline filters the headings" \
	    test "$(pane_col 1 | grep -c '[^ ]')" -eq \
	    "$($LECTERN --outline | grep -c LLM)"
	keys Enter Escape Escape
else
	not_ok "/ in the outline filters the headings" "$(screen)"
fi
stop

# --- Colours and terminals ---------------------------------------------

# Any foreground or background colour in the screen's escape sequences?
coloured() {
	screen_sgr | grep -q "$ESC\[[0-9;]*[34][0-7]m"
}

# Has the reader drawn its outline?
drawn() {
	in_col 1 "04 Politics"
}

reader 100 30
expect "the default theme uses colours" eval 'ready && drawn && coloured'
stop
start 100 30 "env NO_COLOR=1 $LECTERN --no-resume"
if ready && drawn; then
	ok "NO_COLOR: the text still shows"
	if coloured; then
		not_ok "NO_COLOR: no colours at all" \
		    "$(screen_sgr | head -n 3)"
	else
		ok "NO_COLOR: no colours at all"
	fi
else
	not_ok "NO_COLOR: the reader starts" "$(screen)"
fi
stop
start 100 30 "$LECTERN --no-resume --theme mono"
if ! ready || ! drawn; then
	not_ok "--theme mono: the reader starts" "$(screen)"
elif coloured; then
	not_ok "--theme mono: no colours at all" "$(screen_sgr | head -n 3)"
else
	ok "--theme mono: no colours at all"
fi
stop
# The shell stays: tmux may drop the last output of a pane whose
# command ends at once.
start 100 30 "sh -c 'TERM=dumb \"\$0\" 2>$E2E_TMP/dumb.err; echo EXIT=\$?; \
exec sleep 600' $LECTERN"
if wait_for "EXIT=0"; then
	expect "TERM=dumb: says on stderr that the reader cannot show" \
	    grep -q "terminal 'dumb' cannot show the reader" "$E2E_TMP/dumb.err"
	expect "TERM=dumb: prints the text instead, to the last note" \
	    on_screen "neuron-explainer/paper/index.html"
else
	not_ok "TERM=dumb: prints the text and exits 0" "$(screen)"
fi
stop

# --- Suspend, and a document on standard input ---------------------------

start 100 30 "sh"
send "$LECTERN --no-resume" Enter
if ready && keys ']' && in_section "04 Politics"; then
	send C-z
	if wait_for "Stopped"; then
		ok "Ctrl-Z suspends the reader"
		expect "Ctrl-Z leaves the alternate screen" \
		    test "$(tm display -p -t "$S" '#{alternate_on}')" = 0
		send "fg" Enter
		expect "fg redraws the reader where it was" \
		    eval 'wait_cmd in_section "04 Politics" && ready'
		expect "fg: the notes pane is back below the body" \
		    on_screen "── Notes ──"
		send q
		expect "q after fg quits" wait_cmd eval '[ -z "$(reader_pid)" ]'
	else
		not_ok "Ctrl-Z suspends the reader" "$(screen)"
	fi
else
	not_ok "the reader started from a shell shows 04 Politics" "$(screen)"
fi
stop

start 100 30 "sh -c 'cat \"\$0\" | $LECTERN; echo EXIT=\$?' \
$(cd "$(dirname "$0")/../.." && pwd)/content/state-of-ai-2023-politics-safety.md"
if ready && on_screen "0%"; then
	ok "a document piped in opens in the reader"
	keys j ']' &&
	    expect "keys come from the terminal" in_section "04 Politics"
	send q
	expect "q quits" wait_for "EXIT=0"
else
	not_ok "a document piped in opens in the reader" "$(screen)"
fi
stop

# --- What the status line quotes is inert --------------------------------

# A file name with U+202E, shown as the title of a document without one;
# link addresses with invisible characters show them.
mkdir -p "$E2E_TMP/names"
rlo=$(printf 'rlo\342\200\256dm.md')
printf 'No heading here.\n\n[one](http://exa\342\200\213mple.com/) and [two](https://a.test/\342\201\240x).\n' \
    >"$E2E_TMP/names/$rlo"
start 100 20 "sh -c 'cd \"\$0\" && \"\$1\" --no-resume \"\$2\"; echo EXIT=\$?' \
$E2E_TMP/names $LECTERN \"\$(printf 'rlo\342\200\256dm.md')\""
if wait_for "No heading here."; then
	expect "U+202E in the file name shows as <U+202E> on the status line" \
	    wait_for "rlo<U+202E>dm.md"
	keys Tab
	expect "U+200B in a link address shows as <U+200B>" \
	    wait_for "http://exa<U+200B>mple.com/"
	keys Tab
	expect "U+2060 in a link address shows as <U+2060>" \
	    wait_for "https://a.test/<U+2060>x"
	send q
	wait_for "EXIT=0"
else
	not_ok "a file named with U+202E opens" "$(screen)"
fi
stop

# --- O gives $BROWSER an address, never an option ------------------------

mkdir -p "$E2E_TMP/links"
links_dir=$(cd "$E2E_TMP/links" && pwd -P)
printf '#!/bin/sh\nprintf "%%s %%s\\n" "$#" "$1" >>%s/links/args\n' \
    "$E2E_TMP" >"$E2E_TMP/links/browser"
chmod +x "$E2E_TMP/links/browser"
printf '%s\n' '[help](--help) [launch](<--gpu-launcher=touch pwned>)' \
    '[js](javascript:alert(1)) [web](https://example.com/x) [up](../a%20b.pdf)' \
    >"$E2E_TMP/links/links.md"
args_lines() {	# args_lines N: the browser has run N times
	[ "$(wc -l <"$E2E_TMP/links/args" 2>/dev/null)" -eq "$1" ]
}
start 100 20 "env BROWSER=$E2E_TMP/links/browser $LECTERN --no-resume \
$E2E_TMP/links/links.md"
if wait_for "launch"; then
	keys Tab O
	wait_cmd args_lines 1
	expect "[x](--help): the browser gets a file: URL, not an option" \
	    test "$(sed -n 1p "$E2E_TMP/links/args")" = \
	    "1 file://$links_dir/--help"
	keys Tab O
	wait_cmd args_lines 2
	expect "[y](<--gpu-launcher=...>): one argument, a file: URL" \
	    test "$(sed -n 2p "$E2E_TMP/links/args")" = \
	    "1 file://$links_dir/--gpu-launcher=touch%20pwned"
	keys Tab O
	expect "javascript: is refused on the status line" \
	    wait_for "not opened, not a scheme that lectern opens"
	keys Tab O
	wait_cmd args_lines 3
	expect "https: is opened as it is, and javascript: was not" \
	    test "$(sed -n 3p "$E2E_TMP/links/args")" = \
	    "1 https://example.com/x"
	keys Tab O
	wait_cmd args_lines 4
	expect "a relative path is made absolute against the document" \
	    test "$(sed -n 4p "$E2E_TMP/links/args")" = \
	    "1 file://$links_dir/../a%20b.pdf"
else
	not_ok "a document of links opens" "$(screen)"
fi
stop

# A badge (an image inside a link) is a link to the link's target.
printf '%s\n' '[![build](https://img.example/badge.svg)](https://ci.example/job)' \
    >"$E2E_TMP/links/badge.md"
rm -f "$E2E_TMP/links/args"
start 100 20 "env BROWSER=$E2E_TMP/links/browser $LECTERN --no-resume \
$E2E_TMP/links/badge.md"
if wait_for "[image: build]"; then
	keys Tab
	expect "Tab on a badge shows its target" \
	    status_has "https://ci.example/job"
	keys O
	wait_cmd args_lines 1
	expect "O on a badge opens its target, not its image" \
	    test "$(sed -n 1p "$E2E_TMP/links/args")" = \
	    "1 https://ci.example/job"
else
	not_ok "a badge opens" "$(screen)"
fi
stop

# --- S folds long code lines; a code block shows its language -------------

printf '%s\n' '# Code' '' '```sh' \
    'gpg --recv-keys 4ED778F539E3634C779C87C6D7062848A1AB005C141F07595B7B3FFE74309A937405E8A6F14F2C2C-END' \
    '```' '' 'After the code.' >"$E2E_TMP/fold.md"
start 60 20 "$LECTERN --no-resume $E2E_TMP/fold.md"
if wait_for "After the code."; then
	expect "the language shows at the right of the code block" \
	    eval 'screen | grep -q "^ *sh *\$"'
	expect "a long code line is cut at the edge" off_screen "F2C2C-END"
	keys S
	expect "S folds it: its end shows, after a fold mark" \
	    eval 'on_screen "F2C2C-END" && on_screen "↪ "'
	expect "S says so" status_has "long code lines folded"
	keys S
	expect "S again unfolds it" \
	    eval 'off_screen "F2C2C-END" && off_screen "↪ "'
	keys Right Right Right Right Right Right Right Right Right Right
	expect "unfolded, it scrolls sideways again" on_screen "F2C2C-END"
else
	not_ok "a document with a long code line opens" "$(screen)"
fi
stop

# --- Every signal that would end the reader leaves the terminal as it was -

# The modes (stty -g) and what tmux knows of the pane (the alternate
# screen, the cursor, mouse reporting, the keypad modes) before the reader
# and after it ends on the signal. Sent to end it, a signal saves the
# place and exits 128 + its number; a fault gives the terminal back and
# dies by the signal (also 128 + its number for the shell).
pane_modes() {
	tm display -p -t "$S" '#{alternate_on} #{cursor_flag} #{mouse_any_flag} #{mouse_button_flag} #{mouse_standard_flag} #{mouse_sgr_flag} #{keypad_flag} #{keypad_cursor_flag} #{insert_flag} #{wrap_flag}'
}
signum() {	# signum NAME: the number of SIGNAME
	python3 -c 'import signal, sys; print(int(getattr(signal, "SIG" + sys.argv[1])))' "$1"
}
for sig in HUP INT QUIT TERM PIPE ALRM USR1 USR2 VTALRM PROF XCPU XFSZ \
    IO PWR RTMIN RTMAX SEGV BUS FPE ILL ABRT TRAP SYS; do
	n=$(signum "$sig") || { not_ok "SIG$sig: no number"; continue; }
	rm -f "$E2E_TMP/stty.before" "$E2E_TMP/stty.after"
	# The shell stays after the reader, for pane_modes to read.
	start 80 24 "sh -c 'ulimit -c 0; stty -g >$E2E_TMP/stty.before; \
echo READY; read x; \"\$0\" --no-resume; echo EXIT=\$?; \
stty -g >$E2E_TMP/stty.after; exec sleep 600' $LECTERN"
	if ! wait_for READY; then
		not_ok "SIG$sig: the shell starts" "$(screen)"
		stop
		continue
	fi
	before=$(pane_modes)
	send Enter
	wait_for "0%"
	pid=$(reader_pid)
	if [ -z "$pid" ] || ! kill -s "$n" "$pid" 2>/dev/null ||
	    ! wait_for "EXIT=$((128 + n))" ||
	    ! wait_cmd test -s "$E2E_TMP/stty.after"; then
		not_ok "SIG$sig ends the reader with status $((128 + n))" \
		    "$(screen)"
	elif [ "$(cat "$E2E_TMP/stty.after")" != \
	    "$(cat "$E2E_TMP/stty.before")" ]; then
		not_ok "SIG$sig: stty -g after equals stty -g before" \
		    "before $(cat "$E2E_TMP/stty.before")" \
		    "after  $(cat "$E2E_TMP/stty.after")"
	elif [ "$(pane_modes)" != "$before" ]; then
		not_ok "SIG$sig: the pane's modes are as before" \
		    "before $before" "after  $(pane_modes)"
	else
		ok "SIG$sig: the terminal after equals the terminal before"
	fi
	stop
done

# --- A locale that is not UTF-8 ------------------------------------------

# The reader shows '?' for each character beyond ASCII, padded to its
# width as in the dump, and says why once on the status line.
{
	printf '# Caf\303\251 \344\270\255\346\226\207\n\n'
	printf 'na\303\257ve \346\274\242\345\255\227 end\n'
} >"$E2E_TMP/utf8.md"
start 100 12 "env LC_ALL=C $LECTERN --no-resume $E2E_TMP/utf8.md"
if wait_for "end"; then
	expect "LC_ALL=C: '?' for each character, padded to its width" \
	    wait_for "na?ve ? ?  end"
	expect "LC_ALL=C: the heading too" wait_for "Caf? ? ?"
	if wait_for "not a UTF-8 locale (ANSI_X3.4-1968): characters beyond \
ASCII show as '?'; try LANG=C.UTF-8"; then
		ok "LC_ALL=C: the status line says why"
		keys j
		expect "LC_ALL=C: the hint goes with the next key" \
		    off_screen "not a UTF-8 locale"
	else
		not_ok "LC_ALL=C: the status line says why" "$(screen)"
	fi
else
	not_ok "LC_ALL=C: the reader shows the text" "$(screen)"
fi
stop

# --- The marks list: each mark's own place --------------------------------

# The percentage at the end of the status line.
pct_now() {
	status_line | sed -n 's/.*[^0-9]\([0-9][0-9]*\)% *$/\1/p'
}

# The row of mark $1 in the list, and the percentage it shows.
mark_row() {
	screen | grep "^  $1  "
}
mark_pct() {
	mark_row "$1" | sed -n "s/^  $1  *\([0-9][0-9]*\)%  .*/\1/p"
}

# The first four characters of the first line of the body, or nothing.
body_start() {
	body_row 1 | sed -n 's/^ *\([^ •]\{4\}\).*/\1/p'
}

# The first line of the body changes.
body_moved() {
	[ "$(body_row 1)" != "$top" ]
}

# Two paragraphs of one section, and the end.
LIGHT="“Light-touch” or “pro-innovation”"
reader 120 30
wait_for "0%"
keys ']' ']' ']' ']' ']'
wait_cmd in_section "$LIGHT"
top=$(body_row 1)
keys j j j j
wait_cmd body_moved
keys m a
wait_for "mark a set"
pa=$(pct_now)
wa=$(body_start)
top=$(body_row 1)
keys j j j j
wait_cmd body_moved
keys m b
wait_for "mark b set"
pb=$(pct_now)
wb=$(body_start)
keys G
wait_for "100%"
keys m c
wait_for "mark c set"
pc=$(pct_now)
keys "'" "?"
if wait_for "marks: a letter goes there" && [ -n "$pa" ] && [ -n "$pb" ] &&
    [ "$pa" != "$pc" ] && [ -n "$wa" ] && [ -n "$wb" ]; then
	expect "'? shows mark a at its own percentage ($pa%)" \
	    test "$(mark_pct a)" = "$pa"
	expect "'? shows mark b at its own percentage ($pb%)" \
	    test "$(mark_pct b)" = "$pb"
	expect "'? shows mark c at its own percentage ($pc%)" \
	    test "$(mark_pct c)" = "$pc"
	expect "'? shows the section of each mark" test "$(screen |
	    grep -c "^  [ab]  .*%  $LIGHT")" -eq 2
	expect "'? shows the first words of mark a's line ($wa)" \
	    sh -c "tmux -L '$E2E_SOCK' -f /dev/null capture-pane -p -t '$S' |
	    grep -q '^  a  .* | $wa'"
	expect "'? shows the first words of mark b's line ($wb)" \
	    sh -c "tmux -L '$E2E_SOCK' -f /dev/null capture-pane -p -t '$S' |
	    grep -q '^  b  .* | $wb'"
	expect "two marks in one section differ in the list" \
	    test "$(mark_row a | sed 's/^  a//')" != \
	    "$(mark_row b | sed 's/^  b//')"
	keys b
	expect "a letter in the list goes to that mark" wait_for "mark b"
	expect "where the status line shows the same percentage" \
	    test "$(pct_now)" = "$pb"
else
	not_ok "'? lists three marks set at two places" \
	    "a $pa% ($wa) b $pb% ($wb) c $pc%" "$(screen)"
fi
stop

# --- A large file: the second thread, and the marks while it loads --------
#
# A generated document of some 600 KB opens on its first part while a
# second thread reads the rest. LECTERN_TEST_LOAD_GATE holds that thread
# on a FIFO until gate_pass, so that each test changes the file or acts
# on the first part at a known moment.

BIGDIR=$E2E_TMP/big
GATE=$BIGDIR/gate
mkdir -p "$BIGDIR"
mkfifo "$GATE"

# big_doc FILE: 300 sections of eight paragraphs each.
big_doc() {
	awk 'BEGIN {
		print "# A large document\n"
		for (i = 1; i <= 300; i++) {
			printf "## Part %d\n\n", i
			for (j = 1; j <= 8; j++) {
				printf "Paragraph %d.%d opens with its own words", i, j
				for (k = 0; k < 8; k++)
					printf " and goes on to fill a line"
				printf ".\n\n"
			}
		}
	}' >"$1"
}

# big_reader W H FILE [ARGS]: lectern in BIGDIR on FILE (a name in it),
# its thread held at the gate, its bookmark file under BIGDIR.
big_reader() {
	w=$1
	h=$2
	shift 2
	start "$w" "$h" "env XDG_STATE_HOME=$BIGDIR/state \
LECTERN_TEST_LOAD_GATE=$GATE sh -c 'cd \"\$0\" && \"\$@\"; \
echo EXIT=\$?' $BIGDIR $LECTERN $*"
}

# gate_pass: lets the waiting thread go on (fails when none waits).
gate_pass() {
	timeout "$E2E_WAIT" sh -c ': >"$0"' "$GATE"
}

# Is the status line "loaded N% only: big.md: truncated ...", 0 < N < 100?
says_part() {
	status_line | grep -q \
	    '^ *loaded [1-9][0-9]\{0,1\}% only: big\.md: truncated from [0-9]* to 0 bytes while loading'
}

# Does the status line show how far the load has come?
loading() {
	status_line | grep -q ' loading [0-9]*% '
}

not_loading() {
	! loading
}

big_doc "$BIGDIR/big.md"
big_reader 120 30 big.md --no-resume
if wait_cmd loading; then
	: >"$BIGDIR/big.md"
	expect "a file cut short while loading: the thread goes on" gate_pass
	expect "the status line says that only a part was loaded, and why" \
	    wait_cmd says_part
	expect "the loading figure is gone" not_loading
	keys j
	wait_cmd status_has "%"
	expect "after a key it still says so" says_part
	keys m a
	wait_for "mark a set"
	keys j
	expect "and again after another message" wait_cmd says_part
	send q
	expect "q quits" wait_for "EXIT=0"
else
	not_ok "a large file opens on its first part" "$(screen)"
	gate_pass
fi
stop

# Where the reader cannot show, the text is printed, once the thread has
# finished: the same message goes to standard error, and the status is 1.
# The shell stays: tmux may drop the last output of a pane whose command
# ends as soon as it has printed.
big_doc "$BIGDIR/big.md"
rm -f "$BIGDIR/err"
start 100 30 "env TERM=dumb LECTERN_TEST_LOAD_GATE=$GATE sh -c 'cd \"\$0\" \
&& \"\$1\" big.md 2>err; echo EXIT=\$?; exec sleep 600' $BIGDIR $LECTERN"
if wait_cmd grep -q "cannot show the reader" "$BIGDIR/err"; then
	: >"$BIGDIR/big.md"
	expect "TERM=dumb, a file cut short while loading: the thread goes on" \
	    gate_pass
	expect "TERM=dumb: the status is 1" wait_for "EXIT=1"
	expect "TERM=dumb: standard error says only a part was printed" \
	    grep -q "^lectern: loaded [0-9]*% only: big.md: truncated" \
	    "$BIGDIR/err"
else
	not_ok "TERM=dumb: says it cannot show the reader" \
	    "$(cat "$BIGDIR/err")"
	gate_pass
fi
stop

big_doc "$BIGDIR/big.md"
big_reader 120 30 big.md --no-resume
if wait_cmd loading; then
	rm "$BIGDIR/big.md"
	expect "a file removed while loading: the thread goes on" gate_pass
	expect "it loads whole all the same" wait_cmd not_loading
	keys G
	expect "G goes to its last part" wait_for "Paragraph 300.8"
	expect "and nothing says it failed" sh -c "! tmux -L '$E2E_SOCK' \
	    -f /dev/null capture-pane -p -t '$S' | grep -q 'only:'"
	send q
	wait_for "EXIT=0"
else
	not_ok "a large file opens on its first part" "$(screen)"
	gate_pass
fi
stop

# A mark far into the file and one in its first part, set once it has
# loaded whole; then, opened again, the reader moves on the first part
# before the rest comes: the far mark is found in the whole document, not
# in the first part.
big_doc "$BIGDIR/big.md"
big_reader 120 30 big.md --no-resume
wait_cmd loading
gate_pass
wait_cmd not_loading
keys / "Paragraph 250.3 " Enter
wait_for "match 1 of 1"
keys m a
wait_for "mark a set"
far=$(pct_now)
keys / "Paragraph 10.2 " Enter
wait_for "match 1 of 1"
keys m b
wait_for "mark b set"
send q
wait_for "EXIT=0"
stop

# The row of mark a in the list.
list_a() {
	screen | grep -q "^  a  $1"
}

big_reader 120 30 big.md --no-resume
if wait_cmd loading && [ -n "$far" ]; then
	keys "'" b
	expect "while loading, 'b goes to a mark in the first part" \
	    wait_cmd first_body_has "Paragraph 10.2 "
	keys ']'
	expect "a move on the first part" wait_cmd in_section "Part 11"
	gate_pass
	wait_cmd not_loading
	keys "'" a
	expect "once loaded, 'a goes to the mark's place" \
	    wait_cmd first_body_has "Paragraph 250.3 "
	expect "at its percentage ($far%)" test "$(pct_now)" = "$far"
	keys "'" b
	expect "and 'b to its own" wait_cmd first_body_has "Paragraph 10.2 "
	keys g
	keys "'" "?"
	expect "and '? lists it there" wait_cmd list_a " *$far%  Part 250 | "
	keys Escape; send q
	wait_for "EXIT=0"
else
	not_ok "the large file opens on its first part, a mark set before" \
	    "$(screen)"
	gate_pass
fi
stop

big_reader 120 30 big.md --no-resume
if wait_cmd loading; then
	keys "'" "?"
	expect "while loading, '? says mark a comes with the whole" \
	    wait_cmd list_a "  --  comes with the whole document"
	keys Escape
	keys "'" a
	expect "and 'a says so" \
	    wait_for "mark a comes with the whole document"
	: >"$BIGDIR/big.md"
	gate_pass
	wait_cmd says_part
	keys "'" a
	expect "when the rest cannot be read, 'a says the mark is past it" \
	    wait_for "mark a is past the part that could be loaded"
	send q
	wait_for "EXIT=0"
else
	not_ok "the large file opens on its first part" "$(screen)"
	gate_pass
fi
stop

# --section on the first part, a move, and the place saved while the rest
# loads (the reader saves a moved place within seconds): when the whole
# comes, the reader stays where it was moved to.
big_doc "$BIGDIR/big.md"
rm -rf "$BIGDIR/state"
big_reader 120 30 big.md --section "'Part 40'"
if wait_cmd loading && wait_cmd in_section "Part 40"; then
	keys ']'
	expect "--section, then ] on the first part" \
	    wait_cmd in_section "Part 41"
	# Twice the usual wait: the place is saved a few seconds after.
	E2E_WAIT=$((E2E_WAIT * 2))
	expect "the moved place is saved while loading" \
	    wait_cmd test -s "$BIGDIR/state/lectern/bookmarks"
	E2E_WAIT=$((E2E_WAIT / 2))
	gate_pass
	wait_cmd not_loading
	keys j
	expect "once loaded, the reader stays where it was moved" \
	    wait_cmd in_section "Part 41"
	send q
	wait_for "EXIT=0"
else
	not_ok "--section on the first part of a large file" "$(screen)"
	gate_pass
fi
stop

# --- Links to anchors that HTML or "{#id}" sets --------------------------

{
	printf '# Anchors\n\nTo [the release](#21.7.3), to [a custom id](#my-id)'
	printf ' and to [an escaped one](#caf%%C3%%A9).\n'
	paragraphs "Filler paragraph" 40
	printf '\n<a id="21.7.3"></a>\n\nRelease text.\n\n'
	printf '## Custom title {#my-id}\n\nUnder it.\n'
	paragraphs More 40
	printf '\n<p id="café">Café paragraph</p>\n'
	paragraphs Tail 40
} >"$E2E_TMP/anchors.md"
reader 120 24 "$E2E_TMP/anchors.md"
if ready; then
	keys Tab Enter
	expect "Enter on a link to <a id> goes to the text after it" \
	    eval 'body_row 1 | grep -q "Release text" ||
	    body_row 2 | grep -q "Release text"'
	keys BSpace Tab Enter
	expect "Enter on a link to a title's {#id} goes to that title" \
	    eval 'body_row 1 | grep -q "Custom title"'
	keys BSpace Tab Enter
	expect "Enter on a percent-escaped link to id= goes to its paragraph" \
	    eval 'body_row 1 | grep -q "Café paragraph" ||
	    body_row 2 | grep -q "Café paragraph"'
	send q
	wait_for "EXIT=0"
else
	not_ok "the reader starts on a file of HTML anchors" "$(screen)"
fi
stop

# FILE#anchor on the command line; a file with '#' in its name wins.
reader 120 24 "$E2E_TMP/anchors.md#my-id"
expect "FILE#anchor opens at that heading" \
    eval 'ready && body_row 1 | grep -q "Custom title"'
stop
reader 120 24 "$E2E_TMP/anchors.md#no-such"
expect "FILE#anchor that names nothing says so" \
    eval 'ready && status_has "no heading or anchor #no-such"'
stop
printf '# Whole name\n\nA file with a hash in its name.\n' \
    >"$E2E_TMP/anchors.md#my-id"
reader 120 24 "$E2E_TMP/anchors.md#my-id"
expect "a file named with the '#' itself wins" \
    eval 'ready && body_row 1 | grep -q "Whole name"'
stop
rm -f "$E2E_TMP/anchors.md#my-id"

done_testing
