/**
 * Token formats with a recognisable shape that secretlint's recommended preset does not cover (or covers too
 * narrowly), after gitleaks' rule set: cloud, payments, chat and paging, observability, SaaS and CI tokens.
 *
 * Every pattern starts with a literal prefix (or a lookbehind of the class it repeats) and repeats only bounded
 * classes followed by a character outside them, so each is linear on any input (test/unit/regex-redos.test.ts).
 */
import { PRIORITY, type DetectedSecret } from './detectedSecret';
import { credentialKind } from './kinds';

interface NamedToken {
  slug: string;
  /** What the message calls it; the kind's name when absent. */
  kind?: string;
  /** Global, with the `d` flag when `group` is set. */
  pattern: RegExp;
  /** The capture group that is the secret (the whole match when absent). */
  group?: number;
  /**
   * What every match contains (one of the strings; the text around a lookbehind counts): a text without it is not
   * searched with the pattern. The cheap test spares most texts most of the 60 searches.
   */
  needs?: string | string[] | RegExp;
}

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';
const named = (slug: string, source: string, options: { group?: number; kind?: string; flags?: string; needs?: NamedToken['needs'] } = {}): NamedToken => ({
  slug,
  kind: options.kind,
  group: options.group,
  needs: options.needs,
  pattern: new RegExp(source, `g${options.group ? 'd' : ''}${options.flags ?? ''}`),
});

