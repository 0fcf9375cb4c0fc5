"""Small sites assembled at test time from design systems installed from npm (.cache/npm, by
`make conformance-deps` from tests/conformance/package.json and its lock), served on 127.0.0.1.

- `/uswds/`: the US Web Design System's own component templates (usa-radio.twig,
  usa-memorable-date.twig, rendered here with Jinja2), its CSS and JS; the server rejects a year
  before 1900 and sends the form back with an error summary, `aria-invalid` and the values.
- `/bs/`: a Persian form on Bootstrap 5's RTL build (bootstrap.rtl.min.css, its JS): labels
  written with Arabic yeh and kaf and ZWNJ, as real Persian pages are; `is-invalid` feedback.
- `/spa/`: a single-page app whose two screens are routes changed by `history.pushState`.
- `/jalali/`: a Persian booking form whose date is picked in `@majidh1/jalalidatepicker` (its own
  JS and CSS, `data-jdp`); the server rejects a date that is not a Jalali date.
- `/wf/`: a WebForms-style page: `javascript:__doPostBack(...)` links submit the one form back
  to the same URL with `__EVENTTARGET` and `__VIEWSTATE`; a `validation-summary-errors`.
- `/shop/`: a payment reached by an auto-submitted POST form to a gateway on another host
  (`localhost`, not `127.0.0.1`) and back by another auto-POST; the gateway rejects a card.
- `/embed/`: a form in a same-origin iframe, and two small custom elements written here with
  open shadow roots (a labelled field, a button slotting its words), as web components are built.

Nothing here is a practice portal page: the markup of the first two is the design systems'.
"""

from __future__ import annotations

import html
import re
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import jinja2

ROOT = Path(__file__).resolve().parents[2]
NPM = ROOT / ".cache" / "npm" / "node_modules"
USWDS = NPM / "@uswds" / "uswds"
BOOTSTRAP = NPM / "bootstrap"
JALALI = NPM / "@majidh1" / "jalalidatepicker"
MISSING = (
    "The conformance sites need the design systems from npm in {path}. To fix: run "
    "`make conformance-deps` (it installs tests/conformance/package-lock.json)."
)
TYPES = {
    ".css": "text/css",
    ".js": "text/javascript",
    ".svg": "image/svg+xml",
    ".woff2": "font/woff2",
    ".png": "image/png",
}


def check_installed() -> None:
    for path in (
        USWDS / "dist" / "css" / "uswds.min.css",
        BOOTSTRAP / "dist" / "css",
        JALALI / "dist" / "jalalidatepicker.min.js",
    ):
        if not path.exists():
            raise RuntimeError(MISSING.format(path=path))


def twig(package: str, name: str, **context: object) -> str:
    """A USWDS component's own Twig template, rendered by Jinja2 (Twig's `elseif` is `elif`)."""
    source = (USWDS / "packages" / package / "src" / name).read_text(encoding="utf-8")
    source = source.replace("{% elseif", "{% elif")
    return jinja2.Environment(autoescape=True).from_string(source).render(**context)


# ---- US Web Design System ---------------------------------------------------------------


