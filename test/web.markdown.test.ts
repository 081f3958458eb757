import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../web/src/markdown/render-markdown.js';

/** The opening tags in `html`, as `name attributes…`, so a test can say which elements it would make. */
const tagsOf = (html: string) => [...html.matchAll(/<([a-z][a-z0-9]*)\b([^>]*)>/gi)].map((match) => ({ name: (match[1] ?? '').toLowerCase(), attributes: match[2] ?? '' }));
const hrefsOf = (html: string) => tagsOf(html).flatMap((tag) => [...tag.attributes.matchAll(/href="([^"]*)"/g)].map((match) => match[1]));

describe('web.markdown: a README as the spell page shows it', () => {
  it('renders headings, lists, code and emphasis', () => {
    const html = renderMarkdown('# Word counter\n\nCounts **words**.\n\n- lines\n- sentences\n\n```json\n{"text": "hi"}\n```\n');
    expect(tagsOf(html).map((tag) => tag.name)).toEqual(['h1', 'p', 'strong', 'ul', 'li', 'li', 'pre', 'code']);
    expect(html).toContain('{&quot;text&quot;: &quot;hi&quot;}');
  });

  it('shows raw HTML as text: <script>, <img onerror> and <iframe> make no element', () => {
    const source = [
      '<script>alert(1)</script>',
      '<img src="x" onerror="alert(1)">',
      '<iframe src="https://evil.example/"></iframe>',
      'inline <svg onload="alert(1)"></svg> and <a href="javascript:alert(1)">a</a>',
    ].join('\n\n');
    const html = renderMarkdown(source);
    const names = tagsOf(html).map((tag) => tag.name);
    for (const dangerous of ['script', 'img', 'iframe', 'svg']) expect(names).not.toContain(dangerous);
    expect(tagsOf(html).filter((tag) => /\bon[a-z]+=/i.test(tag.attributes))).toEqual([]);
    expect(hrefsOf(html).filter((href) => /^javascript:/i.test(href ?? ''))).toEqual([]);
    // The markup is still there to read, as text.
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&lt;img src=&quot;x&quot; onerror=&quot;alert(1)&quot;&gt;');
  });

  it('makes no link of javascript:, data:, vbscript: or another scheme, however written', () => {
    const html = renderMarkdown(
      '[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](java&#x73;cript:alert(1)) [d](data:text/html;base64,PHNjcmlwdD4=) ' +
        '[e](vbscript:msgbox) [f](tel:123) [g]( javascript:alert(1))\n\n<javascript:alert(1)>',
    );
    expect(tagsOf(html).filter((tag) => tag.name === 'a')).toEqual([]);
    expect(html).toContain('[a](javascript:alert(1))');
  });

  it('opens http(s) and mailto links in a new tab with rel="noopener noreferrer nofollow"', () => {
    const html = renderMarkdown('[site](https://example.com/docs) [mail](mailto:ada@example.com) and https://auto.example/');
    const links = tagsOf(html).filter((tag) => tag.name === 'a');
    expect(links).toHaveLength(3);
    for (const link of links) {
      expect(link.attributes).toContain('rel="noopener noreferrer nofollow"');
      expect(link.attributes).toContain('target="_blank"');
    }
    expect(hrefsOf(html)).toEqual(['https://example.com/docs', 'mailto:ada@example.com', 'https://auto.example/']);
  });

  it('loads no image: an https image becomes a link to it, any other its alt text', () => {
    const html = renderMarkdown('![chart](https://img.example/chart.png) ![pixel](http://track.example/p.gif) ![local](/logo.png) ![x](data:image/png;base64,AAAA)');
    expect(tagsOf(html).map((tag) => tag.name)).not.toContain('img');
    expect(hrefsOf(html)).toEqual(['https://img.example/chart.png']);
    expect(html).toContain('[image: chart]');
    expect(html).toContain('[pixel]');
    expect(html).not.toContain('track.example');
  });
});
