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
      // The list itself is read fresh; scores, counts and trends come from the portfolio overview
      // (served from the tagged cache, revalidated after every scan).
      const [{ body }, overview] = await Promise.all([
        api("/api/v1/repositories?limit=100"),
        api("/api/v1/portfolio").then(r => r.body.items || []).catch(() => []),
      ]);
      const details = new Map(overview.map(entry => [entry.id, entry]));
      const items = body.items || body.repositories || [];
      tbody.replaceChildren(...items.map(r => {
        const entry = details.get(r.id) || {};
        const latest = entry.latestScan;
        return el("tr", { "data-repository": r.name },
          el("td", {}, el("a", { href: `/ui/repositories/${r.id}`, class: "repo-link" }, r.name)),
          el("td", { class: "repo-source", text: r.url || r.path || "" }),
          el("td", { class: "repo-state", text: scanState(entry) }),
          el("td", { class: "repo-score", text: latest?.score ?? "" }),
          el("td", { class: "repo-findings", text: latest ? counts(latest) : "" }),
          el("td", { class: "repo-trend", text: latest ? trend(latest.trend) : "" }));
      }));
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
    document.getElementById("repo-source").textContent =
      (repo.url || repo.path || "") + (repo.branch ? ` · branch ${repo.branch}` : "");
    await scanHistory.load(id);
    document.getElementById("history-more").addEventListener("click", () => scanHistory.more().catch(showProblem));
    if (repo.url) {
      // Only git repositories have branches and tags; the API refuses a ref for a server path.
      document.getElementById("ref-field").hidden = false;
      document.getElementById("scan-ref-hint").textContent = repo.branch
        ? `Empty: ${repo.branch}, the repository's branch.` : "Empty: the remote's default branch.";
    }
    const form = document.getElementById("scan-form");
    form.addEventListener("submit", async event => {
      event.preventDefault();
      const button = document.getElementById("scan-now");
      const ref = form.ref.value.trim();
      clearFieldErrors(form);
      button.disabled = true;
      document.getElementById("result").hidden = true;
      try {
        const { response } = await api(`/api/v1/repositories/${id}/scans`, { method: "POST", json: ref ? { ref } : {} });
        follow(response.headers.get("Location"), button);
        await scanHistory.load(id);
      } catch (e) {
        if (!showFieldErrors(form, e)) showProblem(e);
        button.disabled = false;
      }
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
          // The API takes the manifest itself as the body: JSON or YAML, by its content type.
          const file = form.manifest.files[0];
          const text = await file.text();
          const json = /\.json$/i.test(file.name) || text.trimStart().startsWith("{");
          result = await api("/api/v1/portfolio/ingest", { method: "POST", body: text,
            headers: { "Content-Type": json ? "application/json" : "application/yaml" } });
        } else {
          const urls = form.urls.value.split(/\s+/).filter(Boolean);
          result = await api("/api/v1/portfolio/ingest", { method: "POST", json: { urls } });
        }
        document.getElementById("ingest-progress").hidden = false;
        const location = result.response.headers.get("Location");
        followInto(location, "ingest-bar", "ingest-label", button);
        followChildren(location.split("/").pop()).catch(showProblem);
      } catch (e) { showProblem(e); button.disabled = false; }
    });
  },

  async providers() {
    const admin = document.body.dataset.admin === "true";
    const tbody = document.querySelector("#providers tbody");
    let providers = [];
    async function load() {
      const { body } = await api("/api/v1/providers");
      providers = body.providers || body.items || [];
      tbody.replaceChildren(...providers.map(p => el("tr", { "data-provider": p.name },
        el("td", { text: p.name }), el("td", { text: p.apiStyle || "" }), el("td", { class: "provider-model", text: p.model || "" }),
        el("td", { text: `${p.inputPricePer1k ?? "?"} / ${p.outputPricePer1k ?? "?"}` }),
        el("td", { text: `${p.requestsPerMinute ?? "?"} / min, ${p.maxOutputTokens ?? "?"} tokens` }),
        el("td", { class: "provider-enabled", text: p.enabled ? "yes" : "no" }),
        el("td", { text: p.circuit || "" }),
        admin ? el("td", {}, el("button", { type: "button", class: "edit-provider secondary", "data-name": p.name },
          "Edit", el("span", { class: "visually-hidden", text: ` ${p.name}` }))) : "")));
      document.getElementById("no-providers").hidden = providers.length > 0;
    }
    await load();
    if (!admin) return;
    const section = document.getElementById("provider-editor");
    const form = document.getElementById("provider-form");
    const saved = document.getElementById("provider-saved");
    let editing = null;
    const fields = ["apiStyle", "baseUrl", "model", "inputPricePer1k", "outputPricePer1k",
      "maxOutputTokens", "requestsPerMinute", "priority"];
    tbody.addEventListener("click", event => {
      const button = event.target.closest("button.edit-provider");
      if (!button) return;
      const p = providers.find(x => x.name === button.dataset.name);
      if (!p) return;
      editing = p.name;
      document.getElementById("editor-name").textContent = p.name;
      form.enabled.checked = !!p.enabled;
      for (const name of fields) form[name].value = p[name] ?? "";
      clearFieldErrors(form);
      saved.textContent = "";
      section.hidden = false;
      form.model.focus();
    });
    document.getElementById("provider-cancel").addEventListener("click", () => {
      section.hidden = true;
      // Back to where the keyboard user was: the Edit button of that provider.
      tbody.querySelector(`button.edit-provider[data-name="${CSS.escape(editing || "")}"]`)?.focus();
      editing = null;
    });
    form.addEventListener("submit", async event => {
      event.preventDefault();
      if (!editing) return;
      clearFieldErrors(form);
      saved.textContent = "";
      const number = name => form[name].value.trim() === "" ? null : Number(form[name].value);
      const json = {
        enabled: form.enabled.checked,
        apiStyle: form.apiStyle.value,
        baseUrl: form.baseUrl.value.trim(),
        model: form.model.value.trim(),
        inputPricePer1k: number("inputPricePer1k"),
        outputPricePer1k: number("outputPricePer1k"),
        maxOutputTokens: number("maxOutputTokens"),
        requestsPerMinute: number("requestsPerMinute"),
        priority: number("priority"),
      };
      const button = document.getElementById("provider-save");
      button.disabled = true;
      try {
        await api(`/api/v1/providers/${encodeURIComponent(editing)}`, { method: "PUT", json });
        saved.textContent = `Saved ${editing}.`;
        await load();
      } catch (e) {
        if (!showFieldErrors(form, e)) showProblem(e);
      } finally { button.disabled = false; }
    });
  },

  async status() {
    if (document.body.dataset.admin !== "true") return;
    const render = async () => {
      const [{ body: stats }, providers] = await Promise.all([
        api("/api/v1/stats"),
        api("/api/v1/providers").then(r => r.body.providers || []).catch(() => []),
      ]);
      const known = value => value === null || value === undefined ? "not reported" : String(value);
      const pool = stats.pool || {};
      const rows = [
        ["stat-active-users", "Active users", `${stats.activeUsers} in the last ${Math.round(stats.activeWindowSeconds / 60)} min`],
        ["stat-queue-depth", "Queue depth", `${known(stats.queueDepth)} jobs waiting`],
        ["stat-pool", "Database pool", `${known(pool.active)} active, ${known(pool.idle)} idle, ${known(pool.pending)} waiting, ${known(pool.max)} max`],
        ["stat-breaker-analytics", "Breaker: analytics writes", `${stats.nonCriticalWrites?.breaker ?? "unknown"} (${stats.nonCriticalWrites?.buffered ?? 0} buffered, ${stats.nonCriticalWrites?.queued ?? 0} queued)`],
        ...providers.map(p => [`stat-breaker-provider-${p.name}`, `Breaker: provider ${p.name}`, p.circuit || "unknown"]),
      ];
      document.getElementById("stats").replaceChildren(...rows.flatMap(([id, label, value]) =>
        [el("dt", { text: label }), el("dd", { id, text: value })]));
      document.getElementById("stats-updated").textContent = `Updated ${when(new Date().toISOString())}`;
    };
    document.getElementById("stats-refresh").addEventListener("click", () => render().catch(showProblem));
    await render();
    // Refreshes itself while the page is in view; a failed refresh says so and the next one retries.
    const updated = document.getElementById("stats-updated");
    const refresh = () => {
      if (document.visibilityState !== "visible") return;
      render().catch(e => {
        updated.textContent = `Refresh failed at ${when(new Date().toISOString())}: ${e.title || e.message}; trying again in ${STATUS_REFRESH_SECONDS} s`;
      });
    };
    setInterval(refresh, STATUS_REFRESH_SECONDS * 1000);
    document.addEventListener("visibilitychange", refresh);
  },
};

