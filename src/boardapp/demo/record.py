"""Fixed tables of the demo workspace: the public record and its invented cast.

The dates, judgements, monitoring-visit focus areas and the DfE grant with its four
lines follow the published record of one English council's improvement journey
(ILACS *Inadequate* in July 2022, five monitoring visits February 2023 - July 2024).
Everything else — the council's name, every person, the wording of the findings,
the plan, the measures, risks and meetings — is invented and only meant to be
plausible. People's e-mail addresses use the reserved ``.example`` domain.
"""
from __future__ import annotations

from datetime import date
from typing import NamedTuple

from boardapp.domain.enums import FindingKind, Grade, IlacsArea, Polarity

COUNCIL = "Northshire Council"
#: The fictional council's DfE local-authority code (a code no council uses).
LA_CODE = "999"
BOARD_NAME = "Northshire Children's Services Improvement Board"
MARKING = "OFFICIAL-SENSITIVE"
EMAIL_DOMAIN = "northshire.example"

H = IlacsArea.HELP_AND_PROTECTION.value
CIC = IlacsArea.CHILDREN_IN_CARE.value
CL = IlacsArea.CARE_LEAVERS.value
LEAD = IlacsArea.LEADERS.value
STRENGTH = FindingKind.STRENGTH.value
AFD = FindingKind.AREA_FOR_DEVELOPMENT.value
REC = FindingKind.RECOMMENDATION.value


class PersonSpec(NamedTuple):
    key: str
    name: str
    role: str
    organisation: str
    board_member: bool


PEOPLE: tuple[PersonSpec, ...] = (
    PersonSpec("chair", "Dr Helen Marchbank", "Independent Chair", "Improvement Board (independent)", True),
    PersonSpec("dcs", "Rachel Ostrowski", "Director of Children's Services", COUNCIL, True),
    PersonSpec("ceo", "Graham Pettifer", "Chief Executive", COUNCIL, True),
    PersonSpec("member", "Cllr Anita Brookwell", "Lead Member for Children's Services", COUNCIL, True),
    PersonSpec("ad", "Daniel Achterberg", "Assistant Director, Safeguarding and Early Help", COUNCIL, True),
    PersonSpec("frontdoor", "Priya Venkataraman", "Head of Service, Front Door and MASH", COUNCIL, False),
    PersonSpec("safeguarding", "Hannah Treloar", "Head of Safeguarding (Children in Need and Child Protection)",
               COUNCIL, True),
    PersonSpec("cic", "Tomasz Kowalczyk-Reid", "Head of Service, Children in Care", COUNCIL, False),
    PersonSpec("leaving", "Olumide Fashola-Grant", "Head of Service, Care Leavers", COUNCIL, False),
    PersonSpec("psw", "Bethany Quarrell", "Principal Social Worker", COUNCIL, True),
    PersonSpec("qa", "Marcus Ellingham", "Head of Quality Assurance and Practice Improvement", COUNCIL, True),
    PersonSpec("workforce", "Siobhan Tarrant", "Head of Workforce Development", COUNCIL, False),
    PersonSpec("performance", "Megan Lyall", "Head of Performance and Business Intelligence", COUNCIL, False),
    PersonSpec("finance", "Imran Sadiq", "Finance Business Partner, Children's Services", COUNCIL, False),
    PersonSpec("virtual", "Gareth Pennington", "Virtual School Headteacher", COUNCIL, False),
    PersonSpec("dfe", "Jonathan Harcastle", "DfE Improvement Adviser", "Department for Education", True),
    PersonSpec("police", "Det Supt Laura Fenwick", "Head of Public Protection", "Northshire Police", True),
    PersonSpec("doctor", "Dr Samuel Okonjo", "Designated Doctor for Safeguarding", "Northshire Integrated Care Board",
               True),
    PersonSpec("nurse", "Fiona Calderbank", "Designated Nurse for Safeguarding", "Northshire Integrated Care Board",
               False),
    PersonSpec("scrutineer", "Katherine Moorcroft", "Independent Scrutineer",
               "Northshire Safeguarding Children Partnership", True),
    PersonSpec("secretariat", "Lucy Abernethy", "Improvement Board Officer (secretariat)", COUNCIL, False),
)

