#!/usr/bin/env python3
"""Checks that lectern's --dump keeps the text of real documents.

For each FILE, cmark-gfm (the reference parser, run once per file) gives
the document tree as XML; lectern --dump -w W (run once per file and
width, with colour only to tell link numbers from text, then without it)
gives the laid-out text. Every piece of text in the tree
must survive in the dump, in order:

  lost          a text, code, alt-text or HTML-text piece is not in the
                dump (compared with all whitespace removed on both sides,
                so line breaking does not matter)
  front-matter  a value of the YAML (---) or TOML (+++) front matter is
                not in the dump
  glued         two pieces that a block boundary, a line break or an HTML
                block-level tag separates came out as one word: an ASCII
                word character on each side with nothing between them
  cut           a code line is not whole: the dump has its start and then
                the '>' that marks a cut

Decorations of the dump (quote bars and table rules '│', the fold marker
'↪', list bullets, footnote and link numbers, heading underlines) are
never needed: they are removed or they only stand between pieces.

Output is TAP, one line per file and width. A failure listed in the
known-failures file (file, width, kind, first text) is printed as
"not ok ... # TODO known: ..." and does not fail the run.

usage: check.py [--lectern BIN] [--cmark BIN] [--widths 20,40,80]
                [--known FILE] [--update-known] [--self-test FILE]
                [--verbose] FILE...
"""
import argparse
import bisect
import html.parser
import os
import re
import subprocess
import sys
import time
import xml.etree.ElementTree as ET

CMARK_ARGS = ["--to", "xml", "--unsafe", "-e", "table", "-e", "strikethrough",
              "-e", "tasklist", "-e", "autolink", "-e", "footnotes"]
KINDS = ("lost", "front-matter", "glued", "cut")
DECOR = set("│↪")                       # never needed in the expected text
WORD = re.compile(r"[A-Za-z0-9_]")
NONWORD = re.compile(r"[^\w]")
ALERT = re.compile(r"\[!(NOTE|TIP|IMPORTANT|WARNING|CAUTION)\]\s*$", re.I)
# C0 controls other than tab, newline and return are not allowed in XML;
# cmark-gfm writes them as they are.
CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What squeeze drops, as runs.
DROPPED = re.compile("(?:\\s|[│↪\x00-\x08\x0b\x0c\x0e-\x1f\x7f])+")

# HTML tags that end a run of text: what comes after is not the same word.
BREAKING = set("""address article aside blockquote body br caption center col
colgroup dd details dialog dir div dl dt fieldset figcaption figure footer
form frame frameset h1 h2 h3 h4 h5 h6 head header hgroup hr html iframe
legend li link main menu menuitem meta nav noframes ol optgroup option p
param pre section source summary table tbody td tfoot th thead title tr
track ul""".split())
SKIPPED = {"script", "style"}           # their content is never text


def squeeze(s):
    """S without whitespace, decorations and control characters."""
    return DROPPED.sub("", s)


def short(s, n=60):
    s = " ".join(s.split())
    return s if len(s) <= n else s[:n - 1] + "…"


# --- Front matter ------------------------------------------------------------

def split_front_matter(text):
    """(front matter lines, kind, body) for YAML between '---' lines at the
    very top (closed by '---' or '...', as lectern reads it) or TOML between
    '+++' lines; (None, None, text) when there is none."""
    for fence, kind, ends in (("---", "yaml", ("---", "...")),
                              ("+++", "toml", ("+++",))):
        if not text.startswith(fence + "\n"):
            continue
        lines = text.split("\n")
        for i in range(1, len(lines)):
            if lines[i] in ends:
                return lines[1:i], kind, "\n".join(lines[i + 1:])
        return None, None, text
    return None, None, text


def unquote(v):
    v = v.strip()
    if len(v) >= 2 and v[0] == v[-1] == '"':
        return v[1:-1].replace('\\"', '"').replace("\\\\", "\\")
    if len(v) >= 2 and v[0] == v[-1] == "'":
        return v[1:-1].replace("''", "'")
    return v


def flow_items(v):
    """Items of a flow sequence "[a, 'b', "c"]", or [v]."""
    v = v.strip()
    if v.startswith("[") and v.endswith("]"):
        return [unquote(x) for x in re.findall(
            r'"(?:[^"\\]|\\.)*"|\'[^\']*\'|[^,\[\]]+', v[1:-1])]
    return [unquote(v)]


