"""The TUI's pure helpers: form validation, dashboard rows, layout, highlights."""

from __future__ import annotations

from datetime import date

import pytest

from afterview.checks.types import Finding, Report
from afterview.timing import Advice
from afterview.tui.dashboard_rows import DashboardRow, build_rows, first_by_interview
from afterview.tui.form_model import FormValues, InterviewerValues, build_interview, renamed_interviewers
from afterview.tui.screens.help import key_rows
from afterview.tui.widgets.check_panel import check_lines, summary
from afterview.tui.widgets.interview_list import Columns
from afterview.tui.widgets.note_editor import line_highlights
from afterview.usecases.due import due_everywhere

TODAY = date(2026, 3, 2)


def valid_form(**changes) -> FormValues:
    values = FormValues(
        company="Northwind Analytics",
        role="Data Analyst",
        interview_date="2026-03-02",
        interviewers=[InterviewerValues(name="Jordan Lee", email="jordan@northwind.example", moment="the churn dashboard")],
    )
    for key, value in changes.items():
        setattr(values, key, value)
    return values


class TestBuildInterview:
    def test_valid_form_gives_the_interview(self) -> None:
        interview, errors = build_interview(valid_form(decision_date="2026-03-09"))
        assert errors == {}
        assert interview is not None
        assert interview.decision_date == date(2026, 3, 9)
        assert interview.interviewers[0].moment == "the churn dashboard"

    @pytest.mark.parametrize(
        ("changes", "key", "words"),
        [
            ({"company": ""}, "company", "must not be empty"),
            ({"interview_date": "2026-3-2"}, "interview_date", "YYYY-MM-DD"),
            ({"interview_date": ""}, "interview_date", "required"),
            ({"decision_date": "2026-02-01"}, "decision_date", "before the interview date"),
            ({"candidate_email": "sam at example"}, "candidate_email", "not an email address"),
            ({"offer_company": "Contoso"}, "competing_offer.deadline", "required"),
            ({"offer_deadline": "2026-03-20"}, "competing_offer.company", "must not be empty"),
            ({"award_name": "Kaggle", "award_date": "soon"}, "award.date", "YYYY-MM-DD"),
        ],
    )
    def test_each_problem_lands_on_its_input(self, changes: dict, key: str, words: str) -> None:
        interview, errors = build_interview(valid_form(**changes))
        assert interview is None
        assert key in errors, errors
        assert words in errors[key]

    def test_interviewer_errors_keep_the_form_position_past_blank_blocks(self) -> None:
        people = [InterviewerValues(name="Jordan Lee"), InterviewerValues(), InterviewerValues(name="Sam", email="nope")]
        _, errors = build_interview(valid_form(interviewers=people))
        assert set(errors) == {"interviewers.2.email"}

    def test_moment_cap_is_an_instruction(self) -> None:
        people = [InterviewerValues(name="Jordan Lee", moment="word " * 41)]
        _, errors = build_interview(valid_form(interviewers=people))
        assert errors["interviewers.0.moment"] == "is 41 words; at most 40 allowed"

    def test_two_contacts_and_no_interviewer_are_list_errors(self) -> None:
        two = [InterviewerValues(name="A", contact=True), InterviewerValues(name="B", contact=True)]
        _, errors = build_interview(valid_form(interviewers=two))
        assert "are all ticked" in errors["interviewers"]
        _, errors = build_interview(valid_form(interviewers=[InterviewerValues()]))
        assert errors["interviewers"] == "add at least one interviewer with a name"

    def test_round_trip_through_the_form(self) -> None:
        interview, _ = build_interview(
            valid_form(offer_company="Contoso", offer_deadline="2026-03-20", award_name="Kaggle", award_date="2026-03-05")
        )
        assert interview is not None
        again, errors = build_interview(FormValues.from_interview(interview))
        assert errors == {} and again == interview


