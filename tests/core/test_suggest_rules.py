"""The reported-speech rules, family by family, on sentences written for each (not the dev set)."""

from __future__ import annotations

import pytest

from annotator.core.model import Document, Span
from annotator.core.suggestions import Context, Proposal, RulesSource
from annotator.core.suggestions.units import analyse


def run(text: str, spans: list[Span] | None = None) -> list[Proposal]:
    return list(RulesSource().propose(Document(1, "d", text, ""), Context("t", spans or [])))


def attributions(text: str, spans: list[Span] | None = None) -> list[tuple[str, str | None, str | None, str]]:
    """(quote, speaker, cue, type) per proposed quote, read off the links."""
    props = run(text, spans)
    by_key = {p.key: p for p in props}
    out = []
    for q in (p for p in props if p.label == "QUOTE"):
        speaker = None
        for link in q.links:
            if link.type == "ATTRIBUTED_TO":
                tail = by_key.get(link.tail) if isinstance(link.tail, str) else None
                speaker = text[tail.start : tail.end] if tail else f"#{link.tail}"
        cue = next(
            (
                text[c.start : c.end]
                for c in props
                if c.label == "CUE" and any(x.tail == q.key for x in c.links)
            ),
            None,
        )
        out.append((text[q.start : q.end], speaker, cue, q.attrs["type"]))
    return out


def only(text: str, spans: list[Span] | None = None) -> tuple[str, str | None, str | None, str]:
    found = attributions(text, spans)
    assert len(found) == 1, found
    return found[0]


# ----------------------------------------------------------------------------- cues
@pytest.mark.parametrize(
    ("text", "cue"),
    [
        ("قال الوزير إن المحادثات مستمرة.", "قال"),
        ("وقالت الوزيرة إن المحادثات مستمرة.", "قالت"),
        ("فقال الوزراء إن المحادثات مستمرة.", "قال"),
        ("وقالوا إن المحادثات مستمرة.", "قالوا"),
        ("ويقول الخبراء إن المحادثات مستمرة.", "يقول"),
        ("وتقول المصادر إن المحادثات مستمرة.", "تقول"),
        ("وأكّدت الحكومة أنّ المحادثات مستمرة.", "أكّدت"),
        ("واكد الوزير ان المحادثات مستمرة.", "اكد"),
        ("ودعت الأمم المتحدة إلى وقف القتال فورا.", "دعت"),
        ("ونفى المتحدث أن تكون المحادثات توقفت.", "نفى"),
        ("ورأى المحلل أن الأزمة ستطول.", "رأى"),
        ("ويرون أن الأزمة ستطول.", "يرون"),
    ],
)
def test_cue_inflections_and_prefixes(text: str, cue: str) -> None:
    quote, _speaker, got, _type = only(text)
    assert got == cue  # the conjunction و / ف is left out of the cue
    assert quote.startswith(("إن", "أن", "ان", "أنّ", "وقف", "أن تكون")) and not quote.endswith(".")


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("قال الوزير إن الاتفاق قريب.", "إن الاتفاق قريب"),
        ("أكد الوزير أن الاتفاق قريب.", "أن الاتفاق قريب"),
        ("صرح الوزير بأن الاتفاق قريب.", "بأن الاتفاق قريب"),
        ("حذر الوزير من أن الاتفاق قد ينهار.", "أن الاتفاق قد ينهار"),
        ("أشار الوزير إلى أن الاتفاق قريب.", "أن الاتفاق قريب"),
        ("شدد الوزير على أنه لن يتراجع.", "أنه لن يتراجع"),
        ("أعلن الوزير أنه سيستقيل، وأن حكومته باقية.", "أنه سيستقيل، وأن حكومته باقية"),
    ],
)
def test_each_complementiser_opens_the_quote(text: str, quote: str) -> None:
    got, speaker, _cue, qtype = only(text)
    assert got == quote and speaker == "الوزير" and qtype == "indirect"


# ----------------------------------------------------------------------------- quotation marks
@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ('قال الوزير: "لن نتراجع عن قرارنا".', '"لن نتراجع عن قرارنا"'),
        ("قال الوزير: «لن نتراجع عن قرارنا».", "«لن نتراجع عن قرارنا»"),
        ("قال الوزير: “لن نتراجع عن قرارنا”.", "“لن نتراجع عن قرارنا”"),
        ("قال الوزير: ‹لن نتراجع عن قرارنا›.", "‹لن نتراجع عن قرارنا›"),
        ('وقال الوزير " لن نتراجع عن قرارنا " .', '" لن نتراجع عن قرارنا "'),  # tokenised corpora
        ("وقال الوزير ' ' لن نتراجع عن قرارنا ' ' .", "' ' لن نتراجع عن قرارنا ' '"),
        ("وقال الوزير « لن نتراجع عن قرارنا » .", "« لن نتراجع عن قرارنا »"),
    ],
)
def test_every_quotation_mark_style(text: str, quote: str) -> None:
    got, speaker, cue, qtype = only(text)
    assert (got, speaker, cue, qtype) == (quote, "الوزير", "قال", "direct")


def test_colon_quote_without_marks() -> None:
    got, speaker, cue, qtype = only("وقال رئيس الوزراء: نحن مستعدون للحوار مع الجميع.")
    assert (got, speaker, cue, qtype) == ("نحن مستعدون للحوار مع الجميع", "رئيس الوزراء", "قال", "direct")


def test_mixed_quote_keeps_the_quoted_phrase_inside() -> None:
    got, _s, _c, qtype = only('وأكد الوزير أن بلاده ترفض "سياسة الأمر الواقع" في المنطقة.')
    assert got == 'أن بلاده ترفض "سياسة الأمر الواقع" في المنطقة' and qtype == "mixed"


def test_quotation_after_a_complementiser_is_direct() -> None:
    got, _s, _c, qtype = only('وشدد الوزير على أن "القوات لن تنسحب".')
    assert got == '"القوات لن تنسحب"' and qtype == "direct"


def test_a_name_in_quotation_marks_is_part_of_the_speaker_not_a_quote() -> None:
    got, speaker, _c, _t = only('وذكرت قناة "NTV" التركية أن الاجتماع عقد أمس.')
    assert speaker == 'قناة "NTV" التركية' and got == "أن الاجتماع عقد أمس"


def test_quotation_before_its_speaker() -> None:
    got, speaker, cue, qtype = only("«سنواصل العمل حتى النهاية»، قال الوزير.")
    assert (got, speaker, cue, qtype) == ("«سنواصل العمل حتى النهاية»", "الوزير", "قال", "direct")


# ----------------------------------------------------------------------------- speakers
@pytest.mark.parametrize(
    ("text", "speaker", "kind"),
    [
        ("وقالت مصادر أمنية إن الهجوم فشل.", "مصادر أمنية", "anonymous"),
        ("وأكدت المصادر ذاتها أن الهجوم فشل.", "المصادر ذاتها", "anonymous"),
        ("وقال مصدر مطلع على الملف إن الهجوم فشل.", "مصدر مطلع على الملف", "anonymous"),
        ("وذكرت وكالة الأنباء الرسمية أن الهجوم فشل.", "وكالة الأنباء الرسمية", "media"),
        ("وقالت صحيفة هآرتس إن الهجوم فشل.", "صحيفة هآرتس", "media"),
        (
            "وقال المتحدث باسم وزارة الدفاع التركية إن الهجوم فشل.",
            "المتحدث باسم وزارة الدفاع التركية",
            "title",
        ),
        ("وقال وزير الخارجية التركي هاكان فيدان إن الهجوم فشل.", "وزير الخارجية التركي هاكان فيدان", "named"),
        ("وقال فيدان لقناة الجزيرة إن الهجوم فشل.", "فيدان", "named"),
        ("وقالت وزارة الدفاع إن الهجوم فشل.", "وزارة الدفاع", "named"),
    ],
)
def test_speaker_extent_and_kind(text: str, speaker: str, kind: str) -> None:
    props = run(text)
    sp = [p for p in props if p.label == "SPEAKER"]
    assert [(text[p.start : p.end], p.attrs["kind"]) for p in sp] == [(speaker, kind)]


def test_speaker_before_the_verb() -> None:
    got, speaker, cue, _t = only("وكان وزير الخارجية، هاكان فيدان، قد أشار إلى أن المحادثات مستمرة.")
    assert (speaker, cue, got) == ("وزير الخارجية، هاكان فيدان", "أشار", "أن المحادثات مستمرة")
    assert only("لكن مصادر الجيش قالت إن الهجوم فشل.")[1] == "مصادر الجيش"


def test_addressee_is_not_the_speaker() -> None:
    found = attributions('ودعا المتحدث باسم الوزارة إسرائيل إلى "وقف الغارات فورا".')
    assert found == [('"وقف الغارات فورا"', "المتحدث باسم الوزارة", "دعا", "direct")]


def test_implicit_follow_up_speakers_link_to_the_previous_attribution() -> None:
    text = (
        "وقال الوزير إن المحادثات مستمرة، مشيرا إلى أن الاتفاق قريب.\n"
        "وأضاف أن الوفود ستلتقي الأسبوع المقبل.\n"
        'كما دعا الأطراف إلى "التحلي بالصبر".'
    )
    found = attributions(text)
    assert [(q, s, c) for q, s, c, _t in found] == [
        ("إن المحادثات مستمرة", "الوزير", "قال"),
        ("أن الاتفاق قريب", "الوزير", "مشيرا"),
        ("أن الوفود ستلتقي الأسبوع المقبل", "الوزير", "أضاف"),
        ('"التحلي بالصبر"', "الوزير", "دعا"),
    ]
    speakers = [p for p in run(text) if p.label == "SPEAKER"]
    assert len(speakers) == 1  # linked, not proposed again


def test_implicit_speaker_links_to_the_annotators_own_speaker() -> None:
    text = "التقى الوزير نظيره أمس.\nوأضاف أن الوفود ستلتقي غدا."
    own = Span(41, 1, text.index("الوزير"), text.index("الوزير") + 6, "SPEAKER", "t")
    assert only(text, [own])[1] == "#41"


# ----------------------------------------------------------------------------- look-alikes
@pytest.mark.parametrize(
    "text",
    [
        "وذكّر الرئيس بالاتفاق الموقع بين البلدين.",  # ذكّر بـ: reminded of
        "وأعلن الرئيس حالة الطوارئ في البلاد.",  # أعلن + the noun of an act
        "وتجري الأنشطة في إطار الاتفاق، وفقًا للقانون الدولي.",  # وفقا لـ a law, not a source
        "ومن المتوقع أن تنتهي المحادثات غدا.",
        "ويذكر أن المحادثات بدأت العام الماضي.",  # the reporter's background
        'واستبدل مشروع القانون " لجنة تحديد الوضع " ب " محاكم تصنيف " .',  # quoted terms
        "وقال الرجل كلاما كثيرا.",  # a speech verb with nothing reported after it
    ],
)
def test_non_speech_look_alikes_propose_nothing(text: str) -> None:
    assert run(text) == []


def test_source_phrases_attach_the_clause_to_their_speaker() -> None:
    got, speaker, cue, _t = only("وتقدمت القوات نحو المدينة، وفقًا لمصادر عسكرية.")
    assert (got, speaker, cue) == ("وتقدمت القوات نحو المدينة", "مصادر عسكرية", "وفقًا")
    got, speaker, cue, _t = only("وبحسب وكالة الأنباء، فإن القوات تقدمت نحو المدينة.")
    assert (speaker, cue) == ("وكالة الأنباء", "بحسب") and "القوات تقدمت نحو المدينة" in got


def test_quote_ends_before_a_new_attribution_and_a_reporters_aside() -> None:
    found = attributions("وقال الوزير إن المحادثات مستمرة، وذلك بعد لقائه نظيره أمس.")
    assert found[0][0] == "إن المحادثات مستمرة"
    found = attributions("قال الوزير إن المحادثات مستمرة، فيما قال المعارضون إنها فشلت.")
    assert [(q, s) for q, s, _c, _t in found] == [
        ("إن المحادثات مستمرة", "الوزير"),
        ("إنها فشلت", "المعارضون"),
    ]


# ----------------------------------------------------------------------------- splitting
def test_sentences_respect_quotes_abbreviations_and_numbers() -> None:
    text = "قال د. أحمد: «انتهى الأمر. سنرحل غدا». وبلغ النمو 3.5 بالمئة. وقال U.S. officials شيئا."
    u = analyse(text)
    sentences = [text[u.words[a].start : u.words[b - 1].end] for a, b in u.sentences]
    assert sentences == [
        "قال د. أحمد: «انتهى الأمر. سنرحل غدا».",
        "وبلغ النمو 3.5 بالمئة.",
        "وقال U.S. officials شيئا.",
    ]


def test_offsets_are_exact_with_tashkeel_and_emoji() -> None:
    text = "😀 وَقَالَ الوَزِيرُ إِنَّ المُحَادَثَاتِ مُسْتَمِرَّةٌ."
    for p in run(text):
        assert text[p.start : p.end] == text[p.start : p.end].strip()
    got, speaker, cue, _t = only(text)
    assert cue == "قَالَ" and speaker == "الوَزِيرُ" and got == "إِنَّ المُحَادَثَاتِ مُسْتَمِرَّةٌ"


# ----------------------------------------------------------------------------- speakers away from the verb
@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        # the noun a relative clause holding the cue is attached to
        ("وحضر المتحدث باسم الوزارة، الذي قال إن الخطة جيدة.", "المتحدث باسم الوزارة", "قال"),
        (
            "بحضور رئيس الوزراء سالم حداد الذي ألقى كلمة دعا فيها إلى وقف القتال.",
            "رئيس الوزراء سالم حداد",
            "دعا",
        ),
        # a verb joined by و to the sentence's first verb shares its subject
        ("وأشاد وزير الخارجية بالاتفاق وقال إنه خطوة مهمة.", "وزير الخارجية", "قال"),
        # a noun of speech, its speaker after عن / إلى
        ("ونسبت الصحيفة إلى الوزير قوله إن الحكومة ستستقيل.", "الوزير", "قوله"),
        ("ونقلت الوكالة عن مسؤول أمني قوله إن الهجوم وقع ليلا.", "مسؤول أمني", "نقلت"),
        # a statement and its issuer; a medium that published an article
        ("وأكد بيان صادر عن الوزارة أن الهجوم وقع.", "بيان صادر عن الوزارة", "أكد"),
        ("وجاء في مقال نشر في صحيفة الأهرام أن الأزمة ستطول.", "صحيفة الأهرام", "جاء في"),
        # "whoever said"
        ("ولم يخطئ من قال مرة: إن الصبر مفتاح الفرج.", "من", "قال"),
    ],
)
def test_speaker_away_from_the_verb(text: str, speaker: str, cue: str) -> None:
    _quote, got, got_cue, _t = only(text)
    assert (got, got_cue) == (speaker, cue)


def test_without_a_speaker_head_the_first_verbs_subject_is_not_taken() -> None:
    # the rules alone do not take the first verb's subject: the quote keeps no speaker of its own
    text = "وكان الرئيس في زيارة وقال إنه سعيد."
    alone = list(RulesSource(speakers=None).propose(Document(1, "d", text, ""), Context("t")))
    assert [p for p in alone if p.label == "SPEAKER"] == []
    # the trained speaker model (on by default) reads "وقال" as sharing the subject of "وكان": in Arabic a
    # verb joined by و has the subject of the clause before it, so الرئيس is the one who said it
    assert only(text)[1] == "الرئيس"
    # a preposition with a pronoun is never a speaker ("كتب عليها")
    assert only('ولوحت بشارة كتب عليها "ارحلوا من هنا الآن".')[1] is None


@pytest.mark.parametrize(
    "text",
    [
        "وتراجعت صادرات القمح للشهر الثالث مما يشير إلى أن المحصول سيكون ضعيفا.",
        "وارتفعت الأسعار مرة أخرى وهو ما يؤكد أن التضخم لم يتوقف بعد.",
    ],
)
def test_a_fact_pointing_to_something_is_not_speech(text: str) -> None:
    assert attributions(text) == []


def test_a_speaker_after_ma_is_still_taken() -> None:
    quote, speaker, _cue, _type = only("وهذا ما قال الوزير إنه سيتغير قريبا.")
    assert speaker == "الوزير"


def test_a_closing_mark_at_the_start_of_the_next_line_closes_the_quotation() -> None:
    text = (
        'وقال المدرب إن " الفريق لعب جيدا رغم الغيابات الكثيرة .\n'
        '" وأضاف " سنعود أقوى في المباراة المقبلة .\n'
        '" ويلعب الفريق مباراته المقبلة يوم السبت .'
    )
    found = attributions(text)
    quotes = [q for q, *_ in found]
    assert quotes == [
        '" الفريق لعب جيدا رغم الغيابات الكثيرة .\n"',
        '" سنعود أقوى في المباراة المقبلة .\n"',
    ]
    assert [s for _q, s, *_ in found] == ["المدرب", "المدرب"]
    # the reporter's sentence after the second quotation is not a quotation
    assert not any("مباراته" in q for q in quotes)


def test_a_quotation_over_two_lines_is_one() -> None:
    text = 'وقالت الوزيرة : " نجحت الحملة هذا العام .\nونتوقع نتائج أفضل في العام المقبل " .'
    quote, speaker, _cue, qtype = only(text)
    assert quote.startswith('" نجحت') and quote.endswith('المقبل "')
    assert (speaker, qtype) == ("الوزيرة", "direct")


