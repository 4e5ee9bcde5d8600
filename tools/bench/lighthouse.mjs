// Lighthouse over several pages with one headless Chromium, one JSON report per line on stdout.
//
//   CHROME_PATH=/usr/bin/chromium node tools/bench/lighthouse.mjs CATEGORIES URL...
//
// CATEGORIES is a comma-separated list (accessibility,best-practices,seo,performance). Driven from
// tools/bench/lighthouse.py. One browser for all pages: the CLI starts Node, Lighthouse and Chromium
// again for every page, which took twice as long. Through this API Lighthouse never asks about, or
// sends, error reports (only its CLI does), and the launcher's default flags turn off Chromium's own
// traffic (updates, sync, safe browsing): nothing here fetches from the internet.
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

// Headless in a container: no sandbox, no GPU; the launcher adds its flags against background traffic.
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-background-networking'];

const [categories, ...urls] = process.argv.slice(2);
if (!categories || urls.length === 0) {
  console.error('usage: node lighthouse.mjs CATEGORIES URL...');
  process.exit(2);
}

const chrome = await chromeLauncher.launch({ chromeFlags: CHROME_FLAGS, logLevel: 'error' });
try {
  for (const url of urls) {
    const result = await lighthouse(url, {
      port: chrome.port,
      onlyCategories: categories.split(','),
      logLevel: 'error',
      // The full-page screenshot is only for the HTML report's pictures; no audit scores it.
      disableFullPageScreenshot: true,
    });
    if (!result) {
      throw new Error(`Lighthouse returned no result for ${url}`);
    }
    process.stdout.write(JSON.stringify(result.lhr) + '\n');
  }
} finally {
  await chrome.kill();
}
