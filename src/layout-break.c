/*
 * layout-break.c: where the lines of a block's text may break (the
 * break classes of c->brk): UAX #14 as linebreak.c finds it, with the
 * rules of layout_breaks added for kinsoku, Korean words, quotation
 * marks, URLs, inline code and footnote references.
 */
#include <string.h>

#include <unictype.h>
#include <unilbrk.h>
#include <unistr.h>

#include "lectern/doc.h"
#include "lectern/layout.h"
#include "lectern/layout-int.h"
#include "lectern/linebreak.h"

/* Is C infix numeric punctuation (UAX #14 class IS)? */
static int
layout_break_infix(ucs4_t c)
{
	switch (c) {
	case ',': case '.': case ':': case ';': case 0x037e: case 0x0589:
	case 0x060c: case 0x060d: case 0x2044:
		return 1;
	}
	return 0;
}

/* ASCII letters and digits, by byte. */
static const char layout_break_alnum[] =
	"                                                0000000000      "
	" AAAAAAAAAAAAAAAAAAAAAAAAAA      AAAAAAAAAAAAAAAAAAAAAAAAAA     ";

/*
 * Is C plain: an ASCII letter or digit, or a character of U+4000 to
 * U+9FFF (layout_is_han)? None of the rules of layout_breaks looks at a
 * plain character after another.
 */
static inline int
layout_break_plain(ucs4_t c)
{
	return (c < 0x80 && layout_break_alnum[c] != ' ') ||
	    (c >= 0x4000 && c <= 0x9fff);
}

/*
 * End of the ideographs (layout_is_han) of S from I, before END, eight
 * at a time where it can.
 */
static inline uint32_t
layout_break_han_end(const uint8_t *s, uint32_t i, uint32_t end)
{
	uint32_t k;

	/* Eight at a time when the eighth looks like one. */
	if (end - i >= 24 && s[i + 21] - 0xe4u < 6 && layout_runs)
		do {
			i += k = linebreak_ideo_run(s + i);
		} while (k == 24 && end - i >= 24);
	while (layout_is_han(s + i, s + end))
		i += 3;
	return i;
}

/* End of the plain characters of S from I, before END. */
static inline uint32_t
layout_break_plain_end(const uint8_t *s, uint32_t i, uint32_t end)
{
	while (i < end) {
		if (s[i] < 0x80 && layout_break_alnum[s[i]] != ' ')
			i++;
		else if (layout_is_han(s + i, s + end))
			i = layout_break_han_end(s, i + 3, end);
		else
			break;
	}
	return i;
}

/* The plain character that ends before E. */
static inline ucs4_t
layout_break_plain_last(const uint8_t *s, uint32_t e)
{
	if (s[e - 1] < 0x80)
		return s[e - 1];
	return (ucs4_t)(s[e - 3] & 0x0f) << 12 |
	    (ucs4_t)(s[e - 2] & 0x3f) << 6 | (s[e - 1] & 0x3f);
}

/*
 * The character at S[I], before END, in *UP, and its length, as
 * u8_mbtouc finds them; ASCII and the three-byte characters of CJK
 * punctuation and kana without calling it.
 */
static inline int
layout_break_char(const uint8_t *s, uint32_t i, uint32_t end, ucs4_t *up)
{
	if (s[i] < 0x80) {
		*up = s[i];
		return 1;
	}
	/* No overlong form after 0xe0, no surrogate after 0xed. */
	if (end - i >= 3 && s[i] - 0xe1u <= 0xef - 0xe1 && s[i] != 0xed &&
	    ((s[i + 1] ^ 0x80) | (s[i + 2] ^ 0x80)) < 0x40) {
		*up = (ucs4_t)(s[i] & 0x0f) << 12 |
		    (ucs4_t)(s[i + 1] & 0x3f) << 6 | (s[i + 2] & 0x3f);
		return 3;
	}
	return u8_mbtouc(up, s + i, end - i);
}

/* Is BRK an opportunity of any kind, ordinary or a fallback? */
static int
layout_break_any(char brk)
{
	return layout_can_break(brk) || brk == LAYOUT_SPACE ||
	    brk == LAYOUT_WEAK;
}

