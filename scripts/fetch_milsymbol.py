"""Vendor milsymbol (MIL-STD-2525 / APP-6 symbols in the browser) into sitmap/webmap/vendor/milsymbol/.

    python scripts/fetch_milsymbol.py          # fetch the locked version with npm, check it, copy it in
    python scripts/fetch_milsymbol.py --check  # only check the vendored file against the lock

milsymbol has no Python wheel (the XStatic route the other map assets take), so its browser build is kept
in the repository, locked to one version by the npm registry's published SHA-512 of the package tarball
and the SHA-256 of the file taken from it (the lock: sitmap/webmap/vendor/milsymbol/__init__.py). `npm pack`
is the ordinary npm client; nothing else is fetched. To move to a new version: change VERSION and INTEGRITY
there (`npm view milsymbol@X dist.integrity`), run this script, and put the printed hash in FILE_SHA256.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import runpy
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

TARGET = Path(__file__).resolve().parent.parent / "sitmap" / "webmap" / "vendor" / "milsymbol"
LOCK = runpy.run_path(str(TARGET / "__init__.py"))
VERSION, INTEGRITY, FILE_SHA256 = LOCK["VERSION"], LOCK["INTEGRITY"], LOCK["FILE_SHA256"]
FILES = {"package/dist/milsymbol.js": "milsymbol.js", "package/LICENSE": "LICENSE"}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def fetch() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["npm", "pack", f"milsymbol@{VERSION}", "--silent"], cwd=tmp, check=True)
        tarball = Path(tmp) / f"milsymbol-{VERSION}.tgz"
        digest = "sha512-" + base64.b64encode(hashlib.sha512(tarball.read_bytes()).digest()).decode()
        if digest != INTEGRITY:
            sys.exit(f"milsymbol {VERSION}: tarball hash {digest} is not the locked {INTEGRITY}")
        with tarfile.open(tarball) as tar:
            for member, name in FILES.items():
                data = tar.extractfile(member)
                if data is None:
                    sys.exit(f"{member} missing from the tarball")
                (TARGET / name).write_bytes(data.read())
    print(f"milsymbol {VERSION} -> {TARGET}; dist/milsymbol.js sha256 {sha256(TARGET / 'milsymbol.js')}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only compare the vendored file with the lock")
    if not ap.parse_args().check:
        fetch()
    got = sha256(TARGET / "milsymbol.js")
    if got != FILE_SHA256:
        sys.exit(f"vendored milsymbol.js sha256 {got} is not the locked {FILE_SHA256}")
    print("ok")


if __name__ == "__main__":
    main()
