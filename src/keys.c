/*
 * keys.c: the key table. One row a command and a pane set: the keys as the
 * help screen shows them, their codes, where they act, and what they do.
 * The conventions are those of less, vim and info.
 */
#include <curses.h>
#include <string.h>

#include "lectern/keys.h"

#define FN(k)	KEYS_FN(k)
#define CTRL(c)	KEYS_CTRL(c)

static const struct key keys_rows[] = {
	{ "j, Down",		{ 'j', FN(KEY_DOWN) },		KP_BODY,
	  CMD_DOWN,		"line down" },
	{ "k, Up",		{ 'k', FN(KEY_UP) },		KP_BODY,
	  CMD_UP,		"line up" },
	{ "j, Down",		{ 'j', FN(KEY_DOWN) },		KP_OUTLINE,
	  CMD_DOWN,		"next heading in the outline" },
	{ "k, Up",		{ 'k', FN(KEY_UP) },		KP_OUTLINE,
	  CMD_UP,		"previous heading in the outline" },
	{ "j, Down",		{ 'j', FN(KEY_DOWN) },		KP_NOTES,
	  CMD_DOWN,		"next note (scrolls a long note first)" },
	{ "k, Up",		{ 'k', FN(KEY_UP) },		KP_NOTES,
	  CMD_UP,		"previous note" },
	{ "e, Ctrl-E, Ctrl-N",	{ 'e', CTRL('e'), CTRL('n') },	KP_ALL,
	  CMD_DOWN,		"as j" },
	{ "Ctrl-Y, Ctrl-P, Ctrl-K",	{ CTRL('y'), CTRL('p'), CTRL('k') },
	  KP_ALL,		CMD_UP,		"as k" },
	{ "Space, f, PgDn, Ctrl-F, Ctrl-V",	{ ' ', 'f', FN(KEY_NPAGE),
				  CTRL('f'), CTRL('v') },
	  KP_ALL,		CMD_PAGE_DOWN,	"page down; N Space: N lines" },
	{ "b, PgUp, Ctrl-B, Esc v",	{ 'b', FN(KEY_PPAGE), CTRL('b'),
				  KEYS_ESC('v') },
	  KP_ALL,		CMD_PAGE_UP,	"page up; N b: N lines" },
	{ "z",			{ 'z' },			KP_ALL,
	  CMD_WINDOW_DOWN,	"page down; N z: the page is N lines from "
				"now on" },
	{ "w",			{ 'w' },			KP_ALL,
	  CMD_WINDOW_UP,	"page up; N w: likewise" },
	{ "d, Ctrl-D",			{ 'd', CTRL('d') },		KP_ALL,
	  CMD_HALF_DOWN,	"half a page down; N d: N lines, from now "
				"on" },
	{ "u, Ctrl-U",			{ 'u', CTRL('u') },		KP_ALL,
	  CMD_HALF_UP,		"half a page up; N u: likewise" },
	{ "g, <, Home",		{ 'g', '<', FN(KEY_HOME) },
	  KP_BODY | KP_NOTES,	CMD_TOP,	"top; N g: line N" },
	{ "G, >, End",		{ 'G', '>', FN(KEY_END) },
	  KP_BODY | KP_NOTES,	CMD_END,	"end; N G: line N" },
	{ "%, p",		{ '%', 'p' },			KP_ALL,
	  CMD_PERCENT,		"N %: N per cent into the text (the "
				"status line's per cent)" },
	{ "]",			{ ']' },			KP_ALL,
	  CMD_NEXT_SECTION,	"next section heading; N ]: the Nth" },
	{ "[",			{ '[' },			KP_ALL,
	  CMD_PREV_SECTION,	"previous section heading; N [: the Nth" },
	{ "Left, Right",	{ FN(KEY_LEFT) },		KP_BODY,
	  CMD_LEFT,		"scroll code blocks sideways" },
	{ "",			{ FN(KEY_RIGHT) },		KP_BODY,
	  CMD_RIGHT,		NULL },
	{ "Left, Right",	{ FN(KEY_LEFT) },		KP_OUTLINE,
	  CMD_LEFT,		"fold / unfold the heading's section" },
	{ "",			{ FN(KEY_RIGHT) },		KP_OUTLINE,
	  CMD_RIGHT,		NULL },
	{ "Tab",		{ '\t' },			KP_BODY,
	  CMD_NEXT_REF,		"select the next reference (note or link)" },
	{ "Shift-Tab",		{ FN(KEY_BTAB) },		KP_BODY,
	  CMD_PREV_REF,		"select the previous reference" },
	{ "Enter",		{ '\n', '\r', FN(KEY_ENTER) },	KP_BODY,
	  CMD_FOLLOW,		"follow the selected reference: open its "
				"note, or go to the link; none selected: "
				"fold or unfold the front matter on screen, "
				"else line down" },
	{ "Enter",		{ '\n', '\r', FN(KEY_ENTER) },	KP_OUTLINE,
	  CMD_FOLLOW,		"go to the heading" },
	{ "Enter",		{ '\n', '\r', FN(KEY_ENTER) },	KP_NOTES,
	  CMD_FOLLOW,		"follow the selected link; none selected: go "
				"to the place that cites the note; again: the "
				"next place" },
	{ "Backspace, Ctrl-O",	{ FN(KEY_BACKSPACE), 127, CTRL('h'),
				  CTRL('o') },			KP_ALL,
	  CMD_BACK,		"back to where you were before the last jump" },
	{ "r",			{ 'r' },			KP_ALL,
	  CMD_FORWARD,		"forward again after going back" },
	{ "O",			{ 'O' },			KP_ALL,
	  CMD_OPEN,		"open the selected link with $BROWSER, else "
				"xdg-open" },
	{ "y",			{ 'y' },			KP_ALL,
	  CMD_COPY,		"copy the selected link's address (OSC 52) "
				"and show it; no link selected: as k" },
	{ "Tab",		{ '\t' },			KP_NOTES,
	  CMD_NEXT_REF,		"select the next link in the notes" },
	{ "Shift-Tab",		{ FN(KEY_BTAB) },		KP_NOTES,
	  CMD_PREV_REF,		"select the previous link in the notes" },
	{ "S",			{ 'S' },			KP_BODY,
	  CMD_FOLD_CODE,	"fold code lines wider than the body onto the "
				"next lines; again: unfold them" },
	{ "o",			{ 'o' },			KP_ALL,
	  CMD_OUTLINE,		"show and focus the outline; again: back to "
				"the body" },
	{ "t",			{ 't' },			KP_ALL,
	  CMD_NOTES,		"show and focus the notes; again: back to "
				"the body" },
	{ "g, Home",		{ 'g', FN(KEY_HOME) },		KP_OUTLINE,
	  CMD_TOP,		"first heading" },
	{ "G, End",		{ 'G', FN(KEY_END) },		KP_OUTLINE,
	  CMD_END,		"last heading" },
	{ "<, >",		{ '<' },			KP_OUTLINE,
	  CMD_OUTLINE_NARROW,	"a narrower, a wider outline (until the "
				"reader quits)" },
	{ "",			{ '>' },			KP_OUTLINE,
	  CMD_OUTLINE_WIDEN,	NULL },
	{ "Esc",		{ 27 },				KP_ALL,
	  CMD_ESCAPE,		"focus the body, close an overlay, clear the "
				"selection" },
	{ "/",			{ '/' },			KP_ALL,
	  CMD_SEARCH_FWD,	"search forward (in the outline: filter the "
				"headings)" },
	{ "?",			{ '?' },			KP_ALL,
	  CMD_SEARCH_BACK,	"search backward" },
	{ "n",			{ 'n' },			KP_ALL,
	  CMD_SEARCH_NEXT,	"next match; N n: the Nth match on" },
	{ "N",			{ 'N' },			KP_ALL,
	  CMD_SEARCH_PREV,	"previous match" },
	{ "&",			{ '&' },			KP_ALL,
	  CMD_SEARCH_LIST,	"list every match; Enter goes to one" },
	{ "Esc u, \\",		{ KEYS_ESC('u'), '\\' },		KP_ALL,
	  CMD_UNHIGHLIGHT,	"search highlighting off; n or a new search "
				"brings it back" },
	{ "m x",		{ 'm' },			KP_ALL,
	  CMD_MARK_SET,		"set mark x at the top line: a-z in this "
				"document, A-Z global (any document)" },
	{ "' x, '', '?",	{ '\'' },			KP_ALL,
	  CMD_MARK_GO,		"go to mark x; '' goes back; '? lists the "
				"marks" },
	{ "L",			{ 'L' },			KP_ALL,
	  CMD_LIBRARY,		"the library: every document read, the last "
				"first; Enter opens one" },
	{ "h, H, F1",		{ 'h', 'H', FN(KEY_F(1)) },	KP_ALL,
	  CMD_HELP,		"this help" },
	{ "Ctrl-L, Ctrl-R",	{ CTRL('l'), CTRL('r') },	KP_ALL,
	  CMD_REDRAW,		"redraw the screen" },
	{ "=, Ctrl-G",		{ '=', CTRL('g') },		KP_ALL,
	  CMD_INFO,		"file name, size, lines on screen, per cent, "
				"section" },
	{ ":",			{ ':' },			KP_ALL,
	  CMD_COLON,		"a command line: :q quits (the commands "
				"follow); Esc cancels" },
	{ "q, Q",		{ 'q', 'Q' },			KP_ALL,
	  CMD_QUIT,		"quit" },
	{ "Left, Right, Ctrl-U, Ctrl-W", { 0 },			KP_HELP,
	  CMD_PROMPT_EDIT,	"in the search prompt: move, erase the line, "
				"erase a word; Esc cancels" },
	{ "Ctrl-R",		{ 0 },				KP_HELP,
	  CMD_PROMPT_REGEX,	"in the search prompt: literal text or a "
				"regular expression" },
	{ "Up, Down",		{ 0 },				KP_HELP,
	  CMD_PROMPT_HISTORY,	"in the search prompt: earlier searches" },
	{ "Ctrl-Z",		{ 0 },				KP_HELP,
	  CMD_SUSPEND,		"suspend; fg comes back" },
	{ "0-9",		{ 0 },				KP_HELP,
	  CMD_COUNT,		"a count N for the next key, as in less; "
				"Esc cancels it" },
	{ "wheel",		{ 0 },				KP_HELP,
	  CMD_MOUSE_WHEEL,	"scroll the pane under the pointer" },
	{ "click",		{ 0 },				KP_HELP,
	  CMD_MOUSE_CLICK,	"go to an outline heading, follow a "
				"reference, select a note or a link in it" },
};

