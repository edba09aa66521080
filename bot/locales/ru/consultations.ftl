# Заявки на консультацию: диалог пользователя, карточка для сотрудников, отзыв заявки.

consultation-topic-default = Консультация: { $title }
consultation-confirm-topic =
    Тема заявки: «{ $topic }».
    Всё верно? Если хотите спросить о чём-то другом, нажмите «Изменить тему».
consultation-confirm = Подтвердить
consultation-change-topic = Изменить тему
consultation-cancel = Отмена
consultation-type-topic =
    Напишите одним сообщением, о чём вы хотите спросить специалиста центра (до { $limit ->
        [one] { $limit } символа
       *[other] { $limit } символов
    }).
    Например: «Хочу переучиться на сварщика, подойдёт ли мне курс?»
consultation-topic-too-long =
    Получилось длинновато. Пожалуйста, уложитесь в { $limit ->
        [one] { $limit } символ
        [few] { $limit } символа
       *[other] { $limit } символов
    } — подробности вы расскажете специалисту при разговоре.
consultation-topic-empty = Тема заявки пустая. Напишите, пожалуйста, о чём вы хотите спросить.
consultation-press-topic-button = Пожалуйста, нажмите кнопку под сообщением с темой: «Подтвердить», «Изменить тему» или «Отмена».
consultation-ask-phone =
    Оставите номер телефона? Так специалисту проще с вами связаться.
    Можно и без телефона — тогда вам напишут здесь, в Telegram.
consultation-share-phone = Поделиться номером
consultation-no-phone = Без телефона — пишите в Telegram
consultation-foreign-contact =
    Это номер другого человека, а записать можно только ваш собственный номер.
    Нажмите кнопку «Поделиться номером» — Telegram сам отправит ваш номер. Или выберите «Без телефона — пишите в Telegram».
consultation-press-phone-button = Пожалуйста, выберите один из вариантов на кнопках внизу: поделиться номером, продолжить без телефона или отменить заявку.
consultation-cancelled = Хорошо, заявку не отправляю. Если передумаете, отправьте /book — там можно и выбрать время, и оставить заявку на звонок.
consultation-sent = Заявка № { $id } принята: «{ $topic }».
consultation-already-open = У вас уже есть открытая заявка № { $id } на эту тему: «{ $topic }». Повторно её не отправляю.
consultation-sent-centre = Её получит { $centre }.
consultation-sent-contact = { $contact ->
        [phone] Специалист центра позвонит вам или напишет в Telegram.
       *[telegram] Специалист центра напишет вам здесь, в Telegram.
    } Обычно отвечают в течение одного-двух рабочих дней.
consultation-sent-profile = Ваши заявки видны в /profile — там же можно отозвать заявку.
consultation-item-unknown = Этого пункта уже нет в каталоге. Откройте подборку заново: /start.
consultation-not-found = Такой заявки не нашлось. Ваши открытые заявки — в /profile.
consultation-already-withdrawn = Эта заявка уже отозвана.
consultation-already-taken = Эту заявку уже взял в работу специалист центра, поэтому отозвать её нельзя. Если планы изменились, просто скажите ему об этом.
consultation-withdrawn = Заявка № { $id } отозвана.
consultation-taken = Вашу заявку № { $id } «{ $topic }» взял в работу специалист центра. Скоро с вами свяжутся.
consultation-list-title = { $count ->
        [one] У вас { $count } открытая заявка:
        [few] У вас { $count } открытые заявки:
       *[other] У вас { $count } открытых заявок:
    }
consultation-list-item = № { $id } от { $date }: { $topic }
consultation-list-empty = Открытых заявок на звонок нет. Записаться на консультацию или оставить заявку на звонок: /book. Ваши записи — в /mybookings.
consultation-withdraw-button = Отозвать заявку № { $id }

# Сотрудники центра видят эти тексты в служебном чате.
staff-request-title = Заявка на консультацию № { $id }
staff-request-topic = Тема: { $topic }
staff-request-item = Из каталога: { $item }
staff-request-centre = Центр: { $centre }
staff-request-phone = Телефон: { $phone }
staff-request-telegram-only = Телефон: не оставлен, только Telegram
staff-request-user = ID пользователя в Telegram: { $user_id }
staff-request-name = Имя в Telegram: { $name }
staff-request-created = Создана: { $time }
staff-request-profile = Профиль:
staff-handled-button = Отметить обработанной
staff-request-handled = Обработана: { $name }, { $time }
staff-request-marked = Заявка отмечена обработанной, пользователь получил уведомление.
staff-request-withdrawn = Пользователь отозвал эту заявку.
staff-request-erased = Заявка № { $id }: пользователь попросил удалить свои данные (152-ФЗ). Имя, телефон и ответы из этой карточки убраны, заявка больше не действует.
consultation-staff-only = Отмечать заявки могут только сотрудники центра. Если вы сотрудник, попросите администратора бота добавить вас.
consultation-already-handled = Эту заявку уже отметили обработанной.
consultation-was-withdrawn = Пользователь уже отозвал эту заявку.
