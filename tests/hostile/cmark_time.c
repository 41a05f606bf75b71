/*
 * cmark_time.c: parses standard input with the system's libcmark-gfm as
 * lectern once did (footnotes; table, strikethrough and autolink
 * extensions), with no guard, and prints the parse time [seconds]. For
 * tests/hostile/cve.sh, which reproduces the advisories against the
 * library lectern links.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

int
main(void)
{
	static const char *exts[] = { "table", "strikethrough", "autolink" };
	struct timespec t0, t1;
	cmark_parser *p;
	cmark_node *root;
	size_t cap = 1 << 16, len = 0, n, i;
	char *buf = malloc(cap);

	while (buf != NULL && (n = fread(buf + len, 1, cap - len, stdin)) > 0)
		if ((len += n) == cap)
			buf = realloc(buf, cap *= 2);
	if (buf == NULL)
		return 1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	cmark_gfm_core_extensions_ensure_registered();
	p = cmark_parser_new(CMARK_OPT_FOOTNOTES);
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++)
		cmark_parser_attach_syntax_extension(p,
		    cmark_find_syntax_extension(exts[i]));
	cmark_parser_feed(p, buf, len);
	root = cmark_parser_finish(p);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	printf("%.3f\n", (double)(t1.tv_sec - t0.tv_sec) +
	    (double)(t1.tv_nsec - t0.tv_nsec) / 1e9);
	cmark_node_free(root);
	cmark_parser_free(p);
	free(buf);
	return 0;
}
