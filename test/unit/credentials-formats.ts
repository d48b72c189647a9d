/**
 * Real-world credential formats as operations runbooks hold them, one case per format, grouped the way the README and
 * bench/credentials-recall.ts report recall. Each case makes a fresh random secret in its usual context and has a
 * look-alike: the nearest thing runbooks write that is not a secret (a public key, an id, a name, a placeholder).
 * Values are generated at test time, so no token-shaped string is committed.
 */
import { ALNUM, BASE64, BASE64URL, DIGITS, HEX, LOWER, UPPER, body, password, random } from './credentials-secrets';

export const GROUPS = ['cloud', 'payments', 'chat-paging', 'observability', 'saas', 'vcs-ci', 'infrastructure', 'generic'] as const;
export type FormatGroup = typeof GROUPS[number];

export interface FormatCase {
  group: FormatGroup;
  /** The credential kind's stable slug (the finding code is `credential/<slug>`). */
  slug: string;
  /** What the case is, for test names and the recall table. */
  name: string;
  /** The line(s) holding the secret, and exactly the secret. */
  make: () => { text: string; secret: string };
  /** Text of the same shape that holds no secret. */
  lookAlike: () => string;
}

const uuid = (): string => [random(HEX, 8), random(HEX, 4), `4${random(HEX, 3)}`, `a${random(HEX, 3)}`, random(HEX, 12)].join('-');
const hex = (n: number): string => body(HEX, n);
const c = (group: FormatGroup, slug: string, name: string, make: () => [string, string], lookAlike: () => string): FormatCase =>
  ({ group, slug, name, make: () => { const [text, secret] = make(); return { text, secret }; }, lookAlike });
const at = (template: (s: string) => string, secret: string): [string, string] => [template(secret), secret];

