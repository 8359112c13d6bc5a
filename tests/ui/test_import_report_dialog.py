"""The web-form import report: counts in Persian, or every problem by line."""

from __future__ import annotations

from hendazh_desktop.services.requests.queue import QueueFilter
from hendazh_desktop.services.requests.records import ImportProblem, ImportReport
from hendazh_desktop.ui.requests.import_report_dialog import ImportReportDialog, show_import_report


def cells(dialog: ImportReportDialog) -> list[list[str]]:
    model = dialog.problems
    return [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]


def test_counts_of_a_successful_import(ctx, make_subscriber, show_dialog):
    make_subscriber("رویا صفری", "09177778888")
    data = (
        "ref,phone,name,service\n"
        "w-1,09177778888,,نظافت\n"
        "w-2,09350001111,کیان پارسا,برق‌کاری\n"
        "w-3,09350002222,آیدا نیک‌نام,نظافت\n"
    ).encode()
    ctx.webform.import_bytes(ctx.actor, "forms.csv", data)
    report = ctx.webform.import_bytes(
        ctx.actor, "forms.csv", data + "w-4,09350003333,سارا,نظافت\n".encode()
    )
    dialog = show_dialog(ImportReportDialog(report=report))
    assert dialog.windowTitle() == "نتیجه ورود فرم‌های وب"
    assert dialog.summary.text() == (
        "۱ درخواست ثبت شد و در وضعیت «در انتظار بررسی» قرار گرفت: ۰ با مشترک شناخته‌شده و "
        "۱ بدون مشترک.\n۳ فرم پیش‌تر وارد شده بود و دوباره ثبت نشد."
    )
    assert not dialog.table.isVisibleTo(dialog)


def test_problems_are_listed_by_line_and_nothing_is_imported(qtmodeltester, ctx, show_dialog):
    data = (
        "ref,phone,name,service,preferred_date\n"
        "w-1,09350001111,کیان پارسا,نظافت,\n"
        "w-2,12345,آیدا,آشپزی,\n"
        "w-3,09350002222,,نظافت,1404/13/01\n"
        "w-1,09350003333,سارا,نظافت,\n"
    ).encode()
    report = ctx.webform.import_bytes(ctx.actor, "forms.csv", data)
    assert not report.ok
    dialog = show_dialog(ImportReportDialog(report=report))
    qtmodeltester.check(dialog.problems, force_py=True)
    assert dialog.table.isVisibleTo(dialog)
    assert "هیچ درخواستی وارد نشد" in dialog.summary.text()
    assert dialog.summary.text().startswith("در ۳ ردیف، ")
    rows = cells(dialog)
    assert ["۳", "خدمت", "خدمت ناشناخته است."] in rows
    assert ["۳", "تلفن", "شماره تلفن باید ۱۱ رقم باشد (مثل ۰۹۱۲۱۲۳۴۵۶۷)."] in rows
    assert ["۴", "نام", "این بخش را پر کنید."] in rows
    assert ["۴", "تاریخ", "ماه باید بین ۱ تا ۱۲ باشد."] in rows
    assert ["۵", "شناسه", "شناسه این فرم در همین پرونده تکراری است. (w-1)"] in rows
    assert {r[0] for r in rows} == {"۳", "۴", "۵"}
    assert ctx.queue.count(ctx.actor, QueueFilter()) == 0


def test_a_file_that_cannot_be_read(ctx, show_dialog):
    report = ctx.webform.import_bytes(ctx.actor, "forms.json", b"[{broken")
    dialog = show_dialog(ImportReportDialog(report=report))
    assert (
        dialog.summary.text()
        == "پرونده خوانده نشد: پرونده JSON خوانا نیست (از جمله عددهای NaN یا Infinity).\n"
        "هیچ درخواستی وارد نشد."
    )
    assert cells(dialog) == [
        ["۱", "کل پرونده", "پرونده JSON خوانا نیست (از جمله عددهای NaN یا Infinity)."]
    ]
    unreadable = ImportReport((), 0, 0, 0, (ImportProblem(0, "import_encoding"),))
    dialog = show_dialog(ImportReportDialog(report=unreadable))
    assert cells(dialog) == [
        ["—", "کل پرونده", "رمزگذاری پرونده خوانا نیست (UTF-8 یا Windows-1256)."]
    ]


def test_messages_whose_limits_are_not_in_the_report_read_cleanly(show_dialog):
    report = ImportReport((), 0, 0, 0, (ImportProblem(7, "too_long", "description"),))
    dialog = show_dialog(ImportReportDialog(report=report))
    assert cells(dialog) == [["۷", "شرح", "بیش از حد طولانی است."]]


def test_show_import_report_waits_until_closed(answer_modal):
    seen: list[str] = []
    answer_modal(ImportReportDialog, lambda dialog: seen.append(dialog.summary.text()))
    show_import_report(None, ImportReport((1, 2), 2, 0, 0, ()))
    assert seen == [
        "۲ درخواست ثبت شد و در وضعیت «در انتظار بررسی» قرار گرفت: ۲ با مشترک شناخته‌شده و "
        "۰ بدون مشترک."
    ]
