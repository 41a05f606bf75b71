/*
 * doc-post.c: the pass after the walk over the AST. It gives the headings
 * their slugs (GitHub-style anchors, unique) and the notes the references
 * and labels the walk found, and reports what --check reports: repeated
 * anchors, notes defined and never cited, links to missing anchors and
 * the limits guard.c applied. A reference to no note is reported by the
 * walk, which sees the text the parser left. The look-ups of a heading
 * by its slug and of a place by its anchor are here too, with the hash
 * of their tables and the digits of the slugs' suffixes.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "lectern/compat.h"
#include "lectern/doc.h"
#include "lectern/doc-int.h"
#include "lectern/guard.h"
#include "lectern/inert.h"
#include "lectern/mdline.h"
#include "lectern/util.h"

uint64_t
doc_hash(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0xcbf29ce484222325ULL;

	/* Four bytes a turn: the same hash, a quarter of the loop's tests. */
	for (; n >= 4; n -= 4, s += 4) {
		h = (h ^ s[0]) * 0x100000001b3ULL;
		h = (h ^ s[1]) * 0x100000001b3ULL;
		h = (h ^ s[2]) * 0x100000001b3ULL;
		h = (h ^ s[3]) * 0x100000001b3ULL;
	}
	while (n--) {
		h ^= *s++;
		h *= 0x100000001b3ULL;
	}
	return h;
}

size_t
doc_decimal(char *s, unsigned long k)
{
	char d[24];
	size_t n = 0, i;

	do
		d[n++] = (char)('0' + k % 10);
	while ((k /= 10) > 0);
	for (i = 0; i < n; i++)
		s[i] = d[n - 1 - i];
	return n;
}

/* Adds a problem at LINE, a warning when WARNING is set. */
static void
doc_post_add(struct doc_post *p, uint32_t line, int warning,
    const char *fmt, const char *arg)
{
	struct problem *pr;
	struct buf b = { 0 };
	char *msg = xasprintf(fmt, arg);

	if (warning)
		buf_add(&b, "warning: ", strlen("warning: "));
	inert_buf(&b, msg, strlen(msg), 0);
	pr = ARRAY_PUSH(p->doc->problems, p->doc->nproblems, p->cap_problems);
	pr->line = line;
	pr->msg = arena_strndup(p->doc->arena, b.data ? b.data : "", b.len);
	pr->warning = warning;
	buf_free(&b);
	free(msg);
}

void
doc_post_problem(struct doc_post *p, uint32_t line, const char *fmt,
    const char *arg)
{
	doc_post_add(p, line, 0, fmt, arg);
}

void
doc_post_warning(struct doc_post *p, uint32_t line, const char *fmt,
    const char *arg)
{
	doc_post_add(p, line, 1, fmt, arg);
}

/* The slot of KEY in S: where it is, or the free one where it would go. */
static size_t
doc_post_set_slot(const struct doc_post_set *s, const char *key)
{
	size_t i = doc_hash(key, strlen(key)) & (s->nslots - 1);

	while (s->keys[i] != NULL && strcmp(s->keys[i], key) != 0)
		i = (i + 1) & (s->nslots - 1);
	return i;
}

/* The value of KEY in S, or NULL; *FOUND: whether KEY is there. */
static const char *
doc_post_set_find(const struct doc_post_set *s, const char *key, int *found)
{
	size_t i;

	*found = 0;
	if (s->nslots == 0)
		return NULL;
	i = doc_post_set_slot(s, key);
	if (s->keys[i] == NULL)
		return NULL;
	*found = 1;
	return s->vals[i];
}

