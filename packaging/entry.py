"""The bundle's program: what the `kiosk` console script runs in a source checkout.

In the bundle, `sys.executable` is this program, not a Python: `kiosk doctor` runs its web
view check as `sys.executable -c CODE` in a child process (kiosk/commands/doctor.py), so the
bundle answers `-c CODE [ARGS]` the way Python does.
"""

import sys


def run_code(code: str, args: list[str]) -> None:
    sys.argv = ["-c", *args]
    exec(compile(code, "<string>", "exec"), {"__name__": "__main__"})


if __name__ == "__main__":
    if len(sys.argv) >= 3 and sys.argv[1] == "-c":
        run_code(sys.argv[2], sys.argv[3:])
        sys.exit(0)
    from kiosk.cli import main

    sys.exit(main())
