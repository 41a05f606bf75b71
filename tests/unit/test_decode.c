/* Unit tests of decode.c: BOMs, UTF-8 checks, iconv, line ends, refusals. */
#include <sys/stat.h>
#include <sys/wait.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <unistr.h>

#include "lectern/decode.h"
#include "lectern/util.h"
#include "t.h"

#define FFFD	"\xef\xbf\xbd"
#define ZW	"\xe4\xb8\xad\xe6\x96\x87"	/* 中文 */
#define MIB	((size_t)1 << 20)

static char tmpdir[256];

/* Decodes a string literal of N bytes. */
static enum decode_status
dec(const char *p, size_t n, const char *enc, struct decoded *d)
{
	char err[256];

	return decode_bytes(p, n, enc, d, err, sizeof(err));
}

/* Writes N bytes at P to a new file NAME in the test directory. */
static const char *
put(const char *name, const void *p, size_t n)
{
	static char path[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	if ((f = fopen(path, "wb")) == NULL) {
		perror(path);
		exit(1);
	}
	if (n > 0 && fwrite(p, 1, n, f) != n) {
		perror(path);
		exit(1);
	}
	fclose(f);
	return path;
}

/* Whether D holds valid, NUL-free, CR-free UTF-8 of its stated length. */
static int
sane(const struct decoded *d)
{
	return d->text != NULL && strlen(d->text) == d->len &&
	    u8_check((const uint8_t *)d->text, d->len) == NULL &&
	    memchr(d->text, '\r', d->len) == NULL;
}

static void
test_boms(void)
{
	static const char u8[] = "\xef\xbb\xbf# T\xc3\xadtulo\n";
	static const char le[] = "\xff\xfe" "#\0 \0-N\x87" "e\n\0";
	static const char be[] = "\xfe\xff" "\0#\0 N-e\x87\0\n";
	static const char le32[] = "\xff\xfe\0\0" "A\0\0\0" "\x00\xf6\x01\0";
	struct decoded d;

	CHECK_INT(dec(u8, sizeof(u8) - 1, NULL, &d), DECODE_OK,
	    "UTF-8 BOM: ok");
	CHECK_STR(d.text, "# T\xc3\xadtulo\n", "UTF-8 BOM stripped");
	CHECK_STR(d.encoding, "UTF-8", "UTF-8 BOM: encoding");
	CHECK(!d.assumed && !d.replaced, "UTF-8 BOM: not assumed or replaced");
	decoded_free(&d);

	CHECK_INT(dec(le, sizeof(le) - 1, NULL, &d), DECODE_OK, "UTF-16LE: ok");
	CHECK_STR(d.text, "# " ZW "\n", "UTF-16LE BOM decoded");
	CHECK_STR(d.encoding, "UTF-16LE", "UTF-16LE: encoding");
	CHECK_INT(d.len, 9, "UTF-16LE: length");
	decoded_free(&d);

	CHECK_INT(dec(be, sizeof(be) - 1, NULL, &d), DECODE_OK, "UTF-16BE: ok");
	CHECK_STR(d.text, "# " ZW "\n", "UTF-16BE BOM decoded");
	CHECK_STR(d.encoding, "UTF-16BE", "UTF-16BE: encoding");
	CHECK(!d.assumed && !d.replaced, "UTF-16BE: not assumed, not replaced");
	decoded_free(&d);

	CHECK_INT(dec(le32, sizeof(le32) - 1, NULL, &d), DECODE_OK,
	    "UTF-32LE: ok");
	CHECK_STR(d.text, "A\xf0\x9f\x98\x80", "UTF-32LE BOM decoded");
	decoded_free(&d);

	/* A BOM wins over a named encoding. */
	CHECK_INT(dec(le, sizeof(le) - 1, "GBK", &d), DECODE_OK,
	    "UTF-16LE BOM with -e GBK: ok");
	CHECK_STR(d.text, "# " ZW "\n", "BOM beats -e");
	decoded_free(&d);
}

static void
test_utf16_damage(void)
{
	static const char odd[] = "\xff\xfe" "A\0B";
	static const char lone[] = "\xff\xfe" "\x00\xd8" "A\0" "\x00\xdc" "B\0";
	static const char pair[] = "\xfe\xff" "\xd8\x3d\xde\x00";
	struct decoded d;

	CHECK_INT(dec(odd, sizeof(odd) - 1, NULL, &d), DECODE_OK,
	    "UTF-16 odd length: ok");
	CHECK_STR(d.text, "A" FFFD, "UTF-16 odd length: cut unit is U+FFFD");
	CHECK(d.replaced, "UTF-16 odd length: replaced");
	decoded_free(&d);

	CHECK_INT(dec(lone, sizeof(lone) - 1, NULL, &d), DECODE_OK,
	    "UTF-16 lone surrogates: ok");
	CHECK_STR(d.text, FFFD "A" FFFD "B",
	    "UTF-16 lone surrogates: each one U+FFFD");
	decoded_free(&d);

	CHECK_INT(dec(pair, sizeof(pair) - 1, NULL, &d), DECODE_OK,
	    "UTF-16 pair: ok");
	CHECK_STR(d.text, "\xf0\x9f\x98\x80", "UTF-16BE surrogate pair");
	CHECK(!d.replaced, "UTF-16 pair: not replaced");
	decoded_free(&d);

	CHECK_INT(dec("\xff\xfe", 2, NULL, &d), DECODE_OK, "BOM alone: ok");
	CHECK_STR(d.text, "", "BOM alone: empty text");
	decoded_free(&d);
}

static void
test_utf8(void)
{
	static const char good[] = "caf\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80";
	static const char bad[] = "a\xff" "b\xc0\xaf" "c\xed\xa0\x80"
	    "d\xf4\x90\x80\x80";
	/* Mostly UTF-8, one stray Latin-1 byte. */
	static const char stray[] = ZW ZW " \xe9!";
	/* Cut in the middle of its last character. */
	static const char cut[] = ZW "\xe4\xb8";
	struct decoded d;
	const char *p;
	int nfffd;

	CHECK_INT(dec(good, sizeof(good) - 1, NULL, &d), DECODE_OK,
	    "valid UTF-8: ok");
	CHECK_STR(d.text, good, "valid UTF-8 kept as it is");
	CHECK_STR(d.encoding, "UTF-8", "valid UTF-8: encoding");
	CHECK(!d.assumed && !d.replaced, "valid UTF-8: not assumed");
	decoded_free(&d);

	CHECK_INT(dec(bad, sizeof(bad) - 1, "UTF-8", &d), DECODE_OK,
	    "-e UTF-8 with bad bytes: ok");
	CHECK(d.replaced, "-e UTF-8 with bad bytes: replaced");
	CHECK(sane(&d), "-e UTF-8 with bad bytes: valid UTF-8 out");
	CHECK(strncmp(d.text, "a" FFFD "b", 5) == 0, "0xFF is U+FFFD");
	CHECK(strstr(d.text, "\xc0\xaf") == NULL, "overlong removed");
	CHECK(strstr(d.text, "\xed\xa0\x80") == NULL, "surrogate removed");
	CHECK(strstr(d.text, "\xf4\x90") == NULL, "beyond U+10FFFF removed");
	CHECK(strstr(d.text, FFFD "c" FFFD) != NULL &&
	    strstr(d.text, FFFD "d" FFFD) != NULL,
	    "text between bad bytes kept");
	decoded_free(&d);

	CHECK_INT(dec(stray, sizeof(stray) - 1, NULL, &d), DECODE_OK,
	    "stray byte in UTF-8: ok");
	CHECK_STR(d.text, ZW ZW " "
	    FFFD "!", "stray byte in UTF-8: one U+FFFD, rest kept");
	CHECK_STR(d.encoding, "UTF-8", "stray byte: still UTF-8");
	CHECK(d.replaced && !d.assumed, "stray byte: replaced, not assumed");
	decoded_free(&d);

	CHECK_INT(dec(cut, sizeof(cut) - 1, NULL, &d), DECODE_OK,
	    "cut UTF-8: ok");
	for (nfffd = 0, p = d.text; (p = strstr(p, FFFD)) != NULL; p += 3)
		nfffd++;
	CHECK(strncmp(d.text, ZW, 6) == 0 &&
	    nfffd >= 1, "cut UTF-8: read as UTF-8, cut end is U+FFFD");
	CHECK_STR(d.encoding, "UTF-8", "cut UTF-8: encoding");
	decoded_free(&d);

	CHECK_INT(dec("a\0b", 3, NULL, &d), DECODE_OK, "NUL in text: ok");
	CHECK_STR(d.text, "a" FFFD "b", "NUL becomes U+FFFD");
	CHECK_INT(d.len, 5, "NUL: length");
	CHECK(d.replaced, "NUL: replaced");
	decoded_free(&d);

	CHECK_INT(dec("", 0, NULL, &d), DECODE_OK, "empty: ok");
	CHECK(d.text != NULL && d.len == 0 && d.text[0] == '\0',
	    "empty: empty string");
	decoded_free(&d);
}

static void
test_guess(void)
{
	struct decoded d;

	CHECK_INT(dec("\xd6\xd0\xce\xc4\n", 5, NULL, &d), DECODE_OK,
	    "GB18030: ok");
	CHECK_STR(d.text, ZW "\n", "GB18030 decoded");
	CHECK_STR(d.encoding, "GB18030", "GB18030 named");
	CHECK(d.assumed && !d.replaced, "GB18030: assumed, not replaced");
	decoded_free(&d);

	/* A 4-byte GB18030 sequence: 0x81 0x30 0x81 0x30 is U+00A5... */
	CHECK_INT(dec("\x81\x30\x81\x30", 4, NULL, &d), DECODE_OK,
	    "GB18030 4-byte: ok");
	CHECK_STR(d.encoding, "GB18030", "GB18030 4-byte: GB18030");
	CHECK(sane(&d) && d.len > 0, "GB18030 4-byte: decoded");
	decoded_free(&d);

	CHECK_INT(dec("caf\xe9 \xff\n", 7, NULL, &d), DECODE_OK,
	    "Latin-1: ok");
	CHECK_STR(d.text, "caf\xc3\xa9 \xc3\xbf\n", "Latin-1 decoded");
	CHECK_STR(d.encoding, "ISO-8859-1", "Latin-1 named");
	CHECK(d.assumed && !d.replaced, "Latin-1: assumed, not replaced");
	decoded_free(&d);

	/* Valid GB18030 but for a cut last character: not GB18030. */
	CHECK_INT(dec("\xd6\xd0\xce", 3, NULL, &d), DECODE_OK,
	    "cut GB18030: ok");
	CHECK_STR(d.encoding, "ISO-8859-1", "cut GB18030: falls to Latin-1");
	decoded_free(&d);
}

static void
test_named(void)
{
	struct decoded d;
	char err[128];

	CHECK_INT(dec("\xd6\xd0\xce\xc4", 4, "GBK", &d), DECODE_OK,
	    "-e GBK: ok");
	CHECK_STR(d.text, ZW, "-e GBK decoded");
	CHECK_STR(d.encoding, "GBK", "-e GBK: encoding");
	CHECK(!d.assumed, "-e GBK: not assumed");
	decoded_free(&d);

	CHECK_INT(dec("\xa4\xa4\xa4\xe5", 4, "BIG5", &d), DECODE_OK,
	    "-e BIG5: ok");
	CHECK_STR(d.text, ZW, "-e BIG5 decoded");
	decoded_free(&d);

	CHECK_INT(dec("\xd6\xd0\xff\xce\xc4", 5, "GBK", &d), DECODE_OK,
	    "-e GBK with a bad byte: ok");
	CHECK_STR(d.text, "\xe4\xb8\xad" FFFD "\xe6\x96\x87",
	    "-e GBK: bad byte is U+FFFD");
	CHECK(d.replaced, "-e GBK with a bad byte: replaced");
	decoded_free(&d);

	CHECK_INT(dec("caf\xe9", 4, "latin1", &d), DECODE_OK, "-e latin1: ok");
	CHECK_STR(d.text, "caf\xc3\xa9", "-e latin1 decoded");
	decoded_free(&d);

	/* Named UTF-16 without a BOM: NULs are text, not a binary sign. */
	CHECK_INT(dec("A\0\r\0\n\0", 6, "UTF-16LE", &d), DECODE_OK,
	    "-e UTF-16LE: ok");
	CHECK_STR(d.text, "A\n", "-e UTF-16LE decoded, CRLF normalised");
	decoded_free(&d);

	/* A named encoding wins over text that is valid UTF-8 as well. */
	CHECK_INT(dec("\xc3\xa9", 2, "ISO-8859-1", &d), DECODE_OK,
	    "-e ISO-8859-1 on valid UTF-8: ok");
	CHECK_STR(d.text, "\xc3\x83\xc2\xa9", "-e wins over valid UTF-8");
	decoded_free(&d);

	err[0] = '\0';
	CHECK_INT(decode_bytes("x", 1, "NOPE", &d, err, sizeof(err)),
	    DECODE_EUSAGE, "unknown encoding: DECODE_EUSAGE");
	CHECK_STR(err, "unknown encoding 'NOPE'", "unknown encoding: message");
	CHECK(d.text == NULL && d.encoding == NULL,
	    "unknown encoding: no text");
	decoded_free(&d);

	CHECK_INT(decode_bytes("x", 1, "", &d, err, sizeof(err)),
	    DECODE_EUSAGE, "empty encoding name: DECODE_EUSAGE");
}

static void
test_lines(void)
{
	struct decoded d;

	CHECK_INT(dec("a\r\nb\rc\r\r\nd\n\re\r", 14, NULL, &d), DECODE_OK,
	    "line ends: ok");
	CHECK_STR(d.text, "a\nb\nc\n\nd\n\ne\n", "CRLF and CR become LF");
	decoded_free(&d);

	CHECK_INT(dec("\xd6\xd0\r\n\xce\xc4\r", 7, NULL, &d), DECODE_OK,
	    "GB18030 line ends: ok");
	CHECK_STR(d.text, "\xe4\xb8\xad\n\xe6\x96\x87\n",
	    "line ends normalised after conversion");
	decoded_free(&d);

	CHECK_INT(dec("\xff\r\n\xfe", 4, "UTF-8", &d), DECODE_OK,
	    "line ends among bad bytes: ok");
	CHECK_STR(d.text, FFFD "\n" FFFD, "CRLF between bad bytes");
	decoded_free(&d);
}

static void
test_files(void)
{
	struct decoded d;
	char err[256], path[512], *big;
	const char *p;
	static const char le[] = "\xff\xfe" "#\0 \0-N\x87" "e\n\0";

	snprintf(path, sizeof(path), "%s/no-such-file", tmpdir);
	err[0] = '\0';
	CHECK_INT(decode_file(path, NULL, MIB, &d, err, sizeof(err)),
	    DECODE_EFILE, "missing file: DECODE_EFILE");
	CHECK_STR(err, "No such file or directory", "missing file: message");

	CHECK_INT(decode_file(tmpdir, NULL, MIB, &d, err, sizeof(err)),
	    DECODE_EFILE, "directory: DECODE_EFILE");
	CHECK_STR(err, "is a directory", "directory: message");

	CHECK_INT(decode_file("/dev/null", NULL, MIB, &d, err, sizeof(err)),
	    DECODE_EFILE, "character device: DECODE_EFILE");
	CHECK_STR(err, "not a regular file", "character device: message");

	snprintf(path, sizeof(path), "%s/fifo", tmpdir);
	if (mkfifo(path, 0600) == 0) {
		CHECK_INT(decode_file(path, NULL, MIB, &d, err, sizeof(err)),
		    DECODE_EFILE, "FIFO: DECODE_EFILE, without blocking");
		CHECK_STR(err, "is a FIFO, not a regular file",
		    "FIFO: message");
		unlink(path);
	} else
		printf("# skip FIFO: mkfifo: %s\n", strerror(errno));

	p = put("bin", "ab\0cd", 5);
	CHECK_INT(decode_file(p, NULL, MIB, &d, err, sizeof(err)),
	    DECODE_EFILE, "binary file: DECODE_EFILE");
	CHECK_STR(err, "looks like a binary file", "binary file: message");

	/* A NUL past the first 8 KiB is only a bad character. */
	big = xmalloc(MIB + 1);
	memset(big, 'x', MIB + 1);
	big[9000] = '\0';
	p = put("late-nul", big, 9001);
	CHECK_INT(decode_file(p, NULL, MIB, &d, err, sizeof(err)), DECODE_OK,
	    "NUL after 8 KiB: ok");
	CHECK(d.len == 9000 + 3 && d.replaced, "NUL after 8 KiB: U+FFFD");
	decoded_free(&d);

	big[9000] = 'x';
	p = put("max", big, MIB);
	CHECK_INT(decode_file(p, NULL, MIB, &d, err, sizeof(err)), DECODE_OK,
	    "file of exactly the limit: ok");
	CHECK_INT(d.len, MIB, "file of exactly the limit: whole");
	decoded_free(&d);
	p = put("over", big, MIB + 1);
	CHECK_INT(decode_file(p, NULL, MIB, &d, err, sizeof(err)),
	    DECODE_EFILE, "file over the limit: DECODE_EFILE");
	CHECK_STR(err, "larger than the 1 MiB limit (--max-size)",
	    "file over the limit: message");
	CHECK(d.text == NULL, "file over the limit: no text");
	free(big);

	p = put("u16", le, sizeof(le) - 1);
	CHECK_INT(decode_file(p, NULL, MIB, &d, err, sizeof(err)), DECODE_OK,
	    "UTF-16 file (NULs after a BOM): ok");
	CHECK_STR(d.text, "# " ZW "\n", "UTF-16 file decoded");
	decoded_free(&d);

	p = put("gb", "\xd6\xd0\xce\xc4\r\n", 6);
	CHECK_INT(decode_file(p, NULL, MIB, &d, err, sizeof(err)), DECODE_OK,
	    "GB18030 file: ok");
	CHECK_STR(d.text, ZW "\n", "GB18030 file decoded");
	CHECK(d.assumed, "GB18030 file: assumed");
	decoded_free(&d);

	CHECK_INT(decode_file(p, "NOPE", MIB, &d, err, sizeof(err)),
	    DECODE_EUSAGE, "file with unknown encoding: DECODE_EUSAGE");
	CHECK_STR(err, "unknown encoding 'NOPE'", "unknown encoding message");

	p = put("empty", "", 0);
	CHECK_INT(decode_file(p, NULL, MIB, &d, err, sizeof(err)), DECODE_OK,
	    "empty file: ok");
	CHECK(d.text != NULL && d.len == 0, "empty file: empty text");
	decoded_free(&d);

	p = put("secret", "x", 1);
	if (geteuid() != 0 && chmod(p, 0) == 0) {
		CHECK_INT(decode_file(p, NULL, MIB, &d, err, sizeof(err)),
		    DECODE_EFILE, "unreadable file: DECODE_EFILE");
		CHECK_STR(err, "Permission denied", "unreadable file: message");
	} else
		printf("# skip unreadable file: running as root\n");
}

/* Runs decode_file("-") with standard input taken from FD. */
static enum decode_status
from_stdin(int fd, size_t max, struct decoded *d, char *err, size_t errlen)
{
	enum decode_status st;
	int saved;

	saved = dup(STDIN_FILENO);
	dup2(fd, STDIN_FILENO);
	close(fd);
	st = decode_file("-", NULL, max, d, err, errlen);
	dup2(saved, STDIN_FILENO);
	close(saved);
	return st;
}

static void
test_stdin(void)
{
	struct decoded d;
	char err[256], chunk[4096];
	int fds[2], fd, status;
	pid_t pid;

	if (pipe(fds) == -1)
		return;
	if (write(fds[1], "\xd6\xd0\xce\xc4\r\n", 6) != 6)
		return;
	close(fds[1]);
	CHECK_INT(from_stdin(fds[0], MIB, &d, err, sizeof(err)), DECODE_OK,
	    "pipe on stdin: ok");
	CHECK_STR(d.text, ZW "\n", "pipe on stdin: decoded");
	decoded_free(&d);

	fd = open(put("stdin", "# hi\n", 5), O_RDONLY);
	CHECK_INT(from_stdin(fd, MIB, &d, err, sizeof(err)), DECODE_OK,
	    "file on stdin: ok");
	CHECK_STR(d.text, "# hi\n", "file on stdin: read");
	decoded_free(&d);

	/* An endless pipe is cut at the limit, not read forever. */
	if (pipe(fds) == -1)
		return;
	if ((pid = fork()) == 0) {
		close(fds[0]);
		signal(SIGPIPE, SIG_DFL);
		memset(chunk, 'y', sizeof(chunk));
		while (write(fds[1], chunk, sizeof(chunk)) > 0)
			;
		_exit(0);
	}
	close(fds[1]);
	CHECK_INT(from_stdin(fds[0], MIB, &d, err, sizeof(err)),
	    DECODE_EFILE, "endless pipe: DECODE_EFILE");
	CHECK_STR(err, "larger than the 1 MiB limit (--max-size)",
	    "endless pipe: message");
	waitpid(pid, NULL, 0);

	/* NUL bytes from the start: binary, refused at the first block. */
	fd = open("/dev/zero", O_RDONLY);
	CHECK_INT(from_stdin(fd, 2 * MIB, &d, err, sizeof(err)), DECODE_EFILE,
	    "/dev/zero on stdin: DECODE_EFILE");
	CHECK_STR(err, "looks like a binary file",
	    "/dev/zero on stdin: binary, not over the limit");

	/* The writer of an endless pipe of NUL bytes says how much it got
	   out before the pipe closed: less than a MiB, not the limit. */
	if (pipe(fds) == -1)
		return;
	if ((pid = fork()) == 0) {
		size_t total = 0;
		ssize_t w;

		close(fds[0]);
		signal(SIGPIPE, SIG_IGN);
		memset(chunk, 0, sizeof(chunk));
		while ((w = write(fds[1], chunk, sizeof(chunk))) > 0)
			total += (size_t)w;
		_exit(total < MIB ? 0 : 1);
	}
	close(fds[1]);
	CHECK_INT(from_stdin(fds[0], DECODE_MAX_SIZE_DEFAULT, &d, err,
	    sizeof(err)), DECODE_EFILE, "endless NUL bytes: DECODE_EFILE");
	CHECK_STR(err, "looks like a binary file", "endless NUL bytes: binary");
	waitpid(pid, &status, 0);
	CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0,
	    "endless NUL bytes: less than a MiB read, not the 256 MiB limit");

	fd = open(tmpdir, O_RDONLY);
	CHECK_INT(from_stdin(fd, MIB, &d, err, sizeof(err)), DECODE_EFILE,
	    "directory on stdin: DECODE_EFILE");
	CHECK_STR(err, "is a directory", "directory on stdin: message");
}

