"""The status colours, Okabe-Ito (distinguishable with the common forms of colour
blindness), shared by the pages' plotly charts and the council report's bars so that a
status looks the same on screen and on paper."""

STATUS_COLOURS = {
    "not_started": "#8C8C8C",
    "planned": "#56B4E9",
    "in_progress": "#0072B2",
    "completed": "#009E73",
    "stalled": "#D55E00",
    "cancelled": "#3D3D3D",
}
