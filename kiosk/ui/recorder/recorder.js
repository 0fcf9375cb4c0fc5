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

  function clean(text) {
    return (text || "").replace(/\s+/g, " ").replace(/[*:]+\s*$/, "").trim().slice(0, 120);
  }
  function labelOf(el) {
    if (el.labels && el.labels.length) return clean(el.labels[0].innerText || el.labels[0].textContent);
    var by = el.getAttribute("aria-labelledby");
    if (by && document.getElementById(by)) return clean(document.getElementById(by).textContent);
    return clean(el.getAttribute("aria-label"));
  }
  function roleOf(el) {
    var explicit = el.getAttribute("role");
    if (explicit) return explicit;
    var tag = el.tagName.toLowerCase(), type = (el.type || "").toLowerCase();
    if (tag === "button" || (tag === "input" && /^(submit|button|reset)$/.test(type))) return "button";
    if (tag === "a" && el.hasAttribute("href")) return "link";
    if (tag === "select") return "combobox";
    if (tag === "textarea" || (tag === "input" && /^(text|tel|email|number|search|password|)$/.test(type))) return "textbox";
    if (tag === "input" && type === "radio") return "radio";
    if (tag === "input" && type === "checkbox") return "checkbox";
    return "";
  }
  function nameOf(el) {
    return labelOf(el) || clean(el.innerText || el.value && el.type === "submit" && el.value || el.title);
  }
  var GENERATED = /\d{3,}|[a-f0-9]{8,}|^(ember|react|ng|js-)/i;
  function stableCss(el) {
    if (el.id && !GENERATED.test(el.id)) return "#" + CSS.escape(el.id);
    var tag = el.tagName.toLowerCase();
    if (el.name) {
      var css = tag + "[name=" + JSON.stringify(el.name) + "]";
      if ((el.type === "radio" || el.type === "checkbox" || tag === "button") && el.value)
        css += "[value=" + JSON.stringify(el.value) + "]";
      return css;
    }
    var form = el.form || el.closest("form");
    if (form && (tag === "button" || tag === "input") && el.type === "submit" && form.getAttribute("action"))
      return "form[action=" + JSON.stringify(form.getAttribute("action")) + "] " + tag + "[type=submit]";
    return "";
  }
  function locators(el) {
    var out = [], seen = {};
    function add(loc) { var k = JSON.stringify(loc); if (!seen[k]) { seen[k] = 1; out.push(loc); } }
    var tag = el.tagName.toLowerCase();
    if (el.name && tag !== "a" && tag !== "button") {
      var loc = {name: el.name};
      if ((el.type === "radio" || el.type === "checkbox") && el.value) loc.value = el.value;
      add(loc);
    }
    var css = stableCss(el);
    var label = labelOf(el), role = roleOf(el), name = nameOf(el);
    if (role === "button" || role === "link") {
      if (name) add({role: role, accessible_name: name});
      if (css) add({css: css});
    } else {
      if (label) add({label: label});
      if (css) add({css: css});
      if (role && name) add({role: role, accessible_name: name});
    }
    return {locators: out.slice(0, 5), label: name || label};
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
    report(describe(el, submits ? "submit" : tag === "a" ? "link" : "click"));
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
