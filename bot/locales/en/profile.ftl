# /profile, /mydata, /forget and their menu commands.

command-profile = My profile and requests
command-mydata = What data is stored about me
command-forget = Delete all my data

profile-title = Your profile
profile-role = Who you are: { $role }
profile-grade = Grade: { $grade }
profile-situations = Your situation: { $situations }
profile-region = Region: { $region }
profile-interests = Interests: { $interests }
profile-about = About you: { $about }
profile-quiz = Interest quiz: { $types }
profile-quiz-left-out = I leave out work that is mostly what you disliked in the quiz: { $items }. Take the quiz again if you change your mind.
profile-not-set = not given
profile-riasec-R = realistic
profile-riasec-I = investigative
profile-riasec-A = artistic
profile-riasec-S = social
profile-riasec-E = enterprising
profile-riasec-C = conventional
profile-requests-count = { $count ->
        [0] You have no open consultation requests.
        [one] You have { $count } open consultation request.
       *[other] You have { $count } open consultation requests.
    }
profile-hint = Use the buttons below to change your answers, language, notifications and mailing consent. What I store about you: /mydata; delete it all: /forget.
profile-edit = Change answers
profile-language = Language
profile-requests = My requests
profile-notifications-button = { $state ->
        [on] Notifications: on
       *[off] Notifications: off
    }
profile-mailing-button = { $state ->
        [on] Mailings: withdraw consent
       *[off] Mailings: give consent
    }
profile-notifications-set = { $state ->
        [on] Notifications are on: I will tell you when a centre specialist takes up your request and remind you of the events and courses you subscribed to (/subscriptions).
       *[off] Notifications are off: I will not write about your requests or the events in /subscriptions; your requests' state is shown in /profile. Reminders of a consultation booking still come while the booking exists.
    }
profile-mailing-set = { $state ->
        [on] Thank you! Your consent to mailings is recorded. From now on you will get the centre's mailings: news about courses, events and championships. You can withdraw it here with one tap.
       *[off] Your consent to mailings is withdrawn. No news or mailings; messages about your requests are not affected.
    }

mydata-caption = This is everything I store about you, as JSON. To delete it, send /forget.

forget-confirm =
    Delete all your data? I will erase your answers, consents, ratings of suggestions, consultation requests, subscriptions and reminders. This cannot be undone.
    Only anonymous rating counts remain; they cannot tell what you answered.
forget-yes = Delete all my data
forget-no = Cancel
forget-done = Done: all your data is deleted. If you want to start over, send /start.
forget-cancelled = All right, nothing is deleted.

## Changing one answer («Change answers»)
edit-which = What would you like to change? Your other answers stay as they are.
edit-role = Who you are
edit-grade = School grade
edit-situations = Your situation
edit-region = Region
edit-interests = Interests
edit-about = About you in your own words
edit-quiz = Take the interests quiz again
edit-start-over = Start over from scratch
edit-saved = Done, changed. Your answers are now:
edit-more = Change something else
edit-show-suggestions = Show my suggestions

## /mydata in words
mydata-title = What I store about you:
mydata-answers = • your answers: who you are, region, interests, about you — see and change them in /profile
mydata-quiz = • your answers in the interest quiz (take it again in /profile):
mydata-quiz-answer = — { $answer }: { $items }
mydata-quiz-item = “{ $item }”
mydata-line = • { $what }: { $count }
mydata-only-id = • only your Telegram ID — to ask for your consent
mydata-table-consents = consents
mydata-table-feedback = ratings of suggestions (“Useful”, “Not it”)
mydata-table-consultation_requests = call-back requests
mydata-table-bookings = consultation bookings
mydata-table-waitlist = places on a waiting list
mydata-table-subscriptions = subscriptions to events and courses
mydata-table-reminders = reminders
mydata-table-broadcast_deliveries = mailings you received
mydata-table-activity = marks of steps in the bot (no texts, for the centre's statistics)
mydata-table-unfinished_dialog = answers in an unfinished conversation
mydata-table-staff_grants = staff rights
mydata-table-broadcasts = mailings you sent
mydata-table-event_edits = events you created or changed
mydata-table-staff_grants_given = staff rights you granted
mydata-table-export_log = your statistics exports
mydata-table-catalogue_imports = catalogue files you imported or rolled back
