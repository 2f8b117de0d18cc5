"""Reported-speech rules for Modern Standard Arabic news: QUOTE, CUE and SPEAKER proposals with their
ATTRIBUTED_TO and CUE_OF links.

What they recognise (the lexicons are in `annotator/resources/suggest/`, see `lexicon`):

- a speech verb in any person news uses, with و / ف before it ("وأكدت"), its subject after it
  ("قال المتحدث باسم الوزارة") or before it ("وكان الوزير قد أشار"), then what was said: a clause
  opened by a complementiser (إن، أن، بأن، من أن، إلى أن …), a colon, a quotation, or for some verbs a
  noun phrase after their preposition ("أشار إلى ضرورة …"). A verb with none of these after it is not
  speech here ("أعلن الرئيس حالة الطوارئ", "ذكّر بالاتفاق") and proposes nothing;
- participles after a comma ("، مشيرة إلى أن …") and verbs with no subject ("وأضاف أن …"): the
  speaker is the one of the attribution before (linked, not proposed again);
- source phrases ("وفقًا لـ"، "بحسب"، "نقلًا عن"، "على لسان") when a speaker follows them: the clause
  they are attached to is the quote ("وفقًا للقانون الدولي" is not an attribution);
- quotations in every kind of marks, with the speaker after them ("«…»، قال الوزير"، a pull quote
  signed "«…» صحيفة X ."), after a colon, or continuing the speaker of an earlier paragraph;
- "as he put it" / "in his view" after a clause ("…، على حد قوله"، "…، حسب رأيه"): that clause;
- the quote runs to the end of the reported material: the sentence, or before a new attribution
  ("، مضيفا"، "، وقال")، a source phrase or a reporter's aside ("، وذلك"); clauses joined by "وأن"
  stay in it, and so does the next sentence when it opens with "وأن" or follows an ellipsis and
  reports nothing of its own. Its type is direct (a quotation), indirect (a clause) or mixed (a
  clause that holds a quotation);
- the speaker's kind from the word that heads it: a title, an anonymous source, a medium, an
  institution, or a name.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import compress, count
from operator import attrgetter

from annotator.core.model import Document
from annotator.core.suggestions.lexicon import Lexicon, Verb, load_lexicon
from annotator.core.suggestions.proposals import Context, Link, Proposal
from annotator.core.suggestions.speaker_model import SpeakerModel, bundled_speaker_model
from annotator.core.suggestions.units import Units, Word, analyse, is_quote_mark
from annotator.core.text import TASHKEEL

#: whether RulesSource uses the bundled speaker model by default (see benchmarks/RESULTS.md, round eleven)
SPEAKER_MODEL_ON = True
_COMMAS = {"،", ",", "؛", ";"}
_SENTENCE_ENDS = {".", "!", "؟", "?"}
_BRACKETS = {")": "(", "(": ")"}  # a bracket and the one it closes (also reversed: ") ليبرتي (")
_CLAUSE_BREAKS = _COMMAS | {":", "-", "–", "—", "(", ")"}
_DASHES = {"-", "–", "—"}
_ENDS = {".", "!", "?", "؟", "…", "۔"}
_MAX_SPEAKER_WORDS = 10
_BY_SAYING_GAP = 3  # words a verb of saying may have after its subject before "بالقول"
_MAX_GAP_WORDS = 14  # words between a speaker and what was said ("في مؤتمر صحفي عقده أمس في …")
_MAX_FRAME_WORDS = 40  # words of a circumstance between a speaker and a "، إن" ("في كلمة ألقاها خلال …")
_MAX_QUOTE_GAP = 3  # words between a speaker and a quotation that is what was said (an addressee)
_MAX_CLAUSES_BACK = 3  # clauses between a present verb with no subject and the one whose subject it shares
_MAX_ASIDE_WORDS = 8  # words of an aside between commas before what was said ("، طالبا عدم كشف هويته ،")
_NISBA = ("ي", "يه", "يون", "يين", "يات", "يان")  # the endings of a nisba adjective (folded)
_MAX_BODY_WORDS = 5  # words of the body a source belongs to after في / من ("مسؤولون في شركة طيران الخليج")
_MAX_KANA_WORDS = 8  # words of a subject between كان and its verb with no قد ("وكان الأسد قال")
_MAX_RELATIVE_GAP = 3  # words between a relative pronoun and the cue ("الذي ألقى كلمة دعا فيها")
# a preposition with a pronoun attached ("عليها"، "فيهم"): never a speaker ("بشارة كتب عليها …")
_PREP_PRONOUNS = frozenset(
    p + s
    for p in ("علي", "في", "ل", "من", "عن", "ب", "الي", "مع", "لدي", "عند")
    for s in ("ه", "ها", "هم", "هما", "هن", "كم", "نا")
)
# who it was said to, between a verb and its subject ("وقال لنا مسؤول إن …"): ل with a pronoun
# "التي قال فيها الرئيس إن …": the pronoun of the relative clause between the verb and its subject
_IN_WHICH = frozenset({"فيه", "فيها", "خلاله", "خلالها", "عنه", "عنها"})
# (not "لي": it is also a name, Lee or Li)
_TO_PRONOUNS = frozenset({"لنا", "له", "لها", "لهم", "لهما", "لهن", "لك", "لكم"})


@dataclass(slots=True)
class _Found:
    """One attribution before it becomes proposals; ranges are word indexes [a, b)."""

    quote: tuple[int, int]
    qtype: str
    cue: tuple[int, int] | None = None
    speaker: tuple[int, int] | None = None
    speaker_cut: int = 0  # code points to leave out at the speaker's start (an attached ل)
    kind: str = "named"
    confidence: float = 0.8
    unattributed: bool = False  # said by nobody named ("وقيل إن …"): linked to no speaker at all


class RulesSource:
    """The reported-speech rules as a proposal source (see the module docstring)."""

    name = "rules"

    def __init__(
        self, lexicon: Lexicon | None = None, speakers: SpeakerModel | None | str = "default"
    ) -> None:
        self.lex = lexicon or load_lexicon()
        # the trained speaker tagger that corrects the rules' speakers where it is sure (see
        # speaker_model); "default": the bundled one when SPEAKER_MODEL_ON, None: the rules alone
        self.speakers = (
            (bundled_speaker_model() if SPEAKER_MODEL_ON else None) if speakers == "default" else speakers
        )
        # the words an attribution can start at: a speech verb, a participle, a source phrase's first
        # word (folded, with or without و / ف); the rules look at the words around these only
        self.triggers = (
            frozenset(self.lex.finite)
            | frozenset(self.lex.participles)
            | frozenset(self.lex.phrase_index)
            | self.lex.grammar.get("speech_nouns", frozenset())
            | self.lex.grammar.get("speech_masdars", frozenset())
            | self.lex.grammar.get("by_saying", frozenset())
            | self.lex.grammar.get("to_saying", frozenset())
            | self.lex.grammar.get("naming", frozenset())
            # an opinion phrase by its last word ("رأيه"): its first ("في") is too common to start at
            | frozenset(seq[-1] for seq in self.lex.opinions)
            | frozenset(seq[-1] for seq in self.lex.afterwords)  # "، على حد قوله" after a clause
            # a present form after ل ("، لتؤكد أن …"): see _Run.is_cue
            | frozenset(
                "ل" + form for form, v in self.lex.finite.items() if form[:1] in "يت" and not v.attached
            )
        )

    def propose(self, doc: Document, context: Context) -> Iterable[Proposal]:
        run = _Run(self.lex, doc.text, context, self.triggers, self.name)
        out = run.proposals()
        if self.speakers is not None and out:
            out = self.speakers.revise(run.u, out, self.lex, self.name, frozenset(run.unattributed))
        return out


class _Run:
    """The rules over one document."""

    def __init__(
        self, lex: Lexicon, text: str, context: Context, triggers: frozenset[str], source: str
    ) -> None:
        self.lex = lex
        self.source = source  # the provenance the proposals carry
        self.g = lex.grammar
        self.text = text
        self.u: Units = analyse(text)
        self.w: list[Word] = self.u.words
        # where an attribution may start (see RulesSource.triggers), and where quotations open
        self.starts = sorted(
            set(compress(count(), map(triggers.__contains__, map(attrgetter("text"), self.w))))
            | set(compress(count(), map(triggers.__contains__, map(attrgetter("bare"), self.w))))
        )
        self.pair_opens = [p.open for p in self.u.pairs]
        self.context = context
        self.out: list[Proposal] = []
        self.n = 0
        # speakers to link implicit attributions to: (position, key or existing span id)
        self.speakers: list[tuple[int, str | int]] = sorted(
            (s.start, s.id) for s in context.spans if s.label == "SPEAKER"
        )
        self.genders: dict[str | int, str] = {}  # a proposed speaker -> the gender its verb showed
        self.last_para_with_speech = -2
        self.pending: tuple[int, int] | None = None  # a named subject whose verb reported nothing
        # the named subject of the sentence before when that sentence reported nothing: the speaker of
        # a verb with no subject opening the next one ("وتوقع فلان ارتفاع … . وقال إن …")
        # (kept as the sentence [a, b) and its pending subject: read only when the next sentence needs it)
        self.carry: tuple[int, int, tuple[int, int] | None] | None = None
        self.spelled = self._spelled_acronyms()
        self.unattributed: list[str] = []  # the keys of quotes said by nobody named ("وقيل إن …")

    def _spelled_acronyms(self) -> set[int]:
        """Indices of the words of Latin acronyms spelled in Arabic letters ("سي إن إن" CNN): their
        إن is the letter N, never a complementiser (grammar.toml `spelled_acronyms`)."""
        by_first: dict[str, list[list[str]]] = {}
        for acronym in self.g.get("spelled_acronyms", ()):
            letters = acronym.split()
            by_first.setdefault(letters[0], []).append(letters)
        inside: set[int] = set()
        texts = [w.text for w in self.w]
        for i, t in enumerate(texts):
            for letters in by_first.get(t, ()):
                if texts[i : i + len(letters)] == letters:
                    inside.update(range(i, i + len(letters)))
        return inside

    # ------------------------------------------------------------------ helpers over words
    def t(self, i: int) -> str:
        return self.w[i].text

    def is_cue(self, i: int) -> Verb | None:
        w = self.w[i]
        if w.punct:
            return None
        verb = self.lex.finite.get(w.text) or self.lex.finite.get(w.bare)
        if verb is None and w.text[:1] == "ل" and w.text[1:2] in ("ي", "ت"):
            # "…، لتؤكد أنها …"، "ليشير إلى أن …": ل before a present form goes on with the narration
            # when a complementiser or a colon follows at once (before a noun it is "in order to":
            # "ليؤكد تفوقه")
            verb = self.lex.finite.get(w.text[1:])
            if verb is not None and (
                verb.attached
                or i + 1 >= len(self.w)
                or not (self.t(i + 1) == ":" or self.comp_at(i + 1, len(self.w)) is not None)
            ):
                verb = None
        if verb is not None and verb.attached and self.text[w.start : w.end].rstrip(TASHKEEL)[-1:] == "ة":
            return None  # folding made "دعاة" / "طلبة" look like "دعاه" / "طلبه": a noun, not a verb
        if verb is not None and verb.ambiguous and w.bare == verb.lemma and not self.subject_next(i, verb):
            return None  # "عبر حسابه" (via), "أبرز الفنانين" (the most prominent): no verb
        if verb is not None and verb.clause_only and not self.plain_clause_ahead(i):
            return None  # "وختم الشاعر كلماته : …"، "وختم بالقول إن": the noun of speech is the cue
        if (
            verb is not None
            and verb.passive
            and i > 0
            and (self.t(i - 1) in self.g.get("conditional", ()) or self.t(i - 1) in self.g["negations"])
        ):
            return None  # "أما إذا قيل إن …"، "حتى لا يقال إن …": what would be said, or would not
        if (
            verb is not None
            and w.bare in self.g.get("like_prepositions", ())
            and not self.verb_not_preposition(i)
        ):
            return None  # "بين الطرفين" (between): no verb
        return verb

    def plain_clause_ahead(self, i: int) -> bool:
        """Whether a complementiser follows word i within a few words with no noun of saying before it
        ("وختم البيان أن …"; not "وختم بالقول إن …"، "وخلص إلى القول إن …": the noun is the cue)."""
        n = len(self.w)
        saying = self.g.get("by_saying", frozenset()) | self.g.get("to_saying", frozenset())
        if any(self.t(x) in saying or self.w[x].bare in saying for x in range(i + 1, min(n, i + 4))):
            return False
        return self.comp_ahead(i + 1, n)

    def verb_not_preposition(self, i: int) -> bool:
        """Whether "بين" at i is the verb بيّن (explained), not the preposition: its shadda written, or
        و / ف on it opening a sentence or a clause (after punctuation or a line break) with its subject
        and then a complementiser ("وبين اتيجالي أن …"، "وبين البرنامج، أنه …")."""
        w = self.w[i]
        if "\u0651" in self.text[w.start : w.end]:
            return True
        opens = i == 0 or self.t(i - 1) in _SENTENCE_ENDS or "\n" in self.text[self.w[i - 1].end : w.start]
        if w.text == w.bare or not opens:
            return False  # "بين المرأة كشيء …، وبين المرأة كمخلوق": the second half of بين … وبين
        n = len(self.w)
        for x in range(i + 2, min(n, i + 6)):
            if self.comp_at(x, n) is not None:
                return True
            if (self.w[x].punct and self.t(x) not in _COMMAS) or self.speaker_stop(x):
                return False  # "وبين الطرفين خلاف حول أن …": a preposition on the way
        return False

    def subject_next(self, i: int, verb: Verb) -> bool:
        """Whether the verb's preposition or a speaker's head word (a title, a source, a medium, an
        institution, a name the project knows) follows word i at once: "عبر عن"، "وأبرز الوزير"."""
        if i + 1 >= len(self.w) or self.w[i + 1].punct:
            return False
        nxt = self.w[i + 1]
        return (
            nxt.text in verb.prep
            or self.lex.kinds.get(nxt.text) is not None
            or self.lex.kinds.get(nxt.bare) is not None
            or nxt.text in self.context.known_names
        )

    def conj(self, i: int) -> bool:
        """Whether word i is a cue only without its first letter (و or ف): "وقال", not "وصفت"."""
        w = self.w[i]
        lex = self.lex
        return (
            w.text != w.bare
            and w.text not in lex.finite
            and w.text not in lex.participles
            and (
                w.bare in lex.finite
                or w.bare in lex.participles
                or any(w.bare == s[0] for s in lex.source_phrases)
            )
        )

    def is_participle(self, i: int, a: int) -> Verb | None:
        w = self.w[i]
        if w.punct:
            return None
        verb = self.lex.participles.get(w.text)
        conj = False
        if verb is None and w.text != w.bare:
            verb = self.lex.participles.get(w.bare)
            conj = True
        if verb is None:
            return None
        prev = self.w[i - 1] if i > a else None
        if conj or (prev is not None and (prev.text in _COMMAS or self.is_cue(i - 1))):
            return verb
        if verb.lemma == "قال" and i > a:
            return verb  # "قائلا" / "قائلة" only ever introduces speech: "دافع عن الرواية قائلا إنها …"
        if i > a and prev is not None and not prev.punct and self.participle_head(i, verb):
            return verb  # "… من قيمتها السوقية مشيرا الى ان …": a comma is often left out
        if i == a and self.participle_head(i, verb):
            # ". مؤكدا أن …": an accusative participle opening a sentence is an adverb of the
            # sentence before (split off at a full stop), its speaker that sentence's
            return verb
        return None

    def participle_head(self, i: int, verb: Verb) -> bool:
        """Whether the participle at i, with no comma before it, opens what was said: in the
        accusative (مشيرا، لافتين), its complementiser or preposition at once after it, and no verb
        of being before it ("بات مؤكدا أن" is "it became certain that")."""
        if i > 0 and (
            self.t(i - 1) in self.g["kana_sisters"] or self.w[i - 1].bare in self.g["kana_sisters"]
        ):
            return False
        if not self.t(i).endswith(("ا", "ين")):
            return (
                False  # only the accusative shows it is an adverb: "الأمم المتحدة مطالبة بـ" is a predicate
            )
        nxt = i + 1
        if nxt >= len(self.w):
            return False
        t = self.t(nxt)
        return (
            self.comp_at(nxt, len(self.w)) is not None
            or t in verb.prep
            or (t[:1] == "ب" and "ب" in verb.prep)
            or (verb.np and not verb.prep and self.reported_np(nxt, len(self.w)))  # "نافيا وجود …"
        )

    def reported_np(self, k: int, b: int) -> bool:
        """Whether a noun phrase a verb with no preposition reports may start at word k: a noun that
        is not a function word nor a plain accusative object ("نفى وجود …"), or "ما" and the verb of
        a relative clause ("نفى ما ذكرته الصحف عن …": what they reported)."""
        w = self.w[k]
        if w.punct or k + 1 >= b:
            return False
        if w.text == "ما":  # then a verb, a verb of speech too ("ما ذكره")
            return not self.w[k + 1].punct and self.t(k + 1) not in self.lex.stop
        return not self.speaker_stop(k) and not self.lone_accusative(k)

    def is_comp(self, i: int) -> bool:
        t = self.t(i)
        if self.w[i].punct or i in self.spelled:
            return False
        if t in ("الا", "بالا"):
            # "أكد ألا أحد …"، "طالب بألا …": ألّا is أن + لا; folded it is إلا "except", so only the
            # surface with hamza above counts, and not before أن ("ألا أن" is إلا أن misspelt)
            nxt = self.t(i + 1) if i + 1 < len(self.w) else ""
            return (
                "ألا" in self.text[self.w[i].start : self.w[i].end].replace("ّ", "")
                and nxt not in self.lex.complementisers
            )
        return t in self.lex.complementisers

    def comp_at(self, i: int, b: int) -> int | None:
        """Where the reported clause starts if a complementiser (maybe after a preposition) is at i."""
        if i >= b:
            return None
        if self.is_comp(i):
            if i > 0 and (
                self.t(i - 1) in self.g["not_complementiser"]
                or self.w[i - 1].bare in self.g["not_complementiser"]
                or self.connective(i - 1)
            ):
                return None
            return i
        if self.t(i) in self.lex.complement_preps and i + 1 < b and self.is_comp(i + 1):
            return None if self.connective(i) else i + 1
        return None

    def connective(self, i: int) -> bool:
        """Whether the preposition at i closes a connective ("إضافة إلى"، "فضلا عن"، "علاوة على"): the
        أن after it opens the reporter's own clause."""
        return (
            i > 0
            and self.t(i) in self.lex.complement_preps
            and self.t(i - 1) in self.g.get("connectives", ())
        )

    def pair_open(self, i: int) -> bool:
        w = self.w[i]
        return w.pair >= 0 and self.u.pairs[w.pair].open == i

    def name_quote(self, i: int) -> bool:
        """A short quotation right after a medium or an institution is its name: قناة "NTV"."""
        if not self.pair_open(i) or i == 0:
            return False
        pair = self.u.pairs[self.w[i].pair]
        if pair.inner > 4:
            return False
        inner = [self.t(x) for x in range(pair.open + 1, pair.close)]
        if all(not any("\u0600" <= ch <= "\u06ff" for ch in x) for x in inner):
            return True  # Latin words in quotation marks in Arabic news name something: "The Black Dahlia"
        prev = self.t(i - 1)
        heads = self.lex.media_heads | self.lex.audience
        return (
            prev in heads
            or prev in self.g.get("documents", ())
            or (prev[:1] in "لب" and prev[1:] in heads)
            or (prev[:1] == "و" and prev[1:] in heads)
            or prev in ("ل", "ب", "و")
        )

    def speaker_stop(self, i: int) -> bool:
        w = self.w[i]
        t = w.text
        if w.punct:
            return True
        if i in self.spelled:
            return False  # "شبكة سي إن إن": the letters of a name
        if t in self.lex.stop or w.bare in self.lex.stop or self.is_comp(i) or t in _PREP_PRONOUNS:
            return True
        if t[:1] in "وف" and t[1:] in self.lex.stop:
            return True  # "وفي"، "فمن"
        if t in self.g.get("owned_speech", ()):
            return True  # "ويختتم فلان حديثه": a noun of speech with its owner's pronoun is an object
        if t[:1] == "ب" and t[1:] in self.lex.complementisers:
            return True
        if t in self.g.get("by_saying", ()):
            return True  # "وتابع الوزير الأمريكي بالقول إن": "by saying" follows the subject, never in it
        if t == "ل" or (t.startswith("لل") and "ال" + t[2:] in self.lex.audience):
            return True  # "للصحفيين": who it was said to
        if (
            t[:1] == "ل"
            and not t.startswith("لل")
            and (t[1:] in self.lex.audience or t[1:] in self.lex.kinds)
        ):
            return True  # "لقناة …"، "لهيئة الإذاعة": who it was said to
        return self.is_cue(i) is not None or self.lex.participles.get(t) is not None

    def kind_of(self, a: int, b: int) -> str:
        words = [self.t(i) for i in range(a, b) if not self.w[i].punct]
        kind = self.lex.kind_of(words) or "named"
        if kind == "title":
            # a title followed by a name is a named speaker: "وزير الخارجية التركي هاكان فيدان"
            tail = 0
            for word in reversed(words[1:]):
                if word.startswith("ال"):
                    break
                tail += 1
            if 0 < tail < len(words) - 1 and any(x.startswith("ال") for x in words[1 : len(words) - tail]):
                kind = "named"
        return kind

    def speaker_like(self, a: int, b: int) -> bool:
        """Whether words [a, b) look like a speaker: a lexicon head or a name the project knows."""
        words = [self.t(i) for i in range(a, b) if not self.w[i].punct]
        if not words:
            return False
        if self.lex.kind_of(words):
            return True
        if self.w[a].text != self.w[a].bare and self.lex.kind_of([self.w[a].bare, *words[1:]]):
            return True  # "ومصادر القوة"، "وأبو عبد الله": a head after the conjunction و / ف
        known = self.context.known_names
        return " ".join(words) in known or words[0] in known

    # ------------------------------------------------------------------ speaker phrases
    def collect_speaker(self, j: int, b: int, verb: Verb | None = None) -> int:
        """End (exclusive) of the speaker phrase starting at word j (j when there is none)."""
        k = j
        if k < b and self.to_the(k):
            return k  # "قال للوفد …": ل on a definite noun heading the phrase is who it was said to
        if k < b and self.t(k) == "علي" and not (verb is not None and "علي" in verb.prep):
            k += 1  # the name علي, spelled as the preposition على is once folded ("قال علي الأنصاري")
        while k < b and k - j < _MAX_SPEAKER_WORDS:
            if k > j and (
                self.name_quote(k)
                or (self.holds_office(j, k) and not self.t(k - 1).startswith("ال") and self.quoted_name(k, b))
            ):
                # قناة "NTV"؛ "مدير عام " شركة النور " المنظمة للمعرض :": the body an office belongs to,
                # in construct with it (a definite word takes no genitive: "من الاتحاد " تفويض "" is not)
                k = self.u.pairs[self.w[k].pair].close + 1
                continue
            if (e := self.glued(k, b)) > k:
                k = e  # "ابنته #لورا_سميت"، "Météo-France": a hashtag or a hyphened name is one word
                continue
            if k > j and (e := self.bracket_name(k, b)):
                k = e  # "صحيفة ( الخليج )"، "جريدة ) ليبرتي (": the medium's name in brackets
                continue
            if k > j and (e := self.short_name_after(j, k, b)):
                k = e  # "وكالة الأنباء الإيرانية الرسمية (إرنا) أن": a body's short name after its phrase
                break
            if self.t(k) in _COMMAS and self.has_body(j, k) and (e := self.joined_body(k, b)):
                k = e  # "مسؤولون في وزارة النقل ، ووزارة الداخلية إن": another body joined by و
                break
            if self.t(k) in _COMMAS and k > j and (e := self.office_aside(k, b)):
                k = e  # "فلان ، وهو مستشار ثقافي بالسفارة ، إن …": his office, said as an aside
                break
            if self.t(k) in _COMMAS and k > j and self._apposition(k, b):
                k = self._apposition(k, b)
                continue
            if self.t(k) in _COMMAS and k > j and (e := self.name_before_clause(j, k, b)):
                k = e  # "رئيس حركة النهضة، راشد الغنوشي إن …": the office, then the name, no comma closing it
                break
            if (
                self.t(k) in _COMMAS
                and k > j
                and k + 1 < b
                and self.lex.kinds.get(self.t(k + 1)) == "title"
                and (not self.holds_office(j, k) or not self.t(k - 1).startswith("ال"))
            ):
                k += 1  # "فلان ، مسؤولة الفعاليات في …": a name, then its office
                continue
            if k > j and self.kept_prep(k):
                k += 1  # "مصدر مطلع على …"، "مسؤول مقرب من …"، "بيان صادر عن …"
                continue
            if self.t(k) == "من" and self.part_of_document(j, k, b):
                k += 1  # "الفصل الخامس من إعلان …": the document the part belongs to
                continue
            if self.t(k) in ("في", "من", "ب") and k > j and k + 1 < b:
                # "مصادر في وزارة الدفاع"، "أستاذ التاريخ في جامعة …": the institution belongs to the speaker
                if self.holds_office(j, k) and self.quoted_name(k + 1, b):
                    k = self.u.pairs[self.w[k + 1].pair].close + 1  # "مديرة التسويق في " شركة ما ""
                    continue
                if self.holds_office(j, k) and self.institution(k + 1, b):
                    k += 1
                    continue
                if self.t(k) == "في" and self.institution(k + 1, b) and (e := self.name_after_body(k + 1, b)):
                    k = e  # "الرجل الثالث في وزارة الخارجية الأمريكية نيكولاس بيرنز": who he is, then his name
                    break
                if (
                    self.t(k) == "في"
                    and self.lex.kinds.get(self.t(j)) == "anonymous"
                    and self.one_name(k + 1, b)
                ):
                    k += 2  # "مصادر في اوبك ان": the body a source belongs to, by its name
                    continue
                if (
                    not (verb is not None and self.t(k) in verb.prep)
                    and (body := self.source_body(j, k, b)) > k
                ):
                    k = body  # "مسؤولين في البنتاغون ، فإن": a short place ending at a comma
                    break  # (not the verb's own preposition: "حذرت الوزيرة من غزو …")
                if self.t(j) in ("عدد", "بعض", "احد", "العديد", "كثير") and self.t(k) == "من":
                    k += 1
                    continue
            if (
                k > j
                and self.t(k)[:1] == "ل"
                and self.lex.kinds.get(self.t(k)[1:]) == "named"
                and (self.holds_office(j, k) or self.statement_head(j))
            ):
                # "المدير التنفيذي لشركة …"، "بلاغ لوزارة الصحة": the institution of an office or of a
                # statement, not an addressee
                k += 1
                continue
            if (
                k > j
                and self.t(k) == "علي"
                and (
                    k + 1 >= b
                    or self.w[k + 1].punct
                    or (self.is_comp(k + 1) and verb is not None and "علي" not in verb.prep)
                )
            ):
                # "قال الباحث محمد علي إن": no noun after it, and not the verb's own على ("شدد على أن"):
                # the name علي
                k += 1
                continue
            if k > j and self.to_medium(k):
                break  # "قال أحد السكان لبي بي سي"، "مصادر محلية للجزيرة": who it was said to
            if self.abbreviation_dot(k):
                k += 1  # "د. فلان": the dot of an abbreviated title
                continue
            if self.t(k) in ("هذا", "هذه") and (k + 1 >= b or self.t(k + 1) in self.lex.time):
                break  # "أكد الرئيس هذا الأسبوع أن"
            if k > j and self.t(k) in self.g.get("emphatic_self", ()) and self.article(k - 1):
                k += 1  # "وحسب المصدر نفسه"، "المصادر ذاتها": "itself" after a definite noun is part of it
                continue
            if self.speaker_stop(k) and not (k == j and self.lex.kinds.get(self.t(k)) == "media"):
                break  # a statement heads its own phrase: "أكد بيان صادر عن …"
            if k > j and self.counterpart(k):
                break  # "حذر بوتن نظيره الفرنسي"، "أكد الرئيس لنظيره": his counterpart was told
            k += 1
        return k

    def counterpart(self, k: int) -> bool:
        """Whether word k is a counterpart with its owner's pronoun, bare or after ل (grammar.toml
        `counterparts`: نظيره، لنظيرته …): after a subject it is who was told; after و it is a second
        speaker ("وزير الخارجية ونظيره الأمريكي")."""
        t = self.t(k)
        return (t[1:] if t[:1] == "ل" else t) in self.g.get("counterparts", ())

    def statement_head(self, j: int) -> bool:
        """Whether word j is a statement (grammar.toml `statements`: بيان، بلاغ، تقرير …), with or without
        the article: the body after ل is its author ("بلاغ لوزارة الصحة"، "التقرير الشهري لوزارة المالية")."""
        t = self.w[j].bare
        return (t[2:] if t.startswith("ال") else t) in self.g.get("statements", ())

    def name_after_body(self, i: int, b: int) -> int:
        """After a body at i ("وزارة الخارجية الأمريكية"), its definite words, then one to three words
        with no article, no function word and no time (a definite word takes no genitive, so they start
        an apposition: the person's name): the end of that name, else 0."""
        x = i + 1
        while x < b and self.article(x) and not self.speaker_stop(x):
            x += 1
        if x == i + 1:
            return 0
        e = x
        while (
            e < b
            and e - x < 3
            and not self.article(e)
            and not self.speaker_stop(e)
            and self.t(e) not in self.lex.time
        ):
            e += 1
        if e == x or (e < b and not (self.speaker_stop(e) or self.t(e) in self.lex.time)):
            return 0
        return e

    def glued(self, k: int, b: int) -> int:
        """After a hashtag's # at k ("#لورا_سميت") or a hyphen or underscore between two words with no
        space ("Météo-France"): the index past the words so joined, else k."""
        w = self.w[k]
        if w.text == "#" and not w.space_after and k + 1 < b and not self.w[k + 1].punct:
            e = k + 2
        elif w.text in ("-", "_") and k > 0 and not w.space_before and not w.space_after and k + 1 < b:
            if self.w[k - 1].punct or self.w[k + 1].punct:
                return k
            e = k + 2
        else:
            return k
        while (
            e + 1 < b and self.t(e) in ("_", "-") and not self.w[e].space_before and not self.w[e].space_after
        ):
            e += 2
        return e

    def bracket_name(self, k: int, b: int) -> int:
        """After a medium's or an institution's noun at k - 1, a name of at most three words in brackets
        at k ("صحيفة ( الخليج )", or reversed as right-to-left text converted from some tools writes
        them: "جريدة ) ليبرتي ("): the index past the closing bracket, else 0."""
        t = self.t(k)
        if t not in ("(", ")") or self.t(k - 1) not in self.lex.media_heads:
            return 0
        other = ")" if t == "(" else "("
        for x in range(k + 1, min(b, k + 5)):
            if self.t(x) == other:
                return x + 1 if x > k + 1 else 0
            if self.w[x].punct:
                return 0
        return 0

    def short_name_after(self, j: int, k: int, b: int) -> int:
        """After the phrase of a medium or an institution [j, k) (its head at j), its short name of at
        most three words in brackets or quotation marks at k, then what was said (a complementiser, a
        comma or a colon): "وكالة الأنباء الإماراتية "وام" إن …"; the index past the closing mark, else 0
        (a short quotation followed by anything else is what was said: "وقالت الوزارة "نحن بخير".")."""
        if self.lex.kinds.get(self.t(j)) not in ("media", "named"):
            return 0
        if self.pair_open(k):
            close = self.u.pairs[self.w[k].pair].close
        elif self.t(k) == "(":
            close = next((x for x in range(k + 1, min(b, k + 5)) if self.t(x) == ")"), -1)
        else:
            return 0
        inner = range(k + 1, close)
        if (
            not 0 < len(inner) <= 3
            or any(self.w[x].punct or self.is_comp(x) for x in inner)
            or close + 1 >= b
        ):
            return 0
        nxt = close + 1
        if self.t(nxt) in (":", *_COMMAS) or self.comp_at(nxt, b) is not None:
            return nxt
        return 0

    def past_addressee(self, j: int, b: int, verb: Verb) -> int:
        """Where the subject starts when who it was said to stands first after the verb ("وقال لنا
        مسؤول إن …"، "وقال لـ"الجزيرة نت" مصدر مطلع إن …"، "وقال للصحفيين وزير الخارجية إن …"), or an
        adverb ("وأكد مجددا وزير الخارجية أن …"): past them when a speaker phrase follows (one that
        looks like a speaker, or runs up to a colon or a complementiser: "قالت لنا مرافقتنا :"), else j
        ("فيصف لـ"الصحيفة" تحول شخص من …" has the object there). An addressee is ل with a pronoun, ل
        before a name in quotation marks, or ل on a definite noun or a listener's noun (a medium)."""
        if j >= b or self.w[j].punct:
            return j
        t = self.t(j)
        k = j
        if t in self.lex.stop and self.lone_accusative(j):
            k = j + 1  # "أكد مجددا وزير الخارجية أن …": an adverb in the accusative before the subject
        elif t in _TO_PRONOUNS or t in _IN_WHICH:
            k = j + 1  # "… التي قال فيها الرئيس إن": the resumptive pronoun of a relative clause too
        elif t == "ل" and j + 1 < b and self.pair_open(j + 1):
            k = self.u.pairs[self.w[j + 1].pair].close + 1
        elif self.to_the(j) or self.li_hamza(j):
            k = j + 1  # "وقال للصحفيين وزير الخارجية"، "قال للوفد الرئيس"، "قال لأنصاره الزعيم"
        elif t[:1] == "ل" and t[1:] in self.lex.audience and j + 1 < b and self.pair_open(j + 1):
            k = self.u.pairs[self.w[j + 1].pair].close + 1  # "لقناة " الجزيرة ""
        if k == j or k >= b:
            return j
        end = self.collect_speaker(k, b, verb)
        if end > k and (
            self.speaker_like(k, end)
            or (end < b and (self.t(end) == ":" or self.comp_at(end, b) is not None))
        ):
            return k
        return j

    def before_bi(self, j: int, end: int, b: int, a: int, verb: Verb) -> int:
        """Where a subject phrase [j, end) after a verb whose content follows ب ends: a word in "بال"
        right after the verb, or in ب after one with an object pronoun ("تطالبه بتذكيرها"), is that
        content and no speaker follows; later, the
        first word in "بال" ("وطالب المحتجون بالإفراج عن …") when nothing else after the phrase
        is what was said (in "وأفاد الديوان الخاص بالترويج بأن …" the clause is, the phrase stays)."""
        t = self.t(j)
        surface = self.text[self.w[j].start : self.w[j].end].lstrip(TASHKEEL)
        if t.startswith("بال") or (verb.attached and t[:1] == "ب" and len(t) > 3):
            return j  # "طالب بالإفراج"، "تطالبه بتذكيرها" (not "أفادت بيانات الوزارة بأن")
        if surface.startswith(("بإ", "بأ")) and len(t) > 4:
            return (
                j  # "وأفاد بإمكانية أن …": ب on a word in hamza (no root letter) is the verb's, not a subject
            )
        cut = next((x for x in range(j + 1, end) if self.t(x).startswith("بال") or self.bi_noun(x, end)), end)
        if cut < end and self.content(end, b, a, verb, True) is not None:
            return end
        return cut

    def bi_noun(self, x: int, end: int) -> bool:
        """Whether word x, ب on an indefinite noun inside a subject phrase ending at `end`, is the
        verb's ب and what was said ("وطالب المحتجون بإطلاق سراح …"): it follows a definite word,
        which takes no genitive, so it is no name in construct ("حكومة باكستان"); after a title (or
        its nisba) a name may stand in apposition ("الرئيس بشار الأسد"), so there it counts only
        when an indefinite word follows it ("الرئيس بإجراء انتخابات")."""
        t = self.t(x)
        if t[:1] != "ب" or len(t) < 4 or t.startswith("بال") or self.w[x].punct or not self.article(x - 1):
            return False
        if not self.names_follow(x - 1):
            return True
        return x + 1 < end and not self.w[x + 1].punct and not self.article(x + 1)

    def source_body(self, j: int, k: int, b: int, head: str | None = None, closing: bool = False) -> int:
        """After an indefinite anonymous source, title or institution heading words [j, k) (`head`:
        its head word when other than word j), "في" and up to _MAX_BODY_WORDS words (after "من" three)
        that end at a comma or a complementiser ("مسؤولين في البنتاغون ،"، "مصادر من داخل الحزب أن"، "مؤسسة أبحاث
        السوق في مدينة إسن الألمانية أن") name the body it belongs to or its place: the index where
        that body ends (or of a body joined to it after the comma, see joined_body), else k. A time ("في وقت سابق"), a medium or an occasion of
        speech ("في بيان"، "في تقرير") is a circumstance, not a body. `closing`: a source phrase after
        what was said may also end with its sentence ("…، وفقا لمسؤولين في الحكومة.")."""
        if k + 1 >= b or self.t(k) not in ("في", "من"):
            return k
        head = head if head is not None else self.t(j)
        heads = ("anonymous", "title", "named", "media") if closing else ("anonymous", "title", "named")
        if head.startswith("ال") or self.lex.kinds.get(head) not in heads:
            return k  # "قال الوزير في المؤتمر ،": a definite office in a place is a circumstance
        first = self.t(k + 1)
        if (
            first in self.g.get("not_a_body", ())
            or first in self.g.get("speech_events", ())
            or self.lex.kinds.get(first) == "media"
        ):
            return k  # "وزير الخارجية في وقت سابق أن"، "وزارة الصحة في تقرير إن"
        e = self.body_words(k + 1, b, _MAX_BODY_WORDS if self.t(k) == "في" else 3)
        if e == k + 1 or not (
            e >= b
            or self.t(e) in _COMMAS
            or self.comp_at(e, b) is not None
            or (closing and self.t(e) in _ENDS)
        ):
            return k
        return self.joined_body(e, b) or e

    def has_body(self, j: int, k: int) -> bool:
        """Whether the speaker phrase [j, k) holds an office or a source and the body after its في / من
        ("مسؤولون في وزارة النقل")."""
        return self.holds_office(j, k) and any(self.t(x) in ("في", "من") for x in range(j + 1, k))

    def joined_body(self, e: int, b: int) -> int:
        """After a comma at e, words joined by و that run up to a complementiser ("، وطيران الخليج
        أنه"): one more name or body of the speaker phrase; the index of the complementiser, else 0."""
        if e + 1 >= b or self.t(e) not in _COMMAS or self.w[e + 1].text == self.w[e + 1].bare:
            return 0
        if self.t(e + 1)[:1] != "و" or self.is_cue(e + 1) or self.t(e + 1) in self.g["asides"]:
            return 0
        more = self.body_words(e + 1, b)
        return more if e + 1 < more < b and self.comp_at(more, b) is not None else 0

    def body_words(self, e: int, b: int, most: int = _MAX_BODY_WORDS) -> int:
        """The end of the run of words from e (at most `most`) that holds no punctuation, function word
        or verb of speech."""
        start = e
        while e < b and e - start < most and not self.w[e].punct and not self.speaker_stop(e):
            e += 1
        return e

    def to_the(self, k: int) -> bool:
        """Whether word k is ل on a definite noun ("للوفد"، "للصحفيين"): a preposition, never a
        subject; right after a verb it names who was spoken to."""
        t = self.t(k)
        return t.startswith("لل") and len(t) > 3 and not self.w[k].punct

    def li_hamza(self, k: int) -> bool:
        """Whether word k is ل on a word opening with a hamza on alif as written ("لأحلام"، "لإيران"،
        "لأنصاره"): the preposition, never a name (none opens so)."""
        w = self.w[k]
        return not w.punct and w.end - w.start > 3 and self.text[w.start : w.start + 2] in ("لأ", "لإ", "لآ")

    def addressee_word(self, k: int) -> bool:
        """Whether word k is who it was said to: ل on a medium or a listener's noun ("لوكالة"،
        "للجزيرة"، "للصحفيين")."""
        t = self.t(k)
        return self.to_medium(k) or (
            t[:1] == "ل" and (t[1:] in self.lex.audience or "ال" + t[2:] in self.lex.audience)
        )

    def to_medium(self, k: int) -> bool:
        """Whether word k is ل attached to a medium's name ("للجزيرة"، "لرويترز"، "لبي بي سي")."""
        t = self.t(k)
        if t[:1] != "ل" or len(t) < 3 or self.w[k].punct:
            return False
        rest = "ال" + t[2:] if t.startswith("لل") else t[1:]
        if self.lex.kinds.get(rest) == "media" and rest not in self.lex.media_heads:
            return True  # a name ("الجزيرة"), not a medium's head noun ("لقناة" is handled as an addressee)
        for seq, kind in self.lex.multiword_kinds:
            if (
                kind == "media"
                and seq[0] == rest
                and all(k + x < len(self.w) and self.t(k + x) == part for x, part in enumerate(seq[1:], 1))
            ):
                return True
        return False

    def office_aside(self, k: int, b: int) -> int:
        """After a comma at k: "، وهو / وهي" and an office ("، وهو مستشار ثقافي في السفارة ،"), or a
        title ("، العميد فلان ،"), that runs to a comma followed by what was said, or to a colon: the
        index of that comma or colon (the aside belongs to the speaker phrase), else 0."""
        if k + 2 >= b:
            return 0
        first = k + 2
        if self.who_they_are(k + 1, b):
            # "غيوم وزنيكا، أحد المتنبئين بحالة الجو:"، "فلان، من معهد بوتسدام للمناخ، في تغريدة:": up to
            # a colon, or a comma before what was said or before the circumstance it was said in
            for x in range(first, min(b, first + _MAX_SPEAKER_WORDS)):
                t = self.t(x)
                if t == ":" or (
                    t in _COMMAS
                    and x + 1 < b
                    and (self.comp_at(x + 1, b) is not None or self.t(x + 1) in self.g["fronted"])
                ):
                    return x
                if self.w[x].punct and not (self.pair_open(x) and self.name_quote(x)) and self.w[x].pair < 0:
                    return 0
                if self.is_comp(x) or self.is_cue(x) or t in self.g["relative"]:
                    return 0
            return 0
        if self.t(k + 1) in ("وهو", "وهي", "وهم"):
            heads = (first, min(first + 1, b - 1))
            if not any(self.lex.kinds.get(self.t(x)) in ("title", "anonymous") for x in heads):
                return 0
        elif self.lex.kinds.get(self.t(k + 1)) != "title":
            return 0  # else "الناطق باسم الجيش ، العميد فلان ، أن": the name with its rank
        for x in range(first, min(b, first + _MAX_SPEAKER_WORDS)):
            t = self.t(x)
            if self.pair_open(x) and self.name_quote(x):
                continue
            if t == ":" or (t in _COMMAS and x + 1 < b and self.comp_at(x + 1, b) is not None):
                return x
            if self.w[x].punct and self.w[x].pair < 0 or self.is_comp(x) or self.is_cue(x):
                return 0
            if t in self.g["relative"]:
                return 0  # "، رئيس " X " التي ترصد …": a relative clause, not an office
        return 0

    def who_they_are(self, x: int, b: int) -> bool:
        """Whether an apposition saying who someone is opens at word x (after a name and a comma): "أحد"
        / "إحدى" and a noun ("أحد المتنبئين"، "إحدى مؤسسات …"), or "من" and an institution or a medium
        ("من معهد …"، "من صحيفة …"; not "من جهته" nor "من دون")."""
        if x + 1 >= b or self.w[x + 1].punct or self.speaker_stop(x + 1):
            return False
        t = self.t(x)
        if t in self.g.get("one_of", ()):
            return True
        return t == "من" and self.lex.kinds.get(self.t(x + 1)) in ("named", "media")

    def abbreviation_dot(self, k: int) -> bool:
        """Whether word k is the dot of a one-letter abbreviation ("د." for دكتور) inside a phrase."""
        w = self.w[k]
        return (
            w.text == "."
            and k > 0
            and not w.space_before
            and len(self.t(k - 1)) == 1
            and not self.w[k - 1].punct
            and k + 1 < len(self.w)
            and not self.w[k + 1].punct
        )

    def prep_later(self, k: int, b: int, verb: Verb) -> bool:
        """Whether another preposition of the verb comes after word k in its clause: "دعا تنظيم القاعدة
        الذي يتزعمه بن لادن الأميركيين إلى …" (the ل of the name is not the verb's)."""
        for x in range(k + 1, b):
            if self.w[x].punct:
                return False
            if self.t(x) in verb.prep and self.t(x) != "ل":
                return True
        return False

    def attached_li(self, i: int) -> bool:
        """Whether word i is ل attached to an indefinite noun ("لبذل"), as a verb's preposition."""
        t = self.t(i)
        return t[:1] == "ل" and t[:2] != "لل" and len(t) > 3 and not self.w[i].punct

    def one_name(self, i: int, b: int) -> bool:
        """Whether word i is a name standing alone: not definite, not a function or time word,
        and followed by a complementiser, a comma or the end."""
        if i >= b or self.w[i].punct or self.t(i).startswith("ال") or self.speaker_stop(i):
            return False
        return i + 1 >= b or self.t(i + 1) in _COMMAS or self.comp_at(i + 1, b) is not None

    def part_of_document(self, j: int, k: int, b: int) -> bool:
        """Whether "من" at k joins a part of a document in words [j, k) to the document after it."""
        g = self.g
        return (
            k + 1 < b
            and self.t(k + 1) in g.get("documents", ())
            and any(self.t(x) in g.get("document_parts", ()) for x in range(j, k))
        )

    def published_in(self, end: int, b: int) -> tuple[int, int] | None:
        """ "مقال نشر في صحيفة X"، "تقرير نشرته مجلة X": the medium that published the words."""
        m = end + 1
        if end >= b or self.t(end) not in self.g["published"]:
            return None
        if m < b and self.t(m) == "في":
            m += 1
        if m < b and self.lex.kinds.get(self.t(m)) == "media":
            e = self.collect_speaker(m, b)
            return (m, e) if e > m else None
        return None

    def relative_subject(self, c: int, a: int) -> tuple[int, int] | None:
        """ "الوزير، الذي قال إن …"، "الرئيس فلان الذي ألقى كلمة دعا فيها إلى …": the noun the
        relative clause holding the cue is attached to, when a title, source or medium heads it."""
        rel = None
        for k in range(c - 1, max(a, c - _MAX_RELATIVE_GAP - 1) - 1, -1):
            if self.t(k) in self.g["relative"]:
                rel = k
                break
            if self.w[k].punct or self.is_cue(k):
                return None
        if rel is None:
            return None
        end = rel
        while end > a and self.t(end - 1) in _COMMAS:
            end -= 1
        # the clause belongs to the noun right before it: a definite noun with its adjective, no
        # lexicon heading it nor an office before it in construct ("… الرئيس فلان الموقف الأردني الذي
        # يؤكد أن"), is no speaker, and the nouns before it are not the clause's ("مدير المدرسة
        # الثانوية الذي" and a surname "فؤاد السنيورة الذي" are)
        n = end - 1
        while n > a and self.t(n).startswith("ال") and self.adjective(self.t(n)):
            n -= 1
        before = self.t(n - 1) if n > a else ""
        if (
            n < end - 1
            and self.t(n).startswith("ال")
            and not self.lex.kinds.get(self.t(n))
            and not self.speaker_like(n, end)
            and not (self.lex.kinds.get(before) and not before.startswith("ال"))
        ):
            return None
        head = None
        k = end - 1
        while k >= a and end - k <= _MAX_SPEAKER_WORDS:
            w = self.w[k]
            if w.pair >= 0 and self.u.pairs[w.pair].close == k and self.name_quote(self.u.pairs[w.pair].open):
                k = self.u.pairs[w.pair].open - 1  # "إعلان " الناتو "": a name in marks
                continue
            if self.speaker_stop(k) and not (
                w.text == "من" and self.part_of_document(max(a, k - _MAX_SPEAKER_WORDS), k, end)
            ):
                if w.text in ("في", "من") and k > a and self.holds_office(k - 1, k):
                    k -= 1  # "المسؤولين في لجنة الدفاع الذين": the body an office or a source belongs to
                    continue
                break
            if (
                self.lex.kinds.get(w.text)
                or self.lex.kinds.get(w.bare)
                or w.text in self.g.get("document_parts", ())
            ):
                head = k
                if not w.text.startswith("ال") and k > a and self.t(k - 1).startswith("ال"):
                    break  # "التقت المجلة مدير المدرسة الذي": a definite word takes no genitive
                if self.lex.kinds.get(w.text) == "anonymous" and k > a and self.t(k - 1).startswith("ال"):
                    break  # "سبق رئيس المجلس المسؤولين في …": a source after a definite noun is its object
            elif head == k + 1 and w.text.startswith("ال") and self.adjective(self.t(head)):
                head = k  # "الفيدرالية العربية، التي": a nisba after a definite noun qualifies it
            k -= 1
        return (head, end) if head is not None else None

    def agreeing_relative(self, c: int, a: int, b: int, verb: Verb) -> tuple[int, int] | None:
        """The noun a relative clause is attached to, when the verb at c opens it right after the relative
        pronoun, agrees with the pronoun (الذي قال، التي قالت، الذين قالوا) and no speaker phrase follows
        the verb ("التي اعتبرت خصوصا أن"); not "الاجتماع الذي قال الوزير إنه …", whose verb has its own
        subject, nor a resumptive pronoun after the verb ("التي قال فيها")."""
        if c == a or c + 1 >= b:
            return None
        rel = self.t(c - 1)
        want = {"الذي": "m", "التي": "f"}.get(rel, "" if rel in self.g["relative"] else None)
        if want is None or (self.cue_gender(c) or "") != want or self.t(c + 1) in _IN_WHICH:
            return None
        end = self.collect_speaker(c + 1, b, verb)
        if end > c + 1 and self.speaker_like(c + 1, end):
            return None
        return self.relative_subject(c, a)

    def with_relative(self, speaker: tuple[int, int], s: int) -> tuple[int, int]:
        """The subject after a verb with the relative clause that describes it, when that clause runs
        up to what was said (at s), a comma or a colon at most between ("وأضافت الشابة التي زارت
        دولا عربية عدة، بالقول:"، "مصدر في الشركة التي تدير المطارات أن"): the clause says who speaks.
        A verb of speech, a quotation or any other mark in it leaves the subject alone."""
        e = speaker[1]
        if e >= s or self.t(e) not in self.g["relative"] or is_quote_mark(self.w[e - 1]):
            return (
                speaker  # (after a name in marks the clause describes what it names: "رئيس "مرصد" الذي يرصد")
            )
        last = s
        while last > e and (self.w[last - 1].punct or self.t(last - 1) in self.g.get("by_saying", ())):
            last -= 1
        if last - e > _MAX_GAP_WORDS or last <= e + 1:
            return speaker
        if any(self.w[x].punct or self.is_cue(x) or self.speech_frame(x) for x in range(e, last)):
            return speaker  # (a frame of speech, "في مؤتمر صحفي"، ends the clause: it is the verb's)
        if any(
            not (self.w[x].punct and self.t(x) in (*_COMMAS, ":")) for x in range(last, s) if self.w[x].punct
        ):
            return speaker
        return speaker[0], last

    def speech_frame(self, x: int) -> bool:
        """Whether a frame of speech opens at word x: "خلال" / "أمام", or في / عبر before a noun of a
        speech event ("في مؤتمر صحفي"، "عبر تغريدة")."""
        t = self.t(x)
        if t in ("خلال", "امام"):
            return True
        if t not in ("في", "عبر") or x + 1 >= len(self.w):
            return False
        nxt = self.t(x + 1)
        # a medium ("في قناة …"), not any body ("التي تمثل العاملين في البنك المركزي": part of the clause)
        return (
            nxt in self.g.get("speech_events", ())
            or nxt in self.lex.stop
            or self.lex.kinds.get(nxt) == "media"
        )

    def but_he(self, c: int, a: int) -> tuple[int, int] | None:
        """ "ولم يكن فرويد مهتما بالطب ولكنه رأى أن …"، "كانت أحلام ترغب في ضمها، لكنها قالت …": after
        لكنّ with the pronoun of the verb's subject, the name after the verb of being before it in the
        sentence that agrees with the pronoun in gender (a verb of speech between ends the search)."""
        if c - 1 <= a:
            return None
        t = self.w[c - 1].bare
        if t not in ("لكنه", "لكنها"):
            return None
        fem = t.endswith("ها")
        for k in range(c - 2, a - 1, -1):
            if self.is_cue(k) or self.t(k) in _ENDS:
                return None
            bare = self.w[k].bare
            if bare not in ("كان", "كانت", "يكن", "تكن", "يكون", "تكون"):
                continue
            if (bare in ("كانت", "تكن", "تكون")) != fem or k + 1 >= c - 1:
                return None
            end = self.collect_speaker(k + 1, c - 1)
            if end > k + 1 and self.speaker_like(k + 1, end):
                return k + 1, end
            return self.name_subject(k + 1, k + 2)
        return None

    def demonstrative_object(self, j: int, b: int) -> bool:
        """Whether word j, right after a verb, is a demonstrative object before an indefinite speaker
        phrase ("أعلن ذلك مسؤول في الوزارة"), not a demonstrative of a definite noun ("قال ذلك الرجل")."""
        if j + 1 >= b or self.t(j) not in self.g.get("demonstrative_objects", ()):
            return False
        if self.w[j + 1].punct or self.article(j + 1):
            return False
        end = self.collect_speaker(j + 1, b)
        return end > j + 1 and self.speaker_like(j + 1, end)

    def when_subject(self, c: int, a: int) -> tuple[int, int] | None:
        """ "أثار رئيس الحكومة السبت موجة استياء عندما أشار إلى …": a verb of speech right after a
        conjunction of time has the subject of the verb opening its clause, when that verb agrees with
        it in gender."""
        if c - 1 <= a or self.t(c - 1) not in self.g.get("when", ()):
            return None
        start = self.clause_start(c - 1, a)
        v = self.past_discourse(start, c - 1)
        if v < c - 1 and self.t(v) in ("قد", "لقد", "وقد", "فقد"):
            v += 1
        if v >= c - 1 or (self.cue_gender(c) is not None and not self.same_gender(v, c)):
            return None
        found = self.verb_subject(start, c - 1, c, True)
        if found is None:
            return None
        # without an accusative object after a definite word ("الممثلة الفرنسية جدلا واسعا"): a definite
        # word takes no genitive, and an accusative then another (its adjective) or the clause's end is no name
        for x in range(found[0] + 1, found[1]):
            if (
                self.lone_accusative(x)
                and self.article(x - 1)
                and (x + 1 >= c - 1 or self.lone_accusative(x + 1) or self.speaker_stop(x + 1))
            ):
                return found[0], x
        return found

    def speech_noun_owner(self, c: int, a: int) -> tuple[int, int] | None:
        """ "وألقى الرئيس كلمة قال فيها إن …"، "أصدر الحزب بيانا قال فيه إن …": a verb with the pronoun
        of its noun of speech after it (the noun right before it, indefinite: an adjective clause)
        has the subject of the clause that holds the noun."""
        if c == a or c + 1 >= len(self.w) or self.t(c + 1) not in _IN_WHICH:
            return None
        noun = c - 1
        if self.t(noun) not in self.g.get("speech_events", ()) and self.adjective_after_noun(noun, a):
            noun -= 1  # "في مؤتمر صحفي أوضح فيه"، "بيانا رسميا قال فيه": the noun and its adjective
        if self.t(noun) not in self.g.get("speech_events", ()):
            return None
        start = noun
        while start > a and not (self.w[start - 1].punct and self.t(start - 1) in _CLAUSE_BREAKS):
            start -= 1
        return self.clause_subject_before(start, noun)

    def adjective_after_noun(self, k: int, a: int) -> bool:
        """Whether word k is a nisba adjective (ـي / ـية / ـيا and their definite forms) after another word of
        its sentence: "مؤتمر صحفي"، "بيانا رسميا"."""
        bare = self.w[k].bare
        return k - 1 >= a and not self.w[k - 1].punct and len(bare) > 3 and bare.endswith(("ي", "ية", "يا"))

    def coordinated_subject(self, c: int, a: int) -> tuple[int, int] | None:
        """ "وأشاد مدير الاتحاد بالفوز وقال إنه …"، "وقد شرح السيد فلان المشروع ، وقال إنه …"، "فجّر السائق
        مفاجأة ، حيث كشف عن أن …": a verb with no subject shares the subject of the verb opening its
        sentence when و joins it to that verb, else, when nothing was attributed earlier in the
        sentence (then that speaker goes on), the subject of the verb opening an earlier clause, the
        nearest first (up to _MAX_CLAUSES_BACK clauses back); a title, source, medium or definite noun
        heads it (see verb_subject)."""
        if c > a and self.t(c - 1) in self.g["relative"]:
            return None  # "… الذي يتوقع أن": a relative clause's verb has the noun before it as subject
        if self.w[c].text != self.w[c].bare:
            # the verb opening the cue's own clause first ("…، وردت أحلام على الأمر … وعلقت عليها قائلة"),
            # then the one opening the sentence
            cs = self.clause_start(c, a)
            if (
                cs > a
                and self.cue_gender(c) is not None
                and self.same_gender(self.past_discourse(cs, c), c)  # (a dual or plural verb: not there)
                and (found := self.verb_subject(cs, c, c, True)) is not None
            ):
                return found
            if (found := self.verb_subject(a, c, c, True)) is not None:
                return found
        if any(self.w[a].start <= start < self.w[c].start for start, _ref in self.speakers):
            return None  # "قال الوزير : … واعتقد أن …": the speaker of the sentence goes on
        q = self.clause_start(c, a) - 2  # the last word of the clause before the cue's
        for _ in range(_MAX_CLAUSES_BACK):
            if q < a:
                return None
            start = self.clause_start(q, a)
            if (found := self.verb_subject(start, q + 1, c, False, self.after_fronted(start, a))) is not None:
                return found
            q = start - 2
        return None

    def after_fronted(self, s: int, a: int) -> bool:
        """Whether the clause at s follows a circumstance that opens its sentence and ends at a comma
        ("وفي وقت لاحق، تراجعت الشركة …"، "وبعد ساعات من الحادث، أعلنت …"): a preposition and at most
        five words, no verb of speech; then a verb opens the clause at s."""
        if s - 2 < a or self.t(s - 1) not in _COMMAS or self.clause_start(s - 2, a) != a:
            return False
        first = self.t(a)
        fronted = self.g.get("fronted", ())
        return (
            (first in fronted or (first[:1] in "وف" and first[1:] in fronted))
            and s - 1 - a <= 6
            and not any(self.is_cue(x) for x in range(a, s - 1))
        )

    def verb_subject(
        self, s: int, c: int, cue: int, own: bool, fronted: bool = False
    ) -> tuple[int, int] | None:
        """The subject of the verb opening words [s, c) (after discourse words and قد) when a title,
        source, medium (or, in the cue's `own` clause, a definite noun) heads it, or a name before a
        word that ends it (see name_ends) when that verb agrees with the cue at `cue` in gender; None
        when a noun opens them."""
        opened = self.past_discourse(s, c)
        after_opener = opened > s  # "ومن جانبه ، أشاد …"، "ثم أعلن …"
        qad = opened < c and self.t(opened) in ("قد", "لقد", "وقد", "فقد", "ولقد")
        s = opened + 1 if qad else opened  # "وقد شرح …"
        if s + 1 >= c:
            return None
        first = self.w[s]
        if not (own or qad or after_opener or fronted or first.text != first.bare):
            return None  # an earlier clause whose first word has no و / ف, قد or opener: maybe a noun
        if (
            first.punct
            or first.bare.startswith("ال")
            or self.speaker_stop(s)
            or self.kana_word(s)
            or self.lex.kinds.get(first.text)
            or self.lex.kinds.get(first.bare)
            or first.bare in self.g["pointers"]  # "وهذا القول مني …": a demonstrative opens a noun phrase
            or first.bare in self.g["pronouns"]
        ):
            return None
        cut = self.before_bal(s + 1, c)
        # a definite noun in no list only as the subject of the verb the cue is joined to: an earlier
        # clause's is as often its object or a thing ("كما تعزز الدور الملكي …")
        found = self.head_subject(s + 1, c) or (self.definite_subject(s + 1, cut) if own else None)
        if found is not None:
            # without the verb's object or its complement in ب: "واستقبل وزير الصحة الوفد"، "وأشاد المدرب
            # بلاعبيه" (not "باسم": "المتحدث باسم الحكومة")
            e = self.definite_after_definite(*found)
            e = next((x for x in range(found[0] + 1, e) if self.bi_complement(x)), e)
            found = found[0], e
        if found is None and cut < c and self.name_ends(cut) and self.same_gender(s, cue):
            found = self.name_subject(s + 1, cut)  # "ويختتم كورت حديثه … فيقول"، "وأعرب فلان عن …"
        return found

    def bi_complement(self, x: int) -> bool:
        """Whether word x is ب attached to a noun ("بلاعبيه"، "بالقرار"), not "باسم" of an office."""
        t = self.t(x)
        return t[:1] == "ب" and len(t) > 3 and t != "باسم" and not self.w[x].punct

    def definite_after_definite(self, s: int, e: int) -> int:
        """Where the object starts in a subject phrase [s, e) of a verb in no list: the first definite
        word after a definite one that does not qualify it and is no title starting a name ("استقبل
        وزير الصحة الوفد الزائر" -> at "الوفد"; "وزير الخارجية السعودي الأمير فلان" stays whole)."""
        for x in range(s + 1, e):
            t, prev = self.t(x), self.t(x - 1)
            if (
                t.startswith("ال")
                and prev.startswith("ال")
                and not self.qualifies(x)
                and self.lex.kinds.get(t) != "title"
            ):
                return x
        return e

    def same_gender(self, v: int, cue: int) -> bool:
        """Whether the verb at v, in no list, looks of the cue's gender: a ت opening or closing it reads
        as feminine ("تتميز"، "رفعت"). A masculine past in تـ ("تابع") reads as feminine: the test
        errs on the side of no subject."""
        bare = self.w[v].bare
        return (bare[:1] == "ت" or bare[-1:] == "ت") == (self.cue_gender(cue) == "f")

    def name_ends(self, k: int) -> bool:
        """Whether word k can end a name that is its verb's subject: a noun of speech with its owner's
        pronoun ("حديثه"), ب on a noun ("بأداء"), عن / على, which follow the subject of the verbs they
        complete ("أشاد فلان بـ"، "أعرب فلان عن"، "رد فلان على"), not its object, or a complementiser
        ("أصر فلان أن …")."""
        t = self.t(k)
        owned = self.g.get("owned_speech", ())
        return (
            self.is_comp(k)
            or t in owned
            or self.w[k].bare in owned
            or t in ("عن", "علي")
            or (t[:1] == "ب" and len(t) > 3 and t not in self.lex.stop)
        )

    def before_bal(self, j: int, c: int) -> int:
        """The end of the subject phrase after a verb at j - 1 (before c): before the first verb's
        object in "بال" ("بالاتفاق")."""
        e = self.definite_object(j, self.collect_speaker(j, c))  # "وانتقد الوزير المعارضة": not in it
        return next((x for x in range(j + 1, e) if self.t(x).startswith("بال")), e)

    def head_subject(self, j: int, c: int) -> tuple[int, int] | None:
        """The subject right after a verb at j - 1 (before c) when a speaker phrase heads it."""
        cut = self.before_bal(j, c)
        return (j, cut) if cut > j and self.speaker_like(j, cut) else None

    def earlier_clause_subject(self, c: int, a: int) -> tuple[int, int] | None:
        """ "، يشرح فلان لماذا …، والضمير يعود إلى …، يقول : …": a present verb with no subject after a
        comma continues the subject of an earlier clause of its sentence opened by a present verb of
        the same person (يـ / تـ), up to _MAX_CLAUSES_BACK clauses back."""
        if c == a or self.t(c - 1) not in _COMMAS or self.w[c].bare[:1] not in "يت":
            return None
        person = self.w[c].bare[:1]
        seen = 0
        for q in range(c - 2, a - 2, -1):
            if q >= a and self.t(q) not in _COMMAS:
                continue
            seen += 1
            if seen > _MAX_CLAUSES_BACK:
                return None
            v = q + 1
            verb = self.w[v]
            if verb.punct or verb.bare[:1] != person or len(verb.bare) < 4 or self.speaker_stop(v):
                continue
            end = next((x for x in range(v + 1, c) if self.w[x].punct), c)
            if (found := self.subject_after(v, end, 3)) is not None:
                return found
        return None

    def subject_after(self, v: int, end: int, name_words: int) -> tuple[int, int] | None:
        """The subject after the verb at v (before `end`) when the verb is in no list, so only what
        surely heads one: a speaker phrase, or a name of up to `name_words` words (not definite, no
        preposition attached) right before a function word ("دافع محفوظ عن"، "يشرح توفيق الحكيم
        لماذا"); a definite noun may be the object of a verb whose subject is a pronoun."""
        e = self.definite_object(v + 1, self.collect_speaker(v + 1, end))
        if e <= v + 1:
            return None
        # "أدان سفير باكستان لدى الأمم المتحدة الهجمات": the object after the posting is not in it
        e = self.definite_after_definite(v + 1, e)
        if self.speaker_like(v + 1, e):
            return v + 1, e
        first = self.t(v + 1)
        if (
            e - v - 1 <= name_words
            and e < end
            and not self.w[e].punct
            and self.speaker_stop(e)
            and not self.article(v + 1)
            and first[:1] not in "بلك"
        ):
            return v + 1, e
        return None

    def article(self, i: int) -> bool:
        """Whether word i begins with the article as written (ال، not the hamza of a name such as
        "ألونسو" or "إلياس", which folding writes alike)."""
        return self.text[self.w[i].start : self.w[i].end].lstrip(TASHKEEL).startswith(("ال", "ٱل"))

    def clause_subject_before(self, start: int, end: int) -> tuple[int, int] | None:
        """The subject of the verb that opens words [start, end) ("ختم الشاعر كلماته"): a speaker
        phrase, or a definite noun in no list, after the verb."""
        s = start
        s = self.past_discourse_words(s, end)
        first = self.w[s].bare
        # a definite noun opens a nominal clause (not "ألقى"، folded "القي": ال and two letters is a verb)
        if s + 1 >= end or self.w[s].punct or (first.startswith("ال") and len(first) > 4):
            return None
        owned = self.g.get("owned_speech", ())
        end = next((x for x in range(s + 1, end) if self.t(x) in owned or self.w[x].bare in owned), end)
        e = self.collect_speaker(s + 1, end)
        if e > s + 1 and self.speaker_like(s + 1, e):
            return s + 1, e
        return self.definite_subject(s + 1, e) or (self.name_subject(s + 1, e) if e == end else None)

    def name_subject(self, j: int, e: int) -> tuple[int, int] | None:
        """Words [j, e) after a verb as its subject when they can only be a name: one or two words, not
        definite, no ة or ات ending, no preposition attached, no function word ("وخلص موتان إلى القول"،
        "ويختتم كورت حديثه")."""
        if not 0 < e - j <= 2:
            return None
        if (
            j > 0
            and self.w[j].bare[:1] in "يت"
            and (
                self.w[j - 1].bare in self.g.get("beginnings", ())
                or self.w[j - 1].bare in self.g["kana_sisters"]
            )
        ):
            return None  # "ثم راح يتحدث عن …": a present verb after a verb of beginning or being is no name
        for x in range(j, e):
            t = self.t(x)
            if self.w[x].punct or self.article(x) or self.plural_or_feminine(x) or self.speaker_stop(x):
                return None
            if t[:1] in "بل" or t.startswith("كال") or self.lone_accusative(x):
                return (
                    None  # maybe a preposition attached ("بأداء"، "لبذل"، "كالعادة"): names in ب / ل are lost
                )
        return j, e

    def definite_subject(self, j: int, e: int) -> tuple[int, int] | None:
        """A subject in no word list ("ويناقش المؤلف …، فيرى أن …"): the definite noun right after the
        verb, with its definite adjectives, when it is not a word known not to speak (a time, a
        work's title noun, a document, a function word)."""
        if j >= e or not self.t(j).startswith("ال") or self.speaker_stop(j):
            return None
        head = self.t(j)
        g = self.g
        if (
            head in self.lex.time
            or head[2:] in self.lex.stop  # "ورفض الحديث عن …": a noun of a speech event does not speak
            or head[2:] in g.get("speech_events", ())
            or head in g.get("documents", ())
            or head in g.get("document_parts", ())
            or head in self.lex.media_heads
            or self.adjective(head)
        ):
            return None
        k = j + 1
        while k < e and k - j < 3 and self.adjective(self.t(k)):
            k += 1
        return j, k

    def holds_office(self, a: int, b: int) -> bool:
        """Whether words [a, b) hold a title or an anonymous source ("مسؤول"، "أستاذ التاريخ")."""
        return any(self.lex.kinds.get(self.t(i)) in ("title", "anonymous") for i in range(a, b))

    def quoted_name(self, i: int, b: int) -> bool:
        """A short quotation after "في" in an office ("مسؤولة في " X للتقنية " :") names the body the
        speaker works for, not a medium they spoke in ("في " تغريدة "") or what they said."""
        if not self.pair_open(i):
            return False
        pair = self.u.pairs[self.w[i].pair]
        if pair.inner > 4 or pair.close + 1 >= b or self.lex.kinds.get(self.t(i + 1)) == "media":
            return False
        nxt = pair.close + 1
        # then a colon, a comma, what was said, an adjective of the body ("التابعة لوزارة …"), or the
        # verb of speech the phrase is the subject of ("إلا أن متخصصين في « الإسلام الأوروبي » يذكرون")
        return (
            self.t(nxt) in (":", *_COMMAS)
            or self.comp_at(nxt, b) is not None
            or self.t(nxt).startswith("ال")
            or self.is_cue(nxt) is not None
        )

    def institution(self, i: int, b: int) -> bool:
        words = [self.t(x) for x in range(i, min(b, i + 4)) if not self.w[x].punct]
        return self.lex.kind_of(words) == "named"

    def _apposition(self, k: int, b: int) -> int:
        """After ", Name Name ," in a speaker: the index past the closing comma, else 0."""
        e = k + 1
        while e < b and e - k <= 4 and not self.w[e].punct and not self.speaker_stop(e):
            e += 1
        if (
            e > k + 1
            and e < b
            and self.t(e) in _COMMAS
            and not self.t(k + 1).startswith("ال")
            and self.t(k + 1) not in self.g["asides"]  # "، وهو يبتسم ،": a circumstance, not a name
        ):
            return e + 1
        return 0

    def past_discourse_words(self, s: int, end: int) -> int:
        """The first word from s (before end) that is no discourse word ("لكن"، "كما"، "ثم" …)."""
        discourse = self.g["discourse"]
        while s < end and (self.t(s) in discourse or self.w[s].bare in discourse):
            s += 1
        return s

    def name_before_clause(self, j: int, k: int, b: int) -> int:
        """After an office [j, k) ("رئيس حركة النهضة") and a comma at k: a name of one to three words (no
        article, no function word) right before a complementiser, which its writer did not close with a
        comma ("، راشد الغنوشي إن …"; a family name may have the article): the index past the name, else 0
        ("، أمس إن": a time, no name)."""
        if not self.holds_office(j, k) or k + 1 >= b or self.article(k + 1):
            return 0
        e = k + 1
        while e < b and e - k <= 3 and not self.w[e].punct and not self.speaker_stop(e):
            e += 1
        if e == k + 1 or e >= b or self.w[e - 1].bare in self.lex.kinds or self.comp_at(e, b) is None:
            return 0
        return e

    def trim(self, a: int, b: int) -> tuple[int, int]:
        # a percent sign stays with its number ("بنسبة 20%")
        while b > a and (
            self.w[b - 1].punct and not is_quote_mark(self.w[b - 1]) and self.t(b - 1) not in ("%", "٪")
        ):
            b -= 1
        while a < b and self.w[a].punct and not is_quote_mark(self.w[a]):
            a += 1
        return a, b

    # ------------------------------------------------------------------ the end of a quote
    def quote_end(self, k: int, b: int, sent_a: int) -> int:
        """End (exclusive) of the reported material that starts at word k."""
        concessive = any(self.t(i) in self.g["concessive"] for i in range(sent_a, k))
        i = k
        while i < b:
            w = self.w[i]
            if self.pair_open(i):
                i = self.u.pairs[w.pair].close + 1
                continue
            if w.pair >= 0 and self.u.pairs[w.pair].open < k:
                return i  # the quotation the clause was said in closes: "« … قال إن … »"
            t = w.text
            if t in _COMMAS and i + 1 < b:
                nxt = i + 1
                if self.is_participle(nxt, sent_a) or self.source_phrase(nxt, b):
                    return i
                if self.t(nxt) in self.g["while"] and (
                    self.t(nxt) not in self.g.get("whereas", ())
                    or self.is_cue(min(nxt + 1, b - 1))
                    or self.is_cue(min(nxt + 2, b - 1))
                ):
                    # "، فيما قال الوزير"، "، فيما قتل ثلاثة": a new attribution or the reporter's
                    # news; "، بينما …" (whereas) goes on with the contrast the speaker drew unless a
                    # verb of speech follows it
                    return i
                if self.t(nxt) in self.g["asides"] and not self.apposed_clause(nxt, b):
                    return i
                if self.t(nxt) == "على" and self.afterword(nxt, b):
                    return i
                if self.by_saying_ahead(nxt, b):
                    return i  # "…، لكن هيلي ردت الثلاثاء بالقول …": another speaker's reply
                cue = self.is_cue(nxt)
                if (
                    cue is not None
                    and not cue.attached
                    and (self.w[nxt].text != self.w[nxt].bare or self.t(nxt)[:1] == "ل")
                ):
                    return i  # ", وقال …"، "، لتؤكد …": a new attribution
            elif t == "(" and i + 1 < b:
                close = next((x for x in range(i + 1, min(b, i + 6)) if self.t(x) == ")"), None)
                if close is not None and close + 1 < b and self.is_cue(close + 1):
                    return i  # "… ( رويترز ) ذكرت صحيفة …": a dateline, then a new attribution
            elif not w.punct and i > k:
                if t == "وذلك":
                    return i
                if (part := self.lex.participles.get(t)) is not None and (
                    part.lemma == "قال" or self.participle_head(i, part)
                ):
                    return i  # "… ويصيح فيهم قائلا : …"، "… مشيرا الى ان": a new attribution
                cue = self.is_cue(i)
                if (
                    cue is not None
                    and t != w.bare
                    and self.t(i - 1) not in self.g.get("already", ())
                    and (
                        (not cue.attached and (self.comp_at(i + 1, b) or self.speaker_like(i + 1, i + 2)))
                        or (i + 1 < b and self.pair_open(i + 1) and not self.name_quote(i + 1))
                    )
                ):
                    return (
                        i  # "… وأضاف أن"، "… وقال الوزير" (not "… ووصفه بأنه", nor "سبق وأبلغ": it goes on)
                    )
                if concessive and w.bare in ("ان", "انه", "انها") and t[:1] == "ف":
                    return i  # "رغم أنه قال إن …، فإنه …": the main clause is the reporter's
                if (
                    t in self.g["while"]
                    and i + 1 < b
                    and (self.is_cue(i + 1) or self.is_cue(min(i + 2, b - 1)))
                ):
                    return i
            i += 1
        return b

    def by_saying_ahead(self, i: int, b: int) -> bool:
        """Whether "by saying" (بالقول، بقوله …) follows word i within a few words of one clause (no
        punctuation between): a new attribution has started."""
        saying = self.g.get("by_saying", ())
        for x in range(i, min(b, i + _BY_SAYING_GAP + 3)):
            if self.w[x].punct:
                return False
            if self.t(x) in saying:
                return True
        return False

    def apposed_clause(self, i: int, b: int) -> bool:
        """Whether "، وهي" / "، وهو" at i opens a clause about a noun of what was said rather than the
        reporter's aside: an indefinite noun or a name after it ("…، وهي شركة مرتبطة بـ …"، "الدول
        الضامنة، وهي روسيا وإيران وتركيا، …") or a verb ("، وهو كان يقدم …") goes on with the report;
        a definite noun goes on only in an apposition closed by a comma within the clause ("، وهي
        الأردن ولبنان، خلال …"); "، وهو ما …"، "، وهي المرة الأولى …" and "، وذلك" are the reporter's."""
        if self.t(i) not in ("وهو", "وهي") or i + 1 >= b:
            return False
        w = self.w[i + 1]
        if w.punct or w.text == "ما" or w.text in self.lex.stop:
            return False
        if not self.article(i + 1):
            return True
        return any(self.t(x) in _COMMAS for x in range(i + 2, min(b - 1, i + 2 + _MAX_ASIDE_WORDS)))

    def source_phrase(self, i: int, b: int) -> int:
        """Length in words of a source phrase starting at word i ("وفقا ل", "بحسب"), else 0."""
        w0 = self.w[i]
        index = self.lex.phrase_index
        for seq in index.get(w0.bare, ()) + (index.get(w0.text, ()) if w0.text != w0.bare else ()):
            n = len(seq)
            if i + n > b + (1 if seq[-1] == "ل" else 0):
                continue
            ok = True
            for j, part in enumerate(seq):
                if i + j >= len(self.w):
                    ok = False
                    break
                w = self.w[i + j]
                word = w.text if j else w.bare
                if part == "ل" and j == n - 1:
                    if not (word == "ل" or (word.startswith("ل") and len(word) > 2)):
                        ok = False
                elif word != part and w.text != part:
                    ok = False
                if not ok:
                    break
            if ok:
                return n
        return 0

    def afterword(self, i: int, b: int) -> int:
        for seq in self.lex.afterwords:
            if all(i + j < b and self.t(i + j) == part for j, part in enumerate(seq)):
                return len(seq)
        return 0

    # ------------------------------------------------------------------ finding attributions
    def proposals(self) -> list[Proposal]:
        sentences = self.u.sentences
        k = 0
        trailing: tuple[int, bool] | None = None  # a quote that may run on (see run_on)
        for pi, (_pa, pb) in enumerate(self.u.paragraphs):
            para_found = False
            while k < len(sentences) and sentences[k][0] < pb:  # the paragraph's sentences, in order
                before = len(self.out)
                made = self.sentence(*sentences[k], pi)
                if made:
                    para_found = True
                trailing = self.run_on(trailing, before, made, *sentences[k])
                k += 1
            if para_found:
                self.last_para_with_speech = pi
        return self.out

    def run_on(
        self, trailing: tuple[int, bool] | None, before: int, made: bool, a: int, b: int
    ) -> tuple[int, bool] | None:
        """A quote that runs to the end of its sentence may go on in the next one when that sentence
        reports nothing of its own: when an ellipsis ended it (". ." as a tokeniser writes "..", or
        "…": a pause in what was said), or when the next sentence opens with "وأن" (and that …), which
        cannot open a sentence of its own. The quote is stretched over it. `trailing` is the quote
        (its index in self.out) left open by the sentence before and whether an ellipsis ended it;
        the same is returned for sentence [a, b)."""
        s, e = self.trim(a, b)
        if e <= s:
            return trailing
        if trailing is not None and not made and (trailing[1] or self.continues_report(s)):
            q = self.out[trailing[0]]
            self.out[trailing[0]] = replace(q, end=self.w[e - 1].end)
            return trailing[0], self.ends_in_ellipsis(a, b)
        if not made:
            return None
        last = next(
            (x for x in range(len(self.out) - 1, before - 1, -1) if self.out[x].label == "QUOTE"), None
        )
        if last is None or self.out[last].end != self.w[e - 1].end or is_quote_mark(self.w[e - 1]):
            return None  # the quote ends earlier, or its quotation mark closed it
        return last, self.ends_in_ellipsis(a, b)

    def continues_report(self, s: int) -> bool:
        """Whether word s is "وأن" (or "وإن"، "وبأن"، "وأنه" …): "and that", going on with a report."""
        t = self.t(s)
        return t[:1] == "و" and t[1:] in self.lex.complementisers

    def ends_in_ellipsis(self, a: int, b: int) -> bool:
        """Whether sentence [a, b) ends with an ellipsis: two dots or more (". ." spaced), or "…"."""
        dots = 0
        for x in range(b - 1, a - 1, -1):
            t = self.t(x)
            if t == "…":
                return True
            if t != ".":
                break
            dots += 1
        return dots >= 2

    def sentence(self, a: int, b: int, para: int) -> bool:
        covered: list[tuple[int, int]] = []
        self.pending = None
        carried, self.carry = self.carry, None
        made = False

        def inside(i: int) -> bool:
            return any(x <= i < y for x, y in covered)

        i = a  # the next word an attribution may start at
        for c in self.starts[bisect_left(self.starts, a) : bisect_left(self.starts, b)]:
            if c < i:
                continue  # inside the cue just found
            i = c
            verb = self.is_cue(i)
            if covered and inside(i) and not (verb is not None and self.subject_before(i, a) is not None):
                continue  # inside a quote only an attribution that names its speaker ("إن السفير توقع أن")
            f = None
            if (o := self.afterword_at(i, a)) is not None:
                f = self.after_opinion(o, i + 1 - o, a, b, covered, runs_on=False)
            elif verb is not None:
                # "نقلا عن …" is a source phrase first (not the dual "they moved"), then a verb
                n = self.source_phrase(i, b)
                f = self.after_phrase(i, n, a, b, covered) if n > 1 else None
                if f is None:
                    f = self.after_verb(i, verb, a, b)
                if f is None and n:
                    f = self.after_phrase(i, n, a, b, covered)
            elif (part := self.is_participle(i, a)) is not None:
                f = self.after_participle(i, part, a, b)
            elif (o := self.opinion(i, a)) is not None:
                f = self.after_opinion(o, i + 1 - o, a, b, covered)
            elif n := self.source_phrase(i, b):
                f = self.after_phrase(i, n, a, b, covered)
            elif self.t(i) in self.g["speech_nouns"]:
                f = self.after_noun(i, a, b)
            elif self.w[i].bare in self.g.get("speech_masdars", ()):
                f = self.after_masdar(i, a, b)
            elif self.t(i) in self.g.get("by_saying", ()) or self.to_saying(i, a):
                f = self.after_by_saying(i, a, b)
            elif self.t(i) in self.g.get("naming", ()) and i > a and self.t(i - 1) in self.g["naming_what"]:
                f = self.after_naming(i, a, b)

            if f is not None and (
                inside(i) or not any(max(x, f.quote[0]) < min(y, f.quote[1]) for x, y in covered)
            ):
                if f.speaker is not None and self.pronoun(*f.speaker):
                    # "وهو يقول : …": the pronoun stands for the subject the sentence opened with,
                    # else for the speaker before (linked, not proposed again)
                    f.speaker = self.opening_speaker(a, f.speaker[0]) or self.opening_name(a, f.speaker[0])
                    f.kind = self.kind_of(*f.speaker) if f.speaker else ""
                if carried is not None and f.speaker is None and self.opens_sentence(f.cue, a):
                    named = self.carried_subject(*carried)
                    if named is not None:
                        f.speaker, f.kind = named, self.kind_of(*named)
                carried = None
                self.emit(f, para)
                covered.append(f.quote)
                made = True
                i = max(i + 1, f.cue[1] if f.cue else i + 1)
        # quotations nothing introduced: after a colon, before "، قال X", or a paragraph of speech
        opens = self.pair_opens
        for p in self.u.pairs[bisect_left(opens, a) : bisect_left(opens, b)]:
            if not (a <= p.open and p.close < b) or p.inner < 3 or inside(p.open) or inside(p.close):
                continue
            f = self.lone_quotation(p.open, p.close, a, b, para)
            if f is not None:
                self.emit(f, para)
                covered.append(f.quote)
                made = True
        if not made:
            self.carry = (a, b, self.pending)
        return made

    def carried_subject(self, a: int, b: int, pending: tuple[int, int] | None) -> tuple[int, int] | None:
        """The subject of sentence [a, b), which reported nothing, when it surely names someone: its
        verb's subject left pending, else the subject of the verb it opens with."""
        found = pending or self.opening_speaker(a, b)
        return found if found is not None and self.surely_named(*found) else None

    def surely_named(self, s: int, e: int) -> bool:
        """Whether words [s, e) surely name someone, to be carried to the next sentence: a speaker
        phrase, a phrase holding an office ("أنطوني غوليز نائب مدير الهيئة"), or a name of one or
        two words (not definite, no ة or ات ending: "تروتنيف"); not a verb's object taken with its
        subject ("مساعي الولايات المتحدة"، "كفة المدرب")."""
        if self.speaker_like(s, e):
            return True
        if self.plural_or_feminine(s) or self.t(s).startswith("ال"):
            return False  # a noun heads it: "كفة المدرب الأجنبي"
        return (
            self.holds_office(s, e)
            or e - s <= 2
            and not any(
                self.t(x).startswith("ال") or self.w[x].punct or self.plural_or_feminine(x)
                for x in range(s, e)
            )
        )

    def pronoun(self, s: int, e: int) -> bool:
        """Whether words [s, e) are one personal pronoun ("وهو"، "هي")."""
        w = self.w[s]
        pronouns = self.g.get("pronouns", ())
        return e == s + 1 and (w.text in pronouns or (w.text[:1] in "وف" and w.text[1:] in pronouns))

    def opens_sentence(self, cue: tuple[int, int] | None, a: int) -> bool:
        """Whether the cue stands first in its sentence (after punctuation and discourse words), or
        is "by saying" right after the verb that opens it ("وختم بالقول إن …")."""
        if cue is None:
            return False
        start = cue[0]
        if self.t(start) in self.g.get("by_saying", ()) or self.to_saying(start, a):
            start -= 2 if self.to_saying(start, a) else 1
        return start >= a and all(
            self.w[x].punct or self.t(x) in self.g["discourse"] or self.w[x].bare in self.g["discourse"]
            for x in range(a, start)
        )

    def past_discourse(self, s: int, c: int) -> int:
        """The first word from s (before c) after discourse words and "for his part" openers ("ومن
        جانبه ،"، "بدوره"), with the commas after them."""
        g = self.g
        sides = g.get("side_openers", frozenset())
        while s < c:
            w = self.w[s]
            if w.text in g["discourse"] or w.bare in g["discourse"] or w.text in sides or w.bare in sides:
                s += 1
            elif s + 1 < c and any(
                f"{x} {self.t(s + 1)}" in sides
                for x in (w.text, w.bare, w.text[1:] if w.text[:1] in "وف" else "")
            ):
                s += 2  # "من جانبه"، "ومن جانبه"
            else:
                break
            while s < c and self.t(s) in _COMMAS:
                s += 1
        return s

    def opening_speaker(self, a: int, b: int) -> tuple[int, int] | None:
        """The subject of the verb opening words [a, b) when a speaker phrase is ("وأشاد المدرب بأداء
        فريقه"، "واستقبل وزير الخارجية نظيره"): a title, source, medium, institution or known name
        right after the first word, up to its first clause break; else None."""
        v = self.past_discourse(a, b)
        end = next((x for x in range(v + 1, b) if self.w[x].punct and self.t(x) in _CLAUSE_BREAKS | _ENDS), b)
        if (topic := self.topic(v, end)) is not None:
            return topic
        if v + 1 >= b or self.w[v].punct or self.t(v).startswith("ال") or self.speaker_stop(v):
            return None
        if self.lex.kinds.get(self.t(v)) or self.lex.kinds.get(self.w[v].bare):
            return None  # "وزير الخارجية …": a noun opens the sentence, not a verb
        found = self.head_subject(v + 1, end)
        if found is None and self.w[v].text != self.w[v].bare and not self.w[v].bare.startswith("لكن"):
            # "وأصر رافاران أن …": a name before a word that ends it (not after "ولكنني": no verb)
            cut = self.before_bal(v + 1, end)
            return self.name_subject(v + 1, cut) if cut < end and self.name_ends(cut) else None
        if found is None:
            return None
        # without the verb's object: "واستقبل وزير الخارجية نظيره الفرنسي"
        return found[0], self.subject_end(*found) or found[1]

    def opening_name(self, a: int, b: int) -> tuple[int, int] | None:
        """A name of one or two words (the first not definite, no ة or ات ending) right after the verb opening
        words [a, b) and closing its clause at a comma ("ويتنهد توفيق الحكيم ، …، وهو يقول :"):
        the subject a later pronoun stands for."""
        v = self.past_discourse(a, b)
        if v + 1 >= b or self.w[v].punct or self.article(v) or self.speaker_stop(v):
            return None
        end = v + 1
        while end < b and end - v <= 3 and not self.w[end].punct:
            end += 1
        if end >= b or self.t(end) not in _COMMAS or not 1 <= end - v - 1 <= 2:
            return None
        if self.article(v + 1) or any(
            self.plural_or_feminine(x) or self.speaker_stop(x) for x in range(v + 1, end)
        ):
            return None  # a noun opens it ("ويتنهد الرجل"); a surname may be definite ("توفيق الحكيم")
        return v + 1, end

    def topic(self, v: int, end: int) -> tuple[int, int] | None:
        """A person opening a nominal sentence, its topic ("وأبو عبد الله على قناعة بأن …"، "والخبير
        الاقتصادي فلان متفائل"): a phrase headed by a title, an anonymous source or a kunya (أبو) that
        runs to a word outside it; else None (an institution or a medium opening a sentence is more
        often what it is about than who speaks next)."""
        w = self.w[v]
        head = self.lex.kinds.get(w.text) or self.lex.kinds.get(w.bare)
        if w.punct or not (head in ("title", "anonymous") or w.bare == "ابو" or w.text == "ابو"):
            return None
        e = self.collect_speaker(v, end)
        return (v, self.subject_end(v, e) or e) if v < e < end else None

    def content(
        self, j: int, b: int, a: int, verb: Verb | None, explicit: bool
    ) -> tuple[int, int, str] | None:
        """What was said, looked for from word j: (start, end, type), or None when nothing follows.
        A verb that is speech only with its preposition (cues.toml prep_only: "عبر عن" expressed, "عبرت
        خلالها 13 دولة هي :" crossed) reports only the noun phrase after that preposition, and not a
        demonstrative ("عبر عن ذلك": what it points to was said before)."""
        found = self.find_content(j, b, a, verb, explicit)
        if found is None or verb is None or not verb.prep_only:
            return found
        s = found[0]
        if s == 0 or self.t(s - 1) not in verb.prep or self.t(s) in self.g["pointers"]:
            return None
        return found

    def find_content(
        self, j: int, b: int, a: int, verb: Verb | None, explicit: bool
    ) -> tuple[int, int, str] | None:
        k = j
        # a relative clause on the speaker or a circumstance ("في كلمة ألقاها خلال حفل …") may stand
        # between the verb and what was said: it opens with a relative pronoun or a preposition
        # (up to the first punctuation: a frame is one clause)
        framed = j < b and (self.t(j) in self.g["relative"] or self.t(j) in self.lex.stop)
        while k < b and k - j <= (_MAX_FRAME_WORDS if framed else _MAX_GAP_WORDS):
            w = self.w[k]
            t = w.text
            if t in _ENDS:
                return None
            if framed and w.punct and not (self.pair_open(k) and not self.name_quote(k)):
                if t == "(" and (close := self.paren_close(k, b)):
                    k = close + 1  # "بخصوص اللاعب ( 26 عاما ) الذي …": an aside in brackets
                    continue
                if t in _COMMAS and (c := self.comp_at(k + 1, b)) is not None:
                    # "قال الوزير في كلمة ألقاها خلال حفل … بحضور …، إن …": the frame, however long,
                    # ends at a comma right before the complementiser
                    return self.clause(c, b, a)
                framed = False
                if k - j > _MAX_GAP_WORDS:
                    return None
            if (t in self.g["adversative"] and not self.is_comp(k)) or (t in self.g["while"] and k > j):
                return None  # "… إلا أنه": the clause is not what the verb reports
            if self.pair_open(k) and (
                self.name_quote(k)
                or (
                    k > j
                    and self.u.pairs[w.pair].inner <= 4
                    and self.t(k - 1) in self.g["prepositions"]
                    and not (verb and self.t(k - 1) in verb.prep)
                )
            ):
                # a name in marks ("لـ " سي ان ان " ان …"), or the noun of a preposition that is not
                # the verb's ("مسؤول الناشرين في " مؤسسة المعارض " التابعة …"): not what was said
                k = self.u.pairs[w.pair].close + 1
                continue
            if (t in _COMMAS or t in _DASHES) and (aside := self.aside_end(k, b)):
                # "واوضح المسؤول ، طالبا عدم كشف هويته ، انه …": an aside before the clause; one that
                # opens with a preposition is a circumstance of the saying however far the gap has run
                # ("…، في تصريح لوكالة …، بأن")
                if self.t(k + 1) in self.g["prepositions"] and (c := self.comp_at(aside, b)) is not None:
                    return self.clause(c, b, a)
                k = aside
                continue
            c = self.comp_at(k, b)
            if c is not None:
                return self.clause(c, b, a)
            if t[:1] == "ب" and t[1:] in self.lex.complementisers:  # بأن attached
                return self.clause(k, b, a)
            if t == ":":
                return self.after_colon(k + 1, b, a)
            if self.pair_open(k) and not self.name_quote(k) and (framed or k - j <= _MAX_QUOTE_GAP):
                close = self.u.pairs[w.pair].close
                if k > j and self.inside_phrase(k, close, b) and self.clause_ahead(close + 1, b):
                    k = close + 1  # "عن خطة « آفاق جديدة » السنوية إنها …": a name on the way to the clause
                    continue
                return self.quotation(k, b, a)
            if is_quote_mark(w) and w.pair < 0 and k - j <= _MAX_QUOTE_GAP + 3 and b - k > 3:
                return k, self.quote_end(k + 1, b, a), "direct"  # a quotation whose closing mark is lost
            if verb is not None and verb.np:
                for prep in verb.prep:
                    if not (explicit or prep != "ب"):
                        continue  # "طالب بالجامعة": without a subject ب + noun is not speech
                    if (
                        prep == "ب"
                        and t[:1] == "ب"
                        and len(t) > 3
                        and not (k > j and self.t(k - 1) in self.lex.stop)
                    ):
                        # (not the noun of another preposition: "طالبت النقابة في بيان …")
                        return self.noun_content(k, b, a)
                    if (
                        prep == "ل"
                        and verb.object
                        and k > j
                        and self.attached_li(k)
                        and not self.prep_later(k, b, verb)
                    ):
                        return self.noun_content(k, b, a)  # "ودعا الجميع لبذل الجهود": after the addressee
                    if t == prep and k + 1 < b and not self.w[k + 1].punct:
                        return self.noun_content(k + 1, b, a)
                    if t == prep and k + 1 < b and self.pair_open(k + 1) and not self.name_quote(k + 1):
                        return self.quotation(k + 1, b, a)  # "شدد على « … »"
                if not verb.prep and explicit and k == j and self.reported_np(k, b):
                    return self.noun_content(k, b, a)  # "نفى وجود محادثات"، "نفى ما ذكرته الصحف"
            if verb is not None and verb.np_object and explicit and self.np_object_at(j, k, b):
                return self.noun_content(k, b, a)  # "أكد الوزير دعم بلاده للخطة"
            if self.is_participle(k, a) and t in ("قائلا", "قائله", "قائلين") or t in ("قائلا", "قائله"):
                return self.after_colon(k + 1 if k + 1 < b and self.t(k + 1) != ":" else k + 2, b, a)
            if not w.punct and self.is_cue(k) and (k > j or self.conj(k)):
                # another verb of speech ("وتوقع المحلل ارتفاع الأسعار وقال إن …"): it speaks for itself
                return None
            if self.source_phrase(k, b) and k > j:
                return None
            k += 1
        if verb is not None and explicit and verb.lemma in self.g["plain_saying"]:
            return self.closing_quotation(j, b, a)
        return None

    def closing_quotation(self, j: int, b: int, a: int) -> tuple[int, int, str] | None:
        """After a verb of plain saying and its subject, a long circumstance ("وقال الوزير للصحفيين في
        بروكسل بعد يوم من لقائه بنظيره على هامش اجتماع الحلف (ناتو) "…"") may stand before a quotation
        that closes the sentence: that quotation (of three words or more) is what was said, when no
        other verb of speech, complementiser, colon or full stop comes first."""
        for k in range(j, min(b, j + _MAX_FRAME_WORDS)):
            w = self.w[k]
            if self.pair_open(k) and not self.name_quote(k):
                pair = self.u.pairs[w.pair]
                if pair.inner < 3 or not all(self.t(x) in _ENDS for x in range(pair.close + 1, b)):
                    return None  # a name in marks on the way ("معرض "الكتاب" …"), or the sentence goes on
                return self.quotation(k, b, a)
            if w.punct and self.t(k) not in _COMMAS | {"(", ")"} and not is_quote_mark(w):
                return None
            if not w.punct and (self.is_cue(k) or self.comp_at(k, b) is not None):
                return None
        return None

    def paren_close(self, k: int, b: int) -> int:
        """The index of the ")" closing the "(" at k within eight words, else 0."""
        return next((x for x in range(k + 1, min(b, k + 10)) if self.t(x) == ")"), 0)

    def aside_end(self, k: int, b: int) -> int:
        """After a comma (or a dash) at k: the index of the complementiser that follows the next comma
        (dash) when the words between are an aside ("، طالبا عدم كشف هويته ، أنه"), else 0."""
        closers = _DASHES if self.t(k) in _DASHES else _COMMAS  # "– وفق عرض في الصحيفة –"
        for x in range(k + 1, min(b - 1, k + _MAX_ASIDE_WORDS + 2)):
            w = self.w[x]
            if w.text in closers:
                return x + 1 if x > k + 1 and self.is_comp(x + 1) else 0
            if (w.punct and w.pair < 0) or self.is_comp(x) or w.text in _ENDS:
                return 0
        return 0

    def subject_end(self, s: int, e: int) -> int | None:
        """Where a subject phrase [s, e) may end before a noun phrase object: the first indefinite
        word after a definite one that is not a name the project knows."""
        for x in range(s + 1, e):
            t, prev = self.t(x), self.t(x - 1)
            if not prev.startswith("ال") or self.w[x].punct:
                continue
            if t.startswith("ال"):
                if not self.adjective(t):
                    return None  # "أعلنت الحكومة الحداد": a definite object, an act not a report
                continue
            if t in self.context.known_names:
                return None
            return self.after_name(x, e) if self.names_follow(x - 1) else x
        return None

    def names_follow(self, i: int) -> bool:
        """Whether a name may follow word i in apposition: a title ("الرئيس"، "الملك") or a nisba
        closing a title phrase ("وزير الخارجية الصيني")."""
        t = self.t(i)
        kinds = self.lex.kinds
        return kinds.get(t) == "title" or (
            self.adjective(t)
            and any(
                kinds.get(self.t(x)) == "title" or kinds.get(self.w[x].bare) == "title"  # "والخبير"
                for x in range(max(0, i - 4), i)
            )
        )

    def after_name(self, x: int, e: int) -> int:
        """Where the noun phrase object starts when a name begins at x after a title: "نفى الرئيس
        الفلسطيني محمود عباس حدوث أي تقدم" -> at "حدوث". An indefinite noun followed by its
        genitive (a definite noun that is no adjective, or أي / كل) heads the object; a name is up
        to four words with no ة ending and may take an ordinal ("عبدالله الثاني"): a phrase that ends
        with one has no object in it (e). When neither is found the object starts at x, as after any
        definite subject."""
        nxt = self.t(x + 1) if x + 1 < e else ""
        if (nxt.startswith("ال") and not self.adjective(nxt)) or nxt in self.g.get("quantifiers", ()):
            return x  # "أكد الرئيس استمرار المفاوضات": the noun right after the title is the object
        for y in range(x + 1, min(e, x + 4)):
            t = self.t(y)
            if self.w[y].punct or self.plural_or_feminine(y - 1) or self.speaker_stop(y):
                break  # a word in ة ("أهمية") or a function word ("في") is no name
            if t.startswith("ال"):
                if self.adjective(t):
                    continue  # "عبدالله الثاني"
                break
            if t in self.g.get("quantifiers", ()):
                return y  # "كوندوليزا رايس أي وقف": the object opens with its quantifier
            after = self.t(y + 1) if y + 1 < e else ""
            if (after.startswith("ال") and not self.adjective(after)) or (
                y >= x + 2 and after in self.g.get("quantifiers", ())
            ):
                return y  # "محمود عباس حدوث أي تقدم": a name of two words or more, then the object
        else:
            if e - x <= 4 and not any(self.plural_or_feminine(y) for y in range(x, e)):
                return e  # the phrase ends with the name: "جلالة الملك عبدالله الثاني"
        return x

    def disagrees(self, c: int, y: int) -> bool:
        """Whether the noun at y cannot be the subject of the verb at c before it: a definite feminine
        noun in ة ("الحكومة") after a verb in the masculine (a title in ة, "الداعية"، is a man)."""
        t = self.t(y)
        return (
            t.startswith("ال")
            and self.feminine_noun(y)
            and self.lex.kinds.get(t) != "title"
            and self.cue_gender(c) == "m"
        )

    def feminine_noun(self, y: int) -> bool:
        """Whether word y ends in ة as written: a feminine singular noun."""
        return self.text[self.w[y].start : self.w[y].end].rstrip(TASHKEEL).endswith("ة")

    def plural_or_feminine(self, y: int) -> bool:
        """Whether word y ends in ة or ات (as written): a noun, not a name ("انتخابات مبكرة")."""
        return self.text[self.w[y].start : self.w[y].end].rstrip(TASHKEEL).endswith(("ة", "ات"))

    def lone_accusative(self, k: int) -> bool:
        """Whether word k is an indefinite noun in the accusative (its tanween written as alif:
        "نوابا"): it heads no construct, so it is a plain object ("انتقد الوزير نوابا في البرلمان"),
        not a reported noun phrase; a pronoun in ها / نا is no such ending ("عزمها")."""
        t = self.t(k)
        return len(t) > 3 and t.endswith("ا") and not t.endswith(("ها", "نا", "هما"))

    def np_object_at(self, j: int, k: int, b: int) -> bool:
        """Whether a noun phrase reported as what was said starts at k, right after the subject
        (ending at j) or after a short time or place between ("عقب الاجتماع"، "أمس"): an indefinite
        head of two words or more that is not a noun of an act."""
        if k > j and not ((self.t(j) in self.lex.stop or self.addressee_word(j)) and k - j <= 2):
            return False
        w = self.w[k]
        t = w.text
        if w.punct or k + 1 >= b or self.w[k + 1].punct or self.speaker_stop(k):
            return False
        if t.startswith("ال") or t[:1] in "لبو" or t in self.g.get("declared_acts", ()):
            return False
        if self.lone_accusative(k):
            return False
        if self.source_phrase(k, b):
            return False  # "نفى الرئيس وجود … في الصومال حسب ما تردده دوائر": the source, not what he denied
        if k > j and self.comp_ahead(k + 1, b):
            return False  # "أعلن إثر نهاية اللقاء ( … ) الأحد أن …": the noun is the adverbial's, the clause was said
        return not any(self.is_comp(x) or self.is_cue(x) for x in range(k + 1, min(b, k + 4)))

    def comp_ahead(self, k: int, b: int) -> bool:
        """Whether a complementiser comes within _MAX_GAP_WORDS words from k, before a comma, a colon or
        a quotation or another attribution (brackets passed over)."""
        x = k
        while x < min(b, k + _MAX_GAP_WORDS):
            if self.t(x) in _BRACKETS:
                other = _BRACKETS[self.t(x)]  # what is in brackets ("( 2-1 )") is passed over
                x = next((y for y in range(x + 1, min(b, x + 10)) if self.t(y) == other), x) + 1
                continue
            if self.comp_at(x, b) is not None:
                return True
            if self.w[x].punct and self.t(x) != "/":
                return False
            if self.is_cue(x) or self.lex.participles.get(self.w[x].bare):
                return False  # "أكد مجددا شجبه للعدوان مبينا أن …": the clause is the participle's
            x += 1
        return False

    def clause(self, c: int, b: int, a: int) -> tuple[int, int, str] | None:
        nxt = c + 1
        if nxt < b and self.pair_open(nxt) and not self.name_quote(nxt):
            close = self.u.pairs[self.w[nxt].pair].close
            rest = [i for i in range(close + 1, self.quote_end(close + 1, b, a)) if not self.w[i].punct]
            if not rest:
                return nxt, close + 1, "direct"  # "على أن "…"": the quotation is what was said
        end = self.quote_end(c + 1, b, a)
        if end <= c + 1:
            return None
        return c, end, self.qtype(c, end)

    def noun_content(self, k: int, b: int, a: int) -> tuple[int, int, str] | None:
        if self.pair_open(k) and not self.name_quote(k):
            return self.quotation(k, b, a)
        end = self.quote_end(k + 1, b, a)
        if end - k < 2:
            return None
        return k, end, self.qtype(k, end)

    def after_colon(self, k: int, b: int, a: int) -> tuple[int, int, str] | None:
        if k >= b:
            return None
        if self.pair_open(k):
            return self.quotation(k, b, a)
        c = self.comp_at(k, b)
        if c is not None:
            return self.clause(c, b, a)
        end = self.quote_end(k, b, a)
        s, e = self.trim(k, end)
        if e - s < 2:
            return None
        return s, e, "direct" if self.qtype(s, e) == "indirect" else self.qtype(s, e)

    def quotation(self, k: int, b: int, a: int) -> tuple[int, int, str]:
        """A quotation, stretched over quotations joined to it: "…"، و"…" (then mixed)."""
        pair = self.u.pairs[self.w[k].pair]
        close = pair.close
        if pair.inner <= 2 or (pair.inner <= 4 and self.inside_phrase(k, close, b)):
            # a word or two in marks, then more of the clause: a quoted term inside what was said
            end = self.quote_end(close + 1, b, a)
            if sum(1 for x in range(close + 1, end) if not self.w[x].punct) >= 2:
                return k, end, "mixed"
        end = close + 1
        j = end
        while j < b and j - end <= 6:
            if self.pair_open(j):
                if self.name_quote(j):
                    j = self.u.pairs[self.w[j].pair].close + 1
                    continue
                end = self.u.pairs[self.w[j].pair].close + 1
                j = end
                continue
            if (
                self.t(j) in _ENDS
                or self.comp_at(j, b) is not None
                or self.is_cue(j)
                or self.is_participle(j, a)
            ):
                break
            j += 1
        return k, end, "direct" if end == close + 1 else "mixed"

    def inside_phrase(self, o: int, close: int, b: int) -> bool:
        """Whether the quotation [o, close] stands inside a noun phrase: a plain noun before it (not a
        preposition, a complementiser or punctuation) and a definite word or a relative pronoun after
        it ("مشروع البنية « مسيرة كابتال » الصناعي الذي …"): a name or a term, not what was said."""
        if o == 0 or close + 1 >= b:
            return False
        prev, nxt = self.w[o - 1], self.t(close + 1)
        return (
            not prev.punct
            and prev.text not in self.lex.stop
            and prev.text not in self.g["prepositions"]
            and not self.is_comp(o - 1)
            and not self.is_cue(o - 1)
            and (nxt.startswith("ال") or nxt in self.g["relative"])
        )

    def clause_ahead(self, k: int, b: int) -> bool:
        """Whether a complementiser opens a clause from word k on before the next punctuation (in the
        words a frame may hold)."""
        for x in range(k, min(b, k + _MAX_GAP_WORDS)):
            if self.comp_at(x, b) is not None:
                return True
            if self.w[x].punct and self.t(x) not in _COMMAS:
                return False
        return False

    def qtype(self, s: int, e: int) -> str:
        marks = [i for i in range(s, e) if self.w[i].pair >= 0 and not self.name_quote(i)]
        if not marks:
            return "indirect"
        first, last = self.w[s], self.w[e - 1]
        if first.pair >= 0 and first.pair == last.pair:
            return "direct"
        return "mixed"

    # ------------------------------------------------------------------ verbs
    def after_verb(self, c: int, verb: Verb, a: int, b: int) -> _Found | None:
        if verb.passive:
            return self.passive_report(c, a, b)
        j = c + 1
        speaker: tuple[int, int] | None = None
        dropped = False
        # the subject before the verb ("وكان الوزير قد أشار"، "المتحدث باسم الجيش قال"), when none
        # follows it (a verb has one subject: in "تجاهل التحذير قالت صحيفة …" it is the newspaper)
        before = self.subject_before(c, a)
        if (
            before is not None
            and not self.kana(c)
            and self.kana_subject(c, a, True) is None
            and j < b
            and j < (after := self.collect_speaker(j, b, verb))
            and not (after < b and self.is_cue(after))
        ):
            # a phrase after the verb is its subject, unless another verb of speech follows it: then
            # it is this verb's object ("البنك يتوقع استمرار النمو قال البنك إن …", a headline run on)
            before = None
        if before is not None and (owner := self.speech_noun_owner(c, a)) is not None:
            before = owner  # "… في مؤتمر صحفي أوضح فيه أن": the clause describes the noun, not its subject
        if before is None and (rel := self.agreeing_relative(c, a, b, verb)) is not None:
            before = rel  # "المحكمة العليا التي اعتبرت خصوصا أن": the clause's verb agrees with its noun
        if before is None and self.demonstrative_object(j, b):
            j += 1  # "نقل ذلك مصدر دبلوماسي عن …": the subject after the verb's object
        # "وأضاف وهو يبتسم: …": و and a pronoun after the verb open a circumstance (حال), not its subject
        circumstance = before is None and j < b and self.t(j)[:1] == "و" and self.personal_pronoun(j)
        if before is not None:
            speaker = before
        elif j < b and not circumstance:
            if verb.source:
                end = self.collect_speaker(j, b)
                if end < b and self.t(end) == "عن":
                    s_end = self.collect_speaker(end + 1, b)
                    if s_end > end + 1:
                        speaker = (end + 1, s_end)
                        j = s_end
                if speaker is None and end > j:
                    speaker, j = (j, end), end
            else:
                j = self.past_addressee(j, b, verb)
                end = self.collect_speaker(j, b, verb)
                if "ل" in verb.prep:  # "ودعا الجميع لبذل الجهود": the verb's ل ends the phrase
                    end = next(
                        (
                            x
                            for x in range(j + 1, end)
                            if self.attached_li(x) and not self.prep_later(x, b, verb)
                        ),
                        end,
                    )
                if "ب" in verb.prep:
                    end = self.before_bi(j, end, b, a, verb)
                if end > j:
                    kept = self.drop_object(j, end, c) if verb.object else self.definite_object(j, end)
                    dropped = verb.object and kept < end  # "ويطالب إسرائيل بالتوقف": an addressee
                    end = kept
                    if end > j:
                        speaker = (j, end)
                    j = max(j, end)
        if speaker is not None and (pub := self.published_in(speaker[1], b)) is not None:
            speaker, j = pub, pub[1]
        if verb.np_object and c > a and self.t(c - 1) in self.g.get("noun_before", ()):
            # "على نفي الملك إلى …": after a preposition the word is a noun (the exile), not the verb
            verb = replace(verb, np_object=False, np=False)
        if c > a and self.t(c - 1) in self.g.get("negations", ()) and (verb.np or verb.np_object):
            # "ولم تعلن الشركة بعد عن خطط …": a noun phrase after a negated verb was not said (a clause
            # still is: "لم يستبعد أن …")
            verb = replace(verb, np_object=False, np=False)
        got = self.content(
            j, b, a, verb, speaker is not None or before is not None or dropped or circumstance
        )
        if got is None and verb.np_object and speaker is not None and before is None:
            # "أكد الوزير دعم بلاده": the subject ends where an indefinite noun follows a definite one
            x = self.subject_end(*speaker)
            if x is not None and (got := self.content(x, b, a, verb, True)) is not None:
                speaker = (speaker[0], x)
        if got is None and (speaker is not None or before is not None or self.opens_sentence((c, c + 1), a)):
            lead = None
            if speaker is not None and all(self.t(x) in self.g["pointers"] for x in range(*speaker)):
                j = lead = speaker[0]  # "وتابع هذا ليس …": the demonstrative opens what was said
                speaker = None
            got = self.unmarked(j, b, a, verb)
            if got is not None and lead is not None:
                got = (lead, got[1], got[2])
        if got is None:
            found = self.postposed(c, verb, a, b)
            if (
                found is None
                and speaker is not None
                and self.t(c - 1) not in self.g["nonhuman_subject"]
                and not self.pronoun(*speaker)
            ):
                # "وأشاد الوزير بـ… وقال إنه …": the subject of the next quote (without the verb's
                # object: "وتوقع المحلل ارتفاع الأسعار"); a pronoun ("وهو يعبر عن ذلك …") names no one
                self.pending = (speaker[0], self.subject_end(*speaker) or speaker[1])
            return found
        s, e, qtype = got
        kind = ""
        if speaker is not None and before is None and self.li_hamza(speaker[0]):
            speaker = None  # "قالت لأحلام «…»": who it was said to (the quote is read past it all the same)
        if speaker is not None and before is None and not verb.object:
            speaker = self.with_relative(speaker, s)
        if speaker is None:
            speaker = self.speech_noun_owner(c, a)
        if speaker is None:
            speaker = self.relative_subject(c, a)
            if speaker is None and c > a and self.t(c - 1) == "من":
                speaker, kind = (c - 1, c), "pronoun"  # "من قال إن …": whoever said it
            if speaker is None and self.pending is None:
                speaker = self.when_subject(c, a)
            if speaker is None and self.pending is None:
                speaker = self.but_he(c, a)
            if speaker is None and self.pending is None:
                speaker = self.coordinated_subject(c, a)
            if speaker is None and self.pending is None:
                speaker = self.earlier_clause_subject(c, a)
        if (
            speaker is None
            and self.w[c].bare in self.g["background"]
            and (c == a or self.t(c - 1) in self.g["relative"])
        ):
            # "ويذكر أن …"، "ويتوقع أن …" opening a sentence, "التي يتوقع أن …": read as passive
            # (يُذكر، يُتوقع), the reporter's background, not a quote
            return None
        if c > a and self.t(c - 1) in self.g["hypothetical"]:
            return None  # "لكي تقول إن …": what would be said, not a report
        if speaker is None and c == a and self.byline(c, s, e):
            return None  # "كتب : فلان الفلاني": who wrote the article
        if speaker is None and c > a and self.t(c - 1) in self.g.get("nonhuman_subject", ()):
            return None  # "مما يشير إلى أن …": a fact points to it, nobody says it
        conf = 0.9 if speaker is not None else 0.75
        if qtype == "indirect" and self.comp_at(s, b) is None:
            conf -= 0.15  # a noun phrase, not a clause: less sure
        if speaker is not None and not kind:
            kind = self.kind_of(*speaker)
        return _Found((s, e), qtype, (c, c + 1), speaker, 0, kind, conf)

    def passive_report(self, c: int, a: int, b: int) -> _Found | None:
        """A verb of speech in the passive ("وقيل إن …"، "يُقال إن …"، "ويشاع أن …"): what was said is
        the complementiser clause right after it (or after who it was said to: "قيل له إن"); nobody is
        named as saying it, so the quote is linked to no speaker, not even the one before ("ما يقال
        عن …" reports nothing, nor "إذا قيل إن …" or "حتى لا يقال إن …")."""
        k = c + 1
        if k < b and self.t(k) in _TO_PRONOUNS:
            k += 1
        x = self.comp_at(k, b)
        got = self.clause(x, b, a) if x is not None else None
        if got is None:
            return None
        s, e, qtype = got
        return _Found((s, e), qtype, (c, c + 1), None, 0, "", 0.7, unattributed=True)

    def unmarked(self, j: int, b: int, a: int, verb: Verb) -> tuple[int, int, str] | None:
        """Direct speech with no mark after a verb of plain saying and its subject (j: after them):
        from a first-person word within the frame words ("وقال بلير في المقابلة التي بثت أمس لدينا
        عزم …") or a clause opener after at most four words with no relative clause ("وقال
        مندوب إيران لدى الوكالة إذا قرر …"), to the end of the reported material (four words at least)."""
        g = self.g
        if verb.lemma not in g.get("plain_saying", ()):
            return None
        relative = False
        for k in range(j, min(b, j + _MAX_GAP_WORDS)):
            w = self.w[k]
            if w.punct and w.text not in _COMMAS:
                return None  # a colon or a quotation is read elsewhere; a sentence end is the end
            if self.comp_at(k, b) is not None:
                return None  # "… فإنه يتعين علينا": a clause of what was said, not its start
            if k > j and (self.is_cue(k) or self.is_participle(k, a) or self.source_phrase(k, b)):
                return None
            relative = relative or w.text in g["relative"]
            opener = w.text in g.get("first_person_openers", ()) or w.bare in g.get(
                "first_person_openers", ()
            )
            if not opener and w.text in g.get("clause_openers", ()) and not relative and k - j <= 4:
                opener = not (k > j and self.t(k - 1) in self.lex.stop)  # "في لا" is no clause
            if opener:
                s, e = self.trim(k, self.quote_end(k + 1, b, a))
                return (s, e, "direct") if e - s >= 4 else None
        return None

    def byline(self, c: int, s: int, e: int) -> bool:
        """Whether verb c with no subject, a colon and a few words to the end ("كتب : فلان") signs an
        article rather than quoting: no quotation mark, at most four words, a paragraph's first."""
        return (
            c + 1 < len(self.w)
            and self.t(c + 1) == ":"
            and e - s <= 4
            and not any(self.w[x].pair >= 0 for x in range(s, e))
            and any(pa == c for pa, _pb in self.u.paragraphs)
        )

    def after_noun(self, i: int, a: int, b: int) -> _Found | None:
        """ "نقلت الوكالة عن مسؤول قوله إن …"، "نسبت الصحيفة إلى الوزير قوله إن …": a noun of speech,
        its speaker the phrase right before it."""
        got = self.content(i + 1, b, a, None, True)
        if got is None:
            return None
        s, e, qtype = got
        k = i
        while k > a and i - k < _MAX_SPEAKER_WORDS and not self.speaker_stop(k - 1):
            k -= 1
        speaker = (k, i) if k < i else None
        kind = self.kind_of(*speaker) if speaker else ""
        return _Found((s, e), qtype, (i, i + 1), speaker, 0, kind, 0.85 if speaker else 0.7)

    def after_masdar(self, i: int, a: int, b: int) -> _Found | None:
        """ "بعد إعلان الشرطة الأسبوع الماضي، أنها أوصت …"، "رغم تأكيد الوزير أن …": the verbal noun of a
        speech verb, its subject in the genitive (definite, or a speaker the lexicon knows), then, past
        at most a time and a comma, a complementiser: the clause was said, the subject said it. With
        no complementiser there it reports nothing ("إعلان الحكومة حالة الطوارئ"، "تأكيد الحجز")."""
        j = i + 1
        end = self.collect_speaker(j, b)
        if (
            end <= j
            or not (self.article(j) or self.speaker_like(j, end))
            or self.w[j].bare in self.g["pointers"]
        ):
            return None
        # a time after the subject is not in it ("إعلان الشرطة الأسبوع الماضي")
        end = next((x for x in range(j + 1, end) if self.t(x) in self.lex.time), end)
        c = None
        for x in range(end, min(b, end + 4)):
            if (c := self.comp_at(x, b)) is not None:
                break
            w = self.w[x]
            if not (self.t(x) in _COMMAS or w.text in self.lex.time or w.bare in self.lex.time):
                if not (x > end and self.adjective(self.t(x))):  # "الأسبوع الماضي"
                    return None
        if c is None:
            return None
        got = self.clause(c, b, a)
        if got is None:
            return None
        s, e, qtype = got
        # "رغم إعلان أبو مازن أن …، نفت حركتا … أن …": the noun's clause is subordinate, a verb of
        # speech after a comma opens the main clause and its own report
        e = next((x for x in range(s + 1, e - 1) if self.t(x) in _COMMAS and self.is_cue(x + 1)), e)
        s, e = self.trim(s, e)
        return _Found((s, e), self.qtype(s, e), (i, i + 1), (j, end), 0, self.kind_of(j, end), 0.7)

    def after_naming(self, i: int, a: int, b: int) -> _Found | None:
        """ "هاجم ألونسو ما أسماه " التحيز المؤسسي " لصالح منافسه"، "لوقف ما تسميه إسرائيل الهجمات":
        "what X called …" is what was said, from "ما" to the end of the reported material. The speaker
        is the subject after a verb that shows one (a present or feminine form: "تسميه إسرائيل"), else
        the subject of the verb opening the clause ("هاجم ألونسو"), else the one before."""
        w = self.w[i]
        speaker = None
        k = i + 1
        shows_subject = w.bare[:1] in "يت" or w.bare.endswith(("ته", "وه"))
        if (
            shows_subject
            and k < b
            and not self.w[k].punct
            and self.t(k)[:1] != "ب"
            and not self.speaker_stop(k)
        ):
            e = k + 1
            while e < b and self.t(k).startswith("ال") and self.adjective(self.t(e)):
                e += 1  # "الإدارة الأميركية"
            speaker = (k, e)
        e = self.quote_end(i + 1, b, a)
        s, e = self.trim(i - 1, e)
        if e - s < 4:
            return None
        if speaker is None:
            v = i
            while v > a and not (self.w[v - 1].punct and self.t(v - 1) in _CLAUSE_BREAKS | _ENDS):
                v -= 1
            v = self.past_discourse_words(v, i)
            if v + 1 < i - 1 and not self.speaker_stop(v) and not self.t(v).startswith("ال"):
                speaker = self.subject_after(v, i, 2)
        kind = self.kind_of(*speaker) if speaker else ""
        return _Found((s, e), self.qtype(s, e), (i, i + 1), speaker, 0, kind, 0.7)

    def to_saying(self, i: int, a: int) -> bool:
        """Whether word i is "القول" after "إلى" ("وخلص الباحث إلى القول إن …"): "by saying"."""
        return i > a and self.t(i) in self.g.get("to_saying", ()) and self.t(i - 1) == "الي"

    def after_by_saying(self, i: int, a: int, b: int) -> _Found | None:
        """ "ورد المدرب على الانتقادات بقوله إن …"، "وهو يعبر عن ذلك بقوله « … »": "by saying", its
        speaker the subject of the clause's verb; a clause opened by a pronoun ("وهو يعبر") has none
        named (the speaker of the attribution before is linked)."""
        got = self.content(i + 1, b, a, None, True)
        if got is None:
            return None
        s, e, qtype = got
        start = i
        while start > a and not (self.w[start - 1].punct and self.t(start - 1) in _CLAUSE_BREAKS | _ENDS):
            start -= 1
        end = i - 1 if i - 1 > start and self.t(i - 1) in self.g.get("owned_speech", ()) else i
        if self.to_saying(i, a):
            end = i - 1  # "إلى" belongs to the verb, not to its subject
        speaker = None
        if self.w[start].bare not in self.g.get("pronouns", ()):
            speaker = self.clause_subject_before(start, end)
        if speaker is not None:
            speaker = (speaker[0], self.object_after_subject(*speaker))
        kind = self.kind_of(*speaker) if speaker else ""
        cue = (i, i + 1)
        if (v := self.verb_of_saying(start, i, speaker)) is not None:
            cue = (v, v + 1)  # "وردّ المتحدث بالقول إن"، "وختم بالقول إن": the verb is the cue
        elif speaker is None and (fronted := self.subject_of_saying(start, i)) is not None:
            # "لكن هيلي ردت الثلاثاء بالقول …": a short name before the verb of saying is its subject
            speaker, cue = fronted, (fronted[1], fronted[1] + 1)
            kind = self.kind_of(*speaker)
        return _Found((s, e), qtype, cue, speaker, 0, kind, 0.8 if speaker else 0.7)

    def subject_of_saying(self, start: int, i: int) -> tuple[int, int] | None:
        """A subject of one or two words (no function word, not a pronoun) opening the clause [start, i)
        after its discourse words, right before a verb of saying that governs "by saying" at i."""
        s = start
        s = self.past_discourse_words(s, i)
        for u in range(s + 1, min(i, s + 3)):
            if any(self.w[x].punct or self.speaker_stop(x) for x in range(s, u)):
                return None
            if self.w[s].bare in self.g.get("pronouns", ()) or self.t(s) in self.g["relative"]:
                return None
            if self.verb_of_saying(u, i, None) == u:
                return s, u
        return None

    def verb_of_saying(self, start: int, i: int, speaker: tuple[int, int] | None) -> int | None:
        """The verb opening the clause [start, i) of "by saying" at i when it is a verb of saying
        (grammar.toml `by_saying_verbs`: replied, went on, commented, concluded) with its subject, and at
        most a few words of its own after it ("على الفيديو"، "الثلاثاء"), before "by saying" ("وردّ المتحدث
        بالقول"، "ردت الثلاثاء بالقول"، "وختم بالقول"): that verb's index, else None ("بادرنا بالقول"،
        "يعبر عن ذلك بقوله"، "واختتم كلمته بالقول": the noun is the cue)."""
        v = start
        v = self.past_discourse_words(v, i)
        if v >= i or self.w[v].punct:
            return None
        after = speaker[1] if speaker else v + 1
        owned = self.g.get("owned_speech", ())
        if i - after > _BY_SAYING_GAP or any(self.w[x].punct or self.t(x) in owned for x in range(after, i)):
            return None
        verbs = self.g.get("by_saying_verbs", ())
        word = self.w[v]
        verb = self.lex.finite.get(word.text) or self.lex.finite.get(word.bare)
        if word.text not in verbs and word.bare not in verbs and (verb is None or verb.lemma not in verbs):
            return None
        return v

    def object_after_subject(self, s: int, e: int) -> int:
        """Where an object starts in a subject phrase [s, e) of a verb in no list: an indefinite noun
        right after a definite word, itself followed by a definite word or a demonstrative ("وبررت
        الوكالة الرسمية اتخاذ هذا القرار بقولها"); a name after a title ("الرئيس الفرنسي جاك شيراك")
        is followed by neither and stays."""
        pointers = ("هذا", "هذه", "ذلك", "تلك")
        for x in range(s + 1, e - 1):
            t = self.t(x)
            if (
                self.t(x - 1).startswith("ال")
                and not t.startswith("ال")
                and not self.w[x].punct
                and (self.t(x + 1).startswith("ال") or self.t(x + 1) in pointers)
            ):
                return x
        return e

    def opinion(self, i: int, a: int) -> int | None:
        """Where an opinion phrase ("في رأيه"، "وبرأيها") ending at word i starts, else None."""
        for seq in self.lex.opinion_index.get(self.t(i), ()) + self.lex.opinion_index.get(self.w[i].bare, ()):
            o = i + 1 - len(seq)
            if o >= a and all(
                self.t(o + x) == part or (x == 0 and self.t(o)[:1] in "وف" and self.t(o)[1:] == part)
                for x, part in enumerate(seq)
            ):
                return o
        return None

    def afterword_at(self, i: int, a: int) -> int | None:
        """Where a phrase "as he put it" ("على حد قوله"، "حسب تعبيره") ending at word i starts, when it
        follows a clause (not a quotation: lone_quotation reads that), else None."""
        for seq in self.lex.afterwords:
            o = i + 1 - len(seq)
            if o > a and all(self.t(o + x) == part for x, part in enumerate(seq)):
                before = o - 1
                while before > a and self.t(before) in _COMMAS:
                    before -= 1
                return None if is_quote_mark(self.w[before]) else o
        return None

    def after_opinion(
        self, i: int, n: int, a: int, b: int, covered: list[tuple[int, int]], runs_on: bool = True
    ) -> _Found | None:
        """ "وفي رأيه فإن الحوار سيفشل"، "الحوار سيفشل ، حسب رأيه": a view of the speaker already
        named (no speaker proposed: the attribution before is linked). Opening the sentence, the
        rest of it; after a comma, the clause before it
        (set in the middle of the view between commas, it `runs_on` to the view's end: not so for
        "as he put it", which is said of the words before it)."""
        if runs_on and all(self.w[x].punct or self.t(x) in self.g["discourse"] for x in range(a, i)):
            k = i + n
            while k < b and self.t(k) in _COMMAS:
                k += 1
            s, e = self.trim(k, self.quote_end(k + 1, b, a))
        elif self.t(i - 1) in _COMMAS:
            # the clause before: "…، حسب رأيه ." at the end; "…، في نظره ، …" set in the middle of
            # the view runs on to its end
            start = i - 1
            while start > a and not (self.w[start - 1].punct and self.t(start - 1) in _CLAUSE_BREAKS):
                start -= 1
            for _x, y in covered:
                if y <= i:
                    start = max(start, y)
            end = i
            if runs_on and i + n < b and self.t(i + n) in _COMMAS:
                end = self.quote_end(i + n + 1, b, a)
            elif i + n < b and self.t(i + n) not in _ENDS and self.t(i + n) not in _COMMAS:
                return None
            s, e = self.trim(start, end)
        else:
            return None
        if e - s < 3:
            return None
        return _Found((s, e), self.qtype(s, e), (i, i + n), None, 0, "", 0.6)

    def kana(self, c: int) -> bool:
        """Whether the verb at c closes "كان … قد": its subject stands before it."""
        return c > 0 and self.t(c - 1) in ("قد", "لقد")

    def drop_object(self, j: int, end: int, c: int) -> int:
        """Leave the addressee out of a subject: "دعا المتحدث باسم الوزارة إسرائيل" -> the speaker (c:
        the verb)."""
        words = [i for i in range(j, end) if not self.w[i].punct]
        lex = self.lex
        relative = end < len(self.w) and self.t(end) in self.g["relative"]
        if words and self.disagrees(c, words[0]):
            return (
                j  # "ويطالب البلدية بـ"، "واتهم الحكومة الانتقالية بـ": a verb agrees with a subject after it
            )
        if len(words) == 1:
            if relative:
                return end  # "ووصف سولانا الذي قام بجولة … المعاناة بأنها": a relative clause follows the subject
            word = self.t(words[0])
            if word.startswith("ال") and word.endswith("ون") and len(word) > 5:
                return end  # "وطالب المحتجون بـ": a sound plural in ون is nominative, the subject
            if word.startswith("ال") and word.endswith("ين") and len(word) > 5:
                return j  # "ودعا المسؤولين إلى": in ين it is accusative, the addressee
            return j if lex.kinds.get(word) is None else end
        if relative and len(words) == 2 and self.t(words[1]).startswith("ال"):
            return end  # "دعا تنظيم القاعدة الذي يتزعمه …": one noun in construct, then its relative clause
        first = self.t(words[0])
        if not first.startswith("ال") and lex.kinds.get(first) is None:
            # a name, then the addressee: "دعا شيراك المدن الفرنكوفونية"، "اتهم جنبلاط حزب الله"
            x = 1
            while (
                x < len(words)
                and not self.t(words[x]).startswith("ال")
                and lex.kinds.get(self.t(words[x])) is None
            ):
                x += 1
            if x + 1 < len(words) and self.surname_before_object(words[x], words[x + 1]):
                return words[x + 1]  # "اتهم فؤاد السنيورة الولايات المتحدة": the name ends with its surname
            if x < len(words):
                return words[x]
        for x in range(1, len(words)):
            cur, prev = self.t(words[x]), self.t(words[x - 1])
            if cur.startswith("ال") and prev.startswith("ال") and not self.adjective(cur) and x > 0:
                return words[x]  # "طالبت التظاهرة الحكومة": two definite nouns, not noun + adjective
            if (
                cur in self.g.get("quantifiers", ())
                and prev.startswith("ال")
                and x + 1 < len(words)
                and self.t(words[x + 1]).startswith("ال")
            ):
                return words[x]  # "نصحت الشركة جميع المستخدمين": a quantifier opens the addressee
                # (one after its noun qualifies it: "الفصائل كافة")
        last, prev = self.t(words[-1]), self.t(words[-2])
        if not last.startswith("ال") and (prev.startswith("ال") or len(words) == 2):
            return words[-1]
        return end

    def surname_before_object(self, x: int, y: int) -> bool:
        """Whether definite word x, after a name, is its surname ("فؤاد السنيورة"، "سمير الحلبي") because
        the definite word y after it does not qualify it: two definite nouns in a row after a verb and
        a name are the name's last word and the object ("اتهم فؤاد السنيورة الولايات المتحدة"); a
        definite noun with its adjective is the object ("دعا شيراك المدن الفرنكوفونية")."""
        t, nxt = self.t(x), self.t(y)
        return (
            t.startswith("ال")
            and nxt.startswith("ال")
            and not self.lex.kinds.get(t)
            and not self.qualifies(y)
        )

    def qualifies(self, x: int) -> bool:
        """Whether definite word x may qualify the word before it: a nisba or a listed adjective, or
        an adjective by its pattern agreeing with the noun in gender."""
        cur, prev = self.t(x), self.t(x - 1)
        if self.adjective(cur):
            return True
        # an adjective by its pattern (مُفعِل "المقرب"، فاعل "البالغة"، أفعل "الأكبر"، فعيل "الكريم") agreeing
        # with the noun in gender qualifies it (a plural in ات takes the feminine: "الاعتداءات المسلحة")
        pattern = (
            cur.startswith("الم") or cur[3:4] == "ا" or (len(cur) == 6 and (cur[2] == "ا" or cur[4] == "ي"))
        )
        return pattern and cur.endswith("ه") == prev.endswith(("ه", "ات"))

    def definite_object(self, j: int, end: int) -> int:
        """Where an object starts in words [j, end) after a verb: a definite noun right after a
        definite subject that qualifies nothing ("انتقد الوزير المعارضة": a definite noun takes no
        genitive, so the second is the object); two titles ("الشيخ الدكتور") and a listed several-word
        head ("البيت الأبيض") stay one phrase."""
        if self.lex.kind_of([self.t(i) for i in range(j, min(end, j + 4))]) and any(
            seq[0] == self.t(j) and len(seq) > 1 for seq, _k in self.lex.multiword_kinds
        ):
            return end
        kinds = self.lex.kinds
        x = j + 1
        if x >= end or self.w[x].punct:
            return end
        cur, prev = self.t(x), self.t(j)
        if (
            cur.startswith("ال")
            and prev.startswith("ال")
            and not self.qualifies(x)
            and not (kinds.get(cur) == "title" and kinds.get(prev) == "title")
        ):
            return x
        return end

    def adjective(self, word: str) -> bool:
        """A definite word that may qualify the noun before it: a nisba (-ي، -ية) or a listed adjective.
        A nisba's ي follows a consonant: after ا the word is a noun of the فِعالة pattern or its plural
        ("الولاية"، "الولايات"، "الرواية")."""
        if word in self.lex.adjectives:
            return True
        ending = next((e for e in _NISBA if word.endswith(e)), None)
        return ending is not None and word[-len(ending) - 1 : -len(ending)] != "ا"

    def subject_before(self, c: int, a: int) -> tuple[int, int] | None:
        """A subject before the verb: "وكان الوزير، فلان، قد أشار"، "لكن مصادر القوة قالت"،
        "يديعوت قالت إن"، "معلومات صحافية أشارت إلى"."""
        end = c - 1 if c > a and self.t(c - 1) in ("قد", "لقد") else c
        if end == c:
            end = c - self.continuing_before(c, a)  # "المدير لا يزال يعتقد أن"
        bare_verb = end == c
        if end == c and (k := self.name_aside(c, a)) is not None:
            # "المتحدث باسم الحكومة، يوسف المحمود، قال": a speaker phrase, then the name between commas
            found = self.subject_before(k, a)
            if found is not None and found[1] == k and self.speaker_like(*found):
                return found[0], c - 1
        if end == c and (aside := self.relative_aside(c, a)) is not None:
            end = aside  # "وكان فلان، الذي …، صرح": the relative clause between commas describes the subject
        if end == c and self.answer_of_amma(c, a):
            end = c - 1  # "أما الوزير فإنه يقول": the topic is the subject, ف and its pronoun answer أما
        if end == c and self.conj(c) and self.t(c)[:1] == "و":
            # "… في فريق الجزيرة ووصفه بأنه": و opens a new clause, its subject is not before it
            # (ف may join a topic to its verb: "أما الوزير فقال")
            return None
        if end - 1 > a and self.personal_pronoun(end - 1) and not self.kana_word(end - 2):
            return end - 1, end  # "… عدد من النواب وهم يرون أن": the pronoun is the subject, not the noun
        # "وكان X (، Y ،) قد قال": the subject between كان and قد, commas allowed
        if (found := self.kana_subject(end, a, bare_verb)) is not None:
            return found
        start = end
        while start > a and not (self.w[start - 1].punct and self.t(start - 1) in _CLAUSE_BREAKS):
            start -= 1
        while start < end and (
            self.t(start) in self.g["discourse"] or self.w[start].bare in self.g["discourse"]
        ):
            start += 1
        if start < end and not self.phrase_broken(start, end):
            first = self.w[start]
            if end - start <= _MAX_SPEAKER_WORDS and (
                self.speaker_like(start, end)
                or (start > a and self.t(start - 1) in ("لكن", "ولكن") and self.accusative_head(start))
            ):
                return start, end  # the clause opens with its subject: "مصادر القوة قالت"، "لكن مسؤولا قال"
            if end - start <= 3 and (first.text == first.bare or self.lex.kinds.get(first.bare)):
                return start, end  # a short one: "يديعوت قالت إن"
        # after a complementiser, a nominal clause whose subject holds its body: "إلا أن متخصصين في « الإسلام
        # الأوروبي » يذكرون أن"، "أن مسؤولين في الوزارة يعتقدون أن" (the phrase runs up to the verb)
        comp = next(
            (k for k in range(end - 2, max(start, end - _MAX_SPEAKER_WORDS - 1) - 1, -1) if self.is_comp(k)),
            None,
        )
        if (
            comp is not None
            and end < len(self.w)
            and self.collect_speaker(comp + 1, end + 1) == end
            and self.has_body(comp + 1, end)
        ):
            return comp + 1, end
        # after a complementiser, a nominal clause: "إن السفير الألماني فلان توقع أن"
        for k in range(end - 1, max(start, end - _MAX_SPEAKER_WORDS - 1) - 1, -1):
            if self.is_comp(k):
                # "إن السفير الألماني فلان توقع أن"; with قد the noun of إنّ is the verb's subject
                # whatever it is ("نجد أن الله قد وعد نبيه بأن")
                if k + 1 < end and (
                    self.speaker_like(k + 1, end) or self.accusative_head(k + 1) or (end < c and end - k <= 4)
                ):
                    return k + 1, end
                break
            if self.speaker_stop(k) and not self.kept_prep(k):
                break
        # a source right before the verb: "ردا على معلومات صحافية أشارت إلى …"
        for k in range(end - 1, max(start, end - 4) - 1, -1):
            if self.speaker_stop(k):
                break
            if self.lex.kinds.get(self.t(k)) in ("anonymous", "media", "title", "named"):
                if k == start or self.speaker_stop(k - 1) or self.w[k - 1].punct:
                    return k, end
        return None

    def accusative_head(self, i: int) -> bool:
        """Whether word i is an office or a source in the accusative, as the noun after إنّ / لكنّ is
        ("لكن سفيرا مطلعا على الوثيقة قال"، "إلا أن مصدرا أكد")."""
        t = self.t(i)
        return t.endswith("ا") and self.lex.kinds.get(t[:-1]) in ("title", "anonymous")

    def kana_word(self, i: int) -> bool:
        """Whether word i is a form of كان ("وكانت")."""
        return self.t(i) in self.g["kana"] or self.w[i].bare in self.g["kana"]

    def personal_pronoun(self, i: int) -> bool:
        """Whether word i is a personal pronoun standing alone, maybe after و / ف ("هو"، "وهم")."""
        t = self.t(i)
        return self.lex.kinds.get(t) == "pronoun" or (
            t[:1] in "وف" and self.lex.kinds.get(t[1:]) == "pronoun"
        )

    def answer_of_amma(self, c: int, a: int) -> bool:
        """Whether the word before the verb at c is ف with a pronoun ("فإنه"، "فهو") answering an "أما"
        that opens the clause: "أما نائب المحافظ فإنه يقول إن …"."""
        if c - 1 <= a:
            return False
        t = self.t(c - 1)
        rest = t[1:]
        if t[:1] != "ف" or not (rest in self.lex.complementisers or rest in self.g.get("pronouns", ())):
            return False
        start = self.clause_start(c - 1, a)
        return self.w[start].bare == "اما" or self.t(start) == "اما"

    def kana_subject(self, end: int, a: int, bare_verb: bool) -> tuple[int, int] | None:
        """The subject between a verb of being and the verb of speech at or after `end`: "وكان الوزير ،
        فلان ، قد أشار"، with قد or a verb of continuing before `end`; with neither (`bare_verb`: the
        verb follows the subject at once, "وكان الأسد قال"، "وكانت المحكمة ، اعتبرت") only when كان opens
        its clause and the subject is a phrase of at most _MAX_KANA_WORDS words."""
        reach = _MAX_KANA_WORDS if bare_verb else _MAX_SPEAKER_WORDS + 2
        for k in range(end - 1, max(a, end - reach - 1) - 1, -1):
            if not self.kana_word(k):
                continue
            s, e = self.trim(k + 1, end)
            if e <= s or self.phrase_broken(s, e):
                return None
            if any(
                self.w[i].bare.startswith("لكن") and self.w[i].bare in self.g["pronouns"] for i in range(s, e)
            ):
                return None  # "وكانت الحكومة مترددة لكنه أكد": "لكنه" opens a clause with its own subject
            if bare_verb and self.past_discourse(self.clause_start(k, a), k) != k:
                return None  # "… قال إنه كان الرجل يعرف": كان inside a clause, not opening one
            return s, e
        return None

    def phrase_broken(self, s: int, e: int) -> bool:
        """Whether words [s, e) hold a word that ends a speaker phrase, other than a comma, a name in
        quotation marks ("الشركة المشغلة "AMC"") and a preposition a phrase keeps ("سفير فلان لدى …")."""
        i = s
        while i < e:
            if self.pair_open(i) and self.name_quote(i) and (close := self.u.pairs[self.w[i].pair].close) < e:
                i = close + 1
                continue
            if self.speaker_stop(i) and self.t(i) not in _COMMAS and not self.kept_prep(i):
                return True
            i += 1
        return False

    def relative_aside(self, c: int, a: int) -> int | None:
        """ "وكان فلان، الذي حل ضيفا على برنامج …، صرح بأن": when a comma stands right before the verb at c
        and closes a relative clause opened after a comma, the index of that opening comma (the subject
        stands before it), else None."""
        if c - 2 <= a or self.t(c - 1) not in _COMMAS:
            return None
        for k in range(c - 2, max(a, c - _MAX_FRAME_WORDS) - 1, -1):
            w = self.w[k]
            if w.text in _ENDS or self.is_cue(k):
                return None
            if w.text in self.g["relative"]:
                return k - 1 if k - 1 > a and self.t(k - 1) in _COMMAS else None
            if w.text in _COMMAS:
                return None
        return None

    def name_aside(self, c: int, a: int) -> int | None:
        """The index of the comma opening a name of one to four words set between commas right before the
        verb at c ("…، يوسف المحمود، قال"), else None."""
        if c - 3 <= a or self.t(c - 1) not in _COMMAS:
            return None
        for k in range(c - 2, max(a, c - 6) - 1, -1):
            if self.t(k) in _COMMAS:
                # a name: its first word not definite, no ة / ات ending, no word of a concession or a time
                ok = a < k < c - 2 and not self.article(k + 1) and not self.plural_or_feminine(k + 1)
                return k if ok else None
            w = self.w[k]
            if w.punct or self.speaker_stop(k) or self.lone_accusative(k) or w.bare in self.g["concessive"]:
                return None
        return None

    def clause_start(self, i: int, a: int) -> int:
        """The first word of the clause holding word i: after the clause break before it (or a)."""
        while i > a and not (self.w[i - 1].punct and self.t(i - 1) in _CLAUSE_BREAKS | _ENDS):
            i -= 1
        return i

    def continuing_before(self, c: int, a: int) -> int:
        """How many words of a verb of continuing ("لا يزال"، "مازال") stand right before word c."""
        g = self.g
        if c > a and self.t(c - 1) in g.get("continuing", ()):
            return 1
        if c - 1 > a and f"{self.t(c - 2)} {self.t(c - 1)}" in g.get("continuing_pairs", ()):
            return 2
        return 0

    def kept_prep(self, i: int) -> bool:
        """Whether the preposition at i stays inside a speaker phrase: "مصدر مطلع على …"، "مسؤول
        مقرب من …"، "بيان صادر عن …"، "المدير المسؤول عن …" (as collect_speaker keeps them)."""
        if i == 0:
            return False
        t, prev = self.t(i), self.t(i - 1)
        if t == "لدي":
            # "سفير فرنسا لدى الأمم المتحدة": an envoy's posting (not "upon": "لدى وصوله" has a pronoun)
            nxt = self.text[self.w[i + 1].start : self.w[i + 1].end] if i + 1 < len(self.w) else ""
            return not nxt.endswith(("ه", "ها", "هم")) and any(
                self.w[x].bare in self.g.get("accredited", ()) for x in range(max(0, i - 3), i)
            )
        return (t in ("علي", "من") and prev in self.g["informed"]) or (t == "عن" and prev in self.g["issued"])

    def postposed(self, c: int, verb: Verb, a: int, b: int) -> _Found | None:
        """ "«…»، قال الوزير": a quotation before the verb, its speaker after."""
        k = c - 1
        pointers = self.g.get("pointers", frozenset())
        while k >= a and c - k <= 3 and self.w[k].bare in pointers:
            k -= 1  # "«…» هذا ما قاله الطبيب": a demonstrative points back to the quotation
        while k >= a and self.w[k].punct and self.t(k) in _COMMAS:
            k -= 1
        if k < a or self.w[k].pair < 0 or self.u.pairs[self.w[k].pair].close != k:
            return self.postposed_clause(c, k, a, b)
        pair = self.u.pairs[self.w[k].pair]
        if pair.inner < 2:
            return None
        end = self.collect_speaker(c + 1, b)
        speaker = (c + 1, end) if end > c + 1 else None
        return _Found(
            (pair.open, pair.close + 1),
            "direct",
            (c, c + 1),
            speaker,
            0,
            self.kind_of(*speaker) if speaker else "",
            0.85 if speaker else 0.7,
        )

    def postposed_clause(self, c: int, k: int, a: int, b: int) -> _Found | None:
        """ "ارتفعت الأسعار هذا العام، يقول المحلل.": a verb of speech with no conjunction after a
        comma, its subject running to the sentence's end (its short name in brackets may close it),
        reports the whole clause before the comma."""
        w = self.w[c]
        if k < a or k + 1 >= c or self.t(k + 1) not in _COMMAS or w.text != w.bare:
            return None
        end = self.collect_speaker(c + 1, b)
        rest = end
        if rest < b and self.t(rest) == "(":
            # its short name or acronym in brackets ("جهاز الأمن الداخلي (الشين بيت)") is still the subject
            rest = next((x + 1 for x in range(rest + 1, min(b, rest + 6)) if self.t(x) == ")"), rest)
        if end <= c + 1 or any(not self.w[x].punct for x in range(rest, b)):
            return None  # no subject, or something other than punctuation follows it
        s = a
        while s < k and self.w[s].punct:
            s += 1
        if k + 1 - s < 4 or any(self.is_cue(x) or self.is_comp(x) for x in range(s, k + 1)):
            return None  # too short to be a statement, or it reports something itself
        # unmarked, it is typed like a clause a source phrase reports ("…، كما قال الوزير")
        return _Found(
            (s, k + 1), self.qtype(s, k + 1), (c, c + 1), (c + 1, end), 0, self.kind_of(c + 1, end), 0.7
        )

    def after_participle(self, p: int, verb: Verb, a: int, b: int) -> _Found | None:
        got = self.content(p + 1, b, a, verb, True)
        if got is None:
            return None
        s, e, qtype = got
        speaker = self.clause_subject(p, a, b)
        if speaker is None and p > a and not self.w[p - 1].punct:
            speaker = self.adverb_owner(p, a)
        if speaker is None and p > a and not self.w[p - 1].punct:
            speaker = self.relative_owner(p, a)
        if speaker is None and p > a and self.t(p - 1) in _COMMAS:
            # "وأثنى العداء المغربي السابق على زميلته ، مشيرا إلى أن …": after a comma the participle
            # describes the subject of the verb opening an earlier clause of its sentence
            speaker = self.coordinated_subject(p, a)
        kind = self.kind_of(*speaker) if speaker else ""
        return _Found((s, e), qtype, (p, p + 1), speaker, 0, kind, 0.75)

    def adverb_owner(self, p: int, a: int) -> tuple[int, int] | None:
        """ "في رده على العقاد دافع محفوظ عن فن الرواية قائلا إنها …": a participle inside its clause
        (no comma before it) describes the subject of the clause's verb, when no verb of speech comes
        before it there. The verb is the first word after the clause's opening prepositional phrase
        (a preposition, its noun, and the definite words and prepositions chained to it)."""
        start = p
        while start > a and not (self.w[start - 1].punct and self.t(start - 1) in _CLAUSE_BREAKS | _ENDS):
            start -= 1
        if any(self.is_cue(x) for x in range(start, p)):
            return None
        v = start
        v = self.past_discourse_words(v, p)
        while v < p and self.t(v) in self.g["prepositions"] | self.lex.stop:
            v += 2  # a preposition and its noun
            while v < p and (self.t(v).startswith("ال") or self.t(v) in self.g["prepositions"]):
                v += 1
        if v + 1 >= p or self.w[v].punct or self.t(v).startswith("ال") or self.speaker_stop(v):
            return None
        return self.subject_after(v, p, 1)  # a participle's clause may hold an idafa object

    def relative_owner(self, p: int, a: int) -> tuple[int, int] | None:
        """ "التقت المجلة إمام المسجد فلان الذي شكرها على الزيارة مشيرا إلى أن …": a participle at the
        end of a relative clause (no comma, no verb of speech between) describes the noun the clause
        is attached to, when a title, source or medium heads it."""
        k = p - 1
        while k >= a and p - k <= _MAX_GAP_WORDS:
            t = self.t(k)
            if t == ")":
                k = next((x for x in range(k - 1, max(a, k - 9) - 1, -1) if self.t(x) == "("), k) - 1
                continue
            if t in self.g["relative"]:
                return self.relative_subject(k + 1, a)
            if (self.w[k].punct and t in _CLAUSE_BREAKS | _ENDS) or self.is_cue(k):
                return None
            k -= 1
        return None

    @staticmethod
    def feminine_participle(word: str) -> bool | None:
        """The participle's gender from its ending (folded): مشيرا / مشير -> False, مشيره -> True;
        a plural or dual -> None."""
        if word.endswith(("ين", "ون", "ات", "ان")):
            return None
        return word.endswith("ه")

    def feminine_verb(self, i: int) -> bool:
        """Whether the cue at i is the 3rd person feminine singular: قالت، تقول."""
        w = self.w[i]
        verb = self.is_cue(i)
        lemma = verb.lemma if verb else ""
        return (w.bare.endswith("ت") and not lemma.endswith("ت")) or (
            w.bare.startswith("ت") and not lemma.startswith("ت")
        )

    def clause_subject(self, p: int, a: int, b: int) -> tuple[int, int] | None:
        """ "قالت إن فلانا كتب …، مشيرا إلى …": a participle that does not agree with the verb before
        it in gender has the subject of that verb's reported clause (the noun after إن / أن)."""
        fem = self.feminine_participle(self.w[p].bare)
        if fem is None:
            return None
        c = next((x for x in range(p - 1, a - 1, -1) if self.is_cue(x)), None)
        if c is None or self.subject_gender(c) in (None, "f" if fem else "m"):
            return None  # (a source verb's form agrees with the medium, not with its source)
        comp = next((x for x in range(c + 1, min(p, c + _MAX_GAP_WORDS)) if self.is_comp(x)), None)
        if comp is None or self.t(comp) not in ("ان", "بان"):
            return None  # "إنه"، "أنها": the pronoun is the subject, not a phrase to propose
        end = self.collect_speaker(comp + 1, p)
        if end <= comp + 1 or end - comp - 1 > 4:
            return None
        # the clause's verb is not in any list: a definite noun keeps its definite adjectives
        # ("الكاتب الشاب"), a name is taken alone ("وودورد رسم …")
        s = comp + 1
        k = s + 1
        while k < end and self.t(s).startswith("ال") and self.t(k).startswith("ال"):
            k += 1
        return s, k

    def after_phrase(self, i: int, n: int, a: int, b: int, covered: list[tuple[int, int]]) -> _Found | None:
        j = i + n
        if self.w[i].bare == "علي" and self.t(j - 1) == "ما" and i > a and self.t(i - 1) not in _COMMAS:
            return None  # "على ما أعلنت" is "as … announced" after a comma; "صادق على ما أعلنه" is the object
        if (
            n > 1
            and (v := self.is_cue(j - 1))
            and self.t(j - 1) != v.lemma
            and self.opens_sentence((i, j), a)
        ):
            # "كما أعلنت القيادة …" opening a sentence is "also announced": the verb reads it (a phrase's
            # other persons count after what they attribute: "…، كما قالت الوكالة")
            return None
        cue_end = j
        cut = 0
        last = self.w[j - 1]
        whole = {seq[-1] for seq in self.lex.source_phrases if seq[-1] != "ل"}  # "لما" is a word
        if last.text != "ل" and last.text not in whole and last.text.startswith("ل") and n > 1:
            # the ل of "وفقا للمصادر" is attached: the cue ends before that word, the speaker is in it
            cue_end = j - 1
            j = j - 1
            cut = 0 if last.text.startswith("لل") else 1
        verb = self.phrase_verb(j, last) if j < b else None
        if verb is not None:  # "حسبما أعلنت الوزارة"، "كما قال الوزير"، "وفقا لما نقلته الوكالة"
            cue_end = j + 1
            j += 1
            if j < b and self.t(j) in ("به", "بها", "عنه", "عنها"):
                j += 1  # "بحسب ما أفادت به وسائل إعلام"، "حسب ما أعلن عنه": it points back to what was said
        if not cut and j < b and (named := self.quoted_source(j, b)):
            end = named  # "وفق "رويترز""، "بحسب « فرانس برس »": a source's name in quotation marks
        elif cut:
            end = self.collect_speaker(j + 1, b)
        else:
            end = self.collect_speaker(j, b)
        if cut and end <= j:
            end = self.collect_speaker(j + 1, b)
            end = max(end, j + 1)
        # closing its sentence after what was said, the body or place of the source runs to the end
        # ("…، وفقا لمسؤولين في الحكومة."، "…، بحسب ما نقلته وسائل إعلام حكومية في تركيا.")
        closing = i > a and self.t(i - 1) in _COMMAS
        if cut and end < b:
            end = max(end, self.source_body(j, end, b, self.w[j].text[1:], closing))  # "وفقا لمسؤولين في …"
        elif closing and j < end < b:
            end = max(end, self.source_body(j, end, b, None, closing))
        if verb is None and (found := self.figures_source(j, b, cut)) is not None:
            j, end, cut = *found, 0  # "وفقا لإحصاءات اللجنة الدولية …"، "حسب أمر صادر عن الملك"
        if end <= j:
            return None
        if cut:
            head = self.w[j].text[1:]
            rest = [self.t(x) for x in range(j + 1, end) if not self.w[x].punct]
            if not (self.lex.kind_of([head, *rest]) or head in self.context.known_names or verb is not None):
                return None
        elif not self.speaker_like(j, end) and verb is None and not self.quoted_source(j, b):
            answer = self.answering_fa_inna(j, b) if self.opens_sentence((i, i + n), a) else None
            if answer is None:
                return None
            # "وبحسب بريجيت شيفر، الصحفية في …، التي التقت …، فإنه …": a name no list knows, and the
            # فإن answering the phrase over the name's apposition: the clause after it was said
            end = next(x for x in range(j, answer) if self.t(x) in _COMMAS)
            nxt = next((x for x in range(end + 1, answer) if self.t(x) in _COMMAS), answer)
            if self.article(end + 1) and self.t(end + 1) not in self.g["relative"] and nxt < answer:
                end = nxt  # "بريجيت شيفر، الصحفية في بي بي سي،": who the name is, in apposition
            q_end = self.quote_end(answer + 1, b, a)
            s, e = self.trim(answer, q_end)
            if e - s < 3:
                return None
            return _Found((s, e), self.qtype(s, e), (i, cue_end), (j, end), 0, "named", 0.7)
        if not cut and (pub := self.published_in(end, b)) is not None:
            j, end = pub  # "وجاء في مقال نشر في صحيفة X أن …": the newspaper speaks
        # what was said: the clause before the phrase, or after it when the phrase opens the sentence
        # ("كما جاء في بيان …") or "فإن" follows its speaker ("…، وحسب المصادر فإن …")
        if self.opens_sentence((i, i + n), a) or self.fa_inna(end, b):
            k = end
            while k < b and self.w[k].punct and self.t(k) in _COMMAS:
                k += 1
            for x in range(k, min(b, k + _MAX_GAP_WORDS) if not self.fa_inna(k, b) else k):
                if self.comp_at(x, b) is not None and self.t(x) != "فان":
                    k = self.comp_at(x, b)  # "وجاء في مقال نشرته صحيفة … أن …"
                    break
                if self.w[x].punct or self.is_cue(x):
                    break
            q_end = self.quote_end(k + 1, b, a)
            s, e = self.trim(k, q_end)
        else:
            # back to the start of the reported clause: the sentence, or after the quote before it
            start = a
            for _x, y in covered:
                if y <= i:
                    start = max(start, y)
            # the clause of a reporter's aside ("، وذلك …") holds the phrase: it is the reporter's
            asides = [
                x
                for x in range(start + 1, i)
                if self.t(x) in self.g["asides"]
                and self.t(x - 1) in _COMMAS
                and not self.apposed_clause(x, i)
            ]
            s, e = self.trim(asides[-1] if asides else start, i)
            if s < e and self.t(s) in self.g["asides"]:
                return None  # "… ، وذلك بعد ساعات من …، نشرته وسائل إعلام نقلا عن …": the reporter's aside
            if s < e and self.is_cue(s) and self.collect_speaker(s + 1, e) >= e:
                return None  # "وقال رئيس الأركان بحسب ما نقل عنه المسؤول إن …": a verb and its subject
        if e - s < 3:
            return None
        return _Found((s, e), self.qtype(s, e), (i, cue_end), (j, end), cut, self.kind_of(j, end), 0.75)

    def phrase_verb(self, j: int, last: Word) -> Verb | None:
        """The verb after a source phrase ("حسبما أعلنت"، "كما قال"): a speech verb, or after a phrase
        ending in "ما" (what) a verb of speech or publishing with the pronoun that points back to
        what was said ("وفقا لما نقلته الوكالة"، "وفقا لما نشرته صحيفة …"، "على ما أعلنت الوزارة")."""
        verb = self.is_cue(j)
        if verb is not None or last.bare not in ("ما", "لما", "حسبما"):
            return verb
        t = self.t(j)
        if t in self.g["published"]:
            return self.lex.finite.get("نقل")
        if t.endswith(("ه", "ها")) and len(t) > 4:
            return self.lex.finite.get(t[: -2 if t.endswith("ها") else -1])
        return None

    def figures_source(self, j: int, b: int, cut: int) -> tuple[int, int] | None:
        """After a source phrase, a noun of figures or of an official text (grammar.toml
        source_records: "إحصاءات"، "آخر المعطيات"، "أمر ملكي") whose issuer follows within a few words,
        in the genitive or after "صادر عن" ("وفقا لإحصاءات اللجنة الدولية"، "حسب أمر ملكي صادر عن
        الملك"): the issuer's words, else None ("وفقا لأرقام رسمية" names no one)."""
        records = self.g.get("source_records", ())
        head = self.t(j)[1:] if cut else self.t(j)
        k = j + 1
        if head == "اخر" and k < b:  # folded "آخر"
            head, k = self.t(k), k + 1  # "حسب آخر المعطيات"
        if head not in records:
            return None
        for x in range(k, min(b, k + 3)):
            if self.t(x) in self.g["issued"] and x + 2 < b and self.t(x + 1) == "عن":
                x += 2  # "الصادرة عن …"
            elif self.speaker_stop(x) and not self.lex.kinds.get(self.t(x)):
                return None  # "وطبقا لمرسوم التعيين فإن رئيس …": the issuer is not named
            end = self.collect_speaker(x, b)
            if end > x and self.speaker_like(x, end):
                return x, end
        return None

    def quoted_source(self, j: int, b: int) -> int:
        """A source's name in quotation marks right after a source phrase (at most four words: "وفق
        "رويترز""): the index past its closing mark, else 0."""
        if not self.pair_open(j):
            return 0
        pair = self.u.pairs[self.w[j].pair]
        return pair.close + 1 if 1 <= pair.inner <= 4 and pair.close < b else 0

    def answering_fa_inna(self, j: int, b: int) -> int | None:
        """After a source phrase opening the sentence, a name no list knows (one or two words: not
        definite, no ة / ات ending, no function word; after بحسب a ب is the name's own) then, after commas, its apposition or
        relative clause and a comma, "فإن" (with its pronouns) answering the phrase: the index of
        that word, else None. Only a name counts ("وفقا للقانون، فإن …" and "بحسب تقديرات، فإن …"
        name no one), and the way there holds no full stop, colon, quotation or verb of speech."""
        x = j
        while x < b and x < j + 2 and not self.w[x].punct:
            x += 1
        if x >= b or x == j or self.t(x) not in _COMMAS:
            return None
        for y in range(j, x):
            t = self.t(y)
            if self.article(y) or self.plural_or_feminine(y) or self.speaker_stop(y):
                return None  # "بحسب تقديرات"، "بحسب الإحصاءات": no name (a final ا is the name's: "ماريا")
            if (
                t in self.g.get("source_records", ())
                or self.lex.kinds.get(t)
                or t in self.context.known_names
            ):
                return None  # a record, or a speaker the other rules read
            if self.w[y].bare in self.g["pointers"]:
                return None  # "وبحسب هذا، فإن …": what was said before
        for y in range(x + 1, min(b, x + 25)):
            t = self.t(y)
            if t[:1] == "ف" and t[1:] in self.lex.complementisers:
                return y if self.t(y - 1) in _COMMAS else None
            if (self.w[y].punct and t not in _COMMAS) or self.pair_open(y) or self.is_cue(y):
                return None
        return None

    def fa_inna(self, k: int, b: int) -> bool:
        """Whether "فإن" (with its pronouns: "فإنه") stands at k, after commas."""
        while k < b and self.t(k) in _COMMAS:
            k += 1
        return k < b and self.t(k)[:1] == "ف" and self.t(k)[1:] in self.lex.complementisers

    def lone_quotation(self, o: int, close: int, a: int, b: int, para: int) -> _Found | None:
        after = close + 1
        while after < b and self.t(after) in _COMMAS:
            after += 1
        if after < b and (n := self.afterword(after, b)):
            return _Found((o, close + 1), "direct", (after, after + n), None, 0, "", 0.75)
        if (source := self.signed_by(o, close, a, b)) is not None:
            return _Found((o, close + 1), "direct", None, source, 0, self.kind_of(*source), 0.7)
        before = o - 1
        if before >= a and self.t(before) == ":":
            start = before
            while start > a and not (self.w[start - 1].punct and self.t(start - 1) in _CLAUSE_BREAKS | _ENDS):
                start -= 1
            speaker = None
            end = self.collect_speaker(start, before)
            if end > start and self.speaker_like(start, end):
                speaker = (start, end)
            cue = None
            if before - 1 > start and self.t(before - 1) in self.g.get("owned_speech", ()):
                cue = (before - 1, before)  # "وختم الشاعر كلماته :": the noun of speech is the cue
                if speaker is None or self.t(speaker[1] - 1) in self.g.get("owned_speech", ()):
                    speaker = self.clause_subject_before(start, before - 1)
            return _Found(
                (o, close + 1), "direct", cue, speaker, 0, self.kind_of(*speaker) if speaker else "", 0.7
            )
        # a paragraph that opens with a quotation of its own, in a document where someone spoke in an
        # earlier paragraph (not only the one right before: an interview's answers, a quoted speech
        # with the reporter's sentences between): the last speaker goes on
        pa, _pb = self.u.paragraphs[para]
        if o == pa and (close - o - 1) >= 5 and 0 <= self.last_para_with_speech < para and self.speakers:
            return _Found((o, close + 1), "direct", None, None, 0, "", 0.5)
        return None

    def signed_by(self, o: int, close: int, a: int, b: int) -> tuple[int, int] | None:
        """ "« … » ديلي تلغراف ."، "« … » - فلان الفلاني .": a sentence that is a quotation and then, after
        at most a comma or a dash, a name of one to four words and nothing else is a pull quote
        signed by its source: those words (no verb, no preposition, no function word among them)."""
        if o != a or close - o - 1 < 5:
            return None
        s = close + 1
        while s < b and self.t(s) in _COMMAS | {"-", "–", "—"}:
            s += 1
        e = b
        while e > s and self.t(e - 1) in _ENDS:
            e -= 1
        if not 1 <= e - s <= 4 or any(self.w[x].punct or self.speaker_stop(x) for x in range(s, e)):
            return None
        return s, e

    # ------------------------------------------------------------------ proposals
    def key(self, what: str) -> str:
        self.n += 1
        return f"{what}{self.n}"

    def agreeing_speaker(self, pos: int, cue: int) -> str | int | None:
        """The speaker an attribution with no subject continues: the last one before `pos`, unless its
        verb showed the other gender than this cue shows ("قال فلان … . وتقول إن …"): then the
        nearest earlier speaker whose verb showed this gender, if any."""
        last = self.last_speaker(pos)
        g = self.cue_gender(cue)
        if g is None or last is None or self.genders.get(last, g) == g:
            return last
        agreeing = next(
            (
                (start, ref)
                for start, ref in reversed(self.speakers)
                if start <= pos and self.genders.get(ref) == g
            ),
            None,
        )
        body = self.feminine_body(cue) if g == "f" else None
        if body is not None and (agreeing is None or self.w[body[0]].start > agreeing[0]):
            ref = self.add_speaker(body, self.kind_of(*body), 0, 0.6)
            if ref is not None:
                self.genders[ref] = "f"
                return ref
        return agreeing[1] if agreeing is not None else last

    def feminine_body(self, cue: int) -> tuple[int, int] | None:
        """The nearest definite institution or medium in ة before the cue, in its sentence or the one
        before, that opens a clause or follows a complementiser, with its adjectives ("… أن الإدارة
        الأمريكية تستخف بذلك . وتقول إن …"): what a verb in the feminine with no subject stands for
        when no speaker before showed that gender."""
        starts = [sa for sa, _sb in self.u.sentences]
        si = bisect_left(starts, cue + 1) - 1
        low = starts[max(0, si - 1)] if starts else 0
        for x in range(cue - 1, low - 1, -1):
            w = self.w[x]
            head = w.text if w.text.startswith("ال") else w.bare
            if w.punct or not head.startswith("ال") or not self.feminine_noun(x):
                continue
            if (
                self.lex.kinds.get(head) in ("named", "media")
                and head in self.lex.media_heads  # a noun, not a medium's name ("العربية")
                and (x == low or self.w[x - 1].punct or self.is_comp(x - 1))  # a subject, not a genitive
            ):
                e = x + 1
                while e < cue and e - x < 4 and self.t(e).startswith("ال") and self.adjective(self.t(e)):
                    e += 1
                return x, e
        return None

    def subject_gender(self, i: int) -> str | None:
        """The gender the cue at i shows of its speaker: that of its form (see cue_gender), unless the
        speaker is not the verb's subject but the source after عن ("نقلت الصحيفة عن فلان قوله")."""
        verb = self.is_cue(i)
        return None if verb is not None and verb.source else self.cue_gender(i)

    def cue_gender(self, i: int) -> str | None:
        """The gender a cue's form shows of its subject: "f" (قالت، تقول، مشيرة), "m" (قال، يقول، مشيرا),
        None for a plural or dual form, a form with an object pronoun, or a word that is no verb."""
        w = self.w[i]
        verb = self.is_cue(i)
        if verb is None:
            part = self.lex.participles.get(w.text) or self.lex.participles.get(w.bare)
            fem = self.feminine_participle(w.bare) if part is not None else None
            return None if fem is None else "f" if fem else "m"
        bare, lemma = w.bare, verb.lemma
        if verb.attached:
            return None
        if bare == lemma:
            return "m"
        if bare in (lemma + "ت", lemma[:-1] + "ت"):
            return "f"  # "قالت"، "لفتت" (a lemma ending in ت too)، "دعت"
        if bare.endswith(("وا", "ون", "ان", "تا", "يا")) or bare == lemma + "ا":
            return None  # plural or dual
        return {"ي": "m", "ت": "f"}.get(bare[:1])  # "يقول"، "تقول"

    def last_speaker(self, pos: int) -> str | int | None:
        best = None
        for start, ref in self.speakers:
            if start <= pos:
                best = ref
            else:
                break
        return best

    def after_letter(self, pos: int) -> int:
        """The position after the letter at `pos` and the tashkeel on it ("وَقَالَ" -> "قَالَ")."""
        pos += 1
        while pos < len(self.text) and self.text[pos] in TASHKEEL:
            pos += 1
        return pos

    def add_speaker(self, rng: tuple[int, int], kind: str, cut: int, conf: float) -> str | None:
        w = self.w
        ss, se = self.trim(*rng)
        if se <= ss:
            return None
        if se < rng[1] and self.t(se) in _BRACKETS and _BRACKETS[self.t(se)] in map(self.t, range(ss, se)):
            se += 1  # "صحيفة ( الفجر )": a bracket closing one in the phrase stays
        s_start = self.after_letter(w[ss].start) if cut else w[ss].start
        first = w[ss]
        if (
            first.text != first.bare
            and not cut
            and (first.text[1:3] == "ال" or self.lex.kinds.get(first.bare))
        ):
            s_start = self.after_letter(s_start)  # "والمتحدث" -> "المتحدث"، "ووزير" -> "وزير"
        attrs = {"kind": kind} if kind else {}
        sp = Proposal(s_start, w[se - 1].end, "SPEAKER", attrs, conf, self.source, self.key("s"))
        self.out.append(sp)
        self.speakers.append((sp.start, sp.key))
        self.speakers.sort(key=lambda x: x[0])
        return sp.key

    def emit(self, f: _Found, para: int) -> None:
        w = self.w
        qs, qe = self.trim(*f.quote)
        if qe <= qs:
            return
        q_start, q_end = w[qs].start, w[qe - 1].end
        quote = Proposal(q_start, q_end, "QUOTE", {"type": f.qtype}, f.confidence, self.source, self.key("q"))
        links: list[Link] = []
        speaker_ref: str | int | None = None
        if f.speaker is not None:
            speaker_ref = self.add_speaker(f.speaker, f.kind, f.speaker_cut, f.confidence)
            if speaker_ref is not None and f.cue is not None and (g := self.subject_gender(f.cue[0])):
                self.genders[speaker_ref] = g
        if f.unattributed:
            pass  # "وقيل إن …": said by nobody named (a named subject waiting stays for the next quote)
        elif speaker_ref is None and self.pending is not None and self.pending[1] <= f.quote[0]:
            speaker_ref = self.add_speaker(self.pending, self.kind_of(*self.pending), 0, f.confidence)
            self.pending = None
        else:
            self.pending = None
        if speaker_ref is None and not f.unattributed:
            anchor = w[f.cue[0]].start if f.cue else q_start
            speaker_ref = self.agreeing_speaker(anchor, f.cue[0]) if f.cue else self.last_speaker(anchor)
        if speaker_ref is not None:
            links.append(Link("ATTRIBUTED_TO", speaker_ref))
        if f.unattributed:
            self.unattributed.append(quote.key)
        self.out.append(
            Proposal(
                quote.start,
                quote.end,
                quote.label,
                quote.attrs,
                quote.confidence,
                self.source,
                quote.key,
                links=tuple(links),
            )
        )
        if f.cue is not None:
            ca, cb = f.cue
            c_start = w[ca].start
            if self.conj(ca) or (
                w[ca].text[:1] in "وف" and w[ca].text[1:] in self.g.get("by_saying_verbs", ())
            ):
                c_start = self.after_letter(c_start)  # "وقال" -> "قال"، "وردّ" -> "ردّ"
            self.out.append(
                Proposal(
                    c_start,
                    w[cb - 1].end,
                    "CUE",
                    {},
                    f.confidence,
                    self.source,
                    self.key("c"),
                    links=(Link("CUE_OF", quote.key),),
                )
            )