DEPUTIES: dict[str, str] = {
    "dcs": "Daniel Achterberg (Assistant Director)",
    "ceo": "Sarah Whitcombe (Deputy Chief Executive)",
    "member": "Cllr Peter Dunmore (Deputy Lead Member)",
    "police": "DCI Ravi Bhandal",
    "doctor": "Fiona Calderbank (Designated Nurse)",
    "dfe": "Alison Greatorex (DfE Regional Lead)",
    "scrutineer": "Tom Esterhuizen (Partnership Manager)",
    "qa": "Joanne Pike (Practice Improvement Lead)",
    "psw": "Nadia Farouk (Advanced Practitioner)",
    "safeguarding": "Chris Munday (Service Manager)",
    "ad": "Priya Venkataraman (Head of Service)",
}


class ThemeSpec(NamedTuple):
    code: str
    title: str
    lead: str
    area: str
    weight: int
    kpis: tuple[str, ...]


THEMES: tuple[ThemeSpec, ...] = (
    ThemeSpec("T1", "The Front Door (MASH, Duty and EDT)", "frontdoor", H, 16, ("K01", "K02")),
    ThemeSpec("T2", "Help and Protection (Children in Need and Child Protection)", "safeguarding", H, 18,
              ("K03", "K04", "K05")),
    ThemeSpec("T3", "Children in Care", "cic", CIC, 16, ("K06", "K09")),
    ThemeSpec("T4", "Care Leavers", "leaving", CL, 12, ("K10", "K11")),
    ThemeSpec("T5", "Workforce", "workforce", LEAD, 14, ("K07", "K08", "K09")),
    ThemeSpec("T6", "Quality Assurance and Practice", "qa", LEAD, 14, ("K12", "K03")),
    ThemeSpec("T7", "Leadership, Governance and Partnerships", "dcs", LEAD, 10, ("K08", "K12", "K01")),
)


class InspectionSpec(NamedTuple):
    kind: str
    number: int | None
    start: date
    end: date
    published: date | None  # None: the letter was not published (the first monitoring visit's)
    focus: str
    area: str | None
    summary: str


ILACS = InspectionSpec(
    "ILACS", None, date(2022, 7, 4), date(2022, 7, 15), date(2022, 8, 26),
    "Full inspection of local authority children's services", IlacsArea.OVERALL.value,
    "Services for children in need of help and protection were judged inadequate. Leaders had not "
    "understood the extent of weaknesses in practice at the front door and in child protection work.",
)

ILACS_GRADES: tuple[tuple[str, str], ...] = (
    (LEAD, Grade.INADEQUATE.value),
    (H, Grade.INADEQUATE.value),
    (CIC, Grade.REQUIRES_IMPROVEMENT.value),
    (IlacsArea.OVERALL.value, Grade.INADEQUATE.value),
)

ILACS_FINDINGS: tuple[tuple[str, str, str], ...] = (
    (REC, H, "The timeliness and quality of decision-making when concerns about children are first reported, "
             "including the application of thresholds in the MASH."),
    (REC, H, "The response to children at risk of harm out of hours, including strategy discussions "
             "held by the emergency duty team."),
    (REC, H, "The quality of assessments and plans for children in need and children subject to a "
             "child protection plan, so that plans are specific and drive change for children."),
    (REC, H, "Management oversight and supervision that challenges drift and delay in children's plans."),
    (REC, CIC, "Permanence planning for children in care, so that children do not wait for decisions "
               "about where they will live."),
    (REC, CIC, "The sufficiency and stability of homes for children in care, including sibling groups."),
    (REC, CIC, "Support for care leavers to access suitable accommodation, education, employment and training."),
    (REC, H, "The early help offer, so that families get the right help at the right time and step-down "
             "from children's social care is well coordinated."),
    (REC, LEAD, "The stability of the workforce: recruit and retain permanent social workers, reduce the "
                "reliance on agency staff and keep caseloads manageable."),
    (REC, LEAD, "A quality assurance framework that gives leaders an accurate understanding of the "
                "quality of practice and its impact on children."),
    (REC, LEAD, "Performance information that is accurate, timely and used by managers at every level."),
    (STRENGTH, CIC, "Children in care are visited regularly and most have trusting relationships with their "
                    "social workers."),
    (STRENGTH, LEAD, "Corporate leaders and elected members have recognised the seriousness of the "
                     "findings and committed additional investment."),
)

