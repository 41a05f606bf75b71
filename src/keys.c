/*
 * keys.c: the key table. One row a command and a pane set: the keys as the
 * help screen shows them, their codes, where they act, and what they do.
 * The conventions are those of less, vim and info.
 */
#include <curses.h>

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
	{ "Space, f, PgDn, Ctrl-F",	{ ' ', 'f', FN(KEY_NPAGE), CTRL('f') },
	  KP_ALL,		CMD_PAGE_DOWN,	"page down" },
	{ "b, PgUp, Ctrl-B",		{ 'b', FN(KEY_PPAGE), CTRL('b') },
	  KP_ALL,		CMD_PAGE_UP,	"page up" },
	{ "d, Ctrl-D",			{ 'd', CTRL('d') },		KP_ALL,
	  CMD_HALF_DOWN,	"half a page down" },
	{ "u, Ctrl-U",			{ 'u', CTRL('u') },		KP_ALL,
	  CMD_HALF_UP,		"half a page up" },
	{ "g, <, Home",		{ 'g', '<', FN(KEY_HOME) },	KP_ALL,
	  CMD_TOP,		"top" },
	{ "G, >, End",		{ 'G', '>', FN(KEY_END) },	KP_ALL,
	  CMD_END,		"end" },
	{ "]",			{ ']' },			KP_ALL,
	  CMD_NEXT_SECTION,	"next section heading" },
	{ "[",			{ '[' },			KP_ALL,
	  CMD_PREV_SECTION,	"previous section heading" },
	{ "Left, Right",	{ FN(KEY_LEFT) },		KP_BODY,
	  CMD_LEFT,		"scroll code blocks and wide tables "
				"sideways" },
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
				"note, or go to the link" },
	{ "Enter",		{ '\n', '\r', FN(KEY_ENTER) },	KP_OUTLINE,
	  CMD_FOLLOW,		"go to the heading" },
	{ "Enter",		{ '\n', '\r', FN(KEY_ENTER) },	KP_NOTES,
	  CMD_FOLLOW,		"go to the place that cites the note; again: "
				"the next place" },
	{ "Backspace, Ctrl-O",	{ FN(KEY_BACKSPACE), 127, CTRL('h'),
				  CTRL('o') },			KP_ALL,
	  CMD_BACK,		"back to where you were before the last jump" },
	{ "r",			{ 'r' },			KP_ALL,
	  CMD_FORWARD,		"forward again after going back" },
	{ "O",			{ 'O' },			KP_ALL,
	  CMD_OPEN,		"open the selected link with $BROWSER" },
	{ "o",			{ 'o' },			KP_ALL,
	  CMD_OUTLINE,		"show and focus the outline; again: back to "
				"the body" },
	{ "t",			{ 't' },			KP_ALL,
	  CMD_NOTES,		"show and focus the notes; again: back to "
				"the body" },
	{ "Esc",		{ 27 },				KP_ALL,
	  CMD_ESCAPE,		"focus the body, close an overlay, clear the "
				"selection" },
	{ "/",			{ '/' },			KP_ALL,
	  CMD_SEARCH_FWD,	"search forward (in the outline: filter the "
				"headings)" },
	{ "?",			{ '?' },			KP_ALL,
	  CMD_SEARCH_BACK,	"search backward" },
	{ "n",			{ 'n' },			KP_ALL,
	  CMD_SEARCH_NEXT,	"next match" },
	{ "N",			{ 'N' },			KP_ALL,
	  CMD_SEARCH_PREV,	"previous match" },
	{ "&",			{ '&' },			KP_ALL,
	  CMD_SEARCH_LIST,	"list every match; Enter goes to one" },
	{ "m x",		{ 'm' },			KP_ALL,
	  CMD_MARK_SET,		"set mark x (a-z) at the top line" },
	{ "' x, '', '?",	{ '\'' },			KP_ALL,
	  CMD_MARK_GO,		"go to mark x; '' goes back; '? lists the "
				"marks" },
	{ "h, F1",		{ 'h', FN(KEY_F(1)) },		KP_ALL,
	  CMD_HELP,		"this help" },
	{ "Ctrl-L",		{ CTRL('l') },			KP_ALL,
	  CMD_REDRAW,		"redraw the screen" },
	{ "q",			{ 'q' },			KP_ALL,
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
	{ "wheel",		{ 0 },				KP_HELP,
	  CMD_MOUSE_WHEEL,	"scroll the pane under the pointer" },
	{ "click",		{ 0 },				KP_HELP,
	  CMD_MOUSE_CLICK,	"go to an outline heading, follow a "
				"reference, select a note" },
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
int
keys_code(int rc, unsigned wc)
{
	if (rc == KEY_CODE_YES)
		return KEYS_FN((int)wc);
	if (rc == OK)
		return (int)wc;
	return 0;
}
