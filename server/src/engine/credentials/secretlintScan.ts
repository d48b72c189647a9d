/**
 * The named token formats, from @secretlint/secretlint-rule-preset-recommend run in-process through @secretlint/core.
 * secretlint is loaded on the first scan, not with the bundle (a `lint --cache` run over an unchanged tree never
 * scans: its start-up should not pay for secretlint's modules); the config is then built once and secretlint's
 * profiler switched off (see load).
 */
import type { lintSource as LintSource } from '@secretlint/core';
import type { creator as RecommendedPreset } from '@secretlint/secretlint-rule-preset-recommend';
import type { SecretLintCoreConfig, SecretLintCoreConfigRule, SecretLintCoreResultMessage } from '@secretlint/types';
import { PRIORITY, type DetectedSecret } from './detectedSecret';

/** Options of the preset's own rules, and those switched off (left out of the preset below). */
const PRESET_RULES: Array<Omit<SecretLintCoreConfigRule, 'rule'>> = [
  // The access-key-id scan (AKIA...) is off by default in secretlint.
  { id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } },
  // `secretlint-disable` comments must not hide a secret from redaction; our own suppressions apply to findings only.
  { id: '@secretlint/secretlint-rule-filter-comments', disabled: true },
  // Scans .json/.p12 files only; a runbook is neither.
  { id: '@secretlint/secretlint-rule-gcp', disabled: true },
  // Needs a complete block of 100+ characters; privateKeys.ts also finds short (EC, Ed25519), encrypted and cut keys.
  { id: '@secretlint/secretlint-rule-privatekey', disabled: true },
  // namedTokens.ts has Slack's tokens and webhooks: this rule's token pattern stops 40 characters into a segment
  // (an app token's 64-hex secret was left), takes `xoxb-xoxb-my-bot-token` for a token, and backtracks
  // polynomially (100 KB of `xoxe.xoxp-1-` took 14 s).
  { id: '@secretlint/secretlint-rule-slack', disabled: true },
];
const DISABLED = new Set(PRESET_RULES.filter((rule) => rule.disabled).map((rule) => rule.id));

/**
 * The preset with its disabled rules left out: secretlint 12 ignores `disabled` on a preset's own rules (it honours it
 * for top-level rules only), so they are filtered where the preset registers them.
 */
function withoutDisabled(recommendedPreset: typeof RecommendedPreset): typeof RecommendedPreset {
  return {
    ...recommendedPreset,
    create(context, options) {
      recommendedPreset.create({
        ...context,
        registerRule: (rule, defaults) => {
          if (!DISABLED.has(rule.meta.id)) context.registerRule(rule, defaults);
        },
      }, options);
    },
  };
}

let secretlint: Promise<{ lintSource: typeof LintSource; config: SecretLintCoreConfig }> | undefined;

/** secretlint's scanner and our config of it, loaded once. */
function load(): Promise<{ lintSource: typeof LintSource; config: SecretLintCoreConfig }> {
  secretlint ??= Promise.all([
    import('@secretlint/core'), import('@secretlint/profiler'), import('@secretlint/secretlint-rule-preset-recommend'),
  ]).then(([core, profiler, recommended]) => {
    // secretlint 12.0.0 records a performance mark around every rule of every call and an observer keeps each one
    // forever: ~17 MiB of heap per 1,000 calls, and every call slower than the last. The marks are only used by its
    // CLI's `--profile`, so the mark method becomes a no-op (bench/secretlint-profiler.ts measures the difference).
    profiler.secretLintProfiler.mark = () => undefined;
    const preset = withoutDisabled(recommended.creator);
    return { lintSource: core.lintSource, config: { rules: [{ id: preset.meta.id, rule: preset, rules: PRESET_RULES }] } };
  });
  return secretlint;
}

