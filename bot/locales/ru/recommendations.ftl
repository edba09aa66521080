# Подборка профессий и программ, карточки, отзывы, вопросы своими словами.

## Подборка

rec-intro-school = Вот профессии, которые могут вам подойти. В конце подборки — профпробы: на них можно попробовать профессию своими руками.
rec-intro-adult = Вот профессии и короткие программы обучения, которые могут вам подойти.
rec-page = Страница { $page } из { $pages }.
rec-why = Почему: { $reason }
rec-kind-profession = профессия
rec-kind-specialty = специальность
rec-kind-programme = программа обучения
rec-kind-taster = профпроба
rec-start = с { $date }
rec-no-date = даты уточняйте в центре
rec-free = бесплатно
rec-price = { $price } ₽
rec-price-or-free = { $price } ₽, есть бесплатные места
rec-profile-empty = Я пока мало знаю о ваших интересах, поэтому подобрать профессии не могу. Расскажите о себе: нажмите «Пройти знакомство заново» или просто напишите, что вам нравится делать.
rec-nothing = По вашим ответам я ничего не нашёл. Попробуйте написать своими словами, что вам нравится, или пройдите знакомство заново.
rec-no-region = Чтобы показать курсы и профпробы рядом с вами, укажите регион: нажмите «Пройти знакомство заново».
rec-no-centres = В регионе «{ $region }» пока нет центров в моём каталоге, поэтому я показываю только профессии. О курсах рядом с вами можно спросить на консультации.
rec-eligibility = Возможно, вы можете учиться бесплатно по проекту «Содействие занятости»: { $reasons }. Точно скажут на консультации в центре.
rec-eligibility-unemployed = вы сейчас без работы
rec-eligibility-pre_pension = вам 50 лет или больше либо скоро пенсия
rec-eligibility-childcare_leave = вы в отпуске по уходу за ребёнком или у вас есть дети младше 7 лет
rec-eligibility-disability = у вас есть инвалидность

rec-button-details = { $number }. { $title }
rec-button-up = 👍 Полезно
rec-button-down = 👎 Не то
rec-button-more = Ещё »
rec-button-back = « Назад
rec-button-similar = Похожие
rec-button-unfit = Не подходит
rec-button-consult = Хочу консультацию
rec-button-list = К подборке
rec-button-back-to-item = « Назад к карточке
rec-button-restart = Пройти знакомство заново
rec-button-programme = Курс: { $title }

rec-voted-up = Спасибо! Отметил «{ $title }» как полезное.
rec-voted-down = Понял, больше не буду предлагать «{ $title }».

## «Не подходит»

rec-unfit-ask = Хорошо, больше не покажу «{ $title }». Почему не подошло? Это поможет подбирать точнее. Можно пропустить.
rec-unfit-boring = Не интересно
rec-unfit-physical = Тяжело физически
rec-unfit-far = Далеко учиться
rec-unfit-other = Другое
rec-unfit-skip = Пропустить
rec-unfit-thanks = Спасибо, учту.

## Программы в других регионах

rec-button-elsewhere = Программы в других регионах
rec-button-back-to-card = « Назад к профессии
rec-elsewhere-intro = Программы по профессии «{ $title }» в других регионах:
rec-elsewhere-online = Онлайн-программы стоят первыми: на них можно учиться, не выезжая из дома. Можно ли записаться из вашего региона, уточните в центре.
rec-elsewhere-none = В других регионах программ по профессии «{ $title }» в моём каталоге сейчас нет.

## Похожие

rec-similar-intro = Похоже на «{ $title }»:
rec-similar-none = Похожего на «{ $title }» я больше не нашёл.

## Карточка профессии

