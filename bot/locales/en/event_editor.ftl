# /newevent and /editevent: staff create and edit events in the bot.

event-editor-which-kind = What kind of event would you like to add?
event-editor-which-centre = Where will it take place?
event-editor-no-centres = The catalogue has no centres in your region, so an event cannot be added here. Please write to the bot's admin.
event-editor-button-cancel = Cancel
event-editor-cancelled = All right, nothing is saved.
event-editor-text-only = Please send the form as text, in one message.
event-editor-nationwide = nationwide
event-editor-where = { $kind } · { $place }. Write the local time: { $offset }.
event-editor-form-new =
    Copy the form from the next message (in the Telegram app, with a tap), fill it in and send it back in one message.
    • Title — 5 to 120 characters.
    • Starts and Ends — DD.MM.YYYY HH:MM. For an event within one day the end can be a time alone: “Ends: 14:00”.
    • “Registration until” — no later than the start; “—” if there is no registration.
    • Competencies — names separated by commas, as the championship names them; the link — a website address with https://.
    • Description — what will happen and how to take part, several lines are fine, up to 1000 characters.
    Dates in the past will not do.
event-editor-form-edit =
    The next message is the event as it is now. Send the form back with your changes in one message: lines you leave out stay as they were.
    Dates are DD.MM.YYYY HH:MM; “Registration until” is no later than the start.

event-form-label-title = Title
event-form-label-starts_at = Starts
event-form-label-ends_at = Ends
event-form-label-registration_deadline = Registration until
event-form-label-audience = For whom
event-form-label-competencies = Competencies
event-form-label-link = Link
event-form-label-description = Description

event-form-problems = Not saved: the form has mistakes. Please correct them and send the form again.
event-form-problem-line = Line { $line } «{ $text }»: { $problem }
event-form-problem-value = «{ $text }»: { $problem }
event-form-missing-title = There is no “Title: …” line.
event-form-missing-starts_at = There is no “Starts: …” line with the start date and time.
event-form-missing-ends_at = There is no “Ends: …” line with the end date and time.
event-form-line-twice = this line is already in the form.
event-form-line-unknown = I did not understand this line. Start it with a field's name and a colon: “Title:”, “Starts:”, “Ends:”, “Registration until:”, “For whom:”, “Competencies:”, “Link:”, “Description:”.
event-form-title-short = the title is too short: at least 5 characters, please.
event-form-title-long = the title is too long: 120 characters at most.
event-form-date-format = I do not understand the date. Write DD.MM.YYYY HH:MM, such as 15.03.2027 10:00.
event-form-time-missing = the time is needed too: DD.MM.YYYY HH:MM, such as 15.03.2027 10:00.
event-form-audience-unknown = I do not know who this is. Possible: schoolchildren, adults, people 50+, people with disabilities, parents on childcare leave, people out of work.
event-form-competency-unknown = the catalogue has no such competency. Write its name as the championship does, such as «Сварочные технологии», or “—”.
event-form-link-bad = this does not look like a website address. A full address is needed, such as https://copp70.ru/events, or “—”.
event-form-description-long = the description is too long: 1000 characters at most.
event-form-start-past = this time has passed. The event must start in the future.
event-form-start-far = the start is more than three years ahead — please check the year.
event-form-end-before-start = the event ends before it starts.
event-form-too-long = the event lasts more than a year — please check the dates.
event-form-end-past = this time has passed.
event-form-deadline-after-start = registration closes after the event starts. It must close no later than the start.
event-form-deadline-past = this time has passed. Give a future date, or “—” if there is no registration.
event-form-nothing-changed = The form is the same as before — there is nothing to save.
event-form-rejected = Not saved: the catalogue with this event does not pass its check. Nothing has changed; please write to the bot's admin.
event-form-repeat = This event already exists: the same title, centre and start. To correct it, use /editevent.

event-editor-created = The event is added: «{ $title }».
event-editor-edited = The changes are saved: «{ $title }» — { $fields }.
event-editor-when = Starts: { $start } ({ $offset }), { $place }.
event-editor-listed = It is already in /events.
event-editor-listed-later = It will appear in /events within { $minutes } min.
event-editor-next-subscribers = What happens next: people who follow such events, its competencies or its industry in this region get one message from the bot about the new event — in the daytime, by their local time. On the event's card people can press “Remind me” to be reminded of the registration deadline and the start.
event-editor-next-broadcast = To announce it to everyone in the region who agreed to mailings, use /broadcast: choose “An event button” and find this event by its title.
event-editor-next-reminders = The event's subscribers will be reminded by the new dates.
event-editor-button-card = Open the card
event-editor-button-edit = Edit

event-editor-list-title = Which event would you like to change? These are the ones that have not ended yet.
event-editor-list-page = (page { $page } of { $pages })
event-editor-list-empty = There are no events you can change right now. To add one, use /newevent.
event-editor-button-back = « Back
event-editor-button-more = More »

event-editor-button-announce = Announce
event-editor-next-announce = “Announce” prepares a mailing about this event to everyone in the region who agreed to mailings: first you see the message and how many will get it, and it goes only once you confirm.
event-announce-when-day = When: { $day }, { $start } to { $end } local time ({ $offset })
event-announce-when-days = When: { $start } to { $end } local time ({ $offset })
event-announce-where = Where: { $name }, { $address }
event-announce-deadline = Registration until { $date }
event-announce-more = The details are on the event's card, on the button below. There you can press “Remind me” to be reminded of the registration deadline and the start.