def test_a_name_then_its_office_in_a_quoted_company_is_one_speaker() -> None:
    text = 'وقال سمير داود ، مدير المبيعات في " نور للتقنية " : " ارتفعت مبيعاتنا هذا العام " .'
    _quote, speaker, _cue, _type = only(text)
    assert speaker == 'سمير داود ، مدير المبيعات في " نور للتقنية "'


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'واستند المحامي إلى المادة الثالثة من الدستور ، التي تقول " إن التعليم حق لكل مواطن " .',
            "المادة الثالثة من الدستور",
        ),
        ("وتقول الفقرة الأولى من الاتفاق إن على الطرفين وقف إطلاق النار فورا.", "الفقرة الأولى من الاتفاق"),
    ],
)
def test_a_part_of_a_document_speaks_for_it(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


def test_a_participle_that_does_not_agree_with_the_verb_takes_the_reported_clauses_subject() -> None:
    text = (
        "وقالت الصحيفة إن الكاتب تناول في روايته حياة الصيادين ، مشيرا إلى أن البحر كان مصدر رزقهم الوحيد ."
    )
    found = attributions(text)
    assert [s for _q, s, *_ in found] == ["الصحيفة", "الكاتب"]
    # when it agrees, the participle continues the verb's speaker
    text = "وقالت الوزيرة إن الحكومة ستدعم المزارعين ، مشيرة إلى أن الموسم كان صعبا ."
    assert [s for _q, s, *_ in attributions(text)] == ["الوزيرة", "الوزيرة"]


def test_a_definite_subject_in_no_list_is_shared_by_the_verb_joined_to_it() -> None:
    text = "ويستعرض الرحالة في مذكراته أسواق المدينة ، فيرى أن التجارة كانت عماد حياتها ."
    assert only(text)[1] == "الرحالة"
    # a time word after the first verb is not its subject
    text = "ويستمر العام الدراسي حتى الصيف ، فيرى أن الإجازة قصيرة ."
    assert only(text)[1] is None


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ("وأكد وزير الزراعة دعم الحكومة الكامل لصغار المزارعين .", "دعم الحكومة الكامل لصغار المزارعين"),
        ("وأعلن الجيش عقب الهجوم مقتل ثلاثة من المسلحين .", "مقتل ثلاثة من المسلحين"),
        ("وأوضحت المديرة أمس صعوبة تنفيذ الخطة هذا العام .", "صعوبة تنفيذ الخطة هذا العام"),
    ],
)
def test_a_noun_phrase_object_is_what_was_said(text: str, quote: str) -> None:
    assert only(text)[0] == quote


@pytest.mark.parametrize(
    "text",
    ["وأعلنت الحكومة الحداد ثلاثة أيام .", "وأعلن الاتحاد موعد انطلاق البطولة .", "وأكد الفريق تأهله ."],
)
def test_a_noun_of_an_act_or_a_single_word_is_not_speech(text: str) -> None:
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ('وختم الشاعر كلماته : " سنبقى هنا مهما طال الزمن " .', "الشاعر", "كلماته"),
        ('وأنهى المدير خطابه بقوله : " الشركة ستبقى وفية لعمالها " .', "المدير", "بقوله"),
    ],
)
def test_a_noun_of_speech_before_a_colon_is_the_cue(text: str, speaker: str, cue: str) -> None:
    _quote, got_speaker, got_cue, qtype = only(text)
    assert (got_speaker, got_cue, qtype) == (speaker, cue, "direct")


# ----------------------------------------------------------------------------- fourth round
def test_a_quoted_speech_runs_over_several_lines_each_a_sentence() -> None:
    text = (
        'ويقول المدرب " علينا أن نعمل أكثر .\n'
        "الموسم طويل والمنافسة صعبة .\n"
        'وسنقاتل حتى النهاية " وأضاف " الجمهور يستحق الأفضل .\n'
        'ولن نخذله " .'
    )
    found = attributions(text)
    assert [(q.split()[1], s, c) for q, s, c, _t in found] == [
        ("علينا", "المدرب", "يقول"),
        ("الجمهور", "المدرب", "أضاف"),
    ]
    assert found[0][0].endswith('حتى النهاية "') and found[1][0].endswith('ولن نخذله "')


def test_a_clause_reported_inside_a_quotation_ends_with_it() -> None:
    text = 'وقال الوزير " نقرأ ( تقرير دولي قال ان الاقتصاد تعافى - وهذا ما نراه ) " .'
    found = attributions(text)
    assert found[0][1:3] == ("الوزير", "قال")
    inner = [q for q, s, c, _t in found if s == "تقرير دولي"]
    assert inner and not inner[0].endswith('"')


def test_a_name_in_quotation_marks_holds_no_complementiser() -> None:
    text = 'وأكد رئيس الوزراء لـ " سي ان ان " ان الحكومة ستستمر في عملها .'
    quote, speaker, _cue, _t = only(text)
    assert quote == "ان الحكومة ستستمر في عملها" and speaker == "رئيس الوزراء"


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        ('ودافع الكاتب عن روايته قائلا إنها " مرآة المجتمع " .', '" مرآة المجتمع "'),
        ('وتذكرت الأم ابنها قائلة " كان طفلا هادئا .', '" كان طفلا هادئا'),
    ],
)
def test_qaila_introduces_speech_after_any_clause(text: str, quote: str) -> None:
    assert only(text)[0] == quote


def test_a_verb_with_an_object_pronoun_is_a_cue() -> None:
    text = 'وانتقد الوزير المعارضة واتهمها " بتعطيل " البرلمان .'
    found = attributions(text)
    assert [c for _q, _s, c, _t in found] == ["اتهمها"]
    # inside a reported clause it does not start a new attribution
    text = "وقال المدرب إنه شاهد مباريات الفريق ووصفه بأنه خطير هجوميا ."
    quote, speaker, cue, _t = only(text)
    assert (speaker, cue) == ("المدرب", "قال") and quote.endswith("خطير هجوميا")


def test_a_quotation_then_this_is_what_he_said() -> None:
    text = "« المريض سيتعافى خلال أسابيع » هذا ما قاله د. سمير الحداد المختص بجراحة القلب ، أمس ."
    quote, speaker, cue, qtype = only(text)
    assert quote == "« المريض سيتعافى خلال أسابيع »" and cue == "قاله" and qtype == "direct"
    assert speaker == "د. سمير الحداد المختص بجراحة القلب"


@pytest.mark.parametrize(
    "text",
    [
        "ويتوقع ان يصوت البرلمان على الميزانية الأسبوع المقبل .",
        "وهطلت أمطار غزيرة , التي يتوقع أن تستمر أياما .",
    ],
)
def test_an_opinion_verb_with_no_subject_reads_as_passive(text: str) -> None:
    assert attributions(text) == []


def test_a_source_phrase_with_ma_and_a_verb_with_its_pronoun() -> None:
    text = "وقد خرجت الأمور عن السيطرة طبقا لما قاله متحدث باسم الشرطة , الذي قال : نحن مستعدون للأسوأ ."
    found = attributions(text)
    assert [(q, s, c) for q, s, c, _t in found] == [
        ("وقد خرجت الأمور عن السيطرة", "متحدث باسم الشرطة", "طبقا لما قاله"),
        ("نحن مستعدون للأسوأ", "متحدث باسم الشرطة", "قال"),
    ]


def test_a_definite_object_after_the_subject_is_left_out_of_it() -> None:
    text = 'وانتقد الوزير المعارضة ، واتهمها " بتعطيل " البرلمان .'
    assert only(text)[1] == "الوزير"
    # a participle agreeing with the noun, and two titles, qualify it
    assert only("وقال المسؤول المقرب من الحكومة إن الاتفاق قريب .")[1] == "المسؤول المقرب من الحكومة"
    assert only("وقال الشيخ الدكتور يوسف إن الاتفاق قريب .")[1] == "الشيخ الدكتور يوسف"


def test_a_verb_joined_by_wa_has_no_subject_before_it() -> None:
    text = "وقال المدرب إنه شاهد مباريات الفريق ووصفه بأنه خطير هجوميا ."
    assert only(text)[1:3] == ("المدرب", "قال")
    # but ف joins a topic to its verb
    assert only("أما الوزير الأول فيقول إن الاتفاق قريب .")[1:3] == ("الوزير الأول", "يقول")


def test_a_quotation_after_the_verbs_preposition_and_a_new_qaila_ends_a_quote() -> None:
    text = "ودعا القائد جنوده إلى الثبات ، ويصيح فيهم قائلا : « لا تتراجعوا » ."
    found = attributions(text)
    assert [c for _q, _s, c, _t in found] == ["دعا", "قائلا"]
    assert found[0][0].startswith("الثبات") and "«" not in found[0][0] and found[1][0] == "« لا تتراجعوا »"
    text = "وقال إن الاتفاق ممكن ، مشددا على « قدرة الطرفين على التوصل إلى حل » ."
    assert attributions(text)[1][0] == "« قدرة الطرفين على التوصل إلى حل »"


def test_a_one_word_subject_with_a_relative_clause_is_not_the_addressee() -> None:
    text = "ووصف كوفي الذي زار المنطقة الوضع الإنساني بأنه كارثي ، ودعا الجميع لبذل جهود أكبر ."
    found = attributions(text)
    assert [(s, c) for _q, s, c, _t in found] == [("كوفي", "وصف"), ("كوفي", "دعا")]
    assert found[1][0] == "لبذل جهود أكبر"


def test_an_aside_between_commas_before_the_clause_is_skipped() -> None:
    text = "واوضح المسؤول الكبير ، طالبا عدم كشف هويته ، انه لا يعلم موعد القرار ."
    assert only(text)[:3] == ("انه لا يعلم موعد القرار", "المسؤول الكبير", "اوضح")


def test_the_noun_of_inna_before_qad_is_the_subject() -> None:
    text = "ونجد أن الملك قد وعد شعبه بأن الإصلاح قادم ."
    assert only(text)[1:3] == ("الملك", "وعد")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "وقال سامي فرحات المدير التنفيذي لشركة النور للاستثمار ان الأسواق تتعافى .",
            "سامي فرحات المدير التنفيذي لشركة النور للاستثمار",
        ),
        (
            'ورجح الخبير جون سميث ، رئيس " TerrorWatch " ، أن يكون الشريط قديما .',
            'الخبير جون سميث ، رئيس " TerrorWatch "',
        ),
        ("وقالت مصادر في اوبك ان المنظمة تراقب الوضع .", "مصادر في اوبك"),
        ("« المريض سيتعافى » هذا ما قاله د. سمير الحداد ، أمس .", "د. سمير الحداد"),
    ],
)
def test_a_speaker_phrase_by_its_structure(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


@pytest.mark.parametrize(
    ("text", "start"),
    [
        (
            'وقال في كلمة ألقاها خلال حفل تخريج دفعة جديدة من طلاب الأكاديمية العسكرية " نحن مستعدون " .',
            '" نحن',
        ),
        (
            "وقال فلان الذي كان مرشحا لمنصب نائب الرئيس مع المرشح الديمقراطي في انتخابات عام 2000 انه يتعين التحرك .",
            "انه",
        ),
        ('وانتقد بشكل غير مباشر الموقف الأميركي من خلال التحذير من " الرؤية المبسطة للحرب " .', '" الرؤية'),
    ],
)
def test_a_frame_between_the_verb_and_what_was_said(text: str, start: str) -> None:
    assert only(text)[0].startswith(start)


def test_a_frame_is_one_clause() -> None:
    text = (
        "يجيب الكتاب على العديد من الأسئلة التي تشغل المهتمين بالشؤون الروسية في الجامعات ومراكز البحث"
        " الأوروبية ، وذلك بالبحث في خيارين : الانفتاح أو العزلة ."
    )
    assert attributions(text) == []


def test_a_verb_with_its_pronoun_before_a_quotation_starts_a_new_quote() -> None:
    text = 'وانتقد الوزير بعد لقاء نظيره الفرنسي " عجرفة " إسرائيل واتهمها " بتدمير " لبنان .'
    found = attributions(text)
    assert [(q, c) for q, _s, c, _t in found] == [('" عجرفة "', "انتقد"), ('" بتدمير "', "اتهمها")]


def test_a_short_quotation_after_a_preposition_is_a_name_not_speech() -> None:
    text = 'يقول مسؤول المبيعات في " شركة النور " التابعة لوزارة الصناعة : إن المبيعات ارتفعت هذا العام .'
    quote, speaker, _cue, _t = only(text)
    assert quote == "إن المبيعات ارتفعت هذا العام"
    assert speaker.startswith('مسؤول المبيعات في " شركة النور "')


@pytest.mark.parametrize(
    "text",
    [
        "ولا بد من رؤية الهلال لكي تقول ان الشهر الجديد بدأ .",
        "كتب : سامي محمود زكي .",
    ],
)
def test_what_would_be_said_and_a_byline_are_no_quotes(text: str) -> None:
    assert attributions(text) == []


def test_a_present_verb_after_a_comma_shares_the_subject_of_an_earlier_clause() -> None:
    text = "وفي مقدمة كتابه ، يشرح نجيب سرور لماذا كتبه ، والكتاب يقع في جزأين ، يقول : الشعر حياتي كلها ."
    assert only(text)[1:3] == ("نجيب سرور", "يقول")
    # a verb of another person does not share it ("تتميز أفكار فلان …، يقول")
    text = "وتتميز أفكار سامي بالصراحة ، والكتاب يقع في جزأين ، يقول : الشعر حياتي كلها ."
    assert only(text)[1] is None


def test_a_participle_of_the_faail_pattern_qualifies_the_subject() -> None:
    text = "وتقول المهندسة البالغة العمر 26 عاما « الأمر غير عملي » ."
    assert only(text)[:2] == ("« الأمر غير عملي »", "المهندسة البالغة العمر 26 عاما")


@pytest.mark.parametrize(
    "text",
    [
        "وتوافد العرب دعاة وتجارا وسياسيين إلى الصين حتى القرن الرابع عشر .",
        "وانتقد الرئيس نظيره لعدم دعوة الوزير الى القمة التي تعقد الخميس .",
    ],
)
def test_a_noun_in_ta_marbuta_is_not_a_verb_with_its_pronoun(text: str) -> None:
    assert attributions(text) == []


def test_a_name_beginning_with_lam_is_not_the_verbs_preposition() -> None:
    text = "ودعا تنظيم القاعدة الذي يتزعمه أسامة بن لادن الأميركيين إلى اعتناق الإسلام ."
    assert only(text)[:3] == ("اعتناق الإسلام", "تنظيم القاعدة", "دعا")


def test_an_accusative_participle_without_a_comma_starts_a_new_quote() -> None:
    text = "وقال المحلل إن الأسواق استعادت عافيتها مشيرا الى ان التداولات تقترب من الطبيعي ."
    found = attributions(text)
    assert [(q, s, c) for q, s, c, _t in found] == [
        ("إن الأسواق استعادت عافيتها", "المحلل", "قال"),
        ("ان التداولات تقترب من الطبيعي", "المحلل", "مشيرا"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "وقالت الوزارة إن الأمم المتحدة مطالبة بتفسير ما جرى .",
        "وقال إن الأمر بات مؤكدا أن الانتخابات ستؤجل .",
    ],
)
def test_a_predicate_participle_is_not_a_new_attribution(text: str) -> None:
    assert len(attributions(text)) == 1


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("في رده على منتقديه دافع محفوظ عن فن الرواية قائلا إنها شعر العصر .", "محفوظ"),
        (
            "بينما أدان سفير باكستان لدى الأمم المتحدة الهجمات قائلا إنها عمل إرهابي .",
            "سفير باكستان لدى الأمم المتحدة",
        ),
    ],
)
def test_a_participle_inside_its_clause_describes_the_subject_of_its_verb(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker
    # what does not surely head a subject is not taken: "كما رفض توجيه الاتهام الى اي جهة قائلا"
    assert only("كما رفض توجيه الاتهام الى اي جهة قائلا ان الوقت غير مناسب .")[1] is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وقالت المنظمات الإنسانية الكبرى إن الوضع خطير .", "المنظمات الإنسانية الكبرى"),
        ("ويرى البعض الآخر أن الوضع خطير .", "البعض الآخر"),
        ("وحذرت الهيئات المستقلة من أن الوضع خطير .", "الهيئات المستقلة"),
        ("وأكد الرئيس الكريم أن الوضع خطير .", "الرئيس الكريم"),
    ],
)
def test_an_adjective_by_its_pattern_stays_in_the_subject(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


# ----------------------------------------------------------------------------- fifth round (issue 13)
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وقال لنا مدير المستشفى إن الأدوية نفدت .", "مدير المستشفى"),
        ("وقالت لهم مصادر مطلعة إن الأدوية نفدت .", "مصادر مطلعة"),
        ('وقال لـ"الأنباء" مسؤول في الوزارة إن الأدوية نفدت .', "مسؤول في الوزارة"),
        ("وقال للصحفيين وزير الصحة إن الأدوية نفدت .", "وزير الصحة"),
        ("وقال لقناة « النيل » المتحدث باسم النقابة إن الأدوية نفدت .", "المتحدث باسم النقابة"),
    ],
)
def test_an_addressee_between_the_verb_and_its_subject_is_skipped(text: str, speaker: str) -> None:
    quote, got, cue, _type = only(text)
    assert (quote, got, cue) == ("إن الأدوية نفدت", speaker, "قال" if "قال " in text else "قالت")


def test_an_addressee_with_no_subject_after_it_proposes_no_speaker() -> None:
    assert only("وقال لهم إن الأدوية نفدت .")[:2] == ("إن الأدوية نفدت", None)


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "وقال سمير حداد ، وهو أستاذ الاقتصاد في جامعة دمشق ، إن الأسعار سترتفع .",
            "سمير حداد ، وهو أستاذ الاقتصاد في جامعة دمشق",
        ),
        ('وقالت ليلى عمر ، وهي مديرة المدرسة : " سنفتح الأبواب غدا " .', "ليلى عمر ، وهي مديرة المدرسة"),
    ],
)
def test_an_office_said_as_an_aside_belongs_to_the_speaker(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


def test_a_circumstance_between_commas_is_not_part_of_the_speaker() -> None:
    assert only("وقال الوزير ، وهو يبتسم ، إن الأسعار سترتفع .")[:2] == ("إن الأسعار سترتفع", "الوزير")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("لكن رئيس التحرير لا يزال يعتقد أن الرقابة ضرورية .", "رئيس التحرير"),
        ("غير أن المسؤول عن الملف مازال يرى أن الرقابة ضرورية .", "المسؤول عن الملف"),
        ("وقال المدير المسؤول عن المشروع إن الرقابة ضرورية .", "المدير المسؤول عن المشروع"),
    ],
)
def test_a_verb_of_continuing_and_an_office_over_an_preposition(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


def test_a_quoted_body_in_construct_with_an_office_belongs_to_the_speaker() -> None:
    text = 'وقالت هدى سالم ، مديرة " دار الفنون " المنظمة للمهرجان : " جاء الجمهور بأعداد لم نتوقعها أبدا .'
    quote, speaker, _cue, qtype = only(text)
    assert speaker == 'هدى سالم ، مديرة " دار الفنون " المنظمة للمهرجان'
    assert quote.startswith('" جاء الجمهور') and qtype == "direct"
    # after a definite word the quotation is no genitive of the office: what was asked for
    text = 'وطلب الرئيس الفرنسي من الاتحاد الأوروبي " تفويض " مبعوثه في العمل من أجل وقف القتال .'
    assert only(text)[0].startswith('" تفويض " مبعوثه')


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("ورد المدرب على الانتقادات بقوله إن الفريق يحتاج إلى وقت .", "إن الفريق يحتاج إلى وقت", "المدرب"),
        (
            "وبررت الوكالة الرسمية اتخاذ هذا القرار بقولها إنه جاء في وقته .",
            "إنه جاء في وقته",
            "الوكالة الرسمية",
        ),
        ('وختم الشاعر حديثه بقوله : " سنبقى هنا " .', '" سنبقى هنا "', "الشاعر"),
    ],
)
def test_by_saying_reports_the_subject_of_its_clause(text: str, quote: str, speaker: str) -> None:
    assert only(text)[:2] == (quote, speaker)


