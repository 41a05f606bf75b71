/*
 * guard.c: keeps hostile Markdown from making the parser slow or huge.
 *
 * Each limit answers a shape on which libcmark-gfm 0.29.0.gfm.6 takes
 * quadratic time (measured; see tests/hostile/cve.sh):
 *
 *   nesting		open block quotes, list items and footnote
 *			definitions: every later line pays for each
 *			(CVE-2023-22483, CVE-2023-24824)
 *   table columns	a row is parsed in time quadratic in its cells
 *			(CVE-2023-22483, CVE-2023-37463)
 *   table rows		each delimiter row re-parses the whole paragraph
 *			before it (CVE-2023-22483); short rows are filled
 *			in with empty cells (CVE-2023-37463)
 *   '[' '*' '_' '~'	the delimiter stacks of the inline parser
 *			(CVE-2023-22483, CVE-2023-22486)
 *   "<?" "<!"		each one scans to the end of the paragraph when
 *			it is not closed (CVE-2023-22483)
 *   link definitions	every reference copies the definition's URL and
 *			title: a long title makes memory quadratic
 *			(CVE-2023-22483)
 *
 * The source is read line by line with mdline_next, which follows the
 * parser's own block structure: a limit of a paragraph counts what the
 * parser will read as that paragraph, lazy continuation lines included,
 * and nothing in code or HTML blocks, which the inline parser never
 * reads. mdline_next reads each line as the parser will read it once
 * rewritten: past a limit, characters are escaped with a backslash (shown
 * as they are), never a line added or removed, so that source line
 * numbers stay right. An underline below what may be only link reference
 * definitions is escaped too (see mdline.h): a heading or text by what
 * only the parser knows, it is text to both.
 *
 * The guard reads each line once. A table counts the cells its rows fill
 * in as they come; when they pass the fill limit, the guard goes back to
 * the delimiter row and reads it and the rows as text, at most
 * GUARD_TABLE_TRIES times a paragraph.
 */
#include <stdlib.h>
#include <string.h>

#include "lectern/guard.h"
#include "lectern/mdline.h"
#include "lectern/util.h"

/* State of one guard_text pass. */
struct guard {
	const char	*end;		/* end of the source */
	const char	*done;		/* source copied to out up to here */
	const char	*escaped;	/* last byte escaped, or NULL */
	struct buf	 out;
	struct guard_report *rep;
	uint32_t	 line;		/* current line [1-based] */
	struct mdline_state st;		/* the blocks open at this line */

	/* The paragraph (with the table it may become). */
	uint32_t	 lines;		/* lines in it [lines] */
	uint32_t	 tries;		/* delimiter rows in it */
	uint32_t	 brackets, delims, tildes, markup;

	/* The table being read, while it may still be text. */
	int		 ncols;		/* its cells [cells], or 0 */
	size_t		 bytes;		/* in its rows [bytes] */
	size_t		 fill;		/* cells its rows fill in [cells] */
};

/* What guard_text goes back to when a table fills in too many cells. */
struct guard_undo {
	struct guard	 g;		/* as before the delimiter row */
	struct guard_report rep;
	struct mdline	 ml;		/* the delimiter row */
	const char	*eol;		/* its end */
};

/* The bytes that guard_inline looks at (guard_word compares with each). */
static const unsigned char guard_special[256] = {
	['\\'] = 1, ['|'] = 1, ['-'] = 1, ['['] = 1, ['<'] = 1,
	['*'] = 1, ['_'] = 1, ['~'] = 1
};

static const char *guard_messages[GUARD_NLIMITS] = {
	"too complex: nesting deeper than 32 levels is shown flat",
	"too complex: table columns past 64 are shown as text",
	"too complex: a table row is shown as text",
	"too complex: '[' past 1000 in a paragraph are shown as text",
	"too complex: '*' and '_' past 2000 in a paragraph are shown as text",
	"too complex: '~' past 128 in a paragraph are shown as text",
	"too complex: '<?' and '<!' past 64 in a paragraph are shown as text",
	"too complex: a link definition with a long URL or title is text"
};

const char *
guard_message(enum guard_limit l)
{
	return l < GUARD_NLIMITS ? guard_messages[l] : "";
}

/* A byte of each lane of a 64-bit word [bytes]. */
#define GUARD_LANES(b)	((uint64_t)(b) * 0x0101010101010101ULL)

