"""Every key sitmap puts in Streamlit's session state, declared once (widgets, map state, page flags).

Modules import their keys from here, so two features can never share a key by accident: `REGISTRY` is
checked for duplicates at import, and a test checks that no UI module uses a literal session key.
"""

from __future__ import annotations

# ui.state
K_WINDOW = "w_window"
K_MODE = "w_mode"
K_TEXT = "w_text"
K_BASE = "w_base_layer"
K_OVERLAYS = "w_overlays"
S_SELECTED = "selected"  # event id
S_CENTER = "map_center"  # (lat, lon) the map last reported
S_ZOOM = "map_zoom"
S_BBOX = "bbox"  # area filter (W, S, E, N)
S_TARGET = "map_target"  # (center, zoom) the map is asked to move to; changes only on purpose
S_TARGET_SEEN = "_map_target_seen"  # the last target the map has reported being at (ui.map.view)
S_STALE_REPORTS = "_map_stale_reports"  # (target, reports ignored while the map was not yet at it)
S_NOTES = "url_notes"  # warnings about ignored URL values
S_BUILT = "map_built_layers"  # (component key, base, overlays) the shown map was built with, once the map's
# own layer control has changed them (the view follows the control; rebuilding would reload the map)
S_MAP_EPOCH = "map_epoch"  # part of the map's key: a new number, a new map (`rebuild_map_from_widgets`)
S_URL_LOADED = "_url_loaded"
S_URL_PARAMS = "_url_params"  # the view part of the URL the session was opened with (`state.keep_url_params`)
S_URL_APP_PARAMS = "_url_app_params"  # briefing's part of that URL, until the map page puts it back
S_READY = "_secondary_ready"
S_FIRST_RUN_AT = "_first_run_at"

# ui.map.page
FIRST_PAINT_NOTE = "first_paint_note"  # gone once the whole page is drawn (browser tests wait for that)

# ui.map.downloads
S_MAP_BOUNDS = "map_bounds"  # (W, S, E, N) the map last reported (ui.map.view); downloads and sidebar read it
DL_TITLE = "dl_title"
DL_FAILED = "_dl_failed"  # {format: reason} of snapshots that could not be made, shown on the next run

# ui.map.filter_actions
FILTERS_LAST = "_filters_last"  # the non-time filters of the last run (a change may move the map)
FILTERS_ZOOM = "filters_zoom_to_results"
FILTERS_RESET = "filters_reset_all"
FILTERS_RESET_EMPTY = "filters_reset_all_empty"

# ui.paging (+ a hash of the list's name; "-target", "-prev", "-next" derived from it)
PAGE_REPORT = "report_page-"  # the map's report panel, per report
PAGE_REVIEW = "rv_page-"  # the review page's paragraphs and their candidates, per report

# ui.map.event_list
LIST_IDS = "_list_ids"
LIST_PAGE = "w_list_page"  # the page of the list shown (`event_list.PAGE_ROWS` rows a page)

# ui.map.timebar
TIME_PLAYING = "playing"
TIME_SPEED = "w_speed"
TIME_PRESET = "w_preset"
TIME_FULL_RUN = "_in_full_run"  # set while the whole page runs (the fragment then is not a timer tick)
TIME_CHANGED = "_time_changed"  # a time widget changed in a fragment-only run: the page must follow
TIME_FRAGMENT = "sitmap_time_controls"  # the time widgets' fragment (rerun by name on a time bar release)

# ui.map.view
MAP_COMPONENT = "map"
MAP_PRELOAD = "sitmap_map_preload"  # the hidden container of the map files' preload links (folium_bridge)
MAP_LAST_CLICK = "_last_click"

# ui.briefing.mode
BRIEFING_APPLIED = (
    "_briefing_slide_applied"  # (deck id, slide number) whose view was last put into the widgets
)
BRIEFING_SLIDE_NOTES = "_briefing_slide_notes"  # what could not be applied from that slide

# ui.briefing.decks
DECK_TOGGLE = "w_briefing"
DECK_CHOICE = "deck_choice"
DECK_NEW_TITLE = "deck_new_title"
DECK_SLIDE_TITLE = "deck_slide_title"
DECK_NOTE = "deck_slide_note"
DECK_MESSAGE = "_deck_message"  # (kind, text) of the last save, shown once

