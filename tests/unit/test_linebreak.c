/*
 * Unit tests of linebreak.c: linebreak_possible gives, byte for byte,
 * what libunistring's u8_possible_linebreaks gives, in both encodings
 * layout asks for ("UTF-8", and "GBK" where ambiguous characters are
 * wide): next to every kind of character on every code point of its
 * alphabet, on every text block and table cell of the documents of the
 * tests and the bundled content, and on cases made for the rules of
 * UAX #14 that look past one pair of characters.
 */
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>

#include "lectern/decode.h"
#include "lectern/doc.h"
#include "lectern/linebreak.h"
#include "t.h"

static const char *const encs[] = { "UTF-8", "GBK" };

/* Characters to set each code point beside: one of each class of the
   alphabet, and those whose rules look further than a pair. */
static const uint32_t ctx[] = {
	'a', '0', ',', '/', '!', '"', '(', ')', '}', '$', '%', '-', '|', ' ',
	0x2014, 0x2026, 0x00a0, 0x4e00, 0x300c, 0x3005, 0x3001, 0x3000,
	0xac00, 0xff09, 0x00ad,
	0x200d,		/* zero width joiner */
	0x0301,		/* combining mark */
	0x05d0,		/* Hebrew letter */
	0x1f1e6,	/* regional indicator */
	'\r', '\t', '\n',
	0x200b,		/* zero width space */
	0x2060,		/* word joiner */
	0x1f466,	/* emoji base */
	0x1f3fb,	/* emoji modifier */
	0x00b0, 0x00b7,	/* ambiguous */
	0x0e01,		/* complex context (Thai) */
	0xfffc,		/* contingent break */
	0x1100, 0x1161, 0x11a8	/* Hangul jamo */
};

/* A growing byte buffer. */
static uint8_t	*buf;
static size_t	 nbuf, capbuf;

/* Makes room for K more bytes. */
static void
grow(size_t k)
{
	if (nbuf + k > capbuf) {
		capbuf = capbuf ? capbuf * 2 : 65536;
		if ((buf = realloc(buf, capbuf)) == NULL)
			abort();
	}
}

/* Appends byte C. */
static void
putb(uint8_t c)
{
	grow(1);
	buf[nbuf++] = c;
}

/* Appends code point U as UTF-8. */
static void
put(uint32_t u)
{
	grow(4);
	if (u < 0x80)
		buf[nbuf++] = (uint8_t)u;
	else if (u < 0x800) {
		buf[nbuf++] = (uint8_t)(0xc0 | u >> 6);
		buf[nbuf++] = (uint8_t)(0x80 | (u & 0x3f));
	} else if (u < 0x10000) {
		buf[nbuf++] = (uint8_t)(0xe0 | u >> 12);
		buf[nbuf++] = (uint8_t)(0x80 | ((u >> 6) & 0x3f));
		buf[nbuf++] = (uint8_t)(0x80 | (u & 0x3f));
	} else {
		buf[nbuf++] = (uint8_t)(0xf0 | u >> 18);
		buf[nbuf++] = (uint8_t)(0x80 | ((u >> 12) & 0x3f));
		buf[nbuf++] = (uint8_t)(0x80 | ((u >> 6) & 0x3f));
		buf[nbuf++] = (uint8_t)(0x80 | (u & 0x3f));
	}
}

/*
 * Whether both give the same on N bytes at S in either encoding; the
 * first difference is printed, named by WHAT.
 */
static int
same(const uint8_t *s, size_t n, const char *what)
{
	char *want = malloc(n + 1), *got = malloc(n + 1);
	size_t e, i;
	int ok = 1;

	if (want == NULL || got == NULL)
		abort();
	for (e = 0; e < 2 && ok; e++) {
		u8_possible_linebreaks(s, n, encs[e], want);
		linebreak_possible(s, n, encs[e], got);
		for (i = 0; i < n; i++)
			if (want[i] != got[i])
				break;
		if (i < n) {
			ok = 0;
			printf("# %s (%s): byte %zu of %zu: got %d, want %d:"
			    " \"%.*s\" | \"%.*s\"\n", what, encs[e], i, n,
			    got[i], want[i], (int)(i < 12 ? i : 12),
			    (const char *)s + i - (i < 12 ? i : 12),
			    (int)(n - i < 12 ? n - i : 12),
			    (const char *)s + i);
		}
	}
	free(want);
	free(got);
	return ok;
}

/*
 * Code points LO to HI, each beside each of ctx: "xcxc'x...", the same
 * with spaces, and each at the start of a line; in the forms below, 'x'
 * stands for the one of ctx and 'u' for the code point.
 */
