/* Unit tests of the search prompt's line editor (prompt.c). */
#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "lectern/keys.h"
#include "lectern/prompt.h"
#include "t.h"

/* Types UTF-8 string S, one code point a key. */
static void
type(struct prompt *p, const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	int c, n;

	while (*u != '\0') {
		if (*u < 0x80) {
			c = *u;
			n = 1;
		} else if (*u < 0xe0) {
			c = (*u & 0x1f) << 6 | (u[1] & 0x3f);
			n = 2;
		} else if (*u < 0xf0) {
			c = (*u & 0x0f) << 12 | (u[1] & 0x3f) << 6 |
			    (u[2] & 0x3f);
			n = 3;
		} else {
			c = (*u & 0x07) << 18 | (u[1] & 0x3f) << 12 |
			    (u[2] & 0x3f) << 6 | (u[3] & 0x3f);
			n = 4;
		}
		prompt_key(p, c);
		u += n;
	}
}

static void
test_typing(void)
{
	struct prompt p;

	prompt_init(&p);
	prompt_start(&p, NULL, 0);
	type(&p, "AI 安全");
	CHECK_STR(prompt_text(&p), "AI 安全", "typed text, CJK included");
	CHECK_INT(p.cursor, strlen("AI 安全"), "the cursor at the end");
	CHECK_INT(prompt_key(&p, KEYS_FN(KEY_LEFT)), PROMPT_MOVED,
	    "Left moves");
	CHECK_INT(p.cursor, strlen("AI 安"), "Left steps over one CJK "
	    "character (3 bytes)");
	prompt_key(&p, 'x');
	CHECK_STR(prompt_text(&p), "AI 安x全", "typing inserts at the cursor");
	CHECK_INT(prompt_key(&p, KEYS_FN(KEY_BACKSPACE)), PROMPT_EDITED,
	    "Backspace edits");
	CHECK_STR(prompt_text(&p), "AI 安全", "Backspace deletes before the "
	    "cursor");
	prompt_key(&p, KEYS_FN(KEY_BACKSPACE));
	CHECK_STR(prompt_text(&p), "AI 全", "Backspace deletes a whole CJK "
	    "character");
	CHECK_INT(prompt_key(&p, KEYS_FN(KEY_HOME)), PROMPT_MOVED, "Home");
	CHECK_INT(p.cursor, 0, "Home: the cursor at the start");
	CHECK_INT(prompt_key(&p, KEYS_FN(KEY_BACKSPACE)), PROMPT_NONE,
	    "Backspace at the start does nothing");
	CHECK_INT(prompt_key(&p, KEYS_FN(KEY_LEFT)), PROMPT_NONE,
	    "Left at the start does nothing");
	prompt_key(&p, KEYS_FN(KEY_DC));
	CHECK_STR(prompt_text(&p), "I 全", "Delete deletes under the cursor");
	prompt_key(&p, KEYS_CTRL('e'));
	CHECK_INT(p.cursor, p.len, "Ctrl-E: the end");
	CHECK_INT(prompt_key(&p, KEYS_FN(KEY_RIGHT)), PROMPT_NONE,
	    "Right at the end does nothing");
	CHECK_INT(prompt_key(&p, '\t'), PROMPT_NONE, "a tab is not typed");
	CHECK_INT(prompt_key(&p, 0x202e), PROMPT_NONE,
	    "a bidi control is not typed");
	CHECK_INT(prompt_key(&p, 0x9b), PROMPT_NONE, "a C1 control is not "
	    "typed");
	CHECK_INT(prompt_key(&p, KEYS_FN(KEY_F(5))), PROMPT_NONE,
	    "a function key is not typed");
	CHECK_STR(prompt_text(&p), "I 全", "none of them changed the text");
	CHECK_INT(prompt_key(&p, 0x1f600), PROMPT_EDITED,
	    "a character beyond the BMP is typed");
	CHECK_STR(prompt_text(&p), "I 全\xf0\x9f\x98\x80", "as 4 bytes");
	prompt_free(&p);
}

