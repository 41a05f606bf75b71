/*
 * termwidth.c: how wide the terminal draws the sequences terminals do not
 * agree on, and what the reader draws in their place (termwidth.h).
 *
 * The question: the reader writes, on the line the cursor is on, a
 * carriage return, one sample of each kind and a cursor position report
 * request (ESC [ 6 n) after each; the column of each answer
 * (ESC [ row ; col R) less one is the sample's width. Before the
 * samples, DECRQM asks for mode 2027, grapheme cluster segmentation
 * (ESC [ ? 2027 $ p, answered ESC [ ? 2027 ; Ps $ y by the terminals that
 * know it, ignored by the others), and the mode is reset (ESC [ ? 2027 l),
 * so that a terminal that can count as ncurses does, does so while the
 * reader runs; it is set again when the reader gives the terminal back,
 * if the answer said it was set. Then the line is cleared. All of it
 * is one write, so the cost is one round trip; the answers are awaited
 * TERMWIDTH_WAIT milliseconds at most, and a terminal that gives none is
 * one whose widths are unknown.
 *
 * The decision: a kind is drawn as it is when its sample took the columns
 * of its characters, as ncurses counts them; otherwise, and when there is
 * no answer, it is drawn apart. A terminal whose mode 2027 is set for
 * good joins whatever Unicode joins into one cluster, which ncurses never
 * does (a flag's two halves drawn one at a time included), so every kind
 * is drawn apart there.
 *
 * Drawn apart, a sequence loses only what joins it: the family
 * U+1F468 U+200D U+1F469 U+200D U+1F467 shows its three people side by
 * side, a thumbs up with a skin tone shows the plain thumbs up, and a flag
 * its region's two letters, as wide as the flag is where it is drawn.
 * Showing the first emoji of a joined sequence alone would be as safe,
 * but would show "man" for "family"; the people side by side keep all of
 * the text.
 */
#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "lectern/termwidth.h"

#define TERMWIDTH_WAIT	250	/* longest wait for the answers [ms] */
#define TERMWIDTH_BUF	512	/* answers and early keys kept [bytes] */

/* A sample of each kind, and the columns of its characters. */
static const struct termwidth_sample {
	const char	*name;		/* in LECTERN_TEST_TERMWIDTH */
	const char	*text;		/* UTF-8 */
	int		 cols;		/* ncurses's count [columns] */
} termwidth_samples[TERMWIDTH_N] = {
	/* MAN, ZWJ, WOMAN, ZWJ, GIRL: 2 + 2 + 2 */
	[TERMWIDTH_ZWJ] = { "zwj", "\xf0\x9f\x91\xa8\xe2\x80\x8d"
	    "\xf0\x9f\x91\xa9\xe2\x80\x8d\xf0\x9f\x91\xa7", 6 },
	/* REGIONAL INDICATOR F, R: 1 + 1 */
	[TERMWIDTH_FLAG] = { "flag", "\xf0\x9f\x87\xab\xf0\x9f\x87\xb7", 2 },
	/* HEAVY BLACK HEART, VS16: 1 */
	[TERMWIDTH_VS16] = { "vs16", "\xe2\x9d\xa4\xef\xb8\x8f", 1 },
	/* THUMBS UP, MEDIUM SKIN TONE: 2 + 2 */
	[TERMWIDTH_TONE] = { "tone", "\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd", 4 },
	/* DIGIT ONE, VS16, COMBINING ENCLOSING KEYCAP: 1 */
	[TERMWIDTH_KEYCAP] = { "keycap", "1\xef\xb8\x8f\xe2\x83\xa3", 1 },
};

static int	termwidth_apart_k[TERMWIDTH_N];	/* drawn apart */
static int	termwidth_was_set;	/* mode 2027 was set: set it back */

/* Whether the kind K is drawn apart. */
int
termwidth_apart(enum termwidth_kind k)
{
	return k >= 0 && k < TERMWIDTH_N && termwidth_apart_k[k];
}

/* Draws every kind as it is. */
void
termwidth_reset(void)
{
	memset(termwidth_apart_k, 0, sizeof(termwidth_apart_k));
	termwidth_was_set = 0;
}

const char *
termwidth_mode(int reader)
{
	if (!termwidth_was_set)
		return NULL;
	return reader ? "\033[?2027l" : "\033[?2027h";
}

