// The shop's checkout tested with selenium-webdriver (Chromium through ChromeDriver) and
// sealcard/testing.
import { after, before, test } from 'node:test';
import { Builder, By, until } from 'selenium-webdriver';
import chrome from 'selenium-webdriver/chrome.js';
import { completeThreeDSecure, fillCard, testCards } from 'sealcard/testing/webdriver';
import { SHOP, startShop } from './sandbox.mjs';

/** @type {() => Promise<void>} */
let stopShop;
/** @type {import('selenium-webdriver').WebDriver} */
let driver;
before(async () => {
  stopShop = await startShop();
  const options = new chrome.Options().setChromeBinaryPath('/usr/bin/chromium').addArguments('--headless=new', '--no-sandbox');
  driver = await new Builder().forBrowser('chrome').setChromeOptions(options)
    .setChromeService(new chrome.ServiceBuilder('/usr/bin/chromedriver')).build();
});
after(async () => {
  await driver?.quit();
  await stopShop?.();
});

/** Opens the checkout, types `number`, pays, and (for 3-D Secure) answers the challenge. */
async function pay(/** @type {string} */ number, /** @type {'authorize' | 'fail' | undefined} */ challenge) {
  await driver.get(`${SHOP}/`);
  await fillCard(driver, { number, expiry: testCards.expiry, cvc: testCards.cvc });
  await driver.findElement(By.id('pay')).click();
  if (challenge) await completeThreeDSecure(driver, challenge);
}

const shows = (/** @type {string} */ text) =>
  driver.wait(until.elementTextContains(driver.findElement(By.id('message')), text), 10000);

test('a Visa card pays', async () => {
  await pay(testCards.visa);
  await shows('Thank you');
});

test('a declined card shows why', async () => {
  await pay(testCards.declined);
  await shows('Payment failed');
});

test('3-D Secure: authorized pays, failed does not', async () => {
  await pay(testCards.threeDSecure, 'authorize');
  await shows('Thank you');
  await pay(testCards.threeDSecure, 'fail');
  await shows('Payment failed');
});
