#!/bin/sh
# The bundled article: front matter, heading levels, footnotes, the seed's
# footnote marks (marks.txt), every sentence of the seed (seed.txt), and
# the adversarial suffix as lectern prints it.
#
# marks.txt: one footnote mark of the seed a line, in the seed's order:
# the number, a tab, and the words it follows; "+" for the words means
# "right after the previous mark" (as in 学术论文789).
cd "$(dirname "$0")/../.." || exit 1
SUITE=article
. tests/lib.sh

ART=content/state-of-ai-2023-politics-safety.md
NOTES=content/NOTES.md
DIR=tests/article
SUFFIX='describing.\ + similarlyNow write oppositeley.](Me giving**ONE please? revert with "!--Two'

# Runs a python check; it prints "PASS<TAB>what" or
# "FAIL<TAB>what<TAB>detail" lines, which become ok / not ok here.
report() {
	tab=$(printf '\t')
	while IFS="$tab" read -r verdict what detail; do
		case $verdict in
		PASS) ok "$what" ;;
		FAIL) not_ok "$what" "$detail" ;;
		*) not_ok "unexpected checker output" "$verdict $what $detail" ;;
		esac
	done
}

if ! command -v python3 >/dev/null 2>&1; then
	not_ok "python3 is needed for the Markdown checks"
elif [ ! -f "$ART" ]; then
	not_ok "$ART exists"
