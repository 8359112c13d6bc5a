"""The database tables as SQLAlchemy declarative models, one module per part of the office."""

from hendazh_desktop.db.models import (  # noqa: F401  (importing the package maps every table)
    admin,
    billing,
    core,
    credit,
    dispatch,
    gifts,
    pricing,
    quality,
    wages,
)