MONITORING_VISITS: tuple[InspectionSpec, ...] = (
    InspectionSpec("MONITORING_VISIT", 1, date(2023, 2, 14), date(2023, 2, 15), None,
                   "The Front Door (MASH, Duty and EDT)", H,
                   "Early signs of improvement at the front door; thresholds not yet consistently applied."),
    InspectionSpec("MONITORING_VISIT", 2, date(2023, 7, 11), date(2023, 7, 12), date(2023, 8, 10),
                   "Children in Need and Children with a Child Protection Plan", H,
                   "Improving visiting and oversight; plans still too often lack focus and timescales."),
    InspectionSpec("MONITORING_VISIT", 3, date(2023, 11, 7), date(2023, 11, 8), date(2023, 12, 8),
                   "Care Leavers aged 18+", CL,
                   "Personal advisers know young people well; pathway plans are variable in quality."),
    InspectionSpec("MONITORING_VISIT", 4, date(2024, 4, 16), date(2024, 4, 17), date(2024, 5, 17),
                   "Children in Care", CIC,
                   "Permanence planning has strengthened; placement sufficiency remains a challenge."),
    InspectionSpec("MONITORING_VISIT", 5, date(2024, 7, 9), date(2024, 7, 10), date(2024, 8, 9),
                   "The Front Door (MASH, Duty and EDT)", H,
                   "Sustained progress at the front door; decision-making is timely and mostly proportionate."),
)

#: The sixth visit, expected: a re-visit of Children in Care (the fourth visit's focus).
NEXT_VISIT_FOCUS = "Children in Care (re-visit)"
NEXT_VISIT_AREA = CIC
#: The full re-inspection expected after the monitoring visits (in 2025 for the demo's as-at date).
REINSPECTION_FOCUS = "Full re-inspection of local authority children's services (ILACS)"
REINSPECTION_AREA = IlacsArea.OVERALL.value

MV_FINDINGS: tuple[tuple[tuple[str, str, str], ...], ...] = (
    (
        (STRENGTH, H, "Contacts are now screened promptly by qualified social workers in the MASH."),
        (STRENGTH, H, "Partner agencies are co-located and share information quickly."),
        (STRENGTH, LEAD, "Leaders have an accurate self-assessment of the front door."),
        (AFD, H, "Thresholds are not consistently applied, leading to some children being re-referred."),
        (AFD, H, "Strategy discussions out of hours do not always include the police and health."),
        (AFD, H, "Consent to share information with partners is not always sought, or the reason for "
                 "proceeding without it recorded."),
        (AFD, H, "Recording of the rationale for decisions is too brief in a minority of cases."),
    ),
    (
        (STRENGTH, H, "Children are seen regularly and are seen alone when appropriate."),
        (STRENGTH, H, "Child protection conferences are timely and well attended by partners."),
        (STRENGTH, LEAD, "Caseloads have reduced in the safeguarding teams."),
        (AFD, H, "Assessments and plans are not of a consistent quality: child protection plans are not "
                 "specific enough about what needs to change and by when."),
        (AFD, H, "Core groups do not consistently review progress against the plan."),
        (AFD, H, "Supervision is not regular enough and does not yet challenge drift for children in need."),
        (AFD, H, "Children and parents wait too long for domestic-abuse and mental-health support."),
        (AFD, LEAD, "Audit findings are not yet used systematically to improve practice."),
    ),
    (
        (STRENGTH, CL, "Personal advisers stay in touch with young people and know them well."),
        (STRENGTH, CL, "Most care leavers live in suitable accommodation."),
        (AFD, CL, "Pathway plans are not always co-produced with young people or updated when "
                  "circumstances change."),
        (AFD, CL, "Too few care leavers are in education, employment or training."),
        (AFD, CL, "Care leavers are not consistently told about their entitlements, including health histories."),
    ),
    (
        (STRENGTH, CIC, "Permanence is considered at the second review for most children."),
        (STRENGTH, CIC, "Independent reviewing officers provide effective challenge."),
        (STRENGTH, CIC, "The virtual school has improved the quality of personal education plans."),
        (AFD, CIC, "Workforce instability means too many children experience changes of social worker, "
                   "and of home."),
        (AFD, CIC, "Reliance on agency staff in the children in care teams limits the consistency of "
                   "relationships with children."),
        (AFD, CIC, "Life-story work is not routinely completed for children in long-term care."),
        (AFD, CIC, "Children in care wait too long for support from child and adolescent mental health "
                   "services."),
        (AFD, CIC, "Sufficiency of local foster homes for older children and sibling groups."),
    ),
    (
        (STRENGTH, H, "Decision-making at the front door is timely and proportionate in most cases."),
        (STRENGTH, H, "The emergency duty team is now fully integrated in strategy discussions."),
        (STRENGTH, LEAD, "Senior leaders know the front door well and act on performance information."),
        (AFD, H, "The early help offer is not well understood by partners, and step-down to early help is "
                 "not always well coordinated."),
        (AFD, H, "The voice of the child is not always recorded in contact decisions."),
    ),
)


