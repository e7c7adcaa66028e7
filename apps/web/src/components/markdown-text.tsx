import { Anchor, Code, Typography } from '@mantine/core';
import Markdown, { type Components } from 'react-markdown';

/**
 * Comments are Markdown written by users and stored as typed. react-markdown builds React elements
 * from the syntax tree and never injects HTML; its default URL filter drops unsafe protocols such as
 * `javascript:`. Images are not fetched: a stored comment must not make every reader's browser call an
 * arbitrary address, so they show as links.
 */
const COMPONENTS: Components = {
  a: ({ href, children }) => (
    <Anchor href={href} target="_blank" rel="noopener noreferrer nofollow">
      {children}
    </Anchor>
  ),
  img: ({ alt, src }) => (
    <Anchor href={src} target="_blank" rel="noopener noreferrer nofollow">
      {alt || src}
    </Anchor>
  ),
  code: ({ children }) => <Code>{children}</Code>,
  // People type comments line by line: a single newline stays a line break, as in the text box.
  p: ({ children }) => <p style={{ whiteSpace: 'pre-line' }}>{children}</p>,
};

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

/**
 * Markdown parsers read `<PSU>` or `<br>` as HTML, which is then dropped: a technician's words would
 * vanish. Turn every HTML node back into the text that was typed.
 */
function htmlAsText() {
  const visit = (node: MdNode) => {
    if (node.type === 'html') node.type = 'text';
    node.children?.forEach(visit);
  };
  return visit;
}

export function MarkdownText({ children }: { children: string }) {
  return (
    <Typography fz="sm" style={{ overflowWrap: 'anywhere' }}>
      <Markdown components={COMPONENTS} remarkPlugins={[htmlAsText]}>
        {children}
      </Markdown>
    </Typography>
  );
}
