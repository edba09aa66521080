# Рассылки сотрудников (/broadcast): сообщение, получатели, предпросмотр, ход отправки, итог.

broadcast-compose =
    Пришлите сообщение для рассылки таким, каким его должны увидеть получатели: текст с оформлением (жирный, курсив, ссылки) или фото либо документ с подписью.
    В тексте — до { $text_limit } символов, в подписи — до { $caption_limit }.
broadcast-abort = Отменить рассылку
broadcast-aborted = Хорошо, рассылку не отправляю. Чтобы начать заново, отправьте /broadcast.
broadcast-empty = Сообщение пустое. Пришлите текст, фото или документ.
broadcast-too-long = В тексте { $count } симв., а Telegram принимает не больше { $limit }. Сократите его и пришлите снова.
broadcast-caption-too-long = В подписи { $count } симв., а Telegram принимает не больше { $limit }. Сократите подпись или пришлите длинный текст отдельно, без фото.
broadcast-unsupported = Такое сообщение разослать не получится. Пришлите текст, фото или документ.
broadcast-bad-formatting = Telegram не примет такое оформление. Уберите его и пришлите сообщение снова.
broadcast-compose-waiting = Жду сообщение для рассылки: текст, фото или документ. Передумали — нажмите «Отменить рассылку».

broadcast-button-question = Добавить под сообщением кнопку?
broadcast-button-link = Кнопка со ссылкой
broadcast-button-event = Кнопка с событием
broadcast-button-none = Без кнопки
broadcast-ask-url = Пришлите адрес для кнопки, начиная с https://
broadcast-bad-url = Это не похоже на адрес сайта. Пришлите его целиком, начиная с https://
broadcast-ask-label = Как подписать кнопку? Например: «Записаться». Не длиннее { $limit } символов.
broadcast-button-empty = Подпись пустая. Напишите пару слов для кнопки.
broadcast-button-too-long = В подписи { $count } симв., а на кнопке поместится не больше { $limit }. Сократите её.
broadcast-ask-event = Напишите часть названия события, например «Абилимпикс» или «открытых дверей».
broadcast-no-events = Подходящих событий, которые ещё не прошли, не нашлось. Попробуйте другое слово.
broadcast-pick-event = Какое событие показать по кнопке?
broadcast-event-option = { $date } — { $title }
broadcast-event-label = Подробнее о событии

broadcast-segment-title = Кому отправить?
broadcast-segment-everyone = Всем, кто согласился получать рассылки.
broadcast-segment-roles = Роль: { $values }
broadcast-segment-regions = Регион: { $values }
broadcast-segment-interests = Интересы: { $values }
broadcast-segment-bookings = Только те, кто записывался на консультацию.
broadcast-segment-own-region = Ваш регион: { $region }. Вы отправляете рассылки только в него.
broadcast-segment-rule = Рассылку получат только те, кто согласился на рассылки и не заблокировал бота. Каждый выбранный фильтр сужает список; внутри одного фильтра хватает одного совпадения.
broadcast-segment-count = Получателей сейчас: { $count }
broadcast-filter-roles = Роль
broadcast-filter-regions = Регион
broadcast-filter-interests = Интересы
broadcast-filter-bookings-on = Записывались на консультацию: да
broadcast-filter-bookings-off = Записывались на консультацию: неважно
broadcast-filter-reset = Всем (сбросить фильтры)
broadcast-filter-done = Готово
broadcast-show-preview = Посмотреть сообщение
broadcast-pick-roles = Выберите одну или несколько ролей. Выбрано: { $values }
broadcast-pick-regions = Выберите один или несколько регионов (в скобках — сколько там получателей). Выбрано: { $values }
broadcast-pick-interests = Выберите один или несколько интересов. Выбрано: { $values }
broadcast-nothing-chosen = пока ничего
broadcast-no-regions = Пока ни у кого из получателей не указан регион.
broadcast-chosen = ✓ { $label } (выбрано)
broadcast-region-option = { $name } ({ $count })

broadcast-preview-summary = Так сообщение увидят получатели — оно выше. Получателей: { $count }.
broadcast-preview-free = Отправка бесплатная и займёт примерно { $time }.
broadcast-preview-paid = Отправка платная, быстрая: примерно { $time }. Это будет стоить около { $stars } звёзд Telegram с баланса бота.
broadcast-preview-paid-refused = Платная отправка не включится: она стоила бы { $stars } звёзд Telegram, а лимит — { $budget }. Рассылка пойдёт бесплатно: примерно { $time }.
broadcast-send = Отправить ({ $count })
broadcast-change-segment = Изменить получателей
broadcast-nobody = Под эти условия не подходит ни один человек, согласившийся на рассылки. Измените фильтры.
broadcast-preview-failed = Не получилось показать сообщение: Telegram его не принял. Пришлите сообщение заново через /broadcast.
broadcast-started = Рассылка № { $id } запущена: получателей { $count }.

broadcast-progress-sending = Рассылка № { $id } отправляется.
broadcast-progress-paused = Рассылка № { $id } на паузе. Нажмите «Продолжить», чтобы отправить остальным.
broadcast-progress-done = Рассылка № { $id } отправлена.
broadcast-progress-cancelled = Рассылка № { $id } отменена. Кто уже получил сообщение, так его и увидит; остальным оно не придёт.
broadcast-progress-counts =
    Получателей: { $total }
    Отправлено: { $sent }
    Заблокировали бота: { $blocked }
    Не доставлено: { $failed }
    Осталось: { $remaining }
broadcast-progress-unknown = Telegram не ответил (могло дойти, повторно не отправляем): { $count }
broadcast-progress-skipped = Отказались от рассылок до своей очереди: { $count }
broadcast-progress-cancelled-count = Не отправлено из-за отмены: { $count }
broadcast-progress-eta = Осталось примерно { $time }.
broadcast-progress-retry = Часть сообщений Telegram не принял — попробую отправить их ещё раз чуть позже.
broadcast-progress-paid = Отправка платная (до { $rate } сообщений в секунду).
broadcast-time-seconds = { $seconds } с
broadcast-time-minutes = { $minutes } мин
broadcast-time-hours = { $hours } ч { $minutes } мин
broadcast-pause = Пауза
broadcast-resume = Продолжить
broadcast-cancel = Отменить рассылку
broadcast-cancel-question = Отменить рассылку № { $id }? Кто уже получил сообщение, у того оно останется. Остальным оно не придёт.
broadcast-cancel-yes = Да, отменить
broadcast-cancel-no = Нет, продолжить
broadcast-report-title = Итог рассылки № { $id }
broadcast-report-cancelled-title = Итог рассылки № { $id } (отменена)
broadcast-report-blocked-note = Кто заблокировал бота, тем больше ничего не отправляем, пока они сами не вернутся.
broadcast-paused-answer = Рассылка на паузе.
broadcast-resumed-answer = Продолжаю рассылку.
broadcast-cancelled-answer = Рассылка отменена.