const TOKENS: NamedToken[] = [
  // secretlint's AWS and OpenAI patterns end in `\b`, which fails when a key ends in `-` (1 in 32 OpenAI keys) or in
  // `/`, `+`, `=` before a blank (AWS); these end at the first character outside the key's alphabet instead.
  named('aws-secret-key', `(?<![A-Za-z0-9])(?:aws_?)?secret_?access_?key["']?[ \t]{0,8}(?::|=>|=)[ \t]{0,8}["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])`, { needs: /secret/i, group: 1, flags: 'i' }),
  named('openai-api-key', `${B}sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}${E}`, { needs: 'T3BlbkFJ' }),
  named('gcp-api-key', `${B}AIza[A-Za-z0-9_-]{35}${E}`, { needs: 'AIza' }),
  named('azure-storage-key', `AccountKey=([A-Za-z0-9+/]{86}==)`, { needs: 'AccountKey=', group: 1 }),
  named('azure-sas-token', `[?&]sig=([A-Za-z0-9%+/=]{30,200})(?![A-Za-z0-9%+/=])`, { needs: 'sig=', group: 1 }),
  named('azure-ad-client-secret', `(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])`, { needs: 'Q~' }),
  named('digitalocean-token', `${B}do[opr]_v1_[a-f0-9]{64}${E}`, { needs: '_v1_' }),
  named('alibaba-access-key', `${B}LTAI[A-Za-z0-9]{20}${E}`, { needs: 'LTAI' }),
  named('heroku-api-key', `${B}HRKU-AA[A-Za-z0-9_-]{58}${E}`, { needs: 'HRKU-AA' }),
  named('flyio-token', `${B}(?:fo1_[A-Za-z0-9_-]{43}|fm(?:1[ar]|2)_[A-Za-z0-9+/]{100,2000}={0,3})(?![A-Za-z0-9_+/=-])`, { needs: ['fo1_', 'fm1', 'fm2_'] }),
  named('stripe-key', `(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,247}(?![A-Za-z0-9])`, { needs: ['_live_', '_test_', '_prod_'] }),
  named('stripe-webhook-secret', `${B}whsec_[A-Za-z0-9+/=]{32,88}(?![A-Za-z0-9+/=])`, { needs: 'whsec_' }),
  named('square-access-token', `${B}(?:EAAA|sq0atp-|sq0csp-)[A-Za-z0-9_-]{22,60}${E}`, { needs: ['EAAA', 'sq0atp-', 'sq0csp-'] }),
  named('braintree-access-token', `access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}(?![a-f0-9])`, { needs: 'access_token$' }),
  named('discord-webhook', `https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/([A-Za-z0-9_-]{60,68})${E}`, { needs: '/api/webhooks/', group: 1 }),
  // After `bot` in the API's URL path, or at the start of a word (not inside `clm02122:AgencyIdentification...`).
  named('telegram-bot-token', `(?:(?<=/bot)|${B})[0-9]{5,16}:A[A-Za-z0-9_-]{34}${E}`, { needs: ':A' }),
  named('microsoft-teams-webhook', `https://[A-Za-z0-9-]{1,63}\\.webhook\\.office\\.com/webhookb2/[A-Za-z0-9@-]{20,200}/IncomingWebhook/[A-Za-z0-9]{32}/[A-Za-z0-9-]{36}(?![A-Za-z0-9-])`, { needs: '.webhook.office.com/' }),
  named('sendgrid-api-key', `${B}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${E}`, { needs: 'SG.' }),
  named('mailgun-api-key', `(?<![A-Za-z0-9])key-[a-f0-9]{32}(?![A-Za-z0-9])`, { needs: 'key-' }),
  named('mailchimp-api-key', `(?<![A-Za-z0-9])[a-f0-9]{32}-us[0-9]{1,2}(?![A-Za-z0-9])`, { needs: '-us' }),
  named('new-relic-key', `${B}NR(?:AK|II|JS|AA)-[A-Za-z0-9-]{19,32}(?![A-Za-z0-9-])`, { needs: 'NR' }),
  named('grafana-token', `${B}eyJrIjoi[A-Za-z0-9]{70,400}={0,3}(?![A-Za-z0-9=])`, { needs: 'eyJrIjoi', kind: 'Grafana API key' }),
  named('sentry-token', `${B}(?:sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/=_]{50,600})(?![A-Za-z0-9+/=_])`, { needs: ['sntryu_', 'sntrys_'] }),
  named('dynatrace-token', `${B}dt0c01\\.[A-Za-z0-9]{24}\\.[A-Za-z0-9]{64}(?![A-Za-z0-9])`, { needs: 'dt0c01.' }),
  named('atlassian-api-token', `${B}ATATT3[A-Za-z0-9_=-]{150,220}(?![A-Za-z0-9_=-])`, { needs: 'ATATT3' }),
  named('postman-api-key', `${B}PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9])`, { needs: 'PMAK-' }),
  named('doppler-token', `${B}dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}(?![A-Za-z0-9])`, { needs: 'dp.' }),
  named('age-secret-key', `AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Z0-9])`, { needs: 'AGE-SECRET-KEY-1' }),
  named('pypi-token', `${B}pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}${E}`, { needs: 'pypi-AgEIcHlwaS5vcmc' }),
  named('artifactory-token', `(?<![A-Za-z0-9])(?:AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})(?![A-Za-z0-9])`, { needs: ['AKCp', 'cmVmd'] }),
  named('terraform-cloud-token', `(?<![A-Za-z0-9])[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])`, { needs: '.atlasv1.' }),
  named('rubygems-token', `${B}rubygems_[a-f0-9]{48}(?![A-Za-z0-9])`, { needs: 'rubygems_' }),
  named('1password-token', `${B}ops_eyJ[A-Za-z0-9+/]{250,4000}={0,3}(?![A-Za-z0-9+/=])`, { needs: 'ops_eyJ' }),
  named('buildkite-token', `${B}bkua_[a-f0-9]{40}(?![A-Za-z0-9])`, { needs: 'bkua_' }),
  named('sonar-token', `${B}sq[upa]_[a-f0-9]{40}(?![A-Za-z0-9])`, { needs: ['squ_', 'sqp_', 'sqa_'] }),
  // Routable tokens (`glpat-...`, `glrt-...`) end in `.` and a 9-character checksum part secretlint's pattern leaves out.
  named('gitlab-token', `${B}(?:gl(?:pat|rt|dt|ptt|ft|imt|soat|cbt|agent|oas|ffct)-[A-Za-z0-9_-]{20,300}(?:\\.[0-9a-z]{9})?|GR1348941[A-Za-z0-9_-]{20})${E}`, { needs: ['gl', 'GR1348941'] }),
  named('openshift-token', `${B}sha256~[A-Za-z0-9_-]{43}${E}`, { needs: 'sha256~' }),
  // Slack, after gitleaks' rules (secretlint's rule is off: its pattern stops 40 characters into a segment, leaving an
  // app token's 64-hex secret, takes `xoxb-xoxb-my-bot-token` or `xoxo-indieweb-1` for tokens, and backtracks).
  named('slack-token', `${B}(?:xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,48}|xox[pe](?:-[0-9]{8,14}){3}-[A-Za-z0-9]{28,34}|xox[os]-[0-9]{6,14}-[0-9]{6,14}-[0-9]{6,14}-[A-Fa-f0-9]{8,64}|xox[ar]-(?:[0-9]-)?[A-Za-z0-9]{8,48}(?:-[A-Za-z0-9]{1,48}){0,4}|xapp-[0-9]-[A-Za-z0-9]{8,14}-[0-9]{8,16}-[A-Za-z0-9]{32,80}|xoxe\\.xox[bp]-[0-9]-[A-Za-z0-9]{140,180}|xoxe-[0-9]-[A-Za-z0-9]{140,160})${E}`, { needs: ['xox', 'xapp-'] }),
  named('slack-webhook', `(?<![A-Za-z0-9.-])(?:https?://)?hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{30,160}(?![A-Za-z0-9+/])`, { needs: 'hooks.slack.com/' }),
  named('discord-bot-token', `${B}[MNO][A-Za-z0-9]{23,25}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27,38}${E}`),
  named('twilio-api-key', `(?<![A-Za-z0-9])SK[0-9a-fA-F]{32}(?![A-Za-z0-9])`, { needs: 'SK' }),
  named('brevo-api-key', `${B}xkeysib-[a-f0-9]{64}-[A-Za-z0-9]{16}${E}`, { needs: 'xkeysib-' }),
  named('aws-bedrock-api-key', `(?<![A-Za-z0-9+/])(?:ABSK[A-Za-z0-9+/]{109,269}={0,2}|bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{20,2000}={0,2})(?![A-Za-z0-9+/=])`, { needs: ['ABSK', 'bedrock-api-key-'] }),
  named('cloudflare-origin-ca-key', `${B}v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}(?![A-Za-z0-9])`, { needs: 'v1.0-' }),
  named('pulumi-token', `${B}pul-[a-f0-9]{40}(?![A-Za-z0-9])`, { needs: 'pul-' }),
  named('1password-secret-key', `${B}A3-[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}${E}`, { needs: 'A3-' }),
  named('planetscale-token', `${B}pscale_(?:pw|tkn|oauth)_[A-Za-z0-9=_.-]{32,64}(?![A-Za-z0-9=_.-])`, { needs: 'pscale_' }),
  named('easypost-api-token', `${B}EZ[AT]K[A-Za-z0-9]{54}(?![A-Za-z0-9])`, { needs: 'EZ' }),
  named('shippo-api-token', `${B}shippo_(?:live|test)_[a-fA-F0-9]{40}(?![A-Za-z0-9])`, { needs: 'shippo_' }),
  named('duffel-api-token', `${B}duffel_(?:test|live)_[A-Za-z0-9_=-]{43}(?![A-Za-z0-9_=-])`, { needs: 'duffel_' }),
  named('clojars-token', `${B}CLOJARS_[A-Za-z0-9]{60}(?![A-Za-z0-9])`, { needs: 'CLOJARS_' }),
  named('sourcegraph-token', `${B}sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}(?![A-Za-z0-9])`, { needs: 'sgp_' }),
  named('infracost-api-token', `(?<![A-Za-z0-9_.-])ico-[A-Za-z0-9]{32}(?![A-Za-z0-9])`, { needs: 'ico-' }),
  named('perplexity-api-key', `${B}pplx-[A-Za-z0-9]{48}(?![A-Za-z0-9])`, { needs: 'pplx-' }),
  named('facebook-access-token', `(?<![A-Za-z0-9])EAA[MC][A-Za-z0-9]{100,400}(?![A-Za-z0-9])`, { needs: 'EAA' }),
  named('anthropic-api-key', `${B}sk-ant-(?:admin01|api03)-[A-Za-z0-9_-]{93}AA${E}`, { needs: 'sk-ant-' }),
  named('huggingface-token', `${B}api_org_[A-Za-z]{34}${E}`, { needs: 'api_org_', kind: 'Hugging Face organization API token' }),
  named('kubernetes-bootstrap-token', `(?<=token[= \\t"':]{1,3})[a-z0-9]{6}\\.[a-z0-9]{16}(?![a-z0-9])`, { needs: 'token' }),
];

