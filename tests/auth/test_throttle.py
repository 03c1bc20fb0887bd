"""The sign-in throttle: lockout after repeated failures, doubling and capped, forgotten on success, bounded
in memory; driven by a fake clock."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sitmap.auth.throttle import SignInThrottle, client_address


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def make(**kw: float) -> tuple[SignInThrottle, Clock]:
    clock = Clock()
    return SignInThrottle(clock=clock, **kw), clock  # type: ignore[arg-type]


def test_the_limit_th_failure_locks_the_name_until_the_lockout_ends() -> None:
    t, clock = make(limit=3, lockout=60)
    assert t.failed("ed") == 0 and t.failed("ed") == 0 and t.wait("ed") == 0
    assert t.failed("ed") == 60
    clock.now += 59
    assert t.wait("ed") == pytest.approx(1)
    clock.now += 1
    assert t.wait("ed") == 0


def test_names_are_counted_apart_but_case_and_spaces_do_not_make_a_new_name() -> None:
    t, _ = make(limit=2)
    t.failed("Ed@Example.org ")
    assert t.failed("ed@example.org") > 0
    assert t.wait("ED@EXAMPLE.ORG") > 0 and t.wait("vic@example.org") == 0


def test_failures_older_than_the_window_do_not_count() -> None:
    t, clock = make(limit=2, window=100)
    t.failed("ed")
    clock.now += 100
    assert t.failed("ed") == 0


def test_each_lockout_doubles_up_to_the_cap_and_a_quiet_window_starts_again() -> None:
    t, clock = make(limit=1, lockout=60, max_lockout=200, window=1000)
    seen = []
    for _ in range(4):
        seen.append(t.failed("ed"))
        clock.now += t.wait("ed")
    assert seen == [60, 120, 200, 200]
    clock.now += 1001
    assert t.failed("ed") == 60


def test_a_success_forgets_the_failures() -> None:
    t, _ = make(limit=2)
    t.failed("ed")
    t.succeeded("ed")
    assert t.failed("ed") == 0


def test_invented_names_cost_bounded_memory() -> None:
    t, _ = make(limit=5, max_names=100)
    for i in range(1000):
        t.failed(f"name{i}")
    assert len(t._records) == 100


def test_bad_settings_are_refused() -> None:
    with pytest.raises(ValueError):
        SignInThrottle(limit=0)
    with pytest.raises(ValueError):
        SignInThrottle(lockout=100, max_lockout=10)


@given(st.lists(st.tuples(st.sampled_from(["fail", "wait", "tick"]), st.floats(0, 500)), max_size=60))
def test_no_sequence_gets_more_than_limit_guesses_per_lockout(steps: list[tuple[str, float]]) -> None:
    """However tries and pauses interleave, a name never gets `limit` checked passwords in a row without
    being locked: the caller checks a password only when wait() is 0."""
    t, clock = make(limit=3, window=10_000, lockout=60)
    checked_in_a_row = 0
    for action, seconds in steps:
        if action == "tick":
            clock.now += seconds
        elif t.wait("ed") == 0:
            checked_in_a_row += 1
            if t.failed("ed") > 0:
                assert checked_in_a_row == 3
                checked_in_a_row = 0
            assert checked_in_a_row < 3


def test_the_client_address_is_the_proxys_value_only_when_the_deployment_names_its_header() -> None:
    # No header named: the connection's peer; a client's own X-Real-IP is never read.
    assert client_address("203.0.113.7") == "203.0.113.7"
    assert client_address(None) is None  # localhost: no address to count
    # A named header: the proxy's value, which is the last one and the last item of a list.
    assert client_address("10.0.0.2", ["198.51.100.9"]) == "198.51.100.9"
    assert client_address("10.0.0.2", ["1.2.3.4", "198.51.100.9"]) == "198.51.100.9"
    assert client_address("10.0.0.2", ["1.2.3.4, 198.51.100.9 "]) == "198.51.100.9"
    # Named but missing or empty: unknown, not the proxy's own peer address (every client would share it).
    assert client_address("10.0.0.2", []) is None
    assert client_address("10.0.0.2", [""]) is None
