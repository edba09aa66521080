# Запись на консультацию: выбор центра, формата, дня и времени; мои записи; лист ожидания;
# напоминания; стол сотрудника (/today, /week, /requests, /closeday).

command-book = Записаться на консультацию
command-mybookings = Мои записи и лист ожидания

booking-topic-general = Консультация по выбору профессии и обучения
booking-choose-centre = Где вам удобнее получить консультацию? Сначала — центры вашего региона, ниже — центры, которые консультируют онлайн или по телефону.
booking-choose-centre-no-region = Выберите центр. Если вашего города нет в списке, нажмите «Другой город».
booking-centre-option = { $name } ({ $city })
booking-centre-remote = { $name }: { $formats }
booking-other-city = Другой город
booking-request-call = Оставить заявку на звонок
booking-type-city = Напишите город или область, например «Тверь» или «Томская область».
booking-city-not-found = Не нашёл центра в этом месте. Попробуйте написать город иначе, например «Томск», или выберите центр, который консультирует онлайн: /book.
booking-centre-title = { $name }
booking-centre-address = Адрес: { $address }
booking-centre-phone = Телефон: { $phone }
booking-centre-email = Почта: { $email }
booking-centre-hours = Часы работы: { $hours }
booking-centre-hours-day = { $weekday } { $opens }–{ $closes }
booking-centre-illustrative = Часы и правила записи здесь — пример для знакомства с ботом. Перед визитом уточните их у центра.
booking-centre-no-slots = В этом центре пока нельзя выбрать время через бота. Оставьте заявку на звонок — специалист центра свяжется с вами и договорится о времени.
booking-choose-format = Как вам удобнее поговорить?
booking-format-in_person = В центре, лично
booking-format-online = Онлайн, по видеосвязи
booking-format-phone = По телефону
booking-other-centre = Другой центр
booking-other-format = Другой формат
booking-other-day = Другой день
booking-no-days =
    В ближайшие { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    } свободного времени в центре «{ $centre }» нет.
    Можно встать в лист ожидания: как только время освободится, я предложу его вам. Или оставьте заявку на звонок.
booking-no-days-short = Свободного времени в ближайшие дни нет. Попробуйте другой формат или другой центр: /book.
booking-choose-day = { $centre }, { $format }. Выберите день — в календаре есть только дни со свободным временем.
booking-month-title = { $month } { $year }
booking-month-previous = ‹ Раньше
booking-month-next = Позже ›
booking-day-gone = На этот день свободного времени уже нет. Выберите другой день.
booking-times = { $day }. Свободное время — по местному времени центра ({ $city }, { $offset }):
booking-times-yours = У вас другой часовой пояс ({ $offset }): например, { $centre_time } в городе { $city } — это { $your_time } у вас.
booking-slot-taken = Это время уже заняли, вот ближайшие свободные:
booking-slot-taken-none = Это время уже заняли, а другого свободного времени в ближайшие дни нет.
booking-user-busy = В это время у вас уже есть запись. Выберите другое время или посмотрите свои записи: /mybookings.
booking-limit = У вас уже { $limit ->
        [one] { $limit } запись
        [few] { $limit } записи
       *[other] { $limit } записей
    } в этом центре — больше сразу нельзя. Посмотреть, перенести или отменить их можно в /mybookings.
booking-ask-phone =
    { $when }
    Я придержу это время за вами на { $minutes ->
        [one] { $minutes } минуту
        [few] { $minutes } минуты
       *[other] { $minutes } минут
    }.
    Оставите номер телефона? Так центру проще с вами связаться. Нажмите «Поделиться номером», напишите номер (например, +7 912 345-67-89) или продолжите без телефона.