def test_by_saying_in_a_clause_opened_by_a_pronoun_continues_the_speaker_before() -> None:
    text = "وقال اللاعب إن الفريق قوي . وهو يعبر عن ذلك ببساطة بقوله « أنا سعيد هنا » ."
    assert attributions(text)[1] == ("« أنا سعيد هنا »", "اللاعب", "بقوله", "direct")


@pytest.mark.parametrize(
    ("second", "quote"),
    [
        ("وفي رأيه فإن الحوار سيفشل إن لم يتغير شيء .", "فإن الحوار سيفشل إن لم يتغير شيء"),
        ("والحوار سيفشل في النهاية ، حسب رأيه .", "والحوار سيفشل في النهاية"),
        ("والحوار ، في نظره ، سيفشل قريبا .", "والحوار ، في نظره ، سيفشل قريبا"),
    ],
)
def test_an_opinion_phrase_reports_the_view_of_the_speaker_before(second: str, quote: str) -> None:
    found = attributions("وقال المحلل إن الأزمة عميقة . " + second)
    assert (found[-1][0], found[-1][1]) == (quote, "المحلل")


def test_an_opinion_phrase_inside_a_clause_is_not_a_view() -> None:
    assert attributions("وعرض الفنان لوحاته في رأيه العام .") == []


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("ونفى المتحدث حدوث أي تقدم في المفاوضات .", "حدوث أي تقدم في المفاوضات", "المتحدث"),
        ("واقترح الوزير إجراء انتخابات مبكرة في الربيع .", "إجراء انتخابات مبكرة في الربيع", "الوزير"),
    ],
)
def test_a_denial_or_a_proposal_may_report_a_noun_phrase(text: str, quote: str, speaker: str) -> None:
    assert only(text)[:2] == (quote, speaker)


def test_a_source_phrase_after_the_subject_is_not_what_was_denied() -> None:
    text = "ونفى الوزير السابق وجود أي مسلحين في المدينة حسب ما تردده مصادر غربية ."
    assert only(text)[:2] == ("وجود أي مسلحين في المدينة حسب ما تردده مصادر غربية", "الوزير السابق")


def test_a_verb_form_after_a_preposition_is_its_noun() -> None:
    assert attributions("وأقدمت السلطات على نفي الزعيم وأسرته الى جزيرة بعيدة في المحيط .") == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وأفادت مصادر محلية للجزيرة بأن القصف طال منازل المدنيين .", "مصادر محلية"),
        ('" الوضع صعب جدا " ، قال أحد السكان لبي بي سي .', "أحد السكان"),
        ("وقال المتحدث لرويترز إن القصف طال منازل المدنيين .", "المتحدث"),
        ("وقال مراسل الجزيرة إن القصف طال منازل المدنيين .", "مراسل الجزيرة"),
    ],
)
def test_a_medium_with_an_attached_li_is_who_it_was_said_to(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


def test_a_rank_and_name_between_commas_belong_to_the_speaker() -> None:
    text = "وأكد الناطق باسم الشرطة ، العقيد سامي نور ، أن الطريق أغلق ."
    assert only(text)[:2] == ("أن الطريق أغلق", "الناطق باسم الشرطة ، العقيد سامي نور")


def test_ali_before_what_was_said_is_a_name_not_a_preposition() -> None:
    assert only("وقال الباحث محمد علي إن الانتخابات ستجرى في موعدها .")[1] == "الباحث محمد علي"
    assert only("وشدد الوزير على أن الانتخابات ستجرى في موعدها .")[:2] == (
        "أن الانتخابات ستجرى في موعدها",
        "الوزير",
    )


def test_a_percent_sign_stays_in_the_quote() -> None:
    assert only("وأكد المدير أن الأرباح ارتفعت بنسبة 20% .")[0] == "أن الأرباح ارتفعت بنسبة 20%"


def test_a_noun_phrase_object_after_an_addressee() -> None:
    assert only("وأكدت مصادر طبية لوكالة الأنباء مقتل خمسة أشخاص .")[:2] == ("مقتل خمسة أشخاص", "مصادر طبية")


def test_the_pronoun_after_a_source_phrases_verb_points_back() -> None:
    text = "وبحسب ما أفادت به وسائل إعلام محلية ، فإن الحريق اندلع فجر اليوم ."
    assert only(text)[:2] == ("فإن الحريق اندلع فجر اليوم", "وسائل إعلام محلية")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("ووفقا لمسؤولين في البلدية ، فإن الطريق سيفتح غدا .", "مسؤولين في البلدية"),
        ("وقالت مصادر في الحزب الحاكم إن الطريق سيفتح غدا .", "مصادر في الحزب الحاكم"),
        ("وقال الوزير في المؤتمر الصحفي إن الطريق سيفتح غدا .", "الوزير"),
        ("واعتبر ممثل البلدية من جانبه أن الطريق سيفتح غدا .", "ممثل البلدية"),
    ],
)
def test_the_body_of_an_indefinite_source_but_not_the_place_of_an_office(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("وطالب المحتجون بالإفراج عن المعتقلين فورا .", "بالإفراج عن المعتقلين فورا", "المحتجون"),
        ("وأفاد المكتب الخاص بالإعلام بأن الطريق سيفتح .", "بأن الطريق سيفتح", "المكتب الخاص بالإعلام"),
        # one definite word after a verb with an addressee is that addressee: what was asked is kept
        ("ويطالب البلدية بالتوقف عن مثل هذه الأعمال .", "بالتوقف عن مثل هذه الأعمال", None),
    ],
)
def test_the_verbs_bi_ends_its_subject_unless_a_clause_follows(
    text: str, quote: str, speaker: str | None
) -> None:
    assert only(text)[:2] == (quote, speaker)


def test_an_addressee_in_the_accusative_is_not_the_speaker() -> None:
    assert only("ودعا المسؤولين إلى الاستقالة فورا .")[:2] == ("الاستقالة فورا", None)


def test_an_indefinite_accusative_is_no_reported_noun_phrase() -> None:
    assert attributions("ونفى الوزير نوابا في البرلمان من الجلسة .") == []
    # a pronoun suffix in ها is not the accusative ending
    assert only("وأعلنت الحكومة عزمها تقديم مساعدات عاجلة .")[0] == "عزمها تقديم مساعدات عاجلة"


def test_a_long_circumstance_ends_at_the_comma_before_the_complementiser() -> None:
    text = (
        "وقال وزير الزراعة في كلمة ألقاها خلال حفل افتتاح المعرض الدولي الخامس للتمور الذي أقيم في "
        "العاصمة بحضور عدد كبير من المزارعين والتجار ، إن الإنتاج تضاعف هذا العام ."
    )
    assert only(text)[:2] == ("إن الإنتاج تضاعف هذا العام", "وزير الزراعة")


def test_an_aside_in_brackets_does_not_end_the_circumstance() -> None:
    text = (
        "وصرح المدرب أمس بخصوص الحارس ( 31 عاما ) الذي يحتفل هذا الشهر بمباراته المئة مع النادي ، أنه باق ."
    )
    assert only(text)[:2] == ("أنه باق", "المدرب")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وفي المقابلة التي أكد فيها الوزير أن الخطة جاهزة تحدث عن الاقتصاد .", "الوزير"),
        ("في الوقت الذي أعلن فيه المتحدث أن الخطة جاهزة .", "المتحدث"),
    ],
)
def test_the_pronoun_of_a_relative_clause_between_verb_and_subject(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وألقى الرئيس كلمة قال فيها إن البلاد تمر بمرحلة صعبة .", "الرئيس"),
        ("وأصدر الحزب بيانا قال فيه إن الانتخابات مزورة .", "الحزب"),
    ],
)
def test_a_speech_event_and_its_clause_name_the_one_who_gave_it(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


def test_a_participle_ending_a_relative_clause_describes_its_noun() -> None:
    text = "والتقت المجلة مدير المدرسة الذي شكر ( المجلة ) على الزيارة مشيراً إلى أن المدرسة قديمة ."
    assert only(text)[:2] == ("أن المدرسة قديمة", "مدير المدرسة")
    # a noun no lexicon heads is not taken: the speaker is left to the annotator
    assert only("وزار الوفد المصنع الذي ينتج السيارات مشيرا إلى أن الإنتاج يتضاعف .")[1] is None


def test_a_relative_clause_on_a_non_speaking_noun_is_not_its_nouns_neighbours() -> None:
    text = "وجدد الوزير خلال لقائه السفير الياباني تاكو ساتو الموقف الرسمي الذي يؤكد أن الحل سياسي ."
    assert only(text)[:2] == ("أن الحل سياسي", "الوزير")
    # a surname with ال and an office in construct before a definite noun are the clause's noun
    assert only("والتقى الوفد رئيس الحكومة فؤاد السنيورة الذي شدد على أن الحل سياسي .")[1] == (
        "رئيس الحكومة فؤاد السنيورة"
    )


def test_a_time_after_fi_and_a_relative_clause_are_not_part_of_the_speaker() -> None:
    assert only("وذكر وزير الخارجية سامي نور في وقت سابق أن التحقيق جار .")[1] == "وزير الخارجية سامي نور"
    text = 'وقال الخبير سمير ، رئيس " مرصد الشرق " الذي يرصد الأسواق ، إن الأسعار سترتفع .'
    assert only(text)[1] == 'الخبير سمير ، رئيس " مرصد الشرق "'


# ----------------------------------------------------------------------------- seventh round
@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        (
            "ورد النائب على القرار بالقول إن الحكومة تأخرت كثيرا .",
            "إن الحكومة تأخرت كثيرا",
            "النائب",
            "رد",  # a verb of saying is the cue, as the sets' gold has it ("تابع بالقول", "ردت بالقول")
        ),
        ("وخلص التقرير إلى القول إن الوضع يزداد سوءا .", "إن الوضع يزداد سوءا", "التقرير", "القول"),
    ],
)
def test_by_saying_without_a_pronoun(text: str, quote: str, speaker: str, cue: str) -> None:
    assert only(text)[:3] == (quote, speaker, cue)


def test_by_saying_with_no_subject_continues_the_speaker_before() -> None:
    text = "وقال المدرب إن الفريق قوي . وختم بالقول إن الموسم سيكون صعبا ."
    assert attributions(text)[1][:3] == ("إن الموسم سيكون صعبا", "المدرب", "ختم")


def test_saying_in_the_reporters_own_voice_is_not_a_quote() -> None:
    assert attributions("ويمكن القول إن الموسم كان ناجحا .") == []


@pytest.mark.parametrize(
    ("second", "quote", "cue"),
    [
        ("مؤكدا أن الحل السياسي هو الوحيد الممكن .", "أن الحل السياسي هو الوحيد الممكن", "مؤكدا"),
        ("مشيرا إلى استعداد بلاده للمشاركة في المؤتمر .", "استعداد بلاده للمشاركة في المؤتمر", "مشيرا"),
    ],
)
def test_a_participle_opening_a_sentence_continues_the_speaker_before(
    second: str, quote: str, cue: str
) -> None:
    found = attributions("وقال الوزير إن المحادثات مستمرة . " + second)
    assert [x[:3] for x in found] == [("إن المحادثات مستمرة", "الوزير", "قال"), (quote, "الوزير", cue)]


def test_a_participle_opening_a_sentence_as_a_predicate_is_no_attribution() -> None:
    # not in the accusative, or with no complement after it: an adjective, not what was said
    assert attributions("وكان الفريق متقدما . مؤكدا تفوقه على منافسه .") == []
    assert attributions("وكانت النتيجة مفاجئة . متوقعة أن تتغير لاحقا .") == []


@pytest.mark.parametrize(
    "first",
    [
        "وتوقع الخبير الاقتصادي سمير حداد ارتفاع الأسعار .",  # a verb of speech that reports nothing
        "واستقبل وزير الخارجية نظيره الفرنسي في مكتبه .",  # a verb in no list, a title as its subject
    ],
)
def test_a_subject_with_no_quote_speaks_in_the_next_sentence(first: str) -> None:
    text = "وقال المتحدث إن الاجتماع انتهى . " + first + " وقال إن الوضع مقلق ."
    found = attributions(text)
    expected = first.split()[1:5] if "حداد" in first else first.split()[1:3]
    assert found[-1][:2] == ("إن الوضع مقلق", " ".join(expected))


def test_a_noun_opening_the_sentence_before_is_not_carried() -> None:
    # "كفة المدرب" is the object's noun, "المدينة" a place: the speaker before goes on
    for first in ("ربما ترجح كفة المدرب الأجنبي .", "وشهدت المدينة احتجاجات واسعة ."):
        text = "وقال المتحدث إن الاجتماع انتهى . " + first + " وأضاف أن الحكومة ستتحرك ."
        assert attributions(text)[-1][:2] == ("أن الحكومة ستتحرك", "المتحدث")


def test_a_verb_of_speech_joined_by_waw_speaks_for_itself() -> None:
    text = "وتوقع المحلل ارتفاع الأسعار وقال إن السوق متوترة ."
    assert only(text)[:3] == ("إن السوق متوترة", "المحلل", "قال")


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "نفى الرئيس الفلسطيني محمود عباس حدوث أي تقدم في المفاوضات .",
            "حدوث أي تقدم في المفاوضات",
            "الرئيس الفلسطيني محمود عباس",
        ),
        (
            "وأكد وزير الخارجية الروسي سيرغي لافروف ضرورة الحوار مع طهران .",
            "ضرورة الحوار مع طهران",
            "وزير الخارجية الروسي سيرغي لافروف",
        ),
        ("وأكد الرئيس استمرار المفاوضات مع الجانب الآخر .", "استمرار المفاوضات مع الجانب الآخر", "الرئيس"),
        ("وأكد الوزير أهمية تعزيز التعاون بين البلدين .", "أهمية تعزيز التعاون بين البلدين", "الوزير"),
    ],
)
def test_a_name_after_a_title_stays_in_the_speaker(text: str, quote: str, speaker: str) -> None:
    assert only(text)[:2] == (quote, speaker)


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "وقال الرئيس الأمريكي لقد تحدثت إلى حاكم الولاية وأمرت بفتح تحقيق .",
            "لقد تحدثت إلى حاكم الولاية وأمرت بفتح تحقيق",
            "الرئيس الأمريكي",
        ),
        (
            "وقال الوزير في المقابلة التي بثت أمس لدينا عزم أكيد على حل المسألة .",
            "لدينا عزم أكيد على حل المسألة",
            "الوزير",
        ),
        (
            "وقال مندوب إيران لدى الوكالة الذرية إذا قرر مجلس الأمن فرض عقوبات فسنراجع سياستنا .",
            "إذا قرر مجلس الأمن فرض عقوبات فسنراجع سياستنا",
            "مندوب إيران لدى الوكالة الذرية",  # an envoy's posting is in the phrase (ninth round)
        ),
    ],
)
def test_direct_speech_without_marks_after_a_verb_of_plain_saying(
    text: str, quote: str, speaker: str
) -> None:
    assert only(text)[:3] == (quote, speaker, "قال")


def test_direct_speech_without_marks_opened_by_a_demonstrative() -> None:
    text = "وقال الوزير إن الأمر خطير . وتابع هذا ليس مجرد قلق أمريكي ."
    assert attributions(text)[1][:3] == ("هذا ليس مجرد قلق أمريكي", "الوزير", "تابع")


@pytest.mark.parametrize(
    "text",
    [
        "وأضاف اللاعب هدفا ثانيا في الدقيقة الأخيرة .",  # added a goal, said nothing
        "وقال الوزير في المؤتمر الذي لا يزال منعقدا .",  # a clause opener inside a relative clause
        "وتابع الجمهور المباراة التي لم تنته بعد حتى الآن .",  # followed, not continued speaking
        "وأكد الوزير في المؤتمر لقد تحدثت إلى الحاكم .",  # not a verb of plain saying
    ],
)
def test_no_unmarked_speech_without_an_opener_or_after_another_verb(text: str) -> None:
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        (
            "كما جاء في بيان للنقابة أن الإضراب سيستمر حتى تلبية المطالب .",
            "أن الإضراب سيستمر حتى تلبية المطالب",
            "بيان للنقابة",
            "جاء في",
        ),
        (
            "تعديل وزاري وشيك وحسب مصادر مطلعة فإن ثلاثة وزراء سيغادرون الحكومة .",
            "فإن ثلاثة وزراء سيغادرون الحكومة",
            "مصادر مطلعة",
            "حسب",
        ),
        (
            "وبحسب العديد من المراقبين فإن الانتخابات ستؤجل إلى الربيع .",
            "فإن الانتخابات ستؤجل إلى الربيع",
            "العديد من المراقبين",
            "بحسب",
        ),
        (
            "وارتفع سعر البرميل إلى 70 دولارا في التعاملات ، نقلًا عن الأسوشيتد برس .",
            "وارتفع سعر البرميل إلى 70 دولارا في التعاملات",
            "الأسوشيتد برس",
            "نقلًا عن",
        ),
    ],
)
def test_source_phrases_opened_by_kama_followed_by_fa_inna_or_looking_like_a_verb(
    text: str, quote: str, speaker: str, cue: str
) -> None:
    assert only(text)[:3] == (quote, speaker, cue)


