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
import { piecesLeft } from '../test/unit/credentials-gitleaks';
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

/**
 * True-positive examples we judge placeholders, not secrets (sequences, one repeated character, EXAMPLE, `fake`):
 * reported in their own column, since not flagging them is the point.
 */
const JUDGED_PLACEHOLDERS = [
  /12345678-ABCD-ABCD-ABCD-1234567890AB/, /12345678ABCDEFH1234567890ABCDEFH12345678/, /AGE-SECRET-KEY-1Q{58}/,
  /xoxa-2-511111111/, /xoxb-123456789012-/, /EXAMPLEEXAMPLE/, /abc123xyz|abc12fake/, /sq0atp-812erere3wewew45678901/,
];

async function main(): Promise<void> {
  const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const root = args[0];
  if (!root) throw new Error('usage: credentials-gitleaks.ts <gitleaks checkout> [engine index.ts] [--misses] [--fps]');
  const enginePath = args[1] ?? path.join(__dirname, '..', 'server', 'src', 'engine', 'credentials', 'index.ts');
  const engine = (await import(pathToFileURL(path.resolve(enginePath)).href)) as Engine;
  const rules: GitleaksRule[] = withSeed(process.env.CREDENTIALS_SEED ?? 'gitleaks-1', () => readGitleaksRules(root));
  const stats = new Map<string, { lines: number; caught: number; rules: Set<string>; fps: number; flagged: number; placeholders: number; placeholdersFlagged: number; runbookLines: number; runbookCaught: number }>();
  const misses: string[] = [];
  const flagged: string[] = [];
  const invalid: string[] = [];
  let skipped = 0;
  for (const rule of rules) {
    const group = groupOf(rule.id);
    const s = stats.get(group) ?? { lines: 0, caught: 0, rules: new Set<string>(), fps: 0, flagged: 0, placeholders: 0, placeholdersFlagged: 0, runbookLines: 0, runbookCaught: 0 };
    stats.set(group, s);
    s.rules.add(rule.id);
    skipped += rule.skipped;
    for (const line of rule.truePositives) {
      let secret = gitleaksSecret(rule, line);
      // An example the rule's own regex does not match (a generator quirk: `[\\-_]` is a range in RE2), or an empty one (pkcs12-file's are file names), is no example.
      if ((rule.regex && secret === undefined) || line.trim() === '') {
        invalid.push(`${rule.id}: ${JSON.stringify(line)}`);
        continue;
      }
      if (JUDGED_PLACEHOLDERS.some((re) => re.test(line))) {
        s.placeholders++;
        if ((await engine.findCredentials(line)).length > 0) s.placeholdersFlagged++;
        continue;
      }
      s.lines++;
      if (secret && secret.length >= 8 && !/\s/.test(secret)) {
        // The same secret where a runbook holds it: shell, YAML, JSON.
        const name = rule.id.toUpperCase().replace(/[^A-Z0-9]/g, '_');
        for (const runbookLine of [`export ${name}_TOKEN=${secret}`, `${rule.id.replace(/-/g, '_')}_token: "${secret}"`, `{"${rule.id}-secret": "${secret}"}`]) {
          s.runbookLines++;
          if ((await engine.findCredentials(runbookLine)).length > 0 && piecesLeft(await engine.redactSecrets(runbookLine), runbookLine, secret).length === 0) s.runbookCaught++;
          else misses.push(`${group} ${rule.id}: in runbook syntax: ${JSON.stringify(runbookLine)}`);
        }
      }
      // kubernetes-secret-yaml's secret group holds the data key too (`password: <base64>`): the value is the secret.
      if (secret && rule.id === 'kubernetes-secret-yaml') secret = secret.replace(/^[\w.-]+:[ \t]*(?:[|>][-+]?\s*)?["']?/, '');
      const found = (await engine.findCredentials(line)).length > 0;
      const left = piecesLeft(await engine.redactSecrets(line), line, secret ?? line.trim()).length;
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
  const rows = [
    '| group | rules | true-positive lines | caught | recall | with judged placeholders | in runbook syntax | false-positive lines | flagged |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  const total = { rules: 0, lines: 0, caught: 0, fps: 0, flagged: 0, placeholders: 0, placeholdersFlagged: 0, runbookLines: 0, runbookCaught: 0 };
  const percent = (a: number, b: number): string => (b === 0 ? '-' : `${(100 * a / b).toFixed(1)}%`);
  const row = (name: string, t: typeof total): string => `| ${name} | ${t.rules} | ${t.lines} | ${t.caught} | ${percent(t.caught, t.lines)} | `
    + `${percent(t.caught + t.placeholdersFlagged, t.lines + t.placeholders)} of ${t.lines + t.placeholders} | ${percent(t.runbookCaught, t.runbookLines)} of ${t.runbookLines} | ${t.fps} | ${t.flagged} |`;
  for (const [group] of GROUPS) {
    const s = stats.get(group);
    if (!s) continue;
    const t = { ...s, rules: s.rules.size };
    rows.push(row(group, t));
    if (group === 'public identifiers') continue;
    for (const k of Object.keys(total) as Array<keyof typeof total>) total[k] += t[k];
  }
  rows.push(row('all secrets (without public identifiers)', total));
  console.log(rows.join('\n'));
  console.log(`\nrules read: ${rules.length}; tps/fps statements outside the evaluated Go subset: ${skipped}; true positives the rule's own regex does not match (left out): ${invalid.length}`);
  if (process.argv.includes('--invalid')) console.log(`\ninvalid:\n${invalid.join('\n')}`);
  if (process.argv.includes('--misses')) console.log(`\nmissed:\n${misses.join('\n')}`);
  if (process.argv.includes('--fps')) console.log(`\nfalse positives flagged:\n${flagged.join('\n')}`);
}

void main();
