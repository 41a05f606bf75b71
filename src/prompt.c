/*
 * prompt.c: the one-line editor of the search prompt. The text is UTF-8
 * in a fixed buffer; the cursor is a byte offset that never stops inside
 * a character or between a character and the combining marks that go
 * with it. Columns are measured as layout measures them, so the cursor
 * sits where the status line draws the characters.
 */
#include <curses.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "lectern/keys.h"
#include "lectern/layout.h"
#include "lectern/prompt.h"
#include "lectern/util.h"

void
prompt_init(struct prompt *p)
{
	memset(p, 0, sizeof(*p));
}

void
prompt_free(struct prompt *p)
{
	size_t i;

	for (i = 0; i < p->nhist; i++)
		free(p->hist[i].text);
	free(p->hist);
	memset(p, 0, sizeof(*p));
}

/* Replaces the text with S (cut to fit), the cursor at its end. */
static void
prompt_set(struct prompt *p, const char *s)
{
	size_t n = s != NULL ? strlen(s) : 0;

	if (n > PROMPT_MAX) {
		n = PROMPT_MAX;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
	}
	if (n > 0)
		memcpy(p->text, s, n);
	p->text[n] = '\0';
	p->len = p->cursor = n;
}

void
prompt_start(struct prompt *p, const char *text, int regex)
{
	prompt_set(p, text);
	p->regex = regex;
	p->scroll = 0;
	p->hpos = p->nhist;
}

const char *
prompt_text(const struct prompt *p)
{
	return p->text;
}

/* The code point at byte I of the text; *N gets its length. */
static ucs4_t
prompt_char(const struct prompt *p, size_t i, size_t *n)
{
	ucs4_t c;
	int l;

	l = u8_mbtouc(&c, (const uint8_t *)p->text + i, p->len - i);
	*n = l > 0 ? (size_t)l : 1;
	return c;
}

/* Is the character at byte I a zero-width one (a combining mark)? */
static int
prompt_zero_at(const struct prompt *p, size_t i)
{
	size_t n;

	if (i >= p->len)
		return 0;
	prompt_char(p, i, &n);
	return layout_width(p->text + i, n, 0) == 0;
}

/* The start of the character before byte I. */
static size_t
prompt_prev(const struct prompt *p, size_t i)
{
	const uint8_t *s = (const uint8_t *)p->text;
	const uint8_t *q;
	ucs4_t c;

	if (i == 0)
		return 0;
	q = u8_prev(&c, s + i, s);
	return q != NULL ? (size_t)(q - s) : i - 1;
}

/* Byte I moved over one character and its combining marks: DIR > 0
   to the right, else to the left. */
static size_t
prompt_step(const struct prompt *p, size_t i, int dir)
{
	size_t n;

	if (dir > 0) {
		if (i >= p->len)
			return i;
		prompt_char(p, i, &n);
		i += n;
		while (prompt_zero_at(p, i)) {
			prompt_char(p, i, &n);
			i += n;
		}
		return i;
	}
	i = prompt_prev(p, i);
	while (i > 0 && prompt_zero_at(p, i))
		i = prompt_prev(p, i);
	return i;
}

/* Removes bytes [A, B) and puts the cursor at A. */
static void
prompt_cut(struct prompt *p, size_t a, size_t b)
{
	memmove(p->text + a, p->text + b, p->len - b + 1);
	p->len -= b - a;
	p->cursor = a;
}

/* May C be typed into the prompt? Controls and format characters (bidi
   controls among them) may not. */