booking-phone-needed = Для консультации по телефону нужен ваш номер: специалист позвонит на него. Нажмите «Поделиться номером» или напишите номер. Если не хотите оставлять номер, выберите онлайн-формат или встречу в центре: /book.
booking-phone-invalid = Не похоже на номер телефона. Напишите его, например, так: +7 912 345-67-89 или 8 912 345 67 89. Или нажмите кнопку внизу.
booking-phone-noted = Хорошо.
booking-no-phone = не указан, свяжутся в Telegram
booking-quit = Не записываться
booking-quit-done = Хорошо, запись не оформляю, время освобождено. Записаться снова можно командой /book.
booking-summary-title = Проверьте запись:
booking-summary-centre = Центр: { $centre }
booking-summary-format = Формат: { $format }
booking-summary-topic = Тема: { $topic }
booking-summary-phone = Телефон: { $phone }
booking-summary-held = Нажмите «Подтвердить запись», пока время держится за вами ({ $minutes } мин).
booking-confirm = Подтвердить запись
booking-pick-other-time = Выбрать другое время
booking-press-confirm = Нажмите «Подтвердить запись» под сообщением с записью, или «Не записываться».
booking-when = Когда: { $day }, { $time } по времени центра ({ $offset }).
booking-when-yours = У вас это { $day }, { $time } ({ $offset }).
booking-day = { $weekday }, { $day } { $month }
booking-confirmed = Готово, вы записаны. Номер записи — { $id }.
booking-rescheduled = Готово, запись № { $id } на новое время. Прежнее время освобождено.
booking-online-note = Ссылку на видеосвязь специалист центра пришлёт перед встречей.
booking-phone-call-note = Специалист центра позвонит вам в это время.
booking-confirmed-next = Я напомню о встрече за сутки и за 2 часа. Перенести или отменить запись можно в /mybookings не позже чем за { $cutoff } ч до начала.
booking-ics-caption = Файл для календаря: откройте его, чтобы добавить встречу в календарь телефона.
booking-slot-past = Это время уже прошло. Выберите другое: /book.
booking-hold-lost = Время держалось за вами слишком долго, и его уже занял другой человек. Выберите другое время: /book.
booking-already-confirmed = Эта запись уже подтверждена. Ваши записи — в /mybookings.
booking-not-found = Такой записи не нашлось. Ваши записи — в /mybookings.
booking-centre-unknown = Этого центра больше нет в каталоге. Выберите центр заново: /book.
booking-already-cancelled = Эта запись уже отменена.
booking-too-late-to-change = До встречи осталось слишком мало времени, перенести или отменить её в боте уже нельзя. Позвоните, пожалуйста, в центр.
booking-mine-empty = У вас нет предстоящих записей. Записаться на консультацию: /book.
booking-mine-title = Ваши записи:
booking-mine-item =
    № { $id }. { $centre }, { $format }
    { $when }
    Тема: { $topic }
booking-mine-waitlist = Лист ожидания:
booking-mine-waitlist-item = • { $centre }: { $topic }
booking-move-button = Перенести № { $id }
booking-cancel-button = Отменить № { $id }
booking-cancel-question =
    Отменить запись в центр «{ $centre }»?
    { $when }
booking-cancel-yes = Да, отменить
booking-cancel-no = Нет, оставить
booking-cancelled =
    Запись № { $id } отменена.
    { $when }
    Записаться снова можно командой /book.
booking-reschedule-pick =
    Сейчас: { $when }
    Выберите новый день. Прежнее время останется за вами, пока вы не подтвердите новое.
