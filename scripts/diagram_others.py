"""The other diagrams: the two enantiomers (RDKit), history, an infusion's time course, the bladder."""

from __future__ import annotations

from diagram_kit import BLUE, GREEN, INK, ORANGE, PURPLE, RED, arrow, doc, lines, text

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
