# Booking a consultation: centre, format, day and time; my bookings; the waitlist;
# reminders; the staff desk (/today, /week, /requests, /closeday).

command-book = Book a consultation
command-mybookings = My bookings and waitlist

booking-topic-general = A consultation on choosing a profession and training
booking-choose-centre = Where would you like your consultation? Centres of your region come first, then centres that consult online or by phone.
booking-choose-centre-no-region = Choose a centre. If your city is not on the list, press “Another city”.
booking-centre-option = { $name } ({ $city })
booking-centre-remote = { $name }: { $formats }
booking-other-city = Another city
booking-request-call = Ask for a call back
booking-type-city = Type a city or region, for example “Tver” or “Tomsk Oblast”.
booking-city-not-found = I found no centre there. Try writing the city differently, for example “Tomsk”, or choose a centre that consults online: /book.
booking-centre-title = { $name }
booking-centre-address = Address: { $address }
booking-centre-phone = Phone: { $phone }
booking-centre-email = Email: { $email }
booking-centre-hours = Opening hours: { $hours }
booking-centre-hours-day = { $weekday } { $opens }–{ $closes }
booking-centre-illustrative = These hours and booking rules are a sample for trying the bot. Please check them with the centre before you go.
booking-centre-no-slots = This centre does not take bookings through the bot yet. Ask for a call back, and a specialist will contact you to agree on a time.
booking-choose-format = How would you like to talk?
booking-format-in_person = In person, at the centre
booking-format-online = Online, by video call
booking-format-phone = By phone
booking-other-centre = Another centre
booking-other-format = Another format
booking-other-day = Another day
booking-no-days =
    There is no free time at “{ $centre }” in the next { $days ->
        [one] { $days } day
       *[other] { $days } days
    }.
    You can join the waitlist: as soon as a time frees up, I will offer it to you. Or ask for a call back.
booking-no-days-short = There is no free time in the coming days. Try another format or another centre: /book.
booking-choose-day = { $centre }, { $format }. Choose a day: the calendar shows only days with free time.
booking-month-title = { $month } { $year }
booking-month-previous = ‹ Earlier
booking-month-next = Later ›
booking-day-gone = There is no free time left on this day. Please choose another day.
booking-times = { $day }. Free times, in the centre's local time ({ $city }, { $offset }):
booking-times-yours = Your time zone is different ({ $offset }): for example, { $centre_time } in { $city } is { $your_time } for you.
booking-slot-taken = Someone has just taken this time. Here are the nearest free ones:
booking-slot-taken-none = Someone has just taken this time, and there is no other free time in the coming days.
booking-user-busy = You already have a booking at this time. Choose another time or see your bookings: /mybookings.
booking-limit = You already have { $limit ->
        [one] { $limit } booking
       *[other] { $limit } bookings
    } at this centre, which is the most at once. You can see, move or cancel them in /mybookings.
booking-ask-phone =
    { $when }
    I will hold this time for you for { $minutes ->
        [one] { $minutes } minute
       *[other] { $minutes } minutes
    }.
    Would you like to leave a phone number? It makes it easier for the centre to reach you. Press “Share my number”, type a number (for example, +7 912 345-67-89), or continue without a phone.
booking-phone-needed = A consultation by phone needs your number: the specialist will call it. Press “Share my number” or type the number. If you would rather not leave it, choose online or a meeting at the centre: /book.
booking-phone-invalid = That does not look like a phone number. Please type it like this: +7 912 345-67-89 or 8 912 345 67 89. Or press a button below.
booking-phone-noted = All right.
booking-no-phone = not given; the centre will write in Telegram
booking-quit = Don't book
booking-quit-done = All right, no booking; the time is free again. To book again, send /book.
booking-summary-title = Please check your booking:
booking-summary-centre = Centre: { $centre }
booking-summary-format = Format: { $format }
booking-summary-topic = Topic: { $topic }
booking-summary-phone = Phone: { $phone }
booking-summary-held = Press “Confirm booking” while the time is held for you ({ $minutes } min).
booking-confirm = Confirm booking
booking-pick-other-time = Choose another time
booking-press-confirm = Please press “Confirm booking” under the booking message, or “Don't book”.
booking-when = When: { $day }, { $time } centre time ({ $offset }).
booking-when-yours = For you that is { $day }, { $time } ({ $offset }).
booking-day = { $weekday }, { $day } { $month }
booking-confirmed = Done, you are booked. Your booking number is { $id }.
booking-rescheduled = Done, booking no. { $id } is at the new time. The old time has been freed.
booking-online-note = The centre's specialist will send you the video call link before the meeting.
booking-phone-call-note = The centre's specialist will call you at this time.
booking-confirmed-next = I will remind you a day and 2 hours before. You can move or cancel the booking in /mybookings up to { $cutoff } h before it starts.
booking-ics-caption = A calendar file: open it to add the meeting to your phone's calendar.
booking-slot-past = This time has already passed. Please choose another: /book.
booking-hold-lost = The time was held for you too long, and someone else has taken it. Please choose another time: /book.
booking-already-confirmed = This booking is already confirmed. Your bookings are in /mybookings.
booking-not-found = No such booking. Your bookings are in /mybookings.
booking-centre-unknown = This centre is no longer in the catalogue. Please choose a centre again: /book.
booking-already-cancelled = This booking is already cancelled.
booking-too-late-to-change = The meeting is too close to move or cancel it in the bot. Please call the centre.
booking-mine-empty = You have no upcoming bookings. To book a consultation: /book.
booking-mine-title = Your bookings:
booking-mine-item =
    No. { $id }. { $centre }, { $format }
    { $when }
    Topic: { $topic }
