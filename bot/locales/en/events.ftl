# Events: /events, an event's card, questions about events, championship dates on a profession card.

command-events = Championships, open days, career tasters

## Kinds of events

events-kind-regional_stage = "Professionals" championship, regional stage
events-kind-qualifying_stage = "Professionals" championship, qualifying stage
events-kind-final_stage = "Professionals" championship, final
events-kind-abilympics = "Abilympics" championship
events-kind-master_of_year = "Master of the Year" contest
events-kind-open_day = open day
events-kind-taster_day = career taster day
events-kind-course = course starts
events-kind-taster = career taster

## The list

events-title-all = Coming up
events-title-champ = Championships and contests coming up
events-title-open = Open days
events-title-taster = Career tasters
events-title-course = Courses starting soon
events-heading-region = { $title } — { $region } and events for the whole country:
events-heading-courses = { $title } — { $region }:
events-heading-everywhere = { $title } in all regions:
events-days = { $first } – { $last }
events-place-online = online
events-place-nationwide = all of Russia
events-list-deadline = register by { $date }
events-hint = Press a number to open the card: time, place and how to take part.
events-no-region = I don't know your region, so I show events in all regions. To see what is near you and the courses starting, get to know me first — it takes a couple of minutes.
events-courses-need-region = I show the courses starting in your region, and I don't know it yet. Get to know me first — it takes a couple of minutes.
events-none = There are no such events in my catalogue right now. Have a look at other kinds or at all events.
events-list-illustrative = The dates are examples to get an idea: the organisers and centres will give the exact ones.
events-page = Page { $page } of { $pages }.

events-filter = { $name }
events-filter-chosen = ✓ { $name } (chosen)
events-filter-all = All
events-filter-champ = Championships
events-filter-open = Open days
events-filter-taster = Career tasters
events-filter-course = Courses starting
events-button-item = { $number }. { $title }

## An event's card

events-when-day = When: { $day }, from { $start } to { $end } ({ $zone }).
events-when-days = When: from { $start } to { $end } ({ $zone }).
events-zone-place = local time: { $place }, { $offset }
events-when-yours = Your time zone is different: it starts at { $time } your time ({ $offset }).
events-ongoing = It is on now.
events-deadline = Registration: until { $date } ({ $zone }).
events-deadline-closed = Registration closed on { $date }.
events-where-centre = Where: { $name }, { $address }.
events-where-region = Where: { $region }; the organisers will announce the exact place.
events-where-online = Where: online.
events-where-nationwide = Where: all over Russia — the organisers announce the city and venues.
events-competencies = Competencies: { $names }.
events-how-regional_stage = How to take part: colleges and schools put their participants forward — ask at yours. Anyone can come to cheer and watch the masters at work; the organisers publish the venues' schedule.
events-how-qualifying_stage = How to take part: the winners of the regional stages go through to it. The schedule by competency is published on the championship's website.
events-how-final_stage = How to take part: the winners of the qualifying stage go through to the final. The programme for guests is published on the championship's website.
events-how-abilympics = How to take part: a championship for people with disabilities — schoolchildren, students and adults. The organisers will tell you how to apply.
events-how-master_of_year = How to take part: a contest for college teachers and vocational training masters; the college applies.
events-how-open_day = How to get there: come to the centre at this time. Whether you need to sign up in advance is best checked with the centre.
events-how-taster_day = How to take part: sign up through your school or on your own, before registration closes.
events-link = Details and registration are on the organisers' website: { $link }
events-phone = Phone of «{ $name }»: { $phone }
events-illustrative = This is an example to get an idea: the dates in my catalogue are approximate, and the organisers publish the exact ones.
events-ended = This event is over. The events coming up are in /events.
events-button-profession = Profession: { $title }
events-button-back = « Back to the events

## A question about events

events-answer-abilympics = The next "Abilympics" championships
events-answer-professionals = The next stages of the "Professionals" championship
events-answer-master = The next "Master of the Year" contests
events-answer-championships = The next championships and contests
events-answer-open_days = The next open days
events-answer-tasters = The next career tasters
events-answer-any = Coming up
events-answer-none = There are no such events in my catalogue right now. All the events coming up are in /events.
events-answer-more = And { $count } more in the full list.
events-button-all = Show all

## Championship dates on a profession card

card-competencies-dated = Championship competencies and their next dates:
card-competency-next = • «{ $name }» ({ $championship }) — { $date }, { $place }
card-competency-undated = • «{ $name }» ({ $championship }) — no dates in my catalogue yet
events-button-stage = Championship { $date }, { $place }
