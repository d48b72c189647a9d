/** The `links` rule: links, images and Hugo refs that lead nowhere. */
import { checkLinks } from '../links/check';
import type { LinkWorkspace } from '../links/workspace';
import { code, type RuleFamily } from './types';

/** A workspace with two runbooks in it and nothing else: every other file a link names is missing. */
const FILES = ['/runbooks/shop.md', '/runbooks/dashboards.md'];
const alone: LinkWorkspace = { root: '/runbooks', kind: (path) => (FILES.includes(path) ? 'file' : undefined), anchors: () => undefined };
const inWorkspace = (text: string) => ({ text, options: { links: { file: '/runbooks/shop.md', workspace: alone } } });

export const linksRule: RuleFamily = {
  id: 'links',
  source: 'runbook',
  docs: 'Links',
  description: 'A link, image or Hugo ref that leads nowhere: a missing file, an anchor no heading has, a page the site does not have.',
  check: (rb, o) => checkLinks(rb, o.links),
  codes: [
    code('links/no-such-file', 'warning', 'A relative link or image leads to a file or folder that does not exist.', {
      fix: 'Link to the same path with `.md`, or the name in another case (when that file exists).',
      example: inWorkspace('# Checkout slow\n\nSee [the dashboard notes](dashboards).\n'),
    }),
    code('links/no-such-heading', 'warning', 'A #anchor (in this runbook or the one linked) names no heading: GitHub, GitLab and Hugo slugs, {#id} and HTML ids count.', {
      fix: 'Link to the closest heading\'s anchor (when one is close).',
      example: { text: '# Checkout slow\n\n## Roll back\n\nSee [rolling back](#rol-back).\n' },
    }),
    code('links/hugo-ref', 'warning', 'A Hugo {{< ref >}} or {{< relref >}} names a page that does not exist.', {
      example: inWorkspace('# Checkout slow\n\nSee [the runbook]({{< ref "cart.md" >}}).\n'),
    }),
  ],
};
