"""`annotator stats --plot` writes the charts as a PNG drawn by Qt, Arabic names included."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner
from PySide6.QtGui import QImage

from annotator.cli import main
from annotator.core.charts import BarChart, Series
from annotator.core.model import NewDocument, Status
from annotator.core.store import Store
from annotator.ui.chart_image import render


def test_stats_plot_writes_a_png(qapp, tmp_path: Path) -> None:
    path = tmp_path / "p.annotator.db"
    with Store.create(path) as s:
        doc = s.add_documents([NewDocument("d", "قال محمد علي في القاهرة")]).ids[0]
        for who in ("سارة", "omar"):
            s.add_span(doc, 4, 12, "PERS", who)
            s.set_status(doc, who, Status.DONE)
    out = tmp_path / "charts.png"
    result = CliRunner().invoke(main, ["stats", str(path), "--plot", str(out)])
    assert result.exit_code == 0, result.output
    image = QImage(str(out))
    assert not image.isNull() and image.width() >= 960
    assert oct(out.stat().st_mode & 0o777) == "0o644"  # readable by others, like exports
    colours = {
        image.pixelColor(x, y).name() for x in range(0, image.width(), 7) for y in range(0, image.height(), 7)
    }
    assert "#3a9d5d" in colours  # the "done" bars are drawn
    missing = CliRunner().invoke(main, ["stats", str(path), "--plot", str(tmp_path / "nope" / "c.png")])
    assert missing.exit_code == 1 and "does not exist" in missing.output


def test_arabic_labels_are_drawn_shaped(qapp) -> None:
    """The category is drawn from the logical string; shaped Arabic (joined letters) is narrower
    than the same letters drawn one by one, which is what an unshaped drawing would give."""

    def ink(category: str) -> int:
        chart = BarChart("t", (category,), (Series("x", "#ffffff", (1.0,)),))  # a bar as white as the page
        image = render([chart], width=1000, scale=1.0)
        dark = {x for x in range(0, 400) for y in range(30, 70) if image.pixelColor(x, y).lightness() < 128}
        return max(dark) - min(dark) if dark else 0

    joined, apart = ink("سارة"), ink(" ".join("سارة"))
    assert 0 < joined < apart