static int
range(uint32_t lo, uint32_t hi)
{
	static const char *const forms[] = { "xu", " u x", "\nux" };
	const char *f;
	size_t k, j;
	uint32_t u;
	char what[64];
	int ok = 1;

	for (k = 0; k < sizeof(ctx) / sizeof(ctx[0]); k++) {
		nbuf = 0;
		for (j = 0; j < sizeof(forms) / sizeof(forms[0]); j++) {
			for (u = lo; u <= hi; u++) {
				if (u >= 0xd800 && u < 0xe000)
					continue;
				for (f = forms[j]; *f != '\0'; f++)
					put(*f == 'x' ? ctx[k] : *f == 'u' ? u :
					    (uint32_t)*f);
			}
			put(ctx[k]);
		}
		snprintf(what, sizeof(what), "U+%04X to U+%04X beside U+%04X",
		    lo, hi, ctx[k]);
		ok &= same(buf, nbuf, what);
	}
	return ok;
}

/* Cases for the rules that look past a pair, and for bytes. */
static const char *const cases[] = {
	/* LB8: ZW SP* */
	"a\xe2\x80\x8b  b", "\xe2\x80\x8b b", "a \xe2\x80\x8b\xe4\xb8\x80",
	/* LB14: OP SP* */
	"( a", "(  \xe4\xb8\xad", "\xe3\x80\x8c a", "a ( ( b",
	/* LB15: QU SP* OP */
	"\" (", "\xe2\x80\x9c (a", "a \" (b", "'(x)' (y)",
	/* LB16: (CL | CP) SP* NS */
	") \xe3\x80\x85", "\xe3\x80\x8d \xe3\x83\xbc", "a) \xe3\x81\x81",
	"} \xe3\x80\x85",
	/* LB17: B2 SP* B2 */
	"\xe2\x80\x94 \xe2\x80\x94", "a\xe2\x80\x94\xe2\x80\x94" "b",
	"\xe2\x80\x94  \xe2\x80\x94 a",
	/* LB21a: HL (HY | BA) */
	"\xd7\x90-a", "\xd7\x90- a", "\xd7\x90|b", "\xd7\x90\xd7\x91-12",
	"\xd7\x90\xc2\xad" "a", "a-\xd7\x90-b",
	/* LB25: numbers */
	"$1,000.00%", "(12)", "12-34", "+1.5e-3", "1/2", "-5 %", "\xef\xbc\x84" "5",
	/* LB28a to LB30: letters, numbers, brackets, East Asian */
	"a(b", "1(2)", "\xe4\xb8\xad(a)", "\xef\xbc\x88\xe4\xb8\xad\xef\xbc\x89",
	"a\xef\xbc\x89" "b", "x)y", "x]y", "(a)b[c]d{e}f",
	/* LB30a: regional indicators */
	"\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa" "a",
	"a\xf0\x9f\x87\xab\xf0\x9f\x87\xb7\xf0\x9f\x87\xa9\xf0\x9f\x87\xaa"
	"\xf0\x9f\x87\xab",
	/* LB30b: emoji and their modifiers */
	"\xf0\x9f\x91\xa6\xf0\x9f\x8f\xbb" "a", "a\xf0\x9f\x91\xa6\xf0\x9f\x8f\xbb b",
	"\xf0\x9f\x8f\xbb\xf0\x9f\x8f\xbb", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd ok",
	"\xe2\x9c\x8c\xef\xb8\x8f" "a",
	/* runs cut in the middle of a character, and bytes that are none */
	"ab\xe4\xb8", "\xe4\xb8\xad\xe4", "\xe4\xb8", "a\xc3", "\xf0\x9f\x98",
	"\xe4\xb8" "a", "\xe4" "ab", "\xff\xfe a", "\xc0\x80", "\xed\xa0\x80",
	"\xe0\x80\x80 a", "\x80\x80" "a", "a\xe4\xb8\xad\xbf" "b",
	/* CR LF */
	"a\r\nb", "\xe4\xb8\xad\r\n\xe4\xb8\xad", "\r\n", "\r", "a\r",
	" \r\n ", "\n\r", "a\r\r\n\nb",
	/* ZWJ */
	"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7",
	"a\xe2\x80\x8d" "b", "a\xe2\x80\x8d\xe4\xb8\xad", " \xe2\x80\x8d a",
	/* combining marks after ASCII, after spaces, at the start */
	"e\xcc\x81", " \xcc\x81" "a", "a \xcc\x81", "\xcc\x81" "a",
	"\xe4\xb8\xad\xcc\x81", "( \xcc\x81" "a",
	/* U+00A0, U+2060, U+3000 */
	"a\xc2\xa0" "b", "1\xc2\xa0%", "\xc2\xa0 a", "a\xe2\x81\xa0" "b",
	"a \xe2\x81\xa0 b", "\xe4\xb8\xad\xe3\x80\x80\xe4\xb8\xad",
	"a\xe3\x80\x80" "b", "\xe3\x80\x82\xe3\x80\x80\xe3\x80\x8c",
	/* fullwidth forms */
	"\xef\xbc\xa1\xef\xbc\xa2\xef\xbc\x91\xef\xbc\x92\xef\xbc\x81\xef\xbc\x9f"
	"\xef\xbc\x88\xef\xbc\x89", "\xef\xbd\x81\xef\xbc\x8c\xef\xbd\x82",
	/* Han and Latin without spaces, kana, Hangul */
	"\xe4\xb8\xad\xe6\x96\x87" "English\xe6\xb7\xb7\xe5\x90\x88" "123",
	"\xe7\x94\xa8lectern\xe9\x98\x85\xe8\xaf\xbb\xe3\x80\x82",
	"AI\xe7\x9a\x84" "2023\xe5\xb9\xb4",
	"\xe3\x81\x8b\xe3\x81\xa3\xe3\x81\x93\xe3\x83\xbc\xe3\x82\x8b",
	"\xed\x95\x9c\xea\xb5\xad\xec\x96\xb4 \xed\x85\x8d\xec\x8a\xa4\xed\x8a\xb8",
	"\xea\xb0\x80\xeb\x82\x98(\xeb\x8b\xa4)",
	/* controls, Latin-1, soft hyphen */
	"a\tb", "a\x01" "b", "\x7f",
	"caf\xc3\xa9 \xc2\xab" "q\xc2\xbb \xc2\xbfqu\xc3\xa9?",
	"a\xc2\xad" "b", "\xc2\xbd \xc3\x97 \xc3\xb7",
	/* ends and starts */
	"", " ", "  a  ", "-", "--a", "a-", "\xe3\x80\x80", "|a|", "a\n",
};

