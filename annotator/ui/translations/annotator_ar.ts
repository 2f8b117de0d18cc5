<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="ar">
<context>
    <name>AdjudicationWindow</name>
    <message>
        <source>span</source>
        <extracomment>What a disagreement is about (Unit.kind), as the table names it.</extracomment>
        <translation>مقطع</translation>
    </message>
    <message>
        <source>attributes</source>
        <translation>سمات</translation>
    </message>
    <message>
        <source>link</source>
        <translation>رابط</translation>
    </message>
    <message>
        <source>(no attributes)</source>
        <translation>(بلا سمات)</translation>
    </message>
    <message>
        <source>Adjudicate — {name}</source>
        <translation>التحكيم — {name}</translation>
    </message>
    <message>
        <source>Document:</source>
        <translation>المستند:</translation>
    </message>
    <message>
        <source>kind</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>adjudicated</source>
        <translation>محكَّم</translation>
    </message>
    <message>
        <source>Next disagreement</source>
        <translation>الخلاف التالي</translation>
    </message>
    <message>
        <source>Previous disagreement</source>
        <translation>الخلاف السابق</translation>
    </message>
    <message>
        <source>Take annotator {k}'s version</source>
        <translation>اعتماد نسخة المُوسِّم {k}</translation>
    </message>
    <message>
        <source>None of them (nothing there)</source>
        <translation>لا شيء منها (لا توسيم هنا)</translation>
    </message>
    <message>
        <source>Copy what everyone agrees on</source>
        <translation>نسخ ما اتفق عليه الجميع</translation>
    </message>
    <message>
        <source>Mark adjudicated</source>
        <translation>وضع الحالة: محكَّم</translation>
    </message>
    <message>
        <source>Mark adjudicated and next</source>
        <translation>وضع الحالة: محكَّم ثم التالي</translation>
    </message>
    <message>
        <source>Next document</source>
        <translation>المستند التالي</translation>
    </message>
    <message>
        <source>Previous document</source>
        <translation>المستند السابق</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>تراجع</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>إعادة</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>&amp;Adjudicate</source>
        <translation>ال&amp;تحكيم</translation>
    </message>
    <message>
        <source>No document has two or more annotators yet.</source>
        <translation>لا مستند عمل عليه مُوسِّمان أو أكثر بعد.</translation>
    </message>
    <message>
        <source>No next document</source>
        <translation>لا مستند تالٍ</translation>
    </message>
    <message>
        <source>No previous document</source>
        <translation>لا مستند سابق</translation>
    </message>
    <message>
        <source>Nothing to settle: everyone agrees.</source>
        <translation>لا شيء لحسمه: الجميع متفقون.</translation>
    </message>
    <message>
        <source>{disagreements}: F8 goes to the first</source>
        <translation>{disagreements}: F8 ينتقل إلى الأول</translation>
    </message>
    <message>
        <source>Disagreement {i} of {n}</source>
        <translation>الخلاف {i} من {n}</translation>
    </message>
    <message>
        <source>Nothing to settle in this document</source>
        <translation>لا خلافات لحسمها في هذا المستند</translation>
    </message>
    <message>
        <source>Go to a disagreement first (F8)</source>
        <translation>انتقل إلى خلاف أولًا (F8)</translation>
    </message>
    <message>
        <source>There is no annotator {k} here</source>
        <translation>لا مُوسِّم برقم {k} هنا</translation>
    </message>
    <message>
        <source>Took {name}'s version for disagreement {i}</source>
        <translation>اعتُمدت نسخة {name} للخلاف {i}</translation>
    </message>
    <message>
        <source>Took none of them for disagreement {i}</source>
        <translation>لم تُعتمد أي نسخة للخلاف {i}</translation>
    </message>
    <message>
        <source>Could not copy the agreed spans: {error}</source>
        <translation>تعذّر نسخ المقاطع المتفق عليها: {error}</translation>
    </message>
    <message>
        <source>Copied {spans} agreed spans and {links} links</source>
        <translation>نُسخ {spans} مقطعًا متفقًا عليه و{links} رابطًا</translation>
    </message>
    <message>
        <source>Every document is adjudicated</source>
        <translation>كل المستندات محكَّمة</translation>
    </message>
</context>
<context>
    <name>AgreementPanel</name>
    <message>
        <source>Every document worked on</source>
        <translation>كل مستند عُمل عليه</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>مكتمل</translation>
    </message>
    <message>
        <source>Done or adjudicated</source>
        <translation>مكتمل أو محكَّم</translation>
    </message>
    <message>
        <source>label</source>
        <extracomment>The tables' column names (the core's, as `annotator agree` prints them), for the translators.</extracomment>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>pair</source>
        <translation>الزوج</translation>
    </message>
    <message>
        <source>docs</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <source>exact P</source>
        <translation>P (تام)</translation>
    </message>
    <message>
        <source>exact R</source>
        <translation>R (تام)</translation>
    </message>
    <message>
        <source>exact F1</source>
        <translation>F1 (تام)</translation>
    </message>
    <message>
        <source>overlap P</source>
        <translation>P (تداخل)</translation>
    </message>
    <message>
        <source>overlap R</source>
        <translation>R (تداخل)</translation>
    </message>
    <message>
        <source>overlap F1</source>
        <translation>F1 (تداخل)</translation>
    </message>
    <message>
        <source>kappa</source>
        <translation>كابا</translation>
    </message>
    <message>
        <source>alpha</source>
        <translation>ألفا</translation>
    </message>
    <message>
        <source>type</source>
        <translation>النوع</translation>
    </message>
    <message>
        <source>links 1</source>
        <translation>روابط 1</translation>
    </message>
    <message>
        <source>links 2</source>
        <translation>روابط 2</translation>
    </message>
    <message>
        <source>attribute</source>
        <translation>السمة</translation>
    </message>
    <message>
        <source>matched</source>
        <translation>المتطابقة</translation>
    </message>
    <message>
        <source>agreement</source>
        <translation>نسبة الاتفاق</translation>
    </message>
    <message>
        <source>Spans and kappa</source>
        <translation>المقاطع وكابا</translation>
    </message>
    <message>
        <source>Alpha</source>
        <translation>ألفا</translation>
    </message>
    <message>
        <source>Links</source>
        <translation>الروابط</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>السمات</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;تحديث</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>الحالة:</translation>
    </message>
    <message>
        <source>Label:</source>
        <translation>الوسم:</translation>
    </message>
    <message>
        <source>All labels</source>
        <translation>كل الوسوم</translation>
    </message>
    <message>
        <source>Measuring…</source>
        <translation>جارٍ القياس…</translation>
    </message>
    <message>
        <source>Could not measure: {reason}</source>
        <translation>تعذّر القياس: {reason}</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا أحد</translation>
    </message>
    <message>
        <source>{n} annotators ({names}); {documents} documents with two or more; {tokens} tokens. P and R: the second annotator against the first.</source>
        <translation>المُوسِّمون: {n} ({names})؛ المستندات التي عمل عليها اثنان أو أكثر: {documents}؛ الرموز: {tokens}. الدقة P والاستدعاء R: المُوسِّم الثاني مقيسًا على الأول.</translation>
    </message>
    <message>
        <source>all labels</source>
        <translation>كل الوسوم</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Who is annotating?</source>
        <translation>من يقوم بالتوسيم؟</translation>
    </message>
    <message>
        <source>Your name (every span and status you make is recorded under it):</source>
        <translation>اسمك (يُسجَّل باسمك كل مقطع توسمه وكل حالة تضعها):</translation>
    </message>
    <message>
        <source>Cannot open the sample project</source>
        <translation>تعذّر فتح مشروع المثال</translation>
    </message>