/*
 * Sixteen bytes compared at once: a vector type of GCC and Clang, done
 * with the machine's vector instructions where it has them.
 */
typedef unsigned char guard_v16 __attribute__((vector_size(16)));

/* Sixteen bytes of a line, and which of them are in guard_special. */
struct guard_word {
	const char	*at;		/* the first */
	uint64_t	 is[2];		/* 0xff in the lane of each such byte,
					   lane 0 the first */
};

/*
 * Tests the sixteen bytes at P into W; whether any is in guard_special.
 * Sixteen bytes of characters beyond ASCII (as in CJK text) are passed
 * over with one test.
 */
static int
guard_word(struct guard_word *w, const char *p)
{
	guard_v16 v, m;
	uint64_t x[2];

	memcpy(x, p, sizeof(x));
	if ((x[0] & x[1] & GUARD_LANES(0x80)) == GUARD_LANES(0x80))
		return 0;
	memcpy(&v, p, sizeof(v));
	m = (v == '\\') | (v == '|') | (v == '-') | (v == '[') | (v == '<') |
	    (v == '*') | (v == '_') | (v == '~');
	memcpy(x, &m, sizeof(x));
	if ((x[0] | x[1]) == 0)
		return 0;
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
	x[0] = __builtin_bswap64(x[0]);
	x[1] = __builtin_bswap64(x[1]);
#endif
	w->at = p;
	w->is[0] = x[0];
	w->is[1] = x[1];
	return 1;
}

/* The first byte of guard_special in W at or after P, or NULL. */
static const char *
guard_pick(const struct guard_word *w, const char *p)
{
	size_t k = p > w->at ? (size_t)(p - w->at) : 0;
	uint64_t m;

	if (k < 8 && (m = w->is[0] & (~(uint64_t)0 << (8 * k))) != 0)
		return w->at + __builtin_ctzll(m) / 8;
	if (k < 16 && (m = w->is[1] & (k <= 8 ? ~(uint64_t)0 :
	    ~(uint64_t)0 << (8 * (k - 8)))) != 0)
		return w->at + 8 + __builtin_ctzll(m) / 8;
	return NULL;
}

/*
 * The first byte of guard_special in [P, EOL), or EOL. W keeps the
 * sixteen bytes last tested, so that each byte is tested once a line.
 */
static const char *
guard_skip(struct guard_word *w, const char *p, const char *eol)
{
	const char *q;
	size_t n;

	if (p >= w->at && p - w->at < 16) {
		if ((q = guard_pick(w, p)) != NULL)
			return q;
		p = w->at + 16;
	}
	for (n = p < eol ? (size_t)(eol - p) / 16 : 0; n > 0; n--, p += 16)
		if (guard_word(w, p))
			return guard_pick(w, p);
	while (p < eol && !guard_special[(unsigned char)*p])
		p++;
	return p;
}

/* Is C an ASCII letter or digit? */
static int
guard_alnum(unsigned char c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
	    (c >= 'A' && c <= 'Z');
}

/* Is C ASCII punctuation, which a backslash escapes? */
static int
guard_punct(unsigned char c)
{
	return c > 0x20 && c < 0x7f && !guard_alnum(c);
}

/* Records a change for limit L on the current line. */
static void
guard_note(struct guard *g, enum guard_limit l)
{
	if (g->rep->count[l]++ == 0)
		g->rep->line[l] = g->line;
}

/*
 * Writes a backslash before the byte at P (once), for limit L; for
 * GUARD_NLIMITS, for no limit (nothing to report).
 */
static void
guard_escape(struct guard *g, const char *p, enum guard_limit l)
{
	if (p == g->escaped)
		return;
	buf_add(&g->out, g->done, (size_t)(p - g->done));
	buf_addc(&g->out, '\\');
	g->done = p;
	g->escaped = p;
	if (l < GUARD_NLIMITS)
		guard_note(g, l);
}

/* Starts a new paragraph. */
static void
guard_reset(struct guard *g)
{
	g->lines = g->tries = 0;
	g->brackets = g->delims = g->tildes = g->markup = 0;
}

/* Is [P, EOL) only white space? */
static int
guard_blank(const char *p, const char *eol)
{
	for (; p < eol; p++)
		if (*p != ' ' && *p != '\t')
			return 0;
	return 1;
}

/*
 * Counts what the inline parser will stack in [P, EOL) and escapes what
 * passes the limits; also '|' past the column limit, and with DASH the
 * first '-' (to keep a delimiter row from starting a table).
 */
