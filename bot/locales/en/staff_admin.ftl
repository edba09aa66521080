# /staff: admins grant and revoke staff rights in the bot.

help-admin =
    For admins:
    /staff — who is staff in the bot; grant or revoke staff rights

staff-admin-title = Staff in the bot
staff-admin-line-admin = { $id } — admin (named in the settings)
staff-admin-line-settings = { $id } — staff, { $region } (named in the settings)
staff-admin-line-granted = { $id } — staff, { $region }; granted by { $by }, { $date }
staff-admin-line-granted-unknown = { $id } — staff, { $region }; granted { $date }
staff-admin-region-all = every region
staff-admin-region-one = region: { $region }
staff-admin-none-granted = No rights have been granted in the bot yet.
staff-admin-footer = Admins and staff named in the settings are changed in the bot's settings (STAFF__…). Rights granted here can be revoked with the buttons below.
staff-admin-button-grant = Grant staff rights
staff-admin-button-revoke = Revoke: { $id }
staff-admin-button-cancel = Cancel
staff-admin-cancelled = All right, nothing changes.

staff-admin-ask-person =
    Send the person's Telegram ID — a number such as 123456789 — or share their Telegram contact.
    If the rights are for one region only, you can add the region's code after a space: 123456789 RU-TOM.
staff-admin-ask-region = Staff rights for { $id }: every region or one? Choose a button or send a region's code, such as RU-TOM.
staff-admin-ask-region-current = { $id } already has rights ({ $region }); the new ones replace them.
staff-admin-button-all-regions = Every region
staff-admin-done = Done: { $id } is centre staff in the bot, { $region }. The rights work at once.
staff-admin-renewed = Done: the rights of { $id } are updated, now { $region }.
staff-admin-told = This person got a message: the staff commands are in /help.
staff-admin-not-told = They could not be told: this person has not written to the bot yet, or stopped it. The rights already work — ask them to send /start to the bot and open /help.

staff-admin-revoke-question = Revoke the staff rights of { $id } ({ $region })?
staff-admin-button-revoke-yes = Yes, revoke
staff-admin-button-revoke-no = No, keep them
staff-admin-revoked = The staff rights of { $id } are revoked: the staff commands no longer work for this person.
staff-admin-revoked-told = They got a message about it.
staff-admin-revoked-not-told = They could not be told: this person has not written to the bot, or stopped it.

staff-admin-id-format = I do not see a Telegram ID. Send a number such as 123456789, or the person's Telegram contact.
staff-admin-contact-no-id = This contact has no Telegram account the bot can see. Send the person's Telegram ID as a number.
staff-admin-is-admin = { $id } is an admin named in the bot's settings: their rights change there only.
staff-admin-in-settings = { $id } is named as staff in the bot's settings: their rights change there only.
staff-admin-not-granted = { $id } holds no rights granted in the bot — there is nothing to revoke.
staff-admin-region-unknown = I do not know the region «{ $region }». Send its code, such as RU-TOM, or its name, such as “Tomsk Oblast” — or choose a button.

staff-granted-you = The bot's admin granted you centre staff rights ({ $region }). The staff commands are in /help.
staff-revoked-you = Your centre staff rights in the bot are revoked: the staff commands no longer work. If this is a mistake, please contact the bot's admin.