</context>
<context>
    <name>Change</name>
    <message>
        <source>Add {label}</source>
        <extracomment>Change.summary's templates, for the translators (tests check the list is whole).</extracomment>
        <translation>إضافة {label}</translation>
    </message>
    <message>
        <source>Reject {label}</source>
        <translation>رفض {label}</translation>
    </message>
    <message>
        <source>Reject {n} suggestions</source>
        <translation>رفض {n} اقتراحًا</translation>
    </message>
    <message>
        <source>Delete {label}</source>
        <translation>حذف {label}</translation>
    </message>
    <message>
        <source>Accept {label}</source>
        <translation>قبول {label}</translation>
    </message>
    <message>
        <source>Accept {n} suggestions</source>
        <translation>قبول {n} اقتراحًا</translation>
    </message>
    <message>
        <source>Relabel {old} as {new}</source>
        <translation>تغيير الوسم {old} إلى {new}</translation>
    </message>
    <message>
        <source>Edit {label} attributes</source>
        <translation>تعديل سمات {label}</translation>
    </message>
    <message>
        <source>Resize {label}</source>
        <translation>تغيير حدود {label}</translation>
    </message>
    <message>
        <source>Link {type}</source>
        <translation>ربط {type}</translation>
    </message>
    <message>
        <source>Unlink {type}</source>
        <translation>فك الربط {type}</translation>
    </message>
    <message>
        <source>Mark {status}</source>
        <translation>وضع الحالة: {status}</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>تعديل</translation>
    </message>
</context>
<context>
    <name>Charts</name>
    <message>
        <source>n/a</source>
        <translation>غير متاح</translation>
    </message>
    <message>
        <source>Progress: documents per status ({total} documents)</source>
        <extracomment>Every fixed text of `annotator.core.charts`, for the translators (tests check the list is whole).</extracomment>
        <translation>التقدم: المستندات حسب الحالة (عدد المستندات: {total})</translation>
    </message>
    <message>
        <source>Spans per annotator and label</source>
        <translation>المقاطع لكل مُوسِّم ووسم</translation>
    </message>
    <message>
        <source>Agreement per label ({annotators} annotators, {documents} documents)</source>
        <translation>الاتفاق لكل وسم (المُوسِّمون: {annotators}، المستندات: {documents})</translation>
    </message>
    <message>
        <source>new</source>
        <translation>جديد</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>done</source>
        <translation>مكتمل</translation>
    </message>
    <message>
        <source>adjudicated</source>
        <translation>محكَّم</translation>
    </message>
    <message>
        <source>span F1, overlap</source>
        <translation>F1 المقاطع، تداخل</translation>
    </message>
    <message>
        <source>span F1, exact</source>
        <translation>F1 المقاطع، تطابق تام</translation>
    </message>
    <message>
        <source>Krippendorff's alpha, tokens</source>
        <translation>ألفا كريبندورف، الرموز</translation>
    </message>
    <message>
        <source>all labels</source>
        <translation>كل الوسوم</translation>
    </message>
    <message>
        <source>nothing to show yet</source>
        <translation>لا شيء لعرضه بعد</translation>
    </message>
    <message>
        <source>no annotator has started yet</source>
        <translation>لم يبدأ أي مُوسِّم بعد</translation>
    </message>
    <message>
        <source>no spans yet</source>
        <translation>لا مقاطع بعد</translation>
    </message>
    <message>
        <source>no document has two annotators yet</source>
        <translation>لا مستند عمل عليه مُوسِّمان بعد</translation>
    </message>
</context>
<context>
    <name>ChartsDialog</name>
    <message>
        <source>Charts</source>
        <translation>الرسوم البيانية</translation>
    </message>
    <message>
        <source>&amp;Refresh</source>
        <translation>&amp;تحديث</translation>
    </message>
    <message>
        <source>&amp;Save as PNG…</source>
        <translation>&amp;حفظ بصيغة PNG…</translation>
    </message>
    <message>
        <source>Could not read the figures: {reason}</source>
        <translation>تعذّرت قراءة الأرقام: {reason}</translation>
    </message>
    <message>
        <source>Save charts</source>
        <translation>حفظ الرسوم البيانية</translation>
    </message>
    <message>
        <source>PNG images (*.png)</source>
        <translation>صور PNG ‏(*.png)</translation>
    </message>
    <message>
        <source>Charts not saved</source>
        <translation>لم تُحفظ الرسوم البيانية</translation>
    </message>
    <message>
        <source>Could not save the charts: {error}</source>
        <translation>تعذّر حفظ الرسوم البيانية: {error}</translation>
    </message>
</context>
<context>
    <name>Count</name>
    <message>
        <source>1 span</source>
        <translation>مقطع واحد</translation>
    </message>
    <message>
        <source>{n} spans</source>
        <translation>{n} من المقاطع</translation>
    </message>
    <message>
        <source>1 relation</source>
        <translation>رابط واحد</translation>
    </message>
    <message>
        <source>{n} relations</source>
        <translation>{n} من الروابط</translation>
    </message>
    <message>
        <source>1 suggestion</source>
        <translation>اقتراح واحد</translation>
    </message>
    <message>
        <source>{n} suggestions</source>
        <translation>{n} من الاقتراحات</translation>
    </message>
    <message>
        <source>1 disagreement</source>
        <translation>خلاف واحد</translation>
    </message>
    <message>
        <source>{n} disagreements</source>
        <translation>{n} من الخلافات</translation>
    </message>