class TestRenamedInterviewers:
    def test_a_changed_name_of_a_stored_block_is_a_rename(self) -> None:
        blocks = [
            ("Jordn Lee", InterviewerValues(name="Jordan Lee")),  # typo fixed
            ("Priya Shah", InterviewerValues(name="PRIYA  shah")),  # case and spaces only: same person
            (None, InterviewerValues(name="Sam Ortiz")),  # not saved yet: nothing to rename
            ("Alex Kim", InterviewerValues()),  # cleared: removed, not renamed
            ("Bo Li", InterviewerValues(name="  ", title="CTO")),  # name blanked: invalid, not renamed
        ]
        assert renamed_interviewers(blocks) == {"Jordn Lee": "Jordan Lee"}

    def test_swapped_names_rename_both(self) -> None:
        blocks = [("Ana Ruiz", InterviewerValues(name="Bo Li")), ("Bo Li", InterviewerValues(name="Ana Ruiz"))]
        assert renamed_interviewers(blocks) == {"Ana Ruiz": "Bo Li", "Bo Li": "Ana Ruiz"}


def advice(kind: str, state: str, due: date | None, recipient: str = "Jordan Lee") -> Advice:
    return Advice(kind, recipient, state, due, f"{kind}.rule", f"reason for {kind}")  # type: ignore[arg-type]


class Summary:
    def __init__(self, id: int, company: str, day: date) -> None:
        self.id, self.company, self.role, self.status, self.interview_date = id, company, "Analyst", "awaiting", day


class TestDashboardRows:
    def test_late_then_due_then_upcoming_then_nothing(self) -> None:
        items = [Summary(i, name, TODAY) for i, name in enumerate(["Quiet", "Soon", "Late", "Today"], start=1)]
        pairs = [
            (items[1], advice("follow_up", "upcoming", date(2026, 3, 9))),
            (items[2], advice("thank_you", "late", date(2026, 2, 20))),
            (items[3], advice("thank_you", "due", TODAY)),
            (items[3], advice("follow_up", "upcoming", date(2026, 3, 20))),
            (items[0], advice("follow_up", "stop", None)),
        ]
        rows = build_rows(items, first_by_interview(pairs))
        assert [r.company for r in rows] == ["Late", "Today", "Soon", "Quiet"]
        assert [r.due_label(TODAY) for r in rows] == ["LATE (Feb 20)", "DUE TODAY", "in 7 days", ""]
        assert rows[1].note_label == "thank-you → Jordan"
        assert rows[3].note_label == "nothing to send"

    def test_first_by_interview_takes_each_interviews_most_urgent_note_from_the_store(self, store) -> None:
        """No re-sort: the store's order alone must give each interview its most urgent note."""
        from afterview.domain import Interview

        def stored(company: str, day: date, names: list[str], **extra: object) -> int:
            people = [{"name": name} for name in names]
            data = {"company": company, "role": "Analyst", "interview_date": day, "interviewers": people, **extra}
            return store.add_interview(Interview.from_data(data))

        # Decision passed a week ago: follow-up due; the thank-you has been late since Feb 22.
        late = stored("Late", date(2026, 2, 20), ["Zoe Park"], decision_date=date(2026, 2, 22))
        # Interviewed today, two thank-yous due: the advisor's recipient order decides.
        panel = stored("Panel", TODAY, ["Ben Ode", "ana ruiz"])
        # Thank-you sent; a competing offer makes a note due now, the follow-up is upcoming.
        offer = stored(
            "Offer",
            date(2026, 2, 25),
            ["Kim Lo"],
            decision_date=date(2026, 3, 20),
            competing_offer={"company": "Contoso", "deadline": date(2026, 3, 10)},
        )
        store.mark_sent(offer, "thank_you", "Kim Lo", on=date(2026, 2, 25))
        # Offered and thanked: nothing left to send.
        done = stored("Done", date(2026, 2, 10), ["Lee Chan"], status="offered", status_date=date(2026, 2, 20))
        store.mark_sent(done, "thank_you", "Lee Chan", on=date(2026, 2, 10))

        chosen = first_by_interview(due_everywhere(store, TODAY))
        picked = {key: (a.type, a.recipient, a.state) for key, a in chosen.items()}
        assert picked == {
            late: ("thank_you", "Zoe Park", "late"),
            panel: ("thank_you", "ana ruiz", "due"),
            offer: ("competing_offer", "Kim Lo", "due"),
        }

    def test_unadvised_rows_come_newest_first_with_an_ellipsis(self) -> None:
        items = [Summary(1, "Old", date(2026, 1, 5)), Summary(2, "New", date(2026, 2, 5))]
        rows = build_rows(items, None)
        assert [r.company for r in rows] == ["New", "Old"]
        assert rows[0].note_label == "…"

    def test_note_text_drops_the_name_before_it_is_cut(self) -> None:
        row = DashboardRow(1, "Tailspin", "Designer", "rejected", TODAY, "feedback_request", "Morgan Diaz", "due", TODAY)
        assert row.note_text(30) == "feedback request → Morgan"
        assert row.note_text(20) == "feedback request"

    def test_filter_needs_every_word(self) -> None:
        row = DashboardRow(1, "Northwind Analytics", "Data Analyst", "awaiting", TODAY, "thank_you", "Jordan Lee", "due", TODAY)
        assert row.matches("northwind jordan")
        assert row.matches("  ")
        assert not row.matches("northwind contoso")


