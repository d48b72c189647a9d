/**
 * One case per gitleaks rule (cmd/generate/config/rules/*.go in gitleaks/gitleaks), in the groups our recall is
 * reported by: the rule's id, the name its examples assign the secret to, and the secret's pattern (the rule's own, with
 * its prefix), from which every run draws a fresh value (credentials-regexgen.ts). No value of gitleaks is copied.
 * `bare` marks formats recognisable without a key, so they are also written alone in a line.
 * bench/credentials-gitleaks.ts measures against gitleaks' own example lines; this file is what CI holds us to.
 */

import { BASE64URL, DIGITS, HEX, body, random } from './credentials-secrets';

export const GITLEAKS_GROUPS = ['cloud', 'payments', 'chat and paging', 'observability', 'source hosting and CI', 'databases', 'private keys', 'generic', 'SaaS and AI APIs'] as const;
export type GitleaksGroup = typeof GITLEAKS_GROUPS[number];

export interface GitleaksCase {
  rule: string;
  group: GitleaksGroup;
  /** What the example calls the secret (`sentry` -> `SENTRY_TOKEN=...`, `sentryToken := "..."`). */
  name: string;
  /** The secret's pattern. */
  pattern: string;
  /** The format is recognisable on its own (a prefix, a URL): also written without a key. */
  bare?: boolean;
  /** Lines of the rule's own shape instead of the keyed ones (`{s}` is the secret). */
  lines?: string[];
}

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const g = (group: GitleaksGroup) => (rule: string, name: string, pattern: string, options: { bare?: boolean; lines?: string[] } = {}): GitleaksCase =>
  ({ rule, group, name, pattern, ...options });
const cloud = g('cloud');
const pay = g('payments');
const chat = g('chat and paging');
const obs = g('observability');
const vcs = g('source hosting and CI');
const db = g('databases');
const keys = g('private keys');
const generic = g('generic');
const saas = g('SaaS and AI APIs');
const bare = { bare: true };

