"""Real speech before and after the pronunciation layer: 20 representative shipped sentences.

Each sentence is synthesized by the kiosk's engine (pyttsx3 → libespeak-ng) as the kiosk spoke
it before the layer and as it speaks it now, into tests/artifacts/speech/ezafe-NN-before.wav
and -after.wav (git-ignored: the run makes them, for a person to listen to).
"""

from __future__ import annotations

import pytest

from kiosk.core.speech_lexicon import disabled
from kiosk.core.speech_text import normalise
from kiosk.services.speech.base import choose_voice
from kiosk.services.speech.espeak import Pyttsx3Engine
from kiosk.services.speech.wav import wav_info
from tests.speech_fixtures import ARTIFACTS
from tests.wav_tools import wav_rms

pytestmark = pytest.mark.slow

# Shipped texts: the interface, lessons, the practice flows and the services catalogue.
SENTENCES = (
    "کد ملی خود را بنویسید. کد ملی ده رقم دارد.",  # flows/signin.json
    "به دفتر خدمات خوش آمدید",  # interface
    "شماره همراه خود را بنویسید. با صفر و نه شروع می‌شود.",  # flows/signin.json
    "کد رهگیری را بنویسید. ده رقم دارد.",  # flows/track_request.json
    "دکمه «ادامه و بررسی» را بزنید.",  # flows/civil_request.json
    "انتخاب قبض، رفتن به درگاه بانک، پرداخت و گرفتن رسید.",  # flows/bill_payment.json
    "این یک سایت جعلی است. آن را ببندید. نشانی سایت اصلی را خودتان بنویسید.",  # phishing
    "شماره همراه خود را بنویسید تا پیامک جواب را بگیرید.",  # flows/feedback.json
    "می‌توانید شکایت خود را روی کاغذ در دفتر پیشخوان بنویسید.",  # services.json
    "می‌توانید قبض را در بانک یا دفتر پیشخوان دولت هم بپردازید.",  # services.json
    "پرداخت قبض آب",  # assist/pay_bill.json
    "کلیک یعنی یک بار فشار دادن دکمه ماوس.",  # lessons
    "نه. تقصیر شما نیست.",  # lessons
    "نشانی، بالای صفحه در نوار نشانی است. نشان و رنگ را سایت جعلی هم دارد.",  # lessons
    "کارت ملی، شناسنامه و عکس، مدرک هستند. رمز کارت بانکی هیچ وقت مدرک نیست.",  # lessons
    "ستاره کنار کادر یعنی باید حتماً پر شود.",  # lessons
    "با کد رهگیری پیگیری کنید؛ اگر باز جواب نیامد، شکایت ثبت کنید.",  # lessons
    "نه. اپراتور اطلاعات شما را نگه نمی‌دارد.",  # lessons
    "می‌خواهید کیوسک پیشرفت شما را به خاطر بسپارد؟",  # interface
    "برای آموزنده یک نام مستعار بنویسید.",  # interface
)


@pytest.fixture(scope="module")
def engine() -> Pyttsx3Engine:
    return Pyttsx3Engine()


def test_twenty_sentences_before_and_after(engine: Pyttsx3Engine) -> None:
    voice = choose_voice(engine.voices(), "fa")
    assert voice is not None
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    assert len(set(SENTENCES)) == 20
    gained = []
    for number, text in enumerate(SENTENCES, 1):
        with disabled():
            before = normalise(text, "fa")
        after = normalise(text, "fa")
        assert after != before, text  # each has a noun phrase the layer links
        seconds, audio = {}, {}
        for name, spoken in (("before", before), ("after", after)):
            data = engine.synthesize(spoken, voice, 100)
            (ARTIFACTS / f"ezafe-{number:02d}-{name}.wav").write_bytes(data)
            info = wav_info(data)
            assert info is not None and info.frames > 0, (name, text)
            assert wav_rms(data) > 300, (name, text)  # speech, not silence
            seconds[name], audio[name] = info.duration, data
        assert audio["after"] != audio["before"], text
        gained.append(seconds["after"] - seconds["before"])
    # Every ezafe is one more short vowel (~60 ms; a sentence's length also varies by a few
    # ms from run to run): all 20 together are longer by over a second.
    assert sum(gained) > 1.0, gained
    (ARTIFACTS / "ezafe-sentences.txt").write_text(
        "".join(f"{n:02d} {t}\n" for n, t in enumerate(SENTENCES, 1)), encoding="utf-8"
    )
