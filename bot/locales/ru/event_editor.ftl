# /newevent and /editevent: staff create and edit events in the bot.

event-editor-which-kind = Какое событие добавить?
event-editor-which-centre = Где оно пройдёт?
event-editor-no-centres = В каталоге нет центров вашего региона, поэтому добавить событие здесь не получится. Напишите администратору бота.
event-editor-button-cancel = Отмена
event-editor-cancelled = Хорошо, ничего не сохраняю.
event-editor-text-only = Пришлите форму текстом — одним сообщением.
event-editor-nationwide = по всей стране
event-editor-where = { $kind } · { $place }. Время пишите местное: { $offset }.
event-editor-form-new =
    Скопируйте форму из следующего сообщения (в приложении Telegram — касанием), заполните и пришлите одним сообщением.
    • Название — от 5 до 120 символов.
    • Начало и конец — ДД.ММ.ГГГГ ЧЧ:ММ. У конца хватит времени, если событие в тот же день: «Конец: 14:00».
    • «Регистрация до» — не позже начала; «—», если регистрации нет.
    • Компетенции — названия через запятую, как в чемпионате; ссылка — адрес сайта с https://.
    • Описание — что будет и как принять участие, можно в несколько строк, до 1000 символов.
    Даты в прошлом не подойдут.
event-editor-form-edit =
    Следующее сообщение — событие как сейчас. Пришлите форму с исправлениями одним сообщением: строки, которых в нём не будет, останутся как были.
    Даты — ДД.ММ.ГГГГ ЧЧ:ММ; «Регистрация до» — не позже начала.

event-form-label-title = Название
event-form-label-starts_at = Начало
event-form-label-ends_at = Конец
event-form-label-registration_deadline = Регистрация до
event-form-label-audience = Для кого
event-form-label-competencies = Компетенции
event-form-label-link = Ссылка
event-form-label-description = Описание

event-form-problems = Не сохранил: в форме есть ошибки. Исправьте их и пришлите форму ещё раз.
event-form-problem-line = Строка { $line } «{ $text }»: { $problem }
event-form-problem-value = «{ $text }»: { $problem }
event-form-missing-title = Нет строки «Название: …».
event-form-missing-starts_at = Нет строки «Начало: …» с датой и временем начала.
event-form-missing-ends_at = Нет строки «Конец: …» с датой и временем окончания.
event-form-line-twice = эта строка уже была в форме.
event-form-line-unknown = не понял эту строку. Начните её с названия поля и двоеточия: «Название:», «Начало:», «Конец:», «Регистрация до:», «Для кого:», «Компетенции:», «Ссылка:», «Описание:».
event-form-title-short = название слишком короткое: нужно хотя бы 5 символов.
event-form-title-long = название слишком длинное: можно не больше 120 символов.
event-form-date-format = не понимаю дату. Пишите ДД.ММ.ГГГГ ЧЧ:ММ, например 15.03.2027 10:00.
event-form-time-missing = нужно и время: ДД.ММ.ГГГГ ЧЧ:ММ, например 15.03.2027 10:00.
event-form-audience-unknown = не знаю, кто это. Можно: школьники, взрослые, люди 50+, люди с инвалидностью и ОВЗ, родители в декрете, люди без работы.
event-form-competency-unknown = нет такой компетенции в каталоге. Напишите название, как в чемпионате, например «Сварочные технологии», или «—».
event-form-link-bad = это не похоже на адрес сайта. Нужен полный адрес, например https://copp70.ru/events, или «—».
event-form-description-long = описание слишком длинное: можно не больше 1000 символов.
event-form-start-past = это время уже прошло. Событие должно начинаться в будущем.
event-form-start-far = начало больше чем через три года — проверьте год.
event-form-end-before-start = событие заканчивается раньше, чем начинается.
event-form-too-long = событие длится больше года — проверьте даты.
event-form-end-past = это время уже прошло.
event-form-deadline-after-start = регистрация заканчивается после начала события. Она должна закончиться не позже начала.
event-form-deadline-past = это время уже прошло. Укажите будущую дату или «—», если регистрации нет.
event-form-nothing-changed = В форме всё как было — сохранять нечего.
event-form-rejected = Не сохранил: каталог с этим событием не проходит проверку. Ничего не изменилось; напишите администратору бота.
event-form-repeat = Такое событие уже есть: то же название, центр и начало. Если нужно его поправить — /editevent.

event-editor-created = Событие добавлено: «{ $title }».
event-editor-edited = Изменения сохранены: «{ $title }» — { $fields }.
event-editor-when = Начало: { $start } ({ $offset }), { $place }.
event-editor-listed = Оно уже в /events.
event-editor-listed-later = В /events оно появится в течение { $minutes } мин.
event-editor-next-subscribers = Что дальше: тем, кто подписан на такие события, на его компетенции или отрасль в этом регионе, бот один раз сообщит о новом событии — днём по их местному времени. В карточке события пользователи могут нажать «Напомнить», чтобы получить напоминания о регистрации и начале.
event-editor-next-broadcast = Анонс всем в регионе, кто согласился на рассылки, можно отправить через /broadcast: выберите «Кнопка с событием» и найдите это событие по названию.
event-editor-next-reminders = Подписчикам события напоминания придут уже по новым датам.
event-editor-button-card = Открыть карточку
event-editor-button-edit = Изменить

event-editor-list-title = Какое событие изменить? Здесь те, что ещё не закончились.
event-editor-list-page = (страница { $page } из { $pages })
event-editor-list-empty = Событий, которые вы можете изменить, сейчас нет. Добавить новое — /newevent.
event-editor-button-back = « Назад
event-editor-button-more = Ещё »

event-editor-button-announce = Анонсировать
event-editor-next-announce = «Анонсировать» готовит рассылку об этом событии всем в регионе, кто согласился на рассылки: сначала вы увидите сообщение и число получателей, а уйдёт оно только после вашего подтверждения.
event-announce-when-day = Когда: { $day }, с { $start } до { $end } по местному времени ({ $offset })
event-announce-when-days = Когда: с { $start } до { $end } по местному времени ({ $offset })
event-announce-where = Где: { $name }, { $address }
event-announce-deadline = Регистрация до { $date }
event-announce-more = Подробности — в карточке события по кнопке ниже. Там же можно нажать «Напомнить», чтобы бот напомнил о регистрации и начале.