card-profession-kind = { $level ->
    [specialty] Специальность СПО
   *[profession] Профессия СПО
} { $code }: { $name }
card-what = Что это за работа
card-in-russian = Описание пока есть только на русском языке.
card-conditions = Условия работы: { $conditions }.
card-suits = Кому может подойти: { $suits }.
card-suits-none = Работа требует хорошего здоровья: подвижности, слуха и зрения. Если есть ограничения, обсудите это на консультации.
card-duration = Сколько учиться в колледже: { $routes }.
card-duration-after-9 = после 9 класса — { $months ->
    [one] { $months } месяц
    [few] { $months } месяца
   *[many] { $months } месяцев
}
card-duration-after-11 = после 11 класса — { $months ->
    [one] { $months } месяц
    [few] { $months } месяца
   *[many] { $months } месяцев
}
card-where = Где учиться в регионе «{ $region }»:
card-where-none = В моём каталоге пока нет центров, где можно учиться в регионе «{ $region }». Нажмите «{ rec-button-consult }»: можно записаться на консультацию онлайн или по телефону в центр другого региона или оставить заявку на звонок.
card-centre-line = • { $name } — { $address }, тел. { $phone }
card-centre-line-no-phone = • { $name } — { $address }
card-no-region = Укажите регион в профиле — и я покажу, где учиться рядом с вами.
card-programmes = Курсы и профпробы рядом:
card-programmes-none = В вашем регионе курсов по этой профессии в моём каталоге пока нет.
card-programmes-elsewhere = { $count ->
    [one] Есть { $count } программа в других регионах.
    [few] Есть { $count } программы в других регионах.
   *[many] Есть { $count } программ в других регионах.
}
card-option-line = • { $title } — { $when }, { $hours ->
    [one] { $hours } час
    [few] { $hours } часа
   *[many] { $hours } часов
}, { $format }, { $price }, { $document }
card-competencies = Компетенции чемпионатов: { $names }.
card-championship-professionals = «Профессионалы»
card-championship-abilympics = «Абилимпикс»

cond-posture-sitting = работа сидячая
cond-posture-standing = работа стоя, на ногах
cond-posture-mixed = то сидя, то стоя
cond-place-indoor = в помещении
cond-place-outdoor = на улице
cond-place-mixed = и в помещении, и на улице
cond-load-low = физическая нагрузка небольшая
cond-load-medium = физическая нагрузка средняя
cond-load-high = физическая нагрузка высокая
cond-shifts = бывают сменный график и ночные смены
cond-risks = риски: { $risks }
suits-limited_mobility = людям с ограниченной подвижностью
suits-hearing_impaired = людям с нарушением слуха
suits-visually_impaired = людям с нарушением зрения
suits-remote_friendly = можно работать удалённо

## Карточка программы

card-programme-kind-vocational_training = Профессиональное обучение
card-programme-kind-upskilling = Повышение квалификации
card-programme-kind-retraining = Профессиональная переподготовка
card-programme-kind-taster = Профпроба
card-dates = Ближайшие старты: { $dates }.
card-dates-none = Даты ближайших стартов уточняйте в центре.
card-hours = Объём: { $hours ->
    [one] { $hours } час
    [few] { $hours } часа
   *[many] { $hours } часов
}, { $schedule }.
card-format = Формат: { $format }.
card-price-free = Стоимость: бесплатно ({ $funding }).
card-price-paid = Стоимость: { $price } ₽.
card-price-mixed = Стоимость: { $price } ₽, но можно учиться бесплатно ({ $funding }).
card-document = Документ: { $document }.
card-audience = Для кого: { $audience }.
card-min-grade = С { $grade } класса.
card-requirements = Что нужно: { $requirements }
card-centre = Где: { $name }, { $address }, тел. { $phone }
card-centre-no-phone = Где: { $name }, { $address }
card-professions = Профессии: { $names }.
card-illustrative = Расписание и цены примерные — точные условия скажут в центре.

format-in_person = очно
format-online = онлайн
format-blended = частично онлайн, частично очно
funding-paid = платно
funding-employment_support = по проекту «Содействие занятости»
funding-regional_budget = за счёт бюджета региона
funding-free = бесплатно для участников
audience-school = школьники
audience-adults = взрослые
audience-seniors = люди 50+ и предпенсионеры
audience-disabled = люди с инвалидностью и ОВЗ
audience-parents_on_leave = родители в отпуске по уходу за ребёнком
audience-unemployed = люди без работы

## Почему предложено

