"""Writes events/iran-update-2025-03-04.geojson: the events of the bundled report, linked to its paragraphs.

Kept as a script so the dataset's choices (precision, uncertainty, sources) are reviewable in one place.
Coordinates come from geodata/places.geojson (see geodata/README.md for each place's source).
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = {
    "title": "Iran Update, March 4, 2025",
    "publisher": "Institute for the Study of War and AEI's Critical Threats Project (CTP-ISW)",
    "date": "2025-03-04",
    "url": "https://www.understandingwar.org/backgrounder/iran-update-march-4-2025",
}
REPORT_ID = "iran-update-2025-03-04"

# Approximate outline of the southern Red Sea, Bab el-Mandeb and the Gulf of Aden (region precision).
RED_SEA_GULF_OF_ADEN = [
    [37.8, 20.0],
    [39.9, 20.0],
    [42.9, 14.2],
    [43.5, 12.7],
    [45.2, 12.6],
    [48.5, 13.8],
    [51.3, 13.5],
    [51.2, 11.9],
    [49.0, 11.5],
    [45.5, 10.7],
    [43.6, 11.7],
    [43.0, 12.5],
    [42.0, 13.8],
    [39.5, 15.8],
    [38.2, 18.0],
    [37.8, 20.0],
]


def event(eid, geometry, paragraph, quote, **props):
    base = {
        "date_end": None,
        "country": None,
        "admin1": None,
        "location": None,
        "uncertainty_m": None,
        "report": {"id": REPORT_ID, "paragraph": paragraph},
        "quote": quote,
        "sources": [dict(REPORT)],
        "tags": [],
    }
    base.update(props)
    return {"type": "Feature", "id": eid, "geometry": geometry, "properties": base}


def point(lon, lat):
    return {"type": "Point", "coordinates": [lon, lat]}


EVENTS = [
    event(
        "syr-2025-03-03-tell-al-mal-raid",
        point(36.04, 33.095),
        "p5",
        "Israeli forces raided a former Syrian Arab Army base on Tell al Mal, Quneitra Province, "
        "on the night of 3 March",
        date="2025-03-03",
        time_precision="day",
        event_type="raid",
        actors=["Israel Defense Forces"],
        country="Syria",
        admin1="Quneitra",
        location="Tell al Mal (former SAA base)",
        geo_precision="near",
        uncertainty_m=4000,
        claim_status="reported",
        summary="Israeli forces raided a former Syrian army base on the Tell al Mal hill overnight; "
        "local sources reported bulldozers and helicopters. Position estimated (no gazetteer point).",
        tags=["golan", "disengagement-zone"],
        claims=[
            {
                "kind": "distance",
                "stated_km": 16.0,
                "qualifier": "around",
                "comparison": "about",
                "reference": "area-of-separation",
                "text": "Tell al Mal lies around 16 kilometres from the 1974 disengagement zone",
                "subject": "tell-al-mal",
            }
        ],
    ),
    event(
        "syr-2025-03-04-ruwaihaniya-patrol",
        point(35.88, 33.075),
        "p6",
        "Israeli forces also patrolled Ruwaihaniya, Quneitra Province, on 4 March",
        date="2025-03-04",
        time_precision="day",
        event_type="patrol",
        actors=["Israel Defense Forces"],
        country="Syria",
        admin1="Quneitra",
        location="Ruwaihaniya",
        geo_precision="near",
        uncertainty_m=3000,
        claim_status="reported",
        summary="Israeli forces patrolled the village of Ruwaihaniya in Quneitra Province. "
        "Village position estimated from neighbouring places.",
        tags=["golan"],
    ),
    event(
        "irn-2024-04-isfahan-s300-radar-strike",
        point(51.87639, 32.74608),
        "p4",
        "Israel struck the engagement radar of an S-300 battery near Isfahan in April 2024",
        date="2024-04",
        time_precision="month",
        event_type="airstrike",
        actors=["Israel"],
        country="Iran",
        admin1="Esfahan",
        location="near Isfahan (8th Tactical Air Base area)",
        geo_precision="near",
        uncertainty_m=10000,
        claim_status="reported",
        summary="Israel struck the engagement radar of an S-300 air defence battery near Isfahan.",
        tags=["air-defence"],
    ),
    event(
        "irn-2024-10-solid-fuel-mixers-strike",
        point(51.7535, 35.5956),
        "p4",
        "In October 2024 Israeli strikes destroyed solid-fuel mixing equipment at the Parchin and Khojir "
        "military complexes east of Tehran",
        date="2024-10",
        time_precision="month",
        event_type="airstrike",
        actors=["Israel"],
        country="Iran",
        admin1="Tehran",
        location="Parchin and Khojir military complexes",
        geo_precision="near",
        uncertainty_m=12000,
        claim_status="reported",
        summary="Israeli strikes destroyed solid-fuel mixing equipment used for ballistic missile "
        "production at Parchin and Khojir; the point lies between the two complexes.",
        tags=["missile-production"],
    ),
    event(
        "irn-2024-04-russian-experts-visit",
        point(53.7, 32.4),
        "p4",
        "Russian weapons experts visited Iranian missile sites at least twice in 2024, in April and in "
        "September",
        date="2024-04",
        time_precision="month",
        event_type="visit_meeting",
        actors=["Russian weapons experts", "Iran"],
        country="Iran",
        location="Iranian missile sites",
        geo_precision="country",
        uncertainty_m=800000,
        claim_status="reported",
        summary="Russian weapons experts visited Iranian missile sites; sites not named "
        "(placed at country level).",
        tags=["russia-iran"],
    ),
    event(
        "irn-2024-09-russian-experts-visit",
        point(53.7, 32.4),
        "p4",
        "Russian weapons experts visited Iranian missile sites at least twice in 2024, in April and in "
        "September",
        date="2024-09",
        time_precision="month",
        event_type="visit_meeting",
        actors=["Russian weapons experts", "Iran"],
        country="Iran",
        location="Iranian missile sites",
        geo_precision="country",
        uncertainty_m=800000,
        claim_status="reported",
        summary="A second visit by Russian weapons experts to Iranian missile sites; sites not named "
        "(placed at country level).",
        tags=["russia-iran"],
    ),
    event(
        "irn-2024-09-srbm-shipments-to-russia",
        None,
        "p4",
        "Iran began shipping short-range ballistic missiles to Russia in September 2024",
        date="2024-09",
        time_precision="month",
        event_type="arms_transfer",
        actors=["Iran", "Russia"],
        country="Iran",
        location="Iran to Russia (route not reported)",
        geo_precision="country",
        claim_status="reported",
        summary="Iran began shipping short-range ballistic missiles to Russia. No route or site was "
        "reported, so the event has no map location.",
        tags=["russia-iran"],
    ),
    event(
        "rus-2025-01-strategic-partnership",
        point(37.6173, 55.7558),
        "p2",
        "Moscow and Tehran signed a strategic cooperation agreement in Moscow in January 2025",
        date="2025-01",
        time_precision="month",
        event_type="agreement",
        actors=["Russia", "Iran"],
        country="Russia",
        admin1="Moscow",
        location="Moscow",
        geo_precision="exact",
        uncertainty_m=5000,
        claim_status="confirmed",
        summary="Russia and Iran signed a comprehensive strategic partnership agreement in Moscow.",
        tags=["russia-iran"],
    ),
    event(
        "syr-2018-02-07-khasham-attack",
        point(40.30944, 35.33611),
        "p2",
        "Russian and Iranian-backed forces jointly attacked US forces in Syria in 2018",
        date="2018-02-07",
        time_precision="day",
        event_type="armed_clash",
        actors=[
            "Russian private military contractors",
            "Iranian-backed militias",
            "Syrian pro-government forces",
            "US forces",
        ],
        country="Syria",
        admin1="Deir ez-Zor",
        location="Khasham (Conoco gas field)",
        geo_precision="near",
        uncertainty_m=3000,
        claim_status="confirmed",
        summary="Russian contractors and Iranian-backed and Syrian pro-government forces attacked a US "
        "position near the Conoco gas field at Khasham. The report gives only the year; the day "
        "comes from the second source.",
        sources=[
            dict(REPORT),
            {
                "title": "Battle of Khasham",
                "publisher": "Wikipedia",
                "date": "2025-01-01",
                "url": "https://en.wikipedia.org/wiki/Battle_of_Khasham",
            },
        ],
        tags=["russia-iran", "us-forces"],
    ),
    event(
        "yem-2023-11-red-sea-shipping-attacks",
        {"type": "Polygon", "coordinates": [RED_SEA_GULF_OF_ADEN]},
        "p2",
        "the Kremlin supplied the Houthis with targeting intelligence for their attacks on commercial "
        "shipping and US vessels in the Red Sea and the Gulf of Aden",
        date="2023-11",
        date_end="2024-12",
        time_precision="month",
        event_type="attack_on_shipping",
        actors=["Houthis (Ansar Allah)"],
        country="Yemen",
        location="Red Sea and Gulf of Aden",
        geo_precision="region",
        claim_status="confirmed",
        summary="The Houthis attacked commercial shipping and US vessels across the southern Red Sea and "
        "the Gulf of Aden, reportedly with Russian targeting intelligence.",
        tags=["shipping", "russia-iran"],
    ),
]


def main() -> None:
    from sitmap.store.geojson_io import write_feature_collection

    out = ROOT / "events" / f"{REPORT_ID}.geojson"
    write_feature_collection(out, EVENTS)
    print(f"wrote {len(EVENTS)} events to {out}")


if __name__ == "__main__":
    main()