/* Adds KEY to S with VAL, unless KEY is there already. */
static void
doc_post_set_add(struct doc_post_set *s, const char *key, const char *val)
{
	char **keys = s->keys;
	const char **vals = s->vals;
	size_t i, k, old = s->nslots;

	if ((s->n + 1) * 2 > s->nslots) {
		s->nslots = old ? old * 2 : 64;
		s->keys = xcalloc(s->nslots, sizeof(*s->keys));
		s->vals = xcalloc(s->nslots, sizeof(*s->vals));
		for (k = 0; k < old; k++)
			if (keys[k] != NULL) {
				i = doc_post_set_slot(s, keys[k]);
				s->keys[i] = keys[k];
				s->vals[i] = vals[k];
			}
		free(keys);
		free(vals);
	}
	i = doc_post_set_slot(s, key);
	if (s->keys[i] != NULL)
		return;
	s->keys[i] = xstrdup(key);
	s->vals[i] = val;
	s->n++;
}

/* Frees S's keys and tables. */
static void
doc_post_set_free(struct doc_post_set *s)
{
	size_t i;

	for (i = 0; i < s->nslots; i++)
		free(s->keys[i]);
	free(s->keys);
	free(s->vals);
	memset(s, 0, sizeof(*s));
}

/* Keeps ANCHOR, which is in block BLOCK or before it, for the reader. */
static void
doc_post_place(struct doc_post *p, const char *anchor, uint32_t block)
{
	struct doc *d = p->doc;
	struct doc_anchor *a;

	a = ARRAY_PUSH(d->anchors, d->nanchors, p->cap_anchors);
	a->name = arena_strndup(d->arena, anchor, strlen(anchor));
	a->block = block;
}

void
doc_post_anchor(void *arg, const char *anchor)
{
	struct doc_post *p = arg;

	doc_post_set_add(&p->anchors, anchor, NULL);
	doc_post_place(p, anchor, p->doc->nblocks);
}

/* Is SLUG taken by a heading already? */
static int
doc_post_slug_used(struct doc_post *p, const char *slug)
{
	size_t i;
	uint32_t h;

	if (p->nslots == 0)
		return 0;
	i = doc_hash(slug, strlen(slug)) & (p->nslots - 1);
	while ((h = p->slugs[i]) != 0) {
		if (strcmp(p->doc->headings[h - 1].slug, slug) == 0)
			return 1;
		i = (i + 1) & (p->nslots - 1);
	}
	return 0;
}

/* Records heading IDX's slug as taken. */
static void
doc_post_slug_add(struct doc_post *p, uint32_t idx)
{
	size_t i, k, old = p->nslots;
	uint32_t *slots = p->slugs;

	if ((idx + 1) * 2 > p->nslots) {
		p->nslots = old ? old * 2 : 64;
		p->slugs = xcalloc(p->nslots, sizeof(uint32_t));
		for (k = 0; k < old; k++)
			if (slots[k] != 0)
				doc_post_slug_add(p, slots[k] - 1);
		free(slots);
	}
	i = doc_hash(p->doc->headings[idx].slug,
	    strlen(p->doc->headings[idx].slug)) & (p->nslots - 1);
	while (p->slugs[i] != 0)
		i = (i + 1) & (p->nslots - 1);
	p->slugs[i] = idx + 1;
}

/* The suffix record of BASE, made on first use. */
static struct doc_slug_dup *
doc_post_slug_dup(struct doc_post *p, const char *base)
{
	size_t i, k, old = p->dupslots;
	struct doc_slug_dup *slots = p->dups;

	if ((p->ndups + 1) * 2 > p->dupslots) {
		p->dupslots = old ? old * 2 : 64;
		p->dups = xcalloc(p->dupslots, sizeof(*p->dups));
		for (k = 0; k < old; k++) {
			if (slots[k].base == NULL)
				continue;
			i = doc_hash(slots[k].base, strlen(slots[k].base)) &
			    (p->dupslots - 1);
			while (p->dups[i].base != NULL)
				i = (i + 1) & (p->dupslots - 1);
			p->dups[i] = slots[k];
		}
		free(slots);
	}
	i = doc_hash(base, strlen(base)) & (p->dupslots - 1);
	while (p->dups[i].base != NULL) {
		if (strcmp(p->dups[i].base, base) == 0)
			return &p->dups[i];
		i = (i + 1) & (p->dupslots - 1);
	}
	p->dups[i].base = xstrdup(base);
	p->dups[i].last = 0;
	p->ndups++;
	return &p->dups[i];
}