def front_matter_values(lines, kind):
    """The scalar values of the front matter, in order."""
    values = []
    block = None                    # indent of a block scalar's key
    for line in lines:
        if block is not None:
            ind = len(line) - len(line.lstrip(" "))
            if not line.strip() or ind > block:
                if line.strip():
                    values.append(line.strip())
                continue
            block = None
        s = line.strip()
        if not s or s.startswith("#"):
            continue
        if kind == "toml":
            if s.startswith("["):
                continue            # a table header
            m = re.match(r'("[^"]*"|[^=]+?)\s*=\s*(.*)$', s)
            if m:
                values.extend(flow_items(m.group(2)))
            else:
                values.extend(flow_items(s))  # an array's next line
            continue
        ind = len(line) - len(line.lstrip(" "))
        while s.startswith("- ") or s == "-":
            s = s[2:].lstrip()
        m = re.match(r"""("[^"]*"|'[^']*'|[^\s:"'][^:]*?)\s*:(?:\s+|$)(.*)$""",
                     s)
        v = m.group(2) if m else s
        v = re.sub(r"\s+#.*$", "", v) if not v.startswith(("'", '"')) else v
        if v in ("|", ">", "|-", ">-", "|+", ">+"):
            block = ind
            continue
        if v:
            values.extend(flow_items(v))
    return [v for v in values if squeeze(v)]


# --- The reference tree ------------------------------------------------------

class Piece:
    """A run of text that must survive whole."""
    __slots__ = ("text", "kind", "brk", "where")

    def __init__(self, text, kind, brk, where):
        self.text, self.kind, self.brk, self.where = text, kind, brk, where


class CodeBlock:
    """A code block: its lines, each to be found whole on a line of its
    own (or folded over lines that follow each other); its label, the
    first word of its info string, may end its first line."""

    def __init__(self, lines, label=""):
        self.lines = lines
        self.label = label


class Table:
    """A table: header cells and rows of cells, each a list of pieces."""

    def __init__(self):
        self.header = []
        self.rows = []


