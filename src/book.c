/*
 * book.c: a directory or a list of files read as one book (book.h).
 *
 * A SUMMARY.md is parsed with cmark-gfm (or read line by line to the
 * same effect when its lines are of the plain shapes summaries are made
 * of: book_quick) and its top-level blocks walked: the first heading,
 * when it comes first, is the book's title and is left out; every other
 * heading is a part title; the links of a paragraph are prefix chapters
 * before the first list and suffix chapters after the last; list items
 * are the numbered chapters, each list one level deeper than the item
 * around it; thematic breaks are separators and are left out. An entry
 * whose link is empty is a draft.
 *
 * Nothing is looked up while SUMMARY.md is read. An entry is checked when
 * it is first wanted (book_check): one whose file is missing, is not a
 * regular file, or lies outside the book's directory once ".." and
 * symlinks are resolved becomes a draft (no path), its why naming
 * SUMMARY.md's line. A link without "." or ".." in it is looked up from a
 * descriptor on the book's directory, each directory on the way once
 * (found no symlink, it cannot lead out); any other takes realpath(3).
 */
#include <sys/stat.h>

#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include <cmark-gfm.h>
#include <unistr.h>

#include "lectern/book.h"
#include "lectern/guard.h"
#include "lectern/util.h"

/* A directory being walked, for finding symlink loops. */
struct book_dirid {
	dev_t	 dev;
	ino_t	 ino;
};

/* One name of a directory listing. */
struct book_name {
	char	*name;
	int	 dir;		/* a directory (or a symlink to one) */
};

/* The file of an entry, for book_find. */
struct book_file {
	dev_t	 dev;
	ino_t	 ino;
	int	 ok;		/* looked up */
};

/*
 * What has been looked up for the book's entries: a descriptor on its
 * directory, the directory (relative to it) last found free of symlinks,
 * and once book_find needs it, each entry's file and a table of them.
 */
struct book_look {
	int		 fd;	/* on the book's directory; -1 not yet
				   opened, -2 cannot be */
	char		*dir;	/* relative, found real; NULL: none */
	struct book_file *files;	/* one an entry, or NULL */
	size_t		*slots;	/* entry index + 1 by file, 0 empty */
	size_t		 nslots;	/* a power of two */
};

/* The walk of a directory without SUMMARY.md. */
struct book_walk {
	struct book	*b;
	struct book_dirid stack[BOOK_MAX_DEPTH + 2];
	int		 depth;
	int		 full;	/* BOOK_MAX_FILES reached, said once */
};

static struct book_look *book_look_new(void);
static void	 book_look_free(struct book_look *);

static const char *const book_skip[] = { "node_modules", "target" };
static const char *const book_suffixes[] = {
	".md", ".markdown", ".mdown", ".mkd"
};

/* Adds a warning made from FMT. */
static void
book_warn(struct book *b, const char *fmt, ...)
{
	va_list ap;
	struct buf m = { 0 };

	va_start(ap, fmt);
	buf_vprintf(&m, fmt, ap);
	va_end(ap);
	*(char **)ARRAY_PUSH(b->warnings, b->nwarnings, b->capwarnings) =
	    m.data;
}

/* Appends an entry and returns it, zeroed but for LEVEL and FLAGS. */
static struct book_entry *
book_add(struct book *b, int level, int flags)
{
	struct book_entry *e = ARRAY_PUSH(b->v, b->n, b->cap);

	memset(e, 0, sizeof(*e));
	e->level = level;
	e->flags = flags;
	return e;
}

/* DIR and NAME joined with one slash. */
static char *
book_join(const char *dir, const char *name)
{
	size_t n = strlen(dir), k, slash;
	char *out;

	while (n > 1 && dir[n - 1] == '/')
		n--;
	if (n == 0 || (n == 1 && dir[0] == '.' && name[0] != '\0'))
		return xstrdup(name);
	/* Joined by hand: a walk joins a name a file. */
	slash = dir[n - 1] != '/';
	k = strlen(name);
	out = xmalloc(n + slash + k + 1);
	memcpy(out, dir, n);
	out[n] = '/';
	memcpy(out + n + slash, name, k + 1);
	return out;
}

/* LEN bytes at S with %XX escapes decoded (not %00), malloc'd. */
static char *
book_unescape(const char *s, size_t len)
{
	char *out = xmalloc(len + 1), *o = out;
	size_t i;
	int hi, lo;

	for (i = 0; i < len; i++) {
		if (s[i] == '%' && i + 2 < len &&
		    (hi = hex_digit(s[i + 1])) >= 0 &&
		    (lo = hex_digit(s[i + 2])) >= 0 && (hi | lo) != 0) {
			*o++ = (char)(hi << 4 | lo);
			i += 2;
		} else
			*o++ = s[i];
	}
	*o = '\0';
	return out;
}

int
book_is_markdown(const char *path)
{
	size_t i, n = strlen(path), k;

	for (i = 0; i < sizeof(book_suffixes) / sizeof(book_suffixes[0]);
	    i++) {
		k = strlen(book_suffixes[i]);
		if (n > k && path[n - k - 1] != '/' &&
		    strcasecmp(path + n - k, book_suffixes[i]) == 0)
			return 1;
	}
	return 0;
}

