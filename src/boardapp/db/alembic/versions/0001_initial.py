"""The initial workspace schema: every table of models.py with its CHECKs, FKs and indexes.

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23
"""
from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('auditentry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('who', sa.String(), nullable=False),
    sa.Column('entity', sa.String(), nullable=False),
    sa.Column('entity_id', sa.Integer(), nullable=False),
    sa.Column('field', sa.String(), nullable=False),
    sa.Column('old', sa.String(), nullable=True),
    sa.Column('new', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.create_index('ix_audit_entity', ['entity', 'entity_id', 'at'], unique=False)

    op.create_table('grant',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('funder', sa.String(), nullable=False),
    sa.Column('allocated_pence', sa.Integer(), nullable=False),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('end_date', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('allocated_pence >= 0', name='grant_allocated'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('inspection',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('number', sa.Integer(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=False),
    sa.Column('end_date', sa.Date(), nullable=False),
    sa.Column('focus_area', sa.String(), nullable=False),
    sa.Column('ilacs_area', sa.String(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('published_date', sa.Date(), nullable=True),
    sa.Column('overall_grade', sa.String(), nullable=True),
    sa.Column('summary', sa.String(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('ILACS', 'MONITORING_VISIT', 'FOCUSED_VISIT', 'JTAI')", name='inspection_kind'),
    sa.CheckConstraint("overall_grade IS NULL OR overall_grade IN ('OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE')", name='inspection_grade'),
    sa.CheckConstraint("status IN ('PLANNED', 'COMPLETED')", name='inspection_status'),
    sa.CheckConstraint('end_date >= start_date', name='inspection_dates'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_inspection_start_date'), ['start_date'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('role', sa.String(), nullable=False),
    sa.Column('organisation', sa.String(), nullable=False),
    sa.Column('email', sa.String(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_person_name'), ['name'], unique=False)

    op.create_table('board',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('council', sa.String(), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=True),
    sa.Column('default_marking', sa.String(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['chair_id'], ['person.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('finding',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('ilacs_area', sa.String(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("ilacs_area IS NULL OR ilacs_area IN ('LEADERS', 'HELP_AND_PROTECTION', 'CHILDREN_IN_CARE', 'CARE_LEAVERS', 'OVERALL')", name='finding_area'),
    sa.CheckConstraint("kind IN ('STRENGTH', 'AREA_FOR_DEVELOPMENT', 'RECOMMENDATION')", name='finding_kind'),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_finding_inspection_id'), ['inspection_id'], unique=False)

    op.create_table('grantline',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('grant_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(), nullable=False),
    sa.Column('allocated_pence', sa.Integer(), nullable=False),
    sa.Column('spent_pence', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('allocated_pence >= 0', name='line_allocated'),
    sa.CheckConstraint('spent_pence >= 0', name='line_spent'),
    sa.ForeignKeyConstraint(['grant_id'], ['grant.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('grantline', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_grantline_grant_id'), ['grant_id'], unique=False)

    op.create_table('inspectiongrade',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('inspection_id', sa.Integer(), nullable=False),
    sa.Column('area', sa.String(), nullable=False),
    sa.Column('grade', sa.String(), nullable=False),
    sa.CheckConstraint("area IN ('LEADERS', 'HELP_AND_PROTECTION', 'CHILDREN_IN_CARE', 'CARE_LEAVERS', 'OVERALL')", name='grade_area'),
    sa.CheckConstraint("grade IN ('OUTSTANDING', 'GOOD', 'REQUIRES_IMPROVEMENT', 'INADEQUATE')", name='grade_value'),
    sa.ForeignKeyConstraint(['inspection_id'], ['inspection.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('inspection_id', 'area')
    )
    op.create_table('meeting',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('meeting_date', sa.Date(), nullable=False),
    sa.Column('start_time', sa.Time(), nullable=True),
    sa.Column('place', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('chair_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('PLANNED', 'HELD', 'CANCELLED')", name='meeting_status'),
    sa.ForeignKeyConstraint(['chair_id'], ['person.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_meeting_meeting_date'), ['meeting_date'], unique=False)

    op.create_table('risk',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('likelihood', sa.Integer(), nullable=False),
    sa.Column('impact', sa.Integer(), nullable=False),
    sa.Column('mitigation', sa.String(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('OPEN', 'CLOSED')", name='risk_status'),
    sa.CheckConstraint('impact BETWEEN 1 AND 5', name='risk_impact'),
    sa.CheckConstraint('likelihood BETWEEN 1 AND 5', name='risk_likelihood'),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ref')
    )
    op.create_table('theme',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('lead_id', sa.Integer(), nullable=True),
    sa.Column('ilacs_area', sa.String(), nullable=True),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("ilacs_area IS NULL OR ilacs_area IN ('LEADERS', 'HELP_AND_PROTECTION', 'CHILDREN_IN_CARE', 'CARE_LEAVERS', 'OVERALL')", name='theme_area'),
    sa.ForeignKeyConstraint(['lead_id'], ['person.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('action',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('ref', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('description', sa.String(), nullable=False),
    sa.Column('how', sa.String(), nullable=False),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=False),
    sa.Column('revised_due_date', sa.Date(), nullable=True),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('brag', sa.String(), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('success_measure', sa.String(), nullable=False),
    sa.Column('evidence_of_impact', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("brag <> 'BLUE' OR status = 'COMPLETE'", name='action_blue_only_complete'),
    sa.CheckConstraint("brag IN ('BLUE', 'GREEN', 'AMBER', 'RED')", name='action_brag'),
    sa.CheckConstraint("status IN ('NOT_STARTED', 'IN_PROGRESS', 'ON_HOLD', 'COMPLETE')", name='action_status'),
    sa.CheckConstraint('progress BETWEEN 0 AND 100', name='action_progress'),
    sa.CheckConstraint('start_date IS NULL OR due_date >= start_date', name='action_due_after_start'),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('ref')
    )
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.create_index('ix_action_live_due', ['deleted_at', 'due_date'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_owner_id'), ['owner_id'], unique=False)
        batch_op.create_index('ix_action_theme_brag', ['theme_id', 'brag'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_theme_id'), ['theme_id'], unique=False)

    op.create_table('agendaitem',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('item_order', sa.Integer(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('presenter_id', sa.Integer(), nullable=True),
    sa.Column('minutes', sa.String(), nullable=False),
    sa.Column('paper_path', sa.String(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['presenter_id'], ['person.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('meeting_id', 'item_order')
    )
    op.create_table('attendance',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('person_id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(), nullable=False),
    sa.Column('deputy_name', sa.String(), nullable=False),
    sa.CheckConstraint("code = 'D' OR deputy_name = ''", name='attendance_deputy_only_d'),
    sa.CheckConstraint("code IN ('Y', 'N', 'A', 'D')", name='attendance_code'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('meeting_id', 'person_id')
    )
    op.create_table('challengelogentry',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('raised_by_id', sa.Integer(), nullable=True),
    sa.Column('challenge', sa.String(), nullable=False),
    sa.Column('response', sa.String(), nullable=False),
    sa.Column('status', sa.String(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("status IN ('OPEN', 'ANSWERED', 'CLOSED')", name='challenge_status'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['raised_by_id'], ['person.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('challengelogentry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_challengelogentry_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('kpi',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('code', sa.String(), nullable=False),
    sa.Column('title', sa.String(), nullable=False),
    sa.Column('unit', sa.String(), nullable=False),
    sa.Column('polarity', sa.String(), nullable=False),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('amber_tolerance', sa.Float(), nullable=True),
    sa.Column('red_tolerance', sa.Float(), nullable=True),
    sa.Column('statistical_neighbours', sa.Float(), nullable=True),
    sa.Column('england', sa.Float(), nullable=True),
    sa.Column('theme_id', sa.Integer(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint("polarity IN ('HIGHER_IS_BETTER', 'LOWER_IS_BETTER')", name='kpi_polarity'),
    sa.ForeignKeyConstraint(['theme_id'], ['theme.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('code')
    )
    op.create_table('actionfinding',
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('finding_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['finding_id'], ['finding.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('action_id', 'finding_id')
    )
    with op.batch_alter_table('actionfinding', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actionfinding_finding_id'), ['finding_id'], unique=False)

    op.create_table('actionkpi',
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('kpi_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['kpi_id'], ['kpi.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('action_id', 'kpi_id')
    )
    with op.batch_alter_table('actionkpi', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_actionkpi_kpi_id'), ['kpi_id'], unique=False)

    op.create_table('actionupdate',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('action_id', sa.Integer(), nullable=False),
    sa.Column('update_date', sa.Date(), nullable=False),
    sa.Column('author', sa.String(), nullable=False),
    sa.Column('narrative', sa.String(), nullable=False),
    sa.Column('brag', sa.String(), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("brag IN ('BLUE', 'GREEN', 'AMBER', 'RED')", name='update_brag'),
    sa.CheckConstraint('progress BETWEEN 0 AND 100', name='update_progress'),
    sa.ForeignKeyConstraint(['action_id'], ['action.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('actionupdate', schema=None) as batch_op:
        batch_op.create_index('ix_update_action_date', ['action_id', 'update_date'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('meeting_id', sa.Integer(), nullable=False),
    sa.Column('agenda_item_id', sa.Integer(), nullable=True),
    sa.Column('text', sa.String(), nullable=False),
    sa.Column('owner_id', sa.Integer(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agenda_item_id'], ['agendaitem.id'], ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['meeting_id'], ['meeting.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['owner_id'], ['person.id'], ondelete='SET NULL'),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_meeting_id'), ['meeting_id'], unique=False)

    op.create_table('kpivalue',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('kpi_id', sa.Integer(), nullable=False),
    sa.Column('period', sa.Date(), nullable=False),
    sa.Column('value', sa.Float(), nullable=False),
    sa.Column('note', sa.String(), nullable=False),
    sa.ForeignKeyConstraint(['kpi_id'], ['kpi.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('kpi_id', 'period')
    )


def downgrade() -> None:
    op.drop_table('kpivalue')
    with op.batch_alter_table('decision', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_meeting_id'))

    op.drop_table('decision')
    with op.batch_alter_table('actionupdate', schema=None) as batch_op:
        batch_op.drop_index('ix_update_action_date')

    op.drop_table('actionupdate')
    with op.batch_alter_table('actionkpi', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actionkpi_kpi_id'))

    op.drop_table('actionkpi')
    with op.batch_alter_table('actionfinding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_actionfinding_finding_id'))

    op.drop_table('actionfinding')
    op.drop_table('kpi')
    with op.batch_alter_table('challengelogentry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_challengelogentry_meeting_id'))

    op.drop_table('challengelogentry')
    op.drop_table('attendance')
    op.drop_table('agendaitem')
    with op.batch_alter_table('action', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_theme_id'))
        batch_op.drop_index('ix_action_theme_brag')
        batch_op.drop_index(batch_op.f('ix_action_owner_id'))
        batch_op.drop_index('ix_action_live_due')

    op.drop_table('action')
    op.drop_table('theme')
    op.drop_table('risk')
    with op.batch_alter_table('meeting', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_meeting_meeting_date'))

    op.drop_table('meeting')
    op.drop_table('inspectiongrade')
    with op.batch_alter_table('grantline', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_grantline_grant_id'))

    op.drop_table('grantline')
    with op.batch_alter_table('finding', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_finding_inspection_id'))

    op.drop_table('finding')
    op.drop_table('board')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_person_name'))

    op.drop_table('person')
    with op.batch_alter_table('inspection', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_inspection_start_date'))

    op.drop_table('inspection')
    op.drop_table('grant')
    with op.batch_alter_table('auditentry', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_entity')

    op.drop_table('auditentry')
