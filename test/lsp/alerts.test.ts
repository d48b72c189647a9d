// Alert coverage in the language server, in-process: diagnostics on the rule files the config names and on runbooks,
// the "Renamed?" pair with a fix on each side, "Create runbook for this alert" (the diagnostic goes away), links,
// hovers, go to definition, completion of alert names, the alertNames and coverage requests, incremental updates.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { CodeAction, CompletionItem, Diagnostic, DocumentLink, Hover, Location } from 'vscode-languageserver-protocol';
import { InProcessClient, memoryWorkspace, type MemoryWorkspace } from '../helpers/lspInProcess';
import type { CoverageResult } from '../../server/src/lsp/protocol';

const TODAY = '2026-11-27';
const FIXTURES = join(__dirname, '..', 'fixtures', 'alerts');
const CONFIG = 'alerts:\n  rules: ["rules/*.yml"]\n  runbookUrl: ["https://runbooks.example.com/runbooks/{path}"]\n';

/**
 * The alert fixtures (rules/checkout.yml and runbooks/) with a config naming the rule files, in memory: the server's
 * engine reads them through its host. Only the symbolic-link test below uses a folder on disk (the link is its point).
 */
let memory: MemoryWorkspace;
function workspace(config = CONFIG): string {
  const files: Record<string, string> = { '.runbooks.yaml': config, 'rules/checkout.yml': readFileSync(join(FIXTURES, 'rules', 'checkout.yml'), 'utf8') };
  for (const e of readdirSync(join(FIXTURES, 'runbooks'), { recursive: true, withFileTypes: true })) {
    if (e.isFile()) files[relative(FIXTURES, join(e.parentPath, e.name))] = readFileSync(join(e.parentPath, e.name), 'utf8');
  }
  memory = memoryWorkspace(TODAY, files);
  return memory.folder;
}

/** A file of the in-memory workspace. */
function read(path: string): string {
  return memory.host.fs.readText(path, { maxBytes: 1 << 24 });
}

/** A copy of the alert fixtures on disk, for the test whose point is a symbolic link. */
function diskWorkspace(config = CONFIG): string {
  const dir = mkdtempSync(join(tmpdir(), 'runbooks-lsp-alerts-'));
  cpSync(join(FIXTURES, 'runbooks'), join(dir, 'runbooks'), { recursive: true });
  mkdirSync(join(dir, 'rules'));
  cpSync(join(FIXTURES, 'rules', 'checkout.yml'), join(dir, 'rules', 'checkout.yml'));
  writeFileSync(join(dir, '.runbooks.yaml'), config);
  return dir;
}

/** Asks until `accept` holds (the index and the coverage build run in the background), else returns the last answer. */
async function until<T>(ask: () => Promise<T>, accept: (value: T) => boolean, tries = 60): Promise<T> {
  let value = await ask();
  for (let i = 0; i < tries && !accept(value); i++) {
    await new Promise((r) => setTimeout(r, 100));
    value = await ask();
  }
  return value;
}

const codes = (ds: Diagnostic[]) => ds.map((d) => `${d.range.start.line}:${d.range.start.character} ${d.code}`);

