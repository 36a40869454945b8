"""wijkgids_reserve_send: a send's moment in a shared bucket decided inside PostgreSQL, one round trip (it was six
statements and a commit from each worker for each send)

Revision ID: 0020_reserve_send_function
Revises: 0019_send_slots
Create Date: 2026-12-06 20:10:00.000000
"""

from collections.abc import Sequence

from alembic import op

revision: str = '0020_reserve_send_function'
down_revision: str | None = '0019_send_slots'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The rules are bot.infra.crud.inbound.reserve_send's. Each statement of a volatile PL/pgSQL function sees what
# committed before it began, and the first one holds the bucket row's lock until the call's transaction ends: the
# processes decide one at a time, each seeing the slots the one before took.
RESERVE_SEND = """
CREATE OR REPLACE FUNCTION wijkgids_reserve_send(
    p_name text, p_gap double precision, p_limit integer, p_window double precision, p_stale double precision,
    OUT slot_id integer, OUT wait_s double precision, OUT db_now double precision)
LANGUAGE plpgsql VOLATILE AS $$
DECLARE
    v_next double precision;
    v_paused double precision;
    v_in_flight integer;
    v_room integer;
    v_end double precision;
    v_at double precision;
BEGIN
    INSERT INTO send_rate AS r (name, next_at, paused_until) VALUES (p_name, 0, 0)
        ON CONFLICT (name) DO UPDATE SET next_at = r.next_at
        RETURNING r.next_at, r.paused_until INTO v_next, v_paused;
    db_now := extract(epoch FROM clock_timestamp());
    wait_s := 0;
    DELETE FROM send_slot
        WHERE bucket = p_name
          AND (done_at < db_now - p_window OR (done_at IS NULL AND start_at < db_now - p_stale));
    SELECT count(*) INTO v_in_flight FROM send_slot WHERE bucket = p_name AND done_at IS NULL;
    v_room := p_limit - 1 - v_in_flight;  -- how many answered sends may still lie within one window of the new one
    IF v_room < 0 THEN
        slot_id := NULL;  -- the limit is in flight: no moment yet
        RETURN;
    END IF;
    SELECT done_at + p_window INTO v_end FROM send_slot
        WHERE bucket = p_name AND done_at IS NOT NULL ORDER BY done_at DESC OFFSET v_room LIMIT 1;
    v_at := GREATEST(db_now, v_next, v_paused, COALESCE(v_end, 0));
    INSERT INTO send_slot (bucket, start_at) VALUES (p_name, v_at) RETURNING id INTO slot_id;
    UPDATE send_rate SET next_at = v_at + p_gap WHERE name = p_name;
    wait_s := v_at - db_now;
END
$$
"""


def upgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":  # only a scaled-out bot (PostgreSQL) shares a send rate
        op.execute(RESERVE_SEND)


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS wijkgids_reserve_send(text, double precision, integer, double precision,"
                   " double precision)")