class HTMLText(html.parser.HTMLParser):
    """The text of an HTML block: runs between tags, entities decoded, no
    comments, scripts or styles; a run ends at a BREAKING tag. A table is
    a Table, as lectern lays it out: its rows (those of a table inside
    it are text of its cells), the first the header, a cell spanning
    columns followed by empty ones. Rows that a blank line cut from
    their <table> are a table of their own. A <pre> is a CodeBlock; an
    image's alt text is a piece of its own, where lectern shows it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.runs = []              # (text, starts after a break) or Table
        self.cur = []
        self.brk = True
        self.skip = 0
        self.rows = None            # rows of the table being read
        self.cell = None            # pieces of the cell being read
        self.depth = 0              # tables open in it
        self.pre = None             # text of the <pre> being read
        self.caption = False        # in a <caption>
        self.held = []              # per column: rows a cell above
                                    # still spans

    def flush(self):
        t = "".join(self.cur)
        if squeeze(t):
            if self.rows is not None and self.cell is not None:
                self.cell.append(Piece(t, "html", self.brk, "table_cell"))
            elif self.rows is not None and self.caption:
                self.runs.append((t, self.brk))     # before the table
            else:
                self.runs.append((t, self.brk))
            self.brk = False
        self.cur = []

    def end_table(self):
        self.flush()
        self.end_row()
        rows, self.rows, self.depth = self.rows, None, 0
        self.cell = None
        if any(p for row in rows for cell in row for p in cell):
            ncols = max(len(row) for row in rows)
            for row in rows:
                row.extend([] for _ in range(ncols - len(row)))
            t = Table()
            t.header, t.rows = rows[0], rows[1:]
            self.runs.append(t)
        self.brk = True

    @staticmethod
    def span(attrs, name):
        """A cell's colspan or rowspan, 1 to 64."""
        v = dict(attrs).get(name) or "1"
        return min(max(int(v) if v.isdigit() else 1, 1), 64)

    def skip_held(self, row, end):
        """Empty cells where a cell of a row above spans into ROW (as
        HTML places them); at the row's END, every held column past a
        free one counts this row off too."""
        k = len(row)
        while k < len(self.held):
            if self.held[k] == 0:
                if not end:
                    break
                k += 1
                continue
            self.held[k] -= 1
            while len(row) <= k:
                row.append([])
            k += 1

    def end_row(self):
        if self.rows:
            self.skip_held(self.rows[-1], True)

    def table_tag(self, tag, attrs):
        """A start tag of a table's structure; whether it was one."""
        if tag == "table" and self.rows is not None:
            self.depth += 1
            return False
        if self.depth > 0:
            return False
        if tag == "caption" and self.rows is not None:
            self.flush()
            self.cell, self.caption, self.brk = None, True, True
            return True
        if tag == "table" or (self.rows is None and
                              tag in ("tr", "td", "th")):
            self.flush()
            self.rows, self.depth, self.held = [], 0, []
        if tag == "tr" or (tag in ("td", "th") and not self.rows):
            self.flush()
            self.end_row()
            self.rows.append([])
            self.cell = None
        if tag in ("td", "th"):
            self.flush()
            row = self.rows[-1]
            self.skip_held(row, False)
            span = self.span(attrs, "colspan")
            down = self.span(attrs, "rowspan")
            self.cell = []
            self.held.extend(0 for _ in range(len(row) + span -
                                               len(self.held)))
            for k in range(len(row), len(row) + span):
                self.held[k] = max(self.held[k], down - 1)
            row.append(self.cell)
            for _ in range(span - 1):
                row.append([])
            self.brk = True
        return tag in ("table", "tr", "td", "th")

    def handle_starttag(self, tag, attrs):
        if tag in SKIPPED:
            self.skip += 1
        if tag == "pre" and self.rows is None and self.pre is None:
            self.flush()
            self.pre = []
            return
        if tag == "img" and squeeze(dict(attrs).get("alt") or ""):
            self.flush()
            self.cur = [dict(attrs)["alt"]]
            self.flush()
        if self.table_tag(tag, attrs):
            return
        if tag in BREAKING or tag in SKIPPED:
            self.flush()
            self.brk = True

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag):
        if tag in SKIPPED and self.skip:
            self.skip -= 1
        if tag == "pre" and self.pre is not None:
            text = "".join(self.pre)
            if text.startswith("\n"):
                text = text[1:]         # as HTML reads a <pre>
            lines = text.split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            if any(squeeze(line) for line in lines):
                self.runs.append(CodeBlock(lines))
            self.pre = None
            self.brk = True
            return
        if tag == "caption" and self.caption:
            self.flush()
            self.caption, self.brk = False, True
            return
        if tag == "table" and self.rows is not None:
            if self.depth == 0:
                self.end_table()
                return
            self.depth -= 1
        if tag in BREAKING or tag in SKIPPED:
            self.flush()
            self.brk = True

    def handle_data(self, data):
        if self.pre is not None:
            self.pre.append(data)
        elif not self.skip:
            self.cur.append(data)

    def close(self):
        super().close()
        if self.rows is not None:
            self.end_table()
        self.flush()


def html_runs(raw):
    p = HTMLText()
    p.feed(raw)
    p.close()
    return p.runs


def inline_tag_breaks(raw):
    """Whether an inline HTML node is a tag that separates words (<br>)."""
    m = re.match(r"</?([A-Za-z][A-Za-z0-9-]*)", raw)
    return bool(m) and m.group(1).lower() in BREAKING


BLOCKS = {"document", "block_quote", "list", "item", "tasklist", "paragraph",
          "heading", "code_block", "html_block", "thematic_break",
          "footnote_definition", "custom_block", "table", "table_header",
          "table_row", "table_cell"}


def parse_xml(xml_text):
    """The XML of cmark-gfm 0.29.0.gfm.6 as a tree. Its XML writer has no
    name for footnotes and writes "<<unknown> />" for a reference and
    "<<unknown>>" ... "</<unknown>>" for a definition, which no XML parser
    reads: they are renamed here."""
    xml_text = xml_text.replace("<<unknown> />", "<footnote_reference />")
    xml_text = xml_text.replace("</<unknown>>", "</footnote_definition>")
    xml_text = xml_text.replace("<<unknown>>", "<footnote_definition>")
    xml_text = CONTROLS.sub("", xml_text)
    root = ET.fromstring(xml_text)
    for e in root.iter():
        if "}" in e.tag:
            e.tag = e.tag.split("}", 1)[1]
    return root


