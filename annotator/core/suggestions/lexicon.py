"""The lexicons of the reported-speech rules, read from `annotator/resources/suggest/` (or a project's copy).

Every entry is folded as the rules see the text (see `units`), and the forms news text uses are
made here from the few that the files list: a verb's persons from its past and present, a
participle's endings, a noun's form with the article.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

from annotator.core.text import fold_key
from annotator.resources import resource_path

_WEAK = "اويى"  # letters a defective verb ends in (دعا، يدعو، نفى، ينفي)


def f(word: str) -> str:
    """A lexicon word folded as the rules see the text."""
    return fold_key(word.strip())


@dataclass(frozen=True, slots=True)
class Verb:
    """A speech verb and what may follow it (see cues.toml)."""

    lemma: str
    prep: tuple[str, ...] = ()
    np: bool = False
    object: bool = False
    source: bool = False
    np_object: bool = False
    attached: bool = False  # a form with an object pronoun ("وصفه"، "قاله")
    ambiguous: bool = (
        False  # its plain past is also a common preposition or noun ("عبر" via, "أبرز" most prominent)
    )
    prep_only: bool = False  # speech only with its preposition: what was said follows it ("عبر عن")
    passive: bool = False  # "قيل"، "يقال": what was said is reported with nobody named as saying it
    clause_only: bool = False  # a cue only before a complementiser ("وختم البيان أن"; "ختم كلماته :" not)


@dataclass(frozen=True, slots=True)
class Lexicon:
    finite: dict[str, Verb]  # folded form -> verb (past and present, every person news uses)
    participles: dict[str, Verb]
    source_phrases: tuple[tuple[str, ...], ...]  # folded word sequences, longest first
    afterwords: tuple[tuple[str, ...], ...]
    complementisers: frozenset[str]  # with their pronoun suffixes
    complement_preps: frozenset[str]
    kinds: dict[str, str]  # folded head word (and its ال form) -> speaker kind
    multiword_kinds: tuple[tuple[tuple[str, ...], str], ...]  # several-word heads, longest first
    stop: frozenset[str]
    audience: frozenset[str]
    media_heads: frozenset[str] = field(default_factory=frozenset)  # nouns a quoted name may follow
    adjectives: frozenset[str] = field(default_factory=frozenset)  # non-nisba adjectives of titles
    time: frozenset[str] = field(default_factory=frozenset)
    grammar: dict[str, frozenset[str]] = field(default_factory=dict)  # grammar.toml: function words
    phrase_index: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # by first word
    opinions: tuple[tuple[str, ...], ...] = ()  # "في رأيه": the speaker already named holds the view
    opinion_index: dict[str, tuple[tuple[str, ...], ...]] = field(default_factory=dict)  # by last word

    def kind_of(self, words: list[str]) -> str | None:
        """The speaker kind of a phrase from its first word(s), or None when no lexicon heads it."""
        first = words[0] if words else None
        for seq, kind in self.multiword_kinds:
            if seq[0] == first and tuple(words[: len(seq)]) == seq:
                return kind
        return self.kinds.get(words[0]) if words else None


_PRONOUN_SUFFIXES = ("", "ه", "ها", "هم", "هما", "هن", "نا", "ني", "ي", "كم")


_OBJECT_SUFFIXES = ("ه", "ها", "هم", "هما", "هن")


def _with_suffix(form: str, suffix: str) -> str:
    """A verb form with an object pronoun: قالوا + ه -> قالوه, دعا + ه -> دعاه."""
    return (form[:-1] if form.endswith("وا") else form) + suffix


def _past_forms(past: str) -> list[str]:
    if past[-1] in _WEAK:
        stem = past[:-1]
        return [past, stem + "ت", stem + "وا", stem + "تا", stem + "يا"]
    return [past, past + "ت", past + "وا", past + "ا", past + "تا"]


def _present_forms(present: str) -> list[str]:
    if not present:
        return []
    rest = present[1:]
    plural = present[:-1] + "ون" if present[-1] in _WEAK else present + "ون"
    dual = present[:-1] + "يان" if present[-1] in "يى" else present + "ان"
    return [present, "ت" + rest, plural, dual, "ت" + dual[1:]]


def _participle_forms(stem: str) -> list[str]:
    if not stem:
        return []
    if stem.endswith("ي"):  # داعي -> داعيا داعية داعين
        return [stem + "ا", stem + "ه", stem[:-1] + "ين", stem + "ات"]
    return [stem + "ا", stem + "ه", stem + "ين", stem + "ات", stem + "تين"]


def _arabic(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in word)


def _with_article(word: str) -> list[str]:
    return [word] if word.startswith("ال") else [word, "ال" + word]


@cache
def load_lexicon(folder: Path | None = None) -> Lexicon:
    """Read cues.toml, speakers.toml and grammar.toml from `folder` (default: the bundled resources)."""
    base = Path(folder) if folder is not None else resource_path("suggest")
    with (base / "cues.toml").open("rb") as fh:
        cues = tomllib.load(fh)
    with (base / "speakers.toml").open("rb") as fh:
        speakers = tomllib.load(fh)
    with (base / "grammar.toml").open("rb") as fh:
        grammar = tomllib.load(fh)
    finite: dict[str, Verb] = {}
    participles: dict[str, Verb] = {}
    for entry in cues.get("verb", []):
        verb = Verb(
            f(entry.get("past", "") or entry.get("participle", "") or next(iter(entry.get("extra", [])), "")),
            tuple(f(p) for p in entry.get("prep", [])),
            bool(entry.get("np", False)),
            bool(entry.get("object", False)),
            bool(entry.get("source", False)),
            bool(entry.get("np_object", False)),
            ambiguous=bool(entry.get("ambiguous", False)),
            prep_only=bool(entry.get("prep_only", False)),
            passive=bool(entry.get("passive", False)),
            clause_only=bool(entry.get("clause_only", False)),
        )
        forms = _past_forms(f(entry["past"])) if entry.get("past") else []
        forms += _present_forms(f(entry.get("present", "")))
        forms += [f(x) for x in entry.get("extra", [])]
        for form in forms:
            finite.setdefault(form, verb)
        if verb.object or entry.get("pronoun_object"):
            # the addressee or what was said as a pronoun on the verb: "واتهمها بـ"، "ما قاله"; the
            # object is then not a phrase after the verb (nor, when it is what was said, a noun phrase)
            attached = replace(verb, object=False, attached=True)
            if not verb.object:
                attached = replace(attached, np=False, np_object=False)
            for form in forms:
                for suffix in _OBJECT_SUFFIXES:
                    finite.setdefault(_with_suffix(form, suffix), attached)
        for form in _participle_forms(f(entry.get("participle", ""))):
            participles.setdefault(form, verb)
    phrases = cues.get("phrases", {})
    source_set = {tuple(f(p).split()) for p in phrases.get("source", [])}
    # a phrase ending with a verb's past ("كما قال") holds its other persons too ("كما قالت")
    for seq in list(source_set):
        verb = finite.get(seq[-1])
        if verb is not None and seq[-1] == verb.lemma:
            source_set |= {(*seq[:-1], form) for form in _past_forms(verb.lemma)}
    source_phrases = tuple(sorted(source_set, key=len, reverse=True))
    afterwords = tuple(
        sorted({tuple(f(p).split()) for p in phrases.get("afterword", [])}, key=len, reverse=True)
    )
    opinions = tuple(sorted({tuple(f(p).split()) for p in phrases.get("opinion", [])}, key=len, reverse=True))
    comp = cues.get("complementisers", {})
    complementisers = {w + s for w in (f(x) for x in comp.get("words", [])) for s in _PRONOUN_SUFFIXES}
    complementisers |= {"ان" + s for s in _PRONOUN_SUFFIXES}  # إن / أن folded
    kinds: dict[str, str] = {}
    multi: list[tuple[tuple[str, ...], str]] = []
    for kind, entries in speakers.get("kinds", {}).items():
        kind_name = "media" if kind == "media_names" else kind
        for entry in entries:
            words = f(entry).split()
            if not words:
                continue  # an empty entry heads nothing
            # a name in Arabic letters is also written with the article ("الأسوشيتد برس"), a Latin one not
            article = kind != "media_names" or _arabic(words[0])
            if len(words) == 1:
                for form in _with_article(words[0]) if article else [words[0]]:
                    kinds.setdefault(form, kind_name)
            else:
                multi.append((tuple(words), kind_name))
                if article and not words[0].startswith("ال"):
                    multi.append((("ال" + words[0], *words[1:]), kind_name))
    words = speakers.get("words", {})
    kinds_in = speakers.get("kinds", {})
    named_heads = kinds_in.get("media", []) + kinds_in.get("named", []) + words.get("titled", [])
    media_heads = {form for entry in named_heads for form in _with_article(f(entry).split()[0])}
    return Lexicon(
        finite=finite,
        participles=participles,
        source_phrases=source_phrases,
        afterwords=afterwords,
        opinions=opinions,
        opinion_index={
            last: tuple(q for q in opinions if q[-1] == last) for last in {q[-1] for q in opinions}
        },
        complementisers=frozenset(complementisers),
        complement_preps=frozenset(f(x) for x in comp.get("preps", [])),
        kinds=kinds,
        multiword_kinds=tuple(sorted(multi, key=lambda m: len(m[0]), reverse=True)),
        stop=frozenset(f(x) for x in words.get("stop", [])),
        audience=frozenset(form for x in words.get("audience", []) for form in _with_article(f(x))),
        media_heads=frozenset(media_heads),
        adjectives=frozenset(f(x) for x in words.get("adjectives", [])),
        time=frozenset(f(x) for x in words.get("time", [])),
        grammar={key: frozenset(f(x) for x in values) for key, values in grammar.items()},
        phrase_index=_index(source_phrases),
    )


def _index(phrases: tuple[tuple[str, ...], ...]) -> dict[str, tuple[tuple[str, ...], ...]]:
    out: dict[str, list[tuple[str, ...]]] = {}
    for seq in phrases:  # longest first, kept in that order
        out.setdefault(seq[0], []).append(seq)
    return {k: tuple(v) for k, v in out.items()}
