"""The phishing look-alike (a third origin): a copy of the sign-in page that keeps nothing.

It looks like the portal's sign-in but also asks for a card number and card password, a red
flag the safety lesson teaches. Whatever is submitted is thrown away and a page explains what
happened and how to spot the fake address.
"""

from __future__ import annotations

from kiosk.practice_portal import captcha, frame
from kiosk.practice_portal.httpbase import Request, Response
from kiosk.practice_portal.render import Form, Templates, shared_asset, tag
from kiosk.practice_portal.texts import Verbatim, translate


class PhishingApp:
    """The fake site: stateless, language from the query string or a hidden field."""

    def __init__(self, templates: Templates) -> None:
        self.templates = templates
        self.url = ""
        self.real_url = ""

    def __call__(self, request: Request) -> Response:
        path = request.path
        asset = shared_asset(path)
        if asset is not None:
            return asset
        lang = request.arg("lang") if request.arg("lang") in ("fa", "en") else "fa"
        if path == "/captcha.svg":
            return Response(body=captcha.svg(captcha.new_answer()), content_type="image/svg+xml")
        if request.method == "POST" and path in ("/", "/signin"):
            return self._reveal(lang)  # the typed values are never looked at nor kept
        if path in ("/", "/signin"):
            return self._signin(lang, path)
        return Response.redirect(f"/signin?lang={lang}")

    def _signin(self, lang: str, path: str) -> Response:
        form = Form(lang)
        content = self.templates.render(
            "phishing_signin.html",
            lang,
            lang=lang,
            national_id=form.input(
                "national_id",
                "national_id",
                hint_key="national_id_hint",
                ltr=True,
                inputmode="numeric",
                autocomplete="off",
            ),
            mobile=form.input("mobile", "mobile", hint_key="mobile_hint", type_="tel", ltr=True),
            card=form.input("card", "ph_card", ltr=True, inputmode="numeric"),
            pin=form.input("pin", "ph_pin", type_="password", ltr=True, inputmode="numeric"),
            captcha=form.input(
                "captcha",
                "captcha",
                hint_key="captcha_hint",
                ltr=True,
                inputmode="numeric",
                autocomplete="off",
            ),
        )
        return frame.page(
            self.templates,
            lang=lang,
            title=translate("signin_title", lang),
            content=content,
            here=path,
            signin_href=f"/signin?lang={lang}",
        )

    def _reveal(self, lang: str) -> Response:
        content = self.templates.render(
            "phishing_reveal.html",
            lang,
            text=translate(
                "ph_reveal_text", lang, fake=Verbatim(self.url), real=Verbatim(self.real_url)
            ),
            real=tag(
                "a",
                translate("ph_go_real", lang),
                href=f"{self.real_url}signin",
                cls="btn btn-primary",
            ),
        )
        return frame.page(
            self.templates,
            lang=lang,
            title=translate("ph_reveal_title", lang),
            content=content,
            here="/signin",
        )