def test_a_source_phrase_after_a_reporters_aside_reports_nothing() -> None:
    text = "وزار الوزير المدينة ، وذلك بعد ساعات من نفي الزيارة ، كما نشرته وسائل إعلام نقلا عن الوزارة ."
    assert attributions(text) == []
    # "نقلا" without عن is the dual "they two moved", no source
    assert attributions("ونقلا الجرحى إلى المستشفى القريب من المدينة .") == []


def test_a_pronoun_subject_links_to_the_speaker_before_and_is_not_proposed() -> None:
    text = "وقال الكاتب إن المرأة شريك . وهو ينبه إلى أن مخاطرها كثيرة ."
    assert [x[:3] for x in attributions(text)] == [
        ("إن المرأة شريك", "الكاتب", "قال"),
        ("أن مخاطرها كثيرة", "الكاتب", "ينبه"),
    ]
    assert [text[p.start : p.end] for p in run(text) if p.label == "SPEAKER"] == ["الكاتب"]


def test_a_pronoun_subject_stands_for_the_speaker_its_sentence_opened_with() -> None:
    text = "وقال الكاتب إن الرواية جيدة . ويتحدث وزير الثقافة عن الكتاب ، وهو يقول : الكتاب رائع حقا هنا ."
    assert attributions(text)[1][:3] == ("الكتاب رائع حقا هنا", "وزير الثقافة", "يقول")


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        (
            "واعتقلت الشرطة العشرات منهم ، كما قالت الوكالة دون توضيحات إضافية .",
            "واعتقلت الشرطة العشرات منهم",
            "الوكالة",
            "كما قالت",
        ),
        (
            "وحلق الطيران فوق المنطقة قبل العملية وبعدها كما أفادت الشرطة المحلية .",
            "وحلق الطيران فوق المنطقة قبل العملية وبعدها",
            "الشرطة المحلية",
            "كما أفادت",
        ),
    ],
)
def test_a_source_phrase_ending_with_a_verb_takes_its_other_persons(
    text: str, quote: str, speaker: str, cue: str
) -> None:
    assert only(text)[:3] == (quote, speaker, cue)


def test_an_inflected_kama_phrase_opening_a_sentence_is_read_by_its_verb() -> None:
    # "كما أعلنت" first in a sentence is "also announced": the verb's subject and object, not a source
    text = "كما أعلنت القيادة العامة مقتل تسعة مسلحين في بغداد ."
    assert only(text)[:3] == ("مقتل تسعة مسلحين في بغداد", "القيادة العامة", "أعلنت")


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        (
            'كما هاجم إلياس ما أسماه " التحيز الواضح " لصالح الفريق المنافس .',
            'ما أسماه " التحيز الواضح " لصالح الفريق المنافس',
            "إلياس",
            "أسماه",
        ),
        (
            "وتشن القوات حملة لوقف ما تسميه الحكومة الهجمات الصاروخية على المدن .",
            "ما تسميه الحكومة الهجمات الصاروخية على المدن",
            "الحكومة",
            "تسميه",
        ),
    ],
)
def test_what_someone_called_something_is_what_was_said(
    text: str, quote: str, speaker: str, cue: str
) -> None:
    assert only(text)[:3] == (quote, speaker, cue)


def test_a_naming_verb_without_ma_reports_nothing() -> None:
    assert attributions("ووصفه الطبيب بعد الفحص .") == []


@pytest.mark.parametrize("opener", ["من جانبه", "ومن جانبه ،", "بدوره"])
def test_a_for_his_part_opener_is_passed_over_when_the_subject_is_looked_for(opener: str) -> None:
    text = f"{opener} أشاد وزير الزراعة بالاتفاق وقال إنه خطوة مهمة ."
    assert only(text)[:2] == ("إنه خطوة مهمة", "وزير الزراعة")
    text = f"وقال المتحدث إن الاجتماع انتهى . {opener} أشاد وزير الزراعة بالجهود . مشيرا إلى استعداد بلاده للمشاركة ."
    assert attributions(text)[-1][:2] == ("استعداد بلاده للمشاركة", "وزير الزراعة")


# ----------------------------------------------------------------------------- eighth round, quotes
def test_a_decimal_point_a_tokeniser_put_at_a_line_end_does_not_end_the_sentence() -> None:
    text = "وذكرت الشركة أن أرباحها بلغت 3 .\n4 مليار دولار هذا العام ."
    assert only(text)[0] == "أن أرباحها بلغت 3 .\n4 مليار دولار هذا العام"
    # a sentence that ends with a number, then one that opens with a word, stays two
    assert len(analyse("وبلغ عدد الزوار 40 .\nوقال المدير إن العدد سيزيد .").sentences) == 2


def test_a_line_of_ellipsis_dots_belongs_to_the_line_before() -> None:
    units = analyse("وقال إن الطريق طويل .\n.\nوأضاف أن الأمل باق .")
    assert len(units.paragraphs) == 2
    assert [units.words[b - 1].text for _a, b in units.paragraphs] == [".", "."]
    assert units.paragraphs[0] == (0, 6)  # "وقال إن الطريق طويل . ." (the two dots end it)


def test_single_quotation_marks_run_over_lines_like_double_ones() -> None:
    text = "وكتب الروائي في مذكراته : ' لم أندم على شيء .\nكل ما فعلته كان اختياري ' .\nوتوفي بعد عام ."
    quote, _speaker, _cue, qtype = only(text)
    assert quote == "' لم أندم على شيء .\nكل ما فعلته كان اختياري '"
    assert qtype == "direct"
    # an apostrophe inside a word opens nothing: the lines stay apart
    assert len(analyse("زار O'Brien المدينة .\nثم غادر .").paragraphs) == 2
    # a ' after a word and before the full stop closes a quotation opened earlier: it opens none,
    # and the next line's quotation pairs on its own
    text = (
        "ويرى الكاتب أن الحلم لم يعد بعيدا ' .\nومن أقواله في الكتاب : ' العمل عبادة والصبر مفتاح الفرج ' !"
    )
    units = analyse(text)
    assert len(units.paragraphs) == 2
    (pair,) = units.pairs
    words = units.words
    assert text[words[pair.open].start : words[pair.close].end] == "' العمل عبادة والصبر مفتاح الفرج '"


def test_guillemets_written_the_other_way_round_pair_as_quotations() -> None:
    text = "وقال الوزير : » لن نتراجع عن قرارنا مهما كانت الضغوط « ."
    assert only(text)[0] == "» لن نتراجع عن قرارنا مهما كانت الضغوط «"
    # in the usual direction they pair as before
    assert only("وقال الوزير : « لن نتراجع عن قرارنا مهما كانت الضغوط » .")[0].startswith("«")


def test_a_short_quotation_inside_a_noun_phrase_is_a_term_not_what_was_said() -> None:
    # reached in a circumstance after the verb, a name of three words in marks followed by its
    # adjective is a term inside what was said: the quote runs on past it (mixed), not the name alone
    text = "وقال المدير في حديثه عن خطة التنمية « آفاق جديدة للشباب » السنوية التي تبدأ غدا ."
    assert only(text)[0] == "« آفاق جديدة للشباب » السنوية التي تبدأ غدا"
    assert only(text)[3] == "mixed"
    # with a clause after it, the name is passed on the way to the clause
    text = "وقال المدير في حديثه عن خطة التنمية « آفاق جديدة للشباب » السنوية إنها ستبدأ غدا ."
    assert only(text)[0] == "إنها ستبدأ غدا"
    # a quotation of the same length ending the phrase is what was said
    text = "وقال المدير في حديثه عن خطة التنمية « آفاق جديدة للشباب » ."
    assert only(text)[0] == "« آفاق جديدة للشباب »"


def test_a_pronoun_stands_for_a_name_that_closes_the_opening_verbs_clause() -> None:
    text = "ويبتسم سمير الخطيب ، وهو يقول : « الحياة جميلة رغم كل شيء » ."
    assert only(text)[:2] == ("« الحياة جميلة رغم كل شيء »", "سمير الخطيب")
    # a noun after the verb is no name: nobody is proposed for the pronoun
    assert only("ويبتسم الرجل العجوز ، وهو يقول : « الحياة جميلة رغم كل شيء » .")[1] is None


def test_a_paragraph_opening_with_a_quotation_continues_a_speaker_of_an_earlier_paragraph() -> None:
    text = (
        "وقال المدرب إن الفريق يستعد جيدا للموسم .\n"
        "ويحتل الفريق المركز الثالث في الدوري .\n"
        "ويلعب مباراته المقبلة يوم السبت على أرضه .\n"
        "« نريد أن نفوز بكل المباريات المتبقية هذا الموسم » .\n"
    )
    found = attributions(text)
    assert [(q, s) for q, s, _c, _t in found] == [
        ("إن الفريق يستعد جيدا للموسم", "المدرب"),
        ("« نريد أن نفوز بكل المباريات المتبقية هذا الموسم »", "المدرب"),
    ]
    # a document that opens with a quotation, nobody having spoken before it: a headline, not a quote
    text = "« الفريق يستعد جيدا لموسم جديد مليء بالتحديات » ويلعب الفريق مباراته المقبلة يوم السبت ."
    assert attributions(text) == []


def test_an_ellipsis_is_a_pause_in_what_was_said_not_its_end() -> None:
    text = "وقال المدرب إن الفوز كان صعبا .\n.\nالمنافس لعب بقوة حتى النهاية .\nويلعب الفريق السبت ."
    # the sentence after the ellipsis reports nothing of its own: it is more of the quote, and a
    # full stop ends it (the reporter's sentence after it stays out)
    assert only(text)[0] == "إن الفوز كان صعبا .\n.\nالمنافس لعب بقوة حتى النهاية"
    # a new attribution after the ellipsis is a quote of its own
    text = "وقال المدرب إن الفوز كان صعبا .\n.\nوأضاف أن اللاعبين قدموا كل ما لديهم ."
    assert [q for q, *_ in attributions(text)] == ["إن الفوز كان صعبا", "أن اللاعبين قدموا كل ما لديهم"]
    # a full stop is the end
    assert only("وقال المدرب إن الفوز كان صعبا .\nالمنافس لعب بقوة .")[0] == "إن الفوز كان صعبا"
    # so is a closing quotation mark before the ellipsis
    text = "وقال المدرب : « الفوز كان صعبا » .\n.\nويلعب الفريق السبت المقبل على أرضه ."
    assert only(text)[0] == "« الفوز كان صعبا »"


def test_as_he_put_it_after_a_clause_attributes_that_clause() -> None:
    text = (
        "وتحدث اللاعب عن مسيرته أمام الصحفيين .\n"
        "وقال إن البداية كانت صعبة .\n"
        "ثم جاءت الفرصة الكبرى في الموسم الثاني ، على حد قوله ، فتغير كل شيء ."
    )
    found = attributions(text)
    assert found[-1][0] == "ثم جاءت الفرصة الكبرى في الموسم الثاني"
    assert found[-1][2] == "على حد قوله"
    # after a quotation the phrase attributes the quotation (one quote, not two)
    text = "وقال اللاعب إن البداية كانت صعبة .\n« جاءت الفرصة في الموسم الثاني » ، على حد تعبيره ."
    assert [q for q, *_ in attributions(text)][-1] == "« جاءت الفرصة في الموسم الثاني »"
    assert len(attributions(text)) == 2
    # "على حد سواء" (alike) is no such phrase
    text = "وقال اللاعب إن البداية كانت صعبة .\nوتطور الفريق والجمهور على حد سواء ."
    assert len(attributions(text)) == 1


@pytest.mark.parametrize(
    ("text", "quote", "cue"),
    [
        ("وأصر المدرب على أن الفريق قادر على المنافسة .", "أن الفريق قادر على المنافسة", "أصر"),
        ("ويصر الوزير أن الخطة ستنجح رغم الصعوبات .", "أن الخطة ستنجح رغم الصعوبات", "يصر"),
        (
            "وأوصت اللجنة بالإسراع في مراجعة القانون قبل نهاية العام .",
            "بالإسراع في مراجعة القانون قبل نهاية العام",
            "أوصت",
        ),
        ("وأوصى الكاتب بأن تنشر مذكراته بعد وفاته .", "بأن تنشر مذكراته بعد وفاته", "أوصى"),
    ],
)
def test_insisting_and_recommending_report_what_was_said(text: str, quote: str, cue: str) -> None:
    got_quote, _speaker, got_cue, _type = only(text)
    assert (got_quote, got_cue) == (quote, cue)


def test_insisting_on_a_thing_and_egypt_are_no_speech() -> None:
    # "أصر" takes a clause only; "مصرا" is spelled like مصر (Egypt) and is no participle here
    assert attributions("وأصر المدرب على موقفه من اللاعبين .") == []
    assert attributions("وعاد الوفد إلى مصر أن بعد الزيارة .") == []


def test_a_pull_quote_signed_by_its_source() -> None:
    text = "« لن نقبل بأي تسوية تمس حقوقنا الأساسية » صحيفة الصباح ."
    assert only(text)[:2] == ("« لن نقبل بأي تسوية تمس حقوقنا الأساسية »", "صحيفة الصباح")
    text = "« لن نقبل بأي تسوية تمس حقوقنا الأساسية » - نبيل الحسن ."
    assert only(text)[:2] == ("« لن نقبل بأي تسوية تمس حقوقنا الأساسية »", "نبيل الحسن")
    # words after the quotation that go on with a verb or a preposition are no signature
    assert attributions("« لن نقبل بأي تسوية تمس حقوقنا الأساسية » شعار رفعه المتظاهرون في الساحة .") == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "وقال الوزير إن الهجوم فشل .\nنافيا وجود أي خسائر في صفوف الجيش .",
            "وجود أي خسائر في صفوف الجيش",
        ),
        (
            "وقال الوزير إن الهجوم فشل ، نافيا ما ذكرته وسائل الإعلام عن خسائر كبيرة .",
            "ما ذكرته وسائل الإعلام عن خسائر كبيرة",
        ),
        ("ونفى الوزير ما تردد عن استقالته من الحكومة .", "ما تردد عن استقالته من الحكومة"),
    ],
)
def test_a_denial_reports_a_noun_phrase_or_what_others_said(text: str, quote: str) -> None:
    found = attributions(text)
    assert found[-1][0] == quote
    assert found[-1][1] == "الوزير"


def test_a_denial_reports_no_plain_object_or_function_word() -> None:
    # "ما" before a function word is no relative clause; a plain accusative is an object
    assert attributions("ونفى الوزير ما لم يقله .") == []
    # a participle opening a sentence with a lone accusative after it ("تماما") reports nothing
    assert len(attributions("وقال الوزير إن الهجوم فشل .\nنافيا تماما .")) == 1


def test_a_quotation_opened_after_a_colon_and_never_closed_runs_to_the_end_of_the_text() -> None:
    text = 'وقالت المديرة : " لسنا خائفين من المنافسة .\nلقد بنينا الشركة من لا شيء ، ولن نتوقف الآن .'
    quote, speaker, _cue, qtype = only(text)
    assert quote == '" لسنا خائفين من المنافسة .\nلقد بنينا الشركة من لا شيء ، ولن نتوقف الآن'
    assert (speaker, qtype) == ("المديرة", "direct")
    # not after a colon, the lost mark keeps to its sentence
    text = 'ووصف المدير الوضع بأنه " صعب جدا في هذه المرحلة .\nوتستمر المفاوضات غدا .'
    assert "المفاوضات" not in only(text)[0]
    units = analyse(text)
    assert len(units.paragraphs) == 2 and units.pairs == []


@pytest.mark.parametrize("connective", ["إضافة إلى", "بالإضافة إلى", "فضلا عن", "علاوة على"])
def test_an_an_after_a_connective_is_the_reporters_clause(connective: str) -> None:
    text = f"وكتب الصحفي مقالات كثيرة عن المدينة ، {connective} أن الكتاب الجديد يروي تاريخها ."
    assert attributions(text) == []
    # the preposition of a verb of speech still opens what was said
    assert only("وأشار الوزير إلى أن المدينة تتوسع .")[0] == "أن المدينة تتوسع"


def test_a_sentence_opening_with_wa_anna_goes_on_with_the_report_before() -> None:
    text = "وأكد الوزير أن الاتفاق سيوقع قريبا .\nوأن المفاوضات ستستأنف الأسبوع المقبل .\nويغادر الوفد غدا ."
    assert only(text)[0] == "أن الاتفاق سيوقع قريبا .\nوأن المفاوضات ستستأنف الأسبوع المقبل"
    # with no report before it, nothing is made of it
    assert attributions("ويغادر الوفد غدا .\nوأن المفاوضات ستستأنف الأسبوع المقبل .") == []


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("وطالب المحتجون بإطلاق سراح المعتقلين .", "بإطلاق سراح المعتقلين", "المحتجون"),
        ("وتعهد الرئيس بإجراء انتخابات حرة .", "بإجراء انتخابات حرة", "الرئيس"),
        ("وطالب المتحدث باسم الوزارة بوقف القتال .", "بوقف القتال", "المتحدث باسم الوزارة"),
        ("وطالب الرئيس سمير الحداد بوقف القتال .", "بوقف القتال", "الرئيس سمير الحداد"),
    ],
)
def test_the_verbs_bi_on_an_indefinite_noun_ends_the_subject(text: str, quote: str, speaker: str) -> None:
    assert only(text)[:2] == (quote, speaker)


def test_a_name_in_bi_after_a_title_or_in_construct_stays_in_the_subject() -> None:
    # "بسام" after a title, then a definite surname: a name in apposition, not what was asked for
    assert only("وطالب الرئيس بسام الحداد بوقف القتال .")[:2] == ("بوقف القتال", "الرئيس بسام الحداد")
    # after an indefinite noun a ب word is its genitive ("بلدية بيروت"): no cut there
    assert attributions("وطالب رئيس بلدية بيروت الجديد .") == []


