/* Unit tests of the key table (keys.c). */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "lectern/keys.h"
#include "t.h"

/* No key means two things in one pane. */
static void
test_no_clash(void)
{
	const struct key *k;
	unsigned n, i, j, a, b, clashes = 0;

	k = keys_table(&n);
	CHECK(n > 20, "the table has rows");
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++) {
			if ((k[i].panes & k[j].panes & KP_ALL) == 0)
				continue;
			for (a = 0; a < KEYS_MAXCODES && k[i].codes[a]; a++)
				for (b = 0; b < KEYS_MAXCODES &&
				    k[j].codes[b]; b++)
					if (k[i].codes[a] == k[j].codes[b]) {
						printf("#   clash: %s / %s\n",
						    k[i].shown, k[j].shown);
						clashes++;
					}
		}
	CHECK_INT(clashes, 0, "no key is bound twice in a pane");
}

/* Every command has a row, and every row can be shown. */
static void
test_complete(void)
{
	const struct key *k;
	const struct colon *cl;
	unsigned n, ncl, i, missing = 0, blank = 0;
	int c, found;

	k = keys_table(&n);
	for (c = CMD_DOWN; c <= CMD_MOUSE_CLICK; c++) {
		found = 0;
		for (i = 0; i < n; i++)
			if ((int)k[i].cmd == c && (k[i].help != NULL ||
			    (i > 0 && k[i - 1].help != NULL &&
			    k[i - 1].panes == k[i].panes)))
				found = 1;
		/* A command of the command line only (:e, :n) is listed
		   with the command line's. */
		cl = keys_colon_table(&ncl);
		for (i = 0; i < ncl; i++)
			if ((int)cl[i].cmd == c && cl[i].help != NULL)
				found = 1;
		if (!found) {
			printf("#   command %d has no row with help\n", c);
			missing++;
		}
	}
	CHECK_INT(missing, 0, "every command is on the help screen");
	for (i = 0; i < n; i++)
		if (k[i].shown == NULL || (k[i].help != NULL &&
		    (k[i].shown[0] == '\0' || k[i].help[0] == '\0')))
			blank++;
	CHECK_INT(blank, 0, "every listed row names its keys and its action");
}

static void
test_lookup(void)
{
	CHECK_INT(keys_lookup('j', KP_BODY), CMD_DOWN, "j: down in the body");
	CHECK_INT(keys_lookup(KEYS_FN(KEY_DOWN), KP_NOTES), CMD_DOWN,
	    "Down: next note in the notes");
	CHECK_INT(keys_lookup('\t', KP_BODY), CMD_NEXT_REF,
	    "Tab: next reference");
	CHECK_INT(keys_lookup(KEYS_FN(KEY_BTAB), KP_BODY), CMD_PREV_REF,
	    "Shift-Tab: previous reference");
	CHECK_INT(keys_lookup('\r', KP_NOTES), CMD_FOLLOW,
	    "Enter follows in the notes");
	CHECK_INT(keys_lookup(KEYS_FN(KEY_BACKSPACE), KP_OUTLINE), CMD_BACK,
	    "Backspace goes back from any pane");
	CHECK_INT(keys_lookup(127, KP_BODY), CMD_BACK, "DEL is Backspace too");
	CHECK_INT(keys_lookup(KEYS_CTRL('o'), KP_BODY), CMD_BACK,
	    "Ctrl-O goes back");
	CHECK_INT(keys_lookup('r', KP_BODY), CMD_FORWARD, "r goes forward");
	CHECK(keys_lookup(KEYS_CTRL('i'), KP_BODY) != CMD_FORWARD,
	    "forward is not Ctrl-I, which terminals send as Tab");
	CHECK_INT(keys_lookup('t', KP_BODY), CMD_NOTES, "t: the notes");
	CHECK_INT(keys_lookup('o', KP_NOTES), CMD_OUTLINE, "o: the outline");
	CHECK_INT(keys_lookup(KEYS_FN(KEY_LEFT), KP_OUTLINE), CMD_LEFT,
	    "Left in the outline");
	CHECK_INT(keys_lookup('\t', KP_OUTLINE), CMD_NONE,
	    "Tab does nothing in the outline");
	CHECK_INT(keys_lookup(0, KP_ALL), CMD_NONE, "code 0 is no key");
	CHECK_INT(keys_lookup(KEYS_FN(KEY_F(1)), KP_BODY), CMD_HELP,
	    "F1: help");
	CHECK_INT(keys_lookup('h', KP_BODY), CMD_HELP, "h: help");
	CHECK_INT(keys_lookup('q', KP_NOTES), CMD_QUIT, "q quits");
}