/* Decides which kinds are drawn apart from the terminal's answers. */
void
termwidth_decide(const int cols[TERMWIDTH_N], int mode)
{
	int k, joins = mode == 3;

	for (k = 0; k < TERMWIDTH_N; k++)
		termwidth_apart_k[k] = joins ||
		    cols[k] != termwidth_samples[k].cols;
}

uint32_t
termwidth_map(uint32_t c)
{
	if (!termwidth_special(c))
		return c;
	if (c == 0x200d)
		return termwidth_apart_k[TERMWIDTH_ZWJ] ? 0 : c;
	if (c == 0xfe0f)
		return termwidth_apart_k[TERMWIDTH_VS16] ? 0 : c;
	if (c == 0x20e3)
		return termwidth_apart_k[TERMWIDTH_KEYCAP] ? 0 : c;
	if (c >= 0x1f1e6 && c <= 0x1f1ff)
		return termwidth_apart_k[TERMWIDTH_FLAG] ? 'A' + (c - 0x1f1e6) :
		    c;
	return termwidth_apart_k[TERMWIDTH_TONE] ? 0 : c;
}

/* Reads a decimal number at *P, moving *P past it; -1 if none. */
static int
termwidth_number(const char **p)
{
	long v = 0;
	int n = 0;

	while (**p >= '0' && **p <= '9' && n < 6) {
		v = v * 10 + (**p - '0');
		(*p)++;
		n++;
	}
	return n == 0 || (**p >= '0' && **p <= '9') ? -1 : (int)v;
}

int
termwidth_answers(const char *s, int cols[TERMWIDTH_N], int *mode)
{
	const char *p = s;
	size_t n;
	int k, v;

	for (k = 0; k < TERMWIDTH_N; k++)
		cols[k] = TERMWIDTH_NONE;
	*mode = 0;
	if (strcmp(s, "none") == 0)
		return 0;
	while (*p != '\0') {
		n = strcspn(p, "=,");
		if (p[n] != '=')
			return -1;
		for (k = 0; k < TERMWIDTH_N; k++)
			if (strlen(termwidth_samples[k].name) == n &&
			    strncmp(p, termwidth_samples[k].name, n) == 0)
				break;
		if (k == TERMWIDTH_N && (n != 4 || strncmp(p, "2027", 4) != 0))
			return -1;
		p += n + 1;
		if ((v = termwidth_number(&p)) < 0 || (*p != ',' && *p != '\0'))
			return -1;
		if (k < TERMWIDTH_N)
			cols[k] = v;
		else
			*mode = v;
		if (*p == ',')
			p++;
	}
	return 0;
}

/*
 * Reads the answer at B[I..N): a cursor position report (its column in
 * *COL) or the answer to DECRQM of mode 2027 (its state in *MODE).
 * Returns its length, 0 if B[I..N) is not one, -1 if it may be one that
 * has not all come yet.
 */
static int
termwidth_reply(const char *b, size_t i, size_t n, int *col, int *mode)
{
	static const char dec[] = "\033[?2027;";
	size_t j = i + 2, d;
	int v;

	if (b[i] != '\033')
		return 0;
	if (i + 1 == n)
		return -1;
	if (b[i + 1] != '[')
		return 0;
	/* ESC [ ? 2027 ; Ps $ y */
	for (d = 0; d < sizeof(dec) - 1 && i + d < n; d++)
		if (b[i + d] != dec[d])
			break;
	if (d == sizeof(dec) - 1) {
		j = i + d;
		for (v = 0; j < n && b[j] >= '0' && b[j] <= '9'; j++)
			v = v * 10 + (b[j] - '0');
		if (j + 2 > n)
			return -1;
		if (b[j] != '$' || b[j + 1] != 'y')
			return 0;
		*mode = v;
		return (int)(j + 2 - i);
	}
	if (i + d == n)
		return -1;
	/* ESC [ row ; col R */
	while (j < n && b[j] >= '0' && b[j] <= '9')
		j++;
	if (j == n)
		return -1;
	if (j == i + 2 || b[j] != ';')
		return 0;
	for (v = 0, j++; j < n && b[j] >= '0' && b[j] <= '9'; j++)
		v = v > 9999 ? v : v * 10 + (b[j] - '0');
	if (j == n)
		return -1;
	if (b[j] != 'R')
		return 0;
	*col = v;
	return (int)(j + 1 - i);
}

