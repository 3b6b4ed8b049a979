"""The status colours, Okabe-Ito (distinguishable with the common forms of colour
blindness), shared by the pages' plotly charts and the council report's bars so that a
status looks the same on screen and on paper."""

STATUS_COLOURS = {
    "not_started": "#8C8C8C",
    "planned": "#56B4E9",
    "in_progress": "#0072B2",
    "completed": "#009E73",
    "partially_completed": "#CC79A7",
    "stalled": "#D55E00",
    "cancelled": "#3D3D3D",
}

# Captions and other secondary text, on every page: Streamlit draws a caption at 60%
# opacity, a grey of 3.9:1 on white, below the 4.5:1 WCAG AA asks of text this size. This
# one is 6.1:1 on white and 5.7:1 on the sidebar's grey (tests/test_accessibility.py).
MUTED_TEXT = "#64625E"
# The keyboard's focus ring: the theme's primary colour (.streamlit/config.toml), 5.0:1 on
# white (WCAG 2.2 asks 3:1 of a focus indicator).
FOCUS_RING = "#0072B2"

# --- contrast (WCAG 2) --------------------------------------------------------------------
# Text on a coloured fill (a bar's number) is white or black, whichever stands out more:
# white on the light blue of "planned" would be 2.3:1, black on it 9.1:1. No fill here is
# below 4.5:1 with both (tests/test_chart_contrast.py).
LIGHT_TEXT = "#FFFFFF"
DARK_TEXT = "#000000"
AA_CONTRAST = 4.5  # text of ordinary size
AA_LARGE_CONTRAST = 3.0  # large text: 24 px and more (18.66 px in bold)


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def relative_luminance(colour: str) -> float:
    """WCAG 2 relative luminance of a #RRGGBB colour."""
    red, green, blue = (int(colour.lstrip("#")[i : i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(red) + 0.7152 * _channel(green) + 0.0722 * _channel(blue)


def contrast_ratio(foreground: str, background: str) -> float:
    """WCAG 2 contrast ratio, from 1 (same colour) to 21 (black on white)."""
    lighter, darker = sorted(
        (relative_luminance(foreground), relative_luminance(background)), reverse=True
    )
    return (lighter + 0.05) / (darker + 0.05)


def text_on(fill: str) -> str:
    """The colour of text written on `fill`: white or black, whichever contrasts more."""
    return max((DARK_TEXT, LIGHT_TEXT), key=lambda text: contrast_ratio(text, fill))


# The domains' colours where a chart splits by domain (why things stall): Okabe-Ito, then
# Paul Tol's muted scheme for the rest, each with white or black text above 4.5:1.
DOMAIN_COLOURS = {
    "roads_transport": "#E69F00",
    "water_sanitation": "#56B4E9",
    "electricity_lighting": "#F0E442",
    "education": "#0072B2",
    "health": "#009E73",
    "culture_sports_youth": "#CC79A7",
    "women_social": "#882255",
    "economy_employment": "#D55E00",
    "agriculture": "#117733",
    "environment": "#44AA99",
    "governance_participation": "#332288",
    "other": "#8C8C8C",
}
