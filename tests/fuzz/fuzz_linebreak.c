/*
 * fuzz_linebreak.c: a libFuzzer target for linebreak_possible, which
 * must give byte for byte what libunistring's u8_possible_linebreaks
 * gives.
 *
 * The low bit of the first byte of the input chooses the encoding
 * ("UTF-8" or "GBK", which makes ambiguous characters ideographs); the
 * next bit whether the rest is the text as it is, any bytes, or, as most
 * of the time, each byte of it picks a piece of text from a small
 * alphabet of the characters the rules of UAX #14 care about: ASCII
 * words, digits, spaces, ideographs, kana, Hangul, CJK punctuation,
 * quotes, brackets, joiners, emoji and their modifiers, regional
 * indicators, combining marks, no-break spaces, line ends. The target
 * aborts on the first byte where the two differ.
 *
 * Built and run by `make fuzz` (tests/fuzz/fuzz.sh).
 */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unilbrk.h>

#include "lectern/linebreak.h"

int	LLVMFuzzerTestOneInput(const uint8_t *, size_t);

/* The alphabet: each a short piece of UTF-8. */
static const char *const fuzz_piece[] = {
	"a", "word", "Lectern", "e", "x", "I", "0", "42", "3.14", " ", "  ",
	"\n", "\r", "\r\n", "\t", "-", "--", "/", ",", ".", ":", ";", "!", "?",
	"\"", "'", "(", ")", "[", "]", "{", "}", "$", "%", "+", "#", "|", "_",
	"\xe4\xb8\xad",			/* 中 */
	"\xe6\x96\x87\xe5\xad\x97",	/* 文字 */
	"\xe3\x81\x8b",			/* か */
	"\xe3\x81\xa3",			/* っ, small kana: NS */
	"\xe3\x83\xbc",			/* ー */
	"\xe3\x82\xab\xe3\x83\x8a",	/* カナ */
	"\xed\x95\x9c",			/* 한 */
	"\xea\xb0\x80",			/* 가 */
	"\xe1\x84\x80", "\xe1\x85\xa1",	/* Hangul jamo L, V */
	"\xe3\x80\x81", "\xe3\x80\x82",	/* 、。 */
	"\xef\xbc\x8c", "\xef\xbc\x9b",	/* ，； */
	"\xe3\x80\x8c", "\xe3\x80\x8d",	/* 「」 */
	"\xef\xbc\x88", "\xef\xbc\x89",	/* （） */
	"\xe3\x80\x8a", "\xe3\x80\x8b",	/* 《》 */
	"\xe3\x80\x80",			/* ideographic space */
	"\xe2\x80\x9c", "\xe2\x80\x9d",	/* “” */
	"\xe2\x80\x98", "\xe2\x80\x99",	/* ‘’ */
	"\xc2\xab", "\xc2\xbb",		/* «» */
	"\xe2\x80\x94", "\xe2\x80\xa6",	/* — … */
	"\xe2\x80\x93", "\xc2\xad",	/* – soft hyphen */
	"\xe2\x80\x8d",			/* zero width joiner */
	"\xe2\x80\x8b",			/* zero width space */
	"\xe2\x81\xa0",			/* word joiner */
	"\xc2\xa0",			/* no-break space */
	"\xe2\x80\xaf",			/* narrow no-break space */
	"\xcc\x81", "\xe3\x82\x99",	/* combining marks */
	"\xf0\x9f\x98\x80",		/* 😀 */
	"\xf0\x9f\x91\xa6",		/* 👦, an emoji base */
	"\xf0\x9f\x8f\xbb",		/* skin tone modifier */
	"\xef\xb8\x8f",			/* emoji presentation */
	"\xf0\x9f\x87\xab", "\xf0\x9f\x87\xb7",	/* regional indicators */
	"\xd7\x90", "\xd7\xa9\xd7\x9c\xd7\x95\xd7\x9d",	/* Hebrew */
	"\xe0\xb8\x81",			/* Thai */
	"\xc2\xb0", "\xc2\xb7", "\xc3\x97",	/* ambiguous */
	"\xc3\xa9", "\xc5\x93",		/* Latin letters */
	"\xef\xbc\xa1", "\xef\xbd\xb1",	/* fullwidth, halfwidth */
	"\xe2\x80\xa8",			/* line separator */
	"\xef\xbf\xbc",			/* object replacement: CB */
	"\xe4\xb8", "\xff", "\x80",	/* bytes that are no character */
};

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static uint8_t text[1 << 17];
	static char want[sizeof(text)], got[sizeof(text)];
	const char *enc;
	size_t n = 0, i, k;

	if (size < 1)
		return 0;
	enc = data[0] & 1 ? "GBK" : "UTF-8";
	if (data[0] & 2) {
		n = size - 1 < sizeof(text) ? size - 1 : sizeof(text);
		memcpy(text, data + 1, n);
	} else
		for (i = 1; i < size; i++) {
			const char *p = fuzz_piece[data[i] %
			    (sizeof(fuzz_piece) / sizeof(fuzz_piece[0]))];

			k = strlen(p);
			if (n + k > sizeof(text))
				break;
			memcpy(text + n, p, k);
			n += k;
		}
	u8_possible_linebreaks(text, n, enc, want);
	linebreak_possible(text, n, enc, got);
	for (i = 0; i < n; i++)
		if (want[i] != got[i]) {
			fprintf(stderr, "fuzz_linebreak: %s: byte %zu of %zu: "
			    "got %d, want %d\n", enc, i, n, got[i], want[i]);
			abort();
		}
	return 0;
}
