"""Python forms generated from the Qt Designer sources in the top-level ``ui/`` folder."""