def _uswds_form(values: dict[str, str], error: bool) -> str:
    radios = twig("usa-radio", "usa-radio.twig", indeterminate_state=True)
    date = twig("usa-memorable-date", "usa-memorable-date.twig", id="dob")
    figure = values.get("historical-figures", "")
    if figure:  # the server keeps what was sent
        radios = radios.replace(f'value="{figure}"', f'value="{html.escape(figure)}" checked')
    month = values.get("dob-month", "")
    if month:
        date = date.replace(f'<option value="{month}">', f'<option value="{month}" selected>')
    for field in ("dob-day", "dob-year"):
        value = html.escape(values.get(field, ""))
        date = re.sub(rf'(id="{field}"[^>]*?)value=""', rf'\1value="{value}"', date, flags=re.S)
    summary = ""
    if error:
        date = date.replace(
            'id="dob-year"', 'id="dob-year" aria-invalid="true" aria-errormessage="dob-year-error"'
        ).replace(
            '<label class="usa-label" for="dob-year">Year</label>',
            '<label class="usa-label usa-label--error" for="dob-year">Year</label>'
            '<span class="usa-error-message" id="dob-year-error" role="alert">'
            "Enter a year from 1900 onwards</span>",
        )
        summary = (
            '<div class="usa-alert usa-alert--error" role="alert"><div class="usa-alert__body">'
            '<h2 class="usa-alert__heading">There is a problem</h2><p class="usa-alert__text">'
            '<a href="#dob-year">Enter a year from 1900 onwards</a></p></div></div>'
        )
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Apply</title>'
        '<link rel="stylesheet" href="/npm/@uswds/uswds/dist/css/uswds.min.css">'
        '<script src="/npm/@uswds/uswds/dist/js/uswds-init.min.js"></script></head><body>'
        '<main class="grid-container"><h1>Apply for a reading card</h1>'
        + summary
        + '<form class="usa-form usa-form--large" method="post" action="/uswds/apply">'
        + radios
        + date
        + '<button class="usa-button" type="submit">Continue</button></form></main>'
        '<script src="/npm/@uswds/uswds/dist/js/uswds.min.js"></script></body></html>'
    )


def _uswds_done() -> str:
    return (
        '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Done</title>'
        '<link rel="stylesheet" href="/npm/@uswds/uswds/dist/css/uswds.min.css"></head><body>'
        '<main class="grid-container"><div class="usa-alert usa-alert--success" role="status">'
        '<div class="usa-alert__body"><h1 class="usa-alert__heading">Application received</h1>'
        '<p class="usa-alert__text">Reference RDC-48213</p></div></div></main></body></html>'
    )


# ---- Bootstrap 5 RTL, in Persian ----------------------------------------------------------

# Written as many Persian sites are: Arabic yeh (ي) and kaf (ك), a ZWNJ, Persian digits.
BS_NAME = "نام و نام خانوادگي"
BS_CODE = "كد ملي"
BS_CITY = "شهر محل سكونت"
BS_SMS = "پیامک‌ها را می‌خواهم"


def _bootstrap_form(values: dict[str, str], error: bool) -> str:
    code = html.escape(values.get("code", ""))
    invalid = ' is-invalid" aria-invalid="true' if error else ""
    feedback = (
        '<div class="invalid-feedback" id="code-error">كد ملي باید ۱۰ رقم باشد.</div>'
        if error
        else ""
    )
    city = values.get("city", "")
    options = "".join(
        f'<option value="{v}"{" selected" if v == city else ""}>{t}</option>'
        for v, t in (("", "انتخاب كنید"), ("tehran", "تهران"), ("tabriz", "تبریز"))
    )
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>ثبت‌نام</title>'
        '<link rel="stylesheet" href="/npm/bootstrap/dist/css/bootstrap.rtl.min.css"></head>'
        '<body><main class="container py-4"><h1 class="h3 mb-4">ثبت‌نام در سامانه</h1>'
        '<form method="post" action="/bs/register" novalidate>'
        f'<div class="mb-3"><label for="fullname" class="form-label">{BS_NAME}</label>'
        '<input type="text" class="form-control" id="fullname" name="fullname" '
        f'value="{html.escape(values.get("fullname", ""))}"></div>'
        f'<div class="mb-3"><label for="code" class="form-label">{BS_CODE}</label>'
        f'<input type="text" class="form-control{invalid}" id="code" name="code" value="{code}" '
        'aria-describedby="code-help code-error">'
        '<div id="code-help" class="form-text">ده رقم، بدون خط تیره</div>' + feedback + "</div>"
        f'<div class="mb-3"><label for="city" class="form-label">{BS_CITY}</label>'
        f'<select class="form-select" id="city" name="city">{options}</select></div>'
        '<div class="form-check form-switch mb-3">'
        '<input class="form-check-input" type="checkbox" role="switch" id="sms" name="sms">'
        f'<label class="form-check-label" for="sms">{BS_SMS}</label></div>'
        '<button type="submit" class="btn btn-primary">ثبت درخواست</button></form></main>'
        '<script src="/npm/bootstrap/dist/js/bootstrap.bundle.min.js"></script></body></html>'
    )


