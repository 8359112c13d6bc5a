"""Database passwords are masked wherever a URL is shown."""

from __future__ import annotations

from hendazh_desktop.domain.masking import mask_passwords


def test_url_password_masked():
    text = "cannot open postgresql+psycopg://clerk:S3cret-pw@db.office:5432/hendazh now"
    masked = "cannot open postgresql+psycopg://clerk:***@db.office:5432/hendazh now"
    assert mask_passwords(text) == masked


def test_connection_string_and_plain_paths():
    assert "S3cret" not in mask_passwords("host=db user=clerk password=S3cret dbname=h")
    assert mask_passwords("/home/clerk/hendazh.db") == "/home/clerk/hendazh.db"
    assert mask_passwords("sqlite:////home/a:b/x.db") == "sqlite:////home/a:b/x.db"
