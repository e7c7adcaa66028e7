import { screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithProviders } from '../test/render';
import { MarkdownText } from './markdown-text';

function render(text: string) {
  return renderWithProviders(<MarkdownText>{text}</MarkdownText>).container;
}

describe('MarkdownText', () => {
  it('renders emphasis, lists and code', () => {
    const root = render('Swap **PSU 2** first\n\n- drain the node\n- `ipmitool power off`');
    expect(root.querySelector('strong')?.textContent).toBe('PSU 2');
    expect(root.querySelectorAll('li')).toHaveLength(2);
    expect(root.querySelector('code')?.textContent).toBe('ipmitool power off');
  });

  it('never injects stored HTML: tags show as the text that was typed', () => {
    const root = render('before <img src=x onerror="alert(1)"> <script>alert(2)</script> after <PSU>');
    expect(root.querySelector('img')).toBeNull();
    expect(root.querySelector('script')).toBeNull();
    expect(root.querySelector('[onerror]')).toBeNull();
    expect(root.textContent).toContain('<script>alert(2)</script>');
    expect(root.textContent).toContain('<PSU>');
  });

  it('drops javascript: links and opens the others in a new tab without an opener', () => {
    const root = render('[evil](javascript:alert(1)) and [docs](https://example.com/runbook)');
    const links = [...root.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).not.toContain('javascript:alert(1)');
    const docs = screen.getByRole('link', { name: 'docs' });
    expect(docs).toHaveAttribute('href', 'https://example.com/runbook');
    expect(docs).toHaveAttribute('rel', expect.stringContaining('noopener'));
  });

  it('shows images as links instead of loading them', () => {
    const root = render('![rack photo](https://tracker.example/pixel.png)');
    expect(root.querySelector('img')).toBeNull();
    expect(screen.getByRole('link', { name: 'rack photo' })).toHaveAttribute('href', 'https://tracker.example/pixel.png');
  });

  it('keeps single line breaks', () => {
    const root = render('line one\nline two');
    expect(root.querySelector('p')).toHaveStyle({ whiteSpace: 'pre-line' });
  });
});
