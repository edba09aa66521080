# Suggested professions and programmes, cards, feedback, questions in your own words.

## Suggestions

rec-intro-school = Here are professions that may suit you. At the end of the list are career tasters: there you can try a profession with your own hands.
rec-intro-adult = Here are professions and short training programmes that may suit you.
rec-page = Page { $page } of { $pages }.
rec-why = Why: { $reason }
rec-kind-profession = profession
rec-kind-specialty = specialty
rec-kind-programme = training programme
rec-kind-taster = career taster
rec-start = from { $date }
rec-no-date = ask the centre for dates
rec-free = free
rec-price = { $price } RUB
rec-price-or-free = { $price } RUB, free places available
rec-profile-empty = I know too little about your interests yet to suggest professions. Tell me about yourself: tap "Start over" or just write what you like doing.
rec-nothing = I found nothing for your answers. Try writing in your own words what you like, or start over.
rec-no-region = To show courses and career tasters near you, tell me your region: tap "Start over".
rec-no-centres = My catalogue has no centres in { $region } yet, so I show professions only. You can ask about courses near you at a consultation.
rec-eligibility = You may be able to study for free under the "Employment Assistance" (Содействие занятости) project: { $reasons }. A centre will tell you for sure at a consultation.
rec-eligibility-unemployed = you are out of work
rec-eligibility-pre_pension = you are 50 or older or close to retirement
rec-eligibility-childcare_leave = you are on childcare leave or have children under 7
rec-eligibility-disability = you have a disability

rec-button-details = { $number }. { $title }
rec-button-up = 👍 Useful
rec-button-down = 👎 Not it
rec-button-more = More »
rec-button-back = « Back
rec-button-similar = Similar
rec-button-unfit = Not for me
rec-button-consult = I want a consultation
rec-button-list = Back to the list
rec-button-back-to-item = « Back to the card
rec-button-restart = Start over
rec-button-programme = Course: { $title }

rec-voted-up = Thank you! I marked "{ $title }" as useful.
rec-voted-down = Got it, I won't suggest "{ $title }" again.

## "Not for me"

rec-unfit-ask = All right, I won't show "{ $title }" again. Why doesn't it suit you? It helps me suggest better. You can skip this.
rec-unfit-boring = Not interesting
rec-unfit-physical = Too hard physically
rec-unfit-far = Too far to study
rec-unfit-other = Something else
rec-unfit-skip = Skip
rec-unfit-thanks = Thank you, noted.

## Programmes in other regions

rec-button-elsewhere = Programmes in other regions
rec-button-back-to-card = « Back to the profession
rec-elsewhere-intro = Programmes for "{ $title }" in other regions:
rec-elsewhere-online = Online programmes come first: you can study on them without travelling. Ask the centre whether you can enrol from your region.
rec-elsewhere-none = My catalogue has no programmes for "{ $title }" in other regions right now.

## Similar

rec-similar-intro = Similar to "{ $title }":
rec-similar-none = I found nothing else similar to "{ $title }".

## Profession card

card-profession-kind = { $level ->
    [specialty] SPO specialty
   *[profession] SPO profession
} { $code }: { $name }
card-what = What the work is
card-in-russian = (This description is only in Russian for now.)
card-conditions = Working conditions: { $conditions }.
card-suits = May suit: { $suits }.
card-suits-none = The work needs good health: mobility, hearing and sight. If you have limitations, discuss them at a consultation.
card-duration = How long college takes: { $routes }.
card-duration-after-9 = after grade 9 — { $months ->
    [one] { $months } month
   *[other] { $months } months
}
card-duration-after-11 = after grade 11 — { $months ->
    [one] { $months } month
   *[other] { $months } months
}
card-where = Where to study in { $region }:
card-where-none = My catalogue has no training centres in { $region } yet. Press “{ rec-button-consult }”: you can book an online or phone consultation with a centre in another region, or ask for a call back.
card-centre-line = • { $name } — { $address }, phone { $phone }
card-centre-line-no-phone = • { $name } — { $address }
card-no-region = Set your region in your profile and I will show where to study near you.
card-programmes = Courses and career tasters nearby:
card-programmes-none = My catalogue has no courses for this profession in your region yet.
card-programmes-elsewhere = { $count ->
    [one] There is { $count } programme in other regions.
   *[other] There are { $count } programmes in other regions.
}
card-option-line = • { $title } — { $when }, { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
}, { $format }, { $price }, { $document }
card-competencies = Championship competencies: { $names }.
card-championship-professionals = "Professionals"
card-championship-abilympics = "Abilympics"

cond-posture-sitting = seated work
cond-posture-standing = standing work, on your feet
cond-posture-mixed = sometimes sitting, sometimes standing
cond-place-indoor = indoors
cond-place-outdoor = outdoors
cond-place-mixed = both indoors and outdoors
cond-load-low = light physical load
cond-load-medium = moderate physical load
cond-load-high = heavy physical load
cond-shifts = shift work, night shifts happen
cond-risks = risks: { $risks }
suits-limited_mobility = people with limited mobility
suits-hearing_impaired = people with hearing loss
suits-visually_impaired = people with low vision
suits-remote_friendly = remote work is possible

