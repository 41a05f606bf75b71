/*
 * gen.c: writes a deterministic Markdown document of about SIZE bytes for
 * the benchmark: chapters and sections of mixed Chinese and English prose
 * with emphasis, code spans, inline and reference links, footnote
 * references, lists (nested and ordered), tables, fenced code blocks and
 * block quotes. Every footnote definition and every link reference
 * definition comes at the end, as in a book converted from a word
 * processor, so that a parse of a prefix cannot resolve them.
 *
 * usage: gen SIZE [SEED] > file.md      SIZE in bytes, K or M suffix
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t gen_state = 0x9e3779b97f4a7c15ULL;

/* The next pseudo-random number (xorshift64*). */
static uint64_t
gen_next(void)
{
	gen_state ^= gen_state >> 12;
	gen_state ^= gen_state << 25;
	gen_state ^= gen_state >> 27;
	return gen_state * 0x2545f4914f6cdd1dULL;
}

/* A number in [0, n). */
static unsigned
gen_pick(unsigned n)
{
	return (unsigned)(gen_next() >> 33) % n;
}

#define NELEM(a)	(sizeof(a) / sizeof((a)[0]))

static const char *const gen_zh[] = {
	"文档", "阅读", "终端", "段落", "标题", "脚注", "表格", "代码",
	"我们", "他们", "这个", "那些", "因为", "所以", "但是", "而且",
	"如果", "已经", "可以", "需要", "问题", "方法", "系统", "数据",
	"模型", "研究", "发展", "技术", "世界", "时间", "历史", "社会",
	"经济", "政治", "文化", "科学", "语言", "文字", "作者", "读者",
	"书籍", "章节", "内容", "结构", "格式", "解析", "渲染", "布局",
	"宽度", "字符", "汉字", "标点", "换行", "空格", "屏幕", "窗口",
	"键盘", "命令", "搜索", "书签", "位置", "记忆", "速度", "内存",
	"安全", "政策", "政府", "公司", "市场", "投资", "风险", "未来",
	"简单", "复杂", "重要", "明显", "清楚", "完整", "长期", "短期",
	"进行", "提出", "认为", "发现", "表示", "显示", "包括", "成为",
	"计算机", "互联网", "人工智能", "自然语言", "开源软件", "命令行",
};

static const char *const gen_en[] = {
	"the", "a", "reader", "terminal", "document", "paragraph", "heading",
	"footnote", "table", "code", "block", "line", "width", "column",
	"screen", "window", "parser", "model", "layout", "buffer", "memory",
	"search", "bookmark", "position", "offset", "byte", "character",
	"policy", "safety", "research", "market", "government", "company",
	"history", "future", "language", "system", "network", "software",
	"is", "was", "are", "has", "makes", "reads", "shows", "keeps", "finds",
	"and", "or", "but", "with", "without", "from", "into", "over", "under",
	"quickly", "slowly", "often", "never", "always", "rarely", "again",
	"long", "short", "wide", "narrow", "large", "small", "plain", "rich",
	"of", "in", "on", "for", "to", "by", "at", "as", "that", "which",
	"Markdown", "Unicode", "ncurses", "CommonMark", "UTF-8", "GB18030",
};

static const char *const gen_code[] = {
	"static int",
	"for (i = 0; i < n; i++)",
	"\tif (p == NULL)",
	"\t\treturn -1;",
	"buf_add(&b, s, len);",
	"x = layout_width(s, n, 0);",
	"while ((c = *p++) != '\\0')",
	"}",
	"def parse(text):",
	"    return [line.strip() for line in text.splitlines()]",
	"printf(\"%d\\n\", total);",
	"let width = text.chars().map(char_width).sum();",
};

static unsigned long gen_notes;		/* footnotes cited so far */
static unsigned long gen_refs;		/* reference links used so far */
static unsigned long gen_bytes;		/* written so far */
static unsigned long gen_col;		/* bytes on the current line */
static int gen_defs;			/* writing the definitions */

/* Writes S. */
static void
gen_put(const char *s)
{
	size_t n = strlen(s);

	fwrite(s, 1, n, stdout);
	gen_bytes += n;
	if (memchr(s, '\n', n) != NULL)
		gen_col = n - (size_t)(strrchr(s, '\n') - s) - 1;
	else
		gen_col += n;
}

/* Writes a word; breaks the line (a soft break) past 72 bytes. */
static void
gen_word(const char *w, int space)
{
	if (gen_col > 72) {
		gen_put("\n");
		space = 0;
	}
	if (space)
		gen_put(" ");
	gen_put(w);
}