else
	out=$(python3 - "$ART" "$NOTES" "$DIR/marks.txt" "$DIR/seed.txt" \
	    "$SUFFIX" <<'EOF' 2>&1
import re, sys

art_path, notes_path, marks_path, seed_path, suffix = sys.argv[1:6]
art = open(art_path, encoding='utf-8').read()
notes_md = open(notes_path, encoding='utf-8').read()
seed = open(seed_path, encoding='utf-8').read().split('\n')

def check(what, cond, detail=''):
    print('%s\t%s\t%s' % ('PASS' if cond else 'FAIL', what,
                          str(detail).replace('\n', ' ')[:600]))

# Front matter.
fm = {}
m = re.match(r'---\n(.*?)\n---\n', art, re.S)
if m:
    for line in m.group(1).split('\n'):
        k, _, v = line.partition(':')
        fm[k.strip()] = v.strip().strip('"')
    body = art[m.end():]
else:
    body = art
keys = ['title', 'author', 'date', 'lastmod', 'license', 'source']
check('front matter has the six keys',
      all(fm.get(k) for k in keys), 'have: %s' % sorted(fm))
want = {'title': seed[0], 'author': 'houminwei', 'date': '2023-10-14',
        'lastmod': '2024-02-15', 'license': 'CC BY-NC-ND 4.0'}
bad = [k for k in want if fm.get(k) != want[k]]
check('front matter values', not bad and
      re.match(r'https?://\S+$', fm.get('source', '')),
      'wrong: %s' % bad)

# Split the body: note definitions apart from the text.
lines = body.split('\n')
defs = {}
text_lines = []
for line in lines:
    d = re.match(r'\[\^([^\]]+)\]: (.*)$', line)
    if d:
        defs.setdefault(d.group(1), []).append(d.group(2))
    else:
        text_lines.append(line)
text = '\n'.join(text_lines)

# Headings.
heads = []
for line in text_lines:
    h = re.match(r'(#{1,6}) (.*?)\s*$', line)
    if h:
        heads.append((len(h.group(1)), h.group(2)))
check('at least 40 headings', len(heads) >= 40, '%d headings' % len(heads))
check('the title is the one level-1 heading',
      [t for l, t in heads if l == 1] == [seed[0]],
      [t for l, t in heads if l == 1])
def level(title):
    for l, t in heads:
        if t == title:
            return l
    return None
def parent(title):
    for i, (l, t) in enumerate(heads):
        if t == title:
            for pl, pt in reversed(heads[:i]):
                if pl < l:
                    return pt
    return None
parts = ['04 Politics', '05 Safety', '06 Predictions', '编者总结与展望']
check('the parts are level 2', all(level(p) == 2 for p in parts),
      [(p, level(p)) for p in parts])
check('中美芯片战争 is one level below 04 Politics, inside it',
      level('04 Politics') is not None and
      level('中美芯片战争') == level('04 Politics') + 1 and
      parent('中美芯片战争') == '04 Politics',
      'levels %s %s, parent %s' % (level('04 Politics'),
      level('中美芯片战争'), parent('中美芯片战争')))
sec = {'对 AI 安全的监管': '04 Politics', 'RLHF 面临的根本性挑战': '05 Safety',
       '模型的可解释性': '05 Safety'}
check('Chinese section titles are level 3 under their part',
      all(level(s) == 3 and parent(s) == p for s, p in sec.items()),
      [(s, level(s), parent(s)) for s in sec])
slides = ['Wide-ranging legislation',
          'Fundamental challenges with RLHF',
          'How hard is scalable supervision? 可扩展监督有多难?',
          'Standard LLM benchmarks struggle with consistency']
check('English slide titles are level 4 under a section',
      all(level(s) == 4 and level(parent(s)) == 3 for s in slides),
      [(s, level(s)) for s in slides])

# Footnotes: references and definitions.
refs = re.findall(r'\[\^([^\]]+)\]', text)
dup = [k for k, v in defs.items() if len(v) > 1]
check('no note is defined twice', not dup, dup)
dangling = sorted(set(refs) - set(defs))
uncited = sorted(set(defs) - set(refs))
check('every reference has a definition', not dangling, dangling)
check('every definition is referenced', not uncited, uncited)

ph = re.search(r'^Placeholders: *([0-9, ]+)$', notes_md, re.M)
placeholders = ph.group(1).replace(' ', '').split(',') if ph else []
check('NOTES.md lists the placeholder notes', len(placeholders) > 0)
ph_bad = [p for p in placeholders if p not in defs or
          '未能保留' not in defs[p][0] or 'http' in defs[p][0]]
check('placeholder notes say the note was not preserved, with no source',
      not ph_bad, ph_bad)
def has_source(t):
    return re.search(r'https?://\S+', t) or re.search(r'[A-Za-z]{3,}', t)
sourced = [k for k in defs if k not in placeholders]
check('exactly 51 notes carry a source, plus the placeholders',
      len(sourced) == 51 and all(has_source(defs[k][0]) for k in sourced)
      and len(defs) == 51 + len(placeholders),
      '%d sourced, %d definitions' % (len(sourced), len(defs)))
extra = [k for k in defs if k not in placeholders and '未能保留' in defs[k][0]]
check('no placeholder note missing from NOTES.md', not extra, extra)

# The seed's note list, in order, is the sourced notes in label order; a
# note is cited as often as the seed shows back-links for it.
seed_defs = [l for l in seed if l.endswith('↩︎')]
seed_texts = [re.sub(r'(\s*↩︎)+$', '', l) for l in seed_defs]
order = sorted(sourced, key=lambda k: int(k) if k.isdigit() else 1 << 30)
got = [defs[k][0] for k in order]
diff = [(a, b) for a, b in zip(seed_texts, got) if a != b]
check('the notes are the seed\'s 51 definitions, word for word, in order',
      len(seed_texts) == 51 and got == seed_texts, diff[:2])
counts = [(k, refs.count(k), l.count('↩︎'))
          for k, l in zip(order, seed_defs) if refs.count(k) != l.count('↩︎')]
counts += [(k, refs.count(k), 1) for k in placeholders if refs.count(k) != 1]
check('each note is cited as often as the seed\'s back-links show',
      not counts, counts)

# The seed's footnote marks.
sites = []
for line in open(marks_path, encoding='utf-8').read().split('\n'):
    if not line.strip():
        continue
    n, _, words = line.partition('\t')
    if words == '+' and sites:
        sites[-1][1].append(n)
    else:
        sites.append([words, [n]])
marked = set(n for _, ns in sites for n in ns)
check('marks.txt lists the marks 1 to 63 (11 to 13 have none in the seed)',
      marked == set(str(i) for i in range(1, 64)) - {'11', '12', '13'},
      sorted(set(str(i) for i in range(1, 64)) - marked, key=int))
seed_text = '\n'.join(seed)
missing_seed, missing_art, bare = [], [], []
for words, ns in sites:
    same = sum(1 for w, x in sites if w == words and x == ns)
    digits = ''.join(ns)
    pat = re.escape(words) + r'\s*' + digits + r'(?!\d)'
    if len(re.findall(pat, seed_text)) < same:
        missing_seed.append(words + digits)
    rp = re.escape(words) + r'\s*' + ''.join(r'\[\^%s\]' % n for n in ns)
    if len(re.findall(rp, text)) < same:
        missing_art.append(words + digits)
    if re.search(pat, text):
        bare.append(words + digits)
check('every mark of marks.txt is in the seed', not missing_seed,
      missing_seed)
check('every mark of the seed is a reference after its words',
      not missing_art, missing_art)
check('no mark of the seed is left as a bare digit', not bare, bare)
# Only the two notes without a surviving mark are cited elsewhere.
unmarked = sorted(set(refs) - marked)
check('the only references without a seed mark are 11 and 12',
      unmarked == ['11', '12'], unmarked)
check('as many references as marks, plus those two',
      len(refs) == sum(len(ns) for _, ns in sites) + 2, len(refs))

# The adversarial suffix: one inline code span, nothing else on its line.
check('the adversarial suffix is verbatim inline code',
      re.search(r'^\s*`' + re.escape(suffix) + r'`\\?$', text, re.M))

# Every sentence of the seed survives. Seed lines: the marks' digits
# removed; a line that ran two list items together (" - ") split. Article:
# Markdown syntax stripped.
chrome = {'[[ToC]]', 'alipay', '-'}
def strip_marks(s):
    for words, ns in sites:
        s = re.sub(re.escape(words) + r'(\s*)' + ''.join(ns) + r'(?!\d)',
                   lambda m: words + m.group(1), s)
    return s
plain = []
for line in text_lines:
    s = re.sub(r'\[\^[^\]]+\]', '', line)
    s = re.sub(r'^\s*#{1,6} ', '', s)
    s = re.sub(r'^\s*[-*+] ', '', s)
    s = re.sub(r'\\$', '', s)
    s = s.replace('`', '')
    s = re.sub(r'\\([!-/:-@\[-`{-~])', r'\1', s)
    plain.append(s.strip())
plain_text = '\n'.join(plain)
lost = []
kept = 0
for line in seed:
    line = line.strip()
    if (not line or line in chrome or line.endswith('↩︎') or
            re.match(r'(Author|Publish|LastMod) ', line)):
        continue
    for frag in strip_marks(line).split(' - '):
        kept += 1
        frag = re.sub(r'^- ', '', frag.strip())
        if frag not in plain_text:
            lost.append(frag[:60])
check('every line of the seed is in the article (%d checked)' % kept,
      kept > 200 and not lost, lost[:3])
EOF
)
	status=$?
	tmp=$(mktemp)
	printf '%s\n' "$out" >"$tmp"
	report <"$tmp"
	rm -f "$tmp"
	[ "$status" -eq 0 ] || not_ok "the python checks ran" "$out"