export const GITLEAKS_CASES: GitleaksCase[] = [
  cloud('1password-service-account-token', 'op_service_account', 'ops_eyJ[a-zA-Z0-9+/]{250,300}={0,3}', bare),
  cloud('1password-secret-key', '1password', 'A3-[A-Z0-9]{6}-[A-Z0-9]{11}-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}', bare),
  cloud('alibaba-access-key-id', 'alibaba', 'LTAI[a-z0-9]{20}', bare),
  cloud('alibaba-secret-key', 'alibaba', '[a-z0-9]{30}'),
  cloud('aws-access-token', 'aws', '(?:A3T[A-Z0-9]|AKIA|ASIA|ABIA|ACCA)[A-Z2-7]{16}', bare),
  cloud('aws-amazon-bedrock-api-key-long-lived', 'bedrock', 'ABSK[A-Za-z0-9+/]{109,269}={0,2}', bare),
  cloud('aws-amazon-bedrock-api-key-short-lived', 'bedrock', 'bedrock-api-key-YmVkcm9jay5hbWF6b25hd3MuY29t[A-Za-z0-9+/]{40,120}', bare),
  cloud('azure-ad-client-secret', 'azure_client', '[a-zA-Z0-9_~.]{3}[0-9]Q~[a-zA-Z0-9_~.-]{31,34}', bare),
  cloud('cloudflare-global-api-key', 'cloudflare', '[a-f0-9]{37}'),
  cloud('cloudflare-api-key', 'cloudflare', '[a-z0-9_-]{40}'),
  cloud('cloudflare-origin-ca-key', 'cloudflare_origin_ca', 'v1\\.0-[a-f0-9]{24}-[a-f0-9]{146}', bare),
  cloud('confluent-secret-key', 'confluent', '[a-z0-9]{64}'),
  cloud('confluent-access-token', 'confluent', '[a-z0-9]{16}'),
  cloud('databricks-api-token', 'databricks', 'dapi[a-f0-9]{32}(?:-[0-9])?', bare),
  cloud('defined-networking-api-token', 'dnkey', 'dnkey-[a-z0-9=_-]{26}-[a-z0-9=_-]{52}'),
  cloud('digitalocean-pat', 'do', 'dop_v1_[a-f0-9]{64}', bare),
  cloud('digitalocean-access-token', 'do', 'doo_v1_[a-f0-9]{64}', bare),
  cloud('digitalocean-refresh-token', 'do', 'dor_v1_[a-f0-9]{64}', bare),
  cloud('doppler-api-token', 'doppler', 'dp\\.pt\\.[a-zA-Z0-9]{43}', bare),
  cloud('fastly-api-token', 'fastly', '[a-z0-9=_-]{32}'),
  cloud('flyio-access-token', 'fly', 'fo1_[A-Za-z0-9_-]{43}', bare),
  cloud('flyio-access-token (macaroon)', 'fly', 'fm2_[a-zA-Z0-9+/]{100,140}={0,3}', bare),
  cloud('gcp-api-key', 'gcp', 'AIza[A-Za-z0-9_-]{35}', bare),
  cloud('hashicorp-tf-api-token', 'terraform', '[a-z0-9]{14}\\.atlasv1\\.[a-z0-9=_-]{60,70}', bare),
  cloud('vault-service-token', 'vault', 'hvs\\.[A-Za-z0-9_-]{90,100}', bare),
  cloud('vault-service-token (legacy)', 'vault', 's\\.[0-9][a-zA-Z0-9]{23}'),
  cloud('vault-batch-token', 'vault', 'hvb\\.[a-zA-Z0-9_-]{138,200}', bare),
  cloud('heroku-api-key', 'heroku', UUID),
  cloud('heroku-api-key-v2', 'heroku', 'HRKU-AA[0-9a-zA-Z_-]{58}', bare),
  cloud('kubernetes-secret-yaml', 'secret', '[A-Za-z0-9+/]{20,60}={0,2}', {
    lines: ['apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-db\ntype: Opaque\ndata:\n  password: {s}',
      'apiVersion: v1\ndata:\n  .dockercfg: |\n    {s}\nkind: Secret\nmetadata:\n  name: registry'],
  }),
  cloud('netlify-access-token', 'netlify', '[a-z0-9=_-]{40,46}'),
  cloud('openshift-user-token', 'oc', 'sha256~[A-Za-z0-9_-]{43}', bare),
  cloud('pulumi-api-token', 'pulumi', 'pul-[a-f0-9]{40}', bare),
  cloud('scalingo-api-token', 'scalingo', 'tk-us-[A-Za-z0-9_-]{48}'),
  cloud('settlemint-personal-access-token', 'settlemint', 'sm_pat_[a-zA-Z0-9]{16}'),
  cloud('settlemint-application-access-token', 'settlemint', 'sm_aat_[a-zA-Z0-9]{16}'),
  cloud('settlemint-service-access-token', 'settlemint', 'sm_sat_[a-zA-Z0-9]{16}'),
  cloud('yandex-aws-access-token', 'yandex', 'YC[a-zA-Z0-9_-]{38}'),
  cloud('yandex-api-key', 'yandex', 'AQVN[A-Za-z0-9_-]{35,38}'),
  cloud('yandex-access-token', 'yandex', 't1\\.[A-Z0-9a-z_-]{20,40}={0,2}\\.[A-Z0-9a-z_-]{86}={0,2}'),
  cloud('cisco-meraki-api-key', 'meraki', '[a-f0-9]{40}', { lines: ['curl -H "X-Cisco-Meraki-API-Key: {s}" https://api.meraki.com/api/v1/organizations', 'export MERAKI_DASHBOARD_API_KEY={s}'] }),
  cloud('infracost-api-token', 'infracost', 'ico-[a-zA-Z0-9]{32}', bare),
  // payments
  pay('stripe-access-token', 'stripe', '(?:sk|rk)_(?:test|live|prod)_[a-zA-Z0-9]{10,99}', bare),
  pay('square-access-token', 'square', '(?:EAAA|sq0atp-)[A-Za-z0-9_-]{22,60}', bare),
  pay('square-secret', 'square', 'sq0csp-[A-Za-z0-9_-]{43}', bare),
  pay('shopify-shared-secret', 'shopify', 'shpss_[a-fA-F0-9]{32}', bare),
  pay('shopify-access-token', 'shopify', 'shpat_[a-fA-F0-9]{32}', bare),
  pay('shopify-custom-access-token', 'shopify', 'shpca_[a-fA-F0-9]{32}', bare),
  pay('shopify-private-app-access-token', 'shopify', 'shppa_[a-fA-F0-9]{32}', bare),
  pay('plaid-secret-key', 'plaid', '[a-z0-9]{30}'),
  pay('plaid-api-token', 'plaid', `access-(?:sandbox|development|production)-${UUID}`),
  pay('coinbase-access-token', 'coinbase', '[a-z0-9_-]{64}'),
  pay('kraken-access-token', 'kraken', '[a-z0-9/=_+-]{80,90}'),
  pay('kucoin-access-token', 'kucoin', '[a-f0-9]{24}'),
  pay('kucoin-secret-key', 'kucoin', UUID),
  pay('bittrex-access-key', 'bittrex', '[a-z0-9]{32}'),
  pay('bittrex-secret-key', 'bittrex', '[a-z0-9]{32}'),
  pay('flutterwave-secret-key', 'flutterwave', 'FLWSECK_TEST-[a-h0-9]{32}-X'),
  pay('flutterwave-encryption-key', 'flutterwave', 'FLWSECK_TEST-[a-h0-9]{12}'),
  pay('gocardless-api-token', 'gocardless', 'live_[a-zA-Z0-9_=-]{40}'),
  pay('finicity-client-secret', 'finicity', '[a-z0-9]{20}'),
  pay('finicity-api-token', 'finicity', '[a-f0-9]{32}'),
  pay('duffel-api-token', 'duffel', 'duffel_(?:test|live)_[a-zA-Z0-9_=-]{43}', bare),
  pay('shippo-api-token', 'shippo', 'shippo_(?:live|test)_[a-fA-F0-9]{40}', bare),
  pay('easypost-api-token', 'easypost', 'EZAK[a-zA-Z0-9]{54}', bare),
  pay('easypost-test-api-token', 'easypost', 'EZTK[a-zA-Z0-9]{54}', bare),
  pay('freemius-secret-key', 'freemius', 'sk_[a-zA-Z0-9@$&#*!%^]{29}', { lines: ['$config = array(\n  "secret_key" => "{s}",\n);'] }),
  // chat and paging
  chat('slack-bot-token', 'bot', 'xoxb-[0-9]{10,13}-[0-9]{10,13}-[a-zA-Z0-9]{24}', bare),
  chat('slack-user-token', 'user', 'xox[pe]-[0-9]{10,13}-[0-9]{10,13}-[0-9]{10,13}-[a-zA-Z0-9]{32}', bare),
  chat('slack-app-token', 'slack_app', 'xapp-1-A[A-Z0-9]{10}-[0-9]{13}-[a-f0-9]{64}', bare),
  chat('slack-config-access-token', 'slack_config', 'xoxe\\.xox[bp]-1-[A-Za-z0-9]{163,166}', bare),
  chat('slack-config-refresh-token', 'slack_refresh', 'xoxe-1-[A-Za-z0-9]{146}', bare),
  chat('slack-legacy-bot-token', 'slack', 'xoxb-[0-9]{8,14}-[a-zA-Z0-9]{18,26}', bare),
  chat('slack-legacy-workspace-token', 'slack', 'xox[ar]-(?:[0-9]-)?[0-9a-zA-Z]{8,48}', bare),
  chat('slack-legacy-token', 'slack', 'xox[os]-[0-9]{10}-[0-9]{10}-[0-9]{10}-[a-f0-9]{10,32}', bare),
  chat('slack-webhook-url', 'slack_webhook', 'https://hooks\\.slack\\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/]{43,56}', bare),
  chat('discord-api-token', 'discord', '[a-f0-9]{64}'),
  chat('discord-client-secret', 'discord', '[a-z0-9=_-]{32}'),
  chat('discord bot token (issue 22)', 'discord_bot', '[MN][A-Za-z0-9]{23}\\.[A-Za-z0-9_-]{6}\\.[A-Za-z0-9_-]{27}', bare),
  chat('microsoft-teams-webhook', 'teams', `https://[a-z0-9]{6,12}\\.webhook\\.office\\.com/webhookb2/${UUID}@${UUID}/IncomingWebhook/[a-z0-9]{32}/${UUID}`, bare),
  chat('telegram-bot-api-token', 'telegram', '[0-9]{5,16}:A[a-zA-Z0-9_-]{34}', bare),
  chat('twilio-api-key', 'twilio', 'SK[0-9a-fA-F]{32}', bare),
  chat('mattermost-access-token', 'mattermost', '[a-z0-9]{26}'),
  chat('gitter-access-token', 'gitter', '[a-z0-9_-]{40}'),
  chat('messagebird-api-token', 'messagebird', '[a-z0-9]{25}'),
  chat('sendbird-access-token', 'sendbird', '[a-f0-9]{40}'),
  chat('sendgrid-api-token', 'sendgrid', 'SG\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}', bare),
  chat('sendinblue-api-token', 'brevo', 'xkeysib-[a-f0-9]{64}-[a-zA-Z0-9]{16}', bare),
  chat('mailgun-private-api-token', 'mailgun', 'key-[a-f0-9]{32}', bare),
  chat('mailgun-signing-key', 'mailgun', '[a-h0-9]{32}-[a-h0-9]{8}-[a-h0-9]{8}'),
  chat('mailchimp-api-key', 'mailchimp', '[a-f0-9]{32}-us[0-9]{1,2}', bare),
  chat('intercom-api-key', 'intercom', '[a-z0-9=_-]{60}'),
  chat('zendesk-secret-key', 'zendesk', '[a-z0-9]{40}'),
  chat('beamer-api-token', 'beamer', 'b_[a-z0-9=_-]{44}'),
  // observability
  obs('datadog-access-token', 'datadog', '[a-z0-9]{40}'),
  obs('new-relic-user-api-key', 'new_relic', 'NRAK-[a-z0-9]{27}', bare),
  obs('new-relic-browser-api-token', 'new_relic', 'NRJS-[a-f0-9]{19}', bare),
  obs('new-relic-insert-key', 'new_relic', 'NRII-[a-z0-9-]{32}', bare),
  obs('grafana-api-key', 'grafana', 'eyJrIjoi[A-Za-z0-9]{70,100}={0,2}', bare),
  obs('grafana-cloud-api-token', 'grafana', 'glc_[A-Za-z0-9+/]{32,80}={0,2}', bare),
  obs('grafana-service-account-token', 'grafana', 'glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}', bare),
  obs('sentry-access-token', 'sentry', '[a-f0-9]{64}', { lines: ['export SENTRY_AUTH_TOKEN={s}', 'sentry-cli --auth-token {s} releases list', 'sentry-cli releases --auth-token={s} finalize 1.2.3'] }),
  obs('sentry-user-token', 'sentry', 'sntryu_[a-f0-9]{64}', bare),
  obs('sentry-org-token', 'sentry', 'sntrys_eyJpYXQiO[A-Za-z0-9+/]{20,60}LCJyZWdpb25fdXJs[A-Za-z0-9+/]{20,60}_[A-Za-z0-9+/]{43}', bare),
  obs('sumologic-access-token', 'sumo', '[a-z0-9]{64}'),
  obs('dynatrace-api-token', 'dynatrace', 'dt0c01\\.[a-z0-9]{24}\\.[a-z0-9]{64}', bare),
  obs('launchdarkly-access-token', 'launchdarkly', '[a-z0-9=_-]{40}'),
  // source hosting and CI
  vcs('github-pat', 'github', 'ghp_[0-9a-zA-Z]{36}', bare),
  vcs('github-pat (old-style hex, issue 22)', 'github', '[a-f0-9]{40}', { lines: ['export GITHUB_TOKEN={s}', 'GITHUB_TOKEN: "{s}"', 'git clone https://x-access-token:{s}@github.com/shop/orders.git'] }),
  vcs('github-fine-grained-pat', 'github', 'github_pat_[0-9a-zA-Z_]{82}', bare),
  vcs('github-oauth', 'github', 'gho_[0-9a-zA-Z]{36}', bare),
  vcs('github-app-token', 'github', '(?:ghu|ghs)_[0-9a-zA-Z]{36}', bare),
  vcs('github-refresh-token', 'github', 'ghr_[0-9a-zA-Z]{36}', bare),
  vcs('gitlab-pat', 'gitlab', 'glpat-[A-Za-z0-9_-]{20}', bare),
  vcs('gitlab-pat-routable', 'gitlab', 'glpat-[0-9a-zA-Z_-]{27,60}\\.[0-9a-z]{2}[0-9a-z]{7}', bare),
  vcs('gitlab-ptt', 'gitlab', 'glptt-[0-9a-f]{40}', bare),
  vcs('gitlab-rrt', 'gitlab', 'GR1348941[A-Za-z0-9_-]{20}', bare),
  vcs('gitlab-runner-authentication-token', 'gitlab', 'glrt-[0-9a-zA-Z_-]{20}', bare),
  vcs('gitlab-runner-authentication-token-routable', 'gitlab', 'glrt-t[1-3]_[0-9a-zA-Z_-]{27}\\.[0-9a-z]{2}[0-9a-z]{7}', bare),
  vcs('gitlab-cicd-job-token', 'gitlab', 'glcbt-[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_-]{20}', bare),
  vcs('gitlab-deploy-token', 'gitlab', 'gldt-[0-9a-zA-Z_-]{20}', bare),
  vcs('gitlab-feature-flag-client-token', 'gitlab', 'glffct-[0-9a-zA-Z_-]{20}', bare),
  vcs('gitlab-feed-token', 'gitlab', 'glft-[0-9a-zA-Z_-]{20}', bare),
  vcs('gitlab-incoming-mail-token', 'gitlab', 'glimt-[0-9a-zA-Z_-]{25}', bare),
  vcs('gitlab-kubernetes-agent-token', 'gitlab', 'glagent-[0-9a-zA-Z_-]{50}', bare),
  vcs('gitlab-oauth-app-secret', 'gitlab', 'gloas-[0-9a-zA-Z_-]{64}', bare),
  vcs('gitlab-scim-token', 'gitlab', 'glsoat-[0-9a-zA-Z_-]{20}', bare),
  vcs('gitlab-session-cookie', 'gitlab', '[0-9a-z]{32}', { lines: ['curl -H "Cookie: _gitlab_session={s}" https://gitlab.internal/api/v4/user'] }),
  vcs('bitbucket-client-secret', 'bitbucket', '[a-z0-9=_-]{64}'),
  vcs('npm-access-token', 'npm', 'npm_[a-zA-Z0-9]{36}', bare),
  vcs('pypi-upload-token', 'pypi', 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_-]{50,100}', bare),
  vcs('rubygems-api-token', 'rubygems', 'rubygems_[a-f0-9]{48}', bare),
  vcs('nuget-config-password', 'nuget', '[A-Za-z0-9!+_]{12,24}', { lines: ['<add key="ClearTextPassword" value="{s}" />'] }),
  vcs('clojars-api-token', 'clojars', 'CLOJARS_[a-z0-9]{60}', bare),
  vcs('droneci-access-token', 'droneci', '[a-z0-9]{32}'),
  vcs('travisci-access-token', 'travis', '[a-z0-9]{22}'),
  vcs('codecov-access-token', 'codecov', '[a-z0-9]{32}'),
  vcs('artifactory-api-key', 'artifactory', 'AKCp[A-Za-z0-9]{69}', bare),
  vcs('artifactory-reference-token', 'artifactory', 'cmVmd[A-Za-z0-9]{59}', bare),
  vcs('jfrog-api-key', 'jfrog', '[a-z0-9]{73}'),
  vcs('jfrog-identity-token', 'jfrog', '[a-z0-9]{64}'),
  vcs('octopus-deploy-api-key', 'octopus', 'API-[A-Z0-9]{26}'),
  vcs('harness-api-key', 'harness', '(?:pat|sat)\\.[a-zA-Z0-9_-]{22}\\.[a-zA-Z0-9]{24}\\.[a-zA-Z0-9]{20}'),
  vcs('sonar-api-token', 'sonar', 'sq[upa]_[a-f0-9]{40}', bare),
  vcs('sourcegraph-access-token', 'sourcegraph', 'sgp_[a-fA-F0-9]{16}_[a-fA-F0-9]{40}', bare),
  vcs('snyk-api-token', 'snyk', UUID),
  vcs('prefect-api-token', 'prefect', 'pnu_[a-zA-Z0-9]{36}'),
  vcs('readme-api-token', 'readme', 'rdme_[a-z0-9]{70}'),
  vcs('sidekiq-secret', 'sidekiq', '[a-f0-9]{8}:[a-f0-9]{8}', {
    lines: ['export BUNDLE_ENTERPRISE__CONTRIBSYS__COM={s}', 'bundle config --local enterprise.contribsys.com {s}', 'BUNDLE_GEMS__CONTRIBSYS__COM: "{s}"'],
  }),
  vcs('sidekiq-sensitive-url', 'sidekiq', '[a-f0-9]{8}:[a-f0-9]{8}', {
    lines: ['source "https://{s}@enterprise.contribsys.com/" do', 'gem install sidekiq-ent --source https://{s}@gems.contribsys.com/'],
  }),
  // databases
  db('planetscale-password', 'planetscale', 'pscale_pw_[A-Za-z0-9=_.-]{32,64}', bare),
  db('planetscale-api-token', 'planetscale', 'pscale_tkn_[A-Za-z0-9=_.-]{32,64}', bare),
  db('planetscale-oauth-token', 'planetscale', 'pscale_oauth_[A-Za-z0-9=_.-]{32,64}', bare),
  db('clickhouse-cloud-api-secret-key', 'clickhouse', '4b1d[A-Za-z0-9]{38}'),
  // private keys
  keys('private-key', 'private_key', '[A-Za-z0-9+/]{64}', {
    lines: ['-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA{s}\n{s}\n-----END RSA PRIVATE KEY-----', '-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA{s}\n{s}\n-----END OPENSSH PRIVATE KEY-----'],
  }),
  keys('age-secret-key', 'age', 'AGE-SECRET-KEY-1[QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L]{58}', bare),
  // generic
  generic('generic-api-key', 'api', '[A-Za-z0-9_-]{24,40}'),
  generic('curl-auth-user', 'curl', '[A-Za-z0-9!%^+=~]{12,20}', {
    lines: ['curl -u ops:{s} https://api.internal/v1/status', 'curl --user "ops:{s}" https://api.internal/v1/status', "curl --user kevin:'{s}' -X PATCH https://api.internal/v1/user",
      'curl -k -X POST https://cache.internal:11222/rest/v2/caches/default/hello \\\n  -H "Content-Type: text/plain" \\\n  -u developer:{s}'],
  }),
  generic('curl-auth-header', 'curl', '[A-Za-z0-9_-]{32,48}', { lines: ['curl -H "Authorization: Bearer {s}" https://api.internal/v1/status', "curl --header 'Authorization: {s}' https://api.internal/v1/status"] }),
  generic('jwt', 'jwt', 'eyJ[A-Za-z0-9_-]{17,40}\\.eyJ[A-Za-z0-9_-]{17,80}\\.[A-Za-z0-9_-]{20,50}', bare),
  // SaaS and AI APIs
  saas('adafruit-api-key', 'adafruit', '[a-z0-9_-]{32}'),
  saas('adobe-client-secret', 'adobe', 'p8e-[a-zA-Z0-9]{32}'),
  saas('airtable-api-key', 'airtable', '[a-z0-9]{17}'),
  saas('airtable-personnal-access-token', 'airtable', 'pat[A-Za-z0-9]{14}\\.[a-f0-9]{64}'),
  saas('algolia-api-key', 'algolia', '[a-z0-9]{32}'),
  saas('anthropic-api-key', 'anthropic', 'sk-ant-api03-[a-zA-Z0-9_-]{93}AA', bare),
  saas('anthropic-admin-api-key', 'anthropic', 'sk-ant-admin01-[a-zA-Z0-9_-]{93}AA', bare),
  saas('asana-client-secret', 'asana', '[a-z0-9]{32}'),
  saas('atlassian-api-token', 'atlassian', '[a-z0-9]{20}[a-f0-9]{4}'),
  saas('atlassian-api-token (ATATT3)', 'atlassian', 'ATATT3[A-Za-z0-9_=-]{186}', bare),
  saas('authress-service-client-access-key', 'authress', '(?:sc|ext|scauth|authress)_[a-z0-9]{5,30}\\.[a-z0-9]{4,6}\\.acc_[a-z0-9-]{10,32}\\.[a-z0-9+/_=-]{30,120}'),
  saas('cohere-api-token', 'cohere', '[a-zA-Z0-9]{40}'),
  saas('contentful-delivery-api-token', 'contentful', '[a-z0-9=_-]{43}'),
  saas('dropbox-api-token', 'dropbox', '[a-z0-9]{15}'),
  saas('dropbox-short-lived-api-token', 'dropbox', 'sl\\.[a-z0-9=_-]{135}'),
  saas('etsy-access-token', 'etsy', '[a-z0-9]{24}'),
  saas('facebook-secret', 'facebook', '[a-f0-9]{32}'),
  saas('facebook-page-access-token', 'facebook', 'EAA[MC][a-zA-Z0-9]{100,200}', bare),
  saas('finnhub-access-token', 'finnhub', '[a-z0-9]{20}'),
  saas('flickr-access-token', 'flickr', '[a-z0-9]{32}'),
  saas('frameio-api-token', 'frameio', 'fio-u-[a-z0-9=_-]{64}'),
  saas('freshbooks-access-token', 'freshbooks', '[a-z0-9]{64}'),
  saas('hubspot-api-key', 'hubspot', UUID),
  saas('huggingface-access-token', 'huggingface', 'hf_[a-zA-Z]{34}', bare),
  saas('huggingface-organization-api-token', 'huggingface', 'api_org_[a-zA-Z]{34}', bare),
  saas('intra42-client-secret', 'intra42', 's-s4t2(?:ud|af)-[a-f0-9]{64}'),
  saas('linear-api-key', 'linear', 'lin_api_[a-zA-Z0-9]{40}', bare),
  saas('linear-client-secret', 'linear', '[a-f0-9]{32}'),
  saas('linkedin-client-secret', 'linkedin', '[a-z0-9]{16}'),
  saas('lob-api-key', 'lob', '(?:live|test)_[a-f0-9]{35}'),
  saas('looker-client-secret', 'looker', '[a-z0-9]{24}'),
  saas('mapbox-api-token', 'mapbox', 'pk\\.[a-z0-9]{60}\\.[a-z0-9]{22}'),
  saas('maxmind-license-key', 'maxmind', '[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk'),
  saas('notion-api-token', 'notion', 'ntn_[0-9]{11}[A-Za-z0-9]{35}', bare),
  saas('nytimes-access-token', 'nytimes', '[a-z0-9=_-]{32}'),
  saas('okta-access-token', 'okta', '00[A-Za-z0-9=_-]{40}'),
  saas('openai-api-key', 'openai', 'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}', bare),
  saas('perplexity-api-key', 'perplexity', 'pplx-[a-zA-Z0-9]{48}', bare),
  saas('postman-api-token', 'postman', 'PMAK-[a-f0-9]{24}-[a-f0-9]{34}', bare),
  saas('privateai-api-token', 'privateai', '[a-z0-9]{32}'),
  saas('rapidapi-access-token', 'rapidapi', '[a-z0-9_-]{50}'),
  saas('squarespace-access-token', 'squarespace', UUID),
  saas('trello-access-token', 'trello', '[a-zA-Z0-9]{32}'),
  saas('twitch-api-token', 'twitch', '[a-z0-9]{30}'),
  saas('twitter-api-key', 'twitter', '[a-z0-9]{25}'),
  saas('twitter-api-secret', 'twitter', '[a-z0-9]{50}'),
  saas('twitter-bearer-token', 'twitter', 'A{22}[a-zA-Z0-9%]{80,100}'),
  saas('twitter-access-token', 'twitter', '[0-9]{15,25}-[a-zA-Z0-9]{20,40}'),
  saas('twitter-access-secret', 'twitter', '[a-z0-9]{45}'),
  saas('typeform-api-token', 'typeform', 'tfp_[a-z0-9_.=-]{59}'),
];

