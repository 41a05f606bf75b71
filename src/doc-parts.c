/*
 * doc-parts.c: a dump's parse in parts. cmark-gfm parses the whole text
 * before the walk of doc.c can start, and the dump's layout thread waits
 * for that walk. Where a document allows it, the text is cut at block
 * boundaries into parts of about doc_parts_size bytes, each parsed and
 * walked alone, so that the layout starts after the first part.
 *
 * A cut must give the model the whole parse gives, so it is made only
 * where nothing before it can reach past it:
 *
 *   - no link reference definitions anywhere (they apply to the whole
 *     document): a "]:" anywhere that does not end a "[^label" means one
 *     part;
 *   - each footnote label's citations and definitions all in one part:
 *     cmark-gfm keeps only cited definitions, numbers them by first
 *     citation and puts them after the body, so the notes of the parts,
 *     kept aside and walked after the last part's body, are those of the
 *     whole in the same order. A label that is not plain ASCII letters,
 *     digits, '-', '_' and '.' (case folding, escapes) means one part;
 *   - a lone CR (a line end to cmark, not to the line numbers) means one
 *     part;
 *   - the cut is at the start of a line that starts a paragraph or a
 *     heading at the left margin, with a letter, '#', a quote mark, '('
 *     or a byte of a multibyte character (not a byte order mark), after
 *     a blank line that leaves no fenced code, indented code or HTML
 *     block open (mdline.h): it continues no list item, quote, footnote,
 *     code, HTML block or table above it.
 *
 * cmark numbers each part's lines and notes from 1: the walk adds the
 * lines and notes of the parts before. The sink hears the count of notes
 * before the first part, a guess from the labels (defined at a line's
 * start and cited elsewhere): where it is wrong, the dump lays the
 * document out again at its end (dump_stream_end), as it must.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <cmark-gfm.h>

#include "lectern/doc.h"
#include "lectern/doc-int.h"
#include "lectern/mdline.h"
#include "lectern/pool.h"
#include "lectern/util.h"

size_t doc_parts_size = (size_t)1 << 20;
uint32_t doc_parts_last;

/* A footnote label, with where it is first and last. */
struct doc_parts_label {
	const char	*s;		/* as first written */
	size_t		 n;		/* [bytes] */
	size_t		 from, to;	/* its first and last "[^" [bytes] */
	int		 def, ref;	/* seen defined, seen cited, it seems */
};

/* The labels of a text, each once, in order of first occurrence. */
struct doc_parts_labels {
	struct doc_parts_label *v;
	size_t		 n, cap;
	uint32_t	*slots;		/* index + 1, 0: free */
	size_t		 nslots;	/* a power of two */
};

/* Text where no cut may be: from a label's first occurrence to its last. */
struct doc_parts_span {
	size_t		 from, to;	/* (from, to] [bytes] */
};

/* Where the cuts are looked for. */
struct doc_parts_scan {
	const char	*text, *end;
	const char	*at;		/* the next line to read */
	int		 blank;		/* the line before it is blank and
					   leaves no leaf block open */
	struct mdline_state st;
	struct doc_parts_span *spans;	/* sorted, apart */
	size_t		 nspans, span;	/* the first that may hold a cut */
	uint32_t	 notes;		/* notes the labels promise */
};

/* A part's notes, kept for the walk after the last part's body. */
struct doc_parts_notes {
	struct pool	*pool;
	cmark_node	*root;
	struct doc_walk_at at;
};

/* May C be in a label that is matched as it is? */
static int
doc_parts_label_char(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
}

/*
 * Reads "[^label" at S, before END: the label's length, or 0 when it is
 * not one that a part may keep to itself.
 */
static size_t
doc_parts_label_len(const char *s, const char *end)
{
	const char *p;

	for (p = s + 2; p < end && *p != ']'; p++)
		if (!doc_parts_label_char((unsigned char)*p))
			return 0;
	return p < end && p > s + 2 ? (size_t)(p - s - 2) : 0;
}

/* Hashes the N bytes at S, ASCII letters folded ('|' 0x20 keeps the
   digits, '-', '_' and '.' apart). */
static uint32_t
doc_parts_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)(s[i] | 0x20)) * 16777619u;
	return h;
}

