/**
 * The dashboard: one read-only HTML page with inline CSS and JS, no external
 * assets. It polls `api/state` and builds every cell with `textContent`, so
 * no name or message from a container can inject markup. A container gets one
 * line per host, its name, lifecycle and problems on the first. Its footer
 * names the version that serves it.
 *
 * @module
 */
import { VERSION } from "../version.ts";

const STYLE = `
:root { color-scheme: light dark; --fg: #1d1f23; --bg: #f6f7f9; --card: #fff; --line: #d9dce1;
  --muted: #5d636e; --ok: #1b7a3d; --bad: #b3261e; --warn: #8a5a00; }
@media (prefers-color-scheme: dark) { :root { --fg: #e4e6ea; --bg: #16181c; --card: #1f2227;
  --line: #343841; --muted: #9aa1ad; --ok: #5fd38a; --bad: #ff8a80; --warn: #f0c05a; } }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.45 system-ui, sans-serif; color: var(--fg); background: var(--bg); }
header { display: flex; flex-wrap: wrap; gap: 12px; align-items: center; padding: 14px 20px;
  border-bottom: 1px solid var(--line); background: var(--card); }
h1 { font-size: 18px; margin: 0 12px 0 0; }
h2 { font-size: 15px; margin: 0 0 8px; }
main { padding: 16px 20px; display: grid; gap: 16px; }
section { background: var(--card); border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px;
  overflow-x: auto; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; color: var(--muted); font-size: 12px; text-transform: uppercase; }
tr:last-child td { border-bottom: 0; }
td.empty { color: var(--muted); font-style: italic; }
.badge { padding: 3px 10px; border-radius: 999px; border: 1px solid currentColor; font-weight: 600; }
.ok { color: var(--ok); } .bad { color: var(--bad); } .warn { color: var(--warn); }
.muted { color: var(--muted); } code { font-size: 13px; }
#notice { flex-basis: 100%; margin: 0; }
#notice:empty { display: none; }
footer { padding: 0 20px 16px; font-size: 12px; }
`;

