"""Context words that announce a name in Arabic news, for the tagger's features.

General knowledge of the language, not of any corpus: a title comes before a person (الرئيس، وزير،
الشيخ), a kind of organisation before its name (وزارة، حزب، شركة), a kind of place before a place
(مدينة، محافظة، نهر), kinship particles sit inside names (بن، أبو، عبد), and a speech verb sits next to
its speaker (قال، أكد). Words are stored folded (:func:`annotator.core.text.fold`) and without
proclitics and ال, the form :mod:`.features` looks them up in. A model records the version it was
trained with: changing these lists changes the features, so :data:`VERSION` goes up with them.
"""

from __future__ import annotations

from annotator.core.text import fold

VERSION = 1

_TITLE = """
رئيس رئيسة وزير وزيرة سيد سيدة شيخ ملك ملكة أمير أميرة دكتور د مستشار مستشارة نائب سفير سفيرة
جنرال عقيد لواء عميد مشير متحدث متحدثة ناطق ناطقة زعيم قائد مدرب لاعب فنان فنانة مطرب مطربة ممثل
ممثلة كاتب كاتبة شاعر روائي صحفي صحافي باحث بروفيسور أستاذ مهندس محامي قاضي بابا إمام مدير مديرة
أمين عضو مبعوث مفوض سناتور نجم مفتي حاخام كاردينال بطريرك مرشح مرشحة نجمة مساعد
"""
_KIN = "بن ابن بنت أبو أبي أم عبد"
_ORG = """
شركة وزارة حزب جامعة منظمة بنك مصرف مجلس وكالة صحيفة جريدة قناة اتحاد هيئة حركة جبهة جمعية مؤسسة
نادي فريق منتخب لجنة محكمة برلمان مركز معهد أكاديمية مجموعة تحالف رابطة نقابة إذاعة تلفزيون مجلة
صندوق مصنع مستشفى كلية مدرسة جيش قوات شرطة مكتب دائرة سلطة أمانة مفوضية ائتلاف كتلة منتدى بورصة
"""
_PLACE = """
مدينة عاصمة ولاية محافظة منطقة إقليم جزيرة جزر نهر جبل جبال بحر خليج دولة بلد بلاد قرية بلدة حي
شارع ميدان ساحة مقاطعة جمهورية مملكة إمارة قضاء ضاحية مخيم بحيرة صحراء واحة محيط قارة
شمال جنوب شرق غرب وسط شمالي جنوبي شرقي غربي
"""
_SPEECH = """
قال قالت قالوا يقول تقول أكد أكدت يؤكد أشار أشارت يشير أضاف أضافت يضيف ذكر ذكرت يذكر كشف كشفت أوضح
أوضحت صرح صرحت شدد شددت حذر حذرت دعا دعت نفى نفت اعتبر اعتبرت رأى رأت لفت لفتت أعلن أعلنت يعلن نقل
انتقد انتقدت طالب طالبت قائلا قائلة مشيرا مشيرة مؤكدا مؤكدة مضيفا مضيفة وفقا بحسب حسب لسان
"""


def _folded(words: str) -> frozenset[str]:
    return frozenset(fold(w)[0] for w in words.split())


#: folded word -> its class, for the trigger features.
TRIGGERS: dict[str, str] = {}
for _cls, _words in (("SPEECH", _SPEECH), ("PLACE", _PLACE), ("ORG", _ORG), ("KIN", _KIN), ("TITLE", _TITLE)):
    for _w in _folded(_words):
        TRIGGERS[_w] = _cls

#: Keys never remembered as a part of a person's name: titles and kinship particles, with and
#: without the article (memory keys keep ال).
NAME_STOP = frozenset(
    form for w, cls in TRIGGERS.items() if cls in ("TITLE", "KIN") for form in (w, "ال" + w)
)
