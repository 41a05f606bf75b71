/*
 * complete.c: completing a file name (see complete.h). One pass over the
 * directory keeps the longest common prefix of the entries that match,
 * so that a directory of any size costs one readdir.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "lectern/complete.h"
#include "lectern/util.h"

/* See complete.h. */
int
complete_path(const char *typed, char *out, size_t len, int *n)
{
	const char *slash = strrchr(typed, '/'), *base;
	char *dir, *common = NULL, *full;
	size_t blen, clen = 0, k;
	struct dirent *e;
	struct stat st;
	DIR *dp;
	int rc = -1;

	*n = 0;
	if (len == 0)
		return -1;
	out[0] = '\0';
	base = slash != NULL ? slash + 1 : typed;
	blen = strlen(base);
	if (slash == NULL)
		dir = xstrdup(".");
	else if (slash == typed)
		dir = xstrdup("/");
	else
		dir = xstrndup(typed, (size_t)(slash - typed));
	if ((dp = opendir(dir)) == NULL) {
		free(dir);
		return -1;
	}
	while ((e = readdir(dp)) != NULL) {
		if (strncmp(e->d_name, base, blen) != 0 ||
		    (e->d_name[0] == '.' && base[0] != '.') ||
		    strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if ((*n)++ == 0) {
			common = xstrdup(e->d_name);
			clen = strlen(common);
			continue;
		}
		for (k = 0; k < clen && common[k] == e->d_name[k]; k++)
			;
		clen = k;
	}
	closedir(dp);
	if ((size_t)(base - typed) + (common != NULL ? clen : blen) + 2 <=
	    len) {
		memcpy(out, typed, (size_t)(base - typed));
		if (common != NULL) {
			memcpy(out + (base - typed), common, clen);
			out[(base - typed) + clen] = '\0';
		} else
			strcpy(out + (base - typed), base);
		/* A sole directory: into it. */
		if (*n == 1) {
			full = xasprintf("%s/%s", dir, common);
			if (stat(full, &st) == 0 && S_ISDIR(st.st_mode))
				strcat(out, "/");
			free(full);
		}
		rc = 0;
	} else if (strlen(typed) < len)
		strcpy(out, typed);
	free(common);
	free(dir);
	return rc;
}