def expected(root):
    """The document as a list of Piece, CodeBlock and Table, in reading
    order."""
    out = []
    state = {"brk": True}

    def emit(dest, text, kind, where):
        if squeeze(text):
            dest.append(Piece(text, kind, state["brk"], where))
            state["brk"] = False

    def walk(e, dest, where):
        tag = e.tag
        if tag in ("text", "code"):
            emit(dest, e.text or "", tag, where)
            return
        if tag in ("softbreak", "linebreak"):
            state["brk"] = True
            return
        if tag == "html_inline":
            if inline_tag_breaks(e.text or ""):
                state["brk"] = True
            return
        if tag == "code_block":
            lines = (e.text or "").split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            if any(squeeze(line) for line in lines):
                info = (e.get("info") or "").split()
                dest.append(CodeBlock(lines, squeeze(info[0]) if info
                                      else ""))
            state["brk"] = True
            return
        if tag == "html_block":
            state["brk"] = True
            for run in html_runs(e.text or ""):
                if isinstance(run, (Table, CodeBlock)):
                    dest.append(run)
                    state["brk"] = True
                    continue
                text, brk = run
                state["brk"] = state["brk"] or brk
                emit(dest, text, "html", "html_block")
            state["brk"] = True
            return
        if tag == "table":
            state["brk"] = True
            t = Table()
            for part in e:
                cells = []
                for cell in part:
                    pieces = []
                    state["brk"] = True
                    for c in cell:
                        walk(c, pieces, "table_cell")
                    cells.append(pieces)
                if part.tag == "table_header":
                    t.header = cells
                else:
                    t.rows.append(cells)
            dest.append(t)
            state["brk"] = True
            return
        block = tag in BLOCKS
        if block:
            state["brk"] = True
        inner = "block_quote" if tag == "block_quote" else where
        for c in e:
            walk(c, dest, inner)
        if block:
            state["brk"] = True

    # A GitHub alert marker is the first text of a block quote's first
    # paragraph: lectern shows it as its label, a word ("[!NOTE]" reads
    # "Note"), and that word must be there.
    for bq in root.iter("block_quote"):
        first = next(iter(bq), None)
        if first is not None and first.tag == "paragraph":
            t = next(iter(first), None)
            m = ALERT.match(t.text or "") if t is not None and \
                t.tag == "text" else None
            if m:
                t.text = m.group(1).capitalize()
    walk(root, out, "document")
    return out


# --- The dump ----------------------------------------------------------------

class Dump:
    """The dump as a squeezed string D with, for each character of D, its
    index in the raw text; its lines, raw and squeezed; its grid tables."""

    def __init__(self, raw):
        self.raw = raw
        self.lines = raw.split("\n")
        self.D = squeeze(raw)
        where, at = [], 0               # raw index of each character of D
        for m in DROPPED.finditer(raw):
            where.extend(range(at, m.start()))
            at = m.end()
        where.extend(range(at, len(raw)))
        self.where = where
        self.line_off, off = [], 0
        for line in self.lines:
            self.line_off.append(off)
            off += len(line) + 1
        # D index of each line's start, and of the end
        self.starts = [bisect.bisect_left(where, o) for o in self.line_off]
        self.starts.append(len(self.D))
        self.sq = [squeeze(line) for line in self.lines]
        self.grids = self.find_grids()

    def line_at(self, d):
        """The line of D index d."""
        lo, hi = 0, len(self.lines) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.starts[mid] <= d:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def near(self, d, before=1, after=2):
        i = self.line_at(min(d, max(len(self.D) - 1, 0)))
        a, b = max(0, i - before), min(len(self.lines), i + after + 1)
        return ["%d: %s" % (k + 1, self.lines[k]) for k in range(a, b)]

    def near_line(self, i):
        return ["%d: %s" % (i + 1, self.lines[i])] if i < len(self.lines) \
            else []

    def find_grids(self):
        """Grid tables: a rule line "───┼───" under the header lines, rows
        below, every line with the same number of '│' after the same
        prefix of quote bars and indent."""
        grids = []
        rule = re.compile(r"^([ │]*)(─+(?:┼─+)+)\s*$")
        for i, line in enumerate(self.lines):
            m = rule.match(line)
            if not m:
                continue
            plen = len(m.group(1))
            ncol = m.group(2).count("┼") + 1

            def cells(k):
                if k < 0 or k >= len(self.lines):
                    return None
                s = self.lines[k]
                if (len(s) < plen or s[:plen].strip(" │") or
                        not s[plen:].strip()):
                    return None
                parts = s[plen:].split("│")
                return parts if len(parts) == ncol else None

            top = i
            while cells(top - 1) is not None:
                top -= 1
            bottom = i + 1
            while cells(bottom) is not None:
                bottom += 1
            if top == i:
                continue
            grids.append({
                "start": self.starts[top], "end": self.starts[bottom],
                "first": top,
                "header": [cells(k) for k in range(top, i)],
                "body": [(k, cells(k)) for k in range(i + 1, bottom)],
                "plen": plen})
        return grids


