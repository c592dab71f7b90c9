// Drives Debian's chromium through playwright-core against a running silo's dashboard and
// checks what a user would see: the sample cluster and its nodes, then a change made through
// the API appearing on the same page without a reload, then a roll waiting for Kafka and why. Prints one JSON line of findings and
// exits 0, or prints the failure and exits 1. Run by DashboardBrowserTests (see there).
//
// Environment: DASHBOARD_URL (http://127.0.0.1:PORT), READ_TOKEN, ADMIN_TOKEN, SCREENSHOT
// (a .png path), CHROMIUM (default /usr/bin/chromium), CLUSTER (default kafka/demo).
import { chromium } from "playwright-core";

const base = required("DASHBOARD_URL").replace(/\/$/, "");
const readToken = required("READ_TOKEN");
const adminToken = required("ADMIN_TOKEN");
const screenshot = required("SCREENSHOT");
const cluster = process.env.CLUSTER || "kafka/demo";
const [namespace, name] = cluster.split("/");

function required(variable) {
  const value = process.env[variable];
  if (!value) throw new Error(`${variable} is not set`);
  return value;
}

function check(condition, message) {
  if (!condition) throw new Error(message);
}

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  headless: true,
  args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage"],
});

const findings = {};
try {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, deviceScaleFactor: 1 });
  // Without a token the page asks for one and shows no data.
  const anonymous = await context.newPage();
  await anonymous.goto(`${base}/`);
  await anonymous.locator("#sign-in").waitFor({ state: "visible", timeout: 20000 });
  check(await anonymous.locator("[data-cluster]").count() === 0, "clusters were shown without a token");
  findings.promptsForToken = true;
  await anonymous.close();

  // A new tab opened with the token in the fragment: the token leaves the address bar, the
  // cluster and its nodes appear.
  const page = await context.newPage();
  const problems = [];
  page.on("console", (message) => { if (message.type() === "error") problems.push(message.text()); });
  page.on("pageerror", (error) => problems.push(error.message));
  await page.goto(`${base}/#token=${encodeURIComponent(readToken)}`);
  const card = page.locator(`[data-cluster="${cluster}"]`);
  await card.waitFor({ timeout: 30000 });
  check(!page.url().includes(readToken), "the token stayed in the address bar");
  await page.waitForFunction(
    (key) => document.querySelectorAll(`[data-cluster="${key}"] tr[data-node]`).length >= 6, cluster, { timeout: 120000 });
  findings.nodesBefore = await card.locator("tr[data-node]").evaluateAll((rows) => rows.map((r) => r.dataset.node));
  findings.connection = await page.locator("#connection").getAttribute("data-state");
  check(findings.connection === "live", `the connection shows ${findings.connection}, not live`);
  check(await card.locator("[data-condition=Ready]").count() === 1, "the Ready condition is not shown");
  // The runtime panel shows the operator's grains at work.
  await page.waitForFunction(() => document.querySelectorAll("#grain-types tr[data-grain-type]").length > 0, null, { timeout: 60000 });
  findings.grainTypes = await page.locator("#grain-types tr[data-grain-type]").evaluateAll((rows) => rows.map((r) => r.dataset.grainType));

  // Scale out through the API; the same page (no reload) must show it.
  await page.evaluate(() => { window.__sameDocument = "yes"; });
  const scaled = await fetch(`${base}/api/v1/clusters/${namespace}/${name}/scale`, {
    method: "POST",
    headers: { Authorization: `Bearer ${adminToken}`, "Content-Type": "application/json" },
    body: JSON.stringify({ brokers: 4 }),
  });
  check(scaled.status === 202, `scaling answered ${scaled.status}`);
  await page.waitForFunction(
    (key) => document.querySelector(`[data-cluster="${key}"] [data-testid=brokers]`)?.textContent.includes("/4"), cluster, { timeout: 30000 });
  await card.locator('tr[data-node="broker-3"]').waitFor({ timeout: 120000 });
  findings.nodesAfter = await card.locator("tr[data-node]").evaluateAll((rows) => rows.map((r) => r.dataset.node));
  findings.phaseAfterScale = await card.locator("[data-testid=cluster-phase]").textContent();
  check(await page.evaluate(() => window.__sameDocument) === "yes", "the page was reloaded");

  // Let the new broker become ready, so the picture shows a settled cluster with its history.
  await page.waitForFunction(
    (key) => document.querySelector(`[data-cluster="${key}"] tr[data-node="broker-3"] td.ready.yes`) !== null, cluster, { timeout: 120000 })
    .catch(() => { findings.broker3Ready = false; });
  // A rolling restart: embedded mode's Kafka holds each broker until the previous one's partitions
  // are back in sync, and the page says why the roll waits (the RollBlocked row and its message).
  const restarted = await fetch(`${base}/api/v1/clusters/${namespace}/${name}/restart`, {
    method: "POST",
    headers: { Authorization: `Bearer ${adminToken}` },
  });
  check(restarted.status === 202, `restarting answered ${restarted.status}`);
  await page.waitForFunction((key) => {
    const row = document.querySelector(`[data-cluster="${key}"] tr[data-condition=RollBlocked]`);
    return row !== null && row.querySelector(".pill")?.textContent === "True"
      && /must not restart yet: .*\b(orders|payments|clicks)-\d+/.test(row.querySelector(".message")?.textContent || "");
  }, cluster, { timeout: 240000 });
  const blocked = card.locator("tr[data-condition=RollBlocked]");
  findings.rollBlocked = { reason: await blocked.locator(".reason").textContent(), message: await blocked.locator(".message").textContent() };
  await page.screenshot({ path: screenshot.replace(/\.png$/, "-roll-blocked.png"), fullPage: true });

  await page.waitForTimeout(1500);
  findings.methods = await page.locator("#grain-methods tr[data-grain-method]").count();
  await page.screenshot({ path: screenshot, fullPage: true });
  findings.screenshot = screenshot;

  check(problems.length === 0, `the page logged errors: ${problems.join(" | ")}`);
  console.log(JSON.stringify(findings));
} catch (error) {
  console.error(`dashboard browser test failed: ${error.message}`);
  console.error(JSON.stringify(findings));
  process.exitCode = 1;
} finally {
  await browser.close();
}
