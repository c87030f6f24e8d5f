#!/usr/bin/env python3
"""Draw the bundled decks' diagrams as SVG into decks/images/ (the output is committed).

    python3 scripts/make_diagrams.py            # every diagram
    python3 scripts/make_diagrams.py --check    # exit 1 if a committed file differs from its drawing

Every diagram is original, drawn here from simple shapes; the two enantiomers are depicted by RDKit
from SMILES (the field's standard 2D depiction; rdkit is a build-time tool, not a kquiz dependency:
``pip install rdkit``). Text and outlines are drawn in ``currentColor``, which kquiz replaces with
the theme's text color, so one file serves the light and the dark theme; the accent fills are
translucent mid-tones that read on both. QtSvg draws SVG Tiny: no markers, so arrowheads are
polygons. No doses anywhere: the decks are for education, not medical advice.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

OUT = Path(__file__).resolve().parent.parent / "decks" / "images"
INK = "currentColor"
BLUE, ORANGE, GREEN, RED, PURPLE, TEAL = "#4a7fd6", "#e08a2c", "#3a9b5c", "#d2453c", "#8a63c9", "#2a9d9a"
FONT = "DejaVu Sans, Arial, Helvetica, sans-serif"


def doc(width: int, height: int, title: str, desc: str, body: list[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" version="1.2" baseProfile="tiny" width="{width}" '
        f'height="{height}" viewBox="0 0 {width} {height}" font-family="{FONT}">\n'
        f"  <title>{escape(title)}</title>\n  <desc>{escape(desc)}</desc>\n"
    )
    return head + "".join(f"  {line}\n" for line in body) + "</svg>\n"


def text(
    x: float,
    y: float,
    s: str,
    size: int = 14,
    anchor: str = "middle",
    weight: str = "normal",
    fill: str = INK,
    italic: bool = False,
) -> str:
    style = ' font-style="italic"' if italic else ""
    return (
        f'<text x="{x:g}" y="{y:g}" font-size="{size}" text-anchor="{anchor}" font-weight="{weight}" '
        f'fill="{fill}"{style}>{escape(s)}</text>'
    )


def lines(x: float, y: float, rows: list[str], size: int = 14, gap: int = 17, **kw: object) -> list[str]:
    return [text(x, y + i * gap, row, size, **kw) for i, row in enumerate(rows)]  # type: ignore[arg-type]


def box(
    x: float, y: float, w: float, h: float, color: str, rows: list[str], size: int = 14, radius: int = 8
) -> list[str]:
    out = [
        f'<rect x="{x:g}" y="{y:g}" width="{w:g}" height="{h:g}" rx="{radius}" fill="{color}" '
        f'fill-opacity="0.22" stroke="{color}" stroke-width="2"/>'
    ]
    top = y + h / 2 - (len(rows) - 1) * (size + 3) / 2 + size * 0.35
    return out + lines(x + w / 2, top, rows, size, size + 3)


def arrow(
    x1: float, y1: float, x2: float, y2: float, color: str = INK, width: float = 2.2, head: float = 10
) -> list[str]:
    angle = math.atan2(y2 - y1, x2 - x1)
    bx, by = x2 - head * math.cos(angle), y2 - head * math.sin(angle)
    left = (bx + head * 0.5 * math.sin(angle), by - head * 0.5 * math.cos(angle))
    right = (bx - head * 0.5 * math.sin(angle), by + head * 0.5 * math.cos(angle))
    return [
        f'<line x1="{x1:g}" y1="{y1:g}" x2="{bx:.1f}" y2="{by:.1f}" stroke="{color}" stroke-width="{width}"/>',
        f'<polygon points="{x2:g},{y2:g} {left[0]:.1f},{left[1]:.1f} {right[0]:.1f},{right[1]:.1f}" '
        f'fill="{color}"/>',
    ]


def inhibit(x1: float, y1: float, x2: float, y2: float, color: str = INK, dashed: bool = False) -> list[str]:
    """A line ending in a flat bar: 'inhibits'."""
    angle = math.atan2(y2 - y1, x2 - x1)
    dx, dy = 9 * math.sin(angle), -9 * math.cos(angle)
    dash = ' stroke-dasharray="6,5"' if dashed else ""
    return [
        f'<line x1="{x1:g}" y1="{y1:g}" x2="{x2:g}" y2="{y2:g}" stroke="{color}" stroke-width="2.4"{dash}/>',
        f'<line x1="{x2 + dx:.1f}" y1="{y2 + dy:.1f}" x2="{x2 - dx:.1f}" y2="{y2 - dy:.1f}" stroke="{color}" '
        'stroke-width="3.5"/>',
    ]


def cross(x: float, y: float, r: float = 9, color: str = RED) -> list[str]:
    return [
        f'<line x1="{x - r:g}" y1="{y - r:g}" x2="{x + r:g}" y2="{y + r:g}" stroke="{color}" stroke-width="4"/>',
        f'<line x1="{x - r:g}" y1="{y + r:g}" x2="{x + r:g}" y2="{y - r:g}" stroke="{color}" stroke-width="4"/>',
    ]


# ---- 1. the NMDA receptor channel ------------------------------------------------------------
def _channel(cx: float, blocked: bool) -> list[str]:
    out: list[str] = []
    for side, name, ligand in ((-1, "GluN1", "glycine"), (1, "GluN2", "glutamate")):
        x = cx + side * 58 - 27
        out.append(
            f'<rect x="{x:g}" y="90" width="54" height="190" rx="22" fill="{BLUE}" fill-opacity="0.25" '
            f'stroke="{BLUE}" stroke-width="2"/>'
        )
        out.append(text(x + 27, 150, name, 12, weight="bold"))
        lx = cx + side * 58
        out.append(f'<circle cx="{lx + side * 20:g}" cy="84" r="9" fill="{GREEN}"/>')
        out.append(text(lx + side * 20, 66, ligand, 12))
    out.append(text(cx, 304, "ion channel pore", 12, italic=True))
    # the magnesium site, deeper in the pore than ketamine's site
    out.append(
        f'<line x1="{cx - 12:g}" y1="205" x2="{cx + 12:g}" y2="205" stroke="{PURPLE}" stroke-width="3.5"/>'
    )
    out += lines(cx - 100, 270, ["Mg²⁺", "site"], 12, 14, anchor="middle", fill=INK)
    out += arrow(cx - 90, 252, cx - 14, 208, PURPLE, 1.6, 7)
    if blocked:
        out += [
            f'<circle cx="{cx:g}" cy="40" r="7" fill="{ORANGE}"/>',
            text(cx - 12, 44, "Ca²⁺ Na⁺", 12, "end"),
        ]
        out.append(f'<circle cx="{cx:g}" cy="176" r="14" fill="#b3261e"/>')  # a badge: white text on it
        out.append(text(cx, 181, "K", 14, weight="bold", fill="#ffffff"))
        out += arrow(cx + 100, 168, cx + 18, 176, RED)
        out += lines(cx + 104, 160, ["ketamine at", "the PCP site:", "no ions pass"], 12, 15, anchor="start")
    else:
        out += [
            f'<circle cx="{cx:g}" cy="100" r="7" fill="{ORANGE}"/>',
            text(cx - 12, 44, "Ca²⁺ Na⁺", 12, "end"),
        ]
        out += arrow(cx - 10, 48, cx - 3, 90, ORANGE, 1.4, 6)
        out += arrow(cx, 112, cx, 236, ORANGE, 3)
        out.append(f'<circle cx="{cx:g}" cy="262" r="6" fill="{ORANGE}"/>')
        out += lines(cx + 92, 266, ["ions flow in"], 12, anchor="start")
    return out


def nmda_channel() -> str:
    body = [
        f'<rect x="0" y="120" width="760" height="130" fill="{ORANGE}" fill-opacity="0.10"/>',
        f'<line x1="0" y1="120" x2="760" y2="120" stroke="{INK}" stroke-width="1.5" stroke-opacity="0.6"/>',
        f'<line x1="0" y1="250" x2="760" y2="250" stroke="{INK}" stroke-width="1.5" stroke-opacity="0.6"/>',
        text(8, 114, "outside", 12, "start", italic=True),
        text(8, 268, "inside", 12, "start", italic=True),
        text(190, 22, "1. Open: glutamate and glycine bound", 14, weight="bold"),
        text(560, 22, "2. Open, then blocked by ketamine", 14, weight="bold"),
        f'<line x1="370" y1="34" x2="370" y2="304" stroke="{INK}" stroke-opacity="0.3" stroke-dasharray="4,4"/>',
    ]
    body += _channel(200, blocked=False) + _channel(560, blocked=True)
    body += lines(
        380,
        330,
        [
            "Open-channel (uncompetitive) block: ketamine reaches its site only while the channel is open,",
            "and can stay trapped when it closes. At rest Mg²⁺ plugs the pore; depolarisation expels it.",
        ],
        12,
        16,
    )
    return doc(
        760,
        360,
        "The NMDA receptor channel and its open-channel block by ketamine",
        "Two views of an NMDA receptor in the membrane. Left: open, glutamate and glycine bound, "
        "calcium and sodium ions flowing in. Right: ketamine sitting in the pore at the PCP site, "
        "just above the magnesium site, blocking the flow.",
        body,
    )


# ---- 2. disinhibition ---------------------------------------------------------------------------
def disinhibition() -> str:
    body = [text(360, 26, "The disinhibition hypothesis of ketamine's glutamate surge", 15, weight="bold")]
    # interneuron
    body.append(
        f'<circle cx="130" cy="150" r="46" fill="{PURPLE}" fill-opacity="0.25" stroke="{PURPLE}" stroke-width="2"/>'
    )
    body += lines(130, 146, ["GABA", "interneuron"], 13, 16, weight="bold")
    body += lines(130, 222, ["fires less: its NMDA", "receptors are blocked"], 12, 15)
    body.append(f'<rect x="66" y="96" width="22" height="14" rx="3" fill="{BLUE}" stroke="{BLUE}"/>')
    body += lines(40, 84, ["NMDA receptor"], 11, anchor="start")
    body += cross(77, 103, 10)
    body += lines(30, 126, ["ketamine"], 11, anchor="start")
    # weaker inhibition to pyramidal neuron
    body += inhibit(178, 150, 326, 150, PURPLE, dashed=True)
    body += lines(250, 136, ["less GABA"], 12)
    # pyramidal neuron as a triangle
    body.append(
        f'<polygon points="360,95 418,200 302,200" fill="{BLUE}" fill-opacity="0.25" stroke="{BLUE}" stroke-width="2"/>'
    )
    body.append(f'<line x1="360" y1="95" x2="360" y2="60" stroke="{BLUE}" stroke-width="2"/>')
    body += lines(360, 176, ["pyramidal", "neuron"], 12, 15, weight="bold")
    body += lines(360, 226, ["released from", "inhibition: fires more"], 12, 15)
    # axon to glutamate surge
    body.append(f'<line x1="418" y1="170" x2="500" y2="170" stroke="{BLUE}" stroke-width="2.4"/>')
    for i, (dx, dy) in enumerate(((0, 0), (14, -12), (18, 10), (30, -2), (8, 16), (28, 20), (40, -16))):
        body.append(f'<circle cx="{510 + dx}" cy="{166 + dy}" r="4.5" fill="{GREEN}"/>')
        del i
    body += lines(530, 214, ["glutamate surge"], 13, weight="bold")
    body += arrow(560, 166, 620, 166, GREEN, 2.4)
    body += box(626, 130, 86, 72, GREEN, ["AMPA", "receptors", "activated"], 12)
    body += lines(
        360,
        296,
        [
            "(1) ketamine blocks NMDA receptors on tonically active GABA interneurons; (2) they release less GABA;",
            "(3) pyramidal neurons, disinhibited, release more glutamate; (4) AMPA receptors are driven downstream",
        ],
        12,
        18,
    )
    body += lines(360, 346, ["A leading hypothesis, not settled fact."], 12, italic=True)
    return doc(
        720,
        360,
        "Disinhibition: how blocking NMDA receptors can increase glutamate release",
        "A GABA interneuron whose NMDA receptors are blocked by ketamine inhibits a pyramidal "
        "neuron less; the pyramidal neuron fires more and releases a surge of glutamate that "
        "activates AMPA receptors.",
        body,
    )


# ---- 3. AMPA -> BDNF -> mTOR -> spines -------------------------------------------------------------
def bdnf_mtor() -> str:
    steps = [
        (["glutamate", "surge"], GREEN),
        (["AMPA", "receptors", "activated"], GREEN),
        (["BDNF", "released"], ORANGE),
        (["TrkB", "receptor"], ORANGE),
        (["mTOR", "signalling"], PURPLE),
        (["synaptic", "proteins", "made"], PURPLE),
    ]
    body = [text(360, 26, "From AMPA activation to new synapses", 15, weight="bold")]
    x = 12
    for i, (rows, color) in enumerate(steps):
        body += box(x, 60, 92, 74, color, rows, 13)
        if i < len(steps) - 1:
            body += arrow(x + 94, 97, x + 114, 97)
        x += 116
    # a dendrite with spines
    body += arrow(650, 136, 560, 196)
    body.append(
        f'<path d="M 60 250 L 660 250" stroke="{BLUE}" stroke-width="16" stroke-linecap="round" stroke-opacity="0.5"/>'
    )
    for sx, new in (
        (110, False),
        (200, False),
        (290, True),
        (370, True),
        (450, True),
        (530, True),
        (610, False),
    ):
        color = GREEN if new else BLUE
        body.append(f'<line x1="{sx}" y1="243" x2="{sx}" y2="214" stroke="{color}" stroke-width="4"/>')
        body.append(f'<circle cx="{sx}" cy="208" r="9" fill="{color}" fill-opacity="{0.9 if new else 0.5}"/>')
    body += lines(360, 282, ["dendrite: new dendritic spines (green) = new synaptic connections"], 13)
    body += lines(
        360,
        318,
        [
            "In animal studies the spines form within hours of a dose and help the effect last;",
            "blocking BDNF or mTOR signalling prevents the rapid antidepressant-like effect.",
        ],
        12,
        17,
    )
    return doc(
        720,
        360,
        "AMPA to BDNF to mTOR to new dendritic spines",
        "A chain of boxes: glutamate surge, AMPA receptor activation, BDNF release, TrkB receptor, "
        "mTOR signalling, synaptic protein synthesis, ending in new dendritic spines on a dendrite.",
        body,
    )


# ---- 4. metabolism ----------------------------------------------------------------------------------
def metabolism() -> str:
    body = [text(360, 26, "How the liver breaks ketamine down", 15, weight="bold")]
    body += box(20, 70, 150, 64, BLUE, ["ketamine"], 15)
    body += box(285, 70, 150, 64, BLUE, ["norketamine", "(active, weaker)"], 14)
    body += box(550, 70, 150, 64, GREEN, ["hydroxy-", "norketamine (HNK)"], 13)
    body += arrow(172, 102, 283, 102, INK, 2.6, 12)
    body += arrow(437, 102, 548, 102, INK, 2.6, 12)
    body += lines(228, 62, ["N-demethylation"], 12, italic=True)
    body += box(172, 140, 112, 46, ORANGE, ["CYP3A4", "CYP2B6"], 13)
    body += lines(493, 62, ["hydroxylation"], 12, italic=True)
    body += box(437, 140, 112, 46, ORANGE, ["CYP2B6", "CYP2A6"], 13)
    body += arrow(360, 136, 360, 222, INK, 2, 10)
    body += box(285, 224, 150, 50, TEAL, ["dehydro-", "norketamine"], 13)
    body += lines(372, 180, ["CYP2B6"], 12, anchor="start")
    body += lines(
        625,
        160,
        [
            "includes (2R,6R)-HNK,",
            "studied as an antidepressant",
            "that does not block NMDA",
            "receptors (unproven in people)",
        ],
        11,
        14,
    )
    body += lines(
        360,
        306,
        [
            "Enzyme inducers (rifampicin: CYP3A4) lower ketamine levels; inhibitors raise them,",
            "most of all when ketamine is swallowed and passes the liver first.",
        ],
        12,
        17,
    )
    body += lines(360, 346, ["Main routes only; the liver makes further minor metabolites."], 12, italic=True)
    return doc(
        720,
        360,
        "Ketamine metabolism: ketamine to norketamine to hydroxynorketamine",
        "Ketamine is N-demethylated by CYP3A4 and CYP2B6 to norketamine, which is hydroxylated by "
        "CYP2B6 and CYP2A6 to hydroxynorketamines, or turned into dehydronorketamine by CYP2B6.",
        body,
    )


# ---- 5. the two enantiomers (RDKit) ----------------------------------------------------------------
ENANTIOMERS = (
    ("(S)-ketamine", "CN[C@@]1(CCCCC1=O)c1ccccc1Cl"),
    ("(R)-ketamine", "CN[C@]1(CCCCC1=O)c1ccccc1Cl"),
)


def enantiomers() -> str:
    from rdkit import Chem  # build-time only
    from rdkit.Chem import rdDepictor
    from rdkit.Chem.Draw import rdMolDraw2D

    mols, legends = [], []
    for name, smiles in ENANTIOMERS:
        mol = Chem.MolFromSmiles(smiles)
        centre = Chem.FindMolChiralCenters(mol)
        assert centre and centre[0][1] == name[1], (name, centre)  # the CIP label matches the legend
        rdDepictor.SetPreferCoordGen(True)
        rdDepictor.Compute2DCoords(mol)
        mols.append(mol)
        legends.append(name)
    # the same layout for both, mirrored: a mirror image is what the pair is
    conf_s, conf_r = mols[0].GetConformer(), mols[1].GetConformer()
    for i in range(mols[0].GetNumAtoms()):
        p = conf_s.GetAtomPosition(i)
        conf_r.SetAtomPosition(i, (-p.x, p.y, 0.0))
    drawer = rdMolDraw2D.MolDraw2DSVG(720, 320, 360, 300)
    opts = drawer.drawOptions()
    opts.clearBackground = False
    opts.legendFontSize = 22
    opts.bondLineWidth = 2
    opts.addStereoAnnotation = True
    # mid-tone atom colors that read on a light and a dark card alike (RDKit's pure blue does not)
    opts.updateAtomPalette({7: (0.29, 0.50, 0.84), 8: (0.86, 0.27, 0.24), 17: (0.23, 0.61, 0.36)})
    for mol in mols:
        Chem.rdCIPLabeler.AssignCIPLabels(mol)
        Chem.WedgeMolBonds(mol, mol.GetConformer())
    drawer.DrawMolecules(mols, legends=legends)
    drawer.FinishDrawing()
    svg = drawer.GetDrawingText()
    svg = svg.replace("#000000", INK)
    svg = svg[svg.index("<svg") :]  # drop the XML declaration
    body_start = svg.index(">") + 1
    inner = svg[body_start : svg.rindex("</svg>")].strip().splitlines()
    extra = [
        f'<line x1="360" y1="20" x2="360" y2="300" stroke="{INK}" stroke-opacity="0.35" stroke-dasharray="5,5"/>',
        text(
            360,
            340,
            "Mirror images at one chiral carbon (the ring carbon bearing the amine and the chlorophenyl).",
            12,
        ),
        text(
            360,
            358,
            "Depicted by RDKit from SMILES; the wedge shows the bond pointing towards the viewer.",
            12,
            italic=True,
        ),
    ]
    return doc(
        720,
        364,
        "The two enantiomers of ketamine",
        "The 2D structures of (S)-ketamine and (R)-ketamine side by side as mirror images, with the "
        "wedged bond at the chiral carbon.",
        inner + extra,
    )


# ---- 6. history timeline ---------------------------------------------------------------------------
def timeline() -> str:
    body = [text(360, 26, "Ketamine: from anaesthetic to antidepressant", 15, weight="bold")]
    x0, x1, y = 40, 680, 170

    def at(year: float) -> float:
        return x0 + (year - 1960) / (2022 - 1960) * (x1 - x0)

    body += arrow(x0 - 10, y, x1 + 20, y, INK, 2.4, 12)
    for decade in range(1960, 2030, 10):
        body.append(
            f'<line x1="{at(decade):.1f}" y1="{y - 5}" x2="{at(decade):.1f}" y2="{y + 5}" stroke="{INK}" stroke-width="1.5"/>'
        )
        body.append(text(at(decade), y + 22, str(decade), 11, fill=INK))
    events = [
        (1962, BLUE, -1, ["1962", "first synthesised", "(Parke-Davis)"]),
        (1970, BLUE, 1, ["1970", "FDA approves it as", "an anaesthetic"]),
        (1999, RED, -1, ["1999", "US Schedule III", "controlled substance"]),
        (2000, GREEN, 1, ["2000", "first controlled trial", "in depression"]),
        (2019, GREEN, -1, ["2019", "esketamine nasal", "spray approved"]),
    ]
    for year, color, side, rows in events:
        x = at(year)
        tip = y - 62 if side < 0 else y + 78
        body.append(
            f'<line x1="{x:.1f}" y1="{y}" x2="{x:.1f}" y2="{tip + (18 if side < 0 else -14)}" stroke="{color}" stroke-width="2"/>'
        )
        body.append(f'<circle cx="{x:.1f}" cy="{y}" r="7" fill="{color}"/>')
        dx = {1999: -30, 2000: 20, 2019: -10}.get(year, 0)
        top = tip - 34 if side < 0 else tip
        body += lines(x + dx, top, rows, 12, 15)
        body[-len(rows)] = body[-len(rows)].replace('font-weight="normal"', 'font-weight="bold"')
    body += lines(
        360,
        330,
        [
            "Off-label intravenous ketamine for depression is not FDA-approved; the 2019 approval is for",
            "esketamine nasal spray, taken with an oral antidepressant, in treatment-resistant depression.",
        ],
        12,
        17,
    )
    return doc(
        720,
        360,
        "A timeline of ketamine's history",
        "A timeline from 1960 to 2020: synthesis in 1962, FDA approval as an anaesthetic in 1970, US "
        "Schedule III in 1999, the first controlled antidepressant trial in 2000 and FDA approval of "
        "esketamine nasal spray in 2019.",
        body,
    )


# ---- 7. onset and duration after an infusion ------------------------------------------------------
def onset_duration() -> str:
    body = [text(360, 26, "After one infusion: what starts when, and how long it lasts", 15, weight="bold")]
    ox, oy, right, top = 70, 250, 690, 60
    body += arrow(ox, oy, right, oy, INK, 2, 10) + arrow(ox, oy, ox, top, INK, 2, 10)
    body += lines(30, 150, ["effect"], 12, italic=True)
    marks = [(ox, "start"), (150, "end of infusion"), (240, "~2 h"), (340, "1 day"), (620, "~1 week")]
    for x, label in marks:
        body.append(f'<line x1="{x}" y1="{oy}" x2="{x}" y2="{oy + 6}" stroke="{INK}"/>')
        body.append(text(x, oy + 22, label, 11))
    body.append(
        f'<rect x="{ox}" y="{top + 10}" width="{150 - ox}" height="{oy - top - 10}" fill="{BLUE}" fill-opacity="0.12"/>'
    )
    body.append(text((ox + 150) / 2, top + 28, "infusion", 11, italic=True))
    dissoc = f"M {ox} {oy} C 100 {oy - 10}, 110 95, 140 95 C 170 95, 190 {oy - 20}, 250 {oy - 2}"
    body.append(f'<path d="{dissoc}" fill="{PURPLE}" fill-opacity="0.2" stroke="{PURPLE}" stroke-width="3"/>')
    anti = f"M {ox} {oy} C 170 {oy}, 200 150, 300 130 C 400 115, 470 150, 560 200 C 610 228, 650 240, 680 {oy - 4}"
    body.append(f'<path d="{anti}" fill="none" stroke="{GREEN}" stroke-width="3.5"/>')
    body += lines(
        186,
        90,
        ["dissociative and perceptual", "effects: during the infusion,", "gone within about 1–2 h"],
        12,
        15,
        anchor="start",
        fill=INK,
    )
    body.append(f'<line x1="184" y1="104" x2="158" y2="112" stroke="{PURPLE}" stroke-width="1.5"/>')
    body += lines(
        410,
        100,
        ["mood effect: can begin within hours,", "clearest around a day, fades", "over days to about a week"],
        12,
        15,
        anchor="start",
    )
    body.append(f'<line x1="408" y1="118" x2="360" y2="124" stroke="{GREEN}" stroke-width="1.5"/>')
    body += lines(360, 300, ["time after the infusion starts (not to scale)"], 12, italic=True)
    body += lines(
        360,
        330,
        [
            "Qualitative: the shape varies from person to person; repeated sessions are used",
            "to extend the mood effect. Patients are observed until the acute effects have passed.",
        ],
        12,
        17,
    )
    return doc(
        720,
        364,
        "Onset and duration of ketamine's effects after one infusion",
        "Two curves over time, not to scale: dissociative effects peak during the infusion and are gone "
        "within about one to two hours; the antidepressant effect starts within hours, is clearest "
        "around a day and fades over days to about a week.",
        body,
    )


# ---- 8. the bladder as a risk site ---------------------------------------------------------------
def bladder() -> str:
    body = [text(360, 26, "Long-term heavy use: the urinary tract at risk", 15, weight="bold")]
    for side in (-1, 1):
        cx = 200 + side * 80
        body.append(
            f'<ellipse cx="{cx}" cy="100" rx="30" ry="46" fill="{BLUE}" fill-opacity="0.22" stroke="{BLUE}" stroke-width="2"/>'
        )
        body.append(
            f'<path d="M {cx - side * 14} 132 Q {cx - side * 40} 190 {200 + side * 30} 226" fill="none" stroke="{BLUE}" stroke-width="5" stroke-opacity="0.7"/>'
        )
    body += lines(200, 64, ["kidneys"], 12)
    body += lines(100, 186, ["ureters"], 12, anchor="end")
    # bladder with a thick, inflamed wall, contracted
    body.append(
        f'<ellipse cx="200" cy="262" rx="66" ry="46" fill="{RED}" fill-opacity="0.35" stroke="{RED}" stroke-width="10" stroke-opacity="0.8"/>'
    )
    body.append(
        f'<ellipse cx="200" cy="262" rx="38" ry="22" fill="{RED}" fill-opacity="0.12" stroke="{INK}" stroke-width="1" stroke-dasharray="3,3"/>'
    )
    body.append(
        f'<line x1="200" y1="308" x2="200" y2="348" stroke="{BLUE}" stroke-width="5" stroke-opacity="0.7"/>'
    )
    body += lines(200, 266, ["bladder"], 12, weight="bold")
    body += lines(222, 346, ["urethra"], 11, anchor="start")
    notes = [
        (
            110,
            RED,
            [
                "Bladder (ketamine cystitis): inflamed, ulcerated,",
                "then scarred and contracted wall; holds little urine",
            ],
        ),
        (
            178,
            ORANGE,
            ["Symptoms: urgency, frequency, pain on passing", "urine, blood in the urine, incontinence"],
        ),
        (
            246,
            BLUE,
            [
                "In severe cases the ureters narrow and the kidneys",
                "swell (hydronephrosis); the bile ducts can be hit too",
            ],
        ),
        (
            314,
            GREEN,
            [
                "Stopping ketamine is the central step; early damage",
                "may improve, a scarred bladder may need surgery",
            ],
        ),
    ]
    for y, color, rows in notes:
        body.append(f'<rect x="372" y="{y - 26}" width="8" height="44" fill="{color}"/>')
        body += lines(390, y - 8, rows, 12, 16, anchor="start")
    body += arrow(368, 90, 270, 246, RED, 1.6, 8)
    return doc(
        720,
        364,
        "The bladder as a risk site of long-term ketamine use",
        "A urinary tract with the bladder highlighted: a thickened, inflamed and contracted bladder wall "
        "(ketamine cystitis), narrowed ureters and swollen kidneys in severe cases; notes on symptoms "
        "and that stopping ketamine is the central step.",
        body,
    )


DIAGRAMS: dict[str, Callable[[], str]] = {
    "nmda-channel.svg": nmda_channel,
    "disinhibition.svg": disinhibition,
    "ampa-bdnf-mtor.svg": bdnf_mtor,
    "metabolism.svg": metabolism,
    "enantiomers.svg": enantiomers,
    "history-timeline.svg": timeline,
    "infusion-time-course.svg": onset_duration,
    "bladder-risk.svg": bladder,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--check", action="store_true", help="compare with the committed files, write nothing"
    )
    parser.add_argument("names", nargs="*", help="only these files (default: all)")
    args = parser.parse_args(argv)
    differ = []
    OUT.mkdir(parents=True, exist_ok=True)
    for name, draw in DIAGRAMS.items():
        if args.names and name not in args.names:
            continue
        svg = draw()
        target = OUT / name
        if args.check:
            if not target.is_file() or target.read_text(encoding="utf-8") != svg:
                differ.append(name)
            continue
        target.write_text(svg, encoding="utf-8")
        print(f"wrote {target.relative_to(OUT.parent.parent)} ({len(svg.encode()):,} bytes)")
    if differ:
        print("differs from its drawing: " + ", ".join(differ), file=sys.stderr)
    return 1 if differ else 0


if __name__ == "__main__":
    raise SystemExit(main())
