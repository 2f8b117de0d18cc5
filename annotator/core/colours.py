"""Label colours checked by numbers: text contrast (WCAG), difference (CIEDE2000), colour blindness.

The reader draws a span's label colour behind the text: as it is on the light theme; on the dark one
darkened in CIELAB (lightness compressed into the dark band, hue and most of the chroma kept: mixing
toward grey in sRGB took away half of every difference between labels); a span nested in another as
mostly its own colour with a fifth of the outer one (`NESTED_MIX`). Find matches invert the text's
lightness (dark behind light text on the light theme, bright behind dark text on the dark one), so
they stand out from every label, inside spans too. A palette is good when the text stays readable
on every background (contrast ratio), and when any two labels, a nested span and the span around it,
and a find match and any label differ enough to be told apart (ΔE2000) for normal vision and
simulated protanopia, deuteranopia and tritanopia (Machado, Oliveira and Fernandes 2009, severity 1).
Qt-free: the tests use it as the window does.
"""

from __future__ import annotations

import math
from collections.abc import Iterable

__all__ = [
    "DARK_BASE",
    "FIND_CURRENT",
    "FIND_MATCH",
    "NESTED_MIX",
    "blend",
    "contrast",
    "delta_e",
    "on_theme",
    "palette_problems",
    "simulate",
    "text_on",
]

