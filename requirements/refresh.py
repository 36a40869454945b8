"""Refreshes the lock files on purpose: resolves the newest versions the ranges allow, with hashes.

    python3 requirements/refresh.py

Resolving uses uv (installed into a throwaway venv; uv resolves for every platform and Python >= 3.11
at once, which pip-tools cannot); installing from the locks needs only Python and pip. Run the whole
test suite after a refresh and commit the locks together with whatever the new versions needed.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
import venv
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
UV = "uv==0.13.9"
# --no-strip-extras: a dependency asked for with an extra (aiohttp-socks wants `python-socks[asyncio]`) is
# pinned with that extra; otherwise pip's hash-checking mode takes the extra as an unpinned requirement
# and fails as soon as a newer release of it exists (seen with python-socks 3.2.2).
COMMON = ["--universal", "--no-strip-extras", "--python-version", "3.11", "--generate-hashes", "--quiet", "--no-header"]


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        venv.create(tmp, with_pip=True)
        python = Path(tmp) / "bin" / "python"
        subprocess.run([python, "-m", "pip", "install", "-q", UV], check=True)
        uv = [str(python), "-m", "uv", "pip", "compile", *COMMON]
        subprocess.run([*uv, "--all-extras", str(ROOT / "pyproject.toml"), str(HERE / "build.in"),
                        "--output-file", str(HERE / "lock.txt")], check=True, cwd=ROOT)
        subprocess.run([*uv, str(HERE / "synapse.in"), "--output-file", str(HERE / "synapse-lock.txt")],
                       check=True, cwd=ROOT)
    print("requirements/lock.txt and requirements/synapse-lock.txt refreshed")


if __name__ == "__main__":
    sys.exit(main())