static void
test_deleting(void)
{
	struct prompt p;

	prompt_init(&p);
	prompt_start(&p, "the chip 战争 now", 0);
	prompt_key(&p, KEYS_CTRL('w'));
	CHECK_STR(prompt_text(&p), "the chip 战争 ", "Ctrl-W deletes a word");
	prompt_key(&p, KEYS_CTRL('w'));
	CHECK_STR(prompt_text(&p), "the chip ", "Ctrl-W deletes the spaces "
	    "and the CJK word before them");
	prompt_key(&p, KEYS_FN(KEY_LEFT));
	prompt_key(&p, KEYS_FN(KEY_LEFT));
	prompt_key(&p, KEYS_CTRL('k'));
	CHECK_STR(prompt_text(&p), "the chi", "Ctrl-K deletes to the end");
	prompt_key(&p, KEYS_FN(KEY_LEFT));
	prompt_key(&p, KEYS_CTRL('u'));
	CHECK_STR(prompt_text(&p), "i", "Ctrl-U deletes to the start");
	CHECK_INT(p.cursor, 0, "and leaves the cursor there");
	prompt_key(&p, KEYS_FN(KEY_END));
	prompt_key(&p, 127);
	CHECK_INT(p.len, 0, "DEL is Backspace too");
	CHECK_INT(prompt_key(&p, 127), PROMPT_CANCEL,
	    "Backspace on an empty prompt cancels");
	CHECK_INT(prompt_key(&p, 27), PROMPT_CANCEL, "Esc cancels");
	CHECK_INT(prompt_key(&p, '\r'), PROMPT_ENTER, "Enter confirms");
	CHECK_INT(prompt_key(&p, KEYS_FN(KEY_ENTER)), PROMPT_ENTER,
	    "the keypad's Enter too");
	prompt_free(&p);
}

/* Combining marks go with their base: one step moves over both. */
static void
test_combining(void)
{
	struct prompt p;

	prompt_init(&p);
	prompt_start(&p, "ae\xcc\x81z", 0);	/* a, e + U+0301, z */
	prompt_key(&p, KEYS_FN(KEY_LEFT));
	prompt_key(&p, KEYS_FN(KEY_LEFT));
	CHECK_INT(p.cursor, 1, "Left steps over a base and its mark");
	prompt_key(&p, KEYS_FN(KEY_RIGHT));
	CHECK_INT(p.cursor, 4, "Right too");
	prompt_free(&p);
}

static void
test_history(void)
{
	struct prompt p;

	prompt_init(&p);
	CHECK_INT(prompt_key(&p, KEYS_FN(KEY_UP)), PROMPT_NONE,
	    "no earlier entry: Up does nothing");
	prompt_start(&p, "芯片", 0);
	prompt_remember(&p);
	prompt_start(&p, "AI|安全", 1);
	prompt_remember(&p);
	prompt_start(&p, "Zvook", 0);
	prompt_remember(&p);
	prompt_start(&p, "芯片", 0);
	prompt_remember(&p);
	CHECK_INT(p.nhist, 3, "an entry made again is kept once");
	prompt_start(&p, NULL, 0);
	type(&p, "half");
	CHECK_INT(prompt_key(&p, KEYS_FN(KEY_UP)), PROMPT_EDITED,
	    "Up recalls");
	CHECK_STR(prompt_text(&p), "芯片", "the latest entry first");
	CHECK_INT(p.cursor, p.len, "with the cursor at its end");
	prompt_key(&p, KEYS_FN(KEY_UP));
	CHECK_STR(prompt_text(&p), "Zvook", "then the one before");
	prompt_key(&p, KEYS_FN(KEY_UP));
	CHECK_STR(prompt_text(&p), "AI|安全", "then the oldest");
	CHECK_INT(p.regex, 1, "with its mode: a regular expression");
	CHECK_INT(prompt_key(&p, KEYS_FN(KEY_UP)), PROMPT_NONE,
	    "Up at the oldest does nothing");
	prompt_key(&p, KEYS_FN(KEY_DOWN));
	prompt_key(&p, KEYS_FN(KEY_DOWN));
	CHECK_INT(p.regex, 0, "Down: literal again");
	prompt_key(&p, KEYS_FN(KEY_DOWN));
	CHECK_STR(prompt_text(&p), "half", "Down past the latest: the line "
	    "that was being typed");
	CHECK_INT(prompt_key(&p, KEYS_FN(KEY_DOWN)), PROMPT_NONE,
	    "and no further");
	CHECK_INT(prompt_key(&p, KEYS_CTRL('r')), PROMPT_EDITED,
	    "Ctrl-R changes the mode");
	CHECK_INT(p.regex, 1, "Ctrl-R: a regular expression");
	prompt_key(&p, KEYS_CTRL('r'));
	CHECK_INT(p.regex, 0, "Ctrl-R again: literal");
	prompt_free(&p);
}

