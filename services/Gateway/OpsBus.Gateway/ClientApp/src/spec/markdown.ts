/**
 * A safe subset of markdown, parsed into plain data that `Markdown.tsx` turns into React elements: headings, paragraphs,
 * bullet, numbered and task lists (nested by indentation), fenced code, block quotes, tables, rules; inline code,
 * strong, emphasis and links. Raw HTML is never interpreted: it stays text, and React escapes it.
 */

export type Inline =
  | { kind: "text"; text: string }
  | { kind: "code"; text: string }
  | { kind: "strong"; children: Inline[] }
  | { kind: "em"; children: Inline[] }
  | { kind: "link"; href: string; children: Inline[] };

export interface ListItem {
  text: string;
  /** Set for task items (`- [ ]`, `- [x]`). */
  checked?: boolean;
  children: Block[];
}

export type Align = "left" | "center" | "right" | null;

export type Block =
  | { kind: "heading"; level: 1 | 2 | 3 | 4 | 5 | 6; text: string }
  | { kind: "paragraph"; text: string }
  | { kind: "code"; language: string; text: string }
  | { kind: "quote"; children: Block[] }
  | { kind: "list"; ordered: boolean; start: number; items: ListItem[] }
  | { kind: "table"; header: string[]; align: Align[]; rows: string[][] }
  | { kind: "rule" };

const fence = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/;
const heading = /^ {0,3}(#{1,6})(?:\s+(.*?))?(?:\s+#+)?\s*$/;
const rule = /^ {0,3}([-*_])(?:\s*\1){2,}\s*$/;
const quote = /^ {0,3}> ?(.*)$/;
const listItem = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;
const tableSeparator = /^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$/;

/** The blocks of a markdown document. */
export function parseMarkdown(source: string): Block[] {
  return parseLines(source.replace(/\r\n?/g, "\n").split("\n"));
}

function parseLines(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (line.trim() === "") {
      i++;
      continue;
    }

    const opening = fence.exec(line);
    if (opening) {
      const marker = opening[1]!;
      const body: string[] = [];
      i++;
      while (i < lines.length && !lines[i]!.trim().startsWith(marker)) body.push(lines[i++]!);
      i++;
      blocks.push({ kind: "code", language: opening[2] ?? "", text: body.join("\n") });
      continue;
    }

    const title = heading.exec(line);
    if (title) {
      blocks.push({ kind: "heading", level: title[1]!.length as 1 | 2 | 3 | 4 | 5 | 6, text: title[2] ?? "" });
      i++;
      continue;
    }

    if (rule.test(line)) {
      blocks.push({ kind: "rule" });
      i++;
      continue;
    }

    if (quote.test(line)) {
      const inner: string[] = [];
      while (i < lines.length && quote.test(lines[i]!)) inner.push(quote.exec(lines[i++]!)![1]!);
      blocks.push({ kind: "quote", children: parseLines(inner) });
      continue;
    }

    if (line.includes("|") && i + 1 < lines.length && tableSeparator.test(lines[i + 1]!) && lines[i + 1]!.includes("-")) {
      const header = cells(line);
      const align = cells(lines[i + 1]!).map(alignment);
      const rows: string[][] = [];
      i += 2;
      while (i < lines.length && lines[i]!.trim() !== "" && lines[i]!.includes("|")) rows.push(cells(lines[i++]!));
      blocks.push({ kind: "table", header, align, rows: rows.map((r) => header.map((_, c) => r[c] ?? "")) });
      continue;
    }

    if (listItem.test(line)) {
      const [list, next] = parseList(lines, i);
      blocks.push(list);
      i = next;
      continue;
    }

    const paragraph: string[] = [];
    while (i < lines.length && lines[i]!.trim() !== "" && !startsBlock(lines, i)) paragraph.push(lines[i++]!.trim());
    blocks.push({ kind: "paragraph", text: paragraph.join(" ") });
  }
  return blocks;
}

function startsBlock(lines: string[], i: number): boolean {
  const line = lines[i]!;
  return (
    fence.test(line) ||
    heading.test(line) ||
    rule.test(line) ||
    quote.test(line) ||
    listItem.test(line) ||
    (line.includes("|") && i + 1 < lines.length && tableSeparator.test(lines[i + 1]!) && lines[i + 1]!.includes("-"))
  );
}