def _bootstrap_done() -> str:
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>ثبت شد</title>'
        '<link rel="stylesheet" href="/npm/bootstrap/dist/css/bootstrap.rtl.min.css"></head>'
        '<body><main class="container py-4"><div class="alert alert-success" role="alert">'
        '<h1 class="h4">درخواست شما ثبت شد</h1><p>شماره پیگیری: ۱۴۰۳۲۲۷۱</p></div></main>'
        "</body></html>"
    )


def _persian_digits_to_latin(text: str) -> str:
    return text.translate(str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789"))


# ---- a single-page app ----------------------------------------------------------------------

SPA = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Book</title></head>
<body><main id="app"></main><script>
function render() {
  var app = document.getElementById("app");
  if (location.pathname === "/spa/confirm") {
    app.innerHTML = '<h1>Check your booking</h1><p>Time: <span id="t"></span></p>' +
      '<button type="button" id="confirm">Confirm booking</button>';
    document.getElementById("t").textContent = sessionStorage.getItem("slot") || "";
    document.getElementById("confirm").onclick = function () {
      app.innerHTML = '<h1 role="status">Booking confirmed</h1>';
    };
    return;
  }
  app.innerHTML = '<h1>Book an appointment</h1><div role="radiogroup" aria-labelledby="q">' +
    '<p id="q">Choose a time</p>' +
    '<div role="radio" tabindex="0" aria-checked="false" data-v="9">9:00</div>' +
    '<div role="radio" tabindex="-1" aria-checked="false" data-v="14">14:00</div></div>' +
    '<button type="button" id="next">Next</button>';
  app.querySelectorAll("[role=radio]").forEach(function (r) {
    r.style.padding = "8px"; r.style.border = "1px solid #555"; r.style.margin = "4px";
    r.onclick = function () {
      app.querySelectorAll("[role=radio]").forEach(function (o) {
        o.setAttribute("aria-checked", "false");
      });
      r.setAttribute("aria-checked", "true");
      sessionStorage.setItem("slot", r.textContent);
    };
  });
  document.getElementById("next").onclick = function () {
    history.pushState({}, "", "/spa/confirm?from=book"); render();
  };
}
window.addEventListener("popstate", render);
render();
</script></body></html>"""


# ---- a Jalali date picker -------------------------------------------------------------------

JALALI_LABEL = "تاريخ مراجعه"  # Arabic yeh, as on many Persian sites


def _jalali_form(value: str, error: bool) -> str:
    invalid = (
        ' class="form-control is-invalid" aria-invalid="true"' if error else ' class="form-control"'
    )
    feedback = (
        '<div class="invalid-feedback" id="visit-error">تاریخ را از تقویم انتخاب کنید.</div>'
        if error
        else ""
    )
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>نوبت</title>'
        '<link rel="stylesheet" href="/npm/bootstrap/dist/css/bootstrap.rtl.min.css">'
        '<link rel="stylesheet" '
        'href="/npm/@majidh1/jalalidatepicker/dist/jalalidatepicker.min.css">'
        '</head><body><main class="container py-4"><h1 class="h3 mb-4">گرفتن نوبت</h1>'
        '<form method="post" action="/jalali/book" novalidate><div class="mb-3">'
        f'<label for="visit" class="form-label">{JALALI_LABEL}</label>'
        f'<input type="text" id="visit" name="visit" data-jdp autocomplete="off"{invalid} '
        f'value="{html.escape(value)}" aria-describedby="visit-error">{feedback}</div>'
        '<button type="submit" class="btn btn-primary">ثبت نوبت</button></form></main>'
        '<script src="/npm/@majidh1/jalalidatepicker/dist/jalalidatepicker.min.js"></script>'
        "<script>jalaliDatepicker.startWatch({minDate: 'attr', maxDate: 'attr'});</script>"
        "</body></html>"
    )


def _jalali_done(value: str) -> str:
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>نوبت</title>'
        '<link rel="stylesheet" href="/npm/bootstrap/dist/css/bootstrap.rtl.min.css"></head>'
        '<body><main class="container py-4"><div class="alert alert-success" role="status">'
        f'<h1 class="h4">نوبت شما ثبت شد</h1><p>تاریخ: {html.escape(value)}</p></div></main>'
        "</body></html>"
    )


# ---- a WebForms-style postback page ------------------------------------------------------------

WF_CASE = "ctl00$MainContent$txtCase"
WF_SEARCH = "ctl00$MainContent$lnkSearch"


def _webforms(values: dict[str, str], state: str) -> str:
    """state: "" (empty form), "error" (not found), "found" (the case's status)."""
    case = html.escape(values.get(WF_CASE, ""))
    error = state == "error"
    summary = (
        '<div id="ctl00_MainContent_vsSummary" class="validation-summary-errors" role="alert">'
        "<ul><li>پرونده‌ای با این شماره پیدا نشد.</li></ul></div>"
        if error
        else ""
    )
    result = (
        '<div id="ctl00_MainContent_pnlResult" class="result"><p>وضعیت پرونده: در حال بررسی</p>'
        "</div>"
        if state == "found"
        else ""
    )
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">'
        "<title>پیگیری پرونده</title></head><body>"
        '<form method="post" action="./Default.aspx" id="aspnetForm">'
        '<input type="hidden" name="__EVENTTARGET" id="__EVENTTARGET" value="">'
        '<input type="hidden" name="__EVENTARGUMENT" id="__EVENTARGUMENT" value="">'
        '<input type="hidden" name="__VIEWSTATE" id="__VIEWSTATE" value="/wEPDwUKLTk1MjY3NzQ0NmRk">'
        "<script type=\"text/javascript\">//<![CDATA[\nvar theForm = document.forms['aspnetForm'];"
        "\nfunction __doPostBack(eventTarget, eventArgument) {\n"
        "    if (!theForm.onsubmit || (theForm.onsubmit() != false)) {\n"
        "        theForm.__EVENTTARGET.value = eventTarget;\n"
        "        theForm.__EVENTARGUMENT.value = eventArgument;\n"
        "        theForm.submit();\n    }\n}\n//]]></script>"
        "<h1>پیگیری پرونده</h1>" + summary + "<table><tr><td>"
        '<label for="ctl00_MainContent_txtCase" id="ctl00_MainContent_lblCase">شماره پرونده</label>'
        '</td><td><input name="ctl00$MainContent$txtCase" type="text" maxlength="8" '
        f'id="ctl00_MainContent_txtCase" class="{"textbox error" if error else "textbox"}" '
        f'value="{case}"></td></tr></table>'
        '<a id="ctl00_MainContent_lnkSearch" class="button" '
        'href="javascript:__doPostBack(&#39;ctl00$MainContent$lnkSearch&#39;,&#39;&#39;)">'
        "جستجو</a>" + result + "</form></body></html>"
    )


# ---- a shop, and a payment gateway on another host reached by auto-POST ----------------------


def _autopost(action: str, fields: dict[str, str], words: str) -> str:
    hidden = "".join(
        f'<input type="hidden" name="{k}" value="{html.escape(v)}">' for k, v in fields.items()
    )
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>انتقال</title>'
        f"</head><body><p>{words}</p>"
        f'<form method="post" action="{html.escape(action)}">{hidden}'
        '<noscript><button type="submit">ادامه</button></noscript></form>'
        "<script>document.forms[0].submit();</script></body></html>"
    )


