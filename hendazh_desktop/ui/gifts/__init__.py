"""The gift catalogue (کاتالوگ هدایا): grid and list, item dialog, redemption, orders."""
