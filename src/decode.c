/* decode.c: bytes of any supported encoding to valid UTF-8. */
#include <sys/stat.h>

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <unistr.h>

#include "lectern/decode.h"
#include "lectern/util.h"

#define DECODE_SNIFF	8192		/* [bytes] searched for a NUL byte */
#define DECODE_CHUNK	65536		/* [bytes] first buffer for a stream */
#define DECODE_MIB	((size_t)1 << 20)	/* [bytes] */

static const char decode_fffd[] = "\xef\xbf\xbd";	/* U+FFFD in UTF-8 */

/* Byte order marks; UTF-32LE comes before the UTF-16LE mark it starts with. */
static const struct decode_bom {
	const char	*bytes;
	size_t		 len;		/* [bytes] */
	const char	*encoding;
	size_t		 unit;		/* [bytes] of one code unit */
} decode_boms[] = {
	{ "\xff\xfe\0\0", 4, "UTF-32LE", 4 },
	{ "\0\0\xfe\xff", 4, "UTF-32BE", 4 },
	{ "\xef\xbb\xbf", 3, "UTF-8", 1 },
	{ "\xff\xfe", 2, "UTF-16LE", 2 },
	{ "\xfe\xff", 2, "UTF-16BE", 2 },
};

/* Writes a one-line message into ERR. */
static void
decode_error(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void
decode_error(char *err, size_t errlen, const char *fmt, ...)
{
	va_list ap;

	if (err == NULL || errlen == 0)
		return;
	va_start(ap, fmt);
	vsnprintf(err, errlen, fmt, ap);
	va_end(ap);
}

/* Whether NAME is one that iconv can convert to UTF-8 from. */
static int
decode_known(const char *name)
{
	iconv_t cd;

	/* An empty name would mean the locale's encoding to iconv. */
	if (*name == '\0')
		return 0;
	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return 0;
	iconv_close(cd);
	return 1;
}

/* Whether NAME is UTF-8 under one of its usual spellings. */
static int
decode_is_utf8(const char *name)
{
	return strcasecmp(name, "UTF-8") == 0 || strcasecmp(name, "UTF8") == 0;
}

/* Bytes NAME writes for N copies of "A", or 0 when iconv cannot. */
static size_t
decode_probe(const char *name, size_t n)
{
	char in[16], out[128], *ip = in, *op = out;
	size_t il = n, ol = sizeof(out);
	iconv_t cd;
	size_t r;

	if ((cd = iconv_open(name, "UTF-8")) == (iconv_t)-1)
		return 0;
	memset(in, 'A', n);
	r = iconv(cd, &ip, &il, &op, &ol);
	if (r != (size_t)-1)
		r = iconv(cd, NULL, NULL, &op, &ol);
	iconv_close(cd);
	return r == (size_t)-1 ? 0 : sizeof(out) - ol;
}

/*
 * Size of one code unit of encoding NAME [bytes]: 2 for UTF-16, 4 for
 * UTF-32, 1 for byte encodings. Measured through iconv, so that every
 * alias it knows is covered; a byte order mark cancels out.
 */
static size_t
decode_unit(const char *name)
{
	size_t one, ten;

	one = decode_probe(name, 1);
	ten = decode_probe(name, 10);
	if (one == 0 || ten <= one || (ten - one) % 9 != 0)
		return 1;
	return (ten - one) / 9;
}

/* Appends U+FFFD to B and notes it. */
static void
decode_replace(struct buf *b, int *replaced)
{
	buf_add(b, decode_fffd, 3);
	*replaced = 1;
}

/*
 * Converts N bytes at P from the encoding of CD to UTF-8, appended to B.
 * STRICT stops at the first bad or cut sequence and returns -1; otherwise
 * each bad sequence becomes U+FFFD, skipping UNIT bytes at a time, and
 * the function returns 0.
 */
static int
decode_iconv(iconv_t cd, const char *p, size_t n, size_t unit, int strict,
    struct buf *b, int *replaced)
{
	char *in = (char *)p, *o;
	size_t inleft = n, oleft, skip, r;

	buf_grow(b, b->len + n + n / 2 + 16);
	while (inleft > 0) {
		o = b->data + b->len;
		oleft = b->cap - b->len - 1;
		r = iconv(cd, &in, &inleft, &o, &oleft);
		b->len = (size_t)(o - b->data);
		if (r != (size_t)-1)
			break;
		if (errno == E2BIG) {
			buf_grow(b, b->cap + 1);
			continue;
		}
		if (strict)
			return -1;
		if (errno == EINVAL)
			skip = inleft;		/* cut short at the end */
		else
			skip = unit < inleft ? unit : inleft;
		in += skip;
		inleft -= skip;
		decode_replace(b, replaced);
	}
	for (;;) {
		o = b->data + b->len;
		oleft = b->cap - b->len - 1;
		r = iconv(cd, NULL, NULL, &o, &oleft);
		b->len = (size_t)(o - b->data);
		if (r != (size_t)-1 || errno != E2BIG)
			break;
		buf_grow(b, b->cap + 1);
	}
	b->data[b->len] = '\0';
	return 0;
}

/* Converts N bytes at P from encoding NAME; see decode_iconv. */
static int
decode_convert(const char *name, const char *p, size_t n, size_t unit,
    int strict, struct buf *b, int *replaced)
{
	iconv_t cd;
	int rv;

	if ((cd = iconv_open("UTF-8", name)) == (iconv_t)-1)
		return -1;
	rv = decode_iconv(cd, p, n, unit, strict, b, replaced);
	iconv_close(cd);
	return rv;
}

/*
 * Whether N bytes at P are well-formed UTF-8: the verdict of u8_check,
 * which stays the one that finds where they are not. Text of words and
 * of CJK passes eight ASCII bytes at a time and a character without a
 * call, several times faster than u8_check.
 */
int
decode_utf8_valid(const char *p, size_t n)
{
	const uint8_t *s = (const uint8_t *)p, *end = s + n;
	uint64_t w;
	uint8_t c;

	while (s < end) {
		if ((c = *s) < 0x80) {
			while (end - s >= 8) {
				memcpy(&w, s, sizeof(w));
				if (w & 0x8080808080808080ULL)
					break;
				s += 8;
			}
			while (s < end && *s < 0x80)
				s++;
			continue;
		}
		/* Most of CJK: three bytes whose lead (E1 to EF, but ED)
		   needs no more than two trail bytes. Two at a time where
		   a word's bytes are in memory order: leads 1110xxxx at
		   0 and 3, trail bytes 10xxxxxx at 1, 2, 4 and 5. */
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
		while (end - s >= 8) {
			memcpy(&w, s, sizeof(w));
			if ((w & 0x0000c0c000c0c000ULL) !=
			    0x0000808000808000ULL ||
			    (w & 0x00000000f00000f0ULL) !=
			    0x00000000e00000e0ULL ||
			    s[0] == 0xe0 || s[0] == 0xed || s[3] == 0xe0 ||
			    s[3] == 0xed)
				break;
			s += 6;
		}
		c = *s;
#endif
		while ((unsigned)(c - 0xe1) <= 0xef - 0xe1 && c != 0xed &&
		    end - s >= 3 && ((s[1] ^ 0x80) | (s[2] ^ 0x80)) < 0x40) {
			s += 3;
			if (s == end)
				return 1;
			c = *s;
		}
		if (c < 0x80)
			continue;
		if (c < 0xc2 || c > 0xf4)
			return 0;
		if (c < 0xe0) {
			if (end - s < 2 || (s[1] & 0xc0) != 0x80)
				return 0;
			s += 2;
		} else if (c < 0xf0) {
			/* E0 needs A0 and up (no overlong), ED up to 9F
			   (no surrogate). */
			if (end - s < 3 || (s[1] & 0xc0) != 0x80 ||
			    (s[2] & 0xc0) != 0x80 ||
			    (c == 0xe0 && s[1] < 0xa0) ||
			    (c == 0xed && s[1] > 0x9f))
				return 0;
			s += 3;
		} else {
			/* F0 needs 90 and up, F4 up to 8F (U+10FFFF). */
			if (end - s < 4 || (s[1] & 0xc0) != 0x80 ||
			    (s[2] & 0xc0) != 0x80 || (s[3] & 0xc0) != 0x80 ||
			    (c == 0xf0 && s[1] < 0x90) ||
			    (c == 0xf4 && s[1] > 0x8f))
				return 0;
			s += 4;
		}
	}
	return 1;
}

/*
 * Whether N bytes at P, which are not valid UTF-8, still read best as
 * UTF-8: text that was cut in the middle of its last character, or whose
 * few bad sequences sit among many good multibyte characters. Text in
 * GB18030 or Latin-1 almost never forms valid multibyte UTF-8, so one
 * stray byte does not turn a whole UTF-8 document into mojibake.
 */
static int
decode_mostly_utf8(const char *p, size_t n)
{
	const uint8_t *s = (const uint8_t *)p, *end = s + n, *bad, *stop;
	size_t good = 0, nbad = 0;
	ucs4_t uc;
	int k;

	while (s < end) {
		bad = u8_check(s, (size_t)(end - s));
		stop = bad != NULL ? bad : end;
		for (; s < stop; s++)
			if (*s >= 0xc0)
				good++;
		if (bad == NULL)
			break;
		k = u8_mbtoucr(&uc, bad, (size_t)(end - bad));
		if (k == -2)		/* an incomplete character at the end */
			return good > 0 && (nbad == 0 || good >= 4 * nbad);
		nbad++;
		k = u8_mbtouc(&uc, bad, (size_t)(end - bad));
		s = bad + (k > 0 ? k : 1);
	}
	return good > 0 && good >= 4 * nbad;
}

/* Appends N bytes of valid UTF-8 at P to B; line ends to LF, NUL to U+FFFD. */
static void
decode_copy(struct buf *b, const char *p, size_t n, int *replaced)
{
	size_t i, run;

	for (i = run = 0; i < n; i++) {
		if (p[i] != '\r' && p[i] != '\0')
			continue;
		buf_add(b, p + run, i - run);
		if (p[i] == '\0')
			decode_replace(b, replaced);
		else {
			buf_addc(b, '\n');
			if (i + 1 < n && p[i + 1] == '\n')
				i++;
		}
		run = i + 1;
	}
	buf_add(b, p + run, n - run);
}

/* Appends N bytes at P to B as valid UTF-8, each bad sequence as U+FFFD. */
static void
decode_clean(struct buf *b, const char *p, size_t n, int *replaced)
{
	const uint8_t *s = (const uint8_t *)p, *end = s + n, *bad;
	ucs4_t uc;
	int k;

	while (s < end) {
		bad = u8_check(s, (size_t)(end - s));
		if (bad == NULL) {
			decode_copy(b, (const char *)s, (size_t)(end - s),
			    replaced);
			break;
		}
		decode_copy(b, (const char *)s, (size_t)(bad - s), replaced);
		decode_replace(b, replaced);
		k = u8_mbtouc(&uc, bad, (size_t)(end - bad));
		s = bad + (k > 0 ? k : 1);
	}
}

/*
 * Moves N bytes from SRC down to DST (DST <= SRC), turning CR LF and CR
 * into LF; returns the new length.
 */
static size_t
decode_lf(char *dst, const char *src, size_t n)
{
	const char *end = src + n, *cr;
	char *d = dst;
	size_t k;

	while ((cr = memchr(src, '\r', (size_t)(end - src))) != NULL) {
		k = (size_t)(cr - src);
		if (d != src)
			memmove(d, src, k);
		d += k;
		*d++ = '\n';
		src = cr + 1;
		if (src < end && *src == '\n')
			src++;
	}
	k = (size_t)(end - src);
	if (d != src)
		memmove(d, src, k);
	return (size_t)(d + k - dst);
}

/*
 * Makes OUT's text of the LEN bytes of UTF-8 at BUF + START, which may be
 * invalid unless VALID says it was checked. BUF (at least START + LEN + 1
 * bytes) passes to OUT when the text needs no growing, which is the
 * common case; otherwise it is freed.
 */
static void
decode_finish(char *buf, size_t start, size_t len, int valid,
    struct decoded *out)
{
	struct buf b = { 0 };
	char *p = buf + start;

	if ((valid || decode_utf8_valid(p, len)) &&
	    memchr(p, '\0', len) == NULL) {
		out->len = decode_lf(buf, p, len);
		out->text = buf;
		out->text[out->len] = '\0';
		return;
	}
	buf_grow(&b, len + len / 8 + 16);
	decode_clean(&b, p, len, &out->replaced);
	free(buf);
	out->text = b.data;
	out->len = b.len;
}

/* The byte order mark that the N bytes at BUF start with, or NULL. */
static const struct decode_bom *
decode_bom(const char *buf, size_t n)
{
	const struct decode_bom *bom;
	size_t i;

	for (i = 0; i < sizeof(decode_boms) / sizeof(decode_boms[0]); i++) {
		bom = &decode_boms[i];
		if (n >= bom->len && memcmp(buf, bom->bytes, bom->len) == 0)
			return bom;
	}
	return NULL;
}

/*
 * Whether input that starts with the N bytes at BUF is binary: a NUL byte
 * in its first DECODE_SNIFF bytes, unless a byte order mark or ENCODING
 * says that it is UTF-16 or UTF-32.
 */
static int
decode_binary(const char *buf, size_t n, const char *encoding)
{
	const struct decode_bom *bom = decode_bom(buf, n);
	size_t unit = 1, start = 0;

	if (bom != NULL) {
		start = bom->len;
		unit = bom->unit;
	} else if (encoding != NULL && !decode_is_utf8(encoding))
		unit = decode_unit(encoding);
	return unit == 1 && memchr(buf + start, '\0',
	    n - start < DECODE_SNIFF ? n - start : DECODE_SNIFF) != NULL;
}

/*
 * Decodes the N bytes at BUF (at least N + 1 bytes, taken over) into OUT.
 * SNIFF refuses binary input (decode_binary).
 */
static enum decode_status
decode_buffer(char *buf, size_t n, const char *encoding, int sniff,
    struct decoded *out, char *err, size_t errlen)
{
	const struct decode_bom *bom = decode_bom(buf, n);
	struct buf b = { 0 };
	size_t start = bom != NULL ? bom->len : 0;
	int valid;

	if (sniff && decode_binary(buf, n, encoding)) {
		free(buf);
		decode_error(err, errlen, "looks like a binary file");
		return DECODE_EFILE;
	}

	if (bom != NULL) {
		out->encoding = xstrdup(bom->encoding);
		if (bom->unit == 1) {
			decode_finish(buf, start, n - start, 0, out);
			return DECODE_OK;
		}
		decode_convert(bom->encoding, buf + start, n - start,
		    bom->unit, 0, &b, &out->replaced);
	} else if (encoding != NULL) {
		out->encoding = xstrdup(encoding);
		if (decode_is_utf8(encoding)) {
			decode_finish(buf, 0, n, 0, out);
			return DECODE_OK;
		}
		if (decode_convert(encoding, buf, n, decode_unit(encoding), 0,
		    &b, &out->replaced) == -1) {
			free(buf);
			decoded_free(out);
			decode_error(err, errlen, "unknown encoding '%s'",
			    encoding);
			return DECODE_EUSAGE;
		}
	} else if ((valid = decode_utf8_valid(buf, n)) ||
	    decode_mostly_utf8(buf, n)) {
		out->encoding = xstrdup("UTF-8");
		decode_finish(buf, 0, n, valid, out);
		return DECODE_OK;
	} else {
		out->assumed = 1;
		if (decode_convert("GB18030", buf, n, 1, 1, &b,
		    &out->replaced) == 0)
			out->encoding = xstrdup("GB18030");
		else {
			b.len = 0;
			decode_convert("ISO-8859-1", buf, n, 1, 0, &b,
			    &out->replaced);
			out->encoding = xstrdup("ISO-8859-1");
		}
	}
	free(buf);
	if (b.data == NULL)
		buf_grow(&b, 1);
	decode_finish(b.data, 0, b.len, 0, out);
	return DECODE_OK;
}

/* Writes the message for input over MAX bytes. */
static void
decode_too_large(size_t max, char *err, size_t errlen)
{
	if (max % DECODE_MIB == 0)
		decode_error(err, errlen,
		    "larger than the %zu MiB limit (--max-size)",
		    max / DECODE_MIB);
	else
		decode_error(err, errlen,
		    "larger than the %zu-byte limit (--max-size)", max);
}

/* Checks that a file named on the command line is one lectern reads. */
static int
decode_file_type(const struct stat *st, char *err, size_t errlen)
{
	if (S_ISREG(st->st_mode))
		return 1;
	if (S_ISDIR(st->st_mode))
		decode_error(err, errlen, "is a directory");
	else if (S_ISFIFO(st->st_mode))
		decode_error(err, errlen, "is a FIFO, not a regular file");
	else
		decode_error(err, errlen, "not a regular file");
	return 0;
}

/*
 * Reads FD to its end into *BUFP, at most MAX bytes, starting with room
 * for HINT. Returns the length; (size_t)-1 with errno set on a read error,
 * (size_t)-1 with errno 0 past MAX, and (size_t)-1 with *BINARY set as
 * soon as the first DECODE_SNIFF bytes show binary input (decode_binary,
 * under ENCODING), so that an endless stream of it is not read to MAX.
 * *BUFP has a byte to spare for a NUL.
 */
static size_t
decode_read(int fd, size_t hint, size_t max, const char *encoding,
    char **bufp, int *binary)
{
	struct pollfd pfd;
	size_t cap, len = 0, limit, want;
	char *buf;
	ssize_t r;
	int sniffed = 0;

	limit = max < SIZE_MAX - 2 ? max + 2 : SIZE_MAX;
	cap = hint < limit - 2 ? hint + 2 : limit;
	buf = xmalloc(cap);
	for (;;) {
		if (len > max) {
			free(buf);
			errno = 0;
			return (size_t)-1;
		}
		if (len + 1 >= cap) {
			cap = cap < limit / 2 ? cap * 2 : limit;
			buf = xrealloc(buf, cap);
		}
		if (!sniffed && len >= DECODE_SNIFF) {
			sniffed = 1;
			if (decode_binary(buf, len, encoding)) {
				free(buf);
				*binary = 1;
				return (size_t)-1;
			}
		}
		/* The first bytes alone, until they have been looked at. */
		want = cap - 1 - len;
		if (!sniffed && want > DECODE_SNIFF - len)
			want = DECODE_SNIFF - len;
		r = read(fd, buf + len, want);
		if (r > 0) {
			len += (size_t)r;
			continue;
		}
		if (r == 0)
			break;
		if (errno == EINTR)
			continue;
		if (errno == EAGAIN || errno == EWOULDBLOCK) {
			pfd.fd = fd;
			pfd.events = POLLIN;
			poll(&pfd, 1, -1);
			continue;
		}
		free(buf);
		return (size_t)-1;
	}
	*bufp = buf;
	return len;
}

enum decode_status
decode_file(const char *path, const char *encoding, size_t max,
    struct decoded *out, char *err, size_t errlen)
{
	struct stat st, named;
	size_t hint, len;
	char *buf;
	int fd, isstdin, binary = 0;

	memset(out, 0, sizeof(*out));
	if (encoding != NULL && !decode_known(encoding)) {
		decode_error(err, errlen, "unknown encoding '%s'", encoding);
		return DECODE_EUSAGE;
	}

	isstdin = strcmp(path, "-") == 0;
	if (isstdin)
		fd = STDIN_FILENO;
	else {
		/* stat first: opening a device or a FIFO can block or act. */
		if (stat(path, &named) == -1) {
			decode_error(err, errlen, "%s", strerror(errno));
			return DECODE_EFILE;
		}
		if (!decode_file_type(&named, err, errlen))
			return DECODE_EFILE;
		fd = open(path, O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
		if (fd == -1) {
			decode_error(err, errlen, "%s", strerror(errno));
			return DECODE_EFILE;
		}
	}
	if (fstat(fd, &st) == -1) {
		decode_error(err, errlen, "%s", strerror(errno));
		goto fail;
	}
	if (isstdin && S_ISDIR(st.st_mode)) {
		decode_error(err, errlen, "is a directory");
		goto fail;
	}
	/* Swapped for something else between stat and open. */
	if (!isstdin && !decode_file_type(&st, err, errlen))
		goto fail;
	if (S_ISREG(st.st_mode) && st.st_size > 0 &&
	    (uintmax_t)st.st_size > max) {
		decode_too_large(max, err, errlen);
		goto fail;
	}
	if (S_ISREG(st.st_mode) && st.st_size > 0)
		hint = (size_t)st.st_size;
	else
		hint = DECODE_CHUNK < max ? DECODE_CHUNK : max;

	len = decode_read(fd, hint, max, encoding, &buf, &binary);
	if (len == (size_t)-1) {
		if (binary)
			decode_error(err, errlen, "looks like a binary file");
		else if (errno == 0)
			decode_too_large(max, err, errlen);
		else
			decode_error(err, errlen, "%s", strerror(errno));
		goto fail;
	}
	if (!isstdin)
		close(fd);
	return decode_buffer(buf, len, encoding, 1, out, err, errlen);

fail:
	if (!isstdin)
		close(fd);
	return DECODE_EFILE;
}

enum decode_status
decode_bytes(const char *p, size_t n, const char *encoding,
    struct decoded *out, char *err, size_t errlen)
{
	char *buf;

	memset(out, 0, sizeof(*out));
	if (encoding != NULL && !decode_known(encoding)) {
		decode_error(err, errlen, "unknown encoding '%s'", encoding);
		return DECODE_EUSAGE;
	}
	buf = xmalloc(n + 1);
	if (n > 0)
		memcpy(buf, p, n);
	buf[n] = '\0';
	return decode_buffer(buf, n, encoding, 0, out, err, errlen);
}

enum decode_status
decode_take(char *buf, size_t n, const char *encoding, struct decoded *out,
    char *err, size_t errlen)
{
	memset(out, 0, sizeof(*out));
	if (encoding != NULL && !decode_known(encoding)) {
		free(buf);
		decode_error(err, errlen, "unknown encoding '%s'", encoding);
		return DECODE_EUSAGE;
	}
	return decode_buffer(buf, n, encoding, 1, out, err, errlen);
}

void
decoded_free(struct decoded *d)
{
	if (d == NULL)
		return;
	free(d->text);
	free(d->encoding);
	memset(d, 0, sizeof(*d));
}
