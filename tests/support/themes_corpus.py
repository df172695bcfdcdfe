"""The blind buyer-text corpus, its tune / check split, and the theme classifier's figures on it."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from reinstate.domain.causes import classify, script_languages
from reinstate.rules.causes import THEME_LANGUAGES, theme_rules

DATA = Path(__file__).resolve().parents[1] / "data"
FOLDER = DATA / "feedback_blind"
SPLIT = DATA / "feedback_blind_split.toml"


@dataclass(frozen=True)
class Text:
    """One labelled buyer text of the corpus."""

    id: str
    language: str
    kind: str
    stars: int
    text: str
    theme: str
    also: tuple[str, ...]

    @property
    def part(self) -> str:
        """Return 'tune' or 'check' by the split file's rule (parity of the id's number)."""
        rule = tomllib.loads(SPLIT.read_text(encoding="utf-8"))
        assert rule["rule"] == "id-parity"
        odd = int(self.id.rsplit("-", 1)[1]) % 2 == 1
        return "tune" if odd == (rule["tune"] == "odd") else "check"


def load_corpus() -> list[Text]:
    """Return every text of every language file."""
    texts = []
    for lang in THEME_LANGUAGES:
        data = tomllib.loads((FOLDER / f"{lang}.toml").read_text(encoding="utf-8"))
        for e in data["comment"]:
            texts.append(
                Text(
                    e["id"],
                    lang,
                    e["kind"],
                    int(e["stars"]),
                    e["text"],
                    e["theme"],
                    tuple(e.get("also", [])),
                )
            )
    return texts


def predicted(text: Text) -> str:
    """Return the classifier's theme for one text."""
    rules = theme_rules()
    return classify(text.text, text.stars, script_languages(text.text, rules)).theme


def figures(texts: list[Text]) -> dict[tuple[str, str], tuple[int, int, int]]:
    """Return (texts, main theme right, theme within theme+also) per (language, part)."""
    out: dict[tuple[str, str], list[int]] = {}
    for t in texts:
        got = predicted(t)
        row = out.setdefault((t.language, t.part), [0, 0, 0])
        row[0] += 1
        row[1] += got == t.theme
        row[2] += got == t.theme or got in t.also
    return {k: (v[0], v[1], v[2]) for k, v in out.items()}


def report_lines() -> list[str]:
    """Return the figures per part and language, as the docs print them."""
    found = figures(load_corpus())
    lines = []
    for part in ("tune", "check"):
        total = [0, 0, 0]
        for lang in THEME_LANGUAGES:
            n, right, loose = found[(lang, part)]
            total = [total[0] + n, total[1] + right, total[2] + loose]
            lines.append(
                f"{part:5} {lang}: {right}/{n} = {right / n:.0%} (or also: {loose / n:.0%})"
            )
        n, right, loose = total
        lines.append(f"{part:5} all: {right}/{n} = {right / n:.0%} (or also: {loose / n:.0%})")
    return lines


if __name__ == "__main__":
    import sys

    sys.stdout.write("\n".join(report_lines()) + "\n")
