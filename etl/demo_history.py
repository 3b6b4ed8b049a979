"""The demo's status histories (etl.demo_generate): the steps a recommendation goes
through to its final status, its progress never falling; and which of the completed ones
the council closes as partially completed instead."""

from __future__ import annotations

import random

PROGRESS_STEPS = tuple(range(5, 100, 5))
# Of the recommendations the demo brings to completion, the share the council closes as
# partially completed instead (part of the work done, the rest given up), with the progress
# they keep (40 to 90%). Drawn from a generator of their own (`partial_rng`), so that the
# demo's other rows are the same as without them.
PARTIAL_SHARE = 0.12
PARTIAL_PROGRESS = tuple(range(40, 95, 5))


def partial_rng(seed: int, index: int) -> random.Random:
    """Commune `index`'s generator of the recommendations closed as partially completed."""
    return random.Random(f"musharaka-demo-partial:{seed}:{index}")


def closed_partly(steps: list[tuple[str, int, str]], kept: int) -> list[tuple[str, int, str]]:
    """A completed history (`history(..., "completed", ...)`) closed as partially completed
    at `kept` percent instead: the progress of its earlier steps scaled down to it (to the
    nearest 5, never below 5 once the work started), so that it still never falls."""
    top = max(progress for _, progress, _ in steps[:-1]) or kept
    scaled = [
        (status, max(5, round(progress * kept / top / 5) * 5) if progress else 0, kind)
        for status, progress, kind in steps[:-1]
    ]
    return [*scaled, ("partially_completed", kept, "partially_completed")]


def history(rng: random.Random, final: str, initial: str, count: int) -> list[tuple[str, int, str]]:
    """`count` steps (status, progress, note kind) ending in `final`, progress never falling."""
    rand = rng.random
    if final == "not_started":
        return [("not_started", 0, "not_started")] * count
    if final == "planned":
        waiting = 0 if initial == "planned" else int(rand() * count)
        return [("not_started", 0, "not_started")] * waiting + [("planned", 0, "planned")] * (
            count - waiting
        )
    if final == "stalled":
        tail = 2 if count >= 5 and rand() < 0.4 else 1
    else:
        tail = 0 if final == "in_progress" else 1
    body = count - tail
    if final == "cancelled":
        works = rng.randint(1, body - 1) if body >= 2 and rand() < 0.3 else 0
    else:
        works = body
        if body >= 2 and rand() < 0.75:
            works -= 2 if body >= 5 and rand() < 0.3 else 1
        if final == "in_progress":
            works = max(works, 1)
    waiting = body - works
    first = "planned" if initial == "planned" or final != "cancelled" else "not_started"
    steps: list[tuple[str, int, str]] = [(first, 0, first)] * waiting
    progress = 0
    if works:
        values = sorted(rng.sample(PROGRESS_STEPS, works))
        stall = rng.randint(1, works - 2) if works >= 4 and rand() < 0.3 else -1
        for i, value in enumerate(values):
            if i == stall:
                steps.append(("stalled", progress, "stalled"))
                continue
            kind = "started" if i == 0 else ("resumed" if i == stall + 1 else "in_progress")
            progress = value
            steps.append(("in_progress", progress, kind))
    if final == "completed":
        steps.append(("completed", 100, "completed"))
    elif final == "cancelled":
        steps.append(("cancelled", progress, "cancelled"))
    elif final == "stalled":
        steps.extend([("stalled", progress, "stalled")] * tail)
    return steps