static void
guard_inline(struct guard *g, const char *p, const char *eol, int dash)
{
	struct guard_word w = { eol, { 0, 0 } };
	const char *q;
	int pipes = 0, over;
	char c;

	while (p < eol) {
		/* Most bytes are none of those below. */
		if ((p = guard_skip(&w, p, eol)) == eol)
			break;
		c = *p;
		if (c == '\\' && p + 1 < eol &&
		    guard_punct((unsigned char)p[1])) {
			p += 2;
			continue;
		}
		switch (c) {
		case '|':
			if (++pipes > GUARD_MAX_COLUMNS + 1)
				guard_escape(g, p, GUARD_COLUMNS);
			break;
		case '-':
			if (dash) {
				guard_escape(g, p, GUARD_TABLE);
				dash = 0;
			}
			break;
		case '[':
			if (++g->brackets > GUARD_MAX_BRACKETS)
				guard_escape(g, p, GUARD_BRACKETS);
			break;
		case '<':
			if (p + 1 < eol && (p[1] == '?' || p[1] == '!') &&
			    ++g->markup > GUARD_MAX_MARKUP)
				guard_escape(g, p, GUARD_MARKUP);
			break;
		case '*':
		case '_':
		case '~':
			for (q = p; q < eol && *q == c; q++)
				;
			if (c == '~')
				over = ++g->tildes > GUARD_MAX_TILDES;
			else
				over = ++g->delims > GUARD_MAX_DELIMS;
			for (; over && p < q; p++)
				guard_escape(g, p, c == '~' ? GUARD_TILDES :
				    GUARD_DELIMS);
			p = q;
			continue;
		default:
			break;
		}
		p++;
	}
}

/* Skips spaces and tabs, and with NL one line end and a '>' prefix. */
static const char *
guard_skip_space(const char *p, const char *end, int nl)
{
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	if (nl && p < end && *p == '\n')
		for (p++; p < end && (*p == ' ' || *p == '\t' || *p == '>');)
			p++;
	return p;
}

/*
 * Whether [P, END) starts a link reference definition whose URL or title
 * passes its limit: each reference to it gets its own copy of both. Reads
 * at most a label, a URL and a title ahead; a title that does not close
 * within its limit (before a blank line) counts as passing it.
 */
static int
guard_refdef_long(const char *p, const char *end)
{
	const char *q, *t;
	char close;

	for (q = p + 1; q < end && q - p <= 1000 && *q != ']'; q++) {
		if (*q == '\\' && q + 1 < end)
			q++;
		else if (*q == '[' || (*q == '\n' && q + 1 < end &&
		    q[1] == '\n'))
			return 0;
	}
	if (q + 1 >= end || *q != ']' || q[1] != ':')
		return 0;
	q = guard_skip_space(q + 2, end, 1);
	if (q < end && *q == '<') {
		for (t = q; t < end && *t != '>' && *t != '\n'; t++)
			if (t - q > GUARD_MAX_REFDEST)
				return 1;
	} else
		for (t = q; t < end && *t != ' ' && *t != '\t' && *t != '\n';
		    t++)
			if (t - q > GUARD_MAX_REFDEST)
				return 1;
	q = guard_skip_space(t < end && *t == '>' ? t + 1 : t, end, 1);
	if (q >= end || (*q != '"' && *q != '\'' && *q != '('))
		return 0;
	close = *q == '(' ? ')' : *q;
	for (t = q + 1; t < end && *t != close; t++) {
		if (t - q > GUARD_MAX_REFTITLE)
			return 1;
		if (*t == '\\' && t + 1 < end)
			t++;
		else if (*t == '\n' && guard_blank(t + 1, memchr(t + 1, '\n',
		    (size_t)(end - t - 1)) ? memchr(t + 1, '\n',
		    (size_t)(end - t - 1)) : end))
			return 0;
	}
	return 0;
}

/*
 * Checks a line [TEXT, EOL) of a paragraph; with DASH, a delimiter row
 * that must not make it a table.
 */
static void
guard_para(struct guard *g, const struct mdline *ml, const char *eol,
    int dash)
{
	if (ml->text < eol && *ml->text == '[' &&
	    guard_refdef_long(ml->text, g->end)) {
		guard_escape(g, ml->text, GUARD_REFDEF);
		mdline_no_def(&g->st);
	} else if (ml->defs)
		g->brackets = 0;	/* not the inline parser's */
	if (ml->delim > 0 && !dash) {
		/* The parser reads the paragraph again for a header. */
		if (g->lines > GUARD_TABLE_LEAD ||
		    g->tries >= GUARD_TABLE_TRIES)
			dash = 1;
		else
			g->tries++;
	}
	guard_inline(g, ml->text, eol, dash);
	g->lines++;
}