reason-interests = вы отметили: { $interests }
reason-own-words = вы написали: { $words }
reason-matched = совпало: { $words }
reason-like = похоже на «{ $title }»
reason-riasec = подходит вашим интересам: { $types }
reason-type-R = работа руками
reason-type-I = исследования
reason-type-A = творчество
reason-type-S = помощь людям
reason-type-E = руководство и бизнес
reason-type-C = порядок и точность
reason-close-to-query = близко к вашему запросу
reason-facet-funding-employment_support = бесплатно по «Содействию занятости»
reason-facet-funding-regional_budget = бесплатно за счёт региона
reason-facet-free-yes = бесплатно
reason-facet-audience-seniors = для людей 50+
reason-facet-audience-disabled = для людей с инвалидностью
reason-facet-audience-parents_on_leave = для родителей в декрете
reason-facet-audience-unemployed = для людей без работы
reason-facet-format-online = онлайн
reason-facet-posture-sitting = сидячая работа
reason-facet-load-low = лёгкая нагрузка
reason-facet-suits-limited_mobility = подходит при ограниченной подвижности
reason-facet-suits-hearing_impaired = подходит при нарушении слуха
reason-facet-suits-visually_impaired = подходит при нарушении зрения
reason-facet-suits-remote_friendly = можно работать из дома

## Вопросы своими словами

ask-results = Вот что я нашёл по вашему запросу. Нажмите на название, чтобы узнать подробнее.
ask-clarify = Я не совсем понял, что вы ищете. Давайте уточним: выберите, что вам ближе, или пройдите короткое знакомство — я подберу профессии по вашим ответам. Можно и спросить живого специалиста.
ask-clarify-no-consent = Я не совсем понял вопрос. Без согласия на обработку данных я отвечаю только на общие вопросы, например: «что такое ЦОПП» или «сколько стоит обучение». Чтобы подобрать профессию, отправьте /start.
ask-consent = Чтобы подобрать профессии и курсы под вас, мне нужно ваше согласие на обработку данных — отправьте /start. Без согласия я отвечаю только на общие вопросы, например: «что такое ЦОПП».
ask-button-onboarding = Пройти знакомство
ask-button-restart = Подобрать заново
ask-unsure = Это нормально — многие пока не знают. Давайте подберём вместе: отметьте, что вам ближе, или пройдите короткий тест интересов — по ответам я предложу профессии. Можно и поговорить со специалистом центра.
ask-button-quiz = Пройти тест интересов
ask-nothing-free = Бесплатных курсов по вашим интересам в моём каталоге сейчас нет — ни в вашем регионе, ни онлайн. Выберите другую тему ниже или спросите специалиста центра: он подскажет, можно ли учиться бесплатно.
ask-nothing-online = Онлайн-курсов по вашим интересам в моём каталоге сейчас нет. Выберите другую тему ниже или спросите специалиста центра.
ask-button-list = Моя подборка
rec-events-nearby = Скоро в вашем регионе можно прийти и посмотреть профессии вживую:
rec-event-line = • { $date } — { $title }
rec-button-event = Подробнее: { $title }

## A question about the programme card just opened
card-answer-about = Про «{ $title }»:
card-answer-open = Открыть карточку
card-answer-employment-support = Бесплатно по проекту «Содействие занятости» обычно учатся люди без работы, люди 50 лет и старше и предпенсионеры, родители в отпуске по уходу за ребёнком или с детьми до 7 лет, люди с инвалидностью.
card-answer-otherwise-paid = Если вы работаете и ничего из этого не про вас, бесплатно, скорее всего, не получится: тогда обучение стоит { $price } ₽.
card-answer-free-for-audience = Этот курс бесплатный для всех, для кого он предназначен: { $audience }.
card-answer-no-free-places = Бесплатных мест по этому курсу в моём каталоге нет.
card-answer-ask-centre = Точно скажут в центре.
card-answer-access = В моём каталоге нет сведений о доступности здания «{ $centre }»: пандусах, лифтах, широких дверях. Уточните по телефону { $phone } — там скажут, как пройти и чем помогут.
card-answer-access-no-phone = В моём каталоге нет сведений о доступности здания «{ $centre }»: пандусах, лифтах, широких дверях. Уточните это в центре — его адрес ниже.
card-answer-access-unknown = В моём каталоге нет сведений о доступности здания. Уточните это в центре, где проходит курс.