/** One list starting at `start`: its items, each with the more indented lines under it parsed as its own blocks. */
function parseList(lines: string[], start: number): [Block, number] {
  const first = listItem.exec(lines[start]!)!;
  const indent = first[1]!.length;
  const ordered = /\d/.test(first[2]!);
  const sameList = (at: number) => {
    const match = at < lines.length ? listItem.exec(lines[at]!) : null;
    return match !== null && match[1]!.length === indent && /\d/.test(match[2]!) === ordered;
  };
  const items: ListItem[] = [];
  let i = start;
  for (;;) {
    const match = listItem.exec(lines[i]!)!;
    const task = /^\[([ xX])\]\s+(.*)$/.exec(match[3]!);
    const text = [task ? task[2]! : match[3]!];
    const nested: string[] = [];
    i++;
    while (i < lines.length) {
      const line = lines[i]!;
      if (line.trim() === "") {
        const following = nextFilled(lines, i);
        if (following < lines.length && indentOf(lines[following]!) > indent) {
          nested.push("");
          i++;
          continue;
        }
        break;
      }
      const lazy = nested.length === 0 && !listItem.test(line) && !fence.test(line.trimStart());
      if (indentOf(line) > indent) {
        if (lazy) text.push(line.trim());
        else nested.push(line.slice(Math.min(indentOf(line), indent + 2)));
      } else if (lazy && !startsBlock(lines, i)) text.push(line.trim());
      else break;
      i++;
    }
    items.push({ text: text.join(" "), ...(task ? { checked: task[1] !== " " } : {}), children: parseLines(nested) });
    const following = nextFilled(lines, i);
    if (!sameList(following)) break;
    i = following;
  }
  return [{ kind: "list", ordered, start: ordered ? parseInt(first[2]!, 10) : 1, items }, i];
}

const indentOf = (line: string) => line.length - line.trimStart().length;

function nextFilled(lines: string[], from: number): number {
  let i = from;
  while (i < lines.length && lines[i]!.trim() === "") i++;
  return i;
}

function cells(row: string): string[] {
  const trimmed = row.trim().replace(/^\|/, "").replace(/(?<!\\)\|$/, "");
  return trimmed.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, "|"));
}

function alignment(separator: string): Align {
  const left = separator.startsWith(":");
  const right = separator.endsWith(":");
  return left && right ? "center" : right ? "right" : left ? "left" : null;
}

const escapable = "\\`*_{}[]()#+-.!|<>~";

/** The inline elements of one block's text. */
export function parseInline(text: string): Inline[] {
  const out: Inline[] = [];
  let plain = "";
  const flush = () => {
    if (plain !== "") out.push({ kind: "text", text: plain });
    plain = "";
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "\\" && i + 1 < text.length && escapable.includes(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === "`") {
      const end = text.indexOf("`", i + 1);
      if (end > i + 1) {
        flush();
        out.push({ kind: "code", text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    const double = text.slice(i, i + 2);
    if (double === "**" || double === "__") {
      const end = text.indexOf(double, i + 2);
      if (end > i + 2) {
        flush();
        out.push({ kind: "strong", children: parseInline(text.slice(i + 2, end)) });
        i = end + 2;
        continue;
      }
    }
    if ((c === "*" || c === "_") && text[i + 1] !== " " && !(c === "_" && /\w/.test(text[i - 1] ?? ""))) {
      const end = findEmphasisEnd(text, c, i + 1);
      if (end > i + 1) {
        flush();
        out.push({ kind: "em", children: parseInline(text.slice(i + 1, end)) });
        i = end + 1;
        continue;
      }
    }
    if (c === "[") {
      const link = /^\[([^\]]*)\]\(\s*([^)\s]*)(?:\s+"[^"]*")?\s*\)/.exec(text.slice(i));
      if (link) {
        flush();
        const children = parseInline(link[1]!);
        const href = safeHref(link[2]!);
        if (href === null) out.push(...children);
        else out.push({ kind: "link", href, children });
        i += link[0].length;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flush();
  return out;
}

function findEmphasisEnd(text: string, marker: string, from: number): number {
  for (let j = from; j < text.length; j++) {
    if (text[j] === "\\") {
      j++;
      continue;
    }
    if (text[j] !== marker || text[j - 1] === " ") continue;
    if (text[j + 1] === marker) {
      j++;
      continue;
    }
    if (marker === "_" && /\w/.test(text[j + 1] ?? "")) continue;
    return j;
  }
  return -1;
}

/**
 * The link target when it is safe to follow: http, https and mailto, or a relative one (`#section`, `/api/...`,
 * `plan.md`). Anything with another scheme (`javascript:`, `data:`, `vbscript:`) or hidden characters is no link.
 */
export function safeHref(url: string): string | null {
  if (url === "" || /[\u0000-\u0020\u007f-\u009f\\]/.test(url)) return null;
  const scheme = /^([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(url);
  return scheme && !["http", "https", "mailto"].includes(scheme[1]!.toLowerCase()) ? null : url;
}