static int
prompt_typable(int code)
{
	ucs4_t c = (ucs4_t)code;

	if (code < 0x20 || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
		return 0;
	return !uc_is_general_category(c, UC_CONTROL) &&
	    !uc_is_general_category(c, UC_FORMAT);
}

/* Inserts code point C at the cursor. */
static enum prompt_rc
prompt_insert(struct prompt *p, ucs4_t c)
{
	uint8_t b[6];
	int n = u8_uctomb(b, c, sizeof(b));

	if (n <= 0 || p->len + (size_t)n > PROMPT_MAX)
		return PROMPT_NONE;
	memmove(p->text + p->cursor + n, p->text + p->cursor,
	    p->len - p->cursor + 1);
	memcpy(p->text + p->cursor, b, (size_t)n);
	p->len += (size_t)n;
	p->cursor += (size_t)n;
	return PROMPT_EDITED;
}

/* Is the character before byte I white space? */
static int
prompt_space_before(const struct prompt *p, size_t i)
{
	size_t j = prompt_prev(p, i), n;

	return uc_is_property_white_space(prompt_char(p, j, &n));
}

/* Ctrl-W: removes the word before the cursor and the spaces after it. */
static enum prompt_rc
prompt_word(struct prompt *p)
{
	size_t i = p->cursor;

	if (i == 0)
		return PROMPT_NONE;
	while (i > 0 && prompt_space_before(p, i))
		i = prompt_prev(p, i);
	while (i > 0 && !prompt_space_before(p, i))
		i = prompt_prev(p, i);
	prompt_cut(p, i, p->cursor);
	return PROMPT_EDITED;
}

/* Up (DIR < 0) or Down through the earlier entries. */
static enum prompt_rc
prompt_history(struct prompt *p, int dir)
{
	if (dir < 0) {
		if (p->hpos == 0 || p->nhist == 0)
			return PROMPT_NONE;
		if (p->hpos >= p->nhist) {
			memcpy(p->saved, p->text, p->len + 1);
			p->saved_regex = p->regex;
			p->hpos = p->nhist;
		}
		p->hpos--;
	} else {
		if (p->hpos >= p->nhist)
			return PROMPT_NONE;
		p->hpos++;
	}
	if (p->hpos == p->nhist) {
		prompt_set(p, p->saved);
		p->regex = p->saved_regex;
	} else {
		prompt_set(p, p->hist[p->hpos].text);
		p->regex = p->hist[p->hpos].regex;
	}
	return PROMPT_EDITED;
}

enum prompt_rc
prompt_key(struct prompt *p, int code)
{
	size_t i;

	switch (code) {
	case '\n':
	case '\r':
	case KEYS_FN(KEY_ENTER):
		return PROMPT_ENTER;
	case 27:
	case KEYS_CTRL('g'):
		return PROMPT_CANCEL;
	case KEYS_FN(KEY_BACKSPACE):
	case 127:
	case KEYS_CTRL('h'):
		if (p->len == 0)
			return PROMPT_CANCEL;
		if (p->cursor == 0)
			return PROMPT_NONE;
		/* One code point: a combining mark goes before its base. */
		prompt_cut(p, prompt_prev(p, p->cursor), p->cursor);
		return PROMPT_EDITED;
	case KEYS_FN(KEY_DC):
	case KEYS_CTRL('d'):
		if (p->cursor >= p->len)
			return PROMPT_NONE;
		prompt_cut(p, p->cursor, prompt_step(p, p->cursor, 1));
		return PROMPT_EDITED;
	case KEYS_FN(KEY_LEFT):
	case KEYS_CTRL('b'):
		if (p->cursor == 0)
			return PROMPT_NONE;
		p->cursor = prompt_step(p, p->cursor, -1);
		return PROMPT_MOVED;
	case KEYS_FN(KEY_RIGHT):
	case KEYS_CTRL('f'):
		if (p->cursor >= p->len)
			return PROMPT_NONE;
		p->cursor = prompt_step(p, p->cursor, 1);
		return PROMPT_MOVED;
	case KEYS_FN(KEY_HOME):
	case KEYS_CTRL('a'):
		i = p->cursor;
		p->cursor = 0;
		return i != 0 ? PROMPT_MOVED : PROMPT_NONE;
	case KEYS_FN(KEY_END):
	case KEYS_CTRL('e'):
		i = p->cursor;
		p->cursor = p->len;
		return i != p->len ? PROMPT_MOVED : PROMPT_NONE;
	case KEYS_CTRL('u'):
		if (p->cursor == 0)
			return PROMPT_NONE;
		prompt_cut(p, 0, p->cursor);
		return PROMPT_EDITED;
	case KEYS_CTRL('k'):
		if (p->cursor >= p->len)
			return PROMPT_NONE;
		prompt_cut(p, p->cursor, p->len);
		return PROMPT_EDITED;
	case KEYS_CTRL('w'):
		return prompt_word(p);
	case KEYS_FN(KEY_UP):
	case KEYS_CTRL('p'):
		return prompt_history(p, -1);
	case KEYS_FN(KEY_DOWN):
	case KEYS_CTRL('n'):
		return prompt_history(p, 1);
	case KEYS_CTRL('r'):
		p->regex = !p->regex;
		return PROMPT_EDITED;
	default:
		if (!prompt_typable(code))
			return PROMPT_NONE;
		return prompt_insert(p, (ucs4_t)code);
	}
}

void
prompt_remember(struct prompt *p)
{
	struct prompt_entry *e;
	size_t i;

	if (p->len == 0)
		return;
	for (i = 0; i < p->nhist; i++)
		if (p->hist[i].regex == p->regex &&
		    strcmp(p->hist[i].text, p->text) == 0)
			break;
	if (i < p->nhist) {		/* again: it moves to the end */
		free(p->hist[i].text);
		memmove(p->hist + i, p->hist + i + 1,
		    (p->nhist - i - 1) * sizeof(*p->hist));
		p->nhist--;
	} else if (p->nhist >= PROMPT_HIST) {
		free(p->hist[0].text);
		memmove(p->hist, p->hist + 1,
		    (p->nhist - 1) * sizeof(*p->hist));
		p->nhist--;
	}
	e = ARRAY_PUSH(p->hist, p->nhist, p->histcap);
	e->text = xstrdup(p->text);
	e->regex = p->regex;
	p->hpos = p->nhist;
}

struct prompt_view
prompt_view(struct prompt *p, int width, int amb)
{
	struct prompt_view v;
	size_t i, n;
	int col, cur, w = 0;

	if (width < 1)
		width = 1;
	cur = layout_width(p->text, p->cursor, amb);
	/* Scroll only when the cursor leaves the columns shown; then put
	   it two thirds of the way across, so that typing goes on a while. */
	if (cur < p->scroll || cur >= p->scroll + width)
		p->scroll = cur - width * 2 / 3;
	if (p->scroll > cur)
		p->scroll = cur;
	if (p->scroll < 0)
		p->scroll = 0;
	/* The first character that starts at or after the scroll column. */
	for (i = 0, col = 0; i < p->len && col < p->scroll; i += n, col += w) {
		prompt_char(p, i, &n);
		w = layout_width(p->text + i, n, amb);
	}
	v.start = i;
	v.cursor = cur - col;
	for (; i < p->len; i += n, col += w) {
		prompt_char(p, i, &n);
		w = layout_width(p->text + i, n, amb);
		if (col + w - (cur - v.cursor) > width)
			break;
	}
	v.end = i;
	return v;
}