/* An inline decoration now and then: emphasis, code, a link, a note. */
static void
gen_inline(int space)
{
	char tmp[128];
	unsigned k = gen_pick(40);

	if (gen_defs && (k == 4 || k == 5))
		return;		/* no new notes or labels in definitions */
	switch (k) {
	case 0:
		snprintf(tmp, sizeof(tmp), "*%s*", gen_en[gen_pick(NELEM(gen_en))]);
		break;
	case 1:
		snprintf(tmp, sizeof(tmp), "**%s**", gen_zh[gen_pick(NELEM(gen_zh))]);
		break;
	case 2:
		snprintf(tmp, sizeof(tmp), "`%s()`", gen_en[gen_pick(NELEM(gen_en))]);
		break;
	case 3:
		snprintf(tmp, sizeof(tmp), "[%s](https://example.com/%lu)",
		    gen_en[gen_pick(NELEM(gen_en))], gen_bytes % 100000);
		break;
	case 4:
		/* Every label is used about four times. */
		snprintf(tmp, sizeof(tmp), "[%s][r%lu]",
		    gen_zh[gen_pick(NELEM(gen_zh))], gen_refs++ / 4);
		break;
	case 5:
		snprintf(tmp, sizeof(tmp), "[^n%lu]", ++gen_notes);
		space = 0;
		break;
	case 6:
		snprintf(tmp, sizeof(tmp), "~~%s~~", gen_en[gen_pick(NELEM(gen_en))]);
		break;
	default:
		return;
	}
	gen_word(tmp, space);
}

/* A Chinese sentence. */
static void
gen_zh_sentence(void)
{
	unsigned i, n = 6 + gen_pick(14);
	static const char *const punct[] = { "，", "、", "；" };

	for (i = 0; i < n; i++) {
		if (gen_pick(12) == 0)		/* an English word inside */
			gen_word(gen_en[gen_pick(NELEM(gen_en))], 1);
		gen_word(gen_zh[gen_pick(NELEM(gen_zh))],
		    gen_pick(12) == 0);
		if (i + 1 < n && gen_pick(5) == 0)
			gen_word(punct[gen_pick(NELEM(punct))], 0);
		gen_inline(0);
	}
	gen_word(gen_pick(8) == 0 ? "？" : "。", 0);
}

/* An English sentence. */
static void
gen_en_sentence(void)
{
	unsigned i, n = 6 + gen_pick(16);
	char w[64];

	for (i = 0; i < n; i++) {
		snprintf(w, sizeof(w), "%s", gen_en[gen_pick(NELEM(gen_en))]);
		if (i == 0 && w[0] >= 'a' && w[0] <= 'z')
			w[0] = (char)(w[0] - 'a' + 'A');
		if (i + 1 == n)
			strcat(w, gen_pick(6) == 0 ? "?" : ".");
		else if (gen_pick(9) == 0)
			strcat(w, ",");
		gen_word(w, i > 0 || gen_col > 0);
		gen_inline(1);
	}
}

/* A paragraph of sentences in either language. */
static void
gen_para(void)
{
	unsigned i, n = 2 + gen_pick(5);
	int zh = gen_pick(3) != 0;

	for (i = 0; i < n; i++) {
		if (zh)
			gen_zh_sentence();
		else
			gen_en_sentence();
		if (gen_pick(3) == 0)
			zh = !zh;
	}
	gen_put("\n\n");
}

/* A short title. */
static void
gen_title(void)
{
	unsigned i, n = 2 + gen_pick(3);

	for (i = 0; i < n; i++)
		gen_word(gen_zh[gen_pick(NELEM(gen_zh))], 0);
	gen_word(gen_en[gen_pick(NELEM(gen_en))], 1);
}

/* A bullet or ordered list, sometimes nested. */
static void
gen_list(void)
{
	unsigned i, n = 3 + gen_pick(5);
	int ordered = gen_pick(3) == 0;
	char m[16];

	for (i = 0; i < n; i++) {
		if (ordered)
			snprintf(m, sizeof(m), "%u. ", i + 1);
		else
			snprintf(m, sizeof(m), "- ");
		gen_put(m);
		if (gen_pick(2))
			gen_zh_sentence();
		else
			gen_en_sentence();
		gen_put("\n");
		if (gen_pick(5) == 0) {
			gen_put(ordered ? "   - " : "  - ");
			gen_en_sentence();
			gen_put("\n");
		}
	}
	gen_put("\n");
}