/** messageId -> what we call it and the variable to use instead. */
const KINDS: Record<string, { slug: string; kind: string; envName: string } | undefined> = {
  AWSAccessKeyID: { slug: 'aws-access-key', kind: 'AWS access key ID', envName: 'AWS_ACCESS_KEY_ID' },
  AWSSecretAccessKey: { slug: 'aws-secret-key', kind: 'AWS secret access key', envName: 'AWS_SECRET_ACCESS_KEY' },
  PrivateKey: { slug: 'private-key', kind: 'Private key', envName: 'PRIVATE_KEY' },
  NPM_ACCESS_TOKEN: { slug: 'npm-token', kind: 'npm access token', envName: 'NPM_TOKEN' },
  Npmrc_authToken: { slug: 'npm-token', kind: 'npm auth token', envName: 'NPM_TOKEN' },
  BasicAuth: { slug: 'password-in-url', kind: 'Password in a URL', envName: 'BASIC_AUTH_PASSWORD' },
  OPENAI_TOKEN: { slug: 'openai-api-key', kind: 'OpenAI API key', envName: 'OPENAI_API_KEY' },
  ANTHROPIC_API_KEY: { slug: 'anthropic-api-key', kind: 'Anthropic API key', envName: 'ANTHROPIC_API_KEY' },
  GROQ_API_KEY: { slug: 'groq-api-key', kind: 'Groq API key', envName: 'GROQ_API_KEY' },
  HUGGINGFACE_USER_ACCESS_TOKEN: { slug: 'huggingface-token', kind: 'Hugging Face access token', envName: 'HF_TOKEN' },
  LINEAR_API_TOKEN: { slug: 'linear-api-key', kind: 'Linear API key', envName: 'LINEAR_API_KEY' },
  NOTION_INTEGRATION_TOKEN: { slug: 'notion-token', kind: 'Notion integration token', envName: 'NOTION_TOKEN' },
  SENDGRID_KEY: { slug: 'sendgrid-api-key', kind: 'SendGrid API key', envName: 'SENDGRID_API_KEY' },
  SHOPIFY_KEY: { slug: 'shopify-token', kind: 'Shopify access token', envName: 'SHOPIFY_ACCESS_TOKEN' },
  GITLAB_PERSONAL_ACCESS_TOKEN: { slug: 'gitlab-token', kind: 'GitLab personal access token', envName: 'GITLAB_TOKEN' },
  GRAFANA_CLOUD_API_TOKEN: { slug: 'grafana-token', kind: 'Grafana Cloud API token', envName: 'GRAFANA_CLOUD_TOKEN' },
  GRAFANA_SERVICE_ACCOUNT_TOKEN: { slug: 'grafana-token', kind: 'Grafana service account token', envName: 'GRAFANA_TOKEN' },
  OPS_TOKEN: { slug: '1password-token', kind: '1Password service account token', envName: 'OP_SERVICE_ACCOUNT_TOKEN' },
  MongoDBConnection: { slug: 'password-in-url', kind: 'Password in a MongoDB connection string', envName: 'MONGODB_PASSWORD' },
  MySQLConnection: { slug: 'password-in-url', kind: 'Password in a MySQL connection string', envName: 'MYSQL_PWD' },
  PostgreSQLConnection: { slug: 'password-in-url', kind: 'Password in a PostgreSQL connection string', envName: 'PGPASSWORD' },
  HASHICORP_VAULT_SERVICE_TOKEN: { slug: 'vault-token', kind: 'HashiCorp Vault service token', envName: 'VAULT_TOKEN' },
  HASHICORP_VAULT_BATCH_TOKEN: { slug: 'vault-token', kind: 'HashiCorp Vault batch token', envName: 'VAULT_TOKEN' },
  HASHICORP_VAULT_RECOVERY_TOKEN: { slug: 'vault-token', kind: 'HashiCorp Vault recovery token', envName: 'VAULT_TOKEN' },
  VERCEL_PERSONAL_ACCESS_TOKEN: { slug: 'vercel-token', kind: 'Vercel personal access token', envName: 'VERCEL_TOKEN' },
  VERCEL_INTEGRATION_TOKEN: { slug: 'vercel-token', kind: 'Vercel integration token', envName: 'VERCEL_TOKEN' },
  VERCEL_APP_ACCESS_TOKEN: { slug: 'vercel-token', kind: 'Vercel app access token', envName: 'VERCEL_TOKEN' },
  VERCEL_APP_REFRESH_TOKEN: { slug: 'vercel-token', kind: 'Vercel app refresh token', envName: 'VERCEL_TOKEN' },
  VERCEL_AI_GATEWAY_API_KEY: { slug: 'vercel-token', kind: 'Vercel AI Gateway API key', envName: 'AI_GATEWAY_API_KEY' },
  DATABRICKS_PERSONAL_ACCESS_TOKEN: { slug: 'databricks-token', kind: 'Databricks personal access token', envName: 'DATABRICKS_TOKEN' },
  DOCKER_PERSONAL_ACCESS_TOKEN: { slug: 'docker-hub-token', kind: 'Docker Hub personal access token', envName: 'DOCKER_TOKEN' },
  FIGMA_PERSONAL_ACCESS_TOKEN: { slug: 'figma-token', kind: 'Figma personal access token', envName: 'FIGMA_TOKEN' },
};