/* Milliseconds left until DEADLINE. */
static int
termwidth_left(const struct timespec *deadline)
{
	struct timespec now;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (deadline->tv_sec - now.tv_sec) * 1000 +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : (int)ms;
}

/* Writes the question; 0 when it is all written. */
static int
termwidth_ask(int out)
{
	char q[256];
	size_t n = 0, k, len;
	ssize_t w;

	len = strlen("\033[?2027$p\033[?2027l");
	memcpy(q, "\033[?2027$p\033[?2027l", len);
	n = len;
	for (k = 0; k < TERMWIDTH_N; k++) {
		q[n++] = '\r';
		len = strlen(termwidth_samples[k].text);
		memcpy(q + n, termwidth_samples[k].text, len);
		n += len;
		memcpy(q + n, "\033[6n", 4);
		n += 4;
	}
	memcpy(q + n, "\r\033[K", 4);
	n += 4;
	for (k = 0; k < n; k += (size_t)w)
		if ((w = write(out, q + k, n - k)) < 0) {
			if (errno != EINTR)
				return -1;
			w = 0;
		}
	return 0;
}

/*
 * Asks the terminal and reads its answers into COLS and *MODE; what else
 * came goes to REST. Returns the length of REST.
 */
static size_t
termwidth_probe(int in, int out, int cols[TERMWIDTH_N], int *mode,
    char *rest, size_t restsz)
{
	struct termios old, raw;
	struct timespec deadline;
	struct pollfd pfd;
	char b[TERMWIDTH_BUF];
	size_t n = 0, i, nrest = 0;
	ssize_t r;
	int got = 0, len, col, left;

	if (tcgetattr(in, &old) != 0)
		return 0;
	raw = old;
	raw.c_lflag &= ~(ICANON | ECHO);
	raw.c_cc[VMIN] = 1;
	raw.c_cc[VTIME] = 0;
	if (tcsetattr(in, TCSANOW, &raw) != 0)
		return 0;
	if (termwidth_ask(out) != 0)
		goto done;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_nsec += TERMWIDTH_WAIT * 1000000L;
	deadline.tv_sec += deadline.tv_nsec / 1000000000L;
	deadline.tv_nsec %= 1000000000L;
	pfd.fd = in;
	pfd.events = POLLIN;
	while (got < TERMWIDTH_N && n < sizeof(b) &&
	    (left = termwidth_left(&deadline)) > 0) {
		if (poll(&pfd, 1, left) <= 0)
			continue;
		if ((r = read(in, b + n, sizeof(b) - n)) <= 0) {
			if (r < 0 && errno == EINTR)
				continue;
			break;
		}
		n += (size_t)r;
		/* Counts the position reports in what came so far. */
		for (got = 0, i = 0; i < n; i++) {
			col = -1;
			if ((len = termwidth_reply(b, i, n, &col, mode)) > 0) {
				if (col > 0 && got < TERMWIDTH_N)
					cols[got++] = col - 1;
				i += (size_t)len - 1;
			} else if (len < 0)
				break;
		}
	}
	/* The answers are taken out; keys typed meanwhile are kept. */
	for (i = 0; i < n; i++) {
		col = -1;
		if ((len = termwidth_reply(b, i, n, &col, mode)) > 0)
			i += (size_t)len - 1;
		else if (len < 0)
			break;		/* the start of a late answer */
		else if (nrest < restsz)
			rest[nrest++] = b[i];
	}
done:
	tcsetattr(in, TCSANOW, &old);
	return nrest;
}

size_t
termwidth_start(int in, int out, char *rest, size_t restsz)
{
	const char *env = getenv("LECTERN_TEST_TERMWIDTH");
	struct winsize ws;
	int cols[TERMWIDTH_N], mode = 0, k;
	size_t nrest = 0;

	for (k = 0; k < TERMWIDTH_N; k++)
		cols[k] = TERMWIDTH_NONE;
	if (env != NULL && env[0] != '\0') {
		if (termwidth_answers(env, cols, &mode) != 0)
			for (k = 0; k < TERMWIDTH_N; k++)
				cols[k] = TERMWIDTH_NONE;
	} else if (isatty(in) && isatty(out) &&
	    ioctl(out, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 8) {
		nrest = termwidth_probe(in, out, cols, &mode, rest, restsz);
		termwidth_was_set = mode == 1;
	}
	termwidth_decide(cols, mode);
	return nrest;
}
