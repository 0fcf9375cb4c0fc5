/* The one resolver: how a flow's locator finds an element on a page. Shared by the guide's
 * page agent (agent.js), the health check and the recorder, in the kiosk's isolated world.
 * Roles, accessible names and descriptions come from the vendored dom-accessibility-api
 * (`__kioskA11y`, the W3C computation behind Testing Library), never from a copy of ours.
 * Defines `window.__kioskResolver`; reads the page, never writes to it. */
(function () {
  "use strict";
  if (window.__kioskResolver) { return; }
  var A11Y = typeof __kioskA11y !== "undefined" ? __kioskA11y : null;
  if (!A11Y) { throw new Error("kiosk resolver: dom-accessibility-api is not loaded"); }

  // ---- text, normalised for real Persian and English pages --------------------------
  var DIGITS = /[\u06F0-\u06F9\u0660-\u0669]/g;
  function latin(text) {
    return String(text == null ? "" : text).replace(DIGITS, function (d) {
      var c = d.charCodeAt(0);
      return String(c >= 0x06F0 ? c - 0x06F0 : c - 0x0660);
    });
  }
  // Case, whitespace, ZWNJ (read as the space people type for it), ZWJ and direction marks, Arabic yeh/kaf/heh forms, diacritics and
  // tatweel, digits of any script, and the "*" or ":" a required label ends with.
  function norm(text) {
    return latin(text).normalize("NFC")
      .replace(/[\u064A\u0649]/g, "\u06CC").replace(/\u0643/g, "\u06A9")
      .replace(/\u0629/g, "\u0647").replace(/[\u064B-\u0652\u0670\u0640]/g, "")
      .replace(/\u200c/g, " ").replace(/[\u200d\u200e\u200f\u202a-\u202e\u2066-\u2069\u00ad]/g, "")
      .replace(/\s+/g, " ").replace(/^[\s*:]+|[\s*:]+$/g, "").toLowerCase();
  }
  // How well `text` answers a locator's words: 2 whole, 1 part of it, 0 not at all. A pattern
  // (`loc.pattern`) is a regular expression on the normalised text: 2 when it matches.
  function matcher(loc) {
    if (loc.pattern) {
      var re = null;
      try { re = new RegExp(loc.pattern); } catch (e) { re = null; }
      return function (text) { return re && re.test(norm(text)) ? 2 : 0; };
    }
    // Persian writers put a ZWNJ, a space or nothing between the parts of a word
    // ("می‌خواهم", "می خواهم", "میخواهم"): compared with the spaces taken out too.
    var wanted = (loc.words || []).map(norm).filter(function (w) { return w; });
    var squashed = wanted.map(squash);
    return function (text) {
      var t = norm(text);
      if (!t) { return 0; }
      var ts = squash(t);
      if (wanted.indexOf(t) >= 0 || squashed.indexOf(ts) >= 0) { return 2; }
      for (var i = 0; i < wanted.length; i += 1) {
        if (t.indexOf(wanted[i]) >= 0 || ts.indexOf(squashed[i]) >= 0) { return 1; }
      }
      return 0;
    };
  }
  function squash(text) { return text.replace(/ /g, ""); }
  function ownText(el) {
    var out = "";
    el.childNodes.forEach(function (node) {
      if (node.nodeType === 3) { out += node.textContent; }
      else if (node.nodeType === 1 && node.getAttribute("aria-hidden") !== "true" &&
               !node.hidden && node.tagName !== "SCRIPT" && node.tagName !== "STYLE" &&
               !(node.dataset && node.dataset.kioskGuide)) {
        out += " " + ownText(node) + " ";
      }
    });
    return out;
  }

  // ---- visibility and what to point at ------------------------------------------------
  var laidOut = true;  // false while the health check probes a page no one sees (no layout)
  function visible(el) {
    if (!el || !el.isConnected || el.hidden || el.type === "hidden") { return false; }
    if (!laidOut) {
      return !el.checkVisibility || el.checkVisibility({ visibilityProperty: true });
    }
    var box = el.getBoundingClientRect();
    if (box.width < 4 || box.height < 4) { return false; }
    // Moved off the page sideways (the usual "visually hidden" trick): not seen.
    var doc = el.ownerDocument;
    if (box.right <= 0 || box.left >= doc.documentElement.scrollWidth) { return false; }
    var st = (doc.defaultView || window).getComputedStyle(el);
    return st.visibility !== "hidden" && st.display !== "none" && Number(st.opacity) > 0.05;
  }
  // The element a person sees for `el`: itself, or (a visually hidden native radio or
  // checkbox of a design system) its visible label or custom control; null if none.
  function shown(el) {
    if (visible(el)) { return el; }
    if (!el || !el.isConnected || el.type === "hidden" || !el.matches(CONTROLS)) { return null; }
    var labels = el.labels ? Array.prototype.slice.call(el.labels) : [];
    for (var i = 0; i < labels.length; i += 1) { if (visible(labels[i])) { return labels[i]; } }
    var ids = (el.getAttribute("aria-labelledby") || "").split(/\s+/);
    for (var j = 0; j < ids.length; j += 1) {
      var ref = ids[j] && el.ownerDocument.getElementById(ids[j]);
      if (ref && visible(ref)) { return ref; }
    }
    var up = el.parentElement;
    if (up && visible(up) && up.getBoundingClientRect().height < 120) { return up; }
    return null;
  }

  // ---- roles and names ---------------------------------------------------------------
  function roleOf(el) {
    try { return A11Y.getRole(el) || ""; } catch (e) { return ""; }
  }
  function nameOf(el) {
    try { return A11Y.computeAccessibleName(el) || ""; } catch (e) { return ""; }
  }
  function descriptionOf(el) {
    try { return A11Y.computeAccessibleDescription(el) || ""; } catch (e) { return ""; }
  }
  var CONTROLS = "input:not([type=hidden]),select,textarea,[contenteditable=true]," +
    "[role=textbox],[role=combobox],[role=checkbox],[role=radio],[role=switch],[role=slider]," +
    "[role=spinbutton],[role=listbox],[role=searchbox]";
  var GROUPS = "fieldset,[role=group],[role=radiogroup]";
  var CLICKABLE = "a[href],button,label,summary,[role=button],[role=link],[role=tab]," +
    "[role=menuitem],[role=option],[role=radio],[role=checkbox]";

  // ---- the locator kinds --------------------------------------------------------------
  // The elements under `root` matching `selector`, in open shadow roots (a design system's web
  // components) and same-origin iframes too: what is inside follows its host or frame.
  function all(root, selector) {
    var found;
    try { found = Array.prototype.slice.call(root.querySelectorAll(selector)); }
    catch (e) { return []; }
    var hosts = shadowHosts(root);
    if (!hosts.length) { return found; }
    var out = [];
    var inside = found.concat(hosts);
    // Document order, each host followed by what its shadow root holds.
    inside.sort(function (a, b) {
      return a === b ? 0 : (a.compareDocumentPosition(b) & 4 ? -1 : 1);
    });
    inside.forEach(function (el) {
      if (found.indexOf(el) >= 0 && out.indexOf(el) < 0) { out.push(el); }
      var within = hosts.indexOf(el) >= 0 ? inner(el) : null;
      if (within) {
        all(within, selector).forEach(function (s) { if (out.indexOf(s) < 0) { out.push(s); } });
      }
    });
    return out;
  }
  // A same-origin iframe's document (null for another origin's, or not loaded yet).
  function frameDoc(el) {
    if (el.tagName !== "IFRAME" && el.tagName !== "FRAME") { return null; }
    try {
      var doc = el.contentDocument;
      return doc && doc.documentElement ? doc : null;
    } catch (e) { return null; }
  }
  function inner(el) { return el.shadowRoot || frameDoc(el); }
  // The elements under `root` (not inside them) with an open shadow root or a same-origin
  // document of their own.
  function shadowHosts(root) {
    var hosts = [];
    var walker = (root.ownerDocument || root).createTreeWalker(root, 1);
    for (var n = walker.nextNode(); n; n = walker.nextNode()) {
      if (n.shadowRoot || frameDoc(n)) { hosts.push(n); }
    }
    return hosts;
  }
  // The shadow roots and frame documents `el` is inside, innermost first (not the top one).
  function shadowRootsOf(el) {
    var roots = [];
    var r = el && el.getRootNode && el.getRootNode();
    while (r) {
      if (r.host) { roots.push(r); r = r.host.getRootNode(); continue; }
      var frame = r.defaultView && r.defaultView !== window ? r.defaultView.frameElement : null;
      if (!frame) { break; }
      roots.push(r);
      r = frame.getRootNode();
    }
    return roots;
  }
  function ranked(elements, score) {
    var exact = [], partial = [];
    elements.forEach(function (el) {
      var s = score(el);
      if (s === 2) { exact.push(el); } else if (s === 1) { partial.push(el); }
    });
    return exact.length ? exact : partial;
  }
  function byLabel(root, loc) {
    var match = matcher(loc);
    // A control or a question group by its accessible name (label, aria-labelledby,
    // aria-label, legend); a hint in the description counts when the name does not.
    var found = ranked(all(root, CONTROLS + "," + GROUPS), function (el) {
      return match(nameOf(el));
    });
    if (found.length) { return found; }
    // A <label> whose text matches, resolved to its control.
    found = ranked(all(root, "label"), function (label) { return match(ownText(label)); });
    found = found.map(function (label) { return label.control; }).filter(Boolean);
    if (found.length) { return found; }
    return ranked(all(root, CONTROLS), function (el) { return Math.min(match(descriptionOf(el)), 1); });
  }
  function byRole(root, loc) {
    var match = matcher(loc), role = loc.role;
    var pool = all(root, role === "generic" ? "div,span" : "*").filter(function (el) {
      return roleOf(el) === role;
    });
    return ranked(pool, function (el) { return match(nameOf(el)); });
  }
  function byText(root, loc) {
    var match = matcher(loc), exact = [], partial = [];
    all(root, "*").forEach(function (el) {
      if (el.tagName === "SCRIPT" || el.tagName === "STYLE" || (el.dataset && el.dataset.kioskGuide)) { return; }
      var s = match(ownText(el));
      if (s === 2) { exact.push(el); } else if (s === 1) { partial.push(el); }
    });
    var found = exact.length ? exact : partial;
    // The innermost match, raised to what a person would press.
    return found.filter(function (el) {
      return !found.some(function (other) { return other !== el && el.contains(other); });
    }).map(function (el) { return el.closest(CLICKABLE) || el; });
  }
  function byName(root, loc) {
    return all(root, "[name]").filter(function (el) {
      return el.getAttribute("name") === loc.words[0] &&
        (loc.value === null || loc.value === undefined || el.value === loc.value);
    });
  }
  function candidates(root, loc) {
    switch (loc.kind) {
      case "css": return all(root, loc.words[0]);
      case "name": return byName(root, loc);
      case "label": return byLabel(root, loc);
      case "role": return byRole(root, loc);
      case "text": return byText(root, loc);
      default: return [];
    }
  }
  // Where to look: the document, or inside what `loc.within` finds (a question, a section,
  // a dialog): each visible scope in turn, the first with a match wins.
  function scopes(loc, doc) {
    if (!loc.within) { return [doc]; }
    var outer = [];
    scopes(loc.within, doc).forEach(function (root) {
      candidates(root, loc.within).forEach(function (el) {
        if (shown(el) && outer.indexOf(el) < 0) { outer.push(el); }
      });
    });
    return outer;
  }
  function find(loc, doc) {
    var roots = scopes(loc, doc || document);
    for (var i = 0; i < roots.length; i += 1) {
      var seen = [];
      candidates(roots[i], loc).forEach(function (el) {
        var show = shown(el);
        if (show && !seen.some(function (s) { return s.el === el; })) { seen.push({ el: el, show: show }); }
      });
      if (seen.length) { return seen; }
    }
    return [];
  }
  // The first locator that finds something visible: {el, show, index, count}, or null.
  function resolve(locators, doc) {
    for (var i = 0; i < (locators || []).length; i += 1) {
      var seen = find(locators[i], doc);
      if (seen.length) { return { el: seen[0].el, show: seen[0].show, index: i, count: seen.length }; }
    }
    return null;
  }

  // ---- choice groups -------------------------------------------------------------------
  var OPTIONS = "input[type=radio],input[type=checkbox],[role=radio],[role=checkbox],[role=option]";
  // The options of a question: inside a group, or the radios sharing a name with `el`.
  function options(el) {
    if (el.matches && el.matches(OPTIONS)) {
      if (el.type === "radio" && el.name) {
        var scope = el.form || el.ownerDocument;
        return all(scope, "input[type=radio]").filter(function (r) { return r.name === el.name; });
      }
      return [el];
    }
    return all(el, OPTIONS);
  }
  function checked(opt) {
    if (opt.tagName === "INPUT") { return opt.checked; }
    return opt.getAttribute("aria-checked") === "true" || opt.getAttribute("aria-selected") === "true";
  }
  // Whether the question `el` is answered: any option chosen, or (given `loc`-like words)
  // the chosen one is that option.
  function answered(el, wanted) {
    var chosen = options(el).filter(checked);
    if (!chosen.length) { return false; }
    if (!wanted) { return true; }
    var match = matcher(wanted);
    return chosen.some(function (opt) { return match(nameOf(opt)) > 0 || match(opt.value) === 2; });
  }
  function invalid(el) {
    if (!el || !el.getAttribute) { return false; }
    if (el.getAttribute("aria-invalid") === "true") { return true; }
    return /(^|\s)(is-invalid|usa-input--error|error|invalid)(\s|$)/.test(el.className || "");
  }

  window.__kioskResolver = {
    version: 1, norm: norm, latin: latin, ownText: ownText, visible: visible, shown: shown,
    roleOf: roleOf, nameOf: nameOf, descriptionOf: descriptionOf, matcher: matcher,
    find: find, resolve: resolve, options: options, checked: checked, answered: answered,
    invalid: invalid, all: all, shadowRootsOf: shadowRootsOf,
    // For the health check: which locators of a step find something, and the first's role and
    // name (never a value the person typed).
    probe: function (locators) {
      var self = this;
      return this.unseen(function () { return self.probeNow(locators); });
    },
    // Run `fn` judging visibility as the health check must on a page no one sees (no layout).
    unseen: function (fn) {
      laidOut = window.innerWidth > 0 && window.innerHeight > 0 &&
        document.visibilityState === "visible";
      try { return fn(); } finally { laidOut = true; }
    },
    probeNow: function (locators) {
      var hits = (locators || []).map(function (loc) { return find(loc, document).length; });
      var hit = resolve(locators);
      return JSON.stringify({
        hits: hits, role: hit ? roleOf(hit.el) : "", name: hit ? nameOf(hit.el).slice(0, 120) : ""
      });
    }
  };
})();
