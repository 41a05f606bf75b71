/*
 * tui-signal.c: the reader's signals. Every signal whose default action
 * ends the program is caught while the reader runs, so that the terminal
 * is left as it was found: its modes, the main screen, the cursor, no
 * mouse reporting, the normal keypad.
 *
 * - Those sent to end the program (SIGHUP, SIGINT, SIGQUIT, SIGTERM,
 *   SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2, SIGVTALRM, SIGPROF, SIGXCPU,
 *   SIGXFSZ, SIGIO, SIGPWR, SIGSTKFLT where they exist, and the real-time
 *   signals) only set a flag. The event loop sees it within a tick,
 *   saves the position and ends curses, and the reader exits with 128
 *   plus the signal's number, as a shell reports a death by signal.
 * - Those of a fault (SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP,
 *   SIGSYS) cannot wait for the loop, whose state may be broken: the
 *   handler gives the terminal back at once with async-signal-safe calls
 *   (the reset sequence written, the modes set), then lets the signal
 *   take the action it had before, so that a crash still dumps core or
 *   reaches the sanitizers.
 * - SIGTSTP sets a flag of its own: the loop suspends (tui.c).
 *
 * A signal ignored when the reader starts stays ignored (nohup, a job in
 * the background). SIGKILL and SIGSTOP cannot be caught; SIGTTIN and
 * SIGTTOU stop rather than end; SIGCHLD, SIGCONT, SIGURG and SIGWINCH
 * (ncurses's) are ignored by default. An exit() while the terminal is
 * the reader's (out of memory) gives it back too, through atexit.
 */
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "lectern/termwidth.h"

#define LECTERN_TUI_INTERNAL
#include "lectern/tui.h"

#include <term.h>

static volatile sig_atomic_t tui_signal_last;	/* quit on this signal */
static volatile sig_atomic_t tui_signal_tstp;	/* Ctrl-Z was pressed */
static volatile sig_atomic_t tui_signal_on;	/* the terminal is ours */

static struct sigaction tui_signal_old[NSIG];	/* actions before */
static unsigned char	tui_signal_set[NSIG];	/* caught by us */
static struct termios	tui_signal_modes;	/* the terminal's before */
static int		tui_signal_havemodes;
static char		tui_signal_reset[512];	/* gives the screen back */
static size_t		tui_signal_nreset;	/* [bytes] */

/* Signals sent to end the program: a flag for the loop. */
static const int tui_signal_quits[] = {
	SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGALRM, SIGUSR1, SIGUSR2,
	SIGVTALRM, SIGPROF, SIGXCPU, SIGXFSZ,
#ifdef SIGIO
	SIGIO,
#endif
#ifdef SIGPWR
	SIGPWR,
#endif
#ifdef SIGSTKFLT
	SIGSTKFLT,
#endif
};

/* Signals of a fault: the terminal back at once, then the old action. */
static const int tui_signal_faults[] = {
	SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT, SIGTRAP, SIGSYS
};

/* Gives the terminal back with async-signal-safe calls only. */
static void
tui_signal_give_back(void)
{
	ssize_t n;

	if (!tui_signal_on)
		return;
	tui_signal_on = 0;
	n = write(STDOUT_FILENO, tui_signal_reset, tui_signal_nreset);
	(void)n;
	if (tui_signal_havemodes)
		tcsetattr(STDOUT_FILENO, TCSADRAIN, &tui_signal_modes);
}

/* A signal that ends the reader: the loop looks at the flag. */
static void
tui_signal_on_quit(int sig)
{
	if (sig == SIGTSTP)
		tui_signal_tstp = 1;
	else
		tui_signal_last = sig;
}

/*
 * A fault: the terminal back now, then the signal again with its old
 * action. A fault of the program itself happens again when the handler
 * returns; one sent by kill(2) is raised again.
 */
static void
tui_signal_on_fault(int sig, siginfo_t *si, void *ctx)
{
	int saved = errno;

	(void)ctx;
	tui_signal_give_back();
	sigaction(sig, &tui_signal_old[sig], NULL);
	if (si == NULL || si->si_code <= 0)
		raise(sig);
	errno = saved;
}

