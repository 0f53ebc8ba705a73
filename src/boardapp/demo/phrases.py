"""Phrase tables the demo plan's actions are composed from (invented, plausible wording).

Placeholders: ``{n}`` a number drawn per action, ``{m}`` a second one.
"""
from __future__ import annotations

from typing import NamedTuple


class ThemePhrases(NamedTuple):
    titles: tuple[str, ...]
    descriptions: tuple[str, ...]
    hows: tuple[str, ...]
    measures: tuple[str, ...]
    evidence: tuple[str, ...]


PHRASES: dict[str, ThemePhrases] = {
    "T1": ThemePhrases(
        titles=(
            "Apply the revised threshold document consistently in the MASH",
            "Screen all contacts within one working day",
            "Embed daily multi-agency triage meetings",
            "Integrate the emergency duty team into strategy discussions",
            "Record the rationale for every contact decision",
            "Reduce re-referrals through better step-down to early help",
            "Capture the voice of the child at the point of contact",
            "Review consent practice for information sharing",
            "Introduce a duty manager oversight checklist",
            "Audit 25 front door decisions every month",
            "Strengthen the out-of-hours police and health rota",
            "Launch a professional consultation line for partners",
        ),
        descriptions=(
            "The ILACS inspection found thresholds applied inconsistently at the front door.",
            "Monitoring visits asked for faster, better-recorded decisions when concerns are first raised.",
            "Partners need a clear and consistent response whenever they contact the MASH.",
            "Children re-referred within a year show that earlier decisions did not meet their needs.",
        ),
        hows=(
            "Threshold workshops for all MASH staff and partner agencies; dip sampling by team managers.",
            "Daily performance huddle; duty rota re-designed around peak contact times.",
            "Revised EDT protocol agreed with the police and health; monthly compliance report.",
            "Recording template changed in the case-management system; monthly audit of a sample.",
            "Joint training with early help; step-down panel meets weekly.",
        ),
        measures=(
            "Referrals screened within 1 working day: {n}%",
            "Re-referrals within 12 months below {m}%",
            "Audit 25 front door decisions a month; {n}% judged good or better",
            "Strategy discussions out of hours with police and health present: {n}%",
            "Contacts with the child's view recorded: {n}%",
        ),
        evidence=(
            "Screening within one working day rose to {n}% and has held for three months.",
            "Re-referrals fell to {m}% against a baseline of 29%.",
            "Monthly audits show {n}% of front door decisions judged good or better.",
            "Partners report a clearer response in the annual partnership survey ({n}% positive).",
        ),
    ),
    "T2": ThemePhrases(
        titles=(
            "Make child protection plans specific, measurable and time-bound",
            "Complete assessments within 45 working days",
            "Hold initial child protection conferences within 15 working days",
            "Strengthen core group reviews of progress against the plan",
            "Visit children on a child protection plan within timescale",
            "Introduce reflective supervision that challenges drift",
            "Review every child in need case open longer than 12 months",
            "Embed the Signs of Safety practice model",
            "Track children subject to a plan for a second or subsequent time",
            "Improve pre-proceedings work under the Public Law Outline",
            "Reduce the number of plans lasting more than two years",
            "Use chronologies in every child protection case",
        ),
        descriptions=(
            "Monitoring visit 2 found plans that did not say what needs to change and by when.",
            "Drift and delay for children in need were a key finding of the ILACS inspection.",
            "Managers need to see and challenge the progress of every plan.",
            "Timely assessments mean children get the right help sooner.",
        ),
        hows=(
            "Plan template rewritten with families; practice workshops for every team.",
            "Weekly tracker of assessments approaching 35 days, reviewed by team managers.",
            "Conference booking process moved to the safeguarding unit; daily tracking.",
            "Supervision policy refreshed; quarterly audit of supervision records.",
            "Legal gateway panel reviews every case in pre-proceedings monthly.",
        ),
        measures=(
            "Assessments within 45 days: {n}%",
            "Initial child protection conferences within 15 working days: {n}%",
            "Audit 40 CP plans a month; {n}% judged SMART",
            "Child protection visits within timescale: {n}%",
            "Children in need open over 12 months reduced by {m}%",
        ),
        evidence=(
            "Assessments within 45 days reached {n}% (England average 82.5%).",
            "Audits found {n}% of child protection plans specific and time-bound, up from 31%.",
            "Children on a plan for a second time fell by {m}%.",
            "Every child on a plan was visited within timescale for {m} consecutive weeks.",
        ),
    ),
    "T3": ThemePhrases(
        titles=(
            "Consider permanence for every child by the second review",
            "Increase the number of local foster carers",
            "Complete life-story work for children in long-term care",
            "Reduce changes of social worker for children in care",
            "Improve the quality of personal education plans",
            "Place sibling groups together wherever it is right for them",
            "Open two in-house children's homes",
            "Strengthen the independent reviewing officer escalation process",
            "Complete initial health assessments within 20 working days",
            "Match children to long-term carers within six months",
            "Improve placement stability for children aged 11 to 15",
            "Launch the children in care council's pledge",
        ),
        descriptions=(
            "Monitoring visit 4 found too many children experiencing changes of home and worker.",
            "The ILACS inspection asked for earlier permanence decisions for children in care.",
            "Children told the board they want to know why they are in care and to keep their worker.",
            "Sufficiency of local homes is the main barrier to stability.",
        ),
        hows=(
            "Permanence tracking panel meets fortnightly; IROs escalate any child without a plan.",
            "Foster carer recruitment campaign with an enhanced allowance for older children.",
            "Life-story workers assigned to each locality; template co-produced with young people.",
            "Allocation policy keeps the same social worker through transfers where possible.",
            "Virtual school quality-assures every personal education plan each term.",
        ),
        measures=(
            "Children in care visits within timescale: {n}%",
            "Children with 3+ social workers in 12 months below {m}%",
            "{m} new local fostering households approved",
            "Permanence plan by the second review: {n}%",
            "Life-story work completed for {n}% of children in long-term care",
        ),
        evidence=(
            "Children with three or more placements fell to {m}%.",
            "Permanence was agreed by the second review for {n}% of children.",
            "{m} new fostering households approved this year.",
            "Children in care council reports {n}% know their plan.",
        ),
    ),
    "T4": ThemePhrases(
        titles=(
            "Co-produce pathway plans with every care leaver",
            "Increase care leavers in education, employment or training",
            "Offer every care leaver their health history",
            "Publish a clear local offer for care leavers",
            "Provide suitable accommodation for every care leaver",
            "Create apprenticeships for care leavers in the council",
            "Review pathway plans when circumstances change",
            "Support care leavers aged 21 to 25",
            "Extend staying-put arrangements",
            "Reduce caseloads of personal advisers",
        ),
        descriptions=(
            "Monitoring visit 3 found pathway plans of variable quality and too few young people in EET.",
            "Care leavers told the board they did not know their entitlements.",
            "Suitable accommodation is the foundation of a stable start to adult life.",
        ),
        hows=(
            "Pathway plan template redesigned with the care leavers' forum; monthly audit.",
            "EET coordinator and ring-fenced council apprenticeships.",
            "Health histories provided by the looked-after children nurses at 17 and a half.",
            "Joint housing protocol with district councils; supported lodgings scheme.",
        ),
        measures=(
            "Care leavers in education, employment or training: {n}%",
            "Care leavers in suitable accommodation: {n}%",
            "Pathway plans reviewed within timescale: {n}%",
            "{m} apprenticeships taken up by care leavers",
            "Personal adviser caseloads below {m}",
        ),
        evidence=(
            "Care leavers in EET rose to {n}% (statistical neighbours 55%).",
            "{m} care leavers started council apprenticeships.",
            "Audits found {n}% of pathway plans co-produced with the young person.",
        ),
    ),
    "T5": ThemePhrases(
        titles=(
            "Reduce average caseload to 18",
            "Convert agency social workers to permanent posts",
            "Launch the social work academy for newly qualified staff",
            "Introduce a market supplement for hard-to-fill teams",
            "Run an international recruitment cohort",
            "Deliver a manager development programme",
            "Reduce sickness absence in frontline teams",
            "Publish a career progression framework",
            "Hold exit interviews for every leaving social worker",
            "Improve the induction programme",
            "Offer protected learning time every month",
        ),
        descriptions=(
            "A stable workforce with manageable caseloads was an ILACS recommendation.",
            "High agency reliance drives changes of worker for children and cost pressure.",
            "Staff surveys show caseload and supervision drive retention.",
        ),
        hows=(
            "Recruitment campaign with a dedicated HR business partner; monthly workforce board.",
            "Caseload weighting tool; weekly review by heads of service.",
            "Academy with protected caseloads in the first year of practice.",
            "Agency conversion offer with a retention payment at 12 months.",
        ),
        measures=(
            "Average caseload: {m} children",
            "Agency social workers below {m}%",
            "Social worker turnover below {m}%",
            "{m} newly qualified social workers complete the ASYE",
            "Staff survey: {n}% feel supported",
        ),
        evidence=(
            "Average caseload fell to {m} children.",
            "Agency reliance fell to {m}% from 38%.",
            "{m} agency workers converted to permanent contracts.",
            "Staff survey: {n}% say their caseload is manageable.",
        ),
    ),
    "T6": ThemePhrases(
        titles=(
            "Audit 40 CP plans a month",
            "Introduce a practice quality assurance framework",
            "Moderate audit grades across teams",
            "Hold quarterly practice weeks",
            "Feed audit learning back into training",
            "Publish a monthly performance scorecard",
            "Introduce team-level data dashboards",
            "Gather feedback from children and families after every audit",
            "Run thematic audits on repeat referrals",
            "Embed the practice standards",
        ),
        descriptions=(
            "Leaders did not have an accurate understanding of practice quality (ILACS).",
            "Monitoring visits found audit findings were not yet driving improvement.",
            "Performance information must be accurate and used by managers at every level.",
        ),
        hows=(
            "Monthly audit cycle with moderation panel; learning briefings to all staff.",
            "Dashboard built in the business intelligence tool; data champions in each team.",
            "Practice weeks led by senior leaders observing frontline practice.",
            "Family feedback gathered by phone by the quality assurance team.",
        ),
        measures=(
            "Case audits judged good or better: {n}%",
            "Audit 40 cases a month, {n}% moderated",
            "Feedback gathered from {m} families a quarter",
            "Team dashboards used in {n}% of supervision sessions",
        ),
        evidence=(
            "Audits judged good or better rose to {n}% from 18%.",
            "Moderation agreement between auditors reached {n}%.",
            "Learning from {m} audits fed into the training programme.",
        ),
    ),
    "T7": ThemePhrases(
        titles=(
            "Report progress to the improvement board monthly",
            "Strengthen scrutiny by the children's services committee",
            "Agree a partnership escalation protocol",
            "Refresh the self-assessment before each monitoring visit",
            "Align the budget with the improvement plan",
            "Hold quarterly leadership visits to frontline teams",
            "Strengthen corporate parenting board oversight",
            "Publish the improvement plan and progress on the council website",
            "Commission a peer review ahead of re-inspection",
            "Sustain the improvement specialist's learning after grant end",
        ),
        descriptions=(
            "The ILACS inspection judged the impact of leaders inadequate.",
            "The board needs clear, accurate reporting to hold the service to account.",
            "Partners share responsibility for the improvement journey.",
        ),
        hows=(
            "Highlight report and exception report to every board; challenge log kept by the secretariat.",
            "Quarterly joint session of the board and the scrutiny committee.",
            "Self-assessment workshop with heads of service and partners.",
            "Budget monitoring aligned to the plan's themes each quarter.",
        ),
        measures=(
            "Board papers issued 5 working days ahead: {n}%",
            "Challenge log entries answered within 4 weeks: {n}%",
            "{m} leadership visits a quarter",
            "Peer review completed and action plan agreed",
        ),
        evidence=(
            "Board papers issued on time for {m} consecutive meetings.",
            "Peer review found leaders have an accurate understanding of practice.",
            "{n}% of challenge log entries closed within timescale.",
        ),
    ),
}

