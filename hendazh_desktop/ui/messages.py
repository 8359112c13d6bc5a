"""Persian text for every domain error code, in one place."""

from __future__ import annotations

import re

from hendazh_desktop.domain.errors import (
    Conflict,
    DomainError,
    NotFound,
    PermissionDenied,
    ValidationError,
    ValidationErrors,
)
from hendazh_desktop.domain.money import format_number
from hendazh_desktop.domain.requests import STATUS_LABELS, RequestStatus
from hendazh_desktop.domain.subscription_code import format_code
from hendazh_desktop.domain.text import to_persian_digits
from hendazh_desktop.ui import fmt

MESSAGES: dict[str, str] = {
    "required": "این بخش را پر کنید.",
    "choose_one": "یکی از گزینه‌ها را انتخاب کنید.",
    "too_long": "بیش از حد طولانی است (حداکثر {maximum} نویسه).",
    "too_short": "خیلی کوتاه است (دست‌کم {minimum} نویسه).",
    "too_many": "حداکثر {maximum} مورد مجاز است.",
    "control_characters": "نویسه‌های نامعتبر دارد.",
    "name_characters": "نام فقط می‌تواند حرف، فاصله و نیم‌فاصله داشته باشد.",
    "amount_negative": "مبلغ نمی‌تواند منفی باشد.",
    "amount_not_integer": "مبلغ باید عدد صحیح ریالی باشد.",
    "amount_too_large": "مبلغ بیش از حد بزرگ است.",
    "amount_zero": "مبلغ نمی‌تواند صفر باشد.",
    "percent_invalid": "درصد را به صورت عدد وارد کنید (مثلاً ۱۰ یا ۱۲٫۵).",
    "percent_out_of_range": "درصد باید بین ۰ تا ۱۰۰ باشد.",
    "shares_exceed_commission": "جمع سهم معرف و دریافت‌کننده بیش از ۱۰۰٪ پورسانت است.",
    "prepaid_needs_price": "خدمت پیش‌پرداختی باید قیمت پایه داشته باشد.",
    "name_taken": "این نام قبلاً استفاده شده است.",
    "date_format": "تاریخ را به شکل ۱۴۰۴/۰۹/۱۵ وارد کنید.",
    "date_year_range": "سال تاریخ معتبر نیست.",
    "date_month": "ماه باید بین ۱ تا ۱۲ باشد.",
    "date_nonexistent": "این روز در تقویم وجود ندارد.",
    "date_in_past": "تاریخ نمی‌تواند گذشته باشد.",
    "date_too_far": "تاریخ بیش از یک سال بعد است.",
    "date_range_reversed": "تاریخ پایان پیش از تاریخ شروع است.",
    "range_too_long": "بازه گزارش بیش از سه سال است.",
    "season": "فصل باید بین ۱ تا ۴ باشد.",
    "time_format": "ساعت را به شکل ۱۴:۳۰ وارد کنید.",
    "window_order": "پایان بازه باید بعد از شروع آن باشد.",
    "phone_invalid": "شماره تلفن معتبر نیست.",
    "phone_not_iranian": "فقط شماره‌های ایران پذیرفته می‌شود.",
    "phone_length": "شماره تلفن باید ۱۱ رقم باشد (مثل ۰۹۱۲۱۲۳۴۵۶۷).",
    "phone_repeated": "این شماره تکراری است.",
    "phone_taken": "این شماره متعلق به مشترک «{name}» با کد {subscriber_code} است.",
    "national_code_length": "کد ملی باید ۱۰ رقم باشد.",
    "national_code_invalid": "کد ملی معتبر نیست.",
    "national_code_taken": "این کد ملی متعلق به مشترک «{name}» با کد {subscriber_code} است.",
    "postal_code_length": "کد پستی باید ۱۰ رقم باشد.",
    "postal_code_invalid": "کد پستی معتبر نیست.",
    "code_format": "کد اشتراک باید ۸ رقم باشد.",
    "code_check_digit": "کد اشتراک اشتباه است (رقم کنترل نمی‌خواند).",
    "referrer_format": "کد اشتراک یا شماره تلفن معرف را وارد کنید.",
    "referrer_not_found": "مشترکی با این کد یا شماره پیدا نشد.",
    "referrer_immutable": "معرف پس از ثبت قابل تغییر نیست.",
    "referrer_cycle": "این معرفی یک چرخه می‌سازد.",
    "zone_unknown": "منطقه انتخاب‌شده وجود ندارد.",
    "invalid": "مقدار نامعتبر است.",
    "subscriber_not_found": "مشترک پیدا نشد.",
    "do_not_serve": "به این مشترک خدمت داده نمی‌شود: {reason}",
    "service_unavailable": "این خدمت فعال نیست.",
    "service_unknown": "خدمت ناشناخته است.",
    "address_not_of_subscriber": "این نشانی متعلق به این مشترک نیست.",
    "stale": "این اطلاعات در این فاصله توسط کاربر دیگری تغییر کرده است. دوباره باز کنید.",
    "illegal_transition": "این درخواست در وضعیت «{current}» است و این کار ممکن نیست.",
    "not_found": "مورد خواسته‌شده پیدا نشد.",
    "permission_denied": "شما اجازه این کار را ندارید.",
    "code_space_exhausted": "کد اشتراک تازه‌ای پیدا نشد؛ دوباره تلاش کنید.",
    "import_encoding": "رمزگذاری پرونده خوانا نیست (UTF-8 یا Windows-1256).",
    "import_too_large": "پرونده بیش از حد بزرگ است.",
    "import_too_many_rows": "تعداد ردیف‌ها بیش از حد مجاز است.",
    "import_json": "پرونده JSON خوانا نیست (از جمله عددهای NaN یا Infinity).",
    "import_json_depth": "ساختار پرونده JSON بیش از حد تودرتو است.",
    "import_value": "مقدار این ردیف باید متن یا عدد ساده باشد، نه فهرست یا ساختار.",
    "import_csv": "پرونده CSV خوانا نیست.",
    "import_column_count": "تعداد ستون‌های این ردیف با سرستون‌ها نمی‌خواند.",
    "import_duplicate_ref": "شناسه این فرم در همین پرونده تکراری است.",
    "invalid_form": "چند بخش از فرم نیاز به اصلاح دارد.",
    "database_on_network_share": (
        "پایگاه داده روی یک پوشه اشتراکی شبکه است ({path}). SQLite روی پوشه شبکه ممکن است "
        "داده‌ها را خراب کند: پایگاه داده را روی همین رایانه نگه دارید، یا برای چند رایانه از "
        "یک سرور PostgreSQL مشترک استفاده کنید."
    ),
    "iban_format": "شماره شبا باید IR و ۲۴ رقم باشد.",
    "iban_checksum": "شماره شبا معتبر نیست (رقم‌های کنترل نمی‌خواند).",
    "level_range": "سطح مهارت باید بین {minimum} تا {maximum} باشد.",
    "capacity_range": "ظرفیت روزانه باید بین ۱ تا {maximum} کار باشد.",
    "team_needs_members": "گروه دست‌کم دو عضو دارد؛ برای یک نفر «فرد» را انتخاب کنید.",
    "skills_required": "دست‌کم یک خدمت را که این گروه انجام می‌دهد انتخاب کنید.",
    "override_needed": "این تخصیص هشدار دارد: {warnings}. برای ادامه دلیل را بنویسید.",
    "awaiting_prepayment": "این درخواست هنوز پیش‌پرداخت نشده و قابل تخصیص نیست.",
    "group_unavailable": "این گروه فعال نیست یا وجود ندارد.",
    "not_assigned": "این درخواست هنوز به گروهی تخصیص نیافته است.",
    "price_lines_required": "دست‌کم یک ردیف قیمت وارد کنید.",
    "quantity_range": "تعداد باید عددی صحیح بین ۱ تا {maximum} باشد.",
    "sms_code_format": "کد پیامکی باید ۴ تا ۶ رقم باشد.",
    "materials_prepayment_due": "پیش‌پرداخت مواد مصرفی هنوز ثبت نشده است؛ کار شروع نمی‌شود.",
    "rework_before_done": "فقط برای کار انجام‌شده می‌توان کار دوباره ثبت کرد.",
    "no_price": "هنوز قیمتی برای این درخواست ثبت نشده است.",
    "price_changed": "قیمت تغییر کرده است (نسخه {latest})؛ موافقت باید برای قیمت تازه باشد.",
    "reassign_reason_required": "برای انتقال کار به گروه دیگر دلیل را بنویسید.",
    "already_credited": "برای این صورتحساب پیش‌تر اعلامیه برگشت صادر شده است.",
    "cheque_decided": "وضعیت این چک (وصول یا برگشت) پیش‌تر ثبت شده است.",
    "cheque_number_format": "شماره چک باید ۴ تا ۲۰ رقم باشد.",
    "final_invoice_exists": "برای این درخواست صورتحساب نهایی صادر شده است.",
    "invoice_issued": "این صورتحساب صادر شده و دیگر قابل ویرایش نیست؛ اعلامیه برگشت صادر کنید.",
    "invoice_not_payable": "این صورتحساب متعلق به این مشترک نیست یا قابل پرداخت نیست.",
    "invoice_number_format": "شماره صورتحساب را به شکل \u2066۱۴۰۴-۰۰۰۱۲۳\u2069 وارد کنید.",
    "no_materials_in_price": "قیمت موافقت‌شده مواد مصرفی ندارد.",
    "no_materials_prepayment": "این خدمت پیش‌پرداخت مواد ندارد.",
    "not_a_cheque": "این پرداخت چک نیست.",
    "not_creditable": "فقط برای صورتحساب صادرشده می‌توان اعلامیه برگشت صادر کرد.",
    "prepaid_service_invoiced": (
        "این خدمت پیش‌پرداختی است و صورتحساب پیش‌پرداخت آن پیش‌تر صادر شده است."
    ),
    "prepayment_range": "مبلغ پیش‌پرداخت باید بیش از صفر و حداکثر {amount} باشد.",
    "reference_format": "شماره پیگیری باید ۴ تا ۳۰ رقم یا حرف لاتین باشد.",
    "refund_method": "استرداد فقط نقدی، کارت به کارت یا حواله بانکی است.",
    "refund_too_large": "بیش از مانده بستانکاری مشترک است (حداکثر {amount}).",
    "request_not_of_subscriber": "این درخواست متعلق به این مشترک نیست.",
    "operation_id_invalid": (
        "شناسه عملیات نامعتبر است (باید یک UUID باشد)؛ چیزی ثبت نشد. "
        "پنجره را ببندید و دوباره باز کنید."
    ),
    "operation_replayed_differently": (
        "این شناسه عملیات پیش‌تر برای عملیات دیگری یا با مبلغ، مشترک یا روش دیگری به کار رفته "
        "است؛ عملیات دوم ثبت نشد. پنجره را ببندید و دوباره باز کنید."
    ),
    "seller_identity_missing": (
        "کد اقتصادی و شناسه ملی فروشنده در مشخصات شرکت ثبت نشده است و صورتحساب بدون آن‌ها "
        "نزد سازمان امور مالیاتی معتبر نیست؛ آن‌ها را در منوی «تنظیمات ← تنظیمات دفتر…» "
        "وارد کنید. صورتحسابی صادر نشد."
    ),
    "share_range": "سهم باید عددی صحیح از ۱ تا {maximum} باشد.",
    "receipt_number_invalid": "شماره رسید فقط حرف، رقم، «-» و «/» (حداکثر ۳۰ نویسه) دارد.",
    "wage_no_group": "این درخواست به گروه کاری سپرده نشده است.",
    "wage_member_not_in_group": "این شخص عضو گروه کاری این درخواست نیست.",
    "reimbursement_already_approved": "این هزینه مصالح پیش‌تر تأیید شده است.",
    "wage_nothing_due": (
        "تا پایان این دوره دستمزد قابل پرداختی نیست (یا همه در فهرست دیگری هستند، یا کسور "
        "بیش از دستمزد است)؛ فهرستی ساخته نشد."
    ),
    "wage_correction_needs_paid_batch": "فقط ردیف فهرستِ پرداخت‌شده اصلاحیه می‌گیرد.",
    "wage_batch_state": "این فهرست در وضعیتی نیست که این کار روی آن ممکن باشد.",
    "wage_batch_needs_approval": "این فهرست پیش از پرداخت باید به تأیید مدیر برسد.",
    "wage_batch_self_approval": "سازنده فهرست نمی‌تواند خودش آن را تأیید کند.",
    "wage_batch_stale": (
        "وصول وجه برخی کارهای این فهرست برگشت خورده است (درخواست‌های {requests}). "
        "فهرست را لغو کنید و دوباره بسازید؛ چیزی پرداخت نشد."
    ),
    "wage_no_transfers": "در این فهرست پرداخت بانکی نیست (همه نقدی است).",
    "vat_day_taken": "برای این روز پیش‌تر نرخی ثبت شده است؛ روز دیگری انتخاب کنید.",
    "vat_day_past": (
        "نرخ یا معافیت تازه از امروز ({today}) یا پس از آن اجرا می‌شود؛ "
        "صورتحساب‌های صادرشده مالیات روز خود را نگه می‌دارند."
    ),
    "vat_later_entry": (
        "از {day} مالیات «{term}» ثبت شده است و ورودی زودتر از آن با آن ناسازگار است؛ "
        "روز شروع را پس از {day} بگذارید."
    ),
    "split_day_taken": "برای این روز پیش‌تر قاعده تقسیمی ثبت شده است؛ روز دیگری انتخاب کنید.",
    "split_day_past": (
        "قاعده تقسیم تازه از امروز ({today}) یا پس از آن اجرا می‌شود؛ "
        "کارهای پیشین قاعده روز توافق خود را نگه می‌دارند."
    ),
    "split_later_rule": (
        "از {day} قاعده تقسیم دیگری ثبت شده است؛ روز شروع را پس از {day} بگذارید."
    ),
    "gift_credit_insufficient": (
        "اعتبار هدیه مشترک ({balance} ریال) برای {amount} ریال کافی نیست؛ چیزی ثبت نشد. "
        "اعتبار هدیه پول نیست و با مانده نقدی مشترک جبران نمی‌شود."
    ),
    "gift_out_of_stock": (
        "از «{name}» فقط {available} عدد موجود است؛ چیزی ثبت نشد (شاید رایانه دیگری "
        "همین حالا آن را برداشته باشد)."
    ),
    "gift_retired": "«{name}» دیگر در کاتالوگ هدایا عرضه نمی‌شود؛ چیزی ثبت نشد.",
    "gift_order_empty": "دست‌کم یک هدیه با تعداد آن انتخاب کنید.",
    "gift_order_state": "سفارش هدیه در وضعیت «{state}» است و این کار روی آن ممکن نیست.",
    "dispatch_target_invalid": (
        "هدف زمان اعزام باید عددی صحیح از ۱ تا {maximum} ساعت باشد (مثلاً ۲۴)."
    ),
    "quantity_invalid": "تعداد باید عددی صحیح از ۱ تا {maximum} باشد.",
    "photo_invalid": "این پرونده تصویر معتبری نیست (JPEG، PNG یا WebP انتخاب کنید).",
    "photo_too_large": "تصویر بیش از حد بزرگ است (حداکثر {maximum} مگابایت و ۵۰ مگاپیکسل).",
    "photo_unreadable": "پرونده تصویر خوانده نشد.",
    "expiry_months_range": (
        "مدت انقضای اعتبار هدیه باید خالی (بدون انقضا) یا عددی از ۰ تا {maximum} ماه باشد."
    ),
    "discount_range": "تخفیف نمی‌تواند منفی یا بیشتر از مبلغ ردیف باشد.",
    "sign_in_failed": "نام کاربری یا گذرواژه نادرست است.",
    "account_locked": "این حساب به دلیل چند ورود ناموفق برای {minutes} دقیقه قفل شده است.",
    "account_inactive": "این حساب غیرفعال است؛ با مدیر سیستم تماس بگیرید.",
    "role_changed": "نقش این حساب پس از ورود تغییر کرده است؛ چیزی ذخیره نشد. یک بار خارج شوید و "
    "دوباره وارد شوید.",
    "first_admin_exists": "حساب مدیر سیستم پیش‌تر ساخته شده است.",
    "password_too_short": "گذرواژه باید دست‌کم {minimum} نویسه باشد.",
    "password_too_weak": "این گذرواژه ساده است؛ نام کاربری یا نویسه‌های تکراری نباشد.",
    "password_mismatch": "تکرار گذرواژه با خود آن یکسان نیست.",
    "password_wrong": "گذرواژه فعلی نادرست است.",
    "username_format": "نام کاربری فقط حروف کوچک لاتین، رقم و . _ - (۳ تا ۵۰ نویسه).",
    "username_taken": "این نام کاربری پیش‌تر گرفته شده است.",
    "cannot_deactivate_self": "نمی‌توانید حساب خودتان را غیرفعال کنید.",
    "cannot_change_own_role": "نمی‌توانید نقش حساب خودتان را تغییر دهید.",
    "legal_id_length": "شناسه ملی باید ۱۱ رقم باشد.",
    "legal_id_invalid": "شناسه ملی معتبر نیست.",
    "economic_code_invalid": "کد اقتصادی باید ۱۰ تا ۱۴ رقم باشد.",
    "tax_export_incomplete": (
        "{count} سند این بازه هنوز آماده سامانه مودیان نیست؛ پرونده‌ای نوشته نشد."
    ),
    "tax_memory_id_invalid": "شناسه یکتای حافظه مالیاتی شش حرف لاتین یا رقم است (مانند A1B2C3).",
    "tax_service_id_invalid": "شناسه کالا/خدمت سامانه مودیان باید ۱۳ رقم باشد.",
    "logo_unreadable": "پرونده نشان خوانده نشد.",
    "logo_too_large": "پرونده نشان بزرگ‌تر از {maximum} کیلوبایت است.",
    "logo_format": "نشان باید تصویر PNG یا JPEG باشد.",
    "backups_kept_range": "تعداد پشتیبان‌ها باید بین ۱ تا ۳۶۵ باشد.",
    "backup_not_sqlite": "این پرونده پایگاه داده SQLite نیست.",
    "backup_failed": "پشتیبان ذخیره نشد: {detail}",
    "backup_missing": "پرونده پشتیبان پیدا نشد.",
    "backup_corrupt": "پرونده پشتیبان آسیب دیده است.",
    "backup_foreign_keys": "پیوندهای داده در پرونده پشتیبان ناسازگار است.",
    "backup_no_schema": "این پرونده پایگاه داده هنداژ نیست.",
    "backup_schema_unknown": "این پشتیبان از نسخه‌ای تازه‌تر از هنداژ است.",
    "restore_in_use": "پایگاه داده هنوز باز است (در همین رایانه یا رایانه دیگری)؛ هنداژ را "
    "همه‌جا ببندید و دوباره بازگردانی کنید. چیزی تغییر نکرد.",
    "backup_triggers_missing": "در این پشتیبان محافظ‌های سوابق مالی و رویدادها نیست "
    "({triggers})؛ بازگردانی نشد.",
    "backup_audit_broken": "زنجیره رویدادهای این پشتیبان شکسته است (رویداد {entry}، {reason})؛ "
    "بازگردانی نشد.",
    "schema_unknown": "این پایگاه داده را نسخه‌ای تازه‌تر از هنداژ ساخته است؛ هنداژ را به‌روز کنید.",
    "score_required": "امتیاز کلی را بدهید (از ۱ تا ۵).",
    "score_range": "امتیاز باید عددی صحیح از {minimum} تا {maximum} باشد.",
    "unknown_criterion": "این معیار ارزیابی شناخته نیست.",
    "channel_invalid": "راه دریافت نظر را از فهرست انتخاب کنید.",
    "job_not_finished": "برای کاری که هنوز به پایان نرسیده نظر ثبت نمی‌شود.",
    "feedback_channel_taken": "برای این کار از راه «{channel}» پیش‌تر نظر ثبت شده است؛ نظر دوم "
    "از همین راه پذیرفته نمی‌شود.",
    "call_other_day": "این تماس از فهرست روز {day} است؛ نتیجه را فقط برای فهرست امروز ({today}) "
    "می‌توان ثبت کرد.",
    "outcome_invalid": "نتیجه تماس را از فهرست انتخاب کنید.",
    "call_already_recorded": "نتیجه این تماس پیش‌تر ثبت شده است.",
    "already_on_list": "این کار در فهرست تماس امروز هست.",
    "no_subscriber_to_call": "این کار مشترک ثبت‌شده ندارد؛ نمی‌توان برای آن تماس گرفت.",
    "do_not_call": "این مشترک خواسته است برای نظرسنجی با او تماس گرفته نشود.",
    "complaint_closed": "این شکایت پیش‌تر بسته شده است.",
    "action_invalid": "اقدام انجام‌شده را انتخاب کنید.",
    "rework_not_linked": "این درخواست دوباره‌کاری به همین کار پیوند ندارد.",
    "idea_state_invalid": "وضعیت پیشنهاد را از فهرست انتخاب کنید.",
    "idea_source_invalid": "منبع پیشنهاد معتبر نیست.",
    "ref_repeated": "این شناسه در همین پرونده تکرار شده است.",
    "setting_range": "این مقدار باید عددی صحیح از {minimum} تا {maximum} باشد.",
    "audit_key_unreadable": "کلید زنجیره رویدادهای این پایگاه داده خوانا نیست ({path}).",
    "database_busy": "رایانه دیگری مدتی است پایگاه داده را برای نوشتن نگه داشته است؛ چیزی ذخیره "
    "نشد. چند لحظه بعد دوباره تلاش کنید.",
}