# ----------------------------------------------------------------------------- eighth round, speakers
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وكان المتحدث باسم البلدية قال إن الطريق سيفتح قريبا .", "المتحدث باسم البلدية"),
        ("وكانت اللجنة الأولمبية ، اعتبرت ( الأحد ) أن الملعب غير جاهز .", "اللجنة الأولمبية"),
        ("وكان سليم الطرابلسي صرح بأن الموسم انتهى .", "سليم الطرابلسي"),
        ("وكان المدرب قد أكد أن الفريق جاهز .", "المدرب"),  # with قد, as before
    ],
)
def test_the_subject_between_kana_and_its_verb_without_qad(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


def test_kana_inside_a_clause_does_not_make_a_subject_before_the_verb() -> None:
    # كان does not open the clause: the verb's subject is the one after it
    text = "وبعد أن كان اللاعب مصابا أعلن المدرب أن الفريق جاهز ."
    assert only(text)[1] == "المدرب"


@pytest.mark.parametrize("name", ["فؤاد الخطيب", "وئام الكردي", "سليم الحربي"])
def test_a_name_beginning_with_fa_or_waw_before_its_verb(name: str) -> None:
    # ف / و before ؤ or ئ is the word's own letter (no word begins with ؤ، ئ or ء): no conjunction
    assert only(f"{name} قال إن الحوار مستمر .")[1] == name


def test_a_conjunction_on_a_verb_before_another_verb_is_no_subject() -> None:
    assert only('ولوحت بشارة كتب عليها "ارحلوا من هنا الآن".')[1] is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # two definite nouns after a name: the first is its surname, the second the object
        ("واتهم سمير الحلبي الحكومة بإهمال القطاع الزراعي منذ سنوات .", "سمير الحلبي"),
        ("واتهم سمير الحلبي الولايات المتحدة بإهمال المنطقة منذ سنوات .", "سمير الحلبي"),
        # a definite noun and its adjective after a name: the object, the name alone speaks
        ("واتهم كريمي الحكومة الجديدة بإهمال القطاع الزراعي .", "كريمي"),
        ("ودعا شيراك المدن الكبيرة إلى دعم المبادرة .", "شيراك"),
    ],
)
def test_a_surname_with_the_article_before_a_definite_object(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


@pytest.mark.parametrize(
    ("word", "nisba"), [("الشعبية", True), ("العربيات", True), ("الولايات", False), ("الرواية", False)]
)
def test_a_nisba_ya_follows_a_consonant(word: str, nisba: bool) -> None:
    from annotator.core.suggestions.rules import _Run

    source = RulesSource()
    run_ = _Run(source.lex, word, Context("t"), source.triggers, "rules")
    assert run_.adjective(run_.w[0].text) is nisba


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # ل on a definite noun right after the verb is who it was said to, never the subject
        ("وعلم أن الوزير قال للجنة طالما أن الميزانية محدودة فإن المشروع سيتأجل .", "الوزير"),
        ("وقال للوفد رئيس البرلمان إن الجلسة ستعقد غدا .", "رئيس البرلمان"),
        # inside the phrase it is the office's body, as before
        ("وقال المدير التنفيذي للشركة إن الأرباح ارتفعت .", "المدير التنفيذي للشركة"),
        # an adverb in the accusative before the subject is passed over
        ("وأكد مجددا وزير الخارجية أن الحوار مستمر .", "وزير الخارجية"),
        ("وأعلن رسميا المتحدث باسم النادي أن المدرب استقال .", "المتحدث باسم النادي"),
    ],
)
def test_an_addressee_or_an_adverb_after_the_verb_is_no_speaker(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


@pytest.mark.parametrize(
    "text",
    [
        "وقد طعن قضائيا في القرار عدد من النواب وهم يرون أن القانون مخالف للدستور .",
        "وكشفا النقاب عن أن الشركة ستغلق مصنعها .",
        "قال للحاضرين طالما أن الميزانية محدودة فإن المشروع سيتأجل .",
    ],
)
def test_an_adverb_a_conjunction_or_an_idioms_object_is_never_a_speaker(text: str) -> None:
    speakers = [run_.start for run_ in run(text) if run_.label == "SPEAKER"]
    assert speakers == []


def test_a_phrase_running_into_another_verb_of_speech_is_the_first_verbs_object() -> None:
    # a headline run on into the story: the second verb has the subject after it
    text = "الصندوق الدولي يتوقع تباطؤ النمو هذا العام قال الصندوق الدولي إن الاقتصاد العالمي يتباطأ ."
    quote, speaker, cue, _type = attributions(text)[-1]
    assert (quote, speaker, cue) == ("إن الاقتصاد العالمي يتباطأ", "الصندوق الدولي", "قال")
    assert text.index(speaker, 10) == text.index("قال") + 4  # the one after قال


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # an institution's place after في belongs to it, as an anonymous source's body does
        ("وذكر معهد البحوث الزراعية في مدينة طنطا أن المحصول تضاعف .", "معهد البحوث الزراعية في مدينة طنطا"),
        ("وقالت مصادر في شركة النقل البحري الوطنية أن الرحلات توقفت .", "مصادر في شركة النقل البحري الوطنية"),
        ("ويرى باحثون في جامعة الخرطوم أن الجفاف سيطول .", "باحثون في جامعة الخرطوم"),
        # bodies joined after a comma by و, up to what was said
        (
            "وقال مسؤولون في وزارة النقل ، ووزارة الداخلية إن الطرق مغلقة .",
            "مسؤولون في وزارة النقل ، ووزارة الداخلية",
        ),
        # a report, a statement or a time after في is a circumstance, not a body
        ("وقالت وزارة الصحة في تقرير إن الإصابات تراجعت .", "وزارة الصحة"),
        ("وقال مسؤول في وقت لاحق إن الإصابات تراجعت .", "مسؤول"),
        # a definite head in a place is a circumstance, as before
        ("وقال الوزير في القاهرة ، إن الإصابات تراجعت .", "الوزير"),
    ],
)
def test_the_body_or_place_of_an_indefinite_source_or_institution(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وذكرت صحيفة ( الفجر ) أمس أن الانتخابات تأجلت .", "صحيفة ( الفجر )"),
        ("وذكرت جريدة ) الأيام ( أمس أن الانتخابات تأجلت .", "جريدة ) الأيام ("),
    ],
)
def test_a_mediums_name_in_brackets_belongs_to_it(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


def test_a_bracket_after_a_speaker_that_is_no_medium_is_left_out() -> None:
    assert only("وقال الوزير ( الأحد ) إن الانتخابات تأجلت .")[1] == "الوزير"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a verb before its subject agrees with it: a feminine noun after a masculine verb is the addressee
        ("ويطالب الجامعة بالتوقف عن رفع الرسوم .", None),
        ("وتطالب الجامعة بالتوقف عن رفع الرسوم .", "الجامعة"),
    ],
)
def test_a_verb_agrees_with_the_subject_after_it(text: str, speaker: str | None) -> None:
    assert only(text)[1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # "أما X فإنه يقول": the topic is the subject; ف and its pronoun answer أما
        ("أما مدير المستشفى فإنه يقول إن الوضع مستقر .", "مدير المستشفى"),
        ("أما الخبراء فهم يرون أن الأزمة ستطول .", "الخبراء"),
    ],
)
def test_the_topic_of_amma_is_the_subject_of_the_verb_in_its_answer(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a verb with no subject shares the subject of an earlier clause of its sentence (قد passed
        # over, the earlier verb's object left out)
        ("وقد استقبل وزير الصحة الوفد الزائر ، وقال إن التعاون مستمر .", "وزير الصحة"),
        ("وفاجأ المدرب الجمهور ، حيث كشف عن أن اللاعب سيعتزل .", "المدرب"),
        # a name alone, before a noun of speech with its pronoun, ب on a noun, عن or على
        ("ويختتم سامر حديثه للمجلة فيقول : الحياة جميلة رغم كل شيء .", "سامر"),
        ("وأعرب كمال عن أسفه للحادث ، وقال إن التحقيق مستمر .", "كمال"),
        # a name alone before "إلى القول"
        ("وخلص هاشم إلى القول إن المشروع فشل .", "هاشم"),
    ],
)
def test_a_verb_with_no_subject_shares_the_subject_of_an_earlier_clause(text: str, speaker: str) -> None:
    assert attributions(text)[-1][1] == speaker


@pytest.mark.parametrize(
    "text",
    [
        # a place after a verb of motion is its object, not a name that speaks
        "وزار كابول أمس ، وقال إن الوضع هادئ .",
        "وغادر دمشق إلى بيروت ، وقال إن الوضع هادئ .",
        # an earlier verb of another gender has another subject
        "وتتميز أفكار سامي بالصراحة ، وقال إن الوضع هادئ .",
        # a clause opened by a noun has no verb whose subject could be shared
        "والطقس حار في المدينة ، وقال إن الوضع هادئ .",
    ],
)
def test_no_subject_is_shared_from_an_object_another_gender_or_a_noun(text: str) -> None:
    assert only(text)[1] is None


@pytest.mark.parametrize(("follow", "speaker"), [("وأضاف", "الوزير"), ("وأضافت", "الوزيرة")])
def test_a_verb_with_no_subject_continues_the_last_speaker_of_its_gender(follow: str, speaker: str) -> None:
    text = (
        "وقال الوزير إن الميزانية جاهزة . وقالت الوزيرة إن المدارس ستفتح في موعدها . "
        f"{follow} أن الرواتب سترتفع ."
    )
    assert attributions(text)[-1][1] == speaker


def test_a_plural_verb_with_no_subject_continues_the_last_speaker() -> None:
    # a plural form shows no gender to agree with: the last speaker, as before
    text = "وقال الوزير إن الميزانية جاهزة . وقالت الوزيرة إن المدارس ستفتح . وأضافوا أن الرواتب سترتفع ."
    assert attributions(text)[-1][1] == "الوزيرة"


@pytest.mark.parametrize("but", ["لكنه", "ولكنه"])
def test_but_with_a_pronoun_is_no_speaker(but: str) -> None:
    text = f"قال المدرب إن الفريق متعب . {but} قال إن الفوز ممكن ."
    found = attributions(text)
    assert [x[1] for x in found] == ["المدرب", "المدرب"]
    assert not any(but in text[p.start : p.end] for p in run(text) if p.label == "SPEAKER")


def test_the_noun_of_a_speech_event_after_a_verb_is_its_object() -> None:
    text = "قال المدرب إن الفريق متعب . ورفض الحديث عن التشكيلة ، وقال إن الفوز ممكن ."
    assert attributions(text)[-1][1] == "المدرب"


@pytest.mark.parametrize(
    ("first", "speaker"),
    [
        # a person opening a nominal sentence that reports nothing speaks in the next one
        ("وأبو خالد على قناعة تامة بالنصر .", "أبو خالد"),
        ("والخبير الاقتصادي سمير حداد في زيارة إلى المدينة .", "الخبير الاقتصادي سمير حداد"),
        ("ووزير الخارجية في زيارة إلى باريس .", "وزير الخارجية"),
        # an institution opening it is what the sentence is about: the speaker before goes on
        ("والشركة تواجه أزمة مالية .", "المتحدث"),
    ],
)
def test_a_person_opening_a_nominal_sentence_speaks_in_the_next(first: str, speaker: str) -> None:
    text = f"وقال المتحدث إن الاجتماع انتهى . {first} وأضاف أن الحصار سينتهي ."
    assert attributions(text)[-1][1] == speaker


def test_a_pronoun_subject_stands_for_the_person_its_sentence_opened_with() -> None:
    text = "وقال المتحدث إن الاجتماع انتهى . والباحث سامي فرح على ثقة بالنتائج ، وهو يقول إن العمل لم ينته ."
    assert attributions(text)[-1][1] == "الباحث سامي فرح"


def test_a_noun_after_an_adverbial_is_no_reported_phrase_when_a_clause_follows() -> None:
    # the subject before the verb makes the report explicit; the clause, not the adverbial's noun, was said
    text = "وكان المدرب أعلن إثر نهاية المباراة ( 2-1 ) الأحد أن اللاعب سيرحل ."
    assert only(text)[:2] == ("أن اللاعب سيرحل", "المدرب")
    # with no clause after it the noun phrase is what was announced, as before
    assert only("وأعلن الجيش عقب الهجوم مقتل ثلاثة جنود .")[0] == "مقتل ثلاثة جنود"


def test_a_pronoun_after_kana_is_no_subject_before_the_verb() -> None:
    text = "وقال الوزير إن الزيارة مهمة ، وإذا كان هو طلب أن يأتي فهذا خطأ ."
    assert len(attributions(text)) == 1


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # after a comma a participle describes the subject of the verb opening its sentence
        (
            "وقال الوزير إن الميزانية جاهزة . وأشاد المدرب الوطني بلاعبيه ، مشيرا إلى أن الفوز مستحق .",
            "المدرب الوطني",
        ),
        ("وقال الوزير إن الميزانية جاهزة . ورحبت الشركة بالقرار ، مشيرة إلى أنه يدعم الاستثمار .", "الشركة"),
        # and the speaker of the attribution it continues, as before
        ("وأكد الوزير أن الميزانية جاهزة ، مشيرا إلى أن الرواتب سترتفع .", "الوزير"),
    ],
)
def test_a_participle_after_a_comma_describes_the_subject_of_its_sentence(text: str, speaker: str) -> None:
    assert attributions(text)[-1][1] == speaker


def test_a_feminine_verb_whose_lemma_ends_in_ta_shows_its_gender() -> None:
    # "لفتت" is لفت with the feminine ت: the institution it introduced goes on after "وقالت"
    text = (
        "وقال المدير إن الأسعار مستقرة . ولفتت الهيئة العامة للسياحة إلى ارتفاع الأسعار . "
        "وقالت إن الزيادة بلغت الثلث ."
    )
    assert attributions(text)[-1][1] == "الهيئة العامة للسياحة"


def test_an_attribution_earlier_in_the_sentence_goes_on_over_an_earlier_clauses_subject() -> None:
    text = "وأضاف المدرب : تغيير الخطة كان مفيدا للاعبين واعتقد أن الفوز مستحق ."
    assert attributions(text)[-1][1] == "المدرب"
    text = "وأعرب المسؤولان عن قلقهما من الوضع ، فيما رفضت الحكومة الاتهامات واعتبرا أن الأمر خطير ."
    assert attributions(text)[-1][1] == "المسؤولان"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a masculine verb before a definite feminine noun: the noun is its object, the speaker goes on
        ("وقال المتحدث إن الوضع صعب ، واتهم الحكومة الانتقالية بالتقصير في حماية المدنيين .", "المتحدث"),
        # a feminine verb agrees with it: its subject
        ("وقال المتحدث إن الوضع صعب . واتهمت الحكومة الانتقالية المعارضة بالتقصير .", "الحكومة الانتقالية"),
        # a title in ة is a man's
        ("واتهم الداعية الإسلامي الحكومة بالتقصير في حماية المدنيين .", "الداعية الإسلامي"),
    ],
)
def test_a_verb_before_a_feminine_noun_in_the_masculine_makes_it_the_object(text: str, speaker: str) -> None:
    assert attributions(text)[-1][1] == speaker


@pytest.mark.parametrize(
    ("second", "speaker"),
    [
        # a verb in the feminine with no subject after a man's words: the institution that opened a
        # clause in them
        ("وتقول إن الأزمة ستطول .", "الوزارة الفرنسية"),
        # in the masculine it goes on with him
        ("ويقول إن الأزمة ستطول .", "الخبير"),
    ],
)
def test_a_feminine_verb_after_a_mans_words_stands_for_the_institution_in_them(
    second: str, speaker: str
) -> None:
    text = f"ويؤكد الخبير أن الوزارة الفرنسية تستخف بالأمر . {second}"
    assert attributions(text)[-1][1] == speaker


def test_a_feminine_institution_in_the_genitive_is_not_what_the_verb_stands_for() -> None:
    text = "ويؤكد الخبير أن سياسة الوزارة الفرنسية خاطئة . وتقول إن الأزمة ستطول ."
    assert attributions(text)[-1][1] == "الخبير"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "ويقول البعض إن الأزمة عابرة ، إلا أن خبراء في « الاقتصاد الأخضر » يرون أن الأزمة ستطول .",
            "خبراء في « الاقتصاد الأخضر »",
        ),
        ("وأضاف المراسل أن مسؤولين في وزارة المالية يعتقدون أن العجز سيتراجع .", "مسؤولين في وزارة المالية"),
    ],
)
def test_the_subject_of_a_nominal_clause_with_its_body_speaks_for_the_verb_after_it(
    text: str, speaker: str
) -> None:
    assert attributions(text)[-1][1] == speaker


def test_a_name_before_a_complementiser_after_a_verb_in_no_list_speaks_next() -> None:
    text = "وأصر كرامر أن المجلس مسؤول عن الأزمة . وأضاف أن الحل سياسي ."
    assert attributions(text)[-1][1] == "كرامر"
    # after "ولكنني" no verb opens the sentence: nothing is carried
    text = "وقال المدرب إن الفريق جاهز . ولكنني أعرف أن المباراة صعبة . وأضاف أن الحل سياسي ."
    assert attributions(text)[-1][1] == "المدرب"


@pytest.mark.parametrize(
    "text",
    [
        # an earlier clause opened by a demonstrative, or whose definite noun is a thing, lends no subject
        "وقال الكاتب إن الرواية جيدة . وهذا القول مني قد يبدو غريبا ، ولكني أوضح أن الفن صعب .",
        "وقال الكاتب إن الرواية جيدة . كما تعزز الدور الثقافي للمدينة ، وهو الدور الذي أشار إليه بأن المدينة عاصمة .",
    ],
)
def test_an_earlier_clause_lends_only_a_speaker_phrase_or_a_name(text: str) -> None:
    assert attributions(text)[-1][1] == "الكاتب"


def test_a_source_verbs_form_shows_no_gender_of_the_source_after_an() -> None:
    # "نقلت" agrees with the newspaper, not with the man it quotes: "مشيرا" goes on with him
    text = (
        "ويذكر الكتاب أن الإدارة أخطأت . ونقلت صحيفة الأيام عن الكاتب سمير قوله إن الحرب خطأ ، "
        "مشيرا إلى أن السلام ممكن ."
    )
    assert attributions(text)[-1][1] == "الكاتب سمير"


def test_ki_is_part_of_a_name_not_the_conjunction() -> None:
    text = "وقال سي كي شو مدير الشركة بالسعودية إن الجهازين حازا جوائز عديدة ."
    assert only(text)[1] == "سي كي شو مدير الشركة بالسعودية"


