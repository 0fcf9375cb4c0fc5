"""The portal's page frame: header, practice ribbon, navigation, breadcrumbs, footer."""

from __future__ import annotations

from kiosk.practice_portal.httpbase import Response, quote_path
from kiosk.practice_portal.render import Markup, Templates, join, tag
from kiosk.practice_portal.texts import local_digits, translate

NAV = (
    ("nav_home", "/"),
    ("nav_track", "/track"),
    ("nav_dashboard", "/dashboard"),
    ("nav_help", "#help"),
)


def mask_id(national_id: str) -> str:
    """A national ID with its middle digits hidden, as portals show it in the header."""
    return national_id[:3] + "****" + national_id[-3:]


def crumbs_html(lang: str, crumbs: list[tuple[str, str | None]]) -> Markup:
    """Breadcrumb items: home first, the current page (no link) last."""
    if not crumbs:
        return tag("li", tag("span", translate("nav_home", lang), aria_current="page"))
    items = [tag("li", tag("a", translate("nav_home", lang), href="/"))]
    for i, (text, href) in enumerate(crumbs):
        last = i == len(crumbs) - 1
        if href and not last:
            items.append(tag("li", tag("a", text, href=href)))
        else:
            items.append(tag("li", tag("span", text, aria_current="page" if last else None)))
    return join(items)


def page(
    templates: Templates,
    *,
    lang: str,
    title: str,
    content: Markup,
    here: str,
    crumbs: list[tuple[str, str | None]] | None = None,
    user: str | None = None,
    flash: list[str] | None = None,
    status: int = 200,
    signin_href: str = "/signin",
) -> Response:
    """A full portal page around `content`."""
    other = "en" if lang == "fa" else "fa"
    if user:
        user_box = join(
            [
                tag(
                    "span",
                    join(
                        [
                            translate("signed_in_as", lang),
                            " ",
                            tag("bdi", local_digits(mask_id(user), lang)),
                        ]
                    ),
                    cls="user-id",
                ),
                tag("a", translate("signout", lang), href="/signout", cls="btn btn-light"),
            ]
        )
    else:
        user_box = tag("a", translate("signin", lang), href=signin_href, cls="btn btn-light")
    nav = join(
        tag(
            "li",
            tag(
                "a", translate(key, lang), href=href, aria_current="page" if href == here else None
            ),
        )
        for key, href in NAV
    )
    notes = join(
        tag("div", translate(key, lang), cls="alert alert-info", role="status")
        for key in flash or []
    )
    body = templates.render(
        "layout.html",
        lang,
        lang=lang,
        dir="rtl" if lang == "fa" else "ltr",
        title=title,
        user_box=user_box,
        lang_href=f"/lang/{other}?next={quote_path(here)}",
        other_lang=other,
        nav=nav,
        crumbs=crumbs_html(lang, [(title, None)] if crumbs is None else crumbs),
        flash=notes,
        content=content,
        year=local_digits(1405, lang),
    )
    return Response(status=status, body=body.encode("utf-8"))