/* The label of N bytes at S, added if new; case does not matter. */
static struct doc_parts_label *
doc_parts_label(struct doc_parts_labels *ls, const char *s, size_t n,
    size_t off)
{
	struct doc_parts_label *l;
	uint32_t *slot;
	size_t i, k, mask;

	if (2 * (ls->n + 1) > ls->nslots) {
		free(ls->slots);
		ls->nslots = ls->nslots ? 2 * ls->nslots : 256;
		ls->slots = xcalloc(ls->nslots, sizeof(*ls->slots));
		mask = ls->nslots - 1;
		for (k = 0; k < ls->n; k++) {
			for (i = doc_parts_hash(ls->v[k].s, ls->v[k].n) & mask;
			    ls->slots[i] != 0; i = (i + 1) & mask)
				;
			ls->slots[i] = (uint32_t)k + 1;
		}
	}
	mask = ls->nslots - 1;
	for (i = doc_parts_hash(s, n) & mask; *(slot = &ls->slots[i]) != 0;
	    i = (i + 1) & mask) {
		l = &ls->v[*slot - 1];
		if (l->n == n && strncasecmp(l->s, s, n) == 0) {
			l->to = off;
			return l;
		}
	}
	l = ARRAY_PUSH(ls->v, ls->n, ls->cap);
	memset(l, 0, sizeof(*l));
	l->s = s;
	l->n = n;
	l->from = l->to = off;
	*slot = (uint32_t)ls->n;
	return l;
}

/*
 * Finds the footnote labels of the text and where they keep cuts away;
 * returns 0 when the text must be parsed whole (see the top).
 */
static int
doc_parts_labels(struct doc_parts_scan *sc)
{
	const char *s = sc->text, *end = sc->end, *p, *q;
	struct doc_parts_labels ls;
	struct doc_parts_label *l;
	size_t cap = 0, i, n, k;
	int ok = 1;

	/* A lone CR ends a line to cmark. */
	for (p = s; (p = memchr(p, '\r', (size_t)(end - p))) != NULL; p++)
		if (p + 1 == end || p[1] != '\n')
			return 0;
	/* Every "]:" is a footnote definition's. */
	for (p = s; ok && (p = memchr(p, ']', (size_t)(end - p))) != NULL;
	    p++) {
		if (p + 1 == end || p[1] != ':')
			continue;
		/* Back over a label only: linear however many there are. */
		for (q = p; q > s && (q[-1] == '^' ||
		    doc_parts_label_char((unsigned char)q[-1])); q--)
			;
		ok = q > s && q[-1] == '[' && q[0] == '^' && p - q > 1 &&
		    doc_parts_label_len(q - 1, end) == (size_t)(p - q - 1);
	}
	/* Every "[^" starts a label a part may keep to itself. */
	memset(&ls, 0, sizeof(ls));
	for (p = s; ok && (p = memchr(p, '[', (size_t)(end - p))) != NULL;
	    p++) {
		if (p + 1 == end || p[1] != '^')
			continue;
		if ((n = doc_parts_label_len(p, end)) == 0) {
			ok = 0;
			break;
		}
		l = doc_parts_label(&ls, p + 2, n, (size_t)(p - s));
		/* A definition starts its line (or so the count assumes). */
		for (q = p; q > s && q[-1] == ' ' && p - q < 4; q--)
			;
		if ((q == s || q[-1] == '\n') && p + n + 3 < end &&
		    p[n + 3] == ':')
			l->def = 1;
		else
			l->ref = 1;
	}
	/* In order of first occurrence: spans sorted by their start. */
	for (i = 0; ok && i < ls.n; i++) {
		l = &ls.v[i];
		if (l->def && l->ref)
			sc->notes++;
		if (l->from < l->to) {
			struct doc_parts_span *sp = ARRAY_PUSH(sc->spans,
			    sc->nspans, cap);

			sp->from = l->from;
			sp->to = l->to;
		}
	}
	free(ls.v);
	free(ls.slots);
	if (!ok)
		return 0;
	/* Overlapping spans become one. */
	for (i = k = 0; i < sc->nspans; i++) {
		if (k > 0 && sc->spans[i].from < sc->spans[k - 1].to) {
			if (sc->spans[i].to > sc->spans[k - 1].to)
				sc->spans[k - 1].to = sc->spans[i].to;
		} else
			sc->spans[k++] = sc->spans[i];
	}
	sc->nspans = k;
	return 1;
}

/* May a part start with the line at S, before END (see the top)? */
static int
doc_parts_starts(const char *s, const char *end)
{
	unsigned char c = (unsigned char)*s;

	if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '#' ||
	    c == '"' || c == '\'' || c == '(')
		return 1;
	/* Not a byte order mark, which cmark skips at a text's start. */
	return c >= 0x80 && !(end - s >= 3 && memcmp(s, "\xef\xbb\xbf",
	    3) == 0);
}

/* Is offset OFF of the text within a label's span? */
static int
doc_parts_spanned(struct doc_parts_scan *sc, size_t off)
{
	while (sc->span < sc->nspans && sc->spans[sc->span].to < off)
		sc->span++;
	return sc->span < sc->nspans && sc->spans[sc->span].from < off;
}

