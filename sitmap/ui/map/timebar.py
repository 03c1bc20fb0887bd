"""The time widgets beside the map: window slider, presets, playback, in a fragment of their own.

A widget here reruns only this fragment, which then asks for a full rerun (the map, list, report panel and
URL follow; the map's events layer is unchanged by a window change unless the filters select more events
than a layer holds, so the browser does nothing with it). Playback is the same fragment on a timer
(`run_every`) while playing. A release of the browser time bar reruns this fragment by name
(`sitmap.ui.map.timebar_component`), so the slider shows the released window and never sends an old one back.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

import streamlit as st

from sitmap.ui import state
from sitmap.ui.keys import TIME_CHANGED as _CHANGED
from sitmap.ui.keys import TIME_FRAGMENT as FRAGMENT
from sitmap.ui.keys import TIME_FULL_RUN as _FULL_RUN
from sitmap.ui.keys import TIME_PLAYING as K_PLAYING
from sitmap.ui.keys import TIME_PRESET as K_PRESET
from sitmap.ui.keys import TIME_SPEED as K_SPEED
from sitmap.ui.map.timewindow import PRESETS, Window, at_end, clamp, preset, rewind, step
from sitmap.ui.state import K_MODE, K_WINDOW, KEEP, DataFacts
from sitmap.view import View

SPEEDS = {"0.5 s": 0.5, "1 s": 1.0, "2 s": 2.0}


def prepare(facts: DataFacts) -> None:
    """Keep the window inside the data before the view is read from it (a new file may shrink it)."""
    ss = st.session_state
    ss[K_WINDOW] = clamp(tuple(ss.get(K_WINDOW, facts.extent)), facts.extent)
    ss.setdefault(K_SPEED, "1 s")  # here, not as the widget's value=: a kept value must not meet a default


def render(facts: DataFacts, draw_map: Callable[[View], None], widgets: bool = True) -> None:
    """The map (`draw_map(view)`, a fragment of its own), then the time controls (a fragment; the page CSS
    places them beside the map), unless not `widgets`: a browser's first run leaves them out (the map's
    frame was created only once the code of every widget kind in that run had been fetched: the slider's
    ~130 KB, the time bar's ~200 KB); drawn after the map, they do not shift its place in the page when
    they come, so the map is not remounted."""
    ss = st.session_state
    draw_map(state.current_view(facts.extent))
    if not widgets:
        return
    playing = bool(ss.get(K_PLAYING))
    ss[_FULL_RUN] = True
    run_every = SPEEDS[ss.get(K_SPEED, "1 s")] if playing else None
    st.fragment(_time, key=FRAGMENT, run_every=run_every)(facts)
    ss[_FULL_RUN] = False


def controls(facts: DataFacts) -> None:
    """The time widgets alone, where the map is drawn elsewhere (briefing mode keeps them, hidden, so the
    window survives; widgets not drawn in a run lose their state)."""
    _controls(facts.extent, facts.latest)


def _time(facts: DataFacts) -> None:
    ss = st.session_state
    extent = facts.extent
    fragment_only = not ss.get(_FULL_RUN)
    if fragment_only and ss.get(K_PLAYING) and not ss.get(_CHANGED):  # a playback tick
        ss[K_WINDOW] = step(tuple(ss[K_WINDOW]), extent, ss[K_MODE])
        if at_end(tuple(ss[K_WINDOW]), extent):
            ss[K_PLAYING] = False
        ss[_CHANGED] = True
    _controls(extent, facts.latest)
    if ss.pop(_CHANGED, False) and fragment_only:
        st.rerun(scope="app")  # the map, the panels and the URL follow the new window


# --- widgets and their callbacks -----------------------------------------------------------------------


def _changed() -> None:
    st.session_state[_CHANGED] = True


def _stop() -> None:
    st.session_state[K_PLAYING] = False
    _changed()


def _on_preset(extent: Window, latest: date | None) -> None:
    ss = st.session_state
    name = ss.get(K_PRESET)
    if name:
        ss[K_WINDOW] = preset(name, tuple(ss[K_WINDOW]), extent, latest)
    ss[K_PRESET] = None  # a preset is an action, not a state: the slider shows the result
    _stop()


def _on_step(days: int, extent: Window) -> None:
    ss = st.session_state
    ss[K_WINDOW] = step(tuple(ss[K_WINDOW]), extent, ss[K_MODE], days)
    _stop()


def _on_rewind(extent: Window) -> None:
    ss = st.session_state
    ss[K_WINDOW] = rewind(tuple(ss[K_WINDOW]), extent, ss[K_MODE])
    _stop()


def _on_play(extent: Window) -> None:
    ss = st.session_state
    if ss.get(K_PLAYING):
        _stop()
        return
    if at_end(tuple(ss[K_WINDOW]), extent):
        ss[K_WINDOW] = rewind(tuple(ss[K_WINDOW]), extent, ss[K_MODE])
    ss[K_PLAYING] = True
    _changed()  # the page reruns and the fragment gets its timer


def _controls(extent: Window, latest: date | None) -> None:
    ss = st.session_state
    if extent[0] < extent[1]:
        st.slider(
            "Window",
            min_value=extent[0],
            max_value=extent[1],
            step=timedelta(days=1),
            format="YYYY-MM-DD",
            key=K_WINDOW,
            persist_state=KEEP,
            on_change=_stop,
            help="Events whose period overlaps the window are shown. A month-precision event is on for "
            "its whole month.",
        )
    else:
        st.caption(f"All events are on {extent[0]:%d %b %Y}.")
    playing = bool(ss.get(K_PLAYING))
    # One row that wraps on narrow screens: presets, playback buttons, playback options.
    with st.container(horizontal=True, vertical_alignment="center", gap="small", key="time_row"):
        st.pills(
            "Presets",
            options=list(PRESETS),
            key=K_PRESET,
            on_change=_on_preset,
            args=(extent, latest),
            label_visibility="collapsed",
            width="content",
            help="Day, week or month ending on the window's last day (at the latest on the last day of "
            "news dated to the day, week or month: a year-only event does not count); All is the whole "
            "period.",
        )
        buttons = (
            ("pb_rewind", ":material/first_page:", "Back to the start", _on_rewind, (extent,)),
            ("pb_back", ":material/chevron_left:", "One day back", _on_step, (-1, extent)),
            (
                "pb_play",
                ":material/pause:" if playing else ":material/play_arrow:",
                "Pause" if playing else "Play day by day",
                _on_play,
                (extent,),
            ),
            ("pb_fwd", ":material/chevron_right:", "One day forward", _on_step, (1, extent)),
        )
        for key, icon, tip, action, args in buttons:
            primary = key == "pb_play" and playing
            st.button(
                "",
                icon=icon,
                key=key,
                help=tip,
                on_click=action,
                args=args,
                type="primary" if primary else "secondary",
            )
        with st.popover("", icon=":material/tune:", help="Playback mode and speed", key="pb_options"):
            st.radio(
                "Playback",
                options=["window", "cumulative"],
                format_func={"window": "Moving window", "cumulative": "Cumulative"}.get,
                key=K_MODE,
                persist_state=KEEP,
                on_change=_changed,
                help="Moving window: the window slides a day per step. "
                "Cumulative: its first day stays, events pile up.",
            )
            st.select_slider(
                "Seconds per day", options=list(SPEEDS), key=K_SPEED, on_change=_changed, persist_state=KEEP
            )
        start, end = ss[K_WINDOW]
        days = (end - start).days + 1
        mode = " · cumulative" if ss.get(K_MODE) == "cumulative" else ""
        st.caption(f"{days} day{'s' if days != 1 else ''}{mode}" + (" · playing" if playing else ""))