const GITHUB_KINDS: Record<string, string> = {
  ghp: 'GitHub personal access token',
  gho: 'GitHub OAuth access token',
  ghu: 'GitHub user-to-server token',
  ghs: 'GitHub server-to-server token',
  ghr: 'GitHub refresh token',
  github_pat: 'GitHub fine-grained personal access token',
};

/** Messages whose range is a whole `scheme://user:password@host/...` URL; the secret is only the password. */
const URL_PASSWORD_MESSAGES = new Set(['BasicAuth', 'MongoDBConnection', 'MySQLConnection', 'PostgreSQLConnection']);

/** Runs the recommended preset over the text and returns each secret with its exact offsets. */
export async function scanWithSecretlint(text: string): Promise<DetectedSecret[]> {
  const { lintSource, config } = await load();
  const result = await lintSource({
    source: { content: text, filePath: 'runbook.md', ext: '.md', contentType: 'text' },
    options: { config, noPhysicFilePath: true },
  });
  const found: DetectedSecret[] = [];
  for (const message of result.messages) {
    const secret = toDetectedSecret(text, message);
    if (secret) found.push(secret);
  }
  return found;
}

function toDetectedSecret(text: string, message: SecretLintCoreResultMessage): DetectedSecret | undefined {
  let [start, end] = message.range;
  if (message.messageId === 'GITHUB_TOKEN') {
    const prefix = text.startsWith('github_pat_', start) ? 'github_pat' : text.slice(start, start + 3);
    return { slug: 'github-token', kind: GITHUB_KINDS[prefix] ?? 'GitHub token', envName: 'GITHUB_TOKEN', start, end, priority: PRIORITY.named };
  }
  // An AWS account id is an identifier, not a credential (AWS documents it as safe to share).
  if (message.messageId === 'AWSAccountID') return undefined;
  const known = KINDS[message.messageId];
  if (message.messageId === 'AWSSecretAccessKey') {
    const key = awsSecretKeyRange(text, start);
    if (!key) return undefined;
    [start, end] = key;
  }
  if (URL_PASSWORD_MESSAGES.has(message.messageId)) {
    const password = urlPasswordRange(text, start, end);
    if (!password) return undefined;
    [start, end] = password;
  }
  return {
    slug: known?.slug ?? 'generic-credential',
    kind: known?.kind ?? `Secret (${message.ruleId.replace('@secretlint/secretlint-rule-', '')})`,
    envName: known?.envName ?? 'SECRET',
    start,
    end,
    priority: PRIORITY.named,
  };
}

// secretlint's own pattern, anchored where it reported: its range starts at the key but has the value's length.
const AWS_SECRET_ASSIGNMENT = /["']?(?:AWS|aws|Aws)?_?(?:SECRET|secret|Secret)_?(?:ACCESS|access|Access)_?(?:KEY|key|Key)["']?\s*(?::|=>|=)\s*["']?([A-Za-z0-9/+=]{40})["']?\b/dy;

/** The offsets of the 40-character value in `aws_secret_access_key = VALUE` whose match starts at `start`. */
function awsSecretKeyRange(text: string, start: number): [number, number] | undefined {
  AWS_SECRET_ASSIGNMENT.lastIndex = start;
  return AWS_SECRET_ASSIGNMENT.exec(text)?.indices?.[1];
}

/**
 * The password's offsets inside `scheme://user:password@...` between start and end. The user part holds no `:` and the
 * password no `@` in every secretlint pattern that reports a URL, so the first `:` and the next `@` delimit it.
 */
export function urlPasswordRange(text: string, start: number, end: number): [number, number] | undefined {
  const scheme = text.indexOf('://', start);
  if (scheme < 0 || scheme >= end) return undefined;
  const colon = text.indexOf(':', scheme + 3);
  if (colon < 0 || colon >= end) return undefined;
  const at = text.indexOf('@', colon + 1);
  if (at < 0 || at >= end || at === colon + 1) return undefined;
  return [colon + 1, at];
}
