/*
 * main.c: options, choosing the dump or the interactive reader, and the
 * exit status: 0 for success, 1 when a file cannot be read (or --check
 * found problems), 2 for a usage error.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <locale.h>
#include <langinfo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmark-gfm.h>
#include <curses.h>
#include <unistring/version.h>

#include "lectern/book.h"
#include "lectern/book-run.h"
#include "lectern/bookmarks.h"
#include "lectern/decode.h"
#include "lectern/doc.h"
#include "lectern/dump.h"
#include "lectern/dump-links.h"
#include "lectern/inert.h"
#include "lectern/load.h"
#include "lectern/options.h"
#include "lectern/tui.h"
#include "lectern/util.h"

enum {
	OPT_COLOR = 256,
	OPT_OUTLINE,
	OPT_CHECK,
	OPT_AMBIGUOUS,
	OPT_MEASURE,
	OPT_THEME,
	OPT_NO_RESUME,
	OPT_FORGET,
	OPT_BOOKMARKS,
	OPT_MAX_SIZE,
	OPT_LINKS,
	OPT_LIBRARY
};

static const struct option main_longopts[] = {
	{ "help",		no_argument,		NULL, 'h' },
	{ "version",		no_argument,		NULL, 'V' },
	{ "dump",		no_argument,		NULL, 'd' },
	{ "width",		required_argument,	NULL, 'w' },
	{ "encoding",		required_argument,	NULL, 'e' },
	{ "section",		required_argument,	NULL, 's' },
	{ "color",		required_argument,	NULL, OPT_COLOR },
	{ "colour",		required_argument,	NULL, OPT_COLOR },
	{ "outline",		no_argument,		NULL, OPT_OUTLINE },
	{ "check",		no_argument,		NULL, OPT_CHECK },
	{ "ambiguous-wide",	no_argument,		NULL, OPT_AMBIGUOUS },
	{ "measure",		required_argument,	NULL, OPT_MEASURE },
	{ "theme",		required_argument,	NULL, OPT_THEME },
	{ "no-resume",		no_argument,		NULL, OPT_NO_RESUME },
	{ "forget",		no_argument,		NULL, OPT_FORGET },
	{ "bookmarks",		required_argument,	NULL, OPT_BOOKMARKS },
	{ "max-size",		required_argument,	NULL, OPT_MAX_SIZE },
	{ "links",		required_argument,	NULL, OPT_LINKS },
	{ "library",		no_argument,		NULL, OPT_LIBRARY },
	{ NULL,			0,			NULL, 0 }
};

/* One line an option: the --help text, also checked against the man page. */
static const char main_usage[] =
"usage: lectern [options] [file[#anchor] ... | dir]\n"
"Read a Markdown file in the terminal; several files, or a directory, as\n"
"one book; with no file and nothing piped in, the bundled article.\n"
"\n"
"  -d, --dump             print the laid-out text instead of the reader\n"
"  -w, --width N          width of --dump output [columns]\n"
"      --color WHEN       colour the dump: auto, always or never\n"
"      --links HOW        links in the dump: list, inline or none\n"
"      --outline          print the heading tree and exit\n"
"      --check            report dangling references, uncited notes, bad anchors\n"
"  -e, --encoding NAME    read the file in this encoding (iconv name)\n"
"  -s, --section TITLE    open at the first heading that contains TITLE\n"
"      --ambiguous-wide   East Asian Ambiguous characters take two columns\n"
"      --measure N        widest text column in the reader (default 80)\n"
"      --theme NAME       colours of the reader: dark, light or mono\n"
"      --no-resume        open at the top, keeping the saved position\n"
"      --forget           remove this document from the bookmark file\n"
"      --bookmarks FILE   use FILE as the bookmark file\n"
"      --library          list the documents read, most recent first, and exit\n"
"      --max-size N       refuse input larger than N bytes (K, M, G suffixes)\n"
"  -h, --help             print this help and exit\n"
"  -V, --version          print the versions and exit\n";

/* Prints a usage error, ARG made inert, and returns exit status 2. */
static int
main_usage_error(const char *fmt, const char *arg)
{
	char *msg = xasprintf(fmt, arg);

	inert_warnx("%s", msg);
	fprintf(stderr, "Try '%s --help' for more information.\n",
	    progname);
	free(msg);
	return 2;
}

/*
 * Says why writing to standard output failed, ERR being the errno of the
 * failure; a closed pipe (EPIPE) is not worth a word. Returns 1.
 */
static int
main_write_error(int err)
{
	if (err != EPIPE)
		inert_warnx("standard output: %s", err != 0 ? strerror(err) :
		    "write error");
	return 1;
}

/* Flushes standard output: 0, or 1 once it has said why it failed. */
static int
main_flush(void)
{
	errno = 0;
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	return main_write_error(errno);
}

