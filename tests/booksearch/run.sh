#!/bin/sh
# End-to-end tests of searching a whole book: a pattern that begins with
# '*' searches every document, the shown one first and the others as a
# second thread finds them; n and N go on from document to document,
# round the book; & lists every match with its document and section, and
# Enter there opens that document at that match, a jump that Backspace
# comes back from.
SUITE=booksearch
. "$(dirname "$0")/../lib.sh"

. "$(dirname "$0")/../e2e/tmux.sh"

# A book of 30 chapters; "zanzibar" is in the 1st, 17th and 30th only,
# "quokka" in the 17th only.
D=$E2E_TMP/book
mkdir -p "$D"
i=1
while [ $i -le 30 ]; do
	n=$(printf '%02d' $i)
	{
		printf '# Chapter %d\n\n## Opening %d\n\nPlain words.\n' $i $i
		printf '\n## Middle %d\n\n' $i
		case $i in
		1|17|30)
			printf 'Here is zanzibar in chapter %d.\n' $i ;;
		*)
			printf 'Nothing to find in chapter %d.\n' $i ;;
		esac
		[ $i -eq 17 ] && printf '\nA quokka too.\n'
	} >"$D/f$n.md"
	i=$((i + 1))
done

# Is TEXT on the first or second row of the body?
top_has() {
	body_row 1 | grep -qF -- "$1" || body_row 2 | grep -qF -- "$1"
}

reader 120 24 "$D"
if ready; then
	keys / '*zanzibar' Enter
	expect "/* shows the first match, in the document shown" \
	    on_screen "zanzibar in chapter 1."
	expect "the search of the other documents ends and says what it found" \
	    wait_cmd status_has "3 matches in 3 documents"
	keys n
	expect "n opens the next document with a match, at its match" \
	    eval 'on_screen "zanzibar in chapter 17." && status_has "f17.md"'
	keys n
	expect "n again: the 30th document" \
	    eval 'on_screen "zanzibar in chapter 30." && status_has "f30.md"'
	keys n
	expect "n at the last match of the book wraps round to the first" \
	    eval 'on_screen "zanzibar in chapter 1." && status_has "f01.md" &&
	    status_has "wrapped"'
	keys N
	expect "N goes back round to the 30th" \
	    eval 'on_screen "zanzibar in chapter 30." && status_has "f30.md"'
	keys '&'
	expect "& lists the book's three matches" \
	    eval 'on_screen "3 matches in 3 documents" &&
	    [ "$(screen | grep -c "f[0-9][0-9].md: Here is zanzibar")" -eq 3 ]'
	expect "each row names its document and section" \
	    eval 'on_screen "f01.md: Here is zanzibar in chapter 1.   (Middle 1)" &&
	    on_screen "f17.md: Here is zanzibar in chapter 17.   (Middle 17)"'
	keys k Enter
	expect "Enter on the second row opens its document at its match" \
	    eval 'on_screen "zanzibar in chapter 17." && status_has "f17.md" &&
	    off_screen "f01.md: Here"'
	keys BSpace
	expect "Backspace comes back to the document left" \
	    eval 'on_screen "zanzibar in chapter 30." && off_screen "chapter 17."'
	keys / '*nowhereatall' Enter
	expect "a pattern found nowhere says so once every document is searched" \
	    wait_cmd status_has "*nowhereatall: no match in 30 documents"
	keys / '*quokka' Enter
	expect "a match only elsewhere is shown once it is found" \
	    eval 'wait_cmd on_screen "A quokka too." && on_screen "Chapter 17"'
	expect "and the end of the search says so" \
	    wait_cmd status_has "*quokka: 1 match in 1 document"
	send q
fi
stop

# Without a book, '*' searches the one document.
reader 80 24 "$D/f17.md"
if ready; then
	keys / '*quokka' Enter
	expect "without a book, /* searches the document shown" \
	    eval 'on_screen "A quokka too." && status_has "match 1 of 1"'
	send q
fi
stop

done_testing
