"""The mechanism diagrams: the NMDA channel, disinhibition, AMPA to new spines, metabolism."""

from __future__ import annotations

from diagram_kit import (
    BLUE,
    GREEN,
    INK,
    ORANGE,
    PURPLE,
    RED,
    TEAL,
    arrow,
    box,
    cross,
    doc,
    inhibit,
    lines,
    text,
)


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