/* The keys of less, each in its pane. */
static void
test_less(void)
{
	static const struct {
		int		 code;
		unsigned	 pane;
		enum cmd	 cmd;
		const char	*what;
	} k[] = {
		{ 'e', KP_BODY, CMD_DOWN, "e: as j" },
		{ KEYS_CTRL('y'), KP_OUTLINE, CMD_UP, "Ctrl-Y: as k there too" },
		{ 'y', KP_BODY, CMD_COPY, "y: copy a selected link, else line up" },
		{ 'y', KP_NOTES, CMD_COPY, "y in the notes: likewise" },
		{ 'z', KP_BODY, CMD_WINDOW_DOWN, "z: a page" },
		{ '%', KP_BODY, CMD_PERCENT, "%: per cent" },
		{ 'p', KP_NOTES, CMD_PERCENT, "p: per cent" },
		{ '=', KP_BODY, CMD_INFO, "=: where" },
		{ KEYS_CTRL('g'), KP_BODY, CMD_INFO, "Ctrl-G: where" },
		{ ':', KP_OUTLINE, CMD_COLON, ": the command line" },
		{ KEYS_ESC('u'), KP_BODY, CMD_UNHIGHLIGHT, "Esc u: plain" },
		{ '\\', KP_BODY, CMD_UNHIGHLIGHT, "\\: plain" },
		{ KEYS_ESC('v'), KP_BODY, CMD_PAGE_UP, "Esc v: page up" },
		{ '0', KP_BODY, CMD_NONE, "digits are a count, no command" },
	};
	size_t i;

	for (i = 0; i < sizeof(k) / sizeof(k[0]); i++)
		CHECK_INT(keys_lookup(k[i].code, k[i].pane), k[i].cmd,
		    k[i].what);
}

/* The command line's commands. */
static void
test_colon(void)
{
	const struct colon *c;
	unsigned n, i, j, twice = 0;

	c = keys_colon("q", 1);
	CHECK(c != NULL && c->cmd == CMD_QUIT && c->arg == NULL, ":q quits");
	CHECK(keys_colon("quit", 1) == c, "a name is its first LEN bytes");
	CHECK(keys_colon("qu", 2) == NULL, "no command :qu");
	CHECK(keys_colon("", 0) == NULL, "no command without a name");
	c = keys_colon_table(&n);
	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			twice += strcmp(c[i].name, c[j].name) == 0;
	CHECK_INT(twice, 0, "no command is there twice");
}

static void
test_code(void)
{
	CHECK_INT(keys_code(KEY_CODE_YES, KEY_DOWN), KEYS_FN(KEY_DOWN),
	    "a function key is marked");
	CHECK_INT(keys_code(OK, 'j'), 'j', "a character is its code point");
	CHECK_INT(keys_code(OK, 0x4e2d), 0x4e2d, "a CJK character too");
	CHECK(keys_code(OK, 0x102) != KEYS_FN(0x102),
	    "characters and function keys never meet");
	CHECK_INT(keys_code(ERR, 0), 0, "no key on a timeout");
}

int
main(void)
{
	test_no_clash();
	test_complete();
	test_lookup();
	test_less();
	test_colon();
	test_code();
	return t_done();
}
