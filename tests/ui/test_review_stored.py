"""Accepting a candidate whose id is already stored: Merge (the default) keeps the analyst's curated fields;
Overwrite takes the candidate, and the page names the stored values it would discard before the save.

Both fail on dd5fa35, where the only way to accept was a "Replace the stored event" checkbox that overwrote.
"""

from __future__ import annotations

import json
from pathlib import Path

from sitmap.settings import load_settings
from sitmap.store.load import load_store
from tests.ui.test_review_page import REPORT_ID, TELL, TODAY, events_dir, key, run_app, select  # noqa: F401

CURATED_ACTORS = ["Israel Defense Forces", "Analyst-added: 474th Brigade"]
CURATED_TAGS = ["golan", "checked-by-analyst"]


def curate(events: Path) -> dict:
    """An analyst's edit of the stored Tell al Mal event (actors and tags the report does not give)."""
    path = events / f"{REPORT_ID}.geojson"
    doc = json.loads(path.read_text(encoding="utf-8"))
    feature = next(f for f in doc["features"] if f["id"] == TELL)
    feature["properties"]["actors"] = CURATED_ACTORS
    feature["properties"]["tags"] = CURATED_TAGS
    path.write_text(json.dumps(doc), encoding="utf-8")
    return feature


def stored(events: Path) -> dict:
    frame = load_store(events, settings=load_settings(env={}), today=TODAY).events.set_index("id")
    return frame.loc[TELL].to_dict()


def test_accept_with_the_default_choice_merges_and_keeps_the_curated_fields(events_dir):  # noqa: F811
    curated = curate(events_dir)
    at = select(run_app(), TELL)
    assert at.radio(key=key(TELL, "replace")).value == "merge"
    at.button(key=key(TELL, "accept")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.session_state["rv_review"][REPORT_ID]["status"][TELL] == "accepted"
    after = stored(events_dir)
    assert list(after["actors"]) == CURATED_ACTORS and list(after["tags"]) == CURATED_TAGS
    assert after["summary"] == curated["properties"]["summary"]  # the candidate's own text did not win
    assert any("Merged" in s.value for s in at.success)


def test_overwrite_is_chosen_explicitly_and_the_preview_names_what_it_discards(events_dir):  # noqa: F811
    curate(events_dir)
    at = select(run_app(), TELL)
    at.radio(key=key(TELL, "replace")).set_value("overwrite").run()
    warned = " ".join(w.value for w in at.warning)
    assert "Overwrite discards" in warned and "actors" in warned and "tags" in warned
    preview = next(d.value for d in at.dataframe if "after merge" in d.value.columns).set_index("field")
    assert "Analyst-added" in preview.loc["actors", "stored"]
    assert preview.loc["actors", "after merge"] == preview.loc["actors", "stored"]
    at.button(key=key(TELL, "accept")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    after = stored(events_dir)
    assert "Analyst-added: 474th Brigade" not in list(after["actors"])
    assert "checked-by-analyst" not in list(after["tags"] or [])
    assert any("Overwrote" in s.value for s in at.success)


def test_the_analysts_edit_in_the_form_wins_in_a_merge(events_dir):  # noqa: F811
    curate(events_dir)
    at = select(run_app(), TELL)
    at.text_area(key=key(TELL, "summary")).input("My corrected summary").run()
    at.button(key=key(TELL, "accept")).click().run()
    after = stored(events_dir)
    assert after["summary"] == "My corrected summary" and list(after["actors"]) == CURATED_ACTORS


def test_the_preview_reads_the_stored_file_once_and_again_only_when_it_changes(events_dir, monkeypatch):  # noqa: F811
    """Reruns of the review page (a radio click, a field edit) do not re-parse the stored event's file, which
    at ACLED scale holds thousands of events; a change on disk is still seen at the next rerun."""
    import sitmap.ui.cache as ui_cache
    import sitmap.ui.review.stored as review_stored

    reads: list[str] = []
    for module in (review_stored, ui_cache):  # wherever the page's file read is looked up
        if hasattr(module, "read_event_file"):
            real = module.read_event_file

            def counted(path, *a, _real=real, **kw):
                reads.append(str(path))
                return _real(path, *a, **kw)

            monkeypatch.setattr(module, "read_event_file", counted)
    at = select(run_app(), TELL)
    first = len(reads)
    assert first >= 1
    for choice in ("overwrite", "merge", "overwrite"):
        at.radio(key=key(TELL, "replace")).set_value(choice).run()
        assert not at.exception, [e.value for e in at.exception]
    assert len(reads) == first
    curate(events_dir)  # an analyst's edit lands in the file meanwhile
    at.radio(key=key(TELL, "replace")).set_value("merge").run()
    assert len(reads) == first + 1
    preview = next(d.value for d in at.dataframe if "after merge" in d.value.columns).set_index("field")
    assert "Analyst-added" in preview.loc["actors", "stored"]