/* Every text block and table cell of the document at PATH. */
static int
document(const char *path)
{
	FILE *f = fopen(path, "rb");
	struct decoded dec;
	struct doc *d;
	char err[256], *raw = NULL;
	size_t n = 0, cap = 0, k;
	uint32_t b, j, a, e;
	int ok = 1;

	if (f == NULL)
		return 0;
	for (;;) {
		if (n == cap && (raw = realloc(raw, cap = cap * 2 + 65536)) ==
		    NULL)
			abort();
		if ((k = fread(raw + n, 1, cap - n, f)) == 0)
			break;
		n += k;
	}
	fclose(f);
	if (decode_bytes(raw, n, NULL, &dec, err, sizeof(err)) != DECODE_OK) {
		free(raw);
		return 0;
	}
	d = doc_parse(dec.text, dec.len);
	for (b = 0; b < d->nblocks; b++) {
		const struct block *bl = &d->blocks[b];

		if (bl->text == NULL)
			continue;
		ok &= same((const uint8_t *)bl->text, bl->len, path);
		for (j = 0; bl->cells != NULL &&
		    j < (uint32_t)bl->nrows * bl->ncols; j++) {
			a = bl->cells[j].off;
			e = a + bl->cells[j].len;
			if (a <= e && e <= bl->len)
				ok &= same((const uint8_t *)bl->text + a,
				    e - a, path);
		}
	}
	doc_free(d);
	decoded_free(&dec);
	free(raw);
	return ok;
}

/* Every document matching PATTERN; how many in *NP. */
static int
documents(const char *pattern, size_t *np)
{
	glob_t g;
	size_t i;
	int ok = 1;

	*np = 0;
	if (glob(pattern, 0, NULL, &g) != 0)
		return 0;
	for (i = 0; i < g.gl_pathc; i++) {
		ok &= document(g.gl_pathv[i]);
		(*np)++;
	}
	globfree(&g);
	return ok;
}

int
main(void)
{
	static const char *const docs[] = {
		"tests/corpus/docs/*.md", "tests/golden/*.md",
		"tests/hostile/*.md", "content/*.md"
	};
	size_t i, n;
	int ok;

	if (!linebreak_fast())
		printf("ok 1 # SKIP no fast path with this libunistring\n");
	else
		CHECK(1, "the fast path runs with this libunistring");

	CHECK(range(0x0000, 0x02ff), "U+0000 to U+02FF beside each kind");
	CHECK(range(0x2000, 0x20ff), "general punctuation beside each kind");
	CHECK(range(0x3000, 0x33ff), "CJK punctuation, kana beside each kind");
	CHECK(range(0x3400, 0x9fff), "ideographs beside each kind");
	CHECK(range(0xa960, 0xd7ff), "Hangul syllables beside each kind");
	CHECK(range(0xfe00, 0xffff), "fullwidth forms beside each kind");

	ok = 1;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		ok &= same((const uint8_t *)cases[i], strlen(cases[i]),
		    cases[i]);
	CHECK(ok, "cases for the rules beyond a pair, CR LF, bad bytes");

	/* Each case cut at every byte, and all of them run together. */
	ok = 1;
	nbuf = 0;
	for (i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		size_t len = strlen(cases[i]), k;

		for (k = 0; k < len; k++)
			ok &= same((const uint8_t *)cases[i] + k, len - k,
			    cases[i]);
		for (k = 0; k < len; k++)
			putb((uint8_t)cases[i][k]);
		put(' ');
	}
	ok &= same(buf, nbuf, "the cases together");
	CHECK(ok, "the cases cut anywhere, and together");

	for (i = 0; i < sizeof(docs) / sizeof(docs[0]); i++) {
		char what[96];

		ok = documents(docs[i], &n);
		snprintf(what, sizeof(what), "every block and cell of %s (%zu)",
		    docs[i], n);
		CHECK(ok && n > 0, what);
	}
	free(buf);
	return t_done();
}
