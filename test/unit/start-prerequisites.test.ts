// `npm start` on a fresh machine: what it does about missing build prerequisites, and the progress line it shows
// while code-server builds.
import { strict as assert } from 'node:assert';
import { planPrerequisites, START_APT_PACKAGES } from '../../test/e2e/harness/prerequisites';
import { progressLine, stepOf } from '../../test/e2e/harness/install';

describe('npm start prerequisites', () => {
  const missing = ['rg on PATH', 'development files of xkbfile (pkg-config xkbfile)'];

  it('does nothing when nothing is missing', () => {
    assert.deepEqual(planPrerequisites([], { debianLike: true, root: true, sudo: false }), { action: 'none' });
  });

  it('installs the apt packages itself on Debian/Ubuntu as root, package lists first', () => {
    const plan = planPrerequisites(missing, { debianLike: true, root: true, sudo: false });
    assert.equal(plan.action, 'install');
    if (plan.action !== 'install') return;
    assert.deepEqual(plan.commands[0], ['apt-get', 'update']);
    assert.deepEqual(plan.commands[1].slice(0, 4), ['apt-get', 'install', '-y', '--no-install-recommends']);
    assert.deepEqual(plan.commands[1].slice(4), START_APT_PACKAGES);
    assert.ok(!START_APT_PACKAGES.includes('chromium'), 'npm start needs no browser of its own');
    assert.ok(START_APT_PACKAGES.includes('ripgrep') && START_APT_PACKAGES.includes('libxkbfile-dev'));
  });

  it('prints the one command (with sudo) to a non-root user on Debian/Ubuntu', () => {
    const plan = planPrerequisites(missing, { debianLike: true, root: false, sudo: true });
    assert.equal(plan.action, 'ask');
    if (plan.action !== 'ask') return;
    assert.equal(plan.command, `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${START_APT_PACKAGES.join(' ')}`);
    assert.deepEqual(plan.missing, missing);
  });

  it('names the Debian packages elsewhere, installing nothing', () => {
    const plan = planPrerequisites(missing, { debianLike: false, root: true, sudo: true });
    assert.equal(plan.action, 'ask');
    if (plan.action !== 'ask') return;
    assert.match(plan.command, /equivalents of these Debian packages: build-essential/);
  });
});

describe('code-server build progress', () => {
  it('takes the step from npm --foreground-scripts lines', () => {
    assert.equal(stepOf('> node-pty@1.1.0-beta34 install'), 'node-pty@1.1.0-beta34 install');
    assert.equal(stepOf('> @vscode/ripgrep@1.15.11 postinstall'), '@vscode/ripgrep@1.15.11 postinstall');
    assert.equal(stepOf('> node scripts/prebuild.js'), undefined);
    assert.equal(stepOf('  CXX(target) Release/obj.target/pty/src/unix/pty.o'), undefined);
  });

  it('shows the elapsed time and the step', () => {
    assert.equal(progressLine(4_200, 'downloading packages'), 'code-server build: 4 s · downloading packages');
    assert.equal(progressLine(125_000, 'node-pty@1.1.0 install'), 'code-server build: 2 min 05 s · node-pty@1.1.0 install');
  });
});
