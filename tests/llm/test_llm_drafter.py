"""What the LLM drafter sends and makes of the answers: variants and top-ups, repair
rounds, model auto-detection, the frame around the model's paragraphs.
"""

from __future__ import annotations

import itertools

import pytest
from llm_fakes import TEST_KEY, Reply, Seen, completion, settings_for

from afterview.drafting.base import DrafterConfigError, Drafter
from afterview.drafting.llm import AUTO_ENGINE, llm_drafter

NOTES = [
    "Thank you for the conversation about the Data Analyst role. Your story about the churn dashboard stayed with me.",
    "I enjoyed meeting you and hearing how the analytics team rebuilt its reporting. I look forward to hearing from you.",
    "It was a pleasure to talk about the work at Northwind Analytics; the dashboard story showed me how the team thinks.",
    "Many thanks for your time on Tuesday. Learning how your team approaches churn made me even keener on the role.",
]


def one_choice_per_request(notes=NOTES):
    """A llama.cpp-like server: ignores ``n``, answers each request with the next note."""
    counter = itertools.count()

    def answer(seen: Seen) -> Reply:
        return Reply(completion(notes[next(counter) % len(notes)]))

    return answer


def user_message(seen: Seen) -> str:
    return seen.body["messages"][1]["content"]


async def test_it_is_a_drafter(serve):
    server = serve([Reply(completion(NOTES[0]))])
    assert isinstance(llm_drafter(settings_for(server.url)), Drafter)


async def test_the_body_is_framed_and_cleaned(serve, waits, make_request):
    answer = (
        "Sure! Here is a thank-you note for Jordan:\n\n"
        "Subject: Thank you!\n\n"
        "Dear Jordan,\n\n"
        "**Thank you** for the conversation about the *Data Analyst* role.\n"
        "Your story about the churn dashboard stayed with me.\n\n"
        "I look forward to hearing from you.\n\n"
        "Best regards,\n"
        "[Your Name]\n\n"
        "Note: I kept it under 90 words."
    )
    server = serve([Reply(completion(answer))])
    (text,) = await llm_drafter(settings_for(server.url), sleep=waits).draft(make_request(), 1)
    assert text.subject == "Thank you: Data Analyst interview"
    assert text.body == (
        "Dear Jordan,\n\n"
        "Thank you for the conversation about the Data Analyst role. Your story about the churn dashboard stayed with me.\n\n"
        "I look forward to hearing from you.\n\n"
        "Warm regards,\nSam Rivera"
    )
    assert text.engine == "test-model"
    assert text.prompt_version == "thank_you@2+system@2"
    assert (text.prompt_tokens, text.completion_tokens) == (100, 50)


async def test_variants_asked_with_n_and_topped_up_when_the_server_ignores_it(serve, waits, make_request):
    server = serve(one_choice_per_request())
    texts = await llm_drafter(settings_for(server.url), sleep=waits).draft(make_request(variants=3), 3)
    posts = server.posts()
    assert len(posts) == 3
    assert posts[0].body["n"] == 3
    assert all("n" not in p.body for p in posts[1:])
    # Top-ups are distinct requests (so cassettes can tell them apart) that ask for a variant.
    bodies = [user_message(p) for p in posts]
    assert len(set(bodies)) == 3
    assert "variant" not in bodies[0]
    assert sorted(b.split("This is variant ")[1][0] for b in bodies[1:]) == ["2", "3"]
    assert [t.variant for t in texts] == [0, 1, 2]
    assert len({t.body for t in texts}) == 3
    # Each variant gets its own subject candidate and sign-off from the frame.
    assert len({t.subject for t in texts}) == 3


async def test_a_server_that_honours_n_needs_one_request(serve, waits, make_request):
    server = serve([Reply(completion(*NOTES[:3]))])
    texts = await llm_drafter(settings_for(server.url), sleep=waits).draft(make_request(variants=3), 3)
    assert len(server.posts()) == 1 and len(texts) == 3


async def test_near_duplicates_are_dropped_and_top_ups_stop_at_two_n(serve, waits, make_request):
    same = NOTES[0]
    almost = same.replace("stayed with me", "stayed with me too")  # ratio over words >= 0.9
    server = serve(one_choice_per_request([same, almost]))
    texts = await llm_drafter(settings_for(server.url), sleep=waits).draft(make_request(variants=3), 3)
    assert len(server.posts()) == 6  # 2n requests, then it settles for what it has
    assert len(texts) == 1


async def test_a_failed_top_up_only_means_fewer_variants(serve, waits, make_request):
    replies = iter([Reply(completion(NOTES[0])), Reply(completion(NOTES[1])), Reply(completion(None))])
    server = serve(lambda seen: next(replies, Reply(completion(NOTES[2]))))
    texts = await llm_drafter(settings_for(server.url), sleep=waits).draft(make_request(variants=3), 3)
    assert len(texts) == 3
    assert len(server.posts()) == 4


