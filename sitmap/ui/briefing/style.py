"""Briefing mode's page CSS and its one key-forwarding script: fixed text of ours, never any data.

The CSS hides Streamlit's chrome and the sidebar, sizes the map's iframe to the viewport and sets the
large type of the title bar and the caption bar (containers keyed `briefing_*` in `sitmap.ui.briefing.mode`).
"""

from __future__ import annotations

# Fixed CSS of ours (no data in it): no Streamlit chrome, no sidebar, a full-height map and large type.
# The map's iframe is sized to the viewport; the map inside follows it (`map_look.BRIEFING_MAP_CSS`).
PAGE_CSS = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stExpandSidebarButton"],
header[data-testid="stHeader"], [data-testid="stToolbar"], [data-testid="stDecoration"],
[data-testid="stStatusWidget"], footer { display: none !important; }
[data-testid="stMainBlockContainer"] { padding: 0.5rem 1rem 0.3rem 1rem !important;
  max-width: 100% !important; }
[data-testid="stMain"] { margin-left: 0 !important; }
.st-key-briefing_map iframe { height: calc(100vh - 250px) !important; min-height: 300px; }
.st-key-briefing_bar { min-height: 44px; }
.st-key-briefing_bar kbd { display: none; }  /* the keys are in each button's tooltip and in Notes */
.st-key-briefing_title p { font-size: 1.55rem; font-weight: 700; line-height: 1.15; margin: 0;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.st-key-briefing_window p { font-size: 1.2rem; font-weight: 600; color: #333; margin: 0;
  white-space: nowrap; }
.st-key-briefing_count p, .st-key-briefing_slide_count p { font-size: 1.05rem; color: #444; margin: 0;
  white-space: nowrap; }
.st-key-briefing_caption { background: #0f1720; border-radius: 6px; padding: 0.45rem 0.9rem !important;
  height: 150px !important; min-height: 150px !important; overflow: hidden; gap: 0.1rem !important; }
.st-key-briefing_caption p { color: #ffffff; margin: 0 !important; }
.st-key-briefing_caption [data-testid="stMarkdownContainer"],
.st-key-briefing_bar [data-testid="stMarkdownContainer"] { margin-bottom: 0 !important; }
.st-key-briefing_head p { font-size: 1.35rem; font-weight: 700; line-height: 1.3;
  white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.st-key-briefing_summary p { font-size: 1.22rem; line-height: 1.3; display: -webkit-box;
  -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }
.st-key-briefing_passage p { font-size: 1.05rem; line-height: 1.3; color: #d6dee8 !important;
  font-style: italic; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
  overflow: hidden; }
.st-key-briefing_passage strong { color: #ffd54a; font-weight: 700; }
</style>"""


# Fixed script of ours (no data in it). Streamlit's button shortcuts listen on the page; once the briefer
# has clicked the map, keys go to the map's iframe instead (where ← → would pan the map). This sends the
# step keys from the iframe to the same buttons, so the keys keep stepping wherever the focus is.
# The map's full-screen button would put the map alone on the screen, without the caption bar (the date
# window, "event n of N", the event's text: review defect 4); here it puts the whole briefing page there.
# The mark is on the frame's document, not its window: until the component's page loads, the frame holds
# its initial about:blank document, and Chrome keeps the window (and a mark on it) for the loaded page but
# not the listeners on that first document; hooked in that moment, the full-screen click went to the map (the
# full-screen test failed only when a warm server made the page fast enough to be caught there).
KEYS_JS = """<script>
(() => {
  const keys = {ArrowLeft: "briefing_prev", ArrowRight: "briefing_next",
                PageUp: "briefing_slide_prev", PageDown: "briefing_slide_next"};
  const hook = () => {
    const frame = document.querySelector(".st-key-briefing_map iframe");
    let doc = null;
    try { doc = frame && frame.contentDocument; } catch (e) { return; }
    if (!doc || doc.URL === "about:blank" || doc.__sitmapHooked) return;
    doc.__sitmapHooked = true;
    doc.addEventListener("keydown", (e) => {
      const key = keys[e.key];
      if (!key || e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
      const button = document.querySelector(".st-key-" + key + " button");
      if (!button || button.disabled) return;
      e.preventDefault();
      e.stopPropagation();
      button.click();
    }, true);
    doc.addEventListener("click", (e) => {
      if (!e.target.closest || !e.target.closest(".sitmap-fullscreen a")) return;
      e.preventDefault();
      e.stopPropagation();
      if (document.fullscreenElement) { document.exitFullscreen(); }
      else { document.documentElement.requestFullscreen(); }
    }, true);
  };
  hook();
  if (!window.__sitmapKeysTimer) window.__sitmapKeysTimer = setInterval(hook, 1000);
})();
</script>"""
