# Subscriptions: "Remind me" on an event card, topics, /subscriptions and the reminders.

command-subscriptions = My subscriptions and reminders

## Topics

subscriptions-kind-professionals = the "Professionals" championship
subscriptions-kind-abilympics = the "Abilympics" championship
subscriptions-kind-master = the "Master of the Year" contest
subscriptions-kind-open_days = open days
subscriptions-kind-tasters = career taster days
subscriptions-topic-event = the event "{ $title }"
subscriptions-topic-competency = the competency "{ $title }"
subscriptions-topic-industry = the industry "{ $title }"
subscriptions-topic-programme = the start of the course "{ $title }"
subscriptions-topic-gone = something no longer in my catalogue

## Subscribed

subscriptions-button-remind = Remind me
subscriptions-event-done = Done! I will remind you of "{ $title }".
subscriptions-event-again = You are already subscribed to "{ $title }".
subscriptions-topic-done = Done, you are subscribed to { $title }.
subscriptions-topic-again = You are already subscribed to { $title }.
subscriptions-planned = The reminders will come:
subscriptions-planned-item = • { $when } — { $what }
subscriptions-before-deadline = { $days ->
        [1] a day before registration closes
       *[other] { $days } days before registration closes
    }
subscriptions-before-start = { $days ->
        [1] a day before it starts
       *[other] { $days } days before it starts
    }
subscriptions-before-course = { $days ->
        [1] a day before the course starts
       *[other] { $days } days before the course starts
    }
subscriptions-planned-zone = Times are yours ({ $offset }). I do not write between 22:00 and 9:00: what falls in the night comes in the morning.
subscriptions-planned-none-event = The event is very close, so there will be no more reminders. Everything you need is on the event's card.
subscriptions-planned-none-programme = My catalogue has no upcoming starts of this course, so there is nothing to remind you of yet. When new dates appear, I will remind you of them.
subscriptions-topic-events = What the catalogue already has on this topic (I will remind you of each event's dates):
subscriptions-event-line = • "{ $title }" — { $date }, { $place }
subscriptions-topic-more = …and { $count } more.
subscriptions-topic-no-events = My catalogue has no upcoming events on this topic right now.
subscriptions-topic-new = When a new event on this topic appears in the catalogue, I will tell you once and remind you of its dates.
subscriptions-muted = Notifications are off in /profile right now, so the reminders will not come. Turn them on there with the "Notifications" button.
subscriptions-offers = Would you like to hear about new events too? Tap a topic: I will tell you when a new event on it appears and remind you of its dates.
subscriptions-offer = { $title }
subscriptions-offer-chosen = ✓ { $title } (subscribed)
subscriptions-offer-course = "{ $title }", starts { $date }
subscriptions-button-undo = Cancel the subscription
subscriptions-button-list = My subscriptions

## /subscriptions

subscriptions-title = Your subscriptions:
subscriptions-item = { $number }. { $label }
subscriptions-item-detail = { $number }. { $label } — { $detail }
subscriptions-detail-over = already over
subscriptions-detail-starts = starts { $date }
subscriptions-detail-no-dates = no new dates yet
subscriptions-detail-topic = new events and their dates
subscriptions-how = I remind you before registration closes and before the start: of championships a week and a day before, of open days 3 days and a day before, of courses a week and a day before they start. I write only between 9:00 and 22:00 your time. To unsubscribe, tap the button with the number.
subscriptions-empty = You have no subscriptions yet. Open an event in /events and tap "Remind me": I will remind you of registration and the start. Or tap "Add a topic" to hear about new championships, open days and courses starting.
subscriptions-button-drop = Unsubscribe: { $number }. { $title }
subscriptions-button-add = Add a topic
subscriptions-dropped = Done, you are unsubscribed from { $title }. Your other subscriptions are in /subscriptions.
subscriptions-gone = This subscription no longer exists. All your subscriptions are in /subscriptions.
subscriptions-event-started = This event has already started, it is too late to remind you. Upcoming events are in /events.

## Add a topic

subscriptions-menu = What would you like to follow? When a new event on the topic appears in the catalogue — in your region or for the whole country — I will tell you once and remind you of its dates. You can follow a competency from an event's card: tap "Remind me" there.
subscriptions-menu-kinds = Which events interest you? Tap one to subscribe.
subscriptions-menu-industries = Which industry interests you? I will tell you about championships and open days linked to it.
subscriptions-menu-courses = Courses starting soon: { $region }. Tap a course and I will remind you a week and a day before it starts.
subscriptions-menu-courses-none = My catalogue has no courses starting soon in your region.
subscriptions-menu-courses-need-region = I show courses starting in your region, and I do not know your region yet. Set it in /profile with the "Change answers" button.
subscriptions-button-menu-kinds = Kinds of events
subscriptions-button-menu-industries = Industries
subscriptions-button-menu-courses = Courses starting in my region
subscriptions-button-back = « Back

## Reminders

subscriptions-in-days = { $days ->
        [0] today
        [1] tomorrow
       *[other] in { $days } days
    }
subscriptions-reminder-deadline = A reminder: registration for "{ $title }" closes { $when }.
subscriptions-reminder-start = A reminder: "{ $title }" starts { $when }.
subscriptions-reminder-new = A new event on your subscription ({ $topic }): "{ $title }".
subscriptions-reminder-course = A reminder: the course "{ $title }" starts { $when }, { $date }.
subscriptions-reminder-starts = Starts: { $time } your time ({ $offset }).
subscriptions-reminder-deadline-at = Registration: until { $time } your time ({ $offset }).
subscriptions-reminder-illustrative = The dates in my catalogue are illustrative: the organisers publish the exact ones, check them in advance.
subscriptions-reminder-why = This reminder came because you are subscribed to { $topics }. You can unsubscribe with the button below.
subscriptions-button-card = Open the event's card
subscriptions-button-programme = Open the course's card
subscriptions-button-stop = Unsubscribe: { $title }