/* Whether a delimiter row may make the paragraph a table. */
static int
guard_table_may(const struct guard *g)
{
	return g->lines <= GUARD_TABLE_LEAD && g->tries < GUARD_TABLE_TRIES;
}

/*
 * Checks a delimiter row that makes the paragraph a table, unless TEXT:
 * its rows then fill in too many cells.
 */
static void
guard_table(struct guard *g, struct mdline *ml, const char *eol, int text)
{
	if (!text && guard_table_may(g)) {
		g->tries++;
		g->ncols = ml->delim;
		g->bytes = g->fill = 0;
		guard_inline(g, ml->text, eol, 0);
		return;
	}
	mdline_no_table(&g->st, ml);
	guard_para(g, ml, eol, 1);
}

/*
 * Whether the table row [P, EOL) makes its table fill in more empty cells
 * than its rows have bytes, plus GUARD_TABLE_FILL.
 */
static int
guard_table_fills(struct guard *g, const struct mdline *ml, const char *p,
    const char *eol)
{
	int cells;

	cells = mdline_cells(ml->text, eol, GUARD_MAX_COLUMNS + 1);
	if (cells < g->ncols)
		g->fill += (size_t)(g->ncols - cells);
	g->bytes += (size_t)(eol - p) + 1;
	return g->fill > g->bytes + GUARD_TABLE_FILL;
}

/* Checks the line ML just read, [P, EOL); with TEXT, see guard_table. */
static void
guard_line(struct guard *g, struct mdline *ml, const char *eol, int text)
{
	if (ml->deep != NULL)
		guard_escape(g, ml->deep, GUARD_NEST);
	if (ml->plain != NULL)
		guard_escape(g, ml->plain, GUARD_NLIMITS);
	switch (ml->kind) {
	case MDLINE_PARA:
		guard_reset(g);
		/* FALLTHROUGH */
	case MDLINE_CONT:
	case MDLINE_LAZY:
		guard_para(g, ml, eol, 0);
		break;
	case MDLINE_TABLE:
		guard_table(g, ml, eol, text);
		break;
	case MDLINE_ROW:
		/* The table extension parses each cell on its own. */
		g->brackets = g->delims = g->tildes = g->markup = 0;
		guard_inline(g, ml->text, eol, 0);
		break;
	case MDLINE_HEADING:
		guard_reset(g);
		guard_inline(g, ml->text, eol, 0);
		guard_reset(g);
		break;
	default:
		guard_reset(g);
		break;
	}
}

char *
guard_text(const char *text, size_t len, size_t *outlen,
    struct guard_report *rep)
{
	struct guard g;
	struct guard_undo u;
	struct guard_report none;
	struct mdline ml;
	struct buf out;
	const char *p, *eol;
	int as_text;

	memset(&g, 0, sizeof(g));
	memset(&u, 0, sizeof(u));
	g.rep = rep != NULL ? rep : &none;
	memset(g.rep, 0, sizeof(*g.rep));
	g.end = text + len;
	g.done = text;
	mdline_init(&g.st, GUARD_MAX_NEST, GUARD_MAX_COLUMNS + 1);
	for (p = text; p < g.end; p = eol + 1) {
		eol = memchr(p, '\n', (size_t)(g.end - p));
		if (eol == NULL)
			eol = g.end;
		g.line++;
		mdline_next(&g.st, p, eol, &ml);
		as_text = 0;
		if (ml.kind != MDLINE_ROW)
			g.ncols = 0;
		if (ml.kind == MDLINE_TABLE && guard_table_may(&g)) {
			u.g = g;
			u.rep = *g.rep;
			u.ml = ml;
			u.eol = eol;
		} else if (ml.kind == MDLINE_ROW && g.ncols > 0 &&
		    guard_table_fills(&g, &ml, p, eol)) {
			/* Back to the delimiter row, to read it as text. */
			out = g.out;
			g = u.g;
			out.len = g.out.len;
			g.out = out;
			*g.rep = u.rep;
			ml = u.ml;
			eol = u.eol;
			as_text = 1;
		}
		guard_line(&g, &ml, eol, as_text);
	}
	if (g.out.data == NULL) {
		*outlen = len;
		return NULL;
	}
	buf_add(&g.out, g.done, (size_t)(g.end - g.done));
	*outlen = g.out.len;
	return g.out.data;
}