</context>
<context>
    <name>DocumentList</name>
    <message>
        <source>Name</source>
        <translation>الاسم</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>العنوان</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>الحالة</translation>
    </message>
    <message>
        <source>Spans</source>
        <translation>المقاطع</translation>
    </message>
    <message>
        <source>Others</source>
        <translation>الآخرون</translation>
    </message>
    <message>
        <source>{n} spans in other annotators' layers (Suggestions &gt; Suggest from)</source>
        <translation>{n} مقطعًا في طبقات الموسِّمين الآخرين (اقتراحات &gt; الاقتراح من)</translation>
    </message>
    <message>
        <source>Your spans (suggestions not counted)</source>
        <translation>مقاطعك (دون احتساب الاقتراحات)</translation>
    </message>
    <message>
        <source>All</source>
        <translation>الكل</translation>
    </message>
    <message>
        <source>New</source>
        <translation>جديد</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>مكتمل</translation>
    </message>
    <message>
        <source>My queue</source>
        <translation>المسندة إليّ</translation>
    </message>
    <message>
        <source>Filter names and titles (ignores tashkeel; أ=ا, ى=ي, ة=ه)</source>
        <translation>تصفية الأسماء والعناوين (يتجاهل التشكيل؛ أ=ا، ى=ي، ة=ه)</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>(every annotator)</source>
        <translation>(كل المُوسِّمين)</translation>
    </message>
    <message>
        <source>the project's own JSONL (lossless; imports back unchanged)</source>
        <extracomment>FORMAT_HELP of the core, for the translators (the English text is the key; a test checks it is whole).</extracomment>
        <translation>صيغة JSONL الخاصة بالمشروع (دون فقد؛ تُستورد كما هي)</translation>
    </message>
    <message>
        <source>spaCy: Doc JSON lines, plus a .spacy DocBin when spaCy is installed</source>
        <translation>spaCy: أسطر Doc بصيغة JSON، وملف ‎.spacy‎ (DocBin) إن كانت spaCy مثبتة</translation>
    </message>
    <message>
        <source>Hugging Face token classification: tokens + BIO ner_tags (JSONL, Parquet with pyarrow)</source>
        <translation>تصنيف الرموز لـ Hugging Face: الرموز ووسوم BIO ‏(JSONL، وParquet مع pyarrow)</translation>
    </message>
    <message>
        <source>CoNLL BIO: one token and tag per line, a blank line between sentences</source>
        <translation>CoNLL BIO: رمز ووسمه في كل سطر، وسطر فارغ بين الجمل</translation>
    </message>
    <message>
        <source>brat standoff: a folder of .txt + .ann files and annotation.conf</source>
        <translation>صيغة brat: مجلد فيه ملفات ‎.txt‎ و‎.ann‎ وannotation.conf</translation>
    </message>
    <message>
        <source>quote attribution: one record per QUOTE (JSONL, or CSV when the output ends in .csv)</source>
        <translation>إسناد الاقتباسات: سجل لكل اقتباس (JSONL، أو CSV إذا انتهى اسم الملف بـ ‎.csv‎)</translation>
    </message>
    <message>
        <source>doccano JSONL: text, entities and relations, as doccano exports and imports it</source>
        <translation>doccano JSONL: النص والكيانات والروابط كما يصدّرها doccano ويستوردها</translation>
    </message>
    <message>
        <source>Prodigy JSONL: tokens, spans and relations per annotator, for prodigy db-in</source>
        <translation>Prodigy JSONL: الرموز والمقاطع والروابط لكل مُوسِّم، لأمر prodigy db-in</translation>
    </message>
    <message>
        <source>Label Studio JSON tasks with annotations, plus the matching labeling config</source>
        <translation>مهام Label Studio بصيغة JSON مع توسيماتها، وإعداد الوسوم الموافق لها</translation>
    </message>
    <message>
        <source>CoNLL-U: tokens in 10 columns with the entity tags in MISC (NER=B-PERS)</source>
        <translation>CoNLL-U: الرموز في 10 أعمدة ووسوم الكيانات في عمود MISC ‏(NER=B-PERS)</translation>
    </message>
    <message>
        <source>WebAnno TSV 3.3 for INCEpTION/WebAnno: one .tsv per document in a folder</source>
        <translation>WebAnno TSV 3.3 لـ INCEpTION/WebAnno: ملف ‎.tsv‎ لكل مستند في مجلد</translation>
    </message>
    <message>
        <source>quote attribution in BBC Citron's JSON: one object per document (cue, sources, contents)</source>
        <translation>إسناد الاقتباسات بصيغة JSON الخاصة بـ Citron من BBC: كائن لكل مستند (فعل القول والمصادر والمحتوى)</translation>
    </message>
    <message>
        <source>Export</source>
        <translation>تصدير</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>الصيغة:</translation>
    </message>
    <message>
        <source>output file (a folder for brat and webanno)</source>
        <translation>ملف الإخراج (مجلد لصيغتي brat وwebanno)</translation>
    </message>
    <message>
        <source>Browse…</source>
        <translation>استعراض…</translation>
    </message>
    <message>
        <source>Output:</source>
        <translation>الإخراج:</translation>
    </message>
    <message>
        <source>Replace an existing output</source>
        <translation>استبدال إخراج موجود</translation>
    </message>
    <message>
        <source>Status:</source>
        <translation>الحالة:</translation>
    </message>
    <message>
        <source>Annotator:</source>
        <translation>المُوسِّم:</translation>
    </message>
    <message>
        <source>Labels:</source>
        <translation>الوسوم:</translation>
    </message>
    <message>
        <source>e.g. GPE=LOC, MISC=O-MISC</source>
        <translation>مثلًا GPE=LOC, MISC=O-MISC</translation>
    </message>
    <message>
        <source>Rename:</source>
        <translation>إعادة تسمية:</translation>
    </message>
    <message>
        <source>Split</source>
        <translation>تقسيم</translation>
    </message>
    <message>
        <source>train</source>
        <translation>تدريب</translation>
    </message>
    <message>
        <source>dev</source>
        <translation>تطوير</translation>
    </message>
    <message>
        <source>test</source>
        <translation>اختبار</translation>
    </message>
    <message>
        <source>seed</source>
        <translation>البذرة</translation>
    </message>
    <message>
        <source>Split:</source>
        <translation>التقسيم:</translation>
    </message>
    <message>
        <source>The report of the export appears here.</source>
        <translation>يظهر تقرير التصدير هنا.</translation>
    </message>
    <message>
        <source>Export into a new folder: choose its parent</source>
        <translation>التصدير إلى مجلد جديد: اختر المجلد الذي يحتويه</translation>
    </message>
    <message>
        <source>Export to</source>
        <translation>التصدير إلى</translation>
    </message>
    <message>
        <source>choose at least one status</source>
        <translation>اختر حالة واحدة على الأقل</translation>
    </message>
    <message>
        <source>choose at least one label</source>
        <translation>اختر وسمًا واحدًا على الأقل</translation>
    </message>
    <message>
        <source>rename {part}: expected FROM=TO, e.g. GPE=LOC</source>
        <translation>إعادة التسمية {part}: المتوقع «من=إلى»، مثلًا GPE=LOC</translation>
    </message>
    <message>
        <source>the split ratios sum to zero</source>
        <translation>مجموع نسب التقسيم صفر</translation>
    </message>
    <message>
        <source>choose an output file</source>
        <translation>اختر ملف الإخراج</translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>جارٍ التصدير…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>إلغاء</translation>
    </message>
    <message>
        <source>Export cancelled: nothing was written.</source>
        <translation>أُلغي التصدير: لم يُكتب شيء.</translation>
    </message>
    <message>
        <source>{path} exists already. Tick “Replace an existing output” to replace it.</source>
        <translation>‏{path} موجود من قبل. فعّل «استبدال إخراج موجود» لاستبداله.</translation>
    </message>
    <message>
        <source>Export failed, nothing was written:</source>
        <translation>فشل التصدير، ولم يُكتب شيء:</translation>
    </message>
