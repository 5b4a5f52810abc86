// The web test client in a real browser: Playwright drives the Debian chromium (no browser download) through
// the page as a developer would. Usage: node browser-test.mjs <base-url>; the teller's password in LEDGER_PASSWORD,
// the browser in CHROMIUM (default /usr/bin/chromium). Prints one line per step; exits non-zero on the first failure.
import { chromium } from 'playwright-core';

const base = process.argv[2];
const password = process.env.LEDGER_PASSWORD;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
  // no sandbox: CI runs as root, where chromium's sandbox cannot start
  args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'],
});

function check(condition, what) {
  if (!condition) {
    throw new Error('failed: ' + what);
  }
  console.log('ok: ' + what);
}

try {
  const page = await browser.newPage();
  const errors = [];
  page.on('pageerror', (e) => { errors.push(String(e)); console.log('page error: ' + e); });
  page.on('dialog', (d) => { errors.push('a dialog opened: ' + d.message()); d.dismiss(); });
  await page.goto(base + '/test-client/');
  await page.waitForSelector('#service option', { state: 'attached' });
  // the host serves more than the ledger: pick it
  const ledger = await page.$$eval('#service option', (os) => os.findIndex((o) => o.textContent.startsWith('ledger (')));
  check(ledger >= 0, 'the ledger is among the services');
  await page.selectOption('#service', String(ledger));
  await page.waitForSelector('#operations button[data-operation="openAccount"]');
  check((await page.textContent('#status')).includes('service'), 'the page lists the host\'s services');
  check(await page.locator('#endpoint option[value="ledger-pipe"]').isDisabled(), 'a named pipe is listed but cannot be chosen');
  check(!(await page.locator('#endpoint option[value="ledger-jms"]').isDisabled()), 'a SOAP/JMS endpoint can be chosen');
  await page.selectOption('#endpoint', 'ledger-soap-x509');
  check((await page.textContent('#endpoint-note')).includes('signed with the test client\'s certificate (CN=auditor'),
    'an X.509 endpoint says the test client\'s certificate is the caller');

  async function call(endpoint, operation, fields) {
    await page.selectOption('#endpoint', endpoint);
    await page.click(`#operations button[data-operation="${operation}"]`);
    for (const [path, value] of Object.entries(fields)) {
      await page.fill(`[data-path="${path}"]`, value);
    }
    await page.fill('#user', 'teller');
    await page.fill('#password', password);
    const before = await page.evaluate(() => Number(document.querySelector('#response').dataset.answers || 0));
    await page.click('#invoke');
    await page.waitForFunction((b) => Number(document.querySelector('#response').dataset.answers || 0) > b, before);
    return { outcome: await page.textContent('#outcome'), result: await page.textContent('#result'),
      fault: await page.textContent('#fault-name'), cli: await page.textContent('#cli') };
  }

  // openAccount over SOAP, with an owner name that would run if the page ever parsed what it shows as HTML
  const owner = '<img src=x onerror="window.__injected=1"><script>window.__injected=1</script>Eve';
  const opened = await call('ledger-soap', 'openAccount', { owner, initialDeposit: '25.00' });
  check(opened.outcome === 'reply', 'openAccount over SOAP answered: ' + opened.outcome + ' ' + opened.fault);
  const account = JSON.parse(opened.result);
  check(account.owner === owner && account.balance === 25.00, 'the reply shows the account as the service returned it');
  check(await page.evaluate(() => document.querySelector('#result').children.length === 0 && window.__injected === undefined),
    'the owner\'s markup is shown as text, and nothing in it ran');
  check(opened.cli.includes('openAccount') && !opened.cli.includes(password), 'a CLI command for the same call, without the password');
  // the envelopes as they went over the wire, shown as text (the markup in them escaped, nothing run)
  const wire = await page.$$eval('#wire pre', (pres) => pres.map((p) => p.textContent));
  check(wire.length === 2 && wire[0].includes('Envelope') && wire[0].includes('&lt;script') && wire[1].includes('openAccountResponse'),
    'the request and reply envelopes are shown: ' + wire.map((w) => w.slice(0, 80)).join(' | '));
  const copy = await page.textContent('#copy');
  check(copy.startsWith('curl ') && copy.includes('Envelope') && !copy.includes(password), 'the call as curl, without the password');

  // getAccount over net.tcp: the account SOAP made
  const read = await call('ledger-tcp', 'getAccount', { accountId: String(account.id) });
  check(read.outcome === 'reply' && JSON.parse(read.result).id === account.id, 'getAccount over net.tcp reads it');
  check((await page.textContent('#via')).includes('net-tcp'), 'the page says which binding carried the call');

  // the same account over SOAP/JMS: through the broker, the teller's UsernameToken in the message
  const queued = await call('ledger-jms', 'getAccount', { accountId: String(account.id) });
  check(queued.outcome === 'reply' && JSON.parse(queued.result).id === account.id, 'getAccount over SOAP/JMS reads it');
  check(queued.cli.includes('--broker ') && !queued.cli.includes(password) && !(await page.isVisible('#copy-section')),
    'a SOAP/JMS call is copied as a wcf4j call command only');

  // a declared fault, typed
  const missing = await call('ledger-tcp', 'getAccount', { accountId: '987654321' });
  check(missing.outcome === 'fault' && missing.fault.startsWith('AccountNotFound'), 'an unknown account is the AccountNotFound fault');
  check(JSON.parse(missing.result).accountId === 987654321, 'with its fault detail');

  // an argument of the wrong type is refused before any call, naming the parameter
  const wrong = await call('ledger-soap', 'getAccount', { accountId: 'twelve' });
  check(wrong.outcome === 'refused' && wrong.fault.includes("'accountId'"), 'a wrong argument is refused naming it');

  // a nested data contract, field by field: transfer's request, to a second account
  const second = JSON.parse((await call('ledger-soap', 'openAccount', { owner: 'web-second', initialDeposit: '0' })).result);
  const requestId = 'web-' + Date.now();
  const transfer = await call('ledger-rest', 'transfer', { 'request.requestId': requestId, 'request.fromAccount': String(account.id),
    'request.toAccount': String(second.id), 'request.amount': '1.50' });
  check(transfer.outcome === 'reply', 'transfer over REST answered: ' + transfer.outcome + ' ' + transfer.fault);
  const receipt = JSON.parse(transfer.result);
  check(receipt.requestId === requestId && receipt.fromBalance === 23.50 && receipt.toBalance === 1.50,
    'the nested request arrived whole: the receipt has its request id and both balances');
  check(errors.length === 0, 'no script error on the page: ' + errors.join('; '));
} finally {
  await browser.close();
}
