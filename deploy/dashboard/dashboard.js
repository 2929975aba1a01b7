// blwatch dashboard: reads feed.json (schemaVersion 1) from beside this file and renders it.
//
// Plain JavaScript, no build step, no dependencies. Feed text comes from web pages and DNS answers,
// so every string from the feed goes into the DOM as a text node (textContent / createTextNode);
// nothing from the feed is ever parsed as HTML, and only http(s) URLs become links.
"use strict";

(() => {
  const SCHEMA_VERSION = 1;
  const MINUTE = 60 * 1000;
  const HOUR = 60 * MINUTE;
  const DAY = 24 * HOUR;
  const MAX_EVENTS = 50;

  const params = new URLSearchParams(window.location.search);
  const config = {
    // null: two scan intervals and a quarter hour, from the feed's scanIntervalMinutes (as
    // `blwatch status --nagios` judges it), else 2 h.
    staleMinutes: params.has("staleMinutes") ? numberParam("staleMinutes", 120, 1) : null,
    refreshSeconds: numberParam("refresh", 300, 0),
  };

  // blwatch's exit statuses (Sources/BLWatchCore/Support/ExitStatus.swift).
  const EXIT_STATUS = {
    0: "every verdict clean",
    1: "at least one listing",
    2: "nothing listed, some verdicts unknown",
    64: "usage error",
    65: "lists.json invalid",
    70: "internal error",
    74: "database or file I/O failure",
    75: "another scan holds the lock",
    78: "configuration invalid",
  };

  const STATE_LABEL = {
    healthy: "✓ healthy",
    unhealthy: "✕ unhealthy",
    untested: "– untested",
  };

  let current = null; // the feed on screen
  let ageTimer = null;

  // ---- small helpers ------------------------------------------------------------------------

  function numberParam(name, fallback, minimum) {
    const raw = params.get(name);
    if (raw === null || raw.trim() === "") return fallback;
    const value = Number(raw);
    return Number.isFinite(value) && value >= minimum ? value : fallback;
  }

  /** Creates an element. `props`: class, testid, data (object), attrs (object), text. */
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    const p = props || {};
    if (p.class) node.className = p.class;
    if (p.testid) node.dataset.testid = p.testid;
    for (const [key, value] of Object.entries(p.data || {})) node.dataset[key] = str(value);
    for (const [key, value] of Object.entries(p.attrs || {})) node.setAttribute(key, str(value));
    if (p.text !== undefined) node.textContent = str(p.text);
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(str(child)));
    }
    return node;
  }

  /** A feed value as display text: strings and numbers as they are, anything else empty. */
  function str(value) {
    if (typeof value === "string") return value;
    if (typeof value === "number" || typeof value === "boolean") return String(value);
    return "";
  }

  function arr(value) {
    return Array.isArray(value) ? value : [];
  }

  function obj(value) {
    return value && typeof value === "object" && !Array.isArray(value) ? value : {};
  }

  function count(n, singular, plural) {
    return `${n} ${n === 1 ? singular : plural || singular + "s"}`;
  }

  function safeURL(value) {
    if (typeof value !== "string") return null;
    try {
      const url = new URL(value);
      return url.protocol === "http:" || url.protocol === "https:" ? url : null;
    } catch {
      return null;
    }
  }

  /** A link for an http(s) URL, else the text itself (a javascript: URL stays inert text). */
  function externalLink(value, text, className) {
    const url = safeURL(value);
    if (!url) return value ? el("span", { class: "url-text", text: value }) : null;
    return el("a", {
      class: className || "",
      text: text || url.href,
      attrs: { href: url.href, rel: "noopener noreferrer", target: "_blank" },
    });
  }

  function parseTime(value) {
    if (typeof value !== "string") return null;
    const date = new Date(value);
    return Number.isNaN(date.getTime()) ? null : date;
  }

  function formatTime(date) {
    const iso = date.toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
  }

  /** A <time> element in UTC, the local time as its tooltip; "—" when absent or invalid. */
  function timeEl(value) {
    const date = parseTime(value);
    if (!date) return el("span", { class: "muted", text: value ? str(value) : "—" });
    return el("time", {
      text: formatTime(date),
      attrs: { datetime: date.toISOString(), title: date.toLocaleString() },
    });
  }

  function span(ms) {
    const minutes = Math.round(Math.abs(ms) / MINUTE);
    if (minutes < 1) return "less than a minute";
    if (minutes < 60) return `${minutes} min`;
    const hours = Math.floor(minutes / 60);
    if (hours < 48) return minutes % 60 && hours < 10 ? `${hours} h ${minutes % 60} min` : `${hours} h`;
    const days = Math.floor(hours / 24);
    return hours % 24 && days < 10 ? `${days} days ${hours % 24} h` : `${days} days`;
  }

  function badge(kind, text) {
    return el("span", { class: `badge badge-${kind}`, text });
  }

  function section(id, title, ...children) {
    const heading = el("h2", { text: title, attrs: { id: `${id}-title` } });
    return el("section", { class: "panel", attrs: { id, "aria-labelledby": `${id}-title` } }, heading, children);
  }

  function notice(kind, text, testid) {
    return el("p", { class: `notice notice-${kind}`, text, testid });
  }

  /**
   * A table in a wrapper that scrolls sideways on its own; every cell gets its column's name as
   * data-label so narrow screens can stack each row as label: value lines.
   */
  function scrollingTable(caption, headers, rows) {
    for (const row of rows) {
      [...row.children].forEach((cell, index) => {
        if (headers[index]) cell.dataset.label = headers[index];
        // One wrapper per cell, so a stacked cell is exactly two grid items: label and value.
        cell.replaceChildren(el("div", { class: "cell" }, [...cell.childNodes]));
      });
    }
    const head = el("tr", {}, headers.map((h) => el("th", { text: h, attrs: { scope: "col" } })));
    const table = el(
      "table",
      { class: "stack" },
      el("caption", { class: "visually-hidden", text: caption }),
      el("thead", {}, head),
      el("tbody", {}, rows),
    );
    return el("div", { class: "table-scroll", attrs: { tabindex: "0", role: "region", "aria-label": caption } }, table);
  }

  // ---- loading ------------------------------------------------------------------------------

  async function load() {
    let feed;
    try {
      const response = await fetch("feed.json", { cache: "no-store" });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
      const text = await response.text();
      try {
        feed = JSON.parse(text);
      } catch (error) {
        throw new Error(`it is not valid JSON (${error.message})`);
      }
      if (!feed || typeof feed !== "object" || Array.isArray(feed)) throw new Error("it is not a JSON object");
    } catch (error) {
      showError(`feed.json could not be loaded: ${error && error.message ? error.message : error}`);
      return;
    }
    try {
      render(feed);
    } catch (error) {
      showError(`feed.json could not be shown: ${error && error.message ? error.message : error}`);
    }
  }

  function showError(message) {
    const main = document.getElementById("main");
    const hint =
      window.location.protocol === "file:"
        ? "Open the dashboard through a web server: browsers do not let a page read files beside it."
        : current
          ? "Showing the feed loaded before; it will be retried."
          : "Check that blwatch scan writes feed.json into this directory and that the web server serves it.";
    const box = el(
      "div",
      { class: "notice notice-bad error-box", testid: "error", attrs: { role: "alert" } },
      el("strong", { text: message }),
      el("p", { text: hint }),
    );
    if (current) {
      main.querySelectorAll("[data-testid=error]").forEach((node) => node.remove());
      main.prepend(box);
    } else {
      main.replaceChildren(box);
      document.getElementById("feed-meta").textContent = "No feed loaded";
      document.title = "blwatch: feed unavailable";
    }
    document.body.dataset.ready = "true";
  }

  // ---- rendering ----------------------------------------------------------------------------

  function render(feed) {
    current = feed;
    const zoneNames = new Map(arr(feed.zones).map((z) => [str(obj(z).id), str(obj(z).name)]));
    const parts = [el("div", { attrs: { id: "stale-slot" } })];
    if (feed.schemaVersion !== SCHEMA_VERSION) {
      parts.push(
        notice(
          "warn",
          `This dashboard reads feed schemaVersion ${SCHEMA_VERSION}; feed.json says ` +
            `${JSON.stringify(feed.schemaVersion ?? null)}. Some parts may be missing or wrong.`,
        ),
      );
    }
    parts.push(
      renderOverview(feed),
      renderListings(feed),
      renderAudit(feed),
      renderUnknown(feed, zoneNames),
      renderTimeline(feed),
      renderZones(feed),
      renderEvents(feed, zoneNames),
    );
    document.getElementById("main").replaceChildren(...parts.filter(Boolean));
    renderMeta(feed);
    updateAge();
    if (!ageTimer) ageTimer = window.setInterval(updateAge, 30 * 1000);
    document.body.dataset.ready = "true";
  }

  function openListingCount(feed) {
    return arr(feed.targets).reduce((sum, t) => sum + arr(obj(t).listings).length, 0);
  }

  function renderMeta(feed) {
    const meta = document.getElementById("feed-meta");
    const generator = obj(feed.generator);
    meta.replaceChildren(
      "Generated ",
      timeEl(feed.generatedAt),
      generator.name ? ` by ${str(generator.name)} ${str(generator.version)}`.trimEnd() : "",
      " · ",
      el("span", { testid: "feed-age", class: "feed-age" }),
    );
  }

  /** Refreshes "updated N min ago" and the stale warning against the browser clock. */
  function updateAge() {
    if (!current) return;
    const ageNode = document.querySelector("[data-testid=feed-age]");
    const slot = document.getElementById("stale-slot");
    const generated = parseTime(current.generatedAt);
    const age = generated ? Date.now() - generated.getTime() : null;
    if (ageNode) {
      if (age === null) ageNode.textContent = "age unknown (no valid generatedAt)";
      else if (age < -MINUTE) ageNode.textContent = `dated ${span(age)} in the future (clock skew?)`;
      else ageNode.textContent = age < MINUTE ? "updated just now" : `updated ${span(age)} ago`;
    }
    const interval = Number(current.scanIntervalMinutes);
    const staleMinutes =
      config.staleMinutes ?? (Number.isFinite(interval) && interval > 0 ? 2 * interval + 15 : 120);
    const stale = age === null || age > staleMinutes * MINUTE;
    if (!slot) return;
    if (!stale) {
      slot.replaceChildren();
      return;
    }
    const limit = staleMinutes % 60 === 0 ? `${staleMinutes / 60} h` : `${staleMinutes} min`;
    const what = age === null ? "feed.json has no valid generatedAt time" : `feed.json is ${span(age)} old`;
    slot.replaceChildren(
      el(
        "div",
        { class: "notice notice-bad stale", testid: "stale-warning", attrs: { role: "alert" } },
        el("strong", { text: "⚠ STALE: " }),
        `${what} (limit ${limit}). The listings below may be out of date: check that the blwatch scan ` +
          "timer or cron job still runs and can write the feed.",
      ),
    );
  }

  function renderOverview(feed) {
    const summary = obj(feed.summary);
    const scan = feed.lastScan ? obj(feed.lastScan) : null;
    const listings = openListingCount(feed);
    const unknown = arr(feed.targets).reduce((sum, t) => sum + arr(obj(t).unknown).length, 0);
    const targetsListed = arr(feed.targets).filter((t) => arr(obj(t).listings).length > 0).length;
    const unhealthy = arr(feed.zones).filter((z) => obj(z).state === "unhealthy").length;

    let verdict;
    let title;
    if (!scan) {
      verdict = notice("none", "No scan yet: blwatch has not checked any target.", "no-scan");
      title = "no scan";
    } else if (listings > 0) {
      const text = `✕ Listed: ${count(listings, "open listing")} on ${count(targetsListed, "target")}`;
      verdict = notice("bad", text);
      title = `✕ ${listings} listed`;
    } else if (unknown > 0) {
      verdict = notice("warn", `? Nothing listed, but ${count(unknown, "verdict")} unknown`);
      title = "? unknown";
    } else {
      verdict = notice("good", "✓ Clean: no open listings");
      title = "✓ clean";
    }
    document.title = `${title} · blwatch`;

    // Before the first scan a zero proves nothing, so no card is green.
    const tone = (value, kind) => (!scan ? "none" : value ? kind : "good");
    const card = (label, value, kind, testid) =>
      el(
        "div",
        { class: `card card-${kind}` },
        el("span", { class: "card-value", text: value, testid }),
        el("span", { class: "card-label", text: label }),
      );
    const monitored = summary.monitoredTargets;
    const pending = typeof summary.pendingAlerts === "number" ? summary.pendingAlerts : 0;
    const cards = el(
      "div",
      { class: "cards" },
      card("open listings", String(listings), `${tone(listings, "bad")} card-main`, "listing-count"),
      card(
        typeof monitored === "number" ? `targets listed of ${monitored} watched` : "targets listed",
        String(targetsListed),
        tone(targetsListed, "bad"),
      ),
      card("unknown verdicts", String(unknown), tone(unknown, "warn")),
      card("unhealthy zones", String(unhealthy), tone(unhealthy, "warn")),
      card("pending alerts", String(pending), tone(pending, "warn")),
    );
    return section("overview", "Status", verdict, cards, renderScan(scan, feed.resolver));
  }

  /** The last scan and the resolver as label/value pairs that wrap into columns on wide screens. */
  function renderScan(scan, resolver) {
    const pair = (label, ...value) => el("div", {}, el("dt", { text: label }), el("dd", {}, value));
    if (!scan) {
      const servers = arr(obj(resolver).servers).map(str).join(", ");
      return el(
        "div",
        { class: "scan" },
        el("h3", { text: "Last scan" }),
        el(
          "dl",
          { class: "pairs" },
          pair("Scan", "none recorded yet"),
          pair(
            "Resolver",
            servers ? el("code", { text: servers }) : "system default",
            " ",
            badge("none", "– not checked yet"),
          ),
        ),
      );
    }
    const exit = typeof scan.exitStatus === "number" ? scan.exitStatus : null;
    const exitText = exit === null ? "—" : `${exit} (${EXIT_STATUS[exit] || "unknown status"})`;
    const duration = typeof scan.durationSeconds === "number" ? `${scan.durationSeconds.toFixed(2)} s` : "—";
    const checked =
      `${count(scan.targets ?? 0, "target")} × ${count(scan.zones ?? 0, "zone")}, ` +
      count(scan.queries ?? 0, "query", "queries");
    const tally = (kind, value, label) =>
      el("span", { class: `tally tally-${kind}`, text: `${str(value) || 0} ${label}` });
    return el(
      "div",
      { class: "scan" },
      el("h3", { text: `Last scan${scan.runId !== undefined ? ` #${str(scan.runId)}` : ""}` }),
      el(
        "dl",
        { class: "pairs" },
        pair("Started", timeEl(scan.startedAt), ` (${duration})`),
        pair("Checked", checked),
        pair(
          "Verdicts",
          tally("bad", scan.listed, "listed"),
          ", ",
          tally("good", scan.clean, "clean"),
          ", ",
          tally("warn", scan.unknown, "unknown"),
        ),
        pair("Exit status", exitText),
        renderResolver(resolver, pair),
      ),
    );
  }

  function renderResolver(resolver, pair) {
    if (!resolver) return null;
    const r = obj(resolver);
    const servers = arr(r.servers).map(str).join(", ") || "system default";
    let state = badge("none", "– not checked");
    if (r.fit === false) state = badge("bad", "✕ unfit");
    else if (r.fit === true) state = badge("good", "✓ fit");
    return pair(
      "Resolver",
      el("code", { text: servers }),
      " ",
      state,
      r.problem ? el("span", { class: "problem", text: ` ${str(r.problem)}` }) : null,
    );
  }

  // ---- listings -----------------------------------------------------------------------------

  function renderListings(feed) {
    const targets = arr(feed.targets)
      .map(obj)
      .filter((t) => arr(t.listings).length > 0);
    let body;
    if (!feed.lastScan && targets.length === 0) body = notice("none", "No scan yet, so no listings to show.");
    else if (targets.length === 0) body = notice("good", "✓ No open listings", "no-listings");
    else body = targets.map(renderTarget);
    return section("listings", "Current listings", body);
  }

  function renderTarget(target) {
    const listings = arr(target.listings).map(obj);
    return el(
      "section",
      { class: "target", data: { target: target.target } },
      el(
        "h3",
        { class: "target-name" },
        el("code", { text: target.target }),
        " ",
        badge("bad", `✕ listed on ${count(listings.length, "zone")}`),
      ),
      el(
        "div",
        { class: "listing-grid" },
        listings.map((listing) => renderListing(target, listing)),
      ),
    );
  }

  function renderListing(target, listing) {
    const row = (label, ...value) => [el("dt", { text: label }), el("dd", {}, value)];
    const generated = parseTime(current.generatedAt);
    const ago = (value, suffix) => {
      const date = parseTime(value);
      if (!date || !generated || generated - date < MINUTE) return null;
      return el("span", { class: "muted", text: ` (${span(generated - date)}${suffix})` });
    };
    const codes = el(
      "ul",
      { class: "codes" },
      arr(listing.codes).map((value) => {
        const code = obj(value);
        return el(
          "li",
          {},
          el("code", { text: code.code }),
          code.list ? [" ", el("span", { class: "tag", text: code.list })] : null,
          code.meaning ? ` ${str(code.meaning)}` : "",
        );
      }),
    );
    const delist = listing.delistURL
      ? renderDelist(listing.delistURL)
      : el("span", { class: "muted", text: "no delisting page known" });
    return el(
      "article",
      { class: "listing", testid: "listing", data: { target: target.target, zone: listing.zone } },
      el(
        "header",
        { class: "listing-head" },
        el("h4", { text: listing.zoneName || listing.zone }),
        badge("bad", "✕ listed"),
      ),
      el(
        "dl",
        { class: "facts" },
        row("Codes", codes),
        row("Since", timeEl(listing.since), ago(listing.since, "")),
        row("Last seen", timeEl(listing.lastSeen), ago(listing.lastSeen, " before the feed")),
        row("Reason", renderReason(listing.reason)),
        listing.txt ? row("TXT", el("code", { class: "txt", text: listing.txt })) : null,
        row("Delist", delist),
      ),
    );
  }

  function renderDelist(value) {
    const url = safeURL(value);
    if (url) return externalLink(value, `Request delisting at ${url.host} ↗`, "delist");
    return [
      el("span", { class: "url-text", text: value }),
      el("span", { class: "muted", text: " (not an http(s) link)" }),
    ];
  }

  /** The reason: its summary (or first sentence), HELO values, detection times, threats, source. */
  function renderReason(value) {
    if (!value) return el("span", { class: "muted", text: "not captured" });
    const reason = obj(value);
    const url = safeURL(reason.url);
    const source = reason.url
      ? el(
          "p",
          { class: "reason-source muted" },
          `from ${str(reason.source) || "page"} `,
          externalLink(reason.url, url ? url.host : null),
          reason.fetchedAt ? [", fetched ", timeEl(reason.fetchedAt)] : null,
        )
      : null;
    if (reason.unavailable) {
      const text = `reason unavailable: ${str(reason.unavailable)}`;
      return el("div", { class: "reason" }, el("p", { class: "reason-unavailable", text }), source);
    }
    const reasons = arr(reason.reasons).map(str).filter(Boolean);
    const headline = str(reason.summary) || reasons[0] || "the page gave no reason text";
    // An empty HELO must stay visible: blwatch writes it as "(empty)", and "" is shown the same way.
    const chips = (values, className) =>
      el(
        "span",
        { class: "chips" },
        values.map((v) => el("code", { class: className, text: str(v) === "" ? "(empty)" : str(v) })),
      );
    const line = (label, ...content) =>
      el("p", { class: "reason-line" }, el("span", { class: "label", text: `${label} ` }), content);
    const helo = arr(reason.heloValues);
    const detected = arr(reason.detectedAt).map(str).filter(Boolean);
    const threats = arr(reason.threats).map(str).filter(Boolean);
    const more = reasons.length > 1 || (reasons.length === 1 && reasons[0] !== headline);
    return el(
      "div",
      { class: "reason" },
      el("p", { class: "reason-summary", text: headline }),
      helo.length ? line("HELO", chips(helo, "helo")) : null,
      detected.length ? line("Detected", detected.join(", ")) : null,
      threats.length ? line("Threats", chips(threats, "threat")) : null,
      more
        ? el(
            "details",
            { class: "reasons" },
            el("summary", { text: `Full reason text (${count(reasons.length, "sentence")})` }),
            el(
              "ul",
              {},
              reasons.map((r) => el("li", { text: r })),
            ),
          )
        : null,
      source,
    );
  }

  // ---- unknown verdicts, zones, events, audit -----------------------------------------------

  function renderUnknown(feed, zoneNames) {
    const rows = [];
    for (const target of arr(feed.targets).map(obj)) {
      for (const unknown of arr(target.unknown).map(obj)) {
        rows.push(
          el(
            "tr",
            { testid: "unknown", data: { target: target.target, zone: unknown.zone } },
            el("th", { attrs: { scope: "row" } }, el("code", { text: target.target })),
            el("td", { text: zoneNames.get(str(unknown.zone)) || unknown.zone }),
            el(
              "td",
              {},
              badge("warn", "? unknown"),
              " ",
              el("strong", { text: unknown.cause }),
              unknown.detail ? `: ${str(unknown.detail)}` : "",
            ),
            el("td", {}, timeEl(unknown.since)),
          ),
        );
      }
    }
    if (rows.length === 0) return null;
    const explain =
      "These lookups gave no usable answer, so each target is neither known listed nor known clean on that zone.";
    return section(
      "unknown",
      "Unknown verdicts",
      el("p", { class: "explain", text: explain }),
      scrollingTable("Unknown verdicts", ["Target", "Zone", "Cause", "Since"], rows),
    );
  }

  function renderZones(feed) {
    const order = { unhealthy: 0, untested: 1, healthy: 2 };
    const rank = (zone) => order[zone.state] ?? 1;
    const zones = arr(feed.zones)
      .map(obj)
      .sort((a, b) => rank(a) - rank(b) || str(a.name).localeCompare(str(b.name)));
    if (zones.length === 0) {
      return section("zones", "Zone health", el("p", { class: "muted", text: "No zones in the feed." }));
    }
    const tally = ["unhealthy", "untested", "healthy"]
      .map((state) => `${zones.filter((z) => z.state === state).length} ${state}`)
      .join(", ");
    const rows = zones.map((zone) => {
      const kinds = arr(zone.kinds).map(obj);
      const problems = kinds.filter((k) => k.problem || k.detail);
      const kindList = el(
        "ul",
        { class: "kinds" },
        kinds.map((k) => el("li", {}, el("span", { class: "kind", text: k.kind }), " ", stateBadge(k.state))),
      );
      const problemList = problems.length
        ? el(
            "ul",
            { class: "problems" },
            problems.map((k) =>
              el(
                "li",
                {},
                el("strong", { text: `${str(k.kind)}: ${str(k.problem)}` }),
                k.detail ? ` ${str(k.detail)}` : "",
              ),
            ),
          )
        : el("span", { class: "muted", text: "—" });
      return el(
        "tr",
        { testid: "zone-row", data: { state: zone.state, zone: zone.id } },
        el("th", { attrs: { scope: "row" } }, zone.name || zone.id, el("span", { class: "zone-id", text: zone.id })),
        el("td", {}, stateBadge(zone.state)),
        el("td", {}, kindList),
        el("td", {}, problemList),
      );
    });
    return section(
      "zones",
      "Zone health",
      el("p", { class: "explain", text: `${count(zones.length, "zone")}: ${tally}.` }),
      scrollingTable("Zone health", ["Zone", "State", "Kinds", "Problem"], rows),
    );
  }

  function stateBadge(state) {
    const kind = state === "healthy" ? "good" : state === "unhealthy" ? "bad" : "none";
    return badge(kind, STATE_LABEL[state] || str(state) || "unknown");
  }

  function renderEvents(feed, zoneNames) {
    const time = (event) => parseTime(event.at)?.getTime() ?? 0;
    const events = arr(feed.events)
      .map(obj)
      .sort((a, b) => time(b) - time(a));
    if (events.length === 0) {
      return section("events", "Recent events", el("p", { class: "muted", text: "No events recorded yet." }));
    }
    const items = events.slice(0, MAX_EVENTS).map((event) => {
      const kind = str(event.kind);
      let label = badge("none", kind || "event");
      if (kind === "listed") label = badge("bad", "✕ listed");
      else if (kind === "delisted") label = badge("good", "✓ delisted");
      const zone = event.zone ? ` on ${zoneNames.get(str(event.zone)) || str(event.zone)}` : "";
      return el(
        "li",
        { testid: "event", data: { kind } },
        el("span", { class: "event-time" }, timeEl(event.at)),
        el("span", { class: "event-what" }, label, " ", el("code", { text: event.target }), zone),
      );
    });
    const more =
      events.length > MAX_EVENTS
        ? el("p", { class: "muted", text: `${events.length - MAX_EVENTS} older events not shown.` })
        : null;
    return section(
      "events",
      "Recent events",
      el("p", { class: "explain", text: "Newest first." }),
      el("ol", { class: "events" }, items),
      more,
    );
  }

  /** `audit.diagnosis.summary` and `audit.findings[]`; fields this page does not know are ignored. */
  function renderAudit(feed) {
    if (feed.audit === null || feed.audit === undefined) return null;
    if (typeof feed.audit === "string") {
      return section("audit", "Diagnosis", el("p", { class: "diagnosis", text: feed.audit }));
    }
    const audit = obj(feed.audit);
    const diagnosis = obj(audit.diagnosis);
    const findings = arr(audit.findings).map(obj);
    const tones = { critical: "bad", error: "bad", high: "bad", warning: "warn", medium: "warn" };
    const finding = (f) =>
      el(
        "li",
        { class: "finding", testid: "finding", data: { severity: f.severity } },
        el("h3", {}, badge(tones[str(f.severity)] || "none", str(f.severity) || "note"), " ", str(f.title)),
        evidence(f.evidence),
        f.fix ? el("p", { class: "fix" }, el("strong", { text: "Fix: " }), str(f.fix)) : null,
      );
    return section(
      "audit",
      "Diagnosis",
      diagnosis.summary ? el("p", { class: "diagnosis", text: diagnosis.summary }) : null,
      findings.length === 0
        ? el("p", { class: "muted", text: "No audit findings." })
        : el("ul", { class: "findings" }, findings.map(finding)),
    );
  }

  function evidence(value) {
    if (value === null || value === undefined || value === "") return null;
    const text = (v) => (typeof v === "string" ? v : JSON.stringify(v));
    if (Array.isArray(value)) {
      return el(
        "ul",
        { class: "evidence" },
        value.map((v) => el("li", { text: text(v) })),
      );
    }
    return el("p", { class: "evidence", text: text(value) });
  }

  // ---- timeline -----------------------------------------------------------------------------

  /** One track per target and zone; each episode a bar placed by percentages of the history window. */
  function renderTimeline(feed) {
    const days = typeof feed.historyDays === "number" && feed.historyDays > 0 ? feed.historyDays : 30;
    const endMs = (parseTime(feed.generatedAt) || new Date()).getTime();
    const startMs = endMs - days * DAY;
    const title = `Listing history, last ${count(days, "day")}`;
    // Episodes that ended before the window (the feed should not hold any) would be slivers at its edge.
    const endedBefore = (e) => e.open !== true && parseTime(e.end) && parseTime(e.end).getTime() < startMs;
    const episodes = arr(feed.episodes)
      .map(obj)
      .filter((e) => parseTime(e.start) && !endedBefore(e));
    if (episodes.length === 0) {
      return section("timeline", title, el("p", { class: "muted", text: "No listing episodes in this window." }));
    }
    const groups = new Map();
    for (const episode of episodes) {
      const target = str(episode.target);
      if (!groups.has(target)) groups.set(target, new Map());
      const zones = groups.get(target);
      const zone = str(episode.zone);
      if (!zones.has(zone)) zones.set(zone, { name: str(episode.zoneName) || zone, episodes: [] });
      zones.get(zone).episodes.push(episode);
    }
    const range = { startMs, endMs, days };
    const legend = el(
      "p",
      { class: "tl-legend" },
      el("span", { class: "tl-key tl-key-open", attrs: { "aria-hidden": "true" } }),
      " open (still listed, runs to now)  ",
      el("span", { class: "tl-key tl-key-closed", attrs: { "aria-hidden": "true" } }),
      " closed (delisted)",
    );
    const blocks = [...groups].map(([target, zones]) =>
      el(
        "div",
        { class: "tl-target" },
        el("h3", {}, el("code", { text: target })),
        axis(range),
        [...zones.values()].map((zone) => timelineRow(zone, range)),
      ),
    );
    return section("timeline", title, legend, blocks, episodeTable(episodes));
  }

  function axis({ startMs, endMs }) {
    const day = (ms) => new Date(ms).toISOString().slice(5, 10);
    return el(
      "div",
      { class: "tl-row tl-axis-row", attrs: { "aria-hidden": "true" } },
      el("span", { class: "tl-label" }),
      el(
        "div",
        { class: "tl-axis" },
        el("span", { text: day(startMs) }),
        el("span", { text: day((startMs + endMs) / 2) }),
        el("span", { text: "now" }),
      ),
    );
  }

  function timelineRow(zone, { startMs, endMs, days }) {
    const pct = (ms) => ((Math.min(Math.max(ms, startMs), endMs) - startMs) / (endMs - startMs)) * 100;
    const track = el("div", { class: "tl-track" });
    track.style.setProperty("--week", `${(7 / days) * 100}%`);
    for (const episode of zone.episodes) {
      const start = parseTime(episode.start).getTime();
      const end = parseTime(episode.end);
      const open = episode.open === true || !end;
      const endValue = open ? endMs : end.getTime();
      let left = pct(start);
      const width = Math.max(pct(endValue) - left, 0.8);
      left = Math.min(left, 100 - width);
      const label =
        `${zone.name} ${str(episode.codes)}: listed from ${formatTime(new Date(start))} ` +
        (open ? "until now (open)" : `to ${formatTime(end)}`) +
        ` (${span(endValue - start)})` +
        (start < startMs ? ", began before this window" : "");
      const bar = el(
        "div",
        {
          class: `tl-bar ${open ? "tl-open" : "tl-closed"}${start < startMs ? " tl-clipped" : ""}`,
          testid: "episode",
          data: { target: episode.target, zone: episode.zone, open: String(open) },
          attrs: { title: label },
        },
        el("span", { class: "visually-hidden", text: label }),
      );
      bar.style.left = `${left}%`;
      bar.style.width = `${width}%`;
      track.append(bar);
    }
    const label = el("span", { class: "tl-label", text: zone.name, attrs: { title: zone.name } });
    return el("div", { class: "tl-row" }, label, track);
  }

  function episodeTable(episodes) {
    const rows = episodes.map((e) =>
      el(
        "tr",
        {},
        el("td", {}, el("code", { text: e.target })),
        el("td", { text: e.zoneName || e.zone }),
        el("td", {}, el("code", { text: e.codes })),
        el("td", {}, timeEl(e.start)),
        el("td", {}, e.open === true || !e.end ? badge("bad", "✕ open") : timeEl(e.end)),
      ),
    );
    return el(
      "details",
      { class: "tl-table" },
      el("summary", { text: `The ${count(episodes.length, "episode")} as a table` }),
      scrollingTable("Listing episodes", ["Target", "Zone", "Codes", "Start", "End"], rows),
    );
  }

  function start() {
    load();
    if (config.refreshSeconds > 0) window.setInterval(load, config.refreshSeconds * 1000);
  }

  document.addEventListener("DOMContentLoaded", start);
})();
