// A new runbook's file name from its title, without `vscode`: unit-tested.

/** `Checkout API: high error rate!` -> `checkout-api-high-error-rate.md`. */
export function fileNameFor(title: string): string {
  const slug = title.normalize('NFKD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60).replace(/-+$/, '');
  return `${slug || 'runbook'}.md`;
}
