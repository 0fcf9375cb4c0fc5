/* Small progressive enhancements for the practice sites; every page works without them. */
(function () {
  "use strict";
  var fa = document.documentElement.lang === "fa";
  var FA_DIGITS = "۰۱۲۳۴۵۶۷۸۹";
  function local(text) {
    return fa ? String(text).replace(/[0-9]/g, function (d) { return FA_DIGITS[+d]; }) : String(text);
  }
  function latin(text) {
    return String(text)
      .replace(/[۰-۹]/g, function (d) { return d.charCodeAt(0) - 0x06f0; })
      .replace(/[٠-٩]/g, function (d) { return d.charCodeAt(0) - 0x0660; });
  }
  function fold(text) {
    return latin(text).replace(/ي/g, "ی").replace(/ك/g, "ک").toLowerCase().trim();
  }

  // Forms marked data-submit-once ignore a second submit (the server is idempotent anyway).
  document.querySelectorAll("form[data-submit-once]").forEach(function (form) {
    form.addEventListener("submit", function (event) {
      if (form.dataset.sent) { event.preventDefault(); return; }
      form.dataset.sent = "1";
      form.querySelectorAll("button[type=submit]").forEach(function (b) { b.setAttribute("aria-disabled", "true"); });
    });
  });
  window.addEventListener("pageshow", function () {
    document.querySelectorAll("form[data-sent]").forEach(function (form) {
      delete form.dataset.sent;
      form.querySelectorAll("button[aria-disabled]").forEach(function (b) { b.removeAttribute("aria-disabled"); });
    });
  });

  // Live filter of the service catalogue.
  var search = document.querySelector(".service-search input[name=q]");
  if (search) {
    var none = document.querySelector(".search-none");
    search.addEventListener("input", function () {
      var q = fold(search.value), shown = 0;
      document.querySelectorAll(".service-card").forEach(function (card) {
        var hit = !q || (card.dataset.search || "").indexOf(q) >= 0;
        card.hidden = !hit;
        if (hit) { shown += 1; }
      });
      if (none) { none.hidden = shown > 0; }
    });
  }

  // Countdown of a one-time code's validity.
  document.querySelectorAll("[data-countdown]").forEach(function (el) {
    var left = parseInt(el.dataset.countdown, 10), template = el.textContent;
    var timer = setInterval(function () {
      left = Math.max(0, left - 1);
      el.textContent = template.replace(/[0-9۰-۹]+/, local(left));
      if (left === 0) { clearInterval(timer); }
    }, 1000);
  });

  document.querySelectorAll("[data-print]").forEach(function (b) {
    b.addEventListener("click", function () { window.print(); });
  });

  // Jalali calendar (Borkowski break years, as on the server).
  var BREAKS = [-61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210, 1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178];
  function div(a, b) { return ~~(a / b); }
  function mod(a, b) { return a - ~~(a / b) * b; }
  function jalCal(jy) {
    var gy = jy + 621, leapJ = -14, jp = BREAKS[0], jump = 0, i, jm, n, leapG, march, leap;
    for (i = 1; i < BREAKS.length; i += 1) {
      jm = BREAKS[i]; jump = jm - jp;
      if (jy < jm) { break; }
      leapJ = leapJ + div(jump, 33) * 8 + div(mod(jump, 33), 4); jp = jm;
    }
    n = jy - jp;
    leapJ = leapJ + div(n, 33) * 8 + div(mod(n, 33) + 3, 4);
    if (mod(jump, 33) === 4 && jump - n === 4) { leapJ += 1; }
    leapG = div(gy, 4) - div((div(gy, 100) + 1) * 3, 4) - 150;
    march = 20 + leapJ - leapG;
    if (jump - n < 6) { n = n - jump + div(jump + 4, 33) * 33; }
    leap = mod(mod(n + 1, 33) - 1, 4);
    if (leap === -1) { leap = 4; }
    return { leap: leap, gy: gy, march: march };
  }
  function monthLength(jy, jm) { return jm <= 6 ? 31 : jm <= 11 ? 30 : (jalCal(jy).leap === 0 ? 30 : 29); }
  function weekdayOfFirst(jy, jm) {
    // 0 = Saturday, the first day of the Persian week.
    var c = jalCal(jy), first = new Date(Date.UTC(c.gy, 2, c.march));
    first.setUTCDate(first.getUTCDate() + (jm - 1) * 31 - div(jm, 7) * (jm - 7));
    return (first.getUTCDay() + 1) % 7;
  }
  var MONTHS = fa
    ? ["فروردین", "اردیبهشت", "خرداد", "تیر", "مرداد", "شهریور", "مهر", "آبان", "آذر", "دی", "بهمن", "اسفند"]
    : ["Farvardin", "Ordibehesht", "Khordad", "Tir", "Mordad", "Shahrivar", "Mehr", "Aban", "Azar", "Dey", "Bahman", "Esfand"];
  var WEEK = fa ? ["ش", "ی", "د", "س", "چ", "پ", "ج"] : ["Sa", "Su", "Mo", "Tu", "We", "Th", "Fr"];
  function pad(n) { return (n < 10 ? "0" : "") + n; }

  document.querySelectorAll("input[data-jalali]").forEach(function (input) {
    var today = (input.dataset.today || "1400/01/01").split("/").map(Number);
    var toggle = document.createElement("button");
    toggle.type = "button"; toggle.className = "btn btn-small jdp-toggle";
    toggle.textContent = input.dataset.pickLabel || "Calendar";
    toggle.setAttribute("aria-expanded", "false");
    var popup = document.createElement("div");
    popup.className = "jdp-popup"; popup.hidden = true; popup.setAttribute("role", "dialog");
    popup.setAttribute("aria-label", toggle.textContent);
    input.insertAdjacentElement("afterend", toggle);
    toggle.insertAdjacentElement("afterend", popup);
    var view = { y: today[0] - 30, m: 1 };

    function draw() {
      popup.textContent = "";
      var head = document.createElement("div"); head.className = "jdp-head";
      var month = document.createElement("select"), year = document.createElement("select");
      month.setAttribute("aria-label", fa ? "ماه" : "Month");
      year.setAttribute("aria-label", fa ? "سال" : "Year");
      MONTHS.forEach(function (name, i) { month.add(new Option(name, String(i + 1), false, i + 1 === view.m)); });
      for (var y = today[0]; y >= today[0] - 100; y -= 1) { year.add(new Option(local(y), String(y), false, y === view.y)); }
      month.addEventListener("change", function () { view.m = +month.value; draw(); month.focus(); });
      year.addEventListener("change", function () { view.y = +year.value; draw(); });
      head.append(month, year); popup.append(head);
      var grid = document.createElement("div"); grid.className = "jdp-grid";
      WEEK.forEach(function (w) { var s = document.createElement("span"); s.className = "jdp-wd"; s.textContent = w; grid.append(s); });
      for (var i = 0; i < weekdayOfFirst(view.y, view.m); i += 1) { grid.append(document.createElement("span")); }
      for (var d = 1; d <= monthLength(view.y, view.m); d += 1) {
        var b = document.createElement("button"); b.type = "button"; b.textContent = local(d);
        b.dataset.day = String(d);
        b.addEventListener("click", function (event) {
          input.value = local(view.y + "/" + pad(view.m) + "/" + pad(+event.currentTarget.dataset.day));
          close(); input.focus();
        });
        grid.append(b);
      }
      popup.append(grid);
    }
    function close() { popup.hidden = true; toggle.setAttribute("aria-expanded", "false"); }
    toggle.addEventListener("click", function () {
      if (!popup.hidden) { close(); return; }
      var typed = latin(input.value).split(/[\/\-.]/).map(Number);
      if (typed.length === 3 && typed[0] > 1200 && typed[1] >= 1 && typed[1] <= 12) { view = { y: typed[0], m: typed[1] }; }
      draw(); popup.hidden = false; toggle.setAttribute("aria-expanded", "true");
      popup.querySelector("select").focus();
    });
    popup.addEventListener("keydown", function (event) { if (event.key === "Escape") { close(); toggle.focus(); } });
  });
})();
