import { describe, expect, it } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { parseInline, parseMarkdown, safeHref } from "./markdown";
import { Markdown } from "./Markdown";

const render = (source: string) => renderToStaticMarkup(<Markdown source={source} label="doc" />);

describe("markdown blocks", () => {
  it("reads headings, paragraphs joined across lines, rules and fenced code kept verbatim", () => {
    expect(parseMarkdown("# Title\n\nFirst line\nsecond line\n\n---\n```ts\nconst a = 1;\n  # not a heading\n```")).toEqual([
      { kind: "heading", level: 1, text: "Title" },
      { kind: "paragraph", text: "First line second line" },
      { kind: "rule" },
      { kind: "code", language: "ts", text: "const a = 1;\n  # not a heading" },
    ]);
  });

  it("drops a heading's closing hashes but keeps hashes that belong to its text, and needs a space after the opening ones", () => {
    expect(parseMarkdown("## Goals ##\n# C#\n#hashtag")).toEqual([
      { kind: "heading", level: 2, text: "Goals" },
      { kind: "heading", level: 1, text: "C#" },
      { kind: "paragraph", text: "#hashtag" },
    ]);
  });

  it("reads bullet, numbered and task lists, nesting by indentation and keeping a loose list whole", () => {
    expect(parseMarkdown("- one\n  - inner\n\n- two\n\n3. third\n4. fourth\n\n- [ ] todo\n- [x] done")).toEqual([
      {
        kind: "list",
        ordered: false,
        start: 1,
        items: [
          { text: "one", children: [{ kind: "list", ordered: false, start: 1, items: [{ text: "inner", children: [] }] }] },
          { text: "two", children: [] },
        ],
      },
      { kind: "list", ordered: true, start: 3, items: [{ text: "third", children: [] }, { text: "fourth", children: [] }] },
      { kind: "list", ordered: false, start: 1, items: [{ text: "todo", checked: false, children: [] }, { text: "done", checked: true, children: [] }] },
    ]);
  });

  it("reads a table with alignment, escaped pipes and short rows padded", () => {
    expect(parseMarkdown("| Risk | Mitigation |\n|:--|--:|\n| a \\| b | test |\n| only |")).toEqual([
      { kind: "table", header: ["Risk", "Mitigation"], align: ["left", "right"], rows: [["a | b", "test"], ["only", ""]] },
    ]);
  });

  it("reads block quotes as blocks of their own", () => {
    expect(parseMarkdown("> # Note\n> keep it")).toEqual([
      { kind: "quote", children: [{ kind: "heading", level: 1, text: "Note" }, { kind: "paragraph", text: "keep it" }] },
    ]);
  });
});

describe("markdown inline", () => {
  it("reads code, strong, emphasis and links, and honours backslash escapes", () => {
    expect(parseInline("**R1.** use `a*b` and _this_ \\*not\\* [docs](https://example.org/x)")).toEqual([
      { kind: "strong", children: [{ kind: "text", text: "R1." }] },
      { kind: "text", text: " use " },
      { kind: "code", text: "a*b" },
      { kind: "text", text: " and " },
      { kind: "em", children: [{ kind: "text", text: "this" }] },
      { kind: "text", text: " *not* " },
      { kind: "link", href: "https://example.org/x", children: [{ kind: "text", text: "docs" }] },
    ]);
  });

  it("leaves underscores inside words alone", () => {
    expect(parseInline("snake_case_name")).toEqual([{ kind: "text", text: "snake_case_name" }]);
  });

  it("accepts http, https, mailto and relative targets and refuses every other scheme or hidden characters", () => {
    expect(["https://a.example", "http://a.example", "mailto:a@example.org", "#goals", "/api/spec-docs", "plan.md"].map(safeHref)).toEqual([
      "https://a.example",
      "http://a.example",
      "mailto:a@example.org",
      "#goals",
      "/api/spec-docs",
      "plan.md",
    ]);
    expect(["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,x", "vbscript:x", "java\tscript:alert(1)", " javascript:x", ""].map(safeHref)).toEqual(
      [null, null, null, null, null, null, null],
    );
  });
});

describe("the rendered document", () => {
  it("renders the elements a Spec Kit document uses", () => {
    const html = render("# Deploy freeze — plan\n\n## Risks\n\n| Risk | Mitigation |\n|---|---|\n| **late** | a test |\n\n- [ ] Review — owner: ana");
    expect(html).toContain("<h1>Deploy freeze — plan</h1>");
    expect(html).toContain("<h2>Risks</h2>");
    expect(html).toContain('<th scope="col">Risk</th>');
    expect(html).toContain("<td><strong>late</strong></td>");
    expect(html).toContain('<li class="task"><input type="checkbox" readOnly="" disabled="" aria-label="to do"/>Review — owner: ana</li>');
  });

  it("shows raw HTML as text instead of markup", () => {
    const html = render('<script>alert("x")</script>\n\n<img src=x onerror=alert(1)>\n\n# <b>bold</b>');
    expect(html).not.toContain("<script");
    expect(html).not.toContain("<img");
    expect(html).not.toContain("<b>");
    expect(html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(html).toContain("<h1>&lt;b&gt;bold&lt;/b&gt;</h1>");
  });

  it("renders a javascript: link as its text only, and opens absolute links in a new tab without referrer", () => {
    const html = render("[click me](javascript:alert(document.cookie)) and [site](https://example.org)");
    expect(html).not.toContain("javascript:");
    expect(html).not.toMatch(/<a[^>]*>click me/);
    expect(html).toContain("click me");
    expect(html).toContain('<a href="https://example.org" target="_blank" rel="noreferrer noopener">site</a>');
  });

  it("aligns table cells with classes, since the CSP allows no inline styles", () => {
    const html = render("| a | b |\n|:-:|--:|\n| 1 | 2 |");
    expect(html).toContain('<th scope="col" class="align-center">a</th>');
    expect(html).toContain('<td class="align-right">2</td>');
    expect(html).not.toContain("style=");
  });

  it("keeps HTML inside code as text too", () => {
    expect(render("`<script>`\n\n```\n<iframe src=x>\n```")).toContain("<code>&lt;script&gt;</code>");
    expect(render("```\n<iframe src=x>\n```")).toContain("<pre class=\"code\"><code>&lt;iframe src=x&gt;</code></pre>");
  });
});
