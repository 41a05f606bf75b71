/* search.c: literal and regular expression matches over the document. */
#include <regex.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "lectern/compat.h"
#include "lectern/doc.h"
#include "lectern/search.h"
#include "lectern/util.h"

#define SEARCH_CACHE	256	/* case folding cache slots */
#define SEARCH_SLACK	16	/* folded bytes one character may need */

/* A code point and its full case folding, in UTF-8. */
struct search_fold {
	uint32_t	 cp;		/* 0 for an empty slot */
	uint8_t		 len;		/* [bytes] */
	uint8_t		 out[15];	/* at most 3 code points */
};

struct search {
	int		 icase;		/* fold case */
	int		 regex;		/* use re, else pat */
	int		 empty;		/* matches nothing */
	regex_t		 re;
	char		*pat;		/* folded pattern */
	size_t		 patlen;	/* [bytes] */
	char		*ftext;		/* folded block, reused */
	uint32_t	*fmap;		/* folded byte -> original byte */
	size_t		 fcap;		/* of ftext and fmap [entries] */
	struct search_fold cache[SEARCH_CACHE];
};

/* Where matches go: a growable array with a limit. */
struct search_out {
	struct match	*m;
	size_t		 n, cap;	/* [matches] */
	size_t		 max;		/* stop at this many [matches] */
	int		 full;		/* one more was found past max */
};

/* Classes of a character next to which a space is optional. */
#define SEARCH_OTHER	0
#define SEARCH_CJK	1	/* Han, kana, Hangul, Bopomofo */
#define SEARCH_LATIN	2	/* any other letter or digit */

/* Whether ASCII byte C is white space. */
static inline int
search_is_space(unsigned int c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The class of folded character C (SEARCH_OTHER, _CJK or _LATIN). */
static int
search_class(ucs4_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
		    (c >= 'A' && c <= 'Z') ? SEARCH_LATIN : SEARCH_OTHER;
	if ((c >= 0x1100 && c <= 0x11ff) || (c >= 0x2e80 && c <= 0x2fdf) ||
	    (c >= 0x3040 && c <= 0x31ff) || (c >= 0x3400 && c <= 0x4dbf) ||
	    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xa960 && c <= 0xa97f) ||
	    (c >= 0xac00 && c <= 0xd7ff) || (c >= 0xf900 && c <= 0xfaff) ||
	    (c >= 0x20000 && c <= 0x3ffff))
		return SEARCH_CJK;
	return uc_is_alnum(c) ? SEARCH_LATIN : SEARCH_OTHER;
}

/* Whether the character at P, one of at most N bytes, is white space. */
static int
search_is_white(const char *p, size_t n)
{
	ucs4_t	c;

	if ((unsigned char)*p < 0x80)
		return search_is_space((unsigned char)*p);
	u8_mbtouc(&c, (const uint8_t *)p, n);
	return uc_is_property_white_space(c);
}

/* Length of the UTF-8 character at P, one of at most N bytes. */
static size_t
search_charlen(const char *p, size_t n)
{
	ucs4_t	c;
	int	l;

	if ((unsigned char)*p < 0x80)
		return 1;
	l = u8_mbtouc(&c, (const uint8_t *)p, n);
	return l > 0 ? (size_t)l : 1;
}

/* Makes room for N folded bytes and their map. */
static void
search_reserve(struct search *s, size_t n)
{
	size_t	cap;

	if (n <= s->fcap)
		return;
	cap = s->fcap ? s->fcap : 256;
	while (cap < n)
		cap *= 2;
	s->ftext = xrealloc(s->ftext, cap);
	s->fmap = xreallocarray(s->fmap, cap, sizeof(*s->fmap));
	s->fcap = cap;
}

/* The full case folding of C, through a small cache. */
static const struct search_fold *
search_casefold(struct search *s, ucs4_t c)
{
	struct search_fold	*f = &s->cache[c % SEARCH_CACHE];
	uint32_t		 buf[8], *r;
	size_t			 n, i;
	int			 l;

	if (f->cp == c)
		return f;
	n = sizeof(buf) / sizeof(buf[0]);
	r = u32_casefold(&c, 1, NULL, NULL, buf, &n);
	f->cp = c;
	f->len = 0;
	for (i = 0; r != NULL && i < n &&
	    (size_t)f->len + 4 <= sizeof(f->out); i++) {
		l = u8_uctomb(f->out + f->len, r[i], sizeof(f->out) - f->len);
		if (l > 0)
			f->len += l;
	}
	if (r == NULL || f->len == 0) {
		/* Keep the character itself. */
		l = u8_uctomb(f->out, c, sizeof(f->out));
		f->len = l > 0 ? l : 0;
	}
	if (r != NULL && r != buf)
		free(r);
	return f;
}

