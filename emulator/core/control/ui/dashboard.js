// The emulator dashboard's script: polls /_emulator/ui/state and renders it. Plain browser JavaScript, no
// dependencies. Each region is re-rendered only when its markup changes, so focus and scroll stay put while
// tasks run; task status changes are announced in the page's live region.
"use strict";

(function () {
  const POLL_MS = 1000;
  // The engine's neutral statuses (emulator/core/engine/model.ts).
  const TERMINAL = new Set(["succeeded", "failed", "stopped", "expired", "invalid"]);
  const cap = (status) => String(status).charAt(0).toUpperCase() + String(status).slice(1);
  const $ = (id) => document.getElementById(id);
  let state = null;
  let timer = null;
  let previousStatuses = null;

  const esc = (value) =>
    String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

  function setHtml(id, html) {
    const el = $(id);
    if (el.dataset.rendered !== html) {
      el.innerHTML = html;
      el.dataset.rendered = html;
    }
  }

  const seconds = (ms) => `${(ms / 1000).toFixed(ms < 10000 ? 3 : 1)} s`;
  const clockTime = (ms) => new Date(ms).toISOString().replace("T", " ").replace(/\.\d{3}Z$/, "Z");
  const keyOf = (api, accountId, fn) => [api, accountId, ...fn.key].join("|");
  const nameOf = (fn) => fn.key.join("/");

  function functionsOf(s) {
    const list = [];
    for (const api of s.apis)
      for (const account of api.accounts)
        for (const fn of account.functions) list.push({ api, accountId: account.accountId, fn, key: keyOf(api.api, account.accountId, fn) });
    return list;
  }

  // ---- functions and configs -------------------------------------------------------------------------------
  function renderInventory(s) {
    if (s.apis.length === 0) return '<p class="empty">No API is registered.</p>';
    return s.apis
      .map((api) => {
        const rows = [];
        for (const account of api.accounts)
            for (const fn of account.functions) {
              const key = keyOf(api.api, account.accountId, fn);
              const last = fn.key[fn.key.length - 1];
              const fnCell =
                `<button type="button" class="link" data-select="${esc(key)}" aria-label="Show the async tasks of ${esc(nameOf(fn))}">${esc(last)}</button>` +
                `<div class="sub">invocable at ${fn.qualifiers.map(esc).join(", ")}</div>`;
              const lead = `<td>${esc(account.accountId)}</td>${fn.key.slice(0, -1).map((part) => `<td>${esc(part)}</td>`).join("")}<td>${fnCell}</td>`;
              if (fn.configs.length === 0) {
                rows.push(`<tr>${lead}<td colspan="7" class="muted">no async invoke config: the defaults apply</td></tr>`);
              }
              for (const c of fn.configs) {
                rows.push(
                  `<tr>${lead}<td><span class="badge">${esc(c.qualifier)}</span></td><td class="num">${c.maxRetries}</td>` +
                    `<td class="num">${c.maxEventAgeSeconds.toLocaleString("en")} s</td><td>${c.keepAsTask ? "on" : "off"}</td>` +
                    `<td class="arn">${c.onSuccess ? esc(c.onSuccess) : '<span class="muted">none</span>'}</td>` +
                    `<td class="arn">${c.onFailure ? esc(c.onFailure) : '<span class="muted">none</span>'}</td>` +
                    `<td><time datetime="${esc(c.lastModifiedTime)}">${esc(c.lastModifiedTime)}</time></td></tr>`,
                );
              }
            }
        const body = rows.length
          ? `<div class="scroll"><table><caption>${esc(api.title)}: functions and the async invoke config of each qualifier</caption>
<thead><tr><th scope="col">Account</th>${api.keyLabels.map((label) => `<th scope="col">${esc(label)}</th>`).join("")}<th scope="col">Qualifier</th>
<th scope="col">Retries</th><th scope="col">Max event age</th><th scope="col">Async task</th><th scope="col">On success</th><th scope="col">On failure</th><th scope="col">Modified</th></tr></thead>
<tbody>${rows.join("")}</tbody></table></div>`
          : `<p class="empty">No functions yet.</p>`;
        return `<section class="api" aria-labelledby="api-${esc(api.api)}"><h3 id="api-${esc(api.api)}">${esc(api.title)} <span class="badge">${esc(api.api)}</span></h3>${body}</section>`;
      })
      .join("");
  }

  // ---- tasks -------------------------------------------------------------------------------------------------
  function syncFunctionSelect(s) {
    const select = $("function-select");
    const options = functionsOf(s).map(({ api, accountId, fn, key }) => ({
      value: key,
      label: `${api.title} · ${accountId} · ${nameOf(fn)} (${fn.tasks.length} task${fn.tasks.length === 1 ? "" : "s"})`,
    }));
    const html = options.length
      ? options.map((o) => `<option value="${esc(o.value)}">${esc(o.label)}</option>`).join("")
      : '<option value="">No functions</option>';
    const wanted = select.value || sessionStorage.getItem("dashboard.function") || "";
    if (select.dataset.rendered !== html) {
      select.innerHTML = html;
      select.dataset.rendered = html;
    }
    if (options.some((o) => o.value === wanted)) select.value = wanted;
    else if (options.length) {
      // The first function that has tasks, else the first.
      const withTasks = functionsOf(s).find((f) => f.fn.tasks.length > 0);
      select.value = withTasks ? withTasks.key : options[0].value;
    }
  }

  /** The events of a task, each Running numbered as an attempt and each attempt's end named. */
  function timelineOf(task) {
    let attempt = 0;
    let open = 0;
    return task.timeline.map((event) => {
      const row = { ...event, attempt: 0, ends: 0 };
      if (event.status === "running") {
        attempt += 1;
        open = attempt;
        row.attempt = attempt;
      } else if (open) {
        row.ends = open;
        open = 0;
      }
      return row;
    });
  }

  function renderTask(task) {
    const start = task.enqueuedAt;
    const rows = timelineOf(task);
    const last = rows.length ? rows[rows.length - 1].timestamp : start;
    const span = Math.max(last - start, 1);
    const attempts = rows.filter((r) => r.attempt > 0).length;
    const marks = rows
      .map((r) => {
        const left = ((r.timestamp - start) / span) * 100;
        return `<span class="mark s-${esc(r.status)}" style="left:${left.toFixed(2)}%" title="${esc(cap(r.status))} at +${esc(seconds(r.timestamp - start))}"></span>`;
      })
      .join("");
    const items = rows
      .map((r) => {
        const what =
          r.attempt > 0
            ? `<strong>Attempt ${r.attempt}</strong> started`
            : r.ends > 0
              ? `Attempt ${r.ends} ended: <span class="status s-${esc(r.status)}">${esc(cap(r.status))}</span>`
              : `<span class="status s-${esc(r.status)}">${esc(cap(r.status))}</span>`;
        const detail = r.detail || "";
        return (
          `<li class="event" data-status="${esc(r.status)}"${r.attempt ? ` data-attempt="${r.attempt}"` : ""}>` +
          `<time datetime="${new Date(r.timestamp).toISOString()}" title="${esc(clockTime(r.timestamp))}">+${esc(seconds(r.timestamp - start))}</time> ` +
          `<span class="what">${what}</span>${detail ? ` <span class="detail">${esc(detail)}</span>` : ""}</li>`
        );
      })
      .join("");
    const when = (ms) => `<time datetime="${new Date(ms).toISOString()}">${esc(clockTime(ms))}</time>`;
    const facts = [
      ["Qualifier", esc(task.qualifier)],
      ["Attempts", String(attempts)],
      ["Enqueued", when(start)],
      ["Ended", task.endTime ? when(task.endTime) : "—"],
    ];
    if (task.nextAttemptAt) facts.push(["Next attempt", when(task.nextAttemptAt)]);
    if (task.throttles) facts.push(["Throttled", String(task.throttles)]);
    if (task.failureCause) facts.push(["Cause", esc(task.failureCause)]);
    if (task.functionError) facts.push(["Function error", esc(task.functionError)]);
    facts.push(["Destination", task.destinationStatus ? esc(cap(task.destinationStatus)) : "—"]);
    if (task.returned !== null) facts.push(["Returned", `<code>${esc(truncate(task.returned))}</code>`]);
    const id = `task-${esc(task.taskId)}`;
    return (
      `<article class="task" id="${id}" data-task-id="${esc(task.taskId)}" data-status="${esc(task.status)}" aria-labelledby="${id}-h">` +
      `<h3 id="${id}-h"><code>${esc(task.taskId)}</code> <span class="status s-${esc(task.status)}">${esc(cap(task.status))}</span>${TERMINAL.has(task.status) ? "" : ' <span class="spinner" aria-hidden="true"></span>'}</h3>` +
      `<dl class="facts">${facts.map(([k, v]) => `<div><dt>${k}</dt><dd>${v}</dd></div>`).join("")}</dl>` +
      `<div class="track" aria-hidden="true">${marks}</div>` +
      `<ol class="timeline" aria-label="Timeline of ${esc(task.taskId)}">${items}</ol>` +
      `</article>`
    );
  }

  const truncate = (text, max = 200) => (text.length > max ? `${text.slice(0, max)}…` : text);

  function renderTasks(s) {
    const key = $("function-select").value;
    const found = functionsOf(s).find((f) => f.key === key);
    if (!found) return '<p class="empty">No function selected.</p>';
    const status = $("status-select").value;
    const tasks = found.fn.tasks.filter((t) => !status || t.status === status);
    if (tasks.length === 0) {
      return `<p class="empty">No async tasks${status ? ` with status ${esc(cap(status))}` : ""} for ${esc(nameOf(found.fn))}. Tasks are recorded for qualifiers whose config turns asynchronous tasks on.</p>`;
    }
    return tasks.map(renderTask).join("");
  }

  // ---- destinations, faults, requests ------------------------------------------------------------------------
  function renderDestinations(s) {
    const rows = [];
    for (const d of s.destinations)
      for (const m of d.messages) {
        let record = {};
        try {
          record = JSON.parse(m.body);
        } catch {
          /* kept as text */
        }
        const ctx = record.requestContext || {};
        rows.push(
          `<tr><td class="arn">${esc(d.destination)}</td><td>${esc(d.accountId)}</td><td><time datetime="${new Date(m.publishedTime).toISOString()}">${esc(clockTime(m.publishedTime))}</time></td>` +
            `<td>${ctx.condition ? `<span class="status s-failed">${esc(ctx.condition)}</span>` : '<span class="status s-succeeded">success</span>'}</td>` +
            `<td class="num">${esc(ctx.approximateInvokeCount ?? "")}</td><td><code>${esc(ctx.requestId ?? m.messageId)}</code></td>` +
            `<td class="arn">${esc(ctx.functionArn ?? "")}</td></tr>`,
        );
      }
    if (!rows.length) return '<p class="empty">No destination has received a record yet. FC-function destinations are invoked; queue, topic and bus records show here.</p>';
    return `<div class="scroll"><table><caption>Records kept for MNS, EventBridge and RocketMQ destinations, oldest first</caption>
<thead><tr><th scope="col">Destination</th><th scope="col">Account</th><th scope="col">Published</th><th scope="col">Condition</th><th scope="col">Invoke count</th><th scope="col">Request id</th><th scope="col">Function</th></tr></thead>
<tbody>${rows.join("")}</tbody></table></div>`;
  }

  function renderFaults(s) {
    const { config, stats } = s.faults;
    if (!config) return '<p class="empty">No faults are injected. <code>PUT /_emulator/faults</code> sets some.</p>';
    const rates = Object.entries(config.rates || {}).map(([k, v]) => `${k}: ${v}`).join(", ") || "none";
    const rows = [
      ["Seed", config.seed],
      ["Latency", `${config.latencyMs} ms`],
      ["Rates", rates],
      ["Operations", config.operations ? config.operations.join(", ") : "all"],
      ["Limit", config.limit ?? "none"],
      ["Retry-After", config.retryAfterSeconds !== undefined ? `${config.retryAfterSeconds} s` : "not sent"],
      ["Requests matched", stats.matched],
      ["Injected", Object.entries(stats.injected).map(([k, v]) => `${k}: ${v}`).join(", ")],
    ];
    return `<table><caption>Fault configuration and what it did</caption><tbody>${rows
      .map(([k, v]) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`)
      .join("")}</tbody></table>`;
  }

  function renderRequests(s) {
    const entries = Object.entries(s.requests);
    if (!entries.length) return '<p class="empty">No API request yet.</p>';
    const total = entries.reduce((sum, [, n]) => sum + n, 0);
    return `<table><caption>Requests per operation since the last reset</caption><thead><tr><th scope="col">Operation</th><th scope="col" class="num">Requests</th></tr></thead>
<tbody>${entries.map(([op, n]) => `<tr><td>${esc(op)}</td><td class="num">${n}</td></tr>`).join("")}</tbody>
<tfoot><tr><th scope="row">Total</th><td class="num">${total}</td></tr></tfoot></table>`;
  }

  // ---- the loop ----------------------------------------------------------------------------------------------
  function announceChanges(s) {
    const now = new Map();
    for (const { fn, key } of functionsOf(s))
      for (const t of fn.tasks) now.set(`${key}|${t.taskId}`, { t, name: nameOf(fn) });
    if (previousStatuses) {
      const changes = [];
      for (const [key, { t, name }] of now) {
        const before = previousStatuses.get(key);
        if (before === undefined) changes.push(`New task ${t.taskId} on ${name}: ${cap(t.status)}.`);
        else if (before !== t.status) changes.push(`Task ${t.taskId} on ${name}: ${cap(t.status)}.`);
      }
      if (changes.length) $("announcer").textContent = changes.slice(0, 5).join(" ") + (changes.length > 5 ? ` And ${changes.length - 5} more.` : "");
    }
    previousStatuses = new Map([...now].map(([key, { t }]) => [key, t.status]));
  }

  function render() {
    const s = state;
    if (!s) return;
    $("region").textContent = `Region ${s.region}`;
    $("clock").textContent = clockTime(Date.parse(s.clock.now));
    $("clock").setAttribute("datetime", s.clock.now);
    $("clock-kind").textContent = s.clock.virtual ? "virtual" : "real";
    setHtml("inventory", renderInventory(s));
    syncFunctionSelect(s);
    setHtml("task-list", renderTasks(s));
    setHtml("destination-list", renderDestinations(s));
    setHtml("fault-view", renderFaults(s));
    setHtml("request-view", renderRequests(s));
  }

  async function poll() {
    clearTimeout(timer);
    try {
      const response = await fetch("/_emulator/ui/state", { cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      state = await response.json();
      announceChanges(state);
      render();
      $("updated").textContent = `Updated ${new Date().toLocaleTimeString("en-GB")}`;
    } catch (error) {
      $("updated").textContent = `Could not reach the emulator (${error.message}); retrying`;
    }
    if ($("live").checked) timer = setTimeout(poll, POLL_MS);
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("live").addEventListener("change", () => ($("live").checked ? poll() : clearTimeout(timer)));
    $("refresh").addEventListener("click", poll);
    $("function-select").addEventListener("change", (e) => {
      sessionStorage.setItem("dashboard.function", e.target.value);
      render();
    });
    $("status-select").addEventListener("change", render);
    $("inventory").addEventListener("click", (e) => {
      const button = e.target.closest("button[data-select]");
      if (!button) return;
      $("function-select").value = button.dataset.select;
      sessionStorage.setItem("dashboard.function", button.dataset.select);
      render();
      $("tasks").scrollIntoView({ behavior: "smooth" });
      $("function-select").focus({ preventScroll: true });
    });
    poll();
  });
})();