class GrantLineSpec(NamedTuple):
    purpose: str
    allocated_pence: int
    owner: str
    #: How spend builds up over the grant's period: the share spent is (elapsed share) ** this
    #: (1 = evenly; below 1 front-loaded, like a system bought early; above 1 back-loaded).
    spend_curve: float
    #: Starts of action titles (demo/phrases.py) of the actions the line pays for.
    actions: tuple[str, ...]


GRANT_NAME = "DfE children's social care improvement grant"
GRANT_FUNDER = "Department for Education"
GRANT_START = date(2023, 4, 1)
GRANT_END = date(2025, 3, 31)
#: The published award, and its split as the record describes it.
GRANT_TOTAL_PENCE = 34_275_200
GRANT_LINES: tuple[GrantLineSpec, ...] = (
    GrantLineSpec("Improvement specialist", 8_600_000, "dcs", 0.0,
                  ("Sustain the improvement specialist", "Refresh the self-assessment", "Commission a peer review",
                   "Embed the practice standards")),
    GrantLineSpec("Case-management IT system", 13_000_000, "performance", 0.6,
                  ("Introduce team-level data dashboards", "Publish a monthly performance scorecard",
                   "Record the rationale for every contact decision", "Use chronologies in every child protection")),
    GrantLineSpec("Quality-assurance learning programme", 9_200_000, "qa", 1.4,
                  ("Introduce a practice quality assurance framework", "Moderate audit grades",
                   "Feed audit learning back into training", "Run thematic audits")),
    GrantLineSpec("Training", 3_500_000, "workforce", 1.1,
                  ("Launch the social work academy", "Deliver a manager development programme",
                   "Embed the Signs of Safety", "Offer protected learning time")),
)
# The published award is £342,752, described as £86,000 / £130,000 / £92,000 / £35,000. Those
# figures add up to £343,000, £248 more than the award: the demo keeps them as published, so
# its Funding page and pack carry the over-allocation warning a secretariat would have to resolve.
GRANT_NOTES = (
    "Award letter: £342,752. The split reported to the board (£86,000 / £130,000 / £92,000 / £35,000) "
    "adds up to £343,000; the £248 difference is to be reconciled with Finance. The improvement "
    "specialist is paid monthly over the 24 months of the grant."
)


class KpiSpec(NamedTuple):
    code: str
    title: str
    unit: str
    polarity: str
    target: float
    amber: float
    red: float
    neighbours: float
    england: float
    theme: str
    start: float
    end: float
    noise: float


HI = Polarity.HIGHER_IS_BETTER.value
LO = Polarity.LOWER_IS_BETTER.value