/*
 * Folds LEN bytes of TEXT into s->ftext and returns the folded length.
 *
 * Most blocks are ASCII with single spaces; their fold is byte for byte
 * (a lower-cased copy), so the first loop does only that and leaves
 * *IDENT set: folded offsets are original offsets. At the first byte that
 * breaks this (a non-ASCII character, a second white space in a row) the
 * second loop takes over, and s->fmap[k] gives the original offset of the
 * character that produced folded byte k, for every k of the result.
 *
 * Between a CJK character and a Latin letter or digit (SEARCH_CJK and
 * SEARCH_LATIN, either way round) the fold has one space whether the
 * text has one or not, so that "AI安全" and "AI 安全" fold alike. An added
 * space maps to the character after it, where nothing white is.
 */
static size_t
search_fold(struct search *s, const char *text, size_t len, int *ident)
{
	const uint8_t	*p = (const uint8_t *)text;
	char		*o;
	uint32_t	*m;
	const struct search_fold *f;
	size_t		 i, k, start, n;
	ucs4_t		 c;
	int		 space = 0, l, cls = SEARCH_OTHER, kc;

	search_reserve(s, len + SEARCH_SLACK);
	o = s->ftext;
	for (i = 0; i < len; i++) {
		c = p[i];
		if (c >= 0x80)
			break;
		if (search_is_space(c)) {
			if (space)
				break;
			space = 1;
			c = ' ';
		} else {
			space = 0;
			if (s->icase && c - 'A' < 26)
				c += 'a' - 'A';
		}
		o[i] = c;
	}
	*ident = i == len;
	if (*ident)
		return len;

	m = s->fmap;
	for (k = 0; k < i; k++)
		m[k] = k;
	n = i;
	if (i > 0)
		cls = search_class(o[i - 1]);
	while (i < len) {
		start = i;
		if (p[i] < 0x80)
			c = p[i++];
		else {
			/* Room for this character and the rest as ASCII. */
			search_reserve(s, n + (len - i) + SEARCH_SLACK);
			o = s->ftext;
			m = s->fmap;
			l = u8_mbtouc(&c, p + i, len - i);
			i += l > 0 ? l : 1;
			if (c >= 0xFF01 && c <= 0xFF5E)
				c -= 0xFEE0;
			else if (c == 0x3000)
				c = ' ';
		}
		if (c < 0x80 && search_is_space(c)) {
			if (!space) {
				m[n] = start;
				o[n++] = ' ';
			}
			space = 1;
			continue;
		}
		if (c >= 0x80 && uc_is_property_white_space(c)) {
			if (!space) {
				m[n] = start;
				o[n++] = ' ';
			}
			space = 1;
			continue;
		}
		if (c >= 0x80 && uc_is_property_default_ignorable_code_point(c))
			continue;
		kc = search_class(c);
		if (!space && cls + kc == SEARCH_CJK + SEARCH_LATIN) {
			m[n] = start;
			o[n++] = ' ';
		}
		cls = kc;
		space = 0;
		if (c < 0x80) {
			if (s->icase && c - 'A' < 26)
				c += 'a' - 'A';
			m[n] = start;
			o[n++] = c;
			continue;
		}
		if (s->icase && uc_is_property_changes_when_casefolded(c)) {
			f = search_casefold(s, c);
			for (k = 0; k < f->len; k++) {
				m[n] = start;
				o[n++] = f->out[k];
			}
			continue;
		}
		for (k = start; k < i; k++) {
			m[n] = start;
			o[n++] = p[k];
		}
	}
	m[n] = len;
	return n;
}

/* Adds a match to OUT; returns 0 when OUT is full. */
static int
search_add(struct search_out *out, uint32_t block, size_t off, size_t len)
{
	struct match	*mt;

	if (out->n >= out->max) {
		out->full = 1;
		return 0;
	}
	mt = ARRAY_PUSH(out->m, out->n, out->cap);
	mt->block = block;
	mt->off = off;
	mt->len = len;
	return 1;
}