/* Parses a whole positive number with an optional K, M or G suffix. */
static int
main_number(const char *s, unsigned long long max, unsigned long long *out)
{
	char *end;
	unsigned long long v;

	if (*s < '0' || *s > '9')
		return -1;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno != 0)
		return -1;
	switch (*end) {
	case 'K': case 'k': v <<= 10; end++; break;
	case 'M': case 'm': v <<= 20; end++; break;
	case 'G': case 'g': v <<= 30; end++; break;
	}
	if (*end != '\0' || v == 0 || v > max)
		return -1;
	*out = v;
	return 0;
}

/* Prints the versions of lectern and of the libraries it runs with. */
static void
main_version(void)
{
	printf("lectern %s\n", LECTERN_VERSION);
	const char *nc = curses_version();

	/* "ncurses 6.4.20221231": keep the number. */
	if (strncmp(nc, "ncurses ", 8) == 0)
		nc += 8;
	printf("ncursesw %s\n", nc);
	printf("libcmark-gfm %s\n", cmark_version_string());
	printf("libunistring %d.%d.%d\n", _libunistring_version >> 16,
	    (_libunistring_version >> 8) & 0xff, _libunistring_version & 0xff);
}


/* Is standard input something to read a document from? */
static int
main_stdin_is_document(void)
{
	struct stat st;

	if (isatty(STDIN_FILENO) || fstat(STDIN_FILENO, &st) != 0)
		return 0;
	return S_ISFIFO(st.st_mode) || S_ISREG(st.st_mode) ||
	    S_ISSOCK(st.st_mode);
}

/* --forget without the reader: removes the document's entry. */
static int
main_forget(const struct options *o)
{
	struct bm_store *st;
	char *path, *msg = NULL;
	int rc = 0;

	if (o->key == NULL) {
		inert_warnx("%s: standard input has no saved place",
		    o->name);
		return 0;
	}
	path = o->bookmarks ? xstrdup(o->bookmarks) :
	    bookmarks_default_path();
	st = bookmarks_open(path, &msg);
	if (msg != NULL) {
		inert_warnx("%s", msg);
		free(msg);
		msg = NULL;
	}
	bookmarks_forget(st, o->key);
	if (bookmarks_save(st, &msg) != 0) {
		inert_warnx("%s", msg ? msg :
		    "cannot write the bookmark file");
		rc = 1;
	} else
		inert_warnx("%s: forgot the saved place and marks", o->name);
	free(msg);
	bookmarks_close(st);
	free(path);
	return rc;
}

/* --library: prints the documents of the bookmark file FILE. */
static int
main_library(const char *file)
{
	struct bm_store *st;
	struct bm_item *v;
	char *path, *msg;
	size_t n;
	int rc = 0;

	if ((path = file ? xstrdup(file) : bookmarks_default_path()) == NULL)
		return 0;
	if ((st = bookmarks_peek(path, &msg)) == NULL) {
		inert_warnx("%s", msg);
		free(msg);
		free(path);
		return 1;
	}
	v = bookmarks_list_new(st, &n);
	if (bookmarks_list_print(stdout, v, n) != 0)
		rc = main_write_error(errno);
	else
		rc = main_flush();
	bookmarks_list_free(v, n);
	bookmarks_close(st);
	free(path);
	return rc;
}