RGB = tuple[float, float, float]
DARK_BASE = "#1e1e1e"
DARK_LIGHTNESS = (
    12.0,
    0.36,
)  # dark theme: L* = 12 + 0.36 L* (L* 55..90 -> 32..44: white text stays readable)
DARK_CHROMA = 0.85  # dark theme: the share of a label's chroma (a*, b*) kept
NESTED_MIX = 0.8  # a nested span's background: this much of its own colour, the rest the outer span's
# find matches, (light theme, dark theme) backgrounds: the text's lightness inverted, so a match
# differs from every label by lightness, which every kind of colour vision sees
FIND_MATCH = ("#5c4800", "#ffd54a")
FIND_CURRENT = ("#1b3f8b", "#9fd3ff")
LIGHT_TEXT, DARK_TEXT = "#1a1a1a", "#f0f0f0"
MIN_CONTRAST = 4.5  # WCAG AA for body text
MIN_DELTA = 10.0  # ΔE2000 apart: two labels side by side
MIN_NESTED_DELTA = 7.0  # ΔE2000 between a nested span's blend and the span around it (it is underlined too)
_MACHADO = {  # linear RGB, severity 1.0
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
VISIONS = ("normal", *_MACHADO)


def rgb(colour: str) -> RGB:
    """#rrggbb -> (r, g, b) in 0..1."""
    c = colour.lstrip("#")
    return int(c[0:2], 16) / 255, int(c[2:4], 16) / 255, int(c[4:6], 16) / 255


def hex_of(c: RGB) -> str:
    return "#" + "".join(f"{round(min(max(v, 0.0), 1.0) * 255):02x}" for v in c)


def blend(a: str, b: str, t: float) -> str:
    """`a` mixed with `b` (t=0: a, t=1: b), in sRGB as the reader mixes them."""
    x, y = rgb(a), rgb(b)
    return hex_of(tuple(p + (q - p) * t for p, q in zip(x, y, strict=True)))  # type: ignore[arg-type]


def _linear(v: float) -> float:
    return v / 12.92 if v <= 0.04045 else ((v + 0.055) / 1.055) ** 2.4


def _gamma(v: float) -> float:
    v = min(max(v, 0.0), 1.0)
    return v * 12.92 if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055


def luminance(colour: str) -> float:
    r, g, b = (_linear(v) for v in rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio (1..21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def simulate(colour: str, vision: str) -> str:
    """How `colour` looks with a colour vision deficiency ("normal" leaves it)."""
    if vision == "normal":
        return colour
    lin = [_linear(v) for v in rgb(colour)]
    m = _MACHADO[vision]
    out = tuple(_gamma(sum(m[i][j] * lin[j] for j in range(3))) for i in range(3))
    return hex_of(out)  # type: ignore[arg-type]


def _lab(colour: str) -> RGB:
    return _lab_of(rgb(colour))


def _lab_of(c: RGB) -> RGB:
    r, g, b = (_linear(v) for v in c)
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 216 / 24389 else (24389 / 27 * t + 16) / 116

    fx, fy, fz = f(x), f(y), f(z)
    return 116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)


def delta_e(a: str, b: str) -> float:
    """CIEDE2000 colour difference (about 2: just noticeable; 10 and more: plainly different)."""
    return delta_e_lab(_lab(a), _lab(b))


def delta_e_lab(one: RGB, two: RGB) -> float:
    """CIEDE2000 between two CIELAB colours (Sharma, Wu and Dalal 2005)."""
    l1, a1, b1 = one
    l2, a2, b2 = two
    c1, c2 = math.hypot(a1, b1), math.hypot(a2, b2)
    cm = (c1 + c2) / 2
    g = 0.5 * (1 - math.sqrt(cm**7 / (cm**7 + 25**7)))
    a1p, a2p = a1 * (1 + g), a2 * (1 + g)
    c1p, c2p = math.hypot(a1p, b1), math.hypot(a2p, b2)
    h1p = math.degrees(math.atan2(b1, a1p)) % 360
    h2p = math.degrees(math.atan2(b2, a2p)) % 360
    dl, dc = l2 - l1, c2p - c1p
    dh = 0.0
    if c1p * c2p:
        dh = h2p - h1p
        if dh > 180:
            dh -= 360
        elif dh < -180:
            dh += 360
    dhh = 2 * math.sqrt(c1p * c2p) * math.sin(math.radians(dh / 2))
    lm, cmp_ = (l1 + l2) / 2, (c1p + c2p) / 2
    hm = h1p + h2p
    if c1p * c2p:
        hm = (h1p + h2p) / 2 if abs(h1p - h2p) <= 180 else (h1p + h2p + 360) / 2 % 360
    t = (
        1
        - 0.17 * math.cos(math.radians(hm - 30))
        + 0.24 * math.cos(math.radians(2 * hm))
        + 0.32 * math.cos(math.radians(3 * hm + 6))
        - 0.20 * math.cos(math.radians(4 * hm - 63))
    )
    sl = 1 + 0.015 * (lm - 50) ** 2 / math.sqrt(20 + (lm - 50) ** 2)
    sc = 1 + 0.045 * cmp_
    sh = 1 + 0.015 * cmp_ * t
    rt = (
        -2
        * math.sqrt(cmp_**7 / (cmp_**7 + 25**7))
        * math.sin(math.radians(60 * math.exp(-(((hm - 275) / 25) ** 2))))
    )
    return math.sqrt((dl / sl) ** 2 + (dc / sc) ** 2 + (dhh / sh) ** 2 + rt * (dc / sc) * (dhh / sh))


def _srgb_of_lab(lab: RGB) -> RGB:
    """CIELAB (D65) -> sRGB in 0..1, clipped to the gamut."""
    fy = (lab[0] + 16) / 116
    fx, fz = fy + lab[1] / 500, fy - lab[2] / 200

    def finv(t: float) -> float:
        return t**3 if t**3 > 216 / 24389 else (116 * t - 16) / (24389 / 27)

    x, y, z = finv(fx) * 0.95047, finv(fy), finv(fz) * 1.08883
    r = 3.2406 * x - 1.5372 * y - 0.4986 * z
    g = -0.9689 * x + 1.8758 * y + 0.0415 * z
    b = 0.0557 * x - 0.2040 * y + 1.0570 * z
    return _gamma(r), _gamma(g), _gamma(b)


def on_theme(colour: str, dark: bool) -> str:
    """A label's background on the light or dark theme, as the reader draws it."""
    if not dark:
        return colour
    lightness, a, b = _lab(colour)
    offset, scale = DARK_LIGHTNESS
    return hex_of(_srgb_of_lab((offset + scale * lightness, a * DARK_CHROMA, b * DARK_CHROMA)))


def nested(outer: str, inner: str) -> str:
    """The background of `inner` nested in `outer` (both as drawn on the theme)."""
    return blend(outer, inner, NESTED_MIX)


def text_on(background: str) -> str:
    """The text colour (of the two themes') that reads best on `background`."""
    return max((LIGHT_TEXT, DARK_TEXT), key=lambda t: contrast(background, t))


def palette_problems(
    colours: dict[str, str],
    nested_pairs: Iterable[tuple[str, str]] = (),
    extra: dict[str, tuple[str, str]] | None = None,
) -> list[str]:
    """What is wrong with a label palette (empty: nothing), in both themes and every vision.

    `nested_pairs`: (outer, inner) label pairs that occur nested (an entity inside a QUOTE); `extra`:
    other backgrounds the reader draws, as (light theme, dark theme) colours (find matches), that must
    differ from every label too; their text takes whichever colour reads best on them."""
    out: list[str] = []
    names = sorted(colours)
    pairs = list(nested_pairs)
    for dark in (False, True):
        theme = "dark" if dark else "light"
        text = DARK_TEXT if dark else LIGHT_TEXT
        bg = {n: on_theme(colours[n], dark) for n in names}
        for n in names:
            if contrast(bg[n], text) < MIN_CONTRAST:
                out.append(f"{theme}: text on {n} has contrast {contrast(bg[n], text):.1f} < {MIN_CONTRAST}")
        others = dict(bg)
        for k, (light_bg, dark_bg) in (extra or {}).items():
            others[k] = dark_bg if dark else light_bg
            ratio = contrast(others[k], text_on(others[k]))
            if ratio < MIN_CONTRAST:
                out.append(f"{theme}: text on {k} has contrast {ratio:.1f} < {MIN_CONTRAST}")
        keys = sorted(others)
        for vision in VISIONS:
            seen = {k: simulate(others[k], vision) for k in keys}
            for i, a in enumerate(keys):
                for b in keys[i + 1 :]:
                    d = delta_e(seen[a], seen[b])
                    if d < MIN_DELTA:
                        out.append(f"{theme}, {vision}: {a} and {b} differ by ΔE {d:.1f} < {MIN_DELTA}")
            for outer, inner in pairs:
                mixed = nested(bg[outer], bg[inner])
                d = delta_e(simulate(bg[outer], vision), simulate(mixed, vision))
                if d < MIN_NESTED_DELTA:
                    out.append(
                        f"{theme}, {vision}: {inner} inside {outer} differs by ΔE {d:.1f} < {MIN_NESTED_DELTA}"
                    )
    return out