/* Catches SIG with SA, unless it was ignored. */
static void
tui_signal_catch_one(int sig, const struct sigaction *sa)
{
	if (sig <= 0 || sig >= NSIG ||
	    sigaction(sig, NULL, &tui_signal_old[sig]) != 0)
		return;
	if (tui_signal_old[sig].sa_handler == SIG_IGN)
		return;
	if (sigaction(sig, sa, NULL) == 0)
		tui_signal_set[sig] = 1;
}

/* Appends the terminfo string S to the reset sequence. */
static void
tui_signal_add(const char *s)
{
	size_t n;

	if (s == NULL || s == (char *)-1)
		return;
	n = strlen(s);
	if (n < sizeof(tui_signal_reset) - tui_signal_nreset) {
		memcpy(tui_signal_reset + tui_signal_nreset, s, n);
		tui_signal_nreset += n;
	}
}

/* The exit() of a reader that has not ended curses. */
static void
tui_signal_atexit(void)
{
	tui_signal_give_back();
}

/* Catches the signals, before newterm; saves the terminal's modes. */
void
tui_signal_catch(void)
{
	static int registered;
	struct sigaction sa;
	size_t i;
	int s;

	tui_signal_last = tui_signal_tstp = 0;
	tui_signal_havemodes = tcgetattr(STDOUT_FILENO,
	    &tui_signal_modes) == 0;
	if (!registered && atexit(tui_signal_atexit) == 0)
		registered = 1;

	memset(&sa, 0, sizeof(sa));
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = tui_signal_on_quit;
	for (i = 0; i < sizeof(tui_signal_quits) / sizeof(tui_signal_quits[0]);
	    i++)
		tui_signal_catch_one(tui_signal_quits[i], &sa);
	for (s = SIGRTMIN; s <= SIGRTMAX; s++)
		tui_signal_catch_one(s, &sa);
	tui_signal_catch_one(SIGTSTP, &sa);

	sa.sa_handler = NULL;
	sa.sa_sigaction = tui_signal_on_fault;
	sa.sa_flags = SA_SIGINFO;
	for (i = 0; i < sizeof(tui_signal_faults) /
	    sizeof(tui_signal_faults[0]); i++)
		tui_signal_catch_one(tui_signal_faults[i], &sa);
}

/* Marks the terminal as the reader's (ON) or given back. */
void
tui_signal_raw(int on)
{
	const char *xm;
	ssize_t n;

	if (on && tui_signal_nreset == 0) {
		/* What endwin would send: mouse off, then the screen. */
		xm = tigetstr("XM");
		if (xm != NULL && xm != (char *)-1)
			tui_signal_add(tiparm(xm, 0));
		else if (tigetstr("kmous") != NULL &&
		    tigetstr("kmous") != (char *)-1)
			tui_signal_add("\033[?1000l");
		tui_signal_add(tigetstr("sgr0"));
		tui_signal_add(tigetstr("cnorm"));
		tui_signal_add(tigetstr("rmkx"));
		tui_signal_add(tigetstr("rmcup"));
		tui_signal_add(termwidth_mode(0));
	}
	/* Mode 2027 as the terminal's widths want it (termwidth.c). */
	if ((xm = termwidth_mode(on)) != NULL) {
		n = write(STDOUT_FILENO, xm, strlen(xm));
		(void)n;
	}
	tui_signal_on = on;
}

/* The signal that asks the reader to quit, or 0. */
int
tui_signal_quit(void)
{
	return tui_signal_last;
}

/* Whether Ctrl-Z was pressed since the last call. */
int
tui_signal_stopped(void)
{
	if (!tui_signal_tstp)
		return 0;
	tui_signal_tstp = 0;
	return 1;
}

/* Gives every caught signal its earlier action back. */
void
tui_signal_release(void)
{
	int s;

	tui_signal_on = 0;
	for (s = 1; s < NSIG; s++)
		if (tui_signal_set[s]) {
			sigaction(s, &tui_signal_old[s], NULL);
			tui_signal_set[s] = 0;
		}
}
