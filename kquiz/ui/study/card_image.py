"""A card's image: SVG drawn by QtSvg at the size shown (crisp at any size and pixel ratio), PNG/JPEG
scaled; fitted to the card's width under a height cap that leaves room for the verdict and the grade
buttons. The alt text is the accessible description, and is shown in place of an image that cannot
be drawn. An SVG's ``currentColor`` takes the theme's text color; ``x-dark.svg`` beside ``x.svg`` is
drawn instead in the dark theme. The bytes come through the core's checks (defusedxml) first.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QByteArray, QEvent, QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QImage, QPainter, QPalette, QPen, QPixmap, QPolygonF, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy

from kquiz.domain import Region

if TYPE_CHECKING:
    from PySide6.QtSvg import QSvgRenderer

MAX_IMAGE_HEIGHT = 360  # logical px, on a tall window
WINDOW_SHARE = 0.34  # at most this share of the window's height (the verdict and grades stay in view)
MIN_IMAGE_HEIGHT = 90


Masks = tuple[tuple[Region, ...], str, str]  # an occlusion card's regions, the asked one's name, mode


def max_height(window_height: int) -> int:
    return max(MIN_IMAGE_HEIGHT, min(MAX_IMAGE_HEIGHT, int(window_height * WINDOW_SHARE)))


class CardImage(QLabel):
    """One image of a card (the question's or the answer's); hidden when the card has none."""

    def __init__(self, role: str = "Image") -> None:
        super().__init__()
        self.role = role
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.path: Path | None = None
        self.alt = ""
        self.problem = ""  # why the image is not drawn ('' when it is, or when there is none)
        self.renderer: QSvgRenderer | None = None
        self.raster: QPixmap | None = None
        self._scheme = ""
        self.masks: Masks | None = None
        self.revealed = False

    def set_image(self, path: Path | None, alt: str = "", *, masks: Masks | None = None) -> None:
        """Show ``path``; ``masks`` (regions, asked, mode) covers an occlusion card's regions."""
        self.path, self.alt, self.masks, self.revealed = path, alt, masks, False
        self._load()

    def reveal(self) -> None:
        """Uncover the asked region (it stays outlined); the other hidden ones stay covered."""
        if self.masks is not None and not self.revealed:
            self.revealed = True
            self._rescale()

    def is_drawn(self) -> bool:
        return self.renderer is not None or self.raster is not None

    def _load(self) -> None:
        self.renderer, self.raster, self.problem = None, None, ""
        self._scheme = self._palette_scheme()
        self.setAccessibleName(f"{self.role}: {self.alt}" if self.alt else self.role)
        self.setAccessibleDescription(self.alt)
        self.setToolTip(self.alt)
        if self.path is None:
            self.clear()
            self.hide()
            return
        from kquiz.app import read_image  # (its SVG checks import an XML parser): on the first image

        try:
            chosen = self._themed(self.path)
            data = read_image(chosen)
            if chosen.suffix.lower() == ".svg":
                from PySide6.QtSvg import QSvgRenderer  # on the first SVG shown, not at start

                color = self.palette().color(QPalette.ColorRole.WindowText).name().encode()
                renderer = QSvgRenderer(QByteArray(data.replace(b"currentColor", color)))
                if not renderer.isValid():
                    raise ValueError(f"image '{chosen.name}' could not be drawn")
                self.renderer = renderer
            else:
                pixmap = QPixmap()
                if not pixmap.loadFromData(data):
                    raise ValueError(f"image '{chosen.name}' could not be drawn")
                self.raster = pixmap
        except (OSError, ValueError) as exc:
            self.problem = str(exc)
        self.show()
        self._rescale()

    def _themed(self, path: Path) -> Path:
        if self._scheme == "dark" and path.suffix.lower() == ".svg":
            from kquiz.app import dark_variant

            variant = path.with_name(Path(dark_variant(path.name)).name)
            if variant.is_file():
                return variant
        return path

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange and self.path is not None:
            self._load()  # the theme changed: currentColor and the -dark variant follow it

    def _palette_scheme(self) -> str:
        """The palette's own lightness decides (a theme sets the palette before it says its name)."""
        text = self.palette().color(QPalette.ColorRole.WindowText)
        return (
            "dark"
            if text.lightness() > self.palette().color(QPalette.ColorRole.Window).lightness()
            else "light"
        )

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if event.oldSize().width() != event.size().width():
            self._rescale()

    def _natural(self) -> QSize:
        if self.renderer is not None:
            size = self.renderer.defaultSize()
            return size if not size.isEmpty() else QSize(400, 300)
        return self.raster.size() if self.raster is not None else QSize()

    def _rescale(self) -> None:
        if not self.is_drawn():
            self.clear()
            self.setText(f"[Image not shown: {self.alt or 'no description'}]")
            self.setMinimumHeight(0)
            self.setMaximumHeight(16777215)
            self.setFixedHeight(self.heightForWidth(max(50, self.width())) if self.width() > 0 else 40)
            return
        window = self.window()
        cap = max_height(window.height() if window is not None and window is not self else 600)
        natural = self._natural()
        # an SVG may grow to the card's width (drawn, not stretched); a bitmap never past its own size
        limit_w = self.width() if self.renderer is not None else min(self.width(), natural.width())
        size = natural.scaled(QSize(max(50, limit_w), cap), Qt.AspectRatioMode.KeepAspectRatio)
        ratio = self.devicePixelRatioF()
        pixels = QSize(max(1, round(size.width() * ratio)), max(1, round(size.height() * ratio)))
        if self.renderer is not None:
            image = QImage(pixels, QImage.Format.Format_ARGB32_Premultiplied)
            image.fill(Qt.GlobalColor.transparent)
            painter = QPainter(image)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            self.renderer.render(painter, QRectF(0, 0, pixels.width(), pixels.height()))
            painter.end()
            pixmap = QPixmap.fromImage(image)
        else:
            assert self.raster is not None
            pixmap = self.raster.scaled(
                pixels, Qt.AspectRatioMode.KeepAspectRatio, Qt.TransformationMode.SmoothTransformation
            )
        if self.masks is not None:
            self._paint_masks(pixmap)
        pixmap.setDevicePixelRatio(ratio)
        self.setFixedHeight(max(1, round(pixmap.height() / ratio)))
        self.setPixmap(pixmap)

    def _paint_masks(self, pixmap: QPixmap) -> None:
        """Cover an occlusion card's regions: the asked one in the accent color with a '?', in hide-all
        mode every other one in the muted color; once revealed, the asked one is only outlined."""
        assert self.masks is not None
        regions, asked, mode = self.masks
        palette = self.palette()
        accent = palette.color(QPalette.ColorRole.Highlight)
        muted = palette.color(QPalette.ColorRole.Mid)
        w, h = pixmap.width(), pixmap.height()
        painter = QPainter(pixmap)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        for region in regions:
            shape = QPolygonF([QPointF(x * w, y * h) for x, y in region.points])
            mine = region.name == asked
            if mine and self.revealed:
                painter.setPen(QPen(accent, max(2.0, w / 200)))
                painter.setBrush(Qt.BrushStyle.NoBrush)
            elif mine or mode == "hide-all":
                painter.setPen(QPen(accent.darker(130) if mine else muted.darker(130), 1.5))
                painter.setBrush(accent if mine else muted)
            else:
                continue
            painter.drawPolygon(shape)
            if mine and not self.revealed:
                font = painter.font()
                font.setPixelSize(max(10, int(min(shape.boundingRect().height() * 0.6, w / 25))))
                font.setBold(True)
                painter.setFont(font)
                painter.setPen(palette.color(QPalette.ColorRole.HighlightedText))
                painter.drawText(shape.boundingRect(), Qt.AlignmentFlag.AlignCenter, "?")
        painter.end()