booking-will-come = Приду
booking-will-come-thanks = Спасибо! Ждём вас.
booking-reminder-24h = Напоминаю: завтра у вас консультация.
booking-reminder-2h = Напоминаю: через 2 часа у вас консультация.
booking-waitlist-join = Встать в лист ожидания
booking-waitlist-joined = Вы в листе ожидания центра «{ $centre }». Как только освободится время, я предложу его вам и придержу { $hours } ч. Выйти из листа можно в /mybookings.
booking-waitlist-already = Вы уже в листе ожидания центра «{ $centre }». Как только освободится время, я предложу его вам.
booking-waitlist-leave = Выйти из листа ожидания
booking-waitlist-left = Вы вышли из листа ожидания.
booking-waitlist-gone = Вы уже не в этом листе ожидания.
booking-offer = Освободилось время в центре «{ $centre }», и оно держится за вами { $hours } ч. Подтвердите, если оно вам подходит.
booking-offer-decline = Не подходит
booking-offer-declined = Хорошо, время отдаю другим. Вы остаётесь в листе ожидания.
booking-day-closed = К сожалению, центр «{ $centre }» не сможет принять вас в этот день, запись отменена. Выберите, пожалуйста, другое время.
booking-weekday-1 = пн
booking-weekday-2 = вт
booking-weekday-3 = ср
booking-weekday-4 = чт
booking-weekday-5 = пт
booking-weekday-6 = сб
booking-weekday-7 = вс
booking-month-1 = Январь
booking-month-2 = Февраль
booking-month-3 = Март
booking-month-4 = Апрель
booking-month-5 = Май
booking-month-6 = Июнь
booking-month-7 = Июль
booking-month-8 = Август
booking-month-9 = Сентябрь
booking-month-10 = Октябрь
booking-month-11 = Ноябрь
booking-month-12 = Декабрь
booking-month-of-1 = января
booking-month-of-2 = февраля
booking-month-of-3 = марта
booking-month-of-4 = апреля
booking-month-of-5 = мая
booking-month-of-6 = июня
booking-month-of-7 = июля
booking-month-of-8 = августа
booking-month-of-9 = сентября
booking-month-of-10 = октября
booking-month-of-11 = ноября
booking-month-of-12 = декабря

# Стол сотрудника.
staff-only = Эта команда только для сотрудников центра.
desk-new-booking = Новая запись: { $centre }
desk-cancelled-by-user = Запись отменена пользователем: { $centre }
desk-cancelled-by-staff = Запись отменена центром: { $centre }
desk-rescheduled = Запись перенесена: { $centre }. Было: { $old }
desk-booking-line = № { $id }. { $when } { $seat }
desk-user = Пользователь: id { $user_id }
desk-user-short = id { $user_id }
desk-today-empty = На сегодня записей нет.
desk-week-empty = На ближайшие 7 дней записей нет.
desk-today-title = Записи на сегодня: { $count }
desk-week-title = Записи на 7 дней: { $count }
desk-seat-heading = { $centre } — { $seat }
desk-status-booked = записан
desk-status-will-come = подтвердил, что придёт
desk-status-attended = пришёл
desk-status-no_show = не пришёл
desk-attended = Пришёл: № { $id }
desk-no-show = Не пришёл: № { $id }
desk-marked-attended = Запись № { $id }: отмечено, что человек пришёл.
desk-marked-no_show = Запись № { $id }: отмечено, что человек не пришёл.
desk-not-started-yet = Встреча ещё не началась — отметить явку можно после её начала.
desk-booking-cancelled = Эта запись отменена, отмечать нечего.
desk-queue-empty = Открытых заявок на звонок и листа ожидания нет.
desk-queue-title = Ждут ответа (сначала самые давние):
desk-requests-heading = Заявки на звонок: { $count }
desk-request-line = • № { $id } от { $date }, { $centre }: { $topic } (id { $user_id }, телефон: { $phone })
desk-waitlist-heading = Лист ожидания: { $count }
desk-waitlist-line = • № { $id } от { $date }, { $centre }, { $format }: { $topic } (id { $user_id }) — { $status }
desk-waitlist-waiting = ждёт
desk-waitlist-offered = предложено время
desk-take-request = Взять заявку № { $id }
desk-take-waitlist = Взять из листа ожидания № { $id }
desk-waitlist-taken = Лист ожидания № { $id } ваш. Свяжитесь с пользователем id { $user_id } и договоритесь о времени.
desk-entry-gone = Такой записи в листе ожидания нет.
desk-entry-taken = Эту запись из листа ожидания уже взял другой сотрудник или пользователь вышел из листа.
desk-close-which-centre = Какой центр не принимает в этот день?
desk-close-which-day = { $centre }: какой день закрыть?
desk-close-question = Закрыть { $day } в центре «{ $centre }»? Записей на этот день: { $count }. Каждому записавшемуся я напишу, что запись отменена, и предложу выбрать другое время.
desk-close-confirm = Да, закрыть день
desk-closed = { $day } в центре «{ $centre }» закрыт. Отменено записей: { $count }, сообщение получили: { $notified }.
desk-closed-again = { $day } в центре «{ $centre }» уже был закрыт. Отменено записей сейчас: { $count }, сообщение получили: { $notified }.
desk-day-past = Этот день уже прошёл.