/*
 * What each byte is to a host name: 1 a letter, digit, '-' or byte
 * beyond ASCII, 2 '_', 4 '.', 0 a byte that ends it.
 */
#define GUARD_HOST_CHAR		1
#define GUARD_HOST_UNDER	2
#define GUARD_HOST_DOT		4

static const unsigned char guard_host[256] = {
	['-'] = GUARD_HOST_CHAR, ['.'] = GUARD_HOST_DOT,
	['0'] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['A'] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['N'] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['_'] = GUARD_HOST_UNDER,
	['a'] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['n'] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	[0x80] = 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1
};

/*
 * Scans the domain at P: segments of host characters separated by dots.
 * Returns its length when valid (no '_' in the last two segments, and a
 * dot unless SHORT), else 0; *STOP is where the scan ended either way.
 */
static size_t
guard_domain(const char *p, const char *end, int short_ok, const char **stop)
{
	const char *q;
	size_t dots = 0, last = 0, before = 0;
	unsigned char k;

	for (q = p; q < end; q++) {
		if ((k = guard_host[(unsigned char)*q]) == GUARD_HOST_CHAR)
			continue;
		if (k == GUARD_HOST_DOT) {
			if (q + 1 >= end || (guard_host[(unsigned char)q[1]] &
			    (GUARD_HOST_CHAR | GUARD_HOST_UNDER)) == 0)
				break;
			dots++;
			before = last;
			last = 0;
		} else if (k == GUARD_HOST_UNDER)
			last++;
		else
			break;
	}
	*stop = q;
	if (q == p || (dots == 0 && !short_ok) || last > 0 || before > 0)
		return 0;
	return (size_t)(q - p);
}

/* What each byte is to the path of a link (guard_link_end). */
#define GUARD_PATH_END		0x01	/* ends it: white space, '<' */
#define GUARD_PATH_OPEN		0x02	/* '(' */
#define GUARD_PATH_CLOSE	0x04	/* ')' */
#define GUARD_PATH_TRIM		0x08	/* left out at its end */
#define GUARD_PATH_STOP		(GUARD_PATH_END | GUARD_PATH_OPEN | \
				    GUARD_PATH_CLOSE)

static const unsigned char guard_path[256] = {
	[' '] = GUARD_PATH_END, ['\t'] = GUARD_PATH_END,
	['\n'] = GUARD_PATH_END, ['<'] = GUARD_PATH_END,
	['('] = GUARD_PATH_OPEN, [')'] = GUARD_PATH_CLOSE,
	['?'] = GUARD_PATH_TRIM, ['!'] = GUARD_PATH_TRIM,
	['.'] = GUARD_PATH_TRIM, [','] = GUARD_PATH_TRIM,
	[':'] = GUARD_PATH_TRIM, ['*'] = GUARD_PATH_TRIM,
	['_'] = GUARD_PATH_TRIM, ['~'] = GUARD_PATH_TRIM,
	['\''] = GUARD_PATH_TRIM, ['"'] = GUARD_PATH_TRIM,
	['\0'] = GUARD_PATH_TRIM
};

/*
 * The end of a link whose domain ends at DOM: the path runs to white
 * space or '<'; then trailing punctuation, unbalanced ')' and a trailing
 * entity-like "&name;" are left out, as GitHub does.
 */
static const char *
guard_link_end(const char *start, const char *dom, const char *end)
{
	const char *e = dom, *q;
	size_t open = 0, close = 0;
	unsigned char k;

	for (; e < end; e++) {
		/* Most bytes go on with it: four are looked up at once. */
		while (end - e >= 4 && ((guard_path[(unsigned char)e[0]] |
		    guard_path[(unsigned char)e[1]] |
		    guard_path[(unsigned char)e[2]] |
		    guard_path[(unsigned char)e[3]]) & GUARD_PATH_STOP) == 0)
			e += 4;
		if (e == end)
			break;
		if ((k = guard_path[(unsigned char)*e]) == 0 ||
		    k == GUARD_PATH_TRIM)
			continue;
		if (k == GUARD_PATH_END)
			break;
		if (k == GUARD_PATH_OPEN)
			open++;
		else
			close++;
	}
	while (e > dom) {
		char c = e[-1];

		if (guard_path[(unsigned char)c] & GUARD_PATH_TRIM)
			e--;
		else if (c == ')' && close > open) {
			e--;
			close--;
		} else if (c == ';') {
			for (q = e - 1; q > start && guard_alnum(
			    (unsigned char)q[-1]); q--)
				;
			if (q - 1 < dom || q == e - 1 || q[-1] != '&')
				break;
			e = q - 1;
		} else
			break;
	}
	return e;
}