/** The repository page's scan history: newest first, a page at a time, reloaded after a scan. */
const scanHistory = {
  id: null,
  cursor: null,
  pageSize: 20,
  async load(id) {
    this.id = id;
    this.cursor = null;
    const { body } = await this.page();
    document.querySelector("#history tbody").replaceChildren();
    this.show(body);
  },
  async more() {
    const button = document.getElementById("history-more");
    button.disabled = true;
    try { this.show((await this.page()).body); } finally { button.disabled = false; }
  },
  page() {
    const params = new URLSearchParams({ limit: String(this.pageSize) });
    if (this.cursor) params.set("cursor", this.cursor);
    return api(`/api/v1/repositories/${this.id}/scans?${params}`);
  },
  show(body) {
    const tbody = document.querySelector("#history tbody");
    tbody.append(...(body.items || []).map(scan => {
      // A job that has not (or not yet) stored a scan has no score, counts or link.
      const stored = Boolean(scan.id);
      return el("tr", { "data-job-id": scan.jobId, "data-state": scan.state },
        el("td", {}, el("time", { datetime: scan.createdAt }, when(scan.createdAt))),
        el("td", { class: "history-state", text: scan.state }),
        el("td", { class: "history-ref", text: scan.ref || "default" }),
        el("td", { text: stored ? scan.score : "" }),
        el("td", { class: "history-findings", text: stored ? counts(scan) : (scan.error || "—") }),
        el("td", {}, stored ? el("a", { href: `/ui/scans/${scan.id}`, class: "history-link" }, "Findings",
          el("span", { class: "visually-hidden", text: ` of the scan of ${when(scan.createdAt)}` })) : ""));
    }));
    this.cursor = body.nextCursor || null;
    const any = tbody.children.length > 0;
    document.getElementById("history").hidden = !any;
    document.getElementById("no-scans").hidden = any;
    document.getElementById("history-more").hidden = !this.cursor;
  },
};

