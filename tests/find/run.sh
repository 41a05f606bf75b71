#!/bin/sh
# End-to-end tests of search in the reader: the real binary on the bundled
# article in a private tmux server. The prompt on the status line, the
# incremental move, n and N, ? from the end, Esc and Backspace, messages
# for no match and a bad regular expression, the list of matches, the
# outline filter, matches in a note, and the prompt's own keys. Each keys
# call waits for the reader's handshake (e2e/tmux.sh), in the prompt too.
SUITE=find
. "$(dirname "$0")/../lib.sh"

. "$(dirname "$0")/../e2e/tmux.sh"
E2E_SOCK=lectern-find-$$

ESC=$(printf '\033')
ARTICLE="$(dirname "$0")/../../content/state-of-ai-2023-politics-safety.md"

# Is TEXT (or its first characters) drawn in the match colours, black on
# yellow (background 43), on screen line N (all lines when N is empty)?
matched() {	# matched TEXT [N]
	if [ -n "$2" ]; then
		screen_sgr | sed -n "${2}p"
	else
		screen_sgr
	fi | grep -q "$ESC\[[0-9;]*43m\($ESC\[[0-9;]*m\)*$1"
}

# Is body line 1 TEXT?
top_is() {
	[ "$(body_row 1)" = "$1" ]
}

# How often TEXT occurs in what the reader shows: the dump, at a width
# that breaks no line, with its line ends dropped (an oracle that does not
# use the search engine).
count_in_dump() {
	"$LECTERN" --dump -w 1000 --color=never "$ARTICLE" | tr -d '\n' |
	    grep -o -- "$1" | wc -l | tr -d ' '
}

# The "K of N" that the prompt shows while typing: N.
typed_total() {
	status_line | sed -n 's/.* [0-9][0-9]* of \([0-9][0-9]*\).*/\1/p'
}

# The display column of the text before TEXT on the status line.
col_before() {	# col_before TEXT
	status_line | python3 -c '
import sys, unicodedata
line, text = sys.stdin.read(), sys.argv[1]
head = line[:line.index(text)]
print(sum(2 if unicodedata.east_asian_width(c) in "WF" else 1
    for c in head))' "$1"
}

first_row_zvook() {
	body_row 1 | grep -qF Zvook
}

cursor_x() {
	tm display -p -t "$S" '#{cursor_x}'
}

cursor_on() {
	[ "$(tm display -p -t "$S" '#{cursor_flag}')" = 1 ]
}

chips=$(count_in_dump '芯片')

reader 140 40
if ! ready || ! status_has " 0%"; then
	not_ok "the reader starts at 140x40" "$(screen)"
	done_testing
	exit
fi

# --- /Zvook: as typed, then Enter, then Backspace ---------------------
start=$(body_row 1)
keys / Z v o o k
if status_has "1 of 1"; then
	expect "/Zvook: the prompt shows the pattern as it is typed" \
	    status_has "/Zvook"
	expect "/Zvook: the paragraph is on screen before Enter" \
	    in_col 2 "乌克兰的 Zvook 项目"
	expect "/Zvook: the cursor shows in the prompt" cursor_on
	keys Enter
	expect "Enter: the status line counts the match" \
	    status_has "match 1 of 1"
	expect "Enter: the match's line is the first of the body" \
	    first_row_zvook
	expect "Enter: the match is highlighted" matched Zvook
	expect "Enter: the cursor is hidden again" eval '! cursor_on'
	# Tab continues from the match: the next reference after it.
	keys Tab
	expect "Tab after a search selects the next reference after the match" \
	    status_has "[20]"
	keys BSpace
	expect "Backspace after a confirmed search returns to where it started" \
	    top_is "$start"
	# Enter on an empty prompt searches again for the last pattern.
	keys / Enter
	expect "/ and Enter repeat the last search" first_row_zvook
	keys BSpace
	expect "and Backspace returns again" top_is "$start"
else
	not_ok "/Zvook finds the one match as it is typed" "$(screen)"
	keys Escape