# --- Matching ----------------------------------------------------------------

class Result:
    def __init__(self):
        self.first = {}                 # kind -> (text, detail lines)
        self.count = {k: 0 for k in KINDS}

    def add(self, kind, text, detail):
        self.count[kind] += 1
        if kind not in self.first:
            self.first[kind] = (short(text), detail)


def window(needle):
    """How far after the last match a piece may be."""
    return 2000 + 4 * len(needle)


class Matcher:
    def __init__(self, dump, res):
        self.d = dump
        self.res = res
        self.spans = []                 # the parts of D that pieces took

    def glued(self, a_end, b_start):
        """Whether D[a_end-1] and D[b_start] touch in the raw dump."""
        if b_start != a_end or a_end == 0:
            return False
        w = self.d.where
        return not NONWORD.search(self.d.raw, w[a_end - 1] + 1, w[b_start])

    def run(self, items, D=None, pos=0, context=()):
        """Matches ITEMS in order in D (the dump's, unless given: then
        CONTEXT is the dump's lines to show) from POS; returns the position
        after the last match."""
        top = D is None
        if top:
            D = self.d.D
        prev = None                     # (piece, end in D)
        brk = False
        for it in items:
            if isinstance(it, Table):
                pos = self.table(it, pos)
                prev, brk = None, False
                continue
            if isinstance(it, CodeBlock):
                pos = self.code(it, pos)
                prev, brk = None, False
                continue
            needle = squeeze(it.text)
            brk = brk or it.brk
            if not needle:
                continue
            idx = D.find(needle, pos, pos + window(needle))
            if idx < 0:
                detail = self.d.near(pos) if top else list(context)
                self.res.add("lost", it.text,
                             ["%s in %s" % (it.kind, it.where)] + detail)
                prev, brk = None, False
                continue
            sep = brk or (prev and (prev[0].text[-1:].isspace() or
                                    it.text[:1].isspace()))
            if (prev and sep and top and
                    WORD.match(prev[0].text.rstrip()[-1:] or " ") and
                    WORD.match(it.text.lstrip()[:1] or " ") and
                    self.glued(prev[1], idx)):
                self.res.add("glued", short(prev[0].text, 30) + " | " +
                             short(it.text, 30), self.d.near(idx, 0, 0))
            if top:
                self.inner_glue(it.text, idx)
            pos = idx + len(needle)
            if top:
                self.spans.append((idx, pos))
            prev, brk = (it, pos), False
        return pos

    def inner_glue(self, text, idx):
        """Words that whitespace separates inside TEXT stay apart in the
        dump (TEXT was found at IDX of D)."""
        w, raw = self.d.where, self.d.raw
        removed = 0
        for m in DROPPED.finditer(text):
            removed += m.end() - m.start()
            a, b = m.start(), m.end()
            if (a and b < len(text) and m.group().strip() == "" and
                    WORD.match(text[a - 1]) and WORD.match(text[b])):
                k = b - removed                 # index in the needle
                if not NONWORD.search(raw, w[idx + k - 1] + 1, w[idx + k]):
                    self.res.add("glued", short(text, 60),
                                 self.d.near(idx + k, 0, 0))
                    return

    def line_is(self, src, j, label=""):
        """How source line SRC stands on dump line J: ("ok", lines taken),
        ("cut", 1), or (None, 0). LABEL may end dump line J."""
        s, sq = src, self.d.sq
        t = sq[j] if j < len(sq) else None
        if t is None:
            return None, 0
        if label and t.endswith(label) and s == t[:-len(label)]:
            return "ok", 1
        if s == t:
            return "ok", 1
        cut = t.endswith(">") and s.startswith(t[:-1])
        if t and s.startswith(t):         # folded over the next lines
            acc, k = t, j + 1             # (a fold of blanks squeezes to "")
            while k < len(sq) and (sq[k] or "↪" in self.d.lines[k]) and \
                    s.startswith(acc + sq[k]):
                acc += sq[k]
                k += 1
                if acc == s:
                    return "ok", k - j
            if k < len(sq) and sq[k].endswith(">") and \
                    s.startswith(acc + sq[k][:-1]):
                return "cut", k + 1 - j
        if cut:                           # a line that ends in '>' folds
            return "cut", 1
        return None, 0

    def code(self, block, pos):
        """Code keeps its lines: each source line is one dump line (or
        folds over the lines after it), never cut ('>' at the end)."""
        src = [squeeze(line) for line in block.lines]
        first = self.d.line_at(pos)
        last = self.d.line_at(min(len(self.d.D), pos + window("") +
                                  sum(len(x) for x in src)))
        anchor = None
        label = block.label if src and src[0] else ""
        for i in [k for k, x in enumerate(src) if x][:3]:
            for j in range(first, last + 1):
                how, _ = self.line_is(src[i], j, label if i == 0 else "")
                if how == "ok" or (how == "cut" and len(self.d.sq[j]) > 1):
                    anchor = j - sum(1 for x in src[:i] if x)
                    break
            if anchor is not None:
                break
        if anchor is None:
            i = next(k for k, x in enumerate(src) if x)
            self.res.add("lost", block.lines[i],
                         ["code line in code_block"] + self.d.near(pos))
            return pos
        j = max(anchor, first)
        for i, s in enumerate(src):
            while j < len(self.d.sq) and not self.d.sq[j] and s:
                j += 1                   # a blank line of the dump
            if not s:
                if j < len(self.d.sq) and self.d.sq[j] == "":
                    j += 1
                elif j < len(self.d.sq) and self.d.sq[j] == ">":
                    self.res.add("cut", block.lines[i], self.d.near_line(j))
                    j += 1
                continue
            how, n = self.line_is(s, j, label if i == 0 else "")
            if how is None:              # lines the dump has and we do not
                for k in range(j + 1, min(j + 4, len(self.d.sq))):
                    how, n = self.line_is(s, k, label if i == 0 else "")
                    if how:
                        j = k
                        break
            if how is None:
                self.res.add("lost", block.lines[i],
                             ["code line in code_block"] +
                             self.d.near_line(j))
                continue
            if how == "cut":
                self.res.add("cut", block.lines[i], self.d.near_line(j))
            self.spans.append((self.d.starts[j],
                               self.d.starts[min(j + n, len(self.d.lines))]))
            j += n
        return self.d.starts[min(j, len(self.d.lines))]

    def table(self, t, pos):
        """A table is laid out as a grid (cells wrap in their column) or
        stacked ("Header: value" per cell); each has its own order."""
        def text(pieces):
            return "".join(squeeze(p.text) for p in pieces)

        heads = [text(c) for c in t.header]
        grid = None
        for g in self.d.grids:
            if g["start"] < pos:
                continue
            if g["start"] > pos + window("") + 200 * len(heads):
                break
            cols = ["".join(squeeze(line[c]) for line in g["header"])
                    for c in range(len(g["header"][0]))]
            if cols == heads:
                grid = g
            break
        # Stacked: header then value, cell by cell, row after row.
        order = []
        for row in t.rows or [[]]:
            for c, head in enumerate(t.header):
                order.extend(head)
                if c < len(row):
                    order.extend(row[c])
        # A grid of the same header further on may be another table: the
        # grid is this one when it starts before this table's first text.
        first = next((squeeze(p.text) for p in order if squeeze(p.text)), "")
        start = self.d.D.find(first, pos, pos + window(first)) if first else -1
        if grid and (start < 0 or grid["start"] <= start):
            return self.grid(t, grid)
        return self.run(order, pos=pos)

    def grid(self, t, g):
        """Each column's cells, row after row, in the text of that column."""
        ncol = len(g["header"][0])
        first = self.d.line_at(g["start"])
        context = ["%d: %s" % (k + 1, self.d.lines[k])
                   for k in range(first, min(first + 4, len(self.d.lines)))]
        for c in range(ncol):
            head = "".join(squeeze(line[c]) for line in g["header"])
            col = "".join(squeeze(cells[c]) for _, cells in g["body"])
            want = [p for row in t.rows if c < len(row) for p in row[c]]
            sub = Matcher(self.d, self.res)
            sub.run([p for p in (t.header[c] if c < len(t.header) else [])],
                    D=head, context=context)
            sub.run(want, D=col, context=context)
        self.spans.append((g["start"], g["end"]))
        return g["end"]