describe('language server: alert coverage', function () {
  this.timeout(30_000);
  let client: InProcessClient | undefined;
  afterEach(async () => client?.stop());

  async function openRules(dir: string): Promise<string> {
    return (client as InProcessClient).open(join(dir, 'rules', 'checkout.yml'), read(join(dir, 'rules', 'checkout.yml')));
  }

  it('diagnoses the rule file at the alert: line and the link value, with the paging severity as an error', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    const uri = await openRules(dir);
    const ds = await until(() => (client as InProcessClient).diagnostics(uri), (d) => d.length >= 5);
    assert.deepEqual(codes(ds), [
      '18:23 alerts/dead-link', // CheckoutLatencyTooHigh's runbook_url value
      '26:23 alerts/not-checkable', // CheckoutCanaryFailing's templated link
      '51:23 alerts/dead-anchor', // PaymentsRefundsSlow's #common-cause
      '52:8 alerts/no-runbook', // PaymentsFraudSpike's alert: pair
    ]);
    const dead = ds.find((d) => d.code === 'alerts/dead-link') as Diagnostic;
    assert.deepEqual(dead.range, { start: { line: 18, character: 23 }, end: { line: 18, character: 92 } });
    assert.equal(dead.severity, 1, 'critical pages: an error');
    assert.match(dead.message, /checkout\/checkoutlatencytoohigh, which does not exist; checkout\/CheckoutLatencyHigh\.md names CheckoutLatencyHigh, which no rule defines\. Renamed\?/);
    const fraud = ds.find((d) => d.code === 'alerts/no-runbook' && d.message.startsWith('PaymentsFraudSpike')) as Diagnostic;
    assert.deepEqual(fraud.range, { start: { line: 52, character: 8 }, end: { line: 52, character: 33 } });
    assert.equal(fraud.severity, 2, 'severity warning: a warning');
  });

  it('offers a fix on each side of a rename: the rule\'s link and the runbook\'s alerts entry', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    const uri = await openRules(dir);
    const ds = await until(() => (client as InProcessClient).diagnostics(uri), (d) => d.some((x) => x.code === 'alerts/dead-link'));
    const dead = ds.filter((d) => d.code === 'alerts/dead-link');
    const actions = await client.codeActions(uri, dead);
    assert.deepEqual(actions.map((a) => a.title), [
      'Point runbook_url at runbooks/checkout/CheckoutLatencyHigh.md',
      // Beside the runbooks of its rule group, named as they are (the alert's name, not the link's lower case).
      'Create runbook for this alert (runbooks/checkout/CheckoutLatencyTooHigh.md)',
    ]);
    const edit = actions[0].edit?.changes?.[uri]?.[0];
    assert.equal(edit?.newText, 'https://runbooks.example.com/runbooks/checkout/CheckoutLatencyHigh');

    const runbookPath = join(dir, 'runbooks', 'checkout', 'CheckoutLatencyHigh.md');
    const rbUri = await client.open(runbookPath, read(runbookPath));
    const rbDs = await until(() => (client as InProcessClient).diagnostics(rbUri), (d) => d.some((x) => x.code === 'alerts/orphan-runbook'));
    const orphan = rbDs.find((d) => d.code === 'alerts/orphan-runbook') as Diagnostic;
    assert.deepEqual(orphan.range, { start: { line: 4, character: 8 }, end: { line: 4, character: 29 } });
    assert.match(orphan.message, /answers no alert: no rule defines CheckoutLatencyHigh\. CheckoutLatencyTooHigh \(rules\/checkout\.yml:12\) has a runbook_url pointing to checkout\/checkoutlatencytoohigh, which does not exist\. Renamed\?/);
    const fix = (await client.codeActions(rbUri, [orphan]))[0];
    assert.equal(fix.title, 'Rename CheckoutLatencyHigh to CheckoutLatencyTooHigh in runbooks/checkout/CheckoutLatencyHigh.md');
    assert.deepEqual(fix.edit?.changes?.[rbUri], [{ range: { start: { line: 4, character: 9 }, end: { line: 4, character: 28 } }, newText: 'CheckoutLatencyTooHigh' }]);

    // Applying the runbook-side fix in the editor: the alert is covered, both findings go.
    const text = client.text(rbUri).replace('alerts: [CheckoutLatencyHigh]', 'alerts: [CheckoutLatencyTooHigh]');
    await client.replace(rbUri, text);
    const after = await until(() => (client as InProcessClient).diagnostics(uri), (d) => !d.some((x) => x.code === 'alerts/dead-link' && x.message.includes('Renamed?')));
    // The link still leads nowhere (reported even when the front matter answers), but no longer as a rename.
    assert.ok(after.some((d) => d.code === 'alerts/dead-link' && /answers it by its front matter/.test(d.message)), after.map((d) => d.message).join('\n'));
    assert.ok(!(await client.diagnostics(rbUri)).some((d) => d.code === 'alerts/orphan-runbook'));
  });

  it('"Create runbook for this alert" writes the runbook from the rule where the links go; then the diagnostic is gone', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    const uri = await openRules(dir);
    const ds = await until(() => (client as InProcessClient).diagnostics(uri), (d) => d.some((x) => x.message.startsWith('PaymentsFraudSpike')));
    const fraud = ds.filter((d) => d.message.startsWith('PaymentsFraudSpike'));
    const actions: CodeAction[] = await client.codeActions(uri, fraud);
    const create = actions.find((a) => a.title.startsWith('Create runbook for this alert')) as CodeAction;
    // Where the runbooks of its rule group (payments) are, named as they name theirs.
    assert.equal(create.title, 'Create runbook for this alert (runbooks/payments/PaymentsFraudSpike.md)');
    const changes = create.edit?.documentChanges as [{ kind: string; uri: string }, { textDocument: { uri: string }; edits: { newText: string }[] }];
    const target = join(dir, 'runbooks', 'payments', 'PaymentsFraudSpike.md');
    assert.deepEqual(changes[0], { kind: 'create', uri: pathToFileURL(target).toString(), options: { ignoreIfExists: true } });
    const text = changes[1].edits[0].newText;
    assert.match(text, /^---\ntitle: PaymentsFraudSpike\n[\s\S]*alerts:\n {2}- PaymentsFraudSpike\n---\n\n# PaymentsFraudSpike\n/);
    assert.match(text, /```promql\nrate\(payments_fraud_flags_total\[10m\]\) > 5\n```/);

    // As the editor applies it: the file created (the watcher tells the server).
    memory.write(fileURLToPath(changes[0].uri), text);
    await client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: changes[0].uri, type: 1 }] });
    const after = await until(() => (client as InProcessClient).diagnostics(uri), (d) => !d.some((x) => x.message.startsWith('PaymentsFraudSpike')));
    assert.ok(!after.some((d) => d.message.startsWith('PaymentsFraudSpike')), after.map((d) => d.message).join('\n'));
    assert.ok(after.some((d) => d.code === 'alerts/dead-link'), 'the other findings stay');
    // Offered only where no file is: a second time there is none to offer.
    assert.equal((await client.codeActions(uri, fraud)).filter((a) => a.title.startsWith('Create runbook')).length, 0);
  });

  it('"Create runbook for this alert" opens the file it wrote and says where (a command after the edit)', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    const uri = await openRules(dir);
    const ds = await until(() => (client as InProcessClient).diagnostics(uri), (d) => d.some((x) => x.message.startsWith('PaymentsFraudSpike')));
    const create = (await client.codeActions(uri, ds.filter((d) => d.message.startsWith('PaymentsFraudSpike')))).find((a) => a.title.startsWith('Create runbook')) as CodeAction;
    assert.deepEqual(create.command, { title: 'Open runbooks/payments/PaymentsFraudSpike.md', command: 'runbooks.showCreatedRunbook', arguments: [pathToFileURL(join(dir, 'runbooks', 'payments', 'PaymentsFraudSpike.md')).toString(), 'runbooks/payments/PaymentsFraudSpike.md'] });
  });

  it('"Create runbook for this alert" is not offered in an untrusted workspace', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, { trusted: false, today: TODAY, memory });
    const uri = await openRules(dir);
    const ds = await until(() => (client as InProcessClient).diagnostics(uri), (d) => d.some((x) => x.message.startsWith('PaymentsFraudSpike')));
    const fraud = ds.filter((d) => d.message.startsWith('PaymentsFraudSpike'));
    assert.ok(fraud.length > 0);
    assert.deepEqual((await client.codeActions(uri, fraud)).filter((a) => a.title.startsWith('Create runbook')), []);
  });

  it('"Create runbook for this alert" never writes through a symlinked folder out of the workspace', async () => {
    const dir = diskWorkspace();
    const outside = mkdtempSync(join(tmpdir(), 'runbooks-outside-'));
    symlinkSync(outside, join(dir, 'runbooks', 'escape'));
    writeFileSync(join(dir, 'rules', 'escape.yml'), 'groups:\n  - name: escape\n    rules:\n      - alert: EscapeHatch\n        expr: up == 0\n        labels:\n          severity: critical\n        annotations:\n          runbook_url: https://runbooks.example.com/runbooks/escape/EscapeHatch\n');
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY });
    const uri = await client.open(join(dir, 'rules', 'escape.yml'), readFileSync(join(dir, 'rules', 'escape.yml'), 'utf8'));
    const ds = await until(() => (client as InProcessClient).diagnostics(uri), (d) => d.some((x) => x.code === 'alerts/dead-link'));
    const actions = await client.codeActions(uri, ds.filter((d) => d.code === 'alerts/dead-link'));
    const creates = actions.filter((a) => a.title.startsWith('Create runbook'));
    for (const a of creates) {
      const target = fileURLToPath((a.edit?.documentChanges?.[0] as { uri: string }).uri);
      assert.ok(!target.startsWith(join(dir, 'runbooks', 'escape')), `offered a write through the link: ${a.title}`);
    }
    assert.equal(existsSync(join(outside, 'EscapeHatch.md')), false);
  });

  it('links the annotation to the runbook (at the heading), hovers the runbook\'s state, goes to the rules, completes names', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    const uri = await openRules(dir);
    await until(() => (client as InProcessClient).diagnostics(uri), (d) => d.length > 0);
    const links = await client.request<DocumentLink[]>('textDocument/documentLink', { textDocument: { uri } });
    const payments = links.find((l) => l.range.start.line === 41) as DocumentLink;
    assert.equal(payments.target, `${pathToFileURL(join(dir, 'runbooks', 'payments', 'PaymentsDown.md')).toString()}#L21`);
    assert.deepEqual(payments.range, { start: { line: 41, character: 23 }, end: { line: 41, character: 96 } });
    assert.ok(!links.some((l) => l.range.start.line === 18), 'a dead link links nowhere');

    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 4, character: 16 } });
    const value = (hover.contents as { value: string }).value;
    assert.match(value, /^\*\*CheckoutHighErrorRate\*\* · severity critical \(pages\) · covered/);
    assert.match(value, /Runbook: \[runbooks\/checkout\/CheckoutHighErrorRate\.md\]\(file:\/\/[^)]+CheckoutHighErrorRate\.md\) · last reviewed 2026-11-01 · \d+ findings?/);
    const missing = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: { line: 52, character: 20 } });
    assert.match((missing.contents as { value: string }).value, /PaymentsFraudSpike\*\* · severity warning · no runbook[\s\S]*Create runbook for this alert/);

    const rbPath = join(dir, 'runbooks', 'checkout', 'CheckoutHighErrorRate.md');
    const rbUri = await client.open(rbPath, read(rbPath));
    const defs = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: rbUri }, position: { line: 5, character: 8 } });
    // Defined in two groups: both rules.
    assert.deepEqual(defs.map((d) => [d.uri === uri, d.range.start.line]), [[true, 4], [true, 29]]);
    const claimHover = await client.request<Hover>('textDocument/hover', { textDocument: { uri: rbUri }, position: { line: 5, character: 8 } });
    const claimText = (claimHover.contents as { value: string }).value;
    assert.deepEqual(claimText.split('\n\n---\n\n').map((part) => part.split('\n')[2]), ['Rule: rules/checkout.yml:5 · for 5m', 'Rule: rules/checkout.yml:30']);
    const unknown = await client.request<Hover>('textDocument/hover', { textDocument: { uri: rbUri }, position: { line: 6, character: 8 } });
    assert.match((unknown.contents as { value: string }).value, /^\*\*CheckoutErrorBudgetBurn\*\*: no rule defines this alert \(in 1 rule file\)\.$/);

    const draft = join(dir, 'runbooks', 'draft.md');
    const draftUri = await client.open(draft, '---\ntitle: Draft\nalerts:\n  - Pay\n---\n# Draft\n');
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: draftUri }, position: { line: 3, character: 7 } });
    const labels = [...items].sort((a, b) => String(a.sortText).localeCompare(String(b.sortText))).map((i) => i.label);
    assert.deepEqual(labels.slice(0, 3), ['CheckoutCanaryFailing', 'CheckoutLatencyTooHigh', 'PaymentsFraudSpike'], 'alerts without a runbook first');
    assert.ok(labels.includes('PaymentsFraudSpike') && labels.includes('PaymentsDown'));
    assert.equal(new Set(labels).size, labels.length, 'a name defined twice is offered once');
    assert.deepEqual(items.find((i) => i.label === 'PaymentsDown')?.textEdit, { range: { start: { line: 3, character: 4 }, end: { line: 3, character: 7 } }, newText: 'PaymentsDown' });
    const outside = await client.request<CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: draftUri }, position: { line: 1, character: 8 } });
    assert.ok(!(outside ?? []).some((i) => /^(PaymentsDown|CheckoutHighErrorRate)$/.test(i.label)), 'title: is no alerts entry: no alert names');
    await client.replace(draftUri, '---\ntitle: Draft\nalerts: [PaymentsDown, Che]\n---\n# Draft\n');
    const flow = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: draftUri }, position: { line: 2, character: 26 } });
    assert.deepEqual((flow.find((i) => i.label === 'CheckoutHighErrorRate')?.textEdit as { range?: unknown } | undefined)?.range, { start: { line: 2, character: 23 }, end: { line: 2, character: 26 } });
    const afterKey = await client.request<CompletionItem[] | null>('textDocument/completion', { textDocument: { uri: draftUri }, position: { line: 2, character: 7 } });
    assert.ok(!(afterKey ?? []).some((i) => /^(PaymentsDown|CheckoutHighErrorRate)$/.test(i.label)), 'before the [ of the flow list: no alert names');

    const names = await client.request<string[]>('runbooks/alertNames', {});
    assert.deepEqual(names, ['CheckoutCanaryFailing', 'CheckoutHighErrorRate', 'CheckoutLatencyTooHigh', 'PaymentsDown', 'PaymentsFraudSpike', 'PaymentsQueueBacklog', 'PaymentsRefundsSlow']);
  });

  it('answers the coverage view: rule files, alerts with their state and runbooks, orphans, the summary', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    const result = await until(() => (client as InProcessClient).request<CoverageResult>('runbooks/coverage', {}), (r) => (r.folders[0]?.ruleFiles[0]?.alerts.length ?? 0) > 0 && r.folders[0].summary.withRunbook > 0);
    const folder = result.folders[0];
    assert.equal(folder.config, join(dir, '.runbooks.yaml'));
    assert.deepEqual(folder.ruleFiles.map((f) => f.path), ['rules/checkout.yml']);
    const byName = folder.ruleFiles[0].alerts.map((a) => `${a.name}@${a.range.start.line}: ${a.status}`);
    assert.deepEqual(byName, [
      'CheckoutHighErrorRate@4: covered', 'CheckoutLatencyTooHigh@11: dead-link', 'CheckoutCanaryFailing@21: not-checkable',
      'CheckoutHighErrorRate@29: covered', 'PaymentsDown@35: covered', 'PaymentsQueueBacklog@42: not-current',
      'PaymentsRefundsSlow@46: covered', 'PaymentsFraudSpike@52: missing',
    ]);
    const latency = folder.ruleFiles[0].alerts.find((a) => a.name === 'CheckoutLatencyTooHigh');
    assert.match(latency?.message ?? '', /Renamed\?/);
    assert.deepEqual(folder.orphans.map((o) => [o.path, o.renamedTo]).sort(), [
      ['runbooks/checkout/CheckoutLatencyHigh.md', 'CheckoutLatencyTooHigh'], ['runbooks/legacy/OldQueueAlert.md', null], ['runbooks/platform/EtcdMembersDown.md', null],
    ]);
    assert.equal(folder.summary.alerts, 8);
    // The view says what `runbooks coverage` says.
    assert.deepEqual(folder.summary.lines, [
      '8 alerts: 5 with a runbook (1 not current, 1 linked to a heading it lacks), 3 without (1 missing, 1 dead link, 1 not checkable); 3 runbooks answer no alert (1 likely rename).',
      '1 rule file, 8 runbooks (2 name no alert and no alert reaches them).',
    ]);
  });

  it('resolves against every Markdown page: a runbook the config ignores still answers its alert, and says it is not linted', async () => {
    const dir = workspace(`${CONFIG}ignore: ["runbooks/payments/**"]\n`);
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    const result = await until(() => (client as InProcessClient).request<CoverageResult>('runbooks/coverage', {}), (r) => (r.folders[0]?.ruleFiles[0]?.alerts.length ?? 0) > 0 && r.folders[0].summary.withRunbook > 0);
    const down = result.folders[0].ruleFiles[0].alerts.find((a) => a.name === 'PaymentsDown');
    assert.deepEqual(down?.runbooks.map((r) => [r.path, r.notCurrent]), [['runbooks/payments/PaymentsDown.md', 'not linted: the config leaves it out']]);
    assert.equal(down?.status, 'not-current');
  });

  it('a page a .gitignore leaves out is no page: the alert linking to it has a dead link, as `runbooks coverage` says', async () => {
    const dir = workspace();
    memory.write('.gitignore', 'runbooks/payments/\n');
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    const result = await until(() => (client as InProcessClient).request<CoverageResult>('runbooks/coverage', {}), (r) => (r.folders[0]?.ruleFiles[0]?.alerts.length ?? 0) > 0 && r.folders[0].summary.withRunbook > 0);
    const down = result.folders[0].ruleFiles[0].alerts.find((a) => a.name === 'PaymentsDown');
    assert.deepEqual([down?.status, down?.runbooks.length], ['dead-link', 0]);
  });

  it('follows an edit of the open rule file alone; config severities apply; broken YAML is reported where it stops', async () => {
    const dir = workspace(`${CONFIG}rules:\n  alerts/dead-link: info\n  alerts/not-checkable: off\n`);
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    const uri = await openRules(dir);
    const ds = await until(() => (client as InProcessClient).diagnostics(uri), (d) => d.some((x) => x.code === 'alerts/dead-link'));
    assert.equal(ds.find((d) => d.code === 'alerts/dead-link')?.severity, 3, 'alerts/dead-link: info');
    assert.ok(!ds.some((d) => d.code === 'alerts/not-checkable'), 'alerts/not-checkable: off');

    assert.ok(ds.some((d) => d.message.startsWith('PaymentsFraudSpike has no runbook')));
    // PaymentsFraudSpike is the file's last rule: give it a link to an existing runbook.
    const text = `${client.text(uri).trimEnd()}\n        annotations:\n          runbook_url: https://runbooks.example.com/runbooks/payments/PaymentsDown\n`;
    await client.replace(uri, text);
    const fixed = await until(() => (client as InProcessClient).diagnostics(uri), (d) => !d.some((x) => x.message.startsWith('PaymentsFraudSpike')));
    assert.deepEqual(codes(fixed), ['18:23 alerts/dead-link', '51:23 alerts/dead-anchor']);

    await client.replace(uri, 'groups:\n  - name: x\n    rules: [\n');
    const broken = await until(() => (client as InProcessClient).diagnostics(uri), (d) => d.some((x) => x.code === 'alerts/invalid-rules-file'));
    assert.deepEqual(broken.map((d) => d.code), ['alerts/invalid-rules-file']);
  });

  it('reports a closed rule file in the workspace pull, "unchanged" while its findings are', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    const rulesUri = pathToFileURL(join(dir, 'rules', 'checkout.yml')).toString();
    type Report = { kind: string; uri: string; resultId: string; items?: Diagnostic[] };
    const pull = (previous: { uri: string; value: string }[]) => (client as InProcessClient).request<{ items: Report[] }>('workspace/diagnostic', { previousResultIds: previous });
    const first = await until(() => pull([]), (r) => r.items.some((i) => i.uri === rulesUri && (i.items?.length ?? 0) > 0));
    const report = first.items.find((i) => i.uri === rulesUri) as Report;
    assert.deepEqual(codes(report.items ?? []), ['18:23 alerts/dead-link', '26:23 alerts/not-checkable', '51:23 alerts/dead-anchor', '52:8 alerts/no-runbook']);
    const second = await pull([{ uri: rulesUri, value: report.resultId }]);
    assert.equal(second.items.find((i) => i.uri === rulesUri)?.kind, 'unchanged');
    // A closed runbook's report carries its coverage findings.
    const orphanUri = pathToFileURL(join(dir, 'runbooks', 'checkout', 'CheckoutLatencyHigh.md')).toString();
    const withOrphan = await until(() => pull([]), (r) => r.items.some((i) => i.uri === orphanUri && (i.items ?? []).some((d) => d.code === 'alerts/orphan-runbook')));
    const orphan = withOrphan.items.find((i) => i.uri === orphanUri) as Report;
    assert.deepEqual(codes((orphan.items ?? []).filter((d) => String(d.code).startsWith('alerts/'))), ['4:8 alerts/orphan-runbook']);
  });

  it('reads everything again when the config changes (severities, rule globs)', async () => {
    const dir = workspace();
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    const uri = await openRules(dir);
    await until(() => (client as InProcessClient).diagnostics(uri), (d) => d.some((x) => x.code === 'alerts/no-runbook'));
    memory.write(join(dir, '.runbooks.yaml'), `${CONFIG}rules:\n  alerts/no-runbook: off\n`);
    await client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.runbooks.yaml')).toString(), type: 2 }] });
    const off = await until(() => (client as InProcessClient).diagnostics(uri), (d) => !d.some((x) => x.code === 'alerts/no-runbook'));
    assert.deepEqual(codes(off), ['18:23 alerts/dead-link', '26:23 alerts/not-checkable', '51:23 alerts/dead-anchor']);
    memory.write(join(dir, '.runbooks.yaml'), 'alerts:\n  rules: ["nothing/*.yml"]\n');
    await client.rpc.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(join(dir, '.runbooks.yaml')).toString(), type: 2 }] });
    assert.deepEqual(await until(() => (client as InProcessClient).diagnostics(uri), (d) => d.length === 0), []);
  });

  it('a YAML file that no alerts.rules glob names gets no coverage diagnostics', async () => {
    const dir = workspace();
    memory.write(join(dir, 'other.yml'), 'groups:\n  - name: g\n    rules:\n      - alert: NotARule\n');
    client = await InProcessClient.start(dir, { trusted: true, today: TODAY, memory });
    const uri = await client.open(join(dir, 'other.yml'), read(join(dir, 'other.yml')));
    await until(() => (client as InProcessClient).request<string[]>('runbooks/alertNames', {}), (n) => n.length > 0);
    assert.deepEqual(await client.diagnostics(uri), []);
    assert.ok(!(await client.request<string[]>('runbooks/alertNames', {})).includes('NotARule'));
  });
});