const SCRIPT = `
"use strict";
var token = new URLSearchParams(location.search).get("token");
function el(tag, text, cls) {
  var node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}
function fill(id, rows, empty) {
  var body = document.getElementById(id);
  body.replaceChildren();
  if (rows.length === 0) {
    var tr = el("tr"), td = el("td", empty, "empty");
    td.colSpan = body.parentNode.querySelectorAll("th").length;
    tr.appendChild(td); body.appendChild(tr); return;
  }
  rows.forEach(function (cells) {
    var tr = el("tr");
    cells.forEach(function (cell) {
      tr.appendChild(cell instanceof Node ? wrap(cell) : el("td", cell === undefined ? "" : cell));
    });
    body.appendChild(tr);
  });
}
function wrap(node) { var td = el("td"); td.appendChild(node); return td; }
function badge(id, good, label, state) {
  var node = document.getElementById(id);
  node.textContent = label + ": " + state;
  node.className = "badge " + (good ? "ok" : "bad");
}
function outcome(a) {
  if (a.kind === "skip") return el("span", "left alone", "muted");
  return el("span", a.outcome, a.outcome === "ok" ? "ok" : "bad");
}
function time(iso) { return iso ? new Date(iso).toLocaleTimeString() : ""; }
function hostId(id) { return id === undefined || id === null ? "" : "#" + id; }
function short(id) { return id ? String(id).slice(0, 12) : ""; }
function containerLines(c) {
  var problems = c.problems.map(function (p) {
    return p.reason.indexOf(p.variable) >= 0 ? p.reason : p.variable + ": " + p.reason;
  }).join("; ");
  var hosts = c.hosts.length > 0 ? c.hosts
    : [{ domains: [], forward: "", status: c.status, did: c.did, https: "", access: "" }];
  return hosts.map(function (h, i) {
    var first = i === 0, bad = h.status === "invalid" || h.status === "offline";
    var state = el("span", h.status, bad ? "bad" : h.status === "published" ? "ok" : "muted");
    var said = first ? el("span", problems, c.state === "invalid" ? "bad" : "warn") : "";
    return [first ? c.name : "", h.domains.join(", "), h.forward, state, first ? c.lifecycle : "",
      h.did, h.https, h.access, said];
  });
}
function render(s) {
  var names = {};
  var containers = Object.keys(s.containers).map(function (id) { return s.containers[id]; });
  containers.forEach(function (c) { names[c.id] = c.name; });
  function who(id) { return names[id] || short(id); }
  var out = s.outages;
  var up = s.engines.filter(function (e) { return e.connected; }).length;
  badge("docker", s.dockerConnected, "Docker", out.docker ? "down since " + time(out.docker.since)
    : s.engines.length > 1 ? up + " of " + s.engines.length + " engines connected"
    : s.dockerConnected ? "connected" : "disconnected");
  var npm = s.lastNpmAnswer;
  badge("npm", npm && npm.ok && !out.npm, "NPM", out.npm ? "down since " + time(out.npm.since)
    : npm === null ? "not asked yet" : npm.ok ? "reachable" : "unreachable");
  document.getElementById("notice").textContent = [out.npm, out.docker].filter(Boolean)
    .map(function (o) { return o.cause; }).join(" \u00b7 ");
  fill("containers", containers.flatMap(containerLines), "No containers seen yet");
  fill("hosts", s.managedHosts.map(function (h) {
    var online = h.nginxOnline === null ? el("span", "unknown", "muted")
      : el("span", h.nginxOnline ? "online" : "offline", h.nginxOnline ? "ok" : "bad");
    return [h.domain, el("span", h.enabled ? "enabled" : "disabled", h.enabled ? "ok" : "muted"),
      h.forward, hostId(h.id), who(h.containerId), online];
  }), "EnvoyNPM owns no proxy host");
  fill("conflicts", s.conflicts.map(function (k) {
    return [k.domain, k.containerName, who(k.holderContainerId), time(k.since)];
  }), "No conflicts");
  fill("skipped", s.skippedHosts.map(function (k) {
    var reason = k.reason === "foreign_host" ? "hand-made proxy host"
      : k.reason === "other_instance" ? "another EnvoyNPM instance's host" : "redirection or 404 host";
    return [k.domain, k.containerName, reason, hostId(k.hostId), time(k.since)];
  }), "No hand-made host is in the way");
  fill("actions", s.recentActions.map(function (a) {
    return [time(a.at), a.kind + (a.reason ? " (" + a.reason + ")" : ""), a.domain, a.containerName,
      hostId(a.hostId), outcome(a), a.kind === "skip" ? "" : a.durationMs + " ms", a.error];
  }), "Nothing done yet");
  fill("errors", s.recentErrors.map(function (e) {
    return [time(e.at), el("span", e.severity, e.severity === "error" ? "bad" : "warn"), e.code,
      e.message, e.containerName, e.domain, e.count > 1 ? e.count + "\\u00d7" : ""];
  }), "No errors");
}
function refresh() {
  var headers = token ? { Authorization: "Bearer " + token } : {};
  fetch("api/state", { headers: headers, cache: "no-store" }).then(function (r) {
    if (r.status === 401) throw new Error("The token is missing or wrong: open this page as /?token=...");
    if (!r.ok) throw new Error("EnvoyNPM answered " + r.status);
    return r.json();
  }).then(function (s) {
    render(s);
    document.getElementById("updated").textContent = "Updated " + new Date().toLocaleTimeString();
  }).catch(function (e) {
    document.getElementById("notice").textContent = e.message || "EnvoyNPM does not answer";
  });
}
refresh();
setInterval(refresh, 3000);
`;

function section(id: string, title: string, columns: readonly string[]): string {
  const heads = columns.map((column) => `<th>${column}</th>`).join("");
  return `<section><h2>${title}</h2><table><thead><tr>${heads}</tr></thead>` +
    `<tbody id="${id}"></tbody></table></section>`;
}

/** The dashboard page served at `/`. */
export const DASHBOARD_HTML = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>EnvoyNPM</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>EnvoyNPM</h1>
<span id="docker" class="badge muted">Docker: …</span>
<span id="npm" class="badge muted">NPM: …</span>
<span id="updated" class="muted"></span>
<p id="notice" class="bad" role="alert"></p>
</header>
<main>
${
  section("containers", "Containers", [
    "Name",
    "Domain",
    "Forward to",
    "State",
    "On stop, health",
    "What EnvoyNPM did",
    "HTTPS",
    "Access list",
    "Problems",
  ])
}
${
  section("hosts", "Managed proxy hosts", [
    "Domain",
    "Enabled",
    "Forward to",
    "Host",
    "Container",
    "Nginx",
  ])
}
${section("conflicts", "Conflicts", ["Domain", "Container", "Held by", "Since"])}
${
  section("skipped", "Hand-made hosts left alone", [
    "Domain",
    "Container",
    "Held by",
    "Host",
    "Since",
  ])
}
${
  section("actions", "Recent actions", [
    "Time",
    "Action",
    "Domain",
    "Container",
    "Host",
    "Outcome",
    "Took",
    "Error",
  ])
}
${
  section("errors", "Recent warnings and errors", [
    "Time",
    "Severity",
    "Code",
    "Message",
    "Container",
    "Domain",
    "Count",
  ])
}
</main>
<footer class="muted">EnvoyNPM ${VERSION} · MIT licence</footer>
<script>${SCRIPT}</script>
</body>
</html>
`;
