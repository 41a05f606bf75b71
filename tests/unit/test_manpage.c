/*
 * The man page and the key table must agree: every key and every line of
 * help that the help screen shows (it is generated from keys.c), and
 * every command of the command line, must stand in the KEYS section of
 * man/lectern.1, as mandoc renders it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lectern/keys.h"
#include "lectern/util.h"
#include "t.h"

/* The rendered page, overstrikes removed and white space folded. */
static char *
render(void)
{
	FILE *f = popen("mandoc -Tascii -O width=1000 man/lectern.1", "r");
	struct buf b = { 0 };
	int c, prev = -1, space = 0;

	if (f == NULL)
		return NULL;
	while ((c = getc(f)) != EOF) {
		if (c == '\b') {	/* "X\bX" is bold, "_\bX" underline */
			prev = -1;
			continue;
		}
		if (prev != -1) {
			if (prev == ' ' || prev == '\n' || prev == '\t') {
				if (!space)
					buf_addc(&b, ' ');
				space = 1;
			} else {
				buf_addc(&b, (char)prev);
				space = 0;
			}
		}
		prev = c;
	}
	if (prev != -1 && prev != '\n')
		buf_addc(&b, (char)prev);
	if (pclose(f) != 0) {
		buf_free(&b);
		return NULL;
	}
	return b.data;
}

/* The text from heading FROM up to heading TO, in a copy. */
static char *
section(const char *page, const char *from, const char *to)
{
	const char *a = strstr(page, from), *e;

	if (a == NULL)
		return NULL;
	e = strstr(a, to);
	return xstrndup(a, e ? (size_t)(e - a) : strlen(a));
}

int
main(void)
{
	char *page = render(), *keys, *what;
	const struct key *k;
	const struct colon *c;
	unsigned n, i;

	if (!CHECK(page != NULL, "mandoc renders man/lectern.1"))
		return t_done();
	keys = section(page, " KEYS ", " ENVIRONMENT ");
	if (!CHECK(keys != NULL, "the page has a KEYS section"))
		return t_done();
	k = keys_table(&n);
	CHECK(n > 20, "the key table has its rows");
	for (i = 0; i < n; i++) {
		char *shown = xstrdup(k[i].shown), *tok, *save = NULL;

		for (tok = strtok_r(shown, ",", &save); tok != NULL;
		    tok = strtok_r(NULL, ",", &save)) {
			while (*tok == ' ')
				tok++;
			if (*tok == '\0')
				continue;
			what = xasprintf("key '%s' is in KEYS", tok);
			CHECK(strstr(keys, tok) != NULL, what);
			free(what);
		}
		free(shown);
		if (k[i].help == NULL)
			continue;
		what = xasprintf("help for '%s' (%s) is in KEYS", k[i].shown,
		    k[i].help);
		CHECK(strstr(keys, k[i].help) != NULL, what);
		free(what);
	}
	c = keys_colon_table(&n);
	CHECK(n > 0, "the command line has its commands");
	for (i = 0; i < n; i++) {
		char *name = xasprintf(":%s", c[i].name);

		what = xasprintf("command %s is in KEYS", name);
		CHECK(strstr(keys, name) != NULL, what);
		free(what);
		what = xasprintf("help for %s (%s) is in KEYS", name,
		    c[i].help);
		CHECK(strstr(keys, c[i].help) != NULL, what);
		free(what);
		free(name);
	}
	free(keys);
	free(page);
	return t_done();
}
