"""The service catalogue: search, icons, breadcrumbs, maintenance page, error pages."""

from __future__ import annotations

from tests.portal.helpers import Browser


def test_catalogue_lists_services_with_icons(browser: Browser) -> None:
    html = browser.get("/").text
    assert html.count('class="service-card"') == 7
    assert "/static/icons/civil.svg" in html and 'role="search"' in html
    assert browser.get("/static/icons/civil.svg").headers["Content-Type"].startswith("image/svg")
    assert browser.get("/static/logo.svg").status_code == 200


def test_search_filters_in_both_scripts(browser: Browser) -> None:
    assert browser.get("/?q=قبض").text.count('class="service-card"') == 1
    browser.get("/lang/en")
    assert browser.get("/?q=bill").text.count('class="service-card"') == 1
    page = browser.get("/?q=zzzz")
    assert page.text.count('class="service-card"') == 0
    assert "No service matches your search." in page.text


def test_fonts_and_assets_are_served_locally(browser: Browser) -> None:
    font = browser.get("/fonts/Vazirmatn-Regular.ttf")
    assert font.status_code == 200 and font.headers["Content-Type"] == "font/ttf"
    assert browser.get("/fonts/../../pyproject.toml").status_code == 404
    css = browser.get("/static/portal.css").text
    assert "/fonts/Vazirmatn-Bold.ttf" in css and "https://" not in css


def test_breadcrumbs(citizen: Browser) -> None:
    html = citizen.get("/services/feedback").text
    assert 'aria-label="مسیر صفحه"' in html and 'aria-current="page"' in html


def test_not_found_page_in_page_language(browser: Browser) -> None:
    page = browser.get("/nowhere")
    assert page.status_code == 404 and "صفحه پیدا نشد" in page.text
    browser.get("/lang/en")
    assert "Page not found" in browser.get("/nowhere").text


def test_unavailable_service_shows_maintenance(browser: Browser) -> None:
    page = browser.get("/services/vehicle")
    assert page.status_code == 503 and "سامانه موقتاً در دسترس نیست" in page.text
    assert "دفتر پیشخوان" in page.text


def test_maintenance_mode_via_flag_and_staff_endpoint(browser: Browser) -> None:
    portal = browser.portal
    portal.maintenance = True
    assert browser.get("/").status_code == 503
    assert browser.get("/static/portal.css").status_code == 200
    token = portal.reset_token
    assert browser.post("/__maintenance", {"token": token, "on": "0"}).json() == {
        "maintenance": False
    }
    assert browser.get("/").status_code == 200
    assert browser.post("/__maintenance", {"token": "wrong", "on": "1"}).status_code == 403
    browser.post("/__maintenance", {"token": token, "on": "1"})
    assert browser.get("/signin").status_code == 503


def test_security_headers(browser: Browser) -> None:
    headers = browser.get("/").headers
    assert (
        "form-action 'self' " + browser.portal.gateway_url[:-1]
        in headers["Content-Security-Policy"]
    )
    assert headers["Cache-Control"] == "no-store"
