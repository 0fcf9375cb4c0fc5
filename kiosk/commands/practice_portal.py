"""`kiosk practice-portal`: serve the practice portal, gateway and phishing copy until Ctrl-C."""

from __future__ import annotations

import argparse
import threading


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the `practice-portal` subcommand."""
    parser = subparsers.add_parser(
        "practice-portal",
        help="serve the offline practice portal on 127.0.0.1 so any browser can open it",
    )
    parser.add_argument("--portal-port", type=int, default=0, help="port of the portal (0: any)")
    parser.add_argument("--gateway-port", type=int, default=0, help="port of the bank gateway")
    parser.add_argument("--phishing-port", type=int, default=0, help="port of the phishing copy")
    parser.add_argument("--reset-token", help="token for POST /__reset (default: random)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, stop: threading.Event | None = None) -> int:
    """Serve until Ctrl-C (or until `stop` is set, for tests)."""
    from kiosk.practice_portal import PracticePortal

    portal = PracticePortal(
        portal_port=args.portal_port,
        gateway_port=args.gateway_port,
        phishing_port=args.phishing_port,
        reset_token=args.reset_token,
    )
    try:
        portal.start()
    except OSError as exc:
        print(f"cannot open the port: {exc}")
        return 1
    print(f"portal:   {portal.portal_url}")
    print(f"gateway:  {portal.gateway_url}")
    print(f"phishing: {portal.phishing_url}")
    print(f"reset:    curl -X POST -d token={portal.reset_token} {portal.portal_url}__reset")
    print("Press Ctrl-C to stop.", flush=True)
    stop = stop or threading.Event()
    try:
        while not stop.wait(0.5):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        portal.stop()
    return 0