fi

# --- /芯片, then n three times, N, wrap -------------------------------
keys g
keys /
keys -l '芯片'
keys Enter
if status_has "match 1 of $chips"; then
	ok "/芯片 counts $chips matches, as many as the text shows"
	keys n
	expect "n: match 2 of $chips" status_has "match 2 of $chips"
	keys n
	expect "n again: match 3 of $chips" status_has "match 3 of $chips"
	keys n
	expect "n three times: match 4 of $chips" status_has "match 4 of $chips"
	expect "n: the match's line is the first of the body, highlighted" \
	    matched '芯' 1
	keys N
	expect "N goes back: match 3 of $chips" status_has "match 3 of $chips"
	keys N N
	expect "N N: match 1 of $chips" status_has "match 1 of $chips"
	keys N
	expect "N before the first match wraps to the last" \
	    status_has "match $chips of $chips"
	expect "and says that the search wrapped" status_has "wrapped"
	keys n
	expect "n after the last match wraps to the first" \
	    status_has "match 1 of $chips"
else
	not_ok "/芯片 finds its matches" "$(screen)"
fi

# --- ? backward from the end --------------------------------------------
keys G
expect "G goes to the end" status_has "100%"
end_top=$(body_row 1)
keys '?'
keys -l '芯片'
if status_has "$chips of $chips"; then
	expect "?: the prompt says it searches backward" status_has "?芯片"
	keys Enter
	expect "? from the end finds the last match" \
	    status_has "match $chips of $chips"
	expect "? from the end: the match is on screen, highlighted" \
	    matched '芯'
	keys n
	expect "n after ? goes on backward" \
	    status_has "match $((chips - 1)) of $chips"
	keys BSpace
	expect "Backspace returns to the end" top_is "$end_top"
else
	not_ok "? from the end finds the last match as it is typed" \
	    "$(screen)"
	keys Escape
fi

# --- Esc while typing restores the position ------------------------------
keys g
start=$(body_row 1)
keys / Z v o o k
if status_has "1 of 1" && first_row_zvook; then
	keys Escape
	expect "Esc while typing puts the body back where it was" \
	    top_is "$start"
	expect "Esc closes the prompt" eval '! status_has "/Zvook"'
else
	not_ok "the body moves while /Zvook is typed" "$(screen)"
	keys Escape
fi

# --- No match; a bad regular expression ----------------------------------
start=$(body_row 1)
keys / q x z q x z Enter
expect "a search with no match says so" status_has "no match"
expect "a search with no match moves nothing" top_is "$start"
keys /
keys C-r
expect "Ctrl-R: the prompt says it takes a regular expression" \
    status_has "(regex)"
keys '('
expect "a bad regular expression: the engine's message as it is typed" \
    status_has "Unmatched"
keys Enter
expect "Enter on a bad regular expression keeps the message" \
    status_has "Unmatched"
expect "a bad regular expression moves nothing" top_is "$start"

# --- The list of every match ----------------------------------------------
keys /
keys -l '芯片'
keys Enter
expect "/芯片 again: match 1 of $chips" status_has "match 1 of $chips"
keys '&'
if on_screen "$chips matches"; then
	expect "&: every match is listed with its section" \
	    on_screen "中美芯片战争"
	keys j j Enter
	expect "j j Enter in the list goes to the third match" \
	    status_has "match 3 of $chips"
	expect "the list closes" eval '! on_screen "$chips matches"'
	expect "the third match is on screen, highlighted" matched '芯'
else
	not_ok "& lists the matches" "$(screen)"
	keys Escape
fi

# --- The prompt's keys ------------------------------------------------------
keys /
keys Up
expect "Up in the prompt recalls the last search" \
    status_has "/芯片"
keys Escape
keys /
keys -l '芯片'
keys Left X
if status_has "/芯X片"; then
	ok "Left then a letter inserts between two CJK characters"
	expect "the cursor is on the character after the insert" \
	    test "$(cursor_x)" = "$(col_before '片')"
	keys C-u
	expect "Ctrl-U erases to the start of the line" \
	    eval '! status_has "芯X"'
	keys Escape
