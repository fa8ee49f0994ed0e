// The dashboard in a real browser: headless Chromium (Debian's /usr/bin/chromium) driven by
// puppeteer-core (npm, installed by tools/setup.sh into tools/dashboard/web/node_modules) against
// a real `rtcell run` of config/examples/zeromq_ball_and_stick.yaml (on ipc endpoints of its own)
// and a real `rtcell dashboard`. Every wait is for a condition, with a generous time-out.
//
//   node tests/dashboard/browser_test.cjs RTCELL SOURCE_DIR SCREENSHOT.png
//
// Checks: the page loads; traces, telemetry and the parameter list arrive and the traces advance;
// no spikes until a parameter set from the page (stim.amp) makes the cell fire, which shows in
// the traces and the raster; pause stops the model time and resume restarts it; reset takes it
// back; killing the kernel shows as "kernel gone" and a restarted kernel reconnects. The
// screenshot (taken while the cell fires) is the README's picture.
"use strict";

const { spawn } = require("child_process");
const fs = require("fs");
const os = require("os");
const path = require("path");

const [rtcell, sourceDir, screenshot] = process.argv.slice(2).map((p) => path.resolve(p));
const modules = path.join(sourceDir, "tools/dashboard/web/node_modules");
let puppeteer;
try {
  puppeteer = require(path.join(modules, "puppeteer-core"));
} catch (e) {
  console.error(`puppeteer-core is not installed in ${modules}: run tools/setup.sh (${e.message})`);
  process.exit(1);
}
const chromium = process.env.RTCELL_CHROMIUM || "/usr/bin/chromium";
if (!fs.existsSync(chromium)) {
  console.error(`${chromium} is missing: run tools/setup.sh (Debian's chromium)`);
  process.exit(1);
}

const TIMEOUT = 90000;  // ms, for every condition: CI machines are loaded
const children = [];
function start(args, name) {
  const child = spawn(rtcell, args, { stdio: ["ignore", "pipe", "pipe"] });
  child.output = "";
  for (const s of [child.stdout, child.stderr])
    s.on("data", (d) => { child.output += d; });
  child.on("exit", (code, signal) => { child.exited = { code, signal }; });
  child.label = name;
  children.push(child);
  return child;
}