/** Puts each entry of a validation problem's errors list next to its field; false if none matched. */
function showFieldErrors(form, error) {
  const errors = error.body?.errors || [];
  let shown = 0;
  for (const e of errors) {
    const input = form.elements[e.field];
    const slot = input && document.getElementById(`${input.id}-error`);
    if (!slot) continue;
    slot.textContent = `${e.message}`;
    slot.hidden = false;
    input.setAttribute("aria-invalid", "true");
    if (shown++ === 0) input.focus();
  }
  if (shown && shown < errors.length) showProblem(error);
  return shown > 0;
}

function clearFieldErrors(form) {
  for (const slot of form.querySelectorAll(".field-error")) { slot.textContent = ""; slot.hidden = true; }
  for (const input of form.querySelectorAll("[aria-invalid]")) input.removeAttribute("aria-invalid");
  document.getElementById("alerts")?.replaceChildren();
}

/** The ingest page: each repository's scan, followed until every one has finished. */
async function followChildren(jobId) {
  const list = document.getElementById("ingest-children");
  const terminal = state => ["succeeded", "failed", "cancelled"].includes(state);
  for (;;) {
    const { body } = await api(`/api/v1/portfolio/ingests/${jobId}`);
    const repositories = body.repositories || [];
    list.replaceChildren(...repositories.map((r, i) => {
      const id = `ingest-child-${i}`;
      const label = `${r.state}${r.stage && !terminal(r.state) ? " · " + r.stage : ""}`;
      return el("li", { class: "ingest-child", "data-name": r.name, "data-state": r.state },
        el("span", { class: "child-name", id: `${id}-name`, text: r.name }), " ",
        el("span", { class: "muted", text: `(${r.registration})` }), " ",
        r.progress === null || r.progress === undefined ? "" :
          el("progress", { id, max: "100", value: String(r.progress), "aria-labelledby": `${id}-name ${id}-state` }),
        " ", el("span", { id: `${id}-state`, class: "child-state", text: `${label} ${r.progress ?? ""}${r.progress === null || r.progress === undefined ? "" : " %"}` }),
        r.error ? el("span", { class: "child-error", text: ` — ${r.error}` }) : "",
        r.scan ? " " : "",
        r.scan ? el("a", { href: `/ui/scans/${r.scan.split("/").pop()}`, class: "child-scan" }, "Findings",
          el("span", { class: "visually-hidden", text: ` of ${r.name}` })) : "");
    }));
    const done = terminal(body.state) && repositories.every(r => terminal(r.state));
    if (done) { list.dataset.done = "true"; return; }
    await new Promise(resolve => setTimeout(resolve, 1000));
  }
}