else
	not_ok "Left then a letter inserts between two CJK characters" \
	    "$(screen)"
	keys Escape
fi
keys /
keys -l 'chip wars'
keys C-w
expect "Ctrl-W erases the word before the cursor" \
    eval 'status_has "/chip " && ! status_has "wars"'
keys Escape

# --- Matching rules through the prompt -------------------------------------
total_of() {	# total_of PATTERN: N of the prompt's "K of N"
	keys /
	keys -l "$1"
	status_has "/$1" && typed_total
	keys Escape
}
upper=$(total_of AI)
lower=$(total_of ai)
wide=$(total_of 'ＡＩ')
if [ -n "$upper" ] && [ -n "$lower" ] && [ "$lower" -gt "$upper" ]; then
	ok "smart case: ai finds more than AI ($lower > $upper)"
else
	not_ok "smart case: ai finds more than AI" "ai: $lower, AI: $upper"
fi
if [ -n "$wide" ] && [ "$wide" = "$upper" ]; then
	ok "full-width ＡＩ finds what AI finds ($wide)"
else
	not_ok "full-width ＡＩ finds what AI finds" "ＡＩ: $wide, AI: $upper"
fi

# --- A match in a note opens it ---------------------------------------------
keys g
start=$(body_row 1)
keys /
keys -l 'Semiconductor Trade'
keys Enter
if status_has "match 1 of 1"; then
	expect "a match in a note opens the note in the notes pane" \
	    in_col 3 "[13] The Semiconductor"
	expect "the notes pane has the focus" status_has "notes"
	expect "the match in the note is highlighted" matched Semiconductor
	expect "the body did not move" top_is "$start"
	keys Escape
else
	not_ok "/Semiconductor Trade finds the note" "$(screen)"
fi

# --- The outline filter ------------------------------------------------------
keys g o
keys /
keys -l '安全'
outline_rows() {
	pane_col 1 | sed 's/^[> ]*//; s/ *$//' | grep -c .
}
if [ "$(outline_rows)" -eq 3 ]; then
	ok "/ in the outline keeps the 3 headings that match as it is typed"
	expect "the kept headings are those with the text" in_col 1 "对 AI 安全的监管"
	keys Enter Enter
	expect "Enter, Enter: the body goes to the heading" \
	    eval 'body_row 1 | grep -qF "对 AI 安全的监管"'
else
	not_ok "/ in the outline filters the headings as it is typed" \
	    "$(screen)"
	keys Escape Escape
fi

send q
expect "q quits cleanly after searching" wait_for "EXIT=0"
stop

# --- A narrow terminal --------------------------------------------------------
reader 70 20
if ready && status_has " 0%"; then
	keys /
	keys -l '芯片'
	expect "70x20: the prompt counts the matches as it is typed" \
	    status_has "1 of $chips"
	keys Enter
	expect "70x20: Enter goes to the match" \
	    status_has "match 1 of $chips"
	send q
	expect "70x20: q quits" wait_for "EXIT=0"
else
	not_ok "70x20: the reader starts" "$(screen)"
fi
stop

# --- Tab from a match: the link that holds it, else the next one ------------
cat >"$E2E_TMP/links.md" <<'MD'
# Links

Read [the manual of tmux](https://example.com/tmux) first, then plain
words, and [the second link](https://example.com/second) after them.
MD
reader 80 24 "$E2E_TMP/links.md"
if ready; then
	keys / m a n u a l Enter
	keys Tab
	expect "Tab after a match inside a link selects that link" \
	    status_has "https://example.com/tmux"
	keys / p l a i n Enter
	keys Tab
	expect "Tab after a match outside links selects the next link" \
	    status_has "https://example.com/second"
	send q
	expect "q quits after Tab from a match" wait_for "EXIT=0"
else
	not_ok "the reader starts on a file of links" "$(screen)"
fi
stop

done_testing
