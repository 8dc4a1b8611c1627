"""Optimistic locking of ratings: a save based on a stale version, or racing another save, is refused with a
clear conflict instead of silently overwriting."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

import pytest
from sqlalchemy import select

from cmmm.services.errors import RatingConflict
from cmmm.services.ratings import finalize_rating, save_rating
from cmmm.store.assessments import Rating
from tests.services.world import World, applied_and_accepted, rated


def test_a_save_based_on_a_stale_version_is_a_conflict(world: World) -> None:
    assessment_id = applied_and_accepted(world)
    rated(world, assessment_id)
    assert save_rating(world.platform, world["as1"], assessment_id, "s1.1.1", "largely", 1) == 2
    with pytest.raises(RatingConflict) as conflict:  # a second tab still holds version 1
        save_rating(world.platform, world["as1"], assessment_id, "s1.1.1", "none", 1)
    assert "version 1" in conflict.value.en and "版本 2" in conflict.value.zh
    with pytest.raises(RatingConflict):  # a "first" save when one exists
        save_rating(world.platform, world["as2"], assessment_id, "s1.1.1", "none", None)


def test_two_sessions_racing_on_the_same_row_cannot_both_win(world: World) -> None:
    assessment_id = applied_and_accepted(world)
    rated(world, assessment_id)
    query = select(Rating).where(Rating.requirement_id == "s2.1.1", Rating.assessor_id == world["as1"].user_id)
    with world.platform.db() as first, world.platform.db() as second:
        mine, theirs = first.scalars(query).one(), second.scalars(query).one()
        mine.grade, theirs.grade = "none", "partly"
        first.commit()
        with pytest.raises(Exception) as lost:
            second.commit()
    assert type(lost.value).__name__ == "StaleDataError"
    with world.platform.db() as session:
        assert session.scalars(query).one().grade == "none"


def test_the_lead_final_rating_is_locked_the_same_way(world: World) -> None:
    assessment_id = applied_and_accepted(world)
    rated(world, assessment_id)
    version = finalize_rating(world.platform, world["lead"], assessment_id, "s1.1.1", "full", "一致", None)
    with pytest.raises(RatingConflict):
        finalize_rating(world.platform, world["lead"], assessment_id, "s1.1.1", "none", "", None)
    assert finalize_rating(world.platform, world["lead"], assessment_id, "s1.1.1", "none", "复核", version) == 2


def test_a_save_overtaken_between_its_read_and_its_write_is_a_conflict(world: World) -> None:
    """Another save commits after this one read version 1 and before it writes: the database's version check
    (UPDATE ... WHERE version = 1) finds no row, and the service reports a conflict, not a lost update."""
    assessment_id = applied_and_accepted(world)
    rated(world, assessment_id)
    clock, raced = world.platform.clock, []

    def racing_clock() -> datetime:
        if not raced:
            raced.append(True)
            save_rating(other, world["as1"], assessment_id, "s2.1.1", "none", 1)
        return clock()

    mine = replace(world.platform, clock=racing_clock)
    other = world.platform
    with pytest.raises(RatingConflict):
        save_rating(mine, world["as1"], assessment_id, "s2.1.1", "partly", 1)
    with world.platform.db() as session:
        kept = session.scalars(
            select(Rating).where(Rating.requirement_id == "s2.1.1", Rating.assessor_id == world["as1"].user_id)
        ).one()
    assert (kept.grade, kept.version) == ("none", 2)
