/*
 * Unit tests of the terminal's widths (termwidth.c): the decision for
 * each answer a terminal may give, what is drawn and measured then, and
 * the question itself, asked of a pseudo-terminal that answers as a
 * terminal would (or not at all).
 */
#include <fcntl.h>
#include <locale.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "lectern/layout.h"
#include "lectern/termwidth.h"
#include "t.h"

#define FAMILY	"\xf0\x9f\x91\xa8\xe2\x80\x8d\xf0\x9f\x91\xa9\xe2\x80\x8d" \
		"\xf0\x9f\x91\xa7"
#define FRANCE	"\xf0\x9f\x87\xab\xf0\x9f\x87\xb7"
#define HEART	"\xe2\x9d\xa4\xef\xb8\x8f"
#define THUMB	"\xf0\x9f\x91\x8d\xf0\x9f\x8f\xbd"
#define KEYCAP	"1\xef\xb8\x8f\xe2\x83\xa3"
#define TONE	"\xf0\x9f\x8f\xbd"

/* Decides from the answers SPEC, as LECTERN_TEST_TERMWIDTH gives them. */
static void
answer(const char *spec)
{
	int cols[TERMWIDTH_N], mode;

	if (termwidth_answers(spec, cols, &mode) != 0)
		printf("# bad answers %s\n", spec);
	termwidth_decide(cols, mode);
}

/* The kinds drawn apart, as a string of their initials. */
static const char *
apart(void)
{
	static char s[TERMWIDTH_N + 1];
	static const char initial[TERMWIDTH_N] = "zfvtk";
	int k, n = 0;

	for (k = 0; k < TERMWIDTH_N; k++)
		if (termwidth_apart(k))
			s[n++] = initial[k];
	s[n] = '\0';
	return s;
}

static int
width(const char *s)
{
	return layout_width(s, strlen(s), 0);
}

static void
test_answers(void)
{
	int cols[TERMWIDTH_N], mode;

	CHECK_INT(termwidth_answers("none", cols, &mode), 0, "answers: none");
	CHECK_INT(cols[TERMWIDTH_ZWJ], TERMWIDTH_NONE,
	    "answers: none has no columns");
	CHECK_INT(termwidth_answers("zwj=2,2027=3", cols, &mode), 0,
	    "answers: a kind and the mode");
	CHECK(cols[TERMWIDTH_ZWJ] == 2 && mode == 3 &&
	    cols[TERMWIDTH_FLAG] == TERMWIDTH_NONE,
	    "answers: a kind not named has no answer");
	CHECK_INT(termwidth_answers("zwj", cols, &mode), -1,
	    "answers: a name without columns is refused");
	CHECK_INT(termwidth_answers("tone=x", cols, &mode), -1,
	    "answers: columns that are no number are refused");
	CHECK_INT(termwidth_answers("emoji=2", cols, &mode), -1,
	    "answers: an unknown kind is refused");
	CHECK_INT(termwidth_answers("flag=2,", cols, &mode), 0,
	    "answers: a trailing comma is harmless");
}

static void
test_decide(void)
{
	termwidth_reset();
	CHECK_STR(apart(), "", "nothing asked (the dump): all as it is");
	CHECK_INT(width(FAMILY), 6, "as it is: a family is its 3 emoji");
	CHECK_INT(width(THUMB), 4, "as it is: a toned thumb is 2 + 2");

	/* tmux 3.3: joins after U+200D, nothing else. */
	answer("zwj=2,flag=2,vs16=1,tone=4,keycap=1");
	CHECK_STR(apart(), "z", "tmux 3.3's answers: joins apart");
	CHECK_INT(termwidth_map(0x200d), 0, "tmux 3.3: the joiner left out");
	CHECK_INT(termwidth_map(0x1f1eb), 0x1f1eb, "tmux 3.3: flags as they are");
	CHECK_INT(width(FAMILY), 6, "tmux 3.3: a family apart is 6 columns");

	/* xterm: every character on its own. */
	answer("zwj=6,flag=2,vs16=1,tone=4,keycap=1");
	CHECK_STR(apart(), "", "xterm's answers: all as it is");

	/* A terminal of Unicode's clusters, mode 2027 off. */
	answer("zwj=2,flag=2,vs16=2,tone=2,keycap=2,2027=2");
	CHECK_STR(apart(), "zvtk", "clusters: all but flags apart");
	CHECK_INT(width(HEART), 1, "clusters: a heart without VS16 is 1");
	CHECK_INT(width(THUMB), 2, "clusters: a thumb without its tone is 2");
	CHECK_INT(width(KEYCAP), 1, "clusters: a keycap is its digit");
	CHECK_INT(width(TONE), 0, "clusters: a lone tone is left out");
	CHECK_INT(termwidth_map('1'), '1', "clusters: a digit stays");

	/* Mode 2027 set, then reset by the question: as measured. */
	answer("zwj=6,flag=2,vs16=1,tone=4,keycap=1,2027=1");
	CHECK_STR(apart(), "", "mode 2027 set and reset: as measured");
	answer("zwj=2,flag=2,vs16=2,tone=2,keycap=2,2027=1");
	CHECK_STR(apart(), "zvtk", "mode 2027 set and reset: as measured");
	/* Set for good: it cannot be reset, whatever the samples say. */
	answer("zwj=6,flag=2,vs16=1,tone=4,keycap=1,2027=3");
	CHECK_STR(apart(), "zfvtk", "mode 2027 set for good: all apart");
	answer("zwj=6,flag=2,vs16=1,tone=4,keycap=1,2027=4");
	CHECK_STR(apart(), "", "mode 2027 reset for good: as measured");

	/* No answer: all apart. */
	answer("none");
	CHECK_STR(apart(), "zfvtk", "no answer: all apart");
	CHECK_INT(termwidth_map(0x1f1eb), 'F', "no answer: F stands for 🇫");
	CHECK_INT(termwidth_map(0x1f1f7), 'R', "no answer: R stands for 🇷");
	CHECK_INT(width(FRANCE), 2, "no answer: FR is 2 columns");
	CHECK_INT(termwidth_map(0xfe0f), 0, "no answer: VS16 left out");
	CHECK_INT(termwidth_map(0x20e3), 0, "no answer: keycap left out");
	CHECK_INT(termwidth_map(0x1f3fd), 0, "no answer: tone left out");
	CHECK_INT(termwidth_map(0x1f600), 0x1f600, "no answer: 😀 stays");
	CHECK_INT(width("中" FAMILY "中"), 10, "no answer: CJK around");
	termwidth_reset();
}

