// The coverage view's rows are cut to the view's width: each row's hover says its whole name and description.
import assert from 'node:assert/strict';
import { nodeTooltip, type CoverageNode } from '../../client/src/coverage/model';

const node = (extra: Partial<CoverageNode>): CoverageNode => ({ id: 'x', label: 'runbooks/payments/checkout-latency-high-p99.md', icon: 'book', children: [], ...extra });

describe('coverage view: row tooltips', () => {
  it('a runbook row: its whole path and description', () => {
    assert.equal(nodeTooltip(node({ description: 'not current: review overdue' })), 'runbooks/payments/checkout-latency-high-p99.md · not current: review overdue');
  });

  it('a row with its own message keeps it under the name', () => {
    assert.equal(nodeTooltip(node({ label: 'CheckoutLatencyHigh', description: 'missing · critical, pages', tooltip: 'CheckoutLatencyHigh has no runbook' })),
      'CheckoutLatencyHigh · missing · critical, pages\nCheckoutLatencyHigh has no runbook');
  });

  it('a row with nothing else: the name alone', () => {
    assert.equal(nodeTooltip(node({})), 'runbooks/payments/checkout-latency-high-p99.md');
  });
});
