/* Unit tests of the count typed before a command (count.c). */
#include <curses.h>
#include <stdio.h>

#include "lectern/count.h"
#include "lectern/keys.h"
#include "t.h"

/* Types the keys of S, one character a key; returns the last result. */
static enum count_rc
type(struct count *c, const char *s, int *last)
{
	enum count_rc rc = COUNT_KEY;
	int code;

	for (; *s != '\0'; s++) {
		code = (unsigned char)*s;
		rc = count_key(c, &code);
		*last = code;
	}
	return rc;
}

/* Digits, then the command key that takes them. */
static void
test_digits(void)
{
	struct count c;
	int code;

	count_init(&c);
	CHECK_INT(type(&c, "1", &code), COUNT_TYPED, "a digit is typed");
	CHECK(count_typing(&c), "a count is being typed");
	CHECK_INT(type(&c, "0", &code), COUNT_TYPED, "so is the next");
	CHECK_INT(c.n, 10, "10 so far");
	CHECK_INT(type(&c, "j", &code), COUNT_KEY, "j is a command key");
	CHECK_INT(code, 'j', "and stays j");
	CHECK(!count_typing(&c), "the count is no longer typed");
	CHECK_INT(count_take(&c), 10, "j takes 10");
	CHECK_INT(count_take(&c), 0, "once");
	type(&c, "j", &code);
	CHECK_INT(count_take(&c), 0, "j alone has no count");
	type(&c, "5", &code);
	type(&c, "q", &code);
	type(&c, "j", &code);
	CHECK_INT(count_take(&c), 0, "a count is for the next key only");
	type(&c, "0j", &code);
	CHECK_INT(count_take(&c), 0, "0 is no count");
}

/* Backspace takes a digit back, Esc drops the count. */
static void
test_cancel(void)
{
	struct count c;
	int code;

	count_init(&c);
	type(&c, "123", &code);
	code = KEYS_FN(KEY_BACKSPACE);
	CHECK_INT(count_key(&c, &code), COUNT_TYPED,
	    "Backspace takes the last digit back");
	CHECK_INT(c.n, 12, "12 is left");
	code = 127;
	count_key(&c, &code);
	code = KEYS_CTRL('h');
	CHECK_INT(count_key(&c, &code), COUNT_CANCEL,
	    "past the first digit the count is gone");
	CHECK(!count_typing(&c), "and nothing is typed");
	type(&c, "42", &code);
	CHECK_INT(type(&c, "\033", &code), COUNT_CANCEL, "Esc cancels 42");
	CHECK_INT(type(&c, "u", &code), COUNT_KEY, "u is a command key");
	CHECK_INT(code, 'u', "Esc that cancelled a count is not Esc u");
	CHECK_INT(count_take(&c), 0, "u has no count");
}

/* Esc without a count: a key of its own, and the first of Esc u. */
static void
test_esc(void)
{
	struct count c;
	int code;

	count_init(&c);
	CHECK_INT(type(&c, "\033", &code), COUNT_KEY, "Esc is a key");
	CHECK_INT(code, 27, "of its own");
	CHECK_INT(type(&c, "u", &code), COUNT_KEY, "then u");
	CHECK_INT(code, KEYS_ESC('u'), "is Esc u");
	type(&c, "u", &code);
	CHECK_INT(code, 'u', "the next u is u again");
	type(&c, "\033", &code);
	code = KEYS_FN(KEY_DOWN);
	count_key(&c, &code);
	CHECK_INT(code, KEYS_FN(KEY_DOWN), "a function key after Esc stays");
	type(&c, "\0337j", &code);
	CHECK_INT(code, 'j', "a digit after Esc starts a count");
	CHECK_INT(count_take(&c), 7, "of 7");
}

/* A count stops growing before it overflows. */
static void
test_max(void)
{
	struct count c;
	int code;

	count_init(&c);
	type(&c, "99999999999999999999999", &code);
	CHECK(c.n > 0 && c.n <= COUNT_MAX, "a long count stays in range");
	code = 127;
	count_key(&c, &code);
	CHECK_INT(c.n, COUNT_MAX / 10, "Backspace takes back a kept digit");
}

int
main(void)
{
	test_digits();
	test_cancel();
	test_esc();
	test_max();
	return t_done();
}