KPIS: tuple[KpiSpec, ...] = (
    KpiSpec("K01", "Referrals screened within 1 working day", "%", HI, 95, 2, 8, 88.0, 90.1, "T1", 64, 94, 2.0),
    KpiSpec("K02", "Re-referrals within 12 months", "%", LO, 20, 1, 4, 21.4, 22.4, "T1", 29, 21.5, 1.2),
    KpiSpec("K03", "Assessments completed within 45 working days", "%", HI, 85, 3, 10, 83.2, 82.5, "T2", 58, 83,
            2.5),
    KpiSpec("K04", "Initial child protection conferences within 15 working days", "%", HI, 85, 5, 15, 79.0, 78.2,
            "T2", 55, 88, 4.0),
    KpiSpec("K05", "Child protection visits within timescale", "%", HI, 95, 2, 8, 90.5, 91.0, "T2", 71, 94, 1.8),
    KpiSpec("K06", "Children in care visits within timescale", "%", HI, 95, 2, 8, 92.0, 91.8, "T3", 78, 96, 1.5),
    KpiSpec("K07", "Average social worker caseload", "children", LO, 18, 1, 3, 16.3, 16.6, "T5", 26, 18.8, 0.6),
    KpiSpec("K08", "Agency social workers", "%", LO, 15, 2, 6, 17.0, 17.6, "T5", 38, 22, 1.5),
    KpiSpec("K09", "Children with 3 or more social workers in 12 months", "%", LO, 10, 2, 5, 11.0, 12.2, "T3",
            24, 12.5, 1.2),
    KpiSpec("K10", "Care leavers aged 19-21 in education, employment or training", "%", HI, 60, 3, 10, 55.0, 56.1,
            "T4", 44, 57, 2.0),
    KpiSpec("K11", "Care leavers aged 19-21 in suitable accommodation", "%", HI, 90, 3, 8, 88.0, 88.3, "T4",
            79, 91, 1.5),
    KpiSpec("K12", "Case audits judged good or better", "%", HI, 60, 5, 15, 52.0, 50.0, "T6", 18, 49, 4.0),
)


class RiskSpec(NamedTuple):
    title: str
    cause: str
    effect: str
    inherent: tuple[int, int]  # likelihood, impact before controls
    residual: tuple[int, int]  # likelihood, impact with the controls in place
    controls: str
    mitigation: str
    owner: str
    theme: str
    status: str
    review_in_days: int | None  # review date relative to the demo's day (negative: overdue)


