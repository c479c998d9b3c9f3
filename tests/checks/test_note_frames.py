"""One sentence at a time, in a note that otherwise does what its type's lesson asks.

Each sentence is set into a short note of its type (thanks, the moment, the ask and
interest where the lesson wants them, so the frame itself passes the drafts' bar) for one
record, and the note is judged as ``check --strict`` judges it. A good sentence must leave
the note passing; a flawed one must draw a blocking finding from the check meant for it.
The sentences are the ways people write what the corpora only sample: interest without a
verb, top choice in paraphrase, the candidate's own workplace, wishes, gracious hopes, and
the flaws said in other words.
"""

from __future__ import annotations

from datetime import date

import pytest

from afterview.checks import Policy, Report, run_checks
from afterview.context import check_context
from afterview.domain import Interview

FRAMES = {
    "thank_you": "Thank you for meeting me today and for telling me about the new timetable rollout. {x} I look forward to hearing from you.",
    "follow_up": "I'm following up on the Operations Planner role. {x} Is there anything else I can send you? I look forward to hearing from you.",
    "competing_offer": "I've received another offer and need to reply by October 1. {x} Would a decision before then be possible?",
    "award_update": "I've been named Planner of the Year for my timetable work. {x}",
    "feedback_request": "Thank you for letting me know. {x} I'd be grateful for any feedback on my interview.",
    "continued_interest": "Thank you for letting me know. {x} Please keep me in mind for future roles.",
}


def judge(note_type: str, sentence: str, policy: Policy) -> Report:
    """The sentence in its type's frame, checked on the drafts' bar against one record."""
    rejected = note_type in ("feedback_request", "continued_interest")
    record = {
        "candidate": "Sam Rivera", "company": "Harborline Ferries", "role": "Operations Planner",
        "interview_date": date(2026, 9, 8), "status": "rejected" if rejected else "awaiting",
        "interviewers": [{"name": "Leilani Kahananui", "title": "Director", "moment": "the new timetable rollout"}],
    }  # fmt: skip
    if note_type == "competing_offer":
        record["competing_offer"] = {"company": "Bluewater Shipping", "deadline": date(2026, 10, 1)}
    if note_type == "award_update":
        record["award"] = {"name": "Planner of the Year", "date": date(2026, 9, 20)}
    text = f"Dear Leilani,\n\n{FRAMES[note_type].format(x=sentence)}\n\nBest,\nSam Rivera"
    context = check_context(Interview.from_data(record), note_type, "Leilani Kahananui", policy)
    return run_checks(text, context, policy, drafts_bar=True)


