#!/bin/sh
# End-to-end tests of the reader: the real binary on the bundled article
# in a private tmux server, keys in, screens out.
SUITE=e2e
. "$(dirname "$0")/../lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	not_ok "tmux is needed for the end-to-end tests (make deps)"
	done_testing
	exit
fi
. "$(dirname "$0")/tmux.sh"

ESC=$(printf '\033')


# Is TEXT drawn in reverse video somewhere?
reversed() {
	screen_sgr | grep -q "$ESC\[[0-9;]*7[0-9;]*m\($ESC\[[0-9;]*m\)*$1"
}

status_has() {
	status_line | grep -qF -- "$1"
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
if wait_for "0%"; then
	expect "140x40: the status line has the title and the place" \
	    status_has "State of AI: 2023"
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
if wait_for "| 对 AI 安全的监管"; then
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
if wait_for "| 编者总结与展望"; then
	expect "Enter in the outline brings the heading into the body" \
	    in_col 2 "编者总结与展望"
	keys BSpace
	if wait_for "| 对 AI 安全的监管"; then
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
settle
top140=$(body_row 1 | sed 's/^ *//; s/ *$//')
start_of=$(printf '%s' "$top140" | cut -c1-12)
tm resize-window -t "$S" -x 70 -y 20
# At 70 columns the body is alone: no pane border on the first row.
narrow_now() {
	[ "$(screen | wc -l)" -eq 20 ] && ! screen | head -n 1 | grep -q '│'
}
wide_now() {
	[ "$(screen | wc -l)" -eq 40 ] && screen | head -n 1 | grep -q '│.*│'
}
if wait_cmd narrow_now; then
	settle
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
tm resize-window -t "$S" -x 140 -y 40
if wait_cmd wide_now; then
	settle
	expect "back to 140x40: the same first line as before" \
	    test "$(body_row 1 | sed 's/^ *//; s/ *$//')" = "$top140"
else
	not_ok "back to 140x40: three panes again" "$(screen)"
fi

# Quit restores the terminal.
keys q
if wait_for "EXIT=0"; then
	ok "q quits with status 0"
	[ "$(tm display -p -t "$S" '#{alternate_on}')" = 0 ] &&
	    ok "q leaves the alternate screen" ||
	    not_ok "q leaves the alternate screen"
	[ "$(tm display -p -t "$S" '#{cursor_flag}')" = 1 ] &&
	    ok "q shows the cursor again" ||
	    not_ok "q shows the cursor again"
	keys "typed-back"
	wait_for "typed-back" && ok "q restores echo" ||
	    not_ok "q restores echo" "$(screen)"
else
	not_ok "q quits" "$(screen)"
fi
stop

# SIGTERM restores the terminal.
reader 80 24
wait_for "0%"
pid=$(reader_pid)
if [ -n "$pid" ] && kill -TERM "$pid" && wait_for "EXIT=143"; then
	ok "SIGTERM ends the reader (status 143)"
	[ "$(tm display -p -t "$S" '#{alternate_on}')" = 0 ] &&
	    ok "SIGTERM leaves the alternate screen" ||
	    not_ok "SIGTERM leaves the alternate screen"
	[ "$(tm display -p -t "$S" '#{cursor_flag}')" = 1 ] &&
	    ok "SIGTERM shows the cursor again" ||
	    not_ok "SIGTERM shows the cursor again"
	keys "typed-back"
	wait_for "typed-back" && ok "SIGTERM restores echo" ||
	    not_ok "SIGTERM restores echo" "$(screen)"
else
	not_ok "SIGTERM ends the reader" "$(screen)"
fi
stop

# --- Small terminals ----------------------------------------------------

reader 20 6
if wait_for "%"; then
	keys j ']' Tab Enter o Escape t Escape G Tab Enter BSpace h q
	keys End Home
	settle
	keys q
	wait_for "EXIT=0" && ok "20x6: keys work and q quits cleanly" ||
	    not_ok "20x6: keys work and q quits cleanly" "$(screen)"
else
	not_ok "20x6: the reader starts" "$(screen)"
fi
stop

reader 10 3
if wait_for "too"; then
	ok "10x3: says the terminal is too small"
	keys j Tab Enter o
	tm resize-window -t "$S" -x 80 -y 24
	wait_for "State of AI" && ok "10x3 grown to 80x24: the text shows" ||
	    not_ok "10x3 grown to 80x24: the text shows" "$(screen)"
	keys q
	wait_for "EXIT=0" && ok "10x3: q quits cleanly" ||
	    not_ok "10x3: q quits cleanly" "$(screen)"
else
	not_ok "10x3: says the terminal is too small" "$(screen)"
fi
stop

# --- Footnotes at 140x40 ------------------------------------------------

reader 140 40 --section "'chip wars'"
wait_for "0%" || wait_for "%"
wait_for "chip wars"
keys Tab
if wait_for "[13] The Semiconductor Trade War, https://"; then
	ok "Tab selects the reference after the chip wars heading"
	settle
	before=$(screen | sed '$d')
	reversed '\[13\]' && ok "the selected reference is in reverse video" ||
	    not_ok "the selected reference is in reverse video" \
	    "$(screen_sgr | head -n 2)"
	keys Enter
	if wait_for "notes "; then
		in_col 3 "> [13] The Semiconductor Trade War," &&
		    ok "Enter opens the note, marked, in the notes pane" ||
		    not_ok "Enter opens the note, marked, in the notes pane" \
		    "$(screen)"
		pane_col 3 | head -n 1 | grep -qF "[13] The Semiconductor" &&
		    ok "the notes pane shows the note at its top" ||
		    not_ok "the notes pane shows the note at its top" \
		    "$(screen)"
		keys BSpace
		wait_gone "notes "
		settle
		[ "$(screen | sed '$d')" = "$before" ] &&
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
wait_for "Fundamental challenges"
keys Tab
if wait_for "Judging LLM-as-a-judge with MT-Bench and Chatbot Arena, https"; then
	n=$(status_line | sed -n 's/^ *\[\([0-9]*\)\] Judging.*/\1/p')
	keys Enter
	wait_for "notes "
	keys Enter
	wait_for "reference 1 of 3" &&
	    body_row 1 | grep -qF "AI 安全领域领先机构的一项调查[$n]" &&
	    ok "Enter in the notes: the first citing place, 1 of 3" ||
	    not_ok "Enter in the notes: the first citing place, 1 of 3" \
	    "$(screen)"
	keys Enter
	wait_for "reference 2 of 3" &&
	    body_row 1 | grep -qF "Judging LLM-as-a-judge with MT-Bench and Chatbot Arena[$n] 一文" &&
	    ok "Enter again: the second place, 2 of 3" ||
	    not_ok "Enter again: the second place, 2 of 3" "$(screen)"
	keys Enter
	wait_for "reference 3 of 3" &&
	    body_row 1 | grep -qF "[$n] 显示" &&
	    ok "Enter again: the third place, 3 of 3" ||
	    not_ok "Enter again: the third place, 3 of 3" "$(screen)"
	reversed "\[$n\]" && ok "the citing reference is selected" ||
	    not_ok "the citing reference is selected"
	keys Enter
	wait_for "reference 1 of 3" &&
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
wait_for "chip wars"
keys Tab
wait_for "[13] The Semiconductor"
settle
before=$(screen | sed '$d')
keys Enter
if wait_for "Notes (Esc closes)"; then
	ok "70x24: Enter opens the notes overlay"
	screen | grep -q "^│> \[13\] The Semiconductor Trade War" &&
	    ok "70x24: the note is marked at the top of the overlay" ||
	    not_ok "70x24: the note is marked at the top of the overlay" \
	    "$(screen)"
	keys Enter
	wait_for "reference 1 of 1" &&
	    ok "70x24: Enter in the overlay goes to the citing place" ||
	    not_ok "70x24: Enter in the overlay goes to the citing place" \
	    "$(screen)"
	keys BSpace
	wait_for "note 13" || wait_for "notes "
	keys BSpace
	wait_gone "Notes (Esc closes)"
	settle
	[ "$(screen | sed '$d')" = "$before" ] &&
	    ok "70x24: Backspace twice returns to the same screen" ||
	    not_ok "70x24: Backspace twice returns to the same screen" \
	    "$(screen)"
	keys o
	wait_for "Outline" && ok "70x24: o opens the outline overlay" ||
	    not_ok "70x24: o opens the outline overlay" "$(screen)"
	keys Escape
	wait_gone "Outline" && ok "70x24: Esc closes it" ||
	    not_ok "70x24: Esc closes it" "$(screen)"
else
	not_ok "70x24: Enter opens the notes overlay" "$(screen)"
fi
stop

# --- The mouse ----------------------------------------------------------

reader 140 40
wait_for "0%"
# Row 12 of the outline is "The US successfully enlists ...".
click 9 12
if wait_for "| The US successfully"; then
	ok "mouse: a click on an outline entry goes there"
	click 87 1
	wait_for "notes " && in_col 3 "> [13] The Semiconductor Trade War" &&
	    ok "mouse: a click on a reference opens its note" ||
	    not_ok "mouse: a click on a reference opens its note" "$(screen)"
	top=$(pane_col 3 | head -n 1)
	notes_moved() {
		[ "$(pane_col 3 | head -n 1)" != "$top" ]
	}
	mouse 65 120 10
	expect "mouse: the wheel scrolls the notes pane" wait_cmd notes_moved
else
	not_ok "mouse: a click on an outline entry goes there" "$(screen)"
fi
stop

# --- Help ----------------------------------------------------------------

reader 100 30
wait_for "0%"
keys h
if wait_for "keys (q or Esc closes this)"; then
	ok "h shows the help screen"
	for k in "Backspace, Ctrl-O" "Shift-Tab" "in the notes:"; do
		screen | grep -qF -- "$k" && ok "the help lists '$k'" ||
		    not_ok "the help lists '$k'" "$(screen)"
	done
	keys q
	wait_gone "keys (q or Esc closes this)" &&
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
wait_for "0%"
# Section by section to the one with the Zvook paragraph.
i=0
while [ $i -lt 60 ] && ! status_has "Meanwhile, Ukraine acts"; do
	keys ']'
	wait_cmd status_has "|"
	i=$((i + 1))
done
keys j j
settle
expect "140x40: the Zvook paragraph is on screen" in_col 2 "Zvook"
keys q
wait_for "EXIT=0"
stop
resume_reader 80 24 "$BM"
if wait_for "resumed at Meanwhile, Ukraine acts as a lab for AI warfare"; then
	ok "80x24: the status line says where it resumed"
	expect "80x24: the Zvook paragraph is on screen again" wait_for "Zvook"
else
	not_ok "80x24: the reader resumes where it was" "$(screen)"
fi
expect "the bookmark file has mode 0600 under umask 000" \
    test "$(stat -c %a "$BMFILE" 2>/dev/null)" = 600

# A mark, the end, and back to the mark.
keys ']' ']'
settle
marked=$(pane_col 2)
keys m a
wait_for "mark a set"
keys G
wait_for "100%"
keys "'" a
if wait_for "mark a"; then
	settle
	expect "'a returns to the mark" test "$(pane_col 2)" = "$marked"
else
	not_ok "'a returns to the mark" "$(screen)"
fi
keys "'" "?"
expect "'? lists the marks with their sections" wait_for "  a  "
keys Escape
wait_gone "marks: a letter goes there"

# SIGTERM saves the place.
was=$(status_line)
status_moved() {
	[ "$(status_line)" != "$was" ]
}
keys ']'
wait_cmd status_moved
settle
sec=$(status_line | sed 's/.* | //; s/  *[0-9]*%.*//; s/…$//')
pid=$(reader_pid)
[ -n "$pid" ] && kill -TERM "$pid"
wait_for "EXIT=143"
stop
resume_reader 80 24 "$BM"
expect "SIGTERM saved the place: resumed there" wait_for "resumed at $sec"
keys "'" a
expect "the mark is kept in the file" wait_for "mark a"
keys q
wait_for "EXIT=0"
stop

# --- Search --------------------------------------------------------------

# Is TEXT drawn in the match colours (black on yellow)?
matched() {
	screen_sgr | grep -q "$ESC\[[0-9;]*43m\($ESC\[[0-9;]*m\)*$1"
}

reader 140 40
wait_for "0%"
before=$(pane_col 2)
keys / Z v o o k
if wait_for "1 of 1"; then
	expect "/Zvook brings the paragraph to the screen as it is typed" \
	    in_col 2 "乌克兰的 Zvook 项目"
	keys Enter
	expect "Enter keeps the match and counts it" wait_for "match 1 of 1"
	expect "the match's line is at the top of the body" \
	    first_body_has "Zvook"
	keys BSpace
	settle
	expect "Backspace returns to where the search started" \
	    test "$(pane_col 2)" = "$before"
else
	not_ok "/Zvook finds the paragraph" "$(screen)"
fi

keys / 芯片 Enter
if wait_for "match 1 of 14"; then
	ok "/芯片 finds 14 matches and says which one shows"
	expect "the match on screen is highlighted" matched "芯片"
	keys n
	wait_for "match 2 of 14"
	keys n
	wait_for "match 3 of 14"
	keys n
	expect "n three times: match 4 of 14" wait_for "match 4 of 14"
	keys N
	expect "N goes back: match 3 of 14" wait_for "match 3 of 14"
else
	not_ok "/芯片 finds 14 matches" "$(screen)"
fi

keys G
wait_for "100%"
keys '?' Z v o o k Enter
expect "? searches backward from the end" wait_for "match 1 of 1"
expect "? brings the match to the screen" in_col 2 "Zvook"

keys g
wait_for " 0%"
settle
before=$(pane_col 2)
keys / Z v o o
wait_for "1 of 1"
keys Escape
wait_gone "/Zvoo"
settle
expect "Esc cancels and restores the position" \
    test "$(pane_col 2)" = "$before"

keys / n o s u c h w o r d
expect "a search with no match says so" wait_for "no match"
keys Enter
settle
expect "and moves nothing" test "$(pane_col 2)" = "$before"

keys / C-r 'Z.o+k'
expect "Ctrl-R searches with a regular expression" wait_for "(regex) Z.o+k"
keys Enter
wait_for "match 1 of 1"
keys '&'
if wait_for "matches: j and k choose"; then
	ok "& lists the matches"
	keys Enter
	expect "Enter in the list goes to the match" wait_for "match 1 of 1"
else
	not_ok "& lists the matches" "$(screen)"
fi

keys o / L L M
if wait_for "filter headings: LLM"; then
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

reader 100 30
wait_for "0%"
expect "the default theme uses colours" coloured
stop
start 100 30 "env NO_COLOR=1 $LECTERN --no-resume"
wait_for "0%"
expect "NO_COLOR: the text still shows" in_col 1 "04 Politics"
if coloured; then
	not_ok "NO_COLOR: no colours at all" "$(screen_sgr | head -n 3)"
else
	ok "NO_COLOR: no colours at all"
fi
stop
start 100 30 "$LECTERN --no-resume --theme mono"
wait_for "0%"
if coloured; then
	not_ok "--theme mono: no colours at all" "$(screen_sgr | head -n 3)"
else
	ok "--theme mono: no colours at all"
fi
stop
start 100 30 "sh -c 'TERM=dumb \"\$0\" 2>$E2E_TMP/dumb.err; echo EXIT=\$?; \
exec sleep 600' $LECTERN"
if wait_for "EXIT=0"; then
	expect "TERM=dumb: says on stderr that the reader cannot show" \
	    grep -q "terminal 'dumb' cannot show the reader" "$E2E_TMP/dumb.err"
	expect "TERM=dumb: prints the text instead, to the last note" \
	    wait_for "[62] Language models can explain neurons"
else
	not_ok "TERM=dumb: prints the text and exits 0" "$(screen)"
fi
stop

# --- Suspend, and a document on standard input ---------------------------

start 100 30 "sh"
keys "$LECTERN --no-resume" Enter
wait_for "0%"
keys ']'
wait_for "| 04 Politics"
keys C-z
if wait_for "Stopped"; then
	ok "Ctrl-Z suspends the reader"
	expect "Ctrl-Z leaves the alternate screen" \
	    test "$(tm display -p -t "$S" '#{alternate_on}')" = 0
	keys "fg" Enter
	expect "fg redraws the reader where it was" wait_for "| 04 Politics"
	expect "fg: the notes pane is back below the body" \
	    wait_for "── Notes ──"
	keys q
	wait_gone "| 04 Politics"
else
	not_ok "Ctrl-Z suspends the reader" "$(screen)"
fi
stop

start 100 30 "sh -c 'cat \"\$0\" | $LECTERN; echo EXIT=\$?; exec sleep 600' \
$(cd "$(dirname "$0")/../.." && pwd)/content/state-of-ai-2023-politics-safety.md"
if wait_for "0%"; then
	ok "a document piped in opens in the reader"
	keys j ']' q
	expect "keys come from the terminal; q quits" wait_for "EXIT=0"
else
	not_ok "a document piped in opens in the reader" "$(screen)"
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
wait_for "| $LIGHT"
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
echo EXIT=\$?; exec sleep 600' $BIGDIR $LECTERN $*"
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
	keys q
	expect "q quits" wait_for "EXIT=0"
else
	not_ok "a large file opens on its first part" "$(screen)"
	gate_pass
fi
stop

# Where the reader cannot show, the text is printed, once the thread has
# finished: the same message goes to standard error, and the status is 1.
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
	keys q
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
keys q
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
	expect "a move on the first part" wait_for "| Part 11"
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
	keys Escape q
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
	keys q
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
if wait_cmd loading && wait_for "| Part 40"; then
	keys ']'
	expect "--section, then ] on the first part" wait_for "| Part 41"
	# Twice the usual wait: the place is saved a few seconds after.
	E2E_WAIT=$((E2E_WAIT * 2))
	expect "the moved place is saved while loading" \
	    wait_cmd test -s "$BIGDIR/state/lectern/bookmarks"
	E2E_WAIT=$((E2E_WAIT / 2))
	gate_pass
	wait_cmd not_loading
	keys j
	expect "once loaded, the reader stays where it was moved" \
	    wait_cmd status_has "| Part 41"
	keys q
	wait_for "EXIT=0"
else
	not_ok "--section on the first part of a large file" "$(screen)"
	gate_pass
fi
stop

done_testing
