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
}

const B = '(?<![A-Za-z0-9_-])';
const E = '(?![A-Za-z0-9_-])';
const named = (slug: string, source: string, options: { group?: number; kind?: string; flags?: string } = {}): NamedToken => ({
  slug,
  kind: options.kind,
  group: options.group,
  pattern: new RegExp(source, `g${options.group ? 'd' : ''}${options.flags ?? ''}`),
});

const TOKENS: NamedToken[] = [
  // secretlint's AWS and OpenAI patterns end in `\b`, which fails when a key ends in `-` (1 in 32 OpenAI keys) or in
  // `/`, `+`, `=` before a blank (AWS); these end at the first character outside the key's alphabet instead.
  named('aws-secret-key', `(?<![A-Za-z0-9])(?:aws_?)?secret_?access_?key["']?[ \t]{0,8}(?::|=>|=)[ \t]{0,8}["']?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])`, { group: 1, flags: 'i' }),
  named('openai-api-key', `${B}sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}${E}`),
  named('gcp-api-key', `${B}AIza[A-Za-z0-9_-]{35}${E}`),
  named('azure-storage-key', `AccountKey=([A-Za-z0-9+/]{86}==)`, { group: 1 }),
  named('azure-sas-token', `[?&]sig=([A-Za-z0-9%+/=]{30,200})(?![A-Za-z0-9%+/=])`, { group: 1 }),
  named('azure-ad-client-secret', `(?<![A-Za-z0-9_~.-])[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}(?![A-Za-z0-9_~.-])`),
  named('digitalocean-token', `${B}do[opr]_v1_[a-f0-9]{64}${E}`),
  named('alibaba-access-key', `${B}LTAI[A-Za-z0-9]{20}${E}`),
  named('heroku-api-key', `${B}HRKU-AA[A-Za-z0-9_-]{58}${E}`),
  named('flyio-token', `${B}(?:fo1_[A-Za-z0-9_-]{43}|fm2_[A-Za-z0-9+/]{100,2000}={0,3})(?![A-Za-z0-9_+/=-])`),
  named('stripe-key', `(?<![A-Za-z0-9])(?:sk|rk)_(?:live|test|prod)_[A-Za-z0-9]{10,247}(?![A-Za-z0-9])`),
  named('stripe-webhook-secret', `${B}whsec_[A-Za-z0-9+/=]{32,88}(?![A-Za-z0-9+/=])`),
  named('square-access-token', `${B}(?:EAAA|sq0atp-|sq0csp-)[A-Za-z0-9_-]{22,60}${E}`),
  named('braintree-access-token', `access_token\\$(?:production|sandbox)\\$[a-z0-9]{16}\\$[a-f0-9]{32}(?![a-f0-9])`),
  named('discord-webhook', `https://(?:ptb\\.|canary\\.)?discord(?:app)?\\.com/api/webhooks/[0-9]{17,20}/([A-Za-z0-9_-]{60,68})${E}`, { group: 1 }),
  named('telegram-bot-token', `(?<![0-9])[0-9]{8,10}:AA[A-Za-z0-9_-]{33}${E}`),
  named('microsoft-teams-webhook', `https://[A-Za-z0-9-]{1,63}\\.webhook\\.office\\.com/webhookb2/[A-Za-z0-9@-]{20,200}/IncomingWebhook/[a-f0-9]{32}/[a-f0-9-]{36}(?![a-f0-9-])`),
  named('sendgrid-api-key', `${B}SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}${E}`),
  named('mailgun-api-key', `(?<![A-Za-z0-9])key-[a-f0-9]{32}(?![A-Za-z0-9])`),
  named('mailchimp-api-key', `(?<![A-Za-z0-9])[a-f0-9]{32}-us[0-9]{1,2}(?![A-Za-z0-9])`),
  named('new-relic-key', `${B}NR(?:AK|II|JS|AA)-[A-Z0-9]{19,32}(?![A-Za-z0-9])`),
  named('grafana-token', `${B}eyJrIjoi[A-Za-z0-9]{70,400}={0,3}(?![A-Za-z0-9=])`, { kind: 'Grafana API key' }),
  named('sentry-token', `${B}(?:sntryu_[a-f0-9]{64}|sntrys_eyJ[A-Za-z0-9+/=_]{50,600})(?![A-Za-z0-9+/=_])`),
  named('dynatrace-token', `${B}dt0c01\\.[A-Z0-9]{24}\\.[A-Z0-9]{64}(?![A-Za-z0-9])`),
  named('atlassian-api-token', `${B}ATATT3[A-Za-z0-9_=-]{150,220}(?![A-Za-z0-9_=-])`),
  named('postman-api-key', `${B}PMAK-[a-f0-9]{24}-[a-f0-9]{34}(?![A-Za-z0-9])`),
  named('doppler-token', `${B}dp\\.(?:pt|st|sa|ct|scim|audit)\\.[A-Za-z0-9]{40,44}(?![A-Za-z0-9])`),
  named('age-secret-key', `AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}(?![A-Z0-9])`),
  named('pypi-token', `${B}pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,1000}${E}`),
  named('artifactory-token', `(?<![A-Za-z0-9])(?:AKCp[A-Za-z0-9]{69}|cmVmd[A-Za-z0-9]{59})(?![A-Za-z0-9])`),
  named('terraform-cloud-token', `(?<![A-Za-z0-9])[A-Za-z0-9]{14}\\.atlasv1\\.[A-Za-z0-9_=-]{60,70}(?![A-Za-z0-9_=-])`),
  named('rubygems-token', `${B}rubygems_[a-f0-9]{48}(?![A-Za-z0-9])`),
  named('1password-token', `${B}ops_eyJ[A-Za-z0-9+/]{250,4000}={0,3}(?![A-Za-z0-9+/=])`),
  named('buildkite-token', `${B}bkua_[a-f0-9]{40}(?![A-Za-z0-9])`),
  named('sonar-token', `${B}sq[upa]_[a-f0-9]{40}(?![A-Za-z0-9])`),
  named('gitlab-token', `${B}(?:gl(?:rt|dt|ptt|ft|imt|soat|cbt|agent|oas|ffct)-[A-Za-z0-9_-]{20,64}|GR1348941[A-Za-z0-9_-]{20})${E}`),
  named('openshift-token', `${B}sha256~[A-Za-z0-9_-]{43}${E}`),
  named('kubernetes-bootstrap-token', `(?<=token[= \\t"':]{1,3})[a-z0-9]{6}\\.[a-z0-9]{16}(?![a-z0-9])`),
];

/** Tokens of the formats above, each with its kind's slug and name. */
export function findNamedTokens(text: string): DetectedSecret[] {
  const found: DetectedSecret[] = [];
  for (const token of TOKENS) {
    const kind = credentialKind(token.slug);
    for (const match of text.matchAll(token.pattern)) {
      const [start, end] = token.group ? match.indices?.[token.group] ?? [0, 0] : [match.index ?? 0, (match.index ?? 0) + match[0].length];
      found.push({ slug: token.slug, kind: token.kind ?? kind.name, envName: kind.envName, start, end, priority: PRIORITY.named });
    }
  }
  return found;
}