/**
 * How our cases write a secret under a name: as runbooks do (shell, YAML, JSON, a header) and as the code gitleaks
 * scans does (Go, Make, Java, XML). `{i}` is the name, `{I}` the name upper-cased for an environment variable.
 */
export const KEYED_LINES = [
  'export {I}_TOKEN={s}',
  '{i}_token: "{s}"',
  '{"{i}_api_key": "{s}", "region": "eu-west-1"}',
  'curl -H "X-{i}-Token: {s}" https://api.internal/v1/status',
  '{i}Token := "{s}"',
  '{i}Token := `{s}`',
  'var {i}Token string = "{s}"',
  '{I}_TOKEN ?= {s}',
  '<{i}Token>\n    {s}\n</{i}Token>',
  'System.setProperty("{I}_SECRET", "{s}")',
  "{i}_password = '{s}'",
];

/** How our cases write a secret of a recognisable format on its own. */
export const BARE_LINES = ['Rotate {s} after the drill.', './deploy.sh --dry-run {s}'];

/**
 * Every 8-character piece of the secret still in the redacted text. A piece the line holds outside the secret (a key
 * named like the token's prefix: `rubygemsToken = "rubygems_..."`) does not count.
 */
export function piecesLeft(redacted: string, line: string, secret: string): string[] {
  const outside = line.split(secret).join('\u0000');
  const left: string[] = [];
  for (let i = 0; i + 8 <= secret.length; i++) {
    const piece = secret.slice(i, i + 8);
    if (redacted.includes(piece) && !outside.includes(piece)) left.push(piece);
  }
  return left;
}