export const FORMAT_CASES: FormatCase[] = [
  // cloud
  c('cloud', 'aws-access-key', 'AWS access key ID in an env export', () => at((s) => `export AWS_ACCESS_KEY_ID=${s}`, `AKIA${body(UPPER + '234567', 16)}`),
    () => 'export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE'),
  c('cloud', 'aws-secret-key', 'aws configure set aws_secret_access_key VALUE', () => at((s) => `aws configure set aws_secret_access_key ${s}`, body(ALNUM + '/+', 40)),
    () => 'aws configure set region eu-west-1'),
  c('cloud', 'aws-secret-key', 'AWS_SECRET_ACCESS_KEY=', () => at((s) => `AWS_SECRET_ACCESS_KEY=${s} aws s3 ls`, body(ALNUM + '/+', 40)),
    () => 'AWS_SECRET_ACCESS_KEY=$(vault read -field=secret_key aws/creds/ops) aws s3 ls'),
  c('cloud', 'generic-token', 'AWS_SESSION_TOKEN=', () => at((s) => `export AWS_SESSION_TOKEN=${s}`, `IQoJb3JpZ2luX2Vj${body(BASE64, 300)}`),
    () => 'aws sts get-session-token --duration-seconds 900'),
  c('cloud', 'gcp-api-key', 'Google API key in ?key=', () => at((s) => `curl "https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=${s}"`, `AIza${body(ALNUM + '_-', 35)}`),
    () => 'curl "https://maps.googleapis.com/maps/api/geocode/json?address=Berlin&key=$GOOGLE_API_KEY"'),
  c('cloud', 'private-key', 'GCP service account JSON private_key (one line, \\n escapes)', () => {
    const b = [body(BASE64, 64), body(BASE64, 64), body(BASE64, 64), body(BASE64, 20)].join('\\n');
    const key = `-----BEGIN PRIVATE KEY-----\\nMII${b}\\n-----END PRIVATE KEY-----`;
    return [`  "private_key": "${key}\\n",`, key];
  }, () => `  "client_email": "ops@orders-prod.iam.gserviceaccount.com",`),
  c('cloud', 'azure-storage-key', 'Azure storage connection string AccountKey=', () => at((s) => `az storage blob list --connection-string "DefaultEndpointsProtocol=https;AccountName=orders;AccountKey=${s};EndpointSuffix=core.windows.net"`, `${body(BASE64, 86)}==`),
    () => 'az storage blob list --account-name orders --auth-mode login'),
  c('cloud', 'azure-sas-token', 'Azure SAS sig= in a blob URL', () => at((s) => `azcopy copy "https://orders.blob.core.windows.net/backups?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-01T00:00:00Z&sig=${s}" .`, `${body(ALNUM, 40)}%2B${body(ALNUM, 6)}%3D`),
    () => 'azcopy copy "https://orders.blob.core.windows.net/backups?restype=container&comp=list" .'),
  c('cloud', 'azure-ad-client-secret', 'Azure AD client secret (Q~)', () => at((s) => `az login --service-principal -u ${uuid()} -p ${s} --tenant ${uuid()}`, `${body(ALNUM, 3)}8Q~${body(ALNUM + '_~.', 34)}`),
    () => 'az login --identity --username /subscriptions/x/resourcegroups/ops/providers/Microsoft.ManagedIdentity/userAssignedIdentities/ops'),
  c('cloud', 'password-on-command-line', 'az login -p password', () => at((s) => `az login -u ops@corp.example.org -p '${s}'`, password()),
    () => 'az login -u ops@corp.example.org'),
  c('cloud', 'digitalocean-token', 'DigitalOcean personal access token', () => at((s) => `doctl auth init --access-token ${s}`, `dop_v1_${hex(64)}`),
    () => 'doctl compute droplet list --format ID,Name,PublicIPv4'),
  c('cloud', 'bearer-token', 'Heroku API key as a Bearer UUID', () => at((s) => `curl -n https://api.heroku.com/apps -H "Accept: application/vnd.heroku+json; version=3" -H "Authorization: Bearer ${s}"`, uuid()),
    () => `curl -n https://api.heroku.com/apps/${uuid()}/releases -H "Accept: application/vnd.heroku+json; version=3"`),
  c('cloud', 'heroku-api-key', 'HEROKU_API_KEY=uuid', () => at((s) => `export HEROKU_API_KEY=${s}`, uuid()),
    () => `export HEROKU_APP_ID=${uuid()}`),
  c('cloud', 'generic-api-key', 'Cloudflare global key header X-Auth-Key', () => at((s) => `curl -H "X-Auth-Email: ops@corp.example.org" -H "X-Auth-Key: ${s}" https://api.cloudflare.com/client/v4/zones`, hex(37)),
    () => `curl -H "X-Auth-Email: ops@corp.example.org" https://api.cloudflare.com/client/v4/zones/${hex(32)}`),
  c('cloud', 'alibaba-access-key', 'Alibaba Cloud AccessKey ID', () => at((s) => `aliyun configure set --access-key-id ${s}`, `LTAI${body(ALNUM, 20)}`),
    () => 'aliyun configure set --region cn-hangzhou'),
  c('cloud', 'flyio-token', 'Fly.io token', () => at((s) => `FLY_API_TOKEN=${s} flyctl deploy`, `fo1_${body(BASE64URL, 43)}`),
    () => 'flyctl deploy --app orders-api --strategy rolling'),
  c('cloud', 'generic-token', 'vercel --token', () => at((s) => `vercel deploy --prod --token ${s}`, body(ALNUM, 24)),
    () => 'vercel deploy --prod --token-file ~/.vercel/token'),
  // payments
  c('payments', 'stripe-key', 'Stripe secret key as curl -u user', () => at((s) => `curl https://api.stripe.com/v1/charges -u ${s}:`, `sk_live_${body(ALNUM, 99)}`),
    () => `curl https://api.stripe.com/v1/charges -u $STRIPE_SECRET_KEY:`),
  c('payments', 'stripe-key', 'Stripe key in JSON', () => at((s) => `{"stripe": {"key": "${s}", "mode": "live"}}`, `sk_live_${body(ALNUM, 24)}`),
    () => `{"stripe": {"publishable_key": "pk_live_${body(ALNUM, 24)}", "mode": "live"}}`),
  c('payments', 'stripe-key', 'Stripe key as a positional argument', () => at((s) => `./bin/rotate-webhooks ${s} --dry-run`, `sk_live_${body(ALNUM, 24)}`),
    () => `stripe.redirectToCheckout({ key: 'pk_live_${body(ALNUM, 24)}' })`),
  c('payments', 'stripe-key', 'Stripe restricted key rk_live_', () => at((s) => `STRIPE_KEY=${s} ./reconcile.sh`, `rk_live_${body(ALNUM, 24)}`),
    () => 'STRIPE_KEY_ID=rk_live_id ./reconcile.sh'),
  c('payments', 'stripe-key', 'Stripe test key sk_test_', () => at((s) => `stripe listen --api-key ${s} --forward-to localhost:4242/webhook`, `sk_test_${body(ALNUM, 24)}`),
    () => 'stripe listen --forward-to localhost:4242/webhook'),
  c('payments', 'stripe-webhook-secret', 'Stripe webhook signing secret', () => at((s) => `export STRIPE_WEBHOOK_SECRET=${s}`, `whsec_${body(ALNUM, 32)}`),
    () => 'stripe listen --print-secret'),
  c('payments', 'square-access-token', 'Square access token', () => at((s) => `curl -H "Square-Version: 2024-01-18" -H 'Authorization: Bearer ${s}' https://connect.squareup.com/v2/locations`, `EAAA${body(ALNUM + '-_', 60)}`),
    () => `curl -H "Square-Version: 2024-01-18" https://connect.squareup.com/v2/locations/${body(UPPER + DIGITS, 13)}`),
  c('payments', 'braintree-access-token', 'Braintree/PayPal access token', () => at((s) => `BT_ACCESS_TOKEN='${s}'`, `access_token$production$${body(LOWER + DIGITS, 16)}$${hex(32)}`),
    () => 'BT_ENVIRONMENT=production'),
  c('payments', 'shopify-token', 'Shopify admin access token', () => at((s) => `curl -H "X-Shopify-Access-Token: ${s}" https://orders.myshopify.com/admin/api/2024-01/shop.json`, `shpat_${hex(32)}`),
    () => 'curl https://orders.myshopify.com/admin/api/2024-01/shop.json'),
  c('payments', 'generic-secret', 'PayPal client secret assignment', () => at((s) => `PAYPAL_CLIENT_SECRET=${s}`, body(ALNUM + '-_', 80)),
    () => `PAYPAL_CLIENT_ID=${body(ALNUM, 80)}`),
  // chat and paging
  c('chat-paging', 'slack-token', 'Slack bot token', () => at((s) => `curl -H "Authorization: Bearer ${s}" https://slack.com/api/chat.postMessage`, `xoxb-${random(DIGITS, 12)}-${random(DIGITS, 12)}-${body(ALNUM, 24)}`),
    () => 'curl https://slack.com/api/api.test'),
  c('chat-paging', 'slack-webhook', 'Slack incoming webhook', () => at((s) => `curl -X POST -d @msg.json ${s}`, `https://hooks.slack.com/services/T${body(UPPER + DIGITS, 8)}/B${body(UPPER + DIGITS, 10)}/${body(ALNUM, 24)}`),
    () => 'curl -X POST -d @msg.json https://hooks.slack.com/services/$SLACK_WEBHOOK_PATH'),
  c('chat-paging', 'discord-webhook', 'Discord webhook URL', () => at((s) => `curl -H "Content-Type: application/json" -d '{"content":"deploy done"}' https://discord.com/api/webhooks/${random(DIGITS, 18)}/${s}`, body(BASE64URL, 68)),
    () => 'curl https://discord.com/developers/docs/resources/webhook'),
  c('chat-paging', 'telegram-bot-token', 'Telegram bot URL', () => {
    const token = `${random('123456789', 1)}${random(DIGITS, 9)}:AA${body(BASE64URL, 33)}`;
    return [`curl "https://api.telegram.org/bot${token}/sendMessage?chat_id=-100123&text=paged"`, token];
  }, () => 'curl "https://api.telegram.org/bot$TELEGRAM_TOKEN/sendMessage?chat_id=-100123&text=paged"'),
  c('chat-paging', 'microsoft-teams-webhook', 'Microsoft Teams incoming webhook', () => at((s) => `curl -H 'Content-Type: application/json' -d @card.json '${s}'`, `https://corp.webhook.office.com/webhookb2/${uuid()}@${uuid()}/IncomingWebhook/${hex(32)}/${uuid()}`),
    () => 'curl -H "Content-Type: application/json" -d @card.json "$TEAMS_WEBHOOK_URL"'),
  c('chat-paging', 'sendgrid-api-key', 'SendGrid key with dashes', () => at((s) => `SENDGRID_API_KEY=${s}`, `SG.${body(ALNUM, 10)}-${body(ALNUM, 11)}.${body(ALNUM, 20)}-${body(ALNUM, 22)}`),
    () => 'SENDGRID_FROM=ops-alerts@corp.example.org'),
  c('chat-paging', 'mailgun-api-key', 'Mailgun private key', () => at((s) => `curl -s --user 'api:${s}' https://api.mailgun.net/v3/mg.corp.io/messages`, `key-${hex(32)}`),
    () => 'curl -s https://api.mailgun.net/v3/domains/mg.corp.io'),
  c('chat-paging', 'mailchimp-api-key', 'Mailchimp API key', () => at((s) => `MAILCHIMP_KEY=${s}`, `${hex(32)}-us${random('123456789', 1)}${random(DIGITS, 1)}`),
    () => 'MAILCHIMP_DC=us21'),
  c('chat-paging', 'password-on-command-line', 'Twilio auth token via curl -u', () => at((s) => `curl -X POST https://api.twilio.com/2010-04-01/Accounts/AC${hex(32)}/Messages.json -u AC${hex(32)}:${s}`, hex(32)),
    () => `curl https://api.twilio.com/2010-04-01/Accounts/AC${hex(32)}/Messages.json`),
  c('chat-paging', 'generic-api-key', 'PagerDuty Events routing_key in JSON', () => at((s) => `curl -X POST https://events.pagerduty.com/v2/enqueue -d '{"routing_key": "${s}", "event_action": "trigger"}'`, hex(32)),
    () => `curl -X POST https://events.pagerduty.com/v2/enqueue -d '{"dedup_key": "${hex(32)}", "event_action": "resolve"}'`),
  c('chat-paging', 'bearer-token', 'PagerDuty REST API "Token token="', () => at((s) => `curl -H "Authorization: Token token=${s}" https://api.pagerduty.com/incidents`, body(ALNUM + '_-+', 20)),
    () => 'curl -H "Accept: application/vnd.pagerduty+json;version=2" https://api.pagerduty.com/incidents'),
  c('chat-paging', 'opsgenie-api-key', 'Opsgenie GenieKey header', () => at((s) => `curl -X POST https://api.opsgenie.com/v2/alerts -H "Authorization: GenieKey ${s}"`, uuid()),
    () => `curl https://api.opsgenie.com/v2/alerts/${uuid()}`),
  c('chat-paging', 'generic-api-key', 'VictorOps X-VO-Api-Key', () => at((s) => `curl -H "X-VO-Api-Id: ops" -H "X-VO-Api-Key: ${s}" https://api.victorops.com/api-public/v1/incidents`, hex(32)),
    () => 'curl -H "X-VO-Api-Id: ops" https://api.victorops.com/api-public/v1/incidents'),
  // observability
  c('observability', 'datadog-api-key', 'DD_API_KEY=', () => at((s) => `DD_API_KEY=${s} datadog-agent status`, hex(32)),
    () => `DD_SITE=datadoghq.eu datadog-agent status`),
  c('observability', 'datadog-app-key', 'Datadog application key (40 hex) in env', () => at((s) => `export DD_APP_KEY=${s}`, hex(40)),
    () => `git checkout ${hex(40)}`),
  c('observability', 'datadog-app-key', 'Datadog application key header', () => at((s) => `curl -H "DD-API-KEY: \${DD_API_KEY}" -H "DD-APPLICATION-KEY: ${s}" https://api.datadoghq.com/api/v1/monitor`, hex(40)),
    () => `curl https://api.datadoghq.com/api/v1/monitor/${random(DIGITS, 8)}`),
  c('observability', 'new-relic-key', 'New Relic user key NRAK-', () => at((s) => `curl -H "API-Key: ${s}" https://api.newrelic.com/graphql`, `NRAK-${body(UPPER + DIGITS, 27)}`),
    () => 'curl https://api.newrelic.com/graphql -d @query.json'),
  c('observability', 'grafana-token', 'Grafana service account token', () => at((s) => `curl -H "Authorization: Bearer ${s}" https://grafana.internal/api/dashboards/home`, `glsa_${body(ALNUM, 32)}_${hex(8)}`),
    () => 'curl https://grafana.internal/api/health'),
  c('observability', 'grafana-token', 'Grafana legacy API key eyJrIjoi', () => at((s) => `GRAFANA_KEY=${s}`, `eyJrIjoi${body(ALNUM, 72)}`),
    () => 'GRAFANA_URL=https://grafana.internal'),
  c('observability', 'sentry-token', 'Sentry user auth token', () => at((s) => `sentry-cli --auth-token ${s} releases list`, `sntryu_${hex(64)}`),
    () => 'sentry-cli releases list --org corp --project orders'),
  c('observability', 'splunk-hec-token', 'Splunk HEC Authorization: Splunk UUID', () => at((s) => `curl -k https://splunk.internal:8088/services/collector -H "Authorization: Splunk ${s}" -d '{"event":"x"}'`, uuid()),
    () => `curl -k https://splunk.internal:8088/services/collector/health -H "X-Splunk-Request-Channel: ${uuid()}"`),
  c('observability', 'dynatrace-token', 'Dynatrace API token', () => at((s) => `curl -H "Authorization: Api-Token ${s}" https://abc123.live.dynatrace.com/api/v2/problems`, `dt0c01.${body(UPPER + DIGITS, 24)}.${body(UPPER + DIGITS, 64)}`),
    () => 'curl https://abc123.live.dynatrace.com/api/v2/problems?pageSize=10'),
  c('observability', 'bearer-token', 'Elastic Authorization: ApiKey', () => at((s) => `curl -H "Authorization: ApiKey ${s}" https://es.internal:9200/_cluster/health`, `${body(BASE64, 58)}==`),
    () => 'curl -H "Content-Type: application/json" https://es.internal:9200/_cluster/health'),
  c('observability', 'generic-api-key', 'Honeycomb X-Honeycomb-Team', () => at((s) => `curl https://api.honeycomb.io/1/events/orders -H "X-Honeycomb-Team: ${s}"`, body(ALNUM, 22)),
    () => 'curl https://api.honeycomb.io/1/events/orders -H "X-Honeycomb-Event-Time: 2026-11-26T10:00:00Z"'),
  c('observability', 'password-in-url', 'Prometheus remote-write URL password', () => at((s) => `curl -s https://metrics:${s}@prometheus.internal/api/v1/query?query=up`, password()),
    () => 'curl -s https://prometheus.internal/api/v1/query?query=up'),
  // SaaS
  c('saas', 'openai-api-key', 'OpenAI project key', () => at((s) => `export OPENAI_API_KEY=${s}`, `sk-proj-${body(BASE64URL, 74)}T3BlbkFJ${body(BASE64URL, 74)}`),
    () => 'export OPENAI_MODEL=gpt-4o-mini'),
  c('saas', 'anthropic-api-key', 'Anthropic API key', () => at((s) => `curl https://api.anthropic.com/v1/messages -H "x-api-key: ${s}"`, `sk-ant-api03-${body(BASE64URL, 93)}AA`),
    () => 'curl https://api.anthropic.com/v1/messages -H "anthropic-version: 2023-06-01"'),
  c('saas', 'huggingface-token', 'Hugging Face token', () => at((s) => `huggingface-cli login --token ${s}`, `hf_${random(UPPER + LOWER, 34)}`),
    () => 'huggingface-cli whoami'),
  c('saas', 'atlassian-api-token', 'Atlassian API token via curl -u', () => at((s) => `curl -u ops@corp.example.org:${s} https://corp.atlassian.net/rest/api/3/issue/OPS-1`, `ATATT3${body(BASE64URL, 186)}`),
    () => 'curl -u ops@corp.example.org https://corp.atlassian.net/rest/api/3/issue/OPS-1'),
  c('saas', 'postman-api-key', 'Postman API key', () => at((s) => `curl -H "X-Api-Key: ${s}" https://api.getpostman.com/collections`, `PMAK-${hex(24)}-${hex(34)}`),
    () => 'curl https://api.getpostman.com/collections/12345'),
  c('saas', 'doppler-token', 'Doppler token', () => at((s) => `DOPPLER_TOKEN=${s} doppler run -- ./start`, `dp.pt.${body(ALNUM, 43)}`),
    () => 'doppler run --project orders --config prd -- ./start'),
  c('saas', 'okta-token', 'Okta SSWS header', () => at((s) => `curl -H "Authorization: SSWS ${s}" https://corp.okta.com/api/v1/users`, `00${body(ALNUM + '_-', 40)}`),
    () => 'curl https://corp.okta.com/.well-known/openid-configuration'),
  c('saas', 'linear-api-key', 'Linear API key', () => at((s) => `curl -H "Authorization: ${s}" https://api.linear.app/graphql`, `lin_api_${body(ALNUM, 40)}`),
    () => 'curl https://api.linear.app/graphql -d "{ viewer { id } }"'),
  c('saas', 'age-secret-key', 'age secret key', () => at((s) => `echo '${s}' > ~/.config/sops/age/keys.txt`, `AGE-SECRET-KEY-1${random('QPZRY9X8GF2TVDW0S3JN54KHCE6MUA7L', 58)}`),
    () => `sops --age age1${random('qpzry9x8gf2tvdw0s3jn54khce6mua7l', 58)} -e secrets.yaml`),
  c('saas', '1password-token', '1Password service account token', () => at((s) => `export OP_SERVICE_ACCOUNT_TOKEN=${s}`, `ops_eyJ${body(BASE64, 260)}`),
    () => 'op read "op://ops/orders-db/password"'),
  // VCS and CI
  c('vcs-ci', 'github-token', 'GitHub PAT', () => at((s) => `git clone https://${s}@github.com/corp/orders.git`, `ghp_${body(ALNUM, 36)}`),
    () => 'git clone https://github.com/corp/orders.git'),
  c('vcs-ci', 'github-token', 'GitHub fine-grained PAT', () => at((s) => `GH_TOKEN=${s} gh pr list`, `github_pat_${body(ALNUM, 22)}_${body(ALNUM, 59)}`),
    () => 'gh auth status --show-token=false'),
  c('vcs-ci', 'gitlab-token', 'GitLab PAT', () => at((s) => `curl --header "PRIVATE-TOKEN: ${s}" https://gitlab.internal/api/v4/projects`, `glpat-${body(ALNUM + '_-', 20)}`),
    () => 'curl https://gitlab.internal/api/v4/projects?per_page=100'),
  c('vcs-ci', 'gitlab-token', 'GitLab runner authentication token', () => at((s) => `gitlab-runner register --url https://gitlab.internal --token ${s}`, `glrt-${body(ALNUM + '_-', 20)}`),
    () => 'gitlab-runner verify --delete'),
  c('vcs-ci', 'gitlab-token', 'GitLab runner registration token', () => at((s) => `gitlab-runner register --registration-token ${s}`, `GR1348941${body(ALNUM + '_-', 20)}`),
    () => 'gitlab-runner list'),
  c('vcs-ci', 'npm-token', 'npm token in .npmrc', () => at((s) => `echo "//registry.npmjs.org/:_authToken=${s}" > ~/.npmrc`, `npm_${body(ALNUM, 36)}`),
    () => 'echo "registry=https://registry.npmjs.org/" > ~/.npmrc'),
  c('vcs-ci', 'pypi-token', 'PyPI upload token', () => at((s) => `twine upload -u __token__ -p ${s} dist/*`, `pypi-AgEIcHlwaS5vcmc${body(BASE64URL, 70)}`),
    () => 'twine upload --repository testpypi dist/*'),
  c('vcs-ci', 'docker-hub-token', 'Docker Hub PAT piped to docker login', () => at((s) => `echo ${s} | docker login -u ci --password-stdin`, `dckr_pat_${body(ALNUM + '_-', 27)}`),
    () => 'echo "$DOCKERHUB_TOKEN" | docker login -u ci --password-stdin'),
  c('vcs-ci', 'password-on-command-line', 'password echoed into --password-stdin', () => at((s) => `echo '${s}' | docker login registry.internal -u ci --password-stdin`, password()),
    () => 'cat ~/.registry-password | docker login registry.internal -u ci --password-stdin'),
  c('vcs-ci', 'artifactory-token', 'Artifactory API key', () => at((s) => `curl -H "X-JFrog-Art-Api: ${s}" https://artifacts.internal/artifactory/api/repositories`, `AKCp${body(ALNUM, 69)}`),
    () => 'curl https://artifacts.internal/artifactory/api/system/ping'),
  c('vcs-ci', 'rubygems-token', 'RubyGems API key', () => at((s) => `GEM_HOST_API_KEY=${s} gem push orders.gem`, `rubygems_${hex(48)}`),
    () => 'gem push orders-1.2.3.gem --host https://rubygems.org'),
  c('vcs-ci', 'terraform-cloud-token', 'Terraform Cloud token', () => at((s) => `export TF_TOKEN_app_terraform_io=${s}`, `${body(ALNUM, 14)}.atlasv1.${body(ALNUM, 67)}`),
    () => 'terraform login app.terraform.io'),
  c('vcs-ci', 'buildkite-token', 'Buildkite agent/API token', () => at((s) => `curl -H "Authorization: Bearer ${s}" https://api.buildkite.com/v2/builds`, `bkua_${hex(40)}`),
    () => 'curl https://api.buildkite.com/v2/builds?state=running'),
  c('vcs-ci', 'sonar-token', 'SonarQube token', () => at((s) => `sonar-scanner -Dsonar.token=${s}`, `squ_${hex(40)}`),
    () => 'sonar-scanner -Dsonar.projectKey=orders'),
  // Kubernetes, databases, private keys
  c('infrastructure', 'private-key', 'RSA private key', () => {
    const k = ['-----BEGIN RSA PRIVATE KEY-----', ...Array.from({ length: 12 }, () => body(BASE64, 64)), '-----END RSA PRIVATE KEY-----'].join('\n');
    return [`cat > id_rsa <<'EOF'\n${k}\nEOF`, k];
  }, () => 'ssh-keygen -t ed25519 -f ~/.ssh/id_ed25519 -N ""'),
  c('infrastructure', 'private-key', 'EC P-256 private key', () => {
    const k = ['-----BEGIN EC PRIVATE KEY-----', `MHcCAQEEI${body(BASE64, 55)}`, body(BASE64, 64), body(BASE64, 32) + '==', '-----END EC PRIVATE KEY-----'].join('\n');
    return [k, k];
  }, () => ['-----BEGIN PUBLIC KEY-----', `MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE${body(BASE64, 28)}`, body(BASE64, 60), '-----END PUBLIC KEY-----'].join('\n')),
  c('infrastructure', 'private-key', 'Ed25519 OpenSSH private key', () => {
    const k = ['-----BEGIN OPENSSH PRIVATE KEY-----', `b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW`, body(BASE64, 70), body(BASE64, 70), body(BASE64, 70), body(BASE64, 20), '-----END OPENSSH PRIVATE KEY-----'].join('\n');
    return [k, k];
  }, () => `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${body(BASE64, 43)} ops@bastion`),
  c('infrastructure', 'private-key', 'encrypted PKCS#8 private key', () => {
    const k = ['-----BEGIN ENCRYPTED PRIVATE KEY-----', ...Array.from({ length: 8 }, () => body(BASE64, 64)), '-----END ENCRYPTED PRIVATE KEY-----'].join('\n');
    return [k, k];
  }, () => ['-----BEGIN CERTIFICATE-----', ...Array.from({ length: 4 }, () => body(BASE64, 64)), '-----END CERTIFICATE-----'].join('\n')),
  c('infrastructure', 'kubernetes-secret', 'Kubernetes Secret data value', () => {
    const v = Buffer.from(password(20)).toString('base64');
    return [`apiVersion: v1\nkind: Secret\nmetadata:\n  name: orders-db\ndata:\n  DB_PASS: ${v}`, v];
  }, () => 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: orders\ndata:\n  LOG_LEVEL: debug'),
  c('infrastructure', 'generic-password', 'kubectl create secret --from-literal', () => at((s) => `kubectl create secret generic orders-db --from-literal=password=${s}`, password()),
    () => 'kubectl create secret generic orders-db --from-file=password=./db-password.txt'),
  c('infrastructure', 'jwt', 'kubeconfig service-account token', () => {
    const jwt = [Buffer.from('{"alg":"RS256","kid":"x"}').toString('base64url'), Buffer.from(`{"sub":"system:serviceaccount:ops:${random(LOWER, 8)}"}`).toString('base64url'), body(BASE64URL, 86)].join('.');
    return [`kubectl --token=${jwt} get pods -n orders`, jwt];
  }, () => 'kubectl --token-file=/var/run/secrets/kubernetes.io/serviceaccount/token get pods -n orders'),
  c('infrastructure', 'kubernetes-bootstrap-token', 'kubeadm join --token', () => at((s) => `kubeadm join 10.0.0.10:6443 --token ${s} --discovery-token-ca-cert-hash sha256:${hex(64)}`, `${body(LOWER + DIGITS, 6)}.${body(LOWER + DIGITS, 16)}`),
    () => 'kubeadm token list'),
  c('infrastructure', 'openshift-token', 'OpenShift user token', () => at((s) => `oc login --token=${s} --server=https://api.ocp.internal:6443`, `sha256~${body(BASE64URL, 43)}`),
    () => 'oc login --web --server=https://api.ocp.internal:6443'),
  c('infrastructure', 'vault-token', 'Vault service token', () => at((s) => `VAULT_TOKEN=${s} vault kv get secret/orders`, `hvs.${body(ALNUM, 95)}`),
    () => 'vault kv get -field=password secret/orders/db'),
  c('infrastructure', 'consul-token', 'Consul X-Consul-Token', () => at((s) => `curl -H "X-Consul-Token: ${s}" http://consul.internal:8500/v1/kv/orders`, uuid()),
    () => `curl http://consul.internal:8500/v1/session/info/${uuid()}`),
  c('infrastructure', 'consul-token', 'CONSUL_HTTP_TOKEN=uuid', () => at((s) => `export CONSUL_HTTP_TOKEN=${s}`, uuid()),
    () => `export CONSUL_NAMESPACE=orders`),
  c('infrastructure', 'password-in-url', 'PostgreSQL URL', () => at((s) => `psql "postgres://orders_app:${s}@orders-db.internal:5432/orders"`, password()),
    () => 'psql "postgres://orders_app@orders-db.internal:5432/orders"'),
  c('infrastructure', 'password-in-url', 'MongoDB SRV URL', () => at((s) => `mongosh "mongodb+srv://ops:${s}@orders.abcd.mongodb.net/admin"`, password()),
    () => 'mongosh "mongodb+srv://orders.abcd.mongodb.net/admin" --username ops'),
  c('infrastructure', 'password-on-command-line', 'sqlcmd -P', () => at((s) => `sqlcmd -S orders-db.internal -U sa -P '${s}' -Q "SELECT 1"`, password()),
    () => 'sqlcmd -S orders-db.internal -E -Q "SELECT 1"'),
  c('infrastructure', 'password-on-command-line', 'mongo -p', () => at((s) => `mongosh --host orders-db -u admin -p '${s}' --authenticationDatabase admin`, password()),
    () => 'mongosh --host orders-db -u admin -p --authenticationDatabase admin'),
  c('infrastructure', 'password-on-command-line', 'htpasswd -b', () => at((s) => `htpasswd -b -c /etc/nginx/.htpasswd ops ${s}`, password()),
    () => 'htpasswd -c /etc/nginx/.htpasswd ops'),
  c('infrastructure', 'password-on-command-line', 'rabbitmqctl change_password', () => at((s) => `rabbitmqctl change_password orders '${s}'`, password()),
    () => 'rabbitmqctl list_users'),
  c('infrastructure', 'password-in-sql', 'SQL ALTER USER ... PASSWORD', () => at((s) => `psql -c "ALTER USER orders_app WITH PASSWORD '${s}';"`, password()),
    () => `psql -c "ALTER USER orders_app WITH PASSWORD NULL;"`),
  c('infrastructure', 'password-in-sql', 'SQL IDENTIFIED BY', () => at((s) => `mysql -e "CREATE USER 'ops'@'%' IDENTIFIED BY '${s}';"`, password()),
    () => `mysql -e "CREATE USER 'ops'@'%' IDENTIFIED WITH auth_socket;"`),
  c('infrastructure', 'password-on-command-line', 'MySQL -p glued', () => at((s) => `mysql -h orders-db -u root -p${s} orders`, body(ALNUM, 14)),
    () => 'mysql -h orders-db -u root -p orders'),
  c('infrastructure', 'generic-password', 'PGPASSWORD=', () => at((s) => `PGPASSWORD=${s} psql -h orders-db -U app`, password()),
    () => 'PGPASSFILE=~/.pgpass psql -h orders-db -U app'),
  // generic headers, URLs, command lines
  c('generic', 'bearer-token', 'Bearer token', () => at((s) => `curl -H "Authorization: Bearer ${s}" https://api.internal/v1/pool`, body(BASE64URL, 40)),
    () => 'curl -H "Authorization: Bearer $(gcloud auth print-access-token)" https://api.internal/v1/pool'),
  c('generic', 'session-cookie', 'Cookie: session=', () => at((s) => `curl -H "Cookie: session=${s}; theme=dark" https://admin.internal/`, body(BASE64URL, 40)),
    () => 'curl -H "Cookie: theme=dark; lang=en" https://admin.internal/'),
  c('generic', 'session-cookie', 'curl -b session cookie', () => at((s) => `curl -b "sessionid=${s}" https://admin.internal/queues`, body(LOWER + DIGITS, 32)),
    () => 'curl -b cookies.txt https://admin.internal/queues'),
  c('generic', 'generic-token', 'access_token in a query string', () => at((s) => `curl "https://api.internal/v1/export?format=json&access_token=${s}"`, body(ALNUM, 32)),
    () => 'curl "https://api.internal/v1/export?format=json&page_token=2"'),
  c('generic', 'generic-api-key', 'api_key in a query string', () => at((s) => `curl "https://status.internal/api?api_key=${s}&q=orders"`, body(ALNUM, 32)),
    () => 'curl "https://status.internal/api?api_version=2&q=orders"'),
  c('generic', 'password-in-url', 'basic auth URL', () => at((s) => `curl https://admin:${s}@rabbit.internal:15672/api/queues`, password()),
    () => 'curl https://admin@rabbit.internal:15672/api/queues'),
  c('generic', 'password-on-command-line', 'curl -u user:password', () => at((s) => `curl -s -u elastic:${s} https://es.internal:9200/_cat/indices`, password()),
    () => 'curl -s -u elastic https://es.internal:9200/_cat/indices'),
  c('generic', 'generic-password', 'wget --password', () => at((s) => `wget --user=ops --password=${s} https://files.internal/dump.sql.gz`, password()),
    () => 'wget --user=ops --ask-password https://files.internal/dump.sql.gz'),
  c('generic', 'password-on-command-line', 'sshpass -p', () => at((s) => `sshpass -p '${s}' ssh ops@bastion.internal`, password()),
    () => 'sshpass -f ~/.ssh/bastion-pass ssh ops@bastion.internal'),
  c('generic', 'password-on-command-line', 'docker login -p', () => at((s) => `docker login -u ci -p ${s} registry.internal`, body(ALNUM, 24)),
    () => 'docker login -u ci registry.internal'),
  c('generic', 'generic-password', 'YAML password:', () => at((s) => `  password: ${s}`, password()),
    () => '  password_file: /etc/orders/db-password'),
  c('generic', 'generic-secret', 'JSON client_secret', () => at((s) => `{"client_id": "orders", "client_secret": "${s}"}`, password()),
    () => '{"client_id": "orders", "client_secret_name": "orders-oauth"}'),
  c('generic', 'basic-auth', 'Authorization: Basic', () => { const v = Buffer.from(`ops:${password()}`).toString('base64'); return [`curl -H 'Authorization: Basic ${v}' https://api.internal/`, v]; },
    () => 'curl -H "Authorization: Basic $(printf %s "$USER:$PASS" | base64)" https://api.internal/'),
  c('generic', 'jwt', 'JWT in a header', () => {
    const jwt = [Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url'), Buffer.from(`{"sub":"${random(ALNUM, 10)}","iat":1764115200}`).toString('base64url'), body(BASE64URL, 43)].join('.');
    return [`curl -H "X-Auth: ${jwt}" https://api.internal/`, jwt];
  }, () => `echo ${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from('{"sub":"x"}').toString('base64url')} | base64 -d`),
];
