# События: /events, карточка события, вопросы о событиях, даты чемпионатов на карточке профессии.

command-events = Чемпионаты, дни открытых дверей, профпробы

## Виды событий

events-kind-regional_stage = чемпионат «Профессионалы», региональный этап
events-kind-qualifying_stage = чемпионат «Профессионалы», отборочный этап
events-kind-final_stage = чемпионат «Профессионалы», финал
events-kind-abilympics = чемпионат «Абилимпикс»
events-kind-master_of_year = конкурс «Мастер года»
events-kind-open_day = день открытых дверей
events-kind-taster_day = день профпроб
events-kind-course = старт курса
events-kind-taster = профпроба

## Список

events-title-all = Ближайшие события
events-title-champ = Ближайшие чемпионаты и конкурсы
events-title-open = Дни открытых дверей
events-title-taster = Профпробы
events-title-course = Курсы, которые скоро начинаются
events-heading-region = { $title } — регион «{ $region }» и события для всей страны:
events-heading-courses = { $title } — регион «{ $region }»:
events-heading-everywhere = { $title } во всех регионах:
events-days = { $first } – { $last }
events-place-online = онлайн
events-place-nationwide = вся Россия
events-list-deadline = регистрация до { $date }
events-hint = Нажмите на номер, чтобы открыть карточку: время, место и как участвовать.
events-no-region = Я не знаю ваш регион, поэтому показываю события всех регионов. Чтобы видеть то, что рядом с вами, и старты курсов, пройдите знакомство — это пара минут.
events-courses-need-region = Старты курсов я показываю для вашего региона, а его я пока не знаю. Пройдите знакомство — это пара минут.
events-none = Таких событий в моём каталоге сейчас нет. Посмотрите другие виды или все события.
events-list-illustrative = Даты примерные, для знакомства: точные сроки скажут организаторы и центры.
events-page = Страница { $page } из { $pages }.

events-filter = { $name }
events-filter-chosen = ✓ { $name } (выбрано)
events-filter-all = Все
events-filter-champ = Чемпионаты
events-filter-open = Дни открытых дверей
events-filter-taster = Профпробы
events-filter-course = Старты курсов
events-button-item = { $number }. { $title }

## Карточка события

events-when-day = Когда: { $day }, с { $start } до { $end } ({ $zone }).
events-when-days = Когда: с { $start } до { $end } ({ $zone }).
events-zone-place = местное время: { $place }, { $offset }
events-when-yours = У вас другой часовой пояс: начало — { $time } по вашему времени ({ $offset }).
events-ongoing = Уже идёт.
events-deadline = Регистрация: до { $date } ({ $zone }).
events-deadline-closed = Регистрация закончилась { $date }.
events-where-centre = Где: { $name }, { $address }.
events-where-region = Где: { $region }, точное место объявят организаторы.
events-where-online = Где: онлайн.
events-where-nationwide = Где: по всей России — город и площадки объявляют организаторы.
events-competencies = Компетенции: { $names }.
events-how-regional_stage = Как участвовать: участников выдвигают колледжи и школы — спросите в своём. Прийти поболеть и посмотреть на работу мастеров может любой, расписание площадок публикуют организаторы.
events-how-qualifying_stage = Как участвовать: сюда проходят победители региональных этапов. Расписание по компетенциям публикуют на сайте чемпионата.
events-how-final_stage = Как участвовать: в финал проходят победители отборочного этапа. Программу для гостей публикуют на сайте чемпионата.
events-how-abilympics = Как участвовать: чемпионат для людей с инвалидностью и ОВЗ — школьников, студентов и взрослых. Как подать заявку, расскажут организаторы.
events-how-master_of_year = Как участвовать: конкурс для преподавателей и мастеров производственного обучения колледжей, заявку подаёт колледж.
events-how-open_day = Как попасть: приходите в центр в это время. Нужна ли запись заранее, лучше уточнить у центра.
events-how-taster_day = Как участвовать: записаться можно через школу или самостоятельно, до конца регистрации.
events-link = Подробности и регистрация — на сайте организаторов: { $link }
events-phone = Телефон центра «{ $name }»: { $phone }
events-illustrative = Это пример для знакомства: даты в моём каталоге примерные, точные сроки публикуют организаторы.
events-ended = Это событие уже прошло. Ближайшие события — в /events.
events-button-profession = Профессия: { $title }
events-button-back = « К списку событий

## Вопрос о событиях

events-answer-abilympics = Ближайшие чемпионаты «Абилимпикс»
events-answer-professionals = Ближайшие этапы чемпионата «Профессионалы»
events-answer-master = Ближайшие конкурсы «Мастер года»
events-answer-championships = Ближайшие чемпионаты и конкурсы
events-answer-open_days = Ближайшие дни открытых дверей
events-answer-tasters = Ближайшие профпробы
events-answer-any = Ближайшие события
events-answer-none = Таких событий в моём каталоге сейчас нет. Все ближайшие события — в /events.
events-answer-more = И ещё { $count } — они в полном списке.
events-button-all = Показать все

## Даты чемпионатов на карточке профессии

card-competencies-dated = Компетенции чемпионатов и ближайшие даты:
card-competency-next = • «{ $name }» ({ $championship }) — { $date }, { $place }
card-competency-undated = • «{ $name }» ({ $championship }) — ближайших дат в моём каталоге нет
events-button-stage = Чемпионат { $date }, { $place }
