/*
 * A small test harness: each check prints one TAP-style line, "ok N - what"
 * or "not ok N - what", and t_done() returns the exit status.
 * tests/run.sh counts these lines.
 */
#ifndef LECTERN_T_H
#define LECTERN_T_H

#include <stdio.h>
#include <string.h>

static int t_n, t_failed;

static inline int
t_check(int ok, const char *file, int line, const char *what)
{
	t_n++;
	if (ok)
		printf("ok %d - %s\n", t_n, what);
	else {
		t_failed++;
		printf("not ok %d - %s (%s:%d)\n", t_n, what, file, line);
	}
	fflush(stdout);
	return ok;
}

#define CHECK(cond, what)	t_check(!!(cond), __FILE__, __LINE__, (what))
#define CHECK_INT(got, want, what) do {					\
	long long t_g = (long long)(got), t_w = (long long)(want);	\
	if (!t_check(t_g == t_w, __FILE__, __LINE__, (what)))		\
		printf("#   got %lld, want %lld\n", t_g, t_w);		\
} while (0)
#define CHECK_STR(got, want, what) do {					\
	const char *t_g = (got), *t_w = (want);				\
	int t_ok = t_g != NULL && t_w != NULL && strcmp(t_g, t_w) == 0;	\
	if (!t_check(t_ok, __FILE__, __LINE__, (what)))			\
		printf("#   got  \"%s\"\n#   want \"%s\"\n",		\
		    t_g ? t_g : "(null)", t_w ? t_w : "(null)");	\
} while (0)

static inline int
t_done(void)
{
	return t_failed ? 1 : 0;
}

#endif