/* Is C a quotation mark (UAX #14 class QU, near enough)? */
static int
layout_break_quote(ucs4_t c)
{
	return c == '"' || c == '\'' ||
	    uc_is_general_category(c, UC_CATEGORY_Pi) ||
	    uc_is_general_category(c, UC_CATEGORY_Pf);
}

/* Is C a Hangul jamo or syllable? */
static inline int
layout_break_hangul(ucs4_t c)
{
	if (c < 0x1100 || (c >= 0x3190 && c < 0xa960))	/* Han: fast */
		return 0;
	return c <= 0x11ff || (c >= 0x3130 && c <= 0x318f) ||
	    (c >= 0xa960 && c <= 0xa97f) || (c >= 0xac00 && c <= 0xd7ff) ||
	    (c >= 0xffa0 && c <= 0xffdc);
}

/*
 * ASCII bytes of a URL as it stands in running text, 'a' for those its
 * path or query may break after, ' ' for the others.
 */
static const char layout_break_urlb[] =
	"                                 u uuuauuuuuuaaauuuuuuuuuuuu a a"
	"uuuuuuuuuuuuuuuuuuuuuuuuuuuuuuuu uuuuuuuuuuuuuuuuuuuuuuuuuuuuuu ";

/* Is byte C one a URL's path or query may break after? */
static inline int
layout_break_url_after(uint8_t c)
{
	return c < 0x80 && layout_break_urlb[c] == 'a';
}

