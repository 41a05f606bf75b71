#!/bin/sh
# End-to-end tests of reading across documents: Enter on a link to another
# Markdown file opens it in the same reader (at its anchor), Backspace
# comes back to the place and pane left, r goes forward again; a link to a
# missing file or anchor goes nowhere and says so; another local file goes
# to the opener; each document keeps its own place in the bookmark file.
SUITE=docs
. "$(dirname "$0")/../lib.sh"

. "$(dirname "$0")/../e2e/tmux.sh"

D=$E2E_TMP/book
mkdir -p "$D/sub"

{
	printf '# Alpha\n\nLinks: [to the part](sub/b%%20two.md#part-b),'
	printf ' [missing file](nothere.md), [missing anchor](sub/b%%20two.md#nope),'
	printf ' [picture](pic.png) and [the end](a.md#alpha-end).\n'
	paragraphs "Alpha filler" 40
	printf '\n## Alpha end\n\nLast words of alpha.\n'
} >"$D/a.md"
{
	printf '# Beta\n\nBack to [alpha](../a.md).\n'
	paragraphs "Beta filler" 40
	printf '\n## Part B\n\nThe text of part B.\n'
	paragraphs "Beta tail" 40
} >"$D/sub/b two.md"
printf 'not an image\n' >"$D/pic.png"
cat >"$E2E_TMP/browser" <<EOB
#!/bin/sh
printf '%s\n' "\$1" >"$E2E_TMP/opened"
EOB
chmod +x "$E2E_TMP/browser"

# Is TEXT on the first or second row of the body?
top_has() {
	body_row 1 | grep -qF -- "$1" || body_row 2 | grep -qF -- "$1"
}

E2E_ENV="BROWSER=$E2E_TMP/browser"
resume_reader 120 24 "$E2E_TMP/state" "$D/a.md"
if ready; then
	keys Tab Enter
	expect "Enter on a link to another file opens it at its anchor" \
	    eval 'top_has "Part B"'
	expect "the status line names the document opened" \
	    eval 'status_has "b two.md" || status_has "Beta"'
	keys j j BSpace
	expect "Backspace comes back to the first document" \
	    eval 'top_has "Alpha" && on_screen "to the part"'
	keys r
	expect "r goes forward to the other document, at the place left" \
	    eval 'top_has "The text of part B"'
	keys BSpace Tab Tab Enter
	expect "a link to a missing file says so" \
	    eval 'status_has "nothere.md: no such file"'
	expect "and goes nowhere" eval 'top_has "Alpha"'
	keys Tab Enter
	expect "a link to a missing anchor says so" \
	    eval 'status_has "no heading or anchor #nope"'
	expect "and goes nowhere either" eval 'top_has "Alpha"'
	keys Tab Enter
	expect "a link to another local file goes to the opener" \
	    wait_cmd grep -q "pic.png" "$E2E_TMP/opened"
	keys Tab Enter
	expect "a link to a heading of the same file by its name stays" \
	    eval 'status_has "Alpha end" && on_screen "Last words of alpha"'
	keys BSpace
	expect "Backspace comes back from it" eval 'top_has "Alpha"'
	keys : e Space
	keys -l "$D/sub/b"
	keys Tab
	expect ":e completes a file name with Tab" \
	    eval 'status_has "b two.md"'
	keys Enter
	expect ":e opens a document at its saved place" \
	    eval 'top_has "The text of part B"'
	keys : n Enter
	expect ":n with one file on the command line says so" \
	    eval 'status_has "only one document"'
	keys j j j
	send q
	wait_for "EXIT=0"
else
	not_ok "the reader starts on a document with links to others" \
	    "$(screen)"
fi
stop
E2E_ENV=

# Each document keeps its own place: the second resumes where it was left.
resume_reader 120 24 "$E2E_TMP/state" "'$D/sub/b two.md'"
expect "a document opened by a link keeps its place in the bookmark file" \
    eval 'ready && status_has "resumed at Part B"'
stop

# A cycle of links (a to b to a) only moves between the two.
resume_reader 120 24 "$E2E_TMP/state2" "'$D/sub/b two.md'"
if ready; then
	keys g Tab Enter
	expect "a link back to the first opens it" eval 'top_has "Alpha"'
	keys Tab Enter
	expect "and its link to the second opens that" \
	    eval 'top_has "Part B"'
	keys g Tab Enter
	expect "round and round, never stuck" eval 'top_has "Alpha"'
	send q
	wait_for "EXIT=0"
