import MarkdownIt from 'markdown-it';

/**
 * A README (Markdown written by any creator) as HTML that is safe to put in the page.
 *
 * - `html: false`: raw HTML in the source is escaped and shows as text, so `<script>`, `<iframe>`
 *   or `<img onerror>` never become elements.
 * - markdown-it's own `validateLink` refuses `javascript:`, `vbscript:`, `file:` and `data:` URLs
 *   (such a link stays as its text); on top of that only http(s), mailto and relative links are
 *   kept, so a scheme the library would allow (say `tel:` or a custom one) is text too.
 * - No images: the page's Content-Security-Policy allows none from other hosts, and a README's
 *   image would tell a third party who looks at the spell. An image becomes a link to it (when its
 *   address is https) labelled with its alt text.
 * - Every link opens in a new tab with `rel="noopener noreferrer nofollow"`: the spell page leaks
 *   nothing to it, and the platform vouches for none of them.
 */
const markdown = new MarkdownIt({ html: false, linkify: true, typographer: false });

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;
const ALLOWED_SCHEMES = new Set(['http', 'https', 'mailto']);
const HTTPS = /^https:\/\//i;

const defaultValidate = markdown.validateLink.bind(markdown);
markdown.validateLink = (url) => {
  const scheme = SCHEME.exec(url.trim())?.[1]?.toLowerCase();
  return defaultValidate(url) && (scheme === undefined || ALLOWED_SCHEMES.has(scheme));
};

markdown.renderer.rules.link_open = (tokens, index, options, _env, self) => {
  const token = tokens[index];
  if (token) {
    token.attrSet('target', '_blank');
    token.attrSet('rel', 'noopener noreferrer nofollow');
  }
  return self.renderToken(tokens, index, options);
};

markdown.renderer.rules.image = (tokens, index) => {
  const token = tokens[index];
  if (!token) return '';
  const alt = markdown.utils.escapeHtml(token.content || 'image');
  const src = String(token.attrGet('src') ?? '');
  if (!HTTPS.test(src)) return `<span class="readme-image">[${alt}]</span>`;
  return `<a class="readme-image" href="${markdown.utils.escapeHtml(src)}" target="_blank" rel="noopener noreferrer nofollow">[image: ${alt}]</a>`;
};

/** The HTML of `source`, with every rule above applied. */
export function renderMarkdown(source: string): string {
  return markdown.render(source);
}