# Переписка сотрудника с пользователем через бота.
desk-write-button = Написать пользователю № { $id }
desk-about-booking = по записи № { $id }
desk-about-request = по заявке № { $id }
desk-about-waitlist = по листу ожидания
desk-centre-unnamed = Центр
desk-from-centre = { $centre } пишет вам { $about }:
desk-answer-button = Ответить
desk-from-user = Ответ пользователя id { $user_id } { $about } ({ $centre }):
desk-write-prompt = Напишите одним сообщением, что передать пользователю id { $user_id } { $about }. Он получит его от имени центра и сможет ответить. Передумали — отправьте /start.
desk-write-start-private = Чтобы написать пользователю, сначала откройте личный чат с ботом и отправьте /start, затем нажмите кнопку ещё раз.
desk-write-sent = Отправлено. Ответ пользователя придёт в чат сотрудников.
desk-write-not-delivered = Не доставлено: пользователь заблокировал бота или удалил аккаунт.
desk-write-text-only = Передать можно только текст. Напишите сообщение словами.
desk-subject-gone = Этой записи или заявки уже нет.
desk-message-empty = Сообщение пустое. Напишите, пожалуйста, текст.
desk-message-too-long = Сообщение длиннее { $limit } знаков ({ $count }). Сократите его, пожалуйста.
booking-answer-prompt = Напишите ответ одним сообщением — я передам его специалистам центра.
booking-answer-sent = Передал ваш ответ в центр.
booking-answer-text-only = Передать в центр можно только текст. Напишите, пожалуйста, словами.

# Часы работы и правила записи, которые сотрудник задаёт в боте (/hours).
hours-which-centre = Часы работы и правила записи какого центра изменить?
hours-current =
    { $centre }: сейчас так.

    { $schedule }

    Пришлите новое расписание одним сообщением в том же виде — можно скопировать текст выше и исправить. Дни, которых нет в сообщении, станут выходными; если прислать только правила, часы останутся прежними. Уже сделанные записи не изменятся. Передумали — отправьте /start.
hours-saved =
    Сохранено: { $centre }. Новые записи — по этому расписанию, уже сделанные остаются как были.

    { $schedule }
hours-line-day = { $day } { $opens }-{ $closes }
hours-line-break = , перерыв { $start }-{ $end }
hours-line-off = { $day } выходной
hours-line-duration = длительность { $minutes }
hours-line-buffer = между встречами { $minutes }
hours-line-notice = не позже чем за { $hours } ч
hours-line-horizon = вперёд на { $days } дней
hours-line-cutoff = отмена за { $hours } ч
hours-line-places = мест { $places }
hours-problems = Не сохранил: в расписании есть ошибки. Исправьте их и пришлите всё расписание ещё раз.
hours-problem-line = Строка { $line } «{ $text }»: { $problem }
hours-line-unknown = не понял эту строку. Начните её с дня недели (пн, вт, …) или со слова правила (длительность, между встречами, не позже чем за, вперёд на, отмена за, мест).
hours-bad-time = не понял время. Пишите так: пн 09:00-18:00, перерыв 13:00-14:00 — или «выходной».
hours-closes-before-opens = время окончания раньше начала.
hours-break-outside = перерыв должен быть внутри рабочего времени.
hours-day-twice = этот день уже указан выше.
hours-rule-no-number = у правила нет числа.
hours-no-open-day = Все дни выходные — так записаться будет нельзя. Укажите хотя бы один рабочий день.
hours-rule-out-of-range = Не сохранил: значение правила вне допустимого. Длительность — от 10 до 240 минут, между встречами — до 120 минут, «не позже чем за» — до 168 ч, «вперёд на» — от 1 до 60 дней, отмена — до 72 ч, мест — от 1 до 50.
hours-no-booking = В этом центре нет записи через бота, менять нечего.