def test_a_name_holding_a_word_of_an_idiom_is_whole() -> None:
    assert only("وقال عبد الستار الجنابي إن الوضع خطير .")[1] == "عبد الستار الجنابي"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the noun after لكنّ / أنّ is in the accusative: an office or a source so written is the subject
        (
            "وقدم السفير مشروعا جديدا ، لكن سفيرا مطلعا على الوثيقة قال إنها مماثلة لمشروع سابق .",
            "سفيرا مطلعا على الوثيقة",
        ),
        (
            "وقال الوزير إن الاتفاق قريب . إلا أن مصدرا مقربا من الحكومة أكد أن الخلافات قائمة .",
            "مصدرا مقربا من الحكومة",
        ),
    ],
)
def test_an_office_in_the_accusative_after_lakinna_or_anna_is_the_subject(text: str, speaker: str) -> None:
    assert attributions(text)[-1][1] == speaker


# ----------------------------------------------------------------------------- ninth round, speakers
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a name, a comma and who they are, up to a colon or a comma before the circumstance of speech
        (
            "وقال يوهان كرامر، أحد الخبراء الألمان في شؤون الطاقة: «الأسعار لن تنخفض هذا الشتاء».",
            "يوهان كرامر، أحد الخبراء الألمان في شؤون الطاقة",
        ),
        (
            "وقالت سارة ليندكفيست، من معهد ستوكهولم للسلام، في مقابلة مع الإذاعة: «التسلح يتسارع».",
            "سارة ليندكفيست، من معهد ستوكهولم للسلام",
        ),
        # "من جهته" between commas is no apposition: the name alone
        ("وقال يوهان كرامر، من جهته، إن الأسعار لن تنخفض.", "يوهان كرامر"),
    ],
)
def test_an_apposition_after_a_name_and_a_comma_belongs_to_the_speaker(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a name in quotation marks and an envoy's posting do not break the subject between كان and قد
        (
            'وكانت الشركة المالكة لمتاجر "ZARA" قد أعلنت الشهر الماضي، أنها ستغلق فروعها.',
            'الشركة المالكة لمتاجر "ZARA"',
        ),
        (
            "وكان سفير اليابان لدى الاتحاد الأوروبي كينجي تاناكا قد أكد أن المفاوضات صعبة.",
            "سفير اليابان لدى الاتحاد الأوروبي كينجي تاناكا",
        ),
        # a relative clause between commas before the verb describes the subject before it
        (
            'وكان ماركو بيانكي، الذي حل ضيفا على برنامج "الأسبوع" المسائي، صرح بأن "الضرائب سترتفع".',
            "ماركو بيانكي",
        ),
    ],
)
def test_the_subject_between_kana_and_the_verb_holds_names_postings_and_relative_asides(
    text: str, speaker: str
) -> None:
    assert only(text)[1] == speaker


def test_lada_upon_arrival_is_not_part_of_the_speaker() -> None:
    assert only("وقال الوزير لدى وصوله إلى المطار إن الاتفاق قريب.")[1] == "الوزير"


def test_a_statement_issued_by_a_body_keeps_its_issuer() -> None:
    text = "وتراجع الإنتاج الصناعي في الربع الأخير، بحسب بيان مقتضب صدر عن وزارة الاقتصاد الألمانية."
    assert only(text)[1] == "بيان مقتضب صدر عن وزارة الاقتصاد الألمانية"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # the verb right after the relative pronoun agrees with it: its subject is the noun before
        (
            "وجاء القرار ردا على حكم المحكمة الدستورية التي اعتبرت خصوصا أن القانون باطل .",
            "المحكمة الدستورية",
        ),
        # over في to the source or office the body belongs to
        (
            "وسبق السيناتور المسؤولين في لجنة المالية الذين أعلنوا من جهتهم أنهم سيعقدون جلسات .",
            "المسؤولين في لجنة المالية",
        ),
        # a nisba after a definite noun in no list qualifies it
        (
            "واعتبرت الرابطة الأفريقية، التي تقول إنها تدافع عن الصحفيين، أن الحكم قاس .",
            "الرابطة الأفريقية",
        ),
        # a verb with its own subject in the relative clause: that subject speaks
        ("وهذا هو الاجتماع الذي قال الوزير إنه كان ناجحا .", "الوزير"),
        ("وهذه هي الخطة التي قالت عنها الوزيرة إنها ستنجح .", "الوزيرة"),
    ],
)
def test_a_verb_opening_a_relative_clause_speaks_for_the_noun_before_it(text: str, speaker: str) -> None:
    assert attributions(text)[0][1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('أكدت ابنته #سارة_ميلر أن "الحقيقة ستظهر قريبا".', "ابنته #سارة_ميلر"),
        ("وقالت هيئة الأرصاد البريطانية Met-Office إن الحرارة سترتفع.", "هيئة الأرصاد البريطانية Met-Office"),
        # a hyphen between spaces is a dash: it ends the phrase
        ("وقال الوزير - في تصريح مقتضب - إن الحرارة سترتفع.", "الوزير"),
    ],
)
def test_a_hashtag_or_a_hyphened_name_is_one_word_of_the_speaker(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


def test_a_participle_after_a_fronted_circumstance_describes_the_verbs_subject() -> None:
    text = "وفي وقت لاحق، تراجعت شركة النور للطيران عن تأكيد الخبر، مشيرة إلى أن البحث ما زال جاريا."
    assert only(text)[1] == "شركة النور للطيران"
    # a subject in no list (prices) after the circumstance is not taken for a speaker
    text = "في وقت لاحق، ارتفعت الأسعار في الأسواق المحلية، مشيرا إلى أن التضخم مستمر."
    assert only(text)[1] is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'أثار رئيس الحكومة الهنغارية السبت موجة استياء عندما أشار إلى وجود "مؤامرة خارجية" ضد بلاده.',
            "رئيس الحكومة الهنغارية",
        ),
        ('وأثارت الممثلة الفرنسية جدلا واسعا حينما قالت إن "الفن لا دين له".', "الممثلة الفرنسية"),
        # the verb of speech has its own subject after the conjunction
        ("وارتفعت الأسعار بشدة عندما أعلنت الحكومة أن الدعم سيلغى.", "الحكومة"),
    ],
)
def test_a_verb_of_speech_after_a_conjunction_of_time_has_the_subject_of_its_clause(
    text: str, speaker: str
) -> None:
    assert only(text)[1] == speaker


def test_a_demonstrative_object_before_an_indefinite_subject_is_passed_over() -> None:
    text = "أكد ذلك مسؤول في وزارة الخارجية أمس . وقال إن المطالب كثيرة ."
    assert only(text)[1] == "مسؤول في وزارة الخارجية"
    # with a definite noun the demonstrative is "that": "ذلك الرجل" is no office, nothing is proposed
    assert only("وقال ذلك الرجل إن المطالب كثيرة .")[1] is None


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a relative clause running up to what was said says who speaks
        (
            "وأضافت الشابة التي زارت دولا عربية عدة مثل مصر والأردن، بالقول: «أحب الثقافات المختلفة».",
            "الشابة التي زارت دولا عربية عدة مثل مصر والأردن",
        ),
        (
            "وقال مصدر في الشركة التي تدير الموانئ اليونانية أن السفينة رست بسلام.",
            "مصدر في الشركة التي تدير الموانئ اليونانية",
        ),
        (
            "وفي أثينا أكد مسؤول في الهيئة التي تراقب الملاحة البحرية أن السفينة رست بسلام.",
            "مسؤول في الهيئة التي تراقب الملاحة البحرية",
        ),
        # not over the frame the words were said in, nor a verb's object ("الوضع")
        ("وقال الوزير الذي زار المنطقة أمس في مؤتمر صحفي إن الوضع خطير.", "الوزير"),
        ("ووصف الوزير الذي زار المنطقة أمس الوضع بأنه خطير.", "الوزير"),
    ],
)
def test_a_relative_clause_up_to_what_was_said_belongs_to_the_speaker(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("ولم يكن داروين مهتما في البداية بأن يصبح طبيبا ولكنه رأى أن دراسة الطب مفيدة .", "داروين"),
        ('وكانت ميرفت ترغب في ضمها لفريقها، ولكنها قالت لها "اختاري ما تشائين".', "ميرفت"),
    ],
)
def test_but_he_after_a_verb_of_being_stands_for_its_subject(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


def test_but_he_of_the_other_gender_goes_on_with_the_speaker_before() -> None:
    text = "وقال الوزير إن الوضع صعب . وكانت الحكومة مترددة لكنه أكد أن القرار نهائي ."
    assert attributions(text)[-1][1] == "الوزير"


def test_li_on_a_hamza_is_who_it_was_said_to_never_the_speaker() -> None:
    assert only('وقالت لأنصارها الزعيمة المعارضة إن "النصر قريب".')[1] == "الزعيمة المعارضة"
    text = 'وقال المدرب إن الفريق جاهز . وأضاف لأنصاره عقب المباراة "كانت مباراة صعبة".'
    assert [s for _q, s, _c, _t in attributions(text)] == ["المدرب", "المدرب"]
    # a name that opens with ل and no hamza is a name
    assert only("وقال لطفي إن الوضع صعب .")[1] == "لطفي"


def test_a_name_between_commas_before_the_verb_belongs_to_the_speaker_before_it() -> None:
    text = "المتحدث باسم الحكومة، يوسف المحمود، قال إن الحكومة لن تستقيل."
    assert only(text)[1] == "المتحدث باسم الحكومة، يوسف المحمود"
    # a concession between commas is no name: no speaker phrase before the verb
    text = "وأكد أن الحكومة، رغم الضغوط، قالت إنها لن تستقيل."
    assert [s for _q, s, _c, _t in attributions(text)] == [None]


def test_a_verb_joined_by_wa_shares_the_subject_of_its_own_clause_first() -> None:
    text = (
        "ووصل الخبر إلى مواقع التواصل الاجتماعي سريعا، وردت نانسي على الأمر بنشر صورة وعلقت عليها قائلة "
        '"هذا حلفنا".'
    )
    assert only(text)[1] == "نانسي"
    # with no subject in its clause, the verb opening the sentence lends its subject as before
    text = "وأشاد المدير العام للشركة بالنتائج، وقال إن العام المقبل سيكون أفضل ."
    assert only(text)[1] == "المدير العام للشركة"


def test_a_present_verb_after_a_verb_of_beginning_is_no_name() -> None:
    text = "وأظهر انزعاجا ، ثم راح يتحدث عن نشاطه في مجال بيع الورود وقال : « حلمت طوال حياتي بمحل صغير » ."
    assert only(text)[1] is None
    # a name after a verb in no list still speaks next ("وأصر كرامر أن …")
    text = "وأصر كرامر أن المجلس مسؤول عن الأزمة . وأضاف أن الحل سياسي ."
    assert attributions(text)[-1][1] == "كرامر"


# ----------------------------------------------------------------------------- ninth round, quotes
@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        # a source phrase after the clause it qualifies, its verb with the pronoun pointing back to
        # what was said ("لما نقلته"، "لما نشرته"), "على ما" + a verb, "عنه" after the verb
        (
            "وارتفعت أسعار الوقود بنسبة عشرة بالمئة في يوليو، وفقا لما نقلته وكالة الأنباء الرسمية.",
            "وارتفعت أسعار الوقود بنسبة عشرة بالمئة في يوليو",
            "وكالة الأنباء الرسمية",
            "وفقا لما نقلته",
        ),
        (
            "وتراجعت مبيعات السيارات الكهربائية في القارة للشهر الثالث، وفقاً لما نشرته صحيفة الباييس الإسبانية.",
            "وتراجعت مبيعات السيارات الكهربائية في القارة للشهر الثالث",
            "صحيفة الباييس الإسبانية",
            "وفقاً لما نشرته",
        ),
        (
            "وسقطت ثلاث قذائف قرب مبنى البلدية صباحا، على ما أعلنت وزارة الداخلية.",
            "وسقطت ثلاث قذائف قرب مبنى البلدية صباحا",
            "وزارة الداخلية",
            "على ما أعلنت",
        ),
        (
            "وسيختار المجلس رئيسا جديدا قبل نهاية العام، حسب ما أعلن عنه المتحدث باسم الحزب.",
            "وسيختار المجلس رئيسا جديدا قبل نهاية العام",
            "المتحدث باسم الحزب",
            "حسب ما أعلن",
        ),
        # the source's name in quotation marks right after the phrase
        (
            'وتتجه الأسهم الآسيوية لأسوأ أسبوع لها منذ عامين، وفق "بلومبرغ".',
            "وتتجه الأسهم الآسيوية لأسوأ أسبوع لها منذ عامين",
            '"بلومبرغ"',
            "وفق",
        ),
        # a phrase opening the sentence, its verb with the pronoun
        (
            "ووفقا لما أوردته وكالة « الأناضول »، فاز المرشح المستقل بأغلبية الأصوات في الدائرة.",
            "فاز المرشح المستقل بأغلبية الأصوات في الدائرة",
            "وكالة « الأناضول »",
            "وفقا لما أوردته",
        ),
    ],
)
def test_a_source_phrase_with_a_verb_or_a_quoted_name_attributes_its_clause(
    text: str, quote: str, speaker: str, cue: str
) -> None:
    assert only(text)[:3] == (quote, speaker, cue)


@pytest.mark.parametrize(
    "text",
    [
        "وحصل الفريق على ما يريد في المباراة الأخيرة أمام منافسه.",  # "على ما" and no verb of speech
        "وحقق اللاعب ما يطمح إليه، وفق خطة المدرب الجديدة للموسم.",  # "وفق" and no source
        "وتعمل الشركة على ما تراه مناسبا لعملائها في المنطقة.",
    ],
)
def test_a_source_phrase_with_no_verb_of_speech_or_source_is_no_attribution(text: str) -> None:
    assert attributions(text) == []


def test_a_verb_and_its_subject_before_a_source_phrase_are_not_what_was_said() -> None:
    text = "وقال قائد الشرطة بحسب ما نقل عنه مسؤول كبير للصحفيين أمس."
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        # "، وهي" / "، وهو" before an indefinite noun, a name or a verb: the report goes on
        (
            "وقال المتحدث إن الشحنة وصلت إلى ثلاث دول مجاورة، وهي الأردن ولبنان والعراق، خلال يومين.",
            "إن الشحنة وصلت إلى ثلاث دول مجاورة، وهي الأردن ولبنان والعراق، خلال يومين",
        ),
        (
            "وأوضح البيان أن السفينة تملكها شركة نورث لاين، وهي شركة مسجلة في مالطا.",
            "أن السفينة تملكها شركة نورث لاين، وهي شركة مسجلة في مالطا",
        ),
        # "، وهو ما …" and "، وهي" + a definite noun are the reporter's aside
        (
            "وقال الوزير إن الحكومة سترفع الأجور في الربيع، وهو ما رحبت به النقابات.",
            "إن الحكومة سترفع الأجور في الربيع",
        ),
        (
            "وأعلنت الوزارة أن المدارس ستغلق أسبوعا، وهي المرة الثانية هذا العام.",
            "أن المدارس ستغلق أسبوعا",
        ),
    ],
)
def test_wahiya_before_a_noun_or_a_verb_goes_on_with_the_report(text: str, quote: str) -> None:
    assert only(text)[0] == quote


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a record (figures, an official text) after a source phrase speaks for its issuer
        (
            "وقد أغلقت 40 مدرسة في الإقليم وفقا لإحصاءات المنظمة الدولية للتعليم.",
            "وقد أغلقت 40 مدرسة في الإقليم",
            "المنظمة الدولية للتعليم",
        ),
        (
            "وسيصوت الأعضاء على الميزانية الجديدة يوم الأحد، بحسب آخر المعطيات الصادرة عن الناطق باسم البرلمان.",
            "وسيصوت الأعضاء على الميزانية الجديدة يوم الأحد",
            "الناطق باسم البرلمان",
        ),
        # ", وهي" + a verb in the clause before the phrase goes on with it
        (
            "وتراجعت الصادرات بنسبة خمسة بالمئة، وهي تسجل أدنى مستوى منذ عقد، وفق مصادر تجارية.",
            "وتراجعت الصادرات بنسبة خمسة بالمئة، وهي تسجل أدنى مستوى منذ عقد",
            "مصادر تجارية",
        ),
    ],
)
def test_a_record_after_a_source_phrase_speaks_for_its_issuer(text: str, quote: str, speaker: str) -> None:
    assert only(text)[:2] == (quote, speaker)


@pytest.mark.parametrize(
    "text",
    [
        "وارتفع عدد السكان إلى مليونين وفقا لأرقام رسمية.",  # no issuer named
        "وطبقا لمرسوم التعيين فإن رئيس المجلس سيعلن الحكومة خلال أيام.",  # the issuer is not named
    ],
)
def test_a_record_with_no_issuer_after_a_source_phrase_is_no_attribution(text: str) -> None:
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # a long circumstance between "قال" and its subject and a quotation that closes the sentence
        (
            'وقال رئيس البعثة الأممية للصحفيين في جنيف بعد يومين من جولة في المنطقة على هامش مؤتمر المانحين (الثالث) "لن نترك السكان وحدهم هذا الشتاء".',
            '"لن نترك السكان وحدهم هذا الشتاء"',
            "رئيس البعثة الأممية",
        ),
        (
            'وأضاف مدير المستشفى لوكالة الأنباء المحلية عقب زيارة الوزير للمبنى "نحتاج إلى أدوية وأجهزة تنفس بسرعة".',
            '"نحتاج إلى أدوية وأجهزة تنفس بسرعة"',
            "مدير المستشفى",
        ),
    ],
)
def test_a_quotation_closing_the_sentence_after_a_long_circumstance_is_what_was_said(
    text: str, quote: str, speaker: str
) -> None:
    assert only(text)[:2] == (quote, speaker)