fi
stop

# Files on the command line are a book: :n, :p, :x, =, ], [ and Space.
reader 120 24 "$D/a.md" "'$D/sub/b two.md'"
if ready; then
	keys : n Enter
	expect ":n opens the next file of the command line" \
	    eval 'top_has "Beta"'
	keys =
	expect "= says which document of how many" \
	    eval 'status_has "document 2 of 2"'
	keys : n Enter
	expect ":n on the last says so" eval 'status_has "the last document"'
	keys : p Enter
	expect ":p opens the previous one" eval 'top_has "Alpha"'
	keys ] ]
	expect "] past the last section goes on into the next document" \
	    eval 'top_has "Beta"'
	keys [
	expect "[ before the first section goes back to the last section of \
the previous document" eval 'on_screen "Last words of alpha"'
	keys G Space
	expect "Space at the end of a document goes on into the next" \
	    eval 'top_has "Beta"'
	keys : x Enter
	expect ":x opens the first" eval 'top_has "Alpha"'
	send q
	wait_for "EXIT=0"
else
	not_ok "the reader starts on two files" "$(screen)"
fi
stop

# A directory with a SUMMARY.md: the outline shows the book.
M=$E2E_TMP/mb
mkdir -p "$M/src/one"
cat >"$M/src/SUMMARY.md" <<'EOS'
# Summary

[Intro](intro.md)

# Part one

- [First chapter](one.md)
  - [Sub chapter](one/sub.md)
- [Draft chapter]()

[Outro](outro.md)
EOS
printf '# Intro\n\n## Welcome\n\nIntro text.\n' >"$M/src/intro.md"
printf '# First\n\nFirst text.\n' >"$M/src/one.md"
printf '# Sub\n\nSub text.\n' >"$M/src/one/sub.md"
printf '# Outro\n\n## Goodbye\n\nOutro text.\n' >"$M/src/outro.md"
reader 120 24 "$M"
if ready; then
	expect "a directory opens at its first document" \
	    eval 'top_has "Intro"'
	expect "the outline lists the book's documents and parts" \
	    eval 'in_col 1 "Part one" && in_col 1 "First chapter" &&
	    in_col 1 "Sub chapter" && in_col 1 "Draft chapter" &&
	    in_col 1 "Outro"'
	expect "with the headings of the document shown under it" \
	    eval 'in_col 1 "Welcome" && ! in_col 1 "Goodbye"'
	keys o G Enter
	expect "Enter on a document in the outline opens it" \
	    eval 'top_has "Outro" && in_col 1 "Goodbye" &&
	    ! in_col 1 "Welcome"'
	keys =
	expect "= counts the documents, not the parts and drafts" \
	    eval 'status_has "document 4 of 4"'
	keys o k k Enter
	expect "Enter on a draft says it has no file" \
	    eval 'status_has "a draft: no file yet"'
	send q
	wait_for "EXIT=0"
else
	not_ok "the reader starts on a directory" "$(screen)"
fi
stop

# Global marks A-Z, and a book remembered as a book.
resume_reader 120 24 "$E2E_TMP/state3" "$M"
if ready; then
	keys : n Enter
	expect ":n in a directory opens its second document" \
	    eval 'top_has "First"'
	keys m A
	expect "m A sets a global mark" eval 'status_has "mark A set"'
	keys : x Enter \' A
	expect "' A opens the mark's document" eval 'top_has "First"'
	keys BSpace
	expect "and Backspace comes back" eval 'top_has "Intro"'
	keys o G Enter
	expect "the book's last document opens" eval 'top_has "Outro"'
	send q
	wait_for "EXIT=0"
else
	not_ok "the reader starts on a book with a bookmark file" "$(screen)"
fi
stop
resume_reader 120 24 "$E2E_TMP/state3" "$M"
expect "a book opens again in the document that was being read" \
    eval 'ready && top_has "Outro"'
keys \' A
expect "a global mark holds after the reader quits" eval 'top_has "First"'
send q
wait_for "EXIT=0"
stop

done_testing
