"""Where the demo's communes and douars are: each province a point inside it and a
radius its communes' centres keep within (small for a prefecture, larger for the big
rural and Saharan provinces), each commune's douars a few kilometres around its centre.
Drawn from a generator of their own, so that the rest of a commune's rows are the same
with or without places. Approximate, and fictional below the province."""

from __future__ import annotations

import math
import random

from musharaka import geography
from musharaka.places import MOROCCO

# A point inside each province (decimal degrees), near its seat and away from the coast.
PROVINCE_POINTS: dict[str, tuple[float, float]] = {
    "tanger_assilah": (35.68, -5.86), "mdiq_fnideq": (35.72, -5.40), "tetouan": (35.50, -5.45),
    "fahs_anjra": (35.77, -5.58), "larache": (35.10, -5.98), "al_hoceima": (35.08, -3.95),
    "chefchaouen": (35.10, -5.15), "ouezzane": (34.80, -5.58), "oujda_angad": (34.62, -1.98),
    "nador": (35.05, -3.05), "driouch": (34.95, -3.40), "jerada": (34.30, -2.15),
    "berkane": (34.85, -2.35), "taourirt": (34.40, -2.90), "guercif": (34.20, -3.35),
    "figuig": (32.60, -1.95), "fes": (34.02, -5.00), "meknes": (33.88, -5.55),
    "el_hajeb": (33.70, -5.37), "ifrane": (33.52, -5.10), "moulay_yacoub": (34.08, -5.18),
    "sefrou": (33.80, -4.85), "boulemane": (33.35, -4.40), "taounate": (34.55, -4.65),
    "taza": (34.20, -4.00), "rabat": (33.97, -6.82), "sale": (34.02, -6.75),
    "skhirate_temara": (33.86, -6.93), "kenitra": (34.40, -6.40), "khemisset": (33.80, -6.05),
    "sidi_kacem": (34.40, -5.70), "sidi_slimane": (34.25, -5.93), "beni_mellal": (32.35, -6.35),
    "azilal": (31.95, -6.55), "fquih_ben_salah": (32.50, -6.70), "khenifra": (32.95, -5.65),
    "khouribga": (32.85, -6.90), "casablanca": (33.56, -7.58), "mohammedia": (33.67, -7.36),
    "el_jadida": (33.05, -8.35), "nouaceur": (33.36, -7.58), "mediouna": (33.45, -7.50),
    "benslimane": (33.55, -7.10), "berrechid": (33.25, -7.55), "settat": (33.00, -7.60),
    "sidi_bennour": (32.65, -8.40), "marrakech": (31.63, -8.00), "chichaoua": (31.50, -8.75),
    "al_haouz": (31.30, -7.90), "el_kelaa_des_sraghna": (32.05, -7.40),
    "essaouira": (31.35, -9.40), "rehamna": (32.25, -7.95), "safi": (32.25, -8.95),
    "youssoufia": (32.25, -8.53), "errachidia": (31.93, -4.43), "ouarzazate": (30.92, -6.90),
    "midelt": (32.68, -4.73), "tinghir": (31.52, -5.53), "zagora": (30.33, -5.84),
    "agadir_ida_outanane": (30.52, -9.45), "inezgane_ait_melloul": (30.35, -9.48),
    "chtouka_ait_baha": (30.05, -9.30), "taroudant": (30.47, -8.50), "tiznit": (29.70, -9.50),
    "tata": (29.75, -7.97), "guelmim": (28.98, -10.05), "assa_zag": (28.60, -9.43),
    "tan_tan": (28.30, -10.90), "sidi_ifni": (29.30, -9.85), "laayoune": (27.10, -13.00),
    "boujdour": (26.20, -14.20), "tarfaya": (27.85, -12.50), "es_semara": (26.75, -11.67),
    "oued_ed_dahab": (23.90, -15.55), "aousserd": (22.55, -14.33),
}  # fmt: skip
assert set(PROVINCE_POINTS) == {p.key for p in geography.PROVINCES}

_WIDE = {"es_semara", "aousserd", "oued_ed_dahab", "boujdour", "laayoune", "assa_zag", "tata"}
_KM_PER_DEGREE = 111.0


def province_radius(province: geography.Province) -> float:
    """How far (km) a commune's centre may be from its province's point."""
    if province.prefecture:
        return 5.0
    return 45.0 if province.key in _WIDE else 22.0


def _offset(rng: random.Random, point: tuple[float, float], km: float) -> tuple[float, float]:
    """A point at most `km` from `point`, uniformly in the disc, rounded to ~10 m."""
    distance = km * math.sqrt(rng.random())
    angle = rng.random() * 2 * math.pi
    lat = point[0] + distance * math.cos(angle) / _KM_PER_DEGREE
    lon = point[1] + distance * math.sin(angle) / (_KM_PER_DEGREE * math.cos(math.radians(lat)))
    lat = min(max(lat, MOROCCO.south), MOROCCO.north)
    lon = min(max(lon, MOROCCO.west), MOROCCO.east)
    return round(lat, 5), round(lon, 5)


def places_rng(seed: int, index: int, what: str = "places") -> random.Random:
    """A generator of commune `index`'s places (`what`: places, or points)."""
    return random.Random(f"musharaka-demo-{what}:{seed}:{index}")


def commune_places(
    seed: int, index: int, province: geography.Province, douars: int
) -> tuple[tuple[float, float], tuple[tuple[float, float], ...]]:
    """Commune `index`'s centre, inside its province, and its douars' places, 1 to 8 km
    around the centre."""
    rng = places_rng(seed, index)
    centre = _offset(rng, PROVINCE_POINTS[province.key], province_radius(province))
    around = []
    for _ in range(douars):
        distance = 1.0 + 7.0 * rng.random()
        angle = rng.random() * 2 * math.pi
        lat = centre[0] + distance * math.cos(angle) / _KM_PER_DEGREE
        lon = centre[1] + distance * math.sin(angle) / (
            _KM_PER_DEGREE * math.cos(math.radians(lat))
        )
        around.append((round(lat, 5), round(lon, 5)))
    return centre, tuple(around)


def near(rng: random.Random, point: tuple[float, float]) -> tuple[float, float]:
    """A point within 400 m of `point`: a recommendation placed by its own coordinates."""
    return _offset(rng, point, 0.4)
