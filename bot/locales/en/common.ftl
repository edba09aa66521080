# Common texts: greeting, consent, help, errors.

welcome =
    Hello! I am the career guidance bot of the centres of advanced vocational training (ЦОПП) and the «Professionalitet» colleges.
    I will help you find a profession and short courses that match your interests, tell you about championships and open days, remind you of them, and book you a consultation at a centre.
welcome-back = Welcome back! How can I help?
consent-request =
    To suggest professions for you, I need to keep your answers: role, region, interests. For that I need your consent to the processing of personal data under Russian Federal Law No. 152-FZ.
    Until you agree, I keep only your Telegram ID — to ask this question.
    You can withdraw consent and delete all your data at any time with /forget.
consent-accept = I agree
consent-decline = Not now
consent-read-policy = Read the policy
consent-thanks = Thank you! Your consent is recorded. Now let's get to know each other.
consent-already = Your consent is already recorded, thank you.
consent-declined =
    All right, I am not keeping anything about you. Without consent I can only answer general questions, for example: "what is a ЦОПП".
    If you change your mind, send /start.
consent-required = This needs your consent to the processing of personal data. Send /start to give it.

help =
    What I can do:
    /start — start or continue choosing a profession
    /book — book a consultation with a centre: in person, online or by phone
    /mybookings — your bookings: move, cancel, waitlist
    /events — championships, open days, career tasters and courses starting
    /subscriptions — your subscriptions and deadline reminders: unsubscribe with one tap
    /help — this hint
    /profile — your profile, settings and call-back requests
    /mydata — what data is stored about you
    /forget — delete all your data
    /language — change the language
    You can also just type a question in your own words, for example: "what is a career taster".
help-staff =
    For centre staff:
    /today and /week — bookings today and for 7 days, marking who came and who did not
    /requests — call-back requests and the waitlist
    /closeday — close a day (people booked get a message)
    /broadcast — a mailing to people who agreed to receive mailings
    /hours — a centre's working hours and booking rules
    /newevent — add a centre's event: an open day, a championship, taster days
    /editevent — change an event's dates, title or description
    /stats — statistics for 7 or 30 days or all time: new users, the funnel, interests, professions, bookings per centre, subscriptions and broadcasts, as text and charts
    /gaps — questions the catalogue had no good answer to, grouped by similarity
    /export — the catalogue (programmes, events, centres, professions) as an Excel file
    Send an .xlsx or .csv file (such as the /export workbook, edited) — I check it as the server does and import it after you confirm. Staff of a region change only their region's programmes and events.
    /imports — the log of catalogue imports: who, when, which file and what changed
    /rollback — roll back the latest import (or /rollback and a number from /imports)

language-choose = Choose a language:
language-set = Done, I speak English now.
language-written-en = It looks like you are writing in English. You can switch me to English: send /language and choose “English”.
language-written-ru = It looks like you are writing in Russian. You can switch me to Russian: send /language and choose “Русский”.

command-start = Choose a profession
command-help = What the bot can do
command-language = Change the language

unknown-command = I don't know the command { $command }. The list of commands is in /help.
not-text = I understand only text and buttons. Please write in words or tap /help.
too-long = The message is very long, I read only the first { $limit } characters.
free-text-hint = I didn't quite get that. Tap /start to choose a profession, or /help to see what I can do.
button-outdated = This button is outdated. Send /start to continue.
private-only = I work only in private messages. Write to me directly: tap my name and then "Send message".
throttled = You are writing very often. Wait a couple of seconds and I will answer.
error-unexpected = Sorry, something went wrong. We are looking into it. Please try again a bit later or send /start.

# strftime patterns for dates and times shown to people.
format-date = %d %b %Y
format-datetime = %d %b %Y, %H:%M
