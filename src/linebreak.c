/*
 * linebreak.c: the break opportunities of UAX #14 as libunistring finds
 * them, without it where the text is common (linebreak.h).
 *
 * libunistring 1.0's u8_possible_linebreaks reads the text once, from
 * left to right, and decides the byte before each character from what it
 * holds: the class of the last character that was not a space, whether
 * spaces came since, and the class of the character before (for a few
 * rules: after a zero width joiner, after a Hebrew letter and a hyphen),
 * with a count of regional indicators. After most characters all of it
 * is known from that character alone: whatever came before, its class is
 * the last one, no space came since, and the rules of the character
 * before do not apply. Call such a character a sync point; a space, a
 * hyphen (HY) and a break-after character (BA) are not one, for the
 * Hebrew rule.
 *
 * Between sync points made of the characters of the alphabet below
 * (ASCII, Latin-1 and Latin Extended letters, general punctuation,
 * ideographs, kana, Hangul syllables, CJK and fullwidth punctuation),
 * the answer is the pair table of UAX #14 and nothing else: the class of
 * the last character that was not a space, spaces or not, the class of
 * this one. That table is libunistring's own, read once from its answers
 * on each pair of the alphabet's classes (linebreak_learn). Every other
 * stretch of the text goes to libunistring itself, from the sync point
 * before it through the first sync point after it: from a sync point on,
 * libunistring answers as it does on the whole text. What makes it so
 * holds for one version of libunistring, 1.0; with any other every byte
 * goes to libunistring.
 *
 * The classes of the alphabet are written as strings of one letter a
 * class; tests/unit/test_linebreak.c checks every code point of the
 * alphabet against libunistring, in both the encodings layout uses.
 */
#include <pthread.h>
#include <string.h>

#include <unilbrk.h>
#include <unistring/version.h>

#include "lectern/linebreak.h"

/*
 * The classes of the alphabet, UAX #14's names. A class from
 * LINEBREAK_LF on is a sync point. As the class of the last character,
 * LINEBREAK_LF stands for the start of the text or of a line.
 */
enum linebreak_class {
	LINEBREAK_X,		/* not in the alphabet */
	LINEBREAK_SP,		/* space */
	LINEBREAK_HY,		/* hyphen */
	LINEBREAK_BA,		/* break after */
	LINEBREAK_LF,		/* line feed */
	LINEBREAK_AL,		/* alphabetic */
	LINEBREAK_NU,		/* numeric */
	LINEBREAK_IS,		/* infix separator */
	LINEBREAK_SY,		/* symbol allowing a break after */
	LINEBREAK_EX,		/* exclamation, interrogation */
	LINEBREAK_QU,		/* quotation */
	LINEBREAK_OP,		/* opening punctuation */
	LINEBREAK_CP,		/* closing parenthesis */
	LINEBREAK_CL,		/* closing punctuation */
	LINEBREAK_PR,		/* prefix numeric */
	LINEBREAK_PO,		/* postfix numeric */
	LINEBREAK_B2,		/* break opportunity before and after */
	LINEBREAK_IN,		/* inseparable */
	LINEBREAK_GL,		/* glue */
	LINEBREAK_ID,		/* ideographic */
	LINEBREAK_OPW,		/* opening punctuation, East Asian wide */
	LINEBREAK_NS,		/* nonstarter */
	LINEBREAK_N
};

/* The letter of each class in the tables below; the others are X. */
static const uint8_t linebreak_letter[128] = {
	['S'] = LINEBREAK_SP, ['h'] = LINEBREAK_HY, ['b'] = LINEBREAK_BA,
	['L'] = LINEBREAK_LF, ['a'] = LINEBREAK_AL, ['n'] = LINEBREAK_NU,
	['i'] = LINEBREAK_IS, ['s'] = LINEBREAK_SY, ['e'] = LINEBREAK_EX,
	['q'] = LINEBREAK_QU, ['o'] = LINEBREAK_OP, ['c'] = LINEBREAK_CP,
	['l'] = LINEBREAK_CL, ['r'] = LINEBREAK_PR, ['p'] = LINEBREAK_PO,
	['B'] = LINEBREAK_B2, ['z'] = LINEBREAK_IN, ['g'] = LINEBREAK_GL,
	['I'] = LINEBREAK_ID, ['O'] = LINEBREAK_OPW, ['N'] = LINEBREAK_NS
};