/*
 * Runs termwidth_start on a pseudo-terminal whose other end answers with
 * REPLY once the question has come (none when REPLY is NULL). Leaves the
 * keys read apart in KEYS; returns the milliseconds it took.
 */
static long
ask(const char *reply, char *keys, size_t *nkeys)
{
	struct timespec t0, t1;
	struct winsize ws;
	char q[512];
	size_t n = 0;
	ssize_t r;
	pid_t pid;
	int m, s;

	if ((m = posix_openpt(O_RDWR | O_NOCTTY)) < 0 || grantpt(m) != 0 ||
	    unlockpt(m) != 0 || (s = open(ptsname(m), O_RDWR | O_NOCTTY)) < 0)
		return -1;
	ws.ws_col = 80;
	ws.ws_row = 24;
	ioctl(m, TIOCSWINSZ, &ws);
	if ((pid = fork()) == 0) {
		/* The terminal: the question ends with ESC [ K. */
		while (n < sizeof(q) - 1 && (r = read(m, q + n,
		    sizeof(q) - 1 - n)) > 0) {
			n += (size_t)r;
			q[n] = '\0';
			if (strstr(q, "\r\033[K") != NULL)
				break;
		}
		if (reply != NULL && write(m, reply, strlen(reply)) < 0)
			_exit(1);
		pause();
		_exit(0);
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	*nkeys = termwidth_start(s, s, keys, 16);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	kill(pid, SIGTERM);
	waitpid(pid, NULL, 0);
	close(s);
	close(m);
	return (t1.tv_sec - t0.tv_sec) * 1000 +
	    (t1.tv_nsec - t0.tv_nsec) / 1000000;
}

static void
test_question(void)
{
	char keys[16];
	size_t n = 0;
	long ms;

	unsetenv("LECTERN_TEST_TERMWIDTH");
	ms = ask("x\033[?2027;2$y\033[5;3R\033[5;3Ry\033[5;2R\033[5;5R"
	    "\033[A\033[5;2R", keys, &n);
	CHECK_STR(apart(), "z", "question: answers as tmux 3.3's decide");
	CHECK(n == 5 && memcmp(keys, "xy\033[A", 5) == 0,
	    "question: keys typed among the answers are kept in order");
	CHECK(ms >= 0 && ms < 200, "question: answered, no wait");

	CHECK(termwidth_mode(0) == NULL && termwidth_mode(1) == NULL,
	    "question: mode 2027 unknown, left alone");

	ask("\033[?2027;1$y\033[1;7R\033[1;3R\033[1;2R\033[1;5R\033[1;2R",
	    keys, &n);
	CHECK_STR(apart(), "", "question: mode 2027 set and reset, as measured");
	CHECK_INT(n, 0, "question: nothing but answers, no keys");
	CHECK_STR(termwidth_mode(0), "\033[?2027h",
	    "question: mode 2027 was set: set again when the reader ends");
	CHECK_STR(termwidth_mode(1), "\033[?2027l",
	    "question: mode 2027 was set: reset when the reader resumes");

	ask("\033[?2027;3$y\033[1;3R\033[1;3R\033[1;3R\033[1;3R\033[1;3R",
	    keys, &n);
	CHECK_STR(apart(), "zfvtk", "question: mode 2027 set for good, all apart");
	CHECK(termwidth_mode(0) == NULL,
	    "question: mode 2027 set for good is left alone");

	ms = ask(NULL, keys, &n);
	CHECK_STR(apart(), "zfvtk", "question: no answer, all apart");
	CHECK(ms >= 200 && ms < 1000, "question: no answer, a short wait");

	ask("\033[1;7R\033[1;3R\033", keys, &n);
	CHECK_INT(n, 0, "question: the start of a late answer is dropped");

	setenv("LECTERN_TEST_TERMWIDTH", "zwj=6,flag=2,vs16=1,tone=4,keycap=1",
	    1);
	ms = ask(NULL, keys, &n);
	CHECK_STR(apart(), "", "question: the override stands for answers");
	CHECK(ms < 200, "question: the override asks nothing");
	unsetenv("LECTERN_TEST_TERMWIDTH");
	termwidth_reset();
}

int
main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	test_answers();
	test_decide();
	test_question();
	return t_done();
}