/* Adds the literal matches in LEN bytes of TEXT, block BLOCK, to OUT. */
static int
search_literal(struct search *s, const char *text, size_t len,
    uint32_t block, struct search_out *out)
{
	const char	*p, *end, *hit;
	size_t		 flen, fs, os, oe, last = 0;
	int		 ident;

	if (len < 1 || s->patlen == 0)
		return 1;
	flen = search_fold(s, text, len, &ident);
	p = s->ftext;
	end = p + flen;
	while ((size_t)(end - p) >= s->patlen &&
	    (hit = compat_memmem(p, end - p, s->pat, s->patlen)) != NULL) {
		p = hit + s->patlen;
		fs = hit - s->ftext;
		if (ident) {
			os = fs;
			oe = fs + s->patlen;
		} else {
			/*
			 * From the character that gave the first folded
			 * byte to the end of the one that gave the last.
			 */
			os = s->fmap[fs];
			oe = s->fmap[fs + s->patlen - 1];
			/* A space the fold added ends before what follows. */
			if (hit[s->patlen - 1] != ' ' ||
			    search_is_white(text + oe, len - oe))
				oe += search_charlen(text + oe, len - oe);
			/* "s" twice in the "ss" of one "ß": once. */
			if (os < last || oe <= os)
				continue;
		}
		last = oe;
		if (!search_add(out, block, os, oe - os))
			return 0;
	}
	return 1;
}

/* Adds the regular expression matches in TEXT, block BLOCK, to OUT. */
static int
search_regex(struct search *s, const char *text, size_t len,
    uint32_t block, struct search_out *out)
{
	regmatch_t	rm;
	size_t		pos = 0;
	int		eflags;

	while (pos <= len) {
		rm.rm_so = pos;
		rm.rm_eo = len;
		/*
		 * REG_STARTEND starts the text at rm_so. glibc still sees
		 * the byte before it, so that '^' matches there only after
		 * a newline; the BSDs and macOS take rm_so for the start of
		 * a line unless REG_NOTBOL says it is not one. Saying so
		 * gives the same matches everywhere.
		 */
		eflags = REG_STARTEND;
		if (pos > 0 && text[pos - 1] != '\n')
			eflags |= REG_NOTBOL;
		if (regexec(&s->re, text, 1, &rm, eflags) != 0)
			break;
		if (rm.rm_so < 0 || (size_t)rm.rm_so < pos)
			break;
		if (rm.rm_eo > rm.rm_so) {
			if (!search_add(out, block, rm.rm_so,
			    rm.rm_eo - rm.rm_so))
				return 0;
			pos = rm.rm_eo;
		} else if ((size_t)rm.rm_so < len)
			pos = rm.rm_so + search_charlen(text + rm.rm_so,
			    len - rm.rm_so);
		else
			break;
	}
	return 1;
}

/* Adds the matches in one text to OUT; returns 0 when OUT is full. */
static int
search_one(struct search *s, const char *text, size_t len, uint32_t block,
    struct search_out *out)
{
	if (s->empty)
		return 1;
	if (s->regex)
		return search_regex(s, text, len, block, out);
	return search_literal(s, text, len, block, out);
}

/* Whether the character at P is a capital letter; sets *LEN to its size. */
static int
search_upper_at(const char *p, size_t *len)
{
	ucs4_t	c;
	int	l;

	if ((unsigned char)*p < 0x80) {
		*len = 1;
		return *p >= 'A' && *p <= 'Z';
	}
	l = u8_mbtouc(&c, (const uint8_t *)p, strnlen(p, 4));
	*len = l > 0 ? (size_t)l : 1;
	return uc_is_upper(c);
}

/* Whether UTF-8 string P has a capital letter. */
static int
search_has_upper(const char *p)
{
	size_t	l;

	for (; *p != '\0'; p += l)
		if (search_upper_at(p, &l))
			return 1;
	return 0;
}

/*
 * Reads regular expression P: sets *UPPER when it has a capital letter
 * outside an escape (so "\S" stays smart), returns -1 for a back-reference
 * ("\1"), which can take exponential time, else 0.
 */
static int
search_scan_regex(const char *p, int *upper)
{
	size_t	l;
	char	close;

	*upper = 0;
	while (*p != '\0') {
		if (*p == '\\') {
			if (p[1] >= '1' && p[1] <= '9')
				return -1;
			if (p[1] == '\0')
				break;
			search_upper_at(p + 1, &l);
			p += 1 + l;
			continue;
		}
		if (*p != '[') {
			*upper |= search_upper_at(p, &l);
			p += l;
			continue;
		}
		/* A bracket expression: a "]" first is literal. */
		p++;
		if (*p == '^')
			p++;
		if (*p == ']')
			p++;
		while (*p != '\0' && *p != ']') {
			if (*p == '[' && (p[1] == ':' || p[1] == '.' ||
			    p[1] == '=')) {
				/* [:class:], [.coll.], [=equiv=] */
				close = p[1];
				for (p += 2; *p != '\0'; p++)
					if (p[0] == close && p[1] == ']')
						break;
				if (*p != '\0')
					p += 2;
				continue;
			}
			*upper |= search_upper_at(p, &l);
			p += l;
		}
		if (*p == ']')
			p++;
	}
	return 0;
}