/*
 * Reads lines up to the first cut at least MIN bytes into the text;
 * returns its offset, or the text's length when there is none.
 */
static size_t
doc_parts_next(struct doc_parts_scan *sc, size_t min)
{
	const char *s, *eol, *e;
	struct mdline ml;
	size_t off;
	int blank;

	for (s = sc->at; s < sc->end; s = sc->at) {
		if ((eol = memchr(s, '\n', (size_t)(sc->end - s))) == NULL)
			eol = sc->end;
		e = eol > s && eol[-1] == '\r' ? eol - 1 : eol;
		blank = sc->blank;
		mdline_next(&sc->st, s, e, &ml);
		sc->at = eol < sc->end ? eol + 1 : sc->end;
		off = (size_t)(s - sc->text);
		sc->blank = ml.kind == MDLINE_BLANK &&
		    sc->st.leaf == MDLINE_LEAF_NONE;
		if (blank && off >= min && ml.depth == 0 &&
		    (ml.kind == MDLINE_PARA || ml.kind == MDLINE_HEADING) &&
		    s < e && doc_parts_starts(s, e) &&
		    !doc_parts_spanned(sc, off))
			return off;
	}
	return (size_t)(sc->end - sc->text);
}

/* Lines in [S, E) that end in '\n'. */
static uint32_t
doc_parts_lines(const char *s, const char *e)
{
	uint32_t n = 0;

	while (s < e && (s = memchr(s, '\n', (size_t)(e - s))) != NULL) {
		n++;
		s++;
	}
	return n;
}

int
doc_parts_run(struct walk *w, const char *text, size_t len,
    const struct doc_sink *sink)
{
	struct doc_parts_scan sc;
	struct doc_parts_notes *kept = NULL, *kp;
	size_t nkept = 0, cap = 0, from, to, i;
	struct doc_walk_at at = { NULL, 0, 0 };
	struct pool *pool;
	cmark_node *root, *n, *next;
	uint32_t k;

	if (len < 2 * doc_parts_size)
		return 0;
	memset(&sc, 0, sizeof(sc));
	sc.text = sc.at = text;
	sc.end = text + len;
	mdline_init(&sc.st, 0, 0);
	if (!doc_parts_labels(&sc) ||
	    (to = doc_parts_next(&sc, doc_parts_size)) == len) {
		free(sc.spans);
		return 0;
	}
	sink->begin(sink->arg, sc.notes);
	doc_parts_last = 0;
	for (from = 0; from < len; from = to) {
		if (from > 0)
			to = doc_parts_next(&sc, from + doc_parts_size);
		pool = pool_new();
		at.mem = pool_use(pool);
		root = doc_cmark(at.mem, text + from, to - from, NULL, NULL);
		/* The part's notes wait for the last part's body. */
		if ((k = doc_parts_notes(root)) > 0) {
			kp = ARRAY_PUSH(kept, nkept, cap);
			kp->pool = pool;
			kp->root = cmark_node_new_with_mem(CMARK_NODE_DOCUMENT,
			    at.mem);
			kp->at = at;
			for (n = cmark_node_last_child(root), i = 1; i < k; i++)
				n = cmark_node_previous(n);
			for (; n != NULL; n = next) {
				next = cmark_node_next(n);
				if (!cmark_node_append_child(kp->root, n))
					abort();
			}
		}
		doc_walk(w, root, &at, NULL, NULL, sink);
		if (k == 0)
			pool_free(pool);
		at.note += k;
		at.line += doc_parts_lines(text + from, text + to);
		doc_parts_last++;
	}
	for (i = 0; i < nkept; i++) {
		/* The pool that cmark's allocator uses is this thread's. */
		pool_use(kept[i].pool);
		doc_walk(w, kept[i].root, &kept[i].at, NULL, NULL, sink);
		pool_free(kept[i].pool);
	}
	doc_close(w);
	free(kept);
	free(sc.spans);
	return 1;
}

uint32_t
doc_parts_notes(cmark_node *root)
{
	cmark_node *n;
	uint32_t k = 0;

	for (n = cmark_node_last_child(root); n != NULL &&
	    cmark_node_get_type(n) == CMARK_NODE_FOOTNOTE_DEFINITION;
	    n = cmark_node_previous(n))
		k++;
	return k;
}

void
doc_parts_sink(const struct doc_sink *sink, const struct doc *d)
{
	sink->blocks(sink->arg, d, d->nnotes > 0 ? d->notes[0].block0 :
	    UINT32_MAX);
}