RISKS: tuple[RiskSpec, ...] = (
    RiskSpec("Social worker recruitment and retention",
             "A national shortage of experienced social workers; neighbouring authorities pay more.",
             "High agency reliance, changes of social worker for children, higher caseloads and cost.",
             (5, 5), (4, 4),
             "Market supplement in hard-to-fill teams; monthly workforce board; exit interviews.",
             "International recruitment cohort; academy for newly qualified staff; agency conversion scheme.",
             "workforce", "T5", "OPEN", 20),
    RiskSpec("Caseloads rise with demand",
             "Contacts and referrals keep rising; step-down to early help is not consistent.",
             "Caseloads above the 18-child target, so visits slip and plans drift.",
             (4, 4), (3, 4),
             "Weekly caseload tracking by team; surge team for the assessment service.",
             "Early help step-down review; demand analysis with partners.", "ad", "T2", "OPEN", -9),
    RiskSpec("Case-management system go-live",
             "The replacement case-management system, funded by the DfE grant, migrates ten years of records.",
             "Recording disrupted, performance data unavailable for weeks, practitioners' time lost.",
             (4, 4), (3, 4),
             "Parallel running; two data-migration rehearsals with reconciliation reports.",
             "Super-users in every team; go-live support rota; a tested rollback plan.",
             "performance", "T6", "OPEN", 6),
    RiskSpec("Placement sufficiency",
             "Too few local homes for older children and sibling groups.",
             "Children placed far from home, more changes of home, placement costs above budget.",
             (5, 4), (4, 4),
             "Weekly placement panel; regional commissioning framework.",
             "Sufficiency strategy; foster carer recruitment campaign; two new in-house children's homes.",
             "cic", "T3", "OPEN", 13),
    RiskSpec("Overspend on the children's services budget",
             "Placement and agency costs grow faster than the budget.",
             "Pressure to cut the improvement investment; the council's medium-term plan at risk.",
             (4, 4), (4, 3),
             "Monthly budget board; high-cost placement reviews.",
             "Placement commissioning review; agency conversion scheme; budget aligned with the plan.",
             "finance", "T7", "OPEN", 27),
    RiskSpec("Pace of improvement before re-inspection",
             "Improvement is uneven between teams and not yet embedded.",
             "The re-inspection in 2025 finds services still Inadequate or Requires improvement.",
             (4, 5), (3, 5),
             "Monthly board scrutiny of the plan; audit cycle with moderation.",
             "Practice weeks; deep dives at every board; peer review before re-inspection.",
             "dcs", "T7", "OPEN", -16),
    RiskSpec("Partner engagement in strategy discussions",
             "Police and health are not always available at short notice, especially out of hours.",
             "Strategy discussions delayed or held without the agencies that hold information.",
             (4, 4), (2, 4),
             "Partnership escalation protocol; virtual strategy meetings.",
             "Attendance reported to the partnership monthly; named leads in each agency.",
             "police", "T1", "MONITORING", 34),
    RiskSpec("Quality of performance data",
             "Recording is inconsistent and reports are built by hand from the old system.",
             "Data errors undermine confidence in the scorecard and in what the board is told.",
             (3, 4), (2, 3),
             "Data quality dashboard; monthly reconciliation of the scorecard.",
             "Team-level data champions; reports rebuilt on the new case-management system.",
             "performance", "T6", "MONITORING", 41),
    RiskSpec("Loss of the improvement specialist at grant end",
             "The improvement specialist's post is funded by the DfE grant, which ends in March 2025.",
             "Practice learning is lost before it is embedded in the quality assurance framework.",
             (4, 3), (3, 3),
             "Knowledge transfer plan; the specialist co-delivers every practice week.",
             "Permanent practice-improvement lead appointed; learning built into the QA framework.",
             "qa", "T6", "OPEN", 48),
    RiskSpec("Out-of-hours cover",
             "Gaps in the emergency duty team rota.",
             "No qualified social worker available overnight for children at risk of harm.",
             (3, 5), (1, 5),
             "EDT restructure completed; standby rota with a neighbouring authority.",
             "Closed after the fifth monitoring visit found the EDT fully integrated in strategy discussions.",
             "frontdoor", "T1", "CLOSED", None),
    RiskSpec("Management oversight and supervision",
             "Many team managers are new in post; supervision is not yet consistently reflective.",
             "Drift and delay in children's plans go unchallenged.",
             (4, 4), (3, 3),
             "Supervision policy and quarterly audit of supervision records.",
             "Manager development programme; reflective supervision training for every team manager.",
             "safeguarding", "T2", "OPEN", 20),
    RiskSpec("Care leavers' accommodation and employment",
             "Too little supported accommodation and too few apprenticeships locally.",
             "Care leavers in unsuitable accommodation or not in education, employment or training.",
             (4, 4), (3, 4),
             "Housing protocol with the district councils; personal advisers' caseloads capped.",
             "Council apprenticeships ring-fenced for care leavers; a local offer co-produced with young people.",
             "leaving", "T4", "OPEN", 6),
)

MEETING_PLACES: tuple[str, ...] = (
    "Committee Room 2, Civic Centre", "Committee Room 1, Civic Centre", "Council Chamber, Civic Centre",
    "Online (Microsoft Teams)",
)
NEXT_MEETING_PLACE = "Committee Room 2, Civic Centre"

#: Who may own an action of each theme (person keys); the theme lead comes first.
THEME_OWNERS: dict[str, tuple[str, ...]] = {
    "T1": ("frontdoor", "ad", "frontdoor"),
    "T2": ("safeguarding", "ad", "psw"),
    "T3": ("cic", "virtual", "nurse"),
    "T4": ("leaving", "virtual", "cic"),
    "T5": ("workforce", "psw", "ad"),
    "T6": ("qa", "performance", "psw"),
    "T7": ("dcs", "ad", "ceo", "secretariat"),
}