/* Copies message MSG into ERR of ERRLEN bytes. */
static void
search_error(char *err, size_t errlen, const char *msg)
{
	if (err != NULL && errlen > 0) {
		strncpy(err, msg, errlen - 1);
		err[errlen - 1] = '\0';
	}
}

/* Compiles a pattern; see search.h. */
struct search *
search_new(const char *pattern, int flags, char *err, size_t errlen)
{
	struct search	*s;
	regmatch_t	 rm;
	size_t		 n;
	int		 upper, rc, ident;

	s = xcalloc(1, sizeof(*s));
	s->regex = (flags & SEARCH_REGEX) != 0;
	if (s->regex) {
		if (search_scan_regex(pattern, &upper) == -1) {
			search_error(err, errlen,
			    "back-references are not supported");
			free(s);
			return NULL;
		}
	} else
		upper = search_has_upper(pattern);
	if (flags & SEARCH_ICASE)
		s->icase = 1;
	else if (flags & SEARCH_CASE)
		s->icase = 0;
	else
		s->icase = !upper;

	if (*pattern == '\0') {
		s->empty = 1;
		return s;
	}
	if (!s->regex) {
		n = search_fold(s, pattern, strlen(pattern), &ident);
		s->pat = xstrndup(s->ftext, n);
		s->patlen = n;
		s->empty = n == 0;
		return s;
	}

	rc = regcomp(&s->re, pattern,
	    REG_EXTENDED | REG_NEWLINE | (s->icase ? REG_ICASE : 0));
	if (rc != 0) {
		if (err != NULL && errlen > 0)
			regerror(rc, &s->re, err, errlen);
		free(s);
		return NULL;
	}
	/* "x*" or "^" would match between every two characters. */
	rm.rm_so = 0;
	rm.rm_eo = 0;
	if (regexec(&s->re, "", 1, &rm, REG_STARTEND) == 0) {
		search_error(err, errlen, "the pattern matches empty text");
		regfree(&s->re);
		free(s);
		return NULL;
	}
	return s;
}

/* Frees a search; NULL is fine. */
void
search_free(struct search *s)
{
	if (s == NULL)
		return;
	if (s->regex && !s->empty)
		regfree(&s->re);
	free(s->pat);
	free(s->ftext);
	free(s->fmap);
	free(s);
}

/* Every match over the body and the notes, in one pass. */
int
search_all(struct search *s, const struct doc *doc, struct match **out,
    size_t *n)
{
	struct search_out	 o;
	const struct block	*b;
	uint32_t		 i;

	memset(&o, 0, sizeof(o));
	o.max = SEARCH_MAX;
	for (i = 0; i < doc->nblocks; i++) {
		b = &doc->blocks[i];
		if (b->text == NULL)
			continue;
		if (!search_one(s, b->text, b->len, i, &o))
			break;
	}
	*out = o.m;
	*n = o.n;
	return o.full;
}

/* The first match in one string. */
int
search_text(struct search *s, const char *text, size_t len, uint32_t *off,
    uint32_t *mlen)
{
	struct search_out	o;
	struct match		m;

	memset(&o, 0, sizeof(o));
	o.m = &m;
	o.cap = 1;
	o.max = 1;
	search_one(s, text, len, 0, &o);
	if (o.n == 0)
		return 0;
	*off = m.off;
	*mlen = m.len;
	return 1;
}

/* The anchor of a match as one number, in document order. */
static uint64_t
search_key(const void *p)
{
	const struct match *m = p;

	return (uint64_t)m->block << 32 | m->off;
}

/* The first match at or after an anchor: the first above the one before. */
size_t
search_lower(const struct match *m, size_t n, uint32_t block, uint32_t off)
{
	uint64_t x = (uint64_t)block << 32 | off;

	if (x == 0)
		return 0;
	return array_upper(m, n, sizeof(*m), search_key, x - 1);
}

/* The match to go to from an anchor, wrapping at either end. */
long
search_next(const struct match *m, size_t n, uint32_t block, uint32_t off,
    int dir, int *wrapped)
{
	size_t	i;

	if (wrapped != NULL)
		*wrapped = 0;
	if (n == 0)
		return -1;
	i = search_lower(m, n, block, off);
	if (dir >= 0) {
		if (i < n)
			return i;
		if (wrapped != NULL)
			*wrapped = 1;
		return 0;
	}
	if (i > 0)
		return i - 1;
	if (wrapped != NULL)
		*wrapped = 1;
	return n - 1;
}
