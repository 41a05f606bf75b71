/* Unit tests of what the browser is given (browser.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lectern/browser.h"
#include "t.h"

static void
test_table(void)
{
	static const struct {
		const char	*url;
		const char	*dir;
		const char	*want;	/* NULL: refused */
		const char	*what;
	} t[] = {
		{ "https://example.com/a?b=c#d", "/doc",
		    "https://example.com/a?b=c#d", "https passes as it is" },
		{ "http://example.com/", "/doc", "http://example.com/",
		    "http passes" },
		{ "HTTPS://EXAMPLE.COM/", "/doc", "HTTPS://EXAMPLE.COM/",
		    "a scheme in capitals passes" },
		{ "ftp://ftp.example.com/f", "/doc", "ftp://ftp.example.com/f",
		    "ftp passes" },
		{ "mailto:someone@example.com", "/doc",
		    "mailto:someone@example.com", "mailto passes" },
		{ "file:///etc/motd", "/doc", "file:///etc/motd",
		    "file passes" },
		{ "https://zh.wikipedia.org/wiki/中文", "/doc",
		    "https://zh.wikipedia.org/wiki/中文",
		    "characters beyond ASCII stay" },
		{ "http://a.test/x y", "/doc", "http://a.test/x%20y",
		    "a space is encoded" },
		{ "--help", "/doc", "file:///doc/--help",
		    "--help: a path under the document's directory" },
		{ "--gpu-launcher=touch pwned", "/doc",
		    "file:///doc/--gpu-launcher=touch%20pwned",
		    "an option with a space: one file: URL" },
		{ "-", "/doc", "file:///doc/-", "a lone dash: a path" },
		{ "notes.md", "/home/u/docs", "file:///home/u/docs/notes.md",
		    "a relative path under the directory" },
		{ "../up.pdf#page=2", "/home/u/docs",
		    "file:///home/u/docs/../up.pdf#page=2",
		    "a relative path keeps its fragment" },
		{ "a%20b.md", "/home/u/docs", "file:///home/u/docs/a%20b.md",
		    "a relative path keeps its percent-encoding" },
		{ "x.md", "/", "file:///x.md", "the root directory" },
		{ "x.md", "/my docs/50%#?", "file:///my%20docs/50%25%23%3F/x.md",
		    "the directory is percent-encoded" },
		{ "/etc/motd", "/doc", "file:///etc/motd",
		    "an absolute path: a file: URL" },
		{ "-x:y", "/doc", "file:///doc/-x:y",
		    "no scheme starts with '-': a path" },
		{ "javascript:alert(1)", "/doc", NULL, "javascript: refused" },
		{ "data:text/html,<b>x</b>", "/doc", NULL, "data: refused" },
		{ "vbscript:x", "/doc", NULL, "an unknown scheme refused" },
		{ "c:\\x", "/doc", NULL, "a one-letter scheme refused" },
		{ "//host/path", "/doc", NULL, "a host without a scheme refused" },
		{ "", "/doc", NULL, "an empty address refused" },
		{ "#top", "/doc", NULL, "a place in the document refused" },
		{ "x.md", NULL, NULL, "a relative path without a directory" },
		{ "x.md", "rel", NULL, "a relative directory is refused" },
	};
	const char *why;
	char *got;
	size_t i;

	for (i = 0; i < sizeof(t) / sizeof(t[0]); i++) {
		got = browser_target(t[i].url, t[i].dir, &why);
		if (t[i].want == NULL)
			CHECK(got == NULL && why != NULL, t[i].what);
		else {
			CHECK_STR(got, t[i].want, t[i].what);
			if (got != NULL)
				CHECK(got[0] != '-', "never starts with '-'");
		}
		free(got);
	}
}

static void
test_dir(void)
{
	char cwd[4096], *d, *want;

	if (getcwd(cwd, sizeof(cwd)) == NULL)
		return;
	d = browser_dir("-");
	CHECK_STR(d, cwd, "standard input: the current directory");
	free(d);
	d = browser_dir("no-such-dir/x.md");
	want = malloc(strlen(cwd) + 16);
	strcpy(want, cwd);
	strcat(want, "/no-such-dir");
	CHECK_STR(d, want, "a relative name made absolute");
	free(want);
	free(d);
	d = browser_dir("/x.md");
	CHECK_STR(d, "/", "a file at the root");
	free(d);
}

/* Writes an executable file PATH. */
static int
test_exec(const char *path)
{
	FILE *f = fopen(path, "w");

	if (f == NULL)
		return -1;
	fputs("#!/bin/sh\n", f);
	fclose(f);
	return chmod(path, 0755);
}

static void
test_opener(void)
{
	char dir[] = "/tmp/lectern-opener-XXXXXX", *p, *got, *path;

	got = browser_opener("firefox", "/usr/bin");
	CHECK_STR(got, "firefox", "BROWSER is the opener");
	free(got);
	got = browser_opener("w3m:lynx", "/usr/bin");
	CHECK_STR(got, "w3m", "the first of a list in BROWSER");
	free(got);
	if (mkdtemp(dir) == NULL)
		return;
	p = malloc(strlen(dir) + 16);
	strcpy(p, dir);
	strcat(p, "/xdg-open");
	got = browser_opener(NULL, dir);
	CHECK(got == NULL, "no BROWSER, no xdg-open on PATH: none");
	free(got);
	if (test_exec(p) == 0) {
		path = malloc(strlen(dir) * 2 + 32);
		strcpy(path, "/nonexistent:");
		strcat(path, dir);
		got = browser_opener(NULL, path);
		CHECK_STR(got, p, "no BROWSER: the xdg-open found on PATH");
		free(got);
		got = browser_opener("", path);
		CHECK_STR(got, p, "an empty BROWSER is no BROWSER");
		free(got);
		got = browser_opener("firefox", path);
		CHECK_STR(got, "firefox", "BROWSER comes before xdg-open");
		free(got);
		CHECK(chdir(dir) == 0, "into the directory of xdg-open");
		got = browser_opener(NULL, ":.:bin");
		CHECK(got == NULL, "relative directories of PATH are not "
		    "searched");
		free(got);
		free(path);
		unlink(p);
	}
	rmdir(dir);
	free(p);
}

static void
test_open(void)
{
	char *msg = NULL;

	unsetenv("BROWSER");
	setenv("PATH", "/nonexistent", 1);
	CHECK_INT(browser_open("javascript:x", "-", &msg), -1,
	    "browser_open refuses before it looks at BROWSER");
	CHECK(msg != NULL && strstr(msg, "not opened") != NULL,
	    "and says so");
	free(msg);
	CHECK_INT(browser_open("https://a.test/", "-", &msg), -1,
	    "no BROWSER: nothing opened");
	CHECK(msg != NULL && strstr(msg, "BROWSER is not set") != NULL,
	    "and says so");
	free(msg);
}

int
main(void)
{
	test_table();
	test_dir();
	test_opener();
	test_open();
	return t_done();
}
