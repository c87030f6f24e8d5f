"""Card images in the study screen: SVG drawn crisp, alt text as the accessible description and in
place of an image that cannot be drawn, the theme's colors, and the verdict in view at 640×480."""

from __future__ import annotations

import textwrap
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from kquiz.ui import theme
from kquiz.ui.study.card_image import CardImage

from .keys import press, settle, type_text

# a tall drawing (it would take 800 px at the card's width) in the theme's text color
TALL = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="400"><rect width="200" height="400" fill="currentColor"/></svg>'
DARK_ONLY = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="400"><rect width="200" height="400" fill="#ff0000"/></svg>'
DECK = textwrap.dedent(
    """\
    kquiz: 1
    id: pictures
    title: Pictures
    topics: [{id: t, title: Topic}]
    sources: [{id: s, title: A source}]
    cards:
      - id: typed
        type: typed
        topic: t
        prompt: Which receptor is drawn here?
        answers: [NMDA]
        explanation: The drawing is a rectangle, but pretend.
        source: {id: s}
        image: tall.svg
        alt: A tall box standing in for the NMDA receptor
        answer_image: answer.svg
        answer_alt: The answer side drawing
    """
)


def in_view(widget: QWidget) -> bool:
    return widget.isVisible() and not widget.visibleRegion().isEmpty()


def centre(label: CardImage) -> QColor:
    image = label.pixmap().toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def start(start_app, data_dir: Path, tmp_path: Path, qtbot):
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "cards.yaml").write_text(DECK, encoding="utf-8")
    (decks / "tall.svg").write_text(TALL, encoding="utf-8")
    (decks / "answer.svg").write_text(TALL, encoding="utf-8")
    running = start_app(data_dir, deck_dirs=(decks,))
    press(qtbot, running.window, Qt.Key.Key_Return)
    return running, decks


def test_svg_is_drawn_described_and_keeps_the_verdict_in_view(qtbot, data_dir, start_app, tmp_path):
    running, _ = start(start_app, data_dir, tmp_path, qtbot)
    window, card = running.window, running.window.study.card
    window.resize(640, 480)
    settle()
    image = card.image
    assert image.is_drawn() and image.renderer is not None and not image.pixmap().isNull()
    assert image.accessibleDescription() == "A tall box standing in for the NMDA receptor"
    assert "A tall box" in image.accessibleName() and not card.answer_image.isVisible()
    shown = image.pixmap()
    assert shown.height() / shown.devicePixelRatio() <= 0.34 * 480 + 1  # capped, aspect kept
    assert abs(shown.width() / shown.height() - 0.5) < 0.02
    type_text(qtbot, window, "AMPA")
    press(qtbot, window, Qt.Key.Key_Return)
    settle()
    assert in_view(card.verdict) and all(in_view(b) for b in window.study.grades.buttons)
    assert (
        card.answer_image.is_drawn()
        and card.answer_image.accessibleDescription() == "The answer side drawing"
    )
    for width, height in ((640, 480), (1280, 800)):
        window.resize(width, height)
        settle()
        assert in_view(card.verdict) and all(in_view(b) for b in window.study.grades.buttons)


def test_current_color_and_the_dark_variant_follow_the_theme(qtbot, data_dir, start_app, tmp_path):
    running, decks = start(start_app, data_dir, tmp_path, qtbot)
    app, image = running.app, running.window.study.card.image
    try:
        theme.apply(app, "light", 12)
        settle()
        assert centre(image).name() == theme.LIGHT.text  # currentColor drawn in the theme's text color
        theme.apply(app, "dark", 12)
        settle()
        assert centre(image).name() == theme.DARK.text
        (decks / "tall-dark.svg").write_text(DARK_ONLY, encoding="utf-8")
        image.set_image(decks / "tall.svg", "A box")
        assert centre(image).name() == "#ff0000"  # x-dark.svg beside x.svg, in the dark theme
    finally:
        theme.apply(app, "light", 12)


def test_an_image_that_cannot_be_drawn_shows_its_alt_text(qtbot, data_dir, start_app, tmp_path):
    running, decks = start(start_app, data_dir, tmp_path, qtbot)
    image = running.window.study.card.image
    (decks / "tall.svg").write_text(TALL.replace("<rect", "<script>x</script><rect"), encoding="utf-8")
    image.set_image(decks / "tall.svg", "A tall box standing in for the NMDA receptor")
    settle()
    assert not image.is_drawn() and image.isVisible()
    assert image.text() == "[Image not shown: A tall box standing in for the NMDA receptor]"
    assert "<script>" in image.problem and image.pixmap().isNull()
    image.set_image(decks / "missing.svg", "Gone")
    assert image.text() == "[Image not shown: Gone]" and "not" in image.problem


OCCLUSION = textwrap.dedent(
    """\
    kquiz: 1
    id: parts
    title: Parts
    topics: [{id: t, title: Topic}]
    sources: [{id: s, title: A source}]
    cards:
      - id: receptor
        type: occlusion
        topic: t
        image: tall.svg
        alt: A receptor with two labelled parts
        mode: hide-all
        regions:
          - {name: top, answer: binding site, rect: [0.0, 0.0, 1.0, 0.5]}
          - {name: bottom, answer: pore, rect: [0.0, 0.5, 1.0, 0.5]}
        source: {id: s}
    """
)


def test_occlusion_cards_are_studied_by_keys_alone(qtbot, data_dir, start_app, tmp_path):
    decks = tmp_path / "decks"
    decks.mkdir()
    (decks / "parts.yaml").write_text(OCCLUSION, encoding="utf-8")
    (decks / "tall.svg").write_text(TALL.replace("currentColor", "#ffffff"), encoding="utf-8")
    running = start_app(data_dir, deck_dirs=(decks,))
    window = running.window
    press(qtbot, window, Qt.Key.Key_Return)
    session, card = window.nav.session, window.study.card
    accent = card.image.palette().color(card.image.palette().ColorRole.Highlight).name()
    seen = set()
    for _ in range(2):
        shown = session.current
        asked = shown.card.asked
        seen.add(asked)
        image = card.image.pixmap().toImage()
        top, bottom = image.pixelColor(3, 3).name(), image.pixelColor(3, image.height() - 4).name()
        assert {top, bottom} != {"#ffffff"}  # hide-all: both regions covered
        assert (top if asked == "top" else bottom) == accent  # the asked one in the accent color
        if asked == "top":  # type the label
            type_text(qtbot, window, "binding site")
            press(qtbot, window, Qt.Key.Key_Return)
            assert card.verdict.text() == "Correct"
        else:  # Enter on an empty line shows the answer
            press(qtbot, window, Qt.Key.Key_Return)
            assert card.answer.text() == "pore"
        assert card.image.revealed
        revealed = card.image.pixmap().toImage()
        y = 3 if asked == "top" else revealed.height() // 4 * 3
        assert revealed.pixelColor(revealed.width() // 2, y).name() == "#ffffff"  # uncovered
        press(qtbot, window, Qt.Key.Key_3)
    assert seen == {"top", "bottom"}
