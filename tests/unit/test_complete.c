/* Unit tests of file name completion (complete.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "lectern/complete.h"
#include "lectern/util.h"
#include "t.h"

static void
touch(const char *dir, const char *name)
{
	char *p = xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");

	if (f != NULL)
		fclose(f);
	free(p);
}

int
main(void)
{
	char tmpl[] = "/tmp/lectern-complete-XXXXXX", out[512], *typed, *sub;
	char *want;
	const char *dir;
	int n;

	if ((dir = mkdtemp(tmpl)) == NULL) {
		CHECK(0, "a temporary directory");
		return t_done();
	}
	touch(dir, "chapter-one.md");
	touch(dir, "chapter-two.md");
	touch(dir, "index.md");
	touch(dir, ".hidden.md");
	sub = xasprintf("%s/guide", dir);
	mkdir(sub, 0700);

	typed = xasprintf("%s/ch", dir);
	want = xasprintf("%s/chapter-", dir);
	CHECK_INT(complete_path(typed, out, sizeof(out), &n), 0,
	    "completes in a directory");
	CHECK_STR(out, want, "to what both chapters share");
	CHECK_INT(n, 2, "two files start so");
	free(typed);
	free(want);

	typed = xasprintf("%s/i", dir);
	want = xasprintf("%s/index.md", dir);
	complete_path(typed, out, sizeof(out), &n);
	CHECK_STR(out, want, "a sole file: its whole name");
	CHECK_INT(n, 1, "one file starts so");
	free(typed);
	free(want);

	typed = xasprintf("%s/gu", dir);
	want = xasprintf("%s/guide/", dir);
	complete_path(typed, out, sizeof(out), &n);
	CHECK_STR(out, want, "a sole directory: a slash after it");
	free(typed);
	free(want);

	typed = xasprintf("%s/", dir);
	complete_path(typed, out, sizeof(out), &n);
	CHECK_INT(n, 4, "hidden files only when a dot is typed");
	free(typed);

	typed = xasprintf("%s/zzz", dir);
	CHECK_INT(complete_path(typed, out, sizeof(out), &n), 0,
	    "nothing matches: no error");
	CHECK_STR(out, typed, "the text stays");
	CHECK_INT(n, 0, "no file starts so");
	CHECK_INT(complete_path(typed, out, 4, &n), -1,
	    "too short a buffer fails");
	free(typed);

	CHECK_INT(complete_path("/no/such/dir/x", out, sizeof(out), &n), -1,
	    "an unreadable directory fails");

	{
		char *cmd = xasprintf("rm -rf '%s'", dir);

		if (system(cmd) != 0)
			CHECK(0, "removing the directory");
		free(cmd);
	}
	free(sub);
	return t_done();
}