booking-mine-waitlist = Waitlist:
booking-mine-waitlist-item = • { $centre }: { $topic }
booking-move-button = Move no. { $id }
booking-cancel-button = Cancel no. { $id }
booking-cancel-question =
    Cancel your booking at “{ $centre }”?
    { $when }
booking-cancel-yes = Yes, cancel
booking-cancel-no = No, keep it
booking-cancelled =
    Booking no. { $id } is cancelled.
    { $when }
    To book again, send /book.
booking-reschedule-pick =
    Now: { $when }
    Choose a new day. You keep the old time until you confirm the new one.
booking-will-come = I will come
booking-will-come-thanks = Thank you! We look forward to seeing you.
booking-reminder-24h = A reminder: you have a consultation tomorrow.
booking-reminder-2h = A reminder: you have a consultation in 2 hours.
booking-waitlist-join = Join the waitlist
booking-waitlist-joined = You are on the waitlist of “{ $centre }”. As soon as a time frees up, I will offer it to you and hold it for { $hours } h. You can leave the waitlist in /mybookings.
booking-waitlist-already = You are already on the waitlist of “{ $centre }”. As soon as a time frees up, I will offer it to you.
booking-waitlist-leave = Leave the waitlist
booking-waitlist-left = You have left the waitlist.
booking-waitlist-gone = You are no longer on this waitlist.
booking-offer = A time has freed up at “{ $centre }”, and it is held for you for { $hours } h. Please confirm if it suits you.
booking-offer-decline = It doesn't suit me
booking-offer-declined = All right, I am giving the time to others. You stay on the waitlist.
booking-day-closed = Unfortunately, “{ $centre }” cannot see you on this day, so your booking is cancelled. Please choose another time.
booking-weekday-1 = Mon
booking-weekday-2 = Tue
booking-weekday-3 = Wed
booking-weekday-4 = Thu
booking-weekday-5 = Fri
booking-weekday-6 = Sat
booking-weekday-7 = Sun
booking-month-1 = January
booking-month-2 = February
booking-month-3 = March
booking-month-4 = April
booking-month-5 = May
booking-month-6 = June
booking-month-7 = July
booking-month-8 = August
booking-month-9 = September
booking-month-10 = October
booking-month-11 = November
booking-month-12 = December
booking-month-of-1 = January
booking-month-of-2 = February
booking-month-of-3 = March
booking-month-of-4 = April
booking-month-of-5 = May
booking-month-of-6 = June
booking-month-of-7 = July
booking-month-of-8 = August
booking-month-of-9 = September
booking-month-of-10 = October
booking-month-of-11 = November
booking-month-of-12 = December

