import assert from 'node:assert/strict';
import { findCredentials } from '../../server/src/engine/credentials/index';
import { ALNUM, HEX, body, random } from './credentials-secrets';

/** Lines that hold no secret: placeholders, run-time fetches, public identifiers, prose. Each must give no hit. */
const NOT_SECRETS: Array<[string, string]> = [
  // placeholders
  ['$VAR', 'DB_PASSWORD=$DB_PASSWORD'],
  ['${VAR}', 'password="${DB_PASSWORD}"'],
  ['${VAR} in a URL', 'psql "postgres://orders:${PGPASSWORD}@orders-db:5432/orders"'],
  ['<...>', 'password: <your-password>'],
  ['<...> in a URL', 'https://<es_username>:<password>@<cluster_url>:9243'],
  ['{{...}}', 'api_token: {{ api_token }}'],
  ['{{...}} in a URL', 'redis://:{{redis_password}}@cache:6379'],
  ['${{ secrets.X }}', 'token: ${{ secrets.GITHUB_TOKEN }}'],
  ['****', 'password: ********'],
  ['xxx', 'PGPASSWORD=xxx psql -h db'],
  ['xxxx token', `ghp_${'x'.repeat(36)}`],
  ['REDACTED', 'password=REDACTED'],
  ['[REDACTED]', 'client_secret: [REDACTED]'],
  ['<redacted>', 'password: <redacted>'],
  ['changeme', 'GITLAB_ADMIN_PRIVATE_TOKEN=CHANGEME'],
  ['password', 'password: password'],
  ['example', 'api_key: example-key-1234'],
  ['EXAMPLE AWS key', 'aws_access_key_id = AKIAIOSFODNN7EXAMPLE'],
  ['...', 'PINGDOM_PASSWORD="..."'],
  ['…', 'token: abc…'],
  ['textbook password', 'DB_PASSWORD=hunter2'],
  ['leetspeak of password', 'password: Passw0rd'],
  ['short token-like word', 'token: v1beta1'],
  ['%VAR%', 'set PASSWORD=%DB_PASSWORD%'],
  ['constant name', 'password: SIGN_IN_PASSWORD_FIELD'],
  ['wrong-password (words)', 'password: wrong-password'],
  ['sample word value', 'api_key:     super-secret-key'],
  ['value with spaces', `token: "id_token token"`],
  // fetched at run time
  ['$(vault read)', 'PGPASSWORD=$(vault read -field=password secret/orders/db)'],
  ['"$(vault kv get)"', 'export VAULT_TOKEN="$(vault kv get -field=token secret/ops)"'],
  ['kubectl jsonpath', `TOKEN=$(kubectl get secret ops-token -o jsonpath='{.data.token}' | base64 -d)`],
  ['kubectl get secret, no assignment', `kubectl -n orders get secret db-credentials -o jsonpath='{.data.password}' | base64 -d`],
  ['backticks', 'password=`cat /run/secrets/db_password`'],
  ['Bearer $TOKEN', 'curl -H "Authorization: Bearer $TOKEN" https://api.internal/'],
  ['Bearer $(cmd)', 'curl -H "Authorization: Bearer $(oc whoami -t)" https://prometheus.internal/'],
  ['mysql prompt', 'mysql -u root -p -h orders-db'],
  ['mysql -p$VAR', 'mysql -u root -p$MYSQL_PWD orders'],
  ['mysql -p"$(...)"', 'mysql -u root -p"$(cat /etc/mysql/pw)" orders'],
  ['mysql -p then a database name', 'mysql -u root -p orders'],
  ['docker -u uid:gid', 'docker run -u 1000:1000 --rm busybox id'],
  ['curl -u with variables', 'curl -u "$ES_USER:$ES_PASSWORD" https://es.internal:9200'],
  ['curl -u prompting', 'curl -u elastic: https://es.internal:9200'],
  ['curl -u default words', 'curl -u admin:admin http://localhost:15672/api/overview'],
  ['docker login -p $VAR', 'docker login -u ci-bot -p $CI_REGISTRY_PASSWORD registry.internal'],
  ['oc login -p $(cmd)', 'oc login -u kubeadmin -p "$(cat auth/kubeadmin-password)" https://api.ocp:6443'],
  ['redis-cli -a $VAR', 'redis-cli -a "$REDIS_PASSWORD" ping'],
  ['ssh -p port', 'ssh -p 2222 ops@bastion.internal'],
  ['--password from stdin', 'docker login --username ops --password-stdin registry.internal'],
  ['code expression', 'authentication_token: Devise.friendly_token.first(16)'],
  ['function argument', 'token = params[0];'],
  ['member access', 'idToken: cacheRecord?.idToken?.secret || ""'],
  ['table cell with a placeholder', '| Password | `<from Vault>` |'],
  ['table cell with words', '| Password | stored in Vault under ops/orders |'],
  ['bold label with words', '**Token**: see 1Password, item "orders-api"'],
  // public identifiers
  ['sha256 digest', `image: registry.internal/orders@sha256:${random(HEX, 64)}`],
  ['digest value', `token_digest: sha256:${random(HEX, 64)}`],
  ['commit hash', `git checkout ${random(HEX, 40)}`],
  // Under a credential key a hex string or a UUID is the token (Sentry, Cloudflare, old GitHub tokens): see
  // credentials-gitleaks.test.ts. Under any other key it is a commit or an id.
  ['commit hash assigned', `revision: ${random(HEX, 40)}`],
  ['UUID', `trace_id: 3f0c2a9e-8d4b-4f6a-9b1c-${random(HEX, 12)}`],
  ['request id', `request_id=${random(HEX, 8)}-${random(HEX, 4)}-${random(HEX, 4)}-${random(HEX, 4)}-${random(HEX, 12)}`],
  // names of secrets, not secrets
  ['secret name', 'secret_name: orders-db-credentials-v2'],
  ['secretKeyRef', 'secretKeyRef: orders-db-v2'],
  ['token URL', 'token_url: https://auth.internal/oauth2/token'],
  ['password file', 'password_file: /etc/orders/db-password-v2'],
  ['path value', 'DB_PASSWORD=/run/secrets/db_password_v2'],
  ['path of base64 characters', 'API_TOKEN=/var/run/secrets/tokens/orders'],
  ['path with mixed case and digits', 'SECRET_KEY=/opt/OrdersService/Config2024/secretkey'],
  ['private key path', 'private_key: /etc/ssl/private/orders-2026.key'],
  ['option after a flag', 'vault login --token -no-store -address=https://vault.internal'],
  ['pagination token', `pageToken=${body(ALNUM, 16)}`],
  ['camelCase identifier', 'PlatformAuthDOMGetToken = "platformAuthDOMGetToken"'],
  ['status badge token', `[![coverage](https://codecov.io/gh/shop/orders/graph/badge.svg?token=${body(ALNUM, 10)})](https://codecov.io)`],
  ['leetspeak placeholder', "const pass = 'pa$$w0rd'"],
  // documentation hosts
  ['example.com URL', `https://admin:${body(ALNUM, 12)}@example.com/`],
  // prose
  ['prose with a colon', 'Password: rotate it in Vault every 90 days.'],
  ['prose token', 'The token: it expires after one hour.'],
  ['kubectl get secret', 'kubectl get secret orders-token -n orders'],
  ['comparison', 'if [ "$password" == "$expected2" ]; then'],
];

describe('credentials: no noise on what is not a secret', () => {
  for (const [name, line] of NOT_SECRETS) {
    it(`ignores ${name}`, async () => {
      const hits = await findCredentials(`Before.\n\n\`\`\`bash\n${line}\n\`\`\`\n`);
      assert.deepEqual(hits.map((h) => `${h.kind} ${h.preview}`), []);
    });
  }
});
