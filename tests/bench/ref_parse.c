/*
 * ref_parse.c: the reference of the benchmark. Reads a file whole, parses
 * it with cmark-gfm with the extensions and options that doc.c uses, walks
 * the whole AST touching every node's literal, and frees it: the least
 * any reader built on the parser has to do.
 *
 * usage: ref_parse [-t] FILE     -t prints the phases' times [seconds] and
 *                                 the peak resident size [KiB] on stderr
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>

/* Seconds on the monotonic clock. */
static double
ref_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int
main(int argc, char *argv[])
{
	static const char *exts[] = { "table", "strikethrough" };
	cmark_parser *parser;
	cmark_node *root, *n;
	cmark_iter *it;
	cmark_event_type ev;
	struct rusage ru;
	FILE *f;
	char *text;
	const char *lit;
	long len;
	size_t i, nodes = 0, bytes = 0;
	double t0, t1, t2, t3, t4;
	int times = 0;

	if (argc > 1 && strcmp(argv[1], "-t") == 0) {
		times = 1;
		argc--;
		argv++;
	}
	if (argc != 2) {
		fprintf(stderr, "usage: ref_parse [-t] file\n");
		return 2;
	}
	t0 = ref_now();
	if ((f = fopen(argv[1], "rb")) == NULL || fseek(f, 0, SEEK_END) != 0 ||
	    (len = ftell(f)) < 0 || fseek(f, 0, SEEK_SET) != 0) {
		perror(argv[1]);
		return 1;
	}
	text = malloc((size_t)len + 1);
	if (text == NULL || fread(text, 1, (size_t)len, f) != (size_t)len) {
		perror(argv[1]);
		return 1;
	}
	fclose(f);
	text[len] = '\0';

	t1 = ref_now();
	cmark_gfm_core_extensions_ensure_registered();
	parser = cmark_parser_new(CMARK_OPT_FOOTNOTES);
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		cmark_syntax_extension *e = cmark_find_syntax_extension(exts[i]);

		if (e)
			cmark_parser_attach_syntax_extension(parser, e);
	}
	cmark_parser_feed(parser, text, (size_t)len);
	root = cmark_parser_finish(parser);

	t2 = ref_now();
	it = cmark_iter_new(root);
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		n = cmark_iter_get_node(it);
		nodes++;
		(void)cmark_node_get_type(n);
		if ((lit = cmark_node_get_literal(n)) != NULL)
			bytes += strlen(lit);
	}
	cmark_iter_free(it);

	t3 = ref_now();
	cmark_node_free(root);
	cmark_parser_free(parser);
	free(text);
	t4 = ref_now();

	printf("%zu nodes, %zu literal bytes\n", nodes, bytes);
	if (times) {
		getrusage(RUSAGE_SELF, &ru);
		fprintf(stderr, "read %.4f parse %.4f walk %.4f free %.4f "
		    "total %.4f maxrss %ld\n", t1 - t0, t2 - t1, t3 - t2,
		    t4 - t3, t4 - t0, ru.ru_maxrss);
	}
	return 0;
}
