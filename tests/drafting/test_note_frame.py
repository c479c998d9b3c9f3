"""The shared note frame: greetings per tone, sign-off and signature block, subjects."""

from __future__ import annotations

from datetime import date

import pytest

from afterview.domain import Interview, Interviewer, NoteType, Tone, word_count
from afterview.drafting.frame import load_frame, spoken_date, template_fields, tidy
from afterview.frozen import replace

GREETINGS = {
    Tone.WARM: "Dear Jordan,",
    Tone.FORMAL: "Dear Jordan Lee,",
    Tone.CONCISE: "Hi Jordan,",
}


@pytest.mark.parametrize("tone", list(Tone))
def test_greeting_names_the_recipient_per_tone(make_request, tone: Tone) -> None:
    frame = load_frame()
    request = make_request(tone=tone)
    assert frame.greeting(request) == GREETINGS[tone]
    body = frame.body(request, ["A paragraph."])
    assert body.splitlines()[0] == GREETINGS[tone]


@pytest.mark.parametrize("tone", list(Tone))
def test_a_title_is_greeted_with_the_surname_never_guessed(make_request, tone: Tone) -> None:
    greeting = load_frame().greeting(make_request(recipient="Dr. Priya Nair", tone=tone))
    assert greeting.endswith(" Dr. Nair,")
    for wrong in ("Mr.", "Ms.", "Mrs.", "Priya"):
        assert wrong not in greeting


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Dr. Amara Okonkwo", "Dr. Okonkwo"),
        ("Prof. Maria de la Cruz", "Prof. de la Cruz"),
        ("Rev. Thomas Ashford", "Rev. Ashford"),
        ("Principal Grace Liu", "Principal Liu"),
        ("Judge Ana Ruiz", "Judge Ruiz"),
        ("Captain Ravi Menon", "Captain Menon"),
        ("Sister Mary Clare", "Sister Mary"),
        ("Sir John Hale", "Sir John"),
        ("Dr. Alan Price Jr.", "Dr. Price"),
        ("Prof. Jan van der Berg", "Prof. van der Berg"),
    ],
)
def test_titles_honour_the_surname_or_the_given_name(make_request, interview: Interview, name: str, expected: str) -> None:
    record = replace(interview, interviewers=[Interviewer(name=name)])
    for tone in Tone:
        greeting = load_frame().greeting(make_request(interview=record, recipient=name, tone=tone))
        assert greeting.endswith(f" {expected},"), greeting


@pytest.mark.parametrize("address_as", ["Dr. Okonkwo", "Ms. Wang", "Bob", "Okonkwo-sensei"])
def test_address_as_overrides_the_name(make_request, interview: Interview, address_as: str) -> None:
    name = "Amara Okonkwo" if "Okonkwo" in address_as else "Wang Fang" if "Wang" in address_as else "Robert Hughes"
    record = replace(interview, interviewers=[Interviewer(name=name, address_as=address_as)])
    for tone in Tone:
        greeting = load_frame().greeting(make_request(interview=record, recipient=name, tone=tone))
        assert greeting.endswith(f" {address_as},"), greeting


@pytest.mark.parametrize(
    ("company", "in_a_sentence"),
    [
        ("City of Austin", "the City of Austin"),
        ("University of Toronto", "the University of Toronto"),
        ("Gates Foundation", "the Gates Foundation"),
        ("The New York Times", "The New York Times"),
        ("Northwind Analytics", "Northwind Analytics"),
        ("Mayo Clinic Health", "Mayo Clinic Health"),
    ],
)
def test_organisations_get_the_article_english_needs(make_request, interview: Interview, company: str, in_a_sentence: str) -> None:
    frame = load_frame()
    record = replace(interview, company=company)
    assert frame.variables(make_request(interview=record))["company"] == in_a_sentence
    assert frame.variables(make_request(interview=record), subject=True)["company"] == company


@pytest.mark.parametrize(
    ("award", "phrase"),
    [
        ("Red Dot Design Award", "the Red Dot Design Award"),
        ("Kaggle Grandmaster", "Kaggle Grandmaster status"),
        ("AWS Certified Solutions Architect", "the AWS Certified Solutions Architect certification"),
        ("PMP", "the PMP certification"),
        ("CFA Level II certificate", "the CFA Level II certificate"),
        ("the Turing Award", "the Turing Award"),
    ],
)
def test_awards_read_as_awards_statuses_or_certifications(award: str, phrase: str) -> None:
    assert load_frame().award_phrase(award) == phrase


