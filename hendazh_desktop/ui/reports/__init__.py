"""The reports view (گزارش‌ها) and the manager's dashboard."""