/*
 * Makes a GitHub-style anchor from the text of a heading, unique among
 * those made before it: a repeated one takes "-1", "-2" ... as GitHub
 * gives it. Written in place: a character's lower case takes at most
 * twice its bytes, and a suffix at most 21.
 */
static char *
doc_post_slug(struct doc_post *p, const char *title, size_t len)
{
	const uint8_t *s = (const uint8_t *)title, *end = s + len;
	ucs4_t c;
	int n, u;
	char *b, *slug;
	size_t blen = 0, k;
	struct doc_slug_dup *d;
	uint32_t dup;

	b = xmalloc(2 * len + 24);
	while (s < end) {
		if (*s < 0x80) {
			c = *s++;
			if (isalnum((unsigned char)c) || c == '-' || c == '_')
				b[blen++] = (char)tolower((unsigned char)c);
			else if (c == ' ')
				b[blen++] = '-';
			continue;
		}
		n = u8_mbtouc(&c, s, (size_t)(end - s));
		if (uc_is_general_category(c, UC_CATEGORY_L) ||
		    uc_is_general_category(c, UC_CATEGORY_N) ||
		    uc_is_general_category(c, UC_CATEGORY_M)) {
			/* Lower case, as GitHub makes it. */
			u = u8_uctomb((uint8_t *)b + blen, uc_tolower(c), 4);
			if (u > 0)
				blen += (size_t)u;
		}
		s += n;
	}
	b[blen] = '\0';
	if (!doc_post_slug_used(p, b)) {
		slug = arena_strndup(p->doc->arena, b, blen);
		free(b);
		return slug;
	}
	d = doc_post_slug_dup(p, b);
	for (dup = d->last + 1; ; dup++) {
		b[blen] = '-';
		k = blen + 1 + doc_decimal(b + blen + 1, dup);
		b[k] = '\0';
		if (!doc_post_slug_used(p, b))
			break;
	}
	slug = arena_strndup(p->doc->arena, b, k);
	d->last = dup;
	free(b);
	return slug;
}

/*
 * Records the anchor that a title of LEN bytes at TEXT sets at its end,
 * as in "Title {#anchor}" or "{ #anchor .class }": MkDocs, Pandoc and
 * VitePress read it so.
 */
static void
doc_post_heading_id(struct doc_post *p, const char *text, size_t len,
    uint32_t block)
{
	const char *end = text + len, *s, *id;
	char *anchor;

	while (end > text && (end[-1] == ' ' || end[-1] == '\t'))
		end--;
	if (end == text || end[-1] != '}')
		return;
	for (s = end - 1; s > text && s[-1] != '{' && s[-1] != '}'; s--)
		;
	if (s == text || s[-1] != '{')
		return;
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s != '#')
		return;
	for (id = ++s; s < end - 1 && *s != ' ' && *s != '\t'; s++)
		;
	if (s == id)
		return;
	anchor = xstrndup(id, (size_t)(s - id));
	doc_post_set_add(&p->anchors, anchor, NULL);
	doc_post_place(p, anchor, block);
	free(anchor);
}

/* Gives each heading its slug, in order. */
static void
doc_post_slugs(struct doc_post *p)
{
	struct doc *d = p->doc;
	const struct block *b;
	uint32_t i;

	for (i = 0; i < d->nheadings; i++) {
		b = &d->blocks[d->headings[i].block];
		d->headings[i].slug = doc_post_slug(p, b->text, b->len);
		doc_post_slug_add(p, i);
		doc_post_heading_id(p, b->text, b->len,
		    d->headings[i].block);
	}
}

/* Notes by the line of their definition and by label, for look-ups. */
struct doc_post_notes {
	uint32_t	*byline;	/* note index + 1, or 0 */
	uint32_t	*bylabel;	/* note index + 1, or 0 */
	size_t		 nslots;	/* a power of two */
};

/* Slot hash of a line number. */
static size_t
doc_post_line_slot(uint32_t line, size_t nslots)
{
	return (size_t)(line * 2654435761u) & (nslots - 1);
}