/* A character of each class, to learn the pair table from. */
static const uint32_t linebreak_sample[LINEBREAK_N] = {
	[LINEBREAK_HY] = '-', [LINEBREAK_BA] = '|', [LINEBREAK_AL] = 'a',
	[LINEBREAK_NU] = '0', [LINEBREAK_IS] = ',', [LINEBREAK_SY] = '/',
	[LINEBREAK_EX] = '!', [LINEBREAK_QU] = '"', [LINEBREAK_OP] = '(',
	[LINEBREAK_CP] = ')', [LINEBREAK_CL] = '}', [LINEBREAK_PR] = '$',
	[LINEBREAK_PO] = '%', [LINEBREAK_B2] = 0x2014, [LINEBREAK_IN] = 0x2026,
	[LINEBREAK_GL] = 0x00a0, [LINEBREAK_ID] = 0x4e00,
	[LINEBREAK_OPW] = 0x300c, [LINEBREAK_NS] = 0x3005
};

/* U+0000 to U+007F: the controls but line feed are not in the alphabet. */
static const char linebreak_ascii_src[] =
	"..........L....................."
	"Seqarpaqocarihisnnnnnnnnnniiaaaeaaaaaaaaaaaaaaaaaaaaaaaaaaaorcaa"
	"aaaaaaaaaaaaaaaaaaaaaaaaaaaobla.";

/* U+00A0 to U+00FF; U+0100 to U+024F are all AL. */
static const char linebreak_latin_src[] =
	"goprrra..a.qabaapr...a.....q...oaaaaaaaaaaaaaaaa"
	"aaaaaaa.aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa.aaaaaaaa";

/* U+2000 to U+206F, general punctuation. */
static const char linebreak_punct_src[] =
	"bbbbbbbgbbb.....bgbbB..aqqoqqqoq..aazzzb.......g"
	"ppppppppaqq.NNaaaaaasolNNNaaaaaaaaaaaababbbbabbb"
	".aaaaa..........";

/* U+3000 to U+30FF, CJK punctuation and kana. */
static const char linebreak_cjk_src[] =
	"bllIINIIOlOlOlOlOlIIOlOlOlOlNOllIIIIIIIIII......"
	"IIIII.IIIIINNIIIaNININININIIIIIIIIIIIIIIIIIIIIII"
	"IIINIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIINININIIIIIINI"
	"IIIIINNaa..NNNNINNININININIIIIIIIIIIIIIIIIIIIIII"
	"IIINIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIINININIIIIIINI"
	"IIIIINNIIIINNNNI";

/* U+FF00 to U+FFEF, fullwidth and halfwidth forms. */
static const char linebreak_full_src[] =
	"aeIIrpIIOlIIlIlIIIIIIIIIIINNIIIeIIIIIIIIIIIIIIII"
	"IIIIIIIIIIIOIlIIIIIIIIIIIIIIIIIIIIIIIIIIIIIOIlIO"
	"llOllNINNNNNNNNNNIIIIIIIIIIIIIIIIIIIIIIIIIIIIIII"
	"IIIIIIIIIIIIIINNIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIIa"
	"aaIIIIIIaaIIIIIIaaIIIIIIaaIIIaaaprIIIrraaaaaaaaa";

_Static_assert(sizeof(linebreak_ascii_src) == 128 + 1, "ASCII");
_Static_assert(sizeof(linebreak_latin_src) == 96 + 1, "Latin-1");
_Static_assert(sizeof(linebreak_punct_src) == 112 + 1, "punctuation");
_Static_assert(sizeof(linebreak_cjk_src) == 256 + 1, "CJK");
_Static_assert(sizeof(linebreak_full_src) == 240 + 1, "fullwidth");

/* The tables above as classes, and the pair table, once learnt. */
static uint8_t	linebreak_ascii[256], linebreak_latin[96],
		linebreak_punct[112], linebreak_cjk[256], linebreak_full[240];
/* What libunistring puts before a character of class C after one of
   class L, spaces between or not: linebreak_pair[spaces][L][C]. */
