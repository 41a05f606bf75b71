/* decode.c: bytes of any supported encoding to valid UTF-8. */
#ifndef LECTERN_DECODE_H
#define LECTERN_DECODE_H

#include <stddef.h>

#define DECODE_MAX_SIZE_DEFAULT	((size_t)256 << 20)	/* [bytes] */

struct decoded {
	char		*text;		/* valid UTF-8, NUL-terminated, LF line ends */
	size_t		 len;		/* [bytes], not counting the NUL */
	char		*encoding;	/* what the input was read as, "UTF-8" ... */
	int		 assumed;	/* 1 when the encoding was guessed */
	int		 replaced;	/* invalid sequences turned into U+FFFD */
};

/* Outcomes; each also has a message in the error buffer. */
enum decode_status {
	DECODE_OK = 0,
	DECODE_EFILE = 1,	/* cannot read, directory, binary, too large */
	DECODE_EUSAGE = 2	/* unknown encoding name */
};

/*
 * Reads PATH ("-" for standard input) whole, at most MAX bytes, and decodes
 * it: a BOM decides; else ENCODING (when not NULL) converts through iconv;
 * else valid UTF-8 is kept (and UTF-8 with a few bad sequences or a cut
 * last character, as UTF-8 with U+FFFD); else GB18030, then Latin-1, with
 * ASSUMED set. Fills OUT on success; otherwise writes one line, without the
 * file name, into ERR. A named FIFO or device is refused; standard input
 * may be anything but a directory, and is cut at MAX.
 */
enum decode_status decode_file(const char *path, const char *encoding,
	    size_t max, struct decoded *out, char *err, size_t errlen);

/* Decodes N bytes at P the same way (no binary check, no size cap). */
enum decode_status decode_bytes(const char *p, size_t n, const char *encoding,
	    struct decoded *out, char *err, size_t errlen);

/*
 * Decodes the N bytes at BUF as decode_file decodes a file's, taking BUF
 * (malloc'd, at least N + 1 bytes) over: it is freed or becomes OUT's.
 */
enum decode_status decode_take(char *buf, size_t n, const char *encoding,
	    struct decoded *out, char *err, size_t errlen);

/*
 * Whether N bytes at P are well-formed UTF-8, as u8_check finds (it says
 * where they are not), only faster.
 */
int	decode_utf8_valid(const char *p, size_t n);

void	decoded_free(struct decoded *);

#endif
