/*
 * inert.c: the one inert form of untrusted text (see inert.h). The
 * classifier walks bytes: printable ASCII and, unless a flag asks to
 * look at them, well-formed characters whose lead byte cannot start a
 * control pass without being decoded, which keeps a whole document's
 * text at the speed of a byte loop.
 */
#include <langinfo.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unictype.h>
#include <unistr.h>

#include "lectern/inert.h"
#include "lectern/util.h"

/* Whether C is a control that never reaches the terminal as it is. */
static int
inert_control(ucs4_t c)
{
	return (c >= 0x80 && c <= 0x9f) ||
	    (c >= 0x202a && c <= 0x202e) ||
	    (c >= 0x2066 && c <= 0x2069) ||
	    c == 0x200e || c == 0x200f || c == 0x061c;
}

/* Whether C shows nothing: a format character, or one that is ignored. */
static int
inert_invisible(ucs4_t c)
{
	return uc_is_general_category(c, UC_CATEGORY_Cf) ||
	    uc_is_property_default_ignorable_code_point(c) ||
	    (c >= 0xe0000 && c <= 0xe007f);
}

/* Writes "<U+XXXX>" for C into VIS (at least 11 bytes). */
static void
inert_code(char *vis, ucs4_t c)
{
	static const char hex[] = "0123456789ABCDEF";
	int n = c > 0xfffff ? 6 : c > 0xffff ? 5 : 4, i;

	memcpy(vis, "<U+", 3);
	for (i = 0; i < n; i++)
		vis[3 + i] = hex[(c >> (4 * (n - 1 - i))) & 0xf];
	vis[3 + n] = '>';
	vis[4 + n] = '\0';
}

/*
 * Fills TOK for the character of LEN bytes C (LEN < 0: a byte that is not
 * UTF-8) under FLAGS; returns 0 when it shows as it is.
 */
static int
inert_classify(ucs4_t c, int len, int flags, unsigned char byte,
    struct inert_tok *tok)
{
	tok->len = len < 0 ? 1 : (size_t)len;
	tok->control = 1;
	if (len < 0) {
		tok->control = 0;
		if (flags & INERT_HEX)
			snprintf(tok->vis, sizeof(tok->vis), "\\x%02X", byte);
		else
			strcpy(tok->vis, "\xef\xbf\xbd");
	} else if (c == '\t' || c == '\n') {
		if (flags & INERT_KEEP_WS)
			return 0;
		tok->control = 0;
		strcpy(tok->vis, " ");
	} else if (c < 0x20 || c == 0x7f) {
		tok->vis[0] = '^';
		tok->vis[1] = c == 0x7f ? '?' : (char)(c + 0x40);
		tok->vis[2] = '\0';
	} else if (c < 0x80)
		return 0;
	else if (inert_control(c) || (flags & INERT_ASCII) ||
	    ((flags & INERT_FORMAT) && inert_invisible(c)))
		inert_code(tok->vis, c);
	else
		return 0;
	return 1;
}

/* Classifies the start of S: see inert.h. */
size_t
inert_span(const char *s, size_t n, int flags, struct inert_tok *tok)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + n;
	uint64_t w;
	ucs4_t c;
	int len;

	while (p < end) {
		if (*p >= 0x20 && *p < 0x7f) {
			p++;
			continue;
		}
		/*
		 * Characters of two to four bytes pass untouched unless they
		 * start with C2 (C1 controls), D8 (U+061C) or E2 (the other
		 * bidirectional controls): skip them without decoding. Text
		 * that may be anything (a file name) is decoded whole.
		 */
		if (flags == 0 || flags == INERT_KEEP_WS) {
			/* A run of CJK, E3 to EF and two trail bytes: two
			   at a time where a word's bytes are in memory
			   order (leads at 0 and 3, trail bytes between). */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			while (end - p >= 8) {
				memcpy(&w, p, sizeof(w));
				if ((w & 0x0000c0c0f0c0c0f0ULL) !=
				    0x00008080e08080e0ULL || p[0] < 0xe3 ||
				    p[3] < 0xe3)
					break;
				p += 6;
			}
#endif
			while (end - p >= 3 && (unsigned)(*p - 0xe3) <=
			    0xef - 0xe3 && ((p[1] ^ 0x80) | (p[2] ^ 0x80)) <
			    0x40)
				p += 3;
			if (p == end)
				break;
			if (*p >= 0x20 && *p < 0x7f)
				continue;
			if (*p >= 0xc3 && *p < 0xf5 && *p != 0xd8 &&
			    *p != 0xe2) {
				len = *p < 0xe0 ? 2 : *p < 0xf0 ? 3 : 4;
				if (end - p >= len && (p[1] & 0xc0) == 0x80 &&
				    (len < 3 || (p[2] & 0xc0) == 0x80) &&
				    (len < 4 || (p[3] & 0xc0) == 0x80)) {
					p += len;
					continue;
				}
			}
		}
		len = u8_mbtoucr(&c, p, (size_t)(end - p));
		if (inert_classify(c, len, flags, *p, tok))
			return (size_t)(p - (const uint8_t *)s);
		p += len;
	}
	return n;
}

/* Appends the inert form of S to B. */
void
inert_buf(struct buf *b, const char *s, size_t n, int flags)
{
	struct inert_tok tok;
	size_t k;

	for (;;) {
		k = inert_span(s, n, flags, &tok);
		buf_add(b, s, k);
		if (k == n)
			break;
		buf_adds(b, tok.vis);
		s += k + tok.len;
		n -= k + tok.len;
	}
}

/* Whether the locale's character set is UTF-8, asked once. */
int
inert_utf8(void)
{
	static int utf8 = -1;

	if (utf8 < 0)
		utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
	return utf8;
}

/* The flags for messages: \xNN, visible format characters, and
   <U+XXXX> for all beyond ASCII where the locale is not UTF-8. */
int
inert_msg_flags(void)
{
	return INERT_HEX | INERT_FORMAT | (inert_utf8() ? 0 : INERT_ASCII);
}

/* The inert form of S for a message, to free. */
char *
inert_str(const char *s)
{
	struct buf b = { 0 };

	inert_buf(&b, s, strlen(s), inert_msg_flags());
	return b.data != NULL ? b.data : xstrdup("");
}

/* Prints a message on stderr, made inert, after the program's name. */
void
inert_warnx(const char *fmt, ...)
{
	struct buf raw = { 0 }, b = { 0 };
	va_list ap;

	va_start(ap, fmt);
	buf_vprintf(&raw, fmt, ap);
	va_end(ap);
	buf_printf(&b, "%s: ", progname);
	inert_buf(&b, raw.data, raw.len, inert_msg_flags());
	buf_addc(&b, '\n');
	fwrite(b.data, 1, b.len, stderr);
	fflush(stderr);
	buf_free(&raw);
	buf_free(&b);
}

/* The hint for a locale that is not UTF-8, made once. */
const char *
inert_locale_hint(void)
{
	static char hint[160];

	if (hint[0] == '\0')
		snprintf(hint, sizeof(hint), "not a UTF-8 locale (%s): "
		    "characters beyond ASCII show as '?'; try LANG=C.UTF-8",
		    nl_langinfo(CODESET));
	return hint;
}