@pytest.mark.parametrize("name", ["李雷", "محمد", "José Núñez", "Anne-Marie O'Brien"])
def test_greeting_keeps_names_exactly(make_request, interview: Interview, name: str) -> None:
    record = replace(interview, interviewers=[Interviewer(name=name)])
    frame = load_frame()
    first = name.split()[0]
    assert frame.greeting(make_request(interview=record, recipient=name, tone=Tone.CONCISE)) == f"Hi {first},"
    assert frame.greeting(make_request(interview=record, recipient=name, tone=Tone.FORMAL)) == f"Dear {name},"


def test_closing_puts_signoff_name_then_block_lines(make_request) -> None:
    frame = load_frame()
    request = make_request(signature="Sam Rivera", signature_block="Data Engineer   \nsam@example.com\n")
    body = frame.body(request, ["First paragraph.", "Second paragraph."], variant=0)
    lines = body.splitlines()
    assert lines[-4:] == [frame.sign_offs[Tone.WARM][0], "Sam Rivera", "Data Engineer", "sam@example.com"]
    assert "\n\nFirst paragraph.\n\nSecond paragraph.\n\n" in body


def test_closing_without_block_ends_with_the_name(make_request) -> None:
    frame = load_frame()
    for variant in range(3):
        lines = frame.closing(make_request(tone=Tone.FORMAL), variant).splitlines()
        assert lines == [frame.sign_offs[Tone.FORMAL][variant % len(frame.sign_offs[Tone.FORMAL])], "Sam Rivera"]


def test_sign_offs_differ_by_tone() -> None:
    frame = load_frame()
    assert len({frame.sign_offs[tone][0] for tone in Tone}) == len(Tone)


@pytest.mark.parametrize("note_type", list(NoteType))
def test_subjects_are_short_and_name_role_or_company(make_request, note_type: NoteType) -> None:
    frame = load_frame()
    low, high = frame.subject_words
    for variant in range(len(frame.subjects[note_type])):
        subject = frame.subject(make_request(note_type), variant)
        assert low <= word_count(subject) <= high, subject
        assert "Data Engineer" in subject or "Northwind Analytics" in subject, subject
        assert "{" not in subject


def test_subjects_rotate_with_the_variant(make_request) -> None:
    frame = load_frame()
    subjects = {frame.subject(make_request(), variant) for variant in range(3)}
    assert len(subjects) == 3


def test_long_role_falls_back_to_a_company_subject(make_request, interview: Interview) -> None:
    role = "Principal Engineer for Data Platform Reliability and Observability Tooling"
    record = replace(interview, role=role)
    frame = load_frame()
    for note_type in NoteType:
        for variant in range(3):
            subject = frame.subject(make_request(note_type, interview=record), variant)
            assert word_count(subject) <= frame.subject_words[1], subject
            assert "Northwind Analytics" in subject, subject


def test_when_every_subject_is_long_the_shortest_still_names_them(make_request, interview: Interview) -> None:
    record = replace(
        interview,
        role="Principal Engineer for Data Platform Reliability and Observability Tooling",
        company="The Northwind Analytics and Cloud Data Services Company of North America",
    )
    subject = load_frame().subject(make_request(interview=record), 0)
    assert record.role in subject or record.company in subject


def test_dates_are_written_as_month_and_day() -> None:
    assert spoken_date(date(2026, 12, 1)) == "December 1"
    assert spoken_date(date(2027, 1, 31)) == "January 31"


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("It recognizes the pipeline work.", "it recognizes the pipeline work"),
        ("SQL tuning is the core of the role!", "SQL tuning is the core of the role"),
        ("for cutting breakdowns through preventive maintenance", "it was given for cutting breakdowns through preventive maintenance"),
        ("covers public tendering rules", "it covers public tendering rules"),
        ("the professional standard for internal audit work", "it is the professional standard for internal audit work"),
        # typed as people type it: a past verb, who gave it, a placing
        ("recognised the mentoring scheme I ran for new nurses", "it recognised the mentoring scheme I ran for new nurses"),
        ("awarded by the Guild of Food Writers for my column on fermentation", "it was awarded by the Guild of Food Writers for my column on fermentation"),
        ("given for the ward's falls-prevention audit", "it was given for the ward's falls-prevention audit"),
        ("from the County Arts Council, for the mural programme", "it came from the County Arts Council, for the mural programme"),
        ("by the Institute of Auditors", "it was given by the Institute of Auditors"),
        ("Silver, for a sourdough made with heritage wheat", "it was Silver, for a sourdough made with heritage wheat"),
        ("first place, for an accessible booking app", "it was first place, for an accessible booking app"),
        ("the clinic runs on the same triage model", "the clinic runs on the same triage model"),
    ],
)
def test_relevance_reads_as_a_clause_after_because(raw: str, expected: str) -> None:
    from afterview.drafting.record_phrases import relevance_clause

    assert relevance_clause(raw) == expected