/* The commands of the command line, as in less. */
static const struct colon keys_colon_rows[] = {
	{ "q",		NULL,		CMD_QUIT,	"quit" },
	{ "Q",		NULL,		CMD_QUIT,	"quit" },
	{ "f",		NULL,		CMD_INFO,	"as =" },
	{ "e",		"FILE",		CMD_EXAMINE,	"open FILE (FILE#anchor: at "
							"that heading); Tab "
							"completes" },
	{ "n",		NULL,		CMD_DOC_NEXT,	"next document of the book "
							"or the command line" },
	{ "p",		NULL,		CMD_DOC_PREV,	"previous document" },
	{ "x",		NULL,		CMD_DOC_FIRST,	"first document" },
};

/* See keys.h. */
const struct key *
keys_table(unsigned *n)
{
	*n = sizeof(keys_rows) / sizeof(keys_rows[0]);
	return keys_rows;
}

/* See keys.h. */
enum cmd
keys_lookup(int code, unsigned pane)
{
	unsigned i, k;

	if (code == 0)
		return CMD_NONE;
	for (i = 0; i < sizeof(keys_rows) / sizeof(keys_rows[0]); i++) {
		if ((keys_rows[i].panes & pane) == 0)
			continue;
		for (k = 0; k < KEYS_MAXCODES && keys_rows[i].codes[k]; k++)
			if (keys_rows[i].codes[k] == code)
				return keys_rows[i].cmd;
	}
	return CMD_NONE;
}

/* See keys.h. */
const struct colon *
keys_colon_table(unsigned *n)
{
	*n = sizeof(keys_colon_rows) / sizeof(keys_colon_rows[0]);
	return keys_colon_rows;
}

/* See keys.h. */
const struct colon *
keys_colon(const char *name, size_t len)
{
	unsigned i;

	for (i = 0; i < sizeof(keys_colon_rows) / sizeof(keys_colon_rows[0]);
	    i++)
		if (strlen(keys_colon_rows[i].name) == len &&
		    memcmp(keys_colon_rows[i].name, name, len) == 0)
			return &keys_colon_rows[i];
	return NULL;
}

/* See keys.h. */
int
keys_code(int rc, unsigned wc)
{
	if (rc == KEY_CODE_YES)
		return KEYS_FN((int)wc);
	if (rc == OK)
		return (int)wc;
	return 0;
}
