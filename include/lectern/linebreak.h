/*
 * linebreak.h: the line break opportunities of UTF-8 text, byte for byte
 * those of libunistring's u8_possible_linebreaks, found without it where
 * the text is ASCII, CJK or other common characters.
 */
#ifndef LECTERN_LINEBREAK_H
#define LECTERN_LINEBREAK_H

#include <stddef.h>
#include <stdint.h>

/*
 * Fills P[0 .. N-1] with what u8_possible_linebreaks(S, N, ENC, P) would
 * (UC_BREAK_* of unilbrk.h), for any bytes S, valid UTF-8 or not.
 */
void	 linebreak_possible(const uint8_t *, size_t, const char *, char *);

/* Does linebreak_possible claim any text itself with this libunistring? */
int	 linebreak_fast(void);

#endif