# The staff desk.
staff-only = This command is for centre staff only.
desk-new-booking = New booking: { $centre }
desk-cancelled-by-user = Booking cancelled by the user: { $centre }
desk-cancelled-by-staff = Booking cancelled by the centre: { $centre }
desk-rescheduled = Booking moved: { $centre }. Was: { $old }
desk-booking-line = No. { $id }. { $when } { $seat }
desk-user = User: id { $user_id }
desk-user-short = id { $user_id }
desk-today-empty = No bookings today.
desk-week-empty = No bookings in the next 7 days.
desk-today-title = Bookings today: { $count }
desk-week-title = Bookings in the next 7 days: { $count }
desk-seat-heading = { $centre } — { $seat }
desk-status-booked = booked
desk-status-will-come = confirmed they will come
desk-status-attended = attended
desk-status-no_show = did not come
desk-attended = Attended: no. { $id }
desk-no-show = Did not come: no. { $id }
desk-marked-attended = Booking no. { $id }: marked as attended.
desk-marked-no_show = Booking no. { $id }: marked as not attended.
desk-not-started-yet = The meeting has not started yet; attendance can be marked once it begins.
desk-booking-cancelled = This booking is cancelled; there is nothing to mark.
desk-queue-empty = No open call-back requests and nobody on the waitlist.
desk-queue-title = Waiting for an answer (oldest first):
desk-requests-heading = Call-back requests: { $count }
desk-request-line = • No. { $id } of { $date }, { $centre }: { $topic } (id { $user_id }, phone: { $phone })
desk-waitlist-heading = Waitlist: { $count }
desk-waitlist-line = • No. { $id } of { $date }, { $centre }, { $format }: { $topic } (id { $user_id }) — { $status }
desk-waitlist-waiting = waiting
desk-waitlist-offered = a time was offered
desk-take-request = Take request no. { $id }
desk-take-waitlist = Take waitlist no. { $id }
desk-waitlist-taken = Waitlist no. { $id } is yours. Contact user id { $user_id } and agree on a time.
desk-entry-gone = There is no such waitlist entry.
desk-entry-taken = Another staff member has already taken this waitlist entry, or the user left the waitlist.
desk-close-which-centre = Which centre cannot receive people that day?
desk-close-which-day = { $centre }: which day should be closed?
desk-close-question = Close { $day } at “{ $centre }”? Bookings that day: { $count }. I will tell each of them that the booking is cancelled and offer to choose another time.
desk-close-confirm = Yes, close the day
desk-closed = { $day } at “{ $centre }” is closed. Bookings cancelled: { $count }; told: { $notified }.
desk-closed-again = { $day } at “{ $centre }” was already closed. Bookings cancelled now: { $count }; told: { $notified }.
desk-day-past = This day has already passed.

# Staff and a user writing to each other through the bot.
desk-write-button = Write to user no. { $id }
desk-about-booking = about booking no. { $id }
desk-about-request = about request no. { $id }
desk-about-waitlist = about the waitlist
desk-centre-unnamed = The centre
desk-from-centre = { $centre } writes to you { $about }:
desk-answer-button = Reply
desk-from-user = Reply from user id { $user_id } { $about } ({ $centre }):
desk-write-prompt = Type in one message what to pass on to user id { $user_id } { $about }. They get it from the centre and can reply. Changed your mind? Send /start.
desk-write-start-private = To write to a user, first open a private chat with the bot and send /start, then press the button again.
desk-write-sent = Sent. The user's reply will come to the staff chat.
desk-write-not-delivered = Not delivered: the user blocked the bot or deleted the account.
desk-write-text-only = Only text can be passed on. Please write the message in words.
desk-subject-gone = This booking or request no longer exists.
desk-message-empty = The message is empty. Please write some text.
desk-message-too-long = The message is longer than { $limit } characters ({ $count }). Please shorten it.
booking-answer-prompt = Type your reply in one message, and I will pass it on to the centre's specialists.
booking-answer-sent = I have passed your reply on to the centre.
booking-answer-text-only = Only text can be passed on to the centre. Please write it in words.

# Working hours and booking rules staff set in the bot (/hours).
hours-which-centre = Which centre's hours and booking rules do you want to change?
hours-current =
    { $centre }: this is how it is now.

    { $schedule }

    Send the new schedule in one message in the same form; you can copy the text above and edit it. Days missing from the message become days off; if you send only rules, the hours stay as they are. Bookings already made do not change. Changed your mind? Send /start.
hours-saved =
    Saved: { $centre }. New bookings follow this schedule; bookings already made stay as they were.

    { $schedule }
hours-line-day = { $day } { $opens }-{ $closes }
hours-line-break = , break { $start }-{ $end }
hours-line-off = { $day } closed
hours-line-duration = duration { $minutes }
hours-line-buffer = buffer { $minutes }
hours-line-notice = notice { $hours } h
hours-line-horizon = ahead { $days } days
hours-line-cutoff = cancel { $hours } h
hours-line-places = places { $places }
hours-problems = Not saved: the schedule has mistakes. Please fix them and send the whole schedule again.
hours-problem-line = Line { $line } “{ $text }”: { $problem }
hours-line-unknown = I did not understand this line. Start it with a weekday (Mon, Tue, …) or a rule word (duration, buffer, notice, ahead, cancel, places).
hours-bad-time = I did not understand the time. Write it like this: Mon 09:00-18:00, break 13:00-14:00, or “closed”.
hours-closes-before-opens = the closing time is before the opening time.
hours-break-outside = the break must be within working hours.
hours-day-twice = this day is already given above.
hours-rule-no-number = the rule has no number.
hours-no-open-day = Every day is closed, so nobody could book. Please give at least one working day.
hours-rule-out-of-range = Not saved: a rule's value is out of range. Duration 10 to 240 minutes, buffer up to 120 minutes, notice up to 168 h, ahead 1 to 60 days, cancel up to 72 h, places 1 to 50.
hours-no-booking = This centre takes no bookings through the bot, so there is nothing to change.
