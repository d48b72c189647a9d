/**
 * Every kind of credential the detectors report: a stable slug (the finding code is `credential/<slug>`, a released
 * interface: a slug keeps its meaning), a human name, a group for the README and the recall measurements, and the
 * environment variable a quick fix suggests. Slugs follow gitleaks' rule ids where one exists.
 */

export const CREDENTIAL_GROUPS = {
  cloud: 'Cloud providers',
  payments: 'Payments',
  'chat-paging': 'Chat, mail and paging',
  observability: 'Observability',
  saas: 'SaaS and AI APIs',
  'vcs-ci': 'Source control, CI and registries',
  infrastructure: 'Kubernetes, databases and private keys',
  generic: 'Generic: assignments, headers, URLs, command lines',
} as const;

export type CredentialGroup = keyof typeof CREDENTIAL_GROUPS;

export interface CredentialKind {
  slug: string;
  name: string;
  group: CredentialGroup;
  envName: string;
}

const kind = (slug: string, name: string, group: CredentialGroup, envName: string): CredentialKind => ({ slug, name, group, envName });

/** All kinds, grouped; the README's list is generated from the same data (see test/unit/credentials-kinds.test.ts). */
export const CREDENTIAL_KINDS: readonly CredentialKind[] = [
  kind('aws-access-key', 'AWS access key ID', 'cloud', 'AWS_ACCESS_KEY_ID'),
  kind('aws-secret-key', 'AWS secret access key', 'cloud', 'AWS_SECRET_ACCESS_KEY'),
  kind('gcp-api-key', 'Google Cloud API key', 'cloud', 'GOOGLE_API_KEY'),
  kind('azure-storage-key', 'Azure storage account key', 'cloud', 'AZURE_STORAGE_KEY'),
  kind('azure-sas-token', 'Azure shared access signature', 'cloud', 'AZURE_SAS_TOKEN'),
  kind('azure-ad-client-secret', 'Azure AD client secret', 'cloud', 'AZURE_CLIENT_SECRET'),
  kind('digitalocean-token', 'DigitalOcean token', 'cloud', 'DIGITALOCEAN_TOKEN'),
  kind('heroku-api-key', 'Heroku API key', 'cloud', 'HEROKU_API_KEY'),
  kind('alibaba-access-key', 'Alibaba Cloud AccessKey ID', 'cloud', 'ALIBABA_CLOUD_ACCESS_KEY_ID'),
  kind('flyio-token', 'Fly.io token', 'cloud', 'FLY_API_TOKEN'),
  kind('vercel-token', 'Vercel token', 'cloud', 'VERCEL_TOKEN'),
  kind('databricks-token', 'Databricks personal access token', 'cloud', 'DATABRICKS_TOKEN'),
  kind('aws-bedrock-api-key', 'Amazon Bedrock API key', 'cloud', 'AWS_BEARER_TOKEN_BEDROCK'),
  kind('cloudflare-origin-ca-key', 'Cloudflare Origin CA key', 'cloud', 'CLOUDFLARE_ORIGIN_CA_KEY'),
  kind('pulumi-token', 'Pulumi access token', 'cloud', 'PULUMI_ACCESS_TOKEN'),
  kind('stripe-key', 'Stripe secret or restricted key', 'payments', 'STRIPE_SECRET_KEY'),
  kind('stripe-webhook-secret', 'Stripe webhook signing secret', 'payments', 'STRIPE_WEBHOOK_SECRET'),
  kind('square-access-token', 'Square access token', 'payments', 'SQUARE_ACCESS_TOKEN'),
  kind('braintree-access-token', 'Braintree access token', 'payments', 'BRAINTREE_ACCESS_TOKEN'),
  kind('shopify-token', 'Shopify access token', 'payments', 'SHOPIFY_ACCESS_TOKEN'),
  kind('easypost-api-token', 'EasyPost API key', 'payments', 'EASYPOST_API_KEY'),
  kind('shippo-api-token', 'Shippo API token', 'payments', 'SHIPPO_API_TOKEN'),
  kind('duffel-api-token', 'Duffel access token', 'payments', 'DUFFEL_ACCESS_TOKEN'),
  kind('slack-token', 'Slack token', 'chat-paging', 'SLACK_TOKEN'),
  kind('slack-webhook', 'Slack webhook URL', 'chat-paging', 'SLACK_WEBHOOK_URL'),
  kind('discord-webhook', 'Discord webhook URL', 'chat-paging', 'DISCORD_WEBHOOK_URL'),
  kind('discord-bot-token', 'Discord bot token', 'chat-paging', 'DISCORD_BOT_TOKEN'),
  kind('telegram-bot-token', 'Telegram bot token', 'chat-paging', 'TELEGRAM_BOT_TOKEN'),
  kind('microsoft-teams-webhook', 'Microsoft Teams webhook URL', 'chat-paging', 'TEAMS_WEBHOOK_URL'),
  kind('twilio-api-key', 'Twilio API key', 'chat-paging', 'TWILIO_API_KEY'),
  kind('sendgrid-api-key', 'SendGrid API key', 'chat-paging', 'SENDGRID_API_KEY'),
  kind('mailgun-api-key', 'Mailgun API key', 'chat-paging', 'MAILGUN_API_KEY'),
  kind('mailchimp-api-key', 'Mailchimp API key', 'chat-paging', 'MAILCHIMP_API_KEY'),
  kind('brevo-api-key', 'Brevo (Sendinblue) API key', 'chat-paging', 'BREVO_API_KEY'),
  kind('opsgenie-api-key', 'Opsgenie API key', 'chat-paging', 'OPSGENIE_API_KEY'),
  kind('datadog-api-key', 'Datadog API key', 'observability', 'DD_API_KEY'),
  kind('datadog-app-key', 'Datadog application key', 'observability', 'DD_APP_KEY'),
  kind('new-relic-key', 'New Relic key', 'observability', 'NEW_RELIC_API_KEY'),
  kind('grafana-token', 'Grafana token', 'observability', 'GRAFANA_TOKEN'),
  kind('sentry-token', 'Sentry auth token', 'observability', 'SENTRY_AUTH_TOKEN'),
  kind('splunk-hec-token', 'Splunk HTTP Event Collector token', 'observability', 'SPLUNK_HEC_TOKEN'),
  kind('dynatrace-token', 'Dynatrace API token', 'observability', 'DT_API_TOKEN'),
  kind('openai-api-key', 'OpenAI API key', 'saas', 'OPENAI_API_KEY'),
  kind('anthropic-api-key', 'Anthropic API key', 'saas', 'ANTHROPIC_API_KEY'),
  kind('groq-api-key', 'Groq API key', 'saas', 'GROQ_API_KEY'),
  kind('huggingface-token', 'Hugging Face access token', 'saas', 'HF_TOKEN'),
  kind('linear-api-key', 'Linear API key', 'saas', 'LINEAR_API_KEY'),
  kind('notion-token', 'Notion integration token', 'saas', 'NOTION_TOKEN'),
  kind('atlassian-api-token', 'Atlassian API token', 'saas', 'ATLASSIAN_API_TOKEN'),
  kind('postman-api-key', 'Postman API key', 'saas', 'POSTMAN_API_KEY'),
  kind('doppler-token', 'Doppler token', 'saas', 'DOPPLER_TOKEN'),
  kind('okta-token', 'Okta API token', 'saas', 'OKTA_API_TOKEN'),
  kind('age-secret-key', 'age secret key', 'saas', 'SOPS_AGE_KEY'),
  kind('1password-token', '1Password service account token', 'saas', 'OP_SERVICE_ACCOUNT_TOKEN'),
  kind('1password-secret-key', '1Password account secret key', 'saas', 'OP_SECRET_KEY'),
  kind('figma-token', 'Figma personal access token', 'saas', 'FIGMA_TOKEN'),
  kind('perplexity-api-key', 'Perplexity API key', 'saas', 'PERPLEXITY_API_KEY'),
  kind('facebook-access-token', 'Facebook access token', 'saas', 'FACEBOOK_ACCESS_TOKEN'),
  kind('github-token', 'GitHub token', 'vcs-ci', 'GITHUB_TOKEN'),
  kind('gitlab-token', 'GitLab token', 'vcs-ci', 'GITLAB_TOKEN'),
  kind('npm-token', 'npm access token', 'vcs-ci', 'NPM_TOKEN'),
  kind('pypi-token', 'PyPI upload token', 'vcs-ci', 'PYPI_TOKEN'),
  kind('docker-hub-token', 'Docker Hub personal access token', 'vcs-ci', 'DOCKER_TOKEN'),
  kind('artifactory-token', 'JFrog Artifactory token', 'vcs-ci', 'ARTIFACTORY_TOKEN'),
  kind('rubygems-token', 'RubyGems API key', 'vcs-ci', 'GEM_HOST_API_KEY'),
  kind('terraform-cloud-token', 'Terraform Cloud token', 'vcs-ci', 'TF_TOKEN'),
  kind('buildkite-token', 'Buildkite API token', 'vcs-ci', 'BUILDKITE_TOKEN'),
  kind('sonar-token', 'SonarQube token', 'vcs-ci', 'SONAR_TOKEN'),
  kind('sourcegraph-token', 'Sourcegraph access token', 'vcs-ci', 'SRC_ACCESS_TOKEN'),
  kind('clojars-token', 'Clojars deploy token', 'vcs-ci', 'CLOJARS_TOKEN'),
  kind('infracost-api-token', 'Infracost API key', 'vcs-ci', 'INFRACOST_API_KEY'),
  kind('sidekiq-secret', 'Sidekiq Enterprise credentials', 'vcs-ci', 'BUNDLE_ENTERPRISE__CONTRIBSYS__COM'),
  kind('private-key', 'Private key', 'infrastructure', 'PRIVATE_KEY'),
  kind('kubernetes-bootstrap-token', 'Kubernetes bootstrap token', 'infrastructure', 'KUBEADM_TOKEN'),
  kind('openshift-token', 'OpenShift user token', 'infrastructure', 'OC_TOKEN'),
  kind('vault-token', 'HashiCorp Vault token', 'infrastructure', 'VAULT_TOKEN'),
  kind('consul-token', 'Consul ACL token', 'infrastructure', 'CONSUL_HTTP_TOKEN'),
  kind('kubernetes-secret', 'Kubernetes Secret data', 'infrastructure', 'K8S_SECRET'),
  kind('planetscale-token', 'PlanetScale password or token', 'infrastructure', 'PLANETSCALE_SERVICE_TOKEN'),
  kind('password-in-sql', 'Password in a SQL statement', 'infrastructure', 'DB_PASSWORD'),
  kind('password-in-url', 'Password in a URL or connection string', 'generic', 'PASSWORD'),
  kind('password-on-command-line', 'Password on a command line', 'generic', 'PASSWORD'),
  kind('bearer-token', 'Token in an Authorization header', 'generic', 'API_TOKEN'),
  kind('basic-auth', 'Basic authentication credential', 'generic', 'BASIC_AUTH'),
  kind('session-cookie', 'Session cookie', 'generic', 'SESSION_COOKIE'),
  kind('jwt', 'JSON Web Token', 'generic', 'JWT'),
  kind('generic-password', 'Password assigned to a key', 'generic', 'PASSWORD'),
  kind('generic-secret', 'Secret assigned to a key', 'generic', 'SECRET'),
  kind('generic-token', 'Token assigned to a key', 'generic', 'TOKEN'),
  kind('generic-api-key', 'API key assigned to a key', 'generic', 'API_KEY'),
  kind('generic-credential', 'Credential of a kind the preset names', 'generic', 'SECRET'),
];

const BY_SLUG = new Map(CREDENTIAL_KINDS.map((k) => [k.slug, k]));

/** The kind with this slug; throws for an unknown slug (a detector naming a kind that is not listed is a bug). */
export function credentialKind(slug: string): CredentialKind {
  const found = BY_SLUG.get(slug);
  if (!found) throw new Error(`unknown credential kind: ${slug}`);
  return found;
}
