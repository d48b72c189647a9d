// Text and attribute values made safe for HTML (and inline SVG): the history view's page is built host-side as text.

/** `&`, `<`, `>`, `"` and `'` as entities: safe in element content and in double- or single-quoted attributes. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}
