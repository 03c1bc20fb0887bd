"""milsymbol's browser build (MIT, Måns Beckman; LICENSE beside this file), vendored by
scripts/fetch_milsymbol.py: the lock below is what that script checks.

`BASE_DIR` and `PACKAGE_VERSION` are the names an XStatic package gives them, so `sitmap.webmap.offline`
serves and inlines this file like the Leaflet files.
"""

from pathlib import Path

VERSION = "3.0.4"  # npm: milsymbol@3.0.4
INTEGRITY = "sha512-Jrs1RBCag2IzyEJwI476i2+pNHdi8WMwAp2mDD23g3TR48ERdHmdQgPXZUosRKyhPMr58/eOPyyLE53lMPPAgw=="
FILE_SHA256 = "16227943002e45506db5555f6015a67e42b3ed263df61653ec07b0f9c04a10c4"  # dist/milsymbol.js

BASE_DIR = str(Path(__file__).resolve().parent)
PACKAGE_VERSION = VERSION