FIELD_LABELS: dict[str, str] = {
    "share": "سهم",
    "withholding": "کسور قانونی",
    "receipt_number": "شماره رسید",
    "bank_ref": "شماره پیگیری بانک",
    "paid_on": "تاریخ پرداخت",
    "day_from": "از تاریخ",
    "day_to": "تا تاریخ",
    "tax_memory_id": "شناسه یکتای حافظه مالیاتی",
    "tax_service_id": "شناسه کالا/خدمت",
    "dispatch_target_hours": "هدف زمان اعزام",
    "username": "نام کاربری",
    "password": "گذرواژه",
    "full_name": "نام",
    "name": "نام",
    "phone": "تلفن",
    "code": "کد اشتراک",
    "service": "خدمت",
    "address": "نشانی",
    "description": "شرح",
    "preferred_date": "تاریخ",
    "window": "بازه زمانی",
    "national_code": "کد ملی",
    "referrer": "معرف",
    "subscriber": "مشترک",
    "ref": "شناسه",
    "row": "ردیف",
    "overall": "امتیاز کلی",
    "work": "کیفیت کار",
    "punctuality": "وقت‌شناسی",
    "conduct": "رفتار",
    "cleanliness": "نظافت",
    "price": "انصاف در قیمت",
    "channel": "راه دریافت",
    "comment": "توضیح",
    "outcome": "نتیجه تماس",
}


