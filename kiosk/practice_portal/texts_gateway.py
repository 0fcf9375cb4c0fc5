"""Texts of the practice bank gateway and of the phishing look-alike's reveal page."""

from __future__ import annotations

GATEWAY_TEXTS: dict[str, tuple[str, str]] = {
    "gw_name": ("درگاه پرداخت اینترنتی بانک آسمان", "Asman Bank internet payment gateway"),
    "gw_ribbon": (
        "درگاه تمرینی — هیچ پولی جابه‌جا نمی‌شود",
        "PRACTICE gateway — no real money moves",
    ),
    "gw_check_address": (
        "پیش از وارد کردن اطلاعات کارت، نشانی این صفحه را در نوار نشانی بررسی کنید.",
        "Before typing your card details, check this page's address in the address bar.",
    ),
    "gw_payment": ("اطلاعات پرداخت", "Payment details"),
    "gw_merchant": ("پذیرنده", "Merchant"),
    "gw_amount": ("مبلغ قابل پرداخت", "Amount to pay"),
    "gw_order": ("شماره سفارش", "Order number"),
    "gw_card_section": ("اطلاعات کارت", "Card details"),
    "gw_pan": ("شماره کارت", "Card number"),
    "gw_pan_hint": ("۱۶ رقم روی کارت", "The 16 digits on the card"),
    "gw_cvv2": ("CVV2", "CVV2"),
    "gw_cvv2_hint": ("۳ یا ۴ رقم، پشت یا روی کارت", "3 or 4 digits, on the back or front"),
    "gw_expiry": ("تاریخ انقضا", "Expiry date"),
    "gw_exp_month": ("ماه انقضا", "Expiry month"),
    "gw_exp_year": ("سال انقضا", "Expiry year"),
    "gw_expiry_hint": ("مثل ۰۵ / ۱۴۰۷ یا ۰۵ / ۰۷", "e.g. 05 / 1407 or 05 / 07"),
    "gw_pin2": ("رمز دوم (رمز پویا)", "Second password (dynamic password)"),
    "gw_pin2_hint": (
        "رمز پویا را با دکمه «درخواست رمز پویا» بگیرید",
        "Get it with the “Request dynamic password” button",
    ),
    "gw_request_pin": ("درخواست رمز پویا", "Request dynamic password"),
    "gw_pin_sent": (
        "رمز پویا به شماره همراه ثبت‌شده برای این کارت پیامک شد.",
        "The dynamic password was sent by SMS to the mobile registered for this card.",
    ),
    "gw_email": ("ایمیل (اختیاری)", "Email (optional)"),
    "gw_pay": ("پرداخت", "Pay"),
    "gw_cancel": ("انصراف", "Cancel"),
    "gw_time_left": ("زمان باقی‌مانده: {minutes} دقیقه", "Time left: {minutes} minutes"),
    "gw_practice_card": (
        "کارت تمرینی: {card} — CVV2 هر ۳ رقمی، انقضا هر تاریخی در آینده",
        "Practice card: {card} — any 3-digit CVV2, any future expiry date",
    ),
    "gw_err_pan_length": ("شماره کارت باید ۱۶ رقم باشد.", "The card number must have 16 digits."),
    "gw_err_pan_checksum": (
        "شماره کارت معتبر نیست. آن را دوباره از روی کارت بخوانید.",
        "This card number is not valid. Read it again from the card.",
    ),
    "gw_err_cvv2": ("CVV2 باید ۳ یا ۴ رقم باشد.", "CVV2 must have 3 or 4 digits."),
    "gw_err_month": ("ماه باید عددی از ۱ تا ۱۲ باشد.", "The month must be a number from 1 to 12."),
    "gw_err_year": (
        "سال را دو رقمی یا چهار رقمی بنویسید.",
        "Write the year with two or four digits.",
    ),
    "gw_err_expired": ("تاریخ انقضای کارت گذشته است.", "The card has expired."),
    "gw_err_pin_missing": (
        "ابتدا «درخواست رمز پویا» را بزنید و رمز پیامک‌شده را وارد کنید.",
        "First press “Request dynamic password” and type the password you receive.",
    ),
    "gw_err_pin_wrong": (
        "رمز پویا نادرست است. {left} بار دیگر می‌توانید تلاش کنید.",
        "The dynamic password is wrong. Tries left: {left}.",
    ),
    "gw_err_pin_expired": (
        "رمز پویا منقضی شده است؛ دوباره درخواست کنید.",
        "The dynamic password has expired; request a new one.",
    ),
    "gw_err_card_changed": (
        "رمز پویا برای کارت دیگری صادر شده بود. دوباره درخواست کنید.",
        "The dynamic password was issued for another card. Request a new one.",
    ),
    "gw_success_title": ("پرداخت موفق", "Payment successful"),
    "gw_success_text": (
        "مبلغ {amount} پرداخت شد. برای تکمیل کار حتماً به سایت پذیرنده برگردید.",
        "{amount} has been paid. To complete the purchase, go back to the merchant's site.",
    ),
    "gw_return": ("تکمیل و بازگشت به سایت پذیرنده", "Complete and return to the merchant"),
    "gw_cancelled_title": ("تراکنش لغو شد", "Transaction cancelled"),
    "gw_cancelled_text": (
        "پرداخت لغو شد و مبلغی از حساب شما کم نشد.",
        "The payment was cancelled and no money was taken from your account.",
    ),
    "gw_too_many": (
        "رمز پویا سه بار نادرست وارد شد؛ برای امنیت شما، تراکنش لغو شد. مبلغی از حساب شما کم نشد.",
        "The dynamic password was wrong three times; for your safety the transaction was "
        "cancelled. No money was taken from your account.",
    ),
    "gw_already_done": (
        "این تراکنش قبلاً پرداخت شده است و مبلغی دوباره کم نشد.",
        "This transaction has already been paid; no money was taken a second time.",
    ),
    "gw_expired_tx": (
        "زمان این تراکنش تمام شده است. از سایت پذیرنده دوباره اقدام کنید.",
        "This transaction has timed out. Start again from the merchant's site.",
    ),
    "gw_unknown_tx": (
        "تراکنش پیدا نشد. از سایت پذیرنده دوباره اقدام کنید.",
        "Transaction not found. Start again from the merchant's site.",
    ),
    "gw_sms": (
        "بانک آسمان\nرمز پویا: {code}\nمبلغ: {amount}\nپذیرنده: {merchant}\nاعتبار: ۲ دقیقه",
        "Asman Bank\nDynamic password: {code}\nAmount: {amount}\nMerchant: {merchant}\n"
        "Valid: 2 minutes",
    ),
    "gw_sms_sender": ("بانک آسمان", "Asman Bank"),
    # Phishing look-alike
    "ph_extra_notice": (
        "برای امنیت بیشتر، احراز هویت بانکی لازم است.",
        "For extra security, bank identity verification is required.",
    ),
    "ph_card": ("شماره کارت بانکی", "Bank card number"),
    "ph_pin": ("رمز دوم کارت", "Card second password"),
    "ph_reveal_title": ("این یک سایت جعلی بود!", "This was a fake site!"),
    "ph_reveal_text": (
        "نشانی این صفحه {fake} بود، نه نشانی سایت اصلی {real}. در دنیای واقعی، "
        "اطلاعات شما اکنون در دست کلاهبرداران بود. اینجا فقط تمرین است و چیزی ذخیره نشد.",
        "This page's address was {fake}, not the real site's address {real}. In real life "
        "your details would now be in the hands of fraudsters. This is only practice and "
        "nothing was stored.",
    ),
    "ph_tip_address": (
        "پیش از وارد کردن هر اطلاعاتی، نشانی سایت را در نوار نشانی بررسی کنید.",
        "Before typing anything, check the site's address in the address bar.",
    ),
    "ph_tip_card": (
        "سایت رسمی خدمات هرگز برای ورود، شماره کارت یا رمز کارت نمی‌خواهد.",
        "An official services site never asks for a card number or card password to sign in.",
    ),
    "ph_tip_link": (
        "روی پیوندهای پیامک‌ها و پیام‌رسان‌ها نزنید؛ نشانی را خودتان بنویسید یا از اپراتور بپرسید.",
        "Do not follow links from SMS or messengers; type the address yourself or ask the "
        "operator.",
    ),
    "ph_tip_crime": (
        "فیشینگ جرم است؛ اگر فریب خوردید، رمز کارت را عوض کنید و به پلیس فتا خبر دهید.",
        "Phishing is a crime; if you were tricked, change your card password and report it to "
        "the cyber police.",
    ),
    "ph_go_real": ("رفتن به سایت اصلی", "Go to the real site"),
}