class TestLayout:
    @pytest.mark.parametrize("width", [60, 78, 80, 118, 200])
    def test_columns_fill_the_width_and_align_with_the_header(self, width: int) -> None:
        columns = Columns.fit(width)
        line = columns.line(("LATE (Feb 20)", "thank-you → Jordan", "A very long company name indeed", "Role", "awaiting"))
        assert len(line) == len(columns.header())
        assert len(line) <= width
        if width < 100:
            assert "…" in line  # a long company name is cut, never wrapped

    def test_due_span_covers_the_due_label(self) -> None:
        columns = Columns.fit(80)
        line = columns.line(("DUE TODAY", "n", "c", "r", "s"))
        start, end = columns.due_span()
        assert line[start:end].strip() == "DUE TODAY"


class TestHighlights:
    def test_spans_split_across_lines_in_bytes(self) -> None:
        text = "Dear Jordan,\n\nThank you — it was great.\nBest,"
        start = text.index("you")
        end = text.index("great") + len("great")
        result = line_highlights(text, [(start, end, "block")])
        line = text.split("\n")[2]
        (first, last, name), = result[2]
        assert name == "check-block"
        assert line.encode()[first:last].decode() == line[line.index("you") : line.index("great") + 5]
        assert set(result) == {2}

    def test_multi_line_span_and_stale_spans(self) -> None:
        text = "one\ntwo\nthree"
        result = line_highlights(text, [(2, 9, "warn"), (50, 60, "block"), (3, 3, "info")])
        assert result[0] == [(2, 3, "check-warn")]
        assert result[1] == [(0, 3, "check-warn")]
        assert result[2] == [(0, 1, "check-warn")]
        assert sum(len(v) for v in result.values()) == 3

    def test_blocks_paint_last(self) -> None:
        result = line_highlights("abcdef", [(0, 6, "block"), (1, 3, "warn")])
        assert [name for *_, name in result[0]] == ["check-warn", "check-block"]


class TestChecksPanelLines:
    def test_blocks_first_then_warnings_then_passes(self) -> None:
        report = Report(
            "thank_you",
            (
                Finding("cliches", "warn", "Cut 'just checking in'", start=0, end=5),
                Finding("personal", "block", "Mention the moment you noted", suggestion="the churn dashboard"),
            ),
        )
        lines = check_lines(report, ("brevity", "thanks", "personal", "cliches"))
        assert [(line.verdict, line.check) for line in lines] == [
            ("block", "personal"),
            ("warn", "cliches"),
            ("pass", "brevity"),
            ("pass", "thanks"),
        ]
        assert summary(report) == "✖ 1 block · ▲ 1 warn"
        assert summary(Report("thank_you")) == "✔ passes every check"


def test_help_rows_come_from_the_bindings() -> None:
    from afterview.tui.screens.dashboard import DashboardScreen

    rows = dict(key_rows(DashboardScreen.BINDINGS, DashboardScreen.ACTION_HELP))
    assert rows["a"] == "Add an interview"
    assert rows["x / del"].startswith("Delete")
    assert rows["/"].startswith("Filter")
