import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { findCredentials, redactSecrets } from '../../server/src/engine/credentials/index';
import { appendEvent } from '../../server/src/engine/timeline/store';
import { caseLines, gitleaksPlaceholders, GITLEAKS_CASES, GITLEAKS_GROUPS, piecesLeft } from './credentials-gitleaks';
import { randomMatching } from './credentials-regexgen';
import { ALNUM, body, HEX, random, withSeed } from './credentials-secrets';

/** Fixed, so CI draws the same values on every run; set CREDENTIALS_SEED to draw others. */
const SEED = process.env.CREDENTIALS_SEED || 'runbooks-gitleaks-1';
/** Values drawn per case. */
const DRAWS = 3;

/** What is wrong with the line: not found, or a piece of the secret left after redaction. */
async function problem(line: string, secret: string): Promise<string | undefined> {
  if ((await findCredentials(line)).length === 0) return 'not found';
  const left = piecesLeft(await redactSecrets(line), line, secret);
  return left.length > 0 ? `${left.length} pieces left after redaction, first ${left[0]}` : undefined;
}

describe(`credentials: every gitleaks rule's format, ${DRAWS} draws from its pattern (seed ${SEED})`, () => {
  for (const group of GITLEAKS_GROUPS) {
    describe(group, () => {
      for (const c of GITLEAKS_CASES.filter((k) => k.group === group)) {
        it(`${c.rule}: found and fully redacted in every line`, async () => {
          const failures: string[] = [];
          for (let n = 0; n < DRAWS; n++) {
            const secret = withSeed(`${SEED}/${c.rule}/${n}`, () => randomMatching(c.pattern));
            for (const line of caseLines(c, secret)) {
              const wrong = await problem(line, secret);
              if (wrong) failures.push(`${wrong}: ${JSON.stringify(line)}`);
            }
          }
          assert.deepEqual(failures, []);
        });
      }
    });
  }

  it('covers every group', () => {
    for (const group of GITLEAKS_GROUPS) assert.ok(GITLEAKS_CASES.some((c) => c.group === group), group);
  });
});

describe('credentials: placeholders of the kinds gitleaks lists as false positives are not flagged', () => {
  for (const line of withSeed(`${SEED}/placeholders`, gitleaksPlaceholders)) {
    it(`ignores ${JSON.stringify(line.slice(0, 90))}`, async () => {
      assert.deepEqual((await findCredentials(line)).map((h) => `${h.slug} ${h.preview}`), []);
    });
  }
});

describe('credentials: the misses issue 22 names', () => {
  const cases: Array<[string, () => [string, string]]> = [
    ['SENTRY_AUTH_TOKEN of 64 hex', () => { const s = random(HEX, 64); return [`export SENTRY_AUTH_TOKEN=${s}`, s]; }],
    ['sentry-cli --auth-token of 64 hex', () => { const s = random(HEX, 64); return [`sentry-cli --auth-token ${s} releases new 1.2.3`, s]; }],
    ['old-style GITHUB_TOKEN of 40 hex', () => { const s = random(HEX, 40); return [`GITHUB_TOKEN=${s} gh api /user`, s]; }],
    ['Slack workflow webhook', () => { const s = `https://hooks.slack.com/workflows/T${body(ALNUM, 10)}/A${body(ALNUM, 10)}/${random('0123456789', 18)}/${body(ALNUM, 24)}`; return [`curl -X POST ${s} -d @event.json`, s]; }],
    ['Slack trigger webhook', () => { const s = `https://hooks.slack.com/triggers/T${body(ALNUM, 10)}/${random('0123456789', 13)}/${random(HEX, 32)}`; return [`SLACK_TRIGGER_URL: ${s}`, s]; }],
    ['Slack app token: its 64-hex secret too', () => { const s = `xapp-1-A${body('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}-${random('0123456789', 13)}-${random(HEX, 64)}`; return [`SLACK_APP_TOKEN=${s}`, s]; }],
    ['Slack config token xoxe.xoxp-', () => { const s = `xoxe.xoxp-1-${body(ALNUM, 164)}`; return [s, s]; }],
    ['Slack refresh token xoxe-', () => { const s = `xoxe-1-${body(ALNUM, 146)}`; return [s, s]; }],
    ['Discord bot token', () => { const s = `M${body(ALNUM, 23)}.${body(ALNUM, 6)}.${body(ALNUM + '_-', 27)}`; return [`DISCORD_BOT=${s}`, s]; }],
    ['Cisco Meraki key under a token name', () => { const s = random(HEX, 40); return [`merakiToken = "${s}"`, s]; }],
    ['Twilio SK key', () => { const s = `SK${random(HEX, 32)}`; return [`twilio api:core:keys:fetch --sid ${s}`, s]; }],
    ['AWS Bedrock ABSK key', () => { const s = `ABSK${body(ALNUM + '+/', 128)}`; return [`AWS_BEARER_TOKEN_BEDROCK=${s}`, s]; }],
    ['Cloudflare Origin CA key', () => { const s = `v1.0-${random(HEX, 24)}-${random(HEX, 146)}`; return [`origin_ca_key = "${s}"`, s]; }],
    ['Pulumi token', () => { const s = `pul-${random(HEX, 40)}`; return [`The CI token is ${s}, rotate it after the drill.`, s]; }],
    ['1Password secret key', () => { const s = `A3-${body('ABCDEFGHJKLMNPQRSTVWXYZ23456789', 6)}-${body('ABCDEFGHJKLMNPQRSTVWXYZ23456789', 11)}-${body('ABCDEFGHJKLMNPQRSTVWXYZ23456789', 5)}-${body('ABCDEFGHJKLMNPQRSTVWXYZ23456789', 5)}-${body('ABCDEFGHJKLMNPQRSTVWXYZ23456789', 5)}`; return [`Secret key: ${s}`, s]; }],
    ['PlanetScale password', () => { const s = `pscale_pw_${body(ALNUM + '_-', 43)}`; return [`Connect as app with ${s} (branch main).`, s]; }],
    ['Brevo key', () => { const s = `xkeysib-${random(HEX, 64)}-${body(ALNUM, 16)}`; return [`Brevo: ${s}`, s]; }],
    ['Sidekiq Enterprise URL', () => { const s = `${random(HEX, 8)}:${random(HEX, 8)}`; return [`source "https://${s}@enterprise.contribsys.com/"`, s]; }],
    ['BUNDLE_ENTERPRISE__CONTRIBSYS__COM', () => { const s = `${random(HEX, 8)}:${random(HEX, 8)}`; return [`export BUNDLE_ENTERPRISE__CONTRIBSYS__COM=${s}`, s]; }],
  ];
  for (const [name, make] of cases) {
    it(`finds and redacts ${name}`, async () => {
      const [line, secret] = withSeed(`${SEED}/issue/${name}`, make);
      assert.equal(await problem(line, secret), undefined, line);
    });
  }

  it('writes no 8-character piece of a Slack app token into the timeline file', async () => {
    const secret = `xapp-1-A${body('ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789', 10)}-${random('0123456789', 13)}-${random(HEX, 64)}`;
    const file = path.join(mkdtempSync(path.join(os.tmpdir(), 'runbooks-gitleaks-')), 'i.timeline.jsonl');
    await appendEvent(file, { ts: '2026-11-26T10:00:00.000Z', actor: 'a', kind: 'note', text: `socket mode started with ${secret} (from the vault)` });
    const written = readFileSync(file, 'utf8');
    assert.deepEqual(piecesLeft(written, '', secret), []);
    assert.match(written, /\[REDACTED\]/);
  });
});
