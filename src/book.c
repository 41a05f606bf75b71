/*
 * book.c: a directory or a list of files read as one book (book.h).
 */
#include <stdlib.h>
#include <string.h>

#include "lectern/book.h"

int
book_open_dir(struct book *b, const char *dir, char *err, size_t errlen)
{
	(void)dir;
	memset(b, 0, sizeof(*b));
	if (errlen > 0)
		err[0] = '\0';
	return -1;
}

void
book_open_files(struct book *b, char *const *paths, size_t n)
{
	(void)paths;
	(void)n;
	memset(b, 0, sizeof(*b));
}

void
book_free(struct book *b)
{
	memset(b, 0, sizeof(*b));
}

long
book_find(const struct book *b, const char *path)
{
	(void)b;
	(void)path;
	return -1;
}

long
book_next(const struct book *b, long i, int dir)
{
	(void)b;
	(void)i;
	(void)dir;
	return -1;
}

char *
book_link_path(const char *from, const char *href, char **anchor)
{
	(void)from;
	(void)href;
	*anchor = NULL;
	return NULL;
}

int
book_is_markdown(const char *path)
{
	(void)path;
	return 0;
}

int
book_may_open(const char *path, size_t max, char *err, size_t errlen)
{
	(void)path;
	(void)max;
	(void)err;
	(void)errlen;
	return 0;
}