def _shop_cart() -> str:
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>پرداخت</title>'
        '<link rel="stylesheet" href="/npm/bootstrap/dist/css/bootstrap.rtl.min.css"></head>'
        '<body><main class="container py-4"><h1 class="h3">پرداخت هزینهٔ گواهی</h1>'
        "<p>مبلغ: ۲۵۰٬۰۰۰ ریال</p>"
        '<form method="post" action="/shop/checkout"><input type="hidden" name="order" value="77">'
        '<button type="submit" class="btn btn-success">پرداخت</button></form></main></body></html>'
    )


def _gateway(error: bool) -> str:
    invalid = " is-invalid" if error else ""
    alert = (
        '<div class="alert alert-danger" role="alert">شماره کارت نادرست است.</div>' if error else ""
    )
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>درگاه</title>'
        '<link rel="stylesheet" href="/npm/bootstrap/dist/css/bootstrap.rtl.min.css"></head>'
        '<body><main class="container py-4"><h1 class="h4">درگاه پرداخت اینترنتی</h1>'
        + alert
        + '<form method="post" action="/gw/pay"><input type="hidden" name="token" value="t-77">'
        '<div class="mb-3"><label class="form-label" for="pan">شماره كارت</label>'
        f'<input class="form-control{invalid}" id="pan" name="pan" inputmode="numeric"></div>'
        '<div class="mb-3"><label class="form-label" for="pin2">رمز دوم</label>'
        '<input class="form-control" id="pin2" name="pin2" type="password"></div>'
        '<button type="submit" class="btn btn-primary">پرداخت</button></form></main></body></html>'
    )


