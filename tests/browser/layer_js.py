"""JavaScript run in the map's iframe by the browser tests, written once.

The live events layer holds the filters' events over all times; js/timefilter.js shows those whose period
overlaps the time window. `SHOWN_IDS` defines `shown`: the ids of the last live layer `st` in the window.
"""

SHOWN_IDS = """const T = window.sitmapTime, w = T ? T.current() : null;
  const shown = st.P.id.filter((_, i) => !T || T.shows(st.P, i, w));"""
