"""The handicraft gift catalogue, its stock and redemption orders paid in gift credit."""