def _param(key: str, value: object) -> str:
    if key == "current" and isinstance(value, str) and value in set(RequestStatus):
        return STATUS_LABELS[RequestStatus(value)]
    if key == "subscriber_code" and isinstance(value, str) and value.isdigit():
        return format_code(value)
    if key == "amount" and isinstance(value, int) and not isinstance(value, bool):
        return fmt.money(value)  # rials, shown in the display unit with its name
    if isinstance(value, int) and not isinstance(value, bool):
        return format_number(value)
    return to_persian_digits(str(value))


def message_for_code(code: str, params: dict[str, object] | None = None) -> str:
    template = MESSAGES.get(code, "خطا: {code}")
    values = {k: _param(k, v) for k, v in (params or {}).items()}
    values.setdefault("code", code)
    try:
        return template.format(**values)
    except (KeyError, IndexError):
        return _without_placeholders(template)


def _without_placeholders(template: str) -> str:
    """The message when its parameters are unknown (an import problem carries only a code):
    «… (حداکثر {maximum} نویسه).» → «….», never a raw «{maximum}» on screen."""
    text = re.sub(r"\s*\([^()]*\{[^{}]*\}[^()]*\)", "", template)
    return re.sub(r"\s*\{[^{}]*\}", "", text)


def error_message(error: DomainError) -> str:
    """The Persian sentence for a domain error."""
    if isinstance(error, ValidationErrors):
        return "\n".join(error_message(e) for e in error.errors)
    if isinstance(error, PermissionDenied):
        return MESSAGES["permission_denied"]
    if isinstance(error, NotFound):
        return MESSAGES["not_found"]
    if isinstance(error, ValidationError | Conflict):
        return message_for_code(error.code, error.params)
    return message_for_code(error.code, error.params)


def field_label(field: str) -> str:
    return FIELD_LABELS.get(field.split(":")[0], field)