# ui.briefing.deck_editor
DECK_EDIT = "deck_edit"  # the deck whose slides are being edited
DECK_EDIT_TITLE = "deck_edit_title:"  # + deck id, slide number and content digest: a slide's title field
DECK_EDIT_NOTE = "deck_edit_note:"  # likewise, its speaker note
DECK_EDIT_MESSAGE = "_deck_edit_message"  # (kind, text) of the last edit, shown once

# ui.review.state
REVIEW_ROOT = "rv_review"
REVIEW_MODE = "rv_mode"
REVIEW_REPORT = "rv_report"
REVIEW_SELECTED = "rv_selected"
REVIEW_SHOW_DECIDED = "rv_show_decided"
REVIEW_TABLE = "rv_table"
REVIEW_PENDING = "rv_pending"  # widget values to apply on the next run, before the widgets are drawn
REVIEW_LAST_CLICK = "rv_last_click"
REVIEW_MAP_FOR = "rv_map_for"  # the candidate the map was last centred on
REVIEW_BULK_REJECT = "rv_bulk_reject:"  # + report id: the candidates picked for a bulk reject
REVIEW_CLICK_RADIUS = "rv_click_radius"  # metres: the uncertainty of a point placed by hand

# ui.review.map
REVIEW_MAP = "rv_map"

# ui.review.ingest
REVIEW_NEW_PREFIX = "rv_new:"

# ui.map.live
S_LIVE_KEY = "_live_store_key"  # the store's change key this session last drew

# ui.auth
AUTH_SIGNED_IN = "_auth_signed_in"  # the user name this session signed in with (SITMAP_AUTH=password)
AUTH_LOGIN = "auth_login"  # the sign-in form; its fields follow
AUTH_NAME = "auth_name"
AUTH_PASSWORD = "auth_password"  # noqa: S105 (a widget key, not a password)
AUTH_REFUSED = "_auth_refused"  # the last refused write, shown once

# ui.map.event_edit
EDIT_OPEN = "edit_open"  # the "Edit this event" switch
EDIT_FIELD = "edit:"  # + event id, version prefix and field: a field of the edit form
EDIT_MESSAGE = "_edit_message"  # (kind, text) of the last save or delete, shown once

# ui.map.feed
FEED_BOX = "event_feed"  # the side feed's container (its CSS class st-key-event_feed)
FEED_IDS = "_feed_ids"  # the ids the feed showed last run

# ui.map.page
MAP_ROW = "map_row"  # the container of the map and its side panel

# ui.map.timebar_component
TIMEBAR = "sitmap_timebar"  # the time bar component
TIMEBAR_EXTENT = "_sitmap_timebar_extent"  # the bar's extent, kept across release reruns
TIMEBAR_WINDOW = "sitmap_timewindow"  # the small component carrying Python's window
TIMEBAR_ALL_TIMES = "_sitmap_all_times"  # the filters' events, all times
TIMEBAR_SOURCE = "_sitmap_timebar_source"  # a database's source of the map's events (no frame in memory)
TIMEBAR_DATA = "_sitmap_timebar_data"  # the bar's histogram message
TIMEBAR_RELEASED = "_sitmap_timebar_released"  # a release asked for the window's panels alone

# ui.map.panels
PANELS_FRAGMENT = "sitmap_window_panels"  # the fragment of what depends on the window (rerun by name)
PANELS_FULL_RUN = "_sitmap_panels_full_run"  # set while the whole page runs
PANELS_ON = "_sitmap_panels_on"  # the last full run drew the panels' fragment (a release may rerun it)

# ui.map.view
EVENTS_LAYER_MEMO = "_sitmap_events_layer"  # the session's last events layer and what it was built from

REGISTRY: dict[str, str] = {
    name: value for name, value in dict(globals()).items() if name.isupper() and isinstance(value, str)
}
_values = list(REGISTRY.values())
if len(set(_values)) != len(_values):  # two names for one key: two features would overwrite each other
    raise RuntimeError(f"duplicate session keys: {sorted({v for v in _values if _values.count(v) > 1})}")

# ui.users.page
USERS_MESSAGE = "_users_message"  # (kind, text) of the last change, shown once
USERS_ADD = "users_add"  # the add form; its fields follow
USERS_NEW_NAME = "users_new_name"
USERS_NEW_ROLE = "users_new_role"
USERS_NEW_PASSWORD = "users_new_password"  # noqa: S105 (a widget key, not a password)
USERS_FIELD = "users:"  # + field and user name: a field of one account's row (role, password, remove)