@pytest.mark.parametrize(
    "text",
    [
        # a name in marks, the sentence going on after the quotation, another verb on the way
        'وقال الوزير خلال زيارته لمعرض "الكتاب الدولي للأطفال" في العاصمة يوم الأحد الماضي.',
        'وقال المدرب للصحفيين في الملعب بعد المباراة الأخيرة أمام الفريق الضيف "سنعود أقوى" قبل أن يغادر القاعة.',
        'وقال السفير للصحفيين في المطار بعد عودته من العاصمة عقب لقاء نظيره الذي أكد "دعمه الكامل للخطة الجديدة".',
    ],
)
def test_a_quotation_that_does_not_close_the_sentence_after_a_long_circumstance_is_not_taken(
    text: str,
) -> None:
    assert all(q[2] != "قال" for q in attributions(text))


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        # verbs of speech modern news uses: حض (urged), عبّر عن (expressed), أبرز (highlighted), and the
        # participle of ذكّر with ب ("، مذكرا بأن")
        (
            "وحضت المفوضية الدول الأعضاء على استقبال مزيد من اللاجئين هذا العام.",
            "استقبال مزيد من اللاجئين هذا العام",
            "المفوضية",
            "حضت",
        ),
        (
            "وعبّرت الممثلة عن سعادتها بالمشاركة في المهرجان للمرة الأولى.",
            "سعادتها بالمشاركة في المهرجان للمرة الأولى",
            "الممثلة",
            "عبّرت",
        ),
        (
            "وعبر رئيس الاتحاد عن أمله في أن يتأهل المنتخب إلى النهائيات.",
            "أمله في أن يتأهل المنتخب إلى النهائيات",
            "رئيس الاتحاد",
            "عبر",
        ),
        (
            "وأبرزت الوزيرة أن نسبة البطالة تراجعت في الربع الأخير.",
            "أن نسبة البطالة تراجعت في الربع الأخير",
            "الوزيرة",
            "أبرزت",
        ),
    ],
)
def test_modern_news_verbs_of_speech(text: str, quote: str, speaker: str, cue: str) -> None:
    assert only(text)[:3] == (quote, speaker, cue)


def test_the_participle_of_dhakkara_with_bi_goes_on_with_the_speaker() -> None:
    text = "وأكد النائب أن العريضة مفتوحة للجميع، مذكرا بأن القانون يضمن حق التظاهر."
    assert attributions(text)[-1][:3] == ("بأن القانون يضمن حق التظاهر", "النائب", "مذكرا")


@pytest.mark.parametrize(
    "text",
    [
        # عبر as "via" or "crossed", أبرز as "most prominent", مذكرة as "memorandum"
        "ونشرت الوزارة الصور عبر حسابها على منصة إكس أمس.",
        "وعبر آلاف المهاجرين الحدود نحو اليونان خلال الليل.",
        "والرحلة التي عبرت خلالها الدراجة 13 دولة هي : النرويج والدانمارك وألمانيا وسويسرا.",
        "ومن أبرز الأسماء في المهرجان المخرج الذي فاز بالجائزة الكبرى عام 1990.",
        "ووقع البلدان مذكرة تفاهم بشأن التعاون في مجال الطاقة.",
        "وهو يعبر عن ذلك ببساطة في كل لقاء مع الجمهور.",
    ],
)
def test_look_alikes_of_the_modern_verbs_of_speech_propose_nothing(text: str) -> None:
    assert attributions(text) == []


def test_a_verb_of_speech_after_via_is_unaffected() -> None:
    text = "وقال الوزير في تغريدة عبر حسابه على منصة إكس إن المفاوضات توقفت."
    assert only(text)[:3] == ("إن المفاوضات توقفت", "الوزير", "قال")


@pytest.mark.parametrize(
    "text",
    [
        # a noun phrase after a negated verb was not said; "تعد" is "is considered", not "promises"
        "ولم تعلن الشركة بعد عن خطط مفصلة لافتتاح فروع جديدة في المنطقة.",
        "ولا يكشف التقرير عن أسماء الشركات المتورطة في الصفقة.",
        'وتعد "ليلة المتاحف" إحدى أبرز الفعاليات الثقافية التي تنظمها البلدية كل عام.',
    ],
)
def test_a_negated_verb_before_a_noun_phrase_and_yuaddu_report_nothing(text: str) -> None:
    assert attributions(text) == []


def test_a_negated_verb_before_a_clause_still_reports_it() -> None:
    assert only("ولم يستبعد الوزير أن تستأنف المفاوضات قريبا.")[:2] == (
        "أن تستأنف المفاوضات قريبا",
        "الوزير",
    )


def test_a_bi_word_after_another_preposition_is_its_noun_not_what_was_demanded() -> None:
    text = "وطالبت النقابة في بيان رسمي الحكومة بإلغاء القرار فورا."
    assert only(text)[:3] == ("بإلغاء القرار فورا", "النقابة", "طالبت")


def test_li_before_a_present_verb_of_speech_and_a_complementiser_goes_on_with_the_speaker() -> None:
    text = "وقالت المدربة إن الفريق جاهز للمباراة، لتؤكد أن الإصابات لن تؤثر على الأداء."
    assert attributions(text) == [
        ("إن الفريق جاهز للمباراة", "المدربة", "قالت", "indirect"),
        ("أن الإصابات لن تؤثر على الأداء", "المدربة", "لتؤكد", "indirect"),
    ]


def test_li_before_a_present_verb_and_a_noun_is_in_order_to() -> None:
    assert attributions("وسجل المهاجم هدفين في الشوط الثاني ليؤكد تفوقه على منافسيه.") == []


def test_the_past_of_bayyana_other_than_its_plain_form_is_a_cue() -> None:
    text = "وبيّنت الهيئة، أنها افتتحت فرعا جديدا في العاصمة."
    assert only(text)[:3] == ("أنها افتتحت فرعا جديدا في العاصمة", "الهيئة", "بيّنت")


def test_bayna_between_before_a_speakers_noun_is_no_cue() -> None:
    text = "ووصف المتحدث باسم الوزارة المحادثات بين المسؤولين بأنها مثمرة."
    assert only(text)[1:3] == ("المتحدث باسم الوزارة", "وصف")


def test_a_circumstance_between_commas_after_a_long_gap_still_leads_to_the_clause() -> None:
    text = (
        "وأفادت النائبة سلمى الهادي عن كتلة حزب العمل الوطني بالبرلمان، في تصريح لوكالة الأنباء "
        "الرسمية المحلية، بأن عدد الموقعين سيرتفع خلال الأيام المقبلة."
    )
    assert only(text)[:3] == ("بأن عدد الموقعين سيرتفع خلال الأيام المقبلة", "النائبة سلمى الهادي", "أفادت")


def test_an_aside_that_is_not_a_circumstance_does_not_stretch_the_gap() -> None:
    text = (
        "ولاحظ الزائر الشابات في أجنحة المعرض الكبير وقد بدأن في وضع مساحيق الزينة وطلاء الوجه والشعر، "
        "كما سمحت السلطات بالموسيقى، إنها فرصة للشباب."
    )
    assert attributions(text) == []


def test_an_after_to_the_point_is_no_complementiser_of_speech() -> None:
    text = "ويروي الفيلم قصة أم تعشق ابنها الأصغر لدرجة أنها تتناسى بقية الأسرة."
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ('وقتل خمسة أشخاص في الهجوم على السوق، نقلا عن "سكاي نيوز عربية".', '"سكاي نيوز عربية"'),
        ("وقتل خمسة أشخاص في الهجوم على السوق، نقلا عن مصادر أمنية.", "مصادر أمنية"),
    ],
)
def test_naqlan_an_is_a_source_phrase_before_it_is_a_dual_verb(text: str, speaker: str) -> None:
    assert only(text)[:3] == ("وقتل خمسة أشخاص في الهجوم على السوق", speaker, "نقلا عن")


def test_ala_ma_after_a_verb_that_governs_ala_is_its_object_not_a_source_phrase() -> None:
    assert attributions("وصادق المجلس الأعلى على ما أعلنه الوزير أمس من إجراءات.") == []


# ---- tenth round, quotes ----


@pytest.mark.parametrize(
    ("text", "quote"),
    [
        (
            "وأكد الوزير أمس ألا أحد يستطيع منع البلاد من المضي في خطتها.",
            "ألا أحد يستطيع منع البلاد من المضي في خطتها",
        ),
        ("واعتبرت المنظمة ألّا حل للأزمة دون حوار شامل.", "ألّا حل للأزمة دون حوار شامل"),
    ],
)
def test_alla_that_not_opens_the_reported_clause_like_an(text: str, quote: str) -> None:
    assert only(text)[0] == quote


@pytest.mark.parametrize(
    "text",
    [
        "وأكد الوزير ذلك الا أن المعارضة رفضت الخطة.",  # إلا without hamza: "except"
        "وأكد الوزير ذلك ألا أن المعارضة رفضت الخطة.",  # إلا misspelt before أن
        "وأكد الوزير ذلك، إلا أن المعارضة رفضت الخطة.",
    ],
)
def test_illa_except_is_no_complementiser_however_it_is_written(text: str) -> None:
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        (
            "تراجعت أسعار النفط في الأسواق العالمية هذا الأسبوع، تقول الوكالة.",
            "تراجعت أسعار النفط في الأسواق العالمية هذا الأسبوع",
            "الوكالة",
            "تقول",
        ),
        (
            "وارتفع عدد الزوار إلى مليون زائر هذا العام، كما يقول المدير.",
            "وارتفع عدد الزوار إلى مليون زائر هذا العام",
            "المدير",
            "يقول",
        ),
        (
            "لن تتغير سياسة البنك المركزي قبل نهاية العام، قال المحافظ.",
            "لن تتغير سياسة البنك المركزي قبل نهاية العام",
            "المحافظ",
            "قال",
        ),
    ],
)
def test_a_verb_of_speech_after_a_comma_closing_the_sentence_reports_the_clause_before(
    text: str, quote: str, speaker: str, cue: str
) -> None:
    assert only(text) == (quote, speaker, cue, "indirect")


@pytest.mark.parametrize(
    "text",
    [
        "ارتفعت أسعار الذهب بشكل كبير خلال الشهر الماضي، وقال المحلل إن الطلب كبير.",  # a new attribution
        "ارتفعت الأسعار، قال المحلل.",  # too short to be a statement
        "وصل الوزير إلى العاصمة صباح اليوم، قادما من باريس.",  # no verb of speech
    ],
)
def test_no_postposed_clause_without_a_bare_verb_ending_the_sentence(text: str) -> None:
    assert all(
        q != "ارتفعت الأسعار" and not q.startswith(("ارتفعت أسعار", "وصل")) for q, *_ in attributions(text)
    )


@pytest.mark.parametrize("dash", ["-", "–", "—"])
def test_an_aside_between_dashes_stands_between_the_speaker_and_the_clause(dash: str) -> None:
    text = f"وقال الكاتب {dash} وفق عرض في الصحيفة {dash} إن هذه المسألة بدأت منذ زمن بعيد."
    assert only(text)[:3] == ("إن هذه المسألة بدأت منذ زمن بعيد", "الكاتب", "قال")


def test_a_dash_that_is_not_closed_before_the_clause_is_no_aside() -> None:
    text = "وقال الكاتب – وفق عرض في الصحيفة وبعد ذلك شرح في كتابه الطويل عن تاريخ المدينة القديمة كلها."
    assert attributions(text) == []


def test_whereas_after_a_comma_goes_on_with_the_speakers_contrast() -> None:
    text = "وقال الطبيب إن الفتاة استشهدت جراء إصابتها في القصف، بينما أصيب عشرة مواطنين بجروح متفاوتة."
    assert only(text)[0] == "إن الفتاة استشهدت جراء إصابتها في القصف، بينما أصيب عشرة مواطنين بجروح متفاوتة"


@pytest.mark.parametrize(
    ("text", "first"),
    [
        (
            "وقال الطبيب إن الفتاة استشهدت جراء إصابتها في القصف، بينما قال شهود إن القصف استمر ساعة.",
            "إن الفتاة استشهدت جراء إصابتها في القصف",
        ),
        (
            "وقال الطبيب إن الفتاة استشهدت جراء إصابتها في القصف، فيما أصيب عشرة مواطنين بجروح.",
            "إن الفتاة استشهدت جراء إصابتها في القصف",
        ),
    ],
)
def test_whereas_before_a_verb_of_speech_and_meanwhile_still_end_the_clause(text: str, first: str) -> None:
    assert attributions(text)[0][0] == first


# ----------------------------------------------------------------------------- tenth round, speakers
@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a noun of speech with its nisba adjective before "V فيه": the clause describes the noun, its
        # subject is the subject of the clause that holds the noun, not the adjective before the verb
        (
            'وأكد رئيس الوزراء جون بيرد أمس أن البلاد ستواصل دعمها وذلك في مؤتمر صحفي أوضح فيه أن " الحكومة لن تتراجع " .',
            "رئيس الوزراء جون بيرد",
        ),
        (
            "وعقد وزير الدفاع كارل موتس مؤتمرا صحافيا نفى فيه أن تكون القوات قد انسحبت .",
            "وزير الدفاع كارل موتس",
        ),
        ("وأصدرت الوزارة بيانا رسميا قالت فيه إن الوضع مستقر .", "الوزارة"),
        # look-alike: a subject before the verb with no resumptive pronoun after it stays the subject
        ("وقال المتحدث الرسمي إن الوضع مستقر .", "المتحدث الرسمي"),
    ],
)
def test_a_verb_with_in_which_after_a_noun_of_speech_and_its_adjective_has_the_clauses_subject(
    text: str, speaker: str
) -> None:
    assert attributions(text)[-1][1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # و and a pronoun right after the verb open a circumstance (حال): the speaker goes on from before
        ('وقال الوزير إن الاقتصاد يتعافى . وأضاف وهو يبتسم أمام الصحفيين: "لن نتراجع".', "الوزير"),
        ("وقالت الوزيرة إن الاقتصاد يتعافى . وأضافت وهي تغادر القاعة إن الحكومة لن تتراجع .", "الوزيرة"),
        # look-alike: a subject after the verb is still read as the subject
        ("وقال الوزير إن الاقتصاد يتعافى . وأضاف المتحدث إن الحكومة لن تتراجع .", "المتحدث"),
    ],
)
def test_wa_and_a_pronoun_after_the_verb_is_a_circumstance_not_the_speaker(text: str, speaker: str) -> None:
    assert attributions(text)[-1][1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a body after في inside the relative clause is part of the clause, which says who speaks
        (
            "وقال مسؤولون بنقابتي العمال اللتين تمثلان العاملين في البنك المركزي ان الاضراب احتجاج .",
            "مسؤولون بنقابتي العمال اللتين تمثلان العاملين في البنك المركزي",
        ),
        # look-alikes: a medium or an occasion of speech after في is the verb's frame, not the clause's
        ("وقال الوزير الذي تحدث في قناة الجزيرة إن الاضراب احتجاج .", "الوزير"),
        ("وقال الوزير الذي يزور البلاد في مؤتمر صحفي إن الاضراب احتجاج .", "الوزير"),
    ],
)
def test_a_body_after_fi_stays_in_the_relative_clause_of_the_speaker(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # who he is in a body, then a name with no article after the body's definite words: one speaker
        (
            "وقال الرجل الثالث في وزارة الخارجية الفرنسية جان دوبون الاربعاء إن المفاوضات مستمرة .",
            "الرجل الثالث في وزارة الخارجية الفرنسية جان دوبون",
        ),
        (
            "وقالت المرأة الثانية في وزارة الدفاع الألمانية أورسولا فون إن المفاوضات مستمرة .",
            "المرأة الثانية في وزارة الدفاع الألمانية أورسولا فون",
        ),
        # look-alike: no name after the body, the place stays out
        ("وقال الرجل الثالث في وزارة الخارجية الفرنسية إن المفاوضات مستمرة .", "الرجل الثالث"),
    ],
)
def test_a_rank_in_a_body_then_a_name_is_one_speaker(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


# ----------------------------------------------------------------------------- spelled acronyms
@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        # the إن of "سي إن إن" (CNN) is the letter N: the speaker keeps it, the clause starts after it
        ("وقالت سي إن إن إن الرئيس وصل إلى المدينة .", "إن الرئيس وصل إلى المدينة", "سي إن إن"),
        ("وذكرت شبكة سي إن إن الإخبارية أن الوفد غادر .", "أن الوفد غادر", "شبكة سي إن إن الإخبارية"),
        ("وذكرت شبكة إن بي سي أن الوفد غادر .", "أن الوفد غادر", "شبكة إن بي سي"),
        # the channel as the medium of another source
        ("ونقلت شبكة سي إن إن عن مسؤول قوله إن الاجتماع انتهى .", "إن الاجتماع انتهى", "مسؤول"),
        # look-alikes: an acronym with no إن, and إن right before one, are as before
        ("وقالت شبكة بي بي سي إن الرئيس وصل .", "إن الرئيس وصل", "شبكة بي بي سي"),
        ("وقال الوزير إن بي بي سي لم تنشر الخبر .", "إن بي بي سي لم تنشر الخبر", "الوزير"),
    ],
)
def test_the_letters_of_a_spelled_acronym_are_a_name_not_a_complementiser(
    text: str, quote: str, speaker: str
) -> None:
    found = only(text)
    assert (found[0], found[1]) == (quote, speaker)


# ----------------------------------------------------------------------------- twelfth round
@pytest.mark.parametrize(
    ("text", "quote", "cue"),
    [
        ("وتوفي الرجل في المستشفى، وقيل إن السبب كان خطأ طبيا.", "إن السبب كان خطأ طبيا", "قيل"),
        ("ويُقال إن المدينة بنيت قبل ألف عام.", "إن المدينة بنيت قبل ألف عام", "يُقال"),
        ("ويشاع أن الفريق سيغير مدربه قريبا.", "أن الفريق سيغير مدربه قريبا", "يشاع"),
        ("وأشيع أن الوزير سيستقيل.", "أن الوزير سيستقيل", "أشيع"),
    ],
)
def test_a_passive_of_speech_reports_the_clause_with_no_speaker(text: str, quote: str, cue: str) -> None:
    assert only(text) == (quote, None, cue, "indirect")


