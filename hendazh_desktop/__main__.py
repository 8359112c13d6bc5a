"""``python -m hendazh_desktop``: the same as the ``hendazh`` command."""

from hendazh_desktop.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
