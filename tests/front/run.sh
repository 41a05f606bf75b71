#!/bin/sh
# The top of the reader, end to end in a private tmux server: the front
# matter folded to one line and unfolded with Enter; panes with nothing
# to show leave their room to the body until o or t asks for them; the
# status line's title and section path; the outline's width (< and >)
# and the ends of long sibling titles.
#
# Each keys call waits for the reader's handshake (e2e/tmux.sh).
SUITE=front
. "$(dirname "$0")/../lib.sh"

. "$(dirname "$0")/../e2e/tmux.sh"
E2E_SOCK=lectern-front-$$
D=$E2E_TMP/docs
mkdir -p "$D"

# --- Front matter ---------------------------------------------------------

cat >"$D/front.md" <<'EOF'
---
title: "The front title"
date: 2024-05-01
tags:
- reading
- terminal
---

Text of the document, which has no heading.
EOF

reader 100 20 "$D/front.md"
if ready; then
	expect "front matter: folded to one line" \
	    on_screen "▸ title: The front title, date: 2024-05-01"
	expect "front matter: it says how to unfold it" \
	    on_screen "(front matter, Enter unfolds)"
	expect "front matter: folded, no table" off_screen "│ 2024-05-01"
	expect "front matter: its title names the document" \
	    status_has "The front title"
	keys Enter
	expect "Enter unfolds the front matter" on_screen "▾ front matter"
	expect "unfolded: a key and its value" on_screen "date  │ 2024-05-01"
	expect "unfolded: a nested value as written" on_screen "│ - terminal"
	keys Enter
	expect "Enter again folds it" on_screen "(front matter, Enter unfolds)"
	expect "folded again: no table" off_screen "│ 2024-05-01"
else
	not_ok "the reader starts on a document with front matter" "$(screen)"
fi
stop

# --- Empty panes ------------------------------------------------------------

cat >"$D/plain.md" <<'EOF'
Only text here: no heading and no note, so that neither the outline nor
the notes have anything to show.
EOF

# Is the first row of the screen body text from the first column on?
body_from_left() {
	row 1 | grep -q '^ *Only text here' && ! row 1 | grep -q '│'
}

reader 140 20 "$D/plain.md"
if ready; then
	expect "140: no outline and no notes when they are empty" \
	    body_from_left
	expect "140: no (no headings), no (no notes)" \
	    eval 'off_screen "(no headings)" && off_screen "(no notes)"'
	expect "140: the file name is the title" status_has " plain.md "
	keys t
	expect "t shows the empty notes pane" on_screen "(no notes)"
	keys t
	expect "t again gives the room back" off_screen "(no notes)"
	keys o
	expect "o shows the empty outline" on_screen "(no headings)"
	keys Escape
	expect "Esc gives the room back" off_screen "(no headings)"
else
	not_ok "the reader starts on a plain document" "$(screen)"
fi
stop

reader 100 20 "$D/plain.md"
if ready; then
	expect "100: no notes below the body, no outline" \
	    eval 'body_from_left && off_screen " Notes "'
else
	not_ok "the reader starts at 100 columns" "$(screen)"
fi
stop

# --- The status line ----------------------------------------------------------

cat >"$D/release.md" <<'EOF'
## v20.5.0

Changes of the release.

### Commits

The commits of the release, one by one.

### Changes in the documentation of version 2.2 changes

Text.

### Changes in the documentation of version 2.3 changes

Text.
EOF

reader 140 20 "$D/release.md"
if ready; then
	expect "no level-1 heading: the file name is the title" \
	    eval 'status_has "release.md" && ! status_has "v20.5.0 |"'
	keys ']'
	expect "the section shows its parent" status_has "v20.5.0 › Commits"
	keys o
	expect "a long title cut at its start, its end shows" \
	    eval 'pane_col 1 | grep -q "…[^│]*2\.3 changes"'
	w0=$(row 1 | awk -F'│' '{ print length($1) }')
	keys '>'
	w1=$(row 1 | awk -F'│' '{ print length($1) }')
	expect "> widens the outline" test "$w1" -gt "$w0"
	keys '<' '<'
	w2=$(row 1 | awk -F'│' '{ print length($1) }')
	expect "< narrows it" test "$w2" -lt "$w1"
	keys Escape
	w3=$(row 1 | awk -F'│' '{ print length($1) }')
	expect "the width stays when the focus goes" test "$w3" -eq "$w2"
	resize 30 20 eval '! status_has "v20.5.0"'
	expect "30 columns: the parent goes first" \
	    status_has "release.md | Commits"
	resize 26 20 eval '! status_has "release.md"'
	expect "26 columns: then the title is cut, the section stays" \
	    eval 'status_has "… | Commits" && ! status_has "release.md"'
else
	not_ok "the reader starts on the release notes" "$(screen)"
fi
stop

done_testing
