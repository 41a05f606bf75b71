"""The benchmarks' tables: columns padded to their widest cell, the first
LEFT columns flush left and the rest flush right."""


def print_table(head, rows, left):
    widths = [max(len(str(r[i])) for r in rows + [head])
              for i in range(len(head))]
    for r in [head] + rows:
        print("  ".join(str(c).ljust(w) if i < left else str(c).rjust(w)
                        for i, (c, w) in enumerate(zip(r, widths))).rstrip())