GOOD = [
    ('award_update', "It ties directly to the planner role, and I'm still very keen to be considered."),
    ('award_update', 'It relates closely to the role, and my enthusiasm for the position has only grown.'),
    ('award_update', 'It is the same work the role centres on. Still very keen!'),
    ('award_update', 'It ties to the role, and the position remains very appealing to me.'),
    ('award_update', 'It ties to the role, and I would be delighted to bring it to Harborline.'),
    ('award_update', "It ties to the role, and I'd relish the chance to apply it with your team."),
    ('award_update', 'It ties to the role, which I remain genuinely excited about.'),
    ('award_update', 'It ties to the role, and I remain as keen as ever on joining.'),
    ('award_update', 'It ties directly to the role, which I would love to take on.'),
    ('award_update', 'It ties directly to the role; I continue to be very interested.'),
    ('award_update', 'It ties directly to the role, and I hope to have the chance to bring it to Harborline.'),
    ('award_update', 'It fits the role closely, and joining Harborline is still very much what I want.'),
    ('award_update', "It fits the role closely, and I'm very much hoping to hear good news."),
    ('award_update', "It fits the role closely. I'm more enthusiastic than ever about it."),
    ('award_update', "It fits the role closely, and I'd be thrilled to put it to work for your crossings."),
    ('follow_up', 'I remain very enthusiastic about the position.'),
    ('follow_up', 'The role is still very much at the top of my wish list.'),
    ('follow_up', 'I continue to be excited by the prospect of joining the team.'),
    ('follow_up', "I'm just as keen now as when we spoke."),
    ('competing_offer', "Harborline is still the one I'm most excited about."),
    ('competing_offer', 'The planner role is the role I most want.'),
    ('competing_offer', 'Harborline remains my first preference by some distance.'),
    ('competing_offer', 'I would far rather join Harborline.'),
    ('competing_offer', 'Given the choice, I would choose Harborline.'),
    ('competing_offer', 'Nothing else compares to the planner role for me.'),
    ('competing_offer', 'Harborline is where my heart is.'),
    ('competing_offer', 'Harborline is the clear favourite for me.'),
    ('competing_offer', 'Joining your team is what I want most.'),
    ('competing_offer', 'Harborline is still my number one.'),
    ('thank_you', 'I hope to hear from you soon.'),
    ('thank_you', 'Looking forward to hearing how things progress.'),
    ('thank_you', 'I hope we speak again soon.'),
    ('award_update', 'The award recognises the rota I redesigned for our depot last winter, which ties to the role, and I remain very interested.'),
    ('follow_up', "At my current job our drivers swap shifts by text, and I've been thinking about how a shared board would help; I remain very interested."),
    ('thank_you', 'It reminded me of the winter we moved our whole fleet onto new rosters at my last company.'),
    ('award_update', 'It was awarded for the safety audit on our night shifts, and it ties to the role. I remain very interested in it.'),
    ('follow_up', 'I would welcome the chance to work alongside your team, and I remain very interested.'),
    ('follow_up', "I'd love to work alongside your planners, and I remain very interested."),
    ('follow_up', "I'd relish the opportunity of working with you and the team; I'm still very keen."),
    ('follow_up', "Working alongside your team would be a privilege, and I'm still very keen."),
    ('follow_up', 'It would be wonderful to collaborate with your team one day; I remain very interested.'),
    ('continued_interest', "I'd welcome another chance to be considered in future, as your mission fits my values."),
    ('continued_interest', "I'd love another opportunity to apply, as your mission of connecting islands fits my values."),
    ('continued_interest', "Your mission fits my values, and I'd be glad of another chance down the line."),
    ('feedback_request', 'I hope I might have another chance to interview with you one day.'),
    ('thank_you', 'Before this I spent four years planning rosters at Coastline Transit, so I know how hard it is.'),
    ('thank_you', 'At Coastline Transit, where I work now, we plan two weeks ahead.'),
    ('follow_up', 'In my current role at Coastline Transit I built a similar tool, and I remain very interested.'),
    ('thank_you', 'I first learned rostering during my time at Coastline Transit.'),
    ('thank_you', "I'd love to bring what I learned at Coastline Transit to the planner role."),
    ('follow_up', "I'd be glad to bring my experience from Coastline Transit to your team, and I remain very interested."),
    ('award_update', 'The award came from my work at Coastline Transit, where I still plan the winter rosters, and it ties to the role. I remain very keen.'),
    ('thank_you', 'Your rollout reminded me of a project I led at Coastline Transit last year.'),
    ('follow_up', "I'm also happy to send the rota I built at Coastline Transit. I remain very interested."),
    ('thank_you', 'It was lovely to hear how the team works with the Port Authority on the winter timetable.'),
    ('thank_you', 'I enjoyed hearing how the crews work with the Coastguard in bad weather.'),
    ('follow_up', "I'm still keen on joining the team, and the planner role is still the one I want."),
]