function scanState(entry) {
  if (!entry.scanState) return entry.latestScan ? "succeeded" : "never scanned";
  const running = entry.scanState === "running" && entry.scanProgress != null;
  return running ? `running ${entry.scanProgress} %` : entry.scanState;
}

/** The trend versus the scan before, in words (colour alone would not tell everyone). */
function trend(t) {
  if (!t || t.direction === "first") return "first scan";
  if (t.direction === "unchanged") return "unchanged";
  const sign = n => (n > 0 ? `+${n}` : `${n}`);
  return `${t.direction} (score ${sign(t.scoreChange)}, findings ${sign(t.findingsChange)})`;
}

/** How often the status page refreshes itself while it is in view. */
const STATUS_REFRESH_SECONDS = 10;

function when(iso) {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? String(iso ?? "") :
    date.toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" });
}

function renderFinding(f) {
  // Focusable, so that a snippet wider than the screen can be scrolled with the keyboard.
  const snippet = el("pre", { class: "snippet", tabindex: "0", role: "group",
    "aria-label": `Code of ${f.rule} at ${f.file}:${f.line}` });
  const lines = (f.snippet || "").split("\n");
  const first = f.snippetStartLine || f.line || 1;
  lines.forEach((text, i) => {
    const number = first + i;
    const hl = number >= (f.line || 0) && number <= (f.endLine || f.line || 0);
    snippet.append(el("span", hl ? { class: "hl" } : {}, `${String(number).padStart(4)}  ${text}`), hl ? "" : "\n");
  });
  const docs = `/rules/${encodeURIComponent(f.rule)}`;
  return el("article", { class: "finding", "data-rule": f.rule },
    el("h3", {}, el("span", { class: `sev sev-${f.severity}` }, f.severity), ` ${f.rule} · ${f.file}:${f.line}`),
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
    } else if (job.state !== "succeeded") {
      showProblem(new Error(`The scan ${job.state}: ${job.error || ""}`));
    }
    await scanHistory.load(scanHistory.id);
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
