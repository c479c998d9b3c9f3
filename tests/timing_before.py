"""The timing rules as they were written before the schedules became data: one function
per note type, the day counts as constants. ``tests/test_timing_schedules.py`` runs it
beside ``afterview.timing`` on generated records and holds the two to the same rows.

The sentences come from the shipped data (they moved there verbatim); everything that
decides a row (which rule, which state, which day, which values fill the sentence) is
this module's own.
"""

from __future__ import annotations

import tomllib
from datetime import date

from afterview.dates import add_days
from afterview.names import name_key
from afterview.resources import data_dir
from afterview.timing import Advice, SentLog
from afterview.timing_data import shipped_timing

THANK_YOU_WINDOW = 2
FOLLOW_UP_AFTER_DECISION = 7
FOLLOW_UP_NO_DECISION = 14
SECOND_FOLLOW_UP = 7
MAX_FOLLOW_UPS = 2
LATE_AFTER = 7
APPLIES_WHILE = {
    "follow_up": "awaiting",
    "competing_offer": "awaiting",
    "award_update": "awaiting",
    "feedback_request": "rejected",
    "continued_interest": "rejected",
}


SINCE = tomllib.loads((data_dir("guardrails") / "timing.toml").read_text(encoding="utf-8"))["since"]


class Before:
    """The old advisor for one day (``advise`` returns the rows unsorted)."""

    def __init__(self, today: date, *, wordy: bool = True) -> None:
        data = shipped_timing()
        self.reasons, self.phrases, self.unknown = data.reasons, data.status_phrases, data.unknown_status
        self.since, self.undated = SINCE["rejection"], SINCE["undated_rejection"]
        self.today, self.wordy = today, wordy

    def advise(self, interview, sent) -> list[Advice]:
        self.status, self.interview = str(getattr(interview.status, "value", interview.status)), interview
        log = SentLog(sent)
        rows = self.thank_yous(log)
        wordy = self.wordy
        candidates = [self.follow_up(log)] if wordy or self.status == "awaiting" else []
        for note_type, build in (
            ("competing_offer", self.competing_offer),
            ("award_update", self.award_update),
            ("feedback_request", lambda: self.after_rejection("feedback_request", "after_rejection.feedback")),
            ("continued_interest", lambda: self.after_rejection("continued_interest", "after_rejection.keep_in_mind")),
        ):
            if (wordy or self.status == APPLIES_WHILE[note_type]) and not log.has(note_type):
                candidates.append(build())
        return rows + [row for row in candidates if row is not None]

    def row(self, note_type, recipient, state, due, rule, **values) -> Advice:
        return Advice(note_type, recipient, state, due, rule, self.reasons[rule][state].format(**values))

    def timed(self, note_type, recipient, rule, *, start, late_after, **values) -> Advice:
        late = add_days(start, late_after) if late_after is not None else None
        last = add_days(late, -1) if late is not None else None
        if self.today < start:
            state = "upcoming"
        elif late is not None and self.today >= late:
            state = "late"
        else:
            state = "due"
        return self.row(note_type, recipient, state, start, rule, start=start, late=late, last=last, **values)

    def not_applicable(self, note_type, recipient, why, **values) -> Advice | None:
        if not self.wordy:
            return None
        if why == "status":
            on = f" on {self.interview.status_date.isoformat()}" if self.interview.status_date else ""
            phrase = self.phrases.get(self.status)
            values = {"status": phrase.format(on=on) if phrase else self.unknown.format(status=repr(self.status))}
        return self.row(note_type, recipient, "not_applicable", None, f"{note_type}.not_applicable.{why}", **values)

    def thank_yous(self, log: SentLog) -> list[Advice]:
        rows, seen = [], log.recipients("thank_you")
        for name in self.interview.recipient_names:
            if name_key(name) not in seen:
                seen.add(name_key(name))
                start = self.interview.interview_date
                rows.append(self.timed("thank_you", name, "thank_you.same_day", start=start, late_after=THANK_YOU_WINDOW))
        return rows

    def follow_up(self, log: SentLog) -> Advice | None:
        contact, record = self.interview.contact_name, self.interview
        if self.status != "awaiting":
            return self.not_applicable("follow_up", contact, "status")
        days = log.days("follow_up")
        if len(days) >= MAX_FOLLOW_UPS:
            return self.row("follow_up", contact, "stop", None, "follow_up.stop_after_two", count=len(days), last_sent=days[-1])
        if days:
            rule, start, values = "follow_up.second", add_days(days[0], SECOND_FOLLOW_UP), {"first": days[0]}
        elif record.decision_date is not None:
            start = add_days(record.decision_date, FOLLOW_UP_AFTER_DECISION)
            rule, values = "follow_up.after_decision", {"decision": record.decision_date}
        else:
            start = add_days(record.interview_date, FOLLOW_UP_NO_DECISION)
            rule, values = "follow_up.no_decision_date", {"interview": record.interview_date}
        return self.timed("follow_up", contact, rule, start=start, late_after=LATE_AFTER, **values)

    def competing_offer(self) -> Advice | None:
        contact, deadline = self.interview.contact_name, self.interview.offer_deadline
        if self.status != "awaiting":
            return self.not_applicable("competing_offer", contact, "status")
        if deadline is None:
            return self.not_applicable("competing_offer", contact, "no_offer")
        if deadline < self.today:
            return self.not_applicable("competing_offer", contact, "deadline_passed", deadline=deadline)
        rule = "competing_offer.before_deadline"
        return self.timed("competing_offer", contact, rule, start=self.today, late_after=None, deadline=deadline)

    def award_update(self) -> Advice | None:
        contact, award, interviewed = self.interview.contact_name, self.interview.award_date, self.interview.interview_date
        if self.status != "awaiting":
            return self.not_applicable("award_update", contact, "status")
        if award is None:
            return self.not_applicable("award_update", contact, "no_award")
        if award < interviewed:
            return self.not_applicable("award_update", contact, "before_interview", award=award, interview=interviewed)
        rule = "award_update.after_interview"
        return self.timed("award_update", contact, rule, start=award, late_after=None, award=award, interview=interviewed)

    def after_rejection(self, note_type: str, rule: str) -> Advice | None:
        contact = self.interview.contact_name
        if self.status != APPLIES_WHILE[note_type]:
            return self.not_applicable(note_type, contact, "status")
        rejected_on = self.interview.status_date
        if rejected_on is None:
            since, start = self.undated.format(date=self.today.isoformat()), self.today
        else:
            since, start = self.since.format(date=rejected_on.isoformat()), rejected_on
        return self.timed(note_type, contact, rule, start=start, late_after=LATE_AFTER, since=since)