/*
 * The length of the scheme that starts at P ("https://", "http://" or
 * "ftp://") when more follows it, else 0.
 */
static size_t
guard_scheme(const char *p, const char *end)
{
	size_t k;

	if (end - p > 7 && memcmp(p, "http", 4) == 0) {
		k = p[4] == 's' ? 5 : 4;
		if ((size_t)(end - p) > k + 3 && memcmp(p + k, "://", 3) == 0)
			return k + 3;
	} else if (end - p > 6 && memcmp(p, "ftp://", 6) == 0)
		return 6;
	return 0;
}

/* An e-mail address whose '@' is at AT, not before FROM; 0 for none. */
static size_t
guard_email(const char *from, const char *at, const char *end,
    size_t *off, const char *s)
{
	const char *b = at, *q;
	size_t dots = 0;

	while (b > from && (guard_alnum((unsigned char)b[-1]) ||
	    b[-1] == '.' || b[-1] == '+' || b[-1] == '-' || b[-1] == '_'))
		b--;
	if (b == at)
		return 0;
	for (q = at + 1; q < end; q++) {
		if (*q == '.') {
			if (q + 1 >= end || !guard_alnum((unsigned char)q[1]))
				break;
			dots++;
		} else if (!guard_alnum((unsigned char)*q) && *q != '-' &&
		    *q != '_')
			break;
	}
	if (dots == 0 || q[-1] == '-' || q[-1] == '_')
		return 0;
	*off = (size_t)(b - s);
	return (size_t)(q - b);
}

/* The bytes at which guard_find_links tries a link. */
static const unsigned char guard_link_start[256] = {
	['w'] = 1, ['h'] = 1, ['f'] = 1, ['@'] = 1
};

/*
 * Finds the bare links in S, in one pass: after a candidate fails, the
 * scan goes on past the domain it read, so that no text is read twice.
 */
size_t
guard_find_links(const char *s, size_t n, struct guard_link **out)
{
	const char *end = s + n, *p = s, *from = s, *stop, *e;
	struct guard_link *l = NULL, *g;
	const char *scheme;
	size_t nl = 0, cap = 0, k, off;
	char prev;

	while (p < end) {
		/* Most bytes start nothing: four are looked up at once. */
		while (end - p >= 4 && (guard_link_start[(unsigned char)p[0]] |
		    guard_link_start[(unsigned char)p[1]] |
		    guard_link_start[(unsigned char)p[2]] |
		    guard_link_start[(unsigned char)p[3]]) == 0)
			p += 4;
		if (p == end)
			break;
		if (!guard_link_start[(unsigned char)*p]) {
			p++;
			continue;
		}
		prev = p > s ? p[-1] : ' ';
		if (*p == 'w' && end - p > 4 && memcmp(p, "www.", 4) == 0 &&
		    strchr(" \t\n*_~(", prev) != NULL) {
			k = 0;		/* the domain starts at once */
			scheme = "http://";
		} else if ((*p == 'h' || *p == 'f') &&
		    !guard_alnum((unsigned char)prev) &&
		    (k = guard_scheme(p, end)) > 0)
			scheme = "";
		else {
			if (*p == '@' &&
			    (k = guard_email(from, p, end, &off, s)) > 0) {
				g = ARRAY_PUSH(l, nl, cap);
				g->off = off;
				g->len = k;
				g->scheme = "mailto:";
				p = from = s + off + k;
			} else
				p++;
			continue;
		}
		if (guard_domain(p + k, end, k > 0, &stop) > 0) {
			e = guard_link_end(p, stop, end);
			g = ARRAY_PUSH(l, nl, cap);
			g->off = (size_t)(p - s);
			g->len = (size_t)(e - p);
			g->scheme = scheme;
			p = from = e;
		} else
			p = stop > p + k ? stop : p + (k > 0 ? k : 1);
	}
	*out = l;
	return nl;
}