/* Enters note I's label into X. */
static void
doc_post_index_label(struct doc_post *p, struct doc_post_notes *x,
    uint32_t i)
{
	const char *label = p->doc->notes[i].label;
	size_t k = doc_hash(label, strlen(label)) & (x->nslots - 1);

	while (x->bylabel[k] != 0)
		k = (k + 1) & (x->nslots - 1);
	x->bylabel[k] = i + 1;
}

/* Builds the index of the notes. */
static void
doc_post_index_notes(struct doc_post *p, struct doc_post_notes *x)
{
	uint32_t i;
	size_t k;

	for (x->nslots = 64; x->nslots < (size_t)p->doc->nnotes * 2;
	    x->nslots *= 2)
		;
	x->byline = xcalloc(x->nslots, sizeof(uint32_t));
	x->bylabel = xcalloc(x->nslots, sizeof(uint32_t));
	for (i = 0; i < p->doc->nnotes; i++) {
		k = doc_post_line_slot(p->doc->notes[i].src_line, x->nslots);
		while (x->byline[k] != 0)
			k = (k + 1) & (x->nslots - 1);
		x->byline[k] = i + 1;
		if (p->doc->notes[i].label != NULL)
			doc_post_index_label(p, x, i);
	}
}

/*
 * The lowest-numbered note defined on LINE or labelled LABEL, or NULL;
 * gives it LABEL when it had none.
 */
static struct note *
doc_post_find_note(struct doc_post *p, struct doc_post_notes *x,
    uint32_t line, const char *label)
{
	struct note *notes = p->doc->notes;
	uint32_t best = UINT32_MAX, i;
	size_t k;

	for (k = doc_post_line_slot(line, x->nslots); (i = x->byline[k]) != 0;
	    k = (k + 1) & (x->nslots - 1))
		if (notes[i - 1].src_line == line && i - 1 < best)
			best = i - 1;
	for (k = doc_hash(label, strlen(label)) & (x->nslots - 1);
	    (i = x->bylabel[k]) != 0; k = (k + 1) & (x->nslots - 1))
		if (strcmp(notes[i - 1].label, label) == 0 && i - 1 < best)
			best = i - 1;
	if (best == UINT32_MAX)
		return NULL;
	if (notes[best].label == NULL) {
		notes[best].label = arena_strndup(p->doc->arena, label,
		    strlen(label));
		doc_post_index_label(p, x, best);
	}
	return &notes[best];
}

/*
 * Whether every line that may define a note (it has "[^" after nothing
 * but the marks of quotes and lists, and "]:" after that) is where a
 * note the walk saw is defined, each note there with its
 * label: then no definition goes uncited and no note wants a label, and
 * the source need not be read line by line. A quick look: anything else
 * (a definition in a quote, one the parser dropped, the same text in
 * code) leaves it to doc_post_uncited's reading.
 */
static int
doc_post_all_cited(struct doc_post *p, struct doc_post_notes *x)
{
	const char *s = p->src->text, *end = s + p->src->len, *q, *bol, *eol;
	const uint64_t *off = p->src->line_off;
	size_t lo, hi, mid, k;
	uint32_t line, i;
	int seen;

	for (q = s; (q = memchr(q, '[', (size_t)(end - q))) != NULL; q++) {
		if (end - q < 2 || q[1] != '^')
			continue;
		/* Only what quotes, lists and indents put before a
		   definition may come before it on its line. */
		for (bol = q; bol > s && bol[-1] != '\n' &&
		    strchr(" \t>-*+.)0123456789", bol[-1]) != NULL; bol--)
			;
		if (bol > s && bol[-1] != '\n')
			continue;
		if ((eol = memchr(q, '\n', (size_t)(end - q))) == NULL)
			eol = end;
		if (compat_memmem(q + 2, (size_t)(eol - q - 2), "]:", 2) ==
		    NULL)
			continue;
		/* The line of Q: the last that starts at or before it. */
		for (lo = 0, hi = p->src->nlines; hi - lo > 1; ) {
			mid = lo + (hi - lo) / 2;
			if (off[mid] <= (uint64_t)(q - s))
				lo = mid;
			else
				hi = mid;
		}
		line = p->src->base_line + (uint32_t)lo + 1;
		seen = 0;
		for (k = doc_post_line_slot(line, x->nslots);
		    (i = x->byline[k]) != 0; k = (k + 1) & (x->nslots - 1)) {
			if (p->doc->notes[i - 1].src_line != line)
				continue;
			if (p->doc->notes[i - 1].label == NULL)
				return 0;
			seen = 1;
		}
		if (!seen)
			return 0;
	}
	return 1;
}

