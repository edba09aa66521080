# /stats for centre staff, its charts and the figures' words.
stats-title = Статистика бота: { $period }, { $scope }
stats-since = С { $start } по { $end }.
stats-since-all = За всё время работы бота.
stats-period-7 = 7 дней
stats-period-30 = 30 дней
stats-period-all = всё время
stats-scope-all = все регионы
stats-scope-region = { $region }
stats-hidden = <5
stats-hidden-note = «<5» — меньше пяти человек: такие числа по региону и по центру не показываются, чтобы никого нельзя было узнать.
stats-none = • пока нет данных
stats-line = • { $title } — { $count }
stats-new-users = Новых пользователей: { $count }
stats-role-none = Роль не указана
stats-funnel = Воронка — из тех, кто пришёл за период:
stats-funnel-line = • { $step } — { $count }{ $share }
stats-share = { " " }({ $percent } %)
stats-step-start = Нажали /start
stats-step-consent = Дали согласие
stats-step-onboarded = Ответили на вопросы
stats-step-suggestions = Посмотрели подсказки
stats-step-card = Открыли карточку
stats-step-booking = Записались на консультацию
stats-step-attended = Пришли на консультацию
stats-interests = Интересы, которые выбирают чаще всего:
stats-suggested = Профессии, которые бот предлагал чаще всего (людей):
stats-liked = Профессии, отмеченные как «Полезно»:
stats-votes-line = • { $title } — полезно: { $up }, не то: { $down }
stats-centres = Записи по центрам (начало в этот период или позже):
stats-centre-line = • { $centre }: пришли { $attended }, не пришли { $no_show }, ещё предстоят { $booked }, отменены { $cancelled }; в листе ожидания сейчас { $waitlist }
stats-bookings = Все записи за период и предстоящие:
stats-bookings-line = • записаны: { $booked } (из них подтвердили в напоминании: { $will_come }); пришли: { $attended }; не пришли: { $no_show }; отменили сами: { $by_user }; отменил центр: { $by_staff }
stats-subscriptions = Подписки, оформленные за период:
stats-subscription-line = • { $topic } — { $count } (людей: { $people })
stats-topic-event = На событие
stats-topic-competency = На компетенцию
stats-topic-industry = На отрасль
stats-topic-event_kind = На вид событий
stats-topic-programme = На старт курсов
stats-reminders = Отправлено напоминаний: о записях — { $booking }, о событиях и курсах — { $event }
stats-broadcasts = Рассылок за период: { $broadcasts }. Доставлено: { $delivered }, заблокировали бота: { $blocked }, не доставлено: { $failed }
stats-sources = Откуда пришли пользователи (метки ссылок и QR-кодов, за всё время):
stats-source-line = • { $source } — { $users ->
    [one] { $users } пользователь
    [few] { $users } пользователя
   *[other] { $users } пользователей
}
stats-staff-only = Эта команда только для сотрудников центра.

stats-chart-week = Неделя (с понедельника)
stats-chart-new-users = Новые пользователи по неделям
stats-chart-funnel = Воронка: от /start до консультации
stats-chart-interests = Интересы пользователей
stats-chart-suggested = Чаще всего предлагаемые профессии
stats-chart-liked = Оценки профессий
stats-chart-up = Полезно
stats-chart-down = Не то
stats-chart-centres = Записи по центрам
stats-chart-attended = Пришли
stats-chart-no-show = Не пришли
stats-chart-booked = Предстоят
stats-chart-cancelled = Отменены
stats-chart-waitlist = Ждут в листе ожидания
stats-chart-subscriptions = Подписки и отправленные напоминания
stats-chart-reminders-booking = Напоминания о записях
stats-chart-reminders-event = Напоминания о событиях
stats-chart-broadcasts = Охват рассылок (рассылок: { $broadcasts })
stats-reach-delivered = Доставлено
stats-reach-blocked = Заблокировали бота
stats-reach-failed = Не доставлено

gaps-title = Чего не хватает в каталоге: { $period }, { $scope }
gaps-about = Вопросы своими словами, на которые бот не нашёл уверенного ответа, — похожие собраны вместе, с числом вопросов. Только тексты людей, давших согласие; телефоны, почта, ссылки и длинные номера вырезаны.
gaps-line = { $number }. «{ $text }» — { $count }
gaps-examples = { " " }(похожие: { $examples })
gaps-none = За этот период таких вопросов не было.