QUALIFIERS: tuple[str, ...] = (
    "", "", "", "", " (North locality)", " (South locality)", " (East locality)", " (West locality)",
    " - phase 2", " - sustain and embed",
)

#: Update templates: ``{title}`` the action's title, ``{month}`` and ``{date}`` the update's month and day,
#: ``{p}`` its progress,
#: so no two updates in the plan say the same thing (as a real tracker's commentary does not).
UPDATE_PHRASES: dict[str, tuple[str, ...]] = {
    "GREEN": (
        "{title}: on track at {p}%; the milestones for {month} are met.",
        "{title}: good progress reported by the theme lead in {month} ({p}% done); no issues to escalate.",
        "{title}: delivery on track ({p}%); the {month} data shows the expected improvement.",
        "{title}: {p}% done; training delivered to the teams involved and the {month} dip sample is positive.",
    ),
    "AMBER": (
        "{title}: at risk at {p}%; staffing gaps slowed delivery in {month}; recovery plan agreed with the lead.",
        "{title}: some slippage in {month} ({p}% done) while the case-management system changes are made.",
        "{title}: partner capacity is delaying the next step ({p}% done); escalated to the partnership in {month}.",
        "{title}: slower than planned at {p}%; revised milestones proposed to the board in {month}.",
    ),
    "RED": (
        "{title}: off track at {p}%; the due date will be missed; escalated to the board in {month}.",
        "{title}: not delivered ({p}%): the recruitment it depends on had not completed by {month}.",
        "{title}: the {month} data shows no improvement yet ({p}% done); a new approach is needed.",
        "{title}: blocked at {p}% by the delayed system go-live; exception report to the DCS in {month}.",
    ),
    "PLANNED": (
        "{title}: scoping agreed with the theme lead on {date}; start date confirmed.",
        "{title}: project brief drafted by {date}; resources identified.",
    ),
    "BLUE": (
        "{title}: complete in {month}; signed off by the theme lead; impact tracked in the scorecard.",
        "{title}: complete and evidenced through audit in {month}; moved to business as usual.",
        "{title}: delivered; in {month} the board agreed to close the action.",
    ),
}