static char	linebreak_pair[2][LINEBREAK_N][LINEBREAK_N];
static int	linebreak_on;	/* the fast path runs */
static pthread_once_t linebreak_once = PTHREAD_ONCE_INIT;

/* Fills TAB[0 .. N-1] with the classes of the letters of SRC. */
static void
linebreak_table(uint8_t *tab, const char *src, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		tab[i] = linebreak_letter[(uint8_t)src[i] & 0x7f];
}

/* Appends code point U to BUF at *NP as UTF-8. */
static void
linebreak_put(uint8_t *buf, size_t *np, uint32_t u)
{
	if (u < 0x80)
		buf[(*np)++] = (uint8_t)u;
	else if (u < 0x800) {
		buf[(*np)++] = (uint8_t)(0xc0 | u >> 6);
		buf[(*np)++] = (uint8_t)(0x80 | (u & 0x3f));
	} else {
		buf[(*np)++] = (uint8_t)(0xe0 | u >> 12);
		buf[(*np)++] = (uint8_t)(0x80 | ((u >> 6) & 0x3f));
		buf[(*np)++] = (uint8_t)(0x80 | (u & 0x3f));
	}
}

/*
 * Learns the pair table from libunistring: one line a pair of classes
 * and spaces or not, "l c" or "lc" (and "c" or " c" at a line's start),
 * a line feed after each, which makes the next line start afresh.
 */
static void
linebreak_learn(void)
{
	static uint8_t buf[LINEBREAK_N * LINEBREAK_N * 2 * 8];
	static char brk[sizeof(buf)];
	static size_t at[2][LINEBREAK_N][LINEBREAK_N];
	size_t n = 0;
	int sp, l, c;

	if ((_libunistring_version >> 8) != 0x0100)
		return;
	linebreak_table(linebreak_ascii, linebreak_ascii_src, 128);
	linebreak_table(linebreak_latin, linebreak_latin_src, 96);
	linebreak_table(linebreak_punct, linebreak_punct_src, 112);
	linebreak_table(linebreak_cjk, linebreak_cjk_src, 256);
	linebreak_table(linebreak_full, linebreak_full_src, 240);
	for (sp = 0; sp < 2; sp++)
		for (l = LINEBREAK_HY; l < LINEBREAK_N; l++)
			for (c = LINEBREAK_HY; c < LINEBREAK_N; c++) {
				if (c == LINEBREAK_LF)
					continue;
				if (l != LINEBREAK_LF)
					linebreak_put(buf, &n,
					    linebreak_sample[l]);
				if (sp)
					buf[n++] = ' ';
				at[sp][l][c] = n;
				linebreak_put(buf, &n, linebreak_sample[c]);
				buf[n++] = '\n';
			}
	u8_possible_linebreaks(buf, n, "UTF-8", brk);
	for (sp = 0; sp < 2; sp++)
		for (l = LINEBREAK_HY; l < LINEBREAK_N; l++)
			for (c = LINEBREAK_HY; c < LINEBREAK_N; c++)
				if (c != LINEBREAK_LF)
					linebreak_pair[sp][l][c] =
					    brk[at[sp][l][c]];
	linebreak_on = 1;
}

/*
 * The class of the character at S, N bytes before the end, and its
 * length in *LENP; LINEBREAK_X (and no length) for a character outside
 * the alphabet or bytes that are not one.
 */
static inline int
linebreak_class(const uint8_t *s, size_t n, size_t *lenp)
{
	uint32_t c = s[0], u;

	if (c < 0x80) {
		*lenp = 1;
		return linebreak_ascii[c];
	}
	if (c >= 0xe0 && c < 0xf0) {
		if (n < 3 || (s[1] & 0xc0) != 0x80 || (s[2] & 0xc0) != 0x80)
			return LINEBREAK_X;
		u = (c & 0x0f) << 12 | (uint32_t)(s[1] & 0x3f) << 6 |
		    (s[2] & 0x3f);
		*lenp = 3;
		if ((u >= 0x4e00 && u <= 0x9fff) ||
		    (u >= 0x3400 && u <= 0x4dbf) ||
		    (u >= 0xac00 && u <= 0xd7a3))
			return LINEBREAK_ID;
		if (u >= 0x3000 && u <= 0x30ff)
			return linebreak_cjk[u - 0x3000];
		if (u >= 0xff00 && u <= 0xffef)
			return linebreak_full[u - 0xff00];
		if (u >= 0x2000 && u <= 0x206f)
			return linebreak_punct[u - 0x2000];
		return LINEBREAK_X;
	}
	if (c >= 0xc2 && c < 0xca) {
		if (n < 2 || (s[1] & 0xc0) != 0x80)
			return LINEBREAK_X;
		u = (c & 0x1f) << 6 | (s[1] & 0x3f);
		*lenp = 2;
		if (u >= 0x100)
			return LINEBREAK_AL;
		if (u >= 0xa0)
			return linebreak_latin[u - 0xa0];
	}
	return LINEBREAK_X;
}

