"""The performance benchmark: the app on a house with ten years of history, each figure beside
a floor measured in the same run. ``uv run python -m bench``; see the README's Performance
section."""
