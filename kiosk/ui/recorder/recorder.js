// Record mode: every click and every field a person fills becomes a report of WHERE it
// happened (robust locators), never WHAT was typed. Runs in the isolated ApplicationWorld.
(function () {
  "use strict";
  if (window.__kioskRecorder) return;
  window.__kioskRecorder = true;

  var send = null;
  var queue = [];
  function report(message) {
    message.url = location.href;
    message.lang = document.documentElement.lang || "";
    var text = JSON.stringify(message);
    if (send) send(text); else queue.push(text);
  }
  new QWebChannel(qt.webChannelTransport, function (channel) {
    var recorder = channel.objects.recorder;
    send = function (text) { recorder.report(text); };
    queue.splice(0).forEach(send);
  });

  // Locators come from the one resolver (resolver.js): label and role first, each kept only if
  // it finds this very element again; css last, and never with a generated or per-session id.
  var R = window.__kioskResolver;
  function clean(text) {
    return (text || "").replace(/\s+/g, " ").replace(/[*:]+\s*$/, "").trim().slice(0, 120);
  }
  function asResolver(loc) {
    if (loc.css) return {kind: "css", words: [loc.css]};
    if (loc.name) return {kind: "name", words: [loc.name], value: loc.value};
    if (loc.label) return {kind: "label", words: [loc.label]};
    if (loc.role) return {kind: "role", role: loc.role, words: [loc.accessible_name]};
    return {kind: "text", words: [loc.text]};
  }
  function findsIt(loc, el) {
    var hit = R.resolve([asResolver(loc)], document);
    return !!hit && hit.el === el;
  }
  var GENERATED = /\d{3,}|[a-f0-9]{8,}|^(ember|react|ng|js-|:r)|[_-][a-z0-9]{5,}$/i;
  function stableCss(el) {
    if (el.id && !GENERATED.test(el.id)) return "#" + CSS.escape(el.id);
    var tag = el.tagName.toLowerCase();
    if (el.name && !GENERATED.test(el.name)) {
      var css = tag + "[name=" + JSON.stringify(el.name) + "]";
      if ((el.type === "radio" || el.type === "checkbox" || tag === "button") && el.value)
        css += "[value=" + JSON.stringify(el.value) + "]";
      return css;
    }
    return "";
  }
  function locators(el) {
    var out = [], seen = {};
    function add(loc) {
      var k = JSON.stringify(loc);
      if (!seen[k] && findsIt(loc, el)) { seen[k] = 1; out.push(loc); }
    }
    var tag = el.tagName.toLowerCase();
    var role = R.roleOf(el), name = clean(R.nameOf(el));
    if (role === "button" || role === "link") {
      if (name) add({role: role, accessible_name: name});
      if (name) add({text: name});
    } else {
      if (name) add({label: name});
      if (role && name) add({role: role, accessible_name: name});
    }
    if (el.name && tag !== "a" && tag !== "button" && !GENERATED.test(el.name)) {
      var loc = {name: el.name};
      if ((el.type === "radio" || el.type === "checkbox") && el.value) loc.value = el.value;
      add(loc);
    }
    var css = stableCss(el);
    if (css) add({css: css});
    return {locators: out.slice(0, 5), label: name};
  }
  // A link to a place on this same page (an error summary's anchor): not a page change.
  function inPage(el) {
    if (el.tagName !== "A" || !el.href) return false;
    var here = location.href.split("#")[0];
    return el.href.split("#")[0] === here && el.href.indexOf("#") >= 0;
  }
  function isPrivate(el) {
    var hint = [el.type, el.name, el.id, el.autocomplete].join(" ").toLowerCase();
    return /password|one-time-code|otp|pin|cvv|cvc|secret/.test(hint);
  }
  function describe(el, action) {
    var found = locators(el);
    return {
      type: "step", action: action, tag: el.tagName.toLowerCase(),
      input: (el.type || "").toLowerCase(), private: isPrivate(el),
      label: found.label, locators: found.locators
    };
  }
  function actionable(el) {
    return el && el.closest && el.closest("button, a[href], input, select, textarea, [role=button], label");
  }
  document.addEventListener("click", function (event) {
    if (!event.isTrusted && !window.__kioskRecordSynthetic) { /* scripted clicks count too */ }
    var el = actionable(event.target);
    if (!el) return;
    if (el.tagName === "LABEL") el = el.control || el;
    var tag = el.tagName.toLowerCase(), type = (el.type || "").toLowerCase();
    if (tag === "select" || tag === "textarea") return;
    if (tag === "input" && !/^(radio|checkbox|submit|button|image)$/.test(type)) return;
    var submits = (tag === "button" && type !== "button" && type !== "reset" && el.form) ||
      (tag === "input" && (type === "submit" || type === "image"));
    report(describe(el, submits ? "submit" : tag === "a" && !inPage(el) ? "link" : "click"));
  }, true);
  document.addEventListener("change", function (event) {
    var el = event.target;
    var tag = el.tagName.toLowerCase(), type = (el.type || "").toLowerCase();
    if (tag === "select") { report(describe(el, "select")); return; }
    if (tag === "textarea" || (tag === "input" && !/^(radio|checkbox|submit|button|image|hidden)$/.test(type)))
      report(describe(el, type === "file" ? "file" : "input"));
  }, true);
  report({type: "page"});
})();
