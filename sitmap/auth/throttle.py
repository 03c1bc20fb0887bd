"""Failed sign-ins, counted per account name and per client address, so a password cannot be guessed at the
server's speed.

After `limit` failures for one name within `window` seconds, that name is refused for `lockout` seconds
without its password being checked; each further lockout of the same name doubles, up to `max_lockout`.
A success clears the name. Unknown names are counted exactly like known ones, so the refusal tells nobody
whether an account exists.

Per name, because a name's count needs nothing from the network: behind the deployment's proxy every client
shares the proxy's address. The price is that someone can keep a named account locked for a while; the
lockout is short and capped, and an admin still signs in with `sitmap users` on the server.

Per address as well, where the app knows the client's address (`client_address`): a name's count alone lets
one client try a few passwords on each of many names (password spraying) without locking any. An address
gets a larger allowance (`ADDRESS_LIMIT`), since an office may reach the app through one address. Counts live
in the server process: each replica keeps its own, which bounds a guesser to `limit` tries per lockout per
replica.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

ADDRESS_LIMIT = 20  # failures from one address within the window before it is locked (any names)


def client_address(peer: str | None, header_values: Sequence[str] | None = None) -> str | None:
    """The client's address for counting failures, or None when the app cannot know it.

    `header_values`: every value of the header in which the deployment's proxy passes the client's address
    (`SITMAP_CLIENT_ADDRESS_HEADER`), or None when the deployment names no such header. A client can send any
    header, so only the proxy's own value counts: the last one, and the last item of a comma-separated list
    (what the proxy added). Without a header, the connection's peer address (`peer`: Streamlit's
    `st.context.ip_address`, None on localhost, where every client would look like one)."""
    if header_values is not None:
        last = header_values[-1] if header_values else ""
        return last.rsplit(",", 1)[-1].strip() or None
    return peer or None


@dataclass
class _Record:
    failures: list[float] = field(default_factory=list)  # times of failures inside the window
    locked_until: float = 0.0
    lockouts: int = 0  # lockouts so far: each doubles the next


class SignInThrottle:
    """Counts failed sign-ins per name; `wait(name)` says how long that name must wait before trying again."""

    def __init__(
        self,
        *,
        limit: int = 5,
        window: float = 15 * 60,
        lockout: float = 60,
        max_lockout: float = 60 * 60,
        max_names: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if limit < 1 or window <= 0 or lockout <= 0 or max_lockout < lockout or max_names < 1:
            raise ValueError("SignInThrottle needs limit ≥ 1, window > 0 and 0 < lockout ≤ max_lockout")
        self.limit, self.window, self.lockout, self.max_lockout = limit, window, lockout, max_lockout
        self.max_names = max_names
        self._clock = clock
        self._records: OrderedDict[str, _Record] = OrderedDict()  # oldest touched first
        self._lock = threading.Lock()

    @staticmethod
    def _key(name: str) -> str:
        return name.strip().casefold()

    def wait(self, name: str) -> float:
        """Seconds until `name` may try a password again; 0 when it may now."""
        with self._lock:
            record = self._records.get(self._key(name))
            return max(0.0, record.locked_until - self._clock()) if record else 0.0

    def failed(self, name: str) -> float:
        """Count a failed sign-in for `name`; returns the lockout it now starts (0 when none)."""
        now = self._clock()
        key = self._key(name)
        with self._lock:
            record = self._records.pop(key, None) or _Record()
            self._records[key] = record  # most recently touched last
            while len(self._records) > self.max_names:  # a flood of invented names costs bounded memory
                self._records.popitem(last=False)
            if record.lockouts and now - record.locked_until > self.window:
                record.lockouts = 0  # quiet for a window since the last lockout: start again at the shortest
            record.failures = [t for t in record.failures if now - t < self.window] + [now]
            if len(record.failures) < self.limit:
                return 0.0
            seconds = float(min(self.max_lockout, self.lockout * 2.0**record.lockouts))
            record.lockouts += 1
            record.locked_until = now + seconds
            record.failures = []
            return seconds

    def succeeded(self, name: str) -> None:
        """A correct password: forget the name's failures and lockouts."""
        with self._lock:
            self._records.pop(self._key(name), None)
