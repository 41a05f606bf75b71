/*
 * browser.c: opening a link's address with $BROWSER (see browser.h).
 * A Markdown address is a URL reference: one with a scheme is absolute,
 * anything else is relative to the document. The browser is given the
 * first only for the schemes of browser_schemes, and the second as a
 * file: URL under the document's directory, so that its one argument
 * always starts with a scheme and never with '-'. Without $BROWSER, the
 * system's opener on PATH (xdg-open; open on macOS) is given it.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <unistr.h>

#include "lectern/browser.h"
#include "lectern/inert.h"
#include "lectern/util.h"

/* The schemes whose URLs go to the browser as they are. */
static const char *const browser_schemes[] = {
	"http", "https", "ftp", "ftps", "sftp", "file", "mailto", "news",
	"nntp", "gopher", "gemini", "irc", "ircs", "xmpp"
};

/* Whether C is an ASCII letter. */
static int
browser_alpha(int c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Length of the scheme that URL starts with, without ':'; 0 for none. */
static size_t
browser_scheme(const char *url)
{
	size_t i;
	int c;

	if (!browser_alpha((unsigned char)url[0]))
		return 0;
	for (i = 1; (c = (unsigned char)url[i]) != '\0' && c != ':'; i++)
		if (!browser_alpha(c) && !(c >= '0' && c <= '9') &&
		    c != '+' && c != '-' && c != '.')
			return 0;
	return c == ':' ? i : 0;
}

/* Whether the scheme of N bytes at S is one of browser_schemes. */
static int
browser_known(const char *s, size_t n)
{
	size_t i;

	for (i = 0; i < sizeof(browser_schemes) / sizeof(browser_schemes[0]);
	    i++)
		if (strlen(browser_schemes[i]) == n &&
		    strncasecmp(s, browser_schemes[i], n) == 0)
			return 1;
	return 0;
}

/*
 * Appends S to B as part of a URL: white space, controls, the characters
 * that a URL never holds as they are, bytes that are not UTF-8 and, in a
 * file name (PATH), '%', '#' and '?' are percent-encoded; characters
 * beyond ASCII stay.
 */
static void
browser_escape(struct buf *b, const char *s, int path)
{
	const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
	ucs4_t c;
	int len;

	while (p < end) {
		if (*p >= 0x80) {
			if ((len = u8_mbtoucr(&c, p, (size_t)(end - p))) > 0) {
				buf_add(b, p, (size_t)len);
				p += len;
				continue;
			}
		} else if (*p > 0x20 && *p != 0x7f &&
		    strchr("\"<>\\^`{|}", *p) == NULL &&
		    !(path && strchr("%#?", *p) != NULL)) {
			buf_addc(b, (char)*p++);
			continue;
		}
		buf_printf(b, "%%%02X", *p++);
	}
}

/* What the browser is given for URL: see browser.h. */
char *
browser_target(const char *url, const char *dir, const char **why)
{
	struct buf b = { 0 };
	size_t n = 0;

	*why = NULL;
	if (url[0] == '\0')
		*why = "no address";
	else if (url[0] == '#')
		*why = "a place in this document";
	else if ((n = browser_scheme(url)) > 0 && !browser_known(url, n))
		*why = "not a scheme that lectern opens";
	else if (n == 0 && url[0] == '/' && url[1] == '/')
		*why = "a host without a scheme";
	else if (n == 0 && url[0] != '/' && (dir == NULL || dir[0] != '/'))
		*why = "no directory to find it in";
	if (*why != NULL)
		return NULL;
	if (n == 0) {
		/* A path: absolute, or made so under DIR. */
		buf_adds(&b, "file://");
		if (url[0] != '/') {
			browser_escape(&b, dir, 1);
			if (b.data[b.len - 1] != '/')
				buf_addc(&b, '/');
		}
	}
	browser_escape(&b, url, 0);
	return b.data;
}

/* The absolute directory of the document read from PATH. */
char *
browser_dir(const char *path)
{
	char cwd[PATH_MAX], *abs, *slash;

	if (path == NULL || strcmp(path, "-") == 0)
		return getcwd(cwd, sizeof(cwd)) ? xstrdup(cwd) : NULL;
	if ((abs = realpath(path, NULL)) == NULL) {
		if (path[0] == '/')
			abs = xstrdup(path);
		else if (getcwd(cwd, sizeof(cwd)) != NULL)
			abs = xasprintf("%s/%s", cwd, path);
		else
			return NULL;
	}
	slash = strrchr(abs, '/');
	if (slash == abs)
		slash[1] = '\0';
	else
		*slash = '\0';
	return abs;
}

/* Runs BROWSER with the one argument ARG, detached; returns its pid. */
static pid_t
browser_spawn(const char *browser, const char *arg)
{
	pid_t pid;
	int fd, status;

	pid = fork();
	if (pid == 0) {
		/* A grandchild runs the browser; nobody waits for it. */
		if (fork() != 0)
			_exit(0);
		setsid();
		if ((fd = open("/dev/null", O_RDWR)) >= 0) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
			if (fd > STDERR_FILENO)
				close(fd);
		}
		execlp(browser, browser, arg, (char *)NULL);
		_exit(127);
	}
	if (pid > 0)
		while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
			;
	return pid;
}

/* The openers tried on PATH when BROWSER is not set, in order. */
static const char *const browser_openers[] = {
	"xdg-open",
#ifdef __APPLE__
	"open",
#endif
};

/* See browser.h. */
char *
browser_opener(const char *env, const char *path)
{
	const char *dir, *end;
	char *prog;
	size_t i;

	if (env != NULL && env[0] != '\0') {
		/* BROWSER may list several, ':' between them: the first. */
		end = strchr(env, ':');
		return xstrndup(env, end != NULL ? (size_t)(end - env) :
		    strlen(env));
	}
	for (i = 0; i < sizeof(browser_openers) / sizeof(browser_openers[0]);
	    i++) {
		for (dir = path; dir != NULL && *dir != '\0'; dir = end) {
			if ((end = strchr(dir, ':')) == NULL)
				end = dir + strlen(dir);
			/* Only absolute directories: never "." by accident. */
			if (dir[0] == '/') {
				prog = xasprintf("%.*s/%s", (int)(end - dir), dir,
				    browser_openers[i]);
				if (access(prog, X_OK) == 0)
					return prog;
				free(prog);
			}
			if (*end == ':')
				end++;
		}
	}
	return NULL;
}

/* Opens URL with $BROWSER, or the opener found on PATH, once
   browser_target has passed it. */
int
browser_open(const char *url, const char *path, char **msg)
{
	const char *why;
	char *dir, *target, *shown, *prog;
	int rc = -1;

	dir = browser_dir(path);
	target = browser_target(url, dir, &why);
	free(dir);
	shown = inert_str(target != NULL ? target : url);
	prog = browser_opener(getenv("BROWSER"), getenv("PATH"));
	if (target == NULL)
		*msg = xasprintf("not opened, %s: %s", why, shown);
	else if (prog == NULL)
		*msg = xasprintf("BROWSER is not set and no %s is on PATH: %s",
		    browser_openers[0], shown);
	else if (browser_spawn(prog, target) < 0)
		*msg = xasprintf("cannot start %s: %s", prog, strerror(errno));
	else {
		*msg = xasprintf("opened with %s: %s", prog, shown);
		rc = 0;
	}
	free(prog);
	free(target);
	free(shown);
	return rc;
}
