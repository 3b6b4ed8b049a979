"""The demo's status histories (etl.demo_generate): the steps a recommendation goes
through to its final status, its progress never falling."""

from __future__ import annotations

import random

PROGRESS_STEPS = tuple(range(5, 100, 5))


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
