// Opens each HTML file given in headless Chromium, runs axe-core (WCAG 2.x A and AA rules)
// and prints each violation; with `--print A.html=N`, also prints the page to A4 PDF the
// way a reader's "Print" would and checks it takes no more than N pages (the PDF dpisafe
// typesets from the same report). Exits 1 on any serious or critical violation, or on a
// print longer than its PDF.
//
// Usage: node check-html.mjs [--print FILE=PAGES]... FILE.html...
import { chromium } from "playwright-core";
import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const files = [];
const printLimits = new Map();
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === "--print") {
    const [file, pages] = args[++i].split("=");
    printLimits.set(file, Number(pages));
  } else {
    files.push(args[i]);
  }
}

// The flags keep Chromium off the network: the reports are self-contained and must stay so.
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
  ],
});
let failed = false;
const context = await browser.newContext();
// Anything but the file itself is a request a self-contained report must not make.
await context.route(/^(?!file:)/, (route) => {
  console.log(`  request blocked: ${route.request().url()}`);
  failed = true;
  route.abort();
});
for (const file of [...new Set([...files, ...printLimits.keys()])]) {
  const page = await context.newPage();
  await page.goto(pathToFileURL(file).href);
  await page.addScriptTag({ content: axeSource });
  const result = await page.evaluate(async () =>
    // eslint-disable-next-line no-undef
    await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"] } }),
  );
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  console.log(`${file}: ${result.passes.length} rules pass, ${result.violations.length} violations (${serious.length} serious or critical)`);
  for (const v of result.violations) {
    console.log(`  ${v.impact} ${v.id}: ${v.help} (${v.nodes.length}×) e.g. ${v.nodes[0]?.target?.join(" ")}`);
  }
  if (serious.length > 0) failed = true;
  if (printLimits.has(file)) {
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    const pages = (pdf.toString("latin1").match(/\/Type\s*\/Page[^s]/g) || []).length;
    const limit = printLimits.get(file);
    console.log(`  printed by Chromium: ${pages} pages; dpisafe's PDF: ${limit}`);
    if (pages > limit) failed = true;
  }
  await page.close();
}
await browser.close();
process.exit(failed ? 1 : 0);
