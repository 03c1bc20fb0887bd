"""Candidate events from a report's sentences, each field with the evidence that produced it.

`extract_candidates(report, reference)` reads every sentence of every paragraph. A sentence with an event
trigger ("raided", "patrolled", "struck", ...) yields one candidate per (place, date) named in the
trigger's clause — one event per location and day, as ACLED codes them. Candidates are proposals: nothing
here writes to the store; `sitmap.extract.review` accepts or rejects them after review.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from sitmap.actors import local_name
from sitmap.extract.actors import Story, actors_for
from sitmap.extract.area_fallback import place_at_area
from sitmap.extract.area_mentions import at_sea, with_borders
from sitmap.extract.candidate import CANDIDATE_KEY, Candidate, Evidence  # noqa: F401 - public here too
from sitmap.extract.cited import told_by
from sitmap.extract.claim_targets import at_same_place, attach_claims
from sitmap.extract.claims import find_distance_claims
from sitmap.extract.dateline import dateline_end
from sitmap.extract.dates import DateMention, event_dates, find_dates, other_frame, shifted_by_lead
from sitmap.extract.filters import (
    counted_at,
    not_an_event,
    recalled_month,
    recent_news,
    segment,
    stale,
    tells_background,
)
from sitmap.extract.follow_up import add_told_sides
from sitmap.extract.host_forces import add_host_forces
from sitmap.extract.ids import event_id
from sitmap.extract.locate import (
    NOT_THE_EVENTS,
    Located,
    carry_paragraph_places,
    confidence,
    locate,
    refers_back,
    where_place,
)
from sitmap.extract.one_per_event import drop_namesake_capitals, drop_unplaced_twins, merge_duplicates
from sitmap.extract.operations import at_later_operation, at_operation, latest_operation, told_later
from sitmap.extract.place_context import PlaceContext, report_contexts
from sitmap.extract.place_country import with_stated_country
from sitmap.extract.places import Gazetteer, PlaceMention, country_locations, find_places
from sitmap.extract.restatement import latest_event, refine_place, restates_where
from sitmap.extract.sentences import split_sentences
from sitmap.extract.types import Trigger, claim_status_for, find_triggers
from sitmap.reference.layers import Reference
from sitmap.store.reports import Report


def _report_date(report: Report) -> date:
    return date.fromisoformat(str(report.date)[:10])


def _sources(report: Report) -> list[dict]:
    src = {"title": report.title, "publisher": report.publisher, "date": report.date, "url": report.url}
    return [{k: v for k, v in src.items() if v}]


_GAZETTEERS: dict[int, tuple[Reference, Gazetteer]] = {}


def _gazetteer(reference: Reference) -> Gazetteer:
    """The index for a Reference, built once per Reference object (it takes a fifth of a second)."""
    hit = _GAZETTEERS.get(id(reference))
    if hit is None or hit[0] is not reference:  # the object itself is kept, so its id is not reused
        if len(_GAZETTEERS) >= 4:
            _GAZETTEERS.pop(next(iter(_GAZETTEERS)))
        hit = _GAZETTEERS[id(reference)] = (reference, Gazetteer.from_reference(reference))
    return hit[1]


def extract_candidates(
    report: Report,
    reference: Reference | None,
    *,
    gazetteer: Gazetteer | None = None,
    with_context: bool = False,
) -> list[Candidate]:
    """Candidate events for every sentence of `report`, located with `reference`'s gazetteer.

    A prebuilt `gazetteer` (the UI caches one) stands in for `reference`, which may then be None.
    With `with_context`, what reads like an event but is not one (background, an aggregate, a plan or
    forecast, a denial) comes too, scored at most 0.3 with its `reason`, for a reviewer to see.
    """
    if gazetteer is not None:
        gaz = gazetteer
    elif reference is not None:
        gaz = _gazetteer(reference)
    else:
        raise ValueError("extract_candidates needs reference layers or a gazetteer to place events")
    rdate = _report_date(report)
    out: list[Candidate] = []
    # -- place context (gaz): the report's places rank and refuse each paragraph's place candidates
    contexts = report_contexts([(p.id, p.text) for p in report.paragraphs], gaz)
    for para in report.paragraphs:
        out += extract_paragraph(
            para.text,
            para.id,
            report,
            gaz,
            rdate,
            earlier=out,
            context=contexts[para.id],
            keep_context=with_context,
        )
    out = merge_duplicates(out)  # a later paragraph restating an event (or its province) merges too
    for c in out:  # a place we lack, at the province the text puts it in (after merging: names, not points)
        place_at_area(c, gaz)
    seen: dict[str, int] = {}
    for c in out:  # ids unique within the run: a second raid on the same place and day gets "-2"
        n = seen[c.id] = seen.get(c.id, 0) + 1
        if n > 1:
            c.id = f"{c.id}-{n}"
    return out


def extract_paragraph(
    text: str,
    paragraph_id: str,
    report: Report,
    gaz: Gazetteer,
    report_date: date,
    earlier: list[Candidate] | None = None,
    context: PlaceContext | None = None,
    keep_context: bool = False,
) -> list[Candidate]:
    """Candidates from one paragraph's text (sentences read in order; dates carry forward).

    A stated distance in a paragraph without events goes to the latest `earlier` candidate at the place
    it is said of ("Tell al Mal lies 16 km from ..." after the paragraph on the raid).
    """
    out: list[Candidate] = []
    carried: list[DateMention] = []  # the last sentence's event dates, for "also patrolled X."
    mentions: list[Located] = []  # every sentence's places, for candidates whose clause names none
    # "BEIRUT, 12 June 2025 — ", "TYRE -- ": where and when the report was filed, not an event's
    head = dateline_end(text, lambda name: bool(gaz.lookup(name, exact_only=True)[0]))
    story = Story()  # the actor the paragraph is about: "they", "the troops" and passives continue it
    told = [(c.date, c.time_precision) for c in earlier or [] if c.evidence["date"].span]  # stated dates
    news = recent_news(told, report_date)  # an earlier paragraph (or sentence, below) told a recent day

    def read(s_start: int, s_end: int) -> tuple[str, list[DateMention], list[PlaceMention], list[Candidate]]:
        """One sentence (or an event sentence and the next): its dates, places and candidates."""
        sentence = text[s_start:s_end]
        anchor = next((d.first_day for d in reversed(carried) if d.precision == "day"), None)
        dates = find_dates(sentence, report_date, anchor, dateline=max(0, head - s_start))
        places = [with_stated_country(sentence, p, gaz) for p in find_places(sentence, gaz, context)]
        places = [p for p in places if p.start >= head - s_start]  # the dateline's city filed the report
        places = sorted(
            with_borders(sentence, at_sea(sentence, places, gaz), gaz),
            key=lambda p: p.start,
        )
        live = carried if event_dates(dates) or not other_frame(dates) else []
        made = _sentence_candidates(
            sentence, s_start, paragraph_id, report, dates, places, live, story, keep_context, s_start < head,
            latest_operation(out), news,
        )  # fmt: skip
        return sentence, dates, places, made

    spans = split_sentences(text)
    skip = -1  # a sentence already read with the event sentence before it
    for k, (s_start, s_end) in enumerate(spans):
        if k == skip:
            continue
        sentence, dates, places, made = read(s_start, s_end)
        news = news or recent_news([(d.date, d.precision) for d in event_dates(dates)], report_date)
        following = text[spans[k + 1][0] : spans[k + 1][1]] if k + 1 < len(spans) else ""
        bare = not made and not places and not event_dates(dates) and bool(find_triggers(sentence))
        if bare and following and not find_triggers(following):
            # "The group said it fired missiles at a base. Its statement on Monday said the base lies in
            # X.": an event with neither place nor date of its own, told on by a sentence with no event of
            # its own, takes that sentence's gazetteer place; not a background sentence's, not a country
            joined = read(s_start, spans[k + 1][1])
            told_on = not other_frame(joined[1])
            if told_on and any(
                not c.reason and c.place_id and c.geo_precision != "country" for c in joined[3]
            ):
                (sentence, dates, places, made), skip = joined, k + 1
        if not made and (last := latest_event(out)) is not None:
            if restates_where(sentence):  # "The attack took place near X": where the last event was
                refine_place(last, places, s_start)
            if not event_dates(dates) and not other_frame(dates):  # "The Houthis claimed the attack."
                add_told_sides(last, sentence)
        mentions += [(s_start, p) for p in places]
        claims = find_distance_claims(sentence)
        if not event_dates(dates) and other_frame(dates):
            carried = []  # another time frame ("throughout the war that began on ..."): the carry stops here
        if claims:
            attach_claims(made or out or at_same_place(earlier or [], places), claims, places, s_start)
        out += made
        if event_dates(dates) and (any(not c.reason for c in made) or not tells_background(sentence, dates)):
            carried = event_dates(dates)  # a background sentence's dates ("since last Sunday") date no event
        elif made and (said := [w for d in dates if (w := reporting_window(d)) is not None][-1:]):
            carried = said  # "SOHR reported on Sunday that troops raided X": Sunday dates what follows
        # (a reporting date alone, "Witnesses said on Monday that the troops stayed", lets the carry go on)
    carry_paragraph_places(out, mentions)  # "entered the town": the place the paragraph names
    return merge_duplicates(out)


def _clause_places(
    places: list[PlaceMention], a: int, b: int, first: bool, trigger_at: int = 0, sentence: str = ""
) -> list[PlaceMention]:
    """The places an event happened at: locative mentions in its clause, else plain ones, else anchors."""
    inside = [p for p in places if a <= p.start < b or (first and p.start < a)]
    for role in ("locative", "mention", "anchor"):
        picked = [p for p in inside if p.role == role]
        if picked:
            break
    else:
        return []
    if any(p.match != "admin1" for p in picked):  # a region is a fallback, not a second event
        picked = [p for p in picked if p.match != "admin1"]
    unique: dict[str, PlaceMention] = {}
    for p in picked:
        unique.setdefault(p.place_id or f"?{p.text}", p)
    return drop_namesake_capitals(list(unique.values()), trigger_at if first else 0, sentence)


def _sentence_candidates(
    sentence: str,
    offset: int,
    paragraph_id: str,
    report: Report,
    dates: list[DateMention],
    places: list[PlaceMention],
    carried: list[DateMention],
    story: Story,
    keep_context: bool = False,
    filed: bool = False,
    operation: Candidate | None = None,
    news: bool = False,
) -> list[Candidate]:
    """The candidates of one sentence; `filed`: it opens under a dateline (the report's lede, news);
    `operation`: the paragraph's latest raid or clash, where a detention with no place of its own was made;
    `news`: a sentence before has dated something to a recent day (`filters.recent_news`)."""
    triggers = find_triggers(sentence)
    acts_before = story.acts
    out: list[Candidate] = []
    waiting: list[Candidate] = []  # arrests made in an operation the sentence tells after them
    countries = country_locations(sentence)
    status, status_why = claim_status_for(sentence)
    said_by = told_by(sentence)  # who told it, for the reviewer (`Candidate.told_by`)
    for i, trig in enumerate(triggers):
        a = trig.start if i else 0
        b = triggers[i + 1].start if i + 1 < len(triggers) else len(sentence)
        b = min(b, segment(sentence, trig.start)[1])  # "...; earlier attacks on X": X is not this event's
        # who acted, read for every trigger (even one dropped below) so that the story goes on; not an event
        # named as the cause of this one ("fired rockets at X in response to an Israeli strike"): its actor
        # acted in another story
        since = triggers[i - 1].end if i else 0
        verdict = not_an_event(sentence, trig, dates)
        story_of = replace(story) if verdict and verdict.kind == "cause" else story
        actors, actor_why = actors_for(sentence, trig, a, b, story_of, since)
        clause_places = _clause_places(places, a, b, first=i == 0, trigger_at=trig.start, sentence=sentence)
        if not clause_places and i:  # "the city of X, where fighting went on"
            clause_places = where_place(sentence, places, trig.start)
        if trig.outcome and not clause_places:  # "Two men were killed.": the deaths of the event told before
            continue
        if not clause_places and i and triggers:  # "In X the soldiers cut trees; when villagers protested":
            frame = [p for p in places if p.end <= triggers[0].start and p.role == "locative"]
            clause_places = _clause_places(
                frame, 0, len(sentence), first=False
            )  # the sentence's opening place frames it
        if verdict and verdict.kind == "count" and counted_at(sentence, trig, clause_places):
            # "five air strikes on A, B and C": the strikes on the places it names (unless background)
            verdict = not_an_event(sentence, trig, dates, count=False)
        not_event = verdict.why if verdict else None
        if not_event and not keep_context:
            continue
        clause_dates = [d for d in event_dates(dates) if a <= d.start < b]
        located = bool(clause_places) or any(a <= c[0] < b for c in countries)
        located = located or refers_back(trig.text)  # "hit the town from the air": the paragraph's town
        # "raided X and detained three men", "15 detained during fighting": the operation's arrest, there
        during, waits = None, False
        if not located and trig.event_type == "arrest" and not other_frame(dates):
            during = latest_operation(out) or (None if clause_dates else operation)
            waits = during is None and told_later(triggers[i + 1 :])
        # news all the same: a ship hit at sea; "demolished a house before withdrawing toward X" (not there)
        told = any(p.role == "origin" and a <= p.start < b for p in places)
        told = told or trig.event_type == "attack_on_shipping"
        if not located and not clause_dates and not filed and during is None and not waits and not told:
            # "the April visit may have been ...": no place, no date of its own: commentary. A dateline's
            # lede is news even when its only place is the dateline's city: that event stays, unplaced
            continue
        date_source = "sentence"
        if not clause_dates:
            clause_dates = event_dates(dates)
        clause_dates = shifted_by_lead(sentence[triggers[i - 1].end if i else 0 : trig.start], clause_dates)
        if clause_dates and not not_event:  # "in June it had seized": recalled, long before the report
            tense = sentence[segment(sentence, trig.start)[0] : trig.start]  # "had seized": pluperfect
            not_event = stale(tense, clause_dates, _report_date(report), news)
            if not_event and not keep_context:
                continue
        by_report = False  # dated by the report alone: the event happened on or before that day
        if not clause_dates:
            said = [w for d in dates if (w := reporting_window(d)) is not None]
            clause_dates = said[-1:]  # "X reported on Sunday that ...": on or before that Sunday
            by_report = bool(said) and filed  # the dateline's date, not "X said on Sunday"
        if not clause_dates and carried:
            # "It came a day after jets bombed X": the day before the carried one
            lead = sentence[triggers[i - 1].end if i else 0 : trig.start]
            clause_dates, date_source = shifted_by_lead(lead, carried), "carried"
            # "Last month jets bombed X. They also struck Y.", "A day later ...": Y is of the recalled episode
            not_event = not_event or recalled_month(clause_dates, _report_date(report), news)
            if not_event and not keep_context:
                continue
        if not clause_dates and not other_frame(dates):
            # No date at all: news reports what just happened. A sentence set in another time frame
            # ("throughout the war that began on ...") is not news of the day: it stays undated.
            clause_dates, date_source, by_report = [_news_window(report)], "report", True
        # A clause with no place (or no date) still gives one candidate, unplaced (or undated).
        places_here: list[PlaceMention | None] = [*clause_places] or [None]
        dates_here: list[DateMention | None] = [*clause_dates] or [None]
        for place in places_here:
            for dm in dates_here:
                cand = _build(sentence, offset, paragraph_id, report, trig, place, dm, date_source, countries)
                cand.actors = [local_name(n, cand.country) for n in actors]  # the Asayish in Syria: SDF
                cand.on_or_before, cand.claim_status = by_report, status
                cand.evidence["actors"] = Evidence(cand.actors, actor_why, 0.8 if actors else 0.3)
                add_host_forces(cand, sentence[trig.start : b], trig.end - trig.start)  # "hit the army HQ"
                cand.evidence["claim_status"] = Evidence(status, status_why, 0.7)
                if said_by:
                    cand.evidence["told_by"] = Evidence(said_by, "who the sentence says told it", 0.6)
                if dates and date_source != "sentence":
                    why = "; ".join(f"{d.text!r}: {d.reason}" for d in dates)
                    ev = cand.evidence["date"]
                    cand.evidence["date"] = Evidence(
                        ev.value, f"{ev.reason}; not event dates: {why}", ev.confidence
                    )
                # names we lack where the sentence puts an event, not where someone came from or went, an
                # affiliation ("linked to Ansar Allah") or a war's name: those are no place of this event
                cand.unresolved = [
                    p.text for p in places if p.match == "unresolved" and p.role not in NOT_THE_EVENTS
                ]
                cand.confidence = confidence(cand)
                if during is not None:
                    at_operation(cand, during)
                elif waits:
                    waiting.append(cand)
                if not_event:  # kept as context for the reviewer, never proposed as an event
                    cand.reason, cand.confidence = not_event, min(cand.confidence, 0.3)
                    cand.evidence["not_an_event"] = Evidence(True, not_event, 0.3)
                out.append(cand)
    if story.acts == acts_before:  # nobody seen acting here: a force it names is what "they" means next
        story.read(sentence)
    story.note_groups(sentence)
    return drop_unplaced_twins(at_later_operation(out, waiting, keep=filed))


def reporting_window(mention: DateMention) -> DateMention | None:
    """ "X reported on Sunday that ...": the event is dated that day, as analysts date it (it may be earlier).

    None when the mention is not a reporting date at day precision.
    """
    first = mention.first_day
    if mention.role != "reporting" or mention.precision != "day" or first is None:
        return None
    why = f"{mention.text!r} dates the report: the event is dated that day (it happened on or before it)"
    return replace(mention, date=first.isoformat(), date_end=None, role="event", reason=why)


def _news_window(report: Report) -> DateMention:
    """No date anywhere: a news item tells of the day before its publication or the day itself."""
    day = _report_date(report)
    why = "no date in the text: the day before the report or the report's day, as news reads"
    return DateMention(0, 0, "", (day - timedelta(days=1)).isoformat(), "day", day.isoformat(), reason=why)


def _build(
    sentence, offset, paragraph_id, report, trig: Trigger, place, dm, date_source, countries
) -> Candidate:
    ev: dict[str, Evidence] = {}
    ev["event_type"] = Evidence(
        trig.event_type, trig.reason, trig.confidence, (offset + trig.start, offset + trig.end), trig.text
    )
    cand = Candidate(
        id="", report_id=report.id, paragraph_id=paragraph_id, start=offset, end=offset + len(sentence),
        sentence=sentence, event_type=trig.event_type, date=None, time_precision=None,
        sources=_sources(report),
    )  # fmt: skip
    if dm is not None:
        cand.date, cand.time_precision, cand.date_end = dm.date, dm.precision, dm.date_end
        conf = 0.85 if dm.year_inferred else 0.95
        reason = dm.reason
        if date_source == "carried":
            conf, reason = 0.6, f"no date in the sentence; carried from the previous sentence ({dm.text!r})"
        elif date_source == "report":
            conf = 0.4
        span = (offset + dm.start, offset + dm.end) if date_source == "sentence" else None
        ev["date"] = Evidence(dm.date, reason, conf, span, dm.text)
    else:
        ev["date"] = Evidence(None, "no date in the sentence or the one before", 0.3)
    locate(cand, ev, place, countries, offset)
    cand.evidence = ev
    cand.id = event_id(cand.to_feature()["properties"])
    return cand