/*
 * Reports definitions that nothing cites: the parser drops them. The
 * lines are read as the parser reads the guarded text, so that nothing
 * in code or HTML blocks counts.
 */
static void
doc_post_uncited(struct doc_post *p)
{
	const char *s = p->src->text, *end = s + p->src->len, *eol;
	uint32_t line = p->src->base_line;
	struct mdline_state st;
	struct mdline ml;
	struct doc_post_notes x;
	char *label;

	doc_post_index_notes(p, &x);
	if (doc_post_all_cited(p, &x)) {
		free(x.byline);
		free(x.bylabel);
		return;
	}
	mdline_init(&st, GUARD_MAX_NEST, GUARD_MAX_COLUMNS + 1);
	for (; s < end; s = eol + 1, line++) {
		eol = memchr(s, '\n', (size_t)(end - s));
		if (eol == NULL)
			eol = end;
		mdline_next(&st, s, eol, &ml);
		if (ml.note == NULL)
			continue;
		label = xstrndup(ml.note, ml.note_len);
		if (doc_post_find_note(p, &x, line + 1, label) == NULL)
			doc_post_problem(p, line + 1,
			    "note [^%s] is defined but never cited", label);
		free(label);
	}
	free(x.byline);
	free(x.bylabel);
}

/* Gives each note its label from the source line of its definition. */
static void
doc_post_note_labels(struct doc_post *p)
{
	uint32_t i;

	for (i = 0; i < p->doc->nnotes; i++) {
		struct note *no = &p->doc->notes[i];
		uint32_t line = no->src_line - p->src->base_line;
		const char *s, *end, *q;

		no->label = NULL;
		if (line == 0 || line > p->src->nlines)
			continue;
		s = p->src->text + p->src->line_off[line - 1];
		end = p->src->text + (line < p->src->nlines ?
		    p->src->line_off[line] : p->src->len);
		while (s < end && *s == ' ')
			s++;
		if (end - s < 4 || strncmp(s, "[^", 2) != 0)
			continue;
		q = memchr(s + 2, ']', (size_t)(end - s - 2));
		if (q == NULL)
			continue;
		no->label = arena_strndup(p->doc->arena, s + 2,
		    (size_t)(q - s - 2));
	}
}

/* Attaches the references found in the walk to their notes. */
static void
doc_post_attach_refs(struct doc_post *p)
{
	struct doc *d = p->doc;
	size_t i, *cap;

	cap = xcalloc(d->nnotes ? d->nnotes : 1, sizeof(size_t));
	for (i = 0; i < p->nrefs; i++) {
		struct doc_pending_ref *pr = &p->refs[i];
		struct note *no;
		struct ref *r;

		if (pr->note >= d->nnotes)
			continue;
		no = &d->notes[pr->note];
		r = array_reserve(no->refs, &cap[pr->note], no->nrefs + 1,
		    sizeof(struct ref));
		no->refs = r;
		no->refs[no->nrefs++] = pr->ref;
	}
	/* Move the arrays into the arena so that doc_free stays simple. */
	for (i = 0; i < d->nnotes; i++) {
		struct note *no = &d->notes[i];
		struct ref *r = arena_alloc(d->arena,
		    no->nrefs * sizeof(struct ref));

		if (no->nrefs)
			memcpy(r, no->refs, no->nrefs * sizeof(struct ref));
		free(no->refs);
		no->refs = r;
	}
	free(cap);
}

