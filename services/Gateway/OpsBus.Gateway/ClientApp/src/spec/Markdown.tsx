import { useMemo, type ReactNode } from "react";
import { parseInline, parseMarkdown, type Align, type Block, type Inline } from "./markdown";

/** Renders markdown as React elements (see `markdown.ts`): text is always text, so no markup in a document reaches the page. */
export function Markdown({ source, label }: { source: string; label: string }) {
  const blocks = useMemo(() => parseMarkdown(source), [source]);
  return (
    <div className="markdown" aria-label={label} role="document">
      {blocks.map(renderBlock)}
    </div>
  );
}

function renderBlock(block: Block, key: number): ReactNode {
  switch (block.kind) {
    case "heading": {
      const Tag = `h${block.level}` as const;
      return <Tag key={key}>{renderInline(block.text)}</Tag>;
    }
    case "paragraph":
      return <p key={key}>{renderInline(block.text)}</p>;
    case "code":
      return (
        <pre key={key} className="code" data-language={block.language || undefined}>
          <code>{block.text}</code>
        </pre>
      );
    case "quote":
      return <blockquote key={key}>{block.children.map(renderBlock)}</blockquote>;
    case "rule":
      return <hr key={key} />;
    case "list": {
      const items = block.items.map((item, i) => (
        <li key={i} className={item.checked === undefined ? undefined : "task"}>
          {item.checked !== undefined && <input type="checkbox" checked={item.checked} readOnly disabled aria-label={item.checked ? "done" : "to do"} />}
          {renderInline(item.text)}
          {item.children.map(renderBlock)}
        </li>
      ));
      return block.ordered ? (
        <ol key={key} start={block.start === 1 ? undefined : block.start}>
          {items}
        </ol>
      ) : (
        <ul key={key}>{items}</ul>
      );
    }
    case "table":
      return (
        <div key={key} className="table-wrap">
          <table>
            <thead>
              <tr>
                {block.header.map((cell, c) => (
                  <th key={c} scope="col" className={alignClass(block.align[c])}>
                    {renderInline(cell)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {block.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c} className={alignClass(block.align[c])}>
                      {renderInline(cell)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      );
  }
}

/** Alignment by class: the control room's CSP allows no inline styles. */
const alignClass = (align: Align | undefined) => (align ? `align-${align}` : undefined);

function renderInline(text: string): ReactNode[] {
  return parseInline(text).map(renderSpan);
}

function renderSpan(span: Inline, key: number): ReactNode {
  switch (span.kind) {
    case "text":
      return span.text;
    case "code":
      return <code key={key}>{span.text}</code>;
    case "strong":
      return <strong key={key}>{span.children.map(renderSpan)}</strong>;
    case "em":
      return <em key={key}>{span.children.map(renderSpan)}</em>;
    case "link":
      return /^(https?:)?\/\//i.test(span.href) ? (
        <a key={key} href={span.href} target="_blank" rel="noreferrer noopener">
          {span.children.map(renderSpan)}
        </a>
      ) : (
        <a key={key} href={span.href}>
          {span.children.map(renderSpan)}
        </a>
      );
  }
}