/* Is byte C an ASCII letter? */
static int
layout_break_url_letter(uint8_t c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Is byte C one of a URL scheme's? */
static int
layout_break_url_scheme(uint8_t c)
{
	return layout_break_url_letter(c) || (c >= '0' && c <= '9') || c == '+' ||
	    c == '-' || c == '.';
}

/* Is byte C part of a URL as it stands in running text? */
static inline int
layout_break_url_byte(uint8_t c)
{
	return c < 0x80 && layout_break_urlb[c] != ' ';
}

/*
 * End of the URL whose host starts at H, before END: printable ASCII up
 * to a space, less trailing punctuation and each ')' that closes nothing.
 * The brackets are counted once, so that "www.))))..." stays linear.
 */
static uint32_t
layout_break_url_end(const uint8_t *s, uint32_t h, uint32_t end)
{
	uint32_t e = h, k;
	size_t nopen = 0, nclose = 0;
	int counted = 0;

	while (e < end && layout_break_url_byte(s[e]))
		e++;
	for (;;) {
		while (e > h && strchr(".,:;!?'*_~", s[e - 1]) != NULL)
			e--;
		if (e == h || s[e - 1] != ')')
			break;
		/* Counted once, over the whole, when a ')' ends it. */
		for (k = e; !counted && k < end &&
		    layout_break_url_byte(s[k]); k++)
			;
		for (; !counted && k > h; k--) {
			nopen += s[k - 1] == '(';
			nclose += s[k - 1] == ')';
		}
		counted = 1;
		if (nclose <= nopen)
			break;
		e--;
		nclose--;
	}
	return e;
}

/*
 * Sets the opportunities of the URL [U, E) whose host starts at H: none
 * in the scheme or the host, so that only a host wider than the line is
 * cut; between them only when scheme and host do not fit on one line
 * (LAYOUT_WEAK). In the path and query: after '/', '?', '&', '=' and
 * '-', but after '.' and before a digit only when a line has no other
 * opportunity, as in prose (so that "2305.15324", "report.pdf" and
 * "2023-09" stay whole); once in a run of them, and never before closing
 * punctuation. A host wider than a whole line breaks after a '.' or '-'
 * of its own (LAYOUT_HOST) rather than anywhere.
 */
static void
layout_break_url_set(struct layout_ctx *c, uint32_t u, uint32_t h, uint32_t e)
{
	const uint8_t *s = (const uint8_t *)c->b->text;
	uint32_t j, he = h;

	while (he < e && s[he] != '/' && s[he] != '?' && s[he] != '#')
		he++;
	if (e > u + 1)
		memset(c->brk + u + 1, UC_BREAK_PROHIBITED, e - u - 1);
	for (j = h + 1; j < he; j++)	/* the host */
		if ((s[j - 1] == '.' || s[j - 1] == '-') && s[j] != '.' &&
		    s[j] != '-')
			c->brk[j] = LAYOUT_HOST;
	for (j = he + 1; j < e; j++) {
		if (layout_break_url_after(s[j]) ||
		    !layout_break_url_after(s[j - 1]) || layout_is_close(s[j]))
			continue;
		c->brk[j] = s[j - 1] == '.' || (s[j - 1] == '-' &&
		    s[j] >= '0' && s[j] <= '9') ? LAYOUT_WEAK :
		    UC_BREAK_POSSIBLE;
	}
	if (h > u && h < e)
		c->brk[h] = LAYOUT_WEAK;
}

/*
 * Finds the URLs in text [START, END), "scheme://..." or "www....", and
 * sets their break opportunities.
 */
static void
layout_break_urls(struct layout_ctx *c, uint32_t start, uint32_t end)
{
	const uint8_t *s = (const uint8_t *)c->b->text, *p;
	uint32_t i, u, h, e;

	for (i = start; i + 3 < end; i = e) {
		if ((p = memchr(s + i, ':', end - i - 3)) == NULL)
			break;
		i = (uint32_t)(p - s);
		e = i + 1;
		if (p[1] != '/' || p[2] != '/')
			continue;
		for (u = i; u > start && layout_break_url_scheme(s[u - 1]); u--)
			;
		while (u < i && !layout_break_url_letter(s[u]))
			u++;
		h = i + 3;
		if (u < i && (e = layout_break_url_end(s, h, end)) > h)
			layout_break_url_set(c, u, h, e);
		else
			e = h;
	}
	for (i = start + 3; i + 1 < end; i = e) {
		if ((p = memchr(s + i, '.', end - i - 1)) == NULL)
			break;
		e = (uint32_t)(p - s) + 1;
		u = e - 4;
		if (memcmp(s + u, "www", 3) != 0 ||
		    (u > start && layout_break_url_byte(s[u - 1])))
			continue;
		if ((h = layout_break_url_end(s, u, end)) > e) {
			layout_break_url_set(c, u, u, h);
			e = h;
		}
	}
}

/*
 * Does the quotation mark before the spaces before I (text from START)
 * open a quotation, as Unicode 15.1's LB15a has it: an initial quote (Pi)
 * at the start or after a space, an opening bracket or another quote?
 */
static int
layout_break_quote_opens(const struct layout_ctx *c, uint32_t start, uint32_t i)
{
	const uint8_t *s = (const uint8_t *)c->b->text, *q;
	ucs4_t quote, before;

	while (i > start && s[i - 1] == ' ')
		i--;
	if ((q = u8_prev(&quote, s + i, s + start)) == NULL ||
	    !uc_is_general_category(quote, UC_CATEGORY_Pi))
		return 0;
	if (u8_prev(&before, q, s + start) == NULL)
		return 1;
	return before == ' ' || layout_is_open(before) ||
	    layout_break_quote(before);
}

/*
 * Sets the opportunities of the inline code span [A, E) of text from
 * START: a word of its own after a space, whatever punctuation it starts
 * with (unless what comes before the space is opening punctuation);
 * inside, only after a space, else LAYOUT_WEAK.
 */
static void
layout_break_code_span(struct layout_ctx *c, uint32_t start, uint32_t a,
    uint32_t e)
{
	const uint8_t *s = (const uint8_t *)c->b->text;
	uint32_t j;
	ucs4_t prev;

	if (a > start && s[a - 1] == ' ' && (c->brk[a] == UC_BREAK_PROHIBITED ||
	    c->brk[a] == LAYOUT_SPACE)) {
		for (j = a; j > start && s[j - 1] == ' '; j--)
			;
		if (j > start && u8_prev(&prev, s + j, s + start) != NULL &&
		    !layout_is_open(prev))
			c->brk[a] = UC_BREAK_POSSIBLE;
	}
	for (j = a + 1; j < e; j++)
		if (layout_can_break(c->brk[j]) && s[j - 1] != ' ')
			c->brk[j] = LAYOUT_WEAK;
}

/*
 * Finds the break opportunities of text [START, END) into c->brk:
 *
 * 1. UAX #14 from libunistring.
 * 2. Its rule LB15 as Unicode 15.1 has it: a quotation mark and spaces
 *    before an opening bracket forbid a break there only when the quote
 *    opens (class Pi, at the start of a phrase). Older libunistring glues
 *    any quote to the bracket, so that '"context" (Antoine' is one word.
 * 3. Kinsoku: no break before closing punctuation or after opening
 *    punctuation, spaces between not counting; and rule LB29 that
 *    libunistring lacks: no break between infix punctuation and a narrow
 *    letter ("e.g.", "a,b", "example.com").
 * 4. Fallbacks, taken only when a line has no ordinary opportunity:
 *    LAYOUT_SPACE where UAX #14 forbids a break after a space (" .dir",
 *    "—— ——"), so that a word is not cut while the line has a space;
 *    LAYOUT_WEAK, for a word wider than the line, next to Hangul except
 *    after a space, since Korean sets spaces between words and breaks
 *    there (CSS word-break: keep-all), particles after a bracket
 *    included.
 * 5. URLs: see layout_break_url_set; inline code spans: layout_break_code_span.
 * 6. Footnote references and link numbers (runs R0 .. R0+NR-1 styled
 *    ST_NOTEREF or ST_LINKNUM): no break before one, and LAYOUT_NOSPLIT
 *    inside so that even a forced cut avoids it.
 */
void
layout_breaks(struct layout_ctx *c, uint32_t start, uint32_t end, uint32_t r0,
    uint32_t nr)
{
	const struct block *b = c->b;
	const uint8_t *s = (const uint8_t *)b->text;
	ucs4_t u, prev = 0, last = 0;
	uint32_t i, j, a, e, r;
	char *k;
	int n;

	if (end <= start)
		return;
	linebreak_possible(s + start, end - start, c->enc, c->brk + start);
	for (i = start; i < end; i += n) {
		/* Letters, digits and ideographs after one, or after spaces
		   and an opportunity but no opening punctuation, and spaces
		   where no break is: no rule applies. */
		if ((layout_break_plain(last) || (last == ' ' &&
		    c->brk[i] == UC_BREAK_POSSIBLE && !layout_is_open(prev))) &&
		    (n = (int)(layout_break_plain_end(s, i, end) - i)) > 0) {
			prev = last = layout_break_plain_last(s, i + (uint32_t)n);
			continue;
		}
		if (s[i] == ' ' && c->brk[i] == UC_BREAK_PROHIBITED) {
			last = ' ';
			n = 1;
			continue;
		}
		n = layout_break_char(s, i, end, &u);
		k = &c->brk[i];
		if (layout_newline(c, i)) {
			prev = last = 0;
			continue;
		}
		if (last == ' ' && *k == UC_BREAK_PROHIBITED && u != ' ') {
			if (layout_break_quote(prev) &&
			    uc_is_general_category(u, UC_CATEGORY_Ps) &&
			    !layout_break_quote_opens(c, start, i))
				*k = UC_BREAK_POSSIBLE;
			else if (!uc_is_general_category(u, UC_CATEGORY_M))
				*k = LAYOUT_SPACE;
		}
		if (layout_break_any(*k) &&
		    (layout_is_close(u) || layout_is_open(prev) ||
		    (layout_break_infix(last) && uc_is_alpha(u) &&
		    layout_cpwidth(u, 0) == 1)))
			*k = UC_BREAK_PROHIBITED;
		else if (layout_can_break(*k) && last != ' ' &&
		    (layout_break_hangul(u) || layout_break_hangul(last)))
			*k = LAYOUT_WEAK;
		if (u != ' ')
			prev = u;
		last = u;
	}
	layout_break_urls(c, start, end);
	if (r0 > b->nruns)
		return;
	if (nr > b->nruns - r0)
		nr = b->nruns - r0;
	for (r = r0; r < r0 + nr; r++) {
		a = b->runs[r].off;
		e = a + b->runs[r].len;
		if (a < start || e > end || e < a)
			continue;
		if (b->runs[r].style & ST_CODE)
			layout_break_code_span(c, start, a, e);
		if (!(b->runs[r].style & (ST_NOTEREF | ST_LINKNUM)))
			continue;
		if (a > start && layout_break_any(c->brk[a]))
			c->brk[a] = UC_BREAK_PROHIBITED;
		for (j = a + 1; j < e; j++)
			if (layout_break_any(c->brk[j]) ||
			    c->brk[j] == UC_BREAK_PROHIBITED)
				c->brk[j] = LAYOUT_NOSPLIT;
	}
}