char *
doc_post_unescape(const char *s)
{
	char *out, *o;
	int hi, lo;

	if (strchr(s, '%') == NULL)
		return NULL;
	out = o = xmalloc(strlen(s) + 1);
	for (; *s != '\0'; s++) {
		if (*s == '%' && (hi = hex_digit(s[1])) >= 0 &&
		    (lo = hex_digit(s[2])) >= 0) {
			*o++ = (char)(hi * 16 + lo);
			s += 2;
		} else
			*o++ = *s;
	}
	*o = '\0';
	return out;
}

/* S in lower case, full Unicode case mapping; the caller frees it. */
static char *
doc_post_fold(const char *s)
{
	size_t n = 0;
	uint8_t *l = u8_tolower((const uint8_t *)s, strlen(s), NULL, NULL,
	    NULL, &n);
	char *out;

	if (l == NULL)
		return xstrdup(s);
	out = xstrndup((const char *)l, n);
	free(l);
	return out;
}

/* Is ANCHOR, as it is, the slug of a heading or an anchor set in HTML? */
static int
doc_post_is_anchor(struct doc_post *p, const char *anchor)
{
	int found;

	if (doc_find_slug(p->doc, anchor) >= 0)
		return 1;
	doc_post_set_find(&p->anchors, anchor, &found);
	return found;
}

/*
 * Fills FOLDED, empty, with each anchor in lower case mapped to itself:
 * the slugs in order first, then the other anchors. Made only when a
 * link's anchor is not found as it is.
 */
static void
doc_post_fold_anchors(struct doc_post *p, struct doc_post_set *folded)
{
	struct doc *d = p->doc;
	size_t i;
	char *low;

	for (i = 0; i < d->nheadings; i++) {
		low = doc_post_fold(d->headings[i].slug);
		doc_post_set_add(folded, low, d->headings[i].slug);
		free(low);
	}
	for (i = 0; i < p->anchors.nslots; i++)
		if (p->anchors.keys[i] != NULL) {
			low = doc_post_fold(p->anchors.keys[i]);
			doc_post_set_add(folded, low, p->anchors.keys[i]);
			free(low);
		}
}

/*
 * Checks the link to "#FRAG" at LINE: fine when a heading or HTML sets
 * that anchor, as it is or percent-decoded, and for the top of the
 * document ("#" and "#top"); a warning when only the case differs, as
 * GitHub finds it all the same; a problem otherwise. FOLDED maps each
 * anchor in lower case to itself; *FILLED says whether it is made yet.
 */
static void
doc_post_link(struct doc_post *p, struct doc_post_set *folded, int *filled,
    uint32_t line, const char *frag)
{
	char *plain = doc_post_unescape(frag), *low, *msg;
	const char *name = plain != NULL ? plain : frag, *match;
	int found;

	if (*name == '\0' || (tolower((unsigned char)name[0]) == 't' &&
	    tolower((unsigned char)name[1]) == 'o' &&
	    tolower((unsigned char)name[2]) == 'p' && name[3] == '\0') ||
	    doc_post_is_anchor(p, frag) ||
	    (plain != NULL && doc_post_is_anchor(p, plain))) {
		free(plain);
		return;
	}
	if (!*filled) {
		doc_post_fold_anchors(p, folded);
		*filled = 1;
	}
	low = doc_post_fold(name);
	match = doc_post_set_find(folded, low, &found);
	if (found) {
		msg = xasprintf("link to anchor #%s differs in case from #%s",
		    name, match);
		doc_post_warning(p, line, "%s", msg);
		free(msg);
	} else
		doc_post_problem(p, line, "link to missing anchor #%s", frag);
	free(low);
	free(plain);
}

/*
 * Keeps the slugs' table in the document, for doc_find_slug, and reports
 * links to anchors that nothing sets.
 */