def _shop_receipt() -> str:
    return (
        '<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"><title>رسید</title>'
        '<link rel="stylesheet" href="/npm/bootstrap/dist/css/bootstrap.rtl.min.css"></head>'
        '<body><main class="container py-4"><div class="alert alert-success" role="status">'
        '<h1 class="h4">پرداخت انجام شد</h1><p>کد رهگیری: ۷۷۸۸۹۹</p></div></main></body></html>'
    )


# ---- a same-origin iframe and web components with open shadow roots -------------------------

EMBED = """<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8">
<title>درخواست</title><style>body{font:18px sans-serif;margin:24px}
iframe{width:600px;height:160px;border:1px solid #888}</style></head><body><h1>درخواست کارت</h1>
<iframe src="/embed/frame" title="نشانی"></iframe>
<gov-field label="شماره همراه" name="mobile"></gov-field>
<gov-button>ارسال درخواست</gov-button><p id="out"></p>
<script>
customElements.define("gov-field", class extends HTMLElement {
  connectedCallback() {
    var root = this.attachShadow({mode: "open"});
    root.innerHTML = '<style>label{display:block;margin:12px 0 4px}' +
      'input{font:inherit;padding:6px}</style>' +
      '<label for="f"></label><input id="f" inputmode="numeric">';
    root.querySelector("label").textContent = this.getAttribute("label");
  }
});
customElements.define("gov-button", class extends HTMLElement {
  connectedCallback() {
    var root = this.attachShadow({mode: "open"});
    root.innerHTML = '<button type="button" ' +
      'style="font:inherit;margin-top:16px;padding:8px 16px"><slot></slot></button>';
    root.querySelector("button").addEventListener("click", function () {
      var out = document.getElementById("out");
      out.setAttribute("role", "status");
      out.textContent = "درخواست شما فرستاده شد";
    });
  }
});
</script></body></html>"""

