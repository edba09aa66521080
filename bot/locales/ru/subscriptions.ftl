# Подписки: «Напомнить» в карточке события, темы, /subscriptions и сами напоминания.

command-subscriptions = Мои подписки и напоминания

## Темы

subscriptions-kind-professionals = чемпионат «Профессионалы»
subscriptions-kind-abilympics = чемпионат «Абилимпикс»
subscriptions-kind-master = конкурс «Мастер года»
subscriptions-kind-open_days = дни открытых дверей
subscriptions-kind-tasters = дни профпроб
subscriptions-topic-event = событие «{ $title }»
subscriptions-topic-competency = компетенция «{ $title }»
subscriptions-topic-industry = отрасль «{ $title }»
subscriptions-topic-programme = старт курса «{ $title }»
subscriptions-topic-gone = то, чего больше нет в моём каталоге

## Подписка оформлена

subscriptions-button-remind = Напомнить
subscriptions-event-done = Готово! Я напомню о событии «{ $title }».
subscriptions-event-again = Вы уже подписаны на «{ $title }».
subscriptions-topic-done = Готово, вы подписались: { $title }.
subscriptions-topic-again = Вы уже подписаны: { $title }.
subscriptions-planned = Напоминания придут:
subscriptions-planned-item = • { $when } — { $what }
subscriptions-before-deadline = { $days ->
        [1] за день до конца регистрации
        [one] за { $days } день до конца регистрации
        [few] за { $days } дня до конца регистрации
       *[other] за { $days } дней до конца регистрации
    }
subscriptions-before-start = { $days ->
        [1] за день до начала
        [one] за { $days } день до начала
        [few] за { $days } дня до начала
       *[other] за { $days } дней до начала
    }
subscriptions-before-course = { $days ->
        [1] за день до старта курса
        [one] за { $days } день до старта курса
        [few] за { $days } дня до старта курса
       *[other] за { $days } дней до старта курса
    }
subscriptions-planned-zone = Время — ваше ({ $offset }). С 22:00 до 9:00 я не пишу: то, что выпадает на ночь, придёт утром.
subscriptions-planned-none-event = До события осталось совсем немного, поэтому напоминаний уже не будет. Всё нужное — в карточке события.
subscriptions-planned-none-programme = Ближайших стартов этого курса в моём каталоге нет, поэтому напоминать пока не о чем. Когда появятся новые даты, я напомню о них.
subscriptions-topic-events = Что уже есть в каталоге по этой теме (о сроках каждого события я напомню):
subscriptions-event-line = • «{ $title }» — { $date }, { $place }
subscriptions-topic-more = …и ещё { $count }.
subscriptions-topic-no-events = Ближайших событий по этой теме в моём каталоге сейчас нет.
subscriptions-topic-new = Когда в каталоге появится новое событие по этой теме, я сообщу о нём один раз и напомню о сроках.
subscriptions-muted = Сейчас уведомления выключены в /profile, поэтому напоминания не придут. Включите их там кнопкой «Уведомления».
subscriptions-offers = Хотите узнавать и о новых событиях? Нажмите на тему — я сообщу, когда по ней появится новое событие, и напомню о сроках.
subscriptions-offer = { $title }
subscriptions-offer-chosen = ✓ { $title } (вы подписаны)
subscriptions-offer-course = «{ $title }», старт { $date }
subscriptions-button-undo = Отменить подписку
subscriptions-button-list = Мои подписки

## /subscriptions

subscriptions-title = Ваши подписки:
subscriptions-item = { $number }. { $label }
subscriptions-item-detail = { $number }. { $label } — { $detail }
subscriptions-detail-over = уже прошло
subscriptions-detail-starts = старт { $date }
subscriptions-detail-no-dates = новых дат пока нет
subscriptions-detail-topic = новые события и их сроки
subscriptions-how = Я напоминаю до конца регистрации и до начала: о чемпионатах — за неделю и за день, о днях открытых дверей — за 3 дня и за день, о курсах — за неделю и за день до старта. Пишу только с 9:00 до 22:00 по вашему времени. Чтобы отписаться, нажмите кнопку с номером.
subscriptions-empty = У вас пока нет подписок. Откройте событие в /events и нажмите «Напомнить» — я напомню о регистрации и начале. Или нажмите «Добавить тему», чтобы узнавать о новых чемпионатах, днях открытых дверей и стартах курсов.
subscriptions-button-drop = Отписаться: { $number }. { $title }
subscriptions-button-add = Добавить тему
subscriptions-dropped = Готово, вы отписались: { $title }. Остальные подписки — в /subscriptions.
subscriptions-gone = Этой подписки уже нет. Все ваши подписки — в /subscriptions.
subscriptions-event-started = Это событие уже началось, напоминать о нём поздно. Ближайшие события — в /events.

## Добавить тему

subscriptions-menu = На что подписаться? Когда в каталоге появится новое событие по теме — в вашем регионе или для всей страны, — я сообщу один раз и напомню о сроках. На компетенцию можно подписаться из карточки события: нажмите там «Напомнить».
subscriptions-menu-kinds = Какие события вам интересны? Нажмите, чтобы подписаться.
subscriptions-menu-industries = Какая отрасль вам интересна? Я сообщу о чемпионатах и днях открытых дверей, связанных с ней.
subscriptions-menu-courses = Курсы, которые скоро начинаются: { $region }. Нажмите на курс — я напомню о старте за неделю и за день.
subscriptions-menu-courses-none = В моём каталоге нет курсов вашего региона, которые скоро начинаются.
subscriptions-menu-courses-need-region = Старты курсов я показываю для вашего региона, а его я пока не знаю. Укажите регион в /profile кнопкой «Изменить ответы».
subscriptions-button-menu-kinds = Виды событий
subscriptions-button-menu-industries = Отрасли
subscriptions-button-menu-courses = Старты курсов в моём регионе
subscriptions-button-back = « Назад

## Напоминания

subscriptions-in-days = { $days ->
        [0] сегодня
        [1] завтра
        [one] через { $days } день
        [few] через { $days } дня
       *[other] через { $days } дней
    }
subscriptions-reminder-deadline = Напоминаю: { $when } заканчивается регистрация на «{ $title }».
subscriptions-reminder-start = Напоминаю: { $when } начинается «{ $title }».
subscriptions-reminder-new = Новое событие по вашей подписке ({ $topic }): «{ $title }».
subscriptions-reminder-course = Напоминаю: { $when }, { $date }, начинается курс «{ $title }».
subscriptions-reminder-starts = Начало: { $time } по вашему времени ({ $offset }).
subscriptions-reminder-deadline-at = Регистрация: до { $time } по вашему времени ({ $offset }).
subscriptions-reminder-illustrative = Даты в моём каталоге примерные: точные сроки публикуют организаторы, уточните их заранее.
subscriptions-reminder-why = Это напоминание пришло, потому что вы подписаны: { $topics }. Отписаться можно кнопкой ниже.
subscriptions-button-card = Открыть карточку события
subscriptions-button-programme = Открыть карточку курса
subscriptions-button-stop = Отписаться: { $title }