def check_dump(items, fm_values, raw):
    d = Dump(raw)
    res = Result()
    m = Matcher(d, res)
    m.run(items)
    # A front matter value may be anywhere, but not only inside the text
    # of the body (a value "deep" is not shown by the word "deep" in a
    # paragraph): one of its places must have some text that no piece of
    # the body took.
    merged = []
    for a, b in sorted(m.spans):
        if merged and a <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], b)
        else:
            merged.append([a, b])
    starts = [a for a, _ in merged]

    def covered(a, b):
        i = bisect.bisect_right(starts, a) - 1
        return i >= 0 and merged[i][1] >= b

    for v in fm_values:
        needle, at, shown = squeeze(v), 0, False
        for _ in range(1000):
            at = d.D.find(needle, at)
            if at < 0:
                break
            if not covered(at, at + len(needle)):
                shown = True
                break
            at += 1
        if not shown:
            res.add("front-matter", v, d.near(0, 0, 3))
    return res


# --- Running -----------------------------------------------------------------

def reference(path, cmark):
    """(items, front matter values) of the file at PATH."""
    # As lectern reads it: bytes, no newline translation.
    with open(path, encoding="utf-8", errors="replace", newline="") as f:
        text = f.read()
    fm, kind, body = split_front_matter(text)
    values = front_matter_values(fm, kind) if fm is not None else []
    xml = subprocess.run([cmark] + CMARK_ARGS, input=body.encode("utf-8"),
                         stdout=subprocess.PIPE, check=True).stdout
    return expected(parse_xml(xml.decode("utf-8", "replace"))), values