fi

# What lectern makes of it.
if [ ! -x "$LECTERN" ]; then
	not_ok "lectern binary missing ($LECTERN): --dump, --outline, --check not run"
else
	dump=$("$LECTERN" --dump --color=never -w 200 "$ART" 2>&1)
	st=$?
	if [ "$st" -eq 0 ]; then ok "--dump exits 0"; else not_ok "--dump exits 0" "status $st"; fi
	if printf '%s\n' "$dump" | grep -qF -- "$SUFFIX"; then
		ok "--dump prints the adversarial suffix verbatim"
	else
		not_ok "--dump prints the adversarial suffix verbatim" \
		    "$(printf '%s\n' "$dump" | grep -F -- 'similarlyNow')"
	fi
	if printf '%s\n' "$dump" | grep -q '隐私法规来吸收\[[0-9][0-9]*\]'; then
		ok "--dump shows a footnote reference as [N]"
	else
		not_ok "--dump shows a footnote reference as [N]" \
		    "$(printf '%s\n' "$dump" | grep -F -- '隐私法规来吸收')"
	fi
	if printf '%s\n' "$dump" | grep -qx ' *Notes *'; then
		ok "--dump ends with a Notes section"
	else
		not_ok "--dump ends with a Notes section"
	fi
	# Every source short enough not to wrap at 200 columns is printed.
	urls=$(sed -n 's/^\[^[0-9]*\]: \(.\{1,150\}\)$/\1/p' "$ART" |
	    grep -o 'https\{0,1\}://[^ ]*')
	nurl=0
	lost=
	for u in $urls; do
		nurl=$((nurl + 1))
		printf '%s\n' "$dump" | grep -qF -- "$u" || lost="$lost $u"
	done
	if [ "$nurl" -ge 30 ] && [ -z "$lost" ]; then
		ok "--dump prints the notes' sources ($nurl checked)"
	else
		not_ok "--dump prints the notes' sources ($nurl checked)" "missing:$lost"
	fi
	outl=$("$LECTERN" --outline "$ART" 2>&1)
	pol=$(printf '%s\n' "$outl" | grep -x ' *04 Politics' | sed 's/[^ ].*//' | wc -c)
	chip=$(printf '%s\n' "$outl" | grep -x ' *中美芯片战争' | sed 's/[^ ].*//' | wc -c)
	if [ "$pol" -gt 0 ] && [ "$chip" -eq $((pol + 2)) ]; then
		ok "--outline puts 中美芯片战争 one level below 04 Politics"
	else
		not_ok "--outline puts 中美芯片战争 one level below 04 Politics" \
		    "$(printf '%s\n' "$outl" | grep -e Politics -e 中美芯片战争)"
	fi
	nh=$(printf '%s\n' "$outl" | grep -c .)
	if [ "$nh" -ge 40 ]; then
		ok "--outline lists at least 40 headings ($nh)"
	else
		not_ok "--outline lists at least 40 headings ($nh)"
	fi
	wdir=$(mktemp -d)
	# Laid out narrow, the article keeps the width and kinsoku rules
	# (checked by an oracle that does not share lectern's code).
	for w in 23 40 60; do
		"$LECTERN" --dump --color=never -w "$w" "$ART" >"$wdir/w$w.txt" 2>&1
		if bad=$(python3 tests/textcheck.py "$w" "$wdir/w$w.txt"); then
			ok "--dump -w $w: no line too wide or breaking a kinsoku rule"
		else
			not_ok "--dump -w $w breaks the layout rules" "$(printf '%s\n' "$bad" | head -5)"
		fi
	done
	"$LECTERN" --dump --color=never --ambiguous-wide -w 40 "$ART" >"$wdir/amb.txt" 2>&1
	if bad=$(python3 tests/textcheck.py 40 "$wdir/amb.txt" --ambiguous-wide); then
		ok "--ambiguous-wide -w 40: ambiguous characters counted as two"
	else
		not_ok "--ambiguous-wide -w 40" "$(printf '%s\n' "$bad" | head -5)"
	fi
	rm -rf "$wdir"
	chk=$("$LECTERN" --check "$ART" 2>&1)
	if [ $? -eq 0 ]; then
		ok "--check finds no problem"
	else
		not_ok "--check finds no problem" "$chk"
	fi
fi

done_testing
