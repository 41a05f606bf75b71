#!/usr/bin/env python3
"""Writes a book for the benchmark of books (book.sh): FILES Markdown
documents of about BYTES in all under DIR, with a SUMMARY.md.

Each document is one made by the corpus generator (build/bench/gen) with
a seed of its own: mixed Chinese and English prose, lists, tables, code,
quotes and footnotes, every definition at the end of its document. Sizes
vary from a half to one and a half times the mean, and the total is
steered towards BYTES as the documents are written.

The book has parts of a README.md and chapters in sections, one
directory a part and one below it a section:

  DIR/SUMMARY.md
  DIR/part-01/README.md
  DIR/part-01/section-1/chapter-001.md ...

SUMMARY.md lists them as mdBook does: a part's README.md as a numbered
chapter, its chapters nested under it.

usage: genbook.py GEN DIR [FILES [BYTES]]   (2000 files, 40 MiB)
"""
import os
import random
import subprocess
import sys

PARTS = 40		# a part: its README.md and its chapters
SECTIONS = 7		# directories of chapters in a part


def layout(files):
    """The relative paths of FILES documents, in reading order, with
    each one's nesting level and title."""
    per_part = max(1, files // PARTS)
    out = []
    for p in range(PARTS):
        if len(out) >= files:
            break
        part = "part-%02d" % (p + 1)
        out.append(("%s/README.md" % part, 0, "Part %d" % (p + 1)))
        left = files - len(out) if p == PARTS - 1 else per_part - 1
        for c in range(min(left, files - len(out))):
            sec = c * SECTIONS // max(1, per_part - 1) + 1
            path = "%s/section-%d/chapter-%03d.md" % (part, sec, c + 1)
            out.append((path, 1, "Chapter %d.%d" % (p + 1, c + 1)))
    return out


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    gen, top = sys.argv[1], sys.argv[2]
    files = int(sys.argv[3]) if len(sys.argv) > 3 else 2000
    total = int(sys.argv[4]) if len(sys.argv) > 4 else 40 << 20
    docs = layout(files)
    rnd = random.Random(1)
    os.makedirs(top, exist_ok=True)
    summary = ["# Summary", ""]
    written = asked = 0
    for i, (path, level, title) in enumerate(docs):
        # gen writes more than asked for small sizes: ask less, by the
        # ratio seen so far.
        mean = (total - written) / (len(docs) - i)
        ratio = asked / written if written else 0.8
        want = max(2048, int(mean * rnd.uniform(0.5, 1.5) * ratio))
        full = os.path.join(top, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as f:
            subprocess.run([gen, str(want), str(i + 1)], stdout=f,
                           check=True)
        asked += want
        written += os.path.getsize(full)
        summary.append("%s- [%s](%s)" % ("    " * level, title, path))
    with open(os.path.join(top, "SUMMARY.md"), "w") as f:
        f.write("\n".join(summary) + "\n")
    print("%s: %d documents, %d bytes" % (top, len(docs), written),
          file=sys.stderr)


if __name__ == "__main__":
    main()