</context>
<context>
    <name>FindBar</name>
    <message>
        <source>Find (ignores tashkeel, alef forms, ى/ي, ة/ه)</source>
        <translation>بحث (يتجاهل التشكيل وصور الألف وى/ي وة/ه)</translation>
    </message>
    <message>
        <source>Whole words</source>
        <translation>كلمات كاملة</translation>
    </message>
    <message>
        <source>Previous match (Shift+Enter)</source>
        <translation>النتيجة السابقة (Shift+Enter)</translation>
    </message>
    <message>
        <source>Next match (Enter)</source>
        <translation>النتيجة التالية (Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>إغلاق (Esc)</translation>
    </message>
    <message>
        <source>Whole words only: «مصر» finds «ومصر», not «مصروفات»</source>
        <translation>كلمات كاملة فقط: «مصر» تجد «ومصر» لا «مصروفات»</translation>
    </message>
    <message>
        <source>No matches</source>
        <translation>لا نتائج</translation>
    </message>
    <message>
        <source>No whole words</source>
        <translation>لا كلمات كاملة</translation>
    </message>
    <message>
        <source>{n} found</source>
        <translation>وُجد {n}</translation>
    </message>
    <message>
        <source>{i} of {n}</source>
        <translation>{i} من {n}</translation>
    </message>
    <message>
        <source>{count} · {m} inside words</source>
        <translation>{count} · {m} داخل كلمات</translation>
    </message>
    <message>
        <source>No whole-word matches; {m} inside words (whole words off: {key})</source>
        <translation>لا نتائج بكلمات كاملة؛ {m} داخل كلمات (لإيقاف الكلمات الكاملة: {key})</translation>
    </message>
    <message>
        <source>the Whole words button</source>
        <translation>زر «كلمات كاملة»</translation>
    </message>
</context>
<context>
    <name>GuidelinesPanel</name>
    <message>
        <source>Guidelines</source>
        <translation>إرشادات التوسيم</translation>
    </message>
</context>
<context>
    <name>LabelBar</name>
    <message>
        <source>{label}: select text, then press {key} (or click here)</source>
        <translation>{label}: حدّد نصًّا ثم اضغط {key} (أو انقر هنا)</translation>
    </message>
    <message>
        <source>{label}: select text, then click here</source>
        <translation>{label}: حدّد نصًّا ثم انقر هنا</translation>
    </message>
    <message>
        <source>Labels</source>
        <translation>الوسوم</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>&amp;New project…</source>
        <translation>مشروع &amp;جديد…</translation>
    </message>
    <message>
        <source>&amp;Open…</source>
        <translation>&amp;فتح…</translation>
    </message>
    <message>
        <source>Open &amp;server project…</source>
        <translation>فتح مشروع على &amp;خادم…</translation>
    </message>
    <message>
        <source>&amp;Import files…</source>
        <translation>ا&amp;ستيراد ملفات…</translation>
    </message>
    <message>
        <source>Import &amp;folder…</source>
        <translation>استيراد &amp;مجلد…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;تصدير…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;خروج</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;تراجع</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;إعادة</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;بحث…</translation>
    </message>
    <message>
        <source>Find &amp;whole words only</source>
        <translation>بحث بال&amp;كلمات الكاملة فقط</translation>
    </message>
    <message>
        <source>Mark &amp;in progress</source>
        <translation>وضع الحالة: &amp;قيد العمل</translation>
    </message>
    <message>
        <source>Mark &amp;done</source>
        <translation>وضع الحالة: &amp;مكتمل</translation>
    </message>
    <message>
        <source>Done and &amp;next</source>
        <translation>مكتمل ثم ال&amp;تالي</translation>
    </message>
    <message>
        <source>Next &amp;unfinished</source>
        <translation>التالي &amp;غير المكتمل</translation>
    </message>
    <message>
        <source>Ne&amp;xt document</source>
        <translation>المستند ال&amp;تالي</translation>
    </message>
    <message>
        <source>&amp;Previous document</source>
        <translation>المستند ال&amp;سابق</translation>
    </message>
    <message>
        <source>Go to document &amp;list</source>
        <translation>الانتقال إلى &amp;قائمة المستندات</translation>
    </message>
    <message>
        <source>Go to &amp;text</source>
        <translation>الانتقال إلى ال&amp;نص</translation>
    </message>
    <message>
        <source>D&amp;elete document…</source>
        <translation>&amp;حذف المستند…</translation>
    </message>
    <message>
        <source>&amp;Bigger text</source>
        <translation>تكبير ال&amp;نص</translation>
    </message>
    <message>
        <source>&amp;Smaller text</source>
        <translation>ت&amp;صغير النص</translation>
    </message>
    <message>
        <source>&amp;Normal text size</source>
        <translation>حجم النص ال&amp;عادي</translation>
    </message>
    <message>
        <source>&amp;Dark theme</source>
        <translation>المظهر ال&amp;داكن</translation>
    </message>
    <message>
        <source>Snap selection to &amp;words</source>
        <translation>محاذاة التحديد إلى ال&amp;كلمات</translation>
    </message>
    <message>
        <source>Leave out &amp;proclitics (و ف ب ل ك)</source>
        <translation>إسقاط ال&amp;سوابق (و ف ب ل ك)</translation>
    </message>
    <message>
        <source>Show &amp;all links</source>
        <translation>إظهار &amp;كل الروابط</translation>
    </message>
    <message>
        <source>Document &amp;list</source>
        <translation>&amp;قائمة المستندات</translation>
    </message>
    <message>
        <source>Spans and &amp;relations panel</source>
        <translation>لوحة المقاطع وال&amp;روابط</translation>
    </message>
    <message>
        <source>&amp;Guidelines</source>
        <translation>إرشادات ال&amp;توسيم</translation>
    </message>
    <message>
        <source>As the &amp;system</source>
        <translation>حسب ال&amp;نظام</translation>
    </message>
    <message>
        <source>&amp;Suggest for this document</source>
        <translation>ا&amp;قترح لهذا المستند</translation>
    </message>
    <message>
        <source>&amp;Accept all suggestions</source>
        <translation>&amp;قبول كل الاقتراحات</translation>
    </message>
    <message>
        <source>&amp;Reject all suggestions</source>
        <translation>&amp;رفض كل الاقتراحات</translation>
    </message>
    <message>
        <source>Entity &amp;model…</source>
        <translation>&amp;نموذج الكيانات…</translation>
    </message>
    <message>
        <source>Suggest when a document &amp;opens</source>
        <translation>الاقتراح عند &amp;فتح مستند</translation>
    </message>
    <message>
        <source>&amp;Agreement</source>
        <translation>&amp;الاتفاق</translation>
    </message>
    <message>
        <source>&amp;Charts…</source>
        <translation>الرسوم ال&amp;بيانية…</translation>
    </message>
    <message>
        <source>A&amp;djudicate…</source>
        <translation>ال&amp;تحكيم…</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>اختصارات ل&amp;وحة المفاتيح</translation>
    </message>
    <message>
        <source>&amp;About annotator</source>
        <translation>&amp;عن annotator</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;ملف</translation>
    </message>
    <message>
        <source>Open &amp;recent</source>
        <translation>فتح م&amp;شروع حديث</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;تحرير</translation>
    </message>
    <message>
        <source>&amp;Document</source>
        <translation>م&amp;ستند</translation>
    </message>
    <message>
        <source>&amp;Suggestions</source>
        <translation>ا&amp;قتراحات</translation>
    </message>
    <message>
        <source>Suggest &amp;from</source>
        <translation>الاقتراح &amp;من</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;عرض</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>ال&amp;لغة</translation>
    </message>
    <message>
        <source>&amp;Review</source>
        <translation>م&amp;راجعة</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>م&amp;ساعدة</translation>
    </message>
    <message>
        <source>No project is open.

Use File &gt; Open… or File &gt; New project… to start.</source>
        <translation>لا مشروع مفتوح.

ابدأ من ملف &gt; فتح… أو ملف &gt; مشروع جديد….</translation>
    </message>
    <message>
        <source>Documents</source>
        <translation>المستندات</translation>
    </message>
    <message>
        <source>Spans and relations</source>
        <translation>المقاطع والروابط</translation>
    </message>
    <message>
        <source>Guidelines</source>
        <translation>إرشادات التوسيم</translation>
    </message>
    <message>
        <source>Interface language: {name}</source>
        <translation>لغة الواجهة: {name}</translation>
    </message>
    <message>
        <source>Create project?</source>
        <translation>إنشاء مشروع؟</translation>
    </message>
    <message>
        <source>{path} does not exist.

Create a new, empty project there?</source>
        <translation>‏{path} غير موجود.

هل تريد إنشاء مشروع جديد فارغ هناك؟</translation>
    </message>
    <message>
        <source>Cannot open the project</source>
        <translation>تعذّر فتح المشروع</translation>
    </message>
    <message>
        <source>{url} holds no project yet.

Create a new, empty project there?</source>
        <translation>لا يحوي {url} مشروعًا بعد.

أأنشئ مشروعًا جديدًا فارغًا هناك؟</translation>
    </message>
    <message>
        <source>Open a project on a server</source>
        <translation>فتح مشروع على خادم</translation>
    </message>
    <message>
        <source>PostgreSQL URL, for example postgresql://layla@db.example.org/news
(passwords come from ~/.pgpass or PGPASSWORD, never from here):</source>
        <translation>عنوان PostgreSQL، مثلًا postgresql://layla@db.example.org/news
(تُؤخذ كلمات المرور من ‎~/.pgpass أو PGPASSWORD، لا من هنا أبدًا):</translation>
    </message>
    <message>
        <source>New project</source>
        <translation>مشروع جديد</translation>
    </message>
    <message>
        <source>Cannot create the project</source>
        <translation>تعذّر إنشاء المشروع</translation>
    </message>
    <message>
        <source>Open project</source>
        <translation>فتح مشروع</translation>
    </message>
    <message>
        <source>Annotator projects ({patterns});;All files (*)</source>
        <translation>مشاريع annotator ‏({patterns});;كل الملفات (*)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(لا شيء)</translation>
    </message>
    <message>
        <source>Clear list</source>
        <translation>مسح القائمة</translation>
    </message>
    <message>
        <source>Document {id} is no longer in the project.</source>
        <translation>المستند {id} لم يعد في المشروع.</translation>
    </message>
    <message>
        <source>No next document</source>
        <translation>لا مستند تالٍ</translation>
    </message>
    <message>
        <source>No previous document</source>
        <translation>لا مستند سابق</translation>
    </message>
    <message>
        <source>Every other document is done.</source>
        <translation>كل المستندات الأخرى مكتملة.</translation>
    </message>
    <message>
        <source>Marked {name} {status}</source>
        <translation>وُضعت حالة {name}: {status}</translation>
    </message>
    <message>
        <source>Marked {name} done · {suggestions} still pending, not exported</source>
        <translation>وُضعت حالة {name}: مكتمل · ما زال معلّقًا ولن يُصدَّر: {suggestions}</translation>
    </message>
    <message>
        <source>No suggestions in this document</source>
        <translation>لا اقتراحات في هذا المستند</translation>
    </message>
    <message>
        <source>Suggestions from {name}'s layer</source>
        <translation>الاقتراحات من طبقة {name}</translation>
    </message>
    <message>
        <source>Suggestions from the rules and project memory</source>
        <translation>الاقتراحات من القواعد وذاكرة المشروع</translation>
    </message>
    <message>
        <source>Rules and project memory</source>
        <translation>القواعد وذاكرة المشروع</translation>
    </message>
    <message>
        <source>{name}'s layer</source>
        <translation>طبقة {name}</translation>
    </message>
    <message>
        <source>the rules and project memory</source>
        <translation>القواعد وذاكرة المشروع</translation>
    </message>
    <message>
        <source>the rules, project memory and entity model</source>
        <translation>القواعد وذاكرة المشروع ونموذج الكيانات</translation>
    </message>
    <message>
        <source>No new suggestions from {source}</source>
        <translation>لا اقتراحات جديدة من {source}</translation>
    </message>
    <message>
        <source>This document has spans in other layers: {names}. Suggestions &gt; Suggest from offers them here.</source>
        <translation>في هذا المستند مقاطع في طبقات أخرى: {names}. تعرضها هنا اقتراحات &gt; الاقتراح من.</translation>
    </message>
    <message>
        <source>Connected to the server again; the project is up to date</source>
        <translation>عاد الاتصال بالخادم؛ المشروع محدَّث</translation>
    </message>
    <message>
        <source>The connection to the server is lost; retrying every second. Everything saved is safe on the server; edits made now are not saved.</source>
        <translation>انقطع الاتصال بالخادم؛ تُعاد المحاولة كل ثانية. كل ما حُفظ آمن على الخادم؛ التعديلات التي تُجرى الآن لا تُحفظ.</translation>
    </message>
    <message>
        <source>Training the entity model in the background…</source>
        <translation>جارٍ تدريب نموذج الكيانات في الخلفية…</translation>
    </message>
    <message>
        <source>Marked {name} done</source>
        <translation>وُضعت حالة {name}: مكتمل</translation>
    </message>
    <message>
        <source>{done} · All documents are done.</source>
        <translation>{done} · كل المستندات مكتملة.</translation>
    </message>
    <message>
        <source>{done} · opened {name}</source>
        <translation>{done} · فُتح {name}</translation>
    </message>
    <message>
        <source>Accepted {suggestions} (Ctrl+Z undoes this)</source>
        <translation>قُبل {suggestions} (Ctrl+Z يتراجع عن ذلك)</translation>
    </message>
    <message>
        <source>Rejected {suggestions} (Ctrl+Z undoes this)</source>
        <translation>رُفض {suggestions} (Ctrl+Z يتراجع عن ذلك)</translation>
    </message>
    <message>
        <source>{name}'s layer ({spans})</source>
        <translation>طبقة {name} ‏({spans})</translation>
    </message>
    <message>
        <source>{suggestions} from {source}: Tab goes through them, Enter accepts, X rejects</source>
        <translation>{suggestions} من {source}: Tab يتنقل بينها، Enter يقبل، X يرفض</translation>
    </message>
    <message>
        <source>Entity model trained on {n} documents, F1 {f1} on held-out documents.</source>
        <translation>دُرِّب نموذج الكيانات على {n} من المستندات، وبلغ F1 ‏{f1} على المستندات المحجوزة للتقييم.</translation>
    </message>
    <message>
        <source>Entity model trained on {n} documents.</source>
        <translation>دُرِّب نموذج الكيانات على {n} من المستندات.</translation>
    </message>
    <message>
        <source>Entity model not trained: {reason}</source>
        <translation>لم يُدرَّب نموذج الكيانات: {reason}</translation>
    </message>
    <message>
        <source>Delete document?</source>
        <translation>حذف المستند؟</translation>
    </message>
    <message>
        <source>Delete “{name}” with its {spans} spans (every annotator's), its relations and statuses?

This cannot be undone.</source>
        <translation>حذف «{name}» مع مقاطعه البالغة {spans} (لكل الموسِّمين) وروابطه وحالاته؟

لا يمكن التراجع عن ذلك.</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>حذف</translation>
    </message>
    <message>
        <source>Deleted {documents} document(s) with {spans} spans and {relations} relations</source>
        <translation>حُذفت المستندات ({documents}) مع مقاطعها ({spans}) وروابطها ({relations})</translation>
    </message>
    <message>
        <source>Nothing to undo</source>
        <translation>لا شيء للتراجع عنه</translation>
    </message>
    <message>
        <source>Undone: {what}</source>
        <translation>تم التراجع عن: {what}</translation>
    </message>
    <message>
        <source>Nothing to redo</source>
        <translation>لا شيء لإعادته</translation>
    </message>
    <message>
        <source>Redone: {what}</source>
        <translation>أُعيد: {what}</translation>
    </message>
    <message>
        <source>Text size {size} pt</source>
        <translation>حجم النص {size} نقطة</translation>
    </message>
    <message>
        <source>Dark theme</source>
        <translation>المظهر الداكن</translation>
    </message>
    <message>
        <source>Light theme</source>
        <translation>المظهر الفاتح</translation>
    </message>
    <message>
        <source>Selections snap to whole words</source>
        <translation>يُحاذى التحديد إلى الكلمات الكاملة</translation>
    </message>
    <message>
        <source>Selections are kept as dragged (snapping off)</source>
        <translation>يبقى التحديد كما سُحب (المحاذاة متوقفة)</translation>
    </message>
    <message>
        <source>Proclitics (و ف ب ل ك) are left out of new spans</source>
        <translation>تُسقط السوابق (و ف ب ل ك) من المقاطع الجديدة</translation>
    </message>
    <message>
        <source>Proclitics are kept in new spans</source>
        <translation>تبقى السوابق في المقاطع الجديدة</translation>
    </message>
    <message>
        <source>Find: whole words only («مصر» finds «ومصر», not «مصروفات»)</source>
        <translation>البحث: كلمات كاملة فقط («مصر» تجد «ومصر» لا «مصروفات»)</translation>
    </message>
    <message>
        <source>Find: inside words too</source>
        <translation>البحث: داخل الكلمات أيضًا</translation>
    </message>
    <message>
        <source>Every link of the lines in view is drawn</source>
        <translation>تُرسم كل روابط الأسطر الظاهرة</translation>
    </message>
    <message>
        <source>Links are drawn for the selected span</source>
        <translation>تُرسم روابط الامتداد المحدد وحده</translation>
    </message>
    <message>
        <source>No project</source>
        <translation>لا مشروع</translation>
    </message>
    <message>
        <source>Annotator: {name}</source>
        <translation>المُوسِّم: {name}</translation>
    </message>
    <message>
        <source>{done}/{total} done</source>
        <translation>{done}/{total} مكتمل</translation>
    </message>
    <message>
        <source>&amp;Undo {what}</source>
        <translation>&amp;تراجع عن {what}</translation>
    </message>
    <message>
        <source>&amp;Redo {what}</source>
        <translation>&amp;إعادة {what}</translation>
    </message>
    <message>
        <source>The edit was not saved</source>
        <translation>لم يُحفظ التعديل</translation>
    </message>
    <message>
        <source>Import files</source>
        <translation>استيراد ملفات</translation>
    </message>
    <message>
        <source>Texts and annotations ({patterns});;All files (*)</source>
        <translation>نصوص وتوسيمات ({patterns});;كل الملفات (*)</translation>
    </message>
    <message>
        <source>Import a folder</source>
        <translation>استيراد مجلد</translation>
    </message>
    <message>
        <source>Importing…</source>
        <translation>جارٍ الاستيراد…</translation>
    </message>
    <message>
        <source>Import</source>
        <translation>استيراد</translation>
    </message>
    <message>
        <source>Import failed</source>
        <translation>فشل الاستيراد</translation>
    </message>
    <message>
        <source>Import report</source>
        <translation>تقرير الاستيراد</translation>
    </message>
    <message>
        <source>Imported {imported}, duplicates {duplicates}, failed {failed}</source>
        <translation>استُورد: {imported}، مكرر: {duplicates}، فشل: {failed}</translation>
    </message>
    <message>
        <source>; annotations added to {n} already there</source>
        <translation>؛ وأُضيفت توسيمات إلى {n} موجودة من قبل</translation>
    </message>
    <message>
        <source>.</source>
        <translation>.</translation>
    </message>
    <message>
        <source>{spans} and {relations} imported.</source>
        <translation>استُورد {spans} و{relations}.</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>ما استُورد</translation>
    </message>
    <message>
        <source>Skipped as duplicates</source>
        <translation>ما تُخطّي لأنه مكرر</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>ما فشل</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>تحذيرات</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>الاتفاق</translation>
    </message>
    <message>
        <source>About annotator</source>
        <translation>عن annotator</translation>
    </message>
    <message>
        <source>annotator {version}

Annotate quotes, speakers, speech cues and named entities in Arabic news, and export training data.

Fonts: Noto Naskh Arabic and Noto Sans (SIL Open Font License).</source>
        <translation>annotator ‏{version}

توسيم الاقتباسات والمتحدثين وأفعال القول والكيانات المسماة في الأخبار العربية، وتصدير بيانات التدريب.

الخطوط: Noto Naskh Arabic وNoto Sans ‏(رخصة SIL Open Font).</translation>
    </message>
</context>
<context>
    <name>ModelDialog</name>
    <message>
        <source>Reading the annotations</source>
        <translation>قراءة التوسيمات</translation>
    </message>
    <message>
        <source>Training</source>
        <translation>التدريب</translation>
    </message>
    <message>
        <source>Measuring on held-out documents</source>
        <translation>القياس على المستندات المحجوزة للتقييم</translation>
    </message>
    <message>
        <source>label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>precision</source>
        <translation>الدقة</translation>
    </message>
    <message>
        <source>recall</source>
        <translation>الاستدعاء</translation>
    </message>
    <message>
        <source>F1</source>
        <translation>F1</translation>
    </message>
    <message>
        <source>support</source>
        <translation>العدد</translation>
    </message>
    <message>
        <source>Entity model</source>
        <translation>نموذج الكيانات</translation>
    </message>
    <message>
        <source>&amp;Train now</source>
        <translation>&amp;درِّب الآن</translation>
    </message>
    <message>
        <source>never</source>
        <translation>أبدًا</translation>
    </message>
    <message>
        <source>Retrain after every</source>
        <translation>إعادة التدريب بعد كل</translation>
    </message>
    <message>
        <source>documents marked done</source>
        <translation>مستندات مكتملة</translation>
    </message>
    <message>
        <source>This project has no entity model yet. Train one from the done and adjudicated documents.</source>
        <translation>لا نموذج كيانات لهذا المشروع بعد. درِّب نموذجًا من المستندات المكتملة والمحكَّمة.</translation>
    </message>
    <message>
        <source>, </source>
        <translation>، </translation>
    </message>
    <message>
        <source>Trained {when} on {n} documents ({source}).</source>
        <translation>دُرِّب في {when} على {n} من المستندات ({source}).</translation>
    </message>
    <message>
        <source>none</source>
        <translation>لا شيء</translation>
    </message>
    <message>
        <source>Entities: {entities}</source>
        <translation>الكيانات: {entities}</translation>
    </message>
    <message>
        <source>Quality on {n} held-out documents (exact spans):</source>
        <translation>الجودة على المستندات المحجوزة للتقييم ({n}) بتطابق المقاطع التام:</translation>
    </message>
    <message>
        <source>Quality not measured.</source>
        <translation>لم تُقَس الجودة.</translation>
    </message>
    <message>
        <source>overall</source>
        <translation>الإجمالي</translation>
    </message>
    <message>
        <source>done and adjudicated layers</source>
        <translation>الطبقات المكتملة والمحكَّمة</translation>
    </message>
    <message>
        <source>annotator {name}</source>
        <translation>المُوسِّم {name}</translation>
    </message>
    <message>
        <source>&amp;Cancel training</source>
        <translation>&amp;إلغاء التدريب</translation>
    </message>
    <message>
        <source>Starting…</source>
        <translation>جارٍ البدء…</translation>
    </message>
</context>
<context>
    <name>ModelTrainer</name>
    <message>
        <source>could not start the training process ({program})</source>
        <translation>تعذّر بدء عملية التدريب ({program})</translation>
    </message>
    <message>
        <source>training cancelled; the stored model is unchanged</source>
        <translation>أُلغي التدريب؛ النموذج المخزَّن لم يتغير</translation>
    </message>
    <message>
        <source>training failed</source>
        <translation>فشل التدريب</translation>
    </message>
</context>
<context>
    <name>Origin</name>
    <message>
        <source>manual</source>
        <extracomment>How the panel names a span's origin (translated in the "Origin" context).</extracomment>
        <translation>يدوي</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>مقترح</translation>
    </message>
    <message>
        <source>imported</source>
        <translation>مستورد</translation>
    </message>
</context>
<context>
    <name>ReaderView</name>
    <message>
        <source>No suggestions in this document</source>
        <translation>لا اقتراحات في هذا المستند</translation>
    </message>
    <message>
        <source>No spans in this document</source>
        <translation>لا مقاطع في هذا المستند</translation>
    </message>
    <message>
        <source>Nothing to label: the selection holds no word</source>
        <translation>لا شيء يوسم: التحديد لا يحوي كلمة</translation>
    </message>
    <message>
        <source>«{words}» is already {label}</source>
        <translation>«{words}» موسوم {label} من قبل</translation>
    </message>
    <message>
        <source>Select some text first, then press a key to label it {label}</source>
        <translation>حدّد نصًّا أولًا، ثم اضغط مفتاحًا لوسمه {label}</translation>
    </message>
    <message>
        <source>{name} {value} (guessed; {keys} to change)</source>
        <translation>{name} {value} (تخمين؛ {keys} للتغيير)</translation>
    </message>
    <message>
        <source>linked to {label} «{text}»</source>
        <translation>رُبط بـ {label} «{text}»</translation>
    </message>
    <message>
        <source>Enter links {spans}, Esc does not</source>
        <translation>Enter يربط {spans}، وEsc لا يربط</translation>
    </message>
    <message>
        <source>Deleted {label} «{text}»</source>
        <translation>حُذف {label} «{text}»</translation>
    </message>
    <message>
        <source>{label} has no attributes</source>
        <translation>لا سمات لـ {label}</translation>
    </message>
    <message>
        <source>{label} · {name} cleared</source>
        <translation>{label} · مُسحت {name}</translation>
    </message>
    <message>
        <source>Accepted {label} with its links</source>
        <translation>قُبل {label} مع روابطه</translation>
    </message>
    <message>
        <source>Accepted {label}</source>
        <translation>قُبل {label}</translation>
    </message>
    <message>
        <source>No suggestion here to reject</source>
        <translation>لا اقتراح هنا لرفضه</translation>
    </message>
    <message>
        <source>Rejected {label}</source>
        <translation>رُفض {label}</translation>
    </message>
    <message>
        <source>No suggestions left in this document</source>
        <translation>لم تبقَ اقتراحات في هذا المستند</translation>
    </message>
    <message>
        <source>Select a {heads} first to link it ({relation})</source>
        <translation>حدّد {heads} أولًا لربطه ({relation})</translation>
    </message>
    <message>
        <source>{relation} links {heads} to {tails}, not {label}</source>
        <translation>{relation} يربط {heads} بـ {tails}، لا {label}</translation>
    </message>
    <message>
        <source>No other {what} to link to</source>
        <translation>لا {what} آخر للربط به</translation>
    </message>
    <message>
        <source>No {what} to link to</source>
        <translation>لا {what} للربط به</translation>
    </message>
    <message>
        <source>{relation}: {label} {i} of {n} «{text}» — Tab next, Enter to link, Esc to cancel</source>
        <translation>{relation}: {label} {i} من {n} «{text}» — Tab للتالي، Enter للربط، Esc للإلغاء</translation>
    </message>
    <message>
        <source>Linked {relation} → «{text}»</source>
        <translation>رُبط {relation} ← «{text}»</translation>
    </message>
    <message>
        <source>Linking cancelled</source>
        <translation>أُلغي الربط</translation>
    </message>
    <message>
        <source>Not linked</source>
        <translation>لم يُربط</translation>
    </message>
    <message>
        <source>No suggestion here to accept</source>
        <translation>لا اقتراح هنا لقبوله</translation>
    </message>
    <message>
        <source>Select the next / previous suggestion (the next / previous span when there are none)</source>
        <translation>تحديد الاقتراح التالي / السابق (أو المقطع التالي / السابق إن لم تبقَ اقتراحات)</translation>
    </message>
    <message>
        <source>Select the next / previous span of any kind</source>
        <translation>تحديد المقطع التالي / السابق أيًّا كان نوعه</translation>
    </message>
    <message>
        <source>Delete the selected span (a suggestion: reject it)</source>
        <translation>حذف المقطع المحدد (الاقتراح: رفضه)</translation>
    </message>
    <message>
        <source>Accept the suggestion selected or under the caret, with its linked suggestions; go to the next</source>
        <translation>قبول الاقتراح المحدد أو الذي تحت المؤشر مع الاقتراحات المرتبطة به؛ ثم الانتقال إلى التالي</translation>
    </message>
    <message>
        <source>Accept only that suggestion, without its links</source>
        <translation>قبول هذا الاقتراح وحده، دون روابطه</translation>
    </message>
    <message>
        <source>Reject the suggestion selected or under the caret; go to the next</source>
        <translation>رفض الاقتراح المحدد أو الذي تحت المؤشر؛ ثم الانتقال إلى التالي</translation>
    </message>
    <message>
        <source>suggested</source>
        <translation>مقترح</translation>
    </message>
    <message>
        <source>Drag</source>
        <translation>اسحب</translation>
    </message>
    <message>
        <source>Select text (snapped to whole words when snapping is on)</source>
        <translation>تحديد نص (يُحاذى إلى الكلمات الكاملة حين تكون المحاذاة مفعّلة)</translation>
    </message>
    <message>
        <source>Extend the selection by a character</source>
        <translation>توسيع التحديد حرفًا</translation>
    </message>
    <message>
        <source>Extend the selection by a word</source>
        <translation>توسيع التحديد كلمة</translation>
    </message>
    <message>
        <source>Label the selection {label} (or relabel the selected span)</source>
        <translation>وسم التحديد {label} (أو تغيير وسم المقطع المحدد)</translation>
    </message>
    <message>
        <source>Click</source>
        <translation>انقر</translation>
    </message>
    <message>
        <source>Select the span under the mouse (click again to reach the spans nested there)</source>
        <translation>تحديد المقطع تحت المؤشر (انقر ثانية لبلوغ المقاطع المتداخلة فيه)</translation>
    </message>
    <message>
        <source>Clear the selection (or cancel linking)</source>
        <translation>إلغاء التحديد (أو إلغاء الربط)</translation>
    </message>
    <message>
        <source>Right after labelling: make / refuse the links proposed to the sentence's speaker and cue</source>
        <translation>بعد الوسم مباشرة: إنشاء / رفض الروابط المقترحة إلى متحدث الجملة وفعل القول فيها</translation>
    </message>
    <message>
        <source>Clear the selected span's attribute</source>
        <translation>مسح سمة المقطع المحدد</translation>
    </message>
    <message>
        <source>Link the selected {heads} to a {tails}: {relation}</source>
        <translation>ربط {heads} المحدد بـ {tails}: {relation}</translation>
    </message>
    <message>
        <source>While linking: next candidate / link it (or click it)</source>
        <translation>أثناء الربط: المرشح التالي / ربطه (أو انقر عليه)</translation>
    </message>
</context>
<context>
    <name>RowsModel</name>
    <message>
        <source>n/a</source>
        <translation>غير متاح</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <source>Refused: {reason}</source>
        <extracomment>How often suggestions made while the project's full check still runs look again whether they can be stored (a write before the check ends would wait for it on the GUI thread). documents longer than this get their suggestions computed off the GUI thread how long after the session starts the project's word counts are read in idle-time slices of `WORDS_SLICE_S` (the proclitic rule of the first label key needs them; reading them at start-up would slow it; on a worker thread they took the interpreter lock from the window) documents longer than this open with their first page of spans; the rest follows in idle time</extracomment>
        <translation>مرفوض: {reason}</translation>
    </message>
    <message>
        <source>Could not save the edit ({error}). Nothing was changed; try again.</source>
        <translation>تعذّر حفظ التعديل ({error}). لم يتغير شيء؛ حاول مجددًا.</translation>
    </message>
    <message>
        <source>The project refused the edit ({error}). Nothing was changed.</source>
        <translation>رفض المشروع التعديل ({error}). لم يتغير شيء.</translation>
    </message>
    <message>
        <source>Could not delete ({error}). Nothing was changed; try again.</source>
        <translation>تعذّر الحذف ({error}). لم يتغير شيء؛ حاول مجددًا.</translation>
    </message>
    <message>
        <source>Could not make suggestions ({error}).</source>
        <translation>تعذّر إعداد الاقتراحات ({error}).</translation>
    </message>
</context>
<context>
    <name>Shortcuts</name>
    <message>
        <source>File</source>
        <extracomment>The sections of the sheet (an action's "helpSection" property), for the translators.</extracomment>
        <translation>ملف</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>تحرير</translation>
    </message>
    <message>
        <source>Document</source>
        <translation>مستند</translation>
    </message>
    <message>
        <source>View</source>
        <translation>عرض</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>مراجعة</translation>
    </message>
    <message>
        <source>Adjudication</source>
        <translation>التحكيم</translation>
    </message>
    <message>
        <source>Suggestions</source>
        <translation>الاقتراحات</translation>
    </message>
    <message>
        <source>Help</source>
        <translation>مساعدة</translation>
    </message>
    <message>
        <source>Window</source>
        <translation>النافذة</translation>
    </message>
    <message>
        <source>Reader</source>
        <translation>القارئ</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>اختصارات لوحة المفاتيح</translation>
    </message>
    <message>
        <source>Where</source>
        <translation>أين</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>المفاتيح</translation>
    </message>
    <message>
        <source>Does</source>
        <translation>ماذا يفعل</translation>
    </message>
</context>
<context>
    <name>SidePanel</name>
    <message>
        <source>Text</source>
        <translation>النص</translation>
    </message>
    <message>
        <source>Label</source>
        <translation>الوسم</translation>
    </message>
    <message>
        <source>Attributes</source>
        <translation>السمات</translation>
    </message>
    <message>
        <source>Speaker</source>
        <translation>المتكلم</translation>
    </message>
    <message>
        <source>Origin</source>
        <translation>المصدر</translation>
    </message>
    <message>
        <source>Relation</source>
        <translation>الرابط</translation>
    </message>
    <message>
        <source>From</source>
        <translation>من</translation>
    </message>
    <message>
        <source>To</source>
        <translation>إلى</translation>
    </message>
    <message>
        <source>Spans ({n})</source>
        <translation>المقاطع ({n})</translation>
    </message>
    <message>
        <source>Relations ({n})</source>
        <translation>الروابط ({n})</translation>
    </message>
    <message>
        <source>Delete relation</source>
        <translation>حذف الرابط</translation>
    </message>
    <message>
        <source>No span selected</source>
        <translation>لم يُحدَّد مقطع</translation>
    </message>
    <message>
        <source>{label}: no attributes</source>
        <translation>{label}: بلا سمات</translation>
    </message>
    <message>
        <source>{label} attributes</source>
        <translation>سمات {label}</translation>
    </message>
</context>
<context>
    <name>Status</name>
    <message>
        <source>New</source>
        <extracomment>The languages the interface speaks: code -&gt; its own name (shown as is in every language). How the interface names each status (translated in the "Status" context).</extracomment>
        <translation>جديد</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>قيد العمل</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>مكتمل</translation>
    </message>
    <message>
        <source>Adjudicated</source>
        <translation>محكَّم</translation>
    </message>
</context>
</TS>