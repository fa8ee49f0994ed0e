// rtcell dashboard: the page's side. It opens a WebSocket to `rtcell dashboard`, which sends an
// update every 50 ms (tools/dashboard/update_message.hpp): the kernel stream's state, min/max
// buckets of the chosen probe columns (one per pixel of the window), spikes, telemetry, metadata
// and the control `list`. The page sends what it wants to see ("view") and control requests.
// Model times are in ms, voltages in mV, loop timings in µs.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  const token = new URLSearchParams(location.search).get("token");
  const wsUrl = `ws://${location.host}/ws${token ? "?token=" + encodeURIComponent(token) : ""}`;
  const colors = ["#4fc3f7", "#ffb74d", "#81c784", "#e57373", "#ba68c8", "#fff176", "#4db6ac",
                  "#f06292"];

  // What the page holds: the window of buckets and spikes, the timing history and the latest
  // stream objects. `stats` is read by the browser test (tests/dashboard).
  const state = {
    ws: null, wsOpen: false, link: null, behind: null, epoch: -1,
    metadata: null, list: null, telemetry: [], paused: null,
    probes: [], chosen: [], windowMs: 2000,
    x: [], ys: [],          // trace points (two per bucket), per chosen column
    spikeT: [], spikeM: [], // spikes in the window
    tLast: null, updates: 0, spikesSeen: 0, lastReply: null, nextId: 1, pending: new Map(),
  };

  // ---- plots ----
  const plotWidth = () => Math.max(300, $("traces").clientWidth || 900);
  const axisStyle = { stroke: "#9aa4b2", grid: { stroke: "#2b3038" }, ticks: { stroke: "#2b3038" } };
  let traces = null, raster = null, timing = null;
  // The traces and the raster scroll together over the chosen window, ending at the newest time.
  const windowRange = () => {
    const end = state.tLast ?? state.windowMs;
    return [end - state.windowMs, end];
  };
  const memberRange = () => [-0.5, Math.max(1, state.metadata?.members ?? 1) - 0.5];

  // One plot per unit among the chosen columns (voltages in mV, a clamp's command in nA, …),
  // each column keeping its colour; `traces` holds {plot, columns (positions in state.chosen)}.
  function makeTraces() {
    for (const t of traces ?? []) t.plot.destroy();
    $("traces").textContent = "";
    const units = state.metadata?.probe_units ?? [];
    const byUnit = new Map();
    state.chosen.forEach((c, i) => {
      const unit = units[c] || "mV";
      if (!byUnit.has(unit)) byUnit.set(unit, []);
      byUnit.get(unit).push(i);
    });
    if (byUnit.size === 0) byUnit.set("mV", []);
    traces = [...byUnit].map(([unit, columns]) => {
      const series = [{ label: "t [ms]" }, ...columns.map((i) => ({
        label: state.probes[state.chosen[i]] ?? `column ${state.chosen[i]}`,
        stroke: colors[i % colors.length], width: 1, spanGaps: false, points: { show: false },
      }))];
      const box = document.createElement("div");
      $("traces").append(box);
      const plot = new uPlot({
        width: plotWidth(), height: byUnit.size > 1 ? 180 : 260,
        scales: { x: { time: false, range: windowRange } }, series,
        axes: [{ ...axisStyle, label: "model time [ms]" }, { ...axisStyle, label: unit }],
        legend: { live: false },
      }, [state.x, ...columns.map((i) => state.ys[i])], box);
      return { plot, columns };
    });
  }

  function drawTraces() {
    for (const t of traces) t.plot.setData([state.x, ...t.columns.map((i) => state.ys[i])]);
  }

  function makeRaster() {
    if (raster) raster.destroy();
    raster = new uPlot({
      width: plotWidth(), height: 140,
      scales: { x: { time: false, range: windowRange }, y: { range: memberRange } },
      series: [{ label: "t [ms]" }, {
        label: "spike", stroke: "#e57373", paths: () => null,
        points: { show: true, size: 5, fill: "#e57373" },
      }],
      axes: [{ ...axisStyle }, { ...axisStyle, label: "member" }],
      legend: { live: false },
    }, [[], []], $("raster"));
  }

  // The loop's timing over the run: wake-up and compute p50/p99/max and the total's max, the
  // platform floor and the period (µs, log scale); and below, what went wrong, counted since the
  // start: overruns, late starts, late inputs and every drop (ZeroMQ inputs, queues, publishing).
  // A series is hidden or shown by clicking its legend.
  const timingSeries = [
    ["wake p50", "#4fc3f7", [2, 3], (t) => t.wake?.p50_us], ["wake p99", "#4fc3f7", null, (t) => t.wake?.p99_us],
    ["wake max", "#4fc3f7", [8, 3], (t) => t.wake?.max_us],
    ["compute p50", "#81c784", [2, 3], (t) => t.compute?.p50_us],
    ["compute p99", "#81c784", null, (t) => t.compute?.p99_us],
    ["compute max", "#81c784", [8, 3], (t) => t.compute?.max_us],
    ["total max", "#e57373", null, (t) => t.total?.max_us],
    ["floor wake p99", "#9aa4b2", [4, 4], () => state.metadata?.platform_floor?.wake?.p99_us],
    ["period", "#fff176", [2, 6], () => (state.metadata ? state.metadata.dt_ms * 1000 : null)],
  ];
  const sum = (o) => Object.values(o ?? {}).reduce((a, b) => a + (typeof b === "number" ? b : 0), 0);
  const problemSeries = [
    ["overruns", "#e57373", (t) => t.overruns], ["late starts", "#ffb74d", (t) => t.late_starts],
    ["late inputs", "#ba68c8", (t) => t.late_inputs],
    ["inputs dropped", "#4db6ac", (t) => sum(t.input_dropped)],
    ["queues dropped", "#f06292", (t) => sum(t.queue_dropped)],
    ["publish dropped", "#fff176", (t) => t.publish_dropped],
  ];
  let problems = null;

  function makeTiming() {
    if (timing) timing.destroy();
    if (problems) problems.destroy();
    const line = (label, stroke, dash) => ({ label, stroke, width: 1.5, dash: dash ?? undefined });
    timing = new uPlot({
      // A log scale: a step's microseconds and a preempted step's milliseconds both readable.
      width: plotWidth(), height: 180, scales: { x: { time: false }, y: { distr: 3 } },
      series: [{ label: "elapsed [s]" }, ...timingSeries.map(([l, c, d]) => line(l, c, d))],
      axes: [{ ...axisStyle, label: "elapsed [s]" }, { ...axisStyle, label: "µs" }],
      legend: { live: false },
    }, [[], ...timingSeries.map(() => [])], $("timing"));
    problems = new uPlot({
      width: plotWidth(), height: 120, scales: { x: { time: false } },
      series: [{ label: "elapsed [s]" }, ...problemSeries.map(([l, c]) => line(l, c))],
      axes: [{ ...axisStyle }, { ...axisStyle, label: "count" }],
      legend: { live: false },
    }, [[], ...problemSeries.map(() => [])], $("problems"));
    drawTiming();
  }



  // ---- the window ----
  function trimWindow() {
    if (state.tLast === null) return;
    const from = state.tLast - state.windowMs;
    let k = 0;
    while (k < state.x.length && state.x[k] < from) k++;
    if (k > 0) { state.x.splice(0, k); state.ys.forEach((y) => y.splice(0, k)); }
    let s = 0;
    while (s < state.spikeT.length && state.spikeT[s] < from) s++;
    if (s > 0) { state.spikeT.splice(0, s); state.spikeM.splice(0, s); }
  }

  function clearWindow() {
    state.x = []; state.ys = state.chosen.map(() => []);
    state.spikeT = []; state.spikeM = []; state.tLast = null;
  }

  function addBuckets(b) {
    if (b.restarted) clearWindow();
    const half = b.width_ms / 2;
    b.t.forEach((t, k) => {
      state.x.push(t, t + half);
      state.ys.forEach((y, c) => y.push(b.y[c]?.[2 * k] ?? null, b.y[c]?.[2 * k + 1] ?? null));
      state.tLast = t + b.width_ms;
    });
  }

  function addSpikes(spikes) {
    for (const [t, member] of spikes) {
      state.spikeT.push(t); state.spikeM.push(member);
      state.spikesSeen++;
      if (state.tLast === null || t > state.tLast) state.tLast = t;
    }
  }

  function sendView() {
    if (!state.wsOpen) return;
    const width = plotWidth();
    state.ws.send(JSON.stringify({ type: "view", window_ms: state.windowMs, width_px: width,
                                   columns: state.chosen }));
  }

  // ---- stream objects ----
  function onMetadata(m) {
    state.metadata = m;
    $("metadata").textContent = JSON.stringify(m, null, 2);
    $("source").textContent = `${m.source ?? "?"} · dt ${m.dt_ms} ms · ${m.members} member(s)`;
    const probes = m.probes ?? [];
    if (JSON.stringify(probes) !== JSON.stringify(state.probes)) {
      state.probes = probes;
      state.chosen = probes.map((_, i) => i).filter((i) => i < 4);
      drawColumnChoice();
      chooseColumns();
    }
  }

  function drawColumnChoice() {
    const box = $("columns");
    box.textContent = "";
    state.probes.forEach((name, i) => {
      const label = document.createElement("label");
      const check = document.createElement("input");
      check.type = "checkbox"; check.checked = state.chosen.includes(i); check.dataset.column = i;
      check.style.width = "auto";
      check.addEventListener("change", () => {
        state.chosen = [...box.querySelectorAll("input:checked")].map((e) => +e.dataset.column);
        chooseColumns();
      });
      label.append(check, " " + name);
      box.append(label);
    });
  }

  function chooseColumns() {
    clearWindow();
    makeTraces();
    sendView();
  }

  function onList(list) {
    state.list = list;
    const body = $("parameters").tBodies[0];
    body.textContent = "";
    const units = list.parameter_units ?? {};
    for (const name of list.parameters ?? []) {
      const row = body.insertRow();
      row.hidden = !name.includes($("parameter-filter").value);
      row.dataset.parameter = name;
      row.insertCell().textContent = name;
      const value = document.createElement("input");
      value.type = "number"; value.step = "any"; value.className = "value";
      value.placeholder = "value";
      const member = document.createElement("input");
      member.type = "number"; member.value = "-1"; member.className = "member";
      member.title = "member (-1: every member)"; member.style.width = "44px";
      const set = document.createElement("button");
      set.textContent = "Set";
      set.addEventListener("click", () => {
        const v = parseFloat(value.value);
        if (!Number.isFinite(v)) return showReply({ ok: false, error: `${name}: give a number` });
        control({ cmd: "set", target: name, value: v, member: parseInt(member.value, 10) || -1 });
      });
      value.addEventListener("keydown", (e) => { if (e.key === "Enter") set.click(); });
      row.insertCell().append(value);
      row.insertCell().textContent = units[name] ?? "";
      row.insertCell().append(member);
      row.insertCell().append(set);
    }
  }

  function onTelemetry(list) {
    for (const t of list) state.telemetry.push(t);
    if (state.telemetry.length > 600) state.telemetry.splice(0, state.telemetry.length - 600);
    const last = state.telemetry[state.telemetry.length - 1];
    if (!last) return;
    state.paused = !!last.paused;
    const run = $("run-state");
    run.textContent = last.paused ? "paused" : (last.held ? "held (fault)" : "running");
    run.className = "badge " + (last.paused || last.held ? "paused" : "connected");
    drawTiming();
    drawCounters(last);
  }

  function drawTiming() {
    const T = state.telemetry;
    const positive = (x) => (typeof x === "number" && x > 0 ? x : null);  // for the log scale
    const x = T.map((t) => t.elapsed_s);
    timing.setData([x, ...timingSeries.map(([, , , f]) => T.map((t) => positive(f(t))))]);
    problems.setData([x, ...problemSeries.map(([, , f]) => T.map((t) => f(t) ?? null))]);
  }


  function counterRows(t) {
    const rows = [
      ["steps", t.steps], ["overruns", t.overruns, true], ["late starts", t.late_starts, true],
      ["skipped", t.skipped, true], ["late inputs", t.late_inputs, true],
      ["wake p50 / p99 / max [µs]", fmt3(t.wake)], ["compute p50 / p99 / max [µs]", fmt3(t.compute)],
      ["total p50 / p99 / max [µs]", fmt3(t.total)],
      ["platform floor wake p99 [µs]", state.metadata?.platform_floor?.wake?.p99_us ?? "not measured"],
      ["published", t.published], ["publish dropped", t.publish_dropped, true],
      ["received", t.received], ["requests refused", t.requests_refused, true],
    ];
    for (const [k, v] of Object.entries(t.queue_dropped ?? {})) rows.push([`queue dropped: ${k}`, v, true]);
    for (const [k, v] of Object.entries(t.input_dropped ?? {})) rows.push([`input dropped: ${k}`, v, true]);
    const l = state.link ?? {};
    for (const [k, v] of Object.entries(l.missed ?? {})) rows.push([`stream missed: ${k}`, v, true]);
    rows.push(["stream malformed", l.malformed ?? 0, true]);
    const b = state.behind ?? {};
    rows.push(["dashboard dropped: updates", b.updates_dropped ?? 0, true],
              ["dashboard dropped: buckets", b.buckets_dropped ?? 0, true],
              ["dashboard dropped: spikes", b.spikes_dropped ?? 0, true]);
    return rows;
  }

  const fmt = (x) => (typeof x === "number" ? +x.toFixed(2) : x);
  const fmt3 = (q) => (q ? `${fmt(q.p50_us)} / ${fmt(q.p99_us)} / ${fmt(q.max_us)}` : "—");

  function drawCounters(t) {
    const body = $("counters").tBodies[0];
    body.textContent = "";
    for (const [name, value, badWhenNonzero] of counterRows(t)) {
      const row = body.insertRow();
      row.insertCell().textContent = name;
      const cell = row.insertCell();
      cell.textContent = value ?? "—";
      cell.className = "num" + (badWhenNonzero && value > 0 ? " bad" : "");
    }
  }

  // ---- the connection's state, as the page shows it ----
  function drawLink() {
    const badge = $("link-state"), detail = $("link-detail");
    const l = state.link;
    let text, cls;
    if (!state.wsOpen) { text = "dashboard unreachable"; cls = "closed"; }
    else if (!l || l.state === "waiting") { text = "waiting for the kernel"; cls = "waiting"; }
    else if (l.state === "gone") { text = "kernel gone"; cls = "gone"; }
    else if (l.state === "ended") { text = "run ended"; cls = "ended"; }
    else { text = "connected"; cls = "connected"; }
    const missed = Object.values(l?.missed ?? {}).reduce((a, b) => a + b, 0);
    const behind = state.behind ? state.behind.updates_dropped + state.behind.buckets_dropped +
                                  state.behind.spikes_dropped : 0;
    const notes = [];
    if (l && l.state !== "waiting") notes.push(`quiet ${fmt(l.quiet_s)} s`);
    if (missed) notes.push(`stream gap: ${missed} message(s) missed`);
    if (behind) notes.push(`dashboard behind: ${behind} dropped`);
    if (cls === "connected" && state.gapSeen !== missed) cls = "gap";
    else if (cls === "connected" && state.behindSeen !== behind) cls = "behind";
    state.gapSeen = missed; state.behindSeen = behind;
    badge.textContent = text; badge.className = "badge " + cls; badge.dataset.state = l?.state ?? "none";
    detail.textContent = notes.join(" · ");
  }

  // ---- messages ----
  function onUpdate(u) {
    state.updates++;
    state.link = u.link; state.behind = u.behind;
    if (u.link.epoch !== state.epoch) { state.epoch = u.link.epoch; clearWindow(); }
    if (u.metadata) onMetadata(u.metadata);
    if (u.list) onList(u.list);
    if (u.buckets) addBuckets(u.buckets);
    if (u.spikes?.length) addSpikes(u.spikes);
    if (u.telemetry) onTelemetry(u.telemetry);
    trimWindow();
    drawLink();
    $("model-time").textContent = state.tLast === null ? "—" : state.tLast.toFixed(1);
    if (traces && (u.buckets?.t.length || u.buckets?.restarted)) drawTraces();
    if (u.spikes?.length || u.buckets?.t.length) raster.setData([state.spikeT, state.spikeM]);
  }

  function showReply(reply) {
    state.lastReply = reply;
    const el = $("reply");
    el.textContent = reply.ok ? `ok ${JSON.stringify(reply).slice(0, 120)}` : `error: ${reply.error}`;
    el.className = "reply" + (reply.ok ? "" : " error");
  }

  function control(request) {
    if (!state.wsOpen) return showReply({ ok: false, error: "the dashboard is not connected" });
    const id = state.nextId++;
    state.pending.set(id, request);
    state.ws.send(JSON.stringify({ type: "control", id, request }));
  }

  function connect() {
    const ws = new WebSocket(wsUrl);
    state.ws = ws;
    ws.onopen = () => { state.wsOpen = true; sendView(); drawLink(); };
    ws.onclose = () => {
      state.wsOpen = false; drawLink();
      setTimeout(connect, 1000);  // the dashboard restarted, or the network blinked
    };
    ws.onmessage = (e) => {
      const m = JSON.parse(e.data);
      if (m.type === "update") onUpdate(m);
      else if (m.type === "reply") { state.pending.delete(m.id); showReply(m.reply); }
      else if (m.type === "error") showReply({ ok: false, error: m.error });
    };
  }

  $("parameter-filter").addEventListener("input", (e) => {
    for (const row of $("parameters").tBodies[0].rows)
      row.hidden = !row.dataset.parameter.includes(e.target.value);
  });
  $("pause").addEventListener("click", () => control({ cmd: "pause" }));
  $("resume").addEventListener("click", () => control({ cmd: "resume" }));
  $("reset").addEventListener("click", () => control({ cmd: "reset_state" }));
  $("window").addEventListener("change", (e) => {
    state.windowMs = +e.target.value; clearWindow(); sendView();
  });
  // A new width re-makes the plots and asks for buckets of the new width (the window restarts);
  // a new height alone (a taller window, a full-page screenshot) changes nothing.
  let drawnWidth = plotWidth();
  window.addEventListener("resize", () => {
    if (plotWidth() === drawnWidth) return;
    drawnWidth = plotWidth();
    makeTraces(); makeRaster(); makeTiming(); sendView();
  });

  makeTraces(); makeRaster(); makeTiming(); drawLink();
  connect();

  // For the browser test and for a curious user's console: what the page holds now.
  window.rtcellDashboard = {
    stats: () => ({
      wsOpen: state.wsOpen, link: state.link?.state ?? null, epoch: state.epoch,
      updates: state.updates, tLast: state.tLast, points: state.x.length,
      spikesSeen: state.spikesSeen, spikesInWindow: state.spikeT.length,
      telemetry: state.telemetry.length, paused: state.paused, probes: state.probes,
      chosen: state.chosen, parameters: state.list?.parameters ?? [], lastReply: state.lastReply,
      maxInWindow: state.ys.map((y) => Math.max(...y.filter((v) => v !== null))),
    }),
    control,
  };
})();
