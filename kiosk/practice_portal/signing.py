"""HMAC signatures of the payment callback the gateway sends back through the browser."""

from __future__ import annotations

import hashlib
import hmac

CALLBACK_FIELDS = ("order", "token", "status", "ref", "trace", "card", "amount")


def sign(secret: bytes, values: dict[str, str]) -> str:
    """Hex HMAC-SHA256 over the callback fields in a fixed order."""
    message = "|".join(f"{k}={values.get(k, '')}" for k in CALLBACK_FIELDS)
    return hmac.new(secret, message.encode("utf-8"), hashlib.sha256).hexdigest()


def verify(secret: bytes, values: dict[str, str], signature: str) -> bool:
    """Whether `signature` is the right one for `values` (constant-time comparison)."""
    return hmac.compare_digest(sign(secret, values), signature or "")