static void
test_limits(void)
{
	struct prompt p;
	int i;

	prompt_init(&p);
	prompt_start(&p, NULL, 0);
	for (i = 0; i < PROMPT_MAX; i++)
		prompt_key(&p, 0x4e2d);
	CHECK(p.len <= PROMPT_MAX, "the text never passes its limit");
	CHECK_INT(p.len % 3, 0, "and never ends inside a character");
	for (i = 0; i < PROMPT_HIST + 10; i++) {
		char b[16];

		snprintf(b, sizeof(b), "p%d", i);
		prompt_start(&p, b, 0);
		prompt_remember(&p);
	}
	CHECK_INT(p.nhist, PROMPT_HIST, "the history keeps its limit");
	CHECK_STR(p.hist[0].text, "p10", "by forgetting the oldest");
	prompt_free(&p);
}

/* What shows in a few columns, and where the cursor goes. */
static void
test_view(void)
{
	struct prompt p;
	struct prompt_view v;

	prompt_init(&p);
	prompt_start(&p, "中文ab", 0);
	v = prompt_view(&p, 20, 0);
	CHECK_INT(v.start, 0, "a short text shows whole");
	CHECK_INT(v.end, p.len, "to its end");
	CHECK_INT(v.cursor, 6, "the cursor after two wide characters and "
	    "two narrow ones is in column 6");
	prompt_key(&p, KEYS_FN(KEY_HOME));
	prompt_key(&p, KEYS_FN(KEY_RIGHT));
	v = prompt_view(&p, 20, 0);
	CHECK_INT(v.cursor, 2, "after one wide character: column 2");

	prompt_start(&p, "一二三四五六七八九十", 0);	/* 20 columns */
	v = prompt_view(&p, 9, 0);
	CHECK(v.cursor < 9, "a long text scrolls so that the cursor shows");
	CHECK_INT(v.end, p.len, "the end of the text shows with the cursor");
	CHECK(v.start > 0 && v.start % 3 == 0,
	    "it starts on a character boundary");
	CHECK_INT(v.cursor, 2 * (int)((p.len - v.start) / 3),
	    "the cursor column counts two for each wide character shown");
	prompt_key(&p, KEYS_FN(KEY_HOME));
	v = prompt_view(&p, 9, 0);
	CHECK_INT(v.start, 0, "Home scrolls back to the start");
	CHECK_INT(v.cursor, 0, "with the cursor in column 0");
	CHECK_INT(v.end, 4 * 3, "and what fits in 9 columns: 4 wide "
	    "characters");
	prompt_free(&p);
}

int
main(void)
{
	test_typing();
	test_deleting();
	test_combining();
	test_history();
	test_limits();
	test_view();
	return t_done();
}
