/*
 * linebreak.h: the line break opportunities of UTF-8 text, byte for byte
 * those of libunistring's u8_possible_linebreaks, found without it where
 * the text is ASCII, CJK or other common characters.
 */
#ifndef LECTERN_LINEBREAK_H
#define LECTERN_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

/*
 * Fills P[0 .. N-1] with what u8_possible_linebreaks(S, N, ENC, P) would
 * (UC_BREAK_* of unilbrk.h), for any bytes S, valid UTF-8 or not.
 */
void	 linebreak_possible(const uint8_t *, size_t, const char *, char *);

/* Does linebreak_possible claim any text itself with this libunistring? */
int	 linebreak_fast(void);

/*
 * Runs of ideographs, eight (24 bytes) at a time: the lanes of one of
 * the three words of them that hold a character's first byte.
 */
#define LINEBREAK_LEAD0	0x00ff0000ff0000ffULL	/* bytes 0, 3, 6 */
#define LINEBREAK_LEAD1	0xff0000ff0000ff00ULL	/* bytes 9, 12, 15 */
#define LINEBREAK_LEAD2	0x0000ff0000ff0000ULL	/* bytes 18, 21 */

/* The eight bytes at P, lane 0 the first. */
static inline uint64_t
linebreak_word(const void *p)
{
	uint64_t x;

	memcpy(&x, p, sizeof(x));
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x = __builtin_bswap64(x);
#endif
	return x;
}

/* Byte LEAD in the lanes of M, CONT in the others. */
static inline uint64_t
linebreak_lanes(uint8_t lead, uint8_t cont, uint64_t m)
{
	const uint64_t ones = 0x0101010101010101ULL;

	return (ones * lead & m) | (ones * cont & ~m);
}

/*
 * The high bit of each lane of word X that is not a byte of a character
 * of U+4000 to U+9FFF, the lanes of M first bytes (0xe4 to 0xe9), the
 * others continuation bytes.
 */
static inline uint64_t
linebreak_ideo_bad(uint64_t x, uint64_t m)
{
	const uint64_t ones = 0x0101010101010101ULL, high = ones * 0x80;
	uint64_t y = x ^ linebreak_lanes(0xe0, 0x80, m);

	/* Each lane of Y below 0x80, at most 9 or 0x3f, at least 4 or 0;
	   no lane carries into the next unless one is bad already. */
	return (y | (y + linebreak_lanes(0x7f - 9, 0x7f - 0x3f, m)) |
	    ~((y | high) - linebreak_lanes(4, 0, m))) & high;
}

/* Are the 24 bytes at P eight characters of U+4000 to U+9FFF? */
static inline int
linebreak_ideo8(const uint8_t *p)
{
	return (linebreak_ideo_bad(linebreak_word(p), LINEBREAK_LEAD0) |
	    linebreak_ideo_bad(linebreak_word(p + 8), LINEBREAK_LEAD1) |
	    linebreak_ideo_bad(linebreak_word(p + 16), LINEBREAK_LEAD2)) == 0;
}

/*
 * The bytes of the characters of U+4000 to U+9FFF that the 24 bytes at P
 * start with: 0 to 24, a multiple of 3. The lanes before the first bad
 * one are right, whatever carries after it.
 */
static inline uint32_t
linebreak_ideo_run(const uint8_t *p)
{
	uint64_t bad;
	uint32_t n;

	if ((bad = linebreak_ideo_bad(linebreak_word(p), LINEBREAK_LEAD0)) != 0)
		n = 0;
	else if ((bad = linebreak_ideo_bad(linebreak_word(p + 8),
	    LINEBREAK_LEAD1)) != 0)
		n = 8;
	else if ((bad = linebreak_ideo_bad(linebreak_word(p + 16),
	    LINEBREAK_LEAD2)) != 0)
		n = 16;
	else
		return 24;
	n += (uint32_t)__builtin_ctzll(bad) / 8;
	return n / 3 * 3;
}

#endif
