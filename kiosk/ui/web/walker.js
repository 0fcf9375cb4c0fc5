/* The health check's hands: on a page no one sees, find a step's target with the one resolver
 * (resolver.js) and do what the step asks of a person (type a sample value, pick an option,
 * press), or say what the page has instead when the target is gone. Runs in the kiosk's
 * isolated world of the health check's own sealed browser, never in a citizen's session.
 * Defines `window.__kioskWalker`; answers carry no value typed or read, only found/acted. */
(function () {
  "use strict";
  if (window.__kioskWalker) { return; }
  var R = window.__kioskResolver;
  if (!R) { throw new Error("kiosk walker: the resolver is not loaded"); }

  var FIELDS = "input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset])" +
    ":not([type=image]):not([type=radio]):not([type=checkbox]),select,textarea," +
    "[contenteditable=true],[role=textbox],[role=combobox],[role=searchbox],[role=spinbutton]";
  var CHOICES = "fieldset,[role=group],[role=radiogroup],select,input[type=radio]," +
    "input[type=checkbox],[role=radio],[role=checkbox]";
  var PRESS = "button,a[href],input[type=submit],input[type=button],input[type=image]," +
    "[role=button],[role=link],input[type=radio],input[type=checkbox],summary";
  var SHOWN = "h1,h2,h3,[role=heading],dl,table,form,main,section";
  var POOLS = {
    matches: FIELDS, filled: FIELDS, all_filled: FIELDS + ",fieldset,[role=group]",
    chosen: CHOICES, clicked: PRESS, submitted: PRESS
  };

  // ---- what the page has instead -------------------------------------------------------
  function bigrams(text) {
    var t = R.norm(text).replace(/[^\p{L}\p{N}]+/gu, " ").trim(), out = [];
    for (var i = 0; i + 1 < t.length; i += 1) { out.push(t.slice(i, i + 2)); }
    return out;
  }
  // Dice similarity of two texts' letter pairs: 0 (nothing shared) to 1 (the same).
  function similar(a, b) {
    var x = bigrams(a), y = bigrams(b);
    if (!x.length || !y.length) { return 0; }
    var rest = y.slice(), shared = 0;
    x.forEach(function (g) {
      var at = rest.indexOf(g);
      if (at >= 0) { shared += 1; rest.splice(at, 1); }
    });
    return (2 * shared) / (x.length + y.length);
  }
  function wantedTexts(locators) {
    var out = [];
    (locators || []).forEach(function (loc) {
      (loc.words || []).forEach(function (w) {
        out.push(loc.kind === "css" ? String(w).replace(/[^\p{L}\p{N}]+/gu, " ") : w);
      });
      if (loc.value) { out.push(loc.value); }
    });
    return out;
  }
  function textsOf(el) {
    var texts = [R.nameOf(el), el.getAttribute("name") || "", el.id || ""];
    if (el.matches(PRESS)) { texts.push(R.ownText(el)); }
    return texts.filter(function (t) { return t; });
  }
  // The element of the kind the step works on, found by no other step of this page, most like
  // what the step's locators look for: {role, name}, or null.
  function nearest(payload) {
    var claimed = [];
    (payload.others || []).forEach(function (locators) {
      var hit = R.resolve(locators);
      if (hit) { claimed.push(hit.el, hit.show); }
    });
    var pool = R.all(document, POOLS[payload.kind] || SHOWN).filter(function (el) {
      return R.shown(el) && claimed.indexOf(el) < 0 && !claimed.some(function (c) {
        return c.contains(el) || el.contains(c);
      });
    });
    if (!pool.length) { return null; }
    var wanted = wantedTexts(payload.target), best = null, score = 0;
    pool.forEach(function (el) {
      textsOf(el).forEach(function (text) {
        wanted.forEach(function (w) {
          var s = similar(w, text);
          if (s > score) { score = s; best = el; }
        });
      });
    });
    if (!best && pool.length === 1) { best = pool[0]; }
    if (!best) { return null; }
    var name = R.nameOf(best) || best.getAttribute("name") || R.ownText(best);
    return { role: R.roleOf(best), name: String(name).replace(/\s+/g, " ").trim().slice(0, 80) };
  }

  // ---- what a person does --------------------------------------------------------------
  function fire(el, value) {
    el.dispatchEvent(new InputEvent("input", { bubbles: true, composed: true, data: value }));
    el.dispatchEvent(new Event("change", { bubbles: true }));
  }
  function wants(words) {
    return words === null || words === undefined ? null : R.matcher(words);
  }
  // Pick an option of a select or a choice group: the one `match` finds, else the first.
  function pick(el, match) {
    if (el.tagName === "SELECT") {
      var opts = Array.prototype.slice.call(el.options).filter(function (o) {
        return !o.disabled && o.value !== "";
      });
      var opt = opts.filter(function (o) {
        return match && (match(o.text) > 0 || match(o.value) === 2);
      })[0] || (match ? null : opts[0]);
      if (!opt) { return false; }
      el.value = opt.value;
      fire(el, opt.value);
      return true;
    }
    var options = R.options(el).filter(function (o) { return !o.disabled; });
    var chosen = options.filter(function (o) {
      return match && (match(R.nameOf(o)) > 0 || match(o.value || "") === 2);
    })[0] || (match ? null : options[0]);
    if (!chosen) { return false; }
    if (!R.checked(chosen)) { chosen.click(); }
    return true;
  }
  function type(el, value) {
    if (el.tagName === "SELECT") { return pick(el, R.matcher({ words: [value] })); }
    if (el.focus) { el.focus(); }
    if (el.isContentEditable) {
      el.textContent = value;
    } else {
      var proto = el.tagName === "TEXTAREA" ? HTMLTextAreaElement.prototype : HTMLInputElement.prototype;
      var setter = Object.getOwnPropertyDescriptor(proto, "value").set;
      try { setter.call(el, value); } catch (e) { el.value = value; }
    }
    fire(el, value);
    if (el.blur) { el.blur(); }
    return true;
  }
  // The sample value read from the page (a practice portal's simulated phone), or null.
  function read(sample) {
    var hit = R.resolve(sample.locators);
    if (!hit) { return null; }
    var re;
    try { re = new RegExp(sample.pattern); } catch (e) { return null; }
    var m = re.exec(R.latin(hit.el.textContent || ""));
    return m ? (m[1] || m[0]) : null;
  }
  function act(payload, el) {
    switch (payload.action) {
      case "type": {
        var value = payload.read ? read(payload.read) : payload.value;
        if (value === null || value === undefined) { return "read"; }
        return type(el, value) ? "" : "value";
      }
      case "type_all": {
        for (var i = 0; i < payload.fields.length; i += 1) {
          var field = R.resolve(payload.fields[i], el);
          if (!field) { return "field"; }
          type(field.el, payload.values[i]);
        }
        return "";
      }
      case "choose":
        return pick(el, wants(payload.option)) ? "" : "option";
      case "submit":
        if (el.tagName === "FORM") {
          if (el.requestSubmit) { el.requestSubmit(); } else { el.submit(); }
          return "";
        }
        el.click();
        return "";
      case "click":
        el.click();
        return "";
      default:
        return "";
    }
  }

  window.__kioskWalker = {
    // Find the step's target; do `payload.action` with it; else say what is there instead.
    step: function (payload) {
      return R.unseen(function () {
        var hit = R.resolve(payload.target);
        if (!hit) {
          return JSON.stringify({ found: false, nearest: nearest(payload) });
        }
        var problem = payload.action ? act(payload, hit.el) : "";
        return JSON.stringify({ found: true, acted: !!payload.action && !problem, problem: problem });
      });
    },
    // Whether any of `locators` finds something shown (a branch's "appears").
    shows: function (locators) {
      return R.unseen(function () { return !!R.resolve(locators); });
    }
  };
})();
