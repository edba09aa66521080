"""Container healthcheck: exit 0 when the polling loop touched its heartbeat file recently."""

from __future__ import annotations

import sys
import time
from pathlib import Path

MAX_AGE_SECONDS = 90


def main() -> int:
    path = Path(sys.argv[1] if len(sys.argv) > 1 else "/tmp/careerbot.heartbeat")
    try:
        age = time.time() - path.stat().st_mtime
    except FileNotFoundError:
        return 1
    return 0 if age < MAX_AGE_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
