# /profile, /mydata, /forget и команды меню для них.

command-profile = Мой профиль и заявки
command-mydata = Какие данные обо мне хранятся
command-forget = Удалить все мои данные

profile-title = Ваш профиль
profile-role = Кто вы: { $role }
profile-grade = Класс: { $grade }
profile-situations = Ваша ситуация: { $situations }
profile-region = Регион: { $region }
profile-interests = Интересы: { $interests }
profile-about = О себе: { $about }
profile-quiz = Тест интересов: { $types }
profile-quiz-left-out = Не предлагаю работу, где главное — то, что вам не нравится по тесту: { $items }. Пройдите тест заново, если передумаете.
profile-not-set = не указано
profile-riasec-R = практический тип
profile-riasec-I = исследовательский тип
profile-riasec-A = творческий тип
profile-riasec-S = социальный тип
profile-riasec-E = предприимчивый тип
profile-riasec-C = организационный тип
profile-requests-count = { $count ->
        [0] Открытых заявок на консультацию нет.
        [one] У вас { $count } открытая заявка на консультацию.
        [few] У вас { $count } открытые заявки на консультацию.
       *[other] У вас { $count } открытых заявок на консультацию.
    }
profile-hint = Кнопками ниже можно изменить ответы, язык, уведомления и согласие на рассылки. Что я храню о вас — /mydata, удалить всё — /forget.
profile-edit = Изменить ответы
profile-language = Язык
profile-requests = Мои заявки
profile-notifications-button = { $state ->
        [on] Уведомления: вкл
       *[off] Уведомления: выкл
    }
profile-mailing-button = { $state ->
        [on] Рассылки: отозвать согласие
       *[off] Рассылки: дать согласие
    }
profile-notifications-set = { $state ->
        [on] Уведомления включены: я сообщу, когда специалист центра возьмёт вашу заявку в работу, и пришлю напоминания о событиях и курсах, на которые вы подписались (/subscriptions).
       *[off] Уведомления выключены: о ходе ваших заявок и о событиях из /subscriptions я писать не буду; состояние заявок видно в /profile. Напоминания о записи на консультацию придут, пока запись есть.
    }
profile-mailing-set = { $state ->
        [on] Спасибо! Согласие на рассылки записано. Теперь вам будут приходить рассылки центра: новости о курсах, событиях и чемпионатах. Отозвать согласие можно здесь же одной кнопкой.
       *[off] Согласие на рассылки отозвано. Новостей и рассылок не будет; сообщений о ваших заявках это не касается.
    }

mydata-caption = Здесь всё, что я храню о вас, в формате JSON. Удалить эти данные — командой /forget.

forget-confirm =
    Удалить все ваши данные? Я сотру ответы, согласия, оценки подсказок, заявки на консультацию, подписки и напоминания. Это нельзя отменить.
    Останутся только обезличенные счётчики оценок — по ним нельзя узнать, что отвечали вы.
forget-yes = Удалить все мои данные
forget-no = Отмена
forget-done = Готово: все ваши данные удалены. Если захотите начать заново, отправьте /start.
forget-cancelled = Хорошо, ничего не удаляю.

## Changing one answer («Изменить ответы»)
edit-which = Что изменить? Остальные ответы останутся как есть.
edit-role = Кто вы
edit-grade = Класс
edit-situations = Ваша ситуация
edit-region = Регион
edit-interests = Интересы
edit-about = О себе своими словами
edit-quiz = Пройти тест интересов заново
edit-start-over = Начать всё заново
edit-saved = Готово, изменил. Теперь ваши ответы такие:
edit-more = Изменить что-то ещё
edit-show-suggestions = Показать подборку

## /mydata in words
mydata-title = Что я храню о вас:
mydata-answers = • ваши ответы: кто вы, регион, интересы, о себе — посмотреть и изменить их можно в /profile
mydata-quiz = • ваши ответы в тесте интересов (пройти его заново можно в /profile):
mydata-quiz-answer = — { $answer }: { $items }
mydata-quiz-item = «{ $item }»
mydata-line = • { $what }: { $count }
mydata-only-id = • только ваш Telegram ID — чтобы спросить согласие
mydata-table-consents = согласия
mydata-table-feedback = оценки подсказок («Полезно», «Не то»)
mydata-table-consultation_requests = заявки на звонок
mydata-table-bookings = записи на консультации
mydata-table-waitlist = места в листе ожидания
mydata-table-subscriptions = подписки на события и курсы
mydata-table-reminders = напоминания
mydata-table-broadcast_deliveries = полученные рассылки
mydata-table-activity = отметки о шагах в боте (без текстов, для статистики центра)
mydata-table-unfinished_dialog = ответы в незавершённом разговоре
mydata-table-staff_grants = права сотрудника
mydata-table-broadcasts = отправленные вами рассылки
mydata-table-event_edits = созданные или изменённые вами события
mydata-table-staff_grants_given = выданные вами права сотрудников
mydata-table-export_log = ваши выгрузки статистики
mydata-table-catalogue_imports = загруженные или откаченные вами файлы каталога