/* A small deterministic generator (xorshift64). */
static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned
rnd(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/*
 * decode_utf8_valid gives u8_check's verdict on every pair of bytes, on
 * lead and trail bytes at the edges of the ranges, after ASCII that the
 * word loop reads, and on random text.
 */
static void
test_valid(void)
{
	static const uint8_t edge[] = { 0x00, 0x41, 0x7f, 0x80, 0x8f, 0x90,
	    0x9f, 0xa0, 0xbf, 0xc0, 0xff };
	uint8_t buf[64];
	size_t pre, i, j, k, l, n, ne = sizeof(edge);
	int differ = 0, random = 0;

	for (pre = 0; pre <= 9; pre += 9) {
		memset(buf, 'a', pre);
		for (i = 0; i < 256; i++)
			for (j = 0; j < 256; j++)
				for (k = 0; k <= ne; k++)
					for (l = 0; l <= ne; l++) {
						buf[pre] = (uint8_t)i;
						buf[pre + 1] = (uint8_t)j;
						n = pre + 2;
						if (k < ne)
							buf[n++] = edge[k];
						if (k < ne && l < ne)
							buf[n++] = edge[l];
						if (decode_utf8_valid((char *)buf,
						    n) != (u8_check(buf, n) ==
						    NULL))
							differ++;
					}
	}
	CHECK_INT(differ, 0, "UTF-8 check agrees with u8_check on short input");
	for (i = 0; i < 200000; i++) {
		n = rnd(sizeof(buf));
		for (k = 0; k < n; k++)
			buf[k] = rnd(3) ? (uint8_t)rnd(0x80) :
			    (uint8_t)(0x80 + rnd(0x80));
		if (decode_utf8_valid((char *)buf, n) != (u8_check(buf, n) ==
		    NULL))
			differ++;
		else if (u8_check(buf, n) == NULL)
			random++;
	}
	CHECK_INT(differ, 0, "UTF-8 check agrees with u8_check on random input");
	for (i = 0; i < 100000; i++) {
		static const char *piece[] = { "\xe4\xb8\xad", "\xe4\xb8\xad",
		    "\xe4\xb8\xad", "\xef\xbc\x8c", "\xe0\xa0\x80",
		    "\xe0\x9f\xbf", "\xed\x9f\xbf", "\xed\xa0\x80",
		    "\xe1\x80", "\xe4\xb8\x41", "a", "\xc3\xa9",
		    "\xf0\x9f\x98\x80", "\x80", "\xee\x80\x80" };
		size_t np = sizeof(piece) / sizeof(piece[0]), m;

		for (n = 0; n < sizeof(buf) - 4; n += m) {
			k = rnd(8) == 0 ? rnd(np) : rnd(4);
			m = strlen(piece[k]);
			memcpy(buf + n, piece[k], m);
		}
		n = rnd(n + 1);
		if (decode_utf8_valid((char *)buf, n) != (u8_check(buf, n) ==
		    NULL))
			differ++;
	}
	CHECK_INT(differ, 0, "UTF-8 check agrees with u8_check on CJK");
	CHECK(random > 1000, "random input is valid often enough to tell");
}

static void
test_random(void)
{
	static const char *encs[] = { NULL, NULL, NULL, "UTF-8", "GBK",
	    "BIG5", "UTF-16LE", "UTF-16", "SHIFT_JIS", "ISO-2022-JP",
	    "UTF-7", "UTF-32BE" };
	static const char *boms[] = { "\xef\xbb\xbf", "\xff\xfe", "\xfe\xff",
	    "\xff\xfe\0\0" };
	static const size_t bomlen[] = { 3, 2, 2, 4 };
	struct decoded d;
	char buf[600];
	size_t n, k;
	int i, j, bad = 0, failed = 0, nonempty = 0;

	for (i = 0; i < 20000; i++) {
		n = rnd(sizeof(buf) - 8);
		k = 0;
		if (rnd(4) == 0) {
			j = (int)rnd(4);
			memcpy(buf, boms[j], bomlen[j]);
			k = bomlen[j];
		}
		for (; k < n; k++) {
			switch (rnd(4)) {
			case 0:		/* ASCII, with line ends */
				buf[k] = "ab \r\n#*\t"[rnd(8)];
				break;
			case 1:		/* UTF-8 lead and trail bytes */
				buf[k] = (char)(0x80 + rnd(0x80));
				break;
			case 2:
				buf[k] = (char)rnd(256);
				break;
			default:	/* NULs and the edges */
				buf[k] = "\0\xff\xfe\xed\xc0\xf4\x1b"[rnd(7)];
				break;
			}
		}
		if (dec(buf, n, encs[rnd(12)], &d) != DECODE_OK)
			failed++;
		else if (!sane(&d))
			bad++;
		else if (d.len > 0)
			nonempty++;
		decoded_free(&d);
	}
	CHECK_INT(failed, 0, "random bytes: always decoded");
	CHECK_INT(bad, 0, "random bytes: always valid UTF-8, no NUL, no CR");
	CHECK(nonempty > 10000, "random bytes: produce text");
}

int
main(void)
{
	const char *base = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s/lectern-decode.XXXXXX",
	    base != NULL && *base != '\0' ? base : P_tmpdir);
	if (mkdtemp(tmpdir) == NULL) {
		perror("mkdtemp");
		return 1;
	}
	test_boms();
	test_utf16_damage();
	test_utf8();
	test_guess();
	test_named();
	test_lines();
	test_files();
	test_stdin();
	test_random();
	test_valid();
	{
		char cmd[600];

		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			printf("# could not remove %s\n", tmpdir);
	}
	return t_done();
}
