// Architect Reviewer UI: each page renders data from the platform API, called with the session cookie and,
// for unsafe methods, the session's CSRF token. Everything is written with textContent (never innerHTML).
"use strict";

const csrf = () => document.querySelector('meta[name="csrf-token"]')?.content;

async function api(path, options = {}) {
  const headers = Object.assign({ Accept: "application/json" }, options.headers || {});
  if (options.method && options.method !== "GET") headers["X-CSRF-Token"] = csrf();
  if (options.json !== undefined) {
    headers["Content-Type"] = "application/json";
    options.body = JSON.stringify(options.json);
  }
  const response = await fetch(path, Object.assign({}, options, { headers, credentials: "same-origin" }));
  if (response.status === 401) { location.href = "/ui/login?next=" + encodeURIComponent(location.pathname); }
  const type = response.headers.get("Content-Type") || "";
  const body = type.includes("json") ? await response.json() : null;
  if (!response.ok) throw Object.assign(new Error(body?.detail || body?.title || response.statusText), { status: response.status, body });
  return { body, response };
}

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined) continue;
    if (k === "class") node.className = v; else if (k === "text") node.textContent = v; else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child ?? "")));
  return node;
}

function showProblem(error) {
  const alerts = document.getElementById("alerts");
  if (!alerts) return;
  const errors = error.body?.errors?.map(e => `${e.field || e.pointer || ""}: ${e.message || e.detail || ""}`) || [];
  alerts.replaceChildren(el("p", { class: "problem", text: [error.message, ...errors].join(" — ") }));
}

function counts(summary) {
  const c = summary?.counts || summary?.countsBySeverity || {};
  return ["critical", "high", "medium", "low", "info"].filter(s => c[s]).map(s => `${c[s]} ${s}`).join(", ") || "none";
}