# A link's number as the dump colours it (blue, not underlined: in a
# heading, a quote or a table's header too), and any colour.
LINKNUM = re.compile("\x1b\\[0(?:;1;36|;1)?;34(?:;2)?(?:;1)?m\\[[0-9]+\\]"
                     "\x1b\\[0m")
SGR = re.compile("\x1b\\[[0-9;]*m")
TRAILING = re.compile("[ ]+$", re.M)


def uncolor(raw):
    """The dump RAW made with --color=always as --color=never makes it,
    less the numbers of links: they may stand inside a piece of text."""
    return TRAILING.sub("", SGR.sub("", LINKNUM.sub("", raw)))


def dump(lectern, path, width):
    env = dict(os.environ, LC_ALL="C.UTF-8")
    p = subprocess.run([lectern, "--dump", "--color=always", "-w",
                        str(width), path], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, env=env, timeout=60)
    return p.returncode, uncolor(p.stdout.decode("utf-8", "replace")), \
        p.stderr.decode("utf-8", "replace")


def read_known(path):
    known = {}
    if not path or not os.path.exists(path):
        return known
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) >= 3:
                known[(parts[0], parts[1], parts[2])] = \
                    parts[3] if len(parts) > 3 else ""
    return known


KNOWN_HEAD = """\
# Known failures of tests/corpus: lectern loses or mangles these today.
# One line each: file<TAB>width<TAB>kind<TAB>first text that fails.
# A failure of a listed file, width and kind is reported as TAP TODO and
# does not fail the suite; delete the line when the feature lands.
# Regenerate with: python3 tests/corpus/check.py --update-known \\
#   --known tests/corpus/known-failures.txt tests/corpus/docs/*.md
"""


def tap_escape(s):
    return s.replace("\\", "\\\\").replace("#", "\\#")