async function until(what, test, timeout = TIMEOUT) {
  const t0 = Date.now();
  for (;;) {
    const v = await test();
    if (v) return v;
    if (Date.now() - t0 > timeout) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function kernelConfig(dir) {
  // The example, on ipc endpoints in a directory of this test's own (no port clashes).
  let text = fs.readFileSync(path.join(sourceDir, "config/examples/zeromq_ball_and_stick.yaml"),
                             "utf8");
  const names = { 5555: "drive", 5556: "publish", 5557: "control", 5558: "amp" };
  for (const [port, name] of Object.entries(names))
    text = text.replaceAll(`tcp://127.0.0.1:${port}`, `ipc://${dir}/${name}`);
  const file = path.join(dir, "kernel.yaml");
  fs.writeFileSync(file, text);
  return file;
}

const kernelArgs = (cfg) => [
  "run", cfg, "--duration", "900s", "--priority", "0", "--no-lock", "--floor", "0s",
  "--floor-first", "0.5s", "--report", "json"];

async function main() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rtcell-dashboard-"));
  const cfg = kernelConfig(dir);
  let kernel = start(kernelArgs(cfg), "kernel");
  const dashboard = start(["dashboard", cfg, "--listen", "127.0.0.1:0"], "dashboard");
  const url = await until("the dashboard's address", () =>
    (dashboard.output.match(/open (http:\/\/127\.0\.0\.1:\d+\/)/) || [])[1]);

  const browser = await puppeteer.launch({
    executablePath: chromium, headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    defaultViewport: { width: 1400, height: 900 },
  });
  try {
    const page = await browser.newPage();
    const errors = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(url, { waitUntil: "load", timeout: TIMEOUT });
    const stats = () => page.evaluate(() => window.rtcellDashboard.stats());
    const wait = (what, f) => until(what, async () => { const s = await stats(); return f(s) && s; });
    // The badge, waited for like every other condition: on a loaded machine the page's
    // WebSocket may close (a ping unanswered while the browser is starved) and reconnect a
    // second later, and in that second the badge rightly says "dashboard unreachable".
    const badgeSays = async (text) => {
      let last = null;
      await until(`the badge to say '${text}'`, async () =>
        (last = await page.$eval("#link-state", (e) => e.textContent)) === text)
        .catch((e) => { throw new Error(`${e.message} (it says '${last}')`); });
    };

    // Loads, connects, and the data arrive.
    let s = await wait("traces, telemetry and the parameter list", (s) =>
      s.wsOpen && s.link === "connected" && s.points > 100 && s.telemetry >= 1 &&
      s.parameters.includes("stim.amp") && s.probes.length === 2);
    await badgeSays("connected");
    const t0 = s.tLast;
    s = await wait("the traces to advance", (s) => s.tLast > t0 + 200);
    if (s.spikesSeen !== 0) throw new Error(`spikes before any drive: ${s.spikesSeen}`);
    const floor = await page.$eval("#counters", (e) => e.textContent);
    if (!/platform floor wake p99 \[µs\]\d/.test(floor))
      throw new Error("the platform floor is not shown");

    // A parameter set from the page reaches the kernel and shows in the data.
    await page.type('tr[data-parameter="stim.amp"] input.value', "0.5");
    await page.click('tr[data-parameter="stim.amp"] button');
    s = await wait("the set's reply", (s) => s.lastReply && s.lastReply.ok === true);
    s = await wait("spikes and a soma above 0 mV", (s) =>
      s.spikesSeen >= 3 && s.spikesInWindow > 0 && s.maxInWindow[0] > 0);
    await wait("a few seconds of timing", (s) => s.telemetry >= 4);
    await page.screenshot({ path: screenshot, fullPage: true });

    // Pause stops the model time; resume restarts it.
    await page.click("#pause");
    await wait("the kernel to report paused", (s) => s.paused === true);
    const u0 = (await stats()).updates;
    const ta = (await wait("10 more updates", (s) => s.updates >= u0 + 10)).tLast;
    const tb = (await wait("20 more updates", (s) => s.updates >= u0 + 30)).tLast;
    if (ta !== tb) throw new Error(`the model time moved while paused: ${ta} -> ${tb}`);
    await page.click("#resume");
    await wait("the model time to move after resume", (s) => s.paused === false && s.tLast > tb + 100);

    // Reset takes the model time back.
    const tr = (await stats()).tLast;
    await page.click("#reset");
    await wait("the model time to restart after reset", (s) => s.tLast !== null && s.tLast < tr - 100);

    // Killing the kernel shows; a restarted kernel reconnects.
    const epoch = (await stats()).epoch;
    kernel.kill("SIGKILL");
    await until("the kernel to die", () => kernel.exited);
    await wait("the page to show the kernel gone", (s) => s.link === "gone");
    await badgeSays("kernel gone");
    kernel = start(kernelArgs(cfg), "kernel (restarted)");
    s = await wait("the restarted kernel's stream", (s) =>
      s.link === "connected" && s.epoch > epoch && s.points > 100);
    const t1 = s.tLast;
    await wait("the restarted traces to advance", (s) => s.tLast > t1 + 200);
    if (errors.length) throw new Error(`errors on the page: ${errors.join("; ")}`);
    console.log("dashboard browser test: ok");
  } finally {
    await browser.close();
  }
}

main().then(() => 0, (e) => {
  console.error(`dashboard browser test: FAILED: ${e.message}`);
  for (const c of children) console.error(`--- ${c.label} said:\n${c.output}`);
  return 1;
}).then(async (code) => {
  for (const c of children)
    if (!c.exited) c.kill("SIGTERM");
  await until("the children to exit", () => children.every((c) => c.exited), 30000).catch(() => {});
  const dash = children.find((c) => c.label === "dashboard");
  if (dash && dash.exited && dash.exited.code !== 0 && code === 0) {
    console.error(`the dashboard exited with ${JSON.stringify(dash.exited)}:\n${dash.output}`);
    code = 1;
  }
  process.exit(code);
});