const pages = {
  async portfolio() {
    const tbody = document.querySelector("#repositories tbody");
    async function load() {
      const { body } = await api("/api/v1/repositories?limit=100");
      const items = body.items || body.repositories || [];
      tbody.replaceChildren(...items.map(r => el("tr", {},
        el("td", {}, el("a", { href: `/ui/repositories/${r.id}`, class: "repo-link" }, r.name)),
        el("td", { text: r.url || r.path || "" }),
        el("td", { text: r.latestScan?.state || (r.latestScan ? "done" : "never") }),
        el("td", { text: r.latestScan?.score ?? "" }),
        el("td", { text: r.latestScan ? counts(r.latestScan) : "" }))));
      document.getElementById("no-repositories").hidden = items.length > 0;
    }
    document.getElementById("register").addEventListener("submit", async event => {
      event.preventDefault();
      const form = event.target;
      const source = form.source.value.trim();
      const json = { name: form.name.value.trim() };
      if (/^[a-z]+:\/\//i.test(source)) json.url = source; else json.path = source;
      try {
        await api("/api/v1/repositories", { method: "POST", json });
        form.reset();
        await load();
      } catch (e) { showProblem(e); }
    });
    try {
      const { body } = await api("/api/v1/portfolio/strategy");
      const plan = body.plan || [];
      document.getElementById("plan").replaceChildren(...plan.map(step =>
        el("li", {}, step.title || step.rule || "", " — ", step.why || step.reason || "")));
      document.getElementById("shared").replaceChildren(...(body.sharedProblems || body.shared || []).map(p =>
        el("li", { text: p.summary || p.description || `${p.rule}: ${p.repositories} repositories` })));
      document.getElementById("strategy").hidden = plan.length === 0;
    } catch (e) { /* the strategy appears once repositories are scanned */ }
    await load().catch(showProblem);
  },

  async repository() {
    const id = document.body.dataset.repositoryId;
    const { body: repo } = await api(`/api/v1/repositories/${id}`);
    document.getElementById("repo-name").textContent = repo.name;
    document.getElementById("repo-source").textContent = repo.url || repo.path || "";
    if (repo.latestScan) document.getElementById("latest").textContent = `Findings: ${counts(repo.latestScan)}`;
    document.getElementById("scan-now").addEventListener("click", async event => {
      const button = event.target;
      button.disabled = true;
      try {
        const { response } = await api(`/api/v1/repositories/${id}/scans`, { method: "POST", json: {} });
        follow(response.headers.get("Location"), button);
      } catch (e) { showProblem(e); button.disabled = false; }
    });
  },

  async scan() {
    const id = document.body.dataset.scanId;
    const { body: scan } = await api(`/api/v1/scans/${id}`);
    document.getElementById("scan-summary").textContent =
      `Score ${scan.score ?? "?"} · ${counts(scan)} · ${scan.filesScanned ?? "?"} files in ${((scan.durationMs ?? 0) / 1000).toFixed(1)} s`;
    const form = document.getElementById("filters");
    async function load() {
      const params = new URLSearchParams({ limit: "200" });
      for (const name of ["severity", "rule", "path"]) if (form[name].value.trim()) params.set(name, form[name].value.trim());
      const { body } = await api(`/api/v1/scans/${id}/findings?${params}`);
      const findings = body.items || body.findings || [];
      const groups = ["critical", "high", "medium", "low", "info"];
      const box = document.getElementById("findings");
      box.replaceChildren(...groups.flatMap(severity => {
        const list = findings.filter(f => f.severity === severity);
        if (!list.length) return [];
        return [el("h2", { class: `sev-${severity}` }, `${severity} (${list.length})`), ...list.map(renderFinding)];
      }));
      document.getElementById("no-findings").hidden = findings.length > 0;
    }
    form.addEventListener("submit", event => { event.preventDefault(); load().catch(showProblem); });
    await load();
  },

  async ingest() {
    document.getElementById("ingest").addEventListener("submit", async event => {
      event.preventDefault();
      const form = event.target;
      const button = document.getElementById("ingest-submit");
      button.disabled = true;
      try {
        let result;
        if (form.manifest.files.length) {
          const data = new FormData();
          data.append("manifest", form.manifest.files[0]);
          result = await api("/api/v1/portfolio/ingest", { method: "POST", body: data });
        } else {
          const urls = form.urls.value.split(/\s+/).filter(Boolean);
          result = await api("/api/v1/portfolio/ingest", { method: "POST", json: { urls } });
        }
        document.getElementById("ingest-progress").hidden = false;
        followInto(result.response.headers.get("Location"), "ingest-bar", "ingest-label", button);
      } catch (e) { showProblem(e); button.disabled = false; }
    });
  },

  async providers() {
    const { body } = await api("/api/v1/providers");
    const items = body.items || body.providers || body || [];
    document.querySelector("#providers tbody").replaceChildren(...items.map(p => el("tr", {},
      el("td", { text: p.name }), el("td", { text: p.apiStyle || p.style || "" }), el("td", { text: p.model || "" }),
      el("td", { text: `${p.inputPricePer1k ?? p.priceInputPer1k ?? "?"} / ${p.outputPricePer1k ?? p.priceOutputPer1k ?? "?"}` }),
      el("td", { text: p.enabled ? "yes" : "no" }))));
  },

  async status() {
    if (document.body.dataset.admin !== "true") return;
    const { body } = await api("/api/v1/stats");
    const list = document.getElementById("stats");
    const flat = Object.entries(body).flatMap(([k, v]) =>
      v && typeof v === "object" ? Object.entries(v).map(([k2, v2]) => [`${k}.${k2}`, v2]) : [[k, v]]);
    list.replaceChildren(...flat.flatMap(([k, v]) => [el("dt", { text: k }), el("dd", { text: JSON.stringify(v) })]));
  },
};

function renderFinding(f) {
  const snippet = el("pre", { class: "snippet" });
  const lines = (f.snippet || "").split("\n");
  const first = f.snippetStartLine || f.line || 1;
  lines.forEach((text, i) => {
    const number = first + i;
    const hl = number >= (f.line || 0) && number <= (f.endLine || f.line || 0);
    snippet.append(el("span", hl ? { class: "hl" } : {}, `${String(number).padStart(4)}  ${text}`), hl ? "" : "\n");
  });
  const docs = `/rules/${encodeURIComponent(f.rule)}`;
  return el("article", { class: "finding", "data-rule": f.rule },
    el("h4", {}, el("span", { class: `sev sev-${f.severity}` }, f.severity), ` ${f.rule} · ${f.file}:${f.line}`),
    el("p", { text: f.message }),
    f.snippet ? snippet : "",
    f.remediation ? el("pre", { class: "remediation", text: f.remediation }) : "",
    el("a", { href: docs, class: "rule-docs" }, `About ${f.rule}`));
}

function follow(location, button) {
  document.getElementById("progress-box").hidden = false;
  followInto(location, "progress", "progress-label", button, async job => {
    if (job.state === "succeeded" && job.resultUrl) {
      const scanId = job.resultUrl.split("/").pop();
      const { body: scan } = await api(job.resultUrl);
      document.getElementById("result").hidden = false;
      document.getElementById("result-summary").textContent = `Score ${scan.score ?? "?"} · ${counts(scan)}`;
      document.getElementById("result-link").href = `/ui/scans/${scanId}`;
      document.getElementById("latest").textContent = `Score ${scan.score ?? "?"} · findings: ${counts(scan)}`;
    } else if (job.state !== "succeeded") {
      showProblem(new Error(`The scan ${job.state}: ${job.error || ""}`));
    }
  });
}

function followInto(location, barId, labelId, button, done) {
  const bar = document.getElementById(barId);
  const label = document.getElementById(labelId);
  const percent = document.getElementById("progress-percent");
  const source = new EventSource(location + "/events");
  const update = data => {
    bar.value = data.progress ?? bar.value;
    label.textContent = `${data.state || ""}${data.stage ? " · " + data.stage : ""}`;
    if (percent) percent.textContent = `${bar.value} %`;
  };
  const finish = async () => {
    source.close();
    const { body: job } = await api(location);
    update(job);
    button.disabled = false;
    if (done) await done(job);
  };
  const onEvent = event => {
    const data = JSON.parse(event.data);
    update(data);
    if (["succeeded", "failed", "cancelled"].includes(data.state)) finish().catch(showProblem);
  };
  source.onmessage = onEvent;
  for (const name of ["progress", "succeeded", "failed", "cancelled"]) source.addEventListener(name, onEvent);
  source.onerror = () => { if (source.readyState === EventSource.CLOSED) finish().catch(showProblem); };
}

document.addEventListener("DOMContentLoaded", () => {
  const page = pages[document.body.dataset.page];
  if (page) page().catch(showProblem);
});