EMBED_FRAME = """<!doctype html><html lang="fa" dir="rtl"><head><meta charset="utf-8"></head>
<body style="font:18px sans-serif"><form><label for="postal">کد پستی</label>
<input id="postal" name="postal" inputmode="numeric" style="font:inherit;padding:6px"></form>
</body></html>"""


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *_args: object) -> None:  # quiet
        pass

    def _send(self, body: bytes, kind: str = "text/html; charset=utf-8", code: int = 200) -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(303)
        self.send_header("Location", where)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = urlsplit(self.path).path
        if path.startswith("/npm/"):
            file = (NPM / path.removeprefix("/npm/")).resolve()
            if NPM.resolve() in file.parents and file.is_file():
                self._send(file.read_bytes(), TYPES.get(file.suffix, "application/octet-stream"))
            else:
                self._send(b"not found", "text/plain", 404)
        elif path == "/uswds/apply":
            self._send(_uswds_form({}, False).encode())
        elif path == "/uswds/done":
            self._send(_uswds_done().encode())
        elif path == "/bs/register":
            self._send(_bootstrap_form({}, False).encode())
        elif path == "/bs/done":
            self._send(_bootstrap_done().encode())
        elif path.startswith("/spa/"):
            self._send(SPA.encode())
        elif path == "/jalali/book":
            self._send(_jalali_form("", False).encode())
        elif path == "/wf/Default.aspx":
            self._send(_webforms({}, "").encode())
        elif path == "/jalali/done":
            self._send(_jalali_done(parse_qs(urlsplit(self.path).query).get("d", [""])[0]).encode())
        elif path == "/gw/return":
            port = self.server.server_address[1]
            back = f"http://127.0.0.1:{port}/shop/return"
            words = "در حال بازگشت به سایت پذیرنده…"
            self._send(_autopost(back, {"RefNum": "778899", "State": "OK"}, words).encode())
        elif path == "/embed/apply":
            self._send(EMBED.encode())
        elif path == "/embed/frame":
            self._send(EMBED_FRAME.encode())
        elif path == "/shop/cart":
            self._send(_shop_cart().encode())
        elif path == "/shop/receipt":
            self._send(_shop_receipt().encode())
        else:
            self._send(b"not found", "text/plain", 404)

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        form = {k: v[-1] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        path = urlsplit(self.path).path
        if path == "/uswds/apply":
            year = form.get("dob-year", "")
            if year.isdigit() and 1900 <= int(year) <= 2025:
                self._redirect("/uswds/done?ref=48213")
            else:
                self._send(_uswds_form(form, True).encode(), code=200)
        elif path == "/bs/register":
            code = _persian_digits_to_latin(form.get("code", ""))
            if len(code) == 10 and code.isdigit():
                self._redirect("/bs/done")
            else:
                self._send(_bootstrap_form(form, True).encode(), code=200)
        elif path == "/jalali/book":
            value = _persian_digits_to_latin(form.get("visit", ""))
            if re.fullmatch(r"1[34][0-9]{2}/(0[1-9]|1[0-2])/(0[1-9]|[12][0-9]|3[01])", value):
                self._redirect("/jalali/done?d=" + value)
            else:
                self._send(_jalali_form(form.get("visit", ""), True).encode())
        elif path == "/wf/Default.aspx":
            found = form.get(WF_CASE, "").startswith("14")
            state = "found" if found else "error"
            if form.get("__EVENTTARGET") != WF_SEARCH or "__VIEWSTATE" not in form:
                state = ""
            self._send(_webforms(form, state).encode())
        elif path == "/shop/checkout":
            port = self.server.server_address[1]
            action = f"http://localhost:{port}/gw/start"
            words = "در حال انتقال به درگاه پرداخت…"
            self._send(_autopost(action, {"token": "t-77", "amount": "250000"}, words).encode())
        elif path == "/gw/start":
            self._send(_gateway(False).encode())
        elif path == "/gw/pay":
            if form.get("pan", "").startswith("6") and len(form.get("pan", "")) == 16:
                self._redirect("/gw/return")
            else:
                self._send(_gateway(True).encode())
        elif path == "/shop/return" and form.get("State") == "OK":
            self._redirect("/shop/receipt?ref=" + form.get("RefNum", ""))
        else:
            self._send(b"not found", "text/plain", 404)


class Sites:
    """The conformance sites on a free port of 127.0.0.1 (stop() when done)."""

    def __init__(self) -> None:
        check_installed()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()
        self.portal_url = self.url + "/"  # what GuidedTab reads as its portal's address

    def bases(self) -> dict[str, str]:
        # The gateway: the same server by another host name, so another origin and host.
        return {"site": self.url, "gateway": self.url.replace("127.0.0.1", "localhost")}

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()
