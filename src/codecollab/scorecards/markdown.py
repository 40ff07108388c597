"""The interview summary as a Markdown document, for download and for pasting elsewhere."""

from __future__ import annotations

from codecollab.scorecards.schemas import ScorecardPublic
from codecollab.scorecards.summary import SummaryPublic

RATING_LABELS = {
    "strong_no": "Strong no",
    "no": "No",
    "yes": "Yes",
    "strong_yes": "Strong yes",
}


def moment(at_ms: int) -> str:
    """A replay moment as mm:ss (minutes past 99 as they are)."""
    seconds = at_ms // 1000
    return f"{seconds // 60:02d}:{seconds % 60:02d}"


def rating_label(rating: str | None) -> str:
    return RATING_LABELS.get(rating or "", "Not rated")


def _fence(code: str) -> str:
    """A code fence longer than any run of backticks in the code."""
    longest = run = 0
    for char in code:
        run = run + 1 if char == "`" else 0
        longest = max(longest, run)
    return "`" * max(3, longest + 1)


def summary_markdown(summary: SummaryPublic) -> str:
    lines = [f"# Interview summary: {summary.room.title}", ""]
    lines += _overview(summary)
    lines += _code(summary)
    lines += _participants(summary)
    lines += ["## Scorecards", ""]
    if not summary.scorecards:
        lines += ["No scorecards yet.", ""]
    for card in summary.scorecards:
        lines += _scorecard(card)
    return "\n".join(lines)


def _overview(summary: SummaryPublic) -> list[str]:
    submission = summary.latest_submission
    tests = (
        f"{submission.verdict or 'unknown'}, {submission.passed}/{submission.total} tests passed"
        if submission
        else "no submission"
    )
    run = summary.last_run
    last_run = f"{run.status or 'unknown'} (exit {run.exit_code})" if run else "none"
    return [
        f"- Status: {summary.room.status}",
        f"- Problem: {summary.room.problem_title or 'none'}",
        f"- Duration: {moment(summary.duration_ms)}",
        f"- Language: {summary.language or 'unknown'}",
        f"- Latest submission: {tests} ({summary.submissions} submissions)",
        f"- Runs: {summary.runs}; last run: {last_run}",
        "",
    ]


def _code(summary: SummaryPublic) -> list[str]:
    fence = _fence(summary.code)
    return ["## Final code", "", f"{fence}{summary.language or ''}", summary.code, fence, ""]


def _participants(summary: SummaryPublic) -> list[str]:
    lines = [
        "## Participants and integrity signals",
        "",
        "| name | role | pastes | largest paste | focus losses | time away | runs |",
        "| --- | --- | --- | --- | --- | --- | --- |",
    ]
    for p in summary.participants:
        name = (p.display_name or str(p.user_id)).replace("|", "\\|")
        lines.append(
            f"| {name} | {p.role or ''} | {p.pastes} | {p.largest_paste} | {p.focus_losses} "
            f"| {moment(p.time_away_ms)} | {p.runs} |"
        )
    return [*lines, ""]


def _scorecard(card: ScorecardPublic) -> list[str]:
    lines = [
        f"### {card.author_name} ({card.status})",
        "",
        f"Recommendation: **{rating_label(card.recommendation)}**",
        "",
    ]
    for item in card.items:
        at = f" (at {moment(item.at_ms)})" if item.at_ms is not None else ""
        lines.append(f"- **{item.title}**: {rating_label(item.rating)}{at}")
        if item.notes:
            lines += [f"  {line}" for line in item.notes.splitlines()]
    if card.overall_notes:
        at = f" (at {moment(card.overall_at_ms)})" if card.overall_at_ms is not None else ""
        lines += ["", f"Overall notes{at}:", "", card.overall_notes]
    return [*lines, ""]
