"""Own board, inspections you can edit, scorecard with floors and comparators, risks scored before and
after controls, funding lines, meetings with agendas, papers and minutes, audit refs.

Data carried over: a measure's floor from its old red tolerance and its England / statistical
neighbours figures as a comparator; a risk's likelihood and impact as its residual (and, with
nothing better known, inherent) score; an agenda item's minutes as its notes; a planned
inspection as expected; decisions numbered within their meeting; people who attended a
meeting or chair the board as board members; audit entries of actions with the action's ref.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The values the CHECKs allow, written out: a migration must not import the app's current code.
_BRAG = "('BLUE', 'GREEN', 'AMBER', 'RED')"
_AREAS = "('LEADERS', 'HELP_AND_PROTECTION', 'CHILDREN_IN_CARE', 'CARE_LEAVERS', 'OVERALL')"
_KINDS = "('ILACS', 'MONITORING_VISIT', 'FOCUSED_VISIT', 'JTAI', 'RE_INSPECTION')"
_INSPECTION_STATUS = "('EXPECTED', 'SCHEDULED', 'COMPLETED', 'CANCELLED')"
_FREQUENCY = "('MONTHLY', 'SIX_WEEKLY', 'BI_MONTHLY', 'QUARTERLY')"
_PURPOSE = "('DECISION', 'DISCUSSION', 'INFORMATION', 'ASSURANCE')"
_RISK_STATUS = "('OPEN', 'MONITORING', 'CLOSED')"
_KPI_FREQUENCY = "('MONTHLY', 'QUARTERLY', 'ANNUAL')"


def _add(table: str, *columns: tuple[str, sa.types.TypeEngine, str | None]) -> None:
    """Add NOT NULL columns to a table that may hold rows: with a default while the rows are copied.

    ``columns``: (name, type, server default or None for a nullable column).
    """
    with op.batch_alter_table(table) as batch_op:
        for name, type_, default in columns:
            if default is None:
                batch_op.add_column(sa.Column(name, type_, nullable=True))
            else:
                batch_op.add_column(sa.Column(name, type_, nullable=False, server_default=sa.text(default)))


def _drop_defaults(table: str, *columns: tuple[str, sa.types.TypeEngine]) -> None:
    """The models declare no server defaults (the app always writes every column)."""
    with op.batch_alter_table(table) as batch_op:
        for name, type_ in columns:
            batch_op.alter_column(name, existing_type=type_, existing_nullable=False, server_default=None)


def _new_tables() -> None:
    op.create_table('comparator',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kpi_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.String(), nullable=False),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('england', sa.Float(), nullable=True),
    sa.Column('region', sa.Float(), nullable=True),
    sa.Column('region_name', sa.String(), nullable=False),
    sa.Column('neighbours', sa.Float(), nullable=True),
    sa.Column('neighbours_used', sa.Integer(), nullable=False),
    sa.Column('own', sa.Float(), nullable=True),
    sa.Column('source', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['kpi_id'], ['kpi.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kpi_id', 'period')
    )
    with op.batch_alter_table('comparator', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_comparator_kpi_id'), ['kpi_id'], unique=False)

    op.create_table('findingkpi',
    sa.Column('finding_id', sa.Integer(), nullable=False),
    sa.Column('kpi_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['finding_id'], ['finding.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['kpi_id'], ['kpi.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('finding_id', 'kpi_id')
    )
    with op.batch_alter_table('findingkpi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_findingkpi_kpi_id'), ['kpi_id'], unique=False)

    op.create_table('paper',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('author', sa.String(), nullable=False),
    sa.Column('file_name', sa.String(), nullable=False),
    sa.Column('page_count', sa.Integer(), nullable=False),
    sa.Column('size_bytes', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=False),
    sa.Column('added_at', sa.DateTime(), nullable=False),
    sa.Column('late', sa.Boolean(), nullable=False),
    sa.Column('supplement_number', sa.Integer(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('page_count >= 1', name='paper_pages'),
    sa.CheckConstraint('size_bytes >= 0', name='paper_size'),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agendaitem.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('paper', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paper_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('bragsnapshot',
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('brag', sa.String(), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.CheckConstraint(f"brag IN {_BRAG}", name='snapshot_brag'),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('meeting_id', 'action_id')
    )
    with op.batch_alter_table('bragsnapshot', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_bragsnapshot_action_id'), ['action_id'], unique=False)

    op.create_table('grantlineaction',
    sa.Column('grant_line_id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['grant_line_id'], ['grantline.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('grant_line_id', 'action_id')
    )
    with op.batch_alter_table('grantlineaction', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grantlineaction_action_id'), ['action_id'], unique=False)


def _board_and_people() -> None:
    _add('board', ('quorum', sa.Integer(), None), ('la_code', sa.String(), "''"),
         ('meeting_frequency', sa.String(), "'MONTHLY'"), ('as_at_date', sa.Date(), None))
    with op.batch_alter_table('board') as batch_op:
        batch_op.alter_column('la_code', existing_type=sa.String(), existing_nullable=False, server_default=None)
        batch_op.alter_column('meeting_frequency', existing_type=sa.String(), existing_nullable=False,
                              server_default=None)
        batch_op.create_check_constraint('board_frequency', f"meeting_frequency IN {_FREQUENCY}")
        batch_op.create_check_constraint('board_quorum', "quorum IS NULL OR quorum > 0")
        batch_op.create_check_constraint(
            'board_la_code', "la_code = '' OR (length(la_code) = 3 AND la_code NOT GLOB '*[^0-9]*')")

    _add('person', ('is_member', sa.Boolean(), "0"), ('left_on', sa.Date(), None))
    op.execute("UPDATE person SET is_member = 1 WHERE id IN (SELECT person_id FROM attendance) "
               "OR id IN (SELECT chair_id FROM board WHERE chair_id IS NOT NULL)")
    _drop_defaults('person', ('is_member', sa.Boolean()))

    _add('theme', ('deleted_at', sa.DateTime(), None))


def _inspections() -> None:
    with op.batch_alter_table('inspection') as batch_op:
        batch_op.drop_constraint('inspection_kind', type_='check')
        batch_op.drop_constraint('inspection_status', type_='check')
        batch_op.add_column(sa.Column('letter_published', sa.Boolean(), nullable=False, server_default=sa.text("0")))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(), nullable=True))
    op.execute("UPDATE inspection SET status = 'EXPECTED' WHERE status = 'PLANNED'")
    op.execute("UPDATE inspection SET letter_published = (published_date IS NOT NULL)")
    with op.batch_alter_table('inspection') as batch_op:
        batch_op.alter_column('letter_published', existing_type=sa.Boolean(), existing_nullable=False,
                              server_default=None)
        batch_op.create_check_constraint('inspection_kind', f"kind IN {_KINDS}")
        batch_op.create_check_constraint('inspection_status', f"status IN {_INSPECTION_STATUS}")
        batch_op.create_check_constraint('inspection_area', f"ilacs_area IS NULL OR ilacs_area IN {_AREAS}")
        batch_op.create_index('ux_inspection_kind_number', ['kind', 'number'], unique=True,
                              sqlite_where=sa.text('number IS NOT NULL AND deleted_at IS NULL'))

    _add('finding', ('sort_order', sa.Integer(), "0"), ('deleted_at', sa.DateTime(), None))
    op.execute("UPDATE finding SET sort_order = id")
    _drop_defaults('finding', ('sort_order', sa.Integer()))


def _plan() -> None:
    _add('action', ('recommendation', sa.String(), "''"), ('raised_at_meeting_id', sa.Integer(), None),
         ('raised_at_item_id', sa.Integer(), None))
    with op.batch_alter_table('action') as batch_op:
        batch_op.alter_column('recommendation', existing_type=sa.String(), existing_nullable=False,
                              server_default=None)
        batch_op.create_foreign_key('fk_raised_at_meeting_id_meeting', 'meeting', ['raised_at_meeting_id'], ['id'], ondelete='SET NULL')
        batch_op.create_foreign_key('fk_raised_at_item_id_agendaitem', 'agendaitem', ['raised_at_item_id'], ['id'], ondelete='SET NULL')

    _add('auditentry', ('entity_ref', sa.String(), "''"))
    op.execute("UPDATE auditentry SET entity_ref = coalesce((SELECT ref FROM action WHERE action.id = "
               "auditentry.entity_id), '') WHERE entity = 'action'")
    with op.batch_alter_table('auditentry') as batch_op:
        batch_op.alter_column('entity_ref', existing_type=sa.String(), existing_nullable=False, server_default=None)
        batch_op.create_index('ix_audit_at', ['at'], unique=False)


def _performance() -> None:
    _add('kpi', ('floor', sa.Float(), None), ('frequency', sa.String(), "'MONTHLY'"),
         ('period_note', sa.String(), "''"), ('source_note', sa.String(), "''"), ('owner_id', sa.Integer(), None),
         ('sort_order', sa.Integer(), "0"), ('retired_at', sa.DateTime(), None))
    # The old red tolerance was how far a value could fall short before Red: that line is the floor.
    op.execute("UPDATE kpi SET floor = CASE WHEN polarity = 'HIGHER_IS_BETTER' THEN target - red_tolerance "
               "ELSE target + red_tolerance END WHERE target IS NOT NULL AND red_tolerance IS NOT NULL")
    op.execute("UPDATE kpi SET sort_order = (SELECT count(*) FROM kpi k2 WHERE k2.code <= kpi.code)")
    op.execute("INSERT INTO comparator (kpi_id, period, england, region_name, neighbours, neighbours_used, source) "
               "SELECT id, 'Latest published', england, '', statistical_neighbours, "
               "CASE WHEN statistical_neighbours IS NULL THEN 0 ELSE 10 END, 'entered before comparators were imported' "
               "FROM kpi WHERE england IS NOT NULL OR statistical_neighbours IS NOT NULL")
    with op.batch_alter_table('kpi') as batch_op:
        for name in ('frequency', 'period_note', 'source_note'):
            batch_op.alter_column(name, existing_type=sa.String(), existing_nullable=False, server_default=None)
        batch_op.alter_column('sort_order', existing_type=sa.Integer(), existing_nullable=False, server_default=None)
        batch_op.create_foreign_key('fk_owner_id_person', 'person', ['owner_id'], ['id'], ondelete='SET NULL')
        batch_op.create_check_constraint('kpi_frequency', f"frequency IN {_KPI_FREQUENCY}")
        batch_op.drop_column('red_tolerance')
        batch_op.drop_column('amber_tolerance')
        batch_op.drop_column('statistical_neighbours')
        batch_op.drop_column('england')

    _add('kpivalue', ('mark', sa.String(), "''"))
    with op.batch_alter_table('kpivalue') as batch_op:
        batch_op.alter_column('mark', existing_type=sa.String(), existing_nullable=False, server_default=None)
        batch_op.alter_column('value', existing_type=sa.FLOAT(), nullable=True)


def _risks_and_funding() -> None:
    with op.batch_alter_table('risk') as batch_op:
        batch_op.drop_constraint('risk_likelihood', type_='check')
        batch_op.drop_constraint('risk_impact', type_='check')
        batch_op.drop_constraint('risk_status', type_='check')
        for name in ('cause', 'effect', 'controls'):
            batch_op.add_column(sa.Column(name, sa.String(), nullable=False, server_default=sa.text("''")))
        for name in ('inherent_likelihood', 'inherent_impact', 'residual_likelihood', 'residual_impact'):
            batch_op.add_column(sa.Column(name, sa.Integer(), nullable=False, server_default=sa.text("1")))
        batch_op.add_column(sa.Column('theme_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('review_date', sa.Date(), nullable=True))
    op.execute("UPDATE risk SET residual_likelihood = likelihood, residual_impact = impact, "
               "inherent_likelihood = likelihood, inherent_impact = impact")
    with op.batch_alter_table('risk') as batch_op:
        for name in ('cause', 'effect', 'controls'):
            batch_op.alter_column(name, existing_type=sa.String(), existing_nullable=False, server_default=None)
        for name in ('inherent_likelihood', 'inherent_impact', 'residual_likelihood', 'residual_impact'):
            batch_op.alter_column(name, existing_type=sa.Integer(), existing_nullable=False, server_default=None)
        batch_op.create_foreign_key('fk_theme_id_theme', 'theme', ['theme_id'], ['id'], ondelete='SET NULL')
        batch_op.drop_column('impact')
        batch_op.drop_column('likelihood')
        batch_op.create_check_constraint('risk_inherent_likelihood', "inherent_likelihood BETWEEN 1 AND 5")
        batch_op.create_check_constraint('risk_inherent_impact', "inherent_impact BETWEEN 1 AND 5")
        batch_op.create_check_constraint('risk_residual_likelihood', "residual_likelihood BETWEEN 1 AND 5")
        batch_op.create_check_constraint('risk_residual_impact', "residual_impact BETWEEN 1 AND 5")
        batch_op.create_check_constraint('risk_status', f"status IN {_RISK_STATUS}")

    _add('grant', ('notes', sa.String(), "''"), ('deleted_at', sa.DateTime(), None))
    _drop_defaults('grant', ('notes', sa.String()))
    _add('grantline', ('owner_id', sa.Integer(), None), ('sort_order', sa.Integer(), "0"),
         ('deleted_at', sa.DateTime(), None))
    op.execute("UPDATE grantline SET sort_order = id")
    with op.batch_alter_table('grantline') as batch_op:
        batch_op.alter_column('sort_order', existing_type=sa.Integer(), existing_nullable=False, server_default=None)
        batch_op.create_foreign_key('fk_owner_id_person', 'person', ['owner_id'], ['id'], ondelete='SET NULL')


def _meetings() -> None:
    _add('meeting', ('pack_issued_at', sa.DateTime(), None), ('minutes_approved_on', sa.Date(), None),
         ('deleted_at', sa.DateTime(), None))

    # 0001 made (meeting_id, item_order) unique without a name: the convention names it so it can go
    # (reordering and sub-items renumber freely inside one transaction).
    with op.batch_alter_table('agendaitem', naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"}) as batch_op:
        batch_op.drop_constraint('uq_agendaitem_meeting_id', type_='unique')
        batch_op.add_column(sa.Column('parent_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('presenter_name', sa.String(), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column('purpose', sa.String(), nullable=False, server_default=sa.text("'DISCUSSION'")))
        batch_op.add_column(sa.Column('duration_minutes', sa.Integer(), nullable=False, server_default=sa.text("10")))
        batch_op.add_column(sa.Column('theme_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('pack_section', sa.String(), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column('confidential', sa.Boolean(), nullable=False, server_default=sa.text("0")))
        batch_op.add_column(sa.Column('notes', sa.String(), nullable=False, server_default=sa.text("''")))
        batch_op.add_column(sa.Column('deleted_at', sa.DateTime(), nullable=True))
    op.execute("UPDATE agendaitem SET notes = minutes")
    with op.batch_alter_table('agendaitem') as batch_op:
        for name, type_ in (('presenter_name', sa.String()), ('purpose', sa.String()),
                            ('duration_minutes', sa.Integer()), ('pack_section', sa.String()),
                            ('confidential', sa.Boolean()), ('notes', sa.String())):
            batch_op.alter_column(name, existing_type=type_, existing_nullable=False, server_default=None)
        batch_op.drop_column('paper_path')
        batch_op.drop_column('minutes')
        batch_op.create_index('ix_agenda_meeting_order', ['meeting_id', 'item_order'], unique=False)
        batch_op.create_foreign_key('fk_parent_id_agendaitem', 'agendaitem', ['parent_id'], ['id'], ondelete='CASCADE')
        batch_op.create_foreign_key('fk_theme_id_theme', 'theme', ['theme_id'], ['id'], ondelete='SET NULL')
        batch_op.create_check_constraint('agenda_purpose', f"purpose IN {_PURPOSE}")
        batch_op.create_check_constraint('agenda_duration', "duration_minutes >= 0")

    _add('decision', ('number', sa.Integer(), "0"), ('deleted_at', sa.DateTime(), None))
    op.execute("UPDATE decision SET number = (SELECT count(*) FROM decision d2 "
               "WHERE d2.meeting_id = decision.meeting_id AND d2.id <= decision.id)")
    _drop_defaults('decision', ('number', sa.Integer()))

    _add('challengelogentry', ('agenda_item_id', sa.Integer(), None), ('directed_to', sa.String(), "''"),
         ('answered_on', sa.Date(), None), ('deleted_at', sa.DateTime(), None))
    with op.batch_alter_table('challengelogentry') as batch_op:
        batch_op.alter_column('directed_to', existing_type=sa.String(), existing_nullable=False, server_default=None)
        batch_op.create_foreign_key('fk_agenda_item_id_agendaitem', 'agendaitem', ['agenda_item_id'], ['id'], ondelete='SET NULL')


def upgrade() -> None:
    _new_tables()
    _board_and_people()
    _inspections()
    _plan()
    _performance()
    _risks_and_funding()
    _meetings()


def downgrade() -> None:
    raise RuntimeError("boardapp does not downgrade a workspace: restore the backup taken before the upgrade")