/* Why a file of status ST is no document to read, or NULL. */
static const char *
book_why(const struct stat *st)
{
	if (S_ISDIR(st->st_mode))
		return "is a directory";
	if (S_ISFIFO(st->st_mode))
		return "is a FIFO";
	if (S_ISCHR(st->st_mode) || S_ISBLK(st->st_mode))
		return "is a device";
	if (S_ISSOCK(st->st_mode))
		return "is a socket";
	if (!S_ISREG(st->st_mode))
		return "is not a regular file";
	return NULL;
}

int
book_may_open(const char *path, size_t max, char *err, size_t errlen)
{
	struct stat st;
	const char *why;

	if (stat(path, &st) != 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	if ((why = book_why(&st)) != NULL) {
		snprintf(err, errlen, "%s", why);
		return -1;
	}
	if (access(path, R_OK) != 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	if (max > 0 && st.st_size > 0 && (unsigned long long)st.st_size > max) {
		snprintf(err, errlen, "larger than --max-size (%zu bytes)",
		    max);
		return -1;
	}
	return 0;
}

/* Length of HREF's URL scheme with its ':', or 0 when it has none. */
static size_t
book_scheme(const char *href)
{
	size_t i;

	if (!isalpha((unsigned char)href[0]))
		return 0;
	for (i = 1; href[i] != '\0'; i++) {
		if (href[i] == ':')
			return i + 1;
		if (!isalnum((unsigned char)href[i]) && href[i] != '+' &&
		    href[i] != '-' && href[i] != '.')
			return 0;
	}
	return 0;
}

char *
book_link_path(const char *from, const char *href, char **anchor)
{
	const char *p = href, *end, *hash, *slash;
	size_t k, n;
	char *rel, *out;

	*anchor = NULL;
	if ((k = book_scheme(href)) > 0) {
		/* "file:///path" or "file://localhost/path" only. */
		if (k != 5 || strncasecmp(href, "file://", 7) != 0)
			return NULL;
		p = href + 7;
		if (strncasecmp(p, "localhost", 9) == 0)
			p += 9;
		if (*p != '/')
			return NULL;
	}
	hash = strchr(p, '#');
	end = hash != NULL ? hash : p + strlen(p);
	for (k = 0; p + k < end && p[k] != '?'; k++)
		continue;
	if (k == 0)
		return NULL;
	if (hash != NULL && hash[1] != '\0')
		*anchor = book_unescape(hash + 1, strlen(hash + 1));
	slash = from != NULL ? strrchr(from, '/') : NULL;
	/* FROM's directory and a relative link with nothing to decode,
	   joined at once: a SUMMARY.md joins thousands. */
	if (slash != NULL && p[0] != '/' && memchr(p, '%', k) == NULL) {
		n = (size_t)(slash - from) + 1;
		out = xmalloc(n + k + 1);
		memcpy(out, from, n);
		memcpy(out + n, p, k);
		out[n + k] = '\0';
		return out;
	}
	rel = book_unescape(p, k);
	if (rel[0] == '/' || slash == NULL)
		return rel;
	out = xasprintf("%.*s/%s", (int)(slash - from), from, rel);
	free(rel);
	return out;
}

/* Appends the text of N and its children to B: what a link shows. */
static void
book_text(struct buf *b, cmark_node *n)
{
	cmark_node *c;
	const char *lit;

	switch (cmark_node_get_type(n)) {
	case CMARK_NODE_TEXT:
	case CMARK_NODE_CODE:
		if ((lit = cmark_node_get_literal(n)) != NULL)
			buf_adds(b, lit);
		return;
	case CMARK_NODE_SOFTBREAK:
	case CMARK_NODE_LINEBREAK:
		buf_addc(b, ' ');
		return;
	default:
		break;
	}
	for (c = cmark_node_first_child(n); c != NULL; c = cmark_node_next(c))
		book_text(b, c);
}

/* N's text, malloc'd, or NULL when it has none. */
static char *
book_title(cmark_node *n)
{
	struct buf b = { 0 };

	book_text(&b, n);
	if (b.len == 0) {
		buf_free(&b);
		return NULL;
	}
	return b.data;
}

/*
 * Sets E's path to the file that URL names, relative to SUMMARY.md, and
 * keeps URL and SUMMARY.md's LINE for book_check; an empty URL makes E a
 * draft, and one that is no local file a draft with its why.
 */
static void
book_summary_path(struct book *b, struct book_entry *e, const char *url,
    int line)
{
	char *anchor;

	e->line = line;
	if (url == NULL || url[0] == '\0') {
		e->flags |= BOOK_DRAFT;
		return;
	}
	e->path = book_link_path(b->summary, url, &anchor);
	free(anchor);
	if (e->path == NULL) {
		e->why = xasprintf("%s:%d: not a file of the book: %s",
		    b->summary, line, url);
		e->flags |= BOOK_DRAFT;
		return;
	}
	e->url = xstrdup(url);
}

/* Adds the links of paragraph P as prefix or suffix chapters (FLAGS). */
static void
book_summary_para(struct book *b, cmark_node *p,
    int flags)
{
	cmark_node *c;
	struct book_entry *e;
	int line = cmark_node_get_start_line(p);

	for (c = cmark_node_first_child(p); c != NULL; c = cmark_node_next(c)) {
		switch (cmark_node_get_type(c)) {
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			line++;
			break;
		case CMARK_NODE_LINK:
			e = book_add(b, 0, flags);
			e->title = book_title(c);
			book_summary_path(b, e, cmark_node_get_url(c), line);
			break;
		default:
			break;
		}
	}
}

/* Adds the items of LIST at LEVEL, and their lists one level deeper. */
static void
book_summary_list(struct book *b, cmark_node *list,
    int level)
{
	cmark_node *item, *c, *l;
	struct book_entry *e;

	for (item = cmark_node_first_child(list); item != NULL;
	    item = cmark_node_next(item)) {
		if (level > BOOK_MAX_DEPTH || b->n >= BOOK_MAX_FILES)
			return;
		e = NULL;
		for (c = cmark_node_first_child(item); c != NULL;
		    c = cmark_node_next(c)) {
			if (cmark_node_get_type(c) == CMARK_NODE_LIST) {
				book_summary_list(b, c, level + 1);
				continue;
			}
			if (e != NULL ||
			    cmark_node_get_type(c) != CMARK_NODE_PARAGRAPH)
				continue;
			e = book_add(b, level, 0);
			/* The item's first link, else its text (a draft). */
			for (l = cmark_node_first_child(c); l != NULL &&
			    cmark_node_get_type(l) != CMARK_NODE_LINK;
			    l = cmark_node_next(l))
				continue;
			e->title = book_title(l != NULL ? l : c);
			book_summary_path(b, e, l != NULL ?
			    cmark_node_get_url(l) : NULL,
			    cmark_node_get_start_line(c));
		}
	}
}

/*
 * The quick reading of SUMMARY.md. A summary is mostly lines of a few
 * plain shapes: blank, "# Title", "---", "- [Title](link)" indented as
 * its list nests, "[Title](link)" alone for a prefix or suffix chapter.
 * When every line is one of them, in an order whose meaning to CommonMark
 * is plain (no lazy continuation, no setext heading, no indented code),
 * its entries are read line by line, as cmark-gfm would read them, at a
 * fraction of the cost; any other line sends the whole to cmark-gfm.
 */

/* What the last line read was. */
enum book_quick_prev {
	BOOK_QUICK_BLANK,
	BOOK_QUICK_PARA,	/* a line of a paragraph at the top */
	BOOK_QUICK_ITEM,	/* a list item */
	BOOK_QUICK_OTHER	/* a heading, a thematic break */
};

/*
 * Whether C, at S, is plain text to CommonMark (without extensions): no
 * escape, code, emphasis, link, HTML, entity, image or control byte.
 */
static int
book_quick_plain(const char *s)
{
	unsigned char c = (unsigned char)*s;

	if (c < 0x20 || c == 0x7f)
		return 0;
	switch (c) {
	case '\\': case '`': case '*': case '_': case '[': case ']':
	case '<': case '>': case '&':
		return 0;
	case '!':
		return s[1] != '[';
	default:
		return 1;
	}
}

/* Whether S..END, which has bytes above ASCII when HIGH, is UTF-8:
   cmark-gfm would change what is not. */
static int
book_quick_utf8(const char *s, const char *end, int high)
{
	return !high || u8_check((const uint8_t *)s, (size_t)(end - s)) ==
	    NULL;
}

/*
 * Plain text from S to END as a title: malloc'd, or NULL when empty. 0,
 * or -1 when it is not plain UTF-8, or has a space at either end.
 */
static int
book_quick_text(const char *s, const char *end, char **title)
{
	const char *p;
	int high = 0;

	*title = NULL;
	for (p = s; p < end; p++) {
		if (!book_quick_plain(p))
			return -1;
		high |= *p & 0x80;
	}
	if ((s < end && (s[0] == ' ' || end[-1] == ' ')) ||
	    !book_quick_utf8(s, end, high))
		return -1;
	if (s < end)
		*title = xstrndup(s, (size_t)(end - s));
	return 0;
}

/*
 * The link "[TITLE](URL)" at S, before END: its title and URL (malloc'd;
 * the title NULL when empty); returns the byte after it, or NULL when S
 * holds no link of that plain shape.
 */
static const char *
book_quick_link(const char *s, const char *end, char **title, char **url)
{
	const char *t, *u;
	int high = 0;

	*title = *url = NULL;
	if (s >= end || *s != '[')
		return NULL;
	for (t = s + 1; t < end && *t != ']'; t++)
		continue;
	if (t + 1 >= end || t[1] != '(')
		return NULL;
	for (u = t + 2; u < end && *u != ')'; u++) {
		if ((unsigned char)*u <= ' ' || *u == '(' || *u == '<' ||
		    *u == '>' || *u == '\\' || *u == '&' || *u == '"' ||
		    *u == '\'' || (unsigned char)*u == 0x7f)
			return NULL;
		high |= *u & 0x80;
	}
	if (u >= end || !book_quick_utf8(t + 2, u, high) ||
	    book_quick_text(s + 1, t, title) != 0)
		return NULL;
	*url = xstrndup(t + 2, (size_t)(u - t - 2));
	return u + 1;
}

/* Whether the line S..END could open a block other than a paragraph. */
static int
book_quick_opener(const char *s, const char *end)
{
	const char *p = s;

	if (p < end && (*p == '[' || isalpha((unsigned char)*p) ||
	    (unsigned char)*p >= 0x80))
		return 0;
	while (p < end && isdigit((unsigned char)*p))
		p++;
	return p == s || p == end || *p == '.' || *p == ')';
}

/* Whether S..END is a thematic break of the plain shape: "---". */
static int
book_quick_rule(const char *s, const char *end)
{
	const char *p;

	if (end - s < 3 || (*s != '-' && *s != '*' && *s != '_'))
		return 0;
	for (p = s; p < end && *p == *s; p++)
		continue;
	return p == end;
}

/* Adds an entry at LEVEL with FLAGS, TITLE and URL (taken), at LINE. */
static void
book_quick_add(struct book *b, int level, int flags, char *title, char *url,
    int line)
{
	struct book_entry *e = book_add(b, level, flags);

	e->title = title;
	book_summary_path(b, e, url, line);
	free(url);
}

/* Adds the links of the paragraph line S..END as FLAGS chapters; -1 when
   it is more than links and plain text. */
static int
book_quick_para(struct book *b, const char *s, const char *end, int flags,
    int line)
{
	const char *p = s, *next;
	char *title, *url;

	if (book_quick_opener(s, end))
		return -1;
	while (p < end) {
		if (*p != '[') {
			if (!book_quick_plain(p))
				return -1;
			p++;
			continue;
		}
		if ((next = book_quick_link(p, end, &title, &url)) == NULL)
			return -1;
		book_quick_add(b, 0, flags, title, url, line);
		p = next;
	}
	return 0;
}

/*
 * Reads SUMMARY.md's text S, LEN bytes, into B's entries the quick way:
 * 0, or -1 with B as it was when some line is of another shape.
 */
static int
book_quick(struct book *b, const char *s, size_t len)
{
	const char *p = s, *end = s + len, *nl, *q, *c, *le;
	enum book_quick_prev prev = BOOK_QUICK_BLANK;
	int col[BOOK_MAX_DEPTH + 1], depth = 0, line = 0, first = 1;
	int seen = 0, ind, sp, h;
	size_t n0 = b->n, tail = b->n, i;
	struct book_entry *e;
	char *title, *url;

	if (len >= 3 && memcmp(s, "\xef\xbb\xbf", 3) == 0)
		return -1;
	if (memchr(s, '\0', len) != NULL)
		return -1;
	for (; p < end; p = nl + 1) {
		line++;
		if ((nl = memchr(p, '\n', (size_t)(end - p))) == NULL)
			nl = end;
		le = nl;
		if (le > p && le[-1] == '\r')
			le--;
		if (memchr(p, '\r', (size_t)(le - p)) != NULL ||
		    memchr(p, '\t', (size_t)(le - p)) != NULL)
			goto slow;
		for (q = p; q < le && *q == ' '; q++)
			continue;
		ind = (int)(q - p);
		while (le > q && le[-1] == ' ')
			le--;
		if (q == le) {
			prev = BOOK_QUICK_BLANK;
			continue;
		}
		if ((*q == '-' || *q == '*' || *q == '+') && q + 1 < le &&
		    q[1] == ' ') {
			/* A list item: its content begins SP spaces on. */
			for (c = q + 1; c < le && *c == ' '; c++)
				continue;
			sp = (int)(c - q - 1);
			if (sp > 4)
				goto slow;
			while (depth > 0 && ind < col[depth - 1])
				depth--;
			if ((depth == 0 && ind > 3) ||
			    (depth > 0 && ind - col[depth - 1] > 3) ||
			    depth > BOOK_MAX_DEPTH || b->n >= BOOK_MAX_FILES)
				goto slow;
			if (*c == '[') {
				if (book_quick_link(c, le, &title, &url) != le) {
					free(title);
					free(url);
					goto slow;
				}
			} else if (book_quick_opener(c, le) ||
			    book_quick_text(c, le, &title) != 0) {
				goto slow;
			} else
				url = NULL;
			book_quick_add(b, depth, 0, title, url, line);
			col[depth++] = ind + 1 + sp;
			tail = b->n;
			seen = 1;
			prev = BOOK_QUICK_ITEM;
		} else if (ind > 0) {
			goto slow;
		} else if (*q == '#') {
			for (h = 0; q + h < le && q[h] == '#'; h++)
				continue;
			if (h > 6 || (q + h < le && q[h] != ' '))
				goto slow;
			for (c = q + h; c < le && *c == ' '; c++)
				continue;
			if (memchr(c, '#', (size_t)(le - c)) != NULL ||
			    book_quick_text(c, le, &title) != 0)
				goto slow;
			if (!first) {
				e = book_add(b, 0, BOOK_PART);
				e->title = title;
				e->line = line;
			} else
				free(title);
			depth = 0;
			prev = BOOK_QUICK_OTHER;
		} else if (book_quick_rule(q, le)) {
			/* A thematic break, unless it underlines a heading. */
			if (prev == BOOK_QUICK_PARA)
				goto slow;
			depth = 0;
			prev = BOOK_QUICK_OTHER;
		} else {
			/* A paragraph at the top: not a lazy line of an
			   item's. */
			if (depth > 0 && prev != BOOK_QUICK_BLANK)
				goto slow;
			depth = 0;
			if (book_quick_para(b, q, le, seen ? 0 : BOOK_PREFIX,
			    line) != 0)
				goto slow;
			prev = BOOK_QUICK_PARA;
		}
		first = 0;
	}
	/* The paragraphs after the last list are the suffix. */
	for (i = tail; seen && i < b->n; i++)
		if (!(b->v[i].flags & BOOK_PART))
			b->v[i].flags |= BOOK_SUFFIX;
	return 0;
slow:
	while (b->n > n0) {
		b->n--;
		free(b->v[b->n].path);
		free(b->v[b->n].title);
		free(b->v[b->n].url);
		free(b->v[b->n].why);
	}
	return -1;
}

/* Reads SUMMARY.md (b->summary) into B's entries; -1 when unreadable. */
static int
book_summary(struct book *b, char *err, size_t errlen)
{
	FILE *f;
	cmark_node *doc, *n, *last = NULL;
	struct buf src = { 0 };
	char chunk[8192], *safe;
	size_t len, safelen;
	int where = BOOK_PREFIX, first = 1;
	struct book_entry *e;

	if ((f = fopen(b->summary, "r")) == NULL) {
		snprintf(err, errlen, "%s: %s", b->summary, strerror(errno));
		return -1;
	}
	while ((len = fread(chunk, 1, sizeof(chunk), f)) > 0 &&
	    src.len <= BOOK_MAX_SUMMARY)
		buf_add(&src, chunk, len);
	fclose(f);
	if (src.len > BOOK_MAX_SUMMARY) {
		snprintf(err, errlen, "%s: larger than %d bytes", b->summary,
		    BOOK_MAX_SUMMARY);
		buf_free(&src);
		return -1;
	}
	if (book_quick(b, src.data ? src.data : "", src.len) == 0) {
		buf_free(&src);
		return 0;
	}
	/* The shapes of input that make cmark-gfm slow are defused first. */
	if ((safe = guard_text(src.data ? src.data : "", src.len, &safelen,
	    NULL)) != NULL) {
		buf_free(&src);
		src.data = safe;
		src.len = safelen;
	}
	doc = cmark_parse_document(src.data ? src.data : "", src.len,
	    CMARK_OPT_DEFAULT);
	free(src.data);

	for (n = cmark_node_first_child(doc); n != NULL; n = cmark_node_next(n))
		if (cmark_node_get_type(n) == CMARK_NODE_LIST)
			last = n;
	/* WHERE: BOOK_PREFIX before the first list, BOOK_SUFFIX after the
	   last, 0 between two lists. */
	for (n = cmark_node_first_child(doc); n != NULL;
	    n = cmark_node_next(n), first = 0) {
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			if (first)
				break;	/* the book's title */
			e = book_add(b, 0, BOOK_PART);
			e->title = book_title(n);
			e->line = cmark_node_get_start_line(n);
			break;
		case CMARK_NODE_PARAGRAPH:
			book_summary_para(b, n, where);
			break;
		case CMARK_NODE_LIST:
			book_summary_list(b, n, 0);
			where = n == last ? BOOK_SUFFIX : 0;
			break;
		default:
			break;
		}
	}
	cmark_node_free(doc);
	return 0;
}

/* Compares two listed names byte by byte. */
static int
book_name_cmp(const void *a, const void *b)
{
	return strcmp(((const struct book_name *)a)->name,
	    ((const struct book_name *)b)->name);
}

/* Is NAME a directory the walk leaves out? */
static int
book_skipped(const char *name)
{
	size_t i;

	if (name[0] == '.')
		return 1;
	for (i = 0; i < sizeof(book_skip) / sizeof(book_skip[0]); i++)
		if (strcmp(name, book_skip[i]) == 0)
			return 1;
	return 0;
}

/* Adds the document PATH, unless the book is full. */
static void
book_walk_add(struct book_walk *w, char *path)
{
	if (w->b->n >= BOOK_MAX_FILES) {
		if (!w->full)
			book_warn(w->b, "%s: more than %d documents; the "
			    "rest left out", w->b->dir, BOOK_MAX_FILES);
		w->full = 1;
		free(path);
		return;
	}
	book_add(w->b, 0, 0)->path = path;
}

/* The first of the N names at V that is README.md, else index.md, any
   case; or -1. */
static size_t
book_front(const struct book_name *v, size_t n)
{
	static const char *const names[] = { "readme.md", "index.md" };
	size_t i, k;

	for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
		for (i = 0; i < n; i++)
			if (!v[i].dir && strcasecmp(v[i].name, names[k]) == 0)
				return i;
	return (size_t)-1;
}

/*
 * Whether the directory entry NAME of PATH, of dirent type TYPE, is a
 * document (1), a directory to walk (2), or neither (0); says why a
 * Markdown name that is no regular file, or a symlink loop, is left out.
 */
static int
book_walk_kind(struct book_walk *w, const char *path, const char *name,
    int type)
{
	struct stat st;
	char *full;
	int md = book_is_markdown(name), kind = 0;

#ifdef DT_DIR
	if (type == DT_DIR)
		return 2;
	if (type == DT_REG)
		return md;
	if (type != DT_LNK && type != DT_UNKNOWN && !md)
		return 0;
#else
	(void)type;
#endif
	/* A symlink, or a type the listing does not give. */
	full = book_join(path, name);
	if (stat(full, &st) != 0) {
		if (md || errno == ELOOP)
			book_warn(w->b, "%s: %s; left out", full,
			    strerror(errno));
	} else if (S_ISDIR(st.st_mode))
		kind = 2;
	else if (S_ISREG(st.st_mode))
		kind = md;
	else if (md)
		book_warn(w->b, "%s: %s; left out", full,
		    S_ISFIFO(st.st_mode) ? "is a FIFO" :
		    S_ISCHR(st.st_mode) || S_ISBLK(st.st_mode) ? "is a device" :
		    "is not a regular file");
	free(full);
	return kind;
}

/*
 * Lists directory PATH (whose identity is ID): its Markdown files in
 * byte order of their names, then its subdirectories the same way. At
 * the top, README.md or index.md comes first.
 */
static void
book_walk_dir(struct book_walk *w, const char *path, struct book_dirid id)
{
	DIR *d;
	struct dirent *de;
	struct book_name *v = NULL;
	size_t n = 0, cap = 0, i, front = (size_t)-1;
	struct stat st;
	char *full;
	int k, kind;

	if (w->depth > BOOK_MAX_DEPTH) {
		book_warn(w->b, "%s: deeper than %d directories; left out",
		    path, BOOK_MAX_DEPTH);
		return;
	}
	if ((d = opendir(path)) == NULL) {
		book_warn(w->b, "%s: %s", path, strerror(errno));
		return;
	}
	w->stack[w->depth++] = id;
	while ((de = readdir(d)) != NULL) {
		if (book_skipped(de->d_name))
			continue;
#ifdef DT_DIR
		kind = book_walk_kind(w, path, de->d_name, de->d_type);
#else
		kind = book_walk_kind(w, path, de->d_name, 0);
#endif
		if (kind == 0)
			continue;
		v = array_reserve(v, &cap, n + 1, sizeof(*v));
		v[n].name = xstrdup(de->d_name);
		v[n++].dir = kind == 2;
	}
	closedir(d);
	if (n > 0)
		qsort(v, n, sizeof(*v), book_name_cmp);
	if (w->depth == 1)
		front = book_front(v, n);
	if (front != (size_t)-1)
		book_walk_add(w, book_join(path, v[front].name));
	for (i = 0; i < n; i++)
		if (!v[i].dir && i != front)
			book_walk_add(w, book_join(path, v[i].name));
	for (i = 0; i < n && !w->full; i++) {
		if (!v[i].dir)
			continue;
		full = book_join(path, v[i].name);
		if (stat(full, &st) != 0) {
			book_warn(w->b, "%s: %s", full, strerror(errno));
			free(full);
			continue;
		}
		for (k = 0; k < w->depth; k++)
			if (w->stack[k].dev == st.st_dev &&
			    w->stack[k].ino == st.st_ino)
				break;
		if (k < w->depth)
			book_warn(w->b, "%s: symlink loop; left out", full);
		else
			book_walk_dir(w, full, (struct book_dirid){
			    st.st_dev, st.st_ino });
		free(full);
	}
	for (i = 0; i < n; i++)
		free(v[i].name);
	free(v);
	w->depth--;
}

int
book_open_dir(struct book *b, const char *dir, char *err, size_t errlen)
{
	static const char *const places[] = { "SUMMARY.md", "src/SUMMARY.md" };
	struct book_walk w;
	struct stat st;
	size_t i;
	char *s;

	memset(b, 0, sizeof(*b));
	if (stat(dir, &st) != 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "is not a directory");
		return -1;
	}
	if ((b->key = realpath(dir, NULL)) == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	b->dir = xstrdup(dir);
	b->look = book_look_new();
	for (i = 0; i < sizeof(places) / sizeof(places[0]); i++) {
		s = book_join(dir, places[i]);
		if (book_may_open(s, 0, err, errlen) == 0) {
			b->summary = s;
			if (book_summary(b, err, errlen) != 0) {
				book_free(b);
				return -1;
			}
			return 0;
		}
		free(s);
	}
	memset(&w, 0, sizeof(w));
	w.b = b;
	book_walk_dir(&w, dir, (struct book_dirid){ st.st_dev, st.st_ino });
	if (b->n == 0 && b->nwarnings == 0 && access(dir, R_OK | X_OK) != 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		book_free(b);
		return -1;
	}
	return 0;
}

void
book_open_files(struct book *b, char *const *paths, size_t n)
{
	size_t i;

	memset(b, 0, sizeof(*b));
	b->look = book_look_new();
	for (i = 0; i < n; i++)
		book_add(b, 0, 0)->path = xstrdup(paths[i]);
}

void
book_free(struct book *b)
{
	size_t i;

	if (b == NULL)
		return;
	for (i = 0; i < b->n; i++) {
		free(b->v[i].path);
		free(b->v[i].title);
		free(b->v[i].url);
		free(b->v[i].why);
	}
	book_look_free(b->look);
	for (i = 0; i < b->nwarnings; i++)
		free(b->warnings[i]);
	free(b->v);
	free(b->warnings);
	free(b->dir);
	free(b->key);
	free(b->summary);
	memset(b, 0, sizeof(*b));
}

/* PATH relative to the book's directory, or NULL when it lies elsewhere
   (as book_join made it, not resolved). */
static const char *
book_rel(const struct book *b, const char *path)
{
	size_t n;

	if (b->dir == NULL)
		return NULL;
	n = strlen(b->dir);
	while (n > 1 && b->dir[n - 1] == '/')
		n--;
	if (n == 1 && b->dir[0] == '.')
		return path[0] != '/' ? path : NULL;
	if (n == 1 && b->dir[0] == '/')
		return path[0] == '/' ? path + 1 : NULL;
	if (strncmp(path, b->dir, n) == 0 && path[n] == '/')
		return path + n + 1;
	return NULL;
}

/* Whether REL is names joined by single slashes, none "." nor "..". */
static int
book_clean(const char *rel)
{
	const char *p = rel, *end;
	size_t k;

	for (;;) {
		end = strchr(p, '/');
		k = end != NULL ? (size_t)(end - p) : strlen(p);
		if (k == 0 || (k == 1 && p[0] == '.') ||
		    (k == 2 && p[0] == '.' && p[1] == '.'))
			return 0;
		if (end == NULL)
			return 1;
		p = end + 1;
	}
}

/* The descriptor on the book's directory, opened the first time; -1. */
static int
book_look_fd(const struct book *b)
{
	struct book_look *lk = b->look;

	if (lk->fd == -1 && b->key != NULL)
		lk->fd = open(b->key, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (lk->fd < 0)
		lk->fd = -2;
	return lk->fd >= 0 ? lk->fd : -1;
}

/*
 * Looks REL (book_clean) up from the book's directory, without following
 * a symlink on the way: each directory is found a directory, not a
 * symlink, once (the last one's ancestors are known), then the file is
 * stat'ed into ST. Returns 1 when it is found, not a symlink, and so
 * inside the book; else 0: realpath(3) must say.
 */
static int
book_look_inside(const struct book *b, const char *rel, struct stat *st)
{
	struct book_look *lk = b->look;
	const char *slash = strrchr(rel, '/');
	size_t dlen = slash != NULL ? (size_t)(slash - rel) : 0, k = 0, q;
	struct stat ds;
	char *pre;
	int fd;

	if ((fd = book_look_fd(b)) < 0)
		return 0;
	/* The directories already found: those LK->dir begins with. */
	if (lk->dir != NULL) {
		while (k < dlen && rel[k] == lk->dir[k])
			k++;
		/* Back to the slash before a name that differs. */
		if (!(k == dlen || rel[k] == '/') ||
		    !(lk->dir[k] == '\0' || lk->dir[k] == '/'))
			while (k > 0 && rel[--k] != '/')
				continue;
	}
	if (k < dlen) {
		pre = xstrndup(rel, dlen);
		for (q = k + 1; q <= dlen; q++) {
			if (q < dlen && pre[q] != '/')
				continue;
			pre[q] = '\0';
			if (fstatat(fd, pre, &ds, AT_SYMLINK_NOFOLLOW) != 0 ||
			    !S_ISDIR(ds.st_mode)) {
				free(pre);
				return 0;
			}
			if (q < dlen)
				pre[q] = '/';
		}
		free(lk->dir);
		lk->dir = pre;
	}
	return fstatat(fd, rel, st, AT_SYMLINK_NOFOLLOW) == 0 &&
	    !S_ISLNK(st->st_mode);
}

/*
 * Why the file of SUMMARY.md's entry E is no file of the book, found the
 * long way, into ERR; 0 when it is one.
 */
static int
book_look_slow(const struct book *b, const struct book_entry *e,
    char *err, size_t errlen)
{
	char *real;
	size_t n = strlen(b->key);
	int inside;

	if ((real = realpath(e->path, NULL)) == NULL) {
		snprintf(err, errlen, "%s", strerror(errno));
		return -1;
	}
	inside = strncmp(real, b->key, n) == 0 &&
	    (real[n] == '/' || (n == 1 && b->key[0] == '/'));
	free(real);
	if (!inside) {
		snprintf(err, errlen, "outside the book's directory");
		return -1;
	}
	return book_may_open(e->path, 0, err, errlen);
}

int
book_check(const struct book *b, long i)
{
	struct book_entry *e;
	struct stat st;
	const char *rel, *why;
	char err[256];
	int rc;

	if (i < 0 || (size_t)i >= b->n || b->v[i].path == NULL)
		return -1;
	e = &b->v[i];
	/* A file named on the command line or found by the walk is
	   taken as it is: opening it says what is wrong. */
	if ((e->flags & BOOK_CHECKED) || e->url == NULL || b->key == NULL)
		return 0;
	if ((rel = book_rel(b, e->path)) != NULL && book_clean(rel) &&
	    book_look_inside(b, rel, &st)) {
		rc = 0;
		if ((why = book_why(&st)) != NULL) {
			snprintf(err, sizeof(err), "%s", why);
			rc = -1;
		} else if (faccessat(b->look->fd, rel, R_OK, 0) != 0) {
			snprintf(err, sizeof(err), "%s", strerror(errno));
			rc = -1;
		}
	} else
		rc = book_look_slow(b, e, err, sizeof(err));
	if (rc == 0) {
		e->flags |= BOOK_CHECKED;
		return 0;
	}
	e->why = xasprintf("%s:%d: %s: %s", b->summary, e->line, e->url, err);
	free(e->path);
	e->path = NULL;
	e->flags |= BOOK_DRAFT;
	return -1;
}

void
book_check_all(const struct book *b)
{
	size_t i;

	for (i = 0; i < b->n; i++)
		book_check(b, (long)i);
}

size_t
book_problems(const struct book *b, const char **first)
{
	size_t i, n = b->nwarnings;

	*first = n > 0 ? b->warnings[0] : NULL;
	for (i = 0; i < b->n; i++)
		if (b->v[i].why != NULL) {
			if (n++ == 0)
				*first = b->v[i].why;
		}
	return n;
}

/* A new, empty record of look-ups. */
static struct book_look *
book_look_new(void)
{
	struct book_look *lk = xcalloc(1, sizeof(*lk));

	lk->fd = -1;
	return lk;
}

/* Frees LK; NULL is nothing. */
static void
book_look_free(struct book_look *lk)
{
	if (lk == NULL)
		return;
	if (lk->fd >= 0)
		close(lk->fd);
	free(lk->dir);
	free(lk->files);
	free(lk->slots);
	free(lk);
}

/* The table's first slot for the file DEV, INO. */
static size_t
book_look_hash(const struct book_look *lk, dev_t dev, ino_t ino)
{
	uint64_t h = ((uint64_t)dev * 0x9e3779b97f4a7c15ULL) ^
	    ((uint64_t)ino * 0xc2b2ae3d27d4eb4fULL);

	return (size_t)(h ^ (h >> 29)) & (lk->nslots - 1);
}

/*
 * Looks every entry's file up, once, into a table by device and inode,
 * each file's entries in their order.
 */
static void
book_look_files(const struct book *b)
{
	struct book_look *lk = b->look;
	struct book_file *f;
	struct stat st;
	const char *rel;
	size_t i, h;
	int fd = book_look_fd(b);

	lk->files = xcalloc(b->n + 1, sizeof(*lk->files));
	for (lk->nslots = 16; lk->nslots < 2 * b->n; lk->nslots *= 2)
		continue;
	lk->slots = xcalloc(lk->nslots, sizeof(*lk->slots));
	for (i = 0; i < b->n; i++) {
		if (b->v[i].path == NULL)
			continue;
		rel = book_rel(b, b->v[i].path);
		if (fd >= 0 && rel != NULL && book_clean(rel) ?
		    fstatat(fd, rel, &st, 0) != 0 : stat(b->v[i].path, &st) != 0)
			continue;
		f = &lk->files[i];
		f->dev = st.st_dev;
		f->ino = st.st_ino;
		f->ok = 1;
		for (h = book_look_hash(lk, f->dev, f->ino); lk->slots[h] != 0;
		    h = (h + 1) & (lk->nslots - 1))
			continue;
		lk->slots[h] = i + 1;
	}
}

long
book_find(const struct book *b, const char *path)
{
	struct book_look *lk = b->look;
	struct book_file *f;
	struct stat want, st;
	const char *krel = NULL, *rel;
	size_t i, h, n;

	if (stat(path, &want) != 0)
		return -1;
	/* PATH as an entry names it, or as its canonical path. */
	if (b->key != NULL) {
		n = strlen(b->key);
		if (strncmp(path, b->key, n) == 0 &&
		    (path[n] == '/' || (n == 1 && path[0] == '/')))
			krel = path + (n == 1 ? 1 : n + 1);
	}
	for (i = 0; i < b->n; i++) {
		if (b->v[i].path == NULL)
			continue;
		if (strcmp(b->v[i].path, path) == 0) {
			if (book_check(b, (long)i) == 0)
				return (long)i;
			continue;
		}
		if (krel != NULL && (rel = book_rel(b, b->v[i].path)) != NULL &&
		    strcmp(rel, krel) == 0 && stat(b->v[i].path, &st) == 0 &&
		    st.st_dev == want.st_dev && st.st_ino == want.st_ino &&
		    book_check(b, (long)i) == 0)
			return (long)i;
	}
	if (lk == NULL)
		return -1;
	if (lk->files == NULL)
		book_look_files(b);
	for (h = book_look_hash(lk, want.st_dev, want.st_ino);
	    lk->slots[h] != 0; h = (h + 1) & (lk->nslots - 1)) {
		i = lk->slots[h] - 1;
		f = &lk->files[i];
		if (f->dev == want.st_dev && f->ino == want.st_ino &&
		    book_check(b, (long)i) == 0)
			return (long)i;
	}
	return -1;
}

long
book_next(const struct book *b, long i, int dir)
{
	long n = (long)b->n;

	if (dir == 0)
		return -1;
	for (i += dir > 0 ? 1 : -1; i >= 0 && i < n; i += dir > 0 ? 1 : -1)
		if (b->v[i].path != NULL && book_check(b, i) == 0)
			return i;
	return -1;
}