async def test_regenerate_asks_for_later_variants(serve, waits, make_request):
    server = serve(one_choice_per_request())
    (text,) = await llm_drafter(settings_for(server.url), sleep=waits).draft(make_request(first_variant=2), 1)
    assert "This is variant 3" in user_message(server.posts()[0])
    assert text.variant == 2


async def test_a_repair_round_sends_the_paragraphs_and_the_findings(serve, waits, make_request):
    server = serve([Reply(completion(NOTES[1]))])
    previous = "Dear Jordan,\n\nThank you. I enjoyed the visit to [Office].\n\nWarm regards,\nSam Rivera"
    feedback = "- Replace the placeholder [Office] with a real detail or remove it.\n- Mention the moment you noted."
    request = make_request(variants=3, feedback=feedback, previous=previous)
    texts = await llm_drafter(settings_for(server.url), sleep=waits).draft(request, 3)
    assert len(texts) == 1 and len(server.posts()) == 1
    sent = server.posts()[0].body
    assert "n" not in sent
    message = user_message(server.posts()[0])
    assert feedback in message
    assert '<field name="previous_draft">Thank you. I enjoyed the visit to [Office].</field>' in message
    assert "Dear Jordan" not in message and "Warm regards" not in message


async def test_the_model_is_asked_from_the_server_once(serve, waits, make_request):
    def route(seen: Seen) -> Reply:
        if seen.path.endswith("/models"):
            return Reply({"object": "list", "data": [{"id": "tiny-model", "object": "model", "owned_by": "me"}]})
        return Reply(completion(NOTES[0]))

    server = serve(route)
    drafter = llm_drafter(settings_for(server.url, model=None), sleep=waits)
    assert drafter.engine == AUTO_ENGINE
    (text,) = await drafter.draft(make_request(), 1)
    await drafter.draft(make_request(), 1)
    assert [r.method + " " + r.path for r in server.requests] == [
        "GET /v1/models",
        "POST /v1/chat/completions",
        "POST /v1/chat/completions",
    ]
    assert server.posts()[0].body["model"] == "tiny-model"
    assert drafter.engine == text.engine == "tiny-model"


async def test_several_models_need_a_choice(serve, waits, make_request):
    models = [{"id": name, "object": "model", "owned_by": "me"} for name in ("llama-3b", "qwen-7b")]
    server = serve([Reply({"object": "list", "data": models})])
    drafter = llm_drafter(settings_for(server.url, model=None), sleep=waits)
    with pytest.raises(DrafterConfigError) as caught:
        await drafter.draft(make_request(), 1)
    assert str(caught.value) == (
        f"the server at {server.url} serves several models (llama-3b, qwen-7b); pass --model or set AFTERVIEW_MODEL to pick one"
    )
    assert len(server.requests) == 1 and server.posts() == []


async def test_a_chosen_model_skips_the_listing(serve, waits, make_request):
    server = serve([Reply(completion(NOTES[0]))])
    await llm_drafter(settings_for(server.url, model="my-model"), sleep=waits).draft(make_request(), 1)
    assert [r.method for r in server.requests] == ["POST"]
    assert server.posts()[0].body["model"] == "my-model"


async def test_the_same_request_renders_the_same_body(serve, waits, make_request):
    server = serve(one_choice_per_request())
    drafter = llm_drafter(settings_for(server.url), sleep=waits)
    await drafter.draft(make_request(variants=2), 2)
    await drafter.draft(make_request(variants=2), 2)
    first, second = [p.body for p in server.posts()[:2]], [p.body for p in server.posts()[2:]]
    assert first == second


async def test_the_key_goes_only_in_the_authorization_header(serve, waits, make_request):
    server = serve([Reply(completion(NOTES[0]))])
    await llm_drafter(settings_for(server.url), sleep=waits).draft(make_request(), 1)
    seen = server.posts()[0]
    assert seen.headers["authorization"] == f"Bearer {TEST_KEY}"
    assert TEST_KEY not in str(seen.body)


def test_openai_without_a_chosen_model_uses_the_default(isolated_home):
    from afterview.config import resolve_settings
    from afterview.drafting.provider import DEFAULT_MODEL

    settings = resolve_settings(environ={"OPENAI_API_KEY": TEST_KEY, "AFTERVIEW_HOME": str(isolated_home)})
    assert not settings.model_from_server
    assert llm_drafter(settings).engine == DEFAULT_MODEL
    assert llm_drafter(settings).server == "https://api.openai.com/v1"
