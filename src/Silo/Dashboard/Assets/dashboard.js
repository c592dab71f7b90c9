// The operator's dashboard: one event stream (GET /dashboard/events) read with fetch, so the
// read token travels in the Authorization header; every event replaces one part of the page.
// Everything from the cluster is put into the page as text, never as markup.
"use strict";

(() => {
  const TOKEN_KEY = "actors.dashboard.token";
  const CONDITIONS = ["Ready", "Progressing", "Degraded", "ReconciliationPaused", "RollBlocked", "ScaleDownBlocked"];
  const $ = (id) => document.getElementById(id);

  // --- the token: from the URL fragment once, then from this tab's sessionStorage ---
  function takeTokenFromFragment() {
    const fragment = new URLSearchParams(location.hash.slice(1));
    const token = fragment.get("token");
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      history.replaceState(null, "", location.pathname + location.search); // out of the address bar and history
    }
  }
  const token = () => sessionStorage.getItem(TOKEN_KEY);

  // --- a small element builder; children that are strings become text nodes ---
  function h(tag, attributes, ...children) {
    const element = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "class") element.className = value;
      else if (name === "style") Object.assign(element.style, value);
      else element.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === null || child === undefined || child === false) continue;
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  function ago(time) {
    const then = Date.parse(time);
    if (!then || then < 86400000) return "";
    const seconds = Math.max(0, Math.round((Date.now() - then) / 1000));
    if (seconds < 60) return `${seconds}s ago`;
    if (seconds < 3600) return `${Math.floor(seconds / 60)}m ago`;
    if (seconds < 86400) return `${Math.floor(seconds / 3600)}h ago`;
    return `${Math.floor(seconds / 86400)}d ago`;
  }

  const shortRevision = (revision) => (revision || "").slice(0, 8) || "—";
  const number = (value, digits = 1) => (value || 0).toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

  function phaseTone(phase) {
    switch (phase) {
      case "Running": case "Ready": return "good";
      case "Failed": case "Degraded": return "bad";
      case "Paused": case "Deleting": case "Terminating": return "muted";
      default: return "busy";
    }
  }

  // A condition is good when it is what a healthy, idle cluster shows.
  function conditionTone(condition) {
    const healthyWhenTrue = condition.type === "Ready";
    const isTrue = condition.status === "True";
    if (condition.status === "Unknown") return "muted";
    if (condition.type === "Progressing" || condition.type === "ReconciliationPaused") return isTrue ? "busy" : "good";
    return isTrue === healthyWhenTrue ? "good" : "bad";
  }

  // --- clusters ---
  function renderClusters(clusters) {
    const container = $("clusters");
    if (!clusters.length) {
      container.replaceChildren(h("p", { class: "empty" }, "No KafkaClusters yet. Apply one with kubectl apply -f deploy/samples/kafkacluster-demo.yaml."));
      return;
    }
    container.replaceChildren(...clusters.map(renderCluster));
  }

  function renderCluster({ cluster, recentEvents }) {
    const key = `${cluster.namespace}/${cluster.name}`;
    return h("article", { class: "card cluster", "data-cluster": key },
      h("header", { class: "cluster-head" },
        h("div", {},
          h("h3", { class: "cluster-name" }, h("span", { class: "namespace" }, cluster.namespace, "/"), cluster.name),
          h("div", { class: "facts" },
            fact("brokers", `${cluster.readyBrokers}/${cluster.desiredBrokers} ready`, "brokers"),
            fact("controllers", `${cluster.readyControllers}/${cluster.desiredControllers} ready`, "controllers"),
            fact("generation", cluster.observedGeneration === cluster.generation ? `${cluster.generation}` : `${cluster.observedGeneration} → ${cluster.generation}`),
            cluster.bootstrapServers ? fact("bootstrap", cluster.bootstrapServers) : null)),
        h("span", { class: `badge ${phaseTone(cluster.phase)}`, "data-testid": "cluster-phase" }, cluster.phase)),
      renderOperation(cluster.operation),
      h("div", { class: "cluster-body" },
        h("div", { class: "column" }, h("h4", {}, "Conditions"), renderConditions(cluster.conditions || [])),
        h("div", { class: "column" }, h("h4", {}, "Nodes"), renderNodes(cluster.nodes || []))),
      h("h4", {}, "Recent events"),
      renderEvents(recentEvents || []));
  }

  function fact(label, value, testId) {
    return h("span", { class: "fact", "data-testid": testId }, h("span", { class: "fact-label" }, label), " ", value);
  }

  function renderOperation(operation) {
    if (!operation) return h("div", { class: "operation idle", "data-testid": "operation" }, "No operation in flight");
    const percent = operation.total > 0 ? Math.round(100 * operation.done / operation.total) : 0;
    return h("div", { class: "operation", "data-testid": "operation" },
      h("div", { class: "operation-line" },
        h("strong", {}, operation.kind),
        h("span", { class: "operation-message" }, operation.message),
        h("span", { class: "operation-count" }, operation.total > 0 ? `${operation.done} of ${operation.total}` : "")),
      h("div", { class: "progress", role: "progressbar", "aria-valuemin": 0, "aria-valuemax": operation.total, "aria-valuenow": operation.done },
        h("div", { class: "progress-fill", style: { width: `${percent}%` } })));
  }

  function renderConditions(conditions) {
    // The well-known conditions first, in a fixed order; any others after them.
    const known = CONDITIONS.map((type) => conditions.find((c) => c.type === type)).filter(Boolean);
    const others = conditions.filter((c) => !CONDITIONS.includes(c.type));
    const rows = [...known, ...others];
    if (!rows.length) return h("p", { class: "empty" }, "No conditions reported yet.");
    return h("table", { class: "grid conditions" },
      h("tbody", {}, rows.map((c) =>
        h("tr", { "data-condition": c.type },
          h("td", { class: "condition-type" }, c.type),
          h("td", {}, h("span", { class: `pill ${conditionTone(c)}` }, c.status)),
          h("td", { class: "condition-text" },
            c.reason ? h("span", { class: "reason" }, c.reason) : null,
            c.message ? h("span", { class: "message" }, c.message) : null),
          h("td", { class: "when", "data-time": c.lastTransitionTime }, ago(c.lastTransitionTime))))));
  }

  function renderNodes(nodes) {
    if (!nodes.length) return h("p", { class: "empty" }, "No nodes yet.");
    const sorted = [...nodes].sort((a, b) => a.role.localeCompare(b.role) * -1 || a.ordinal - b.ordinal);
    return h("table", { class: "grid nodes" },
      h("thead", {}, h("tr", {}, h("th", {}, "#"), h("th", {}, "Role"), h("th", {}, "Pod"), h("th", {}, "Phase"), h("th", {}, "Revision"), h("th", {}, "Ready"))),
      h("tbody", {}, sorted.map((n) =>
        h("tr", { "data-node": `${n.role}-${n.ordinal}` },
          h("td", { class: "num" }, n.ordinal),
          h("td", {}, h("span", { class: `role ${n.role}` }, n.role)),
          h("td", { class: "mono" }, n.pod),
          h("td", {}, h("span", { class: `pill ${phaseTone(n.phase)}`, "data-testid": "node-phase" }, n.phase)),
          h("td", { class: "mono", title: n.revision }, shortRevision(n.revision)),
          h("td", { class: n.ready ? "ready yes" : "ready no" }, n.ready ? "✓" : "✗")))));
  }

  function renderEvents(events) {
    if (!events.length) return h("p", { class: "empty" }, "No events.");
    return h("ul", { class: "events" }, events.map((e) =>
      h("li", { class: e.type === "Warning" ? "event warning" : "event" },
        h("span", { class: "when", "data-time": e.time }, ago(e.time)),
        h("span", { class: "reason" }, e.reason),
        h("span", { class: "message" }, e.message),
        e.count > 1 ? h("span", { class: "count" }, `×${e.count}`) : null)));
  }

  // --- runtime ---
  const SVG = "http://www.w3.org/2000/svg";
  const callHistory = []; // calls/s as the page received it, for the trend line

  function sparkline(values) {
    const width = 160, height = 36, max = Math.max(1, ...values);
    const svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("viewBox", `0 0 ${width} ${height}`);
    svg.setAttribute("class", "sparkline");
    svg.setAttribute("aria-hidden", "true");
    const line = document.createElementNS(SVG, "polyline");
    const step = values.length > 1 ? width / (values.length - 1) : width;
    line.setAttribute("points", values.map((v, i) => `${(i * step).toFixed(1)},${(height - 2 - (v / max) * (height - 4)).toFixed(1)}`).join(" "));
    svg.append(line);
    return svg;
  }

  function renderRuntime(runtime) {
    callHistory.push(runtime.callsPerSecond);
    if (callHistory.length > 60) callHistory.shift();
    $("runtime-window").textContent = `last ${runtime.windowSeconds}s`;
    $("runtime-tiles").replaceChildren(
      tile("Activations", runtime.activations.toLocaleString("en-US"), "activations"),
      tile("Calls / s", number(runtime.callsPerSecond), "calls-per-second", "", callHistory.length > 1 ? sparkline(callHistory) : null),
      tile("Errors", runtime.errors.toLocaleString("en-US"), "errors", runtime.errors > 0 ? "bad" : ""));

    const types = runtime.grainTypes;
    $("grain-types").tBodies[0].replaceChildren(...(types.length ? types.map((t) =>
      h("tr", { "data-grain-type": t.grainType },
        h("td", { class: "mono" }, t.grainType),
        h("td", { class: "num" }, t.activations),
        h("td", { class: "num" }, number(t.callsPerSecond)),
        h("td", { class: t.errors > 0 ? "num bad-text" : "num" }, t.errors)))
      : [h("tr", {}, h("td", { colspan: 4, class: "empty" }, "No grains active."))]));

    const methods = runtime.methods;
    $("grain-methods").tBodies[0].replaceChildren(...(methods.length ? methods.map((m) =>
      h("tr", { "data-grain-method": `${m.grainType}.${m.method}` },
        h("td", { class: "mono" }, h("span", { class: "muted-text" }, m.grainType, "."), m.method),
        h("td", { class: "num" }, number(m.callsPerSecond)),
        h("td", { class: "num" }, number(m.averageMilliseconds, 2)),
        h("td", { class: "num" }, number(m.p99Milliseconds, 2)),
        h("td", { class: m.errors > 0 ? "num bad-text" : "num" }, m.errors),
        h("td", { class: "num" }, m.totalCalls.toLocaleString("en-US"))))
      : [h("tr", {}, h("td", { colspan: 6, class: "empty" }, "No grain calls yet."))]));
  }

  function tile(label, value, testId, tone, chart) {
    return h("div", { class: `tile ${tone || ""}`, "data-testid": testId },
      h("div", { class: "tile-text" }, h("div", { class: "tile-value" }, value), h("div", { class: "tile-label" }, label)),
      chart);
  }

  // --- connection state and the stream ---
  function setConnection(state, text) {
    $("connection").dataset.state = state;
    $("connection-text").textContent = text;
  }

  function showProblem(message) {
    const problem = $("problem");
    problem.hidden = !message;
    problem.textContent = message || "";
  }

  const handlers = {
    clusters: (data) => { showProblem(null); renderClusters(data); },
    runtime: renderRuntime,
    problem: (data) => showProblem(data.message),
  };

  // Server-sent events parsed by hand from a fetch body: "event:" and "data:" lines, blank line ends one.
  async function stream() {
    const headers = { Accept: "text/event-stream" };
    if (token()) headers.Authorization = `Bearer ${token()}`;
    const response = await fetch("/dashboard/events", { headers, cache: "no-store" });
    if (response.status === 401 || response.status === 403) return "denied";
    if (!response.ok) throw new Error(`the event stream answered ${response.status}`);
    setConnection("live", "live");
    attempt = 0;
    $("sign-in").hidden = true;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return "ended";
      buffer += value;
      let end;
      while ((end = buffer.indexOf("\n\n")) >= 0) {
        dispatch(buffer.slice(0, end));
        buffer = buffer.slice(end + 2);
      }
    }
  }

  function dispatch(block) {
    let name = "message";
    const data = [];
    for (const line of block.split("\n")) {
      if (line.startsWith(":")) continue;
      if (line.startsWith("event:")) name = line.slice(6).trim();
      else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
    }
    const handler = handlers[name];
    if (handler && data.length) handler(JSON.parse(data.join("\n")));
  }

  let attempt = 0;
  async function connect() {
    for (;;) {
      let outcome;
      try {
        outcome = await stream();
      } catch (error) {
        outcome = "failed";
      }
      if (outcome === "denied") {
        setConnection("denied", "token needed");
        $("sign-in").hidden = false;
        $("sign-in-error").hidden = !token();
        return; // wait for the form
      }
      attempt = Math.min(attempt + 1, 5);
      setConnection("retrying", "reconnecting…");
      await new Promise((resolve) => setTimeout(resolve, 500 * 2 ** attempt));
    }
  }

  function start() {
    takeTokenFromFragment();
    $("sign-in-form").addEventListener("submit", (event) => {
      event.preventDefault();
      const value = $("token").value.trim();
      if (!value) return;
      sessionStorage.setItem(TOKEN_KEY, value);
      $("token").value = "";
      setConnection("connecting", "connecting…");
      attempt = 0;
      connect();
    });
    // Relative times age while the page is open.
    setInterval(() => document.querySelectorAll("[data-time]").forEach((e) => { e.textContent = ago(e.dataset.time); }), 5000);
    connect();
  }

  start();
})();