/** The lines of a case, its secret put in. */
export function caseLines(c: GitleaksCase, secret: string): string[] {
  const upper = c.name.toUpperCase().replace(/[^A-Z0-9]/g, '_');
  const fill = (line: string) => line.replaceAll('{i}', c.name).replaceAll('{I}', upper).replaceAll('{s}', secret);
  return [...(c.lines ?? KEYED_LINES), ...(c.bare ? BARE_LINES : [])].map(fill);
}

/**
 * Placeholders of the kinds gitleaks keeps among its false-positive examples (typed runs, masks, words where a token
 * would be random), in our own words except those issue 22 quotes: none may be flagged. The false positives of
 * gitleaks we judge real secrets (a format under another vendor's key, random values under `token`) are listed in
 * bench/RESULTS.md, not here.
 */
export function gitleaksPlaceholders(): string[] {
  return [
    'xoxb-xoxb-my-bot-token',
    'xoxb-12345-abcd234',
    'xoxb-abcdef-abcdef',
    'xoxe.xoxp-1-RANDOMSTRINGHERE',
    'xoxe.xoxp-1-SlackAppConfigurationTokenGoesHere',
    'xoxe.xoxp-1-initial',
    `"token3": "xoxp-1234-1234-1234-${random(HEX, 32)}"`,
    `"token4": "xoxp-${random(DIGITS, 12)}-${random(DIGITS, 12)}-${random(DIGITS, 12)}-####################"`,
    '"token2": "xoxp-XXXXXXXXXX-XXXXXXXXXX-XXXXXXXXXXX-XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"',
    'https://blog.internal/images/3/35/2018-250-xoxo-party-1.jpg',
    'STRIPE_KEY=sk_abcdefghijklmnopqrstuvwxyz123',
    '$config = array(\n  secret_key => "sk_abcdefghijklmnopqrstuvwxyz123",\n);',
    `   API_KEY="glc_${'1'.repeat(42)}="`,
    `sntryu_${'a'.repeat(64)}`,
    'GR1348941456456456456456456456',
    'DATABRICKS_TOKEN=dapi0123456789abcdef0123456789abcd',
    'AIzaSyABCDEFGHIJKLMNOPQRSTUVWXYZ0123456',
    `sk-ant-api03-${'abcdef0123456789'.repeat(6).slice(0, 93)}AA`,
    ': export OP_SERVICE_ACCOUNT_TOKEN=ops_eyJzaWduSW5BZGRyZXNz...',
    `<input type="hidden" name="authenticity_token" value="${body(BASE64URL, 86)}" />`,
    `https://cdn.internal/assets/video_box.ico-${random(HEX, 32)}.png`,
    'tracking_token = "token:"ns66005:ShipmentTrackingReferenceCodeType""',
    '<xsd:element name="ShipmentTrackingReference" type="ns02122:ShipmentTrackingReferenceCodeType"/>',
    'SNYK_TOKEN=12345678-abcd-abcd-abcd-123456789012',
    `AGE-SECRET-KEY-1${'Q'.repeat(58)}`,
    'ARG token=sq0atp-1234567890abcdefghijkl',
  ];
}
