"""The practice portal's own texts in Persian and English (a fictional third-party site).

The kiosk's gettext catalog is for the kiosk's interface; this site is something learners look
at, like a real portal, so it carries its own small dictionary. `{name}` placeholders are filled
by `translate`, which writes digits in Persian on Persian pages.
"""

from __future__ import annotations

from kiosk.practice_portal.texts_gateway import GATEWAY_TEXTS
from kiosk.practice_portal.texts_services import SERVICE_TEXTS
from kiosk.practice_portal.validation import persian_digits

PORTAL_TEXTS: dict[str, tuple[str, str]] = {
    # Frame
    "site_name": ("پنجره واحد خدمات روشنا", "Roshana Single-Window Services"),
    "site_tagline": (
        "درگاه خدمات الکترونیک استان خیالی روشنا",
        "E-services of the imaginary province of Roshana",
    ),
    "ribbon": (
        "نسخه تمرینی — این سایت واقعی نیست و اطلاعات شما جایی فرستاده نمی‌شود",
        "PRACTICE — this is not a real government site; nothing you type leaves this computer",
    ),
    "ribbon_short": ("تمرینی", "Practice"),
    "skip": ("رفتن به محتوای اصلی", "Skip to main content"),
    "nav_main": ("منوی اصلی", "Main menu"),
    "nav_home": ("صفحه اصلی", "Home"),
    "nav_services": ("خدمات", "Services"),
    "nav_track": ("پیگیری درخواست", "Track a request"),
    "nav_help": ("راهنما", "Help"),
    "nav_dashboard": ("میز خدمت من", "My desk"),
    "breadcrumb": ("مسیر صفحه", "Breadcrumb"),
    "signin": ("ورود", "Sign in"),
    "signout": ("خروج", "Sign out"),
    "signed_in_as": ("کاربر:", "User:"),
    "lang_other": ("English", "فارسی"),
    "footer_help_title": ("راهنما و پشتیبانی", "Help and support"),
    "footer_help": (
        "پاسخگویی تلفنی (تمرینی): ۹۹۹۹-۰۰۰۰ — همه روزه ۸ تا ۲۰",
        "Help line (practice): 0000-9999 — every day 8:00 to 20:00",
    ),
    "footer_offline": (
        "اگر سامانه در دسترس نبود، می‌توانید حضوری به دفتر پیشخوان خدمات مراجعه کنید.",
        "If the system is down you can always go to a service counter in person.",
    ),
    "footer_about": (
        "روشنا نامی خیالی است. این سایت برای آموزش ساخته شده و به هیچ سازمان واقعی وصل نیست.",
        "Roshana is an invented name. This site is for learning and is not connected to any real "
        "organisation.",
    ),
    "footer_links": ("پیوندها", "Links"),
    "footer_privacy": ("حریم خصوصی", "Privacy"),
    # Catalogue
    "catalogue_title": ("خدمات الکترونیک", "E-services"),
    "catalogue_intro": (
        "خدمت مورد نیاز خود را جستجو یا از فهرست زیر انتخاب کنید.",
        "Search for the service you need or choose it from the list below.",
    ),
    "search_label": ("جستجوی خدمت", "Search services"),
    "search_button": ("جستجو", "Search"),
    "search_none": ("خدمتی با این عنوان پیدا نشد.", "No service matches your search."),
    "needs_signin": ("نیاز به ورود", "Sign-in needed"),
    "open_service": ("ورود به خدمت", "Open service"),
    # Form frame and common errors
    "form_errors": (
        "فرم خطا دارد. لطفاً موارد مشخص‌شده را اصلاح کنید.",
        "The form has errors. Please correct the marked fields.",
    ),
    "required_note": ("فیلدهای ستاره‌دار الزامی هستند.", "Fields marked with * are required."),
    "err_required": ("پر کردن این قسمت الزامی است.", "This field is required."),
    "err_digits": ("فقط عدد وارد کنید.", "Enter digits only."),
    "err_choice": ("یکی از گزینه‌ها را انتخاب کنید.", "Choose one of the options."),
    "err_too_long": ("متن بیش از حد طولانی است.", "The text is too long."),
    "err_too_short": ("دست‌کم ۲ حرف بنویسید.", "Write at least 2 letters."),
    "err_form_expired": (
        "این فرم منقضی شده یا نامعتبر است. لطفاً صفحه را از نو باز کنید.",
        "This form has expired or is not valid. Please open the page again.",
    ),
    "already_submitted": (
        "این فرم قبلاً ارسال شده بود؛ نتیجه همان ارسال را می‌بینید و چیزی دوباره ثبت نشد.",
        "This form had already been sent; you are seeing the result of that submission and "
        "nothing was recorded twice.",
    ),
    # Sign-in
    "signin_title": ("ورود به پنجره واحد", "Sign in to the single window"),
    "signin_intro": (
        "با کد ملی و شماره همراهی که به نام خودتان است وارد شوید. یک کد یکبارمصرف برایتان "
        "پیامک می‌شود.",
        "Sign in with your national ID and the mobile number registered in your name. "
        "A one-time code will be sent to you by SMS.",
    ),
    "national_id": ("کد ملی", "National ID"),
    "national_id_hint": ("۱۰ رقم، بدون خط تیره", "10 digits, without dashes"),
    "mobile": ("شماره همراه", "Mobile number"),
    "mobile_hint": ("به نام خودتان؛ مثل ۰۹۱۲۳۴۵۶۷۸۹", "In your own name, e.g. 09123456789"),
    "captcha": ("کد امنیتی", "Security code"),
    "captcha_hint": (
        "عددهای داخل تصویر را وارد کنید",
        "Type the digits shown in the picture",
    ),
    "captcha_alt": ("تصویر کد امنیتی", "Security code picture"),
    "captcha_new": ("تصویر جدید", "New picture"),
    "signin_submit": ("دریافت کد یکبارمصرف", "Get one-time code"),
    "err_nid_length": ("کد ملی باید ۱۰ رقم باشد.", "The national ID must have 10 digits."),
    "err_nid_digits": (
        "کد ملی فقط از عدد تشکیل می‌شود؛ حرف وارد نکنید.",
        "A national ID contains digits only; do not type letters.",
    ),
    "err_nid_checksum": (
        "این کد ملی معتبر نیست. رقم‌ها را دوباره با کارت ملی مقایسه کنید.",
        "This national ID is not valid. Check the digits against the ID card again.",
    ),
    "err_mobile_digits": ("شماره همراه فقط از عدد تشکیل می‌شود.", "A mobile number is digits only."),
    "err_mobile_length": (
        "شماره همراه باید ۱۱ رقم باشد و با ۰۹ شروع شود.",
        "The mobile number must have 11 digits and start with 09.",
    ),
    "err_captcha": (
        "کد امنیتی درست نیست. عددهای تصویر جدید را وارد کنید.",
        "The security code is wrong. Type the digits of the new picture.",
    ),
    "need_signin": (
        "برای استفاده از این خدمت ابتدا وارد شوید.",
        "Please sign in first to use this service.",
    ),
    "signed_out": ("از سامانه خارج شدید.", "You have signed out."),
    "session_timeout": (
        "به دلیل مدتی بی‌کاری، برای امنیت شما از سامانه خارج شدید. دوباره وارد شوید.",
        "You were signed out after a while without activity, for your safety. "
        "Please sign in again.",
    ),
    # OTP and simulated phone
    "otp_title": ("کد تأیید", "Verification code"),
    "otp_intro": (
        "کد ۵ رقمی پیامک‌شده به شماره {mobile} را وارد کنید.",
        "Enter the 5-digit code sent by SMS to {mobile}.",
    ),
    "otp": ("کد یکبارمصرف", "One-time code"),
    "otp_submit": ("ورود", "Sign in"),
    "otp_resend": ("ارسال دوباره کد", "Send the code again"),
    "otp_change": ("تغییر شماره یا کد ملی", "Change number or national ID"),
    "otp_validity": ("اعتبار کد: {seconds} ثانیه", "Code valid for: {seconds} seconds"),
    "otp_resent": ("کد تازه فرستاده شد.", "A new code has been sent."),
    "err_otp_wrong": ("کد وارد شده درست نیست.", "The code you entered is not correct."),
    "err_otp_length": ("کد باید ۵ رقم باشد.", "The code must have 5 digits."),
    "err_otp_expired": (
        "اعتبار این کد تمام شده است. روی «ارسال دوباره کد» بزنید.",
        "This code has expired. Press “Send the code again”.",
    ),
    "err_otp_too_many": (
        "کد نادرست چند بار وارد شد. برای امنیت، دوباره از ابتدا وارد شوید.",
        "A wrong code was entered too many times. For your safety, please sign in again.",
    ),
    "phone_title": ("گوشی شما (شبیه‌سازی)", "Your phone (simulated)"),
    "phone_empty": ("پیامی ندارید.", "No messages."),
    "phone_sender": ("روشنا", "Roshana"),
    "sms_otp": (
        "کد ورود شما به پنجره واحد روشنا: {code}\nاین کد را به هیچ‌کس، حتی اپراتور، ندهید.",
        "Your Roshana single-window sign-in code: {code}\nDo not give this code to anyone, "
        "not even the operator.",
    ),
    # Dashboard
    "dashboard_title": ("میز خدمت من", "My desk"),
    "welcome": ("خوش آمدید", "Welcome"),
    "my_requests": ("درخواست‌ها و پیام‌های من", "My requests and messages"),
    "no_requests": ("هنوز درخواستی ثبت نکرده‌اید.", "You have not sent any request yet."),
    "quick_services": ("خدمات پرکاربرد", "Frequently used services"),
    # Generic pages
    "error_title": ("خطا", "Error"),
    "not_found_title": ("صفحه پیدا نشد", "Page not found"),
    "not_found_text": (
        "صفحه‌ای با این نشانی وجود ندارد. نشانی را بررسی کنید یا به صفحه اصلی بروید.",
        "There is no page at this address. Check the address or go to the home page.",
    ),
    "bad_request_title": ("درخواست نامعتبر", "Invalid request"),
    "too_large_title": ("حجم ارسال بیش از حد مجاز", "Upload too large"),
    "too_large_text": (
        "حجم اطلاعات ارسالی بیش از حد مجاز است. فایل کوچک‌تری انتخاب کنید (حداکثر ۲ مگابایت).",
        "What you sent is larger than allowed. Choose a smaller file (2 MB at most).",
    ),
    "back_home": ("بازگشت به صفحه اصلی", "Back to the home page"),
    "maintenance_title": ("سامانه موقتاً در دسترس نیست", "Service temporarily unavailable"),
    "maintenance_text": (
        "این سامانه برای به‌روزرسانی موقتاً از دسترس خارج است. از شکیبایی شما سپاسگزاریم.",
        "This system is temporarily offline for an update. Thank you for your patience.",
    ),
    "maintenance_what": ("کارهایی که می‌توانید انجام دهید:", "What you can do:"),
    "maintenance_later": (
        "چند ساعت بعد دوباره تلاش کنید.",
        "Try again in a few hours.",
    ),
    "maintenance_office": (
        "به دفتر پیشخوان خدمات نزدیک خود بروید؛ کارت ملی و مدارک لازم را همراه ببرید.",
        "Go to your nearest service counter; take your national ID card and the documents needed.",
    ),
    "maintenance_phone": (
        "با پاسخگویی تلفنی ۹۹۹۹-۰۰۰۰ تماس بگیرید.",
        "Call the help line 0000-9999.",
    ),
}

TEXTS: dict[str, tuple[str, str]] = {**PORTAL_TEXTS, **SERVICE_TEXTS, **GATEWAY_TEXTS}


class Verbatim(str):
    """A placeholder value shown exactly as it is (web addresses keep their Latin digits)."""


def translate(key: str, lang: str, **values: object) -> str:
    """The text for `key` in `lang`, with placeholders filled (Persian digits on fa pages)."""
    fa, en = TEXTS[key]
    text = fa if lang == "fa" else en
    if values:
        if lang == "fa":
            values = {
                k: v if isinstance(v, Verbatim) else persian_digits(str(v))
                for k, v in values.items()
            }
        text = text.format(**values)
    return text


def local_digits(value: object, lang: str) -> str:
    """`value` as text with Persian digits on Persian pages."""
    text = str(value)
    return persian_digits(text) if lang == "fa" else text


def money(amount: int, lang: str) -> str:
    """An amount in rials with the local thousands separator, e.g. ۱۲۵٬۰۰۰ ریال."""
    if lang == "fa":
        return persian_digits(f"{amount:,}").replace(",", "٬") + " ریال"
    return f"{amount:,} rials"
