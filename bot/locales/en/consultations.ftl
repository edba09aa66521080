# Consultation requests: the user's dialog, the staff card, withdrawing a request.

consultation-topic-default = Consultation: { $title }
consultation-confirm-topic =
    Request topic: “{ $topic }”.
    Is that right? If you want to ask about something else, tap “Change topic”.
consultation-confirm = Confirm
consultation-change-topic = Change topic
consultation-cancel = Cancel
consultation-type-topic =
    In one message, write what you would like to ask the centre's specialist (up to { $limit ->
        [one] { $limit } character
       *[other] { $limit } characters
    }).
    For example: “I want to retrain as a welder — is this course right for me?”
consultation-topic-too-long =
    That is a bit long. Please keep it within { $limit ->
        [one] { $limit } character
       *[other] { $limit } characters
    } — you can tell the specialist the details when you talk.
consultation-topic-empty = The topic is empty. Please write what you would like to ask.
consultation-press-topic-button = Please tap a button under the message with the topic: “Confirm”, “Change topic” or “Cancel”.
consultation-ask-phone =
    Would you like to leave your phone number? It makes it easier for the specialist to reach you.
    You can go without it too — then they will write to you here, in Telegram.
consultation-share-phone = Share my number
consultation-no-phone = No phone — write to me in Telegram
consultation-foreign-contact =
    That is someone else's number; only your own number can be saved.
    Tap “Share my number” and Telegram will send your number itself. Or choose “No phone — write to me in Telegram”.
consultation-press-phone-button = Please choose one of the buttons below: share your number, continue without a phone, or cancel the request.
consultation-cancelled = All right, I won't send the request. If you change your mind, send /book: there you can pick a time or ask for a call back.
consultation-sent = Request No. { $id } received: “{ $topic }”.
consultation-already-open = You already have an open request No. { $id } on this topic: “{ $topic }”. I am not sending it again.
consultation-sent-centre = It goes to { $centre }.
consultation-sent-contact = { $contact ->
        [phone] A specialist from the centre will call you or write to you in Telegram.
       *[telegram] A specialist from the centre will write to you here, in Telegram.
    } They usually reply within one or two working days.
consultation-sent-profile = Your requests are listed in /profile, where you can also withdraw one.
consultation-item-unknown = This item is no longer in the catalogue. Please open your suggestions again: /start.
consultation-not-found = No such request was found. Your open requests are in /profile.
consultation-already-withdrawn = This request has already been withdrawn.
consultation-already-taken = A specialist has already taken this request, so it can't be withdrawn. If your plans have changed, just tell them.
consultation-withdrawn = Request No. { $id } withdrawn.
consultation-taken = A specialist from the centre has taken your request No. { $id } “{ $topic }”. They will contact you soon.
consultation-list-title = { $count ->
        [one] You have { $count } open request:
       *[other] You have { $count } open requests:
    }
consultation-list-item = No. { $id } of { $date }: { $topic }
consultation-list-empty = You have no open call-back requests. To book a consultation or ask for a call back: /book. Your bookings are in /mybookings.
consultation-withdraw-button = Withdraw request No. { $id }

# Centre staff see these texts in the staff chat.
staff-request-title = Consultation request No. { $id }
staff-request-topic = Topic: { $topic }
staff-request-item = From the catalogue: { $item }
staff-request-centre = Centre: { $centre }
staff-request-phone = Phone: { $phone }
staff-request-telegram-only = Phone: not given, Telegram only
staff-request-user = Telegram user ID: { $user_id }
staff-request-name = Name in Telegram: { $name }
staff-request-created = Created: { $time }
staff-request-profile = Profile:
staff-handled-button = Mark as handled
staff-request-handled = Handled: { $name }, { $time }
staff-request-marked = The request is marked as handled; the user has been told.
staff-request-withdrawn = The user withdrew this request.
staff-request-erased = Request No. { $id }: the user asked the bot to delete their data (152-FZ). Their name, phone and answers were removed from this card; the request is no longer active.
consultation-staff-only = Only centre staff can mark requests. If you are on the staff, ask the bot administrator to add you.
consultation-already-handled = This request has already been marked as handled.
consultation-was-withdrawn = The user has already withdrawn this request.