FLAWED = [
    ('follow_up', 'pressure', 'I had hoped for a reply by now, given you said the end of last month.'),
    ('follow_up', 'pressure', "It's disappointing not to have heard anything at all."),
    ('follow_up', 'pressure', "I'd appreciate the courtesy of a reply this time."),
    ('follow_up', 'pressure', 'Surely a decision has been made by now.'),
    ('follow_up', 'pressure', "I'm starting to wonder whether my application was even read."),
    ('feedback_request', 'pressure', "I think you've made the wrong choice, but I'd welcome feedback."),
    ('feedback_request', 'pressure', 'Could you tell me why someone with less experience was chosen?'),
    ('feedback_request', 'pressure', "I'm sure there must have been some mistake in scoring my exercise."),
    ('continued_interest', 'pressure', "I hope you'll think again about your decision, as your mission fits my values."),
    ('continued_interest', 'pressure', "If the new hire doesn't work out, I'm ready to step in; your mission fits my values."),
    ('follow_up', 'presumption', "I've started reading up on your rostering software so I'm ready for my induction."),
    ('follow_up', 'presumption', "I'm keen to get going in my new role as soon as possible."),
    ('thank_you', 'presumption', "I can't wait to get stuck in with the team next month."),
    ('follow_up', 'presumption', 'Let me know what time I should arrive on Monday.'),
    ('award_update', 'presumption', 'It will be a great asset when I join your team next month, and I remain keen on the role.'),
    ('thank_you', 'presumption', "I've already told my family I'm moving to the coast for this job."),
    ('follow_up', 'presumption', "Please send me the contract when it's ready; I'm still very keen."),
    ('thank_you', 'presumption', 'I look forward to being your new planner.'),
    ('follow_up', 'money', "Could you let me know the salary band before I decide? I'm still keen."),
    ('follow_up', 'money', "Is there any flexibility on the starting salary? I'm still keen."),
    ('follow_up', 'money', 'Would relocation costs be covered? I remain very interested.'),
    ('thank_you', 'money', 'I was also wondering how many days of holiday come with the role.'),
    ('competing_offer', 'money', 'Harborline is my first choice, though their package is more generous.'),
    ('award_update', 'money', "I hope this could be reflected in the offer, and I'm still keen on the role."),
    ('follow_up', 'money', 'Is the role pensionable? I remain very interested.'),
    ('competing_offer', 'ultimatum', "Harborline is my first choice, but if I don't hear by then I'll have to go with them."),
    ('competing_offer', 'ultimatum', 'Harborline is my first choice; I will accept their offer on the 1st regardless.'),
    ('follow_up', 'ultimatum', "I'll wait until Friday, and then I'm moving on. I remain interested."),
    ('follow_up', 'ultimatum', "After this week I'm afraid I won't be available. I remain interested."),
    ('competing_offer', 'ultimatum', "Harborline is my first choice, but I'm signing with them on Monday unless you make an offer."),
    ('follow_up', 'ultimatum', "Please consider this my last message; if there's no reply, I'll withdraw. I remain interested."),
    ('follow_up', 'interest', "I'd like to know where things stand."),
    ('follow_up', 'interest', "I'm not as keen as I was, to be honest."),
    ('follow_up', 'interest', "I've started to have doubts about the commute."),
    ('award_update', 'interest', 'It relates to the planner role.'),
    ('thank_you', 'interest', "I'm honestly not sure I'm the right fit for this."),
    ('thank_you', 'bluff', "I have a couple of other interviews lined up, so I'd love to hear soon."),
    ('follow_up', 'bluff', "Another company has made me an offer, but I'd rather join you. I'm still keen."),
    ('follow_up', 'bluff', "I'm in the final stages with two other firms. I'm still keen."),
    ('award_update', 'bluff', "Since the award I've been approached by several employers, but I remain very keen on this role."),
    ('thank_you', 'employer', 'It made me even more excited to join Bluewater Shipping.'),
    ('thank_you', 'employer', "It's clear why everyone at Seaway Ferries loves working there."),
    ('thank_you', 'employer', "I'd be proud to represent Northsea Lines."),
    ('follow_up', 'employer', "I'm still keen on the role at Seaway Ferries and happy to send anything else."),
    ('thank_you', 'employer', 'It was far better organised than the rollout I lived through at Coastline Transit.'),
    ('thank_you', 'employer', 'At Coastline Transit we never managed anything like that.'),
    ('follow_up', 'employer', "Unlike Coastline Transit, you clearly plan ahead; I'm still keen."),
    ('thank_you', 'insider', 'I think our passengers would love a live departures board.'),
    ('follow_up', 'insider', "We need to fix our winter timetable before the storms; I'm still keen."),
    ('thank_you', 'employer', "I've also been speaking with Seaway Ferries, but your team impressed me more."),
    ('follow_up', 'employer', "I'm also in talks with Seaway Ferries, though Harborline is my preference."),
    ('competing_offer', 'employer', 'The offer is from Bluewater, and Harborline remains my top choice.'),
    ('competing_offer', 'employer', 'Harborline remains my top choice over Bluewater Shipping.'),
    ('competing_offer', 'employer', 'Harborline remains my first choice, ahead of Bluewater.'),
    ('thank_you', 'employer', 'It reminded me why I left Coastline Transit: they never planned like this.'),
    ('thank_you', 'employer', 'That is something Coastline Transit could learn from.'),
    ('thank_you', 'employer', 'Coastline Transit, where I spent four years, never managed anything half as good.'),
    ('follow_up', 'employer', 'I remain very interested in joining the Seaway Ferries team.'),
    ('thank_you', 'employer', 'I can see why people love working at Seaway.'),
    ('thank_you', 'employer', "It's exactly why Seaway Ferries is my first choice."),
    ('thank_you', 'employer', "I'd love to bring my planning experience to Seaway Ferries."),
    ('follow_up', 'employer', "I'm still very keen on the planner role with Seaway Ferries."),
    ('thank_you', 'employer', 'Thanks again to everyone at Seaway Ferries for a warm welcome.'),
    ('thank_you', 'employer', 'I came away more convinced than ever that Seaway Ferries is the right place for me.'),
]


@pytest.mark.parametrize(("note_type", "sentence"), GOOD)
def test_a_good_sentence_leaves_the_note_passing(policy: Policy, note_type: str, sentence: str) -> None:
    report = judge(note_type, sentence, policy)
    assert report.passed, [f"{f.check}: {f.message}" for f in report.blocking]


@pytest.mark.parametrize(("note_type", "check", "sentence"), FLAWED)
def test_a_flawed_sentence_is_caught_by_its_check(policy: Policy, note_type: str, check: str, sentence: str) -> None:
    report = judge(note_type, sentence, policy)
    assert check in {f.check for f in report.blocking}, [f"{f.check}: {f.message}" for f in report.findings]


@pytest.mark.parametrize("note_type", sorted(FRAMES))
def test_each_frame_alone_lacks_only_what_the_sentences_add(policy: Policy, note_type: str) -> None:
    # A competing-offer frame lacks the top choice (interest and the ask), a follow-up or an
    # award frame lacks interest; the other frames pass as they are.
    lacking = {"competing_offer": {"interest", "asks"}, "award_update": {"interest"}, "follow_up": {"interest"}}
    missing = lacking.get(note_type, set())
    assert {f.check for f in judge(note_type, "", policy).blocking} == missing