/* Width of the terminal on standard output, or 80. */
static int
main_term_width(void)
{
	struct winsize ws;

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

/* The dump's options from the command line's. */
static void
main_dump_opts(const struct options *o, int links, struct dump_opts *dopts)
{
	const char *no_color = getenv("NO_COLOR");

	dopts->width = o->width ? o->width : main_term_width();
	dopts->ambiguous_wide = o->ambiguous_wide;
	dopts->links = links;
	dopts->color = o->color == COLOR_ALWAYS ||
	    (o->color == COLOR_AUTO && isatty(STDOUT_FILENO) &&
	    (no_color == NULL || no_color[0] == '\0'));
}

/* Is PATH, after symlinks, a directory? */
static int
main_is_dir(const char *path)
{
	struct stat st;

	return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

/*
 * Reads the N names at ARGV as a book into B: a directory, or a list of
 * files. Returns 0, or 1 once it has said why not.
 */
static int
main_book(struct book *b, char *const *argv, int n)
{
	const char *first;
	char err[256];

	if (n > 1) {
		book_open_files(b, argv, (size_t)n);
		return 0;
	}
	if (book_open_dir(b, argv[0], err, sizeof(err)) != 0) {
		char *name = inert_str(argv[0]);

		inert_warnx("%s: %s", name, err);
		free(name);
		return 1;
	}
	if (book_next(b, -1, 1) < 0 && book_problems(b, &first) == 0) {
		char *name = inert_str(argv[0]);

		inert_warnx("%s: no Markdown documents", name);
		free(name);
		book_free(b);
		return 1;
	}
	return 0;
}

/* --dump, --outline or --check of book B: the exit status. */
static int
main_book_batch(const struct book *b, const struct options *o, int outline,
    int check, int links)
{
	struct book_run_opts ro;
	struct dump_opts dopts;

	main_dump_opts(o, links, &dopts);
	memset(&ro, 0, sizeof(ro));
	ro.encoding = o->encoding;
	ro.max_size = o->max_size;
	ro.dump = &dopts;
	if (check)
		return book_run_check(stdout, b, &ro);
	if (outline)
		return book_run_outline(stdout, b, &ro);
	return book_run_dump(stdout, b, &ro);
}

int
main(int argc, char *argv[])
{
	struct options o;
	struct load_opts lo;
	struct load *l;
	struct doc *d;
	struct dump_opts dopts;
	struct dump_stream *stream = NULL;
	struct doc_sink sink;
	struct book book;
	char err[256], *owned = NULL, *name;
	const char *hash;
	enum decode_status ds;
	unsigned long long num;
	int c, dump = 0, outline = 0, check = 0, rc = 0, library = 0;
	int reader, links = DUMP_LINKS_LIST;

	setlocale(LC_ALL, "");
	opterr = 0;	/* messages below name the program, not argv[0] */
	memset(&o, 0, sizeof(o));
	o.max_size = DECODE_MAX_SIZE_DEFAULT;
	o.measure = 80;
	o.color = COLOR_AUTO;

	while ((c = getopt_long(argc, argv, ":hVdw:e:s:", main_longopts,
	    NULL)) != -1) {
		switch (c) {
		case 'h':
			fputs(main_usage, stdout);
			return main_flush();
		case 'V':
			main_version();
			return main_flush();
		case 'd':
			dump = 1;
			break;
		case 'w':
			if (main_number(optarg, 10000, &num) != 0)
				return main_usage_error("bad width '%s' "
				    "(a number from 1 to 10000)", optarg);
			o.width = (int)num;
			break;
		case 'e':
			o.encoding = optarg;
			break;
		case 's':
			o.section = optarg;
			break;
		case OPT_COLOR:
			if (strcmp(optarg, "auto") == 0)
				o.color = COLOR_AUTO;
			else if (strcmp(optarg, "always") == 0)
				o.color = COLOR_ALWAYS;
			else if (strcmp(optarg, "never") == 0)
				o.color = COLOR_NEVER;
			else
				return main_usage_error("bad --color '%s' "
				    "(auto, always or never)", optarg);
			break;
		case OPT_LINKS:
			if (strcmp(optarg, "list") == 0)
				links = DUMP_LINKS_LIST;
			else if (strcmp(optarg, "inline") == 0)
				links = DUMP_LINKS_INLINE;
			else if (strcmp(optarg, "none") == 0)
				links = DUMP_LINKS_NONE;
			else
				return main_usage_error("bad --links '%s' "
				    "(list, inline or none)", optarg);
			break;
		case OPT_OUTLINE:
			outline = 1;
			break;
		case OPT_LIBRARY:
			library = 1;
			break;
		case OPT_CHECK:
			check = 1;
			break;
		case OPT_AMBIGUOUS:
			o.ambiguous_wide = 1;
			break;
		case OPT_MEASURE:
			if (main_number(optarg, 10000, &num) != 0 || num < 20)
				return main_usage_error("bad --measure '%s' "
				    "(a number from 20 to 10000)", optarg);
			o.measure = (int)num;
			break;
		case OPT_THEME:
			if (strcmp(optarg, "dark") != 0 &&
			    strcmp(optarg, "light") != 0 &&
			    strcmp(optarg, "mono") != 0)
				return main_usage_error("bad --theme '%s' "
				    "(dark, light or mono)", optarg);
			o.theme = optarg;
			break;
		case OPT_NO_RESUME:
			o.no_resume = 1;
			break;
		case OPT_FORGET:
			o.forget = 1;
			break;
		case OPT_BOOKMARKS:
			o.bookmarks = optarg;
			break;
		case OPT_MAX_SIZE:
			if (main_number(optarg, SIZE_MAX, &num) != 0)
				return main_usage_error("bad --max-size '%s'",
				    optarg);
			o.max_size = (size_t)num;
			break;
		case ':':
			return main_usage_error("option '%s' needs a value",
			    argv[optind - 1]);
		default:
			return main_usage_error("unknown option '%s'",
			    argv[optind - 1]);
		}
	}
	if (library && optind < argc)
		return main_usage_error("--library takes no file: '%s'",
		    argv[optind]);
	if (library)
		return main_library(o.bookmarks);

	/* Several files, or a directory: a book. */
	memset(&book, 0, sizeof(book));
	if (argc - optind > 1 ||
	    (argc - optind == 1 && main_is_dir(argv[optind]))) {
		if (main_book(&book, argv + optind, argc - optind) != 0)
			return 1;
		if (dump || check || outline || !isatty(STDOUT_FILENO)) {
			rc = main_book_batch(&book, &o, outline, check, links);
			book_free(&book);
			return rc;
		}
		/* The reader opens the first document of the book. */
		o.book = &book;
		if ((o.chapter = book_next(&book, -1, 1)) < 0) {
			for (c = 0; c < (int)book.nwarnings; c++)
				inert_warnx("%s", book.warnings[c]);
			for (c = 0; c < (int)book.n; c++)
				if (book.v[c].why != NULL)
					inert_warnx("%s", book.v[c].why);
			book_free(&book);
			return 1;
		}
		o.path = book.v[o.chapter].path;
		o.name = o.path;
	} else if (optind < argc) {
		o.path = argv[optind];
		/* FILE#anchor, unless a file has that whole name. */
		if ((hash = strrchr(o.path, '#')) != NULL && hash > o.path &&
		    hash[1] != '\0' && access(o.path, F_OK) != 0) {
			o.path = owned = xstrndup(o.path,
			    (size_t)(hash - o.path));
			o.anchor = hash + 1;
		}
		o.name = strcmp(o.path, "-") == 0 ? "(standard input)" :
		    o.path;
	} else if (main_stdin_is_document()) {
		o.path = "-";
		o.name = "(standard input)";
	} else {
		o.path = owned = util_bundled();
		o.name = o.path;
		o.key = xstrdup(LECTERN_ARTICLE_KEY);
	}
	if (o.key == NULL && strcmp(o.path, "-") != 0)
		o.key = realpath(o.path, NULL);
	/* A document of a book is no FIFO nor device, whatever it is named. */
	if (o.book != NULL &&
	    book_may_open(o.path, o.max_size, err, sizeof(err)) != 0) {
		name = inert_str(o.path);
		inert_warnx("%s: %s", name, err);
		free(name);
		free(o.key);
		book_free(&book);
		return 1;
	}
	/* Every message quotes the name: in the inert form, once. */
	o.name = name = inert_str(o.name);

	/* Only the reader may start on a part: the rest need the whole. */
	reader = !dump && !check && !outline && isatty(STDOUT_FILENO);
	memset(&lo, 0, sizeof(lo));
	lo.encoding = o.encoding;
	lo.max_size = o.max_size;
	lo.whole = !reader;
	lo.trim = reader;
	/* The reader forgets by itself, and says so on its status line. */
	if (o.forget && !reader && main_forget(&o) != 0) {
		book_free(&book);
		free(owned);
		free(o.key);
		free(name);
		return 1;
	}
	/* The dump lays blocks out while the parse goes on. */
	if (!reader && !check && !outline) {
		main_dump_opts(&o, links, &dopts);
		stream = dump_stream_new(&dopts, &sink);
	}
	ds = load_open_sink(o.path, &lo, stream != NULL ? &sink : NULL, &l,
	    err, sizeof(err));
	if (ds != DECODE_OK) {
		dump_stream_free(stream);
		inert_warnx("%s: %s", o.name, err);
		book_free(&book);
		free(owned);
		free(o.key);
		free(name);
		return ds == DECODE_EUSAGE ? 2 : 1;
	}
	if (load_assumed(l) != NULL)
		inert_warnx("%s: not UTF-8; read as %s", o.name,
		    load_assumed(l));
	d = load_doc(l);

	if (check) {
		rc = dump_problems(stdout, d, o.name) > 0 ? 1 : 0;
		if (main_flush() != 0)
			rc = 1;
	} else if (outline) {
		if (dump_outline(stdout, d) != 0)
			rc = main_write_error(errno);
	} else {
		if (!dump && isatty(STDOUT_FILENO)) {
			o.load = load_partial(l) ? l : NULL;
			rc = tui_run(d, &o);
			if (rc < 0)
				dump = 1;
		} else
			dump = 1;
		if (dump) {
			d = load_wait(l);
			rc = 0;
			if (load_failed(l)) {
				fprintf(stderr, "%s: %s\n", progname,
				    load_message(l));
				rc = 1;
			}
			if (stream != NULL) {
				if (dump_stream_end(stream, stdout, d) != 0)
					rc = main_write_error(errno);
				stream = NULL;
			} else {
				main_dump_opts(&o, links, &dopts);
				if (dump_doc(stdout, d, &dopts) != 0)
					rc = main_write_error(errno);
			}
		}
	}

	dump_stream_free(stream);
	load_free(l);
	book_free(&book);
	free(owned);
	free(o.key);
	free(name);
	return rc;
}
