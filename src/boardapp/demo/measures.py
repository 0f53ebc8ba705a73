"""The success measure of each demo action, written for its title (``{n}`` and ``{m}`` are drawn per action).

A board reads the success measure beside the action: "Screen all contacts within one working day"
must be judged by screening times, not by some other figure of the same theme.
"""
from __future__ import annotations

TITLE_MEASURES: dict[str, str] = {
    # T1 The Front Door
    "Apply the revised threshold document consistently in the MASH":
        "Front door decisions in line with the threshold document at audit: {n}%",
    "Screen all contacts within one working day": "Contacts screened within 1 working day: {n}%",
    "Embed daily multi-agency triage meetings": "Triage meetings held with police, health and education present: {n}%",
    "Integrate the emergency duty team into strategy discussions":
        "Out-of-hours strategy discussions with police and health present: {n}%",
    "Record the rationale for every contact decision": "Contact decisions with the rationale recorded: {n}%",
    "Reduce re-referrals through better step-down to early help": "Re-referrals within 12 months below {m}%",
    "Capture the voice of the child at the point of contact": "Contacts with the child's view recorded: {n}%",
    "Review consent practice for information sharing": "Contacts with consent recorded or overridden with reasons: {n}%",
    "Introduce a duty manager oversight checklist": "Duty decisions with a manager's oversight recorded the same day: {n}%",
    "Audit 25 front door decisions every month": "25 front door decisions audited a month; {n}% judged good or better",
    "Strengthen the out-of-hours police and health rota": "Out-of-hours shifts with police and health cover: {n}%",
    "Launch a professional consultation line for partners":
        "Partners rating the consultation line useful in the survey: {n}%",
    # T2 Help and Protection
    "Make child protection plans specific, measurable and time-bound": "Plans judged SMART at audit: {n}%",
    "Complete assessments within 45 working days": "Assessments completed within 45 working days: {n}%",
    "Hold initial child protection conferences within 15 working days":
        "Initial conferences within 15 working days of the strategy discussion: {n}%",
    "Strengthen core group reviews of progress against the plan": "Core groups held within 10 working days: {n}%",
    "Visit children on a child protection plan within timescale": "Child protection visits within timescale: {n}%",
    "Introduce reflective supervision that challenges drift": "Supervision records showing challenge to drift: {n}%",
    "Review every child in need case open longer than 12 months":
        "Children in need open over 12 months reviewed by a manager: {n}%",
    "Embed the Signs of Safety practice model": "Cases with a Signs of Safety danger statement at audit: {n}%",
    "Track children subject to a plan for a second or subsequent time":
        "Repeat child protection plans below {m}% of new plans",
    "Improve pre-proceedings work under the Public Law Outline":
        "Pre-proceedings cases concluded within 16 weeks: {n}%",
    "Reduce the number of plans lasting more than two years": "Plans lasting over two years below {m} children",
    "Use chronologies in every child protection case": "Child protection cases with an up-to-date chronology: {n}%",
    # T3 Children in Care
    "Consider permanence for every child by the second review": "Children with a permanence plan by the second review: {n}%",
    "Increase the number of local foster carers": "{m} new fostering households approved this year",
    "Complete life-story work for children in long-term care":
        "Children in long-term care with life-story work completed: {n}%",
    "Reduce changes of social worker for children in care":
        "Children in care with one social worker over the year: {n}%",
    "Improve the quality of personal education plans": "Personal education plans judged good at audit: {n}%",
    "Place sibling groups together wherever it is right for them": "Sibling groups placed together: {n}%",
    "Open two in-house children's homes": "Two homes registered with Ofsted; {m} children placed in them",
    "Strengthen the independent reviewing officer escalation process":
        "IRO escalations resolved within 20 working days: {n}%",
    "Complete initial health assessments within 20 working days":
        "Initial health assessments within 20 working days: {n}%",
    "Match children to long-term carers within six months": "Children matched within six months of the plan: {n}%",
    "Improve placement stability for children aged 11 to 15":
        "Children aged 11 to 15 with three or more moves in a year below {m}%",
    "Launch the children in care council's pledge": "Children in care who know the pledge in the annual survey: {n}%",
    # T4 Care Leavers
    "Co-produce pathway plans with every care leaver": "Pathway plans written with the young person: {n}%",
    "Increase care leavers in education, employment or training":
        "Care leavers aged 19 to 21 in education, employment or training: {n}%",
    "Offer every care leaver their health history": "Care leavers given their health history by 18: {n}%",
    "Publish a clear local offer for care leavers": "Care leavers who know the local offer in the survey: {n}%",
    "Provide suitable accommodation for every care leaver": "Care leavers in suitable accommodation: {n}%",
    "Create apprenticeships for care leavers in the council": "{m} council apprenticeships taken up by care leavers",
    "Review pathway plans when circumstances change":
        "Pathway plans reviewed within 10 days of a change of circumstances: {n}%",
    "Support care leavers aged 21 to 25": "Care leavers aged 21 to 25 in touch with a personal adviser: {n}%",
    "Extend staying-put arrangements": "Eligible young people staying put at 18: {n}%",
    "Reduce caseloads of personal advisers": "Average personal adviser caseload below {m}",
    # T5 Workforce
    "Reduce average caseload to 18": "Average caseload in assessment and child protection teams: 18 or fewer",
    "Convert agency social workers to permanent posts": "Agency social workers below {m}% of posts",
    "Launch the social work academy for newly qualified staff":
        "Newly qualified social workers completing the assessed year: {n}%",
    "Introduce a market supplement for hard-to-fill teams": "Vacancies in hard-to-fill teams below {m}%",
    "Run an international recruitment cohort": "{m} international social workers in post and retained a year",
    "Deliver a manager development programme": "Team managers completing the programme: {n}%",
    "Reduce sickness absence in frontline teams": "Days lost to sickness per frontline worker below {m} a year",
    "Publish a career progression framework": "Social workers with a progression plan agreed in supervision: {n}%",
    "Hold exit interviews for every leaving social worker": "Leavers with an exit interview: {n}%",
    "Improve the induction programme": "New starters rating their induction good or better: {n}%",
    "Offer protected learning time every month": "Social workers taking their protected learning day: {n}%",
    # T6 Quality Assurance and Practice
    "Audit 40 CP plans a month": "40 child protection plans audited a month; {n}% judged good or better",
    "Introduce a practice quality assurance framework":
        "Audits completed to the framework's timescales: {n}%",
    "Moderate audit grades across teams": "Audit grades unchanged at moderation: {n}%",
    "Hold quarterly practice weeks": "Managers and leaders taking part in each practice week: {n}%",
    "Feed audit learning back into training": "Training sessions updated from audit findings within a quarter: {n}%",
    "Publish a monthly performance scorecard": "Scorecard published by the 10th working day: {n}% of months",
    "Introduce team-level data dashboards": "Team dashboards used in supervision sessions: {n}%",
    "Gather feedback from children and families after every audit":
        "Audits with feedback from the child or family: {n}%",
    "Run thematic audits on repeat referrals": "Thematic audit recommendations completed within six months: {n}%",
    "Embed the practice standards": "Cases meeting the practice standards at audit: {n}%",
    # T7 Leadership, Governance and Partnerships
    "Report progress to the improvement board monthly": "Board papers issued 5 working days ahead: {n}%",
    "Strengthen scrutiny by the children's services committee":
        "Committee recommendations with a response within two months: {n}%",
    "Agree a partnership escalation protocol": "Escalations resolved at the first stage of the protocol: {n}%",
    "Refresh the self-assessment before each monitoring visit":
        "Self-assessment refreshed and shared with Ofsted before every visit",
    "Align the budget with the improvement plan": "Improvement actions with an agreed budget line: {n}%",
    "Hold quarterly leadership visits to frontline teams": "Frontline teams visited by a senior leader each quarter: {n}%",
    "Strengthen corporate parenting board oversight": "Corporate parenting board actions completed on time: {n}%",
    "Publish the improvement plan and progress on the council website":
        "Progress published within a month of each board meeting",
    "Commission a peer review ahead of re-inspection": "Peer review recommendations with an agreed action: {n}%",
    "Sustain the improvement specialist's learning after grant end":
        "Practice leads trained to carry on the specialist's methods: {m}",
}