static void
doc_post_anchors(struct doc_post *p)
{
	struct doc *d = p->doc;
	struct doc_post_set folded = { 0 };
	uint32_t b, r;
	int filled = 0;

	if (p->nslots > 0) {
		d->slugs = arena_alloc(d->arena, p->nslots * sizeof(uint32_t));
		memcpy(d->slugs, p->slugs, p->nslots * sizeof(uint32_t));
		d->nslots = p->nslots;
	}
	for (b = 0; b < d->nblocks; b++)
		for (r = 0; r < d->blocks[b].nruns; r++) {
			const struct run *run = &d->blocks[b].runs[r];
			const char *url;

			if (!(run->style & ST_LINK) || run->target < 0)
				continue;
			url = d->links[run->target].url;
			if (url[0] == '#')
				doc_post_link(p, &folded, &filled,
				    d->blocks[b].src_line, url + 1);
			/* One report per link, not per run. */
			while (r + 1 < d->blocks[b].nruns &&
			    d->blocks[b].runs[r + 1].target == run->target)
				r++;
		}
	doc_post_set_free(&folded);
}

/* Sorts problems by line, stable. */
static int
doc_post_problem_cmp(const void *a, const void *b)
{
	const struct problem *x = a, *y = b;

	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x < y ? -1 : x > y;
}

void
doc_post_finish(struct doc_post *p, const struct guard_report *report,
    int dump)
{
	struct doc *d = p->doc;
	size_t i;

	if (!dump)
		doc_post_slugs(p);
	doc_post_attach_refs(p);
	doc_post_note_labels(p);
	/* A dump prints neither slugs nor problems. */
	if (dump)
		return;
	doc_post_uncited(p);
	doc_post_anchors(p);
	for (i = 0; i < GUARD_NLIMITS; i++)
		if (report->count[i] > 0)
			doc_post_problem(p, report->line[i] +
			    p->src->base_line, "%s",
			    guard_message((enum guard_limit)i));
	if (d->nproblems > 1)
		qsort(d->problems, d->nproblems, sizeof(struct problem),
		    doc_post_problem_cmp);
}

void
doc_post_free(struct doc_post *p)
{
	size_t i;

	free(p->refs);
	free(p->slugs);
	for (i = 0; i < p->dupslots; i++)
		free(p->dups[i].base);
	free(p->dups);
	doc_post_set_free(&p->anchors);
}

/* The heading whose slug is exactly SLUG, or -1. */
static int32_t
doc_slug_lookup(const struct doc *d, const char *slug)
{
	size_t i;
	uint32_t h;

	if (d->nslots == 0)
		return -1;
	for (i = doc_hash(slug, strlen(slug)) & (d->nslots - 1);
	    (h = d->slugs[i]) != 0; i = (i + 1) & (d->nslots - 1))
		if (strcmp(d->headings[h - 1].slug, slug) == 0)
			return (int32_t)(h - 1);
	return -1;
}

int32_t
doc_find_slug(const struct doc *d, const char *slug)
{
	char *plain;
	int32_t found = doc_slug_lookup(d, slug);

	/*
	 * "#%E4%B8%AD" for "#中": a link may escape its anchor. Decoded
	 * once only: a '%' that stays a '%' must not be looked up forever.
	 */
	if (found >= 0 || (plain = doc_post_unescape(slug)) == NULL)
		return found;
	found = doc_slug_lookup(d, plain);
	free(plain);
	return found;
}

int64_t
doc_find_anchor(const struct doc *d, const char *name)
{
	int32_t h = doc_find_slug(d, name);
	char *plain;
	uint32_t i;
	int64_t found = -1;

	if (h >= 0)
		return d->headings[h].block;
	for (i = 0; i < d->nanchors && found < 0; i++)
		if (strcmp(d->anchors[i].name, name) == 0)
			found = d->anchors[i].block;
	if (found < 0 && (plain = doc_post_unescape(name)) != NULL) {
		for (i = 0; i < d->nanchors && found < 0; i++)
			if (strcmp(d->anchors[i].name, plain) == 0)
				found = d->anchors[i].block;
		free(plain);
	}
	/* Set after the last block of the body: its end. */
	if (found == (int64_t)d->nbody)
		found = (int64_t)d->nbody - 1;
	return found < (int64_t)d->nbody ? found : -1;
}