/*
 * Hands the stretch of S (N bytes) at I, whose first character is not in
 * the alphabet, to libunistring: from FROM, the sync point before it
 * (SIZE_MAX: none, the start of the text), through the first sync point
 * after it. Returns where that ends; the class of the sync point in
 * *LASTP and its start in *FROMP.
 */
static size_t
linebreak_slow(const uint8_t *s, size_t n, const char *enc, char *p,
    size_t i, size_t *fromp, int *lastp)
{
	size_t e = i, len = 0, from = *fromp == SIZE_MAX ? 0 : *fromp;
	int cls = LINEBREAK_X;
	char keep = p[from];

	while (e < n) {
		if ((cls = linebreak_class(s + e, n - e, &len)) ==
		    LINEBREAK_X) {
			e++;
			continue;
		}
		e += len;
		if (cls >= LINEBREAK_LF)
			break;
	}
	u8_possible_linebreaks(s + from, e - from, enc, p + from);
	/* libunistring starts afresh at FROM: what came before decides. */
	if (*fromp != SIZE_MAX)
		p[from] = keep;
	*fromp = e - len;
	*lastp = cls;
	return e;
}

/* Is there an ideograph of U+4E00 to U+9FFF at S, before END? */
static inline int
linebreak_han(const uint8_t *s, const uint8_t *end)
{
	return end - s >= 3 && (s[0] - 0xe5u < 5 || (s[0] == 0xe4 &&
	    s[1] >= 0xb8)) && ((s[1] ^ 0x80) | (s[2] ^ 0x80)) < 0x40;
}

void
linebreak_possible(const uint8_t *s, size_t n, const char *enc, char *p)
{
	size_t i = 0, from = SIZE_MAX, len = 1;
	int last = LINEBREAK_LF, spaces = 0, cls;
	char same;

	pthread_once(&linebreak_once, linebreak_learn);
	if (!linebreak_on) {
		u8_possible_linebreaks(s, n, enc, p);
		return;
	}
	memset(p, UC_BREAK_PROHIBITED, n);
	while (i < n) {
		if (s[i] < 0x80) {
			cls = linebreak_ascii[s[i]];
			len = 1;
		} else
			cls = linebreak_class(s + i, n - i, &len);
		if (cls == LINEBREAK_SP) {
			spaces = 1;
			i++;
			continue;
		}
		if (cls == LINEBREAK_LF) {
			p[i] = UC_BREAK_MANDATORY;
			last = LINEBREAK_LF;
			spaces = 0;
			from = i++;
			continue;
		}
		if (cls == LINEBREAK_X) {
			i = linebreak_slow(s, n, enc, p, i, &from, &last);
			spaces = 0;
			continue;
		}
		p[i] = linebreak_pair[spaces][last][cls];
		last = cls;
		spaces = 0;
		i += len;
		/* More of the same class, the common case: a word. */
		same = linebreak_pair[0][cls][cls];
		if (len == 1)	/* linebreak_ascii is X from 0x80 on */
			while (i < n && linebreak_ascii[s[i]] == cls)
				p[i++] = same;
		else if (cls == LINEBREAK_ID)
			while (linebreak_han(s + i, s + n)) {
				p[i] = same;
				i += 3;
			}
		if (cls >= LINEBREAK_LF)
			from = i - len;
	}
}

int
linebreak_fast(void)
{
	pthread_once(&linebreak_once, linebreak_learn);
	return linebreak_on;
}