// Sidekiq Enterprise's gem server credentials are `user:password`, 8 hex digits each: a shape only contribsys.com near
// it makes a credential (`BUNDLE_ENTERPRISE__CONTRIBSYS__COM=...`, `https://...@enterprise.contribsys.com/`).
const SIDEKIQ_PAIR = /(?<![A-Za-z0-9:])[a-f0-9]{8}:[a-f0-9]{8}(?![A-Za-z0-9:])/g;
const SIDEKIQ_CONTEXT = /contribsys/i;

/** Tokens of the formats above, each with its kind's slug and name. */
export function findNamedTokens(text: string): DetectedSecret[] {
  const found: DetectedSecret[] = [];
  if (SIDEKIQ_CONTEXT.test(text)) {
    const kind = credentialKind('sidekiq-secret');
    for (const match of text.matchAll(SIDEKIQ_PAIR)) {
      const start = match.index ?? 0;
      const end = start + match[0].length;
      if (!SIDEKIQ_CONTEXT.test(text.slice(Math.max(0, start - 100), end + 60))) continue;
      found.push({ slug: kind.slug, kind: kind.name, envName: kind.envName, start, end, priority: PRIORITY.named });
    }
  }
  for (const token of TOKENS) {
    if (!mayMatch(text, token.needs)) continue;
    const kind = credentialKind(token.slug);
    for (const match of text.matchAll(token.pattern)) {
      const [start, end] = token.group ? match.indices?.[token.group] ?? [0, 0] : [match.index ?? 0, (match.index ?? 0) + match[0].length];
      found.push({ slug: token.slug, kind: token.kind ?? kind.name, envName: kind.envName, start, end, priority: PRIORITY.named });
    }
  }
  return found;
}

function mayMatch(text: string, needs: NamedToken['needs']): boolean {
  if (needs === undefined) return true;
  if (typeof needs === 'string') return text.includes(needs);
  if (needs instanceof RegExp) return needs.test(text);
  return needs.some((literal) => text.includes(literal));
}
