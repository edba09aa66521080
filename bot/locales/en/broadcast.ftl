# Staff broadcasts (/broadcast): the message, the recipients, the preview, progress, the report.

broadcast-compose =
    Send the message for the broadcast just as recipients should see it: text with formatting (bold, italics, links), or a photo or document with a caption.
    Up to { $text_limit } characters of text, up to { $caption_limit } of caption.
broadcast-abort = Cancel the broadcast
broadcast-aborted = All right, nothing is sent. To start again, send /broadcast.
broadcast-empty = The message is empty. Send text, a photo or a document.
broadcast-too-long = The text has { $count } characters; Telegram takes at most { $limit }. Please shorten it and send it again.
broadcast-caption-too-long = The caption has { $count } characters; Telegram takes at most { $limit }. Shorten the caption, or send the long text on its own, without the photo.
broadcast-unsupported = A message like this cannot be broadcast. Send text, a photo or a document.
broadcast-bad-formatting = Telegram would not accept this formatting. Remove it and send the message again.
broadcast-compose-waiting = Waiting for the message to broadcast: text, a photo or a document. Changed your mind? Press «Cancel the broadcast».

broadcast-button-question = Add a button under the message?
broadcast-button-link = A link button
broadcast-button-event = An event button
broadcast-button-none = No button
broadcast-ask-url = Send the address for the button, starting with https://
broadcast-bad-url = That does not look like a web address. Send all of it, starting with https://
broadcast-ask-label = What should the button say? For example: «Sign up». At most { $limit } characters.
broadcast-button-empty = The label is empty. Write a couple of words for the button.
broadcast-button-too-long = The label has { $count } characters; a button holds at most { $limit }. Please shorten it.
broadcast-ask-event = Write part of the event's title, for example «Abilympics» or «open day».
broadcast-no-events = No upcoming event matches. Try another word.
broadcast-pick-event = Which event should the button show?
broadcast-event-option = { $date } — { $title }
broadcast-event-label = About the event

broadcast-segment-title = Who should get it?
broadcast-segment-everyone = Everyone who agreed to receive mailings.
broadcast-segment-roles = Role: { $values }
broadcast-segment-regions = Region: { $values }
broadcast-segment-interests = Interests: { $values }
broadcast-segment-bookings = Only people who booked a consultation.
broadcast-segment-own-region = Your region: { $region }. Your broadcasts go to it only.
broadcast-segment-rule = Only people who agreed to mailings and have not blocked the bot get it. Each filter you choose narrows the list; within one filter, one match is enough.
broadcast-segment-count = Recipients now: { $count }
broadcast-filter-roles = Role
broadcast-filter-regions = Region
broadcast-filter-interests = Interests
broadcast-filter-bookings-on = Booked a consultation: yes
broadcast-filter-bookings-off = Booked a consultation: any
broadcast-filter-reset = Everyone (clear the filters)
broadcast-filter-done = Done
broadcast-show-preview = See the message
broadcast-pick-roles = Choose one or more roles. Chosen: { $values }
broadcast-pick-regions = Choose one or more regions (recipients there in brackets). Chosen: { $values }
broadcast-pick-interests = Choose one or more interests. Chosen: { $values }
broadcast-nothing-chosen = nothing yet
broadcast-no-regions = No recipient has a region yet.
broadcast-chosen = ✓ { $label } (chosen)
broadcast-region-option = { $name } ({ $count })

broadcast-preview-summary = This is how recipients will see the message — it is above. Recipients: { $count }.
broadcast-preview-free = Sending is free and takes about { $time }.
broadcast-preview-paid = Sending is paid and fast: about { $time }. It will cost about { $stars } Telegram Stars from the bot's balance.
broadcast-preview-paid-refused = Paid sending stays off: it would cost { $stars } Telegram Stars, over the limit of { $budget }. The broadcast goes out free: about { $time }.
broadcast-send = Send ({ $count })
broadcast-change-segment = Change the recipients
broadcast-nobody = Nobody who agreed to mailings fits these conditions. Change the filters.
broadcast-preview-failed = The message could not be shown: Telegram did not accept it. Send it again with /broadcast.
broadcast-started = Broadcast № { $id } started: { $count } recipients.

broadcast-progress-sending = Broadcast № { $id } is being sent.
broadcast-progress-paused = Broadcast № { $id } is paused. Press «Resume» to send it to the rest.
broadcast-progress-done = Broadcast № { $id } has been sent.
broadcast-progress-cancelled = Broadcast № { $id } was cancelled. Whoever got the message keeps it; the rest will not get it.
broadcast-progress-counts =
    Recipients: { $total }
    Sent: { $sent }
    Blocked the bot: { $blocked }
    Not delivered: { $failed }
    Left: { $remaining }
broadcast-progress-unknown = No answer from Telegram (may have arrived, not sent again): { $count }
broadcast-progress-skipped = Opted out of mailings before their turn: { $count }
broadcast-progress-cancelled-count = Not sent because of the cancellation: { $count }
broadcast-progress-eta = About { $time } left.
broadcast-progress-retry = Telegram refused some messages; they will be tried again a little later.
broadcast-progress-paid = Paid sending (up to { $rate } messages a second).
broadcast-time-seconds = { $seconds } s
broadcast-time-minutes = { $minutes } min
broadcast-time-hours = { $hours } h { $minutes } min
broadcast-pause = Pause
broadcast-resume = Resume
broadcast-cancel = Cancel the broadcast
broadcast-cancel-question = Cancel broadcast № { $id }? Whoever got the message keeps it. The rest will not get it.
broadcast-cancel-yes = Yes, cancel
broadcast-cancel-no = No, go on
broadcast-report-title = Broadcast № { $id }: the result
broadcast-report-cancelled-title = Broadcast № { $id }: the result (cancelled)
broadcast-report-blocked-note = Nothing more is sent to people who blocked the bot until they come back themselves.
broadcast-paused-answer = The broadcast is paused.
broadcast-resumed-answer = Resuming the broadcast.
broadcast-cancelled-answer = The broadcast is cancelled.