def test_dr_in_the_long_spanish_name_keeps_both_surnames(make_request, interview: Interview) -> None:
    name = "Dr. María José de la Cruz Fernández"
    record = replace(interview, interviewers=[Interviewer(name=name)])
    greeting = load_frame().greeting(make_request(interview=record, recipient=name))
    assert greeting == "Dear Dr. de la Cruz Fernández,"


def test_dr_in_the_long_spanish_name_keeps_both_surnames(make_request, interview: Interview) -> None:
    name = "Dr. María José de la Cruz Fernández"
    record = replace(interview, interviewers=[Interviewer(name=name)])
    greeting = load_frame().greeting(make_request(interview=record, recipient=name))
    assert greeting == "Dear Dr. de la Cruz Fernández,"


def test_variables_leave_out_what_the_record_lacks(make_request, interview: Interview) -> None:
    bare = replace(interview, competing_offer=None, award=None, decision_date=None)
    values = load_frame().variables(make_request(interview=bare, recipient="Dr. Priya Nair"))
    assert values["first_name"] == "Dr. Priya Nair"  # the greeting makes it "Dr. Nair"
    assert values["interview_date"] == "November 18"
    assert values["title"] == "Director of Data"
    for absent in ("moment", "offer_company", "deadline", "award", "relevance", "decision_date"):
        assert absent not in values


def test_withheld_moment_is_not_a_variable(make_request) -> None:
    frame = load_frame()
    assert frame.variables(make_request())["moment"] == "your story about rebuilding the churn dashboard"
    assert "mission" not in frame.variables(make_request())
    assert "moment" not in frame.variables(make_request(moment_withheld=True))


def test_template_fields_lists_plain_names() -> None:
    assert template_fields("Hi {first_name}, about {role} at {company}. {{literal}}") == ("first_name", "role", "company")


def test_tidy_fixes_fill_seams() -> None:
    assert tidy("We met at Acme Inc.. It went well .") == "We met at Acme Inc. It went well."
    assert tidy("Wait... really") == "Wait... really"


@pytest.mark.parametrize(
    ("name", "given"),
    [
        ("Bartholomew Fitzwilliam Montgomery-Ashcroft-Pemberton of Little Snoring", "Bartholomew"),
        ("María José de la Cruz Fernández Ortega", "María"),
    ],
)
@pytest.mark.parametrize("tone", list(Tone))
def test_long_names_are_greeted_by_the_given_name(make_request, interview: Interview, name: str, given: str, tone: Tone) -> None:
    frame = load_frame()
    assert len(name.split()) > frame.greeting_name_words
    record = replace(interview, interviewers=[Interviewer(name=name)])
    greeting = frame.greeting(make_request(interview=record, recipient=name, tone=tone))
    assert greeting == GREETINGS[tone].replace("Jordan Lee", "Jordan").replace("Jordan", given)


def test_names_up_to_the_limit_keep_the_full_formal_greeting(make_request, interview: Interview) -> None:
    frame = load_frame()
    name = " ".join(["Ana", "Maria", "de", "Souza", "Lima", "Costa"][: frame.greeting_name_words])
    record = replace(interview, interviewers=[Interviewer(name=name)])
    assert frame.greeting(make_request(interview=record, recipient=name, tone=Tone.FORMAL)) == f"Dear {name},"


def test_block_that_repeats_the_name_does_not_print_it_twice(make_request) -> None:
    frame = load_frame()
    closing = frame.closing(make_request(signature="Sam Rivera", signature_block="Sam Rivera\nData Engineer"), 0)
    assert closing.splitlines() == [frame.sign_offs[Tone.WARM][0], "Sam Rivera", "Data Engineer"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Northern Plains Bread Awards", "an award at the Northern Plains Bread Awards"),
        ("Open Transit Hack 2026", "an award at the Open Transit Hack 2026"),
        ("Red Dot Design Award", "the Red Dot Design Award"),
        ("Booker Prize", "the Booker Prize"),
    ],
)
def test_an_award_named_by_its_event_reads_as_an_award_at_it(name: str, expected: str) -> None:
    assert load_frame().award_phrase(name) == expected
