"""`kiosk certificate verify CODE`: is a printed course certificate one this kiosk issued?

Offline: the code carries the whole certificate and its Ed25519 signature, checked against the
kiosk's own key in the data dir. Exit 0 for a valid certificate, 1 for a refused code (forged,
altered, another kiosk's, or not a code at all), 2 when the kiosk's key cannot be read.
"""

from __future__ import annotations

import argparse


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("certificate", help="course certificates: verify")
    actions = parser.add_subparsers(title="certificate commands", metavar="COMMAND")
    verify = actions.add_parser(
        "verify", help="check a certificate's verification code offline; exit 1 if refused"
    )
    verify.add_argument(
        "code", nargs="+", help="the code printed under the QR code (spaces and dashes allowed)"
    )
    verify.set_defaults(handler=run_verify)
    parser.set_defaults(handler=lambda args: parser.print_help() or 2)


def run_verify(args: argparse.Namespace) -> int:
    from kiosk import i18n
    from kiosk.core.certificate import CodeRefused, described
    from kiosk.core.notices import NoticeError
    from kiosk.services import paths
    from kiosk.services.certificates import CertificateKey, course_title

    folder, _notices = paths.prepare_data_dir(paths.data_dir())
    try:
        made = CertificateKey(folder).verify(" ".join(args.code))
    except CodeRefused as refused:
        print(refused.notice.text())
        return 1
    except NoticeError as error:
        print(error.notice.text())
        return 2
    lang = i18n.current_language()
    print(described(made, course_title(made.pack_id, lang), lang).text())
    return 0