/* A pipe table. */
static void
gen_table(void)
{
	unsigned c, r, ncols = 3 + gen_pick(3), nrows = 3 + gen_pick(8);
	char tmp[64];

	for (c = 0; c < ncols; c++) {
		gen_put("| ");
		gen_put(gen_zh[gen_pick(NELEM(gen_zh))]);
		gen_put(" ");
	}
	gen_put("|\n");
	for (c = 0; c < ncols; c++)
		gen_put(c == 0 ? "|:---" : gen_pick(2) ? "|---:" : "|:---:");
	gen_put("|\n");
	for (r = 0; r < nrows; r++) {
		for (c = 0; c < ncols; c++) {
			gen_put("| ");
			switch (gen_pick(4)) {
			case 0:
				snprintf(tmp, sizeof(tmp), "%u.%02u",
				    gen_pick(10000), gen_pick(100));
				gen_put(tmp);
				break;
			case 1:
				gen_put(gen_en[gen_pick(NELEM(gen_en))]);
				break;
			default:
				gen_put(gen_zh[gen_pick(NELEM(gen_zh))]);
				gen_put(gen_zh[gen_pick(NELEM(gen_zh))]);
				break;
			}
			gen_put(" ");
		}
		gen_put("|\n");
	}
	gen_put("\n");
}

/* A fenced code block. */
static void
gen_codeblock(void)
{
	unsigned i, n = 3 + gen_pick(12);

	gen_put(gen_pick(2) ? "```c\n" : "```\n");
	for (i = 0; i < n; i++) {
		gen_put(gen_code[gen_pick(NELEM(gen_code))]);
		gen_put("\n");
	}
	gen_put("```\n\n");
}

/* A block quote of one or two paragraphs. */
static void
gen_quote(void)
{
	gen_put("> ");
	gen_en_sentence();
	gen_put("\n> ");
	gen_zh_sentence();
	gen_put("\n\n");
}

int
main(int argc, char *argv[])
{
	unsigned long size, chapter = 0, section, i;
	char *end, tmp[128];

	if (argc < 2) {
		fprintf(stderr, "usage: gen SIZE [SEED]\n");
		return 2;
	}
	size = strtoul(argv[1], &end, 10);
	if (*end == 'K' || *end == 'k')
		size <<= 10;
	else if (*end == 'M' || *end == 'm')
		size <<= 20;
	if (argc > 2)
		gen_state ^= strtoull(argv[2], NULL, 10) * 0x9e3779b97f4a7c15ULL;

	gen_put("---\ntitle: 基准文档 Benchmark document\n"
	    "author: lectern bench\n---\n\n");
	/* Leave room for the definitions: about 110 bytes a note, 48 a
	   label. */
	while (gen_bytes + gen_notes * 110 + gen_refs / 4 * 48 < size) {
		chapter++;
		snprintf(tmp, sizeof(tmp), "# 第 %lu 章 Chapter %lu: ",
		    chapter, chapter);
		gen_put(tmp);
		gen_title();
		gen_put("\n\n");
		gen_para();
		for (section = 1; section <= 4 + gen_pick(4) &&
		    gen_bytes < size; section++) {
			snprintf(tmp, sizeof(tmp), "## %lu.%lu ", chapter,
			    section);
			gen_put(tmp);
			gen_title();
			gen_put("\n\n");
			for (i = 0; i < 4 + gen_pick(8); i++) {
				switch (gen_pick(12)) {
				case 0:
					gen_list();
					break;
				case 1:
					gen_table();
					break;
				case 2:
					gen_codeblock();
					break;
				case 3:
					gen_quote();
					break;
				case 4:
					gen_put("### ");
					gen_title();
					gen_put("\n\n");
					break;
				default:
					gen_para();
					break;
				}
			}
		}
	}

	/* The definitions, at the end. */
	gen_defs = 1;
	for (i = 1; i <= gen_notes; i++) {
		snprintf(tmp, sizeof(tmp), "[^n%lu]: ", i);
		gen_put(tmp);
		if (gen_pick(2))
			gen_zh_sentence();
		else
			gen_en_sentence();
		gen_put("\n\n");
	}
	for (i = 0; i < (gen_refs + 3) / 4; i++) {
		snprintf(tmp, sizeof(tmp),
		    "[r%lu]: https://example.org/ref/%lu \"参考 %lu\"\n", i, i, i);
		gen_put(tmp);
	}
	return ferror(stdout) || fflush(stdout) != 0;
}