## Programme card

card-programme-kind-vocational_training = Vocational training
card-programme-kind-upskilling = Upskilling
card-programme-kind-retraining = Professional retraining
card-programme-kind-taster = Career taster
card-dates = Next starts: { $dates }.
card-dates-none = Ask the centre for the next start dates.
card-hours = Length: { $hours ->
    [one] { $hours } hour
   *[other] { $hours } hours
}, { $schedule }.
card-format = Format: { $format }.
card-price-free = Price: free ({ $funding }).
card-price-paid = Price: { $price } RUB.
card-price-mixed = Price: { $price } RUB, but you may study for free ({ $funding }).
card-document = Certificate: { $document }.
card-audience = For: { $audience }.
card-min-grade = From grade { $grade }.
card-requirements = Requirements: { $requirements }
card-centre = Where: { $name }, { $address }, phone { $phone }
card-centre-no-phone = Where: { $name }, { $address }
card-professions = Professions: { $names }.
card-illustrative = The schedule and prices are approximate; the centre will tell you the exact terms.

format-in_person = in person
format-online = online
format-blended = partly online, partly in person
funding-paid = paid
funding-employment_support = under the "Employment Assistance" project
funding-regional_budget = paid by the region
funding-free = free for participants
audience-school = schoolchildren
audience-adults = adults
audience-seniors = people 50+ and close to retirement
audience-disabled = people with disabilities
audience-parents_on_leave = parents on childcare leave
audience-unemployed = people out of work

## Why it was suggested

reason-interests = you picked: { $interests }
reason-own-words = you wrote: { $words }
reason-matched = matched: { $words }
reason-like = similar to "{ $title }"
reason-riasec = fits your interests: { $types }
reason-type-R = hands-on work
reason-type-I = research
reason-type-A = creative work
reason-type-S = helping people
reason-type-E = leading and business
reason-type-C = order and precision
reason-close-to-query = close to your request
reason-facet-funding-employment_support = free under "Employment Assistance"
reason-facet-funding-regional_budget = free, paid by the region
reason-facet-free-yes = free
reason-facet-audience-seniors = for people 50+
reason-facet-audience-disabled = for people with disabilities
reason-facet-audience-parents_on_leave = for parents on leave
reason-facet-audience-unemployed = for people out of work
reason-facet-format-online = online
reason-facet-posture-sitting = seated work
reason-facet-load-low = light load
reason-facet-suits-limited_mobility = suits limited mobility
reason-facet-suits-hearing_impaired = suits hearing loss
reason-facet-suits-visually_impaired = suits low vision
reason-facet-suits-remote_friendly = can work from home

## Questions in your own words

ask-results = Here is what I found for your request. Tap a title to learn more.
ask-clarify = I didn't quite get what you are looking for. Let's narrow it down: pick what is closer to you, or take a short introduction and I will suggest professions from your answers. You can also ask a person.
ask-clarify-no-consent = I didn't quite get the question. Without consent to data processing I answer only general questions, for example: "what is a COPP" or "how much does training cost". To choose a profession, send /start.
ask-consent = To suggest professions and courses for you, I need your consent to data processing — send /start. Without it I answer only general questions, for example: "what is a COPP".
ask-button-onboarding = Introduce myself
ask-button-restart = Choose again
ask-unsure = That's fine — many people don't know yet. Let's find out together: pick what appeals to you, or take a short interests quiz and I will suggest professions from your answers. You can also talk to a specialist at a centre.
ask-button-quiz = Take the interests quiz
ask-nothing-free = My catalogue has no free courses for your interests right now — neither in your region nor online. Pick another topic below, or ask a specialist at a centre whether you can study for free.
ask-nothing-online = My catalogue has no online courses for your interests right now. Pick another topic below, or ask a specialist at a centre.
ask-button-list = My suggestions
rec-events-nearby = Coming up in your region, where you can come and see trades for yourself:
rec-event-line = • { $date } — { $title }
rec-button-event = Details: { $title }

## A question about the programme card just opened
card-answer-about = About “{ $title }”:
card-answer-open = Open the card
card-answer-employment-support = Under the «Содействие занятости» project, training is usually free for people out of work, people aged 50 and over and those close to retirement, parents on childcare leave or with children under 7, and people with disabilities.
card-answer-otherwise-paid = If you are working and none of this applies to you, it will most likely not be free: the training then costs { $price } ₽.
card-answer-free-for-audience = This course is free for everyone it is meant for: { $audience }.
card-answer-no-free-places = My catalogue has no free places for this course.
card-answer-ask-centre = The centre will tell you for sure.
card-answer-access = My catalogue has no information about access to the building of “{ $centre }”: ramps, lifts, wide doors. Please call { $phone } — they will tell you how to get in and how they can help.
card-answer-access-no-phone = My catalogue has no information about access to the building of “{ $centre }”: ramps, lifts, wide doors. Please check with the centre — its address is below.
card-answer-access-unknown = My catalogue has no information about access to the building. Please check with the centre where the course is held.