def self_test(args, path, n):
    """Drops a line of text from a dump and checks that it is caught."""
    items, values = reference(path, args.cmark)
    rc, raw, _ = dump(args.lectern, path, 80)
    name = os.path.basename(path)
    lines = raw.split("\n")
    base = check_dump(items, values, raw)
    cands = [i for i, l in enumerate(lines)
             if len(squeeze(l)) >= 20 and "│" not in l and "─" not in l]
    if rc != 0 or not cands:
        print("not ok %d - corpus: self-test on %s has no line to drop"
              % (n, name))
        return False
    i = cands[len(cands) // 2]
    broken = "\n".join(lines[:i] + lines[i + 1:])
    res = check_dump(items, values, broken)
    caught = res.count["lost"] > base.count["lost"]
    what = "self-test: line %d of the dump of %s at 80 dropped" % (i + 1,
                                                                    name)
    if caught:
        print('ok %d - corpus: %s is caught: lost "%s"' % (n, what,
              tap_escape(short(res.first["lost"][0], 40))))
    else:
        print("not ok %d - corpus: %s" % (n, what))
        print("#   dropped: " + lines[i])
    return caught


def report(n, what, key, res, known, verbose):
    """Prints the TAP line of one document at one width; returns whether
    it failed in a way that is not known, and its lines for the list of
    known failures."""
    todo, fresh, lines = [], [], []
    for k in KINDS:
        if k not in res.first:
            continue
        text, detail = res.first[k]
        lines.append("%s\t%s\t%s\t%s" % (key[0], key[1], k, text))
        desc = '%s %d, first "%s"' % (k, res.count[k], text)
        (todo if key + (k,) in known else fresh).append((desc, detail))
    gone = [k for k in KINDS if key + (k,) in known and k not in res.first]
    if not todo and not fresh:
        print("ok %d - corpus: %s" % (n, what))
    elif fresh:
        print("not ok %d - corpus: %s: %s" % (n, what, tap_escape("; ".join(
            d for d, _ in fresh + [("known: " + d, x) for d, x in todo]))))
    else:
        print("not ok %d - corpus: %s # TODO known: %s" % (
            n, what, tap_escape("; ".join(d for d, _ in todo))))
    for desc, detail in fresh + (todo if verbose else []):
        print("#   " + desc)
        for line in detail[:6]:
            print("#     " + line)
    for k in gone:
        print("#   the known %s failure is gone: delete its line from "
              "known-failures.txt" % k)
    return bool(fresh), lines


def main():
    ap = argparse.ArgumentParser(usage=__doc__)
    ap.add_argument("--lectern",
                    default=os.environ.get("LECTERN", "./lectern"))
    ap.add_argument("--cmark", default="cmark-gfm")
    ap.add_argument("--widths", default="20,40,80")
    ap.add_argument("--known")
    ap.add_argument("--update-known", action="store_true")
    ap.add_argument("--self-test")
    ap.add_argument("--verbose", action="store_true")
    ap.add_argument("files", nargs="*")
    args = ap.parse_args()
    widths = [int(w) for w in args.widths.split(",")]
    known = read_known(args.known)
    n = unexpected = 0
    new_known = []
    totals = {k: 0 for k in KINDS}
    t0 = time.time()
    for path in args.files:
        name = os.path.basename(path)
        try:
            items, values = reference(path, args.cmark)
        except (subprocess.CalledProcessError, ET.ParseError) as e:
            n += 1
            unexpected += 1
            print("not ok %d - corpus: %s: cmark-gfm's XML: %s" % (n, name, e))
            continue
        for w in widths:
            n += 1
            what = "%s at %d" % (name, w)
            rc, raw, err = dump(args.lectern, path, w)
            if rc != 0:
                unexpected += 1
                print("not ok %d - corpus: %s: lectern exits %d"
                      % (n, what, rc))
                for line in err.splitlines()[:5]:
                    print("#   " + line)
                continue
            res = check_dump(items, values, raw)
            for k in KINDS:
                totals[k] += res.count[k]
            bad, lines = report(n, what, (name, str(w)), res, known,
                                args.verbose)
            unexpected += bad
            new_known.extend(lines)
    if args.self_test:
        n += 1
        if not self_test(args, args.self_test, n):
            unexpected += 1
    print("# %d files x %d widths in %.1fs; lost %d, front-matter %d, "
          "glued %d, cut %d" % (len(args.files), len(widths), time.time() - t0,
                                totals["lost"], totals["front-matter"],
                                totals["glued"], totals["cut"]))
    if args.update_known and args.known:
        with open(args.known, "w", encoding="utf-8") as f:
            f.write(KNOWN_HEAD)
            for line in new_known:
                f.write(line + "\n")
        print("# wrote %d known failures to %s" % (len(new_known), args.known))
        return 0
    return 1 if unexpected else 0


if __name__ == "__main__":
    sys.exit(main())