def test_a_passive_of_speech_takes_no_speaker_from_the_sentence_before() -> None:
    found = attributions("وقال الوزير إن الاتفاق قريب. وقيل له إن المعارضة ترفضه.")
    assert found == [
        ("إن الاتفاق قريب", "الوزير", "قال", "indirect"),
        ("إن المعارضة ترفضه", None, "قيل", "indirect"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "وكثر ما يقال عن الحادث في الصحف.",  # no complementiser: what is said about it
        "أما إذا قيل إن المدينة قديمة فذلك صحيح.",  # a condition: what would be said
        "ويشيع أهالي القرية جثمانه اليوم.",  # يشيّع: escorts the funeral (only يشاع is a cue)
    ],
)
def test_a_passive_of_speech_without_its_clause_or_in_a_condition_reports_nothing(text: str) -> None:
    assert attributions(text) == []


def test_a_negated_passive_of_speech_is_no_cue() -> None:
    # "so that it is not said": what the verb before says is read past it, the passive cues nothing
    assert all(
        cue != "يقال" for _q, _s, cue, _t in attributions("ولكني أوضح ذلك حتى لا يقال إن الحكومة تراجعت.")
    )


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        # بيّن with و opening the sentence and a complementiser after its subject, or its shadda written
        (
            "وبين المدير أن الشركة حققت أرباحا كبيرة هذا العام.",
            "أن الشركة حققت أرباحا كبيرة هذا العام",
            "المدير",
            "بين",
        ),
        ("تراجعت الأسعار. وبين اتيجالي أن القطاع يشهد نموا.", "أن القطاع يشهد نموا", "اتيجالي", "بين"),
        ("كما بيّن الوزير أن الوضع مستقر.", "أن الوضع مستقر", "الوزير", "بيّن"),
        ("وبيّن البرنامج، أنه يتم فتح باب الشكاوى.", "أنه يتم فتح باب الشكاوى", "البرنامج", "بيّن"),
    ],
)
def test_bayyana_written_like_bayna_is_a_cue_where_only_the_verb_can_stand(
    text: str, quote: str, speaker: str, cue: str
) -> None:
    assert only(text) == (quote, speaker, cue, "indirect")


@pytest.mark.parametrize(
    "text",
    [
        "الفرق بين الأمرين أن الأول أسهل.",  # the preposition inside a sentence
        "وبين الطرفين خلاف كبير حول أن الاتفاق انتهى.",  # a preposition before the complementiser
        "أفرق بين المرأة كشيء جميل، وبين المرأة كمخلوق يريد أن يستأثر بكل شيء.",  # بين … وبين
        "وبين القتلى ثلاثة أطفال.",
    ],
)
def test_bayna_between_is_no_cue(text: str) -> None:
    assert attributions(text) == []


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وبحسب ماريا كوستا، فإن الأسعار سترتفع العام المقبل.", "ماريا كوستا"),
        # the name's apposition is the speaker's, a relative clause after it is passed over
        (
            "وبحسب ماريا كوستا، الخبيرة في الشؤون الاقتصادية، التي التقت الوزير في مكتبه، فإن الأسعار سترتفع العام المقبل.",
            "ماريا كوستا، الخبيرة في الشؤون الاقتصادية",
        ),
    ],
)
def test_a_source_phrase_then_an_unknown_name_answered_by_fa_inna_reports_the_clause(
    text: str, speaker: str
) -> None:
    assert only(text) == ("فإن الأسعار سترتفع العام المقبل", speaker, "بحسب", "indirect")


@pytest.mark.parametrize(
    "text",
    [
        "وفقا للقانون الدولي، فإن الاحتلال غير شرعي في كل الأحوال.",  # a law, no one speaks
        "وبحسب تقديرات، فإن عدد السكان يبلغ مليونا.",  # estimates of nobody named
        "وبحسب هذا، فإن الأسعار سترتفع العام المقبل.",  # what was said before
    ],
)
def test_a_source_phrase_answered_by_fa_inna_without_a_name_reports_nothing(text: str) -> None:
    assert attributions(text) == []


def test_sabaqa_wa_a_verb_goes_on_inside_what_was_said() -> None:
    # "had already informed": the و joins the verb to سبق, no new attribution
    assert only("وقال الوزير إنه سبق وأبلغ السفير احتجاج بلاده على الخرق.")[0] == (
        "إنه سبق وأبلغ السفير احتجاج بلاده على الخرق"
    )
    # look-alike: و and a verb of speech with its object after a clause still end it
    assert only("وقال الوزير إن الاتفاق قريب وأبلغ السفير بذلك.")[0] == "إن الاتفاق قريب"


def test_a_closing_verb_of_speech_keeps_its_subject_before_a_short_name_in_brackets() -> None:
    text = "وارتفع عدد المعتقلين إلى مئة شخص هذا الشهر، كما أفاد جهاز الأمن الداخلي (الشين بيت)."
    assert only(text) == (
        "وارتفع عدد المعتقلين إلى مئة شخص هذا الشهر",
        "جهاز الأمن الداخلي",
        "أفاد",
        "indirect",
    )
    # look-alike: more words after the brackets: the subject does not close the sentence
    assert attributions(text.replace(").", ") في تقرير.")) == []


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        ("وختم البيان أن الأعضاء في حالة اجتماع دائم.", "أن الأعضاء في حالة اجتماع دائم", "البيان", "ختم"),
        (
            "واختتم الوزير كلمته بأن الحكومة ماضية في الإصلاح.",
            "بأن الحكومة ماضية في الإصلاح",
            "الوزير",
            "اختتم",
        ),
    ],
)
def test_verbs_of_closing_are_cues(text: str, quote: str, speaker: str, cue: str) -> None:
    assert only(text) == (quote, speaker, cue, "indirect")


def test_closing_a_meeting_is_no_speech() -> None:
    assert attributions("واختتم المؤتمر أعماله أمس في العاصمة.") == []


def test_bi_on_a_word_in_hamza_after_the_verb_is_no_subject() -> None:
    # "بإمكانية": ب on a word written with hamza is the verb's preposition; the speaker is carried
    found = only("وأثنى المدرب على اللاعب، وأفاد بإمكانية أن يحقق نتائج أفضل.")
    assert found[:3] == ("أن يحقق نتائج أفضل", "المدرب", "أفاد")
    # look-alike: a name whose first letter is ب (no hamza) is still the subject
    assert only("وأفاد باراك بأن المفاوضات انتهت.")[:3] == ("بأن المفاوضات انتهت", "باراك", "أفاد")


@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        (
            "وتأتي التوقيفات بعد إعلان الشرطة الأسبوع الماضي، أنها أوصت القضاء بتوجيه تهم الفساد.",
            "أنها أوصت القضاء بتوجيه تهم الفساد",
            "الشرطة",
            "إعلان",
        ),
        (
            "وجاء ذلك رغم تأكيد وزير الخارجية أن المفاوضات مستمرة.",
            "أن المفاوضات مستمرة",
            "وزير الخارجية",
            "تأكيد",
        ),
        # a verb of speech after a comma opens the main clause: the noun's clause ends before it
        (
            "فرغم إعلان الرئيس أن اتفاقا جرى التوصل إليه ، نفت الحركة ذلك .",
            "أن اتفاقا جرى التوصل إليه",
            "الرئيس",
            "إعلان",
        ),
    ],
)
def test_a_verbal_noun_of_speech_with_its_subject_and_a_complementiser_reports_the_clause(
    text: str, quote: str, speaker: str, cue: str
) -> None:
    assert attributions(text)[0] == (quote, speaker, cue, "indirect")


@pytest.mark.parametrize(
    "text",
    [
        "وتم إعلان الحكومة حالة الطوارئ في البلاد.",  # no complementiser: an act, not a report
        "وأعلن الوزير عن إعلان جديد للوظائف.",
        "وجاء ذلك بعد إعلان هذا أن يكون شرطا.",  # a demonstrative is no speaker
    ],
)
def test_a_verbal_noun_of_speech_without_subject_and_clause_reports_nothing(text: str) -> None:
    assert all(cue not in ("إعلان",) for _q, _s, cue, _t in attributions(text))


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        (
            "وتنصح الجمعية الألمانية بخفض ضغط الدم إلى القيمة المثالية.",
            "بخفض ضغط الدم إلى القيمة المثالية",
            "الجمعية الألمانية",
        ),
        # the advised stand between the subject and what was advised
        ("ونصحت الشركة جميع المستخدمين بتغيير كلمة السر.", "بتغيير كلمة السر", "الشركة"),
    ],
)
def test_advising_with_bi_reports_the_noun_phrase(text: str, quote: str, speaker: str) -> None:
    assert only(text)[:2] == (quote, speaker)


def test_advising_with_nothing_advised_reports_nothing() -> None:
    assert attributions("ونصح المدرب اللاعبين.") == []


# ----------------------------------------------------------------------------- thirteenth round
@pytest.mark.parametrize(
    ("text", "quote", "speaker", "cue"),
    [
        (
            "وتابع الوزير الأمريكي بالقول إن المسؤولين الروس لم يكونوا على علم.",
            "إن المسؤولين الروس لم يكونوا على علم",
            "الوزير الأمريكي",
            "تابع",
        ),
        (
            "وختم كاكبيرن بالقول إن العراق الجديد سيكون فدراليا.",
            "إن العراق الجديد سيكون فدراليا",
            "كاكبيرن",
            "ختم",
        ),
        ("وردّ المتحدث بالقول إن الحكومة لم تتلق شيئا.", "إن الحكومة لم تتلق شيئا", "المتحدث", "ردّ"),
    ],
)
def test_by_saying_after_the_subject_ends_it_and_the_verb_of_saying_is_the_cue(
    text: str, quote: str, speaker: str, cue: str
) -> None:
    assert only(text) == (quote, speaker, cue, "indirect")


def test_by_saying_with_no_subject_links_the_speaker_before() -> None:
    found = attributions("وقالت اللجنة إن الهواتف مهمة. وتابعت بالقول إن الرياضيين سيحتفظون بها.")
    assert found[1][:3] == ("إن الرياضيين سيحتفظون بها", "اللجنة", "تابعت")


@pytest.mark.parametrize(
    ("text", "cue"),
    [
        # look-alikes: after a verb that is not one of saying, or with an object between, the noun is the cue
        ("التقينا الإمام الذي بادرنا بالقول إن كل سكان المنطقة عرب.", "بالقول"),
        ("وبررت الوكالة الرسمية اتخاذ هذا القرار بقولها إنه يأتي في ضوء الأحداث.", "بقولها"),
    ],
)
def test_by_saying_after_another_verb_is_its_own_cue(text: str, cue: str) -> None:
    assert only(text)[2] == cue


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وقال رئيس حركة النهضة، راشد الغنوشي إن نموذج التوافق ناجح.", "رئيس حركة النهضة، راشد الغنوشي"),
        (
            "اعتبر الناطق الرسمي باسم الحزب الجمهوري، عصام الشابي أن الحكومة عاجزة.",
            "الناطق الرسمي باسم الحزب الجمهوري، عصام الشابي",
        ),
        # with the comma that closes the name, as before
        ("وقال وزير الدفاع الأمريكي، جيمس ماتيس، إنه يحتاج إلى المزيد.", "وزير الدفاع الأمريكي، جيمس ماتيس"),
    ],
)
def test_an_office_then_a_comma_and_a_name_before_the_complementiser_is_one_speaker(
    text: str, speaker: str
) -> None:
    assert only(text)[1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # look-alikes: a time or an adverb after the comma is no name
        ("وقال المتحدث باسم الجيش، أمس إن القوات تقدمت.", "المتحدث باسم الجيش"),
        ("وقال المتحدث، مساء الأحد إن القوات تقدمت.", "المتحدث"),
        ("وقال الوزير، بدوره إن القوات تقدمت.", "الوزير"),
        # no office before the comma: the name is not taken
        ("وقالت الحكومة، راشد الغنوشي إن الوضع صعب.", "الحكومة"),
    ],
)
def test_a_time_after_the_comma_of_an_office_is_no_name(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


def test_a_leading_member_of_a_party_is_an_office_in_an_apposition() -> None:
    found = only("واعتبرت مية الجريبي، القيادية في الحزب الجمهوري، اليوم الاثنين أن تونس في مخاض.")
    assert found[:2] == ("أن تونس في مخاض", "مية الجريبي، القيادية في الحزب الجمهوري")
    # look-alike: a word of leadership that is no office ("القيادة" the command) ends nothing new
    assert only("وقالت القيادة العامة للجيش إن القوات تقدمت.")[1] == "القيادة العامة للجيش"


def test_a_reply_by_saying_after_a_comma_ends_the_quote_before_and_has_its_own_speaker() -> None:
    text = (
        "وأفاد المستشار لاري كودلاو بأن هيلي ربما التبست عليها خطط واشنطن، "
        'لكن هيلي ردت الثلاثاء بالقول "مع كل الاحترام لم يلتبس علي الأمر".'
    )
    found = attributions(text)
    assert [f[:3] for f in found] == [
        ("بأن هيلي ربما التبست عليها خطط واشنطن", "المستشار لاري كودلاو", "أفاد"),
        ('"مع كل الاحترام لم يلتبس علي الأمر"', "هيلي", "ردت"),
    ]
    # look-alike: "لكن" and a clause with no "by saying" go on inside what was said
    text = "وأفاد المستشار كودلاو بأن هيلي أخطأت، لكن الإدارة ستراجع الخطط."
    assert only(text)[0] == "بأن هيلي أخطأت، لكن الإدارة ستراجع الخطط"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وارتفع عدد المصابين إلى 16 شخصا في إيران، وفقا لمسؤولين في الحكومة.", "مسؤولين في الحكومة"),
        (
            "واعتقل الجهاز المشتبه به في مايو الماضي، بحسب ما نقلته وسائل إعلام حكومية في تركيا.",
            "وسائل إعلام حكومية في تركيا",
        ),
    ],
)
def test_a_source_phrase_closing_its_sentence_keeps_the_body_or_place_of_its_source(
    text: str, speaker: str
) -> None:
    assert only(text)[1] == speaker


def test_a_source_phrase_closing_its_sentence_leaves_out_the_statement_it_was_made_in() -> None:
    # look-alike: "في بيان" is the occasion of speech, not a body or a place
    text = "وارتفع عدد القتلى إلى عشرين، بحسب ما نقلته وسائل إعلام حكومية في بيان مساء أمس."
    assert only(text)[1] == "وسائل إعلام حكومية"


@pytest.mark.parametrize(
    ("text", "quote", "speaker"),
    [
        ("وحسب المصدر نفسه، فإن عوامل النجاح متوفرة.", "فإن عوامل النجاح متوفرة", "المصدر نفسه"),
        ("وقال الوزير نفسه إن الوضع صعب.", "إن الوضع صعب", "الوزير نفسه"),
    ],
)
def test_itself_after_a_definite_speaker_is_part_of_it(text: str, quote: str, speaker: str) -> None:
    assert only(text)[:2] == (quote, speaker)


@pytest.mark.parametrize(
    "text",
    # look-alikes: the reflexive object of the verb, and "at the same time"
    ["ووصف نفسه بأنه مستقل.", "وقال في الوقت نفسه إن الوضع صعب."],
)
def test_itself_after_a_verb_or_in_a_time_is_no_speaker(text: str) -> None:
    assert only(text)[1] is None


def test_a_programme_after_li_is_who_it_was_said_to() -> None:
    text = 'وقال هاموند لبرنامج "اندرو مار" الذي تبثه الهيئة، إن "التحقيق مستمر".'
    assert only(text)[1] == "هاموند"
    # look-alike: a programme's own officer keeps it ("مدير البرنامج" is no addressee)
    assert only("وقال مدير البرنامج إن التحقيق مستمر.")[1] == "مدير البرنامج"


def test_kin_after_a_name_and_a_comma_is_its_apposition() -> None:
    text = 'وقالت هانا ديكون، والدة ألفي "عليك أن تقاتلي من أجل أطفالك".'
    assert only(text)[1] == "هانا ديكون، والدة ألفي"
    assert only("وقال شقيق الضحية إن التحقيق بطيء.")[1] == "شقيق الضحية"
    # look-alike: kin inside what was said stay there
    assert only("وقال الوزير إن والد الضحية بخير.")[:2] == ("إن والد الضحية بخير", "الوزير")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("وأفاد بلاغ لوزارة الصحة، أن المستفيد بخير.", "بلاغ لوزارة الصحة"),
        ("وكشف التقرير المالي الشهري لوزارة المالية أن العجز ارتفع.", "التقرير المالي الشهري لوزارة المالية"),
        ("وقال بيان لرئاسة الوزراء إن الحكومة تدرس الأمر.", "بيان لرئاسة الوزراء"),
        # look-alike: after a body that is no statement, ل and a body is who it was said to
        ("وقالت الشرطة لوزارة الصحة إن المصابين بخير.", "الشرطة"),
    ],
)
def test_the_body_after_li_is_the_author_of_a_statement(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            "وذكرت وكالة الأنباء الإيرانية الرسمية (إرنا) أن السفينة احتجزت.",
            "وكالة الأنباء الإيرانية الرسمية (إرنا)",
        ),
        ('وقالت وكالة الأنباء الإماراتية "وام"، إن الملاعب جاهزة.', 'وكالة الأنباء الإماراتية "وام"'),
    ],
)
def test_a_bodys_short_name_after_its_phrase_is_part_of_the_speaker(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker


def test_a_short_quotation_after_a_body_that_ends_the_sentence_is_what_was_said() -> None:
    assert only('وقالت وزارة الصحة "نحن بخير".')[:2] == ('"نحن بخير"', "وزارة الصحة")


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        (
            'حذر الرئيس الروسي فلاديمير بوتن نظيره الفرنسي إيمانويل ماكرون، من أي "عمل متهور" في سوريا.',
            "الرئيس الروسي فلاديمير بوتن",
        ),
        ("وأبلغ وزير الخارجية نظيره الأمريكي أن بلاده لن تتراجع.", "وزير الخارجية"),
        ("وأكد الرئيس لنظيرته الفرنسية أن بلاده لن تتراجع.", "الرئيس"),
        # look-alikes: after و the counterpart speaks too; right after the verb it is the subject
        ("وقال وزير الخارجية ونظيره الأمريكي إن المحادثات بناءة.", "وزير الخارجية ونظيره الأمريكي"),
        ("وقال نظيره الفرنسي إن المحادثات بناءة.", "نظيره الفرنسي"),
    ],
)
def test_a_counterpart_after_the_subject_was_told(text: str, speaker: str) -> None:
    assert only(text)[1] == speaker
