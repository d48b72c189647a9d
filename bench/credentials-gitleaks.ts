/**
 * Recall and false positives measured against gitleaks' own examples: every true-positive line of every rule of a
 * gitleaks checkout (bench/gitleaks-examples.ts reads them at run time; nothing of gitleaks is copied here) counts as
 * caught when lint finds a credential in it AND redaction leaves no 8-character piece of the secret gitleaks' regex
 * reports. False-positive lines count when lint finds anything. Rules for public identifiers (client ids, publishable
 * keys) are reported apart: they are not secrets and runbooks may hold them.
 * Usage: npx tsx bench/credentials-gitleaks.ts <gitleaks checkout> [engine index.ts] [--misses] [--fps]
 * (a checkout: the `fetch` tool's mirror, `git -C <mirror> archive HEAD cmd/generate | tar -x -C /tmp/gl`)
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { gitleaksSecret, readGitleaksRules, type GitleaksRule } from './gitleaks-examples';
import { withSeed } from '../test/unit/credentials-secrets';

interface Engine {
  redactSecrets(text: string): Promise<string>;
  findCredentials(text: string): Promise<unknown[]>;
}

/** Rule id (prefix) -> group, first match wins. */
const GROUPS: Array<[string, RegExp]> = [
  ['public identifiers', /client-id$|access-id$|-api-id$|pub-key$|pub-api-key$|public-key$/],
  ['private keys', /^(?:private-key|pkcs12-file|age-secret-key)/],
  ['cloud', /^(?:aws|azure|gcp|alibaba|cloudflare|digitalocean|heroku|flyio|yandex|scalingo|fastly|netlify|hashicorp|vault|pulumi|databricks|openshift|kubernetes|defined-networking|cisco-meraki|settlemint|confluent|doppler|1password|infracost)/],
  ['payments', /^(?:stripe|square|shopify|plaid|coinbase|kraken|kucoin|bittrex|flutterwave|gocardless|finicity|duffel|shippo|easypost|freemius)/],
  ['chat and paging', /^(?:slack|discord|microsoft-teams|telegram|mattermost|gitter|twilio|messagebird|sendbird|sendgrid|sendinblue|mailgun|mailchimp|intercom|zendesk|beamer)/],
  ['observability', /^(?:datadog|new-relic|grafana|sentry|sumologic|dynatrace|launchdarkly)/],
  ['source hosting and CI', /^(?:github|gitlab|bitbucket|npm|pypi|rubygems|nuget|clojars|droneci|travisci|codecov|artifactory|jfrog|octopus|harness|sonar|sourcegraph|snyk|prefect|sidekiq|readme)/],
  ['databases', /^(?:planetscale|clickhouse)/],
  ['generic', /^(?:generic|curl|jwt)/],
  ['SaaS and AI APIs', /./],
];

const groupOf = (id: string): string => GROUPS.find(([, re]) => re.test(id))![0];

function piecesLeft(text: string, secret: string): number {
  let left = 0;
  for (let i = 0; i + 8 <= secret.length; i++) if (text.includes(secret.slice(i, i + 8))) left++;
  return left;
}

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const root = args[0];
  if (!root) throw new Error('usage: credentials-gitleaks.ts <gitleaks checkout> [engine index.ts] [--misses] [--fps]');
  const enginePath = args[1] ?? path.join(__dirname, '..', 'server', 'src', 'engine', 'credentials', 'index.ts');
  const engine = (await import(pathToFileURL(path.resolve(enginePath)).href)) as Engine;
  const rules: GitleaksRule[] = withSeed(process.env.CREDENTIALS_SEED ?? 'gitleaks-1', () => readGitleaksRules(root));
  const stats = new Map<string, { lines: number; caught: number; rules: Set<string>; fps: number; flagged: number }>();
  const misses: string[] = [];
  const flagged: string[] = [];
  let skipped = 0;
  for (const rule of rules) {
    const group = groupOf(rule.id);
    const s = stats.get(group) ?? { lines: 0, caught: 0, rules: new Set<string>(), fps: 0, flagged: 0 };
    stats.set(group, s);
    s.rules.add(rule.id);
    skipped += rule.skipped;
    for (const line of rule.truePositives) {
      s.lines++;
      const secret = gitleaksSecret(rule, line) ?? line.trim();
      const found = (await engine.findCredentials(line)).length > 0;
      const left = piecesLeft(await engine.redactSecrets(line), secret);
      if (found && left === 0) s.caught++;
      else misses.push(`${group} ${rule.id}: ${found ? `${left} pieces left` : 'not found'}: ${JSON.stringify(line)}  secret ${JSON.stringify(secret)}`);
    }
    for (const line of rule.falsePositives) {
      s.fps++;
      if ((await engine.findCredentials(line)).length > 0) {
        s.flagged++;
        flagged.push(`${group} ${rule.id}: ${JSON.stringify(line)}`);
      }
    }
  }
  const rows = ['| group | rules | true-positive lines | caught | recall | false-positive lines | flagged |', '| --- | --- | --- | --- | --- | --- | --- |'];
  const total = { rules: 0, lines: 0, caught: 0, fps: 0, flagged: 0 };
  for (const [group] of GROUPS) {
    const s = stats.get(group);
    if (!s) continue;
    rows.push(`| ${group} | ${s.rules.size} | ${s.lines} | ${s.caught} | ${(100 * s.caught / s.lines).toFixed(1)}% | ${s.fps} | ${s.flagged} |`);
    if (group === 'public identifiers') continue;
    total.rules += s.rules.size; total.lines += s.lines; total.caught += s.caught; total.fps += s.fps; total.flagged += s.flagged;
  }
  rows.push(`| all secrets (without public identifiers) | ${total.rules} | ${total.lines} | ${total.caught} | ${(100 * total.caught / total.lines).toFixed(1)}% | ${total.fps} | ${total.flagged} |`);
  console.log(rows.join('\n'));
  console.log(`\nrules read: ${rules.length}; tps/fps statements outside the evaluated Go subset: ${skipped}`);
  if (process.argv.includes('--misses')) console.log(`\nmissed:\n${misses.join('\n')}`);
  if (process.argv.includes('--fps')) console.log(`\nfalse positives flagged:\n${flagged.join('\n')}`);
}

void main();
