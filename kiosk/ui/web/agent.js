/* The kiosk's page agent: finds a step's target, points at it, and tells the guide what the
 * person did. Injected by QtWebEngine into every frame in an isolated world (the page's own
 * scripts cannot see it), talking to Python over QWebChannel. Privacy: a typed value never
 * leaves this script; only "matches the pattern: yes/no" does. Styles go through el.style
 * (allowed under a strict Content-Security-Policy, unlike style attributes or <style>). */
(function () {
  "use strict";
  // Injected again (a new guide on the same document): the agent there joins the new channel.
  if (window.__kioskGuideAgent) { window.__kioskGuideAgent.reconnect(); return; }

  var TOP = window === window.top;
  var DOC = Math.random().toString(36).slice(2) + "-" + Date.now().toString(36);
  var COLOR = "#6A1B9A";   // purple: not an error colour, 7:1 on white
  var HALO = "#FFD54F";    // amber halo, so the ring stands out on dark pages too
  var bridge = null;
  var cur = null;          // the tracked step: command plus what was found
  var ring = null;         // {el, saved} the element wearing our outline
  var arrow = null;        // the pointing arrow (a fixed-position div)
  var pending = 0;

  function send(msg) {
    if (!bridge) { return; }
    msg.doc = DOC;
    msg.top = TOP;
    bridge.report(JSON.stringify(msg));
  }

  // Roles, names, text matching and locators: the one resolver (resolver.js), shared with the
  // health check and the recorder.
  var R = window.__kioskResolver;
  function resolve(locators) { return R.resolve(locators, document); }

  // ---- the highlight ------------------------------------------------------------------
  function unring() {
    if (!ring) { return; }
    var s = ring.el.style;
    ["outline", "outline-offset", "box-shadow"].forEach(function (p) {
      s.setProperty(p, ring.saved[p].value, ring.saved[p].priority);
    });
    ring = null;
  }
  function putRing(el) {
    if (ring && ring.el === el) { return; }
    unring();
    var saved = {};
    ["outline", "outline-offset", "box-shadow"].forEach(function (p) {
      saved[p] = { value: el.style.getPropertyValue(p), priority: el.style.getPropertyPriority(p) };
    });
    ring = { el: el, saved: saved };
    el.style.setProperty("outline", "5px solid " + COLOR, "important");
    el.style.setProperty("outline-offset", "3px", "important");
    el.style.setProperty("box-shadow", "0 0 0 12px " + HALO, "important");
  }
  // Where `el` is in the top window's viewport (an element in a same-origin iframe: its box
  // moved by the frames' own).
  function rectOf(el) {
    var r = el.getBoundingClientRect(), x = r.left, y = r.top;
    var win = el.ownerDocument.defaultView;
    while (win && win !== window && win.frameElement) {
      var frame = win.frameElement, fr = frame.getBoundingClientRect();
      x += fr.left + frame.clientLeft;
      y += fr.top + frame.clientTop;
      win = frame.ownerDocument.defaultView;
    }
    return { left: x, top: y, right: x + r.width, bottom: y + r.height, width: r.width, height: r.height };
  }
  function makeArrow() {
    var box = document.createElement("div");
    box.setAttribute("aria-hidden", "true");
    box.dataset.kioskGuide = "arrow";
    var s = box.style;
    s.setProperty("position", "fixed", "important");
    s.setProperty("z-index", "2147483647", "important");
    s.setProperty("pointer-events", "none", "important");
    s.setProperty("width", "72px", "important");
    s.setProperty("height", "56px", "important");
    s.setProperty("margin", "0", "important");
    var ns = "http://www.w3.org/2000/svg";
    var svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 72 56");
    svg.setAttribute("width", "72");
    svg.setAttribute("height", "56");
    var path = document.createElementNS(ns, "path");
    // An arrow pointing right; turned for the other sides.
    path.setAttribute("d", "M4 18 H38 V4 L68 28 L38 52 V38 H4 Z");
    path.setAttribute("fill", COLOR);
    path.setAttribute("stroke", "#FFFFFF");
    path.setAttribute("stroke-width", "4");
    path.setAttribute("stroke-linejoin", "round");
    svg.appendChild(path);
    box.appendChild(svg);
    return box;
  }
  function placeArrow() {
    if (!ring || !cur || !cur.highlight) { return; }
    if (!arrow || !arrow.isConnected) {
      arrow = arrow || makeArrow();
      document.body.appendChild(arrow);
    }
    if (arrow.dataset.token !== String(cur.token)) { arrow.dataset.token = String(cur.token); }
    var r = rectOf(ring.el), w = 72, h = 56, gap = 18;
    var rtl = (ring.el.ownerDocument.defaultView || window).getComputedStyle(ring.el).direction === "rtl" ||
      document.documentElement.dir === "rtl";
    var midY = r.top + r.height / 2 - h / 2;
    // Above or below: near where reading starts on a wide element, centred on a small one.
    var midX = r.width < 3 * w ? r.left + r.width / 2 - w / 2 : (rtl ? r.right - w - 24 : r.left + 24);
    midX = Math.max(4, Math.min(midX, window.innerWidth - w - 4));
    var start = rtl ? [r.right + gap, midY, 180] : [r.left - gap - w, midY, 0];
    var end = rtl ? [r.left - gap - w, midY, 0] : [r.right + gap, midY, 180];
    // The arrow comes from where reading starts (the left in English, the right in Persian),
    // unless that covers words the person must read: then from the quietest other side.
    var places = [start, [midX, r.top - gap - h, 90], end, [midX, r.bottom + gap, -90]];
    if (r.width >= 3 * w) {  // a wide element: try further along its top and bottom edges
      [0.5, 0.8].forEach(function (f) {
        var along = rtl ? r.right - f * r.width - w / 2 : r.left + f * r.width - w / 2;
        places.push([along, r.top - gap - h, 90], [along, r.bottom + gap, -90]);
      });
    }
    var best = places[0], least = Infinity;
    places.forEach(function (p) {
      var cost = busy(p[0], p[1], w, h);
      if (cost < least) { least = cost; best = p; }
    });
    var x = best[0], y = best[1], turn = best[2];
    var s = arrow.style;
    var left = Math.round(x) + "px", top = Math.round(y) + "px";
    var transform = "rotate(" + turn + "deg)";
    if (s.getPropertyValue("left") !== left) { s.setProperty("left", left, "important"); }
    if (s.getPropertyValue("top") !== top) { s.setProperty("top", top, "important"); }
    if (s.getPropertyValue("transform") !== transform) {
      s.setProperty("transform", transform, "important");
    }
  }
  // Whether (x, y) is on a control or on the words of `el` (not just inside a wide block).
  function overWords(el, x, y) {
    if (/^(INPUT|SELECT|TEXTAREA|BUTTON|IMG|SVG)$/i.test(el.tagName)) { return true; }
    var range = el.ownerDocument.createRange();
    for (var n = el.firstChild; n; n = n.nextSibling) {
      if (n.nodeType !== 3 || !n.textContent.trim()) { continue; }
      range.selectNodeContents(n);
      var rects = range.getClientRects();
      for (var i = 0; i < rects.length; i += 1) {
        var q = rects[i];
        if (x >= q.left && x <= q.right && y >= q.top && y <= q.bottom) { return true; }
      }
    }
    return false;
  }
  // How much would an arrow at (x, y) hide: off-screen, the target itself, or words.
  function busy(x, y, w, h) {
    if (x < 0 || y < 0 || x + w > window.innerWidth || y + h > window.innerHeight) { return 100; }
    var cost = 0, points = [[0.5, 0.5], [0.1, 0.15], [0.9, 0.15], [0.1, 0.85], [0.9, 0.85]];
    points.forEach(function (p) {
      var px = x + p[0] * w, py = y + p[1] * h, el = document.elementFromPoint(px, py);
      if (el && el.tagName === "IFRAME" && ring && ring.el.ownerDocument !== document) {
        // Over the frame the target is in: what is under the point inside it, in its terms.
        var fr = el.getBoundingClientRect(), doc = null;
        try { doc = el.contentDocument; } catch (e) { doc = null; }
        if (doc === ring.el.ownerDocument) {
          px -= fr.left + el.clientLeft;
          py -= fr.top + el.clientTop;
          el = doc.elementFromPoint(px, py);
        }
      }
      if (!el) { return; }
      if (ring && (el === ring.el || ring.el.contains(el))) { cost += 20; }
      else if (overWords(el, px, py)) { cost += 1; }
    });
    return cost;
  }
  function clearHighlight() {
    unring();
    if (arrow && arrow.isConnected) { arrow.remove(); }
  }

  // ---- tracking a step ----------------------------------------------------------------
  function fits(el, regex) {
    if (!el || !regex) { return false; }
    if (el.type === "checkbox" || el.type === "radio") { return el.checked && regex.test(R.latin(el.value)); }
    return regex.test(R.latin(el.value || "").trim());
  }
  // Several fields as one step (all_filled): each field found inside the step's target.
  function fieldsOf() {
    return (cur.fields || []).map(function (f) {
      var hit = R.resolve(f.target, cur.el);
      if (hit) { watchShadow(hit.el); }
      return { el: hit ? hit.el : null, regex: f.regex };
    });
  }
  function valueMatches() {
    if (!cur || !cur.el) { return false; }
    var el = cur.el;
    if (cur.done && cur.done.kind === "chosen") { return R.answered(el, cur.done.option); }
    if (cur.done && cur.done.kind === "all_filled") {
      var fields = fieldsOf();
      return fields.length > 0 && fields.every(function (f) { return fits(f.el, f.regex); });
    }
    return fits(el, cur.regex);
  }
  function chosen(el) {
    return (el.type === "radio" || el.type === "checkbox") && el.checked;
  }
  function evaluate() {
    pending = 0;
    if (!cur) { return; }
    checkRoute();
    if (cur.target.length) {
      var hit = resolve(cur.target);
      if (hit && (hit.el !== cur.el || (cur.highlight && (!ring || ring.el !== hit.show)))) {
        var first = cur.el === undefined || cur.el === null;
        if (hit.el !== cur.el) {
          send({ type: "found", token: cur.token, index: hit.index, count: hit.count });
        }
        cur.el = hit.el;
        watchShadow(hit.el);
        if (cur.highlight) {
          putRing(hit.show);  // a visually hidden input: its visible label or custom control
          if (!cur.scrolled) {
            cur.scrolled = true;
            hit.show.scrollIntoView({ block: "center", inline: "nearest" });
          }
        }
        if (first) { initialState(); }
      } else if (!hit && cur.el !== null) {
        cur.el = null;
        clearHighlight();
        send({ type: "missing", token: cur.token });
      }
      if (!hit) { lookAgain(); }
    }
    var kind = cur.done && cur.done.kind;
    if (kind === "appears" || kind === "disappears") {
      var present = !!resolve(cur.done.watch);
      if (present !== cur.present) {
        cur.present = present;
        send({ type: "watch", token: cur.token, present: present });
      }
    }
    placeArrow();
    checkErrors();
  }
  // ---- errors the page shows ---------------------------------------------------------------
  // An error summary, role=alert, a field's error message: their words are read aloud (page
  // text: never cached or kept), and the guide is told which of this page's steps holds the
  // first field in error. Each error is told once per document (again only after it went).
  var ERRORS = "[role=alert],.usa-alert--error,.usa-error-message,.govuk-error-summary," +
    ".govuk-error-message,.validation-summary-errors,.field-validation-error,.alert-danger," +
    ".invalid-feedback,.error-summary,.error-message,.errorlist,.field-error";
  var NOT_ERROR = /(^|[\s_-])(success|info|status|notice)([\s_-]|$)/;
  var lastError = "", lastSeen = "";
  function words(el) { return (el.innerText || el.textContent || "").replace(/\s+/g, " ").trim(); }
  function pageErrors() {
    var found = [];
    function add(el) {
      if (!el || found.indexOf(el) >= 0 || !R.visible(el)) { return; }
      for (var up = el; up && up !== document.body; up = up.parentElement) {
        if (NOT_ERROR.test(String(up.className || ""))) { return; }
      }
      found.push(el);
    }
    var invalid = Array.prototype.slice.call(
      document.querySelectorAll("input,select,textarea,[role=textbox],[role=combobox],[role=radiogroup],fieldset")
    ).filter(function (el) { return R.invalid(el) && R.shown(el); });
    Array.prototype.slice.call(document.querySelectorAll(ERRORS)).forEach(add);
    invalid.forEach(function (el) {
      var ids = ((el.getAttribute("aria-errormessage") || "") + " " +
        (el.getAttribute("aria-describedby") || "")).split(/\s+/);
      ids.forEach(function (id) {
        var ref = id && document.getElementById(id);
        if (ref && (id === el.getAttribute("aria-errormessage") ||
                    /error|invalid/.test(String(ref.className || "")))) { add(ref); }
      });
    });
    // The outermost of nested ones; words already said by another left out.
    found = found.filter(function (el) {
      return !found.some(function (o) { return o !== el && o.contains(el); });
    });
    var texts = [];
    found.forEach(function (el) {
      var t = words(el);
      if (!t) { return; }
      var n = R.norm(t);
      if (texts.some(function (x) { return R.norm(x).indexOf(n) >= 0; })) { return; }
      texts = texts.filter(function (x) { return n.indexOf(R.norm(x)) < 0; });
      texts.push(t);
    });
    return { text: texts.join(" ").slice(0, 600), invalid: invalid };
  }
  function checkErrors() {
    if (!TOP || !cur) { return; }
    var errors = pageErrors();
    if (!errors.text && !errors.invalid.length) { lastError = lastSeen = ""; return; }
    if (!errors.text) { return; }  // marked wrong without words: the step asks again itself
    var seen = errors.text + "|" + errors.invalid.length + "|" + cur.steps.length;
    if (seen === lastSeen) { return; }  // nothing new (looked at on every change of the page)
    lastSeen = seen;
    var step = "";
    var steps = cur.steps;
    for (var i = 0; i < errors.invalid.length && !step; i += 1) {
      for (var j = 0; j < steps.length; j += 1) {
        var hit = R.resolve(steps[j].target, document);
        if (hit && (hit.el === errors.invalid[i] || hit.el.contains(errors.invalid[i]))) {
          step = steps[j].id; break;
        }
      }
    }
    var key = errors.text + "|" + step;
    if (key === lastError) { return; }
    lastError = key;
    send({ type: "page_error", text: errors.text, step: step });
  }

  function initialState() {
    var kind = cur.done && cur.done.kind;
    // A value the server sent back as wrong (aria-invalid, an error class) is asked for again.
    if (R.invalid(cur.el)) { return; }
    if (kind === "all_filled" && fieldsOf().some(function (f) { return R.invalid(f.el); })) { return; }
    if (kind === "chosen") { cur.choice = R.options(cur.el).map(R.checked).join(); }
    if ((kind === "matches" || kind === "filled" || kind === "chosen" || kind === "all_filled") &&
        valueMatches()) {
      cur.matched = true;
      send({ type: "value", token: cur.token, matches: true, initial: true });
    } else if (kind === "clicked" && chosen(cur.el)) {
      send({ type: "dom", token: cur.token, kind: "click", initial: true });
    }
  }
  // A single-page app changes its route without a new document (pushState, hash): tell the
  // guide as a page of its own. An in-page anchor (#section) changes only the fragment: the
  // guide hears it too, and a page pattern without "#" ignores it.
  var routeUrl = location.href, routes = 0;
  function checkRoute() {
    if (!TOP || location.href === routeUrl) { return; }
    routeUrl = location.href;
    routes += 1;
    send({ type: "route", url: routeUrl, route: routes });
  }
  window.addEventListener("popstate", function () { checkRoute(); schedule(); });
  window.addEventListener("hashchange", function () { checkRoute(); schedule(); });
  // A target not there yet may come where this document's observer cannot see: a frame's
  // document loading, a web component filling its shadow root. Look again a while.
  function lookAgain() {
    if (cur.retries >= 40 || cur.again) { return; }
    cur.retries += 1;
    var token = cur.token;
    cur.again = setTimeout(function () {
      if (cur && cur.token === token) { cur.again = 0; evaluate(); }
    }, 250);
  }
  document.addEventListener("load", function () { schedule(); }, true);  // an iframe's load
  function schedule() {
    if (!pending) { pending = setTimeout(evaluate, 40); }
  }
  function track(cmd) {
    if (cur && cur.token === cmd.token) { schedule(); return; }  // the same step announced again
    clearHighlight();
    cur = {
      token: cmd.token, target: cmd.target || [], done: cmd.done, highlight: cmd.highlight,
      el: undefined, present: undefined, matched: false, scrolled: false, regex: null,
      steps: cmd.fields || [], retries: 0, again: 0
    };
    if (cmd.done && cmd.done.pattern) {
      try { cur.regex = new RegExp(cmd.done.pattern); } catch (e) { cur.regex = null; }
    }
    cur.fields = ((cmd.done && cmd.done.fields) || []).map(function (f) {
      var re = null;
      try { re = new RegExp(f.pattern); } catch (e) { re = null; }
      return { target: f.target, regex: re };
    });
    evaluate();
  }
  function probe(cmd) {
    if (!TOP) { return; }
    var present = (cmd.conditions || []).map(function (locs) { return !!resolve(locs); });
    send({ type: "probe", token: cmd.token, present: present });
  }

  // ---- what the person does -------------------------------------------------------------
  // Where the event really happened: inside a web component's shadow root, the document
  // hears it retargeted to the host.
  function origin(event) {
    var path = event.composedPath ? event.composedPath() : [];
    return path.length ? path[0] : event.target;
  }
  function onTarget(event) {
    var t = origin(event);
    // (`nodeType`, not `instanceof Node`: a frame's nodes are of its own realm)
    return cur && cur.el && t && t.nodeType && (cur.el === t || cur.el.contains(t));
  }
  function onValue(event, committed) {
    if (!onTarget(event) || !cur.done) { return; }
    if (cur.done.kind === "chosen") { if (committed) { onChoice(); } return; }
    if (cur.done.kind === "all_filled") { onFields(event, committed); return; }
    if (!cur.regex) { return; }
    var m = valueMatches();
    if (m !== cur.matched || committed) {
      cur.matched = m;
      send({ type: "value", token: cur.token, matches: m, committed: committed });
    }
  }
  // Several fields as one step: done when the person leaves a field and all match; "not
  // right yet" only when the field just left is wrong (not while others are still empty).
  function onFields(event, committed) {
    var fields = fieldsOf(), m = fields.length > 0;
    var left = null;
    fields.forEach(function (f) {
      if (!fits(f.el, f.regex)) { m = false; }
      if (f.el && (f.el === origin(event) || f.el.contains(origin(event)))) { left = f; }
    });
    if (m) {
      if (m !== cur.matched || committed) {
        cur.matched = true;
        send({ type: "value", token: cur.token, matches: true, committed: committed });
      }
      return;
    }
    cur.matched = false;
    if (committed && left && String(left.el.value || "").trim() && !fits(left.el, left.regex)) {
      send({ type: "value", token: cur.token, matches: false, committed: true });
    }
  }
  // A choice group: told once per new choice, whether it came as a native radio's change or
  // as a click on a custom ARIA radio (which changes only aria-checked).
  function onChoice() {
    if (!cur || !cur.el || !cur.done || cur.done.kind !== "chosen") { return; }
    var key = R.options(cur.el).map(R.checked).join();
    if (key === cur.choice) { return; }
    cur.choice = key;
    if (key.indexOf("true") < 0) { return; }
    var m = valueMatches();
    cur.matched = m;
    send({ type: "value", token: cur.token, matches: m, committed: true });
  }
  document.addEventListener("input", function (e) { onValue(e, false); }, true);
  document.addEventListener("change", function (e) { onValue(e, true); }, true);
  function onClick(e) {
    if (onTarget(e) && cur.done && cur.done.kind === "chosen") { setTimeout(onChoice, 0); }
    if (onTarget(e) && cur.done && cur.done.kind === "clicked") {
      send({ type: "dom", token: cur.token, kind: "click" });
    }
  }
  document.addEventListener("click", onClick, true);
  function onSubmit(e) {
    if (!cur || !cur.el || !cur.done || cur.done.kind !== "submitted") { return; }
    var form = cur.el.tagName === "FORM" ? cur.el : (cur.el.form || cur.el.closest("form"));
    if (form && e.target === form) { send({ type: "dom", token: cur.token, kind: "submit" }); }
  }
  document.addEventListener("submit", onSubmit, true);
  window.addEventListener("scroll", placeArrow, true);
  window.addEventListener("resize", placeArrow);

  // The page changes under us: look again (but not at our own ring and arrow).
  var observer = new MutationObserver(function (records) {
    for (var i = 0; i < records.length; i += 1) {
      var r = records[i];
      var ours = (arrow && (r.target === arrow || arrow.contains(r.target))) ||
        (ring && r.target === ring.el && r.attributeName === "style") ||
        (r.type === "childList" && r.addedNodes.length === 1 && r.addedNodes[0] === arrow) ||
        (r.type === "childList" && r.removedNodes.length === 1 && r.removedNodes[0] === arrow);
      if (!ours) { schedule(); return; }
    }
  });
  var WATCH = {
    subtree: true, childList: true, attributes: true, characterData: true,
    attributeFilter: ["class", "style", "hidden", "disabled", "aria-hidden", "open", "value"]
  };
  observer.observe(document, WATCH);
  // A target inside open shadow roots or a same-origin iframe: `change` and `submit` do not
  // leave a shadow root, no event leaves a frame, and the document's observer sees into
  // neither, so each such root is watched as well.
  var watchedRoots = typeof WeakSet !== "undefined" ? new WeakSet() : null;
  function watchShadow(el) {
    if (!watchedRoots) { return; }
    R.shadowRootsOf(el).forEach(function (root) {
      if (watchedRoots.has(root)) { return; }
      watchedRoots.add(root);
      if (!root.host) {  // a frame's document: it hears nothing of ours
        root.addEventListener("input", function (e) { onValue(e, false); }, true);
        root.addEventListener("click", onClick, true);
        root.defaultView.addEventListener("scroll", placeArrow, true);
      }
      root.addEventListener("change", function (e) { onValue(e, true); }, true);
      root.addEventListener("submit", onSubmit, true);
      observer.observe(root, WATCH);
    });
  }

  function handle(text) {
    var cmd;
    try { cmd = JSON.parse(text); } catch (e) { return; }
    if (cmd.type === "track") { track(cmd); }
    else if (cmd.type === "probe") { probe(cmd); }
    else if (cmd.type === "clear") { cur = null; clearHighlight(); }
  }

  function connect() {
    if (typeof QWebChannel === "undefined" || !window.qt || !window.qt.webChannelTransport) {
      return;
    }
    new QWebChannel(window.qt.webChannelTransport, function (channel) {
      bridge = channel.objects.guide;
      bridge.command.connect(handle);
      send({
        type: "hello", url: location.href, lang: document.documentElement.lang || "",
        dir: document.documentElement.dir || ""
      });
    });
  }
  window.__kioskGuideAgent = {
    reconnect: function () { cur = null; clearHighlight(); bridge = null; connect(); },
    // Where the highlighted element is (viewport CSS px), for `kiosk --debug-dir`: a box,
    // never a value.
    target: function () {
      if (!ring || !ring.el || !ring.el.isConnected) { return null; }
      var r = rectOf(ring.el);
      return [r.left, r.top, r.width, r.height];
    },
    // Which step's command the highlight answers (a new step, a new token: the same element
    // can be highlighted again at the same place), for the same tool.
    token: function () { return cur && ring ? cur.token : null; }
  };
  connect();
})();
