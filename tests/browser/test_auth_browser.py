"""SITMAP_AUTH=header in a real server and browser: Streamlit copies the proxy's header into `st.user` through
`server.trustedUserHeaders` (what AppTest cannot show), a viewer gets no Review page, and a connection
without the header gets nothing of the app."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitmap.auth.roles import Role
from sitmap.auth.users import change_users

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
TIMEOUT_MS = 60_000


def test_the_proxy_header_names_the_user_and_their_role(tmp_path: Path, streamlit_server, page) -> None:
    events = tmp_path / "events"
    shutil.copytree(ROOT / "events", events)
    change_users(events / ".sitmap" / "users.json", "vic@example.org", role=Role.VIEWER, create=True)
    url = streamlit_server(
        ROOT / "app.py",
        events,
        env={
            "SITMAP_AUTH": "header",
            "STREAMLIT_SERVER_TRUSTED_USER_HEADERS": '{"X-Forwarded-Email": "email"}',
        },
    )
    page.goto(url)  # no header: as if the proxy were bypassed
    page.get_by_text("Not signed in").wait_for(timeout=TIMEOUT_MS)
    assert page.locator(".stDeployButton, [data-testid='stSidebarNav']").count() == 0

    page.set_extra_http_headers({"X-Forwarded-Email": "vic@example.org"})
    page.goto(url)
    page.get_by_text("10 of 10 events").wait_for(timeout=TIMEOUT_MS)
    page.locator(
        "[data-testid='stSidebarCollapsedControl'] button, [data-testid='stExpandSidebarButton']"
    ).first.click()
    page.get_by_text("Signed in as").wait_for(timeout=TIMEOUT_MS)
    signed_in = page.get_by_text("Signed in as").inner_text().replace("\u2060", "")  # md_escape's joiner
    assert signed_in == "Signed in as vic@example.org · viewer"
    assert page.get_by_role("link", name="Review").count() == 0
    page.goto(url + "/review")  # the Review page's address: the map page instead
    page.get_by_text("10 of 10 events").wait_for(timeout=TIMEOUT_MS)
    assert page.get_by_text("Review candidate events").count() == 0
