"""``python -m leadscout ...``: the same CLI as the `leadscout` console script (the scheduler runs its jobs so)."""

from __future__ import annotations

from leadscout.cli import main

main()
